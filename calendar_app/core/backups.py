"""Backups of a calendar, kept beside Cadence's data and thinned as they age.

A backup is a compact copy (``VACUUM INTO``) written when the calendar changed
in a session, never half-written: it goes to a temporary name first. Old
backups are thinned: everything from the last day, then one a day for two
weeks, then one a week for three months. A backup's name is the calendar's, the
time, and a short key of the calendar's full path: two calendars of one name
(two clients' ``plan.cadence``) keep backups of their own.
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import glob
import hashlib
import itertools
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from .database import KEPT_SUFFIX, in_use, remove_calendar_file, sound
from .errors import (
    CadenceError,
    CalendarFileError,
    NotKeptBeforeUpdate,
    StorageProblem,
    after_colon,
    environment_errors,
    name_too_long,
    on_writing,
    os_problem_for,
    to_its_backups,
)
from .files import held_elsewhere, put_in_place
from .store import CalendarStore


class BackupFailed(CadenceError):
    """A backup could not be written; the calendar itself is as saved."""


STAMP = "%Y-%m-%d %H-%M-%S"
_NAME = re.compile(
    r"^(?P<stem>.+) (?P<stamp>\d{4}-\d{2}-\d{2} \d{2}-\d{2}-\d{2})"
    r"(?: (?P<key>[0-9a-f]{8})(?P<replaced> replaced(?: \d+)?)?)?\.cadence$"
)
"""A backup's name, or a replaced calendar's kept (:func:`keep_replaced`: a backup of
it, never thinned)."""

KEEP_ALL = timedelta(days=1)
KEEP_DAILY = timedelta(days=14)
KEEP_WEEKLY = timedelta(days=91)


def backup_folder(data_folder: Path) -> Path:
    """Where backups live: a ``Backups`` folder in Cadence's data folder."""
    return data_folder / "Backups"


def copy_target(store: CalendarStore, target: Path | str) -> Path:
    """The file a copy of the calendar writes for ``target``
    (:meth:`.CalendarStore.export_target`), refused where a calendar is open: one open
    elsewhere (or left open by a crash) keeps changes in its -wal, or a half-written
    change in its -journal, which SQLite would play onto the new file, a damaged
    calendar. Asked before "replace it?" is."""
    path = store.export_target(target, what="A copy")
    too_long = name_too_long(path)  # (asked of its -wal below, the disk refused the name)
    if too_long is not None:
        raise CalendarFileError(too_long)
    if Path(f"{path}-wal").exists() or _holds_something(Path(f"{path}-journal")):
        raise CalendarFileError(
            f"{path.name} is open in Cadence or another program, or was not closed"
            " properly; close it there (or open and close it in Cadence), or choose"
            " another name."
        )
    return path


def refuse_damaged(store: CalendarStore, copy: str) -> None:
    """Refuse a copy of ``store`` being written at ``copy`` that holds damage
    (:func:`.damage.damage_of`): sent to a client, or kept as the way back, it
    carried the damage on unsaid. Checked in the copy: a month's copy is sound where the
    damage is in another month."""
    from .damage import damage_of

    conn = sqlite3.connect(copy)
    conn.text_factory = lambda data: data.decode("utf-8", "replace")  # (said, not raised)
    try:
        # Its values, and what no check of the calendar's looks at (a post naming a
        # channel it lacks, a title kept as bytes): a copy written so was refused once
        # opened, the calendar it came from read as ever.
        damage = damage_of(conn)
    finally:
        conn.close()
    if damage is not None:
        raise CalendarFileError(
            f"{store.path.name} is damaged ({damage}), so no copy of it was written;"
            f" {to_its_backups()}"
        )


