"""GUI fixtures: a real demo calendar on disk, opened in a session with a fixed today."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from calendar_app.core.demo import write_demo
from calendar_app.core.models import Post
from calendar_app.core.store import CalendarStore, Scope
from calendar_app.ui.session import CalendarSession

_NO_EDIT = datetime(2000, 1, 1, tzinfo=UTC)


def unversioned(posts: Iterable[Post]) -> list[Post]:
    """The posts as they read, whatever their version: an undo puts a post back as it
    was, in a version of its own (an edit made again, now)."""
    return [replace(p, updated_at=_NO_EDIT, revision=0) for p in posts]


TODAY = date(2026, 11, 18)
"""A Wednesday; the demo calendar is planned around it."""


READ_ONLY = "The calendar file is read-only, so the change could not be saved."
"""What the user is told when the file refuses a change."""


@contextlib.contextmanager
def read_only(store: CalendarStore) -> Iterator[None]:
    """The calendar answers as a read-only file does, for the time of the block."""
    store.db.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        store.db.execute("PRAGMA query_only = OFF")


class ScopeAnswers:
    """Stands in for the "this one / following / all" question, recording each ask."""

    def __init__(self) -> None:
        self.answer: Scope | None = "this"
        self.asked: list[str] = []

    def __call__(self, parent: QWidget | None, verb: str) -> Scope | None:
        self.asked.append(verb)
        return self.answer


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.cadence"
    write_demo(path, today=TODAY)
    return path


@pytest.fixture
def american() -> Iterator[None]:
    """The window's language American English (a 12-hour clock, weeks from Sunday)."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        yield
    finally:
        QLocale.setDefault(QLocale.c())


@pytest.fixture
def scope_answers() -> ScopeAnswers:
    return ScopeAnswers()


NOW = time(9, 0)
"""The time of day the tests' sessions are at, on :data:`TODAY` (the clock's made the
week open elsewhere than at 07:00 from the evening on, and a post of today at 18:00
"sent" or not by the hour the tests ran)."""


@pytest.fixture
def session(
    demo_path: Path, scope_answers: ScopeAnswers, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CalendarSession]:
    store = CalendarStore.open(demo_path)
    session = CalendarSession(store, today=TODAY, scope_chooser=scope_answers)
    monkeypatch.setattr(session, "now", lambda: NOW)
    yield session
    session.undo_stack.clear()
    store.close()


@pytest.fixture(autouse=True)
def nothing_left_to_delete(qapp: object) -> None:
    """The widgets a test before left to be deleted (pytest-qt closes them and asks for
    their deletion) are gone before this one starts: counted, or deleted while its own
    dialog runs, they made tests fail by the order they ran in."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_button_left_down(qapp: object) -> Iterator[None]:
    """A test that leaves a mouse button down would make the window of the next one
    believe a drag is on its way (it then waits before reading an outside change)."""
    yield
    held = QApplication.mouseButtons()
    if held != Qt.MouseButton.NoButton:
        QTest.mouseRelease(QWidget(), held)  # so that the tests after it are not failed too
    assert held == Qt.MouseButton.NoButton, "a mouse button left down"


def double_click(qtbot: QtBot, widget: QWidget, pos: QPoint) -> None:
    """A double-click as a user makes one. QTest's mouseDClick ends without releasing
    the button, so Qt would go on believing it held down (a drag on its way) into the
    tests that follow."""
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=pos)


OFFSCREEN_POPUPS = pytest.mark.qt_log_ignore("This plugin does not support")
"""The offscreen platform shows popups and boxes but warns that it cannot raise,
grab or size them as a window system would."""


@contextlib.contextmanager
def app_font_times(factor: float) -> Iterator[None]:
    """The application's font ``factor`` times its size (a large system font) while
    the block runs, as widgets made in it take it."""
    usual = QApplication.font()
    large = QFont(usual)
    large.setPointSizeF(usual.pointSizeF() * factor)
    QApplication.setFont(large)
    try:
        yield
    finally:
        QApplication.setFont(usual)


def red_pixels(image: QImage, rect: QRect) -> int:
    """How many pixels of ``rect`` (in the grabbed widget's coordinates) are of the
    overdue red, as the badges fill them."""
    ratio = image.devicePixelRatio()
    count = 0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            color = image.pixelColor(int(x * ratio), int(y * ratio))
            count += color.red() > 150 and color.green() < 110 and color.blue() < 110
    return count


def heard_announcements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What Cadence announces to a screen reader from now on (a result in the status
    bar, a status changed...), as Qt's bridge would pass it on, a screen reader on."""
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    from calendar_app.ui import accessible

    said: list[str] = []

    def hear(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Announcement:
            said.append(event.message())  # type: ignore[attr-defined]

    monkeypatch.setattr(accessible, "post_event", hear)
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    return said
