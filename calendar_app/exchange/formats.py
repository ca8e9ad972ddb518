"""The ways in and out of a calendar, by name, for the command line and the window.

Every exporter and importer takes the store, a path, its options and a
progress callback, so that the command line prints a progress line and the
window shows a progress dialog that can cancel. An import is one transaction:
when it fails or is cancelled halfway, the calendar is as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from typing import Protocol, TypeVar

from ..core.errors import CadenceError, InvalidInput, NotFound
from ..core.localzone import weekend_days
from ..core.models import (
    NewPost,
    Post,
    PostStatus,
    Series,
    in_words,
    name_key,
    post_content,
    quoted_names,
    shortened,
    shown_note_of,
    spelled_day,
)
from ..core.store import (
    CalendarStore,
    Deleted,
    History,
    Version,
    VersionKey,
    gone_note,
    key_of,
    version_key,
    whole_of,
)

Progress = Callable[[int, int], bool]
"""Called as ``progress(done, total)``; returning False cancels the work."""


CONFLICT_MARK = " (conflict)"
"""Added to the title of the copy kept when a post was edited on both sides."""


def conflict_copy(post: NewPost) -> NewPost:
    """The post as a copy marked as a conflict (it gets a uid of its own when added): an
    idea on its day, to look at and settle, where the version was to go out or went
    out. A scheduled copy went into the publishing tools' exports beside the post and
    counted as a delivery of its key messages; so did a draft dated from today on."""
    return replace(post, title=post.title + CONFLICT_MARK, status=_conflict_status(post.status))


def _conflict_status(status: PostStatus) -> PostStatus:
    """A conflict copy's status: an idea, unless the version was cancelled."""
    return status if status == PostStatus.CANCELLED else PostStatus.IDEA


CONFLICTS_NAMED = 5
"""How many conflict copies an import's summary names one by one."""


def reconcile(
    theirs: Version,
    ours: Version,
    their: History | None = None,
    our: History | None = None,
) -> tuple[bool, bool]:
    """Two differing versions of one post: whether theirs replaces ours, and whether
    the one that gives way is kept as a copy marked as a conflict.

    ``their`` and ``our`` are what is known of the versions each came from
    (:meth:`.CalendarStore.history`; None: nothing). A version that comes from the
    other wins, and the other is simply its past. Otherwise the later edit (its
    stamp, no later than now, then more revisions) wins, and the other is kept
    unless it is an earlier state of the winner: known to be one when it is among
    the winner's earlier versions, known not to be when those are all known. When
    they are not (versions from before Cadence kept them, another program's file),
    it is taken for one when it has fewer revisions. Versions are compared to the
    second, as files record them.
    """
    theirs_after = descends(their, version_key(*ours), our)
    if theirs_after:
        return True, False
    ours_after = descends(our, version_key(*theirs), their)
    if ours_after:
        return False, False
    now = datetime.now(UTC)
    if _in_order(theirs, now) > _in_order(ours, now):
        # Ours is kept when theirs is known never to have seen it, or has fewer revisions.
        return True, theirs_after is False or ours[1] >= theirs[1]
    return False, ours_after is False or theirs[1] > ours[1]


def shows_past(told: str, whole: str | None, notes: Collection[str]) -> bool:
    """Whether a file with no versions shows a state a post had (``notes``, its
    history's): what it tells (:func:`.models.shown_note`) was noted, and, for a CSV
    row, which carries everything (``whole``, :func:`.store.whole_note`), all of it
    too, where the state was noted in full (an earlier release noted what it told
    alone)."""
    if whole is not None and whole in notes:
        return True
    return told in notes and (whole is None or not whole_of(told, notes))


def colour_alike(there: Mapping[str, str], here: Mapping[int, str]) -> Callable[[str, int], bool]:
    """For :func:`renamed`: whether a name there (its colour in ``there``, by name key)
    and a record here (``here``, by id) have one colour, as ``#rrggbb``."""
    return lambda key, record: (there.get(key) or "").lower() == (here.get(record) or "").lower()


def same_on_another_clock(
    ours: Post, theirs: NewPost, written: tuple[date | None, time | None] | None
) -> bool:
    """Whether ``theirs``, a copy of the same version of ``ours``, is ``ours`` read on
    another zone's clock: it shows the same but for its day and time, and ``written``,
    its day and time on the clock of the calendar it was written in, are ours. The
    calendar's zone was changed since (its posts keep their times of day), and a
    file of before brings back no other version.
    """
    return (
        written is not None
        and written == (ours.date, ours.time)
        and post_content(ours) == post_content(replace(theirs, date=ours.date, time=ours.time))
    )


def at_our_moment(
    ours: Post,
    theirs: NewPost,
    written: tuple[date | None, time | None] | None,
    our_zone: tzinfo,
    their_zone: tzinfo,
) -> NewPost:
    """``theirs`` (``ours`` as a calendar of another zone holds it, read here) on our
    day and time where ``written``, its day and time on that calendar's clock, is our
    moment there: a time that clock passes twice, kept as its first, reads back an hour
    off here, and nothing moved it (a merge there and back made a conflict copy of it,
    an edit there of its words moved it an hour)."""
    if ours.date is None or ours.time is None or written is None:
        return theirs
    if (theirs.date, theirs.time) == (ours.date, ours.time):
        return theirs
    if on_their_clock(ours.date, ours.time, our_zone, their_zone) != written:
        return theirs
    return replace(theirs, date=ours.date, time=ours.time)


def read_alike(
    ours: Post, theirs: NewPost, written: tuple[date | None, time | None] | None
) -> tuple[str, time, time, date] | None:
    """For :func:`same_clock_note`: the title of ``theirs``, our time, its time and day
    here, where its time of day read the same on both calendars' clocks (``written``),
    on its day or another it was moved to there, and it comes in at another moment;
    else None."""
    if ours.time is None or theirs.time is None or written is None or written[1] != ours.time:
        return None
    if theirs.time == ours.time or theirs.date is None:  # (moved there, not shifted)
        return None
    return theirs.title, ours.time, theirs.time, theirs.date


def on_their_clock(day: date, at: time, ours: tzinfo, theirs: tzinfo) -> tuple[date, time]:
    """The day and time ``theirs``'s clock reads at the moment ``ours`` reads ``day`` at
    ``at``."""
    there = datetime.combine(day, at, tzinfo=ours).astimezone(theirs)
    return there.date(), time(there.hour, there.minute)


def second_pass(moment: datetime) -> bool:
    """Whether ``moment`` (aware, on the calendar's clock) is the second pass of a time
    the clocks go back over: kept on the wall clock, which says the first."""
    return moment.fold == 1 and moment.utcoffset() != moment.replace(fold=0).utcoffset()


def second_pass_note(told: Sequence[tuple[str, date, time]]) -> str | None:
    """What an import says of posts (title, day and time here) whose moment is the
    second pass of a time the clocks go back over; None for none."""
    if not told:
        return None
    if len(told) == 1:
        ((title, day, at),) = told
        return (
            f"{quoted_names([title])} starts at the second {at:%H:%M} of {day.isoformat()},"
            " as the clocks go back; Cadence keeps times as the clock reads them, and"
            " takes it for the first."
        )
    return (
        f"{quoted_names([title for title, _, _ in told])} start at the second pass of an"
        " hour the clocks go back over; Cadence keeps times as the clock reads them, and"
        " takes each for the first."
    )


