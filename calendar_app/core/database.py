"""The calendar file: opening, creating, checking and migrating it.

A calendar is one SQLite file marked with our ``PRAGMA application_id``. Its
schema evolves only through the migrations in :mod:`.migrations`; the number
of migrations applied is also kept in ``PRAGMA user_version`` so that a file
from a newer
Cadence can be recognised (and refused) without touching it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import (
    CadenceError,
    CalendarFileError,
    NewerSchemaError,
    StorageProblem,
    environment_errors,
    name_too_long,
    on_writing,
    opening_errors,
    opening_problem_for,
    os_problem_for,
    path_too_long,
    to_its_backups,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x43414443  # "CADC"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
"""How long a connection waits for another program's write to end before it says the
calendar is busy."""


def _wait() -> float:
    """:data:`BUSY_TIMEOUT_MS` in seconds, for a connection's first statements too."""
    return BUSY_TIMEOUT_MS / 1000


SCHEMA_VERSION = 9
"""The number of migrations in :mod:`calendar_app.core.migrations`, also kept in
``PRAGMA user_version``; a file with a larger one comes from a newer Cadence."""

READABLE_AS_IS = 4
"""The oldest schema a calendar can be read from without updating it (a colleague's
file to merge): schemas 5 to 9 only added the records of earlier versions, of
deleted posts and of former names, made the search index again and let weeks start on
Saturday, which reading does without."""


CALENDAR_TABLES = {
    "calendar": "settings",
    "campaigns": "campaigns",
    "channels": "channels",
    "key_messages": "key messages",
    "post_messages": "record of the posts' key messages",
    "posts": "posts",
    "posts_fts": "search index",
    "post_versions": "earlier versions of posts",
    "deleted_posts": "record of deleted posts",
    "former_names": "former names",
    "series": "recurring posts",
}
"""The tables every calendar of the current schema has, by what they hold; a file
without one is damaged."""

_in_use: Counter[tuple[int, int]] = Counter()
"""The calendar files this process has open (device and inode), with their connections."""


def sound(conn: sqlite3.Connection, *, whole: bool = False) -> bool:
    """Whether SQLite finds the database of ``conn`` sound. The quick check first; what
    it finds wrong is checked again in full, since SQLite 3.40 (Debian 12's, and the
    built program's) reports "NULL value in former_names.record_id" for any rename
    remembered (a table whose key is in another order than its columns), where the
    full check finds none. ``whole``: the full check alone (an index out of step with
    its table, as a copy of pages of two moments has, is the full check's to find)."""
    for check in ("integrity_check",) if whole else ("quick_check", "integrity_check"):
        try:
            verdict = conn.execute(f"PRAGMA {check}").fetchall()
        except sqlite3.DatabaseError:
            return False
        if verdict == [("ok",)]:
            return True
    return False


def identity(path: Path) -> tuple[int, int] | None:
    """The file at ``path`` (device and inode), or None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def hold(path: Path) -> tuple[int, int] | None:
    """Note that a connection of this process has ``path`` open; give it to :func:`release`."""
    key = identity(path)
    if key is not None:
        _in_use[key] += 1
    return key


def release(key: tuple[int, int] | None) -> None:
    """The connection noted by :func:`hold` is closed."""
    if key is not None:
        _in_use[key] -= 1
        if _in_use[key] <= 0:
            del _in_use[key]


def in_use(path: Path) -> bool:
    """Whether this process already has the calendar at ``path`` open (under any name)."""
    key = identity(path)
    return key is not None and key in _in_use


def database_at(path: Path) -> str | None:
    """What SQLite database ``path`` is: "a calendar", "a database of another program",
    or None when it is none (read only where no connection of this process holds it:
    see :func:`in_use`)."""
    if in_use(path):
        return "a calendar"
    try:
        header = _header(path) if path.is_file() else b""
    except CadenceError:
        return None
    if not header.startswith(SQLITE_MAGIC):
        return None
    ours = len(header) >= 72 and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    return "a calendar" if ours else "a database of another program"


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except OSError as exc:
        raise os_problem_for(exc, str(path)) from exc


def _check_waiting_changes(path: Path) -> None:
    """SQLite reads changes waiting in a calendar's ``-wal`` through a ``-shm`` it must
    make: in a folder it may not write, it cannot (it said the file was damaged)."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    folder = path.parent if str(path.parent) else Path(".")
    if wal.exists() and not shm.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise CalendarFileError(
            f"{path} has changes waiting beside it (in {wal.name}), which Cadence can"
            " read only in a folder it may write in; copy both files to such a folder,"
            " or open the calendar once where it was written."
        )


