"""The month view: grid, chips, cadence decorations, drops and the keyboard."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import QEvent, QLocale, QMimeData, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from calendar_app.core.errors import CadenceError
from calendar_app.core.models import ChangeSet, NewPost, Post, PostStatus
from calendar_app.core.store import COLOR_CHOICES, CalendarStore
from calendar_app.render import pdf as pdf_module
from calendar_app.render.cadence_strip import StripColors
from calendar_app.render.chips import (
    Chip,
    ChipTheme,
    accent,
    badge_width,
    contrast,
    contrast_text,
    paint_chip,
    seen_on,
)
from calendar_app.ui import month_view as month_view_module
from calendar_app.ui.commands import (
    AddPostCommand,
    DeletePostsCommand,
    plain_tooltip,
)
from calendar_app.ui.dnd import decode_posts, posts_mime
from calendar_app.ui.editor import swatch_icon
from calendar_app.ui.month_view import MonthView
from calendar_app.ui.post_model import channel_lines, long_day, post_tooltip, swatch
from calendar_app.ui.session import CalendarSession, Filters
from calendar_app.ui.week_view import WeekView
from tests.gui.conftest import OFFSCREEN_POPUPS, TODAY, ScopeAnswers, double_click, red_pixels

from .dragdrop import drag_event, drag_from, drag_over, send_drop

NOVEMBER_GRID = (date(2026, 10, 26), date(2026, 12, 6))


@pytest.fixture
def month(session: CalendarSession, qtbot: QtBot) -> MonthView:
    return cast(MonthView, shown_view(MonthView, session, qtbot))


def shown_view(
    view_type: type[MonthView | WeekView], session: CalendarSession, qtbot: QtBot
) -> MonthView | WeekView:
    """A month or week view, shown at a size where every day has room."""
    view = view_type(session)
    qtbot.addWidget(view)
    view.resize(1000, 760)
    with qtbot.waitExposed(view):
        view.show()
    return view


def test_every_week_holds_as_many_posts_a_day(session: CalendarSession, qtbot: QtBot) -> None:
    """Weeks a pixel apart in height (rounded): one showed three posts a day where the
    others showed two and "+1 more"."""
    store = session.store
    channel = store.channels()[0].id
    first, last = NOVEMBER_GRID
    busy = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    store.add_posts(
        NewPost(f"Post {n}", channel, (), day, time(9 + n), status=PostStatus.SCHEDULED)
        for day in busy
        for n in range(4)
    )
    session.notify(ChangeSet(calendar=True))
    view = cast(MonthView, shown_view(MonthView, session, qtbot))
    posts = {day: len(session.posts_between(day, day)) for day in busy}
    heights = set()
    for height in range(600, 700):
        view.resize(1000, height)
        assert view.height() == height
        view.grab()  # (laid out as it paints)
        rows = {view.day_rect(day).height() for day in busy}
        shown = {posts[day] - view.hidden_count(day) for day in busy}
        heights.add(len(rows))
        assert len(shown) == 1, (height, rows, shown)
    assert heights == {1, 2}  # some sizes part the weeks' heights by a pixel


def center(view: MonthView, day: date) -> QPoint:
    """A point of the day's cell below its chips."""
    rect = view.day_rect(day)
    return QPoint(rect.center().x(), rect.bottom() - 4)


def movable_post(session: CalendarSession, first: date, last: date) -> Post:
    """A timed post in the range that is not part of a series."""
    return next(
        p for p in session.posts_between(first, last) if p.series_id is None and p.time is not None
    )


def add_post(session: CalendarSession, title: str, day: date, at: time | None) -> int:
    channel = session.channels()[0].id
    command = AddPostCommand(
        session, NewPost(title, channel, date=day, time=at, status=PostStatus.SCHEDULED)
    )
    session.push(command)
    return command.created_ids[0]


# -- the grid ------------------------------------------------------------------


