"""The session's cadence report stays exact while it is updated piece by piece."""

from __future__ import annotations

import contextlib
import random
import resource
import shutil
import signal
import sqlite3
import uuid
from collections.abc import Sequence
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from calendar_app.core import store as store_module
from calendar_app.core.cadence import CadenceReport, analyse, default_window
from calendar_app.core.errors import StorageProblem
from calendar_app.core.models import (
    Campaign,
    CampaignKind,
    KeyMessage,
    NewPost,
    Post,
    PostStatus,
    name_key,
)
from calendar_app.core.store import CalendarStore, ChangeSet
from calendar_app.ui.commands import (
    AddKeyMessageCommand,
    AddPostCommand,
    CampaignCommand,
    ChannelCommand,
    CopyPostsCommand,
    DeleteChannelCommand,
    DeleteKeyMessageCommand,
    DeletePostsCommand,
    EditPostsCommand,
    MovePostsCommand,
    RepeatPostCommand,
    UpdateKeyMessageCommand,
)
from calendar_app.ui.dialogs import _error_box
from calendar_app.ui.session import (
    CHECKPOINT_MS,
    DAY_CHANGE_MARGIN_MS,
    DAY_CHECK_MS,
    WAITING_ROOM_MS,
    CalendarSession,
    Filters,
    until_midnight,
)

from .conftest import READ_ONLY, TODAY, read_only


def fresh_report(session: CalendarSession) -> CadenceReport:
    """The analysis of every delivery in the file, without the breakdown by channel the
    window's leaves out; its breakdown, read for each message apart, checked here too."""
    start, end = session.analysis_window()
    store = session.store
    full = analyse(
        store.key_messages(), store.channels(), store.delivery_rows(TODAY), TODAY, start, end
    )
    for message in full.messages:
        assert session.channel_cadence(message.message_id) == message.channels
    return replace(full, messages=tuple(replace(m, channels=()) for m in full.messages))


def test_report_after_many_changes_equals_a_full_analysis(session: CalendarSession) -> None:
    rng = random.Random(7)
    for step in range(40):
        post = rng.choice([p for p in session.store.all_posts() if p.series_id is None])
        action = step % 5
        if action == 0:
            day = TODAY + timedelta(days=rng.randint(-60, 60))
            session.push(MovePostsCommand(session, {post.id: (day, post.time)}))
        elif action == 1:
            day = TODAY + timedelta(days=rng.randint(-60, 60))
            session.push(CopyPostsCommand(session, [(post.id, day, None)]))
        elif action == 2:
            status = rng.choice(list(PostStatus))
            session.push(EditPostsCommand(session, {post.id: {"status": status}}))
        elif action == 3:
            session.undo_stack.undo()
        else:
            session.push(DeletePostsCommand(session, [post.id]))
        assert session.report() == fresh_report(session)
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
        assert session.report() == fresh_report(session)


def test_a_change_under_a_search_reads_the_views_again_only_when_its_finds_change(
    session: CalendarSession, qtbot: QtBot
) -> None:
    """Every drop under a search said the filters changed, and the backlog and the views
    read everything again (a quarter of a second at 5,000 ideas) though the search found
    the same posts."""
    session.set_filters(Filters(search="solar"))
    found = session.filters.search_hits
    assert found
    post = next(p for p in session.store.posts(list(found)) if p.date is not None)
    assert post.date is not None
    later = post.date + timedelta(days=1)
    with qtbot.assertNotEmitted(session.filtersChanged):
        session.push(MovePostsCommand(session, {post.id: (later, post.time)}))
    assert session.filters.search_hits == found
    # Retitled out of the search: it is found no more, and the views hear so.
    with qtbot.waitSignal(session.filtersChanged, timeout=1000):
        session.notify(session.store.update_post(post.id, {"title": "Wind", "body": ""}))
    assert session.filters.search_hits == found - {post.id}


def test_looking_back_changes_no_status_and_invents_no_gap_before_the_first_post(
    session: CalendarSession,
) -> None:
    from calendar_app.core.models import KeyMessage
    from calendar_app.ui.commands import AddKeyMessageCommand

    new = KeyMessage(0, "Brand new", "", 14, "#3366cc", None, None, 0, False)
    session.push(AddKeyMessageCommand(session, new))
    before = {m.message_id: (m.status, m.overdue_days) for m in session.report().messages}
    first_post = min(p.date for p in session.store.all_posts() if p.date is not None)

    # A year and more before the calendar's first post, then back to today.
    session.set_visible_range(first_post - timedelta(days=400), first_post - timedelta(days=360))
    report = session.report()
    assert report.start <= first_post - timedelta(days=400)  # the analysis reaches that far
    assert {m.message_id: (m.status, m.overdue_days) for m in report.messages} == before
    for cadence in report.messages:  # nothing was ever planned then: nothing is overdue
        assert all(g.start >= first_post for g in cadence.gaps), cadence.title
    session.set_visible_range(TODAY - timedelta(days=3), TODAY + timedelta(days=3))
    assert {m.message_id: (m.status, m.overdue_days) for m in session.report().messages} == before


def test_a_change_of_cadence_is_reanalysed(session: CalendarSession) -> None:
    from dataclasses import replace

    message = session.key_messages()[0]
    session.push(UpdateKeyMessageCommand(session, replace(message, cadence_days=2)))
    assert session.report().message(message.id).cadence_days == 2
    assert session.report() == fresh_report(session)


def test_a_disk_that_will_not_take_a_change_into_the_file_is_said_once(
    session: CalendarSession, qtbot: QtBot
) -> None:
    """The change went into the -wal, the disk took no more, and the window retried
    in silence: a copy of the file alone lacked the change, and nobody knew."""
    said: list[str] = []
    boxes: list[str] = []

    def report(parent: object, exc: BaseException) -> None:
        said.append(str(exc))
        boxes.append(_error_box(None, exc, "Cadence").informativeText())

    session.report_error = report
    path = session.store.path
    channel = session.channels()[0].id
    size = path.stat().st_size
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    was = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, limit[1]))  # the file may not grow
    try:
        # A change the file cannot take in, its -wal well short of the limit too (the
        # next change has to go in there: 60 posts left it ten pages of room).
        big = NewPost("Daily tip", channel, date=TODAY, body="x" * 1500)
        session.push(AddPostCommand(session, big, "FREQ=DAILY;COUNT=25"))
        qtbot.waitUntil(lambda: bool(said))
        assert Path(f"{path}-wal").stat().st_size < size - 20 * 4096
        session.push(AddPostCommand(session, NewPost("Another", channel, date=TODAY)))
        assert session._checkpoint.interval() == 0  # to try at once, and fail again
        qtbot.waitUntil(lambda: session._checkpoint.interval() == WAITING_ROOM_MS)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limit)
        signal.signal(signal.SIGXFSZ, was)
    assert said == [
        f"The change is saved, but waits beside the calendar in {path.name}-wal: the disk"
        " could not take it into the file itself. Free some space; until then, copy the"
        " calendar with its -wal."
    ]  # once
    assert boxes == [""]  # not "Nothing was lost: the calendar is as it was before."
    session.push(AddPostCommand(session, NewPost("With room", channel, date=TODAY)))
    qtbot.waitUntil(lambda: Path(f"{path}-wal").stat().st_size == 0)
    assert session.store.waiting is None


