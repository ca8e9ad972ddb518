"""The window: PySide6 widgets over the calendar store."""
