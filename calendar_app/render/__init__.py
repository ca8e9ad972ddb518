"""Painting shared by the window and the exports: QtGui only, never widgets."""
