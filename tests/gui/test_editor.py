"""The post editor: what a user fills in ends up in the calendar, as one undo step."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from calendar_app.core.errors import InvalidInput
from calendar_app.core.models import NewPost, Post, PostStatus, WeekStart
from calendar_app.core.store import CalendarStore, ChangeSet
from calendar_app.render.cadence_strip import day_text
from calendar_app.render.chips import contrast
from calendar_app.ui.commands import DeleteChannelCommand, elide
from calendar_app.ui.dialogs import WINDOW_FRAME, OverAnswer, SaveAnswer, fit_on_screen
from calendar_app.ui.editor import (
    NOT_A_WEB_ADDRESS,
    PUBLISHED_AHEAD,
    READ_ONLY_EDITOR,
    SPACE_IN_ADDRESS,
    PostEditor,
    caution_color,
    date_format,
    new_post,
    qdate,
    warning_color,
)
from calendar_app.ui.session import CalendarSession, Filters

from .conftest import OFFSCREEN_POPUPS, TODAY, ScopeAnswers, unversioned


def _channel_id(session: CalendarSession, name: str) -> int:
    return next(c.id for c in session.channels() if c.name == name)


def _message_id(session: CalendarSession, title: str) -> int:
    return next(m.id for m in session.key_messages() if m.title == title)


def _campaign_id(session: CalendarSession, name: str) -> int:
    return next(c.id for c in session.campaigns() if c.name == name)


def _new_ids(session: CalendarSession, before: set[int]) -> list[int]:
    return sorted({p.id for p in session.store.all_posts()} - before)


def _all_ids(session: CalendarSession) -> set[int]:
    return {p.id for p in session.store.all_posts()}


def _editor(
    qtbot: QtBot, session: CalendarSession, post: Post | None = None, day: date | None = None
) -> PostEditor:
    editor = PostEditor(session, post, day=day)
    # A test that fails with changes typed must not wait on the question at teardown.
    editor.ask_save_changes = lambda parent, title: "discard"
    qtbot.addWidget(editor)
    return editor


def _check_messages(editor: PostEditor, ids: set[int]) -> None:
    for row in range(editor.message_list.count()):
        item = editor.message_list.item(row)
        wanted = int(item.data(Qt.ItemDataRole.UserRole)) in ids
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)


def _single_post(session: CalendarSession, channel: str = "LinkedIn") -> Post:
    """A dated, non-recurring post after today on ``channel``."""
    posts = session.store.posts_between(TODAY, TODAY + timedelta(days=20))
    return next(
        p for p in posts if p.series_id is None and session.channel(p.channel_id).name == channel
    )


def _series_posts(session: CalendarSession) -> list[Post]:
    first = next(p for p in session.store.all_posts() if p.series_id is not None)
    assert first.series_id is not None
    return session.store.series_posts(first.series_id)


# -- new posts ----------------------------------------------------------------


def test_the_editor_of_a_new_idea_is_titled_so(qtbot: QtBot, session: CalendarSession) -> None:
    """Shift+N and the backlog's + Idea opened "New post"."""
    assert _editor(qtbot, session).windowTitle() == "New Idea"
    editor = _editor(qtbot, session, day=date(2026, 11, 25))
    assert editor.windowTitle() == "New Post"
    editor.date_check.setChecked(False)  # to the backlog
    assert editor.windowTitle() == "New Idea"


def test_new_post_is_saved_with_exactly_the_fields_filled_in(
    qtbot: QtBot, session: CalendarSession
) -> None:
    day = date(2026, 11, 25)
    editor = _editor(qtbot, session, day=day)
    assert editor.date_check.isChecked()
    assert editor.date_edit.date() == QDate(2026, 11, 25)
    assert not editor.ok_button.isEnabled()  # no title yet

    blog = _channel_id(session, "Blog")
    carried = {
        _message_id(session, "Every roof counts"),
        _message_id(session, "Solar pays for itself"),
    }
    campaign = _campaign_id(session, "Free roof check")
    editor.title_edit.setText("  Roof check week  ")
    editor.body_edit.setPlainText("Book a free roof check.\nIt takes an hour.")
    editor.channel_combo.setCurrentIndex(editor.channel_combo.findData(blog))
    _check_messages(editor, carried)
    editor.campaign_combo.setCurrentIndex(editor.campaign_combo.findData(campaign))
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("scheduled"))
    editor.time_check.setChecked(True)
    editor.time_edit.setTime(QTime(10, 35))
    editor.link_edit.setText("https://solenne.example/roof-check")
    editor.notes_edit.setPlainText("Ask Anna for photos")
    assert editor.ok_button.isEnabled()

    before = _all_ids(session)
    depth = session.undo_stack.count()
    editor.accept()

    assert editor.result() == PostEditor.DialogCode.Accepted
    assert editor.saved
    (new_id,) = _new_ids(session, before)
    post = session.store.post(new_id)
    assert post.title == "Roof check week"
    assert post.body == "Book a free roof check.\nIt takes an hour."
    assert post.channel_id == blog
    assert set(post.message_ids) == carried
    assert post.campaign_id == campaign
    assert post.status == PostStatus.SCHEDULED
    assert (post.date, post.time) == (day, time(10, 35))
    assert post.link == "https://solenne.example/roof-check"
    assert post.notes == "Ask Anna for photos"
    assert post.series_id is None
    assert session.undo_stack.count() == depth + 1
    assert session.undo_stack.undoText() == "Add post 'Roof check week'"

    session.undo_stack.undo()
    assert session.store.posts([new_id]) == []
    session.undo_stack.redo()
    assert session.store.post(new_id).title == "Roof check week"


