"""Guards against a Qt binding that corrupts the interpreter while painting.

PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to ``None`` on
every call that returns nothing; after a few thousand paints the process
aborts. pyproject.toml keeps that release out; this test fails if it comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter


def test_painting_keeps_references_to_none_intact(qapp: object) -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(5000):
        painter.fillRect(QRect(0, 0, 8, 8), QColor("#2f6fde"))
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 50


def test_the_window_icon_has_each_size_on_a_dense_screen(qapp: object) -> None:
    """At 150% or 200%, Qt gave every size from the first file it read: a 32 px icon
    stretched in the taskbar and the window switcher."""
    from PySide6.QtCore import QSize

    from calendar_app.resources import app_icon

    icon = app_icon()
    for size in (16, 32, 64, 128):
        assert icon.pixmap(QSize(size, size), 2.0).width() == 2 * size
        assert icon.pixmap(QSize(size, size), 1.0).width() == size
