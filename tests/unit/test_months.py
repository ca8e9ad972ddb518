"""Months added to a day, and a month's last day, as the calendar's views and exports step."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from calendar_app.core.models import FIRST_DAY, LAST_DAY, add_months, month_end

DAYS = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)


@given(day=DAYS, months=st.integers(-240, 240))
def test_months_added_keep_the_day_or_take_the_months_last(day: date, months: int) -> None:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    assert add_months(day, months) == date(year, month, min(day.day, last))


@given(day=DAYS)
def test_a_months_end_is_its_last_day(day: date) -> None:
    assert month_end(day) == date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def test_the_short_months() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert month_end(date(2026, 12, 6)) == date(2026, 12, 31)
