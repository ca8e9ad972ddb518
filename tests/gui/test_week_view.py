"""The week view: columns by hour, the all-day strip, drops that set the time."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QDrag, QDragLeaveEvent, QFontMetricsF
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from calendar_app.core.models import ChangeSet, NewPost, Post, PostStatus
from calendar_app.core.store import CalendarStore
from calendar_app.render.cadence_strip import range_text
from calendar_app.render.chips import more_width
from calendar_app.ui.commands import AddPostCommand, MovePostsCommand
from calendar_app.ui.dnd import posts_mime
from calendar_app.ui.gaps import repeat_post, schedule_idea
from calendar_app.ui.month_view import MonthView
from calendar_app.ui.session import CalendarSession, Filters
from calendar_app.ui.week_view import HOUR_HEIGHT, MIN_LANE_WIDTH, WeekView
from tests.gui.conftest import TODAY, ScopeAnswers, double_click, red_pixels

from .dragdrop import drag_from, drag_over, send_drop

MONDAY = date(2026, 11, 16)
SUNDAY = date(2026, 11, 22)


@pytest.fixture
def week(session: CalendarSession, qtbot: QtBot) -> WeekView:
    view = WeekView(session)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    with qtbot.waitExposed(view):
        view.show()
    return view


def column_x(view: WeekView, day: date) -> int:
    return view.day_rect(day).center().x()


def grid_point(view: WeekView, day: date, at: time) -> QPoint:
    """A point in the time grid at ``at`` (scrolling there first)."""
    view.scroll_to_time(time(max(at.hour - 1, 0), 0))
    return QPoint(column_x(view, day), view.y_for_time(at))


def strip_point(view: WeekView, day: date) -> QPoint:
    strip = view.all_day_rect()
    return QPoint(column_x(view, day), strip.bottom() - 2)


def movable_post(session: CalendarSession, day: date, *, timed: bool = True) -> Post:
    return next(
        p
        for p in session.posts_between(day, day)
        if p.series_id is None and (p.time is not None) == timed
    )


def add_post(session: CalendarSession, title: str, day: date, at: time | None) -> int:
    channel = session.channels()[0].id
    command = AddPostCommand(
        session, NewPost(title, channel, date=day, time=at, status=PostStatus.SCHEDULED)
    )
    session.push(command)
    return command.created_ids[0]


# -- geometry ------------------------------------------------------------------


@pytest.mark.parametrize("width", [360, 1000])
def test_the_header_writes_its_dates_in_the_language_s_digits_at_any_width(
    session: CalendarSession, qtbot: QtBot, width: int
) -> None:
    """Narrow, the Arabic header read "16 17 18" beside the rail's "٤ م"."""
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    try:
        view = WeekView(session)
        qtbot.addWidget(view)
        view.resize(width, 700)
        with qtbot.waitExposed(view):
            view.show()
        numbers = [c.number for c in view.header_cells()]
    finally:
        QLocale.setDefault(QLocale.c())
    assert all(numbers), numbers
    assert not any(re.search("[0-9]", n) for n in numbers), numbers


@pytest.mark.parametrize("width", [560, 700, 1000, 1600])
def test_the_header_keeps_names_and_dates_clear_of_the_badges(
    week: WeekView, session: CalendarSession, width: int, qtbot: QtBot
) -> None:
    week.resize(width, 700)
    qtbot.waitUntil(lambda: week.width() == width)
    cells = week.header_cells()
    assert any(not c.corner.isEmpty() for c in cells), "the demo has overdue days this week"
    for c in cells:
        assert c.cell.contains(c.date_rect.toAlignedRect())
        assert not c.date_rect.intersects(c.corner), c.day
        assert not c.name_rect.intersects(c.corner), c.day
        assert c.name_rect.right() <= c.date_rect.left() + 0.5
    lengths = {len(c.name) for c in cells}
    assert len(lengths) == 1, "one form of day name in every column (or none)"
    if width >= 1000:
        assert all(c.name for c in cells)
    session.select_message(session.key_messages()[0].id)  # ticks in the corners instead
    for c in week.header_cells():
        assert not c.date_rect.intersects(c.corner), c.day


