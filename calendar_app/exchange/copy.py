"""A consistent copy of a calendar file (Save a Copy As, ``export --format cadence``)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from ..core.errors import CalendarFileError, environment_errors, os_problem_for
from ..core.store import CalendarStore


def save_copy(store: CalendarStore, target: Path) -> None:
    """Write a compact, self-contained copy of the calendar to ``target``.

    The copy is written beside the target and renamed over it only once it is
    complete, so a full disk or a crash never leaves half a file behind.
    """
    target = Path(target)
    if target.resolve() == store.path.resolve():
        raise CalendarFileError("A copy cannot overwrite the calendar it is made from.")
    if not target.parent.is_dir():
        raise CalendarFileError(f"The folder {target.parent} does not exist.")
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=".cadence-copy-", suffix=".tmp", dir=target.parent
        )
        os.close(handle)
        os.unlink(temp_name)
    except OSError as exc:
        raise os_problem_for(exc, str(target)) from exc
    try:
        with environment_errors():
            store.db.execute("VACUUM INTO ?", [temp_name])
        # VACUUM INTO writes a rollback-journal file; mark it WAL like every calendar.
        with environment_errors():
            conn = sqlite3.connect(temp_name)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
        os.replace(temp_name, target)
    except OSError as exc:
        raise os_problem_for(exc, str(target)) from exc
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(temp_name + suffix).unlink(missing_ok=True)
