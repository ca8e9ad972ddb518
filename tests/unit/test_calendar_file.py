"""The calendar file contract: what Cadence opens, what it refuses, and that it never
touches a file it refuses."""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from calendar_app.core import database
from calendar_app.core.backups import copy_target
from calendar_app.core.demo import write_demo
from calendar_app.core.errors import (
    CalendarFileError,
    InvalidInput,
    NewerSchemaError,
    StorageProblem,
    to_its_backups,
)
from calendar_app.core.models import NewPost
from calendar_app.core.store import CalendarStore
from calendar_app.exchange.formats import ImportOptions, no_progress
from calendar_app.exchange.merge import merge_into

from ..files import damage_inside, no_file_past, write_older
from ..terminal import cadence

SIDECARS = ("-wal", "-shm", "-journal")


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _folder_listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def _assert_untouched(path: Path, before: tuple[bytes, int], listing: list[str]) -> None:
    assert _snapshot(path) == before
    assert _folder_listing(path) == listing
    for suffix in SIDECARS:
        assert not Path(str(path) + suffix).exists()


def _random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _make_random(path: Path) -> None:
    path.write_bytes(_random_bytes(4096, 1))


def _make_random_with_magic(path: Path) -> None:
    path.write_bytes(database.SQLITE_MAGIC + _random_bytes(4096, 2))


def _make_random_with_wal_header(path: Path) -> None:
    # A plausible header (page size 4096, WAL read/write versions) over garbage: SQLite
    # would open -wal and -shm files for it if asked to read it the ordinary way.
    data = bytearray(database.SQLITE_MAGIC + _random_bytes(8192 - 16, 3))
    data[16:18] = (4096).to_bytes(2, "big")
    data[18] = data[19] = 2
    path.write_bytes(bytes(data))


def _make_short_magic(path: Path) -> None:
    path.write_bytes(database.SQLITE_MAGIC + b"cut short")


def _make_empty(path: Path) -> None:
    path.write_bytes(b"")


def _make_text(path: Path) -> None:
    path.write_text("Subject: weekly plan\n\nMonday: newsletter\n", encoding="utf-8")


