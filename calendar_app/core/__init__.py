"""The calendar engine: pure Python, never imports Qt."""