def same_clock_note(
    moved: Sequence[tuple[str, time, time, date]], zone: str, source: str
) -> str | None:
    """What a merge says of posts (title, time, time and day here now) whose time read
    the same on both calendars' clocks, taken in an edit from ``source``, whose zone is
    ``zone``: they come in at the moment that time is there (on the day it was moved to
    there, named). One calendar's zone was likely changed since, keeping its posts'
    times of day; the user decides."""
    if not moved:
        return None
    if len(moved) == 1:
        ((title, both, here, day),) = moved
        return (
            f"{quoted_names([title])} read {both:%H:%M} on this calendar's clock and on"
            f" that of {source} ({zone}); as edited there, it comes in at {here:%H:%M} on"
            f" {spelled_day(day)}, when it is {both:%H:%M} in {zone}. If {both:%H:%M} was"
            f" meant here, set its time back to {both:%H:%M}."
        )
    return (
        f"{quoted_names([title for title, *_ in moved])} read the same times on this"
        f" calendar's clock and on that of {source} ({zone}); as edited there, they come"
        f" in at the moments those times are in {zone}. If the times were meant here,"
        " set them back."
    )


def reconcile_said(
    said: str,
    shown: str,
    post: Post,
    history: History,
    *,
    later: bool = True,
    whole: str | None = None,
) -> tuple[bool, bool]:
    """:func:`reconcile` for what a file with no versions says of ``post`` (another
    program's event, a CSV row): ``said``, a note of all of it, and ``shown``, a note
    of what it shows (:func:`.models.shown_note`). The notes the post keeps of what
    such files said as they came in, and of what it showed before each edit here,
    decide. The same again, or what the post showed before an edit here, is its past
    (once a file came in, only all of such a state is: a row showing part of one with
    something new is a change). Changed since a file last came in, it comes in, and the
    post is kept as a conflict copy if it was edited here since too (what only Cadence
    keeps, such as key messages, stays anyway). The first time, a post never edited here takes it;
    else both stay, the file's version the post when it is ``later``. ``whole``
    (:func:`.store.whole_note`, for a CSV row, which carries its channel, key
    messages, campaign and notes too) must match as well, where the post's past
    records it: a row moved to another channel is no past state."""
    notes = history.notes
    if said in notes:
        return False, False
    if any(note.startswith("said:") for note in notes):
        if whole is not None and whole in notes:  # all of a past state: an older file
            return False, False
        if whole is None and shown in notes and not later:
            # An event showing a state the post had, changed there before the post was
            # here (an edit here, a spreadsheet's row) and not since it last came in: its
            # past. One its program changed since is ``later``: a change, even back.
            return False, False
        return True, shown_note_of(post) not in notes
    if shows_past(shown, whole, notes):
        return False, False
    if not history.versions and history.complete:
        return True, False
    return later, True


def descends(
    history: History | None, other: VersionKey, other_history: History | None = None
) -> bool | None:
    """Whether the version whose ``history`` this is comes from ``other`` (whose own
    history is ``other_history``): None when that is not known. It is known not to
    when ``other`` is not among the known earlier versions and these are all known,
    or ``other`` itself comes after every version below which they are not: then it
    is no unknown earlier version either."""
    if history is None:
        return None
    if other in history.versions:
        return True
    if history.complete:
        return False
    if other_history is not None and history.boundary <= other_history.versions:
        return False
    return None


def _in_order(version: Version, now: datetime) -> Version:
    """The version as the order of edits sees it: to the second, and stamped in the
    future by a clock that was wrong, as made now (it does not outrank later edits)."""
    return min(version[0].astimezone(UTC).replace(microsecond=0), now), version[1]


def renamed(
    pairs: Iterable[tuple[Collection[str], Collection[int]]],
    theirs: Collection[str],
    ours: Mapping[int, str],
    unchanged: Iterable[tuple[Collection[str], Collection[int]]] | None = None,
    alike: Callable[[str, int], bool] | None = None,
    former: Mapping[str, Collection[int]] | None = None,
) -> dict[str, int]:
    """The names of another copy of the calendar that one side renamed, to ours.

    ``pairs`` holds, for each post both sides have, the names (channels, key
    messages or campaigns, as :func:`name_key` gives them) it carries there and the
    ids of those it carries here; ``theirs`` is every name the other side has,
    ``ours`` every name here by id, ``former`` the names records here had before a
    rename here (:meth:`.CalendarStore.former_names`).

    A name there that a record here had is that record ("LinkedIn", now "LI"), unless
    a record here has that name now and the posts both hold that carry it are on that
    one, not the renamed one (a new "LinkedIn" made beside "LI", or two names swapped,
    are told apart so).

    Else, where the posts' versions tell (``unchanged``: the pairs known to be one
    same version on both sides, so that whatever differs in them is names, not a
    move), a name there is a rename when every post both hold that carries it, one of
    them unchanged, carries one same record here whose name the other side does not
    have: renamed there, or here before Cadence kept former names. Posts switched
    there from a key message to a new one were edited there: that is a replacement.
    A name there that is here too is a rename only on their word: no post both hold
    is on the record of that name here. Two names renamed at once on the same posts
    are told apart where other posts carry one without the other, or else by
    ``alike`` (a name there and a record here of one colour). A file without versions
    (a CSV file) has only the former names: a row moved in a spreadsheet is a move.
    """
    keys = {record: name_key(name) for record, name in ours.items()}
    named = {key: record for record, key in keys.items()}
    free = {record for record, key in keys.items() if key not in theirs}

    def common(
        evidence: Iterable[tuple[Collection[str], Collection[int]]],
    ) -> tuple[dict[str, set[int]], set[str], dict[str, set[int]]]:
        """Per name there, the free records every post carrying it carries here; the
        names whose posts are, here too, on the record of that name; and per name,
        every record its posts carry here."""
        found: dict[str, set[int]] = {}
        on_own: set[str] = set()
        seen: dict[str, set[int]] = {}
        for carried_there, carried_here in evidence:
            here = free.intersection(carried_here)
            for name in carried_there:
                if named.get(name) in carried_here:
                    on_own.add(name)
                seen.setdefault(name, set()).update(carried_here)
                found[name] = found[name] & here if name in found else set(here)
        return found, on_own, seen

    every, on_own, seen = common(pairs)
    found: dict[str, int] = {}
    for name in sorted(theirs):
        records = set((former or {}).get(name, ())) & keys.keys()
        if len(records) != 1:
            continue
        (record,) = records
        if keys[record] == name:
            continue  # renamed back
        if name not in named or (name not in on_own and record in seen.get(name, ())):
            found[name] = record
    if unchanged is None:
        return found
    same, _, _ = common(unchanged)
    taken = set(found.values())
    open_names = {
        name: records - taken
        for name, records in every.items()
        if name not in found and name not in named and name in same
    }
    open_names.update(
        (name, records & every[name] - taken)
        for name, records in same.items()
        if name not in found and name in named and name not in on_own and name in every
    )
    if alike is not None:
        for name, records in open_names.items():
            if len(records) > 1:
                open_names[name] = {r for r in records if alike(name, r)} or records
    while True:  # a name left one record takes it; the others lose it, and so on
        sure = {name: next(iter(r)) for name, r in open_names.items() if len(r) == 1}
        if not sure:
            return found
        chosen = list(sure.values())
        for name, record in sure.items():
            del open_names[name]
            if chosen.count(record) == 1:
                found[name] = record
        for records in open_names.values():
            records.difference_update(chosen)