def _make_other_program(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, email TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ada', 'ada@example.org')")
        conn.commit()


def _make_other_program_wal(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE contacts (name TEXT, email TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ada', 'ada@example.org')")
        conn.commit()


def _make_truncated(path: Path) -> None:
    source = path.with_name("whole.cadence")
    with CalendarStore.create(source, timezone="Europe/Paris") as whole:
        channel = whole.add_channel("Blog", kind="blog").created[0]
        whole.add_posts(
            NewPost(title=f"Post {i} " + "words " * 40, channel_id=channel) for i in range(200)
        )
    data = source.read_bytes()
    source.unlink()
    path.write_bytes(data[: len(data) // 2])


def _make_newer(path: Path) -> None:
    CalendarStore.create(path, name="From the future", timezone="Europe/Paris").close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
        conn.commit()


NOT_CADENCE = "is not a Cadence calendar."
DAMAGED = "is damaged, so Cadence cannot read it; "
"""Then the way to its backups, which names the folder they are in (the test's own)."""
OTHER_PROGRAM = "is a database of another program, not a Cadence calendar."

HOSTILE: list[tuple[str, Callable[[Path], None], str]] = [
    ("random bytes", _make_random, NOT_CADENCE),
    ("random bytes after the SQLite magic", _make_random_with_magic, DAMAGED),
    ("garbage behind a WAL-mode header", _make_random_with_wal_header, DAMAGED),
    ("SQLite magic cut short", _make_short_magic, NOT_CADENCE),
    ("empty file", _make_empty, "is empty, so it is not a Cadence calendar."),
    ("text file", _make_text, NOT_CADENCE),
    ("another program's database", _make_other_program, OTHER_PROGRAM),
    ("another program's WAL database", _make_other_program_wal, OTHER_PROGRAM),
    ("a calendar cut in half", _make_truncated, DAMAGED),
]


@pytest.mark.parametrize(
    ("make", "message"), [(m, msg) for _, m, msg in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_hostile_file_is_refused_and_left_untouched(
    tmp_path: Path, make: Callable[[Path], None], message: str
) -> None:
    path = tmp_path / "plan.cadence"
    make(path)
    before, listing = _snapshot(path), _folder_listing(path)

    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.open(path).close()

    assert not isinstance(caught.value, NewerSchemaError)
    way_on = to_its_backups() if message == DAMAGED else ""
    assert str(caught.value) == f"{path} {message}{way_on}"
    _assert_untouched(path, before, listing)


def test_a_damaged_file_names_the_backups_folder_only_once_there_is_one(tmp_path: Path) -> None:
    """A first start said "open one of its backups, kept in …/Backups", a folder that
    did not exist."""
    from calendar_app.app import data_folder
    from calendar_app.core.backups import backup_folder

    path = tmp_path / "plan.cadence"
    _make_truncated(path)
    folder = backup_folder(data_folder())
    assert not folder.exists()
    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.open(path).close()
    assert str(caught.value).endswith(
        "if it is one of your calendars, open a copy of it kept elsewhere."
    )
    folder.mkdir(parents=True)
    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.open(path).close()
    assert str(caught.value).endswith(f"open one of its backups, kept in {folder}.")


@pytest.mark.parametrize("name", ["plan.ics", "Plan.CSV", "sheet.txt"])
def test_a_file_to_import_opened_as_a_calendar_is_told_the_way_to_import_it(
    tmp_path: Path, name: str
) -> None:
    """ "cadence plan.ics" said only "is not a Cadence calendar"."""
    path = tmp_path / name
    path.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    before, listing = _snapshot(path), _folder_listing(path)
    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.open(path).close()
    assert str(caught.value) == (
        f"{path} is not a Cadence calendar, but its posts can be imported into one: File >"
        " Import in the window, or 'cadence import CALENDAR FILE'."
    )
    _assert_untouched(path, before, listing)


@pytest.mark.parametrize(
    ("column", "spoiled", "said"),
    [
        ("date", "2027-02-30", "The calendar file {path} holds '2027-02-30' where a date belongs"),
        ("time", "25:61", "The calendar file {path} holds '25:61' where a time belongs"),
        ("created_at", "yesterday", "spoiled.cadence holds a post Cadence cannot read"),
    ],
)
def test_a_post_another_program_spoiled_is_said_in_one_sentence(
    tmp_path: Path, column: str, spoiled: str, said: str
) -> None:
    path = tmp_path / "spoiled.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        message = store.add_key_message("Told").created[0]
        store.add_post(NewPost("Fine", channel, (message,), date=date(2027, 6, 5), time=time(9, 0)))
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(f"UPDATE posts SET {column} = ?", [spoiled])
    before = path.read_bytes()
    with CalendarStore.open(path) as store:
        with pytest.raises(CalendarFileError) as problem:
            store.all_posts()
        assert str(problem.value).startswith(said.format(path=path))  # named: which file
        assert str(problem.value).endswith(f"damaged; {to_its_backups()}")  # and the way on
        if column == "date":  # what the cadence analysis reads is checked too
            with pytest.raises(CalendarFileError) as read:
                store.delivery_rows(date(2027, 1, 1))
            assert str(read.value).startswith(said.format(path=path))
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("table", "column", "spoiled", "what"),
    [
        ("campaigns", "starts_on", "2026-12,26", "a date"),
        ("campaigns", "kind", "sbheduled", "a kind of campaign"),
        ("key_messages", "ends_on", "soon", "a date"),
    ],
)
def test_a_value_another_program_spoiled_names_the_file_and_its_backups(
    tmp_path: Path, table: str, column: str, spoiled: str, what: str
) -> None:
    """A campaign's damaged date was said without the file's name or where its backups
    are ("The calendar file holds '2026-12,26' where a date belongs"); a kind no one
    knows was no sentence at all."""
    path = tmp_path / "spoiled.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        store.add_campaign("Spring")
        store.add_key_message("Told")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute(f"UPDATE {table} SET {column} = ?", [spoiled])
    said = (
        f"The calendar file {path} holds {spoiled!r} where {what} belongs; it is damaged;"
        f" {to_its_backups()}"
    )
    with CalendarStore.open(path) as store, pytest.raises(CalendarFileError) as problem:
        store.campaigns() if table == "campaigns" else store.key_messages()
    assert str(problem.value) == said
    if table == "key_messages":  # one read alone too
        with CalendarStore.open(path) as store, pytest.raises(CalendarFileError) as one:
            store.key_message(1)
        assert str(one.value) == said


def test_a_spoiled_first_or_last_day_names_the_file_and_its_backups(tmp_path: Path) -> None:
    """The calendar's range of days (the page's export, the agenda) read without the
    file's name or where its backups are."""
    path = tmp_path / "spoiled.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        store.add_post(NewPost("First", channel, date=date(2026, 12, 1)))
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE posts SET date = '2026-13-01'")
    with CalendarStore.open(path) as store, pytest.raises(CalendarFileError) as problem:
        store.date_range()
    assert str(problem.value) == (
        f"The calendar file {path} holds '2026-13-01' where a date belongs; it is damaged;"
        f" {to_its_backups()}"
    )


def test_file_from_a_newer_cadence_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.cadence"
    _make_newer(path)
    before, listing = _snapshot(path), _folder_listing(path)

    with pytest.raises(NewerSchemaError) as caught:
        CalendarStore.open(path).close()

    assert str(caught.value) == (
        f"{path} was saved by a newer version of Cadence; update Cadence to open it."
    )
    _assert_untouched(path, before, listing)


def test_newer_version_is_seen_in_a_file_another_program_has_open(tmp_path: Path) -> None:
    # The newer version number sits only in the write-ahead log of a connection that is
    # still open (as when a newer Cadence has the calendar open, or crashed).
    path = tmp_path / "future.cadence"
    CalendarStore.create(path, timezone="Europe/Paris").close()
    with closing(sqlite3.connect(path)) as other:
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
        other.commit()
        main_file = _snapshot(path)

        with pytest.raises(NewerSchemaError):
            CalendarStore.open(path).close()

        assert _snapshot(path) == main_file
        assert other.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION + 1


def test_a_calendar_a_newer_cadence_updates_while_open_here_takes_no_change(
    tmp_path: Path,
) -> None:
    """A newer Cadence brought the file up to its version while this one had it open:
    this one's changes went on being written into it, by rules that are no longer the
    file's. Refused at the write (its lock held, so no update slips in between)."""
    path = tmp_path / "shared.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        store.add_channel("LinkedIn")
        with closing(sqlite3.connect(path)) as newer:
            newer.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
            newer.commit()
        with pytest.raises(NewerSchemaError) as caught:
            store.add_channel("Newsletter")
        assert str(caught.value) == (
            "shared.cadence was brought up to date by a newer version of Cadence while it"
            " was open here; update Cadence to change it. This change was not saved."
        )
        assert [c.name for c in store.channels()] == ["LinkedIn"]
    with closing(sqlite3.connect(path)) as look:
        assert look.execute("SELECT name FROM channels").fetchall() == [("LinkedIn",)]


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "plan.cadence"
    folder.mkdir()

    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.open(folder).close()

    assert str(caught.value) == f"{folder} is a folder, not a calendar file."
    assert folder.is_dir()
    assert list(folder.iterdir()) == []
    assert _folder_listing(folder) == ["plan.cadence"]


def test_a_pipe_is_refused_without_reading_it(tmp_path: Path) -> None:
    # A named pipe waits for a writer for ever ("cadence post list p.cadence" hung).
    # One is held open here with bytes in it, so that a read would return, not hang.
    pipe = tmp_path / "p.cadence"
    os.mkfifo(pipe)
    held = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)
    try:
        os.write(held, b"SQLite format 3\x00" + bytes(84))
        with pytest.raises(CalendarFileError) as caught:
            CalendarStore.open(pipe).close()
        assert os.read(held, 200)[:6] == b"SQLite"  # left unread
    finally:
        os.close(held)

    assert (
        str(caught.value) == f"{pipe} is not a plain file (a pipe or a device), so not a calendar."
    )


def test_missing_path_is_refused_without_creating_a_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.cadence"

    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.open(path).close()

    assert str(caught.value) == f"There is no calendar at {path}."
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("make", [_make_text, _make_newer], ids=["text file", "a calendar"])
def test_create_refuses_an_existing_path_and_leaves_it_alone(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    path = tmp_path / "plan.cadence"
    make(path)
    before, listing = _snapshot(path), _folder_listing(path)

    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.create(path, timezone="Europe/Paris").close()

    assert str(caught.value) == f"{path} already exists; choose another name."
    _assert_untouched(path, before, listing)


def leave_wal_behind(path: Path) -> Path:
    """The calendar at ``path`` with a change in its -wal, not yet in the file (a
    process killed after it), then moved away without that -wal, as a file manager
    moves the file it shows: the -wal stays where the calendar was."""
    CalendarStore.create(path, name="Old client", timezone="Europe/Amsterdam").close()
    wal = Path(f"{path}-wal")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE calendar SET name = 'Old client, changed'")
        kept = wal.read_bytes()  # (closing moves the change into the file)
    assert kept
    path.rename(path.with_name("moved away.cadence"))
    wal.write_bytes(kept)
    return wal


def test_a_calendar_is_not_made_where_an_earlier_one_left_its_changes(tmp_path: Path) -> None:
    """The -wal an earlier calendar of that name left was played onto the new file: a
    damaged calendar, under the old one's name and zone."""
    path = tmp_path / "client.cadence"
    wal = leave_wal_behind(path)
    listing = _folder_listing(path)
    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.create(path, name="New client", timezone="America/New_York").close()
    assert str(caught.value) == (
        "client.cadence-wal, beside where client.cadence would go, holds changes of an"
        " earlier calendar of that name moved or deleted without it, which would be played"
        " onto the new one; move client.cadence-wal away, or choose another name."
    )
    assert _folder_listing(path) == listing
    wal.rename(tmp_path / "kept aside")  # moved away, as said: the calendar is made
    with CalendarStore.create(path, name="New client", timezone="America/New_York") as store:
        assert (store.info().name, store.info().timezone) == ("New client", "America/New_York")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timezone": "Paris"}, "'Paris' is not a time zone; use an IANA name like Europe/Paris."),
        ({"timezone": " "}, "The time zone is empty; use an IANA name like Europe/Paris."),
        # Names of the zone database that are no place: "localtime" is whatever zone the
        # computer reading the file is set to, and calendar programs know none of them.
        *(
            (
                {"timezone": name},
                f"'{name}' is not a time zone; use an IANA name like Europe/Paris.",
            )
            for name in ("localtime", "posixrules", "Factory", "posix/Europe/Paris", "right/UTC")
        ),
        ({"week_start": "friday"}, "'friday' is not a week start; use monday, sunday or saturday."),
        ({"default_cadence_days": 0}, "The default cadence must be at least 1 day."),
    ],
)
def test_create_with_bad_settings_makes_no_file(
    tmp_path: Path, options: dict[str, Any], message: str
) -> None:
    path = tmp_path / "plan.cadence"

    with pytest.raises(InvalidInput) as caught:
        CalendarStore.create(path, **options).close()

    assert str(caught.value) == message
    assert list(tmp_path.iterdir()) == []


def test_create_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "plan.cadence"

    with pytest.raises(CalendarFileError) as caught:
        CalendarStore.create(path).close()

    assert str(caught.value) == f"The folder {path.parent} does not exist."
    assert list(tmp_path.iterdir()) == []


def test_created_file_is_marked_as_ours(tmp_path: Path) -> None:
    path = tmp_path / "plan.cadence"
    CalendarStore.create(path, name="Client A", timezone="Europe/Paris").close()

    assert path.read_bytes()[:16] == database.SQLITE_MAGIC
    assert _folder_listing(path) == ["plan.cadence"]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.check_calendar_file(path) == database.SCHEMA_VERSION


def test_a_calendar_made_clears_what_a_stopped_one_left_in_its_folder(tmp_path: Path) -> None:
    """`cadence demo` or `init` stopped (a kill, a power cut) left its hidden file for
    good: only an export into the folder cleared it. Left an hour: nobody's work."""
    old = tmp_path / ".cadence-copy-0123456789ab.tmp"
    recent = tmp_path / ".cadence-copy-ba9876543210.tmp"
    for left in (old, recent, old.with_name(old.name + "-wal")):
        left.write_bytes(b"half a calendar")
    hours_ago = os.stat(tmp_path).st_mtime - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    os.utime(old.with_name(old.name + "-wal"), (hours_ago, hours_ago))
    CalendarStore.create(tmp_path / "plan.cadence").close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [recent.name, "plan.cadence"]


def test_created_file_reopens_with_its_settings(tmp_path: Path) -> None:
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(
        path, name="Client A", timezone="Europe/Paris", week_start="sunday"
    ) as created:
        created.add_channel("Newsletter", kind="newsletter")

    with CalendarStore.open(path) as reopened:
        info = reopened.info()
        assert (info.name, info.timezone, info.week_start.value) == (
            "Client A",
            "Europe/Paris",
            "sunday",
        )
        assert info.default_cadence_days == 14
        assert [c.name for c in reopened.channels()] == ["Newsletter"]
    assert _folder_listing(path) == ["plan.cadence"]


def test_name_defaults_to_the_file_name(tmp_path: Path) -> None:
    with CalendarStore.create(tmp_path / "Spring launch.cadence") as created:
        assert created.info().name == "Spring launch"


@contextmanager
def _opened(tmp_path: Path, how: str) -> Iterator[CalendarStore]:
    path = tmp_path / "plan.cadence"
    if how == "created":
        with CalendarStore.create(path, timezone="Europe/Paris") as created:
            yield created
        return
    CalendarStore.create(path, timezone="Europe/Paris").close()
    with CalendarStore.open(path) as reopened:
        yield reopened


@pytest.mark.parametrize("how", ["created", "reopened"])
def test_connection_settings(tmp_path: Path, how: str) -> None:
    with _opened(tmp_path, how) as opened:
        pragma = opened.db.execute
        assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
        assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert pragma("PRAGMA busy_timeout").fetchone()[0] == database.BUSY_TIMEOUT_MS
        assert database.BUSY_TIMEOUT_MS >= 1000
        assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_stores_can_open_one_calendar(tmp_path: Path) -> None:
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as first:
        first.add_channel("Blog", kind="blog")
        with CalendarStore.open(path) as second:
            assert [c.name for c in second.channels()] == ["Blog"]
    assert _folder_listing(path) == ["plan.cadence"]


@pytest.mark.parametrize("change", ["post", "import"])
def test_a_change_waits_while_another_program_writes(tmp_path: Path, change: str) -> None:
    """A change that reads first (a post checks its channel, an import its uids)
    waits for the other program's write to finish instead of failing at once."""
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog", kind="blog").created[0]
        other = sqlite3.connect(path, timeout=0, check_same_thread=False)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute(
                "INSERT INTO channels (name, kind, color) VALUES ('Radio', 'other', '#000000')"
            )
            finish = threading.Timer(0.3, other.commit)  # the other program, a while later
            finish.start()
            if change == "post":
                store.add_post(NewPost("Waited its turn", channel))
            else:
                with store.transaction():
                    store.channels()  # reads, then writes
                    store.add_post(NewPost("Waited its turn", channel))
            finish.join()
        finally:
            other.close()
        assert [p.title for p in store.backlog()] == ["Waited its turn"]
        assert {c.name for c in store.channels()} == {"Blog", "Radio"}


def test_a_calendar_read_as_it_is_sees_what_another_program_wrote(tmp_path: Path) -> None:
    """Read without locks (a file this process may not write), it is watched through
    the file itself and read afresh once changed, never a mix of old and new pages."""
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as created:
        channel = created.add_channel("Blog", kind="blog").created[0]
        for day in range(1, 29):
            created.add_post(NewPost(f"Post {day}", channel, (), date(2026, 2, day)))
    reader = CalendarStore.open(path, read_only=True)
    try:
        assert reader.count_posts() == 28
        assert not reader.changed_elsewhere()
        with CalendarStore.open(path) as writer:  # the owner, meanwhile
            writer.delete_posts(p.id for p in writer.all_posts()[:20])
            assert reader.changed_elsewhere()  # through its -wal
            assert (reader.count_posts(), len(reader.all_posts())) == (8, 8)
            writer.add_channel("Podcast")
        assert reader.changed_elsewhere()  # the -wal folded back into the file
        assert [c.name for c in reader.channels()] == ["Blog", "Podcast"]
        assert not reader.changed_elsewhere()
    finally:
        reader.close()
    with CalendarStore.open(path) as again:  # the owner's next session reads it all
        assert again.count_posts() == 8


def test_another_program_done_with_the_calendar_is_no_change_of_it(tmp_path: Path) -> None:
    """Another window, which had changed the calendar, turns to another one (or closes)
    once this one's change is in the file: its emptying of a -wal that held nothing
    moved SQLite's data_version here, read as a change made elsewhere (the window's
    undo history went, refused as "changed by another program")."""
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as created:
        created.add_channel("Blog", kind="blog")
    here = CalendarStore.open(path)
    try:
        other = CalendarStore.open(path)
        other.add_channel("Radio")
        assert other.checkpoint()  # as a window does after each change
        assert here.changed_elsewhere()  # a real change
        here.add_channel("Podcast")
        assert here.checkpoint()
        assert other.changed_elsewhere()
        assert other.checkpoint()  # a try again, after this one's: nothing waits
        other.close()
        assert not here.changed_elsewhere()
        with CalendarStore.open(path) as third:  # a change it does not empty is one
            third.add_channel("Video")
        assert here.changed_elsewhere()
        assert [c.name for c in here.channels()] == ["Blog", "Radio", "Podcast", "Video"]
    finally:
        here.close()


def test_a_read_only_calendar_moved_away_keeps_reading_what_it_had(tmp_path: Path) -> None:
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as created:
        created.add_channel("Blog", kind="blog")
    reader = CalendarStore.open(path, read_only=True)
    try:
        path.rename(tmp_path / "elsewhere.cadence")
        with pytest.raises(CalendarFileError, match="There is no calendar at"):
            reader.changed_elsewhere()
        assert [c.name for c in reader.channels()] == ["Blog"]  # still readable
        (tmp_path / "elsewhere.cadence").write_bytes(b"not a calendar any more")
        (tmp_path / "elsewhere.cadence").rename(path)
        with pytest.raises(CalendarFileError, match="is damaged, so Cadence cannot read it"):
            reader.changed_elsewhere()
        assert [c.name for c in reader.channels()] == ["Blog"]
    finally:
        reader.close()


def test_a_read_only_calendar_refuses_changes_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as created:
        created.add_channel("Blog", kind="blog")
    with CalendarStore.open(path) as opened:
        # query_only makes SQLite answer exactly as for a file it may not write,
        # and works for every user (root ignores file permissions).
        opened.db.execute("PRAGMA query_only = ON")
        with pytest.raises(StorageProblem) as caught:
            opened.add_channel("Podcast", kind="podcast")
        assert str(caught.value) == (
            "The calendar file is read-only, so the change could not be saved."
        )
        assert [c.name for c in opened.channels()] == ["Blog"]


def test_a_full_disk_refuses_the_change_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog", kind="blog").created[0]
        store.add_post(NewPost("Kept", channel, (), date(2026, 12, 1)))
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        # The file may not grow: the next large write meets SQLite's "disk is full".
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        big = [
            NewPost(f"Post {i}", channel, (), date(2026, 12, 2), body="x" * 4000) for i in range(50)
        ]
        with pytest.raises(StorageProblem) as caught:
            store.add_posts(big)
        assert str(caught.value) == "The disk is full, so the change could not be saved."
        assert [p.title for p in store.all_posts()] == ["Kept"]
    with CalendarStore.open(path) as reopened:
        assert [p.title for p in reopened.all_posts()] == ["Kept"]


def test_settings_changed_in_a_step_the_disk_refuses_are_not_kept(tmp_path: Path) -> None:
    """A window's step is one transaction: refused whole, the calendar's name and time
    zone changed in it stayed the store's (the window's, its exports' in Tokyo time)."""
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, name="Plan", timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog", kind="blog").created[0]
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        big = NewPost("Long", channel, (), date(2026, 12, 2), body="x" * 4000)

        def step() -> None:  # as a window's step makes its changes
            with store.transaction():
                store.update_info(name="Client B", timezone="Asia/Tokyo")
                store.add_posts([big] * 50)

        with pytest.raises(StorageProblem):
            step()
        assert (store.info().name, store.zone.key) == ("Plan", "Europe/Paris")
        assert store.info() == store.info_in_file()


def test_a_calendar_that_cannot_be_made_says_so(tmp_path: Path) -> None:
    """A new calendar on a full disk "could not save the change"; in a read-only folder
    Cadence was "not allowed to use" it: neither said the calendar was not made."""
    path = tmp_path / "plan.cadence"
    with no_file_past(2048), pytest.raises(StorageProblem) as caught:
        CalendarStore.create(path, timezone="Europe/Paris")
    assert str(caught.value).endswith(", so the calendar plan.cadence could not be made.")
    assert not path.exists()

    # The demo on a disk that fills while it is written: none of it is left (half a
    # demo was, its name taken), said of the name it was to have.
    with no_file_past(150_000), pytest.raises(StorageProblem) as caught:
        write_demo(tmp_path / "Demo.cadence")
    assert str(caught.value).endswith(", so the calendar Demo.cadence could not be made.")
    assert list(tmp_path.iterdir()) == []

    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = cadence("init", folder / "plan.cadence", bound_by_permissions=True)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    assert done.stderr == (
        f"cadence: error: Cadence cannot make a calendar in the folder {folder}: it is"
        " read-only for you; choose another folder.\n"
    )


# -- the same calendar opened twice in one process ------------------------------------


def test_opening_an_open_calendar_again_keeps_the_first_connection_safe(tmp_path: Path) -> None:
    """Reading the file outside SQLite and closing it would drop every lock this process
    holds on it (POSIX): another program would then take the open calendar's journal
    away, and the window's next change with it."""
    path = tmp_path / "Client A.cadence"
    store = CalendarStore.create(path, name="Client A")
    channel = store.add_channel("LinkedIn").created[0]
    CalendarStore.open(path).close()  # File > Open Recent on the calendar already open

    def from_the_terminal(title: str) -> None:
        done = cadence(
            *("post", "add", path, "--title", title),
            *("--channel", "LinkedIn", "--date", "2026-12-03"),
        )
        assert done.returncode == 0, done.stderr

    for turn in (1, 2):
        from_the_terminal(f"Terminal {turn}")
        store.add_post(NewPost(f"Window {turn}", channel, (), date(2026, 12, 4)))
    store.close()
    with CalendarStore.open(path) as again:
        assert sorted(p.title for p in again.all_posts()) == [
            "Terminal 1",
            "Terminal 2",
            "Window 1",
            "Window 2",
        ]
        assert again.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_changes_another_program_left_in_a_new_wal_outlive_a_store_whose_wal_went(
    tmp_path: Path,
) -> None:
    """A sync tool deleted the -wal and -shm of an open calendar; another program wrote
    a post and was killed before moving it into the file. Closing (the window reads the
    file again, or quits), SQLite deleted that program's -wal by its name: the post."""
    path = tmp_path / "client.cadence"
    with CalendarStore.create(path) as made:
        made.add_channel("LinkedIn")
    window = CalendarStore.open(path)
    window.all_posts()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink()
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys\n"
            "from calendar_app.core.store import CalendarStore, NewPost\n"
            "store = CalendarStore.open(sys.argv[1])\n"
            "store.add_post(NewPost('Written, then killed', store.channels()[0].id))\n"
            "os._exit(9)\n",
            str(path),
        ],
        check=False,
    )
    assert killed.returncode == 9
    assert Path(f"{path}-wal").stat().st_size > 0  # the post waits there
    assert window.file_moved_or_replaced() is not None
    window.close()
    with CalendarStore.open(path) as again:
        assert [p.title for p in again.all_posts()] == ["Written, then killed"]
    assert sorted(p.name for p in tmp_path.iterdir() if ".kept" in p.name) == []


def test_a_damaged_calendar_brought_up_to_date_is_called_damaged(tmp_path: Path) -> None:
    """Bringing a schema-6 calendar up to date rebuilds its search index from its posts:
    their damage was "a bug in Cadence" (and the window did not start)."""
    path = tmp_path / "old.cadence"
    write_demo(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "DELETE FROM _sqlite_migrations"
            " WHERE name IN ('0007_search_all_marks', '0008_former_names')"
        )
        conn.execute("DROP TABLE former_names")
        conn.execute("PRAGMA user_version = 6")
        conn.commit()
        conn.execute("PRAGMA journal_mode = delete")
    damage_inside(path)
    with pytest.raises(CalendarFileError, match="damaged"):
        CalendarStore.open(path)


def _at_length(folder: Path, length: int) -> Path:
    """A path of ``length`` bytes for a calendar below ``folder``, its folders made."""
    rest = length - len(os.fsencode(folder)) - len("/c.cadence")
    parts = []
    while rest > 0:
        part = min(100, rest - 1)
        parts.append("d" * part)
        rest -= part + 1
    path = folder.joinpath(*parts, "c.cadence")
    path.parent.mkdir(parents=True, exist_ok=True)
    assert len(os.fsencode(path)) == length
    return path


def test_a_path_too_long_for_sqlite_is_said_as_such(tmp_path: Path) -> None:
    """A folder named in Japanese reaches SQLite's limit at some 170 letters: "check
    that its folder exists and that you may write to it" sent users looking for a
    missing folder."""
    longest = _at_length(tmp_path / "ok", 504)
    CalendarStore.create(longest).close()
    too_long = _at_length(tmp_path / "long", 505)
    with pytest.raises(CalendarFileError, match=r"^The path of c\.cadence is too long to make"):
        CalendarStore.create(too_long)
    assert not too_long.exists()
    shutil.copyfile(longest, too_long)
    with pytest.raises(StorageProblem, match=r"^The path of c\.cadence is too long to open it"):
        CalendarStore.open(too_long)
    # Through a short link, the path SQLite follows is the long one.
    link = tmp_path / "short"
    link.symlink_to(too_long.parent)
    with pytest.raises(CalendarFileError, match="too long to make the calendar there"):
        CalendarStore.create(link / "other.cadence")


def test_a_name_with_no_room_for_the_files_beside_it_is_said_as_such(tmp_path: Path) -> None:
    """A 254-byte name (the disk takes 255) opened as far as its -wal, which the disk
    refused: "a problem Cadence did not expect" in the window, and on the command line
    a sentence about a -wal file the user never named."""
    longest = tmp_path / f"{'b' * 243}.cadence"  # 251 bytes: its -wal fits
    CalendarStore.create(longest).close()
    CalendarStore.open(longest).close()
    with pytest.raises(CalendarFileError, match=r"is too long for a calendar"):
        CalendarStore.create(tmp_path / f"{'c' * 244}.cadence")
    assert not (tmp_path / f"{'c' * 244}.cadence").exists()
    too_long = tmp_path / f"{'e' * 246}.cadence"  # 254 bytes
    shutil.copyfile(longest, too_long)
    before = too_long.read_bytes()
    with pytest.raises(CalendarFileError) as raised:
        CalendarStore.open(too_long)
    assert str(raised.value) == (
        f"The name {too_long.name} is too long for a calendar: Cadence keeps files named"
        " after it beside it, so it may have at most 251 bytes; give it a shorter name."
    )
    assert too_long.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([longest.name, too_long.name])
    # A copy of one under such a name is refused as well (Save a Copy As, export to
    # .cadence: "a problem Cadence did not expect").
    with CalendarStore.open(longest) as store, pytest.raises(CalendarFileError) as copied:
        copy_target(store, tmp_path / f"{'f' * 244}.cadence")
    assert str(copied.value).endswith("so it may have at most 251 bytes; give it a shorter name.")


@pytest.mark.parametrize(
    ("code", "free", "said"),
    [
        ("SQLITE_IOERR_SHMSIZE", 0, "The disk is full, so c.cadence could not be opened"),
        ("SQLITE_FULL", 10**9, "The disk is full, so c.cadence could not be opened"),
        ("SQLITE_IOERR_READ", 10**9, "could not be read from the disk"),
    ],
)
def test_what_keeps_a_calendar_from_opening_is_said_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, free: int, said: str
) -> None:
    """On a full disk SQLite cannot make the -shm it reads through: a plain read said
    "the change could not be saved", then "it is damaged" (a 3-byte -shm was left)."""
    from calendar_app.core import errors

    path = tmp_path / "c.cadence"
    failure = sqlite3.OperationalError("disk I/O error")
    failure.sqlite_errorname = code
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(errors.shutil, "disk_usage", lambda folder: usage._replace(free=free))
    problem = errors.opening_problem_for(failure, path)
    assert isinstance(problem, StorageProblem)
    assert said in str(problem)
    assert "change" not in str(problem)


def test_a_calendar_read_as_it_is_finds_letters_with_two_accents(tmp_path: Path) -> None:
    """Its search index, made before schema 7, keeps "ế" as it is: the text is read."""
    path = tmp_path / "old.cadence"
    write_older(
        path,
        6,
        "0007_search_all_marks",
        [
            "INSERT INTO posts (uid, title, channel_id, status, date, created_at, updated_at)"
            " VALUES ('u1', 'Tiếng Việt cho mọi người', 1, 'draft', '2026-11-02',"
            " '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
        ],
    )
    with CalendarStore.open(path, read_only=True) as old:
        assert [p.title for p in old.search("tieng viet")] == ["Tiếng Việt cho mọi người"]
        assert old.search("tieng anh") == []


def test_an_update_the_disk_cannot_take_leaves_an_older_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A calendar of an older release is brought up to date in one step: when the disk
    fills up halfway (here, after the sixth migration ran), nothing of it is kept."""
    from calendar_app.core.migrations import MIGRATIONS
    from tests.files import write_schema_4

    path = tmp_path / "old.cadence"
    write_schema_4(path)
    with closing(sqlite3.connect(path)) as conn:  # as every release wrote it
        conn.execute("PRAGMA journal_mode = wal")
    before = path.read_bytes()
    steps = MIGRATIONS._migrations
    index = next(i for i, m in enumerate(steps) if m.name == "0006_deleted_posts")
    real = steps[index]

    def fills_the_disk(db: Any) -> None:
        real.fn(db)
        raise sqlite3.OperationalError("database or disk is full")

    failing = [*steps[:index], dataclasses.replace(real, fn=fills_the_disk), *steps[index + 1 :]]
    monkeypatch.setattr(MIGRATIONS, "_migrations", failing)
    with pytest.raises(StorageProblem, match="disk is full"):
        CalendarStore.open(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()
    monkeypatch.undo()
    with CalendarStore.open(path) as store:  # with room again, it updates as usual
        assert [p.title for p in store.all_posts()] == ["Old post"]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION


def _marks_in_the_file_alone(path: Path) -> tuple[int, list[str]]:
    """The schema version and post titles of ``path`` read as a copy of it alone has
    them (as a sync tool copies it): without its -wal."""
    copy = path.with_name(f"alone-{path.name}")
    copy.write_bytes(path.read_bytes())
    with closing(sqlite3.connect(f"{copy.as_uri()}?immutable=1", uri=True)) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        titles = [row[0] for row in conn.execute("SELECT title FROM posts")]
    copy.unlink()
    return version, titles


def test_a_version_mark_behind_its_steps_is_set_right_without_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every step recorded, the mark set back by hand: every opening said "brought up
    to date" and kept one more copy, the mark never moved."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "plan.cadence"
    CalendarStore.create(path).close()
    with closing(sqlite3.connect(path)) as raw:
        raw.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION - 1}")
    for _ in range(2):
        with CalendarStore.open(path) as store:
            assert store.kept_before_update is None
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.cadence"))


def test_an_older_calendar_is_kept_as_it_was_and_brought_up_to_date_in_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening brought the calendar up to date in its -wal only (a file a sync tool put
    in its place then got it, and was damaged), and kept no copy an earlier release
    opens: that release refuses the updated file."""
    from calendar_app.app import data_folder
    from calendar_app.core.backups import backup_folder
    from tests.files import write_schema_4

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "old.cadence"
    write_schema_4(path)
    path.chmod(0o600)  # a client's, kept private
    with CalendarStore.open(path) as store:
        assert _marks_in_the_file_alone(path) == (database.SCHEMA_VERSION, ["Old post"])
        kept = store.kept_before_update
    assert kept is not None
    assert kept.parent == backup_folder(data_folder())
    assert os.stat(kept).st_mode & 0o7777 == 0o600  # and so is its copy
    assert kept.name.startswith("old ")
    assert _marks_in_the_file_alone(kept) == (4, ["Old post"])
    with CalendarStore.open(path) as again:  # up to date now: nothing more is kept
        assert again.kept_before_update is None
    assert list(kept.parent.iterdir()) == [kept]
    assert kept.name.endswith(" before update.cadence")

    # Backups made and thinned since leave it (it was thinned away a day later), and
    # this release reads it as it is, leaving it to the earlier one.
    from datetime import datetime, timedelta

    from calendar_app.core.backups import make_backup

    with CalendarStore.open(path) as store:
        for days in (0, 2, 100):
            make_backup(store, kept.parent, now=datetime.now() + timedelta(days=days))
    assert kept.is_file()
    # An earlier release that could not read a file it may not write (it switched each
    # calendar to write-ahead logging as it opened it) opens the copy, also copied out
    # with its mode kept (as cp does).
    copied = tmp_path / "copied out.cadence"
    shutil.copy(kept, copied)
    for copy in (kept, copied):
        assert os.access(copy, os.W_OK)
        assert copy.stat().st_mode & 0o200
    for bound in (True, False):  # by its mark, and as root, whom no mark binds
        listed = cadence("post", "list", kept, bound_by_permissions=bound)
        assert (listed.returncode, listed.stderr) == (0, "")
        assert "Old post" in listed.stdout
        assert _marks_in_the_file_alone(kept)[0] == 4
    assert [p for p in kept.parent.iterdir() if "before update" in p.name] == [kept]
    refused = cadence("channel", "add", kept, "Blog 2")
    assert refused.returncode == 1
    assert "is a copy kept for earlier releases of Cadence" in refused.stderr
    # Taken out of Backups to be restored, under its name, it is a calendar like another.
    restored = tmp_path / kept.name
    restored.write_bytes(kept.read_bytes())
    assert cadence("channel", "add", restored, "Blog 2").returncode == 0


def test_an_older_calendar_is_not_brought_up_to_date_when_no_copy_can_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.files import write_schema_4

    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder would be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    path = tmp_path / "old.cadence"
    write_schema_4(path)
    with closing(sqlite3.connect(path)) as conn:  # as every release wrote it
        conn.execute("PRAGMA journal_mode = wal")
    before = path.read_bytes()
    # Read as it is (every command, reads too, was refused: a scheduled export stopped);
    # a change is refused, saying why.
    with CalendarStore.open(path) as store:
        assert store.read_only
        assert [p.title for p in store.all_posts()]
        with pytest.raises(CalendarFileError) as raised:
            store.add_channel("Podcast")
    said = str(raised.value)
    assert said.startswith(f"{path} comes from an earlier release of Cadence, and no copy of it")
    assert said.endswith(
        "It is left as it was; move that file away and open it again. This change was not saved."
    )
    assert path.read_bytes() == before
    assert _marks_in_the_file_alone(path)[0] == 4
    listed = cadence("post", "list", path)  # (XDG_DATA_HOME blocked for it too)
    assert listed.returncode == 0
    reason = said.removesuffix(" This change was not saved.")
    assert listed.stderr == f"({reason} Until then, it is read as it is.)\n"
    # A change says it once, as its refusal (the note said the same sentence before it).
    added = cadence("channel", "add", path, "Podcast")
    assert added.returncode == 1
    assert added.stderr == f"cadence: error: {said}\n"
    assert path.read_bytes() == before
    # One in SQLite's first journal mode (a copy an earlier release exported) is left
    # byte for byte too: its header was switched to the write-ahead log first.
    copied = tmp_path / "copied.cadence"
    write_schema_4(copied)
    with closing(sqlite3.connect(copied)) as conn:
        assert conn.execute("PRAGMA journal_mode = delete").fetchone() == ("delete",)
    before = copied.read_bytes()
    with CalendarStore.open(copied) as store:
        assert store.read_only
    assert copied.read_bytes() == before
    # Older still, it cannot be read as it is: refused as before.
    older = tmp_path / "older.cadence"
    write_older(older, 3, "0004_post_message_list", [])
    with pytest.raises(CalendarFileError, match="no copy of it as it was could be kept"):
        CalendarStore.open(older)


def test_merging_an_older_calendar_says_to_update_a_copy_of_it(tmp_path: Path) -> None:
    """A colleague's calendar on a shared drive: "open it in Cadence once to update it"
    updated their file, which their release then refused as newer."""
    path = tmp_path / "colleague.cadence"
    write_older(path, 3, "0004_post_message_list", [])
    before = path.read_bytes()
    with (
        CalendarStore.create(tmp_path / "mine.cadence") as mine,
        pytest.raises(CalendarFileError) as refused,
    ):
        merge_into(mine, path, ImportOptions(), no_progress)
    assert str(refused.value) == (
        f"{path} was saved by an older version of Cadence; open a copy of it in Cadence"
        " once to update it, then use the copy (the file itself stays as that version"
        " reads it)."
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("locked", "said"),
    [
        ("folder", "copy it to a folder you may write in, open it there to update it"),
        ("file", "make it writable, open it to update it"),
    ],
)
def test_an_older_calendar_cadence_may_not_update_says_what_to_do(
    tmp_path: Path, locked: str, said: str
) -> None:
    """A writable calendar of schema 3 in a read-only folder (a shared drive) was told
    to be made writable."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "old.cadence"
    write_older(path, 3, "0004_post_message_list", [])
    (folder if locked == "folder" else path).chmod(0o555 if locked == "folder" else 0o444)
    try:
        done = cadence("post", "list", path, bound_by_permissions=True)
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert done.returncode == 1
    assert done.stderr == (
        f"cadence: error: {path} was saved by an older version of Cadence; {said},"
        " then try again.\n"
    )


def test_an_older_calendar_on_a_disk_mounted_read_only_is_to_be_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a share or a disk image mounted read-only, where no file may be made
    writable (root included), it was told "make it writable"."""
    path = tmp_path / "old.cadence"
    write_older(path, 3, "0004_post_message_list", [])
    before = path.read_bytes()

    class _Mounted:
        f_flag = os.ST_RDONLY

    # As such a disk answers: nothing on it may be written, the disk says it is read-only.
    monkeypatch.setattr(database.os, "access", lambda p, mode, **kw: not mode & os.W_OK)
    monkeypatch.setattr(database.os, "statvfs", lambda p: _Mounted())
    with pytest.raises(CalendarFileError) as refused:
        database.open_database(path)
    assert str(refused.value) == (
        f"{path} was saved by an older version of Cadence; copy it to a folder you may"
        " write in, open it there to update it, then try again."
    )
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_an_import_into_an_older_calendar_read_only_here_says_read_only(tmp_path: Path) -> None:
    """Of schema 4 (read as it is where it may not be written): "Cadence ran into a
    problem it did not expect (OperationalError: no such table: post_versions)"."""
    from tests.files import write_schema_4

    path = tmp_path / "old.cadence"
    write_schema_4(path)
    source = tmp_path / "new.ics"
    source.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:new@example.com\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261201T090000Z\r\n"
        "SUMMARY:New post\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path.chmod(0o444)
    before = path.read_bytes()
    try:
        done = cadence("import", path, source, "--channel", "Blog", bound_by_permissions=True)
    finally:
        path.chmod(0o644)
    assert (done.returncode, done.stderr) == (
        1,
        "cadence: error: The calendar file is read-only, so the change could not be saved.\n",
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("table", ["campaigns", "posts_fts", "post_messages"])
def test_an_older_calendar_missing_a_table_is_called_damaged_and_left_as_it_is(
    tmp_path: Path, table: str
) -> None:
    """Of schema 3: "a bug in Cadence", after bringing it up to date (campaigns)."""
    path = tmp_path / "old.cadence"
    write_older(path, 3, "0004_post_message_list", [f"DROP TABLE {table}"])
    before = path.read_bytes()
    done = cadence("post", "list", path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"cadence: error: {path} is damaged (it has no ")
    assert path.read_bytes() == before


def test_a_copy_kept_of_an_earliest_release_calendar_says_how_to_open_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of schema 3 (which this release reads only once brought up to date): it was told
    to be made writable, or copied to a folder Cadence may write in, neither of which
    helped."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "old.cadence"
    write_older(path, 3, "0004_post_message_list", [])
    with CalendarStore.open(path) as store:
        kept = store.kept_before_update
    assert kept is not None
    listed = cadence("post", "list", kept)
    assert listed.returncode == 1
    assert listed.stderr == (
        f"cadence: error: {kept} is a copy kept for the earlier release of Cadence that"
        " saved it; to open it here, copy it out of the Backups folder first.\n"
    )


def test_a_title_whose_bytes_a_bad_sector_changed_is_read_with_the_rest(tmp_path: Path) -> None:
    """One byte of a title no longer UTF-8: the window did not start, and no post of
    the calendar could be listed or exported (Python's sqlite3 refused every query
    that read it). The damaged letters read as a replacement mark; nothing else moves."""
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        store.add_post(NewPost("Café talk", channel, date=date(2026, 12, 1)))
        store.add_post(NewPost("Sound", channel, date=date(2026, 12, 2)))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "UPDATE posts SET title = CAST(X'436166C3' || X'FF' AS TEXT) WHERE title = ?",
            ["Café talk"],
        )
        conn.commit()
    with CalendarStore.open(path) as store:
        # Python's own decoding until then: the lenient one takes twice as long.
        assert store.db.conn.text_factory is str
        titles = sorted(p.title for p in store.all_posts())
        listed = [p.title for p in store.posts_between(date(2026, 12, 1), date(2026, 12, 31))]
    assert titles == ["Caf\ufffd\ufffd", "Sound"]
    assert sorted(listed) == titles


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory", "posix/Europe/Berlin"])
def test_a_zone_an_earlier_release_let_in_still_opens(tmp_path: Path, zone: str) -> None:
    """Read as damaged settings once they were checked at all; they open as before."""
    path = tmp_path / "old.cadence"
    CalendarStore.create(path, timezone="Europe/Berlin").close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE calendar SET timezone = ?", [zone])
        conn.commit()
    with CalendarStore.open(path) as store:
        # A copy of a zone's name reads as the zone (Calendar Settings could not save it).
        assert store.info().timezone == ("Europe/Berlin" if zone.startswith("posix/") else zone)


def test_a_search_reads_past_a_title_whose_bytes_were_spoiled(tmp_path: Path) -> None:
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Asia/Tokyo") as store:
        channel = store.add_channel("Blog").created[0]
        store.add_post(NewPost("東京 tour", channel, date=date(2026, 12, 1)))
        spoiled = store.add_post(NewPost("Spoiled", channel, date=date(2026, 12, 2))).created[0]
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE posts SET title = CAST(X'FF' AS TEXT) WHERE id = ?", [spoiled])
        conn.commit()
    with CalendarStore.open(path) as store:
        assert [p.title for p in store.search("東京")] == ["東京 tour"]
        assert len(store.search_ids("€")) == 0


def test_posts_deleted_here_stay_deleted_though_what_one_showed_was_spoiled(
    tmp_path: Path,
) -> None:
    """One byte of a deleted post's record spoiled: the reads of what deleted posts
    showed took the failure for "no such table" (an older calendar), and an old file
    imported again brought every deleted post back."""
    from calendar_app.exchange.formats import ExportOptions, ImportOptions, no_progress
    from calendar_app.exchange.ical import export_ics, import_ics

    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        ids = [
            store.add_post(NewPost(f"Post {n}", channel, date=date(2027, 1, n))).created[0]
            for n in (1, 2, 3)
        ]
        export_ics(store, tmp_path / "old.ics", ExportOptions(), no_progress)
        store.delete_posts([ids[0], ids[2]])
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "UPDATE deleted_posts SET shown = CAST(CAST(shown AS BLOB) || X'FF' AS TEXT)"
            " WHERE post_id = ?",
            [ids[0]],
        )
        conn.commit()
    with CalendarStore.open(path) as store:
        summary = import_ics(store, tmp_path / "old.ics", ImportOptions(), no_progress)
        assert summary.added == []
        assert [p.title for p in store.all_posts()] == ["Post 2"]


