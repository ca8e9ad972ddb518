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
* weekends shaded, month boundaries as light lines, today as a line across.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

from ..core.cadence import CadenceReport, Gap, MessageStatus, status_text
from ..core.models import KeyMessage, isolated, with_year
from .chips import accent, seen_on
from .weeks import rest_days

__all__ = [
    "GapShape",
    "MarkShapes",
    "RowShapes",
    "StripColors",
    "StripLayout",
    "StripRow",
    "build_rows",
    "day_text",
    "group_deliveries",
    "label_width",
    "legend_fit",
    "legend_texts",
    "outside_dates",
    "paint_axis",
    "paint_grid",
    "paint_legend",
    "paint_row_label",
    "paint_row_track",
    "paint_today",
    "range_text",
    "row_shapes",
    "status_pill",
    "status_text",
    "strip_row",
]


# -- words ---------------------------------------------------------------------


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def month_first(locale: QLocale | None = None) -> bool:
    """Whether the locale writes the month before the day ("Nov 17", as in the US)."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat).strip()
    month, day = pattern.find("M"), pattern.find("d")
    # A year-first date (2026-11-17, as in Sweden or Japan) says nothing of "17 Nov".
    return not pattern.startswith("y") and 0 <= month < day


def year_first(locale: QLocale | None = None) -> bool:
    """Whether the language writes a date year first ("2027年3月11日", Korean,
    Hungarian, Lithuanian)."""
    return (locale or QLocale()).dateFormat(QLocale.FormatType.LongFormat).startswith("y")


def _year_first_pattern(locale: QLocale, *, weekday: bool, year: bool) -> str | None:
    """Where the language writes a date year first: its own long date's pattern, the
    year left out unless wanted, the weekday short or left out, the month's name
    short; else None."""
    if not year_first(locale):
        return None
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    if not year and "M" in pattern:
        pattern = pattern[pattern.find("M") :]  # the year, and what says it is one
    if weekday:
        pattern = pattern.replace("dddd", "ddd")
    else:  # and the words or commas that go with it
        pattern = re.sub(r"[,\s]*dddd(?:\s*'[^']*')?", "", pattern)
    return pattern.replace("MMMM", "MMM").strip(" ,")


def month_year_pattern(locale: QLocale | None = None) -> str | None:
    """The pattern of a month and its year in a year-first language ("yyyy年M月",
    "yyyy. MMMM"); None elsewhere ("March 2027")."""
    locale = locale or QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    if not year_first(locale) or "d" not in pattern or "M" not in pattern:
        return None
    own = pattern[: pattern.find("d")].rstrip(" ,")  # up to the day
    return own.replace("MMM", "MMMM").replace("MMMMM", "MMMM")


def month_title(month: date) -> str:
    """A month as a title says it: "March 2027", or in the language's own order where
    it writes the year first ("2027年3月", "2027. március")."""
    locale = QLocale()
    own = month_year_pattern(locale)
    if own is not None:
        return locale.toString(_qdate(month), own)
    name = locale.standaloneMonthName(month.month, QLocale.FormatType.LongFormat)
    return f"{name} {locale.toString(_qdate(month), 'yyyy')}"  # in the language's digits


def day_text(day: date, *, weekday: bool = True, year: bool | date = False) -> str:
    """``Tue 17 Nov`` or, where the month comes first, ``Tue Nov 17`` (names in the
    user's language; where the year comes first, its own order: ``11月17日火``);
    ``year`` adds it: ``17 Nov 2026``, ``Nov 17, 2026``; a day as ``year`` (today)
    adds it when it is another year's ("Thu 4 Dec" a year ago read as today)."""
    year = with_year(day, year)
    locale = QLocale()
    own = _year_first_pattern(locale, weekday=weekday, year=year)
    if own is not None:  # (its order put "水 3 3月 2027")
        return locale.toString(_qdate(day), own)
    if month_first(locale):
        pattern = "MMM d" + (", yyyy" if year else "")
    else:
        pattern = f"{day_number_format(locale)} MMM" + (" yyyy" if year else "")
    return locale.toString(_qdate(day), ("ddd " if weekday else "") + pattern)


_DAY_WITH_A_DOT = re.compile(r"(?<![d'])d\.")


def day_number_format(locale: QLocale) -> str:
    """The day's number as the language writes it before its month: "d", or "d." where
    it is an ordinal (German "9. Dez.", Norwegian, Finnish, Czech)."""
    long = locale.dateFormat(QLocale.FormatType.LongFormat)
    return "d." if _DAY_WITH_A_DOT.search(long) else "d"


def range_text(first: date, last: date, *, year: bool = False) -> str:
    """``10–21 Nov``, ``28 Oct – 9 Nov``, ``28 Dec 2026 – 3 Jan 2027`` (``Nov 10–21``,
    ``Oct 28 – Nov 9``... where the month comes first); ``year`` adds the year to a
    range within one year too: ``10–21 Nov 2026``, ``Nov 10–21, 2026``."""
    locale = QLocale()
    if first.year != last.year:
        start = day_text(first, weekday=False, year=True)
        return f"{start} – {day_text(last, weekday=False, year=True)}"
    if first == last:
        return day_text(first, weekday=False, year=year)
    if year_first(locale):
        # Each day in the language's own order ("3月10日 – 3月21日").
        start = day_text(first, weekday=False, year=year)
        return f"{start} – {day_text(last, weekday=False)}"
    us = month_first(locale)
    if first.month != last.month:
        text = f"{day_text(first, weekday=False)} – {day_text(last, weekday=False)}"
    else:
        # The numbers in the language's digits, as the days' and the month's titles
        # have them ("٢٦ سبتمبر – ٢ أكتوبر" beside "14–20 نوفمبر").
        month = locale.toString(_qdate(last), "MMM")
        number = "d" if us else day_number_format(locale)  # "9.–15. Dez."
        one = locale.toString(_qdate(first), number)
        other = locale.toString(_qdate(last), number)
        text = f"{month} {one}–{other}" if us else f"{one}–{other} {month}"
    if year:
        number = locale.toString(_qdate(last), "yyyy")
        text += f", {number}" if us else f" {number}"
    return text


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
    analysed_to: date | None = None
    """The last day the report analysed: a gap that runs to it has no post ending it."""

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


def group_deliveries(
    deliveries: Iterable[tuple[int, int, date]],
    first: date | None = None,
    last: date | None = None,
) -> dict[int, dict[date, set[int]]]:
    """``(message_id, channel_id, day)`` rows as message -> day -> channels.

    Rows outside ``[first, last]`` are left out when the bounds are given.
    """
    by_message: dict[int, dict[date, set[int]]] = {}
    for message_id, channel_id, day in deliveries:
        if (first is None or first <= day) and (last is None or day <= last):
            days = by_message.get(message_id)
            if days is None:
                days = by_message[message_id] = {}
            channels = days.get(day)
            if channels is None:
                days[day] = {channel_id}
            else:
                channels.add(channel_id)
    return by_message


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
    by_message = group_deliveries(deliveries, first, last)
    rank = {channel_id: i for i, channel_id in enumerate(channel_order)}
    return [
        strip_row(message, report, by_message.get(message.id, {}), first, last, rank)
        for message in messages
    ]


def strip_row(
    message: KeyMessage,
    report: CadenceReport,
    days: Mapping[date, Iterable[int]],
    first: date,
    last: date,
    rank: Mapping[int, int],
) -> StripRow:
    """One message's :class:`StripRow` from its delivery days in ``[first, last]``.

    ``days`` maps each delivery day to the channels that delivered it;
    ``rank`` orders the channels of a mark (unranked channels go last, by id).
    """
    unranked = len(rank)

    def order(channel_id: int) -> tuple[int, int]:
        return rank.get(channel_id, unranked), channel_id

    marks = tuple(
        (day, tuple(sorted(days[day], key=order))) for day in sorted(days) if first <= day <= last
    )
    try:
        cadence = report.message(message.id)
    except KeyError:
        return StripRow(
            message.id,
            message.title,
            message.color,
            message.cadence_days,
            MessageStatus.UPCOMING,
            0,
            None,
            None,
            None,
            None,
            marks,
            (),
        )
    lo = max(first, report.start)
    hi = min(last, report.end)
    if message.starts_on is not None:
        lo = max(lo, message.starts_on)
    if message.ends_on is not None:
        hi = min(hi, message.ends_on)
    active = lo <= hi
    return StripRow(
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
        analysed_to=report.end,
    )


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
    grid: QColor
    month_line: QColor
    weekend: QColor
    inactive: QColor
    hatch: QColor
    overdue: QColor
    overdue_future: QColor
    overdue_hatch: QColor
    on_overdue: QColor
    on_overdue_future: QColor
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
        highlight = accent(palette)  # (seen in a dark theme too)
        # Red is kept for overdue; the pills' other hues stay clear of it.
        overdue = QColor("#f0524d") if dark else QColor("#cf2a27")
        # Their words at 4.5:1 on their tint, on a window's grey too (the sidebar's).
        ok = QColor("#6fd487") if dark else QColor("#186830")
        unplanned = QColor("#f0bc55") if dark else QColor("#74490a")
        return cls(
            dark=dark,
            background=background,
            text=text,
            muted=_mix(text, background, 0.42),
            grid=_alpha(text, 0.07),
            month_line=_alpha(text, 0.20 if dark else 0.16),
            weekend=_alpha(text, 0.045 if dark else 0.035),
            inactive=_alpha(background, 0.62),
            hatch=_alpha(text, 0.10 if dark else 0.08),
            overdue=overdue,
            overdue_future=_mix(overdue, background, 0.55),
            overdue_hatch=_alpha(QColor("#ffffff"), 0.22 if dark else 0.26),
            on_overdue=QColor("#1f1f1f") if dark else QColor("#ffffff"),  # 4.5:1 either way
            on_overdue_future=QColor("#ffffff") if dark else QColor("#7a1512"),
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
    rest: frozenset[int] | None = None
    """The days of the week (Monday 0) shaded as the weekend; None, this computer's
    (:func:`.rest_days`). A report gives its own: the command line reads the
    environment alone."""
    _first_ordinal: int = field(init=False, repr=False, compare=False)
    _days: int = field(init=False, repr=False, compare=False)
    _day_width: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Computed once: x_for runs for every mark of every row.
        days = (self.last - self.first).days + 1
        object.__setattr__(self, "_first_ordinal", self.first.toordinal())
        object.__setattr__(self, "_days", days)
        object.__setattr__(self, "_day_width", max(self.right - self.left, 1.0) / max(days, 1))

    def days_of_rest(self) -> frozenset[int]:
        return rest_days() if self.rest is None else self.rest

    @property
    def days(self) -> int:
        return self._days

    @property
    def day_width(self) -> float:
        return self._day_width

    def x_for(self, day: date) -> float:
        """The centre of ``day``'s column."""
        return self.left + (day.toordinal() - self._first_ordinal + 0.5) * self._day_width

    def day_left(self, day: date) -> float:
        return self.left + (day.toordinal() - self._first_ordinal) * self._day_width

    def day_at(self, x: float) -> date | None:
        if x < self.left or x >= self.right:
            return None
        index = min(int((x - self.left) / self._day_width), self._days - 1)
        return self.first + timedelta(days=index)

    def span(self, first: date, last: date) -> tuple[float, float]:
        """The x extent of the days ``first`` to ``last``, clipped to the range."""
        lo = max(first, self.first)
        hi = min(last, self.last)
        return self.day_left(lo), self.day_left(hi) + self._day_width


@dataclass(frozen=True)
class GapShape:
    """One overdue bar, clipped to the range."""

    gap: Gap
    bar: QRectF
    path: QPainterPath
    """Rounded ends, square where the gap runs on beyond the range."""
    future_x: float | None
    """Where its part after today starts (drawn paler), None when all of it is past."""
    label: QRectF
    """Where its day count goes: the part up to today when there is one."""
    label_days: int
    """Days overdue up to today for the gap under way, the gap's length otherwise."""
    label_pale: bool


@dataclass
class MarkShapes:
    """A row's delivery marks, grouped by channel so that each colour is set once."""

    singles: dict[int, list[QRectF]] = field(default_factory=dict)
    """One channel that day: a pill in its colour."""
    stacks: list[QRectF] = field(default_factory=list)
    """Several channels that day: the outline of the stack..."""
    segments: dict[int, list[QRectF]] = field(default_factory=dict)
    """...and its segments, one per channel."""
    stack_channels: list[tuple[int, ...]] = field(default_factory=list)
    """The channels of each stack, top to bottom (as :attr:`stacks`)."""
    spacing: float = 1.0
    """The gap between the segments of a stack."""
    radius: float = 0.0
    rounded: bool = True
    """False when days are too narrow for rounding to show: plain rectangles, faster."""


@dataclass(frozen=True)
class RowShapes:
    """One row's rectangles, computed once per data or size change."""

    rect: QRectF
    baseline: tuple[float, float, float] | None
    """(x1, x2, y) of the baseline over the active part of the row."""
    inactive: tuple[QRectF, ...]
    marks: MarkShapes
    faded_marks: MarkShapes
    """Deliveries outside the message's active range (they do not count)."""
    gaps: tuple[GapShape, ...]


def row_shapes(
    layout: StripLayout,
    row: StripRow,
    rect: QRectF,
    today: date,
    *,
    segments: bool = True,
    period: bool = False,
) -> RowShapes:
    """Where each part of ``row`` goes inside ``rect`` (the row's time-axis part).

    Without ``segments``, the stacks' segments are left out (:attr:`MarkShapes.segments`
    stays empty): enough for ``paint_row_track(..., sprites=True)``, which stamps
    each stack whole from :attr:`MarkShapes.stack_channels`.

    A gap's bar tells its days: up to today, how long the message has been overdue by
    then (as its status counts, from the day it began, however far back). A bar wholly
    ahead of today tells, with ``period`` (a report on its days, as the web page does),
    the days it will be overdue in the period; without it (the window's weeks), of a
    message overdue already, how long it has been overdue so far, and of one not yet
    overdue, the days until the post that ends the gap (none when no post does: 0).
    """
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
    rounded = mark_w >= 5
    marks = MarkShapes(radius=min(mark_w, seg_h) / 2, rounded=rounded, spacing=spacing)
    faded = MarkShapes(radius=marks.radius, rounded=rounded, spacing=spacing)
    for day, channels in row.marks:
        layer = marks if row.is_active(day) else faded
        x = layout.x_for(day)
        if len(channels) <= 1:
            box = QRectF(x - mark_w / 2, mid - seg_h / 2, mark_w, seg_h)
            layer.singles.setdefault(channels[0] if channels else 0, []).append(box)
            continue
        count = len(channels)
        h = min(seg_h, (room - spacing * (count - 1)) / count)
        total = h * count + spacing * (count - 1)
        top = mid - total / 2
        layer.stacks.append(QRectF(x - mark_w / 2, top, mark_w, total))
        layer.stack_channels.append(channels)
        if not segments:
            continue
        for i, channel_id in enumerate(channels):
            segment = QRectF(x - mark_w / 2, top + i * (h + spacing), mark_w, h)
            layer.segments.setdefault(channel_id, []).append(segment)

    bar_h = min(max(rect.height() * 0.46, 8.0), 15.0)
    gaps = []
    for gap in row.gaps:
        x1, x2 = layout.span(gap.start, gap.end)
        inset = min(width * 0.12, 1.5)
        if gap.start >= layout.first:
            x1 += inset
        if gap.end <= layout.last:
            x2 -= inset
        bar = QRectF(x1, mid - bar_h / 2, max(x2 - x1, 2.0), bar_h)
        future_x = None
        label, label_days, label_pale = bar, gap.length, False
        if gap.end > today:
            future_x = bar.left() if gap.start > today else layout.day_left(today) + width
            future_x = min(max(future_x, bar.left()), bar.right())
            if future_x > bar.left():
                # Its words end before today's line (it ran through "11 d|ays").
                end = future_x
                if layout.first <= today <= layout.last:
                    end = min(end, layout.x_for(today) - 2)
                label = QRectF(bar.left(), bar.top(), max(end - bar.left(), 0.0), bar.height())
                label_days = gap.overdue_by(today)  # as the status counts
            else:
                label_pale = True
                if period:  # the days it will be overdue in the period, as the web page says
                    label_days = gap.days
                elif gap.since <= today:  # overdue already, shown ahead
                    label_days = gap.overdue_by(today)
                elif row.analysed_to is not None and gap.end >= row.analysed_to:
                    # No post ends it: its length would be the days to the end of the
                    # analysis, which nobody chose ("77 days" for a message due next week).
                    label_days = 0
        gaps.append(
            GapShape(
                gap,
                bar,
                _bar_path(bar, gap.start < layout.first, gap.end > layout.last),
                future_x,
                label,
                label_days,
                label_pale,
            )
        )
    return RowShapes(QRectF(rect), baseline, tuple(inactive), marks, faded, tuple(gaps))


def _bar_path(bar: QRectF, open_left: bool, open_right: bool) -> QPainterPath:
    radius = bar.height() / 2
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    path.addRoundedRect(bar, radius, radius)
    # A gap that runs on beyond the range keeps a square end there.
    if open_left:
        path.addRect(QRectF(bar.left(), bar.top(), min(radius, bar.width()), bar.height()))
    if open_right:
        end = min(radius, bar.width())
        path.addRect(QRectF(bar.right() - end, bar.top(), end, bar.height()))
    return path.simplified()


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


def paint_grid(painter: QPainter, layout: StripLayout, rect: QRectF, colors: StripColors) -> None:
    """Weekend columns and month boundaries behind the rows (``rect``: all rows)."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    width = layout.day_width
    if width >= 6:  # narrower, the stripes would only add noise
        rest = layout.days_of_rest()  # the locale's (Friday and Saturday in Israel)
        day = layout.first
        while day <= layout.last:
            if day.weekday() not in rest:
                day += timedelta(days=1)
                continue
            end = day
            while end < layout.last and (end + timedelta(days=1)).weekday() in rest:
                end += timedelta(days=1)
            x1, x2 = layout.span(day, end)
            painter.fillRect(QRectF(x1, rect.top(), x2 - x1, rect.height()), colors.weekend)
            day = end + timedelta(days=1)
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


SLIVER_DAYS = 10
"""Fewer days of a first month than this, and it keeps its name rather than say its
year alone."""


def paint_axis(
    painter: QPainter,
    layout: StripLayout,
    rect: QRectF,
    colors: StripColors,
    font: QFont,
    *,
    week_start: int = 0,
    today: date | None = None,
) -> None:
    """Month names on top, day or week numbers below, today marked.

    ``week_start`` is the weekday weeks start on (0 Monday, 5 Saturday, 6 Sunday): with
    no room for every day's
    number, the first day of each week is numbered.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    locale = QLocale()
    month_font = _scaled(font, 0.92, QFont.Weight.DemiBold)
    small = _scaled(font, 0.8)
    small_bold = _scaled(font, 0.8, QFont.Weight.Bold)
    month_metrics = QFontMetricsF(month_font)
    small_metrics = QFontMetricsF(small)
    top_h = rect.height() * 0.55
    starts = _month_starts(layout)
    painter.setFont(month_font)
    painter.setPen(colors.text)
    # Over years, months too narrow for their names: each year is named where it begins
    # (the months alone left the years unsaid, "Jun" twice; over three, nothing).
    by_year = len(starts) > 1 and (layout.right - layout.left) / len(starts) - 8 < max(
        month_metrics.horizontalAdvance(locale.toString(_qdate(date(2000, m, 1)), "MMM"))
        for m in (5, 9)
    )

    def room_of(i: int, *, year: bool = False) -> tuple[float, float]:
        """Where month ``i`` begins and the room for its name (up to next year's
        first month for a ``year``'s)."""
        start = starts[i]
        following = [s for s in starts[i + 1 :] if s.month == 1 or not year]
        end = following[0] if following else layout.last + timedelta(days=1)
        x1 = layout.day_left(start)
        x2 = layout.day_left(end) if end <= layout.last else layout.right
        return x1, x2 - x1 - 8

    # The months named alike, all in full or all short, as all have room for ("August |
    # Sep | October | Nov" read as a mistake); too narrow for short names, each by its
    # letter beside the years ("2027" alone named no month of twelve).
    plain = [i for i, start in enumerate(starts) if i > 0 and start.month != 1]
    month_form = (
        "MMMM"
        if all(
            month_metrics.horizontalAdvance(locale.toString(_qdate(starts[i]), "MMMM"))
            <= room_of(i)[1]
            for i in plain
        )
        else "MMM"
    )
    year_owed = False  # the first month, a few days, left its year to the next
    free_from = float("-inf")  # where the label drawn last ends: a letter keeps off it
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else layout.last + timedelta(days=1)
        x1, room = room_of(i, year=by_year and (i == 0 or start.month == 1))
        if by_year and i > 0 and start.month != 1:
            letter = locale.monthName(start.month, QLocale.FormatType.NarrowFormat)
            if month_metrics.horizontalAdvance(letter) <= room + 4 and x1 + 3 >= free_from:
                painter.setPen(colors.muted)
                painter.drawText(
                    QRectF(x1 + 3, rect.top(), room + 5, top_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                    letter,
                )
                painter.setPen(colors.text)
            continue
        # A first month too narrow for its year leaves it to the next alone (handed on
        # further, the year landed on July); one of a few days keeps its name rather
        # than say the year ("2026 | November" read as if October were a year). Any
        # other month that names a year (the one after the first, each January) says
        # the year alone where its name and the year do not fit.
        sliver = i == 0 and (end - max(start, layout.first)).days < SLIVER_DAYS
        wants_year = not by_year and (i == 0 or start.month == 1 or year_owed)
        if by_year:
            forms: tuple[str, ...] = ("yyyy",)
        elif wants_year:
            with_year = month_year_pattern(locale) or "MMMM yyyy"  # "yyyy年M月" in Japanese
            # A first December leaves the year to January, which names the next one
            # ("2026 | 2027 | Feb" named no month of the two).
            shorter = ("MMM",) if sliver or (i == 0 and start.month == 12) else ("yyyy", "MMM")
            forms = (with_year, with_year.replace("MMMM", "MMM"), *shorter)
        else:
            forms = (month_form, "MMM")
        label, form = next(
            (
                (text, form)
                for form in forms
                if month_metrics.horizontalAdvance(text := locale.toString(_qdate(start), form))
                <= room
            ),
            ("", ""),
        )
        year_owed = i == 0 and "yyyy" not in form and start.month != 12
        if label:
            painter.drawText(
                QRectF(x1 + 5, rect.top(), room + 3, top_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                label,
            )
            free_from = x1 + 5 + month_metrics.horizontalAdvance(label) + 4

    width = layout.day_width
    digits = small_metrics.horizontalAdvance("28") + 4
    low = QRectF(rect.left(), rect.top() + top_h, rect.width(), rect.height() - top_h)
    showing_today = today is not None and layout.first <= today <= layout.last
    if width >= digits:
        # Every day's number (with its weekday when there is room); today's
        # sits on a filled pill, as in a calendar.
        named = width >= small_metrics.horizontalAdvance("Wed 28") + 14
        for day in _days_of(layout):
            x = layout.x_for(day)
            cell = QRectF(x - width / 2, low.top(), width, low.height())
            if day == today:
                pill_h = small_metrics.height() + 2
                text = locale.toString(_qdate(day), "ddd d" if named else "d")
                pill_w = min(max(small_metrics.horizontalAdvance(text) + 10, pill_h), width)
                pill = QRectF(x - pill_w / 2, cell.center().y() - pill_h / 2, pill_w, pill_h)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colors.today)
                painter.drawRoundedRect(pill, pill_h / 2, pill_h / 2)
                painter.setFont(small_bold)
                painter.setPen(colors.on_today)
            else:
                painter.setFont(small)
                # (Weekend days' numbers were fainter still, 2.5:1: their shading says
                # them.)
                painter.setPen(colors.muted)
            text = locale.toString(_qdate(day), "ddd d" if named else "d")
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, text)
    else:
        tag = QRectF()
        if showing_today and today is not None:
            tag_font = _scaled(font, 0.75, QFont.Weight.Bold)
            tag_metrics = QFontMetricsF(tag_font)
            w = tag_metrics.horizontalAdvance("Today") + 12
            h = tag_metrics.height() + 2
            x = layout.x_for(today)
            left = min(max(x - w / 2, rect.left()), rect.right() - w)
            tag = QRectF(left, low.center().y() - h / 2, w, h)
        if width * 7 >= digits + 2:
            painter.setFont(small)
            day = layout.first + timedelta(days=(week_start - layout.first.weekday()) % 7)
            while day <= layout.last:
                x = _crisp(layout.day_left(day))
                text_rect = QRectF(x + 2, low.top(), width * 7, low.height() - 2)
                number = locale.toString(_qdate(day), "d")  # in the language's digits
                used = QRectF(
                    x, low.top(), small_metrics.horizontalAdvance(number) + 4, low.height()
                )
                if not used.intersects(tag):
                    painter.setPen(QPen(colors.month_line, 1))
                    painter.drawLine(QPointF(x, low.bottom() - 4), QPointF(x, low.bottom()))
                    painter.setPen(colors.muted)
                    painter.drawText(
                        text_rect,
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                        number,
                    )
                day += timedelta(days=7)
        if not tag.isEmpty():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors.today)
            painter.drawRoundedRect(tag, tag.height() / 2, tag.height() / 2)
            painter.setFont(_scaled(font, 0.75, QFont.Weight.Bold))
            painter.setPen(colors.on_today)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, "Today")
    painter.setPen(QPen(colors.month_line, 1))
    y = math.floor(rect.bottom()) - 0.5
    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    painter.restore()


