"""The cadence panel as a user reads it: marks, overdue bars, today, clicks and keys."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFontMetricsF,
    QImage,
    QPainter,
    QPalette,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QScrollBar, QToolButton
from pytestqt.qtbot import QtBot

from calendar_app.core.models import NewPost, PostStatus, add_months
from calendar_app.core.store import CalendarStore
from calendar_app.render.cadence_strip import (
    GapShape,
    RowShapes,
    StripColors,
    StripLayout,
    StripRow,
    day_text,
    legend_fit,
    paint_legend,
    row_shapes,
    strip_row,
)
from calendar_app.ui import cadence_panel
from calendar_app.ui.cadence_panel import MIN_ROW_HEIGHT, CadencePanel
from calendar_app.ui.commands import (
    AddPostCommand,
    ChannelCommand,
    MovePostsCommand,
    UpdateKeyMessageCommand,
)
from calendar_app.ui.session import CalendarSession, Filters

from .conftest import OFFSCREEN_POPUPS, TODAY, ScopeAnswers

FIRST = date(2026, 10, 26)
LAST = date(2026, 12, 6)
"""The six weeks a month view shows around TODAY."""

EXPERTS = "Installed by local experts"  # every 14 days; overdue since 6 Nov
WARRANTY = "Backed by a 25-year warranty"  # every 30 days; overdue since 8 Oct


def message_id(session: CalendarSession, title: str) -> int:
    message = session.store.key_message_titled(title)
    assert message is not None
    return message.id


def channel_id(session: CalendarSession, name: str) -> int:
    channel = session.store.channel_named(name)
    assert channel is not None
    return channel.id


@pytest.fixture
def panel(session: CalendarSession, qtbot: QtBot) -> CadencePanel:
    widget = CadencePanel(session)
    qtbot.addWidget(widget)
    widget.resize(1200, 260)
    widget.set_range(FIRST, LAST)
    return widget


@pytest.fixture
def shown(panel: CadencePanel, qtbot: QtBot) -> CadencePanel:
    with qtbot.waitExposed(panel):
        panel.show()
    return panel


def row_point(panel: CadencePanel, message: int, day: date) -> QPoint:
    """The middle of ``day`` in ``message``'s row."""
    return QPoint(round(panel.x_for(day)), panel.row_rect(message).center().y())


def expected_gaps(session: CalendarSession, message: int) -> list[tuple[date, date]]:
    return [
        (max(gap.start, FIRST), min(gap.end, LAST))
        for gap in session.report().message(message).gaps
        if gap.end >= FIRST and gap.start <= LAST
    ]


def test_one_row_per_key_message_in_sidebar_order(
    panel: CadencePanel, session: CalendarSession
) -> None:
    ids = [m.id for m in session.key_messages()]
    assert panel.message_ids() == ids
    tops = [panel.row_rect(i).top() for i in ids]
    assert tops == sorted(tops)
    heights = {panel.row_rect(i).height() for i in ids}
    assert all(28 <= h <= 40 for h in heights)


def test_gap_bars_are_the_reports_gaps_clipped_to_the_range(
    panel: CadencePanel, session: CalendarSession
) -> None:
    for message in session.key_messages():
        assert panel.gap_bars(message.id) == expected_gaps(session, message.id)
    # Overdue since 6 Nov, back on track with the event on 25 Nov.
    assert panel.gap_bars(message_id(session, EXPERTS)) == [(date(2026, 11, 6), date(2026, 11, 24))]
    # Overdue since 8 Oct with nothing planned: clipped to both ends of the range.
    assert panel.gap_bars(message_id(session, WARRANTY)) == [(FIRST, LAST)]


def test_marks_are_the_deliveries_in_range_with_their_channels(
    panel: CadencePanel, session: CalendarSession
) -> None:
    truth: defaultdict[int, defaultdict[date, set[int]]] = defaultdict(lambda: defaultdict(set))
    for carried, channel, day in session.store.delivery_rows(TODAY):
        if FIRST <= day <= LAST:
            truth[carried][day].add(channel)
    stacked = 0
    for message in session.key_messages():
        marks = panel.marks(message.id)
        assert {day: set(channels) for day, channels in marks} == truth[message.id]
        assert [day for day, _ in marks] == sorted(truth[message.id])
        in_range = [
            d for d in session.report().message(message.id).deliveries if FIRST <= d <= LAST
        ]
        assert [day for day, _ in marks] == in_range
        stacked += sum(1 for _, channels in marks if len(channels) > 1)
    assert stacked > 0  # the demo has days with several channels: stacked marks


def test_a_past_draft_is_no_mark(panel: CadencePanel, session: CalendarSession) -> None:
    draft = next(p for p in session.store.all_posts() if p.title.startswith("Warranty myths"))
    assert draft.status == PostStatus.DRAFT
    never_sent = TODAY - timedelta(days=10)  # in the panel's range
    assert FIRST <= never_sent < TODAY
    session.notify(session.store.move_posts({draft.id: (never_sent, None)}))
    assert never_sent not in [d for d, _ in panel.marks(message_id(session, WARRANTY))]
    session.notify(session.store.update_post(draft.id, {"status": PostStatus.PUBLISHED}))
    assert never_sent in [d for d, _ in panel.marks(message_id(session, WARRANTY))]


def test_today_line_is_drawn_at_x_for_today(shown: CadencePanel, session: CalendarSession) -> None:
    image = shown.grab().toImage()
    ratio = image.devicePixelRatio()
    x = shown.x_for(TODAY)
    row = shown.row_rect(message_id(session, "Solar pays for itself"))
    y = row.top() + 3  # above the marks and bars
    highlight = shown.palette().color(QPalette.ColorRole.Highlight)

    def pixel(at_x: float) -> QColor:
        return image.pixelColor(int(at_x * ratio), int(y * ratio))

    assert pixel(x - 0.5) == highlight
    day_width = shown.x_for(TODAY + timedelta(days=1)) - x
    assert pixel(x + 3 * day_width) != highlight
    assert shown.day_at(QPointF(x, y)) == TODAY


def test_tooltip_on_a_gap_tells_its_length_and_the_cadence(
    panel: CadencePanel, session: CalendarSession
) -> None:
    experts = message_id(session, EXPERTS)
    text = panel.tooltip_at(row_point(panel, experts, date(2026, 11, 10)))
    assert text.startswith("Overdue 6–24 Nov (19 days); cadence every 14 days")


@contextmanager
def one_message_panel(
    tmp_path: Path,
    qtbot: QtBot,
    cadence_days: int,
    delivered: date,
    *,
    today: date = TODAY,
    shown: tuple[date, date] = (FIRST, LAST),
) -> Iterator[tuple[CadencePanel, CalendarSession, int]]:
    """A panel on a calendar of one key message, delivered once (published) on
    ``delivered``, as of ``today``: the panel, its session and the message's id."""
    with CalendarStore.create(tmp_path / "one.cadence", name="One") as store:
        blog = store.add_channel("Blog").created[0]
        message = store.add_key_message("Message", cadence_days=cadence_days).created[0]
        store.add_post(NewPost("Old", blog, (message,), delivered, status=PostStatus.PUBLISHED))
        session = CalendarSession(store, today=today)
        widget = CadencePanel(session)
        qtbot.addWidget(widget)
        widget.resize(1200, 260)
        widget.set_range(*shown)
        yield widget, session, message
        session.undo_stack.clear()


