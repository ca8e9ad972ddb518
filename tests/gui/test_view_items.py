"""The month's and week's days and posts as assistive technology finds them."""

from __future__ import annotations

import gc
import weakref
from datetime import date, timedelta
from typing import Any, cast

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calendar_app.ui import accessible
from calendar_app.ui.month_view import MonthView, PeriodView, day_label
from calendar_app.ui.session import CalendarSession
from calendar_app.ui.week_view import WeekView
from tests.gui.conftest import TODAY
from tests.gui.test_month_view import NOVEMBER_GRID, shown_view

Name = QAccessible.Text.Name
Description = QAccessible.Text.Description


def interface(view: PeriodView) -> QAccessibleInterface:
    iface = QAccessible.queryAccessibleInterface(view)
    assert iface is not None
    return iface


def on_screen(view: PeriodView, rect: QRect) -> QRect:
    return QRect(view.mapToGlobal(rect.topLeft()), rect.size())


def busy_day(view: PeriodView) -> date:
    """A day of the period shown (not a day of the month before) with a few posts."""
    days = view.visible_days()
    month = days[len(days) // 2].month
    return next(d for d in days if d.month == month and len(view.posts_on(d)) >= 2)


@pytest.mark.parametrize("view_type", [MonthView, WeekView])
def test_the_views_days_and_posts_are_items_named_as_they_are_painted(
    view_type: type[MonthView | WeekView], session: CalendarSession, qtbot: QtBot
) -> None:
    view = shown_view(view_type, session, qtbot)
    view.set_current_date(TODAY)  # today's week, with posts
    days = view.visible_days()
    assert sum(len(view.posts_on(day)) for day in days) > 5
    iface = interface(view)
    assert iface.role() == QAccessible.Role.List
    assert iface.text(Name) == view.accessibleName()
    assert len(days) == (42 if view_type is MonthView else 7)
    # After the days, the widgets the view is made of (the week's header and hours).
    parts = [iface.child(i) for i in range(len(days), iface.childCount())]
    named = {"Days of the week", "All-day posts", "Hours of the day"}
    assert {part.text(Name) for part in parts} == (set() if view_type is MonthView else named)
    assert [iface.indexOfChild(part) for part in parts] == list(range(len(days), len(days) + 3))[
        : len(parts)
    ]

    for index, day in enumerate(days):
        item = iface.child(index)
        assert item.isValid()
        assert item.role() == QAccessible.Role.ListItem
        assert item.parent() is iface
        assert iface.indexOfChild(item) == index
        posts = view.posts_on(day)
        count = f"{len(posts) or 'no'} post{'s' * (len(posts) != 1)}"
        today = "Today, " if day == TODAY else ""  # marked as it is painted: no word said it
        assert item.text(Name) == f"{today}{day_label(day)}, {count}"
        assert item.text(Description) == ", ".join(view.spoken_cadence(day))
        assert item.rect() == on_screen(view, view.day_rect(day))
        assert item.childCount() == len(posts)
        for position, post_id in enumerate(posts):
            shown = item.child(position)
            assert shown.parent() is item
            assert item.indexOfChild(shown) == position
            assert shown.text(Name) == view.spoken_post(post_id)
            drawn = view.chip_rect(post_id)
            assert shown.rect() == on_screen(view, drawn or view.day_rect(day))
            assert shown.state().offscreen == (drawn is None)
            assert shown.childCount() == 0
        assert item.child(len(posts)) is None
    # The same place is the same item each time it is asked for.
    assert iface.child(3) is iface.child(3)

    day = busy_day(view)
    spoken = iface.child(days.index(day)).child(0).text(Name)
    # What its chip shows, in words: channel, title, status, key messages, campaign.
    assert (
        spoken
        == {
            MonthView: "Blog: Street by street: the neighbourhoods going solar (published;"
            " key message Every roof counts)",
            WeekView: "Blog: Your meter ran backwards this summer: here is why (published;"
            " key message Solar pays for itself; campaign Free roof check)",
        }[view_type]
    )


def test_a_point_on_the_screen_finds_the_day_or_post_painted_there(
    session: CalendarSession, qtbot: QtBot
) -> None:
    month = shown_view(MonthView, session, qtbot)
    iface = interface(month)
    days = month.visible_days()
    day = busy_day(month)
    post_id = month.posts_on(day)[0]
    chip = on_screen(month, cast(QRect, month.chip_rect(post_id)))
    found = iface.childAt(chip.center().x(), chip.center().y())
    assert found is not None
    assert found.text(Name) == month.spoken_post(post_id)
    assert found.parent() is iface.child(days.index(day))

    cell = on_screen(month, month.day_rect(day))
    below = QPoint(cell.center().x(), cell.bottom() - 2)  # under the day's chips
    assert iface.childAt(below.x(), below.y()) is iface.child(days.index(day))
    away = month.mapToGlobal(QPoint(-50, -50))
    assert iface.childAt(away.x(), away.y()) is None


def test_the_keyboard_is_on_the_focused_and_selected_item(
    session: CalendarSession, qtbot: QtBot
) -> None:
    month = shown_view(MonthView, session, qtbot)
    iface = interface(month)
    days = month.visible_days()
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    day = busy_day(month)
    month.set_current_date(day)
    item = iface.child(days.index(day))
    assert iface.focusChild() is item
    assert item.state().focused
    assert item.state().selected
    other = iface.child(days.index(TODAY))
    assert other is not item
    assert not other.state().focused
    assert not other.state().selected

    qtbot.keyClick(month, Qt.Key.Key_Tab)  # to the day's first post
    first = item.child(0)
    assert iface.focusChild() is first
    assert item.focusChild() is first
    assert first.state().focused
    assert first.state().selected
    assert not item.state().focused
    assert item.state().selected

    qtbot.keyClick(month, Qt.Key.Key_Right)
    assert iface.focusChild() is iface.child(days.index(day) + 1)

    month.clearFocus()
    qtbot.waitUntil(lambda: not month.hasFocus())
    assert iface.focusChild() is None


class Heard:
    """The events a screen reader gets from the views, as Qt's bridge passes them on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[QAccessible.Event, QAccessibleInterface]] = []
        monkeypatch.setattr(accessible, "post_event", self.hear)
        monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))

    def hear(self, event: QAccessibleEvent) -> None:
        self.events.append((event.type(), event.accessibleInterface()))

    def of(self, kind: QAccessible.Event) -> list[QAccessibleInterface]:
        return [item for said, item in self.events if said == kind]

    def focus(self) -> list[str]:
        return [item.text(Name) for item in self.of(QAccessible.Event.Focus)]

    def after(self, qtbot: QtBot, view: PeriodView, key: Qt.Key, mods: Any = None) -> None:
        """Press ``key``, what it says then said (once the key press is done with)."""
        self.events.clear()
        qtbot.keyClick(view, key, mods or Qt.KeyboardModifier.NoModifier)
        QApplication.processEvents()


def test_a_screen_reader_hears_where_the_keyboard_goes_once_a_key(
    session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard = Heard(monkeypatch)
    month = shown_view(MonthView, session, qtbot)
    month.clearFocus()
    qtbot.waitUntil(lambda: not month.hasFocus())
    day = busy_day(month)
    month.set_current_date(day)
    QApplication.processEvents()
    heard.events.clear()
    month.set_current_date(day + timedelta(days=1))
    QApplication.processEvents()
    assert heard.events == []  # not while the keyboard is elsewhere
    month.set_current_date(day)
    month.setFocus()
    qtbot.waitUntil(lambda: heard.focus() == [month.spoken_day(day)])
    heard.after(qtbot, month, Qt.Key.Key_Tab)
    first = month.posts_on(day)[0]
    assert heard.focus() == [month.spoken_post(first)]
    heard.after(qtbot, month, Qt.Key.Key_Right)
    after = day + timedelta(days=1)
    assert heard.focus() == [month.spoken_day(after)]
    (was,) = heard.of(QAccessible.Event.Focus)
    # The same place of the grid, another day: another item (a screen reader says
    # nothing when the focus lands on the item it is on); said once, as it then is
    # (it was said before the new month's cadence was known, then again).
    heard.after(qtbot, month, Qt.Key.Key_PageDown)
    assert month.current_date().month == after.month + 1
    assert heard.focus() == [month.spoken_day(month.current_date())]
    assert len(heard.events) == 1
    (now,) = heard.of(QAccessible.Event.Focus)
    assert now is not was
    assert now.text(Description) == ", ".join(month.spoken_cadence(month.current_date()))

    month.clearFocus()
    qtbot.waitUntil(lambda: not month.hasFocus())
    heard.events.clear()
    month.setFocus()  # said again, back in
    qtbot.waitUntil(lambda: heard.focus() == [month.spoken_day(month.current_date())])


def test_hints_picks_and_selections_are_said_on_the_focused_item(
    session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They were said in the view's description, which a screen reader does not read
    once the focus is on a day or a post."""
    heard = Heard(monkeypatch)
    month = shown_view(MonthView, session, qtbot)
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    iface = interface(month)
    empty = next(d for d in month.visible_days()[7:28] if not month.posts_on(d))
    month.set_current_date(empty)
    QApplication.processEvents()
    for _ in range(2):  # no post to go to: how to go on, each time it is asked
        heard.after(qtbot, month, Qt.Key.Key_Tab)
        (changed,) = heard.of(QAccessible.Event.DescriptionChanged)
        assert changed is iface.focusChild()
        assert changed.text(Description).startswith(
            "no post on this day to Tab to; Ctrl+Tab goes to the next pane"
        )

    day = busy_day(month)
    month.set_current_date(day)
    heard.after(qtbot, month, Qt.Key.Key_Tab)
    post = iface.focusChild()
    assert post is not None
    heard.after(qtbot, month, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert "selected (Ctrl+Space selects or deselects it)" in post.text(Description)
    assert heard.of(QAccessible.Event.DescriptionChanged) == [post]
    heard.after(qtbot, month, Qt.Key.Key_Tab)  # on to the day's next post, still picking
    other = iface.focusChild()
    assert other is not None
    assert other is not post
    assert "not selected" in other.text(Description)
    assert not other.state().selected
    heard.after(qtbot, month, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert heard.of(QAccessible.Event.SelectionAdd) == [other]  # picked too
    assert other.state().selected
    assert heard.of(QAccessible.Event.DescriptionChanged) == [other]
    assert other.text(Description).startswith("2 posts selected: ")
    # Escape drops the picks: said once, as it then is (it said "selected" first).
    heard.after(qtbot, month, Qt.Key.Key_Escape)
    assert set(heard.of(QAccessible.Event.SelectionRemove)) == {post, other}
    said = [
        (kind, item) for kind, item in heard.events if kind != QAccessible.Event.SelectionRemove
    ]
    assert said == [(QAccessible.Event.Focus, iface.focusChild())]  # back on the day
    assert "selected" not in said[0][1].text(Description)


def test_items_follow_the_period_shown_and_go_with_the_view(
    session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    Heard(monkeypatch)
    view = MonthView(session)  # deleted here, not closed by qtbot
    view.show()
    iface = interface(view)
    item = iface.child(0)
    assert item.text(Name).startswith(day_label(NOVEMBER_GRID[0]))
    post = item.child(0)
    assert post is not None
    # In Qt's cache, as a screen reader's bridge puts them.
    gone = [QAccessible.uniqueId(i) for i in (item, post)]
    assert all(QAccessible.accessibleInterface(i) is not None for i in gone)
    view.step(1)  # another month: other days, other posts
    QApplication.processEvents()
    assert all(QAccessible.accessibleInterface(i) is None for i in gone)
    fresh = iface.child(0)
    assert fresh.text(Name).startswith(day_label(view.visible_days()[0]))
    kept = [QAccessible.uniqueId(i) for i in (iface, fresh)]

    view.hide()  # as when the agenda is shown instead
    assert fresh.state().invisible
    assert fresh.state().offscreen

    view.close()
    view.deleteLater()
    gone_view = weakref.ref(view)
    del iface, item, post, fresh, view
    qtbot.waitUntil(lambda: all(QAccessible.accessibleInterface(i) is None for i in kept))
    gc.collect()  # nothing left for Qt to free twice, or to call into
    # Nor kept in memory by its interfaces (PySide keeps those a factory gave).
    assert gone_view() is None
    again = shown_view(MonthView, session, qtbot)
    assert interface(again).childCount() == 42