def test_a_sheet_imports_into_a_calendar_with_a_spoiled_title(tmp_path: Path) -> None:
    """It was refused, "The calendar file is damaged.", while every list and export
    of the calendar worked."""
    from calendar_app.exchange.csv_profiles import import_csv
    from calendar_app.exchange.formats import ImportOptions

    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        spoiled = store.add_post(NewPost("Hello world", channel, date=date(2027, 1, 1))).created[0]
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE posts SET title = CAST(X'48656CFF' AS TEXT) WHERE id = ?", [spoiled])
        conn.commit()
    sheet = tmp_path / "plan.csv"
    sheet.write_text("date,channel,title\n2027-01-02,Blog,New one\n", encoding="utf-8")
    with CalendarStore.open(path) as store:
        summary = import_csv(store, sheet, ImportOptions())
        assert len(summary.added) == 1


def test_a_calendar_stopped_while_it_is_made_leaves_no_half_made_file(tmp_path: Path) -> None:
    """Killed between its tables and its settings, `cadence demo` left a calendar with
    no settings row, which then "already exists" and which the window refused."""
    path = tmp_path / "client.cadence"
    stopped = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys\n"
            "from calendar_app.core.store import CalendarStore\n"
            "CalendarStore.create(sys.argv[1], fill=lambda store: os._exit(9))",
            str(path),
        ],
        check=False,
    )
    assert stopped.returncode == 9
    assert not path.exists()
    left = [p.name for p in tmp_path.iterdir()]
    assert all(name.startswith(".cadence-copy-") for name in left), left  # hidden, cleared
    made = cadence("init", path)
    assert made.returncode == 0, made.stderr
    with CalendarStore.open(path) as store:
        assert store.info().name == "client"


