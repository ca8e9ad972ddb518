"""The "message delivery" report for leadership: its data and its pages (QtGui only).

:func:`build_delivery_report` reads what the report says from the store
(pure data: how often each key message went out in the range, on which
channels, its gaps and its status). The ``paint_*`` functions lay it out on
a page of any paint device, in points (1 unit = 1/72 inch), with pixel-sized
fonts so that the picture is the same on a PDF page and on an image:

* :func:`paint_overview` — the sentence a communicator reads out ("3 of 5 key
  messages on cadence; ..."), a table of every message, and the strips of
  every message over the range (the cadence panel's picture);
* :func:`paint_message_cards` — one card per message: its figures, its
  deliveries per channel as labelled bars, its deliveries per week, and its
  strip.

Everything that colour says is also said by a label, a pattern or a shape,
so the pages read in black-and-white print too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, QTextBoundaryFinder
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
)

from ..core.cadence import (
    OTHER_CHANNELS,
    CadenceReport,
    Gap,
    MessageCadence,
    MessageStatus,
    analyse_period,
    channel_counts,
    leaves_out,
    lump_unlisted,
)
from ..core.models import (
    Channel,
    KeyMessage,
    WeekStart,
    every_days,
    isolated,
    name_order,
    one_line,
)
from ..core.store import CalendarStore
from ..exchange.html import (
    RUNNING,
    cadence_sentence,
    day_text,
    days_unplanned,
    export_range,
    gaps_so_far,
    month_name,
    planned_from,
    report_messages,
    safe_color,
    status_label,
)
from .cadence_strip import (
    StripColors,
    StripLayout,
    StripRow,
    build_rows,
    legend_fit,
    outside_dates,
    paint_axis,
    paint_grid,
    paint_legend,
    paint_row_track,
    paint_today,
    row_shapes,
)
from .chips import mix

__all__ = [
    "CARDS_PER_PAGE",
    "TITLE_HEIGHT",
    "Block",
    "DeliveryReport",
    "MessageDelivery",
    "PageStyle",
    "build_delivery_report",
    "overview_pages",
    "paint_message_cards",
    "paint_overview",
]

CARDS_PER_PAGE = 2


# -- data -------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageDelivery:
    """How one key message went out over the report's range."""

    message: KeyMessage
    cadence: MessageCadence
    row: StripRow
    deliveries: int
    """Delivery days inside the range (several posts on one day count once)."""
    delivered: int
    """Of those, the days up to the as-of day: the rest are planned."""
    average_interval: float | None
    """The days the message ran in the range for each delivery day: one delivery every so
    many days, on average; None without a delivery."""
    channels: tuple[tuple[Channel, int], ...]
    """Delivery days per channel in the range, most first; channels with none left out."""
    weeks: tuple[tuple[date, int], ...]
    """Every week of the range (its first day) with its delivery days."""

    gaps_so_far: tuple[Gap, ...]
    """The gaps that started on or before the as-of day, cut at it: days it was overdue."""
    days_unplanned: int
    """Gap days after the as-of day: overdue then unless something gets planned."""

    @property
    def longest_gap(self) -> int:
        """The longest stretch it has been overdue so far, in days, from when it began
        (before the period too, as its bar and the status count)."""
        return max((g.length for g in self.gaps_so_far), default=0)


@dataclass(frozen=True)
class DeliveryReport:
    name: str
    timezone: str
    """The calendar's zone, whose clock its times are on."""
    first: date
    last: date
    as_of: date
    week_start: WeekStart
    rest_days: frozenset[int]
    """The days of the week (Monday 0) shaded as the weekend."""
    channels: tuple[Channel, ...]
    messages: tuple[MessageDelivery, ...]
    cadence: CadenceReport
    sentence: str


