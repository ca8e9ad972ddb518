"""The ``cadence`` command line: a thin front end over the engine. Never imports Qt.

Exit status: 0 on success, 1 when Cadence could not do what was asked (the
reason is one line on stderr, ``cadence: error: ...``), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import io
import json
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TextIO

from . import __version__
from .core.errors import (
    OUT_OF_MEMORY,
    CadenceError,
    CalendarFileError,
    ImportProblem,
    InvalidInput,
    nothing_imported,
    to_its_backups,
)
from .core.models import (
    CHANNEL_KINDS,
    DATED_ONLY,
    MAX_CADENCE_DAYS,
    MAX_CHAR_LIMIT,
    NewPost,
    Post,
    PostStatus,
    WeekStart,
    ascii_digits,
    clock_note,
    every_days,
    format_time,
    known_limit,
    name_order,
    one_line,
    padded,
    parse_color,
    parse_date,
    parse_time,
    published_ahead,
    shortened,
    shows_nothing,
)

if TYPE_CHECKING:  # the modules themselves load only when a command needs them
    from _typeshed import SupportsWrite

    from .core.cadence import CadenceReport
    from .core.store import CalendarStore

PROG = "cadence"
COMMANDS = ("init", "demo", "channel", "message", "campaign", "post", "gaps", "import", "export")


class UsageError(Exception):
    """The command line itself is wrong (exit status 2)."""


class _OutputClosed(Exception):
    """Cadence was started with its output closed (">&-")."""


_OUTPUT_CLOSED = "Cadence's output is closed; send it somewhere, such as >/dev/null"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One sentence: "… does not exist (see …)", not "… does not exist. (see …)".
        raise UsageError(f"{message.rstrip('.')} (see '{self.prog} --help')")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse passes over a write that fails: "--help > full-disk" exited 0, unsaid;
        # and sent --help to stderr with the output closed (">&-": no stdout to write to).
        if message:
            if file is None:
                raise _OutputClosed
            file.write(message)
            getattr(file, "flush", lambda: None)()

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        # The command that read the arguments: its parser runs (and returns) first.
        if not hasattr(parsed, "_command"):
            parsed._command = self.prog
        return parsed, extras

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """Arguments no command knows are pointed out with the help of the command given
        ("cadence post list --help", not "cadence --help")."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            raise UsageError(
                f"unrecognized arguments: {' '.join(extras)} (see '{parsed._command} --help')"
            )
        return parsed