def test_a_calendar_made_meanwhile_under_the_same_name_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "client.cadence"

    def someone_else_makes_it(store: CalendarStore) -> None:
        path.write_bytes(b"theirs")

    with pytest.raises(CalendarFileError, match="already exists; choose another name"):
        CalendarStore.create(path, fill=someone_else_makes_it)
    assert path.read_bytes() == b"theirs"
    assert list(tmp_path.iterdir()) == [path]  # nothing of ours left beside it


@pytest.mark.parametrize("code", ["EPERM", "EINVAL", "ENOSYS", "EOPNOTSUPP"])
def test_a_calendar_is_made_where_files_cannot_be_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    """A memory stick (FAT, exFAT) or a FUSE folder has no links: Windows says
    "Incorrect function" (EINVAL), FUSE ENOSYS; the calendar could not be made there."""
    import errno

    def no_links(*_args: object, **_kwargs: object) -> None:
        raise OSError(getattr(errno, code), "no links here")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "stick.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        assert store.info().name == "stick"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stick.cadence"]


def test_a_calendar_of_schema_8_keeps_its_settings_and_may_start_weeks_on_saturday(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Weeks could start on Monday or Sunday alone (a check in the file refused Saturday,
    the first day in Egypt and Iran); a calendar made before keeps its settings."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "old.cadence"
    write_older(path, 8, "0009_saturday_weeks", [])
    with closing(sqlite3.connect(path)) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE calendar SET week_start = 'saturday'")
    with CalendarStore.open(path) as store:
        info = store.info()
        assert (info.name, info.timezone, info.week_start, info.default_cadence_days) == (
            "Old",
            "Europe/Paris",
            "monday",
            14,
        )
        store.update_info(week_start="saturday")
        assert store.info().week_start == "saturday"
    with CalendarStore.open(path) as again:
        assert again.info().week_start == "saturday"
    with closing(sqlite3.connect(path)) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE calendar SET week_start = 'friday'")


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (
            "UPDATE posts SET channel_id = 9999",
            "one of its posts names a channel that is not there",
        ),
        ("UPDATE posts SET title = CAST(title AS BLOB)", "its posts hold bytes where text belongs"),
        ("ALTER TABLE channels RENAME COLUMN name TO label", "its channels lack the column 'name'"),
        (
            "UPDATE posts SET message_list = '999'",
            "one of its posts names a key message that is not there",
        ),
    ],
)
def test_a_calendar_damaged_where_no_check_looks_is_called_damaged_and_left_as_it_is(
    tmp_path: Path, damage: str, said: str
) -> None:
    """A post naming a channel the file lacks, a title kept as bytes, a column renamed:
    "Cadence ran into a problem it did not expect (KeyError: 9999); a bug in Cadence,
    or a damaged calendar"."""
    path = tmp_path / "damaged.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        message = store.add_key_message("Local").created[0]
        store.add_post(NewPost("Post", channel, (message,), date(2026, 12, 9), time(9, 0)))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(damage)
        conn.commit()
    before = path.read_bytes()
    csv = ("export", path, "--format", "csv", "-o", tmp_path / "out.csv")
    for command in (("post", "list", path), csv):
        done = cadence(*command)
        assert done.returncode == 1
        assert done.stderr.startswith(
            f"cadence: error: {path} is damaged ({said}), so Cadence cannot read it; "
        )
        assert path.read_bytes() == before
    # Merged into another calendar: the same, of the file merged.
    other = tmp_path / "other.cadence"
    CalendarStore.create(other, timezone="Europe/Paris").close()
    done = cadence("import", other, path)
    assert done.stderr.startswith(f"cadence: error: {path} is damaged ({said}), so Cadence")
    # No copy of it is written (one was, then refused once opened).
    copy = tmp_path / "copy.cadence"
    done = cadence("export", path, "--format", "cadence", "-o", copy)
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"cadence: error: {path.name} is damaged ({said}), so no copy of it was written; "
    )
    assert not copy.exists()