SeriesRule = tuple[str, date, time | None, tuple[date, ...]]
"""A series' rule, first day, time and exception days, as another calendar has them."""


def take_series_rule(
    store: CalendarStore,
    summary: ImportSummary,
    series: Series,
    rule: SeriesRule,
    there: Mapping[str, tuple[date | None, time | None, date | None]],
    made: Iterable[int],
) -> bool:
    """Give ``series`` the ``rule`` the other calendar (a merged one, a file) has for it
    where, the import done, its posts here are the other's: ``there`` gives each of
    those, by uid, its day, time and occurrence; ``made`` are the posts the import made
    of it. The series moved, lengthened or given other days there as a whole (only its
    posts came, each an occurrence moved on its own here, and those it gained stayed
    posts of their own). Changed on both sides, split there, given in part (a file of
    some months), or ended or cut short here since (posts of it deleted here, other than
    occurrences deleted on their own, come back: the other's rule is then the older
    one), it is left as it is. Whether it took the rule."""
    if (series.rrule, series.anchor, series.anchor_time, series.exdates) == rule:
        return False
    posts = {p.uid: p for p in store.series_posts(series.id)}
    in_series = set(posts)
    posts.update((p.uid, p) for p in store.posts(made))
    if posts.keys() != there.keys() or any(
        (p.date, p.time) != there[uid][:2] for uid, p in posts.items()
    ):
        return False
    if any(
        deleted.uid in there
        and deleted.uid not in in_series
        and there[deleted.uid][2] not in series.exdates
        for deleted in summary.revived
    ):
        return False  # ended or cut here since: theirs is the older rule
    members: dict[int, date] = {}
    for uid, post in posts.items():
        day = there[uid][2] or post.date
        if day is None:
            return False
        members[post.id] = day
    summary.remember_series(store, series.id)
    summary.remember_relinked(posts.values(), members)
    rrule, anchor, at, exdates = rule
    try:
        store.adopt_series(rrule, anchor, at, members, exdates, into=series.id)
    except InvalidInput:  # a rule edited by hand there, or damaged: joined as it reads
        return False
    return True


def stays_deleted(
    gone: Deleted,
    shown: str,
    version: Version | None = None,
    history: History | None = None,
    gone_history: History | None = None,
    *,
    told: str | None = None,
    whole: str | None = None,
    same: bool | None = None,
) -> bool:
    """Whether a post deleted here stays deleted though an import brings it again: the
    file shows what it showed when deleted (``shown``, :func:`.store.shown_sum`) in a
    version that does not come from the deleted one (one that does was brought back
    there, by an undo), or
    its ``version`` is the one deleted or an earlier state of it (``history``, what is
    known of the versions it came from; ``gone_history``, those the deleted one came
    from). A version edited there since, or beside the one deleted, comes back:
    nothing typed elsewhere is lost. ``same`` False: the version has the deleted
    one's number and second but is known to be another (two edits in one second).

    With no version, what the file shows decides in the same way: ``told``, what any
    calendar program tells of it (:func:`.models.shown_note`: another program's
    event, which carries no channel or key message), and for a CSV row, which carries
    everything a post shows, ``whole`` too (:func:`.store.whole_note`). What the post
    showed when deleted or before an edit here stays out; anything else comes back.
    """
    if shown == gone.shown and not (
        version is not None and history is not None and key_of(gone) in history.versions
    ):
        return True  # (one that comes from the deleted one was brought back: an undo)
    if version is None:
        if gone_history is None or told is None:
            return False
        notes = gone_history.notes
        return shows_past(told, whole, notes) or (
            whole is None and gone_note(told) in notes  # as it was when deleted
        )
    key = version_key(*version)
    if key == key_of(gone):
        return same is not False
    return descends(gone_history, key, history) is True


DELETED_HERE = -1
"""Stands, in an import's names, for a key message or campaign deleted here
(:meth:`.CalendarStore.deleted_names`): the file's posts come without it, and it is
not made again (an export from before the deletion put it back on every post)."""


def deleted_here(store: CalendarStore, kind: str) -> dict[str, int]:
    """The names of the ``kind`` ("message" or "campaign") deleted here, each standing
    for :data:`DELETED_HERE`: the base of an import's table of names."""
    return dict.fromkeys(store.deleted_names(kind), DELETED_HERE)


def apart_note(count: int, theirs: str, ours: str) -> str:
    """What an import says of ``count`` repeating posts that come in on their own, their
    series' rule speaking of ``theirs``, another clock than this calendar's (``ours``)."""
    posts = "1 repeating post comes" if count == 1 else f"{count} repeating posts come"
    own = "its" if count == 1 else "their"
    return f"{posts} in on {own} own: {theirs} repeats run on another clock than {ours}'s."


def import_names(store: CalendarStore) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """An import's tables of the calendar's channels, key messages and campaigns by name
    key: of names that read the same, the first the calendar lists, as its own lookup
    takes (an earlier release let such look-alikes in); the key messages and campaigns
    deleted here found too, standing for no record (:data:`DELETED_HERE`)."""

    def first(pairs: Iterable[tuple[str, int]], start: dict[str, int]) -> dict[str, int]:
        table = dict(start)
        for key, record_id in pairs:
            if table.get(key, DELETED_HERE) == DELETED_HERE:
                table[key] = record_id
        return table

    channels = first(((name_key(c.name), c.id) for c in store.channels(include_archived=True)), {})
    messages = first(
        ((name_key(m.title), m.id) for m in store.key_messages(include_archived=True)),
        deleted_here(store, "message"),
    )
    campaigns = first(
        ((name_key(c.name), c.id) for c in store.campaigns()), deleted_here(store, "campaign")
    )
    return channels, messages, campaigns


class LeftOff:
    """Says once, of each key message or campaign deleted here that the file's posts
    carry, that they come without it."""

    def __init__(self, summary: ImportSummary) -> None:
        self._summary = summary
        self._said: set[tuple[str, str]] = set()

    def ids(self, ids: Iterable[int], names: Iterable[str]) -> tuple[int, ...]:
        """``ids`` (key messages, each named in ``names``) without those deleted here."""
        kept = []
        for found, name in zip(ids, names, strict=True):
            if found == DELETED_HERE:
                self.say("key message", name)
            else:
                kept.append(found)
        return tuple(kept)

    def campaign(self, found: int | None, name: str) -> int | None:
        if found == DELETED_HERE:
            self.say("campaign", name)
            return None
        return found

    def say(self, kind: str, name: str) -> None:
        if (kind, name_key(name)) not in self._said:
            self._said.add((kind, name_key(name)))
            self._summary.notes.append(
                f"The {kind} '{name}' was deleted here: posts of the file that carry it"
                " come without it."
            )


