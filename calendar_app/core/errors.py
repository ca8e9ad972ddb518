"""Errors whose messages are written for the person using Cadence.

Every exception here carries one plain sentence (``str(exc)``) that the window
shows in a dialog and the command line prints after ``cadence: error:``.
Anything else that escapes is a bug in Cadence.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class CadenceError(Exception):
    """Base class: something went wrong that the user can understand and fix."""


class CalendarFileError(CadenceError):
    """The file is missing, unreadable, or not a Cadence calendar."""


class NotKeptBeforeUpdate(CalendarFileError):
    """A calendar from an earlier release that no copy of could be kept before bringing
    it up to date: left as it was (read as it is where this release can)."""


class NewerSchemaError(CalendarFileError):
    """The calendar was written by a newer version of Cadence."""


class CalendarChangedElsewhere(CadenceError):
    """Another program changed the calendar file under a step that relied on it."""


class InvalidInput(CadenceError):
    """A value the user gave is not acceptable (an unknown channel, a bad date...)."""


class NotFound(CadenceError):
    """The post, channel, key message or campaign asked for does not exist."""


class ImportProblem(CadenceError):
    """An imported file has a problem at a known place.

    ``line`` is a line number in a text file, ``row`` a row of a table as a
    spreadsheet numbers it (the header, when there is one, is row 1), ``column``
    the column's name.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.problem = message
        self.line = line
        self.row = row
        self.column = column
        where = []
        if line is not None:
            where.append(f"line {line}")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        self.where = ", ".join(where) or None
        """Where in the file: "line 2", "row 3, column 'date'"; None for the whole file."""
        super().__init__(f"{self.where}: {message}" if self.where else message)


def nothing_imported(name: str, exc: ImportProblem) -> ImportProblem:
    """A problem of the file ``name``'s content, said as what it is: "line 2: a quote
    opened on this row is never closed…" alone said neither that the import was refused
    nor what was kept (an iCalendar file's own sentences said it)."""
    if "nothing was imported" in str(exc).casefold():
        return exc
    problem = exc.problem.strip()
    if not problem.endswith((".", "!", "?")):
        problem += "."
    if problem.startswith(name):  # "notes.ics is not…": named once, where it says where
        at = f" ({exc.where})" if exc.where else ""
        return ImportProblem(f"Nothing was imported: {name}{at}{problem[len(name) :]}")
    lead = f"Nothing was imported from {name}" + (f" ({exc.where})" if exc.where else "")
    # A sentence of its own where it is one ("The file is empty; …"), as its words are.
    return ImportProblem(f"{lead}{': ' if problem[:1].islower() else '. '}{problem}")


class ChangesWaiting(CadenceError):
    """Changes saved, in the calendar's -wal, that the disk would not take into the file
    itself: nothing was refused (not a :class:`StorageProblem`, whose change was)."""


class StorageProblem(CadenceError):
    """The computer, not Cadence, failed: the disk is full, the file is locked or read-only."""


_ON_CHANGE = ", so the change could not be saved."


def on_writing(problem: StorageProblem, what: str, *, done: str = "written") -> StorageProblem:
    """``problem``, said of writing ``what`` (a copy, a backup; ``done``: "made" for a
    calendar being made) where it was said of a change to the calendar, which was not
    asked for."""
    said = str(problem)
    if not said.endswith(_ON_CHANGE):
        return problem
    return StorageProblem(f"{said.removesuffix(_ON_CHANGE)}, so {what} could not be {done}.")


READ_ONLY = "The calendar file is read-only, so the change could not be saved."

_ENVIRONMENT_CODES = {
    "SQLITE_BUSY": "The calendar is busy in another program; try again in a moment.",
    "SQLITE_LOCKED": "The calendar is locked by another program; try again in a moment.",
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_FULL": "The disk is full, so the change could not be saved.",
    "SQLITE_IOERR": "The disk could not be read or written, so the change could not be saved.",
    "SQLITE_CANTOPEN": "The calendar file could not be opened; check that its folder exists "
    "and that you may write to it.",
    "SQLITE_PERM": "Cadence is not allowed to use the calendar file.",
    "SQLITE_NOTADB": "The file is not a Cadence calendar.",
    "SQLITE_CORRUPT": "The calendar file is damaged.",
}


