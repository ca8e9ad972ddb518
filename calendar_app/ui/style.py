"""The application's style: the platform's own, with edges that show in every palette.

Fusion (Qt's style where the desktop names none) draws an unticked box and a text
field's frame a shade darker than the window: all but the window's own colour in a
dark palette (1.1:1), not drawn at all in white on black, where the editor's body,
link and notes were black areas without an outline and the managers' "Starts on"
box could not be seen to be ticked. Cadence's own lists already edged their boxes
(:func:`.post_model.paint_box_edge`); the style does it for every widget.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from ..render.chips import contrast
from .post_model import paint_box_edge

FAINT_FRAME = 1.5
"""Below this contrast with the field's own colour, a frame is edged (Fusion's light
palette reads 2.3:1 and keeps its own look)."""

_FRAMES = frozenset({QStyle.PrimitiveElement.PE_FrameLineEdit, QStyle.PrimitiveElement.PE_Frame})
_FIELDS = frozenset({QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox})
"""Fields drawn whole by the style (a cadence's spin box, a kind's list), framed as a
text field is."""


def faint_frames(palette: QPalette) -> bool:
    """Whether the style's frames, a shade darker than the window, hardly show on the
    fields' own colour in ``palette`` (a dark one, or white on black)."""
    frame = palette.color(QPalette.ColorRole.Window).darker(140)
    return contrast(frame, palette.color(QPalette.ColorRole.Base)) < FAINT_FRAME


def _edge_color(palette: QPalette) -> QColor:
    edge = QColor(palette.color(QPalette.ColorRole.Text))
    edge.setAlpha(120)
    return edge


class EdgedStyle(QProxyStyle):
    """The platform's style with the edges of check boxes, radio buttons and (where
    they would not show) text fields and frames drawn in the text's colour, faded."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            paint_box_edge(painter, option.rect, option.palette)
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            _paint_ring(painter, option.rect, option.palette)
        elif element in _FRAMES and faint_frames(option.palette):
            paint_box_edge(painter, option.rect, option.palette)  # (a frame's is a box's)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _FIELDS and faint_frames(option.palette):
            paint_box_edge(painter, option.rect, option.palette)  # (a frame's is a box's)


def _paint_ring(painter: QPainter, box: QRect, palette: QPalette) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(_edge_color(palette))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(box.adjusted(1, 1, -1, -1))
    painter.restore()


def use_edged_style(app: QApplication) -> None:
    """Give ``app`` :class:`EdgedStyle` over the style it has (the desktop's)."""
    if not isinstance(app.style(), EdgedStyle):
        app.setStyle(EdgedStyle(app.style().name()))