def build_delivery_report(
    store: CalendarStore,
    *,
    as_of: date,
    first: date | None = None,
    last: date | None = None,
    message_ids: frozenset[int] = frozenset(),
    channel_ids: frozenset[int] = frozenset(),
    archived_messages: frozenset[int] = frozenset(),
    rest_days: frozenset[int] | None = None,
) -> DeliveryReport:
    """What the report says about ``[first, last]`` (default: the export range) as of a day.

    Deliveries count on every channel: a message's cadence is about the whole
    plan. ``message_ids`` limits the messages (all that are not archived when
    empty, and the archived ``archived_messages``). The channels not in ``channel_ids``
    (when given) are counted but not named: they are :data:`.OTHER_CHANNELS` in the
    marks and channel counts. ``rest_days``: the weekend shaded (None, that of the
    locale the environment names, as the web page reads it).
    """
    from ..exchange.formats import ExportOptions

    asked = ExportOptions(first=first, last=last, rest_days=rest_days)
    first, last = export_range(asked, as_of, planned_from(store))
    info = store.info()
    channels = store.channels(include_archived=True)
    by_id = {c.id: c for c in channels}
    messages = report_messages(store, message_ids, archived_messages)
    # What the analysis of the period sees (the whole calendar's, read at 300,000 posts,
    # took 0.6 s before a first progress).
    window = (first, last)
    rows = store.delivery_rows(as_of, [m.id for m in messages], window=window) if messages else []
    cadence = analyse_period(messages, channels, rows, as_of, first, last)
    if leaves_out(channel_ids, channels):
        channels = [*(c for c in channels if c.id in channel_ids), OTHER_CHANNELS]
        by_id = {c.id: c for c in channels}
        rows = lump_unlisted(rows, channel_ids)
    order = [c.id for c in sorted(channels, key=lambda c: (c.sort_order, name_order(c.name)))]
    strips = build_rows(messages, cadence, rows, first, last, order)

    week_zero = info.week_start.week_of(first)
    week_count = (last - week_zero).days // 7 + 1
    per_channel = channel_counts(messages, rows, first, last)

    results = []
    for message, analysed, strip in zip(messages, cadence.messages, strips, strict=True):
        days = analysed.deliveries
        # Over the days the message ran in the period, not from its first delivery to its
        # last: three posts in four months read "every 3.5 days" beside a month overdue.
        # And of its deliveries those in them: eight posts before a message starts read
        # "every 5.5 d" beside the 41 days it will be overdue.
        interval = None
        if strip.active_first is not None and strip.active_last is not None:
            first_day, last_day = strip.active_first, strip.active_last
            inside = sum(1 for day in days if first_day <= day <= last_day)
            if inside:
                interval = ((last_day - first_day).days + 1) / inside
        weekly = [0] * week_count
        for day in days:
            weekly[(day - week_zero).days // 7] += 1
        so_far = gaps_so_far(analysed.gaps, as_of)
        ahead = days_unplanned(analysed.gaps, as_of)
        counts = sorted(
            ((by_id[c], n) for c, n in per_channel.get(message.id, {}).items() if c in by_id),
            key=lambda item: (-item[1], item[0].sort_order, name_order(item[0].name)),
        )
        results.append(
            MessageDelivery(
                message=message,
                cadence=analysed,
                row=strip,
                deliveries=len(days),
                delivered=sum(1 for day in days if day <= as_of),
                average_interval=interval,
                channels=tuple(counts),
                weeks=tuple((week_zero + timedelta(days=7 * i), n) for i, n in enumerate(weekly)),
                gaps_so_far=so_far,
                days_unplanned=ahead,
            )
        )
    return DeliveryReport(
        name=info.name,
        timezone=info.timezone,
        first=first,
        last=last,
        as_of=as_of,
        week_start=info.week_start,
        rest_days=asked.days_of_rest(),
        channels=tuple(channels),
        messages=tuple(results),
        cadence=cadence,
        sentence=cadence_sentence(cadence.messages, messages, as_of),
    )


# -- style ------------------------------------------------------------------------

_FAMILIES = ("Inter", "Source Sans 3", "Noto Sans", "Liberation Sans", "Arial", "DejaVu Sans")


@dataclass
class PageStyle:
    """Fonts and colours of printed pages: a fixed light palette, whatever the desktop's."""

    family: str = ""
    ink: QColor = field(default_factory=lambda: QColor("#1b2230"))
    muted: QColor = field(default_factory=lambda: QColor("#5b6473"))
    faint: QColor = field(default_factory=lambda: QColor("#8b93a0"))
    line: QColor = field(default_factory=lambda: QColor("#dfe3e8"))
    soft: QColor = field(default_factory=lambda: QColor("#f4f5f7"))
    paper: QColor = field(default_factory=lambda: QColor("#ffffff"))
    today: QColor = field(default_factory=lambda: QColor("#2f6fde"))
    overdue: QColor = field(default_factory=lambda: QColor("#c62a27"))
    ok: QColor = field(default_factory=lambda: QColor("#1f7a3a"))
    warn: QColor = field(default_factory=lambda: QColor("#8a5a05"))

    def __post_init__(self) -> None:
        if not self.family:
            available = set(QFontDatabase.families())
            self.family = next((f for f in _FAMILIES if f in available), QFont().family())

    def font(self, size: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        """A font ``size`` points high on a page laid out in points."""
        font = QFont(self.family)
        font.setPixelSize(max(round(size), 1))
        font.setWeight(weight)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def palette(self) -> QPalette:
        palette = QPalette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Base, self.paper)
            palette.setColor(group, QPalette.ColorRole.Window, self.soft)
            palette.setColor(group, QPalette.ColorRole.Text, self.ink)
            palette.setColor(group, QPalette.ColorRole.WindowText, self.ink)
            palette.setColor(group, QPalette.ColorRole.Highlight, self.today)
            palette.setColor(group, QPalette.ColorRole.HighlightedText, self.paper)
            palette.setColor(group, QPalette.ColorRole.Mid, self.faint)
        return palette

    def strip_colors(self) -> StripColors:
        return StripColors.from_palette(self.palette())


def _text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    color: QColor,
    flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    *,
    elide: bool = True,
) -> float:
    """Draw one line of ``text`` in ``rect`` (elided to fit); return its width."""
    metrics = QFontMetricsF(font)
    text = isolated(text)  # a Hebrew or Arabic name reads right to left on the page
    if elide:
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(rect.width(), 0))
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(rect, int(flags), text)
    return metrics.horizontalAdvance(text)


def wrap_line(
    text: str, metrics: QFontMetricsF, width: float, next_width: float | None = None
) -> tuple[str, str]:
    """What of ``text`` fits on a line ``width`` wide, and the rest.

    Lines break where the script allows (between words, between the characters of
    Japanese or Chinese, after a hyphen: Unicode's line breaking); a word too long for
    a line of its own ("Donaudampfschifffahrt") is broken inside. Given the width of
    the lines after (``next_width``), a first word that fits there goes there whole
    (the first line of a chip, beside its time and dots, cut "Serv|icetechniker").
    """
    if metrics.horizontalAdvance(text) <= width:
        return text, ""
    # Qt counts in UTF-16 units; Python, in characters (an emoji is two units, one char).
    index_of = {0: 0}
    units = 0
    for index, char in enumerate(text, 1):
        units += 2 if ord(char) > 0xFFFF else 1
        index_of[units] = index

    def last_fitting(kind: QTextBoundaryFinder.BoundaryType) -> int:
        """The last boundary of ``kind`` up to which the text fits (0: none)."""
        finder = QTextBoundaryFinder(kind, text)
        cut = 0
        while (found := finder.toNextBoundary()) != -1:
            end = index_of.get(found, 0)
            if metrics.horizontalAdvance(text[:end].rstrip()) > width:
                break
            cut = end
        return cut

    cut = last_fitting(QTextBoundaryFinder.BoundaryType.Line)
    if cut == 0 and next_width is not None:
        finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
        word = text[: index_of.get(finder.toNextBoundary(), len(text))].rstrip()
        if metrics.horizontalAdvance(word) <= next_width:
            return "", text
    if cut == 0:
        # Not even the first word fits: break inside it, between the characters a reader
        # sees (a letter stays with its accent or vowel sign), one at the least.
        cut = last_fitting(QTextBoundaryFinder.BoundaryType.Grapheme)
        if cut == 0:
            finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
            cut = index_of.get(finder.toNextBoundary(), len(text))
    return text[:cut].rstrip(), text[cut:].lstrip()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def status_pill_width(
    style: PageStyle, status: MessageStatus, overdue_days: int, size: float = 8.0
) -> float:
    """The width :func:`paint_status_pill` gives the pill of this status."""
    metrics = QFontMetricsF(style.font(size, QFont.Weight.DemiBold))
    return metrics.horizontalAdvance(status_label(status, overdue_days)) + 14


