"""What is wrong with a calendar file a command or the window ran into a problem with
that no check foresaw: a post naming a channel the file does not hold, a title stored
as bytes, a column gone. Said as a damaged calendar, with where its backups are (it was
said as "a bug in Cadence, or a damaged calendar", the exception's words beside it).

Read only on that path, never at start-up: the file is read through SQLite, read-only,
and left exactly as it was.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .database import (
    APPLICATION_ID,
    CALENDAR_TABLES,
    SCHEMA_VERSION,
    SQLITE_MAGIC,
    _read_only_uri,
    in_use,
    read_damaged_text,
    sound,
)
from .errors import CadenceError, CalendarFileError, to_its_backups

__all__ = ["damage_in", "damage_of", "damaged_calendar", "opened"]


_OPENED: dict[Path, None] = {}
"""The calendars this process opened, the latest last (a few)."""


def opened(path: Path) -> None:
    """Note that ``path`` is being opened as a calendar."""
    _OPENED.pop(path, None)
    _OPENED[path] = None
    while len(_OPENED) > 4:
        del _OPENED[next(iter(_OPENED))]


def damaged_calendar(paths: Iterable[Path] | None, exc: BaseException) -> CalendarFileError | None:
    """The damage the first of ``paths`` found damaged has (None: the calendars this
    process has open), said, where ``exc`` (no :class:`CadenceError`) came of reading
    it; None where none is (a bug, then). One closed since is not looked at: a
    colleague's calendar refused as damaged took the blame for a bug of one's own."""
    if isinstance(exc, CadenceError | MemoryError | KeyboardInterrupt):
        return None
    if paths is None:
        paths = [path for path in reversed(_OPENED) if in_use(path)]
    for path in dict.fromkeys(paths):
        found = damage_in(path)
        if found is not None:
            return CalendarFileError(
                f"{path} is damaged ({found}), so Cadence cannot read it; {to_its_backups()}"
            )
    return None


def damage_in(path: Path) -> str | None:
    """What is wrong with the calendar file at ``path``, in a few words ("one of its
    posts names a channel that is not there"); None where nothing is found, or it is
    no SQLite file."""
    try:
        # (Read apart only where not open here: closing another handle on a file drops
        # the locks this process holds on it.)
        if not in_use(path):
            with path.open("rb") as stream:
                if not stream.read(16).startswith(SQLITE_MAGIC):
                    return None
        conn = read_damaged_text(sqlite3.connect(_read_only_uri(path), uri=True))
    except (OSError, sqlite3.Error, CadenceError):
        return None
    try:
        return damage_of(conn)
    finally:
        conn.close()


def damage_of(conn: sqlite3.Connection) -> str | None:
    """:func:`damage_in` of the calendar file ``conn`` has open."""
    try:
        return _found(conn)
    except (sqlite3.Error, UnicodeDecodeError):
        return "SQLite cannot read all of it"


def _found(conn: sqlite3.Connection) -> str | None:
    from .store import first_unreadable_in  # (the store's own reading of values)

    application, version = (conn.execute(f"PRAGMA {mark}").fetchone()[0] for mark in _MARKS)
    if application != APPLICATION_ID:
        return None  # another program's (said as such where it is opened)
    if not sound(conn):  # (the quick check first: the full one took 2 s at 100,000 posts)
        return "SQLite finds its pages damaged"
    expected = _columns() if version == SCHEMA_VERSION else {}  # (an earlier one's lack)
    for table, columns in expected.items():
        words = CALENDAR_TABLES[table]
        held = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if not held:
            return f"it has no {words}"
        missing = sorted(set(columns) - held)
        if missing:
            return f"its {words} lack the column '{missing[0]}'"
    for table, _, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        if table in CALENDAR_TABLES and parent in CALENDAR_TABLES:
            one = _ONE_OF.get(table, f"a row of its {CALENDAR_TABLES[table]}")
            other = _A.get(parent, f"a row of its {CALENDAR_TABLES[parent]}")
            return f"{one} names {other} that is not there"
    messages = {row[0] for row in conn.execute("SELECT id FROM key_messages")}
    for (listed,) in conn.execute("SELECT DISTINCT message_list FROM posts"):
        named = {int(part) for part in str(listed or "").split(",") if part.strip().isdigit()}
        if not named <= messages:
            return "one of its posts names a key message that is not there"
    for table, columns in expected.items():
        for column, kind in columns.items():
            allowed = _HELD.get(kind)
            sql = f"SELECT 1 FROM {table} WHERE typeof({column}) NOT IN ({allowed}, 'null')"
            if allowed is not None and conn.execute(f"{sql} LIMIT 1").fetchone():
                return f"its {CALENDAR_TABLES[table]} hold {_WRONGLY[kind]}"
    holds = first_unreadable_in(lambda sql: conn.execute(sql).fetchall())
    return None if holds is None else f"it {holds}"


_MARKS = ("application_id", "user_version")
_HELD = {"TEXT": "'text'", "INTEGER": "'integer'"}
"""What a column of each type holds in a sound calendar (SQLite's typeof), or null."""
_WRONGLY = {"TEXT": "bytes where text belongs", "INTEGER": "text where a number belongs"}
_ONE_OF = {
    "posts": "one of its posts",
    "post_messages": "one of its posts",  # (its key messages, each a row here)
    "post_versions": "an earlier version of a post",
    "channels": "one of its channels",
    "key_messages": "one of its key messages",
    "campaigns": "one of its campaigns",
    "series": "one of its series of recurring posts",
}
"""A row of a table named as what it is, in a sentence of what it names."""
_A = {
    "posts": "a post",
    "channels": "a channel",
    "key_messages": "a key message",
    "campaigns": "a campaign",
    "series": "a series of recurring posts",
}
"""What a row names, in the same sentence."""


@functools.cache
def _columns() -> dict[str, dict[str, str]]:
    """The columns of each table of a calendar of this version, with their types."""
    import sqlite_utils

    from .migrations import MIGRATIONS

    fresh = sqlite3.connect(":memory:")
    try:
        MIGRATIONS.apply(sqlite_utils.Database(fresh))
        return {
            table: {row[1]: row[2] for row in fresh.execute(f"PRAGMA table_info({table})")}
            for table in CALENDAR_TABLES
            if table != "posts_fts"  # (a virtual table: SQLite checks its own)
        }
    finally:
        fresh.close()
