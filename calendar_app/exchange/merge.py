"""Merging a colleague's calendar into ours, and pasting posts from another calendar.

Posts are matched by uid; channels, key messages and campaigns by name
(created when missing). When a post differs on the two sides, a version that
comes from the other wins; else the newer edit (later stamp, then more
revisions) wins and the other version is kept as a copy marked as a conflict
unless it is an older state of the winner (:func:`.formats.reconcile`), so
nothing anyone wrote is lost. The whole merge is one
transaction. The occurrences of a recurring post new to ours arrive as a
recurring series again, and a series changed as a whole there (moved, made longer)
comes with its rule (:func:`_as_there`).

A timed post from a calendar in another time zone keeps its moment: 09:00 in
New York is 15:00 in Paris, as when the same post comes through iCalendar. Its
occurrences then arrive as separate posts: across daylight-saving changes the
same moment can fall on different wall-clock days, which no repeat rule of
ours describes.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ..core.damage import damaged_calendar
from ..core.database import sound
from ..core.errors import CalendarFileError, InvalidInput, environment_errors
from ..core.models import (
    CHANNEL_KINDS,
    MAX_CADENCE_DAYS,
    MAX_CHAR_LIMIT,
    OUTSIDE_PLANS,
    Campaign,
    Channel,
    KeyMessage,
    NewPost,
    Post,
    differs_in_names_only,
    guessed_kind,
    in_plans,
    known_limit,
    name_key,
    named_few,
    post_content,
    readable_color,
    shortened,
    shows_nothing,
    spelled_day,
)
from ..core.store import CalendarStore, full_edit, shown_sum
from .formats import (
    CONFLICTS_NAMED,
    DELETED_HERE,
    Cancelled,
    Conflicts,
    ImportOptions,
    ImportSummary,
    LeftOff,
    Progress,
    apart_note,
    at_our_moment,
    colour_alike,
    no_progress,
    note_archived,
    note_published_ahead,
    notes_withheld,
    read_alike,
    reconcile,
    renamed,
    renamed_note,
    same_clock_note,
    same_on_another_clock,
    second_pass,
    second_pass_note,
    start_from_first_posts,
    stays_deleted,
    take_series_rule,
)


def _renamed(
    ours: CalendarStore, theirs: CalendarStore, pairs: list[tuple[Post, Post]]
) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Their channels, key messages and campaigns that one side renamed, to ours
    (:func:`.formats.renamed`), by id: the posts both hold tell them."""

    def by_id(
        kind: str,
        their_records: list[_Named],
        our_records: list[_Named],
        name: Callable[[_Named], str],
        carried: Callable[[Post], Collection[int]],
    ) -> dict[int, int]:
        their_names = {r.id: name_key(name(r)) for r in their_records}
        colours = {their_names[r.id]: r.color for r in their_records}
        evidence = [
            ([their_names[i] for i in carried(there) if i in their_names], carried(here))
            for there, here in pairs
        ]
        found = renamed(
            evidence,
            set(their_names.values()),
            {r.id: name(r) for r in our_records},
            [
                names
                for names, (there, here) in zip(evidence, pairs, strict=True)
                if (there.updated_at, there.revision) == (here.updated_at, here.revision)
            ],
            colour_alike(colours, {r.id: r.color for r in our_records}),
            ours.former_names(kind),
        )
        mapped = {i: found[key] for i, key in their_names.items() if key in found}
        # Renamed there: a record there whose name is not here, that had a name here.
        here = {name_key(name(r)): r.id for r in our_records}
        for key, records in theirs.former_names(kind).items():
            for record in records:
                if record in mapped or their_names.get(record) in here or key not in here:
                    continue
                if here[key] not in mapped.values():
                    mapped[record] = here[key]
        return mapped

    return (
        by_id(
            "channel",
            theirs.channels(include_archived=True),
            ours.channels(include_archived=True),
            lambda c: c.name,
            lambda p: (p.channel_id,),
        ),
        by_id(
            "message",
            theirs.key_messages(include_archived=True),
            ours.key_messages(include_archived=True),
            lambda m: m.title,
            lambda p: p.message_ids,
        ),
        by_id(
            "campaign",
            theirs.campaigns(),
            ours.campaigns(),
            lambda c: c.name,
            lambda p: () if p.campaign_id is None else (p.campaign_id,),
        ),
    )


def merge_into(
    ours: CalendarStore, source: Path, options: ImportOptions, progress: Progress = no_progress
) -> ImportSummary:
    """Merge the calendar file at ``source`` into ``ours``; the file is only read."""
    if ours.is_file(source):
        raise InvalidInput("That is this calendar: there is nothing to merge into it.")
    with CalendarStore.open(source, read_only=True) as theirs:
        # A damaged page would otherwise surface half-way as "the calendar file is
        # damaged", which reads as if it were ours.
        if not sound(theirs.db.conn):
            raise CalendarFileError(f"{source} is damaged, so nothing was imported from it.")
        # Told to make what is missing, each post keeps its own channel, made here;
        # else a channel named for the import takes the posts of channels not here.
        fallback = None if options.create_missing else options.fallback_channel
        try:
            return merge_calendar(ours, theirs, fallback_channel=fallback, progress=progress)
        except Exception as exc:  # (damage no check foresaw, found by what went wrong)
            damaged = damaged_calendar([source], exc)
            if damaged is None:
                raise
            raise damaged from exc


