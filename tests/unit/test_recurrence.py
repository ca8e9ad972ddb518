"""Recurrence rules, and the store's recurring posts (series of real posts)."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calendar_app.core import recurrence
from calendar_app.core.errors import InvalidInput, NotFound
from calendar_app.core.models import ChangeSet, NewPost, Post, PostStatus, Series
from calendar_app.core.store import CalendarStore, PostChanges, Scope

Adder = Callable[..., int]

MON = date(2025, 3, 10)  # a Monday
NINE = time(9, 0)


def _weeks(first: date, count: int, step: int = 7) -> list[date]:
    return [first + timedelta(days=step * i) for i in range(count)]


# -- normalise --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("RRULE:FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("rrule:freq=weekly;byday=mo,th", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("  COUNT=3 ; FREQ=DAILY ; INTERVAL=2 ; ", "FREQ=DAILY;INTERVAL=2;COUNT=3"),
        ("FREQ=WEEKLY;UNTIL=20250301T120000Z;BYDAY=FR", "FREQ=WEEKLY;BYDAY=FR;UNTIL=20250301"),
        ("FREQ=MONTHLY;BYMONTHDAY=15;WKST=SU", "FREQ=MONTHLY;BYMONTHDAY=15;WKST=SU"),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10", "FREQ=YEARLY;BYMONTHDAY=10;BYMONTH=3"),
    ],
)
def test_normalise(rule: str, expected: str) -> None:
    assert recurrence.normalise(rule) == expected
    assert recurrence.normalise(expected) == expected


@pytest.mark.parametrize(
    ("until", "at", "zone", "last"),
    [
        # 09:00 in New York is 14:00 UTC: after 13:59 UTC that day, so the day before.
        ("20261229T135900Z", time(9, 0), "America/New_York", "20261228"),
        ("20261229T140000Z", time(9, 0), "America/New_York", "20261229"),
        # In Auckland, 23:00 UTC is already 12:00 the next day.
        ("20261229T230000Z", time(9, 0), "Pacific/Auckland", "20261230"),
        # Without a Z, the time is on the calendar's clock.
        ("20261229T083000", time(9, 0), "Europe/Paris", "20261228"),
        # An untimed post goes out on the day; a date alone is the day.
        ("20261229T135900Z", None, "America/New_York", "20261229"),
        # The day on the calendar's clock: 23:00 UTC is 10:00 the next day in Sydney
        # (the untimed stopped on the UTC day, the one at 00:30 a day later).
        ("20261209T230000Z", None, "Australia/Sydney", "20261210"),
        ("20261209T230000Z", time(0, 30), "Australia/Sydney", "20261210"),
        ("20261229", time(23, 0), "America/New_York", "20261229"),
        # The night the clocks go back: the first 01:45 (05:45 UTC) is before 06:10 UTC,
        # which the wall clock reads as the second 01:10 (the last post was lost).
        ("20271107T061000Z", time(1, 45), "America/New_York", "20271107"),
        ("20271107T054000Z", time(1, 45), "America/New_York", "20271106"),
        # The night they go forward: 02:30 goes out at 03:30 (07:30 UTC), after 07:00
        # UTC, which the wall clock reads as 03:00 (one post too many).
        ("20270314T070000Z", time(2, 30), "America/New_York", "20270313"),
        ("20270314T073000Z", time(2, 30), "America/New_York", "20270314"),
    ],
)
def test_an_until_with_a_time_ends_on_the_last_day_a_post_then_goes_out(
    until: str, at: time | None, zone: str, last: str
) -> None:
    rule = recurrence.normalise(f"FREQ=WEEKLY;UNTIL={until}", at=at, zone=ZoneInfo(zone))
    assert rule == f"FREQ=WEEKLY;UNTIL={last}"


def test_a_series_ends_where_a_utc_until_says(store: CalendarStore, add_channel: Adder) -> None:
    channel = add_channel("LinkedIn")
    store.update_info(timezone="America/New_York")
    template = NewPost("Tip", channel, (), date(2026, 12, 15), time(9, 0), PostStatus.SCHEDULED)
    changes = store.add_series(template, "FREQ=WEEKLY;UNTIL=20261229T135900Z")
    assert [p.date for p in store.posts(changes.posts)] == [date(2026, 12, 15), date(2026, 12, 22)]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=HOURLY", "FREQ=HOURLY is not supported; posts repeat DAILY, WEEKLY, MONTHLY or"),
        ("FREQ=MINUTELY;COUNT=3", "FREQ=MINUTELY is not supported"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20250101", "A repeat rule may have COUNT or UNTIL, not both."),
        ("FREQ=DAILY;BYHOUR=9", "The repeat rule part BYHOUR is not supported."),
        ("FREQ=WEEKLY;COLOR=RED", "The repeat rule part COLOR is not supported."),
        ("garbage", "'garbage' in the repeat rule is not NAME=VALUE."),
        ("FREQ=", "'FREQ=' in the repeat rule is not NAME=VALUE."),
        ("", "A repeat rule needs FREQ, like FREQ=WEEKLY."),
        ("BYDAY=MO", "A repeat rule needs FREQ, like FREQ=WEEKLY."),
        ("FREQ=DAILY;FREQ=WEEKLY", "The repeat rule names FREQ twice."),
        ("FREQ=DAILY;COUNT=0", "COUNT in the repeat rule must be a whole number of at least 1."),
        ("FREQ=DAILY;COUNT=two", "COUNT in the repeat rule must be a whole number"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL in the repeat rule must be a whole number of at"),
        ("FREQ=DAILY;UNTIL=soon", "UNTIL=SOON in the repeat rule is not a date."),
        ("FREQ=WEEKLY;BYDAY=XX", "The repeat rule 'FREQ=WEEKLY;BYDAY=XX' is not valid"),
    ],
)
def test_normalise_refuses_bad_rules(rule: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        recurrence.normalise(rule)
    assert str(caught.value).startswith(message)


# -- occurrences ------------------------------------------------------------------


def test_occurrences_with_count() -> None:
    assert recurrence.occurrences("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", MON) == [
        date(2025, 3, 10),
        date(2025, 3, 13),
        date(2025, 3, 17),
        date(2025, 3, 20),
        date(2025, 3, 24),
    ]


def test_occurrences_with_until_include_the_until_day() -> None:
    assert recurrence.occurrences("FREQ=WEEKLY;UNTIL=20250331", MON) == _weeks(MON, 4)
    assert recurrence.occurrences("FREQ=WEEKLY;UNTIL=20250330T235959Z", MON) == _weeks(MON, 3)


def test_monthly_on_the_31st_skips_short_months() -> None:
    assert recurrence.occurrences("FREQ=MONTHLY;COUNT=4", date(2025, 1, 31)) == [
        date(2025, 1, 31),
        date(2025, 3, 31),
        date(2025, 5, 31),
        date(2025, 7, 31),
    ]


def test_open_ended_rules_stop_at_a_one_year_horizon() -> None:
    weekly = recurrence.occurrences("FREQ=WEEKLY", MON)
    daily = recurrence.occurrences("FREQ=DAILY", date(2025, 1, 1))

    assert len(weekly) == 53
    assert (weekly[0], weekly[-1]) == (MON, date(2026, 3, 9))
    assert len(daily) == 367  # 366 days on: a year and a day (none a 29th of February)
    assert daily[-1] == date(2026, 1, 2)
    assert recurrence.occurrences("FREQ=WEEKLY", MON, horizon=date(2025, 3, 30)) == _weeks(MON, 3)


@pytest.mark.parametrize(
    ("anchor", "days"),
    [
        (date(2026, 12, 10), [date(2026, 12, 10), date(2027, 12, 10)]),
        (date(2027, 12, 10), [date(2027, 12, 10), date(2028, 12, 10)]),  # over 29 Feb
        (date(2028, 1, 15), [date(2028, 1, 15), date(2029, 1, 15)]),
        (date(2028, 2, 29), [date(2028, 2, 29)]),  # next on 29 Feb 2032
    ],
)
def test_an_open_ended_yearly_rule_makes_next_year_s_post_too(
    anchor: date, days: list[date]
) -> None:
    """A year ahead was 365 days: over a 29th of February it ended the day before next
    year's post, and a yearly post from 10 December 2027 made no second one (366 days
    now, whatever the first day)."""
    assert recurrence.occurrences("FREQ=YEARLY", anchor) == days


@pytest.mark.parametrize(
    ("rule", "first"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", date(2028, 2, 29)),
        ("FREQ=YEARLY;BYYEARDAY=366", date(2028, 12, 31)),
        ("FREQ=YEARLY;BYDAY=53MO", date(2029, 12, 31)),  # a year starting on a Monday
    ],
)
def test_an_open_ended_rule_whose_first_date_is_past_the_horizon_makes_it(
    rule: str, first: date
) -> None:
    """A yearly rule falling only in leap years gave no date within the year ahead, and
    ``post add --repeat`` refused it ("gives no date from 2027-01-01 on")."""
    assert recurrence.occurrences(rule, date(2027, 1, 1)) == [first]
    assert recurrence.occurrences(rule, date(2027, 1, 1), horizon=date(2027, 12, 31)) == []


def test_bounded_rules_go_past_the_horizon_up_to_a_cap() -> None:
    two_years = recurrence.occurrences("FREQ=MONTHLY;COUNT=24", date(2025, 1, 15))
    assert len(two_years) == 24
    assert two_years[-1] == date(2026, 12, 15)
    assert len(recurrence.occurrences("FREQ=DAILY;COUNT=5000", MON)) == recurrence.MAX_OCCURRENCES


def test_rules_stop_at_the_last_day_a_calendar_plans() -> None:
    # An endless rule stops there; one whose end lies beyond it is refused, not cut short.
    assert recurrence.occurrences("FREQ=DAILY", date(2999, 12, 29)) == [
        date(2999, 12, 29),
        date(2999, 12, 30),
        date(2999, 12, 31),
    ]
    assert len(recurrence.occurrences("FREQ=DAILY;COUNT=5", date(2999, 12, 27))) == 5
    past = "The repeat runs past 2999, the last year a calendar plans; end it sooner."
    for rule in ("FREQ=DAILY;COUNT=5", "FREQ=YEARLY;UNTIL=30010101"):
        with pytest.raises(InvalidInput, match=re.escape(past)):
            recurrence.occurrences(rule, date(2999, 12, 30))


def test_exdates_are_left_out() -> None:
    skipped = [date(2025, 3, 17), date(2025, 3, 31), date(2025, 3, 12)]
    assert recurrence.occurrences("FREQ=WEEKLY;COUNT=5", MON, skipped) == [
        date(2025, 3, 10),
        date(2025, 3, 24),
        date(2025, 4, 7),
    ]


def test_has_end() -> None:
    assert recurrence.has_end("FREQ=DAILY;COUNT=2")
    assert recurrence.has_end("FREQ=DAILY;UNTIL=20250101")
    assert not recurrence.has_end("FREQ=DAILY")


# -- split, shift, describe, build -------------------------------------------------


def test_split_shares_out_a_count() -> None:
    head, tail = recurrence.split("FREQ=WEEKLY;BYDAY=MO;COUNT=6", MON, date(2025, 3, 24))

    assert head == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20250323"
    assert tail == "FREQ=WEEKLY;BYDAY=MO;COUNT=4"
    assert recurrence.occurrences(head, MON) == _weeks(MON, 2)
    assert recurrence.occurrences(tail, date(2025, 3, 24)) == _weeks(date(2025, 3, 24), 4)


def test_split_at_the_last_post_of_a_rule_without_end_keeps_that_post_alone() -> None:
    """ "This and following" on the last post of a weekly series without end: its tail is
    that post, not a rule without end that would add a year of posts."""
    anchor = date(2027, 1, 4)
    made = recurrence.occurrences("FREQ=WEEKLY", anchor)
    head, tail = recurrence.split("FREQ=WEEKLY", anchor, made[-1])
    assert recurrence.occurrences(tail, made[-1]) == [made[-1]]
    assert recurrence.occurrences(head, anchor) == made[:-1]


def test_split_keeps_an_until() -> None:
    assert recurrence.split("FREQ=DAILY;UNTIL=20250401", MON, date(2025, 3, 20)) == (
        "FREQ=DAILY;UNTIL=20250319",
        "FREQ=DAILY;UNTIL=20250401",
    )
    # A rule without an end, made a year ahead: the tail ends where the posts were made
    # to (from its later start it ran ten days past the last post).
    assert recurrence.split("FREQ=DAILY", MON, date(2025, 3, 20)) == (
        "FREQ=DAILY;UNTIL=20250319",
        "FREQ=DAILY;UNTIL=20260311",
    )


@pytest.mark.parametrize(
    ("rule", "days", "expected"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,TH", 2, "FREQ=WEEKLY;BYDAY=WE,SA"),
        ("FREQ=WEEKLY;BYDAY=MO,SU", -1, "FREQ=WEEKLY;BYDAY=SU,SA"),
        ("FREQ=WEEKLY;BYDAY=FR;UNTIL=20250430", 3, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20250503"),
        ("FREQ=MONTHLY;BYMONTHDAY=10;COUNT=3", 5, "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", 5, "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("FREQ=MONTHLY;BYMONTHDAY=15,30", 1, "FREQ=MONTHLY;BYMONTHDAY=16,31"),
        ("FREQ=DAILY;COUNT=3", 0, "FREQ=DAILY;COUNT=3"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", 3, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,SU;WKST=TH"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU", -2, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;WKST=FR"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", 14, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
    ],
)
def test_shift(rule: str, days: int, expected: str) -> None:
    assert recurrence.shift(rule, timedelta(days=days)) == expected


def test_shifted_rule_gives_shifted_dates() -> None:
    rule = "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20250331"
    moved = recurrence.shift(rule, timedelta(days=2))

    assert recurrence.occurrences(moved, MON + timedelta(days=2)) == [
        d + timedelta(days=2) for d in recurrence.occurrences(rule, MON)
    ]


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("FREQ=DAILY", "Daily"),
        ("FREQ=WEEKLY;BYDAY=MO", "Weekly on Monday"),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10",
            "Every 2 weeks on Monday and Thursday, 10 times",
        ),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "Weekly on Monday, Wednesday and Friday"),
        ("FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20251231", "Monthly on day 15, until 2025-12-31"),
        ("FREQ=YEARLY;INTERVAL=3", "Every 3 years"),
        ("FREQ=DAILY;COUNT=1", "Daily, once"),
        ("FREQ=MONTHLY;BYDAY=1MO", "Monthly on the first Monday"),
        ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "Monthly on the last Friday, 3 times"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "Monthly on the last day"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", "Monthly on days 1 and 15"),
        # What each part chooses is said (the last weekday read as every weekday).
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6",
            "Monthly on the last weekday, 6 times",
        ),
        ("FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1,-1", "Monthly on the first and last weekend day"),
        ("FREQ=MONTHLY;BYDAY=MO,FR;BYSETPOS=2", "Monthly on the second Monday or Friday"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=1,15;BYSETPOS=-1",
            "Monthly on days 1 and 15, the last of those each month",
        ),
        ("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "Yearly on the fourth Thursday in November"),
        ("FREQ=YEARLY;BYDAY=4TH", "Yearly on the fourth Thursday of the year"),
        ("FREQ=YEARLY;BYDAY=-2MO;BYMONTH=5", "Yearly on the second last Monday in May"),
        ("FREQ=YEARLY;BYDAY=22MO", "Yearly on the 22nd Monday of the year"),
        ("FREQ=MONTHLY;BYDAY=5FR", "Monthly on the fifth Friday"),
        ("FREQ=MONTHLY;BYDAY=-3FR", "Monthly on the third last Friday"),
        ("FREQ=MONTHLY;BYMONTHDAY=-2", "Monthly on the second last day"),
        ("FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=21", "Yearly on day 21 in March and September"),
        ("FREQ=YEARLY;BYYEARDAY=100,-1", "Yearly on the 100th and last days of the year"),
        ("FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", "Yearly on Monday in the first week of the year"),
    ],
)
def test_describe(rule: str, text: str) -> None:
    assert recurrence.describe(rule) == text


def test_build() -> None:
    assert recurrence.build("weekly", weekdays=[3, 0, 3], count=10) == (
        "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10"
    )
    assert recurrence.build("DAILY", interval=2, until=date(2025, 3, 1)) == (
        "FREQ=DAILY;INTERVAL=2;UNTIL=20250301"
    )
    assert recurrence.build("monthly") == "FREQ=MONTHLY"
    with pytest.raises(InvalidInput, match=re.escape("FREQ=HOURLY is not supported")):
        recurrence.build("hourly")
    with pytest.raises(InvalidInput, match=re.escape("not both")):
        recurrence.build("daily", count=2, until=date(2025, 3, 1))


def test_every_other_week_on_two_days_keeps_the_calendars_week_together() -> None:
    """In a calendar whose weeks start on Sunday, every other week on Sunday and Monday
    is the Sunday and Monday of one week (it gave Sunday 3, Monday 11, Sunday 17...)."""
    sunday = date(2027, 1, 3)
    rule = recurrence.build("WEEKLY", interval=2, weekdays=[6, 0], count=4, week_start=6)
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=4;WKST=SU"
    assert recurrence.occurrences(rule, sunday) == [
        sunday,
        date(2027, 1, 4),
        date(2027, 1, 17),
        date(2027, 1, 18),
    ]
    # One day a week, or every week: no week start needed.
    assert "WKST" not in recurrence.build("WEEKLY", interval=2, weekdays=[6], week_start=6)
    assert "WKST" not in recurrence.build("WEEKLY", weekdays=[6, 0], week_start=6)


@pytest.mark.parametrize(
    ("rule", "editable"),
    [
        ("FREQ=DAILY;COUNT=6", True),
        ("FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20270101", True),
        ("FREQ=MONTHLY;INTERVAL=2;COUNT=3", True),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=6;WKST=TU", True),  # a moved series
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU", True),  # its week start is kept
        ("FREQ=MONTHLY;BYDAY=1MO;COUNT=6", False),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", False),
        ("FREQ=YEARLY;COUNT=3", False),
        ("FREQ=MONTHLY;BYDAY=MO", False),
    ],
)
def test_what_the_editor_can_change(rule: str, editable: bool) -> None:
    assert recurrence.editable(rule) is editable


@pytest.mark.parametrize(
    ("rule", "editable"),
    [
        ("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3", True),  # the editor's Monthly, said in full
        ("FREQ=MONTHLY;BYMONTHDAY=16;COUNT=3", False),
        ("FREQ=DAILY;BYMONTHDAY=15", False),  # (the 15th of each month, not daily)
        ("FREQ=WEEKLY;BYMONTHDAY=15", False),
    ],
)
def test_a_rule_naming_its_first_day_of_the_month(rule: str, editable: bool) -> None:
    assert recurrence.editable(rule, date(2027, 1, 15)) is editable


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=8",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=8;WKST=SU",
    ],
)
def test_a_rule_rebuilt_with_its_own_week_start_makes_the_same_days(rule: str) -> None:
    """Made in a week of one start, changed after the calendar's week start changed: the
    same choices make the same days (they re-paired Sundays and Mondays)."""
    sunday = date(2027, 1, 3)
    rebuilt = recurrence.build(
        "WEEKLY",
        interval=2,
        weekdays=recurrence.weekdays_of(rule),
        count=8,
        week_start=recurrence.week_start_of(rule),
    )
    assert recurrence.occurrences(rebuilt, sunday) == recurrence.occurrences(rule, sunday)


@pytest.mark.parametrize(
    ("rule", "calendar", "expected"),
    [
        ("FREQ=WEEKLY;BYDAY=SA,MO", 5, 5),  # made weekly here: the week never told
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", 5, 5),  # one day: nor here
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,MO", 5, 0),  # typed so: the standard's Monday
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,MO;WKST=SU", 5, 6),
    ],
)
def test_a_rule_counts_its_weeks_from_the_calendars_first_day_where_it_never_said(
    rule: str, calendar: int, expected: int
) -> None:
    """Changed to every other week on Saturday and Monday in a Saturday calendar, a
    weekly series paired its days by Monday weeks (Sat 2, Mon 11, Sat 16, Mon 25)."""
    assert recurrence.week_start_of(rule, calendar) == expected


# -- property: a split loses and adds nothing --------------------------------------

_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@st.composite
def _rules(draw: st.DrawFn) -> tuple[str, date]:
    anchor = draw(st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)))
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]))
    parts = [f"FREQ={freq}"]
    interval = draw(st.integers(min_value=1, max_value=3))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if freq == "WEEKLY" and draw(st.booleans()):
        days = draw(st.sets(st.sampled_from(_WEEKDAY_CODES), min_size=1, max_size=4))
        parts.append("BYDAY=" + ",".join(sorted(days, key=_WEEKDAY_CODES.index)))
    if freq == "MONTHLY" and draw(st.booleans()):
        days_of_month = draw(
            st.sets(st.integers(min_value=1, max_value=31), min_size=1, max_size=3)
        )
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in sorted(days_of_month)))
    end = draw(st.sampled_from(["COUNT", "UNTIL", "none"]))  # none: made a year ahead
    if end == "COUNT":
        parts.append(f"COUNT={draw(st.integers(min_value=1, max_value=40))}")
    elif end == "UNTIL":
        until = anchor + timedelta(days=draw(st.integers(min_value=0, max_value=500)))
        parts.append(f"UNTIL={until:%Y%m%d}")
    return ";".join(parts), anchor


@settings(max_examples=300, deadline=None, database=None)
@given(_rules(), st.integers(min_value=1, max_value=1200))
def test_split_parts_make_the_original_series(rule_and_anchor: tuple[str, date], k: int) -> None:
    rule, anchor = rule_and_anchor
    original = recurrence.occurrences(rule, anchor)
    assume(original and original[-1] > anchor)
    at = anchor + timedelta(days=k % (original[-1] - anchor).days + 1)
    tail_anchor = min(d for d in original if d >= at)

    head, tail = recurrence.split(rule, anchor, at)

    assert recurrence.occurrences(head, anchor) == [d for d in original if d < at]
    assert recurrence.occurrences(head, anchor) + recurrence.occurrences(tail, tail_anchor) == (
        original
    )


@st.composite
def _translatable_rules(draw: st.DrawFn) -> tuple[str, date]:
    """Daily and weekly rules, whose dates all move together when the rule is shifted."""
    anchor = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)))
    parts = [f"FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY']))}"]
    interval = draw(st.integers(min_value=1, max_value=3))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if draw(st.booleans()):
        days = draw(st.sets(st.sampled_from(_WEEKDAY_CODES), min_size=1, max_size=4))
        parts.append("BYDAY=" + ",".join(sorted(days, key=_WEEKDAY_CODES.index)))
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(_WEEKDAY_CODES))}")
    if draw(st.booleans()):
        parts.append(f"COUNT={draw(st.integers(min_value=1, max_value=30))}")
    else:
        until = anchor + timedelta(days=draw(st.integers(min_value=0, max_value=200)))
        parts.append(f"UNTIL={until:%Y%m%d}")
    return ";".join(parts), anchor


@settings(max_examples=300, deadline=None, database=None)
@given(_translatable_rules(), st.integers(min_value=-40, max_value=40))
def test_shifted_rule_moves_every_date(rule_and_anchor: tuple[str, date], days: int) -> None:
    rule, anchor = rule_and_anchor
    delta = timedelta(days=days)

    moved = recurrence.occurrences(recurrence.shift(rule, delta), anchor + delta)

    assert moved == [d + delta for d in recurrence.occurrences(rule, anchor)]


@settings(max_examples=300, deadline=None, database=None)
@given(_rules(), st.integers(min_value=-40, max_value=40))
def test_a_moved_series_is_what_its_moved_rule_makes(
    rule_and_anchor: tuple[str, date], days: int
) -> None:
    """Every occurrence goes to the new rule's occurrence of the same rank: daily and
    weekly dates move together, monthly ones keep one day of the month."""
    rule, anchor = rule_and_anchor
    delta = timedelta(days=days)
    original = recurrence.occurrences(rule, anchor)
    assume(original)
    try:
        recurrence.occurrences(recurrence.shift(rule, delta), anchor + delta)
    except InvalidInput:
        assume(False)  # moved past the last year a calendar plans

    moved_rule, moved_anchor, moved = recurrence.move(
        rule, anchor, original, (original[0], original[0] + delta)
    )

    assert recurrence.occurrences(moved_rule, moved_anchor) == [moved[d] for d in original]


def test_a_monthly_series_moved_keeps_one_day_of_the_month() -> None:
    start = date(2026, 1, 15)
    days = recurrence.occurrences("FREQ=MONTHLY;COUNT=6", start)
    rule, anchor, moved = recurrence.move(
        "FREQ=MONTHLY;COUNT=6", start, days, (start, date(2026, 2, 4))
    )
    assert (rule, anchor) == ("FREQ=MONTHLY;COUNT=6", date(2026, 2, 4))
    assert [moved[d] for d in days] == [date(2026, m, 4) for m in range(2, 8)]
    # From a later one: the 1st of March to the 1st of April moves each a month.
    first = date(2026, 1, 1)
    days = recurrence.occurrences("FREQ=MONTHLY;COUNT=5", first)
    rule, anchor, moved = recurrence.move(
        "FREQ=MONTHLY;COUNT=5", first, days, (date(2026, 3, 1), date(2026, 4, 1))
    )
    assert [moved[d] for d in days] == [date(2026, m, 1) for m in range(2, 7)]
    # From the 31st (months without one skipped) to the 1st: one a month, as many.
    start = date(2026, 1, 31)
    days = recurrence.occurrences("FREQ=MONTHLY;UNTIL=20261031", start)
    rule, anchor, moved = recurrence.move(
        "FREQ=MONTHLY;UNTIL=20261031", start, days, (start, date(2026, 2, 1))
    )
    assert [moved[d] for d in days] == [date(2026, m, 1) for m in range(2, 8)]
    assert rule == "FREQ=MONTHLY;UNTIL=20260701"
    # A day of the month given in the rule moves as the anchor's day does.
    start = date(2026, 1, 15)
    days = recurrence.occurrences("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=4", start)
    rule, anchor, moved = recurrence.move(
        "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=4", start, days, (days[1], date(2026, 2, 4))
    )
    assert (rule, anchor) == ("FREQ=MONTHLY;BYMONTHDAY=4;COUNT=4", date(2026, 1, 4))
    assert [moved[d] for d in days] == [date(2026, m, 4) for m in range(1, 5)]


# -- the store's recurring posts -------------------------------------------------


@pytest.fixture
def channel(add_channel: Adder) -> int:
    return add_channel("Newsletter", kind="newsletter")


@pytest.fixture
def message(add_message: Adder) -> int:
    return add_message("We listen", cadence_days=7)


def _template(
    channel: int, message: int, day: date | None = MON, at: time | None = NINE
) -> NewPost:
    return NewPost(
        title="Weekly letter",
        channel_id=channel,
        message_ids=(message,),
        date=day,
        time=at,
        status=PostStatus.SCHEDULED,
        body="News of the week",
    )


def _add_series(store: CalendarStore, template: NewPost, rule: str) -> tuple[int, list[Post]]:
    changes = store.add_series(template, rule)
    (series_id,) = changes.series
    return series_id, store.series_posts(series_id)


def _assert_rule_describes_posts(store: CalendarStore, series_id: int) -> None:
    series = store.series(series_id)
    posts = store.series_posts(series_id)
    assert recurrence.occurrences(series.rrule, series.anchor, series.exdates) == [
        p.occurrence for p in posts
    ]


@pytest.mark.parametrize(
    ("rule", "made"),
    [
        ("FREQ=DAILY;COUNT=2000", "FREQ=DAILY;COUNT=1000"),
        ("FREQ=DAILY;UNTIL=20310105", "FREQ=DAILY;UNTIL=20271204"),
        ("FREQ=DAILY;COUNT=30", "FREQ=DAILY;COUNT=30"),
    ],
)
def test_a_series_cut_at_its_most_posts_says_what_it_made(
    store: CalendarStore, channel: int, message: int, rule: str, made: str
) -> None:
    series_id, posts = _add_series(store, _template(channel, message, MON), rule)
    assert len(posts) == min(len(recurrence.occurrences(rule, MON)), recurrence.MAX_OCCURRENCES)
    assert store.series(series_id).rrule == made
    _assert_rule_describes_posts(store, series_id)


def test_add_series_makes_real_posts_that_deliver(
    store: CalendarStore, channel: int, message: int
) -> None:
    changes = store.add_series(_template(channel, message), "FREQ=WEEKLY;BYDAY=MO;COUNT=4")

    (series_id,) = changes.series
    posts = store.series_posts(series_id)
    days = _weeks(MON, 4)
    assert [p.date for p in posts] == days
    assert [p.occurrence for p in posts] == days
    assert {(p.title, p.time, p.message_ids, p.series_id) for p in posts} == {
        ("Weekly letter", NINE, (message,), series_id)
    }
    assert len({p.uid for p in posts}) == 4
    assert changes.created == tuple(p.id for p in posts)
    assert changes.posts == frozenset(changes.created)
    assert changes.dates == frozenset(days)
    assert changes.messages == frozenset({message})
    assert store.series(series_id) == Series(
        series_id, "FREQ=WEEKLY;BYDAY=MO;COUNT=4", MON, NINE, ()
    )
    assert sorted(store.delivery_rows(MON)) == [(message, channel, d) for d in days]
    assert [p.id for p in store.posts_between(MON, MON + timedelta(days=30))] == [
        p.id for p in posts
    ]


def test_open_ended_series_is_materialised_for_a_year(
    store: CalendarStore, channel: int, message: int
) -> None:
    _, posts = _add_series(store, _template(channel, message), "FREQ=WEEKLY")

    assert len(posts) == 53
    assert posts[-1].date == date(2026, 3, 9)


@pytest.mark.parametrize(
    "rule", ["FREQ=DAILY;COUNT=1", "FREQ=WEEKLY;UNTIL=20250312", "FREQ=MONTHLY;COUNT=1"]
)
def test_a_rule_of_one_day_makes_a_plain_post(
    store: CalendarStore, channel: int, message: int, rule: str
) -> None:
    """ "--repeat FREQ=DAILY;COUNT=1" made a series of one, which the window then asked
    "which occurrences?" of, to edit, move or delete it (its editor makes none)."""
    changes = store.add_series(_template(channel, message), rule)
    assert changes.series == frozenset()
    (post,) = store.posts(changes.created)
    assert (post.date, post.series_id, post.occurrence) == (MON, None, None)
    assert store.all_posts() == [post]
    # Nor does a post given such a repeat (the editor's "after 1 time").
    changes = store.repeat_post(post.id, rule, edit={"title": "Once"})
    assert changes.series == frozenset()
    (again,) = store.all_posts()
    assert (again.title, again.series_id) == ("Once", None)


def test_add_series_refusals(store: CalendarStore, channel: int, message: int) -> None:
    with pytest.raises(InvalidInput, match=re.escape("A recurring post needs a first date.")):
        store.add_series(_template(channel, message, None, None), "FREQ=DAILY;COUNT=2")
    with pytest.raises(InvalidInput, match=re.escape("FREQ=HOURLY is not supported")):
        store.add_series(_template(channel, message), "FREQ=HOURLY")
    with pytest.raises(
        InvalidInput,
        match=re.escape(
            "The repeat rule FREQ=DAILY;UNTIL=20240101 gives no date from 2025-03-10 on."
        ),
    ):
        store.add_series(_template(channel, message), "FREQ=DAILY;UNTIL=20240101")
    late = dataclasses.replace(_template(channel, message), date=date(2999, 12, 30))
    with pytest.raises(InvalidInput, match="The repeat runs past 2999"):
        store.add_series(late, "FREQ=DAILY;COUNT=5")
    (late_id,) = store.add_post(late).created
    with pytest.raises(InvalidInput, match="The repeat runs past 2999"):
        store.repeat_post(late_id, "FREQ=DAILY;COUNT=5")
    store.delete_posts([late_id])
    with pytest.raises(NotFound, match=re.escape("There is no channel number 99.")):
        store.add_series(
            dataclasses.replace(_template(channel, message), channel_id=99), "FREQ=DAILY"
        )

    assert store.count_posts() == 0
    assert store.db.execute("SELECT count(*) FROM series").fetchone()[0] == 0


def test_repeat_post_makes_it_the_first_occurrence(
    store: CalendarStore, channel: int, message: int
) -> None:
    (post_id,) = store.add_post(_template(channel, message)).created
    post = store.post(post_id)

    changes = store.repeat_post(post_id, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5")

    (series_id,) = changes.series
    posts = store.series_posts(series_id)
    days = [MON, MON + timedelta(days=3), MON + timedelta(days=7), MON + timedelta(days=10)]
    days.append(MON + timedelta(days=14))
    assert [p.date for p in posts] == days
    assert [p.occurrence for p in posts] == days
    first = posts[0]
    assert (first.id, first.uid, first.created_at) == (post.id, post.uid, post.created_at)
    assert len({p.uid for p in posts}) == 5
    assert {(p.title, p.body, p.time, p.message_ids, p.status) for p in posts} == {
        ("Weekly letter", "News of the week", NINE, (message,), PostStatus.SCHEDULED)
    }
    assert changes.created == tuple(p.id for p in posts[1:])
    assert changes.posts == frozenset(p.id for p in posts)
    assert changes.dates == frozenset(days)
    assert store.series(series_id) == Series(
        series_id, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", MON, NINE, ()
    )
    _assert_rule_describes_posts(store, series_id)


def test_repeat_post_with_an_edit_repeats_the_edited_post(
    store: CalendarStore, channel: int, message: int
) -> None:
    (post_id,) = store.add_post(_template(channel, message)).created
    tuesday = MON + timedelta(days=1)

    changes = store.repeat_post(
        post_id, "FREQ=WEEKLY;BYDAY=TU;COUNT=2", edit={"date": tuesday, "title": "Tuesday letter"}
    )

    posts = store.series_posts(next(iter(changes.series)))
    assert [(p.date, p.title) for p in posts] == [
        (tuesday, "Tuesday letter"),
        (tuesday + timedelta(days=7), "Tuesday letter"),
    ]
    assert MON in changes.dates  # where the post was, for the views to refresh


def test_copies_of_a_published_post_are_drafts_that_do_not_deliver_in_the_past(
    store: CalendarStore, channel: int, message: int
) -> None:
    published = dataclasses.replace(_template(channel, message), status=PostStatus.PUBLISHED)
    (post_id,) = store.add_post(published).created

    (series_id,) = store.repeat_post(post_id, "FREQ=WEEKLY;COUNT=4").series

    posts = store.series_posts(series_id)
    assert [p.status for p in posts] == [PostStatus.PUBLISHED] + [PostStatus.DRAFT] * 3
    as_of = MON + timedelta(weeks=2)  # two copies behind, one ahead
    assert [p.delivers_on(as_of) for p in posts] == [True, False, True, True]


def test_a_new_published_series_publishes_its_first_post_only(
    store: CalendarStore, channel: int, message: int
) -> None:
    """Written in the editor as published and repeating, every later post was published
    too: deliveries that had not happened, hiding gaps, never in a publishing tool's
    file. As repeating a published post makes them: drafts."""
    tomorrow = store.today() + timedelta(days=1)
    published = dataclasses.replace(
        _template(channel, message, tomorrow), status=PostStatus.PUBLISHED
    )
    _, posts = _add_series(store, published, "FREQ=WEEKLY;COUNT=3")
    assert [p.status for p in posts] == [PostStatus.PUBLISHED] + [PostStatus.DRAFT] * 2
    scheduled = dataclasses.replace(_template(channel, message), status=PostStatus.SCHEDULED)
    _, posts = _add_series(store, scheduled, "FREQ=DAILY;COUNT=2")
    assert [p.status for p in posts] == [PostStatus.SCHEDULED] * 2


def test_a_new_published_series_begun_in_the_past_is_published_up_to_today(
    store: CalendarStore, channel: int, message: int
) -> None:
    """A weekly tip logged as published since six weeks ago: all but its first post were
    drafts, which in the past deliver nothing (the message read overdue by a month)."""
    today = store.today()
    began = today - timedelta(weeks=5)
    published = dataclasses.replace(
        _template(channel, message), date=began, status=PostStatus.PUBLISHED
    )
    _, posts = _add_series(store, published, "FREQ=WEEKLY;COUNT=8")
    assert [p.status for p in posts] == [PostStatus.PUBLISHED] * 6 + [PostStatus.DRAFT] * 2
    assert all(p.delivers_on(today) for p in posts)


def test_repeat_post_refusals(store: CalendarStore, channel: int, message: int) -> None:
    (dated,) = store.add_post(_template(channel, message)).created
    (idea,) = store.add_post(_template(channel, message, None, None)).created
    _, posts = _add_series(store, _template(channel, message), "FREQ=DAILY;COUNT=2")
    before = store.count_posts()

    with pytest.raises(InvalidInput, match=re.escape("'Weekly letter' already repeats.")):
        store.repeat_post(posts[0].id, "FREQ=DAILY;COUNT=2")
    with pytest.raises(InvalidInput, match=re.escape("needs a date before it can repeat")):
        store.repeat_post(idea, "FREQ=DAILY;COUNT=2")
    with pytest.raises(
        InvalidInput,
        match=re.escape("The repeat must include the post's own day, Monday 10 March 2025."),
    ):
        store.repeat_post(dated, "FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    with pytest.raises(InvalidInput, match=re.escape("FREQ=HOURLY is not supported")):
        store.repeat_post(dated, "FREQ=HOURLY")
    with pytest.raises(InvalidInput, match=re.escape("own day, Monday 10 March 2025")):
        # The edit made with a refused repeat is not kept either.
        store.repeat_post(dated, "FREQ=WEEKLY;BYDAY=TU;COUNT=3", edit={"title": "Renamed"})

    assert store.count_posts() == before
    assert store.post(dated).series_id is None
    assert store.post(dated).title == "Weekly letter"
    assert store.db.execute("SELECT count(*) FROM series").fetchone()[0] == 1


@settings(max_examples=100, deadline=None, database=None)
@given(_rules())
def test_repeat_post_makes_exactly_the_rules_posts_or_nothing(
    rule_and_anchor: tuple[str, date],
) -> None:
    rule, anchor = rule_and_anchor
    days = recurrence.occurrences(rule, anchor)
    with (
        tempfile.TemporaryDirectory() as folder,
        CalendarStore.create(Path(folder) / "c.cadence", timezone="Europe/Paris") as store,
    ):
        channel = store.add_channel("Blog").created[0]
        message = store.add_key_message("We listen", cadence_days=7).created[0]
        (post_id,) = store.add_post(_template(channel, message, anchor)).created

        if days == [anchor] and recurrence.has_end(rule):  # one day: no series of one
            assert store.repeat_post(post_id, rule).series == frozenset()
            assert [(p.id, p.series_id) for p in store.all_posts()] == [(post_id, None)]
        elif days and days[0] == anchor:
            (series_id,) = store.repeat_post(post_id, rule).series
            posts = store.series_posts(series_id)
            assert [p.date for p in posts] == days
            assert posts[0].id == post_id
            _assert_rule_describes_posts(store, series_id)
        else:
            with pytest.raises(InvalidInput):
                store.repeat_post(post_id, rule)
            assert store.count_posts() == 1
            assert store.post(post_id).series_id is None


@pytest.fixture
def weekly(store: CalendarStore, channel: int, message: int) -> tuple[int, list[Post]]:
    """Six Monday letters at 09:00 from 2025-03-10 to 2025-04-14."""
    return _add_series(store, _template(channel, message), "FREQ=WEEKLY;BYDAY=MO;COUNT=6")


def test_a_split_names_every_post_that_goes_to_the_new_series(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """ "This and following" named the posts whose fields changed alone: the one already
    so stayed in the window under the old series (a later move took it along wrongly)."""
    series_id, posts = weekly
    store.update_post(posts[4].id, {"notes": "Approved"})  # already as the edit makes it
    changes = store.update_occurrences(posts[2].id, {"notes": "Approved"}, "following")
    moved = [store.post(p.id) for p in posts[2:]]
    assert {p.series_id for p in moved} != {series_id}
    assert len({p.series_id for p in moved}) == 1
    assert changes.posts == frozenset(p.id for p in moved)
    assert changes.dates >= frozenset(p.date for p in moved if p.date is not None)


def test_update_this_occurrence_only(store: CalendarStore, weekly: tuple[int, list[Post]]) -> None:
    series_id, posts = weekly
    third = posts[2]
    series_before = store.series(series_id)

    changes = store.update_occurrences(third.id, {"date": date(2025, 3, 26)}, "this")

    assert changes.dates == frozenset({date(2025, 3, 24), date(2025, 3, 26)})
    moved = store.post(third.id)
    assert (moved.date, moved.occurrence, moved.series_id) == (
        date(2025, 3, 26),
        date(2025, 3, 24),
        series_id,
    )
    assert [p.date for p in store.series_posts(series_id) if p.id != third.id] == [
        p.date for p in posts if p.id != third.id
    ]
    assert store.series(series_id) == series_before


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;BYDAY=MO", "FREQ=MONTHLY"])
def test_an_endless_series_changed_from_a_later_post_on_describes_its_posts(
    store: CalendarStore, channel: int, message: int, rule: str
) -> None:
    """Made a year ahead: the later part, starting later, ran on past its last post
    (the editor then offered to add the weeks between)."""
    series_id, posts = _add_series(store, _template(channel, message), rule)
    later = posts[len(posts) // 2]
    store.update_occurrences(later.id, {"time": time(10, 0)}, "following")
    tail = store.post(later.id).series_id
    assert tail is not None
    assert tail != series_id
    for part in (series_id, tail):
        _assert_rule_describes_posts(store, part)
    first = posts[0].date
    assert first is not None
    store.update_occurrences(posts[0].id, {"date": first + timedelta(days=2)}, "all")
    _assert_rule_describes_posts(store, series_id)


def test_a_rule_that_does_not_read_is_said_as_the_series_and_its_posts_change_one_by_one(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """Another program's rule said its fault as if typed ("FREQ=SOMETIMES is not
    supported; posts repeat DAILY…") at every move, edit or deletion of following or all."""
    series_id, posts = weekly
    store.db.execute("UPDATE series SET rrule = 'FREQ=SOMETIMES' WHERE id = ?", [series_id])
    said = re.escape(
        "These posts repeat by a rule that cannot be read here (FREQ=SOMETIMES): change"
        " one post at a time, or delete them all."
    )
    for scope in ("following", "all"):
        with pytest.raises(InvalidInput, match=said):
            store.update_occurrences(posts[2].id, {"date": date(2025, 3, 26)}, scope)
        with pytest.raises(InvalidInput, match=said):
            store.update_occurrences(posts[2].id, {"title": "Tail"}, scope)
    with pytest.raises(InvalidInput, match=said):
        store.delete_occurrences(posts[2].id, "following")
    assert store.series_posts(series_id) == posts
    store.update_occurrences(posts[2].id, {"date": date(2025, 3, 26)}, "this")
    assert store.post(posts[2].id).date == date(2025, 3, 26)
    store.delete_occurrences(posts[2].id, "all")
    assert store.posts(p.id for p in posts) == []


