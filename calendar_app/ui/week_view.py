"""The week view: seven day columns by hour, untimed posts in an all-day strip.

The header (day names, overdue badges) and the all-day strip stay fixed
above a scrollable time grid. All hit-testing is in the view's own
coordinates; the painted parts forward the mouse and drops to the view.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import cast

from PySide6.QtCore import (
    QLocale,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget

from ..core.models import Post, isolated
from ..render.cadence_strip import range_text
from ..render.chips import (
    accent,
    badge_width,
    chip_height,
    chip_time_text,
    clock_text,
    fit_posts,
    hour_text,
    in_language_digits,
    mix,
    more_width,
    overdue_red,
    paint_badge,
    paint_delivery_mark,
    paint_more,
    quiet_text,
    split_more,
    twelve_hour_clock,
    with_alpha,
)
from ..render.pixels import crisp
from ..render.weeks import rest_days
from .month_view import (
    SPOKEN_POSTS,
    PeriodView,
    day_number_text,
    tint_strength,
    week_first_day,
)
from .session import CalendarSession

__all__ = ["HOUR_HEIGHT", "HeaderCell", "WeekView"]


@dataclass(frozen=True)
class HeaderCell:
    """One day of the week's header: its column, its name and date, its corner."""

    day: date
    cell: QRect
    name: str
    number: str
    """The day's number, "1 Nov" where a month begins (where there is room)."""
    name_rect: QRectF
    date_rect: QRectF
    corner: QRectF
    """Where the overdue badge (or the delivery tick) goes; empty when there is none."""