def merge_calendar(
    ours: CalendarStore,
    theirs: CalendarStore,
    *,
    fallback_channel: str | None = None,
    progress: Progress = no_progress,
) -> ImportSummary:
    """Bring every post of ``theirs`` into ``ours``; ``theirs`` is only read."""
    summary = ImportSummary()
    as_written = theirs.all_posts()
    twice: dict[str, tuple[str, date, time]] = {}
    readable = _as_they_come(ours, _within_plans(as_written, summary), theirs.path.name, summary)
    their_posts = _in_zone(readable, theirs.zone, ours.zone, summary, twice)
    written = {p.uid: (p.date, p.time) for p in as_written}  # on their calendar's clock
    came: set[str] = set()  # the posts added or taken from theirs, by uid
    same_clock: list[tuple[str, time, time, date]] = []
    their_history = theirs.history(their_posts)
    with environment_errors(), ours.db.atomic():
        held = ours.posts_with_uids([p.uid for p in their_posts])
        pairs = [(post, held[post.uid]) for post in their_posts if post.uid in held]
        gone = ours.deleted(p.uid for p in their_posts if p.uid not in held)
        gone_history = ours.history(list(gone.values()))
        channels, messages, campaigns = _renamed(ours, theirs, pairs)
        for kind, found, there, here in (
            ("channel", channels, theirs.channel, ours.channel),
            ("key message", messages, theirs.key_message, ours.key_message),
            ("campaign", campaigns, theirs.campaign, ours.campaign),
        ):
            for their_id, our_id in found.items():
                summary.notes.append(
                    renamed_note(kind, _name(there(their_id)), _name(here(our_id)))
                )
        had = ours.colors_in_use()  # what those made here keep their colours apart from
        with ours.colors_coming(_colors(theirs)):
            maps = _Maps(
                _map_channels(
                    ours,
                    theirs,
                    summary,
                    fallback_channel,
                    renamed=channels,
                    had=had,
                    as_there=True,
                ),
                _map_messages(
                    ours,
                    theirs,
                    summary,
                    renamed=messages,
                    had=had,
                    deleted=ours.deleted_names("message"),
                    as_there=True,
                ),
                _map_campaigns(
                    ours,
                    theirs,
                    summary,
                    renamed=campaigns,
                    had=had,
                    deleted=ours.deleted_names("campaign"),
                ),
            )
        _say_left_off(LeftOff(summary), maps, theirs, their_posts)
        _say_unnamed(theirs, summary)
        _say_settings_apart(ours, theirs, maps, channels, summary)

        def translate(post: Post) -> NewPost:
            return maps.translate(post.as_new())

        # Our key messages their calendar has or had (by name, renames learnt): a post
        # of theirs keeps here the others it carries, which it never had there.
        deleted_there = theirs.deleted_names("message")
        known_there = set(maps.messages.values()) | {
            m.id
            for m in ours.key_messages(include_archived=True)
            if name_key(m.title) in deleted_there
        }

        # Their series whose posts read other days or times here (another zone's clock):
        # no rule of ours says them, so their posts come in on their own. A zone whose
        # clock reads the same over them (Amsterdam's and Paris's) keeps them together.
        apart_series = {
            p.series_id
            for p in their_posts
            if p.series_id is not None and (p.date, p.time) != written[p.uid]
        }
        joined: dict[int, int] = {}  # their series -> ours, where a post of it is here
        conflicts = Conflicts(ours, summary)
        series: dict[int, dict[int, date]] = {}  # their series -> our new posts, occurrences
        apart = 0  # posts of their series that come in on their own (another zone)
        total = len(their_posts)
        coming: list[Post] = []  # their posts new here, added a batch at a time

        def add_coming() -> None:
            nonlocal apart
            if not coming:
                return
            created = ours.add_posts(
                [translate(post) for post in coming],
                uids=[post.uid for post in coming],
                # Another program's event it came from: found again by its next file.
                sources=[(post.source_uid, post.recurrence_id) for post in coming],
                edited=[(post.updated_at, post.revision) for post in coming],
                earlier=[their_history[post.id] for post in coming],
            ).created
            for post, added in zip(coming, created, strict=True):
                summary.added.append(added)
                if post.series_id in apart_series:
                    apart += 1
                elif post.series_id is not None and post.date is not None:
                    series.setdefault(post.series_id, {})[added] = post.occurrence or post.date
            coming.clear()

        for done, post in enumerate(their_posts):
            if done % 200 == 0 and not progress(done, total):
                raise Cancelled()
            mine = held.get(post.uid)
            deleted = gone.get(post.uid)
            if mine is None and deleted is not None:
                version = (post.updated_at, post.revision)
                shown = shown_sum(translate(post))
                history = their_history[post.id]
                # To the microsecond, where both stamps have them (a version taken from
                # an .ics file has whole seconds: then the number and second say).
                exact = post.updated_at.microsecond and deleted.updated_at.microsecond
                same = version == (deleted.updated_at, deleted.revision) if exact else None
                if stays_deleted(
                    deleted, shown, version, history, gone_history[deleted.id], same=same
                ):
                    summary.left_deleted += 1
                    continue
                summary.revived.append(deleted)
            if mine is None:
                came.add(post.uid)
                coming.append(post)
                if len(coming) >= 500:  # each call checks the names once, not each post
                    add_coming()
                continue
            theirs_id = post.series_id
            if theirs_id is not None and theirs_id not in apart_series and mine.series_id:
                joined.setdefault(theirs_id, mine.series_id)
            # Their post, in our names, at our moment where their clock reads it.
            theirs_here = at_our_moment(
                mine, translate(post), written[post.uid], ours.zone, theirs.zone
            )
            if notes_withheld(post.notes, their_history[post.id]):
                # Never shared with their calendar (made of a file without notes): ours.
                theirs_here = dataclasses.replace(theirs_here, notes=mine.notes)
            unseen = [m for m in mine.message_ids if m not in known_there]
            if unseen:  # never there (a share narrowed to some): not taken off there
                carried = (*theirs_here.message_ids, *unseen)
                theirs_here = dataclasses.replace(theirs_here, message_ids=carried)
            if post_content(mine, ours.zone) == post_content(theirs_here, ours.zone):
                summary.unchanged += 1
                continue
            version = (post.updated_at, post.revision)
            same_version = version == (mine.updated_at, mine.revision)
            if same_version and (
                differs_in_names_only(mine, theirs_here)
                or same_on_another_clock(mine, theirs_here, written[post.uid])
            ):
                # One version read through names renamed on one side, or on the clock
                # of a zone one calendar has left since: nothing moved.
                summary.unchanged += 1
                continue
            history = their_history[post.id]
            our_history = ours.history([mine])[mine.id]
            if notes_withheld(mine.notes, our_history, as_shared=True) and post_content(
                dataclasses.replace(mine, notes=theirs_here.notes), ours.zone
            ) == post_content(theirs_here, ours.zone):
                # Theirs but for the notes, which a share never gave this calendar: theirs
                # (a conflict copy of each, which spread back to them).
                take, keep_other = True, False
            else:
                take, keep_other = reconcile(
                    version, (mine.updated_at, mine.revision), history, our_history
                )
            copied = keep_other and conflicts.keep(
                mine.as_new() if take else theirs_here,
                (theirs_here if take else mine).title,
            )
            if take:
                came.add(post.uid)
                alike = read_alike(mine, theirs_here, written[post.uid])
                if alike is not None:
                    same_clock.append(alike)
                ours.update_posts({mine.id: full_edit(theirs_here)})
                ours.take_edits({mine.id: version}, {mine.id: history})
                summary.previous.append(mine)
                continue
            if keep_other:
                summary.settled.extend(ours.settle_versions({mine.id: (version, history)}))
            if not copied:
                summary.kept_newer += 1  # a later state, or the other one kept before
        add_coming()
        _follow_deletions(ours, theirs, {p.uid for p in as_written}, maps, summary)
        for series_id in joined.keys() - series.keys():  # none of it new here
            _as_there(ours, theirs, series_id, joined, {}, summary)
        for series_id, members in series.items():
            if series_id in joined and _as_there(ours, theirs, series_id, joined, members, summary):
                continue  # changed as a whole there: its rule as there, its posts
            if series_id in joined:  # occurrences deleted here come back to their series
                summary.remember_series(ours, joined[series_id])
                ours.join_series(joined[series_id], members)
                continue
            theirs_series = theirs.series(series_id)
            try:
                adopted = ours.adopt_series(
                    theirs_series.rrule,
                    theirs_series.anchor,
                    theirs_series.anchor_time,
                    members,
                    theirs_series.exdates,
                )
            except InvalidInput as exc:  # a rule edited by hand there, or damaged
                posts = (
                    "its post comes in on its own"
                    if len(members) == 1
                    else f"its {len(members)} posts come in on their own"
                )
                said = str(exc).rstrip(".").replace("The ", "the ", 1)
                summary.notes.append(f"In {theirs.path.name}, {said}; {posts}.")
                continue
            summary.series_added.extend(adopted.created)
        note_archived(ours, summary)
        note_published_ahead(ours, summary)
        if apart:
            summary.notes.append(apart_note(apart, f"{theirs.zone.key}'s", ours.zone.key))
        told = second_pass_note(
            [twice[p.uid] for p in their_posts if p.uid in came and p.uid in twice]
        )
        moved = same_clock_note(same_clock, theirs.zone.key, theirs.path.name)
        twins = _twins_note(ours, summary.added)
        summary.notes.extend(note for note in (told, moved, twins) if note is not None)
        progress(total, total)
    return summary


