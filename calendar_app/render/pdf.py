"""The PDF for leadership: a message-delivery report, then the plan month by month.

``export_pdf`` writes an A4 (US Letter in the US) landscape PDF with Qt's PDF writer:

1. the overview: the one sentence a communicator reads out, a table of every
   key message (status, cadence, deliveries, average interval, gaps, last and
   next delivery) and the strips of every message over the range;
2. one card per key message (three a page): its figures, its deliveries per
   channel, per week, and its strip;
3. one page per month of the range, like the window's month view: weekday
   header in the calendar's first day of week, chips in channel colours with
   key-message dots, today marked, overdue badges; a day with more posts
   than its cell holds ends in "+N more", and every post of such days, and
   of those where a title is cut short, is listed whole on the pages after
   its month ("the days in full").

It needs QtGui only, no widgets and no display: from the command line it
makes its own :class:`QGuiApplication`, on the offscreen platform when there
is no display. Pages are laid out in points; ``progress`` is called after
each page, and returning False cancels (no file is left).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from math import ceil
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from ..core.errors import CalendarFileError, os_problem_for
from ..core.files import write_beside
from ..core.models import (
    LTR_ISOLATE,
    MARKERS_SHOWN,
    POP_ISOLATE,
    RTL_ISOLATE,
    Channel,
    KeyMessage,
    Post,
    PostStatus,
    few,
    isolated,
    missed,
    month_end,
    name_order,
    one_line,
    reads_right_to_left,
    shortened,
)
from ..core.store import CalendarStore
from ..exchange.formats import Cancelled, ExportOptions, ExportSummary, Progress, no_progress
from ..exchange.html import (
    day_text,
    long_day_text,
    month_name,
    months_between,
    other_dots,
    posts_shown,
    range_text,
    report_posts,
    safe_color,
)
from .chips import (
    Chip,
    ChipTheme,
    chip_height,
    fit_posts,
    in_language_digits,
    markers_left_font,
    mix,
    paint_badge,
    paint_chip,
    paint_more,
    slanted,
    split_more,
    time_text,
)
from .qtlog import locale_switch_unsaid
from .report import (
    CARDS_PER_PAGE,
    TITLE_HEIGHT,
    Block,
    DeliveryReport,
    MessageDelivery,
    PageStyle,
    build_delivery_report,
    overview_pages,
    paint_footer,
    paint_message_cards,
    paint_overview,
    paint_page_title,
    wrap_line,
)

__all__ = ["ensure_gui_application", "export_pdf", "render_images", "render_pages"]

RESOLUTION = 1200
"""Dots per inch of the PDF's device space (pages are laid out in points on top)."""
MARGIN = 34.0
FOOTER = 16.0

_APPLICATION: QGuiApplication | None = None


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, or a new :class:`QGuiApplication` when there is none.

    The new application uses the offscreen platform, whatever display the environment
    names: ``cadence export --format pdf`` works on a server, and from a cron job or a
    closed ssh session whose display is gone (Qt aborted there).
    """
    global _APPLICATION
    app = QCoreApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("A PDF needs a QGuiApplication, not a bare QCoreApplication.")
        return app
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # (LC_ALL=C.UTF-8 put in the place of a locale the system lacks, to quiet Qt, lost
    # its paper size and weekend: en_US's Letter, he_IL's Friday.)
    with locale_switch_unsaid():
        _APPLICATION = QGuiApplication(["cadence"])
    return _APPLICATION


# -- the month pages --------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """Everything the month pages show, read once."""

    report: DeliveryReport
    posts_by_day: dict[date, list[Post]]
    channels: dict[int, Channel]
    messages: dict[int, KeyMessage]
    legend_channels: list[Channel]
    legend_messages: list[KeyMessage]
    post_count: int
    only: str = ""
    """The channels the month pages keep to ("LinkedIn", "3 channels"), when filtered."""


def _read_plan(store: CalendarStore, options: ExportOptions, as_of: date) -> _Plan:
    report = build_delivery_report(
        store,
        as_of=as_of,
        first=options.first,
        last=options.last,
        message_ids=options.message_ids,
        channel_ids=options.channel_ids,
        archived_messages=options.archived_messages,
        rest_days=options.rest_days,
    )
    shown = posts_shown(store, options)
    if shown:  # the cadence is the whole plan's: said under the title (its line was cut)
        said = f"The month pages show {shown} only; deliveries count every post of the plan."
        report = replace(report, sentence=f"{report.sentence} {said}")
    posts = report_posts(store, report.first, report.last, options)
    by_day: dict[date, list[Post]] = defaultdict(list)
    for post in posts:
        if post.date is not None:
            by_day[post.date].append(post)
    channels = {c.id: c for c in report.channels}
    used = {p.channel_id for p in posts}
    legend_channels = [
        c
        for c in sorted(channels.values(), key=lambda c: (c.sort_order, name_order(c.name)))
        if c.id in used
    ]
    messages = {m.id: m for m in store.key_messages(include_archived=True)}
    used_messages = {m for p in posts for m in p.message_ids}
    # Those the posts carry, and those the red numbers count (overdue with no post).
    named = used_messages | {c.message_id for c in report.cadence.messages if c.gaps}
    legend_messages = [m.message for m in report.messages if m.message.id in named]
    legend_messages += other_dots(legend_messages, messages.values(), posts)
    kept = [c.name for c in store.channels(include_archived=True) if c.id in options.channel_ids]
    only = " and ".join(kept) if len(kept) <= 2 else f"{len(kept)} channels"
    return _Plan(
        report=report,
        posts_by_day=by_day,
        channels=channels,
        messages=messages,
        legend_channels=legend_channels,
        legend_messages=legend_messages,
        post_count=len(posts),
        only=only,
    )


def _paint_month(
    painter: QPainter, style: PageStyle, rect: QRectF, plan: _Plan, month: date, more: int = 0
) -> None:
    """A month's page; ``more`` is the number of pages after it that list its busy days."""
    report = plan.report
    last_day = month_end(month)
    count = sum(
        len(plan.posts_by_day.get(month + timedelta(days=i), ())) for i in range(last_day.day)
    )
    subtitle = f"{count} post{'s' if count != 1 else ''}"
    if plan.only:
        subtitle += f" on {plan.only}"
    if month < report.first or last_day > report.last:
        lo, hi = max(month, report.first), min(last_day, report.last)
        if lo == hi:  # "8 posts on 18 Nov", "8 posts on LinkedIn, 18 Nov"
            subtitle += f"{',' if plan.only else ' on'} {day_text(lo, weekday=False)}"
        else:
            subtitle += f" from {day_text(lo, weekday=False)} to {day_text(hi, weekday=False)}"
    subtitle += f" · as of {long_day_text(report.as_of)}"
    if more:  # "+N more" on some days: their posts are listed after this page
        subtitle += " · days cut short here in full on the next page" + ("s" if more > 1 else "")
    paint_page_title(
        painter,
        style,
        rect,
        f"{isolated(report.name)} · the plan",
        f"{month_name(month)} {month.year}",
        subtitle,
    )
    indent, legend = legend_groups(style, rect.width(), plan, month)
    grid = _grid_rect(rect, legend)
    bottom = _paint_grid(painter, style, grid, plan, month)
    legend_h = legend_height(legend)
    below = QRectF(rect.left(), bottom + _LEGEND_GAP, rect.width(), legend_h - _LEGEND_GAP)
    _paint_month_legend(painter, style, below, indent, legend)


