"""The read-only web page for clients: one self-contained HTML file.

``export_html`` writes the calendar's name and "as of" day, a summary of
every key message's cadence (status, cadence, deliveries, last and next
delivery, and its gaps drawn as a strip), a legend, one month grid per month
of the range with each post as a chip in its channel's colour, and an agenda
by day. The file needs nothing else: the CSS is inline, there is no script,
no image, no font and no address to load, so it opens the same offline, in a
mail attachment or printed.

Everything the user typed is escaped with :func:`html.escape` (attribute
values included), and every colour is checked as ``#rrggbb`` before it goes
into a ``style`` attribute, so a title like ``<img src=x onerror=alert(1)>``
shows as text.

The pure helpers here (:func:`export_range`, :func:`months_between`,
:func:`cadence_sentence`) are shared with the PDF report, so that both say the
same thing about the same range.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from html import escape as html_escape
from pathlib import Path

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
from ..core.errors import CalendarFileError, InvalidInput, os_problem_for
from ..core.files import write_beside
from ..core.models import (
    FIRST_DAY,
    LAST_DAY,
    MARKERS_SHOWN,
    MONTHS,
    WEEKDAYS,
    Campaign,
    Channel,
    KeyMessage,
    Post,
    PostStatus,
    WeekStart,
    add_months,
    as_they_go_out,
    every_days,
    in_words,
    isolated,
    month_end,
    name_order,
    quoted_names,
    spelled_day,
    with_year,
)
from ..core.store import CalendarStore
from .formats import Cancelled, ExportOptions, ExportSummary, Progress, kept_to_messages

__all__ = [
    "cadence_sentence",
    "day_text",
    "days_unplanned",
    "export_html",
    "export_range",
    "gaps_so_far",
    "month_name",
    "months_between",
    "safe_color",
    "status_label",
]

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
NEUTRAL = "#8a919c"
"""The colour of anything whose own colour is missing or not ``#rrggbb``."""

MAX_CHIPS = 6
"""Chips shown in one day of a month grid; the rest are counted (the agenda has them)."""


# -- words and ranges (shared with the PDF) -------------------------------------


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape(text: str, quote: bool = True) -> str:
    """``text`` for the page: HTML's own signs escaped, and control characters left out
    (a terminal's colour code or a bell in an imported title: HTML may not hold them,
    and browsers drew them as boxes)."""
    return html_escape(_CONTROLS.sub("", text), quote)


def safe_color(text: str | None) -> str:
    """``text`` as ``#rrggbb`` when it is one, else the neutral grey: safe in a style."""
    if text is not None and _COLOR.fullmatch(text.strip()):
        return text.strip().lower()
    return NEUTRAL


def month_name(day: date, *, short: bool = False) -> str:
    name = MONTHS[day.month - 1]
    return name[:3] if short else name


def day_text(day: date | None, *, weekday: bool = True, year: bool | date = False) -> str:
    """``Wed 18 Nov`` (``Wed 18 Nov 2026`` with the year, or with a day as ``year``
    when it is another year's); ``—`` for no day. In English, as the page and the PDF
    are written, whatever the locale (the window's namesake in
    :mod:`..render.cadence_strip` follows it)."""
    if day is None:
        return "—"
    year = with_year(day, year)
    text = f"{day.day} {month_name(day, short=True)}"
    if weekday:
        text = f"{WEEKDAYS[day.weekday()][:3]} {text}"
    return f"{text} {day.year}" if year else text


def long_day_text(day: date) -> str:
    """``Wednesday 18 November 2026``."""
    return spelled_day(day)


def other_dots(
    listed: Iterable[KeyMessage], every: Iterable[KeyMessage], posts: Iterable[Post]
) -> list[KeyMessage]:
    """The key messages beyond ``listed`` whose dots ``posts`` carry (an archived one,
    or one a report leaves out), for a legend to name them too, an archived one marked
    so: a page's and the PDF's month legends."""
    carried = {m for p in posts for m in p.message_ids}
    known = {m.id for m in listed}
    return [
        replace(m, title=f"{m.title} (archived)") if m.archived else m
        for m in every
        if m.id in carried and m.id not in known
    ]


def range_text(first: date, last: date) -> str:
    """``1 Oct 2026 – 31 Jan 2027``, ``1 Oct – 31 Dec 2026``, ``10 Dec 2026`` (one day):
    in English, as :func:`day_text`."""
    if first == last:
        return day_text(first, weekday=False, year=True)
    if first.year == last.year:
        return f"{day_text(first, weekday=False)} – {day_text(last, weekday=False, year=True)}"
    return (
        f"{day_text(first, weekday=False, year=True)} – {day_text(last, weekday=False, year=True)}"
    )


def _month_start(day: date, months: int = 0) -> date:
    """The first day of the month ``months`` after ``day``'s."""
    return add_months(day.replace(day=1), months)


def planned_from(store: CalendarStore) -> date:
    """The first day the calendar plans anything: its first dated post's, or a key
    message's start if earlier (``date.max`` when it plans nothing yet)."""
    span = store.date_range()
    starts = [m.starts_on for m in store.key_messages(include_archived=True) if m.starts_on]
    return min([*starts, *(span[:1] if span else ())], default=date.max)