def test_the_heading_fits_over_short_titles(tmp_path: Path, qtbot: QtBot) -> None:
    """One key message titled short, on time: the label column shrank to it, and the
    heading read "KEY MES" under the range's button."""
    with one_message_panel(tmp_path, qtbot, 30, TODAY - timedelta(days=2)) as (widget, *_):
        with qtbot.waitExposed(widget):
            widget.show()
        button = widget.findChild(QToolButton, "cadenceSpan")
        assert button is not None
        heading = QFontMetricsF(cadence_panel.heading_font(widget.font()))
        room = button.x() - cadence_panel.HEADING_GAP - cadence_panel.HEADING_LEFT  # as painted
        assert heading.horizontalAdvance(cadence_panel.HEADING) <= room
        assert widget.shown_heading() == (cadence_panel.HEADING, room)


def test_a_heading_with_no_room_beside_the_range_button_is_cut_short(
    crowded: CadencePanel,
) -> None:
    """At a 20 pt font in a panel under a month, "Days in View" was written over "KEY
    MESSAGES": the heading is cut short, left of the button."""
    font = crowded.font()
    font.setPointSize(20)
    crowded.setFont(font)
    crowded.resize(900, 300)
    heading, room = crowded.shown_heading()
    assert heading != cadence_panel.HEADING
    assert heading.endswith("…")
    used = QFontMetricsF(cadence_panel.heading_font(font)).horizontalAdvance(heading)
    assert 0 < used <= room
    button = crowded.findChild(QToolButton, "cadenceSpan")
    assert button is not None
    assert cadence_panel.HEADING_LEFT + room + cadence_panel.HEADING_GAP <= button.x()