def renamed_note(kind: str, there: str, here: str) -> str:
    """What an import says of a name it took for a renamed one (:func:`renamed`)."""
    return (
        f"The {kind} '{there}' is taken for '{here}' here, renamed on one side; "
        "the name here stays."
    )


_Item = TypeVar("_Item")


def learn_renames(
    store: CalendarStore,
    summary: ImportSummary,
    known: Sequence[dict[str, int]],
    items: Sequence[_Item],
    named: Sequence[Callable[[_Item], list[str]]],
    held: Mapping[str, Post],
    uid: Callable[[_Item], str],
    unchanged: Callable[[_Item, Post], bool] | None = None,
    alike: Sequence[Callable[[str, int], bool] | None] = (None, None, None),
) -> None:
    """Take the names of an import's ``items`` that were renamed here (or there) for
    the names here (:func:`renamed`), the posts both hold telling: an export made
    before "LinkedIn" became "LI" moves no post back onto a channel made again.

    ``known`` are the import's channels, key messages and campaigns by name key, in
    that order, which this adds to; ``named`` the names an item carries of each;
    ``held`` the posts here by uid; ``unchanged`` tells an item that is the very
    version of the post here (Cadence's own, not edited since on either side), where
    the file's versions tell (None: a CSV file, which has none);
    ``alike`` tells, for each kind, a name there from a record here (their colours).
    """
    here = (
        {c.id: c.name for c in store.channels(include_archived=True)},
        {m.id: m.title for m in store.key_messages(include_archived=True)},
        {c.id: c.name for c in store.campaigns()},
    )
    carried: tuple[Callable[[Post], Collection[int]], ...] = (
        lambda post: (post.channel_id,),
        lambda post: post.message_ids,
        lambda post: () if post.campaign_id is None else (post.campaign_id,),
    )
    pairs = [(item, held[uid(item)]) for item in items if uid(item) in held]
    kinds = ("channel", "key message", "campaign")
    formers = [store.former_names(kind) for kind in ("channel", "message", "campaign")]
    for kind, table, names_of, ours, carried_here, same_kind, former in zip(
        kinds, known, named, here, carried, alike, formers, strict=True
    ):
        spelled = {name_key(name): name for item in items for name in names_of(item)}
        found = renamed(
            (([name_key(n) for n in names_of(item)], carried_here(post)) for item, post in pairs),
            set(spelled),
            ours,
            None
            if unchanged is None
            else [
                ([name_key(n) for n in names_of(item)], carried_here(post))
                for item, post in pairs
                if unchanged(item, post)
            ],
            same_kind,
            former,
        )
        for key, record in found.items():
            table[key] = record
            summary.notes.append(renamed_note(kind, spelled[key], ours[record]))


def start_from_first_posts(
    store: CalendarStore, summary: ImportSummary, *, exact: Collection[int] = ()
) -> None:
    """A key message an import created starts on the day of the import, or on the
    first post delivering it if that is earlier: an imported history of past posts
    keeps its gaps, a plan of posts to come is not overdue since before it existed
    (nor since a cancelled post or a draft that never went out).
    Those in ``exact`` were made with the start their file gives them, and keep it."""
    for message_id in summary.messages_added:
        if message_id in exact:
            continue
        message = store.key_message(message_id)
        if message.starts_on is None:
            continue
        first = store.first_delivery_day(message_id, message.starts_on)
        if first is not None and first < message.starts_on:
            store.update_key_message(replace(message, starts_on=first))


class Conflicts:
    """Keeps the versions that gave way as copies marked as conflicts, each once: the
    same file imported again adds none. Reads the calendar's conflict copies at most
    once per import."""

    def __init__(self, store: CalendarStore, summary: ImportSummary) -> None:
        self._store = store
        self._summary = summary
        self._held: set[tuple[object, ...]] | None = None

    def keep(self, post: NewPost, kept: str) -> bool:
        """Keep ``post`` as a conflict copy of the post titled ``kept`` (the version that
        stays); False when the calendar already has it."""
        copy = conflict_copy(post)
        if self._held is None:
            # Copies kept by earlier releases are drafts or scheduled: the same all the same.
            held = self._store.posts_titled_ending(CONFLICT_MARK)
            self._held = {post_content(replace(p, status=_conflict_status(p.status))) for p in held}
        if post_content(copy) in self._held:
            return False
        self._held.add(post_content(copy))
        summary = self._summary
        summary.added.extend(self._store.add_posts([copy]).created)
        summary.conflicts += 1
        if summary.conflicts <= CONFLICTS_NAMED:
            when = f"on {spelled_day(copy.date)}" if copy.date else "in the backlog"
            summary.notes.append(
                f"'{kept}' was edited on both sides: the version that gave way is"
                f" '{copy.title}' ({copy.status.value}, {when})."
            )
        elif summary.conflicts == CONFLICTS_NAMED + 1:
            summary.notes.append(
                f"More posts were edited on both sides: look for titles ending"
                f" '{CONFLICT_MARK.strip()}'."
            )
        return True


def no_progress(done: int, total: int) -> bool:
    return True


class Cancelled(CadenceError):
    """The user cancelled; nothing was changed (or nothing was written)."""

    def __init__(self) -> None:
        super().__init__("Cancelled; nothing was changed.")


NOTES_WITHHELD = "notes withheld"
"""The note a post keeps (:meth:`.CalendarStore.add_notes`) of a version that came from a
file written without its posts' notes (a share): its empty notes are not known to be
empty, and the calendar it goes back to keeps the notes it has."""


def notes_withheld(notes: str, history: History | None, *, as_shared: bool = False) -> bool:
    """Whether a post's ``notes``, empty, were only never shared with it (its
    ``history`` holds :data:`NOTES_WITHHELD`): another calendar keeps its own. With
    ``as_shared``, only while the post is the version the share brought (notes typed and
    cleared since are an edit)."""
    if notes or history is None:
        return False
    return NOTES_WITHHELD in (history.notes_here if as_shared else history.notes)


SPREADSHEET_CELL = 32_767
"""The most characters a cell of Excel (and of LibreOffice Calc) holds: a longer text is
cut there, and the sheet saved again brings it back cut."""