def _holds_something(path: Path) -> bool:
    """Whether a file is there and not empty (a -journal a rollback left empty is no
    change to play back)."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def write_copy(
    store: CalendarStore,
    target: Path,
    *,
    leave_out: Collection[int] = (),
    only_names_used: bool = False,
    step: Callable[[int, int], None] | None = None,
    checked_whole: bool = False,
    backup: bool = False,
    sound_only: bool = False,
) -> Path:
    """Write a compact, consistent copy of the calendar to ``target`` (replacing it);
    return the file written (the one a link points to, in full).

    ``step(done, total)`` is told how far the copy is; it may raise to stop it (the
    copy is then not written).

    The copy is written beside the target and renamed over it only once it is
    complete, so a full disk or a crash never leaves half a file behind. The
    posts numbered in ``leave_out`` are not in it, nor anything of their text.
    With ``only_names_used``, neither are the channels, key messages and
    campaigns that no post of the copy uses (a copy of some posts, for another
    client, names nothing else of this one). ``checked_whole``: the copy must pass
    SQLite's whole check before it is put in place (else a :class:`CalendarFileError`).
    Nor are the names of channels, key messages and campaigns deleted here (another
    client's, pasted by mistake and deleted, went out with the copy), but in a
    ``backup``: an import into it leaves them off as the calendar does
    (:meth:`.CalendarStore.deleted_names`). ``sound_only``: the copy is refused when it
    would hold damage (:func:`refuse_damaged`).
    """
    target = copy_target(store, target)
    told = step or (lambda done, total: None)

    def fill(copy: str) -> None:
        told(0, 3)
        with environment_errors():
            store.db.execute("VACUUM INTO ?", [copy])
            told(1, 3)
            if leave_out or only_names_used:
                _leave_out(copy, leave_out, only_names_used=only_names_used, backup=backup)
            else:
                _without_deleted_words(copy, backup=backup)
            if sound_only:
                refuse_damaged(store, copy)
        if checked_whole and not _sound(Path(copy)):
            # Read through the files SQLite kept under the old name of a calendar moved
            # while open, as other programs changed it at its new one: pages of two moments.
            raise CalendarFileError(
                "the calendar was moved while open and changed elsewhere since, so this"
                " window's copy of it is not a whole one."
            )
        told(2, 3)

    try:
        _copied_into(target, fill, rights_of=store.path)
        told(3, 3)
    except StorageProblem as exc:
        problem = on_writing(exc, str(target))  # a copy was written, not a change
        if problem is exc:
            raise
        raise problem from exc
    except OSError as exc:
        raise os_problem_for(exc, str(target)) from exc
    return target


def _copied_into(
    target: Path,
    fill: Callable[[str], None],
    *,
    rights_of: Path | None = None,
    unless_in: Iterable[Path] = (),
) -> Path:
    """A copy of a calendar at ``target``: ``fill`` writes it (VACUUM INTO) into a file
    beside it, left there empty and private (0600) so that no one else reads the copy
    while it is written, then renamed over it once whole; a full disk, a crash or a
    stop leaves no half copy behind. A new file has the rights of the one at
    ``rights_of`` (:func:`.files.put_in_place`). Where a file of ``unless_in`` holds
    the same bytes, that one is the copy, and no other is kept. Returns the copy."""
    handle, temp_name = tempfile.mkstemp(prefix=".cadence-copy-", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        fill(temp_name)
        for same in unless_in:
            with contextlib.suppress(OSError):
                if filecmp.cmp(same, temp_name, shallow=False):
                    return same
        put_in_place(temp_name, target, rights_of=rights_of)
        return target
    finally:
        remove_calendar_file(temp_name)


def _without_deleted_words(copy: str, *, backup: bool) -> None:
    """Take the words of posts deleted (a paste undone, another client's post taken
    out) out of a fresh copy: the search index only marks them deleted, and a copy
    sent to a client carried them. Its segments merged into one drop them, the pages
    they leave overwritten (a third of a second at 100,000 posts). Out of a copy
    but a ``backup``, the names of records deleted too (:func:`_deleted_names_out`)."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        if "posts_fts" in names:
            conn.execute("INSERT INTO posts_fts(posts_fts) VALUES ('optimize')")
        if not backup:
            _deleted_names_out(conn, names)
    finally:
        conn.close()


def _deleted_names_out(conn: sqlite3.Connection, tables: Collection[str]) -> None:
    """Forget the names of channels, key messages and campaigns deleted here (kept
    under their numbers made negative, see :meth:`.CalendarStore.deleted_names`)."""
    if "former_names" in tables:  # a file read as it is, from before schema 8, has none
        conn.execute("DELETE FROM former_names WHERE record_id < 0")


def _leave_out(
    copy: str, post_ids: Collection[int], *, only_names_used: bool, backup: bool
) -> None:
    """Delete these posts from a fresh copy (and, ``only_names_used``, the names no post
    left uses), then compact it so their text is gone."""
    # VACUUM INTO keeps every post's id (the table's INTEGER PRIMARY KEY).
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        # The search index is built again below, and the posts left keep their message
        # lists: the triggers that keep both up to date one deleted post at a time are
        # set aside meanwhile (a year out of 300,000 posts took 40 seconds).
        aside = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND name IN ('posts_fts_delete', 'post_messages_list_delete')"
        ).fetchall()
        for name, _ in aside:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("CREATE TEMP TABLE gone (id INTEGER PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO gone (id) VALUES (?)", [(i,) for i in post_ids])
        conn.execute("DELETE FROM posts WHERE id IN (SELECT id FROM gone)")
        for _, sql in aside:
            conn.execute(sql)
        conn.execute(
            "DELETE FROM series WHERE id NOT IN"
            " (SELECT series_id FROM posts WHERE series_id IS NOT NULL)"
        )
        # A file read as it is, from an older release, may lack the later tables.
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        if "post_versions" in tables:
            conn.execute("DELETE FROM post_versions WHERE post_id NOT IN (SELECT id FROM posts)")
        if only_names_used:
            if "deleted_posts" in tables:  # the uids of posts the copy is not about
                conn.execute("DELETE FROM deleted_posts")
            if "former_names" in tables:  # names of this calendar's past, not of the copy's
                conn.execute("DELETE FROM former_names")
            conn.execute("DELETE FROM channels WHERE id NOT IN (SELECT channel_id FROM posts)")
            conn.execute(
                "DELETE FROM key_messages WHERE id NOT IN (SELECT message_id FROM post_messages)"
            )
            conn.execute(
                "DELETE FROM campaigns WHERE id NOT IN"
                " (SELECT campaign_id FROM posts WHERE campaign_id IS NOT NULL)"
            )
        elif not backup:
            _deleted_names_out(conn, tables)
        # The search index only marks deleted words as deleted: build it again from the
        # posts that are left, or their words would stay in the file.
        conn.execute("INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()


def calendar_key(path: Path) -> str:
    """A short key of a calendar's full path, which its backups' names carry."""
    return hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:8]


