"""Recurrence rules (RFC 5545 RRULE) for recurring posts, through python-dateutil.

Occurrences are computed on naive local dates: a series at 09:00 stays at
09:00 on the wall clock across daylight-saving changes, because the time is
stored beside each date and converted to UTC only at the edges.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from .errors import InvalidInput
from .models import LAST_DAY, MONTHS, ascii_digits, in_words, shortened, spelled_day

HORIZON = timedelta(days=366)
"""How far ahead a rule with neither COUNT nor UNTIL is made: a year and, where no 29th
of February comes between, a day (365 days ended the day before next year's post when
one did: a yearly post made no second one). As many days whatever its first day, so
that a series moved keeps its posts."""


MAX_OCCURRENCES = 1000

_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_ALLOWED = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYSETPOS",
    "WKST",
}
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ENDS = ("COUNT", "UNTIL")
_ORDINALS = ("first", "second", "third", "fourth", "fifth")


def _ordinal(number: str) -> str:
    """How a rank reads: "first" (1), "last" (-1), "third last" (-3), "20th" (20)."""
    value = int(number)
    size = abs(value)
    if 0 < size <= len(_ORDINALS):
        word = _ORDINALS[size - 1]
    else:
        tail = (
            "th" if size % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(size % 10, "th")
        )
        word = f"{size}{tail}"
    if value >= 0:
        return word
    return "last" if value == -1 else f"{word} last"


def parse(rule: str) -> dict[str, str]:
    """Split an RRULE value into its parts (upper-case names, values as written)."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for piece in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, value = piece.partition("=")
        name = name.strip().upper()
        if not sep or not value.strip():
            raise InvalidInput(f"'{shortened(piece)}' in the repeat rule is not NAME=VALUE.")
        if name in parts:
            raise InvalidInput(f"The repeat rule names {shortened(name)} twice.")
        parts[name] = value.strip().upper()
    return parts


def _join(parts: dict[str, str]) -> str:
    order = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL"]
    keys = [k for k in order if k in parts] + sorted(k for k in parts if k not in order)
    return ";".join(f"{k}={parts[k]}" for k in keys)


def _until(value: str) -> date:
    try:
        return datetime.strptime(value[:8], "%Y%m%d").date()
    except ValueError:
        raise InvalidInput(f"UNTIL={shortened(value)} in the repeat rule is not a date.") from None


def _last_day(value: str, at: time | None, zone: tzinfo | None) -> date:
    """The last day an UNTIL allows a post at ``at`` on: an UNTIL with a time
    (``20261229T135900Z``, in UTC with its Z, else on the calendar's clock) ends the
    day before when ``at`` is later that day (09:00 in New York is 14:00 UTC); a post
    without a time, on the day the moment is on the calendar's clock (in Sydney it
    stopped on the UTC day, one before a post at 00:30's)."""
    day = _until(value)
    if "T" not in value.upper():
        return day
    try:
        moment = datetime.strptime(value.upper().rstrip("Z"), "%Y%m%dT%H%M%S")
    except ValueError:
        raise InvalidInput(f"UNTIL={shortened(value)} in the repeat rule is not a date.") from None
    if value.upper().endswith("Z") and zone is not None:
        moment = wall_until(moment.replace(tzinfo=UTC), at, zone)
    if at is None:
        return moment.date()
    return moment.date() if at <= moment.time() else moment.date() - timedelta(days=1)


def wall_until(until: datetime, at: time | None, zone: tzinfo) -> datetime:
    """An UNTIL given as a moment (``until``, aware) as a bound on ``zone``'s wall clock
    for posts at ``at``: its own wall-clock time, but where a clock change makes the two
    orders differ on its day, the post at ``at`` is in exactly when its moment is at or
    before UNTIL (RFC 5545). The wall clock read the first 01:45 of a night the clocks
    go back as after an UNTIL at the second 01:10 (a series lost its last post), and
    02:30, skipped (it goes out at 03:30), as before an UNTIL at 03:00 (one too many)."""
    local = until.astimezone(zone).replace(tzinfo=None)
    if at is None:
        return local
    bound = datetime.combine(local.date(), at)
    # (fold 0: the first pass of a repeated time; a skipped one goes out after the change)
    within = bound.replace(tzinfo=zone).astimezone(UTC) <= until.astimezone(UTC)
    if within == (at <= local.time()):
        return local
    return bound if within else bound - timedelta(seconds=1)


