"""Right-to-left names painted on chips, the cadence panel and the report (the backlog's
are tested with it): a Hebrew title with a Latin word reads right to left, as it does
when set apart by hand with U+2068 ... U+2069, rather than in pieces ("ב עצבמ-Cadence")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from calendar_app.core.cadence import MessageStatus
from calendar_app.core.models import isolated
from calendar_app.render import pdf
from calendar_app.render.cadence_strip import StripColors, StripRow, paint_row_label
from calendar_app.render.chips import Chip, ChipTheme, paint_chip
from calendar_app.render.report import PageStyle, paint_page_title

HEBREW = "מבצע ב-Cadence 2027"
SET_APART = f"\u2068{HEBREW}\u2069"


def painted(paint: Callable[[QPainter], object], width: int = 360, height: int = 40) -> QImage:
    """What ``paint`` leaves on a white image the size of a chip or a row."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # as on a widget
    paint(painter)
    painter.end()
    return image


def font() -> QFont:
    return QApplication.font()


def test_the_helper_sets_apart_only_text_with_right_to_left_letters() -> None:
    assert isolated(HEBREW) == SET_APART
    assert isolated("سلام") == "\u2068سلام\u2069"
    assert isolated("Launch day 2027") == "Launch day 2027"
    assert isolated("") == ""
    assert isolated("Café") == "Café"


def test_direction_marks_left_open_in_a_name_end_with_it() -> None:
    """A right-to-left override pasted in a name turned the words after it backwards
    ("'Warranty.syad 82 yb eudrevo" in the report's summary)."""
    override = "Warranty\u202e"
    assert isolated(override) == f"\u2068{override}\u2069"
    # An isolate left open would take the closing mark for its own: closed first.
    assert isolated("Launch\u2067 day") == "\u2068Launch\u2067 day\u2069\u2069"
    assert isolated("a\u2067b\u2069") == "\u2068a\u2067b\u2069\u2069"
    # A closing mark with nothing to close would end the isolate early: left out.
    assert isolated("Warr\u2069anty\u202e") == "\u2068Warranty\u202e\u2069"


def test_the_two_ways_of_painting_differ_so_the_checks_below_can_fail(qapp: object) -> None:
    def naive(text: str) -> QImage:
        return painted(lambda p: p.drawText(10, 25, text))

    assert naive(HEBREW) != naive(SET_APART)


def test_a_chip_title(qapp: object) -> None:
    theme = ChipTheme.from_palette(QPalette())
    chip = Chip(HEBREW, QColor("#2f6fd6"))

    def chip_image(title: str) -> QImage:
        return painted(
            lambda p: paint_chip(
                p, QRectF(2, 8, 350, 24), replace(chip, title=title), theme, font()
            )
        )

    assert chip_image(HEBREW) == chip_image(SET_APART)


def test_a_key_message_in_the_cadence_panel(qapp: object) -> None:
    row = StripRow(
        1, HEBREW, "#2f6fd6", 14, MessageStatus.OVERDUE, 5, None, None, None, None, (), ()
    )
    colors = StripColors.from_palette(QPalette())

    def label(title: str) -> QImage:
        return painted(
            lambda p: paint_row_label(
                p, replace(row, title=title), QRectF(0, 0, 360, 40), colors, font()
            )
        )

    assert label(HEBREW) == label(SET_APART)


def test_the_calendar_name_on_a_report_page(qapp: object) -> None:
    style = PageStyle()

    def title(name: str) -> QImage:
        return painted(
            lambda p: paint_page_title(
                p, style, QRectF(0, 0, 500, 120), "Message delivery report", name, "November"
            ),
            500,
            120,
        )

    assert title(HEBREW) == title(SET_APART)


class _Recording(QPainter):
    """A painter that notes every text it draws, and where."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[tuple[float, str]] = []

    def drawText(self, *args: object) -> None:  # type: ignore[override]
        at, text = args[0], args[-1]
        assert isinstance(text, str)
        self.texts.append((at.x() if isinstance(at, QPointF) else 0.0, text))
        super().drawText(*args)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("title", "mark"),
    [
        ("Solar 2026 — חיסכון של 40% on every roof (mixed direction)", "\u2066"),
        ("חיסכון בחשבון החשמל: כך זה עובד בפועל עם Cadence", "\u2067"),
    ],
)
def test_a_wrapped_title_runs_one_way_on_every_line_of_a_printed_chip(
    qapp: object, title: str, mark: str
) -> None:
    """Each line of a title wrapped on the printed page runs the way the whole title
    does (each line once picked its own, and a Latin title's Hebrew line flipped its
    brackets); a right-to-left title's lines end at the chip's right."""
    image = QImage(160, 80, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = _Recording(image)
    painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    theme = ChipTheme.from_palette(QPalette())
    rect = QRectF(0, 0, 150, 70)
    pdf._paint_post(painter, rect, Chip(title, QColor("#2f6fd6")), theme, font(), 4)
    painter.end()
    lines = [(x, text) for x, text in painter.texts if text.strip("\u2066\u2067\u2069")]
    assert len(lines) >= 3
    assert all(text.startswith(mark) and text.endswith("\u2069") for _, text in lines)
    metrics = QFontMetricsF(font())
    ends = [x + metrics.horizontalAdvance(text) for x, text in lines[1:]]
    if mark == "\u2067":
        assert max(ends) - min(ends) < 1.5  # flush right
    else:
        assert len({round(x) for x, _ in lines[1:]}) == 1  # flush left


def test_a_title_quoted_in_a_sentence_runs_its_own_way(qapp: object) -> None:
    """The status bar's "1 of 3: '…'" and an undo's "Delete post '…'": the opening
    quote sat after "ב", read as a Hebrew abbreviation mark."""
    from calendar_app.ui.commands import elide

    assert elide(HEBREW) == SET_APART
    assert elide(HEBREW + " x" * 30).endswith("…\u2069")
    assert elide("Launch day") == "Launch day"
