"""CSV files: Cadence's own round-trip columns, and bulk files for Hootsuite and Sprout Social.

The generic profile (``export_csv`` / ``import_csv``)
----------------------------------------------------

- The header is ``uid,date,time,channel,key_messages,campaign,status,title,body,link,notes``;
  the file is UTF-8 (with a byte-order mark when ``ExportOptions.byte_order_mark`` asks for
  one, so that Excel shows accents), rows end with CRLF (RFC 4180), cells are quoted only
  when they need it. Undated posts come first (empty ``date`` and ``time``), then the rest
  in date and time order. Dates are ``YYYY-MM-DD``, times ``HH:MM``.
- ``key_messages`` holds the post's key message titles separated by ``;``. Inside a title a
  ``;`` is written ``\\;`` and a backslash ``\\\\``, so any title survives the round trip.
  Titles are listed alphabetically, so exporting the same posts always gives the same file.
- Spreadsheet formula injection (OWASP "CSV injection"): a cell whose text starts with
  ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a single quote ``'`` is written
  with one extra ``'`` in front, so that no spreadsheet runs it as a formula. Importing
  removes that ``'`` again: a leading ``'`` goes only when one of those characters follows
  it, so a hand-written ``'Tis the season`` keeps its ``'``.

Importing a generic file is one transaction:

- Columns are matched by name (case, surrounding spaces, and spaces or hyphens for
  underscores ignored: "Key messages" is ``key_messages``), in any order; where one is
  absent, another tool's name for it is read (``_COLUMN_ALIASES``: Notion's "Name",
  Trello's "Due Date"), said in ``ImportSummary.notes``; unknown columns are ignored and
  named in the summary. ``title`` is required (else the first line of the ``body``
  gives it: Buffer's and Later's sheets), and ``channel`` too unless
  the import names a fallback channel. A column that is absent leaves that field of an
  updated post as it was; a new post gets what an empty cell gives (no date, the status
  an empty status cell means, below; no message, no campaign, empty texts).
- A byte-order mark, CRLF, LF or CR line ends (old Mac Excel) and newlines inside quoted
  cells are all fine;
  so is a file separated by ``;`` or tabs (as Excel saves "CSV" in many European
  languages), recognised from the header line or Excel's ``sep=;`` line before it.
- Rows are matched to posts by ``uid``: a known uid updates its post when the row differs
  (the previous version is kept in the summary for undo), an unknown uid creates a post
  with that uid. A row with an empty uid is first the post it came in as before (the
  post notes what each row said, so a post moved or retitled here since is still its
  row's), then an existing post with the same date, time, channel and title (one not
  claimed by another row of the file), and only then a new post with a fresh uid, so
  importing a hand-made file twice creates nothing new.
- Names are matched without regard to case. An unknown channel, key message or campaign
  is created when ``ImportOptions.create_missing`` is set. ``ImportOptions.fallback_channel``
  (created when a row first needs it) takes the rows with an empty channel, and also those
  naming an unknown channel when missing names are not created. Any other unknown name
  makes the row skipped. Names are created only for rows that pass every check. A key
  message created starts on the day of the import (``ImportOptions.today``).
- Dates are ``YYYY-MM-DD`` (also with ``/`` or ``.``); ``D/M/YYYY`` or ``M/D/YYYY`` (also
  with ``.`` or ``-``, and with a year of two digits, this century's, as LibreOffice
  saves them) are read day- or month-first as ``ImportOptions.day_first`` says, or when
  it is None as the file's dates show (13/04/2026 tells the file is day first), day
  first where none tells (``ImportSummary.notes`` says so; :func:`csv_date_order` lets
  the window ask first); the same file read again in the other order moves its posts.
  A date written as a date-time at midnight without an offset (``2026-06-10 00:00:00``,
  as spreadsheets save a date column) is that date; at another time
  (``2027-04-16 14:00``, ``2027-04-16T14:00:00``) it gives the time too, when the
  ``time`` cell is empty or says the same; a moment with its offset from UTC
  (``2026-12-05T09:00:00Z``) is the day and time it is on the calendar's clock. Dates in
  English words (``December 5, 2026 10:00 AM``, ``5 Dec 2026``) are read too. Times are
  ``HH:MM`` (``H:MM``, ``H.MM``, seconds of ``:00``, AM/PM, ``5 PM``, ``5 p.m.``); a row that
  Outlook's "All day event" column says is one has none. An empty
  status means ``scheduled`` for a new post with a date and ``idea`` for one without (as
  ``cadence post add``), and "unchanged" for an existing one; other tools' words for a
  status ("Not started", "Done") are read as Cadence's nearest, said in the notes; a
  word Cadence does not know ("Needs approval") as a draft for a new post and as
  "unchanged" for an existing one, said too.
- A row with a bad value is skipped and listed in ``ImportSummary.skipped`` as one
  sentence naming the row as a spreadsheet numbers it (the header is row 1, the first post
  row 2), the column and what was expected:
  ``row 7, column 'date': '31/02/2026' is not a date; write it as YYYY-MM-DD``.
  Blank rows are ignored; a row short of cells at its end has them empty. A problem
  with the file as a whole (not UTF-8, broken quoting, no ``title`` column, a column
  named twice, a ``time`` column without a ``date`` column, an empty file) refuses the
  import with :class:`ImportProblem` and changes nothing.
- A new post without a date that its row calls scheduled or published is a draft (the
  backlog holds ideas and drafts), said in ``ImportSummary.notes``.

Publishing-tool profiles (export only)
--------------------------------------

Both take the dated posts whose status is ``draft`` or ``scheduled`` (the posts that are
still to go out: ideas, published and cancelled posts are left out) and that fall after
now in the calendar's time zone; ``ExportOptions.today``, when given, stands for the start
of that day. An untimed post goes out at 09:00. The message text is the title, then a
blank line and the body when there is one. The text and the link are written exactly as
they are, with no ``'`` in front of a text that starts with ``@``, ``+``, ``-`` or ``=``:
the tools publish a cell literally, so a ``'`` would go out with the post (these files are
for the tools to read, not for a spreadsheet to open). Dates are written in the order
``ExportOptions.day_first`` picks, never from the computer's locale. When no post
qualifies, nothing is written and :class:`InvalidInput` says so.

- Hootsuite bulk composer: no header; columns date-time (``DD/MM/YYYY HH:MM`` or
  ``MM/DD/YYYY HH:MM``), message text, link. Times are rounded up to a 5-minute step, as
  Hootsuite requires (09:02 goes out at 09:05, 09:57 at 10:00; 09:55 stays), but never
  into the next day (23:58 goes out at 23:55, on the day planned); the future test
  uses the later of the two times, so a post still to go out is never left out.
- Sprout Social bulk scheduling: the header ``date,time_24hr,message_text``; ``date`` is
  ``DD/MM/YYYY`` or ``MM/DD/YYYY``, ``time_24hr`` is ``HH:MM``; the link, when there is
  one, ends the message text after a blank line (Sprout has no link column). Sprout
  wants messages at least 10 minutes apart: the summary names each post less than 10
  minutes after the one before it on its channel (times are written as planned).

Both tools schedule a file's rows on the profiles chosen as it is uploaded, so each
channel has its own files: for a target ``out.csv`` they are ``out-LinkedIn.csv``,
``out-Newsletter.csv``...; when the target is an existing folder, ``<folder>/LinkedIn.csv``...
A file holds at most 350 rows (each tool's limit per upload); beyond, ``-2``, ``-3``...
files follow (``out-LinkedIn-2.csv``). Characters a file name cannot hold become ``_``.

Every export writes to temporary files beside its targets and renames them over the
targets only when all are complete, so a full disk or a cancel never leaves half a file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import itertools
import json
import os
import re
import sys
import zlib
from calendar import monthrange
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, cast
from zoneinfo import ZoneInfo

from ..core.errors import (
    CadenceError,
    ImportProblem,
    InvalidInput,
    environment_errors,
    os_problem_for,
)
from ..core.files import (
    USUAL_RIGHTS,
    check_replaceable,
    clear_leftovers,
    give_rights,
    new_export_file,
)
from ..core.lengths import (
    clusters,
    counts_as_x,
    post_length,
    title_leads,
    title_of_text,
)
from ..core.models import (
    DATED_ONLY,
    OUTSIDE_PLANS,
    Channel,
    NewPost,
    Post,
    PostStatus,
    backlog_status,
    every_days,
    format_time,
    in_plans,
    in_words,
    known_limit,
    link_in_text,
    moment_of,
    name_key,
    named_few,
    one_line,
    post_content,
    quoted_names,
    shortened,
    shown_note_of,
    shows_nothing,
    skipped_time,
    spelled_day,
    tool_link,
)
from ..core.store import (
    CalendarStore,
    PostChanges,
    full_edit,
    new_uid,
    shown_sum,
    whole_note,
)
from .formats import (
    SPREADSHEET_CELL,
    TOOL_TIME,
    Cancelled,
    Conflicts,
    ExportOptions,
    ExportSummary,
    ImportOptions,
    ImportSummary,
    LeftOff,
    Progress,
    import_names,
    learn_renames,
    no_progress,
    reconcile_said,
    second_pass,
    second_pass_note,
    selected_posts,
    spanning_note,
    start_from_first_posts,
    stays_deleted,
)

GENERIC_COLUMNS = (
    "uid",
    "date",
    "time",
    "channel",
    "key_messages",
    "campaign",
    "status",
    "title",
    "body",
    "link",
    "notes",
)
SPROUT_HEADER = ("date", "time_24hr", "message_text")
TOOL_MAX_ROWS = 350
HOOTSUITE_STEP_MINUTES = 5
SPROUT_GAP = timedelta(minutes=10)
TOOL_NOTICE = timedelta(minutes=10)
"""How long after a file's upload both tools schedule its posts, at the soonest."""

NOT_TOOL_KINDS = frozenset(
    {"newsletter", "blog", "press release", "event", "website", "podcast", "internal"}
)
"""The channel kinds the publishing tools publish nothing to (a newsletter, a press
release goes out elsewhere); "other" may be a profile of theirs (Google Business
Profile, WhatsApp), as social and video are."""

OUTGOING_STATUSES = frozenset({PostStatus.DRAFT, PostStatus.SCHEDULED})
"""The statuses the publishing-tool profiles export: posts still to go out."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GENERIC_ESCAPED_STARTS = (*_FORMULA_STARTS, "'")
_PROGRESS_EVERY = 1000
_INSERT_BATCH = 5000
_UPDATE_BATCH = 500

# -- cells -------------------------------------------------------------------


def neutralise_reversibly(text: str) -> str:
    """A generic-profile cell: text a spreadsheet would run as a formula gets a leading
    ``'`` (OWASP CSV injection), and so does text that starts with ``'``, so that
    :func:`restore` gives the exact text back."""
    return "'" + text if text.startswith(_GENERIC_ESCAPED_STARTS) else text


def restore(cell: str) -> str:
    """Undo :func:`neutralise_reversibly`: drop a leading ``'`` that it would have added,
    the one before a character it escapes (or before a line feed: a spreadsheet saves
    the text of a cell that began with a carriage return and a line feed with a line
    feed alone); any other ``'`` is the text's own."""
    escaped = cell.startswith(_GENERIC_ESCAPED_STARTS, 1) or cell.startswith("\n", 1)
    return cell[1:] if cell.startswith("'") and escaped else cell


def join_key_messages(titles: Iterable[str]) -> str:
    """Titles separated by ``;``, with ``\\`` and ``;`` inside a title escaped by ``\\``."""
    return ";".join(t.replace("\\", "\\\\").replace(";", "\\;") for t in titles)


def _shown(cell: str) -> str:
    """A cell naming a channel or campaign, stripped; empty when nothing in it shows
    (zero-width characters alone name nothing, as an empty cell)."""
    text = cell.strip()
    return "" if shows_nothing(text) else text


def split_key_messages(cell: str) -> list[str]:
    """The titles in a ``key_messages`` cell, stripped, empty ones (and those of
    zero-width characters alone) dropped."""
    if "\\" not in cell:
        parts = cell.split(";")
    else:
        parts = []
        current: list[str] = []
        chars = iter(cell)
        for char in chars:
            if char == "\\":
                current.append(next(chars, "\\"))
            elif char == ";":
                parts.append("".join(current))
                current = []
            else:
                current.append(char)
        parts.append("".join(current))
    return [t for t in (p.strip() for p in parts) if not shows_nothing(t)]


# -- writing files -----------------------------------------------------------


class _StagedFiles:
    """Files written beside their targets, renamed over them only by :meth:`commit`."""

    def __init__(self, byte_order_mark: bool, delimiter: str = ",") -> None:
        self._encoding = "utf-8-sig" if byte_order_mark else "utf-8"
        self._delimiter = delimiter
        self._pending: list[tuple[Path, Path]] = []

    def write(self, target: Path, rows: Iterable[Sequence[str]]) -> None:
        # A publishing tool's files are named after the channels: export_target saw only
        # the name asked for.
        check_replaceable(target)
        # Private while written; then the usual rights, or those of the file it replaces.
        try:
            handle, temp = new_export_file(target.parent)
            self._pending.append((temp, target))
            with os.fdopen(handle, "w", encoding=self._encoding, newline="") as stream:
                csv.writer(stream, delimiter=self._delimiter).writerows(rows)
                # On the disk before it replaces the last export, as any export is: a
                # power cut soon after could leave an empty file in its place.
                stream.flush()
                os.fsync(stream.fileno())
            give_rights(temp, target, USUAL_RIGHTS)
        except OSError as exc:
            raise os_problem_for(exc, str(target)) from exc

    def commit(self) -> list[Path]:
        done: list[Path] = []
        try:
            for temp, target in self._pending:
                os.replace(temp, target)
                done.append(target)
        except OSError as exc:
            raise os_problem_for(exc, str(target)) from exc
        finally:
            self._pending = [p for p in self._pending if p[1] not in done]
        # Once every file is in place: a folder whose file times run behind this clock (a
        # share whose server's clock is wrong) had this export's own files still to
        # rename taken for old leftovers, and removed.
        for target in done:
            clear_leftovers(target)
        return done

    def discard(self) -> None:
        for temp, _ in self._pending:
            temp.unlink(missing_ok=True)
        self._pending.clear()


def _check_target(store: CalendarStore, target: Path, *, folder_ok: bool = False) -> Path:
    """The file to write for ``target`` (:meth:`CalendarStore.export_target`); a folder
    is taken as such when ``folder_ok`` (one file per channel goes in it)."""
    if folder_ok and target.is_dir():
        return target
    return store.export_target(target)


def _write(
    files: Sequence[tuple[Path, Iterable[Sequence[str]]]],
    byte_order_mark: bool,
    delimiter: str = ",",
) -> list[Path]:
    staged = _StagedFiles(byte_order_mark, delimiter)
    try:
        for target, rows in files:
            staged.write(target, rows)
        return staged.commit()
    finally:
        staged.discard()


class _Ticker:
    """Reports work done to a :data:`Progress` callback; a cancel raises :class:`Cancelled`."""

    def __init__(self, progress: Progress, total: int) -> None:
        self._progress = progress
        self.total = total
        self.done = 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self._progress(min(self.done, self.total), self.total):
            raise Cancelled()

    def finish(self) -> None:
        self.done = self.total
        self._progress(self.total, self.total)


def _ticking(rows: Iterable[Sequence[str]], ticker: _Ticker) -> Iterator[Sequence[str]]:
    """Pass ``rows`` through, reporting progress (and honouring a cancel) as they go."""
    done = 0
    for done, row in enumerate(rows, 1):
        if done % _PROGRESS_EVERY == 0:
            ticker.advance(_PROGRESS_EVERY)
        yield row
    if done % _PROGRESS_EVERY:
        ticker.advance(done % _PROGRESS_EVERY)


# -- the generic profile: export ---------------------------------------------


def _by_name(name: str) -> tuple[str, str]:
    return name.casefold(), name


def export_csv(
    store: CalendarStore,
    target: Path,
    options: ExportOptions,
    progress: Progress = no_progress,
) -> ExportSummary:
    """Write the selected posts in Cadence's own columns; :func:`import_csv` reads them back."""
    target = _check_target(store, Path(target))
    with environment_errors():
        posts = selected_posts(store, options)
        channels = {c.id: c.name for c in store.channels(include_archived=True)}
        messages = {m.id: m.title for m in store.key_messages(include_archived=True)}
        campaigns = {c.id: c.name for c in store.campaigns()}

    def rows() -> Iterator[Sequence[str]]:
        cell = neutralise_reversibly
        yield GENERIC_COLUMNS
        for post in posts:
            yield (
                cell(post.uid),
                "" if post.date is None else post.date.isoformat(),
                format_time(post.time) or "",
                cell(channels[post.channel_id]),
                cell(
                    join_key_messages(sorted((messages[m] for m in post.message_ids), key=_by_name))
                ),
                "" if post.campaign_id is None else cell(campaigns[post.campaign_id]),
                post.status.value,
                cell(post.title),
                cell(post.body),
                cell(post.link),
                cell(post.notes),
            )

    ticker = _Ticker(progress, len(posts) + 1)
    ticker.advance(0)
    delimiter = ";" if options.semicolons else ","
    files = _write([(target, _ticking(rows(), ticker))], options.byte_order_mark, delimiter)
    ticker.finish()
    too_long = sum(1 for p in posts if max(len(p.body), len(p.notes)) > SPREADSHEET_CELL)
    chosen = options.message_ids
    others = sum(1 for p in posts if chosen and not chosen.issuperset(p.message_ids))
    return ExportSummary(posts=len(posts), files=files, over_a_cell=too_long, other_messages=others)