def _read_marks(path: Path) -> tuple[int, int]:
    """Return (application_id, user_version) through a read-only connection.

    A read-only connection to a WAL-mode file still creates ``-wal`` and ``-shm``
    files beside it and, unable to checkpoint, leaves them there. Without a
    ``-wal`` file the main file holds everything, so it is read as immutable,
    which creates nothing; with one (the file is in use, or a session crashed)
    the connection must read through it to see the real marks.
    """
    try:
        conn = read_damaged_text(sqlite3.connect(_read_only_uri(path), uri=True, timeout=_wait()))
    except sqlite3.Error as exc:
        problem = opening_problem_for(exc, path)
        raise problem or CalendarFileError(f"{path} could not be opened.") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id == APPLICATION_ID and 1 <= user_version <= SCHEMA_VERSION:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if user_version < 5:
                tables.add("post_versions")  # came with schema 5
            if user_version < 6:
                tables.add("deleted_posts")  # came with schema 6
            if user_version < 8:
                tables.add("former_names")  # came with schema 8
            missing = [held for table, held in CALENDAR_TABLES.items() if table not in tables]
            if missing:
                raise CalendarFileError(  # the way on, as for a file damaged otherwise
                    f"{path} is damaged (it has no {missing[0]}); {to_its_backups()}"
                )
    except sqlite3.DatabaseError as exc:
        problem = opening_problem_for(exc, path)
        if problem is not None:
            raise problem from exc  # a full disk, not a damaged file
        raise CalendarFileError(
            f"{path} is damaged, so Cadence cannot read it; {to_its_backups()}"
        ) from exc
    finally:
        conn.close()
    return int(app_id), int(user_version)