def test_a_key_message_s_cadence_kept_as_text_is_called_damage(tmp_path: Path) -> None:
    """It was "a problem Cadence did not expect … a bug in Cadence" in gaps and the
    reports, and a copy of it was written."""
    path = tmp_path / "damaged.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        store.add_key_message("Local", cadence_days=7)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE key_messages SET cadence_days = 'often'")
        conn.commit()
    done = cadence("gaps", path)
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"cadence: error: {path} is damaged (its key messages hold text where a number"
        " belongs), so Cadence cannot read it; "
    )
    copy = tmp_path / "copy.cadence"
    assert cadence("export", path, "--format", "cadence", "-o", copy).returncode == 1
    assert not copy.exists()


def test_a_damaged_value_is_quoted_cut_short(tmp_path: Path) -> None:
    """A list of key messages of 200,000 letters was quoted whole: a line as long, and a
    box in the window that took 14 seconds to come up."""
    path = tmp_path / "damaged.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        store.add_post(NewPost("Post", channel, (), date(2026, 12, 9)))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE posts SET message_list = ?", ["x" * 200_000])
        conn.commit()
    done = cadence("post", "list", path)
    assert done.returncode == 1
    assert f"{path} holds '{'x' * 60}…' where a list of key messages belongs" in done.stderr
    assert len(done.stderr) < 500