# -- the generic profile: import ---------------------------------------------


_HALF_TEXT = r"\s*[AaPp]\.?\s?[Mm]\.?"  # AM or PM however written ("pm", "p.m.")
_CLOCK_TEXT = rf"\d{{1,2}}(?:[:.]\d{{2}}(?:[:.]\d{{2}}(?:\.\d+)?)?(?:{_HALF_TEXT})?|{_HALF_TEXT})"
"""A date cell's time: "14:30", "2:30 PM", "5 PM", "5:00 p.m." (the hour alone with its
half of the day only), as a time cell takes them (:func:`_parse_clock`)."""
_AT = rf"(?:[ T]({_CLOCK_TEXT}))?"  # a date-time in one cell, as spreadsheets write one
# A moment's offset from UTC, as data tools write it: Z, +01:00, +0100, +01.
_OFFSET = r"(?:\s?(Z|[+-]\d{2}(?::?\d{2})?))?"
# A dot may be followed by a space, and end the date (5. 12. 2026, 2026. 12. 05.,
# 5.12.2026.), as some languages write.
_ISO_DAY = re.compile(rf"(\d{{4}})([-/]|\. ?)(\d{{1,2}})\2(\d{{1,2}})\.?{_AT}{_OFFSET}")
# Its year may be of two digits, as LibreOffice saves a sheet's dates "as shown"
# (12/07/26, 07.12.26): this century's, as typed dates are.
_OTHER_DAY = re.compile(rf"(\d{{1,2}})([-/]|\. ?)(\d{{1,2}})\2(\d{{4}}|\d{{2}})\.?{_AT}")


def _full_year(digits: str) -> int:
    """A year of four digits as it is, one of two this century's (26 is 2026)."""
    return int(digits) + (2000 if len(digits) == 2 else 0)


_MONTHS = {
    name: number
    for number, month in enumerate(
        (
            *("january", "february", "march", "april", "may", "june", "july", "august"),
            *("september", "october", "november", "december"),
        ),
        1,
    )
    for name in (month, month[:3], *(("sept",) if number == 9 else ()))
}
# "December 5, 2026 10:00 AM" (Notion), "Saturday, 5 December 2026", "5th of Dec 2026",
# "Dec 5, 2026 at 9:00".
_WORDED_DAY = re.compile(
    r"(?:(?P<weekday>[a-z]+),?\s+)?"
    r"(?:(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<month2>[a-z]+)\.?,?)"
    rf"\s+(?P<year>\d{{4}})(?:,?\s+(?:at\s+)?(?P<clock>{_CLOCK_TEXT}))?",
    re.IGNORECASE,
)
_SECONDS = re.compile(r"\d:\d\d:(?!00\b)\d\d\b")
"""A time of day with seconds other than none (in a time cell, or a date cell's)."""


def _to_the_minute(text: str, form: str) -> str:
    return f"'{text}' has seconds, and Cadence plans to the minute; write it as {form}"