_LONGEST_MONTHS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def means_no_end(until: date) -> bool:
    """Whether an UNTIL is the last day there is ("99991231"), which programs write for
    a repeat without end: read so (it made a thousand posts, to 2046). An end past the
    years a calendar plans but short of it is refused (or, imported, said)."""
    return until.year == date.max.year


def falls_on_no_day(months: Iterable[int], monthdays: Iterable[int]) -> bool:
    """Whether a rule's BYMONTH and BYMONTHDAY name no day that exists (30 February, 31
    April): it gives no date, and the rule library looks for one up to the year 9999
    (seconds for each such rule)."""
    days = [day for day in monthdays if day]
    if not days:
        return False
    chosen = [m for m in months if 1 <= m <= 12] or range(1, 13)
    return not any(abs(day) <= _LONGEST_MONTHS[m - 1] for m in chosen for day in days)


_MOST_DIGITS = 9
"""COUNT and INTERVAL of more digits are refused: no series of a calendar's years has
such a count or step (and Python reads no number of over 4300 digits)."""


def _whole(name: str, value: str) -> str:
    """``value`` of the rule part ``name`` as a whole number of at least 1, written
    without leading zeros."""
    digits = value.lstrip("0")
    if not value.isascii() or not value.isdigit() or not digits:
        raise InvalidInput(f"{name} in the repeat rule must be a whole number of at least 1.")
    if len(digits) > _MOST_DIGITS:
        raise InvalidInput(f"{name} in the repeat rule is far larger than a series may have.")
    return digits


