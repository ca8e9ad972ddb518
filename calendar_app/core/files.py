"""Writing a file over another: exports and copies land whole, or not at all, and keep
who may read them."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from .errors import StorageProblem

if sys.platform != "win32":
    import fcntl


def check_replaceable(target: Path, shown: object = None) -> None:
    """Refuse to write over a read-only file (said as ``shown``, default ``target``):
    renaming a new file over it would succeed in a folder the user may write in."""
    if target.exists() and not os.access(target, os.W_OK):
        raise StorageProblem(
            f"{shown or target} is read-only, so it was not replaced; choose another name,"
            " or make it writable first."
        )


def resolved(path: Path) -> Path:
    """``path`` absolute, its links followed; as given (absolute) where they go round in
    a loop or cannot be followed (Python 3.11 raised RuntimeError at a loop: the window
    called a calendar named through one a bug of its own)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.absolute()


def _umask() -> int:
    """The rights this process's new files leave out (the user's umask): read where the
    system tells it (Linux), else set and put back at once, as the module loads."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


USUAL_RIGHTS = 0o666 & ~_umask()
"""A new export or copy: as a file saved by any program is, readable by anyone unless
the user's umask says otherwise (077: the user's alone; an export of 0644 carried the
posts' private notes to everyone)."""


def put_in_place(temp: Path | str, target: Path, *, rights_of: Path | None = None) -> None:
    """Rename ``temp``, written private beside ``target``, over it, with the rights the
    file there had, or else those of the file at ``rights_of`` (a backup has its
    calendar's: a client's calendar kept private keeps private copies), or the usual
    ones (:func:`give_rights`); then clear what exports stopped half-way left beside it
    (:func:`clear_leftovers`)."""
    if rights_of is not None and not os.path.lexists(target):
        give_rights(temp, rights_of, USUAL_RIGHTS)
        # Readable by whom the calendar is, written by nobody else, and the user's own
        # to change (a calendar on a memory stick reads as everyone's; one read-only).
        mode = stat.S_IMODE(os.stat(temp).st_mode)
        os.chmod(temp, (mode & USUAL_RIGHTS) | 0o600)
    else:
        give_rights(temp, target, USUAL_RIGHTS)
    os.replace(temp, target)
    clear_leftovers(target)


LEFTOVER_AGE_SECONDS = 3600
"""How old a file an export was writing must be to count as left by one that stopped
(killed, or the computer went off): none takes an hour."""


def clear_leftovers(target: Path) -> None:
    """Remove the hidden files exports into ``target``'s folder were writing when they
    were stopped (a 100k-post CSV left 31 MB each time), once old enough to be nobody's
    work in progress."""
    patterns = (
        f"{EXPORT_TEMP_PREFIX}*.tmp",
        ".cadence-copy-*.tmp",
        ".cadence-copy-*.tmp-journal",
        ".cadence-copy-*.tmp-wal",  # a calendar being made (they are made so) when stopped
        ".cadence-copy-*.tmp-shm",
        f".{glob.escape(target.name)}-*.tmp",
        f".{glob.escape(target.name)}.*.tmp",
    )
    now = time.time()
    for pattern in patterns:
        for left in target.parent.glob(pattern):
            try:
                if now - left.stat().st_mtime > LEFTOVER_AGE_SECONDS and left.is_file():
                    left.unlink()
            except OSError:
                continue  # another's, or gone: left as it is


def give_rights(temp: Path | str, target: Path, new_file_mode: int | None = None) -> None:
    """Give ``temp``, a file made private beside ``target`` (:func:`new_export_file`,
    :func:`tempfile.mkstemp`) to be renamed over it once written, the rights the file
    at ``target`` has, and its group: a client's export kept private stays private
    when it is made again. With no file there, ``new_file_mode`` (None: private).
    """
    try:
        before = os.stat(target)
    except FileNotFoundError:
        if new_file_mode is not None:
            os.chmod(temp, new_file_mode)
        return
    mode = stat.S_IMODE(before.st_mode)
    try:
        os.chown(temp, -1, before.st_gid)
    except OSError:  # a group the user is not in: its rights are not given to the user's
        mode &= ~0o070
    os.chmod(temp, mode)


EXPORT_TEMP_PREFIX = ".cadence-export-"
"""How the hidden files an export writes before putting them in place begin."""


def new_export_file(folder: Path) -> tuple[int, Path]:
    """A file to write an export into in ``folder``, beside its target: readable and
    writable by the user alone while written (nobody reads it before :func:`give_rights`
    says who may), under a short name of its own (the target's name and more may be
    too long for the disk) that :func:`clear_leftovers` knows. A file descriptor, to
    wrap with :func:`os.fdopen`, and the file."""
    handle, name = tempfile.mkstemp(prefix=EXPORT_TEMP_PREFIX, suffix=".tmp", dir=folder)
    return handle, Path(name)


def cannot_write_in(folder: Path) -> OSError | None:
    """Why an export cannot be written in ``folder`` (one the user may not write in, a
    read-only disk), tried with the hidden file it writes first; None when it can."""
    try:
        handle, temp = new_export_file(folder)
    except OSError as exc:
        return exc
    os.close(handle)
    temp.unlink(missing_ok=True)
    return None


def write_beside(
    target: Path,
    data: bytes | bytearray | memoryview | Sequence[bytes],
    *,
    rights_of: Path | None = None,
) -> None:
    """Write ``data`` (or its parts, one after the other: a big file is not joined in
    memory first) beside ``target``, then rename it over ``target``: a full disk never
    leaves half a file, nor a file cut short in its place. A new file has the rights of
    the one at ``rights_of`` (:func:`put_in_place`). Raises :class:`OSError`."""
    handle, temp = new_export_file(target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes | bytearray | memoryview):
                stream.write(data)
            else:
                stream.writelines(data)
            stream.flush()
            os.fsync(stream.fileno())
        put_in_place(temp, target, rights_of=rights_of)
    finally:
        temp.unlink(missing_ok=True)


def hold_shared(path: Path) -> int | None:
    """Keep ``path`` open with a shared lock, for :func:`held_elsewhere` to see from
    any process (a backup looked into, which SQLite reads without a lock or a -wal);
    give the result to :func:`let_go`. None where the system has no such locks."""
    if sys.platform == "win32":  # no such locks: the -wal and this process's count tell
        return None
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    with contextlib.suppress(OSError):
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    return handle


def let_go(handle: int | None) -> None:
    """Close what :func:`hold_shared` kept open (its lock goes with it)."""
    if handle is not None:
        with contextlib.suppress(OSError):
            os.close(handle)


def held_elsewhere(path: Path) -> bool:
    """Whether a process keeps ``path`` open through :func:`hold_shared`. Only for a
    file this process has no SQLite connection to: closing a handle drops the locks
    the process holds on the file."""
    if sys.platform == "win32":
        return False
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(handle)
    return False