def paint_status_pill(
    painter: QPainter,
    style: PageStyle,
    status: MessageStatus,
    overdue_days: int,
    right: float,
    mid: float,
    size: float = 8.0,
) -> QRectF:
    """The status as a labelled pill whose right edge is ``right``; returns its rect.

    Overdue is the only filled, dark pill; the others are outlined, so that
    the difference survives black-and-white print.
    """
    font = style.font(size, QFont.Weight.DemiBold)
    metrics = QFontMetricsF(font)
    text = status_label(status, overdue_days)
    height = metrics.height() + 4
    width = status_pill_width(style, status, overdue_days, size)
    rect = QRectF(right - width, mid - height / 2, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if status == MessageStatus.OVERDUE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.overdue)
        ink = QColor("#ffffff")
    elif status == MessageStatus.OK:
        painter.setPen(QPen(style.ok, 0.8))
        painter.setBrush(mix(style.paper, style.ok, 0.1))
        ink = style.ok
    elif status == MessageStatus.UNPLANNED:
        pen = QPen(style.warn, 0.8, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(mix(style.paper, QColor("#e0a93b"), 0.14))
        ink = style.warn
    else:
        painter.setPen(QPen(style.line, 0.8))
        painter.setBrush(style.soft)
        ink = style.muted
    painter.drawRoundedRect(rect.adjusted(0.4, 0.4, -0.4, -0.4), height / 2, height / 2)
    painter.restore()
    _text(painter, rect, text, font, ink, Qt.AlignmentFlag.AlignCenter, elide=False)
    return rect


def paint_page_title(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    eyebrow: str,
    title: str,
    subtitle: str,
) -> float:
    """The title block at the top of ``rect``; returns the y below it."""
    y = rect.top()
    _text(
        painter,
        QRectF(rect.left(), y, rect.width(), 11),
        eyebrow.upper(),
        _spaced(style.font(7.5, QFont.Weight.DemiBold)),
        style.muted,
    )
    y += 13
    # A long client's name smaller, down to two thirds, rather than cut on every page
    # ("…Cooperative of the Greater Rotte…"), the footer alone naming it whole.
    title_font = _fitting(style, title, rect.width(), (21, 19, 17, 15, 14), QFont.Weight.DemiBold)
    _text(painter, QRectF(rect.left(), y, rect.width(), 27), title, title_font, style.ink)
    y += 28
    # Smaller where it is long, rather than cut: "the plan shows Linked…" left the
    # client's leadership guessing which channels the month pages show.
    font = _fitting(style, subtitle, rect.width(), (9.5, 8.5, 7.5))
    _text(painter, QRectF(rect.left(), y, rect.width(), 13), subtitle, font, style.muted)
    return y + 13


def _fitting(
    style: PageStyle,
    text: str,
    width: float,
    sizes: tuple[float, ...],
    weight: QFont.Weight = QFont.Weight.Normal,
) -> QFont:
    """The font of the largest of ``sizes`` ``text`` fits ``width`` in, else the least."""
    fonts = [style.font(size, weight) for size in sizes]
    return next(
        (f for f in fonts if QFontMetricsF(f).horizontalAdvance(isolated(text)) <= width),
        fonts[-1],
    )


TITLE_HEIGHT = 54.0
"""The height of :func:`paint_page_title`'s block."""


def _spaced(font: QFont) -> QFont:
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
    return font


def paint_footer(painter: QPainter, style: PageStyle, rect: QRectF, left: str, right: str) -> None:
    """A thin rule and one line of small text along the bottom of ``rect``."""
    painter.save()
    painter.setPen(QPen(style.line, 0.6))
    painter.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top()))
    painter.restore()
    font = style.font(7)
    line = QRectF(rect.left(), rect.top() + 3, rect.width(), rect.height() - 3)
    room = _text(painter, line, right, font, style.faint, Qt.AlignmentFlag.AlignRight)
    # The left text stops short of the right one (a long calendar name ran under
    # "Page 1 of 5").
    _text(painter, line.adjusted(0, 0, -(room + 12), 0), left, font, style.faint)


# -- the overview -----------------------------------------------------------------

TABLE_ROW = 21.0
STRIP_ROW = 26.0
_TABLE_HEADER = 18.0
_AXIS = 26.0


Block = tuple[str, int, int]
"""A part of an overview page: ``("sentence", 0, 0)``, ``("table", a, b)`` or
``("chart", a, b)`` with ``a, b`` a slice of the report's messages."""

_CHART_EXTRA = 14 + _AXIS + 8 + 12
"""A chart's height besides its rows and its key: label, axis, space after."""


