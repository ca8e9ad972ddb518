"""The session's cadence report stays exact while it is updated piece by piece."""

from __future__ import annotations

import random
from datetime import timedelta

from calendar_app.core.cadence import CadenceReport, analyse
from calendar_app.core.models import PostStatus
from calendar_app.ui.commands import (
    CopyPostsCommand,
    DeletePostsCommand,
    EditPostsCommand,
    MovePostsCommand,
)
from calendar_app.ui.session import CalendarSession

from .conftest import TODAY


def fresh_report(session: CalendarSession) -> CadenceReport:
    start, end = session.analysis_window()
    store = session.store
    return analyse(
        store.key_messages(), store.channels(), store.delivery_rows(TODAY), TODAY, start, end
    )


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


def test_a_change_of_cadence_is_reanalysed(session: CalendarSession) -> None:
    from dataclasses import replace

    from calendar_app.ui.commands import UpdateKeyMessageCommand

    message = session.key_messages()[0]
    session.push(UpdateKeyMessageCommand(session, replace(message, cadence_days=2)))
    assert session.report().message(message.id).cadence_days == 2
    assert session.report() == fresh_report(session)


def test_a_refused_drop_says_why_and_leaves_nothing_to_undo(session: CalendarSession) -> None:
    from calendar_app.ui.dnd import drop_posts, posts_mime

    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))
    post = next(p for p in session.store.all_posts() if p.date and p.series_id is None)
    session.store.db.execute("PRAGMA query_only = ON")  # as a read-only file answers
    try:
        done = drop_posts(session, None, posts_mime(session, [post]), TODAY + timedelta(days=3))
    finally:
        session.store.db.execute("PRAGMA query_only = OFF")
    assert not done
    assert seen == ["The calendar file is read-only, so the change could not be saved."]
    assert session.undo_stack.count() == 0
    assert session.store.post(post.id) == post
