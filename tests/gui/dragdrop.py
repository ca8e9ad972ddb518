"""Drops through real Qt drop events, as PLATFORM.md describes for offscreen tests.

Under offscreen a real QDrag never drops, so tests send the enter, move and
drop events a drag would produce, carrying the drag's QMimeData.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

E = TypeVar("E", QDragEnterEvent, QDragMoveEvent, QDropEvent)

ACTIONS = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


def modifiers(ctrl: bool) -> Qt.KeyboardModifier:
    return Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier


def drag_event(
    kind: type[E],
    pos: QPoint,
    mime: QMimeData,
    *,
    ctrl: bool = False,
    actions: Qt.DropAction = ACTIONS,
) -> E:
    """An event of ``kind`` at ``pos``, as a drag with the left button produces."""
    return kind(pos, actions, mime, Qt.MouseButton.LeftButton, modifiers(ctrl))


def drag_over(widget: QWidget, pos: QPoint, mime: QMimeData, *, ctrl: bool = False) -> bool:
    """Enter ``widget`` and move to ``pos``; True when the widget accepts the drag."""
    enter = drag_event(QDragEnterEvent, pos, mime, ctrl=ctrl)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    move = drag_event(QDragMoveEvent, pos, mime, ctrl=ctrl)
    QApplication.sendEvent(widget, move)
    return move.isAccepted()


def send_drop(widget: QWidget, pos: QPoint, mime: QMimeData, *, ctrl: bool = False) -> QDropEvent:
    """Drag ``mime`` over ``pos`` and drop it there, as Qt would; the drag must be accepted."""
    assert drag_over(widget, pos, mime, ctrl=ctrl)
    drop = drag_event(QDropEvent, pos, mime, ctrl=ctrl)
    QApplication.sendEvent(widget, drop)
    return drop


def drag_from(qtbot: QtBot, widget: QWidget, at: QPoint) -> QPoint:
    """Press the left button at ``at``, move it past the drag distance (a drag starts:
    a test replaces ``QDrag.exec`` to see it) and let go; the point let go at."""
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(widget, left, pos=at)
    far = QPointF(at + QPoint(0, 3 * QApplication.startDragDistance()))
    QApplication.sendEvent(
        widget,
        QMouseEvent(
            QEvent.Type.MouseMove,
            far,
            widget.mapToGlobal(far),
            Qt.MouseButton.NoButton,
            left,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    qtbot.mouseRelease(widget, left, pos=far.toPoint())
    return far.toPoint()