def test_the_editors_date_popups_start_weeks_on_the_calendars_first_day(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """The popups followed the computer's locale, whatever the calendar's setting."""
    for week_start, first in (
        (WeekStart.SUNDAY, Qt.DayOfWeek.Sunday),
        (WeekStart.MONDAY, Qt.DayOfWeek.Monday),
        (WeekStart.SATURDAY, Qt.DayOfWeek.Saturday),
    ):
        session.store.update_info(week_start=week_start)
        editor = _editor(qtbot, session, day=TODAY)
        for field in (editor.date_edit, editor.until_edit):
            assert field.calendarWidget().firstDayOfWeek() == first


def test_a_new_post_without_a_date_is_an_idea_in_the_backlog(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session)
    assert not editor.date_check.isChecked()
    assert editor.status_combo.currentData() == "idea"
    assert editor.backlog_hint.isVisibleTo(editor)
    editor.title_edit.setText("Interview an installer")
    before = _all_ids(session)
    editor.accept()

    (new_id,) = _new_ids(session, before)
    post = session.store.post(new_id)
    assert post.date is None
    assert post.time is None
    assert post.status == PostStatus.IDEA
    assert new_id in {p.id for p in session.store.backlog()}


def test_ticking_the_date_turns_an_untouched_idea_into_a_draft(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session)
    editor.date_check.setChecked(True)
    assert editor.status_combo.currentData() == "draft"
    editor.date_check.setChecked(False)
    assert editor.status_combo.currentData() == "idea"


def test_a_click_on_a_key_messages_name_ticks_it(qtbot: QtBot, session: CalendarSession) -> None:
    """A click on the words showed the row chosen in blue and left it unticked: the post
    was saved without the key message it was meant to carry."""
    editor = _editor(qtbot, session, day=TODAY)
    editor.show()
    listed = editor.message_list
    item = listed.item(1)
    wanted = int(item.data(Qt.ItemDataRole.UserRole))
    name = listed.visualItemRect(item)
    at = QPoint(name.right() - 10, name.center().y())  # on the name, far from the box
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert editor.checked_message_ids() == (wanted,)
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert editor.checked_message_ids() == ()


def test_a_new_post_is_written_for_what_the_filters_show(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """With Instagram alone shown, N opened on LinkedIn, the first channel: the post
    was hidden as soon as it was saved. The one key message or campaign shown is the
    new post's too."""
    instagram = _channel_id(session, "Instagram")
    message = _message_id(session, "Every roof counts")
    campaign = session.campaigns()[0].id
    session.set_filters(
        Filters(
            hidden_channels=frozenset(c.id for c in session.channels() if c.id != instagram),
            messages=frozenset({message}),
            campaigns=frozenset({campaign}),
        )
    )
    editor = _editor(qtbot, session, day=TODAY)
    assert editor.selected_channel_id() == instagram
    assert editor.checked_message_ids() == (message,)
    assert editor.campaign_combo.currentData() == campaign
    editor.title_edit.setText("For the filtered view")
    before = _all_ids(session)
    editor.accept()
    (new_id,) = _new_ids(session, before)
    assert session.filters.accepts(session.store.post(new_id))
    # Scheduled posts alone shown: the new one is scheduled, not a draft hidden at once.
    session.set_filters(Filters(statuses=frozenset({PostStatus.SCHEDULED})))
    editor = _editor(qtbot, session, day=TODAY)
    assert editor.status_combo.currentData() == PostStatus.SCHEDULED.value
    editor.title_edit.setText("Scheduled as shown")
    before = _all_ids(session)
    editor.accept()
    (new_id,) = _new_ids(session, before)
    assert session.filters.accepts(session.store.post(new_id))
    # Drafts among those shown: a draft still, as without a filter; an idea stays one.
    session.set_filters(Filters(statuses=frozenset({PostStatus.SCHEDULED, PostStatus.DRAFT})))
    assert _editor(qtbot, session, day=TODAY).status_combo.currentData() == "draft"
    session.set_filters(Filters(statuses=frozenset({PostStatus.SCHEDULED})))
    assert _editor(qtbot, session, day=None).status_combo.currentData() == "idea"
    # Not on a day gone by: scheduled there, it counted as delivered, an overdue key
    # message "ok" for a post that never went out. Its day moved ahead: scheduled.
    past = _editor(qtbot, session, day=TODAY - timedelta(days=3))
    assert past.status_combo.currentData() == "draft"
    past.date_edit.setDate(qdate(TODAY + timedelta(days=2)))
    assert past.status_combo.currentData() == "scheduled"


def test_key_messages_that_do_not_count_on_the_day_chosen_say_why(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """An archived message the post carries and one ended before the post's day looked
    like any other: the post seemed to deliver them."""
    post = _single_post(session)
    assert post.date is not None
    assert post.message_ids
    carried = session.store.key_message(post.message_ids[0])
    ended = next(m for m in session.key_messages() if m.id not in post.message_ids)
    end = post.date - timedelta(days=3)
    session.notify(
        session.store.update_key_message(replace(carried, archived=True))
        | session.store.update_key_message(replace(ended, ends_on=end))
    )
    editor = _editor(qtbot, session, post=post)
    texts = {
        int(item.data(Qt.ItemDataRole.UserRole)): item.text()
        for item in map(editor.message_list.item, range(editor.message_list.count()))
    }
    assert texts[carried.id] == f"{carried.title} (archived)"
    assert texts[ended.id].startswith(f"{ended.title} (ended ")
    editor.date_edit.setDate(qdate(end))  # its last day: it counts
    ended_item = next(
        item
        for item in map(editor.message_list.item, range(editor.message_list.count()))
        if int(item.data(Qt.ItemDataRole.UserRole)) == ended.id
    )
    assert ended_item.text() == ended.title
    assert editor.changes() == {"date": end}  # the words are no change of the post


def test_an_unticked_key_message_shows_its_box_in_a_dark_palette_and_a_light_one(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Its edge was all but the list's own colour: the boxes could not be seen."""
    editor = _editor(qtbot, session, day=TODAY)
    listed = editor.message_list
    dark = QPalette(QColor("#353535"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#232323"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    listed.setPalette(dark)
    listed.resize(300, 120)
    picture = listed.viewport().grab().toImage()
    row = listed.visualItemRect(listed.item(0))
    left = [  # the box, before the key message's colour
        picture.pixelColor(x, y).lightness()
        for x in range(row.left(), row.left() + 20)
        for y in range(row.top(), row.bottom())
    ]
    assert max(left) > 100  # an edge to see on the list's #232323
    # And on white (1.7:1, Fusion's own edge).
    light = QPalette(QColor("#efefef"))
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    light.setColor(QPalette.ColorRole.Text, QColor("#1f1f1f"))
    listed.setPalette(light)
    picture = listed.viewport().grab().toImage()
    darkest = min(
        (
            picture.pixelColor(x, y)
            for x in range(row.left(), row.left() + 20)
            for y in range(row.top(), row.bottom())
        ),
        key=lambda c: c.lightness(),
    )
    assert contrast(darkest, QColor("#ffffff")) >= 3.0


def test_an_idea_of_the_backlog_given_a_date_is_a_draft_as_if_dragged(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Dated in the editor, it stayed an idea: it filled no gap, where a drag of it
    onto the same day made a draft that did."""
    idea = next(p for p in session.store.backlog() if p.status == PostStatus.IDEA)
    editor = _editor(qtbot, session, post=idea)
    editor.date_check.setChecked(True)
    assert editor.status_combo.currentData() == "draft"
    editor.date_edit.setDate(qdate(TODAY + timedelta(days=2)))
    editor.accept()
    saved = session.store.post(idea.id)
    assert (saved.date, saved.status) == (TODAY + timedelta(days=2), PostStatus.DRAFT)
    assert saved.delivers_on(TODAY)


def test_a_timed_post_goes_to_the_backlog_with_one_untick(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Unticking "on" left "at" ticked, and Save refused: "A time needs a date"."""
    post = _single_post(session)
    assert post.time is not None
    editor = _editor(qtbot, session, post=post)
    editor.date_check.setChecked(False)
    assert not editor.time_check.isChecked()
    assert editor.problems() == []
    editor.date_check.setChecked(True)  # back on a day: its time is back too
    assert editor.chosen_time() == post.time
    editor.date_check.setChecked(False)
    editor.accept()
    saved = session.store.post(post.id)
    assert (saved.date, saved.time) == (None, None)


def test_a_published_post_sent_to_the_backlog_is_a_draft_there(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Its date unticked, it was saved undated and still published (the command line
    and a drop to the backlog make it a draft; a file could not bring that state)."""
    post = next(
        p
        for p in session.store.posts_between(TODAY - timedelta(days=20), TODAY)
        if p.status == PostStatus.PUBLISHED and p.series_id is None
    )
    editor = _editor(qtbot, session, post=post)
    editor.time_check.setChecked(False)
    editor.date_check.setChecked(False)
    assert editor.status_combo.currentData() == "draft"
    assert editor.problems() == []
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("published"))
    assert editor.problems() == [
        "A post in the backlog has no day to go out on: give it a date to keep it published."
    ]
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("draft"))
    editor.accept()
    saved = session.store.post(post.id)
    assert (saved.date, saved.status) == (None, PostStatus.DRAFT)


# -- the character count ---------------------------------------------------------------


def test_counts_read_one_time_and_six_times_and_dates_stay_in_the_years_planned(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    assert editor.count_spin.text().endswith(" times")
    editor.count_spin.setValue(1)
    assert editor.count_spin.text() == "1 time"
    # Typed past the most a series makes, the most (a digit was refused: 1500 was 150).
    editor.count_spin.lineEdit().selectAll()
    qtbot.keyClicks(editor.count_spin.lineEdit(), "1500")
    editor.count_spin.interpretText()
    assert editor.count_spin.value() == 1000
    assert (editor.date_edit.minimumDate().year(), editor.date_edit.maximumDate().year()) == (
        1900,
        2999,
    )


@pytest.mark.parametrize(("week_start", "first"), [("monday", 0), ("sunday", 6)])
def test_the_repeat_days_run_in_the_calendars_own_week(
    qtbot: QtBot, session: CalendarSession, week_start: str, first: int
) -> None:
    session.store.update_info(week_start=week_start)
    editor = _editor(qtbot, session, day=TODAY)
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    with qtbot.waitExposed(editor):
        editor.show()
    buttons = editor.weekday_buttons
    left_to_right = sorted(buttons, key=lambda day: buttons[day].mapTo(editor, QPoint()).x())
    assert left_to_right[:2] == [first, (first + 1) % 7]


@OFFSCREEN_POPUPS
def test_the_editor_fits_a_small_screen_and_grows_for_the_repeat_rows(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Where the screen has room, the repeat's rows make the editor taller rather
    than scrolled; on a small screen (200% on a 1080-line one) its fields scroll and
    Save and Cancel stay in sight (the editor was taller than the screen)."""
    editor = _editor(qtbot, session, day=TODAY)
    editor.ask_save_changes = lambda parent, title: "discard"
    with qtbot.waitExposed(editor):
        editor.show()
    room = editor.screen().availableGeometry().height() - WINDOW_FRAME.height()
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    tall = editor.sizeHint().height()
    assert tall <= room  # this screen has room for every row
    bar = editor.form_area.verticalScrollBar()
    qtbot.waitUntil(lambda: editor.height() == tall and not bar.isVisible())

    # Low on the screen, it grows upwards: Save and Cancel stay above the bottom.
    low = _editor(qtbot, session, day=TODAY)
    low.ask_save_changes = lambda parent, title: "discard"
    with qtbot.waitExposed(low):
        low.show()
    area = low.screen().availableGeometry()
    low.move(low.x(), area.bottom() - low.frameGeometry().height() - 10)
    qtbot.waitUntil(lambda: low.frameGeometry().bottom() >= area.bottom() - 12)
    assert low.height() < tall
    low.repeat_combo.setCurrentIndex(low.repeat_combo.findData("WEEKLY"))
    qtbot.waitUntil(lambda: low.height() == tall)
    assert area.top() <= low.frameGeometry().top()
    assert low.frameGeometry().bottom() <= area.bottom()

    # A screen smaller than the fields: as small as the screen, and no smaller than that.
    fit_on_screen(editor, 5000, 5000)
    assert editor.height() <= room
    small = room // 2
    assert editor.minimumSizeHint().height() <= small  # it could be made that small
    editor.resize(editor.width(), small)
    qtbot.waitUntil(lambda: editor.height() == small and bar.isVisible())
    cancel = editor.button_box.button(QDialogButtonBox.StandardButton.Cancel)
    for button in (editor.ok_button, cancel):
        assert button is not None
        corner = button.mapTo(editor, QPoint(button.width(), button.height()))
        assert editor.rect().contains(corner)


def test_a_time_the_clocks_skip_is_said(qtbot: QtBot, session: CalendarSession) -> None:
    """02:30 on the night the clocks go forward does not exist: the editor says when
    the post goes out instead (calendar programs show it then)."""
    editor = _editor(qtbot, session, day=date(2027, 3, 28))  # in Amsterdam
    editor.title_edit.setText("Night owl special")
    editor.time_check.setChecked(True)
    editor.time_edit.setTime(QTime(2, 30))
    assert editor.clock_hint.isVisibleTo(editor)
    assert editor.clock_hint.text() == (
        "The clocks go forward that night: 02:30 does not exist, so the post goes out at 03:30."
    )
    # Said on the field too, to a screen reader (the line under it is no Tab stop).
    assert editor.time_edit.accessibleDescription() == editor.clock_hint.text()
    assert editor.ok_button.isEnabled()  # said, not refused
    editor.time_edit.setTime(QTime(3, 30))
    assert not editor.clock_hint.isVisibleTo(editor)
    assert editor.time_edit.accessibleDescription() == ""
    editor.time_edit.setTime(QTime(2, 30))
    editor.date_edit.setDate(QDate(2027, 3, 29))
    assert not editor.clock_hint.isVisibleTo(editor)
    editor.date_edit.setDate(QDate(2027, 10, 31))  # the night the clocks go back
    assert editor.clock_hint.isVisibleTo(editor)
    assert editor.clock_hint.text() == (
        "The clocks go back that night: 02:30 comes twice, and the post goes out at the first."
    )


@pytest.mark.parametrize(
    ("locale", "month"),
    [
        (QLocale(QLocale.Language.German, QLocale.Country.Germany), "März"),
        (QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt), "مارس"),
    ],
)
def test_the_repeat_summary_writes_its_days_in_the_language(
    qtbot: QtBot, session: CalendarSession, locale: QLocale, month: str
) -> None:
    """ "Makes 10 posts: Mon, 22 Mar 2027 – Wed, 31 Mar 2027" under a date field in German
    or Arabic (and Latin digits beside the Arabic time in the same sentence)."""
    QLocale.setDefault(locale)
    try:
        editor = _editor(qtbot, session, day=date(2027, 3, 22))
        editor.title_edit.setText("Daily")
        editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("DAILY"))
        editor.count_radio.setChecked(True)
        editor.count_spin.setValue(10)
        summary = editor.repeat_summary.text()
    finally:
        QLocale.setDefault(QLocale.c())
    assert month in summary, summary
    assert "Mar " not in summary


def test_a_series_crossing_a_night_the_clocks_change_says_so(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Every day at 02:30 from 26 March: the summary said nothing of the night the
    clocks skip 02:30, on its third day."""
    editor = _editor(qtbot, session, day=date(2027, 3, 26))  # in Amsterdam
    editor.title_edit.setText("Night owl special")
    editor.time_check.setChecked(True)
    editor.time_edit.setTime(QTime(2, 30))
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("DAILY"))
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(5)
    assert not editor.clock_hint.isVisibleTo(editor)  # the post's own day has 02:30
    night = qdate(date(2027, 3, 28)).toString(date_format())
    assert editor.repeat_summary.text().endswith(
        f"\nOn {night} the clocks go forward: 02:30 does not exist, so that post goes out at 03:30."
    )
    editor.until_radio.setChecked(True)
    editor.until_edit.setDate(QDate(2028, 4, 1))  # a night they go back, one forward
    back = qdate(date(2027, 10, 31)).toString(date_format())
    assert editor.repeat_summary.text().endswith(
        "so that post goes out at 03:30. The same on 1 more night.\n"
        f"On {back} the clocks go back: 02:30 comes twice, and that post goes out at the first."
    )
    editor.time_edit.setTime(QTime(9, 0))
    assert "clocks" not in editor.repeat_summary.text()


@pytest.mark.parametrize(
    "joined",
    [
        "\U0001f1ef\U0001f1f5",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
        "e\u0301",
    ],
)
def test_a_title_cut_short_in_a_step_s_name_keeps_its_characters_whole(joined: str) -> None:
    """A flag cut in two showed a boxed letter in the undo text and status bar."""
    assert elide("a" * 38 + joined + "b" * 10) == "a" * 38 + joined + "…"


def test_characters_are_counted_as_the_channel_s_platform_counts(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """150 Chinese characters read "150 / 280" on X, which counts 300 and refuses the
    post; a family emoji counted 7 (its code points) anywhere."""
    session.notify(session.store.add_channel("X", kind="social", char_limit=280))
    editor = _editor(qtbot, session, day=TODAY)
    editor.channel_combo.setCurrentIndex(editor.channel_combo.findData(_channel_id(session, "X")))
    editor.title_edit.setText("Launch")
    editor.body_edit.setPlainText("中" * 150)
    assert editor.char_count_label.text() == "300 / 280 · 20 over the limit for X"
    assert editor.is_over_limit()
    assert "Chinese, Japanese and Korean" in editor.char_count_label.toolTip()
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    editor.body_edit.setPlainText(f"Our team {family}")
    assert editor.char_count_label.text() == "11 / 280"  # an emoji is two on X
    editor.channel_combo.setCurrentIndex(
        editor.channel_combo.findData(_channel_id(session, "LinkedIn"))
    )
    assert editor.char_count_label.text() == "10 / 3000"  # and one character to a reader
    assert "an emoji, a flag" in editor.char_count_label.toolTip()


def test_character_count_against_the_channel_limit(qtbot: QtBot, session: CalendarSession) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    editor.channel_combo.setCurrentIndex(
        editor.channel_combo.findData(_channel_id(session, "LinkedIn"))
    )
    editor.body_edit.setPlainText("x" * 212)
    assert editor.char_count_label.text() == "212 / 3000"
    assert not editor.is_over_limit()

    # The body fits, but not with the title before it, as Hootsuite and Sprout get it.
    editor.title_edit.setText("T" * 10)
    editor.body_edit.setPlainText("x" * 2990)
    assert editor.char_count_label.text() == (
        "2990 / 3000 · 2 over once the title goes first (Hootsuite, Sprout Social)"
    )
    assert editor.is_over_limit()
    # A caution, not an alarm: posted by hand, it fits. The sentence wraps, never cut.
    label = editor.char_count_label
    assert label.palette().color(QPalette.ColorRole.WindowText) == caution_color(label.palette())
    assert not label.font().bold()
    assert label.wordWrap()
    editor.title_edit.setText("T" * 8)  # 8 + 2 + 2990: just fits
    assert editor.char_count_label.text() == "2990 / 3000"
    assert not editor.is_over_limit()
    # A text that begins with its title goes out once: the body alone.
    editor.title_edit.setText("First line")
    editor.body_edit.setPlainText("First line\n" + "x" * 2989)
    assert editor.char_count_label.text() == "3000 / 3000"
    assert not editor.is_over_limit()
    editor.title_edit.setText("T" * 8)
    editor.body_edit.setPlainText("x" * 2990)
    # Sprout Social has no link column: the link ends its text; Hootsuite publishes its
    # link column's after the text, and takes a web address only.
    editor.link_edit.setText("https://x.io")
    assert editor.char_count_label.text() == (
        "2990 / 3000 · 14 over with the title and link (Hootsuite, Sprout Social)"
    )
    editor.link_edit.setText("mailto:a@x.io")
    assert editor.char_count_label.text() == (
        "2990 / 3000 · 15 over with the title and link (Sprout Social)"
    )
    # A link the text has already goes out once, and is counted once.
    editor.link_edit.setText("https://x.io")
    editor.body_edit.setPlainText("x" * 2977 + " https://x.io")
    assert editor.char_count_label.text() == "2990 / 3000"
    editor.body_edit.setPlainText("x" * 2990)
    assert editor.is_over_limit()
    editor.link_edit.setText("")
    assert not editor.is_over_limit()

    # Within the limit, the limit, and near it the room left (not heard until over).
    assert editor.body_edit.accessibleDescription() == "Limit for LinkedIn: 3000; 2990 / 3000"
    editor.body_edit.setPlainText("y" * 100)
    assert editor.body_edit.accessibleDescription() == "Limit for LinkedIn: 3000"
    editor.body_edit.setPlainText("y" * 3048)
    assert editor.char_count_label.text().startswith("3048 / 3000")
    assert "48 over the limit for LinkedIn" in editor.char_count_label.text()
    # Said on the field typed in, to a screen reader (the count under it is no Tab stop).
    assert editor.body_edit.accessibleDescription() == editor.char_count_label.text()
    assert editor.is_over_limit()
    red = warning_color(editor.palette())
    assert editor.char_count_label.palette().color(QPalette.ColorRole.WindowText) == red
    assert editor.char_count_label.font().bold()
    assert editor.title_edit.text()
    assert editor.ok_button.isEnabled()  # over is a warning only

    editor.channel_combo.setCurrentIndex(
        editor.channel_combo.findData(_channel_id(session, "Newsletter"))
    )
    assert editor.char_count_label.text() == "3048 characters"
    assert not editor.is_over_limit()
    assert editor.char_count_label.palette().color(QPalette.ColorRole.WindowText) != red


# -- validation -----------------------------------------------------------------------------


@OFFSCREEN_POPUPS
def test_the_editor_grows_when_the_count_takes_a_second_line(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Over the limit of a channel with a long name, the count took two lines and a scroll
    bar came, hiding Notes, on a screen with room to spare."""
    changes = session.store.add_channel("X (formerly Twitter) company account", char_limit=280)
    session.notify(changes)
    editor = _editor(qtbot, session, day=TODAY)
    editor.channel_combo.setCurrentIndex(editor.channel_combo.findData(changes.created[0]))
    _show(qtbot, editor)
    bar = editor.form_area.verticalScrollBar()
    assert bar.maximum() == 0
    editor.title_edit.setText("A title")
    editor.body_edit.setPlainText("x" * 300)
    assert editor.char_count_label.height() > editor.char_count_label.fontMetrics().height() * 1.5
    assert bar.maximum() == 0  # everything still in sight


def test_a_repeat_the_calendar_cannot_hold_is_said_before_a_title_is_typed(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """With no title yet, a repeat running past 2999 raised out of the form (the rule is
    checked once the title is there), the summary blank."""
    editor = _editor(qtbot, session, day=date(2999, 6, 1))
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("MONTHLY"))
    editor.interval_spin.setValue(99)
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(6)
    assert "past 2999" in editor.repeat_summary.text()
    assert not editor.ok_button.isEnabled()


@OFFSCREEN_POPUPS
def test_a_repeat_s_summary_shows_before_the_title_and_the_editor_grows_for_it(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Weekly at 02:30 over a night the clocks go forward: before a title was typed the
    summary was blank (no word of the night); typed, its lines came and a scroll bar
    hid Notes."""
    editor = _editor(qtbot, session, day=date(2027, 3, 21))  # in Amsterdam
    _show(qtbot, editor)
    bar = editor.form_area.verticalScrollBar()
    editor.time_check.setChecked(True)
    editor.time_edit.setTime(QTime(2, 30))
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(6)
    assert "the clocks go forward" in editor.repeat_summary.text()
    assert not editor.ok_button.isEnabled()  # (no title yet)
    QApplication.processEvents()
    assert bar.maximum() == 0
    editor.title_edit.setText("Night owl special")
    QApplication.processEvents()
    assert bar.maximum() == 0


@OFFSCREEN_POPUPS
def test_the_editor_grows_for_a_problem_and_for_the_links_word(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """ "A post needs a title." took Notes' room: a scroll bar, on a screen with room to
    spare."""
    editor = _editor(qtbot, session, post=_single_post(session))
    _show(qtbot, editor)
    bar = editor.form_area.verticalScrollBar()
    assert bar.maximum() == 0
    editor.title_edit.clear()
    assert editor.validation_label.isVisible()
    assert bar.maximum() == 0
    assert not editor.link_hint.isVisible()
    editor.link_edit.setText("solar.example/calculator")  # no https://: no link to open
    assert editor.link_hint.isVisible()
    assert editor.link_edit.accessibleDescription() == editor.link_hint.text()  # read out
    QApplication.processEvents()  # the layout requests the new row posted: handled
    assert bar.maximum() == 0
    editor.link_edit.setText("https://solar.example/calculator")
    assert not editor.link_hint.isVisible()


def test_a_title_or_a_link_pasted_from_two_lines_is_kept_on_one(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """The field showed one line; the line end was kept, unseen: a chip ran the words
    together and a publishing tool's file put the title on two lines."""
    post = _single_post(session)
    editor = _editor(qtbot, session, post=post)
    editor.title_edit.setText("Solar pays for itself:\nthe Jansens' bill, one year on")
    # A long address a mail broke over two lines comes back whole, not with a space.
    editor.link_edit.setText("https://solar.example/a/long/\npath?x=1\r\n")
    assert not editor.link_hint.isVisibleTo(editor)
    editor.accept()
    saved = session.store.post(post.id)
    assert saved.title == "Solar pays for itself: the Jansens' bill, one year on"
    assert saved.link == "https://solar.example/a/long/path?x=1"


@pytest.mark.parametrize(
    "typed",
    [
        "https://acme.sharepoint.com/sites/press/Shared Documents/Press kit 2027.pdf",
        "https://solar.example/spring\nread it before Friday",  # words on the next line
        "https://solar.example/Press\u00a0kit.pdf",  # a no-break space, as pasted
    ],
)
def test_a_link_with_spaces_is_kept_as_typed_and_told_it_has_them(
    qtbot: QtBot, session: CalendarSession, typed: str
) -> None:
    """Taken out unsaid, they made another address ("…/SharedDocuments/Presskit2027.pdf",
    "…/springreaditbeforeFriday"), one that does not exist."""
    post = _single_post(session)
    editor = _editor(qtbot, session, post=post)
    editor.link_edit.setText(typed)
    assert editor.link_hint.isVisibleTo(editor)
    assert editor.link_hint.text() == SPACE_IN_ADDRESS
    assert editor.link_edit.accessibleDescription() == SPACE_IN_ADDRESS
    editor.accept()
    assert session.store.post(post.id).link == " ".join(typed.split("\n"))
    editor = _editor(qtbot, session, post=post)
    editor.link_edit.setText("solar.example/spring")
    assert editor.link_hint.text() == NOT_A_WEB_ADDRESS


def test_title_is_required_and_a_time_needs_a_date(qtbot: QtBot, session: CalendarSession) -> None:
    editor = _editor(qtbot, session, post=_single_post(session))
    assert editor.ok_button.isEnabled()
    assert editor.validation_label.isHidden()

    editor.title_edit.clear()
    assert "A post needs a title." in editor.validation_label.text()
    assert not editor.validation_label.isHidden()
    assert not editor.ok_button.isEnabled()

    editor.title_edit.setText("Back again")
    editor.date_check.setChecked(False)  # the time goes with it...
    editor.time_check.setChecked(True)  # ...and comes back alone
    assert "A time needs a date" in editor.validation_label.text()
    assert not editor.ok_button.isEnabled()
    depth = session.undo_stack.count()
    editor.accept()  # refused: nothing saved, the dialog stays
    assert session.undo_stack.count() == depth
    assert editor.result() != PostEditor.DialogCode.Accepted

    editor.time_check.setChecked(False)
    assert editor.ok_button.isEnabled()
    assert editor.validation_label.isHidden()


# -- editing -------------------------------------------------------------------------------


def test_editing_changes_only_the_changed_fields_in_one_undo_step(
    qtbot: QtBot, session: CalendarSession
) -> None:
    original = _single_post(session)
    editor = _editor(qtbot, session, post=original)
    assert editor.changes() == {}
    editor.title_edit.setText("A sharper headline")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("cancelled"))
    assert editor.changes() == {"title": "A sharper headline", "status": PostStatus.CANCELLED}

    depth = session.undo_stack.count()
    editor.accept()
    assert session.undo_stack.count() == depth + 1
    assert session.undo_stack.undoText() == "Edit post 'A sharper headline'"
    edited = session.store.post(original.id)
    assert edited.title == "A sharper headline"
    assert edited.status == PostStatus.CANCELLED
    unchanged = ("body", "channel_id", "campaign_id", "date", "time", "link", "notes", "uid")
    for field in unchanged:
        assert getattr(edited, field) == getattr(original, field), field
    assert set(edited.message_ids) == set(original.message_ids)

    session.undo_stack.undo()
    assert session.store.post(original.id) == original
    session.undo_stack.redo()
    assert session.store.post(original.id).title == "A sharper headline"


def test_text_is_saved_exactly_as_typed_no_break_spaces_and_all(
    qtbot: QtBot, session: CalendarSession
) -> None:
    original = _single_post(session)
    body = "Prix\u00a0: 12\u00a0€ par mois\u202fTTC\nz.\u00a0B. ab\u00a0Mai"
    session.store.update_post(original.id, {"body": body})
    editor = _editor(qtbot, session, post=session.store.post(original.id))
    assert editor.changes() == {}  # the text read back is the text stored
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.body_edit, " !")
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.body_edit, "Fin")
    editor.notes_edit.setPlainText("Tarif\u00a0: 12\u00a0€")
    editor.accept()
    saved = session.store.post(original.id)
    assert saved.body == body + " !\nFin"  # Shift+Enter is a line break like any other
    assert saved.notes == "Tarif\u00a0: 12\u00a0€"


def test_saving_without_changes_pushes_nothing(qtbot: QtBot, session: CalendarSession) -> None:
    editor = _editor(qtbot, session, post=_single_post(session))
    depth = session.undo_stack.count()
    editor.accept()
    assert editor.result() == PostEditor.DialogCode.Accepted
    assert not editor.saved
    assert session.undo_stack.count() == depth


def test_moving_a_post_to_the_backlog_drops_its_time(
    qtbot: QtBot, session: CalendarSession
) -> None:
    original = next(
        p
        for p in session.store.all_posts()
        if p.time and p.series_id is None and p.status == PostStatus.DRAFT
    )
    editor = _editor(qtbot, session, post=original)
    editor.date_check.setChecked(False)
    assert not editor.time_check.isChecked()  # no time without a day
    assert editor.changes() == {"date": None, "time": None}
    editor.accept()
    moved = session.store.post(original.id)
    assert (moved.date, moved.time) == (None, None)


def test_a_scheduled_post_sent_to_the_backlog_is_a_draft_again(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """As a post cut into the backlog: nothing undated is scheduled. Dated again before
    saving, it is scheduled as it was; a status the user chose stays."""
    original = _single_post(session)
    assert original.status == PostStatus.SCHEDULED
    editor = _editor(qtbot, session, post=original)
    editor.date_check.setChecked(False)
    assert editor.changes()["status"] == PostStatus.DRAFT
    editor.date_check.setChecked(True)
    assert "status" not in editor.changes()
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("published"))
    editor.status_combo.activated.emit(editor.status_combo.currentIndex())
    editor.date_check.setChecked(False)
    assert editor.changes()["status"] == PostStatus.PUBLISHED


@OFFSCREEN_POPUPS
def test_alt_w_goes_to_the_date_and_leaves_it_on(qtbot: QtBot, session: CalendarSession) -> None:
    """The "When" label's key goes to the date; it unticked "on" (a label's button buddy
    is clicked), and saving then sent the post to the backlog."""
    original = _single_post(session)
    editor = _editor(qtbot, session, post=original)
    with qtbot.waitExposed(editor):
        editor.show()
    editor.activateWindow()
    editor.title_edit.setFocus()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert editor.date_check.isChecked()
    focus = QApplication.focusWidget()
    assert focus is not None
    assert focus is editor.date_edit or editor.date_edit.isAncestorOf(focus)
    assert editor.changes() == {}
    # An undated post: Alt+W ticks "on" (Qt clicks the button a little later).
    editor.date_check.setChecked(False)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.date_check.isChecked)


# -- repeating ---------------------------------------------------------------------------------


def test_the_summary_says_where_a_series_stops_short_and_which_months_it_skips(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=date(2026, 1, 5))
    editor.title_edit.setText("Daily tip")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("DAILY"))
    editor.until_radio.setChecked(True)
    editor.until_edit.setDate(QDate(2031, 1, 5))
    assert editor.repeat_summary.text().startswith("Makes 1000 posts")
    assert editor.repeat_summary.text().endswith("(a series stops at 1000 posts)")
    assert editor.repeat_summary.toolTip() == "Daily, until 2028-09-30"

    editor = _editor(qtbot, session, day=date(2026, 1, 31))
    editor.title_edit.setText("Month end")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("MONTHLY"))
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(6)
    assert editor.repeat_summary.text().endswith("; months without a day 31 are skipped")
    editor.count_spin.setValue(1)  # one post: no month is skipped
    assert "skipped" not in editor.repeat_summary.text()


def test_weekly_on_monday_and_thursday_six_times_makes_six_posts(
    qtbot: QtBot, session: CalendarSession
) -> None:
    monday = date(2026, 11, 23)
    editor = _editor(qtbot, session, day=monday)
    editor.title_edit.setText("Tip of the week")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    assert editor.weekday_buttons[0].isChecked()  # the date's own weekday
    assert not editor.weekday_buttons[3].isChecked()
    qtbot.mouseClick(editor.weekday_buttons[3], Qt.MouseButton.LeftButton)
    editor.count_spin.setValue(5)
    assert editor.count_radio.isChecked()  # choosing a number picks "after N times"
    editor.count_spin.setValue(6)
    assert editor.ok_button.isEnabled()
    assert editor.repeat_summary.text().startswith("Makes 6 posts")

    before = _all_ids(session)
    editor.accept()
    created = session.store.posts(_new_ids(session, before))
    assert sorted(p.date for p in created if p.date) == [
        date(2026, 11, 23),
        date(2026, 11, 26),
        date(2026, 11, 30),
        date(2026, 12, 3),
        date(2026, 12, 7),
        date(2026, 12, 10),
    ]
    series_ids = {p.series_id for p in created}
    assert len(series_ids) == 1
    assert None not in series_ids
    assert all(p.title == "Tip of the week" for p in created)
    assert session.undo_stack.undoText() == "Add recurring post 'Tip of the week'"

    session.undo_stack.undo()  # one step takes all six away
    assert session.store.posts(p.id for p in created) == []


def test_a_repeat_without_an_end_is_refused(qtbot: QtBot, session: CalendarSession) -> None:
    editor = _editor(qtbot, session, day=date(2026, 11, 23))
    editor.title_edit.setText("Forever")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("DAILY"))
    assert not editor.until_radio.isChecked()
    assert not editor.count_radio.isChecked()
    assert "Choose when the repeat ends" in editor.validation_label.text()
    assert not editor.ok_button.isEnabled()
    before = _all_ids(session)
    editor.accept()
    assert _all_ids(session) == before
    assert editor.result() != PostEditor.DialogCode.Accepted

    editor.until_radio.setChecked(True)
    editor.until_edit.setDate(QDate(2026, 11, 20))
    assert "ends before the first date" in editor.validation_label.text()
    editor.until_edit.setDate(QDate(2026, 11, 27))
    assert editor.ok_button.isEnabled()
    editor.accept()
    created = session.store.posts(_new_ids(session, before))
    assert [p.date for p in created] == [date(2026, 11, d) for d in range(23, 28)]


@OFFSCREEN_POPUPS
def test_clicking_or_typing_in_an_end_picks_it_also_to_keep_its_value(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """ "after 6 times" was shown; clicking into the 6 and leaving it (or typing 6 over
    it) kept Save greyed: only a changed value picked "after"."""
    editor = _editor(qtbot, session, day=date(2026, 11, 23))
    editor.title_edit.setText("Six times")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    _show(qtbot, editor)
    count_line = editor.count_spin.findChild(QLineEdit)
    assert count_line is not None
    qtbot.keyClick(count_line, Qt.Key.Key_Tab)  # passing through picks nothing
    assert not editor.count_radio.isChecked()
    assert not editor.until_radio.isChecked()
    qtbot.mouseClick(count_line, Qt.MouseButton.LeftButton)
    assert editor.count_radio.isChecked()
    assert editor.count_spin.value() == 6
    assert editor.ok_button.isEnabled()
    until_line = editor.until_edit.findChild(QLineEdit)
    assert until_line is not None
    qtbot.keyClick(until_line, Qt.Key.Key_Up)
    assert editor.until_radio.isChecked()


def test_the_repeat_is_read_only_for_a_series_and_a_choice_for_a_single_post(
    qtbot: QtBot, session: CalendarSession
) -> None:
    series_editor = _editor(qtbot, session, post=_series_posts(session)[3])
    assert series_editor.repeat_description.isVisibleTo(series_editor)
    assert series_editor.repeat_description.text().startswith("Weekly on Friday, 16 times")
    assert not series_editor.repeat_combo.isVisibleTo(series_editor)
    single_editor = _editor(qtbot, session, post=_single_post(session))
    assert single_editor.repeat_combo.isVisibleTo(single_editor)
    assert single_editor.repeat_combo.currentData() == ""  # "Does not repeat"
    assert not single_editor.weekdays_widget.isVisibleTo(single_editor)
    assert not single_editor.repeat_description.isVisibleTo(single_editor)


def test_a_series_without_an_end_says_where_it_is_planned_to(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """ "Weekly on Monday (this is one occurrence)", even on its last post: nothing said
    the posts stop a year ahead."""
    posts = _series_of(session, "FREQ=WEEKLY;BYDAY=MO", date(2026, 12, 7))
    last = max(p.date for p in posts if p.date)
    editor = _editor(qtbot, session, post=posts[-1])
    assert editor.repeat_description.text() == (
        f"Weekly on Monday, planned to {day_text(last, weekday=False, year=True)}"
        " (this is one occurrence)"
    )
    ended = _series_of(session, "FREQ=WEEKLY;BYDAY=TU;COUNT=3", date(2026, 12, 8))
    assert "planned to" not in _editor(qtbot, session, post=ended[0]).repeat_description.text()


def test_a_single_post_made_to_repeat_is_the_first_of_its_series(
    qtbot: QtBot, session: CalendarSession
) -> None:
    post = _single_post(session)
    assert post.date is not None
    editor = _editor(qtbot, session, post=post)
    editor.title_edit.setText("Every week now")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    assert editor.weekday_buttons[post.date.weekday()].isChecked()
    editor.count_spin.setValue(4)
    assert editor.ok_button.isEnabled()
    assert editor.repeat_summary.text().startswith("This post and 3 copies of it")

    before = _all_ids(session)
    editor.accept()

    assert editor.saved
    first = session.store.post(post.id)
    assert first.series_id is not None
    members = session.store.series_posts(first.series_id)
    assert [p.date for p in members] == [post.date + timedelta(weeks=n) for n in range(4)]
    assert (members[0].id, members[0].uid) == (post.id, post.uid)
    assert {p.title for p in members} == {"Every week now"}
    assert {p.id for p in members[1:]} == set(_new_ids(session, before))
    assert session.undo_stack.undoText() == "Repeat post 'Every week now'"

    session.undo_stack.undo()  # one step: the copies go, the post is as it was
    assert _all_ids(session) == before
    assert session.store.post(post.id) == post
    session.undo_stack.redo()  # the very same copies come back
    again = session.store.series_posts(first.series_id)
    assert [(p.id, p.uid, p.date) for p in again] == [(p.id, p.uid, p.date) for p in members]


def test_a_single_post_repeats_on_its_own_day(qtbot: QtBot, session: CalendarSession) -> None:
    post = _single_post(session)
    assert post.date is not None
    own = post.date.weekday()
    other = (own + 1) % 7
    editor = _editor(qtbot, session, post=post)
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    editor.count_spin.setValue(3)
    qtbot.mouseClick(editor.weekday_buttons[other], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.weekday_buttons[own], Qt.MouseButton.LeftButton)

    day_name = QLocale().dayName(post.date.isoweekday())
    assert f"Repeat on {day_name} too: this post is the first one." in (
        editor.validation_label.text()
    )
    assert not editor.ok_button.isEnabled()
    editor.accept()
    assert session.store.post(post.id).series_id is None


@OFFSCREEN_POPUPS
def test_an_occurrences_repeat_changes_from_it_on_as_one_undo_step(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    members = _series_posts(session)
    series_before = session.store.series(members[0].series_id or 0)
    fourth = members[3]
    assert fourth.date is not None
    editor = _editor(qtbot, session, post=fourth)
    _show(qtbot, editor)
    assert not editor.repeat_combo.isVisible()
    qtbot.mouseClick(editor.change_repeat_button, Qt.MouseButton.LeftButton)

    # Filled in as the series repeats from this post on; nothing changed yet.
    assert editor.repeat_combo.isVisible()
    assert editor.repeat_combo.findData("") == -1  # it goes on repeating
    assert editor.repeat_combo.currentData() == "WEEKLY"
    assert editor.chosen_weekdays() == [fourth.date.weekday()]
    assert editor.count_radio.isChecked()
    assert editor.count_spin.value() == 13  # 16 times from the first, 13 from the fourth
    last = members[-1].date
    assert last is not None
    assert editor.until_edit.date() == QDate(last.year, last.month, last.day)  # the same end
    assert not editor.has_unsaved_changes()
    assert editor.repeat_summary.text().endswith("; no post added or deleted")

    editor.count_spin.setValue(15)
    assert editor.has_unsaved_changes()
    assert editor.repeat_summary.text().startswith("This post and 14 more: ")
    assert editor.repeat_summary.text().endswith("; adds 2 posts")
    before = _all_ids(session)
    editor.accept()

    assert scope_answers.asked == []  # from this post on, as the button says
    assert editor.saved
    assert session.undo_stack.undoText() == f"Change repeat of '{elide(fourth.title)}'"
    tail_id = session.store.post(fourth.id).series_id
    assert tail_id is not None
    tail = session.store.series_posts(tail_id)
    assert [p.date for p in tail] == [fourth.date + timedelta(weeks=n) for n in range(15)]
    assert [p.id for p in tail[:13]] == [p.id for p in members[3:]]
    assert session.store.series_posts(series_before.id) == members[:3]
    added = _new_ids(session, before)
    assert sorted(added) == sorted(p.id for p in tail[13:])

    session.undo_stack.undo()  # one step: the copies go, the series is whole again
    assert _all_ids(session) == before
    assert session.store.series(series_before.id) == series_before
    assert session.store.series_posts(series_before.id) == members
    session.undo_stack.redo()  # the very same copies come back
    again = session.store.series_posts(tail_id)
    assert [(p.id, p.uid, p.date) for p in again] == [(p.id, p.uid, p.date) for p in tail]


def test_a_shorter_repeat_says_what_it_deletes_and_undo_brings_it_back(
    qtbot: QtBot, session: CalendarSession
) -> None:
    members = _series_posts(session)
    first = members[0]
    editor = _editor(qtbot, session, post=first)
    editor.start_changing_repeat()
    editor.title_edit.setText("Friday tip, for a while")
    editor.count_spin.setValue(4)
    # The demo's sixteen Friday tips cut to four: the eight not gone out are deleted,
    # the four published stay where they went out, as posts of their own.
    assert len(members) == 16
    published = [p for p in members[4:] if p.status == PostStatus.PUBLISHED]
    assert len(published) == 4
    assert "deletes 8 posts it no longer makes" in editor.repeat_summary.text()
    plan = session.store.repeat_plan(first.id, editor.repeat_rule() or "")
    assert len(plan.removed) == 8
    editor.accept()
    assert all(session.store.find_post(p.uid) is not None for p in published)

    kept = session.store.series_posts(first.series_id or 0)
    assert [p.id for p in kept] == [p.id for p in members[:4]]
    # The new title is this post's (and its copies'), not the other posts'.
    assert [p.title for p in kept] == ["Friday tip, for a while"] + [p.title for p in members[1:4]]
    assert all(session.store.find_post(p.uid) is None for p in plan.removed)
    session.undo_stack.undo()
    assert unversioned(session.store.series_posts(first.series_id or 0)) == unversioned(members)


def test_a_changed_repeat_with_new_words_asks_which_posts_they_are_for(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """Tuesdays added and the title reworded: this post and the new Tuesdays had the new
    title, the Fridays kept after it the old one, without a question."""
    members = _series_posts(session)
    third = members[2]
    editor = _editor(qtbot, session, post=third)
    editor.start_changing_repeat()
    editor.weekday_buttons[1].click()  # Tuesdays too
    editor.title_edit.setText("Tip of the week")
    scope_answers.answer = None  # Cancel: nothing saved, the editor stays
    editor.accept()
    assert scope_answers.asked == ["change"]
    assert session.store.post(third.id).title == third.title
    scope_answers.answer = "following"
    editor.accept()
    series_id = session.store.post(third.id).series_id
    assert series_id is not None
    assert {p.title for p in session.store.series_posts(series_id)} == {"Tip of the week"}
    assert session.store.post(members[0].id).title == members[0].title  # before it
    session.undo_stack.undo()
    assert [session.store.post(p.id).title for p in members] == [p.title for p in members]


@pytest.mark.parametrize("existing", [False, True])
def test_a_repeat_of_one_time_saves_a_post_that_does_not_repeat(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers, existing: bool
) -> None:
    """ "After 1 time" made a series of one post, asked "this one or all?" at every edit
    and deleted with "Delete…"."""
    post = _single_post(session) if existing else None
    editor = _editor(qtbot, session, post=post, day=TODAY + timedelta(days=3))
    if post is None:
        editor.title_edit.setText("Once only")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("DAILY"))
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(1)
    assert editor.repeat_summary.text().startswith("One post, which does not repeat: ")
    before = _all_ids(session)
    editor.accept()
    assert editor.result() == PostEditor.DialogCode.Accepted
    if post is None:
        (new_id,) = _new_ids(session, before)
        assert session.store.post(new_id).series_id is None
    else:
        assert _all_ids(session) == before
        assert session.store.post(post.id).series_id is None


def test_a_published_series_says_its_later_posts_are_drafts(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Saved so, the later posts were drafts (not gone out yet), unsaid; those up to
    today are published, as said (logged since two weeks ago)."""
    editor = _editor(qtbot, session, day=TODAY - timedelta(days=14))
    editor.title_edit.setText("Weekly tip")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(4)
    assert "drafts" not in editor.repeat_summary.text()
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("published"))
    assert editor.repeat_summary.text().endswith("; those after today as drafts, not gone out yet")
    editor.count_spin.setValue(3)  # up to today
    assert "drafts" not in editor.repeat_summary.text()
    editor.count_spin.setValue(4)
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    made = session.store.posts(editor.created)  # as said, on the window's today
    assert [p.status for p in made] == [PostStatus.PUBLISHED] * 3 + [PostStatus.DRAFT]


def test_a_changed_repeat_alone_asks_nothing(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    editor = _editor(qtbot, session, post=_series_posts(session)[2])
    editor.start_changing_repeat()
    editor.weekday_buttons[1].click()
    editor.accept()
    assert scope_answers.asked == []
    assert editor.saved


def _series_of(session: CalendarSession, rule: str, first: date) -> list[Post]:
    channel = session.channels()[0].id
    changes = session.store.add_series(
        NewPost("Tip", channel, date=first, time=time(9, 0), status=PostStatus.SCHEDULED), rule
    )
    session.notify(changes)
    (series_id,) = changes.series
    return session.store.series_posts(series_id)


def test_a_moved_post_says_which_day_a_new_repeat_must_give(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Moved from Monday 7 to Tuesday 8 on its own: "Repeat on Monday too" with Tuesday
    in the date field said nothing of why."""
    posts = _series_of(session, "FREQ=WEEKLY;BYDAY=MO;COUNT=4", date(2026, 11, 30))
    session.notify(session.store.move_posts({posts[1].id: (date(2026, 12, 8), time(9, 0))}))
    editor = _editor(qtbot, session, post=session.store.post(posts[1].id))
    editor.start_changing_repeat()
    qtbot.mouseClick(editor.weekday_buttons[1], Qt.MouseButton.LeftButton)  # Tuesday
    qtbot.mouseClick(editor.weekday_buttons[0], Qt.MouseButton.LeftButton)  # not Monday
    assert (
        "the new repeat goes on from this post's day in the series, Monday, 7 December 2026"
        " (it was moved on its own)." in editor.validation_label.text()
    )


def test_the_days_in_one_sentence_are_in_one_language(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Under a German locale: "Repeat on Montag too: … Monday 7 December 2026"."""
    posts = _series_of(session, "FREQ=WEEKLY;BYDAY=MO;COUNT=4", date(2026, 11, 30))
    session.notify(session.store.move_posts({posts[1].id: (date(2026, 12, 8), time(9, 0))}))
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        editor = _editor(qtbot, session, post=session.store.post(posts[1].id))
        editor.start_changing_repeat()
        qtbot.mouseClick(editor.weekday_buttons[1], Qt.MouseButton.LeftButton)  # Tuesday
        qtbot.mouseClick(editor.weekday_buttons[0], Qt.MouseButton.LeftButton)  # not Monday
        said = editor.validation_label.text()
    finally:
        QLocale.setDefault(QLocale.c())
    assert said.startswith("Repeat on Montag too: ")
    assert "series, Montag, 7. Dezember 2026 (it was" in said


def test_changing_a_daily_series_keeps_it_daily(qtbot: QtBot, session: CalendarSession) -> None:
    """Daily was shown as Weekly: one more time made it weekly, deleting four posts."""
    posts = _series_of(session, "FREQ=DAILY;COUNT=6", date(2026, 12, 7))
    editor = _editor(qtbot, session, post=posts[1])
    editor.start_changing_repeat()
    assert editor.repeat_combo.currentData() == "DAILY"
    assert editor.count_spin.value() == 5
    editor.count_spin.setValue(6)
    assert editor.repeat_summary.text().endswith("; adds 1 post")
    editor.accept()
    tail = session.store.series_posts(session.store.post(posts[1].id).series_id or 0)
    assert [p.date for p in tail] == [date(2026, 12, d) for d in range(8, 14)]
    assert [p.id for p in tail[:5]] == [p.id for p in posts[1:]]


def test_a_changed_repeat_says_what_a_new_one_says_of_skipped_months(
    qtbot: QtBot, session: CalendarSession
) -> None:
    posts = _series_of(session, "FREQ=MONTHLY;COUNT=3", date(2026, 12, 31))
    editor = _editor(qtbot, session, post=posts[0])
    editor.start_changing_repeat()
    editor.count_spin.setValue(4)
    text = editor.repeat_summary.text()
    assert "months without a day 31 are skipped" in text
    assert text.endswith("; adds 1 post")


def test_every_other_week_on_two_days_in_a_sunday_week(
    qtbot: QtBot, session: CalendarSession
) -> None:
    session.store.update_info(week_start="sunday")
    editor = _editor(qtbot, session, day=date(2027, 1, 3))  # a Sunday
    editor.title_edit.setText("Weekend and Monday")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    editor.interval_spin.setValue(2)
    editor.weekday_buttons[0].setChecked(True)  # and Monday
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(4)
    before = _all_ids(session)
    editor.accept()
    made = sorted(p.date for p in session.store.posts(_new_ids(session, before)) if p.date)
    assert made == [date(2027, 1, 3), date(2027, 1, 4), date(2027, 1, 17), date(2027, 1, 18)]
    series = session.store.post(_new_ids(session, before)[0]).series_id
    # Its own editor offers it for change, also once the calendar's week starts on
    # Monday: made longer by one time, it keeps its weeks (it re-paired the days).
    session.store.update_info(week_start="monday")
    members = session.store.series_posts(series or 0)
    again = _editor(qtbot, session, post=members[1])
    assert again.change_repeat_button.isEnabled()
    again.start_changing_repeat()
    again.count_spin.setValue(again.count_spin.value() + 1)
    assert again.repeat_summary.text().endswith("; adds 1 post")


def test_a_repeat_the_editor_cannot_say_is_not_changed_there(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A first-Monday series (from another program or the command line) lost its
    "first Monday" when changed: its posts moved to the 6th of each month."""
    posts = _series_of(session, "FREQ=MONTHLY;BYDAY=1MO;COUNT=6", date(2026, 12, 7))
    editor = _editor(qtbot, session, post=posts[1])
    assert not editor.change_repeat_button.isEnabled()
    assert "delete the following posts and repeat this one anew" in (
        editor.repeat_description.text()
    )
    editor.start_changing_repeat()
    assert not editor.repeat_combo.isVisibleTo(editor)


def test_a_new_repeat_says_the_days_it_leaves_to_a_post_like_it(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Thursdays added to a Monday tip where Thursday has a "Tip" already: no post was
    made there, and the summary said "no post added or deleted"."""
    posts = _series_of(session, "FREQ=WEEKLY;BYDAY=MO;COUNT=2", date(2026, 12, 7))
    channel = session.channels()[0].id
    session.store.add_post(NewPost("Tip", channel, date=date(2026, 12, 10), time=time(9, 0)))
    session.notify(ChangeSet(calendar=True))
    editor = _editor(qtbot, session, post=posts[0])
    editor.start_changing_repeat()
    editor.weekday_buttons[3].setChecked(True)  # Thursday
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(4)
    assert editor.repeat_summary.text().endswith(
        "; adds 1 post, none on 1 day that has a post like it already (on its channel, its"
        " title or its key messages at its time)"
    )


def test_a_monthly_rule_naming_its_day_is_changed_as_the_editor_s_monthly(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """ "FREQ=MONTHLY;BYMONTHDAY=15" from the 15th (the command line's, another
    program's) is the editor's Monthly: Change… was disabled, as for a first Monday."""
    posts = _series_of(session, "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3", date(2027, 1, 15))
    editor = _editor(qtbot, session, post=posts[0])
    assert editor.change_repeat_button.isEnabled()
    editor.start_changing_repeat()
    assert editor.repeat_combo.currentData() == "MONTHLY"
    assert editor.count_spin.value() == 3
    assert not editor.has_unsaved_changes()
    editor.count_spin.setValue(4)
    assert editor.repeat_summary.text().endswith("; adds 1 post")
    editor.accept()
    series_id = session.store.post(posts[0].id).series_id
    assert [p.date for p in session.store.series_posts(series_id or 0)] == [
        date(2027, month, 15) for month in range(1, 5)
    ]


def test_the_same_days_said_another_way_change_nothing(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """Six times from here, or until the last of them: the same posts; saving does not
    split the series in two for nothing."""
    posts = _series_of(session, "FREQ=WEEKLY;BYDAY=MO;COUNT=6", date(2026, 12, 7))
    series_id = posts[0].series_id
    editor = _editor(qtbot, session, post=posts[2])
    editor.start_changing_repeat()
    editor.until_radio.setChecked(True)
    last = posts[-1].date
    assert last is not None
    editor.until_edit.setDate(QDate(last.year, last.month, last.day))
    assert not editor.has_unsaved_changes()
    assert editor.repeat_summary.text().endswith("; no post added or deleted")
    editor.accept()
    assert scope_answers.asked == []
    assert session.store.series_posts(series_id or 0) == posts


@OFFSCREEN_POPUPS
def test_a_modifier_or_a_shortcut_in_an_end_field_picks_nothing(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Alt (on the way to a label's key) or Ctrl picked "after"; a digit, or Enter on
    the value shown, does."""
    editor = _editor(qtbot, session, day=date(2026, 11, 23))
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    _show(qtbot, editor)
    line = editor.count_spin.findChild(QLineEdit)
    assert line is not None
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Tab):
        qtbot.keyClick(line, key)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    assert not editor.count_radio.isChecked()
    qtbot.keyClick(line, Qt.Key.Key_8)
    assert editor.count_radio.isChecked()
    until = editor.until_edit.findChild(QLineEdit)
    assert until is not None
    qtbot.keyClick(until, Qt.Key.Key_Return)  # the date shown, confirmed
    assert editor.until_radio.isChecked()


def test_the_day_and_the_repeat_change_one_at_a_time(
    qtbot: QtBot, session: CalendarSession
) -> None:
    members = _series_posts(session)
    editor = _editor(qtbot, session, post=members[2])
    editor.start_changing_repeat()
    editor.date_edit.setDate(editor.date_edit.date().addDays(1))
    assert not editor.ok_button.isEnabled()
    assert "Save the new day first, then change the repeat" in editor.validation_label.text()
    editor.date_edit.setDate(editor.date_edit.date().addDays(-1))
    own = members[2].date
    assert own is not None
    qtbot.mouseClick(editor.weekday_buttons[own.weekday()], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.weekday_buttons[(own.weekday() + 1) % 7], Qt.MouseButton.LeftButton)
    day_name = QLocale().dayName(own.isoweekday())
    assert f"Repeat on {day_name} too: the new repeat goes on from this post." in (
        editor.validation_label.text()
    )
    editor.accept()
    assert session.store.series_posts(members[0].series_id or 0) == members


def test_editing_a_series_occurrence_asks_the_scope_and_all_changes_every_one(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    members = _series_posts(session)
    editor = _editor(qtbot, session, post=members[5])
    editor.title_edit.setText("Friday tip: mind the leaves")
    scope_answers.answer = "all"
    editor.accept()
    assert scope_answers.asked == ["change"]
    assert editor.saved
    after = session.store.posts(p.id for p in members)
    assert {p.title for p in after} == {"Friday tip: mind the leaves"}
    assert [p.date for p in after] == [p.date for p in members]
    assert session.undo_stack.undoText() == "Edit recurring post 'Friday tip: mind the leaves'"

    session.undo_stack.undo()
    assert session.store.posts(p.id for p in members) == members


def test_an_occurrence_sent_to_the_backlog_goes_alone_without_asking(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    members = _series_posts(session)
    editor = _editor(qtbot, session, post=members[3])
    editor.time_check.setChecked(False)
    editor.date_check.setChecked(False)
    editor.title_edit.setText("Later, maybe")
    scope_answers.answer = "all"  # would be refused: one occurrence at a time
    editor.accept()
    assert scope_answers.asked == []
    assert editor.saved
    moved = session.store.post(members[3].id)
    assert (moved.date, moved.title) == (None, "Later, maybe")
    others = [p for p in members if p.id != members[3].id]
    assert session.store.posts(p.id for p in others) == others

    # Given a day again from the backlog, it is placed alone too.
    editor = _editor(qtbot, session, post=moved)
    editor.date_check.setChecked(True)
    editor.date_edit.setDate(QDate(2026, 12, 24))
    editor.accept()
    assert scope_answers.asked == []
    assert session.store.post(moved.id).date == date(2026, 12, 24)
    assert session.store.posts(p.id for p in others) == others


def test_cancelling_the_scope_question_keeps_the_dialog_open(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    members = _series_posts(session)
    editor = _editor(qtbot, session, post=members[2])
    editor.title_edit.setText("Not yet")
    scope_answers.answer = None
    depth = session.undo_stack.count()
    editor.accept()
    assert scope_answers.asked == ["change"]
    assert editor.result() != PostEditor.DialogCode.Accepted
    assert not editor.saved
    assert session.undo_stack.count() == depth
    assert editor.title_edit.text() == "Not yet"  # the typing is still there


def test_delete_a_series_from_an_occurrence_on(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """Counted as it goes, as the window's Delete counts (the step read "Delete post
    'Tip' and following", and nothing said the published one stayed)."""
    session.store.update_posts({_series_posts(session)[12].id: {"status": PostStatus.PUBLISHED}})
    members = _series_posts(session)
    editor = _editor(qtbot, session, post=members[10])
    assert editor.delete_button is not None
    assert editor.delete_button.text() == "&Delete…"  # it asks which occurrences
    scope_answers.answer = "following"
    with qtbot.waitSignal(session.changedShown) as said:
        qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert scope_answers.asked == ["delete"]
    assert editor.saved
    assert editor.result() == PostEditor.DialogCode.Accepted
    left = session.store.posts(p.id for p in members)
    assert [p.id for p in left] == [p.id for p in (*members[:10], members[12])]
    gone = len(members) - 11
    assert session.undo_stack.undoText() == f"Delete {gone} posts of '{members[10].title}'"
    assert said.args == [
        f"Deleted {gone} posts; 1 published post stays on its day, out of the series;"
        " Ctrl+Z brings them back."
    ]

    session.undo_stack.undo()
    assert unversioned(session.store.posts(p.id for p in members)) == unversioned(members)


def test_deleting_the_last_post_of_a_series_and_following_names_it(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """One post went: the step read "Delete post of 'Tip'"."""
    members = _series_posts(session)
    editor = _editor(qtbot, session, post=members[-1])
    scope_answers.answer = "following"
    editor.delete_post()
    assert session.undo_stack.undoText() == f"Delete post '{members[-1].title}'"
    assert session.store.posts([members[-1].id]) == []
    session.undo_stack.undo()
    session.undo_stack.redo()
    assert session.undo_stack.undoText() == f"Delete post '{members[-1].title}'"


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("rrule", "FREQ=SOMETIMES", "FREQ=SOMETIMES is not supported"),
        ("anchor", "2026-13-45", "(the calendar file holds '2026-13-45' where a date belongs"),
    ],
)
def test_the_editor_opens_on_a_series_whose_rule_does_not_read(
    qtbot: QtBot, session: CalendarSession, column: str, value: str, said: str
) -> None:
    """A rule, first day or exceptions another program or an earlier release wrote
    stopped the editor opening on any of the series' posts (the error hook's box)."""
    members = _series_posts(session)
    session.store.db.execute(f"UPDATE series SET {column} = ?", [value])
    editor = _editor(qtbot, session, post=members[4])
    assert said in editor.repeat_description.text()
    assert editor.repeat_description.text().endswith("this post changes on its own.")
    assert editor.repeat_description.isVisibleTo(editor)
    assert not editor.repeat_combo.isVisibleTo(editor)


def test_an_occurrence_of_a_series_whose_rule_does_not_read_is_saved_on_its_own(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    members = _series_posts(session)
    session.store.db.execute("UPDATE series SET rrule = 'FREQ=SOMETIMES'")
    editor = _editor(qtbot, session, post=members[4])
    editor.title_edit.setText("Just this one")
    scope_answers.answer = "all"  # would be refused: the others repeat by the rule
    editor.accept()
    assert scope_answers.asked == []
    assert editor.saved
    after = session.store.posts(p.id for p in members)
    assert [p.title for p in after] == [
        "Just this one" if p.id == members[4].id else p.title for p in members
    ]


def test_a_post_titled_by_nothing_that_shows_by_an_earlier_release_saves_its_other_fields(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """The store keeps such a title as it was; the editor refused every change to the
    post ("A post needs a title.") until it was given one."""
    post = _single_post(session)
    session.store.db.execute("UPDATE posts SET title = ? WHERE id = ?", ["\u200b", post.id])
    editor = _editor(qtbot, session, post=session.store.post(post.id))
    editor.body_edit.setPlainText("Now with a body")
    assert editor.problems() == []
    editor.accept()
    assert editor.saved
    saved = session.store.post(post.id)
    assert (saved.title, saved.body) == ("\u200b", "Now with a body")

    editor = _editor(qtbot, session, post=saved)
    editor.title_edit.setText("\u2060")  # a new title must show
    assert editor.problems() == ["A post needs a title."]


def test_delete_a_single_post_asks_nothing(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    post = _single_post(session)
    editor = _editor(qtbot, session, post=post)
    assert editor.delete_button is not None
    assert editor.delete_button.text() == "&Delete"  # no "…": nothing more is asked
    editor.delete_button.click()
    assert scope_answers.asked == []
    assert session.store.posts([post.id]) == []
    session.undo_stack.undo()
    assert unversioned([session.store.post(post.id)]) == unversioned([post])


def test_an_occurrence_in_the_backlog_is_deleted_alone_from_its_editor(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """Sent to the backlog alone, it is deleted alone: its editor asked which, and "All"
    deleted every post of its series (the window's Delete asked nothing)."""
    members = _series_posts(session)
    parked = members[3]
    session.notify(session.store.move_posts({parked.id: (None, None)}))
    editor = _editor(qtbot, session, post=session.store.post(parked.id))
    assert editor.delete_button is not None
    assert editor.delete_button.text() == "&Delete"
    # Its repeat cannot change from the backlog (it failed once saved): said, not offered.
    assert editor.change_repeat_button is not None
    assert not editor.change_repeat_button.isEnabled()
    assert "give it a day and save it to change its repeat" in editor.repeat_description.text()
    scope_answers.answer = "all"
    editor.delete_button.click()
    assert scope_answers.asked == []
    left = session.store.posts(p.id for p in members)
    assert [p.id for p in left] == [p.id for p in members if p.id != parked.id]


def test_a_new_post_has_no_delete_button(qtbot: QtBot, session: CalendarSession) -> None:
    assert _editor(qtbot, session).delete_button is None


# -- keyboard and accessibility -----------------------------------------------------------


def _show(qtbot: QtBot, editor: PostEditor) -> None:
    with qtbot.waitActive(editor):  # shortcuts work in the active window only
        editor.show()
        editor.activateWindow()


@OFFSCREEN_POPUPS
def test_tab_goes_over_the_buttons_in_the_order_they_read(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """It went Cancel, Save, Delete: the order the button box made them."""
    editor = _editor(qtbot, session, post=_single_post(session))
    _show(qtbot, editor)
    editor.notes_edit.setFocus()
    met = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert isinstance(focused, QAbstractButton)
        met.append(focused.text().replace("&", ""))
    assert met == ["Save", "Delete", "Cancel"]


def test_ctrl_return_saves_from_the_body(qtbot: QtBot, session: CalendarSession) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    _show(qtbot, editor)
    editor.title_edit.setText("Typed and sent")
    editor.body_edit.setFocus()
    qtbot.keyClicks(editor.body_edit, "Hello")
    before = _all_ids(session)
    with qtbot.waitSignal(editor.accepted):
        qtbot.keyClick(editor.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (new_id,) = _new_ids(session, before)
    assert session.store.post(new_id).body == "Hello"


class SaveAnswers:
    """Answers the "Save your changes?" question and remembers each time it was asked."""

    def __init__(self, *answers: SaveAnswer) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, title: str) -> SaveAnswer:
        self.asked.append(title)
        return self.answers.pop(0)


def test_escape_with_changes_asks_and_keeps_them_until_discarded(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    _show(qtbot, editor)
    editor.title_edit.setText("Never mind")
    editor.ask_save_changes = answers = SaveAnswers("cancel", "discard")
    before = _all_ids(session)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    assert editor.isVisible()  # "Cancel": back to the typing
    assert editor.title_edit.text() == "Never mind"
    with qtbot.waitSignal(editor.rejected):
        qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    assert answers.asked == ["Never mind", "Never mind"]
    assert _all_ids(session) == before


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("question", "letter", "answer"),
    [
        ("saveChanges", "S", "save"),
        ("saveChanges", "D", "discard"),
        ("resumeDraft", "D", False),
        ("dateOrder", "D", True),
        ("dateOrder", "M", False),
    ],
)
def test_questions_answer_to_alt_and_a_letter(
    qtbot: QtBot, question: str, letter: str, answer: object
) -> None:
    """Save and Discard had no letter to press with Alt (Qt's Linux texts have none),
    nor Open and Discard of a post left by a crash, nor a CSV file's date orders."""
    from calendar_app.ui import dialogs

    asked = {
        "saveChanges": lambda: dialogs.ask_save_changes(None, "Launch day"),
        "resumeDraft": lambda: dialogs.ask_resume_draft(None, "Launch day"),
        "dateOrder": lambda: dialogs.ask_date_order(None, "plan.csv", "03/04/2026", True),
    }[question]

    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        QTimer.singleShot(2000, box.reject)  # a letter that does nothing fails, not hangs
        assert box.objectName() == f"{question}Box"
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow)
        target = box.focusWidget() or box
        qtbot.keyClick(target, getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)

    QTimer.singleShot(0, press)
    assert asked() == answer


@OFFSCREEN_POPUPS
def test_the_save_question_speaks_of_changes_not_of_typing(qtbot: QtBot) -> None:
    """Calendar Settings asked it of a time zone picked from a list: "If you don't,
    what you typed is lost"."""
    from calendar_app.ui import dialogs

    said: list[str] = []

    def read_and_cancel() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said.append(box.informativeText())
        box.reject()

    QTimer.singleShot(0, read_and_cancel)
    assert dialogs.ask_save_changes(None, "Client") == "cancel"
    assert said == ["If you don't, your changes are lost."]


def test_closing_with_changes_can_save_them(qtbot: QtBot, session: CalendarSession) -> None:
    original = _single_post(session)
    editor = _editor(qtbot, session, post=original)
    _show(qtbot, editor)
    editor.body_edit.setPlainText("A body worth keeping")
    editor.ask_save_changes = SaveAnswers("save")
    with qtbot.waitSignal(editor.accepted):
        editor.close()  # the window's close button
    assert session.store.post(original.id).body == "A body worth keeping"
    assert session.undo_stack.undoText().startswith("Edit post '")


def test_saving_on_close_an_invalid_post_keeps_the_dialog_open(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    editor.body_edit.setPlainText("A body, but no title yet")
    editor.ask_save_changes = SaveAnswers("save")
    closed: list[int] = []
    editor.finished.connect(closed.append)
    editor.reject()
    assert closed == []
    assert "A post needs a title." in editor.validation_label.text()


def test_a_title_of_zero_width_characters_is_no_title(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    editor.title_edit.setText("\u200b\u200d")
    assert "A post needs a title." in editor.problems()


def test_closing_without_changes_asks_nothing(qtbot: QtBot, session: CalendarSession) -> None:
    for editor in (
        _editor(qtbot, session, post=_single_post(session)),
        _editor(qtbot, session, day=TODAY),
        _editor(qtbot, session),
    ):
        _show(qtbot, editor)
        editor.ask_save_changes = answers = SaveAnswers()
        with qtbot.waitSignal(editor.rejected):
            qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
        assert answers.asked == []


def test_choosing_a_repeat_is_a_change_worth_asking_about(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, post=_single_post(session))
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    assert editor.changes() == {}
    assert editor.has_unsaved_changes()


def test_every_field_is_reachable_with_tab(qtbot: QtBot, session: CalendarSession) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    editor.title_edit.setText("Tabbing through")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    editor.count_radio.setChecked(True)
    editor.time_check.setChecked(True)
    _show(qtbot, editor)
    editor.title_edit.setFocus()
    seen: list[QWidget] = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        assert focused is not None
        seen.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    wanted = [
        editor.title_edit,
        editor.body_edit,
        editor.channel_combo,
        editor.message_list,
        editor.campaign_combo,
        editor.status_combo,
        editor.date_check,
        editor.date_edit,
        editor.time_check,
        editor.time_edit,
        editor.repeat_combo,
        editor.interval_spin,
        editor.weekday_buttons[0],
        editor.weekday_buttons[6],
        editor.count_spin,
        editor.until_edit,
        editor.link_edit,
        editor.notes_edit,
        editor.ok_button,
    ]
    for widget in wanted:
        reached = any(w is widget or widget.isAncestorOf(w) for w in seen)
        assert reached, widget.accessibleName()
    # Every stop is a field or a button with a name: none on the form's scroll area,
    # where the focus showed nowhere.
    assert editor.form_area not in seen
    named = [w for w in seen if isinstance(w, QAbstractButton) and w.text()]
    for widget in seen:
        if widget not in named:
            parent = widget.parentWidget()
            assert widget.accessibleName() or (parent and parent.accessibleName())


def test_fields_have_labels_with_mnemonics_and_accessible_names(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    labelled = [
        editor.title_edit,
        editor.body_edit,
        editor.channel_combo,
        editor.message_list,
        editor.campaign_combo,
        editor.status_combo,
        editor.date_edit,  # "on" while the post has no date (see the Alt+W test)
        editor.repeat_combo,
        editor.link_edit,
        editor.notes_edit,
    ]
    mnemonics = set()
    for widget in labelled:
        assert widget.accessibleName(), widget
        labels = [lab for lab in editor.findChildren(QLabel) if lab.buddy() is widget]
        assert len(labels) == 1, widget.accessibleName()
        text = labels[0].text()
        assert "&" in text, text
        mnemonics.add(text[text.index("&") + 1].lower())
    assert len(mnemonics) == len(labelled)  # no two labels share a key
    for widget in (editor.date_edit, editor.time_check, editor.time_edit, editor.char_count_label):
        assert widget.accessibleName()


def test_new_post_runs_the_dialog_and_says_whether_it_saved(
    qtbot: QtBot, session: CalendarSession
) -> None:
    def fill_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PostEditor)
        dialog.title_edit.setText("From the N key")
        dialog.accept()

    before = _all_ids(session)
    QTimer.singleShot(0, fill_and_save)
    assert new_post(session, None, date(2026, 12, 1)) is True
    (new_id,) = _new_ids(session, before)
    assert session.store.post(new_id).date == date(2026, 12, 1)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PostEditor):
            asked.append(dialog.has_unsaved_changes())
            dialog.ask_save_changes = SaveAnswers("discard")  # never wait on a box
            dialog.reject()

    asked: list[bool] = []

    QTimer.singleShot(0, cancel)
    assert new_post(session, None, None) is False
    assert asked == [False]  # an untouched new post closes without a question


# -- a refused command leaves no trace ------------------------------------------------------


def test_a_refused_command_never_reaches_the_stack(session: CalendarSession) -> None:
    linkedin = _channel_id(session, "LinkedIn")
    depth = session.undo_stack.count()
    with pytest.raises(InvalidInput) as refused:
        session.push(DeleteChannelCommand(session, linkedin))
    assert str(refused.value).startswith("The channel 'LinkedIn' has")
    assert session.undo_stack.count() == depth
    assert session.channel(linkedin).name == "LinkedIn"


def test_an_archived_channel_stays_available_for_its_own_post(
    qtbot: QtBot, session: CalendarSession
) -> None:
    post = _single_post(session, "Instagram")
    channel = session.channel(post.channel_id)
    session.notify(session.store.restore_channel(replace(channel, archived=True)))
    editor = _editor(qtbot, session, post=post)
    assert editor.selected_channel_id() == channel.id
    assert "(archived)" in editor.channel_combo.currentText()
    fresh = _editor(qtbot, session, day=TODAY)
    assert fresh.channel_combo.findData(channel.id) == -1


def test_time_arrows_step_by_a_quarter_hour_but_any_minute_can_be_typed(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=TODAY)
    editor.time_check.setChecked(True)
    edit = editor.time_edit
    edit.setTime(QTime(9, 7))
    edit.setCurrentSection(edit.Section.MinuteSection)
    edit.stepBy(1)
    assert edit.time() == QTime(9, 15)
    edit.stepBy(1)
    assert edit.time() == QTime(9, 30)
    edit.setTime(QTime(9, 7))
    edit.stepBy(-1)
    assert edit.time() == QTime(9, 0)
    edit.setCurrentSection(edit.Section.HourSection)
    edit.stepBy(1)
    assert edit.time() == QTime(10, 0)
    assert editor.chosen_time() == time(10, 0)


def _time_field(qtbot: QtBot, session: CalendarSession) -> tuple[PostEditor, QTimeEdit]:
    """A shown editor's time field, ticked on, at 09:00."""
    editor = _editor(qtbot, session, day=TODAY)
    with qtbot.waitExposed(editor):
        editor.show()
    editor.time_check.setChecked(True)
    editor.time_edit.setTime(QTime(9, 0))
    return editor, editor.time_edit


def _click_time(qtbot: QtBot, edit: QTimeEdit, before: str) -> None:
    """A click into the time field's text, after ``before`` ("0": inside the hours)."""
    line = edit.lineEdit()
    at = QPoint(line.fontMetrics().horizontalAdvance(before) + 3, line.height() // 2)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=at)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("17:30", time(17, 30)),
        ("1730", time(17, 30)),
        ("8.05", time(8, 5)),
        ("1h30", time(1, 30)),
        ("6:30 PM", time(18, 30)),
        ("6:30pm", time(18, 30)),
        ("12:15 AM", time(0, 15)),
        ("12:15 PM", time(12, 15)),
        ("6pm", time(18, 0)),
        ("9p", time(21, 0)),
        ("१८:३०", time(18, 30)),
        ("٠٨:٠٠", time(8, 0)),
    ],
)
@pytest.mark.parametrize("reached", ["click", "click on the minutes", "tab"])
@OFFSCREEN_POPUPS
def test_a_time_typed_as_it_reads_is_that_time(
    qtbot: QtBot, session: CalendarSession, typed: str, expected: time, reached: str
) -> None:
    """Clicked into, the hours took "17:30" as 09:30; "6:30 PM" was 06:30 and "12:15
    AM" noon; digits of other scripts did nothing. A time typed as it reads is it."""
    editor, edit = _time_field(qtbot, session)
    if reached == "click on the minutes":
        _click_time(qtbot, edit, "00:0")
    elif reached == "click":  # on the hours, the cursor between their digits
        _click_time(qtbot, edit, "0")
    else:
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus)
    _type_signs(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert editor.chosen_time() == expected


JAPANESE = QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)
KOREAN = QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea)


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("locale", "typed", "expected"),
    [
        (JAPANESE, "6:30午前", time(6, 30)),
        (JAPANESE, "6:30午後", time(18, 30)),
        (JAPANESE, "12:15午前", time(0, 15)),
        # Said first, as Japanese and Korean write a time: it was applied to the hour
        # shown, and the digits then made the morning (06:30) of it.
        (JAPANESE, "午後6:30", time(18, 30)),
        (JAPANESE, "午後12:15", time(12, 15)),
        (JAPANESE, "午前12:15", time(0, 15)),
        (JAPANESE, "午前9:45", time(9, 45)),
        (KOREAN, "오후 6:30", time(18, 30)),  # its field is of 12 hours, the half day first
        (KOREAN, "오전 9:05", time(9, 5)),
    ],
)
def test_a_morning_and_an_afternoon_word_of_one_first_letter_are_told_apart(
    qtbot: QtBot, session: CalendarSession, locale: QLocale, typed: str, expected: time
) -> None:
    """Japanese "午前" and "午後" begin alike: the first letter made every time PM."""
    QLocale.setDefault(locale)
    try:
        editor, edit = _time_field(qtbot, session)
        edit.setFocus()
        _type_signs(edit, typed)
        assert editor.chosen_time() == expected
    finally:
        QLocale.setDefault(QLocale.c())


def _type_signs(edit: QWidget, typed: str) -> None:
    """``typed`` sent to ``edit`` as keys send it (QTest types Latin-1 only)."""
    for sign in typed:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, sign)
            QApplication.sendEvent(edit, key)


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("17:30", time(17, 30)),
        ("6:30 PM", time(18, 30)),
        ("6:30p", time(18, 30)),
        ("12:15 AM", time(0, 15)),
        ("9", time(9, 0)),
    ],
)
@pytest.mark.usefixtures("american")
def test_the_time_field_tells_the_time_on_a_twelve_hour_clock_where_the_language_does(
    qtbot: QtBot, session: CalendarSession, typed: str, expected: time
) -> None:
    """In the United States the field said "18:30" for a post the user reads at 6:30 PM;
    typed either way, the time is the same."""
    editor, edit = _time_field(qtbot, session)
    assert edit.text().replace("\u202f", " ") == "9:00 AM"
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    _type_signs(edit, typed)
    assert editor.chosen_time() == expected
    hour = expected.hour % 12 or 12
    half = "AM" if expected.hour < 12 else "PM"
    assert edit.text().replace("\u202f", " ") == f"{hour}:{expected.minute:02d} {half}"


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3", time(15, 0)),  # into "2:00 PM": 3 PM (it made 3 AM)
        ("6:30", time(18, 30)),
        ("11", time(23, 0)),
        ("12", time(12, 0)),
        ("18", time(18, 0)),  # a 24-hour time, as typed
        ("a", time(2, 0)),  # "a" on the afternoon did nothing
        ("9am", time(9, 0)),
        ("0:30", time(0, 30)),  # a 24-hour time, as typed (it made half past noon)
    ],
)
@pytest.mark.usefixtures("american")
def test_an_hour_typed_on_a_twelve_hour_clock_stays_in_the_half_of_the_day_shown(
    qtbot: QtBot, session: CalendarSession, typed: str, expected: time
) -> None:
    editor, edit = _time_field(qtbot, session)
    edit.setTime(QTime(14, 0))
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    _type_signs(edit, typed)
    assert editor.chosen_time() == expected


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6pm", time(18, 0)),  # it was 6:30 PM, the minutes shown kept
        ("6p", time(18, 0)),
        ("9am", time(9, 0)),
        ("6:45pm", time(18, 45)),
        ("6:05pm", time(18, 5)),
    ],
)
@pytest.mark.parametrize("reached", ["tab", "click on the minutes"])
@pytest.mark.usefixtures("american")
def test_an_hour_and_its_half_of_the_day_typed_without_minutes_is_on_the_hour(
    qtbot: QtBot, session: CalendarSession, typed: str, expected: time, reached: str
) -> None:
    """ "6pm" typed over 3:30 PM made 6:30 PM."""
    editor, edit = _time_field(qtbot, session)
    edit.setTime(QTime(15, 30))
    if reached == "tab":
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus)
    else:
        _click_time(qtbot, edit, "3:3")
    _type_signs(edit, typed)
    assert editor.chosen_time() == expected


@OFFSCREEN_POPUPS
@pytest.mark.usefixtures("american")
@pytest.mark.parametrize("typed", ["0915", "09:15", "09.15"])
@pytest.mark.parametrize("clicked", ["5", "5:4"])  # the hour, the minutes of "5:45 PM"
def test_an_hour_with_a_leading_zero_is_a_24_hour_hour_wherever_clicked(
    qtbot: QtBot, session: CalendarSession, typed: str, clicked: str
) -> None:
    """ "0915" over 5:45 PM made 9:15 AM clicked on the hour, 9:15 PM on the minutes."""
    editor, edit = _time_field(qtbot, session)
    edit.setTime(QTime(17, 45))
    _click_time(qtbot, edit, clicked)
    _type_signs(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert editor.chosen_time() == time(9, 15)


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("typed", "expected"),
    [("9:15 PM", time(21, 15)), ("10:20 AM", time(10, 20)), ("17:30", time(17, 30))],
)
@pytest.mark.usefixtures("american")
def test_a_time_typed_with_shift_as_a_keyboard_sends_it_is_that_time(
    qtbot: QtBot, session: CalendarSession, typed: str, expected: time
) -> None:
    """A real keyboard sends Shift on its own before ":" or "P": the field took it for a
    key that moves, began typing anew, and "9:15 PM" made 3:00 PM."""
    editor, edit = _time_field(qtbot, session)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    shift = Qt.KeyboardModifier.ShiftModifier
    for sign in typed:
        shifted = sign == ":" or sign.isupper()
        if shifted:
            press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, shift)
            QApplication.sendEvent(edit, press)
        modifiers = shift if shifted else Qt.KeyboardModifier.NoModifier
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_unknown, modifiers, sign))
        if shifted:
            release = QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, shift)
            QApplication.sendEvent(edit, release)
    assert editor.chosen_time() == expected


