"""Cadence analysis: where each key message has not been repeated recently.

This module implements DESIGN.md, section "Cadence: the rules", literally:

* a delivery day of a message is a day on which at least one post delivers it
  (the delivery rule itself is :func:`calendar_app.core.models.delivers`);
* after a delivery on day *a*, a delivery on any day up to *a + c* is on time;
* the active range is the window ``[start, end]`` narrowed by the message's
  ``starts_on`` and ``ends_on``;
* the anchors are the start anchor (the last real delivery before the active
  range, else a virtual delivery on ``starts_on - 1``, else on ``start - 1``),
  every delivery day inside the active range, and a virtual end anchor on the
  active range's last day + 1;
* a gap lies between consecutive anchors *a* < *b* when *b - a > c + 1*; it
  runs from *a + c + 1* to *b - 1*, clipped to the active range;
* the status on the as-of day is ``upcoming`` before ``starts_on``, ``ended``
  after ``ends_on``, otherwise with *L* the last delivery on or before as-of
  (or the virtual start anchor) and due = *L + c*: ``overdue`` when as-of >
  due (``overdue_days`` = as-of - due), ``unplanned`` when no delivery falls
  after as-of and on or before due, ``ok`` otherwise.

Pure Python, never imports Qt. The work is one pass over the delivery rows
plus a sort and a few bisections per (message, channel); only the gaps are
walked day by day (when the report counts overdue messages per day).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from itertools import accumulate
from operator import attrgetter

from .models import FIRST_DAY, LAST_DAY, Channel, KeyMessage, Post, delivers

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "CadenceReport",
    "ChannelCadence",
    "Gap",
    "MessageCadence",
    "MessageStatus",
    "analyse",
    "default_window",
    "deliveries_from_posts",
]

DEFAULT_WINDOW_DAYS = 90
"""The default window reaches this many days before and after the as-of day."""


class MessageStatus(StrEnum):
    OK = "ok"
    UNPLANNED = "unplanned"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"
    ENDED = "ended"


def status_text(status: MessageStatus | str, overdue_days: int) -> str:
    """A message's status as the sidebar and the command line say it: ``ok``,
    ``unplanned``, ``overdue by 12 days``..."""
    if status == MessageStatus.OVERDUE:
        return f"overdue by {overdue_days} day{'s' if overdue_days != 1 else ''}"
    return str(status)


@dataclass(frozen=True, slots=True)
class Gap:
    """Days ``start`` to ``end`` (both included) on which a message is overdue."""

    start: date
    end: date
    days: int
    began: date | None = field(default=None, compare=False)
    """The day it became overdue, when before ``start``: a gap cut at the start of the
    window began with the last delivery before it (the status counts from there)."""

    @property
    def since(self) -> date:
        """The day the message became overdue, however far back."""
        return self.began or self.start

    @property
    def length(self) -> int:
        """Its days from :attr:`since` (``days`` counts those in the window only)."""
        return (self.end - self.since).days + 1

    def overdue_by(self, day: date) -> int:
        """Its days from :attr:`since` that have come by ``day`` (included): how long
        the message has been overdue then, as its status counts."""
        return max((min(self.end, day) - self.since).days + 1, 0)


@dataclass(frozen=True, slots=True)
class ChannelCadence:
    """The last and next delivery of one message on one channel."""

    channel_id: int
    channel: str
    last_delivery: date | None
    next_delivery: date | None


_gap_start = attrgetter("start")


@dataclass(frozen=True, slots=True)
class MessageCadence:
    """The cadence of one key message over the analysis window."""

    message_id: int
    title: str
    cadence_days: int
    status: MessageStatus
    overdue_days: int
    last_delivery: date | None
    next_delivery: date | None
    deliveries: tuple[date, ...]
    """Delivery days inside the analysis window, sorted and distinct (also those
    before the message starts or after it ends: only the days of its active range
    are anchors of its gaps)."""
    gaps: tuple[Gap, ...]
    channels: tuple[ChannelCadence, ...]
    """One entry per channel passed to :func:`analyse`, in that order."""

    def gap_on(self, day: date) -> Gap | None:
        """The gap ``day`` lies inside, if any."""
        gaps = self.gaps
        i = bisect_right(gaps, day, key=_gap_start)
        return gaps[i - 1] if i > 0 and gaps[i - 1].end >= day else None

    def is_overdue_on(self, day: date) -> bool:
        """True when ``day`` lies inside one of the gaps."""
        return self.gap_on(day) is not None


@dataclass(frozen=True, slots=True)
class CadenceReport:
    """The cadence of every analysed message, as of one day, over ``[start, end]``."""

    as_of: date
    start: date
    end: date
    messages: tuple[MessageCadence, ...]
    _by_id: dict[int, MessageCadence] = field(init=False, repr=False, compare=False)
    _counts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[int, MessageCadence] = {}
        for cadence in self.messages:
            by_id.setdefault(cadence.message_id, cadence)
        object.__setattr__(self, "_by_id", by_id)

        # A difference array over the window: +1 where a gap starts, -1 after
        # it ends; its running sum is the number of overdue messages per day.
        first = self.start.toordinal()
        last = self.end.toordinal()
        width = max(last - first + 1, 0)
        diff = [0] * (width + 1)
        for cadence in self.messages:
            for gap in cadence.gaps:
                lo = max(gap.start.toordinal(), first)
                hi = min(gap.end.toordinal(), last)
                if lo <= hi:
                    diff[lo - first] += 1
                    diff[hi - first + 1] -= 1
        object.__setattr__(self, "_counts", tuple(accumulate(diff[:width])))

    def message(self, message_id: int) -> MessageCadence:
        """The cadence of one message; :class:`KeyError` when it was not analysed."""
        return self._by_id[message_id]

    def replacing(self, updated: Iterable[MessageCadence]) -> CadenceReport:
        """This report with some messages re-analysed (same as-of day and window).

        Messages keep their order; an updated message that was not in the
        report is ignored. This is how the window refreshes after a drop
        without re-reading the whole calendar.
        """
        fresh = {m.message_id: m for m in updated}
        return CadenceReport(
            self.as_of,
            self.start,
            self.end,
            tuple(fresh.get(m.message_id, m) for m in self.messages),
        )

    def overdue_count(self, day: date) -> int:
        """How many messages are in a gap on ``day`` (0 outside the window)."""
        offset = day.toordinal() - self.start.toordinal()
        if 0 <= offset < len(self._counts):
            return self._counts[offset]
        return 0


_ordinal = date.toordinal


def day_runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """The days, sorted and grouped into runs of consecutive days: (first, last) each."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def default_window(as_of: date) -> tuple[date, date]:
    """The default analysis window: 90 days before as-of to 90 days after, within the
    years a calendar plans (a window typed past them is refused)."""
    span = timedelta(days=DEFAULT_WINDOW_DAYS)
    return max(as_of - span, FIRST_DAY), min(as_of + span, LAST_DAY)


