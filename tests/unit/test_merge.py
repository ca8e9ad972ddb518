"""Merging a colleague's calendar: matched by uid and by name, nothing lost."""

from __future__ import annotations

import dataclasses
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.core.demo import write_demo
from calendar_app.core.errors import CalendarFileError, InvalidInput
from calendar_app.core.models import CampaignKind, NewPost, Post, PostStatus, name_key
from calendar_app.core.store import CalendarStore, ChangeSet, PostChanges, free_color
from calendar_app.exchange.copy import save_copy
from calendar_app.exchange.csv_profiles import export_csv, export_hootsuite, import_csv
from calendar_app.exchange.formats import (
    CONFLICT_MARK,
    Cancelled,
    ExportOptions,
    ImportOptions,
    ImportSummary,
    no_progress,
    renamed,
)
from calendar_app.exchange.ical import export_ics, import_ics
from calendar_app.exchange.merge import (
    copy_posts_between,
    merge_calendar,
    merge_into,
)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[CalendarStore, CalendarStore]]:
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    channel = ours.add_channel("LinkedIn").created[0]
    message = ours.add_key_message("Made here", cadence_days=7).created[0]
    ours.add_post(
        NewPost(
            "Shared post", channel, (message,), date(2026, 12, 1), time(9, 0), PostStatus.SCHEDULED
        )
    )
    ours.close()
    shutil.copy(tmp_path / "ours.cadence", tmp_path / "theirs.cadence")
    a = CalendarStore.open(tmp_path / "ours.cadence")
    b = CalendarStore.open(tmp_path / "theirs.cadence")
    yield a, b
    a.close()
    b.close()


