"""A post being written outlives a crash: kept while the editor is open, offered back."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calendar_app.core.models import Post, PostStatus
from calendar_app.core.store import CalendarStore
from calendar_app.ui import drafts as drafts_module
from calendar_app.ui import editor as editor_module
from calendar_app.ui.drafts import STALE_LOCK_S, Drafts, read_draft
from calendar_app.ui.editor import PostEditor, qdate
from calendar_app.ui.main_window import MainWindow
from calendar_app.ui.session import CalendarSession

from .conftest import TODAY


@pytest.fixture
def drafts(tmp_path: Path, session: CalendarSession) -> Drafts:
    kept = Drafts(tmp_path / "Drafts")
    session.drafts = kept
    return kept


def _editor(session: CalendarSession, qtbot: QtBot, **kwargs: object) -> PostEditor:
    editor = PostEditor(session, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    return editor


def test_what_is_typed_is_kept_a_moment_after_a_pause_and_gone_once_saved(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(editor_module, "DRAFT_PAUSE_MS", 100)  # a pause, shorter
    post = session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    editor = _editor(session, qtbot, post=post)
    kept = drafts.own(session.store.path)
    editor.body_edit.setPlainText("Every word of a long post, written for an hour.")
    qtbot.waitUntil(kept.exists)
    draft = read_draft(drafts.own(session.store.path))
    assert draft is not None
    assert draft.post_uid == post.uid
    assert draft.values["body"] == "Every word of a long post, written for an hour."
    assert draft.values["title"] == post.title  # whole, should the post go meanwhile
    # Of a post edited, what changed is put back alone: the rest may change elsewhere.
    assert draft.changed == frozenset({"body"})
    editor.body_edit.setPlainText(post.body)  # as it was: nothing to keep
    qtbot.waitUntil(lambda: not kept.exists())
    editor.title_edit.setText("Saved at last")
    qtbot.waitUntil(kept.exists)
    editor.accept()
    assert not kept.exists()
    assert session.store.post(post.id).title == "Saved at last"


def test_steady_typing_is_kept_as_it_goes_on(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept a moment after a pause only, twenty minutes of steady typing kept nothing."""
    monkeypatch.setattr(editor_module, "DRAFT_PAUSE_MS", 200)
    editor = _editor(session, qtbot, day=TODAY)
    kept = drafts.own(session.store.path)
    typed = []
    timer = QTimer()
    timer.setInterval(20)  # a key every 20 ms, never a pause of 200

    def key() -> None:
        typed.append("word")
        editor.body_edit.setPlainText(" ".join(typed))

    timer.timeout.connect(key)
    timer.start()
    try:
        qtbot.waitUntil(kept.exists, timeout=3000)
    finally:
        timer.stop()
    draft = read_draft(drafts.own(session.store.path))
    assert draft is not None
    assert draft.values["body"].startswith("word word")


def test_what_is_typed_and_discarded_leaves_no_draft(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot
) -> None:
    editor = _editor(session, qtbot, day=TODAY)
    editor.title_edit.setText("Not worth keeping")
    kept = drafts.own(session.store.path)
    editor.keep_draft()  # as the pause after typing does
    assert kept.exists()
    editor.ask_save_changes = lambda parent, title: "cancel"
    editor.reject()  # the question cancelled: still open, still kept
    assert kept.exists()
    editor.ask_save_changes = lambda parent, title: "discard"
    editor.reject()
    assert not kept.exists()


def _left_behind(session: CalendarSession, drafts: Drafts, qtbot: QtBot, title: str) -> None:
    """A new post titled ``title`` in an editor a crash leaves open: its draft kept, its
    locks let go as the process's end lets go of them."""
    editor = _editor(session, qtbot, day=TODAY)
    editor.title_edit.setText(title)
    editor.keep_draft()
    drafts.release()


def _left_by_another(session: CalendarSession, drafts: Drafts, qtbot: QtBot, title: str) -> Path:
    """:func:`_left_behind`, by another Cadence (another process id): where it is."""
    _left_behind(session, drafts, qtbot, title)
    left = drafts.own(session.store.path)
    taken = left.with_name(left.name.replace(f"-{os.getpid()}.", "-1."))
    left.rename(taken)
    left.with_suffix(".lock").rename(taken.with_suffix(".lock"))
    return taken


