"""Backups: written only from a consistent copy, thinned as they age."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from calendar_app.app import data_folder
from calendar_app.core.backups import (
    STAMP,
    BackupFailed,
    backup_folder,
    backup_stamp,
    backups_of,
    calendar_key,
    keep_before_update,
    make_backup,
    to_thin,
    write_copy,
)
from calendar_app.core.demo import write_demo
from calendar_app.core.errors import CalendarFileError, StorageProblem
from calendar_app.core.models import NewPost
from calendar_app.core.store import CalendarStore
from tests.files import no_file_past, write_schema_4

NOW = datetime(2026, 11, 22, 12, 0, 0)


def test_a_backup_is_a_calendar_with_the_same_posts(store: CalendarStore, tmp_path: Path) -> None:
    channel = store.add_channel("Blog", kind="blog").created[0]
    store.add_post(NewPost("Kept safe", channel, (), date(2026, 12, 1)))
    folder = tmp_path / "Backups"
    path = make_backup(store, folder, now=NOW)
    assert path == folder / f"test 2026-11-22 12-00-00 {calendar_key(store.path)}.cadence"
    with CalendarStore.open(path) as copy:
        assert copy.all_posts() == store.all_posts()
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


@pytest.mark.parametrize(
    ("calendar", "copies"),
    [
        (0o600, 0o600),  # a client's calendar kept private keeps private copies
        (0o640, 0o640),  # its group's (the user's own group) too
        (0o644, 0o644),
        (0o777, 0o644),  # read as everyone's (a memory stick): written by nobody else
        (0o444, 0o644),  # read-only: the user's own copy is the user's to change
    ],
)
def test_a_backup_or_copy_of_a_calendar_is_readable_by_whom_the_calendar_is(
    store: CalendarStore, tmp_path: Path, calendar: int, copies: int
) -> None:
    store.path.chmod(calendar)
    try:
        backup = make_backup(store, tmp_path / "Backups", now=NOW)
        copy = write_copy(store, tmp_path / "copy.cadence")
    finally:
        store.path.chmod(0o644)
    assert os.stat(backup).st_mode & 0o7777 == copies
    assert os.stat(copy).st_mode & 0o7777 == copies
    # A copy over a file there keeps that file's rights, as an export made again does.
    (tmp_path / "shared.cadence").write_bytes(b"")
    (tmp_path / "shared.cadence").chmod(0o664)
    store.path.chmod(0o600)
    try:
        again = write_copy(store, tmp_path / "shared.cadence")
    finally:
        store.path.chmod(0o644)
    assert os.stat(again).st_mode & 0o7777 == 0o664


def test_thinning_keeps_a_day_then_dailies_then_weeklies() -> None:
    hours = [NOW - timedelta(hours=h) for h in range(0, 24 * 120, 6)]
    backups = [(stamp, Path(f"{stamp:%Y%m%d%H}.cadence")) for stamp in hours]
    doomed = set(to_thin(backups, NOW))
    kept = sorted(stamp for stamp, path in backups if path not in doomed)
    last_day = [s for s in kept if NOW - s <= timedelta(days=1)]
    assert len(last_day) == 5  # every six hours, both ends included
    daily = [s for s in kept if timedelta(days=1) < NOW - s <= timedelta(days=14)]
    assert len({s.date() for s in daily}) == len(daily) == 14
    weekly = [s for s in kept if timedelta(days=14) < NOW - s <= timedelta(days=91)]
    assert len({s.isocalendar()[:2] for s in weekly}) == len(weekly)
    assert 10 <= len(weekly) <= 12
    assert all(NOW - s <= timedelta(days=91) for s in kept)


def test_a_copy_or_backup_the_disk_will_not_take_is_said_as_such(
    store: CalendarStore, tmp_path: Path
) -> None:
    """It said "the change could not be saved" (no change was asked for), and the backup
    went on "The calendar itself is saved" after it, which read as a contradiction."""
    channel = store.add_channel("Blog").created[0]
    store.add_posts([NewPost(f"Post {i}", channel, body="x" * 2000) for i in range(40)])
    target = tmp_path / "copy.cadence"
    with no_file_past(16 * 1024), pytest.raises(StorageProblem) as copying:
        write_copy(store, target)
    said = str(copying.value)
    assert said.endswith(f", so {target} could not be written.")
    assert "change" not in said
    assert not target.exists()
    with no_file_past(16 * 1024), pytest.raises(BackupFailed) as backing_up:
        make_backup(store, tmp_path / "Backups")
    said = str(backing_up.value)
    assert said.startswith("No backup of the calendar could be kept: the disk ")
    assert "change" not in said


def test_a_backup_folder_that_cannot_be_written_is_said_plainly(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "it is read-only for you; choose another folder" (there is no choosing
    where backups go), or "could not be used: Read-only file system"."""
    folder = tmp_path / "Backups"
    with monkeypatch.context() as locked:
        locked.setattr(os, "access", lambda *args, **kwargs: False)
        with pytest.raises(BackupFailed) as refused:
            make_backup(store, folder)
    assert str(refused.value) == (
        f"No backup of the calendar could be kept: Cadence is not allowed to use {folder}."
        " The calendar itself is saved; Cadence tries again the next time it closes it."
    )

    read_only = (
        f"No backup of the calendar could be kept: the disk holding {folder} is read-only,"
        " so it could not be written. The calendar itself is saved"
    )
    with monkeypatch.context() as locked:  # there, on a disk mounted read-only
        locked.setattr(os, "access", lambda *args, **kwargs: False)
        locked.setattr(os, "statvfs", lambda path: SimpleNamespace(f_flag=os.ST_RDONLY))
        with pytest.raises(BackupFailed) as refused:
            make_backup(store, folder)
    assert str(refused.value).startswith(read_only)

    def read_only_disk(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only_disk)  # not there yet
    with pytest.raises(BackupFailed) as refused:
        make_backup(store, folder)
    assert str(refused.value).startswith(read_only)


