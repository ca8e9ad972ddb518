"""The cadence panel: one strip per key message, its deliveries and its gaps over time.

Each row shows a key message (colour, title, status pill) and, across the time
axis, the days it was delivered (marks coloured by channel) and the stretches
where it is overdue (hatched red bars). Today is a line across all rows. The
painting itself lives in :mod:`calendar_app.render.cadence_strip`, so the PDF
report draws the same strips. The time axis stays on top and the key at the
bottom; the rows scroll between them when they do not all fit.

Cheap by construction, whatever the size of the calendar:

* the delivery rows of the range are read once per range (from the session's
  cache of the posts on screen); after a change only the days it touched are
  read again, and only the rows of the key messages whose analysis or marks
  changed are rebuilt (:meth:`CadencePanel.row_version` counts those rebuilds);
* each row is drawn once into two pixmaps (its label, which does not depend on
  the range, and its track) and kept: a paint only copies the pixmaps of the
  rows inside the exposed part of the panel, and a change repaints only the
  rows it touched;
* ``paintEvent`` never queries anything.
"""

from __future__ import annotations

import math
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QActionGroup,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QScrollBar, QStyle, QToolButton, QWidget

from ..core.cadence import (
    DEFAULT_WINDOW_DAYS,
    CadenceReport,
    Gap,
    MessageCadence,
    MessageStatus,
    day_runs,
    default_window,
)
from ..core.models import (
    LAST_DAY,
    ChangeSet,
    KeyMessage,
    add_months,
    every_days,
    few,
    isolated,
    month_end,
)
from ..render.cadence_strip import (
    StripColors,
    StripLayout,
    StripRow,
    day_text,
    group_deliveries,
    label_width,
    legend_fit,
    legend_texts,
    outside_dates,
    paint_axis,
    paint_grid,
    paint_legend,
    paint_row_label,
    paint_row_track,
    paint_today,
    range_text,
    row_shapes,
    strip_row,
)
from . import accessible
from .commands import KeyboardTip, plural, show_tooltip, without_access_key
from .post_model import channel_lines
from .session import CalendarSession

_MAX_PATCHED_DAYS = 31
"""Past this many changed days, re-reading the whole range is as cheap."""

HINT_ROWS = 8
"""Rows the panel asks room for; with more key messages, the rows scroll."""

MIN_ROW_HEIGHT = 22
"""Rows shrink to this height to fit the panel before they scroll (or to a line of the
font and a little, where that is more: a 20 pt font's titles were cut in half)."""

_TRACK_CACHE_BYTES = 16 * 1024 * 1024
"""Room for the rows' pictures of the last ranges shown (paging back is free)."""

_RANGES_KEPT = 12
"""Ranges whose rows are kept for paging back and forth."""
HEADING = "Key messages"  # over the label column
HEADING_LEFT, HEADING_GAP, BUTTON_RIGHT = 10, 16, 6
"""Pixels: the heading from the column's left, before the range's button, and the button
from the column's right (the column is measured with them: with other numbers there,
the heading read "KEY MES")."""


@dataclass
class _RangeRows:
    """The rows of one range, valid for one report, calendar generation and set of names."""

    report: CadenceReport
    generation: int
    names: tuple[object, ...]
    deliveries: dict[int, dict[date, set[int]]]
    """Message -> day -> channels, for the days of the range."""
    rows: list[StripRow]
    channels: dict[int, set[int]]
    """Message -> the channels of its row's marks."""


def _pixmap(width: float, height: float, ratio: float) -> QPixmap:
    pixmap = QPixmap(max(math.ceil(width * ratio), 1), max(math.ceil(height * ratio), 1))
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


PANEL_SPANS: tuple[tuple[int, str], ...] = (
    (0, "&Days in View"),
    (3, "&3 Months"),
    (6, "&6 Months"),
    (12, "&12 Months"),
)
"""What the panel can span: the days the calendar shows (0), or so many months from the
month it shows (to the end of the last of them)."""