def test_update_following_splits_and_shifts(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    third = posts[2]

    changes = store.update_occurrences(third.id, {"date": date(2025, 3, 26)}, "following")

    (new_id,) = changes.series - {series_id}
    head, tail = store.series(series_id), store.series(new_id)
    assert head == Series(series_id, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20250323", MON, NINE, ())
    assert tail == Series(new_id, "FREQ=WEEKLY;BYDAY=WE;COUNT=4", date(2025, 3, 26), NINE, ())
    assert store.series_posts(series_id) == posts[:2]
    moved = store.series_posts(new_id)
    assert [p.id for p in moved] == [p.id for p in posts[2:]]
    assert [p.date for p in moved] == _weeks(date(2025, 3, 26), 4)
    assert [p.occurrence for p in moved] == _weeks(date(2025, 3, 26), 4)
    assert {p.time for p in moved} == {NINE}
    assert changes.dates == frozenset(_weeks(date(2025, 3, 24), 4) + _weeks(date(2025, 3, 26), 4))
    _assert_rule_describes_posts(store, series_id)
    _assert_rule_describes_posts(store, new_id)


def test_update_all_from_a_later_occurrence_moves_every_post_and_the_rule(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly

    changes = store.update_occurrences(posts[3].id, {"date": date(2025, 3, 30)}, "all")

    assert changes.series == frozenset({series_id})
    assert store.series(series_id) == Series(
        series_id, "FREQ=WEEKLY;BYDAY=SU;COUNT=6", date(2025, 3, 9), NINE, ()
    )
    assert [p.date for p in store.series_posts(series_id)] == _weeks(date(2025, 3, 9), 6)
    assert store.db.execute("SELECT count(*) FROM series").fetchone()[0] == 1
    _assert_rule_describes_posts(store, series_id)


def test_a_monthly_series_moved_keeps_one_day_of_the_month_and_its_rule(
    store: CalendarStore, channel: int, message: int
) -> None:
    """Moved from the 15th to the 4th: every post on the 4th of its month (adding the
    same number of days put them on the 4th, 7th, 4th, 5th...), and a later split still
    shares out the count."""
    series_id, posts = _add_series(
        store, _template(channel, message, date(2026, 1, 15)), "FREQ=MONTHLY;COUNT=6"
    )
    store.update_occurrences(posts[0].id, {"date": date(2026, 2, 4)}, "all")
    moved = store.series_posts(series_id)
    assert [p.date for p in moved] == [date(2026, m, 4) for m in range(2, 8)]
    _assert_rule_describes_posts(store, series_id)

    store.update_occurrences(moved[3].id, {"title": "Tail"}, "following")
    (tail_id,) = {p.series_id for p in store.series_posts(series_id)} ^ {
        p.series_id for p in store.all_posts()
    }
    assert tail_id is not None
    assert len(store.series_posts(tail_id)) == 3
    assert store.series(tail_id).rrule == "FREQ=MONTHLY;COUNT=3"
    _assert_rule_describes_posts(store, series_id)
    _assert_rule_describes_posts(store, tail_id)


def test_a_monthly_series_moved_from_a_later_post_moves_by_whole_months_or_says_why_not(
    store: CalendarStore, channel: int, message: int
) -> None:
    series_id, posts = _add_series(
        store, _template(channel, message, date(2026, 1, 1)), "FREQ=MONTHLY;COUNT=5"
    )
    store.update_occurrences(posts[2].id, {"date": date(2026, 4, 1)}, "all")  # March → April
    assert [p.date for p in store.series_posts(series_id)] == [
        date(2026, m, 1) for m in range(2, 7)
    ]
    _assert_rule_describes_posts(store, series_id)
    # The 31st: not every month has one, and no monthly rule lands every post on it.
    before = store.all_posts()
    moved = store.series_posts(series_id)
    with pytest.raises(InvalidInput, match="cannot all move to the 31st"):
        store.update_occurrences(moved[1].id, {"date": date(2026, 3, 31)}, "all")
    assert store.all_posts() == before


@pytest.mark.parametrize(
    ("first", "rule", "target", "reason"),
    [
        pytest.param(
            date(2027, 1, 31),
            "FREQ=MONTHLY;COUNT=6",
            date(2027, 1, 4),
            "cannot all move to the 4th: the series repeats on the 31st and skips the months"
            " without one; on the 4th it would repeat every month, and its posts would fall"
            " in other months",
            id="31st-to-the-4th",
        ),
        pytest.param(
            date(2027, 1, 31),
            "FREQ=MONTHLY;COUNT=6",
            date(2027, 1, 30),
            "cannot all move to the 30th: not every month has that day",
            id="31st-to-the-30th",
        ),
        pytest.param(
            date(2027, 1, 31),
            "FREQ=MONTHLY;COUNT=6",
            date(2027, 1, 28),
            "cannot all move to the 28th: the series repeats on the 31st and skips the months"
            " without one; on the 28th it would repeat every month",
            id="31st-to-the-28th",  # every month has a 28th
        ),
        pytest.param(
            date(2027, 1, 31),
            "FREQ=MONTHLY;COUNT=6",
            date(2027, 1, 13),
            "cannot all move to the 13th: the series repeats on the 31st",
            id="31st-to-the-13th",  # not "13rd"
        ),
        pytest.param(
            date(2027, 1, 2),
            "FREQ=MONTHLY;BYDAY=1SA;COUNT=6",
            date(2027, 1, 9),
            "the series repeats monthly on the first Saturday, and all of them move only to"
            " another such day, like the first Sunday.",
            id="first-saturday-to-the-second-saturday",  # (Saturday's next is Sunday)
        ),
        pytest.param(
            date(2028, 2, 29),
            "FREQ=YEARLY;COUNT=3",
            date(2028, 3, 1),
            "cannot all move to 1 March: the series repeats on 29 February and skips the years"
            " without one",
            id="leap-day-to-1-march",
        ),
        pytest.param(
            date(2026, 12, 7),
            "FREQ=MONTHLY;BYDAY=1MO;COUNT=5",
            date(2026, 12, 8),
            "cannot all move to Tuesday 8 December 2026: the series repeats monthly on the first"
            " Monday, and all of them move only to another such day, like the first Tuesday.",
            id="first-monday-to-a-second-tuesday",
        ),
        pytest.param(
            date(2026, 12, 7),
            "FREQ=MONTHLY;BYDAY=1MO;COUNT=5",
            date(2026, 12, 14),
            "These occurrences cannot all move to Monday 14 December 2026: the series repeats"
            " monthly on the first Monday, and all of them move only to another such day,"
            " like the first Tuesday.",  # (it offered "the first Monday", their own)
            id="first-monday-to-the-second-monday",
        ),
        pytest.param(
            date(2026, 1, 15),
            "FREQ=MONTHLY;COUNT=6",
            date(2026, 1, 31),
            "cannot all move to the 31st: not every month has that day",
            id="15th-to-the-31st",
        ),
        pytest.param(
            date(2025, 3, 1),
            "FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=6",
            date(2025, 2, 27),
            "cannot all move to Thursday 27 February 2025: the series repeats monthly on days 1"
            " and 15, and no move of the whole series puts this one there.",
            id="days-1-and-15-not-day-27",  # not "not every month has the 27th"
        ),
        pytest.param(
            date(2025, 1, 31),
            "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6",
            date(2025, 1, 30),
            "cannot all move to Thursday 30 January 2025: the series repeats monthly on the last"
            " day, and no move of the whole series puts this one there.",
            id="last-day-to-the-30th",
        ),
    ],
)
def test_a_monthly_or_yearly_series_is_not_moved_where_its_posts_would_change_month(
    store: CalendarStore,
    channel: int,
    message: int,
    first: date,
    rule: str,
    target: date,
    reason: str,
) -> None:
    """Every post of a moved monthly series goes to the new day of its own month (or of
    the month as far away as the one dropped); where the rule cannot do that, the move
    says why in the user's words, and nothing moves. (Moving the 31st by rank put the
    March post on 4 February, October's on 4 June.)"""
    _, posts = _add_series(store, _template(channel, message, first), rule)
    store.update_occurrences(posts[-1].id, {"title": "Halloween special"}, "this")
    before = store.all_posts()
    with pytest.raises(InvalidInput, match=re.escape(reason)):
        store.update_occurrences(posts[0].id, {"date": target}, "all")
    assert store.all_posts() == before
    # This one alone still goes there.
    store.update_occurrences(posts[0].id, {"date": target}, "this")
    assert store.post(posts[0].id).date == target


def test_a_first_monday_series_moves_to_the_first_tuesday(
    store: CalendarStore, channel: int, message: int
) -> None:
    series_id, posts = _add_series(
        store, _template(channel, message, date(2026, 12, 7)), "FREQ=MONTHLY;BYDAY=1MO;COUNT=3"
    )
    store.update_occurrences(posts[0].id, {"date": date(2026, 12, 1)}, "all")
    assert [p.date for p in store.series_posts(series_id)] == [
        date(2026, 12, 1),
        date(2027, 1, 5),
        date(2027, 2, 2),
    ]
    assert recurrence.describe(store.series(series_id).rrule) == (
        "Monthly on the first Tuesday, 3 times"
    )
    _assert_rule_describes_posts(store, series_id)


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.one_of(
        st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
        st.sampled_from([date(2027, 1, 31), date(2026, 1, 30), date(2028, 2, 29)]),
    ),
    st.sampled_from(
        [
            "FREQ=MONTHLY;COUNT=7",
            "FREQ=MONTHLY;INTERVAL=2;UNTIL=20281231",
            "FREQ=MONTHLY;BYMONTHDAY=12;COUNT=5",
            "FREQ=YEARLY;COUNT=4",
        ]
    ),
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=-45, max_value=45),
    st.sampled_from(["all", "following"]),
)
def test_a_moved_monthly_series_is_still_what_its_rules_make(
    tmp_path_factory: pytest.TempPathFactory,
    first: date,
    rule: str,
    which: int,
    days: int,
    scope: Scope,
) -> None:
    path = tmp_path_factory.mktemp("monthly") / "m.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        _, posts = _add_series(
            store, NewPost("Monthly", channel, date=first, status=PostStatus.SCHEDULED), rule
        )
        post = posts[which % len(posts)]
        assert post.date is not None
        day = post.date + timedelta(days=days)
        try:
            store.update_occurrences(post.id, {"date": day}, scope)
        except InvalidInput:
            # Only a day some months lack, a series that skips the months without its
            # day, or this and following moved onto or before an earlier occurrence, can
            # be refused; and then nothing moved.
            earlier = [p.date for p in posts[: which % len(posts)] if p.date is not None]
            assert (
                day.day > 28
                or post.date.day > 28
                or (scope == "following" and day <= max(earlier, default=day))
            )
            assert store.all_posts() == posts
        else:
            assert store.post(post.id).date == day  # where it was dropped
            dates = [p.date for p in store.all_posts()]
            assert len(set(dates)) == len(dates)  # never two on one day
            # Every post that moved went as many months as the one dropped.
            step = _months(day) - _months(post.date)
            for old, new in zip(posts, store.all_posts(), strict=True):
                assert old.date is not None
                assert new.date is not None
                if new.date != old.date:
                    assert _months(new.date) - _months(old.date) == step
        for series in {p.series_id for p in store.all_posts()}:
            assert series is not None
            _assert_rule_describes_posts(store, series)