def overview_pages(report: DeliveryReport, style: PageStyle, rect: QRectF) -> list[list[Block]]:
    """The overview's pages, each a list of blocks that fit in ``rect``.

    The sentence comes first, then the table of every message, then the
    strips of every message; a table or chart that does not fit goes on over
    the next pages. The chart, the one picture of who has gaps, is kept whole on
    a page of its own where it fits on one (it was cut three rows and four);
    longer, it starts on a new page unless three rows fit.
    """
    pages: list[list[Block]] = [[("sentence", 0, 0)]]
    room = rect.height() - _sentence_height(style, rect.width(), report.sentence) - 16
    count = len(report.messages)
    # Besides its rows, a table has its label, header, note and the space after it.
    table_extra = 14 + _TABLE_HEADER + 3 + _table_note_height(style, rect.width()) + 20
    key = LEGEND_LINE * len(_legend_lines(report, style, rect.width()))
    for kind, row_h, extra, least in (
        ("table", TABLE_ROW, table_extra, 1),
        ("chart", STRIP_ROW, _CHART_EXTRA + key, 3),
    ):
        start = 0
        whole = extra + row_h * count
        if kind == "chart" and room < whole <= rect.height():
            pages.append([])
            room = rect.height()
        while start < count:
            fit = int((room - extra) // row_h)
            fresh = room == rect.height()  # (where fewer fit, as many as do: at least one)
            if fit < min(least, count - start) and not fresh:
                pages.append([])
                room = rect.height()
                continue
            fit = max(fit, 1)
            stop = min(start + fit, count)
            pages[-1].append((kind, start, stop))
            room -= extra + row_h * (stop - start)
            start = stop
    return pages


def paint_overview(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    report: DeliveryReport,
    blocks: Sequence[Block],
) -> None:
    """One overview page (see :func:`overview_pages`) inside ``rect``."""
    y = rect.top()
    for kind, start, stop in blocks:
        messages = report.messages[start:stop]
        if kind == "sentence":
            y = _paint_sentence(painter, style, QRectF(rect.left(), y, rect.width(), 0), report)
            y += 16
        elif kind == "table":
            more = " (continued)" if start else ""
            _section_label(painter, style, rect.left(), y, "Key messages at a glance" + more)
            y += 14
            y = _paint_table(
                painter, style, QRectF(rect.left(), y, rect.width(), 0), messages, report.as_of
            )
            y += 20
        elif kind == "chart":
            more = " (continued)" if start else ""
            label = "Deliveries and gaps over the period" + more
            _section_label(painter, style, rect.left(), y, label)
            y += 14
            height = _AXIS + STRIP_ROW * len(messages)
            chart = QRectF(rect.left(), y, rect.width(), height)
            paint_strips(painter, style, chart, report, messages)
            y = chart.bottom() + 8
            y = _paint_strip_legend(painter, style, QRectF(rect.left(), y, rect.width(), 0), report)
            y += 12


_SENTENCE_FLAGS = int(
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
)


def _sentence_height(style: PageStyle, width: float, text: str) -> float:
    metrics = QFontMetricsF(style.font(13))
    bounds = metrics.boundingRect(QRectF(0, 0, width - 28, 10_000), _SENTENCE_FLAGS, text)
    return bounds.height() + 18


def _section_label(painter: QPainter, style: PageStyle, x: float, y: float, text: str) -> None:
    _text(
        painter,
        QRectF(x, y, 600, 11),
        text.upper(),
        _spaced(style.font(7.5, QFont.Weight.Bold)),
        style.muted,
    )


def _paint_sentence(
    painter: QPainter, style: PageStyle, rect: QRectF, report: DeliveryReport
) -> float:
    """The summary sentence in a quiet box with a rule on its left; returns its bottom."""
    height = _sentence_height(style, rect.width(), report.sentence)
    box = QRectF(rect.left(), rect.top(), rect.width(), height)
    painter.fillRect(box, style.soft)
    statuses = {m.cadence.status for m in report.messages}
    # Amber where a message has nothing planned in time, or days ahead overdue unless
    # planned: green read "all is well" over a plan red for most of its period.
    # (of the messages running, as the sentence counts them: one not started yet, its
    # first weeks ahead unplanned, made it amber beside "Both key messages on cadence")
    ahead = any(m.days_unplanned for m in report.messages if m.cadence.status in RUNNING)
    if MessageStatus.OVERDUE in statuses:
        rule = style.overdue
    elif MessageStatus.UNPLANNED in statuses or ahead:
        rule = style.warn
    else:
        rule = style.ok
    painter.fillRect(QRectF(box.left(), box.top(), 3, box.height()), rule)
    painter.setFont(style.font(13))
    painter.setPen(style.ink)
    painter.drawText(box.adjusted(14, 9, -14, -9), _SENTENCE_FLAGS, report.sentence)
    return box.bottom()


_COLUMNS = (
    ("Key message", Qt.AlignmentFlag.AlignLeft),
    ("Status", Qt.AlignmentFlag.AlignLeft),
    ("Cadence", Qt.AlignmentFlag.AlignLeft),
    ("Deliveries", Qt.AlignmentFlag.AlignRight),
    ("On average", Qt.AlignmentFlag.AlignRight),
    ("Gaps so far", Qt.AlignmentFlag.AlignRight),
    ("Longest", Qt.AlignmentFlag.AlignRight),
    ("Ahead", Qt.AlignmentFlag.AlignRight),
    ("Last", Qt.AlignmentFlag.AlignRight),
    ("Next", Qt.AlignmentFlag.AlignRight),
)
_COLUMN_GAP = 12.0
_TABLE_NOTE = (
    "Status: today's. Deliveries: days in the period with a post carrying the message, on any"
    " channel, those planned included. On average: the days the message ran in the period,"
    " divided by its deliveries in them. Gaps so far: overdue stretches up to today; Longest:"
    " the longest, from the day it began. Ahead: days after today overdue unless a post is"
    " planned."
)
_NOTE_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


def _every(days: float | None) -> str:
    if days is None:
        return "—"
    text = f"{days:.1f}".rstrip("0").rstrip(".")
    return f"every {text} d"


def _table_cells(item: MessageDelivery, as_of: date) -> tuple[str, ...]:
    """The cells after the title and the status, in the order of :data:`_COLUMNS`."""
    cadence = item.cadence
    longest = item.longest_gap
    return (
        f"every {cadence.cadence_days} d",
        str(item.deliveries),
        _every(item.average_interval),
        str(len(item.gaps_so_far)),
        f"{longest} d" if longest else "—",
        f"{item.days_unplanned} d" if item.days_unplanned else "—",
        day_text(cadence.last_delivery, year=as_of),
        day_text(cadence.next_delivery, year=as_of),
    )


def _column_widths(
    style: PageStyle,
    width: float,
    messages: Sequence[MessageDelivery],
    rows: Sequence[tuple[str, ...]],
) -> list[float]:
    """Each column as wide as its header and its widest cell; the titles get the rest.

    Measured, not fixed, so that a wide font (DejaVu Sans, where no other is
    installed) keeps every header and figure whole; only a title too long for
    the room left is shortened.
    """
    head = QFontMetricsF(style.font(7.5, QFont.Weight.DemiBold))
    body = QFontMetricsF(style.font(9))
    status_w = max(
        [head.horizontalAdvance("Status")]
        + [status_pill_width(style, m.cadence.status, m.cadence.overdue_days) for m in messages]
    )
    widths = [0.0, math.ceil(status_w)]
    for index, (name, _) in enumerate(_COLUMNS[2:]):
        cells = [body.horizontalAdvance(row[index]) for row in rows]
        widths.append(math.ceil(max([head.horizontalAdvance(name), *cells])))
    widths[0] = width - sum(widths) - _COLUMN_GAP * (len(widths) - 1)
    return widths


def _table_note_height(style: PageStyle, width: float) -> float:
    """The height of the note under the table: its text wrapped, whole (cut at two
    lines, its last words were not printed)."""
    metrics = QFontMetricsF(style.font(7.5))
    return metrics.boundingRect(QRectF(0, 0, width, 10_000), _NOTE_FLAGS, _TABLE_NOTE).height()


def _paint_table(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    messages: Sequence[MessageDelivery],
    as_of: date,
) -> float:
    rows = [_table_cells(item, as_of) for item in messages]
    widths = _column_widths(style, rect.width(), messages, rows)
    xs = [rect.left()]
    for w in widths[:-1]:
        xs.append(xs[-1] + w + _COLUMN_GAP)
    head = style.font(7.5, QFont.Weight.DemiBold)
    y = rect.top()
    for (name, align), x, w in zip(_COLUMNS, xs, widths, strict=True):
        _text(
            painter,
            QRectF(x, y, w, _TABLE_HEADER),
            name,
            head,
            style.muted,
            align | Qt.AlignmentFlag.AlignVCenter,
        )
    y += _TABLE_HEADER
    painter.setPen(QPen(style.ink, 0.8))
    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    body = style.font(9)
    bold = style.font(9, QFont.Weight.DemiBold)
    for item, cells in zip(messages, rows, strict=True):
        cadence = item.cadence
        mid = y + TABLE_ROW / 2
        swatch = QRectF(xs[0], mid - 4, 8, 8)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(safe_color(item.message.color)))
        painter.drawRoundedRect(swatch, 2, 2)
        painter.restore()
        _text(
            painter,
            QRectF(xs[0] + 14, y, widths[0] - 14, TABLE_ROW),
            item.message.title,
            bold,
            style.ink,
        )
        pill_w = status_pill_width(style, cadence.status, cadence.overdue_days)
        paint_status_pill(painter, style, cadence.status, cadence.overdue_days, xs[1] + pill_w, mid)
        for (_, align), x, w, value in zip(_COLUMNS[2:], xs[2:], widths[2:], cells, strict=True):
            _text(
                painter,
                QRectF(x, y, w, TABLE_ROW),
                value,
                body,
                style.ink,
                align | Qt.AlignmentFlag.AlignVCenter,
            )
        y += TABLE_ROW
        painter.setPen(QPen(style.line, 0.6))
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    note_h = _table_note_height(style, rect.width())
    painter.setFont(style.font(7.5))
    painter.setPen(style.faint)
    painter.drawText(QRectF(rect.left(), y + 3, rect.width(), note_h), _NOTE_FLAGS, _TABLE_NOTE)
    return y + 3 + note_h


