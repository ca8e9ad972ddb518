"""Managers for key messages, channels and campaigns: every change is one undo step."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from calendar_app.core.colors import difference
from calendar_app.core.errors import InvalidInput
from calendar_app.core.models import CampaignKind, NewPost, PostStatus
from calendar_app.core.store import CalendarStore, PostChanges
from calendar_app.render.cadence_strip import day_text
from calendar_app.ui.commands import (
    AddPostCommand,
    ChannelCommand,
    DeletePostsCommand,
    EditPostsCommand,
    UpdateKeyMessageCommand,
)
from calendar_app.ui.dialogs import message_box
from calendar_app.ui.editor import muted_color, warning_color
from calendar_app.ui.managers import (
    ARCHIVE_TEXT,
    NEW,
    RESTORE_TEXT,
    CampaignManager,
    ChannelManager,
    ColorField,
    KeyMessageManager,
)
from calendar_app.ui.session import CalendarSession

from .conftest import OFFSCREEN_POPUPS, READ_ONLY, TODAY, app_font_times, read_only


class Recorder:
    """Stands in for the error box and the confirmation question."""

    def __init__(self, answer: bool = True) -> None:
        self.errors: list[BaseException] = []
        self.questions: list[str] = []
        self.answer = answer

    def error(self, parent: QWidget | None, exc: BaseException) -> None:
        self.errors.append(exc)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer


def _messages(qtbot: QtBot, session: CalendarSession, recorder: Recorder) -> KeyMessageManager:
    manager = KeyMessageManager(session, error_handler=recorder.error, confirm=recorder.confirm)
    qtbot.addWidget(manager)
    return manager


def _channels(qtbot: QtBot, session: CalendarSession, recorder: Recorder) -> ChannelManager:
    manager = ChannelManager(session, error_handler=recorder.error, confirm=recorder.confirm)
    qtbot.addWidget(manager)
    return manager


def _campaigns(qtbot: QtBot, session: CalendarSession, recorder: Recorder) -> CampaignManager:
    manager = CampaignManager(session, error_handler=recorder.error, confirm=recorder.confirm)
    qtbot.addWidget(manager)
    return manager


def _listed(manager: KeyMessageManager | ChannelManager | CampaignManager) -> list[str]:
    return [manager.item_list.item(r).text() for r in range(manager.item_list.count())]


def _message_titled(session: CalendarSession, title: str) -> int:
    return next(m.id for m in session.key_messages(include_archived=True) if m.title == title)


# -- key messages -----------------------------------------------------------------------


def test_add_a_key_message_and_undo_it(qtbot: QtBot, session: CalendarSession) -> None:
    recorder = Recorder()
    manager = _messages(qtbot, session, recorder)
    depth = session.undo_stack.count()
    qtbot.mouseClick(manager.add_button, Qt.MouseButton.LeftButton)
    assert manager.current_id() == NEW
    assert not manager.apply_button.isEnabled()  # nothing typed yet
    # The new row's swatch is the colour its form holds, not the last message's.
    row = manager.item_list.currentItem()
    swatch = row.icon().pixmap(8, 8).toImage().pixelColor(4, 4)
    assert swatch.name() == manager.color_field.color().lower()
    # A new message is due from today on: it cannot be overdue since before it existed.
    assert manager.starts_field.value() == session.today()

    manager.title_edit.setText("Made in our town")
    manager.statement_edit.setPlainText("Every panel is assembled ten minutes from here\u00a0!")
    manager.cadence_spin.setValue(12)
    qtbot.mouseClick(manager.color_field.preset_buttons[2], Qt.MouseButton.LeftButton)
    manager.starts_field.check.setChecked(True)
    manager.starts_field.edit.setDate(QDate(2026, 12, 1))
    manager.priority_spin.setValue(3)
    assert manager.apply_button.isEnabled()
    qtbot.mouseClick(manager.apply_button, Qt.MouseButton.LeftButton)

    assert recorder.errors == []
    assert session.undo_stack.count() == depth + 1
    assert session.undo_stack.undoText() == "Add key message 'Made in our town'"
    added = next(m for m in session.key_messages() if m.title == "Made in our town")
    assert added.statement == "Every panel is assembled ten minutes from here\u00a0!"
    assert added.cadence_days == 12
    preset = manager.color_field.preset_buttons[2]
    assert preset.toolTip() == f"Green ({added.color})"  # said as a person names it
    assert preset.accessibleName() == f"Colour: green ({added.color})"
    assert preset.isChecked()  # the colour chosen shows, and is said, pressed
    assert [b.isChecked() for b in manager.color_field.preset_buttons].count(True) == 1
    qtbot.mouseClick(preset, Qt.MouseButton.LeftButton)  # the one chosen, again
    assert preset.isChecked()  # (Qt let go of it: none showed pressed)
    assert (added.starts_on, added.ends_on, added.priority) == (date(2026, 12, 1), None, 3)
    assert manager.current_id() == added.id
    assert "Made in our town" in _listed(manager)
    assert not manager.apply_button.isEnabled()

    session.undo_stack.undo()
    assert "Made in our town" not in [m.title for m in session.key_messages()]
    assert "Made in our town" not in _listed(manager)
    session.undo_stack.redo()
    assert "Made in our town" in [m.title for m in session.key_messages()]
    assert "Made in our town" in _listed(manager)


def test_leaving_the_row_applies_the_edit_as_one_undo_step(
    qtbot: QtBot, session: CalendarSession
) -> None:
    manager = _messages(qtbot, session, Recorder())
    target = _message_titled(session, "Every roof counts")
    other = _message_titled(session, "Solar pays for itself")
    assert manager.select(target)
    assert manager.cadence_spin.value() == 10
    manager.cadence_spin.setValue(5)
    assert manager.is_dirty()
    depth = session.undo_stack.count()

    assert manager.select(other)  # moving on saves
    assert session.key_message(target).cadence_days == 5
    assert session.undo_stack.count() == depth + 1
    assert session.undo_stack.undoText() == "Edit key message 'Every roof counts'"

    session.undo_stack.undo()
    assert session.key_message(target).cadence_days == 10
    assert manager.select(target)
    assert manager.cadence_spin.value() == 10


def test_values_an_earlier_release_let_in_stay_when_other_fields_change(
    qtbot: QtBot, demo_path: Path
) -> None:
    """A cadence of 100,000 days and a limit of a billion characters (the boxes' ranges
    end at 3,650 and 1,000,000): the form was changed as it was filled, and a new
    colour alone saved them cut."""
    with closing(sqlite3.connect(demo_path)) as raw, raw:
        for title in (ROOFS, SOLAR, WARRANTY):
            raw.execute("UPDATE key_messages SET cadence_days = 100000 WHERE title = ?", [title])
        raw.execute("UPDATE channels SET char_limit = 1000000000 WHERE name = 'LinkedIn'")
    recorder = Recorder()
    store = CalendarStore.open(demo_path)
    session = CalendarSession(store, today=TODAY)
    target = _message_titled(session, ROOFS)
    channel = next(c for c in session.channels() if c.name == "LinkedIn")
    messages = _messages(qtbot, session, recorder)
    assert messages.select(target)
    assert not messages.is_dirty()
    messages.color_field.set_color("#123456")
    assert messages.apply()
    assert session.store.key_message(target).cadence_days == 100_000
    assert session.store.key_message(target).color == "#123456"
    messages.cadence_spin.setValue(30)  # a new one is within the range
    assert messages.apply()
    assert session.store.key_message(target).cadence_days == 30
    # The longest typed, or reached by the arrows, is the user's too (it kept 100,000).
    for title, keys in ((SOLAR, "3650"), (WARRANTY, None)):
        other = _message_titled(session, title)
        assert messages.select(other)
        messages.cadence_spin.setFocus()
        if keys is None:
            qtbot.keyClick(messages.cadence_spin, Qt.Key.Key_Down)
            qtbot.keyClick(messages.cadence_spin, Qt.Key.Key_Up)
        else:
            messages.cadence_spin.selectAll()
            qtbot.keyClicks(messages.cadence_spin, keys)
        assert messages.apply()
        assert session.store.key_message(other).cadence_days == 3650

    channels = _channels(qtbot, session, recorder)
    assert channels.select(channel.id)
    assert not channels.is_dirty()
    channels.color_field.set_color("#654321")
    assert channels.apply(), recorder.errors
    assert session.store.channel(channel.id).char_limit == 1_000_000_000
    assert recorder.errors == []
    store.close()


ROOFS = "Every roof counts"
SOLAR = "Solar pays for itself"
WARRANTY = "Backed by a 25-year warranty"


def test_renaming_reads_well_in_the_undo_menu(qtbot: QtBot, session: CalendarSession) -> None:
    manager = _messages(qtbot, session, Recorder())
    target = _message_titled(session, "Every roof counts")
    manager.select(target)
    manager.title_edit.setText("Every roof matters")
    assert manager.apply()
    assert session.undo_stack.undoText() == (
        "Rename key message 'Every roof counts' to 'Every roof matters'"
    )
    assert session.key_message(target).title == "Every roof matters"
    assert manager.heading.text() == "Every roof matters"
    # Renamed and given another cadence at one Apply: the undo takes back both, and
    # says so (it said "Rename", and took back the cadence too).
    manager.title_edit.setText("Every roof counts")
    manager.cadence_spin.setValue(manager.cadence_spin.value() + 1)
    assert manager.apply()
    # Both names: the new one alone left the one looked for in the Edit menu out.
    assert session.undo_stack.undoText() == (
        "Edit key message 'Every roof matters' (renamed 'Every roof counts')"
    )
    channels = _channels(qtbot, session, Recorder())
    blog = next(c for c in session.channels() if c.name == "Blog")
    channels.select(blog.id)
    channels.name_edit.setText("Journal")
    channels.limit_check.setChecked(True)
    assert channels.apply()
    assert session.undo_stack.undoText() == "Edit channel 'Blog' (renamed 'Journal')"
    channels.limit_check.setChecked(False)
    assert channels.apply()
    assert session.undo_stack.undoText() == "Edit channel 'Journal'"


def test_archive_and_restore_a_key_message(qtbot: QtBot, session: CalendarSession) -> None:
    manager = _messages(qtbot, session, Recorder())
    target = _message_titled(session, "Zero-hassle financing")
    manager.select(target)
    assert manager.archive_button.text().replace("&", "") == "Archive"
    qtbot.mouseClick(manager.archive_button, Qt.MouseButton.LeftButton)

    assert target not in [m.id for m in session.key_messages()]
    assert session.key_message(target).archived
    assert session.undo_stack.undoText() == "Archive key message 'Zero-hassle financing'"
    assert "Zero-hassle financing" not in " ".join(_listed(manager))
    # Said, as a deletion asks: its filter and highlight went unsaid, its posts to come
    # out of the panel.
    to_come = [
        p
        for p in session.store.all_posts()
        if target in p.message_ids
        and p.date is not None
        and p.date >= session.today()
        and p.status in (PostStatus.DRAFT, PostStatus.SCHEDULED)
    ]
    assert len(to_come) > 1
    assert manager.step_said.text() == (
        "Archived 'Zero-hassle financing': it leaves the sidebar, the cadence panel and the"
        f" filters. {len(to_come)} posts to come still carry it, and stay planned. Show archived"
        " lists it, to restore it."
    )

    manager.show_archived_check.setChecked(True)
    assert "Zero-hassle financing (archived)" in _listed(manager)
    row = _listed(manager).index("Zero-hassle financing (archived)")
    item = manager.item_list.item(row)
    assert item.font().italic()
    assert manager.select(target)
    assert manager.archive_button.text().replace("&", "") == "Restore"
    qtbot.mouseClick(manager.archive_button, Qt.MouseButton.LeftButton)
    assert manager.step_said.text() == ""  # (restored: nothing to say)
    session.undo_stack.undo()

    session.undo_stack.undo()
    assert target in [m.id for m in session.key_messages()]
    assert "Zero-hassle financing" in _listed(manager)
    assert manager.archive_button.text().replace("&", "") == "Archive"


def test_hiding_the_archived_applies_what_was_typed_into_one_first(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Show archived unticked with an archived message's statement typed: the form went
    to the first message, the typing with nothing said."""
    manager = _messages(qtbot, session, Recorder())
    target = _message_titled(session, "Zero-hassle financing")
    manager.select(target)
    qtbot.mouseClick(manager.archive_button, Qt.MouseButton.LeftButton)
    manager.show_archived_check.setChecked(True)
    assert manager.select(target)
    manager.statement_edit.setPlainText("Typed into an archived message")
    assert manager.is_dirty()
    manager.show_archived_check.setChecked(False)
    assert session.key_message(target).statement == "Typed into an archived message"
    assert session.undo_stack.undoText() == "Edit key message 'Zero-hassle financing'"
    assert "Zero-hassle financing (archived)" not in _listed(manager)