def _twins_note(store: CalendarStore, added: Sequence[int]) -> str | None:
    """A note naming the posts a merge added that a post already here matches: the same
    title on the same channel and day, at whatever time (the same post added on both
    sides, at 12:30 on two clocks, was no pair). A post pasted from there before (a
    copy, of a uid of its own) came in a second time, unsaid."""
    if not added:
        return None
    ids = json.dumps(list(added))
    rows = store.read(
        "SELECT a.title, a.date FROM posts a JOIN posts b ON b.channel_id = a.channel_id"
        " AND b.date = a.date AND b.title = a.title AND b.id != a.id"
        " WHERE a.id IN (SELECT value FROM json_each(?)) AND a.date IS NOT NULL"
        " AND b.status != 'cancelled' AND b.id NOT IN (SELECT value FROM json_each(?))"
        " GROUP BY a.id ORDER BY a.date, a.id",
        [ids, ids],
    )
    if not rows:
        return None
    found = [
        f"'{shortened(title)}' on {spelled_day(date.fromisoformat(day), weekday=False)}"
        for title, day in rows
    ]
    one = len(found) == 1
    named = named_few(found)
    return (
        f"{len(found)} {'post it added is' if one else 'posts it added are'} like"
        f" {'one' if one else 'posts'} already here, of the same title, channel and day"
        f" (added on both sides, or pasted from there before, perhaps): {named}. Delete"
        " one of each pair where they are the same post."
    )