TOOL_TIME = time(9, 0)
"""When a publishing tool needs a time and the post has none."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how. Empty id sets mean "all"."""

    first: date | None = None
    last: date | None = None
    channel_ids: frozenset[int] = frozenset()
    message_ids: frozenset[int] = frozenset()
    campaign_ids: frozenset[int] = frozenset()
    """Only posts of these campaigns (the window filtered to some)."""
    statuses: frozenset[PostStatus] = frozenset()
    """Only posts with these statuses (the window filtered to some)."""
    day_first: bool = True
    """CSV publishing profiles: 31/12/2026 (True) or 12/31/2026 (False)."""
    byte_order_mark: bool = False
    """CSV: start with a UTF-8 byte-order mark so that Excel reads the accents."""
    semicolons: bool = False
    """CSV: cells separated by semicolons, as Excel reads a CSV where a comma is the
    decimal mark (France, Germany, …; comma-separated, a row filled one column)."""
    today: date | None = None
    """For profiles that export only the posts still to go out: the day they start from
    (at its midnight); None, the present moment."""
    archived_messages: frozenset[int] = frozenset()
    """Reports, with no key message chosen (no post left out for its messages): the
    archived key messages ticked by name, in the report beside those in use."""
    notes: bool = True
    """iCalendar: each post's notes, in an X- property only Cadence reads. Private (a
    file to share leaves them out, and says so: an import keeps the notes it has)."""
    unnamed_messages: frozenset[int] = frozenset()
    """With no key message chosen: those left unticked all the same (archived ones a
    report leaves out), named on no post, as those not chosen are not."""
    rest_days: frozenset[int] | None = None
    """The web page and PDF: the days of the week (Monday 0) shaded as the weekend; None,
    those of the locale the environment names (the window gives the system's, as it
    shades them). Read through :meth:`days_of_rest`."""

    def days_of_rest(self) -> frozenset[int]:
        """The weekend to shade: the one given, else the environment's locale's."""
        return weekend_days() if self.rest_days is None else self.rest_days

    def filters(self) -> bool:
        """Whether the options leave some posts out."""
        return bool(
            self.first is not None
            or self.last is not None
            or self.channel_ids
            or self.message_ids
            or self.campaign_ids
            or self.statuses
        )

    def accepts(self, post: Post) -> bool:
        if post.date is not None:
            if self.first is not None and post.date < self.first:
                return False
            if self.last is not None and post.date > self.last:
                return False
        elif self.first is not None or self.last is not None:
            return False
        if self.channel_ids and post.channel_id not in self.channel_ids:
            return False
        if self.campaign_ids and post.campaign_id not in self.campaign_ids:
            return False
        if self.statuses and post.status not in self.statuses:
            return False
        return not (self.message_ids and not self.message_ids.intersection(post.message_ids))


def kept_to_messages(posts: Iterable[Post], options: ExportOptions) -> list[Post]:
    """The posts as a page, a report or a calendar file to share shows them: with key
    messages chosen, carrying those alone (a post with a message chosen and an internal
    one named the internal one on a client's page, in its PDF and its .ics), and
    without those left unticked all the same (an archived one unticked in the dialog was
    named on its posts and in the key)."""
    chosen, unnamed = options.message_ids, options.unnamed_messages
    if not chosen and not unnamed:
        return list(posts)

    def named(message: int) -> bool:
        return (message in chosen if chosen else True) and message not in unnamed

    return [
        replace(post, message_ids=tuple(m for m in post.message_ids if named(m))) for post in posts
    ]


@dataclass(frozen=True)
class ImportOptions:
    fallback_channel: str | None = None
    """Channel (created if missing) for imported items that name no known channel."""
    create_missing: bool = False
    """Create channels, key messages and campaigns named in the file that do not exist
    (otherwise posts naming an unknown one are reported and skipped, or use the
    fallback channel)."""
    day_first: bool | None = None
    """For CSV dates written as 01/02/2026: day first (True) or month first (False);
    None reads them as the file's dates show (one with a day over 12 first, as
    13/04/2026, tells), and day first where none tells."""
    today: date | None = None
    """The day of the import, on which the key messages it creates start (so that they
    are not overdue since before they existed), unless posts it brings carry them
    earlier (:func:`start_from_first_posts`); defaults to the calendar's today, that
    of the window and of ``cadence gaps``."""

    def start_day(self, store: CalendarStore) -> date:
        """The day the key messages the import creates start on."""
        return self.today or store.today()