def deliveries_from_posts(posts: Iterable[Post], as_of: date) -> list[tuple[int, int, date]]:
    """The ``(message_id, channel_id, day)`` rows of the posts that deliver.

    Applies the delivery rule (:func:`calendar_app.core.models.delivers`) and
    expands each post into one row per key message, in the posts' order.
    """
    rows: list[tuple[int, int, date]] = []
    for post in posts:
        day = post.date
        if day is not None and delivers(post.status, day, as_of):
            channel_id = post.channel_id
            rows.extend((message_id, channel_id, day) for message_id in post.message_ids)
    return rows


def analyse(
    messages: Sequence[KeyMessage],
    channels: Sequence[Channel],
    deliveries: Iterable[tuple[int, int, date]],
    as_of: date,
    start: date,
    end: date,
    *,
    origin: date | None = None,
) -> CadenceReport:
    """Analyse the cadence of ``messages`` over the window ``[start, end]``.

    ``origin`` (default: ``start``) is the day after the virtual start anchor of a
    message without ``starts_on`` or an earlier delivery. The window wraps the days
    on screen; ``origin`` keeps a message's status and early gaps from depending on
    how far back the user has looked (the window reaches that far, the origin stays
    where the default window starts).

    ``deliveries`` are ``(message_id, channel_id, day)`` rows that already
    satisfy the delivery rule, over the whole calendar, in any order, possibly
    repeated; rows of messages not in ``messages`` are ignored. Rows on a
    channel not in ``channels`` still count for the message; ``channels``
    only decides the per-channel breakdown. Messages are reported in the
    order given.
    """
    if start > end:
        raise ValueError(f"the window starts on {start}, after its end on {end}")

    # The only pass over the rows: the days of each message on each channel.
    by_message: defaultdict[int, defaultdict[int, list[date]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for message_id, channel_id, day in deliveries:
        by_message[message_id][channel_id].append(day)

    results = []
    for message in messages:
        by_channel: dict[int, list[date]] = by_message.get(message.id) or {}
        for days in by_channel.values():
            # In place, once (a message given twice finds its lists sorted).
            days.sort(key=_ordinal)
        results.append(
            _analyse_message(message, channels, by_channel, as_of, start, end, origin or start)
        )
    return CadenceReport(as_of=as_of, start=start, end=end, messages=tuple(results))


def active_range(message: KeyMessage, start: date, end: date) -> tuple[date, date]:
    """The days of ``[start, end]`` the message runs: the window narrowed by its own start
    and end (empty, the first after the last, when it runs on none of them). Only posts
    on these days are its deliveries."""
    lo = start if message.starts_on is None else max(start, message.starts_on)
    hi = end if message.ends_on is None else min(end, message.ends_on)
    return lo, hi


def analyse_period(
    messages: Sequence[KeyMessage],
    channels: Sequence[Channel],
    deliveries: Iterable[tuple[int, int, date]],
    as_of: date,
    first: date,
    last: date,
) -> CadenceReport:
    """A report's analysis of ``[first, last]`` (the PDF report, the web page): a message
    with no start starts where the window's and ``gaps``' default window does, whatever
    period the report covers, so that its status is the same everywhere."""
    origin = default_window(as_of)[0]
    return analyse(messages, channels, deliveries, as_of, first, last, origin=origin)


OTHER_CHANNELS = Channel(
    id=0,
    name="Other channels",
    kind="other",
    color="#9aa3ad",
    char_limit=None,
    sort_order=1 << 30,
    archived=False,
)
"""Where a page shared with a client counts the deliveries on the channels it leaves
out: counted, since a message's cadence is about the whole plan, but not named."""


def leaves_out(listed: frozenset[int], channels: Iterable[Channel]) -> bool:
    """Whether a page keeping to the channels ``listed`` (none: every one) leaves some
    of ``channels`` out: their deliveries then count as :data:`OTHER_CHANNELS`."""
    return bool(listed) and any(c.id not in listed for c in channels)


def lump_unlisted(
    rows: Iterable[tuple[int, int, date]], listed: frozenset[int]
) -> list[tuple[int, int, date]]:
    """Delivery ``rows`` with each channel not ``listed`` (none: every one is) as
    :data:`OTHER_CHANNELS`, a day of a message once however many of them it went out on."""
    if not listed:
        return list(rows)
    lumped = ((m, c if c in listed else OTHER_CHANNELS.id, d) for m, c, d in rows)
    return list(dict.fromkeys(lumped))


def channel_counts(
    messages: Iterable[KeyMessage], rows: Iterable[tuple[int, int, date]], start: date, end: date
) -> dict[int, dict[int, int]]:
    """On how many days each message was delivered on each channel over ``[start, end]``
    (``rows`` are :meth:`.CalendarStore.delivery_rows`: a day counts once per channel),
    by message id then channel id: the days its ``deliveries`` list, also those before
    it starts or after it ends. A day delivered on two channels counts on both."""
    wanted = {m.id for m in messages}
    counts: dict[int, dict[int, int]] = {}
    for message_id, channel_id, day in rows:
        if message_id in wanted and start <= day <= end:
            per_channel = counts.setdefault(message_id, {})
            per_channel[channel_id] = per_channel.get(channel_id, 0) + 1
    return counts


def _analyse_message(
    message: KeyMessage,
    channels: Sequence[Channel],
    by_channel: dict[int, list[date]],
    as_of: date,
    start: date,
    end: date,
    origin: date,
) -> MessageCadence:
    """One message's cadence; ``by_channel`` holds its sorted days per channel."""
    cadence = message.cadence_days

    lo, hi = active_range(message, start, end)
    active = lo <= hi

    # Per channel, bisect the sorted days: the channel's last and next
    # delivery, its last delivery before the active range and its deliveries
    # inside the window. The message's values are the extremes over all its
    # channels (also those not asked for in the breakdown).
    last: date | None = None
    following: date | None = None
    before: date | None = None
    inside_days: set[date] = set()
    per_channel: dict[int, tuple[date | None, date | None]] = {}
    for channel_id, days in by_channel.items():
        if not days:
            continue
        i = bisect_right(days, as_of)
        channel_last = days[i - 1] if i else None
        channel_next = days[i] if i < len(days) else None
        per_channel[channel_id] = (channel_last, channel_next)
        if channel_last is not None and (last is None or channel_last > last):
            last = channel_last
        if channel_next is not None and (following is None or channel_next < following):
            following = channel_next
        first = bisect_left(days, start)
        inside_days.update(days[first : bisect_right(days, end, lo=first)])
        if active:
            running = bisect_left(days, lo, lo=first)  # its first day on or after lo
            if running and (before is None or days[running - 1] > before):
                before = days[running - 1]

    # The virtual start anchor, as an ordinal so that the day before
    # date.min is no error.
    virtual = (message.starts_on if message.starts_on is not None else origin).toordinal() - 1

    # Anchors and gaps.
    inside = sorted(inside_days, key=_ordinal)
    gaps: list[Gap] = []
    if active:
        lo_ord = lo.toordinal()
        hi_ord = hi.toordinal()
        previous = before.toordinal() if before is not None else virtual
        anchors = [day.toordinal() for day in inside if lo <= day <= hi]
        anchors.append(hi_ord + 1)
        for anchor in anchors:
            if anchor - previous > cadence + 1:
                began = previous + cadence + 1
                gap_start = max(began, lo_ord)
                gap_end = min(anchor - 1, hi_ord)
                if gap_start <= gap_end:
                    gaps.append(
                        Gap(
                            date.fromordinal(gap_start),
                            date.fromordinal(gap_end),
                            gap_end - gap_start + 1,
                            date.fromordinal(began) if began < gap_start else None,
                        )
                    )
            previous = anchor

    # Status on the as-of day.
    overdue_days = 0
    if message.starts_on is not None and as_of < message.starts_on:
        status = MessageStatus.UPCOMING
    elif message.ends_on is not None and as_of > message.ends_on:
        status = MessageStatus.ENDED
    else:
        due = (last.toordinal() if last is not None else virtual) + cadence
        today = as_of.toordinal()
        if today > due:
            status = MessageStatus.OVERDUE
            overdue_days = today - due
        elif following is None or following.toordinal() > due:
            status = MessageStatus.UNPLANNED
        else:
            status = MessageStatus.OK

    breakdown = tuple(
        ChannelCadence(channel.id, channel.name, *per_channel.get(channel.id, (None, None)))
        for channel in channels
    )

    return MessageCadence(
        message_id=message.id,
        title=message.title,
        cadence_days=cadence,
        status=status,
        overdue_days=overdue_days,
        last_delivery=last,
        next_delivery=following,
        deliveries=tuple(inside),
        gaps=tuple(gaps),
        channels=breakdown,
    )
