"""The month's and week's days and posts as assistive technology finds them."""

from __future__ import annotations

import gc
from datetime import date
from typing import cast

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
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
    view.set_current_date(busy_day(view))  # the week: one with posts
    days = view.visible_days()
    iface = interface(view)
    assert iface.role() == QAccessible.Role.List
    assert iface.text(Name) == view.accessibleName()
    assert iface.childCount() == len(days) == (42 if view_type is MonthView else 7)

    for index, day in enumerate(days):
        item = iface.child(index)
        assert item.isValid()
        assert item.role() == QAccessible.Role.ListItem
        assert item.parent() is iface
        assert iface.indexOfChild(item) == index
        posts = view.posts_on(day)
        count = f"{len(posts) or 'no'} post{'s' * (len(posts) != 1)}"
        assert item.text(Name) == f"{day_label(day)}, {count}"
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
    assert iface.child(len(days)) is None

    day = busy_day(view)
    post_id = view.posts_on(day)[0]
    spoken = iface.child(days.index(day)).child(0).text(Name)
    assert view.session.store.post(post_id).title in spoken


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


def test_a_screen_reader_hears_where_the_keyboard_goes_once_a_key(
    session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []

    def hear(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Focus:
            heard.append(event.accessibleInterface().text(Name))

    monkeypatch.setattr(accessible, "post_event", hear)
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    month = shown_view(MonthView, session, qtbot)
    month.clearFocus()
    qtbot.waitUntil(lambda: not month.hasFocus())
    heard.clear()
    day = busy_day(month)
    month.set_current_date(day)
    assert heard == []  # not while the keyboard is elsewhere
    month.setFocus()
    qtbot.waitUntil(lambda: heard == [month.spoken_day(day)])
    qtbot.keyClick(month, Qt.Key.Key_Tab)
    first = month.posts_on(day)[0]
    assert heard[1:] == [month.spoken_post(first)]
    qtbot.keyClick(month, Qt.Key.Key_Right)
    after = day.replace(day=day.day + 1)
    assert heard[2:] == [month.spoken_day(after)]
    qtbot.keyClick(month, Qt.Key.Key_PageDown)  # the same place of the grid, another day
    assert heard[3:] == [month.spoken_day(month.current_date())]
    assert month.current_date().month == after.month + 1

    month.clearFocus()
    qtbot.waitUntil(lambda: not month.hasFocus())
    month.setFocus()  # said again, back in
    qtbot.waitUntil(lambda: heard[4:] == [month.spoken_day(month.current_date())])


def test_items_follow_the_period_shown_and_go_with_the_view(
    session: CalendarSession, qtbot: QtBot
) -> None:
    view = MonthView(session)  # deleted here, not closed by qtbot
    view.show()
    iface = interface(view)
    item = iface.child(0)
    assert item.text(Name).startswith(day_label(NOVEMBER_GRID[0]))
    view.step(1)
    assert item.isValid()
    assert item.text(Name).startswith(day_label(view.visible_days()[0]))
    # In Qt's cache, as a screen reader's bridge puts them; gone with the view.
    ids = [QAccessible.uniqueId(i) for i in (iface, item, item.child(0) or item)]
    assert all(QAccessible.accessibleInterface(i) is not None for i in ids)
    view.close()
    view.deleteLater()
    del iface, item
    qtbot.waitUntil(lambda: all(QAccessible.accessibleInterface(i) is None for i in ids))
    gc.collect()  # nothing left for Qt to free twice, or to call into
    fresh = shown_view(MonthView, session, qtbot)
    assert interface(fresh).childCount() == 42
