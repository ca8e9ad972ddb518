"""Undo and redo, as random days of work: whatever steps are taken, in whatever order,
undone and redone, the calendar reads at each point as it did when the stack was last
there. The steps are the window's own commands over a real calendar file."""

from __future__ import annotations

import tempfile
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from calendar_app.core.errors import CadenceError
from calendar_app.core.models import Campaign, CampaignKind, KeyMessage, NewPost, PostStatus
from calendar_app.core.store import CalendarStore, PostChanges, Scope
from calendar_app.ui.commands import (
    AddKeyMessageCommand,
    AddPostCommand,
    CampaignCommand,
    ChangeRepeatCommand,
    ChannelCommand,
    CopyPostsCommand,
    DeleteChannelCommand,
    DeleteKeyMessageCommand,
    DeletePostsCommand,
    EditPostsCommand,
    MovePostsCommand,
    RepeatPostCommand,
    StoreCommand,
    UpdateKeyMessageCommand,
    status_command,
)
from calendar_app.ui.session import CalendarSession

START = date(2027, 3, 1)

READS = {
    "calendar": "SELECT * FROM calendar",
    "channels": "SELECT * FROM channels ORDER BY id",
    "key_messages": "SELECT * FROM key_messages ORDER BY id",
    "campaigns": "SELECT * FROM campaigns ORDER BY id",
    "series": "SELECT * FROM series ORDER BY id",
    "posts": (
        "SELECT id, uid, title, body, channel_id, campaign_id, status, date, time, link,"
        " notes, series_id, occurrence, created_at, source_uid, recurrence_id,"
        " message_list FROM posts ORDER BY id"
    ),
    "post_messages": "SELECT * FROM post_messages ORDER BY post_id, message_id",
    "former_names": "SELECT * FROM former_names ORDER BY kind, record_id, name_key",
    "deleted_posts": ("SELECT uid, post_id, shown FROM deleted_posts ORDER BY uid"),
}
"""What the user can see of a calendar, and what imports and merges read to find its
records again and to leave out the posts deleted here (a post's version and a
deletion's aside: an undo or a redo is an edit or a deletion made again, now, which
another calendar takes as such)."""

RULES = [
    "FREQ=DAILY;COUNT=3",
    "FREQ=WEEKLY;COUNT=4",
    "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5",
    "FREQ=MONTHLY;COUNT=3",
]

days = st.integers(min_value=0, max_value=70).map(lambda n: START + timedelta(days=n))
times = st.one_of(st.none(), st.sampled_from([time(9), time(13, 30), time(23, 45)]))
scopes = st.sampled_from(["this", "following", "all"])
statuses = st.sampled_from(list(PostStatus))
picks = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=3)


def reading(store: CalendarStore) -> dict[str, list[tuple[Any, ...]]]:
    return {
        name: [tuple(r) for r in store.db.execute(sql).fetchall()] for name, sql in READS.items()
    }


