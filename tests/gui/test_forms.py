"""Every form of the window labels its fields one way: a word and a colon, as the
platform's forms do (some dialogs wrote "Title", others "Calendar name:")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from calendar_app.ui.dialogs import SaveAnswer
from calendar_app.ui.editor import PostEditor
from calendar_app.ui.export_options import ExportOptionsDialog
from calendar_app.ui.managers import CampaignManager, ChannelManager, KeyMessageManager
from calendar_app.ui.session import CalendarSession
from calendar_app.ui.settings import CalendarSettingsDialog
from calendar_app.ui.welcome import NewCalendarDialog, WelcomeDialog

from .conftest import OFFSCREEN_POPUPS, TODAY, app_font_times


def form_labels(dialog: QDialog) -> list[str]:
    """The text of each field's label in ``dialog``'s forms, shown or not."""
    labels: list[str] = []
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.text():
                labels.append(widget.text())
    return labels


def _new_post(session: CalendarSession) -> QDialog:
    editor = PostEditor(session, day=TODAY)
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    return editor


def _recurring_post(session: CalendarSession) -> QDialog:
    post = next(p for p in session.store.all_posts() if p.series_id is not None)
    editor = PostEditor(session, post)
    editor.start_changing_repeat()
    return editor


DIALOGS: dict[str, Callable[[CalendarSession], QDialog]] = {
    "new post": _new_post,
    "recurring post": _recurring_post,
    "key messages": KeyMessageManager,
    "channels": ChannelManager,
    "campaigns": CampaignManager,
    "calendar settings": CalendarSettingsDialog,
    "new calendar": lambda session: NewCalendarDialog(lambda plan: True),
    "publishing export": lambda session: ExportOptionsDialog(session, "sprout", "posts.csv"),
}


@pytest.mark.parametrize("name", DIALOGS)
def test_each_field_label_ends_in_a_colon(
    qtbot: QtBot, session: CalendarSession, name: str
) -> None:
    dialog = DIALOGS[name](session)
    qtbot.addWidget(dialog)
    labels = form_labels(dialog)
    assert labels
    assert [text for text in labels if not text.endswith(":")] == []


# -- Enter on a button presses it -------------------------------------------------

Pressing = tuple[QDialog, QPushButton, Callable[[], object]]
"""A dialog, the button to press with Enter, and what it then reads (its outcome)."""


def _new_calendar_cancel(session: CalendarSession) -> Pressing:
    made: list[object] = []

    def create(plan: object) -> bool:
        made.append(plan)
        return True

    dialog = NewCalendarDialog(create)
    dialog.ask_save_changes = lambda parent, title: "discard"  # (asked: the name typed)
    dialog.page.name_edit.setText("Pressed Cancel")
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    return dialog, cancel, lambda: (dialog.result(), made)


def _welcome_quit(session: CalendarSession) -> Pressing:
    dialog = WelcomeDialog(error_handler=lambda *a: None, notify=lambda *a: None)
    return dialog, dialog.quit_button, lambda: (dialog.result(), dialog.store)


def _welcome_back(session: CalendarSession) -> Pressing:
    dialog = WelcomeDialog(error_handler=lambda *a: None, notify=lambda *a: None)
    dialog.start_new_calendar()
    dialog.new_page.name_edit.setText("Enter test")
    return dialog, dialog.back_button, lambda: (dialog.page(), dialog.isVisible(), dialog.store)


def _editor_delete(session: CalendarSession) -> Pressing:
    post = next(p for p in session.store.all_posts() if p.series_id is None and p.date)
    editor = PostEditor(session, post)
    editor.ask_save_changes = lambda parent, title: "discard"
    editor.title_edit.setText("Changed title")
    assert editor.delete_button is not None
    return editor, editor.delete_button, lambda: session.store.find_post(post.uid)


def _editor_change_repeat(session: CalendarSession) -> Pressing:
    post = next(p for p in session.store.all_posts() if p.series_id is not None)
    editor = PostEditor(session, post)
    return (
        editor,
        editor.change_repeat_button,
        lambda: (editor.isVisible(), editor._changing_repeat),
    )


def _export_none(session: CalendarSession) -> Pressing:
    dialog = ExportOptionsDialog(session, "ics", "posts.ics")
    none = dialog.findChild(QPushButton, "exportChannelsNone")
    assert none is not None
    return (
        dialog,
        none,
        lambda: (dialog.result(), dialog.options().channel_ids, dialog.problem.text()),
    )


def _manager_add(session: CalendarSession) -> tuple[QDialog, QPushButton, Callable[[], int]]:
    manager = CampaignManager(session)
    return manager, manager.add_button, lambda: manager.item_list.count()


ENTER_ON: dict[str, tuple[Callable[[CalendarSession], Pressing], object]] = {
    # (Enter on Cancel made the calendar, on Quit opened the demo, on Back made the
    # calendar, on Delete saved the edit, on Change… closed the editor, on None exported)
    "new calendar: Cancel": (_new_calendar_cancel, (QDialog.DialogCode.Rejected, [])),
    "welcome: Quit": (_welcome_quit, (QDialog.DialogCode.Rejected, None)),
    "welcome: Back": (_welcome_back, (WelcomeDialog.CHOICES, True, None)),
    "editor: Delete": (_editor_delete, None),
    "editor: Change…": (_editor_change_repeat, (True, True)),
    "export: None": (_export_none, (0, frozenset(), "Tick at least one channel.")),
}


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("name", ENTER_ON)
def test_enter_on_a_button_presses_that_button(
    qtbot: QtBot, session: CalendarSession, name: str
) -> None:
    """Qt gave Enter on a button kept from being the default to the dialog's default:
    Cancel created, Quit opened the demo, Delete saved."""
    build, expected = ENTER_ON[name]
    dialog, button, outcome = build(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    button.setFocus()
    assert dialog.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert outcome() == expected


@OFFSCREEN_POPUPS
def test_enter_on_a_manager_s_add_adds(qtbot: QtBot, session: CalendarSession) -> None:
    """Enter on Add (Archive, Delete) did nothing at all."""
    manager, add, count = _manager_add(session)
    qtbot.addWidget(manager)
    manager.show()
    before = count()
    add.setFocus()
    qtbot.keyClick(add, Qt.Key.Key_Return)
    assert count() == before + 1


@pytest.mark.parametrize("name", DIALOGS)
def test_a_number_typed_out_of_range_is_taken_as_the_nearest(
    qtbot: QtBot, session: CalendarSession, name: str
) -> None:
    """0 typed as a cadence read "every 0 days" and the form kept the value before
    (Enter closed Calendar Settings as if saved, still 14); emptied, a field keeps its
    value (taken as the nearest, a limit of 3000 characters was saved as 1)."""
    dialog = DIALOGS[name](session)
    qtbot.addWidget(dialog)
    # (Not the year of a date field's calendar popup: Qt's own, named so.)
    spins = [s for s in dialog.findChildren(QSpinBox) if not s.objectName().startswith("qt_")]
    assert bool(spins) == (name not in ("campaigns", "publishing export"))
    for spin in spins:
        middle = (spin.minimum() + spin.maximum()) // 2
        for typed, value in (
            ("0", max(spin.minimum(), 0)),
            ("", middle),
            ("9" * 9, spin.maximum()),
        ):
            spin.setValue(middle)
            spin.lineEdit().setText(spin.prefix() + typed)
            spin.interpretText()
            assert (typed, spin.value()) == (typed, value)
            assert spin.text() == spin.prefix() + spin.textFromValue(value) + spin.suffix()


def test_a_default_cadence_typed_as_0_is_every_day(qtbot: QtBot, session: CalendarSession) -> None:
    dialog = CalendarSettingsDialog(session)
    qtbot.addWidget(dialog)
    spin = dialog.cadence_spin
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "0")
    assert spin.text() == "every 0 days"
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.text() == "every 1 day"
    dialog.accept()
    assert session.store.info().default_cadence_days == 1


def test_calendar_settings_ask_before_dropping_what_was_typed(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Escape dropped a name typed without a word; the editor, the managers and New
    Calendar ask."""
    asked: list[str] = []
    answers = ["cancel", "discard", "save"]

    def ask(parent: object, title: str) -> SaveAnswer:
        asked.append(title)
        return answers.pop(0)  # type: ignore[return-value]

    name = session.store.info().name
    untouched = CalendarSettingsDialog(session)
    qtbot.addWidget(untouched)
    untouched.ask_save_changes = ask
    untouched.show()
    qtbot.keyClick(untouched.name_edit, Qt.Key.Key_Escape)
    assert (asked, untouched.isVisible()) == ([], False)

    for answer in ("cancel", "discard", "save"):
        dialog = CalendarSettingsDialog(session)
        qtbot.addWidget(dialog)
        dialog.ask_save_changes = ask
        dialog.show()
        dialog.name_edit.setText("Client B")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
        assert asked[-1] == "Client B"
        assert dialog.isVisible() == (answer == "cancel")
        assert session.store.info().name == ("Client B" if answer == "save" else name)
        dialog.done(0)  # (closed unasked, still open after "cancel")
    assert len(asked) == 3