def _read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` without writing anything beside it when it can.

    Without a ``-wal`` file the main file holds everything and is read as
    immutable, which creates nothing; with one (the file is in use, or a session
    crashed) the connection must read through it, which needs its ``-shm``.
    """
    in_use = Path(str(path) + "-wal").exists()
    if in_use:
        _check_waiting_changes(path)
    mode = "?mode=ro" if in_use else "?mode=ro&immutable=1"
    return Path(os.path.abspath(path)).as_uri() + mode


def reopen_read_only(path: Path) -> sqlite3.Connection:
    """A new read-only connection to a calendar this process holds open, checked as
    :func:`check_calendar_file` checks a file (through SQLite only: reading a held
    file outside it would drop the process's locks on it)."""
    if not path.is_file():
        raise CalendarFileError(f"There is no calendar at {path} any more.")
    app_id, version = _read_marks(path)
    if app_id != APPLICATION_ID:
        raise CalendarFileError(f"{path} is no longer a Cadence calendar.")
    if not READABLE_AS_IS <= version <= SCHEMA_VERSION:
        raise NewerSchemaError(f"{path} was saved by another version of Cadence; open it again.")
    return _connect_as_is(path)


def _connect_as_is(path: Path) -> sqlite3.Connection:
    """A read-only connection that writes nothing beside the file it can avoid."""
    with opening_errors(path):
        conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=_wait())
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def file_stamp(path: Path) -> tuple[object, ...]:
    """What changes when anything writes the calendar: the size and time of the file
    and of its ``-wal`` (for a read-only connection, which SQLite may not tell)."""
    stamp: list[object] = []
    for name in (str(path), f"{path}-wal"):
        try:
            info = os.stat(name)
        except OSError:
            stamp.append(None)
        else:
            stamp.append((info.st_mtime_ns, info.st_size, info.st_ino))
    return tuple(stamp)


def may_write(path: Path) -> bool:
    """Whether this process may write the calendar file and, beside it, its ``-wal``
    and ``-shm`` files (the folder must let it create them)."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


KEPT_SUFFIX = " before update.cadence"
"""How the copy of a calendar kept before bringing it up to date ends its name."""


def in_backups(path: Path) -> bool:
    """Whether ``path`` is a calendar in Cadence's Backups folder: a backup, or a copy
    kept before an update. Opened there, it is read as it is (work typed into a backup
    would be thinned away with it; a copy of it taken elsewhere, under any name, is a
    calendar like another)."""
    if path.suffix != ".cadence":
        return False
    from ..app import data_folder
    from .backups import backup_folder

    # However the path is spelled: "Backups/../Backups/x.cadence", a link to the folder.
    return path.resolve().parent == backup_folder(data_folder()).resolve()


def kept_for_earlier(path: Path) -> bool:
    """Whether ``path`` is a copy kept in the Backups folder before its calendar was
    brought up to date, for the earlier release."""
    return path.name.endswith(KEPT_SUFFIX) and in_backups(path)


def reads_as_is(path: Path, *, read_only: bool = False) -> bool:
    """Whether :func:`open_database` opens the calendar at ``path`` read-only: when
    asked to, when this process may not write it, or when it is in the Backups folder
    (even where its read-only mark does not bind, as for root)."""
    return read_only or not may_write(path) or in_backups(path)


def check_calendar_file(path: Path) -> int:
    """Make sure ``path`` is a Cadence calendar this version can open; return its version.

    Reads only: the file is never modified, whatever it turns out to be.
    """
    if not path.exists():
        raise CalendarFileError(f"There is no calendar at {path}.")
    if path.is_dir():
        raise CalendarFileError(f"{path} is a folder, not a calendar file.")
    if not path.is_file():  # a pipe waits for a writer for ever; a device reads on
        raise CalendarFileError(
            f"{path} is not a plain file (a pipe or a device), so not a calendar."
        )
    too_long = name_too_long(path)
    if too_long is not None:
        raise CalendarFileError(too_long)
    if in_use(path):
        # Ours, open and up to date. Reading it again outside SQLite would be worse than
        # useless: closing any other handle on a file drops all the locks this process
        # holds on it (POSIX), and with them the open connection's protection.
        return SCHEMA_VERSION
    header = _header(path)
    if not header:
        raise CalendarFileError(f"{path} is empty, so it is not a Cadence calendar.")
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        if path.suffix.lower() in _IMPORTED_SUFFIXES:  # what to do with it, said
            raise CalendarFileError(
                f"{path} is not a Cadence calendar, but its posts can be imported into"
                " one: File > Import in the window, or 'cadence import CALENDAR FILE'."
            )
        raise CalendarFileError(f"{path} is not a Cadence calendar.")
    app_id, version = _read_marks(path)
    if app_id != APPLICATION_ID:
        raise CalendarFileError(f"{path} is a database of another program, not a Cadence calendar.")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path} was saved by a newer version of Cadence; update Cadence to open it."
        )
    return version


_IMPORTED_SUFFIXES = frozenset({".ics", ".ical", ".ifb", ".csv", ".tsv", ".txt"})
"""The endings of the files Cadence imports (iCalendar, CSV): one opened as a calendar
("cadence plan.ics") is told the way to bring its posts in."""


def read_damaged_text(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Text whose bytes are not UTF-8 (one a bad sector changed) read from now on with
    those bytes as "\ufffd", the rest of the calendar with it: Python's sqlite3 refused
    the whole query (a month, the start of the window) for one damaged title. (Not from
    the start: text read so takes twice as long as Python's own decoding.)"""
    conn.text_factory = _LENIENT_TEXT
    return conn


def undecodable(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` is Python's sqlite3 refusing text that is not UTF-8."""
    return "could not decode to utf-8" in str(exc).lower()


_LENIENT_TEXT = functools.partial(str, encoding="utf-8", errors="replace")


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # A page cache of 8 MiB (SQLite gives 2) keeps the months around the one on
    # screen in memory without making the window heavy; it fills only as pages are read.
    conn.execute("PRAGMA cache_size = -8192")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
    conn.execute("PRAGMA synchronous = FULL")