_LONGEST_TAIL = len(f" {datetime(2000, 1, 1).strftime(STAMP)} 01234567{KEPT_SUFFIX}")
"""The bytes a backup's name or a copy kept before an update adds to its calendar's."""


def backup_stem(path: Path) -> str:
    """The part of a backup's name that names its calendar: the calendar's own name, cut
    short where the backup's whole name, or that of the file SQLite writes beside it,
    would be longer than a disk's longest (255 bytes): a calendar named at length could
    not be backed up, nor brought up to date."""
    stem = path.stem
    room = 255 - _LONGEST_TAIL - len("-journal")  # SQLite's file beside it, as it is read
    while len(os.fsencode(stem)) > room:
        stem = stem[:-1]
    return stem


def backups_of(folder: Path, stem: str, key: str | None = None) -> list[tuple[datetime, Path]]:
    """The backups in ``folder`` of the calendar named ``stem`` whose path has ``key``,
    oldest first; with no key, those written before backups had keys."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match is None or match.group("replaced"):  # (kept for good)
                continue
            if match.group("stem") == stem and match.group("key") == key:
                found.append((datetime.strptime(match.group("stamp"), STAMP), path))
    return sorted(found)


def latest_backup(folder: Path, calendar: Path) -> Path | None:
    """The newest backup in ``folder`` of the calendar at ``calendar`` (gone from there,
    say: its last changes are in it), None when there is none."""
    found = backups_of(folder, backup_stem(calendar), calendar_key(calendar))
    return found[-1][1] if found else None


def backup_stamp(path: Path) -> datetime | None:
    """When the backup at ``path`` was written, as its name says (None: not a backup's
    name, such as a copy kept before an update under an earlier scheme)."""
    match = _NAME.match(path.name)
    return datetime.strptime(match.group("stamp"), STAMP) if match else None


def is_backup_of(path: Path, calendar: Path) -> bool:
    """Whether ``path`` is a backup of the calendar at ``calendar`` (its name carries
    the key of that calendar's path; a copy kept before an update names none)."""
    from .database import in_backups

    match = _NAME.match(path.name)
    return bool(match and match.group("key") == calendar_key(calendar) and in_backups(path))


def to_thin(
    backups: Iterable[tuple[datetime, Path]], now: datetime, *, keep_newest_before: bool = True
) -> list[Path]:
    """Which backups to delete: keep all of the last day, one a day for two weeks,
    one a week for three months (the newest of each day or week), nothing older but,
    with ``keep_newest_before``, the newest from before the last day, however old: a
    calendar left for months and then changed by mistake kept only the mistake (the
    backup made as it closed deleted every one before it)."""
    keep_buckets: set[tuple[str, object]] = set()
    doomed: list[Path] = []
    newest_before = keep_newest_before  # (the backups are gone through newest first)
    # The newest of a day by when it was written: its name has the wall clock's time,
    # which goes back as the clocks do in autumn or on a flight west (02:20 CET is
    # half an hour after 02:50 CEST; 20:00 in Paris, hours after 23:00 in Tokyo).
    for stamp, path in sorted(backups, key=lambda b: (b[0].date(), _written(*b)), reverse=True):
        age = now - stamp
        if age <= KEEP_ALL:
            continue
        if age <= KEEP_DAILY:
            bucket: tuple[str, object] = ("day", stamp.date())
        elif age <= KEEP_WEEKLY or newest_before:
            bucket = ("week", stamp.isocalendar()[:2])
        else:
            doomed.append(path)
            continue
        newest_before = False
        if bucket in keep_buckets:
            doomed.append(path)
        else:
            keep_buckets.add(bucket)
    return doomed


def _written(stamp: datetime, path: Path) -> float:
    """When the backup at ``path`` was written (its file's time), else as its name says."""
    try:
        return path.stat().st_mtime
    except OSError:
        return stamp.timestamp()


def keep_before_update(conn: sqlite3.Connection, path: Path, folder: Path) -> Path:
    """Copy the calendar at ``path``, read through ``conn``, into ``folder`` before it is
    brought up to date from an earlier release of Cadence (which opens that copy, not
    the updated file); return the copy's path.

    The copy is no backup of the kind thinned as they age (its name says "before
    update"); this release opens it as it is there (:func:`.database.in_backups`),
    leaving it to the earlier one, instead of bringing it up to date in turn. Its file
    may be written: the earlier releases that cannot read a file they may not write
    (they all write as they open) open it, there or copied out with ``cp``.
    """
    now = datetime.now().replace(microsecond=0)
    target = folder / f"{backup_stem(path)} {now.strftime(STAMP)} {calendar_key(path)}{KEPT_SUFFIX}"

    def fill(copy: str) -> None:
        with environment_errors():
            conn.execute("VACUUM INTO ?", [copy])

    try:
        folder.mkdir(parents=True, exist_ok=True)
        # An update stopped (a crash, a power cut) left the file as it was, and a copy
        # of it kept: a whole copy more at each try was kept for good (3 of 92 MB).
        earlier = sorted(
            folder.glob(f"{glob.escape(backup_stem(path))} *{calendar_key(path)}{KEPT_SUFFIX}")
        )
        kept = _copied_into(target, fill, rights_of=path, unless_in=earlier)
    except (OSError, CadenceError) as exc:
        # Said of the folder, named once (the copy's own name, never chosen by the user,
        # made the sentence twice as long).
        problem = os_problem_for(exc, str(folder)) if isinstance(exc, OSError) else exc
        if isinstance(problem, StorageProblem):
            problem = on_writing(problem, str(folder))
        # The Backups folder's fault (full, not writable): the calendar may be read as it
        # is. Its own (damaged): not.
        kind = NotKeptBeforeUpdate if isinstance(problem, StorageProblem) else CalendarFileError
        raise kind(
            f"{path} comes from an earlier release of Cadence, and no copy of it as it"
            f" was could be kept before bringing it up to date: {after_colon(str(problem))}"
            f" It is left as it was; {_remedy(exc)} and open it again."
        ) from exc
    return kept


_REMEDIES: dict[int | str, str] = {
    **dict.fromkeys((errno.ENOSPC, errno.EDQUOT, "SQLITE_FULL"), "make room there"),
    **dict.fromkeys(
        (errno.EACCES, errno.EPERM, errno.EROFS, "SQLITE_READONLY", "SQLITE_PERM"),
        "let Cadence write there",
    ),
    **dict.fromkeys((errno.EEXIST, errno.ENOTDIR), "move that file away"),
}
"""What to do about a copy the Backups folder would not take, by the cause's errno or
SQLite's name for it."""


def _remedy(exc: BaseException) -> str:
    """What to do about ``exc`` (or the error under it) that kept a copy from Backups."""
    seen: BaseException | None = exc
    while seen is not None:
        for cause in (getattr(seen, "errno", None), getattr(seen, "sqlite_errorname", None)):
            if cause in _REMEDIES:
                return _REMEDIES[cause]
        seen = seen.__cause__ or seen.__context__
    return "make room there (or let Cadence write there)"


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path | None]:
    """Around a copy written over ``target``: the calendar there kept first
    (:func:`keep_replaced`, given as the value), that copy of it taken away again when
    the copy is not written (refused, a disk full): it stays where it was, and a
    backup of a calendar not replaced was never thinned away."""
    kept = keep_replaced(target)
    try:
        yield kept
    except BaseException:
        if kept is not None:
            kept.unlink(missing_ok=True)
        raise