@OFFSCREEN_POPUPS
@pytest.mark.usefixtures("american")
def test_an_hour_typed_alone_keeps_the_minutes_shown(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Only the hour changed: 6 over 3:30 PM is 6:30 PM (no half of the day said)."""
    editor, edit = _time_field(qtbot, session)
    edit.setTime(QTime(15, 30))
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    _type_signs(edit, "6")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert editor.chosen_time() == time(18, 30)


@OFFSCREEN_POPUPS
def test_minutes_typed_into_the_minutes_are_the_minutes(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A click on the minutes and "45": a quarter to, the hour kept."""
    editor, edit = _time_field(qtbot, session)
    _click_time(qtbot, edit, "00:0")
    qtbot.keyClicks(edit, "45")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert editor.chosen_time() == time(9, 45)


@OFFSCREEN_POPUPS
def test_tab_after_the_hour_goes_to_the_minutes_once(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """17, Tab, 45: the hour moved on by itself, and Tab is the one passed over."""
    editor, edit = _time_field(qtbot, session)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "17")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(edit, "45")
    assert edit.hasFocus()
    assert editor.chosen_time() == time(17, 45)


def test_a_new_post_carries_the_message_selected_in_the_sidebar(
    qtbot: QtBot, session: CalendarSession
) -> None:
    selected = _message_id(session, "Backed by a 25-year warranty")
    session.select_message(selected)
    editor = _editor(qtbot, session, day=TODAY)
    assert editor.checked_message_ids() == (selected,)


def test_a_repeat_that_makes_no_posts_is_refused(qtbot: QtBot, session: CalendarSession) -> None:
    editor = _editor(qtbot, session, day=date(2026, 11, 24))  # a Tuesday
    editor.title_edit.setText("Nothing comes of it")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    editor.weekday_buttons[1].click()  # not Tuesday after all...
    editor.weekday_buttons[0].click()  # ...but Monday
    editor.until_radio.setChecked(True)
    editor.until_edit.setDate(QDate(2026, 11, 29))  # before the next Monday
    assert "make no posts" in editor.validation_label.text()
    assert not editor.ok_button.isEnabled()


def test_a_repeat_running_past_the_last_year_planned_is_refused(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=date(2999, 12, 29))
    editor.title_edit.setText("Year's end")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("DAILY"))
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(5)
    assert "The repeat runs past 2999" in editor.validation_label.text()
    assert not editor.ok_button.isEnabled()
    editor.count_spin.setValue(3)
    assert editor.validation_label.isHidden()
    assert editor.ok_button.isEnabled()
    assert editor.repeat_summary.text().startswith("Makes 3 posts")