def export_range(
    options: ExportOptions, as_of: date, planned: date = date.min
) -> tuple[date, date]:
    """The days an HTML or PDF export covers.

    ``options.first`` and ``options.last`` when given. By default the whole
    month before as-of's month to the end of the month two months after it
    (four calendar months around today), from as-of's month when nothing is
    ``planned`` before it (a new client's report opened on an empty month). With
    only one end given, the other is four whole months away from it. A stretch
    chosen so stops at the years a calendar plans (1900 to 2999).
    """
    first, last = options.first, options.last
    if first is not None and last is not None:
        if last < first:
            raise InvalidInput("The export range ends before it starts.")
        return first, last
    if first is not None:
        last = month_end(_month_start(first, 3))
    elif last is not None:
        first = _month_start(last, -3)
    else:
        first, last = _month_start(as_of, -1), month_end(_month_start(as_of, 2))
        if planned >= _month_start(as_of):
            first = _month_start(as_of)
    # A stretch chosen for you stays within the years a calendar plans.
    return max(first, FIRST_DAY), min(last, LAST_DAY)


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month that the days ``first`` to ``last`` touch."""
    months = []
    month = _month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def status_label(status: MessageStatus | str, overdue_days: int) -> str:
    """``on cadence``, ``not planned in time``, ``overdue by 12 days``, ``upcoming`` (as
    the window's badge says it), ``ended``."""
    if status == MessageStatus.OVERDUE:
        return f"overdue by {overdue_days} day{'s' if overdue_days != 1 else ''}"
    return {
        MessageStatus.OK: "on cadence",
        MessageStatus.UNPLANNED: "not planned in time",
        MessageStatus.UPCOMING: "upcoming",
        MessageStatus.ENDED: "ended",
    }.get(MessageStatus(status), str(status))


def gaps_so_far(gaps: Iterable[Gap], as_of: date) -> tuple[Gap, ...]:
    """The gaps that started on or before ``as_of``, cut at it: the days really overdue
    (each still knows when it began, before the period too)."""
    return tuple(
        Gap(g.start, min(g.end, as_of), (min(g.end, as_of) - g.start).days + 1, g.began)
        for g in gaps
        if g.start <= as_of
    )


RUNNING = frozenset({MessageStatus.OK, MessageStatus.UNPLANNED, MessageStatus.OVERDUE})
"""The statuses of a message running on the as-of day (not upcoming, not ended): those
a report's sentence, and the colour of its rule, speak of."""


def days_unplanned(gaps: Iterable[Gap], as_of: date) -> int:
    """Gap days after ``as_of``: overdue then unless something gets planned."""
    after = as_of + timedelta(days=1)
    return sum((g.end - max(g.start, after)).days + 1 for g in gaps if g.end >= after)


def cadence_sentence(
    messages: Sequence[MessageCadence],
    key_messages: Iterable[KeyMessage] = (),
    as_of: date | None = None,
) -> str:
    """One sentence for leadership, e.g.

    ``3 of 5 key messages on cadence; 'Backed by a 25-year warranty' overdue by
    42 days; nothing planned in time to repeat 'Every roof counts'; 'Made here'
    has 12 days ahead not planned yet.``

    Messages not running on the as-of day (upcoming, ended) are left out of
    the count and named at the end (``key_messages`` gives their dates). With
    ``as_of``, the messages that fall overdue later in the period unless something is
    planned are counted, one named with its days (a plan with holes read "All 5 key
    messages on cadence" alone). Long lists name the first three and count the rest.
    """
    if not messages:
        return "No key messages to report on."
    dates = {m.id: m for m in key_messages}
    running = [m for m in messages if m.status in RUNNING]
    overdue = sorted(
        (m for m in running if m.status == MessageStatus.OVERDUE),
        key=lambda m: -m.overdue_days,
    )
    unplanned = [m for m in running if m.status == MessageStatus.UNPLANNED]
    resting = [m for m in messages if m not in running]
    parts: list[str] = []
    if running:
        # On cadence: the next delivery planned in time (not one with none planned).
        on = len(running) - len(overdue) - len(unplanned)
        noun = "key message" if len(running) == 1 else "key messages"
        if on == len(running):
            # ("All 2 key messages" read as no one writes it)
            every = {1: "1", 2: "Both"}.get(on, f"All {on}")
            parts.append(f"{every} {noun} on cadence")
        elif on == 0:
            parts.append(
                {1: "The key message is not", 2: "Neither key message"}.get(
                    len(running), f"None of the {len(running)} {noun}"
                )
                + " on cadence"
            )
        else:
            parts.append(f"{on} of {len(running)} {noun} on cadence")
    parts.extend(
        f"'{isolated(m.title)}' {status_label(m.status, m.overdue_days)}" for m in overdue[:3]
    )
    if len(overdue) > 3:
        parts.append(f"{len(overdue) - 3} more overdue")
    if unplanned:
        names = quoted_names([m.title for m in unplanned])
        parts.append(f"nothing planned in time to repeat {names}")
    if as_of is not None:
        # As the report's "Ahead" column counts them: every message running, overdue
        # ones too (the sentence counted 3 where the column showed days on 5 rows).
        ahead = [(m, days) for m in running if (days := days_unplanned(m.gaps, as_of))]
        if len(ahead) == 1:
            (m, days), *_ = ahead
            plural = "s" if days != 1 else ""
            parts.append(f"'{isolated(m.title)}' has {days} day{plural} ahead not planned yet")
        elif ahead:
            if len(ahead) == len(running):
                many = "both" if len(running) == 2 else f"all {len(running)}"
            else:
                many = f"{len(ahead)} of the {len(running)}"
            parts.append(f"{many} have days ahead not planned yet")
    if len(resting) > 3:  # counted as their badges say it ("not running now" read as a fault)
        later = sum(m.status == MessageStatus.UPCOMING for m in resting)
        if later:
            parts.append(f"{later} key message{'s start' if later != 1 else ' starts'} later")
        if len(resting) > later:
            over = len(resting) - later
            noun = "" if later else f" key message{'s' if over != 1 else ''}"
            parts.append(f"{over}{noun} ended")  # ("5 ended." alone named nothing)
    else:
        for m in resting:
            known = dates.get(m.message_id)
            if m.status == MessageStatus.UPCOMING:
                day = known.starts_on if known else None
                verb = "starts"
            else:
                day = known.ends_on if known else None
                verb = "ended"
            when = f" on {day_text(day, weekday=False, year=True)}" if day else ""
            parts.append(f"'{isolated(m.title)}' {verb}{when}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


# -- colours --------------------------------------------------------------------


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _mix(base: str, other: str, amount: float) -> str:
    """``other`` over ``base`` at opacity ``amount``, as ``#rrggbb``."""
    a, b = _rgb(base), _rgb(other)
    mixed = (round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{v:02x}" for v in mixed)


def _tint(color: str, amount: float = 0.16) -> str:
    return _mix("#ffffff", color, amount)


# -- the export -----------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    """What the page is built from, read once."""

    name: str
    timezone: str
    as_of: date
    first: date
    last: date
    week_start: WeekStart
    rest_days: frozenset[int]
    channels: dict[int, Channel]
    messages: dict[int, KeyMessage]
    campaigns: dict[int, Campaign]
    shown_messages: list[KeyMessage]
    legend_channels: list[Channel]
    legend_messages: list[KeyMessage]
    """The messages whose dots the chips show: those reported on, then any other a post
    carries (an archived one marked so)."""
    posts: list[Post]
    report: CadenceReport
    channel_filtered: bool
    posts_shown: str
    """The posts it keeps to, by campaign and status (:func:`posts_shown`)."""
    by_channel: dict[int, dict[int, int]]
    """Per message, per channel: delivery days in the range."""
    marks: dict[int, dict[date, set[int]]]
    """Per message, per delivery day in the range: the channels that delivered it."""


def export_html(
    store: CalendarStore, target: Path, options: ExportOptions, progress: Progress
) -> ExportSummary:
    """Write the read-only page for ``options``' range and filters to ``target``.

    The posts shown are the dated posts of the range that pass the channel
    and key-message filters. The cadence summary covers the key messages
    asked for (all that are not archived by default) and counts their
    deliveries on every channel: a message's cadence is about the whole plan.
    The file is written beside ``target`` and renamed over it when complete;
    :class:`Cancelled` (from ``progress``) leaves no file.
    """
    target = store.export_target(target)
    page = _read(store, options)
    months = months_between(page.first, page.last)
    total = len(months) + 2
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if not progress(done, total):
            raise Cancelled()

    parts: list[str] = [_head(page), _masthead(page, months)]
    parts.append("<main>\n")  # (a screen reader's way to the page's content)
    parts.append(_messages_section(page))
    parts.append(_legend(page))
    step()
    by_day: dict[date, list[Post]] = defaultdict(list)
    for post in page.posts:
        if post.date is not None:
            by_day[post.date].append(post)
    for month in months:
        parts.append(_month_section(page, month, by_day))
        step()
    parts.append(_agenda(page, by_day))
    parts.append("</main>\n")
    parts.append(_footer(page))
    step()
    _write(target, "".join(parts))
    return ExportSummary(
        posts=len(page.posts), files=[target], period=range_text(page.first, page.last)
    )


def report_messages(
    store: CalendarStore, chosen: frozenset[int], archived: frozenset[int] = frozenset()
) -> list[KeyMessage]:
    """The key messages a web page or report tells of, in the calendar's order: those
    ``chosen``, or else every one in use and the ``archived`` ones ticked by name."""
    return [
        m
        for m in store.key_messages(include_archived=True)
        if (m.id in chosen if chosen else not m.archived or m.id in archived)
    ]


def report_posts(
    store: CalendarStore, first: date, last: date, options: ExportOptions
) -> list[Post]:
    """The posts of ``[first, last]`` a page or report shows: those the options accept
    (channels, key messages, campaigns, statuses), carrying the key messages it names."""
    posts = store.posts_between(
        first,
        last,
        channel_ids=options.channel_ids or None,
        message_ids=options.message_ids or None,
    )
    # At the times they go out, as the week view shows them (a client's page said
    # 02:30 on the night the clocks skip it).
    return as_they_go_out(
        kept_to_messages([p for p in posts if options.accepts(p)], options), store.zone
    )


def posts_shown(store: CalendarStore, options: ExportOptions) -> str:
    """The posts a page or report keeps to, by campaign and status ("scheduled or
    draft posts of campaign 'Launch'"), or "" when it shows them all."""
    if not options.campaign_ids and not options.statuses:
        return ""
    kinds = [s.value for s in PostStatus if s in options.statuses]
    text = f"{' or '.join(kinds)} posts" if kinds else "posts"
    names = [f"'{c.name}'" for c in store.campaigns() if c.id in options.campaign_ids]
    if len(names) > 3:
        text += f" of {len(names)} campaigns"
    elif names:
        text += f" of {'campaign' if len(names) == 1 else 'campaigns'} {in_words(names)}"
    return text


def _read(store: CalendarStore, options: ExportOptions) -> _Page:
    info = store.info()
    as_of = options.today or store.today()
    first, last = export_range(options, as_of, planned_from(store))
    channels = {c.id: c for c in store.channels(include_archived=True)}
    messages = {m.id: m for m in store.key_messages(include_archived=True)}
    campaigns = {c.id: c for c in store.campaigns()}
    posts = report_posts(store, first, last, options)
    shown = report_messages(store, options.message_ids, options.archived_messages)
    used = {p.channel_id for p in posts}
    legend_channels = [
        c
        for c in sorted(channels.values(), key=lambda c: (c.sort_order, name_order(c.name)))
        if (not c.archived or c.id in used)
        and (not options.channel_ids or c.id in options.channel_ids)
    ]
    legend_messages = [*shown, *other_dots(shown, messages.values(), posts)]
    rows = (  # what the analysis of the period sees (see report.build_delivery_report)
        store.delivery_rows(as_of, [m.id for m in shown], window=(first, last)) if shown else []
    )
    report = analyse_period(shown, list(channels.values()), rows, as_of, first, last)
    left_out = leaves_out(options.channel_ids, channels.values())
    if left_out:  # counted, but not named: "Other channels"
        rows = lump_unlisted(rows, options.channel_ids)
        channels[OTHER_CHANNELS.id] = OTHER_CHANNELS
    by_channel = channel_counts(shown, rows, first, last)
    marks: dict[int, dict[date, set[int]]] = defaultdict(lambda: defaultdict(set))
    for message_id, channel_id, day in rows:
        if first <= day <= last:
            marks[message_id][day].add(channel_id)
    return _Page(
        name=info.name,
        timezone=info.timezone,
        as_of=as_of,
        first=first,
        last=last,
        week_start=info.week_start,
        rest_days=options.days_of_rest(),
        channels=channels,
        messages=messages,
        campaigns=campaigns,
        shown_messages=list(shown),
        legend_channels=legend_channels,
        legend_messages=legend_messages,
        posts=posts,
        report=report,
        channel_filtered=left_out,
        posts_shown=posts_shown(store, options),
        by_channel=by_channel,
        marks=marks,
    )


def _write(target: Path, text: str) -> None:
    """Write ``text`` beside ``target``, then rename it over ``target``."""
    if not target.parent.is_dir():
        raise CalendarFileError(f"The folder {target.parent} does not exist.")
    try:
        # Private while written, then a page meant to be shared reads like any other,
        # or as the page it replaces did.
        write_beside(target, text.encode("utf-8"))
    except OSError as exc:
        raise os_problem_for(exc, str(target)) from exc


# -- pieces of the page -----------------------------------------------------------

_CSS = """
:root {
  --ink: #1b2230; --muted: #5b6473; --faint: #666d7a; --line: #e2e5ea;
  --paper: #ffffff; --page: #f4f5f7; --today: #2a63c8;
  --overdue: #c62a27; --overdue-soft: #f3b9b6; --ok: #1f7a3a; --ok-soft: #e2f1e6;
  --warn: #8a5a05; --warn-soft: #fbefd5; --neutral-soft: #eceef1;
}
* { box-sizing: border-box; }
/* Letters in rem: the reader's own text size (a browser's "larger text") makes them grow;
   in px it changed nothing. The strip's bars keep their size, their numbers with them. */
html { background: var(--page); }
body {
  margin: 0 auto; max-width: 1240px; padding: 28px 32px 48px;
  font: 0.875rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
    "DejaVu Sans", Arial, sans-serif;
  color: var(--ink);
}
h1, h2, h3 { font-weight: 650; letter-spacing: -0.01em; margin: 0; }
h1 { font-size: 1.875rem; line-height: 1.15; overflow-wrap: anywhere; }
/* A name or statement in Arabic or Hebrew reads right to left (dir="auto") but starts
   where the page's words do, as in the PDF: at the end of its box, the heading stood in
   the middle of the page, and a statement under its title's other end. */
h1, .statement { text-align: left; }
h2 { font-size: 1.25rem; margin-bottom: 12px; }
h3 { font-size: 0.9375rem; }
.card {
  background: var(--paper); border: 1px solid var(--line); border-radius: 12px;
  padding: 20px 22px; margin: 0 0 22px;
}
.masthead { display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: flex-end;
  justify-content: space-between; margin-bottom: 22px; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.7188rem;
  color: var(--muted); font-weight: 600; margin: 0 0 6px; }
.meta { color: var(--muted); margin: 6px 0 0; }
.lead { font-size: 1rem; margin: 0 0 18px; max-width: 60em; overflow-wrap: anywhere; }
nav { display: flex; flex-wrap: wrap; gap: 6px; }
nav a { color: var(--ink); text-decoration: none; font-size: 0.8125rem; padding: 4px 10px;
  border: 1px solid var(--line); border-radius: 999px; background: var(--paper); }
nav a:hover { border-color: var(--faint); }
.pill { display: inline-block; white-space: nowrap; font-size: 0.75rem; font-weight: 650;
  padding: 1px 9px; border-radius: 999px; border: 1px solid transparent; }
.pill.ok { color: var(--ok); background: var(--ok-soft); }
.pill.unplanned { color: var(--warn); background: var(--warn-soft); border-color: #e2b860; }
.pill.overdue { color: #fff; background: var(--overdue); }
.pill.upcoming, .pill.ended { color: var(--muted); background: var(--neutral-soft); }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 3px;
  flex: none; vertical-align: -1px; }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%;
  flex: none; vertical-align: 1px; }

/* Key messages: one row each, a strip across the range. */
.axis, .msg { display: grid; grid-template-columns: minmax(260px, 38%) 1fr; gap: 0 22px; }
.axis { align-items: end; margin-bottom: 4px; }
/* The months over the strips are of the drawing, as its bars' numbers are: of a fixed
   size (grown with the reader's text, "Nov 2026" ran into "Dec"). */
.axis .track { position: relative; height: 18px; font-size: 11.5px; color: var(--muted); }
.axis .track span { position: absolute; top: 0; padding-left: 4px; white-space: nowrap;
  border-left: 1px solid var(--line); font-weight: 600; }
.msg { border-top: 1px solid var(--line); padding: 14px 0; align-items: center; }
.msg-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.msg-head h3 { flex: 1 1 0; min-width: 8em; overflow-wrap: anywhere; }
.msg-head .swatch, .msg-head .pill { flex: none; }
.statement { color: var(--muted); font-size: 0.8125rem; margin: 4px 0 8px 19px;
  overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: 2px 16px; margin: 0 0 0 19px; font-size: 0.7812rem; }
.facts div { display: flex; gap: 5px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.by-channel { margin: 6px 0 0 19px; font-size: 0.75rem; color: var(--muted);
  display: flex; flex-wrap: wrap; gap: 2px 12px; }
.strip { position: relative; height: 38px; border-radius: 6px; background: #fafbfc;
  border: 1px solid var(--line); overflow: hidden; }
.strip .month-line { position: absolute; top: 0; bottom: 0; width: 1px; background: var(--line); }
.strip .off { position: absolute; top: 0; bottom: 0;
  background: repeating-linear-gradient(135deg, #eef0f3 0 4px, #f8f9fa 4px 8px); }
.strip .base { position: absolute; top: 18px; height: 2px; border-radius: 1px; opacity: 0.55; }
.strip .gap { position: absolute; top: 11px; height: 16px; border-radius: 8px; color: #fff;
  background: repeating-linear-gradient(135deg, var(--overdue) 0 5px, #d9534f 5px 8px);
  font-size: 10.5px; font-weight: 700; text-align: center; line-height: 16px;
  overflow: hidden; white-space: nowrap; }
.strip .gap { container-type: inline-size; }
.strip .gap span { display: none; }
@container (min-width: 52px) { .strip .gap .l { display: inline; } }
@container (min-width: 28px) and (max-width: 51.98px) { .strip .gap .s { display: inline; } }
.strip .gap.future { background: repeating-linear-gradient(135deg, #eda19e 0 5px,
  #f3bcb9 5px 8px); color: #7a1512; }
.strip .mark { position: absolute; top: 13px; width: 6px; margin-left: -3px;
  display: flex; flex-direction: column; gap: 1px; }
.strip .mark i { display: block; height: 6px; border-radius: 3px;
  box-shadow: 0 0 0 1px #fff; }
.strip .mark.many { top: 8px; }
.strip .today { position: absolute; top: 0; bottom: 0; width: 2px; margin-left: -1px;
  background: var(--today); }
.strip-key { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 0.75rem;
  color: var(--muted); margin-top: 12px; }
.strip-key span { display: inline-flex; align-items: center; gap: 6px; }
.key-gap { display: inline-block; width: 24px; height: 10px; border-radius: 5px;
  background: repeating-linear-gradient(135deg, var(--overdue) 0 5px, #d9534f 5px 8px); }
.key-gap.future { background: repeating-linear-gradient(135deg, #eda19e 0 5px,
  #f3bcb9 5px 8px); }
.key-today { display: inline-block; width: 2px; height: 14px; background: var(--today); }
.key-off { display: inline-block; width: 24px; height: 10px; border: 1px solid var(--line);
  background: repeating-linear-gradient(135deg, #eef0f3 0 4px, #f8f9fa 4px 8px); }

/* Legend */
.legend { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
  gap: 12px 28px; }
.legend h3 { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.07em;
  color: var(--muted); margin-bottom: 6px; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { display: flex; align-items: center; gap: 8px; padding: 2px 0; font-size: 0.8125rem; }
.legend .sub { color: var(--faint); font-size: 0.75rem; }
/* A name without spaces breaks where it must: it ran out of its card, its dot left on
   another line. */
.legend li bdi, .by-channel bdi { min-width: 0; overflow-wrap: anywhere; }
.by-channel > span { display: flex; align-items: center; gap: 4px; min-width: 0; }

/* Month grids */
.month h2 { display: flex; align-items: baseline; gap: 10px; }
.month h2 .count { font-size: 0.8125rem; font-weight: 500; color: var(--muted); }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; }
.grid th abbr { text-decoration: none; border: none; }
.grid th { font-size: 0.75rem; font-weight: 600; color: var(--muted); text-align: left;
  padding: 4px 6px 6px; }
.grid td { border: 1px solid var(--line); vertical-align: top; height: 104px;
  padding: 4px 4px 6px; }
.grid td.weekend { background: #fafbfc; }
.grid td.outside { background: #f6f7f9; }
.grid td.outside .num { color: #b8bec7; }
.grid td.overdue-day { background: #fdf3f2; }
.day-top { display: flex; align-items: center; justify-content: space-between;
  min-height: 22px; margin-bottom: 3px; }
.num { font-size: 0.7812rem; font-weight: 600; padding: 1px 6px; border-radius: 999px;
  color: var(--ink); }
.today .num { background: var(--today); color: #fff; }
.badge { font-size: 0.6562rem; font-weight: 700; color: #fff; background: var(--overdue);
  border-radius: 999px; padding: 0 6px; line-height: 1.5; }
ul.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column;
  gap: 3px; }
/* Words break between them, and within one only where it is wider than the chip; a time
   never (on a phone "07:00 Newsletter" read "07:0 / 0 Ne / wsl…"). */
.chip { font-size: 0.7188rem; line-height: 1.3; padding: 2px 5px 2px 6px; border-radius: 4px;
  border-left: 3px solid var(--faint); overflow-wrap: break-word; display: flex; gap: 4px;
  align-items: flex-start; }
.chip .text { flex: 1 1 auto; min-width: 0; display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 3; line-clamp: 3; overflow: hidden; }
.chip time, .agenda time { font-weight: 700; color: var(--muted);
  font-variant-numeric: tabular-nums; white-space: nowrap; }
.agenda time { margin-right: 3px; }
.chip .dots { display: inline-flex; gap: 2px; flex: none; padding-top: 3px; }
.chip .dots .dot { width: 7px; height: 7px; box-shadow: 0 0 0 1px #fff; }
.chip .more-dots { font-size: 0.625rem; line-height: 7px; color: var(--muted); }
.chip.draft, .chip.idea { border-style: dashed; border-width: 1px 1px 1px 3px; }
.chip.idea { font-style: italic; opacity: 0.75; }
.chip.passed { opacity: 0.7; }
.chip.cancelled { text-decoration: line-through; opacity: 0.7; }
/* Faded, a chip still reads at 4.5:1, its time as dark as its title (muted and faded,
   a cancelled post's time read at 2.2:1); the footer's and the legend's grey too. */
.chip.idea time, .chip.passed time, .chip.cancelled time { color: var(--ink); }
.tick { color: var(--ok); font-weight: 700; }
.more { font-size: 0.7188rem; font-weight: 600; color: var(--muted); padding-left: 6px; }
.more a { color: inherit; }

/* Agenda */
table.agenda { width: 100%; border-collapse: collapse; font-size: 0.8125rem; }
.agenda th { text-align: left; font-size: 0.75rem; color: var(--muted); font-weight: 600;
  border-bottom: 1px solid var(--line); padding: 6px 8px; }
.agenda td { padding: 7px 8px; vertical-align: top; border-bottom: 1px solid var(--line);
  overflow-wrap: anywhere; }
.agenda tr.day th { font-size: 0.8125rem; color: var(--ink); background: #f6f7f9;
  padding: 7px 8px; border-bottom: 1px solid var(--line); border-top: 1px solid var(--line); }
.agenda tr.day.today th { color: var(--today); }
.agenda .title { font-weight: 600; }
.agenda .body { color: var(--muted); white-space: pre-line; margin-top: 2px;
  font-size: 0.7812rem; }
.agenda .link { color: var(--muted); font-size: 0.75rem; overflow-wrap: anywhere; }
/* Channels and campaigns break between their words (a phone's narrow column read
   "Instagra / m"); key messages have room for a word, and one longer still wraps. */
.agenda td.who, .agenda td.campaign { overflow-wrap: break-word; }
.agenda td.msgs { min-width: 10em; } .agenda td.post { min-width: 14em; }
.agenda .msgs > span { display: block; }
.agenda .status { text-transform: capitalize; white-space: nowrap; }
.agenda tr.cancelled .title { text-decoration: line-through; }
/* In rem, as the letters: at a larger text, "Published" was cut to "Publish". */
.agenda col.c-time { width: 3.875rem; } .agenda col.c-channel { width: 8.75rem; }
.agenda col.c-msgs { width: 14.375rem; } .agenda col.c-campaign { width: 9.375rem; }
.agenda col.c-status { width: 5.75rem; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--faint); font-size: 0.75rem; text-align: center; margin-top: 28px; }

@media screen and (max-width: 820px) {
  body { padding: 16px 12px; }
  /* The months over the strips stay, over the first (hidden, they left the strips of a
     phone without a month named), as on paper. */
  .axis, .msg { grid-template-columns: 1fr; gap: 10px; }
  .axis > div:first-child { display: none; }
  .grid td { height: auto; }
  .chip { font-size: 0.6562rem; }
}
/* A phone: the month and the agenda scroll sideways in their cards, the page does not. */
@media screen { .wide { overflow-x: auto; } }
@media screen and (max-width: 600px) {
  table.grid { min-width: 45rem; }  /* a word or a time whole in each chip */
  table.agenda { min-width: 35rem; }
  .axis .track span:not(.y) { display: none; }  /* the years' alone: the others ran together */
  .agenda col.c-channel, .agenda col.c-msgs, .agenda col.c-campaign { width: auto; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  html, body { background: #fff; }
  body { max-width: none; padding: 0; font-size: 12px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav { display: none; }
  .card { border: none; padding: 0; margin: 0 0 14px; border-radius: 0; }
  .month { break-before: page; }
  .agenda-section { break-before: page; }
  .msg, .grid tr, .agenda tr, .legend { break-inside: avoid; }
  /* A message's words above its strip, as wide as the paper: two fit the first page
     (beside it, the words took so many lines that one did), the strips under the axis. */
  .axis, .msg { grid-template-columns: 1fr; gap: 8px; }
  .axis > div:first-child { display: none; }
  .agenda tr.day { break-after: avoid; }  /* a day's heading stays with its posts */
  .month h2 { margin-bottom: 6px; }
  .grid td { height: 84px; padding: 2px 3px 3px; }
  .day-top { min-height: 18px; margin-bottom: 2px; }
  ul.chips { gap: 2px; }
  .chip { font-size: 8.5px; padding: 1px 3px 1px 4px; }
  .chip .text { -webkit-line-clamp: 2; line-clamp: 2; }
  .chip .dots .dot { width: 5px; height: 5px; }
  .agenda thead { display: table-header-group; }
}
"""


def _head(page: _Page) -> str:
    title = f"{isolated(page.name)} · content calendar · {range_text(page.first, page.last)}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Cadence">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
    )


def _month_id(month: date) -> str:
    return f"month-{month.year:04d}-{month.month:02d}"


def _day_id(day: date) -> str:
    return f"day-{day.isoformat()}"


def _masthead(page: _Page, months: list[date]) -> str:
    count = len(page.posts)
    links = ['<a href="#messages">Key messages</a>']
    for month in months:
        label = month_name(month)
        if len(months) > 1 and (months[0].year != months[-1].year):
            label += f" {month.year}"
        links.append(f'<a href="#{_month_id(month)}">{escape(label)}</a>')
    links.append('<a href="#agenda">Agenda</a>')
    return (
        '<header class="masthead">\n<div>\n<p class="eyebrow">Content calendar</p>\n'
        f'<h1 dir="auto">{escape(page.name)}</h1>\n'
        f'<p class="meta">{escape(range_text(page.first, page.last))} · '
        f"{count} post{'s' if count != 1 else ''} · as of "
        f'<time datetime="{page.as_of.isoformat()}">{escape(long_day_text(page.as_of))}</time>'
        f" · times in {escape(page.timezone)}</p>\n</div>\n"
        f"<nav>{''.join(links)}</nav>\n</header>\n"
    )


def _pct(value: float) -> str:
    return f"{value:.3f}%"


def _gap_label(days: int) -> str:
    """A bar's count of days, in full and short: the page shows the one its bar has room
    for, or none (over a year a bar of 11 days read "1", cut; its tooltip says it)."""
    return f'<span class="l">{escape(_days(days))}</span><span class="s">{days} d</span>'


def _messages_section(page: _Page) -> str:
    report = page.report
    out = ['<section id="messages" class="card">\n<h2>Key messages</h2>\n']
    sentence = cadence_sentence(report.messages, page.shown_messages, page.as_of)
    out.append(f'<p class="lead">{escape(sentence)}</p>\n')
    if not report.messages:
        out.append("</section>\n")
        return "".join(out)
    days = (page.last - page.first).days + 1

    def pos(day: date) -> float:
        return (day - page.first).days * 100 / days

    # The shared axis: month names where each month starts, the first and each January
    # with its year; over years, every second, third... month (60 ran together).
    labels: list[str] = []
    months = months_between(page.first, page.last)
    every = next(n for n in (1, 2, 3, 4, 6, 12) if len(months) <= 12 * n or n == 12)
    after_year = False  # the month after one named with its year, over half a year
    owed = False  # a January left unnamed so: the next month named says the year
    for month in months:
        start = max(month, page.first)
        if (month_end(month) - start).days < 6:
            continue  # too little of it shows for a label
        yearly = not labels or month.month == 1 or owed  # the first named, or a January
        if after_year and (not yearly or month.month == 1):
            # ("Jun 2026Jul", "Dec 2026Jan 2027": a twelfth of the axis holds one of them)
            after_year, owed = False, month.month == 1
            continue
        if not yearly and (month.month - 1) % every:
            continue
        owed = False
        after_year = yearly and len(months) > 6 and every == 1
        name = month_name(month, short=True) + (f" {month.year}" if yearly else "")
        kind = ' class="y"' if yearly else ""  # (on a phone, those alone)
        labels.append(f'<span{kind} style="left:{_pct(pos(start))}">{escape(name)}</span>')
    out.append(
        '<div class="axis" aria-hidden="true"><div></div>'
        f'<div class="track">{"".join(labels)}</div></div>\n'
    )

    messages = {m.id: m for m in page.shown_messages}
    shown = [messages[c.message_id] for c in report.messages]
    out.extend(
        _message_row(page, m, c, pos, days) for m, c in zip(shown, report.messages, strict=True)
    )
    # Days outside a message's dates are hatched: said where a row shows some.
    off = any(
        (m.starts_on is not None and m.starts_on > page.first)
        or (m.ends_on is not None and m.ends_on < page.last)
        for m in shown
    )
    out.append(
        '<div class="strip-key">'
        '<span><span class="key-gap"></span>overdue</span>'
        '<span><span class="key-gap future"></span>overdue unless something is planned</span>'
        + ('<span><span class="key-off"></span>outside its dates</span>' if off else "")
        + '<span><span class="key-today"></span>today</span>'
        "<span>marks: deliveries, in the colour of their channel</span>"
        "</div>\n"
    )
    if page.channel_filtered:
        out.append(
            '<p class="meta">The cadence counts deliveries on every channel, '
            "including those this page does not list (“Other channels”).</p>\n"
        )
    if page.posts_shown:  # the cadence is about the whole plan
        out.append(
            '<p class="meta">The cadence counts the deliveries of every post of the plan;'
            f" this page lists {escape(page.posts_shown)} only.</p>\n"
        )
    out.append("</section>\n")
    return "".join(out)


def _message_row(
    page: _Page,
    message: KeyMessage,
    cadence: MessageCadence,
    pos: Callable[[date], float],
    days: int,
) -> str:
    color = safe_color(message.color)
    status = str(cadence.status)
    label = status_label(cadence.status, cadence.overdue_days)
    count = len(cadence.deliveries)
    so_far = sum(1 for day in cadence.deliveries if day <= page.as_of)
    past = gaps_so_far(cadence.gaps, page.as_of)
    longest = max((g.length for g in past), default=0)  # as its bar and the status count
    overdue = (
        f"{len(past)} stretch{'es' if len(past) != 1 else ''}, longest {_days(longest)}"
        if past
        else "not once in the period"
    )
    facts = [
        ("Cadence", every_days(cadence.cadence_days)),
        ("Deliveries", f"{count} in this period, {so_far} so far"),
        ("Last", day_text(cadence.last_delivery, year=page.as_of)),
        ("Next", day_text(cadence.next_delivery, year=page.as_of)),
        ("Overdue so far", overdue),
    ]
    ahead = days_unplanned(cadence.gaps, page.as_of)
    if ahead:
        facts.append(("Overdue ahead unless planned", f"{ahead} day{'s' if ahead != 1 else ''}"))
    out = [
        '<article class="msg">\n<div class="msg-info">\n<div class="msg-head">'
        f'<span class="swatch" style="background:{color}"></span>'
        f"<h3><bdi>{escape(message.title)}</bdi></h3>"
        f'<span class="pill {status}">{escape(label)}</span></div>\n'
    ]
    if message.statement.strip():
        out.append(f'<p class="statement" dir="auto">{escape(message.statement)}</p>\n')
    out.append(
        '<dl class="facts">'
        + "".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in facts)
        + "</dl>\n"
    )
    counts = page.by_channel.get(message.id, {})
    if counts:
        ordered = sorted(
            counts.items(),
            key=lambda item: (-item[1], _channel_sort(page, item[0])),
        )
        spans = []
        for channel_id, n in ordered:
            channel = page.channels.get(channel_id)
            name = channel.name if channel else "?"
            spans.append(
                f'<span><span class="dot" style="background:'
                f'{safe_color(channel.color if channel else None)}"></span> '
                f"<bdi>{escape(name)}</bdi> {n}</span>"
            )
        out.append(f'<p class="by-channel">{"".join(spans)}</p>\n')
    out.append("</div>\n")
    out.append(_strip(page, message, cadence, pos, days))
    out.append("</article>\n")
    return "".join(out)


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _channel_sort(page: _Page, channel_id: int) -> tuple[int, str]:
    channel = page.channels.get(channel_id)
    return (channel.sort_order, channel.name.casefold()) if channel else (1 << 30, "")


def _strip(
    page: _Page,
    message: KeyMessage,
    cadence: MessageCadence,
    pos: Callable[[date], float],
    days: int,
) -> str:
    first, last = page.first, page.last
    color = safe_color(message.color)
    width = 100 / days
    lo = first if message.starts_on is None else max(first, message.starts_on)
    hi = last if message.ends_on is None else min(last, message.ends_on)
    summary = (
        f"{message.title}: {len(cadence.deliveries)} deliveries, "
        f"{len(cadence.gaps)} gap{'s' if len(cadence.gaps) != 1 else ''} in this period"
    )
    out = [f'<div class="strip" role="img" aria-label="{escape(summary)}">']
    for month in months_between(first, last)[1:]:
        out.append(f'<span class="month-line" style="left:{_pct(pos(month))}"></span>')
    if lo > hi:
        out.append('<span class="off" style="left:0;width:100%"></span>')
    else:
        if lo > first:
            out.append(f'<span class="off" style="left:0;width:{_pct(pos(lo))}"></span>')
        if hi < last:
            left = pos(hi) + width
            out.append(
                f'<span class="off" style="left:{_pct(left)};width:{_pct(100 - left)}"></span>'
            )
        out.append(
            f'<span class="base" style="left:{_pct(pos(lo))};'
            f'width:{_pct(pos(hi) + width - pos(lo))};background:{color}"></span>'
        )
    as_of = page.as_of
    for gap in cadence.gaps:
        start, end = max(gap.start, first), min(gap.end, last)
        if start > end:
            continue
        left = pos(start)
        span = pos(end) + width - left
        since = gap.since  # before the period when it began before it
        tip = (
            f"Overdue {day_text(since, year=True)} – {day_text(gap.end, year=True)} "
            f"({gap.length} day{'s' if gap.length != 1 else ''})"
        )
        if gap.start > as_of:
            out.append(
                f'<span class="gap future" style="left:{_pct(left)};width:{_pct(span)}" '
                f'title="{escape(tip + " unless something is planned")}">'
                f"{_gap_label(gap.days)}</span>"
            )
            continue
        # Up to today the gap is real; the label counts those days, as the status does
        # (from the day it began, before the period too).
        done = gap.overdue_by(as_of)
        past_end = min(end, as_of)
        past = pos(past_end) + width - left
        square = ""
        if end > as_of:
            square = ";border-top-right-radius:0;border-bottom-right-radius:0"
            tip = (
                f"Overdue since {day_text(since, year=True)}: {_days(done)} up to today, "
                f"{_days((gap.end - as_of).days)} more unless something is planned"
            )
        out.append(
            f'<span class="gap" style="left:{_pct(left)};width:{_pct(past)}{square}" '
            f'title="{escape(tip)}">{_gap_label(done)}</span>'
        )
        if end > as_of:
            rest = pos(end) + width - (left + past)
            out.append(
                f'<span class="gap future" style="left:{_pct(left + past)};width:{_pct(rest)};'
                f'border-top-left-radius:0;border-bottom-left-radius:0" title="{escape(tip)}">'
                "</span>"
            )
    by_day = page.marks.get(message.id, {})
    for day in sorted(by_day):
        channels = sorted(by_day[day], key=lambda c: _channel_sort(page, c))
        known = [page.channels.get(c) for c in channels]
        names = ", ".join(c.name if c else "?" for c in known)
        segments = "".join(
            f'<i style="background:{safe_color(c.color if c else None)}"></i>' for c in known[:3]
        )
        many = " many" if len(channels) > 1 else ""
        out.append(
            f'<span class="mark{many}" style="left:{_pct(pos(day) + width / 2)}" '
            f'title="{escape(day_text(day, year=True) + ": " + names)}">{segments}</span>'
        )
    if first <= as_of <= last:
        out.append(f'<span class="today" style="left:{_pct(pos(as_of) + width / 2)}"></span>')
    out.append("</div>\n")
    return "".join(out)


def _legend(page: _Page) -> str:
    channels = "".join(
        f'<li><span class="swatch" style="background:{safe_color(c.color)}"></span>'
        f'<bdi>{escape(c.name)}</bdi> <span class="sub">{escape(c.kind)}</span></li>'
        for c in page.legend_channels
    )
    messages = "".join(
        f'<li><span class="dot" style="background:{safe_color(m.color)}"></span>'
        f'<bdi>{escape(m.title)}</bdi> <span class="sub">{every_days(m.cadence_days)}</span></li>'
        for m in page.legend_messages
    )
    sample = _tint("#6b7b8c", 0.16)
    statuses = (
        f'<li><span class="chip" style="border-left-color:#6b7b8c;background:{sample}">'
        "Scheduled</span></li>"
        f'<li><span class="chip draft" style="border-color:#6b7b8c;background:#f7f8f9">'
        "Draft (dashed)</span></li>"
        f'<li><span class="chip draft passed" style="border-color:#6b7b8c;background:#f7f8f9">'
        "Draft whose day passed</span> never went out</li>"
        f'<li><span class="chip idea" style="border-color:#6b7b8c;background:#f7f8f9">'
        "Idea (italic)</span> not planned</li>"
        f'<li><span class="chip" style="border-left-color:#6b7b8c;background:{sample}">'
        'Published <span class="tick">✓</span></span></li>'
        '<li><span class="chip cancelled" style="border-left-color:#6b7b8c;'
        'background:#f3f4f6">Cancelled</span></li>'
        '<li><span class="badge">2</span> key messages overdue that day (after today:'
        " unless something is planned by then)</li>"
    )
    return (
        '<section class="card legend" aria-label="Legend">\n'
        f"<div><h3>Channels</h3><ul>{channels or '<li class=empty>None</li>'}</ul></div>\n"
        f"<div><h3>Key messages (dots)</h3><ul>{messages or '<li class=empty>None</li>'}</ul>"
        "</div>\n"
        f"<div><h3>Posts</h3><ul>{statuses}</ul></div>\n</section>\n"
    )


def _chip(page: _Page, post: Post) -> str:
    channel = page.channels.get(post.channel_id)
    color = safe_color(channel.color if channel else None)
    status = str(post.status)
    tentative = post.status in (PostStatus.DRAFT, PostStatus.IDEA)
    if post.status == PostStatus.CANCELLED:
        fill = "#f3f4f6"
    else:
        fill = _tint(color, 0.08 if tentative else 0.16)
    border = f"border-color:{color}" if tentative else f"border-left-color:{color}"
    time_html = ""
    if post.time is not None:
        # (A space after it: "08:30Behind" was one word, broken where the chip ended.)
        time_html = f"<time>{post.time.hour:02d}:{post.time.minute:02d}</time> "
    tick = ' <span class="tick" title="published">✓</span>' if status == "published" else ""
    carried = [page.messages[m] for m in post.message_ids if m in page.messages]
    dots = [
        f'<span class="dot" style="background:{safe_color(message.color)}" '
        f'title="{escape(isolated(message.title))}"></span>'
        for message in carried[:MARKERS_SHOWN]
    ]
    if len(carried) > MARKERS_SHOWN:  # as many as the window's chips: the title keeps room
        rest = carried[MARKERS_SHOWN:]
        names = escape(", ".join(isolated(m.title) for m in rest))
        dots.append(f'<span class="more-dots" title="{names}">+{len(rest)}</span>')
    dots_html = f'<span class="dots">{"".join(dots)}</span>' if dots else ""
    tip = f"{channel.name if channel else '?'} · {status}"
    if post.status == PostStatus.DRAFT and post.date is not None and post.date < page.as_of:
        status += " passed"  # faded, as in the window and the PDF: it never went out
        tip += ", never went out"
    return (
        f'<li class="chip {status}" style="{border};background:{fill}" title="{escape(tip)}" '
        f'data-uid="{escape(post.uid)}">'
        f'<span class="text">{time_html}<bdi>{escape(post.title)}</bdi>{tick}</span>'
        f"{dots_html}</li>"
    )


def _overdue_titles(report: CadenceReport, day: date) -> list[str]:
    return [m.title for m in report.messages if m.is_overdue_on(day)]


def _month_section(page: _Page, month: date, by_day: dict[date, list[Post]]) -> str:
    end = month_end(month)
    count = sum(len(by_day.get(month + timedelta(days=i), ())) for i in range(end.day))
    # The weeks of the month the period covers: a few days are not lost in empty weeks.
    shown = max(month, page.first)
    start = page.week_start.week_of(shown)
    end = min(end, page.last)
    out = [
        f'<section class="card month" id="{_month_id(month)}">\n'
        f"<h2>{escape(month_name(month))} {month.year} "
        f'<span class="count">{count} post{"s" if count != 1 else ""}</span></h2>\n'
        # Named, as a screen reader lists the page's tables.
        f'<div class="wide"><table class="grid" aria-label="{escape(month_name(month))}'
        f' {month.year}">\n<thead><tr>'
    ]
    for i in range(7):
        name = WEEKDAYS[(page.week_start.weekday + i) % 7]
        out.append(f'<th scope="col"><abbr title="{name}">{name[:3]}</abbr></th>')
    out.append("</tr></thead>\n<tbody>\n")
    day = start
    while day <= end:
        out.append("<tr>")
        for _ in range(7):
            out.append(_day_cell(page, month, day, by_day))
            day += timedelta(days=1)
        out.append("</tr>\n")
    out.append("</tbody>\n</table></div>\n</section>\n")
    return "".join(out)


def _day_cell(page: _Page, month: date, day: date, by_day: dict[date, list[Post]]) -> str:
    inside = day.month == month.month and page.first <= day <= page.last
    classes = []
    if not inside:
        classes.append("outside")
    elif day.weekday() in page.rest_days:
        classes.append("weekend")
    if day == page.as_of and day.month == month.month:  # not in another month's spill-over
        classes.append("today")
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    if day.month != month.month:
        return f'<td{attrs}><div class="day-top"><span class="num"></span></div></td>'
    number = f"{day.day}"
    head = f'<div class="day-top"><span class="num">{number}</span>'
    if inside:
        overdue = _overdue_titles(page.report, day)
        if overdue:
            # Each name set apart (a title attribute has no <bdi>): a Hebrew and an
            # Arabic name swapped places, the semicolon between them moved.
            tip = "Overdue: " + "; ".join(isolated(title) for title in overdue)
            head += f'<span class="badge" title="{escape(tip)}">{len(overdue)}</span>'
    head += "</div>"
    posts = by_day.get(day, []) if inside else []
    if not posts:
        return f"<td{attrs}>{head}</td>"
    shown = posts if len(posts) <= MAX_CHIPS else posts[: MAX_CHIPS - 1]
    chips = "".join(_chip(page, post) for post in shown)
    more = ""
    if len(shown) < len(posts):
        hidden = len(posts) - len(shown)
        more = f'<li class="more"><a href="#{_day_id(day)}">+{hidden} more in the agenda</a></li>'
    return f'<td{attrs}>{head}<ul class="chips">{chips}{more}</ul></td>'


def _agenda(page: _Page, by_day: dict[date, list[Post]]) -> str:
    out = [
        '<section id="agenda" class="card agenda-section">\n<h2>Agenda</h2>\n',
    ]
    if not page.posts:
        out.append('<p class="empty">No posts in this period.</p>\n</section>\n')
        return "".join(out)
    out.append(
        '<div class="wide"><table class="agenda">\n<colgroup><col class="c-time">'
        '<col class="c-post"><col class="c-channel"><col class="c-msgs"><col class="c-campaign">'
        '<col class="c-status"></colgroup>\n'
        '<thead><tr><th scope="col">Time</th><th scope="col">Post</th>'
        '<th scope="col">Channel</th><th scope="col">Key messages</th>'
        '<th scope="col">Campaign</th><th scope="col">Status</th></tr></thead>\n'
    )
    for day in sorted(by_day):
        today = " today" if day == page.as_of else ""
        out.append(
            f'<tbody><tr class="day{today}" id="{_day_id(day)}"><th colspan="6" scope="rowgroup">'
            f'<time datetime="{day.isoformat()}">{escape(long_day_text(day))}</time>'
            f"{' · today' if today else ''}</th></tr>\n"
        )
        for post in by_day[day]:
            out.append(_agenda_row(page, post))
        out.append("</tbody>\n")
    out.append("</table></div>\n</section>\n")
    return "".join(out)


def _agenda_row(page: _Page, post: Post) -> str:
    channel = page.channels.get(post.channel_id)
    at = (
        f"<time>{post.time.hour:02d}:{post.time.minute:02d}</time>"
        if post.time is not None
        else '<span class="sub">—</span>'
    )
    body = (
        f'<div class="body" dir="auto">{escape(post.body.strip())}</div>'
        if post.body.strip()
        else ""
    )
    link = f'<div class="link">{escape(post.link.strip())}</div>' if post.link.strip() else ""
    channel_html = (
        f'<span class="swatch" style="background:{safe_color(channel.color)}"></span> '
        f"<bdi>{escape(channel.name)}</bdi>"
        if channel
        else "—"
    )
    messages = []
    for message_id in post.message_ids:
        message = page.messages.get(message_id)
        if message is not None:
            messages.append(
                f'<span><span class="dot" style="background:{safe_color(message.color)}">'
                f"</span> <bdi>{escape(message.title)}</bdi></span>"
            )
    campaign = page.campaigns.get(post.campaign_id) if post.campaign_id is not None else None
    campaign_html = f"<bdi>{escape(campaign.name)}</bdi>" if campaign else ""  # (as its row's)
    status = str(post.status)
    tick = ' <span class="tick">✓</span>' if status == "published" else ""
    return (
        f'<tr class="{status}" data-uid="{escape(post.uid)}"><td>{at}</td>'
        f'<td class="post"><div class="title" dir="auto">{escape(post.title)}</div>'
        f"{body}{link}</td>"
        f'<td class="who">{channel_html}</td>'
        f'<td class="msgs">{"".join(messages)}</td>'
        f'<td class="campaign">{campaign_html}</td>'
        f'<td class="status">{escape(status)}{tick}</td></tr>\n'
    )


def _footer(page: _Page) -> str:
    return (
        f"<footer>Made with Cadence on {escape(long_day_text(page.as_of))}. "
        "A read-only copy of the calendar: changes are made in the calendar itself."
        "</footer>\n</body>\n</html>\n"
    )