def _grid_rect(rect: QRectF, legend: list[LegendGroup]) -> QRectF:
    """Where a month page's grid goes in ``rect``: under the title, above the legend."""
    top = rect.top() + TITLE_HEIGHT + 10
    return QRectF(rect.left(), top, rect.width(), rect.bottom() - legend_height(legend) - top)


_HEADER_H = 18.0
"""The weekday names over a month grid."""


def _grid_weeks(plan: _Plan, month: date) -> tuple[date, int]:
    """The first day a month's page shows and its number of week rows: the weeks of the
    month the period covers (a report of a few days is not lost in a month of empty
    weeks, and its days have the room)."""
    report = plan.report
    first = max(month, report.first)
    last = min(month_end(month), report.last)
    if last < first:  # a month the period does not reach: its whole grid
        first, last = month, month_end(month)
    start = report.week_start.week_of(first)  # its first row's first column
    return start, (last - start).days // 7 + 1


def _row_height(grid: QRectF, rows: int) -> float:
    return (grid.height() - _HEADER_H) / rows


def _chip_top(style: PageStyle) -> float:
    """How far under a day cell's top edge its first chip starts (below the day's number)."""
    return 3 + QFontMetricsF(style.font(9, QFont.Weight.DemiBold)).height() + 4 + 3


_CHIP_GAP = 2.0