def test_grid_follows_the_calendar_first_day_of_week(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    assert month.visible_range() == NOVEMBER_GRID
    assert month.period_title().endswith("2026")
    monday = date(2026, 11, 16)
    assert month.day_rect(monday).left() == 0
    assert month.day_at(month.day_rect(monday).center()) == monday
    assert month.day_rect(date(2026, 10, 25)).isNull()

    session.store.update_info(week_start="sunday")
    with qtbot.waitSignal(month.periodChanged):
        session.notify(ChangeSet(calendar=True))

    # 1 November 2026 is a Sunday: it now opens the grid.
    assert month.visible_range() == (date(2026, 11, 1), date(2026, 12, 12))
    sunday = date(2026, 11, 15)
    assert month.day_rect(sunday).left() == 0
    assert month.day_at(QPoint(3, month.day_rect(sunday).center().y())) == sunday
    assert month.day_rect(monday).left() > 0

    # Egypt's and Iran's weeks start on Saturday: 31 October opens November's grid.
    session.store.update_info(week_start="saturday")
    with qtbot.waitSignal(month.periodChanged):
        session.notify(ChangeSet(calendar=True))
    assert month.visible_range() == (date(2026, 10, 31), date(2026, 12, 11))
    saturday = date(2026, 11, 14)
    assert month.day_rect(saturday).left() == 0
    assert month.day_rect(sunday).left() > 0


def test_today_is_marked_with_a_filled_circle(month: MonthView) -> None:
    image = month.grab().toImage()
    ratio = image.devicePixelRatio()
    highlight = month.palette().color(QPalette.ColorRole.Highlight)

    def colour_at_number(day: date) -> QColor:
        rect = month.number_rect(day)
        assert rect is not None
        point = QPointF(rect.left() + 3, rect.center().y()) * ratio
        return QColor(image.pixel(point.toPoint()))

    def close(a: QColor, b: QColor) -> bool:
        return all(
            abs(x - y) <= 10
            for x, y in [(a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue())]
        )

    assert close(colour_at_number(TODAY), highlight)
    assert not close(colour_at_number(TODAY + timedelta(days=1)), highlight)
    assert not close(colour_at_number(TODAY - timedelta(days=7)), highlight)


def test_busy_day_shows_plus_n_more(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    busy = date(2026, 11, 24)
    before = month.shown_count()
    for hour in range(10, 18):
        add_post(session, f"Busy {hour}", busy, time(hour, 0))
    untimed = add_post(session, "All day", busy, None)

    total = len(session.posts_between(busy, busy))
    shown = month.visible_posts(busy)
    hidden = month.hidden_count(busy)
    assert hidden > 0
    assert len(shown) + hidden == total
    assert month.shown_count() == before + 9, "the month counts the posts behind +N more"
    assert shown[0] == untimed, "untimed posts come first"
    hidden_id = month.posts_on(busy)[-1]
    assert month.chip_rect(hidden_id) is None
    for post_id in shown:
        rect = month.chip_rect(post_id)
        assert rect is not None
        assert month.day_rect(busy).contains(rect)
        assert month.post_at(rect.center()) == post_id

    more = month.more_rect(busy)
    assert more is not None
    with qtbot.waitSignal(month.dayActivated, check_params_cb=lambda day: day == busy):
        qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=more.center())
    # A quiet day has nothing hidden.
    assert month.hidden_count(date(2026, 11, 26)) == 0
    assert month.more_rect(date(2026, 11, 26)) is None


# -- cadence -----------------------------------------------------------------


def test_overdue_badges_count_the_overdue_messages(
    month: MonthView, session: CalendarSession
) -> None:
    report = session.report()
    counts = {day: month.badge_count(day) for day in month.visible_days()}
    assert counts == {day: report.overdue_count(day) for day in month.visible_days()}
    assert any(counts.values())

    def corner(day: date) -> QRect:
        cell = month.day_rect(day)
        return QRect(cell.right() - 26, cell.top() + 3, 24, 14)

    # Counted is painted: a red badge in the corner of each day it counts.
    image = month.grab().toImage()
    for day, count in counts.items():
        assert (red_pixels(image, corner(day)) > 10) == (count > 0), day

    session.select_message(session.key_messages()[0].id)
    assert all(month.badge_count(day) == 0 for day in month.visible_days())
    image = month.grab().toImage()
    assert not any(red_pixels(image, corner(day)) for day in counts)


def test_selected_message_tints_its_overdue_days(
    month: MonthView, session: CalendarSession
) -> None:
    message = session.store.key_message_titled("Installed by local experts")
    assert message is not None
    session.select_message(message.id)
    cadence = session.report().message(message.id)
    days = month.visible_days()
    tinted = set(month.tinted_days())
    assert tinted == {day for day in days if cadence.is_overdue_on(day)}
    assert tinted, "the demo leaves this message quiet for weeks"
    assert set(month.delivered_days()) == {d for d in cadence.deliveries if d in days}
    assert not tinted & set(month.delivered_days())

    # Days ahead, overdue only unless a post is planned by then, are tinted paler (as
    # the cadence panel draws them), and said so.
    picture = month.grab().toImage()

    def shade(day: date) -> QColor:
        corner = month.day_rect(day).bottomLeft() + QPoint(3, -3)
        return picture.pixelColor(corner * picture.devicePixelRatio())

    weekdays = sorted(d for d in tinted if d.weekday() < 5 and d.month == 11)
    past = next(d for d in weekdays if d <= TODAY)
    ahead = next(d for d in weekdays if d > TODAY)
    plain = next(d for d in days if d.weekday() < 5 and d.month == 11 and d not in tinted)
    assert shade(past).green() < shade(ahead).green() < shade(plain).green()
    assert month.spoken_cadence(ahead) == [
        "Installed by local experts overdue unless a post is planned by then"
    ]
    assert month.spoken_cadence(past) == ["Installed by local experts overdue"]

    # A day it went out on carries a mark of its colour in the corner.
    color = QColor(message.color)

    def marked(day: date) -> bool:
        cell = month.day_rect(day)
        ratio = picture.devicePixelRatio()
        return any(
            picture.pixelColor(int(x * ratio), int(y * ratio)) == color
            for x in range(cell.right() - 24, cell.right() - 2)
            for y in range(cell.top() + 3, cell.top() + 20)
        )

    assert month.delivered_days()
    assert all(marked(day) for day in month.delivered_days())
    assert not any(marked(day) for day in tinted)

    session.select_message(None)
    assert month.tinted_days() == []
    assert month.delivered_days() == []


def test_dragging_into_a_gap_makes_it_disappear(month: MonthView, session: CalendarSession) -> None:
    message = session.store.key_message_titled("Installed by local experts")
    assert message is not None
    cadence = session.report().message(message.id)
    gap_day = next(d for d in month.visible_days() if cadence.is_overdue_on(d))
    carrier = next(
        p
        for p in session.posts_between(*month.visible_range())
        if message.id in p.message_ids and p.status == PostStatus.SCHEDULED
    )
    following = [gap_day + timedelta(days=i) for i in range(3)]
    before = [month.badge_count(d) for d in following]

    send_drop(month, center(month, gap_day), posts_mime(session, [carrier]), ctrl=True)

    after = [month.badge_count(d) for d in following]
    assert after == [b - 1 for b in before]
    session.select_message(message.id)
    assert gap_day not in month.tinted_days()
    assert gap_day in month.delivered_days()

    session.select_message(None)
    session.undo_stack.undo()
    assert [month.badge_count(d) for d in following] == before


@pytest.mark.parametrize("set_aside", [PostStatus.IDEA, PostStatus.CANCELLED])
@pytest.mark.parametrize("ctrl", [False, True], ids=["move", "copy"])
def test_an_idea_pulled_out_of_the_backlog_into_a_gap_fills_it(
    month: MonthView, session: CalendarSession, ctrl: bool, set_aside: PostStatus
) -> None:
    """An idea, or a post cancelled in the backlog (it stayed cancelled where it was
    dropped, the gap red under it, unsaid), becomes a draft on the day."""
    message = session.store.key_message_titled("Installed by local experts")
    assert message is not None
    cadence = session.report().message(message.id)
    gap_day = next(d for d in month.visible_days() if d > TODAY and cadence.is_overdue_on(d))
    idea = next(p for p in session.backlog() if message.id in p.message_ids)
    assert idea.status == PostStatus.IDEA
    if set_aside != idea.status:
        session.notify(session.store.update_post(idea.id, {"status": set_aside}))
        idea = session.store.post(idea.id)
    session.select_message(message.id)

    send_drop(month, center(month, gap_day), posts_mime(session, [idea]), ctrl=ctrl)

    placed = next(p for p in session.posts_between(gap_day, gap_day) if p.title == idea.title)
    assert placed.status == PostStatus.DRAFT  # planned now, so it counts from today on
    assert month.selected_post_ids() == [placed.id], "what was dropped is selected"
    assert gap_day not in month.tinted_days()
    assert gap_day in month.delivered_days()
    assert (idea.id in {p.id for p in session.backlog()}) == ctrl

    session.undo_stack.undo()
    assert gap_day in month.tinted_days()
    assert session.store.post(idea.id).status == set_aside
    assert session.store.post(idea.id).date is None


# -- drops ---------------------------------------------------------------------


def test_drop_moves_a_post_and_keeps_its_time(month: MonthView, session: CalendarSession) -> None:
    post = movable_post(session, TODAY, TODAY + timedelta(days=10))
    assert post.date is not None
    target = post.date + timedelta(days=2)

    event = send_drop(month, center(month, target), month.drag_mime(post.id))

    assert event.isAccepted()
    assert event.dropAction() == Qt.DropAction.MoveAction
    moved = session.store.post(post.id)
    assert (moved.date, moved.time, moved.uid) == (target, post.time, post.uid)
    # The view refreshed: the chip is drawn on its new day.
    assert post.id in month.visible_posts(target)
    assert post.id not in month.visible_posts(post.date)
    rect = month.chip_rect(post.id)
    assert rect is not None
    assert month.day_at(rect.center()) == target
    assert month.current_date() == target

    session.undo_stack.undo()
    assert session.store.post(post.id).date == post.date
    assert post.id in month.visible_posts(post.date)


def test_ctrl_drop_copies_the_post(month: MonthView, session: CalendarSession) -> None:
    post = movable_post(session, TODAY, TODAY + timedelta(days=10))
    assert post.date is not None
    target = post.date + timedelta(days=1)
    count = session.store.count_posts()

    event = send_drop(month, center(month, target), month.drag_mime(post.id), ctrl=True)

    assert event.dropAction() == Qt.DropAction.CopyAction
    assert session.store.count_posts() == count + 1
    assert session.store.post(post.id) == post
    copies = [p for p in session.posts_between(target, target) if p.title == post.title]
    assert len(copies) == 1
    assert copies[0].uid != post.uid
    assert copies[0].time == post.time
    assert copies[0].id in month.visible_posts(target)

    session.undo_stack.undo()
    assert session.store.count_posts() == count


def test_selected_posts_move_together(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    first = movable_post(session, date(2026, 11, 3), date(2026, 11, 3))
    second = movable_post(session, date(2026, 11, 5), date(2026, 11, 5))
    first_rect = month.chip_rect(first.id)
    second_rect = month.chip_rect(second.id)
    assert first_rect is not None
    assert second_rect is not None

    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=first_rect.center())
    with qtbot.waitSignal(month.selectionChanged):
        qtbot.mouseClick(
            month,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            pos=second_rect.center(),
        )
    assert month.selected_post_ids() == [first.id, second.id]
    mime = month.drag_mime(second.id)
    assert decode_posts(session, mime) == ([first.id, second.id], second.id)

    send_drop(month, center(month, date(2026, 11, 19)), mime)

    moved = {p.id: p for p in session.store.posts([first.id, second.id])}
    assert moved[second.id].date == date(2026, 11, 19)
    assert moved[first.id].date == date(2026, 11, 17), "the two days between them stay"
    assert month.selected_post_ids() == [first.id, second.id]
    assert session.undo_stack.count() == 1

    session.undo_stack.undo()
    assert session.store.post(first.id).date == first.date
    assert session.store.post(second.id).date == second.date


def test_a_dragged_chips_picture_hangs_below_the_pointer(
    month: MonthView, session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its picture sat under the pointer: over the toolbar's › it hid the month's title
    as the pages turned, and in the grid the day it was over."""
    seen: list[tuple[QPoint, QRectF]] = []

    def dragged(drag: QDrag, *args: object) -> Qt.DropAction:
        size = drag.pixmap().deviceIndependentSize()
        seen.append((drag.hotSpot(), QRectF(QPointF(0, 0), size)))
        return Qt.DropAction.IgnoreAction

    monkeypatch.setattr(QDrag, "exec", dragged)
    post = movable_post(session, date(2026, 11, 3), date(2026, 11, 3))
    rect = month.chip_rect(post.id)
    assert rect is not None
    drag_from(qtbot, month, rect.center())
    [(hot_spot, picture)] = seen
    assert picture.width() > 100
    # The pointer's spot, and a band around it, lie outside the picture, above it.
    under = picture.translated(-QPointF(hot_spot))
    assert not under.intersects(QRectF(-12, -12, 24, 24))
    assert under.top() > 0


def test_a_ctrl_drag_carries_the_chip_pressed_or_the_selection_it_starts_on(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    """A post just saved stays selected; Ctrl-pressing another to drag a copy of it
    added it to that selection on the press, and the copy took the saved one along.
    Ctrl and a click without a drag still add a chip to the selection, or take it out."""
    first = movable_post(session, date(2026, 11, 3), date(2026, 11, 3))
    second = movable_post(session, date(2026, 11, 5), date(2026, 11, 5))
    first_rect, second_rect = month.chip_rect(first.id), month.chip_rect(second.id)
    assert first_rect is not None
    assert second_rect is not None
    ctrl = Qt.KeyboardModifier.ControlModifier
    month.select_posts([first.id])  # as the editor leaves a post it saved

    qtbot.mousePress(month, Qt.MouseButton.LeftButton, ctrl, second_rect.center())
    assert month.selected_post_ids() == [first.id]
    assert [p.id for p in month.drag_posts(second.id)] == [second.id]
    qtbot.mouseRelease(month, Qt.MouseButton.LeftButton, ctrl, second_rect.center())
    assert month.selected_post_ids() == [first.id, second.id]

    qtbot.mousePress(month, Qt.MouseButton.LeftButton, ctrl, first_rect.center())
    assert [p.id for p in month.drag_posts(first.id)] == [first.id, second.id]
    qtbot.mouseRelease(month, Qt.MouseButton.LeftButton, ctrl, first_rect.center())
    assert month.selected_post_ids() == [second.id]

    # What the press held decides, not the release: Ctrl let go first still picks.
    qtbot.mousePress(month, Qt.MouseButton.LeftButton, ctrl, first_rect.center())
    qtbot.mouseRelease(month, Qt.MouseButton.LeftButton, pos=first_rect.center())
    assert month.selected_post_ids() == [second.id, first.id]
    qtbot.mousePress(month, Qt.MouseButton.LeftButton, pos=first_rect.center())
    qtbot.mouseRelease(month, Qt.MouseButton.LeftButton, ctrl, first_rect.center())
    assert month.selected_post_ids() == [first.id]


@pytest.mark.parametrize("answer", ["this", "following", "all", None])
def test_dropping_a_series_occurrence_asks_which_ones(
    month: MonthView,
    session: CalendarSession,
    scope_answers: ScopeAnswers,
    answer: str | None,
) -> None:
    friday = date(2026, 11, 20)
    occurrence = next(p for p in session.posts_between(friday, friday) if p.series_id is not None)
    assert occurrence.series_id is not None
    series = {p.id: p for p in session.store.series_posts(occurrence.series_id)}
    scope_answers.answer = answer  # type: ignore[assignment]

    send_drop(month, center(month, friday + timedelta(days=1)), month.drag_mime(occurrence.id))

    assert scope_answers.asked == ["move"]
    after = {p.id: p for p in session.store.posts(series)}
    for post_id, before in series.items():
        assert before.date is not None
        assert occurrence.date is not None
        if answer == "this":
            shifted = post_id == occurrence.id
        elif answer == "following":
            shifted = before.date >= occurrence.date
        else:  # what went out stays on record, a post of its own
            gone_out = before.status == PostStatus.PUBLISHED and post_id != occurrence.id
            shifted = answer == "all" and not gone_out
            if answer == "all" and gone_out:
                assert after[post_id].series_id is None
        expected = before.date + timedelta(days=1) if shifted else before.date
        assert after[post_id].date == expected, (answer, before.title, before.date)
    assert session.undo_stack.count() == (0 if answer is None else 1)
    moved = sum(after[i].date != series[i].date for i in series)
    if answer is not None:
        assert session.undo_stack.undoText() == (
            "Move post" if moved == 1 else f"Move {moved} posts"
        )


@pytest.mark.parametrize("dragged", ["first", "retimed"])
def test_a_series_moved_by_days_keeps_each_posts_own_time(
    month: MonthView, session: CalendarSession, scope_answers: ScopeAnswers, dragged: str
) -> None:
    """One occurrence set to 14:00 on its own: moving "all" a day on put it back at the
    series' time, or, dragging it, put every post at 14:00."""
    friday = date(2026, 11, 20)
    occurrence = next(p for p in session.posts_between(friday, friday) if p.series_id is not None)
    assert occurrence.series_id is not None
    members = session.store.series_posts(occurrence.series_id)
    # (None gone out: those that did stay where they are, :func:`test_all_occurrences…`.)
    session.store.update_posts({m.id: {"status": PostStatus.SCHEDULED} for m in members})
    retimed = members[1]
    session.notify(session.store.update_post(retimed.id, {"time": time(14, 0)}))
    before = {p.id: (p.date, p.time) for p in session.store.series_posts(occurrence.series_id)}
    post = session.store.post(retimed.id if dragged == "retimed" else members[0].id)
    assert post.date is not None
    month.set_current_date(post.date)
    scope_answers.answer = "all"

    send_drop(month, center(month, post.date + timedelta(days=1)), month.drag_mime(post.id))

    after = {p.id: (p.date, p.time) for p in session.store.series_posts(occurrence.series_id)}
    assert after == {
        i: (cast(date, day) + timedelta(days=1), at) for i, (day, at) in before.items()
    }
    assert after[retimed.id][1] == time(14, 0)


def test_an_occurrence_from_the_backlog_lands_alone_and_its_series_keeps_its_times(
    month: MonthView, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    friday = date(2026, 11, 20)
    occurrence = next(p for p in session.posts_between(friday, friday) if p.series_id is not None)
    assert occurrence.series_id is not None
    session.store.move_posts({occurrence.id: (None, None)})  # into the backlog
    series = {p.id: p for p in session.store.series_posts(occurrence.series_id)}
    scope_answers.answer = "all"
    send_drop(month, center(month, friday + timedelta(days=1)), month.drag_mime(occurrence.id))
    assert scope_answers.asked == [], "a post without a day has no series to shift"
    after = {p.id: p for p in session.store.posts(series)}
    assert after.pop(occurrence.id).date == friday + timedelta(days=1)
    assert {i: (p.date, p.time) for i, p in after.items()} == {
        i: (series[i].date, series[i].time) for i in after
    }
    # Asked through the store, "all" places it alone too.
    session.store.move_posts({occurrence.id: (None, None)})
    session.store.update_occurrences(occurrence.id, {"date": friday, "time": None}, "all")
    again = {p.id: p for p in session.store.posts(series)}
    assert again.pop(occurrence.id).date == friday
    assert {i: (p.date, p.time) for i, p in again.items()} == {
        i: (series[i].date, series[i].time) for i in again
    }


def test_drop_without_our_posts_is_refused(month: MonthView) -> None:
    mime = QMimeData()
    mime.setText("hello")
    pos = center(month, TODAY)
    assert not drag_over(month, pos, mime)


def test_drag_over_highlights_the_target_day(month: MonthView, session: CalendarSession) -> None:
    post = movable_post(session, TODAY, TODAY + timedelta(days=10))
    mime = month.drag_mime(post.id)
    target = date(2026, 11, 27)
    pos = center(month, target)
    QApplication.sendEvent(month, drag_event(QDragEnterEvent, pos, mime))
    assert month.drop_target_day() == target

    QApplication.sendEvent(month, QDragLeaveEvent())
    assert month.drop_target_day() is None


# -- mouse and keyboard ----------------------------------------------------------


def test_double_click_opens_a_post_or_writes_one_on_the_day(month: MonthView, qtbot: QtBot) -> None:
    """A double-click on an empty spot of a day opened its week: on a new calendar
    nothing told how to put a post on a day (the week's empty hours write one)."""
    day = date(2026, 11, 16)
    post_id = month.visible_posts(day)[0]
    rect = month.chip_rect(post_id)
    assert rect is not None
    with qtbot.waitSignal(month.postActivated, check_params_cb=lambda i: i == post_id):
        double_click(qtbot, month, rect.center())
    spot = month.day_rect(day).bottomRight() - QPoint(4, 4)
    assert month.post_at(spot) is None
    with qtbot.waitSignal(
        month.slotActivated, check_params_cb=lambda d, at: (d, at) == (day, None)
    ):
        double_click(qtbot, month, spot)


def test_arrows_cross_the_month_boundary(month: MonthView, qtbot: QtBot) -> None:
    month.set_current_date(date(2026, 11, 30))
    month.setFocus()
    with qtbot.assertNotEmitted(month.periodChanged):
        qtbot.keyClick(month, Qt.Key.Key_Left)
    assert month.current_date() == date(2026, 11, 29)
    qtbot.keyClick(month, Qt.Key.Key_Right)

    with qtbot.waitSignal(month.periodChanged):
        qtbot.keyClick(month, Qt.Key.Key_Right)
    assert month.current_date() == date(2026, 12, 1)
    assert month.visible_range()[0] == date(2026, 11, 30)
    assert month.period_title() != "November 2026"

    with qtbot.waitSignal(month.periodChanged):
        qtbot.keyClick(month, Qt.Key.Key_Up)
    assert month.current_date() == date(2026, 11, 24)
    assert month.visible_range() == NOVEMBER_GRID

    with qtbot.waitSignal(month.periodChanged):
        qtbot.keyClick(month, Qt.Key.Key_PageDown)
    assert month.current_date() == date(2026, 12, 24)
    with qtbot.waitSignal(month.periodChanged):
        qtbot.keyClick(month, Qt.Key.Key_PageUp)
        qtbot.keyClick(month, Qt.Key.Key_PageUp)
    assert month.current_date() == date(2026, 10, 24)


def test_tab_enter_and_escape_work_on_the_day_posts(month: MonthView, qtbot: QtBot) -> None:
    day = date(2026, 11, 16)
    month.set_current_date(day)
    month.setFocus()
    posts = month.posts_on(day)
    assert len(posts) == 2

    qtbot.keyClick(month, Qt.Key.Key_Tab)
    assert month.selected_post_ids() == [posts[0]]
    qtbot.keyClick(month, Qt.Key.Key_Tab)
    assert month.selected_post_ids() == [posts[1]]
    assert month.accessibleDescription().count("selected") == 1
    with qtbot.waitSignal(month.postActivated, check_params_cb=lambda i: i == posts[1]):
        qtbot.keyClick(month, Qt.Key.Key_Return)

    with qtbot.waitSignal(month.selectionChanged):
        qtbot.keyClick(month, Qt.Key.Key_Escape)
    assert month.selected_post_ids() == []
    with qtbot.waitSignal(month.dayActivated, check_params_cb=lambda d: d == day):
        qtbot.keyClick(month, Qt.Key.Key_Enter)


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("view_type", [MonthView, WeekView])
def test_tab_on_an_empty_day_stays_in_the_calendar(
    session: CalendarSession, qtbot: QtBot, view_type: type[MonthView | WeekView]
) -> None:
    """Tab never leaves the calendar on some days and not on others: Ctrl+Tab does."""
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    view = view_type(session)
    layout.addWidget(view)
    layout.addWidget(QLineEdit())  # where Tab would otherwise go
    host.resize(1000, 800)
    with qtbot.waitExposed(host):
        host.show()
    empty = next(TODAY + timedelta(days=n) for n in range(60) if not view_posts(view, TODAY, n))
    view.set_current_date(empty)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    way_out = "Ctrl+Tab goes to the next pane"
    assert way_out not in view.accessibleDescription()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.hasFocus()
    assert view.accessibleDescription().endswith(way_out)  # a screen reader hears how
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.hasFocus()
    assert view.selected_post_ids() == []
    view.set_current_date(empty + timedelta(days=1))
    assert way_out not in view.accessibleDescription()


@pytest.mark.parametrize("view_type", [MonthView, WeekView])
def test_shift_arrows_select_the_posts_of_a_stretch_of_days(
    session: CalendarSession, qtbot: QtBot, view_type: type[MonthView | WeekView]
) -> None:
    """The keyboard's way to pick up several posts (then Cut and Paste move them)."""
    view = shown_view(view_type, session, qtbot)
    start = date(2026, 11, 17)
    view.set_current_date(start)
    view.setFocus()

    def posts_of(first: date, last: date) -> list[int]:
        return [p.id for p in session.posts_between(first, last) if p.date is not None]

    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Right, shift)
    qtbot.keyClick(view, Qt.Key.Key_Right, shift)
    assert view.current_date() == start + timedelta(days=2)
    stretch = posts_of(start, start + timedelta(days=2))
    assert len(stretch) > len(posts_of(start, start + timedelta(days=1))) > 0
    assert view.selected_post_ids() == stretch
    assert f"{len(stretch)} posts selected" in view.accessibleDescription()
    qtbot.keyClick(view, Qt.Key.Key_Left, shift)  # back towards where it began
    assert view.selected_post_ids() == posts_of(start, start + timedelta(days=1))
    qtbot.keyClick(view, Qt.Key.Key_Left, shift)
    qtbot.keyClick(view, Qt.Key.Key_Left, shift)  # and past it, the other way
    assert view.selected_post_ids() == posts_of(start - timedelta(days=1), start)

    qtbot.keyClick(view, Qt.Key.Key_Right)  # a plain arrow: a new start
    assert view.selected_post_ids() == []
    qtbot.keyClick(view, Qt.Key.Key_Right, shift)
    assert view.selected_post_ids() == posts_of(start, start + timedelta(days=1))
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # one post picked: the stretch is over
    qtbot.keyClick(view, Qt.Key.Key_Right, shift)
    assert view.selected_post_ids() == posts_of(
        start + timedelta(days=1), start + timedelta(days=2)
    )


@pytest.mark.parametrize("view_type", [MonthView, WeekView])
def test_ctrl_space_picks_posts_of_days_apart_from_the_keyboard(
    session: CalendarSession, qtbot: QtBot, view_type: type[MonthView | WeekView]
) -> None:
    """A keyboard user picks single posts here and there, as Ctrl+click does: Ctrl+Space
    picks or drops the post Tab is on, and Tab and the arrows then keep the pick."""
    view = shown_view(view_type, session, qtbot)
    first = date(2026, 11, 16)
    view.set_current_date(first)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier
    busy = next(
        first + timedelta(days=n) for n in range(2, 30) if len(view_posts(view, first, n)) > 1
    )
    skipped = view_posts(view, first, 1)
    view.set_current_date(first)
    one = view.posts_on(first)[0]

    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Space, ctrl)  # keeps what Tab selected: the pick begins
    assert view.selected_post_ids() == [one]
    assert "selected (Ctrl+Space selects or deselects it)" in view.accessibleDescription()
    for _ in range((busy - first).days):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_date() == busy
    assert view.selected_post_ids() == [one]  # the arrows crossed days, the pick stayed
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    second = view.posts_on(busy)[1]
    assert view.focused_post() == second
    assert view.selected_post_ids() == [one]  # Tab went there without picking
    assert "not selected" in view.accessibleDescription()
    qtbot.keyClick(view, Qt.Key.Key_Space, ctrl)
    assert view.selected_post_ids() == [one, second]
    assert "2 posts selected" in view.accessibleDescription()
    assert not set(skipped) & set(view.selected_post_ids())
    qtbot.keyClick(view, Qt.Key.Key_Space, ctrl)  # again: dropped
    assert view.selected_post_ids() == [one]
    qtbot.keyClick(view, Qt.Key.Key_Space, ctrl)
    assert view.selected_post_ids() == [one, second]

    qtbot.keyClick(view, Qt.Key.Key_Right)  # a day with nothing the keyboard is on:
    with qtbot.waitSignal(view.dayActivated):  # Enter opens that day, not a picked post
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.selected_post_ids() == [one, second]

    qtbot.keyClick(view, Qt.Key.Key_Escape)  # the pick is over: Tab selects again
    assert view.selected_post_ids() == []
    busy_after = busy + timedelta(days=1)
    assert view.current_date() == busy_after
    view.set_current_date(busy)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_post_ids() == [view.posts_on(busy)[0]]
    assert "Ctrl+Space" not in view.accessibleDescription()


def test_a_post_dropped_from_the_pick_by_ctrl_click_keeps_the_keyboard(
    month: MonthView, qtbot: QtBot
) -> None:
    """Ctrl+clicks on posts of two days, then on the first again: the keyboard went to
    the other day's post, where Ctrl+Space or Enter then acted."""
    a = month.posts_on(date(2026, 11, 16))[0]
    b = month.posts_on(date(2026, 11, 17))[0]
    ctrl = Qt.KeyboardModifier.ControlModifier
    for post_id in (a, b, a):
        rect = month.chip_rect(post_id)
        assert rect is not None
        qtbot.mouseClick(month, Qt.MouseButton.LeftButton, ctrl, rect.center())
    assert month.selected_post_ids() == [b]
    assert month.focused_post() == a
    assert month.current_date() == date(2026, 11, 16)


def test_the_post_the_keyboard_is_on_is_ringed_while_posts_are_picked(
    month: MonthView, qtbot: QtBot
) -> None:
    """Picked posts are filled; the one Tab is on, picked or not, has a ring of the
    highlight colour, else a keyboard user could not tell where Ctrl+Space acts."""
    day = date(2026, 11, 16)
    month.set_current_date(day)
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    qtbot.keyClick(month, Qt.Key.Key_Tab)
    qtbot.keyClick(month, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(month, Qt.Key.Key_Tab)  # on the day's second post, not picked
    focused = month.focused_post()
    assert focused is not None
    assert month.selected_post_ids() != [focused]
    chip = month.chip_rect(focused)
    assert chip is not None
    highlight = month.palette().color(QPalette.ColorRole.Highlight)

    def ring_pixels() -> int:
        image = month.grab().toImage()
        ring = chip.adjusted(-2, -2, 2, 2)
        edge = [QPoint(x, ring.top()) for x in range(ring.left() + 6, ring.right() - 6)]
        return sum(QColor(image.pixel(p)) == highlight for p in edge)

    assert ring_pixels() > chip.width() // 2
    qtbot.keyClick(month, Qt.Key.Key_Escape)
    assert ring_pixels() == 0


def test_a_stretch_of_days_starts_anew_wherever_the_day_was_chosen_since(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    """A stretch over empty days selects nothing, as a plain arrow leaves: the next
    Shift+arrow went on from the old start (and Delete took posts never covered)."""
    shift = Qt.KeyboardModifier.ShiftModifier
    empty = next(
        d
        for d in (date(2026, 11, 1) + timedelta(days=n) for n in range(1000))
        if not session.posts_between(d, d + timedelta(days=1))
    )
    month.set_current_date(empty)
    month.setFocus()
    qtbot.keyClick(month, Qt.Key.Key_Right, shift)
    assert month.selected_post_ids() == []
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up):
        qtbot.keyClick(month, key)
    start = month.current_date()
    qtbot.keyClick(month, Qt.Key.Key_Right, shift)
    ids = [p.id for p in session.posts_between(start, start + timedelta(days=1))]
    assert month.selected_post_ids() == ids

    # Chosen by a click on the day an empty stretch had reached: a new start too (a
    # paste of what the next Shift+arrow picks lines up that day, not the old start).
    month.set_current_date(empty)
    qtbot.keyClick(month, Qt.Key.Key_Right, shift)
    reached = month.current_date()
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=center(month, reached))
    assert (month.current_date(), month.selected_post_ids()) == (reached, [])
    qtbot.keyClick(month, Qt.Key.Key_Right, shift)
    assert month.selection_origin() == reached


def test_a_stretch_into_the_next_month_keeps_the_posts_it_covered(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    """The posts a stretch covered before the grid turned to the next month stay
    selected (a change elsewhere dropped them), and a screen reader hears of them."""
    start = date(2026, 11, 23)
    month.set_current_date(start)
    month.setFocus()
    for _ in range(2):
        qtbot.keyClick(month, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert month.displayed_month() == date(2026, 12, 1)
    covered = [p.id for p in session.posts_between(start, date(2026, 12, 7))]
    assert month.selected_post_ids() == covered
    out_of_sight = [
        i for i in covered if i not in month.posts_on(session.store.post(i).date or date.min)
    ]
    assert out_of_sight, "some of the stretch is in November's last days, not in December's grid"
    add_post(session, "Elsewhere", date(2026, 12, 20), time(9, 0))  # a change to a shown day
    assert month.selected_post_ids() == covered
    assert f"{len(out_of_sight)} out of sight" in month.accessibleDescription()

    # A drag of one of them carries them all, as Cut does (it left those out of sight).
    before = {p.id: p.date for p in session.posts(covered)}
    grabbed = next(i for i in covered if i not in out_of_sight)
    grabbed_day = before[grabbed]
    assert grabbed_day is not None
    send_drop(month, center(month, grabbed_day + timedelta(days=7)), month.drag_mime(grabbed))
    after = {p.id: p.date for p in session.posts(covered)}
    assert all(after[i] == day + timedelta(days=7) for i, day in before.items() if day is not None)


def test_select_all_takes_the_posts_of_the_month_not_the_days_around_it(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    month.set_current_date(date(2026, 11, 10))
    month.setFocus()
    assert session.posts_between(*NOVEMBER_GRID[:1], date(2026, 10, 31)), "dimmed days' posts"
    qtbot.keyClick(month, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    november = [p.id for p in session.posts_between(date(2026, 11, 1), date(2026, 11, 30))]
    assert month.selected_post_ids() == november
    assert len(november) > 10


def view_posts(view: MonthView | WeekView, start: date, days: int) -> list[int]:
    view.set_current_date(start + timedelta(days=days))
    return view.posts_on(start + timedelta(days=days))


@OFFSCREEN_POPUPS  # a window's minimum changed once shown
def test_in_a_large_font_a_day_keeps_room_for_a_chip_and_its_plus_n(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    """Large fonts in a short window: not one chip fitted under the number, and "+N
    more" was drawn a chip tall past the day's bottom, cut by the next week. The month
    is at least tall enough for a chip under each number."""
    busy = date(2026, 11, 24)
    for hour in range(9, 15):
        add_post(session, f"Busy {hour}", busy, time(hour, 0))
    font = month.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    month.setFont(font)
    assert month.minimumHeight() > 320
    month.resize(1000, month.minimumHeight())
    qtbot.waitUntil(lambda: month.height() == month.minimumHeight())
    assert month.visible_posts(busy)
    more = month.more_rect(busy)
    assert more is not None
    assert month.day_rect(busy).contains(more)
    with qtbot.waitSignal(month.dayActivated, check_params_cb=lambda day: day == busy):
        qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=more.center())


def test_tab_brings_a_post_behind_more_into_sight(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    busy = date(2026, 11, 24)
    for hour in range(8, 18):
        add_post(session, f"Busy {hour}", busy, time(hour, 0))
    month.set_current_date(busy)
    month.setFocus()
    posts = month.posts_on(busy)
    rows = len(month.visible_posts(busy))
    assert month.hidden_count(busy) == len(posts) - rows > 1
    more = month.more_rect(busy)
    assert more is not None
    last_row = month.chip_rect(posts[rows - 1])
    assert last_row is not None
    assert more.top() == last_row.top(), "+N shares the last row"
    assert more.left() > last_row.right()

    for index, post_id in enumerate(posts):
        qtbot.keyClick(month, Qt.Key.Key_Tab)
        assert month.selected_post_ids() == [post_id]
        rect = month.chip_rect(post_id)
        assert rect is not None, f"post {index + 1} of {len(posts)} is selected out of sight"
        assert month.post_at(rect.center()) == post_id
        assert len(month.visible_posts(busy)) == rows
        assert month.hidden_count(busy) == len(posts) - rows
    qtbot.keyClick(month, Qt.Key.Key_Tab)  # past the last post: the day itself
    assert month.selected_post_ids() == []
    assert month.visible_posts(busy) == posts[:rows]


def test_a_narrow_chip_keeps_its_title_before_its_time(qtbot: QtBot) -> None:
    theme = ChipTheme.from_palette(QApplication.palette())

    def painted(width: int, title: str, at: time | None = time(8, 30)) -> QImage:
        image = QImage(width, 20, QImage.Format.Format_ARGB32)
        image.fill(theme.base)
        painter = QPainter(image)
        chip = Chip(title, QColor("#1f6feb"), (QColor("red"),), at=at)
        paint_chip(painter, QRectF(0, 0, width, 20), chip, theme, QFont())
        painter.end()
        return image

    # A wide chip shows its time beside its title...
    assert painted(300, "Energy prices") != painted(300, "Energy prices", None)
    # ...a narrow one leaves the time out, and its title has the room.
    assert painted(80, "Energy prices") == painted(80, "Energy prices", None)
    assert painted(80, "Energy prices") != painted(80, "Solar pays")


def test_a_chip_keeps_its_time_before_its_markers(qtbot: QtBot) -> None:
    """On a narrow chip the time went first and the key-message dots stayed: a timed
    post looked like an untimed one. At any width where the time fits beside a few
    letters of the title, it is shown, however many dots the post has."""
    theme = ChipTheme.from_palette(QApplication.palette())
    dots = (QColor("red"), QColor("green"), QColor("blue"))

    def painted(width: int, at: time | None, markers: tuple[QColor, ...]) -> QImage:
        image = QImage(width, 20, QImage.Format.Format_ARGB32)
        image.fill(theme.base)
        painter = QPainter(image)
        chip = Chip("Energy prices", QColor("#1f6feb"), markers, at=at)
        paint_chip(painter, QRectF(0, 0, width, 20), chip, theme, QFont())
        painter.end()
        return image.copy(0, 0, 30, 20)  # where the time is drawn

    timed = [
        width
        for width in range(50, 220, 2)
        if painted(width, time(8, 30), ()) != painted(width, None, ())
    ]
    assert timed
    for width in timed:
        assert painted(width, time(8, 30), dots) != painted(width, None, dots), width


class _FontsUsed(QPainter):
    """A painter that keeps the fonts it was given."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.fonts: list[QFont] = []

    def setFont(self, font: QFont | str | Sequence[str]) -> None:
        assert isinstance(font, QFont)  # (paint_chip gives fonts)
        self.fonts.append(QFont(font))
        super().setFont(font)


ADLAM = "\U0001e900\U0001e923\U0001e924\U0001e922"
"""Letters of a script no italic face here has (as Arabic and Hindi have none)."""


@pytest.mark.parametrize("lines", [1, 2])  # the window's chip; the PDF's on two lines
def test_an_idea_in_letters_without_italics_is_written_upright(qapp: object, lines: int) -> None:
    """An idea titled in Arabic came out as a row of boxes in the window and the PDF: no
    font had the letters slanted, and Qt took none upright instead."""
    theme = ChipTheme.from_palette(QApplication.palette())
    italic = QFont()
    italic.setItalic(True)
    assert not QFontMetricsF(italic).inFontUcs4(ord(ADLAM[0]))

    def title_font(title: str) -> QFont:
        image = QImage(240, 40, QImage.Format.Format_ARGB32)
        painter = _FontsUsed(image)
        chip = Chip(title, QColor("#1f6feb"), status=PostStatus.IDEA)
        pdf_module._paint_post(painter, QRectF(0, 0, 240, 40), chip, theme, QFont(), lines)
        painter.end()
        return painter.fonts[-1]

    assert title_font("Weekly tip").italic()
    assert not title_font(ADLAM).italic()
    assert not title_font(f"Tip {ADLAM}").italic()


@pytest.mark.parametrize("base", ["#1b1c1f", "#ffffff"])
def test_a_channel_colour_close_to_the_background_still_shows(qapp: object, base: str) -> None:
    """A navy channel in a dark theme (a pale yellow one in a light theme) is painted
    lighter (darker) just enough to be seen; other colours are painted as they are."""
    theme = replace(ChipTheme.from_palette(QApplication.palette()), base=QColor(base))
    for color in ("#1d458a", "#4c391d", "#fff3b0", "#f4f4f4", *COLOR_CHOICES):
        shown = seen_on(QColor(color), theme.base)
        assert contrast(shown, theme.base) >= 2.0, color
        assert (shown == QColor(color)) == (contrast(QColor(color), theme.base) >= 2.0)
        image = QImage(120, 20, QImage.Format.Format_ARGB32)
        image.fill(theme.base)
        painter = QPainter(image)
        paint_chip(painter, QRectF(0, 0, 120, 20), Chip("Post", QColor(color)), theme, QFont())
        painter.end()
        assert image.pixelColor(1, 10).rgb() == shown.rgb()  # the stripe, on the chip's left


def test_chips_kept_for_repainting_weigh_no_more_than_their_allowance(
    month: MonthView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window resized through many widths kept a picture of every chip at every width
    (up to 4,000 of them: 150 MB at 200%); yet a screen of chips stays kept, however big
    the screen (a 6K one at 200% painted every chip again at every repaint)."""
    monkeypatch.setattr(month_view_module, "CHIP_CACHE_BYTES", 100 * 1024)
    month.set_current_date(TODAY)
    for width in range(700, 1300, 20):
        month.resize(width, 700)
        month.repaint()
    cache = month._chip_cache  # what the view keeps is the point
    ratio = month.devicePixelRatioF()
    weight = sum(p.width() * p.height() * 4 for p in cache.values())
    assert cache
    assert weight <= month.chip_allowance(ratio)
    painted: list[object] = []
    real = month_view_module.paint_chip

    def counted(*args: Any) -> None:
        painted.append(args)
        real(*args)

    monkeypatch.setattr(month_view_module, "paint_chip", counted)
    month.repaint()  # nothing changed: every chip from what was kept
    assert painted == []


def test_text_on_a_colour_is_the_one_that_reads_better(qapp: object) -> None:
    """Selected chips and badges write on their colour in near-black or white: on a mid
    grey or slate, white (near-black read at 3.6:1 on #767676, white at 4.5:1)."""
    greys = [QColor(v, v, v).name() for v in range(0, 256, 3)]
    for color in (*COLOR_CHOICES, "#6b7b8c", "#bb6600", *greys):
        assert contrast(contrast_text(QColor(color)), QColor(color)) >= 4.0, color
    assert contrast_text(QColor("#767676")) == QColor("#ffffff")
    assert contrast_text(QColor("#fff3b0")) != QColor("#ffffff")


def test_swatches_in_a_dark_theme_stand_out_from_it(qapp: QApplication) -> None:
    """The sidebar's and tables' colour swatches follow the theme: navy on a dark one
    is lightened, as on the chips."""
    kept = qapp.palette()
    dark = QPalette(kept)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1b1c1f"))
    qapp.setPalette(dark)
    try:
        for image in (
            swatch("#1d458a").toImage(),
            swatch_icon("#1d458a").pixmap(12).toImage(),  # the editor's and managers' lists
        ):
            middle = image.pixelColor(image.width() // 2, image.height() // 2)
            assert contrast(middle, QColor("#1b1c1f")) >= 2.0
        chosen = swatch_icon("#1d458a", true=True).pixmap(12).toImage()  # a colour picked
        assert chosen.pixelColor(6, 6).name() == "#1d458a"
    finally:
        qapp.setPalette(kept)
    image = swatch("#1d458a").toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#1d458a"


@OFFSCREEN_POPUPS
def test_hovering_a_chip_or_a_badge_tells_what_it_stands_for(
    month: MonthView, session: CalendarSession
) -> None:
    def hover(pos: QPoint) -> str:
        QToolTip.hideText()
        event = QHelpEvent(QEvent.Type.ToolTip, pos, month.mapToGlobal(pos))
        QApplication.sendEvent(month, event)
        # As read: a hyphen in a line kept whole is the one that does not break.
        return QToolTip.text().replace("\u2011", "-") if QToolTip.isVisible() else ""

    day = date(2026, 11, 19)
    post = session.store.posts_between(day, day)[0]
    rect = month.chip_rect(post.id)
    assert rect is not None
    told = hover(rect.center())
    assert post.title in told  # in full, where the chip shows a few words
    assert "LinkedIn" in told
    corner = month.day_rect(TODAY).topRight() + QPoint(-8, 8)  # the red badge
    assert month.badge_count(TODAY) == 2
    told = hover(corner)
    assert "2 key messages overdue on" in told
    assert "unless" not in told  # today: overdue already
    assert "Backed by a 25-year warranty" in told
    ahead = next(
        d for d in month.visible_days() if d > TODAY and month.badge_count(d) and d.month == 11
    )
    told = month.tooltip_at(month.day_rect(ahead).topRight() + QPoint(-8, 8))
    assert " unless a post is planned by then:\n" in told  # it said "overdue", days ahead
    assert month.tooltip_at(QPoint(5, 5)) == ""  # the weekday names: nothing to tell
    # A key message selected, its overdue days are tinted and the badges gone: so is this.
    session.select_message(session.key_messages()[0].id)
    assert (month.badge_count(TODAY), month.tooltip_at(corner)) == (0, "")


def test_filters_and_changes_refresh_the_view(month: MonthView, session: CalendarSession) -> None:
    day = date(2026, 11, 26)
    new_id = add_post(session, "Fresh idea on the calendar", day, time(9, 30))
    assert new_id in month.visible_posts(day)

    channel = session.channels()[0].id
    session.set_filters(Filters(hidden_channels=frozenset({channel})))
    assert new_id not in month.visible_posts(day)
    session.set_filters(Filters())
    assert new_id in month.visible_posts(day)

    session.undo_stack.undo()
    assert new_id not in month.posts_on(day)


def test_accessible_names(month: MonthView, session: CalendarSession) -> None:
    assert month.accessibleName() == "Month view"
    day = date(2026, 11, 16)
    month.set_current_date(day)
    assert "2 posts: " in month.accessibleDescription()
    assert "2026" in month.accessibleDescription()
    # Each post as the chips show it: time, channel, title, status and the key
    # messages its markers show.
    for post_id in month.posts_on(day):
        post = session.store.post(post_id)
        at = f"{post.time:%H:%M} " if post.time else ""
        channel = session.store.channel(post.channel_id).name
        titles = ", ".join(session.key_message(m).title for m in post.message_ids)
        about = f"{post.status.value}; key message{'s' * (len(post.message_ids) > 1)} {titles}"
        about = about if titles else post.status.value
        # And what its tooltip says besides: its campaign, and that it repeats.
        if post.campaign_id is not None:
            about += f"; campaign {session.campaign(post.campaign_id).name}"
        if post.series_id is not None:
            about += "; repeats"
        spoken = f"{at}{channel}: {post.title} ({about})"
        assert spoken in month.accessibleDescription()
    assert any(session.store.post(i).message_ids for i in month.posts_on(day))
    assert any(session.store.post(i).campaign_id for i in month.posts_on(day))
    repeating = next(p for p in session.store.all_posts() if p.series_id)
    assert repeating.date is not None
    month.set_current_date(repeating.date)
    assert f"{repeating.title} (" in month.accessibleDescription()
    assert "; repeats)" in month.accessibleDescription()


def test_a_days_description_names_what_its_cadence_marks_show(
    month: MonthView, session: CalendarSession
) -> None:
    """The badge counts the key messages overdue and its tooltip names them; with a
    key message chosen, the tint and tick say whether it is overdue or goes out: a
    screen reader heard only the count, the same with a message chosen."""
    report = session.report()
    day = next(
        d for d in month.visible_days() if sum(m.is_overdue_on(d) for m in report.messages) > 1
    )
    month.set_current_date(day)
    overdue = [m.title for m in report.messages if m.is_overdue_on(day)]
    assert day <= session.today()
    assert f"{len(overdue)} key messages overdue: {', '.join(overdue)}" in (
        month.accessibleDescription()
    )
    # A day ahead, as its tooltip says it (it was read as overdue already).
    ahead = next(
        d
        for d in month.visible_days()
        if d > session.today() and any(m.is_overdue_on(d) for m in report.messages)
    )
    month.set_current_date(ahead)
    assert " overdue unless a post is planned by then: " in month.accessibleDescription()
    month.set_current_date(day)
    message = next(m for m in report.messages if m.is_overdue_on(day))
    session.select_message(message.message_id)
    assert month.accessibleDescription().endswith(f", {message.title} overdue")
    out = next(d for d in month.visible_days() if d in month.delivered_days())
    month.set_current_date(out)
    assert month.accessibleDescription().endswith(f", {message.title} goes out")


def test_a_day_whose_posts_the_filters_hide_is_said_to_be_filtered(
    month: MonthView, session: CalendarSession
) -> None:
    """A screen reader heard "no posts" on a day whose posts a filter only hides."""
    day = date(2026, 11, 16)
    month.set_current_date(day)
    hidden = frozenset(session.store.post(i).channel_id for i in month.posts_on(day))
    session.set_filters(Filters(hidden_channels=hidden))
    assert "no posts (filtered)" in month.accessibleDescription()
    session.set_filters(Filters())
    assert "2 posts: " in month.accessibleDescription()


def test_a_drop_reads_again_only_the_days_it_touched(
    month: MonthView, session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = movable_post(session, TODAY, TODAY + timedelta(days=10))
    assert post.date is not None
    target = post.date + timedelta(days=2)
    asked: list[tuple[date, date]] = []
    real = session.posts_between

    def spy(first: date, last: date) -> list[Post]:
        asked.append((first, last))
        return real(first, last)

    monkeypatch.setattr(session, "posts_between", spy)
    send_drop(month, center(month, target), month.drag_mime(post.id))

    assert asked
    assert all(
        first in (post.date, target) and last in (post.date, target) for first, last in asked
    )
    for day in month.visible_days():  # and the whole grid is right
        assert month.posts_on(day) == [p.id for p in session.store.posts_between(day, day)]
    session.undo_stack.undo()
    for day in month.visible_days():
        assert month.posts_on(day) == [p.id for p in session.store.posts_between(day, day)]


def test_posts_dragged_from_another_open_calendar_land_as_copies(
    month: MonthView, session: CalendarSession, qtbot: QtBot, tmp_path: Path
) -> None:
    """Two clients' calendars open side by side: a drag from one to the other copies
    the post there (its channel and key messages come by name); the first keeps it."""
    post = movable_post(session, TODAY, TODAY + timedelta(days=10))
    with CalendarStore.create(tmp_path / "Client B.cadence", timezone="Europe/Paris") as store:
        other = CalendarSession(store, today=TODAY)
        theirs = MonthView(other)
        qtbot.addWidget(theirs)
        theirs.resize(1000, 760)
        theirs.show()
        target = date(2026, 11, 24)
        mime = month.drag_mime(post.id)
        assert drag_over(theirs, center(theirs, target), mime)
        drop = send_drop(theirs, center(theirs, target), mime)
        assert drop.isAccepted()
        assert drop.dropAction() == Qt.DropAction.CopyAction, "the first calendar keeps it"
        (copy,) = store.all_posts()
        assert (copy.title, copy.date, copy.time) == (post.title, target, post.time)
        assert copy.uid != post.uid
        assert store.channels()[0].name == session.channel(post.channel_id).name
        assert theirs.selected_post_ids() == [copy.id]
        assert session.store.post(post.id) == post
        other.undo_stack.undo()
        assert store.all_posts() == []
        other.undo_stack.clear()


def test_a_narrow_first_of_the_month_gives_its_month_name_to_the_badge(
    month: MonthView, session: CalendarSession, qtbot: QtBot
) -> None:
    first = date(2026, 12, 1)
    assert month.badge_count(first) > 0
    wide = month.number_rect(first)
    assert wide is not None
    month.resize(436, 320)  # the month view of the smallest window
    qtbot.waitUntil(lambda: month.number_rect(first) != wide)
    cell = month.day_rect(first)
    number = month.number_rect(first)
    assert cell is not None
    assert number is not None
    badge = badge_width(str(month.badge_count(first)), month.font())
    assert number.right() < cell.right() - 4 - badge  # clear of the badge
    # In the language's digits (Arabic's narrow grid read "1" beside "١٧").
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    try:
        month.resize(440, 320)
        qtbot.waitUntil(lambda: month._days[first].label != "1")
        assert month._days[first].label == "١"
    finally:
        QLocale.setDefault(QLocale.c())
    month.resize(1000, 760)
    qtbot.waitUntil(lambda: month.number_rect(first) == wide)  # "1 Dec" again


def test_a_draft_whose_day_has_gone_by_is_faded_and_says_why(
    month: MonthView, session: CalendarSession
) -> None:
    """On Monday, Friday's drafts that never went out looked like drafts still to come
    (they deliver nothing): faded, and their tooltip says it."""

    channel = session.channels()[0].id
    made = {}
    for name, day, status in (
        ("past draft", TODAY - timedelta(days=3), PostStatus.DRAFT),
        ("future draft", TODAY + timedelta(days=3), PostStatus.DRAFT),
        ("past scheduled", TODAY - timedelta(days=3), PostStatus.SCHEDULED),
    ):
        (made[name],) = session.store.add_post(
            NewPost(name, channel, (), day, status=status)
        ).created
    posts = {name: session.store.post(i) for name, i in made.items()}
    chips = {name: month.chip_for(post) for name, post in posts.items()}
    assert [chips[n].missed for n in posts] == [True, False, False]

    def pixels(chip: Chip) -> QImage:
        image = QImage(160, 22, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        theme = ChipTheme.from_palette(month.palette())
        paint_chip(painter, QRectF(0, 0, 160, 22), replace(chip, title=""), theme, month.font())
        painter.end()
        return image

    assert pixels(chips["past draft"]) != pixels(chips["future draft"])
    # Painted by the view, two drafts alike but for their days are told apart (the
    # chips' cache knew them apart by title, status and colours only).
    for day in (TODAY - timedelta(days=2), TODAY + timedelta(days=2)):
        session.push(
            AddPostCommand(session, NewPost("Twin", channel, (), day, status=PostStatus.DRAFT))
        )
    twins = [p for p in session.store.all_posts() if p.title == "Twin"]
    shot = month.grab().toImage()
    rects = [month.chip_rect(p.id) for p in twins]
    assert all(rect is not None for rect in rects)
    past, future = (shot.copy(rect) for rect in rects if rect is not None)
    assert past != future
    assert "it did not go out" in post_tooltip(session, posts["past draft"])
    assert "it did not go out" not in post_tooltip(session, posts["future draft"])
    # A screen reader hears it too: the day's description, a table's or the backlog's row.
    from calendar_app.ui.post_model import AgendaModel

    month.set_current_date(TODAY - timedelta(days=2))
    assert "Twin (draft, did not go out)" in month.accessibleDescription()
    month.set_current_date(TODAY + timedelta(days=2))
    assert "Twin (draft)" in month.accessibleDescription()
    rows = AgendaModel(session)
    assert rows.accessible_text(posts["past draft"]).endswith(
        "Draft (its day has gone by: it did not go out)."
    )
    assert rows.accessible_text(posts["future draft"]).endswith(", Draft.")


def line_widths(view: QWidget, ratio: float, at: float, skip: int = 0) -> list[int]:
    """The widths, in screen pixels, of the thin runs of the colour most of them have
    (the grid's lines) along the row ``at`` of the view's height, painted at ``ratio``,
    but for ``skip`` pixels at each side (the week's hours, whose figures have that grey
    too, and its scroll bar)."""
    picture = QImage(
        int(view.width() * ratio), int(view.height() * ratio), QImage.Format.Format_ARGB32
    )
    picture.setDevicePixelRatio(ratio)
    picture.fill(0)
    view.render(picture)
    y = int(picture.height() * at)
    right = picture.width() - int(skip * ratio)  # and as many at the right (a scroll bar)
    row = [picture.pixelColor(x, y).rgba() for x in range(int(skip * ratio), right)]
    runs: list[tuple[int, int]] = []  # (colour, width)
    for colour in row:
        if runs and runs[-1][0] == colour:
            runs[-1] = (colour, runs[-1][1] + 1)
        else:
            runs.append((colour, 1))
    thin = [(colour, width) for colour, width in runs[1:-1] if width <= 4]
    lines = Counter(colour for colour, _ in thin).most_common(1)[0][0]  # not text, not rails
    return [width for colour, width in thin if colour == lines]


@pytest.mark.parametrize("ratio", [1.25, 1.5, 1.75])
def test_the_grid_lines_are_even_on_a_scaled_screen(month: MonthView, ratio: float) -> None:
    """At 125%, 150% and 175% the month's lines came out one or two screen pixels wide
    by where they fell (2, 1, 1, 1, 1, 2 across a week)."""
    widths = line_widths(month, ratio, 0.97)  # through the last week, below its chips
    assert len(widths) == 6
    assert len(set(widths)) == 1, widths


@pytest.mark.parametrize("ratio", [1.25, 1.5, 1.75])
def test_the_week_s_lines_are_even_on_a_scaled_screen(
    session: CalendarSession, qtbot: QtBot, ratio: float
) -> None:
    week = cast(WeekView, shown_view(WeekView, session, qtbot))
    week.set_current_date(date(2026, 12, 27))  # a week of few posts: lines in the clear
    widths = line_widths(week, ratio, 0.9, skip=45)
    assert len(widths) >= 7
    assert len(set(widths)) == 1, widths


def test_ctrl_space_on_an_empty_day_says_there_is_nothing_to_pick(
    month: MonthView, qtbot: QtBot
) -> None:
    """It said "Tab goes to a post of the day, Ctrl+Space picks it" of a day with none."""
    empty = next(d for d in month.visible_days() if not month.posts_on(d))
    month.set_current_date(empty)
    month.setFocus()
    qtbot.keyClick(month, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    said = month.accessibleDescription()
    assert "no post on this day to select" in said
    assert "Ctrl+Space selects it" not in said
    busy = next(d for d in month.visible_days() if month.posts_on(d))
    month.set_current_date(busy)
    qtbot.keyClick(month, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert "Tab goes to a post of the day, Ctrl+Space selects it" in month.accessibleDescription()


def test_tooltips_name_a_few_of_many_key_messages_and_channels(
    session: CalendarSession,
) -> None:
    """A post carrying 150 key messages, a message on 80 channels: the tooltip listed
    them all, taller than the screen; a few are named, then how many more."""
    store = session.store
    titles = [f"Message {n:02}" for n in range(20)]
    messages = [store.add_key_message(t).created[0] for t in titles]
    channels = [store.add_channel(f"Channel {n:02}").created[0] for n in range(20)]
    for channel in channels:
        store.add_post(NewPost("Everywhere", channel, tuple(messages), TODAY))
    session.notify(ChangeSet(calendar=True))
    post = next(p for p in store.all_posts() if p.title == "Everywhere")
    told = post_tooltip(session, post).split("\n")
    listed = ", ".join([*titles[:11], "and 9 more"])
    assert f"Key messages: {listed}" in told

    lines = channel_lines(session.channel_cadence(messages[0]), TODAY)
    assert lines[:2] == ["", "By channel:"]
    assert lines[12:14] == ["Channel 10: last 18 Nov", "and 9 more channels"]
    assert lines[14].startswith("Never on: ")  # the demo's own channels
    assert len(lines) == 15


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("view_type", [MonthView, WeekView])
def test_the_keyboard_resting_on_a_post_or_a_day_shows_what_hovering_tells(
    view_type: type[MonthView | WeekView], session: CalendarSession, qtbot: QtBot
) -> None:
    """A sighted keyboard user had no way to read a title cut short on its chip, or
    which key messages a red badge counts: hovering alone told them."""
    view = shown_view(view_type, session, qtbot)
    tip = view._keyboard_tip
    view.setFocus()
    badged = next(
        day for day in (TODAY + timedelta(days=n) for n in range(-3, 4)) if view.badge_count(day)
    )
    view.set_current_date(badged)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # onto the day's first post, or the day
    assert tip.pending()
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # put away: told nothing more
    assert (tip.pending(), tip.shown_text()) == (False, "")
    view.set_current_date(badged)
    qtbot.keyClick(view, Qt.Key.Key_Home)  # a move: on the day, no post
    view.set_current_date(badged)
    qtbot.waitUntil(lambda: f"overdue on {long_day(badged)}" in tip.shown_text())
    quiet = next(
        d
        for d in (badged + timedelta(days=n) for n in range(1, 30))
        if not view.badge_count(d) and not view.posts_on(d)
    )
    view.set_current_date(quiet)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    view.set_current_date(quiet)
    assert tip.shown_text() == ""  # gone as the keyboard moves, not told of the day left
    view.set_current_date(TODAY)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # onto the day's first post
    post = session.store.post(view.posts_on(TODAY)[0])
    qtbot.waitUntil(lambda: tip.shown_text() != "")
    assert tip.shown_text() == plain_tooltip(post_tooltip(session, post))
    session.push(DeletePostsCommand(session, [post.id]))  # (a shortcut of the window's)
    assert tip.shown_text() == ""


def test_a_day_with_many_messages_overdue_names_a_few(
    month: MonthView, session: CalendarSession
) -> None:
    store = session.store
    channel = session.channels()[0].id
    for n in range(20):
        message = store.add_key_message(f"Quiet {n:02}", cadence_days=7).created[0]
        store.add_post(NewPost("Long ago", channel, (message,), TODAY - timedelta(days=30)))
    session.notify(ChangeSet(calendar=True))
    assert month.badge_count(TODAY) == 22  # and the demo's two
    told = month.tooltip_at(month.day_rect(TODAY).topRight() + QPoint(-8, 8)).split("\n")
    assert told[0].startswith("22 key messages overdue on")
    assert len(told) == 1 + 12
    assert told[-1] == "and 11 more"


def test_the_count_of_posts_dragged_stands_beside_the_chip_not_over_it(
    month: MonthView, session: CalendarSession
) -> None:
    """The "3" badge covered the chip's end, where its last key message's dot is."""
    from calendar_app.render.chips import badge_width

    post = next(p for p in session.posts_between(*NOVEMBER_GRID) if p.message_ids)
    month.set_current_date(cast(date, post.date))
    alone = month._drag_pixmap(post.id, 1).toImage()
    many = month._drag_pixmap(post.id, 3).toImage()
    ratio = many.devicePixelRatio()
    badge_left = int((many.width() / ratio - badge_width("3", month.chip_font())) * ratio)
    middle = many.height() // 2
    gap = [many.pixelColor(x, middle).alpha() for x in range(badge_left - 2, badge_left)]
    assert gap == [0, 0]  # the chip ends before the badge begins
    assert alone.pixelColor(badge_left - 1, middle).alpha() > 0  # alone, it runs on there


@pytest.mark.parametrize(
    ("clicked", "direction", "shown"),
    [(date(2026, 12, 3), 1, date(2026, 12, 1)), (date(2026, 10, 27), -1, date(2026, 10, 1))],
)
def test_a_step_goes_from_the_month_shown_after_a_click_on_a_neighbour_s_day(
    month: MonthView, qtbot: QtBot, clicked: date, direction: int, shown: date
) -> None:
    """December 3rd clicked in November's last row, then Next: January came (October,
    from October 27th and Previous)."""
    assert month.displayed_month() == date(2026, 11, 1)
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=center(month, clicked))
    assert month.current_date() == clicked
    assert month.displayed_month() == date(2026, 11, 1)  # a click does not turn the page
    month.step(direction)
    assert month.displayed_month() == shown
    assert month.current_date() == clicked  # the day clicked is in the month now shown


def test_a_step_keeps_the_day_of_the_month_where_the_next_has_it(month: MonthView) -> None:
    month.set_current_date(date(2027, 1, 31))
    month.step(1)
    assert (month.displayed_month(), month.current_date()) == (date(2027, 2, 1), date(2027, 2, 28))
    month.step(1)
    assert month.current_date() == date(2027, 3, 28)


@pytest.mark.parametrize(("lang", "rest"), [("en_GB.UTF-8", {5, 6}), ("he_IL.UTF-8", {4, 5})])
def test_the_days_shaded_as_the_weekend_are_the_locale_s(
    month: MonthView, monkeypatch: pytest.MonkeyPatch, lang: str, rest: set[int]
) -> None:
    """In Israel, Sunday (a working day) was shaded and Friday was not."""
    monkeypatch.setenv("LC_ALL", lang)
    month.set_current_date(date(2028, 3, 15))  # a month with no posts
    image = month.grab().toImage()
    week = [date(2028, 3, 13) + timedelta(days=i) for i in range(7)]  # Monday to Sunday

    def shade(day: date) -> int:
        rect = month.day_rect(day)
        ratio = image.devicePixelRatio()
        return image.pixelColor(
            int((rect.right() - 4) * ratio), int((rect.bottom() - 4) * ratio)
        ).rgb()

    monday = shade(week[0])
    assert {day.weekday() for day in week if shade(day) != monday} == rest


def test_the_keyboard_s_day_and_today_s_line_are_seen_in_a_dark_theme(
    month: MonthView, qtbot: QtBot
) -> None:
    """A dark theme's deep accent (Adwaita's #15539e on #2d2d2d) framed the keyboard's
    day at 1.5:1, and drew the cadence panel's today line at 1.7:1: hardly seen."""
    dark = QPalette(month.palette())
    for role, colour in (
        (QPalette.ColorRole.Base, "#2d2d2d"),
        (QPalette.ColorRole.Window, "#353535"),
        (QPalette.ColorRole.Text, "#eeeeec"),
        (QPalette.ColorRole.WindowText, "#eeeeec"),
        (QPalette.ColorRole.Highlight, "#15539e"),
    ):
        dark.setColor(role, QColor(colour))
    month.setPalette(dark)
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    image = month.grab().toImage()
    cell = month.day_rect(month.current_date())
    ratio = image.devicePixelRatio()
    frame = image.pixelColor(int((cell.left() + 2) * ratio), int(cell.center().y() * ratio))
    assert contrast(frame, QColor("#2d2d2d")) >= 3.0
    assert contrast(StripColors.from_palette(dark).today, QColor("#2d2d2d")) >= 3.0
    # A light theme's accent that is seen is drawn as it is; a pale one, darkened.
    light = QPalette(QColor("#efefef"))
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    light.setColor(QPalette.ColorRole.Highlight, QColor("#308cc6"))
    assert accent(light) == QColor("#308cc6")
    light.setColor(QPalette.ColorRole.Highlight, QColor("#3daee9"))  # Breeze's, 2.4:1
    assert contrast(accent(light), QColor("#ffffff")) >= 3.0
    assert accent(light).lightness() < QColor("#3daee9").lightness()


def test_a_post_on_another_month_s_day_is_dimmed_and_still_read(
    month: MonthView, session: CalendarSession
) -> None:
    """Drawn at 60% its title was 2:1 on the cell (4.5:1 on the month's own days)."""
    first, _ = month.visible_range()
    assert first < month.displayed_month()  # the grid opens on the month before's days
    outside = add_post(session, "Dimmed but read", first, None)
    inside = add_post(session, "Of the month", month.displayed_month() + timedelta(days=9), None)
    image = month.grab().toImage()
    ratio = image.devicePixelRatio()

    def text_contrast(post_id: int) -> float:
        rect = month.chip_rect(post_id)
        assert rect is not None
        pixels = [
            image.pixelColor(int(x * ratio), int(y * ratio))
            for x in range(rect.left() + 8, rect.right() - 2)
            for y in range(rect.top() + 2, rect.bottom() - 1)
        ]
        background = max(pixels, key=lambda c: c.lightness())
        return max(contrast(c, background) for c in pixels)

    dimmed, full = text_contrast(outside), text_contrast(inside)
    assert dimmed < full  # still told apart
    assert dimmed >= full / 2  # (a third at 60%)


def test_a_day_s_overdue_badge_counts_in_the_language_s_digits(
    session: CalendarSession, qtbot: QtBot
) -> None:
    """In Arabic the red badges read "2" beside the days' "٢"."""
    day = date(2026, 12, 1)

    def corner(locale: QLocale) -> QImage:
        QLocale.setDefault(locale)
        try:
            view = MonthView(session)
            qtbot.addWidget(view)
            view.resize(1000, 760)
            with qtbot.waitExposed(view):
                view.show()
            view.set_current_date(day)
            assert view.badge_count(day) > 0  # (else the test shows nothing)
            cell = view.day_rect(day)
            assert cell is not None
            image = view.grab(QRect(cell.right() - 28, cell.top(), 28, 24)).toImage()
            view.close()
            return image
        finally:
            QLocale.setDefault(QLocale.c())

    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    arabic = QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)
    assert corner(english) == corner(english)  # (the picture is steady)
    assert corner(arabic) != corner(english)


def test_a_month_that_will_not_read_leaves_the_view_where_it_was(
    month: MonthView, session: CalendarSession
) -> None:
    """A post of January's another program spoiled: the box said so, and behind it the
    grid showed January under December's title, the next step going on to February."""
    month.set_current_date(date(2026, 12, 9))
    before = (month.current_date(), month.visible_range(), month.period_title())
    january = (date(2027, 1, 15), date(2027, 1, 31))  # in January's grid alone
    spoiled = next(
        p for p in session.store.all_posts() if p.date and january[0] <= p.date <= january[1]
    )
    session.store.db.execute("PRAGMA ignore_check_constraints = ON")
    session.store.db.execute("UPDATE posts SET status = 'sbheduled' WHERE id = ?", [spoiled.id])
    for _ in range(2):  # the second step too (it skipped the month)
        with pytest.raises(CadenceError):
            month.step(1)
        assert (month.current_date(), month.visible_range(), month.period_title()) == before


def test_the_message_chosen_in_the_sidebar_is_each_chip_s_first_dot(
    month: MonthView, session: CalendarSession
) -> None:
    """Its tick stood on a day whose chips showed only their first dot, none of it."""
    post = next(p for p in session.store.all_posts() if p.date and len(p.message_ids) > 1)
    first, last = post.message_ids[0], post.message_ids[-1]
    color = QColor(session.key_message(last).color)
    assert month.chip_for(post).marker_colors[0] != color
    session.select_message(last)
    markers = month.chip_for(post).marker_colors
    assert markers[0] == color
    assert len(markers) == len(post.message_ids)
    assert QColor(session.key_message(first).color) in markers
    session.select_message(None)
    assert month.chip_for(post).marker_colors[-1] == color


def test_a_chip_at_a_time_the_clocks_skip_says_the_time_it_goes_out(
    month: MonthView, session: CalendarSession
) -> None:
    """02:30 on the night the clocks go forward: the week view places it at 03:30, its
    month chip said 02:30, a time that night does not have."""
    night = date(2027, 3, 28)  # summer time starts in Europe/Amsterdam at 02:00
    channel = session.channels()[0].id
    (made,) = session.store.add_post(
        NewPost("Kept at half past two", channel, date=night, time=time(2, 30))
    ).created
    assert month.chip_for(session.store.post(made)).at == time(3, 30)
    (other,) = session.store.add_post(
        NewPost("The night before", channel, date=night - timedelta(days=1), time=time(2, 30))
    ).created
    assert month.chip_for(session.store.post(other)).at == time(2, 30)