@OFFSCREEN_POPUPS
def test_a_question_s_short_second_sentence_stays_on_one_line(qtbot: QtBot) -> None:
    """ "Save this post?" made the box narrow: "If you don't, your changes are lost."
    broke before its last word, "lost." alone on a line (Calendar Settings' longer
    question showed it whole)."""
    from calendar_app.ui import dialogs

    box = dialogs._question(
        None, "saveChangesBox", "Unsaved Changes", "Save this post?", dialogs.UNSAVED_LOST
    )
    qtbot.addWidget(box)
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.show()
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert isinstance(label, QLabel)
    assert label.fontMetrics().horizontalAdvance(dialogs.UNSAVED_LOST) <= label.width()


@OFFSCREEN_POPUPS
def test_a_question_s_second_sentence_wraps_at_a_font_too_large_for_one_line(
    qtbot: QtBot,
) -> None:
    """At three times the usual font the one line ran past the screen's edge, cut."""
    from calendar_app.ui import dialogs

    with app_font_times(4):
        box = dialogs._question(
            None, "saveChangesBox", "Unsaved Changes", "Save this post?", dialogs.UNSAVED_LOST
        )
        qtbot.addWidget(box)
        label = box.findChild(QLabel, "qt_msgbox_informativelabel")
        assert isinstance(label, QLabel)
        assert label.wordWrap()
        room = box.screen().availableGeometry().width()
        assert label.fontMetrics().horizontalAdvance(dialogs.UNSAVED_LOST) > room // 2


