"""The calendar store: the one owner of a calendar file.

Every public mutation is one atomic unit (``db.atomic()``). Those of posts, series,
channels, key messages, campaigns and settings return a :class:`ChangeSet` naming what
changed; the bookkeeping beside them (versions kept, deletions remembered, rows
written in bulk by an import) returns what it wrote or nothing. The store knows
nothing about undo: the window's undo commands call a mutation and later its inverse.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import math
import os
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Self, TypedDict, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from sqlite_utils import Database


from . import recurrence
from .colors import difference
from .damage import opened
from .database import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    check_creatable,
    create_database,
    database_at,
    file_stamp,
    hold,
    identity,
    in_backups,
    kept_for_earlier,
    open_database,
    read_damaged_text,
    reads_as_is,
    release,
    remove_calendar_file,
    reopen_read_only,
    undecodable,
)
from .errors import (
    READ_ONLY,
    CalendarFileError,
    InvalidInput,
    NewerSchemaError,
    NotFound,
    NotKeptBeforeUpdate,
    StorageProblem,
    environment_errors,
    on_writing,
    os_problem_for,
    path_too_long,
    storage_problem_for,
    to_its_backups,
)
from .files import check_replaceable, clear_leftovers, hold_shared, let_go
from .localzone import is_zone_name, plain_zone
from .models import (
    CHANNEL_KINDS,
    DATED_ONLY,
    LAST_DAY,
    MAX_CADENCE_DAYS,
    MAX_CHAR_LIMIT,
    CalendarInfo,
    Campaign,
    CampaignKind,
    ChangeSet,
    Channel,
    KeyMessage,
    NewPost,
    Post,
    PostStatus,
    Series,
    WeekStart,
    check_day,
    folded,
    format_time,
    guessed_kind,
    is_color,
    name_key,
    name_order,
    one_line,
    parse_color,
    post_content,
    shortened,
    shown_note_of,
    shows_nothing,
    spelled_day,
)
from .search import TEXTS_APART, SearchQuery, starts_a_word

Scope = Literal["this", "following", "all"]


@dataclasses.dataclass(frozen=True)
class RepeatPlan:
    """What a new repeat rule does to an occurrence and the ones after it
    (:meth:`CalendarStore.repeat_plan`)."""

    rule: str
    """The rule as the series will keep it."""
    days: tuple[date, ...]
    """Every day the rule makes, from the post's own day."""
    new_days: tuple[date, ...]
    """The days that get a copy of the post."""
    exdates: tuple[date, ...]
    """The days the rule makes that get no post of their own: deleted on their own, or
    where a post of the series sits already (moved there on its own), or this post."""
    relinked: tuple[tuple[int, date], ...]
    """Posts (by id) that become the occurrence of another day: their own day the rule
    no longer makes, they were moved on their own to one it makes."""
    removed: tuple[Post, ...]
    """Occurrences the rule no longer makes, deleted."""
    detached: tuple[Post, ...]
    """Occurrences the rule no longer makes that stay as posts of their own (published,
    in the backlog, or moved on their own to a day up to the rule's last)."""
    alike: tuple[date, ...] = ()
    """Of :attr:`exdates`, the days that hold a post like this one already, of no part
    of its series (another part of it, split off earlier, or another post of its
    channel with its key messages at its time): they get no copy."""


PALETTE = (
    "#2f6fde",
    "#e0532f",
    "#2ba36b",
    "#9b4dca",
    "#e3a008",
    "#0f9bb5",
    "#d6336c",
    "#6b7b8c",
    "#7a5c2e",
    "#5a8f29",
)


COLOR_CHOICES = (
    *PALETTE,
    "#bb6600",
    "#447755",
    "#dd55bb",
    "#8877aa",
    "#22aaff",
    "#aaaa00",
    "#995588",
    "#ff8888",
    "#007799",
    "#cc9977",
    "#dd99cc",
    "#99aaee",
    "#998855",
    "#bb88ff",
    "#66bbaa",
    "#99aa77",
    "#bb7788",
    "#77bb33",
    "#ff8833",
    "#777700",
)
"""The colours a new channel, key message or campaign is given: the palette, then
twenty more, each told from every other at a glance as well as the palette's own
colours are from each other, and each seen on a light window and on a dark one, so
the eleventh channel is not the first's twin."""


_NEAR = 10.0
"""Colours closer than this (CIEDE2000) look alike on a small mark: the palette's own
closest two are 13 apart."""


def free_color(taken: Iterable[str], start: int = 0) -> str:
    """The first colour of :data:`COLOR_CHOICES` (the palette from ``start`` on, then the
    others) that looks like none of ``taken``, the colours in use (a channel's brand
    blue rules out the palette's blue too); failing that, the free one that looks
    least like them; when every one is taken, the one taken least often (so that they
    come round again in turn)."""
    uses = Counter(color.lower() for color in taken)
    used = uses.keys()
    size = len(PALETTE)
    tiers = range(0, len(COLOR_CHOICES), size)
    order = [COLOR_CHOICES[tier + (start + i) % size] for tier in tiers for i in range(size)]
    free = [color for color in order if color not in used]
    if not free:
        return min(order, key=lambda color: uses[color])  # the first of the least taken
    valid = [color for color in used if is_color(color)]

    nearest = {
        color: min((difference(color, other) for other in valid), default=math.inf)
        for color in free
    }
    return next((color for color in free if nearest[color] >= _NEAR), None) or max(
        free, key=nearest.__getitem__
    )


def looks_taken(color: str, taken: Iterable[str]) -> bool:
    """Whether ``color`` looks like one of ``taken`` (the colours in use)."""
    return any(difference(color, other) < _NEAR for other in taken if is_color(other))


_POST_COLUMNS = (
    "p.id, p.uid, p.title, p.body, p.channel_id, p.campaign_id, p.status, p.date, p.time,"
    " p.link, p.notes, p.series_id, p.occurrence, p.created_at, p.updated_at, p.revision,"
    " p.source_uid, p.recurrence_id, p.message_list"
)


LEFT_WAITING: list[str] = []
"""What calendars closed by this process said of changes left in their -wal, which the
disk would not take into the file (:attr:`CalendarStore.waiting`): the command line
says it once its command is done."""


def _held_back(exc: sqlite3.Error) -> bool:
    """Whether a checkpoint failed only because another program was using the file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


_SIDE_FILES = ("-wal", "-shm")
"""The files SQLite keeps beside a calendar it has open."""


DELIVERY_WHERE = (
    "day IS NOT NULL AND (status IN ('scheduled', 'published') OR (status = 'draft' AND day >= ?))"
)
"""DESIGN.md's delivery rule over post_messages' copies of each post's day and status."""

_INSERT_LINK_COLUMNS = "INSERT INTO post_messages (post_id, message_id, day, channel_id, status)"
_INSERT_LINK = f"{_INSERT_LINK_COLUMNS} VALUES (?, ?, ?, ?, ?)"


class PostChanges(TypedDict, total=False):
    """Fields of a post that an edit may change; absent keys stay as they are."""

    title: str
    body: str
    channel_id: int
    campaign_id: int | None
    status: PostStatus
    date: date | None
    time: time | None
    link: str
    notes: str
    message_ids: tuple[int, ...]


def full_edit(post: NewPost) -> PostChanges:
    """Every field of ``post`` as an edit: an existing post made to look like it."""
    return {
        "title": post.title,
        "body": post.body,
        "channel_id": post.channel_id,
        "campaign_id": post.campaign_id,
        "status": post.status,
        "date": post.date,
        "time": post.time,
        "link": post.link,
        "notes": post.notes,
        "message_ids": post.message_ids,
    }


class _Parsed(dict[Any, Any]):
    """Column text to value, each distinct text parsed once (a calendar has few distinct
    dates, times and key message lists). A hit is a plain dict lookup; NULL gives
    ``empty``. The cache starts over when it reaches ``limit`` entries. A text that
    does not parse (written by another program: Cadence checks its own) is a damaged
    file, said as ``what`` ("a date")."""

    def __init__(
        self, parse: Callable[[str], Any], empty: Any, what: str, limit: int = 100_000
    ) -> None:
        super().__init__({None: empty})
        self._parse = parse
        self._empty = empty
        self._what = what
        self._limit = limit

    def __missing__(self, text: str) -> Any:
        if len(self) >= self._limit:
            self.clear()
            self[None] = self._empty
        try:
            value = self[text] = self._parse(text)
        except (ValueError, TypeError) as exc:
            raise _Unreadable(text, self._what) from exc
        return value


def first_unreadable_in(read: Callable[[str], Iterable[Any]]) -> str | None:
    """:meth:`CalendarStore.first_unreadable` of a calendar file whose queries ``read``
    answers (a copy being written, say)."""
    checks: list[tuple[str, Callable[[Any], object]]] = [
        ("SELECT DISTINCT status FROM posts", _STATUSES.__getitem__),
        ("SELECT DISTINCT date FROM posts", _day),
        ("SELECT DISTINCT occurrence FROM posts", _day),
        ("SELECT DISTINCT time FROM posts", _time),
        ("SELECT DISTINCT message_list FROM posts", _ID_LISTS.__getitem__),
        # One per post: those SQLite reads as moments are (0.5 s in Python alone).
        (
            "SELECT created_at FROM posts WHERE julianday(created_at) IS NULL UNION"
            " SELECT updated_at FROM posts WHERE julianday(updated_at) IS NULL",
            _moment,
        ),
        ("SELECT starts_on FROM key_messages UNION SELECT ends_on FROM key_messages", _day),
        ("SELECT DISTINCT kind FROM campaigns", _KINDS.__getitem__),
        ("SELECT starts_on FROM campaigns UNION SELECT ends_on FROM campaigns", _day),
        ("SELECT DISTINCT anchor FROM series", _day),
        ("SELECT DISTINCT anchor_time FROM series", _time),
        ("SELECT DISTINCT exdates FROM series", _exdates),
    ]
    for query, parse in checks:
        for (text,) in read(query):
            try:
                parse(text)
            except _Unreadable as exc:
                return exc.holds
            except KeyError:  # (a status the file's own check let by)
                return _Unreadable(text, "a post's status").holds
    return None