def _strip_layout(report: DeliveryReport, left: float, right: float) -> StripLayout:
    return StripLayout(report.first, report.last, left, right, rest=report.rest_days)


def paint_strips(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    report: DeliveryReport,
    messages: Sequence[MessageDelivery],
) -> None:
    """The cadence panel's picture: an axis, then one strip per message, today across."""
    colors = style.strip_colors()
    label_w = min(210.0, rect.width() * 0.28)
    layout = _strip_layout(report, rect.left() + label_w, rect.right())
    week_start = report.week_start.weekday
    font = style.font(9)
    axis = QRectF(layout.left, rect.top(), layout.right - layout.left, _AXIS)
    rows = QRectF(layout.left, axis.bottom(), axis.width(), STRIP_ROW * len(messages))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    paint_grid(painter, layout, rows, colors)
    paint_axis(painter, layout, axis, colors, font, week_start=week_start, today=report.as_of)
    channel_colors = {c.id: QColor(safe_color(c.color)) for c in report.channels}
    title_font = style.font(9, QFont.Weight.DemiBold)
    for index, item in enumerate(messages):
        top = rows.top() + index * STRIP_ROW
        color = QColor(safe_color(item.message.color))
        mid = top + STRIP_ROW / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(rect.left(), mid - 4, 8, 8), 2, 2)
        _text(
            painter,
            QRectF(rect.left() + 14, top, label_w - 24, STRIP_ROW),
            item.message.title,
            title_font,
            style.ink,
        )
        track = QRectF(layout.left, top, layout.right - layout.left, STRIP_ROW)
        shapes = row_shapes(layout, item.row, track, report.as_of, period=True)
        paint_row_track(painter, shapes, colors, channel_colors, font, color)
        painter.setPen(QPen(colors.grid, 0.6))
        painter.drawLine(
            QPointF(rect.left(), track.bottom()), QPointF(rect.right(), track.bottom())
        )
    paint_today(painter, layout, rows.top(), rows.bottom(), colors, report.as_of)
    painter.restore()


LEGEND_LINE = 14.0
"""The height of a line of the chart's key."""


def _legend_lines(report: DeliveryReport, style: PageStyle, width: float) -> list[list[Channel]]:
    """The chart's key, line by line: the marks and the channels that fit after them,
    then the other channels on lines of their own (behind "+3 more", the colours of
    three channels were told nowhere, with half the page empty)."""
    used = {c.id for m in report.messages for c, _ in m.channels}
    listed = [
        c
        for c in sorted(report.channels, key=lambda c: (c.sort_order, name_order(c.name)))
        if c.id in used
    ]
    inactive = _legend_inactive(report)
    font = style.font(9.5)
    lines: list[list[Channel]] = []
    while listed or not lines:
        if len(lines) == LEGEND_LINES - 1:  # the last: as many as fit, then "+N more"
            lines.append(listed)
            break
        fit = legend_fit([c.name for c in listed], font, width, inactive, keys=not lines)
        fit = fit if fit or not lines else 1  # (a name longer than the line is cut)
        lines.append(listed[:fit])
        listed = listed[fit:]
    return lines


