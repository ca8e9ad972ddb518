"""Cadence strips: one row per key message over a range of days (QtGui only).

The cadence panel in the window and the PDF report draw the same picture with
these helpers: :func:`build_rows` turns the cadence report and the delivery
rows into :class:`StripRow` records (pure data), :class:`StripLayout` maps days
to x positions, :func:`row_shapes` turns one row into rectangles once (when
the data or the size changes), and the ``paint_*`` functions draw them with a
:class:`QPainter` on any paint device (a widget, an image, a PDF page).

What the picture says:

* a thin baseline in the message's colour over its active range (outside it,
  the row is hatched and faded);
* each delivery day as a small mark coloured by channel, stacked when several
  channels delivered the message that day;
* each overdue stretch (gap) as a hatched red bar with rounded ends, with its
  length written inside when it fits; the part after today is paler (it is
  overdue only if nothing gets planned);
* weekends faint, month boundaries as light lines, today as a line across.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)

from ..core.cadence import CadenceReport, Gap, MessageStatus
from ..core.models import KeyMessage

__all__ = [
    "RowShapes",
    "StripColors",
    "StripLayout",
    "StripRow",
    "build_rows",
    "day_text",
    "paint_axis",
    "paint_grid",
    "paint_legend",
    "paint_row_label",
    "paint_row_track",
    "paint_today",
    "range_text",
    "row_shapes",
    "status_text",
]


# -- words ---------------------------------------------------------------------


def status_text(status: MessageStatus | str, overdue_days: int) -> str:
    """The status as the sidebar says it: ``ok``, ``unplanned``, ``overdue by 12 days``..."""
    if status == MessageStatus.OVERDUE:
        return f"overdue by {overdue_days} day{'s' if overdue_days != 1 else ''}"
    return str(status)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_text(day: date, *, weekday: bool = True, year: bool = False) -> str:
    """``Tue 17 Nov`` (day and month names in the user's language)."""
    pattern = ("ddd " if weekday else "") + "d MMM" + (" yyyy" if year else "")
    return QLocale().toString(_qdate(day), pattern)


def range_text(first: date, last: date) -> str:
    """``10–21 Nov``, ``28 Oct – 9 Nov``, ``28 Dec 2026 – 3 Jan 2027``."""
    locale = QLocale()
    if first == last:
        return day_text(first, weekday=False)
    if first.year != last.year:
        start = day_text(first, weekday=False, year=True)
        return f"{start} – {day_text(last, weekday=False, year=True)}"
    if first.month != last.month:
        return f"{day_text(first, weekday=False)} – {day_text(last, weekday=False)}"
    return f"{first.day}–{last.day} {locale.toString(_qdate(last), 'MMM')}"


# -- data ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StripRow:
    """What one key message's strip shows over a range; pure data."""

    message_id: int
    title: str
    color: str
    cadence_days: int
    status: MessageStatus
    overdue_days: int
    last_delivery: date | None
    next_delivery: date | None
    active_first: date | None
    """First day of the range on which the message is analysed (None: not at all)."""
    active_last: date | None
    marks: tuple[tuple[date, tuple[int, ...]], ...]
    """Delivery days in the range, each with the channels that delivered it, sorted."""
    gaps: tuple[Gap, ...]
    """The report's gaps that touch the range, whole (not clipped)."""

    @property
    def status_label(self) -> str:
        return status_text(self.status, self.overdue_days)

    def is_active(self, day: date) -> bool:
        return (
            self.active_first is not None
            and self.active_last is not None
            and self.active_first <= day <= self.active_last
        )

    def gap_on(self, day: date) -> Gap | None:
        for gap in self.gaps:
            if gap.start <= day <= gap.end:
                return gap
        return None


def build_rows(
    messages: Sequence[KeyMessage],
    report: CadenceReport,
    deliveries: Iterable[tuple[int, int, date]],
    first: date,
    last: date,
    channel_order: Sequence[int] = (),
) -> list[StripRow]:
    """One :class:`StripRow` per message, in the order given.

    ``deliveries`` are ``(message_id, channel_id, day)`` rows that satisfy the
    delivery rule (``CalendarStore.delivery_rows`` or
    ``cadence.deliveries_from_posts``); rows outside ``[first, last]`` are
    ignored. Channels of a mark follow ``channel_order``, then their ids.
    A message the report did not analyse gets no gaps and no active range.
    """
    by_message: dict[int, dict[date, set[int]]] = {}
    for message_id, channel_id, day in deliveries:
        if first <= day <= last:
            by_message.setdefault(message_id, {}).setdefault(day, set()).add(channel_id)
    rank = {channel_id: i for i, channel_id in enumerate(channel_order)}

    def order(channel_id: int) -> tuple[int, int]:
        return rank.get(channel_id, len(rank)), channel_id

    rows: list[StripRow] = []
    for message in messages:
        days = by_message.get(message.id, {})
        marks = tuple(
            (day, tuple(sorted(days[day], key=order))) for day in sorted(days)
        )
        try:
            cadence = report.message(message.id)
        except KeyError:
            rows.append(
                StripRow(
                    message.id, message.title, message.color, message.cadence_days,
                    MessageStatus.UPCOMING, 0, None, None, None, None, marks, (),
                )
            )
            continue
        lo = max(first, report.start)
        hi = min(last, report.end)
        if message.starts_on is not None:
            lo = max(lo, message.starts_on)
        if message.ends_on is not None:
            hi = min(hi, message.ends_on)
        active = lo <= hi
        rows.append(
            StripRow(
                message_id=message.id,
                title=message.title,
                color=message.color,
                cadence_days=cadence.cadence_days,
                status=cadence.status,
                overdue_days=cadence.overdue_days,
                last_delivery=cadence.last_delivery,
                next_delivery=cadence.next_delivery,
                active_first=lo if active else None,
                active_last=hi if active else None,
                marks=marks,
                gaps=tuple(g for g in cadence.gaps if g.end >= first and g.start <= last),
            )
        )
    return rows


# -- colours -------------------------------------------------------------------


def _alpha(color: QColor, alpha: float) -> QColor:
    result = QColor(color)
    result.setAlphaF(alpha)
    return result


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` of the way to ``b`` (opaque)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


@dataclass(frozen=True)
class StripColors:
    """The strip's colours, derived from a palette (light or dark)."""

    dark: bool
    background: QColor
    text: QColor
    muted: QColor
    faint: QColor
    grid: QColor
    month_line: QColor
    weekend: QColor
    inactive: QColor
    hatch: QColor
    overdue: QColor
    overdue_future: QColor
    overdue_hatch: QColor
    on_overdue: QColor
    unplanned: QColor
    unplanned_fill: QColor
    ok: QColor
    ok_fill: QColor
    neutral_fill: QColor
    today: QColor
    on_today: QColor
    selection: QColor
    hover: QColor
    mark_outline: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> StripColors:
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = background.lightnessF() < 0.5
        highlight = palette.color(QPalette.ColorRole.Highlight)
        # Red is kept for overdue; the pills' other hues stay clear of it.
        overdue = QColor("#f0524d") if dark else QColor("#cf2a27")
        ok = QColor("#56c271") if dark else QColor("#1f7a3a")
        unplanned = QColor("#e0a93b") if dark else QColor("#94620b")
        return cls(
            dark=dark,
            background=background,
            text=text,
            muted=_mix(text, background, 0.42),
            faint=_mix(text, background, 0.62),
            grid=_alpha(text, 0.07),
            month_line=_alpha(text, 0.20 if dark else 0.16),
            weekend=_alpha(text, 0.045 if dark else 0.035),
            inactive=_alpha(background, 0.62),
            hatch=_alpha(text, 0.10 if dark else 0.08),
            overdue=overdue,
            overdue_future=_mix(overdue, background, 0.55),
            overdue_hatch=_alpha(QColor("#ffffff"), 0.22 if dark else 0.26),
            on_overdue=QColor("#ffffff"),
            unplanned=unplanned,
            unplanned_fill=_alpha(unplanned, 0.16),
            ok=ok,
            ok_fill=_alpha(ok, 0.13),
            neutral_fill=_alpha(text, 0.08),
            today=highlight,
            on_today=palette.color(QPalette.ColorRole.HighlightedText),
            selection=_alpha(highlight, 0.20 if dark else 0.12),
            hover=_alpha(text, 0.05),
            mark_outline=background,
        )


# -- geometry ------------------------------------------------------------------


@dataclass(frozen=True)
class StripLayout:
    """Maps the days ``first`` to ``last`` onto the x interval ``[left, right]``."""

    first: date
    last: date
    left: float
    right: float

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def day_width(self) -> float:
        return max(self.right - self.left, 1.0) / max(self.days, 1)

    def x_for(self, day: date) -> float:
        """The centre of ``day``'s column."""
        return self.left + ((day - self.first).days + 0.5) * self.day_width

    def day_left(self, day: date) -> float:
        return self.left + (day - self.first).days * self.day_width

    def day_at(self, x: float) -> date | None:
        if x < self.left or x >= self.right:
            return None
        index = min(int((x - self.left) / self.day_width), self.days - 1)
        return self.first + timedelta(days=index)

    def span(self, first: date, last: date) -> tuple[float, float]:
        """The x extent of the days ``first`` to ``last``, clipped to the range."""
        lo = max(first, self.first)
        hi = min(last, self.last)
        return self.day_left(lo), self.day_left(hi) + self.day_width


@dataclass(frozen=True)
class RowShapes:
    """One row's rectangles, computed once per data or size change."""

    rect: QRectF
    baseline: tuple[float, float, float] | None
    """(x1, x2, y) of the baseline over the active part of the row."""
    inactive: tuple[QRectF, ...]
    marks: tuple[tuple[QRectF, tuple[int, ...], bool], ...]
    """(bounding box, channels, outside the active range) per mark."""
    gaps: tuple[tuple[QRectF, Gap, bool, bool, float | None], ...]
    """(bar, gap, continues left, continues right, x where its future part starts or
    None when it is all in the past) per gap, clipped to the range."""


def row_shapes(layout: StripLayout, row: StripRow, rect: QRectF, today: date) -> RowShapes:
    """Where each part of ``row`` goes inside ``rect`` (the row's time-axis part)."""
    mid = rect.center().y()
    inactive: list[QRectF] = []
    baseline = None
    if row.active_first is None or row.active_last is None:
        inactive.append(QRectF(rect))
    else:
        x1, x2 = layout.span(row.active_first, row.active_last)
        if x1 > rect.left():
            inactive.append(QRectF(rect.left(), rect.top(), x1 - rect.left(), rect.height()))
        if x2 < rect.right():
            inactive.append(QRectF(x2, rect.top(), rect.right() - x2, rect.height()))
        baseline = (x1, x2, mid)

    width = layout.day_width
    mark_w = min(max(width * 0.62, 3.0), 10.0)
    seg_h = min(max(rect.height() * 0.2, 5.0), 8.0)
    spacing = 1.0 if seg_h > 5 else 0.8
    room = rect.height() - 6
    marks = []
    for day, channels in row.marks:
        count = max(len(channels), 1)
        h = min(seg_h, (room - spacing * (count - 1)) / count)
        total = h * count + spacing * (count - 1)
        x = layout.x_for(day)
        box = QRectF(x - mark_w / 2, mid - total / 2, mark_w, total)
        marks.append((box, channels, not row.is_active(day)))

    bar_h = min(max(rect.height() * 0.46, 8.0), 15.0)
    gaps = []
    for gap in row.gaps:
        x1, x2 = layout.span(gap.start, gap.end)
        inset = min(width * 0.12, 1.5)
        bar = QRectF(x1 + inset, mid - bar_h / 2, max(x2 - x1 - 2 * inset, 2.0), bar_h)
        future_x = None
        if gap.end > today:
            future_x = bar.left() if gap.start > today else layout.day_left(today) + width
            future_x = min(max(future_x, bar.left()), bar.right())
        gaps.append((bar, gap, gap.start < layout.first, gap.end > layout.last, future_x))
    return RowShapes(QRectF(rect), baseline, tuple(inactive), tuple(marks), tuple(gaps))


# -- painting ------------------------------------------------------------------


def _crisp(x: float) -> float:
    """An x on which a 1-pixel line falls on one pixel column (at any scale)."""
    return math.floor(x) + 0.5


def _scaled(font: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    result = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        result.setPointSizeF(size * factor)
    else:
        result.setPixelSize(max(round(font.pixelSize() * factor), 6))
    if weight is not None:
        result.setWeight(weight)
    return result


def paint_grid(
    painter: QPainter, layout: StripLayout, rect: QRectF, colors: StripColors
) -> None:
    """Weekend columns and month boundaries behind the rows (``rect``: all rows)."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    width = layout.day_width
    if width >= 2.5:
        day = layout.first
        while day <= layout.last:
            if day.weekday() == 5:
                end = min(day + timedelta(days=1), layout.last)
                x1, x2 = layout.span(day, end)
                painter.fillRect(QRectF(x1, rect.top(), x2 - x1, rect.height()), colors.weekend)
                day += timedelta(days=7)
            elif day.weekday() == 6:
                x1, x2 = layout.span(day, day)
                painter.fillRect(QRectF(x1, rect.top(), x2 - x1, rect.height()), colors.weekend)
                day += timedelta(days=6)
            else:
                day += timedelta(days=5 - day.weekday())
    painter.setPen(QPen(colors.month_line, 1))
    for month_start in _month_starts(layout):
        if month_start == layout.first:
            continue
        x = _crisp(layout.day_left(month_start))
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
    painter.restore()


def _month_starts(layout: StripLayout) -> list[date]:
    starts = [layout.first]
    day = date(layout.first.year, layout.first.month, 1)
    while True:
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        if day > layout.last:
            return starts
        starts.append(day)


def paint_axis(
    painter: QPainter,
    layout: StripLayout,
    rect: QRectF,
    colors: StripColors,
    font: QFont,
    *,
    week_start: int = 0,
) -> None:
    """Month names on top, week or day numbers below (``week_start``: 0 Monday, 6 Sunday)."""
    painter.save()
    locale = QLocale()
    month_font = _scaled(font, 0.92, QFont.Weight.DemiBold)
    small = _scaled(font, 0.8)
    month_metrics = QFontMetricsF(month_font)
    small_metrics = QFontMetricsF(small)
    top_h = rect.height() * 0.55
    starts = _month_starts(layout)
    painter.setFont(month_font)
    painter.setPen(colors.text)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else layout.last + timedelta(days=1)
        x1 = layout.day_left(start)
        x2 = layout.day_left(end) if end <= layout.last else layout.right
        room = x2 - x1 - 8
        first_label = i == 0 or start.month == 1
        candidates = [
            locale.toString(_qdate(start), "MMMM yyyy" if first_label else "MMMM"),
            locale.toString(_qdate(start), "MMM yyyy" if first_label else "MMM"),
            locale.toString(_qdate(start), "MMM"),
        ]
        label = next((c for c in candidates if month_metrics.horizontalAdvance(c) <= room), "")
        if label:
            painter.drawText(
                QRectF(x1 + 5, rect.top(), room + 3, top_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                label,
            )

    # Day numbers when they fit, else the first day of each week.
    painter.setFont(small)
    painter.setPen(colors.muted)
    width = layout.day_width
    digits = small_metrics.horizontalAdvance("28") + 4
    low = QRectF(rect.left(), rect.top() + top_h, rect.width(), rect.height() - top_h)
    if width >= digits:
        day = layout.first
        while day <= layout.last:
            x = layout.x_for(day)
            weekend = day.weekday() >= 5
            painter.setPen(colors.faint if weekend else colors.muted)
            painter.drawText(
                QRectF(x - width / 2, low.top(), width, low.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(day.day),
            )
            day += timedelta(days=1)
    elif width * 7 >= digits + 2:
        day = layout.first + timedelta(days=(week_start - layout.first.weekday()) % 7)
        painter.setPen(QPen(colors.grid, 1))
        while day <= layout.last:
            x = _crisp(layout.day_left(day))
            painter.setPen(QPen(colors.month_line, 1))
            painter.drawLine(QPointF(x, low.bottom() - 4), QPointF(x, low.bottom()))
            painter.setPen(colors.muted)
            painter.drawText(
                QRectF(x + 2, low.top(), width * 7, low.height() - 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(day.day),
            )
            day += timedelta(days=7)
    painter.setPen(QPen(colors.month_line, 1))
    y = math.floor(rect.bottom()) - 0.5
    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    painter.restore()


def paint_today(
    painter: QPainter,
    layout: StripLayout,
    axis: QRectF,
    rows: QRectF,
    colors: StripColors,
    font: QFont,
    today: date,
) -> None:
    """Today's line across the rows, with a "Today" tag on the axis."""
    if not layout.first <= today <= layout.last:
        return
    painter.save()
    x = layout.x_for(today)
    painter.setPen(QPen(colors.today, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    painter.drawLine(QPointF(x, axis.bottom() - 2), QPointF(x, rows.bottom()))
    tag_font = _scaled(font, 0.75, QFont.Weight.Bold)
    metrics = QFontMetricsF(tag_font)
    text = "Today"
    w = metrics.horizontalAdvance(text) + 10
    h = metrics.height() + 2
    left = min(max(x - w / 2, axis.left()), axis.right() - w)
    tag = QRectF(left, axis.bottom() - h - 2, w, h)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors.today)
    painter.drawRoundedRect(tag, h / 2, h / 2)
    painter.setFont(tag_font)
    painter.setPen(colors.on_today)
    painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _hatch(painter: QPainter, rect: QRectF, color: QColor, step: float, width: float) -> None:
    """Diagonal lines over ``rect`` (clip first to shape them)."""
    painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    x = rect.left() - rect.height()
    while x < rect.right():
        painter.drawLine(QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top()))
        x += step


def paint_row_track(
    painter: QPainter,
    shapes: RowShapes,
    colors: StripColors,
    channel_colors: Mapping[int, QColor],
    font: QFont,
    message_color: QColor,
) -> None:
    """The baseline, gaps and marks of one row."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    for rect in shapes.inactive:
        painter.save()
        painter.setClipRect(rect)
        _hatch(painter, rect, colors.hatch, 6.0, 1.0)
        painter.restore()

    if shapes.baseline is not None:
        x1, x2, y = shapes.baseline
        line = _alpha(message_color, 0.55)
        painter.setPen(QPen(line, 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x1 + 1, y), QPointF(x2 - 1, y))

    label_font = _scaled(font, 0.78, QFont.Weight.Bold)
    metrics = QFontMetricsF(label_font)
    for bar, gap, open_left, open_right, future_x in shapes.gaps:
        radius = bar.height() / 2
        path = QPainterPath()
        path.addRoundedRect(bar, radius, radius)
        # A gap that runs on beyond the range keeps a square end there.
        if open_left:
            path.addRect(QRectF(bar.left(), bar.top(), min(radius, bar.width()), bar.height()))
        if open_right:
            path.addRect(
                QRectF(bar.right() - min(radius, bar.width()), bar.top(), radius, bar.height())
            )
        path = path.simplified()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.overdue if future_x is None else colors.overdue_future)
        painter.drawPath(path)
        if future_x is not None and future_x > bar.left():
            # Up to today the gap is real; after it, a warning (overdue unless planned).
            painter.save()
            painter.setClipRect(
                QRectF(bar.left() - 1, bar.top() - 1, future_x - bar.left() + 1, bar.height() + 2)
            )
            painter.setBrush(colors.overdue)
            painter.drawPath(path)
            painter.restore()
        painter.save()
        painter.setClipPath(path)
        _hatch(painter, bar, colors.overdue_hatch, 5.0, 1.6)
        painter.restore()
        text = f"{gap.days} days" if gap.days != 1 else "1 day"
        if metrics.horizontalAdvance(text) + 10 <= bar.width() and bar.height() >= 11:
            painter.setFont(label_font)
            painter.setPen(colors.on_overdue)
            painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, text)
        elif metrics.horizontalAdvance(str(gap.days)) + 6 <= bar.width() and bar.height() >= 11:
            painter.setFont(label_font)
            painter.setPen(colors.on_overdue)
            painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, str(gap.days))

    neutral = colors.muted
    for box, channels, outside in shapes.marks:
        count = max(len(channels), 1)
        spacing = 1.0 if count > 1 else 0.0
        h = (box.height() - spacing * (count - 1)) / count
        radius = min(box.width(), h) / 2 if count == 1 else min(box.width(), h) / 3
        if outside:
            painter.setOpacity(0.4)
        painter.setPen(QPen(colors.mark_outline, 1.0))
        painter.setBrush(colors.mark_outline)
        painter.drawRoundedRect(box.adjusted(-1, -1, 1, 1), radius + 1, radius + 1)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, channel_id in enumerate(channels or (0,)):
            painter.setBrush(channel_colors.get(channel_id, neutral))
            segment = QRectF(box.left(), box.top() + i * (h + spacing), box.width(), h)
            painter.drawRoundedRect(segment, radius, radius)
        painter.setOpacity(1.0)
    painter.restore()


def paint_row_label(
    painter: QPainter,
    row: StripRow,
    rect: QRectF,
    colors: StripColors,
    font: QFont,
    *,
    selected: bool = False,
) -> None:
    """The message's colour swatch, title and status pill inside ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    mid = rect.center().y()
    swatch = QRectF(rect.left() + 10, mid - 5, 10, 10)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(row.color))
    painter.drawRoundedRect(swatch, 3, 3)

    pill_font = _scaled(font, 0.8, QFont.Weight.DemiBold)
    pill_metrics = QFontMetricsF(pill_font)
    text = row.status_label
    pill_w = pill_metrics.horizontalAdvance(text) + 14
    pill_h = min(pill_metrics.height() + 5, rect.height() - 6)
    pill = QRectF(rect.right() - 10 - pill_w, mid - pill_h / 2, pill_w, pill_h)

    title_font = _scaled(font, 1.0, QFont.Weight.DemiBold if selected else QFont.Weight.Normal)
    title_metrics = QFontMetricsF(title_font)
    title_left = swatch.right() + 9
    title_room = pill.left() - 8 - title_left
    painter.setFont(title_font)
    painter.setPen(colors.text)
    title = title_metrics.elidedText(row.title, Qt.TextElideMode.ElideRight, max(title_room, 0))
    painter.drawText(
        QRectF(title_left, rect.top(), max(title_room, 0), rect.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        title,
    )

    # Overdue is the only filled red pill; the others are tinted, so the
    # difference shows without relying on hue.
    if row.status == MessageStatus.OVERDUE:
        fill, outline, ink = colors.overdue, colors.overdue, colors.on_overdue
    elif row.status == MessageStatus.UNPLANNED:
        fill, outline, ink = colors.unplanned_fill, colors.unplanned, colors.unplanned
    elif row.status == MessageStatus.OK:
        fill, outline, ink = colors.ok_fill, colors.ok_fill, colors.ok
    else:
        fill, outline, ink = colors.neutral_fill, colors.neutral_fill, colors.muted
    painter.setBrush(fill)
    painter.setPen(QPen(outline, 1) if outline is not fill else Qt.PenStyle.NoPen)
    painter.drawRoundedRect(pill.adjusted(0.5, 0.5, -0.5, -0.5), pill_h / 2, pill_h / 2)
    painter.setFont(pill_font)
    painter.setPen(ink)
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def paint_legend(
    painter: QPainter,
    rect: QRectF,
    channels: Sequence[tuple[str, QColor]],
    colors: StripColors,
    font: QFont,
) -> None:
    """A one-line key: the channels' colours, the overdue bar and the today line."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    small = _scaled(font, 0.8)
    metrics = QFontMetricsF(small)
    painter.setFont(small)
    mid = rect.center().y()
    x = rect.left()
    right = rect.right()

    def label(text: str) -> None:
        nonlocal x
        painter.setPen(colors.muted)
        w = metrics.horizontalAdvance(text)
        painter.drawText(
            QRectF(x, rect.top(), w + 2, rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        x += w + 14

    # The overdue key first: it is what the strip is about.
    bar = QRectF(x, mid - 5, 26, 10)
    path = QPainterPath()
    path.addRoundedRect(bar, 5, 5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors.overdue)
    painter.drawPath(path)
    painter.save()
    painter.setClipPath(path)
    _hatch(painter, bar, colors.overdue_hatch, 5.0, 1.6)
    painter.restore()
    x = bar.right() + 5
    label("overdue")
    painter.setPen(QPen(colors.today, 2))
    painter.drawLine(QPointF(x + 1, mid - 7), QPointF(x + 1, mid + 7))
    x += 7
    label("today")
    for name, color in channels:
        need = 13 + metrics.horizontalAdvance(name) + 14
        if x + need > right:
            break
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(x, mid - 4, 7, 8), 2.5, 2.5)
        x += 12
        label(name)
    painter.restore()
