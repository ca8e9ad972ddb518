"""The command line as a user meets it: output, exit status, files left as they were."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Mapping
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app import cli as cli_module
from calendar_app.cli import main, write_json_list
from calendar_app.core.errors import to_its_backups
from calendar_app.core.models import NewPost, PostStatus
from calendar_app.core.store import CalendarStore

from ..files import damage_inside
from ..terminal import bound, cadence

TODAY = "2026-11-18"
AS_OF = ("--today", TODAY)
"""Exports as of the demo's day: the publishing tools' files take only posts ahead."""
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    status = main([str(a) for a in args], out=out)
    return status, out.getvalue()


@pytest.fixture
def calendar(tmp_path: Path) -> Path:
    path = tmp_path / "client.cadence"
    assert run("init", path, "--name", "Client", "--timezone", "Europe/Paris")[0] == 0
    assert run("channel", "add", path, "LinkedIn", "--char-limit", "3000")[0] == 0
    assert run("channel", "add", path, "Newsletter", "--kind", "newsletter")[0] == 0
    # The plan starts before the days the tests look at, whatever day they run on.
    start = ("--starts-on", "2026-11-01")
    assert run("message", "add", path, "Made in Europe", "--cadence-days", "7", *start)[0] == 0
    assert run("message", "add", path, "Fair prices", "--cadence-days", "14", *start)[0] == 0
    return path


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.cadence"
    assert run("demo", path, "--today", TODAY)[0] == 0
    return path


def _one_event(path: Path) -> Path:
    """Another program's .ics of one event, "Pictured", on 5 December 2026."""
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n"
        "UID:one@other\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20261205\r\n"
        "SUMMARY:Pictured\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path


def test_init_writes_the_calendar_settings(tmp_path: Path) -> None:
    path = tmp_path / "new.cadence"
    status, out = run(
        "init", path, "--name", "Acme", "--timezone", "America/New_York", "--week-start", "sunday"
    )
    assert status == 0
    assert "Acme" in out
    with CalendarStore.open(path) as store:
        info = store.info()
    assert (info.name, info.timezone, info.week_start.value) == (
        "Acme",
        "America/New_York",
        "sunday",
    )


def test_init_takes_a_name_and_zone_as_the_window_does(tmp_path: Path) -> None:
    """ " A   B " stayed with its spaces and " Europe/Paris " was refused, where Calendar
    Settings takes both."""
    path = tmp_path / "spaced.cadence"
    assert run("init", path, "--name", "  Acme   Water ", "--timezone", " Europe/Paris ")[0] == 0
    with CalendarStore.open(path) as store:
        info = store.info()
    assert (info.name, info.timezone) == ("Acme Water", "Europe/Paris")


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("new york", "America/New_York"),
        ("America/New York", "America/New_York"),
        ("tokyo", "Asia/Tokyo"),
        ("utc", "UTC"),
        ("europe/paris", "Europe/Paris"),
    ],
)
def test_init_finds_a_zone_typed_as_the_window_finds_it(
    tmp_path: Path, typed: str, zone: str
) -> None:
    path = tmp_path / "typed.cadence"
    assert run("init", path, "--timezone", typed)[0] == 0
    with CalendarStore.open(path) as store:
        assert store.info().timezone == zone


@pytest.mark.parametrize("typed", ["est", "EST", "PST"])
def test_a_zone_typed_as_an_abbreviation_is_not_taken_for_a_fixed_offset(
    tmp_path: Path, typed: str
) -> None:
    """ "EST" made a calendar in EST, an hour off New York's all summer (and "est" was
    refused): New York's zone is meant, and said."""
    path = tmp_path / "est.cadence"
    status, out = run("init", path, "--timezone", typed)
    meant = "America/Los_Angeles" if typed == "PST" else "America/New_York"
    assert (status, f"({meant})" in out) == (0, True)
    with CalendarStore.open(path) as store:
        assert store.info().timezone == meant


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_zone_or_channel_is_refused_not_read_as_none_given(
    tmp_path: Path, calendar: Path, capsys: pytest.CaptureFixture[str], blank: str
) -> None:
    """ "--timezone ''" (an empty shell variable) made a calendar in the computer's zone,
    where "   " was refused; "import --channel ''" skipped every event."""
    path = tmp_path / "blank.cadence"
    status, _ = run("init", path, "--timezone", blank)
    assert status == 2  # a mistake in the command
    assert capsys.readouterr().err == (
        "cadence: error: The time zone is empty; use an IANA name like Europe/Paris.\n"
    )
    assert not path.exists()
    events = _one_event(tmp_path / "events.ics")
    before = calendar.read_bytes()
    status, _ = run("import", calendar, events, "--channel", blank)
    assert status == 1
    assert capsys.readouterr().err == "cadence: error: A channel needs a name.\n"
    assert calendar.read_bytes() == before
    status, _ = run("post", "add", calendar, "--title", "T", "--channel", blank)
    assert status == 1
    assert capsys.readouterr().err == "cadence: error: A channel needs a name.\n"
    status, _ = run(
        "post", "add", calendar, "--title", "T", "--channel", "LinkedIn", "--campaign", blank
    )
    assert status == 1
    assert capsys.readouterr().err == "cadence: error: A campaign needs a name.\n"
    status, _ = run(
        "post", "add", calendar, "--title", "T", "--channel", "LinkedIn", "--message", blank
    )
    assert status == 1
    assert capsys.readouterr().err == "cadence: error: A key message needs a title.\n"
    assert calendar.read_bytes() == before


@pytest.mark.parametrize(
    ("environ", "week_start"),
    [
        ({"LANG": "en_US.UTF-8"}, "sunday"),
        ({"LANG": "de_DE.UTF-8"}, "monday"),
        ({"LANG": "de_DE.UTF-8", "LC_TIME": "pt_BR.UTF-8"}, "sunday"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "monday"),
        ({"LANG": "C.UTF-8"}, "monday"),
        ({"LANG": "ar_EG.UTF-8"}, "saturday"),
        ({"LANG": "fa"}, "saturday"),
    ],
)
def test_init_starts_weeks_as_the_computers_language_settings_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], week_start: str
) -> None:
    """As the window's New Calendar does (a calendar made in the US began on Monday)."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "new.cadence"
    assert run("init", path)[0] == 0
    with CalendarStore.open(path) as store:
        assert store.info().week_start.value == week_start
    other = "monday" if week_start == "sunday" else "sunday"
    assert run("init", tmp_path / "chosen.cadence", "--week-start", other)[0] == 0
    with CalendarStore.open(tmp_path / "chosen.cadence") as store:
        assert store.info().week_start.value == other


def test_init_refuses_an_existing_file_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.cadence"
    path.write_text("my notes")
    result = cadence("init", path)
    assert result.returncode == 1
    assert result.stderr.startswith("cadence: error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_text() == "my notes"


def test_a_post_s_title_given_on_the_command_line_is_kept_on_one_line(calendar: Path) -> None:
    """Control characters a paste or a script brings (a line end, a form feed, a bell)
    became line breaks in an .ics's SUMMARY: the title on three lines."""
    add = ("post", "add", calendar, "--channel", "LinkedIn", "--title")
    assert run(*add, "Spring\x0bsale\x0c\x07now\nopen")[0] == 0
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert post["title"] == "Spring sale now open"
    assert run(*add, "\x07") == (1, "")  # nothing that shows: no title


def test_post_add_prints_the_uid_and_list_json_follows_the_contract(calendar: Path) -> None:
    status, out = run(
        "post",
        "add",
        calendar,
        "--title",
        "Factory tour",
        "--channel",
        "linkedin",
        "--message",
        "Made in Europe",
        "--message",
        "Fair prices",
        "--date",
        "2026-12-01",
        "--time",
        "09:30",
        "--body",
        "Come and see",
        "--status",
        "draft",
    )
    assert status == 0
    uid = out.strip()
    assert len(uid) == 36
    status, out = run("post", "list", calendar, "--json")
    assert status == 0
    posts = json.loads(out)
    assert posts == [
        {
            "uid": uid,
            "title": "Factory tour",
            "date": "2026-12-01",
            "time": "09:30",
            "channel": "LinkedIn",
            "key_messages": ["Fair prices", "Made in Europe"],
            "campaign": None,
            "status": "draft",
            "body": "Come and see",
            "link": "",
            "notes": "",
            "series": None,
        }
    ]


@given(
    items=st.lists(
        st.dictionaries(
            st.text(max_size=5),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=3)
                ),
                max_leaves=6,
            ),
            max_size=4,
        ),
        max_size=12,
    ),
    batch_size=st.integers(1, 5),
)
def test_json_lists_are_written_as_the_json_library_lays_them_out(
    items: list[dict[str, object]], batch_size: int
) -> None:
    out = io.StringIO()
    write_json_list(iter(items), out, batch_size)
    assert out.getvalue() == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def test_an_empty_listing_is_an_empty_json_array(calendar: Path) -> None:
    assert run("post", "list", calendar, "--json") == (0, "[]\n")


def test_post_without_date_goes_to_the_backlog_as_an_idea(calendar: Path) -> None:
    run("post", "add", calendar, "--title", "Podcast idea", "--channel", "Newsletter")
    run(
        "post",
        "add",
        calendar,
        "--title",
        "Dated",
        "--channel",
        "Newsletter",
        "--date",
        "2026-12-02",
    )
    posts = json.loads(run("post", "list", calendar, "--json")[1])
    assert [(p["title"], p["date"], p["status"]) for p in posts] == [
        ("Podcast idea", None, "idea"),
        ("Dated", "2026-12-02", "scheduled"),
    ]
    ranged = json.loads(run("post", "list", calendar, "--json", "--from", "2026-12-01")[1])
    assert [p["title"] for p in ranged] == ["Dated"]


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (
            ["gaps", "--json"],
            "cadence: error: the command comes before the calendar: cadence gaps"
            " '{path}' … (see 'cadence gaps --help')\n",
        ),
        (["--help"], "cadence: error: --help comes before anything else: cadence --help\n"),
        (
            ["post", "list", "--json"],
            "cadence: error: the command comes before the calendar: cadence post list"
            " '{path}' … (see 'cadence post list --help')\n",
        ),
    ],
)
def test_a_command_after_the_calendar_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], words: list[str], said: str
) -> None:
    """ "cadence client.cadence gaps --json" opened the window and dropped the rest
    (from cron: "there is no display")."""
    path = tmp_path / "my plan.cadence"
    assert run("init", path)[0] == 0
    capsys.readouterr()
    assert run(path, *words) == (2, "")
    assert capsys.readouterr().err == said.format(path=path)