LEGEND_LINES = 4
"""The most lines the chart's key takes: a page keeps room for its strips (thirty
channels of long names took the page, and the report was laid out for ever)."""


def _legend_inactive(report: DeliveryReport) -> bool:
    """Whether the key shows the hatch of days outside a message's dates."""
    return outside_dates([m.row for m in report.messages], report.first, report.last)


def _paint_strip_legend(
    painter: QPainter, style: PageStyle, rect: QRectF, report: DeliveryReport
) -> float:
    """The chart's key from the top of ``rect``, on as many lines as it needs; returns
    its bottom."""
    inactive = _legend_inactive(report)
    y = rect.top()
    for number, line in enumerate(_legend_lines(report, style, rect.width())):
        channels = [(c.name, QColor(safe_color(c.color))) for c in line]
        at = QRectF(rect.left(), y, rect.width(), LEGEND_LINE)
        keys = number == 0
        paint_legend(painter, at, channels, style.strip_colors(), style.font(9.5), inactive, keys)
        y += LEGEND_LINE
    return y


# -- cards ------------------------------------------------------------------------


def paint_message_cards(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    report: DeliveryReport,
    messages: Sequence[MessageDelivery],
) -> None:
    """Up to :data:`CARDS_PER_PAGE` message cards stacked in ``rect``.

    A slot left free (the last page of an odd number of messages) holds
    :func:`paint_reading_notes`.
    """
    gap = 14.0
    height = (rect.height() - gap * (CARDS_PER_PAGE - 1)) / CARDS_PER_PAGE
    # One width for the figures of every card of the report, so that their columns line up.
    figures_w = _figures_width(style, report.messages)
    for index, item in enumerate(messages):
        top = rect.top() + index * (height + gap)
        card = QRectF(rect.left(), top, rect.width(), height)
        _paint_card(painter, style, card, report, item, figures_w)
    if len(messages) < CARDS_PER_PAGE:
        top = rect.top() + len(messages) * (height + gap)
        paint_reading_notes(
            painter, style, QRectF(rect.left(), top, rect.width(), height), report.as_of
        )


def reading_notes(as_of: date) -> list[tuple[str, str]]:
    """What the report's words mean, for a reader who did not make the calendar."""
    return [
        (
            "Delivery",
            "a day on which at least one scheduled or published post carried the key "
            "message, on any channel. Drafts count from their day on; ideas, cancelled posts "
            "and drafts whose day passed never count.",
        ),
        (
            "Cadence",
            "how often a message must be repeated to land: after a delivery it is on time "
            "for as many days as its cadence.",
        ),
        (
            "Overdue",
            "the days after that until it goes out again. On the strips, solid red marks the "
            "days overdue up to today; pale red the days ahead that will be overdue unless a "
            "post is planned. A bar's number up to today counts how long the message has been "
            "overdue by then; a bar ahead of today, its days in the period.",
        ),
        (
            "Status",
            f"as of {day_text(as_of, year=True)}: on cadence (its next delivery is planned in "
            "time), not planned in time (on time today, but nothing on the calendar before "
            "it falls due), overdue by so many days, upcoming (it starts later) or ended.",
        ),
        (
            "On average",
            "one delivery every so many days: the days the message ran in the period,"
            " divided by its deliveries in them.",
        ),
    ]


def paint_reading_notes(painter: QPainter, style: PageStyle, rect: QRectF, as_of: date) -> None:
    """ "How to read this report": a short glossary in a quiet box at the top of ``rect``."""
    term_font = style.font(8.5, QFont.Weight.DemiBold)
    body_font = style.font(8.5)
    metrics = QFontMetricsF(body_font)
    term_w = 78.0
    inner = rect.adjusted(18, 14, -18, -12)
    width = min(inner.width() - term_w, 560)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    entries = []
    y = inner.top() + 24
    for term, meaning in reading_notes(as_of):
        height = metrics.boundingRect(QRectF(0, 0, width, 1000), flags, meaning).height()
        if y + height > inner.bottom():
            break
        entries.append((term, meaning, y, height))
        y += height + 7
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.soft)
    painter.drawRoundedRect(QRectF(rect.left(), rect.top(), rect.width(), y - rect.top() + 8), 6, 6)
    painter.restore()
    _text(
        painter,
        QRectF(inner.left(), inner.top(), inner.width(), 16),
        "How to read this report",
        style.font(11, QFont.Weight.DemiBold),
        style.ink,
    )
    for term, meaning, top, height in entries:
        _text(
            painter,
            QRectF(inner.left(), top, term_w - 8, metrics.height()),
            term,
            term_font,
            style.ink,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )
        painter.setFont(body_font)
        painter.setPen(style.muted)
        painter.drawText(QRectF(inner.left() + term_w, top, width, height), flags, meaning)


def _paint_card(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    report: DeliveryReport,
    item: MessageDelivery,
    figures_w: float,
) -> None:
    cadence = item.cadence
    color = QColor(safe_color(item.message.color))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(style.line, 0.8))
    painter.setBrush(style.paper)
    painter.drawRoundedRect(rect, 6, 6)
    # The message's colour as a band on the left, like a chip's stripe.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    band = QRectF(rect.left(), rect.top(), 4, rect.height())
    painter.setClipRect(band)
    painter.drawRoundedRect(rect, 6, 6)
    painter.restore()

    pad = 14.0
    inner = rect.adjusted(pad + 4, 12, -pad, -10)
    # Heading: title, cadence, status.
    title_font = style.font(13, QFont.Weight.DemiBold)
    pill = paint_status_pill(
        painter, style, cadence.status, cadence.overdue_days, inner.right(), inner.top() + 9, 8.5
    )
    width = _text(
        painter,
        QRectF(inner.left(), inner.top(), pill.left() - inner.left() - 100, 18),
        item.message.title,
        title_font,
        style.ink,
    )
    _text(
        painter,
        QRectF(inner.left() + width + 10, inner.top() + 1, 160, 18),
        every_days(cadence.cadence_days),
        style.font(9),
        style.muted,
    )
    statement = one_line(item.message.statement)
    y = inner.top() + 19
    if statement:  # on two lines (one cut a statement of two sentences in its first)
        font = style.font(8.5)
        metrics = QFontMetricsF(font)
        first, rest = wrap_line(statement, metrics, inner.width())
        for line, text in enumerate((first, rest)):
            if text:
                spacing = metrics.lineSpacing()
                line_rect = QRectF(inner.left(), y - 1 + line * spacing, inner.width(), spacing)
                _text(painter, line_rect, text, font, style.muted)
    y += 24

    strip_h = 40.0
    body = QRectF(inner.left(), y, inner.width(), inner.bottom() - strip_h - 14 - y)
    channels_w = 230.0
    _paint_figures(painter, style, QRectF(body.left(), body.top(), figures_w, body.height()), item)
    _paint_channel_bars(
        painter,
        style,
        QRectF(body.left() + figures_w + 18, body.top(), channels_w, body.height()),
        item,
    )
    weeks_left = body.left() + figures_w + channels_w + 36
    _paint_weeks(
        painter,
        style,
        QRectF(weeks_left, body.top(), body.right() - weeks_left, body.height()),
        report,
        item,
        color,
    )
    _paint_card_strip(
        painter,
        style,
        QRectF(inner.left(), inner.bottom() - strip_h, inner.width(), strip_h),
        report,
        item,
        color,
    )


