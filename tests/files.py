"""Calendar files spoiled as a disk or a half-synced copy spoils them."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_inside(path: Path) -> None:
    """Spoil the posts table of a calendar, leaving its header and settings sound (a bad
    sector, a copy half synced): opening it succeeds, reading its posts fails."""
    connection = sqlite3.connect(path)
    try:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'posts'"
        ).fetchone()
    finally:
        connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xa5" * size)