def test_the_header_marks_each_day_s_edge_as_the_grid_does(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    """A day's badge or tick, at its right, stood 12 pixels from the next day's name with
    nothing between them: read as the next day's."""
    week.resize(1280, 700)
    qtbot.waitUntil(lambda: week.width() == 1280)
    header = week._header
    picture = header.grab().toImage()
    ratio = picture.devicePixelRatio()
    middle = int(header.height() / 2 * ratio)
    cells = week.header_cells()
    assert any(not c.corner.isEmpty() for c in cells)
    for cell in cells[1:]:
        edge = picture.pixelColor(int(cell.cell.left() * ratio), middle)
        inside = picture.pixelColor(int((cell.cell.left() + 3) * ratio), middle)  # its tint
        assert edge != inside, cell.day


def _has_width(widget: QWidget, width: int) -> bool:
    return widget.width() == width


def test_the_header_sets_every_day_the_same_way(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    """At some widths Mon, Wed, Thu and Sun stood at their column's left while Tue,
    Fri and Sat were centred: each column chose for itself."""
    week.set_current_date(date(2026, 12, 16))
    for width in range(900, 1400, 16):
        week.resize(width, 700)
        qtbot.waitUntil(partial(_has_width, week, width))
        for selected in (None, session.key_messages()[0].id):
            session.select_message(selected)
            offsets = [c.name_rect.left() - c.cell.left() for c in week.header_cells()]
            assert len({offset <= 8 for offset in offsets}) == 1, (width, offsets)


@pytest.mark.parametrize("width", [560, 1000])
def test_a_week_crossing_into_a_month_says_where_it_begins(
    week: WeekView, qtbot: QtBot, width: int
) -> None:
    """ "Mon 30 | Tue 1 | Wed 2": the header did not say which month a day was of; the
    first of the month reads "1 Dec", as in the month (its number alone if narrow)."""
    week.resize(width, 700)
    qtbot.waitUntil(lambda: week.width() == width)
    week.set_current_date(date(2026, 12, 2))
    numbers = {c.day: c.number for c in week.header_cells()}
    december = QLocale().monthName(12, QLocale.FormatType.ShortFormat)
    assert numbers[date(2026, 11, 30)] == "30"
    assert numbers[date(2026, 12, 2)] == "2"
    assert numbers[date(2026, 12, 1)] in (f"1 {december}", "1")
    if width >= 1000:
        assert numbers[date(2026, 12, 1)] == f"1 {december}"
    for c in week.header_cells():
        assert c.cell.contains(c.date_rect.toAlignedRect())
        assert not c.date_rect.intersects(c.corner), c.day


@pytest.mark.parametrize("width", [560, 716, 760, 1000])
def test_the_first_of_a_month_never_takes_the_days_names_away(
    week: WeekView, qtbot: QtBot, width: int
) -> None:
    """At 716 px the week of 1 March lost every day's name ("1 Mar 2 3 ..."), the weeks
    around it kept theirs: "1 Mar" gives way to the names first."""
    week.resize(width, 700)
    qtbot.waitUntil(lambda: week.width() == width)
    named = {}
    for day in (date(2027, 2, 22), date(2027, 3, 1), date(2027, 3, 8)):
        week.set_current_date(day)
        named[day] = all(c.name for c in week.header_cells())
    assert named[date(2027, 3, 1)] == named[date(2027, 2, 22)] == named[date(2027, 3, 8)]


def test_columns_follow_the_first_day_of_week(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    assert week.visible_range() == (MONDAY, SUNDAY)
    assert week.period_title() == range_text(MONDAY, SUNDAY, year=True)  # 16–22 Nov 2026
    left = week.grid_rect().left()
    assert week.day_at(QPoint(left + 70, week.grid_rect().center().y())) == MONDAY
    assert week.day_at(QPoint(left + 2, 2)) is None, "the time ruler is no day"

    session.store.update_info(week_start="sunday")
    with qtbot.waitSignal(week.periodChanged):
        session.notify(ChangeSet(calendar=True))
    assert week.visible_range() == (date(2026, 11, 15), date(2026, 11, 21))
    assert week.day_rect(date(2026, 11, 15)).left() < week.day_rect(MONDAY).left()

    session.store.update_info(week_start="saturday")
    with qtbot.waitSignal(week.periodChanged):
        session.notify(ChangeSet(calendar=True))
    assert week.visible_range() == (date(2026, 11, 14), date(2026, 11, 20))
    assert week.day_rect(date(2026, 11, 14)).left() < week.day_rect(date(2026, 11, 15)).left()


def test_opens_at_seven_and_places_posts_by_time(week: WeekView, session: CalendarSession) -> None:
    top = week.grid_rect().top()
    x = column_x(week, TODAY)
    assert week.time_at(QPoint(x, top + 10)) == time(7, 0)

    timed = movable_post(session, date(2026, 11, 19))
    assert timed.time is not None
    rect = week.chip_rect(timed.id)
    assert rect is not None
    assert week.time_at(QPoint(rect.center().x(), rect.top() + 2)) == timed.time
    assert week.day_at(rect.center()) == timed.date
    assert rect.height() >= HOUR_HEIGHT // 2 - 2, "a block is half an hour at least"
    assert week.post_at(rect.center()) == timed.id

    untimed = movable_post(session, MONDAY, timed=False)
    strip_chip = week.chip_rect(untimed.id)
    assert strip_chip is not None
    assert week.all_day_rect().contains(strip_chip)
    assert week.time_at(strip_chip.center()) is None
    assert week.post_at(strip_chip.center()) == untimed.id
    assert week.visible_posts(MONDAY)[0] == untimed.id


def test_tab_brings_an_all_day_post_behind_more_into_sight(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    day = date(2026, 11, 19)
    for number in range(6):
        add_post(session, f"All day {number}", day, None)
    untimed = [p.id for p in session.posts_between(day, day) if p.time is None]
    rows = len([i for i in week.visible_posts(day) if i in untimed])
    assert week.hidden_count(day) == len(untimed) - rows > 1
    week.set_current_date(day)
    week.setFocus()
    for post_id in week.posts_on(day)[: len(untimed)]:
        qtbot.keyClick(week, Qt.Key.Key_Tab)
        assert week.selected_post_ids() == [post_id]
        rect = week.chip_rect(post_id)
        assert rect is not None, "the selected post is out of sight"
        assert week.all_day_rect().contains(rect)
        assert week.post_at(rect.center()) == post_id
    more = week.more_rect(day)
    assert more is not None
    assert week.all_day_rect().contains(more)


def test_a_post_at_a_quarter_to_midnight_shows_its_whole_block(
    week: WeekView, session: CalendarSession
) -> None:
    late = add_post(session, "Last call", date(2026, 11, 19), time(23, 45))
    week.scroll_to_time(time(23, 59))  # as far down as the grid goes
    rect = week.chip_rect(late)
    assert rect is not None
    assert week.grid_rect().contains(rect), "the block runs past the bottom of the grid"
    assert week.post_at(rect.center()) == late


def test_a_crowded_hour_keeps_its_blocks_readable_and_says_how_many_more(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    day = date(2026, 11, 18)
    launch = [add_post(session, f"Launch {n}", day, time(9, 0)) for n in range(6)]
    week.scroll_to_time(time(8, 0))
    shown = [i for i in launch if week.chip_rect(i) is not None]
    assert 1 <= len(shown) < len(launch)
    assert week.hidden_count(day) == len(launch) - len(shown)
    assert all(cast(QRect, week.chip_rect(i)).width() >= MIN_LANE_WIDTH - 2 for i in shown)
    (more,) = week.timed_more_rects(day)
    assert week.day_rect(day).contains(more.center())
    assert all(not cast(QRect, week.chip_rect(i)).intersects(more) for i in shown)

    # Tab reaches every one of them, each in sight when selected.
    week.set_current_date(day)
    week.setFocus()
    for post_id in week.posts_on(day):
        qtbot.keyClick(week, Qt.Key.Key_Tab)
        assert week.selected_post_ids() == [post_id]
        rect = week.chip_rect(post_id)
        assert rect is not None, "the selected post is out of sight"
        assert week.post_at(rect.center()) == post_id
        if week.hidden_count(day):  # the others still say they are there
            (more,) = week.timed_more_rects(day)
            assert not more.intersects(rect)
    qtbot.keyClick(week, Qt.Key.Key_Escape)

    # A click on "+N" asks for the day's every post.
    with qtbot.waitSignal(week.moreActivated, check_params_cb=lambda d: d == day):
        qtbot.mouseClick(
            week, Qt.MouseButton.LeftButton, pos=week.timed_more_rects(day)[0].center()
        )


@pytest.mark.parametrize("width", [420, 560, 1000])
def test_a_narrow_day_says_its_whole_plus_n(
    week: WeekView, session: CalendarSession, qtbot: QtBot, width: int
) -> None:
    """In a narrow window the "+N" of a crowded hour took one lane, too narrow for it:
    "+10" read "+1". Where a lane cannot hold it, the posts that overlap all wait
    behind it, the column wide."""
    day = date(2026, 11, 18)
    crowd = [add_post(session, f"Launch {n}", day, time(9, 0)) for n in range(11)]
    week.resize(width, 700)
    week.scroll_to_time(time(8, 0))
    week.set_current_date(day)
    week.setFocus()
    font = week.chip_font()
    for _ in range(len(crowd) + 1):  # the keyboard on none, then on each in turn
        (more,) = week.timed_more_rects(day)
        assert more.width() >= more_width(week.hidden_count(day), font)
        assert week.day_rect(day).contains(more)
        shown = [i for i in crowd if week.chip_rect(i) is not None]
        assert week.hidden_count(day) == len(crowd) - len(shown)
        qtbot.keyClick(week, Qt.Key.Key_Tab)


def test_hovering_a_plus_n_tells_the_posts_behind_it(
    week: WeekView, session: CalendarSession
) -> None:
    """Hovering "+N" told the day's overdue key messages, not what waits behind it."""
    day = date(2026, 11, 18)
    crowd = [add_post(session, f"Launch {n}", day, time(9, 0)) for n in range(6)]
    ideas = [add_post(session, f"All day {n}", day, None) for n in range(6)]
    week.scroll_to_time(time(8, 0))
    (grid_more,) = week.timed_more_rects(day)
    tip = week.tooltip_at(grid_more.center())
    hidden = [i for i in crowd if week.chip_rect(i) is None]
    assert tip.startswith(f"{len(hidden)} more")
    for post in session.posts(hidden):
        assert post.title in tip
    assert "All day" not in tip
    strip_more = week.more_rect(day)
    assert strip_more is not None
    tip = week.tooltip_at(strip_more.center())
    behind = [i for i in ideas if week.chip_rect(i) is None]
    assert tip.startswith(f"{len(behind)} more")
    assert all(p.title in tip for p in session.posts(behind))
    assert "Launch" not in tip
    scroll = week.findChild(QWidget, "weekScroll")
    assert scroll is not None
    assert scroll.accessibleName(), "a screen reader names every part of the week"


def test_two_posts_at_one_time_sit_side_by_side_beside_a_full_all_day_strip(
    week: WeekView, session: CalendarSession
) -> None:
    """Twelve all-day posts counted toward the grid's "+N": two posts at 09:00 waited
    behind "+2" where a lane had room for both."""
    day = date(2026, 11, 18)
    pair = [add_post(session, f"Launch {n}", day, time(9, 0)) for n in range(2)]
    for n in range(12):
        add_post(session, f"All day {n}", day, None)
    week.resize(500, 700)
    week.scroll_to_time(time(8, 0))
    assert all(week.chip_rect(i) is not None for i in pair)
    assert week.timed_more_rects(day) == []


def test_one_crowded_moment_hides_only_the_posts_that_meet_there(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    day = date(2026, 11, 18)
    crowd = [add_post(session, f"Launch {n}", day, time(9, 0)) for n in range(3)]
    chain = [
        add_post(session, f"Every quarter {minutes}", day, time(9 + minutes // 60, minutes % 60))
        for minutes in range(15, 6 * 60, 15)
    ]
    week.scroll_to_time(time(8, 0))
    shown = set(week.visible_posts(day))
    hidden = [i for i in crowd + chain if i not in shown]
    assert 0 < len(hidden) <= 3, "only around 09:00 is there no room"
    assert week.hidden_count(day) == len(hidden)
    assert all(session.store.post(i).time < time(10, 0) for i in hidden)  # type: ignore[operator]
    (more,) = week.timed_more_rects(day)
    assert more.top() < week.y_for_time(time(9, 45))


def test_a_crowded_hour_in_a_busy_day_has_its_own_plus_n(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    """Posts every quarter of an hour from 07:00 and 40 at 10:00 made one crowd of the
    whole morning: its "+70" at 07:00, nothing at 10:00 said 40 posts were there, and
    scrolled to 09:30 the edge called them "earlier"."""
    day = date(2026, 11, 18)
    for minutes in range(7 * 60, 12 * 60, 15):
        for n in range(2):
            add_post(session, f"Slot {n}", day, time(minutes // 60, minutes % 60))
    ten = [add_post(session, f"Crowd {n}", day, time(10, 0)) for n in range(40)]
    week.set_current_date(day)
    mores = week.timed_more_rects(day)
    at_ten = [m for m in mores if abs(m.top() - week.y_for_time(time(10, 0))) <= 2]
    assert len(at_ten) == 1
    assert all(m.top() >= week.y_for_time(time(7, 0)) - 2 for m in mores)
    assert week.hidden_count(day) == sum(1 for i in week.posts_on(day) if week.chip_rect(i) is None)
    week.scroll_to_time(time(9, 30))
    shown = set(week.visible_posts(day))
    hints = week.out_of_sight_texts(day)
    earlier = [h for h in hints if h.startswith("↑")]  # "↑ 16 earlier", or "↑ 16"
    assert earlier, hints
    count = int("".join(c for c in earlier[0] if c.isdigit()))
    assert count < 40, earlier  # the posts at 10:00 are no earlier than what is shown
    assert not set(ten) <= shown  # most of them still wait behind the "+N"


def test_a_hint_at_the_grid_s_edge_never_covers_the_post_the_keyboard_is_on(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    """Tab brought a post from behind 09:00's "+N" into sight at the grid's foot, and the
    "↓ 3 later" hint there covered most of it."""
    day = date(2026, 11, 18)
    for n in range(6):
        add_post(session, f"Nine {n}", day, time(9, 0))
    for hour in (14, 15, 16):
        add_post(session, f"Later {hour}", day, time(hour, 0))
    week.resize(1000, 330)
    qtbot.waitUntil(lambda: week.height() == 330)
    week.set_current_date(day)
    week.setFocus()
    week.scroll_to_time(time(2, 0))
    seen = 0
    for _ in week.posts_on(day):
        qtbot.keyClick(week, Qt.Key.Key_Tab)
        focus = week.focused_post()
        assert focus is not None
        rect = week.chip_rect(focus)
        if rect is None:  # (scrolled out of sight by the test's small grid)
            continue
        seen += 1
        covering = [h for h in week.out_of_sight_rects(day) if h.intersects(rect)]
        assert covering == [], session.store.post(focus).title
    assert seen >= 6


@pytest.mark.parametrize(
    ("times", "scroll"),
    [
        ((time(23, 15), time(23, 15), time(23, 15), time(23, 45)), time(23, 59)),
        ((time(0, 0), time(0, 0), time(0, 0), time(0, 30)), time(0, 0)),
        ((time(8, 30), time(9, 0), time(9, 0), time(9, 0), time(9, 30)), time(8, 0)),
        # Crowded times half an hour apart: the "+N" moved below the keyboard's post lay
        # on the next time's "+N", or the post drawn alone there.
        ((*[time(10, 0)] * 3, *[time(10, 30)] * 3), time(9, 0)),
        ((*[time(10, 0)] * 3, time(10, 15), *[time(10, 30)] * 2), time(9, 0)),
    ],
    ids=["at midnight's end", "at the day's start", "hemmed in", "two crowds", "a lone one"],
)
def test_the_more_beside_a_post_the_keyboard_is_on_never_covers_another_post(
    week: WeekView,
    session: CalendarSession,
    qtbot: QtBot,
    times: tuple[time, ...],
    scroll: time,
) -> None:
    day = date(2026, 11, 18)
    for at in times:
        add_post(session, "Busy", day, at)
    week.set_current_date(day)
    week.setFocus()
    week.scroll_to_time(scroll)
    for post_id in week.posts_on(day):
        qtbot.keyClick(week, Qt.Key.Key_Tab)
        week.scroll_to_time(scroll)  # the grid's top, or as far down as it goes
        shown = [r for i in week.visible_posts(day) if (r := week.chip_rect(i)) is not None]
        mores = week.timed_more_rects(day)
        for number, more in enumerate(mores):
            assert week.grid_rect().contains(more), "the +N lies outside the day"
            assert not any(more.intersects(r) for r in shown), "the +N covers a post"
            assert not any(more.intersects(r) for r in mores[number + 1 :]), "two +N in one"
        assert not any(a.intersects(b) for n, a in enumerate(shown) for b in shown[n + 1 :]), (
            "a post drawn over another"
        )
        # A click on a post is a click on the post, whatever lies near it.
        when = session.store.post(post_id).time
        if when is not None:
            week.scroll_to_time(time(max(when.hour - 1, 0), 0))
        rect = week.chip_rect(post_id)
        assert rect is not None
        qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=rect.center())
        assert week.selected_post_ids() == [post_id]


def test_overlapping_posts_sit_side_by_side(week: WeekView, session: CalendarSession) -> None:
    day = date(2026, 11, 19)
    first = add_post(session, "Morning one", day, time(10, 0))
    second = add_post(session, "Morning two", day, time(10, 15))
    later = add_post(session, "Noon", day, time(12, 0))
    week.scroll_to_time(time(9, 0))
    a, b, c = (week.chip_rect(i) for i in (first, second, later))
    assert a is not None
    assert b is not None
    assert c is not None
    assert not a.intersects(b)
    assert a.left() < b.left()
    assert week.day_rect(day).contains(a)
    assert week.day_rect(day).contains(b)
    assert c.width() > a.width(), "a post alone takes the whole column"


def test_time_at_snaps_to_quarter_hours(week: WeekView) -> None:
    point = grid_point(week, TODAY, time(14, 20))
    assert week.time_at(point) == time(14, 15)
    assert week.time_at(QPoint(point.x(), week.y_for_time(time(14, 0)) + 1)) == time(14, 0)


# -- cadence -------------------------------------------------------------------


def test_header_badges_and_tint(week: WeekView, session: CalendarSession) -> None:
    report = session.report()
    days = week.visible_days()
    assert [week.badge_count(d) for d in days] == [report.overdue_count(d) for d in days]
    assert any(week.badge_count(d) for d in days)
    # Counted is painted: a red badge in the header of each day it counts.
    header = week.header_rect().topLeft()
    cells = {c.day: c.cell.translated(header) for c in week.header_cells()}
    image = week.grab().toImage()
    for day in days:
        assert (red_pixels(image, cells[day]) > 10) == (week.badge_count(day) > 0), day

    message = session.store.key_message_titled("Installed by local experts")
    assert message is not None
    session.select_message(message.id)
    cadence = session.report().message(message.id)
    assert set(week.tinted_days()) == {d for d in days if cadence.is_overdue_on(d)}
    assert week.tinted_days()
    assert all(week.badge_count(d) == 0 for d in days)
    image = week.grab().toImage()
    assert not any(red_pixels(image, cells[day]) for day in days)


def test_dropping_into_a_gap_lowers_the_badges(week: WeekView, session: CalendarSession) -> None:
    message = session.store.key_message_titled("Installed by local experts")
    assert message is not None
    carrier = next(
        p
        for p in session.posts_between(TODAY, TODAY + timedelta(days=30))
        if message.id in p.message_ids and p.status == PostStatus.SCHEDULED
    )
    assert session.report().message(message.id).is_overdue_on(TODAY)
    before = week.badge_count(TODAY)

    send_drop(week, strip_point(week, TODAY), posts_mime(session, [carrier]), ctrl=True)

    assert week.badge_count(TODAY) == before - 1
    assert not session.report().message(message.id).is_overdue_on(TODAY)


# -- drops ---------------------------------------------------------------------


def test_drop_on_the_grid_sets_day_and_snapped_time(
    week: WeekView, session: CalendarSession
) -> None:
    post = movable_post(session, date(2026, 11, 19))
    target = date(2026, 11, 20)
    point = grid_point(week, target, time(14, 20))

    event = send_drop(week, point, week.drag_mime(post.id))

    assert event.isAccepted()
    moved = session.store.post(post.id)
    assert (moved.date, moved.time) == (target, time(14, 15))
    rect = week.chip_rect(post.id)
    assert rect is not None
    assert week.day_at(rect.center()) == target
    assert week.time_at(QPoint(rect.center().x(), rect.top() + 2)) == time(14, 15)

    session.undo_stack.undo()
    restored = session.store.post(post.id)
    assert (restored.date, restored.time) == (post.date, post.time)


@pytest.mark.parametrize("grab", [0.2, 0.8])
def test_a_block_dragged_an_hour_down_moves_an_hour_wherever_it_was_grabbed(
    week: WeekView,
    session: CalendarSession,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    grab: float,
) -> None:
    """A block grabbed by its lower half and let go an hour lower landed a quarter
    later than its top showed (the quarter under the pointer); nudged sideways inside
    its own column, it moved by a quarter. The drop puts the block's top on a quarter."""
    post = movable_post(session, date(2026, 11, 19))
    assert post.time is not None
    assert post.date is not None
    week.scroll_to_time(time(max(post.time.hour - 2, 0), 0))
    day_width = week.day_rect(post.date).width()
    # An hour down and a day on; then nudged sideways inside its own column.
    moves = [QPoint(day_width, HOUR_HEIGHT), QPoint(6, 0)]
    grabbed: list[QPoint] = []
    landed: list[tuple[date | None, time | None]] = []

    def dragged(drag: QDrag, *args: object) -> Qt.DropAction:
        send_drop(week, grabbed[-1] + moves.pop(0), drag.mimeData())
        moved = session.store.post(post.id)
        landed.append((moved.date, moved.time))
        return Qt.DropAction.MoveAction

    monkeypatch.setattr(QDrag, "exec", dragged)
    for _ in range(2):
        pressed = week.chip_rect(post.id)
        assert pressed is not None
        at = QPoint(pressed.center().x(), pressed.top() + round(pressed.height() * grab))
        grabbed.append(at)
        drag_from(qtbot, week, at)
    hour_later = time(post.time.hour + 1, post.time.minute)
    next_day = post.date + timedelta(days=1)
    assert landed == [(next_day, hour_later), (next_day, hour_later)]


def test_a_drop_in_the_hour_the_clocks_skip_lands_at_the_time_it_goes_out(
    week: WeekView, session: CalendarSession
) -> None:
    """02:30 on the night the calendar's clocks go forward does not exist: the post lands
    at 03:30, where it goes out and where it then shows (it kept 02:30, said nowhere)."""
    night = date(2027, 3, 28)  # summer time starts in Europe/Amsterdam at 02:00
    assert session.store.info().timezone == "Europe/Amsterdam"
    week.set_current_date(night)
    post = session.store.post(add_post(session, "Night owl", night, time(9, 0)))

    send_drop(week, grid_point(week, night, time(2, 35)), week.drag_mime(post.id))
    moved = session.store.post(post.id)
    assert (moved.date, moved.time) == (night, time(3, 30))

    send_drop(
        week, grid_point(week, night - timedelta(days=1), time(2, 35)), week.drag_mime(post.id)
    )
    moved = session.store.post(post.id)
    assert (moved.date, moved.time) == (night - timedelta(days=1), time(2, 30))  # it exists


def test_a_post_kept_at_a_time_the_clocks_skip_shows_where_it_goes_out(
    week: WeekView, session: CalendarSession
) -> None:
    """02:30 on the night the clocks go forward, as the command line or a series keeps
    it: drawn inside the hour that does not exist, above a 03:00 post going out before
    it, and a drag there promised 02:15 and landed at 03:15, said nowhere."""
    night = date(2027, 3, 28)  # summer time starts in Europe/Amsterdam at 02:00
    channel = session.channels()[0].id
    kept = session.store.add_post(
        NewPost("Night owl", channel, date=night, time=time(2, 30), status=PostStatus.SCHEDULED)
    )
    session.notify(kept)
    three = add_post(session, "At three", night, time(3, 0))
    week.set_current_date(night)
    week.scroll_to_time(time(1, 0))
    owl = week.chip_rect(kept.created[0])
    at_three = week.chip_rect(three)
    assert owl is not None
    assert at_three is not None
    assert abs(owl.top() - week.y_for_time(time(3, 30))) <= 2
    assert owl.top() > at_three.top()
    tip = week.tooltip_at(owl.center())
    assert "the clocks go forward that night: 02:30 does not exist" in tip.lower()
    assert "goes out at 03:30" in tip

    # Grabbed by its top where it is drawn and let go a day earlier at that height: 03:30.
    def dropped_a_day_earlier(drag: QDrag, *args: object) -> Qt.DropAction:
        send_drop(week, top - QPoint(week.day_rect(night).width(), 0), drag.mimeData())
        return Qt.DropAction.MoveAction

    top = QPoint(owl.center().x(), owl.top() + 2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QDrag, "exec", dropped_a_day_earlier)
        week._start_drag(kept.created[0], top)
    moved = session.store.post(kept.created[0])
    assert (moved.date, moved.time) == (night - timedelta(days=1), time(3, 30))
    session.undo_stack.undo()
    week.scroll_to_time(time(1, 0))

    mime = week.drag_mime(three)
    assert drag_over(week, grid_point(week, night, time(2, 20)), mime)
    assert week.drop_time_text() == "02:15 → 03:15"
    # Where both do not fit (a narrow column, a 12-hour clock's longer times), the time
    # it goes out: "2:15 AM → 3:1" was cut.
    width = QFontMetricsF(week.chip_font()).horizontalAdvance
    assert week.drop_time_text(width("02:15 → 03:15")) == "02:15 → 03:15"
    assert week.drop_time_text(width("→ 03:15")) == "→ 03:15"
    assert week.drop_time_text(width("03:15")) == "03:15"
    assert drag_over(week, grid_point(week, night - timedelta(days=1), time(2, 20)), mime)
    assert week.drop_time_text() == "02:15"
    week.dragLeaveEvent(QDragLeaveEvent())
    assert week.drop_time_text() is None


@pytest.mark.parametrize("language", [QLocale.Language.Arabic, QLocale.Language.Hebrew])
def test_the_time_a_drop_goes_out_reads_on_from_the_right_in_a_right_to_left_language(
    week: WeekView, session: CalendarSession, language: QLocale.Language
) -> None:
    """ "٢:١٥ ص → ٣:١٥ ص" was laid out right to left by its letters, its arrow pointing
    back to 2:15: the arrow points on to the time it goes out, from the right."""
    from calendar_app.render.chips import clock_text

    night = date(2027, 3, 28)  # summer time starts in Europe/Amsterdam at 02:00
    three = add_post(session, "At three", night, time(3, 0))
    week.set_current_date(night)
    week.scroll_to_time(time(1, 0))
    before = QLocale()
    QLocale.setDefault(QLocale(language))
    try:
        assert drag_over(week, grid_point(week, night, time(2, 20)), week.drag_mime(three))
        at, going = clock_text(time(2, 15)), clock_text(time(3, 15))
        assert week.drop_time_text() == f"\u2067{at} ← {going}\u2069"
        width = QFontMetricsF(week.chip_font()).horizontalAdvance
        assert week.drop_time_text(width(f"\u2067← {going}\u2069")) == f"\u2067← {going}\u2069"
        week.dragLeaveEvent(QDragLeaveEvent())
    finally:
        QLocale.setDefault(before)


def test_a_gap_filled_in_the_hour_the_clocks_skip_lands_at_the_time_it_goes_out(
    week: WeekView, session: CalendarSession
) -> None:
    """Fill the Gap from the week's 02:30 on the night the clocks go forward: its Repeat
    stored 02:30 where a Ctrl-drag to the same hour gives 03:30; so did its Schedule."""
    night = date(2027, 3, 28)
    post = session.store.post(add_post(session, "Night owl", night - timedelta(days=3), None))
    channel = session.channels()[0].id
    idea = session.store.add_post(NewPost("An idea", channel, status=PostStatus.IDEA))
    session.notify(idea)
    chosen: list[int] = []

    assert repeat_post(session, week, post, night, time(2, 30), chosen.extend)
    assert schedule_idea(
        session, week, session.store.post(idea.created[0]), night, time(2, 45), chosen.extend
    )

    placed = [session.store.post(post_id) for post_id in chosen]
    assert [(p.title, p.date, p.time) for p in placed] == [
        ("Night owl", night, time(3, 30)),
        ("An idea", night, time(3, 45)),
    ]


SKIP_NIGHT = date(2027, 3, 28)
"""Summer time starts in Europe/Amsterdam at 02:00: 02:00 to 03:00 does not exist."""


def _daily_series_over_the_skip_night(session: CalendarSession) -> int:
    """A daily series at 09:00 from two days before :data:`SKIP_NIGHT`; its id."""
    changes = session.store.add_series(
        NewPost(
            "Night shift",
            session.channels()[0].id,
            date=SKIP_NIGHT - timedelta(days=2),
            time=time(9, 0),
        ),
        "FREQ=DAILY;COUNT=5",
    )
    session.notify(changes)
    (series_id,) = changes.series
    return series_id


def test_a_series_dropped_in_the_hour_the_clocks_skip_keeps_that_time_on_its_clock(
    week: WeekView, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """Every day at 02:30: it set 03:30 on every post when the one dragged was on the
    night the clocks go forward (and 02:30 when it was the night before)."""
    night = SKIP_NIGHT
    series_id = _daily_series_over_the_skip_night(session)
    week.set_current_date(night)
    post = next(p for p in session.store.series_posts(series_id) if p.date == night)
    scope_answers.answer = "all"
    send_drop(week, grid_point(week, night, time(2, 35)), week.drag_mime(post.id))
    assert {p.time for p in session.store.series_posts(series_id)} == {time(2, 30)}


def test_several_posts_with_an_occurrence_dropped_in_the_skipped_hour_land_as_they_go_out(
    week: WeekView, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """A post and a series' occurrence dropped together at 02:15 on the night the clocks
    go forward, each placed alone (nothing asked): the shadow said "02:15 → 03:15" and
    both were stored at 02:15 (alone, each went to 03:15)."""
    night = SKIP_NIGHT
    series_id = _daily_series_over_the_skip_night(session)
    occurrence = next(p for p in session.store.series_posts(series_id) if p.date == night)
    alone = add_post(session, "Night owl", night, time(9, 0))
    week.set_current_date(night)
    week.select_posts([alone, occurrence.id])
    send_drop(week, grid_point(week, night, time(2, 35)), week.drag_mime(alone))
    assert scope_answers.asked == []
    placed = session.store.posts([alone, occurrence.id])
    assert {(p.date, p.time) for p in placed} == {(night, time(3, 30))}


def test_a_drag_held_at_the_grid_edge_keeps_scrolling_until_it_leaves(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    """A real drag tells of the pointer only as it moves: held still at the bottom edge,
    the grid scrolled one step, and taking a post from 09:00 to 22:00 took fifty nudges."""
    post = movable_post(session, date(2026, 11, 19))
    week.resize(1000, 420)
    qtbot.waitUntil(lambda: week.grid_rect().height() < 10 * HOUR_HEIGHT)
    week.scroll_to_time(time(6, 0))
    grid = week.grid_rect()
    edge = QPoint(grid.center().x(), grid.bottom() - 4)
    under = week.time_at(edge)
    assert under is not None
    assert under < time(18, 0)
    assert drag_over(week, edge, week.drag_mime(post.id))
    qtbot.waitUntil(lambda: (week.time_at(edge) or time(0)) >= time(under.hour + 3))
    QApplication.sendEvent(week, QDragLeaveEvent())
    reached = week.time_at(edge)
    assert reached is not None
    dropped = send_drop(week, edge, week.drag_mime(post.id))  # enter, move (a step), drop
    assert dropped.isAccepted()
    landed = session.store.post(post.id).time
    assert landed is not None
    assert reached <= landed <= time(reached.hour + 1)
    timer = week.findChild(QTimer, "edgeScroll")
    assert isinstance(timer, QTimer)
    assert not timer.isActive()


def test_several_posts_dropped_at_an_hour_move_together_in_time(
    week: WeekView, session: CalendarSession
) -> None:
    """Only the post under the pointer took the hour: the others kept theirs, their
    order and spacing in time changed. They move as far in time as it does (into the
    next day where that is where they then are); an all-day one stays all day."""
    day = date(2026, 11, 18)
    anchor = add_post(session, "Anchor", day, time(9, 0))
    later = add_post(session, "Later", day + timedelta(days=1), time(12, 0))
    evening = add_post(session, "Evening", day, time(21, 30))
    all_day = add_post(session, "All day", day, None)
    week.select_posts([anchor, later, evening, all_day])
    target = day + timedelta(days=2)
    send_drop(week, grid_point(week, target, time(14, 5)), week.drag_mime(anchor))
    landed = {
        i: (p.date, p.time)
        for i in (anchor, later, evening, all_day)
        for p in [session.store.post(i)]
    }
    assert landed == {
        anchor: (target, time(14, 0)),
        later: (target + timedelta(days=1), time(17, 0)),
        evening: (target + timedelta(days=1), time(2, 30)),  # 21:30 and five hours
        all_day: (target, None),
    }
    session.undo_stack.undo()
    assert session.store.post(evening).date == day
    assert session.store.post(evening).time == time(21, 30)


def test_several_posts_dropped_on_the_all_day_strip_are_all_day_posts(
    week: WeekView, session: CalendarSession
) -> None:
    """Only the post under the pointer lost its time; the others kept theirs."""
    day = date(2026, 11, 18)
    anchor = add_post(session, "Anchor", day, time(8, 30))
    evening = add_post(session, "Evening", day, time(18, 0))
    next_day = add_post(session, "Next day", day + timedelta(days=1), time(8, 30))
    week.select_posts([anchor, evening, next_day])
    target = day + timedelta(days=2)
    send_drop(week, strip_point(week, target), week.drag_mime(anchor))
    landed = {i: (p.date, p.time) for i in (anchor, evening, next_day) for p in session.posts([i])}
    assert landed == {
        anchor: (target, None),
        evening: (target, None),
        next_day: (target + timedelta(days=1), None),
    }
    assert session.undo_stack.undoText() == "Move 3 posts"


def test_ideas_dropped_together_at_an_hour_all_go_out_then(
    week: WeekView, session: CalendarSession
) -> None:
    """Six ideas dropped on 11:00: one landed at 11:00, five in the all-day strip."""
    channel = session.channels()[0].id
    added = session.store.add_posts(
        [NewPost(f"Idea {n}", channel, status=PostStatus.IDEA) for n in range(3)]
    )
    session.notify(added)
    ideas = session.posts(added.created)
    target = date(2026, 11, 21)
    mime = posts_mime(session, ideas, anchor=ideas[1].id)
    send_drop(week, grid_point(week, target, time(11, 0)), mime)
    assert {(p.date, p.time) for p in session.posts(added.created)} == {(target, time(11, 0))}


def _timed_post(post_id: int, when: datetime) -> Post:
    stamp = datetime(2026, 1, 1)
    return Post(
        post_id, f"uid-{post_id}", "A post", "", 1, None, PostStatus.SCHEDULED,
        when.date(), when.time(), "", "", None, None, (), stamp, stamp, 1,
    )  # fmt: skip


@given(
    moments=st.lists(
        st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(
            lambda d: d.replace(minute=d.minute // 15 * 15, second=0, microsecond=0)
        ),
        min_size=1,
        max_size=6,
    ),
    pick=st.integers(min_value=0, max_value=5),
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    slot=st.integers(min_value=0, max_value=95),
)
def test_posts_placed_at_a_time_keep_their_distances_in_time(
    moments: list[datetime], pick: int, day: date, slot: int
) -> None:
    """Whatever the posts, the drop's day and hour: the anchor lands on them, and each
    other post is as far from it in time as before."""
    from calendar_app.ui.dnd import placements

    posts = [_timed_post(i + 1, moment) for i, moment in enumerate(moments)]
    anchor = posts[pick % len(posts)]
    at = time(slot // 4, slot % 4 * 15)
    landed = placements(posts, anchor.id, day, at)
    assert landed[anchor.id] == (day, at)

    def moment(place: tuple[date | None, time | None]) -> datetime:
        assert place[0] is not None
        assert place[1] is not None
        return datetime.combine(place[0], place[1])

    start = moment((anchor.date, anchor.time))
    for post in posts:
        assert moment(landed[post.id]) - moment((day, at)) == moment((post.date, post.time)) - start


def test_drop_on_the_all_day_strip_clears_the_time(
    week: WeekView, session: CalendarSession
) -> None:
    post = movable_post(session, date(2026, 11, 19))
    target = date(2026, 11, 18)

    send_drop(week, strip_point(week, target), week.drag_mime(post.id))

    moved = session.store.post(post.id)
    assert (moved.date, moved.time) == (target, None)
    rect = week.chip_rect(post.id)
    assert rect is not None
    assert week.all_day_rect().contains(rect)


def test_drop_on_the_header_keeps_the_time(week: WeekView, session: CalendarSession) -> None:
    post = movable_post(session, date(2026, 11, 19))
    header = week.header_rect()
    point = QPoint(column_x(week, SUNDAY), header.center().y())

    send_drop(week, point, week.drag_mime(post.id))

    moved = session.store.post(post.id)
    assert (moved.date, moved.time) == (SUNDAY, post.time)


def test_ctrl_drop_copies_at_the_time(week: WeekView, session: CalendarSession) -> None:
    post = movable_post(session, date(2026, 11, 19))
    target = date(2026, 11, 21)
    count = session.store.count_posts()

    event = send_drop(
        week, grid_point(week, target, time(9, 0)), week.drag_mime(post.id), ctrl=True
    )

    assert event.dropAction() == Qt.DropAction.CopyAction
    assert session.store.count_posts() == count + 1
    assert session.store.post(post.id) == post
    copy = next(p for p in session.posts_between(target, target) if p.title == post.title)
    assert copy.uid != post.uid
    assert copy.time == time(9, 0)


def test_series_occurrence_asks_the_scope(
    week: WeekView, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    friday = date(2026, 11, 20)
    occurrence = next(p for p in session.posts_between(friday, friday) if p.series_id)
    scope_answers.answer = "this"

    send_drop(week, grid_point(week, friday, time(11, 0)), week.drag_mime(occurrence.id))

    assert scope_answers.asked == ["move"]
    assert session.store.post(occurrence.id).time == time(11, 0)
    assert occurrence.series_id is not None
    others = [p for p in session.store.series_posts(occurrence.series_id) if p.id != occurrence.id]
    assert all(p.time == occurrence.time for p in others)


# -- keyboard, mouse, clock ----------------------------------------------------


def test_keyboard_moves_days_and_weeks(week: WeekView, qtbot: QtBot) -> None:
    week.set_current_date(SUNDAY)
    week.setFocus()
    with qtbot.assertNotEmitted(week.periodChanged):
        qtbot.keyClick(week, Qt.Key.Key_Left)
    assert week.current_date() == SUNDAY - timedelta(days=1)
    qtbot.keyClick(week, Qt.Key.Key_Right)
    with qtbot.waitSignal(week.periodChanged):
        qtbot.keyClick(week, Qt.Key.Key_Right)
    assert week.current_date() == date(2026, 11, 23)
    assert week.visible_range() == (date(2026, 11, 23), date(2026, 11, 29))
    with qtbot.waitSignal(week.periodChanged):
        qtbot.keyClick(week, Qt.Key.Key_PageUp)
    assert week.current_date() == date(2026, 11, 16)
    with qtbot.waitSignal(week.periodChanged):
        week.step(1)
    assert week.visible_range()[0] == date(2026, 11, 23)


def test_tab_and_enter_open_the_day_posts(week: WeekView, qtbot: QtBot) -> None:
    week.set_current_date(MONDAY)
    week.setFocus()
    posts = week.posts_on(MONDAY)
    assert posts
    qtbot.keyClick(week, Qt.Key.Key_Tab)
    assert week.selected_post_ids() == [posts[0]]
    with qtbot.waitSignal(week.postActivated, check_params_cb=lambda i: i == posts[0]):
        qtbot.keyClick(week, Qt.Key.Key_Return)
    qtbot.keyClick(week, Qt.Key.Key_Escape)
    with qtbot.waitSignal(week.dayActivated, check_params_cb=lambda d: d == MONDAY):
        qtbot.keyClick(week, Qt.Key.Key_Return)


def test_double_click_a_block_opens_it(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    post = movable_post(session, date(2026, 11, 19))
    rect = week.chip_rect(post.id)
    assert rect is not None
    # The click lands on the painted grid inside the scroll area, as a real one would.
    target = week.childAt(rect.center())
    assert target is not None
    assert target is not week
    local = target.mapFrom(week, rect.center())
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=local)
    assert week.selected_post_ids() == [post.id]
    assert week.current_date() == post.date
    with qtbot.waitSignal(week.postActivated, check_params_cb=lambda i: i == post.id):
        double_click(qtbot, target, local)


def test_double_click_an_empty_slot_asks_for_a_post_there(week: WeekView, qtbot: QtBot) -> None:
    day = date(2026, 11, 19)
    point = grid_point(week, day, time(6, 30)) + QPoint(0, 2)
    assert week.post_at(point) is None
    target = week.childAt(point)
    assert target is not None
    with qtbot.waitSignal(week.slotActivated) as blocker:
        double_click(qtbot, target, target.mapFrom(week, point))
    assert blocker.args == [day, time(6, 30)]

    empty = next(d for d in week.visible_days() if week.post_at(strip_point(week, d)) is None)
    point = strip_point(week, empty)
    target = week.childAt(point)
    assert target is not None
    with qtbot.waitSignal(week.slotActivated) as blocker:
        double_click(qtbot, target, target.mapFrom(week, point))
    assert blocker.args == [empty, None]  # the all-day strip: no time


def test_double_click_a_days_header_goes_to_it_without_a_new_post(
    week: WeekView, qtbot: QtBot
) -> None:
    day = date(2026, 11, 19)
    point = QPoint(column_x(week, day), week.header_rect().center().y())
    target = week.childAt(point) or week
    with (
        qtbot.assertNotEmitted(week.slotActivated),
        qtbot.waitSignal(week.dayActivated, check_params_cb=lambda d: d == day),
    ):
        double_click(qtbot, target, target.mapFrom(week, point))


def test_current_time_line_only_in_the_week_of_today(week: WeekView) -> None:
    assert week.now_line_day() == TODAY
    week.step(1)
    assert week.now_line_day() is None
    week.step(-1)
    assert week.now_line_day() == TODAY


def test_a_narrow_day_keeps_the_time_its_hint_is_for(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    day = TODAY + timedelta(days=4)  # a Sunday with nothing else
    assert session.posts_between(day, day) == []
    add_post(session, "Evening live", day, time(21, 0))
    week.resize(430, 400)  # as narrow and short as the smallest window makes it
    week.scroll_to_time(time(7, 0))
    qtbot.waitUntil(lambda: bool(week.out_of_sight_texts(day)))
    (text,) = week.out_of_sight_texts(day)
    assert "21:00" in text
    assert "…" not in text
    # On a 12-hour clock, short as a chip's: "↓ 9:00 PM" lost its arrow.
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        week.scroll_to_time(time(7, 0))
        (twelve,) = week.out_of_sight_texts(day)
        assert twelve.startswith("↓"), twelve  # it read "↓" alone, the time gone
        assert twelve.endswith("9pm"), twelve
    finally:
        QLocale.setDefault(QLocale.c())


def test_the_current_time_line_is_at_the_calendars_time_of_day(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """A calendar kept for Kiritimati (UTC+14) on a computer anywhere: its line is at
    Kiritimati's time, as its today is Kiritimati's."""
    with CalendarStore.create(tmp_path / "k.cadence", timezone="Pacific/Kiritimati") as store:
        view = WeekView(CalendarSession(store))
        qtbot.addWidget(view)
        before = datetime.now(ZoneInfo("Pacific/Kiritimati"))
        minutes = view.now_line_minutes()
        after = datetime.now(ZoneInfo("Pacific/Kiritimati"))
        # The same minute, or the next one if a minute turned meanwhile.
        assert minutes in {t.hour * 60 + t.minute for t in (before, after)}


def test_the_week_brings_the_current_time_into_sight(
    week: WeekView, session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 22:47 the grid opened at 07:00, the now line below the fold with no hint."""
    monkeypatch.setattr(session, "now", lambda: time(22, 47))
    week.resize(1000, 400)
    week.set_current_date(TODAY)
    x, now_y = week.day_rect(TODAY).center().x(), lambda: week.y_for_time(time(22, 47))
    week.scroll_to_time(time(7, 0))
    assert not week.grid_rect().contains(x, now_y())
    week.show_now()
    assert week.grid_rect().contains(x, now_y())
    week.scroll_to_time(time(17, 0))  # in sight already: left as it is
    week.show_now()
    assert week.top_time() == time(17, 0)
    week.step(1)  # today is not in that week: nothing to bring
    week.scroll_to_time(time(7, 0))
    week.show_now()
    assert week.top_time() == time(7, 0)


def test_a_day_opened_in_the_week_shows_its_posts(week: WeekView, session: CalendarSession) -> None:
    """The month's "+N more" on a day of evening posts opened the week at 07:00, the
    day's posts out of sight below."""
    week.resize(1000, 400)
    first, last = week.visible_range()
    day = next(
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if not session.posts_between(first + timedelta(days=n), first + timedelta(days=n))
    )
    evening = add_post(session, "Evening live", day, time(21, 0))
    week.scroll_to_time(time(7, 0))
    assert week.chip_rect(evening) is None
    week.show_day(day)
    shown = week.chip_rect(evening)
    assert shown is not None
    assert week.grid_rect().contains(shown.center())
    # Its first post in sight already: the hours stay as they are.
    coffee = add_post(session, "Morning coffee", day, time(9, 0))
    week.scroll_to_time(time(8, 0))
    week.show_day(day)
    assert week.top_time() == time(8, 0)
    # Its last in sight, the first above (twelve at 10:00, "↑ 12 earlier", opened
    # from the month in the evening): up to the first.
    week.scroll_to_time(time(16, 0))
    assert week.chip_rect(coffee) is None
    assert week.chip_rect(evening) is not None
    week.show_day(day)
    shown = week.chip_rect(coffee)
    assert shown is not None
    assert week.grid_rect().contains(shown.center())


def test_accessible_names(week: WeekView) -> None:
    assert week.accessibleName() == "Week view"
    assert "2026" in week.accessibleDescription()


# -- hidden behind another view ------------------------------------------------


def test_a_hidden_view_catches_up_when_shown(session: CalendarSession, qtbot: QtBot) -> None:
    """As in the main window: the month and week views are pages of a stack."""
    host = QWidget()
    qtbot.addWidget(host)
    stack = QStackedWidget(host)
    month = MonthView(session)
    week = WeekView(session)
    stack.addWidget(month)
    stack.addWidget(week)
    host.resize(1000, 700)
    stack.resize(host.size())
    with qtbot.waitExposed(host):
        host.show()
    assert stack.currentWidget() is month

    post = movable_post(session, TODAY)
    target = SUNDAY
    session.push(MovePostsCommand(session, {post.id: (target, post.time)}))
    assert post.id in month.posts_on(target)  # the view on screen follows at once
    assert week.is_stale()  # the hidden one waits

    stack.setCurrentWidget(week)
    assert not week.is_stale()
    assert post.id in week.posts_on(target)
    assert post.id not in week.posts_on(TODAY)
    assert week.chip_rect(post.id) is not None
    report = session.report()
    assert all(week.badge_count(d) == report.overdue_count(d) for d in week.visible_days())

    session.undo_stack.undo()
    assert month.is_stale()
    session.set_filters(Filters(hidden_channels=frozenset({post.channel_id})))
    stack.setCurrentWidget(month)
    assert not month.is_stale()
    assert post.id not in month.posts_on(TODAY)  # filtered out while hidden
    session.set_filters(Filters())
    assert post.id in month.posts_on(TODAY)
    assert post.id not in month.posts_on(target)


def test_posts_scrolled_out_of_sight_are_said_at_the_edge_of_their_day(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    """The grid opens in the morning: a day whose only posts are late in the evening
    says so at the bottom of its column ("↓ 2 later"); a click there brings the first
    into sight."""
    day = TODAY + timedelta(days=1)
    evening = add_post(session, "Evening live", day, time(21, 0))
    add_post(session, "Late recap", day, time(22, 30))
    week.scroll_to_time(time(7, 0))

    def hidden_below() -> list[int]:
        return [
            i for d, _, posts, below in week.out_of_sight() if d == day and below for i in posts
        ]

    assert [session.posts([i])[0].title for i in hidden_below()] == ["Evening live", "Late recap"]
    assert week.out_of_sight_texts(day) == ["↓ 2 later"]
    (rect,) = week.out_of_sight_rects(day)
    assert week.grid_rect().contains(rect), "at the visible edge of the grid"
    # As wide as its words, at the column's end: a chip half in sight under it keeps
    # its time and title's start readable (the hint covered them).
    column = week.day_rect(day)
    assert rect.width() < column.width() / 2
    assert column.right() - 8 <= rect.right() <= column.right()
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=rect.center())
    shown = week.chip_rect(evening)
    assert shown is not None
    assert week.grid_rect().intersects(shown)
    assert evening not in hidden_below()


def test_a_hint_counts_the_posts_behind_a_crowded_time_s_plus_n(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    """Nine posts at the same evening hour: a few drawn, the rest behind "+N". The hint
    counted the drawn ones alone ("↓ 21:00" for nine), and a click on it brought no
    post into sight when the first waited behind the "+N"."""
    day = TODAY + timedelta(days=1)
    crowd = [add_post(session, f"Evening {n}", day, time(21, 0)) for n in range(9)]
    week.scroll_to_time(time(7, 0))
    assert week.out_of_sight_texts(day) == ["↓ 9 later"]
    hidden = [i for d, _, posts, below in week.out_of_sight() if d == day and below for i in posts]
    assert sorted(hidden) == sorted(crowd)
    (rect,) = week.out_of_sight_rects(day)
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=rect.center())
    assert week.out_of_sight_texts(day) == []
    # In columns too narrow for a block beside a "+N", all wait behind it: the click
    # brings the "+N" into sight (it scrolled to none).
    week.resize(480, week.height())
    qtbot.waitUntil(lambda: week.width() == 480)
    week.scroll_to_time(time(7, 0))
    assert week.timed_more_rects(day)
    assert not any(week.grid_rect().intersects(r) for r in week.timed_more_rects(day))
    (rect,) = week.out_of_sight_rects(day)
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=rect.center())
    assert any(week.grid_rect().intersects(r) for r in week.timed_more_rects(day))


def test_a_hint_moved_off_one_crowded_time_does_not_land_on_the_next(
    week: WeekView, session: CalendarSession
) -> None:
    """Two crowded times half an hour apart in narrow columns: the "↓ 23:30" moved up off
    the 19:30 "+6" covered the 19:00 one whole."""
    day = date(2026, 11, 18)
    add_post(session, "Earlier", day, time(5, 0))
    add_post(session, "Later", day, time(23, 30))
    for n in range(6):
        add_post(session, f"A{n}", day, time(19, 0))
        add_post(session, f"B{n}", day, time(19, 30))
    week.resize(420, 700)
    met = 0
    for minutes in range(0, 14 * 60, 5):
        week.scroll_to_time(time(*divmod(minutes, 60)))
        grid = week.grid_rect()
        mores = [m for m in week.timed_more_rects(day) if grid.contains(m)]
        met += len(mores)
        for hint in week.out_of_sight_rects(day):
            assert not any(hint.intersects(m) for m in mores), f"at {minutes} minutes"
    assert met > 20


@pytest.mark.parametrize("width", [420, 1000])
def test_a_hint_at_the_edge_leaves_a_crowded_times_plus_n_in_sight(
    week: WeekView, session: CalendarSession, qtbot: QtBot, width: int
) -> None:
    """Scrolled to a crowded hour with posts above it, "↑ 2 earlier" lay over its
    "+4 more" (most of it covered, and a click there scrolled): each stays whole."""
    day = date(2026, 11, 18)
    add_post(session, "Earlier", day, time(5, 0))
    add_post(session, "Early", day, time(6, 0))
    for n in range(6):
        add_post(session, f"Launch {n}", day, time(9, 0))
    week.resize(width, 700)
    met = 0
    for minutes in range(8 * 60, 10 * 60, 5):
        week.scroll_to_time(time(*divmod(minutes, 60)))
        hints = week.out_of_sight_rects(day)
        assert hints  # the posts earlier said
        grid = week.grid_rect()
        for more in week.timed_more_rects(day):
            if not grid.contains(more):
                continue  # scrolled under the edge
            met += 1
            assert not any(hint.intersects(more) for hint in hints), (
                f"at {minutes // 60}:{minutes % 60:02}"
            )
            assert all(grid.contains(hint) for hint in hints)
    assert met > 10


@pytest.mark.parametrize("width", [800, 1100])
def test_a_hint_moved_off_a_plus_n_leaves_the_chip_beside_it_readable(
    week: WeekView, session: CalendarSession, width: int
) -> None:
    """Three posts at 11:00 half in sight at the bottom, one at 15:00: "↓ 15:00", moved
    left off the "+2 more", lay on the chip beside it, whose title read "W"."""
    day = date(2026, 11, 18)
    crowd = [add_post(session, f"Webinar reminder {n}", day, time(11, 0)) for n in range(3)]
    add_post(session, "Afternoon", day, time(15, 0))
    met = 0
    for height in range(480, 640, 4):  # the 11:00 row at the bottom edge, in part
        week.resize(width, height)
        assert week.height() == height
        week.scroll_to_time(time(0, 0))
        grid = week.grid_rect()
        hints = week.out_of_sight_rects(day)
        for post in crowd:
            chip = week.chip_rect(post)
            if chip is None or not grid.intersects(chip):
                continue
            start = QRect(chip.left(), chip.top(), min(40, chip.width()), chip.height()) & grid
            met += 1
            assert not any(hint.intersects(start) for hint in hints), f"{height} high"
    assert met > 10


def test_a_double_click_on_a_hint_brings_its_post_into_sight_and_nothing_more(
    week: WeekView, session: CalendarSession, qtbot: QtBot
) -> None:
    """The first click scrolled the post into sight; the second then landed on an empty
    hour, and the editor opened a new post there."""
    day = TODAY + timedelta(days=1)
    evening = add_post(session, "Evening live", day, time(21, 0))
    week.scroll_to_time(time(7, 0))
    (rect,) = week.out_of_sight_rects(day)
    with (
        qtbot.assertNotEmitted(week.slotActivated),
        qtbot.assertNotEmitted(week.postActivated),
    ):
        qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=rect.center())
        assert week.post_at(rect.center()) is None  # an empty hour is there now
        double_click(qtbot, week, rect.center())
    shown = week.chip_rect(evening)
    assert shown is not None
    assert week.grid_rect().intersects(shown)
    # A double-click elsewhere is a new post again.
    with qtbot.waitSignal(week.slotActivated):
        qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=rect.center())
        double_click(qtbot, week, rect.center())


def test_a_post_selected_from_outside_is_scrolled_into_sight(
    week: WeekView, session: CalendarSession
) -> None:
    """Found by Enter in the search box, or brought back by undo, an evening post stayed
    below the hours shown: selected, it comes into sight."""
    late = next(
        p
        for p in session.posts_between(SUNDAY - timedelta(days=6), SUNDAY)
        if p.time is not None and p.time.hour >= 16
    )
    assert late.date is not None
    week.resize(1000, 420)  # a few hours in sight
    week.set_current_date(late.date)
    week.scroll_to_time(time(6, 0))
    assert week.chip_rect(late.id) is None  # out of sight
    week.select_posts([late.id])
    assert week.chip_rect(late.id) is not None


def test_the_hours_of_an_overdue_day_are_as_red_in_a_dark_palette_as_in_a_light_one(
    week: WeekView, session: CalendarSession
) -> None:
    """On a dark base the tint read as the weekend's shade (48,40,39 beside 41,41,41)."""
    from PySide6.QtGui import QColor, QPalette

    message = session.store.key_message_titled("Installed by local experts")
    assert message is not None
    session.select_message(message.id)
    overdue = [d for d in week.visible_days() if d in week.tinted_days() and d.weekday() < 5]
    assert overdue
    week.scroll_to_time(time(2, 0))  # night hours: no post over the tint

    def redness(base: str, text: str, day: date) -> int:
        palette = QPalette(week.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
        week.setPalette(palette)
        image = week.grab().toImage()
        column = week.day_rect(day)
        ratio = image.devicePixelRatio()
        x, y = column.right() - 3, week.y_for_time(time(3, 10))
        shade = image.pixelColor(int(x * ratio), int(y * ratio))
        return shade.red() - shade.green()

    for day in overdue:
        light = redness("#ffffff", "#1f1f1f", day)
        assert light > 0
        assert redness("#232323", "#e8e8e8", day) >= light
    session.select_message(None)  # no message chosen: no tint
    assert redness("#ffffff", "#1f1f1f", overdue[0]) <= 0
    assert redness("#232323", "#e8e8e8", overdue[0]) <= 0


@pytest.mark.parametrize(("lang", "rest"), [("en_GB.UTF-8", {5, 6}), ("he_IL.UTF-8", {4, 5})])
def test_the_days_shaded_as_the_weekend_are_the_locale_s(
    week: WeekView, monkeypatch: pytest.MonkeyPatch, lang: str, rest: set[int]
) -> None:
    """In Israel, Friday and Saturday: the week shaded Saturday and Sunday."""
    monkeypatch.setenv("LC_ALL", lang)
    week.set_current_date(date(2028, 3, 15))  # a week with no posts
    week.scroll_to_time(time(2, 0))
    image = week.grab().toImage()
    ratio = image.devicePixelRatio()
    days = week.visible_days()
    assert days[0].weekday() == 0

    def shade(day: date) -> int:
        x, y = week.day_rect(day).right() - 3, week.y_for_time(time(3, 10))
        return image.pixelColor(int(x * ratio), int(y * ratio)).rgb()

    monday = shade(days[0])
    assert {day.weekday() for day in days if shade(day) != monday} == rest