def test_hiding_the_archived_is_refused_while_what_was_typed_cannot_be_applied(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder()
    manager = _messages(qtbot, session, recorder)
    target = _message_titled(session, "Zero-hassle financing")
    manager.select(target)
    qtbot.mouseClick(manager.archive_button, Qt.MouseButton.LeftButton)
    manager.show_archived_check.setChecked(True)
    assert manager.select(target)
    manager.title_edit.setText("Solar pays for itself")  # another message's title
    manager.show_archived_check.setChecked(False)
    assert recorder.errors
    assert manager.show_archived_check.isChecked()
    assert manager.current_id() == target
    assert manager.title_edit.text() == "Solar pays for itself"  # the typing kept


def test_a_duplicate_title_is_refused_and_nothing_changes(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder()
    manager = _messages(qtbot, session, recorder)
    target = _message_titled(session, "Every roof counts")
    before = session.store.key_messages(include_archived=True)
    depth = session.undo_stack.count()
    manager.select(target)
    manager.title_edit.setText("solar pays for itself")  # differs only in case
    qtbot.mouseClick(manager.apply_button, Qt.MouseButton.LeftButton)

    assert len(recorder.errors) == 1
    assert isinstance(recorder.errors[0], InvalidInput)
    assert "already a key message" in str(recorder.errors[0])
    assert session.store.key_messages(include_archived=True) == before
    assert session.undo_stack.count() == depth
    assert manager.title_edit.text() == "solar pays for itself"  # the typing is kept
    assert manager.is_dirty()

    # Moving away is refused too, and the dialog stays on the row.
    other = _message_titled(session, "Backed by a 25-year warranty")
    assert not manager.select(other)
    assert manager.current_id() == target
    assert len(recorder.errors) == 2

    manager.revert()
    assert manager.title_edit.text() == "Every roof counts"
    assert manager.select(other)


def test_adding_a_duplicate_is_refused(qtbot: QtBot, session: CalendarSession) -> None:
    recorder = Recorder()
    manager = _messages(qtbot, session, recorder)
    before = session.store.key_messages(include_archived=True)
    manager.add_item()
    manager.title_edit.setText("Every roof counts")
    assert not manager.apply()
    assert "already a key message" in str(recorder.errors[0])
    assert session.store.key_messages(include_archived=True) == before
    assert manager.current_id() == NEW
    # One archived is out of the list: said so, with where to restore it.
    message = session.store.key_message_titled("Every roof counts")
    assert message is not None
    session.push(UpdateKeyMessageCommand(session, replace(message, archived=True)))
    manager.add_item()
    manager.title_edit.setText("every roof counts")
    assert not manager.apply()
    assert str(recorder.errors[-1]) == (
        "There is already a key message called 'Every roof counts', archived: tick Show"
        " archived and restore it rather than make another."
    )


def test_delete_a_key_message_after_saying_how_many_posts_carry_it(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder()
    manager = _messages(qtbot, session, recorder)
    target = _message_titled(session, "Every roof counts")
    carriers = [p.id for p in session.store.all_posts() if target in p.message_ids]
    assert carriers
    manager.select(target)
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)

    assert len(recorder.questions) == 1
    assert f"{len(carriers)} posts carry it" in recorder.questions[0]
    assert target not in [m.id for m in session.key_messages(include_archived=True)]
    assert all(target not in p.message_ids for p in session.store.posts(carriers))
    assert session.undo_stack.undoText() == "Delete key message 'Every roof counts'"
    assert manager.current_id() not in (None, target)

    session.undo_stack.undo()
    assert session.key_message(target).title == "Every roof counts"
    assert all(target in p.message_ids for p in session.store.posts(carriers))
    assert "Every roof counts" in _listed(manager)


def test_declining_the_delete_question_keeps_the_message(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder(answer=False)
    manager = _messages(qtbot, session, recorder)
    target = _message_titled(session, "Every roof counts")
    depth = session.undo_stack.count()
    manager.select(target)
    manager.delete_item()
    assert recorder.questions
    assert session.key_message(target).title == "Every roof counts"
    assert session.undo_stack.count() == depth


def test_closing_applies_what_was_typed(qtbot: QtBot, session: CalendarSession) -> None:
    manager = _messages(qtbot, session, Recorder())
    target = _message_titled(session, "Every roof counts")
    manager.select(target)
    manager.priority_spin.setValue(42)
    manager.reject()
    assert session.key_message(target).priority == 42
    assert manager.result() == KeyMessageManager.DialogCode.Rejected


def test_the_undo_shortcut_works_inside_the_manager(qtbot: QtBot, session: CalendarSession) -> None:
    manager = _messages(qtbot, session, Recorder())
    target = _message_titled(session, "Every roof counts")
    manager.select(target)
    manager.cadence_spin.setValue(9)
    manager.apply()
    assert manager.undo_action.isEnabled()
    refused: list[str] = []
    session.report_error = lambda parent, exc: refused.append(str(exc))
    with read_only(session.store):
        manager.undo_action.trigger()
    assert refused == [READ_ONLY]
    assert session.key_message(target).cadence_days == 9
    assert session.undo_stack.index() == session.undo_stack.count()  # still to undo

    manager.undo_action.trigger()
    assert session.key_message(target).cadence_days == 10
    assert manager.cadence_spin.value() == 10
    assert not manager.undo_action.isEnabled()
    assert manager.redo_action.isEnabled()
    manager.redo_action.trigger()
    assert session.key_message(target).cadence_days == 9


def test_an_undo_in_a_manager_says_what_it_undid(qtbot: QtBot, session: CalendarSession) -> None:
    """A post deleted before the manager opened came back behind it on Ctrl+Z, unseen."""
    post = next(p for p in session.store.all_posts() if p.date is not None)
    session.push(DeletePostsCommand(session, [post.id]))
    manager = _channels(qtbot, session, Recorder())
    assert manager.step_said.text() == ""
    text = session.undo_stack.undoText()
    manager.undo_action.trigger()
    assert session.store.find_post(post.uid) is not None
    assert manager.step_said.text() == f"Undone: {text}."
    manager.redo_action.trigger()
    assert manager.step_said.text() == f"Redone: {text}."
    # A name said as typed ("<b>Made</b> in <Europe>" came out bold, "<Europe>" gone).
    assert manager.step_said.textFormat() == Qt.TextFormat.PlainText
    # Each key once: Ctrl+Shift+Z given twice (Linux's Redo is that key) redid nothing.
    keys = [k.toString() for k in manager.redo_action.shortcuts()]
    assert "Ctrl+Shift+Z" in keys
    assert len(keys) == len(set(keys))


# -- channels ------------------------------------------------------------------------------


def test_a_channel_s_limit_says_how_many_posts_to_come_it_leaves_too_long(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A limit lowered below the posts' bodies was taken in silence: only each post's
    editor, once opened, said it was over."""
    manager = _channels(qtbot, session, Recorder())
    linkedin = next(c for c in session.channels() if c.name == "LinkedIn")
    posts = [p for p in session.store.all_posts() if p.channel_id == linkedin.id]
    out = (PostStatus.PUBLISHED, PostStatus.CANCELLED)
    to_come = [p for p in posts if p.status not in out and p.body]
    assert to_come
    assert all(p.body.isascii() and "\r" not in p.body for p in to_come)
    manager.select(linkedin.id)
    manager.limit_check.setChecked(True)
    label = manager.over_limit_label
    colour = lambda: label.palette().color(QPalette.ColorRole.WindowText)  # noqa: E731
    for limit in (100, 160, 3000, 100, 3000, 3000):
        manager.limit_spin.setValue(limit)
        over = sum(len(p.body) > limit for p in to_come)
        said = f"{over} posts to come are longer than this." if over else ""
        assert label.text() == (said or "No post to come is longer than this.")
        # Red when some are, the muted grey of a hint when none is (it was pink, and
        # paler at each change).
        tone = warning_color if over else muted_color
        assert colour() == tone(manager.palette())
    assert label.isVisibleTo(manager)
    manager.limit_check.setChecked(False)
    assert not label.isVisibleTo(manager)

    # A post made longer (an undo here, another program) counts at once.
    manager.limit_check.setChecked(True)
    manager.limit_spin.setValue(3000)
    shortest = min((p for p in to_come if p.date is not None), key=lambda p: len(p.body))
    session.push(EditPostsCommand(session, {shortest.id: PostChanges(body="Long. " * 600)}))
    assert label.text() == "1 post to come is longer than this."
    # Renamed X, the channel counts as X does (a web address is 23): counted again.
    session.push(EditPostsCommand(session, {shortest.id: PostChanges(body="See a.co")}))
    manager.limit_spin.setValue(10)
    said = label.text()
    session.push(
        ChannelCommand(
            session, session.channel(linkedin.id), replace(session.channel(linkedin.id), name="X")
        )
    )
    assert label.text() != said
    assert label.text().startswith(f"{int(said.split()[0]) + 1} posts")
    manager.limit_spin.setValue(3000)
    # A published post is out already, a cancelled one never will be: not counted.
    session.push(EditPostsCommand(session, {shortest.id: PostChanges(status=PostStatus.PUBLISHED)}))
    assert label.text() == "No post to come is longer than this."


def test_a_paragraph_pasted_as_a_title_leaves_the_form_in_sight(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """The heading over the form wrapped it whole, 15 lines: the form was left a sliver."""
    manager = _messages(qtbot, session, Recorder())
    manager.resize(760, 460)
    with qtbot.waitExposed(manager):
        manager.show()
    target = _message_titled(session, "Every roof counts")
    paragraph = "Our own crews, trained here, install every system within three weeks. " * 12
    manager.select(target)
    manager.title_edit.setText(paragraph)
    qtbot.mouseClick(manager.apply_button, Qt.MouseButton.LeftButton)
    assert session.key_message(target).title == paragraph.strip()
    heading = manager.heading
    assert heading.text().startswith("Our own crews, trained here")
    assert heading.text().endswith("…")
    assert heading.toolTip()
    qtbot.waitUntil(lambda: manager.form_area.height() > 250)
    assert heading.height() < 4 * heading.fontMetrics().lineSpacing()
    manager.title_edit.setText("Every roof counts")
    qtbot.mouseClick(manager.apply_button, Qt.MouseButton.LeftButton)
    assert (heading.text(), heading.toolTip()) == ("Every roof counts", "")


def test_archiving_goes_on_to_the_next_item_as_a_deletion_does(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Archived (archived ones not shown), the form went to the first item: a Delete
    pressed next took that one."""
    manager = _channels(qtbot, session, Recorder())
    listed = [c.id for c in session.channels()]
    assert manager.select(listed[3])
    qtbot.mouseClick(manager.archive_button, Qt.MouseButton.LeftButton)
    assert session.channel(listed[3]).archived
    assert manager.current_id() == listed[4]
    assert manager.select(listed[-1])  # the last: the one before it
    qtbot.mouseClick(manager.archive_button, Qt.MouseButton.LeftButton)
    assert manager.current_id() == listed[-2]
    # Shown with the archived ones, it stays where it is.
    manager.show_archived_check.setChecked(True)
    assert manager.select(listed[1])
    qtbot.mouseClick(manager.archive_button, Qt.MouseButton.LeftButton)
    assert manager.current_id() == listed[1]


def test_deleting_a_channel_that_posts_use_is_refused(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder()
    manager = _channels(qtbot, session, recorder)
    linkedin = next(c for c in session.channels() if c.name == "LinkedIn")
    depth = session.undo_stack.count()
    manager.select(linkedin.id)
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)

    assert len(recorder.errors) == 1
    message = str(recorder.errors[0])
    assert message.startswith("The channel 'LinkedIn' has")
    assert "archive it instead" in message
    assert session.channel(linkedin.id) == linkedin
    assert session.undo_stack.count() == depth
    assert "LinkedIn" in _listed(manager)


def test_long_and_right_to_left_names_read_well_in_the_undo_text(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A channel's or campaign's name went whole into "Undo Add channel '…'" (109
    characters), and a Hebrew one was not set apart, as a key message's is."""
    manager = _channels(qtbot, session, Recorder())
    manager.add_item()
    long_name = "Regional community radio partnership programme for the northern provinces"
    manager.name_edit.setText(long_name)
    assert manager.apply()
    text = session.undo_stack.undoText()
    assert text.startswith("Add channel 'Regional community radio")
    assert text.endswith("…'")
    assert len(text) < len(long_name)
    manager.add_item()
    manager.name_edit.setText("רדיו קהילתי")
    assert manager.apply()
    assert session.undo_stack.undoText() == "Add channel '\u2068רדיו קהילתי\u2069'"


def test_add_edit_archive_and_delete_an_unused_channel(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder()
    manager = _channels(qtbot, session, recorder)
    manager.add_item()
    manager.name_edit.setText("Mastodon")
    manager.kind_combo.setCurrentIndex(manager.kind_combo.findData("social"))
    manager.limit_check.setChecked(True)
    manager.limit_spin.setValue(500)
    manager.color_field.set_color("#6364FF")
    assert manager.apply()
    channel = next(c for c in session.channels() if c.name == "Mastodon")
    assert (channel.kind, channel.char_limit, channel.color) == ("social", 500, "#6364ff")
    assert session.undo_stack.undoText() == "Add channel 'Mastodon'"

    manager.limit_check.setChecked(False)
    assert manager.apply()
    assert session.channel(channel.id).char_limit is None
    assert session.undo_stack.undoText() == "Edit channel 'Mastodon'"

    manager.toggle_archived()
    assert session.channel(channel.id).archived
    assert channel.id not in [c.id for c in session.channels()]
    assert manager.step_said.text() == (
        "Archived 'Mastodon': it is no longer offered for new posts. Show archived lists"
        " it, to restore it."
    )
    session.undo_stack.undo()
    assert not session.channel(channel.id).archived
    session.push(AddPostCommand(session, NewPost("Toot", channel.id, date=TODAY + timedelta(2))))
    manager.select(channel.id)
    manager.toggle_archived()
    assert "for new posts. 1 post to come still goes out on it, and stays planned." in (
        manager.step_said.text()
    )
    session.undo_stack.undo()
    session.undo_stack.undo()

    manager.select(channel.id)
    manager.delete_item()
    assert recorder.errors == []
    assert channel.id not in [c.id for c in session.channels(include_archived=True)]
    assert session.undo_stack.undoText() == "Delete channel 'Mastodon'"
    session.undo_stack.undo()
    assert session.channel(channel.id).name == "Mastodon"


def _new_channel_typed(qtbot: QtBot, session: CalendarSession, name: str) -> ChannelManager:
    """The channel manager on a new channel whose name is being typed."""
    manager = _channels(qtbot, session, Recorder())
    manager.add_item()
    qtbot.keyClicks(manager.name_edit, name)
    return manager


def test_a_new_channel_s_kind_follows_its_name_until_one_is_chosen(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """ "Blog" stayed social, where a new calendar's form and the command line guess."""
    manager = _new_channel_typed(qtbot, session, "Company blog")
    assert manager.kind_combo.currentData() == "blog"
    manager.kind_combo.setCurrentIndex(manager.kind_combo.findData("website"))
    manager.kind_combo.activated.emit(manager.kind_combo.currentIndex())  # as a choice does
    qtbot.keyClicks(manager.name_edit, " and podcast")
    assert manager.kind_combo.currentData() == "website"  # chosen: it stays
    assert manager.apply()
    blog = next(c for c in session.channels() if c.name == "Company blog and podcast")
    manager.select(blog.id)
    manager.name_edit.selectAll()
    qtbot.keyClicks(manager.name_edit, "Newsletter")  # a channel's kind is its own
    assert manager.kind_combo.currentData() == "website"


def test_a_new_channel_s_limit_follows_a_platform_s_name_until_one_is_chosen(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """ "Bluesky" added here had no limit, where a new calendar's form gives 300."""
    manager = _new_channel_typed(qtbot, session, "Bluesky")
    assert (manager.limit_check.isChecked(), manager.limit_spin.value()) == (True, 300)
    qtbot.keyClicks(manager.name_edit, " news")  # no platform's name now
    assert not manager.limit_check.isChecked()
    manager.name_edit.clear()
    qtbot.keyClicks(manager.name_edit, "Threads")
    assert manager.limit_spin.value() == 500
    manager.limit_spin.lineEdit().selectAll()
    qtbot.keyClicks(manager.limit_spin.lineEdit(), "450")  # chosen: it stays
    qtbot.keyClicks(manager.name_edit, " ")
    assert manager.apply()
    assert next(c for c in session.channels() if c.name == "Threads").char_limit == 450
    # The limit chosen was that channel's: the next new one is guessed again.
    manager.add_item()
    qtbot.keyClicks(manager.name_edit, "Bluesky")
    assert (manager.limit_check.isChecked(), manager.limit_spin.value()) == (True, 300)


def test_a_colour_like_another_channel_s_is_said_under_it(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """LinkedIn's blue chosen for Instagram was taken without a word: their chips could
    no longer be told apart."""
    manager = _channels(qtbot, session, Recorder())
    linkedin = next(c for c in session.channels() if c.name == "LinkedIn")
    other = next(c for c in session.channels() if c.id != linkedin.id)
    manager.select(other.id)
    assert not manager.color_hint.isVisibleTo(manager)
    manager.color_field.set_color(linkedin.color)
    assert manager.color_hint.isVisibleTo(manager)
    assert manager.color_hint.text() == (
        "Looks like the colour of 'LinkedIn': choose another to tell them apart."
    )
    assert manager.color_field.color_button.accessibleDescription() == (manager.color_hint.text())
    manager.revert()
    assert not manager.color_hint.isVisibleTo(manager)
    manager.select(linkedin.id)  # its own colour is no other's
    assert not manager.color_hint.isVisibleTo(manager)
    # Kept alike: each of the two names the other (going from one to the other, the
    # colour shown did not change, and the line named the one shown).
    manager.select(other.id)
    manager.color_field.set_color(linkedin.color)
    assert manager.apply()
    manager.select(linkedin.id)
    assert f"'{other.name}'" in manager.color_hint.text()
    manager.select(other.id)
    assert "'LinkedIn'" in manager.color_hint.text()


def test_a_new_channel_past_the_tenth_has_a_colour_of_its_own(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder()
    manager = _channels(qtbot, session, recorder)
    # Thirteen with the demo's six, which take four of the palette's ten colours.
    for name in ("X", "Facebook", "TikTok", "YouTube", "Podcast", "Threads", "Website"):
        manager.add_item()
        manager.name_edit.setText(name)
        assert manager.apply()
    manager.add_item()
    offered = manager.color_field.color().lower()
    taken = [c.color for c in session.channels(include_archived=True)]
    assert len(taken) == 13
    assert offered not in taken
    assert len(set(taken)) == 13  # each added one took a colour of its own too
    # Key messages and campaigns are offered colours that look like none in use either.
    in_use = session.store.colors_in_use()
    for other in (_campaigns(qtbot, session, recorder), _messages(qtbot, session, recorder)):
        assert min(difference(other._next_color(), color) for color in in_use) >= 10


def test_a_duplicate_channel_name_is_refused(qtbot: QtBot, session: CalendarSession) -> None:
    recorder = Recorder()
    manager = _channels(qtbot, session, recorder)
    blog = next(c for c in session.channels() if c.name == "Blog")
    before = session.store.channels(include_archived=True)
    manager.select(blog.id)
    manager.name_edit.setText("linkedin")
    assert not manager.apply()
    assert "already a channel called 'LinkedIn'" in str(recorder.errors[0])  # as spelled here
    assert session.store.channels(include_archived=True) == before


# -- campaigns -------------------------------------------------------------------------------


def test_add_a_campaign_and_delete_one_with_undo_restoring_its_posts(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder()
    manager = _campaigns(qtbot, session, recorder)
    assert not manager.archive_button.isVisibleTo(manager)
    assert not manager.show_archived_check.isVisibleTo(manager)

    manager.add_item()
    manager.name_edit.setText("Spring webinar")
    manager.kind_combo.setCurrentIndex(manager.kind_combo.findData("service"))
    manager.starts_field.check.setChecked(True)
    manager.starts_field.edit.setDate(QDate(2027, 3, 1))
    manager.ends_field.check.setChecked(True)
    manager.ends_field.edit.setDate(QDate(2027, 3, 31))
    assert manager.apply()
    added = next(c for c in session.campaigns() if c.name == "Spring webinar")
    assert added.kind == CampaignKind.SERVICE
    assert (added.starts_on, added.ends_on) == (date(2027, 3, 1), date(2027, 3, 31))
    assert session.undo_stack.undoText() == "Add campaign 'Spring webinar'"

    roof = next(c for c in session.campaigns() if c.name == "Free roof check")
    members = [p.id for p in session.store.all_posts() if p.campaign_id == roof.id]
    assert members
    manager.select(roof.id)
    manager.delete_item()
    assert f"{len(members)} posts belong to it" in recorder.questions[-1]
    assert roof.id not in [c.id for c in session.campaigns()]
    assert all(p.campaign_id is None for p in session.store.posts(members))
    assert "Free roof check" not in _listed(manager)

    session.undo_stack.undo()
    assert session.campaign(roof.id) == roof
    assert all(p.campaign_id == roof.id for p in session.store.posts(members))
    assert "Free roof check" in _listed(manager)

    session.undo_stack.undo()
    assert "Spring webinar" not in [c.name for c in session.campaigns()]


def test_a_campaign_ending_before_it_starts_is_refused(
    qtbot: QtBot, session: CalendarSession
) -> None:
    recorder = Recorder()
    manager = _campaigns(qtbot, session, recorder)
    roof = next(c for c in session.campaigns() if c.name == "Free roof check")
    manager.select(roof.id)
    assert roof.starts_on is not None
    manager.ends_field.edit.setDate(QDate(2000, 1, 1))
    assert not manager.apply()
    assert "end date comes before the start date" in str(recorder.errors[0])
    assert session.campaign(roof.id) == roof


def test_a_campaign_s_dates_say_how_many_of_its_posts_they_leave_out(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Its end moved before most of its posts, nothing was said (a lowered channel
    limit says how many posts it leaves too long)."""
    manager = _campaigns(qtbot, session, Recorder())
    roof = next(c for c in session.campaigns() if c.name == "Free roof check")
    days = sorted(p.date for p in session.store.all_posts() if p.campaign_id == roof.id and p.date)
    assert len(days) > 2
    manager.select(roof.id)
    assert not manager.outside_label.isVisibleTo(manager)  # all within
    end = days[1]
    manager.ends_field.check.setChecked(True)
    manager.ends_field.edit.setDate(QDate(end.year, end.month, end.day))
    outside = sum(1 for d in days if d > end)
    assert manager.outside_label.isVisibleTo(manager)
    assert manager.outside_label.text() == (
        f"{outside} of its {len(days)} dated posts fall outside these dates."
    )
    assert manager.ends_field.edit.accessibleDescription() == manager.outside_label.text()
    before = days[0] - timedelta(days=1)
    manager.ends_field.edit.setDate(QDate(before.year, before.month, before.day))
    assert manager.outside_label.text() == (
        f"All {len(days)} of its dated posts fall outside these dates."
    )
    manager.revert()
    assert not manager.outside_label.isVisibleTo(manager)


def test_undoing_the_add_of_the_item_being_edited_keeps_the_typing_as_a_new_item(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Ctrl+Z with a statement typed into the message just added: the add was undone,
    another message shown, and the typing gone. It stays, as a new message that Apply
    adds again (with the statement) and Revert drops."""
    manager = _messages(qtbot, session, Recorder())
    manager.add_item()
    manager.title_edit.setText("Short-lived")
    assert manager.apply()
    manager.statement_edit.setPlainText("typed, then the add is undone")
    session.undo_stack.undo()
    assert all(m.title != "Short-lived" for m in session.key_messages())
    assert manager.current_id() == NEW
    assert manager.title_edit.text() == "Short-lived"
    assert manager.statement_edit.toPlainText() == "typed, then the add is undone"
    assert manager.is_dirty()
    assert manager.apply()
    again = next(m for m in session.key_messages() if m.title == "Short-lived")
    assert again.statement == "typed, then the add is undone"

    # Undone then redone: the message is back, shown with the statement typed on it.
    manager.statement_edit.setPlainText("typed, undone, redone")
    session.undo_stack.undo()
    assert manager.current_id() == NEW
    session.undo_stack.redo()
    assert manager.current_id() == again.id
    assert manager.statement_edit.toPlainText() == "typed, undone, redone"
    assert manager.is_dirty()
    assert manager.apply()
    assert session.key_message(again.id).statement == "typed, undone, redone"

    manager.statement_edit.setPlainText("typed once more")
    session.undo_stack.undo()  # the statement's edit
    session.undo_stack.undo()  # the adding
    manager.revert()
    assert all(m.title != "Short-lived" for m in session.key_messages())
    assert not manager.is_dirty()


@pytest.mark.parametrize("make", [_messages, _channels, _campaigns])
def test_every_field_has_its_own_alt_key(
    qtbot: QtBot, session: CalendarSession, make: Callable[..., QWidget]
) -> None:
    manager = make(qtbot, session, Recorder())
    labels = [label.text() for label in manager.findChildren(QLabel) if label.buddy() is not None]
    buttons = [button.text() for button in manager.findChildren(QAbstractButton)]
    assert all("&" in text for text in labels), labels  # each field can be reached by Alt
    restoring = [RESTORE_TEXT if t == ARCHIVE_TEXT else t for t in buttons]  # an archived one
    for shown in (buttons, restoring):
        keys = [text[text.index("&") + 1].lower() for text in labels + shown if "&" in text]
        assert len(keys) == len(set(keys)), keys


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("make", [_messages, _channels, _campaigns])
def test_a_manager_fits_a_narrow_screen_its_form_scrolling(
    qtbot: QtBot, session: CalendarSession, make: Callable[..., QWidget]
) -> None:
    """A half screen at 125%, or large fonts: the managers were wider than the screen,
    Apply and Close past its edge."""
    with app_font_times(2):
        manager = cast(KeyMessageManager, make(qtbot, session, Recorder()))
        with qtbot.waitExposed(manager):
            manager.show()
        room = manager.screen().availableGeometry()
        assert manager.frameGeometry().width() <= room.width()
        for button in (manager.apply_button, manager.button_box.buttons()[0]):
            corner = button.mapTo(manager, button.rect().bottomRight())
            assert manager.rect().contains(corner), button.text()


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("make", [_messages, _channels, _campaigns])
def test_where_the_screen_has_room_the_form_shows_whole_at_its_rows_height(
    qtbot: QtBot, session: CalendarSession, make: Callable[..., QWidget]
) -> None:
    """Scrolled, the form's rows stretched to twice their height (labels beside empty
    space), and at 14pt the form scrolled both ways on a large screen."""
    with app_font_times(1.3):
        manager = cast(KeyMessageManager, make(qtbot, session, Recorder()))
        with qtbot.waitExposed(manager):
            manager.show()
        area = manager.form_area
        assert not area.horizontalScrollBar().isVisible()
        assert not area.verticalScrollBar().isVisible()
        field = manager.color_field
        assert field.height() <= field.sizeHint().height() + 2


@OFFSCREEN_POPUPS
def test_a_date_s_alt_key_goes_to_the_date_and_leaves_it_set(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Alt+N ("Starts o&n") on a message that starts on a day ticked its start off (a
    label's key clicks a box it points to): it goes to the date; on one without a start,
    to the box. Alt+L does the same for a channel's character limit."""
    manager = _messages(qtbot, session, Recorder())
    with qtbot.waitExposed(manager):
        manager.show()
    manager.select(_message_titled(session, "Every roof counts"))
    manager.starts_field.set_value(date(2026, 11, 2), date(2026, 11, 2))
    manager.title_edit.setFocus()
    qtbot.keyClick(manager, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert manager.starts_field.value() == date(2026, 11, 2)
    assert manager.focusWidget() is manager.starts_field.edit
    manager.ends_field.set_value(None, date(2026, 12, 31))
    qtbot.keyClick(manager, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert manager.focusWidget() is manager.ends_field.check

    channels = _channels(qtbot, session, Recorder())
    with qtbot.waitExposed(channels):
        channels.show()
    channels.limit_check.setChecked(True)
    channels.name_edit.setFocus()
    qtbot.keyClick(channels, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert channels.limit_check.isChecked()
    assert channels.focusWidget() is channels.limit_spin


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("answer", "saved", "still_open"),
    [
        ("discard", "Every roof counts", False),
        ("save", "Every roof count", False),
        ("cancel", "Every roof counts", True),
    ],
)
def test_escape_asks_before_it_drops_what_was_typed(
    qtbot: QtBot, session: CalendarSession, answer: str, saved: str, still_open: bool
) -> None:
    manager = _messages(qtbot, session, Recorder())
    asked: list[str] = []

    def ask(parent: QWidget, name: str) -> str:
        asked.append(name)
        return answer

    manager.ask_save_changes = ask  # type: ignore[assignment]
    with qtbot.waitExposed(manager):
        manager.show()
    target = _message_titled(session, "Every roof counts")
    manager.select(target)
    manager.title_edit.setFocus()
    manager.title_edit.setText("Every roof count")
    qtbot.keyClick(manager.title_edit, Qt.Key.Key_Escape)
    assert asked == ["Every roof counts"]
    assert session.key_message(target).title == saved
    assert manager.isVisible() == still_open
    if still_open:
        assert manager.title_edit.text() == "Every roof count", "the typing is kept"


@OFFSCREEN_POPUPS
def test_escape_on_a_new_item_asks_by_the_name_typed(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """It asked to save "New key message", the heading's word, not "Brand new"."""
    manager = _messages(qtbot, session, Recorder())
    asked: list[str] = []

    def ask(parent: QWidget, name: str) -> str:
        asked.append(name)
        return "cancel"

    manager.ask_save_changes = ask  # type: ignore[assignment]
    with qtbot.waitExposed(manager):
        manager.show()
    manager.add_item()
    qtbot.keyClicks(manager.title_edit, "Brand  new ")
    qtbot.keyClick(manager.title_edit, Qt.Key.Key_Escape)
    assert asked == ["Brand new"]


@OFFSCREEN_POPUPS
def test_escape_with_nothing_typed_just_closes(qtbot: QtBot, session: CalendarSession) -> None:
    manager = _messages(qtbot, session, Recorder())
    manager.ask_save_changes = lambda parent, name: pytest.fail("nothing to ask")
    with qtbot.waitExposed(manager):
        manager.show()
    qtbot.keyClick(manager.item_list, Qt.Key.Key_Escape)
    assert not manager.isVisible()


@OFFSCREEN_POPUPS
def test_an_undo_while_typing_keeps_the_typing_and_shows_the_rest_as_undone(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Ctrl+Z in the manager with a statement half typed: the cadence the undo took
    back shows as the calendar holds it, so the next Apply does not write it again."""
    manager = _messages(qtbot, session, Recorder())
    with qtbot.waitExposed(manager):
        manager.show()
    target = _message_titled(session, "Every roof counts")
    before = session.key_message(target)
    manager.select(target)
    manager.cadence_spin.setValue(before.cadence_days + 5)
    qtbot.mouseClick(manager.apply_button, Qt.MouseButton.LeftButton)
    assert session.key_message(target).cadence_days == before.cadence_days + 5

    manager.statement_edit.setPlainText("Every roof, every street.")
    manager.item_list.setFocus()  # in a text box, Ctrl+Z undoes typing
    qtbot.keyClick(manager.item_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.key_message(target) == before
    assert manager.cadence_spin.value() == before.cadence_days
    assert manager.statement_edit.toPlainText() == "Every roof, every street."
    assert manager.is_dirty()

    qtbot.mouseClick(manager.apply_button, Qt.MouseButton.LeftButton)
    assert session.key_message(target) == replace(before, statement="Every roof, every street.")

    # An undone rename shows in the heading too, the typing kept.
    manager.title_edit.setText("Every roof matters")
    qtbot.mouseClick(manager.apply_button, Qt.MouseButton.LeftButton)
    assert manager.heading.text() == "Every roof matters"
    manager.statement_edit.setPlainText("Typed again.")
    manager.item_list.setFocus()
    qtbot.keyClick(manager.item_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert manager.heading.text() == before.title
    assert manager.title_edit.text() == before.title
    assert manager.statement_edit.toPlainText() == "Typed again."


def test_ctrl_z_in_a_field_with_nothing_of_its_own_to_undo_undoes_the_calendar_s_step(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A name applied with Enter left the keyboard in its field, whose typing history
    the form's refill had emptied: Ctrl+Z there did nothing, though the deletion's
    question says "You can undo this with Ctrl+Z, here". Typing not yet applied is the
    field's to undo first."""
    manager = _messages(qtbot, session, Recorder())
    with qtbot.waitExposed(manager):
        manager.show()
    manager.activateWindow()
    target = _message_titled(session, "Every roof counts")
    before = session.key_message(target)
    manager.select(target)
    ctrl = Qt.KeyboardModifier.ControlModifier
    ctrl_shift = ctrl | Qt.KeyboardModifier.ShiftModifier
    for field in (manager.title_edit, manager.cadence_spin, manager.statement_edit):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        field.selectAll()
        qtbot.keyClicks(field, "7")
        assert manager.is_dirty()
        qtbot.keyClick(field, Qt.Key.Key_Z, ctrl)  # the typing's, not the calendar's
        assert session.key_message(target) == before
        assert not manager.is_dirty()
        field.selectAll()
        qtbot.keyClicks(field, "7")
        qtbot.mouseClick(manager.apply_button, Qt.MouseButton.LeftButton)
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        applied = session.key_message(target)
        assert applied != before
        qtbot.keyClick(field, Qt.Key.Key_Z, ctrl)
        assert session.key_message(target) == before
        assert manager.step_said.text().startswith("Undone: ")
        qtbot.keyClick(field, Qt.Key.Key_Z, ctrl_shift)
        assert session.key_message(target) == applied
        qtbot.keyClick(field, Qt.Key.Key_Z, ctrl)
        assert session.key_message(target) == before


def test_an_undo_of_another_item_leaves_the_typing_as_it_is(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """The form is not filled again for an undo that did not touch its item: the
    cursor stays where it was, and the text box's own undo still has the typing."""
    manager = _messages(qtbot, session, Recorder())
    target = _message_titled(session, "Every roof counts")
    other = session.key_message(_message_titled(session, "Solar pays for itself"))
    manager.select(target)
    session.push(UpdateKeyMessageCommand(session, replace(other, cadence_days=3)))
    qtbot.keyClicks(manager.statement_edit, " Typed")
    cursor = manager.statement_edit.textCursor().position()
    session.undo_stack.undo()
    assert session.key_message(other.id) == other
    assert manager.statement_edit.toPlainText().startswith(" Typed")
    assert manager.statement_edit.textCursor().position() == cursor
    assert manager.statement_edit.document().isUndoAvailable()


@OFFSCREEN_POPUPS
def test_a_long_title_wraps_and_the_manager_fits_a_small_screen(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A 100-character message made the dialog 1150 px wide, as wide at the least: Apply
    and Close were off an 800 px screen."""
    long_title = "Our technicians are certified, insured and local: " + "no bots, ever " * 4
    changes = session.store.add_key_message(long_title.strip(), cadence_days=14)
    session.notify(changes)
    (message_id,) = changes.created
    manager = _messages(qtbot, session, Recorder())
    assert manager.select(message_id)
    with qtbot.waitExposed(manager):
        manager.show()
    assert manager.heading.text() == long_title.strip()
    assert manager.minimumSizeHint().width() < 800
    assert manager.width() <= manager.screen().availableGeometry().width()
    assert manager.heading.height() > manager.heading.fontMetrics().lineSpacing()  # wrapped


def test_a_name_with_angle_brackets_reads_as_typed(qtbot: QtBot, session: CalendarSession) -> None:
    """The heading took "<h1>BIG</h1>" for markup: a big heading; "Launch <beta>" lost
    "<beta>". The question and error boxes read names as typed too."""
    recorder = Recorder()
    manager = _campaigns(qtbot, session, recorder)
    plain = session.store.add_campaign("BIG").created[0]
    marked = session.store.add_campaign("<h1>BIG</h1>").created[0]
    session.notify(session.store.add_campaign("Launch <beta>"))
    manager.select(plain)
    one_line = manager.heading.sizeHint().height()
    manager.select(marked)
    assert manager.heading.text() == "<h1>BIG</h1>"
    assert manager.heading.sizeHint().height() == one_line  # not a heading's size
    box = message_box(None)
    box.setText("Delete the campaign 'Launch <beta>'?")
    (label,) = [
        w for w in box.findChildren(QLabel) if w.text() == "Delete the campaign 'Launch <beta>'?"
    ]
    assert label.textFormat() == Qt.TextFormat.PlainText
    box.deleteLater()


@pytest.mark.parametrize("make", [_messages, _channels, _campaigns])
def test_tab_never_stops_on_the_forms_scroll_area(
    qtbot: QtBot, session: CalendarSession, make: Any
) -> None:
    """One stop a round was the frameless scroll area: no focus shown, no name said."""
    manager = make(qtbot, session, Recorder())
    stops = []
    widget = manager.item_list
    for _ in range(40):
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
            stops.append(widget)
    assert not [w for w in stops if isinstance(w, QScrollArea)]


@OFFSCREEN_POPUPS
def test_the_questions_buttons_each_have_a_letter_for_alt(qtbot: QtBot) -> None:
    """ "This one / This and following / All" and the Delete question had none: Alt+F
    did nothing, a keyboard user tabbed over them."""
    from calendar_app.ui.dialogs import ask_series_scope
    from calendar_app.ui.managers import ask_confirmation

    seen: list[list[str]] = []

    def answer_with(text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append([b.text() for b in box.buttons()])
        wanted = next((b for b in box.buttons() if b.text() == text), None)
        if wanted is None:
            box.reject()  # not there: the test fails below, the box closed
        else:
            wanted.click()

    QTimer.singleShot(0, lambda: answer_with("This and &following"))
    assert ask_series_scope(None, "move") == "following"
    QTimer.singleShot(0, lambda: answer_with("&Delete"))
    assert ask_confirmation(None, "Delete key message", "Delete it?")
    answers = [text for text in seen[0] if text.replace("&", "") != "Cancel"]  # Qt's own
    assert sorted(answers) == sorted(["&This one", "This and &following", "&All"])


def test_delete_ends_in_an_ellipsis_only_where_it_asks(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A channel went at once (unused; Undo brings it back) under "Delete…"."""
    assert _channels(qtbot, session, Recorder()).delete_button.text() == "&Delete"
    assert _messages(qtbot, session, Recorder()).delete_button.text() == "&Delete…"
    assert _campaigns(qtbot, session, Recorder()).delete_button.text() == "&Delete…"


# -- changed elsewhere meanwhile ----------------------------------------------------------


def test_what_is_typed_goes_over_what_another_window_changed_meanwhile(
    qtbot: QtBot, session: CalendarSession, demo_path: Path
) -> None:
    """A colour chosen here put back the name another window had given the channel
    meanwhile (and a rename here the other's cadence and statement)."""
    recorder = Recorder()
    channels = _channels(qtbot, session, recorder)
    messages = _messages(qtbot, session, recorder)
    campaigns = _campaigns(qtbot, session, recorder)
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None
    roofs = _message_titled(session, ROOFS)
    campaign = session.campaigns()[0]
    assert channels.select(linkedin.id)
    assert messages.select(roofs)
    assert campaigns.select(campaign.id)
    with CalendarStore.open(demo_path) as elsewhere:  # another window, or a script
        elsewhere.update_channel(linkedin.id, name="LinkedIn Company Page")
        theirs = elsewhere.key_message(roofs)
        elsewhere.update_key_message(replace(theirs, cadence_days=3, statement="Every one."))
        elsewhere.update_campaign(replace(elsewhere.campaign(campaign.id), name="Roof week"))

    channels.color_field.set_color("#123456")
    assert channels.apply(), recorder.errors
    assert session.store.channel(linkedin.id).name == "LinkedIn Company Page"
    assert session.store.channel(linkedin.id).color == "#123456"

    messages.title_edit.setText("Every roof matters")
    assert messages.apply(), recorder.errors
    message = session.store.key_message(roofs)
    assert (message.title, message.cadence_days, message.statement) == (
        "Every roof matters",
        3,
        "Every one.",
    )

    campaigns.color_field.set_color("#654321")
    assert campaigns.apply(), recorder.errors
    assert session.store.campaign(campaign.id).name == "Roof week"
    assert recorder.errors == []

    # Undo puts back what the file held before the step: the other window's change stays.
    session.undo_stack.undo()
    assert session.store.campaign(campaign.id).name == "Roof week"
    assert session.store.campaign(campaign.id).color == campaign.color


def test_a_field_another_window_changed_too_is_asked_before_it_goes_over(
    qtbot: QtBot, session: CalendarSession, demo_path: Path
) -> None:
    """Both windows typed a statement: this one's went over the other's without a word,
    and the other's Undo was refused (the post editor asks)."""
    messages = _messages(qtbot, session, Recorder())
    asked: list[tuple[str, str]] = []
    answers = [False, True]

    def ask(parent: object, name: str, changed: str) -> bool:
        asked.append((name, changed))
        return answers.pop(0)

    messages.ask_apply_over = ask
    roofs = _message_titled(session, ROOFS)
    assert messages.select(roofs)
    with CalendarStore.open(demo_path) as elsewhere:
        theirs = elsewhere.key_message(roofs)
        elsewhere.update_key_message(replace(theirs, statement="Theirs.", cadence_days=3))
    messages.statement_edit.setPlainText("Mine.")
    messages.priority_spin.setValue(messages.priority_spin.value() + 1)  # theirs kept
    assert not messages.apply()
    assert asked == [(ROOFS, "statement")]
    assert session.store.key_message(roofs).statement == "Theirs."
    assert messages.is_dirty()  # the typing stays, to apply over or revert
    assert messages.apply()
    now = session.store.key_message(roofs)
    assert (now.statement, now.cadence_days) == ("Mine.", 3)
    # The same text typed in both, or a field only one changed: nothing to ask.
    with CalendarStore.open(demo_path) as elsewhere:
        elsewhere.update_key_message(replace(now, statement="Agreed."))
    messages.statement_edit.setPlainText("Agreed.")
    assert messages.apply()
    assert len(asked) == 2


def test_archiving_keeps_what_another_window_changed_and_a_deleted_item_is_said(
    qtbot: QtBot, session: CalendarSession, demo_path: Path
) -> None:
    recorder = Recorder()
    channels = _channels(qtbot, session, recorder)
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None
    assert channels.select(linkedin.id)
    with CalendarStore.open(demo_path) as elsewhere:
        elsewhere.update_channel(linkedin.id, name="LinkedIn Company Page", color="#0a0a0a")
    channels.toggle_archived()
    now = session.store.channel(linkedin.id)
    assert (now.name, now.color, now.archived) == ("LinkedIn Company Page", "#0a0a0a", True)
    assert recorder.errors == []

    messages = _messages(qtbot, session, recorder)
    added = session.store.add_key_message("Said once")
    session.notify(added)
    lonely = added.created[0]
    assert messages.select(lonely)
    with CalendarStore.open(demo_path) as elsewhere:
        elsewhere.delete_key_message(lonely)
    messages.title_edit.setText("Said twice")
    assert not messages.apply()
    assert [str(e) for e in recorder.errors] == [
        "'Said once' was deleted in another window or program, so this key message"
        " cannot be changed."
    ]
    # Gone from the list, its form let go: Close closes, with nothing more to save.
    assert "Said once" not in _listed(messages)
    assert not messages.is_dirty()
    assert messages.current_id() != lonely


def test_undoing_a_deletion_brings_the_item_back_as_the_file_had_it(
    qtbot: QtBot, session: CalendarSession, demo_path: Path
) -> None:
    """A campaign renamed elsewhere, then deleted here: its undo brought back the name
    and dates this window had read."""
    recorder = Recorder()
    campaigns = _campaigns(qtbot, session, recorder)
    campaign = session.campaigns()[0]
    assert campaigns.select(campaign.id)
    with CalendarStore.open(demo_path) as elsewhere:
        theirs = replace(elsewhere.campaign(campaign.id), name="Roof week")
        elsewhere.update_campaign(theirs)
    campaigns.delete_item()
    assert campaign.id not in [c.id for c in session.store.campaigns()]
    session.undo_stack.undo()
    assert session.store.campaign(campaign.id).name == "Roof week"


def test_a_campaign_s_tooltip_writes_its_days_as_the_date_fields_do(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """ "Free roof check: service, 2026-11-21 – 2027-01-20" above fields that read
    "Sat 21 Nov 2026" (in Arabic, "السبت، ٢١ نوفمبر ٢٠٢٦")."""
    session.notify(
        session.store.add_campaign(
            "Roof check", starts_on=date(2026, 11, 21), ends_on=date(2027, 1, 20)
        )
    )
    manager = _campaigns(qtbot, session, Recorder())
    row = _listed(manager).index("Roof check")
    tip = manager.item_list.item(row).toolTip()
    assert "2026-11-21" not in tip
    first, last = (day_text(d, year=True) for d in (date(2026, 11, 21), date(2027, 1, 20)))
    assert f"{first} –\u2060 {last}" in tip  # (the dash kept with the day before it)


def test_a_long_title_wraps_in_the_list_and_shows_its_start_in_the_field(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """ "We answer every customer enquiry within o" behind a sideways scroll bar, and the
    Title field opened on the words at its end."""
    long = "We answer every customer enquiry within one working day, guaranteed"
    session.notify(session.store.add_key_message(long, cadence_days=7))
    manager = _messages(qtbot, session, Recorder())
    manager.resize(720, 520)
    with qtbot.waitExposed(manager):
        manager.show()
    listed = manager.item_list
    row = _listed(manager).index(long)
    listed.setCurrentRow(row)
    assert listed.horizontalScrollBar().maximum() == 0
    rect = listed.visualItemRect(listed.item(row))
    assert rect.width() <= listed.viewport().width()
    assert rect.height() > listed.fontMetrics().height() * 1.5  # on two lines, whole
    assert manager.title_edit.text() == long
    assert manager.title_edit.cursorPosition() == 0


@OFFSCREEN_POPUPS  # a top-level form of its own
def test_the_swatches_are_one_tab_stop_on_the_colour_chosen_and_the_arrows_choose(
    qtbot: QtBot,
) -> None:
    """Tab went to the first swatch ("blue, not checked" said of a purple message), then
    to the one focused last, whatever the colour chosen since."""
    colors = ["#2f6fde", "#e0532f", "#2ba36b", "#9b4dca", "#e3a008", "#d6336c", "#6b7b8c"]
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    field = ColorField(colors)
    before, after = QLineEdit(), QLineEdit()
    for widget in (before, field, after):
        layout.addWidget(widget)
    with qtbot.waitExposed(form):
        form.show()
    swatches = field.preset_buttons

    def tab_in() -> QWidget | None:
        before.setFocus()
        qtbot.waitUntil(before.hasFocus)
        qtbot.keyClick(before, Qt.Key.Key_Tab)  # the colour button
        qtbot.keyClick(field.color_button, Qt.Key.Key_Tab)
        return QApplication.focusWidget()

    field.set_color(colors[3])
    assert tab_in() is swatches[3]
    qtbot.keyClick(swatches[3], Qt.Key.Key_Right)  # the next colour, as radio buttons
    assert (field.color(), swatches[4].isChecked()) == (colors[4], True)
    field.set_color(colors[6])
    assert tab_in() is swatches[6]
    qtbot.keyClick(swatches[6], Qt.Key.Key_Tab)
    assert after.hasFocus()  # one stop: the others are passed by
    field.set_color("#123456")  # none of them: the first
    assert tab_in() is swatches[0]


@pytest.mark.parametrize(
    ("open_manager", "field", "said"),
    [
        (_messages, "title_edit", "A key message needs a title."),
        (_channels, "name_edit", "A channel needs a name."),
    ],
)
def test_enter_on_a_new_item_with_no_name_says_what_it_needs(
    qtbot: QtBot, session: CalendarSession, open_manager: Any, field: str, said: str
) -> None:
    """Apply waits greyed for a name: Enter on a new item said nothing at all."""
    manager = open_manager(qtbot, session, Recorder())
    with qtbot.waitExposed(manager):
        manager.show()
    manager.add_item()
    before = len(manager.records())
    qtbot.keyClick(getattr(manager, field), Qt.Key.Key_Return)
    assert manager.step_said.text() == said
    assert manager.step_said.accessibleDescription() == said  # (the name alone was read)
    assert manager.isVisible()
    assert len(manager.records()) == before
    qtbot.keyClicks(getattr(manager, field), "B")
    assert manager.step_said.text() == "", "taken back once a name is being typed"


def test_a_colour_field_is_as_wide_for_every_colour(qtbot: QtBot) -> None:
    """ "#e3a008" was a pixel wider than the colour the manager was sized for: at 20 pt its
    form scrolled sideways, and back when another message was chosen."""
    from calendar_app.core.store import PALETTE
    from calendar_app.ui.managers import ColorField

    field = ColorField()
    qtbot.addWidget(field)
    widths = set()
    for color in (*PALETTE, "#e3a008", "#111111", "#dddddd", "#ffffff"):
        field.set_color(color)
        widths.add(field.sizeHint().width())
    assert len(widths) == 1