class DaysOfWork(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        path = Path(self.folder.name) / "work.cadence"
        self.store = CalendarStore.create(path, name="Work", timezone="Europe/Paris")
        for name in ("LinkedIn", "Newsletter"):
            self.store.add_channel(name)
        for title in ("Hiring", "Climate"):
            self.store.add_key_message(title, cadence_days=7)
        self.store.add_campaign("Spring")
        self.scope: Scope | None = "this"
        self.session = CalendarSession(
            self.store, today=START, scope_chooser=lambda parent, verb: self.scope
        )

        def refused(parent: object, exc: BaseException) -> None:
            raise exc  # (a step the store refuses is pushed through push, which raises)

        self.session.report_error = refused
        self.seen = [reading(self.store)]
        """How the calendar read at each index of the undo stack (the redo side too)."""
        self.names = 0

    def teardown(self) -> None:
        self.session.undo_stack.clear()
        self.store.close()
        self.folder.cleanup()

    # What there is to pick from.

    def _ids(self, sql: str) -> list[int]:
        return [row[0] for row in self.store.db.execute(sql).fetchall()]

    def _pick(self, ids: list[int], numbers: list[int]) -> list[int]:
        return sorted({ids[n % len(ids)] for n in numbers})

    def _post_ids(self) -> list[int]:
        return self._ids("SELECT id FROM posts ORDER BY id")

    def _fresh(self, word: str) -> str:
        self.names += 1
        return f"{word} {self.names}"

    def _take(self, command: StoreCommand) -> None:
        """Push as the window does: a refusal (the store's own sentence) changes nothing."""
        stack = self.session.undo_stack
        index, before = stack.index(), reading(self.store)
        try:
            self.session.push(command)
        except CadenceError:
            assert stack.index() == index
            assert reading(self.store) == before
            return
        assert stack.index() == index + 1
        del self.seen[index + 1 :]
        self.seen.append(reading(self.store))

    # Posts.

    @rule(
        day=st.one_of(st.none(), days),
        at=times,
        channel=st.integers(0, 9),
        messages=st.lists(st.integers(0, 9), max_size=2),
        status=statuses,
    )
    def add_post(
        self, day: date | None, at: time | None, channel: int, messages: list[int], status: str
    ) -> None:
        channels = self._ids("SELECT id FROM channels ORDER BY id")
        message_ids = self._ids("SELECT id FROM key_messages ORDER BY id")
        post = NewPost(
            self._fresh("Post"),
            channels[channel % len(channels)],
            message_ids=tuple(self._pick(message_ids, messages)) if message_ids else (),
            date=day,
            time=at if day else None,
            status=PostStatus(status),
        )
        self._take(AddPostCommand(self.session, post))

    @rule(day=days, at=times, repeat=st.sampled_from(RULES))
    def add_series(self, day: date, at: time | None, repeat: str) -> None:
        channel = self._ids("SELECT id FROM channels ORDER BY id")[0]
        post = NewPost(self._fresh("Series"), channel, date=day, time=at)
        self._take(AddPostCommand(self.session, post, repeat))

    @precondition(lambda self: self._post_ids())
    @rule(chosen=picks, day=st.one_of(st.none(), days), at=times, scope=scopes)
    def move(self, chosen: list[int], day: date | None, at: time | None, scope: Scope) -> None:
        ids = self._pick(self._post_ids(), chosen)
        moves = dict.fromkeys(ids, (day, at if day else None))
        self._take(MovePostsCommand(self.session, moves, scope=self._scope(ids, scope)))

    @precondition(lambda self: self._post_ids())
    @rule(chosen=picks, day=st.one_of(st.none(), days), at=times)
    def copy(self, chosen: list[int], day: date | None, at: time | None) -> None:
        ids = self._pick(self._post_ids(), chosen)
        copies = [(post_id, day, at if day else None) for post_id in ids]
        self._take(CopyPostsCommand(self.session, copies))

    @precondition(lambda self: self._post_ids())
    @rule(chosen=picks, scope=scopes)
    def delete(self, chosen: list[int], scope: Scope) -> None:
        ids = self._pick(self._post_ids(), chosen)
        self._take(DeletePostsCommand(self.session, ids, scope=self._scope(ids, scope)))

    @precondition(lambda self: self._post_ids())
    @rule(
        chosen=picks,
        field=st.sampled_from(["title", "body", "channel_id", "campaign_id", "message_ids"]),
        pick=st.integers(0, 9),
        scope=scopes,
    )
    def edit(self, chosen: list[int], field: str, pick: int, scope: Scope) -> None:
        ids = self._pick(self._post_ids(), chosen)
        edit: PostChanges
        if field == "title":
            edit = {"title": self._fresh("Edited")}
        elif field == "body":
            edit = {"body": f"Body {pick}"}
        elif field == "channel_id":
            channels = self._ids("SELECT id FROM channels ORDER BY id")
            edit = {"channel_id": channels[pick % len(channels)]}
        elif field == "campaign_id":
            campaigns: list[int | None] = [*self._ids("SELECT id FROM campaigns ORDER BY id"), None]
            edit = {"campaign_id": campaigns[pick % len(campaigns)]}
        else:
            messages = self._ids("SELECT id FROM key_messages ORDER BY id")
            edit = {"message_ids": tuple(messages[: pick % (len(messages) + 1)])}
        edits = dict.fromkeys(ids, edit)
        self._take(EditPostsCommand(self.session, edits, scope=self._scope(ids, scope)))

    @precondition(lambda self: self._post_ids())
    @rule(chosen=picks, status=statuses, scope=scopes)
    def set_status(self, chosen: list[int], status: str, scope: Scope) -> None:
        posts = self.store.posts(self._pick(self._post_ids(), chosen))
        command = status_command(
            self.session, posts, PostStatus(status), scope=self._scope([p.id for p in posts], scope)
        )
        if command is not None:
            self._take(command)

    @rule(chosen=st.integers(0, 10_000), repeat=st.sampled_from(RULES))
    def repeat(self, chosen: int, repeat: str) -> None:
        ids = self._ids("SELECT id FROM posts WHERE date IS NOT NULL AND series_id IS NULL")
        if ids:
            post_id = ids[chosen % len(ids)]
            edit: PostChanges = {"title": self._fresh("Repeated")}
            self._take(RepeatPostCommand(self.session, post_id, edit, repeat))

    @rule(chosen=st.integers(0, 10_000), repeat=st.sampled_from(RULES), scope=scopes)
    def change_repeat(self, chosen: int, repeat: str, scope: Scope) -> None:
        ids = self._ids("SELECT id FROM posts WHERE series_id IS NOT NULL AND date IS NOT NULL")
        if ids:
            post_id = ids[chosen % len(ids)]
            edit: PostChanges = {"title": self._fresh("Changed")}
            self._take(ChangeRepeatCommand(self.session, post_id, edit, repeat, scope=scope))

    @precondition(lambda self: self._post_ids())
    @rule(chosen=picks, day=days, whole=st.booleans())
    def merge_a_colleagues_copy(self, chosen: list[int], day: date, whole: bool) -> None:
        """A copy given to a colleague, who deletes a post (``whole``: its series),
        rewords another and makes a series, merged back as one step."""
        from calendar_app.exchange.copy import save_copy
        from calendar_app.ui.transfer import run_import

        path = Path(self.folder.name) / f"{self._fresh('colleague')}.cadence"
        save_copy(self.store, path)
        ids = self._pick(self._post_ids(), chosen)
        with CalendarStore.open(path) as other:
            if whole and other.post(ids[0]).series_id is not None:
                other.delete_occurrences(ids[0], "all")
            else:
                other.delete_posts(ids[:1])
            if len(ids) > 1 and other.posts(ids[1:2]):  # (not gone with the series)
                other.update_post(ids[1], {"title": self._fresh("Reworded there")})
            channel = other.channels(include_archived=True)[0].id
            other.add_series(NewPost(self._fresh("Theirs"), channel, date=day), RULES[1])
        stack = self.session.undo_stack
        index = stack.index()
        assert run_import(self.session, None, path) is not None
        assert stack.index() == index + 1
        del self.seen[index + 1 :]
        self.seen.append(reading(self.store))

    # Key messages, channels, campaigns.

    @rule(cadence=st.integers(1, 30))
    def add_key_message(self, cadence: int) -> None:
        message = KeyMessage(
            0, self._fresh("Message"), "", cadence, "#3366cc", None, None, 0, False
        )
        self._take(AddKeyMessageCommand(self.session, message))

    @rule(chosen=st.integers(0, 100), cadence=st.integers(1, 30), rename=st.booleans())
    def edit_key_message(self, chosen: int, cadence: int, rename: bool) -> None:
        ids = self._ids("SELECT id FROM key_messages ORDER BY id")
        if ids:
            old = self.store.key_message(ids[chosen % len(ids)])
            title = self._fresh("Renamed") if rename else old.title
            new = KeyMessage(old.id, title, "said", cadence, old.color, None, None, 1, False)
            self._take(UpdateKeyMessageCommand(self.session, new))

    @rule(chosen=st.integers(0, 100))
    def delete_key_message(self, chosen: int) -> None:
        ids = self._ids("SELECT id FROM key_messages ORDER BY id")
        if ids:
            self._take(DeleteKeyMessageCommand(self.session, ids[chosen % len(ids)]))

    @rule(chosen=st.integers(0, 100), what=st.sampled_from(["add", "rename", "archive", "delete"]))
    def channel(self, chosen: int, what: str) -> None:
        ids = self._ids("SELECT id FROM channels ORDER BY id")
        old = self.store.channel(ids[chosen % len(ids)])
        if what == "add":
            new = type(old)(0, self._fresh("Channel"), "social", "#aa5500", 280, 0, False)
            self._take(ChannelCommand(self.session, None, new))
        elif what == "delete" and len(ids) > 1:  # refused while posts use it
            self._take(DeleteChannelCommand(self.session, old.id))
        elif what != "delete":
            name = self._fresh("Channel") if what == "rename" else old.name
            new = type(old)(
                old.id, name, old.kind, old.color, old.char_limit, old.sort_order, what == "archive"
            )
            self._take(ChannelCommand(self.session, old, new))

    @rule(chosen=st.integers(0, 100), what=st.sampled_from(["add", "rename", "delete"]))
    def campaign(self, chosen: int, what: str) -> None:
        ids = self._ids("SELECT id FROM campaigns ORDER BY id")
        if what == "add" or not ids:
            new = Campaign(0, self._fresh("Campaign"), CampaignKind.PRODUCT, None, None, "#118844")
            self._take(CampaignCommand(self.session, None, new))
            return
        old = self.store.campaign(ids[chosen % len(ids)])
        if what == "delete":
            self._take(CampaignCommand(self.session, old, None))
        else:
            new = Campaign(old.id, self._fresh("Campaign"), old.kind, START, None, old.color)
            self._take(CampaignCommand(self.session, old, new))

    # Undo and redo.

    @precondition(lambda self: self.session.undo_stack.canUndo())
    @rule(steps=st.integers(1, 4))
    def undo(self, steps: int) -> None:
        for _ in range(steps):
            if self.session.undo_stack.canUndo():
                self.session.undo_stack.undo()

    @precondition(lambda self: self.session.undo_stack.canRedo())
    @rule(steps=st.integers(1, 4))
    def redo(self, steps: int) -> None:
        for _ in range(steps):
            if self.session.undo_stack.canRedo():
                self.session.undo_stack.redo()

    def _scope(self, ids: list[int], scope: Scope) -> Scope:
        """The window asks only about one occurrence of a series."""
        if len(ids) == 1 and self.store.post(ids[0]).series_id is not None:
            return scope
        return "this"

    # What must hold after every step.

    @invariant()
    def reads_as_when_last_here(self) -> None:
        index = self.session.undo_stack.index()
        assert reading(self.store) == self.seen[index]

    @invariant()
    def deletions_remembered_only_of_posts_gone(self) -> None:
        back = self.store.db.execute(
            "SELECT uid FROM deleted_posts WHERE uid IN (SELECT uid FROM posts)"
        ).fetchall()
        assert back == []

    @invariant()
    def search_index_whole(self) -> None:
        self.store.db.execute(
            "INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)"
        )


def test_undo_and_redo_bring_back_each_state(qapp: object) -> None:
    run_state_machine_as_test(
        DaysOfWork,
        settings=settings(
            max_examples=200,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
