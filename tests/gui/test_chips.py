"""A post's chip as the month and the week paint it."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette

from calendar_app.core.models import MARKERS_SHOWN, PostStatus
from calendar_app.core.store import PALETTE
from calendar_app.render.chips import Chip, ChipTheme, chip_inks, contrast, paint_chip


class _Recording(QPainter):
    """A painter that keeps the texts it draws."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: Any) -> None:  # type: ignore[override]
        self.texts.append(next(a for a in args if isinstance(a, str)))
        super().drawText(*args)


def _texts(chip: Chip, width: int) -> list[str]:
    image = QImage(width, 24, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = _Recording(image)
    try:
        theme = ChipTheme.from_palette(QPalette())
        paint_chip(painter, QRectF(0, 0, width, 22), chip, theme, QFont())
    finally:
        painter.end()
    return painter.texts


@pytest.mark.parametrize(("markers", "more"), [(6, "+2"), (4, None), (5, "+1")])
def test_key_messages_beyond_the_dots_are_counted(
    qapp: object, markers: int, more: str | None
) -> None:
    """A post carrying six key messages showed four dots and nothing more, read as all
    of them (the web page writes "+2")."""
    colors = tuple(QColor.fromHsv(40 * i, 200, 200) for i in range(markers))
    chip = Chip("Every message at once", QColor("#2f6fde"), colors, time(11, 0))
    texts = _texts(chip, 260)
    assert texts[0] == "11:00"
    assert [t for t in texts if t.startswith("+")] == ([more] if more else [])
    assert markers - MARKERS_SHOWN == (int(more) if more else 0)


def test_a_chip_counts_only_beside_its_four_dots_and_keeps_its_title(qapp: object) -> None:
    """Beside a narrow chip's one dot, "+5" read as the day's more posts, and the count
    took the title's room ("All…"): it comes only with all four dots and a title of
    some length, and takes no dot's place."""
    colors = tuple(QColor.fromHsv(40 * i, 200, 200) for i in range(6))
    counted = []
    for width in range(40, 260):
        texts = _texts(Chip("Every message at once", QColor("#2f6fde"), colors), width)
        counts = [int(t[1:]) for t in texts if t.startswith("+")]
        counted += [(width, count) for count in counts]
        title = texts[-1].rstrip("…")
        assert title.startswith("Ev"), width
        assert not counts or len(title) >= 6, (width, title)
    assert {count for _, count in counted} == {2}
    assert counted[0][0] > 100  # a wide chip's, not a narrow one's


@pytest.mark.parametrize("status", [PostStatus.SCHEDULED, PostStatus.PUBLISHED, PostStatus.DRAFT])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_chip_s_time_reads_at_4_5_to_1_on_its_own_tint(status: PostStatus, dark: bool) -> None:
    """The time's grey was made 4.5:1 on the background alone: on a LinkedIn chip's tint
    it read at 4.26:1."""
    palette = QPalette()
    if dark:
        palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    theme = ChipTheme.from_palette(palette)
    for color in PALETTE:
        _channel, fill, _text, dim = chip_inks(Chip("Post", QColor(color), status=status), theme)
        assert contrast(dim, fill) >= 4.5, color
