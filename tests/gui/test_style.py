"""The application's style: boxes and fields whose edges show in every palette."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from calendar_app.render.chips import contrast
from calendar_app.ui.style import EdgedStyle, faint_frames


def _palette(window: str, base: str, text: str) -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
    ):
        palette.setColor(role, QColor(color))
    return palette


DARK = ("#2b2b2b", "#1e1e1e", "#e0e0e0")
WHITE_ON_BLACK = ("#000000", "#000000", "#ffffff")
LIGHT = ("#efefef", "#ffffff", "#000000")


def _edge_contrast(image: QImage, rect: QRect, background: QColor) -> float:
    """The most any pixel on ``rect``'s outline stands out from ``background``."""
    points = [
        (x, y) for x in range(rect.left(), rect.right() + 1) for y in (rect.top(), rect.bottom())
    ]
    points += [
        (x, y) for y in range(rect.top(), rect.bottom() + 1) for x in (rect.left(), rect.right())
    ]
    return max(contrast(image.pixelColor(x, y), background) for x, y in points)


def _edges_seen(
    qtbot: QtBot,
    make: Callable[[], QWidget],
    edge: Callable[[QStyle, QWidget], QRect],
    colors: tuple[str, str, str],
) -> dict[str, float]:
    """How far the edge of the widget ``make`` makes stands out from the window's colour,
    drawn by Fusion alone and by the edged style (``edge``: where its edge is)."""
    seen = {}
    for name, style in (
        ("fusion", QStyleFactory.create("Fusion")),
        ("edged", EdgedStyle("Fusion")),
    ):
        widget = make()
        qtbot.addWidget(widget)
        widget.setStyle(style)
        widget.setPalette(_palette(*colors))
        widget.adjustSize()
        image = widget.grab().toImage()
        seen[name] = _edge_contrast(image, edge(style, widget), QColor(colors[0]))
    return seen


def _indicator(style: QStyle, box: QWidget) -> QRect:
    option = QStyleOptionButton()
    option.initFrom(box)
    return style.subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)


@pytest.mark.parametrize(
    "colors", [DARK, WHITE_ON_BLACK, LIGHT], ids=["dark", "white-on-black", "light"]
)
def test_an_unticked_box_shows_in_every_palette(qtbot: QtBot, colors: tuple[str, str, str]) -> None:
    """Fusion's box measured 1.1:1 on a dark dialog and was not drawn in white on black:
    "Starts on" could not be seen to be ticked or not."""
    seen = _edges_seen(qtbot, lambda: QCheckBox("Starts on"), _indicator, colors)
    assert seen["edged"] >= 2.5
    if colors != LIGHT:
        assert seen["fusion"] < 1.5, "(Fusion's own, for the measure to mean something)"


def test_a_text_field_shows_its_frame_in_white_on_black(qtbot: QtBot) -> None:
    seen = _edges_seen(
        qtbot,
        lambda: QLineEdit("https://solenne.example/offer"),
        lambda _style, field: field.rect(),
        WHITE_ON_BLACK,
    )
    assert seen["fusion"] < 1.5
    assert seen["edged"] >= 2.5


def test_frames_are_edged_only_where_the_style_s_would_not_show() -> None:
    assert faint_frames(_palette(*DARK))
    assert faint_frames(_palette(*WHITE_ON_BLACK))
    assert not faint_frames(_palette(*LIGHT))


def test_the_application_takes_the_edged_style_over_the_desktop_s() -> None:
    code = (
        "from calendar_app.ui.main import make_application\n"
        "app = make_application()\n"
        "print(type(app.style()).__name__, app.style().baseStyle().name())\n"
    )
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True
    )
    assert done.stdout.split() == ["EdgedStyle", "fusion"]
