"""The computer's zone as a new calendar takes it, and zones as people type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_app.core import localzone
from calendar_app.core.localzone import system_timezone, time_zone_names, zone_typed


@pytest.fixture
def etc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A computer's /etc of its own: no TZ, no link, no /etc/timezone yet."""
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(localzone, "LOCALTIME", tmp_path / "etc" / "localtime")
    monkeypatch.setattr(localzone, "TIMEZONE_FILE", tmp_path / "etc" / "timezone")
    (tmp_path / "etc").mkdir()
    for zone in ("Asia/Tokyo", "Europe/Paris"):
        data = tmp_path / "usr" / "share" / "zoneinfo" / zone
        data.parent.mkdir(parents=True, exist_ok=True)
        data.write_bytes(b"TZif")
    return tmp_path


def test_the_zone_the_clock_follows_comes_before_debians_older_file(
    etc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop moved to Tokyo with timedatectl (or a desktop's settings) still says
    Europe/Paris in /etc/timezone: new calendars were made in Paris."""
    (etc / "etc" / "timezone").write_text("Europe/Paris\n", encoding="utf-8")
    assert system_timezone() == "Europe/Paris"  # the older file alone
    (etc / "etc" / "localtime").symlink_to(etc / "usr" / "share" / "zoneinfo" / "Asia" / "Tokyo")
    assert system_timezone() == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "America/New_York")
    assert system_timezone() == "America/New_York"  # TZ before both


@pytest.mark.parametrize(
    ("tz", "zone"),
    [
        ("/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"),  # a zone's file, as glibc takes it
        (":/usr/share/zoneinfo/America/New_York", "America/New_York"),
        ("/usr/share/zoneinfo/posix/Europe/Berlin", "Europe/Berlin"),
        ("JST-9", "Europe/Paris"),  # a POSIX rule names no zone: the computer's is read
    ],
)
def test_tz_given_as_a_zones_file_names_that_zone(
    etc: Path, monkeypatch: pytest.MonkeyPatch, tz: str, zone: str
) -> None:
    (etc / "etc" / "localtime").symlink_to(etc / "usr" / "share" / "zoneinfo" / "Europe" / "Paris")
    monkeypatch.setenv("TZ", tz)
    assert system_timezone() == zone


def test_no_zone_known_gives_the_default(etc: Path) -> None:
    (etc / "etc" / "localtime").write_bytes(b"TZif")  # a copy, not a link: no name
    assert system_timezone(default="Etc/UTC") == "Etc/UTC"


def test_the_zone_list_leaves_out_old_names_of_no_region() -> None:
    """EST (UTC-05:00 all year) was offered beside America/New_York, and taken."""
    names = set(time_zone_names())
    assert {"UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"} <= names
    assert not names & {"EST", "MST", "HST", "EST5EDT", "Japan", "GB", "Zulu", "CET"}


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("EST", "America/New_York"),
        ("est", "America/New_York"),
        (" PST8PDT ", "America/Los_Angeles"),
        ("MST", "America/Phoenix"),  # no summer time there either, as MST
        ("HST", "Pacific/Honolulu"),
        # The abbreviations of no zone at all, as people write them ("PST" was refused:
        # "not a time zone").
        ("PST", "America/Los_Angeles"),
        ("pdt", "America/Los_Angeles"),
        ("CST", "America/Chicago"),
        ("EDT", "America/New_York"),
        ("MDT", "America/Denver"),
        ("AKST", "America/Anchorage"),
        ("NST", "America/St_Johns"),
        ("Japan", "Japan"),  # an old name of a region, as it is
        ("Etc/GMT+5", "Etc/GMT+5"),  # a fixed offset written whole: what is meant
    ],
)
def test_a_north_american_abbreviation_typed_names_its_region(typed: str, zone: str) -> None:
    assert zone_typed(typed) == zone


def test_tz_given_as_an_abbreviation_names_the_region_as_one_typed_does(
    etc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TZ=EST5EDT made a calendar in EST5EDT, where --timezone EST5EDT made New York's."""
    monkeypatch.setenv("TZ", "EST5EDT")
    assert system_timezone() == zone_typed("EST5EDT") == "America/New_York"


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("buenos aires", "America/Argentina/Buenos_Aires"),
        ("Indianapolis", "America/Indiana/Indianapolis"),
        ("louisville", "America/Kentucky/Louisville"),
        ("new york", "America/New_York"),
        ("san", "san"),  # San Francisco? Santiago? as typed, for the caller to refuse
        # A word of old names of other places: Samoa is not American Samoa (US/Samoa,
        # Pacific/Samoa), nor "eastern" Toronto, nor "west" Perth.
        ("samoa", "samoa"),
        ("eastern", "eastern"),
        ("central", "central"),
        ("west", "west"),
    ],
)
def test_a_city_known_under_an_old_name_too_is_one_zone(typed: str, zone: str) -> None:
    """Buenos Aires is America/Buenos_Aires and America/Argentina/Buenos_Aires, one zone:
    two names matched, and "buenos aires" was "not a time zone"."""
    assert zone_typed(typed) == zone