def _write_ahead(conn: sqlite3.Connection, path: Path, *, check: bool) -> None:
    """Keep changes in a write-ahead log, as every calendar open is (the switch is
    written into the file's header: a file refused or left as it was is not switched).
    A file not kept so yet (a copy Cadence exported, another program's) is read for
    damage first, once: refused as damaged after the switch, it was written to all the
    same, its header and change counter."""
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    from .damage import damage_of

    found = damage_of(conn) if check else None
    if found is not None:
        raise CalendarFileError(
            f"{path} is damaged ({found}), so Cadence cannot read it; {to_its_backups()}"
        )
    conn.execute("PRAGMA journal_mode = wal")


def _steps_pending(conn: sqlite3.Connection) -> bool:
    """Whether the file lacks a step of the schema's (see :mod:`.migrations`)."""
    import sqlite_utils

    from .migrations import MIGRATIONS

    return bool(MIGRATIONS.pending(sqlite_utils.Database(conn)))


def _migrate(conn: sqlite3.Connection) -> None:
    import sqlite_utils

    from .migrations import MIGRATIONS

    db = sqlite_utils.Database(conn)
    if MIGRATIONS.pending(db):
        # One transaction for every step and the version mark: a file that cannot take
        # them all (a full disk) is left exactly as it was, never half brought up to date.
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS.apply(db)  # each migration a savepoint inside
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        # Into the file itself at once, as every change is: left in the -wal, it would be
        # played onto whatever file a sync tool put in the calendar's place.
        # A disk that will not take it yet: the store's next checkpoint tries again.
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _on_read_only_disk(path: Path) -> bool:
    """Whether ``path`` is on a disk mounted read-only (a share, a disk image, a card
    locked): no file on it can be made writable."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # (Windows has no statvfs)
        return False


def open_database(path: Path, *, read_only: bool = False) -> tuple[sqlite3.Connection, Path | None]:
    """Open an existing calendar file, migrating it to the current schema; with the
    connection, the copy of it as it was when it came from an earlier release
    (:func:`.backups.keep_before_update`), else None.

    ``read_only`` opens it without writing anything (a file to import from);
    such a file must already have the current schema.
    """
    version = check_calendar_file(path)
    if reads_as_is(path, read_only=read_only):
        # Read as it is, writing nothing beside it. A file (or a folder) this process
        # may not write, opened as usual, would get read-only -wal and -shm files
        # that refuse every change even once it may be written again; in a
        # read-only folder SQLite could not open it at all. Changes to such a
        # calendar are refused as for any read-only file.
        if version < READABLE_AS_IS:
            if kept_for_earlier(path):
                raise CalendarFileError(
                    f"{path} is a copy kept for the earlier release of Cadence that saved"
                    " it; to open it here, copy it out of the Backups folder first."
                )
            if in_backups(path):
                raise CalendarFileError(
                    f"{path} is a backup an earlier release of Cadence kept; to open it"
                    " here, copy it out of the Backups folder first."
                )
            if read_only:  # read for a merge or a paste: someone's, perhaps, on a shared drive
                raise CalendarFileError(
                    f"{path} was saved by an older version of Cadence; open a copy of it"
                    " in Cadence once to update it, then use the copy (the file itself"
                    " stays as that version reads it)."
                )
            # Nothing goes beside it in a folder it may not write in, nor on a disk
            # mounted read-only (a share, a disk image), where it cannot be made writable.
            if os.access(path, os.W_OK) or _on_read_only_disk(path):
                why = "copy it to a folder you may write in, open it there"
            else:
                why = "make it writable, open it"
            raise CalendarFileError(
                f"{path} was saved by an older version of Cadence; {why} to update it,"
                " then try again."
            )
        return _connect_as_is(path), None
    kept = None
    with opening_errors(path):
        conn = sqlite3.connect(str(path), timeout=_wait())
        try:
            _configure(conn)
            if version < SCHEMA_VERSION and not _steps_pending(conn):
                # Every step recorded, the version mark behind them (set by hand, a
                # copy's mark lost): the mark alone, not a copy kept at every opening.
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            elif version < SCHEMA_VERSION:
                from ..app import data_folder
                from .backups import backup_folder, keep_before_update

                kept = keep_before_update(conn, path, backup_folder(data_folder()))
                _migrate(conn)
            # Once kept and brought up to date (refused: left as it was). One of an earlier
            # release is read for damage once brought up to date, as before: its copy as
            # it was kept, and said (the check reads the tables as this release has them).
            _write_ahead(conn, path, check=version == SCHEMA_VERSION)
        except BaseException:
            conn.close()
            raise
    return conn, kept


def left_behind(path: Path) -> Path | None:
    """The -wal or -journal holding changes beside ``path`` where no calendar is (one
    moved or deleted without it, after a crash or on a full disk): SQLite plays it onto
    a new file of that name, a damaged calendar under the old one's name and zone."""
    if path.exists():
        return None
    for ending in ("-wal", "-journal"):
        beside = Path(f"{path}{ending}")
        with contextlib.suppress(OSError):
            if beside.stat().st_size > 0:
                return beside
    return None