def test_make_backup_thins_the_folder(store: CalendarStore, tmp_path: Path) -> None:
    folder = tmp_path / "Backups"
    for days in (200, 30, 29, 3, 2):
        make_backup(store, folder, now=NOW - timedelta(days=days))
    make_backup(store, folder, now=NOW)
    ages = [(NOW - stamp).days for stamp, _ in backups_of(folder, "test", calendar_key(store.path))]
    assert ages == [29, 3, 2, 0]


def _spoil(path: Path, sql: str, value: object, *where: object) -> None:
    """Write ``value`` where the file's own checks would not let it (a sector lost)."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute(sql, [value, *where])


@pytest.mark.parametrize(
    ("sql", "value", "holds"),
    [
        (
            "UPDATE posts SET message_list = ?",
            "\x00",
            "unreadable bytes where a list of key messages",
        ),
        ("UPDATE posts SET date = ?", "2026-32-11", "'2026-32-11' where a date"),
        ("UPDATE posts SET time = ?", "25:61", "'25:61' where a time"),
        ("UPDATE posts SET status = ?", "sbheduled", "'sbheduled' where a post's status"),
        (
            "UPDATE posts SET updated_at = ?",
            "yesterday",
            "'yesterday' where a moment of a post's edit",
        ),
        ("UPDATE key_messages SET ends_on = ?", "soon", "'soon' where a date"),
        ("UPDATE campaigns SET kind = ?", "ppomotion", "'ppomotion' where a kind of campaign"),
        ("UPDATE series SET exdates = ?", "2027-01-04,2027-0", "'2027-0' where a date"),
        ("UPDATE series SET anchor_time = ?", "9h", "'9h' where a time"),
        # Bytes where a sector was lost: the check itself failed on them (TypeError).
        (
            "UPDATE series SET exdates = ?",
            b"2027-01-04",
            "unreadable bytes where a list of days a series skips",
        ),
        (
            "UPDATE posts SET created_at = ?",
            b"\x00\x01",
            "unreadable bytes where a moment of a post's edit",
        ),
    ],
)
def test_a_damaged_calendar_is_not_backed_up_over_its_sound_backups(
    store: CalendarStore, tmp_path: Path, sql: str, value: object, holds: str
) -> None:
    """A file damaged where the window did not look (one byte short: a post's key
    messages read as a NUL) was backed up at each close, every copy as damaged, until
    thinning had taken every sound one (120 days of closes, 27 backups, none opened)."""
    channel = store.add_channel("LinkedIn").created[0]
    store.add_key_message("Told")
    store.add_campaign("Spring")
    store.add_series(
        NewPost(title="Weekly", channel_id=channel, date=date(2026, 12, 7), time=time(9, 0)),
        "FREQ=WEEKLY;COUNT=3",
    )
    assert store.first_unreadable() is None
    folder = tmp_path / "Backups"
    sound = make_backup(store, folder, now=NOW - timedelta(days=3))
    _spoil(store.path, sql, value)
    assert store.first_unreadable() == f"holds {holds} belongs"
    with pytest.raises(BackupFailed) as failed:
        make_backup(store, folder, now=NOW)
    assert str(failed.value) == (
        f"test.cadence is damaged (it holds {holds} belongs), so no backup of it was kept"
        " and its earlier ones stay as they were: open the latest of them (Help > About"
        " shows where they are)."
    )
    assert [path for _, path in backups_of(folder, "test", calendar_key(store.path))] == [sound]


@pytest.mark.parametrize("how", ["save a copy", "calendar copy", "calendar copy of a month"])
def test_a_damaged_calendar_is_not_copied(store: CalendarStore, tmp_path: Path, how: str) -> None:
    """Save a Copy As and an export as a Cadence calendar copied the damage unsaid: the
    copy sent to a client, or kept as the way back, as damaged as the calendar. A copy
    of a month is refused for the damage it would carry, not for another month's."""
    from calendar_app.exchange.copy import save_copy
    from calendar_app.exchange.formats import EXPORTERS, ExportOptions, no_progress

    channel = store.add_channel("LinkedIn").created[0]
    told, later = (store.add_key_message(title).created[0] for title in ("Told", "Later"))
    store.add_post(NewPost("December post", channel, (told,), date(2026, 12, 7)))
    store.add_post(NewPost("January post", channel, (later,), date(2027, 1, 10)))
    earlier = tmp_path / "earlier.cadence"
    save_copy(store, earlier)  # the copy sent last week, replaced by this one's name
    sent = earlier.read_bytes()
    spoiled = "UPDATE key_messages SET ends_on = ? WHERE title = ?"
    _spoil(store.path, spoiled, "soon", "Later")
    month = ExportOptions(first=date(2026, 12, 1), last=date(2026, 12, 31))
    options = month if how.endswith("month") else ExportOptions()

    def copy(store: CalendarStore, target: Path) -> object:
        if how == "save a copy":
            return save_copy(store, target)
        return EXPORTERS["cadence"](store, target, options, no_progress)

    if how.endswith("month"):  # December's copy holds none of January's damage
        copy(store, tmp_path / "december.cadence")
        with CalendarStore.open(tmp_path / "december.cadence") as december:
            assert [p.title for p in december.all_posts()] == ["December post"]
        _spoil(store.path, spoiled, "soon", "Told")
    for target in (earlier, tmp_path / "new.cadence"):
        with pytest.raises(CalendarFileError) as refused:
            copy(store, target)
        assert str(refused.value).startswith(
            "test.cadence is damaged (it holds 'soon' where a date belongs), so no copy"
            " of it was written; if it is one of your calendars, open "
        )
    assert earlier.read_bytes() == sent
    assert not (tmp_path / "new.cadence").exists()
    # Nothing replaced, nothing kept: a copy of some posts, checked as it is written,
    # takes back the copy of what it would have replaced (it stayed, never thinned).
    assert not list((data_folder() / "Backups").glob("*.cadence"))