@dataclass
class ExportSummary:
    posts: int = 0
    files: list[Path] = field(default_factory=list)
    period: str = ""
    """The days a report covers (web page, PDF: "1 Oct 2026 – 31 Jan 2027"), said since
    they may be a default."""
    too_long: list[str] = field(default_factory=list)
    """Posts whose text in a publishing tool's file is longer than their channel allows,
    one sentence each."""
    undated: int = 0
    """Posts in the backlog the export would have taken but its format cannot hold (an
    iCalendar event needs a day)."""
    too_close: list[str] = field(default_factory=list)
    """Posts less than the 10 minutes Sprout Social wants after the one before them on
    their channel, one sentence each."""
    zone: str = ""
    """The zone a publishing tool's file has its times in, which the file cannot say."""
    left_over: list[Path] = field(default_factory=list)
    """Publishing-tool files of the channels exported that an earlier export left
    beside these and this one did not write (less or nothing to send now)."""
    no_link: list[str] = field(default_factory=list)
    """Posts whose link is no web address, left out of a tool's link column, one
    sentence each."""
    not_social: list[str] = field(default_factory=list)
    """The channels a publishing tool's files were written for whose kind it does not
    publish to (a newsletter, a press release), by name."""
    untimed: int = 0
    """Posts without a time that a publishing tool's files send at a time of day all the
    same (:data:`TOOL_TIME`), which the summary names."""
    over_a_cell: int = 0
    """Posts of a CSV whose text or notes is longer than a spreadsheet's cell holds
    (:data:`SPREADSHEET_CELL`): Excel cuts them."""
    other_messages: int = 0
    """Posts of a CSV chosen by key message that carry others too, named in it (a sheet
    keeps each post whole), where the other formats name the chosen alone."""
    drafts_left: int = 0
    """Drafts still to go out that a publishing tool's files leave out, scheduled posts
    alone asked for (those approved)."""
    replaced_kept: Path | None = None
    """Where the calendar a copy replaced is kept (:func:`.backups.keep_replaced`)."""
    too_soon: list[str] = field(default_factory=list)
    """Posts a publishing tool's file sends less than the 10 minutes after now that the
    tools want after the upload, one sentence each."""
    retimed: list[str] = field(default_factory=list)
    """Posts a publishing tool's file sends a few minutes after their time (Hootsuite's
    5-minute steps), one sentence each."""
    retimed_earlier: list[str] = field(default_factory=list)
    """Posts sent a few minutes before their time (the last 5-minute step of their
    day), one sentence each."""
    no_font: str = ""
    """Letters of a PDF that no font of this computer draws (shown as boxes), each once."""

    def describe(self) -> str:
        names = _files_named(self.files)
        counted = f"{self.posts} post{'s' if self.posts != 1 else ''}"
        if self.period:
            counted += f" ({self.period})"
        text = f"Exported {counted} to {names}."
        if self.no_font:
            shown = " ".join(self.no_font[:8]) + (" …" if len(self.no_font) > 8 else "")
            text += (
                f" No font on this computer draws some of its letters ({shown}): the PDF shows"
                " them as boxes. Install a font for them (such as Noto) and export again."
            )
        if self.zone and self.posts:
            its, it = ("Its", "it") if len(self.files) == 1 else ("Their", "them")
            text += f" {its} times are in {self.zone}: upload {it} to profiles set to that zone."
        if self.untimed:
            one = self.untimed == 1
            text += (
                f" {self.untimed} post{'' if one else 's'} without a time"
                f" {'goes' if one else 'go'} out at {TOOL_TIME:%H:%M}, as the tool needs"
                f" one; give {'it a time' if one else 'them times'} in Cadence to choose."
            )
        if self.over_a_cell:
            one = self.over_a_cell == 1
            text += (
                f" {self.over_a_cell} post{'' if one else 's'} {'has' if one else 'have'} a text"
                f" longer than the {SPREADSHEET_CELL:,} characters a spreadsheet's cell holds:"
                " Excel cuts"
                f" {'it' if one else 'them'} (an import of the sheet saved again keeps the"
                " whole texts here)."
            )
        if self.other_messages:
            one = self.other_messages == 1
            text += (
                f" {self.other_messages} post{'' if one else 's'} of it"
                f" {'carries' if one else 'carry'} key messages besides those chosen, named"
                " in it with the notes: a CSV keeps each post whole; check it before"
                " sending it on."
            )
        if self.drafts_left:
            one = self.drafts_left == 1
            text += (
                f" {self.drafts_left} draft{'' if one else 's'} still to go out"
                f" {'is' if one else 'are'} not in {'it' if len(self.files) == 1 else 'them'}:"
                " only scheduled posts were chosen."
            )
        if self.not_social:
            named = quoted_names(self.not_social)
            one = len(self.not_social) == 1
            text += (
                f" The tool publishes to social networks: {named}"
                f" {'is no such channel' if one else 'are no such channels'}; leave"
                f" {'it' if one else 'them'} out unless the tool has"
                f" {'a profile for it' if one else 'profiles for them'}."
            )
        if self.replaced_kept is not None:
            text += f" The calendar it replaced is kept as {self.replaced_kept}."
        if self.left_over:
            left = _names_of([path.name for path in self.left_over])
            one = len(self.left_over) == 1
            text += (
                f" {left} {'is' if one else 'are'} left from an earlier export, with"
                f" posts this one did not send: delete {'it' if one else 'them'} before"
                " giving the folder to the tool."
            )
        if self.undated:
            ideas = "1 post" if self.undated == 1 else f"{self.undated} posts"
            text += (
                f" {ideas} in the backlog {'is' if self.undated == 1 else 'are'} not in it:"
                " an iCalendar file holds dated posts only."
            )
        if len(self.too_long) == 1:
            text += " 1 post is longer than its channel allows; the tool may refuse it."
        elif self.too_long:
            text += (
                f" {len(self.too_long)} posts are longer than their channel allows;"
                " the tool may refuse them."
            )
        if self.no_link:
            one = len(self.no_link) == 1
            text += (
                f" {len(self.no_link)} post{'' if one else 's'} {'has' if one else 'have'} a"
                f" link that is no web address, left out of the file's link column."
            )
        retimed = len(self.retimed) + len(self.retimed_earlier)
        if retimed:
            one = retimed == 1
            text += (
                f" {retimed} post{'' if one else 's'} {'goes' if one else 'go'} out on the"
                f" 5-minute steps Hootsuite takes, not at {'its' if one else 'their'} minute"
            )
            earlier = len(self.retimed_earlier)
            if earlier:
                of_them = "" if one else f"{earlier} of them "
                text += f" ({of_them}before {'its' if earlier == 1 else 'their'} time, as"
                text += f" {'its' if earlier == 1 else 'their'} day ends)"
            text += "."
        if self.too_soon:
            one = len(self.too_soon) == 1
            text += (
                f" {len(self.too_soon)} post{'' if one else 's'} {'goes' if one else 'go'} out"
                " less than 10 minutes from now, and the tools schedule posts only 10 minutes"
                f" after the upload: the tool may refuse {'it' if one else 'them'}."
            )
        if len(self.too_close) == 1:
            text += (
                " 1 post is less than 10 minutes after another on its channel;"
                " Sprout Social may refuse it."
            )
        elif self.too_close:
            text += (
                f" {len(self.too_close)} posts are less than 10 minutes after another on"
                " their channel; Sprout Social may refuse them."
            )
        return text

    def details(self) -> list[str]:
        """Each post the summary counts as a problem and each file it counts, one line
        each ("too long: ...", "written: ...")."""
        return self.warnings() + self.written()

    def warnings(self) -> list[str]:
        """The lines of :meth:`details` that warn: posts the tool may refuse or place
        otherwise, files of an earlier export left beside these."""
        return (
            [f"too long: {line}" for line in self.too_long]
            + [f"too soon: {line}" for line in self.too_soon]
            + [f"too close: {line}" for line in self.too_close]
            + [f"earlier: {line}" for line in self.retimed_earlier]
            + [f"later: {line}" for line in self.retimed]
            + [f"no link: {line}" for line in self.no_link]
            + ([f"left from before: {p}" for p in self.left_over] if _many(self.left_over) else [])
        )

    def written(self) -> list[str]:
        """The lines of :meth:`details` that name the files written, when the summary
        counts them rather than naming them."""
        return [f"written: {path}" for path in self.files] if _many(self.files) else []


FILES_NAMED = 3
"""The files an export's summary names one by one: a publishing tool's export writes a
file per channel (82 of them filled a box taller than the screen)."""


def _many(names: Sequence[object]) -> bool:
    """Whether a summary names ``names`` in part (its details name each)."""
    return len(names) > FILES_NAMED


def _files_named(paths: Sequence[Path]) -> str:
    """``paths`` as a summary names them: each whole, or as many files in their folder
    with the first few's names."""
    folders = {path.parent for path in paths}
    if len(paths) == 1 or (len(folders) > 1 and not _many(paths)):
        return ", ".join(str(path) for path in paths)
    # Several files in one folder: the folder once (each file's whole path wrapped the
    # summary box in the middle of the second).
    where = f" in {next(iter(folders))}" if len(folders) == 1 else ""
    return f"{len(paths)} files{where} ({_names_of([path.name for path in paths])})"


def _names_of(names: Sequence[str]) -> str:
    """ "a.csv, b.csv, c.csv"; beyond :data:`FILES_NAMED`, "a.csv, b.csv and 80 more"."""
    if not _many(names):
        return ", ".join(names)
    shown = FILES_NAMED - 1
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