def test_an_empty_post_list_prints_nothing_on_the_output(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "No posts." was a line of the output: `| wc -l` counted one post."""
    status, out = run("post", "list", calendar, "--from", "2030-01-01", "--to", "2030-01-31")
    assert (status, out) == (0, "")
    assert capsys.readouterr().err == "No posts.\n"


def test_post_list_filters(demo: Path) -> None:
    everything = json.loads(run("post", "list", demo, "--json")[1])
    linkedin = json.loads(run("post", "list", demo, "--json", "--channel", "LinkedIn")[1])
    assert linkedin
    assert all(p["channel"] == "LinkedIn" for p in linkedin)
    assert len(linkedin) == sum(p["channel"] == "LinkedIn" for p in everything)
    carrying = json.loads(run("post", "list", demo, "--json", "--message", "Every roof counts")[1])
    assert carrying
    assert all("Every roof counts" in p["key_messages"] for p in carrying)
    ideas = json.loads(run("post", "list", demo, "--json", "--status", "idea")[1])
    assert ideas
    assert all(p["status"] == "idea" and p["date"] is None for p in ideas)
    window = json.loads(
        run("post", "list", demo, "--json", "--from", "2026-11-01", "--to", "2026-11-30")[1]
    )
    dates = [p["date"] for p in window]
    assert dates == sorted(dates)
    assert all("2026-11-01" <= d <= "2026-11-30" for d in dates)

    # A filter given twice takes either, as export's do (the last one alone was taken).
    def listed(*args: str) -> list[dict[str, Any]]:
        return cast(list[dict[str, Any]], json.loads(run("post", "list", demo, "--json", *args)[1]))

    both = listed("--channel", "LinkedIn", "--channel", "Newsletter")
    assert {p["channel"] for p in both} == {"LinkedIn", "Newsletter"}
    assert len(both) == sum(p["channel"] in ("LinkedIn", "Newsletter") for p in everything)
    undone = listed("--status", "idea", "--status", "draft")
    assert {p["status"] for p in undone} == {"idea", "draft"}
    either = listed("--message", "Every roof counts", "--message", "Solar pays for itself")
    assert len(either) == sum(
        bool({"Every roof counts", "Solar pays for itself"} & set(p["key_messages"]))
        for p in everything
    )


def test_post_list_backlog_lists_what_the_window_s_backlog_does(demo: Path) -> None:
    """No way to list the backlog alone: --status idea took a dated idea and left out
    the drafts sent back there."""
    everything = json.loads(run("post", "list", demo, "--json")[1])
    idea = next(p for p in everything if p["date"] is not None and p["status"] == "scheduled")
    run("post", "move", demo, idea["uid"], "--backlog")  # a draft there now
    backlog = json.loads(run("post", "list", demo, "--json", "--backlog")[1])
    assert backlog
    assert all(p["date"] is None for p in backlog)
    assert idea["uid"] in {p["uid"] for p in backlog}
    undated = [
        p["uid"] for p in json.loads(run("post", "list", demo, "--json")[1]) if p["date"] is None
    ]
    assert [p["uid"] for p in backlog] == undated
    drafts = json.loads(run("post", "list", demo, "--json", "--backlog", "--status", "draft")[1])
    assert [p["uid"] for p in drafts] == [idea["uid"]]
    status, _out = run("post", "list", demo, "--backlog", "--from", "2026-11-01")
    assert status == 2


def test_post_list_keeps_its_columns_in_line_with_wide_letters(calendar: Path) -> None:
    """Japanese channel names pushed the titles out of line: letters of East Asian
    scripts take two columns of a terminal."""
    run("channel", "add", calendar, "お知らせ", "--kind", "social")
    for channel, title in (("お知らせ", "Wide"), ("LinkedIn", "Narrow")):
        status, _ = run(
            "post", "add", calendar, "--title", title, "--channel", channel, "--date", "2026-12-01"
        )
        assert status == 0
    lines = run("post", "list", calendar)[1].splitlines()
    starts = {
        line.split()[-2]: terminal_width(line[: line.index(line.split()[-2])]) for line in lines
    }
    assert starts["Wide"] == starts["Narrow"]


def terminal_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_repeat_creates_a_series(calendar: Path) -> None:
    status, _ = run(
        "post",
        "add",
        calendar,
        "--title",
        "Monday tip",
        "--channel",
        "LinkedIn",
        "--date",
        "2026-11-02",
        "--time",
        "08:00",
        "--repeat",
        "FREQ=WEEKLY;COUNT=4",
    )
    assert status == 0
    posts = json.loads(run("post", "list", calendar, "--json")[1])
    assert [p["date"] for p in posts] == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
    assert len({p["series"] for p in posts}) == 1
    assert posts[0]["series"] is not None


def test_a_series_longer_than_the_most_allowed_says_where_it_stops(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--title", "Daily", "--channel", "LinkedIn", "--date", "2099-12-01"]
    status, _ = run("post", "add", calendar, *args, "--repeat", "FREQ=DAILY;COUNT=5000")
    assert status == 0
    assert capsys.readouterr().err == (
        "(and 999 more occurrences of the series; it stops at 1000, the most a series may have)\n"
    )
    status, _ = run("post", "add", calendar, *args, "--repeat", "FREQ=DAILY;COUNT=3")
    assert capsys.readouterr().err == "(and 2 more occurrences of the series)\n"
    status, out = run("post", "add", calendar, *args, "--repeat", "FREQ=DAILY;COUNT=1")
    assert capsys.readouterr().err == (
        "(the repeat gives one day, 2099-12-01: a post that does not repeat)\n"
    )
    with CalendarStore.open(calendar) as store:
        assert store.post_by_uid(out.strip()).series_id is None
    status, _ = run("post", "add", calendar, *args, "--repeat", "FREQ=DAILY;COUNT=2")
    assert capsys.readouterr().err == "(and 1 more occurrence of the series)\n"
    status, _ = run("post", "add", calendar, *args, "--repeat", "FREQ=DAILY;COUNT=1000")
    assert capsys.readouterr().err == "(and 999 more occurrences of the series)\n"  # as asked


def test_a_series_whose_rule_skips_the_date_given_says_where_it_starts(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--title", "Monday tip", "--channel", "LinkedIn", "--date", "2099-12-03"]  # Thursday
    status, _ = run("post", "add", calendar, *args, "--repeat", "FREQ=WEEKLY;BYDAY=MO;COUNT=2")
    assert status == 0
    assert capsys.readouterr().err == (
        "(the series starts on 2099-12-07, the first day its rule gives)\n"
        "(and 1 more occurrence of the series)\n"
    )
    posts = json.loads(run("post", "list", calendar, "--json")[1])
    assert [p["date"] for p in posts] == ["2099-12-07", "2099-12-14"]


def test_post_move_keeps_the_time_unless_told(calendar: Path) -> None:
    uid = run(
        "post",
        "add",
        calendar,
        "--title",
        "Launch",
        "--channel",
        "LinkedIn",
        "--date",
        "2026-12-01",
        "--time",
        "09:30",
    )[1].strip()
    status, out = run("post", "move", calendar, uid, "--date", "2026-12-08")
    assert status == 0
    assert "2026-12-08 at 09:30" in out
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert (post["date"], post["time"]) == ("2026-12-08", "09:30")  # as stored, not only said
    run("post", "move", calendar, uid, "--date", "2026-12-09", "--time", "14:00")
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert (post["date"], post["time"]) == ("2026-12-09", "14:00")
    assert post["status"] == "scheduled"
    assert "draft" not in out
    # The uid in capitals, as a document may have put it: the same post.
    assert run("post", "move", calendar, uid.upper(), "--date", "2026-12-10")[0] == 0
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert post["date"] == "2026-12-10"


def test_post_move_makes_a_backlog_idea_a_draft(calendar: Path) -> None:
    uid = run("post", "add", calendar, "--title", "Poll", "--channel", "LinkedIn")[1].strip()
    assert json.loads(run("post", "list", calendar, "--json")[1])[0]["status"] == "idea"

    status, out = run("post", "move", calendar, uid, "--date", "2026-12-08")

    assert status == 0
    assert out.strip() == "Moved 'Poll' to 2026-12-08 (an idea out of the backlog: a draft now)."
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert (post["date"], post["status"]) == ("2026-12-08", "draft")
    # Cancelled in the backlog, then given a day: planned again (it stayed cancelled
    # there and filled no gap, unsaid).
    run("post", "move", calendar, uid, "--backlog")
    with CalendarStore.open(calendar) as store:
        store.update_post(store.post_by_uid(uid).id, {"status": PostStatus.CANCELLED})
    status, out = run("post", "move", calendar, uid, "--date", "2026-12-09")
    assert out.strip() == (
        "Moved 'Poll' to 2026-12-09 (cancelled in the backlog, planned again: a draft now)."
    )
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert (post["date"], post["status"]) == ("2026-12-09", "draft")


def test_a_post_added_or_moved_to_a_past_day_says_whether_it_counts_there(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A script run late added a scheduled post on a past day: its message's gap read as
    filled by a post that may never have gone out, unsaid; a draft there counts for
    nothing, unsaid too (the window says both where a post is placed)."""
    today = calendar_today(calendar)
    gone, ahead = (today - timedelta(days=3)).isoformat(), (today + timedelta(days=3)).isoformat()
    add = ("post", "add", calendar, "--title", "Late", "--channel", "LinkedIn")
    capsys.readouterr()
    uid = run(*add, "--date", gone)[1].strip()
    assert capsys.readouterr().err == (
        f"({gone} is a past day, so Cadence counts the post as delivered; set it to"
        " Published in the window if it went out, or to Cancelled.)\n"
    )
    draft = run(*add, "--date", ahead, "--status", "draft")[1].strip()
    assert capsys.readouterr().err == ""  # (a day to come: nothing to say)
    assert run("post", "move", calendar, draft, "--date", gone)[0] == 0
    said = (
        f"({gone} is a past day, so the draft does not count as delivered; set it to"
        " Published in the window if it went out.)\n"
    )
    assert capsys.readouterr().err == said
    run(*add, "--date", gone, "--status", "draft")
    assert capsys.readouterr().err == said
    run(*add, "--date", gone, "--status", "published")
    assert capsys.readouterr().err == ""  # (as it says: it went out)
    run(*add, "--date", ahead, "--status", "published")  # (it counts before it goes out)
    assert capsys.readouterr().err == (
        f"({ahead} is a day to come, yet the post is published: Cadence counts it as"
        " delivered already; give it the day it went out, or --status scheduled.)\n"
    )
    (first,) = [
        p for p in json.loads(run("post", "list", calendar, "--json")[1]) if p["uid"] == uid
    ]
    assert first["status"] == "scheduled"  # a script's record of what went out, kept
    # A series from a past day: its posts up to today said as one, not as its first.
    weekly = ("--repeat", "FREQ=WEEKLY;COUNT=4")
    start = (today - timedelta(days=15)).isoformat()
    run(*add, "--date", start, *weekly)
    assert capsys.readouterr().err == (
        f"(3 of the series' posts are on past days, from {start}, so Cadence counts them"
        " as delivered; set those that did not go out to Cancelled in the window.)\n"
        "(and 3 more occurrences of the series)\n"
    )


def test_post_move_of_a_published_post_to_a_day_to_come_schedules_it(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Published, it counted as delivered on a day not come; its delivery on the day it
    went out was gone (as the window's drop says it now)."""
    today = calendar_today(calendar)
    gone, ahead = (today - timedelta(days=3)).isoformat(), (today + timedelta(days=30)).isoformat()
    add = ("post", "add", calendar, "--title", "Went out", "--channel", "LinkedIn")
    uid = run(*add, "--date", gone, "--status", "published")[1].strip()
    status, out = run("post", "move", calendar, uid, "--date", ahead)
    assert status == 0
    assert out.strip() == (
        f"Moved 'Went out' to {ahead} (Scheduled there, since it has not gone out on that day)."
    )
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert (post["date"], post["status"]) == (ahead, "scheduled")
    # Back to the day it went out, scheduled: counted as delivered there, said (it was
    # not, as the window says it).
    capsys.readouterr()
    assert run("post", "move", calendar, uid, "--date", gone)[0] == 0
    assert capsys.readouterr().err == (
        f"({gone} is a past day, so Cadence counts the post as delivered; set it to"
        " Published in the window if it went out, or to Cancelled.)\n"
    )
    assert run("post", "move", calendar, uid, "--date", ahead)[0] == 0
    assert capsys.readouterr().err == ""  # (a day to come: nothing to say)


def test_post_move_backlog_unschedules(calendar: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The window puts a post back in the backlog by a drag; the command line had no way."""
    uid = run(
        "post",
        "add",
        calendar,
        "--title",
        "Poll",
        "--channel",
        "LinkedIn",
        "--date",
        "2026-12-08",
        "--time",
        "09:30",
        "--status",
        "scheduled",
    )[1].strip()
    status, out = run("post", "move", calendar, uid, "--backlog")
    assert status == 0
    assert out.strip() == "Moved 'Poll' to the backlog (a draft there: it was scheduled)."
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert (post["date"], post["time"], post["status"]) == (None, None, "draft")
    assert run("post", "move", calendar, uid, "--backlog") == (
        0,
        "'Poll' is in the backlog already.\n",
    )
    capsys.readouterr()
    assert run("post", "move", calendar, uid, "--backlog", "--time", "10:00")[0] == 2
    assert capsys.readouterr().err == (
        "cadence: error: A post in the backlog has no time: give --time with --date.\n"
    )
    assert run("post", "move", calendar, uid, "--backlog", "--date", "2026-12-09")[0] == 2
    assert "not allowed with argument" in capsys.readouterr().err
    assert run("post", "move", calendar, uid)[0] == 2
    assert "one of the arguments --date --backlog is required" in capsys.readouterr().err


def test_gaps_json_contract(calendar: Path) -> None:
    run(
        "post",
        "add",
        calendar,
        "--title",
        "One",
        "--channel",
        "LinkedIn",
        "--message",
        "Made in Europe",
        "--date",
        "2026-11-02",
    )
    status, out = run(
        "gaps",
        calendar,
        "--as-of",
        "2026-11-20",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    )
    assert status == 0
    report = json.loads(out)
    assert (report["as_of"], report["from"], report["to"]) == (
        "2026-11-20",
        "2026-11-01",
        "2026-11-30",
    )
    made = next(m for m in report["messages"] if m["title"] == "Made in Europe")
    assert made == {
        "title": "Made in Europe",
        "cadence_days": 7,
        "status": "overdue",
        "overdue_days": 11,
        "last_delivery": "2026-11-02",
        "next_delivery": None,
        "deliveries": ["2026-11-02"],
        "gaps": [{"start": "2026-11-10", "end": "2026-11-30", "days": 21}],
        "channels": [
            {"channel": "LinkedIn", "last_delivery": "2026-11-02", "next_delivery": None},
            {"channel": "Newsletter", "last_delivery": None, "next_delivery": None},
        ],
    }


def test_gaps_json_deliveries_are_the_window_s_also_outside_the_message_s_run(
    calendar: Path,
) -> None:
    """DESIGN.md: ``deliveries`` are the "delivery days inside the window"; only those of
    the message's active range anchor its gaps."""
    args = ["--cadence-days", "3", "--starts-on", "2026-03-10"]
    assert run("message", "add", calendar, "Short run", *args, "--ends-on", "2026-03-20")[0] == 0
    for day in ("2026-03-05", "2026-03-20", "2026-03-25"):
        posted = ("--channel", "LinkedIn", "--message", "Short run", "--status", "published")
        assert run("post", "add", calendar, "--title", day, *posted, "--date", day)[0] == 0
    window = ("--as-of", "2026-03-15", "--from", "2026-03-01", "--to", "2026-03-31")
    status, out = run("gaps", calendar, *window, "--json")
    assert status == 0
    short = next(m for m in json.loads(out)["messages"] if m["title"] == "Short run")
    assert short["deliveries"] == ["2026-03-05", "2026-03-20", "2026-03-25"]
    # 03-05 is the start anchor (due 03-08), 03-20 the last day; 03-25 anchors nothing.
    assert short["gaps"] == [{"start": "2026-03-10", "end": "2026-03-19", "days": 10}]


def test_gaps_lists_archived_channels_whose_posts_deliver(calendar: Path) -> None:
    args = ["--channel", "Newsletter", "--message", "Made in Europe", "--date", "2026-11-02"]
    assert run("post", "add", calendar, "--title", "Issue 1", *args)[0] == 0
    assert run("channel", "add", calendar, "Fax")[0] == 0
    with CalendarStore.open(calendar) as store:
        for name in ("Newsletter", "Fax"):
            channel = store.channel_named(name)
            assert channel is not None
            store.update_channel(channel.id, archived=True)
    status, out = run("gaps", calendar, "--as-of", "2026-11-05", "--json")
    assert status == 0
    made = next(m for m in json.loads(out)["messages"] if m["title"] == "Made in Europe")
    assert made["last_delivery"] == "2026-11-02"
    assert [c["channel"] for c in made["channels"]] == ["LinkedIn", "Newsletter"]  # not Fax
    assert {"channel": "Newsletter", "last_delivery": "2026-11-02", "next_delivery": None} in (
        made["channels"]
    )


def test_gaps_leaves_out_archived_channels_only_a_retired_message_went_out_on(
    calendar: Path,
) -> None:
    """As the window lists them: the command line listed an archived channel for every
    message because a retired (archived) message had a post on it."""
    args = ["--channel", "Newsletter", "--message", "Made in Europe", "--date", "2026-11-02"]
    assert run("post", "add", calendar, "--title", "Issue 1", *args)[0] == 0
    with CalendarStore.open(calendar) as store:
        newsletter = store.channel_named("Newsletter")
        made = store.key_message_titled("Made in Europe")
        assert newsletter is not None
        assert made is not None
        store.update_channel(newsletter.id, archived=True)
        store.update_key_message(dataclasses.replace(made, archived=True))
    status, out = run("gaps", calendar, "--as-of", "2026-11-05", "--json")
    assert status == 0
    for message in json.loads(out)["messages"]:
        assert "Newsletter" not in [c["channel"] for c in message["channels"]], message["title"]


def calendar_today(path: Path) -> date:
    """The calendar's today: the date in its own time zone."""
    with CalendarStore.open(path) as store:
        return store.today()


def message_starts(path: Path) -> dict[str, date | None]:
    """Each key message's start day, by title."""
    with CalendarStore.open(path) as store:
        return {m.title: m.starts_on for m in store.key_messages()}


def test_a_key_message_added_without_a_start_starts_today(tmp_path: Path) -> None:
    """Not overdue since before it existed: a fresh plan shows it unplanned."""
    path = tmp_path / "e.cadence"
    assert run("init", path, "--name", "E", "--timezone", "Asia/Kolkata")[0] == 0
    before = calendar_today(path)  # Kolkata's, which may be this computer's tomorrow
    assert run("message", "add", path, "M")[0] == 0
    status, out = run("gaps", path, "--json")
    after = calendar_today(path)
    assert status == 0
    (message,) = json.loads(out)["messages"]
    assert (message["status"], message["overdue_days"]) == ("unplanned", 0)
    assert all(date.fromisoformat(gap["start"]) > before for gap in message["gaps"])
    assert before <= (message_starts(path)["M"] or date.min) <= after


def test_a_key_message_that_ended_before_today_gets_no_start(tmp_path: Path) -> None:
    path = tmp_path / "e.cadence"
    assert run("init", path, "--name", "E")[0] == 0
    assert run("message", "add", path, "Old", "--ends-on", "2001-01-31")[0] == 0
    assert run("message", "add", path, "Dated", "--starts-on", "2001-01-01")[0] == 0
    assert message_starts(path) == {"Old": None, "Dated": date(2001, 1, 1)}


@pytest.mark.parametrize("fmt", ["csv", "ics"])
def test_key_messages_an_import_creates_start_with_their_first_post(
    calendar: Path, tmp_path: Path, fmt: str
) -> None:
    """A history of past posts keeps its gaps: the message starts on its first post."""
    args = ["--channel", "LinkedIn", "--message", "Made in Europe", "--date", "2001-01-01"]
    assert run("post", "add", calendar, "--title", "Old post", *args)[0] == 0
    exported = tmp_path / f"plan.{fmt}"
    assert run("export", calendar, "--format", fmt, "-o", exported)[0] == 0
    if fmt == "ics":
        # As the previous release wrote it: the key message named, its start not given.
        head, events = exported.read_text().split("BEGIN:VEVENT", 1)
        described = "X-CADENCE-MESSAGE;"
        assert described in head
        head = "".join(line for line in head.splitlines(True) if described not in line)
        exported.write_text(head + "BEGIN:VEVENT" + events)
    fresh = tmp_path / "fresh.cadence"
    assert run("init", fresh, "--name", "Fresh", "--timezone", "Asia/Kolkata")[0] == 0
    status, out = run("import", fresh, exported, "--create-missing")
    assert status == 0
    assert "1 key message" in out
    assert message_starts(fresh)["Made in Europe"] == date(2001, 1, 1)


@pytest.mark.parametrize("status", ["cancelled", "idea", "draft"])
def test_a_post_that_never_went_out_does_not_start_an_imported_message(
    calendar: Path, tmp_path: Path, status: str
) -> None:
    """A cancelled post of three months ago made a plan's new message overdue since."""
    today = calendar_today(calendar)
    before, earlier, ahead = (today + timedelta(days=d) for d in (-90, -60, 30))
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "date,channel,title,key_messages,status\n"
        f"{before},LinkedIn,Dropped,Green steel,{status}\n"
        f"{ahead},LinkedIn,Coming,Green steel,scheduled\n"
        f"{earlier},LinkedIn,Went out,Green history,published\n"
        f"{before},LinkedIn,Dropped too,Green history,{status}\n",
        encoding="utf-8",
    )
    code, said = run("import", calendar, plan, "--create-missing")
    assert code == 0
    # What it made, by name, as the window says it ("created 2 key messages" alone).
    assert "  new here: 2 key messages: 'Green steel' and 'Green history'\n" in said
    starts = message_starts(calendar)
    assert starts["Green steel"] == calendar_today(calendar)  # the import's day
    assert starts["Green history"] == earlier


def test_a_key_message_an_ics_import_creates_starts_as_the_file_says(
    calendar: Path, tmp_path: Path
) -> None:
    assert run("message", "add", calendar, "Dated", "--starts-on", "2002-02-02")[0] == 0
    args = ["--channel", "LinkedIn", "--message", "Dated", "--date", "2001-01-01"]
    assert run("post", "add", calendar, "--title", "Old post", *args)[0] == 0
    exported = tmp_path / "plan.ics"
    assert run("export", calendar, "--format", "ics", "-o", exported)[0] == 0
    fresh = tmp_path / "fresh.cadence"
    assert run("init", fresh, "--name", "Fresh")[0] == 0
    assert run("import", fresh, exported, "--create-missing")[0] == 0
    assert message_starts(fresh)["Dated"] == date(2002, 2, 2)


def test_an_ics_export_without_notes_carries_none(calendar: Path, tmp_path: Path) -> None:
    args = ["--channel", "LinkedIn", "--date", "2027-01-04"]
    assert run("post", "add", calendar, "--title", "Launch", *args)[0] == 0
    with CalendarStore.open(calendar) as store:
        (post,) = store.all_posts()
        store.update_post(post.id, {"notes": "Client pays late"})
    kept, shared = tmp_path / "kept.ics", tmp_path / "shared.ics"
    assert run("export", calendar, "--format", "ics", "-o", kept)[0] == 0
    assert run("export", calendar, "--format", "ics", "--without-notes", "-o", shared)[0] == 0
    assert "Client pays late" in kept.read_text(encoding="utf-8")
    assert "Client pays late" not in shared.read_text(encoding="utf-8")
    # A copy of the data keeps them: asked to leave them out, it is refused (it wrote
    # them all the same).
    for fmt in ("csv", "cadence"):
        copy = tmp_path / f"copy.{fmt}"
        assert run("export", calendar, "--format", fmt, "--without-notes", "-o", copy)[0] == 2
        assert not copy.exists()


def test_a_csv_export_with_semicolons_opens_in_excel_where_a_comma_is_a_decimal_mark(
    calendar: Path, tmp_path: Path
) -> None:
    assert (
        run(
            "post",
            "add",
            calendar,
            "--title",
            "Lancement, partie 1",
            "--channel",
            "LinkedIn",
            "--date",
            "2027-01-04",
        )[0]
        == 0
    )
    sheet = tmp_path / "fr.csv"
    assert run("export", calendar, "--format", "csv", "--bom", "--semicolons", "-o", sheet)[0] == 0
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("uid;date;time;channel;")
    assert ";Lancement, partie 1;" in lines[1]  # a comma in a cell needs no quotes now
    refused = tmp_path / "shared.ics"
    assert run("export", calendar, "--format", "ics", "--semicolons", "-o", refused)[0] == 2
    assert not refused.exists()


def test_an_export_of_some_campaigns_and_statuses_has_their_posts_alone(
    calendar: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("Launch", "Summer"):
        assert run("campaign", "add", calendar, name)[0] == 0
    for title, campaign, status in [
        ("Launch teaser", "Launch", "scheduled"),
        ("Launch idea", "Launch", "draft"),
        ("Other", "Summer", "scheduled"),
    ]:
        args = ["--channel", "LinkedIn", "--date", "2027-01-04", "--status", status]
        added = run("post", "add", calendar, "--title", title, "--campaign", campaign, *args)
        assert added[0] == 0
    out = tmp_path / "launch.csv"
    chosen = ["--campaign", "Launch", "--status", "scheduled"]
    assert run("export", calendar, "--format", "csv", *chosen, "-o", out)[0] == 0
    rows = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert [row["title"] for row in rows] == ["Launch teaser"]
    capsys.readouterr()
    assert run("export", calendar, "--format", "csv", "--campaign", "Spring", "-o", out)[0] == 1
    assert capsys.readouterr().err == (
        "cadence: error: There is no campaign called 'Spring' (campaigns: Launch, Summer).\n"
    )


def test_key_messages_an_import_of_a_plan_creates_start_today(tmp_path: Path) -> None:
    """Posts still to come: the message is not overdue since before it existed."""
    plan = tmp_path / "plan.csv"
    later = date.today() + timedelta(days=40)
    plan.write_text(
        f"title,date,channel,key_messages\nLaunch,{later.isoformat()},LinkedIn,Made in Europe\n",
        encoding="utf-8",
    )
    fresh = tmp_path / "fresh.cadence"
    assert run("init", fresh, "--name", "Fresh")[0] == 0
    before = calendar_today(fresh)
    status, _ = run("import", fresh, plan, "--create-missing")
    after = calendar_today(fresh)
    assert status == 0
    start = message_starts(fresh)["Made in Europe"]
    assert start is not None
    assert before <= start <= after


def test_gaps_text_names_overdue_messages(demo: Path) -> None:
    status, out = run("gaps", demo, "--as-of", TODAY)
    assert status == 0
    assert "Installed by local experts" in out
    assert "overdue by" in out


def test_demo_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.cadence", tmp_path / "b.cadence"
    run("demo", first, "--today", TODAY)
    run("demo", second, "--today", TODAY)

    def strip(path: Path) -> list[dict[str, object]]:
        posts = json.loads(run("post", "list", path, "--json")[1])
        for post in posts:
            del post["uid"]
        return list(posts)

    assert strip(first) == strip(second)
    gaps_a = json.loads(run("gaps", first, "--as-of", TODAY, "--json")[1])
    gaps_b = json.loads(run("gaps", second, "--as-of", TODAY, "--json")[1])
    assert gaps_a == gaps_b


def test_demo_starts_its_weeks_as_init_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    for name in ("demo", "init"):
        assert run(name, tmp_path / f"{name}.cadence")[0] == 0
        with CalendarStore.open(tmp_path / f"{name}.cadence") as store:
            assert store.info().week_start == "sunday", name


def test_demo_looks_like_real_work(demo: Path) -> None:
    posts = json.loads(run("post", "list", demo, "--json")[1])
    report = json.loads(run("gaps", demo, "--as-of", TODAY, "--json")[1])
    assert len(report["messages"]) == 5
    assert len({m["cadence_days"] for m in report["messages"]}) >= 4
    assert {m["status"] for m in report["messages"]} >= {"ok", "overdue"}
    assert any(m["gaps"] for m in report["messages"])
    assert sum(p["date"] is None for p in posts) >= 5
    assert len({p["channel"] for p in posts}) == 6
    assert len({p["campaign"] for p in posts if p["campaign"]}) == 3
    dated = sorted(p["date"] for p in posts if p["date"])
    assert dated[0] <= "2026-08-20"
    assert dated[-1] >= "2027-01-10"
    assert any(p["series"] is not None for p in posts)
    assert not any("lorem" in p["body"].lower() for p in posts)
    assert not [p["body"] for p in posts if re.search(r"[?!.]\.", p["body"])]  # "save?."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["post", "add", "{cal}", "--title", "x", "--channel", "Fax"],
            "There is no channel called 'Fax'",
        ),
        (
            ["post", "add", "{cal}", "--title", "x", "--channel", "LinkedIn", "--message", "Nope"],
            "There is no key message called 'Nope'",
        ),
        (
            ["post", "move", "{cal}", "not-a-uid", "--date", "2026-12-01"],
            "There is no post with uid not-a-uid",
        ),
        (["channel", "add", "{cal}", "linkedin"], "There is already a channel called"),
        (["import", "{cal}", "{folder}", "--format", "csv"], "is a folder, not a file to import."),
        # A missing file is said missing, whatever its name (not "cannot tell the format").
        (["import", "{cal}", "{folder}/plan"], "There is no file at"),
        # A pipe ("<(...)", /dev/stdin) was said not to exist.
        (["import", "{cal}", "/dev/null", "--format", "csv"], "is not a plain file"),
        (
            [
                "post",
                "add",
                "{cal}",
                "--title",
                "x",
                "--channel",
                "LinkedIn",
                "--date",
                "2999-12-30",
                "--repeat",
                "FREQ=DAILY;COUNT=5",
            ],
            "The repeat runs past 2999, the last year a calendar plans; end it sooner.",
        ),
        (["post", "list", "{missing}"], "There is no calendar at"),
    ],
)
def test_errors_are_one_line_and_exit_1(
    calendar: Path,
    tmp_path: Path,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    filled = [
        a.format(cal=calendar, missing=tmp_path / "missing.cadence", folder=tmp_path) for a in args
    ]
    status, _ = run(*filled)
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("cadence: error: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "missing.cadence").exists()


EMPTY_REPEAT = ["--date", "2026-12-01", "--repeat", ""]


@pytest.mark.parametrize(
    "args",
    [
        ["post", "add", "{cal}", "--channel", "LinkedIn"],
        ["post", "add", "{cal}", "--title", "x", "--channel", "LinkedIn", "--date", "31/12/2026"],
        ["post", "add", "{cal}", "--title", "x", "--channel", "LinkedIn", "--time", "09:00"],
        ["post", "add", "{cal}", "--title", "x", "--channel", "LinkedIn", "--status", "done"],
        # An empty shell variable: a single post was added without a word.
        ["post", "add", "{cal}", "--title", "x", "--channel", "LinkedIn", *EMPTY_REPEAT],
        ["message", "add", "{cal}", "Title", "--cadence-days", "0"],
        ["channel", "add", "{cal}", "X", "--color", "red"],
        ["export", "{cal}", "--format", "docx", "-o", "out"],
        ["post", "bogus-command"],
        ["gaps", "{cal}", "--as-of", "9999-12-31"],
        ["gaps", "{cal}", "--as-of", "0001-01-01"],
        ["post", "add", "{cal}", "--title", "x", "--channel", "LinkedIn", "--date", "9999-12-25"],
        ["message", "add", "{cal}", "X", "--cadence-days", "²"],
        ["gasp", "{cal}"],  # a mistyped command, not a calendar to open in the window
        ["post", "add", "{cal}", "--title", "x", "--channel", "LinkedIn", "--status", "scheduled"],
        ["post", "add", "{cal}", "--title", "x", "--channel", "LinkedIn", "--status", "published"],
    ],
)
def test_usage_errors_exit_2(
    calendar: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _ = run(*[a.format(cal=calendar) for a in args])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("cadence: error: ")
    assert len(err.strip().splitlines()) == 1


def test_a_usage_error_is_one_sentence_with_its_pointer(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "… does not exist. (see …)" read as two sentences, the second without a verb."""
    assert run("gaps", calendar, "--as-of", "2026-13-01")[0] == 2
    assert capsys.readouterr().err == (
        "cadence: error: argument --as-of: '2026-13-01' names a day that does not exist"
        " (see 'cadence gaps --help')\n"
    )


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["gaps", "{cal}", "--bogus"], "--bogus (see 'cadence gaps --help')"),
        (["post", "list", "{cal}", "--title", "t"], "--title t (see 'cadence post list --help')"),
        (["--bogus"], "--bogus (see 'cadence --help')"),
    ],
)
def test_an_unknown_option_points_at_its_commands_help(
    calendar: Path, args: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It pointed at 'cadence --help', which does not list a command's options."""
    status, _ = run(*[a.format(cal=calendar) for a in args])
    assert status == 2
    assert capsys.readouterr().err == f"cadence: error: unrecognized arguments: {hint}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["gaps", "{cal}", "--from", "2026-12-01", "--to", "2026-11-01"],
            "--to comes before --from",
        ),
        (
            ["gaps", "{cal}", "--as-of", "2026-12-01", "--to", "2026-01-01"],
            "--to comes before 2026-09-02, where the window starts by default",
        ),
        (
            ["gaps", "{cal}", "--as-of", "2026-12-01", "--from", "2027-12-01"],
            "--from comes after 2027-03-01, where the window ends by default",
        ),
        (
            ["post", "list", "{cal}", "--from", "2026-12-01", "--to", "2026-11-01"],
            "--to comes before --from",
        ),
        (
            [
                *("export", "{cal}", "--format", "csv", "-o", "{out}"),
                *("--from", "2026-12-01", "--to", "2026-11-01"),
            ],
            "--to comes before --from",
        ),
        (
            [
                *("message", "add", "{cal}", "Later"),
                *("--starts-on", "2026-12-10", "--ends-on", "2026-12-01"),
            ],
            "--ends-on comes before --starts-on",
        ),
        (
            [
                *("campaign", "add", "{cal}", "Spring"),
                *("--starts-on", "2026-12-10", "--ends-on", "2026-12-01"),
            ],
            "--ends-on comes before --starts-on",
        ),
        (
            ["export", "{cal}", "--format", "csv", "-o", "-"],
            "-o names the file to write; Cadence does not write exports to the terminal.",
        ),
        # Options for another format were taken without a word: a file unlike the one
        # asked for (ISO dates in a CSV asked for month-first).
        (
            ["export", "{cal}", "--format", "ics", "--bom", "-o", "{out}"],
            "--bom is for a CSV file to open in Excel; an ics export keeps its own layout.",
        ),
        (
            ["export", "{cal}", "--format", "csv", "--date-order", "month-first", "-o", "{out}"],
            "--date-order is for the publishing tools' files; a csv export writes its dates",
        ),
        (
            ["import", "{cal}", "-"],
            "FILE names the file to import; Cadence does not read imports from the terminal",
        ),
        # Values Cadence does not take, as 0 days is not (these exited 1, "could not do it").
        (
            ["message", "add", "{cal}", "Big", "--cadence-days", "99999999999999999999"],
            "argument --cadence-days: a cadence is at most 3650 days",
        ),
        (
            ["channel", "add", "{cal}", "Big", "--char-limit", "1000001"],
            "argument --char-limit: a character limit is at most 1,000,000",
        ),
        (
            ["init", "{out}", "--timezone", "Europe/Pariss"],
            "'Europe/Pariss' is not a time zone; use an IANA name like Europe/Paris.",
        ),
    ],
)
def test_dates_that_contradict_each_other_are_a_usage_error(
    calendar: Path,
    tmp_path: Path,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command line, not the calendar, is wrong: exit 2, one line, nothing written."""
    out = tmp_path / "out.csv"
    status, _ = run(*[a.format(cal=calendar, out=out) for a in args])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("cadence: error: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"hello, this is a text file\n", bytes(range(256)) * 8],
    ids=["empty", "text", "random"],
)
def test_hostile_files_get_one_line_and_stay_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hostile.cadence"
    path.write_bytes(content)
    result = cadence("post", "list", path)
    assert result.returncode == 1
    assert result.stderr.startswith("cadence: error: ")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.cadence"]


def test_a_read_only_calendar_is_read_as_it_is_and_nothing_is_left_beside_it(
    demo: Path,
) -> None:
    demo.chmod(0o444)
    listed = cadence("post", "list", demo, "--json", bound_by_permissions=True)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) > 100
    before = demo.read_bytes()
    refused = cadence("channel", "add", demo, "Podcast", bound_by_permissions=True)
    assert refused.returncode == 1
    assert refused.stderr == (
        "cadence: error: The calendar file is read-only, so the change could not be saved.\n"
    )
    assert demo.read_bytes() == before
    assert sorted(p.name for p in demo.parent.iterdir()) == [demo.name]  # no -wal, no -shm

    demo.chmod(0o644)  # writable again: nothing left behind stands in the way
    added = cadence("channel", "add", demo, "Podcast", bound_by_permissions=True)
    assert added.returncode == 0, added.stderr


def test_a_calendar_made_read_only_while_open_is_not_written(demo: Path) -> None:
    """The file's rights change while a program has it open (its connection could
    still write): the next change is refused, as for a file read-only from the start."""
    script = (
        "import os, sys\n"
        "from calendar_app.core.errors import CadenceError\n"
        "from calendar_app.core.store import CalendarStore\n"
        "store = CalendarStore.open(sys.argv[1])\n"
        "os.chmod(sys.argv[1], 0o444)\n"
        "try:\n"
        "    store.add_channel('Podcast')\n"
        "except CadenceError as exc:\n"
        "    print(type(exc).__name__, exc)\n"
        "store.close()\n"
    )
    result = subprocess.run(
        bound([sys.executable, "-c", script, str(demo)]),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.stdout == (  # the computer's doing: the window says nothing was lost
        f"StorageProblem The calendar file {demo} has become read-only, so the change could"
        " not be saved.\n"
    ), result.stderr
    demo.chmod(0o644)
    with CalendarStore.open(demo) as store:
        assert "Podcast" not in {c.name for c in store.channels()}


def test_a_change_made_beside_an_open_window_is_in_the_file_alone(
    calendar: Path, tmp_path: Path
) -> None:
    """With the calendar open elsewhere (a window), SQLite leaves the command line's
    change in the -wal as it closes: a copy of the file alone, as a sync tool or a mail
    takes it, lacked it. A command that only reads leaves the file as it was."""
    with CalendarStore.open(calendar) as window:
        assert window.posts_between(date(2026, 1, 1), date(2027, 12, 31)) == []
        added = cadence(
            *("post", "add", calendar, "--title", "From the terminal", "--channel", "LinkedIn"),
            *("--date", "2026-12-08"),
        )
        assert added.returncode == 0, added.stderr
        copy = tmp_path / "alone.cadence"
        # Copied by another program: a read here would drop this process' locks (POSIX).
        subprocess.run(["cp", str(calendar), str(copy)], check=True)
        with CalendarStore.open(copy) as alone:
            assert [p.title for p in alone.all_posts()] == ["From the terminal"]
        assert window.changed_elsewhere()
        stamp = calendar.stat().st_mtime_ns, Path(f"{calendar}-wal").stat().st_size
        assert cadence("post", "list", calendar).returncode == 0
        assert (calendar.stat().st_mtime_ns, Path(f"{calendar}-wal").stat().st_size) == stamp
        assert not window.changed_elsewhere()  # its undo history stands


def test_a_change_the_disk_would_not_take_into_the_file_is_said(demo: Path, tmp_path: Path) -> None:
    """The disk took the change into the -wal, then no more: the import said "Added 60
    posts" and nothing else, and a copy of the file alone, or a sync tool's copy put in
    its place with the -wal left beside it, lost it or was damaged."""
    size = demo.stat().st_size

    def no_room_to_grow() -> None:  # no file past the calendar's size: its -wal, from empty, fits
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    def import_rows(name: str, count: int) -> subprocess.CompletedProcess[str]:
        plan = tmp_path / f"{name}.csv"
        rows = "".join(
            f"2026-12-{1 + i % 28:02d},LinkedIn,{name} {i},{'x' * 1500}\n" for i in range(count)
        )
        plan.write_text("date,channel,title,body\n" + rows, encoding="utf-8")
        return subprocess.run(
            [sys.executable, "-m", "calendar_app", "import", str(demo), str(plan)],
            capture_output=True,
            text=True,
            check=False,
            preexec_fn=no_room_to_grow,
            timeout=120,
        )

    done = import_rows("Post", 60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Added 60 posts")
    assert done.stderr == (
        f"cadence: warning: The change is saved, but waits beside the calendar in"
        f" {demo.name}-wal: the disk could not take it into the file itself. Free some"
        " space; until then, copy the calendar with its -wal.\n"
    )
    # A change the disk refuses outright is said as refused, with no word of a change
    # saved (it said both).
    refused = import_rows("More", 400)
    assert refused.returncode == 1
    assert "warning" not in refused.stderr
    with CalendarStore.open(demo) as store:  # room again: nothing was lost
        assert len([p for p in store.all_posts() if p.title.startswith("Post ")]) == 60


def test_changes_waiting_beside_a_calendar_in_a_read_only_folder_are_said(
    demo: Path, tmp_path: Path
) -> None:
    """A copy taken with its -wal but not its -shm (a writer still open, or a crash)
    in a folder you may not write: said as such, not as a damaged calendar."""
    folder = tmp_path / "shared"
    folder.mkdir()
    writer = sqlite3.connect(demo)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE calendar SET name = 'Edited'")
        writer.commit()
        shutil.copy(demo, folder / "c.cadence")
        shutil.copy(f"{demo}-wal", folder / "c.cadence-wal")
    finally:
        writer.close()
    folder.chmod(0o555)
    try:
        result = cadence("gaps", folder / "c.cadence", bound_by_permissions=True)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert "has changes waiting beside it (in c.cadence-wal)" in result.stderr
    assert "damaged" not in result.stderr


def test_a_calendar_in_a_read_only_folder_is_read_as_it_is(demo: Path) -> None:
    folder = demo.parent
    before = demo.read_bytes()
    folder.chmod(0o555)
    try:
        listed = cadence("gaps", demo, "--json", bound_by_permissions=True)
        refused = cadence("channel", "add", demo, "Podcast", bound_by_permissions=True)
        listing = sorted(p.name for p in folder.iterdir())
    finally:
        folder.chmod(0o755)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["messages"]
    assert refused.returncode == 1
    # The folder, not the file (which may be written), is what keeps the change out.
    assert refused.stderr == (
        f"cadence: error: The folder {folder} is read-only for you, so the change could not"
        " be saved (Cadence writes beside the calendar as it saves).\n"
    )
    assert listing == [demo.name]
    assert demo.read_bytes() == before


@pytest.mark.parametrize(
    ("table", "held"),
    [
        ("key_messages", "key messages"),
        ("posts_fts", "search index"),
        ("post_messages", "record of the posts' key messages"),
    ],
)
def test_a_calendar_missing_part_of_itself_is_called_damaged(
    demo: Path, table: str, held: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Said with where its backups are, as a file damaged otherwise is ("open a backup
    of it instead" said not where; "no key messages of posts" read oddly)."""
    with closing(sqlite3.connect(demo)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(f"DROP TABLE {table}")
        conn.commit()
    before = demo.read_bytes()
    status, _ = run("post", "list", demo)
    assert status == 1
    assert capsys.readouterr().err == (
        f"cadence: error: {demo} is damaged (it has no {held}); {to_its_backups()}\n"
    )
    assert demo.read_bytes() == before


def test_a_date_another_program_spoiled_is_a_damaged_calendar(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with closing(sqlite3.connect(demo)) as conn:
        conn.execute("UPDATE posts SET date = 'garbage' WHERE id = (SELECT max(id) FROM posts)")
        conn.commit()
    status, _ = run("gaps", demo)
    assert status == 1
    assert capsys.readouterr().err == (
        f"cadence: error: The calendar file {demo} holds 'garbage' where a date belongs; it is"
        f" damaged; {to_its_backups()}\n"
    )


def test_a_problem_nobody_foresaw_is_one_sentence_not_a_traceback(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def unforeseen(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_module, "gap_report", unforeseen)
    status, _ = run("gaps", demo)
    err = capsys.readouterr().err
    assert status == 1
    assert err == (
        "cadence: error: Cadence ran into a problem it did not expect (RuntimeError: a bug);"
        " a bug in Cadence, or a damaged calendar.\n"
    )


def test_running_out_of_memory_half_way_through_an_import_leaves_the_calendar_as_it_was(
    demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "huge.csv"
    rows = "".join(f"Post {n},LinkedIn,2027-01-{n % 28 + 1:02d}\n" for n in range(600))
    source.write_text("title,channel,date\n" + rows, encoding="utf-8")
    insert = CalendarStore.insert_many

    def insert_then_run_out(self: CalendarStore, *args: object, **kwargs: object) -> object:
        insert(self, *args, **kwargs)  # type: ignore[arg-type]
        raise MemoryError

    with CalendarStore.open(demo) as store:
        before = store.count_posts()
    monkeypatch.setattr(CalendarStore, "insert_many", insert_then_run_out)
    status, _ = run("import", demo, source)
    assert status == 1
    assert capsys.readouterr().err == (
        "cadence: error: Cadence ran out of memory, so it stopped and left the calendar as it"
        " was; close other programs, or take less at once: a smaller file to import, fewer"
        " days to export.\n"
    )
    with CalendarStore.open(demo) as store:
        assert store.count_posts() == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a disk always full")
def test_output_that_cannot_be_written_is_said_with_the_change_kept(calendar: Path) -> None:
    """ "> file" on a full disk: the post was added, and "The disk is full, so a file
    could not be written" made a script add it again."""
    command: list[str | Path] = ["post", "add", calendar, "--channel", "LinkedIn"]
    done = cadence(*command, "--title", "Kept", output="full disk")
    assert done.returncode == 1
    assert done.stderr == (
        "cadence: error: Cadence could not write its output (the disk is full); anything"
        " the command changed is saved.\n"
    )
    with CalendarStore.open(calendar) as store:
        assert [p.title for p in store.search("Kept")] == ["Kept"]

    # Started with its output closed, it does nothing: the new post's uid would be lost.
    closed = cadence(*command, "--title", "Unsaid", output="closed")
    assert closed.returncode == 1
    assert "output is closed" in closed.stderr
    with CalendarStore.open(calendar) as store:
        assert store.search("Unsaid") == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a disk always full")
@pytest.mark.parametrize("asked", [["--help"], ["--version"], ["post", "add", "--help"]])
def test_help_that_cannot_be_written_is_said(asked: list[str]) -> None:
    """argparse passed over its own failed write: "--help > file" on a full disk ended
    with status 0 and an empty file, as if all went well."""
    done = cadence(*asked, output="full disk")
    assert done.returncode == 1
    assert done.stderr == (
        "cadence: error: Cadence could not write its output (the disk is full).\n"
    )
    # Started with its output closed, as any command is: not sent to stderr instead.
    closed = cadence(*asked, output="closed")
    assert closed.returncode == 1
    assert closed.stderr == (
        "cadence: error: Cadence's output is closed; send it somewhere, such as >/dev/null\n"
    )


def _window_started(args: list[str], **display: str) -> subprocess.CompletedProcess[str]:
    """``cadence ARGS`` opening the window with no display but ``display`` (DISPLAY=...)."""
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "calendar_app", *args],
        capture_output=True,
        text=True,
        env={**env, **display},
        check=False,
        timeout=120,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux matter")
@pytest.mark.parametrize("args", [[], ["{cal}"]], ids=["default", "a calendar"])
def test_the_window_without_a_display_is_one_sentence(calendar: Path, args: list[str]) -> None:
    done = _window_started([a.format(cal=calendar) for a in args])
    assert done.returncode == 1
    assert done.stderr == (
        "cadence: error: There is no display to show the window on; the commands work"
        " without one (see 'cadence --help').\n"
    )


def test_a_wayland_desktop_without_x11_is_said_when_qt_cannot_draw_on_wayland(
    tmp_path: Path,
) -> None:
    """The built program ships Qt's X11 plugin only: on a Wayland desktop without
    XWayland, Qt aborted with a page of text (exit 134)."""
    x11_only, both = tmp_path / "x11", tmp_path / "both"
    for folder, plugins in (
        (x11_only, ["libqxcb.so"]),
        (both, ["libqxcb.so", "libqwayland-egl.so"]),
    ):
        (folder / "platforms").mkdir(parents=True)
        for plugin in plugins:
            (folder / "platforms" / plugin).touch()
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}

    def answers(name: str, environ: Mapping[str, str]) -> bool:
        return True

    assert cli_module.display_problem(wayland, lambda: [str(x11_only)], answers) == (
        "This Wayland desktop runs no X11 display (XWayland), which Cadence shows its"
        " window on; turn XWayland on, or use the commands (see 'cadence --help')."
    )
    assert cli_module.display_problem(wayland, lambda: [str(x11_only), str(both)], answers) is None
    with_x = {**wayland, "DISPLAY": ":0"}
    assert cli_module.display_problem(with_x, lambda: [str(x11_only)], answers) is None
    assert cli_module.display_problem({"QT_QPA_PLATFORM": "offscreen"}, list) is None

    # Wayland asked for by hand where none answers: Qt aborted with a page of text.
    def answers_not(name: str, environ: Mapping[str, str]) -> bool:
        return False

    assert cli_module.display_problem({"QT_QPA_PLATFORM": "wayland"}, list, answers_not) == (
        "QT_QPA_PLATFORM asks for Wayland, and no Wayland display answers here; unset it,"
        " or use the commands (see 'cadence --help')."
    )
    assert cli_module.display_problem({"QT_QPA_PLATFORM": "wayland"}, list, answers) is None
    assert cli_module.display_problem({"QT_QPA_PLATFORM": "wayland;xcb"}, list, answers_not) is None
    assert cli_module.display_problem({}, list) == (
        "There is no display to show the window on; the commands work without one"
        " (see 'cadence --help')."
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux matter")
def test_a_display_named_but_gone_is_one_sentence(calendar: Path, tmp_path: Path) -> None:
    """DISPLAY left by a closed ssh session or a stopped X server: Qt aborted with a
    page of text (exit 134, a core dump)."""
    number = _unused_display()
    done = _window_started([str(calendar)], DISPLAY=f":{number}")
    assert done.returncode == 1
    assert done.stderr == (
        f"cadence: error: The display :{number} cannot be reached (a closed remote session or"
        " a stopped desktop); open Cadence on a desktop, or use the commands (see"
        " 'cadence --help').\n"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux matter")
def test_a_display_that_answers_but_refuses_is_one_sentence(calendar: Path) -> None:
    """Cadence run through sudo on the desktop's display: the X server answers, refuses
    the connection, and Qt aborted with a page of text (exit 134, a core dump)."""
    import socket
    import struct
    import threading

    number = _unused_display()
    reason = b"Authorization required, but no authorization protocol specified"
    refusal = struct.pack("<BBHHH", 0, len(reason), 11, 0, (len(reason) + 3) // 4)
    refusal += reason.ljust((len(reason) + 3) // 4 * 4, b"\0")

    def refuse_all(server: socket.socket) -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:  # shut down
                return
            with connection, contextlib.suppress(OSError):  # (a connection only tried)
                if connection.recv(4096):  # the client's greeting and authorisation
                    connection.sendall(refusal)

    with socket.socket(socket.AF_UNIX) as server:  # an X server, by Linux's abstract name
        server.bind(f"\0/tmp/.X11-unix/X{number}")
        server.listen(4)
        threading.Thread(target=refuse_all, args=(server,), daemon=True).start()
        done = _window_started([str(calendar)], DISPLAY=f":{number}")
        server.shutdown(socket.SHUT_RDWR)
    assert done.returncode == 1
    assert done.stderr == (
        f"cadence: error: The display :{number} refused Cadence's window: open Cadence as"
        " the user logged in to the desktop (not through sudo or su), or use the commands"
        " (see 'cadence --help').\n"
    )
    from calendar_app.ui.main import display_refusal

    assert display_refusal(":0", "\nqt.qpa.xcb: the screen has no visual\nmore\n") == (
        "Qt could not show a window on the display :0 (qt.qpa.xcb: the screen has no visual)."
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux matter")
def test_wayland_asked_for_where_none_answers_is_one_sentence(
    calendar: Path, tmp_path: Path
) -> None:
    done = _window_started(
        [str(calendar)], QT_QPA_PLATFORM="wayland", XDG_RUNTIME_DIR=str(tmp_path)
    )
    assert (done.returncode, done.stderr) == (
        1,
        "cadence: error: QT_QPA_PLATFORM asks for Wayland, and no Wayland display answers"
        " here; unset it, or use the commands (see 'cadence --help').\n",
    )


def _unused_display() -> int:
    return next(n for n in range(4000, 5000) if not Path(f"/tmp/.X11-unix/X{n}").exists())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux matter")
def test_a_display_that_answers_is_told_from_one_gone(tmp_path: Path) -> None:
    import socket

    number = _unused_display()
    assert not cli_module.display_reachable(f":{number}", {})
    with socket.socket(socket.AF_UNIX) as listening:  # as an X server does, by Linux's
        listening.bind(f"\0/tmp/.X11-unix/X{number}")  # abstract name
        listening.listen(1)
        assert cli_module.display_reachable(f":{number}", {})
        assert cli_module.display_reachable(f":{number}.0", {})
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(1)
        port = listening.getsockname()[1]
        if port >= 6000:
            assert cli_module.display_reachable(f"127.0.0.1:{port - 6000}", {})
    runtime = tmp_path / "run"
    runtime.mkdir()
    assert not cli_module.display_reachable("wayland:wayland-9", {"XDG_RUNTIME_DIR": str(runtime)})
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(runtime / "wayland-9"))
        assert cli_module.display_reachable("wayland:wayland-9", {"XDG_RUNTIME_DIR": str(runtime)})
    assert not cli_module.display_reachable("wayland:wayland-9", {})
    assert not cli_module.display_reachable("127.0.0.1:70000", {})  # no such port


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("cadence ")
    with pytest.raises(SystemExit):
        main(["post", "add", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--title" in text
    assert "--repeat" in text
    assert "backlog" in text
    assert "planned 366 days ahead" in text  # as the README says it ("one year" said less)
    with pytest.raises(SystemExit):
        main(["init", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    # What --timezone takes besides a zone's name, as the README says it.
    assert "part of one such as 'new york'" in text
    assert "abbreviation such as EST" in text


EXPORT_FORMATS = ["ics", "csv", "hootsuite", "sprout", "html", "pdf", "cadence"]
PER_CHANNEL = {"hootsuite", "sprout"}  # a file per channel, named after the target


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_no_export_overwrites_the_calendar_or_its_side_files(
    demo: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    """(``qapp``: the PDF export needs the application pytest-qt would make.)"""
    link = tmp_path / "link.out"
    link.symlink_to(demo)
    with CalendarStore.open(demo) as store:  # open: the -wal and -shm files exist
        store.add_channel("Kept")
        before = demo.read_bytes(), Path(f"{demo}-wal").read_bytes()
        for target in (demo, link, Path(f"{demo}-wal"), Path(f"{demo}-shm")):
            status, _ = run("export", demo, "--format", fmt, "-o", target)
            err = capsys.readouterr().err
            assert status == 1, target
            assert "cannot overwrite the calendar it is made from" in err
        assert (demo.read_bytes(), Path(f"{demo}-wal").read_bytes()) == before
        assert link.is_symlink()
    with CalendarStore.open(demo) as store:
        assert store.channel_named("Kept") is not None


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f not in {"cadence", *PER_CHANNEL}])
def test_no_export_replaces_another_calendar(
    demo: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    """A slip of the name ("-o b.cadence") lost every post of another calendar to a CSV
    file, also one open in a window. Only a copy of a calendar replaces one."""
    other = tmp_path / "b.cadence"
    assert run("demo", other)[0] == 0
    before = other.read_bytes()
    status, _ = run("export", demo, "--format", fmt, "-o", other)
    assert status == 1
    assert capsys.readouterr().err.strip() == (
        "cadence: error: b.cadence is a calendar, which an export does not replace;"
        " choose another name."
    )
    assert other.read_bytes() == before
    with CalendarStore.open(other) as store:  # open elsewhere: its changes in its -wal
        store.add_channel("Kept")
        assert run("export", demo, "--format", fmt, "-o", other)[0] == 1
    with CalendarStore.open(other) as store:
        assert store.channel_named("Kept") is not None
    capsys.readouterr()
    assert run("export", demo, "--format", "cadence", "-o", other)[0] == 0  # a copy may
    places = tmp_path / "places.sqlite"  # a browser's history, say
    with closing(sqlite3.connect(places)) as browser:
        browser.execute("CREATE TABLE visits (url TEXT)")
    assert run("export", demo, "--format", fmt, "-o", places)[0] == 1
    assert capsys.readouterr().err.strip() == (
        "cadence: error: places.sqlite is a database of another program, which an export"
        " does not replace; choose another name."
    )


def test_a_copy_over_another_calendar_keeps_that_calendar_as_a_backup(
    demo: Path, calendar: Path, tmp_path: Path
) -> None:
    """A script's slip of the name ("-o clientB.cadence") made a client's whole calendar
    a copy of another, exit 0, no copy of it kept anywhere."""
    from calendar_app.app import data_folder
    from calendar_app.core.backups import backup_folder

    before = demo.read_bytes()
    status, said = run("export", calendar, "--format", "cadence", "-o", demo)
    assert status == 0
    (kept,) = backup_folder(data_folder()).glob("demo *.cadence")
    assert said.strip() == (
        f"Exported 0 posts to {demo}. The calendar it replaced is kept as {kept}."
    )
    assert kept.read_bytes() == before
    with CalendarStore.open(demo) as copy:
        assert copy.info().name == "Client"
    # A copy over a file that is no calendar keeps nothing.
    new = tmp_path / "new.cadence"
    status, said = run("export", calendar, "--format", "cadence", "-o", new)
    assert said.strip() == f"Exported 0 posts to {new}."
    assert list(backup_folder(data_folder()).glob("new *")) == []
    # Replaced again in the same second, each kept under a name of its own, and none
    # thinned as backups are (the next backup's thinning deleted the first).
    from datetime import datetime, timedelta

    from calendar_app.core.backups import make_backup

    originals = [new.read_bytes()]
    run("export", demo, "--format", "cadence", "-o", new)
    originals.append(new.read_bytes())
    run("export", calendar, "--format", "cadence", "-o", new)
    kept_new = sorted(backup_folder(data_folder()).glob("new *replaced*.cadence"))
    assert sorted(p.read_bytes() for p in kept_new) == sorted(originals)
    with CalendarStore.open(new) as store:
        later = datetime.now() + timedelta(days=30)
        make_backup(store, backup_folder(data_folder()), now=later)
    assert all(p.exists() for p in kept_new)
    # Each is a backup of the calendar all the same, its time said (the window's title,
    # Save a Copy As over the calendar, a paste that keeps notes).
    from calendar_app.core.backups import backup_stamp, is_backup_of

    assert all(is_backup_of(p, new) and backup_stamp(p) is not None for p in kept_new)


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f not in PER_CHANNEL])
def test_an_export_through_a_link_writes_the_file_it_points_to(
    demo: Path, tmp_path: Path, fmt: str, qapp: object
) -> None:
    real = tmp_path / "shared" / "plan.out"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "plan.out"
    link.symlink_to(real)
    assert run("export", demo, "--format", fmt, "-o", link)[0] == 0
    assert link.is_symlink()
    assert real.read_bytes() != b"old"


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_export_again_keeps_who_may_read_the_file(
    demo: Path, tmp_path: Path, fmt: str, qapp: object
) -> None:
    """A client's export kept private (0600) stays private when it is made again; a new
    one is readable as any file is."""
    target = tmp_path / "private.out"
    fresh = tmp_path / "fresh.out"
    assert run("export", demo, *AS_OF, "--format", fmt, "-o", fresh)[0] == 0
    written = [fresh] if fmt not in PER_CHANNEL else list(tmp_path.glob("fresh-*"))
    assert written
    assert {stat.S_IMODE(p.stat().st_mode) & 0o044 for p in written} == {0o044}
    if fmt in PER_CHANNEL:  # one file per channel, each made private after the first run
        assert run("export", demo, *AS_OF, "--format", fmt, "-o", target)[0] == 0
        private = list(tmp_path.glob("private-*"))
    else:
        target.write_bytes(b"old")
        private = [target]
    for path in private:
        path.chmod(0o600)
    assert run("export", demo, *AS_OF, "--format", fmt, "-o", target)[0] == 0
    assert {stat.S_IMODE(p.stat().st_mode) for p in private} == {0o600}
    assert all(p.read_bytes() != b"old" for p in private)


@pytest.mark.parametrize("fmt", ["ics", "hootsuite", "pdf", "cadence"])
def test_an_export_over_a_read_only_file_or_into_a_read_only_folder_is_refused(
    demo: Path, tmp_path: Path, fmt: str
) -> None:
    kept = tmp_path / "kept.out"
    if fmt in PER_CHANNEL:
        assert run("export", demo, *AS_OF, "--format", fmt, "-o", kept)[0] == 0
        files = sorted(tmp_path.glob("kept-*"))
    else:
        kept.write_bytes(b"sent to the client")
        files = [kept]
    before = {p: p.read_bytes() for p in files}
    for path in files:
        path.chmod(0o444)
    refused = cadence(
        "export", demo, *AS_OF, "--format", fmt, "-o", kept, bound_by_permissions=True
    )
    assert refused.returncode == 1
    assert "is read-only, so it was not replaced" in refused.stderr
    assert {p: p.read_bytes() for p in files} == before
    assert sorted(tmp_path.iterdir()) == sorted([demo, *files])  # nothing left beside

    folder = tmp_path / "sent"
    folder.mkdir(mode=0o555)
    try:
        refused = cadence(
            "export",
            demo,
            *AS_OF,
            "--format",
            fmt,
            "-o",
            folder / "x.out",
            bound_by_permissions=True,
        )
    finally:
        folder.chmod(0o755)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"cadence: error: Cadence cannot write in the folder {folder}: it is read-only"
        " for you; choose another folder.\n"
    )


def test_an_export_into_a_file_taken_for_a_folder_says_so(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "env.sh").write_text("x")
    status, _ = run("export", demo, "--format", "ics", "-o", tmp_path / "env.sh" / "x.ics")
    assert status == 1
    assert (
        capsys.readouterr().err
        == f"cadence: error: {tmp_path / 'env.sh'} is a file, not a folder.\n"
    )


def test_an_export_to_a_pipe_is_refused_not_replaced(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    status, _ = run("export", demo, "--format", "ics", "-o", pipe)
    assert status == 1
    assert "is not a plain file" in capsys.readouterr().err
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    # Through a link, as /dev/stdout is to the pipe a shell gives it: said the same way
    # (it said "/proc/.../fd/pipe:[...] does not exist").
    link = tmp_path / "stdout"
    held = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)
    try:
        link.symlink_to(f"/proc/self/fd/{held}")
        status, _ = run("export", demo, "--format", "csv", "-o", link)
    finally:
        os.close(held)
    assert status == 1
    assert f"{link} is not a plain file" in capsys.readouterr().err


def test_export_cadence_writes_a_copy_that_opens(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "copy.cadence"
    monkeypatch.chdir(tmp_path)
    status, said = run("export", demo, "--format", "cadence", "-o", "copy.cadence")
    assert status == 0
    assert f" to {out}." in said  # in full, as every other format says it
    original = json.loads(run("post", "list", demo, "--json")[1])
    copied = json.loads(run("post", "list", out, "--json")[1])
    assert copied == original


def test_export_cadence_keeps_only_the_posts_asked_for(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "client.cadence"
    asked = ["--channel", "LinkedIn", "--from", "2026-12-01", "--to", "2026-12-31"]
    status, said = run("export", demo, "--format", "cadence", "-o", out, *asked)
    assert status == 0
    wanted = json.loads(run("post", "list", demo, "--json", *asked)[1])
    assert wanted
    assert json.loads(run("post", "list", out, "--json")[1]) == wanted
    assert said.startswith(f"Exported {len(wanted)} posts")
    # What was left out is gone from the file, not only from its tables: its uid, and
    # the words of its title and body (which the search index holds too).
    kept = {p["uid"] for p in wanted}
    kept_words = {w for p in wanted for w in f"{p['title']} {p['body']}".split()}
    left_out = [
        p for p in json.loads(run("post", "list", demo, "--json")[1]) if p["uid"] not in kept
    ]
    content = out.read_bytes()
    assert all(p["uid"].encode() not in content for p in left_out)
    with sqlite3.connect(out) as conn:  # every text the copy holds on purpose
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("posts_fts")
        ]
        held = " ".join(
            str(value)
            for table in tables
            for row in conn.execute(f'SELECT * FROM "{table}"')
            for value in row
        )
    secret = {w for p in left_out for w in p["body"].split() if len(w) > 6 and w not in held}
    assert secret
    assert [w for w in secret if w.encode() in content] == []
    assert json.loads(run("post", "list", out, "--json")[1]) == wanted  # and search works:
    with CalendarStore.open(out) as copy:
        word = next(w for w in kept_words if w.isalpha() and len(w) > 6)
        assert copy.search(word)
    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (orphans,) = conn.execute(
            "SELECT count(*) FROM series WHERE id NOT IN (SELECT series_id FROM posts"
            " WHERE series_id IS NOT NULL)"
        ).fetchone()
    assert orphans == 0
    assert not list(tmp_path.glob(".cadence-copy-*"))
    # It names only the channels, key messages and campaigns its posts use: a copy of
    # some posts for another client brings nothing else of this one.
    with CalendarStore.open(out) as copy:
        assert [c.name for c in copy.channels(include_archived=True)] == ["LinkedIn"]
        assert {m.title for m in copy.key_messages(include_archived=True)} == {
            t for p in wanted for t in p["key_messages"]
        }
        assert {c.name for c in copy.campaigns()} == {p["campaign"] for p in wanted} - {None}
    with CalendarStore.open(demo) as whole:
        assert len(whole.key_messages(include_archived=True)) > len(
            {t for p in wanted for t in p["key_messages"]}
        )
        assert len(whole.campaigns()) > len({p["campaign"] for p in wanted} - {None})


def test_import_cadence_merges_by_uid_and_twice_changes_nothing(demo: Path, calendar: Path) -> None:
    theirs = json.loads(run("post", "list", demo, "--json")[1])
    status, out = run("import", calendar, demo)
    assert status == 0
    assert out == (
        f"Added {len(theirs)} posts, updated 0, 0 already up to date;"
        " created 4 channels, 5 key messages, 3 campaigns.\n"
        "  new here: 4 channels: 'Instagram', 'Blog', 'Press release' and 1 more; 5 key"
        " messages: 'Solar pays for itself', 'Installed by local experts', 'Every roof"
        " counts' and 2 more; 3 campaigns: 'Home Battery launch', 'Free roof check' and"
        " 'Winter install offer'\n"
    )
    merged = json.loads(run("post", "list", calendar, "--json")[1])
    assert {p["uid"] for p in theirs} <= {p["uid"] for p in merged}
    status, out = run("import", calendar, demo)
    assert status == 0
    assert json.loads(run("post", "list", calendar, "--json")[1]) == merged
    assert out == f"Added 0 posts, updated 0, {len(theirs)} already up to date.\n"


def test_a_merge_told_to_make_what_is_missing_keeps_each_posts_channel(
    demo: Path, calendar: Path
) -> None:
    """``--channel`` takes the posts of channels this calendar lacks; with
    ``--create-missing`` those channels are made, as a CSV import makes them (all the
    posts went to LinkedIn, and merging again did not mend it)."""
    theirs = {p["uid"]: p["channel"] for p in json.loads(run("post", "list", demo, "--json")[1])}
    status, _ = run("import", calendar, demo, "--channel", "LinkedIn", "--create-missing")
    assert status == 0
    merged = {
        p["uid"]: p["channel"] for p in json.loads(run("post", "list", calendar, "--json")[1])
    }
    assert theirs.items() <= merged.items()
    assert len(set(theirs.values())) > 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_an_import_ends_its_progress_on_a_terminal_once(
    calendar: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Importing: 100%" stood on two lines at the end of an import."""
    plan = tmp_path / "plan.csv"
    rows = (f"2026-12-{1 + i % 28:02d},LinkedIn,Post {i}" for i in range(3000))
    plan.write_text("date,channel,title\n" + "\n".join(rows) + "\n", encoding="utf-8")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run("import", calendar, plan)[0] == 0
    shown = terminal.getvalue()
    assert shown.count("Importing: 100%") == 1
    assert shown.endswith("\rImporting: 100%\n")
    figures = [int(part.split(": ")[1].rstrip("%\n")) for part in shown.split("\r")[1:]]
    assert figures == sorted(set(figures))  # each figure once, rising


def test_a_platform_s_channel_comes_with_its_character_limit(tmp_path: Path) -> None:
    """As on a new calendar's form: "Bluesky" added here had no limit."""
    path = tmp_path / "c.cadence"
    assert run("init", path)[0] == 0
    for name in ("Bluesky", "threads", "Press"):
        assert run("channel", "add", path, name)[0] == 0
    assert run("channel", "add", path, "X", "--char-limit", "250")[0] == 0
    with CalendarStore.open(path) as store:
        limits = {c.name: c.char_limit for c in store.channels()}
    assert limits == {"Bluesky": 300, "threads": 500, "Press": None, "X": 250}


def test_the_import_help_says_what_each_format_does_with_channel_and_create_missing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Cadence .ics brings its channels whatever --channel says, a merge puts posts of
    channels not here on it: the help said neither, only "items that name no known
    channel"."""
    exported = tmp_path / "plan.ics"
    assert run("export", demo, "--format", "ics", "-o", exported)[0] == 0
    fresh = tmp_path / "fresh.cadence"
    assert run("init", fresh)[0] == 0
    assert run("import", fresh, exported, "--channel", "Inbox")[0] == 0
    channels = {p["channel"] for p in json.loads(run("post", "list", fresh, "--json")[1])}
    assert "Inbox" not in channels
    assert len(channels) > 1
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "a .cadence file's posts on channels not here (unless --create-missing)" in said
    assert "an .ics file Cadence wrote brings its own channels" in said
    assert "for CSV and other programs' .ics: make the channels" in said


def test_a_merge_puts_posts_of_channels_not_here_on_the_channel_named(
    demo: Path, tmp_path: Path
) -> None:
    path = tmp_path / "mine.cadence"
    assert run("init", path)[0] == 0
    assert run("channel", "add", path, "Blog")[0] == 0
    theirs = {p["uid"]: p["channel"] for p in json.loads(run("post", "list", demo, "--json")[1])}
    assert run("import", path, demo, "--channel", "Everything")[0] == 0
    merged = {p["uid"]: p["channel"] for p in json.loads(run("post", "list", path, "--json")[1])}
    assert {merged[uid] for uid, channel in theirs.items() if channel != "Blog"} == {"Everything"}
    assert {merged[uid] for uid, channel in theirs.items() if channel == "Blog"} == {"Blog"}


def test_text_that_is_not_utf8_is_said_and_leaves_no_calendar_behind(tmp_path: Path) -> None:
    """A name typed in a Latin-1 terminal: one plain sentence, exit 2, and no half-made
    calendar in the way of the next try (it was "a bug in Cadence" and a file that
    "was not set up")."""
    path = tmp_path / "cafe.cadence"
    result = cadence("init", path, "--name", "Caf\udce9")
    assert result.returncode == 2
    assert result.stderr == (
        "cadence: error: 'Caf\ufffd' is not UTF-8 text, which Cadence keeps names and"
        " texts in; check the terminal's language settings\n"
    )
    assert list(tmp_path.iterdir()) == []
    assert cadence("init", path, "--name", "Café").returncode == 0
    # A file name in that encoding is a legal name: the calendar is named after it.
    # (In a UTF-8 locale that is not C, where Python writes strictly: the calendar was
    # made, then "Created the calendar" failed on the name and called it a mistake.)
    odd = tmp_path / "Caf\udce9.cadence"
    made = subprocess.run(
        [sys.executable, "-m", "calendar_app", "init", str(odd)],
        capture_output=True,
        check=False,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(b"Created the calendar 'Caf\xef\xbf\xbd' (")
    assert made.stdout.rstrip().endswith(b"Caf\xe9.cadence.")  # the name's own bytes
    with CalendarStore.open(odd) as store:
        assert store.info().name == "Caf\ufffd"
    # Of a calendar so named and a channel name typed so, the name is the one said.
    added = subprocess.run(
        [sys.executable, "-m", "calendar_app", "channel", "add", str(odd), "Li\udce9"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert added.returncode == 2
    assert added.stderr.decode() == (
        "cadence: error: 'Li\ufffd' is not UTF-8 text, which Cadence keeps names and"
        " texts in; check the terminal's language settings\n"
    )


def test_an_output_without_the_characters_says_them_as_it_can(
    calendar: Path, tmp_path: Path
) -> None:
    """Output in an encoding without "🚀" (a Latin-1 terminal; Windows writes a file
    it is sent to in cp1252): the work is done and said, exit 0, the listings whole
    (a move already saved said "a bug in Cadence", a listing stopped at the title)."""
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}

    def latin1(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "calendar_app", *map(str, args)]
        return subprocess.run(command, capture_output=True, env=env, check=False, timeout=60)

    uid = run(
        *("post", "add", calendar, "--title", "Launch 🚀 à Lyon", "--channel", "LinkedIn"),
        *("--message", "Made in Europe", "--date", "2026-12-01"),
    )[1].strip()
    run(
        "post",
        "add",
        calendar,
        "--title",
        "Before",
        "--channel",
        "LinkedIn",
        "--date",
        "2026-12-02",
    )
    moved = latin1("post", "move", calendar, uid, "--date", "2026-12-08")
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.decode("latin-1").startswith("Moved 'Launch ? à Lyon' to ")
    listed = latin1("post", "list", calendar)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.decode("latin-1").splitlines()
    assert len(lines) == 2
    assert lines[1].endswith(f"Launch ? à Lyon  [Made in Europe]  {uid}")
    # JSON says every character, escaped: read back, it is the calendar's text.
    as_json = latin1("post", "list", calendar, "--json")
    assert as_json.returncode == 0, as_json.stderr
    assert [p["title"] for p in json.loads(as_json.stdout)] == ["Before", "Launch 🚀 à Lyon"]
    assert run("message", "add", calendar, "Zéro 🌍", "--starts-on", "2026-11-01")[0] == 0
    gaps = latin1("gaps", calendar, "--json", "--as-of", "2026-12-10")
    assert gaps.returncode == 0, gaps.stderr
    assert "Zéro 🌍" in {m["title"] for m in json.loads(gaps.stdout)["messages"]}
    # An error line says them as the output does, not as Python's escapes ("\U0001f680").
    refused = latin1("post", "add", calendar, "--title", "Launch 🚀", "--channel", "Fax 🚀")
    assert refused.returncode != 0
    said = refused.stderr.decode("latin-1")
    assert "'Fax ?'" in said, said
    assert "\\U" not in said


def test_python_s_ascii_c_locale_says_what_it_lacks_as_it_can(
    calendar: Path, tmp_path: Path
) -> None:
    """LC_ALL=C without Python's UTF-8 mode (an old container's setting) writes ASCII
    that stops at any other letter: the export was written, then its summary's en dash
    said "a bug in Cadence"; a listing stopped at its first Japanese title."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    assert (
        run(
            *("post", "add", calendar, "--title", "ブログ Grüße", "--channel", "LinkedIn"),
            *("--date", "2026-12-01"),
        )[0]
        == 0
    )
    command = [sys.executable, "-m", "calendar_app"]
    out = tmp_path / "plan.html"
    exported = subprocess.run(
        [*command, "export", str(calendar), "--format", "html", "-o", str(out)],
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    assert b" ? " in exported.stdout  # the period's en dash
    # Columns padded for what shows: "ブログ" is six columns wide, its "???" three.
    assert run("channel", "add", calendar, "ブログ")[0] == 0
    assert (
        run(
            *("post", "add", calendar, "--title", "On the blog", "--channel", "ブログ"),
            *("--date", "2026-12-02"),
        )[0]
        == 0
    )
    listed = subprocess.run(
        [*command, "post", "list", str(calendar)],
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.decode("ascii").splitlines()
    assert "??? Gr??e" in lines[0]
    assert lines[1].index("On the blog") == lines[0].index("??? Gr??e")
    assert " ???  " in lines[1]


def test_digits_of_another_script_are_read_as_digits(calendar: Path, tmp_path: Path) -> None:
    """Typed on an Arabic keyboard: the date was refused, and "COUNT=٣" was kept as
    typed and written so into the .ics other programs read."""
    status, _ = run(
        *("post", "add", calendar, "--title", "Weekly", "--channel", "LinkedIn"),
        *("--date", "٢٠٢٦-١٢-٠١", "--time", "١٠:٣٠", "--repeat", "FREQ=WEEKLY;COUNT=٣"),
    )
    assert status == 0
    posts = json.loads(run("post", "list", calendar, "--json")[1])
    assert [(p["date"], p["time"]) for p in posts] == [
        ("2026-12-01", "10:30"),
        ("2026-12-08", "10:30"),
        ("2026-12-15", "10:30"),
    ]
    with closing(sqlite3.connect(calendar)) as db:
        assert db.execute("SELECT rrule FROM series").fetchall() == [("FREQ=WEEKLY;COUNT=3",)]
    out = tmp_path / "plan.ics"
    assert run("export", calendar, "--format", "ics", "-o", out)[0] == 0
    written = out.read_bytes().decode()
    assert "FREQ=WEEKLY;COUNT=3" in written
    assert not re.search("[٠-٩]", written)


def test_dates_are_typed_as_the_help_says_in_any_width(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Full-width digits were read only beside ASCII signs (a Japanese input method
    types both full width); "2026-W01" was taken as 2025-12-29, a day of another year."""
    status, _ = run(
        *("post", "add", calendar, "--title", "Wide", "--channel", "LinkedIn"),
        *("--date", "２０２６－１２－０２", "--time", "０９：３０"),
    )
    assert status == 0
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert (post["date"], post["time"]) == ("2026-12-02", "09:30")
    listed = run(
        "post", "list", calendar, "--from", "２０２６ー１２ー０２", "--to", "2026\u201012\u201002"
    )
    assert listed[0] == 0
    assert post["uid"] in listed[1]
    for odd in ("2026-W01", "2026W011", "20261201", "2026-12-1"):
        capsys.readouterr()
        status, _ = run("post", "list", calendar, "--from", odd)
        assert status == 2
        assert f"'{odd}' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err
    status, _ = run("post", "list", calendar, "--from", "2026-02-30")
    assert status == 2
    assert "'2026-02-30' names a day that does not exist" in capsys.readouterr().err


def test_counts_and_kinds_typed_as_a_user_would(calendar: Path) -> None:
    """A cadence typed in Arabic digits was refused (dates took them); a channel
    added as "Newsletter" without --kind was social."""
    assert run("message", "add", calendar, "Fourteen", "--cadence-days", "١٤")[0] == 0
    assert run("channel", "add", calendar, "Email newsletter", "--char-limit", "３０００")[0] == 0
    assert run("channel", "add", calendar, "Town hall")[0] == 0
    with CalendarStore.open(calendar) as store:
        fourteen = store.key_message_titled("Fourteen")
        assert fourteen is not None
        assert fourteen.cadence_days == 14
        kinds = {c.name: (c.kind, c.char_limit) for c in store.channels()}
    assert kinds["Email newsletter"] == ("newsletter", 3000)
    assert kinds["Town hall"] == ("social", None)


def test_a_channel_file_is_named_in_the_systems_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hootsuite and Sprout files are named after channels: in a Latin-1 locale a
    name with "🚀" has no bytes ("Launch 🚀" stopped the export with an error)."""
    from calendar_app.exchange.csv_profiles import channel_paths

    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "iso8859-1")
    assert channel_paths(Path("out.csv"), "Launch 🚀 Café", 1) == [Path("out-Launch _ Café.csv")]


def test_the_command_line_never_loads_qt(demo: Path) -> None:
    code = (
        "import sys\n"
        "from calendar_app.cli import main\n"
        f"main(['post', 'list', {str(demo)!r}, '--json'])\n"
        f"main(['gaps', {str(demo)!r}])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was loaded'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_core_and_exchange_never_load_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import calendar_app.core, calendar_app.exchange\n"
        "for pkg in (calendar_app.core, calendar_app.exchange):\n"
        "    for info in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + info.name)\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was loaded'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_a_publishing_export_names_the_posts_too_long_for_their_channel(
    calendar: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counted in the summary on stdout; each post named on stderr (a script keeping
    the result kept 4,135 lines of them each night at 100k posts)."""
    day = (date.today() + timedelta(days=30)).isoformat()
    args = ["--channel", "LinkedIn", "--date", day, "--time", "09:00"]
    assert run("post", "add", calendar, "--title", "Essay", "--body", "x" * 3100, *args)[0] == 0
    args[-1] = "09:05"
    assert run("post", "add", calendar, "--title", "Hot take", *args)[0] == 0
    capsys.readouterr()
    status, out = run("export", calendar, "--format", "sprout", "-o", tmp_path / "s.csv")
    assert status == 0
    err = capsys.readouterr().err
    assert "1 post is longer than its channel allows; the tool may refuse it." in out
    assert f"  too long: 'Essay' on {day}: 3,107 characters in the file (title and text)," in err
    assert "1 post is less than 10 minutes after another on its channel;" in out
    assert f"  too close: 'Hot take' on {day} at 09:05: 5 min after 'Essay' on LinkedIn" in err
    assert "too long: " not in out


def test_an_export_names_the_files_it_wrote_with_its_summary_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A script keeping the result learns every file a publishing tool's export made (the
    names went to stderr with the warnings)."""
    demo = tmp_path / "demo.cadence"
    assert run("demo", demo)[0] == 0
    capsys.readouterr()
    status, out = run("export", demo, "--format", "hootsuite", "-o", tmp_path / "out.csv")
    assert status == 0
    made = sorted(p.name for p in tmp_path.glob("out-*.csv"))
    assert len(made) > 3
    assert sorted(Path(line.split("written: ")[1]).name for line in out.splitlines()[1:]) == made
    assert "written: " not in capsys.readouterr().err


def test_a_calendar_damaged_inside_is_named_and_left_as_it_is(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("post", "add", calendar, "--title", "One", "--channel", "LinkedIn")[0] == 0
    damage_inside(calendar)
    before = calendar.read_bytes()
    capsys.readouterr()
    assert run("post", "list", calendar)[0] == 1
    assert capsys.readouterr().err == (
        f"cadence: error: The calendar file {calendar} is damaged; {to_its_backups()}\n"
    )
    assert calendar.read_bytes() == before


def test_a_time_the_clocks_skip_is_taken_and_said(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Paris goes from 02:00 to 03:00 on 28 March 2027: 02:30 is kept as written, with a
    note of when calendar programs (and the clock) have it."""
    args = ["--title", "Night", "--channel", "LinkedIn", "--date", "2027-03-28", "--time", "02:30"]
    status, out = run("post", "add", calendar, *args)
    assert status == 0
    assert capsys.readouterr().err == (
        "(the clocks go forward that night: 02:30 does not exist on 2027-03-28,"
        " so the post goes out at 03:30)\n"
    )
    uid = out.strip()
    assert run("post", "move", calendar, uid, "--date", "2027-03-29")[0] == 0
    assert capsys.readouterr().err == ""
    assert run("post", "move", calendar, uid, "--date", "2027-03-28")[0] == 0
    assert "02:30 does not exist on 2027-03-28" in capsys.readouterr().err
    # Paris goes back from 03:00 to 02:00 on 31 October 2027: 02:30 comes twice.
    assert run("post", "move", calendar, uid, "--date", "2027-10-31")[0] == 0
    assert capsys.readouterr().err == (
        "(the clocks go back that night: 02:30 comes twice on 2027-10-31,"
        " and the post goes out at the first)\n"
    )


def test_a_series_crossing_a_night_the_clocks_change_says_so(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every day at 02:30 from 26 March: only a series starting on the night itself
    was said to go out an hour later there. The series counted first: after the night's
    note, "(and 4 more occurrences of the series)" read as four more such nights."""
    args = ["--title", "Night", "--channel", "LinkedIn", "--date", "2027-03-26", "--time", "02:30"]
    assert run("post", "add", calendar, *args, "--repeat", "FREQ=DAILY;COUNT=5")[0] == 0
    assert capsys.readouterr().err == (
        "(and 4 more occurrences of the series)\n"
        "(the clocks go forward that night: 02:30 does not exist on 2027-03-28,"
        " so the post goes out at 03:30)\n"
    )


def test_a_name_too_long_for_the_disk_is_said_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not as a problem Cadence did not expect: the disk refuses names over 255 bytes."""
    path = tmp_path / f"{'日本語' * 40}.cadence"
    status, _ = run("init", path)
    err = capsys.readouterr().err
    assert status == 1
    assert (
        err == f"cadence: error: The name {path} is too long for the disk; choose a shorter one.\n"
    )


def _imported(calendar: Path, title: str) -> str:
    """The uid of a post added as a file brought it, its title as it was there (the
    command line's post add keeps a title on one line)."""
    with CalendarStore.open(calendar) as store:
        channel = store.channel_named("LinkedIn")
        assert channel is not None
        (made,) = store.add_post(NewPost(title, channel.id)).created
        return store.post(made).uid


def test_post_list_keeps_each_post_on_its_line(calendar: Path) -> None:
    """A title with a line end or a terminal's escape code (from an imported file) split
    the listing or reached the terminal; the JSON keeps it exactly."""
    title = "Two\nlines \x1b[31mred"
    _imported(calendar, title)
    listed = run("post", "list", calendar)[1].splitlines()
    assert len(listed) == 1
    assert "Two lines" in listed[0]
    assert "\x1b" not in listed[0]
    (post,) = json.loads(run("post", "list", calendar, "--json")[1])
    assert post["title"] == title


def test_what_a_command_says_of_a_title_stays_on_its_line(
    calendar: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title from an imported file with an escape code and a line end: "Moved …",
    an import's skipped lines and an error quoting a name reached the terminal raw (the
    screen cleared, the terminal retitled, one line said in two)."""
    title = "Evil \x1b[2J\x1b]0;pwned\x07 title\nsecond line"
    uid = _imported(calendar, title)
    status, said = run("post", "move", calendar, uid, "--date", "2026-12-03")
    assert status == 0
    assert said.count("\n") == 1
    assert "\x1b" not in said
    assert "\x07" not in said
    assert "Moved 'Evil" in said
    assert "title second line' to 2026-12-03" in said
    plan = tmp_path / "plan.csv"
    plan.write_text(
        'title,date,channel\n"Bad \x1b]0;pwned\x07",2026-12-04,"Nope\x1b[31m"\n',
        encoding="utf-8",
    )
    status, said = run("import", calendar, plan)
    assert status == 1  # its one row skipped
    assert "skipped" in said
    assert "Nope" in said
    assert "\x1b" not in said
    assert "\x07" not in said
    capsys.readouterr()
    status, _ = run("post", "add", calendar, "--title", "x", "--channel", "Nope\x1b[31m\nmore")
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("cadence: error: There is no channel called 'Nope")
    assert err.count("\n") == 1
    assert "\x1b" not in err


def test_a_post_added_on_what_is_archived_says_so(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window offers no archived channel for a new post; the command line added one
    there without a word, out of the sidebar."""
    with CalendarStore.open(calendar) as store:
        linkedin = store.channel_named("LinkedIn")
        assert linkedin is not None
        store.update_channel(linkedin.id, archived=True)
    # Named as kept, not as typed; and not said to be left out of the sidebar, which
    # lists an archived channel while posts are on it.
    status, out = run("post", "add", calendar, "--title", "Kept", "--channel", " ＬinkedIn ")
    assert status == 0
    assert out.strip()  # its uid, as ever
    assert capsys.readouterr().err == "(added on what is archived here: the channel 'LinkedIn')\n"
    run("post", "add", calendar, "--title", "Plain", "--channel", "Newsletter")
    assert capsys.readouterr().err == ""


def test_an_import_that_brings_nothing_in_fails(
    calendar: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every row or event skipped exited 0, "Added 0 posts": a script took it for done."""
    plan = tmp_path / "plan.csv"
    plan.write_text("title,date,channel\nLaunch,2026-12-04,Threads\n", encoding="utf-8")
    capsys.readouterr()
    status, said = run("import", calendar, plan)
    assert status == 1
    assert "  skipped: row 2, column 'channel': there is no channel" in said
    assert capsys.readouterr().err == (
        "cadence: error: Nothing in plan.csv could be imported; the lines above say why.\n"
    )
    events = _one_event(tmp_path / "events.ics")
    assert run("import", calendar, events)[0] == 1  # another program's: no channel given
    with CalendarStore.open(calendar) as store:
        assert store.all_posts() == []
    assert run("import", calendar, plan, "--create-missing")[0] == 0
    assert run("import", calendar, plan)[0] == 0  # again: found here, up to date
    assert run("import", calendar, events, "--channel", "LinkedIn")[0] == 0


def test_an_import_refused_for_its_content_says_nothing_was_imported(
    calendar: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "cadence: error: line 2: a quote opened…" named no file, as the window did not."""
    bad = tmp_path / "plan.csv"
    bad.write_text('date,channel,title\n2026-12-08,LinkedIn,"Launch day\n', "utf-8")
    capsys.readouterr()
    assert run("import", calendar, bad)[0] == 1
    assert capsys.readouterr().err == (
        "cadence: error: Nothing was imported from plan.csv (line 2): a quote opened on this"
        ' row is never closed; a quote inside a cell must be doubled ("").\n'
    )


def test_an_import_onto_an_archived_channel_says_so(calendar: Path, tmp_path: Path) -> None:
    """As a merge and a paste do: an .ics or CSV import put its posts there unsaid."""
    with CalendarStore.open(calendar) as store:
        linkedin = store.channel_named("LinkedIn")
        assert linkedin is not None
        store.update_channel(linkedin.id, archived=True)
    plan = tmp_path / "plan.csv"
    plan.write_text("title,date,channel\nKept,2026-12-04,LinkedIn\n", encoding="utf-8")
    status, said = run("import", calendar, plan)
    assert status == 0
    assert "  note: Posts came onto what is archived here: 'LinkedIn'.\n" in said
    events = _one_event(tmp_path / "events.ics")
    status, said = run("import", calendar, events, "--channel", "LinkedIn")
    assert status == 0
    assert "  note: Posts came onto what is archived here: 'LinkedIn'.\n" in said
    status, said = run("import", calendar, events, "--channel", "LinkedIn")
    assert "archived" not in said  # nothing came in


def test_an_import_moving_a_post_onto_an_archived_channel_says_so(
    calendar: Path, tmp_path: Path
) -> None:
    """A colleague moved a post onto a channel archived here: "updated 1", unsaid."""
    uid = run("post", "add", calendar, "--title", "Moved", "--channel", "LinkedIn")[1].strip()
    sheet = tmp_path / "sheet.csv"
    assert run("export", calendar, "--format", "csv", "-o", sheet)[0] == 0
    with CalendarStore.open(calendar) as store:
        newsletter = store.channel_named("Newsletter")
        assert newsletter is not None
        store.update_channel(newsletter.id, archived=True)
    rows = sheet.read_text(encoding="utf-8").splitlines()
    rows = [row.replace(",LinkedIn,", ",Newsletter,") if uid in row else row for row in rows]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    status, said = run("import", calendar, sheet)
    assert status == 0
    assert said.startswith("Added 0 posts, updated 1")
    assert "  note: Posts came onto what is archived here: 'Newsletter'.\n" in said
    status, said = run("import", calendar, sheet)  # again: nothing moved, nothing said
    assert "archived" not in said


def test_post_list_names_key_messages_in_the_window_s_order(calendar: Path) -> None:
    """Case and accents aside, as the window and the JSON list them ("Zebra" came
    before "apple" and "Éclair" last)."""
    for title in ("Zebra", "apple", "Éclair"):
        assert run("message", "add", calendar, title)[0] == 0
    args = ["--message", "Zebra", "--message", "Éclair", "--message", "apple"]
    assert run("post", "add", calendar, "--title", "T", "--channel", "LinkedIn", *args)[0] == 0
    (line,) = run("post", "list", calendar)[1].splitlines()
    assert "[apple, Éclair, Zebra]" in line


# -- behaviours a round of mutation testing found unpinned ------------------------------


def _posts(path: Path) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = json.loads(run("post", "list", path, "--json")[1])
    return listed


def _add(path: Path, title: str, day: str, *options: str) -> str:
    """``cadence post add`` of a LinkedIn post on ``day``; its uid."""
    status, out = run(
        "post", "add", path, "--title", title, "--channel", "LinkedIn", "--date", day, *options
    )
    assert status == 0
    return out.strip()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_an_empty_status_cell_leaves_each_post_s_status(calendar: Path, tmp_path: Path) -> None:
    """DESIGN: an empty status means unchanged for an existing post (a published post
    turned scheduled would go to the publishing tools again)."""
    published = _add(calendar, "Launch", "2026-07-01", "--status", "published")
    draft = _add(calendar, "Teaser", "2026-07-09", "--status", "draft")
    sheet = _write(
        tmp_path / "f.csv",
        f"uid,date,channel,title,status\r\n{published},2026-07-02,LinkedIn,Launch,\r\n"
        f"{draft},2026-07-10,LinkedIn,Teaser,\r\n",
    )
    assert run("import", calendar, sheet)[0] == 0
    assert [(p["title"], p["date"], p["status"]) for p in _posts(calendar)] == [
        ("Launch", "2026-07-02", "published"),
        ("Teaser", "2026-07-10", "draft"),
    ]


def test_two_alike_rows_without_uid_update_two_alike_posts(calendar: Path, tmp_path: Path) -> None:
    for body in ("old A", "old B"):
        _add(calendar, "Tip of the day", "2026-07-01", "--body", body)
    sheet = _write(
        tmp_path / "f.csv",
        "date,channel,title,body\r\n2026-07-01,LinkedIn,Tip of the day,new A\r\n"
        "2026-07-01,LinkedIn,Tip of the day,new B\r\n",
    )
    assert run("import", calendar, sheet)[0] == 0
    assert sorted(str(p["body"]) for p in _posts(calendar)) == ["new A", "new B"]


def test_a_december_date_tells_a_file_is_month_first(calendar: Path, tmp_path: Path) -> None:
    """12/20/2026 can only be month first, so 12/05/2026 is 5 December (12 is a month)."""
    sheet = _write(
        tmp_path / "f.csv",
        "date,channel,title\r\n12/05/2026,LinkedIn,Holiday teaser\r\n"
        "12/20/2026,LinkedIn,Holiday launch\r\n",
    )
    assert run("import", calendar, sheet)[0] == 0
    assert [(p["title"], p["date"]) for p in _posts(calendar)] == [
        ("Holiday teaser", "2026-12-05"),
        ("Holiday launch", "2026-12-20"),
    ]


def test_a_date_emptied_in_a_file_without_times_unschedules_a_timed_post(
    calendar: Path, tmp_path: Path
) -> None:
    """It was refused whole: "A post without a date cannot have a time"."""
    uid = _add(calendar, "Launch", "2026-07-01", "--time", "09:30", "--status", "draft")
    sheet = _write(tmp_path / "f.csv", f"uid,date,channel,title\r\n{uid},,LinkedIn,Launch\r\n")
    assert run("import", calendar, sheet)[0] == 0
    assert [(p["date"], p["time"], p["status"]) for p in _posts(calendar)] == [
        (None, None, "draft")
    ]


def test_a_campaign_survives_its_post_coming_back_from_another_program(
    calendar: Path, tmp_path: Path
) -> None:
    """An .ics written by Cadence, edited in another program that drops Cadence's own
    lines: the post comes back retitled, still in its campaign."""
    run("campaign", "add", calendar, "Spring launch")
    _add(calendar, "Teaser", "2027-03-01", "--campaign", "Spring launch")
    out = tmp_path / "out.ics"
    assert run("export", calendar, "--format", "ics", "-o", out)[0] == 0
    lines = out.read_bytes().decode("utf-8").replace("\r\n ", "").split("\r\n")
    kept = [line for line in lines if not line.startswith("X-CADENCE")]
    assert len(kept) < len(lines)
    back = [line.replace("SUMMARY:Teaser", "SUMMARY:Teaser (final)") for line in kept]
    _write(tmp_path / "back.ics", "\r\n".join(back))
    assert run("import", calendar, tmp_path / "back.ics", "--channel", "LinkedIn")[0] == 0
    assert [(p["title"], p["campaign"]) for p in _posts(calendar)] == [
        ("Teaser (final)", "Spring launch")
    ]


ICS_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n"
ICS_TAIL = "END:VEVENT\r\nEND:VCALENDAR\r\n"


def test_a_repeat_until_a_day_keeps_that_day_s_occurrence(calendar: Path, tmp_path: Path) -> None:
    """A timed weekly event whose UNTIL is a date: 25 January is its last Monday."""
    event = (
        "UID:series@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART;TZID=Europe/Paris:20270104T090000\r\nSUMMARY:Monday tip\r\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20270125\r\n"
    )
    source = _write(tmp_path / "f.ics", ICS_HEAD + event + ICS_TAIL)
    assert run("import", calendar, source, "--channel", "LinkedIn")[0] == 0
    assert [p["date"] for p in _posts(calendar)] == [
        "2027-01-04",
        "2027-01-11",
        "2027-01-18",
        "2027-01-25",
    ]


def test_an_endless_repeat_begun_years_ago_comes_in_up_to_now_and_beyond(
    calendar: Path, tmp_path: Path
) -> None:
    event = (
        "UID:weekly@example.com\r\nDTSTAMP:20230101T000000Z\r\n"
        "DTSTART;VALUE=DATE:20230102\r\nSUMMARY:Monday tip\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\n"
    )
    source = _write(tmp_path / "f.ics", ICS_HEAD + event + ICS_TAIL)
    assert run("import", calendar, source, "--channel", "LinkedIn")[0] == 0
    days = [str(p["date"]) for p in _posts(calendar)]
    assert days[0] == "2023-01-02"
    assert days[-1] > date.today().isoformat()


def test_a_key_message_or_campaign_of_one_day(calendar: Path) -> None:
    """Black Friday starts and ends on the same day."""
    one_day = ("--starts-on", "2026-11-27", "--ends-on", "2026-11-27")
    assert run("message", "add", calendar, "Black Friday", *one_day)[0] == 0
    assert run("campaign", "add", calendar, "Flash sale", *one_day)[0] == 0


def test_gaps_of_a_past_window_know_the_deliveries_since(calendar: Path) -> None:
    """Asked as of 1 June about January to March, a message delivered on 5 April and
    28 May is not overdue since April: its last delivery is 28 May."""
    run("message", "add", calendar, "Weekly", "--cadence-days", "7", "--starts-on", "2026-01-01")
    for day in ("2026-04-05", "2026-05-28"):
        _add(calendar, day, day, "--message", "Weekly")
    window = ("--from", "2026-01-01", "--to", "2026-03-31")
    status, out = run("gaps", calendar, "--as-of", "2026-06-01", *window, "--json")
    assert status == 0
    (weekly,) = [m for m in json.loads(out)["messages"] if m["title"] == "Weekly"]
    assert (weekly["status"], weekly["overdue_days"], weekly["last_delivery"]) == (
        "unplanned",
        0,
        "2026-05-28",
    )


def test_a_confirmed_event_later_today_is_still_to_go_out(calendar: Path, tmp_path: Path) -> None:
    """Confirmed events of days gone by came out; today's is scheduled (as published,
    the publishing tools' exports would leave it out)."""
    today = datetime.now(ZoneInfo("Europe/Paris")).strftime("%Y%m%d")  # the calendar's
    event = (
        f"UID:tonight@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Paris:{today}T235900\r\nSUMMARY:Tonight\r\nSTATUS:CONFIRMED\r\n"
    )
    source = _write(tmp_path / "f.ics", ICS_HEAD + event + ICS_TAIL)
    assert run("import", calendar, source, "--channel", "LinkedIn")[0] == 0
    assert [p["status"] for p in _posts(calendar)] == ["scheduled"]


def test_a_calendar_brought_up_to_date_says_where_it_is_kept_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Listing a calendar of an earlier release brought it up to date without a word:
    that release then refused it."""
    from tests.files import write_schema_4

    path = tmp_path / "old.cadence"
    write_schema_4(path)
    status, out = run("post", "list", path)
    assert status == 0
    assert "Old post" in out
    err = capsys.readouterr().err
    assert err.startswith("(brought up to date from an earlier release of Cadence,")
    kept = Path(err.split(" is kept in ")[1].rstrip(")\n"))
    assert kept.is_file()
    assert run("post", "list", path) == (0, out)  # once
    assert capsys.readouterr().err == ""


def test_a_day_that_does_not_exist_is_said_as_such(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "'2027-02-30' is not a date; write it as YYYY-MM-DD", written just so."""
    status, _ = run("gaps", calendar, "--as-of", "2027-02-30")
    assert status == 2
    assert "'2027-02-30' names a day that does not exist" in capsys.readouterr().err
    status, _ = run("gaps", calendar, "--as-of", "30/02/2027")
    assert status == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err


def _add_repeating(calendar: Path, rule: str) -> int:
    """``post add`` of a post on LinkedIn repeating by ``rule``: its exit status."""
    args = ("--title", "T", "--channel", "LinkedIn", "--date", "2026-12-01", "--repeat", rule)
    return run("post", "add", calendar, *args)[0]


def test_a_yearly_repeat_on_the_29th_of_february_starts_in_the_next_leap_year(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add_repeating(calendar, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29") == 0
    err = capsys.readouterr().err
    assert "the series starts on 2028-02-29" in err
    # Its next day, four years on, is past the year ahead a rule without an end plans:
    # a series of one post was made without a word.
    assert err.endswith(
        "(the repeat gives no other day within a year of 2028-02-29: end it with COUNT or"
        " UNTIL to plan more)\n"
    )
    with CalendarStore.open(calendar) as store:
        assert [p.date for p in store.all_posts() if p.title == "T"] == [date(2028, 2, 29)]
    assert _add_repeating(calendar, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2") == 0
    assert "no other day" not in capsys.readouterr().err


def test_a_number_of_thousands_of_digits_is_a_usage_error_in_a_short_sentence(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "invalid _positive_int value: '999…'" with all 4,400 digits."""
    huge = "9" * 4400
    status, _ = run("message", "add", calendar, "Local jobs", "--cadence-days", huge)
    err = capsys.readouterr().err
    assert status == 2
    assert "'99999999999999999999…' is far too large" in err
    assert "_positive_int" not in err
    assert len(err) < 300
    status = _add_repeating(calendar, f"FREQ=DAILY;COUNT={huge}")
    err = capsys.readouterr().err
    assert status == 2
    assert "COUNT in the repeat rule is far larger than a series may have" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "rule",
    [
        "weekly",
        "FREQ=FORTNIGHTLY",
        "FREQ=HOURLY",
        "FREQ=WEEKLY;UNTIL=2027-01-01",
        "FREQ=DAILY;COUNT=0",
    ],
)
def test_a_malformed_repeat_rule_is_a_mistake_in_the_command(
    calendar: Path, capsys: pytest.CaptureFixture[str], rule: str
) -> None:
    """Exit 2, as a malformed date: it exited 1, as if Cadence could not do it."""
    before = calendar.read_bytes()
    status = _add_repeating(calendar, rule)
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("cadence: error: argument --repeat: ")
    assert err.count("\n") == 1
    assert "(see 'cadence post add --help')" in err
    assert calendar.read_bytes() == before
    # One that runs past the calendar's years is well formed: Cadence cannot do it.
    status = _add_repeating(calendar, "FREQ=YEARLY;INTERVAL=500;COUNT=3")
    assert status == 1
    assert "runs past 2999" in capsys.readouterr().err


def test_with_its_error_output_closed_a_command_writes_nothing_else_to_its_output(
    calendar: Path,
) -> None:
    """ "uid=$(cadence post add … 2>&-)" captured "cadence: error: …" (Python's print
    falls back to the output when the error output is closed)."""
    script = (
        f'"{sys.executable}" -m calendar_app.cli post add "{calendar}" --title T'
        " --channel Nope 2>&-"
    )
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout == ""


def test_help_says_how_to_open_the_window_on_a_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    """It said only that no command opens the window; a file named opens it there."""
    with pytest.raises(SystemExit):
        main(["--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "'cadence FILE.cadence' opens it on that calendar." in said


def test_a_colour_given_like_another_s_of_its_kind_is_said(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two channels of one blue were taken without a word: the report drew them alike."""
    capsys.readouterr()
    assert run("channel", "add", calendar, "Mastodon", "--color", "#b8127a")[0] == 0
    assert capsys.readouterr().err == ""
    assert run("channel", "add", calendar, "Fediverse", "--color", "#b9137b")[0] == 0
    assert capsys.readouterr().err == (
        "(the colour given looks like that of 'Mastodon': choose another in the window's"
        " Edit > Channels… to tell them apart)\n"
    )
    assert run("channel", "add", calendar, "Radio", "--color", "#e8a33d")[0] == 0
    assert capsys.readouterr().err == ""
    assert run("message", "add", calendar, "Warm", "--color", "#ff0000")[0] == 0
    assert run("message", "add", calendar, "Hot", "--color", "#fe0101")[0] == 0
    assert "looks like that of 'Warm'" in capsys.readouterr().err
    assert run("campaign", "add", calendar, "Spring", "--color", "#2b8a3e")[0] == 0
    assert run("campaign", "add", calendar, "Summer", "--color", "#2c8b3f")[0] == 0
    assert "looks like that of 'Spring'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "first"),
    [(["demo", "plan.cadence"], ""), (["gaps", "plan.cadence"], "There is no calendar at")],
)
def test_a_command_run_in_a_folder_since_deleted_says_so(
    tmp_path: Path, command: list[str], first: str
) -> None:
    """ "a file does not exist", naming none, or "There is no calendar at plan.cadence"
    where ls shows it (the folder made again): the folder the name was read in was gone."""
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]);"
        " from calendar_app.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(gone), *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"cadence: error: {first}")
    assert done.stderr.endswith(
        "The folder this command was run in has been deleted; go to another one (cd) and run"
        " it again.\n"
    )