def test_a_gap_begun_before_the_days_analysed_tells_when_as_the_status_counts(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """A message last delivered five months ago, long before the days analysed: its
    bar says since when, as many days as its badge (it said the days since the start
    of the analysis, which moved as the user paged back)."""
    last = TODAY - timedelta(days=150)
    with one_message_panel(tmp_path, qtbot, 30, last) as (widget, session, stale):
        assert session.report().message(stale).overdue_days == 120
        since = last + timedelta(days=31)
        text = widget.tooltip_at(row_point(widget, stale, TODAY))
        assert text.startswith(f"Overdue since {day_text(since)} (120 days so far)")


def test_a_gap_past_the_days_analysed_names_the_post_planned_after_them(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """A post planned months ahead, after the days the window analyses, ends the gap:
    its bar said "Nothing planned yet" while the row's tooltip named the post."""
    last, planned = TODAY - timedelta(days=20), TODAY + timedelta(days=300)
    with CalendarStore.create(tmp_path / "far.cadence", name="Far") as store:
        blog = store.add_channel("Blog").created[0]
        message = store.add_key_message("Message", cadence_days=7).created[0]
        store.add_post(NewPost("Old", blog, (message,), last, status=PostStatus.PUBLISHED))
        store.add_post(NewPost("Far ahead", blog, (message,), planned))
        session = CalendarSession(store, today=TODAY)
        widget = CadencePanel(session)
        qtbot.addWidget(widget)
        widget.resize(1200, 260)
        widget.set_range(FIRST, LAST)
        assert session.report().end < planned
        text = widget.tooltip_at(row_point(widget, message, TODAY))
        since = last + timedelta(days=8)
        # Its days as `gaps` counts them, up to where the analysis stops; the post named.
        assert text == (
            f"Overdue since {day_text(since, year=TODAY)} ({(TODAY - since).days + 1} days"
            " so far); cadence every 7 days\n"
            f"Back on track on {day_text(planned, year=TODAY)} (planned)"
        )


def test_a_quiet_day_before_a_message_without_start_is_counted_is_not_said_on_time(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """Paged back past the 90 days a message without a start date is counted from,
    with nothing delivered, a day said "is on time" though nothing had gone out."""
    delivered = TODAY + timedelta(days=10)  # its only post, ahead
    early = TODAY - timedelta(days=120)
    with one_message_panel(
        tmp_path, qtbot, 7, delivered, shown=(early - timedelta(days=3), early + timedelta(days=30))
    ) as (widget, _, message):
        text = widget.tooltip_at(row_point(widget, message, early))
        assert text.startswith(f"{day_text(early)}: no delivery, not counted (Message has no start")
        assert "is on time" not in text
    # Delivered a few days before, the same day is on time.
    (tmp_path / "b").mkdir()
    with one_message_panel(
        tmp_path / "b",
        qtbot,
        7,
        early - timedelta(days=2),
        shown=(early - timedelta(days=3), early + timedelta(days=30)),
    ) as (widget, _, message):
        text = widget.tooltip_at(row_point(widget, message, early))
        assert text == f"{day_text(early)}: no delivery; Message is on time"


def test_a_delivery_of_another_year_is_said_with_its_year(tmp_path: Path, qtbot: QtBot) -> None:
    """A yearly message delivered a year ago today: "last delivered Thu 4 Dec" read as
    today; its year is said."""
    last = TODAY.replace(year=TODAY.year - 1)
    with one_message_panel(tmp_path, qtbot, 365, last) as (widget, _, yearly):
        text = widget.tooltip_at(QPoint(40, widget.row_rect(yearly).center().y()))
        assert f"last delivered {day_text(last, year=True)}" in text
        assert str(last.year) in text


def test_days_of_another_year_in_a_mark_and_a_gap_say_their_year(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """A yearly message delivered this week: "Thu 20 Nov: Blog — next due by 20 Nov" read
    as the same day, and its gap's "Overdue from" and "Unless a post goes out by" named
    next year's days as this year's."""
    delivered = TODAY + timedelta(days=2)
    due = delivered + timedelta(days=365)
    shown = (date(TODAY.year, 11, 1), date(TODAY.year + 1, 12, 31))
    with one_message_panel(tmp_path, qtbot, 365, delivered, shown=shown) as (widget, _, yearly):
        mark = widget.tooltip_at(row_point(widget, yearly, delivered))
        assert mark.endswith(f"next due by {day_text(due, weekday=False, year=True)}")
        (start, _end), *_ = widget.gap_bars(yearly)
        gap = widget.tooltip_at(row_point(widget, yearly, start))
        assert gap.startswith(f"Overdue from {day_text(start, year=True)};")
        assert f"Unless a post goes out by {day_text(due, year=True)}" in gap
        assert day_text(delivered) in mark, "this year's day keeps its short form"


def test_an_overdue_row_says_by_when_it_was_due_delivered_or_not(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """A message never delivered said "overdue by 27 days · last delivered never" and not
    since when: its due day is a cadence after the day before it started."""
    starts = TODAY - timedelta(days=40)
    with CalendarStore.create(tmp_path / "due.cadence", name="Due") as store:
        blog = store.add_channel("Blog").created[0]
        never = store.add_key_message("Never", cadence_days=10, starts_on=starts).created[0]
        once = store.add_key_message("Once", cadence_days=10).created[0]
        sent = TODAY - timedelta(days=15)
        store.add_post(NewPost("Sent", blog, (once,), sent, status=PostStatus.PUBLISHED))
        session = CalendarSession(store, today=TODAY)
        widget = CadencePanel(session)
        qtbot.addWidget(widget)
        widget.resize(1200, 260)
        widget.set_range(FIRST, LAST)
        for message, due in [
            (never, starts + timedelta(days=9)),
            (once, sent + timedelta(days=10)),
        ]:
            assert session.report().message(message).overdue_days == (TODAY - due).days
            text = widget.tooltip_at(QPoint(40, widget.row_rect(message).center().y()))
            assert f"\nWas due by {day_text(due)}\n" in f"{text}\n"
        session.undo_stack.clear()


def test_tooltip_on_a_mark_names_the_channels_and_the_next_due_day(
    panel: CadencePanel, session: CalendarSession
) -> None:
    roof = message_id(session, "Every roof counts")
    day, channels = next((d, c) for d, c in panel.marks(roof) if len(c) > 1)
    names = ", ".join(session.channel(c).name for c in channels)
    due = day_text(day + timedelta(days=10), weekday=False)
    assert (
        panel.tooltip_at(row_point(panel, roof, day))
        == f"{day_text(day)}: {names} — next due by {due}"
    )
    # Its channels hidden in the calendar: said (a click went to a day showing nothing).
    session.set_filters(Filters(hidden_channels=frozenset(channels)))
    assert panel.tooltip_at(row_point(panel, roof, day)) == (
        f"{day_text(day)}: {names} — next due by {due}\n"
        "(the filters hide these channels in the calendar; it counts all the same)"
    )
    session.set_filters(Filters(hidden_channels=frozenset(channels[:1])))  # one still shows
    assert "filters hide" not in panel.tooltip_at(row_point(panel, roof, day))


def test_a_wide_panel_gives_a_long_title_more_room(tmp_path: Path, qtbot: QtBot) -> None:
    """At 2560 pixels a long title was cut at the same 440-pixel column as at 1200, the
    time axis with room to spare."""
    title = "Our commitment to sustainable, locally sourced coffee, roasted in small batches"
    with CalendarStore.create(tmp_path / "long.cadence", name="Long") as store:
        blog = store.add_channel("Blog").created[0]
        message = store.add_key_message(title, cadence_days=7).created[0]
        store.add_post(NewPost("Sent", blog, (message,), TODAY, status=PostStatus.PUBLISHED))
        session = CalendarSession(store, today=TODAY)
        widget = CadencePanel(session)
        qtbot.addWidget(widget)
        widget.set_range(FIRST, LAST)
        with qtbot.waitExposed(widget):
            widget.show()
        widths = {}
        for width in (1200, 2560):
            widget.resize(width, 260)
            widths[width] = widget.x_for(FIRST)
        assert widths[2560] > widths[1200] + 100
        assert widths[2560] < 2560 / 4 + 40  # (x_for is the middle of the first day)


def test_tooltip_on_a_row_label_tells_status_last_and_next(
    panel: CadencePanel, session: CalendarSession
) -> None:
    experts = message_id(session, EXPERTS)
    cadence = session.report().message(experts)
    assert cadence.last_delivery is not None
    assert cadence.next_delivery is not None
    text = panel.tooltip_at(QPoint(40, panel.row_rect(experts).center().y()))
    assert f"{EXPERTS} — overdue by 13 days" in text
    assert f"last delivered {day_text(cadence.last_delivery)}" in text
    assert f"next {day_text(cadence.next_delivery)}" in text
    # Channel by channel, and those it never went out on.
    warranty = message_id(session, WARRANTY)
    lines = panel.tooltip_at(QPoint(40, panel.row_rect(warranty).center().y())).splitlines()
    assert lines[lines.index("By channel:") + 1] == (
        f"Instagram: last {day_text(date(2026, 8, 31), weekday=False)}"
    )
    assert lines[-1] == "Never on: LinkedIn, Newsletter, Press release, Events"


def test_clicking_a_day_goes_to_it(
    shown: CadencePanel, session: CalendarSession, qtbot: QtBot
) -> None:
    day = date(2026, 11, 12)
    experts = message_id(session, EXPERTS)
    with qtbot.waitSignal(shown.dayActivated) as blocker:
        qtbot.mouseClick(shown, Qt.MouseButton.LeftButton, pos=row_point(shown, experts, day))
    assert blocker.args == [day]
    assert shown.cursor_day() == day


def test_clicking_a_row_label_selects_the_message_and_highlights_its_row(
    shown: CadencePanel, session: CalendarSession, qtbot: QtBot
) -> None:
    warranty = message_id(session, WARRANTY)
    label_point = QPoint(40, shown.row_rect(warranty).center().y())
    assert shown.message_at(label_point) == warranty
    spot = QPoint(shown.row_rect(warranty).left() + 3, shown.row_rect(warranty).top() + 3)
    before = shown.grab().toImage().pixelColor(spot)
    with qtbot.waitSignal(session.selectedMessageChanged) as blocker:
        qtbot.mouseClick(shown, Qt.MouseButton.LeftButton, pos=label_point)
    assert blocker.args == [warranty]
    assert session.selected_message == warranty
    assert shown.grab().toImage().pixelColor(spot) != before
    last = day_text(date(2026, 9, 7), weekday=False)
    assert shown.accessibleDescription().startswith(
        f"{WARRANTY}: overdue by 42 days, last delivered {last}"
    )


def test_a_post_in_a_gap_shrinks_it_and_undo_restores_it(
    panel: CadencePanel, session: CalendarSession
) -> None:
    experts = message_id(session, EXPERTS)
    before = panel.gap_bars(experts)
    assert before == [(date(2026, 11, 6), date(2026, 11, 24))]
    session.push(
        AddPostCommand(
            session,
            NewPost(
                title="Meet the crew",
                channel_id=channel_id(session, "LinkedIn"),
                message_ids=(experts,),
                date=date(2026, 11, 15),
                status=PostStatus.SCHEDULED,
            ),
        )
    )
    # Delivered on 15 Nov: due again by 29 Nov, and the event on 25 Nov is in time.
    assert panel.gap_bars(experts) == [(date(2026, 11, 6), date(2026, 11, 14))]
    assert (date(2026, 11, 15), [channel_id(session, "LinkedIn")]) in panel.marks(experts)
    session.undo_stack.undo()
    assert panel.gap_bars(experts) == before
    assert date(2026, 11, 15) not in [d for d, _ in panel.marks(experts)]


def test_a_post_in_a_long_gap_splits_it_and_undo_restores_it(
    panel: CadencePanel, session: CalendarSession
) -> None:
    warranty = message_id(session, WARRANTY)
    session.push(
        AddPostCommand(
            session,
            NewPost(
                title="What the warranty covers",
                channel_id=channel_id(session, "Newsletter"),
                message_ids=(warranty,),
                date=date(2026, 11, 2),
                status=PostStatus.PUBLISHED,
            ),
        )
    )
    # Every 30 days: on time again until 2 Dec, overdue from 3 Dec.
    assert panel.gap_bars(warranty) == [(FIRST, date(2026, 11, 1)), (date(2026, 12, 3), LAST)]
    assert panel.gap_bars(warranty) == expected_gaps(session, warranty)
    session.undo_stack.undo()
    assert panel.gap_bars(warranty) == [(FIRST, LAST)]


def test_moving_a_post_moves_its_mark(panel: CadencePanel, session: CalendarSession) -> None:
    roof = message_id(session, "Every roof counts")
    day, channels = panel.marks(roof)[3]
    post = next(
        p
        for p in session.store.posts_between(day, day)
        if roof in p.message_ids and p.status != PostStatus.CANCELLED
    )
    target = date(2026, 12, 5)  # a Saturday, beyond the others
    session.push(MovePostsCommand(session, {post.id: (target, post.time)}))
    truth: defaultdict[date, set[int]] = defaultdict(set)
    for message, channel, when in session.store.delivery_rows(TODAY):
        if message == roof and FIRST <= when <= LAST:
            truth[when].add(channel)
    assert {d: set(c) for d, c in panel.marks(roof)} == truth
    assert post.channel_id in truth[target]
    session.undo_stack.undo()
    assert (day, channels) in panel.marks(roof)


def test_set_range_changes_the_axis(panel: CadencePanel, session: CalendarSession) -> None:
    month_day_width = panel.x_for(FIRST + timedelta(days=1)) - panel.x_for(FIRST)
    week = (date(2026, 11, 16), date(2026, 11, 22))
    panel.set_range(*week)
    assert panel.visible_range() == week
    week_day_width = panel.x_for(week[0] + timedelta(days=1)) - panel.x_for(week[0])
    assert week_day_width == pytest.approx(month_day_width * 6, rel=0.01)
    y = panel.row_rect(message_id(session, EXPERTS)).center().y()
    assert panel.day_at(QPointF(panel.x_for(date(2026, 11, 20)), y)) == date(2026, 11, 20)
    assert panel.day_at(QPointF(panel.x_for(week[0]) - week_day_width, y)) is None
    assert panel.gap_bars(message_id(session, EXPERTS)) == [week]


def test_a_range_beyond_the_analysis_gets_analysed(
    panel: CadencePanel, session: CalendarSession
) -> None:
    far = (date(2027, 6, 1), date(2027, 6, 30))
    panel.set_range(*far)
    report = session.report()
    assert report.start <= far[0]
    assert far[1] <= report.end
    # Nothing is planned that far ahead: every running message is overdue there.
    assert panel.gap_bars(message_id(session, EXPERTS)) == [far]


def test_keyboard_selects_rows_moves_the_day_and_enter_goes_there(
    shown: CadencePanel, session: CalendarSession, qtbot: QtBot
) -> None:
    shown.setFocus()
    ids = shown.message_ids()
    qtbot.keyClick(shown, Qt.Key.Key_Down)
    assert session.selected_message == ids[0]
    qtbot.keyClick(shown, Qt.Key.Key_Down)
    assert session.selected_message == ids[1]
    qtbot.keyClick(shown, Qt.Key.Key_Up)
    assert session.selected_message == ids[0]
    assert shown.cursor_day() == TODAY
    qtbot.keyClick(shown, Qt.Key.Key_Right)
    qtbot.keyClick(shown, Qt.Key.Key_Right)
    qtbot.keyClick(shown, Qt.Key.Key_Left)
    assert shown.cursor_day() == TODAY + timedelta(days=1)
    with qtbot.waitSignal(shown.dayActivated) as blocker:
        qtbot.keyClick(shown, Qt.Key.Key_Return)
    assert blocker.args == [TODAY + timedelta(days=1)]
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert session.selected_message is None


def test_accessible_description_summarises_the_selected_row(
    panel: CadencePanel, session: CalendarSession
) -> None:
    assert panel.accessibleName()
    session.select_message(message_id(session, EXPERTS))
    last = day_text(date(2026, 10, 22), weekday=False)  # "22 Oct"
    assert panel.accessibleDescription().startswith(
        f"{EXPERTS}: overdue by 13 days, last delivered {last}"
    )
    # A chart to a screen reader (it was a "filler"), saying what its description says.
    iface = QAccessible.queryAccessibleInterface(panel)
    assert iface.role() == QAccessible.Role.Chart
    assert iface.text(QAccessible.Text.Description) == panel.accessibleDescription()

    # None selected: the panel's rows counted ("1 key messages" with one).
    session.select_message(None)
    described = panel.accessibleDescription()
    assert f"{len(session.store.key_messages())} key messages, " in described


def test_accessible_description_counts_one_key_message_as_one(
    tmp_path: Path, scope_answers: ScopeAnswers, qtbot: QtBot
) -> None:
    """ "1 key messages, 1 overdue" in a calendar of one key message."""
    store = CalendarStore.create(tmp_path / "one.cadence")
    store.add_key_message("Fresh daily", cadence_days=1)
    session = CalendarSession(store, today=TODAY, scope_chooser=scope_answers)
    widget = CadencePanel(session)
    qtbot.addWidget(widget)
    widget.set_range(FIRST, LAST)
    with qtbot.waitExposed(widget):
        widget.show()
    assert widget.accessibleDescription().startswith("1 key message")
    assert "1 key messages" not in widget.accessibleDescription()
    store.close()


def test_painting_reads_nothing_from_the_store(
    shown: CadencePanel, session: CalendarSession
) -> None:
    """Counted at SQLite itself: not one statement while the panel paints."""
    shown.repaint()  # what is read once the panel shows, read now
    statements: list[str] = []
    session.store.db.conn.set_trace_callback(statements.append)
    try:
        shown.resize(900, 300)
        shown.repaint()
        assert not shown.grab().isNull()
    finally:
        session.store.db.conn.set_trace_callback(None)
    assert statements == []


def test_paints_in_a_dark_palette(panel: CadencePanel, qapp: QApplication) -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1b1c1f"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    panel.setPalette(dark)
    image = panel.grab().toImage()
    assert image.pixelColor(image.width() - 2, image.height() - 2) == QColor("#1b1c1f")


# -- many key messages: the rows scroll ---------------------------------------


@pytest.fixture
def crowded(demo_path: Path, scope_answers: ScopeAnswers, qtbot: QtBot) -> Iterator[CadencePanel]:
    """Fifty key messages in a panel as tall as the main window makes it."""
    store = CalendarStore.open(demo_path)
    for i in range(50 - len(store.key_messages())):
        store.add_key_message(f"Extra message {i:02}", cadence_days=14)
    session = CalendarSession(store, today=TODAY, scope_chooser=scope_answers)
    widget = CadencePanel(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 300)
    widget.set_range(FIRST, LAST)
    with qtbot.waitExposed(widget):
        widget.show()
    yield widget
    session.undo_stack.clear()
    store.close()


def wholly_shown(panel: CadencePanel, message: int) -> bool:
    rect = panel.row_rect(message)
    return (
        panel.message_at(QPoint(40, rect.top())) == message
        and panel.message_at(QPoint(40, rect.bottom())) == message
    )


def test_fifty_messages_scroll_and_each_can_be_seen(crowded: CadencePanel) -> None:
    ids = crowded.message_ids()
    assert len(ids) == 50
    bar = crowded.findChild(QScrollBar, "cadenceScrollBar")
    assert bar is not None
    assert bar.isVisible()
    visible = crowded.visible_message_ids()
    assert ids[0] in visible
    assert ids[-1] not in visible
    assert crowded.message_at(crowded.row_rect(ids[-1]).center()) is None  # below the key
    for message in ids:
        crowded.scroll_to_message(message)
        assert message in crowded.visible_message_ids()
        assert wholly_shown(crowded, message)
    assert crowded.scroll_offset() > 0
    assert crowded.tooltip_at(QPoint(40, crowded.row_rect(ids[-1]).center().y())).startswith(
        "Extra message"
    )


def test_crowded_rows_keep_room_for_a_line_of_a_large_font(crowded: CadencePanel) -> None:
    """At a 20 pt font the rows shrank to 22 px for a 31 px line: the titles and badges
    were cut top and bottom before the rows scrolled."""
    first = crowded.message_ids()[0]
    assert crowded.row_rect(first).height() == MIN_ROW_HEIGHT  # a usual font: as before
    font = crowded.font()
    font.setPointSize(20)
    crowded.setFont(font)
    line = QFontMetricsF(font).height()
    assert line > MIN_ROW_HEIGHT
    assert crowded.row_rect(first).height() >= line + 4
    bar = crowded.findChild(QScrollBar, "cadenceScrollBar")
    assert bar is not None
    assert bar.isVisible()


def test_the_wheel_and_the_keyboard_scroll_the_rows(crowded: CadencePanel, qtbot: QtBot) -> None:
    ids = crowded.message_ids()
    center = QPointF(crowded.rect().center())
    wheel = QWheelEvent(
        center,
        QPointF(crowded.mapToGlobal(center)),
        QPoint(),
        QPoint(0, -120),  # one notch towards the user: down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(crowded, wheel)
    assert crowded.scroll_offset() > 0
    crowded.setFocus()
    for _ in ids:
        qtbot.keyClick(crowded, Qt.Key.Key_Down)
    assert crowded.session.selected_message == ids[-1]
    assert wholly_shown(crowded, ids[-1])
    crowded.session.select_message(ids[1])  # from the sidebar, say
    assert wholly_shown(crowded, ids[1])


def test_only_the_rows_on_screen_are_drawn(
    crowded: CadencePanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = spy_on_drawn_rows(monkeypatch)
    crowded.set_range(FIRST + timedelta(days=7), LAST + timedelta(days=7))
    crowded.repaint()
    visible = crowded.visible_message_ids()
    assert 0 < len(visible) < 50
    assert sorted(drawn) == sorted(visible)
    drawn.clear()
    crowded.set_scroll_offset(crowded.scroll_offset() + 5 * crowded.row_rect(visible[0]).height())
    crowded.repaint()
    assert set(drawn) <= set(crowded.visible_message_ids()) - set(visible)


def spy_on_drawn_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The messages whose rows' tracks get drawn from now on."""
    drawn: list[int] = []
    real = cadence_panel.row_shapes

    def spy(
        layout: StripLayout, row: StripRow, rect: QRectF, today: date, **options: bool
    ) -> RowShapes:
        drawn.append(row.message_id)
        return real(layout, row, rect, today, **options)

    monkeypatch.setattr(cadence_panel, "row_shapes", spy)
    return drawn


def test_a_move_rebuilds_and_redraws_only_the_rows_of_its_messages(
    shown: CadencePanel, session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    roof = message_id(session, "Every roof counts")
    day, _channels = shown.marks(roof)[3]
    post = next(
        p
        for p in session.store.posts_between(day, day)
        if roof in p.message_ids and p.status != PostStatus.CANCELLED and p.series_id is None
    )
    versions = {m: shown.row_version(m) for m in shown.message_ids()}
    marks = {m: shown.marks(m) for m in shown.message_ids()}
    shown.repaint()
    drawn = spy_on_drawn_rows(monkeypatch)

    session.push(MovePostsCommand(session, {post.id: (date(2026, 12, 5), post.time)}))
    shown.repaint()

    for message in shown.message_ids():
        if message in post.message_ids:
            assert shown.marks(message) != marks[message]
            assert shown.row_version(message) > versions[message]
            assert shown.gap_bars(message) == expected_gaps(session, message)
        else:
            assert shown.marks(message) == marks[message]
            assert shown.row_version(message) == versions[message]
    assert drawn
    assert set(drawn) <= set(post.message_ids)


def test_a_new_channel_colour_shows_at_once(shown: CadencePanel, session: CalendarSession) -> None:
    roof = message_id(session, "Every roof counts")
    day, channels = next((d, c) for d, c in shown.marks(roof) if len(c) == 1)
    point = row_point(shown, roof, day)

    def pixel() -> QColor:
        image = shown.grab().toImage()
        ratio = image.devicePixelRatio()
        return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))

    channel = session.channel(channels[0])
    assert pixel() == QColor(channel.color)
    session.push(ChannelCommand(session, channel, replace(channel, color="#00aa00")))
    assert pixel() == QColor("#00aa00")
    session.undo_stack.undo()
    assert pixel() == QColor(channel.color)


# -- the key ----------------------------------------------------------------------


def test_a_narrow_panel_keys_what_fits_and_names_the_rest(
    shown: CadencePanel, session: CalendarSession
) -> None:
    used = {c for m in shown.message_ids() for _, cs in shown.marks(m) for c in cs}
    assert len(used) == 6
    shown.resize(1400, 260)
    assert shown.legend_hidden() == []
    day_width = shown.x_for(FIRST + timedelta(days=1)) - shown.x_for(FIRST)
    assert abs(shown.legend_rect().left() - shown.x_for(FIRST)) < day_width  # under the axis
    assert shown.tooltip_at(shown.legend_rect().center()) == ""

    shown.resize(560, 260)
    hidden = shown.legend_hidden()
    assert 0 < len(hidden) < len(used)
    assert shown.legend_rect().left() < shown.x_for(FIRST)  # the labels' width is used too
    assert shown.tooltip_at(shown.legend_rect().center()) == f"Also marked: {', '.join(hidden)}"
    names = [session.channel(c).name for c in used]
    assert set(hidden) < set(names)


CHANNEL_NAMES = st.lists(st.text(alphabet="abcdefghij KLMNOP", min_size=1, max_size=24), max_size=9)


@settings(max_examples=40, deadline=None)
@given(names=CHANNEL_NAMES, width=st.integers(min_value=120, max_value=1400))
def test_the_key_never_runs_past_its_width(
    qapp: QApplication, names: list[str], width: int
) -> None:
    colors = StripColors.from_palette(qapp.palette())
    font = qapp.font()
    image = QImage(width + 200, 40, QImage.Format.Format_RGB32)
    image.fill(colors.background)
    painter = QPainter(image)
    try:
        paint_legend(
            painter, QRectF(0, 0, width, 40), [(n, QColor("#1e88e5")) for n in names], colors, font
        )
    finally:
        painter.end()
    spill = {
        image.pixelColor(x, y).rgb()
        for x in range(width + 1, image.width())
        for y in range(image.height())
    }
    assert spill == {colors.background.rgb()}

    shown = legend_fit(names, font, width)
    assert legend_fit(names, font, width + 80) >= shown  # more room never shows fewer
    assert legend_fit(names, font, 100_000) == len(names)
    for count in range(len(names) + 1):  # fewer channels, less to say "+N more" about
        assert legend_fit(names[:count], font, width) >= min(count, shown)


def test_the_keyboard_cursor_tells_what_the_selected_row_shows_on_its_day(
    panel: CadencePanel, session: CalendarSession
) -> None:
    """What hovering tells a mouse user, the cursor tells a screen reader: the day's
    delivery and its channel, or the gap it is in."""
    experts = message_id(session, EXPERTS)
    session.select_message(experts)
    delivered = next(
        p
        for p in session.posts_between(TODAY, TODAY + timedelta(days=30))
        if experts in p.message_ids and p.status != PostStatus.IDEA
    )
    assert delivered.date is not None
    panel.set_cursor_day(delivered.date)
    described = panel.accessibleDescription()
    # The day first as the keyboard moves along the row (said after the row's summary).
    assert described.startswith(
        f"{day_text(delivered.date)}: {session.channel(delivered.channel_id).name}"
    )
    assert "\n" not in described
    panel.set_cursor_day(TODAY)  # in its overdue stretch
    assert "Overdue 6–24 Nov (19 days)" in panel.accessibleDescription()
    for day in (TODAY - timedelta(days=1), TODAY):  # the cursor's day, wherever in the gap
        panel.set_cursor_day(day)
        assert f"{day_text(day)}, in the gap: Overdue 6–24" in panel.accessibleDescription()
    session.select_message(None)
    assert "Today, " in panel.accessibleDescription()


@OFFSCREEN_POPUPS
def test_the_keyboard_resting_on_a_day_shows_what_hovering_tells(
    shown: CadencePanel, session: CalendarSession, qtbot: QtBot
) -> None:
    """A sighted keyboard user had no way to read the panel's numbers: the cursor drew a
    frame, and hovering alone told the gap's length and the cadence."""
    session.select_message(message_id(session, EXPERTS))
    shown.setFocus()
    qtbot.keyClick(shown, Qt.Key.Key_Left)  # into the overdue stretch, the day before
    tip = shown._keyboard_tip
    qtbot.waitUntil(lambda: tip.shown_text() != "")
    said = tip.shown_text().replace("\u2060", "")  # (a dash held to its next word)
    day = day_text(TODAY - timedelta(days=1))
    assert f"{day}, in the gap: Overdue 6–24 Nov (19 days); cadence every 14 days" in said
    assert "13 days so far" in said  # the numbers hovering tells
    qtbot.keyClick(shown, Qt.Key.Key_Escape)  # put away (and the message unselected)
    assert (tip.pending(), tip.shown_text()) == (False, "")


def test_a_gap_begun_last_year_says_its_year(tmp_path: Path, qtbot: QtBot) -> None:
    """In January, "Overdue since Sun 1 Nov" read as a date to come."""
    today = date(2027, 1, 20)
    january = (date(2027, 1, 1), date(2027, 1, 31))
    with one_message_panel(tmp_path, qtbot, 30, date(2026, 10, 1), today=today, shown=january) as (
        widget,
        _,
        message,
    ):
        text = widget.tooltip_at(row_point(widget, message, today))
        since = day_text(date(2026, 11, 1), year=True)
        assert text.startswith(f"Overdue since {since} (81 days so far)")


def test_a_bar_of_days_ahead_counts_the_days_overdue_so_far(tmp_path: Path, qtbot: QtBot) -> None:
    """Next week shown, a message overdue for a month: its bar said the whole gap's
    days (to the end of the analysis, months ahead) beside a badge of 30."""
    last = TODAY - timedelta(days=60)
    first, end = TODAY + timedelta(days=3), TODAY + timedelta(days=9)
    with one_message_panel(tmp_path, qtbot, 30, last, shown=(first, end)) as (_, session, mid):
        report = session.report()
        assert report.message(mid).overdue_days == 30
        row = strip_row(session.key_message(mid), report, {}, first, end, {})
        layout = StripLayout(first, end, 0.0, 700.0)
        (bar,) = row_shapes(layout, row, QRectF(0, 0, 700, 30), TODAY).gaps
        assert bar.future_x is not None  # all of it ahead of today
        assert bar.label_days == 30


def test_a_bar_s_days_end_before_today_s_line(tmp_path: Path, qtbot: QtBot) -> None:
    """A week shown, a message overdue for 11 days: the bar's words were centred on its
    red part, which reaches to today's end, and today's line ran through "11 d|ays"."""
    first, end = TODAY - timedelta(days=2), TODAY + timedelta(days=4)
    with one_message_panel(tmp_path, qtbot, 7, TODAY - timedelta(days=18), shown=(first, end)) as (
        _,
        session,
        mid,
    ):
        report = session.report()
        assert report.message(mid).overdue_days == 11
        row = strip_row(session.key_message(mid), report, {}, first, end, {})
        layout = StripLayout(first, end, 0.0, 700.0)
        (bar,) = row_shapes(layout, row, QRectF(0, 0, 700, 30), TODAY).gaps
        assert bar.future_x is not None
        assert bar.future_x > layout.x_for(TODAY)
        assert bar.label.left() == bar.bar.left()
        assert bar.label.right() < layout.x_for(TODAY) - 1
        assert bar.label_days == 11


def test_a_bar_s_days_are_said_only_where_they_fit_in_its_height(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """At 20 pt the words "11 days" were taller than their bar and stuck out over and
    under it, into today's line."""
    from calendar_app.render.cadence_strip import paint_row_track

    first, end = TODAY - timedelta(days=2), TODAY + timedelta(days=4)
    with one_message_panel(tmp_path, qtbot, 7, TODAY - timedelta(days=18), shown=(first, end)) as (
        _,
        session,
        mid,
    ):
        report = session.report()
        row = strip_row(session.key_message(mid), report, {}, first, end, {})
        layout = StripLayout(first, end, 0.0, 700.0)
        shapes = row_shapes(layout, row, QRectF(0, 0, 700, 30), TODAY)
        said = {}
        for size in (9, 20):
            font = QApplication.font()
            font.setPointSize(size)
            image = QImage(700, 30, QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            painter = _TextsPainter(image)
            try:
                colors = StripColors.from_palette(QPalette())
                paint_row_track(painter, shapes, colors, {}, font, QColor("#3366cc"))
            finally:
                painter.end()
            said[size] = painter.texts
        assert said[9] == ["11 days"]
        assert said[20] == []


def test_a_bar_wholly_to_come_counts_its_days_only_when_a_post_ends_it(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """A message due next week with nothing planned: its pale bar said "77 days", the
    days to the end of the analysis, which nobody chose."""
    first, end = TODAY, TODAY + timedelta(days=60)
    with one_message_panel(tmp_path, qtbot, 14, TODAY - timedelta(days=5), shown=(first, end)) as (
        _,
        session,
        mid,
    ):
        layout = StripLayout(first, end, 0.0, 700.0)

        def bar() -> GapShape:
            report = session.report()
            days = {
                p.date: {p.channel_id}
                for p in session.posts_between(first, end)
                if p.date is not None
            }
            row = strip_row(session.key_message(mid), report, days, first, end, {})
            return row_shapes(layout, row, QRectF(0, 0, 700, 30), TODAY).gaps[0]

        ahead = bar()
        assert ahead.gap.start == TODAY + timedelta(days=10)
        assert ahead.label_pale
        assert ahead.label_days == 0  # no number: the gap ends where the analysis does
        blog = session.store.channels()[0].id
        back = NewPost(
            "Back", blog, (mid,), TODAY + timedelta(days=22), status=PostStatus.SCHEDULED
        )
        session.push(AddPostCommand(session, back))
        closed = bar()
        assert (closed.gap.start, closed.gap.end) == (
            TODAY + timedelta(days=10),
            TODAY + timedelta(days=21),
        )
        assert closed.label_days == 12  # overdue for 12 days unless planned sooner
        # Ended by a post past the days shown (the panel analyses beyond them): counted.
        (moving,) = [p for p in session.posts_between(first, end) if p.title == "Back"]
        later = {moving.id: (TODAY + timedelta(days=75), None)}
        session.push(MovePostsCommand(session, later))
        beyond = bar()
        assert beyond.gap.end == TODAY + timedelta(days=74)
        assert beyond.label_days == 65


@pytest.mark.parametrize("dark", [False, True])
def test_words_on_the_status_pills_and_overdue_bars_read_at_4_5_to_1(
    qapp: object, dark: bool
) -> None:
    """White on the "ok" pill was 3.45:1, on the dark theme's overdue bar 3.49:1; the
    sidebar's pills are the panel's (one status was drawn two ways, in two reds)."""
    from calendar_app.core.cadence import MessageStatus
    from calendar_app.core.colors import contrast
    from calendar_app.render.cadence_strip import StripColors, status_pill
    from calendar_app.render.chips import mix
    from calendar_app.ui.sidebar import pill_colors

    palette = QPalette()
    base, window, text = (
        ("#1b1c1f", "#353535", "#e8e8e8") if dark else ("#ffffff", "#efefef", "#1f1f1f")
    )
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    colors = StripColors.from_palette(palette)
    assert colors.dark is dark
    assert contrast(colors.on_overdue.name(), colors.overdue.name()) >= 4.5
    for status in MessageStatus:
        fill, outline, ink = pill_colors(status.value, palette)
        assert (fill, outline, ink) == status_pill(status, colors)
        for behind in (base, window):  # the panel's, the sidebar's
            seen = mix(QColor(behind), fill, fill.alphaF())  # a tint, on the background
            assert contrast(ink.name(), seen.name()) >= 4.5, (status, behind)
    # The sidebar's list is see-through, on its window (read as black, its pills took
    # the dark theme's colours in a light one).
    see_through = QPalette(palette)
    see_through.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
    for status in MessageStatus:
        assert pill_colors(status.value, see_through) == status_pill(status, colors)


class _TextsPainter(QPainter):
    """A painter that keeps the texts it is asked to draw."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.texts: list[str] = []
        self.placed: list[tuple[float, float, str]] = []  # (top, left, text) in a rect

    def drawText(self, *args: object) -> None:  # type: ignore[override]
        self.texts.append(str(args[-1]))
        if isinstance(args[0], QRectF):
            self.placed.append((args[0].top(), args[0].left(), str(args[-1])))
        super().drawText(*args)  # type: ignore[call-overload]


def _axis_painted(first: date, last: date, width: int) -> _TextsPainter:
    """The panel's axis over ``first`` to ``last``, ``width`` pixels wide, painted: the
    painter, with the texts it drew."""
    from calendar_app.render.cadence_strip import paint_axis

    image = QImage(width, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = _TextsPainter(image)
    try:
        colors = StripColors.from_palette(QPalette())
        layout = StripLayout(first, last, 0.0, float(width))
        paint_axis(painter, layout, QRectF(0, 0, width, 40), colors, QApplication.font())
    finally:
        painter.end()
    return painter


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        # A first month too narrow for its year: its name, the year with the next.
        (date(2026, 10, 29), date(2026, 12, 28), ["Oct", "November 2026", "December"]),
        (date(2026, 10, 1), date(2026, 12, 28), ["October 2026", "November", "December"]),
        (date(2026, 12, 29), date(2027, 2, 28), ["Dec", "January 2027", "February"]),
    ],
)
def test_a_month_too_narrow_for_its_year_keeps_its_name_and_the_next_one_says_it(
    qapp: object, first: date, last: date, months: list[str]
) -> None:
    """A first month of a few days read "2026 | November | December": October's name
    gone, and a year where a month's name stands."""
    painter = _axis_painted(first, last, 900)
    assert [text for text in painter.texts if not text.isdigit()] == months


@pytest.mark.parametrize("width", [580, 700, 900])
@pytest.mark.parametrize(
    ("first", "years"),
    [
        (date(2026, 11, 30), ["2026", "2027"]),  # a month's grid from its Monday
        (date(2027, 1, 4), ["2027"]),  # a week's (its last three days of 2028, no room)
        (date(2027, 1, 25), ["2027", "2028"]),  # February's grid: a sliver of January first
        (date(2026, 11, 16), ["2026", "2027"]),  # a week's: half a month too narrow for its year
    ],
)
def test_a_year_of_months_names_each_year_once_where_it_begins(
    qapp: object, width: int, first: date, years: list[str]
) -> None:
    """Twelve months: the year was handed from month to month until one had room (July
    read "Jul 2027"), the last month read "2027", or no year was named at all."""
    painter = _axis_painted(first, add_months(first, 12) - timedelta(days=1), width)
    labels = [text for text in painter.texts if not text.isdigit() or len(text) == 4]
    assert len(labels) >= 11  # a month's name or year for each month with room
    found = [year for text in labels for year in re.findall(r"\d{4}", text)]
    # The first year named where it begins, each year once, in order; a year whose
    # months at the end have no room for it may go unsaid (at 900 pixels, none).
    assert found[:1] == years[:1]
    assert found == [year for year in years if year in found]
    if width >= 900:
        assert found == years


def test_a_first_december_too_narrow_for_its_year_keeps_its_name(qapp: object) -> None:
    """A year from December at 580 pixels read "2026 | 2027 | Feb": December said its
    year alone and January the next, no month of the two named."""
    first = date(2026, 12, 1)
    painter = _axis_painted(first, add_months(first, 12) - timedelta(days=1), 580)
    labels = [text for text in painter.texts if not text.isdigit() or len(text) == 4]
    assert labels[0] != "2026"
    assert labels[0] in {QLocale().monthName(12, QLocale.FormatType.ShortFormat), "Dec"}
    assert "2027" in labels[1]


@pytest.mark.parametrize("width", [300, 580, 760, 900, 1100, 1400])
def test_a_year_of_months_names_them_alike_and_never_none(qapp: object, width: int) -> None:
    """At 760 pixels twelve months read "August | Sep | October | Nov" (each the longest
    its own room took); narrower, the axis named no month, only "2027"."""
    first = date(2026, 11, 30)
    painter = _axis_painted(first, add_months(first, 12) - timedelta(days=1), width)
    locale = QLocale()
    names = {
        form: {locale.monthName(m, form) for m in range(2, 13)}
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat)
    }
    plain = [t for t in painter.texts if any(t in found for found in names.values())]
    if plain:  # all in full, or all short
        assert any(set(plain) <= found for found in names.values()), plain
    narrow = {locale.monthName(m, QLocale.FormatType.NarrowFormat) for m in range(1, 13)}
    named = [t for t in painter.texts if t in narrow or t in names[QLocale.FormatType.ShortFormat]]
    named += [t for t in painter.texts if t in names[QLocale.FormatType.LongFormat]]
    assert len(named) >= 9, painter.texts  # most months named, at any width
    # None over another: a year's "2027" read "202F7" with February's letter on it.
    metrics = QFontMetricsF(QApplication.font())
    row = sorted((left, text) for top, left, text in painter.placed if top == 0)
    for (left, text), (after, _) in itertools.pairwise(row):
        assert left + metrics.horizontalAdvance(text) * 0.92 <= after + 2, row


def test_the_key_says_the_hatch_of_days_outside_a_messages_dates_when_a_row_shows_them(
    shown: CadencePanel, session: CalendarSession
) -> None:
    """A message ended within the weeks shown is hatched after its end: the key said the
    other marks and not that one."""
    assert "outside its dates" not in shown.legend_texts()
    message = session.key_messages()[0]
    ended = replace(message, starts_on=None, ends_on=FIRST + timedelta(days=10))
    session.push(UpdateKeyMessageCommand(session, ended))
    texts = shown.legend_texts()
    assert texts[:4] == ["overdue", "overdue unless planned", "outside its dates", "today"]
    session.undo_stack.undo()
    assert "outside its dates" not in shown.legend_texts()


@pytest.mark.parametrize(("lang", "rest"), [("en_GB.UTF-8", {5, 6}), ("he_IL.UTF-8", {4, 5})])
def test_the_panel_shades_the_locale_s_weekend(
    panel: CadencePanel,
    session: CalendarSession,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    lang: str,
    rest: set[int],
) -> None:
    """Friday and Saturday in Israel: the panel shaded Saturday and Sunday."""
    monkeypatch.setenv("LC_ALL", lang)
    shown = panel
    with qtbot.waitExposed(shown):
        shown.show()
    image = shown.grab().toImage()
    ratio = image.devicePixelRatio()
    row = shown.row_rect(message_id(session, "Solar pays for itself"))
    week = [date(2026, 11, 2) + timedelta(days=i) for i in range(7)]  # Monday to Sunday

    def shade(day: date) -> int:
        x, y = shown.x_for(day), row.top() + 3  # above the marks and bars
        return image.pixelColor(int(x * ratio), int(y * ratio)).rgb()

    monday = shade(week[0])
    assert {day.weekday() for day in week if shade(day) != monday} == rest


def test_the_panel_spans_months_chosen_from_the_month_in_view(
    shown: CadencePanel, session: CalendarSession, qtbot: QtBot
) -> None:
    """The issue's "or a chosen range": the panel followed the calendar's days alone, a
    month at most, where a quarter or a year shows a message's rhythm at a glance. The
    months are counted from the one shown, whole: from a month's grid, which starts in
    the month before, three months stopped days short of the quarter's end."""
    first, last = date(2026, 11, 30), date(2027, 1, 10)  # a month's six weeks
    shown.set_view_range(first, last)
    assert shown.visible_range() == (first, last)
    button = shown.findChild(QToolButton, "cadenceSpan")
    assert button is not None
    assert button.text() == "Days in View"
    button.menu().aboutToShow.emit()  # (its choices made as it opens)
    actions = button.menu().actions()  # what its button offers
    assert [a.isChecked() for a in actions] == [True, False, False, False]
    with qtbot.waitSignal(shown.spanChanged, check_params_cb=lambda m: m == 12):
        actions[3].trigger()
    assert shown.visible_range() == (first, date(2027, 11, 30))  # December to November
    assert button.text() == "12 Months"
    assert [a.isChecked() for a in actions] == [False, False, False, True]
    # The axis reaches the year's end, and a gap far ahead is drawn there.
    assert shown.x_for(date(2027, 11, 29)) > shown.x_for(date(2027, 6, 1)) > shown.x_for(last)
    # Paging the calendar moves it along.
    shown.set_view_range(date(2027, 1, 4), date(2027, 2, 14))  # six weeks, most January's
    assert shown.visible_range() == (date(2027, 1, 1), date(2027, 12, 31))
    shown.set_span(3)
    shown.set_view_range(date(2026, 12, 28), date(2027, 2, 7))  # January's: the quarter
    assert shown.visible_range() == (date(2026, 12, 28), date(2027, 3, 31))
    # A week's, from the first of its month (from the week's first day, "6 Months" in
    # the week of 7 December left out the red of 1 to 6 December).
    shown.set_view_range(date(2027, 3, 8), date(2027, 3, 14))
    assert shown.visible_range() == (date(2027, 3, 1), date(2027, 5, 31))
    # Three months are never short of the days in view (a long agenda's), nor past 2999.
    shown.set_view_range(date(2027, 1, 1), date(2027, 6, 30))
    assert shown.visible_range() == (date(2027, 1, 1), date(2027, 6, 30))
    shown.set_view_range(date(2999, 11, 1), date(2999, 12, 12))
    assert shown.visible_range() == (date(2999, 11, 1), date(2999, 12, 31))
    with qtbot.assertNotEmitted(shown.spanChanged):  # set, not chosen: nothing to keep
        shown.set_span(0)
    assert shown.visible_range() == (date(2999, 11, 1), date(2999, 12, 12))
    # The button sits at the head of the labels, beside their heading.
    assert button.isVisible()
    assert button.geometry().right() < shown.x_for(date(2999, 11, 1))
    assert button.geometry().bottom() < shown.row_rect(session.key_messages()[0].id).top()


@pytest.mark.parametrize("width", [260, 900, 2400])  # weekly numbers, days, named days
def test_the_axis_writes_its_days_in_the_language_s_digits(qapp: object, width: int) -> None:
    """In Arabic the axis read "30 1 2 3" under "ديسمبر ٢٠٢٦", beside the grid's "١ ٢ ٣"
    (its named days, "الاثنين ٣٠", were in the language's digits already)."""
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    try:
        first = date(2026, 11, 30)
        painter = _axis_painted(first, first + timedelta(days=41), width)
    finally:
        QLocale.setDefault(QLocale.c())
    texts = " ".join(painter.texts)
    assert "١" in texts or "٢" in texts, painter.texts
    assert not re.search("[0-9]", texts), painter.texts


def test_a_long_span_turned_away_from_today_puts_the_keyboard_on_the_month_shown(
    shown: CadencePanel,
) -> None:
    """A year turned from the keyboard: the panel's day was the 29 November its month's
    grid begins with, December shown."""
    shown.set_span(12)
    grid = (date(2027, 11, 29), date(2028, 1, 9))  # December 2027's six weeks
    shown.set_view_range(*grid)
    assert shown.visible_range()[0] == grid[0]
    assert shown.cursor_day() == date(2027, 12, 1)
