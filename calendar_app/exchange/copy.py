"""A consistent copy of a calendar file (Save a Copy As, ``export --format cadence``)."""

from __future__ import annotations

from pathlib import Path

from ..core.backups import copy_target, replacing, write_copy
from ..core.store import CalendarStore


def save_copy(store: CalendarStore, target: Path) -> Path | None:
    """Write a compact, self-contained copy of the calendar to ``target``; return where
    the calendar it replaced is kept (:func:`.backups.keep_replaced`), if it replaced one.

    Nothing is left behind when it fails: see :func:`core.backups.write_copy`.
    """
    target = copy_target(store, target)
    with replacing(target) as kept:
        write_copy(store, Path(target), sound_only=True)
    return kept