def _days_of(layout: StripLayout) -> Iterator[date]:
    day = layout.first
    while day <= layout.last:
        yield day
        day += timedelta(days=1)


def paint_today(
    painter: QPainter,
    layout: StripLayout,
    top: float,
    bottom: float,
    colors: StripColors,
    today: date,
) -> None:
    """Today's line from ``top`` to ``bottom`` (the axis marks the day itself)."""
    if not layout.first <= today <= layout.last:
        return
    painter.save()
    x = layout.x_for(today)
    painter.setPen(QPen(colors.today, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    painter.restore()


_HATCHES: dict[tuple[int, float, float, float], QBrush] = {}


def _hatch(painter: QPainter, color: QColor, step: float, width: float) -> QBrush:
    """A brush of diagonal lines (a small tile: one fill instead of many lines)."""
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    key = (color.rgba(), step, width, ratio)
    brush = _HATCHES.get(key)
    if brush is None:
        size = max(round(step * ratio), 2)  # whole device pixels, so the tiles meet
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        tile = QPainter(image)
        tile.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        tile.setPen(QPen(color, width * ratio, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        for offset in (-size, 0, size):
            tile.drawLine(QPointF(offset, size), QPointF(offset + size, 0))
        tile.end()
        image.setDevicePixelRatio(ratio)
        brush = QBrush(image)
        _HATCHES[key] = brush
    return brush


def paint_row_track(
    painter: QPainter,
    shapes: RowShapes,
    colors: StripColors,
    channel_colors: Mapping[int, QColor],
    font: QFont,
    message_color: QColor,
    *,
    sprites: bool = False,
) -> None:
    """The baseline, gaps and marks of one row.

    With ``sprites`` (raster targets only: a widget's pixmaps, never a PDF), each
    mark is stamped from a small cached picture instead of being drawn as a path:
    several times faster for the dense rows of a large calendar.
    """
    # A navy channel stays visible in a dark theme (and a pale one in a light theme).
    channel_colors = {c: seen_on(color, colors.background) for c, color in channel_colors.items()}
    message_color = seen_on(message_color, colors.background)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    if shapes.inactive:
        hatch = _hatch(painter, colors.hatch, 6.0, 1.0)
        for rect in shapes.inactive:
            painter.fillRect(rect, hatch)

    if shapes.baseline is not None:
        x1, x2, y = shapes.baseline
        line = _alpha(message_color, 0.55)
        painter.setPen(QPen(line, 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x1 + 1, y), QPointF(x2 - 1, y))

    label_font = _scaled(font, 0.78, QFont.Weight.Bold)
    metrics = QFontMetricsF(label_font)
    gap_hatch = _hatch(painter, colors.overdue_hatch, 5.0, 1.6)
    for shape in shapes.gaps:
        bar, path, future_x = shape.bar, shape.path, shape.future_x
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
        painter.fillPath(path, gap_hatch)
        days = shape.label_days
        room = shape.label.width()
        for text in (f"{days} days" if days != 1 else "1 day", str(days)) if days else ():
            # Within its bar: a large font's words stuck out over and under it.
            tall_enough = bar.height() >= max(11.0, metrics.height() - 4)
            if metrics.horizontalAdvance(text) + 8 <= room and tall_enough:
                painter.setFont(label_font)
                painter.setPen(colors.on_overdue_future if shape.label_pale else colors.on_overdue)
                painter.drawText(shape.label, Qt.AlignmentFlag.AlignCenter, text)
                break

    _paint_marks(painter, shapes.marks, colors, channel_colors, sprites)
    if shapes.faded_marks.singles or shapes.faded_marks.stacks:
        painter.setOpacity(0.4)
        _paint_marks(painter, shapes.faded_marks, colors, channel_colors, sprites)
        painter.setOpacity(1.0)
    painter.restore()


_SPRITES: dict[tuple[float, float, float, int, int, float], QPixmap] = {}
_SPRITE_PAD = 1.0
"""Room around a sprite's shape for its outline and antialiasing."""


def _sprite(
    width: float, height: float, radius: float, fill: QColor, outline: QColor | None, ratio: float
) -> QPixmap:
    """A rounded rectangle (with a 1-pixel outline when given), drawn once and reused."""
    key = (width, height, radius, fill.rgba(), -1 if outline is None else outline.rgba(), ratio)
    sprite = _SPRITES.get(key)
    if sprite is None:
        if len(_SPRITES) > 2048:
            _SPRITES.clear()
        pad = _SPRITE_PAD
        sprite = QPixmap(
            math.ceil((width + 2 * pad) * ratio), math.ceil((height + 2 * pad) * ratio)
        )
        sprite.setDevicePixelRatio(ratio)
        sprite.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen if outline is None else QPen(outline, 1.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(pad, pad, width, height), radius, radius)
        painter.end()
        _SPRITES[key] = sprite
    return sprite


def _stamp(painter: QPainter, rects: Sequence[QRectF], sprite_for: _SpriteFor) -> None:
    pad = _SPRITE_PAD
    for rect in rects:
        painter.drawPixmap(QPointF(rect.x() - pad, rect.y() - pad), sprite_for(rect))


class _SpriteFor:
    """The sprite of a rectangle's size for one fill (sizes repeat within a row)."""

    def __init__(
        self, fill: QColor, outline: QColor | None, ratio: float, radius: float | None
    ) -> None:
        self.fill = fill
        self.outline = outline
        self.ratio = ratio
        self.radius = radius
        self.last: tuple[float, float, QPixmap] | None = None

    def __call__(self, rect: QRectF) -> QPixmap:
        width, height = rect.width(), rect.height()
        last = self.last
        if last is not None and last[0] == width and last[1] == height:
            return last[2]
        radius = self.radius if self.radius is not None else min(width, height) / 3
        sprite = _sprite(width, height, radius, self.fill, self.outline, self.ratio)
        self.last = (width, height, sprite)
        return sprite


def _paint_sprites(
    painter: QPainter, marks: MarkShapes, colors: StripColors, channel_colors: Mapping[int, QColor]
) -> None:
    """:func:`_paint_marks`' rounded marks, stamped from cached sprites (a whole stack
    of channels is one sprite: a busy row has a stack on most days)."""
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    neutral = colors.muted
    outline = colors.mark_outline
    radius = marks.radius
    pad = _SPRITE_PAD
    for channel_id, rects in marks.singles.items():
        fill = channel_colors.get(channel_id, neutral)
        _stamp(painter, rects, _SpriteFor(fill, outline, ratio, radius))
    if len(marks.stack_channels) != len(marks.stacks):  # built by hand: stamp the parts
        _stamp(painter, marks.stacks, _SpriteFor(outline, outline, ratio, radius * 0.7))
        for channel_id, rects in marks.segments.items():
            fill = channel_colors.get(channel_id, neutral)
            _stamp(painter, rects, _SpriteFor(fill, None, ratio, None))
        return
    # The sprites of this outline, scale and channel colours, by channels and size.
    palette = (
        outline.rgba(),
        ratio,
        radius,
        marks.spacing,
        neutral.rgba(),
        *sorted((c, color.rgba()) for c, color in channel_colors.items()),
    )
    sprites = _STACKS.get(palette)
    if sprites is None:
        if len(_STACKS) > 16:
            _STACKS.clear()
        sprites = _STACKS[palette] = {}
    for rect, channels in zip(marks.stacks, marks.stack_channels, strict=True):
        key = (channels, rect.width(), rect.height())
        sprite = sprites.get(key)
        if sprite is None:
            fills = [channel_colors.get(c, neutral) for c in channels]
            sprite = sprites[key] = _stack_sprite(rect, fills, marks, outline, ratio)
        painter.drawPixmap(QPointF(rect.x() - pad, rect.y() - pad), sprite)


_STACKS: dict[tuple[object, ...], dict[tuple[tuple[int, ...], float, float], QPixmap]] = {}


def _stack_sprite(
    rect: QRectF, fills: list[QColor], marks: MarkShapes, outline: QColor, ratio: float
) -> QPixmap:
    """A stack of segments (one per channel) in its outline, as :func:`_paint_marks` draws it."""
    pad = _SPRITE_PAD
    width, height = rect.width(), rect.height()
    count = len(fills)
    spacing = marks.spacing
    segment_h = (height - spacing * (count - 1)) / count
    sprite = QPixmap(math.ceil((width + 2 * pad) * ratio), math.ceil((height + 2 * pad) * ratio))
    sprite.setDevicePixelRatio(ratio)
    sprite.fill(Qt.GlobalColor.transparent)
    painter = QPainter(sprite)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(outline, 1.0))
    painter.setBrush(outline)
    radius = marks.radius * 0.7
    painter.drawRoundedRect(QRectF(pad, pad, width, height), radius, radius)
    painter.setPen(Qt.PenStyle.NoPen)
    for i, fill in enumerate(fills):
        segment = QRectF(pad, pad + i * (segment_h + spacing), width, segment_h)
        r = min(segment.height(), segment.width()) / 3
        painter.setBrush(fill)
        painter.drawRoundedRect(segment, r, r)
    painter.end()
    return sprite


def _paint_marks(
    painter: QPainter,
    marks: MarkShapes,
    colors: StripColors,
    channel_colors: Mapping[int, QColor],
    sprites: bool = False,
) -> None:
    if sprites and marks.rounded:
        _paint_sprites(painter, marks, colors, channel_colors)
        return
    neutral = colors.muted
    # A ring of background colour keeps marks apart from the baseline and
    # from each other.
    outline = QPen(colors.mark_outline, 1.0)
    radius = marks.radius
    if not marks.rounded:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.mark_outline)
        painter.drawRects([r.adjusted(-0.5, -1, 0.5, 1) for r in marks.stacks])
        for layer in (marks.singles, marks.segments):
            for channel_id, rects in layer.items():
                painter.setBrush(channel_colors.get(channel_id, neutral))
                painter.drawRects(rects)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        return
    painter.setPen(outline)
    for channel_id, rects in marks.singles.items():
        painter.setBrush(channel_colors.get(channel_id, neutral))
        for rect in rects:
            painter.drawRoundedRect(rect, radius, radius)
    painter.setBrush(colors.mark_outline)
    for rect in marks.stacks:
        painter.drawRoundedRect(rect, radius * 0.7, radius * 0.7)
    painter.setPen(Qt.PenStyle.NoPen)
    for channel_id, rects in marks.segments.items():
        painter.setBrush(channel_colors.get(channel_id, neutral))
        for rect in rects:
            r = min(rect.height(), rect.width()) / 3
            painter.drawRoundedRect(rect, r, r)


def _status_wordings(row: StripRow) -> list[str]:
    """The status from longest to shortest wording."""
    if row.status == MessageStatus.OVERDUE:
        return [row.status_label, f"overdue {row.overdue_days} d", f"{row.overdue_days} d"]
    return [row.status_label]


def label_width(rows: Sequence[StripRow], font: QFont) -> float:
    """The width a label column needs to show every title and status in full."""
    title_metrics = QFontMetricsF(_scaled(font, 1.0, QFont.Weight.DemiBold))
    pill_metrics = QFontMetricsF(_scaled(font, 0.8, QFont.Weight.DemiBold))
    titles = max((title_metrics.horizontalAdvance(r.title) for r in rows), default=0.0)
    pills = max((pill_metrics.horizontalAdvance(r.status_label) for r in rows), default=0.0)
    return 10 + 10 + 9 + titles + 8 + pills + 14 + 10 + 2


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
    painter.setBrush(seen_on(QColor(row.color), colors.background))
    painter.drawRoundedRect(swatch, 3, 3)

    pill_font = _scaled(font, 0.8, QFont.Weight.DemiBold)
    pill_metrics = QFontMetricsF(pill_font)
    title_font = _scaled(font, 1.0, QFont.Weight.DemiBold if selected else QFont.Weight.Normal)
    title_metrics = QFontMetricsF(title_font)
    title_left = swatch.right() + 9
    # The longest status wording that leaves the title its width, or at
    # least half of the room; the tooltip always has the full story.
    room = rect.right() - 10 - 8 - title_left
    wanted = min(title_metrics.horizontalAdvance(row.title), room / 2)
    choices = _status_wordings(row)
    text = next(
        (t for t in choices if room - pill_metrics.horizontalAdvance(t) - 14 >= wanted),
        choices[-1],
    )
    pill_w = pill_metrics.horizontalAdvance(text) + 14
    pill_h = min(pill_metrics.height() + 5, rect.height() - 6)
    pill = QRectF(rect.right() - 10 - pill_w, mid - pill_h / 2, pill_w, pill_h)
    title_room = pill.left() - 8 - title_left
    painter.setFont(title_font)
    painter.setPen(colors.text)
    title = title_metrics.elidedText(
        isolated(row.title), Qt.TextElideMode.ElideRight, max(title_room, 0)
    )
    painter.drawText(
        QRectF(title_left, rect.top(), max(title_room, 0), rect.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        title,
    )

    fill, outline, ink = status_pill(row.status, colors)
    painter.setBrush(fill)
    painter.setPen(QPen(outline, 1) if outline is not fill else Qt.PenStyle.NoPen)
    painter.drawRoundedRect(pill.adjusted(0.5, 0.5, -0.5, -0.5), pill_h / 2, pill_h / 2)
    painter.setFont(pill_font)
    painter.setPen(ink)
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def status_pill(status: MessageStatus | str, colors: StripColors) -> tuple[QColor, QColor, QColor]:
    """A status pill's fill, outline and words, in the panel and the sidebar alike (a
    few centimetres apart, they drew one status two ways, in two reds). Overdue is the
    only filled red pill; the others are tinted, so the difference shows without
    relying on hue."""
    if status == MessageStatus.OVERDUE:
        return colors.overdue, colors.overdue, colors.on_overdue
    if status == MessageStatus.UNPLANNED:
        return colors.unplanned_fill, colors.unplanned, colors.unplanned
    if status == MessageStatus.OK:
        return colors.ok_fill, colors.ok_fill, colors.ok
    return colors.neutral_fill, colors.neutral_fill, colors.text  # (muted read at 3.5:1)


_LEGEND_BAR = 26.0  # an overdue key's bar and the space after it: 5
_LEGEND_DOT = 12.0  # a channel's colour square and the space after it
_LEGEND_GAP = 14.0  # after each label
_LEGEND_KEYS = (
    ("overdue", "overdue", _LEGEND_BAR + 5),
    ("future", "overdue unless planned", _LEGEND_BAR + 5),
    ("today", "today", 7.0),
)
_INACTIVE_KEY = ("inactive", "outside its dates", _LEGEND_BAR + 5)
"""Said where a row shows days before its message starts or after it ends (hatched)."""


def outside_dates(rows: Sequence[StripRow], first: date, last: date) -> bool:
    """Whether any row shows days outside its message's dates from ``first`` to ``last``."""
    return not all(row.is_active(first) and row.is_active(last) for row in rows)


def _legend_font(font: QFont) -> QFont:
    return _scaled(font, 0.8)


def _legend_layout(
    channels: Sequence[str],
    metrics: QFontMetricsF,
    width: float,
    inactive: bool = False,
    keys: bool = True,
) -> list[tuple[str, str, float]]:
    """The key's items that fit in ``width``: (kind, text, x) for the overdue bars, the
    hatch of days outside a message's dates (``inactive``), the today line (unless not
    ``keys``: a line of channels going on from one above), as many channels as fit and
    "+N more" for the others."""
    advance = metrics.horizontalAdvance
    items: list[tuple[str, str, float]] = []
    x = 0.0
    marks = (*_LEGEND_KEYS[:2], _INACTIVE_KEY, _LEGEND_KEYS[2]) if inactive else _LEGEND_KEYS
    for kind, text, lead in marks if keys else ():
        if x + lead + advance(text) > width:
            return items
        items.append((kind, text, x))
        x += lead + advance(text) + _LEGEND_GAP
    for index, name in enumerate(channels):
        hidden = len(channels) - index - 1
        end = x + _LEGEND_DOT + advance(name)
        if hidden:
            end += _LEGEND_GAP + advance(f"+{hidden} more")
        if end > width:
            more = f"+{len(channels) - index} more"
            if x + advance(more) <= width:
                items.append(("more", more, x))
            return items
        items.append(("channel", name, x))
        x += _LEGEND_DOT + advance(name) + _LEGEND_GAP
    return items


def legend_texts(
    channels: Sequence[str], font: QFont, width: float, inactive: bool = False
) -> list[str]:
    """What the one-line key says in ``width``, item by item."""
    return [
        text
        for _, text, _ in _legend_layout(
            channels, QFontMetricsF(_legend_font(font)), width, inactive
        )
    ]


def legend_fit(
    channels: Sequence[str], font: QFont, width: float, inactive: bool = False, keys: bool = True
) -> int:
    """How many channels the one-line key shows in ``width``, before "+N more"."""
    items = _legend_layout(channels, QFontMetricsF(_legend_font(font)), width, inactive, keys)
    return sum(kind == "channel" for kind, _, _ in items)


def paint_legend(
    painter: QPainter,
    rect: QRectF,
    channels: Sequence[tuple[str, QColor]],
    colors: StripColors,
    font: QFont,
    inactive: bool = False,
    keys: bool = True,
) -> None:
    """A one-line key: the overdue bars, the hatch of days outside a message's dates
    (``inactive``: when a row shows some), the today line (unless not ``keys``), then
    the channels' colours, as many as fit and "+N more" for the rest; nothing is drawn
    past ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    small = _legend_font(font)
    metrics = QFontMetricsF(small)
    painter.setFont(small)
    mid = rect.center().y()
    names = [name for name, _ in channels]
    colour_of = iter(color for _, color in channels)
    for kind, text, offset in _legend_layout(names, metrics, rect.width(), inactive, keys):
        x = rect.left() + offset
        if kind == "inactive":
            bar = QRectF(x, mid - 5, _LEGEND_BAR, 10)
            painter.fillRect(bar, _hatch(painter, colors.hatch, 6.0, 1.0))
            painter.setPen(QPen(colors.grid, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(bar.adjusted(0.5, 0.5, -0.5, -0.5))
            x = bar.right() + 5
        elif kind in ("overdue", "future"):
            bar = QRectF(x, mid - 5, _LEGEND_BAR, 10)
            path = QPainterPath()
            path.addRoundedRect(bar, 5, 5)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors.overdue if kind == "overdue" else colors.overdue_future)
            painter.drawPath(path)
            painter.fillPath(path, _hatch(painter, colors.overdue_hatch, 5.0, 1.6))
            x = bar.right() + 5
        elif kind == "today":
            painter.setPen(QPen(colors.today, 2))
            painter.drawLine(QPointF(x + 1, mid - 7), QPointF(x + 1, mid + 7))
            x += 7
        elif kind == "channel":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(seen_on(next(colour_of), colors.background))
            painter.drawRoundedRect(QRectF(x, mid - 4, 7, 8), 2.5, 2.5)
            x += _LEGEND_DOT
        painter.setPen(colors.muted)
        painter.drawText(
            QRectF(x, rect.top(), metrics.horizontalAdvance(text) + 2, rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
    painter.restore()