def test_a_following_occurrence_moved_on_its_own_is_named_when_it_stops_a_move(
    store: CalendarStore,
) -> None:
    """The sentence spoke of a day the user never touched, twice ("cannot start on
    Wednesday 2 December 2026: an earlier one stays on Wednesday 2 December 2026")."""
    channel = store.add_channel("Blog").created[0]
    _, posts = _add_series(
        store,
        NewPost("Tip", channel, date=date(2026, 11, 23), status=PostStatus.SCHEDULED),
        "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12",
    )
    wednesday_9 = next(p for p in posts if p.date == date(2026, 12, 9))
    friday_4 = next(p for p in posts if p.date == date(2026, 12, 4))
    store.update_occurrences(wednesday_9.id, {"date": date(2026, 12, 1)}, "this")
    kept = store.all_posts()
    with pytest.raises(InvalidInput) as refused:
        store.update_occurrences(friday_4.id, {"date": date(2026, 12, 5)}, "following")
    assert str(refused.value) == (
        "'Tip', one of the following occurrences, was moved on its own to Tuesday 1 December"
        " 2026 and would go to Wednesday 2 December 2026, where an earlier one stays. Move"
        " them all, or this one alone."
    )
    assert store.all_posts() == kept
    # The post dragged, refused on its own: its new day is said (the sentence blamed
    # the one moved on its own, and named a day the user never chose).
    with pytest.raises(InvalidInput) as refused:
        store.update_occurrences(friday_4.id, {"date": date(2026, 11, 24)}, "following")
    assert str(refused.value) == (
        "This and the following occurrences cannot start on Tuesday 24 November 2026: an"
        " earlier one stays on Wednesday 2 December 2026. Move them all, or this one alone."
    )
    assert store.all_posts() == kept