def _as_there(
    ours: CalendarStore,
    theirs: CalendarStore,
    series_id: int,
    joined: Mapping[int, int],
    coming: Mapping[int, date],
    summary: ImportSummary,
) -> bool:
    """Give our series the rule of their series ``series_id`` where it was changed as a
    whole there (:func:`.formats.take_series_rule`); ``coming`` are their posts of it
    new here, by our id. Whether it did."""
    there = theirs.series(series_id)
    rule = (there.rrule, there.anchor, there.anchor_time, there.exdates)
    posts = {p.uid: (p.date, p.time, p.occurrence) for p in theirs.series_posts(series_id)}
    here = ours.series(joined[series_id])
    return take_series_rule(ours, summary, here, rule, posts, coming)


def _follow_deletions(
    ours: CalendarStore,
    theirs: CalendarStore,
    their_uids: set[str],
    maps: _Maps,
    summary: ImportSummary,
) -> None:
    """The posts ``theirs`` deleted: deleted here too where this calendar holds them as
    they were deleted, or at an earlier state, or showing what they showed when deleted
    (both calendars moved them alike: the other way round, such a post stays deleted
    there); kept, and said, where they were edited here since (nothing typed here is
    lost to a deletion there)."""
    gone = {uid: d for uid, d in theirs.all_deleted().items() if uid not in their_uids}
    held = ours.posts_with_uids(gone)
    if not held:
        return
    our_history = ours.history(list(held.values()))
    their_history = theirs.history([gone[uid] for uid in held])
    doomed: list[Post] = []
    in_their_names = maps.back()
    for uid, mine in sorted(held.items(), key=lambda item: item[1].id):
        deleted = gone[uid]
        version = (mine.updated_at, mine.revision)
        exact = mine.updated_at.microsecond and deleted.updated_at.microsecond
        same = version == (deleted.updated_at, deleted.revision) if exact else None
        # (What a post showed is summed in its calendar's own numbers: read in theirs.)
        theirs_now = in_their_names(mine.as_new())
        shown = "" if theirs_now is None else shown_sum(theirs_now)
        if stays_deleted(
            deleted, shown, version, our_history[mine.id], their_history[deleted.id], same=same
        ):
            doomed.append(mine)
            continue
        summary.deleted_there_kept += 1
        if summary.deleted_there_kept <= CONFLICTS_NAMED:
            summary.notes.append(
                f"'{mine.title}' was deleted in {theirs.path.name} but edited here since: it stays."
            )
    for post in doomed:
        if post.series_id is not None:
            summary.remember_series(ours, post.series_id)
    summary.removed.extend(doomed)
    ours.delete_each(p.id for p in doomed)