def _edited(session: CalendarSession, qtbot: QtBot, change: Callable[[PostEditor], object]) -> Post:
    """The week's first post, changed in an editor that keeps its draft."""
    post = session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    editor = _editor(session, qtbot, post=post)
    change(editor)
    editor.keep_draft()
    return post


def _window(
    store: CalendarStore,
    tmp_path: Path,
    qtbot: QtBot,
    answer: bool,
    in_editor: Callable[[PostEditor], None],
) -> tuple[MainWindow, list[str]]:
    """A window opened as the next start opens it, answering whether to finish the
    draft with ``answer``; ``in_editor`` is given the editor that opens, which it
    closes. Returns the window and the titles asked about."""
    asked: list[str] = []
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(CalendarSession(store, today=TODAY), settings, drafts=tmp_path / "Drafts")
    qtbot.addWidget(win)

    def ask(parent: object, title: str) -> bool:
        asked.append(title)
        if answer:  # the editor opens once this returns
            QTimer.singleShot(0, lambda: in_editor(_open_editor()))
        return answer

    win.ask_resume_draft = ask
    return win, asked


def _discard(editor: PostEditor) -> None:
    editor.ask_save_changes = lambda parent, title: "discard"
    editor.reject()


def _open_editor() -> PostEditor:
    editor = QApplication.activeModalWidget()
    assert isinstance(editor, PostEditor)
    return editor