def _months(day: date) -> int:
    return day.year * 12 + day.month


def test_this_and_following_cannot_move_onto_an_earlier_occurrence(
    store: CalendarStore,
) -> None:
    """Moved back onto the day of an occurrence that stays, the second part of the
    series would put two posts on one day: refused, and nothing moves."""
    channel = store.add_channel("Blog").created[0]
    _, posts = _add_series(
        store,
        NewPost("Monthly", channel, date=date(2025, 1, 1), status=PostStatus.SCHEDULED),
        "FREQ=MONTHLY;COUNT=7",
    )
    with pytest.raises(InvalidInput, match="cannot start on Wednesday 1 January 2025: an earlier"):
        store.update_occurrences(posts[1].id, {"date": date(2025, 1, 1)}, "following")
    assert store.all_posts() == posts
    # Short of it, they move.
    store.update_occurrences(posts[1].id, {"date": date(2025, 1, 2)}, "following")
    assert [p.date for p in store.all_posts()][:3] == [
        date(2025, 1, 1),
        date(2025, 1, 2),
        date(2025, 2, 2),
    ]


def test_update_following_on_the_first_occurrence_does_not_split(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly

    changes = store.update_occurrences(posts[0].id, {"date": date(2025, 3, 11)}, "following")

    assert changes.series == frozenset({series_id})
    assert store.series(series_id).rrule == "FREQ=WEEKLY;BYDAY=TU;COUNT=6"
    assert [p.date for p in store.series_posts(series_id)] == _weeks(date(2025, 3, 11), 6)


def test_a_part_split_off_cannot_move_onto_the_earlier_parts_posts(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """Split off to Tuesdays, then moved back to Monday the 17th "this and following":
    it was taken, and the 17th held the letter twice (a split-off part no longer saw
    the earlier one)."""
    series_id, posts = weekly
    changes = store.update_occurrences(posts[2].id, {"date": date(2025, 3, 25)}, "following")
    (tail_id,) = changes.series - {series_id}
    before = store.all_posts()
    with pytest.raises(InvalidInput, match="Monday 17 March 2025 has 'Weekly letter' already"):
        store.update_occurrences(posts[2].id, {"date": date(2025, 3, 17)}, "following")
    with pytest.raises(
        InvalidInput, match=r"a post like them \(the same title on the same channel\)"
    ):
        store.update_occurrences(posts[3].id, {"date": date(2025, 3, 24)}, "all")
    assert store.all_posts() == before
    # Onto days of its own, or where no part is, it moves as before.
    store.update_occurrences(posts[2].id, {"date": date(2025, 3, 26)}, "all")
    assert [p.date for p in store.series_posts(tail_id)][:1] == [date(2025, 3, 26)]


def test_another_series_of_the_channel_and_message_is_no_part_of_this_one(
    store: CalendarStore, weekly: tuple[int, list[Post]], channel: int, message: int
) -> None:
    """A monthly letter at 07:00 on the same channel, carrying the same key message:
    the weekly one moved "all" onto its day was refused as "another part of the
    series", advice that could not be followed."""
    series_id, posts = weekly
    monthly = replace(_template(channel, message, date(2025, 3, 14), time(7, 0)), title="Monthly")
    _add_series(store, monthly, "FREQ=MONTHLY;COUNT=3")
    store.update_occurrences(posts[0].id, {"date": date(2025, 3, 14)}, "all")
    assert [p.date for p in store.series_posts(series_id)] == _weeks(date(2025, 3, 14), 6)


def test_a_series_of_the_title_on_another_channel_is_no_part_of_this_one(
    store: CalendarStore, weekly: tuple[int, list[Post]], add_channel: Adder, message: int
) -> None:
    """The newsletter's "Weekly letter" moved "all" onto the days LinkedIn's series of
    that title goes out was refused as "another part of the series"; a series like it
    on its own channel is still said to be there, and why."""
    series_id, posts = weekly
    linkedin = add_channel("LinkedIn")
    _add_series(store, _template(linkedin, message, date(2025, 3, 13)), "FREQ=WEEKLY;COUNT=3")
    store.update_occurrences(posts[0].id, {"date": date(2025, 3, 13)}, "all")
    assert [p.date for p in store.series_posts(series_id)] == _weeks(date(2025, 3, 13), 6)
    retitled = replace(_template(posts[0].channel_id, message, date(2025, 3, 14)), title="Quote")
    _add_series(store, retitled, "FREQ=WEEKLY;COUNT=3")
    with pytest.raises(
        InvalidInput,
        match=r"Friday 14 March 2025 has 'Quote' already, a post like them \(the same channel,"
        r" key messages and time\), which would be there twice",
    ):
        store.update_occurrences(posts[0].id, {"date": date(2025, 3, 14)}, "all")


@pytest.mark.parametrize(("scope", "published"), [("all", [0, 1, 2]), ("following", [1, 2])])
def test_published_for_a_series_is_given_to_the_posts_gone_out_alone(
    store: CalendarStore, channel: int, message: int, scope: Scope, published: list[int]
) -> None:
    """ "Published" for all made the posts of the weeks ahead count as delivered (then
    the next step for all left them out of the series as gone out)."""
    first = store.today() - timedelta(days=15)  # three weeks gone, three ahead
    series_id, posts = _add_series(store, _template(channel, message, first), "FREQ=WEEKLY;COUNT=6")
    chosen = posts[1]
    changing = store.occurrences_changing(chosen.id, {"status": PostStatus.PUBLISHED}, scope)
    assert [posts.index(p) for p in changing] == published
    store.update_occurrences(chosen.id, {"status": PostStatus.PUBLISHED}, scope)
    after = sorted(store.all_posts(), key=lambda p: (p.date, p.id))
    assert [p.id for p in after] == [p.id for p in posts]
    assert None not in {p.series_id for p in after}  # none left its series as gone out
    assert store.series_posts(series_id)[0] == after[0]
    assert [i for i, p in enumerate(after) if p.status == PostStatus.PUBLISHED] == published
    assert {after[i].status for i in range(3, 6)} == {PostStatus.SCHEDULED}


def test_time_change_for_all(store: CalendarStore, weekly: tuple[int, list[Post]]) -> None:
    series_id, posts = weekly

    store.update_occurrences(posts[4].id, {"time": time(17, 30), "title": "Evening letter"}, "all")

    after = store.series_posts(series_id)
    assert [(p.date, p.time, p.title) for p in after] == [
        (d, time(17, 30), "Evening letter") for d in _weeks(MON, 6)
    ]
    assert [p.revision for p in after] == [2] * 6
    assert store.series(series_id).anchor_time == time(17, 30)
    assert store.series(series_id).rrule == "FREQ=WEEKLY;BYDAY=MO;COUNT=6"


def test_time_change_for_following_keeps_the_earlier_part(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly

    changes = store.update_occurrences(posts[2].id, {"time": time(8, 0)}, "following")

    (new_id,) = changes.series - {series_id}
    assert store.series_posts(series_id) == posts[:2]
    assert store.series(series_id).anchor_time == NINE
    assert [(p.date, p.time) for p in store.series_posts(new_id)] == [
        (d, time(8, 0)) for d in _weeks(date(2025, 3, 24), 4)
    ]
    assert store.series(new_id) == Series(
        new_id, "FREQ=WEEKLY;BYDAY=MO;COUNT=4", date(2025, 3, 24), time(8, 0), ()
    )


def test_every_other_week_series_moved_across_a_week_start(
    store: CalendarStore, channel: int, message: int
) -> None:
    series_id, posts = _add_series(
        store, _template(channel, message), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=6"
    )
    assert [p.date for p in posts] == [
        date(2025, 3, 10),
        date(2025, 3, 13),
        date(2025, 3, 24),
        date(2025, 3, 27),
        date(2025, 4, 7),
        date(2025, 4, 10),
    ]

    # Five days later: Mondays become Saturdays, Thursdays the next week's Tuesdays.
    store.update_occurrences(posts[0].id, {"date": date(2025, 3, 15)}, "all")

    moved = store.series_posts(series_id)
    assert [p.date for p in moved] == [
        date(2025, 3, 15),
        date(2025, 3, 18),
        date(2025, 3, 29),
        date(2025, 4, 1),
        date(2025, 4, 12),
        date(2025, 4, 15),
    ]
    assert store.series(series_id).rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,TU;COUNT=6;WKST=SA"
    _assert_rule_describes_posts(store, series_id)
    # The rule still counts right when the series is later split.
    changes = store.update_occurrences(moved[3].id, {"time": time(10, 0)}, "following")
    (new_id,) = changes.series - {series_id}
    _assert_rule_describes_posts(store, series_id)
    _assert_rule_describes_posts(store, new_id)


def test_failing_series_edit_leaves_the_series_whole(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    series_before = store.series(series_id)

    with pytest.raises(InvalidInput, match=re.escape("A post needs a title.")):
        store.update_occurrences(
            posts[3].id, {"date": date(2025, 4, 1), "title": "  "}, "following"
        )

    assert store.series(series_id) == series_before
    assert store.series_posts(series_id) == posts
    assert store.db.execute("SELECT count(*) FROM series").fetchone()[0] == 1


def test_series_cannot_go_to_the_backlog_as_a_whole(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly

    with pytest.raises(InvalidInput, match=re.escape("Only one occurrence at a time")):
        store.update_occurrences(posts[1].id, {"date": None}, "following")

    assert store.series_posts(series_id) == posts
    assert store.db.execute("SELECT count(*) FROM series").fetchone()[0] == 1


def test_delete_this_occurrence_records_an_exdate(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly

    changes = store.delete_occurrences(posts[2].id, "this")

    assert changes.removed_posts == frozenset({posts[2].id})
    assert changes.dates == frozenset({date(2025, 3, 24)})
    assert store.series(series_id).exdates == (date(2025, 3, 24),)
    assert store.series_posts(series_id) == posts[:2] + posts[3:]
    _assert_rule_describes_posts(store, series_id)


def test_posts_deleted_each_on_its_own_leave_their_series_as_one_by_one(
    store: CalendarStore, weekly: tuple[int, list[Post]], channel: int, message: int
) -> None:
    """Delete on a selection: each series read once (a month's selection read a
    thousand-post series for each of its posts), ending as each occurrence deleted
    alone: an exception date for each, a series gone with its last post."""
    series_id, posts = weekly
    short_id, short = _add_series(
        store, _template(channel, message, date(2025, 5, 1)), "FREQ=DAILY;COUNT=2"
    )
    (single,) = store.add_post(_template(channel, message, date(2025, 6, 1))).created
    chosen = [posts[1].id, posts[4].id, *(p.id for p in short), single]

    changes = store.delete_each(chosen)

    assert changes.removed_posts == frozenset(chosen)
    assert changes.series == frozenset({series_id, short_id})
    assert store.series(series_id).exdates == (date(2025, 3, 17), date(2025, 4, 7))
    assert store.series_posts(series_id) == [posts[0], *posts[2:4], posts[5]]
    _assert_rule_describes_posts(store, series_id)
    with pytest.raises(NotFound):
        store.series(short_id)
    assert store.count_posts() == 4


def test_delete_following_ends_the_series_earlier(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly

    changes = store.delete_occurrences(posts[3].id, "following")

    assert changes.removed_posts == frozenset(p.id for p in posts[3:])
    assert store.series(series_id).rrule == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20250330"
    assert store.series_posts(series_id) == posts[:3]
    assert store.count_posts() == 3
    _assert_rule_describes_posts(store, series_id)


@pytest.mark.parametrize(("index", "scope"), [(2, "all"), (0, "following")])
def test_delete_all_removes_the_series(
    store: CalendarStore, weekly: tuple[int, list[Post]], index: int, scope: Scope
) -> None:
    series_id, posts = weekly

    changes = store.delete_occurrences(posts[index].id, scope)

    assert changes.removed_posts == frozenset(p.id for p in posts)
    assert changes.series == frozenset({series_id})
    assert store.count_posts() == 0
    with pytest.raises(NotFound, match=f"There is no recurring series number {series_id}."):
        store.series(series_id)


def test_undo_of_a_split_restores_everything_exactly(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    store.delete_occurrences(posts[4].id, "this")  # an exdate that the split carries over
    series_before = store.series(series_id)
    posts_before = store.series_posts(series_id)

    changes = store.update_occurrences(
        posts[2].id, {"date": date(2025, 3, 25), "time": time(10, 0)}, "following"
    )
    (new_id,) = changes.series - {series_id}
    assert store.series(new_id).exdates == (date(2025, 4, 8),)
    _assert_rule_describes_posts(store, new_id)

    undone = store.restore_series([series_before], drop=[new_id])
    store.restore_posts(posts_before)

    assert undone.series == frozenset({series_id, new_id})
    assert store.series(series_id) == series_before
    assert store.series_posts(series_id) == posts_before
    with pytest.raises(NotFound):
        store.series(new_id)


def test_undo_of_deleting_the_following_occurrences(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    series_before = store.series(series_id)

    store.delete_occurrences(posts[2].id, "following")
    store.restore_series([series_before])
    store.restore_posts(posts[2:])

    assert store.series(series_id) == series_before
    assert store.series_posts(series_id) == posts
    _assert_rule_describes_posts(store, series_id)


def test_undo_of_deleting_a_whole_series(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    series_before = store.series(series_id)

    store.delete_occurrences(posts[0].id, "all")
    store.restore_series([series_before])
    store.restore_posts(posts)

    assert store.series(series_id) == series_before
    assert store.series_posts(series_id) == posts


# -- changing a series' repeat ----------------------------------------------------


def test_a_longer_repeat_from_the_first_post_keeps_every_post_and_adds_copies(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly

    changes = store.change_repeat(posts[0].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=10")

    after = store.series_posts(series_id)
    assert after[:6] == posts
    assert [p.date for p in after] == _weeks(MON, 10)
    assert {(p.title, p.time, p.message_ids) for p in after[6:]} == {
        (posts[0].title, NINE, posts[0].message_ids)
    }
    assert list(changes.created) == [p.id for p in after[6:]]
    assert changes.series == frozenset({series_id})
    assert store.series(series_id) == Series(
        series_id, "FREQ=WEEKLY;BYDAY=MO;COUNT=10", MON, NINE, ()
    )
    _assert_rule_describes_posts(store, series_id)


def test_a_new_repeat_from_a_later_post_leaves_the_earlier_ones_their_rule(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    store.update_post(posts[4].id, {"title": "Easter letter"})  # edited on its own

    changes = store.change_repeat(posts[2].id, "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20250417")

    (tail_id,) = changes.series - {series_id}
    assert store.series_posts(series_id) == posts[:2]
    assert store.series(series_id).rrule == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20250323"
    tail = store.series_posts(tail_id)
    # The views hear of every post now in the new series, those kept too.
    assert {p.id for p in tail} <= changes.posts
    mondays = _weeks(date(2025, 3, 24), 4)
    thursdays = _weeks(date(2025, 3, 27), 4)
    assert [p.date for p in tail] == sorted(mondays + thursdays)
    assert [p.id for p in tail if p.date in mondays] == [p.id for p in posts[2:]]
    assert store.post(posts[4].id).title == "Easter letter"
    assert store.series(tail_id) == Series(
        tail_id, "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20250417", date(2025, 3, 24), NINE, ()
    )
    _assert_rule_describes_posts(store, series_id)
    _assert_rule_describes_posts(store, tail_id)


def test_a_shorter_repeat_deletes_the_posts_it_no_longer_makes_but_keeps_what_went_out(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    store.update_post(posts[3].id, {"status": PostStatus.PUBLISHED})
    store.move_posts({posts[4].id: (None, None)})  # an occurrence in the backlog

    plan = store.repeat_plan(posts[1].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=2")
    assert [p.id for p in plan.removed] == [posts[5].id]
    assert [p.id for p in plan.detached] == [posts[3].id, posts[4].id]
    assert plan.new_days == ()
    changes = store.change_repeat(posts[1].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=2")

    assert changes.removed_posts == frozenset({posts[5].id})
    assert store.find_post(posts[5].uid) is None
    assert posts[5].uid in store.deleted([posts[5].uid])  # an older file won't bring it back
    kept = sorted(store.posts([posts[3].id, posts[4].id]), key=lambda p: p.id)
    assert [(p.series_id, p.occurrence) for p in kept] == [(None, None), (None, None)]
    assert [(p.date, p.status) for p in kept] == [
        (posts[3].date, PostStatus.PUBLISHED),
        (None, PostStatus.DRAFT),
    ]
    (tail_id,) = changes.series - {series_id}
    assert store.series_posts(series_id) == posts[:1]
    assert [p.id for p in store.series_posts(tail_id)] == [posts[1].id, posts[2].id]
    assert store.series(tail_id).rrule == "FREQ=WEEKLY;BYDAY=MO;COUNT=2"
    _assert_rule_describes_posts(store, series_id)
    _assert_rule_describes_posts(store, tail_id)


def test_a_day_deleted_on_its_own_stays_deleted_in_a_longer_repeat(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    store.delete_occurrences(posts[3].id, "this")

    store.change_repeat(posts[0].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=8")

    assert [p.date for p in store.series_posts(series_id)] == [
        d for d in _weeks(MON, 8) if d != posts[3].date
    ]
    assert store.series(series_id).exdates == (posts[3].date,)
    _assert_rule_describes_posts(store, series_id)


def test_a_changed_repeat_copies_the_edited_post_and_a_published_one_as_drafts(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    store.update_post(posts[5].id, {"status": PostStatus.PUBLISHED})

    changes = store.change_repeat(
        posts[5].id,
        "FREQ=WEEKLY;BYDAY=MO;COUNT=3",
        edit={"title": "Spring letter"},
        scope="following",
    )

    (tail_id,) = changes.series - {series_id}
    tail = store.series_posts(tail_id)
    assert [(p.title, p.status) for p in tail] == [
        ("Spring letter", PostStatus.PUBLISHED),
        ("Spring letter", PostStatus.DRAFT),
        ("Spring letter", PostStatus.DRAFT),
    ]
    assert [p.title for p in store.series_posts(series_id)] == ["Weekly letter"] * 5


def test_a_changed_repeat_rewords_the_following_posts_it_keeps(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """Thursdays added and the title reworded for this and the following posts: this
    post and the new Thursdays had the new title, the Mondays kept after it the old one,
    in one series. For all of them, the earlier ones too."""
    series_id, posts = weekly
    changes = store.change_repeat(
        posts[2].id,
        "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8",
        edit={"title": "Tip of the week", "time": time(10, 0)},
        scope="following",
    )
    (tail_id,) = changes.series - {series_id}
    tail = store.series_posts(tail_id)
    assert {p.id for p in posts[3:]} <= {p.id for p in tail}  # the Mondays kept
    assert {(p.title, p.time) for p in tail} == {("Tip of the week", time(10, 0))}
    assert [p.date for p in tail if p.id in {q.id for q in posts[3:]}] == [
        p.date for p in posts[3:]
    ]
    assert [p.title for p in store.series_posts(series_id)] == ["Weekly letter"] * 2
    _assert_rule_describes_posts(store, tail_id)

    changes = store.change_repeat(
        posts[3].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=2", edit={"body": "Short"}, scope="all"
    )
    assert tail_id in changes.series
    assert len(changes.series) == 2
    now = [p for s in changes.series for p in store.series_posts(s)]
    assert {p.id for p in tail[:2]} <= {p.id for p in now}  # the earlier ones...
    assert {p.body for p in now} == {"Short"}  # ...reworded too


def test_a_changed_repeat_starts_on_a_moved_posts_day_in_its_series(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """Monday 24 March moved on its own to Wednesday 26: "every Monday" from it on is
    its series' Mondays (it was refused, and adding Wednesday put a copy in every week)."""
    series_id, posts = weekly
    store.move_posts({posts[2].id: (date(2025, 3, 26), NINE)})

    with pytest.raises(InvalidInput, match="the post's day in its series"):
        store.change_repeat(posts[2].id, "FREQ=WEEKLY;BYDAY=WE;COUNT=3")
    changes = store.change_repeat(posts[2].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=6")

    (tail_id,) = changes.series - {series_id}
    tail = store.series_posts(tail_id)
    assert [p.id for p in tail[:4]] == [p.id for p in posts[2:]]
    moved = store.post(posts[2].id)
    assert (moved.date, moved.occurrence) == (date(2025, 3, 26), date(2025, 3, 24))  # still moved
    assert [p.date for p in tail[1:]] == _weeks(date(2025, 3, 31), 5)
    assert store.series(tail_id).anchor == date(2025, 3, 24)
    _assert_rule_describes_posts(store, tail_id)


@pytest.mark.parametrize("start", [2, 1])
def test_a_post_moved_on_its_own_keeps_its_place_and_no_copy_lands_beside_it(
    store: CalendarStore, weekly: tuple[int, list[Post]], start: int
) -> None:
    """Monday 24 March moved to Wednesday 26; Mondays and Wednesdays from then on: it
    stays the 24th's post, where it was moved, and the 26th gets no copy beside it."""
    series_id, posts = weekly
    store.move_posts({posts[2].id: (date(2025, 3, 26), NINE)})

    plan = store.repeat_plan(posts[start].id, "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6")
    assert date(2025, 3, 26) not in plan.new_days
    assert date(2025, 3, 26) in plan.exdates
    changes = store.change_repeat(posts[start].id, "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6")

    (tail_id,) = changes.series - {series_id}
    tail = store.series_posts(tail_id)
    days = [p.date for p in tail]
    assert len(days) == len(set(days))  # one post a day
    moved = store.post(posts[2].id)
    assert (moved.date, moved.occurrence) == (date(2025, 3, 26), date(2025, 3, 24))
    _assert_rule_describes_posts(store, tail_id)


def test_a_repeat_ended_sooner_keeps_a_post_moved_on_its_own_within_it(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """14 April's post retitled and moved on its own to Wednesday 19 March; the series
    then ended on 31 March from the 17th: the post moved by hand was deleted with those
    after the end (its day in the series, the 14th, no longer made)."""
    series_id, posts = weekly
    store.update_post(posts[5].id, {"title": "Tip: the Lyon factory"})
    store.move_posts({posts[5].id: (date(2025, 3, 19), NINE)})
    store.move_posts({posts[4].id: (date(2025, 4, 9), NINE)})  # moved, but past the end
    rule = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20250331"

    plan = store.repeat_plan(posts[1].id, rule)
    assert [p.id for p in plan.detached] == [posts[5].id]
    assert [p.id for p in plan.removed] == [posts[4].id]
    store.change_repeat(posts[1].id, rule)

    kept = store.post(posts[5].id)
    assert (kept.title, kept.date, kept.series_id) == (
        "Tip: the Lyon factory",
        date(2025, 3, 19),
        None,
    )
    assert posts[4].id not in {p.id for p in store.all_posts()}
    _assert_rule_describes_posts(store, series_id)


def test_a_post_moved_onto_another_posts_day_takes_nothing_from_it(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """The 17th's post moved onto the 24th: the same repeat again deleted the 24th's own
    post, its edited text with it."""
    series_id, posts = weekly
    store.move_posts({posts[1].id: (date(2025, 3, 24), NINE)})
    store.update_post(posts[2].id, {"body": "Edited on its own"})
    before = {p.id for p in store.all_posts()}

    plan = store.repeat_plan(posts[0].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=6")
    assert (plan.removed, plan.detached, plan.new_days) == ((), (), ())
    store.change_repeat(posts[0].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=6")

    assert {p.id for p in store.all_posts()} == before
    assert store.post(posts[2].id).body == "Edited on its own"
    _assert_rule_describes_posts(store, series_id)


def test_a_post_whose_day_the_repeat_drops_is_the_post_of_the_day_it_was_moved_to(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """Monday 24 moved on its own to Wednesday 26; every third day from the 17th makes
    the 26th, not the 24th: it is the 26th's post (it was deleted, a copy made there)."""
    series_id, posts = weekly
    store.move_posts({posts[2].id: (date(2025, 3, 26), NINE)})

    plan = store.repeat_plan(posts[1].id, "FREQ=DAILY;INTERVAL=3;COUNT=5")
    assert plan.relinked == ((posts[2].id, date(2025, 3, 26)),)
    assert plan.new_days == (date(2025, 3, 20), date(2025, 3, 23), date(2025, 3, 29))
    changes = store.change_repeat(posts[1].id, "FREQ=DAILY;INTERVAL=3;COUNT=5")

    (tail_id,) = changes.series - {series_id}
    moved = store.post(posts[2].id)
    assert (moved.date, moved.occurrence, moved.series_id) == (
        date(2025, 3, 26),
        date(2025, 3, 26),
        tail_id,
    )
    _assert_rule_describes_posts(store, tail_id)


def test_an_earlier_part_made_longer_adds_no_second_post_where_a_later_part_has_one(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    # The later part retitled as it was made (its copies too), one of its posts moved.
    changes = store.change_repeat(
        posts[2].id, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8", edit={"title": "Spring letter"}
    )
    store.move_posts({posts[3].id: (date(2025, 4, 1), NINE)})  # Monday 31 March, to Tuesday
    assert changes.series
    before = {p.id for p in store.all_posts()}

    plan = store.repeat_plan(posts[0].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=6")
    assert plan.new_days == ()
    store.change_repeat(posts[0].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=6")

    assert {p.id for p in store.all_posts()} == before
    per_day = Counter(p.date for p in store.all_posts())
    assert max(per_day.values()) == 1
    assert date(2025, 3, 31) not in per_day  # the moved post's day stays its own
    _assert_rule_describes_posts(store, series_id)


def test_an_edit_saved_with_a_changed_repeat_for_this_one_is_this_posts_alone(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """Marked published while the series is made longer: the later posts, still to go
    out, stay scheduled (they went out of the publishing tools' files); "This one"
    reworded, the copies are of the post as it was (the series read new, old, old, new)."""
    series_id, posts = weekly
    changes = store.change_repeat(
        posts[3].id,
        "FREQ=WEEKLY;BYDAY=MO;COUNT=4",
        edit={"status": PostStatus.PUBLISHED, "title": "Spring letter"},
    )
    (tail_id,) = changes.series - {series_id}
    tail = store.series_posts(tail_id)
    assert [(p.title, p.status) for p in tail] == [
        ("Spring letter", PostStatus.PUBLISHED),
        ("Weekly letter", PostStatus.SCHEDULED),
        ("Weekly letter", PostStatus.SCHEDULED),
        ("Weekly letter", PostStatus.SCHEDULED),  # a copy of it as it was
    ]


def test_a_changed_repeat_must_give_the_posts_own_day(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    series_id, posts = weekly
    series = store.series(series_id)
    with pytest.raises(InvalidInput, match="must include the post's own day, Monday 24 March"):
        store.change_repeat(posts[2].id, "FREQ=WEEKLY;BYDAY=TU;COUNT=3", edit={"title": "New"})
    alone = store.add_post(_template(posts[0].channel_id, posts[0].message_ids[0]))
    with pytest.raises(InvalidInput, match="does not repeat"):
        store.change_repeat(alone.created[0], "FREQ=DAILY;COUNT=2")
    assert store.series(series_id) == series
    assert store.series_posts(series_id) == posts  # the edit went with the refusal


@settings(max_examples=60, deadline=None, database=None)
@given(
    before=st.sets(st.sampled_from(_WEEKDAY_CODES), min_size=1, max_size=3),
    count=st.integers(min_value=2, max_value=12),  # (a rule of one day makes no series)
    cut=st.integers(min_value=0, max_value=11),
    deleted=st.sets(st.integers(min_value=0, max_value=11), max_size=3),
    after=st.sets(st.sampled_from(_WEEKDAY_CODES), max_size=3),
    again=st.integers(min_value=1, max_value=12),
)
def test_a_changed_repeat_leaves_series_that_their_rules_describe(
    before: set[str], count: int, cut: int, deleted: set[int], after: set[str], again: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = CalendarStore.create(Path(folder) / "p.cadence", timezone="Europe/Paris")
        with store:
            channel = store.add_channel("Blog").created[0]
            message = store.add_key_message("We listen").created[0]
            days = ",".join(sorted(before, key=_WEEKDAY_CODES.index))
            series_id, posts = _add_series(
                store,
                _template(channel, message, date(2025, 3, 3)),
                f"FREQ=WEEKLY;BYDAY={days};COUNT={count}",
            )
            cut = min(cut, len(posts) - 1)
            for index in sorted(deleted - {cut}):
                if index < len(posts):
                    store.delete_occurrences(posts[index].id, "this")
            post = posts[cut]
            assert post.date is not None
            weekdays = after | {_WEEKDAY_CODES[post.date.weekday()]}
            rule = "FREQ=WEEKLY;BYDAY={};COUNT={}".format(
                ",".join(sorted(weekdays, key=_WEEKDAY_CODES.index)), again
            )
            earlier = [p for p in store.series_posts(series_id) if _occ_of(p) < post.date]
            plan = store.repeat_plan(post.id, rule)

            changes = store.change_repeat(post.id, rule)

            tail_id = max(changes.series)
            for made in changes.series:
                _assert_rule_describes_posts(store, made)
            if earlier:
                assert store.series_posts(series_id) == earlier
            tail = store.series_posts(tail_id)
            assert [p.date for p in tail] == [d for d in plan.days if d not in plan.exdates]
            # A day deleted on its own stays deleted; no other day is left out.
            gone = {posts[i].date for i in deleted - {cut} if i < len(posts)}
            assert set(plan.exdates) == gone & set(plan.days)
            # Every post that was there is in a series, or gone as the plan said.
            living = {p.id for p in posts if p.date not in gone}
            in_series = {p.id for p in earlier} | {p.id for p in tail}
            assert living - in_series == {p.id for p in plan.removed}
            assert not plan.detached  # none was published or in the backlog


def _occ_of(post: Post) -> date:
    assert post.occurrence is not None
    return post.occurrence


# -- wall-clock times across daylight saving --------------------------------------


def _utc_hours(posts: list[Post], zone: ZoneInfo) -> list[tuple[date, int]]:
    hours = []
    for post in posts:
        assert post.date is not None
        assert post.time is not None
        local = datetime.combine(post.date, post.time, tzinfo=zone)
        hours.append((post.date, local.astimezone(UTC).hour))
    return hours


def test_weekly_nine_oclock_stays_nine_across_the_october_change(
    store: CalendarStore, channel: int, message: int
) -> None:
    # Summer time in Paris ends on Sunday 2025-10-26 at 03:00 (back to 02:00).
    _, posts = _add_series(
        store, _template(channel, message, date(2025, 10, 12)), "FREQ=WEEKLY;BYDAY=SU;COUNT=4"
    )
    zone = store.zone

    assert [(p.date, p.time) for p in posts] == [(d, NINE) for d in _weeks(date(2025, 10, 12), 4)]
    assert _utc_hours(posts, zone) == [
        (date(2025, 10, 12), 7),
        (date(2025, 10, 19), 7),
        (date(2025, 10, 26), 8),
        (date(2025, 11, 2), 8),
    ]

    # Moving the series by a week keeps the wall-clock time too.
    store.update_occurrences(posts[0].id, {"date": date(2025, 10, 19)}, "all")
    moved = store.series_posts(posts[0].series_id or 0)
    assert {p.time for p in moved} == {NINE}
    assert _utc_hours(moved, zone) == [
        (date(2025, 10, 19), 7),
        (date(2025, 10, 26), 8),
        (date(2025, 11, 2), 8),
        (date(2025, 11, 9), 8),
    ]
    with CalendarStore.open(store.path) as again:
        assert [(p.date, p.time) for p in again.series_posts(posts[0].series_id or 0)] == [
            (d, NINE) for d in _weeks(date(2025, 10, 19), 4)
        ]


@pytest.mark.parametrize("scope", ["all", "following"])
def test_an_occurrence_in_the_backlog_stays_there_when_the_others_move(
    store: CalendarStore, channel: int, message: int, scope: Scope
) -> None:
    """It went to the backlog alone; moving or retiming the others leaves it there, with
    no time (the move was refused: "A post without a date cannot have a time")."""
    _, posts = _add_series(store, _template(channel, message, MON), "FREQ=WEEKLY;BYDAY=MO;COUNT=4")
    store.move_posts({posts[3].id: (None, None)})
    store.update_occurrences(
        posts[1].id, {"date": MON + timedelta(days=8), "time": time(10, 30)}, scope
    )
    after = {p.id: store.post(p.id) for p in posts}
    assert (after[posts[3].id].date, after[posts[3].id].time) == (None, None)
    assert after[posts[1].id].date == MON + timedelta(days=8)
    assert after[posts[2].id].date == MON + timedelta(days=15)
    assert {after[p.id].time for p in posts[1:3]} == {time(10, 30)}


@pytest.mark.parametrize("scope", ["following", "all"])
def test_an_occurrence_in_the_backlog_takes_no_time_nor_a_status_needing_a_day(
    store: CalendarStore, weekly: tuple[int, list[Post]], scope: Scope
) -> None:
    """A repeat changed with a new time for the following posts was refused ("A post
    without a date cannot have a time") for one of them in the backlog; "Scheduled"
    for all of them made it an undated scheduled post."""
    _series_id, posts = weekly
    store.update_post(posts[4].id, {"date": None, "time": None, "status": PostStatus.DRAFT})
    store.change_repeat(
        posts[1].id, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10", edit={"time": time(11, 0)}, scope=scope
    )
    parked = store.post(posts[4].id)
    assert (parked.date, parked.time) == (None, None)
    store.update_occurrences(posts[1].id, {"status": PostStatus.PUBLISHED}, scope)
    assert store.post(posts[4].id).status == PostStatus.DRAFT
    assert store.post(posts[1].id).status == PostStatus.PUBLISHED


@pytest.mark.parametrize("scope", ["following", "all"])
def test_an_occurrence_in_the_backlog_leaves_its_series_when_the_others_go_or_change(
    store: CalendarStore, weekly: tuple[int, list[Post]], scope: Scope
) -> None:
    """It went to the backlog alone, an idea to use again: "All" deleted it unsaid with
    the others, and "Cancelled" for all cancelled it. It stays, a post of its own, its
    old day no longer the series' (the rule keeps describing the posts there are)."""
    series_id, posts = weekly
    store.move_posts({posts[4].id: (None, None)})
    parked = store.post(posts[4].id)
    assert parked.series_id == series_id
    cancelling = store.occurrences_changing(posts[1].id, {"status": PostStatus.CANCELLED}, scope)
    assert parked.id not in {p.id for p in cancelling}
    store.update_occurrences(posts[1].id, {"status": PostStatus.CANCELLED}, scope)
    kept = store.post(parked.id)
    assert (kept.status, kept.series_id, kept.date) == (parked.status, None, None)
    tail = store.post(posts[1].id).series_id  # ("following" split the series there)
    assert tail is not None
    assert posts[4].date in store.series(tail).exdates
    # Deleted with the rest: it stays.
    store.move_posts({posts[5].id: (None, None)})
    store.delete_occurrences(posts[1].id, scope)
    assert store.post(posts[5].id).series_id is None
    assert [p.id for p in store.posts([parked.id, posts[5].id])] == [parked.id, posts[5].id]
    assert not store.posts([p.id for p in posts[1:4]])
    assert [p.id for p in store.posts([posts[0].id])] == (
        [posts[0].id] if scope == "following" else []
    )


@pytest.mark.parametrize("scope", ["following", "all"])
def test_a_repeat_changed_with_an_edit_leaves_an_occurrence_in_the_backlog_alone(
    store: CalendarStore, weekly: tuple[int, list[Post]], scope: Scope
) -> None:
    """Change… with a new title for all: the post sent to the backlog was retitled and
    kept in the series, where a plain edit of all leaves it a post of its own."""
    _series_id, posts = weekly
    store.move_posts({posts[4].id: (None, None)})
    store.change_repeat(
        posts[1].id, "FREQ=WEEKLY;BYDAY=MO;COUNT=8", edit={"title": "Renamed"}, scope=scope
    )
    parked = store.post(posts[4].id)
    assert (parked.title, parked.series_id, parked.date) == (posts[4].title, None, None)
    assert store.post(posts[5].id).title == "Renamed"
    # No copy on its day: it is that day's post, in the backlog.
    assert posts[4].date not in {p.date for p in store.all_posts() if p.title == "Renamed"}


@pytest.mark.parametrize("part", ["COUNT", "INTERVAL"])
def test_a_count_or_step_of_thousands_of_digits_is_refused_in_a_sentence(part: str) -> None:
    """Python reads no number of over 4300 digits: it reached "a bug in Cadence"."""
    rule = f"FREQ=DAILY;{part}={'9' * 4400}" + (";COUNT=2" if part == "INTERVAL" else "")
    with pytest.raises(InvalidInput, match=f"{part} in the repeat rule is far larger"):
        recurrence.normalise(rule)


def test_a_step_past_the_year_9999_is_refused_as_past_the_calendars_years() -> None:
    """A daily step of 10^20 days with COUNT=2 saved one post without a word, when a
    yearly step of 500 was refused as running past 2999."""
    past = "The repeat runs past 2999"
    with pytest.raises(InvalidInput, match=past):
        recurrence.occurrences("FREQ=DAILY;INTERVAL=999999999;COUNT=2", date(2026, 12, 1))
    with pytest.raises(InvalidInput, match=past):
        recurrence.occurrences("FREQ=YEARLY;INTERVAL=8000;COUNT=2", date(2026, 12, 1))
    assert recurrence.normalise("FREQ=DAILY;INTERVAL=02;COUNT=0003") == (
        "FREQ=DAILY;INTERVAL=2;COUNT=3"
    )
    # A rule that gives no day at all is said so, not to run past (it never starts),
    # at once: the rule library looked for a day up to the year 9999, seconds a rule.
    for never in (
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2",
        "FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31",
    ):
        with pytest.raises(InvalidInput, match="falls on no day that exists"):
            recurrence.occurrences(never, date(2026, 1, 1))
    assert recurrence.occurrences(
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2", date(2026, 1, 1)
    ) == [
        date(2028, 2, 29),
        date(2032, 2, 29),
    ]


@pytest.mark.parametrize("part", ["BYMONTHDAY", "BYSETPOS", "UNTIL", "FREQ", "X"])
def test_a_rule_of_thousands_of_characters_is_quoted_short(part: str) -> None:
    """It was said back whole: an error line of five to ten thousand characters."""
    with pytest.raises(InvalidInput) as refused:
        recurrence.normalise(
            f"FREQ=DAILY;{part}={'9' * 5000}" if part != "FREQ" else "FREQ=" + "9" * 5000
        )
    assert len(str(refused.value)) < 250


def test_an_until_past_the_last_year_planned_is_a_rule_without_end() -> None:
    """As an .ics import reads it: typed on the command line, it made a thousand posts."""
    assert recurrence.normalise("FREQ=WEEKLY;UNTIL=99991231") == "FREQ=WEEKLY"
    assert recurrence.normalise("FREQ=WEEKLY;UNTIL=29991231") == "FREQ=WEEKLY;UNTIL=29991231"
    assert (
        len(recurrence.occurrences("FREQ=WEEKLY;UNTIL=99991231T235959Z", date(2026, 12, 1))) == 53
    )


@pytest.mark.parametrize(
    "rule", ["FREQ=MONTHLY;BYDAY=10MO", "FREQ=YEARLY;BYDAY=54MO", "FREQ=WEEKLY;BYDAY=2TU"]
)
def test_a_weekday_rank_a_month_or_year_has_not_is_said(rule: str) -> None:
    """The rule library failed inside on a monthly BYDAY=10MO: a bug's sentence."""
    with pytest.raises(InvalidInput, match="asks for a weekday's rank a"):
        recurrence.normalise(rule)
    assert recurrence.normalise("FREQ=MONTHLY;BYDAY=-1FR") == "FREQ=MONTHLY;BYDAY=-1FR"
    assert recurrence.normalise("FREQ=YEARLY;BYDAY=53MO") == "FREQ=YEARLY;BYDAY=53MO"


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 in the repeat rule names nothing"),
        ("FREQ=MONTHLY;BYMONTHDAY=15,-00", "BYMONTHDAY=-00 in the repeat rule names nothing"),
        ("FREQ=YEARLY;BYMONTHDAY=0", "a month's days are counted from 1"),
        ("FREQ=YEARLY;BYMONTH=0", "months are counted from 1"),
        ("FREQ=YEARLY;BYYEARDAY=0", "a year's days are counted from 1"),
        ("FREQ=YEARLY;BYWEEKNO=0", "a year's weeks are counted from 1"),
    ],
)
def test_a_zero_day_week_or_month_is_refused(rule: str, said: str) -> None:
    """The rule library reads BYMONTHDAY=0 as no choice: a "monthly" rule made 366 posts."""
    with pytest.raises(InvalidInput, match=said):
        recurrence.occurrences(rule, date(2026, 12, 1))
    assert len(recurrence.occurrences("FREQ=MONTHLY;BYMONTHDAY=-1", date(2026, 12, 1))) == 12


def test_two_posts_joining_one_occurrence_leave_one_in_the_series(store: CalendarStore) -> None:
    """A file with two events for one occurrence deleted here: both joined the series,
    two posts for one day of its rule."""
    channel = store.add_channel("Blog").created[0]
    series_id, posts = _add_series(
        store,
        NewPost("Weekly", channel, date=date(2027, 1, 4), status=PostStatus.SCHEDULED),
        "FREQ=WEEKLY;COUNT=4",
    )
    (gone,) = [p for p in posts if p.date == date(2027, 1, 11)]
    store.delete_posts([gone.id])
    twins = [
        store.add_post(NewPost("Weekly", channel, date=date(2027, 1, 11))).created[0]
        for _ in range(2)
    ]
    store.join_series(series_id, dict.fromkeys(twins, date(2027, 1, 11)))
    on = [p.id for p in store.series_posts(series_id) if p.occurrence == date(2027, 1, 11)]
    assert on == twins[:1]
    _assert_rule_describes_posts(store, series_id)


def test_a_post_past_a_series_without_end_does_not_join_it(store: CalendarStore) -> None:
    """A file's post of a weekly series without end, on a Monday past the year it makes:
    it joined, on a day its rule does not make, and a later change of the same days
    deleted it."""
    channel = store.add_channel("Blog").created[0]
    series_id, posts = _add_series(
        store, NewPost("Weekly", channel, date=date(2027, 1, 4)), "FREQ=WEEKLY;BYDAY=MO"
    )
    last = posts[-1]
    assert last.date == date(2028, 1, 3)  # a year of Mondays
    store.delete_posts([last.id])
    later = last.date + timedelta(weeks=4)
    back, beyond = (
        store.add_post(NewPost("Weekly", channel, date=day)).created[0]
        for day in (last.date, later)
    )
    store.join_series(series_id, {back: last.date, beyond: later})
    assert store.post(back).series_id == series_id
    assert store.post(beyond).series_id is None
    _assert_rule_describes_posts(store, series_id)


def test_an_edit_for_all_giving_the_same_key_messages_in_another_order_changes_none(
    store: CalendarStore,
) -> None:
    """The editor gives a post's key messages in the order ticked: the same ones in
    another order made a new version of every post (a colleague's edit of them then
    came back as conflict copies)."""
    channel = store.add_channel("Blog").created[0]
    first, second = (store.add_key_message(t).created[0] for t in ("Fair", "Local"))
    template = NewPost("Weekly", channel, (first, second), date(2027, 1, 4))
    series_id, posts = _add_series(store, template, "FREQ=WEEKLY;COUNT=4")
    before = {p.id: p.revision for p in store.series_posts(series_id)}
    store.update_occurrences(posts[0].id, {"message_ids": (second, first)}, "all")
    assert {p.id: p.revision for p in store.series_posts(series_id)} == before


def test_a_rank_of_zero_is_never_read_as_one_from_the_end() -> None:
    """ "BYYEARDAY=0" read "the fifth last day of the year" (such rules are refused)."""
    assert recurrence._ordinal("0") == "0th"
    assert [recurrence._ordinal(n) for n in ("1", "-1", "-3", "21", "112")] == [
        "first",
        "last",
        "third last",
        "21st",
        "112th",
    ]


def _weekly_with_two_gone_out(
    store: CalendarStore,
    channel: int,
    message: int,
    title: str = "Weekly letter",
    at: time = NINE,
) -> tuple[int, list[Post]]:
    """A weekly series of five, its first two published (another ``title`` at another
    hour is a post of its own, not this one planned twice)."""
    template = dataclasses.replace(_template(channel, message, at=at), title=title)
    series_id, posts = _add_series(store, template, "FREQ=WEEKLY;COUNT=5")
    store.update_posts({p.id: {"status": PostStatus.PUBLISHED} for p in posts[:2]})
    return series_id, store.series_posts(series_id)


@pytest.mark.parametrize(
    "change",
    [
        {"date": MON + timedelta(weeks=3, days=-1)},
        {"time": time(15, 0)},
        {"status": PostStatus.CANCELLED},
    ],
)
def test_all_occurrences_moved_or_changed_leave_those_that_went_out(
    store: CalendarStore, channel: int, message: int, change: PostChanges
) -> None:
    """ "All" on a weekly tip moved its published posts to days gone by: what went out
    stays on record, as posts of their own on their days; the series goes on."""
    series_id, posts = _weekly_with_two_gone_out(store, channel, message)
    store.update_occurrences(posts[3].id, change, "all")
    for gone_out in posts[:2]:
        now = store.post(gone_out.id)
        assert (now.date, now.time, now.status) == (gone_out.date, NINE, PostStatus.PUBLISHED)
        assert (now.series_id, now.occurrence) == (None, None)
    rest = store.series_posts(series_id)
    assert [p.id for p in rest] == [p.id for p in posts[2:]]
    assert all(p.status != PostStatus.PUBLISHED for p in rest)
    _assert_rule_describes_posts(store, series_id)


@pytest.mark.parametrize("scope", ["all", "following"])
def test_deleting_all_occurrences_keeps_those_that_went_out(
    store: CalendarStore, channel: int, message: int, scope: Scope
) -> None:
    series_id, posts = _weekly_with_two_gone_out(store, channel, message)
    # "Following" from the first: all of them, as the window asks it.
    store.delete_occurrences(posts[0 if scope == "following" else 3].id, scope)
    left = store.all_posts()
    if scope == "following":  # the one the user chose goes, published or not
        assert [p.id for p in left] == [posts[1].id]
    else:
        assert [p.id for p in left] == [p.id for p in posts[:2]]
    assert all(p.series_id is None and p.status == PostStatus.PUBLISHED for p in left)
    assert store.series_rows([series_id]) == []


def test_a_changed_repeat_for_all_keeps_the_time_and_status_of_those_that_went_out(
    store: CalendarStore, channel: int, message: int
) -> None:
    _, posts = _weekly_with_two_gone_out(store, channel, message)
    store.change_repeat(
        posts[2].id,
        "FREQ=WEEKLY;INTERVAL=2;COUNT=3",
        edit={"time": time(14, 0), "status": PostStatus.SCHEDULED},
        scope="all",
    )
    for gone_out in posts[:2]:
        now = store.post(gone_out.id)
        assert (now.time, now.status) == (NINE, PostStatus.PUBLISHED)
    assert store.post(posts[2].id).time == time(14, 0)


def test_all_occurrences_left_on_record_are_said_changed_and_not_landed_on(
    store: CalendarStore, channel: int, message: int
) -> None:
    """The posts that leave the series are in the change (the window kept them as
    repeating); a move of the others onto one's day is refused (it held the post twice);
    all set Published leaves nothing (those published were detached for no change)."""
    series_id, posts = _weekly_with_two_gone_out(store, channel, message)
    changes = store.update_occurrences(posts[3].id, {"time": time(15, 0)}, "all")
    assert {p.id for p in posts[:2]} <= changes.posts
    # Left by that step, still not landed on by the next.
    with pytest.raises(InvalidInput, match="has 'Weekly letter' already, published"):
        store.update_occurrences(posts[2].id, {"date": posts[1].date}, "all")
    _, posts = _weekly_with_two_gone_out(store, channel, message, "Weekly tip", time(11, 0))
    before = store.all_posts()
    with pytest.raises(InvalidInput, match="has 'Weekly tip' already, published"):
        store.update_occurrences(posts[2].id, {"date": posts[1].date}, "all")
    assert store.all_posts() == before
    series_id, posts = _weekly_with_two_gone_out(
        store, channel, message, "Monthly news", time(12, 0)
    )
    store.update_occurrences(posts[3].id, {"status": PostStatus.PUBLISHED}, "all")
    assert [p.id for p in store.series_posts(series_id)] == [p.id for p in posts]


def test_an_edit_of_the_following_occurrences_that_changes_nothing_leaves_the_series_whole(
    store: CalendarStore, weekly: tuple[int, list[Post]]
) -> None:
    """ "Scheduled" for the following ones, all scheduled already: the series was split
    there all the same (and, for all, those that went out left it)."""
    series_id, posts = weekly
    store.update_post(posts[0].id, {"status": PostStatus.PUBLISHED})
    before = store.series_posts(series_id)
    for scope in ("following", "all"):
        assert store.occurrences_changing(posts[3].id, {"status": posts[3].status}, scope) == []
        assert store.update_occurrences(posts[3].id, {"status": posts[3].status}, scope) == (
            ChangeSet()
        )
        assert store.series_posts(series_id) == before
    changing = store.occurrences_changing(posts[3].id, {"status": PostStatus.DRAFT}, "all")
    assert [p.id for p in changing] == [p.id for p in posts[1:]]  # the published one keeps its