def test_a_refused_drop_says_why_and_leaves_nothing_to_undo(session: CalendarSession) -> None:
    from calendar_app.ui.dnd import drop_posts, posts_mime

    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))
    post = next(p for p in session.store.all_posts() if p.date and p.series_id is None)
    with read_only(session.store):
        done = drop_posts(session, None, posts_mime(session, [post]), TODAY + timedelta(days=3))
    assert not done
    assert seen == [READ_ONLY]
    assert session.undo_stack.count() == 0
    assert session.store.post(post.id) == post


def test_a_refused_undo_says_why_and_keeps_the_stack_in_step(session: CalendarSession) -> None:
    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))
    post = next(p for p in session.store.all_posts() if p.date and p.series_id is None)
    assert post.date is not None
    moved = post.date + timedelta(days=3)
    session.push(MovePostsCommand(session, {post.id: (moved, post.time)}))
    with read_only(session.store):
        assert not session.undo()
    assert seen == [READ_ONLY]
    assert session.store.post(post.id).date == moved
    assert (session.undo_stack.index(), session.undo_stack.undoText()) == (1, "Move post")

    assert session.undo()  # the file is writable again: the same step now works
    undone = session.store.post(post.id)
    assert undone == post
    assert session.undo_stack.index() == 0
    with read_only(session.store):
        assert not session.redo()
    assert session.store.post(post.id) == undone  # the refused redo changed nothing
    assert (session.undo_stack.index(), session.undo_stack.redoText()) == (0, "Move post")
    assert session.redo()
    assert session.store.post(post.id).date == moved
    assert session.report() == fresh_report(session)
    assert not session.redo()  # nothing left to redo


def test_a_step_taken_after_another_programs_change_can_be_undone(
    session: CalendarSession,
) -> None:
    """The command line adds a post while the window stays in front; a drop then went
    through, and its own undo was refused as if the change had come after it."""
    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))
    posts = [p for p in session.store.all_posts() if p.date and p.series_id is None][:2]
    first, second = ((p, cast(date, p.date) + timedelta(days=3)) for p in posts)
    session.push(MovePostsCommand(session, {first[0].id: (first[1], first[0].time)}))
    with CalendarStore.open(session.store.path) as elsewhere:
        channel = elsewhere.channels()[0].id
        elsewhere.add_post(NewPost("From the terminal", channel, date=TODAY))
    session.push(MovePostsCommand(session, {second[0].id: (second[1], second[0].time)}))

    assert session.undo()  # the step taken since
    assert session.store.post(second[0].id) == second[0]
    assert session.redo()
    assert session.undo()
    assert seen == []
    assert not session.undo()  # the step before would undo the terminal's post too
    assert len(seen) == 1

    # Changed there again after a step here: the next step here can be undone.
    third = next(p for p in session.store.all_posts() if p.date and p.series_id is None)
    session.push(MovePostsCommand(session, {third.id: (TODAY, third.time)}))
    with CalendarStore.open(session.store.path) as elsewhere:
        elsewhere.add_post(NewPost("Again from the terminal", channel, date=TODAY))
    fourth = next(
        p for p in session.store.all_posts() if p.date and p.series_id is None and p != third
    )
    session.push(MovePostsCommand(session, {fourth.id: (TODAY, fourth.time)}))
    assert session.undo()
    assert session.store.post(fourth.id) == fourth
    assert len(seen) == 1
    assert not session.undo()  # the step before the second change
    assert session.store.post(first[0].id).date == first[1]
    assert sorted(p.title for p in session.store.posts_titled_ending("terminal")) == [
        "Again from the terminal",
        "From the terminal",
    ]


