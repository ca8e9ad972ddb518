"""The VTIMEZONE of an export, read back by another program's reader (dateutil's)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import pytest
from dateutil.tz import tzical
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from calendar_app.core.models import NewPost, PostStatus
from calendar_app.core.store import CalendarStore
from calendar_app.exchange.formats import ExportOptions, no_progress
from calendar_app.exchange.ical import export_ics
from calendar_app.exchange.vtimezone import vtimezone

ZONES = sorted(available_timezones())


def read_back(zone: ZoneInfo, first: date, last: date) -> tuple[str, tzinfo]:
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", "-//Cadence tests//EN")
    cal.add_component(vtimezone(zone, first, last))
    text = cal.to_ical().decode()
    read = tzical(io.StringIO(text)).get(zone.key)
    assert read is not None
    return text, read


def rules_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("RRULE", "RDATE"))]


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(ZONES),
    year=st.integers(1975, 2045),
    span=st.integers(2, 8),
    moments=st.lists(st.floats(0, 1), min_size=20, max_size=20),
)
def test_every_zone_reads_back_at_its_offsets(
    name: str, year: int, span: int, moments: list[float]
) -> None:
    """Whatever the zone and years, the zone written gives each moment the offset the
    zone has then (a moment within a day of a change aside: local times there may
    read two ways)."""
    zone = ZoneInfo(name)
    first, last = date(year, 1, 1), date(year + span, 1, 1)
    _, read = read_back(zone, first, last)
    start = datetime(year, 1, 2, tzinfo=UTC)
    length = datetime(year + span - 1, 12, 30, tzinfo=UTC) - start
    day = timedelta(days=1)
    for share in moments:
        moment = start + length * share
        offset = moment.astimezone(zone).utcoffset()
        if any((moment + d).astimezone(zone).utcoffset() != offset for d in (-day, day)):
            continue
        local = moment.astimezone(zone).replace(tzinfo=None)
        assert read.utcoffset(local) == offset, (name, moment)


@pytest.mark.parametrize("name", ["America/Noronha", "America/Recife", "America/Boa_Vista"])
def test_a_summer_time_of_a_week_is_written(name: str) -> None:
    """Brazil's summer time of October 2000 lasted a week (the 8th to the 15th): the
    zone's clock, read a week apart, passed over it, and its posts read an hour off."""
    zone = ZoneInfo(name)
    _, read = read_back(zone, date(2000, 1, 1), date(2003, 1, 1))
    moment = datetime(2000, 10, 9, 18, 56, tzinfo=UTC)
    local = moment.astimezone(zone)
    assert local.utcoffset() != datetime(2000, 10, 20, tzinfo=UTC).astimezone(zone).utcoffset()
    assert read.utcoffset(local.replace(tzinfo=None)) == local.utcoffset()


def test_a_change_at_the_first_moment_is_read_as_made() -> None:
    """Bissau went from -01:00 to GMT at the first moment of 1975: the clock at the start
    and the change were written with one start, and read as -01:00 all along."""
    zone = ZoneInfo("Africa/Bissau")
    _, read = read_back(zone, date(1975, 1, 1), date(1977, 1, 1))
    for moment in (datetime(1975, 6, 1, tzinfo=UTC), datetime(1976, 12, 30, tzinfo=UTC)):
        local = moment.astimezone(zone).replace(tzinfo=None)
        assert read.utcoffset(local) == timedelta(0)


def test_changes_are_written_as_yearly_rules_as_calendar_programs_read_them() -> None:
    """A list of dates (RDATE) was read by its first date alone by vobject, and so by
    the CalDAV server Radicale: a Paris post at 09:00 in July two years on read 10:00."""
    paris, _ = read_back(ZoneInfo("Europe/Paris"), date(2025, 1, 1), date(2030, 1, 1))
    assert rules_of(paris) == [
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    ]
    # Each change at the time the clock reads before it (RFC 5545): 02:00 and 03:00.
    assert "DTSTART:20250330T020000" in paris
    assert "DTSTART:20251026T030000" in paris

    # The US moved its summer time in 2007: two rules, the first until its last change.
    new_york, _ = read_back(ZoneInfo("America/New_York"), date(2005, 1, 1), date(2010, 1, 1))
    assert rules_of(new_york) == [
        "RRULE:FREQ=YEARLY;UNTIL=20060403T070000Z;BYDAY=1SU;BYMONTH=4",
        "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
        "RRULE:FREQ=YEARLY;UNTIL=20061030T060000Z;BYDAY=-1SU;BYMONTH=10",
        "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
    ]
    sydney, _ = read_back(ZoneInfo("Australia/Sydney"), date(2026, 1, 1), date(2031, 1, 1))
    assert all(rule.startswith("RRULE:") for rule in rules_of(sydney))

    # Morocco's clock changes around Ramadan follow no yearly rule: a list of dates.
    casablanca, _ = read_back(ZoneInfo("Africa/Casablanca"), date(2026, 1, 1), date(2029, 1, 1))
    assert any(rule.startswith("RDATE:") for rule in rules_of(casablanca))

    # A zone without summer time: one observance, no change.
    tokyo, read = read_back(ZoneInfo("Asia/Tokyo"), date(2026, 1, 1), date(2029, 1, 1))
    assert rules_of(tokyo) == []
    assert read.utcoffset(datetime(2027, 7, 1, 9)) == timedelta(hours=9)


def test_an_export_writes_its_zone_by_yearly_rules(tmp_path: Path) -> None:
    path = tmp_path / "paris.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        for year in (2026, 2027, 2028):
            store.add_post(
                NewPost(
                    f"Summer {year}",
                    channel,
                    date=date(year, 7, 1),
                    time=datetime(2000, 1, 1, 9).time(),
                    status=PostStatus.SCHEDULED,
                )
            )
        export_ics(store, tmp_path / "paris.ics", ExportOptions(), no_progress)
    text = (tmp_path / "paris.ics").read_bytes().decode().replace("\r\n", "\n")
    assert "RDATE" not in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    read = tzical(io.StringIO(text)).get("Europe/Paris")
    assert read is not None
    for year in (2026, 2027, 2028):
        assert read.utcoffset(datetime(year, 7, 1, 9)) == timedelta(hours=2)
