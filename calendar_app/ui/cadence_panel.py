"""The cadence panel: one strip per key message, its deliveries and its gaps over time.

Each row shows a key message (colour, title, status pill) and, across the time
axis, the days it was delivered (marks coloured by channel) and the stretches
where it is overdue (hatched red bars). Today is a line across all rows. The
painting itself lives in :mod:`calendar_app.render.cadence_strip`, so the PDF
report draws the same strips.

Cheap by construction: the delivery rows of the range are read once per
refresh (and after a change only for the days it touched), geometry is
computed on refresh and resize, and ``paintEvent`` only draws rectangles.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
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
)
from PySide6.QtWidgets import QToolTip, QWidget

from ..core.cadence import Gap, MessageStatus, default_window, deliveries_from_posts
from ..core.models import ChangeSet, WeekStart
from ..render.cadence_strip import (
    RowShapes,
    StripColors,
    StripLayout,
    StripRow,
    build_rows,
    day_text,
    label_width,
    paint_axis,
    paint_grid,
    paint_legend,
    paint_row_label,
    paint_row_track,
    paint_today,
    range_text,
    row_shapes,
)
from .session import CalendarSession

_MAX_PATCHED_DAYS = 31
"""Past this many changed days, re-reading the whole range is as cheap."""


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


class CadencePanel(QWidget):
    """One row per key message over a range of days: deliveries, gaps, today."""

    dayActivated = Signal(object)
    """A day (``datetime.date``) was clicked or chosen with Enter: go to it."""

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
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

        # Deliveries of the loaded range: day -> message -> channels.
        self._deliveries: dict[date, dict[int, set[int]]] = {}
        self._loaded: tuple[date, date, date] | None = None  # first, last, as-of
        self._stale_days: set[date] = set()
        self._reload_all = True
        self._data_dirty = True
        self._geometry_dirty = True
        self._refreshing = False

        self._rows: list[StripRow] = []
        self._index: dict[int, int] = {}
        self._channel_colors: dict[int, QColor] = {}
        self._channel_names: dict[int, str] = {}
        self._legend: list[tuple[str, QColor]] = []
        self._week_start = 0

        self._layout = StripLayout(first, last, 0.0, 1.0)
        self._axis_rect = QRectF()
        self._label_width = 0.0
        self._row_height = 30.0
        self._row_rects: list[QRectF] = []
        self._shapes: list[RowShapes] = []
        self._legend_rect = QRectF()
        self._hover: tuple[int | None, date | None] = (None, None)
        self._cache: QPixmap | None = None

        self._deferred = QTimer(self)
        self._deferred.setSingleShot(True)
        self._deferred.setInterval(0)
        self._deferred.timeout.connect(self._refresh_if_shown)

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
            today = self.session.today()
            self._cursor = today if first <= today <= last else first
        self._data_dirty = True
        report = self.session.report()
        if first < report.start or last > report.end:
            # The panel is on screen too: make the analysis reach its days
            # (the session recomputes, and we refresh on its reportChanged).
            self.session.set_visible_range(first, last)
        self._refresh_if_shown()
        self._describe()

    def visible_range(self) -> tuple[date, date]:
        return self._first, self._last

    def cursor_day(self) -> date:
        """The keyboard's day (left/right move it, Enter goes to it)."""
        return self._cursor

    def set_cursor_day(self, day: date) -> None:
        day = min(max(day, self._first), self._last)
        if day != self._cursor:
            self._cursor = day
            self.update()
            self._describe()

    def message_ids(self) -> list[int]:
        """The rows' key messages, top to bottom."""
        self._ensure()
        return [row.message_id for row in self._rows]

    def row_rect(self, message_id: int) -> QRect:
        """The whole row of a message (label and time axis); empty when it has none."""
        self._ensure()
        index = self._index.get(message_id)
        if index is None:
            return QRect()
        return self._row_rects[index].toRect()

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
        gap = row.gap_on(day)
        if gap is not None:
            return self._gap_tooltip(row, gap)
        return self._quiet_day_tooltip(row, day)

    def sizeHint(self) -> QSize:
        axis, row, legend = self._metrics()
        count = max(len(self.session.key_messages()), 1)
        return QSize(960, round(axis + count * row + legend + 6))

    def minimumSizeHint(self) -> QSize:
        axis, _row, _legend = self._metrics()
        return QSize(360, round(axis + 2 * 24 + 2))

    # -- refreshing ----------------------------------------------------------

    def _calendar_changed(self, changes: ChangeSet) -> None:
        if changes.empty:
            return
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
        self._data_dirty = True
        # The session recomputes its report right after and we refresh then;
        # this catches changes that do not touch the report (names, colours).
        self._deferred.start()

    def _report_changed(self) -> None:
        if self._refreshing:
            return
        self._data_dirty = True
        self._refresh_if_shown()

    def _selection_changed(self, _message_id: object) -> None:
        self._ensure()  # the description names the row, even while hidden
        self._cache = None
        self._describe()
        self.update()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self._ensure()
            self.update()

    def _ensure(self) -> None:
        if self._data_dirty:
            self._refresh_data()
        if self._geometry_dirty:
            self._compute_geometry()

    def _refresh_data(self) -> None:
        self._refreshing = True
        try:
            session = self.session
            report = session.report()
            self._load_deliveries()
            channels = session.channels(include_archived=True)
            self._channel_colors = {c.id: QColor(c.color) for c in channels}
            self._channel_names = {c.id: c.name for c in channels}
            self._rows = build_rows(
                session.key_messages(),
                report,
                self._delivery_rows(),
                self._first,
                self._last,
                [c.id for c in channels],
            )
            self._index = {row.message_id: i for i, row in enumerate(self._rows)}
            used = {c for row in self._rows for _day, cs in row.marks for c in cs}
            self._legend = [(c.name, QColor(c.color)) for c in channels if c.id in used]
            self._week_start = 6 if session.store.info().week_start == WeekStart.SUNDAY else 0
        finally:
            self._refreshing = False
        self._data_dirty = False
        self._geometry_dirty = True
        self._describe()

    def _load_deliveries(self) -> None:
        """Read the range's delivery rows: all of them, or only the changed days."""
        as_of = self.session.today()
        wanted = (self._first, self._last, as_of)
        store = self.session.store
        if self._reload_all or self._loaded != wanted or len(self._stale_days) > _MAX_PATCHED_DAYS:
            # The range only, not the whole calendar: cost follows what is shown.
            posts = self.session.all_posts_between(self._first, self._last)
            self._deliveries = {}
            self._add_rows(deliveries_from_posts(posts, as_of))
        else:
            for first, last in _runs(sorted(self._stale_days)):
                for day in _days(first, last):
                    self._deliveries.pop(day, None)
                self._add_rows(deliveries_from_posts(store.posts_between(first, last), as_of))
        self._loaded = wanted
        self._reload_all = False
        self._stale_days.clear()

    def _add_rows(self, rows: list[tuple[int, int, date]]) -> None:
        for message_id, channel_id, day in rows:
            self._deliveries.setdefault(day, {}).setdefault(message_id, set()).add(channel_id)

    def _delivery_rows(self) -> Iterator[tuple[int, int, date]]:
        for day, messages in self._deliveries.items():
            for message_id, channels in messages.items():
                for channel_id in channels:
                    yield message_id, channel_id, day

    # -- geometry --------------------------------------------------------------

    def _metrics(self) -> tuple[float, float, float]:
        """Axis height, preferred row height and legend height for the current font."""
        line = QFontMetricsF(self.font()).height()
        return round(line * 2.3), max(30.0, round(line * 2.1)), round(line * 1.7 + 4)

    def _compute_geometry(self) -> None:
        self._geometry_dirty = False
        self._cache = None
        width = float(self.width())
        height = float(self.height())
        axis_h, preferred, legend_h = self._metrics()
        count = len(self._rows)
        # Wide enough for every title and status, but the time axis comes first.
        needed = label_width(self._rows, self.font())
        self._label_width = min(needed, max(width * 0.4, min(needed, 200.0)), 440.0)
        right = max(width - 14.0, self._label_width + 20.0)
        self._layout = StripLayout(self._first, self._last, self._label_width, right)
        self._axis_rect = QRectF(self._label_width, 0, right - self._label_width, axis_h)

        room = height - axis_h - legend_h - 6
        if count and room / count < 24:
            legend_h = 0.0  # too short for the key: the rows come first
            room = height - axis_h - 2
        row_h = min(max(room / count, 22.0), max(preferred, 40.0)) if count else preferred
        row_h = min(row_h, preferred * 1.3)
        self._row_height = row_h
        self._row_rects = [QRectF(0, axis_h + i * row_h, width, row_h) for i in range(count)]
        bottom = axis_h + count * row_h
        self._legend_rect = (
            QRectF(self._label_width, bottom + 2, right - self._label_width, legend_h)
            if legend_h
            else QRectF()
        )
        today = self.session.today()
        self._shapes = [
            row_shapes(self._layout, row, self._track_rect(rect), today)
            for row, rect in zip(self._rows, self._row_rects, strict=True)
        ]

    def _track_rect(self, row_rect: QRectF) -> QRectF:
        return QRectF(
            self._layout.left,
            row_rect.top(),
            self._layout.right - self._layout.left,
            row_rect.height(),
        )

    def _rows_bottom(self) -> float:
        return self._row_rects[-1].bottom() if self._row_rects else self._axis_rect.bottom()

    def _row_at(self, point: QPointF) -> int | None:
        self._ensure()
        if not self._row_rects or point.y() < self._row_rects[0].top():
            return None
        index = int((point.y() - self._row_rects[0].top()) // self._row_height)
        if 0 <= index < len(self._rows) and 0 <= point.x() < self.width():
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._geometry_dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ensure()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._geometry_dirty = True
            self.updateGeometry()
        elif event.type() == QEvent.Type.PaletteChange:
            self._cache = None
        super().changeEvent(event)

    # -- painting --------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._geometry_dirty:
            self._compute_geometry()  # arithmetic only: never a query here
        painter = QPainter(self)
        # The device's scale (2 at 200 %, also when rendered into a hi-dpi pixmap).
        ratio = max(painter.deviceTransform().m11(), 1.0)
        colors = StripColors.from_palette(self.palette())
        cache = self._cache
        if (
            cache is None
            or cache.devicePixelRatio() != ratio
            or cache.size() != (self.size() * ratio)
        ):
            cache = QPixmap(self.size() * ratio)
            cache.setDevicePixelRatio(ratio)
            static = QPainter(cache)
            self._paint_static(static, colors)
            static.end()
            self._cache = cache
        painter.drawPixmap(0, 0, cache)
        if not self._rows:
            return

        # What changes with the mouse and the keyboard goes over the picture.
        layout = self._layout
        rows_rect = self._rows_area()
        hover_row, hover_day = self._hover
        if hover_row is not None and hover_row < len(self._rows):
            rect = self._row_rects[hover_row]
            if self._rows[hover_row].message_id != self.session.selected_message:
                painter.fillRect(rect, colors.hover)
            if hover_day is not None:
                x1, x2 = layout.span(hover_day, hover_day)
                painter.fillRect(
                    QRectF(x1, rows_rect.top(), x2 - x1, rows_rect.height()), colors.hover
                )
        if self.hasFocus():
            self._paint_cursor(painter, colors, rows_rect, self.session.selected_message)

    def _rows_area(self) -> QRectF:
        layout = self._layout
        return QRectF(
            layout.left,
            self._axis_rect.bottom(),
            layout.right - layout.left,
            self._rows_bottom() - self._axis_rect.bottom(),
        )

    def _paint_static(self, painter: QPainter, colors: StripColors) -> None:
        """Everything but hover and the keyboard cursor (kept in a pixmap between changes)."""
        font = self.font()
        painter.fillRect(QRectF(0, 0, self.width(), self.height()), colors.background)
        if not self._rows:
            painter.setPen(colors.muted)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "No key messages yet: add one to see how often it goes out.",
            )
            return
        layout = self._layout
        rows_rect = self._rows_area()
        selected = self.session.selected_message
        for row, rect in zip(self._rows, self._row_rects, strict=True):
            if row.message_id == selected:
                painter.fillRect(rect, colors.selection)
        paint_grid(
            painter, layout, rows_rect.adjusted(0, -self._axis_rect.height() * 0.45, 0, 0), colors
        )
        painter.setPen(QPen(colors.grid, 1))
        for rect in self._row_rects[1:]:
            y = int(rect.top()) + 0.5
            painter.drawLine(QPointF(0, y), QPointF(layout.right, y))
        for row, rect in zip(self._rows, self._row_rects, strict=True):
            paint_row_label(
                painter,
                row,
                QRectF(0, rect.top(), self._label_width, rect.height()),
                colors,
                font,
                selected=row.message_id == selected,
            )
        for row, shapes in zip(self._rows, self._shapes, strict=True):
            if shapes.rect.top() >= self.height():
                break  # rows below the bottom edge
            paint_row_track(painter, shapes, colors, self._channel_colors, font, QColor(row.color))
        self._paint_header(painter, colors, font)
        today = self.session.today()
        paint_axis(
            painter,
            layout,
            self._axis_rect,
            colors,
            font,
            week_start=self._week_start,
            today=today,
        )
        paint_today(painter, layout, self._axis_rect.bottom(), rows_rect.bottom(), colors, today)
        if not self._legend_rect.isEmpty():
            paint_legend(painter, self._legend_rect, self._legend, colors, font)

    def _paint_header(self, painter: QPainter, colors: StripColors, font: QFont) -> None:
        small = QFont(font)
        if font.pointSizeF() > 0:
            small.setPointSizeF(font.pointSizeF() * 0.8)
        small.setWeight(QFont.Weight.DemiBold)
        small.setCapitalization(QFont.Capitalization.AllUppercase)
        small.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(small)
        painter.setPen(colors.muted)
        axis = self._axis_rect
        painter.drawText(
            QRectF(10, 0, self._label_width - 20, axis.height() - 6),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            "Key messages",
        )
        painter.setPen(QPen(colors.month_line, 1))
        y = int(axis.bottom()) - 0.5
        painter.drawLine(QPointF(0, y), QPointF(self._label_width, y))
        x = int(self._label_width) - 0.5
        painter.drawLine(QPointF(x, axis.bottom()), QPointF(x, self._rows_bottom()))

    def _paint_cursor(
        self, painter: QPainter, colors: StripColors, rows_rect: QRectF, selected: int | None
    ) -> None:
        x1, x2 = self._layout.span(self._cursor, self._cursor)
        index = self._index.get(selected) if selected is not None else None
        if index is None:
            area = QRectF(x1, rows_rect.top(), x2 - x1, rows_rect.height())
        else:
            rect = self._row_rects[index]
            area = QRectF(x1, rect.top(), x2 - x1, rect.height())
        width = max(area.width(), 4.0)
        area = QRectF(area.center().x() - width / 2, area.top() + 1, width, area.height() - 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colors.today, 1.5))
        painter.drawRoundedRect(area, 3, 3)
        painter.restore()

    # -- words -----------------------------------------------------------------

    def _channels_text(self, channels: tuple[int, ...]) -> str:
        return ", ".join(self._channel_names.get(c, f"channel {c}") for c in channels)

    def _mark_tooltip(self, row: StripRow, day: date, channels: tuple[int, ...]) -> str:
        due = day + timedelta(days=row.cadence_days)
        text = f"{day_text(day)}: {self._channels_text(channels)} — next due by "
        text += day_text(due, weekday=False)
        if not row.is_active(day):
            text += "\n(outside the dates this message runs; not counted)"
        return text

    def _gap_tooltip(self, row: StripRow, gap: Gap) -> str:
        """The gap's dates and length, then what ends it (or would)."""
        today = self.session.today()
        report_end = self.session.report().end
        ends_on = self.session.key_message(row.message_id).ends_on
        cadence = f"cadence every {row.cadence_days} days"
        # A gap that reaches the end of the analysis has no known end: nothing
        # is planned. One that stops earlier, before the message's own end,
        # stops because the message went out the next day.
        open_end = gap.end >= report_end
        delivered_after = not open_end and (ends_on is None or gap.end < ends_on)
        after = gap.end + timedelta(days=1)
        due = gap.start - timedelta(days=1)
        so_far = (today - gap.start).days + 1
        so_far_text = f"{so_far} day{'s' if so_far != 1 else ''}"
        if open_end and gap.start <= today:
            return (
                f"Overdue since {day_text(gap.start)} ({so_far_text} so far); {cadence}\n"
                "Nothing planned yet"
            )
        if open_end:
            return (
                f"Overdue from {day_text(gap.start)}; {cadence}\n"
                f"Unless a post goes out by {day_text(due)}"
            )
        days = f"{gap.days} day{'s' if gap.days != 1 else ''}"
        text = f"Overdue {range_text(gap.start, gap.end)} ({days}); {cadence}"
        if gap.start > today:
            text += f"\nUnless a post goes out by {day_text(due)}"
        elif gap.end >= today:
            text += f"\n{so_far_text} so far"
            if delivered_after:
                text += f"; back on track on {day_text(after)} (planned)"
        elif delivered_after:
            text += f"\nBack on track on {day_text(after)}"
        return text

    def _quiet_day_tooltip(self, row: StripRow, day: date) -> str:
        if row.is_active(day):
            return f"{day_text(day)}: no delivery; {row.title} is on time"
        message = self.session.key_message(row.message_id)
        if message.starts_on is not None and day < message.starts_on:
            return f"{day_text(day)}: before {row.title} starts ({day_text(message.starts_on)})"
        if message.ends_on is not None and day > message.ends_on:
            return f"{day_text(day)}: after {row.title} ended ({day_text(message.ends_on)})"
        return f"{day_text(day)}: outside the analysed period"

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
            f"last delivered {day_text(row.last_delivery, weekday=False)}"
            if row.last_delivery is not None
            else "never delivered"
        )
        return f"{row.title}: {row.status_label}, {last}"

    def _row_tooltip(self, row: StripRow) -> str:
        nxt = day_text(row.next_delivery) if row.next_delivery is not None else "nothing planned"
        last = day_text(row.last_delivery) if row.last_delivery is not None else "never"
        lines = [
            f"{row.title} — {row.status_label}",
            f"Every {row.cadence_days} days · last delivered {last} · next {nxt}",
        ]
        if row.status == MessageStatus.OVERDUE and row.last_delivery is not None:
            due = row.last_delivery + timedelta(days=row.cadence_days)
            lines.append(f"Was due by {day_text(due)}")
        return "\n".join(lines)

    def _describe(self) -> None:
        """Keep the accessible description on what a sighted user sees highlighted."""
        selected = self.session.selected_message
        index = self._index.get(selected) if selected is not None else None
        if index is not None:
            text = self._row_summary(self._rows[index])
        else:
            overdue = [r.title for r in self._rows if r.status == MessageStatus.OVERDUE]
            text = f"{len(self._rows)} key messages"
            if overdue:
                text += f", {len(overdue)} overdue: " + ", ".join(overdue)
        text += f". Day: {day_text(self._cursor, year=True)}"
        self.setAccessibleDescription(text)

    # -- input -----------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

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
        self.dayActivated.emit(day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        index = self._row_at(point)
        day = self._layout.day_at(point.x()) if index is not None else None
        if (index, day) != self._hover:
            self._hover = (index, day)
            self.update()
        super().mouseMoveEvent(event)

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
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = 7 if event.modifiers() & Qt.KeyboardModifier.ControlModifier else 1
            sign = -1 if key == Qt.Key.Key_Left else 1
            self.set_cursor_day(self._cursor + timedelta(days=sign * step))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            sign = -1 if key == Qt.Key.Key_PageUp else 1
            self.set_cursor_day(self._cursor + timedelta(days=sign * 7))
        elif key == Qt.Key.Key_Home:
            self.set_cursor_day(self._first)
        elif key == Qt.Key.Key_End:
            self.set_cursor_day(self._last)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.dayActivated.emit(self._cursor)
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


def _runs(days: list[date]) -> Iterator[tuple[date, date]]:
    """Sorted days grouped into runs of consecutive days: (first, last) each."""
    if not days:
        return
    start = previous = days[0]
    for day in days[1:]:
        if day != previous + timedelta(days=1):
            yield start, previous
            start = day
        previous = day
    yield start, previous