@pytest.mark.parametrize("new", [True, False])
def test_on_a_read_only_calendar_the_editor_says_so_at_once_and_closes_without_asking(
    qtbot: QtBot, demo_path: Path, new: bool
) -> None:
    """It took typing and refused it only at Save, then offered only to discard it."""
    store = CalendarStore.open(demo_path, read_only=True)
    try:
        session = CalendarSession(store)
        post = None if new else next(p for p in store.all_posts() if p.series_id is None)
        editor = PostEditor(session, post, day=TODAY)
        editor.ask_save_changes = SaveAnswers()  # asking it fails: nothing to ask
        qtbot.addWidget(editor)
        _show(qtbot, editor)
        assert editor.validation_label.isVisible()
        assert editor.validation_label.text() == READ_ONLY_EDITOR
        assert not editor.ok_button.isEnabled()
        assert editor.delete_button is None or not editor.delete_button.isEnabled()
        editor.title_edit.setText("Typed all the same")
        with qtbot.waitSignal(editor.rejected):
            qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    finally:
        store.close()


def _editing_a_post_deleted_elsewhere(
    qtbot: QtBot, session: CalendarSession, *answers: SaveAnswer
) -> tuple[PostEditor, Post, SaveAnswers, list[str]]:
    """An editor on a post, its body typed, and the post then deleted by another window
    or program; the gone question answers ``answers``, errors are kept as said."""
    original = _single_post(session)
    said: list[str] = []
    editor = PostEditor(session, original, error_handler=lambda parent, exc: said.append(str(exc)))
    editor.ask_save_changes = SaveAnswers()  # asking it fails: nothing left to answer
    asked = SaveAnswers(*answers)
    editor.ask_save_gone = asked
    qtbot.addWidget(editor)
    editor.body_edit.setPlainText("Typed while someone else deleted it")
    with CalendarStore.open(session.store.path) as other:
        other.delete_posts([original.id])
    return editor, original, asked, said