def keep_replaced(target: Path) -> Path | None:
    """Before a copy replaces the calendar at ``target`` (a script's slip of the name, a
    backup saved over the calendar it is of): keep that calendar as it is, byte for
    byte (damaged or from a later release too), in the Backups folder; return where.
    None when ``target`` is no calendar, or is one in the Backups folder. Refused, the
    calendar left alone, when it cannot be kept."""
    from ..app import data_folder
    from .database import database_at, in_backups

    if database_at(target) != "a calendar" or in_backups(target):
        return None
    folder = backup_folder(data_folder())
    now = datetime.now().replace(microsecond=0)
    # No backup's name: never thinned away (the slip may be seen days later, the
    # calendar's backups made since of what replaced it), and one of its own however
    # soon another replace comes (two in a second wrote one over the other).
    named = f"{backup_stem(target)} {now.strftime(STAMP)} {calendar_key(target)} replaced"
    kept = folder / f"{named}.cadence"
    for number in itertools.count(2):
        if not kept.exists():
            break
        kept = folder / f"{named} {number}.cadence"

    def fill(copy: str) -> None:
        shutil.copyfile(target, copy)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _copied_into(kept, fill, rights_of=target)
    except (OSError, CadenceError) as exc:
        problem = os_problem_for(exc, str(folder)) if isinstance(exc, OSError) else exc
        raise StorageProblem(
            f"{target.name} is a calendar, and no copy of it could be kept in {folder}"
            f" before replacing it: {after_colon(str(problem))} Nothing was replaced."
        ) from exc