_DASHED_MONTH = re.compile(r"^(\d{1,2})-([a-z]{3,9})-(\d{4}|\d{2})\b", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RANGE = re.compile(r"(?<!\s)\s++(?:→|->|–|—|-|to)\s+", re.IGNORECASE)
"""Between the two ends of a range of times; tried once a run of spaces (tried at each
space of a long run, a cell of 30,000 took ten seconds)."""
_CLOCK = re.compile(
    r"(\d{1,2})(?:[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?)?"
    + _HALF_TEXT.replace("[AaPp]", "([AaPp])").join(("(?:", ")?"))
)
"""A time: "17:30", "9.00", "5:30:00"; with its half of the day "5:30 PM", "5 PM",
"5pm", "5:00 p.m." (the hour alone only so)."""
_STATUSES = {s.value: s for s in PostStatus}
_STATUS_WORDS = {
    # Other tools' words for a post's status (Notion's "Not started", "In progress" and
    # "Done"; a board's "To do"), read as Cadence's nearest and said in the summary.
    **dict.fromkeys(("backlog", "someday"), PostStatus.IDEA),
    **dict.fromkeys(
        (
            "not started",
            "to do",
            "todo",
            "in progress",
            "drafting",
            "writing",
            "in review",
            "review",
        ),
        PostStatus.DRAFT,
    ),
    **dict.fromkeys(("ready", "approved", "planned", "queued"), PostStatus.SCHEDULED),
    **dict.fromkeys(
        ("done", "posted", "live", "sent", "complete", "completed"), PostStatus.PUBLISHED
    ),
    **dict.fromkeys(("canceled", "dropped"), PostStatus.CANCELLED),
}


class _BadValue(Exception):
    """One cell of one row is wrong; the row is skipped."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _date_order(dates: Iterable[str]) -> tuple[bool | None, str | None]:
    """What a file's ``D/M/YYYY`` or ``M/D/YYYY`` dates say of their order.

    (True, None) when one has a day over 12 first and none second (13/04/2026),
    (False, None) the other way round; when none tells, (None, the first date that
    reads two ways, as 03/04/2026 does) or (None, None) when no date reads two ways.
    A file whose dates say both keeps to neither: the order chosen is used and the
    dates it cannot read are skipped, each said.
    """
    first_over = second_over = False
    example: str | None = None
    for text in dates:
        match = _OTHER_DAY.fullmatch(text.strip())
        if match is None or _full_year(match[4]) < 1:  # year 0 is no date either way
            continue
        one, two = int(match[1]), int(match[3])
        first_over |= 12 < one <= 31 and 1 <= two <= 12
        second_over |= 12 < two <= 31 and 1 <= one <= 12
        if example is None and one != two and 1 <= one <= 12 and 1 <= two <= 12:
            with contextlib.suppress(ValueError):  # one the import then skips, said
                _parse_day(text.strip(), True)
                example = text.strip()
    if first_over != second_over:
        return first_over, None
    return None, None if first_over else example


def _order_of_known_posts(
    store: CalendarStore, records: Sequence[Sequence[str]], date_at: int, uid_at: int
) -> bool | None:
    """Whether the rows naming posts of this calendar by uid read as their days day
    first (True) or month first (False), by which reading more of them keep their
    post's day; None when neither does more (a sheet of moves, or of new posts)."""
    rows = [
        (cells[uid_at].strip(), cells[date_at].strip())
        for cells in records
        if max(uid_at, date_at) < len(cells) and cells[uid_at].strip()
    ]
    known = store.posts_with_uids(uid for uid, _ in rows)
    kept: Counter[bool] = Counter()
    for uid, text in rows:
        post = known.get(uid)
        if post is None or post.date is None or _OTHER_DAY.fullmatch(text) is None:
            continue
        with contextlib.suppress(ValueError):
            day_first, month_first = two_readings(text)
            kept[True] += day_first == post.date
            kept[False] += month_first == post.date
    if kept[True] == kept[False]:
        return None
    return kept[True] > kept[False]


def two_readings(text: str) -> tuple[date, date]:
    """A date that reads two ways, as ``03/04/2026``, ``03.04.2026`` and ``03-04-2026``
    do: read day first, then month first (:func:`_date_order` found it)."""
    match = _OTHER_DAY.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    one, two, year = int(match[1]), int(match[3]), _full_year(match[4])
    return date(year, two, one), date(year, one, two)


def csv_date_order(source: Path) -> tuple[bool | None, str | None]:
    """What the dates of the CSV file ``source`` say of their order (:func:`_date_order`):
    whether they are day first, or else a date that reads two ways, to ask about.

    A file Cadence cannot read says nothing here; the import says why.
    """
    cells = _column_cells(source, "date")
    return _date_order(cells) if cells is not None else (None, None)


def csv_names_every_channel(source: Path) -> bool:
    """Whether every row of the CSV file ``source`` names a channel (the import makes
    those this calendar lacks): no channel need be chosen for it. A file Cadence cannot
    read says no here; the import says why."""
    cells = _column_cells(source, "channel")
    return cells is not None and all(cell.strip() for cell in cells)


def csv_refusal(source: Path) -> str | None:
    """The sentence an import of the CSV file ``source`` refuses it with at once (not
    UTF-8 text, no title column), or None: the window asks nothing about a file it
    will not read (it asked for a channel, then refused the file)."""
    columns = _read_columns(source)
    return columns if isinstance(columns, str) else None


def _column_cells(source: Path, column: str) -> list[str] | None:
    """The cells of one column of the CSV file ``source`` (blank rows left out, as the
    import passes over them; a short row's as empty); None when the file has no such
    column or Cadence cannot read it (the import says why). The file is read once for
    the checks an import asks of it (its channels, its date order), while it is as read."""
    columns = _read_columns(source)
    return columns.get(column) if isinstance(columns, dict) else None


def _read_columns(source: Path) -> dict[str, list[str]] | str | None:
    """:func:`_columns_of` the file as it is now; None when it cannot be looked at."""
    try:
        stat = source.stat()
    except OSError:
        return None
    return _columns_of(source, (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=1)
def _columns_of(source: Path, _as_read: tuple[int, int]) -> dict[str, list[str]] | str:
    """The cells of every column Cadence reads, by column (see :func:`_column_cells`);
    or why the import refuses the file."""
    try:
        header, header_line, _, records, *_ = _read_records(_read_text(source))
        columns = _header_columns(header, header_line, ImportOptions(fallback_channel="-"))
    except CadenceError as exc:
        return str(exc)
    rows = [cells for cells in records if any(c.strip() for c in cells)]
    return {
        name: [cells[index] if index < len(cells) else "" for cells in rows]
        for name, (index, _spelled) in columns.items()
    }


_QUOTED_PIECE = re.compile(r'\s*"((?:[^"]|"")*)"\s*(,|$)')


def _comma_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut at its commas, each piece with whether it was quoted: a choice with
    a comma in it is written in quotes in a list of choices (``"Fast, reliable",Local``,
    as Airtable writes one), its quotes no part of it."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    while True:
        quoted = _QUOTED_PIECE.match(text, at)
        if quoted is not None:
            pieces.append((quoted[1].replace('""', '"'), True))
            at, more = quoted.end(), bool(quoted[2])
        else:
            comma = text.find(",", at)
            end = len(text) if comma < 0 else comma
            pieces.append((text[at:end], False))
            at, more = end + 1, comma >= 0
        if not more:
            return pieces


def _joined(pieces: list[tuple[str, bool]]) -> str:
    return ",".join(text for text, _quoted in pieces)


class _Day(NamedTuple):
    """What a date cell says."""

    day: date
    at: time | None
    """The time written with the date (``2027-04-16 14:00``); None for none, or
    midnight written without AM or PM (a date column saved as date-times)."""
    two_ways: bool
    """Whether it reads as another date in the other order (03/04/2027)."""
    second: bool = False
    """Whether its moment (given with an offset) is the second pass of a time the
    calendar's clocks go back over: ``at`` reads as the first."""
    spans: bool = False
    """Whether the cell gave a range of days (Notion's "March 15, 2027 → March 19,
    2027"): ``day`` is its first, where a post goes out, as an event's of several days."""


def _parse_day(text: str, day_first: bool, zone: ZoneInfo | None = None) -> _Day:
    """A date cell read (``ValueError`` when it is none): ``day_first`` for the dates
    that read two ways; one given as a moment (``2026-12-05T09:00:00Z``) on ``zone``'s
    clock."""
    try:
        match = _ISO_DAY.fullmatch(text) or _OTHER_DAY.fullmatch(text)
        if match is not None:
            first, second = int(match[1]), int(match[3])
            third = int(match[4]) if match.re is _ISO_DAY else _full_year(match[4])
            two_ways = False
            if match.re is _ISO_DAY:
                year, month, day = first, second, third
            else:
                two_ways = first != second and first <= 12 and second <= 12
                if day_first:
                    day, month, year = first, second, third
                else:
                    month, day, year = first, second, third
            offset = match[6] if match.re is _ISO_DAY else None
            the_day, at, second = _on_the_clock(date(year, month, day), match[5], offset, zone)
            return _Day(the_day, at, two_ways, second)
        # Excel's own "31-Dec-2026" (d-mmm-yyyy) as "31 Dec 2026".
        worded = _WORDED_DAY.fullmatch(
            _DASHED_MONTH.sub(lambda m: f"{m[1]} {m[2]} {_full_year(m[3])}", text, count=1)
        )
        if worded is not None:
            name = worded["month"] or worded["month2"]
            named = _MONTHS.get(name.casefold())
            if named is not None:
                the_day = date(int(worded["year"]), named, int(worded["day"] or worded["day2"]))
                _check_weekday(worded["weekday"], the_day)
                return _Day(*_on_the_clock(the_day, worded["clock"], None, zone)[:2], False)
    except ValueError:
        pass
    raise ValueError(text)


class _OtherWeekday(Exception):
    """A date whose day of the week is not the one written with it (no ValueError:
    the date is one, and the cell is refused for the weekday)."""

    def __init__(self, day: date) -> None:
        super().__init__(day)
        self.day = day


def _check_weekday(written: str | None, day: date) -> None:
    """``written`` (a weekday's name, whole or cut short) is ``day``'s."""
    if written is None:
        return
    name = written.casefold()
    known = [n for n, day_name in enumerate(_WEEKDAYS) if day_name.startswith(name)]
    # Two letters at least ("Sa, 5 Dec 2026", as short day names are written), naming
    # one day: "around Dec 5, 2026" is no date.
    if len(name) < 2 or len(known) != 1:
        raise ValueError(written)
    if day.weekday() not in known:
        raise _OtherWeekday(day)


def _on_the_clock(
    day: date, clock: str | None, offset: str | None, zone: ZoneInfo | None
) -> tuple[date, time | None, bool]:
    """A date cell's day and time: midnight written without AM or PM or an offset is a
    date column saved as date-times (12:00 AM is a time chosen), a moment with an
    offset from UTC (a data tool's, 00:00Z included: 09:00 in Tokyo) the day and time it
    is on ``zone``'s clock; and whether that is the second pass of a time the clocks
    go back over (:attr:`_Day.second`)."""
    at = _parse_clock(clock) if clock else None
    if at is None or (at == time(0) and not offset and not _HALF_OF_DAY.search(clock or "")):
        return day, None, False
    if offset and zone is not None:
        given = UTC if offset == "Z" else _utc_offset(offset)
        moment = datetime.combine(day, at, given).astimezone(zone)
        return moment.date(), moment.time().replace(fold=0), second_pass(moment)
    return day, at, False


def _utc_offset(text: str) -> timezone:
    hours, minutes = int(text[1:3]), int(text[3:].lstrip(":") or 0)
    if hours > 14 or minutes > 59:
        raise ValueError(text)
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


_HALF_OF_DAY = re.compile(_HALF_TEXT)
"""AM or PM however written ("pm", "p.m."): 12:00 a.m. is a time chosen, not a date's."""


def _is_clock(text: str) -> bool:
    try:
        _parse_clock(text)
    except ValueError:
        return False
    return True


_H_CLOCK = re.compile(r"(\d{1,2})\s?[hH]\s?(\d{2})?")
"""A time as French, and other languages, write it: "17h30", "17 h 30", "9h"."""


def _parse_clock(text: str) -> time:
    written = _H_CLOCK.fullmatch(text)
    if written is not None and int(written.group(1)) < 24 and int(written.group(2) or 0) < 60:
        return time(int(written.group(1)), int(written.group(2) or 0))
    match = _CLOCK.fullmatch(text)
    if match is not None and (match.group(2) is not None or match.group(4) is not None):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        seconds, half = match.group(3), match.group(4)
        if half is not None:
            if not 1 <= hour <= 12:
                raise ValueError(text)
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        if hour < 24 and minute < 60 and (seconds is None or int(seconds) == 0):
            return time(hour, minute)
    raise ValueError(text)


@dataclass(slots=True)
class _Row:
    """A row that passed every check, and the post it describes."""

    number: int
    uid: str
    post: NewPost
    present: frozenset[str]
    """Generic column names the file has (absent ones keep an updated post's value)."""
    status_given: bool
    said: str = ""
    """A note of what the row says (its cells by column): see
    :func:`.formats.reconcile_said`."""
    said_otherwise: str = ""
    """The note of the same cells read in the other date order, when a date reads
    two ways: a post that came in so is this row's post, read again."""
    said_before: str = ""
    """The narrower note earlier releases made of the same cells (none for a date that
    reads two ways): the same again, for the post it is noted on."""
    read: str = ""
    """A note of what the row says as read (its date and time as dates and times, its
    names as names): the same row saved again by another program, which writes its
    dates, times and case its own way, says the same."""


def _as_read(
    post: NewPost, present: frozenset[str], channel: str, titles: list[str], campaign: str
) -> str:
    """A row's note of what it says as read (:attr:`_Row.read`): its post, with the
    names it gives (a channel, key messages and a campaign yet to be made have no id),
    and the columns it has (a status from one, else none)."""
    as_read = "\x1f".join(
        [
            post.date.isoformat() if post.date is not None else "",
            format_time(post.time) or "",
            name_key(channel) if "channel" in present else "",
            ";".join(sorted(name_key(t) for t in titles)),
            name_key(campaign),
            post.status.value if "status" in present else "",
            post.title,
            post.body,
            post.link,
            post.notes,
            ",".join(sorted(present)),
        ]
    ).encode("utf-8", "surrogatepass")
    return f"{_ROW_MARK}{hashlib.blake2b(as_read, digest_size=16).hexdigest()}"


_ROW_MARK = "said:r"
"""How a note of what a row of a sheet said begins (:func:`_as_read`)."""


class _Names:
    """Channel, key message and campaign names of the calendar, by case-folded name;
    names the file introduces are created only when a row that uses them is accepted."""

    def __init__(
        self, store: CalendarStore, options: ImportOptions, summary: ImportSummary
    ) -> None:
        self._store = store
        self._options = options
        self._summary = summary
        self._starts_on = options.start_day(store)
        self.channels, self.messages, self.campaigns = import_names(store)
        # Names as spelled here, found first: of two an earlier release let in that now
        # read the same ("❤️ Customer love" and "❤ Customer love"), the one the file
        # spells (its own export moved posts from one to the other).
        # Only such twins: any other name goes by its key, renames here since known.
        named = [
            *(("channel", c.name, c.id) for c in store.channels(include_archived=True)),
            *(("message", m.title, m.id) for m in store.key_messages(include_archived=True)),
            *(("campaign", c.name, c.id) for c in store.campaigns()),
        ]
        keys = Counter((kind, name_key(name)) for kind, name, _ in named)
        self._spelled: dict[tuple[str, str], int] = {
            (kind, name): record for kind, name, record in named if keys[kind, name_key(name)] > 1
        }
        self.left_off = LeftOff(summary)
        self.fell_back: dict[str, str] = {}
        """Channels rows named that the calendar lacks, put on the fallback channel: by
        name key, as first written."""

    def channel(self, column: str, name: str, *, own: bool = False) -> tuple[int | None, str]:
        """The channel's id, or None with the name to create; ``own``: the file is
        Cadence's (it has uids), whose channel names are whole, commas and all."""
        spelled = self._spelled.get(("channel", one_line(name)))
        if spelled is not None:
            return spelled, name
        key = name_key(name)
        if key and key in self.channels:
            return self.channels[key], name
        if not own and len([part for part in name.split(",") if part.strip()]) > 1:
            # A multiple choice, as Notion and Airtable write one, not a channel to make
            # (one whose name has a comma is added first, then named).
            raise _BadValue(
                column,
                f"'{name}' names several channels; a post goes out on one, so give each"
                " its own row",
            )
        if name and self._options.create_missing:
            return None, name
        fallback = (self._options.fallback_channel or "").strip()
        if fallback:
            return self.channels.get(name_key(fallback)), fallback
        if not name:
            raise _BadValue(
                column, "the channel is empty; name one, or choose a channel for the import"
            )
        raise _BadValue(
            column,
            f"there is no channel called '{name}'; add it, or import with --create-missing",
        )

    def message(self, column: str, title: str) -> int | None:
        found = self._spelled.get(("message", one_line(title)))
        if found is None:
            found = self.messages.get(name_key(title))
        if found is None and not self._options.create_missing:
            raise _BadValue(
                column,
                f"there is no key message called '{title}'; add it, or import with"
                " --create-missing",
            )
        return found

    def campaign(self, column: str, name: str) -> int | None:
        found = self._spelled.get(("campaign", one_line(name)))
        if found is None:
            found = self.campaigns.get(name_key(name))
        if found is None and not self._options.create_missing:
            raise _BadValue(
                column,
                f"there is no campaign called '{name}'; add it, or import with --create-missing",
            )
        return found

    def create_channel(self, name: str) -> int:
        # Of the kind its name says, with the limit of the platform it names.
        new_id = self._store.add_channel(name, char_limit=known_limit(name)).created[0]
        self.channels[name_key(name)] = new_id
        self._summary.channels_added.append(new_id)
        return new_id

    def create_message(self, title: str) -> int:
        new_id = self._store.add_key_message(title, starts_on=self._starts_on).created[0]
        self.messages[name_key(title)] = new_id
        self._summary.messages_added.append(new_id)
        return new_id

    def create_campaign(self, name: str) -> int:
        new_id = self._store.add_campaign(name).created[0]
        self.campaigns[name_key(name)] = new_id
        self._summary.campaigns_added.append(new_id)
        return new_id


HOOTSUITE_READ = (
    "The file names no columns: it was read as a Hootsuite bulk file (a day and a time, a"
    " text, a link), each post's title the first line of its text."
)

WESTERN_READ = (
    "The file is not UTF-8 text: it was read as Windows Western European text (cp1252),"
    " as Excel saves a CSV file there; if letters look wrong, save it as CSV UTF-8 and"
    " import it again."
)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SIGN_IN_A_WORD = re.compile(r"(?<=[^\W\d_])[¹³¿¤¦¨¯¸¥](?=[^\W\d_])")
"""A sign inside a word, as Central European letters read as cp1252 are ("Tytu³" for
"Tytuł", "Za¿ó³æ")."""

_WESTERN_LETTERS = (
    "äöüß",  # German
    "àâçéèêëîïôœùûüÿ",  # French (its "æ" of "ex æquo" left out: "Czeœæ" is Polish)
    "áéíñóúü",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíîòóù",  # Italian
    "áäéèëíïóöúü",  # Dutch
    "àçèéíïòóú",  # Catalan
    "åäöé",  # Swedish
    "æøåéóòô",  # Danish, Norwegian
    "åäöšž",  # Finnish
    "áðéíóúýþæö",  # Icelandic
)
"""The letters beyond ASCII each Western European language writes (in small letters):
a text in cp1252 uses those of one of them (and "é", which every one borrows, and the
ordinals' "º" and "ª"). Czech,
Hungarian, Turkish or Romanian read so mixes letters of several ("Pøedstavujeme
Jiøího", "Ýstanbul'da fabrikamýzý açtýk"), as Cyrillic and Greek do ("Ïðèâåò")."""


def _reads_western(text: str) -> bool:
    """Whether ``text``'s letters beyond ASCII are all one Western European language's
    (:data:`_WESTERN_LETTERS`), and no sign sits inside a word."""
    if _SIGN_IN_A_WORD.search(text):
        return False
    letters = {c for c in text.lower() if ord(c) > 0x7F and c.isalpha()} - set("éºª")
    return any(letters <= set(language) for language in _WESTERN_LETTERS)


def _western(data: bytes) -> str | None:
    """``data`` read as cp1252, Excel's CSV in Western Europe ("CSV (Trennzeichen-
    getrennt)", umlauts, "€", „quotes“), where it reads as such: None for bytes cp1252
    has no letter for, control characters (no text at all), or letters of no one Western
    European language (another language's text, :func:`_reads_western`)."""
    if any(ord(c) > 0x7F and c != "\ufffd" for c in data.decode("utf-8", "replace")):
        return None  # UTF-8 with a byte gone wrong: read as cp1252, "Café" was "CafÃ©"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _CONTROLS.search(text) or not _reads_western(text):
        return None
    return text.removeprefix("\ufeff")


def _read_text(source: Path, said: list[str] | None = None) -> str:
    """The text of a CSV file: UTF-8, UTF-16 (its mark or its zeros say so) or, with a
    word in ``said``, Western European (:func:`_western`)."""
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise os_problem_for(exc, str(source)) from exc
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Excel's "Unicode Text", LibreOffice's "Unicode": the mark says it for certain.
            return data.decode("utf-16")
        # Without its mark (written by a script), a header of plain letters says it: every
        # other byte zero (it was blamed on a missing 'title' column).
        whole = data[: len(data) // 2 * 2]  # (a file cut short by a byte: its last lost)
        head = whole[:64]
        if len(head) >= 8:
            for encoding, zeros, letters in (
                ("utf-16-le", head[1::2], head[::2]),
                ("utf-16-be", head[::2], head[1::2]),
            ):
                if not zeros.strip(b"\x00") and b"\x00" not in letters:
                    return whole.decode(encoding)
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        western = _western(data)
        if western is not None:
            if said is not None:
                said.append(WESTERN_READ)
            return western
        raise ImportProblem(
            "the file is not UTF-8 text; save it as CSV UTF-8 and import it again",
            # Lines ended by returns alone too (Mac Excel's "CSV (Macintosh)").
            line=len(_LINE_ENDS.split(data[: exc.start])),
        ) from None


_LINE_ENDS = re.compile(rb"\r\n|\r|\n")


class _Table(NamedTuple):
    """A CSV file read into rows."""

    header: list[str]
    """The first row that is not blank."""
    header_line: int
    """The line of the text file the header ends on."""
    first_row: int
    """The row number of the first row after the header, as a spreadsheet numbers the
    rows of the file (blank rows above the header count; a cell holding a line end does
    not start a new row)."""
    records: list[list[str]]
    """The rows after the header."""
    delimiter: str = ","
    """What separates its cells: ``,``, ``;`` or a tab."""
    hootsuite: bool = False
    """Whether it is a Hootsuite bulk file, which names no columns (its first row is a
    post: its day and time, its text, its link): read under :data:`HOOTSUITE_COLUMNS`."""


_SEPARATOR_LINE = re.compile(r'"?sep=([,;\t|])"?[ ,;\t|]*(?:\r\n|\r|\n)', re.IGNORECASE)


HOOTSUITE_COLUMNS = ("date", "body", "link")
"""What a Hootsuite bulk file's cells are, in order: a day and a time, the text, a link."""

_HOOTSUITE_MOMENT = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}\s*")


def _hootsuite_row(cells: list[str]) -> bool:
    """Whether ``cells``, a file's first row, is a post of a Hootsuite bulk file: two
    or three cells, the first a day and a time as Hootsuite writes them ("22/01/2027
    11:00"), which no column is named, the third a web address if any."""
    return (
        2 <= len(cells) <= len(HOOTSUITE_COLUMNS)
        and _HOOTSUITE_MOMENT.fullmatch(cells[0]) is not None
        # Its third a link or nothing: a day, a title and a channel is no such file.
        and (len(cells) < 3 or not cells[2].strip() or tool_link(cells[2]) is not None)
    )


def _read_records(text: str) -> _Table:
    """The file's header and the rows after it."""
    # Cells hold whole blog posts at times; the csv module's default cap is 128 KiB.
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
    told = _SEPARATOR_LINE.match(text)
    if told is not None:  # Excel's "sep=;" line, which it reads and hides
        text = text[told.end() :]
    delimiter = told[1] if told is not None else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = header_row = 0
    records: list[list[str]] = []
    started = last_started = 1  # the line the record being read starts on, the last's
    try:
        for record in reader:
            if header is None:
                header_row += 1
                if any(c.strip() for c in record):
                    header, header_line = record, reader.line_num
            else:
                records.append(record)
            last_started, started = started, reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ImportProblem(
                "a quote opened on this row is never closed; a quote inside a cell must be "
                'doubled ("")',
                line=started,
            ) from None
        raise ImportProblem(
            f"the file is not valid CSV here ({exc}); a quote inside a quoted cell must be "
            'doubled ("")',
            line=reader.line_num,
        ) from None
    if header is None:
        raise ImportProblem(
            "The file is empty; a CSV file for Cadence starts with a line naming its "
            f"columns: {','.join(GENERIC_COLUMNS)}."
        )
    if _hootsuite_row(header):
        # Hootsuite's bulk file (Cadence's own among them): its first row is a post.
        records.insert(0, header)  # (a row without a link is as wide as one with)
        return _Table(list(HOOTSUITE_COLUMNS), 0, header_row, records, delimiter, True)
    uid = next((i for i, name in enumerate(header) if _column_key(name) == "uid"), None)
    last = records[-1] if records else []
    if (
        uid is not None
        and uid < len(last)
        and last[uid].strip()
        and len(last) < len(header)
        and not text.endswith(("\n", "\r"))
    ):
        # A download or a sync cut short: the last row's cells missing were read as
        # empty, and the post it named lost its text and link (and its title's end).
        # (A row written short on purpose, its empty cells left out, names no post
        # already here: a new one comes of it, as before.)
        raise ImportProblem(
            f"the file stops in the middle of this row ({len(last)} of its"
            f" {len(header)} columns, and no line end after it): it looks cut short, as"
            " by a download or a copy that did not finish; nothing was imported",
            line=last_started,
        )
    return _Table(header, header_line, header_row + 1, records, delimiter)


def _delimiter(text: str) -> str:
    """``,`` unless the header line only makes sense split on ``;`` or a tab (Excel in many
    European languages saves "CSV" with semicolons)."""
    first_line = next(iter(text.lstrip("\r\n").splitlines()), "")  # CR alone ends one too
    # (the text of a sheet without titles, which gives them)
    titles = {"title", *_COLUMN_ALIASES["title"], "body", *_COLUMN_ALIASES["body"]}
    for delimiter in (",", ";", "\t"):
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        if any(_column_key(c) in titles for c in cells):
            return delimiter
    return ","


ALL_DAY = "all_day"
"""Outlook's "All day event" column (True or False), read beside a time: an all-day
event's "12:00:00 AM" is no time (the post came in at midnight)."""
_ALL_DAY = frozenset({"all_day_event", "all_day", "allday"})
_TRUE_WORDS = frozenset({"true", "yes", "y", "1", "x", "vrai", "wahr", "ja", "oui"})

_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    # Other tools' names for Cadence's columns, in the order they are taken, read where a
    # file lacks Cadence's own: Notion's and Asana's "Name", Trello's "Card Name" and
    # "Due Date", Outlook's "Subject" and "Start Date", Airtable's "Publish date".
    "title": ("name", "card_name", "task_name", "post_title", "headline", "subject"),
    "date": (
        "publish_date",
        "publishing_date",
        "publication_date",
        "post_date",
        "posting_date",
        "scheduled_date",
        "send_date",
        "go_live_date",
        "due_date",
        "due",
        "start_date",
        # A day and a time in one cell, which the date column reads as such.
        "date_time",
        "datetime",
        "date_and_time",
        "scheduled_at",
        "scheduled_for",
        "publish_at",
        "posting_time",  # Buffer's: "2026-12-08 09:30"
        "scheduled_time",  # Later's, and a newsletter tool's "Send Time", the same
        "send_time",
    ),
    "time": ("publish_time", "post_time", "start_time", "time_24hr"),  # (Sprout Social's)
    "channel": (
        "platform",
        "network",
        "social_network",
        "channel_name",
        "social_media",
        "social_channel",
        "profile",
        "social_profile",
        "social_account",
        "networks",
        "platforms",
    ),
    "key_messages": ("key_message",),
    "body": (
        "description",
        "card_description",
        "content",
        "copy",
        "caption",
        "post_text",
        "text",
        "message_text",  # Sprout Social's bulk file (not "message": a key message's)
    ),
    "link": ("url",),
}
_ALIAS_OF = {alias: column for column, aliases in _COLUMN_ALIASES.items() for alias in aliases}


def _column_key(name: str) -> str:
    """A column name as Cadence reads it: "Key messages" and "key-messages" are
    key_messages, "Date & Time" and "Date/Time" date_time (other signs are the name's:
    "Status %" is no status); a byte-order mark a file has twice, left out."""
    key = name.replace("\ufeff", "").strip().casefold()
    return re.sub(r"\s*[&/]\s*|[\s_-]+", "_", key)


_A_DAY = re.compile(r"\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b")
"""A cell that begins with a date: a post's, where the names of the columns go."""


def _header_columns(
    header: list[str],
    line: int,
    options: ImportOptions,
    ignored: list[str] | None = None,
    aliased: list[tuple[str, str]] | None = None,
) -> dict[str, tuple[int, str]]:
    """Generic column name -> (cell index, the name as the file spells it).

    The names of the columns Cadence does not read go to ``ignored``; another tool's
    name read for one of Cadence's columns ("Due Date" for ``date``), with that column,
    to ``aliased``.
    """
    found: dict[str, tuple[int, str]] = {}
    others: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(header):
        name = cell.strip()
        key = _column_key(name)
        if key in _ALL_DAY and ALL_DAY not in found:
            found[ALL_DAY] = (index, name)
            continue
        if key not in GENERIC_COLUMNS:
            if key in _ALIAS_OF and key not in others:
                others[key] = (index, name)
            elif name and ignored is not None:
                ignored.append(name)
            continue
        if key in found:
            raise ImportProblem(f"the column '{name}' appears twice", line=line)
        found[key] = (index, name)
    for column, aliases in _COLUMN_ALIASES.items():
        taken = next((alias for alias in aliases if alias in others), None)
        if column not in found and taken is not None:
            found[column] = others.pop(taken)
            if aliased is not None:
                aliased.append((found[column][1], column))
    if ignored is not None and others:  # an alias left over, in the file's order
        order = {cell.strip(): index for index, cell in reversed(list(enumerate(header)))}
        ignored.extend(name for _index, name in others.values())
        ignored.sort(key=lambda name: order.get(name, 0))
    if "title" not in found and "body" in found:
        # A publishing tool's sheet (Buffer's "Text", Later's "Caption"): each post's
        # title is the first line of its text (see _RowReader).
        found["title"] = found["body"]
    if "title" not in found and any(_A_DAY.match(cell) for cell in header):
        # Its first row is a post, but not a Hootsuite bulk file's (those are read):
        # "no 'title' column" named the line its text ended on, 3 for a post of 3 lines.
        raise ImportProblem(
            "the file's first line is a post, not the names of its columns; a CSV file for"
            " Cadence starts with a line naming its columns, like " + ",".join(GENERIC_COLUMNS)
        )
    if "title" not in found:
        raise ImportProblem(
            "the file has no 'title' column; its first line must name the columns, like "
            + ",".join(GENERIC_COLUMNS),
            line=line,
        )
    if "time" in found and "date" not in found:
        raise ImportProblem("the file has a 'time' column but no 'date' column", line=line)
    if "channel" not in found and not (options.fallback_channel or "").strip():
        if not line:  # Hootsuite's bulk file, whose columns no line names ("line 0")
            raise ImportProblem(
                "a Hootsuite file names no channel; choose the channel of its posts (on the"
                " command line, --channel)"
            )
        raise ImportProblem(
            "the file has no 'channel' column; add one, or choose a channel for the imported posts"
            " (on the command line, --channel)",
            line=line,
        )
    return found


class _RowReader:
    """Turns the cells of one row into a :class:`_Row`, or raises :class:`_BadValue`."""

    def __init__(
        self,
        columns: dict[str, tuple[int, str]],
        header: list[str],
        names: _Names,
        options: ImportOptions,
        zone: ZoneInfo | None = None,
        delimiter: str = ",",
    ) -> None:
        self.width = len(header)
        self.separators = {";": "semicolons", "\t": "tabs"}.get(delimiter, "commas")
        self.named = len(header)
        while self.named and not header[self.named - 1].strip():
            self.named -= 1  # empty names at the end (Excel's ";;;;"), no column
        self.names = names
        self.zone = zone  # the calendar's, for a moment given with its offset from UTC
        self.words_read: dict[str, tuple[str, PostStatus]] = {}
        """Other tools' status words read, as the file first writes each, and as what."""
        self.words_unknown: dict[str, str] = {}
        """Status words Cadence does not know, as the file first writes each."""
        self.day_first = options.day_first is not False
        self.present = frozenset(columns)
        # An absent column reads the "" appended to every row (index -1).
        self.at = {name: columns[name][0] if name in columns else -1 for name in GENERIC_COLUMNS}
        self.all_day_at = columns[ALL_DAY][0] if ALL_DAY in columns else -1
        self.label = {n: columns[n][1] if n in columns else n for n in GENERIC_COLUMNS}
        self.title_from_body = "body" in columns and columns["title"] == columns["body"]
        self.seen_uids: dict[str, int] = {}
        self.second_pass: dict[int, tuple[str, date, time]] = {}
        """By row, one whose moment is the second pass of a time the clocks go back over
        (its title, day and time here): kept on the wall clock, which says the first."""
        self.spanning: dict[int, str] = {}
        """By row number, the title of a post whose date cell gave a range of days."""
        self.links_left_out = False
        """Whether an empty link cell says nothing of a post's link (a Hootsuite file's)."""
        self._days: dict[str, _Day] = {}
        self._times: dict[str, time] = {}
        self._whole: set[str] = set()  # titles the file writes whole (see learn_titles)

    def learn_titles(self, records: Sequence[list[str]]) -> None:
        """Titles the file writes among others with ``;`` between them ("Fast, reliable;
        Local"): where it writes one alone ("Fast, reliable"), it is that one, not two
        split at its comma, whichever row comes first."""
        at = self.at["key_messages"]
        if at < 0:
            return
        for cells in records:
            cell = cells[at] if at < len(cells) else ""
            if ";" in cell:
                cell = restore(cell) if cell.startswith("'") else cell
                self._whole.update(name_key(t) for t in split_key_messages(cell))

    def read(self, number: int, cells: list[str]) -> _Row:
        count, width = len(cells), self.width
        # A row longer than the header was cut at a comma of its text: the text from
        # there on went to the next cells, those of columns without a name too.
        if count > width and any(c.strip() for c in cells[self.named :]):
            # A cell quoted after a space was cut all the same: the quote opens none there.
            spaced = any(c[:1].isspace() and c.lstrip().startswith('"') for c in cells)
            mend = (
                "remove the space before a cell's opening quote (with it, the quote opens"
                " no quoted cell)"
                if spaced
                else f"put quotes around cells that hold {self.separators}"
            )
            raise _BadValue("", f"it has {count} cells where the header names {self.named}; {mend}")
        values = [restore(c) if c.startswith("'") else c for c in cells]
        # Some tools leave out a row's empty cells at its end.
        values.extend([""] * (width - count + 1))
        at, label, names = self.at, self.label, self.names
        uid = values[at["uid"]].strip()
        if shows_nothing(uid):  # (a zero-width space alone made a second copy of a post)
            uid = ""
        if uid:
            earlier = self.seen_uids.get(uid)
            if earlier is not None:
                raise _BadValue(
                    label["uid"],
                    f"'{uid}' is also on row {earlier}; each post may appear only once",
                )
        said_day = self._day(values[at["date"]].strip())
        day = said_day.day if said_day is not None else None
        all_day = values[self.all_day_at].strip().casefold() in _TRUE_WORDS
        clock = None if all_day else self._time(values[at["time"]].strip())
        if said_day is not None and said_day.at is not None and not all_day:
            if clock is None:
                clock = said_day.at
            elif clock != said_day.at:
                raise _BadValue(
                    label["time"],
                    f"the date says {format_time(said_day.at)} and the time "
                    f"{format_time(clock)}; give the time once",
                )
        if clock is not None and day is None:
            raise _BadValue(
                label["time"],
                f"'{format_time(clock)}' is a time without a date; give the post a date or "
                "leave the time empty",
            )
        written_channel = _shown(values[at["channel"]])
        channel_id, channel_name = names.channel(
            label["channel"], written_channel, own="uid" in self.present
        )
        titles = self._titles(values[at["key_messages"]])
        message_ids = [names.message(label["key_messages"], t) for t in titles]
        campaign_name = _shown(values[at["campaign"]])
        campaign_id = names.campaign(label["campaign"], campaign_name) if campaign_name else None
        status_text = values[at["status"]].strip()
        default = PostStatus.SCHEDULED if day is not None else PostStatus.IDEA  # as `post add`
        status = self._status(status_text) if status_text else default
        given = status is not None and bool(status_text)
        if status is None:
            # A word Cadence does not know ("Needs approval"): a new post comes in a
            # draft, counting as no delivery; one already here keeps its own, as with
            # an empty cell (the whole row was skipped; then, all made drafts, posts
            # gone out counted as none).
            status = PostStatus.DRAFT
        title = values[at["title"]].strip()
        if self.title_from_body:
            title = title_of_text(title)
        if shows_nothing(title):  # (zero-width characters alone are no title either)
            raise _BadValue(label["title"], "the title is empty; every post needs one")
        # Every check passed: now create what the row names and the calendar lacks.
        if channel_id is None:
            channel_id = names.channels.get(name_key(channel_name))
            if channel_id is None:
                channel_id = names.create_channel(channel_name)
        resolved = names.left_off.ids(
            (
                m if m is not None else names.messages.get(name_key(t)) or names.create_message(t)
                for m, t in zip(message_ids, titles, strict=True)
            ),
            titles,
        )
        if campaign_name and campaign_id is None:
            campaign_id = names.campaigns.get(name_key(campaign_name)) or names.create_campaign(
                campaign_name
            )
        campaign_id = names.left_off.campaign(campaign_id, campaign_name)
        if uid:
            self.seen_uids[uid] = number
        if written_channel and name_key(written_channel) != name_key(channel_name):
            names.fell_back.setdefault(name_key(written_channel), written_channel)
        post = NewPost(
            title,
            channel_id,
            tuple(sorted(set(resolved))) if len(resolved) > 1 else tuple(resolved),
            day,
            clock,
            status,
            values[at["body"]],
            campaign_id,
            values[at["link"]],
            values[at["notes"]],
        )
        written = "\x1f".join(values[at[name]] for name in GENERIC_COLUMNS).encode(
            "utf-8", "surrogatepass"
        )
        # Wide enough to find a row's post among every post of a calendar by it; the
        # narrow note of earlier releases still tells a row from its own post's past.
        said = f"said:{hashlib.blake2b(written, digest_size=16).hexdigest()}"
        said_before = f"said:{zlib.crc32(written):08x}"
        # The same cells read in the other date order are another thing said.
        other = ""
        if said_day is not None and said_day.two_ways:
            said, other = (said, said + "/m") if self.day_first else (said + "/m", said)
            said_before = ""  # it noted both orders alike
        present = self.present
        if said_day is not None and said_day.at is not None:
            present = present | {"time"}  # the date cell gave the time
        if self.links_left_out and not values[at["link"]].strip():
            # A tool's link column leaves out a link that is no web address or that the
            # text has: empty, it says nothing of the post's (it emptied it).
            present = present - {"link"}
        # A row with a uid is known by it.
        read = "" if uid else _as_read(post, present, channel_name, titles, campaign_name)
        if said_day is not None and said_day.second and day is not None and clock is not None:
            self.second_pass[number] = (post.title, day, clock)
        if said_day is not None and said_day.spans:
            self.spanning[number] = post.title
        return _Row(number, uid, post, present, given, said, other, said_before, read)

    def _titles(self, cell: str) -> list[str]:
        """The key messages a cell names: separated by ``;`` (as Cadence writes them),
        or by commas, as spreadsheets and databases write a multiple choice ("Made in
        Europe, Zero waste"), where the whole is no key message here and either the file
        is no Cadence file (it has no uid column) or each part is one. A key message
        here with a comma in its title is one part ("Fast, reliable"), as is one the
        file writes whole in another row, and a comma at the end makes none."""
        if "\n" in cell or "\r" in cell:  # one a line, as a list typed into a cell
            return [title for line in cell.splitlines() for title in self._titles(line)]
        titles = split_key_messages(cell)
        if len(titles) != 1 or "," not in titles[0]:
            return titles
        here, whole = self.names.messages, self._whole

        def known(title: str) -> bool:
            key = name_key(title)
            return key in here or key in whole

        if known(titles[0]):
            return titles
        pieces = _comma_pieces(titles[0])
        # No run longer than the most commas a key message here has (hundreds of pieces
        # in one cell took minutes, every run tried at every piece).
        longest = 1 + max((k.count(",") for k in (*here, *whole)), default=0)
        parts: list[str] = []
        start = 0
        while start < len(pieces):
            # A quoted piece whole; else the longest run of unquoted pieces that is a key
            # message here ("Fast, reliable"), else one piece.
            stop = next((n for n in range(start, len(pieces)) if pieces[n][1]), len(pieces))
            stop = min(stop, start + longest)
            end = next(
                (end for end in range(stop, start + 1, -1) if known(_joined(pieces[start:end]))),
                start + 1,
            )
            part = _joined(pieces[start:end]).strip()
            if part:
                parts.append(part)
            start = end
        if "uid" in self.present:  # Cadence's own file: split only into titles known here
            known_parts = len(parts) > 1 and all(known(p) for p in parts)
            return parts if known_parts else titles
        return parts  # none for commas alone

    def _status(self, text: str) -> PostStatus | None:
        """The status a cell names: Cadence's own, or another tool's word for one (noted
        in ``words_read``); None for a word Cadence does not know (noted in
        ``words_unknown``)."""
        key = " ".join(text.casefold().replace("_", " ").replace("-", " ").split())
        status = _STATUSES.get(key)
        if status is None and key in _STATUS_WORDS:
            status = _STATUS_WORDS[key]
            self.words_read.setdefault(key, (text, status))
        if status is None:
            self.words_unknown.setdefault(key, text)
        return status

    def _day(self, text: str) -> _Day | None:
        if not text:
            return None
        day = self._days.get(text)
        if day is None:
            try:
                day = self._days[text] = self._day_or_start(text)
            except _OtherWeekday as other:
                raise _BadValue(
                    self.label["date"],
                    f"'{text}' is not a date: {spelled_day(other.day, weekday=False)} is a"
                    f" {_WEEKDAYS[other.day.weekday()].capitalize()}",
                ) from None
            except ValueError:
                if _SECONDS.search(text):  # a date all the same ("1/5/2027 9:15:30")
                    raise _BadValue(
                        self.label["date"], _to_the_minute(text, "YYYY-MM-DD HH:MM")
                    ) from None
                parts = _RANGE.split(text)
                if len(parts) == 2 and self._reads_as_day(parts[0].strip()):
                    # "2027-03-15 - tbd": its day is right, what follows it is no end
                    # ("write it as YYYY-MM-DD" read as if the day were wrong).
                    raise _BadValue(
                        self.label["date"],
                        f"'{text}' is not a date: what follows '{parts[0].strip()}' ends no"
                        " range of days; give the day alone",
                    ) from None
                raise _BadValue(
                    self.label["date"], f"'{text}' is not a date; write it as YYYY-MM-DD"
                ) from None
        if not in_plans(day.day):
            raise _BadValue(self.label["date"], f"{text} {OUTSIDE_PLANS}")
        return day

    def _day_or_start(self, text: str) -> _Day:
        """The date a cell gives, or the start of a range: of times on one day ("December
        5, 2026 10:00 AM → 11:00 AM", as Notion writes an event's), or of days, its first
        said as such ("March 15, 2027 → March 19, 2027"; "2026-12-05 - 10")."""
        try:
            return _parse_day(text, self.day_first, self.zone)
        except ValueError:
            parts = _RANGE.split(text)
            if len(parts) != 2:
                raise
            start = _parse_day(parts[0].strip(), self.day_first, self.zone)
            end = parts[1].strip()
            if _is_clock(end):
                # A day and its time ("2026-12-05 - 10:30", as Drupal writes one), or the
                # start of a range of times, which keeps its own.
                try:
                    return _parse_day(f"{parts[0].strip()} {end}", self.day_first, self.zone)
                except ValueError:
                    return start
            if not self._ends(start.day, end):  # ("- tbd", or a range ending before it)
                raise
            return start._replace(spans=True)

    def _reads_as_day(self, text: str) -> bool:
        try:
            _parse_day(text, self.day_first, self.zone)
        except ValueError:
            return False
        return True

    def _ends(self, first: date, end: str) -> bool:
        """Whether ``end`` closes a range of days from ``first``: a later date, or a day of
        its month written alone ("2026-12-05 - 10")."""
        if end.isdigit():  # a day of its month that is there (no 30 February)
            return first.day < int(end) <= monthrange(first.year, first.month)[1]
        try:
            return _parse_day(end, self.day_first, self.zone).day > first
        except ValueError:
            return False

    def _time(self, text: str) -> time | None:
        if not text:
            return None
        clock = self._times.get(text)
        if clock is None:
            try:
                clock = self._times[text] = _parse_clock(text)
            except ValueError:
                if _SECONDS.search(text):  # a time of day all the same: "is not one" was untrue
                    raise _BadValue(self.label["time"], _to_the_minute(text, "HH:MM")) from None
                raise _BadValue(
                    self.label["time"], f"'{text}' is not a time of day; write it as HH:MM"
                ) from None
        return clock


def cut_by_a_spreadsheet(given: str, had: str) -> bool:
    """Whether ``given`` is ``had`` cut at :data:`SPREADSHEET_CELL` characters, as a
    spreadsheet cuts a longer cell (a re-import took the cut text as an edit: half of a
    long text gone, unsaid)."""
    return len(given) == SPREADSHEET_CELL < len(had) and had.startswith(given)


def _merged(row: _Row, old: Post) -> NewPost:
    """The row's post, with the fields of columns the file lacks taken from ``old``; a
    text a spreadsheet cut at its cell's length keeps the whole (:func:`cut_by_a_spreadsheet`)."""
    new, present = row.post, row.present
    if "time" in present:
        at = new.time
    elif "date" in present:
        at = old.time if new.date is not None else None
    else:
        at = old.time
    day = new.date if "date" in present else old.date
    status = new.status if row.status_given else old.status
    return NewPost(
        title=new.title,
        channel_id=new.channel_id if "channel" in present else old.channel_id,
        message_ids=new.message_ids if "key_messages" in present else old.message_ids,
        date=day,
        time=at,
        status=backlog_status(status) if day is None else status,
        body=_whole(new.body, old.body) if "body" in present else old.body,
        campaign_id=new.campaign_id if "campaign" in present else old.campaign_id,
        link=new.link if "link" in present else old.link,
        notes=_whole(new.notes, old.notes) if "notes" in present else old.notes,
    )


def _whole(given: str, had: str) -> str:
    return had if cut_by_a_spreadsheet(given, had) else given


def _backlog_drafts(rows: list[_Row]) -> set[int]:
    """New posts without a date that their rows call scheduled or published (the
    file's dates in a column Cadence does not read) are drafts: their row numbers."""
    drafted = set()
    for row in rows:
        if row.post.date is None and row.post.status in DATED_ONLY:
            row.post = replace(row.post, status=PostStatus.DRAFT)
            drafted.add(row.number)
    return drafted


def _plural(word: str, items: Sequence[str]) -> str:
    return word if len(items) == 1 else word + ("es" if word.endswith("s") else "s")


def _say_drafts(count: int, summary: ImportSummary) -> None:
    if count:
        posts, drafts = ("post", "a draft") if count == 1 else ("posts", "drafts")
        summary.notes.append(
            f"{count} {posts} without a date that the file calls scheduled or published "
            f"came in as {drafts}, in the backlog."
        )


def _post_key(day: str | None, at: str | None, channel_id: int, title: str) -> tuple[Any, ...]:
    return (day, at, channel_id, title)


def import_csv(
    store: CalendarStore,
    source: Path,
    options: ImportOptions,
    progress: Progress = no_progress,
) -> ImportSummary:
    """Import a generic-profile CSV file (see the module's notes) in one transaction."""
    read_as: list[str] = []
    text = _read_text(source, read_as)
    header, header_line, first_row, records, delimiter, hootsuite = _read_records(text)
    summary = ImportSummary()
    summary.notes.extend(read_as)
    if hootsuite:
        summary.notes.append(HOOTSUITE_READ)
    aliased: list[tuple[str, str]] = []
    columns = _header_columns(header, header_line, options, summary.ignored_columns, aliased)
    if aliased:
        read_as = [f"'{name}' as the {column.replace('_', ' ')}" for name, column in aliased]
        summary.notes.append(f"Read the {_plural('column', read_as)} {in_words(read_as)}.")
    if columns["title"] == columns.get("body") and not hootsuite:
        summary.notes.append(
            "The file has no title column: each post's title is the first line of its"
            f" '{columns['body'][1]}'."
        )
    if options.day_first is None and "date" in columns:
        # The order the file's dates show (a day over 12 tells), else the one under which
        # the posts its uids name keep their days (a US sheet saved again by Excel,
        # "12/9/2026", moved every post by months), else day first.
        index = columns["date"][0]
        told, example = _date_order(cells[index] for cells in records if index < len(cells))
        why = "since no date of the file tells its order"
        if told is None and example is not None and "uid" in columns:
            told = _order_of_known_posts(store, records, index, columns["uid"][0])
            why = "as the posts it names are dated here"
        options = replace(options, day_first=told if told is not None else True)
        if example is not None:
            first = options.day_first is not False
            read = _parse_day(example, first).day
            summary.notes.append(
                f"Dates such as {example} were read {'day' if first else 'month'} first, as"
                f" {spelled_day(read, weekday=False)}, {why}."
            )
    # Reading the rows is half the work, writing the posts the other half.
    ticker = _Ticker(progress, 2 * len(records))
    ticker.advance(0)
    with environment_errors(), store.db.atomic():
        names = _Names(store, options, summary)
        _learn_renames(store, names, columns, records, summary)
        reader = _RowReader(columns, header, names, options, store.zone, delimiter)
        reader.links_left_out = hootsuite
        reader.learn_titles(records)
        rows: list[_Row] = []
        for number, cells in enumerate(records, first_row):
            if number % _PROGRESS_EVERY == 0:
                ticker.advance(_PROGRESS_EVERY)
            if not any(c.strip() for c in cells):
                continue
            try:
                rows.append(reader.read(number, cells))
            except _BadValue as bad:
                summary.skipped.append(
                    str(ImportProblem(bad.message, row=number, column=bad.column or None))
                )
        if names.fell_back:
            named = quoted_names(list(names.fell_back.values()))
            summary.notes.append(
                f"Rows naming {named}, no channel here, came in on"
                f" {(options.fallback_channel or '').strip()}."
            )
        if reader.words_read:
            read_as = [f"'{text}' as {status.value}" for text, status in reader.words_read.values()]
            summary.notes.append(f"Read the {_plural('status', read_as)} {in_words(read_as)}.")
        if reader.words_unknown:
            unknown = [f"'{text}'" for text in reader.words_unknown.values()]
            summary.notes.append(
                f"Read {in_words(unknown)}, no {_plural('status', unknown)} Cadence knows, as"
                " draft for a new post (it counts as no delivery), and left the status of a"
                " post already here as it was: set each post's status in the calendar."
            )
        # Reading is done; skipped and blank rows need no writing.
        ticker.done = 2 * len(records) - len(rows)
        ticker.advance(0)
        # Sprout Social's own column: a file sent to the tool (Cadence's, imported back).
        sent = hootsuite or SPROUT_HEADER[1] in {name.strip().lower() for name in header}
        matches = _match(
            store,
            rows,
            sent=sent,
            stepped=hootsuite,
            titled_by_text=sent and reader.title_from_body,
        )
        _as_sent(store, rows, matches, tool=sent, stepped=hootsuite)
        whole = columns.keys() >= _WHOLE_COLUMNS
        # Undated rows called scheduled are drafts before anything compares them.
        drafted = _backlog_drafts([r for r in rows if r.number not in matches])
        rows = _leave_deleted_out(store, rows, summary, matches, whole)
        updated = len(summary.previous)
        _apply_updates(store, rows, matches, summary, ticker, whole)
        taken = {p.id for p in summary.previous[updated:]}
        new_rows = [r for r in rows if r.number not in matches]
        _insert_new(store, new_rows, summary, ticker)
        came = [r.number for r in rows if r.number not in matches or matches[r.number] in taken]
        second = second_pass_note([reader.second_pass[n] for n in came if n in reader.second_pass])
        if second is not None:
            summary.notes.append(second)
        spans = spanning_note([reader.spanning[n] for n in came if n in reader.spanning])
        if spans is not None:
            summary.notes.append(spans)
        _say_drafts(sum(1 for r in new_rows if r.number in drafted), summary)
        if "uid" not in columns:
            alike = _alike_note(
                store, summary.added, set(matches.values()), titled=not reader.title_from_body
            )
            if alike is not None:
                summary.notes.append(alike)
        if new_rows and "status" not in columns:  # said: they count as deliveries
            summary.notes.append(NO_STATUS_NOTE)
        start_from_first_posts(store, summary)
        if summary.messages_added:  # (a CSV round trip gave every message the default)
            made = len(summary.messages_added)
            which = "the one made here repeats" if made == 1 else f"the {made} made here repeat"
            whose = "its" if made == 1 else "each one's"
            summary.notes.append(
                f"A CSV file holds no key message's cadence: {which}"
                f" {every_days(store.info().default_cadence_days)}, the calendar's default;"
                f" set {whose} own in Edit > Key Messages."
            )
        ticker.finish()
    return summary


_ALIKE_CHECKED = 500
"""Of the posts a sheet adds, how many are compared with those already here."""


def _alike_note(
    store: CalendarStore, added: Sequence[int], rows_kept: set[int], *, titled: bool = True
) -> str | None:
    """A note naming the posts a sheet without uids added that look like changes of
    posts a sheet brought before that no row of this one is any more (``rows_kept``,
    those its rows are; none: a sheet of new posts alone, no revision, unless not
    ``titled``: titles taken from texts, which an edit there changes): the same title
    on the same channel within two weeks, or another title on the same channel at the
    same day and time. A client's revised sheet, a row moved or
    retitled there, came in as a second post beside the first, which still counted
    (the sheet cannot tell a change from a new row); None when none looks so."""
    if not added or (not rows_kept and titled):
        return None  # a sheet of new posts alone: no revision of one brought before
    checked = {post.id: post for post in store.posts(added[:_ALIKE_CHECKED])}
    new = [checked[i] for i in added[:_ALIKE_CHECKED] if checked.get(i) and checked[i].date]
    if not new:
        return None
    near = timedelta(days=14)
    first = min(cast(date, p.date) for p in new) - near
    last = max(cast(date, p.date) for p in new) + near
    # The posts a sheet's rows brought (a post made here, a weekly "Newsletter", is no
    # row that moved), in one read: by channel, day, time and title.
    passed = set(added) | rows_kept
    brought: dict[int, list[tuple[date, str | None, str]]] = {}
    for post_id, channel_id, day, at, title in store.read(
        "SELECT id, channel_id, date, time, title FROM posts WHERE status != 'cancelled'"
        " AND date BETWEEN ? AND ? AND channel_id IN (SELECT value FROM json_each(?))"
        " AND EXISTS (SELECT 1 FROM post_versions v WHERE v.post_id = posts.id"
        " AND v.earlier_revision = 0 AND substr(v.earlier_edited, 1, ?) = ?)",
        [
            first.isoformat(),
            last.isoformat(),
            json.dumps(sorted({p.channel_id for p in new})),
            len(_ROW_MARK),
            _ROW_MARK,
        ],
    ):
        if post_id not in passed:
            brought.setdefault(channel_id, []).append((date.fromisoformat(day), at, title))
    found = []
    # Of titles taken from texts, in a sheet of new posts alone, only a text edited at
    # its day and time: "Tip of the week" opens every week's post.
    moved = titled or bool(rows_kept)
    for post in new:  # in the sheet's order
        day, at = cast(date, post.date), format_time(post.time)
        alike = [
            (other, when, title)
            for other, when, title in brought.get(post.channel_id, [])
            if (
                moved
                and title == post.title
                and abs(other - day) <= near
                and (other, when) != (day, at)
            )
            or (title != post.title and (other, when) == (day, at))
        ]
        if alike:  # the nearest (a weekly title's of the week before was as alike)
            earlier = min(alike, key=lambda found: abs(found[0] - day))
            # Both named, each by what tells it from the other (a time moved on its day
            # named the two alike: the old one, which held any change made here, looked
            # as much the one to delete).
            found.append(f"'{shortened(post.title)}'{_at_on(day, at)} {_beside(post, *earlier)}")
    if not found:
        return None
    posts = "post looks" if len(found) == 1 else "posts look"
    named = named_few(found)
    return (
        f"{len(found)} new {posts} like a change of one an earlier import of a sheet"
        f" brought (the same title on another day or at another time, or another title at"
        f" the same day and time): {named}. A sheet without a uid column"
        " cannot tell a row changed there from a new one: check them, and where a row"
        " moved, delete the old post once any change made to it here is taken over."
    )


def _at_on(day: date, at: str | None) -> str:
    return f"{f' at {at}' if at else ''} on {spelled_day(day, weekday=False)}"


def _beside(post: Post, day: date, at: str | None, title: str) -> str:
    """The earlier post a new one looks like a change of, told from it."""
    if title != post.title:
        return f"(beside '{shortened(title)}')"
    if day == post.date:
        return f"(beside the one {f'at {at}' if at else 'without a time'})"
    return f"(beside the one{_at_on(day, at if at != format_time(post.time) else None)})"


NO_STATUS_NOTE = (
    "The file has no status column, so its new posts came in scheduled (those without a"
    " date as ideas); mark any that are drafts in the agenda."
)
"""Said of a sheet without statuses: the posts it brings count as deliveries."""

_WHOLE_COLUMNS = frozenset({"channel", "key_messages", "campaign", "notes"})
"""With these (and what any row shows), a row tells all a post shows."""


def _read_the_other_way(post: Post, row: NewPost) -> bool:
    """Whether ``post`` is ``row`` with its date read in the other order (03/04 as 4
    March, not 3 April), and otherwise as the row shows it."""
    day = row.date
    if day is None or post.date is None or day.day > 12:
        return False
    try:
        other = date(day.year, day.day, day.month)
    except ValueError:
        return False
    return post.date == other and post_content(replace(row, date=other)) == post_content(post)


def _leave_deleted_out(
    store: CalendarStore,
    rows: list[_Row],
    summary: ImportSummary,
    matches: dict[int, int],
    whole: bool,
) -> list[_Row]:
    """The rows less those of posts deleted here that show them as they were when
    deleted, or, from a file with every column (``whole``), as they were before an
    edit here (an export from before it): by uid, or, for a row with none that is no
    post here (``matches``), by what it shows alone, or by its cells being those the
    post came in with (a plan kept in a spreadsheet, imported again). A row changed
    since in anything it carries comes in; a row of a file without some columns,
    unless it shows the post exactly as deleted or says what it came in with, comes in
    too (what it leaves out is not known)."""
    gone = store.deleted(row.uid for row in rows if row.uid)
    histories = store.history(list(gone.values()))
    unmatched = [row for row in rows if not row.uid and row.number not in matches]
    keyless = store.deleted_showing(row.post for row in unmatched) if whole else set()
    came_in = store.deleted_noted(
        note for row in unmatched for note in (row.said, row.said_before, row.read) if note
    )

    def _stays_out(row: _Row) -> bool:
        said = {row.said, row.said_before, row.read}
        return shown_sum(row.post) in keyless or bool(said & came_in)

    kept = []
    for row in rows:
        deleted = gone.get(row.uid) if row.uid else None
        if deleted is not None:
            told = shown_note_of(row.post) if whole else None
            past = whole_note(row.post) if whole else None
            history = histories[deleted.id]
            if stays_deleted(
                deleted, shown_sum(row.post), None, None, history, told=told, whole=past
            ):
                continue
            summary.revived.append(deleted)
        elif not row.uid and row.number not in matches and _stays_out(row):
            continue
        kept.append(row)
    summary.left_deleted += len(rows) - len(kept)
    return kept


def _learn_renames(
    store: CalendarStore,
    names: _Names,
    columns: dict[str, tuple[int, str]],
    records: list[list[str]],
    summary: ImportSummary,
) -> None:
    """The file's names renamed here since, or there, taken for ours
    (:func:`.formats.learn_renames`)."""

    def cell(cells: list[str], column: str) -> str:
        index = columns[column][0] if column in columns else -1
        text = cells[index] if 0 <= index < len(cells) else ""
        return (restore(text) if text.startswith("'") else text).strip()

    def one(column: str) -> Callable[[list[str]], list[str]]:
        return lambda cells: [cell(cells, column)] if cell(cells, column) else []

    # A file without uids still names what was renamed here since.
    held = store.posts_with_uids(cell(r, "uid") for r in records if cell(r, "uid"))
    learn_renames(
        store,
        summary,
        (names.channels, names.messages, names.campaigns),
        records,
        (
            one("channel"),
            lambda r: split_key_messages(cell(r, "key_messages")),
            one("campaign"),
        ),
        held,
        lambda r: cell(r, "uid"),
    )


def _match(
    store: CalendarStore,
    rows: list[_Row],
    *,
    sent: bool = False,
    stepped: bool = False,
    titled_by_text: bool = False,
) -> dict[int, int]:
    """Row number -> id of the existing post the row describes; ``sent``: the file is
    a publishing tool's (Sprout Social's, Hootsuite's), where a post of no time goes out
    at :data:`TOOL_TIME` (Cadence's own, imported back, made each such post again);
    ``stepped``: its times are on Hootsuite's 5-minute steps (a post at 09:02 went out
    at 09:05, and is the post of the row at 09:05); ``titled_by_text``: each row's title
    is its text's first line, and a post whose text begins with its own title (a tool's
    file sends such a text alone) is the row's, its title kept."""
    # Only the posts a row can be: those of its uid, and of its day (one small file of a
    # tool's, imported back, read every post of the calendar: 1.8 s and 230 MB at 200,000).
    file_uids = {row.uid for row in rows if row.uid}
    by_uid: dict[str, int] = {}
    if file_uids:
        sql = "SELECT uid, id FROM posts WHERE uid IN (SELECT value FROM json_each(?))"
        by_uid = dict(store.read(sql, [json.dumps(sorted(file_uids))]))
    matches: dict[int, int] = {}
    for row in rows:
        if row.uid and row.uid in by_uid:
            matches[row.number] = by_uid[row.uid]
    keyless = [row for row in rows if not row.uid]
    if keyless:
        days = sorted({row.post.date.isoformat() for row in keyless if row.post.date})
        undated = " OR date IS NULL" if any(row.post.date is None for row in keyless) else ""
        existing = store.read(
            "SELECT id, uid, date, time, channel_id, title FROM posts"
            f" WHERE date IN (SELECT value FROM json_each(?)){undated} ORDER BY id",
            [json.dumps(days)],
        )
        # A row that came in before is the post it came in as, moved or retitled here
        # since (what it said is noted on the post).
        named_in_file = set(by_uid.values())
        noted = store.posts_noted(
            note for row in keyless for note in (row.said, row.said_otherwise, row.read) if note
        )
        taken: set[int] = set()
        for row in keyless:
            came_in_as = [
                p
                for note in (row.said, row.read, row.said_otherwise)
                for p in noted.get(note, ())
                if p not in named_in_file and p not in taken
            ]
            if came_in_as:
                matches[row.number] = came_in_as[0]
                taken.add(came_in_as[0])
        keyless = [row for row in keyless if row.number not in matches]
        pool: dict[tuple[Any, ...], list[int]] = {}
        titles: dict[int, str] = {}
        for post_id, uid, day, at, channel_id, title in existing:
            if uid not in file_uids and post_id not in taken:
                pool.setdefault(_post_key(day, at, channel_id, title), []).append(post_id)
                titles[post_id] = title
        if titled_by_text:
            # By day, time and channel alone, for the posts whose text a row begins
            # with its own title ("Tip: clean your panels." of "Tip: clean your panels.
            # It keeps…": it came in again, titled with the whole line).
            slots: dict[tuple[Any, ...], list[int]] = {}
            for key, ids in pool.items():
                slots.setdefault(key[:3], []).extend(ids)
        # A channel's name that another channel had before a rename here (a new
        # "LinkedIn" beside "LI", two names swapped): a row of an older file on that
        # name is the post on the renamed one, and stays there.
        named = {c.id: name_key(c.name) for c in store.channels(include_archived=True)}
        former = store.former_names("channel")
        for row in keyless:
            post = row.post
            day = None if post.date is None else post.date.isoformat()
            at = format_time(post.time)
            channels = [post.channel_id]
            if post.channel_id in named:
                channels += sorted(former.get(named[post.channel_id], set()) - {post.channel_id})
            for channel in channels:
                candidates = pool.get(_post_key(day, at, channel, post.title))
                untimed = sent and not candidates and at == format_time(TOOL_TIME)
                if untimed:  # a post of no time, sent at the hour the tool needs one
                    candidates = pool.get(_post_key(day, None, channel, post.title))
                if stepped and not candidates and post.time is not None:
                    for planned in _stepped_from(post.time):
                        key = _post_key(day, format_time(planned), channel, post.title)
                        candidates = pool.get(key)
                        if candidates:
                            break
                if titled_by_text and not candidates:
                    # At the row's time, the minutes Hootsuite's step rounded up, or no
                    # time (sent at 09:00): the post whose own text the row is, whole,
                    # and whose title leads it (the tool's file sent that text alone). A
                    # post whose title merely begins the text is another ("Morning" of
                    # "Morning tip: …": its text was overwritten).
                    times: dict[time | None, None] = dict.fromkeys(
                        (post.time, None if untimed else post.time)
                    )
                    if stepped and post.time is not None:
                        times.update(dict.fromkeys(_stepped_from(post.time)))
                    for slot_time in times:
                        slot = _post_key(day, format_time(slot_time), channel, "")[:3]
                        here = [p for p in slots.get(slot, ()) if p in titles]
                        bodies = {p.id: p.body for p in store.posts(here)} if here else {}
                        led = [
                            p
                            for p in here
                            if bodies.get(p) == post.body
                            and title_leads(titles[p], post.body)
                            and p in pool.get((*slot, titles[p]), ())
                        ]
                        if led:
                            candidates = pool[(*slot, titles[led[0]])]
                            candidates.remove(led[0])
                            candidates.insert(0, led[0])
                            break
                if candidates:
                    # (Its time and title as the tool could not say them: _as_sent.)
                    matches[row.number] = candidates.pop(0)
                    if channel != post.channel_id:
                        row.post = replace(post, channel_id=channel)
                    break
        _keep_renamed(store, [row for row in keyless if row.number in matches], matches)
    return matches


def _as_the_tool_sent(row: NewPost, post: Post, *, stepped: bool) -> dict[str, Any]:
    """What a publishing tool's file could not say of ``post``, which its ``row`` is:
    no time (sent at :data:`TOOL_TIME`), the time before the 5-minute step it went out
    on, the title its text begins with, a link as typed ("www.…") given its "https://".
    A row found by the note its first import left (the second import of a file) kept
    the tool's: each such post read as "edited here since"."""
    kept: dict[str, Any] = {}
    if post.time is None and row.time == TOOL_TIME:
        kept["time"] = None
    elif stepped and row.time is not None and post.time in _stepped_from(row.time):
        kept["time"] = post.time
    if post.title != row.title and title_leads(post.title, row.body):
        kept["title"] = post.title
    if post.link and post.link != row.link and tool_link(post.link) == row.link:
        kept["link"] = post.link
    return kept


def _stepped_from(sent: time) -> list[time]:
    """The times planned that Hootsuite's 5-minute steps send at ``sent``: the minutes
    before it (09:01 to 09:04 go out at 09:05), and at 23:55 those after it, kept on
    their day."""
    if sent.minute % HOOTSUITE_STEP_MINUTES:
        return []
    at = sent.hour * 60 + sent.minute
    before = [at - n for n in range(1, HOOTSUITE_STEP_MINUTES) if at - n >= 0]
    after = [at + n for n in range(1, HOOTSUITE_STEP_MINUTES)] if at == 23 * 60 + 55 else []
    return [time(m // 60, m % 60) for m in (*before, *after)]


def _as_sent(
    store: CalendarStore,
    rows: list[_Row],
    matches: dict[int, int],
    *,
    tool: bool = False,
    stepped: bool = False,
) -> None:
    """Rows matched to posts whose text is what a publishing tool's file of Cadence's
    sends of them (:func:`message_text`: the title, the body, the link): the post as it
    stands. Read as its body, Cadence's own Sprout file imported back wrote the title
    and link into every post's, and each export and import after added the link again.
    Of a ``tool``'s file, also what it could not say (:func:`_as_the_tool_sent`)."""
    matched = [row for row in rows if row.number in matches]
    held = {p.id: p for p in store.posts([matches[row.number] for row in matched])}
    for row in matched:
        post = held[matches[row.number]]
        sent = (message_text(post), message_text(post, with_link=True))
        kept = _as_the_tool_sent(row.post, post, stepped=stepped) if tool else {}
        if row.post.body != post.body and row.post.body in sent:
            kept["body"] = post.body
        if kept:
            row.post = replace(row.post, **kept)


def _keep_renamed(store: CalendarStore, rows: list[_Row], matches: dict[int, int]) -> None:
    """Rows of a file without uids, matched to posts, whose key message or campaign
    name was renamed here since on those posts' own record: the row is of that record,
    as a channel's is, not of the one given the name after ("Made in Europe" renamed
    "Made in EU", then another message named "Made in Europe": the older sheet moved
    every post onto that other one)."""
    if not rows:
        return
    messages = store.former_names("message")
    campaigns = store.former_names("campaign")
    if not messages and not campaigns:
        return
    titles = {m.id: name_key(m.title) for m in store.key_messages(include_archived=True)}
    names = {c.id: name_key(c.name) for c in store.campaigns()}
    held = {p.id: p for p in store.posts([matches[row.number] for row in rows])}

    def renamed(
        record: int,
        named: dict[int, str],
        former: dict[str, set[int]],
        carried: Collection[int],
        given: Collection[int],
    ) -> int:
        had = former.get(named.get(record, ""), set())
        found = [r for r in carried if r not in given and r in had]
        return found[0] if len(found) == 1 else record

    for row in rows:
        post, own = row.post, held[matches[row.number]]
        ids = tuple(
            renamed(m, titles, messages, own.message_ids, post.message_ids)
            for m in post.message_ids
        )
        campaign = post.campaign_id
        if campaign is not None and own.campaign_id is not None:
            campaign = renamed(campaign, names, campaigns, (own.campaign_id,), (campaign,))
        if ids != post.message_ids or campaign != post.campaign_id:
            row.post = replace(post, message_ids=ids, campaign_id=campaign)


def _apply_updates(
    store: CalendarStore,
    rows: list[_Row],
    matches: dict[int, int],
    summary: ImportSummary,
    ticker: _Ticker,
    whole: bool,
) -> None:
    if not matches:
        return
    current = {p.id: p for p in store.posts(matches.values())}
    edits: dict[int, PostChanges] = {}
    notes: dict[int, list[str]] = {}
    differing: list[tuple[_Row, Post, NewPost]] = []
    kept_whole = 0
    for row in rows:
        post_id = matches.get(row.number)
        if post_id is None:
            continue
        old = current[post_id]
        new = _merged(row, old)
        if ("body" in row.present and cut_by_a_spreadsheet(row.post.body, old.body)) or (
            "notes" in row.present and cut_by_a_spreadsheet(row.post.notes, old.notes)
        ):
            kept_whole += 1
        notes[post_id] = [row.said, *([row.read] if row.read else []), shown_note_of(new)]
        if post_content(new) == post_content(old):
            summary.unchanged += 1
        else:
            differing.append((row, old, new))
    if kept_whole:
        one = kept_whole == 1
        summary.notes.append(
            f"{kept_whole} post{'' if one else 's'} came back with {'its' if one else 'their'}"
            f" text cut at the {SPREADSHEET_CELL:,} characters a spreadsheet's cell holds;"
            f" {'its' if one else 'their'} whole text here was kept."
        )
    histories = store.history([old for _, old, _ in differing])
    conflicts = Conflicts(store, summary)
    for row, old, new in differing:
        history = histories[old.id]
        said = next(
            (note for note in (row.read, row.said_before) if note and note in history.notes),
            row.said,
        )
        take, keep_old = reconcile_said(
            said,
            shown_note_of(new),
            old,
            history,
            whole=whole_note(new) if whole else None,
        )
        if not take and row.said_otherwise in history.notes and _read_the_other_way(old, new):
            # As the file read in the other order left it, now read in this one again.
            take, keep_old = True, False
        if not take:
            summary.kept_newer += 1
            del notes[old.id]
            continue
        if keep_old:
            conflicts.keep(old.as_new(), new.title)
        edits[old.id] = full_edit(new)
        summary.previous.append(old)
    ticker.advance(summary.unchanged + summary.kept_newer)
    pending = list(edits.items())
    for start in range(0, len(pending), _UPDATE_BATCH):
        batch = dict(pending[start : start + _UPDATE_BATCH])
        store.update_posts(batch)
        ticker.advance(len(batch))
    store.add_notes(notes)


def _insert_new(
    store: CalendarStore, rows: list[_Row], summary: ImportSummary, ticker: _Ticker
) -> None:
    if not rows:
        return
    first_added = len(summary.added)
    last_id = store.db.execute("SELECT coalesce(max(id), 0) FROM posts").fetchone()[0]
    for start in range(0, len(rows), _INSERT_BATCH):
        batch = rows[start : start + _INSERT_BATCH]
        store.insert_many(
            [r.post for r in batch],
            batch_size=_INSERT_BATCH,
            uids=[r.uid or new_uid() for r in batch],
        )
        ticker.advance(len(batch))
    # Rows get ids above every existing one, in insertion order (INTEGER PRIMARY KEY).
    summary.added.extend(
        r[0] for r in store.db.execute("SELECT id FROM posts WHERE id > ? ORDER BY id", [last_id])
    )
    added = summary.added[first_added:]
    store.add_notes(
        {
            post_id: [row.said, *([row.read] if row.read else []), shown_note_of(row.post)]
            for post_id, row in zip(added, rows, strict=True)
        }
    )


# -- publishing-tool profiles ------------------------------------------------


def _current_time(zone: ZoneInfo) -> datetime:
    """Now on the calendar's wall clock (a function so that tests can fix it)."""
    return datetime.now(zone).replace(tzinfo=None)


def _on_step(moment: datetime, minutes: int) -> datetime:
    """``moment`` rounded up to a step of ``minutes``, or down where up is the next day."""
    moment = moment.replace(second=0, microsecond=0)
    later = moment + timedelta(minutes=-(moment.minute % minutes) % minutes)
    if later.date() == moment.date():
        return later
    return moment - timedelta(minutes=moment.minute % minutes)


def _on_step_in(planned: datetime, minutes: int, zone: ZoneInfo) -> datetime:
    """:func:`_on_step` on ``zone``'s clock, by real minutes: 01:58 rounded up to 02:00
    the night the clocks skip it is 03:00 (two minutes on), and 02:58 the night they go
    back (its first pass) is rounded down, to 02:55: 03:00 came an hour and two minutes
    later, and the second 02:00 is no time a file can write."""
    moment = _on_step(planned, minutes)
    later = skipped_time(moment.date(), moment.time(), zone)
    moment = moment if later is None else datetime.combine(moment.date(), later)
    if _real_minutes(planned, moment, zone) <= minutes:
        return moment
    return planned.replace(second=0, microsecond=0) - timedelta(minutes=planned.minute % minutes)


def _real_minutes(planned: datetime, moment: datetime, zone: ZoneInfo) -> int:
    """The minutes between two times on ``zone``'s clock, as they go by (the hour the
    clocks go back counts, the hour they skip does not)."""
    apart = moment_of(moment.date(), moment.time(), zone) - moment_of(
        planned.date(), planned.time(), zone
    )
    return abs(apart) // timedelta(minutes=1)


def _now(store: CalendarStore, options: ExportOptions) -> datetime:
    """The moment an export to a tool takes as now (``options.today``'s start if given).

    A moment, not the wall clock: at the second 02:10 of the night the clocks go back,
    a post at 02:30 went out at the first."""
    if options.today is not None:
        return datetime.combine(options.today, time.min, store.zone)
    return _current_time(store.zone).replace(tzinfo=store.zone)


def _planned(post: Post, zone: ZoneInfo) -> datetime:
    """When a dated post goes out on ``zone``'s clock: its time, :data:`TOOL_TIME`
    without one, and a time the clocks skip (02:30 as they go forward) as the time it
    goes out (03:30): a tool refuses, or guesses at, a time that does not exist."""
    assert post.date is not None
    at = post.time or TOOL_TIME
    return datetime.combine(post.date, skipped_time(post.date, at, zone) or at)


class _Outgoing(NamedTuple):
    chosen: list[tuple[datetime, Post]]
    """The posts to send, each with the moment it is sent at, in time order."""
    drafts_left: int
    """The drafts still to go out that the options leave out for their status alone
    (scheduled posts asked for: those approved), which the summary counts."""


def _outgoing(
    store: CalendarStore, options: ExportOptions, present: datetime, *, step: int | None
) -> _Outgoing:
    """Posts still to go out after ``present`` (:func:`_now`), with the moment they go
    out, in time order; the drafts left out counted in the same reading."""
    chosen: list[tuple[datetime, Post]] = []
    drafts_left = 0
    drafts_apart = bool(options.statuses) and PostStatus.DRAFT not in options.statuses
    # Only the days from today: a calendar's years of history are not read.
    ahead = replace(
        options,
        first=max(options.first or date.min, present.date()),
        statuses=options.statuses | {PostStatus.DRAFT} if drafts_apart else options.statuses,
    )
    for post in selected_posts(store, ahead):
        if post.date is None or post.status not in OUTGOING_STATUSES:
            continue
        planned = moment = _planned(post, store.zone)
        if step is not None:
            moment = _on_step_in(planned, step, store.zone)
        last = max(moment, planned)  # rounded down before midnight: still to go out
        if moment_of(last.date(), last.time(), store.zone) <= present:
            continue
        if drafts_apart and post.status == PostStatus.DRAFT:
            drafts_left += 1
        else:
            chosen.append((moment, post))
    chosen.sort(key=lambda pair: (pair[0], pair[1].id))
    if not chosen:
        if drafts_left:
            drafts = "1 draft was" if drafts_left == 1 else f"{drafts_left} drafts were"
            raise InvalidInput(
                f"There is no scheduled post to export after now ({drafts} left out);"
                " nothing was written."
            )
        raise InvalidInput(
            "There is no post to export: publishing tools take only draft or scheduled "
            "posts dated after now; nothing was written."
        )
    return _Outgoing(chosen, drafts_left)


def _tool_date(moment: datetime, day_first: bool) -> str:
    if day_first:
        return f"{moment.day:02d}/{moment.month:02d}/{moment.year:04d}"
    return f"{moment.month:02d}/{moment.day:02d}/{moment.year:04d}"


def message_text(post: Post, *, with_link: bool = False) -> str:
    """What a publishing tool posts: the title, then the body (and link) after blank lines;
    the body alone when it begins with the title already (a sheet's post, titled by its
    first line, went out with that line twice)."""
    parts = [] if title_leads(post.title, post.body) else [post.title]
    if post.body.strip():
        parts.append(post.body)
    if with_link and post.link.strip() and not link_in_text(post.link, post.title, post.body):
        parts.append(post.link)
    return "\n\n".join(parts)


CHANNEL_NAME_BYTES = 120
"""The most of a channel's name a publishing tool's file name takes, in bytes."""

_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_DIRECTION_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Unicode's marks of writing direction (an emoji's zero-width joiner is no such mark)."""
_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10))}
    | {f"lpt{i}" for i in range(1, 10)}
)


def _file_part(name: str, *, marks_kept: bool = False) -> str:
    """A channel name made safe for a file name on every system (and in the encoding
    this one names files in: "🚀" has no byte in a Latin-1 locale's names), without
    direction marks (a right-to-left override showed "Ads‮gpj.exe.csv" as a picture,
    "Adsvsc.exe.jpg", in a file manager)."""
    encoding = sys.getfilesystemencoding()
    if not marks_kept:  # (kept: a file as an earlier release named it)
        name = _DIRECTION_MARKS.sub("", name)
    name = name.encode(encoding, "replace").decode(encoding, "replace")
    safe = _UNSAFE_IN_NAMES.sub("_", name).strip().strip(".") or "channel"
    # Short enough for a file name beside the export's own (a disk takes 255 bytes: a
    # channel of 90 Japanese characters, 270 bytes, failed the whole export), cut
    # between characters as a reader sees them.
    if len(safe.encode(encoding, "replace")) > CHANNEL_NAME_BYTES:
        # The counter of a name two channels share ("_2") is kept whole: cut, the names
        # of both were one, and the search for an earlier export's files went on for ever.
        counter = re.search(r"_\d+$", safe)
        end = counter.group() if counter else ""
        room = CHANNEL_NAME_BYTES - len(end)
        kept = ""
        for cluster in clusters(safe[: len(safe) - len(end)]):
            if len((kept + cluster).encode(encoding, "replace")) > room:
                break
            kept += cluster
        safe = (kept.rstrip(" .") or "channel") + end
    return safe + "_" if safe.casefold() in _RESERVED_NAMES else safe


def channel_paths(
    target: Path, channel: str, parts: int, *, marks_kept: bool = False
) -> list[Path]:
    """The files a channel's rows go to: ``out-LinkedIn.csv``, ``out-LinkedIn-2.csv``...
    beside a file target, or ``LinkedIn.csv``... inside a folder target."""
    part = _file_part(channel, marks_kept=marks_kept)
    if target.is_dir():
        folder, stem, suffix = target, part, ".csv"
    else:
        folder, stem, suffix = target.parent, f"{target.stem}-{part}", target.suffix or ".csv"
    return [folder / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}" for n in range(1, parts + 1)]


def _per_channel(
    store: CalendarStore,
    target: Path,
    chosen: Sequence[tuple[datetime, Post]],
    channels: Sequence[Channel],
    row: Callable[[datetime, Post], Sequence[str]],
    header: Sequence[str] | None = None,
) -> list[tuple[Path, list[Sequence[str]]]]:
    """Each channel's rows in files of their own (see the module's notes), the files
    named after the channels in the calendar's order of channels."""
    by_channel: dict[int, list[Sequence[str]]] = {}
    for moment, post in chosen:
        by_channel.setdefault(post.channel_id, []).append(row(moment, post))
    sending = [c for c in channels if c.id in by_channel]
    chunks = {
        c.id: [
            by_channel[c.id][i : i + TOOL_MAX_ROWS]
            for i in range(0, len(by_channel[c.id]), TOOL_MAX_ROWS)
        ]
        for c in sending
    }
    # A channel whose name a file can hold as it is takes it first: "Blog_EN.csv" is
    # Blog_EN's, not that of "Blog/EN" listed before it (which a tool's user, going by
    # the name, uploaded to the Blog_EN profile).
    first = sorted(sending, key=lambda c: _file_part(c.name) != c.name)
    # Nor is "News-2.csv" the second part of News's when a channel is named News-2.
    own = {
        c.id: str(channel_paths(target, c.name, 1)[0]).casefold()
        for c in sending
        if _file_part(c.name) == c.name
    }
    named: dict[int, list[Path]] = {}
    used: set[str] = set()
    for channel in first:
        parts = len(chunks[channel.id])
        paths = channel_paths(target, channel.name, parts)
        counter = 1
        others = {name for record, name in own.items() if record != channel.id}
        while any(str(p).casefold() in used | others for p in paths):
            counter += 1
            paths = channel_paths(target, f"{channel.name}_{counter}", parts)
        used.update(str(p).casefold() for p in paths)
        named[channel.id] = paths
    files: list[tuple[Path, list[Sequence[str]]]] = []
    for channel in sending:
        for path, chunk in zip(named[channel.id], chunks[channel.id], strict=True):
            files.append((store.export_target(path), [header, *chunk] if header else chunk))
    return files


def tool_files(
    store: CalendarStore, target: Path, options: ExportOptions, *, sprout: bool
) -> list[Path]:
    """The files a Hootsuite (or Sprout Social) export to ``target`` writes, one or
    more per channel with posts to send (none is written here)."""
    target = Path(target)
    outgoing, channels = _to_send(store, target, options, _now(store, options), sprout=sprout)
    chosen = outgoing.chosen
    return [path for path, _ in _per_channel(store, target, chosen, channels, lambda m, p: ())]


def _to_send(
    store: CalendarStore, target: Path, options: ExportOptions, present: datetime, *, sprout: bool
) -> tuple[_Outgoing, list[Channel]]:
    """For an export to a publishing tool at ``target`` (checked): the posts still to go
    out after ``present`` (:func:`_outgoing`), and every channel of the calendar."""
    _check_target(store, target, folder_ok=True)
    with environment_errors():
        channels = store.channels(include_archived=True)
        try:
            step = None if sprout else HOOTSUITE_STEP_MINUTES
            outgoing = _outgoing(store, options, present, step=step)
        except InvalidInput as exc:
            # Nothing to send now: an earlier export's files there still hold posts, which
            # a tool given the folder (a script's upload) would schedule again.
            exported = [
                c for c in channels if not options.channel_ids or c.id in options.channel_ids
            ]
            left = _left_over(store, target, exported, [])
            if not left:
                raise
            one = len(left) == 1
            files = named_few([path.name for path in left])  # each, to delete each
            raise InvalidInput(
                f"{exc} {files}, left from an earlier"
                f" export, still {'holds' if one else 'hold'} posts: delete"
                f" {'it' if one else 'them'} before giving the folder to the tool."
            ) from None
        return outgoing, channels


def _left_over(
    store: CalendarStore, target: Path, channels: Sequence[Channel], written: Sequence[Path]
) -> list[Path]:
    """Files an earlier export to ``target`` wrote for ``channels`` (those exported)
    that this one did not write, the channel having less or nothing to send now, or
    another name since: a tool given the whole folder would schedule what they hold."""
    kept = {os.path.realpath(path) for path in written}
    found: list[Path] = []

    def take(path: Path) -> None:
        if os.path.realpath(path) not in kept and path not in found:
            found.append(path)

    # With its direction marks too, as an earlier release kept them in file names.
    spellings = [(c, False) for c in channels] + [
        (c, True) for c in channels if _DIRECTION_MARKS.search(c.name)
    ]
    for channel, marks_kept in spellings:
        # Under its name, and under the names :func:`_per_channel` gives a channel whose
        # name makes the same file's as another's ("Blog/EN", "Blog:EN": Blog_EN_2).
        names = itertools.chain([channel.name], (f"{channel.name}_{n}" for n in itertools.count(2)))
        for name in names:
            part = 1
            while (path := channel_paths(target, name, part, marks_kept=marks_kept)[-1]).is_file():
                take(path)
                part += 1
            if part == 1 and name != channel.name:
                break  # no file under this counter: none under the next
    # Under the names the channels had (kept folded: looked for in any case), unless
    # another channel has that name now.
    now = {name_key(c.name) for c in store.channels(include_archived=True)}
    former = {key for c in channels for key in store.names_had("channel", c.id)} - now
    if former:
        folder = target if target.is_dir() else target.parent
        with contextlib.suppress(OSError):
            files = {p.name.casefold(): p for p in folder.iterdir() if p.is_file()}
            for key in sorted(former):
                part = 1
                while had := files.get(channel_paths(target, key, part)[-1].name.casefold()):
                    take(had)
                    part += 1
    return found


def _export_to_tool(
    store: CalendarStore,
    target: Path,
    options: ExportOptions,
    progress: Progress,
    *,
    sprout: bool,
) -> ExportSummary:
    target = Path(target)
    present = _now(store, options)  # (read once: the posts sent and those sent soon)
    (chosen, drafts_left), channels = _to_send(store, target, options, present, sprout=sprout)

    def stamp(moment: datetime) -> tuple[str, str]:
        return _tool_date(moment, options.day_first), f"{moment.hour:02d}:{moment.minute:02d}"

    def hootsuite_row(moment: datetime, post: Post) -> Sequence[str]:
        link = "" if link_in_text(post.link, post.title, post.body) else tool_link(post.link)
        return (" ".join(stamp(moment)), message_text(post), link or "")

    def sprout_row(moment: datetime, post: Post) -> Sequence[str]:
        return (*stamp(moment), message_text(post, with_link=True))

    files = _per_channel(
        store,
        target,
        chosen,
        channels,
        sprout_row if sprout else hootsuite_row,
        SPROUT_HEADER if sprout else None,
    )
    ticker = _Ticker(progress, sum(len(rows) for _, rows in files))
    ticker.advance(0)
    ticked = [(path, _ticking(rows, ticker)) for path, rows in files]
    # The publishing tools read their files as plain UTF-8: a byte-order mark would
    # be read into the first date ("\ufeff16/12/2026 09:00").
    written = _write(ticked, byte_order_mark=False)
    ticker.finish()
    return ExportSummary(
        posts=len(chosen),
        files=written,
        too_long=_too_long(chosen, channels, sprout=sprout),
        too_close=_too_close(chosen, channels, store.zone) if sprout else [],
        too_soon=_too_soon(chosen, present, store.zone),
        retimed=[] if sprout else _retimed(chosen, store.zone, later=True),
        retimed_earlier=[] if sprout else _retimed(chosen, store.zone, later=False),
        no_link=[] if sprout else _no_link(chosen),
        not_social=_not_social(chosen, channels),
        untimed=sum(1 for _, post in chosen if post.time is None),
        drafts_left=drafts_left,
        zone=store.info().timezone,
        left_over=_left_over(
            store,
            target,
            [c for c in channels if not options.channel_ids or c.id in options.channel_ids],
            written,
        ),
    )


def _not_social(chosen: Sequence[tuple[datetime, Post]], channels: Sequence[Channel]) -> list[str]:
    """The channels posts were sent for whose kind the tools publish nothing to."""
    sent = {post.channel_id for _, post in chosen}
    return [c.name for c in channels if c.id in sent and c.kind in NOT_TOOL_KINDS]


def export_hootsuite(
    store: CalendarStore,
    target: Path,
    options: ExportOptions,
    progress: Progress = no_progress,
) -> ExportSummary:
    """Hootsuite bulk-composer files, one per channel (see the module's notes)."""
    return _export_to_tool(store, target, options, progress, sprout=False)


def export_sprout(
    store: CalendarStore,
    target: Path,
    options: ExportOptions,
    progress: Progress = no_progress,
) -> ExportSummary:
    """Sprout Social bulk-scheduling files, one per channel (see the module's notes)."""
    return _export_to_tool(store, target, options, progress, sprout=True)


def _too_close(
    chosen: Sequence[tuple[datetime, Post]], channels: Sequence[Channel], zone: ZoneInfo
) -> list[str]:
    """A sentence for each post less than :data:`SPROUT_GAP` after the one before it
    on its channel: Sprout Social would refuse it when it schedules the file. The time
    between is the time that passes (``chosen`` reads ``zone``'s clock, which skips an
    hour, or passes one twice, on the nights it changes)."""
    names = {c.id: c.name for c in channels}
    before: dict[int, tuple[datetime, Post]] = {}
    found = []
    for moment, post in chosen:
        passed = moment.replace(tzinfo=zone).astimezone(UTC)
        previous = before.get(post.channel_id)
        before[post.channel_id] = (passed, post)
        if previous is None or passed - previous[0] >= SPROUT_GAP:
            continue
        minutes = (passed - previous[0]) // timedelta(minutes=1)
        after = "at the same time as" if minutes == 0 else f"{minutes} min after"
        untimed, earlier = (
            " (given no time)" if p.time is None else "" for p in (post, previous[1])
        )
        found.append(
            f"{_named(post, moment)} at {moment:%H:%M}{untimed}: {after}"
            f" '{shortened(previous[1].title)}'{earlier} on"
            f" {names.get(post.channel_id, 'its channel')}"
        )
    return found


def _named(post: Post, moment: datetime) -> str:
    """A post as a line of an export's details names it: its title, cut short, and day."""
    return f"'{shortened(post.title)}' on {moment:%Y-%m-%d}"


def _too_soon(
    chosen: Sequence[tuple[datetime, Post]], present: datetime, zone: ZoneInfo
) -> list[str]:
    """A sentence for each post sent less than :data:`TOOL_NOTICE` from ``present``:
    the tools schedule a post only that long after the file is uploaded."""
    found = []
    for moment, post in chosen:
        # The minutes that pass (the clocks skip an hour, or pass one twice, some nights).
        ahead = moment.replace(tzinfo=zone).astimezone(UTC) - present.astimezone(UTC)
        if ahead >= TOOL_NOTICE:
            break  # (in time order)
        minutes = ahead // timedelta(minutes=1)
        when = (
            f"{minutes} min from now"
            if minutes > 0
            else "less than a minute from now"
            if ahead >= timedelta(0)
            else "before now, on the tool's 5-minute step"
        )
        found.append(f"{_named(post, moment)} at {moment:%H:%M}: {when}")
    return found


def _retimed(chosen: Sequence[tuple[datetime, Post]], zone: ZoneInfo, *, later: bool) -> list[str]:
    """A sentence for each post with a time that a tool's file sends ``later`` (or
    earlier, its day ending) than planned, on Hootsuite's 5-minute steps."""
    found = []
    for moment, post in chosen:
        planned = _planned(post, zone)
        if post.time is None or moment == planned or (moment > planned) != later:
            continue
        minutes = _real_minutes(planned, moment, zone)
        found.append(
            f"{_named(post, moment)}: at {moment:%H:%M}, {minutes} min"
            f" {'after' if later else 'before'} the {planned:%H:%M} planned"
        )
    return found


def _no_link(chosen: Sequence[tuple[datetime, Post]]) -> list[str]:
    """A sentence for each post whose link is left out of a tool's link column."""
    return [
        f"{_named(post, moment)}: '{shortened(post.link.strip())}' is no web address"
        for moment, post in chosen
        if post.link.strip() and tool_link(post.link) is None
    ]


def _too_long(
    chosen: Sequence[tuple[datetime, Post]], channels: Sequence[Channel], *, sprout: bool
) -> list[str]:
    """A sentence for each post whose text in the file is longer than its channel allows
    (counted as the platform counts, :func:`.lengths.post_length`), its link with it:
    Sprout's message ends with it, and Hootsuite publishes its link column's after the
    message. The tool would refuse such a post when it schedules the file."""
    limits = {c.id: (c.name, c.char_limit, counts_as_x(c.name)) for c in channels if c.char_limit}
    found = []
    for moment, post in chosen:
        if post.channel_id not in limits:
            continue
        name, limit, on_x = limits[post.channel_id]
        # The link as the file has it: Hootsuite's column leaves out one that is no web
        # address (said apart), so it does not count.
        linked = not link_in_text(post.link, post.title, post.body) and (
            sprout or tool_link(post.link) is not None
        )
        text = message_text(post, with_link=linked)
        if len(text) <= limit and not on_x:
            continue  # a reader sees no more characters than it has code points
        length = post_length(text, name)
        if length > limit:
            parts = ["text"] if title_leads(post.title, post.body) else ["title", "text"]
            if linked and post.link.strip():
                parts.append("link")
            found.append(
                f"{_named(post, moment)}: {length:,} characters in the file"
                f" ({in_words(parts)}), {name} allows {limit:,}"
            )
    return found