def test_identical_calendars_merge_to_nothing(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    summary = merge_calendar(ours, theirs)
    assert (summary.added, summary.previous, summary.unchanged, summary.conflicts) == ([], [], 1, 0)
    assert ours.count_posts() == 1


def test_their_newer_edit_wins_and_an_older_state_of_ours_is_not_a_conflict(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    (post,) = theirs.all_posts()
    theirs.update_post(post.id, {"title": "Shared post, edited", "date": date(2026, 12, 3)})
    before = ours.all_posts()
    summary = merge_calendar(ours, theirs)
    assert (summary.previous, summary.conflicts) == (before, 0)
    (mine,) = ours.all_posts()
    assert (mine.uid, mine.title, mine.date) == (post.uid, "Shared post, edited", date(2026, 12, 3))


def test_both_sides_edited_keeps_the_older_edit_as_a_conflict_copy(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    (mine,) = ours.all_posts()
    ours.update_post(mine.id, {"title": "Our wording"})
    (post,) = theirs.all_posts()
    theirs.update_post(post.id, {"title": "Their wording"})
    # Their edit is the newer one: make it so regardless of the clock's resolution.
    theirs.db.execute("UPDATE posts SET updated_at = '2099-01-01T00:00:00+00:00'")
    summary = merge_calendar(ours, theirs)
    assert (len(summary.previous), summary.conflicts) == (1, 1)
    titles = sorted(p.title for p in ours.all_posts())
    assert titles == ["Our wording" + CONFLICT_MARK, "Their wording"]
    assert ours.post_by_uid(post.uid).title == "Their wording"
    # The copy is there to be looked at: an idea on its day, not a second post that the
    # publishing tools' exports would send out and the cadence would count (a draft
    # from today on does both).
    (copy,) = [p for p in ours.all_posts() if p.title.endswith(CONFLICT_MARK)]
    assert (copy.status, copy.date, copy.time) == (PostStatus.IDEA, mine.date, mine.time)
    assert not copy.delivers_on(date(2026, 11, 20))
    sent = export_hootsuite(
        ours, ours.path.parent / "tool.csv", ExportOptions(today=date(2026, 11, 20))
    )
    assert sent.posts == 1
    assert "conflict" not in (ours.path.parent / "tool-LinkedIn.csv").read_text()
    assert summary.notes == [  # named as it stays (it was named as it gave way)
        "'Their wording' was edited on both sides: the version that gave way is"
        f" 'Our wording{CONFLICT_MARK}' (idea, on Tuesday 1 December 2026)."
    ]
    again = merge_calendar(ours, theirs)
    assert (again.added, again.conflicts) == ([], 0)


def test_a_conflict_is_kept_once_however_often_the_same_file_comes_in(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    (post,) = theirs.all_posts()
    for _ in range(3):
        theirs.update_post(post.id, {"title": "Their wording"})  # more revisions, older
    theirs.db.execute("UPDATE posts SET updated_at = '2000-01-01T00:00:00+00:00'")
    (mine,) = ours.all_posts()
    ours.update_post(mine.id, {"title": "Our wording"})
    for _ in range(3):
        merge_calendar(ours, theirs)
    titles = sorted(p.title for p in ours.all_posts())
    assert titles == ["Our wording", "Their wording" + CONFLICT_MARK]
    # A copy kept by an earlier release is scheduled, as the version was: the same copy.
    ours.db.execute("UPDATE posts SET status = 'scheduled' WHERE title LIKE '%(conflict)'")
    assert merge_calendar(ours, theirs).conflicts == 0
    assert len(ours.all_posts()) == 2


def test_new_posts_bring_their_channels_and_messages_by_name(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    podcast = theirs.add_channel("Podcast", kind="podcast").created[0]
    message = theirs.key_message_titled("MADE HERE")
    assert message is not None
    theirs.add_post(NewPost("Episode 1", podcast, (message.id,), date(2026, 12, 5)))
    summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 1
    assert [ours.channel(c).name for c in summary.channels_added] == ["Podcast"]
    episode = next(p for p in ours.all_posts() if p.title == "Episode 1")
    assert ours.channel(episode.channel_id).name == "Podcast"
    assert [ours.key_message(m).title for m in episode.message_ids] == ["Made here"]


def test_a_channel_named_for_the_merge_is_made_with_its_platform_s_limit(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """Their posts of channels not here, taken onto a channel named for the import: a
    Mastodon made so had no limit, as no channel made another way lacks it."""
    ours, theirs = pair
    podcast = theirs.add_channel("Podcast", kind="podcast").created[0]
    theirs.add_post(NewPost("Episode 1", podcast, (), date(2026, 12, 5)))
    summary = merge_calendar(ours, theirs, fallback_channel="Mastodon")
    made = [ours.channel(c) for c in summary.channels_added]
    assert [(c.name, c.char_limit) for c in made] == [("Mastodon", 500)]


def test_posts_an_earlier_release_let_in_come_titled_or_are_left_out_and_said(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """A post titled by a zero-width space, or dated 9999-12-31, refused the merge whole
    ("A post needs a title.", "9999-12-31 is outside the years…"), naming neither."""
    ours, theirs = pair
    channel = theirs.channels()[0].id
    blank = theirs.add_post(NewPost("Blank", channel, (), date(2026, 12, 5))).created[0]
    far = theirs.add_post(NewPost("Far away", channel, (), date(2026, 12, 6))).created[0]
    theirs.add_post(NewPost("Fine", channel, (), date(2026, 12, 7)))
    theirs.db.execute("UPDATE posts SET title = ? WHERE id = ?", ["\u200b", blank])
    theirs.db.execute("UPDATE posts SET date = '9999-12-31' WHERE id = ?", [far])
    summary = merge_calendar(ours, theirs)
    titles = sorted(ours.post(i).title for i in summary.added)
    assert titles == ["Fine", "Untitled post"]
    assert summary.skipped == [
        "'Far away' is dated 9999-12-31, which is outside the years a calendar plans (1900 to 2999)"
    ]
    assert (
        "1 post is titled by nothing that shows in theirs.cadence; here it is titled"
        " 'Untitled post'." in summary.notes
    )


def test_a_post_both_hold_keeps_its_title_here_over_nothing_that_shows(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """Their copy of a shared post titled by a zero-width space, edited there since:
    its title here became "Untitled post". Nor was one left out (dated 9999-12-31)
    counted among those titled so, and named ''."""
    ours, theirs = pair
    (shared,) = theirs.all_posts()
    theirs.update_post(shared.id, {"body": "Edited there"})
    theirs.db.execute("UPDATE posts SET title = ? WHERE id = ?", ["\u200b", shared.id])
    channel = theirs.channels()[0].id
    far = theirs.add_post(NewPost("Far away", channel, (), date(2026, 12, 6))).created[0]
    theirs.db.execute("UPDATE posts SET title = ?, date = '9999-12-31' WHERE id = ?", [" ", far])
    summary = merge_calendar(ours, theirs)
    (kept,) = ours.all_posts()
    assert (kept.title, kept.body) == ("Shared post", "Edited there")
    assert not [note for note in summary.notes if "titled by nothing" in note]
    assert summary.skipped == [
        "'Untitled post' is dated 9999-12-31, which is outside the years a calendar plans"
        " (1900 to 2999)"
    ]


def test_names_of_nothing_that_shows_an_earlier_release_let_in_merge_as_unnamed(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """Such a calendar was refused whole ("A channel needs a name.")."""
    ours, theirs = pair
    podcast = theirs.add_channel("Podcast").created[0]
    message = theirs.add_key_message("We listen").created[0]
    campaign = theirs.add_campaign("Spring").created[0]
    theirs.add_post(NewPost("Episode 1", podcast, (message,), date(2026, 12, 5), None))
    theirs.update_post(theirs.all_posts()[-1].id, {"campaign_id": campaign})
    theirs.db.execute("UPDATE channels SET name = ? WHERE id = ?", ["\u200b", podcast])
    theirs.db.execute("UPDATE key_messages SET title = ? WHERE id = ?", ["\u3164", message])
    theirs.db.execute("UPDATE campaigns SET name = ? WHERE id = ?", ["\u2060", campaign])
    summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 1
    episode = next(p for p in ours.all_posts() if p.title == "Episode 1")
    assert ours.channel(episode.channel_id).name == "Unnamed channel"
    assert [ours.key_message(m).title for m in episode.message_ids] == ["Unnamed key message"]
    assert episode.campaign_id is not None
    assert ours.campaign(episode.campaign_id).name == "Unnamed campaign"
    assert [n for n in summary.notes if "nothing that shows" in n] == [
        "1 channel is named by nothing that shows in theirs.cadence; its posts come under"
        " 'Unnamed channel'.",
        "1 key message is named by nothing that shows in theirs.cadence; its posts come"
        " under 'Unnamed key message'.",
        "1 campaign is named by nothing that shows in theirs.cadence; its posts come under"
        " 'Unnamed campaign'.",
    ]


def test_numbers_beyond_a_calendars_limits_merge_within_them_and_say_so(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """A cadence over ten years or a character limit over a million (an earlier release,
    a file edited by hand) comes within the limits, as an iCalendar import brings it:
    such a calendar was refused whole, in words that named neither the message nor the
    file ("A key message's cadence can be at most 3650 days")."""
    ours, theirs = pair
    big = theirs.add_channel("Big").created[0]
    slow = theirs.add_key_message("Slow").created[0]
    theirs.add_post(NewPost("Rarely", big, (slow,), date(2026, 12, 20)))
    theirs.db.execute("UPDATE key_messages SET cadence_days = 5000 WHERE id = ?", [slow])
    theirs.db.execute("UPDATE channels SET char_limit = 5000000 WHERE id = ?", [big])
    summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 1
    message = ours.key_message_titled("Slow")
    channel = ours.channel_named("Big")
    assert message is not None
    assert channel is not None
    assert (message.cadence_days, channel.char_limit) == (3650, None)
    assert [n for n in summary.notes if "theirs.cadence" in n] == [
        "The channel 'Big' has a character limit of 5,000,000 in theirs.cadence; it comes"
        " without one (a limit is from 1 to 1,000,000).",
        "The key message 'Slow' repeats every 5,000 days in theirs.cadence; it comes"
        " repeating every 3,650 days, the longest a calendar keeps.",
    ]


def test_a_record_the_store_refuses_is_named_with_its_file(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """A key message whose end comes before its start (a file edited by hand) stops the
    merge, in words that say which message of which file."""
    ours, theirs = pair
    channel = theirs.add_channel("Podcast").created[0]
    message = theirs.add_key_message("Backwards").created[0]
    theirs.add_post(NewPost("Episode", channel, (message,), date(2026, 12, 20)))
    theirs.db.execute(
        "UPDATE key_messages SET starts_on = '2026-12-10', ends_on = '2026-12-01' WHERE id = ?",
        [message],
    )
    before = ours.all_posts()
    with pytest.raises(InvalidInput) as refused:
        merge_calendar(ours, theirs)
    assert str(refused.value) == (
        "The key message 'Backwards' in theirs.cadence cannot come in: the end date comes"
        " before the start date."
    )
    assert ours.all_posts() == before
    assert ours.channel_named("Podcast") is None


def test_names_spelled_in_another_unicode_form_are_the_same_names(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    """ "Café" with its é as one character or as "e" and an accent (as macOS and PDFs
    give it) is one key message: a merge, a CSV file and a lookup find it."""
    composed, decomposed = "Réseaux", unicodedata.normalize("NFD", "Réseaux")
    café, cafe_accent = "Café société", unicodedata.normalize("NFD", "Café société")
    assert composed != decomposed
    ours, theirs = pair
    ours.add_channel(composed)
    ours.add_key_message(café)
    # Theirs were made before names were composed on the way in: written as they came.
    channel = theirs.add_channel("Placeholder").created[0]
    message = theirs.add_key_message("Placeholder message").created[0]
    theirs.db.execute("UPDATE channels SET name = ? WHERE id = ?", [decomposed, channel])
    theirs.db.execute("UPDATE key_messages SET title = ? WHERE id = ?", [cafe_accent, message])
    theirs.add_post(NewPost("From theirs", channel, (message,), date(2026, 12, 5)))
    summary = merge_calendar(ours, theirs)
    assert (summary.channels_added, summary.messages_added) == ([], [])
    post = next(p for p in ours.all_posts() if p.title == "From theirs")
    assert ours.channel(post.channel_id).name == composed
    assert [ours.key_message(m).title for m in post.message_ids] == [café]
    # Looked up, added again, or named by a CSV file in the other form: the same one.
    assert ours.channel_named(decomposed) is not None
    assert ours.key_message_titled(cafe_accent) is not None
    with pytest.raises(InvalidInput, match="already a channel"):
        ours.add_channel(decomposed)
    source = tmp_path / "plan.csv"
    source.write_text(
        f"title,channel,key_messages,date\nFrom a sheet,{decomposed},{cafe_accent},2026-12-07\n",
        encoding="utf-8",
    )
    summary = import_csv(ours, source, ImportOptions(create_missing=True))
    assert (summary.channels_added, summary.messages_added, summary.skipped) == ([], [], [])
    # A name typed decomposed is kept composed, as one character per letter.
    ours.add_campaign(unicodedata.normalize("NFD", "Été"))
    assert [c.name for c in ours.campaigns()] == ["Été"]


def test_a_rename_on_either_side_is_not_a_new_name_nor_a_conflict(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """ "LinkedIn" renamed "LI" here, "Made here" renamed there, a campaign renamed:
    every post both hold is still the same post (it came in twice, as a conflict copy
    on a channel made again under the old name, and went to the publishing tools
    twice)."""
    ours, theirs = pair
    linkedin = ours.channel_named("LinkedIn")
    assert linkedin is not None
    spring = ours.add_campaign("Spring").created[0]
    (shared,) = ours.all_posts()
    ours.update_post(shared.id, {"campaign_id": spring})
    # The other copy gets the campaign through a merge of ours, then everyone renames.
    merge_calendar(theirs, ours)
    ours.restore_channel(dataclasses.replace(linkedin, name="LI"))
    message = theirs.key_message_titled("Made here")
    assert message is not None
    theirs.update_key_message(dataclasses.replace(message, title="Made in our town"))
    their_spring = theirs.campaign_named("Spring")
    assert their_spring is not None
    theirs.update_campaign(dataclasses.replace(their_spring, name="Spring 2027"))
    # And a new post there, under the names there.
    channel_there = theirs.channel_named("LinkedIn")
    assert channel_there is not None
    theirs.add_post(NewPost("New there", channel_there.id, (message.id,), date(2026, 12, 9), None))
    before = ours.all_posts()

    summary = merge_calendar(ours, theirs)

    assert (summary.conflicts, summary.channels_added, summary.messages_added) == (0, [], [])
    assert summary.campaigns_added == []
    assert summary.unchanged == 1
    assert [p.title for p in ours.posts(summary.added)] == ["New there"]
    (new,) = ours.posts(summary.added)
    assert ours.channel(new.channel_id).name == "LI"
    assert [ours.key_message(m).title for m in new.message_ids] == ["Made here"]
    after = ours.all_posts()
    assert all(post in after for post in before)  # untouched
    assert [c.name for c in ours.channels()] == ["LI"]
    assert summary.notes == [
        "The channel 'LinkedIn' is taken for 'LI' here, renamed on one side; the name here stays.",
        "The key message 'Made in our town' is taken for 'Made here' here, renamed on one "
        "side; the name here stays.",
        "The campaign 'Spring 2027' is taken for 'Spring' here, renamed on one side; "
        "the name here stays.",
    ]
    again = merge_calendar(ours, theirs)  # the same file again changes nothing
    assert (again.added, again.conflicts, again.unchanged) == ([], 0, 2)


def test_a_channel_made_since_under_the_old_name_takes_nothing_of_the_other_copy(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """ "LinkedIn" renamed "LI" here, then a new "LinkedIn" made beside it; there, a post
    edited and one added on "LinkedIn": both land on "LI", with no conflict copy."""
    ours, theirs = pair
    linkedin = theirs.channel_named("LinkedIn")
    assert linkedin is not None
    second = theirs.add_post(NewPost("Second", linkedin.id, (), date(2026, 12, 2))).created[0]
    merge_calendar(ours, theirs)
    theirs.update_post(second, {"title": "Second, edited there"})
    theirs.add_post(NewPost("New there", linkedin.id, (), date(2026, 12, 9)))
    mine = ours.channel_named("LinkedIn")
    assert mine is not None
    ours.restore_channel(dataclasses.replace(mine, name="LI"))
    new_channel = ours.add_channel("LinkedIn").created[0]

    summary = merge_calendar(ours, theirs)

    assert (summary.conflicts, summary.channels_added, summary.unchanged) == (0, [], 1)
    assert {p.title: ours.channel(p.channel_id).name for p in ours.all_posts()} == {
        "Shared post": "LI",
        "Second, edited there": "LI",
        "New there": "LI",
    }
    assert not [p for p in ours.all_posts() if p.channel_id == new_channel]


def test_a_key_message_replaced_there_is_not_taken_for_a_rename(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """There, "Made here" gave way to "Local jobs": its posts were switched to the new
    one and it was deleted. That is an edit of the posts, not a rename: the new key
    message comes, with the posts."""
    ours, theirs = pair
    old = theirs.key_message_titled("Made here")
    assert old is not None
    new = theirs.add_key_message("Local jobs", cadence_days=14).created[0]
    (post,) = theirs.all_posts()
    theirs.update_post(post.id, {"message_ids": (new,)})
    theirs.delete_key_message(old.id)

    summary = merge_calendar(ours, theirs)

    assert summary.notes == []
    (merged,) = ours.all_posts()
    assert [ours.key_message(m).title for m in merged.message_ids] == ["Local jobs"]
    assert [m.title for m in ours.key_messages()] == ["Local jobs", "Made here"]


def test_a_calendar_made_of_a_share_narrowed_to_a_key_message_keeps_the_others_here(
    tmp_path: Path,
) -> None:
    """The client's calendar, made of a file with their key message alone, merged back:
    a post retitled there lost here the internal message it never had there, and one
    not edited there came back as a conflict copy."""
    with CalendarStore.create(tmp_path / "agency.cadence", timezone="Europe/Paris") as ours:
        channel = ours.add_channel("LinkedIn").created[0]
        public = ours.add_key_message("Made in Europe", cadence_days=7).created[0]
        internal = ours.add_key_message("Internal: push margins", cadence_days=7).created[0]
        for day, title in ((1, "Factory tour"), (8, "Open day")):
            ours.add_post(NewPost(title, channel, (public, internal), date(2026, 12, day)))
        shared = tmp_path / "shared.ics"
        export_ics(ours, shared, ExportOptions(message_ids=frozenset({public})), no_progress)
        with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as theirs:
            import_ics(theirs, shared, ImportOptions(), no_progress)
            tour = next(p for p in theirs.all_posts() if p.title == "Factory tour")
            theirs.update_post(tour.id, {"title": "Factory tour, in the client's words"})

            summary = merge_calendar(ours, theirs)

        assert (len(summary.previous), summary.unchanged, summary.conflicts) == (1, 1, 0)
        assert [(p.title, set(p.message_ids)) for p in ours.all_posts()] == [
            ("Factory tour, in the client's words", {public, internal}),
            ("Open day", {public, internal}),
        ]


@pytest.mark.parametrize("renamed_here", [True, False])
def test_a_rename_holds_when_every_post_both_hold_was_edited_since(
    pair: tuple[CalendarStore, CalendarStore], renamed_here: bool
) -> None:
    """ "LinkedIn" renamed "LI" on one side and its one shared post edited there since:
    no post is unchanged to tell, but the side that renamed remembers the old name. A
    new post on the other side's "LinkedIn" lands on "LI"; no "LinkedIn" is made again."""
    ours, theirs = pair
    renaming, other = (ours, theirs) if renamed_here else (theirs, ours)
    linkedin = renaming.channel_named("LinkedIn")
    assert linkedin is not None
    renaming.update_channel(linkedin.id, name="LI")
    (shared,) = renaming.all_posts()
    renaming.update_post(shared.id, {"title": "Edited after the rename"})
    channel = other.channel_named("LinkedIn")
    assert channel is not None
    other.add_post(NewPost("New on LinkedIn", channel.id, (), date(2026, 12, 9)))

    summary = merge_calendar(ours, theirs)

    assert (summary.channels_added, summary.conflicts) == ([], 0)
    names = {p.title: ours.channel(p.channel_id).name for p in ours.all_posts()}
    expected = "LI" if renamed_here else "LinkedIn"  # the name here stays
    assert names == {"Edited after the rename": expected, "New on LinkedIn": expected}


def test_former_names_follow_renames_and_deletions(store: CalendarStore) -> None:
    """A rename remembers the name left (not a change of case); an undo or a redo gives a
    record back exactly the names it had (:meth:`give_names_had`); a record deleted says
    none while it is gone, keeps them for the undo of its deletion, and a new one does
    not take its number (nor its names)."""
    blog = store.add_channel("Blog").created[0]
    channel = store.add_channel("LinkedIn").created[0]
    message = store.add_key_message("Made here", cadence_days=7).created[0]
    store.update_channel(channel, name="LI")
    assert store.former_names("channel") == {"linkedin": {channel}}
    assert store.names_had("channel", channel) == {"linkedin"}
    store.give_names_had("channel", channel, ())  # an undo of the rename
    assert store.former_names("channel") == {}
    store.give_names_had("channel", channel, {"linkedin"})  # its redo
    assert store.former_names("channel") == {"linkedin": {channel}}
    store.update_key_message(dataclasses.replace(store.key_message(message), title="MADE HERE"))
    assert store.former_names("message") == {}  # only its case changed: the same name
    deleted = store.channel(channel)
    store.delete_channel(channel)
    assert store.former_names("channel") == {}  # no name for a record not there
    store.restore_channel(deleted)  # the undo of the deletion: its names are still there
    assert store.former_names("channel") == {"linkedin": {channel}}
    store.delete_channel(channel)
    mastodon = store.add_channel("Mastodon").created[0]
    assert mastodon > channel  # not the deleted one's number, which keeps its names
    assert store.former_names("channel") == {}
    assert store.names_had("channel", mastodon) == set()
    assert store.channel(blog).name == "Blog"


def test_one_version_showing_other_words_is_no_rename(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """The other copy's post has our post's version but other words (its file written
    by another program, its version left as it was): not names read otherwise, so both
    stay, one as a conflict copy."""
    ours, theirs = pair
    theirs.db.execute("UPDATE posts SET title = 'Other words'")
    summary = merge_calendar(ours, theirs)
    assert summary.conflicts == 1
    assert sorted(p.title.removesuffix(CONFLICT_MARK) for p in ours.all_posts()) == [
        "Other words",
        "Shared post",
    ]


_NAMES = st.sampled_from(["a", "b", "c", "d"])
_RECORDS = st.sampled_from([1, 2, 3, 4])
_PAIRS = st.lists(
    st.tuples(st.frozensets(_NAMES, max_size=3), st.frozensets(_RECORDS, max_size=3)),
    max_size=6,
)


@given(
    pairs=_PAIRS,
    unchanged=st.lists(st.integers(0, 5), max_size=6),
    theirs=st.frozensets(_NAMES),
    ours=st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=4, unique=True).map(
        lambda names: dict(zip([1, 2, 3, 4], names, strict=False))  # one name, one record
    ),
)
def test_a_name_is_taken_for_a_record_only_where_every_shared_post_says_so(
    pairs: list[tuple[frozenset[str], frozenset[int]]],
    unchanged: list[int],
    theirs: frozenset[str],
    ours: dict[int, str],
) -> None:
    """Whatever the posts both sides hold: each name found renamed goes to a record
    here that every shared post carrying the name carries, whose name the other side
    lacks, that no other name takes, and that a post unchanged on both sides carries;
    a name here too is taken for another record only when no shared post is, here
    too, on the record of that name."""
    theirs = theirs | {name for there, _ in pairs for name in there}
    same = [pairs[i] for i in sorted(set(unchanged)) if i < len(pairs)]
    found = renamed(pairs, theirs, ours, same, lambda name, record: record % 2 == 0)
    assert len(set(found.values())) == len(found)
    for name, record in found.items():
        assert ours[record] not in theirs
        carrying = [here for there, here in pairs if name in there]
        assert carrying
        assert all(record in here for here in carrying)
        own = [r for r, n in ours.items() if n == name]
        assert not [here for there, here in pairs if name in there and set(own) & here]
        assert any(name in there for there, _ in same)  # a post unchanged on both sides


@given(
    renamed_record=_RECORDS,
    with_it=st.frozensets(_RECORDS, max_size=3),
    others=st.lists(st.tuples(st.frozensets(_RECORDS, max_size=3), st.booleans()), max_size=6),
    unchanged=st.lists(st.integers(0, 6), max_size=6),
)
def test_a_rename_every_shared_post_shows_is_found(
    renamed_record: int,
    with_it: frozenset[int],
    others: list[tuple[frozenset[int], bool]],
    unchanged: list[int],
) -> None:
    """The other side renamed one record ("z" there for "d" here): every post both sides
    hold carries the same records, that one under its new name, and some carry here a
    record made here since ("e", edited here: not unchanged). Whatever the posts carry,
    the rename is found, and nothing else is (the soundness above holds of any answer,
    an empty one too)."""
    ours = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}

    def there(records: frozenset[int]) -> frozenset[str]:
        return frozenset("z" if r == renamed_record else ours[r] for r in records if r != 5)

    posts = [with_it | {renamed_record}]  # unchanged on both sides
    posts += [records | {5} if made_here else records for records, made_here in others]
    pairs = [(there(records), records) for records in posts]
    same = [pairs[i] for i in {0, *unchanged} if i < len(pairs) and 5 not in posts[i]]
    theirs = there(frozenset(ours))
    assert renamed(pairs, theirs, ours, same) == {"z": renamed_record}


def test_a_post_deleted_here_is_not_brought_back_by_the_other_copy_as_it_was(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    (post,) = ours.all_posts()
    ours.delete_posts([post.id])
    summary = merge_calendar(ours, theirs)
    assert (summary.added, summary.left_deleted, ours.all_posts()) == ([], 1, [])
    # An older state of it there is no reason to bring it back either.
    ours.restore_posts([post])
    ours.update_post(post.id, {"title": "Reworded here"})
    ours.delete_posts([post.id])
    assert merge_calendar(ours, theirs).left_deleted == 1
    # Edited there since: it comes back, as edited there. (Twice: versions are told
    # apart to the second, and this test edits both copies within one.)
    theirs.update_post(post.id, {"title": "Reworded there first"})
    theirs.update_post(post.id, {"title": "Reworded there"})
    summary = merge_calendar(ours, theirs)
    assert [p.title for p in ours.posts(summary.added)] == ["Reworded there"]
    assert ours.deleted([post.uid]) == {}
    # Said as one deleted here coming back (it read as a new post).
    assert summary.describe().startswith(
        "Added 1 post (deleted here, edited there since), updated 0"
    )


def test_a_failing_merge_changes_nothing(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = pair
    podcast = theirs.add_channel("Podcast").created[0]
    theirs.add_post(NewPost("Episode 1", podcast, (), date(2026, 12, 5)))
    before = ours.all_posts()
    # The merge fails halfway: its posts written, then a refusal.
    real = ours.add_posts

    def written_then_refused(*args: Any, **kwargs: Any) -> ChangeSet:
        real(*args, **kwargs)
        raise InvalidInput("The disk said no.")

    monkeypatch.setattr(ours, "add_posts", written_then_refused)
    with pytest.raises(InvalidInput, match="The disk said no"):
        merge_calendar(ours, theirs)
    assert ours.all_posts() == before
    assert ours.channel_named("Podcast") is None


def test_save_copy_is_a_calendar_with_the_same_posts(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    target = tmp_path / "copy.cadence"
    save_copy(ours, target)
    with CalendarStore.open(target) as copy:
        assert copy.all_posts() == ours.all_posts()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".cadence")) == []


def test_a_cancelled_merge_changes_nothing(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    podcast = theirs.add_channel("Podcast").created[0]
    theirs.add_posts([NewPost(f"Episode {i}", podcast, (), date(2026, 12, 5)) for i in range(5)])
    before = ours.all_posts()
    calls: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    with pytest.raises(Cancelled):
        merge_calendar(ours, theirs, progress=cancel)
    assert calls == [(0, 6)]
    assert ours.all_posts() == before
    assert ours.channel_named("Podcast") is None


# -- pasting posts from another calendar --------------------------------------------


def test_pasted_posts_are_new_posts_with_only_the_names_they_carry(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    newsletter = theirs.add_channel("Newsletter", color="#2ba36b").created[0]
    repeated = theirs.add_key_message(
        "Backed by a warranty",
        cadence_days=30,
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 6, 30),
    ).created[0]
    theirs.add_key_message("Never pasted", cadence_days=10)
    spring = theirs.add_campaign("Spring", kind=CampaignKind.PROMOTION).created[0]
    made_here = theirs.key_message_titled("Made here")
    assert made_here is not None
    source = theirs.posts(
        theirs.add_post(
            NewPost(
                "Ten years on",
                newsletter,
                (made_here.id, repeated),
                date(2026, 12, 8),
                time(7, 0),
                PostStatus.SCHEDULED,
                body="A decade of roofs.",
                campaign_id=spring,
            )
        ).created
    )[0]
    before = theirs.all_posts()

    today = date(2026, 12, 3)
    placed = {source.id: (date(2027, 1, 12), time(8, 30))}
    summary = copy_posts_between(ours, theirs, placed, today=today)

    (pasted,) = ours.posts(summary.added)
    assert (pasted.title, pasted.body, pasted.status) == (
        "Ten years on",
        "A decade of roofs.",
        PostStatus.SCHEDULED,
    )
    assert (pasted.date, pasted.time) == (date(2027, 1, 12), time(8, 30))
    assert pasted.uid != source.uid
    assert ours.channel(pasted.channel_id).name == "Newsletter"
    assert {ours.key_message(m).title for m in pasted.message_ids} == {
        "Made here",  # ours already had it: matched by title
        "Backed by a warranty",
    }
    assert pasted.campaign_id is not None
    assert ours.campaign(pasted.campaign_id).name == "Spring"
    assert ours.key_message_titled("Never pasted") is None  # only what the post carries
    assert [len(summary.channels_added), len(summary.messages_added)] == [1, 1]
    assert summary.campaigns_added == [pasted.campaign_id]
    assert theirs.all_posts() == before  # only read
    # The key message it brought starts today here, as an import's do: not overdue since
    # it started in the other calendar, long before it came here (nor ended there).
    (brought,) = summary.messages_added
    assert (ours.key_message(brought).starts_on, ours.key_message(brought).ends_on) == (
        today,
        None,
    )


def test_names_brought_from_another_calendar_keep_apart_from_its_colours(
    tmp_path: Path,
) -> None:
    """Every calendar takes colours from the same palette in the same order: another
    client's Instagram came in this one's LinkedIn blue, its key message in the blue
    of one here. What is brought keeps its colour where none here looks like it."""
    stores = []
    for name, channels, title in (
        ("ours", ["LinkedIn"], "Ours"),
        ("theirs", ["Instagram", "Blog"], "Theirs"),
    ):
        store = CalendarStore.create(tmp_path / f"{name}.cadence", timezone="Europe/Paris")
        for channel in channels:
            store.add_channel(channel)
        store.add_key_message(title)
        stores.append(store)
    ours, theirs = stores
    blog = theirs.channel_named("Blog")
    assert blog is not None
    theirs.add_post(NewPost("Blogged", blog.id, date=date(2026, 12, 8)))
    instagram = theirs.channel_named("Instagram")
    message = theirs.key_message_titled("Theirs")
    assert instagram is not None
    assert message is not None
    linkedin = ours.channel_named("LinkedIn")
    assert linkedin is not None
    assert instagram.color == linkedin.color  # the clash
    (post_id,) = theirs.add_post(
        NewPost("Brought", instagram.id, (message.id,), date(2026, 12, 9))
    ).created
    copy_posts_between(ours, theirs, {post_id: (date(2026, 12, 10), None)})  # a paste
    assert len(set(ours.colors_in_use())) == 4
    merge_calendar(ours, theirs)  # brings Blog: its colour is now Instagram's here
    assert len(set(ours.colors_in_use())) == 5
    for store in stores:
        store.close()


def test_a_name_made_in_a_free_colour_is_kept_apart_from_those_brought_after_it(
    store: CalendarStore,
) -> None:
    """A fallback channel made without a colour took the next free one, and a channel
    brought next in that very colour kept it."""
    had = store.colors_in_use()
    fallback = store.add_channel("Everything", apart_from=had).created[0]
    taken = store.channel(fallback).color
    brought = store.add_channel("Instagram", color=taken, apart_from=had).created[0]
    assert store.channel(brought).color != taken


@pytest.mark.parametrize("how", ["paste", "merge"])
def test_one_colour_clash_recolours_one_name_brought_not_two(tmp_path: Path, how: str) -> None:
    """ "Solar" came in the colour of a key message here and took the free colour that
    "Zero-hassle", brought with it, had: Zero-hassle was recoloured in turn."""
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    ours.add_key_message("Other", color="#e3a008")
    next_free = free_color(ours.colors_in_use(), 3)
    blog = theirs.add_channel("Blog", color="#333333").created[0]
    solar = theirs.add_key_message("Solar", color="#e3a008").created[0]
    zero = theirs.add_key_message("Zero-hassle", color=next_free).created[0]
    (post,) = theirs.add_post(NewPost("Both", blog, (solar, zero), date(2026, 12, 9))).created
    if how == "paste":
        copy_posts_between(ours, theirs, {post: (date(2026, 12, 10), None)})
    else:
        merge_calendar(ours, theirs)
    brought = {title: ours.key_message_titled(title) for title in ("Solar", "Zero-hassle")}
    assert brought["Zero-hassle"] is not None
    assert brought["Solar"] is not None
    assert brought["Zero-hassle"].color == next_free  # kept
    assert brought["Solar"].color not in ("#e3a008", next_free)
    ours.close()
    theirs.close()


def test_a_merge_says_when_posts_come_onto_what_is_archived_here(tmp_path: Path) -> None:
    """84 posts landed on an archived Instagram, out of the sidebar, unsaid (a paste
    says so)."""
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    for store in (ours, theirs):
        store.add_channel("Instagram")
        store.add_channel("Blog")
        store.add_key_message("Every roof counts")
    instagram, roofs = ours.channel_named("Instagram"), ours.key_message_titled("Every roof counts")
    assert instagram is not None
    assert roofs is not None
    ours.update_channel(instagram.id, archived=True)
    ours.update_key_message(dataclasses.replace(roofs, archived=True))
    their_instagram = theirs.channel_named("Instagram")
    their_roofs = theirs.key_message_titled("Every roof counts")
    assert their_instagram is not None
    assert their_roofs is not None
    theirs.add_post(NewPost("Pictured", their_instagram.id, (their_roofs.id,), date(2026, 12, 9)))
    summary = merge_calendar(ours, theirs)
    assert summary.notes == [
        "Posts came onto what is archived here: 'Every roof counts', 'Instagram'."
    ]
    blog = theirs.channel_named("Blog")
    assert blog is not None
    theirs.add_post(NewPost("Written", blog.id, date=date(2026, 12, 10)))
    assert merge_calendar(ours, theirs).notes == []  # only the new post came: on Blog
    ours.close()
    theirs.close()


def test_what_a_merge_makes_archived_is_not_said_archived_here(tmp_path: Path) -> None:
    """Merged into an empty calendar, a channel and a key message archived there come
    archived: not something here the posts came onto."""
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    old = theirs.add_channel("Old", archived=True).created[0]
    retired = theirs.add_key_message("Retired", archived=True).created[0]
    theirs.add_post(NewPost("Then", old, (retired,), date(2026, 12, 9)))
    summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 1
    assert summary.notes == []
    ours.close()
    theirs.close()


def test_a_post_pasted_into_the_backlog_has_no_time(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    (post,) = theirs.all_posts()
    summary = copy_posts_between(ours, theirs, {post.id: (None, time(9, 0))})
    (pasted,) = ours.posts(summary.added)
    assert (pasted.date, pasted.time) == (None, None)
    assert (summary.channels_added, summary.messages_added) == ([], [])  # matched by name


def test_an_idea_pasted_from_their_backlog_onto_a_day_is_a_draft(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    channel = theirs.channels()[0].id
    idea = theirs.add_post(NewPost("Poll", channel, status=PostStatus.IDEA)).created[0]
    summary = copy_posts_between(ours, theirs, {idea: (date(2027, 1, 12), None)})
    (pasted,) = ours.posts(summary.added)
    assert (pasted.date, pasted.status) == (date(2027, 1, 12), PostStatus.DRAFT)
    assert theirs.post(idea).status == PostStatus.IDEA  # only read


def test_a_post_pasted_from_another_calendar_leaves_its_notes_there(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """Another client's "CFO wants this pulled; invoice 4471" came along, unsaid, and went
    out in this client's CSV."""
    ours, theirs = pair
    channel = theirs.channels()[0].id
    private = theirs.add_post(
        NewPost("Rates", channel, date=date(2027, 1, 5), notes="CFO wants this pulled")
    ).created[0]
    plain = theirs.add_post(NewPost("Tips", channel, date=date(2027, 1, 6))).created[0]
    summary = copy_posts_between(
        ours, theirs, {private: (date(2027, 1, 12), None), plain: (date(2027, 1, 13), None)}
    )
    assert [p.notes for p in ours.posts(summary.added)] == ["", ""]
    assert summary.notes_left == 1
    assert theirs.post(private).notes == "CFO wants this pulled"  # only read


def test_a_merge_names_the_posts_it_added_twice_over_a_paste_from_there(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """A post pasted from another client's calendar, then that calendar merged: the post
    came in a second time beside its copy (another uid), unsaid: "Added 179 posts"."""
    ours, theirs = pair
    channel = theirs.channels()[0].id
    pasted = theirs.add_post(NewPost("Solar tips", channel, date=date(2027, 1, 5))).created[0]
    theirs.add_post(NewPost("Other", channel, date=date(2027, 1, 6)))
    copy_posts_between(ours, theirs, {pasted: (date(2027, 1, 5), None)})
    summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 2
    assert summary.notes[-1] == (
        "1 post it added is like one already here, of the same title, channel and day"
        " (added on both sides, or pasted from there before, perhaps): 'Solar tips' on"
        " 5 January 2027. Delete one of each pair where they are the same post."
    )
    assert not any("like one already here" in note for note in merge_calendar(ours, theirs).notes)


def test_a_merge_names_a_post_both_sides_added_at_other_times(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """ "Team lunch" added on both sides, at 12:30 on each one's clock (18:30 here): two
    posts stayed, unsaid (only one of the same time was named)."""
    ours, theirs = pair
    for store, at in ((ours, time(18, 30)), (theirs, time(12, 30))):
        channel = store.channels()[0].id
        store.add_post(NewPost("Team lunch", channel, date=date(2027, 1, 5), time=at))
    summary = merge_calendar(ours, theirs)
    assert "'Team lunch' on 5 January 2027" in summary.notes[-1]


def test_a_damaged_calendar_to_merge_is_named_and_nothing_is_imported(tmp_path: Path) -> None:
    source = tmp_path / "colleague.cadence"
    write_demo(source)
    with source.open("r+b") as handle:  # a page of the posts table, overwritten
        handle.seek(4096 * 5)
        handle.write(b"\xde\xad" * 2048)
    with CalendarStore.create(tmp_path / "ours.cadence") as ours:
        with pytest.raises(CalendarFileError) as caught:
            merge_into(ours, source, ImportOptions())
        assert str(caught.value) == f"{source} is damaged, so nothing was imported from it."
        assert ours.all_posts() == []
        assert ours.channels() == []


@pytest.mark.parametrize("renamed", ["channel", "key message", "campaign"])
def test_a_calendar_with_a_rename_remembered_merges(tmp_path: Path, renamed: str) -> None:
    """SQLite 3.40's quick check reports a NULL in the table of former names of any
    calendar where something was renamed: such a colleague's calendar was refused as
    damaged."""
    source = tmp_path / "colleague.cadence"
    with CalendarStore.create(source, timezone="Europe/Paris") as theirs:
        blog = theirs.add_channel("Blog").created[0]
        message = theirs.add_key_message("Made here").created[0]
        campaign = theirs.add_campaign("Spring").created[0]
        theirs.add_post(NewPost("Post", blog, (message,), date(2026, 7, 1)))
        if renamed == "channel":
            theirs.update_channel(blog, name="Journal")
        elif renamed == "key message":
            theirs.update_key_message(
                dataclasses.replace(theirs.key_message(message), title="Made in EU")
            )
        else:
            theirs.update_campaign(
                dataclasses.replace(theirs.campaign(campaign), name="Spring 2027")
            )
    with CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris") as ours:
        summary = merge_into(ours, source, ImportOptions(create_missing=True))
        assert [p.title for p in ours.posts(summary.added)] == ["Post"]


def test_a_calendar_is_not_merged_into_itself(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    before = ours.all_posts()
    with pytest.raises(InvalidInput, match="That is this calendar"):
        merge_into(ours, ours.path, ImportOptions())
    assert ours.all_posts() == before


def test_a_calendar_in_another_zone_merges_at_the_same_moment_as_its_ics(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    theirs = CalendarStore.create(tmp_path / "ny.cadence", timezone="America/New_York")
    channel = theirs.add_channel("LinkedIn").created[0]
    morning = NewPost(
        "Morning in New York",
        channel,
        date=date(2026, 12, 1),
        time=time(9, 0),
        status=PostStatus.SCHEDULED,
    )
    late = dataclasses.replace(morning, title="Late in New York", time=time(22, 30))
    untimed = dataclasses.replace(morning, title="All day", time=None)
    last = dataclasses.replace(late, title="Last of the plans", date=date(2999, 12, 31))
    theirs.add_posts([morning, late, untimed, last])

    summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 3
    assert summary.skipped == [
        "'Last of the plans' falls on 3000-01-01 here, which is outside the years a"
        " calendar plans (1900 to 2999)"
    ]
    when = {p.title: (p.date, p.time) for p in ours.all_posts()}
    assert when["Morning in New York"] == (date(2026, 12, 1), time(15, 0))  # in Paris
    assert when["Late in New York"] == (date(2026, 12, 2), time(4, 30))  # the next day here
    assert when["All day"] == (date(2026, 12, 1), None)

    # The same posts through iCalendar land at the same times, and merging again
    # changes nothing: the two routes agree.
    options = ExportOptions(last=date(2999, 1, 1))
    export_ics(theirs, tmp_path / "ny.ics", options, no_progress)
    again = import_ics(ours, tmp_path / "ny.ics", ImportOptions(), no_progress)
    assert (again.added, again.previous, again.unchanged) == ([], [], 3)
    assert merge_calendar(ours, theirs).unchanged == 3
    assert {p.title: (p.date, p.time) for p in ours.all_posts()} == when
    theirs.close()


def test_a_series_from_another_zone_comes_in_as_single_posts_and_says_so(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    """Every Monday at 09:00 in New York is 15:00 or 14:00 in Paris: no rule of Paris's
    clock says it, so its posts come in on their own (Change… and "all" no longer reach
    them), which the summary did not say."""
    ours, _ = pair
    with CalendarStore.create(tmp_path / "ny.cadence", timezone="America/New_York") as theirs:
        channel = theirs.add_channel("LinkedIn").created[0]
        weekly = NewPost("Monday note", channel, date=date(2026, 10, 19), time=time(9, 0))
        theirs.add_series(weekly, "FREQ=WEEKLY;COUNT=3")
        summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 3
    assert {p.series_id for p in ours.all_posts() if p.title == "Monday note"} == {None}
    assert summary.notes[-1] == (
        "3 repeating posts come in on their own: America/New_York's repeats run on"
        " another clock than Europe/Paris's."
    )
    # Amsterdam's clock reads as Paris's: the series stays one (it came apart too).
    with CalendarStore.create(tmp_path / "ams.cadence", timezone="Europe/Amsterdam") as dutch:
        channel = dutch.add_channel("LinkedIn").created[0]
        weekly = NewPost("Dutch note", channel, date=date(2026, 10, 19), time=time(9, 0))
        dutch.add_series(weekly, "FREQ=WEEKLY;COUNT=3")
        # Every night at 02:30, across the one both clocks skip it: still one series.
        nightly = NewPost("Night note", channel, date=date(2027, 3, 26), time=time(2, 30))
        dutch.add_series(nightly, "FREQ=DAILY;COUNT=4")
        summary = merge_calendar(ours, dutch)
    joined = {p.series_id for p in ours.all_posts() if p.title == "Dutch note"}
    assert len(joined) == 1
    assert None not in joined
    nights = [p for p in ours.all_posts() if p.title == "Night note"]
    assert {p.time for p in nights} == {time(2, 30)}
    assert len({p.series_id for p in nights}) == 1
    assert None not in {p.series_id for p in nights}
    assert not any("repeating" in note for note in summary.notes)


@pytest.mark.parametrize("route", ["merge", "ics"])
def test_a_time_the_clocks_skip_comes_back_from_another_zone_unchanged(
    tmp_path: Path, route: str
) -> None:
    """02:30 on the night New York's clocks go forward goes out at 03:30 there; a
    Paris copy holds that moment and gives it back as 03:30: the same post, no
    conflict copy (which would go out twice)."""
    with (
        CalendarStore.create(tmp_path / "ny.cadence", timezone="America/New_York") as ny,
        CalendarStore.create(tmp_path / "paris.cadence", timezone="Europe/Paris") as paris,
    ):
        channel = ny.add_channel("Blog").created[0]
        night = NewPost(
            "NY night",
            channel,
            date=date(2027, 3, 14),
            time=time(2, 30),
            status=PostStatus.SCHEDULED,
        )
        (post_id,) = ny.add_post(night).created
        before = ny.post(post_id)
        if route == "merge":
            merge_calendar(paris, ny)
            back = merge_calendar(ny, paris)
        else:
            options = ExportOptions(last=date(2999, 1, 1))
            export_ics(ny, tmp_path / "ny.ics", options, no_progress)
            import_ics(paris, tmp_path / "ny.ics", ImportOptions(), no_progress)
            export_ics(paris, tmp_path / "paris.ics", options, no_progress)
            back = import_ics(ny, tmp_path / "paris.ics", ImportOptions(), no_progress)
        assert (paris.all_posts()[0].date, paris.all_posts()[0].time) == (
            date(2027, 3, 14),
            time(8, 30),
        )
        assert (back.added, back.previous, back.unchanged) == ([], [], 1)
        assert ny.all_posts() == [before]


@pytest.mark.parametrize("route", ["merge", "ics"])
def test_a_file_from_before_the_zone_was_changed_brings_back_nothing(
    tmp_path: Path, route: str
) -> None:
    """A Paris calendar set to New York keeps its posts at 09:00; its .ics or copy of
    before read 09:00 Paris as 03:00 here, and moved every post (or, merged, doubled
    it as a conflict). A post edited there since still comes in."""
    with CalendarStore.create(tmp_path / "plan.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        launch, later = store.add_posts(
            [
                NewPost("Launch", channel, date=date(2027, 1, 4), time=time(9, 0)),
                NewPost("Later", channel, date=date(2027, 1, 5), time=time(10, 0)),
            ]
        ).created
        copy_path = tmp_path / "before.cadence"
        save_copy(store, copy_path)
        export_ics(store, tmp_path / "before.ics", ExportOptions(), no_progress)
        with CalendarStore.open(copy_path) as copy:  # edited there since
            copy.update_post(later, {"title": "Later, reworded"})
        if route == "ics":
            export_ics(
                CalendarStore.open(copy_path), tmp_path / "before.ics", ExportOptions(), no_progress
            )
        store.update_info(timezone="America/New_York")
        before = store.post(launch)

        if route == "merge":
            with CalendarStore.open(copy_path, read_only=True) as copy:
                summary = merge_calendar(store, copy)
        else:
            summary = import_ics(store, tmp_path / "before.ics", ImportOptions(), no_progress)

        assert summary.unchanged == 1
        assert store.post(launch) == before
        # A new version from a calendar in Paris, at its moment (10:00 there is 04:00 here).
        assert (store.post(later).title, store.post(later).time) == ("Later, reworded", time(4, 0))
        assert len(store.all_posts()) == 2  # no conflict copy
        # Its time read 10:00 on both clocks: said, as the zone may have been changed
        # for that very reason (the posts were planned on New York's clock).
        source = "before.cadence" if route == "merge" else "before.ics"
        assert (
            "'Later, reworded' read 10:00 on this calendar's clock and on that of"
            f" {source} (Europe/Paris); as edited there, it comes in at 04:00 on Tuesday"
            " 5 January 2027, when it is 10:00 in Europe/Paris. If 10:00 was meant here, set"
            " its time back to 10:00."
        ) in summary.notes


def test_a_post_moved_to_another_day_there_at_the_same_clock_time_is_said(
    tmp_path: Path,
) -> None:
    """Dragged to the next day there, keeping its 10:00 (Paris) on a calendar now in New
    York: it came in at 04:00 with no word, where a post retitled at 10:00 was named."""
    with CalendarStore.create(tmp_path / "plan.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        (moved,) = store.add_post(
            NewPost("Recycling", channel, date=date(2027, 1, 5), time=time(10, 0))
        ).created
        copy_path = tmp_path / "before.cadence"
        save_copy(store, copy_path)
        with CalendarStore.open(copy_path) as copy:
            copy.move_posts({moved: (date(2027, 1, 6), time(10, 0))})
        store.update_info(timezone="America/New_York")
        with CalendarStore.open(copy_path, read_only=True) as copy:
            summary = merge_calendar(store, copy)
        assert (store.post(moved).date, store.post(moved).time) == (date(2027, 1, 6), time(4, 0))
        assert any(
            note.startswith("'Recycling' read 10:00 on this calendar's clock")
            and "it comes in at 04:00 on Wednesday 6 January 2027" in note
            for note in summary.notes
        )


def test_a_post_moved_to_another_day_in_a_calendar_of_the_same_clock_is_no_clock_matter(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """Both in one zone, a post dragged to the next day there at its 10:00 was said to
    have read 10:00 on both clocks, to be set back to 10:00."""
    ours, theirs = pair
    (post,) = theirs.all_posts()
    theirs.move_posts({post.id: (date(2026, 12, 9), time(10, 0))})
    ours.move_posts({post.id: (date(2026, 12, 8), time(10, 0))})
    theirs.update_post(post.id, {"title": "Moved there, later"})
    summary = merge_calendar(ours, theirs)
    assert (ours.post(post.id).date, ours.post(post.id).time) == (date(2026, 12, 9), time(10, 0))
    assert not any("on this calendar's clock" in note for note in summary.notes)


@pytest.mark.parametrize("route", ["merge", "ics"])
def test_a_time_their_clock_passes_twice_is_said_and_comes_back_as_the_same_post(
    tmp_path: Path, route: str
) -> None:
    """07:30 in Paris on 7 Nov 2027 is the second 01:30 of New York's night the clocks
    go back: kept as 01:30 there (the first), unsaid; back in Paris, nothing edited
    anywhere, it made a conflict copy at 06:30."""
    with (
        CalendarStore.create(tmp_path / "paris.cadence", timezone="Europe/Paris") as paris,
        CalendarStore.create(tmp_path / "ny.cadence", timezone="America/New_York") as ny,
    ):
        channel = paris.add_channel("Blog").created[0]
        (post_id,) = paris.add_post(
            NewPost("Sunday morning", channel, date=date(2027, 11, 7), time=time(7, 30))
        ).created
        before = paris.post(post_id)
        options = ExportOptions(last=date(2999, 1, 1))
        if route == "merge":
            there = merge_calendar(ny, paris)
            back = merge_calendar(paris, ny)
        else:
            export_ics(paris, tmp_path / "paris.ics", options, no_progress)
            there = import_ics(ny, tmp_path / "paris.ics", ImportOptions(), no_progress)
            export_ics(ny, tmp_path / "ny.ics", options, no_progress)
            back = import_ics(paris, tmp_path / "ny.ics", ImportOptions(), no_progress)
        assert [(p.date, p.time) for p in ny.all_posts()] == [(date(2027, 11, 7), time(1, 30))]
        assert there.notes == [
            "'Sunday morning' starts at the second 01:30 of 2027-11-07, as the clocks go"
            " back; Cadence keeps times as the clock reads them, and takes it for the first."
        ]
        assert (back.added, back.previous, back.unchanged, back.conflicts) == ([], [], 1, 0)
        assert paris.all_posts() == [before]
        # Its title edited there, it comes back with that title, at the moment it had
        # (it moved an hour, to the first 01:30 there, unsaid).
        (there_id,) = [p.id for p in ny.all_posts()]
        ny.update_post(there_id, {"title": "Sunday morning, reworded"})
        if route == "merge":
            edited = merge_calendar(paris, ny)
        else:
            export_ics(ny, tmp_path / "ny.ics", options, no_progress)
            edited = import_ics(paris, tmp_path / "ny.ics", ImportOptions(), no_progress)
        assert len(edited.previous) == 1
        now = paris.post(post_id)
        assert (now.title, now.date, now.time) == (
            "Sunday morning, reworded",
            date(2027, 11, 7),
            time(7, 30),
        )


def test_a_recurring_series_arrives_as_a_series_again(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.cadence")
    with (
        CalendarStore.open(tmp_path / "demo.cadence") as theirs,
        CalendarStore.create(tmp_path / "new.cadence", timezone="Europe/Amsterdam") as ours,
    ):
        summary = merge_calendar(ours, theirs)

        def series_of(store: CalendarStore) -> dict[str, tuple[object, ...]]:
            """Each series by its first post's uid: its rule and its posts' occurrences."""
            found: dict[int, list[Post]] = {}
            for post in store.all_posts():
                if post.series_id is not None:
                    found.setdefault(post.series_id, []).append(post)
            return {
                posts[0].uid: (
                    store.series(series_id).rrule,
                    store.series(series_id).anchor,
                    store.series(series_id).exdates,
                    [(p.uid, p.occurrence) for p in posts],
                )
                for series_id, posts in found.items()
                for posts in [sorted(posts, key=lambda p: p.uid)]
            }

        assert series_of(theirs)
        assert series_of(ours) == series_of(theirs)
        assert len(summary.series_added) == len(series_of(theirs))


def test_an_occurrence_deleted_here_stays_deleted_unless_edited_there_since(
    tmp_path: Path,
) -> None:
    """The other copy as it was: the deletion here stands. Edited there since: nothing
    typed is lost, and it comes back into its own series."""
    write_demo(tmp_path / "demo.cadence")
    save_copy_path = tmp_path / "ours.cadence"
    with CalendarStore.open(tmp_path / "demo.cadence") as theirs:
        save_copy(theirs, save_copy_path)
        with CalendarStore.open(save_copy_path) as ours:
            member = next(p for p in ours.all_posts() if p.series_id is not None)
            assert member.series_id is not None
            ours.delete_occurrences(member.id, "this")
            assert member.occurrence in ours.series(member.series_id).exdates

            untouched = merge_calendar(ours, theirs)
            assert untouched.left_deleted == 1
            assert untouched.added == []
            assert ours.find_post(member.uid) is None
            assert member.occurrence in ours.series(member.series_id).exdates

            theirs.update_post(member.id, {"body": "Reworded there, after the copy."})
            summary = merge_calendar(ours, theirs)

            back = ours.post_by_uid(member.uid)
            assert back.body == "Reworded there, after the copy."
            assert back.series_id == member.series_id, "back in its own series, not a new one"
            assert back.occurrence == member.occurrence
            assert member.occurrence not in ours.series(member.series_id).exdates
            assert summary.series_added == []
            assert [s.id for s in summary.series_before] == [member.series_id]


@pytest.mark.parametrize("kind", ["csv", "cadence"])
def test_names_an_earlier_release_remembered_with_a_variation_selector_still_count(
    tmp_path: Path, kind: str
) -> None:
    """It kept an emoji's variation selector in the names it remembered ("❤️ customer
    love"), which this release's names leave out: a key message deleted then came back
    from an export made before, and a campaign renamed since came in again."""
    path = tmp_path / "plan.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        love = store.add_key_message("\u2764\ufe0f Customer love").created[0]
        summer = store.add_campaign("\u2600\ufe0f Summer").created[0]
        store.add_post(NewPost("Teaser", channel, (love,), date(2027, 3, 1), campaign_id=summer))
        before = tmp_path / f"before.{kind}"
        if kind == "csv":
            export_csv(store, before, ExportOptions())
        else:
            save_copy(store, before)
        store.update_campaign(dataclasses.replace(store.campaign(summer), name="Summer push"))
        store.delete_key_message(love)
        # As the earlier release wrote them.
        store.db.execute(
            "UPDATE former_names SET name_key = ? WHERE kind = 'message'",
            ["\u2764\ufe0f customer love"],
        )
        store.db.execute(
            "UPDATE former_names SET name_key = ? WHERE kind = 'campaign'",
            ["\u2600\ufe0f summer"],
        )
        posts = store.all_posts()
        options = ImportOptions(create_missing=True)
        if kind == "csv":
            import_csv(store, before, options)
        else:
            merge_into(store, before, options)
        assert store.all_posts() == posts
        assert [c.name for c in store.campaigns()] == ["Summer push"]
        assert store.key_messages(include_archived=True) == []


@pytest.mark.parametrize("kind", ["csv", "ics", "cadence"])
def test_an_export_from_before_a_deletion_brings_nothing_deleted_back(
    tmp_path: Path, kind: str
) -> None:
    """A key message and a campaign deleted in their managers came back, onto every post
    that had carried them, from an export made before (README: an export from before
    the edit changes nothing). The posts come without them, and it is said."""
    write_demo(tmp_path / "demo.cadence", today=date(2026, 11, 18))
    with CalendarStore.open(tmp_path / "demo.cadence") as store:
        before = tmp_path / f"before.{kind}"
        if kind == "csv":
            export_csv(store, before, ExportOptions())
        elif kind == "ics":
            export_ics(store, before, ExportOptions(), no_progress)
        else:
            save_copy(store, before)
        message = store.key_message_titled("Solar pays for itself")
        campaign = store.campaign_named("Home Battery launch")
        assert message is not None
        assert campaign is not None
        store.delete_key_message(message.id)
        store.delete_campaign(campaign.id)
        posts = store.all_posts()
        options = ImportOptions(create_missing=True)
        if kind == "csv":
            summary = import_csv(store, before, options)
        elif kind == "ics":
            summary = import_ics(store, before, options, no_progress)
        else:
            summary = merge_into(store, before, options)
        assert store.all_posts() == posts
        assert store.key_message_titled("Solar pays for itself") is None
        assert store.campaign_named("Home Battery launch") is None
        assert (summary.added, summary.previous, summary.conflicts) == ([], [], 0)
        assert summary.notes == [
            "The key message 'Solar pays for itself' was deleted here: posts of the file"
            " that carry it come without it.",
            "The campaign 'Home Battery launch' was deleted here: posts of the file that"
            " carry it come without it.",
        ]
        # A new key message does not take the deleted one's number (the last): that one
        # is still deleted.
        last = max(store.key_messages(include_archived=True), key=lambda m: m.id)
        store.delete_key_message(last.id)
        assert store.add_key_message("Made in town").created == (last.id + 1,)
        assert name_key(last.title) in store.deleted_names("message")
        # Made again here, the name is a key message like any other (and the same file
        # again makes no conflict copy of each post that carried the deleted one).
        store.add_key_message("Solar pays for itself")
        assert "solar pays for itself" not in store.deleted_names("message")
        if kind == "csv":
            assert import_csv(store, before, options).conflicts == 0
        # A name an earlier release left behind for a record it deleted is no deletion
        # to follow (it kept a deleted record's former names for the undo).
        store.db.execute(
            "INSERT INTO former_names (kind, record_id, name_key) VALUES ('message', 999, 'old')"
        )
        assert "old" not in store.deleted_names("message")


def test_a_name_deleted_then_made_again_brings_no_conflict_copies(tmp_path: Path) -> None:
    """Deleted, made again under the same name, then an export from before imported:
    each post that had carried it came back as a conflict copy (74 of them)."""
    write_demo(tmp_path / "demo.cadence", today=date(2026, 11, 18))
    with CalendarStore.open(tmp_path / "demo.cadence") as store:
        export_csv(store, tmp_path / "before.csv", ExportOptions())
        message = store.key_message_titled("Solar pays for itself")
        assert message is not None
        store.delete_key_message(message.id)
        store.add_key_message("solar pays  for itself")
        summary = import_csv(store, tmp_path / "before.csv", ImportOptions(create_missing=True))
        assert summary.conflicts == 0
        assert not store.posts_titled_ending(CONFLICT_MARK)


def test_an_undone_import_or_add_is_no_deletion_to_follow(tmp_path: Path) -> None:
    """Undoing the import that made a key message (or its Add) counted as deleting it:
    the same file imported again left it off every post, saying it "was deleted here"."""
    write_demo(tmp_path / "demo.cadence", today=date(2026, 11, 18))
    with CalendarStore.open(tmp_path / "demo.cadence") as store:
        made = store.add_key_message("Spring sale").created[0]
        campaign = store.add_campaign("Spring push").created[0]
        store.delete_key_message(made, remembered=False)
        store.delete_campaign(campaign, remembered=False)
        assert store.deleted_names("message") == frozenset()
        assert store.deleted_names("campaign") == frozenset()


def test_a_merge_makes_what_is_archived_there_archived_here(tmp_path: Path) -> None:
    """A key message retired in the colleague's calendar came in active: the client's
    page then called it overdue."""
    write_demo(tmp_path / "theirs.cadence", today=date(2026, 11, 18))
    with CalendarStore.open(tmp_path / "theirs.cadence") as theirs:
        message = theirs.key_messages()[-1]
        theirs.update_key_message(dataclasses.replace(message, archived=True))
        channel = theirs.channel_named("Events")
        assert channel is not None
        theirs.update_channel(channel.id, archived=True)
    with CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Amsterdam") as ours:
        merge_into(ours, tmp_path / "theirs.cadence", ImportOptions(create_missing=True))
        made = ours.key_message_titled(message.title)
        events = ours.channel_named("Events")
        assert made is not None
        assert events is not None
        assert made.archived
        assert events.archived
        assert not ours.key_message_titled("Solar pays for itself").archived  # type: ignore[union-attr]


def test_a_merge_adds_its_new_posts_by_batches_in_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One call per post checked every name of the calendar again for each: a merge of
    50,000 new posts took 15 s, against 4 s for SQL alone."""
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    channel = theirs.add_channel("Blog").created[0]
    theirs.add_posts(
        NewPost(f"Post {n}", channel, date=date(2026, 1, 1 + n % 28)) for n in range(1200)
    )
    theirs.add_series(NewPost("Weekly", channel, date=date(2026, 3, 2)), "FREQ=WEEKLY;COUNT=3")
    calls: list[int] = []
    real = ours.add_posts

    def counted(posts: Iterable[NewPost], **kwargs: Any) -> ChangeSet:
        batch = list(posts)
        calls.append(len(batch))
        return real(batch, **kwargs)

    monkeypatch.setattr(ours, "add_posts", counted)
    summary = merge_calendar(ours, theirs)
    assert calls == [500, 500, 203]
    added = ours.posts(summary.added)
    assert [p.uid for p in added] == [p.uid for p in theirs.all_posts()]
    assert len({p.series_id for p in added if p.title == "Weekly"} - {None}) == 1
    ours.close()
    theirs.close()


def test_a_repeat_rule_the_other_calendar_holds_spoiled_leaves_its_posts_on_their_own(
    tmp_path: Path,
) -> None:
    """30 February written by hand into a colleague's series: the whole merge was
    refused, in a sentence that read as if the rule had been typed here."""
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    channel = theirs.add_channel("Blog").created[0]
    theirs.add_series(NewPost("Weekly", channel, date=date(2026, 3, 2)), "FREQ=WEEKLY;COUNT=3")
    theirs.add_post(NewPost("Single", channel, date=date(2026, 3, 4)))
    theirs.db.execute("UPDATE series SET rrule = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'")
    summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 4
    assert summary.notes == [
        "In theirs.cadence, the repeat rule 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' falls on no"
        " day that exists (such as 30 February); its 3 posts come in on their own."
    ]
    assert {p.series_id for p in ours.all_posts()} == {None}
    ours.close()
    theirs.close()


def test_a_colour_or_kind_another_program_left_does_not_refuse_a_merge(tmp_path: Path) -> None:
    """A key message's colour "red", a channel's kind a bad sector spoiled: the whole
    merge was refused, asking for a colour written as #RRGGBB."""
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    channel = theirs.add_channel("Newsletter").created[0]
    message = theirs.add_key_message("We listen").created[0]
    theirs.add_post(NewPost("Told", channel, (message,), date(2026, 12, 9)))
    theirs.db.execute("UPDATE key_messages SET color = 'red'")
    theirs.db.execute("UPDATE channels SET kind = 'soc\ufffdial'")
    summary = merge_calendar(ours, theirs)
    assert len(summary.added) == 1
    (made,) = ours.channels()
    assert made.kind == "newsletter"  # as its name says
    (told,) = ours.key_messages()
    assert told.color.startswith("#")
    ours.close()
    theirs.close()


def test_a_post_deleted_there_after_an_edit_there_goes_here_and_a_second_merge_is_quiet(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """What we hold is an earlier state of what the colleague deleted: it goes."""
    ours, theirs = pair
    (post,) = theirs.all_posts()
    theirs.update_post(post.id, {"title": "Reworded there, then deleted"})
    theirs.delete_posts([post.id])
    summary = merge_calendar(ours, theirs)
    assert [p.uid for p in summary.removed] == [post.uid]
    assert ours.all_posts() == []
    again = merge_calendar(ours, theirs)
    assert (again.removed, again.deleted_there_kept, again.notes) == ([], 0, [])


def test_a_post_deleted_there_but_edited_here_since_stays(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    (post,) = theirs.all_posts()
    theirs.delete_posts([post.id])
    ours.update_post(post.id, {"title": "Ours, reworded"})
    summary = merge_calendar(ours, theirs)
    assert (summary.removed, summary.deleted_there_kept) == ([], 1)
    assert [p.title for p in ours.all_posts()] == ["Ours, reworded"]
    assert summary.describe() == (
        "Added 0 posts, updated 0, 0 already up to date, 1 deleted there kept (edited here since)."
    )


def _moved_and_deleted_there(
    pair: tuple[CalendarStore, CalendarStore], day_here: date
) -> tuple[Post, ImportSummary]:
    """The shared post moved a week on there and deleted, moved to ``day_here`` here;
    then merged here."""
    ours, theirs = pair
    (post,) = theirs.all_posts()
    theirs.update_post(post.id, {"date": date(2026, 12, 8)})
    theirs.delete_posts([post.id])
    ours.update_post(post.id, {"date": day_here})
    return post, merge_calendar(ours, theirs)


def test_a_post_deleted_there_as_it_shows_here_goes_both_ways(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """Moved a week on on both sides, then deleted there: merged here it stayed ("edited
    here since"), merged there it stayed out (it shows what was deleted), at every
    round. It shows here what the colleague deleted: it goes, and the calendars agree."""
    ours, theirs = pair
    post, summary = _moved_and_deleted_there(pair, date(2026, 12, 8))
    assert [p.uid for p in summary.removed] == [post.uid]
    assert summary.deleted_there_kept == 0
    assert ours.all_posts() == []
    back = merge_calendar(theirs, ours)
    assert (back.added, back.left_deleted, theirs.all_posts()) == ([], 0, [])
    again = merge_calendar(ours, theirs)
    assert (again.removed, again.deleted_there_kept, again.notes) == ([], 0, [])


def test_a_post_deleted_there_but_edited_otherwise_here_stays(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """Moved a week on there and deleted; moved two weeks on here: what it shows here was
    never deleted."""
    _, summary = _moved_and_deleted_there(pair, date(2026, 12, 15))
    assert (summary.removed, summary.deleted_there_kept) == ([], 1)
    assert [p.date for p in pair[0].all_posts()] == [date(2026, 12, 15)]


def test_settings_set_otherwise_there_are_named_and_kept_as_here(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """The colleague's cadence of 14 days and the channel's lower limit were dropped by the
    merge, unsaid."""
    ours, theirs = pair
    (message,) = theirs.key_messages()
    theirs.update_key_message(
        dataclasses.replace(message, cadence_days=14, statement="Agreed with the client")
    )
    (channel,) = theirs.channels()
    theirs.update_channel(channel.id, char_limit=1300)
    summary = merge_calendar(ours, theirs)
    assert summary.notes == [
        "Set otherwise in theirs.cadence, kept as here: the key message 'Made here' (every"
        " 14 days there, 7 days here; statement 'Agreed with the client' there, none here);"
        " the channel 'LinkedIn' (character limit 1300 there, none here)."
    ]
    assert ours.key_messages()[0].cadence_days == 7
    assert merge_calendar(ours, theirs).notes == summary.notes  # said each time
    # Archived there: in use here, its gaps still reported, unsaid.
    theirs.update_key_message(dataclasses.replace(theirs.key_messages()[0], archived=True))
    theirs.update_channel(channel.id, archived=True)
    assert merge_calendar(ours, theirs).notes == [
        "Set otherwise in theirs.cadence, kept as here: the key message 'Made here' (every"
        " 14 days there, 7 days here; statement 'Agreed with the client' there, none here;"
        " archived there, in use here); the channel 'LinkedIn' (character limit 1300"
        " there, none here; archived there, in use here)."
    ]


# -- a series changed as a whole in the other calendar -------------------------------------


def _weekly_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Our calendar with a Monday tip eight times, and a copy of it, theirs."""
    ours = tmp_path / "ours.cadence"
    with CalendarStore.create(ours, timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        tip = NewPost("Monday tip", channel, (), date(2027, 1, 4), time(9, 0), PostStatus.SCHEDULED)
        store.add_series(tip, "FREQ=WEEKLY;BYDAY=MO;COUNT=8")
        save_copy(store, tmp_path / "theirs.cadence")
    return ours, tmp_path / "theirs.cadence"


def _brought(ours: Path, theirs: Path, how: str, tmp_path: Path) -> None:
    """Their calendar merged into ours, or their iCalendar file imported."""
    with CalendarStore.open(ours) as store:
        if how == "merge":
            merge_into(store, theirs, ImportOptions(), no_progress)
            return
        with CalendarStore.open(theirs) as there:
            export_ics(there, tmp_path / "theirs.ics", ExportOptions(), no_progress)
        import_ics(store, tmp_path / "theirs.ics", ImportOptions(), no_progress)


def _series_of(path: Path) -> tuple[str, date, time | None, list[tuple[date | None, date | None]]]:
    """The one series' rule, first day and time, and its posts' days and occurrences;
    every post of the calendar is in it."""
    with CalendarStore.open(path, read_only=True) as store:
        posts = store.all_posts()
        series_id = posts[0].series_id
        assert series_id is not None
        assert {p.series_id for p in posts} == {series_id}
        series = store.series(series_id)
        days = sorted((p.date, p.occurrence) for p in posts)
        return series.rrule, series.anchor, series.anchor_time, days


@pytest.mark.parametrize("how", ["merge", "ics"])
def test_a_series_moved_as_a_whole_there_comes_with_its_rule(tmp_path: Path, how: str) -> None:
    """Every post came a day later, each an occurrence moved on its own here under the
    old rule: Change… was refused ("the repeat must include Monday 4 January"), and
    making the series longer added Mondays."""
    ours, theirs = _weekly_pair(tmp_path)
    with CalendarStore.open(theirs) as there:
        first = min(there.all_posts(), key=lambda p: p.date or date.max)
        there.update_occurrences(first.id, {"date": date(2027, 1, 5)}, "all")

    _brought(ours, theirs, how, tmp_path)

    assert _series_of(ours) == _series_of(theirs)
    rule, anchor, _, days = _series_of(ours)
    assert (rule, anchor) == ("FREQ=WEEKLY;BYDAY=TU;COUNT=8", date(2027, 1, 5))
    assert all(day == occurrence for day, occurrence in days)


@pytest.mark.parametrize("how", ["merge", "ics"])
def test_a_series_made_longer_there_comes_whole(tmp_path: Path, how: str) -> None:
    """On Mondays and Thursdays, sixteen times: the eight Thursdays came as posts of
    their own, which "Delete… all of them" left behind."""
    ours, theirs = _weekly_pair(tmp_path)
    with CalendarStore.open(theirs) as there:
        first = min(there.all_posts(), key=lambda p: p.date or date.max)
        there.change_repeat(first.id, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=16")

    _brought(ours, theirs, how, tmp_path)

    assert _series_of(ours) == _series_of(theirs)
    assert len(_series_of(ours)[3]) == 16


def test_a_series_changed_on_both_sides_keeps_every_post(tmp_path: Path) -> None:
    """Moved here, made longer there: the Mondays moved here stay (edited here since),
    the Thursdays come; no rule says both, so ours stays and nothing is lost."""
    ours, theirs = _weekly_pair(tmp_path)
    with CalendarStore.open(theirs) as there:
        first = min(there.all_posts(), key=lambda p: p.date or date.max)
        there.change_repeat(first.id, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=16")
    with CalendarStore.open(ours) as here:
        first = min(here.all_posts(), key=lambda p: p.date or date.max)
        here.update_occurrences(first.id, {"time": time(11, 0)}, "all")
        before = here.series(first.series_id or 0)

    _brought(ours, theirs, "merge", tmp_path)

    with CalendarStore.open(ours) as here:
        assert here.series(before.id) == before
        posts = here.all_posts()
        assert len(posts) == 16
        assert [p.time for p in posts if p.series_id == before.id] == [time(11, 0)] * 8


def test_a_series_ended_here_keeps_its_end_when_its_posts_come_back_edited(
    tmp_path: Path,
) -> None:
    """Its last four deleted here, all eight retitled there: the four come back (nothing
    typed is lost) as posts of their own, and the series ends where it was ended
    here; their rule is the older one, not a change made there."""
    ours, theirs = _weekly_pair(tmp_path)
    with CalendarStore.open(theirs) as there:
        first = min(there.all_posts(), key=lambda p: p.date or date.max)
        there.update_occurrences(first.id, {"title": "Monday tip!"}, "all")
    with CalendarStore.open(ours) as here:
        fifth = sorted(here.all_posts(), key=lambda p: p.date or date.max)[4]
        here.delete_occurrences(fifth.id, "following")
        ended = here.series(fifth.series_id or 0)

    _brought(ours, theirs, "merge", tmp_path)

    with CalendarStore.open(ours) as here:
        assert here.series(ended.id) == ended
        posts = sorted(here.all_posts(), key=lambda p: p.date or date.max)
        assert [p.title for p in posts] == ["Monday tip!"] * 8
        assert [p.series_id for p in posts] == [ended.id] * 4 + [None] * 4


@pytest.mark.parametrize("how", ["merge", "ics"])
def test_a_series_whose_occurrence_deleted_here_comes_back_takes_its_rule_at_once(
    tmp_path: Path, how: str
) -> None:
    """One occurrence deleted here, all eight moved to 11:00 there: the first exchange
    brought the deleted one back at 11:00 but kept the series' 9:00, and the same file
    brought a second time gave it 11:00 then (bringing a file twice changes nothing)."""
    ours, theirs = _weekly_pair(tmp_path)
    with CalendarStore.open(theirs) as there:
        first = min(there.all_posts(), key=lambda p: p.date or date.max)
        there.update_occurrences(first.id, {"time": time(11, 0)}, "all")
    with CalendarStore.open(ours) as here:
        third = sorted(here.all_posts(), key=lambda p: p.date or date.max)[2]
        here.delete_occurrences(third.id, "this")

    _brought(ours, theirs, how, tmp_path)

    rule, anchor, at, posts = _series_of(ours)
    assert (rule, anchor, at) == ("FREQ=WEEKLY;BYDAY=MO;COUNT=8", date(2027, 1, 4), time(11, 0))
    assert len(posts) == 8
    with CalendarStore.open(ours) as here:
        before = {p.uid: (p.revision, p.series_id) for p in here.all_posts()}

    _brought(ours, theirs, how, tmp_path)

    assert _series_of(ours) == (rule, anchor, at, posts)
    with CalendarStore.open(ours) as here:
        assert {p.uid: (p.revision, p.series_id) for p in here.all_posts()} == before


def _scheduled_all(here: CalendarStore, post_id: int) -> None:
    here.update_occurrences(post_id, {"status": PostStatus.SCHEDULED}, "all")


def _scheduled_all_with_its_repeat(here: CalendarStore, post_id: int) -> None:
    """The editor's Change… on the post, its repeat kept, the edit for all."""
    edit: PostChanges = {"status": PostStatus.SCHEDULED}
    here.change_repeat(post_id, "FREQ=WEEKLY;BYDAY=MO;COUNT=8", edit=edit, scope="all")


@pytest.mark.parametrize("scheduled", [_scheduled_all, _scheduled_all_with_its_repeat])
def test_an_edit_of_a_whole_series_makes_no_new_version_of_posts_it_does_not_change(
    tmp_path: Path, scheduled: Callable[[CalendarStore, int], None]
) -> None:
    """Every post scheduled "all" here, where all but the first were: each became a new
    version, and the colleague's retitling of them came back as eight conflict copies
    (through Change… too, with its repeat)."""
    ours, theirs = _weekly_pair(tmp_path)
    with CalendarStore.open(ours) as here:
        first = min(here.all_posts(), key=lambda p: p.date or date.max)
        here.update_post(first.id, {"status": PostStatus.DRAFT})
    shutil.copy(ours, theirs)
    with CalendarStore.open(theirs) as there:
        there.update_occurrences(first.id, {"title": "Tip of the week"}, "all")
    with CalendarStore.open(ours) as here:
        before = {p.id: p.revision for p in here.all_posts()}
        scheduled(here, first.id)
        bumped = [p.id for p in here.all_posts() if p.revision != before[p.id]]
        assert bumped == [first.id]

    _brought(ours, theirs, "merge", tmp_path)

    with CalendarStore.open(ours) as here:
        titles = sorted(p.title for p in here.all_posts())
    # Taken, but the first, edited on both sides: the later edit here stays, theirs a copy.
    assert titles.count("Tip of the week") == 7
    assert titles.count("Monday tip") == 1
    assert [t for t in titles if t.endswith("(conflict)")] == ["Tip of the week (conflict)"]


def test_a_post_pasted_from_an_archived_channel_there_lands_on_one_in_use_here(
    tmp_path: Path,
) -> None:
    """Their channel archived there: a post pasted here lands on a channel made in use
    (made archived, the post sat on a channel the sidebar and filters do not list)."""
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    old = theirs.add_channel("Old blog", archived=True).created[0]
    post = theirs.add_post(NewPost("Evergreen piece", old, date=date(2027, 3, 2))).created[0]
    copy_posts_between(ours, theirs, {post: (date(2027, 4, 6), None)}, today=date(2027, 3, 1))
    assert [(c.name, c.archived) for c in ours.channels(include_archived=True)] == [
        ("Old blog", False)
    ]
    ours.close()
    theirs.close()


def test_a_colleague_s_channel_at_the_largest_limit_comes_with_it(tmp_path: Path) -> None:
    from calendar_app.core.models import MAX_CHAR_LIMIT

    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    blog = theirs.add_channel("Blog", char_limit=MAX_CHAR_LIMIT).created[0]
    theirs.add_post(NewPost("Long read", blog, date=date(2027, 3, 2)))
    summary = merge_calendar(ours, theirs)
    assert [c.char_limit for c in ours.channels()] == [MAX_CHAR_LIMIT]
    assert not [n for n in summary.notes if "character limit" in n]
    ours.close()
    theirs.close()


def test_a_merge_into_the_chosen_channel_and_beside_a_cancelled_post_says_nothing_of_them(
    tmp_path: Path,
) -> None:
    """The channel --channel took their posts into is not "set otherwise"; a post added
    beside one cancelled here of the same title and day is no twin."""
    ours = CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris")
    theirs = CalendarStore.create(tmp_path / "theirs.cadence", timezone="Europe/Paris")
    ours.add_channel("Imported", kind="other")
    mine = ours.add_channel("LinkedIn").created[0]
    tiktok = theirs.add_channel("TikTok", kind="video", char_limit=2200).created[0]
    linkedin = theirs.add_channel("LinkedIn").created[0]
    theirs.add_post(NewPost("Dance challenge", tiktok, date=date(2027, 3, 2)))
    theirs.add_post(NewPost("Launch", linkedin, date=date(2027, 3, 4)))
    ours.add_post(NewPost("Launch", mine, date=date(2027, 3, 4), status=PostStatus.CANCELLED))
    summary = merge_calendar(ours, theirs, fallback_channel="Imported")
    assert len(summary.added) == 2
    assert not [n for n in summary.notes if "Set otherwise" in n or "is like one" in n], (
        summary.notes
    )
    ours.close()
    theirs.close()