def _date_arg(text: str) -> date:
    try:
        return parse_date(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _time_arg(text: str) -> time:
    try:
        return parse_time(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _color_arg(text: str) -> str:
    try:
        return parse_color(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive_int(text: str) -> int:
    digits = ascii_digits(text).strip().lstrip("0")  # "١٤", as dates and times take them
    shown = shortened(text, 20)
    if not digits.isascii() or not digits.isdigit():
        raise argparse.ArgumentTypeError(f"'{shown}' is not a whole number of at least 1")
    if len(digits) > 100:  # (Python reads no number of over 4300 digits)
        raise argparse.ArgumentTypeError(f"'{shown}' is far too large")
    return int(digits)


def _cadence_days(text: str) -> int:
    days = _positive_int(text)
    if days > MAX_CADENCE_DAYS:  # a mistake in the command, as 0 is
        raise argparse.ArgumentTypeError(f"a cadence is at most {MAX_CADENCE_DAYS} days")
    return days


def _char_limit(text: str) -> int:
    limit = _positive_int(text)
    if limit > MAX_CHAR_LIMIT:
        raise argparse.ArgumentTypeError(f"a character limit is at most {MAX_CHAR_LIMIT:,}")
    return limit


def _rule_arg(text: str) -> str:
    if not text.strip():  # an empty shell variable: a single post was added, unsaid
        raise argparse.ArgumentTypeError("the rule is empty; give one such as FREQ=WEEKLY;BYDAY=MO")
    from .core import recurrence

    try:  # a malformed rule is a mistake in the command, as a malformed date is
        recurrence.normalise(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None
    return text


def _status_arg(text: str) -> PostStatus:
    try:
        return PostStatus.parse(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# -- commands -----------------------------------------------------------------


def _line(text: object) -> str:
    """``text`` on one line of the terminal: a line end or a terminal's escape code in
    a name or a path (a title imported from a file) as a space, as ``post list``
    shows titles (an escape code cleared the screen or retitled the terminal)."""
    return one_line(str(text))


def _open(path: Path, *, changes: bool = True) -> CalendarStore:
    """The calendar at ``path``, for a command that ``changes`` it or only reads it."""
    from .core.store import CalendarStore

    store = CalendarStore.open(path)
    # Read as it is: said to a command that reads it; one that changes it is refused,
    # saying why (said twice, the same long sentence, note and error).
    if store.left_as_is is not None and not changes:
        print(f"({store.left_as_is} Until then, it is read as it is.)", file=sys.stderr)
    if store.kept_before_update is not None:
        print(
            "(brought up to date from an earlier release of Cadence, which no longer opens"
            f" it; the calendar as it was is kept in {store.kept_before_update})",
            file=sys.stderr,
        )
    return store


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from .core.localzone import first_day_of_week, system_timezone, zone_typed
    from .core.store import CalendarStore, validate_timezone

    # " Europe/Paris ", "new york" as the window takes them; "" refused as "  " is (an
    # empty shell variable), not read as the computer's zone.
    zone = system_timezone() if args.timezone is None else zone_typed(args.timezone)
    try:
        validate_timezone(zone)
    except InvalidInput as exc:  # a mistake in the command, as a malformed date is
        raise UsageError(str(exc)) from None
    week_start = args.week_start or first_day_of_week()
    with CalendarStore.create(
        args.path, name=args.name, timezone=zone, week_start=week_start
    ) as store:
        info = store.info()
    print(_line(f"Created the calendar '{info.name}' ({info.timezone}) at {args.path}."), file=out)
    return 0


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from .core.demo import write_demo
    from .core.localzone import first_day_of_week

    # Its weeks start as init's do (Sunday in the US, Saturday in Egypt).
    summary = write_demo(args.path, today=args.today, week_start=WeekStart(first_day_of_week()))
    print(_line(f"Wrote the demo calendar to {args.path}: {summary}."), file=out)
    return 0


def cmd_channel_add(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.path) as store:
        # A platform's own limit unless one is given ("LinkedIn": 3000), as its kind.
        limit = args.char_limit if args.char_limit is not None else known_limit(args.name)
        others = [(c.name, c.color) for c in store.channels()]
        changes = store.add_channel(args.name, kind=args.kind, color=args.color, char_limit=limit)
        name = store.channel(changes.created[0]).name  # as kept (on one line)
    print(f"Added the channel '{name}'.", file=out)
    _say_color_alike(args.color, others, "Channels")
    return 0


def _say_color_alike(color: str | None, others: list[tuple[str, str]], where: str) -> None:
    """A note on standard error when the colour given looks like one of ``others``'
    (name, colour) of the kind, as the window's managers say it: their chips, or their
    dots, could not be told apart. ``where``: the window's manager of the kind, which
    changes a colour (the command line adds, and adding again is refused)."""
    if color is None:
        return
    from .core.store import looks_taken

    alike = next((name for name, other in others if looks_taken(color, [other])), None)
    if alike is not None:
        print(
            f"(the colour given looks like that of '{_line(alike)}': choose another in the"
            f" window's Edit > {where}… to tell them apart)",
            file=sys.stderr,
        )


def _message_start(
    store: CalendarStore, starts_on: date | None, ends_on: date | None
) -> date | None:
    """The start of a new key message: the day given, else today, as in the window, so
    that it is not overdue since before it existed (no start when it ended before today)."""
    if starts_on is not None:
        return starts_on
    today = store.today()
    return None if ends_on is not None and ends_on < today else today


def _check_dates(args: argparse.Namespace) -> None:
    """Dates that contradict each other are a usage error, as ``--to`` before ``--from``."""
    if args.starts_on and args.ends_on and args.ends_on < args.starts_on:
        raise UsageError("--ends-on comes before --starts-on.")


def cmd_message_add(args: argparse.Namespace, out: TextIO) -> int:
    _check_dates(args)
    with _open(args.path) as store:
        others = [(m.title, m.color) for m in store.key_messages()]
        changes = store.add_key_message(
            args.title,
            statement=args.statement,
            cadence_days=args.cadence_days,
            starts_on=_message_start(store, args.starts_on, args.ends_on),
            ends_on=args.ends_on,
            color=args.color,
        )
        message = store.key_message(changes.created[0])
    print(
        f"Added the key message '{message.title}', to repeat {every_days(message.cadence_days)}.",
        file=out,
    )
    _say_color_alike(args.color, others, "Key Messages")
    return 0


def cmd_campaign_add(args: argparse.Namespace, out: TextIO) -> int:
    _check_dates(args)
    with _open(args.path) as store:
        others = [(c.name, c.color) for c in store.campaigns()]
        changes = store.add_campaign(
            args.name,
            kind=args.kind,
            starts_on=args.starts_on,
            ends_on=args.ends_on,
            color=args.color,
        )
        name = store.campaign(changes.created[0]).name  # as kept (on one line)
    print(f"Added the campaign '{name}'.", file=out)
    _say_color_alike(args.color, others, "Campaigns")
    return 0


def _channel_id(store: CalendarStore, name: str) -> int:
    if shows_nothing(name):  # "$EMPTY", as an import's --channel says it
        raise InvalidInput("A channel needs a name.")
    channel = store.channel_named(name)
    if channel is None:
        known = ", ".join(c.name for c in store.channels()) or "none yet"
        raise InvalidInput(f"There is no channel called '{name}' (channels: {known}).")
    return int(channel.id)


def _message_id(store: CalendarStore, title: str) -> int:
    if shows_nothing(title):  # "$EMPTY", as --channel and --campaign say it
        raise InvalidInput("A key message needs a title.")
    message = store.key_message_titled(title)
    if message is None:
        known = ", ".join(m.title for m in store.key_messages()) or "none yet"
        raise InvalidInput(f"There is no key message called '{title}' (key messages: {known}).")
    return int(message.id)


def _campaign_id(store: CalendarStore, name: str) -> int:
    if shows_nothing(name):  # "$EMPTY": not no campaign, which is no option
        raise InvalidInput("A campaign needs a name.")
    campaign = store.campaign_named(name)
    if campaign is None:
        known = ", ".join(c.name for c in store.campaigns()) or "none yet"
        raise InvalidInput(f"There is no campaign called '{name}' (campaigns: {known}).")
    return int(campaign.id)


def cmd_post_add(args: argparse.Namespace, out: TextIO) -> int:
    if args.time is not None and args.date is None:
        raise UsageError("--time needs --date (see 'cadence post add --help')")
    if args.repeat is not None and args.date is None:
        raise UsageError("--repeat needs --date (see 'cadence post add --help')")
    if args.status in DATED_ONLY and args.date is None:
        raise UsageError(
            f"--status {args.status} needs --date: a post in the backlog has no day to go out on."
        )
    with _open(args.path) as store:
        today = store.today()
        # Scheduled on a past day too, said below: a script records what went out.
        status = args.status or (PostStatus.SCHEDULED if args.date else PostStatus.IDEA)
        post = NewPost(
            title=one_line(args.title),  # (on one line, as the editor keeps it)
            channel_id=_channel_id(store, args.channel),
            message_ids=tuple(_message_id(store, m) for m in args.message),
            date=args.date,
            time=args.time,
            status=status,
            body=args.body,
            campaign_id=_campaign_id(store, args.campaign) if args.campaign is not None else None,
        )
        changes = store.add_series(post, args.repeat) if args.repeat else store.add_post(post)
        created = store.posts(changes.created)
        zone = store.zone
        channel = store.channel(post.channel_id)
        archived = [f"the channel '{channel.name}'"] if channel.archived else []
        archived += [
            f"the key message '{store.key_message(m).title}'"
            for m in post.message_ids
            if store.key_message(m).archived
        ]
    print(created[0].uid, file=out)
    first = created[0].date
    past = [p.date for p in created if p.date is not None and p.date < today]
    if len(created) > 1 and past:  # a series from a past day: its posts up to today
        _say_series_in_past(len(past), past[0], status)
    elif past:
        _say_past_day(past[0], status, today)
    if published_ahead(created[0].status, first, today):
        print(
            f"({first} is a day to come, yet the post is published: Cadence counts it as"
            " delivered already; give it the day it went out, or --status scheduled.)",
            file=sys.stderr,
        )
    if archived:  # as the window does not offer them: said, the post added all the same
        print(f"(added on what is archived here: {', '.join(archived)})", file=sys.stderr)
    if args.repeat and not changes.series:  # as the editor saves it
        print(f"(the repeat gives one day, {first}: a post that does not repeat)", file=sys.stderr)
    elif args.repeat and first != args.date:
        print(f"(the series starts on {first}, the first day its rule gives)", file=sys.stderr)
    if args.repeat and changes.series and len(created) == 1:
        # A yearly post on a 29th of February: its next day, four years on, is past the
        # year ahead a repeat without an end plans (a series of one post, unsaid).
        print(
            f"(the repeat gives no other day within a year of {first}: end it with COUNT"
            " or UNTIL to plan more)",
            file=sys.stderr,
        )
    if len(created) > 1:
        from .core import recurrence
        from .core.recurrence import MAX_OCCURRENCES

        asked = recurrence.parse(args.repeat).get("COUNT")
        capped = len(created) >= MAX_OCCURRENCES and (asked is None or int(asked) > len(created))
        cap = f"; it stops at {MAX_OCCURRENCES}, the most a series may have" if capped else ""
        more = len(created) - 1
        occurrences = "occurrence" if more == 1 else "occurrences"
        print(f"(and {more} more {occurrences} of the series{cap})", file=sys.stderr)
    # Last: after the count of the series ("and 2 more" read as two more such nights).
    for made in created:  # each post of a series whose day the clocks change on
        if made.date is not None and made.time is not None:
            _say_skipped(made.date, made.time, zone)
    return 0


class _Names(NamedTuple):
    """The names a post's numbers stand for, read once for a whole listing."""

    channels: dict[int, str]
    messages: dict[int, str]
    campaigns: dict[int, str]
    message_rank: dict[int, int]  # where each key message sorts, by its name


def post_json(post: Post, names: _Names) -> dict[str, Any]:
    """A post as ``post list --json`` prints it (DESIGN.md's contract)."""
    rank = names.message_rank
    return {
        "uid": post.uid,
        "title": post.title,
        "date": post.date.isoformat() if post.date else None,
        "time": format_time(post.time),
        "channel": names.channels.get(post.channel_id),
        "key_messages": [names.messages[m] for m in sorted(post.message_ids, key=rank.__getitem__)],
        "campaign": names.campaigns.get(post.campaign_id) if post.campaign_id else None,
        "status": post.status.value,
        "body": post.body,
        "link": post.link,
        "notes": post.notes,
        "series": post.series_id,
    }


def _names(store: CalendarStore) -> _Names:
    messages = {m.id: m.title for m in store.key_messages(include_archived=True)}
    in_order = sorted(messages, key=lambda m: name_order(messages[m]))
    return _Names(
        channels={c.id: c.name for c in store.channels(include_archived=True)},
        messages=messages,
        campaigns={c.id: c.name for c in store.campaigns()},
        message_rank={m: rank for rank, m in enumerate(in_order)},
    )


def _writes_any_text(stream: TextIO) -> None:
    """Let ``stream`` write what it cannot encode: in UTF-8, a file name's bytes that
    are not UTF-8 as they were given (as ``ls`` does; "Created the calendar" was
    taken for a failure after the calendar was made); in an encoding without "🚀" (a
    Latin-1 terminal, or Windows writing to a file in cp1252), as "?": a title must
    not stop a listing halfway, nor make a move already saved report a failure. Error
    lines say them the same way (Python's stderr wrote "\\U0001f680")."""
    if not isinstance(stream, io.TextIOWrapper):
        return
    if writes_unicode(stream):
        if stream.errors in ("strict", "backslashreplace"):
            stream.reconfigure(errors="surrogateescape")
    elif stream.errors != _AS_IT_CAN:
        # (Python's C locale without UTF-8 mode writes ASCII with "surrogateescape",
        # which stops at an en dash: "a bug in Cadence" after the export was written.)
        stream.reconfigure(errors=_AS_IT_CAN)


def _said_as_it_can(exc: UnicodeError) -> tuple[str | bytes, int]:
    """What an output without a character writes for it: a file name's bytes that were
    not text as they were given, else "?"."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    if all(0xDC80 <= ord(c) <= 0xDCFF for c in chunk):
        return bytes(ord(c) - 0xDC00 for c in chunk), exc.end
    return "?" * len(chunk), exc.end


_AS_IT_CAN = "cadence-as-it-can"
codecs.register_error(_AS_IT_CAN, _said_as_it_can)


def _as_written(text: str, stream: TextIO) -> str:
    """``text`` as ``stream`` writes it: a column is padded for what shows ("ブログ" is
    six columns wide, its "???" three: the columns after it went astray)."""
    if writes_unicode(stream):
        return text
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return text.encode(encoding, _AS_IT_CAN).decode(encoding, "replace")


def writes_unicode(stream: TextIO) -> bool:
    """Whether ``stream`` writes every character as it is (UTF-8, or text in memory)."""
    encoding = getattr(stream, "encoding", None)
    return encoding is None or codecs.lookup(encoding).name.startswith("utf")


def write_json_list(items: Iterable[dict[str, Any]], out: TextIO, batch_size: int = 1000) -> None:
    """Write a JSON array as ``json.dump(..., indent=2)`` lays it out, a batch of
    items at a time: the library's indenting encoder writes each token on its own
    (16 million writes for 300k posts, 29 s where this takes 9)."""
    opening = "[\n  "  # before the first item; then between batches
    escaped = not writes_unicode(out)  # "\u00e9" for what the output's encoding lacks
    batch: list[str] = []
    for item in items:
        # A JSON string has no line break of its own (it is written "\\n"): every
        # line break is the layout's, one level deeper inside the array.
        batch.append(json.dumps(item, ensure_ascii=escaped, indent=2).replace("\n", "\n  "))
        if len(batch) == batch_size:
            out.write(opening + ",\n  ".join(batch))
            opening, batch = ",\n  ", []
    if batch:
        out.write(opening + ",\n  ".join(batch))
        opening = ""
    out.write("[]\n" if opening == "[\n  " else "\n]\n")


def cmd_post_list(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.path, changes=False) as store:
        filters: dict[str, Any] = {}
        # Each filter given several times takes any of them, as export's do.
        if args.channel:
            filters["channel_ids"] = [_channel_id(store, name) for name in args.channel]
        if args.message:
            filters["message_ids"] = [_message_id(store, title) for title in args.message]
        if args.status:
            filters["statuses"] = args.status
        if args.backlog:
            if args.from_ or args.to:
                raise UsageError(
                    "--backlog lists the posts without a date: leave out --from and --to."
                )
            posts = store.backlog(**filters)[::-1]
        elif args.from_ or args.to:
            first = args.from_ or date.min
            last = args.to or date.max
            if last < first:
                raise UsageError("--to comes before --from.")
            posts = store.posts_between(first, last, **filters)
        else:
            # Every post: one whose date does not read (damage) fell outside every range
            # of days, and was left out unsaid.
            damage = store.first_unreadable()
            if damage is not None:
                raise CalendarFileError(
                    f"The calendar file {store.path} {damage}; it is damaged; {to_its_backups()}"
                )
            posts = store.backlog(**filters)[::-1] + store.posts_between(
                date.min, date.max, **filters
            )
        names = _names(store)
    if args.json:
        write_json_list((post_json(p, names) for p in posts), out)
        return 0
    if not posts:
        print("No posts.", file=sys.stderr)  # (a pipe counting lines counts none)
        return 0
    for post in posts:
        when = post.date.isoformat() if post.date else "backlog   "
        at = format_time(post.time) or "     "
        messages = ", ".join(sorted((names.messages[m] for m in post.message_ids), key=name_order))
        channel = _as_written(names.channels[post.channel_id], out)
        line = f"{when} {at}  {post.status.value:<9}  {padded(channel, 14)}"
        line += f"  {one_line(post.title)}"  # a line end or escape code in it, as a space
        if messages:
            line += f"  [{messages}]"
        print(f"{line}  {post.uid}", file=out)
    return 0


def cmd_post_move(args: argparse.Namespace, out: TextIO) -> int:
    if args.backlog:
        return _post_to_backlog(args, out)
    with _open(args.path) as store:
        post = store.post_by_uid(args.uid)
        at = args.time if args.time is not None else post.time
        today = store.today()
        store.move_posts({post.id: (args.date, at)}, today)
        zone = store.zone
    when = args.date.isoformat() + (f" at {format_time(at)}" if at else "")
    status = post.status_placed_on(args.date, today)
    said = {  # as the window says it
        PostStatus.DRAFT: " (cancelled in the backlog, planned again: a draft now)"
        if post.status == PostStatus.CANCELLED
        else " (an idea out of the backlog: a draft now)",
        PostStatus.SCHEDULED: " (Scheduled there, since it has not gone out on that day)",
    }
    note = said.get(status, "") if status != post.status else ""
    print(_line(f"Moved '{post.title}' to {when}{note}."), file=out)
    _say_past_day(args.date, status, today)
    if at is not None:
        _say_skipped(args.date, at, zone)
    return 0


def _say_series_in_past(count: int, first: date, status: PostStatus) -> None:
    """A new series' posts on past days, said as one (not as its first alone)."""
    _say_for(
        status,
        f"{count} of the series' posts are on past days, from {first}, so Cadence counts"
        " them as delivered; set those that did not go out to Cancelled in the window.",
        f"{count} of the series' drafts are on past days, from {first}, so they do not"
        " count as delivered.",
    )


def _say_past_day(day: date, status: PostStatus, today: date) -> None:
    """A post put on a past day, said as the window says it: whether it counts there."""
    if day < today:
        _say_for(
            status,
            f"{day} is a past day, so Cadence counts the post as delivered; set it to"
            " Published in the window if it went out, or to Cancelled.",
            f"{day} is a past day, so the draft does not count as delivered; set it to"
            " Published in the window if it went out.",
        )


def _say_for(status: PostStatus, scheduled: str, draft: str) -> None:
    """On stderr, in brackets: what a scheduled post or a draft is told; nothing else."""
    said = {PostStatus.SCHEDULED: scheduled, PostStatus.DRAFT: draft}.get(status)
    if said is not None:
        print(f"({said})", file=sys.stderr)


def _post_to_backlog(args: argparse.Namespace, out: TextIO) -> int:
    """``post move --backlog``: the post undated, as a drag into the backlog makes it (an
    occurrence of a series goes alone)."""
    if args.time is not None:
        raise UsageError("A post in the backlog has no time: give --time with --date.")
    with _open(args.path) as store:
        post = store.post_by_uid(args.uid)
        if post.date is not None:
            store.move_posts({post.id: (None, None)})
    if post.date is None:
        print(_line(f"'{post.title}' is in the backlog already."), file=out)
        return 0
    status = post.status_placed_on(None)
    drafted = f" (a draft there: it was {post.status.value})" if status != post.status else ""
    print(_line(f"Moved '{post.title}' to the backlog{drafted}."), file=out)
    return 0


def _say_skipped(day: date, at: time, zone: tzinfo) -> None:
    """A note on standard error when ``at`` is a time the clocks skip on ``day``, or pass
    twice."""
    note = clock_note(day, at, zone, on=f" on {day}")
    if note is not None:
        print(f"({note})", file=sys.stderr)


def _window(args: argparse.Namespace, store: CalendarStore) -> tuple[date, date, date]:
    from .core.cadence import default_window

    as_of = args.as_of or store.today()
    first, last = default_window(as_of)
    first = args.from_ or first
    last = args.to or last
    if last < first:
        if args.from_ is None:
            raise UsageError(
                f"--to comes before {first}, where the window starts by default"
                " (90 days before the as-of day); give --from too."
            )
        if args.to is None:
            raise UsageError(
                f"--from comes after {last}, where the window ends by default"
                " (90 days after the as-of day); give --to too."
            )
        raise UsageError("--to comes before --from.")
    return as_of, first, last


def gap_report(store: CalendarStore, as_of: date, first: date, last: date) -> CadenceReport:
    from .core.cadence import analyse

    rows = store.delivery_rows(as_of, window=(first, last))
    messages = store.key_messages()
    # Every channel in use, and archived ones whose posts deliver the messages reported
    # (they count all the same), as the window lists them: not those only a retired
    # message went out on.
    reported = {m.id for m in messages}
    used = {channel_id for message_id, channel_id, _ in rows if message_id in reported}
    channels = [c for c in store.channels(include_archived=True) if not c.archived or c.id in used]
    return analyse(messages, channels, rows, as_of, first, last)


def gaps_json(report: CadenceReport) -> dict[str, Any]:
    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "as_of": report.as_of.isoformat(),
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "messages": [
            {
                "title": m.title,
                "cadence_days": m.cadence_days,
                "status": m.status.value,
                "overdue_days": m.overdue_days,
                "last_delivery": day(m.last_delivery),
                "next_delivery": day(m.next_delivery),
                "deliveries": [d.isoformat() for d in m.deliveries],
                "gaps": [
                    {"start": g.start.isoformat(), "end": g.end.isoformat(), "days": g.days}
                    for g in m.gaps
                ],
                "channels": [
                    {
                        "channel": c.channel,
                        "last_delivery": day(c.last_delivery),
                        "next_delivery": day(c.next_delivery),
                    }
                    for c in m.channels
                ],
            }
            for m in report.messages
        ],
    }


def print_gaps(report: CadenceReport, name: str, out: TextIO) -> None:
    from .core.cadence import status_text

    print(
        f"{name}: key messages as of {report.as_of.isoformat()}"
        f" (gaps from {report.start.isoformat()} to {report.end.isoformat()})",
        file=out,
    )
    if not report.messages:
        print("  No key messages yet; add one with 'cadence message add'.", file=out)
        return
    for m in report.messages:
        last = m.last_delivery.isoformat() if m.last_delivery else "never"
        nxt = m.next_delivery.isoformat() if m.next_delivery else "not planned"
        status = status_text(m.status, m.overdue_days)
        print(f"\n  {m.title}  ({every_days(m.cadence_days)})  {status}", file=out)
        print(f"    last delivered {last}, next {nxt}", file=out)
        for gap in m.gaps:
            span = (
                gap.start.isoformat()
                if gap.days == 1
                else (f"{gap.start.isoformat()} to {gap.end.isoformat()}")
            )
            print(f"    gap: {span} ({gap.days} day{'s' if gap.days != 1 else ''})", file=out)


def cmd_gaps(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.path, changes=False) as store:
        as_of, first, last = _window(args, store)
        report = gap_report(store, as_of, first, last)
        name = store.info().name
    if args.json:
        json.dump(gaps_json(report), out, ensure_ascii=not writes_unicode(out), indent=2)
        out.write("\n")
    else:
        print_gaps(report, name, out)
    return 0


def _terminal_progress(verb: str) -> Callable[[int, int], bool]:
    """A progress line on the terminal (only when stderr is one)."""
    shown = sys.stderr.isatty()
    last = -1  # the figure on the line now: told again, an import ended on two lines

    def progress(done: int, total: int) -> bool:
        nonlocal last
        if shown and total and done * 100 // total != last:
            last = done * 100 // total
            end = "\n" if done >= total else ""
            print(f"\r{verb}: {last}%", end=end, file=sys.stderr, flush=True)
        return True

    return progress


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from .exchange.formats import IMPORTERS, ImportOptions, created_names, format_for

    if args.channel is not None and shows_nothing(args.channel):  # "$EMPTY": not no option
        raise InvalidInput("A channel needs a name.")
    if str(args.file) == "-":
        raise UsageError(
            "FILE names the file to import; Cadence does not read imports from the"
            " terminal's input."
        )
    if args.file.is_dir():
        raise InvalidInput(f"{args.file} is a folder, not a file to import.")
    if not args.file.exists():
        raise InvalidInput(f"There is no file at {args.file}.")
    if not args.file.is_file():  # "<(...)", "/dev/stdin" on a pipe: read more than once
        raise InvalidInput(
            f"{args.file} is not a plain file (a pipe or a device); save what it gives to a"
            " file and import that."
        )
    fmt = args.format or format_for(args.file)
    if not fmt:
        raise UsageError(
            f"cannot tell the format of {args.file} from its name; give --format"
            " (see 'cadence import --help')"
        )
    options = ImportOptions(
        fallback_channel=args.channel,
        create_missing=args.create_missing,
        day_first=None if args.date_order is None else args.date_order == "day-first",
    )
    with _open(args.path) as store:
        try:
            summary = IMPORTERS[fmt](store, args.file, options, _terminal_progress("Importing"))
        except ImportProblem as exc:  # as the window says it
            raise nothing_imported(args.file.name, exc) from exc
        named = created_names(store, summary)  # as the window says it
    print(_line(summary.describe()), file=out)
    if named:
        print(f"  new here: {_line(named)}", file=out)
    for note in summary.notes:
        print(f"  note: {_line(note)}", file=out)
    for problem in summary.skipped:
        print(f"  skipped: {_line(problem)}", file=out)
    if summary.all_skipped:  # a script reads the status, not the lines
        raise ImportProblem(
            f"Nothing in {args.file.name} could be imported; the lines above say why."
        )
    return 0


def _an(fmt: str) -> str:
    """ "an ics", "an html", "a csv": a format's name with its article, as it is read."""
    return f"{'an' if fmt in ('ics', 'html') else 'a'} {fmt}"


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from .exchange.formats import EXPORTERS, ExportOptions

    if args.from_ and args.to and args.to < args.from_:
        raise UsageError("--to comes before --from.")
    if args.without_notes and args.format in ("csv", "cadence"):
        raise UsageError(
            f"--without-notes is for an iCalendar file to share; {_an(args.format)} export is"
            " a copy of the calendar, notes and all."
        )
    for given, option in ((args.semicolons, "--semicolons"), (args.bom, "--bom")):
        if given and args.format != "csv":  # (taken without a word: a file unlike the one asked)
            raise UsageError(
                f"{option} is for a CSV file to open in Excel; {_an(args.format)} export keeps"
                " its own layout."
            )
    if args.date_order is not None and args.format not in ("hootsuite", "sprout"):
        raise UsageError(
            f"--date-order is for the publishing tools' files; {_an(args.format)} export"
            " writes its dates in its own way."
        )
    if str(args.output) == "-":
        raise UsageError(
            "-o names the file to write; Cadence does not write exports to the terminal."
        )
    with _open(args.path, changes=False) as store:
        options = ExportOptions(
            first=args.from_,
            last=args.to,
            channel_ids=frozenset(_channel_id(store, c) for c in args.channel),
            message_ids=frozenset(_message_id(store, m) for m in args.message),
            campaign_ids=frozenset(_campaign_id(store, c) for c in args.campaign),
            statuses=frozenset(args.status),
            day_first=args.date_order != "month-first",
            byte_order_mark=args.bom,
            semicolons=args.semicolons,
            today=args.today,
            notes=not args.without_notes,
        )
        if args.format == "pdf":
            from .render.pdf import export_pdf

            exporter = export_pdf
        else:
            exporter = EXPORTERS[args.format]
        summary = exporter(store, args.output, options, _terminal_progress("Exporting"))
    print(_line(summary.describe()), file=out)
    for written in summary.written():  # what was made: the result, with the summary
        print(f"  {_line(written)}", file=out)
    # Each post warned of on stderr: thousands of lines each night went into what a
    # script keeps of the result.
    for warning in summary.warnings():
        print(f"  {_line(warning)}", file=sys.stderr)
    return 0


# -- the parser ---------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=(
            "Cadence keeps a content calendar of posts, each carrying key messages, and "
            "shows where a message has not been repeated recently. Without a command it "
            "opens the calendar window: 'cadence FILE.cadence' opens it on that calendar."
        ),
        epilog="Run 'cadence COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"cadence {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    path_help = "the calendar file (.cadence)"

    p = sub.add_parser(
        "init",
        help="create a new, empty calendar file",
        description="Create a new, empty calendar file.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("--name", help="the calendar's name (default: the file's name)")
    p.add_argument(
        "--timezone",
        metavar="ZONE",
        help="time zone: a name such as Europe/Paris, part of one such as 'new york', or a"
        " North American abbreviation such as EST (default: this computer's)",
    )
    p.add_argument(
        "--week-start",
        choices=[w.value for w in WeekStart],
        default=None,
        help="first day of the week in the calendar views (default: as this computer's"
        " language settings say, sunday in the US, saturday in Egypt, monday in most of"
        " Europe)",
    )
    p.set_defaults(run=cmd_init)

    p = sub.add_parser(
        "demo",
        help="write a demo calendar to explore Cadence",
        description="Write a realistic demo calendar: an agency's client with "
        "key messages, channels, campaigns, posts around today and a few gaps.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("--today", type=_date_arg, default=None, metavar="DATE", help=argparse.SUPPRESS)
    p.set_defaults(run=cmd_demo)

    group = sub.add_parser(
        "channel",
        help="manage channels (LinkedIn, newsletter, ...)",
        description="Manage the channels posts go out on.",
    )
    gsub = group.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = gsub.add_parser("add", help="add a channel", description="Add a channel.")
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("name", metavar="NAME", help="the channel's name, like LinkedIn")
    p.add_argument(
        "--kind",
        choices=CHANNEL_KINDS,
        default=None,
        help="what sort of channel it is (default: what its name says, as newsletter for"
        " 'Newsletter', else social)",
    )
    p.add_argument("--color", type=_color_arg, metavar="#RRGGBB", help="its colour")
    p.add_argument(
        "--char-limit",
        type=_char_limit,
        metavar="N",
        help="the most characters a post may have there (default: the platform's own for"
        " LinkedIn, Instagram, X, Threads, Bluesky and Mastodon; none for others)",
    )
    p.set_defaults(run=cmd_channel_add)

    group = sub.add_parser(
        "message", help="manage key messages", description="Manage the key messages posts carry."
    )
    gsub = group.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = gsub.add_parser("add", help="add a key message", description="Add a key message.")
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("title", metavar="TITLE", help="a short title, like 'Made in Europe'")
    p.add_argument("--statement", default="", help="the message in one or two sentences")
    p.add_argument(
        "--cadence-days",
        type=_cadence_days,
        metavar="N",
        help="repeat it at least every N days (default: the calendar's default)",
    )
    p.add_argument(
        "--starts-on",
        type=_date_arg,
        metavar="DATE",
        help="the first day it needs repeating (default: today)",
    )
    p.add_argument(
        "--ends-on", type=_date_arg, metavar="DATE", help="the last day it needs repeating"
    )
    p.add_argument("--color", type=_color_arg, metavar="#RRGGBB", help="its colour")
    p.set_defaults(run=cmd_message_add)

    group = sub.add_parser(
        "campaign",
        help="manage campaigns",
        description="Manage campaigns (products, services, promotions).",
    )
    gsub = group.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = gsub.add_parser("add", help="add a campaign", description="Add a campaign.")
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("name", metavar="NAME", help="the campaign's name")
    p.add_argument(
        "--kind",
        choices=("product", "service", "promotion"),
        default="promotion",
        help="whether it promotes a product, a service or an offer (default: promotion)",
    )
    p.add_argument("--starts-on", type=_date_arg, metavar="DATE", help="its first day")
    p.add_argument("--ends-on", type=_date_arg, metavar="DATE", help="its last day")
    p.add_argument("--color", type=_color_arg, metavar="#RRGGBB", help="its colour")
    p.set_defaults(run=cmd_campaign_add)

    group = sub.add_parser(
        "post", help="add, list and move posts", description="Add, list and move posts."
    )
    gsub = group.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = gsub.add_parser(
        "add",
        help="add a post and print its uid",
        description="Add a post (or a recurring series of posts) and print "
        "its uid. Without --date it goes to the backlog as an idea.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("--title", required=True, help="the post's title")
    p.add_argument("--channel", required=True, metavar="NAME", help="the channel it goes out on")
    p.add_argument(
        "--message",
        action="append",
        default=[],
        metavar="TITLE",
        help="a key message it carries (repeat for several)",
    )
    p.add_argument("--date", type=_date_arg, metavar="YYYY-MM-DD", help="the day it goes out")
    p.add_argument("--time", type=_time_arg, metavar="HH:MM", help="the time it goes out")
    p.add_argument(
        "--status",
        type=_status_arg,
        metavar="STATUS",
        help="idea, draft, scheduled, published or cancelled "
        "(default: scheduled with a date, idea without)",
    )
    p.add_argument("--body", default="", help="the text of the post")
    p.add_argument("--campaign", metavar="NAME", help="the campaign it belongs to")
    p.add_argument(
        "--repeat",
        type=_rule_arg,
        metavar="RRULE",
        help="repeat it, like FREQ=WEEKLY;BYDAY=MO;COUNT=10 (without COUNT or "
        "UNTIL the series is planned 366 days ahead)",
    )
    p.set_defaults(run=cmd_post_add)

    p = gsub.add_parser(
        "list",
        help="list posts",
        description="List posts in date order. The backlog comes first "
        "unless --from or --to is given.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("--from", dest="from_", type=_date_arg, metavar="DATE", help="first day to list")
    p.add_argument("--to", type=_date_arg, metavar="DATE", help="last day to list")
    p.add_argument(
        "--backlog",
        action="store_true",
        help="only the backlog: the posts without a date, oldest first",
    )
    p.add_argument(
        "--channel",
        action="append",
        metavar="NAME",
        help="only posts on this channel (repeat for several)",
    )
    p.add_argument(
        "--message",
        action="append",
        metavar="TITLE",
        help="only posts carrying this key message (repeat for any of several)",
    )
    p.add_argument(
        "--status",
        action="append",
        type=_status_arg,
        metavar="STATUS",
        help="only posts with this status (repeat for several)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.set_defaults(run=cmd_post_list)

    p = gsub.add_parser(
        "move",
        help="move a post to another day, or back to the backlog",
        description="Move a post to another day; it keeps its time of day unless --time is"
        " given. With --backlog, it goes back to the backlog, undated (a scheduled or"
        " published post a draft there).",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("uid", metavar="UID", help="the post's uid (see 'cadence post list')")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--date", type=_date_arg, metavar="YYYY-MM-DD", help="the new day")
    where.add_argument("--backlog", action="store_true", help="back to the backlog, without a day")
    p.add_argument("--time", type=_time_arg, metavar="HH:MM", help="the new time")
    p.set_defaults(run=cmd_post_move)

    p = sub.add_parser(
        "gaps",
        help="show where key messages have not been repeated",
        description="Show each key message's status and its gaps: the days on "
        "which it is overdue because it was not repeated within its cadence.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument(
        "--as-of", type=_date_arg, metavar="DATE", help="the day to judge from (default: today)"
    )
    p.add_argument(
        "--from",
        dest="from_",
        type=_date_arg,
        metavar="DATE",
        help="first day of the window (default: 90 days before --as-of)",
    )
    p.add_argument(
        "--to",
        type=_date_arg,
        metavar="DATE",
        help="last day of the window (default: 90 days after --as-of)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(run=cmd_gaps)

    p = sub.add_parser(
        "import",
        help="bring posts in from iCalendar, CSV or another calendar file",
        description="Bring posts in from a file. iCalendar (.ics) and CSV posts are matched "
        "by uid, so importing the same file twice changes nothing; a .cadence file is "
        "merged (posts by uid, channels and key messages by name, the newer edit wins and "
        "the other is kept as a conflict copy). Prints what was added, updated and skipped.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    p.add_argument(
        "--format",
        choices=("ics", "csv", "cadence"),
        help="the file's format (default: from its extension)",
    )
    p.add_argument(
        "--channel",
        metavar="NAME",
        help="the channel (made if missing) for CSV rows and other programs' events that"
        " name no channel here, and for a .cadence file's posts on channels not here"
        " (unless --create-missing); an .ics file Cadence wrote brings its own channels",
    )
    p.add_argument(
        "--create-missing",
        action="store_true",
        help="for CSV and other programs' .ics: make the channels, key messages and"
        " campaigns the file names that the calendar does not have yet (without it, a row"
        " naming a key message or campaign not here is skipped, and one naming a channel"
        " not here goes on --channel, or is skipped); .cadence files and .ics files"
        " Cadence wrote bring their own anyway. Not those deleted here: posts come without"
        " them",
    )
    p.add_argument(
        "--date-order",
        choices=("day-first", "month-first"),
        help="how CSV dates like 03/04/2026 are read (default: as the file's dates show, "
        "where one has a day over 12 first or second; day-first where none does)",
    )
    p.set_defaults(run=cmd_import)

    p = sub.add_parser(
        "export",
        help="write posts to iCalendar, CSV, a web page, a PDF report or a copy",
        description="Write the calendar's posts to another format: ics (iCalendar, for "
        "calendar programs), csv (Cadence's own columns, reads back exactly), hootsuite and "
        "sprout (bulk-scheduling files for those tools, one per channel), html (a "
        "read-only page for clients), pdf (month pages and a message-delivery report), "
        "cadence (a copy).",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=path_help)
    p.add_argument(
        "--format",
        required=True,
        choices=("ics", "csv", "hootsuite", "sprout", "html", "pdf", "cadence"),
        help="what to write",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="the file to write (hootsuite and sprout: one file per channel, OUT-Channel.csv)",
    )
    p.add_argument(
        "--from",
        dest="from_",
        type=_date_arg,
        metavar="DATE",
        help="first day to export (default: the first post; html and pdf: the first day of"
        " last month (this month's when nothing is planned before it), or four months"
        " before --to; hootsuite and sprout: now, as they take"
        " only posts still to go out)",
    )
    p.add_argument(
        "--to",
        type=_date_arg,
        metavar="DATE",
        help="last day to export (default: the last post; html and pdf: the end of the"
        " month after next, or four months after --from)",
    )
    p.add_argument(
        "--channel",
        action="append",
        default=[],
        metavar="NAME",
        help="only posts on this channel (repeat for several)",
    )
    p.add_argument(
        "--message",
        action="append",
        default=[],
        metavar="TITLE",
        help="only posts carrying this key message (repeat for several)",
    )
    p.add_argument(
        "--campaign",
        action="append",
        default=[],
        metavar="NAME",
        help="only posts of this campaign (repeat for several)",
    )
    p.add_argument(
        "--status",
        action="append",
        default=[],
        type=_status_arg,
        metavar="STATUS",
        help="only posts with this status (repeat for several)",
    )
    p.add_argument(
        "--date-order",
        choices=("day-first", "month-first"),
        help="hootsuite, sprout: how the files write dates (default: day-first)",
    )
    p.add_argument(
        "--bom",
        action="store_true",
        help=(
            "csv: start with a byte-order mark, so Excel shows accents right"
            " (not for hootsuite and sprout, whose tools read plain UTF-8)"
        ),
    )
    p.add_argument(
        "--semicolons",
        action="store_true",
        help=(
            "csv: separate cells with semicolons, as Excel reads a CSV where a comma is"
            " the decimal mark (France, Germany, ...)"
        ),
    )
    p.add_argument(
        "--without-notes",
        action="store_true",
        help=(
            "ics: leave each post's notes out, as they are private (a file to share);"
            " the calendar a file without them comes back to keeps its own (html, pdf,"
            " hootsuite and sprout never hold them)"
        ),
    )
    # The day to export as of, as `demo --today` makes a calendar around one: tests of a
    # calendar dated once keep their meaning as the real days go by.
    p.add_argument("--today", type=_date_arg, default=None, metavar="DATE", help=argparse.SUPPRESS)
    p.set_defaults(run=cmd_export)
    return parser


_SUBCOMMANDS = {
    "channel": ("add",),
    "message": ("add",),
    "campaign": ("add",),
    "post": ("add", "list", "move"),
}


def _command_after_a_file(args: Sequence[str]) -> str | None:
    """Why a calendar followed by a command ("cadence client.cadence gaps --json", a
    common slip) is refused: the window opened, the rest dropped unsaid (from cron,
    "there is no display"). None for a calendar alone, or with Qt's own options."""
    for at, word in enumerate(args[1:], 1):
        if word in COMMANDS:
            # With its own command ("post list"): "cadence post FILE" was itself wrong.
            following = args[at + 1] if at + 1 < len(args) else ""
            if following in _SUBCOMMANDS.get(word, ()):
                word = f"{word} {following}"
            return (
                f"the command comes before the calendar: {PROG} {word} {shlex.quote(args[0])}"
                f" … (see '{PROG} {word} --help')"
            )
        if word in ("-h", "--help", "--version"):
            return f"{word} comes before anything else: {PROG} {word}"
    return None


def _names_a_file(word: str) -> bool:
    """Whether the first word of a command line is a calendar to open in the window (a
    file there, a ``.cadence`` name, a path) rather than a command, mistyped or not."""
    if word in COMMANDS or word.startswith("-"):
        return False
    return word.lower().endswith(".cadence") or os.sep in word or Path(word).exists()


def display_problem(
    environ: Mapping[str, str],
    plugin_folders: Callable[[], Iterable[str]],
    reachable: Callable[[str, Mapping[str, str]], bool] | None = None,
) -> str | None:
    """Why the window cannot be shown here, on Linux (None: it can): no display at
    all, one the environment names that is gone (an ssh session closed, an X server
    stopped), or only a Wayland one when Qt has no Wayland plugin (the built program
    ships the X11 one only). Qt would abort with a page of text."""
    reaches = reachable or display_reachable
    named = [p.strip() for p in environ.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if named:
        # Qt's platform chosen by hand: said when it is Wayland's alone and no Wayland
        # display answers (Qt aborted with a page of text); any other is left to Qt.
        if all(p.startswith("wayland") for p in named):
            socket_name = environ.get("WAYLAND_DISPLAY") or "wayland-0"
            if not reaches(f"wayland:{socket_name}", environ):
                return (
                    f"QT_QPA_PLATFORM asks for Wayland, and no Wayland display answers here;"
                    f" unset it, or use the commands (see '{PROG} --help')."
                )
        return None
    x11, wayland = environ.get("DISPLAY", ""), environ.get("WAYLAND_DISPLAY", "")
    if x11 and reaches(x11, environ):
        return None
    if wayland and reaches(f"wayland:{wayland}", environ):
        for folder in plugin_folders():
            if any(Path(folder, "platforms").glob("*qwayland*")):
                return None
        if not x11:
            return (
                "This Wayland desktop runs no X11 display (XWayland), which Cadence shows"
                f" its window on; turn XWayland on, or use the commands (see '{PROG} --help')."
            )
    if x11 or wayland:
        return (
            f"The display {x11 or wayland} cannot be reached (a closed remote session or a"
            f" stopped desktop); open Cadence on a desktop, or use the commands (see"
            f" '{PROG} --help')."
        )
    return (
        "There is no display to show the window on; the commands work without one"
        f" (see '{PROG} --help')."
    )


def display_reachable(name: str, environ: Mapping[str, str]) -> bool:
    """Whether the display ``name`` answers: an X11 display (":0", "localhost:10.0"),
    or "wayland:" and a Wayland display's socket (as ``WAYLAND_DISPLAY`` names it)."""
    import socket

    if name.startswith("wayland:"):
        socket_name = name.removeprefix("wayland:")
        folder = environ.get("XDG_RUNTIME_DIR", "")
        path = socket_name if socket_name.startswith("/") else str(Path(folder, socket_name))
        return Path(path).is_socket() if folder or socket_name.startswith("/") else False
    host, _, rest = name.rpartition(":")
    number = rest.split(".")[0]
    if not (number.isascii() and number.isdigit() and len(number) <= 5):
        return True  # a form this does not know: left to Qt
    if host in ("", "unix"):
        unix = f"/tmp/.X11-unix/X{number}"
        for address in (unix, f"\0{unix}"):  # a file, or Linux's abstract name
            with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as sock:
                sock.settimeout(1.0)
                sock.connect(address)
                return True
        return False
    try:
        with socket.create_connection((host, 6000 + int(number)), timeout=2.0):
            return True
    except (OSError, OverflowError):  # (a port past 65535)
        return False


def _qt_plugin_folders() -> list[str]:
    from PySide6.QtCore import QCoreApplication

    return list(QCoreApplication.libraryPaths())


def _open_window(argv: Sequence[str]) -> int:
    from .app import launch

    if sys.platform.startswith("linux"):
        problem = display_problem(os.environ, _qt_plugin_folders)
        if problem is not None:
            raise CadenceError(problem)
    return launch(list(argv))


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if sys.stderr is None:  # started with "2>&-": print() would send errors to stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the run)
    out = out or sys.stdout
    for stream in (out, sys.stderr):
        _writes_any_text(stream)
    if args_list[:1] == ["--smoke-test"]:  # hidden: does this build start? (README, Development)
        from .ui.smoke import smoke_test

        return smoke_test(args_list[1:])
    if not args_list or _names_a_file(args_list[0]):
        misplaced = _command_after_a_file(args_list)
        if misplaced is not None:
            print(f"{PROG}: error: {misplaced}", file=sys.stderr)
            return 2
        return _run_guarded(lambda: _open_window(args_list))
    try:
        args = build_parser().parse_args(args_list)
    except UsageError as exc:
        print(f"{PROG}: error: {_line(exc)}", file=sys.stderr)
        return 2
    except _OutputClosed:
        print(f"{PROG}: error: {_OUTPUT_CLOSED}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0  # "--help | head" has read what it wanted
    except OSError as exc:  # --help or --version sent to an output that cannot take it
        print(f"{PROG}: error: Cadence could not write its output ({_why(exc)}).", file=sys.stderr)
        return 1
    if args.command is None:
        return _run_guarded(lambda: _open_window([]))
    if out is None:  # started with its output closed (">&-"): a new post's uid would be lost
        print(f"{PROG}: error: {_OUTPUT_CLOSED}", file=sys.stderr)
        return 1
    said = _Output(out)
    status = _run_guarded(lambda: _ran(args.run(args, said), said), args_list)
    if status == 0:  # a command refused said why; it saved nothing to speak of
        _say_what_waits()
    return status


class OutputProblem(CadenceError):
    """The output could not be written, after the command did what it was asked."""


class _Output(io.TextIOBase):
    """The output of a command, whose failure to be written (a full disk behind
    ``> file``) is said as such: not as the calendar's disk, and with what was done kept
    (a script that read "the disk is full" after a post was added added it again)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        with self._said():
            return self._stream.write(text)

    def flush(self) -> None:
        with self._said():
            self._stream.flush()

    @contextlib.contextmanager
    def _said(self) -> Iterator[None]:
        try:
            yield
        except BrokenPipeError:
            raise  # "| head" has read what it wanted
        except OSError as exc:
            raise OutputProblem(
                f"Cadence could not write its output ({_why(exc)}); anything the"
                " command changed is saved."
            ) from exc


def _why(exc: OSError) -> str:
    """Why an output could not be written, in words to go in brackets."""
    return ("the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)).lower()


def _ran(status: int, out: _Output) -> int:
    out.flush()
    return int(status)


def _say_what_waits() -> None:
    """Changes saved but left beside a calendar, in its -wal, by a disk that would not
    take them into the file: said, since a copy of the file alone lacks them."""
    if "calendar_app.core.store" not in sys.modules:
        return  # no calendar was opened
    from .core.store import LEFT_WAITING

    for sentence in dict.fromkeys(LEFT_WAITING):
        print(f"{PROG}: warning: {sentence}", file=sys.stderr)
    LEFT_WAITING.clear()


_FILE_ENDINGS = (".cadence", ".csv", ".ics", ".html", ".pdf")


def _not_utf8(args: Sequence[str]) -> str | None:
    """The argument that is not UTF-8 text (bytes of another encoding, which Python
    keeps as lone surrogates), shown with those bytes replaced; None if none. A file's
    name may be so (a legal name on Linux): a name or a text is the one meant."""
    odd = []
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            odd.append(arg)
    texts = [a for a in odd if not os.path.lexists(a) and not a.endswith(_FILE_ENDINGS)]
    for arg in texts or odd:
        return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return None


def _run_guarded(action: Callable[[], int], args: Sequence[str] = ()) -> int:
    try:
        return action()
    except UnicodeEncodeError as exc:
        odd = _not_utf8(args)
        if odd is None:
            return _unexpected(exc)
        print(
            f"{PROG}: error: '{odd}' is not UTF-8 text, which Cadence keeps names and texts"
            " in; check the terminal's language settings",
            file=sys.stderr,
        )
        return 2
    except UsageError as exc:
        print(f"{PROG}: error: {_line(exc)}", file=sys.stderr)
        return 2
    except CadenceError as exc:
        said = _line(exc)
        if not _here_still():  # "There is no calendar at plan.cadence", which ls shows
            said += f" {_FOLDER_GONE}"
        print(f"{PROG}: error: {said}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except MemoryError:
        print(f"{PROG}: error: {OUT_OF_MEMORY}", file=sys.stderr)
        return 1
    except OSError as exc:  # a name the disk refuses, a folder that went away...
        from .core.errors import os_problem_for

        if exc.filename is None and not _here_still():
            print(f"{PROG}: error: {_FOLDER_GONE}", file=sys.stderr)
            return 1
        what = str(exc.filename) if exc.filename is not None else "a file"
        print(f"{PROG}: error: {_line(os_problem_for(exc, what))}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, or a calendar damaged in a way no check foresaw
        return _unexpected(exc, args)


_FOLDER_GONE = (
    "The folder this command was run in has been deleted; go to another one (cd) and run it again."
)
"""What a command run in a deleted folder is told (a relative name is read in it)."""


def _here_still() -> bool:
    """Whether the current folder is still there (a relative name is read in it)."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return False
    return True


def _unexpected(exc: Exception, args: Sequence[str] = ()) -> int:
    from .core.damage import damaged_calendar

    damaged = damaged_calendar([Path(a) for a in args if os.path.isfile(a)], exc)
    if damaged is not None:  # a calendar damaged in a way no check foresaw
        print(f"{PROG}: error: {_line(damaged)}", file=sys.stderr)
        return 1
    print(
        f"{PROG}: error: Cadence ran into a problem it did not expect"
        f" ({type(exc).__name__}: {_line(exc)}); a bug in Cadence, or a damaged calendar.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