def copy_posts_between(
    ours: CalendarStore,
    theirs: CalendarStore,
    placements: Mapping[int, tuple[date | None, time | None]],
    *,
    today: date | None = None,
    keep_notes: bool = False,
) -> ImportSummary:
    """Copy posts of ``theirs`` into ``ours`` as new posts (new uids), each at the day
    and time ``placements`` gives it: a paste from another calendar, without the posts'
    notes (another client's, private to it: counted in ``notes_left``) unless
    ``keep_notes`` (``theirs`` is a backup of ``ours``). Their channel,
    key messages and campaign are matched by name, and only those the posts carry
    are created when missing; a key message created starts ``today`` (the calendar's
    by default), or on the first post pasted with it if that is earlier, as an
    import's do: it is not overdue here since before it came. ``theirs`` is only
    read; one transaction."""
    summary = ImportSummary()
    posts = theirs.posts(placements)
    with environment_errors(), ours.db.atomic():
        had = ours.colors_in_use()
        channels = {p.channel_id for p in posts}
        messages: set[int | None] = {m for p in posts for m in p.message_ids}
        campaigns = {p.campaign_id for p in posts}
        with ours.colors_coming(_colors(theirs, (channels, messages, campaigns))):
            maps = _Maps(
                _map_channels(ours, theirs, summary, None, only=channels, had=had),
                _map_messages(
                    ours,
                    theirs,
                    summary,
                    only=messages,
                    starts_on=today or ours.today(),
                    had=had,
                ),
                _map_campaigns(ours, theirs, summary, only=campaigns, had=had),
            )
        fresh = []
        for post in posts:
            day, at = placements[post.id]
            copied = post.copy_to(day, at)
            if not keep_notes:
                summary.notes_left += bool(post.notes.strip())
                copied = dataclasses.replace(copied, notes="")
            fresh.append(maps.translate(copied))
        summary.added.extend(ours.add_posts(fresh).created)
        start_from_first_posts(ours, summary)
    return summary


def _as_they_come(
    ours: CalendarStore, posts: list[Post], name: str, summary: ImportSummary
) -> list[Post]:
    """Their posts, each titled where its title shows nothing, as an earlier release let
    in (such a calendar was not merged: "A post needs a title."): as it is titled here,
    a post both hold (its title here was written over by nothing), else "Untitled post",
    said in ``summary``'s notes."""
    blank = [p for p in posts if shows_nothing(p.title)]
    if not blank:
        return posts
    held = ours.posts_with_uids(p.uid for p in blank)
    titles = {
        p.uid: held[p.uid].title
        if p.uid in held and not shows_nothing(held[p.uid].title)
        else UNTITLED
        for p in blank
    }
    count = sum(title == UNTITLED for title in titles.values())
    if count:
        posts_are = "1 post is" if count == 1 else f"{count} posts are"
        summary.notes.append(
            f"{posts_are} titled by nothing that shows in {name}; here"
            f" {'it is' if count == 1 else 'they are'} titled '{UNTITLED}'."
        )
    return [dataclasses.replace(p, title=titles[p.uid]) if p.uid in titles else p for p in posts]


UNTITLED = "Untitled post"


def _within_plans(posts: list[Post], summary: ImportSummary) -> list[Post]:
    """Their posts on days a calendar plans; one an earlier release let in past them
    (dated 9999-12-31) left out with a sentence in ``summary.skipped``: such a calendar
    was not merged at all."""
    kept = []
    for post in posts:
        if post.date is not None and not in_plans(post.date):
            title = UNTITLED if shows_nothing(post.title) else post.title
            summary.skipped.append(
                f"'{title}' is dated {post.date.isoformat()}, which {OUTSIDE_PLANS}"
            )
        else:
            kept.append(post)
    return kept


def _in_zone(
    posts: list[Post],
    theirs: ZoneInfo,
    ours: ZoneInfo,
    summary: ImportSummary,
    twice: dict[str, tuple[str, date, time]],
) -> list[Post]:
    """Their posts with their times moved from their zone to ours (same moment).

    A post the move would take past the years a calendar plans is left out, with a
    sentence in ``summary.skipped``. One whose moment is the second pass of a time our
    clocks go back over is kept as the time reads (the first), and put in ``twice`` by
    uid (its title, day and time here).
    """
    if theirs.key == ours.key:
        return posts
    moved = []
    for post in posts:
        if post.date is not None and post.time is not None:
            there = datetime.combine(post.date, post.time, tzinfo=theirs)
            if datetime.combine(post.date, post.time, tzinfo=ours).utcoffset() == there.utcoffset():
                # Both clocks read it alike (Amsterdam's and Paris's), also a time they
                # both skip: kept as written, as the series it may be part of says it.
                moved.append(post)
                continue
            here = there.astimezone(ours)
            if not in_plans(here.date()):
                summary.skipped.append(
                    f"'{post.title}' falls on {here.date().isoformat()} here, which {OUTSIDE_PLANS}"
                )
                continue
            if second_pass(here):
                twice[post.uid] = (post.title, here.date(), time(here.hour, here.minute))
            post = dataclasses.replace(post, date=here.date(), time=time(here.hour, here.minute))
        moved.append(post)
    return moved


