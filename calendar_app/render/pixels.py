"""Lines and outlines on whole pixels of the screen, at any scale."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter, QTransform


def crisp(painter: QPainter, rect: QRect) -> QRectF:
    """``rect`` moved to whole pixels of the painter's device, each side as many pixels
    thick wherever it falls: at 125%, 150% or 175%, filled 1 px rects came out one or
    two screen pixels wide by where they fell, the grid's lines unevenly."""
    to_device = painter.deviceTransform()
    scale_x, scale_y = to_device.m11(), to_device.m22()
    whole_already = all(
        value.is_integer() for value in (scale_x, scale_y, to_device.dx(), to_device.dy())
    )
    if whole_already or to_device.type().value > QTransform.TransformationType.TxScale.value:
        return QRectF(rect)  # whole pixels already (or turned: left as it is)
    on_device = to_device.mapRect(QRectF(rect))

    def whole(value: float) -> float:
        return float(math.floor(value + 0.5))

    snapped = QRectF(
        whole(on_device.left()),
        whole(on_device.top()),
        max(1.0, whole(rect.width() * scale_x)),
        max(1.0, whole(rect.height() * scale_y)),
    )
    back, _ = to_device.inverted()
    return back.mapRect(snapped)