def test_the_next_start_offers_the_post_back_in_the_editor_as_it_was_typed(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """A power cut while a new post was written: every word of it was lost."""
    message = session.key_messages()[1]
    day = TODAY + timedelta(days=3)
    editor = _editor(session, qtbot, day=day, at=time(10, 30))
    editor.title_edit.setText("Open day at the depot")
    editor.body_edit.setPlainText("Come and see how a roof is made.")
    for row in range(editor.message_list.count()):
        item = editor.message_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == message.id:
            item.setCheckState(Qt.CheckState.Checked)
    editor.keep_draft()
    # The process stops here: the editor never closes.
    seen: list[tuple[object, ...]] = []

    def finish(restored: PostEditor) -> None:
        seen.append(
            (
                restored.title_edit.text(),
                restored.body_edit.toPlainText(),
                restored.chosen_date(),
                restored.chosen_time(),
                message.id in restored.checked_message_ids(),
            )
        )
        # Kept on the disk while it is finished: a second crash loses nothing (a Cadence
        # given the crashed one's process id, as in a container, deleted it).
        on_disk.append(read_draft(drafts.own(session.store.path)) is not None)
        restored.accept()

    on_disk: list[bool] = []

    drafts.release()  # as the process's end lets go of its locks
    win, asked = _window(session.store, tmp_path, qtbot, True, finish)
    qtbot.waitUntil(lambda: bool(seen))
    assert asked == ["Open day at the depot"]
    assert seen == [
        ("Open day at the depot", "Come and see how a roof is made.", day, time(10, 30), True)
    ]
    assert on_disk == [True]
    saved = [p for p in session.store.all_posts() if p.title == "Open day at the depot"]
    assert [(p.date, p.time) for p in saved] == [(day, time(10, 30))]
    assert not drafts.own(session.store.path).exists()
    assert win.view().selected_post_ids() == [saved[0].id]


@pytest.mark.parametrize(
    "spoiled",
    [
        '{"post": null, "values": {"title": "Open d',  # cut short by a power cut
        '["Open day"]',  # a list: it stopped every start with "a problem"
        '{"post": 7, "values": {"title": "Open day"}}',
        "\x00" * 64,
    ],
)
def test_a_draft_that_does_not_read_is_put_aside_and_said(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path, spoiled: str
) -> None:
    """Removed unsaid, the words it still held went with it."""
    left = drafts.own(session.store.path).with_name(
        drafts.own(session.store.path).name.replace(f"-{os.getpid()}", "-99999")
    )
    left.parent.mkdir(parents=True)
    left.write_text(spoiled, encoding="utf-8")
    win, asked = _window(session.store, tmp_path, qtbot, True, lambda restored: None)
    aside = left.with_suffix(".unread")
    qtbot.waitUntil(aside.exists)
    assert asked == []
    assert not left.exists()
    assert aside.read_text(encoding="utf-8") == spoiled
    qtbot.waitUntil(lambda: "could not be read back" in win.statusBar().currentMessage())
    assert win.statusBar().currentMessage().endswith(f"kept as {aside}.")


def test_a_draft_discarded_at_the_next_start_is_gone(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    _left_behind(session, drafts, qtbot, "Second thoughts")
    kept = drafts.own(session.store.path)
    _window(session.store, tmp_path, qtbot, False, lambda restored: restored.reject())
    qtbot.waitUntil(lambda: not kept.exists())
    assert QApplication.activeModalWidget() is None
    assert not [p for p in session.store.all_posts() if p.title == "Second thoughts"]


def test_a_draft_of_a_post_deleted_since_comes_back_as_a_new_post(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    post = _edited(
        session,
        qtbot,
        lambda e: e.body_edit.setPlainText("Rewritten from the first word to the last."),
    )
    session.store.delete_posts([post.id])  # in another window, meanwhile
    seen: list[tuple[object, str]] = []

    def read(restored: PostEditor) -> None:
        seen.append((restored.post, restored.body_edit.toPlainText()))
        whole.append(
            (
                restored.title_edit.text(),
                restored.selected_channel_id(),
                restored.chosen_date(),
                restored.chosen_time(),
                set(restored.checked_message_ids()),
            )
        )
        restored.ask_save_changes = lambda parent, title: "discard"
        restored.reject()

    whole: list[tuple[object, ...]] = []
    drafts.release()
    _win, asked = _window(session.store, tmp_path, qtbot, True, read)
    qtbot.waitUntil(lambda: bool(seen))
    assert asked == [post.title]  # named, though its title was not changed
    assert seen == [(None, "Rewritten from the first word to the last.")]
    # Whole, as a new post: its title, channel, day, time and key messages too.
    assert whole == [(post.title, post.channel_id, post.date, post.time, set(post.message_ids))]


def test_every_field_of_an_idea_taken_out_of_the_backlog_comes_back(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """An idea given a day, a time and Scheduled came back a Draft at 09:00: ticking the
    day chose a status of its own over the one kept."""
    idea = next(p for p in session.store.all_posts() if p.date is None)
    day = TODAY + timedelta(days=5)
    editor = _editor(session, qtbot, post=idea)
    editor.date_check.setChecked(True)
    editor.date_edit.setDate(qdate(day))
    editor.time_check.setChecked(True)
    editor.time_edit.setTime(QTime(16, 45))
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("scheduled"))
    editor.keep_draft()
    kept = editor.changes()
    drafts.release()
    seen: list[dict[str, object]] = []

    def read(restored: PostEditor) -> None:
        seen.append(dict(restored.changes()))
        restored.ask_save_changes = lambda parent, title: "discard"
        restored.reject()

    _window(session.store, tmp_path, qtbot, True, read)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [dict(kept)]
    assert seen[0]["status"] == PostStatus.SCHEDULED
    assert seen[0]["time"] == time(16, 45)


def test_a_post_still_being_written_in_another_window_is_not_offered(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """A second window on the calendar took the first's post being written for one a
    crash left: Discard deleted its draft, Open and Save made the post twice."""
    editor = _editor(session, qtbot, day=TODAY)
    editor.title_edit.setText("Still being written")
    editor.keep_draft()
    win, asked = _window(session.store, tmp_path, qtbot, True, _discard)
    QApplication.processEvents()  # (the offer waits for the window to be up)
    assert asked == []
    assert read_draft(drafts.own(session.store.path)) is not None
    assert win.drafts is not None
    assert win.drafts.left(session.store.path) == []


def test_a_draft_of_an_edit_puts_back_what_was_typed_alone(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """A title typed, then the post moved elsewhere (the command line) after the crash:
    Open and Save put it back on its old day."""
    post = _edited(session, qtbot, lambda e: e.title_edit.setText("A better title"))
    drafts.release()
    moved = TODAY + timedelta(days=20)
    session.store.move_posts({post.id: (moved, time(7, 15))})  # elsewhere, meanwhile
    _window(session.store, tmp_path, qtbot, True, lambda restored: restored.accept())
    qtbot.waitUntil(lambda: session.store.post(post.id).title == "A better title")
    assert (session.store.post(post.id).date, session.store.post(post.id).time) == (
        moved,
        time(7, 15),
    )


def _repeat_round_trip(
    session: CalendarSession,
    drafts: Drafts,
    qtbot: QtBot,
    tmp_path: Path,
    choose: Callable[[PostEditor], None],
    post: Post | None = None,
) -> tuple[str, str | None]:
    """A new post (else ``post``) repeating as ``choose`` sets it, kept a moment later as
    the editor keeps it, left by a crash and saved from the draft the next start offers:
    its rule, and the rule brought back."""
    editor = _editor(session, qtbot, post=post, day=TODAY + timedelta(days=1))
    choose(editor)
    rule = editor.repeat_rule()
    assert rule is not None

    def kept() -> bool:
        draft = read_draft(drafts.own(session.store.path))
        return draft is not None and draft.values.get("repeat") == rule

    qtbot.waitUntil(kept, timeout=3 * editor_module.DRAFT_PAUSE_MS)  # (a choice alone too)
    drafts.release()
    seen: list[str | None] = []

    def read(restored: PostEditor) -> None:
        seen.append(restored.repeat_rule())
        restored.accept()

    _window(session.store, tmp_path, qtbot, True, read)
    qtbot.waitUntil(lambda: bool(seen))
    return rule, seen[0]


def test_a_new_posts_repeat_comes_back_with_it(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """Its repeat was lost: saved, it made one post instead of a series."""

    def every_second_week(editor: PostEditor) -> None:
        editor.title_edit.setText("Weekly tip")
        editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
        editor.interval_spin.setValue(2)
        for button in list(editor.weekday_buttons.values())[:2]:  # two days of the week
            button.setChecked(True)
        editor.count_radio.setChecked(True)
        editor.count_spin.setValue(4)

    rule, back = _repeat_round_trip(session, drafts, qtbot, tmp_path, every_second_week)
    assert "INTERVAL=2" in rule
    assert "BYDAY=" in rule
    assert back == rule
    assert len([p for p in session.store.all_posts() if p.title == "Weekly tip"]) == 4


def test_a_new_posts_repeat_until_a_day_comes_back_with_it(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    def monthly_until(editor: PostEditor) -> None:
        editor.title_edit.setText("Monthly digest")
        editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("MONTHLY"))
        editor.until_radio.setChecked(True)
        editor.until_edit.setDate(qdate(TODAY + timedelta(days=120)))

    rule, back = _repeat_round_trip(session, drafts, qtbot, tmp_path, monthly_until)
    assert "UNTIL=" in rule
    assert back == rule


def test_a_repeat_given_to_a_post_of_its_own_comes_back(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """The repeat of a post edited was not kept: saved, the post stayed on its own."""
    post = next(p for p in session.store.all_posts() if p.date and p.series_id is None)

    def weekly_three_times(editor: PostEditor) -> None:
        editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
        editor.count_radio.setChecked(True)
        editor.count_spin.setValue(3)

    rule, back = _repeat_round_trip(session, drafts, qtbot, tmp_path, weekly_three_times, post)
    assert back == rule
    series_id = session.store.post(post.id).series_id
    assert series_id is not None
    assert len(session.store.series_posts(series_id)) == 3


def test_an_occurrences_changed_repeat_comes_back(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """ "Change…" on a post of a series, every other week from it on: after the crash the
    editor opened with the series' old repeat, and Save changed nothing."""
    first = next(p for p in session.store.all_posts() if p.series_id is not None)
    members = session.store.series_posts(first.series_id or 0)
    third = members[2]

    def every_other_week(editor: PostEditor) -> None:
        editor.start_changing_repeat()
        editor.interval_spin.setValue(2)

    rule, back = _repeat_round_trip(session, drafts, qtbot, tmp_path, every_other_week, third)
    assert "INTERVAL=2" in rule
    assert back == rule
    tail = session.store.series_posts(session.store.post(third.id).series_id or 0)
    assert tail[0].id == third.id
    assert [p.date for p in tail[:2]] == [third.date, (third.date or TODAY) + timedelta(weeks=2)]


def test_a_draft_of_an_edit_leaves_the_fields_it_did_not_change_as_they_are_now(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """Its campaign, given elsewhere after the crash, stays: only the title typed comes."""
    post = _edited(session, qtbot, lambda e: e.title_edit.setText("Only the title"))
    drafts.release()
    campaign = session.store.add_campaign("Given meanwhile").created[0]
    session.store.update_post(post.id, {"campaign_id": campaign})
    seen: list[object] = []

    def read(restored: PostEditor) -> None:
        seen.append((restored.title_edit.text(), restored.campaign_combo.currentData()))
        _discard(restored)

    _window(session.store, tmp_path, qtbot, True, read)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [("Only the title", campaign)]


def test_a_private_calendars_draft_is_private(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot
) -> None:
    """It was readable by every user of the computer, where its backups are not."""
    session.store.path.chmod(0o600)
    editor = _editor(session, qtbot, day=TODAY)
    editor.title_edit.setText("For the client's eyes")
    editor.keep_draft()
    assert drafts.own(session.store.path).stat().st_mode & 0o777 == 0o600


def test_a_draft_is_offered_when_its_calendar_is_opened_from_the_file_menu(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    _left_behind(session, drafts, qtbot, "Written before the crash")
    other = tmp_path / "other.cadence"
    CalendarStore.create(other).close()
    win, asked = _window(CalendarStore.open(other), tmp_path, qtbot, False, _discard)
    QApplication.processEvents()
    assert asked == []  # not this calendar's
    assert win.open_calendar(session.store.path)
    qtbot.waitUntil(lambda: asked == ["Written before the crash"])
    win.session.store.close()


def test_a_read_only_calendar_offers_no_draft(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """Nothing could be saved there: the draft waits for the calendar opened writable."""
    _left_behind(session, drafts, qtbot, "Kept for later")
    reading = CalendarStore.open(session.store.path, read_only=True)
    _win, asked = _window(reading, tmp_path, qtbot, False, _discard)
    QApplication.processEvents()
    assert asked == []
    assert read_draft(drafts.own(session.store.path)) is not None
    reading.close()


def test_a_draft_another_cadence_left_is_taken_over_once_open(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    _left_behind(session, drafts, qtbot, "From the Cadence before")
    own = drafts.own(session.store.path)
    left = own.with_name(own.name.replace(f"-{os.getpid()}.", "-1."))
    own.rename(left)  # as another process (another id) left it
    own.with_suffix(".lock").rename(left.with_suffix(".lock"))
    during: list[tuple[bool, bool]] = []

    def finish(restored: PostEditor) -> None:
        during.append((left.exists(), read_draft(own) is not None))
        restored.accept()

    _window(session.store, tmp_path, qtbot, True, finish)
    qtbot.waitUntil(lambda: bool(during))
    assert during == [(False, True)]  # this Cadence's own while it is finished
    assert not own.exists()  # saved
    assert [p.title for p in session.store.all_posts() if p.title == "From the Cadence before"]


def test_a_draft_another_cadence_left_that_changes_nothing_now_is_used_up(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, tmp_path: Path
) -> None:
    """Its change made elsewhere meanwhile: opened, it had nothing to save, and the same
    question came back at every start."""
    post = _edited(session, qtbot, lambda e: e.title_edit.setText("Made in both places"))
    drafts.release()
    own = drafts.own(session.store.path)
    left = own.with_name(own.name.replace(f"-{os.getpid()}.", "-1."))
    own.rename(left)  # as another process (another id) left it
    own.with_suffix(".lock").rename(left.with_suffix(".lock"))
    session.store.update_post(post.id, {"title": "Made in both places"})  # elsewhere
    closed: list[bool] = []

    def close(restored: PostEditor) -> None:
        closed.append(restored.has_unsaved_changes())
        restored.reject()  # nothing to ask: nothing to save

    _window(session.store, tmp_path, qtbot, True, close)
    qtbot.waitUntil(lambda: bool(closed))
    assert closed == [False]
    assert not left.exists()
    assert drafts.left(session.store.path) == []


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drafts' folder takes no more: each draft's write fails as a full disk does."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(drafts_module, "write_beside", refuse)


def test_a_draft_that_cannot_be_kept_is_said_in_the_editor(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing was said: a crash then lost what the README says is kept."""
    editor = _editor(session, qtbot, day=TODAY)
    editor.title_edit.setText("Written on a full disk")
    with monkeypatch.context() as full:
        _full_disk(full)
        editor.keep_draft()
        assert not editor.draft_note.isHidden()
        assert editor.draft_note.text().startswith("The disk is full, so ")
        assert "kept only once you save it" in editor.draft_note.text()
    editor.keep_draft()  # room again
    assert editor.draft_note.isHidden()
    assert read_draft(drafts.own(session.store.path)) is not None
    with monkeypatch.context() as full:
        _full_disk(full)
        editor.keep_draft()
        assert not editor.draft_note.isHidden()
        editor.title_edit.setText("")  # nothing left to keep: nor to say
        editor.keep_draft()
        assert editor.draft_note.isHidden()


def test_a_lock_left_without_its_draft_is_cleared(
    session: CalendarSession, drafts: Drafts, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk, then a crash: an empty lock file was left at each one, for ever."""
    with monkeypatch.context() as full:
        _full_disk(full)
        _left_behind(session, drafts, qtbot, "Never kept")
    lock = drafts.own(session.store.path).with_suffix(".lock")
    assert lock.exists()
    # A moment old, it may be another window's, about to be held: it stays.
    assert Drafts(drafts.folder).left(session.store.path) == []
    assert lock.exists()
    then = lock.stat().st_mtime - STALE_LOCK_S - 1
    os.utime(lock, (then, then))
    assert Drafts(drafts.folder).left(session.store.path) == []
    assert not lock.exists()


def test_a_draft_taken_back_and_saved_on_a_full_disk_is_used_up(
    session: CalendarSession,
    drafts: Drafts,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its copy as finished could not be kept, so the one left stayed: saved, it was
    offered again at the next start, and saved again the post was there twice."""
    taken = _left_by_another(session, drafts, qtbot, "Only once")
    _full_disk(monkeypatch)
    saved: list[bool] = []

    def save(restored: PostEditor) -> None:
        saved.append(taken.exists())  # kept while it is open: a crash loses nothing
        restored.accept()

    _window(session.store, tmp_path, qtbot, True, save)
    qtbot.waitUntil(lambda: bool(saved))
    assert saved == [True]
    assert not taken.exists()
    assert drafts.left(session.store.path) == []
    assert [p.title for p in session.store.all_posts()].count("Only once") == 1


def test_a_draft_that_will_not_go_once_saved_is_said(
    session: CalendarSession,
    drafts: Drafts,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its folder gone read-only (or the file made immutable), it was offered again at
    the next start unsaid, and saved again the post was there twice."""
    taken = _left_by_another(session, drafts, qtbot, "Stuck draft")
    monkeypatch.setattr(Path, "unlink", lambda self, missing_ok=False: None)  # it stays
    saved: list[bool] = []

    def save(restored: PostEditor) -> None:
        saved.append(True)
        restored.accept()

    win, _asked = _window(session.store, tmp_path, qtbot, True, save)
    qtbot.waitUntil(lambda: "could not be removed" in win.statusBar().currentMessage())
    assert taken.exists()
    assert win.statusBar().currentMessage() == (
        f"The post is saved, but what kept it while it was written ({taken}) could not be"
        " removed: Cadence offers it again at the next start."
    )
