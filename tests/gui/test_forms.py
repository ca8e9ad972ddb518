"""Every form of the window labels its fields one way: a word and a colon, as the
platform's forms do (some dialogs wrote "Title", others "Calendar name:")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from calendar_app.ui.editor import PostEditor
from calendar_app.ui.export_options import ExportOptionsDialog
from calendar_app.ui.managers import CampaignManager, ChannelManager, KeyMessageManager
from calendar_app.ui.session import CalendarSession
from calendar_app.ui.settings import CalendarSettingsDialog
from calendar_app.ui.welcome import NewCalendarDialog

from .conftest import TODAY


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