class _Unreadable(CalendarFileError):
    """A value of the calendar file that does not read as what belongs there; said with
    the file's path and where its backups are once :func:`_said_of_the_file` knows it."""

    def __init__(self, text: str, what: str, path: Path | None = None) -> None:
        self.text, self.what, self.path = text, what, path
        # Quoted where it reads as text: "'\x00'" said nothing to a user.
        # Cut short (a damaged list of 200,000 letters made a line, and a box, as long).
        readable = isinstance(text, str) and text.isprintable()
        shown = repr(shortened(text)) if readable else "unreadable bytes"
        self.holds = f"holds {shown} where {what} belongs"
        self.in_short = f"The calendar file {self.holds}"
        """Said where the calendar is open already (the editor's repeat)."""
        if path is None:
            said = f"{self.in_short}; it is damaged."
        else:
            said = f"The calendar file {path} {self.holds}; it is damaged; {to_its_backups()}"
        super().__init__(said)


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _said_of_the_file(method: _Method) -> _Method:
    """A reading method of :class:`CalendarStore` whose value that does not read is said
    with the file's path and its backups' folder (a campaign's damaged date named neither:
    the user could not tell which calendar, nor where to turn)."""

    @functools.wraps(method)
    def reading(self: CalendarStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except _Unreadable as exc:
            if exc.path is not None:
                raise
            raise _Unreadable(exc.text, exc.what, self.path) from exc

    return cast(_Method, reading)


def _parse_ids(text: str) -> tuple[int, ...]:
    # Kept in id order by the triggers that maintain posts.message_list.
    return tuple(map(int, text.split(","))) if text else ()


_DATES = _Parsed(date.fromisoformat, None, "a date")
_TIMES = _Parsed(time.fromisoformat, None, "a time")
_ID_LISTS = _Parsed(_parse_ids, (), "a list of key messages")
_KINDS = _Parsed(CampaignKind, None, "a kind of campaign")
_STATUSES = {s.value: s for s in PostStatus}


def _day(text: str | None) -> date | None:
    return cast("date | None", _DATES[text])


def _time(text: str | None) -> time | None:
    return cast("time | None", _TIMES[text])


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except (ValueError, TypeError) as exc:
        raise _Unreadable(text, "a moment of a post's edit") from exc


def _exdates(text: str) -> tuple[date, ...]:
    if not isinstance(text, str):  # (bytes where a sector was lost)
        raise _Unreadable(text, "a list of days a series skips")
    return tuple(cast(date, _day(d)) for d in text.split(",") if d)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


Version = tuple[datetime, int]
"""A state of a post: its last edit and its revision."""

VersionKey = tuple[int, str]
"""A version as files and the post_versions table name it: (revision, "20261201T100000Z"),
to the second in UTC. Revision 0 marks a note instead (:data:`UNKNOWN`, what another
program's event said): no edit has it."""

VERSION_STAMP = "%Y%m%dT%H%M%SZ"

UNKNOWN: VersionKey = (0, "unknown")
"""Linked from a version whose earlier versions are not all known (taken from a file
that does not list them all, or from before Cadence kept them)."""


class History(NamedTuple):
    """What a calendar knows of the versions a post's current one came from."""

    versions: frozenset[VersionKey] = frozenset()
    """The earlier versions (never the current one)."""
    boundary: frozenset[VersionKey] = frozenset()
    """Versions (among ``versions``, or the current one) whose own earlier versions are
    not known: every earlier version not in ``versions`` came before one of them.
    :data:`UNKNOWN` among them: not even that is known."""
    notes: frozenset[str] = frozenset()
    """What other programs' events said as they came in (see the iCalendar import)."""
    notes_here: frozenset[str] = frozenset()
    """Those of ``notes`` on the current version itself: what the event it is said,
    nothing edited since."""

    @property
    def complete(self) -> bool:
        """Every earlier version is among ``versions``."""
        return not self.boundary


class Deleted(NamedTuple):
    """A post deleted here, as it was then (:meth:`CalendarStore.deleted`)."""

    uid: str
    id: int
    """Its number, under which its earlier versions are still known."""
    updated_at: datetime
    revision: int
    shown: str
    """:func:`shown_sum` of what it showed."""


def shown_sum(post: Post | NewPost) -> str:
    """A checksum of what a post shows (:func:`.models.post_content`), to tell whether
    an import shows a deleted post as it was deleted."""
    return f"{zlib.crc32(repr(post_content(post)).encode('utf-8', 'surrogatepass')):08x}"


_FOLDING_INDEX = 7
"""The schema whose search index folds every accent and mark."""


def whole_note(post: Post | NewPost) -> str:
    """The note a post keeps of all it showed before an edit here: what any calendar
    program tells of it (:func:`.models.shown_note`), then :func:`shown_sum` of all of
    it (its channel, key messages, campaign and notes too). A CSV row, which carries
    them all, is that past state only when it shows it in full; a state an earlier
    release noted has its shown note alone."""
    return _whole(shown_note_of(post), shown_sum(post))


def _whole(shown: str, summed: str) -> str:
    return f"whole {shown} {summed}"


def whole_of(shown: str, notes: Collection[str]) -> set[str]:
    """The whole notes (:func:`whole_note`) among ``notes`` of states that showed
    ``shown``: none when the state was noted by an earlier release."""
    start = f"whole {shown} "
    return {note for note in notes if note.startswith(start)}


def gone_note(shown: str) -> str:
    """The note a post deleted here keeps of what it showed (:func:`.models.shown_note`):
    a file with no version of it (another program's event, a CSV row) that shows it
    as it was when deleted does not bring it back."""
    return f"gone {shown}"


def version_key(edited: datetime | str, revision: int) -> VersionKey:
    """A version as files and the post_versions table name it."""
    moment = datetime.fromisoformat(edited) if isinstance(edited, str) else edited
    m = moment.astimezone(UTC)
    # As VERSION_STAMP writes it, by hand: strftime imports the time module at each call
    # (through PySide's import hook in the window: a third of 5,000 posts' bulk change).
    stamp = f"{m.year}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}Z"
    return revision, stamp


def key_of(post: Post | Deleted) -> VersionKey:
    """The post's version as files and other calendars name it."""
    return version_key(post.updated_at, post.revision)


def new_uid() -> str:
    from uuid import uuid4  # here, not at start-up: opening a calendar needs no uid

    return str(uuid4())


def _post_from_row(row: Sequence[Any]) -> Post:
    # Positional and with cached conversions: a month view builds thousands of these.
    dates = _DATES
    return Post(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        _STATUSES[row[6]],
        dates[row[7]],
        _TIMES[row[8]],
        row[9],
        row[10],
        row[11],
        dates[row[12]],
        _ID_LISTS[row[18]],
        datetime.fromisoformat(row[13]),
        datetime.fromisoformat(row[14]),
        row[15],
        row[16],
        row[17],
    )


def validate_timezone(name: str) -> str:
    if not name.strip():
        raise InvalidInput("The time zone is empty; use an IANA name like Europe/Paris.")
    if not is_zone_name(name):
        raise InvalidInput(f"'{name}' is not a time zone; use an IANA name like Europe/Paris.")
    return name


class CalendarStore:
    """A calendar file opened for reading and writing."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._db: Database | None = None
        self._can_scan = False
        """Whether the connection has the search's ``cadence_found`` function."""
        self._words: tuple[bytes, list[tuple[str, str]]] | None = None
        """The search index's words not of plain ASCII, folded, with when they were read
        (:meth:`_vocabulary`)."""
        self._colors_coming: list[str] = []
        """Colours records being brought in keep (:meth:`colors_coming`)."""
        self._folds: bool | None = None
        """Whether the file's search index folds every accent (schema 7); read once."""
        self.path = path
        self._info: CalendarInfo | None = None
        self._data_version = self._read_data_version()
        self._held: tuple[int, int] | None = hold(path)
        self._closed = False
        self.waiting: str | None = None
        """Why changes wait in the -wal, when the disk would not take them into the file
        (full): said to the user, who must copy the calendar with its -wal till then."""
        self._beside: dict[str, tuple[int, int] | None] = {
            suffix: identity(Path(f"{path}{suffix}")) for suffix in _SIDE_FILES
        }
        """The -wal and -shm this connection has open (None: not made yet)."""
        self.read_only = False
        """Opened read-only: asked for, or a file (or folder) this process may not write."""
        self.left_as_is: str | None = None
        """Why a calendar of an earlier release is read as it is, not brought up to date
        (no copy of it as it was could be kept), or None."""
        self.kept_before_update: Path | None = None
        """The copy of the calendar as an earlier release of Cadence left it, when
        opening brought it up to date (that release opens the copy, not the file)."""
        self._stamp: tuple[object, ...] | None = None  # read-only: the file as it was read
        self._looked_into: int | None = None
        """A backup open here: held, so that no thinning deletes it meanwhile."""

    # -- opening and closing ------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> Self:
        """Open an existing calendar; raises :class:`CalendarFileError` for anything else.

        ``read_only`` guarantees the file is not written (importing from it).
        """
        path = Path(path)
        opened(path)  # (looked into where something no check foresaw goes wrong)
        as_is = reads_as_is(path, read_only=read_only)
        stamp = file_stamp(path) if as_is else None  # taken before: nothing slips between
        left_as_is = None
        try:
            conn, kept = open_database(path, read_only=read_only)
        except NotKeptBeforeUpdate as exc:
            # Its copy as it was could not be kept (the Backups folder full, or not
            # writable for a scheduled job's account): read as it is where this release
            # can, changes refused saying why (every command, reads too, was refused).
            stamp = file_stamp(path)
            try:
                conn, kept = open_database(path, read_only=True)
            except CalendarFileError:
                raise exc from None
            as_is, left_as_is = True, str(exc)
        store = cls(conn, path)
        store.read_only = as_is
        store.left_as_is = left_as_is
        store.kept_before_update = kept
        store._stamp = stamp
        if in_backups(path):  # looked into: not thinned away meanwhile, by any process
            store._looked_into = hold_shared(path)
        return store

    @classmethod
    def create(
        cls,
        path: Path | str,
        *,
        name: str | None = None,
        timezone: str = "UTC",
        week_start: WeekStart | str = WeekStart.MONDAY,
        default_cadence_days: int = 14,
        fill: Callable[[CalendarStore], object] | None = None,
        shown: Path | None = None,
    ) -> Self:
        """Create a new calendar file; the file must not exist yet. ``fill`` puts in
        what the calendar starts with (the demo's posts, a plan's channels). ``shown``:
        the calendar it is made for, when ``path`` is a hidden file that is to become
        it (:func:`hidden_beside`): named in what is said, and in the calendar's name.

        Either all of it is written, into the file itself, or no file is left (a disk
        with room for the -wal alone left a calendar damaged once renamed without it);
        a disk that refuses it is said of the calendar being made, not of a change. It is
        made under a hidden name beside ``path`` and given its name once whole: a crash
        half-way left a calendar with no settings, which "already exists" (the hidden
        file left goes as exports' leftovers do, :func:`.files.clear_leftovers`)."""
        path = Path(path)
        validate_timezone(timezone)
        week = _week_start(week_start)
        if default_cadence_days < 1:
            raise InvalidInput("The default cadence must be at least 1 day.")
        check_creatable(path)
        # What a calendar stopped while made there left (`cadence demo` killed), once
        # old enough to be nobody's work: only an export into the folder cleared it.
        clear_leftovers(path)
        args = (name, timezone, week, default_cadence_days, fill)
        if shown is not None:  # already a hidden file, which the caller names (named)
            return cls._made(path, shown, *args)
        hidden = hidden_beside(path.parent)
        if path_too_long(hidden, "") is not None:  # a path at SQLite's very limit
            return cls._made(path, path, *args)
        return cls._made(hidden, path, *args).named(path)

    def named(self, path: Path) -> Self:
        """This calendar, made under a hidden name (:func:`hidden_beside`), given the name
        ``path`` once whole, and opened there; said of ``path`` when it cannot be (a disk
        with room for its -wal alone: the file without it is no calendar). Nothing is
        left under the hidden name either way."""
        hidden = self.path
        try:
            if not self.checkpoint() and self.waiting is not None:
                raise on_writing(
                    StorageProblem("The disk is full, so the change could not be saved."),
                    f"the calendar {path.name}",
                    done="made",
                )
            self.close()
            _name_new_file(hidden, path)
        finally:
            if not self.closed:
                self.close()
            remove_calendar_file(hidden)
        return type(self).open(path)

    @classmethod
    def _made(
        cls,
        hidden: Path,
        path: Path,
        name: str | None,
        timezone: str,
        week: WeekStart,
        default_cadence_days: int,
        fill: Callable[[CalendarStore], object] | None,
    ) -> Self:
        """:meth:`create` at ``hidden``, said as ``path``; nothing left there on failure."""
        store = cls(create_database(hidden, shown=path), hidden)
        # A file name in another encoding than UTF-8 (a legal name on Linux) is read
        # with its odd bytes replaced.
        stem = path.stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        blank = shows_nothing(name or "")
        try:
            with environment_errors(path), store.db.atomic():
                store.db.execute(
                    "INSERT INTO calendar (id, name, timezone, week_start, default_cadence_days)"
                    " VALUES (1, ?, ?, ?, ?)",
                    [
                        " ".join(one_line(name or "").split()) if not blank else stem,
                        timezone,
                        week.value,
                        default_cadence_days,
                    ],
                )
                if fill is not None:
                    fill(store)
            if not store.checkpoint() and store.waiting is not None:
                raise StorageProblem("The disk is full, so the change could not be saved.")
        except StorageProblem as exc:
            store.close()
            remove_calendar_file(hidden)  # a calendar never set up is no calendar
            raise on_writing(exc, f"the calendar {path.name}", done="made") from exc
        except BaseException:
            store.close()
            remove_calendar_file(hidden)
            raise
        return store

    def close(self) -> None:
        emptied = False
        shielded: list[tuple[Path, Path]] = []
        if self.file_moved_or_replaced() is not None:
            # SQLite would leave the -wal beside the path, where it would be played onto
            # whatever file is there now (a sync tool's copy: a damaged calendar). Its
            # changes go into the file this connection has open, wherever it is now.
            emptied = self.checkpoint()
            shielded = self._shield_others()
        elif self._held is not None and not self.read_only and self._conn.total_changes:
            # SQLite empties the -wal into the file as its last connection closes; with
            # a window still open on the calendar, the command line's change would wait
            # there, out of a copy of the file alone (what a sync tool or a mail takes).
            self.checkpoint()
            if self.waiting is not None:
                LEFT_WAITING.append(self.waiting)
        self._conn.close()
        self._closed = True
        release(self._held)
        self._held = None
        let_go(self._looked_into)
        self._looked_into = None
        for aside, beside in shielded:
            with contextlib.suppress(OSError):
                if beside.exists():
                    aside.unlink()
                else:
                    os.replace(aside, beside)  # SQLite deleted it by its name: back
        if emptied and not self.path.exists():
            for suffix in _SIDE_FILES:  # left empty by SQLite where the file was
                with contextlib.suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called: nothing can be read any more."""
        return self._closed

    def file_moved_or_replaced(self) -> str | None:
        """None while the file at :attr:`path` is the one this calendar has open; else
        what happened to it, in a sentence (moved or deleted, or replaced by another
        file, as a sync tool does when a copy changed elsewhere)."""
        if self.read_only or self._held is None:
            return None
        now = identity(self.path)
        if now == self._held:
            return self._side_files_replaced()
        if now is None:
            return (
                f"The calendar is no longer at {self.path}: it was moved or deleted"
                " outside Cadence."
            )
        return (
            f"The calendar file {self.path} was replaced by another file (a sync tool does"
            " that when a copy changed elsewhere) since Cadence opened it."
        )

    def moved_to(self, path: Path | str) -> bool:
        """Whether ``path`` names the file this calendar has open, moved (renamed) there
        since it was opened."""
        held = self._held
        return held is not None and identity(Path(path)) == held and not self.is_same_file()

    def is_same_file(self) -> bool:
        """Whether the file at :attr:`path` is still the one this calendar opened (its
        -wal and -shm may have been deleted or replaced all the same)."""
        return self._held is not None and identity(self.path) == self._held

    def _shield_others(self) -> list[tuple[Path, Path]]:
        """Links to the -wal and -shm beside the path that are not this connection's
        (another program's, since the ones it had were deleted or replaced), each with
        its place: closing, SQLite deletes the files at its path by name, and with them
        changes another program made and had no time to move into the file (it was
        killed, or the computer went off)."""
        shielded = []
        for suffix in _SIDE_FILES:
            beside = Path(f"{self.path}{suffix}")
            now = identity(beside)
            if now is None or now == self._beside.get(suffix):
                continue
            aside = beside.with_name(f".{beside.name}.{os.getpid()}.kept")
            try:
                aside.unlink(missing_ok=True)
                os.link(beside, aside)
            except OSError:
                continue  # a file system without links: as SQLite leaves it
            shielded.append((aside, beside))
        return shielded

    def _side_files_replaced(self) -> str | None:
        """What happened to the -wal and -shm beside the file, when they are no longer
        the ones this connection has open: a sync tool deletes them (as Cadence closes
        on another computer) or puts its copies there. SQLite then keeps to the old
        ones, the command line makes new ones, and neither sees the other's changes:
        a change here would be written over one made there, and closing would delete
        the other's -wal with its changes."""
        gone = []
        for suffix, held in self._beside.items():
            now = identity(Path(f"{self.path}{suffix}"))
            if held is None:
                self._beside[suffix] = now  # made since (SQLite makes them on first read)
            elif now != held:
                gone.append(f"{self.path.name}{suffix}")
        if not gone:
            return None
        return (
            f"The files Cadence keeps beside the calendar ({' and '.join(gone)}) were"
            " deleted or replaced outside Cadence (a sync tool does that) since Cadence"
            " opened it."
        )

    def _forget_what_was_read(self) -> None:
        """A transaction undone whole (a disk full as it was committed): the settings
        read or written inside it are read again from the file (a time zone changed
        and refused stayed the window's, and its exports')."""
        self._info = None

    def _refuse_if_newer(self) -> None:
        """Once a change holds the file: a newer Cadence may have brought it up to its own
        version while it was open here (this one's writes would then break that one's
        rules)."""
        if self._conn.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"{self.path.name} was brought up to date by a newer version of Cadence"
                " while it was open here; update Cadence to change it. This change was"
                " not saved."
            )

    def _refuse_if_moved_or_replaced(self) -> None:
        """Before a change: the file open here must still be the one at :attr:`path`, or
        the change would go into a file no one sees, or damage the one there now. A
        calendar read as it is says why it cannot be written: its file, or its folder
        (where SQLite keeps its -wal beside it)."""
        if self.read_only:
            if self.left_as_is is not None:
                raise CalendarFileError(f"{self.left_as_is} This change was not saved.")
            if kept_for_earlier(self.path):
                raise CalendarFileError(
                    f"{self.path.name} is a copy kept for earlier releases of Cadence,"
                    " opened as it is; to change it, save a copy of it elsewhere"
                    " (File > Save a Copy As…) and open that."
                )
            if in_backups(self.path):
                raise CalendarFileError(
                    f"{self.path.name} is a backup, opened as it is; to go back to it, save"
                    " a copy of it over the calendar (File > Save a Copy As…; on the command"
                    " line, cadence export --format cadence), or elsewhere to work on."
                )
            folder = self.path.absolute().parent
            if os.access(self.path, os.W_OK) and not os.access(folder, os.W_OK | os.X_OK):
                raise StorageProblem(
                    f"The folder {folder} is read-only for you, so the change could not be"
                    " saved (Cadence writes beside the calendar as it saves)."
                )
            if not os.access(self.path, os.W_OK):
                # Said before any statement: one that reads a table an older calendar
                # read as it is lacks said "did not expect (no such table …)".
                raise StorageProblem(READ_ONLY)
        problem = self.file_moved_or_replaced()
        if problem is not None:
            raise CalendarFileError(f"{problem} This change was not saved.")
        if not self.read_only and not os.access(self.path, os.W_OK):  # rights changed since
            # The computer's doing, the calendar as it was: said so, as a full disk is
            # (the window's "Nothing was lost" came with every refusal but this one).
            raise StorageProblem(
                f"The calendar file {self.path} has become read-only, so the change could"
                " not be saved."
            )

    def checkpoint(self) -> bool:
        """Move the changes waiting beside the file (in its ``-wal``) into the file
        itself and empty the ``-wal``, without waiting for another program: a copy of
        the ``.cadence`` file alone, taken while the calendar is open, then has them,
        and a sync tool's copy put in the file's place finds nothing of this one
        beside it (SQLite would play it onto that file: a damaged calendar). False when
        a reader or writer elsewhere held it back (try again later)."""
        if self.read_only:
            return True
        if self._nothing_waits():
            # (Emptied all the same, the -wal moved every other program's data_version:
            # each read it as a change of the calendar, and its undo history went.)
            self.waiting = None
            return True
        try:
            self._conn.execute("PRAGMA busy_timeout = 0")
            try:
                busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlite3.Error as exc:
            if isinstance(storage_problem_for(exc), StorageProblem) and not _held_back(exc):
                self.waiting = (
                    f"The change is saved, but waits beside the calendar in"
                    f" {self.path.name}-wal: the disk could not take it into the file"
                    " itself. Free some space; until then, copy the calendar with its -wal."
                )
            return False
        if busy == 0:
            self.waiting = None
        return busy == 0

    def _nothing_waits(self) -> bool:
        """Whether the calendar's -wal is empty (or gone): every change is in the file."""
        if self.file_moved_or_replaced() is not None:  # (its -wal is no longer there)
            return False
        try:
            return Path(f"{self.path}-wal").stat().st_size == 0
        except FileNotFoundError:
            return True
        except OSError:
            return False

    def _reopen(self) -> None:
        """Read a read-only calendar afresh: another program changed the file. When
        it cannot be read (moved away, damaged), the connection open until now stays,
        and the next look tries again."""
        stamp = file_stamp(self.path)
        fresh = reopen_read_only(self.path)  # SQLite keeps the locks of both apart
        self._conn.close()
        self._conn = fresh
        self._stamp = stamp
        self._db = None
        self._can_scan = False
        self._words = None
        self._folds = None
        self._info = None
        self._data_version = self._read_data_version()

    def is_file(self, path: Path | str) -> bool:
        """Whether ``path`` names this calendar's file, however it is reached (a link,
        another spelling of the same folder); a path that does not exist is compared
        by name."""
        try:
            return os.path.samefile(path, self.path)
        except OSError:
            return str(path) in (str(self.path), str(self.path.resolve()))

    def export_target(self, target: Path | str, *, what: str = "An export") -> Path:
        """The file an export or a copy writes for ``target``: the file a link points to.

        Refused, each in one sentence: this calendar's own file or one of its side
        files (``-wal``, ``-shm``, ``-journal``), a folder, a folder that does not
        exist (or is a file), anything that is not a plain file (a pipe, a device),
        which a write beside it and a rename would replace rather than write to, a
        folder the user may not write in, and a read-only file. An export (not a copy,
        ``what`` "A copy") does not replace a calendar either, or any SQLite file: a
        slip of the name would lose every post of another calendar to a CSV file.
        """
        given = Path(target)
        if given.exists() and not given.is_file() and not given.is_dir():
            # Before the link is followed: /dev/stdout leads to "pipe:[...]", no path.
            raise CalendarFileError(f"{target} is not a plain file; choose a file to write.")
        path = Path(os.path.realpath(target))
        own = Path(os.path.realpath(self.path))
        side_files = {own.with_name(own.name + suffix) for suffix in ("-wal", "-shm", "-journal")}
        if self.is_file(path) or path in side_files:
            raise CalendarFileError(f"{what} cannot overwrite the calendar it is made from.")
        if path.is_dir():
            raise CalendarFileError(f"{target} is a folder, not a file.")
        if path.parent.exists() and not path.parent.is_dir():
            raise CalendarFileError(f"{Path(target).parent} is a file, not a folder.")
        if not path.parent.is_dir():
            raise CalendarFileError(f"The folder {Path(target).parent} does not exist.")
        if path.exists() and not path.is_file():
            raise CalendarFileError(f"{target} is not a plain file; choose a file to write.")
        if not os.access(path.parent, os.W_OK | os.X_OK):  # the folder it is written in
            raise StorageProblem(
                f"Cadence cannot write in the folder {path.parent}: it is read-only"
                " for you; choose another folder."
            )
        check_replaceable(path, target)
        if what == "A copy":
            return path
        kind = database_at(path) or ("a calendar" if Path(f"{path}-wal").exists() else None)
        if kind is not None:
            raise CalendarFileError(
                f"{Path(target).name} is {kind}, which an export does not replace;"
                " choose another name."
            )
        return path

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> Database:
        """The calendar as a sqlite-utils database: its transactions (``atomic``) wrap
        every change, and exchange code and benchmarks read through it in bulk.

        Made on first use: reading an up-to-date calendar needs only sqlite3, so the
        window can paint before sqlite-utils is imported.
        """
        if self._db is None:
            from .database import writing_database

            self._db = writing_database(
                self._conn,
                self._refuse_if_moved_or_replaced,
                self._forget_what_was_read,
                self._refuse_if_newer,
            )
        return self._db

    def _read_data_version(self) -> int:
        return int(self.read("PRAGMA data_version")[0][0])

    def in_transaction(self) -> bool:
        """Whether a change is being written (an import, say, between its steps)."""
        return self._conn.in_transaction

    def changed_elsewhere(self) -> bool:
        """Whether another connection (another window, the command line) has changed
        the file since this was opened or last asked. Our own changes do not count.

        A read-only calendar read without locks (SQLite's immutable mode, for a file
        or folder this process may not write) is watched through the file itself,
        and opened again when it changed: its reads would otherwise mix old and new.
        """
        if self._stamp is not None:
            stamp = file_stamp(self.path)
            if stamp == self._stamp:
                return False
            self._reopen()
            return True
        version = self._read_data_version()
        changed = version != self._data_version
        self._data_version = version
        if changed:
            self._info = None  # read again on demand
        return changed

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Several mutations as one: all of them reach the file, or none does.

        The mutations inside nest as savepoints. An undo step that makes several
        store calls runs them in one transaction, so a disk that fills half-way
        leaves the calendar as it was.
        """
        with environment_errors(self.path), self.db.atomic():
            yield

    def read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        """The rows of a query of the file, as every read of the store has them (the
        exchange modules' too): the disk's problems said as such, a spoiled text read
        with a mark where it was."""
        with environment_errors(self.path):
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                if not undecodable(exc) or self._conn.text_factory is not str:
                    raise
                # A text's bytes spoiled (a bad sector): read with a mark where they
                # were, the rest with it, from now on (:func:`.read_damaged_text`).
                read_damaged_text(self._conn)
                return self._conn.execute(sql, params).fetchall()

    # -- the calendar -------------------------------------------------------

    def info(self) -> CalendarInfo:
        if self._info is None:
            self._info = self.info_in_file()
        return self._info

    def info_in_file(self) -> CalendarInfo:
        """The calendar's settings as the file has them now (another window may have
        changed them since :meth:`info` read them)."""
        row = self.read("SELECT name, timezone, week_start, default_cadence_days FROM calendar")
        if not row:
            raise InvalidInput("The calendar has no settings row; it was not set up.")
        name, zone, week, cadence = row[0]
        if (
            not isinstance(name, str)
            or not isinstance(zone, str)
            or week not in {w.value for w in WeekStart}
            or not isinstance(cadence, int)
        ):  # changed by hand, or by a damaged sector: not a bug of Cadence's
            raise CalendarFileError(f"The calendar file {self.path} is damaged (its settings).")
        try:  # any name the zone database reads ("localtime", "posix/Europe/Berlin" an
            ZoneInfo(zone)  # earlier release let in)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise CalendarFileError(
                f"The calendar file {self.path} is planned in the time zone '{zone}', which"
                " this computer does not know."
            ) from None
        # A copy of the database's name ("posix/Europe/Berlin") as the zone it is: the
        # settings could not be saved, and exports named the copy.
        return CalendarInfo(name, plain_zone(zone) or zone, WeekStart(week), cadence)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.info().timezone)

    def today(self) -> date:
        """The calendar's today: the date in its own time zone, wherever this computer
        is (a plan for Auckland is on Auckland's day: whether a draft went out, what is
        overdue). The window, ``gaps``, imports and exports all go by it."""
        return datetime.now(self.zone).date()

    def update_info(
        self,
        *,
        name: str | None = None,
        timezone: str | None = None,
        week_start: WeekStart | str | None = None,
        default_cadence_days: int | None = None,
    ) -> ChangeSet:
        info = self.info()
        if name is not None:
            name = _required(name, "A calendar needs a name.", kept=info.name)
        if default_cadence_days is not None and default_cadence_days < 1:
            raise InvalidInput("The default cadence must be at least 1 day.")
        new = CalendarInfo(
            name=name if name is not None else info.name,
            timezone=validate_timezone(timezone) if timezone is not None else info.timezone,
            week_start=_week_start(week_start) if week_start is not None else info.week_start,
            default_cadence_days=default_cadence_days or info.default_cadence_days,
        )
        with environment_errors(self.path), self.db.atomic():
            self._conn.execute(
                "UPDATE calendar SET name = ?, timezone = ?, week_start = ?,"
                " default_cadence_days = ? WHERE id = 1",
                [new.name, new.timezone, new.week_start.value, new.default_cadence_days],
            )
        self._info = new
        return ChangeSet(calendar=True)

    # -- channels -----------------------------------------------------------

    def channels(self, *, include_archived: bool = False) -> list[Channel]:
        where = "" if include_archived else "WHERE archived = 0"
        channels = self._channels(where)
        return sorted(channels, key=lambda c: (c.sort_order, name_order(c.name)))

    def _channels(self, where: str, params: Sequence[object] = ()) -> list[Channel]:
        return [
            Channel(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
            for r in self.read(
                "SELECT id, name, kind, color, char_limit, sort_order, archived"
                f" FROM channels {where}",
                params,
            )
        ]

    def channel(self, channel_id: int) -> Channel:
        # One row read (all of them read and sorted made a manager's Apply slow).
        return _with_id(self._channels("WHERE id = ?", [channel_id]), channel_id, "channel")

    def archived_channels_in_use(self) -> frozenset[int]:
        """The archived channels that posts are still on."""
        return frozenset(
            row[0]
            for row in self.read(
                "SELECT id FROM channels c WHERE archived"
                " AND EXISTS (SELECT 1 FROM posts p WHERE p.channel_id = c.id)"
            )
        )

    def bodies_to_come(self, channel_id: int) -> list[str]:
        """The bodies of the channel's posts still to go out (ideas, drafts and
        scheduled ones), empty ones left out."""
        return [
            row[0]
            for row in self.read(
                "SELECT body FROM posts WHERE channel_id = ? AND body != ''"
                " AND status IN ('idea', 'draft', 'scheduled')",
                [channel_id],
            )
        ]

    def count_to_come(
        self, today: date, *, channel_id: int | None = None, message_id: int | None = None
    ) -> int:
        """How many posts planned from ``today`` on (drafts and scheduled ones) go out on
        the channel, or carry the key message."""
        sql = "SELECT count(*) FROM posts WHERE date >= ? AND status IN ('draft', 'scheduled')"
        params: list[object] = [today.isoformat()]
        if channel_id is not None:
            sql += " AND channel_id = ?"
            params.append(channel_id)
        if message_id is not None:
            sql += " AND id IN (SELECT post_id FROM post_messages WHERE message_id = ?)"
            params.append(message_id)
        return int(self.read(sql, params)[0][0])

    def channel_named(self, name: str) -> Channel | None:
        found = self._id_named("channels", "name", name)
        return self.channel(found) if found is not None else None

    def _id_named(self, table: str, column: str, name: str) -> int | None:
        """The id of the row of ``table`` whose ``column`` is ``name`` (:func:`name_key`:
        case, outer spaces and Unicode form aside), archived or not. The names alone are
        read: every row read whole and sorted at each of an import's new key messages
        made 1,600 of them take 48 seconds."""
        wanted = name_key(name)
        rows = self.read(f"SELECT id, {column} FROM {table} ORDER BY id")
        return next((row[0] for row in rows if name_key(row[1]) == wanted), None)

    def add_channel(
        self,
        name: str,
        *,
        kind: str | None = None,
        color: str | None = None,
        char_limit: int | None = None,
        apart_from: list[str] | None = None,
        archived: bool = False,
    ) -> ChangeSet:
        """A new channel; with no ``kind``, the one its name says ("Newsletter" is a
        newsletter), else social. ``archived``: one brought in as another calendar
        has it."""
        name = _required(name, "A channel needs a name.")
        kind = _channel_kind(kind) if kind is not None else guessed_kind(name, "social")
        _check_char_limit(char_limit)
        # Checked, coloured and placed as the write begins: a channel another program
        # adds meanwhile (a script's commands run at once) is one here too.
        with environment_errors(self.path), self.db.atomic():
            existing = self.channels(include_archived=True)
            same = _named(existing, name, attrgetter("name"))
            if same is not None:  # as it is spelled here, not as typed ("linkedin")
                raise InvalidInput(_taken("channel", same.name, same.archived))
            color = self._new_color(color, 0, apart_from)
            order = max((c.sort_order for c in existing), default=-1) + 1
            new_id = self._fresh_id("channel", "channels")
            self._conn.execute(
                "INSERT INTO channels (id, name, kind, color, char_limit, sort_order, archived)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [new_id, name, kind, color, char_limit, order, int(archived)],
            )
        return ChangeSet(channels=frozenset({new_id}), created=(new_id,))

    def update_channel(
        self,
        channel_id: int,
        *,
        name: str | None = None,
        kind: str | None = None,
        color: str | None = None,
        char_limit: int | Literal["keep"] | None = "keep",
        sort_order: int | None = None,
        archived: bool | None = None,
    ) -> ChangeSet:
        current = self.channel(channel_id)
        if name is not None:
            name = _required(name, "A channel needs a name.", kept=current.name)
            other = self.channel_named(name)
            # A name kept as it was is no clash (an earlier release let look-alikes in).
            kept = name_key(name) == name_key(current.name)
            if other is not None and other.id != channel_id and not kept:
                raise InvalidInput(_taken("channel", other.name, other.archived))
        if char_limit != "keep" and char_limit != current.char_limit:  # (an earlier release's)
            _check_char_limit(char_limit)
        with environment_errors(self.path), self.db.atomic():
            if name is not None:
                self._renamed("channel", channel_id, current.name, name)
            self._conn.execute(
                "UPDATE channels SET name = ?, kind = ?, color = ?, char_limit = ?,"
                " sort_order = ?, archived = ? WHERE id = ?",
                [
                    name if name is not None else current.name,
                    _channel_kind(kind) if kind is not None else current.kind,
                    parse_color(color) if color is not None else current.color,
                    current.char_limit if char_limit == "keep" else char_limit,
                    sort_order if sort_order is not None else current.sort_order,
                    int(archived if archived is not None else current.archived),
                    channel_id,
                ],
            )
        return ChangeSet(channels=frozenset({channel_id}))

    def delete_channel(self, channel_id: int) -> ChangeSet:
        """Delete a channel that no post uses (archive it otherwise)."""
        channel = self.channel(channel_id)
        used = self.read("SELECT count(*) FROM posts WHERE channel_id = ?", [channel_id])[0][0]
        if used:
            posts = f"{used} post{'s' if used != 1 else ''}"
            if channel.archived:  # already so: what would let it go is moving its posts
                raise InvalidInput(
                    f"The channel '{channel.name}' still has {posts}; move or delete"
                    f" {'it' if used == 1 else 'them'} first, or keep the channel archived."
                )
            raise InvalidInput(
                f"The channel '{channel.name}' has {posts}; archive it instead of deleting it."
            )
        with environment_errors(self.path), self.db.atomic():
            # Its former names stay, for the undo of the deletion; no name is said for a
            # record that is not there (:meth:`former_names`).
            self._conn.execute("DELETE FROM channels WHERE id = ?", [channel_id])
        return ChangeSet(channels=frozenset({channel_id}))

    # -- key messages -------------------------------------------------------

    def key_messages(self, *, include_archived: bool = False) -> list[KeyMessage]:
        where = "" if include_archived else "WHERE archived = 0"
        messages = self._key_messages(where)
        return sorted(messages, key=lambda m: (-m.priority, name_order(m.title)))

    @_said_of_the_file
    def _key_messages(self, where: str, params: Sequence[object] = ()) -> list[KeyMessage]:
        return [
            KeyMessage(r[0], r[1], r[2], r[3], r[4], _day(r[5]), _day(r[6]), r[7], bool(r[8]))
            for r in self.read(
                "SELECT id, title, statement, cadence_days, color, starts_on, ends_on, priority,"
                f" archived FROM key_messages {where}",
                params,
            )
        ]

    def key_message(self, message_id: int) -> KeyMessage:
        # One row read (300 read and sorted at each call made a manager's Apply slow).
        found = self._key_messages("WHERE id = ?", [message_id])
        return _with_id(found, message_id, "key message")

    def key_message_titled(self, title: str) -> KeyMessage | None:
        found = self._id_named("key_messages", "title", title)
        return self.key_message(found) if found is not None else None

    def add_key_message(
        self,
        title: str,
        *,
        statement: str = "",
        cadence_days: int | None = None,
        color: str | None = None,
        starts_on: date | None = None,
        ends_on: date | None = None,
        priority: int = 0,
        apart_from: list[str] | None = None,
        archived: bool = False,
    ) -> ChangeSet:
        title = _required(title, "A key message needs a title.")
        cadence = cadence_days if cadence_days is not None else self.info().default_cadence_days
        _check_message(cadence, starts_on, ends_on)
        with environment_errors(self.path), self.db.atomic():  # (see add_channel)
            same = self.key_message_titled(title)
            if same is not None:
                raise InvalidInput(_taken("key message", same.title, same.archived))
            color = self._new_color(color, 3, apart_from)
            new_id = self._fresh_id("message", "key_messages")
            self._conn.execute(
                "INSERT INTO key_messages (id, title, statement, cadence_days, color, starts_on,"
                " ends_on, priority, archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    new_id,
                    title,
                    statement,
                    cadence,
                    color,
                    _iso(starts_on),
                    _iso(ends_on),
                    priority,
                    int(archived),
                ],
            )
        return ChangeSet(messages=frozenset({new_id}), created=(new_id,))

    @_said_of_the_file
    def first_delivery_day(self, message_id: int, as_of: date) -> date | None:
        """The earliest day a post delivers the key message (DESIGN.md's rule, a draft
        from ``as_of`` on), if any: a cancelled post, an idea or a draft whose day went
        by never carried it to anyone."""
        rows = self.read(
            f"SELECT min(day) FROM post_messages WHERE message_id = ? AND {DELIVERY_WHERE}",
            [message_id, as_of.isoformat()],
        )
        return _day(rows[0][0]) if rows else None

    def update_key_message(self, message: KeyMessage) -> ChangeSet:
        """Replace a key message's fields with those of ``message`` (matched by id)."""
        current = self.key_message(message.id)
        title = _required(message.title, "A key message needs a title.", kept=current.title)
        kept = name_key(title) == name_key(current.title)  # (see update_channel)
        other = None if kept else self.key_message_titled(title)
        if other is not None and other.id != message.id:
            raise InvalidInput(_taken("key message", other.title, other.archived))
        _check_message(
            message.cadence_days, message.starts_on, message.ends_on, kept=current.cadence_days
        )
        with environment_errors(self.path), self.db.atomic():
            self._renamed("message", message.id, current.title, title)
            self._conn.execute(
                "UPDATE key_messages SET title = ?, statement = ?, cadence_days = ?, color = ?,"
                " starts_on = ?, ends_on = ?, priority = ?, archived = ? WHERE id = ?",
                [
                    title,
                    message.statement,
                    message.cadence_days,
                    parse_color(message.color),
                    _iso(message.starts_on),
                    _iso(message.ends_on),
                    message.priority,
                    int(message.archived),
                    message.id,
                ],
            )
        return ChangeSet(messages=frozenset({message.id}))

    def delete_key_message(self, message_id: int, *, remembered: bool = True) -> ChangeSet:
        """Delete a key message, taking it off its posts. ``remembered``: a deletion
        the user asked for, whose names an import then leaves off its posts rather than
        make again (:meth:`deleted_names`); not the undo of making it (an undone import
        or Add made nothing to remember)."""
        title = self.key_message(message_id).title
        post_ids = {
            r[0]
            for r in self.read(
                "SELECT post_id FROM post_messages WHERE message_id = ?", [message_id]
            )
        }
        carriers = self.posts(post_ids)
        with environment_errors(self.path), self.db.atomic():
            if remembered:
                self._remember_deleted("message", message_id, title)
            # Its former names stay, for the undo of the deletion; no name is said for a
            # record that is not there (:meth:`former_names`).
            self._conn.execute("DELETE FROM key_messages WHERE id = ?", [message_id])
        return ChangeSet(messages=frozenset({message_id})) | _where(carriers)

    # -- campaigns ----------------------------------------------------------

    @_said_of_the_file
    def campaigns(self) -> list[Campaign]:
        campaigns = [
            Campaign(r[0], r[1], _KINDS[r[2]], _day(r[3]), _day(r[4]), r[5])
            for r in self.read("SELECT id, name, kind, starts_on, ends_on, color FROM campaigns")
        ]
        return sorted(
            campaigns,
            key=lambda c: (c.starts_on is None, c.starts_on or date.min, name_order(c.name)),
        )

    def campaign(self, campaign_id: int) -> Campaign:
        return _with_id(self.campaigns(), campaign_id, "campaign")

    def campaign_named(self, name: str) -> Campaign | None:
        found = self._id_named("campaigns", "name", name)
        return self.campaign(found) if found is not None else None

    def add_campaign(
        self,
        name: str,
        *,
        kind: CampaignKind | str = CampaignKind.PROMOTION,
        starts_on: date | None = None,
        ends_on: date | None = None,
        color: str | None = None,
        apart_from: list[str] | None = None,
    ) -> ChangeSet:
        name = _required(name, "A campaign needs a name.")
        campaign_kind = _campaign_kind(kind)
        _check_range(starts_on, ends_on)
        with environment_errors(self.path), self.db.atomic():  # (see add_channel)
            same = self.campaign_named(name)
            if same is not None:
                raise InvalidInput(f"There is already a campaign called '{same.name}'.")
            color = self._new_color(color, 6, apart_from)
            new_id = self._fresh_id("campaign", "campaigns")
            self._conn.execute(
                "INSERT INTO campaigns (id, name, kind, starts_on, ends_on, color)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [new_id, name, campaign_kind.value, _iso(starts_on), _iso(ends_on), color],
            )
        return ChangeSet(campaigns=frozenset({new_id}), created=(new_id,))

    def update_campaign(self, campaign: Campaign) -> ChangeSet:
        """Replace a campaign's fields with those of ``campaign`` (matched by id)."""
        current = self.campaign(campaign.id)
        name = _required(campaign.name, "A campaign needs a name.", kept=current.name)
        other = self.campaign_named(name)
        kept = name_key(name) == name_key(current.name)  # (see update_channel)
        if other is not None and other.id != campaign.id and not kept:
            raise InvalidInput(f"There is already a campaign called '{other.name}'.")
        _check_range(campaign.starts_on, campaign.ends_on)
        with environment_errors(self.path), self.db.atomic():
            self._renamed("campaign", campaign.id, current.name, name)
            self._conn.execute(
                "UPDATE campaigns SET name = ?, kind = ?, starts_on = ?, ends_on = ?, color = ?"
                " WHERE id = ?",
                [
                    name,
                    _campaign_kind(campaign.kind).value,
                    _iso(campaign.starts_on),
                    _iso(campaign.ends_on),
                    parse_color(campaign.color),
                    campaign.id,
                ],
            )
        return ChangeSet(campaigns=frozenset({campaign.id}))

    def delete_campaign(self, campaign_id: int, *, remembered: bool = True) -> ChangeSet:
        """Delete a campaign, its posts in none; ``remembered`` as for
        :meth:`delete_key_message`."""
        name = self.campaign(campaign_id).name
        post_ids = frozenset(
            r[0] for r in self.read("SELECT id FROM posts WHERE campaign_id = ?", [campaign_id])
        )
        members = self.posts(post_ids)
        with environment_errors(self.path), self.db.atomic():
            if remembered:
                self._remember_deleted("campaign", campaign_id, name)
            # Its former names stay, for the undo of the deletion; no name is said for a
            # record that is not there (:meth:`former_names`).
            self._conn.execute("DELETE FROM campaigns WHERE id = ?", [campaign_id])
        return ChangeSet(campaigns=frozenset({campaign_id})) | _where(members)

    def _new_color(self, color: str | None, start: int, apart_from: list[str] | None) -> str:
        """The colour of a channel, key message or campaign being made: ``color`` unless
        it looks like one of ``apart_from``, else a free one (:func:`free_color` from
        ``start``), then added to ``apart_from`` for what is made next to keep apart from.
        What an import brings keeps its colour apart from what the calendar had before:
        every calendar takes colours from the same palette in the same order, so
        another client's Instagram came with this one's LinkedIn blue."""
        wanted = parse_color(color) if color else None
        if wanted is not None and not looks_taken(wanted, apart_from or ()):
            return wanted
        made = free_color([*self.colors_in_use(), *self._colors_coming], start)
        if apart_from is not None:  # a fallback channel made so too: what comes next
            apart_from.append(made)  # keeps apart from it
        return made

    @contextlib.contextmanager
    def colors_coming(self, colors: Iterable[str]) -> Iterator[None]:
        """While records brought in together are made (a merge, a paste from another
        calendar): the colours they come with, which one recoloured does not take (it
        took the next one's, and that one was recoloured in turn)."""
        self._colors_coming = [c for c in colors if c]
        try:
            yield
        finally:
            self._colors_coming = []

    def colors_in_use(self) -> list[str]:
        """The colours of every channel, key message and campaign (archived ones too):
        what a new one's colour should not look like."""
        return [
            color
            for (color,) in self.read(
                "SELECT color FROM channels UNION ALL SELECT color FROM key_messages"
                " UNION ALL SELECT color FROM campaigns"
            )
        ]

    # -- former names ---------------------------------------------------------

    def _renamed(self, kind: str, record_id: int, old: str, new: str) -> None:
        """Remember ``old`` as a name the record had, when ``new`` is another name."""
        if name_key(old) != name_key(new):
            self._conn.execute(
                "INSERT OR IGNORE INTO former_names (kind, record_id, name_key) VALUES (?, ?, ?)",
                [kind, record_id, name_key(old)],
            )

    def names_had(self, kind: str, record_id: int) -> frozenset[str]:
        """The former names (:func:`.models.name_key`) of one channel (``kind``
        "channel"), key message ("message") or campaign ("campaign"), there or deleted:
        what an undo or a redo gives it back exactly."""
        try:
            rows = self.read(
                "SELECT name_key FROM former_names WHERE kind = ? AND record_id = ?",
                [kind, record_id],
            )
        except sqlite3.OperationalError:  # no such table: an older calendar, read as it is
            return frozenset()
        return frozenset(name_key(key) for (key,) in rows)  # (see :meth:`former_names`)

    def give_names_had(self, kind: str, record_id: int, keys: Iterable[str]) -> None:
        """Make ``keys`` the former names of the record, and no others (see
        :meth:`names_had`)."""
        with environment_errors(self.path), self.db.atomic():
            self._conn.execute(
                "DELETE FROM former_names WHERE kind = ? AND record_id = ?", [kind, record_id]
            )
            self._conn.executemany(
                "INSERT INTO former_names (kind, record_id, name_key) VALUES (?, ?, ?)",
                [(kind, record_id, key) for key in sorted(set(keys))],
            )

    def _fresh_id(self, kind: str, table: str) -> int:
        """A number no record of ``kind`` has had here: a deleted one's names are kept
        under its number (:meth:`_remember_deleted`), and a new record taking it took
        them over (an undo of its own deletion then forgot that the first was deleted,
        and an older export brought the first back)."""
        (top,) = self._conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
        try:
            (kept,) = self._conn.execute(
                "SELECT coalesce(max(abs(record_id)), 0) FROM former_names WHERE kind = ?",
                [kind],
            ).fetchone()
        except sqlite3.OperationalError:  # no such table: a calendar of an older schema
            kept = 0
        return max(top, kept) + 1

    def former_names(self, kind: str) -> dict[str, set[int]]:
        """The names (:func:`.models.name_key`) the channels (``kind`` "channel"), key
        messages ("message") or campaigns ("campaign") here had before a rename here,
        each with the records that had it."""
        table = {"channel": "channels", "message": "key_messages", "campaign": "campaigns"}[kind]
        found: dict[str, set[int]] = {}
        try:
            rows = self.read(
                f"SELECT f.name_key, f.record_id FROM former_names f JOIN {table} r"
                " ON r.id = f.record_id WHERE f.kind = ?",
                [kind],
            )
        except sqlite3.OperationalError:  # no such table: an older calendar, read as it is
            return {}
        for key, record_id in rows:
            # Read as this release spells them: an earlier one kept an emoji's variation
            # selector in the key ("❤️ Customer love"), which no name now has.
            found.setdefault(name_key(key), set()).add(record_id)
        return found

    def _remember_deleted(self, kind: str, record_id: int, name: str) -> None:
        """Keep the names of a record being deleted, its own (``name``) and those it
        had, as those of a record deleted here (:meth:`deleted_names`): under the
        record's number made negative, which no record has (its undo takes them away
        again)."""
        self._conn.execute(
            "INSERT OR IGNORE INTO former_names (kind, record_id, name_key)"
            " SELECT kind, -record_id, name_key FROM former_names"
            " WHERE kind = ? AND record_id = ?",
            [kind, record_id],
        )
        self._conn.execute(
            "INSERT OR IGNORE INTO former_names (kind, record_id, name_key) VALUES (?, ?, ?)",
            [kind, -record_id, name_key(name)],
        )

    def _no_longer_deleted(self, kind: str, record_id: int, name: str) -> None:
        """A record written back (the undo of its deletion): its names are no longer
        those of a record deleted here (another deleted under its number keeps its own)."""
        keys = {name_key(name), *self.names_had(kind, record_id)}
        kept = self._conn.execute(
            "SELECT name_key FROM former_names WHERE kind = ? AND record_id = ?",
            [kind, -record_id],
        ).fetchall()
        self._conn.executemany(
            "DELETE FROM former_names WHERE kind = ? AND record_id = ? AND name_key = ?",
            [(kind, -record_id, key) for (key,) in kept if name_key(key) in keys],
        )

    def deleted_names(self, kind: str) -> frozenset[str]:
        """The names (:func:`.models.name_key`) of the key messages (``kind`` "message")
        or campaigns ("campaign") the user deleted here, no record here having them now:
        what an import leaves off its posts rather than make again (an export from
        before the deletion brought the message back onto every post that had carried
        it)."""
        table, name = {"message": ("key_messages", "title"), "campaign": ("campaigns", "name")}[
            kind
        ]
        try:
            rows = self.read(
                "SELECT name_key FROM former_names WHERE kind = ? AND record_id < 0", [kind]
            )
        except sqlite3.OperationalError:  # no such table: an older calendar, read as it is
            return frozenset()
        current = {name_key(r[0]) for r in self.read(f"SELECT {name} FROM {table}")}
        return frozenset(name_key(key) for (key,) in rows) - current  # (see former_names)

    # -- undoing deletions ----------------------------------------------------

    def restore_channel(self, channel: Channel) -> ChangeSet:
        """Write a channel back exactly as given, by id (undo of an add or an edit); the
        names it had are the command's to give back (:meth:`give_names_had`)."""
        with environment_errors(self.path), self.db.atomic():
            self._conn.execute(
                "INSERT INTO channels (id, name, kind, color, char_limit, sort_order, archived)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " name = excluded.name, kind = excluded.kind, color = excluded.color,"
                " char_limit = excluded.char_limit, sort_order = excluded.sort_order,"
                " archived = excluded.archived",
                [
                    channel.id,
                    channel.name,
                    channel.kind,
                    channel.color,
                    channel.char_limit,
                    channel.sort_order,
                    int(channel.archived),
                ],
            )
        return ChangeSet(channels=frozenset({channel.id}))

    def restore_key_message(self, message: KeyMessage, post_ids: Iterable[int] = ()) -> ChangeSet:
        """Write a key message back by id and link it again to ``post_ids``."""
        carriers = sorted(set(post_ids))
        with environment_errors(self.path), self.db.atomic():
            self._conn.execute(
                "INSERT INTO key_messages (id, title, statement, cadence_days, color, starts_on,"
                " ends_on, priority, archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                " statement = excluded.statement, cadence_days = excluded.cadence_days,"
                " color = excluded.color, starts_on = excluded.starts_on,"
                " ends_on = excluded.ends_on, priority = excluded.priority,"
                " archived = excluded.archived",
                [
                    message.id,
                    message.title,
                    message.statement,
                    message.cadence_days,
                    message.color,
                    _iso(message.starts_on),
                    _iso(message.ends_on),
                    message.priority,
                    int(message.archived),
                ],
            )
            self._conn.executemany(
                "INSERT OR IGNORE INTO post_messages (post_id, message_id) VALUES (?, ?)",
                [(post_id, message.id) for post_id in carriers],
            )
            self._no_longer_deleted("message", message.id, message.title)
        return ChangeSet(messages=frozenset({message.id}), posts=frozenset(carriers))

    def restore_campaign(self, campaign: Campaign, post_ids: Iterable[int] = ()) -> ChangeSet:
        """Write a campaign back by id and put ``post_ids`` in it again."""
        members = sorted(set(post_ids))
        with environment_errors(self.path), self.db.atomic():
            self._conn.execute(
                "INSERT INTO campaigns (id, name, kind, starts_on, ends_on, color)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " name = excluded.name, kind = excluded.kind, starts_on = excluded.starts_on,"
                " ends_on = excluded.ends_on, color = excluded.color",
                [
                    campaign.id,
                    campaign.name,
                    CampaignKind(campaign.kind).value,
                    _iso(campaign.starts_on),
                    _iso(campaign.ends_on),
                    campaign.color,
                ],
            )
            self._conn.executemany(
                "UPDATE posts SET campaign_id = ? WHERE id = ?",
                [(campaign.id, post_id) for post_id in members],
            )
            self._no_longer_deleted("campaign", campaign.id, campaign.name)
        return ChangeSet(campaigns=frozenset({campaign.id}), posts=frozenset(members))

    # -- reading posts ------------------------------------------------------

    @_said_of_the_file
    def _posts(self, where: str, params: Sequence[Any] = (), order: str = "") -> list[Post]:
        # SQLite sorts NULL first: untimed posts lead their day, as the views want,
        # and the (date, time) index gives this order without a sort.
        order = order or "ORDER BY p.date, p.time, p.id"
        rows = self.read(f"SELECT {_POST_COLUMNS} FROM posts p {where} {order}", params)
        try:
            return [_post_from_row(r) for r in rows]
        except (ValueError, TypeError, KeyError) as exc:
            # Only another program could have written it: Cadence's own writes are checked.
            raise CalendarFileError(
                f"{self.path.name} holds a post Cadence cannot read ({exc}); the calendar"
                f" file is damaged; {to_its_backups()}"
            ) from exc

    def post(self, post_id: int) -> Post:
        found = self._posts("WHERE p.id = ?", [post_id])
        if not found:
            raise NotFound(f"There is no post number {post_id}.")
        return found[0]

    def posts(self, post_ids: Iterable[int]) -> list[Post]:
        """The posts with these ids that exist, in date and time order."""
        ids = sorted(set(post_ids))
        found: list[Post] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.extend(self._posts(f"WHERE p.id IN ({marks})", chunk))
        return sorted(found, key=_post_order)

    def post_by_uid(self, uid: str) -> Post:
        """The post with this uid, as typed: its case aside where no other uid is
        spelled alike (a uid copied from a document that put it in capitals)."""
        post = self.find_post(uid)
        if post is None:
            alike = self._posts("WHERE lower(p.uid) = lower(?)", [uid.strip()])
            post = alike[0] if len(alike) == 1 else None
        if post is None:
            raise NotFound(f"There is no post with uid {uid}.")
        return post

    def posts_with_uids(self, uids: Iterable[str]) -> dict[str, Post]:
        """The posts with these uids that exist, by uid."""
        wanted = sorted({uid.strip() for uid in uids})
        found: dict[str, Post] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update((p.uid, p) for p in self._posts(f"WHERE p.uid IN ({marks})", chunk))
        return found

    def has_events(self, uids: Collection[str]) -> bool:
        """Whether every one of another program's event ``uids`` is here: a post of that
        uid, or the occurrences of that recurring event."""
        import json

        missing = self.read(
            "SELECT count(*) FROM json_each(?) AS j"
            " WHERE NOT EXISTS (SELECT 1 FROM posts WHERE uid = j.value)"
            " AND NOT EXISTS (SELECT 1 FROM posts WHERE source_uid = j.value)",
            [json.dumps(sorted(set(uids)))],
        )[0][0]
        return missing == 0

    def find_post(self, uid: str) -> Post | None:
        """The post with this uid, or None."""
        found = self._posts("WHERE p.uid = ?", [uid.strip()])
        return found[0] if found else None

    def take_edits(
        self,
        edited: Mapping[int, tuple[datetime, int]],
        histories: Mapping[int, History | None] | None = None,
    ) -> None:
        """Give posts the version (last edit, revision) they have in another calendar,
        whose content they were just given, so that a later import of that version's
        successor is not taken for an edit made here.

        The version each had here and the earlier versions its ``histories`` entry
        names (all of them unknown when it is None or incomplete) become the taken
        version's earlier versions.
        """
        taken = {post_id: _taken_edit(pair) for post_id, pair in edited.items()}
        here = self._current_versions(taken)
        with environment_errors(self.path), self.db.atomic():
            self._conn.executemany(
                "UPDATE posts SET updated_at = ?, revision = ? WHERE id = ?",
                [(*version, post_id) for post_id, version in taken.items()],
            )
            self._link_versions(
                (post_id, version_key(*taken[post_id]), key) for post_id, key in here.items()
            )
            known = histories or {}
            self.absorb_versions({i: (pair, known.get(i)) for i, pair in edited.items()})

    def settle_versions(
        self, settled: Mapping[int, tuple[tuple[datetime, int], History | None]]
    ) -> list[Post]:
        """Give each post a new version that comes from its own and from another
        calendar's version (and that one's ``History``): that version was kept as a
        conflict copy, and is settled; it does not conflict again when it comes back.
        Returns the posts as they were (undo puts them back, and the settling with them).
        """
        before = self.posts(settled)
        if not before:
            return []
        with environment_errors(self.path), self.db.atomic():
            self._update_posts({p.id: {} for p in before}, {p.id: p for p in before})
            self.absorb_versions(settled)
        return before

    def absorb_versions(
        self, versions: Mapping[int, tuple[tuple[datetime, int], History | None]]
    ) -> None:
        """Record another calendar's version (and its ``History``) as an earlier one of
        each post's current version, which was just made from it."""
        here = self._current_versions(versions)
        links: list[tuple[int, VersionKey, VersionKey]] = []
        for post_id, (version, history) in versions.items():
            if post_id in here:
                links.append((post_id, here[post_id], version_key(*version)))
                links.extend(_history_links(post_id, here[post_id], history))
        with environment_errors(self.path), self.db.atomic():
            self._link_versions(links)

    def add_notes(self, notes: Mapping[int, Iterable[str]]) -> None:
        """Attach notes to the posts' current versions (what another program's event
        said as it came in); :meth:`history` gives them back while that version is
        the post's or an earlier one of it."""
        here = self._current_versions(notes)
        with environment_errors(self.path), self.db.atomic():
            self._link_versions(
                (post_id, here[post_id], (0, text))
                for post_id, texts in notes.items()
                if post_id in here
                for text in texts
            )

    def _current_versions(self, post_ids: Collection[int]) -> dict[int, VersionKey]:
        found: dict[int, VersionKey] = {}
        spelled: dict[tuple[str, int], VersionKey] = {}
        listed = list(post_ids)
        for start in range(0, len(listed), _PARAMETERS_PER_STATEMENT):
            chunk = listed[start : start + _PARAMETERS_PER_STATEMENT]
            rows = self.read(
                "SELECT id, updated_at, revision FROM posts"
                f" WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for post_id, edited, rev in rows:
                key = spelled.get((edited, rev))
                if key is None:  # posts made together share a stamp: spell it once
                    key = spelled[edited, rev] = version_key(edited, rev)
                found[post_id] = key
        return found

    def _link_versions(self, links: Iterable[tuple[int, VersionKey, VersionKey]]) -> None:
        """Record that a post's version came from an earlier one (or carries a note):
        (post id, version, earlier version)."""
        self._conn.executemany(
            "INSERT OR IGNORE INTO post_versions"
            " (post_id, revision, edited, earlier_revision, earlier_edited)"
            " VALUES (?, ?, ?, ?, ?)",
            [(post_id, *later, *earlier) for post_id, later, earlier in links if later != earlier],
        )

    def history(self, posts: Sequence[Post | Deleted]) -> dict[int, History]:
        """What this calendar knows of the versions each post's current one came from,
        by post id (it keeps them since schema 5; a calendar read as it is from an
        older schema knows none)."""
        if not posts:
            return {}
        wanted = {p.id for p in posts}
        select = (
            "SELECT post_id, revision, edited, earlier_revision, earlier_edited FROM post_versions"
        )
        try:
            if len(wanted) > _PARAMETERS_PER_STATEMENT:
                rows: list[tuple[Any, ...]] = self.read(select)
            else:
                marks = ",".join("?" * len(wanted))
                rows = self.read(f"{select} WHERE post_id IN ({marks})", list(wanted))
        except sqlite3.OperationalError:  # no such table: an older calendar, read as it is
            return {p.id: History(boundary=frozenset({key_of(p)})) for p in posts}
        graphs: dict[int, dict[VersionKey, list[VersionKey]]] = {}
        for post_id, revision, edited, earlier_revision, earlier_edited in rows:
            if post_id in wanted:
                graph = graphs.setdefault(post_id, {})
                graph.setdefault((revision, edited), []).append((earlier_revision, earlier_edited))
        known: dict[int, History] = {}
        for post in posts:
            links = graphs.get(post.id)
            if links:
                known[post.id] = _walk(links, key_of(post))
            elif post.revision > 1:  # edited before Cadence kept versions, and not since
                known[post.id] = History(boundary=frozenset({key_of(post)}))
            else:
                known[post.id] = _BEGAN
        return known

    def posts_titled_ending(self, ending: str) -> list[Post]:
        """The posts whose title ends with ``ending`` (one pass over the posts)."""
        return self._posts("WHERE substr(p.title, -?) = ?", [len(ending), ending])

    def imported_occurrences(self, source_uid: str) -> list[Post]:
        """The posts imported as occurrences of another program's recurring event."""
        return self._posts("WHERE p.source_uid = ? AND p.recurrence_id IS NOT NULL", [source_uid])

    def moved_occurrences(self, occurrences: Mapping[int, tuple[str, str]]) -> None:
        """Give posts the event UID and RECURRENCE-ID their occurrence has now that its
        recurring event moved in another program (all its events a day later, or the
        following split off as an event of their own): its next file finds them by
        them (it found none, cancelled them all and made them anew, untagged)."""
        with environment_errors(self.path), self.db.atomic():
            self._conn.executemany(
                "UPDATE posts SET source_uid = ?, recurrence_id = ? WHERE id = ?",
                [(source, rid, post_id) for post_id, (source, rid) in occurrences.items()],
            )

    def posts_between(
        self,
        first: date,
        last: date,
        *,
        channel_ids: Iterable[int] | None = None,
        message_ids: Iterable[int] | None = None,
        statuses: Iterable[PostStatus] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> list[Post]:
        """Dated posts from ``first`` to ``last`` inclusive, in date and time order."""
        where = ["p.date BETWEEN ? AND ?"]
        params: list[Any] = [first.isoformat(), last.isoformat()]
        _filters(where, params, channel_ids, message_ids, statuses, campaign_ids)
        return self._posts("WHERE " + " AND ".join(where), params)

    def backlog(
        self,
        *,
        channel_ids: Iterable[int] | None = None,
        message_ids: Iterable[int] | None = None,
        statuses: Iterable[PostStatus] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> list[Post]:
        """Undated posts (ideas and unscheduled drafts), newest first."""
        where = ["p.date IS NULL"]
        params: list[Any] = []
        _filters(where, params, channel_ids, message_ids, statuses, campaign_ids)
        return self._posts(
            "WHERE " + " AND ".join(where), params, "ORDER BY p.updated_at DESC, p.id DESC"
        )

    def all_posts(self) -> list[Post]:
        """Every post: undated ones first, then in date and time order."""
        return self._posts("")

    def search(self, text: str, *, limit: int = 200) -> list[Post]:
        """Posts whose title, body or notes hold every word and piece of ``text``
        (:class:`.search.SearchQuery`), best first: those the index ranks, then the
        others in date order."""
        query = SearchQuery.of(text)
        match = self._match_query(query)
        ids = self._found(query, match)
        ranked: list[int] = []
        if ids and match is not None:
            with environment_errors(self.path):
                cursor = self._conn.execute(
                    "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rank", [match]
                )
                for (rowid,) in cursor:
                    if rowid in ids:
                        ranked.append(rowid)
                        if len(ranked) >= limit:
                            break
        rest = [i for i, _ in self.dated_in_order(ids.difference(ranked))]
        rest += sorted(ids.difference(ranked, rest))  # the undated (ideas) last
        chosen = ranked + rest[: limit - len(ranked)]
        by_id = {post.id: post for post in self.posts(chosen)}
        return [by_id[post_id] for post_id in chosen]

    def dated_in_order(
        self,
        post_ids: Collection[int],
        *,
        hidden_channels: Collection[int] = (),
        message_ids: Collection[int] = (),
        statuses: Collection[PostStatus] = (),
        campaign_ids: Collection[int] = (),
    ) -> list[tuple[int, date]]:
        """Of these posts, the dated ones the filters let through (none given: no
        filter; a post passes with any of ``message_ids``), as (id, day), in date and
        time order (an untimed post as at midnight): a search's results to step through,
        without reading each post whole (a search can find 100,000)."""
        where, params = self._dated_among(
            post_ids, hidden_channels, message_ids, statuses, campaign_ids
        )
        return [
            (post_id, date.fromisoformat(day))
            for post_id, day in self.read(
                "SELECT p.id, p.date FROM json_each(?) AS j JOIN posts p ON p.id = j.value"
                f" WHERE {where} ORDER BY p.date, coalesce(p.time, '00:00'), p.id",
                params,
            )
        ]

    def spread(self, post_ids: Collection[int]) -> tuple[date | None, int, int]:
        """Of these posts (those still here): the first day one is on, how many days
        they are on, and how many are in the backlog; read in one query, not post by
        post (an undo step of 20,000 posts says where they are now)."""
        import json

        first, days, undated = self.read(
            "SELECT min(p.date), count(DISTINCT p.date), count(*) - count(p.date)"
            " FROM json_each(?) AS j JOIN posts p ON p.id = j.value",
            [json.dumps(list(post_ids))],
        )[0]
        return (date.fromisoformat(first) if first else None), int(days), int(undated)

    def days_reached(
        self, post_ids: Collection[int], start: date, end: date
    ) -> tuple[date | None, date | None, bool]:
        """Of these posts: the first and the last day one is on (None: none is dated),
        and whether one is on a day from ``start`` to ``end``; one query (an import's
        100,000 posts were read whole to tell where they are)."""
        import json

        first, last, within = self.read(
            "SELECT min(p.date), max(p.date), count(CASE WHEN p.date BETWEEN ? AND ? THEN 1 END)"
            " FROM json_each(?) AS j JOIN posts p ON p.id = j.value",
            [start.isoformat(), end.isoformat(), json.dumps(list(post_ids))],
        )[0]
        if first is None:
            return None, None, False
        return date.fromisoformat(first), date.fromisoformat(last), within > 0

    def messages_and_days(
        self, post_ids: Collection[int]
    ) -> tuple[frozenset[int], frozenset[date]]:
        """The key messages these posts carry and the days they are on, read without
        reading the posts (what an import of 100,000 changed, said to the views)."""
        import json

        ids = [json.dumps(list(post_ids))]
        messages = self.read(
            "SELECT DISTINCT m.message_id FROM json_each(?) AS j"
            " JOIN post_messages m ON m.post_id = j.value",
            ids,
        )
        days = self.read(
            "SELECT DISTINCT p.date FROM json_each(?) AS j JOIN posts p ON p.id = j.value"
            " WHERE p.date IS NOT NULL",
            ids,
        )
        return (
            frozenset(row[0] for row in messages),
            frozenset(date.fromisoformat(row[0]) for row in days),
        )

    def shared_status(self, post_ids: Collection[int]) -> tuple[PostStatus | None, bool]:
        """The status every one of these posts has (those still here), or None when
        they differ or none is here, and whether one of them has a day: what a "Set
        status" menu marks as theirs now, and whether it offers Scheduled and
        Published (read in one query: the menu of 50,000 ideas asked twice)."""
        import json

        low, high, dated = self.read(
            "SELECT min(p.status), max(p.status), count(p.date)"
            " FROM json_each(?) AS j JOIN posts p ON p.id = j.value",
            [json.dumps(list(post_ids))],
        )[0]
        return (PostStatus(low) if low is not None and low == high else None), dated > 0

    def count_dated(
        self,
        post_ids: Collection[int],
        *,
        hidden_channels: Collection[int] = (),
        message_ids: Collection[int] = (),
        statuses: Collection[PostStatus] = (),
        campaign_ids: Collection[int] = (),
    ) -> int:
        """How many posts :meth:`dated_in_order` gives, counted without reading or
        ordering them (what the status bar says of a search, at each change of it)."""
        where, params = self._dated_among(
            post_ids, hidden_channels, message_ids, statuses, campaign_ids
        )
        return int(
            self.read(
                "SELECT count(*) FROM json_each(?) AS j JOIN posts p ON p.id = j.value"
                f" WHERE {where}",
                params,
            )[0][0]
        )

    @staticmethod
    def _dated_among(
        post_ids: Collection[int],
        hidden_channels: Collection[int],
        message_ids: Collection[int],
        statuses: Collection[PostStatus],
        campaign_ids: Collection[int],
    ) -> tuple[str, list[Any]]:
        """The WHERE clause, and its parameters after the ids', of the dated posts among
        ``post_ids`` that the filters let through."""
        import json  # not at start-up: the window paints before it is needed

        where = ["p.date IS NOT NULL"]
        params: list[Any] = [json.dumps(list(post_ids))]
        if hidden_channels:
            where.append(f"p.channel_id NOT IN ({','.join('?' * len(hidden_channels))})")
            params.extend(hidden_channels)
        _filters(
            where,
            params,
            None,
            message_ids or None,
            statuses or None,
            campaign_ids or None,
        )
        return " AND ".join(where), params

    @staticmethod
    def searches(text: str) -> bool:
        """Whether :meth:`search` looks for ``text`` at all (not for one sign of ASCII
        alone, as "#" is while a hashtag is typed)."""
        return bool(SearchQuery.of(text))

    def search_ids(self, text: str) -> frozenset[int]:
        """The ids of every post :meth:`search` finds, however many (unranked): what a
        search in the window narrows the views to."""
        query = SearchQuery.of(text)
        return self._found(query, self._match_query(query))

    def _found(self, query: SearchQuery, match: str | None) -> frozenset[int]:
        """Words are found in the search index, by their start; where it cannot tell,
        the text itself is read (:meth:`.search.SearchQuery.found_in`): words of
        scripts written without spaces or with vowel signs it cuts at (Chinese, Thai,
        Hindi, Arabic), and any word in an index made before schema 7 (it knows "ế"
        only as it is). Its own words that hold a word other than at their start, or
        with marks it does not fold, are looked for too ("iPhone" in "新しいiphoneを発表",
        "νεα" in "νέα", "lodz" in "łodz"). Pieces are then read in the posts found.
        Reading the text reads every post, so only such a search does it. ``match`` is
        :meth:`_match_query`'s."""
        if not query:
            return frozenset()
        if match is None:
            return self._ids_found(query)
        ids = {
            row[0]
            for row in self.read("SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?", [match])
        }
        if query.pieces and ids:
            return self._ids_found(query, among=ids)
        return frozenset(ids)

    def _ids_found(
        self, query: SearchQuery, among: Collection[int] | None = None
    ) -> frozenset[int]:
        """The posts (of ``among``, or all) whose text holds the query (read, not
        indexed). Plain ASCII pieces ("c++") are looked for by SQLite first, case aside."""
        self._ready_to_scan()
        where = [_FOUND]
        params: list[Any] = [query.text]
        for piece in query.pieces:
            if piece.isascii() and " " not in piece:  # as SQLite's lower() reads it
                where.insert(0, f"instr(lower({_TEXT}), ?)")
                params.insert(0, piece)
        if among is not None:
            import json  # not at start-up: the window paints before it is needed

            where.insert(0, "p.id IN (SELECT value FROM json_each(?))")
            params.insert(0, json.dumps(list(among)))
        sql = f"SELECT p.id FROM posts p WHERE {' AND '.join(where)}"
        return frozenset(row[0] for row in self.read(sql, params))

    def _match_query(self, query: SearchQuery) -> str | None:
        """The full-text query finding every word at the start of a word of the index,
        or a word of its holding it as :func:`.search.starts_a_word` reads it; None
        where the text itself must be read (see :meth:`_found`), or it has no words."""
        if not query.words or query.unspaced or not self._index_folds():
            return None
        groups = []
        for word, plain in zip(query.words, query.folded_words, strict=True):
            typed = word.casefold()
            more = [
                term
                for term, folded_term in self._vocabulary()
                if not term.startswith(typed) and starts_a_word(folded_term, plain)
            ]
            if len(more) > _MORE_WORDS:
                return None  # a query that long reads slower than the posts themselves
            # As typed, and folded where the index keeps a letter ("Łódź" finds "Lodz").
            typed_forms = dict.fromkeys((word, plain))
            either = [
                *(_phrase(form) + "*" for form in typed_forms),
                *(_phrase(term) for term in more),
            ]
            groups.append(either[0] if len(either) == 1 else f"({' OR '.join(either)})")
        return " AND ".join(groups)

    def _index_folds(self) -> bool:
        """Whether the file's search index folds every accent (schema 7 and later)."""
        if self._folds is None:
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            self._folds = version >= _FOLDING_INDEX
        return self._folds

    def _vocabulary(self) -> list[tuple[str, str]]:
        """The search index's words not of plain ASCII, each with its folded form: those
        a word may start inside of, or match only folded. Read again after a change of
        the index (here or in another program), which its structure record tells: not
        after a move or a status set (every first search after one read the whole index
        again, 0.6 s at 300,000 posts)."""
        rows = self.read("SELECT block FROM posts_fts_data WHERE id = 10")  # FTS5's structure
        stamp = bytes(rows[0][0]) if rows else b""
        if self._words is not None and self._words[0] == stamp:
            return self._words[1]
        self._ready_to_scan()
        # Made again if a transaction it was made in was rolled back (an import stopped).
        made = self.read("SELECT 1 FROM temp.sqlite_master WHERE name = 'cadence_words'")
        if not made:
            self._conn.execute(
                "CREATE VIRTUAL TABLE temp.cadence_words USING fts5vocab(main, posts_fts, row)"
            )
        words = [
            (term, folded(term))
            for (term,) in self.read(
                "SELECT term FROM temp.cadence_words WHERE term GLOB '*[^ -~]*'"
            )
        ]
        if not self._conn.in_transaction:
            # Not kept from inside a change that may be undone (an import stopped): the
            # next change may write the structure as it was then, and its words be missed.
            self._words = (stamp, words)
        return words

    def _ready_to_scan(self) -> None:
        if not self._can_scan:
            self._conn.create_function("cadence_found", 2, _found_in, deterministic=True)
            self._can_scan = True

    def post_to_repeat(self, message_id: int, day: date, as_of: date) -> Post | None:
        """The post to repeat to deliver a key message again on ``day``: the last one that
        delivered it before ``day`` (as of ``as_of``), else the first one after; None
        when no post delivers it. Of several on that day, the latest in the day."""
        for op, order in (("<", "DESC"), (">", "ASC")):
            found = self.read(
                f"SELECT day FROM post_messages WHERE message_id = ? AND {DELIVERY_WHERE}"
                f" AND day {op} ? ORDER BY day {order} LIMIT 1",
                [message_id, as_of.isoformat(), day.isoformat()],
            )
            if found:
                ids = self.read(
                    "SELECT post_id FROM post_messages"
                    f" WHERE message_id = ? AND {DELIVERY_WHERE} AND day = ?",
                    [message_id, as_of.isoformat(), found[0][0]],
                )
                return self.posts(row[0] for row in ids)[-1]
        return None

    def count_posts(self) -> int:
        return int(self.read("SELECT count(*) FROM posts")[0][0])

    def count_existing(self, post_ids: Collection[int]) -> int:
        """How many of these posts are in the calendar, counted without reading them."""
        import json  # not at start-up (see _ids_found)

        sql = "SELECT count(*) FROM posts WHERE id IN (SELECT value FROM json_each(?))"
        return int(self.read(sql, [json.dumps(sorted(set(post_ids)))])[0][0])

    def count_ideas(self) -> int:
        """How many posts :meth:`backlog` gives unfiltered, counted without reading them."""
        return int(self.read("SELECT count(*) FROM posts WHERE date IS NULL")[0][0])

    def posts_carrying(self, message_id: int) -> list[int]:
        """The ids of the posts carrying a key message, smallest first."""
        sql = "SELECT post_id FROM post_messages WHERE message_id = ? ORDER BY post_id"
        return [row[0] for row in self.read(sql, [message_id])]

    def posts_in_campaign(self, campaign_id: int) -> list[int]:
        """The ids of a campaign's posts, smallest first."""
        sql = "SELECT id FROM posts WHERE campaign_id = ? ORDER BY id"
        return [row[0] for row in self.read(sql, [campaign_id])]

    def first_unreadable(self) -> str | None:
        """Where the file holds a value that does not read as what belongs there ("holds
        unreadable bytes where a date belongs": a damaged file, a sector lost, a copy cut
        short), or None when every date, time, status, kind and list of key messages
        reads. Each distinct text is read once: a quarter of a second at 100,000 posts.
        Damage where the window does not look went unseen for weeks, each backup a copy
        of it, until the sound ones had aged out."""
        return first_unreadable_in(self.read)

    @_said_of_the_file
    def date_range(self) -> tuple[date, date] | None:
        """The first and last dated post's dates, or None in an empty calendar."""
        # Asked apart, each end is one step down the date index: asked together, SQLite
        # read the whole index (a quarter of a second at a million posts).
        row = self.read(
            "SELECT (SELECT min(date) FROM posts WHERE date IS NOT NULL),"
            " (SELECT max(date) FROM posts WHERE date IS NOT NULL)"
        )[0]
        if row[0] is None:
            return None
        return cast(date, _day(row[0])), cast(date, _day(row[1]))

    @_said_of_the_file
    def delivery_rows(
        self,
        as_of: date,
        message_ids: Iterable[int] | None = None,
        *,
        window: tuple[date, date] | None = None,
        by_channel: bool = True,
    ) -> list[tuple[int, int, date]]:
        """(message id, channel id, day) for the posts that deliver as of ``as_of``.

        The delivery rule is DESIGN.md's: scheduled and published posts deliver,
        drafts only on or after ``as_of``; several posts on a day collapse.
        ``message_ids`` limits the rows to those messages.

        With ``window`` (the analysis' first and last day), only what the
        analysis can see is read: every delivery inside the window (stretched
        to include ``as_of``) and, per message and channel, the nearest
        delivery before and after it. The cadence analysis of these rows is the
        same as of all rows, at a cost that does not grow with the calendar's age.
        Without ``by_channel``, the nearest delivery day on each side per message
        alone (its deliveries on every channel that day): the same statuses, gaps and
        dates, but no breakdown by channel, at a cost that does not grow with the
        channels either (300 key messages on 80 channels made 24,000 pairs to look up).
        """
        params: list[Any] = [as_of.isoformat()]
        where = DELIVERY_WHERE
        wanted: list[int] | None = None
        if message_ids is not None:
            wanted = sorted(set(message_ids))
            where += f" AND message_id IN ({','.join('?' * len(wanted))})"
            params.extend(wanted)
        if window is None:
            sql = f"SELECT DISTINCT message_id, channel_id, day FROM post_messages WHERE {where}"
            return self._delivery_tuples(self.read(sql, params))
        first, last = min(window[0], as_of), max(window[1], as_of)
        low, high = first.isoformat(), last.isoformat()
        rows = self._deliveries_in(first, last, as_of, wanted)
        message_filter = ""
        wanted_params: list[Any] = []
        if wanted is not None:
            message_filter = f" WHERE m.id IN ({','.join('?' * len(wanted))})"
            wanted_params = wanted
        if not by_channel:
            # The nearest delivery day on each side of the window, per message, then the
            # deliveries of that day: walks of the (message, day) index, no scan (the
            # CROSS JOIN keeps SQLite from scanning every delivery for the days).
            nearest = (
                "SELECT m.id, (SELECT day FROM post_messages d WHERE d.message_id = m.id"
                " AND day {op} ? AND " + DELIVERY_WHERE + " ORDER BY day {order} LIMIT 1)"
                f" FROM key_messages m{message_filter}"
            )
            rows.extend(
                self.read(
                    f"WITH edges(edge_message, edge_day) AS ({nearest.format(op='<', order='DESC')}"
                    f" UNION {nearest.format(op='>', order='ASC')})"
                    " SELECT DISTINCT message_id, channel_id, day FROM edges CROSS JOIN"
                    " post_messages ON message_id = edge_message AND day = edge_day"
                    f" WHERE {DELIVERY_WHERE}",
                    [
                        *(low, as_of.isoformat(), *wanted_params),
                        *(high, as_of.isoformat(), *wanted_params),
                        as_of.isoformat(),
                    ],
                )
            )
            return self._delivery_tuples(rows)
        # The nearest delivery on each side of the window, per message and channel,
        # found by walking the (message, channel, day) index: one statement, no scan.
        edge = (
            "(SELECT day FROM post_messages d WHERE d.message_id = m.id AND d.channel_id = c.id"
            " AND day {op} ? AND " + DELIVERY_WHERE + " ORDER BY day {order} LIMIT 1)"
        )
        pair_params: list[Any] = [low, as_of.isoformat(), high, as_of.isoformat(), *wanted_params]
        pairs = self.read(
            f"SELECT m.id, c.id, {edge.format(op='<', order='DESC')},"
            f" {edge.format(op='>', order='ASC')}"
            f" FROM key_messages m CROSS JOIN channels c{message_filter}",
            pair_params,
        )
        for message, channel, previous, following in pairs:
            if previous is not None:
                rows.append((message, channel, previous))
            if following is not None:
                rows.append((message, channel, following))
        return self._delivery_tuples(rows)

    @_said_of_the_file
    def deliveries_between(
        self, first: date, last: date, as_of: date, message_ids: Iterable[int]
    ) -> list[tuple[int, int, date]]:
        """(message id, channel id, day) of the posts from ``first`` to ``last`` that
        deliver ``message_ids`` as of ``as_of`` (:data:`DELIVERY_WHERE`), read from the
        index alone: a year of a crowded calendar read as whole posts took 55 ms."""
        wanted = sorted(set(message_ids))
        return self._delivery_tuples(self._deliveries_in(first, last, as_of, wanted))

    def _deliveries_in(
        self, first: date, last: date, as_of: date, wanted: list[int] | None
    ) -> list[Any]:
        """The rows (message id, channel id, day) delivering from ``first`` to ``last``
        as of ``as_of``, of the messages ``wanted`` (all with None)."""
        if wanted is not None and not wanted:
            return []
        chosen = "" if wanted is None else f" AND message_id IN ({','.join('?' * len(wanted))})"
        return self.read(
            "SELECT DISTINCT message_id, channel_id, day FROM post_messages"
            f" WHERE {DELIVERY_WHERE}{chosen} AND day BETWEEN ? AND ?",
            [as_of.isoformat(), *(wanted or ()), first.isoformat(), last.isoformat()],
        )

    @staticmethod
    def _delivery_tuples(rows: Iterable[Sequence[Any]]) -> list[tuple[int, int, date]]:
        day = _day
        return [(m, c, cast(date, day(d))) for m, c, d in rows]

    # -- writing posts ------------------------------------------------------

    def _check_post(
        self,
        post: NewPost,
        refs: tuple[set[int], set[int], set[int]] | None = None,
        *,
        kept_title: str | None = None,
    ) -> None:
        """Check a post's fields and references; ``refs`` (from :meth:`_load_bulk_refs`)
        saves re-reading the channel, message and campaign ids for every post of a batch."""
        if shows_nothing(post.title) and post.title != kept_title:
            # (a title kept as it was: an earlier release let invisible ones in)
            raise InvalidInput("A post needs a title.")
        if post.time is not None and post.date is None:
            raise InvalidInput("A post without a date cannot have a time.")
        if post.date is not None:
            check_day(post.date)
        channels, known, campaigns = refs or self._load_bulk_refs()
        if post.channel_id not in channels:
            raise NotFound(f"There is no channel number {post.channel_id}.")
        if post.campaign_id is not None and post.campaign_id not in campaigns:
            raise NotFound(f"There is no campaign number {post.campaign_id}.")
        for message_id in post.message_ids:
            if message_id not in known:
                raise NotFound(f"There is no key message number {message_id}.")

    def _insert_posts(
        self,
        posts: Sequence[NewPost],
        *,
        series_id: int | None = None,
        occurrences: Sequence[date | None] | None = None,
        uids: Sequence[str] | None = None,
        sources: Sequence[tuple[str | None, str | None]] | None = None,
        edited: Sequence[tuple[datetime, int] | None] | None = None,
        earlier: Sequence[History | None] | None = None,
    ) -> list[int]:
        """Insert without checks or transaction; the caller holds both."""
        if uids:
            self._forget_deleted(uids)
        stamp = _now()
        versions = [
            _taken_edit(pair) if edited and (pair := edited[index]) else (stamp, 1)
            for index in range(len(posts))
        ]
        rows = [
            (
                uids[index] if uids else new_uid(),
                *_post_fields(post),
                series_id,
                _iso(occurrences[index]) if occurrences else None,
                stamp,
                *versions[index],
                *(sources[index] if sources else (None, None)),
            )
            for index, post in enumerate(posts)
        ]
        ids = _insert_posts_rows(
            self._conn,
            "INSERT INTO posts (uid, title, body, channel_id, campaign_id, status, date,"
            " time, link, notes, series_id, occurrence, created_at, updated_at, revision,"
            " source_uid, recurrence_id)",
            rows,
        )
        links = [
            link for post_id, post in zip(ids, posts, strict=True) for link in _links(post_id, post)
        ]
        _insert_rows(self._conn, _INSERT_LINK_COLUMNS, links)
        if earlier is not None and edited:
            self._link_versions(
                link
                for post_id, version, pair, history in zip(
                    ids, versions, edited, earlier, strict=True
                )
                if pair is not None
                for link in _history_links(post_id, version_key(*version), history)
            )
        return ids

    def add_post(self, post: NewPost) -> ChangeSet:
        return self.add_posts([post])

    def add_posts(
        self,
        posts: Iterable[NewPost],
        *,
        uids: Sequence[str] | None = None,
        sources: Sequence[tuple[str | None, str | None]] | None = None,
        edited: Sequence[tuple[datetime, int] | None] | None = None,
        earlier: Sequence[History | None] | None = None,
    ) -> ChangeSet:
        """Add many posts in one transaction (imports, copies, the demo).

        ``uids`` gives the new posts known uids (an import or a merge keeps the
        source's); by default each gets a fresh random one. ``sources`` gives
        each post the (source UID, RECURRENCE-ID) of the imported event
        occurrence it comes from, so that a re-import finds it again.
        ``edited`` gives a post brought from another calendar the (last edit,
        revision) it has there, so that the next import of a later version of
        it does not take the first import for an edit made here, and ``earlier``
        what is known of the versions that one came from there (None: nothing).
        """
        batch = list(posts)
        if uids is not None and len(uids) != len(batch):
            raise ValueError("one uid per post")
        if sources is not None and len(sources) != len(batch):
            raise ValueError("one source per post")
        if edited is not None and len(edited) != len(batch):
            raise ValueError("one edit per post")
        if earlier is not None and (edited is None or len(earlier) != len(batch)):
            raise ValueError("one list of earlier versions per post taken from elsewhere")
        refs = self._load_bulk_refs()
        for post in batch:
            self._check_post(post, refs)
        with environment_errors(self.path), self.db.atomic():
            ids = self._insert_posts(
                batch, uids=uids, sources=sources, edited=edited, earlier=earlier
            )
        return _post_changes(batch, ids, created=True)

    def _load_bulk_refs(self) -> tuple[set[int], set[int], set[int]]:
        channels = {r[0] for r in self.read("SELECT id FROM channels")}
        messages = {r[0] for r in self.read("SELECT id FROM key_messages")}
        campaigns = {r[0] for r in self.read("SELECT id FROM campaigns")}
        return channels, messages, campaigns

    def insert_many(
        self,
        posts: Iterable[NewPost],
        *,
        batch_size: int = 5000,
        uids: Iterable[str] | None = None,
    ) -> int:
        """Insert a large stream of posts quickly (generators, imports); returns the count.

        Checks every reference like :meth:`add_posts` does, against sets read
        once, and commits in one transaction. Returns no change set: callers
        reload what they show. ``uids`` gives the posts known uids, one per post
        in order (an import keeps the file's); by default each gets a fresh one.
        """
        given_uids = iter(uids) if uids is not None else None
        refs = self._load_bulk_refs()
        count = 0
        stamp = _now()
        post_rows: list[tuple[Any, ...]] = []
        link_rows: list[tuple[int, int]] = []  # (index in post_rows, message id)
        with environment_errors(self.path), self.db.atomic():
            conn = self._conn

            def flush() -> None:
                if not post_rows:
                    return
                if given_uids is not None:  # an import may bring back a post deleted here
                    self._forget_deleted([row[0] for row in post_rows])
                ids = _insert_posts_rows(
                    conn,
                    "INSERT INTO posts (uid, title, body, channel_id, campaign_id, status, date,"
                    " time, link, notes, created_at, updated_at)",
                    post_rows,
                )
                _insert_rows(
                    conn,
                    _INSERT_LINK_COLUMNS,
                    [
                        (ids[i], message_id, post_rows[i][6], post_rows[i][3], post_rows[i][5])
                        for i, message_id in link_rows
                    ],
                )
                post_rows.clear()
                link_rows.clear()

            for post in posts:
                self._check_post(post, refs)
                uid = next(given_uids) if given_uids is not None else new_uid()
                index = len(post_rows)
                post_rows.append((uid, *_post_fields(post), stamp, stamp))
                link_rows.extend((index, message_id) for message_id in set(post.message_ids))
                count += 1
                if len(post_rows) >= batch_size:
                    flush()
            flush()
        return count

    def update_post(self, post_id: int, changes: PostChanges) -> ChangeSet:
        """Change some fields of one post; bumps its revision and updated stamp."""
        return self.update_posts({post_id: changes})

    def update_posts(self, changes: Mapping[int, PostChanges]) -> ChangeSet:
        """Apply edits to several posts in one transaction (bulk status change, moves)."""
        return self._update_posts(changes, {p.id: p for p in self.posts(changes)})

    def _update_posts(
        self, changes: Mapping[int, PostChanges], before: Mapping[int, Post]
    ) -> ChangeSet:
        """:meth:`update_posts` of posts already read (``before``, by id)."""
        for post_id in changes:
            if post_id not in before:
                raise NotFound(f"There is no post number {post_id}.")
        refs = self._load_bulk_refs()
        after: list[Post] = []
        for post_id, edit in changes.items():
            old = before[post_id]
            merged = NewPost(
                title=edit.get("title", old.title),
                channel_id=edit.get("channel_id", old.channel_id),
                message_ids=tuple(edit.get("message_ids", old.message_ids)),
                date=edit.get("date", old.date),
                time=edit.get("time", old.time),
                status=PostStatus.parse(str(edit.get("status", old.status))),
                body=edit.get("body", old.body),
                campaign_id=edit.get("campaign_id", old.campaign_id),
                link=edit.get("link", old.link),
                notes=edit.get("notes", old.notes),
            )
            if merged.date is None and "date" in edit and "time" not in edit:
                merged = dataclasses.replace(merged, time=None)
            self._check_post(merged, refs, kept_title=old.title)
            after.append(_as_post(old, merged))
        stamp = _now()
        with environment_errors(self.path), self.db.atomic():
            for post in after:
                self._write_post(
                    post, before[post.id], updated_at=stamp, revision=post.revision + 1
                )
            links: list[tuple[int, VersionKey, VersionKey]] = []
            for post in after:
                new = version_key(stamp, post.revision + 1)
                links.append((post.id, new, key_of(post)))
                # What it showed before: the same coming back is its past.
                links.append((post.id, new, (0, shown_note_of(before[post.id]))))
                links.append((post.id, new, (0, whole_note(before[post.id]))))
            self._link_versions(links)
        return _diff_changes(list(before.values()), after)

    def _write_post(self, post: Post, before: Post, *, updated_at: str, revision: int) -> None:
        """Write ``post`` over ``before``, the same post as stored: only the columns that
        differ, so that a move does not re-index the text for search, and its key
        messages only when they changed (the delivery copies follow by trigger)."""
        new = _post_columns(post)
        old = _post_columns(before)
        changed = {column: value for column, value in new.items() if old[column] != value}
        changed |= {"updated_at": updated_at, "revision": revision}
        assignments = ", ".join(f"{column} = ?" for column in changed)
        self._conn.execute(
            f"UPDATE posts SET {assignments} WHERE id = ?", (*changed.values(), post.id)
        )
        if set(post.message_ids) != set(before.message_ids):
            self._conn.execute("DELETE FROM post_messages WHERE post_id = ?", (post.id,))
            self._conn.executemany(_INSERT_LINK, _links(post.id, post))

    def move_posts(
        self, moves: Mapping[int, tuple[date | None, time | None]], today: date | None = None
    ) -> ChangeSet:
        """Give posts new dates and times (``None`` date: back to the backlog). An idea
        moved out of the backlog onto a day becomes a draft, a published post moved
        after ``today`` (if given) scheduled (``Post.status_placed_on``)."""
        current = {p.id: p for p in self.posts(moves)}
        edits: dict[int, PostChanges] = {}
        for post_id, (day, at) in moves.items():
            edits[post_id] = {"date": day, "time": at}
            post = current.get(post_id)  # _update_posts says which ones are missing
            if post is not None and post.status_placed_on(day, today) != post.status:
                edits[post_id]["status"] = post.status_placed_on(day, today)
        return self._update_posts(edits, current)  # read once

    def copy_posts(
        self,
        copies: Sequence[tuple[int, date | None, time | None]],
        *,
        without_campaign: Collection[int] = (),
    ) -> ChangeSet:
        """Copy each post (new uid, not part of any series) to a date and time; a copy of
        a backlog idea placed on a day is a draft. The copies of the posts
        ``without_campaign`` names are in none (theirs is over by then)."""
        originals = {p.id: p for p in self.posts(post_id for post_id, _, _ in copies)}
        fresh = []
        for post_id, day, at in copies:
            if post_id not in originals:
                raise NotFound(f"There is no post number {post_id}.")
            copy = originals[post_id].copy_to(day, at)
            if post_id in without_campaign:
                copy = dataclasses.replace(copy, campaign_id=None)
            fresh.append(copy)
        return self.add_posts(fresh)

    def delete_posts(self, post_ids: Iterable[int], *, remembered: bool = True) -> ChangeSet:
        """Delete posts, remembering each as it was (:meth:`deleted`): an older file
        imported later does not bring it back. Not ``remembered``: the undo of their
        making (an import, a paste), after which the same file may come in again; the
        versions kept of them go too (:meth:`unmake_posts` keeps them for a redo)."""
        return self._delete(self.posts(post_ids), remembered=remembered)

    def unmake_posts(self, post_ids: Iterable[int]) -> tuple[ChangeSet, list[tuple[Any, ...]]]:
        """The undo of the posts' making (an import, a paste, a repeat): they go, not
        remembered as deleted (the same file may come in again), with the versions kept
        of them, which are returned for :meth:`restore_posts` to put back (a redo)."""
        ids = list(post_ids)
        versions = self.versions_of(ids)
        return self.delete_posts(ids, remembered=False), versions

    def restore_versions(self, versions: Sequence[tuple[Any, ...]]) -> None:
        """Put back rows :meth:`versions_of` read."""
        with environment_errors(self.path), self.db.atomic():
            self._conn.executemany(
                "INSERT OR IGNORE INTO post_versions"
                " (post_id, revision, edited, earlier_revision, earlier_edited)"
                " VALUES (?, ?, ?, ?, ?)",
                versions,
            )

    def versions_of(self, post_ids: Iterable[int]) -> list[tuple[Any, ...]]:
        """The rows of the versions this calendar keeps of these posts, for
        :meth:`restore_posts` to put back with them (a redo)."""
        import json  # not at start-up (see _ids_found)

        return self.read(
            "SELECT post_id, revision, edited, earlier_revision, earlier_edited"
            " FROM post_versions WHERE post_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(set(post_ids)))],
        )

    def _delete(self, posts: Sequence[Post], *, remembered: bool = True) -> ChangeSet:
        """:meth:`delete_posts` of posts already read."""
        import json  # not at start-up (see _ids_found)

        with environment_errors(self.path), self.db.atomic():
            # One statement, not one a post: a quarter of the time for thousands.
            self._conn.execute(
                "DELETE FROM posts WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps([p.id for p in posts])],
            )
            if remembered:
                # Each post's notes once (they were each spelled twice: a third of the time).
                spelled: dict[tuple[datetime, int], VersionKey] = {}
                kept = []
                for p in posts:
                    key = spelled.get((p.updated_at, p.revision))
                    if key is None:  # posts made together share a stamp: spell it once
                        key = spelled[p.updated_at, p.revision] = key_of(p)
                    kept.append((p, key, shown_note_of(p), shown_sum(p)))
                self.remember_deleted(
                    [Deleted(p.uid, p.id, p.updated_at, p.revision, s) for p, *_, s in kept]
                )
                self._link_versions(
                    (p.id, key, (0, note))
                    for p, key, shown, summed in kept
                    for note in (gone_note(shown), _whole(shown, summed))
                )
            else:  # made, then unmade: nothing can bring them back once the steps go
                self._conn.execute(
                    "DELETE FROM post_versions WHERE post_id IN (SELECT value FROM json_each(?))",
                    [json.dumps([p.id for p in posts])],
                )
        return _post_changes(posts, [p.id for p in posts], removed=True)

    def deleted(self, uids: Iterable[str]) -> dict[str, Deleted]:
        """The posts with these uids deleted here (and not put back since), by uid."""
        wanted = sorted(set(uids))
        found: dict[str, Deleted] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(self._deleted_rows(f"WHERE uid IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def all_deleted(self) -> dict[str, Deleted]:
        """Every post deleted here (and not put back since), by uid: a colleague's
        deletions for a merge to follow."""
        return self._deleted_rows("", [])

    def _deleted_rows(self, where: str, args: Sequence[str]) -> dict[str, Deleted]:
        try:
            rows = self.read(
                f"SELECT uid, post_id, revision, updated_at, shown FROM deleted_posts {where}",
                list(args),
            )
        except sqlite3.OperationalError:  # no such table: an older calendar, read as it is
            return {}
        return {
            uid: Deleted(uid, post_id, datetime.fromisoformat(updated_at), revision, shown)
            for uid, post_id, revision, updated_at, shown in rows
        }

    def deleted_showing(self, posts: Iterable[NewPost]) -> set[str]:
        """The sums (:func:`shown_sum`) of these posts that show in full a post deleted
        here (and not back since) as it was deleted, or before an edit here."""
        sums = {shown_sum(post) for post in posts}
        if not sums:
            return set()
        try:
            # The deleted posts are few: read all they showed once, through their ids.
            shown = {row[0] for row in self.read("SELECT shown FROM deleted_posts")}
            shown.update(note.rsplit(" ", 1)[-1] for note in self._notes_of_deleted("whole %"))
        except sqlite3.OperationalError:  # no such table: an older calendar, read as it is
            return set()
        return sums & shown

    def _notes_of_deleted(self, like: str) -> list[str]:
        """The notes (:meth:`add_notes`) kept with the posts deleted here (and not back
        since) that are ``like`` this (an SQL pattern)."""
        rows = self.read(
            "SELECT DISTINCT v.earlier_edited FROM deleted_posts d JOIN post_versions v"
            " ON v.post_id = d.post_id"
            " WHERE v.earlier_revision = 0 AND v.earlier_edited LIKE ?",
            [like],
        )
        return [note for (note,) in rows]

    def deleted_noted(self, notes: Iterable[str]) -> set[str]:
        """Those of these notes (:meth:`add_notes`) attached to a post deleted here (and
        not back since): a row of a file without uids that says what it said when the
        post came in."""
        wanted = set(notes)
        if not wanted:
            return set()
        try:
            return wanted.intersection(self._notes_of_deleted("said:%"))
        except sqlite3.OperationalError:  # no such table: an older calendar, read as it is
            return set()

    def posts_noted(self, notes: Iterable[str]) -> dict[str, list[int]]:
        """The posts (ids, oldest first) each of these notes (:meth:`add_notes`) was
        attached to, by note: what a row of a file without uids came in as, wherever
        the post has gone since. One pass over the notes kept (they have no index by
        text), whatever the number asked for."""
        wanted = set(notes)
        found: dict[str, list[int]] = {}
        if not wanted:
            return found
        prefixes = {note.split(":", 1)[0] + ":" for note in wanted}
        try:
            for prefix in sorted(prefixes):
                rows = self.read(
                    "SELECT DISTINCT v.earlier_edited, v.post_id FROM post_versions v"
                    " JOIN posts p ON p.id = v.post_id"
                    " WHERE v.earlier_revision = 0 AND substr(v.earlier_edited, 1, ?) = ?"
                    " ORDER BY v.post_id",
                    [len(prefix), prefix],
                )
                for note, post_id in rows:
                    if note in wanted:
                        found.setdefault(note, []).append(post_id)
        except sqlite3.OperationalError:  # no such table: an older calendar, read as it is
            return {}
        return found

    def remember_deleted(self, posts: Sequence[Deleted]) -> None:
        """Remember these posts as deleted again (the undo of an import that brought
        them back)."""
        with environment_errors(self.path), self.db.atomic():
            self._conn.executemany(
                "INSERT OR REPLACE INTO deleted_posts"
                " (uid, post_id, revision, updated_at, shown, deleted_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (p.uid, p.id, p.revision, p.updated_at.isoformat(), p.shown, _now())
                    for p in posts
                ],
            )

    def _forget_deleted(self, uids: Sequence[str]) -> None:
        """Posts with these uids are here again (an undo, an import that brings them)."""
        if not uids or self._conn.execute("SELECT 1 FROM deleted_posts LIMIT 1").fetchone() is None:
            return
        self._conn.executemany("DELETE FROM deleted_posts WHERE uid = ?", [(u,) for u in uids])

    def restore_posts(
        self,
        posts: Sequence[Post],
        versions: Sequence[tuple[Any, ...]] = (),
        *,
        anew: bool = False,
    ) -> ChangeSet:
        """Put posts back as they were (same id, uid, revision): the undo of an edit or a
        delete. Posts that exist are overwritten; missing ones are re-created, with the
        rows of ``versions`` (:meth:`versions_of`, read before their making was undone).

        With ``anew``, a missing one comes back as a new version that comes from the one
        deleted (as this calendar recorded its deletion: a redo may have deleted a later
        version than the snapshot), as an edit of it would: the undo of a deletion of
        one's own is a change another calendar takes. Put back as the very version a
        colleague's merge had followed the deletion of, it was deleted again by the next
        merge, and never came back there (an import's undo stays as it was: the same
        file may come in again).
        One that exists is put back as it was: a slip undone at once is no edit, and a
        colleague's edit of the post meanwhile comes in as it would have."""
        current = {p.id: p for p in self.posts(p.id for p in posts)}
        links: list[tuple[int, VersionKey, VersionKey]] = []
        if anew:
            moment = datetime.fromisoformat(_now())
            gone = self.deleted(p.uid for p in posts if p.id not in current)
            renewed: list[Post] = []
            for post in posts:
                if post.id not in current:
                    last: Post | Deleted = gone.get(post.uid, post)
                    revision = max(post.revision, last.revision) + 1
                    fresh = dataclasses.replace(post, updated_at=moment, revision=revision)
                    links.append((post.id, key_of(fresh), key_of(last)))
                    post = fresh
                renewed.append(post)
            posts = renewed
        missing = [post for post in posts if post.id not in current]
        with environment_errors(self.path), self.db.atomic():
            self._forget_deleted([p.uid for p in missing])
            self.restore_versions(versions)
            for post in posts:
                if post.id in current:
                    self._write_post(
                        post,
                        current[post.id],
                        updated_at=post.updated_at.isoformat(),
                        revision=post.revision,
                    )
                    self._conn.execute(
                        "UPDATE posts SET series_id = ?, occurrence = ? WHERE id = ?",
                        (post.series_id, _iso(post.occurrence), post.id),
                    )
            # The undo of a delete: many rows a statement (one a post took seconds for
            # thousands).
            _insert_rows(
                self._conn,
                "INSERT INTO posts (id, uid, title, body, channel_id, campaign_id, status,"
                " date, time, link, notes, series_id, occurrence, created_at, updated_at,"
                " revision, source_uid, recurrence_id)",
                [
                    (
                        post.id,
                        post.uid,
                        post.title,
                        post.body,
                        post.channel_id,
                        post.campaign_id,
                        post.status.value,
                        _iso(post.date),
                        format_time(post.time),
                        post.link,
                        post.notes,
                        post.series_id,
                        _iso(post.occurrence),
                        post.created_at.isoformat(),
                        post.updated_at.isoformat(),
                        post.revision,
                        post.source_uid,
                        post.recurrence_id,
                    )
                    for post in missing
                ],
            )
            _insert_rows(
                self._conn,
                _INSERT_LINK_COLUMNS,
                [link for post in missing for link in _links(post.id, post)],
            )
            self._link_versions(links)
        return _diff_changes(list(current.values()), list(posts))

    # -- recurring posts ----------------------------------------------------

    @_said_of_the_file
    def series(self, series_id: int) -> Series:
        rows = self.read(
            "SELECT id, rrule, anchor, anchor_time, exdates FROM series WHERE id = ?", [series_id]
        )
        if not rows:
            raise NotFound(f"There is no recurring series number {series_id}.")
        r = rows[0]
        return Series(r[0], r[1], cast(date, _day(r[2])), _time(r[3]), _exdates(r[4]))

    def series_rows(self, series_ids: Iterable[int]) -> list[Series]:
        """The series of these numbers that exist, in the order given."""
        found = []
        for series_id in series_ids:
            try:
                found.append(self.series(series_id))
            except NotFound:
                continue
        return found

    def series_alike(self, rrule: str, anchor: date, anchor_time: time | None) -> list[int]:
        """The series here with this rule, first day and time (one made by an earlier
        file of the same series, a part of it exported over other dates)."""
        return [
            row[0]
            for row in self.read(
                "SELECT id FROM series WHERE rrule = ? AND anchor = ?"
                " AND coalesce(anchor_time, '') = ?",
                [rrule, anchor.isoformat(), format_time(anchor_time) if anchor_time else ""],
            )
        ]

    def series_posts(self, series_id: int) -> list[Post]:
        return self._posts("WHERE p.series_id = ?", [series_id], "ORDER BY p.occurrence, p.id")

    def add_series(self, template: NewPost, rule: str, *, today: date | None = None) -> ChangeSet:
        """Create a recurring post: ``template`` dated on the first occurrence, ``rule`` an
        RRULE value (``FREQ=WEEKLY;BYDAY=MO``). Every occurrence becomes a real post; a rule
        without COUNT or UNTIL is materialised for one year. Of a published ``template``,
        the occurrences after today are drafts, as :meth:`repeat_post` makes them (they
        have not gone out); those up to ``today`` (the calendar's) are published, as the
        user says they were (a weekly tip logged as published since October was a draft
        but for its first post, and so delivered nothing). A rule that ends after one
        day makes a plain post, no series."""
        if template.date is None:
            raise InvalidInput("A recurring post needs a first date.")
        self._check_post(template)
        rule = recurrence.normalise(rule, at=template.time, zone=self.zone)
        days = recurrence.occurrences(rule, template.date)
        if not days:
            raise InvalidInput(
                f"The repeat rule {shortened(rule)} gives no date from"
                f" {template.date.isoformat()} on."
            )
        if len(days) == 1 and recurrence.has_end(rule):  # a series of one: a plain post,
            # as the editor saves it (the window asked "which occurrences?" of a post that
            # had no other); one without end makes more as the year goes on
            return self.add_post(dataclasses.replace(template, date=days[0]))
        rule = recurrence.as_made(rule, days)
        today = today or self.today()
        posts = [
            dataclasses.replace(
                template,
                date=d,
                status=(
                    PostStatus.DRAFT
                    if template.status == PostStatus.PUBLISHED and i > 0 and d > today
                    else template.status
                ),
            )
            for i, d in enumerate(days)
        ]
        with environment_errors(self.path), self.db.atomic():
            series_id = self._insert_series(rule, template.date, template.time)
            ids = self._insert_posts(posts, series_id=series_id, occurrences=days)
        return _post_changes(posts, ids, created=True) | ChangeSet(series=frozenset({series_id}))

    def repeat_post(self, post_id: int, rule: str, *, edit: PostChanges | None = None) -> ChangeSet:
        """Make a dated post the first occurrence of a new recurring series.

        ``edit`` is applied to the post first, in the same transaction (the
        editor saves both at once). ``rule`` (an RRULE value) must give the
        post's own date first; every later date gets a copy of the post with a
        new uid. The copies keep its status, except that a published post's
        copies are drafts: they have not gone out, and a draft counts as a
        delivery only from today on, so copies dated in the past do not pass
        for deliveries. ``created`` lists the copies; ``series`` holds the new
        series' id.
        """
        recurrence.normalise(rule)  # a bad rule is said before anything changes
        with environment_errors(self.path), self.db.atomic():
            changes = self.update_posts({post_id: edit}) if edit else ChangeSet()
            post = self.post(post_id)
            rule = recurrence.normalise(rule, at=post.time, zone=self.zone)
            if post.series_id is not None:
                raise InvalidInput(f"'{post.title}' already repeats.")
            if post.date is None:
                raise InvalidInput("A post in the backlog needs a date before it can repeat.")
            days = recurrence.occurrences(rule, post.date)
            if not days or days[0] != post.date:
                raise InvalidInput(
                    f"The repeat must include the post's own day, {spelled_day(post.date)}."
                )
            if len(days) == 1 and recurrence.has_end(rule):
                return changes  # one day: the post as it is, no series (see add_series)
            status = PostStatus.DRAFT if post.status == PostStatus.PUBLISHED else post.status
            template = dataclasses.replace(post.as_new(), status=status)
            copies = [dataclasses.replace(template, date=d) for d in days[1:]]
            series_id = self._insert_series(recurrence.as_made(rule, days), post.date, post.time)
            self._conn.execute(
                "UPDATE posts SET series_id = ?, occurrence = ? WHERE id = ?",
                (series_id, post.date.isoformat(), post.id),
            )
            ids = self._insert_posts(copies, series_id=series_id, occurrences=days[1:])
        return (
            changes
            | _post_changes([post], [post.id])
            | _post_changes(copies, ids, created=True)
            | ChangeSet(series=frozenset({series_id}))
        )

    def repeat_plan(self, post_id: int, rule: str) -> RepeatPlan:
        """What giving the occurrence ``post_id`` and the ones after it the repeat ``rule``
        would do; nothing is written.

        The rule starts on the post's day in its series (where it was planned, also when
        it was moved on its own since), which the rule must give. The occurrences the
        new rule still makes stay as they are (moved, edited, in the backlog); each new
        day gets a copy of the post; a day deleted on its own stays deleted. An
        occurrence the rule no longer makes is deleted, unless it is published, in the
        backlog, or moved on its own to a day up to the rule's last: then it stays, as a
        post of its own.
        """
        return self._repeat_plan(self.post(post_id), rule)

    def _repeat_plan(self, post: Post, rule: str) -> RepeatPlan:
        """:meth:`repeat_plan` for a post read already."""
        if post.series_id is None:
            raise InvalidInput(f"'{post.title}' does not repeat.")
        if post.date is None:
            raise InvalidInput("A post in the backlog needs a date before it can repeat.")
        own = _occ(post)
        rule = recurrence.normalise(rule, at=post.time, zone=self.zone)
        days = recurrence.occurrences(rule, own)
        if not days or days[0] != own:
            raise InvalidInput(
                f"The repeat must include the post's own day, {spelled_day(own)}."
                if own == post.date
                else f"The repeat must include {spelled_day(own)}, the post's day in its"
                f" series (it was moved to {spelled_day(post.date)} on its own)."
            )
        series = self.series(post.series_id)
        later = [m for m in self.series_posts(series.id) if _occ(m) > own]
        made = set(days)
        # Each post the rule still makes keeps its day in the series (also when it was
        # moved on its own since: it stays where it was moved). A post whose day the rule
        # no longer makes, moved on its own to a day it makes that has no post, is that
        # day's post; the others go.
        taken: dict[date, Post] = {_occ(m): m for m in [post, *later] if _occ(m) in made}
        placed = {m.id for m in taken.values()}
        for m in later:
            if m.id not in placed and m.date in made and m.date not in taken:
                taken[m.date] = m
                placed.add(m.id)
        gone = [m for m in later if m.id not in placed]
        # Days that get no copy: deleted on their own before; where a post of the series
        # sits, moved on its own; where a post like this one is already, or was planned
        # (an earlier part of the series, made longer, reaching a later one, retitled
        # or moved since): :func:`_alike`.
        empty = {d for d in series.exdates if d in made}
        alike: set[date] = set()
        for other in self.posts_between(days[0], days[-1]) if len(days) > 1 else []:
            if other.id in placed or _alike(other, post):
                empty.add(cast(date, other.date))
                if other.series_id != series.id and other.id not in placed:
                    alike.add(cast(date, other.date))
                if other.occurrence is not None and other.id not in placed:
                    empty.add(other.occurrence)
        empty -= set(taken)
        return RepeatPlan(
            rule=recurrence.as_made(rule, days),
            days=tuple(days),
            new_days=tuple(d for d in days if d not in taken and d not in empty),
            exdates=tuple(sorted(empty & made)),
            relinked=tuple((m.id, d) for d, m in taken.items() if d != _occ(m)),
            removed=tuple(m for m in gone if not _stays_alone(m, days[-1])),
            alike=tuple(sorted(alike & empty & made)),
            detached=tuple(m for m in gone if _stays_alone(m, days[-1])),
        )

    def change_repeat(
        self,
        post_id: int,
        rule: str,
        *,
        edit: PostChanges | None = None,
        scope: Scope = "this",
    ) -> ChangeSet:
        """Give an occurrence and the ones after it a new repeat rule, as
        :meth:`repeat_plan` says (the editor's "Change…" on a recurring post); the
        earlier ones keep the old rule, in a series of their own.

        ``edit`` is applied first to this post, in the same transaction, and but for its
        date to the following posts the new rule keeps too (``scope`` "following") or to
        every post of the series before the change (``all``), as an edit of an
        occurrence is; the copies are made of the post as edited then, of the post as it
        was for ``this`` one alone (a published post's copies are drafts, as in
        :meth:`repeat_post`). ``created`` lists the copies.
        """
        recurrence.normalise(rule)  # a bad rule is said before anything changes
        with environment_errors(self.path), self.db.atomic():
            original = self.post(post_id)
            changes = ChangeSet()
            if scope != "this" and any(k != "date" for k in edit or {}) and original.series_id:
                # Those sent to the backlog leave the series first, as an edit of "all"
                # leaves them (here they were retitled with it, and kept in it).
                changes |= self._leave_gone_out(original, scope, published=False)
            changes |= self.update_post(post_id, edit) if edit else ChangeSet()
            post = self.post(post_id)  # as edited
            plan = self._repeat_plan(post, rule)
            assert post.series_id is not None
            own = _occ(post)
            series_id = self._split_series(post) if self._has_earlier(post) else post.series_id
            self._write_series(Series(series_id, plan.rule, own, post.time, plan.exdates))
            self._link_series(series_id, dict(plan.relinked))
            self._conn.executemany(
                "UPDATE posts SET series_id = NULL, occurrence = NULL WHERE id = ?",
                [(m.id,) for m in plan.detached],
            )
            changes |= self.delete_posts([m.id for m in plan.removed])
            others = {k: v for k, v in (edit or {}).items() if k != "date"}
            if others and scope != "this":
                kept = self.series_posts(series_id)
                if scope == "all" and series_id != post.series_id:
                    kept += self.series_posts(post.series_id)  # the earlier ones
                kept = [p for p in kept if p.id != post.id]
                today = self.today()
                edits = {p.id: _gone_out_kept(_for_occurrence(others, p, today), p) for p in kept}
                changes |= self.update_posts(_changing(kept, edits))
            # The copies are this post as edited, for the edit's posts; for this one alone,
            # as it was, at the rule's time (copies of "This one"'s new words made the
            # series read new, old, old, new, new).
            source = post if scope != "this" else dataclasses.replace(original, time=post.time)
            status = PostStatus.DRAFT if source.status == PostStatus.PUBLISHED else source.status
            template = dataclasses.replace(source.as_new(), status=status)
            copies = [dataclasses.replace(template, date=d) for d in plan.new_days]
            ids = self._insert_posts(copies, series_id=series_id, occurrences=plan.new_days)
            # Every post of the series now (also those kept, in a new series after a split).
            touched = [*self.series_posts(series_id), *plan.detached]
        return (
            changes
            | _post_changes(touched, [p.id for p in touched])
            | _post_changes(copies, ids, created=True)
            | ChangeSet(series=frozenset({post.series_id, series_id}))
        )

    def _insert_series(
        self, rule: str, anchor: date, at: time | None, exdates: Sequence[date] = ()
    ) -> int:
        cursor = self._conn.execute(
            "INSERT INTO series (rrule, anchor, anchor_time, exdates) VALUES (?, ?, ?, ?)",
            (rule, anchor.isoformat(), format_time(at), ",".join(d.isoformat() for d in exdates)),
        )
        return cast(int, cursor.lastrowid)

    def _split_series(self, post: Post) -> int:
        """End the post's series before it and start a new series at it; return the new id."""
        assert post.series_id is not None
        old = self.series(post.series_id)
        start = _occ(post)
        head_rule, tail_rule = recurrence.split(old.rrule, old.anchor, start)
        head_ex = tuple(d for d in old.exdates if d < start)
        tail_ex = tuple(d for d in old.exdates if d >= start)
        new_id = self._insert_series(tail_rule, start, post.time, tail_ex)
        self._write_series(Series(old.id, head_rule, old.anchor, old.anchor_time, head_ex))
        self._conn.execute(
            "UPDATE posts SET series_id = ? WHERE series_id = ? AND occurrence >= ?",
            (new_id, old.id, start.isoformat()),
        )
        return new_id

    def occurrences_changing(self, post_id: int, changes: PostChanges, scope: Scope) -> list[Post]:
        """The posts :meth:`update_occurrences` would change with ``changes`` (its date
        and time aside): the occurrence and those of its series ``scope`` takes in, less
        the others that went out when it takes their status away (they keep theirs) and
        those sent to the backlog (they leave the series)."""
        post = self.post(post_id)
        if post.series_id is None or scope == "this":
            return [post] if _changing([post], {post.id: changes}) else []
        unpublishing = changes.get("status", PostStatus.PUBLISHED) != PostStatus.PUBLISHED
        fields = {k: v for k, v in changes.items() if k not in ("date", "time")}
        members = [
            m
            for m in self.series_posts(post.series_id)
            if (scope == "all" or _occ(m) >= _occ(post))
            and not (unpublishing and m.status == PostStatus.PUBLISHED and m.id != post.id)
            and (m.date is not None or m.id == post.id)  # one in the backlog stays out
        ]
        today = self.today()
        changing = _changing(
            members,
            {m.id: _for_occurrence(fields, m, None if m.id == post.id else today) for m in members},
        )
        return [m for m in members if m.id in changing]

    def update_occurrences(self, post_id: int, changes: PostChanges, scope: Scope) -> ChangeSet:
        """Edit an occurrence of a recurring post: this one, this and following, or all.

        A new date shifts every post in scope by the same number of days (and the
        rule with them), or for a monthly or yearly series moves its day of the month
        (:func:`.recurrence.move`); a new time is set on every post in scope. "This and
        following" on a later occurrence splits the series in two there. An
        occurrence in the backlog given a day is placed alone: there is no day to
        shift the others from.
        """
        post = self.post(post_id)
        if post.series_id is None or scope == "this":
            return self.update_post(post_id, changes)
        self._refuse_unreadable_rule(self.series(post.series_id).rrule)
        if post.date is None and changes.get("date") is not None:
            return self.move_posts({post_id: (changes["date"], changes.get("time"))})
        shift: timedelta | None = None
        if "date" in changes:
            new_day = changes["date"]
            if new_day is None:
                raise InvalidInput("Only one occurrence at a time can go back to the backlog.")
            if post.date is not None and new_day != post.date:
                shift = new_day - post.date
        if (
            shift is None
            and "time" not in changes
            and not self.occurrences_changing(post_id, changes, scope)
        ):
            return ChangeSet()  # nothing in scope changes: no split, no one leaves it
        old_series = post.series_id
        with environment_errors(self.path), self.db.atomic():
            unpublishing = changes.get("status", PostStatus.PUBLISHED) != PostStatus.PUBLISHED
            published = shift is not None or "time" in changes or unpublishing
            left = self._leave_gone_out(post, scope, published=published)
            series_id = old_series
            before: list[date] = []  # the days of the occurrences that stay where they are
            if scope == "following" and self._has_earlier(post):
                own_day = _occ(post)
                before = [
                    p.date
                    for p in self.series_posts(old_series)
                    if p.date is not None and _occ(p) < own_day
                ]
                series_id = self._split_series(post)
            series = self.series(series_id)
            members = self.series_posts(series_id)
            delta = shift or timedelta(0)
            own = _occ(post)
            rule, anchor, moved = recurrence.move(
                series.rrule,
                series.anchor,
                [*map(_occ, members), *series.exdates],
                (own, own + delta),
            )
            if shift is not None:
                # A monthly or yearly rule may not put its occurrences there (a day some
                # months lack, the first Monday moved to a later Tuesday, a rule that
                # skips the months without its day).
                problem = recurrence.refusal(series.rrule, (own, own + delta), moved)
                if problem is not None:
                    raise InvalidInput(problem)
            edits: dict[int, PostChanges] = {}
            today = self.today()
            for member in members:
                # An occurrence sent to the backlog stays there (:func:`_for_occurrence`).
                edit = _for_occurrence(
                    {k: v for k, v in changes.items() if k != "date"},
                    member,
                    None if member.id == post.id else today,
                )
                if shift is not None and member.date is not None:
                    # Its occurrence's new day, and any day it was moved on its own with it.
                    occurrence = _occ(member)
                    edit["date"] = moved[occurrence] + (member.date - occurrence)
                edits[member.id] = edit
            new_days = [day for e in edits.values() if (day := e.get("date")) is not None]
            if before and new_days and min(new_days) <= max(before):
                # The day the user chose for the post moved, when that alone is refused:
                # said rather than another occurrence's (which named a day never chosen).
                chosen = edits.get(post.id, {}).get("date")
                first = min(
                    (m for m in members if edits[m.id].get("date") is not None),
                    key=lambda m: cast(date, edits[m.id]["date"]),
                )
                if isinstance(chosen, date) and chosen <= max(before):
                    new_days = [chosen]
                elif first.date is not None and first.date != _occ(first):
                    # One moved on its own earlier than its turn: named, or the sentence
                    # spoke of a day the user never touched, twice.
                    lands, stays = min(new_days), max(before)
                    where = (
                        "where an earlier one stays"
                        if lands == stays
                        else f"before an earlier one that stays on {spelled_day(stays)}"
                    )
                    raise InvalidInput(
                        f"'{shortened(first.title)}', one of the following occurrences, was"
                        f" moved on its own to {spelled_day(first.date)} and would go to"
                        f" {spelled_day(lands)}, {where}. Move them all, or this one alone."
                    )
                raise InvalidInput(
                    "This and the following occurrences cannot start on"
                    f" {spelled_day(min(new_days))}: an earlier one stays on"
                    f" {spelled_day(max(before))}. Move them all, or this one alone."
                )
            if shift is not None and new_days:
                self._refuse_landing_on_another_part(post, members, new_days)
                self._refuse_landing_on_gone_out(post, new_days)
            result = self.update_posts(_changing(members, edits))
            if shift is not None or "time" in changes:
                at = changes.get("time", series.anchor_time)
                self._write_series(
                    Series(series.id, rule, anchor, at, tuple(moved[d] for d in series.exdates))
                )
                if delta:
                    self._conn.executemany(
                        "UPDATE posts SET occurrence = ? WHERE id = ?",
                        [(moved[_occ(m)].isoformat(), m.id) for m in members],
                    )
            if series_id != old_series:
                # Every post that went over to the new series, changed or not (those not
                # changing stayed in the window under the old one: named, they are read).
                result |= _post_changes(members, [m.id for m in members])
        return result | left | ChangeSet(series=frozenset({old_series, series_id}))

    def _leave_gone_out(self, post: Post, scope: Scope, *, published: bool = True) -> ChangeSet:
        """Before the occurrences of ``post``'s series are moved, given another time or
        status, or deleted together (``scope``, "all" or "following"): the published
        ones in scope but ``post`` leave the series,
        as posts of their own on their days (its rule skips them), as a changed repeat
        leaves them. What went out stays on record: "All" on a future weekly tip moved
        eight published ones to days gone by, or deleted them. So do those sent to the
        backlog (not ``published``: those alone), which went alone: "All" deleted an
        idea kept there unsaid, and cancelled it."""
        assert post.series_id is not None
        out = [
            m
            for m in self.series_posts(post.series_id)
            if m.id != post.id
            and (m.date is None or (published and m.status == PostStatus.PUBLISHED))
            and (scope == "all" or _occ(m) >= _occ(post))
        ]
        if not out:
            return ChangeSet()
        series = self.series(post.series_id)
        days = {_occ(m) for m in out if m.occurrence is not None or m.date is not None}
        exdates = tuple(sorted({*series.exdates, *days}))
        self._write_series(dataclasses.replace(series, exdates=exdates))
        self._conn.executemany(
            "UPDATE posts SET series_id = NULL, occurrence = NULL WHERE id = ?",
            [(m.id,) for m in out],
        )
        return ChangeSet(
            posts=frozenset(m.id for m in out),
            series=frozenset({series.id}),
            backlog=any(m.date is None for m in out),  # (a backlog kept held them as parts)
        )

    def _refuse_landing_on_another_part(
        self, post: Post, members: Sequence[Post], days: Sequence[date]
    ) -> None:
        """Refuse a series moved onto a day where another part of it is (split off by an
        earlier "this and following" or Change…: one post like it, in another series):
        that day would hold the post twice."""
        import json  # not at start-up

        mine = {m.id for m in members}
        landing = self._posts(  # the posts of series on those days alone, not all between
            "WHERE p.series_id IS NOT NULL AND p.date IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted({d.isoformat() for d in days}))],
        )
        for other in landing:
            if other.date is not None and other.id not in mine and _alike(other, post):
                raise InvalidInput(
                    f"These occurrences cannot move there: {spelled_day(other.date)} has"
                    f" '{other.title}' already, a post like them ({_alike_because(post, other)}),"
                    " which would be there twice. Move that one too, or this one alone."
                )

    def _refuse_landing_on_gone_out(self, post: Post, days: Sequence[date]) -> None:
        """Refuse occurrences moved onto the day of one published that left the series,
        now or by an earlier step (:meth:`_leave_gone_out`), which stays where it went
        out: that day would hold the post twice."""
        import json  # not at start-up

        landing = self._posts(
            "WHERE p.series_id IS NULL AND p.status = 'published'"
            " AND p.date IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted({d.isoformat() for d in days}))],
        )
        for other in landing:
            if other.date is not None and _alike(other, post):
                raise InvalidInput(
                    f"These occurrences cannot move there: {spelled_day(other.date)} has"
                    f" '{other.title}' already, published, which stays where it went out."
                    " Move them to other days, or this one alone."
                )

    @staticmethod
    def _refuse_unreadable_rule(rule: str) -> None:
        """Refuse a change that reads a series' ``rule`` when the rule in the file does
        not read (an earlier release or another program wrote it): it said the rule's
        fault as if the user had typed it ("FREQ=SOMETIMES is not supported")."""
        try:
            recurrence.normalise(rule)
        except InvalidInput:
            raise InvalidInput(
                f"These posts repeat by a rule that cannot be read here ({shortened(rule)}):"
                " change one post at a time, or delete them all."
            ) from None

    def _has_earlier(self, post: Post) -> bool:
        assert post.series_id is not None
        return bool(
            self.read(
                "SELECT 1 FROM posts WHERE series_id = ? AND occurrence < ? LIMIT 1",
                [post.series_id, _occ(post).isoformat()],
            )
        )

    def _write_series(self, series: Series) -> None:
        self._conn.execute(
            # An upsert, not INSERT OR REPLACE: a replace deletes the row first, and the
            # foreign key would then detach every post of the series.
            "INSERT INTO series (id, rrule, anchor, anchor_time, exdates) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET rrule = excluded.rrule, anchor = excluded.anchor,"
            " anchor_time = excluded.anchor_time, exdates = excluded.exdates",
            (
                series.id,
                series.rrule,
                series.anchor.isoformat(),
                format_time(series.anchor_time),
                ",".join(d.isoformat() for d in series.exdates),
            ),
        )

    def delete_occurrences(self, post_id: int, scope: Scope) -> ChangeSet:
        """Delete an occurrence of a recurring post: this one, this and following, or all.

        The series remembers what was deleted (an exception date, or an earlier
        end), so that its rule keeps describing exactly the posts that exist.
        """
        post = self.post(post_id)
        if post.series_id is None or scope == "this":
            return self.delete_each([post_id])
        start = _occ(post)
        with environment_errors(self.path), self.db.atomic():
            left = self._leave_gone_out(post, scope)
            series = self.series(post.series_id)
            if scope == "following" and not self._has_earlier(post):
                scope = "all"
            if scope == "following":
                self._refuse_unreadable_rule(series.rrule)
            members = self.series_posts(series.id)
            targets = members if scope == "all" else [p for p in members if _occ(p) >= start]
            changes = self._delete(targets) | left
            if scope == "all" or len(targets) == len(members):
                self._conn.execute("DELETE FROM series WHERE id = ?", (series.id,))
            else:
                head, _ = recurrence.split(series.rrule, series.anchor, start)
                exdates = tuple(d for d in series.exdates if d < start)
                self._write_series(
                    Series(series.id, head, series.anchor, series.anchor_time, exdates)
                )
        return changes | ChangeSet(series=frozenset({series.id}))

    def delete_each(self, post_ids: Iterable[int]) -> ChangeSet:
        """Delete these posts each on its own: an occurrence as "this one" of
        :meth:`delete_occurrences` (its series remembers its day as an exception, or goes
        with its last post), each series read once however many of its posts go (a
        month's selection read a series of a thousand posts for each)."""
        posts = self.posts(post_ids)
        gone: dict[int, set[date]] = {}
        for post in posts:
            if post.series_id is not None:
                gone.setdefault(post.series_id, set()).add(_occ(post))
        with environment_errors(self.path), self.db.atomic():
            changes = self._delete(posts)
            for series_id, days in gone.items():
                if self.read("SELECT 1 FROM posts WHERE series_id = ? LIMIT 1", [series_id]):
                    series = self.series(series_id)
                    exdates = tuple(sorted({*series.exdates, *days}))
                    self._write_series(dataclasses.replace(series, exdates=exdates))
                else:
                    self._conn.execute("DELETE FROM series WHERE id = ?", (series_id,))
        return changes | ChangeSet(series=frozenset(gone))

    def adopt_series(
        self,
        rule: str,
        anchor: date,
        anchor_time: time | None,
        members: Mapping[int, date],
        exdates: Sequence[date] = (),
        *,
        into: int | None = None,
    ) -> ChangeSet:
        """Make existing posts the occurrences of a new recurring series (an import that
        brings a series back): ``members`` maps each post id to its occurrence date.
        A day the rule makes with no member (an occurrence that was in the backlog, or
        outside the period a file was written for) is one of its ``exdates``: the rule
        describes the posts the series has. ``created`` holds the new series' id.

        Given ``into``, that series takes the rule, first day, time and exception days
        instead, with ``members`` its posts: a merge or an import that brings back a
        series moved or changed as a whole in another calendar, with all its posts."""
        rule, exdates = _rule_of(rule, anchor, members, exdates)
        with environment_errors(self.path), self.db.atomic():
            if into is None:
                series_id = self._insert_series(rule, anchor, anchor_time, exdates)
            else:
                series_id = into
                self._write_series(Series(into, rule, anchor, anchor_time, tuple(exdates)))
            self._link_series(series_id, members)
        made = (series_id,) if into is None else ()
        return ChangeSet(posts=frozenset(members), series=frozenset({series_id}), created=made)

    @_said_of_the_file
    def join_series(self, series_id: int, members: Mapping[int, date]) -> ChangeSet:
        """Make existing posts occurrences of an existing series (an import that brings
        back occurrences deleted here): ``members`` maps each post id to its occurrence
        date, which stops being an exception day of the series. A post whose date the
        rule no longer makes (the series was ended earlier since), or whose occurrence
        has its post already (the repeat undone and made again since the file was
        written), stays a post of its own: the rule must keep describing the series'
        posts, one each."""
        series = self.series(series_id)
        if members:
            taken = {
                _day(row[0])
                for row in self._conn.execute(
                    "SELECT occurrence FROM posts WHERE series_id = ?", [series_id]
                )
            }
            had = [d for d in taken if d is not None]
            made = set(_rule_days(series.rrule, series.anchor, [*had, *series.exdates]))
            joining: dict[int, date] = {}
            for post_id, day in members.items():
                if day in made and day not in taken:
                    joining[post_id] = day
                    taken.add(day)  # two of the file for one day: the first joins
            members = joining
        back = set(members.values())
        with environment_errors(self.path), self.db.atomic():
            self._link_series(series_id, members)
            if back & set(series.exdates):
                kept = tuple(d for d in series.exdates if d not in back)
                self._write_series(dataclasses.replace(series, exdates=kept))
        return ChangeSet(posts=frozenset(members), series=frozenset({series_id}))

    def _link_series(self, series_id: int, members: Mapping[int, date]) -> None:
        self._conn.executemany(
            "UPDATE posts SET series_id = ?, occurrence = ? WHERE id = ?",
            [(series_id, day.isoformat(), post_id) for post_id, day in members.items()],
        )

    def restore_series(self, rows: Sequence[Series], *, drop: Iterable[int] = ()) -> ChangeSet:
        """Put series rows back as they were and remove the ``drop`` ones (the undo of a
        series edit, split or delete; restore the posts afterwards)."""
        dropped = frozenset(drop)
        with environment_errors(self.path), self.db.atomic():
            for series in rows:
                self._write_series(series)
            self._conn.executemany("DELETE FROM series WHERE id = ?", [(i,) for i in dropped])
        return ChangeSet(series=frozenset(s.id for s in rows) | dropped)


# -- helpers -----------------------------------------------------------------


_Named = TypeVar("_Named", Channel, KeyMessage, Campaign)


def _rule_of(
    rule: str, anchor: date, members: Mapping[int, date], exdates: Sequence[date]
) -> tuple[str, list[date]]:
    """A series' rule made plain, and its exception days: those given, and each day the
    rule makes with no member (an occurrence in the backlog, or outside the period a
    file was written for), so that the rule describes the posts the series has."""
    rule = recurrence.normalise(rule)
    present = set(members.values())
    made = _rule_days(rule, anchor, present)
    return rule, sorted({*exdates, *(d for d in made if d not in present)})


def _rule_days(rule: str, anchor: date, days: Iterable[date]) -> list[date]:
    """The days a series' rule makes: one without end up to its own horizon (a year on,
    as the series made here), or to the latest of ``days`` it has if later (one that came
    from a file read up to a year after its import). Read only up to its last post, an
    endless series brought in for a quarter kept a Monday every week for a year with
    none of them in its exception days, and a later change made them all."""
    last = max(days, default=anchor)
    own = min(anchor + recurrence.HORIZON, LAST_DAY)
    return recurrence.occurrences(rule, anchor, horizon=last if last > own else None)


def _found_in(text: bytes | None, query: str) -> bool:
    """Whether ``text`` holds the search ``query`` (:meth:`.search.SearchQuery.found_in`).
    The text comes as bytes: a function's text is read strictly, and a post whose bytes
    a bad sector spoiled made every such search fail."""
    return SearchQuery.of(query).found_in((text or b"").decode("utf-8", "replace"))


def _with_id(items: Iterable[_Named], item_id: int, what: str) -> _Named:
    for item in items:
        if item.id == item_id:
            return item
    raise NotFound(f"There is no {what} number {item_id}.")


def _named(items: Iterable[_Named], name: str, key: Callable[[_Named], str]) -> _Named | None:
    """The item whose name (or title) is ``name`` (:func:`name_key`: case, outer spaces
    and Unicode form aside)."""
    wanted = name_key(name)
    return next((item for item in items if name_key(key(item)) == wanted), None)


def _for_occurrence(edit: Mapping[str, Any], post: Post, today: date | None = None) -> PostChanges:
    """An edit of an occurrence given to another of its series: one in the backlog
    takes no time, and is neither scheduled nor published (it has no day); with
    ``today``, one after it is not published either (it has not gone out: "Published"
    for all made next month's posts count as delivered), as :meth:`add_series` makes
    a published series' later posts drafts."""
    given = dict(edit)
    if post.date is None:
        given.pop("time", None)
        if given.get("status") in DATED_ONLY:
            given.pop("status")
    elif today is not None and post.date > today and given.get("status") == PostStatus.PUBLISHED:
        given.pop("status")
    return cast(PostChanges, given)


def _changing(posts: Iterable[Post], edits: Mapping[int, PostChanges]) -> dict[int, PostChanges]:
    """The edits of a series' posts that change them: one that had the status already
    is no new version (a colleague's real edit of it came back as a conflict copy)."""
    return {
        post.id: edits[post.id]
        for post in posts
        if any(_differs(getattr(post, k), v, k) for k, v in edits[post.id].items())
    }


def _differs(old: object, new: object, field: str) -> bool:
    if field == "message_ids":
        return set(cast(Iterable[int], old)) != set(cast(Iterable[int], new))
    return old != new


def _gone_out_kept(edit: PostChanges, post: Post) -> PostChanges:
    """An edit of a series given to one of its posts: one published keeps the time and
    status it went out with (what went out stays on record)."""
    if post.status != PostStatus.PUBLISHED:
        return edit
    return cast(PostChanges, {k: v for k, v in edit.items() if k not in ("time", "status")})


def _taken(kind: str, name: str, archived: bool) -> str:
    """The sentence for a name another channel or key message has: an archived one is
    out of the lists, and said so (the sentence pointed at a name no list showed)."""
    if archived:  # (the command line restores nothing: the window's manager does)
        where = "Channels" if kind == "channel" else "Key Messages"
        return (
            f"There is already a {kind} called '{name}', archived: restore it in the"
            f" window's Edit > {where} rather than make another."
        )
    return f"There is already a {kind} called '{name}'."


def _required(text: str, message: str, *, kept: str | None = None) -> str:
    """A name as stored (:func:`.models.one_line`); refused when nothing that shows is
    left (zero-width characters alone named a channel no list could show, which an
    empty ``--channel ""`` then found), unless it is the name ``kept`` as it was."""
    name = one_line(text or "")
    if shows_nothing(name) and (kept is None or name != kept):
        raise InvalidInput(message)
    return name


def _week_start(value: WeekStart | str) -> WeekStart:
    try:
        return WeekStart(str(value).lower())
    except ValueError:
        raise InvalidInput(
            f"'{value}' is not a week start; use monday, sunday or saturday."
        ) from None


def _channel_kind(kind: str) -> str:
    kind = kind.strip().lower()
    if kind not in CHANNEL_KINDS:
        raise InvalidInput(
            f"'{kind}' is not a channel kind; use one of {', '.join(CHANNEL_KINDS)}."
        )
    return kind


def _campaign_kind(kind: CampaignKind | str) -> CampaignKind:
    try:
        return CampaignKind(str(kind).lower())
    except ValueError:
        raise InvalidInput(
            f"'{kind}' is not a campaign kind; use product, service or promotion."
        ) from None


def _check_range(first: date | None, last: date | None) -> None:
    for day in (first, last):
        if day is not None:
            check_day(day)
    if first is not None and last is not None and last < first:
        raise InvalidInput("The end date comes before the start date.")


def _check_message(
    cadence: int, first: date | None, last: date | None, *, kept: int | None = None
) -> None:
    """Refuse a cadence or dates no key message may have; a cadence ``kept`` as it was
    may be longer than the longest (an earlier release let in 100,000 days)."""
    if cadence < 1:
        raise InvalidInput("A key message's cadence must be at least 1 day.")
    if cadence > MAX_CADENCE_DAYS and cadence != kept:
        raise InvalidInput(
            f"A key message's cadence can be at most {MAX_CADENCE_DAYS} days (ten years)."
        )
    _check_range(first, last)


def _check_char_limit(limit: int | None) -> None:
    if limit is not None and not 1 <= limit <= MAX_CHAR_LIMIT:
        raise InvalidInput(f"A character limit must be from 1 to {MAX_CHAR_LIMIT:,}.")


def _filters(
    where: list[str],
    params: list[Any],
    channel_ids: Iterable[int] | None,
    message_ids: Iterable[int] | None,
    statuses: Iterable[PostStatus] | None,
    campaign_ids: Iterable[int] | None,
) -> None:
    for column, values in (("p.channel_id", channel_ids), ("p.campaign_id", campaign_ids)):
        if values is not None:
            listed = list(values)
            where.append(f"{column} IN ({','.join('?' * len(listed))})")
            params.extend(listed)
    if statuses is not None:
        listed_statuses = [PostStatus(s).value for s in statuses]
        where.append(f"p.status IN ({','.join('?' * len(listed_statuses))})")
        params.extend(listed_statuses)
    if message_ids is not None:
        listed = list(message_ids)
        where.append(
            "p.id IN (SELECT post_id FROM post_messages WHERE message_id IN"
            f" ({','.join('?' * len(listed))}))"
        )
        params.extend(listed)


def _phrase(word: str) -> str:
    """A word as a phrase of the full-text query: what it holds is read as words,
    never as the query's own syntax."""
    return '"' + word.replace('"', "") + '"'


_TEXT = f"p.title || char({ord(TEXTS_APART)}) || p.body || char({ord(TEXTS_APART)}) || p.notes"
_FOUND = f"cadence_found(CAST({_TEXT} AS BLOB), ?)"
"""A post whose text holds the search (see :meth:`CalendarStore._found`)."""

_MORE_WORDS = 400
"""At most how many of the index's words one word of a search may be found inside
(:meth:`CalendarStore._match_query`) before the posts themselves are read instead."""


_PARAMETERS_PER_STATEMENT = 900
"""Under SQLite's smallest limit on parameters in one statement (999 before 3.32)."""


def _history_links(
    post_id: int, version: VersionKey, history: History | None
) -> list[tuple[int, VersionKey, VersionKey]]:
    """The links that give ``version`` the earlier versions and notes of ``history``,
    and :data:`UNKNOWN` below the versions whose past is not known (below ``version``
    itself when ``history`` is None)."""
    if history is None:
        return [(post_id, version, UNKNOWN)]
    links = [(post_id, version, earlier) for earlier in history.versions]
    links.extend((post_id, version, (0, note)) for note in history.notes)
    for edge in history.boundary:
        links.append((post_id, edge if edge in history.versions else version, UNKNOWN))
    return links


_BEGAN = History()
"""The history of a post never edited: it has no earlier version."""


def _walk(links: Mapping[VersionKey, list[VersionKey]], start: VersionKey) -> History:
    """The history of ``start`` in one post's links. Its earlier versions are all known
    below those that link to :data:`UNKNOWN` (the schema 5 migration links every
    version it found past a first one), or below ``start`` when it is a version past
    a first one that links to nothing (its stamp changed outside Cadence)."""
    versions: set[VersionKey] = set()
    notes: set[str] = set()
    # Notes (revision 0) tell nothing of where a version came from.
    sources = [key for key in links.get(start, ()) if key[0] != 0 or key == UNKNOWN]
    boundary = {start} if start[0] > 1 and not sources else set()
    todo = [start]
    seen = {start}
    while todo:
        key = todo.pop()
        for earlier in links.get(key, ()):
            if earlier == UNKNOWN:
                boundary.add(key)
            elif earlier[0] == 0:
                notes.add(earlier[1])
            elif earlier not in seen:
                seen.add(earlier)
                versions.add(earlier)
                todo.append(earlier)
    here = frozenset(key[1] for key in links.get(start, ()) if key[0] == 0 and key != UNKNOWN)
    return History(frozenset(versions), frozenset(boundary), frozenset(notes), here)


def _taken_edit(edited: tuple[datetime, int]) -> tuple[str, int]:
    """(updated_at, revision) of a post as another calendar has it: kept as it is
    there, even stamped in the future by a clock that was wrong, so that its later
    versions there are known to descend from it."""
    moment, revision = edited
    return moment.astimezone(UTC).isoformat(timespec="microseconds"), max(revision, 1)


def _insert_rows(conn: sqlite3.Connection, insert: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Run ``insert`` ("INSERT INTO t (a, b)") for ``rows``, many rows per statement.

    Much faster than ``executemany`` on tables with triggers (posts: full-text
    search and the key message list): SQLite pays a statement's set-up, and its
    statement journal, once per statement rather than once per row.
    """
    if not rows:
        return
    width = len(rows[0])
    per_statement = max(_PARAMETERS_PER_STATEMENT // width, 1)
    group = "(" + ", ".join("?" * width) + ")"
    full = f"{insert} VALUES {', '.join([group] * per_statement)}"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        sql = (
            full
            if len(chunk) == per_statement
            else f"{insert} VALUES {', '.join([group] * len(chunk))}"
        )
        conn.execute(sql, [value for row in chunk for value in row])


_LARGEST_ID = 2**63 - 1
"""SQLite's largest rowid."""


def _insert_posts_rows(
    conn: sqlite3.Connection, insert: str, rows: Sequence[tuple[Any, ...]]
) -> list[int]:
    """Insert posts whose first column is the uid; return their new ids, in order.

    A new post never takes the id of a deleted one whose versions the calendar still
    keeps (for an undo of the delete): its history would be another post's.
    """
    (before,) = conn.execute("SELECT coalesce(max(id), 0) FROM posts").fetchone()
    try:
        (known,) = conn.execute("SELECT coalesce(max(post_id), 0) FROM post_versions").fetchone()
    except sqlite3.OperationalError:  # no such table: a calendar read as it is, never written
        known = 0
    if known > before and known + len(rows) < _LARGEST_ID:
        given = list(range(known + 1, known + 1 + len(rows)))
        _insert_rows(
            conn,
            insert.replace("INSERT INTO posts (", "INSERT INTO posts (id, ", 1),
            [(post_id, *row) for post_id, row in zip(given, rows, strict=True)],
        )
        return given
    _insert_rows(conn, insert, rows)
    # New rows get ids above the largest one, unless ids ran out: then SQLite picks
    # free ones at random. Read them back by id, or else by uid.
    ids: dict[str, int] = dict(conn.execute("SELECT uid, id FROM posts WHERE id > ?", (before,)))
    if len(ids) != len(rows):
        ids = {}
        uids = [row[0] for row in rows]
        for start in range(0, len(uids), 500):
            chunk = uids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            ids.update(conn.execute(f"SELECT uid, id FROM posts WHERE uid IN ({marks})", chunk))
    return [ids[row[0]] for row in rows]


def _post_columns(post: NewPost | Post) -> dict[str, Any]:
    """A post's columns from title to notes, as stored, in the order the inserts write."""
    return {
        "title": _stored_title(post.title),
        "body": _stored_text(post.body),
        "channel_id": post.channel_id,
        "campaign_id": post.campaign_id,
        "status": PostStatus(post.status).value,
        "date": _iso(post.date),
        "time": format_time(post.time),
        "link": _stored_text(post.link),
        "notes": _stored_text(post.notes),
    }


def _stored_text(text: str) -> str:
    """A post's text as kept: without a byte-order mark in front (pasted from a file that
    starts with one), which no export carries (the iCalendar library drops it), so that a
    post's own file read back made it another version, its link run into its body."""
    return text.lstrip("\ufeff")


def _stored_title(title: str) -> str:
    """A title as kept: without spaces, nor control characters, at its ends. No export
    carries those characters, and a space they kept from being trimmed was trimmed when
    the calendar's own file came back ("\x13 Launch" read back as an edit, "Launch")."""
    kept = _stored_text(title)
    while (trimmed := kept.strip().strip(_CONTROL_CHARACTERS)) != kept:
        kept = trimmed
    return kept


_CONTROL_CHARACTERS = "".join(map(chr, (*range(0x20), 0x7F, *range(0x80, 0xA0))))


def _post_fields(post: NewPost) -> tuple[Any, ...]:
    return tuple(_post_columns(post).values())


def _links(post_id: int, post: NewPost | Post) -> list[tuple[int, int, str | None, int, str]]:
    """post_messages rows for a post, with the copies the cadence analysis reads."""
    day, status = _iso(post.date), PostStatus(post.status).value
    return [(post_id, m, day, post.channel_id, status) for m in sorted(set(post.message_ids))]


def hidden_beside(folder: Path) -> Path:
    """A hidden name in ``folder`` for a calendar being made there, named once whole
    (:meth:`CalendarStore.named`); what a crash leaves under it goes as exports' leftovers do
    (:func:`.files.clear_leftovers`)."""
    return folder / f".cadence-copy-{new_uid()[:12]}.tmp"


def _name_new_file(made: Path, path: Path) -> None:
    """Give the calendar written (and closed) at ``made`` its name ``path``, never over a file made
    there meanwhile (a link fails where a name is taken; a folder without links, such
    as a memory stick's, is asked first)."""
    try:
        os.link(made, path)
        return
    except FileExistsError:
        raise CalendarFileError(f"{path} already exists; choose another name.") from None
    except OSError as exc:
        # No links there: a FAT or exFAT memory stick (EPERM on Linux, EINVAL from
        # Windows' "Incorrect function"), some network and FUSE file systems.
        unlinkable = (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK)
        if exc.errno not in (*unlinkable, errno.EINVAL, errno.ENOSYS):
            raise os_problem_for(exc, str(path)) from exc
    if path.exists():
        raise CalendarFileError(f"{path} already exists; choose another name.")
    try:
        os.rename(made, path)
    except OSError as exc:
        raise os_problem_for(exc, str(path)) from exc


def _post_order(post: Post) -> tuple[bool, date, bool, time, int]:
    return (
        post.date is not None,
        post.date or date.min,
        post.time is not None,
        post.time or time.min,
        post.id,
    )


def _alike(one: Post, other: Post) -> bool:
    """Whether two posts are one post planned twice (another part of a series, made
    by an earlier split, retitled since): on the same channel, the same title, or the
    same key messages (some) at the same time. Another series of that channel and
    messages at another hour ("Weekly tip" at 09:00, "Monthly letter" at 07:00), or of
    that title on another channel (the newsletter's "Product of the week"), is a post
    of its own."""
    return one.channel_id == other.channel_id and (
        one.title == other.title
        or (
            bool(one.message_ids)
            and set(one.message_ids) == set(other.message_ids)
            and one.time == other.time
        )
    )


def _alike_because(one: Post, other: Post) -> str:
    """Why :func:`_alike` takes ``other`` for ``one`` planned twice, as a refusal says it."""
    if one.title == other.title:
        return "the same title on the same channel"
    return "the same channel, key messages and time"


def _stays_alone(post: Post, last: date) -> bool:
    """Whether an occurrence a new repeat rule no longer makes stays, as a post of its
    own: it went out (published), waits in the backlog as an idea, or was moved on its
    own to a day up to the rule's ``last`` (put there by hand: a series ended on 10
    January deleted the post moved from 25 January to the 6th)."""
    if post.date is None or post.status == PostStatus.PUBLISHED:
        return True
    return post.occurrence is not None and post.date != post.occurrence and post.date <= last


def _occ(post: Post) -> date:
    return post.occurrence or post.date or date.min


def _as_post(old: Post, new: NewPost) -> Post:
    return Post(
        id=old.id,
        uid=old.uid,
        title=_stored_title(new.title),
        body=_stored_text(new.body),
        channel_id=new.channel_id,
        campaign_id=new.campaign_id,
        status=new.status,
        date=new.date,
        time=new.time,
        link=_stored_text(new.link),
        notes=_stored_text(new.notes),
        series_id=old.series_id,
        occurrence=old.occurrence,
        message_ids=tuple(sorted(set(new.message_ids))),
        created_at=old.created_at,
        updated_at=old.updated_at,
        revision=old.revision,
        source_uid=old.source_uid,
        recurrence_id=old.recurrence_id,
    )


def _post_changes(
    posts: Sequence[NewPost | Post],
    ids: Sequence[int],
    *,
    created: bool = False,
    removed: bool = False,
) -> ChangeSet:
    return ChangeSet(
        posts=frozenset(ids),
        removed_posts=frozenset(ids) if removed else frozenset(),
        messages=frozenset(m for p in posts for m in p.message_ids),
        dates=frozenset(p.date for p in posts if p.date is not None),
        backlog=any(p.date is None for p in posts),
        created=tuple(ids) if created else (),
    )


def _where(posts: Sequence[Post]) -> ChangeSet:
    """The posts and the days (or the backlog) they show on, for edits that touch them."""
    return ChangeSet(
        posts=frozenset(p.id for p in posts),
        dates=frozenset(p.date for p in posts if p.date is not None),
        backlog=any(p.date is None for p in posts),
    )


def _diff_changes(before: Sequence[Post], after: Sequence[Post]) -> ChangeSet:
    return _post_changes(list(before) + list(after), [p.id for p in after]) | ChangeSet(
        posts=frozenset(p.id for p in before)
    )