def test_saving_a_post_deleted_elsewhere_asks_whether_to_save_it_as_new(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Not "There is no post number 12.", nor "copy it into a new post": the question,
    and Cancel keeps the typing where it is."""
    editor, original, asked, said = _editing_a_post_deleted_elsewhere(qtbot, session, "cancel")
    before = _all_ids(session)
    editor.accept()
    assert asked.asked == [elide(original.title)]
    assert said == []
    assert editor.body_edit.toPlainText() == "Typed while someone else deleted it"
    assert editor.result() != QDialog.DialogCode.Accepted
    assert _all_ids(session) == before


def test_what_was_typed_over_a_post_deleted_elsewhere_is_saved_as_a_new_post(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor, original, asked, said = _editing_a_post_deleted_elsewhere(qtbot, session, "save")
    before = _all_ids(session)
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    assert asked.asked == [elide(original.title)]
    assert said == []
    [new_id] = _all_ids(session) - before
    assert editor.created == [new_id]
    new = session.store.post(new_id)
    assert new.uid != original.uid
    assert new.body == "Typed while someone else deleted it"
    assert (new.title, new.date, new.time, new.channel_id) == (
        original.title,
        original.date,
        original.time,
        original.channel_id,
    )
    assert set(new.message_ids) == set(original.message_ids)
    assert session.undo_stack.undoText() == f"Add post '{elide(original.title)}'"
    session.undo_stack.undo()
    assert _all_ids(session) == before


def test_a_series_deleted_elsewhere_is_not_asked_about_before_saving_as_new(
    qtbot: QtBot, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """ "This one, the following or all?" was asked of a series already gone."""
    occurrence = _series_posts(session)[2]
    editor = PostEditor(session, occurrence, error_handler=lambda parent, exc: None)
    editor.ask_save_changes = SaveAnswers()
    asked = SaveAnswers("save")
    editor.ask_save_gone = asked
    qtbot.addWidget(editor)
    editor.body_edit.setPlainText("Typed for this week only")
    with CalendarStore.open(session.store.path) as other:
        other.delete_occurrences(occurrence.id, "all")
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    assert scope_answers.asked == []
    assert asked.asked == [elide(occurrence.title)]
    [new] = [p for p in session.store.all_posts() if p.body == "Typed for this week only"]
    assert new.series_id is None


def test_the_deleted_elsewhere_question_names_the_post_deleted_not_the_title_typed(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor, original, asked, _ = _editing_a_post_deleted_elsewhere(qtbot, session, "cancel")
    editor.title_edit.setText("A title typed just now")
    editor.accept()
    assert asked.asked == [elide(original.title)]


def test_escape_over_a_post_deleted_elsewhere_asks_the_same_and_can_discard(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Escape offered "Save your changes?", whose Save could only fail again."""
    editor, original, asked, said = _editing_a_post_deleted_elsewhere(qtbot, session, "discard")
    _show(qtbot, editor)
    before = _all_ids(session)
    with qtbot.waitSignal(editor.rejected):
        qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    assert asked.asked == [elide(original.title)]
    assert said == []
    assert _all_ids(session) == before


def test_escape_over_a_post_deleted_elsewhere_with_nothing_typed_just_closes(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor, _, asked, _ = _editing_a_post_deleted_elsewhere(qtbot, session)
    editor.body_edit.setPlainText(editor.post.body if editor.post else "")
    _show(qtbot, editor)
    with qtbot.waitSignal(editor.rejected):
        qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    assert asked.asked == []


def _editing_a_post_changed_elsewhere(
    qtbot: QtBot, session: CalendarSession, *answers: OverAnswer, their_title: bool = True
) -> tuple[PostEditor, Post, list[tuple[str, str]]]:
    """An editor on a post, its title typed, and the post's text (and, with
    ``their_title``, its title) then changed by another window or program; the question
    answers ``answers`` and remembers what it was asked."""
    original = _single_post(session)
    editor = PostEditor(session, original, error_handler=lambda parent, exc: None)
    editor.ask_save_changes = SaveAnswers()  # asking it fails: nothing left to answer
    asked: list[tuple[str, str]] = []
    left = list(answers)

    def ask(parent: QWidget, title: str, changed: str) -> OverAnswer:
        asked.append((title, changed))
        return left.pop(0)

    editor.ask_save_over = ask
    qtbot.addWidget(editor)
    editor.title_edit.setText("Typed here")
    with CalendarStore.open(session.store.path) as other:
        edit: dict[str, str] = {"body": "Their text"}
        if their_title:
            edit["title"] = "Their title"
        other.update_post(original.id, edit)  # type: ignore[arg-type]
    return editor, original, asked


def test_saving_over_a_post_changed_elsewhere_asks_first(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Two windows on one post: the last Save won field by field, unsaid (their title
    was lost, their text kept under our title)."""
    editor, original, asked = _editing_a_post_changed_elsewhere(qtbot, session, "cancel", "over")
    editor.accept()
    assert asked == [(elide(original.title), "title")]
    assert editor.result() != QDialog.DialogCode.Accepted
    assert session.store.post(original.id).title == "Their title"
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    saved = session.store.post(original.id)
    assert (saved.title, saved.body) == ("Typed here", "Their text")
    session.undo_stack.undo()
    assert (session.store.post(original.id).title, session.store.post(original.id).body) == (
        "Their title",
        "Their text",
    )


def test_what_was_typed_over_a_post_changed_elsewhere_can_be_a_new_post(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor, original, _ = _editing_a_post_changed_elsewhere(qtbot, session, "new")
    before = _all_ids(session)
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    theirs = session.store.post(original.id)
    assert (theirs.title, theirs.body) == ("Their title", "Their text")
    [new_id] = _all_ids(session) - before
    new = session.store.post(new_id)
    assert (new.title, new.body, new.date) == ("Typed here", original.body, original.date)


def test_a_new_post_beside_a_post_changed_elsewhere_keeps_the_repeat_chosen_for_it(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A plain post given a weekly repeat here: "Save as New Post" made one post, unsaid."""
    editor, original, _ = _editing_a_post_changed_elsewhere(qtbot, session, "new")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    editor.count_radio.setChecked(True)
    editor.count_spin.setValue(3)
    before = _all_ids(session)
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    made = session.store.posts(sorted(_all_ids(session) - before))
    assert len(made) == 3
    assert {p.series_id for p in made} != {None}
    assert session.store.post(original.id).title == "Their title"


def test_a_new_post_beside_a_series_changed_elsewhere_is_one_post(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Its repeat being changed here, "Save as New Post" made a second series over the
    first, which is still there."""
    occurrence = _series_posts(session)[2]
    editor = PostEditor(session, occurrence, error_handler=lambda parent, exc: None)
    editor.ask_save_changes = SaveAnswers()
    editor.ask_save_over = lambda parent, title, changed: "new"
    qtbot.addWidget(editor)
    editor.start_changing_repeat()
    editor.interval_spin.setValue(2)
    editor.title_edit.setText("Reworded here")
    with CalendarStore.open(session.store.path) as other:
        other.update_post(occurrence.id, {"title": "Reworded there"})
    before = _all_ids(session)
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    [new_id] = _all_ids(session) - before
    new = session.store.post(new_id)
    assert (new.title, new.series_id) == ("Reworded here", None)


def test_a_field_changed_elsewhere_alone_is_kept_without_a_question(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor, original, asked = _editing_a_post_changed_elsewhere(qtbot, session, their_title=False)
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    assert asked == []
    saved = session.store.post(original.id)
    assert (saved.title, saved.body) == ("Typed here", "Their text")


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("press", "answer"),
    [("Return", "save"), ("D", "discard"), ("Escape", "cancel")],
)
def test_the_deleted_elsewhere_question_answers_to_the_keyboard(
    qtbot: QtBot, press: str, answer: str
) -> None:
    """Enter saves as new (the default), Alt+D discards, Escape cancels."""
    from calendar_app.ui.dialogs import ask_save_gone

    waited_out: list[bool] = []

    def respond() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert box.objectName() == "savedGoneBox"
        assert box.text() == (
            "'Launch day' was deleted in another window or program while you edited it."
        )
        fallback = QTimer(box)  # a key that does nothing fails, not hangs
        fallback.setSingleShot(True)
        fallback.timeout.connect(lambda: waited_out.append(True))
        fallback.timeout.connect(box.close)
        fallback.start(2000)
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow)
        target = box.focusWidget() or box
        modifier = Qt.KeyboardModifier.AltModifier if len(press) == 1 else Qt.KeyboardModifier(0)
        qtbot.keyClick(target, getattr(Qt.Key, f"Key_{press}"), modifier)

    QTimer.singleShot(0, respond)
    assert ask_save_gone(None, "Launch day") == answer
    assert not waited_out


@OFFSCREEN_POPUPS
def test_save_stays_the_default_after_tab_passed_over_cancel(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Shift+Tab to Cancel, Tab back to the title: Enter still saves (Cancel stayed the
    default, so Enter asked whether to save the changes)."""
    editor = _editor(qtbot, session, _single_post(session))
    with qtbot.waitExposed(editor):
        editor.show()
    cancel = editor.button_box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None
    cancel.setFocus(Qt.FocusReason.BacktabFocusReason)
    qtbot.waitUntil(cancel.hasFocus)
    assert cancel.isDefault()  # Enter on Cancel cancels
    editor.title_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(editor.title_edit.hasFocus)
    assert editor.ok_button.isDefault()
    assert not cancel.isDefault()


@OFFSCREEN_POPUPS
def test_a_field_reached_by_its_mnemonic_is_scrolled_into_sight(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """At 200% on a small screen the fields scroll: Alt+N put the keyboard in Notes out
    of sight, and typing went nowhere to be seen."""
    editor = _editor(qtbot, session, _single_post(session))
    with qtbot.waitExposed(editor):
        editor.show()
    area = editor.form_area
    editor.resize(editor.width(), editor.minimumSizeHint().height())
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    assert area.verticalScrollBar().value() == 0
    editor.notes_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
    qtbot.waitUntil(editor.notes_edit.hasFocus)
    shown = area.viewport().rect()
    top_left = editor.notes_edit.mapTo(area.viewport(), QPoint(0, 0))
    assert shown.contains(top_left)
    assert area.verticalScrollBar().value() > 0


@OFFSCREEN_POPUPS
def test_a_post_on_a_late_key_message_opens_with_it_in_sight(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Of 40 key messages, the post carries the 35th: the list opens on it (it opened
    on the first six, all unticked)."""
    channel = session.channels()[0].id
    ids = [session.store.add_key_message(f"Message {n:02}").created[0] for n in range(40)]
    post_id = session.store.add_post(
        NewPost("Late", channel, (ids[35],), TODAY, status=PostStatus.SCHEDULED)
    ).created[0]
    fresh = session.read_again()  # as the window shows the calendar after the changes
    editor = _editor(qtbot, fresh, fresh.store.post(post_id))
    with qtbot.waitExposed(editor):
        editor.show()
    listed = editor.message_list
    current = listed.currentItem()
    assert current is not None
    assert current.text() == "Message 35"
    assert listed.viewport().rect().intersects(listed.visualItemRect(current))
    assert listed.selectedItems() == []


@OFFSCREEN_POPUPS
def test_enter_on_a_post_without_a_title_says_what_is_missing(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Save is off while the title is empty: Enter said nothing at all."""
    editor = _editor(qtbot, session, day=TODAY)
    with qtbot.waitExposed(editor):
        editor.show()
    editor.title_edit.setFocus()
    qtbot.waitUntil(editor.title_edit.hasFocus)
    assert not editor.ok_button.isEnabled()
    assert not editor.validation_label.isVisible()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert editor.isVisible()
    assert editor.validation_label.isVisible()
    assert "A post needs a title." in editor.validation_label.text()


def test_a_long_key_message_title_leaves_every_row_of_the_list_in_sight(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """A title wider than the list brought a sideways scroll bar over the last row."""
    long_title = "Installed by certified local experts who answer the phone, " * 2
    session.store.add_key_message(long_title.strip())
    fresh = session.read_again()
    editor = _editor(qtbot, fresh, day=TODAY)
    with qtbot.waitExposed(editor):
        editor.show()
    listed = editor.message_list
    assert listed.count() >= 6
    assert not listed.horizontalScrollBar().isVisible()
    last_row = listed.visualItemRect(listed.item(5))
    assert listed.viewport().rect().contains(last_row.adjusted(0, 0, -last_row.width() + 1, 0))
    (item,) = listed.findItems(long_title.strip(), Qt.MatchFlag.MatchExactly)
    assert long_title.strip() in item.toolTip()  # said whole on hover
    # Not counting on the day chosen, it says so at its end, cut in the middle so that
    # the end stays in sight, and its tooltip says so too (both cut it off).
    message = fresh.store.key_message_titled(long_title.strip())
    assert message is not None
    fresh.store.update_key_message(replace(message, starts_on=TODAY + timedelta(days=40)))
    editor = _editor(qtbot, fresh.read_again(), day=TODAY)
    listed = editor.message_list
    item = next(
        listed.item(row)
        for row in range(listed.count())
        if listed.item(row).text().startswith(long_title.strip())
    )
    assert item.text().startswith(long_title.strip() + " (starts ")
    assert listed.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert item.text() in item.toolTip()


def test_a_long_title_opens_at_its_start(qtbot: QtBot, session: CalendarSession) -> None:
    post = session.posts_between(TODAY, TODAY + timedelta(days=30))[0]
    long_title = "Why our installers answer the phone themselves, " * 4
    session.store.update_post(post.id, {"title": long_title.strip()})
    fresh = session.read_again()
    editor = _editor(qtbot, fresh, fresh.store.post(post.id))
    with qtbot.waitExposed(editor):
        editor.show()
    assert editor.title_edit.cursorPosition() == 0  # it showed the title's end
    assert editor.title_edit.selectedText() == long_title.strip()  # typing replaces it


@OFFSCREEN_POPUPS
def test_a_refused_save_takes_the_keyboard_to_the_field_at_fault(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Ctrl+Return on a weekly repeat with no end did nothing and said nothing (Save,
    greyed, is no Tab stop): focus goes where the first problem is mended."""
    editor = _editor(qtbot, session, day=TODAY)
    with qtbot.waitExposed(editor):
        editor.show()
    editor.title_edit.setFocus()
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
    qtbot.keyClicks(editor.title_edit, "Tips on Tuesdays")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.isVisible()
    assert editor.focusWidget() is editor.until_radio
    # Said there and on Save to a screen reader (it heard the field's name alone).
    said = editor.validation_label.text()
    assert said.startswith("Choose when the repeat ends")
    assert editor.until_radio.accessibleDescription() == said
    assert editor.ok_button.accessibleDescription() == f"Not ready: {said}"
    editor.until_radio.setChecked(True)
    assert editor.until_radio.accessibleDescription() == ""
    assert editor.ok_button.accessibleDescription() == ""
    editor.title_edit.clear()
    qtbot.keyClick(editor.until_radio, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.focusWidget() is editor.title_edit
    assert editor.validation_label.text() == "A post needs a title."
    assert editor.title_edit.accessibleDescription() == "A post needs a title."


def test_ticks_go_over_the_key_messages_another_window_gave_the_post_meanwhile(
    qtbot: QtBot, session: CalendarSession, demo_path: Path
) -> None:
    """The list as opened here was written whole: a key message another window had
    added meanwhile was dropped (one it had taken came back)."""
    post = next(
        p
        for p in session.posts_between(TODAY, TODAY + timedelta(days=30))
        if len(p.message_ids) == 1 and p.series_id is None
    )
    carried = post.message_ids[0]
    others = [m.id for m in session.key_messages() if m.id != carried]
    theirs, ours, later = others[0], others[1], others[2]
    editor = _editor(qtbot, session, post)
    with CalendarStore.open(demo_path) as elsewhere:  # another window, or a script
        elsewhere.update_post(post.id, {"message_ids": (carried, theirs), "title": "Retitled"})
    _check_messages(editor, {carried, ours})
    editor.accept()
    saved = session.store.post(post.id)
    assert set(saved.message_ids) == {carried, theirs, ours}
    assert saved.title == "Retitled"
    # Unticked here, it goes; what the other window added meanwhile stays.
    editor = _editor(qtbot, session, saved)
    with CalendarStore.open(demo_path) as elsewhere:
        elsewhere.update_post(post.id, {"message_ids": (carried, theirs, ours, later)})
    _check_messages(editor, {carried, theirs})  # "ours" unticked
    editor.accept()
    assert set(session.store.post(post.id).message_ids) == {carried, theirs, later}


def test_a_channel_or_key_message_deleted_elsewhere_while_chosen_here_is_said_by_name(
    qtbot: QtBot, session: CalendarSession, demo_path: Path
) -> None:
    """ "There is no channel number 7." came back at each Save, until Revert."""
    post = next(
        p for p in session.posts_between(TODAY, TODAY + timedelta(days=30)) if p.message_ids
    )
    made = session.store.add_channel("Mastodon")
    spare = session.store.add_key_message("Spare words")
    session.notify(made | spare)
    said: list[str] = []
    editor = PostEditor(session, post, error_handler=lambda parent, exc: said.append(str(exc)))
    editor.ask_save_changes = lambda parent, title: "discard"
    qtbot.addWidget(editor)
    editor.channel_combo.setCurrentIndex(editor.channel_combo.findData(made.created[0]))
    _check_messages(editor, {*post.message_ids, spare.created[0]})
    with CalendarStore.open(demo_path) as elsewhere:
        elsewhere.delete_channel(made.created[0])
        elsewhere.delete_key_message(spare.created[0])
    editor.accept()
    assert said == [
        "The channel Mastodon and the key message Spare words chosen here were deleted in"
        " another window or program meanwhile; choose another, or close without saving."
    ]
    assert session.store.post(post.id) == post  # nothing saved


def test_deleting_a_post_deleted_elsewhere_meanwhile_says_so_and_adds_no_step(
    qtbot: QtBot, session: CalendarSession, demo_path: Path
) -> None:
    """The editor closed without a word, and Undo then named a deletion that brought
    nothing back."""
    post = next(
        p for p in session.posts_between(TODAY, TODAY + timedelta(days=30)) if p.series_id is None
    )
    said: list[str] = []
    editor = PostEditor(session, post, error_handler=lambda parent, exc: said.append(str(exc)))
    qtbot.addWidget(editor)
    with CalendarStore.open(demo_path) as elsewhere:
        elsewhere.delete_posts([post.id])
    steps = session.undo_stack.count()
    editor.delete_post()
    assert said == [f"'{post.title}' was already deleted in another window or program meanwhile."]
    assert session.undo_stack.count() == steps
    assert editor.result() == QDialog.DialogCode.Rejected


def test_typing_a_calendar_replaced_meanwhile_cannot_take_goes_on_the_clipboard(
    qtbot: QtBot, session: CalendarSession, tmp_path: Path
) -> None:
    """A sync tool put another copy in the calendar's place while a post was edited:
    Save was refused, Escape's Save too, and the typing could only be discarded."""
    original = _single_post(session)
    said: list[str] = []
    editor = PostEditor(session, original, error_handler=lambda parent, exc: said.append(str(exc)))
    qtbot.addWidget(editor)
    editor.title_edit.setText("Typed as the file was replaced")
    editor.body_edit.setPlainText("Two lines\nof text")
    other = tmp_path / "synced.cadence"
    CalendarStore.create(other).close()
    os.replace(other, session.store.path)
    QApplication.clipboard().setText("")
    editor.accept()
    assert len(said) == 1
    assert said[0].endswith(
        "The words you typed are on the clipboard, to paste into the post once the"
        " calendar is open again."
    )
    assert QApplication.clipboard().text() == "Typed as the file was replaced\n\nTwo lines\nof text"
    assert editor.result() != QDialog.DialogCode.Accepted
    # Only a day changed: nothing of the post's own words goes over the clipboard.
    said.clear()
    editor.title_edit.setText(original.title)
    editor.body_edit.setPlainText(original.body)
    editor.date_edit.setDate(editor.date_edit.date().addDays(1))
    QApplication.clipboard().setText("the user's own")
    editor.accept()
    assert len(said) == 1
    assert "clipboard" not in said[0]
    assert QApplication.clipboard().text() == "the user's own"


def test_a_long_list_of_key_messages_says_how_many_are_ticked(
    session: CalendarSession, qtbot: QtBot
) -> None:
    """300 key messages in six rows: nothing said that the post carried sixty of them."""
    made = [session.store.add_key_message(f"Message {n:03}").created[0] for n in range(30)]
    session.notify(ChangeSet(calendar=True))
    editor = PostEditor(session, day=TODAY, messages=made[:3])
    qtbot.addWidget(editor)
    assert editor.messages_ticked.isVisibleTo(editor)
    assert editor.messages_ticked.text() == f"3 of {editor.message_list.count()} ticked"
    editor.message_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert editor.messages_ticked.text() == f"4 of {editor.message_list.count()} ticked"
    assert "4 of" in editor.message_list.accessibleDescription()


def test_a_calendar_without_key_messages_says_where_they_are_made(
    tmp_path: Path, qtbot: QtBot, qapp: object
) -> None:
    """A blank white box where the key messages go, and nothing said."""
    store = CalendarStore.create(tmp_path / "new.cadence", timezone="Europe/Paris")
    store.add_channel("LinkedIn")
    session = CalendarSession(store, today=TODAY)
    try:
        editor = _editor(qtbot, session, day=TODAY)
        assert editor.message_list.count() == 0
        assert editor.messages_ticked.isVisibleTo(editor)
        assert editor.messages_ticked.text() == (
            "No key messages yet: Edit > Key Messages… adds them."
        )
        # All archived: not "yet".
        made = store.add_key_message("Old news").created[0]
        store.update_key_message(replace(store.key_message(made), archived=True))
        session.notify(ChangeSet(calendar=True))
        again = _editor(qtbot, session, day=TODAY)
        assert again.message_list.count() == 0
        assert again.messages_ticked.text() == (
            "Every key message is archived: Edit > Key Messages… brings one back."
        )
    finally:
        store.close()


def test_a_short_list_of_key_messages_shows_every_tick_and_says_nothing_more(
    session: CalendarSession, qtbot: QtBot
) -> None:
    editor = PostEditor(session, day=TODAY)
    qtbot.addWidget(editor)
    assert editor.message_list.count() <= 6
    assert not editor.messages_ticked.isVisibleTo(editor)


def test_save_refused_says_its_problems_again(
    qtbot: QtBot, session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on a form with a problem said nothing: the problem had been said once, as
    it came up, and the greyed Save is no Tab stop."""
    from .conftest import heard_announcements

    editor = _editor(qtbot, session, post=_single_post(session))
    editor.title_edit.setText("")
    heard = heard_announcements(monkeypatch)
    editor.accept()
    assert not editor.saved
    assert heard == ["A post needs a title."]
    editor.accept()  # and again at each refusal
    assert heard == ["A post needs a title."] * 2


def test_a_published_post_given_a_day_to_come_is_scheduled_there(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """As a drag onto that day makes it: published, it counted as delivered on a day it
    had not gone out on; and published chosen for such a day is refused, saying why."""
    post = next(
        p
        for p in session.store.posts_between(TODAY - timedelta(days=20), TODAY)
        if p.status == PostStatus.PUBLISHED and p.series_id is None
    )
    editor = _editor(qtbot, session, post=post)
    later = TODAY + timedelta(days=9)
    editor.date_edit.setDate(qdate(later))
    assert editor.status_combo.currentData() == "scheduled"
    assert editor.problems() == []
    assert post.date is not None
    editor.date_edit.setDate(qdate(post.date))  # back on the day it went out
    assert editor.status_combo.currentData() == "published"
    editor.date_edit.setDate(qdate(later))
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("published"))
    editor._on_status_chosen()
    assert editor.problems() == [PUBLISHED_AHEAD]
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("scheduled"))
    editor.accept()
    saved = session.store.post(post.id)
    assert (saved.date, saved.status) == (later, PostStatus.SCHEDULED)


def test_a_published_occurrence_given_a_day_to_come_keeps_its_status(
    qtbot: QtBot, session: CalendarSession
) -> None:
    """Its status is its scope's: scheduled for "All", the series' drafts became
    scheduled (approved) too."""
    post = _series_posts(session)[0]
    session.store.update_post(post.id, {"status": PostStatus.PUBLISHED})
    editor = _editor(qtbot, session, post=session.store.post(post.id))
    editor.date_edit.setDate(qdate(TODAY + timedelta(days=30)))
    assert editor.status_combo.currentData() == "published"
    assert editor.problems() == []
    assert "status" not in editor.changes()


def test_a_new_post_published_on_a_day_to_come_is_refused(
    qtbot: QtBot, session: CalendarSession
) -> None:
    editor = _editor(qtbot, session, day=TODAY + timedelta(days=3))
    editor.title_edit.setText("Launch recap")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("published"))
    assert editor.problems() == [PUBLISHED_AHEAD]
    editor.date_edit.setDate(qdate(TODAY))
    assert editor.problems() == []