@dataclasses.dataclass(frozen=True, slots=True)
class _Maps:
    """Their channel, key message and campaign ids to ours."""

    channels: dict[int, int]
    messages: dict[int, int]
    campaigns: dict[int, int]

    def translate(self, post: NewPost) -> NewPost:
        """Their post's content, naming our channel, key messages and campaign (without
        those deleted here)."""
        messages = (self.messages[m] for m in post.message_ids)
        campaign = self.campaigns[post.campaign_id] if post.campaign_id else None
        return dataclasses.replace(
            post,
            channel_id=self.channels[post.channel_id],
            message_ids=tuple(m for m in messages if m != DELETED_HERE),
            campaign_id=None if campaign == DELETED_HERE else campaign,
        )

    def back(self) -> Callable[[NewPost], NewPost | None]:
        """:meth:`translate` the other way: our post's content in their ids, where its
        channel, each key message and its campaign are each one of theirs alone; None
        where one is not."""
        channels, messages, campaigns = map(
            _one_each, (self.channels, self.messages, self.campaigns)
        )

        def back(post: NewPost) -> NewPost | None:
            if post.channel_id not in channels or any(m not in messages for m in post.message_ids):
                return None
            campaign = post.campaign_id
            if campaign is not None and campaign not in campaigns:
                return None
            return dataclasses.replace(
                post,
                channel_id=channels[post.channel_id],
                message_ids=tuple(messages[m] for m in post.message_ids),
                campaign_id=None if campaign is None else campaigns[campaign],
            )

        return back


def _one_each(ids: Mapping[int, int]) -> dict[int, int]:
    """Their ids by ours (``ids`` the other way), for ours that only one of theirs has."""
    counted = Counter(ids.values())
    return {ours: theirs for theirs, ours in ids.items() if counted[ours] == 1}


SETTINGS_NAMED = 5
"""How many channels, key messages and campaigns set otherwise there a merge names."""


def _say_settings_apart(
    ours: CalendarStore,
    theirs: CalendarStore,
    maps: _Maps,
    renamed_channels: Mapping[int, int],
    summary: ImportSummary,
) -> None:
    """Name the channels, key messages and campaigns both calendars have but set
    otherwise (a cadence of 14 days there, 7 here; a character limit): a merge keeps
    this calendar's, and dropped the colleague's unsaid (no record of which side
    changed them is kept)."""

    def statement(text: str) -> str:
        return f"'{shortened(text.strip(), 40)}'" if text.strip() else "none"

    def messages(there: KeyMessage, here: KeyMessage) -> list[tuple[str, object, object]]:
        return [
            ("every", _days(there.cadence_days), _days(here.cadence_days)),
            ("statement", statement(there.statement), statement(here.statement)),
            ("start", there.starts_on, here.starts_on),
            ("end", there.ends_on, here.ends_on),
            *_archived_there(there, here),
        ]

    def channels(there: Channel, here: Channel) -> list[tuple[str, object, object]]:
        if name_key(there.name) != name_key(here.name) and there.id not in renamed_channels:
            return []  # a channel the import's fallback took their posts into: another one
        return [
            ("kind", there.kind, here.kind),
            ("character limit", there.char_limit, here.char_limit),
            *_archived_there(there, here),
        ]

    def campaigns(there: Campaign, here: Campaign) -> list[tuple[str, object, object]]:
        return [("start", there.starts_on, here.starts_on), ("end", there.ends_on, here.ends_on)]

    apart: list[str] = []

    def each(
        kind: str,
        mapping: Mapping[int, int],
        made: Collection[int],
        there_of: Callable[[int], Any],
        here_of: Callable[[int], Any],
        fields: Callable[[Any, Any], list[tuple[str, object, object]]],
    ) -> None:
        for their_id, our_id in mapping.items():
            if our_id in made or our_id == DELETED_HERE:
                continue  # made by the merge as it is there, or deleted here
            here = here_of(our_id)
            said = [
                f"{what} {_setting(one)} there, {_setting(other)} here".lstrip()
                for what, one, other in fields(there_of(their_id), here)
                if one != other
            ]
            if said:
                apart.append(f"the {kind} '{_name(here)}' ({'; '.join(said)})")

    # Each side's records read once (one read per record read the whole table each time).
    def by_id(records: Iterable[Any]) -> Callable[[int], Any]:
        return {r.id: r for r in records}.__getitem__

    each(
        "key message",
        maps.messages,
        summary.messages_added,
        by_id(theirs.key_messages(include_archived=True)),
        by_id(ours.key_messages(include_archived=True)),
        messages,
    )
    each(
        "channel",
        maps.channels,
        summary.channels_added,
        by_id(theirs.channels(include_archived=True)),
        by_id(ours.channels(include_archived=True)),
        channels,
    )
    each(
        "campaign",
        maps.campaigns,
        summary.campaigns_added,
        by_id(theirs.campaigns()),
        by_id(ours.campaigns()),
        campaigns,
    )
    if not apart:
        return
    named = apart[:SETTINGS_NAMED]
    more = len(apart) - len(named)
    tail = f", and {more} more" if more else ""
    summary.notes.append(
        f"Set otherwise in {theirs.path.name}, kept as here: {'; '.join(named)}{tail}."
    )


