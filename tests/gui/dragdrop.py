"""Drops through real Qt drop events, as PLATFORM.md describes for offscreen tests.

Under offscreen a real QDrag never drops, so tests send the enter, move and
drop events a drag would produce, carrying the drag's QMimeData.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

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