_FIGURE_NUMBER_W = 46.0
_FIGURES_W = (230.0, 320.0)
"""The figures column of a card: at least this wide, and at most, fitting its notes between."""


def _figures_width(style: PageStyle, items: Sequence[MessageDelivery]) -> float:
    """The width the cards' figures need for their words, within :data:`_FIGURES_W`."""
    label = QFontMetricsF(style.font(8.5, QFont.Weight.DemiBold))
    note = QFontMetricsF(style.font(7.5))
    words = max(
        (
            max(label.horizontalAdvance(what), note.horizontalAdvance(detail))
            for item in items
            for _, what, detail in _figures(item)
        ),
        default=0.0,
    )
    least, most = _FIGURES_W
    return min(max(least, math.ceil(_FIGURE_NUMBER_W + 4 + words)), most)


def _figures(item: MessageDelivery) -> tuple[tuple[str, str, str], ...]:
    """A card's four figures: (the number, what it counts, a note)."""
    cadence = item.cadence
    interval = item.average_interval
    gaps = item.gaps_so_far
    longest = max(gaps, key=lambda g: (g.length, g.start), default=None)
    overdue_days = sum(g.days for g in gaps)
    if gaps:
        overdue_note = f"{_plural(overdue_days, 'day')} overdue in the period"
    else:
        overdue_note = "not overdue once in the period"
    if item.days_unplanned:  # days, as the gaps' ("32 ahead" read as 32 stretches)
        overdue_note += f"; {_plural(item.days_unplanned, 'day')} ahead not planned yet"
    return (
        (
            str(item.deliveries),
            "delivery" if item.deliveries == 1 else "deliveries",
            f"in the period: {item.delivered} so far, {item.deliveries - item.delivered} planned",
        ),
        (
            "—" if interval is None else f"{interval:.1f}".rstrip("0").rstrip("."),
            "days a delivery, on average",
            f"its cadence asks for at most {cadence.cadence_days}"
            # (a plan on time read as falling short, the weeks ahead not planned yet)
            + ("; days not planned yet count" if item.days_unplanned else ""),
        ),
        (
            str(len(gaps)),
            "gap so far" if len(gaps) == 1 else "gaps so far",  # as the table names them
            overdue_note,
        ),
        (
            str(longest.length) if longest else "0",
            "days, the longest one",
            f"{day_text(longest.since, weekday=False)} – {day_text(longest.end, weekday=False)}"
            if longest
            else "none so far",
        ),
    )


