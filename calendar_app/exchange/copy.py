"""A consistent copy of a calendar file (Save a Copy As, ``export --format cadence``)."""

from __future__ import annotations

from pathlib import Path

from ..core.backups import write_copy
from ..core.store import CalendarStore


def save_copy(store: CalendarStore, target: Path) -> None:
    """Write a compact, self-contained copy of the calendar to ``target``.

    Nothing is left behind when it fails: see :func:`core.backups.write_copy`.
    """
    write_copy(store, Path(target))