def check_creatable(path: Path) -> None:
    """Refuse, in one sentence, a calendar that cannot be made at ``path``."""
    if path.exists():
        raise CalendarFileError(f"{path} already exists; choose another name.")
    if not path.parent.is_dir():
        raise CalendarFileError(f"The folder {path.parent} does not exist.")
    stale = left_behind(path)
    if stale is not None:
        raise CalendarFileError(
            f"{stale.name}, beside where {path.name} would go, holds changes of an earlier"
            f" calendar of that name moved or deleted without it, which would be played"
            f" onto the new one; move {stale.name} away, or choose another name."
        )
    too_long = path_too_long(path, "make the calendar there") or name_too_long(path)
    if too_long is not None:
        raise CalendarFileError(too_long)
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StorageProblem(
            f"Cadence cannot make a calendar in the folder {path.parent}: it is read-only"
            " for you; choose another folder."
        )


def create_database(path: Path, shown: Path | None = None) -> sqlite3.Connection:
    """Create a new, empty calendar file at ``path`` (which must not exist yet), said as
    ``shown`` (the calendar it is being made for)."""
    check_creatable(path)
    # Said of the calendar being made, not of a change ("the change could not be saved").
    made = f"the calendar {(shown or path).name}"
    try:
        path.touch(exist_ok=False)
    except OSError as exc:
        raise os_problem_for(exc, made) from exc
    try:
        with environment_errors():
            conn = sqlite3.connect(str(path), timeout=_wait())
            try:
                # The marks go in before WAL so that they sit in the main file at once.
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                _configure(conn)
                conn.execute("PRAGMA journal_mode = wal")  # (nothing in it to read yet)
                _migrate(conn)
            except BaseException:
                conn.close()
                raise
    except StorageProblem as exc:
        remove_calendar_file(path)
        raise on_writing(exc, made, done="made") from exc
    except BaseException:
        remove_calendar_file(path)
        raise
    return conn


def remove_calendar_file(path: Path | str) -> None:
    """Remove a calendar file that is no calendar (a half-made one, a temporary copy)
    with the files SQLite keeps beside it; what cannot be removed is left (the error
    that brought the removal is the one to tell)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def writing_database(
    conn: sqlite3.Connection,
    before_writing: Callable[[], None] | None = None,
    rolled_back: Callable[[], None] | None = None,
    locked: Callable[[], None] | None = None,
) -> Database:
    """``conn`` as a sqlite-utils database whose transactions (``atomic``) begin as
    writes (``BEGIN IMMEDIATE``), after ``before_writing`` (which may refuse by raising);
    ``locked`` is asked once the file is theirs (it may refuse too); ``rolled_back`` is
    told when one is undone whole (what was read inside it is gone).

    sqlite-utils begins a deferred transaction, which reads first and asks for the
    write lock only at its first change. If another program writes meanwhile, that
    change can never succeed (its reads are out of date), so SQLite refuses it at
    once instead of waiting ``busy_timeout`` for the other program to finish. A
    transaction that takes the lock first waits its turn, then reads the file as
    the other program left it.
    """
    import sqlite_utils

    class WritingDatabase(sqlite_utils.Database):
        @contextlib.contextmanager
        def atomic(self) -> Iterator[Database]:
            if self.conn.in_transaction:  # nested: a savepoint, as sqlite-utils does
                with super().atomic():
                    yield self
                return
            if before_writing is not None:
                before_writing()
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if locked is not None:
                    locked()
                yield self
                self.conn.execute("COMMIT")  # (a full disk may refuse it)
            except BaseException:
                self.conn.rollback()
                if rolled_back is not None:
                    rolled_back()
                raise

    return WritingDatabase(conn)