def _archived_there(
    there: KeyMessage | Channel, here: KeyMessage | Channel
) -> list[tuple[str, object, object]]:
    """A key message or channel the colleague archived and this calendar uses, as a
    merge's note says it (it stayed in use here unsaid, its gaps still reported; one
    archived here is said where posts come onto it)."""
    return [("", "archived", "in use")] if there.archived and not here.archived else []


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _setting(value: object) -> str:
    """A setting as a merge's note says it: a day as 2027-01-31, none as "none"."""
    if value is None:
        return "none"
    return value.isoformat() if isinstance(value, date) else str(value)


def _say_left_off(
    left_off: LeftOff, maps: _Maps, theirs: CalendarStore, posts: Sequence[Post]
) -> None:
    """Say which key messages and campaigns deleted here their posts come without."""
    carried = {m for p in posts for m in p.message_ids}
    for their_id, ours in maps.messages.items():
        if ours == DELETED_HERE and their_id in carried:
            left_off.say("key message", theirs.key_message(their_id).title)
    in_use = {p.campaign_id for p in posts}
    for their_id, ours in maps.campaigns.items():
        if ours == DELETED_HERE and their_id in in_use:
            left_off.say("campaign", theirs.campaign(their_id).name)


def _map_channels(
    ours: CalendarStore,
    theirs: CalendarStore,
    summary: ImportSummary,
    fallback: str | None,
    *,
    only: Collection[int | None] | None = None,
    renamed: Mapping[int, int] | None = None,
    had: list[str] | None = None,
    as_there: bool = False,
) -> dict[int, int]:
    """Their channels to ours, by name; those missing are made as they are there, in
    a colour apart from those this calendar ``had`` (archived there, archived here too
    with ``as_there``)."""
    fallback_id: int | None = None
    if fallback:
        existing = ours.channel_named(fallback)
        if existing is None:
            made = ours.add_channel(fallback, char_limit=known_limit(fallback), apart_from=had)
            fallback_id = made.created[0]
            summary.channels_added.append(fallback_id)
        else:
            fallback_id = existing.id

    def find(channel: Channel) -> int | None:
        if renamed and channel.id in renamed:  # before a channel of that name made since
            return renamed[channel.id]
        mine = ours.channel_named(channel.name)
        return mine.id if mine is not None else fallback_id

    def add(c: Channel) -> int:
        limit = c.char_limit
        if limit is not None and not 1 <= limit <= MAX_CHAR_LIMIT:  # an earlier release's
            summary.notes.append(
                f"The channel '{c.name}' has a character limit of {limit:,} in"
                f" {theirs.path.name}; it comes without one (a limit is from 1 to"
                f" {MAX_CHAR_LIMIT:,})."
            )
            limit = None
        return ours.add_channel(
            c.name,
            kind=c.kind if c.kind in CHANNEL_KINDS else guessed_kind(c.name),  # (one spoiled)
            color=readable_color(c.color),
            char_limit=limit,
            apart_from=had,
            archived=c.archived and as_there,
        ).created[0]

    return _mapping(
        _among(theirs.channels(include_archived=True), only),
        find,
        _naming("channel", theirs, add),
        summary.channels_added,
    )


def _map_messages(
    ours: CalendarStore,
    theirs: CalendarStore,
    summary: ImportSummary,
    *,
    only: Collection[int | None] | None = None,
    starts_on: date | None = None,
    renamed: Mapping[int, int] | None = None,
    had: list[str] | None = None,
    deleted: Collection[str] = (),
    as_there: bool = False,
) -> dict[int, int]:
    """Their key messages to ours, by title; those missing are made as they are there
    (in a colour apart from those this calendar ``had``; archived there, archived here
    too with ``as_there``), or (``starts_on`` given) starting that day, with an end
    before it left off; those ``deleted`` here (by name key) are :data:`.DELETED_HERE`."""

    def add(m: KeyMessage) -> int:
        start, end = m.starts_on, m.ends_on
        if starts_on is not None:
            start, end = starts_on, None if end is not None and end < starts_on else end
        cadence = m.cadence_days
        if cadence > MAX_CADENCE_DAYS:  # an earlier release's, kept there as it was
            summary.notes.append(
                f"The key message '{m.title}' repeats every {cadence:,} days in"
                f" {theirs.path.name}; it comes repeating every {MAX_CADENCE_DAYS:,} days,"
                " the longest a calendar keeps."
            )
            cadence = MAX_CADENCE_DAYS
        return ours.add_key_message(
            m.title,
            statement=m.statement,
            cadence_days=cadence,
            color=readable_color(m.color),
            starts_on=start,
            ends_on=end,
            priority=m.priority,
            apart_from=had,
            archived=m.archived and as_there,  # retired there: not overdue in a report here
        ).created[0]

    return _mapping(
        _among(theirs.key_messages(include_archived=True), only),
        lambda m: (
            (renamed or {}).get(m.id)
            or _id_of(ours.key_message_titled(m.title))
            or (DELETED_HERE if name_key(m.title) in deleted else None)
        ),
        _naming("key message", theirs, add),
        summary.messages_added,
    )