@dataclass
class ImportSummary:
    """What an import did, in enough detail to undo it exactly."""

    added: list[int] = field(default_factory=list)
    """Ids of the posts created."""
    previous: list[Post] = field(default_factory=list)
    """The posts that were updated, as they were before."""
    settled: list[Post] = field(default_factory=list)
    """Posts that stayed as they were but now settle the other side's version, kept as a
    conflict copy (:meth:`.CalendarStore.settle_versions`), as they were before."""
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    """One sentence per item that was not imported, with its line or row."""
    conflicts: int = 0
    kept_newer: int = 0
    """Posts left as they are because the calendar holds a later edit of them."""
    withdrawn: int = 0
    """Occurrences of a recurring event that its file no longer has, now cancelled."""
    channels_added: list[int] = field(default_factory=list)
    messages_added: list[int] = field(default_factory=list)
    campaigns_added: list[int] = field(default_factory=list)
    series_added: list[int] = field(default_factory=list)
    """Recurring series put back together from the posts added."""
    series_before: list[Series] = field(default_factory=list)
    """Series of this calendar that posts added joined, as they were before."""
    ignored_columns: list[str] = field(default_factory=list)
    """Columns of a CSV file that Cadence does not read, as the file names them."""
    notes: list[str] = field(default_factory=list)
    """What the import took for granted and the user should know (one sentence each)."""
    left_deleted: int = 0
    """Posts deleted here that the file shows as they were, or earlier: not brought back."""
    notes_left: int = 0
    """Posts pasted from another calendar whose notes stayed there (private to it)."""
    revived: list[Deleted] = field(default_factory=list)
    """Posts deleted here that the import brought back, edited there since, as they were
    when deleted (its undo remembers them as deleted again)."""
    removed: list[Post] = field(default_factory=list)
    """Posts a merged calendar deleted that were here as deleted there, or at an earlier
    state: deleted here too, as they were before (its undo puts them back)."""
    deleted_there_kept: int = 0
    """Posts a merged calendar deleted that were edited here since: kept."""
    relinked: list[Post] = field(default_factory=list)
    """Posts here, not otherwise changed, that a series taking the other calendar's
    rule made occurrences of other days, as they were (its undo puts them back)."""

    def remember_relinked(self, posts: Iterable[Post], occurrences: Mapping[int, date]) -> None:
        """Keep, as they are, the ``posts`` whose occurrence becomes another (by id in
        ``occurrences``) and that the summary does not hold as they were already (nor
        made: their undo takes them away)."""
        held = {*self.added, *(p.id for p in [*self.previous, *self.settled, *self.relinked])}
        self.relinked.extend(
            p
            for p in posts
            if p.id not in held and occurrences.get(p.id, p.occurrence) != p.occurrence
        )

    @property
    def all_skipped(self) -> bool:
        """Whether everything the file holds was skipped, each with its sentence: no
        post came in, was here already or was left as it is here."""
        taken = (
            self.added,
            self.previous,
            self.settled,
            self.unchanged,
            self.kept_newer,
            self.left_deleted,
            self.removed,
            self.deleted_there_kept,
        )
        return bool(self.skipped) and not any(taken)

    def describe(self) -> str:
        # The copies kept of conflicts, and the occurrences cancelled, are said apart.
        added = len(self.added) - self.conflicts
        updated = len(self.previous) - self.withdrawn
        # Posts deleted here that came back, edited there since, said as such: they read
        # as new ones ("Added 2 posts"), and the other way round was explained.
        back = len(self.revived)
        if back and back == added:
            came_back = " (deleted here, edited there since)"
        elif back:
            came_back = f" ({back} deleted here, edited there since)"
        else:
            came_back = ""
        text = (
            f"Added {added} post{'s' if added != 1 else ''}{came_back}, "
            f"updated {updated}, {self.unchanged} already up to date"
        )
        if self.conflicts == 1:
            text += ", 1 conflict kept as a copy"
        elif self.conflicts:
            text += f", {self.conflicts} conflicts kept as copies"
        if self.kept_newer == 1:
            text += ", 1 edited here since (kept as it is)"
        elif self.kept_newer:
            text += f", {self.kept_newer} edited here since (kept as they are)"
        if self.withdrawn:
            occurrences = "occurrence" if self.withdrawn == 1 else "occurrences"
            text += f", {self.withdrawn} {occurrences} the file no longer has cancelled"
        if self.left_deleted:
            text += f", {self.left_deleted} deleted here left out"
        if self.removed:
            text += f", {len(self.removed)} deleted there deleted here too"
        if self.deleted_there_kept:
            text += f", {self.deleted_there_kept} deleted there kept (edited here since)"
        if self.skipped:
            text += f", skipped {len(self.skipped)}"
        created = self.created()
        if created:
            text += f"; created {', '.join(created)}"
        if self.ignored_columns:
            # Each name once, and a few of thousands (a sheet of 20,000 columns made a
            # summary taller than any screen).
            ignored = list(dict.fromkeys(self.ignored_columns))
            names = quoted_names([shortened(name) for name in ignored], most=5)
            plural = "s" if len(ignored) != 1 else ""
            text += f"; ignored the column{plural} {names}"
        return text + "."

    def remember_series(self, store: CalendarStore, series_id: int) -> None:
        """Keep a series of ``store`` as it is before posts join it (once: undo puts
        back the first state)."""
        if all(s.id != series_id for s in self.series_before):
            self.series_before.append(store.series(series_id))

    def created(self) -> list[str]:
        """What was created besides posts: "1 channel", "2 key messages"..."""
        return [
            f"{len(ids)} {word}{'s' if len(ids) != 1 else ''}"
            for ids, word in (
                (self.channels_added, "channel"),
                (self.messages_added, "key message"),
                (self.campaigns_added, "campaign"),
            )
            if ids
        ]


def created_names(store: CalendarStore, summary: ImportSummary, *, counted: bool = False) -> str:
    """The channels, key messages and campaigns an import or a paste made, by name
    ("the channel 'Twitter'", "2 key messages: 'A', 'B'"): "added 1 channel" left "X"
    and "Twitter" side by side, unsaid which. ``counted``: by number alone ("2 channels
    and 1 campaign"), for a line with no room for the names."""
    made = (
        (summary.channels_added, "channel", lambda i: store.channel(i).name),
        (summary.messages_added, "key message", lambda i: store.key_message(i).title),
        (summary.campaigns_added, "campaign", lambda i: store.campaign(i).name),
    )
    if counted:
        return in_words(
            [f"{len(ids)} {word}{'s' * (len(ids) != 1)}" for ids, word, _ in made if ids]
        )
    parts = []
    for ids, word, name in made:
        with contextlib.suppress(KeyError, NotFound):  # (undone since)
            names = quoted_names([name(i) for i in ids])
            if len(ids) == 1:
                parts.append(f"the {word} {names}")
            elif ids:
                parts.append(f"{len(ids)} {word}s: {names}")
    return "; ".join(parts)


class Exporter(Protocol):
    def __call__(
        self, store: CalendarStore, target: Path, options: ExportOptions, progress: Progress
    ) -> ExportSummary: ...


class Importer(Protocol):
    def __call__(
        self, store: CalendarStore, source: Path, options: ImportOptions, progress: Progress
    ) -> ImportSummary: ...


def selected_posts(store: CalendarStore, options: ExportOptions) -> list[Post]:
    """The posts an export takes (:meth:`ExportOptions.accepts`), those of its days
    alone read when it has days."""
    if options.first is not None or options.last is not None:
        posts = store.posts_between(options.first or date.min, options.last or date.max)
    else:
        posts = store.all_posts()
    return [p for p in posts if options.accepts(p)]


def _export_cadence(
    store: CalendarStore, target: Path, options: ExportOptions, progress: Progress
) -> ExportSummary:
    from ..core.backups import copy_target, replacing, write_copy

    def step(done: int, total: int) -> None:
        if not progress(done, total):
            raise Cancelled

    target = copy_target(store, target)
    if not options.filters():
        with replacing(target) as kept:  # a calendar the name hit by a slip
            written = write_copy(store, target, step=step, sound_only=True)
        return ExportSummary(posts=store.count_posts(), files=[written], replaced_kept=kept)
    # The posts of its days alone are read (a year out of 300,000 posts read them all).
    taken = {p.id for p in selected_posts(store, options)}
    leave_out = [i for (i,) in store.read("SELECT id FROM posts") if i not in taken]
    with replacing(target) as kept:
        written = write_copy(
            store, target, leave_out=leave_out, only_names_used=True, step=step, sound_only=True
        )
    return ExportSummary(posts=len(taken), files=[written], replaced_kept=kept)


