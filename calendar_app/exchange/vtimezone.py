"""The VTIMEZONE of an exported calendar, written as calendar programs read it best.

A zone's changes of offset are written as yearly rules ("the last Sunday of March at
02:00") wherever they follow one, as Google Calendar and Outlook write them: a list
of dates (RDATE), which ``icalendar`` writes, is read by some programs as its first
date alone (vobject, and so the CalDAV server Radicale, read a Paris summer two
years on an hour off, and Outlook is known to). Changes that follow no yearly rule
(Morocco's around Ramadan) keep their list of dates.

Onsets are local times on the clock before each change (RFC 5545, 3.6.5): summer
time in Paris starts at 02:00, and ends at 03:00.
"""

from __future__ import annotations

import calendar as month_calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.prop import vRecur

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class _Clock:
    """What a zone's clock says at an instant."""

    offset: timedelta
    daylight: bool
    name: str


@dataclass(frozen=True, slots=True)
class _Change:
    at: datetime
    """The instant, in UTC."""
    before: _Clock
    after: _Clock

    @property
    def onset(self) -> datetime:
        """The change as the clock before it reads it, without a zone (RFC 5545)."""
        return (self.at + self.before.offset).replace(tzinfo=None)


def _clock(zone: ZoneInfo, timestamp: int) -> _Clock:
    moment = datetime.fromtimestamp(timestamp, zone)
    offset = moment.utcoffset() or timedelta()
    return _Clock(offset, bool(moment.dst()), moment.tzname() or _offset_name(offset))


def _offset_name(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


STEP = 3 * 86_400
"""How far apart the zone's clock is read before a change is sought between: two
changes three days apart are both found; a change undone within them is not. The
shortest summer time since 1970 is a week (Fernando de Noronha, Recife and Boa Vista in
October 2000; Gaza's and Hebron's in 2040), which a week's step could pass over whole."""


def changes(zone: ZoneInfo, first: date, last: date) -> tuple[_Clock, list[_Change]]:
    """The zone's clock at the start of ``first`` (in UTC) and its changes up to
    ``last``, each to the second (sought :data:`STEP` at a time, then by halves)."""
    at = int(datetime(first.year, first.month, first.day, tzinfo=UTC).timestamp())
    end = int(datetime(last.year, last.month, last.day, tzinfo=UTC).timestamp())
    opening = previous = _clock(zone, at)
    found: list[_Change] = []
    while at < end:
        following = min(at + STEP, end)
        if _clock(zone, following) == previous:
            at = following
            continue
        low, high = at, following  # the clock reads `previous` at low, not at high
        while high - low > 1:
            middle = (low + high) // 2
            if _clock(zone, middle) == previous:
                low = middle
            else:
                high = middle
        after = _clock(zone, high)
        found.append(_Change(datetime.fromtimestamp(high, UTC), previous, after))
        previous, at = after, high
    return opening, found


@dataclass(slots=True)
class _Yearly:
    """What a run of onsets, one a year, have in common so far: enough to tell, one
    onset at a time, whether the next keeps to a yearly rule with them."""

    first: datetime
    last_year: int
    all_last: bool
    """Every onset on the month's last such weekday."""
    ranks: set[int]
    """Which of the month's such weekdays each was (1 to 5)."""
    days: tuple[int, int]
    """The earliest and latest day of the month."""
    count: int = 1

    @classmethod
    def starting(cls, onset: datetime) -> _Yearly:
        return cls(onset, onset.year, _is_last(onset), {_rank(onset)}, (onset.day, onset.day))

    def takes(self, onset: datetime) -> bool:
        """Add ``onset`` when a yearly rule still holds with it."""
        first = self.first
        if onset.year != self.last_year + 1 or (onset.month, onset.weekday(), onset.time()) != (
            first.month,
            first.weekday(),
            first.time(),
        ):
            return False
        all_last = self.all_last and _is_last(onset)
        ranks = self.ranks | {_rank(onset)}
        days = (min(self.days[0], onset.day), max(self.days[1], onset.day))
        if not all_last and len(ranks) > 1 and days[1] - days[0] > 6:
            return False
        self.last_year, self.all_last, self.ranks, self.days = onset.year, all_last, ranks, days
        self.count += 1
        return True

    def rule(self) -> dict[str, object] | None:
        """The rule (None for one onset alone): the last or nth such weekday of the
        month, else the weekday on or after a day (Israel's summer time starts on the
        Friday from the 23rd of March on, the Friday before the last Sunday)."""
        if self.count < 2:
            return None
        weekday = _WEEKDAYS[self.first.weekday()]
        rule: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": self.first.month}
        if self.all_last:
            return {**rule, "BYDAY": f"-1{weekday}"}
        if len(self.ranks) == 1:
            return {**rule, "BYDAY": f"{next(iter(self.ranks))}{weekday}"}
        earliest = self.days[0]
        days = [d for d in range(earliest, earliest + 7) if d <= 31]
        return {**rule, "BYDAY": weekday, "BYMONTHDAY": days}


def _rank(onset: datetime) -> int:
    return (onset.day - 1) // 7 + 1


def _is_last(onset: datetime) -> bool:
    return onset.day + 7 > month_calendar.monthrange(onset.year, onset.month)[1]


def _runs(changes: Sequence[_Change]) -> list[tuple[list[_Change], _Yearly]]:
    """The changes in runs, each as long as one yearly rule holds (the US moved its
    summer time from April to March in 2007: two rules), a change alone otherwise."""
    runs: list[tuple[list[_Change], _Yearly]] = []
    for change in changes:
        if runs and runs[-1][1].takes(change.onset):
            runs[-1][0].append(change)
        else:
            runs.append(([change], _Yearly.starting(change.onset)))
    return runs


def vtimezone(zone: ZoneInfo, first: date, last: date) -> Timezone:
    """The VTIMEZONE of ``zone`` for the days from ``first`` to ``last``."""
    opening, found = changes(zone, first, last)
    tz = Timezone()
    tz.add("TZID", zone.key)
    # The clock as it reads at the start, from two days before: before any change found
    # as a clock behind UTC reads it (a change at the first moment, as Bissau's on
    # 1 January 1975, made two observances of one start, read as the first alone).
    since = datetime(first.year, first.month, first.day) - timedelta(days=2)
    tz.add_component(_observance(opening, opening, [since]))
    groups: dict[tuple[_Clock, _Clock], list[_Change]] = defaultdict(list)
    for change in found:
        groups[change.before, change.after].append(change)
    for (before, after), group in groups.items():
        alone: list[datetime] = []
        for run, yearly in _runs(group):
            rule = yearly.rule()
            if rule is None:
                alone.extend(c.onset for c in run)
                continue
            if run[-1].at.year < last.year - 1:  # the rule stopped within the days
                # In UTC (RFC 5545), a day after the last change: a program that reads
                # it as a local time (dateutil) keeps that change all the same.
                rule["UNTIL"] = run[-1].at + timedelta(days=1)
            observance = _observance(before, after, [run[0].onset])
            observance.add("RRULE", vRecur(rule))
            tz.add_component(observance)
        if alone:
            tz.add_component(_observance(before, after, alone))
    return tz


def _observance(
    before: _Clock, after: _Clock, onsets: Sequence[datetime]
) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if after.daylight else TimezoneStandard()
    observance.add("DTSTART", onsets[0])
    if len(onsets) > 1:
        observance.add("RDATE", list(onsets[1:]))
    observance.add("TZNAME", after.name)
    observance.add("TZOFFSETFROM", before.offset)
    observance.add("TZOFFSETTO", after.offset)
    return observance