def _why_not_writable(folder: Path) -> int:
    """The error number of a folder this process may not write in: its disk read-only
    (EROFS), else its rights (EACCES)."""
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # (Windows has no statvfs)
        read_only = False
    return errno.EROFS if read_only else errno.EACCES


def _open_somewhere(path: Path) -> bool:
    """Whether a backup at ``path`` is open in a Cadence window (or was when one
    stopped): in this process, or in another, which holds it (it is read as it is,
    with no lock of SQLite's); one from before, opened writable, has its ``-wal``."""
    return in_use(path) or Path(f"{path}-wal").exists() or held_elsewhere(path)


def _sound(path: Path) -> bool:
    """Whether the calendar file at ``path`` passes SQLite's whole check."""
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            return sound(conn, whole=True)
    except sqlite3.Error:
        return False


def make_backup(store: CalendarStore, folder: Path, *, now: datetime | None = None) -> Path:
    """Write a backup of ``store`` into ``folder`` and thin the older ones; return its path."""
    now = (now or datetime.now()).replace(microsecond=0)
    stem, key = backup_stem(store.path), calendar_key(store.path)
    target = folder / f"{stem} {now.strftime(STAMP)} {key}.cadence"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):  # not "choose another folder", as
            raise OSError(_why_not_writable(folder), "not writable", str(folder))  # a copy
        moved = store.file_moved_or_replaced() is not None
        damage = store.first_unreadable()
        if damage is not None:  # a copy of it would be no way back, and thin out those
            raise BackupFailed(  # that are: they stay as they are
                f"{store.path.name} is damaged (it {damage}), so no backup of it was kept"
                " and its earlier ones stay as they were: open the latest of them (Help >"
                " About shows where they are)."
            )
        try:
            write_copy(store, target, checked_whole=moved, backup=True)
        except (OSError, StorageProblem):
            # A disk full of its own backups gone out of date: they go first, then it is
            # tried again (thinned only after a backup written, none ever was again).
            if not _thin(store, folder, now):
                raise
            write_copy(store, target, checked_whole=moved, backup=True)
    except BackupFailed:
        raise
    except (OSError, CadenceError) as exc:
        # Said as what it is: the calendar itself is saved, only its backup is missing.
        problem = os_problem_for(exc, str(folder)) if isinstance(exc, OSError) else exc
        raise BackupFailed(
            f"No backup of the calendar could be kept: {after_colon(str(problem))} The"
            " calendar itself is saved; Cadence tries again the next time it closes it."
        ) from exc
    _thin(store, folder, now)
    return target


def _thin(store: CalendarStore, folder: Path, now: datetime) -> int:
    """Let the backups of ``store`` in ``folder`` age out as of ``now``; how many went."""
    stem, key = backup_stem(store.path), calendar_key(store.path)
    gone = 0
    # Its own backups, and those from before keys of any calendar of this name (one
    # pool, as they always were), age out.
    # Those an earlier release named with the calendar's whole name, too long now, age
    # out with them.
    for pool, named in itertools.product((key, None), dict.fromkeys((stem, store.path.stem))):
        # (Its own keep the newest from before the last day; those named otherwise by
        # earlier releases only age out.)
        own = (pool, named) == (key, stem)
        for path in to_thin(backups_of(folder, named, pool), now, keep_newest_before=own):
            if not _open_somewhere(path):  # a backup opened to restore from stays
                # One that will not go (a folder of its name, a file made immutable)
                # stays: it stopped the calendar opening, with the backup made.
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    continue
                gone += 1
    return gone