@OFFSCREEN_POPUPS
def test_escape_in_a_new_calendar_s_form_asks_whether_to_create_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """It asked "Save your changes to 'My content calendar'?", of a calendar that did
    not exist yet."""
    from PySide6.QtWidgets import QApplication

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    dialog = NewCalendarDialog(lambda plan: False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.page.name_edit.setText("Client B")
    seen: list[tuple[str, str, list[str]]] = []

    def answer() -> None:  # (no assertion here: a box left open would hang the test)
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.text(), box.informativeText(), [b.text() for b in box.buttons()]))
        if isinstance(box, QDialog) and box is not dialog:
            box.reject()  # Escape: the form stays

    QTimer.singleShot(0, answer)
    qtbot.keyClick(dialog.page.name_edit, Qt.Key.Key_Escape)
    dialog.ask_save_changes = lambda parent, title: "discard"  # closed unasked at the end
    assert seen[0][0] == "Create the calendar 'Client B'?"
    assert seen[0][1] == "If you don't, what you filled in is lost."
    assert "&Create" in seen[0][2]
    assert dialog.isVisible()
    dialog.done(0)


def test_new_calendar_refused_says_its_problems_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on the form with a problem said nothing (said once, as it came up)."""
    from .conftest import heard_announcements

    made: list[object] = []

    def create(plan: object) -> bool:
        made.append(plan)
        return True

    dialog = NewCalendarDialog(create)
    qtbot.addWidget(dialog)
    dialog.page.name_edit.setText("")
    heard = heard_announcements(monkeypatch)
    dialog.accept()
    assert made == []
    assert heard == [dialog.page.problems_label.text()]
    assert "name" in heard[0]
    dialog.ask_save_changes = lambda parent, title: "discard"