def note_archived(store: CalendarStore, summary: ImportSummary) -> None:
    """Say, in ``summary``'s notes, the channels and key messages archived here that
    the posts it added came onto (84 posts of a merge landed on an archived channel
    unsaid), as a paste says them; not those the import made (archived in the file).
    The posts it changed count for what they came onto with the change (a colleague
    moved one onto a channel archived here)."""
    held = {old.id: old for old in summary.previous}
    onto: set[tuple[str, int]] = set()
    for post in store.posts(held) if held else []:
        if post.channel_id != held[post.id].channel_id:
            onto.add(("c", post.channel_id))
        onto.update(("m", m) for m in set(post.message_ids) - set(held[post.id].message_ids))
    if summary.added:  # (read in one query: an import may add 100,000)
        import json

        ids = json.dumps(list(summary.added))
        onto.update(
            store.read(
                "SELECT DISTINCT 'c', channel_id FROM posts"
                " WHERE id IN (SELECT value FROM json_each(?))"
                " UNION SELECT DISTINCT 'm', message_id FROM post_messages"
                " WHERE post_id IN (SELECT value FROM json_each(?))",
                [ids, ids],
            )
        )
    if not onto:
        return
    records = {("c", c.id): (c.name, c.archived) for c in store.channels(include_archived=True)} | {
        ("m", m.id): (m.title, m.archived) for m in store.key_messages(include_archived=True)
    }
    made = {("c", r) for r in summary.channels_added} | {("m", r) for r in summary.messages_added}
    names = sorted(
        {f"'{records[key][0]}'" for key in onto - made if key in records and records[key][1]}
    )
    if names:
        summary.notes.append(f"Posts came onto what is archived here: {', '.join(names)}.")


def spanning_note(titles: Sequence[str]) -> str | None:
    """The note on the posts whose events or rows spanned several days (an event of three
    days, Notion's "March 15, 2027 → March 19, 2027"): each came in on its first day."""
    if not titles:
        return None
    said = "lasts" if len(titles) == 1 else "last"
    return f"{quoted_names(titles)} {said} several days; a post is on the first."


def note_published_ahead(
    store: CalendarStore, summary: ImportSummary, today: date | None = None
) -> None:
    """Say, in ``summary``'s notes, how many posts the import added or changed are
    published on a day after ``today``: they count as delivered before they go out (the
    editor refuses it, a drag there schedules a published post; an import takes the
    file as it is, and said nothing)."""
    ids = [*summary.added, *(old.id for old in summary.previous)]
    if not ids:
        return
    import json

    day = (today or store.today()).isoformat()
    (count,) = store.read(
        "SELECT count(*) FROM posts WHERE id IN (SELECT value FROM json_each(?))"
        " AND status = 'published' AND date > ?",
        [json.dumps(ids), day],
    )[0]
    if count == 1:
        summary.notes.append(
            "1 post the file marks published is on a day to come, so Cadence counts it as"
            " delivered already; set it to Scheduled if it has not gone out."
        )
    elif count:
        summary.notes.append(
            f"{count} posts the file marks published are on days to come, so Cadence counts"
            " them as delivered already; set those that have not gone out to Scheduled."
        )


def _noting(importer: Callable[..., ImportSummary]) -> Importer:
    def run(
        store: CalendarStore, source: Path, options: ImportOptions, progress: Progress
    ) -> ImportSummary:
        summary = importer(store, source, options, progress)
        note_archived(store, summary)
        note_published_ahead(store, summary, options.today)
        return summary

    return run


def _import_cadence(
    store: CalendarStore, source: Path, options: ImportOptions, progress: Progress
) -> ImportSummary:
    from .merge import merge_into

    return merge_into(store, source, options, progress)


def _lazy(module: str, name: str) -> Callable[..., object]:
    """Load a format's module only when it is used (start-up stays fast)."""

    def call(*args: object) -> object:
        from importlib import import_module

        return getattr(import_module(module, __package__), name)(*args)

    return call


EXPORTERS: dict[str, Exporter] = {
    "cadence": _export_cadence,
    "ics": _lazy(".ical", "export_ics"),  # type: ignore[dict-item]
    "csv": _lazy(".csv_profiles", "export_csv"),  # type: ignore[dict-item]
    "hootsuite": _lazy(".csv_profiles", "export_hootsuite"),  # type: ignore[dict-item]
    "sprout": _lazy(".csv_profiles", "export_sprout"),  # type: ignore[dict-item]
    "html": _lazy(".html", "export_html"),  # type: ignore[dict-item]
}
"""Exporters by ``--format`` name. PDF lives in calendar_app.render (it needs QtGui)."""

IMPORTERS: dict[str, Importer] = {
    "cadence": _import_cadence,
    "ics": _noting(_lazy(".ical", "import_ics")),  # type: ignore[arg-type]
    "csv": _noting(_lazy(".csv_profiles", "import_csv")),  # type: ignore[arg-type]
}

IMPORT_SUFFIXES: dict[str, str] = {
    ".cadence": "cadence",
    ".ics": "ics",
    ".ical": "ics",
    ".ifb": "ics",
    ".csv": "csv",
    ".tsv": "csv",  # Google Sheets' tab-separated download
    ".txt": "csv",  # Excel's "Unicode Text" (UTF-16, tabs): in the window, no --format
}


def format_for(path: Path) -> str | None:
    """The import format a file's extension suggests, or None; a file that is
    iCalendar whatever its name ("plan.ics.txt", Outlook's .vcs), or a zip archive
    (Google Calendar's export, which the iCalendar import tells to unzip), is "ics"."""
    fmt = IMPORT_SUFFIXES.get(path.suffix.lower())
    if fmt in (None, "csv") and _looks_like_ics(path):
        return "ics"
    return fmt


def _looks_like_ics(path: Path) -> bool:
    """Whether the file is iCalendar text, or a zip archive of .ics files (a workbook is a
    zip too: its import says to save it as CSV)."""
    try:
        with open(path, "rb") as file:
            head = file.read(64)
        if head.startswith(ZIP_START):
            import zipfile

            try:
                with zipfile.ZipFile(path) as archive:
                    return any(n.lower().endswith(".ics") for n in archive.namelist())
            except zipfile.BadZipFile:  # (a download cut short: its import says what it is)
                return False
    except (OSError, ValueError, RuntimeError):
        return False
    return ics_text(head).removeprefix("\ufeff").lstrip().upper().startswith("BEGIN:VCALENDAR")


ZIP_START = b"PK\x03\x04"
"""How a zip archive begins: Google Calendar's export, and workbooks (.xlsx, .ods)."""


def ics_text(raw: bytes) -> str:
    """Bytes of text as Windows may save them, "Unicode" (UTF-16 with its mark), as UTF-8
    text; other bytes as UTF-8, undecodable ones replaced."""
    for mark, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(mark):
            return raw[2:].decode(encoding, "replace")
    return raw.decode("utf-8", "replace")
