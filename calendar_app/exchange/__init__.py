"""Ways in and out of a calendar: pure Python, never imports Qt."""