def _paint_figures(
    painter: QPainter, style: PageStyle, rect: QRectF, item: MessageDelivery
) -> None:
    """Four figures, one a line: a big number, what it counts, and a note."""
    big = style.font(16, QFont.Weight.DemiBold)
    label = style.font(8.5, QFont.Weight.DemiBold)
    note = style.font(7.5)
    number_w = _FIGURE_NUMBER_W
    row_h = min(rect.height() / 4, 28.0)
    for index, (value, what, detail) in enumerate(_figures(item)):
        y = rect.top() + index * row_h
        _text(
            painter,
            QRectF(rect.left(), y, number_w - 6, row_h),
            value,
            big,
            style.ink,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        text_left = rect.left() + number_w + 4
        text_w = rect.width() - number_w - 4
        _text(painter, QRectF(text_left, y + row_h / 2 - 11, text_w, 11), what, label, style.ink)
        _text(painter, QRectF(text_left, y + row_h / 2, text_w, 11), detail, note, style.muted)


def _paint_channel_bars(
    painter: QPainter, style: PageStyle, rect: QRectF, item: MessageDelivery
) -> None:
    label = style.font(7.5, QFont.Weight.Bold)
    _text(
        painter,
        QRectF(rect.left(), rect.top(), rect.width(), 10),
        "DAYS DELIVERED, BY CHANNEL",
        _spaced(label),
        style.muted,
    )
    top = rect.top() + 14
    if not item.channels:
        _text(
            painter,
            QRectF(rect.left(), top, rect.width(), 12),
            "No deliveries in this period.",
            style.font(8.5),
            style.muted,
        )
        return
    row_h = 13.0
    room = max(int((rect.bottom() - top) // row_h), 1)
    shown = list(item.channels)
    extra = 0
    more = 0
    if len(shown) > room:
        extra = sum(n for _, n in shown[room - 1 :])
        more = len(shown) - (room - 1)
        shown = shown[: room - 1]
    most = max(n for _, n in item.channels)
    name_w = 74.0
    count_w = 22.0
    bar_room = rect.width() - name_w - count_w - 4
    font = style.font(8.5)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for index, (channel, count) in enumerate(shown):
        y = top + index * row_h
        _text(painter, QRectF(rect.left(), y, name_w - 4, row_h), channel.name, font, style.ink)
        width = max(bar_room * count / most, 2.0)
        bar = QRectF(rect.left() + name_w, y + 3, width, row_h - 6)
        painter.setPen(QPen(mix(QColor(safe_color(channel.color)), style.ink, 0.3), 0.6))
        painter.setBrush(QColor(safe_color(channel.color)))
        painter.drawRoundedRect(bar, 1.5, 1.5)
        _text(painter, QRectF(bar.right() + 4, y, count_w, row_h), str(count), font, style.ink)
    if extra:
        y = top + len(shown) * row_h
        _text(
            painter,
            QRectF(rect.left(), y, rect.width(), row_h),
            # (Not "other channels": those left out of the report are called so.)
            f"+ {extra} {'day' if extra == 1 else 'days'} on {more} more"
            f" {'channel' if more == 1 else 'channels'}",
            font,
            style.muted,
        )
    painter.restore()


def _paint_weeks(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    report: DeliveryReport,
    item: MessageDelivery,
    color: QColor,
) -> None:
    """Deliveries per week as bars, with the week of today marked."""
    label = style.font(7.5, QFont.Weight.Bold)
    _text(
        painter,
        QRectF(rect.left(), rect.top(), rect.width(), 10),
        "DELIVERIES PER WEEK",
        _spaced(label),
        style.muted,
    )
    weeks = item.weeks
    if not weeks:
        return
    chart = QRectF(rect.left() + 12, rect.top() + 16, rect.width() - 12, rect.height() - 28)
    most = max(max(n for _, n in weeks), 1)
    step = chart.width() / len(weeks)
    bar_w = max(min(step * 0.66, 14.0), 1.0)
    small = style.font(7)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # Quiet reference lines at 0 and at the busiest week.
    painter.setPen(QPen(style.line, 0.6, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(chart.left(), chart.top()), QPointF(chart.right(), chart.top()))
    _text(
        painter,
        QRectF(rect.left(), chart.top() - 5, 10, 10),
        str(most),
        small,
        style.faint,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    )
    painter.setPen(QPen(style.muted, 0.8))
    painter.drawLine(QPointF(chart.left(), chart.bottom()), QPointF(chart.right(), chart.bottom()))
    fill = QColor(color)
    outline = mix(color, style.ink, 0.35)
    gap_brush = QBrush(style.overdue, Qt.BrushStyle.BDiagPattern)
    for index, (week, count) in enumerate(weeks):
        x = chart.left() + index * step + (step - bar_w) / 2
        week_end = week + timedelta(days=6)
        overdue = any(g.start <= week_end and g.end >= week for g in item.cadence.gaps)
        if overdue:
            # A hatched red tick under the week: it held overdue days.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(gap_brush)
            painter.drawRect(QRectF(chart.left() + index * step, chart.bottom() + 1.5, step, 4))
        if count:
            height = chart.height() * count / most
            painter.setPen(QPen(outline, 0.6))
            painter.setBrush(fill if week <= report.as_of else mix(fill, style.paper, 0.45))
            painter.drawRect(QRectF(x, chart.bottom() - height, bar_w, height))
        if week <= report.as_of <= week_end:
            painter.setPen(QPen(style.today, 1.2))
            center = chart.left() + (index + 0.5) * step
            painter.drawLine(QPointF(center, chart.top()), QPointF(center, chart.bottom()))
    # Month names under the first week of each month.
    seen: set[tuple[int, int]] = set()
    months: list[tuple[float, date]] = []
    for index, (week, _) in enumerate(weeks):
        day = max(week, report.first)
        key = (day.year, day.month)
        if key in seen or day.day > 7:
            continue
        seen.add(key)
        months.append((chart.left() + index * step, day))
    for x, name in month_axis_labels(QFontMetricsF(small), months):
        _text(painter, QRectF(x, chart.bottom() + 6, 40, 10), name, small, style.muted)
    painter.restore()


def labels_with_room(
    metrics: QFontMetricsF, labels: Iterable[tuple[float, str]]
) -> list[tuple[float, str]]:
    """The labels (left edge, text), left to right, that start clear of the one before:
    a long period names every second or third month rather than running them together."""
    kept: list[tuple[float, str]] = []
    free = -math.inf
    for x, text in labels:
        if x >= free:
            kept.append((x, text))
            free = x + metrics.horizontalAdvance(text) + 4
    return kept


def month_axis_labels(
    metrics: QFontMetricsF, months: Sequence[tuple[float, date]]
) -> list[tuple[float, str]]:
    """Month names along an axis (left edge, text), left to right: the first and each
    January with its year, kept before the other months' names, which fill the room
    left (over years the names of the months alone said no year, or lost the one that
    did to a month before it)."""
    yearly = [
        (x, f"{month_name(day, short=True)} {day.year}")
        for i, (x, day) in enumerate(months)
        if i == 0 or day.month == 1
    ]
    kept = labels_with_room(metrics, yearly)
    taken = [(x, x + metrics.horizontalAdvance(text) + 4) for x, text in kept]
    for i, (x, day) in enumerate(months):
        if i == 0 or day.month == 1:
            continue
        text = month_name(day, short=True)
        end = x + metrics.horizontalAdvance(text) + 4
        if all(end <= left or x >= right for left, right in taken):
            taken.append((x, end))
            kept.append((x, text))
    return sorted(kept)


def _paint_card_strip(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    report: DeliveryReport,
    item: MessageDelivery,
    color: QColor,
) -> None:
    colors = style.strip_colors()
    layout = _strip_layout(report, rect.left(), rect.right())
    track = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - 11)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors.weekend)
    painter.drawRoundedRect(track, 3, 3)
    paint_grid(painter, layout, track, colors)
    channel_colors = {c.id: QColor(safe_color(c.color)) for c in report.channels}
    shapes = row_shapes(layout, item.row, track, report.as_of, period=True)
    paint_row_track(painter, shapes, colors, channel_colors, style.font(8.5), color)
    paint_today(painter, layout, track.top(), track.bottom(), colors, report.as_of)
    small = style.font(7)
    months: list[tuple[float, date]] = []
    month = date(report.first.year, report.first.month, 1)
    while month <= report.last:
        months.append((layout.day_left(max(month, report.first)) + 2, month))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    for x, name in month_axis_labels(QFontMetricsF(small), months):
        _text(painter, QRectF(x, track.bottom() + 1, 60, 10), name, small, style.muted)
    painter.restore()