def test_a_backup_that_will_not_go_is_left_and_the_others_thinned(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A folder of an old backup's name stopped the calendar opening ("a problem it did
    not expect; nothing was saved"), the new backup made all the same."""
    folder = tmp_path / "Backups"
    stuck = make_backup(store, folder, now=NOW - timedelta(days=200))
    stuck.unlink()
    stuck.mkdir()  # (as a file made immutable refuses it too)
    for days in (30, 29, 3, 2):
        make_backup(store, folder, now=NOW - timedelta(days=days))
    made = make_backup(store, folder, now=NOW)
    assert made.exists()
    assert stuck.is_dir()
    ages = [(NOW - stamp).days for stamp, _ in backups_of(folder, "test", calendar_key(store.path))]
    assert ages == [200, 29, 3, 2, 0]  # the others thinned as ever


def test_a_calendar_with_a_long_name_is_backed_up_and_brought_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name of 238 bytes (the disk takes 255): a backup's name, 30 bytes longer, was
    refused, and an older calendar, whose copy before the update is 51 longer, never
    opened ("too long for the disk … make room there")."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    named = "Client plan " + "é" * 109  # 230 bytes, before ".cadence"
    folder = tmp_path / "Backups"
    with CalendarStore.create(tmp_path / f"{named}.cadence") as store:
        made = [make_backup(store, folder, now=NOW - timedelta(days=d)) for d in (200, 3, 0)]
        for backup in made:
            assert len(os.fsencode(backup.name)) <= 255
            assert backup.name.startswith("Client plan éé")
    assert sorted(folder.iterdir()) == sorted(made[1:])  # the oldest one thinned
    old = tmp_path / f"{named} old.cadence"
    write_schema_4(old)
    with CalendarStore.open(old) as updated:
        kept = updated.kept_before_update
        assert [p.title for p in updated.all_posts()] == ["Old post"]
    assert kept is not None
    assert kept.name.endswith(" before update.cadence")
    assert len(os.fsencode(f"{kept.name}-journal")) <= 255
    with CalendarStore.open(kept) as copy:  # where it is: SQLite writes beside it
        assert [p.title for p in copy.all_posts()] == ["Old post"]


def test_an_update_stopped_and_tried_again_keeps_one_copy_of_the_calendar_as_it_was(
    tmp_path: Path,
) -> None:
    """Killed while brought up to date (the file left as it was), an older calendar got
    a whole copy more at each try: three tries, three copies of 92 MB, never thinned."""
    import sqlite3
    from contextlib import closing

    old = tmp_path / "old.cadence"
    write_schema_4(old)
    folder = tmp_path / "Backups"
    with closing(sqlite3.connect(old)) as conn:
        first = keep_before_update(conn, old, folder)
    # The try before, a minute earlier: the update stopped once its copy was kept.
    earlier = first.with_name(first.name.replace(first.name.split(" ")[1], "2026-12-01", 1))
    first.rename(earlier)
    with closing(sqlite3.connect(old)) as conn:
        again = keep_before_update(conn, old, folder)
    assert again == earlier
    assert list(folder.iterdir()) == [earlier]
    # A calendar changed since (by the earlier release) is kept again, as it is now.
    with closing(sqlite3.connect(old)) as conn:
        conn.execute("UPDATE posts SET title = 'Changed since'")
        conn.commit()
        changed = keep_before_update(conn, old, folder)
    assert sorted(folder.iterdir()) == sorted([earlier, changed])


def _sqlite_full() -> None:
    """A full disk as SQLite says it, inside VACUUM INTO (it has no errno)."""
    from calendar_app.core.errors import environment_errors

    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    with environment_errors():
        raise full


@pytest.mark.parametrize(
    ("error", "remedy"),
    [
        (errno.ENOSPC, "make room there"),
        (None, "make room there"),  # SQLite's full disk
        (errno.EACCES, "let Cadence write there"),
        (errno.EROFS, "let Cadence write there"),
        (errno.ENOTDIR, "move that file away"),
        (errno.EIO, "make room there (or let Cadence write there)"),
    ],
)
def test_an_update_that_cannot_keep_its_copy_says_the_folder_once_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int | None, remedy: str
) -> None:
    """The sentence named the Backups folder, then the copy's own long name in it, and
    said "make room there (or let Cadence write there)" of a folder one may not write."""
    from calendar_app.core import backups
    from calendar_app.core.errors import NotKeptBeforeUpdate

    def refuse(target: Path, *args: object, **kwargs: object) -> Path:
        if error is None:
            _sqlite_full()
        raise OSError(error, os.strerror(error or 0), str(target))

    monkeypatch.setattr(backups, "_copied_into", refuse)
    old = tmp_path / "old.cadence"
    write_schema_4(old)
    folder = tmp_path / "Backups"
    with closing(sqlite3.connect(old)) as conn, pytest.raises(CalendarFileError) as refused:
        keep_before_update(conn, old, folder)
    said = str(refused.value)
    assert said.startswith(
        f"{old} comes from an earlier release of Cadence, and no copy of it as it was could"
        " be kept before bringing it up to date: "
    )
    assert said.endswith(f" It is left as it was; {remedy} and open it again.")
    assert said.count(str(folder)) == 1
    assert ".cadence" not in said.removeprefix(str(old))
    assert isinstance(refused.value, NotKeptBeforeUpdate)  # (the calendar read as it is)