class CadencePanel(QWidget):
    """One row per key message over a range of days: deliveries, gaps, today."""

    dayActivated = Signal(object)
    """A day (``datetime.date``) was clicked or chosen with Enter: go to it."""
    contextMenuWanted = Signal(QPoint, int, object)
    """A menu for a key message on a day: where (global), the message's id, the day.
    Right-click on a row, or the Menu key for the selected row at the keyboard's day."""
    spanChanged = Signal(int)
    """The user chose what the panel spans: months (0: the days in view)."""
    told = Signal(str)
    """A word for the status bar (why a key did nothing)."""

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
        accessible.install()  # before the panel is made: Qt keeps the first interface
        super().__init__(parent)
        self.session = session
        self.setObjectName("cadencePanel")
        self.setAccessibleName("Cadence of key messages")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

        first, last = default_window(session.today())
        self._first = first
        self._last = last
        self._cursor = session.today()
        self._keyboard_tip = KeyboardTip(self, self._tip_at_keyboard)
        session.changed.connect(self._keyboard_tip.dismiss)  # (its numbers changed)
        self._view_range = (first, last)
        """The days the calendar shows, which the panel spans or starts from."""
        self._span = 0
        """Months the panel spans from the month in view (0: the days in view)."""
        self._going_to: date | None = None
        """The day a click or Enter in the panel sends the calendar to, while it goes."""

        # The data: the rows of the range and what they were built from.
        self._generation = 0  # one more at every change of the calendar
        self._ranges: dict[tuple[date, date], _RangeRows] = {}  # oldest first
        self._deliveries: dict[int, dict[date, set[int]]] = {}
        self._built: tuple[date, date, date] | None = None  # first, last, as-of
        self._report: CadenceReport | None = None  # the report the rows were built from
        self._names: tuple[object, ...] = ()
        self._messages: list[KeyMessage] = []
        self._rank: dict[int, int] = {}
        self._stale_days: set[date] = set()
        self._stale_messages: set[int] = set()
        self._reload_all = True
        self._info_dirty = True
        self._data_dirty = True
        self._geometry_dirty = True
        self._refreshing = False
        self._changed_rows: set[int] | None = None  # None: everything (for the next update)
        self._versions: dict[int, int] = {}
        self._row_channels: dict[int, set[int]] = {}  # the channels of each row's marks

        self._rows: list[StripRow] = []
        self._index: dict[int, int] = {}
        self._channel_colors: dict[int, QColor] = {}
        self._channel_names: dict[int, str] = {}
        self._legend: list[tuple[str, QColor]] = []
        self._legend_inactive = False
        """Whether a row shows days outside its message's dates: the key says the hatch."""
        self._legend_changed = False
        self._week_start = 0
        self._label_key: tuple[tuple[object, ...], ...] | None = None
        self._label_needed = 0.0

        # Geometry: the axis on top, the rows' viewport, the key at the bottom.
        self._layout = StripLayout(first, last, 0.0, 1.0)
        self._axis_rect = QRectF()
        self._label_width = 0.0
        self._row_height = 30
        self._viewport = QRect()
        self._content_width = 0
        self._legend_rect = QRectF()
        self._scroll = 0
        self._hover: tuple[int | None, date | None] = (None, None)

        # Pictures: per row (label and track), the axis and the key.
        self._colors: tuple[int, StripColors] | None = None
        self._labels: dict[int, tuple[tuple[object, ...], QPixmap]] = {}
        self._tracks: dict[tuple[object, ...], QPixmap] = {}  # least recently used first
        self._track_bytes = 0
        self._axis_pixmaps: dict[tuple[object, ...], QPixmap] = {}
        self._legend_pixmap: tuple[tuple[object, ...], QPixmap] | None = None

        self._scrollbar = QScrollBar(Qt.Orientation.Vertical, self)
        self._scrollbar.setObjectName("cadenceScrollBar")
        self._scrollbar.setAccessibleName("Scroll the key messages")
        self._scrollbar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._scrollbar.hide()
        self._scrollbar.valueChanged.connect(self._scrolled)

        # What the panel spans, chosen at the head of the labels (and in View > Cadence
        # Panel Range): a quarter or a year of a message's rhythm at a glance.
        self._span_button = QToolButton(self)
        self._span_button.setObjectName("cadenceSpan")
        self._span_button.setAutoRaise(True)
        self._span_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (the View menu's too)
        self._span_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._span_button.setToolTip(
            "How much time the cadence panel spans: the days in view, or 3, 6 or 12 months"
        )
        self._span_button.setAccessibleName("Cadence panel range")
        menu = QMenu(self._span_button)
        menu.aboutToShow.connect(lambda: self.offer_spans(menu))  # (made when first shown)
        self._span_button.setMenu(menu)
        self._show_span()

        session.changed.connect(self._calendar_changed)
        session.reportChanged.connect(self._report_changed)
        session.selectedMessageChanged.connect(self._selection_changed)

    # -- public API ----------------------------------------------------------

    def set_range(self, first: date, last: date) -> None:
        """Show the days ``first`` to ``last`` (the visible weeks of the current view)."""
        if first > last:
            raise ValueError(f"the range starts on {first}, after its end on {last}")
        if (first, last) == (self._first, self._last):
            return
        self._first, self._last = first, last
        if not first <= self._cursor <= last:
            # Today, else the first of the month the calendar shows (a year turned from
            # the keyboard put it on the 29 November its grid begins with, December
            # shown), else the range's first.
            today = self.session.today()
            view_first, view_last = self._view_range
            shown = (view_first + (view_last - view_first) / 2).replace(day=1)
            self._cursor = next((day for day in (today, shown) if first <= day <= last), first)
        self._data_dirty = True
        # The panel is on screen too: the analysis reaches its days (the session
        # recomputes when it does not yet, and we refresh on its reportChanged).
        self.session.set_visible_range(first, last, by="panel")
        self._refresh_if_shown()
        self._describe()

    def visible_range(self) -> tuple[date, date]:
        return self._first, self._last

    def set_view_range(self, first: date, last: date) -> None:
        """The calendar shows the days ``first`` to ``last``: the panel spans them, or
        the months chosen from the month they show (:meth:`set_span`)."""
        self._view_range = (first, last)
        going_to, (start, end) = self._going_to, (self._first, self._last)
        if self._span and going_to is not None and start <= going_to <= end:
            # Sent there from the panel, within its months: they stay where they are,
            # under the pointer (each click in a year moved the year to start at the
            # month clicked, and the next click went elsewhere; stretched to the days
            # of the month's grid, a click near its start grew it to fourteen months).
            return
        self.set_range(*self._spanned())

    def _activate(self, day: date) -> None:
        """Send the calendar to ``day`` (:attr:`dayActivated`), the panel's months kept."""
        self._going_to = day
        try:
            self.dayActivated.emit(day)
        finally:
            self._going_to = None

    def span(self) -> int:
        """Months the panel spans from the month in view (0: the days in view)."""
        return self._span

    def set_span(self, months: int, *, chosen: bool = False) -> None:
        """Span ``months`` from the month in view (0: the days in view, as before);
        ``chosen`` by the user: said with :attr:`spanChanged`."""
        if months not in {m for m, _ in PANEL_SPANS}:
            months = 0
        if months != self._span:
            self._span = months
            self.set_range(*self._spanned())
        self._show_span()
        if chosen:
            self.spanChanged.emit(months)

    def offer_spans(self, menu: QMenu) -> None:
        """Fill ``menu`` (its button's, View > Cadence Panel Range) with the spans the
        panel offers, the one it shows ticked (actions of that menu's own: a menu
        cleared deletes those it owns, and another's shared were deleted under it)."""
        menu.clear()
        choices = QActionGroup(menu)  # one at a time
        for months, text in PANEL_SPANS:
            action = menu.addAction(text)
            choices.addAction(action)
            action.setCheckable(True)
            action.setChecked(months == self._span)
            action.triggered.connect(lambda _=False, m=months: self.set_span(m, chosen=True))

    def _spanned(self) -> tuple[date, date]:
        first, last = self._view_range
        if not self._span:
            return first, last
        # The months counted from the one the calendar shows, to the end of the last:
        # January's grid starts on 28 December, and "3 Months" stopped on 27 March
        # (the quarter's last days out of sight); from the first of that month (in the
        # week of 7 December, "6 Months" began on the 7th, and the red of 1-6 December
        # was out of the panel). Never short of the days in view, nor past the last a
        # calendar plans.
        shown = (first + (last - first) / 2).replace(day=1)
        end = month_end(add_months(shown, self._span - 1))
        return min(first, shown), min(max(end, last), LAST_DAY)

    def _show_span(self) -> None:
        label = next(text for months, text in PANEL_SPANS if months == self._span)
        self._span_button.setText(without_access_key(label))
        small = QFont(self.font())  # a heading's, beside the labels' heading
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.9)
        self._span_button.setFont(small)
        self._geometry_dirty = True
        self.update()

    def cursor_day(self) -> date:
        """The keyboard's day (left/right move it, Enter goes to it)."""
        return self._cursor

    def set_cursor_day(self, day: date) -> None:
        day = min(max(day, self._first), self._last)
        if day != self._cursor:
            self._cursor = day
            self.update()
            self._describe(day_first=True)

    def message_ids(self) -> list[int]:
        """The rows' key messages, top to bottom."""
        self._ensure()
        return [row.message_id for row in self._rows]

    def row_rect(self, message_id: int) -> QRect:
        """The whole row of a message (label and time axis), where it is now: above or
        below the visible rows when they are scrolled away from it; empty when it has none."""
        self._ensure()
        index = self._index.get(message_id)
        if index is None:
            return QRect()
        return self._row_rect(index)

    def visible_message_ids(self) -> list[int]:
        """The messages whose rows show, at least in part, between the axis and the key."""
        self._ensure()
        first, last = self._visible_indexes(self._viewport)
        return [row.message_id for row in self._rows[first : last + 1]]

    def scroll_offset(self) -> int:
        """How far the rows are scrolled, in pixels (0: the first row is at the top)."""
        self._ensure()
        return self._scroll

    def set_scroll_offset(self, offset: int) -> None:
        self._ensure()
        self._scrollbar.setValue(offset)  # clamped to the rows' height

    def scroll_to_message(self, message_id: int) -> None:
        """Scroll the least needed for the message's whole row to show."""
        self._ensure()
        index = self._index.get(message_id)
        if index is None:
            return
        top = index * self._row_height
        bottom = top + self._row_height
        height = self._viewport.height()
        if top < self._scroll:
            self._scrollbar.setValue(top)
        elif bottom > self._scroll + height:
            self._scrollbar.setValue(bottom - height)

    def row_version(self, message_id: int) -> int:
        """How many times the message's row was rebuilt with new content (a new range,
        a new analysis of the message, deliveries moved): rows that a change did not
        touch keep their version, and their pictures."""
        self._ensure()
        return self._versions.get(message_id, 0)

    def x_for(self, day: date) -> float:
        """The x of the centre of ``day``'s column (the today line's x for today)."""
        self._ensure()
        return self._layout.x_for(day)

    def day_at(self, pos: QPoint | QPointF) -> date | None:
        """The day under ``pos`` on the axis or a row, None elsewhere."""
        self._ensure()
        point = QPointF(pos)
        if point.y() < 0 or point.y() >= self._rows_bottom():
            return None
        return self._layout.day_at(point.x())

    def message_at(self, pos: QPoint | QPointF) -> int | None:
        """The key message of the row under ``pos`` (label or time axis)."""
        index = self._row_at(QPointF(pos))
        return None if index is None else self._rows[index].message_id

    def marks(self, message_id: int) -> list[tuple[date, list[int]]]:
        """The delivery days drawn in a message's row, each with its channels' ids."""
        self._ensure()
        index = self._index.get(message_id)
        if index is None:
            return []
        return [(day, list(channels)) for day, channels in self._rows[index].marks]

    def gap_bars(self, message_id: int) -> list[tuple[date, date]]:
        """The overdue bars drawn in a message's row: first and last day, clipped to the range."""
        self._ensure()
        index = self._index.get(message_id)
        if index is None:
            return []
        return [
            (max(gap.start, self._first), min(gap.end, self._last))
            for gap in self._rows[index].gaps
        ]

    def tooltip_at(self, pos: QPoint | QPointF) -> str:
        """What hovering ``pos`` tells (empty where there is nothing to say)."""
        self._ensure()
        point = QPointF(pos)
        if self._legend_rect.contains(point):
            return self._legend_tooltip()
        if point.y() < self._axis_rect.bottom():
            day = self._layout.day_at(point.x())
            return "" if day is None else self._day_tooltip(day)
        index = self._row_at(point)
        if index is None:
            return ""
        row = self._rows[index]
        if point.x() < self._label_width:
            return self._row_tooltip(row)
        day = self._layout.day_at(point.x())
        if day is None:
            return ""
        mark = self._mark_near(index, point.x())
        if mark is not None:
            return self._mark_tooltip(row, *mark)
        return self._row_day_text(row, day)

    def _row_day_text(self, row: StripRow, day: date, *, named: bool = False) -> str:
        """What a message's row tells of one day: its delivery, its gap, or a quiet day;
        ``named``, the day named in a gap too (its words are the same on its days)."""
        channels = next((c for d, c in row.marks if d == day), None)
        if channels is not None:
            return self._mark_tooltip(row, day, channels)
        gap = row.gap_on(day)
        if gap is not None:
            told = self._gap_tooltip(row, gap)
            return f"{self._said(day)}, in the gap: {told}" if named else told
        return self._quiet_day_tooltip(row, day)

    def legend_rect(self) -> QRectF:
        """Where the key is drawn (empty when the panel is too short for it)."""
        self._ensure()
        return QRectF(self._legend_rect)

    def legend_hidden(self) -> list[str]:
        """The channels the key has no room for (it says "+N more"; hovering names them)."""
        self._ensure()
        names = [name for name, _ in self._legend]
        if self._legend_rect.isEmpty():
            return names
        width = self._legend_rect.width()
        return names[legend_fit(names, self.font(), width, self._legend_inactive) :]

    def legend_texts(self) -> list[str]:
        """What the key says, item by item ("overdue", "today", "LinkedIn", "+2 more")."""
        self._ensure()
        names = [name for name, _ in self._legend]
        width = self._legend_rect.width()
        return legend_texts(names, self.font(), width, self._legend_inactive) if width else []

    def _legend_tooltip(self) -> str:
        hidden = self.legend_hidden()
        return f"Also marked: {', '.join(few(hidden))}" if hidden else ""

    def sizeHint(self) -> QSize:
        return QSize(960, self.height_for_rows(HINT_ROWS))

    def height_for_rows(self, most: int | None = None) -> int:
        """The height that shows the axis, the rows (at ``most`` of them) and the key
        unscrolled: every row for the guide's picture, whatever their number."""
        axis, row, legend, _least = self._metrics()
        count = max(self.session.count_key_messages(), 1)
        return round(axis + min(count, most or count) * row + legend + 6)

    def minimumSizeHint(self) -> QSize:
        axis, _row, _legend, least = self._metrics()
        return QSize(360, round(axis + 2 * max(24, least) + 2))

    # -- refreshing ----------------------------------------------------------

    def _calendar_changed(self, changes: ChangeSet) -> None:
        if changes.empty:
            return
        self._generation += 1
        if changes.calendar:
            self._info_dirty = True
        if changes.channels or changes.calendar or (changes.messages and not changes.posts):
            self._reload_all = True
        elif changes.posts and not changes.dates and not changes.backlog:
            # Posts changed without naming their days (a key message removed
            # from its posts, ...): read the range again.
            self._reload_all = True
        else:
            self._stale_days.update(
                day for day in changes.dates if self._first <= day <= self._last
            )
            self._stale_messages.update(changes.messages)
        self._data_dirty = True
        # The session has recomputed its report already (and we refreshed the
        # rows whose analysis changed); now the marks of the changed days.
        self._refresh_if_shown()

    def _report_changed(self) -> None:
        if self._refreshing:
            return
        self._data_dirty = True
        self._refresh_if_shown()

    def _selection_changed(self, message_id: object) -> None:
        self._ensure()  # the description names the row, even while hidden
        self._describe()
        if isinstance(message_id, int) and message_id in self._index:
            self.scroll_to_message(message_id)
        self.update()

    def _refresh_if_shown(self) -> None:
        if not self.isVisible():
            return
        self._ensure()
        changed = self._changed_rows
        legend_changed = self._legend_changed
        self._changed_rows = set()
        self._legend_changed = False
        if changed is None:
            self.update()
            return
        # Only the rows whose content changed (and the key, which lists the
        # channels in use) are painted again.
        if legend_changed and not self._legend_rect.isEmpty():
            key = self._legend_rect.toAlignedRect()
            self.update(QRect(0, key.top(), self.width(), key.height()))
        for message_id in changed:
            index = self._index.get(message_id)
            if index is not None:
                rect = self._row_rect(index).intersected(self._viewport)
                if not rect.isEmpty():
                    self.update(rect)

    def _ensure(self) -> None:
        if self.session.store.closed:  # left on a calendar let go (the window built another)
            return
        if self._data_dirty:
            self._refresh_data()
        if self._geometry_dirty:
            self._compute_geometry()

    def _everything_changed(self) -> None:
        self._changed_rows = None
        self._geometry_dirty = True

    def _refresh_data(self) -> None:
        self._refreshing = True
        try:
            session = self.session
            report = session.report()
            if self._info_dirty:
                week_start = session.store.info().week_start
                self._week_start = week_start.weekday
                self._info_dirty = False
                self._everything_changed()
            messages = session.key_messages()
            channels = session.channels(include_archived=True)
            names = (
                tuple(
                    (m.id, m.title, m.color, m.cadence_days, m.starts_on, m.ends_on)
                    for m in messages
                ),
                tuple((c.id, c.name, c.color) for c in channels),
            )
            if names != self._names:
                self._names = names
                self._messages = messages
                self._rank = {c.id: i for i, c in enumerate(channels)}
                self._channel_colors = {c.id: QColor(c.color) for c in channels}
                self._channel_names = {c.id: c.name for c in channels}
                self._reload_all = True
                self._everything_changed()
                self._forget_pictures()  # colours may have changed
            as_of = session.today()
            wanted = (self._first, self._last, as_of)
            if (
                self._reload_all
                or self._built != wanted
                or len(self._stale_days) > _MAX_PATCHED_DAYS
            ):
                self._build_range(report)
            else:
                self._patch_rows(report)
            self._built = wanted
            self._report = report
            self._reload_all = False
            self._stale_days.clear()
            self._stale_messages.clear()
            self._remember_range()
            used: set[int] = set()
            for channels_used in self._row_channels.values():
                used |= channels_used
            legend = [(c.name, QColor(c.color)) for c in channels if c.id in used]
            inactive = outside_dates(self._rows, self._first, self._last)
            if [(n, c.rgba()) for n, c in legend] != [
                (n, c.rgba()) for n, c in self._legend
            ] or inactive != self._legend_inactive:
                self._legend = legend
                self._legend_inactive = inactive
                self._legend_changed = True
                self._geometry_dirty = True  # a longer key may need the width under the labels
            self._label_layout()
        finally:
            self._refreshing = False
        self._data_dirty = False
        self._describe()

    def _build_range(self, report: CadenceReport) -> None:
        """Every row of the range: kept from an earlier visit when nothing changed since."""
        key = (self._first, self._last)
        kept = self._ranges.get(key)
        if (
            kept is not None
            and not self._reload_all
            and kept.report is report
            and kept.generation == self._generation
            and kept.names == self._names
        ):
            self._deliveries = kept.deliveries
            self._set_rows(kept.rows, kept.channels)
            self._everything_changed()
            return
        # The range only, not the whole calendar: cost follows what is shown.
        delivered = self.session.store.deliveries_between(
            self._first, self._last, self.session.today(), (m.id for m in self._messages)
        )
        deliveries = group_deliveries(delivered)
        first, last, rank = self._first, self._last, self._rank
        rows = [
            strip_row(m, report, deliveries.get(m.id, {}), first, last, rank)
            for m in self._messages
        ]
        self._deliveries = deliveries
        self._set_rows(rows)
        self._everything_changed()

    def _patch_rows(self, report: CadenceReport) -> None:
        """Rebuild only the rows a change can have touched: the messages whose analysis
        is new, and those delivered on the days it changed (read again, those days only)."""
        touched = set(self._stale_messages)
        if self._stale_days:
            deliveries = self._deliveries
            old_marks: dict[int, dict[date, set[int]]] = {}
            for message_id, days in deliveries.items():
                for day in self._stale_days:
                    channels = days.pop(day, None)
                    if channels is not None:
                        old_marks.setdefault(message_id, {})[day] = channels
            after: dict[int, dict[date, set[int]]] = {}
            as_of, ids = self.session.today(), [m.id for m in self._messages]
            for first, last in day_runs(self._stale_days):  # read as a range is built
                found = self.session.store.deliveries_between(first, last, as_of, ids)
                for message_id, channel_id, day in found:
                    after.setdefault(message_id, {}).setdefault(day, set()).add(channel_id)
            for message_id, days in after.items():
                deliveries.setdefault(message_id, {}).update(days)
            # Only the messages whose marks on those days differ.
            touched.update(
                m for m in old_marks.keys() | after.keys() if old_marks.get(m) != after.get(m)
            )
        before = self._report
        for message in self._messages:
            if message.id in touched or before is None:
                continue
            if _analysis(report, message.id) is not _analysis(before, message.id):
                touched.add(message.id)
        first, last, rank = self._first, self._last, self._rank
        rows = list(self._rows)
        for message_id in touched:
            index = self._index.get(message_id)
            if index is None:
                continue
            days = self._deliveries.get(message_id, {})
            rows[index] = strip_row(self._messages[index], report, days, first, last, rank)
        self._set_rows(rows)

    def _set_rows(self, rows: list[StripRow], channels: dict[int, set[int]] | None = None) -> None:
        """Take the new rows; those whose content changed get a new version.

        ``channels`` (kept with the rows of a range) saves finding again the
        channels of each row's marks."""
        old = {row.message_id: row for row in self._rows}
        changed = self._changed_rows
        row_channels = dict(self._row_channels) if channels is None else channels
        for row in rows:
            if old.get(row.message_id) != row:
                self._versions[row.message_id] = self._versions.get(row.message_id, 0) + 1
                if channels is None:
                    row_channels[row.message_id] = {c for _d, cs in row.marks for c in cs}
                if changed is not None:
                    changed.add(row.message_id)
        if [r.message_id for r in rows] != [r.message_id for r in self._rows]:
            self._everything_changed()
            row_channels = {r.message_id: row_channels[r.message_id] for r in rows}
        self._row_channels = row_channels
        self._rows = rows
        self._index = {row.message_id: i for i, row in enumerate(rows)}

    def _remember_range(self) -> None:
        key = (self._first, self._last)
        assert self._report is not None
        self._ranges.pop(key, None)
        self._ranges[key] = _RangeRows(
            self._report,
            self._generation,
            self._names,
            self._deliveries,
            self._rows,
            self._row_channels,
        )
        while len(self._ranges) > _RANGES_KEPT:
            del self._ranges[next(iter(self._ranges))]

    def _label_layout(self) -> None:
        """The label column's width, measured again only when a title or status changed."""
        key = tuple((row.title, row.status, row.overdue_days) for row in self._rows)
        if key != self._label_key:
            self._label_key = key
            # The heading and the range's button fit over the titles too ("KEY MES"
            # over one short title).
            heading = QFontMetricsF(heading_font(self.font())).horizontalAdvance(HEADING)
            button = self._span_button.sizeHint().width()
            needed = max(
                label_width(self._rows, self.font()),
                HEADING_LEFT + heading + HEADING_GAP + button + BUTTON_RIGHT,
            )
            if needed != self._label_needed:
                self._label_needed = needed
                self._everything_changed()

    # -- geometry --------------------------------------------------------------

    def _metrics(self) -> tuple[float, float, float, int]:
        """Axis height, preferred row height, legend height and the least row height
        for the current font."""
        line = QFontMetricsF(self.font()).height()
        least = max(MIN_ROW_HEIGHT, math.ceil(line) + 5)
        return round(line * 2.3), max(30.0, round(line * 2.1)), round(line * 1.7 + 4), least

    def _compute_geometry(self) -> None:
        self._geometry_dirty = False
        width = self.width()
        height = self.height()
        axis_h, preferred, legend_h, least = self._metrics()
        count = len(self._rows)

        # Do the rows fit (at their least height or more)? If not, they scroll, and
        # the scroll bar takes the right margin.
        room = height - axis_h - legend_h - 6
        if count and room < 3 * least:
            legend_h = 0  # too short for the key: the rows come first
            room = height - axis_h - 2
        scrolls = count > 0 and room < count * least
        bar_w = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        content_w = width - bar_w if scrolls else width
        self._content_width = content_w

        # Wide enough for every title and status, but the time axis comes first: at
        # most 440 pixels, or a quarter of a wide panel (a long title was cut at 2560).
        needed = self._label_needed
        most = max(440.0, content_w * 0.25)
        self._label_width = float(
            round(min(needed, max(content_w * 0.4, min(needed, 200.0)), most))
        )
        right = float(max(content_w - (6 if scrolls else 14), self._label_width + 20))
        self._layout = StripLayout(self._first, self._last, self._label_width, right)
        self._axis_rect = QRectF(self._label_width, 0, right - self._label_width, axis_h)
        hint = self._span_button.sizeHint()
        self._span_button.setGeometry(
            max(int(self._label_width) - hint.width() - BUTTON_RIGHT, 0),
            max(int(axis_h) - hint.height() - 3, 0),
            hint.width(),
            hint.height(),
        )
        # No key message, no rows to span: the button stood alone over the empty panel
        # (View > Cadence Panel Range still chooses).
        self._span_button.setVisible(bool(self._rows))

        if count and not scrolls:
            fit = room / count
            row_h = min(fit, max(preferred, 40.0), preferred * 1.3)
        else:
            row_h = least if count else preferred
        self._row_height = max(int(row_h), least)
        rows_h = count * self._row_height
        viewport_h = max(min(room, rows_h) if scrolls else rows_h, 0)
        self._viewport = QRect(0, int(axis_h), content_w, int(viewport_h))
        bottom = axis_h + viewport_h
        # The key lines up with the time axis; when its channels do not all fit
        # there, it starts under the labels instead.
        names = [name for name, _ in self._legend]
        left = self._label_width
        if legend_fit(names, self.font(), right - left, self._legend_inactive) < len(names):
            left = 10.0
        self._legend_rect = (
            QRectF(left, bottom + 2, right - left, legend_h) if legend_h else QRectF()
        )
        bar = self._scrollbar
        bar.blockSignals(True)
        bar.setRange(0, max(rows_h - int(viewport_h), 0))
        bar.setPageStep(max(int(viewport_h), 1))
        bar.setSingleStep(self._row_height)
        bar.blockSignals(False)
        self._scroll = bar.value()
        if scrolls:
            bar.setGeometry(width - bar_w, int(axis_h), bar_w, int(viewport_h))
        bar.setVisible(scrolls)

    def _row_rect(self, index: int) -> QRect:
        top = self._viewport.top() + index * self._row_height - self._scroll
        return QRect(0, top, self._content_width, self._row_height)

    def _visible_indexes(self, area: QRect) -> tuple[int, int]:
        """The first and last rows that show inside ``area`` (first > last: none)."""
        area = area.intersected(self._viewport)
        if area.isEmpty() or not self._rows:
            return 0, -1
        top = area.top() - self._viewport.top() + self._scroll
        bottom = area.bottom() - self._viewport.top() + self._scroll
        first = max(top // self._row_height, 0)
        last = min(bottom // self._row_height, len(self._rows) - 1)
        return first, last

    def _rows_bottom(self) -> float:
        if not self._rows:
            return self._axis_rect.bottom()
        last = self._viewport.top() + len(self._rows) * self._row_height - self._scroll
        return float(min(last, self._viewport.top() + self._viewport.height()))

    def _row_at(self, point: QPointF) -> int | None:
        self._ensure()
        viewport = self._viewport
        if not self._rows or not viewport.top() <= point.y() < viewport.top() + viewport.height():
            return None
        index = int((point.y() - viewport.top() + self._scroll) // self._row_height)
        if 0 <= index < len(self._rows) and 0 <= point.x() < self._content_width:
            return index
        return None

    def _mark_near(self, index: int, x: float) -> tuple[date, tuple[int, ...]] | None:
        """The mark under ``x`` in a row, forgiving a few pixels when days are narrow."""
        reach = max(self._layout.day_width / 2, 5.0)
        best: tuple[float, tuple[date, tuple[int, ...]]] | None = None
        for day, channels in self._rows[index].marks:
            distance = abs(self._layout.x_for(day) - x)
            if distance <= reach and (best is None or distance < best[0]):
                best = (distance, (day, channels))
        return None if best is None else best[1]

    def _scrolled(self, value: int) -> None:
        if value != self._scroll:
            self._scroll = value
            self._hover = (None, None)
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._geometry_dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ensure()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._label_key = None
            self._data_dirty = True
            self._forget_pictures()
            self._geometry_dirty = True
            self.updateGeometry()
            if event.type() == QEvent.Type.FontChange:
                self._show_span()  # its button's font follows
        elif event.type() == QEvent.Type.PaletteChange:
            self._forget_pictures()
        super().changeEvent(event)

    # -- pictures --------------------------------------------------------------

    def _forget_pictures(self) -> None:
        self._colors = None
        self._labels.clear()
        self._tracks.clear()
        self._track_bytes = 0
        self._axis_pixmaps.clear()
        self._legend_pixmap = None

    def _strip_colors(self) -> tuple[int, StripColors]:
        palette = self.palette()
        key = palette.cacheKey()
        if self._colors is None or self._colors[0] != key:
            self._colors = (key, StripColors.from_palette(palette))
        return self._colors

    def _label_pixmap(
        self, row: StripRow, selected: bool, colors: StripColors, key: tuple[object, ...]
    ) -> QPixmap:
        kept = self._labels.get(row.message_id)
        if kept is not None and kept[0] == key:
            return kept[1]
        width, height, ratio = self._label_width, self._row_height, key[-1]
        assert isinstance(ratio, float)
        pixmap = _pixmap(width, height, ratio)
        painter = QPainter(pixmap)
        try:
            painter.fillRect(QRectF(0, 0, width, height), colors.background)
            if selected:
                painter.fillRect(QRectF(0, 0, width, height), colors.selection)
            paint_row_label(
                painter, row, QRectF(0, 0, width, height), colors, self.font(), selected=selected
            )
        finally:
            painter.end()
        self._labels[row.message_id] = (key, pixmap)
        return pixmap

    def _track_pixmap(
        self, row: StripRow, selected: bool, colors: StripColors, key: tuple[object, ...]
    ) -> QPixmap:
        pixmap = self._tracks.pop(key, None)
        if pixmap is not None:
            self._tracks[key] = pixmap  # the most recently used last
            return pixmap
        layout = self._layout
        left = self._label_width
        width = self._content_width - left
        height = self._row_height
        ratio = key[-1]
        assert isinstance(ratio, float)
        pixmap = _pixmap(width, height, ratio)
        painter = QPainter(pixmap)
        try:
            painter.translate(-left, 0)  # the layout's x positions are the panel's
            area = QRectF(left, 0, width, height)
            painter.fillRect(area, colors.background)
            if selected:
                painter.fillRect(area, colors.selection)
            paint_grid(painter, layout, area, colors)
            track = QRectF(layout.left, 0, layout.right - layout.left, height)
            shapes = row_shapes(layout, row, track, self.session.today(), segments=False)
            paint_row_track(
                painter,
                shapes,
                colors,
                self._channel_colors,
                self.font(),
                QColor(row.color),
                sprites=True,
            )
        finally:
            painter.end()  # also on an error: a pixmap dropped while painted crashes
        self._tracks[key] = pixmap
        self._track_bytes += pixmap.width() * pixmap.height() * 4
        while self._track_bytes > _TRACK_CACHE_BYTES and len(self._tracks) > 1:
            oldest = next(iter(self._tracks))
            dropped = self._tracks.pop(oldest)
            self._track_bytes -= dropped.width() * dropped.height() * 4
        return pixmap

    def _axis_pixmap(self, colors: StripColors, ratio: float) -> QPixmap:
        today = self.session.today()
        key = (
            self._layout,
            self._content_width,
            self._axis_rect.height(),
            today,
            self._week_start,
            self._strip_colors()[0],
            ratio,
        )
        pixmap = self._axis_pixmaps.get(key)
        if pixmap is not None:
            return pixmap
        width, height = self._content_width, self._axis_rect.height()
        pixmap = _pixmap(width, height, ratio)
        painter = QPainter(pixmap)
        try:
            font = self.font()
            painter.fillRect(QRectF(0, 0, width, height), colors.background)
            layout = self._layout
            # Weekend stripes reach up under the day numbers.
            paint_grid(painter, layout, QRectF(0, height * 0.55, width, height * 0.45), colors)
            self._paint_header(painter, colors, font)
            paint_axis(
                painter,
                layout,
                QRectF(self._axis_rect),
                colors,
                font,
                week_start=self._week_start,
                today=today,
            )
        finally:
            painter.end()
        if len(self._axis_pixmaps) >= _RANGES_KEPT:
            del self._axis_pixmaps[next(iter(self._axis_pixmaps))]
        self._axis_pixmaps[key] = pixmap
        return pixmap

    def _legend_picture(self, colors: StripColors, ratio: float) -> QPixmap:
        rect = self._legend_rect
        names = tuple((name, color.rgba()) for name, color in self._legend)
        key = (names, self._legend_inactive, rect.width(), rect.height(), ratio)
        if self._legend_pixmap is not None and self._legend_pixmap[0] == key:
            return self._legend_pixmap[1]
        pixmap = _pixmap(rect.width(), rect.height(), ratio)
        painter = QPainter(pixmap)
        try:
            painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), colors.background)
            paint_legend(
                painter,
                QRectF(0, 0, rect.width(), rect.height()),
                self._legend,
                colors,
                self.font(),
                self._legend_inactive,
            )
        finally:
            painter.end()
        self._legend_pixmap = (key, pixmap)
        return pixmap

    # -- painting --------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._geometry_dirty:
            self._compute_geometry()  # arithmetic only: never a query here
        painter = QPainter(self)
        # The device's scale (2 at 200 %, also when rendered into a hi-dpi pixmap).
        ratio = max(painter.deviceTransform().m11(), 1.0)
        colors_key, colors = self._strip_colors()
        clip = event.rect()
        painter.fillRect(clip, colors.background)
        if not self._rows:
            painter.setPen(colors.muted)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "No key messages yet: add one to see how often it goes out.",
            )
            return

        layout = self._layout
        if clip.top() < self._axis_rect.bottom():
            painter.drawPixmap(QPointF(0, 0), self._axis_pixmap(colors, ratio))

        # The rows inside the exposed part, each from its two pictures.
        viewport = self._viewport
        selected = self.session.selected_message
        today = self.session.today()
        first, last = self._visible_indexes(clip)
        painter.save()
        painter.setClipRect(viewport)
        label_w = self._label_width
        for index in range(first, last + 1):
            row = self._rows[index]
            top = viewport.top() + index * self._row_height - self._scroll
            is_selected = row.message_id == selected
            label_key = (
                row.title,
                row.color,
                row.status_label,
                label_w,
                self._row_height,
                is_selected,
                colors_key,
                ratio,
            )
            painter.drawPixmap(
                QPointF(0, top), self._label_pixmap(row, is_selected, colors, label_key)
            )
            track_key = (
                row,
                layout,
                self._content_width,
                self._row_height,
                is_selected,
                today,
                colors_key,
                ratio,
            )
            painter.drawPixmap(
                QPointF(label_w, top), self._track_pixmap(row, is_selected, colors, track_key)
            )
        # Lines between the rows and along the label column.
        painter.setPen(QPen(colors.grid, 1))
        for index in range(max(first, 1), last + 1):
            y = viewport.top() + index * self._row_height - self._scroll + 0.5
            painter.drawLine(QPointF(0, y), QPointF(layout.right, y))
        rows_bottom = self._rows_bottom()
        painter.setPen(QPen(colors.month_line, 1))
        x = int(label_w) - 0.5
        painter.drawLine(QPointF(x, viewport.top()), QPointF(x, rows_bottom))
        paint_today(painter, layout, viewport.top(), rows_bottom, colors, today)
        painter.restore()

        if not self._legend_rect.isEmpty() and clip.bottom() >= self._legend_rect.top():
            painter.drawPixmap(self._legend_rect.topLeft(), self._legend_picture(colors, ratio))

        # What changes with the mouse and the keyboard goes over the pictures.
        painter.setClipRect(viewport)
        rows_rect = self._rows_area()
        hover_row, hover_day = self._hover
        if hover_row is not None and hover_row < len(self._rows):
            if self._rows[hover_row].message_id != selected:
                painter.fillRect(self._row_rect(hover_row), colors.hover)
            if hover_day is not None:
                x1, x2 = layout.span(hover_day, hover_day)
                painter.fillRect(
                    QRectF(x1, rows_rect.top(), x2 - x1, rows_rect.height()), colors.hover
                )
        if self.hasFocus():
            self._paint_cursor(painter, colors, selected)

    def _rows_area(self) -> QRectF:
        layout = self._layout
        top = float(self._viewport.top())
        return QRectF(layout.left, top, layout.right - layout.left, self._rows_bottom() - top)

    def shown_heading(self) -> tuple[str, int]:
        """The heading as painted, left of the range's button, and the room it has: cut
        short where they would meet (a large font's "Days in View" was written over it)."""
        self._ensure()
        room = max(self._span_button.x() - HEADING_GAP - HEADING_LEFT, 0)
        metrics = QFontMetrics(heading_font(self.font()))
        return metrics.elidedText(HEADING, Qt.TextElideMode.ElideRight, room), room

    def _paint_header(self, painter: QPainter, colors: StripColors, font: QFont) -> None:
        painter.setFont(heading_font(font))
        painter.setPen(colors.muted)
        axis = self._axis_rect
        heading, room = self.shown_heading()
        painter.drawText(
            QRectF(HEADING_LEFT, 0, room, axis.height() - 6),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            heading,
        )
        painter.setPen(QPen(colors.month_line, 1))
        y = int(axis.bottom()) - 0.5
        painter.drawLine(QPointF(0, y), QPointF(self._label_width, y))

    def _cursor_area(self, selected: int | None) -> QRectF:
        """Where the keyboard's day is framed: in the selected message's row, else down
        every row."""
        x1, x2 = self._layout.span(self._cursor, self._cursor)
        index = self._index.get(selected) if selected is not None else None
        if index is None:
            rows = self._rows_area()
            area = QRectF(x1, rows.top(), x2 - x1, rows.height())
        else:
            rect = self._row_rect(index)
            area = QRectF(x1, rect.top(), x2 - x1, rect.height())
        width = max(area.width(), 4.0)
        return QRectF(area.center().x() - width / 2, area.top() + 1, width, area.height() - 2)

    def _paint_cursor(self, painter: QPainter, colors: StripColors, selected: int | None) -> None:
        area = self._cursor_area(selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colors.today, 1.5))
        painter.drawRoundedRect(area, 3, 3)
        painter.restore()

    # -- words -----------------------------------------------------------------

    def _said(self, day: date, *, weekday: bool = True) -> str:
        """``day`` as the panel's words name it: with its year where that is not
        today's (a yearly message's mark read "next due by 20 Nov" on 20 Nov)."""
        return day_text(day, weekday=weekday, year=self.session.today())

    def _channels_text(self, channels: tuple[int, ...]) -> str:
        return ", ".join(self._channel_names.get(c, f"channel {c}") for c in channels)

    def _mark_tooltip(self, row: StripRow, day: date, channels: tuple[int, ...]) -> str:
        due = day + timedelta(days=row.cadence_days)
        text = f"{self._said(day)}: {self._channels_text(channels)} — next due by "
        text += self._said(due, weekday=False)
        hidden = self.session.filters.hidden_channels
        if channels and all(c in hidden for c in channels):
            # A click went to a day showing nothing, unsaid: the calendar hides it.
            one = len(channels) == 1
            text += (
                f"\n(the filters hide {'this channel' if one else 'these channels'} in the"
                " calendar; it counts all the same)"
            )
        if not row.is_active(day):
            starts_on = self.session.key_message(row.message_id).starts_on
            if starts_on is not None and day < starts_on:
                # Its last such post is where the cadence starts from (the start anchor).
                text += "\n(before this message starts; the last such post counts as its start)"
            else:
                text += "\n(outside the dates this message runs; not counted)"
        return text

    def _gap_tooltip(self, row: StripRow, gap: Gap) -> str:
        """The gap's dates and length, then what ends it (or would)."""
        today = self.session.today()
        report_end = self.session.report().end
        ends_on = self.session.key_message(row.message_id).ends_on
        cadence = f"cadence {every_days(row.cadence_days)}"
        # A gap that reaches the end of the analysis has no known end: nothing
        # is planned. One that stops earlier, before the message's own end,
        # stops because the message went out the next day.
        open_end = gap.end >= report_end
        delivered_after = not open_end and (ends_on is None or gap.end < ends_on)
        after = gap.end + timedelta(days=1)
        due = gap.start - timedelta(days=1)
        since = gap.since  # before the days analysed when it began before them
        so_far = gap.overdue_by(today)
        so_far_text = f"{so_far} day{'s' if so_far != 1 else ''}"
        # A post planned past the days analysed ends it all the same: named, the
        # gap's days counted as `gaps` counts them, up to where the analysis stops.
        planned = row.next_delivery if open_end else None
        if planned is not None and (ends_on is None or planned <= ends_on) and planned > gap.end:
            next_text = f"back on track on {self._said(planned)} (planned)"
        else:
            next_text = "Nothing planned yet"
        if open_end and gap.start <= today:
            return (
                f"Overdue since {self._said(since)} ({so_far_text} so far);"
                f" {cadence}\n{next_text[0].upper()}{next_text[1:]}"
            )
        if open_end:
            return (
                f"Overdue from {self._said(gap.start)}; {cadence}\n"
                f"Unless a post goes out by {self._said(due)}"
            )
        days = f"{gap.length} day{'s' if gap.length != 1 else ''}"
        shown = range_text(since, gap.end, year=since.year != today.year)
        text = f"Overdue {shown} ({days}); {cadence}"
        if gap.start > today:
            text += f"\nUnless a post goes out by {self._said(due)}"
        elif gap.end >= today:
            text += f"\n{so_far_text} so far"
            if delivered_after:
                text += f"; back on track on {self._said(after)} (planned)"
        elif delivered_after:
            text += f"\nBack on track on {self._said(after)}"
        return text

    def _quiet_day_tooltip(self, row: StripRow, day: date) -> str:
        message = self.session.key_message(row.message_id)
        today = self.session.today()
        said = self._said(day)
        title = isolated(row.title)
        if row.is_active(day):
            origin = default_window(today)[0]
            if message.starts_on is None and day < origin and not self._delivered_near(row, day):
                # Before the days a message without a start is counted from, with nothing
                # delivered: "on time" said more than anyone knows.
                return (
                    f"{said}: no delivery, not counted ({title} has no start date; Cadence"
                    f" counts it from {self._said(origin, weekday=False)},"
                    f" {DEFAULT_WINDOW_DAYS} days back)"
                )
            return f"{said}: no delivery; {title} is on time"
        if message.starts_on is not None and day < message.starts_on:
            return f"{said}: before {title} starts ({self._said(message.starts_on)})"
        if message.ends_on is not None and day > message.ends_on:
            return f"{said}: after {title} ended ({self._said(message.ends_on)})"
        return f"{said}: outside the analysed period"

    def _delivered_near(self, row: StripRow, day: date) -> bool:
        """Whether the message went out in the ``cadence`` days up to ``day``."""
        since = day - timedelta(days=row.cadence_days)
        rows = self.session.store.delivery_rows(
            self.session.today(), [row.message_id], window=(since, day)
        )
        return any(since <= delivered <= day for _, _, delivered in rows)

    def _day_tooltip(self, day: date) -> str:
        text = day_text(day, year=True)
        if day == self.session.today():
            text = f"Today, {text}"
        overdue = self.session.report().overdue_count(day)
        if overdue:
            text += f"\n{overdue} key message{'s' if overdue != 1 else ''} overdue"
        return text

    def _row_summary(self, row: StripRow) -> str:
        last = (
            f"last delivered {self._said(row.last_delivery, weekday=False)}"
            if row.last_delivery is not None
            else "never delivered"
        )
        return f"{row.title}: {row.status_label}, {last}"

    def _row_tooltip(self, row: StripRow) -> str:
        today = self.session.today()
        nxt = (
            f"next {self._said(row.next_delivery)}"
            if row.next_delivery is not None
            else "nothing planned next"
        )
        last = self._said(row.last_delivery) if row.last_delivery is not None else "never"
        lines = [
            f"{isolated(row.title)} — {row.status_label}",
            f"{every_days(row.cadence_days).capitalize()} · last delivered {last} · {nxt}",
        ]
        if row.status == MessageStatus.OVERDUE:
            # Never delivered, it was due a cadence after its start (its days overdue
            # could not be checked against anything).
            due = today - timedelta(days=row.overdue_days)
            lines.append(f"Was due by {self._said(due)}")
        with suppress(KeyError):  # added since the last analysis
            lines.extend(channel_lines(self.session.channel_cadence(row.message_id), today))
        return "\n".join(lines)

    def _describe(self, *, day_first: bool = False) -> None:
        """Keep the accessible description on what a sighted user sees highlighted:
        with ``day_first`` (the keyboard moved to another day), the day's words before
        the row's or the panel's (each step along a row was said after its summary,
        70 characters on)."""
        selected = self.session.selected_message
        index = self._index.get(selected) if selected is not None else None
        if index is not None:
            row = self._rows[index]
            day = self._row_day_text(row, self._cursor, named=True)
            whole = self._row_summary(row)
        else:
            overdue = [r.title for r in self._rows if r.status == MessageStatus.OVERDUE]
            whole = plural(len(self._rows), "key message")
            if overdue:
                whole += f", {len(overdue)} overdue: " + ", ".join(overdue)
            day = self._day_tooltip(self._cursor)
        text = f"{day}. {whole}" if day_first else f"{whole}. {day}"
        self.setAccessibleDescription(text.replace("\n", ". "))

    # -- input -----------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            return show_tooltip(self, event, self.tooltip_at(event.pos()))
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            self._keyboard_tip.key_pressed(event.key())
        return super().event(event)

    def _tip_at_keyboard(self) -> tuple[str, QRect]:
        """What hovering tells of the day the keyboard is on (:class:`.KeyboardTip`): in
        the selected message's row, else of every row, and where it is."""
        self._ensure()
        selected = self.session.selected_message
        index = self._index.get(selected) if selected is not None else None
        if index is None:
            text = self._day_tooltip(self._cursor)
        else:
            text = self._row_day_text(self._rows[index], self._cursor, named=True)
        return text, self._cursor_area(selected).toAlignedRect()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = event.position()
        index = self._row_at(point)
        if index is not None and point.x() < self._label_width:
            message_id = self._rows[index].message_id
            selected = self.session.selected_message
            self.session.select_message(None if selected == message_id else message_id)
            event.accept()
            return
        day = self.day_at(point)
        if day is None:
            super().mousePressEvent(event)
            return
        if index is not None:
            self.session.select_message(self._rows[index].message_id)
        self.set_cursor_day(day)
        event.accept()
        self._activate(day)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double-click on a row's name picks its message, as one click does (Qt's
        second press cleared what the first had picked)."""
        point = event.position()
        on_name = self._row_at(point) is not None and point.x() < self._label_width
        if event.button() == Qt.MouseButton.LeftButton and on_name:
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self._ensure()
            message_id = self.session.selected_message
            if message_id is None or message_id not in self._index:
                # The Menu key did nothing, unsaid: its menu is a key message's.
                self.told.emit("Choose a key message first (Up or Down), then its menu.")
                event.ignore()
                return
            self.scroll_to_message(message_id)
            day = self._cursor
            row = self._row_rect(self._index[message_id])
            at = QPoint(round(self._layout.x_for(day)), row.center().y())
        else:
            index = self._row_at(QPointF(event.pos()))
            found = self.day_at(event.pos()) if index is not None else None
            if index is None or found is None:
                event.ignore()
                return
            day, at = found, event.pos()
            message_id = self._rows[index].message_id
            self.session.select_message(message_id)
            self.set_cursor_day(day)
        event.accept()
        self.contextMenuWanted.emit(self.mapToGlobal(at), message_id, day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        index = self._row_at(point)
        day = self._layout.day_at(point.x()) if index is not None else None
        if (index, day) != self._hover:
            self._hover = (index, day)
            self.update()
        super().mouseMoveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        bar = self._scrollbar
        if not bar.isVisible():
            event.ignore()
            return
        pixels = event.pixelDelta().y()
        if not pixels:
            pixels = round(event.angleDelta().y() / 120 * 3 * self._row_height)
        bar.setValue(bar.value() - pixels)
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = (None, None)
        self.update()
        super().leaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        self._ensure()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_row(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):  # Ctrl+arrows turn the period
            self.set_cursor_day(self._cursor + timedelta(days=-1 if key == Qt.Key.Key_Left else 1))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            sign = -1 if key == Qt.Key.Key_PageUp else 1
            self.set_cursor_day(self._cursor + timedelta(days=sign * 7))
        elif key == Qt.Key.Key_Home:
            self.set_cursor_day(self._first)
        elif key == Qt.Key.Key_End:
            self.set_cursor_day(self._last)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self._cursor)
        elif key == Qt.Key.Key_Escape and self.session.selected_message is not None:
            self.session.select_message(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step_row(self, direction: int) -> None:
        if not self._rows:
            return
        selected = self.session.selected_message
        index = self._index.get(selected) if selected is not None else None
        if index is None:
            index = 0 if direction > 0 else len(self._rows) - 1
        else:
            index = min(max(index + direction, 0), len(self._rows) - 1)
        self.session.select_message(self._rows[index].message_id)


def _analysis(report: CadenceReport, message_id: int) -> MessageCadence | None:
    try:
        return report.message(message_id)
    except KeyError:
        return None


def heading_font(font: QFont) -> QFont:
    """The label column's heading: small capitals, a little apart."""
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * 0.8)
    small.setWeight(QFont.Weight.DemiBold)
    small.setCapitalization(QFont.Capitalization.AllUppercase)
    small.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
    return small