HOUR_HEIGHT = 48
"""Logical pixels per hour in the time grid."""
EDGE_SCROLL_MS = 60
"""How often a drag held at the grid's top or bottom edge scrolls it on a step."""
BLOCK_MINUTES = 30
"""A post has no duration; its block is this long, and blocks that overlap sit side by side."""
SNAP_MINUTES = 15
GRID_PADDING = 8
"""Room above 00:00 so that its label is not cut."""
GRID_BOTTOM = BLOCK_MINUTES * HOUR_HEIGHT // 60 + GRID_PADDING
"""Room below 24:00: for its label, and for the whole block of a post at 23:45."""
FIRST_HOUR = 7
"""The grid opens scrolled to this hour."""
MAX_ALL_DAY_ROWS = 3
MIN_LANE_WIDTH = 56
"""Posts that overlap share their day's width down to this, then the rest go behind "+N"."""


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def _quarter(minutes: int) -> time:
    """The quarter hour ``minutes`` (a multiple of 15) into the day, within the day."""
    minutes = min(max(minutes, 0), 24 * 60 - SNAP_MINUTES)
    return time(minutes // 60, minutes % 60)


@dataclass
class _StripDay:
    chips: list[tuple[int, QRectF]]
    more: QRectF | None
    hidden: int


@dataclass
class _Drop:
    """Where a drag would land: in the grid (at a time), the all-day strip or the header."""

    area: str
    day: date
    at: time | None = None


def _lanes(posts: list[Post]) -> list[tuple[Post, int, int]]:
    """Side-by-side placement of overlapping blocks: (post, lane, lanes in its cluster)."""
    placed: list[tuple[Post, int, int]] = []
    cluster: list[tuple[Post, int]] = []
    lane_ends: list[int] = []
    cluster_end = -1

    def close() -> None:
        placed.extend((post, lane, len(lane_ends)) for post, lane in cluster)

    for post in posts:
        assert post.time is not None
        start = _minutes(post.time)
        if start >= cluster_end and cluster:
            close()
            cluster, lane_ends = [], []
        end = start + BLOCK_MINUTES
        for lane, lane_end in enumerate(lane_ends):
            if lane_end <= start:
                lane_ends[lane] = end
                break
        else:
            lane = len(lane_ends)
            lane_ends.append(end)
        cluster.append((post, lane))
        cluster_end = max(cluster_end, end)
    if cluster:
        close()
    return placed


class _Part(QWidget):
    """A painted part of the week view; the view paints it and handles its input."""

    def __init__(self, view: WeekView, name: str) -> None:
        super().__init__(view)
        self._view = view
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._view._paint_part(self, painter, event.rect())
        painter.end()


class _Header(_Part):
    pass


class _AllDayStrip(_Part):
    pass


class _TimeGrid(_Part):
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._view._layout_changed()

    def sizeHint(self) -> QSize:
        return QSize(600, 24 * HOUR_HEIGHT + GRID_PADDING + GRID_BOTTOM)


class WeekView(PeriodView):
    """Seven columns by hour; posts placed by time, the gaps of the cadence in red.

    Hit-testing (``day_at``, ``time_at``, ``post_at``, ``chip_rect``) is in the
    view's coordinates and describes what is painted. A double-click on an empty
    slot asks for a new post there (:attr:`slotActivated`).
    """

    moreActivated = Signal(object)
    """A "+N" of this day clicked: every post of the day wanted in sight."""

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("weekView")
        self.setAccessibleName("Week view")
        self._timed: dict[int, QRectF] = {}
        self._strip_days: dict[date, _StripDay] = {}
        self._timed_more: list[tuple[date, QRectF, list[int]]] = []
        """The "+N" of posts at overlapping times that the day has no room for: the day,
        where it is drawn, the posts behind it."""
        self._spots: dict[int, QRectF] = {}
        """Where each timed post of the week is in the grid: its block, or the "+N" it
        waits behind (made with the layout, read at each paint)."""
        self._drop_target: _Drop | None = None
        self._pressed_hint = False
        """The last press was on a hint of posts out of sight (and scrolled to them): a
        double-click's second press is no new post at the hour it then is over."""
        self._grab_minutes: float | None = None
        """While a block of the grid is dragged, how far below its start time it was
        grabbed: a drop puts the block's top, not the pointer, on a quarter hour."""
        # A drag held still near the grid's top or bottom edge keeps scrolling it.
        self._edge_scroll = QTimer(self)
        self._edge_scroll.setObjectName("edgeScroll")
        self._edge_scroll.setInterval(EDGE_SCROLL_MS)
        self._edge_scroll.timeout.connect(self._scroll_on)
        self._edge_step = 0
        self._edge_pos = QPoint()
        self._scroll_pending = True
        self._first_time = time(FIRST_HOUR, 0)
        """Where the grid scrolls to once it has its height (the day's first hours)."""

        self._header = _Header(self, "Days of the week")
        self._strip = _AllDayStrip(self, "All-day posts")
        self._grid = _TimeGrid(self, "Posts by time of day")
        self._grid.setMinimumHeight(24 * HOUR_HEIGHT + GRID_PADDING + GRID_BOTTOM)
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("weekScroll")
        self._scroll.setAccessibleName("Hours of the day")
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidgetResizable(True)
        self._scroll.setWidget(self._grid)
        self._scroll.verticalScrollBar().rangeChanged.connect(self._initial_scroll)
        self._scroll.verticalScrollBar().valueChanged.connect(self._grid_scrolled)
        layout = QVBoxLayout(self)
        # The all-day strip grows and shrinks with the week; that must not
        # resize the window around the view.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header)
        layout.addWidget(self._strip)
        layout.addWidget(self._scroll, 1)
        self._header.setFixedHeight(round(QFontMetricsF(self.font()).height() + 16))

        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

        self._reload()
        session.set_visible_range(*self._range)
        self._refresh_cadence()

    # -- periods ------------------------------------------------------------

    def _period_of(self, day: date) -> date:
        return week_first_day(day, self.week_start())

    def _range_of(self, period: date) -> tuple[date, date]:
        return period, period + timedelta(days=6)

    def step(self, direction: int) -> None:
        self.set_current_date(self._current + timedelta(days=7 if direction > 0 else -7))

    def period_title(self) -> str:
        """``16–22 Nov 2026`` (``Nov 16–22, 2026`` where the month comes first)."""
        return range_text(*self._range, year=True)

    def _day_step_for_key(self, key: int) -> int | None:
        return {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(key))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            bar = self._scroll.verticalScrollBar()
            delta = HOUR_HEIGHT if event.key() == Qt.Key.Key_Down else -HOUR_HEIGHT
            bar.setValue(bar.value() + delta)
            return
        super().keyPressEvent(event)

    # -- scrolling ----------------------------------------------------------

    def _initial_scroll(self, _minimum: int, maximum: int) -> None:
        if self._scroll_pending and maximum > 0:
            self._scroll_pending = False
            self.scroll_to_time(self._first_time)
            self.show_now()  # opened in the evening: the now line was below the fold

    @staticmethod
    def rail_labels() -> dict[int, str]:
        """The hours the rail names, 0 to 24, and what it writes: the day's end is
        "24:00", or on a 12-hour clock not named (a second "12 AM" at the foot read as
        the day's start, and "12 PM" before it as noon)."""
        last = 23 if twelve_hour_clock() else 24
        return {hour: hour_text(hour) for hour in range(last + 1)}

    def show_now(self) -> None:
        """Scroll the hours to the current time, when today is in the week and the now
        line is out of sight."""
        if self.now_line_day() is not None:
            self._ensure_y_visible(GRID_PADDING + self.now_line_minutes() * HOUR_HEIGHT / 60)

    def show_day(self, day: date) -> None:
        """Scroll the hours to ``day``'s first timed post when it is out of sight (the
        month's "+N more" opened the week at 07:00 on posts at 19:00, or at 13:00 with
        twelve at 10:00 above, one at 18:00 in sight); on today with none, to the
        current time."""
        spots = self._spots
        placed = sorted(spots[p.id].top() for p in self._by_day.get(day, []) if p.id in spots)
        if not placed:
            if day == self.now_line_day():
                self.show_now()
            return
        bar = self._scroll.verticalScrollBar()
        top, bottom = bar.value(), bar.value() + self._scroll.viewport().height()
        if not top <= placed[0] < bottom - HOUR_HEIGHT / 4:
            self._ensure_y_visible(placed[0])

    def _ensure_y_visible(self, y: float) -> None:
        """Scroll so that ``y`` (grid coordinates) is in sight, a third down the hours
        shown when it was not."""
        bar = self._scroll.verticalScrollBar()
        height = self._scroll.viewport().height()
        if not bar.value() <= y < bar.value() + height - HOUR_HEIGHT / 2:
            bar.setValue(max(0, round(y - height / 3)))

    def scroll_to_time(self, at: time) -> None:
        """Scroll the grid so that ``at`` is at its top (its label just below the edge);
        a view not laid out yet does once it has its height."""
        bar = self._scroll.verticalScrollBar()
        if self._scroll_pending and bar.maximum() == 0:
            self._first_time = at
            return
        bar.setValue(round(_minutes(at) * HOUR_HEIGHT / 60))

    def top_time(self) -> time:
        """The time of day at the top of the grid as it is scrolled."""
        if self._scroll_pending:
            return self._first_time
        # To the nearest minute: a pixel is less than one, so it scrolls back to the same.
        minutes = min(
            round(self._scroll.verticalScrollBar().value() * 60 / HOUR_HEIGHT), 24 * 60 - 1
        )
        return time(minutes // 60, minutes % 60)

    def _grid_scrolled(self, _value: int) -> None:
        self._scroll_pending = False
        self._grid.update()  # the hints at its edges say what is out of sight now

    def _ensure_post_visible(self, post_id: int | None) -> None:
        rect = self._spots.get(post_id) if post_id is not None else None
        if rect is not None:
            self._scroll.ensureVisible(
                int(rect.center().x()), int(rect.center().y()), 0, HOUR_HEIGHT
            )

    def _tick(self) -> None:
        if self.now_line_day() is not None:
            self._grid.update()

    def now_line_day(self) -> date | None:
        """Today, when the current-time line is drawn (today is in the visible week)."""
        today = self._session.today()
        first, last = self._range
        return today if first <= today <= last else None

    # -- geometry (view coordinates) ----------------------------------------

    def _ruler_width(self) -> int:
        metrics = QFontMetricsF(self.font())
        return round(max(metrics.horizontalAdvance(hour_text(h)) for h in (0, 10, 12, 22)) + 14)

    def _edges(self) -> list[int]:
        """The x of each column's left edge, and of the last one's right edge."""
        left = self._ruler_width()
        width = self._grid.width() - left
        return [left + round(i * width / 7) for i in range(8)]

    def _viewport_rect(self) -> QRect:
        viewport = self._scroll.viewport()
        return QRect(viewport.mapTo(self, QPoint(0, 0)), viewport.size())

    def grid_rect(self) -> QRect:
        """The visible part of the time grid, in view coordinates."""
        return self._viewport_rect()

    def all_day_rect(self) -> QRect:
        """The all-day strip, in view coordinates."""
        return self._strip.geometry()

    def header_rect(self) -> QRect:
        return self._header.geometry()

    def _grid_offset(self) -> QPoint:
        return self._grid.mapTo(self, QPoint(0, 0))

    def _column(self, x: int) -> int | None:
        edges = self._edges()
        if not edges[0] <= x < edges[-1]:
            return None
        return bisect.bisect_right(edges, x) - 1

    def day_rect(self, day: date) -> QRect:
        """The column of ``day`` from the header to the bottom of the visible grid."""
        index = (day - self._range[0]).days
        if not 0 <= index < 7:
            return QRect()
        edges = self._edges()
        bottom = self._viewport_rect().bottom()
        return QRect(edges[index], 0, edges[index + 1] - edges[index], bottom + 1)

    def day_at(self, pos: QPoint) -> date | None:
        if not 0 <= pos.y() <= self._viewport_rect().bottom():
            return None
        column = self._column(pos.x())
        return None if column is None else self._range[0] + timedelta(days=column)

    def _area_at(self, pos: QPoint) -> str | None:
        for name, widget in (("header", self._header), ("strip", self._strip)):
            if widget.geometry().contains(pos):
                return name
        if self._viewport_rect().contains(pos):
            return "grid"
        return None

    def time_at(self, pos: QPoint) -> time | None:
        """The quarter hour under ``pos`` in the time grid (None elsewhere)."""
        if self._area_at(pos) != "grid" or self._column(pos.x()) is None:
            return None
        y = pos.y() - self._grid_offset().y() - GRID_PADDING
        return _quarter(int(y * 60 // HOUR_HEIGHT) // SNAP_MINUTES * SNAP_MINUTES)

    def _minutes_at(self, pos: QPoint) -> float:
        """The time of day at ``pos``'s height in the grid, in minutes."""
        return (pos.y() - self._grid_offset().y() - GRID_PADDING) * 60 / HOUR_HEIGHT

    def drop_time_at(self, pos: QPoint) -> time | None:
        """The quarter hour a drop at ``pos`` sets: where the dragged block's top then
        is, to the nearest quarter (a block moved an hour down moves by an hour, not
        to the quarter its grabbed spot reached); a drag from elsewhere: the quarter
        under the pointer."""
        at = self.time_at(pos)
        if at is None or self._grab_minutes is None:
            return at
        top = self._minutes_at(pos) - self._grab_minutes
        return _quarter(round(top / SNAP_MINUTES) * SNAP_MINUTES)

    def _start_drag(self, anchor: int, grabbed: QPoint) -> None:
        post = self._posts.get(anchor)
        if post is not None and post.time is not None and anchor in self._timed:
            drawn = self._session.going_out(post.date, post.time) or post.time  # 02:30 at 03:30
            self._grab_minutes = max(0.0, self._minutes_at(grabbed) - _minutes(drawn))
        try:
            super()._start_drag(anchor, grabbed)
        finally:
            self._grab_minutes = None

    def slot_time(self, pos: QPoint) -> time | None:
        return self.time_at(pos) if self.post_at(pos) is None else None

    def y_for_time(self, at: time) -> int:
        """The y in view coordinates where ``at`` is in the grid (may be scrolled away)."""
        return self._grid_offset().y() + GRID_PADDING + round(_minutes(at) * HOUR_HEIGHT / 60)

    def post_at(self, pos: QPoint) -> int | None:
        area = self._area_at(pos)
        if area == "strip":
            day = self.day_at(pos)
            layout = self._strip_days.get(day) if day else None
            local = QPointF(pos - self._strip.pos())
            for post_id, rect in layout.chips if layout else []:
                if rect.contains(local):
                    return post_id
        elif area == "grid":
            local = QPointF(pos - self._grid_offset())
            for post_id, rect in self._timed.items():
                if rect.contains(local):
                    return post_id
        return None

    def chip_rect(self, post_id: int) -> QRect | None:
        """Where the post is drawn, in view coordinates (None when not on screen)."""
        if post_id in self._timed:
            block = self._timed[post_id].toAlignedRect().translated(self._grid_offset())
            return block if block.intersects(self._viewport_rect()) else None
        post = self._posts.get(post_id)
        layout = self._strip_days.get(post.date) if post and post.date else None
        for shown, rect in layout.chips if layout else []:
            if shown == post_id:
                return rect.toAlignedRect().translated(self._strip.pos())
        return None

    def visible_posts(self, day: date) -> list[int]:
        """The posts drawn for ``day``: all-day chips, then timed blocks."""
        layout = self._strip_days.get(day)
        untimed = [post_id for post_id, _ in layout.chips] if layout else []
        timed = [p.id for p in self._by_day.get(day, []) if p.id in self._timed]
        return untimed + timed

    def hidden_count(self, day: date) -> int:
        """The posts of ``day`` behind a "+N", in the all-day strip and in the grid."""
        layout = self._strip_days.get(day)
        behind = sum(len(ids) for d, _, ids in self._timed_more if d == day)
        return (layout.hidden if layout else 0) + behind

    def timed_more_rects(self, day: date) -> list[QRect]:
        """Where the grid says "+N" for posts of ``day`` at crowded times (view coordinates)."""
        return [
            rect.toAlignedRect().translated(self._grid_offset())
            for d, rect, _ in self._timed_more
            if d == day
        ]

    def out_of_sight(self) -> list[tuple[date, QRectF, list[int], bool]]:
        """Each day's timed posts scrolled out of sight, and where the grid says so at
        its edge: (day, the hint's rect in grid coordinates, the posts earliest first,
        whether they are below). A day with a post at 18:00 is not left looking empty."""
        bar = self._scroll.verticalScrollBar()
        top, bottom = bar.value(), bar.value() + self._scroll.viewport().height()
        edges = self._edges()
        metrics = QFontMetricsF(self.chip_font())
        height = metrics.height() + 4
        hints: list[tuple[date, QRectF, list[int], bool]] = []
        least = metrics.horizontalAdvance("↓") + 14
        crowded: dict[date, list[QRectF]] = {}
        for day, more, _ in self._timed_more:
            crowded.setdefault(day, []).append(more)
        # The post the keyboard is on, passed by as a "+N" is: Tab brought one from
        # behind a "+5 more" into sight at the grid's foot, and "↓ 3 later" covered it.
        focus = self._focus_post
        focused = self._posts.get(focus) if focus is not None else None
        if focus in self._timed and focused is not None and focused.date is not None:
            crowded.setdefault(focused.date, []).append(self._timed[focus])

        def fitted(
            day: date, left: float, right: float, y: float, posts: list[int], below: bool
        ) -> QRectF:
            # As wide as its words, at the column's end: a chip half in sight under it
            # keeps its time and the start of its title readable. Beside a crowded
            # time's "+N" at the edge, not over it (it covered most of it, and a
            # click there scrolled): past it, inward, while the grid shows it there
            # (to its left it lay on the chip beside the "+N", whose title read "W"),
            # else to its left, shorter; again until it covers none (moved off one, it
            # came onto the next crowded time's).
            def placed() -> QRectF:
                text = self._hint_text(posts, below, right - left - 8, metrics)
                width = min(right - left, metrics.horizontalAdvance(text) + 14)
                return QRectF(right - width, y, width, height)  # (the grid is never mirrored)

            rect = placed()
            mores = crowded.get(day, [])
            for _ in range(len(mores)):
                covered = next((more for more in mores if rect.intersects(more)), None)
                if covered is None:
                    break
                past = covered.top() - height - 2 if below else covered.bottom() + 2
                if top + 1 <= past and past + height <= bottom - 1:
                    y = past
                elif covered.left() - left >= least:
                    right = covered.left() - 2
                else:
                    y = past
                rect = placed()
            return rect

        spots = self._spots
        for index, day in enumerate(self.visible_days()):
            # Those behind a "+N" too (the hint said "↑ 09:00" for nine posts above).
            placed = sorted(
                (spots[p.id].top(), p.id) for p in self._by_day.get(day, []) if p.id in spots
            )
            above = [i for y, i in placed if spots[i].bottom() <= top + 1]
            below = [i for y, i in placed if y >= bottom - 1]
            left, right = edges[index] + 4, edges[index + 1] - 4
            if above:
                hints.append((day, fitted(day, left, right, top + 3, above, False), above, False))
            if below:
                rect = fitted(day, left, right, bottom - height - 3, below, True)
                hints.append((day, rect, below, True))
        return hints

    def out_of_sight_rects(self, day: date) -> list[QRect]:
        """Where the grid says that posts of ``day`` are out of sight (view coordinates)."""
        return [
            rect.toAlignedRect().translated(self._grid_offset())
            for d, rect, _, _ in self.out_of_sight()
            if d == day
        ]

    def _hint_text(self, posts: list[int], below: bool, room: float, metrics: QFontMetricsF) -> str:
        """ "↓ 18:00" or "↑ 2 earlier", shorter where the column is narrow ("18:00",
        "↑ 2"): the time is what the hint is for, never cut to "18:…"."""
        arrow = "↓" if below else "↑"
        if len(posts) == 1:
            post = self._posts[posts[0]]
            # Where the block is drawn: the time it goes out (it said 02:30 by a block
            # drawn at 03:30, the night the clocks skip it).
            at = self._session.going_out(post.date, post.time)
            # Short as a chip's ("6:30pm"): "↓ 6:30 PM" lost its arrow in a narrow column.
            told = "" if at is None else chip_time_text(at, twelve_hour_clock())
            choices = [f"{arrow} {told}", f"{arrow}{told}", told, arrow]
        else:
            count = len(posts)
            choices = [f"{arrow} {count} {'later' if below else 'earlier'}", f"{arrow} {count}"]
            choices += [f"{arrow}{count}", arrow]
        for text in choices:
            if text and metrics.horizontalAdvance(text) <= room:
                return text
        return metrics.elidedText(choices[0], Qt.TextElideMode.ElideRight, room)

    def out_of_sight_texts(self, day: date) -> list[str]:
        """What the hints of ``day`` say, as painted."""
        metrics = QFontMetricsF(self.chip_font())
        return [
            self._hint_text(posts, below, rect.width() - 8, metrics)
            for d, rect, posts, below in self.out_of_sight()
            if d == day
        ]

    def more_rect(self, day: date) -> QRect | None:
        layout = self._strip_days.get(day)
        if layout is None or layout.more is None:
            return None
        return layout.more.toAlignedRect().translated(self._strip.pos())

    def drop_time_text(self, room: float | None = None) -> str | None:
        """What the drop's ghost in the grid says: the time a post dropped there goes
        out ("02:15 → 03:15" in the hour the clocks skip); None off the grid. In
        ``room`` (pixels) too narrow for both times, the time it goes out ("→ 3:15 AM",
        then "3:15 AM": "2:15 AM → 3:1" was cut in a narrow column)."""
        target = self._drop_target
        if target is None or target.at is None:
            return None
        going = self._session.going_out(target.day, target.at)
        if going is None or going == target.at:
            return clock_text(target.at)
        choices = [f"{clock_text(target.at)} → {clock_text(going)}", f"→ {clock_text(going)}"]
        if QLocale().textDirection() == Qt.LayoutDirection.RightToLeft:
            # Read from the right, the arrow pointing on to the time it goes out, however
            # the times are written ("٢:١٥ ص → ٣:١٥ ص" was laid out right to left by its
            # letters, its arrow pointing back to 2:15; digits alone, left to right).
            choices = [f"\u2067{c.replace('→', '←')}\u2069" for c in choices]
        metrics = QFontMetricsF(self.chip_font())
        fitting = (c for c in choices if room is None or metrics.horizontalAdvance(c) <= room)
        return next(fitting, clock_text(going))

    # -- layout -------------------------------------------------------------

    def _layout_changed(self) -> None:
        chip_font = self.chip_font()
        chip_h = chip_height(chip_font)
        gap = 2
        edges = self._edges()
        rows = max(
            (
                sum(1 for p in self._by_day.get(day, []) if p.time is None)
                for day in self.visible_days()
            ),
            default=0,
        )
        rows = min(max(rows, 1), MAX_ALL_DAY_ROWS)
        strip_height = int(4 + rows * (chip_h + gap) + 2)
        if self._strip.height() != strip_height or self._strip.minimumHeight() != strip_height:
            self._strip.setFixedHeight(strip_height)

        strip_days: dict[date, _StripDay] = {}
        timed: dict[int, QRectF] = {}
        timed_more: list[tuple[date, QRectF, list[int]]] = []
        for index, day in enumerate(self.visible_days()):
            left, right = edges[index], edges[index + 1]
            posts = self._by_day.get(day, [])
            untimed = [p.id for p in posts if p.time is None]
            shown, hidden = fit_posts(untimed, rows, self._focus_post)
            places = [
                QRectF(left + 2, 4 + i * (chip_h + gap), right - left - 5, chip_h)
                for i in range(len(shown))
            ]
            more = None
            if hidden:
                places[-1], more = split_more(places[-1], hidden, chip_font)
            strip_days[day] = _StripDay(list(zip(shown, places, strict=True)), more, hidden)

            width = right - left - 4
            room = max(2, int(width // MIN_LANE_WIDTH))  # a chip and a "+N" at least
            timed_count = sum(1 for p in posts if p.time is not None)
            if width / room - 1 < more_width(timed_count, chip_font):
                room = 1  # too narrow for both: overlapping posts all wait behind "+N"
            # Where more posts overlap than there is room for, the last lane takes every
            # post that would lie beyond it: one alone there is drawn, posts that meet
            # there wait behind one "+N" at the time of the first, which stands for the
            # posts within its block (posts every quarter of an hour made one crowd of
            # the whole day, its "+N" at 07:00 for the 40 posts at 10:00).
            crowds: list[list[Post]] = []
            crowd_end = -1
            for post, lane, lanes in _lanes(self._as_placed(posts)):
                if lanes <= room or lane < room - 1:
                    timed[post.id] = self._block(post, left, width, lane, min(lanes, room))
                    continue
                start = _minutes(cast(time, post.time))
                if crowds and start < crowd_end:
                    crowds[-1].append(post)
                else:
                    crowds.append([post])
                    crowd_end = start + BLOCK_MINUTES
            self._gather_round_the_focus(crowds)
            for crowd in crowds:  # in time order, as the day's posts are
                focused = next((p for p in crowd if p.id == self._focus_post), None)
                if focused is None and len(crowd) == 1:
                    focused = crowd[0]
                if focused is not None:
                    # Alone in the last lane, or the one the keyboard is on: drawn there.
                    timed[focused.id] = self._block(focused, left, width, room - 1, room)
                rest = [p for p in crowd if p is not focused]
                if not rest:
                    continue
                marker = self._block(rest[0], left, width, room - 1, room)
                if focused is not None and marker.intersects(timed[focused.id]):
                    marker, timed[focused.id] = self._beside(
                        marker, timed[focused.id], [r for i, r in timed.items() if i != focused.id]
                    )
                timed_more.append((day, marker, [p.id for p in rest]))
        self._strip_days = strip_days
        self._timed = timed
        self._timed_more = timed_more
        self._spots = {post_id: more for _, more, behind in timed_more for post_id in behind}
        self._spots.update(timed)
        self._repaint()

    def _as_placed(self, posts: list[Post]) -> list[Post]:
        """The timed posts of a day at the times they go out, in that order: one at a
        time the clocks skip (02:30 as they go forward, kept by a series or written so
        on the command line) is placed where it goes out (03:30), as a drop puts it."""
        going_out = self._session.going_out
        placed = [
            p if (at := going_out(p.date, p.time)) == p.time else replace(p, time=at)
            for p in posts
            if p.time is not None
        ]
        return sorted(placed, key=lambda p: _minutes(cast(time, p.time)))

    def _gather_round_the_focus(self, crowds: list[list[Post]]) -> None:
        """The crowd the keyboard's post is in takes the crowds after it that start
        within two blocks of that post: drawn at its own time in the last lane, with its
        crowd's "+N" just below it, it covered the next time's "+N", or the post drawn
        alone there."""
        at = next(
            (i for i, crowd in enumerate(crowds) if any(p.id == self._focus_post for p in crowd)),
            None,
        )
        if at is None:
            return
        focused = next(p for p in crowds[at] if p.id == self._focus_post)
        reach = _minutes(cast(time, focused.time)) + 2 * BLOCK_MINUTES
        while at + 1 < len(crowds) and _minutes(cast(time, crowds[at + 1][0].time)) < reach:
            crowds[at].extend(crowds.pop(at + 1))

    @staticmethod
    def _beside(marker: QRectF, block: QRectF, others: list[QRectF]) -> tuple[QRectF, QRectF]:
        """Where a "+N" goes that would cover the post the keyboard is on: just below
        it, else just above it, where no other post is and inside the day; else the
        two share the lane side by side. Returns the "+N" and the post's block."""
        end = GRID_PADDING + 24 * HOUR_HEIGHT + GRID_BOTTOM
        below = marker.translated(0, block.bottom() + 2 - marker.top())
        above = marker.translated(0, block.top() - 2 - marker.bottom())
        for place in (below, above):
            if (
                place.top() >= 0
                and place.bottom() <= end
                and not any(place.intersects(r) for r in others)
            ):
                return place, block
        half = block.width() / 2
        return (
            QRectF(block.left() + half, block.top(), block.width() - half, block.height()),
            QRectF(block.left(), block.top(), half - 1, block.height()),
        )

    @staticmethod
    def _block(post: Post, left: int, width: int, lane: int, lanes: int) -> QRectF:
        """A timed post's block in lane ``lane`` of ``lanes`` of a day column."""
        assert post.time is not None
        top = GRID_PADDING + _minutes(post.time) * HOUR_HEIGHT / 60
        lane_left = round(left + 2 + lane * width / lanes)
        lane_right = round(left + 2 + (lane + 1) * width / lanes)
        height = round(BLOCK_MINUTES * HOUR_HEIGHT / 60)
        return QRectF(lane_left, round(top) + 1, lane_right - lane_left - 1, height - 1)

    def _cadence_changed(self) -> None:
        self._repaint()

    def _focus_moved(self, post_ids: set[int]) -> None:
        if self._timed_more or any(layout.hidden for layout in self._strip_days.values()):
            self._layout_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_changed()

    def _style_changed(self) -> None:
        self._header.setFixedHeight(round(QFontMetricsF(self.font()).height() + 16))
        self._layout_changed()

    def _repaint(self) -> None:
        self.update()
        self._header.update()
        self._strip.update()
        self._grid.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._layout_changed()

    # -- painting -----------------------------------------------------------

    def _paint_part(self, part: QWidget, painter: QPainter, clip: QRect) -> None:
        palette = self.palette()
        colors = _Colors(palette)
        if part is self._header:
            self._paint_header(painter, part, colors)
        elif part is self._strip:
            self._paint_strip(painter, part, colors)
        else:
            self._paint_grid(painter, part, colors, clip)

    def _column_background(self, day: date, colors: _Colors) -> QColor:
        background = colors.weekend if day.weekday() in colors.rest else colors.base
        if day == self._session.today():
            background = mix(background, colors.highlight, 0.07)
        return background

    def header_cells(self) -> list[HeaderCell]:
        """Where the header shows each day's name, date and corner (badge or tick).

        The corner is kept clear; the names take the longest form (Mon, M) that
        fits every column, the same in each, or give way to the dates alone.
        """
        edges = self._edges()
        locale = QLocale()
        font = self.font()
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetricsF(font)
        bold_metrics = QFontMetricsF(bold)
        cadence = self._cadence
        message_selected = self._session.selected_message is not None
        height = self._header.height()
        days = self.visible_days()

        numbers = {day: day_number_text(day) for day in days}

        def pill_width_of(text: str) -> float:
            return max(bold_metrics.horizontalAdvance(text) + 10, metrics.height() + 4)

        def pill_width(day: date) -> float:
            return pill_width_of(numbers[day])

        def corner_width(day: date) -> float:
            if message_selected:
                return metrics.height() if day in cadence.delivered else 0.0
            count = cadence.overdue.get(day, 0)
            return badge_width(in_language_digits(str(count)), font) if count else 0.0

        corners = [corner_width(day) for day in days]
        rooms = [
            edges[i + 1] - edges[i] - (corners[i] + 8 if corners[i] else 0) - 8
            for i in range(len(days))
        ]

        def names_fitting() -> dict[date, str] | None:
            """The days' names in the longest form that fits every column beside its
            number, the same in each; None when none does."""
            for form in (QLocale.FormatType.ShortFormat, QLocale.FormatType.NarrowFormat):
                tried = {day: locale.dayName(day.isoweekday(), form) for day in days}
                if any(c.isdigit() for name in tried.values() for c in name):
                    continue  # the C locale's narrow "names" are numbers
                if all(
                    metrics.horizontalAdvance(tried[day] + " ") + pill_width(day) <= room
                    for day, room in zip(days, rooms, strict=True)
                ):
                    return tried
            return None

        # Each day's name if every one fits; a month's name on its first day gives way
        # to them first ("1 Mar" took every day's name away), and where there are no
        # names it stays where it fits.
        names = names_fitting()
        if names is None:
            plain = {day: QLocale().toString(day.day) for day in days}  # its digits
            full, numbers = numbers, plain
            names = names_fitting()
            if names is None:
                names = dict.fromkeys(days, "")
                numbers = {
                    day: full[day] if pill_width_of(full[day]) <= room else plain[day]
                    for day, room in zip(days, rooms, strict=True)
                }
        name_widths = [
            metrics.horizontalAdvance(names[day] + " ") if names[day] else 0.0 for day in days
        ]
        totals = [width + pill_width(day) for width, day in zip(name_widths, days, strict=True)]
        # Centred where every column has room to spare, else each at its left: one way
        # for the row (a narrower name centred, its neighbours at the left, looked amiss).
        centred = all(room >= total + 52 for room, total in zip(rooms, totals, strict=True))
        cells = []
        for index, day in enumerate(days):
            cell = QRect(edges[index], 0, edges[index + 1] - edges[index], height)
            name = names[day]
            name_width = name_widths[index]
            pill_height = metrics.height() + 4
            total = totals[index]
            room = rooms[index]
            if not centred:
                x = cell.left() + min(8.0, max(room - total, 2.0))
            else:  # centred in what the corner leaves
                x = cell.left() + (room + 8 - total) / 2
            right = cell.right() + 1 - 4
            corner = QRectF(right - corners[index], 4, corners[index], height - 8)
            cells.append(
                HeaderCell(
                    day,
                    cell,
                    name,
                    numbers[day],
                    QRectF(x, 0, name_width, height),
                    QRectF(
                        x + name_width, (height - pill_height) / 2, total - name_width, pill_height
                    ),
                    corner,
                )
            )
        return cells

    def _paint_header(self, painter: QPainter, part: QWidget, colors: _Colors) -> None:
        painter.fillRect(part.rect(), colors.window)
        font = self.font()
        bold = QFont(font)
        bold.setBold(True)
        today = self._session.today()
        cadence = self._cadence
        message_selected = self._session.selected_message is not None
        height = part.height()
        for item in self.header_cells():
            day = item.day
            if day in cadence.tinted:
                strength = tint_strength(day, self._session.today(), 0.2)
                painter.fillRect(item.cell, mix(colors.window, colors.red, strength))
            target = self._drop_target
            if target is not None and target.area == "header" and target.day == day:
                painter.fillRect(item.cell, with_alpha(colors.highlight, 0.22))
            painter.setFont(font)
            painter.setPen(colors.window_text_dim)
            painter.drawText(
                item.name_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                item.name,
            )
            pill = item.date_rect
            if day == today:
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colors.highlight)
                painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
                painter.restore()
                painter.setPen(colors.highlighted_text)
            else:
                painter.setPen(colors.window_text)
            painter.setFont(bold)
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), item.number)

            corner = item.corner
            if message_selected:
                if day in cadence.delivered and cadence.message_color is not None:
                    size = corner.width()
                    paint_delivery_mark(
                        painter,
                        QRectF(corner.left(), (height - size) / 2, size, size),
                        cadence.message_color,
                    )
            elif cadence.overdue.get(day, 0):
                overdue = in_language_digits(str(cadence.overdue[day]))  # as the dates beside it
                paint_badge(painter, corner.topRight(), overdue, colors.red, font)
            if item.cell.left() > 0:
                # The day's edge, as the grid's below: a badge or tick at a day's right
                # read as the next day's, beside its name.
                edge = QRect(item.cell.left(), 0, 1, height)
                painter.fillRect(crisp(painter, edge), colors.line)
        painter.fillRect(crisp(painter, QRect(0, height - 1, part.width(), 1)), colors.line)
        self._paint_selected_column(painter, part, colors, top=True)

    def _paint_strip(self, painter: QPainter, part: QWidget, colors: _Colors) -> None:
        painter.fillRect(part.rect(), colors.base)
        edges = self._edges()
        height = part.height()
        chip_font = self.chip_font()
        small = QFont(chip_font)
        painter.setFont(small)
        painter.setPen(colors.dim_text)
        painter.drawText(
            QRect(0, 0, edges[0] - 6, height),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            "all day",
        )
        for index, day in enumerate(self.visible_days()):
            cell = QRect(edges[index], 0, edges[index + 1] - edges[index], height)
            background = self._column_background(day, colors)
            if day in self._cadence.tinted:
                strength = tint_strength(day, self._session.today(), 0.16)
                background = mix(background, colors.red, strength)
            painter.fillRect(cell, background)
            target = self._drop_target
            if target is not None and target.area == "strip" and target.day == day:
                painter.fillRect(cell, with_alpha(colors.highlight, 0.22))
            layout = self._strip_days.get(day)
            if layout is None:
                continue
            for post_id, rect in layout.chips:
                self.paint_post(painter, rect, self._posts[post_id])
            if layout.more is not None:
                paint_more(painter, layout.more, layout.hidden, colors.dim_text, chip_font)
        for x in edges[:-1]:
            painter.fillRect(crisp(painter, QRect(x, 0, 1, height)), colors.line)
        painter.fillRect(crisp(painter, QRect(edges[-1], 0, 1, height)), colors.line)
        painter.fillRect(crisp(painter, QRect(0, height - 1, part.width(), 1)), colors.strong_line)
        self._paint_selected_column(painter, part, colors, top=False)

    def _paint_selected_column(
        self, painter: QPainter, part: QWidget, colors: _Colors, *, top: bool
    ) -> None:
        """The keyboard-selected day: an outline around its header and all-day cell."""
        index = (self._current - self._range[0]).days
        if not 0 <= index < 7:
            return
        edges = self._edges()
        color = colors.highlight if self.hasFocus() else mix(colors.highlight, colors.base, 0.35)
        left, right = edges[index] + 1, edges[index + 1] - 1
        height = part.height()
        painter.fillRect(crisp(painter, QRect(left, 0, 2, height)), color)
        painter.fillRect(crisp(painter, QRect(right - 1, 0, 2, height)), color)
        if top:
            painter.fillRect(crisp(painter, QRect(left, 1, right - left + 1, 2)), color)
        else:
            painter.fillRect(crisp(painter, QRect(left, height - 2, right - left + 1, 2)), color)

    def _paint_grid(self, painter: QPainter, part: QWidget, colors: _Colors, clip: QRect) -> None:
        painter.fillRect(clip, colors.base)
        edges = self._edges()
        width = part.width()
        height = part.height()
        ruler = edges[0]
        painter.fillRect(QRect(0, 0, ruler, height), colors.window)
        cadence = self._cadence
        for index, day in enumerate(self.visible_days()):
            cell = QRect(edges[index], 0, edges[index + 1] - edges[index], height)
            painter.fillRect(cell, self._column_background(day, colors))
            if day in cadence.tinted:
                strength = tint_strength(day, self._session.today(), colors.hours_tint)
                painter.fillRect(cell, with_alpha(colors.red, strength))

        # Hour lines, half-hour lines lighter; labels in the ruler.
        font = QFont(self.chip_font())
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        labelled = self.rail_labels()
        for hour in range(25):
            y = GRID_PADDING + hour * HOUR_HEIGHT
            if (
                y + HOUR_HEIGHT < clip.top() - metrics.height()
                or y > clip.bottom() + metrics.height()
            ):
                continue
            painter.fillRect(crisp(painter, QRect(ruler - 4, y, width - ruler + 4, 1)), colors.line)
            if hour < 24:
                painter.fillRect(
                    crisp(painter, QRect(ruler, y + HOUR_HEIGHT // 2, width - ruler, 1)),
                    colors.faint_line,
                )
            if hour not in labelled:
                continue
            painter.setPen(colors.dim_text)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, ruler - 8, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                labelled[hour],
            )
        for x in edges:
            painter.fillRect(crisp(painter, QRect(x, 0, 1, height)), colors.line)

        # Selected day: side rails down the column.
        index = (self._current - self._range[0]).days
        if 0 <= index < 7:
            color = (
                colors.highlight if self.hasFocus() else mix(colors.highlight, colors.base, 0.35)
            )
            painter.fillRect(crisp(painter, QRect(edges[index] + 1, 0, 2, height)), color)
            painter.fillRect(crisp(painter, QRect(edges[index + 1] - 2, 0, 2, height)), color)

        for post_id, rect in self._timed.items():
            if rect.intersects(QRectF(clip)):
                self.paint_post(painter, rect, self._posts[post_id])
        chip_font = self.chip_font()
        for _day, marker, behind in self._timed_more:
            if marker.intersects(QRectF(clip)):
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setPen(QPen(colors.line, 1.0))
                painter.setBrush(colors.window)
                painter.drawRoundedRect(marker.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
                painter.restore()
                paint_more(painter, marker, len(behind), colors.dim_text, chip_font)

        # Posts scrolled out of sight, said at the edge of their column.
        chip_metrics = QFontMetricsF(chip_font)
        for _day, hint, posts, below in self.out_of_sight():
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(colors.line, 1.0))
            painter.setBrush(colors.window)
            painter.drawRoundedRect(hint.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            painter.setFont(chip_font)
            painter.setPen(colors.dim_text)
            text = self._hint_text(posts, below, hint.width() - 8, chip_metrics)
            painter.drawText(hint, int(Qt.AlignmentFlag.AlignCenter), text)
            painter.restore()

        # Drop target: the quarter hour the post would land on.
        target = self._drop_target
        if target is not None and target.area == "grid" and target.at is not None:
            column = (target.day - self._range[0]).days
            if 0 <= column < 7:
                top = GRID_PADDING + _minutes(target.at) * HOUR_HEIGHT / 60
                ghost = QRectF(
                    edges[column] + 2,
                    top,
                    edges[column + 1] - edges[column] - 4,
                    BLOCK_MINUTES * HOUR_HEIGHT / 60,
                )
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setBrush(with_alpha(colors.highlight, 0.25))
                painter.setPen(colors.highlight)
                painter.drawRoundedRect(ghost.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
                painter.setPen(colors.text)
                painter.setFont(self.chip_font())
                label = ghost.adjusted(6, 0, -4, 0)
                painter.drawText(
                    label,
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    self.drop_time_text(label.width()) or "",
                )
                painter.restore()

        # The current time, on today's column only.
        today = self.now_line_day()
        if today is not None:
            column = (today - self._range[0]).days
            now_y = GRID_PADDING + self.now_line_minutes() * HOUR_HEIGHT / 60
            left, right = edges[column], edges[column + 1]
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.fillRect(QRectF(left, now_y - 1, right - left, 2), colors.red)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors.red)
            painter.drawEllipse(QPointF(left + 1, now_y), 4.5, 4.5)
            painter.restore()

    def now_line_minutes(self) -> int:
        """Where the current-time line is, in minutes after midnight: the calendar's own
        time of day, as its today is (not this computer's clock)."""
        now = self._session.now()
        return now.hour * 60 + now.minute

    # -- the mouse ----------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._picked = None  # a click starts any stretch of days anew
        pos = event.position().toPoint()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        day = self.day_at(pos)
        if day is None:
            super().mousePressEvent(event)
            return
        hidden = self._out_of_sight_at(pos)
        self._pressed_hint = event.button() == Qt.MouseButton.LeftButton and hidden is not None
        if self._pressed_hint:
            self._ensure_post_visible(hidden)  # scroll to the nearest post out of sight
            return
        post_id = self.post_at(pos)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and post_id is None
            and self._more_at(pos) is not None
        ):
            self._select_day(day)
            self.moreActivated.emit(day)
            return
        if post_id is not None:
            self._click_post(post_id, event.modifiers())
        else:
            self._select_day(day)
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._set_selection([], None)
        self._track_press(event, pos, post_id)

    def _out_of_sight_at(self, pos: QPoint) -> int | None:
        """The post out of sight nearest the hint under ``pos``, if there is one."""
        if self._area_at(pos) != "grid":
            return None
        point = QPointF(pos - self._grid_offset())
        for _day, hint, posts, below in self.out_of_sight():
            if hint.contains(point):
                return posts[0] if below else posts[-1]
        return None

    def _more_at(self, pos: QPoint) -> list[int] | None:
        """The posts behind the "+N" at ``pos`` (the all-day strip's or the grid's), or
        None where there is no "+N"."""
        day, area = self.day_at(pos), self._area_at(pos)
        if day is None:
            return None
        if area == "grid":
            offset = self._grid_offset()
            for d, rect, ids in self._timed_more:
                if d == day and rect.toAlignedRect().translated(offset).contains(pos):
                    return ids
            return None
        layout = self._strip_days.get(day)
        more = layout.more if layout is not None and area == "strip" else None
        if layout is None or more is None or not more.contains(QPointF(pos - self._strip.pos())):
            return None
        shown = {post_id for post_id, _ in layout.chips}
        return [p.id for p in self._by_day.get(day, []) if p.time is None and p.id not in shown]

    def tooltip_at(self, pos: QPoint) -> str:
        """On a "+N": the posts behind it; elsewhere as any view tells it."""
        behind = self._more_at(pos)
        if not behind:
            return super().tooltip_at(pos)
        said = [self._spoken(self._posts[i]) for i in behind[:SPOKEN_POSTS] if i in self._posts]
        if len(behind) > SPOKEN_POSTS:
            said.append(f"and {len(behind) - SPOKEN_POSTS} more")
        return f"{len(behind)} more (a click lists the day):\n" + "\n".join(map(isolated, said))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._pressed_hint:  # the first click scrolled a post into sight: that is all
            return
        pos = event.position().toPoint()
        day = self.day_at(pos)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and day is not None
            and self._area_at(pos) in ("grid", "strip")
            and self._more_at(pos) is None
            and self.post_at(pos) is None
        ):
            self.slotActivated.emit(day, self.time_at(pos))
            return
        if day is not None and self._area_at(pos) not in ("grid", "strip"):
            self.dayActivated.emit(day)  # the day's header: that day, no new post
            return
        super().mouseDoubleClickEvent(event)

    # -- drops --------------------------------------------------------------

    def _target_at(self, pos: QPoint) -> _Drop | None:
        day = self.day_at(pos)
        area = self._area_at(pos)
        if day is None or area is None:
            return None
        return _Drop(area, day, self.drop_time_at(pos) if area == "grid" else None)

    def _set_drop_target(self, target: _Drop | None) -> None:
        if target != self._drop_target:
            self._drop_target = target
            self._repaint()

    def _autoscroll(self, pos: QPoint) -> None:
        """A drag near the grid's top or bottom edge scrolls it a step, and on while it
        stays there (a real drag tells of the pointer only as it moves)."""
        viewport = self._viewport_rect()
        margin = HOUR_HEIGHT // 2
        self._edge_step = 0
        if viewport.contains(pos):
            if pos.y() < viewport.top() + margin:
                self._edge_step = -HOUR_HEIGHT // 4
            elif pos.y() > viewport.bottom() - margin:
                self._edge_step = HOUR_HEIGHT // 4
        self._edge_pos = pos
        if self._edge_step:
            self._step_grid()  # the move's own target follows
            self._edge_scroll.start()
        else:
            self._edge_scroll.stop()

    def _step_grid(self) -> None:
        bar = self._scroll.verticalScrollBar()
        bar.setValue(bar.value() + self._edge_step)

    def _scroll_on(self) -> None:
        """The edge timer's step, held still: the time under the pointer moves on."""
        self._step_grid()
        if self._drop_target is not None:
            self._set_drop_target(self._target_at(self._edge_pos))

    def _stop_edge_scroll(self) -> None:
        self._edge_scroll.stop()
        self._edge_step = 0

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._accepts(event.mimeData()):
            event.ignore()
            return
        self._set_action(event)
        event.accept()
        self._set_drop_target(self._target_at(event.position().toPoint()))

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        pos = event.position().toPoint()
        target = self._target_at(pos)
        if target is None or not self._accepts(event.mimeData()):
            self._stop_edge_scroll()
            self._set_drop_target(None)
            event.ignore()
            return
        self._autoscroll(pos)
        self._set_action(event)
        event.accept()
        self._set_drop_target(self._target_at(pos))

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._stop_edge_scroll()
        self._set_drop_target(None)

    def dropEvent(self, event: QDropEvent) -> None:
        self._stop_edge_scroll()
        self._set_drop_target(None)
        target = self._target_at(event.position().toPoint())
        if target is None:
            event.ignore()
        elif target.area == "grid":
            # The drop sets day and time, snapped to a quarter hour.
            self._drop(event, target.day, keep_time=False, at=target.at)
        elif target.area == "strip":
            # "All day": the post loses its time.
            self._drop(event, target.day, keep_time=False, at=None)
        else:
            self._drop(event, target.day)

    def sizeHint(self) -> QSize:
        return QSize(900, 640)


class _Colors:
    """The week view's colours, from the palette (light or dark alike)."""

    def __init__(self, palette: QPalette) -> None:
        self.base = palette.color(QPalette.ColorRole.Base)
        self.window = palette.color(QPalette.ColorRole.Window)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.window_text = palette.color(QPalette.ColorRole.WindowText)
        self.window_text_dim = mix(self.window, self.window_text, 0.7)
        self.highlight = accent(palette)  # (seen in a dark theme too)
        self.highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)
        self.dim_text = quiet_text(self.base, self.text)
        self.line = mix(self.base, self.text, 0.14)
        self.strong_line = mix(self.base, self.text, 0.25)
        self.faint_line = mix(self.base, self.text, 0.06)
        self.weekend = mix(self.base, self.text, 0.035)
        self.rest = rest_days()  # the days it shades (read once a paint, not per column)
        self.red = overdue_red(self.base)
        # The hours' tint for a day the selected message is overdue on: on a dark base the
        # light one read as the weekend's shade.
        self.hours_tint = 0.06 if self.base.lightness() >= 128 else 0.14