def normalise(rule: str, *, at: time | None = None, zone: tzinfo | None = None) -> str:
    """Check a rule and return it in canonical form; raise :class:`InvalidInput` if bad.

    Only daily, weekly, monthly and yearly rules are allowed (a post is one per
    day at most), and UNTIL is kept as a date: the last day a post at ``at`` (on the
    clock of ``zone``) goes out by an UNTIL with a time.
    """
    from dateutil.rrule import rrulestr  # loaded when a rule is read

    parts = parse(ascii_digits(rule))  # "COUNT=٣" is COUNT=3, in other programs too
    freq = parts.get("FREQ")
    if freq is None:
        raise InvalidInput("A repeat rule needs FREQ, like FREQ=WEEKLY.")
    if freq not in _FREQS:
        raise InvalidInput(
            f"FREQ={shortened(freq)} is not supported; posts repeat DAILY, WEEKLY, MONTHLY"
            " or YEARLY."
        )
    unknown = sorted(set(parts) - _ALLOWED)
    if unknown:
        raise InvalidInput(f"The repeat rule part {shortened(unknown[0])} is not supported.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise InvalidInput("A repeat rule may have COUNT or UNTIL, not both.")
    for name in ("COUNT", "INTERVAL"):
        if name in parts:
            parts[name] = _whole(name, parts[name])
    if "UNTIL" in parts and means_no_end(_until(parts["UNTIL"])):
        del parts["UNTIL"]
    if "UNTIL" in parts:
        parts["UNTIL"] = _last_day(parts["UNTIL"], at, zone).strftime("%Y%m%d")
    check_ordinals(freq, parts.get("BYDAY", ""))
    _check_no_zero(parts)
    if _never(parts):
        raise InvalidInput(
            f"The repeat rule '{shortened(rule.strip())}' falls on no day that exists (such as"
            " 30 February)."
        )
    text = _join(parts)
    try:
        rrulestr(text, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise InvalidInput(
            f"The repeat rule '{shortened(rule.strip())}' is not valid: {shortened(str(exc))}."
        ) from None
    return text


_COUNTED = {
    "BYMONTH": "months are counted from 1 (January)",
    "BYMONTHDAY": "a month's days are counted from 1 (or back from -1, its last)",
    "BYYEARDAY": "a year's days are counted from 1 (or back from -1, its last)",
    "BYWEEKNO": "a year's weeks are counted from 1 (or back from -1, its last)",
}


def _check_no_zero(parts: dict[str, str]) -> None:
    """Refuse a 0 where days, weeks or months are counted: the rule library reads
    "BYMONTHDAY=0" as no choice at all (a monthly rule made a post every day)."""
    for name, counted in _COUNTED.items():
        for piece in parts.get(name, "").split(","):
            digits = piece.strip().lstrip("+-")
            if digits.isdigit() and not digits.strip("0"):
                raise InvalidInput(
                    f"{name}={shortened(piece.strip())} in the repeat rule names nothing:"
                    f" {counted}."
                )


def _never(parts: dict[str, str]) -> bool:
    def numbers(name: str) -> list[int]:
        return [int(n) for n in _numbers(parts.get(name, ""))]

    return falls_on_no_day(numbers("BYMONTH"), numbers("BYMONTHDAY"))


def check_ordinals(freq: str, byday: str) -> None:
    """A weekday's rank in a month is at most five, in a year 53 (the rule library failed
    inside on "BYDAY=10MO" of a monthly rule)."""
    most = {"MONTHLY": 5, "YEARLY": 53}.get(freq)
    for day in filter(None, byday.split(",")):
        rank = day.strip()[:-2].lstrip("+-")
        if rank and (not rank.isdigit() or most is None or int(rank) > most or rank == "0"):
            where = "month" if freq == "MONTHLY" else "year" if freq == "YEARLY" else "week"
            raise InvalidInput(
                f"BYDAY={shortened(day.strip())} in the repeat rule asks for a weekday's rank"
                f" a {where} does not have."
            )


def has_end(rule: str) -> bool:
    parts = parse(rule)
    return "COUNT" in parts or "UNTIL" in parts


def occurrences(
    rule: str, anchor: date, exdates: Iterable[date] = (), *, horizon: date | None = None
) -> list[date]:
    """The dates of a series starting on ``anchor``, without ``exdates``.

    A rule with neither COUNT nor UNTIL stops at ``horizon`` (default: one year
    after the anchor, or its first date if that is later: a yearly rule on the 29th
    of February), and at the last day a calendar plans; one with an end
    that runs past that day is refused. At most :data:`MAX_OCCURRENCES` dates
    are returned.
    """
    from dateutil.rrule import rrulestr  # loaded when a rule is read

    rule = normalise(rule)
    start = datetime(anchor.year, anchor.month, anchor.day)
    recurrence = rrulestr(rule, dtstart=start)
    bounded = has_end(rule)
    last = horizon or min(anchor + HORIZON, LAST_DAY)
    stop = datetime(last.year, last.month, last.day)
    skip = set(exdates)
    days: list[date] = []
    made = 0
    for made, moment in enumerate(recurrence, start=1):
        if not bounded and moment > stop and (made > 1 or horizon is not None):
            break
        day = moment.date()
        if day > LAST_DAY:
            if bounded:
                raise InvalidInput(
                    f"The repeat runs past {LAST_DAY.year}, the last year a calendar plans;"
                    " end it sooner."
                )
            break
        if day not in skip:
            days.append(day)
        if len(days) >= MAX_OCCURRENCES:
            break
    else:
        count = parse(rule).get("COUNT")
        if count is not None and 0 < made < int(count):  # its steps went past the year 9999
            raise InvalidInput(
                f"The repeat runs past {LAST_DAY.year}, the last year a calendar plans;"
                " end it sooner."
            )
    return days


def as_made(rule: str, days: Sequence[date]) -> str:
    """The rule that gives exactly ``days``, its :func:`occurrences`: one whose end lies
    beyond :data:`MAX_OCCURRENCES` dates ends on the last one made (COUNT or UNTIL), so
    that the series describes the posts it has, not those it could not make."""
    parts = parse(normalise(rule))
    if len(days) < MAX_OCCURRENCES or not has_end(rule):
        return normalise(rule)
    if "COUNT" in parts:
        parts["COUNT"] = str(len(days))
    else:
        parts["UNTIL"] = days[-1].strftime("%Y%m%d")
    return _join(parts)


def editable(rule: str, anchor: date | None = None) -> bool:
    """Whether the post editor's repeat choices (:func:`build`: daily, weekly on some
    days, monthly on the first post's day; every so many; an end; the week start the
    rule counts weeks from, :func:`week_start_of`) make ``rule`` again, so that changing
    it there keeps what they do not show (a first Monday, a yearly rule). A monthly
    rule that names its first post's day (``BYMONTHDAY=15`` from the 15th, as another
    program or the command line writes it) is the editor's monthly."""
    parts = parse(normalise(rule))
    for name in (*_ENDS, "INTERVAL", "WKST"):
        parts.pop(name, None)
    monthly = parts.get("FREQ") == "MONTHLY"  # (a daily rule on the 15th is a monthly one)
    if monthly and anchor is not None and parts.get("BYMONTHDAY") == str(anchor.day):
        parts.pop("BYMONTHDAY")
    freq = parts.pop("FREQ")
    days = parts.pop("BYDAY", None)
    if freq not in ("DAILY", "WEEKLY", "MONTHLY") or parts:
        return False
    return days is None or (freq == "WEEKLY" and all(t in _WEEKDAYS for t in days.split(",")))


def week_start_of(rule: str, calendar: int = 0) -> int:
    """The day a rule counts its weeks from (0 = Monday, RFC 5545's default): its WKST,
    else Monday where the week start tells its days apart (every other week on several
    days), else ``calendar``'s, which a rule made here would have said then (one made
    weekly, or on one day, has none; changed to every other week on Saturday and
    Monday, it paired the days by Monday weeks in a Saturday calendar)."""
    parts = parse(rule)
    if "WKST" in parts:
        return _WEEKDAYS.index(parts["WKST"])
    several = len(parts.get("BYDAY", "").split(",")) > 1
    return 0 if int(parts.get("INTERVAL", "1")) > 1 and several else calendar


def weekdays_of(rule: str) -> list[int]:
    """The weekdays a rule names without a rank (0 = Monday): [0, 3] for BYDAY=MO,TH;
    none for BYDAY=1MO, the first Monday of a month."""
    tokens = parse(rule).get("BYDAY", "").split(",")
    return sorted({_WEEKDAYS.index(t) for t in tokens if t in _WEEKDAYS})


def until_of(rule: str) -> date | None:
    """The last day an UNTIL allows, or None for a rule without one."""
    value = parse(rule).get("UNTIL")
    return _until(value) if value is not None else None


def split(rule: str, anchor: date, at: date) -> tuple[str, str]:
    """Split a series at ``at``: the head ends the day before, the tail starts at ``at``.

    A COUNT is shared out so that head and tail together make the same dates; a rule
    without an end, made up to a year after its first day, has the tail end where it
    was made to (from its later start, the tail ran on past the last post, and the
    editor offered to add the posts between).
    """
    parts = parse(normalise(rule))
    head = dict(parts)
    tail = dict(parts)
    head.pop("COUNT", None)
    head["UNTIL"] = (at - timedelta(days=1)).strftime("%Y%m%d")
    if "COUNT" in parts:
        before = sum(1 for d in occurrences(rule, anchor) if d < at)
        tail["COUNT"] = str(max(int(parts["COUNT"]) - before, 1))
    elif "UNTIL" not in parts:
        made = occurrences(rule, anchor)
        if made and made[-1] >= at:
            tail["UNTIL"] = made[-1].strftime("%Y%m%d")
    return _join(head), _join(tail)


def _shift_weekday(token: str, days: int) -> str:
    prefix, code = token[:-2], token[-2:]
    if code not in _WEEKDAYS:
        return token
    return prefix + _WEEKDAYS[(_WEEKDAYS.index(code) + days) % 7]


def shift(rule: str, delta: timedelta) -> str:
    """Move a rule by ``delta`` days: weekdays, days of the month and UNTIL follow."""
    if not delta:
        return normalise(rule)
    parts = parse(normalise(rule))
    days = delta.days
    if "BYDAY" in parts:
        parts["BYDAY"] = ",".join(_shift_weekday(t, days) for t in parts["BYDAY"].split(","))
    if parts["FREQ"] == "WEEKLY" and int(parts.get("INTERVAL", "1")) > 1 and days % 7:
        # Every other week counts weeks from WKST: the week start moves with the dates,
        # or a day pushed past it would land in a skipped week.
        parts["WKST"] = _shift_weekday(parts.get("WKST", "MO"), days)
    if "BYMONTHDAY" in parts:
        moved = []
        for token in parts["BYMONTHDAY"].split(","):
            value = int(token)
            new = value + days if value > 0 else value
            moved.append(str(new if 1 <= new <= 31 else value))
        parts["BYMONTHDAY"] = ",".join(moved)
    if "UNTIL" in parts:
        parts["UNTIL"] = (_until(parts["UNTIL"]) + delta).strftime("%Y%m%d")
    return _join(parts)


def move(
    rule: str, anchor: date, days: Iterable[date], pin: tuple[date, date]
) -> tuple[str, date, dict[date, date]]:
    """Move a series so that the occurrence ``pin[0]`` goes to ``pin[1]``: its rule, its
    new anchor, and where each of ``days`` (occurrences of the old rule, deleted ones
    included) goes.

    A daily or weekly series moves as a whole (:func:`shift`). A monthly or yearly one
    moves its day of the month: every occurrence goes to the new rule's occurrence of
    the same rank (the 15th of each month to the 4th of each month, not to days 20
    apart; the 1st of February to the 1st of March moves each a month), and COUNT or
    UNTIL keep the same number of occurrences. Where no rule of that kind makes the
    pinned day (a day some months lack), the pinned occurrence does not land on it:
    the caller says so.
    """
    rule = normalise(rule)
    days = sorted(set(days))
    parts = parse(rule)
    delta = pin[1] - pin[0]
    as_a_whole = shift(rule, delta), anchor + delta, {day: day + delta for day in days}
    if not delta or parts["FREQ"] not in ("MONTHLY", "YEARLY") or not days:
        return as_a_whole
    from dateutil.rrule import rrulestr  # loaded when a rule is read

    open_parts = {k: v for k, v in parts.items() if k not in ("COUNT", "UNTIL")}
    before = rrulestr(_join(open_parts), dtstart=datetime.combine(anchor, time()))
    ranks: dict[date, int] = {}
    wanted = set(days) | {pin[0]}
    last = max(days[-1], pin[0])
    for rank, moment in enumerate(before):
        day = moment.date()
        if day > last or rank > MAX_OCCURRENCES:
            break
        if day in wanted:
            ranks[day] = rank
    new_anchor = anchor + delta
    # A monthly rule on one day of the month given (BYMONTHDAY=15, from the command line
    # or a file) moves its day as one on the anchor's day does.
    one_day = open_parts.get("BYMONTHDAY", "x")
    one_day_monthly = (
        parts["FREQ"] == "MONTHLY"
        and one_day.isascii()
        and one_day.isdigit()
        and set(open_parts) <= {"FREQ", "INTERVAL", "WKST", "BYMONTHDAY"}
    )
    plain = set(open_parts) <= {"FREQ", "INTERVAL", "WKST"} or one_day_monthly
    if plain and pin[0] in ranks:
        # The anchor whose occurrence of the pinned rank is the pinned day.
        back = ranks[pin[0]] * int(parts.get("INTERVAL", "1"))
        target = pin[1]
        try:
            if parts["FREQ"] == "MONTHLY":
                index = target.year * 12 + target.month - 1 - back
                new_anchor = date(index // 12, index % 12 + 1, target.day)
            else:
                new_anchor = target.replace(year=target.year - back)
        except ValueError:
            pass  # a day that month or year lacks: no rule makes it
    moved_by = new_anchor - anchor
    if one_day_monthly:
        new_open = _join({**open_parts, "BYMONTHDAY": str(new_anchor.day)})
    else:
        new_open = shift(_join(open_parts), moved_by)
    after = rrulestr(new_open, dtstart=datetime.combine(new_anchor, time()))
    needed = max(ranks.values(), default=-1) + 1
    moved_days = [m.date() for _, m in zip(range(needed), after, strict=False)]
    if len(moved_days) < needed:  # the moved rule makes fewer dates: move them as a whole
        return as_a_whole
    moved = {day: moved_days[ranks[day]] if day in ranks else day + delta for day in days}
    new = parse(new_open)
    if "COUNT" in parts:
        new["COUNT"] = parts["COUNT"]
    elif "UNTIL" in parts:
        end = _until(parts["UNTIL"])
        kept = [moved[day] for day in days if day <= end]
        new["UNTIL"] = max(kept, default=end + moved_by).strftime("%Y%m%d")
    elif moved_days:  # made a year from its first day, which moved: ends where its posts do
        new["UNTIL"] = moved_days[-1].strftime("%Y%m%d")
    return _join(new), new_anchor, moved


def refusal(rule: str, pin: tuple[date, date], moved: Mapping[date, date]) -> str | None:
    """Why every occurrence of a series cannot go where :func:`move` put them, so that
    ``pin[0]`` lands on ``pin[1]``: a sentence for the user, or None when they can.

    A monthly or yearly series moves its day of the month; it cannot when no rule of
    its kind makes the day asked for (the 31st, which some months lack; the first
    Monday of the month moved to a Tuesday that is not the first), nor when its rule
    skips the months (or years) without its day: the same rank on another day falls
    in other months, where each post would not move as the one dropped does.
    """
    parts = parse(rule)
    if parts["FREQ"] not in ("MONTHLY", "YEARLY"):
        return None
    source, target = pin
    unit = "month" if parts["FREQ"] == "MONTHLY" else "year"
    by_weekday = "BYDAY" in parts or "BYSETPOS" in parts
    one_day = not by_weekday and parts.get("BYMONTHDAY", "1").isdigit()  # not 1,15 nor -1
    lands = moved.get(source, target) == target
    step = _month_number(target) - _month_number(source)
    if lands and all(_month_number(n) - _month_number(o) == step for o, n in moved.items()):
        return None
    where = _day_of(target, parts["FREQ"])
    # ("Every occurrence cannot" read as "none can", and for "this and following" too.)
    cannot = f"These occurrences cannot all move to {where if one_day else spelled_day(target)}:"
    repeats = describe(_join({k: v for k, v in parts.items() if k not in _ENDS}))
    repeats = repeats[:1].lower() + repeats[1:]
    if one_day and (not lands or target.day > 28):
        why = f"not every {unit} has that day. Move this one alone, or pick a day up to the 28th."
    elif one_day and source.day > 28:
        why = (
            f"the series repeats on {_day_of(source, parts['FREQ'])} and skips the {unit}s"
            f" without one; on {where} it would repeat every {unit}, and its posts would"
            f" fall in other {unit}s. Move this one alone."
        )
    elif lands:
        why = (
            f"the series repeats {repeats}, and moved with it its posts would fall in other"
            f" {unit}s. Move this one alone."
        )
    elif by_weekday:
        tokens = parts.get("BYDAY", "").split(",")
        like = ""
        rank = tokens[0][:-2] if len(tokens) == 1 else ""
        if rank.lstrip("+-").isdigit() and "BYSETPOS" not in parts:
            # A day they can go to: the target's weekday, or the next (the first Monday
            # dropped on a second Monday offered "like the first Monday", its own kind).
            weekday = target.weekday()
            if weekday == source.weekday():
                weekday = (weekday + 1) % 7
            like = f", like the {_ordinal(rank)} {_DAY_NAMES[weekday]}"
        why = (
            f"the series repeats {repeats}, and all of them move only to another such"
            f" day{like}. Move this one alone."
        )
    else:  # days of the month given as a list, or counted from the end
        why = (
            f"the series repeats {repeats}, and no move of the whole series puts this one"
            " there. Move this one alone."
        )
    return f"{cannot} {why}"


def _month_number(day: date) -> int:
    return day.year * 12 + day.month


def _day_of(day: date, freq: str) -> str:
    """``the 31st`` for a monthly series, ``29 February`` for a yearly one."""
    if freq == "YEARLY":
        return f"{day.day} {MONTHS[day.month - 1]}"
    return f"the {_ordinal_day(day)}"


def _ordinal_day(day: date) -> str:
    """``1st``, ``22nd``, ``31st``: the day of the month."""
    n = day.day
    suffix = "th" if 11 <= n <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def build(
    freq: str,
    *,
    interval: int = 1,
    weekdays: Sequence[int] = (),
    until: date | None = None,
    count: int | None = None,
    week_start: int = 0,
) -> str:
    """Make a rule from the editor's choices (weekdays: 0 = Monday), in a calendar whose
    weeks start on ``week_start``: every other week on Sunday and Monday is the Sunday
    and Monday of one week as that calendar shows it."""
    parts = {"FREQ": freq.upper()}
    if interval > 1:
        parts["INTERVAL"] = str(interval)
    if weekdays:
        parts["BYDAY"] = ",".join(_WEEKDAYS[d] for d in sorted(set(weekdays)))
        if interval > 1 and len(set(weekdays)) > 1 and week_start:
            parts["WKST"] = _WEEKDAYS[week_start]
    if until is not None:
        parts["UNTIL"] = until.strftime("%Y%m%d")
    if count is not None:
        parts["COUNT"] = str(count)
    return normalise(_join(parts))


def describe(rule: str) -> str:
    """A short English description, like "Weekly on Monday and Thursday, 10 times", or
    "Yearly on the fourth Thursday in November", "Monthly on the last weekday"."""
    parts = parse(rule)
    interval = int(parts.get("INTERVAL", "1"))
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}.get(
        parts.get("FREQ", ""), "time"
    )
    text = (
        {"day": "Daily", "week": "Weekly", "month": "Monthly", "year": "Yearly"}.get(unit, "")
        if interval == 1
        else f"Every {interval} {unit}s"
    )
    positions = _numbers(parts.get("BYSETPOS", ""))
    picked = ""  # what BYSETPOS picks from, when it is said with it
    if "BYDAY" in parts:
        tokens = [t for t in parts["BYDAY"].split(",") if t[-2:] in _WEEKDAYS]
        plain = all(t in _WEEKDAYS for t in tokens)
        if positions and plain and tokens and "BYMONTHDAY" not in parts:
            picked = _days_as_one(tokens)
        else:
            names = [
                (f"the {_ordinal(t[:-2])} " if t[:-2] else "") + _DAY_NAMES[_WEEKDAYS.index(t[-2:])]
                for t in tokens
            ]
            if names:
                text += f" on {in_words(names)}"
            if unit == "year" and not plain and not {"BYMONTH", "BYWEEKNO"} & set(parts):
                text += " of the year"  # a yearly rule's ranks count the year's weekdays
    if "BYMONTHDAY" in parts:
        days = _numbers(parts["BYMONTHDAY"])
        if days == ["-1"]:
            text += " on the last day"
        elif all(d.lstrip("+").isdigit() for d in days):
            text += f" on day {days[0]}" if len(days) == 1 else f" on days {in_words(days)}"
        else:
            text += f" on the {in_words([_ordinal(d) for d in days])} day"
            text += "" if len(days) == 1 else "s"
    if "BYYEARDAY" in parts:
        days = [_ordinal(d) for d in _numbers(parts["BYYEARDAY"])]
        text += f" on the {in_words(days)} day{'s' if len(days) > 1 else ''} of the year"
    if "BYWEEKNO" in parts:
        weeks = [_ordinal(d) for d in _numbers(parts["BYWEEKNO"])]
        text += f" in the {in_words(weeks)} week{'s' if len(weeks) > 1 else ''} of the year"
    if "BYMONTH" in parts:
        months = [MONTHS[int(m) - 1] for m in _numbers(parts["BYMONTH"]) if 1 <= int(m) <= 12]
        if months:
            text += f" in {in_words(months)}"
    if positions:
        which = in_words([_ordinal(p) for p in positions])
        if picked:
            text += f" on the {which} {picked}"
        else:
            text += f", the {which} of those each {unit}"
    if "COUNT" in parts:
        text += ", once" if parts["COUNT"] == "1" else f", {parts['COUNT']} times"
    if "UNTIL" in parts:
        text += f", until {_until(parts['UNTIL']).isoformat()}"
    return text


def _numbers(value: str) -> list[str]:
    """The numbers of a rule part ("1,-1"), each written as a number is."""
    found = []
    for piece in filter(None, (p.strip() for p in value.split(","))):
        with contextlib.suppress(ValueError):
            found.append(str(int(piece)))
    return found


def _days_as_one(tokens: Sequence[str]) -> str:
    """Weekdays as one of them is called: "weekday" (Monday to Friday), "Monday or
    Friday"."""
    chosen = {_WEEKDAYS.index(t) for t in tokens}
    if chosen == set(range(5)):
        return "weekday"
    if chosen == {5, 6}:
        return "weekend day"
    if chosen == set(range(7)):
        return "day"
    names = [_DAY_NAMES[i] for i in sorted(chosen)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