def test_backups_an_earlier_release_named_in_full_age_out_with_the_new_ones(
    tmp_path: Path,
) -> None:
    """A name of 210 bytes: an earlier release named its backups with all of it, this one
    with it cut to fit a copy kept before an update; only the cut name's were thinned."""
    named = "月" * 70  # 210 bytes
    folder = tmp_path / "Backups"
    folder.mkdir()
    with CalendarStore.create(tmp_path / f"{named}.cadence") as store:
        key = calendar_key(store.path)
        old = folder / f"{named} {(NOW - timedelta(days=200)).strftime(STAMP)} {key}.cadence"
        old.write_bytes(b"")
        kept = folder / f"{named} {(NOW - timedelta(hours=2)).strftime(STAMP)} {key}.cadence"
        kept.write_bytes(b"")
        made = make_backup(store, folder, now=NOW)
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name, kept.name])


def test_a_disk_full_of_backups_gone_out_of_date_makes_room_for_the_new_one(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They were thinned only after a backup was written: a disk full of them took no
    new one, at every close, and none went. The disk is full while they are there (as a
    small disk gives it, StorageProblem where the copy is written)."""
    from calendar_app.core import backups

    folder = tmp_path / "Backups"
    aged = [make_backup(store, folder, now=NOW - timedelta(days=200 + n)) for n in range(3)]
    full_of = aged[1:]  # (the newest of them stays, the way back from before the last day)
    written = backups.write_copy

    def on_a_full_disk(*args: object, **kwargs: object) -> None:
        if any(path.exists() for path in full_of):
            raise StorageProblem("The disk is full, so the backup could not be written.")
        written(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "write_copy", on_a_full_disk)
    made = make_backup(store, folder, now=NOW)
    assert made.exists()
    assert aged[0].exists()
    assert not any(path.exists() for path in full_of)
    # Nothing out of date to go: said as before, the folder as it was.
    full_of[:] = [made]
    with pytest.raises(BackupFailed) as refused:
        make_backup(store, folder, now=NOW + timedelta(hours=1))
    assert str(refused.value).startswith("No backup of the calendar could be kept: ")
    assert sorted(folder.iterdir()) == sorted([aged[0], made])


def test_a_backup_open_to_restore_from_is_not_thinned(store: CalendarStore, tmp_path: Path) -> None:
    """Opened in a window (the way to restore one), a backup that has aged out stays
    until it is closed: it was deleted under the user's typing."""
    folder = tmp_path / "Backups"
    opened = make_backup(store, folder, now=NOW - timedelta(days=200))
    make_backup(store, folder, now=NOW - timedelta(days=3))  # newer, from before the last day
    with CalendarStore.open(opened) as restoring:
        restoring.add_channel("Typed while restoring")
        make_backup(store, folder, now=NOW)
        assert opened.exists()
    make_backup(store, folder, now=NOW + timedelta(seconds=1))
    assert not opened.exists()


def test_a_backup_opened_from_the_backups_folder_is_read_as_it_is(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A backup opened to look back looked like the calendar: work typed into it went
    into a file thinned away later. In the Backups folder it opens as it is, and a
    change says how to go back to it; copied out, it is a calendar like another."""
    channel = store.add_channel("Blog", kind="blog").created[0]
    store.add_post(NewPost("Kept safe", channel, (), date(2026, 12, 1)))
    folder = backup_folder(data_folder())
    path = make_backup(store, folder, now=NOW)
    assert backup_stamp(path) == NOW
    before = path.read_bytes()
    with CalendarStore.open(path) as backup:
        assert backup.read_only
        with pytest.raises(CalendarFileError, match="is a backup, opened as it is") as caught:
            backup.add_channel("Typed into a backup")
        assert "File > Save a Copy As" in str(caught.value)
        assert [p.title for p in backup.all_posts()] == ["Kept safe"]
    assert path.read_bytes() == before
    assert sorted(folder.iterdir()) == [path]  # nothing written beside it

    copied = tmp_path / "restored.cadence"
    copied.write_bytes(before)
    with CalendarStore.open(copied) as restored:
        assert not restored.read_only
        restored.add_channel("Carried on")


def test_a_backup_looked_into_is_not_thinned_away_by_any_process(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Opened read as it is, a backup has no -wal: the next backup's thinning deleted
    it while it was open, in this process (the window switching to it backs up the
    calendar it leaves) or in another."""
    folder = backup_folder(data_folder())
    opened = make_backup(store, folder, now=NOW - timedelta(days=200))
    make_backup(store, folder, now=NOW - timedelta(days=3))  # newer, from before the last day
    with CalendarStore.open(opened) as looking:
        make_backup(store, folder, now=NOW)
        assert opened.exists()
        assert [p.title for p in looking.all_posts()] == []
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_BACKUP, str(opened)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        make_backup(store, folder, now=NOW + timedelta(seconds=1))
        assert opened.exists()
    finally:
        holder.communicate("done\n", timeout=30)
    make_backup(store, folder, now=NOW + timedelta(seconds=2))
    assert not opened.exists()


HOLD_A_BACKUP = """
import sys
from calendar_app.core.store import CalendarStore
with CalendarStore.open(sys.argv[1]) as store:
    print("open", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.parametrize("spelled", ["dots", "link"])
def test_a_backup_is_known_however_its_path_is_spelled(
    store: CalendarStore, tmp_path: Path, spelled: str
) -> None:
    """Through "Backups/../Backups/" or a link to the folder, a backup opened writable."""
    folder = backup_folder(data_folder())
    path = make_backup(store, folder, now=NOW)
    if spelled == "dots":
        other = folder / ".." / folder.name / path.name
    else:
        (tmp_path / "link").symlink_to(folder)
        other = tmp_path / "link" / path.name
    with CalendarStore.open(other) as backup:
        assert backup.read_only
        with pytest.raises(CalendarFileError, match="is a backup"):
            backup.add_channel("Typed into a backup")


def test_two_calendars_of_one_name_keep_their_own_backups(tmp_path: Path) -> None:
    """Two clients' ``plan.cadence``: thinning one's backups never deletes the other's,
    nor does a backup of both in one second replace the other."""
    folder = tmp_path / "Backups"
    stores = []
    for client in ("Client A", "Client B"):
        (tmp_path / client).mkdir()
        stores.append(CalendarStore.create(tmp_path / client / "plan.cadence", name=client))
    first, second = stores
    try:
        for days in (40, 20, 10):
            make_backup(first, folder, now=NOW - timedelta(days=days))
        for hours in range(5):  # the same day of the week as each other: one would be kept
            make_backup(second, folder, now=NOW - timedelta(hours=hours))
        make_backup(first, folder, now=NOW)
        mine = backups_of(folder, "plan", calendar_key(first.path))
        theirs = backups_of(folder, "plan", calendar_key(second.path))
        assert [(NOW - stamp).days for stamp, _ in mine] == [40, 20, 10, 0]
        assert len(theirs) == 5
        with CalendarStore.open(mine[-1][1]) as copy:
            assert copy.info().name == "Client A"
    finally:
        for store in stores:
            store.close()


def test_backups_from_before_keys_still_age_out(store: CalendarStore, tmp_path: Path) -> None:
    folder = tmp_path / "Backups"
    folder.mkdir()
    old = folder / f"test {(NOW - timedelta(days=200)).strftime('%Y-%m-%d %H-%M-%S')}.cadence"
    recent = folder / f"test {(NOW - timedelta(days=3)).strftime('%Y-%m-%d %H-%M-%S')}.cadence"
    for path in (old, recent):
        path.write_bytes(b"")
    make_backup(store, folder, now=NOW)
    assert [path for _, path in backups_of(folder, "test")] == [recent]


def test_a_copy_never_replaces_a_calendar_open_elsewhere(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Its -wal holds changes SQLite would play onto the new file: a damaged calendar."""
    channel = store.add_channel("LinkedIn").created[0]
    store.add_post(NewPost("Ours", channel, (), date(2026, 12, 1)))
    target = tmp_path / "shared.cadence"
    with CalendarStore.create(target, timezone="Europe/Paris") as theirs:
        other = theirs.add_channel("Blog").created[0]
        theirs.add_post(NewPost("Theirs, being edited", other, (), date(2026, 12, 2)))
        with pytest.raises(CalendarFileError, match=r"^shared\.cadence is open in Cadence"):
            write_copy(store, target)
        assert [p.title for p in theirs.all_posts()] == ["Theirs, being edited"]
    # Left open by a crash: its changes still wait in the -wal.
    with CalendarStore.open(target) as theirs:
        wal = target.with_name(target.name + "-wal")
        assert wal.exists()
        crashed = wal.read_bytes()
    wal.write_bytes(crashed)
    with pytest.raises(CalendarFileError, match="was not closed properly"):
        write_copy(store, target)
    wal.unlink()
    with CalendarStore.open(target) as theirs:
        assert [p.title for p in theirs.all_posts()] == ["Theirs, being edited"]
    # Written in rollback mode by another program that stopped half-way: its -journal
    # would be played onto the new copy at its first opening.
    write_copy(store, target)  # a copy: in rollback mode, as copies are
    stopped = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA cache_size=1'); c.execute('BEGIN IMMEDIATE')\n"
            "c.execute('UPDATE posts SET body = hex(randomblob(3000))')\n"
            "os._exit(0)",
            str(target),
        ],
        check=True,
    )
    assert stopped.returncode == 0
    journal = target.with_name(target.name + "-journal")
    assert journal.stat().st_size > 0
    with pytest.raises(CalendarFileError, match="was not closed properly"):
        write_copy(store, target)
    with CalendarStore.open(target) as theirs:  # opened and closed: rolled back
        assert [(p.title, p.body) for p in theirs.all_posts()] == [("Ours", "")]
    assert not journal.exists()
    journal.write_bytes(b"")  # an empty one (a rollback left it) holds nothing to play
    # Closed: the copy replaces it whole.
    write_copy(store, target)
    with CalendarStore.open(target) as copy:
        assert [p.title for p in copy.all_posts()] == ["Ours"]