def _one_line_rows(style: PageStyle, row_h: float) -> int:
    """How many one-line chips a day cell ``row_h`` high holds."""
    room = row_h - 3 - _chip_top(style) + _CHIP_GAP
    return max(0, int(room // (chip_height(style.font(7.2)) + _CHIP_GAP)))


def busy_days(plan: _Plan, style: PageStyle, rect: QRectF, month: date) -> list[date]:
    """The days of ``month`` too full for their cell on its page in ``rect`` ("+N more"),
    or with a title too long for the cell even alone: their posts are listed whole after
    it (such a title was nowhere whole in the report). A title cut where a day's posts
    share its cell reads as in the window."""
    last_day = month_end(month)
    _, rows = _grid_weeks(plan, month)
    grid = _grid_rect(rect, legend_groups(style, rect.width(), plan, month)[1])
    row_h = _row_height(grid, rows)
    fits = _one_line_rows(style, row_h)
    chip_font = style.font(7.2)
    alone = _chip_lines(chip_font, _chip_room(style, row_h), 1)
    chip = QRectF(0, 0, grid.width() / 7 - 6, chip_height(chip_font))
    first, last = max(month, plan.report.first), min(last_day, plan.report.last)
    days = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return [
        day
        for day in days
        if len(posts := plan.posts_by_day.get(day, ())) > fits
        or (
            alone > 1
            and any(_title_layout(_chip(plan, p), chip, chip_font, alone).cut for p in posts)
        )
    ]


def _chip_room(style: PageStyle, row_h: float) -> float:
    """The height a day cell ``row_h`` high has for its chips, a gap under each."""
    return row_h - 3 - _chip_top(style) + _CHIP_GAP


def _chip_line_height(font: QFont) -> float:
    """How far a chip's title's next line is under the one before."""
    return QFontMetricsF(font).lineSpacing() + 0.5


def _chip_lines(font: QFont, room: float, count: int) -> int:
    """The most lines each of ``count`` chips of a day gets in ``room`` (1: the window's
    one-line chips)."""
    each = room / count - _CHIP_GAP - chip_height(font)
    return max(1, int(each // _chip_line_height(font)) + 1) if each >= 0 else 1


def _paint_grid(
    painter: QPainter, style: PageStyle, rect: QRectF, plan: _Plan, month: date
) -> float:
    """The weeks of ``month`` the period covers, in ``rect``; returns the grid's bottom."""
    report = plan.report
    start, rows = _grid_weeks(plan, month)
    rest = report.rest_days
    header_h = _HEADER_H
    column_w = rect.width() / 7
    row_h = _row_height(rect, rows)
    text_font = style.font(9)
    number_font = style.font(9, QFont.Weight.DemiBold)
    chip_font = style.font(7.2)
    chip_h = chip_height(chip_font)
    line_h = _chip_line_height(chip_font)
    theme = ChipTheme.from_palette(style.palette())
    base = style.paper
    line = mix(base, style.ink, 0.14)
    weekend = mix(base, style.ink, 0.035)
    outside = mix(base, style.soft, 0.9)
    red = style.overdue

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    header = QRectF(rect.left(), rect.top(), rect.width(), header_h)
    painter.fillRect(header, style.soft)
    for column in range(7):
        day = start + timedelta(days=column)
        name = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[
            day.weekday()
        ][:3]
        painter.setFont(text_font)
        painter.setPen(style.muted)
        painter.drawText(
            QRectF(rect.left() + column * column_w, rect.top(), column_w, header_h),
            int(Qt.AlignmentFlag.AlignCenter),
            name,
        )

    metrics = QFontMetricsF(number_font)
    number_h = metrics.height() + 4
    for index in range(rows * 7):
        day = start + timedelta(days=index)
        row, column = divmod(index, 7)
        cell = QRectF(
            rect.left() + column * column_w,
            rect.top() + header_h + row * row_h,
            column_w,
            row_h,
        )
        inside = day.month == month.month and report.first <= day <= report.last
        if not inside:
            painter.fillRect(cell, outside)
        elif day.weekday() in rest:
            painter.fillRect(cell, weekend)
        label = str(day.day)
        number = QRectF(
            cell.left() + 4,
            cell.top() + 3,
            max(number_h, metrics.horizontalAdvance(label) + 10),
            number_h,
        )
        if day.month != month.month:
            continue
        if day == report.as_of:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.today)
            painter.drawRoundedRect(number, number_h / 2, number_h / 2)
            painter.setPen(style.paper)
        else:
            painter.setPen(style.ink if inside else style.faint)
        painter.setFont(number_font)
        painter.drawText(number, int(Qt.AlignmentFlag.AlignCenter), label)
        if not inside:
            continue
        overdue = report.cadence.overdue_count(day)
        if overdue:
            paint_badge(
                painter,
                QPointF(cell.right() - 4, cell.top() + 4),
                str(overdue),
                red,
                style.font(7.5),
            )
        posts = plan.posts_by_day.get(day, [])
        if not posts:
            continue
        gap = _CHIP_GAP
        chip_top = cell.top() + _chip_top(style)
        room = _chip_room(style, row_h)
        # Chips of as many lines as the day's longest title takes, where each of its
        # posts has room for so many (titles read whole more often on paper; at four at
        # most, a lone long title stopped with room under it), else the window's
        # one-line chips.
        lines = _chip_lines(chip_font, room, len(posts))
        if lines > 1:
            width = QRectF(0, 0, cell.width() - 6, chip_h)
            layouts = [_title_layout(_chip(plan, p), width, chip_font, lines) for p in posts]
            if not any(layout.cut for layout in layouts):
                # (a title of one line a chip of one: its second stood empty)
                lines = max(len(layout.lines) for layout in layouts)
        height = chip_h + (lines - 1) * line_h
        capacity = (
            max(0, int(room // (height + gap))) if lines > 1 else _one_line_rows(style, row_h)
        )
        # A full day as in the window: a chip on every row, the last beside "+N more".
        shown, hidden = fit_posts(range(len(posts)), capacity)
        for row, index in enumerate(shown):
            chip_rect = QRectF(
                cell.left() + 3, chip_top + row * (height + gap), cell.width() - 6, height
            )
            if hidden and row == len(shown) - 1:
                chip_rect, more = split_more(chip_rect, hidden, chip_font)
                paint_more(painter, more, hidden, style.muted, chip_font)
            _paint_post(painter, chip_rect, _chip(plan, posts[index]), theme, chip_font, lines)
        if hidden and not shown:  # not even one row: the count alone
            more = QRectF(cell.left() + 3, chip_top, cell.width() - 6, chip_h)
            paint_more(painter, more, hidden, style.muted, chip_font)

    # Grid lines over the fills.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(line, 0.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    body = QRectF(rect.left(), rect.top() + header_h, rect.width(), row_h * rows)
    for column in range(1, 7):
        x = rect.left() + column * column_w
        painter.drawLine(QPointF(x, body.top()), QPointF(x, body.bottom()))
    for row in range(1, rows):
        y = body.top() + row * row_h
        painter.drawLine(QPointF(body.left(), y), QPointF(body.right(), y))
    painter.drawRect(QRectF(rect.left(), rect.top(), rect.width(), header_h + row_h * rows))
    painter.drawLine(QPointF(body.left(), body.top()), QPointF(body.right(), body.top()))
    painter.restore()
    return body.bottom()


# -- the busy days, in full --------------------------------------------------------

_BUSY_COLUMNS = 2
_BUSY_COLUMN_GAP = 28.0
_BUSY_HEADING = 22.0
"""A day's heading in the list of busy days, with the space above it."""
_BUSY_POST_GAP = 5.0


def _wrapped_layout(font: QFont, text: str, width: float) -> tuple[QTextLayout, float]:
    """``text`` laid out in lines of ``width``, broken between words, and inside a word
    too long for a line ("#SolarPower#CleanEnergy#…" was cut at the column's edge);
    with the height it takes."""
    layout = QTextLayout(text or " ", font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


_BUSY_TITLE_CHARS = 600
"""A title of the busy days' list is cut past this (a third of a column): longer, with
its key messages, a post was taller than a column and cut at the page's foot."""


_BUSY_MESSAGE_CHARS = 60
"""A key message's title a post of the busy days' list names is cut past this."""


def busy_title(post: Post) -> str:
    """A post's title as the busy days' list gives it."""
    return shortened(one_line(post.title), _BUSY_TITLE_CHARS)


@dataclass(frozen=True)
class BusyLine:
    """One entry of the busy days' list: a day's heading (``post`` None) or one of its posts."""

    day: date
    post: Post | None = None
    continued: bool = False
    """A heading that names its day again at the top of a column."""


class _BusyLayout:
    """The fonts and widths of the busy days' list on a page ``width`` wide."""

    def __init__(self, style: PageStyle, plan: _Plan, width: float) -> None:
        self.plan = plan
        self.column_w = (width - _BUSY_COLUMN_GAP * (_BUSY_COLUMNS - 1)) / _BUSY_COLUMNS
        self.heading_font = style.font(9.5, QFont.Weight.DemiBold)
        self.font = style.font(8.5)
        self.time_font = style.font(8.5, QFont.Weight.DemiBold)
        self.detail_font = style.font(7.5)
        self.time_w = QFontMetricsF(self.time_font).horizontalAdvance("all day") + 10
        self.text_w = self.column_w - self.time_w - 8
        self._laid: dict[tuple[str, str], tuple[QTextLayout, float]] = {}
        """Each text laid out and its height, by font and text: the columns are flowed,
        then painted, asking each post's several times (ten layouts a post, 5 s a year).
        By the font's key, not its identity: a post's struck-through font lives only as
        it is painted, and a later one given its id took its layout."""

    def detail(self, post: Post) -> str:
        """What a post's title line leaves out: its channel, key messages and status."""
        channel = self.plan.channels.get(post.channel_id)
        parts = [isolated(channel.name) if channel else "No channel"]
        titles = [
            isolated(self.plan.messages[m].title)
            for m in post.message_ids
            if m in self.plan.messages
        ]
        if titles:  # a few of many, each not at length: a post carrying 150 (or a dozen
            # of 200 letters each) was taller than the column
            parts.append(", ".join(few([shortened(t, _BUSY_MESSAGE_CHARS) for t in titles])))
        if post.status != PostStatus.SCHEDULED:
            parts.append(post.status.value)
        return " · ".join(parts)

    def title_height(self, post: Post) -> float:
        return self.laid(self.font, isolated(busy_title(post)))[1]

    def detail_height(self, post: Post) -> float:
        return self.laid(self.detail_font, self.detail(post))[1]

    def laid(self, font: QFont, text: str) -> tuple[QTextLayout, float]:
        """``text`` laid out in ``font`` at the list's width, and its height."""
        key = (font.key(), text)
        found = self._laid.get(key)
        if found is None:
            found = self._laid[key] = _wrapped_layout(font, text, self.text_w)
        return found

    def height(self, post: Post) -> float:
        """The room one post takes: its title and detail (each wrapped), the gap after it."""
        return self.title_height(post) + self.detail_height(post) + _BUSY_POST_GAP


def busy_columns(
    days: list[tuple[date, list[Post]]], height: float, measure: Callable[[Post], float]
) -> list[list[BusyLine]]:
    """Every post of ``days`` under its day's heading, flowed into columns ``height`` high.

    A day that goes on in the next column is named there again; a heading
    never ends a column without a post under it.
    """
    columns: list[list[BusyLine]] = [[]]
    left = height
    for day, posts in days:
        for index, post in enumerate(posts):
            room = measure(post)
            if room + (_BUSY_HEADING if index == 0 else 0) > left and columns[-1]:
                columns.append([])
                left = height
            if index == 0 or not columns[-1]:
                columns[-1].append(BusyLine(day, continued=index > 0))
                left -= _BUSY_HEADING
            columns[-1].append(BusyLine(day, post))
            left -= room
    return [column for column in columns if column]


def _busy_title(month: date) -> str:
    return f"{month_name(month)} {month.year}: the days in full"


def _paint_busy_days(
    painter: QPainter,
    style: PageStyle,
    rect: QRectF,
    plan: _Plan,
    month: date,
    days: int,
    columns: list[list[BusyLine]],
) -> None:
    """A page of the busy days' list: each day's posts in full, where the month page has no room."""
    days_text = "the day" if days == 1 else f"the {days} days"
    paint_page_title(
        painter,
        style,
        rect,
        f"{isolated(plan.report.name)} · the plan",
        _busy_title(month),
        f"Every post, whole, of {days_text} the month's page has too little room for"
        f" · as of {long_day_text(plan.report.as_of)}",
    )
    body = _under_title(rect, 14)
    layout = _BusyLayout(style, plan, body.width())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setClipRect(body.adjusted(-4, -4, 4, 4))  # a title longer than a page stops here
    for number, column in enumerate(columns):
        x = body.left() + number * (layout.column_w + _BUSY_COLUMN_GAP)
        y = body.top()
        for line in column:
            if line.post is None:
                if y > body.top():  # the space between days, none at a column's top
                    y += _BUSY_HEADING - 16
                count = len(plan.posts_by_day.get(line.day, ()))
                label = day_text(line.day)
                heading = QRectF(x, y, layout.column_w, 14)
                shown = _legend_text(painter, heading, label, layout.heading_font, style.ink)
                more = f"{count} post{'s' if count != 1 else ''}" + (
                    " (continued)" if line.continued else ""
                )
                after = heading.adjusted(shown + 6, 0, 0, 0)
                _legend_text(painter, after, more, layout.detail_font, style.muted)
                painter.setPen(QPen(mix(style.paper, style.ink, 0.14), 0.6))
                painter.drawLine(QPointF(x, y + 15), QPointF(x + layout.column_w, y + 15))
                y += 16 + 3
                continue
            _paint_busy_post(painter, style, layout, QPointF(x, y), line.post)
            y += layout.height(line.post)
    painter.restore()


def _paint_busy_post(
    painter: QPainter, style: PageStyle, layout: _BusyLayout, at: QPointF, post: Post
) -> None:
    """One post of a busy day: its time, channel stripe and whole title, then what it carries."""
    title_h = layout.title_height(post)
    detail_h = layout.detail_height(post)
    clock = time_text(post.time)
    _legend_text(
        painter,
        QRectF(at.x(), at.y(), layout.time_w, QFontMetricsF(layout.font).height()),
        clock or "all day",
        layout.time_font if clock else layout.detail_font,
        style.ink if clock else style.faint,
    )
    x = at.x() + layout.time_w
    channel = layout.plan.channels.get(post.channel_id)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(safe_color(channel.color if channel else None)))
    painter.drawRoundedRect(QRectF(x, at.y() + 1, 3, title_h + detail_h - 2), 1, 1)
    x += 8
    title_font = QFont(layout.font)
    title_font.setStrikeOut(post.status == PostStatus.CANCELLED)
    painter.setFont(title_font)
    painter.setPen(style.faint if post.status == PostStatus.CANCELLED else style.ink)
    layout.laid(title_font, isolated(busy_title(post)))[0].draw(painter, QPointF(x, at.y()))
    painter.setPen(style.muted)
    layout.laid(layout.detail_font, layout.detail(post))[0].draw(
        painter, QPointF(x, at.y() + title_h)
    )


@dataclass(frozen=True)
class _TitleLayout:
    """Where a chip of several lines puts its time and title."""

    left: float
    """Where its lines after the first start."""
    x: float
    """Where its first line starts, after the time."""
    right: float
    """Where its first line ends, before the dots."""
    baseline: float
    """The first line's."""
    text_font: QFont
    lines: list[str]
    """The lines shown, the last cut short with "…" where the title goes on."""
    cut: bool


def _title_layout(chip: Chip, rect: QRectF, font: QFont, lines: int) -> _TitleLayout:
    """How ``chip``'s title wraps in ``rect`` on at most ``lines`` lines."""
    metrics = QFontMetricsF(font)
    line_height = min(rect.height(), metrics.height() + 5)
    dot = max(4.0, min(7.0, line_height * 0.36))
    left = rect.left() + 3 + 4
    right = rect.right() - 4
    if chip.marker_colors and right - left > 40:
        right -= min(len(chip.marker_colors), MARKERS_SHOWN) * (dot + 2) + 2
        left_out = len(chip.marker_colors) - MARKERS_SHOWN
        if left_out > 0:  # and their count, "+2"
            more = QFontMetricsF(markers_left_font(font))
            right -= more.horizontalAdvance(in_language_digits(f"+{left_out}")) + 2
    if chip.status == PostStatus.PUBLISHED:
        right -= dot + 5
    text_font = QFont(font)
    text_font.setStrikeOut(chip.status == PostStatus.CANCELLED)
    text_font.setItalic(chip.status == PostStatus.IDEA and slanted(text_font, chip.title))
    text_metrics = QFontMetricsF(text_font)
    baseline = rect.top() + line_height / 2 + (metrics.ascent() - metrics.descent()) / 2
    x = left
    if chip.at is not None:
        x += QFontMetricsF(_time_font(text_font)).horizontalAdvance(time_text(chip.at)) + 4
    # The next lines run under the dots too: they sit on the first line only.
    width = rect.right() - 4 - left
    first, rest = wrap_line(chip.title, text_metrics, right - x, width)
    shown = [first]
    cut = False
    for line in range(1, lines):
        if not rest:
            break
        text, rest = wrap_line(rest, text_metrics, width) if line < lines - 1 else (rest, "")
        shown.append(text_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
        cut = shown[-1] != text
    return _TitleLayout(left, x, right, baseline, text_font, shown, cut)


def _time_font(text_font: QFont) -> QFont:
    bold = QFont(text_font)
    bold.setBold(True)
    return bold


def _paint_post(
    painter: QPainter, rect: QRectF, chip: Chip, theme: ChipTheme, font: QFont, lines: int
) -> None:
    """The window's chip; with ``lines`` over 1, its title wraps onto as many lines."""
    if lines < 2:
        paint_chip(painter, rect, chip, theme, font)
        return
    # The chip without its text paints the stripe, fill, outline, dots and
    # tick exactly as the window does; the text goes on top, in two lines.
    paint_chip(painter, rect, replace(chip, title="", at=None), theme, font)
    layout = _title_layout(chip, rect, font, lines)
    text_metrics = QFontMetricsF(layout.text_font)
    fade = {PostStatus.CANCELLED: 0.5, PostStatus.IDEA: 0.3}.get(chip.status, 0.0)
    baseline = layout.baseline
    painter.save()
    if chip.at is not None:
        painter.setFont(_time_font(layout.text_font))
        painter.setPen(mix(theme.dim_text, theme.base, fade))
        painter.drawText(QPointF(layout.left, baseline), time_text(chip.at))
    painter.setFont(layout.text_font)
    painter.setPen(mix(theme.text, theme.base, fade))
    # Every line of a title runs the way the whole title does (a Hebrew title with a
    # Latin word, a Latin one with Hebrew words), right-to-left ones from the right.
    rtl = reads_right_to_left(chip.title)
    spacing = QFontMetricsF(font).lineSpacing()
    for line, text in enumerate(layout.lines):
        start, end = (layout.x, layout.right) if line == 0 else (layout.left, rect.right() - 4)
        shown = f"{RTL_ISOLATE if rtl else LTR_ISOLATE}{text}{POP_ISOLATE}"
        at = end - text_metrics.horizontalAdvance(shown) if rtl else start
        painter.drawText(QPointF(max(at, start), baseline + line * spacing), shown)
    painter.restore()


def _chip(plan: _Plan, post: Post) -> Chip:
    channel = plan.channels.get(post.channel_id)
    markers = tuple(
        QColor(safe_color(plan.messages[m].color)) for m in post.message_ids if m in plan.messages
    )
    return Chip(
        title=one_line(post.title),  # a line break typed in a sheet's cell: a space
        channel_color=QColor(safe_color(channel.color if channel else None)),
        marker_colors=markers,
        at=post.time,
        status=post.status,
        missed=missed(post, plan.report.as_of),
    )


_LEGEND_LINE = 12.0
_LEGEND_GAP = 8.0
"""Between the grid and the legend."""
_KEY_GAP = 16.0
"""Between a group's first line of items and its key to the marks, on the right."""
_LEGEND_MOST_LINES = 3
"""Lines a legend group (channels, key messages) may take before it ends with "…"."""
_CHANNEL_TAIL = (
    "Dashed: draft (faded: its day gone by), or idea (faded, in italics)"
    " · ✓ published · struck through: cancelled"
)
_MESSAGE_TAIL = "Red number: key messages overdue that day (after today: unless planned)"


@dataclass
class LegendGroup:
    heading: str
    tail: str
    round_marks: bool
    lines: list[list[tuple[str, QColor]]]
    cut: bool
    """True when some items did not fit in :data:`_LEGEND_MOST_LINES` lines."""


def _legend_item_width(metrics: QFontMetricsF, name: str) -> float:
    return 9 + metrics.horizontalAdvance(name) + 12


def legend_groups(
    style: PageStyle, width: float, plan: _Plan, month: date | None = None
) -> tuple[float, list[LegendGroup]]:
    """The month legend laid out in ``width``: the items' left edge and each group's lines.

    Items flow onto further lines under the first, whose right end holds the
    group's key to the marks; a group longer than its lines ends with "…". Given a
    ``month``, the channels and key messages of the posts its page shows alone (with
    fourteen messages over a year, the legend named five of each month's): those of
    its own days (the grid's days of other months are empty), and the key messages
    overdue on any of them; the key to its red numbers stays where the report has
    key messages, with none to name.
    """
    metrics = QFontMetricsF(style.font(7.5))
    bold = QFontMetricsF(style.font(7.5, QFont.Weight.DemiBold))
    channels, messages = plan.legend_channels, plan.legend_messages
    if month is not None:
        shown = [
            post
            for i in range(month_end(month).day)
            for post in plan.posts_by_day.get(month + timedelta(days=i), ())
        ]
        on = {p.channel_id for p in shown}
        carried = {m for p in shown for m in p.message_ids}
        # And those its red numbers count: one overdue all month with no post was named
        # nowhere on its page (an empty month's legend read "Key messages" alone).
        last = month_end(month)
        overdue = {
            c.message_id
            for c in plan.report.cadence.messages
            if any(g.start <= last and g.end >= month for g in c.gaps)
        }
        channels = [c for c in channels if c.id in on]
        messages = [m for m in messages if m.id in carried or m.id in overdue]
    keyed = bool(plan.report.messages)  # red numbers may show on any page
    groups = [
        ("Channels", _CHANNEL_TAIL, False, [(c.name, c.color) for c in channels], False),
        ("Key messages", _MESSAGE_TAIL, True, [(m.title, m.color) for m in messages], keyed),
    ]
    indent = max(bold.horizontalAdvance(heading) for heading, *_ in groups) + 8
    ellipsis = metrics.horizontalAdvance("…") + 8
    laid: list[LegendGroup] = []
    for heading, tail, round_marks, items, kept in groups:
        if not items and not kept:
            continue  # a month of a calendar with none: no heading over nothing
        lines: list[list[tuple[str, QColor]]] = [[]]
        left = width - indent - metrics.horizontalAdvance(tail) - _KEY_GAP
        cut = False
        for name, color in items:
            need = _legend_item_width(metrics, name)
            # The first line is short of the key; a name wider than a whole line is elided.
            if need > left and (lines[-1] or len(lines) == 1):
                if len(lines) == _LEGEND_MOST_LINES:
                    cut = True
                    break
                lines.append([])
                left = width - indent
            lines[-1].append((name, QColor(safe_color(color))))
            left -= need
        if cut:
            # Room for the "…" at the end of the last line.
            while lines[-1] and left < ellipsis:
                left += _legend_item_width(metrics, lines[-1].pop()[0])
        laid.append(LegendGroup(heading, tail, round_marks, lines, cut))
    return indent, laid


def legend_height(groups: list[LegendGroup]) -> float:
    """The room the month legend takes under the grid: the space above it and its
    lines, the last line's leading left out."""
    return _LEGEND_GAP + _LEGEND_LINE * sum(len(g.lines) for g in groups) - 2


def _paint_month_legend(
    painter: QPainter, style: PageStyle, rect: QRectF, indent: float, groups: list[LegendGroup]
) -> None:
    """Channels (chip stripes) and key messages (dots), each with its key to the marks."""
    font = style.font(7.5)
    metrics = QFontMetricsF(font)
    bold = style.font(7.5, QFont.Weight.DemiBold)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    y = rect.top()
    for group in groups:
        _legend_text(painter, QRectF(rect.left(), y, indent, 11), group.heading, bold, style.muted)
        _legend_text(
            painter,
            QRectF(rect.left(), y, rect.width(), 11),
            group.tail,
            font,
            style.muted,
            Qt.AlignmentFlag.AlignRight,
        )
        tail_w = metrics.horizontalAdvance(group.tail)
        for number, items in enumerate(group.lines):
            x = rect.left() + indent
            right = rect.right() - (tail_w + _KEY_GAP if number == 0 else 0)
            for name, color in items:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                if group.round_marks:
                    painter.drawEllipse(QRectF(x, y + 2.5, 6, 6))
                else:
                    painter.drawRoundedRect(QRectF(x, y + 1.5, 3, 8), 1, 1)
                x += 9
                shown = metrics.elidedText(
                    isolated(name), Qt.TextElideMode.ElideRight, max(right - x, 0)
                )
                x += _legend_text(painter, QRectF(x, y, right - x, 11), shown, font, style.ink) + 12
            if group.cut and number == len(group.lines) - 1:
                _legend_text(painter, QRectF(x, y, 20, 11), "…", font, style.muted)
            y += _LEGEND_LINE
    painter.restore()


def _legend_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    color: QColor,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> float:
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)
    return QFontMetricsF(font).horizontalAdvance(text)


# -- the document -----------------------------------------------------------------

PagePainter = Callable[[QPainter, PageStyle, QRectF], None]


def _body(page_size: tuple[float, float]) -> QRectF:
    """Where a page's content goes, between the margins and above the footer."""
    width, height = page_size
    return QRectF(MARGIN, MARGIN - 6, width - 2 * MARGIN, height - 2 * MARGIN - FOOTER + 6)


def _under_title(rect: QRectF, space: float) -> QRectF:
    top = rect.top() + TITLE_HEIGHT + space
    return QRectF(rect.left(), top, rect.width(), rect.bottom() - top)


def _pages(
    plan: _Plan, style: PageStyle, page_size: tuple[float, float], progress: Progress
) -> list[tuple[str, PagePainter]]:
    """Every page in order, as (what it is, how to paint its body). ``progress`` is told
    nothing is done yet, month by month, as the posts are measured (15 s of a ten-year
    report went by with no word and no Cancel)."""
    report = plan.report
    pages: list[tuple[str, PagePainter]] = []
    subtitle = (
        f"{range_text(report.first, report.last)} · as of {long_day_text(report.as_of)}"
        f" · times in {report.timezone}"
    )
    if plan.only:  # the cadence counts every channel: the month pages keep to some
        subtitle += f" · deliveries on every channel; the plan shows {plan.only} only"

    for blocks in overview_pages(report, style, _under_title(_body(page_size), 14)):

        def overview(
            painter: QPainter, style: PageStyle, rect: QRectF, blocks: list[Block] = blocks
        ) -> None:
            paint_page_title(painter, style, rect, "Message delivery report", report.name, subtitle)
            paint_overview(painter, style, _under_title(rect, 14), report, blocks)

        pages.append(("Message delivery", overview))

    # The reading notes take the slot a card leaves free on the last page, or a page of
    # their own after an even number of cards (they were left out then).
    for start in range(0, len(report.messages) + bool(report.messages), CARDS_PER_PAGE):
        shown = report.messages[start : start + CARDS_PER_PAGE]
        what = "Message by message" if shown else "How to read this report"

        def cards(
            painter: QPainter,
            style: PageStyle,
            rect: QRectF,
            shown: Sequence[MessageDelivery] = shown,
            what: str = what,
        ) -> None:
            paint_page_title(painter, style, rect, "Message delivery report", what, subtitle)
            paint_message_cards(painter, style, _under_title(rect, 12), report, shown)

        pages.append((what, cards))

    body = _body(page_size)
    listed = _under_title(body, 14)
    layout = _BusyLayout(style, plan, listed.width())
    for month in months_between(report.first, report.last):
        if not progress(0, 1):
            raise Cancelled()
        days = busy_days(plan, style, body, month)
        columns = busy_columns(
            [(day, plan.posts_by_day[day]) for day in days], listed.height(), layout.height
        )
        more = ceil(len(columns) / _BUSY_COLUMNS)

        def month_page(
            painter: QPainter, style: PageStyle, rect: QRectF, month: date = month, more: int = more
        ) -> None:
            _paint_month(painter, style, rect, plan, month, more)

        pages.append((f"{month_name(month)} {month.year}", month_page))
        for start in range(0, len(columns), _BUSY_COLUMNS):

            def busy_page(
                painter: QPainter,
                style: PageStyle,
                rect: QRectF,
                month: date = month,
                days: int = len(days),
                columns: list[list[BusyLine]] = columns[start : start + _BUSY_COLUMNS],
            ) -> None:
                _paint_busy_days(painter, style, rect, plan, month, days, columns)

            pages.append((_busy_title(month), busy_page))
    return pages


def render_pages(
    painter: QPainter,
    style: PageStyle,
    page_size: tuple[float, float],
    plan_pages: list[tuple[str, PagePainter]],
    report: DeliveryReport,
    new_page: Callable[[], bool],
    progress: Progress,
    scale: float,
    *,
    numbering: tuple[int, int] | None = None,
) -> None:
    """Paint ``plan_pages`` one after the other (``new_page`` between them).

    ``numbering`` is (first page number, pages in all) when ``plan_pages``
    are only some of the document's pages.
    """
    width, height = page_size
    total = len(plan_pages)
    first_number, all_pages = numbering or (1, total)
    for index, (name, paint) in enumerate(plan_pages):
        if index and not new_page():
            raise CalendarFileError(
                "The PDF could not be written: the disk would take no more of it (it may be full)."
            )
        painter.save()
        painter.scale(scale, scale)
        painter.fillRect(QRectF(0, 0, width, height), style.paper)
        paint(painter, style, _body(page_size))
        paint_footer(
            painter,
            style,
            QRectF(MARGIN, height - MARGIN - FOOTER + 10, width - 2 * MARGIN, FOOTER - 4),
            f"{isolated(report.name)} · {isolated(name)} · made with Cadence",
            f"Page {first_number + index} of {all_pages}",
        )
        painter.restore()
        if not progress(index + 1, total):
            raise Cancelled()


def _page_layout() -> QPageLayout:
    # US Letter where the country measures in inches (the United States), else A4.
    us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.Letter if us else QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(0, 0, 0, 0),
    )


@contextmanager
def dates_in_english() -> Iterator[None]:
    """Dates written as the report's words are, in English ("Dezember" stood in the
    delivery chart of an English report under a German locale), in the order the
    computer's country writes them (day first where there is no English of it)."""
    before = QLocale()
    if before.language() == QLocale.Language.English:
        yield
        return
    english = QLocale(QLocale.Language.English, before.territory())
    if english.territory() != before.territory():
        english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    QLocale.setDefault(english)
    try:
        yield
    finally:
        QLocale.setDefault(before)


def render_images(
    store: CalendarStore, options: ExportOptions, *, dpi: float = 72
) -> list[tuple[str, QImage]]:
    """The pages :func:`export_pdf` writes, as images (a preview), each with its name."""
    ensure_gui_application()
    with dates_in_english():
        return _render_images(store, options, dpi)


def _render_images(
    store: CalendarStore, options: ExportOptions, dpi: float
) -> list[tuple[str, QImage]]:
    plan = _read_plan(store, options, options.today or store.today())
    style = PageStyle()
    full = _page_layout().fullRectPoints()
    page_size = (float(full.width()), float(full.height()))
    pages = _pages(plan, style, page_size, no_progress)
    scale = dpi / 72
    images: list[tuple[str, QImage]] = []
    for index, (name, paint) in enumerate(pages):
        image = QImage(
            round(page_size[0] * scale), round(page_size[1] * scale), QImage.Format.Format_RGB32
        )
        image.fill(style.paper)
        painter = QPainter(image)
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # as the PDF's pages
        try:
            render_pages(
                painter,
                style,
                page_size,
                [(name, paint)],
                plan.report,
                lambda: True,
                no_progress,
                scale,
                numbering=(index + 1, len(pages)),
            )
        finally:
            painter.end()
        images.append((name, image))
    return images


def export_pdf(
    store: CalendarStore, target: Path, options: ExportOptions, progress: Progress
) -> ExportSummary:
    """Write the report and month pages for ``options``' range and filters to ``target``.

    The range and filters mean what they mean for the HTML page
    (:func:`calendar_app.exchange.html.export_range`). The file is written
    beside ``target`` and renamed over it once complete; when ``progress``
    cancels, no file is left.
    """
    ensure_gui_application()
    with dates_in_english():
        return _export_pdf(store, target, options, progress)


@contextmanager
def _quiet_about_saved_states() -> Iterator[None]:
    """Leave out Qt's warning that a painter ended with states saved: a report stopped
    inside a page (cancelled, Ctrl-C) ends so, and the reason is said in one line."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message.startswith("QPainter::end: Painter ended with"):
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _export_pdf(
    store: CalendarStore, target: Path, options: ExportOptions, progress: Progress
) -> ExportSummary:
    target = store.export_target(target)
    as_of = options.today or store.today()
    plan = _read_plan(store, options, as_of)
    style = PageStyle()
    layout = _page_layout()
    full = layout.fullRectPoints()
    page_size = (float(full.width()), float(full.height()))
    pages = _pages(plan, style, page_size, progress)
    try:
        # Made in memory, then written as any file is: Qt's writer says nothing of a
        # write that failed (a full disk), and a report cut short passed for one.
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(layout)
        writer.setTitle(f"{plan.report.name} — message delivery report")
        writer.setCreator("Cadence")
        painter = QPainter()
        if not painter.begin(writer):
            raise CalendarFileError(f"Could not write a PDF to {target}.")
        # Pages read left to right; a right-to-left name or title runs its own way inside.
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        try:
            render_pages(
                painter,
                style,
                page_size,
                pages,
                plan.report,
                writer.newPage,
                progress,
                RESOLUTION / 72,
            )
        except BaseException:
            with _quiet_about_saved_states():  # stopped inside a page: nothing to say
                painter.end()
            raise
        finished = painter.end()
        del writer
        buffer.close()
        if not finished:
            raise CalendarFileError(f"Could not write a PDF to {target}.")
        write_beside(target, buffer.data().data())
    except OSError as exc:
        raise os_problem_for(exc, str(target)) from exc
    texts = [plan.report.name, *(m.title for m in plan.messages.values())]
    texts += [c.name for c in plan.channels.values()]
    texts += [p.title for posts in plan.posts_by_day.values() for p in posts]
    return ExportSummary(
        posts=plan.post_count,
        files=[target],
        period=range_text(plan.report.first, plan.report.last),
        no_font=letters_without_a_font(texts, style.font(10)),
    )


def letters_without_a_font(texts: Iterable[str], font: QFont) -> str:
    """The letters of ``texts`` that no font of this computer draws, each once: a PDF
    shows them as boxes (Japanese titles on a computer without a Japanese font came out
    as boxes, unsaid)."""
    seen = dict.fromkeys(
        c
        for text in texts
        for c in text
        if ord(c) > 0x7F and unicodedata.category(c)[0] not in "CZM"
    )
    sample = "".join(seen)
    if not sample:
        return ""
    layout = QTextLayout(sample, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e7)  # one line, however many letters
    layout.endLayout()
    # Qt counts a string in UTF-16 units: a letter past U+FFFF (an emoji) takes two.
    at_unit = [c for c in sample for _ in range(2 if ord(c) > 0xFFFF else 1)]
    wanted = QTextLayout.GlyphRunRetrievalFlag
    missing = [
        at_unit[at]
        for run in layout.glyphRuns(
            0, len(at_unit), wanted.RetrieveGlyphIndexes | wanted.RetrieveStringIndexes
        )
        for glyph, at in zip(run.glyphIndexes(), run.stringIndexes(), strict=True)
        if glyph == 0  # a font's "no such letter"
    ]
    return "".join(dict.fromkeys(missing))