def _map_campaigns(
    ours: CalendarStore,
    theirs: CalendarStore,
    summary: ImportSummary,
    *,
    only: Collection[int | None] | None = None,
    renamed: Mapping[int, int] | None = None,
    had: list[str] | None = None,
    deleted: Collection[str] = (),
) -> dict[int, int]:
    return _mapping(
        _among(theirs.campaigns(), only),
        lambda c: (
            (renamed or {}).get(c.id)
            or _id_of(ours.campaign_named(c.name))
            or (DELETED_HERE if name_key(c.name) in deleted else None)
        ),
        _naming(
            "campaign",
            theirs,
            lambda c: ours.add_campaign(
                c.name,
                kind=c.kind,
                starts_on=c.starts_on,
                ends_on=c.ends_on,
                color=readable_color(c.color),
                apart_from=had,
            ).created[0],
        ),
        summary.campaigns_added,
    )


_Named = TypeVar("_Named", Channel, KeyMessage, Campaign)


def _colors(
    theirs: CalendarStore,
    only: tuple[Collection[int | None], Collection[int | None], Collection[int | None]]
    | None = None,
) -> list[str]:
    """The colours of their channels, key messages and campaigns (of those ``only``
    names, by kind), which those brought in keep where they can."""
    channels, messages, campaigns = only or (None, None, None)
    return [
        *(c.color for c in _among(theirs.channels(include_archived=True), channels)),
        *(m.color for m in _among(theirs.key_messages(include_archived=True), messages)),
        *(c.color for c in _among(theirs.campaigns(), campaigns)),
    ]


def _among(records: list[_Named], only: Collection[int | None] | None) -> list[_Named]:
    """The records whose ids are in ``only`` (all of them when it is None), each named
    by something that shows (:func:`_shown`)."""
    return [_shown(r) for r in records if only is None or r.id in only]


def _say_unnamed(theirs: CalendarStore, summary: ImportSummary) -> None:
    """Say which of their records named by nothing that shows come as "Unnamed …"."""
    for kind, records in (
        ("channel", [c.name for c in theirs.channels(include_archived=True)]),
        ("key message", [m.title for m in theirs.key_messages(include_archived=True)]),
        ("campaign", [c.name for c in theirs.campaigns()]),
    ):
        count = sum(map(shows_nothing, records))
        if count:
            named, its = (
                (f"1 {kind} is", "its") if count == 1 else (f"{count} {kind}s are", "their")
            )
            summary.notes.append(
                f"{named} named by nothing that shows in {theirs.path.name}; {its} posts"
                f" come under 'Unnamed {kind}'."
            )


def _shown(record: _Named) -> _Named:
    """``record`` named "Unnamed channel" (key message, campaign) if its name shows
    nothing, as an earlier release let in: such a calendar was not merged ("A channel
    needs a name.")."""
    if isinstance(record, KeyMessage):
        if shows_nothing(record.title):
            return dataclasses.replace(record, title="Unnamed key message")
    elif shows_nothing(record.name):
        kind = "channel" if isinstance(record, Channel) else "campaign"
        return dataclasses.replace(record, name=f"Unnamed {kind}")
    return record


def _mapping(
    records: Iterable[_Named],
    find: Callable[[_Named], int | None],
    create: Callable[[_Named], int],
    added: list[int],
) -> dict[int, int]:
    """Their record id to ours: the one ``find`` names, else a new one (listed in ``added``)."""
    mapping: dict[int, int] = {}
    for record in records:
        found = find(record)
        if found is None:
            found = create(record)
            added.append(found)
        mapping[record.id] = found
    return mapping


def _naming(
    kind: str, theirs: CalendarStore, create: Callable[[_Named], int]
) -> Callable[[_Named], int]:
    """``create`` whose refusal names the record and its file: the store's words alone
    ("The end date comes before the start date.") did not say which of the other
    calendar's records a hand edit had spoiled."""

    def named(record: _Named) -> int:
        try:
            return create(record)
        except InvalidInput as exc:
            why = str(exc)
            raise InvalidInput(
                f"The {kind} '{_name(record)}' in {theirs.path.name} cannot come in:"
                f" {why[:1].lower()}{why[1:]}"
            ) from None

    return named


def _name(record: Channel | KeyMessage | Campaign) -> str:
    return record.title if isinstance(record, KeyMessage) else record.name


def _id_of(record: Channel | KeyMessage | Campaign | None) -> int | None:
    return None if record is None else record.id