def test_a_calendar_from_an_older_release_read_as_it_is_gives_a_copy_of_some_posts(
    tmp_path: Path,
) -> None:
    """A file Cadence may only read is not brought up to date: a copy of some of its
    posts is cut from it as it is, without the tables later releases added."""
    path = tmp_path / "old.cadence"
    write_schema_4(path)
    with CalendarStore.open(path, read_only=True) as old:
        (post,) = old.all_posts()
        target = tmp_path / "none.cadence"
        write_copy(old, target, leave_out=[post.id], only_names_used=True)
    with CalendarStore.open(target) as copy:
        assert (copy.count_posts(), copy.channels(), copy.deleted(["u1"])) == (0, [], {})
    with CalendarStore.open(path) as kept:
        assert [p.title for p in kept.all_posts()] == ["Old post"]


def test_a_copy_of_some_posts_keeps_no_former_names(store: CalendarStore, tmp_path: Path) -> None:
    """A copy for another client names nothing of this calendar's past."""
    channel = store.add_channel("Client A internal").created[0]
    store.update_channel(channel, name="Blog")
    store.add_post(NewPost("Kept", channel, (), date(2026, 12, 1)))
    write_copy(store, tmp_path / "some.cadence", only_names_used=True)
    with CalendarStore.open(tmp_path / "some.cadence") as copy:
        assert (copy.former_names("channel"), copy.count_posts()) == ({}, 1)
    assert store.former_names("channel") == {"client a internal": {channel}}


