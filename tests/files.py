"""Calendar files as a disk, a half-synced copy or an older release of Cadence left them."""

from __future__ import annotations

import resource
import signal
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from calendar_app.core import database
from calendar_app.core.migrations import MIGRATIONS


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


def write_older(path: Path, schema: int, before: str, statements: Sequence[str]) -> None:
    """A calendar as the release of ``schema`` wrote it (its migrations up to ``before``):
    the calendar "Old" in Paris and a channel "Blog", then ``statements`` (its rows)."""
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    MIGRATIONS.apply(db, stop_before=before)
    db.execute(f"PRAGMA user_version = {schema}")
    db.execute("INSERT INTO calendar VALUES (1, 'Old', 'Europe/Paris', 'monday', 14)")
    db.execute("INSERT INTO channels (name, kind, color) VALUES ('Blog', 'blog', '#123456')")
    for statement in statements:
        db.execute(statement)
    conn.commit()
    conn.close()


def write_schema_4(path: Path) -> None:
    """A calendar as the release before schema 5 wrote it: one post, edited twice."""
    write_older(
        path,
        4,
        "0005_earlier_versions",
        [
            "INSERT INTO posts (uid, title, channel_id, status, date, created_at, updated_at,"
            " revision) VALUES ('u1', 'Old post', 1, 'draft', '2026-11-02',"
            " '2026-01-01T00:00:00+00:00', '2026-02-01T00:00:00+00:00', 3)"
        ],
    )


@contextmanager
def no_file_past(size: int) -> Iterator[None]:
    """Files this process writes may grow no larger than ``size`` bytes, as on a disk
    that fills up (SQLite says the disk is full, or could not write)."""
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    was = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, limit[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limit)
        signal.signal(signal.SIGXFSZ, was)