def after_colon(said: str) -> str:
    """A sentence quoted after a colon: "The disk…" as "the disk…"."""
    return f"t{said[1:]}" if said.startswith("The ") else said


def to_its_backups() -> str:
    """The way on from a damaged calendar, said where no Help menu is at hand (the
    welcome screen, the command line): the folder its backups are kept in."""
    from ..app import data_folder, shown_path  # not at start-up: only a damaged file asks
    from .backups import backup_folder

    folder = backup_folder(data_folder())
    if not folder.is_dir():  # (a first start: no backup was ever kept here)
        return "if it is one of your calendars, open a copy of it kept elsewhere."
    return f"if it is one of your calendars, open one of its backups, kept in {shown_path(folder)}."


def storage_problem_for(exc: sqlite3.Error) -> CadenceError | None:
    """Map an sqlite3 failure caused by the environment to a user-facing error.

    Returns ``None`` for anything else (a bug, which should propagate as is).
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    for code, message in _ENVIRONMENT_CODES.items():
        if name == code or name.startswith(code + "_"):
            if code in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
                return CalendarFileError(message)
            return StorageProblem(message)
    text = str(exc).lower()
    for fragment, code in (
        ("database is locked", "SQLITE_BUSY"),
        ("readonly database", "SQLITE_READONLY"),
        ("disk is full", "SQLITE_FULL"),
        ("disk i/o error", "SQLITE_IOERR"),
        ("unable to open database", "SQLITE_CANTOPEN"),
        ("file is not a database", "SQLITE_NOTADB"),
        ("malformed", "SQLITE_CORRUPT"),
        ("could not decode to utf-8", "SQLITE_CORRUPT"),  # text a connection reads strictly
    ):
        if fragment in text:
            return storage_problem_for_code(code)
    return None


def opening_problem_for(exc: sqlite3.Error, path: Path) -> CadenceError | None:
    """What keeps the calendar at ``path`` from opening, said as such (a full disk,
    a path too long), not as a change that could not be saved, nor as a damaged file
    (SQLite, on a full disk, cannot make the -shm it reads through); None for anything
    the computer did not cause."""
    problem = storage_problem_for(exc)
    if not isinstance(problem, StorageProblem):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    too_long = path_too_long(path, "open it")
    if too_long is not None:
        return StorageProblem(too_long)
    try:
        full = shutil.disk_usage(path.parent).free < _ROOM_TO_OPEN
    except OSError:
        full = False
    if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and full):
        return StorageProblem(
            f"The disk is full, so {path.name} could not be opened (Cadence needs a little"
            " room beside it); free some space and try again."
        )
    if name.startswith("SQLITE_IOERR"):
        return StorageProblem(f"{path} could not be read from the disk.")
    if str(problem) in (_ENVIRONMENT_CODES["SQLITE_BUSY"], _ENVIRONMENT_CODES["SQLITE_LOCKED"]):
        # Named: File > Open's "The calendar is busy…" read as the one shown.
        return StorageProblem(
            f"{path.name} is busy in another program, so it could not be opened; try again"
            " in a moment."
        )
    return problem


def path_too_long(path: Path, verb: str) -> str | None:
    """Why a calendar at ``path`` cannot be used, when its path is longer than SQLite
    takes (a folder named in Japanese reaches it at some 170 letters): ``verb`` says
    what for ("open it")."""
    if os.name == "nt" or len(os.fsencode(os.path.realpath(path))) <= SQLITE_PATH_BYTES:
        return None  # Windows' own limit is in letters, and SQLite's there is longer
    return (
        f"The path of {path.name} is too long to {verb} (at most {SQLITE_PATH_BYTES}"
        " bytes); use a folder with a shorter path."
    )


def name_too_long(path: Path, beside: str = "-wal") -> str | None:
    """Why a calendar named ``path.name`` cannot be used: SQLite keeps files beside it
    named after it (``-wal``, ``-shm``), whose names the disk must take too (a 254-byte
    name opened as far as its -wal, then failed unexplained)."""
    if os.name == "nt":
        return None  # (Windows counts its names' length in letters)
    try:
        limit = os.pathconf(path.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    room = limit - len(beside)
    if len(os.fsencode(path.name)) <= room:
        return None
    return (
        f"The name {path.name} is too long for a calendar: Cadence keeps files named after it"
        f" beside it, so it may have at most {room} bytes; give it a shorter name."
    )


SQLITE_PATH_BYTES = 504
"""The longest path of a calendar SQLite opens: 512 bytes with "-journal" at its end."""

_ROOM_TO_OPEN = 256 * 1024
"""Below this much free space, a failure to read is put down to the full disk."""


def storage_problem_for_code(code: str) -> CadenceError:
    message = _ENVIRONMENT_CODES[code]
    if code in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return CalendarFileError(message)
    return StorageProblem(message)


def os_problem_for(exc: OSError, what: str) -> CadenceError:
    """Describe an operating-system failure while handling ``what`` (a file name)."""
    if exc.errno == errno.ENOSPC:
        return StorageProblem(f"The disk is full, so {what} could not be written.")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StorageProblem(f"Cadence is not allowed to use {what}.")
    if exc.errno == errno.EROFS:
        return StorageProblem(f"The disk holding {what} is read-only, so it could not be written.")
    if exc.errno == errno.ENOENT:
        return CalendarFileError(f"{what} does not exist.")
    if exc.errno == errno.EISDIR:
        return CalendarFileError(f"{what} is a folder, not a file.")
    if exc.errno == errno.ENAMETOOLONG:
        return CalendarFileError(f"The name {what} is too long for the disk; choose a shorter one.")
    if exc.errno in (errno.EEXIST, errno.ENOTDIR) and exc.filename is not None:
        # A file where a folder goes (a Backups or Drafts folder made a file): said so,
        # not "could not be used: File exists".
        blocking = _file_in_the_way(Path(os.fsdecode(exc.filename)))
        if blocking is not None:  # (the folder itself in the way: named once)
            used = "" if Path(what) == blocking else f", so {what} could not be used"
            return StorageProblem(f"{blocking} is a file, not a folder{used}.")
    return StorageProblem(f"{what} could not be used: {exc.strerror or exc}.")


def _file_in_the_way(path: Path) -> Path | None:
    """The first of ``path`` and the folders it is in that is a file, if one is."""
    for place in (path, *path.parents):
        try:
            if place.is_file():
                return place
        except OSError:
            return None
    return None


OUT_OF_MEMORY = (
    "Cadence ran out of memory, so it stopped and left the calendar as it was;"
    " close other programs, or take less at once: a smaller file to import, fewer days"
    " to export."
)
"""What is said when the computer's memory runs out (a huge import, say): the change
was one transaction, so it was not made."""


@contextmanager
def environment_errors(path: object = None) -> Iterator[None]:
    """Re-raise sqlite3 failures caused by the environment as :class:`StorageProblem`
    (or :class:`CalendarFileError` for a damaged file, named when ``path`` is given)."""
    try:
        yield
    except sqlite3.Error as exc:
        problem = storage_problem_for(exc)
        if problem is None:
            raise
        if path is not None and isinstance(problem, CalendarFileError):
            problem = CalendarFileError(f"The calendar file {path} is damaged; {to_its_backups()}")
        raise problem from exc


@contextmanager
def opening_errors(path: Path) -> Iterator[None]:
    """:func:`environment_errors` for opening the calendar at ``path``: what keeps it
    from opening is said as such (:func:`opening_problem_for`)."""
    try:
        yield
    except sqlite3.Error as exc:
        # Anything else the computer or the file caused, as :func:`environment_errors`
        # says it (a damaged file brought up to date: "damaged", not a bug).
        problem = opening_problem_for(exc, path) or storage_problem_for(exc)
        if problem is None:
            raise
        raise problem from exc