def test_an_undo_that_fails_half_way_changes_nothing(session: CalendarSession) -> None:
    """Undoing a repeat deletes the copies, then the series row: both or neither."""
    post = next(p for p in session.store.all_posts() if p.date and p.series_id is None)
    command = RepeatPostCommand(session, post.id, {}, "FREQ=WEEKLY;COUNT=4")
    session.push(command)
    series_id = session.store.post(post.id).series_id
    assert series_id is not None
    before = session.store.all_posts()
    session.store.db.execute(
        "CREATE TEMP TRIGGER refuse BEFORE DELETE ON series"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    try:
        with pytest.raises(sqlite3.IntegrityError, match="refused"):
            command.undo()  # the copies are deleted first, then the series fails
    finally:
        session.store.db.execute("DROP TRIGGER refuse")
    assert session.store.all_posts() == before
    assert session.store.series(series_id).id == series_id
    command.undo()
    assert session.store.post(post.id) == post
    assert len(session.store.all_posts()) == len(before) - 3


# -- the posts kept for the views ---------------------------------------------


KEPT_RANGES = [
    (TODAY - timedelta(days=23), TODAY + timedelta(days=18)),  # a month grid
    (TODAY - timedelta(days=2), TODAY + timedelta(days=4)),  # a week
    (TODAY.replace(day=1), TODAY.replace(day=30)),  # the agenda's month
    (TODAY + timedelta(days=40), TODAY + timedelta(days=81)),  # the next grid
]


def test_kept_ranges_match_the_store_after_many_changes(session: CalendarSession) -> None:
    rng = random.Random(11)
    for first, last in KEPT_RANGES:
        session.all_posts_between(first, last)
    for step in range(40):
        posts = [p for p in session.store.all_posts() if p.series_id is None]
        post = rng.choice(posts)
        action = step % 6
        if action == 0:  # within and across the kept ranges
            day = TODAY + timedelta(days=rng.randint(-30, 90))
            session.push(MovePostsCommand(session, {post.id: (day, post.time)}))
        elif action == 1:
            day = TODAY + timedelta(days=rng.randint(-30, 90))
            session.push(CopyPostsCommand(session, [(post.id, day, None)]))
        elif action == 2:
            status = rng.choice(list(PostStatus))
            title = f"Edited {step}"
            session.push(EditPostsCommand(session, {post.id: {"status": status, "title": title}}))
        elif action == 3:
            session.undo_stack.undo()
        elif action == 4:
            session.push(MovePostsCommand(session, {post.id: (None, None)}))  # to the backlog
        else:
            session.push(DeletePostsCommand(session, [post.id]))
        for first, last in KEPT_RANGES:
            assert session.all_posts_between(first, last) == session.store.posts_between(
                first, last
            )
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    for first, last in KEPT_RANGES:
        assert session.all_posts_between(first, last) == session.store.posts_between(first, last)


def test_a_change_reads_again_only_the_days_it_touched(
    session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, last = KEPT_RANGES[0]
    session.all_posts_between(first, last)
    asked: list[tuple[date, date]] = []
    real = session.store.posts_between

    def spy(start: date, end: date) -> list[Post]:
        asked.append((start, end))
        return real(start, end)

    monkeypatch.setattr(session.store, "posts_between", spy)
    post = next(p for p in session.posts_between(TODAY, TODAY) if p.series_id is None)
    target = TODAY + timedelta(days=5)
    session.push(MovePostsCommand(session, {post.id: (target, post.time)}))
    assert sorted(asked) == [(TODAY, TODAY), (target, target)]
    # A range inside a kept one is cut out of it: no query.
    asked.clear()
    week = session.posts_between(TODAY, TODAY + timedelta(days=6))
    assert asked == []
    assert week == real(TODAY, TODAY + timedelta(days=6))
    assert post.id in [p.id for p in week if p.date == target]


def test_filters_still_apply_to_kept_posts(session: CalendarSession) -> None:
    first, last = KEPT_RANGES[0]
    everything = session.posts_between(first, last)
    hidden = everything[0].channel_id
    session.set_filters(Filters(hidden_channels=frozenset({hidden})))
    assert session.posts_between(first, last) == [p for p in everything if p.channel_id != hidden]
    assert session.all_posts_between(first, last) == everything


def test_kept_posts_follow_changes_that_name_no_days(session: CalendarSession) -> None:
    first, last = KEPT_RANGES[0]
    session.all_posts_between(first, last)
    message = session.key_messages()[0].id
    session.push(DeleteKeyMessageCommand(session, message))
    assert session.all_posts_between(first, last) == session.store.posts_between(first, last)
    session.undo_stack.undo()  # the store names the posts given the message back, not their days
    kept = session.all_posts_between(first, last)
    assert kept == session.store.posts_between(first, last)
    assert any(message in p.message_ids for p in kept)


def test_undoing_a_deletion_gives_the_posts_back_exactly_and_the_name_is_not_deleted(
    session: CalendarSession,
) -> None:
    """Deleting a key message or campaign is an edit of its posts (a new revision); its
    undo gives them back as they were, and its name counts no more as deleted here."""
    store = session.store
    message = store.key_messages()[0]
    campaign = store.campaigns()[0]
    posts = store.posts({*store.posts_carrying(message.id), *store.posts_in_campaign(campaign.id)})
    session.push(DeleteKeyMessageCommand(session, message.id))
    session.push(CampaignCommand(session, campaign, None))
    assert name_key(message.title) in store.deleted_names("message")
    assert name_key(campaign.name) in store.deleted_names("campaign")
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert store.posts(p.id for p in posts) == posts
    assert store.deleted_names("message") == frozenset()
    assert store.deleted_names("campaign") == frozenset()
    session.undo_stack.redo()
    assert name_key(message.title) in store.deleted_names("message")


def _colleague(session: CalendarSession, tmp_path: Path) -> CalendarStore:
    """A colleague's copy of the session's calendar."""
    from calendar_app.exchange.copy import save_copy

    save_copy(session.store, tmp_path / "colleague.cadence")
    return CalendarStore.open(tmp_path / "colleague.cadence")


def test_posts_an_undo_brings_back_stay_back_through_a_colleagues_merges(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Deleted here, the deletion followed by a colleague's merge, then undone: the next
    merge deleted them here again, and the colleague never had them back."""
    from calendar_app.exchange.merge import merge_calendar

    colleague = _colleague(session, tmp_path)
    post = next(p for p in session.store.all_posts() if p.date and p.series_id is None)
    session.push(DeletePostsCommand(session, [post.id]))
    assert [p.uid for p in merge_calendar(colleague, session.store).removed] == [post.uid]
    session.undo_stack.undo()
    merge_calendar(colleague, session.store)
    assert colleague.find_post(post.uid) is not None  # back there too
    merge_calendar(session.store, colleague)
    assert session.store.find_post(post.uid) is not None  # and stays back here
    # Deleted again by a redo, followed there, and undone again: the version deleted
    # the second time was the first undo's (the second undo came from the first
    # deletion's, and the colleague's merge kept it deleted, then ours did).
    session.undo_stack.redo()
    merge_calendar(colleague, session.store)
    assert colleague.find_post(post.uid) is None
    session.undo_stack.undo()
    merge_calendar(colleague, session.store)
    assert colleague.find_post(post.uid) is not None
    merge_calendar(session.store, colleague)
    assert session.store.find_post(post.uid) is not None
    colleague.close()


def test_a_post_added_again_by_redo_after_a_colleague_followed_its_deletion_stays(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Added, taken by a colleague, deleted (the colleague's merge followed), then the
    delete and the add undone and the add redone: the post went from both calendars at
    the next merges."""
    from calendar_app.exchange.merge import merge_calendar

    colleague = _colleague(session, tmp_path)
    channel = session.channels()[0].id
    session.push(AddPostCommand(session, NewPost("Launch", channel, date=TODAY)))
    (uid,) = [p.uid for p in session.store.posts_titled_ending("Launch")]
    merge_calendar(colleague, session.store)
    session.push(DeletePostsCommand(session, [session.store.post_by_uid(uid).id]))
    merge_calendar(colleague, session.store)
    assert colleague.find_post(uid) is None
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.redo()
    merge_calendar(colleague, session.store)
    merge_calendar(session.store, colleague)
    assert session.store.find_post(uid) is not None
    assert colleague.find_post(uid) is not None
    colleague.close()


def test_a_slip_undone_at_once_lets_a_colleagues_edit_come_in(
    session: CalendarSession, tmp_path: Path
) -> None:
    """An edit undone before any exchange is no edit: the colleague's retitling of the
    post meanwhile comes in, with no conflict copy."""
    from calendar_app.exchange.merge import merge_calendar

    colleague = _colleague(session, tmp_path)
    post = next(p for p in session.store.all_posts() if p.date and p.series_id is None)
    session.push(MovePostsCommand(session, {post.id: (TODAY, None)}))
    session.undo_stack.undo()
    colleague.update_post(post.id, {"title": "Theirs"})
    summary = merge_calendar(session.store, colleague)
    assert (session.store.post(post.id).title, summary.conflicts) == ("Theirs", 0)
    colleague.close()


def test_an_add_undone_is_no_deletion_to_follow(session: CalendarSession) -> None:
    """Edit > Key Messages > Add, then Ctrl+Z, counted as deleting the message: the next
    import left it off its posts."""
    session.push(
        AddKeyMessageCommand(
            session, KeyMessage(0, "Spring sale", "", 14, "#2f6fde", None, None, 0, False)
        )
    )
    session.undo_stack.undo()
    session.push(
        CampaignCommand(
            session, None, Campaign(0, "Spring push", CampaignKind.PROMOTION, None, None, "#2f6fde")
        )
    )
    session.undo_stack.undo()
    assert session.store.deleted_names("message") == frozenset()
    assert session.store.deleted_names("campaign") == frozenset()


def test_a_copy_of_the_file_alone_has_each_change_at_once(
    session: CalendarSession, demo_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """Right after a change its -wal is emptied into the file, so that a copy of the
    .cadence file alone is the calendar; while another program reads the file (it
    holds that back), a moment after it stops."""
    post = next(p for p in session.store.all_posts() if p.date is not None)

    def copy_has(title: str) -> bool:
        copy = tmp_path / f"copy-{uuid.uuid4().hex}.cadence"
        shutil.copy(demo_path, copy)  # the file alone, as a file manager copies it
        conn = sqlite3.connect(copy)
        try:
            row = conn.execute("SELECT title FROM posts WHERE id = ?", (post.id,)).fetchone()
        finally:
            conn.close()
        return bool(row == (title,))

    session.push(EditPostsCommand(session, {post.id: {"title": "Renamed for the copy"}}))
    QApplication.processEvents()  # once the views have what changed: no later
    assert copy_has("Renamed for the copy")

    reader = sqlite3.connect(demo_path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM posts").fetchone()  # a read in progress
    session.push(EditPostsCommand(session, {post.id: {"title": "Renamed while read"}}))
    # Tried, held back, and set to try again in a moment.
    qtbot.waitUntil(lambda: session._checkpoint.interval() == CHECKPOINT_MS)
    assert not copy_has("Renamed while read"), "held back while the other program reads"
    reader.rollback()
    reader.close()
    qtbot.waitUntil(lambda: copy_has("Renamed while read"), timeout=5000)


def test_at_the_calendars_midnight_the_window_goes_over_to_the_new_day(
    demo_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window left open overnight: a draft of yesterday never went out, and what was
    due yesterday is overdue today; the analysis says so without an edit."""
    with CalendarStore.open(demo_path) as store:
        session = CalendarSession(store)  # the real today
        wait = session._day_change.remainingTime()
        assert session._day_change.isActive()
        expected = until_midnight(datetime.now(store.zone)).total_seconds() * 1000
        # At midnight, or in a minute: a computer asleep wakes with its timers late.
        assert abs(wait - min(expected + DAY_CHANGE_MARGIN_MS, DAY_CHECK_MS)) < 5000
        assert session.report().as_of == store.today()

        tomorrow = store.today() + timedelta(days=1)
        monkeypatch.setattr(store, "today", lambda: tomorrow)
        with qtbot.waitSignal(session.reportChanged):
            session._day_change.timeout.emit()
        assert session.today() == tomorrow
        assert session.report() == analyse(
            session.key_messages(),
            (),  # the breakdown by channel is read for one message when asked for
            store.delivery_rows(tomorrow),
            tomorrow,
            *session.analysis_window(),
            origin=default_window(tomorrow)[0],
        )
        assert session._day_change.isActive()  # and the next midnight after it
        session.undo_stack.clear()
    # A session left behind with its calendar closed (a guide's, a test's) does nothing
    # at midnight: it read the closed file, an error in the event loop.
    assert store.closed
    monkeypatch.setattr(store, "today", lambda: tomorrow + timedelta(days=1))
    session._day_change.timeout.emit()
    session._checkpoint.timeout.emit()


def test_a_new_day_waits_for_an_import_and_reads_a_file_changed_elsewhere(
    demo_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Midnight during an import that was then cancelled: the analysis counted posts
    rolled back. Midnight after the command line added a post, the window in front:
    the analysis counted a post the views did not show (now the window reads it)."""
    with CalendarStore.open(demo_path) as store:
        session = CalendarSession(store)
        before = session.today()
        assert session.report().as_of == before
        tomorrow = before + timedelta(days=1)
        monkeypatch.setattr(store, "today", lambda: tomorrow)
        channel = store.channels()[0].id
        with contextlib.suppress(RuntimeError), store.db.atomic():
            store.add_post(NewPost("Imported", channel, (), tomorrow, status=PostStatus.DRAFT))
            assert store.in_transaction()  # an import on its way, its posts written
            session._day_change.timeout.emit()
            assert session.report().as_of == before  # inside the import: after it
            raise RuntimeError("cancelled")  # rolled back
        assert not [p for p in store.all_posts() if p.title == "Imported"]
        assert session._day_change.isActive()
        with qtbot.assertNotEmitted(session.changedElsewhere):
            session._day_change.timeout.emit()
        assert session.report().as_of == tomorrow

        with CalendarStore.open(demo_path) as other:
            channel = other.channels()[0].id
            other.add_post(NewPost("From cron", channel, (), tomorrow, status=PostStatus.DRAFT))
        later = tomorrow + timedelta(days=1)
        monkeypatch.setattr(store, "today", lambda: later)
        with qtbot.waitSignal(session.changedElsewhere):
            session._day_change.timeout.emit()
        assert session.report().as_of == later
        session.undo_stack.clear()


def test_the_calendars_today_is_its_own_zones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 20:00 in London on 3 December is already 4 December on Kiritimati (UTC+14).
    moment = datetime(2026, 12, 3, 20, 0, tzinfo=UTC)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Frozen:
            return cast(Frozen, moment.astimezone(tz))

    monkeypatch.setattr(store_module, "datetime", Frozen)
    with CalendarStore.create(tmp_path / "k.cadence", timezone="Pacific/Kiritimati") as store:
        assert store.today() == date(2026, 12, 4)
        assert CalendarSession(store).today() == date(2026, 12, 4)
    with CalendarStore.create(tmp_path / "l.cadence", timezone="Europe/London") as store:
        assert store.today() == date(2026, 12, 3)


def test_the_channel_breakdown_keeps_an_archived_channel_that_delivered(
    session: CalendarSession,
) -> None:
    """Its posts deliver all the same: the sidebar and panel said "last delivered"
    on its day while listing only the other channels (`gaps` listed it)."""
    told = session.key_messages()[0]
    cadence = session.report().message(told.id)
    breakdown = session.channel_cadence(told.id)
    delivered = next(c for c in breakdown if c.last_delivery == cadence.last_delivery)
    channel = session.store.channel(delivered.channel_id)
    session.push(ChannelCommand(session, channel, replace(channel, archived=True)))
    assert session.report().message(told.id).last_delivery == cadence.last_delivery
    after = session.channel_cadence(told.id)
    assert delivered in after
    in_use = {c.id for c in session.channels()}
    assert in_use < {c.channel_id for c in after}  # and every channel in use
    # A message that never went out on it does not list it ("Never on" an archived
    # channel), also after a move reads only the moved post's messages again.
    from calendar_app.core.models import KeyMessage

    solo = KeyMessage(0, "Solo", "", 14, "#3366cc", None, None, 0, False)
    session.push(AddKeyMessageCommand(session, solo))
    other = session.store.key_message_titled("Solo")
    assert other is not None
    linkedin = session.channels()[0]
    assert linkedin.id != channel.id
    session.push(AddPostCommand(session, NewPost("Only", linkedin.id, (other.id,), TODAY)))
    listed = [c.channel_id for c in session.channel_cadence(other.id)]
    assert channel.id not in listed
    assert listed == [c.id for c in session.channels()]
    (post,) = session.store.posts(session.store.posts_carrying(other.id))
    session.push(MovePostsCommand(session, {post.id: (TODAY + timedelta(days=1), None)}))
    assert [c.channel_id for c in session.channel_cadence(other.id)] == listed


def test_an_archived_channel_delivering_again_is_in_its_messages_breakdown(
    session: CalendarSession,
) -> None:
    """An idea on an archived channel scheduled: the messages it carries list the
    channel at once, the others not at all."""
    store = session.store
    archived = store.add_channel("Print").created[0]
    carried, other = (m.id for m in session.key_messages()[:2])
    idea = store.add_post(NewPost("Flyer", archived, (carried,), TODAY + timedelta(days=2)))
    store.update_post(idea.created[0], {"status": PostStatus.IDEA})
    channel = store.channel(archived)
    session.push(ChannelCommand(session, channel, replace(channel, archived=True)))
    assert archived not in [c.channel_id for c in session.channel_cadence(carried)]
    session.push(EditPostsCommand(session, {idea.created[0]: {"status": PostStatus.SCHEDULED}}))
    planned = next(c for c in session.channel_cadence(carried) if c.channel_id == archived)
    assert planned.next_delivery == TODAY + timedelta(days=2)
    assert archived not in [c.channel_id for c in session.channel_cadence(other)]


def test_a_filter_on_what_was_archived_or_deleted_is_dropped_until_it_comes_back(
    session: CalendarSession,
) -> None:
    """The filter menus list only what is in use: a filter on something archived or
    deleted could be neither seen nor taken off. Its archiving or deleting undone, the
    filter is back, as is the highlight of a key message deleted. A channel hidden
    stays hidden when archived (its posts stay on the calendar: archiving put all
    of them back in sight), its menu listing it while it is."""
    linkedin, instagram = session.channels()[:2]
    told = session.key_messages()[0]
    session.set_filters(
        Filters(
            hidden_channels=frozenset({linkedin.id, instagram.id}), messages=frozenset({told.id})
        )
    )
    session.push(ChannelCommand(session, linkedin, replace(linkedin, archived=True)))
    assert session.filters.hidden_channels == {instagram.id, linkedin.id}
    session.push(DeleteKeyMessageCommand(session, told.id))
    assert session.filters.messages == frozenset()
    assert session.filters.hidden_channels == {instagram.id, linkedin.id}
    session.undo_stack.undo()  # the message is back, and the filter on it
    assert session.filters.messages == frozenset({told.id})
    session.undo_stack.undo()
    assert session.filters.hidden_channels == {instagram.id, linkedin.id}

    session.select_message(told.id)
    session.push(DeleteKeyMessageCommand(session, told.id))
    assert session.selected_message is None
    session.undo_stack.undo()
    assert session.selected_message == told.id
    # One added under another name where the deleted one was is no filter of its own.
    session.select_message(None)
    session.set_filters(Filters(messages=frozenset({told.id})))
    session.push(DeleteKeyMessageCommand(session, told.id))
    assert session.filters.messages == frozenset()
    session.notify(session.store.restore_key_message(replace(told, title="Another message")))
    assert session.filters.messages == frozenset()


def test_midnight_is_counted_as_time_passes_across_a_change_of_clocks() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 00:30 on the spring-forward day: 02:00 becomes 03:00, midnight is 22.5 hours away.
    assert until_midnight(datetime(2026, 3, 29, 0, 30, tzinfo=berlin)) == timedelta(hours=22.5)
    assert until_midnight(datetime(2026, 10, 25, 0, 30, tzinfo=berlin)) == timedelta(hours=24.5)
    assert until_midnight(datetime(2026, 6, 1, 23, 59, tzinfo=berlin)) == timedelta(minutes=1)


def test_a_session_the_window_no_longer_shows_does_nothing_at_midnight(
    demo_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QSettings

    from calendar_app.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "config.ini"), QSettings.Format.IniFormat)
    first = CalendarSession(CalendarStore.open(demo_path))
    window = MainWindow(first, settings)
    qtbot.addWidget(window)
    assert first._day_change.isActive()
    other = tmp_path / "other.cadence"
    CalendarStore.create(other, timezone="Europe/Paris").close()
    assert window.open_calendar(other)
    assert not first._day_change.isActive()  # its store is closed: nothing to recompute
    first._new_day()  # even if asked: no error from the closed file
    assert window.session._day_change.isActive()
    window.session.store.close()


def test_a_change_of_time_zone_moves_the_midnight_the_window_waits_for(
    session: CalendarSession,
) -> None:
    live = CalendarSession(session.store)
    zone = "Pacific/Kiritimati" if session.store.info().timezone != "Pacific/Kiritimati" else "UTC"
    live.notify(session.store.update_info(timezone=zone))
    expected = until_midnight(datetime.now(ZoneInfo(zone))).total_seconds() * 1000
    wait = min(expected + DAY_CHANGE_MARGIN_MS, DAY_CHECK_MS)
    assert abs(live._day_change.remainingTime() - wait) < 5000
    assert live.report().as_of == datetime.now(ZoneInfo(zone)).date()  # the zone's day
    live.retire()


def _import_csv_naming(session: CalendarSession, tmp_path: Path, title: str) -> set[str]:
    """Import one post carrying the key message ``title``; the titles of what it carries."""
    from calendar_app.exchange.csv_profiles import import_csv
    from calendar_app.exchange.formats import ImportOptions, no_progress

    source = tmp_path / "older.csv"
    source.write_text(
        f"title,date,channel,key_messages\nFrom the old sheet,2026-12-10,LinkedIn,{title}\n",
        encoding="utf-8",
    )
    import_csv(session.store, source, ImportOptions(create_missing=True), no_progress)
    (post,) = [p for p in session.store.all_posts() if p.title == "From the old sheet"]
    return {session.store.key_message(m).title for m in post.message_ids}


def test_an_undone_rename_leaves_no_name_for_imports_to_follow(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Renamed "Sustainability" and undone: a sheet's "Sustainability" is a new message,
    not "Solar pays for itself" (its posts went to the wrong message)."""
    message = session.store.key_message_titled("Solar pays for itself")
    assert message is not None
    session.push(UpdateKeyMessageCommand(session, replace(message, title="Sustainability")))
    session.undo_stack.undo()
    assert session.store.former_names("message") == {}
    session.undo_stack.redo()
    session.undo_stack.undo()
    assert _import_csv_naming(session, tmp_path, "Sustainability") == {"Sustainability"}


def test_the_undo_of_a_deletion_brings_back_the_names_a_message_had(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Renamed, deleted, the deletion undone: an older sheet's old name still finds it
    (it made a second message, splitting its posts in two)."""
    message = session.store.key_message_titled("Installed by local experts")
    assert message is not None
    session.push(UpdateKeyMessageCommand(session, replace(message, title="Local installers")))
    session.push(DeleteKeyMessageCommand(session, message.id))
    session.undo_stack.undo()
    assert _import_csv_naming(session, tmp_path, "Installed by local experts") == {
        "Local installers"
    }


def test_undo_and_redo_give_each_record_exactly_the_names_it_had(
    session: CalendarSession,
) -> None:
    """Renamed there and back, the name left in between is a former one (a file of then
    found no channel "X" and made one); undone and redone, the names are as they were;
    a deletion undone after a new record took its number gets its names back."""
    store = session.store
    channel = store.channel_named("LinkedIn")
    assert channel is not None
    session.push(ChannelCommand(session, channel, replace(channel, name="X")))
    session.push(
        ChannelCommand(session, store.channel(channel.id), replace(channel, name="LinkedIn"))
    )
    assert "x" in store.names_had("channel", channel.id)

    message = store.key_message_titled("Solar pays for itself")
    assert message is not None
    session.push(UpdateKeyMessageCommand(session, replace(message, title="B")))
    session.push(UpdateKeyMessageCommand(session, replace(message, title=message.title)))
    after_both = store.names_had("message", message.id)
    assert after_both == {"b", name_key(message.title)}
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert store.names_had("message", message.id) == frozenset()
    session.undo_stack.redo()
    session.undo_stack.redo()
    assert store.names_had("message", message.id) == after_both

    session.push(UpdateKeyMessageCommand(session, replace(message, title="Renamed")))
    named = store.names_had("message", message.id)
    session.push(DeleteKeyMessageCommand(session, message.id))
    fresh = replace(message, id=0, title="Brand new")
    session.push(AddKeyMessageCommand(session, fresh))
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert store.names_had("message", message.id) == named
    assert store.key_message(message.id).title == "Renamed"

    # The newest record deleted, a new one does not take its number: undone and
    # redone, it has none of the deleted one's names (a file's "Podcast" went to
    # "Radio" rather than making its own channel).
    session.push(ChannelCommand(session, None, replace(channel, id=0, name="Podcast")))
    podcast = store.channel_named("Podcast")
    assert podcast is not None
    session.push(ChannelCommand(session, podcast, replace(podcast, name="Pod")))
    session.push(DeleteChannelCommand(session, podcast.id))
    session.push(ChannelCommand(session, None, replace(channel, id=0, name="Radio")))
    radio = store.channel_named("Radio")
    assert radio is not None
    assert radio.id > podcast.id
    for step in (session.undo_stack.undo, session.undo_stack.undo):
        step()
    assert store.names_had("channel", podcast.id) == {"podcast"}
    for step in (session.undo_stack.redo, session.undo_stack.redo):
        step()
    assert store.channel(radio.id).name == "Radio"
    assert store.names_had("channel", radio.id) == frozenset()


def test_a_filter_changed_reads_no_backlog_again_but_a_change_to_it_does(
    session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of ideas were read again at each filter ticked; the undated posts are
    kept until a change touches them (or a key message, whose deletion changes them)."""
    reads: list[int] = []
    read = session.store.backlog

    def counted(**given: object) -> list[Post]:
        reads.append(1)
        return read(**given)  # type: ignore[arg-type]

    monkeypatch.setattr(session.store, "backlog", counted)
    everything = session.backlog()
    assert everything
    hidden = everything[0].channel_id
    session.set_filters(Filters(hidden_channels=frozenset({hidden})))
    assert all(p.channel_id != hidden for p in session.backlog())
    session.set_filters(Filters())
    assert session.backlog() == everything
    assert len(reads) == 1

    idea = everything[0]
    session.push(EditPostsCommand(session, {idea.id: {"title": "Renamed idea"}}))
    assert "Renamed idea" in {p.title for p in session.backlog()}
    assert len(reads) == 2
    message = session.key_messages()[0]
    session.push(DeleteKeyMessageCommand(session, message.id))
    assert all(message.id not in p.message_ids for p in session.backlog())
    assert len(reads) == 3


def test_a_repeat_for_today_goes_out_at_a_time_still_ahead(
    demo_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fill the Gap today repeated a post at its 12:00, hours past: it could no longer
    go out. The next quarter of an hour instead (untimed late at night)."""
    from calendar_app.ui.gaps import repeat_post

    with CalendarStore.open(demo_path) as store:
        session = CalendarSession(store)  # the clock's own today
        monkeypatch.setattr(session, "now", lambda: time(17, 49))
        today = session.today()
        channel = session.channels()[0].id
        noon = store.add_post(
            NewPost("Noon", channel, date=today - timedelta(days=3), time=time(12, 0))
        ).created[0]
        placed: list[list[int]] = []
        parent = QWidget()
        qtbot.addWidget(parent)
        assert repeat_post(session, parent, store.post(noon), today, None, placed.append)
        (copy,) = store.posts(placed[0])
        assert (copy.date, copy.time) == (today, time(18, 0))
        assert session.still_ahead(today, time(19, 30)) == time(19, 30)  # still ahead
        assert session.still_ahead(today + timedelta(days=1), time(9, 0)) == time(9, 0)
        monkeypatch.setattr(session, "now", lambda: time(23, 50))
        assert session.still_ahead(today, time(12, 0)) is None  # no quarter left today
        session.undo_stack.clear()


def test_a_time_still_ahead_in_the_second_pass_of_a_repeated_hour(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the second 02:10 of the night the clocks go back, a copy onto today kept 02:30,
    whose first pass (the one a post's 02:30 is) went by forty minutes before."""
    with CalendarStore.create(tmp_path / "p.cadence", timezone="Europe/Paris") as store:
        session = CalendarSession(store)
        night = date(2027, 10, 31)
        monkeypatch.setattr(session, "today", lambda: night)
        monkeypatch.setattr(session, "now", lambda: time(2, 10, fold=1))
        assert session.still_ahead(night, time(2, 30)) == time(3, 0)
        assert session.still_ahead(night, time(3, 15)) == time(3, 15)
        monkeypatch.setattr(session, "now", lambda: time(2, 10))  # the first pass
        assert session.still_ahead(night, time(2, 30)) == time(2, 30)
        assert session.still_ahead(night, time(1, 0)) == time(2, 15)


def test_an_idea_scheduled_for_today_goes_out_at_a_time_still_ahead(
    demo_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a repeat does: Schedule at the week's 07:00 slot put the idea at 07:00 today,
    a time gone by (on the clock's today: a session on a day given keeps the time)."""
    from calendar_app.ui.gaps import schedule_idea

    with CalendarStore.open(demo_path) as store:
        session = CalendarSession(store)
        monkeypatch.setattr(session, "now", lambda: time(9, 20))
        idea = store.backlog()[0]
        today = session.today()
        assert schedule_idea(session, QWidget(), idea, today, time(7, 0), lambda ids: None)
        placed = store.post(idea.id)
        assert (placed.date, placed.time) == (today, time(9, 30))  # the next quarter
        session.undo_stack.clear()


def test_a_post_repeated_by_ctrl_drag_onto_today_goes_out_at_a_time_still_ahead(
    demo_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the gap menu's Repeat does: a copy of a 00:00 post dropped on today kept a time
    gone by, counted as delivered though it cannot go out then."""
    from calendar_app.ui.dnd import drop_posts, posts_mime

    with CalendarStore.open(demo_path) as store:
        channel = store.channels()[0].id
        today = store.today()
        (made,) = store.add_post(
            NewPost("Midnight", channel, date=today - timedelta(days=7), time=time(0, 0))
        ).created
        session = CalendarSession(store)  # on the clock's today
        monkeypatch.setattr(session, "now", lambda: time(14, 5))
        mime = posts_mime(session, store.posts([made]))
        (copy,) = store.posts(drop_posts(session, QWidget(), mime, today, copy=True))
        assert (copy.date, copy.time) == (today, time(14, 15))  # the next quarter
        session.undo_stack.clear()


def test_the_key_messages_listed_are_counted_without_sorting_them(
    session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = len(session.key_messages())
    first = session.key_messages()[0]

    def sorted_list(**kwargs: object) -> list[KeyMessage]:
        raise AssertionError("counted by sorting them")

    with monkeypatch.context() as patched:
        patched.setattr(session, "key_messages", sorted_list)
        assert session.count_key_messages() == listed > 1
    session.notify(session.store.update_key_message(replace(first, archived=True)))
    assert session.count_key_messages() == len(session.key_messages()) == listed - 1


def test_the_pointer_says_busy_while_a_step_runs_and_after_it_fails(
    session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undoing the deletion of a key message on 20,000 posts froze the window for a
    second or more with nothing to say it was at work."""
    from PySide6.QtWidgets import QApplication

    seen: list[object] = []
    store = session.store
    real = store.delete_each

    def watched(ids: Sequence[int]) -> ChangeSet:
        cursor = QApplication.overrideCursor()
        seen.append(None if cursor is None else cursor.shape())
        return real(ids)

    monkeypatch.setattr(store, "delete_each", watched)
    post = session.posts_between(TODAY, TODAY + timedelta(days=30))[0]
    session.push(DeletePostsCommand(session, [post.id]))
    assert seen == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    session.undo()
    session.redo()
    assert seen == [Qt.CursorShape.WaitCursor] * 2

    def refused(ids: Sequence[int]) -> ChangeSet:
        raise StorageProblem("The disk is full.")

    monkeypatch.setattr(store, "delete_each", refused)
    other = session.posts_between(TODAY, TODAY + timedelta(days=30))[0]
    with pytest.raises(StorageProblem):
        session.push(DeletePostsCommand(session, [other.id]))
    assert QApplication.overrideCursor() is None


@pytest.mark.parametrize("kind", ["message", "campaign"])
def test_undoing_back_over_a_reused_number_leaves_no_deleted_name(
    session: CalendarSession, kind: str
) -> None:
    """Renamed, deleted, a new one made under its number, both undone: the old name
    stayed marked as a deleted record's, the file not as it was after the rename."""
    store = session.store
    if kind == "message":
        first = session.key_messages()[-1]
        session.push(UpdateKeyMessageCommand(session, replace(first, title="Warranty")))
        record = first.id
        session.push(DeleteKeyMessageCommand(session, record))
        fresh = replace(first, id=0, title="Fresh message")
        session.push(AddKeyMessageCommand(session, fresh))
    else:
        made = store.add_campaign("Xmas promo").created[0]
        session.notify(store.update_campaign(replace(store.campaign(made), name="Holiday")))
        record = made
        old = store.campaign(made)
        session.push(CampaignCommand(session, old, None))
        session.push(CampaignCommand(session, None, replace(old, id=0, name="Fresh")))
    with closing(sqlite3.connect(store.path)) as db:
        rows_then = db.execute("SELECT kind, record_id, name_key FROM former_names").fetchall()
    assert any(r[1] < 0 for r in rows_then)
    session.undo()
    session.undo()
    with closing(sqlite3.connect(store.path)) as db:
        rows = db.execute(
            "SELECT record_id, name_key FROM former_names WHERE kind = ?", [kind]
        ).fetchall()
    assert [r for r in rows if r[0] == -record] == []
    assert store.deleted_names(kind) == frozenset()


@pytest.mark.parametrize("carries", ["an active message", "an archived message"])
def test_an_archived_channel_is_in_the_breakdown_exactly_while_it_delivers(
    session: CalendarSession, demo_path: Path, carries: str
) -> None:
    """After a drop and its undo, the window's breakdown listed an archived channel its
    posts no longer went out on ("Never on: Podcast"), or lacked one a reopened file
    lists: the breakdown after a step is the one the file gives."""
    store = session.store
    message = store.key_messages()[0]
    if carries == "an archived message":
        store.update_key_message(replace(message, archived=True))
    podcast = store.add_channel("Podcast").created[0]
    other = store.key_messages()[1].id
    carried = (message.id,) if carries == "an archived message" else (message.id, other)
    idea = store.add_post(NewPost("On air", podcast, carried, status=PostStatus.IDEA))
    store.update_channel(podcast, archived=True)
    session.notify(ChangeSet(calendar=True))

    def listed(of: CalendarSession) -> dict[int, frozenset[int]]:
        return {
            m.message_id: frozenset(c.channel_id for c in of.channel_cadence(m.message_id))
            for m in of.report().messages
        }

    def fresh() -> dict[int, frozenset[int]]:
        with CalendarStore.open(demo_path) as again:
            return listed(CalendarSession(again, today=TODAY))

    assert listed(session) == fresh()
    session.push(MovePostsCommand(session, {idea.created[0]: (TODAY, None)}))
    assert listed(session) == fresh()
    assert (podcast in fresh()[other]) == (carries == "an active message")
    session.undo()
    assert listed(session) == fresh()
    assert not any(podcast in ids for ids in fresh().values())


def test_posts_placed_in_many_ended_campaigns_name_a_few(session: CalendarSession) -> None:
    """Posts of twenty-seven campaigns over by then, moved: the status bar's sentence
    named them all (632 characters), cut off before "over by then"."""
    store = session.store
    channel = session.channels()[0].id
    ended = TODAY - timedelta(days=1)
    moved = {}
    for n in range(27):
        campaign = store.add_campaign(f"Campaign {n:02}", ends_on=ended).created[0]
        post = store.add_post(NewPost(f"Post {n}", channel, (), TODAY, None)).created[0]
        store.update_post(post, {"campaign_id": campaign})
        moved[post] = (TODAY + timedelta(days=1), None)
    session.notify(ChangeSet(calendar=True))
    said = session.shelved(session.posts(list(moved)))
    assert said == (
        "The posts you placed are in the campaigns 'Campaign 00', 'Campaign 01',"
        " 'Campaign 02' and 24 more, which have ended by then."
    )


def test_posts_placed_on_many_archived_channels_name_a_few(session: CalendarSession) -> None:
    store = session.store
    posts = []
    for n in range(5):
        channel = store.add_channel(f"Old channel {n}").created[0]
        posts.append(store.add_post(NewPost(f"Post {n}", channel, (), TODAY, None)).created[0])
        store.update_channel(channel, archived=True)
    session.notify(ChangeSet(calendar=True))
    assert session.shelved(session.posts(posts)) == (
        "The posts you placed are on the archived channels 'Old channel 0', 'Old channel 1',"
        " 'Old channel 2' and 2 more."
    )


@pytest.mark.parametrize("step", ["edit", "move", "delete"])
def test_a_series_step_that_leaves_an_idea_on_its_own_reads_the_backlog_again(
    session: CalendarSession, step: str
) -> None:
    """An occurrence sent to the backlog leaves its series when the series is edited,
    moved or deleted for "all"; the backlog the session kept still held it as part of
    the series (its tooltip and screen reader said "Repeats")."""
    store = session.store
    channel = store.channels()[0].id
    first = TODAY + timedelta(days=40)
    session.push(AddPostCommand(session, NewPost("Tip", channel, date=first), "FREQ=DAILY;COUNT=3"))
    (head, idea, _) = sorted(
        p.id for p in store.posts_between(first, first + timedelta(days=2)) if p.title == "Tip"
    )
    session.push(MovePostsCommand(session, {idea: (None, None)}))
    assert [p.series_id for p in session.backlog() if p.id == idea] != [None]  # read, kept
    if step == "edit":
        session.push(EditPostsCommand(session, {head: {"title": "Tip, reworded"}}, scope="all"))
    elif step == "move":
        session.push(
            MovePostsCommand(session, {head: (first + timedelta(days=7), None)}, scope="all")
        )
    else:
        session.push(DeletePostsCommand(session, [head], scope="all"))
    assert store.post(idea).series_id is None
    assert [p.series_id for p in session.backlog() if p.id == idea] == [None]
    session.undo_stack.undo()  # and back in its series, as the file has it
    assert store.post(idea).series_id is not None
    assert [p.series_id for p in session.backlog() if p.id == idea] == [store.post(idea).series_id]


def test_a_problem_of_a_calendar_damaged_where_no_check_looks_is_said_as_damage(
    tmp_path: Path, qapp: object
) -> None:
    """A post naming a channel the file lacks, found only by what went wrong reading it:
    the box said "Cadence ran into a problem it did not expect" (a bug) with the
    KeyError under its details. A sound calendar's problem is still said as a bug."""
    path = tmp_path / "damaged.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        store.add_post(NewPost("Post", channel, (), TODAY))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE posts SET channel_id = 9999")
        conn.commit()
    with CalendarStore.open(path):
        box = _error_box(None, KeyError(9999), "Cadence")
        assert box.text().startswith(
            f"{path} is damaged (one of its posts names a channel that is not there), so"
            " Cadence cannot read it; "
        )
        assert box.icon() == QMessageBox.Icon.Warning
    sound = tmp_path / "sound.cadence"
    CalendarStore.create(sound, timezone="Europe/Paris").close()
    with CalendarStore.open(sound):
        # The damaged one merged (and refused) since: not blamed for this one's bug.
        CalendarStore.open(path, read_only=True).close()
        box = _error_box(None, KeyError(9999), "Cadence")
    assert box.text() == "Cadence ran into a problem it did not expect; nothing was saved."