def test_a_copy_of_some_posts_is_a_whole_calendar_and_can_be_stopped(
    store: CalendarStore, tmp_path: Path
) -> None:
    """The posts left out go without their triggers' work (set aside, then put back):
    the copy still searches, lists each post's key messages and keeps itself up to
    date when edited. A step that raises stops it, and nothing is written."""
    channel = store.add_channel("Blog").created[0]
    message = store.add_key_message("Solar pays").created[0]
    kept = store.add_post(NewPost("Kept sunny", channel, (message,), date(2026, 12, 1))).created[0]
    gone = store.add_post(NewPost("Gone rainy", channel, (message,), date(2026, 12, 2))).created[0]
    target = tmp_path / "some.cadence"
    steps: list[tuple[int, int]] = []
    write_copy(
        store, target, leave_out=[gone], step=lambda done, total: steps.append((done, total))
    )
    assert steps == [(0, 3), (1, 3), (2, 3), (3, 3)]
    with CalendarStore.open(target) as copy:
        assert [p.id for p in copy.all_posts()] == [kept]
        assert copy.post(kept).message_ids == (message,)
        assert [p.id for p in copy.search("sunny")] == [kept]
        assert copy.search("rainy") == []
        copy.update_post(kept, {"title": "Kept cloudy"})
        assert [p.id for p in copy.search("cloudy")] == [kept]
        copy.delete_posts([kept])
        assert copy.search("cloudy") == []

    def stop(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    other = tmp_path / "stopped.cadence"
    with pytest.raises(KeyboardInterrupt):
        write_copy(store, other, leave_out=[gone], step=stop)
    assert not other.exists()
    assert not list(tmp_path.glob(".cadence-copy-*"))


def test_the_newest_backup_from_before_the_last_day_is_kept_however_old(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A calendar left for four months, then changed by mistake and closed: the backup
    made as it closed deleted every one before it, and kept only the mistake."""
    folder = tmp_path / "Backups"
    for days in (130, 120):
        make_backup(store, folder, now=NOW - timedelta(days=days))
    make_backup(store, folder, now=NOW)
    ages = [(NOW - stamp).days for stamp, _ in backups_of(folder, "test", calendar_key(store.path))]
    assert ages == [120, 0]
    make_backup(store, folder, now=NOW + timedelta(days=2))  # a later session: it goes
    ages = [(NOW - stamp).days for stamp, _ in backups_of(folder, "test", calendar_key(store.path))]
    assert ages == [0, -2]


def test_a_calendar_moved_and_changed_elsewhere_leaves_no_damaged_backup(
    tmp_path: Path,
) -> None:
    """The window's connection reads through the files SQLite keeps under the old name;
    the command line changes the file at its new one: the backup written as the window
    closed mixed pages of two moments ("wrong # of entries in index"). Refused, said."""
    from tests.terminal import cadence

    moved = tmp_path / "moved.cadence"
    write_demo(tmp_path / "plan.cadence")
    with CalendarStore.open(tmp_path / "plan.cadence") as window:
        channel = window.channels()[0].id
        window.add_post(NewPost("Mine", channel, (), date(2026, 12, 12)))
        assert window.checkpoint()  # as the window does after each change
        os.replace(window.path, moved)
        for n in range(8):
            added = cadence("post", "add", moved, "--title", f"CLI {n}", "--channel", "Blog")
            assert added.returncode == 0, added.stderr
        # Refused, said (pages of two moments); or, where the copy came out whole as it
        # may, kept: never a damaged one.
        said = ""
        try:
            make_backup(window, tmp_path / "Backups")
        except BackupFailed as refused:
            said = str(refused)
        made = list((tmp_path / "Backups").iterdir())
        if said:
            assert "moved while open and changed elsewhere" in said
            assert made == []
        for whole in made:
            with closing(sqlite3.connect(whole)) as copy:
                assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            whole.unlink()
    # A calendar moved and not changed elsewhere is backed up as ever.
    with CalendarStore.open(moved) as there:
        assert "Mine" in {p.title for p in there.all_posts()}
        os.replace(moved, tmp_path / "again.cadence")
        kept = make_backup(there, tmp_path / "Backups")
    with CalendarStore.open(kept) as backup:
        assert {"Mine", "CLI 7"} <= {p.title for p in backup.all_posts()}


def test_the_newest_backup_of_a_day_is_the_last_written_whatever_its_name_says(
    tmp_path: Path,
) -> None:
    """The night the clocks go back (02:50 CEST, then 02:20 CET half an hour later), or a
    flight west (23:00 in Tokyo, then 20:00 in Paris): the one named later, written
    first, was kept for the day, the newer deleted."""
    day = NOW.date() - timedelta(days=3)
    first = (datetime.combine(day, time(23, 0)), tmp_path / "written first.cadence")
    then = (datetime.combine(day, time(20, 0)), tmp_path / "written then.cadence")
    for at, (_, path) in enumerate((first, then)):
        path.write_bytes(b"")
        written = datetime.combine(day, time(12, 0)).timestamp() + at * 3600
        os.utime(path, (written, written))
    assert to_thin([first, then], NOW) == [first[1]]
    # Without files to ask, as their names say.
    gone = (first[0], tmp_path / "gone 1.cadence"), (then[0], tmp_path / "gone 2.cadence")
    assert to_thin(gone, NOW) == [gone[1][1]]


def test_a_copy_holds_no_word_of_a_post_deleted_or_rewritten(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Another client's post pasted by mistake and undone: the search index only marks
    its words deleted, and Save a Copy As sent them to the client ("quorvanta")."""
    channel = store.add_channel("LinkedIn").created[0]
    for n in range(30):  # a calendar with more in it than the mistake
        store.add_post(NewPost(f"Weekly tip {n}", channel, date=date(2026, 12, 1), body="Solar"))
    (mistake,) = store.add_post(
        NewPost("Borealis merger", channel, date=date(2026, 12, 20), body="Embargoed Quorvanta")
    ).created
    (kept,) = store.add_post(NewPost("Launch Zyxwv", channel, date=date(2026, 12, 21))).created
    store.delete_posts([mistake])
    store.update_post(kept, {"title": "Launch day"})  # a name not to be told yet, changed
    copy = write_copy(store, tmp_path / "for the client.cadence")
    data = copy.read_bytes().lower()
    assert [w for w in (b"quorvanta", b"embargoed", b"borealis", b"zyxwv") if w in data] == []
    with CalendarStore.open(copy) as sent:
        assert len(sent.all_posts()) == 31
        assert sent.search_ids("launch") == {kept}
        assert len(sent.search_ids("weekly")) == 30


def test_a_copy_holds_no_name_of_a_key_message_campaign_or_channel_deleted_here(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Another client's key message and campaign, pasted along with a post by mistake
    and deleted by hand: their names went out with Save a Copy As ("falcon"). A backup
    keeps them, so that an import into it leaves them off as the calendar does."""
    channel = store.add_channel("LinkedIn").created[0]
    store.add_post(NewPost("Weekly tip", channel, date=date(2026, 12, 1)))
    (message,) = store.add_key_message("Quorvanta saves", cadence_days=7).created
    (campaign,) = store.add_campaign("Project Falcon").created
    (twitter,) = store.add_channel("Zyxwv Social").created
    store.delete_key_message(message)
    store.delete_campaign(campaign)
    store.delete_channel(twitter)
    copy = write_copy(store, tmp_path / "for the client.cadence")
    data = copy.read_bytes().lower()
    assert [w for w in (b"quorvanta", b"falcon", b"zyxwv") if w in data] == []
    backup = make_backup(store, tmp_path / "Backups")
    with CalendarStore.open(backup) as kept:
        assert kept.deleted_names("message") == store.deleted_names("message") != frozenset()
        assert kept.deleted_names("campaign") == store.deleted_names("campaign") != frozenset()