def test_a_copy_refused_as_damaged_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    """A copy Cadence exported (kept in a rollback journal, as a file for others is) with
    one date spoilt: refused in one sentence, but its header was rewritten (switched to
    a write-ahead log) and its change counter moved. A sound copy opens as before."""
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        store.add_post(NewPost("Post", channel, (), date(2026, 12, 9)))
    copy = tmp_path / "copy.cadence"
    assert cadence("export", path, "--format", "cadence", "-o", copy).returncode == 0
    sound = tmp_path / "sound.cadence"
    shutil.copyfile(copy, sound)
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
        conn.execute("UPDATE posts SET date = '2026-13-45'")
        conn.commit()
    before = copy.read_bytes()
    done = cadence("post", "list", copy)
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"cadence: error: {copy} is damaged (it holds '2026-13-45' where a date belongs), so"
    )
    assert copy.read_bytes() == before
    assert "Post" in cadence("post", "list", sound).stdout
    with closing(sqlite3.connect(sound)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_calendar_merged_that_is_damaged_where_no_check_looks_is_said_so(
    tmp_path: Path,
) -> None:
    """In the window, a colleague's calendar merged with File > Import, one of its posts
    naming a channel it lacks: the problem escaped as a bug's box (KeyError)."""
    theirs = tmp_path / "colleague.cadence"
    with CalendarStore.create(theirs, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        store.add_post(NewPost("Post", channel, (), date(2026, 12, 9)))
    with closing(sqlite3.connect(theirs)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE posts SET channel_id = 9999")
        conn.commit()
    with CalendarStore.create(tmp_path / "mine.cadence", timezone="Europe/Paris") as mine:
        with pytest.raises(CalendarFileError) as refused:
            merge_into(mine, theirs, ImportOptions(create_missing=True), no_progress)
        assert mine.all_posts() == []
    assert str(refused.value).startswith(
        f"{theirs} is damaged (one of its posts names a channel that is not there), so"
    )


def test_an_older_calendar_with_a_damaged_value_says_its_copy_as_it_was_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Brought up to date before its damage is found: the sentence says where its copy
    as it was is kept (read for damage before, it said only "open one of its backups",
    the file converted all the same)."""
    from tests.files import write_schema_4

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "old.cadence"
    write_schema_4(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE posts SET date = '2026-13-45'")
        conn.commit()
    done = cadence(
        "post", "list", path, env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    )
    assert done.returncode == 1
    assert "holds '2026-13-45' where a date belongs" in done.stderr
    assert "the calendar as it was is kept in" in done.stderr


def test_every_post_listed_says_a_date_that_does_not_read(tmp_path: Path) -> None:
    """'post list' left out a post whose date was 'garbage' (past every range of days),
    its 176 of 177 posts listed without a word."""
    path = tmp_path / "damaged.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        for day in (8, 9):
            store.add_post(NewPost(f"Post {day}", channel, (), date(2026, 12, day)))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE posts SET date = 'garbage' WHERE title = 'Post 9'")
        conn.commit()
    done = cadence("post", "list", path)
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"cadence: error: The calendar file {path} holds 'garbage' where a date belongs; it is"
        " damaged; "
    )
    week = cadence("post", "list", path, "--from", "2026-12-07", "--to", "2026-12-08")
    assert "Post 8" in week.stdout  # (a week asked for reads as it is)
