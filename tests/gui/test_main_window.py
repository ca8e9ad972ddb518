"""The main window as a user meets it: views, navigation, files, settings, undo."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

import pytest
import shiboken6
from icalendar import Calendar
from PySide6.QtCore import (
    QByteArray,
    QDate,
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPoint,
    QRect,
    QSettings,
    QSize,
    Qt,
    QTime,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QAccessible,
    QAction,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QFont,
    QKeySequence,
    QPalette,
    QTextDocumentFragment,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QDialog,
    QLabel,
    QMenu,
    QMenuBar,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QTimeEdit,
    QToolBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from calendar_app.core import database
from calendar_app.core.cadence import MessageStatus, default_window
from calendar_app.core.demo import write_demo
from calendar_app.core.errors import CalendarFileError, to_its_backups
from calendar_app.core.models import (
    KeyMessage,
    NewPost,
    Post,
    PostStatus,
    WeekStart,
    add_months,
    month_end,
)
from calendar_app.core.store import CalendarStore, PostChanges
from calendar_app.exchange.formats import ExportOptions
from calendar_app.render.cadence_strip import day_text, month_title, range_text
from calendar_app.render.weeks import locale_week_start
from calendar_app.ui import dialogs, transfer
from calendar_app.ui import main_window as main_window_module
from calendar_app.ui.commands import (
    AddKeyMessageCommand,
    AddPostCommand,
    CampaignCommand,
    ChangeRepeatCommand,
    ChannelCommand,
    DeleteKeyMessageCommand,
    DeletePostsCommand,
    EditPostsCommand,
    MovePostsCommand,
    UpdateKeyMessageCommand,
    elide,
    plain_tooltip,
    set_posts_status,
    status_command,
)
from calendar_app.ui.dialogs import SaveAnswer
from calendar_app.ui.dnd import (
    POSTS_MIME,
    carried_posts,
    decode_posts,
    drop_posts,
    posts_mime,
    put_on_clipboard,
)
from calendar_app.ui.editor import PostEditor
from calendar_app.ui.gaps import IDEAS_OFFERED, add_fill_actions, overdue_on, short
from calendar_app.ui.main_window import MainWindow
from calendar_app.ui.month_view import PeriodView
from calendar_app.ui.post_model import AgendaModel, IdRole
from calendar_app.ui.session import CalendarSession, Filters
from calendar_app.ui.settings import CalendarSettingsDialog
from calendar_app.ui.welcome import NewCalendarDialog, NewCalendarPlan

from ..files import damage_inside
from ..terminal import cadence
from .conftest import (
    OFFSCREEN_POPUPS,
    READ_ONLY,
    TODAY,
    ScopeAnswers,
    app_font_times,
    double_click,
    heard_announcements,
    read_only,
    unversioned,
)
from .dragdrop import drag_event, drag_from, drag_over, send_drop


class Errors:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, parent: QWidget | None, exc: BaseException) -> None:
        self.seen.append(str(exc))


@pytest.fixture
def settings(tmp_path_factory: pytest.TempPathFactory) -> QSettings:
    # Where the system keeps settings: not in the folder of the calendars tests look at.
    folder = tmp_path_factory.mktemp("config")
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def errors() -> Errors:
    return Errors()


@pytest.fixture
def window(
    session: CalendarSession, settings: QSettings, errors: Errors, qtbot: QtBot
) -> Iterator[MainWindow]:
    win = MainWindow(session, settings, error_handler=errors)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    yield win
    if win.session is not session:
        win.session.store.close()


def test_the_keyboard_day_and_the_agenda_follow_today_over_midnight(
    window: MainWindow, session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window left open overnight: N in the morning wrote a draft on yesterday (the
    keyboard stood there because it was today), and the agenda's rows of yesterday's
    drafts stayed painted as drafts still to go out."""
    tomorrow = TODAY + timedelta(days=1)
    assert window.view().current_date() == TODAY
    assert window.cadence_panel.cursor_day() == TODAY
    monkeypatch.setattr(session, "_today", tomorrow)
    with qtbot.waitSignal(session.dayChanged) as changed:
        session.check_day()
    assert changed.args == [TODAY, tomorrow]
    assert window.view().current_date() == tomorrow
    assert window.cadence_panel.cursor_day() == tomorrow

    # Posts selected stay selected, the keyboard where it was (a move let them go).
    post = next(p for p in session.posts_between(tomorrow, tomorrow) if p.date == tomorrow)
    window.view().select_posts([post.id])
    monkeypatch.setattr(session, "_today", tomorrow + timedelta(days=1))
    session.check_day()
    assert window.view().selected_post_ids() == [post.id]
    assert window.view().current_date() == tomorrow
    # On the month's last day, onto the next month's first, in the grid's last row: the
    # keyboard follows, the page is not turned in the night.
    window.view().select_posts([])
    last = date(TODAY.year, TODAY.month + 1, 1) - timedelta(days=1)
    monkeypatch.setattr(session, "_today", last)
    session.check_day()
    window.go_to(last)
    month = window.month_view.displayed_month()
    monkeypatch.setattr(session, "_today", last + timedelta(days=1))
    session.check_day()
    assert window.view().current_date() == last + timedelta(days=1)
    assert window.month_view.displayed_month() == month
    # Off the page (the grid's last day gone by), it stays: the next page is T away.
    end = window.view().visible_range()[1]
    window.month_view.show_month(month, end)
    monkeypatch.setattr(session, "_today", end)
    session.check_day()
    monkeypatch.setattr(session, "_today", end + timedelta(days=1))
    session.check_day()
    assert window.view().current_date() == end
    assert window.month_view.displayed_month() == month

    # A day the user went to stays; the agenda's rows are painted again.
    window.set_view(2)
    gone_to = tomorrow - timedelta(days=6)
    window.go_to(gone_to)
    model = window.agenda_view.model
    assert model.rowCount() > 0
    monkeypatch.setattr(session, "_today", end + timedelta(days=2))
    with qtbot.waitSignal(model.dataChanged) as repainted:
        session.check_day()
    first, last = repainted.args[:2]
    assert (first.row(), last.row()) == (0, model.rowCount() - 1)
    assert window.view().current_date() == gone_to


def test_the_toolbar_cannot_be_hidden_and_comes_back_if_it_was(
    window: MainWindow, settings: QSettings, qtbot: QtBot
) -> None:
    """Shift+F10 on the toolbar offered one item, "Navigation", which hid the period,
    the views and the search for good (no menu brought them back; Ctrl+F typed into
    the hidden box)."""
    assert window.createPopupMenu() is None
    assert not window.toolbar.toggleViewAction().isEnabled()
    window.toolbar.hide()  # as an earlier release let it be
    settings.setValue("windowState", window.saveState())
    again = MainWindow(window.session, settings)
    qtbot.addWidget(again)
    with qtbot.waitExposed(again):
        again.show()
    assert again.toolbar.isVisible()
    assert again.search_edit.isVisible()


def test_on_a_first_start_the_window_fits_the_screen(
    session: CalendarSession, settings: QSettings, qtbot: QtBot
) -> None:
    """1280 by 800 where there is room; no larger than the screen where there is not (a
    laptop, or 200% scaling): the status bar and the cadence panel stay in sight."""
    win = MainWindow(session, settings)
    qtbot.addWidget(win)
    area = win.screen().availableGeometry()
    assert area.width() < 1280  # the test screen is the small one
    assert win.width() <= area.width()
    assert win.height() <= area.height()
    assert win.width() >= min(1280, area.width()) - 40


@pytest.mark.parametrize(("width", "height", "whole"), [(1000, 640, False), (1440, 1000, True)])
def test_on_a_first_start_the_cadence_panel_leaves_the_views_most_of_a_small_screen(
    session: CalendarSession,
    settings: QSettings,
    qtbot: QtBot,
    width: int,
    height: int,
    whole: bool,
) -> None:
    win = MainWindow(session, settings)
    qtbot.addWidget(win)
    win.resize(width, height)
    with qtbot.waitExposed(win):
        win.show()
    views, panel = win.splitters[2].sizes()
    assert panel <= (views + panel) / 3 + 1
    assert (panel >= win.cadence_panel.sizeHint().height()) == whole
    assert panel >= win.cadence_panel.minimumSizeHint().height()


def test_on_a_first_start_a_tall_window_shows_more_than_eight_key_messages(
    session: CalendarSession, settings: QSettings, qtbot: QtBot
) -> None:
    """Thirty key messages: the panel took eight rows at the first start however tall the
    window (eleven of thirty on a 1440-pixel screen, the month below half empty)."""
    for n in range(30 - session.count_key_messages()):
        session.notify(session.store.add_key_message(f"Extra message {n:02}", cadence_days=14))
    win = MainWindow(session, settings)
    qtbot.addWidget(win)
    win.resize(1280, 1400)
    with qtbot.waitExposed(win):
        win.show()
    views, panel = win.splitters[2].sizes()
    assert panel > win.cadence_panel.sizeHint().height()  # its eight rows' height
    assert panel <= (views + panel) / 3 + 1


def test_the_agenda_keeps_its_scroll_when_shown_again(window: MainWindow) -> None:
    window.set_view(2)
    bar = window.agenda_view.table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    window.set_view(0)
    window.set_view(2)
    assert bar.value() == 0  # where the user left it, not back on the current day


@pytest.mark.parametrize("width", [1024, 1100, 1150])
def test_in_a_narrow_window_the_agenda_opens_on_its_first_columns(
    session: CalendarSession, settings: QSettings, errors: Errors, qtbot: QtBot, width: int
) -> None:
    """It opened scrolled sideways to its end: the date, time and title out of sight,
    at some widths only the status column showing."""
    win = MainWindow(session, settings, error_handler=errors)
    qtbot.addWidget(win)
    win.resize(width, 700)
    with qtbot.waitExposed(win):
        win.show()
    win.set_view(2)
    table = win.agenda_view.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    header = table.horizontalHeader()
    assert header.sectionViewportPosition(AgendaModel.DATE) == 0
    assert table.horizontalScrollBar().value() == 0
    title = header.sectionViewportPosition(AgendaModel.TITLE)
    assert 0 < title < table.viewport().width()
    win.close()


@pytest.mark.parametrize("height", [768, 728])
def test_on_a_laptop_s_screen_the_channels_show_whole_at_the_first_start(
    session: CalendarSession, settings: QSettings, errors: Errors, qtbot: QtBot, height: int
) -> None:
    """The sidebar's three fifths were a few pixels short: the channel list scrolled
    with every channel in sight, or hid the last one."""
    win = MainWindow(session, settings, error_handler=errors)
    qtbot.addWidget(win)
    win.resize(1366, height)
    with qtbot.waitExposed(win):
        win.show()
    channels = win.sidebar.channels_view
    qtbot.waitUntil(lambda: channels.viewport().height() > 0)
    assert channels.model().rowCount() == 6
    assert channels.verticalScrollBar().maximum() == 0
    left = win.splitters[1].sizes()
    assert left[1] >= sum(left) // 3  # the backlog keeps its third
    win.close()


def test_title_names_the_calendar_and_the_period_is_this_month(window: MainWindow) -> None:
    assert window.windowTitle() == "Solenne Solar (demo) — Cadence"
    assert window.period_label.text() == window.month_view.period_title()
    assert window.view().current_date() == TODAY
    assert "2026" in window.period_label.text()


@pytest.mark.parametrize("title", ["December 2026", "ديسمبر ٢٠٢٦"])
def test_the_period_title_starts_beside_its_arrows_in_any_script(
    window: MainWindow, title: str
) -> None:
    """In Arabic the title read from the far end of its room, 121 pixels from the
    arrows it goes with (14 in English), and moved as the views changed its room."""
    label = window.period_label
    label.setText(title)
    image = label.grab().toImage()
    ink = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).lightness() < 100 for y in range(image.height()))
    ]
    assert ink
    assert ink[0] < 20
    assert label.width() - ink[-1] > 20  # (the room is wider than the title)


def test_ctrl_shortcuts_switch_views(window: MainWindow, qtbot: QtBot) -> None:
    for index, key in enumerate((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.view_index() == index
        assert window.view().current_date() == TODAY
    # The keys 1, 2, 3 of a French (AZERTY) keyboard, as Qt reads them with Ctrl.
    azerty = (Qt.Key.Key_Ampersand, Qt.Key.Key_Eacute, Qt.Key.Key_QuoteDbl)
    for index, key in [*enumerate(azerty)][::-1]:
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.view_index() == index


def test_a_month_shown_again_keeps_its_gaps_after_a_change(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A month beyond the analysis' default window, left for the week view and shown
    again: a change (here undone) re-runs the analysis over the month's days, so its
    overdue badges and the panel's red bars stay."""
    window.go_to(date(2027, 2, 10))
    month = window.month_view
    later = [d for d in month.visible_days() if d > default_window(TODAY)[1]]
    badges = {day: month.badge_count(day) for day in later}
    assert any(badges.values())
    bars = {m: window.cadence_panel.gap_bars(m) for m in window.cadence_panel.message_ids()}
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    post = window.session.store.posts_between(TODAY, TODAY)[0]
    mime = posts_mime(window.session, [post], post.id)
    drop_posts(window.session, window, mime, TODAY + timedelta(days=1))
    assert window.session.store.post(post.id).date == TODAY + timedelta(days=1)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.store.post(post.id).date == TODAY
    assert {day: month.badge_count(day) for day in later} == badges
    panel = window.cadence_panel
    assert {m: panel.gap_bars(m) for m in panel.message_ids()} == bars


def test_switching_views_keeps_the_selection_and_makes_none(
    window: MainWindow, qtbot: QtBot
) -> None:
    count = window.session.store.count_posts()
    assert window.selected_post_ids() == []
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.selected_post_ids() == []  # the agenda's cursor row is not a choice
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert window.session.store.count_posts() == count
    # Said, with the key that picks the row the keyboard is on (a screen reader read
    # it, Enter opened it: "Select a post first" alone left the user wondering).
    assert window.statusBar().currentMessage() == (
        "Select a post first. Space selects the row the keyboard is on."
    )
    # The keyboard elsewhere (the key messages' list): the agenda's row is not it.
    window.sidebar.messages_view.setFocus()
    window.delete_selected()
    assert window.statusBar().currentMessage() == "Select a post first."
    window.agenda_view.table.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.selected_post_ids() == [window.agenda_view.focused_post()]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.selected_post_ids() == []

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today = [p.id for p in window.session.store.posts_between(TODAY, TODAY)]
    later = window.session.store.posts_between(TODAY + timedelta(days=7), TODAY + timedelta(days=7))
    chosen = [today[0], later[0].id]
    window.month_view.select_posts(chosen)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.selected_post_ids() == chosen
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week_first, week_last = window.view().visible_range()
    assert week_first <= TODAY <= week_last < later[0].date  # type: ignore[operator]
    # The week keeps both, the one out of its sight said; the month has both back (the
    # week kept only what it showed, and the month then lost the other for good).
    assert sorted(window.selected_post_ids()) == sorted(chosen)
    assert "1 of them on days out of sight" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert sorted(window.selected_post_ids()) == sorted(chosen)
    # A week that shows none of them keeps them too (all were dropped on the way):
    # Ctrl+A in a month of two posts, the keyboard on a day of a quiet week.
    ctrl = Qt.KeyboardModifier.ControlModifier
    blog = next(c for c in window.session.channels() if c.name == "Blog")
    for day in (2, 4):
        post = NewPost(f"Aug {day}", blog.id, date=date(2027, 8, day))
        window.session.push(AddPostCommand(window.session, post))
    window.go_to(date(2027, 8, 18))
    qtbot.keyClick(window.month_view, Qt.Key.Key_A, ctrl)
    picked = sorted(window.selected_post_ids())
    assert len(picked) == 2
    qtbot.keyClick(window, Qt.Key.Key_2, ctrl)
    assert sorted(window.selected_post_ids()) == picked
    assert (
        window.statusBar().currentMessage().startswith("2 posts selected, all on days out of sight")
    )
    qtbot.keyClick(window, Qt.Key.Key_1, ctrl)
    assert sorted(window.selected_post_ids()) == picked
    # One alone, the month turned ("1 post selected, 1 of them on days out of sight").
    window.month_view.select_posts([])
    chip = window.month_view.chip_rect(picked[0])
    assert chip is not None
    qtbot.mouseClick(window.month_view, Qt.MouseButton.LeftButton, ctrl, chip.center())
    assert window.selected_post_ids() == picked[:1]
    qtbot.keyClick(window.month_view, Qt.Key.Key_PageDown)
    assert window.statusBar().currentMessage().startswith("1 post selected, on a day out of sight")
    window.month_view.select_posts(picked)
    # The agenda's rows are its month's: a pick of another month is said to go (it went
    # without a word).
    window.go_to(date(2027, 8, 4))
    window.month_view.select_posts([*picked, *chosen])
    qtbot.keyClick(window, Qt.Key.Key_3, ctrl)
    assert sorted(window.selected_post_ids()) == picked
    assert window.statusBar().currentMessage() == (
        f"2 posts selected outside {window.agenda_view.period_title()} are no longer selected."
    )


def test_posts_selected_out_of_sight_and_deleted_are_no_longer_selected(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Picked, the month stepped on, Delete: both went, yet stayed selected, and the next
    Delete said another program had deleted them."""
    session = window.session
    month = window.month_view
    chosen = [p.id for p in session.store.posts_between(TODAY, TODAY + timedelta(days=3))][:2]
    assert len(chosen) == 2
    ctrl = Qt.KeyboardModifier.ControlModifier
    for post_id, held in zip(chosen, (Qt.KeyboardModifier.NoModifier, ctrl), strict=True):
        rect = month.chip_rect(post_id)
        assert rect is not None
        qtbot.mouseClick(month, Qt.MouseButton.LeftButton, held, rect.center())
    qtbot.keyClick(month, Qt.Key.Key_Right, ctrl)  # the next month
    assert sorted(window.selected_post_ids()) == sorted(chosen)  # out of sight, picked
    assert not any(month.chip_rect(i) for i in chosen)
    qtbot.keyClick(month, Qt.Key.Key_Delete)
    assert session.store.count_existing(set(chosen)) == 0
    assert window.selected_post_ids() == []


def test_the_platform_s_other_keys_for_cut_undo_and_redo_work_on_posts(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Shift+Del, Alt+Backspace and Ctrl+Y did nothing: only the first of each action's
    keys was bound (the text fields took them all)."""
    session = window.session
    month = window.month_view
    post = _standalone(session, TODAY, TODAY + timedelta(days=3))[0]
    month.select_posts([post.id])
    month.setFocus()
    qtbot.keyClick(month, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)  # cut
    assert window._on_clipboard()[1] is not None
    qtbot.keyClick(month, Qt.Key.Key_Delete)
    assert session.store.count_existing({post.id}) == 0
    qtbot.keyClick(month, Qt.Key.Key_Backspace, Qt.KeyboardModifier.AltModifier)  # undo
    assert session.store.count_existing({post.id}) == 1
    qtbot.keyClick(month, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo
    assert session.store.count_existing({post.id}) == 0
    assert window.redo_action.shortcut().toString() == "Ctrl+Shift+Z"  # as the menu says


def test_next_previous_and_today(window: MainWindow) -> None:
    first_title = window.period_label.text()
    window.next_action.trigger()
    assert window.period_label.text() != first_title
    assert window.view().current_date() > TODAY
    window.previous_action.trigger()
    window.previous_action.trigger()
    assert window.view().current_date() < TODAY
    window.today_action.trigger()
    assert window.view().current_date() == TODAY
    assert window.period_label.text() == first_title


def test_previous_and_next_are_named_and_their_buttons_show_arrows(
    window: MainWindow, qtbot: QtBot
) -> None:
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view_menu, QMenu)
    labels = [a.text() for a in view_menu.actions()]
    assert "&Previous Period" in labels
    assert "Ne&xt Period" in labels
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert toolbar is not None
    for action, arrow, name, keys in (
        (window.previous_action, "‹", "Previous period", "Ctrl+Left"),
        (window.next_action, "›", "Next period", "Ctrl+Right"),
    ):
        button = toolbar.widgetForAction(action)
        assert isinstance(button, QToolButton)
        assert button.text() == arrow
        accessible = QAccessible.queryAccessibleInterface(button)
        assert accessible is not None
        assert accessible.text(QAccessible.Text.Name) == name
        assert button.toolTip() == f"Show the {name.lower()} ({keys})"
    # The buttons do what they say.
    title = window.period_label.text()
    qtbot.mouseClick(toolbar.widgetForAction(window.next_action), Qt.MouseButton.LeftButton)
    assert window.view().current_date() > TODAY
    qtbot.mouseClick(toolbar.widgetForAction(window.previous_action), Qt.MouseButton.LeftButton)
    assert window.period_label.text() == title


def test_no_menu_gives_two_entries_one_mnemonic(window: MainWindow) -> None:
    """Alt and a letter reach one entry of the menu bar, and one of each menu in it."""

    def check(menu: QWidget, name: str) -> None:
        entries = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        keys = [(QKeySequence.mnemonic(a.text()).toString(), a.text()) for a in entries]
        letters = [key for key, _ in keys if key]
        assert letters, f"{name}: no mnemonics at all"
        repeated = {
            key: [t for k, t in keys if k == key] for key in letters if letters.count(key) > 1
        }
        assert not repeated, f"{name}: {repeated}"

    bar = window.menuBar()
    check(bar, "the menu bar")
    for top in bar.actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        check(menu, top.text())


@OFFSCREEN_POPUPS
def test_go_to_date_shows_the_day_picked(window: MainWindow, qtbot: QtBot) -> None:
    opened: list[tuple[str, QDate]] = []

    def pick(day: date | None) -> None:
        """Choose in the dialog, then close it; the checks come after, outside it."""
        dialog = QApplication.activeModalWidget()
        edit = dialog.findChild(QDateEdit) if dialog is not None else None
        if dialog is None or edit is None:
            return
        opened.append((dialog.objectName(), edit.date()))
        if day is None:
            qtbot.keyClick(edit, Qt.Key.Key_Escape)
        else:
            edit.setDate(QDate(day.year, day.month, day.day))
            qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, lambda: pick(date(2027, 9, 14)))
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    # It opened on the day shown.
    assert opened == [("goToDateDialog", QDate(TODAY.year, TODAY.month, TODAY.day))]
    assert window.view().current_date() == date(2027, 9, 14)
    assert window.period_label.text() == window.month_view.period_title()
    assert "2027" in window.period_label.text()
    assert window.focusWidget() is window.month_view  # arrows go on from there

    window.go_to(TODAY)
    QTimer.singleShot(0, lambda: pick(None))
    window.go_to_date_action.trigger()
    assert window.view().current_date() == TODAY


def test_each_export_format_has_its_own_access_key(window: MainWindow) -> None:
    keys = []
    for action in window.export_menu.actions():
        text = action.text()
        assert text.count("&") == 1, text
        keys.append(text[text.index("&") + 1].casefold())
    assert len(keys) == len(set(keys)) == 7


@OFFSCREEN_POPUPS
def test_go_to_date_takes_a_typed_day_of_the_month(window: MainWindow, qtbot: QtBot) -> None:
    """Ctrl+G, 25, Enter: the 25th (the field started on the weekday, which took the
    digits, and the calendar stayed where it was)."""
    typed: list[str] = []
    tries = iter(range(100))

    def type_day() -> None:
        """Type once the dialog has the focus (as a user does), or give up and close."""
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if dialog is None or focus is None or not dialog.isAncestorOf(focus):
            if next(tries, None) is not None:
                QTimer.singleShot(10, type_day)
            elif dialog is not None:
                dialog.close()
            return
        typed.append(type(focus).__name__)
        qtbot.keyClicks(focus, "25")
        qtbot.keyClick(focus, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_day)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert typed
    assert window.view().current_date() == TODAY.replace(day=25)


def test_a_post_held_over_next_is_carried_to_the_next_month(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    mime = posts_mime(session, [post])
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert toolbar is not None
    button = toolbar.widgetForAction(window.next_action)
    turner = window.page_turners[1]
    title = window.period_label.text()

    enter = drag_event(QDragEnterEvent, button.rect().center(), mime)
    QApplication.sendEvent(button, enter)
    assert enter.isAccepted()
    qtbot.waitUntil(lambda: window.period_label.text() != title, timeout=3000)
    QApplication.sendEvent(button, QDragLeaveEvent())
    assert not turner.turning()
    assert window.month_view.visible_range()[0] > TODAY  # December now

    target = date(2026, 12, 16)
    send_drop(window.month_view, window.month_view.day_rect(target).center(), mime)
    assert session.store.post(post.id).date == target
    assert session.store.post(post.id).time == post.time

    # Things other than posts do not turn pages.
    other = QMimeData()
    other.setText("just text")
    enter = drag_event(QDragEnterEvent, button.rect().center(), other)
    QApplication.sendEvent(button, enter)
    assert not turner.turning()

    # Nor does the agenda, whose rows take no drop: the post's month went out of sight,
    # with only the backlog left to drop on.
    window.set_view(2)
    enter = drag_event(QDragEnterEvent, button.rect().center(), mime)
    QApplication.sendEvent(button, enter)
    assert not enter.isAccepted()
    assert not turner.turning()
    window.set_view(1)  # the week takes them
    enter = drag_event(QDragEnterEvent, button.rect().center(), mime)
    QApplication.sendEvent(button, enter)
    assert turner.turning()
    QApplication.sendEvent(button, QDragLeaveEvent())


def test_t_in_the_week_and_a_day_opened_from_the_month_scroll_the_hours_to_them(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, week = window.session, window.week_view
    monkeypatch.setattr(session, "now", lambda: time(22, 47))
    window.set_view(1)
    week.scroll_to_time(time(7, 0))
    qtbot.keyClick(week, Qt.Key.Key_T)
    x = week.day_rect(TODAY).center().x()
    assert week.grid_rect().contains(x, week.y_for_time(time(22, 47)))

    day = TODAY + timedelta(days=8)
    late = session.posts_between(day, day)
    for post in late:
        session.push(EditPostsCommand(session, {post.id: PostChanges(time=time(23, 0))}))
    assert late
    window.set_view(0)
    week.scroll_to_time(time(7, 0))
    window.month_view.dayActivated.emit(day)  # its "+N more"
    assert window.view() is week
    assert any(week.chip_rect(p.id) is not None for p in late)


def test_the_cadence_panel_follows_the_visible_period(window: MainWindow) -> None:
    window.next_action.trigger()
    first, last = window.view().visible_range()
    assert window.cadence_panel.x_for(first) < window.cadence_panel.x_for(last)
    assert window.session.analysis_window()[1] >= last


@pytest.mark.parametrize("months", [3, 12])
def test_a_click_in_a_long_panel_moves_the_calendar_and_leaves_the_panel_where_it_is(
    window: MainWindow, qtbot: QtBot, months: int
) -> None:
    """In a year's span, a click moved the year to start at the month clicked: the same
    spot clicked three times went to August, then April next year, then December. The
    calendar goes there and the panel's months stay under the pointer; paging still
    moves them along."""
    panel = window.cadence_panel
    with qtbot.waitExposed(window):
        window.show()
    panel.set_span(months, chosen=True)
    span = panel.visible_range()
    row = panel.row_rect(panel.message_ids()[0])
    # Two thirds in, and near its start (the month's grid begins in the month before).
    for share in (2 / 3, 1 / 40):
        spot = QPoint(int(panel.x_for(span[0] + (span[1] - span[0]) * share)), row.center().y())
        day = panel.day_at(spot)
        assert day is not None
        for _ in range(3):
            qtbot.mouseClick(panel, Qt.MouseButton.LeftButton, pos=spot)
            first, last = window.view().visible_range()
            assert first <= day <= last, "the calendar went to the day clicked"
            assert panel.day_at(spot) == day, "and the same spot is the same day"
            assert panel.visible_range() == span
    window.next_action.trigger()  # paging: from the month shown, as before
    shown = window.view().visible_range()
    middle = (shown[0] + (shown[1] - shown[0]) / 2).replace(day=1)
    assert panel.visible_range()[0] == min(shown[0], middle)


def test_a_long_panel_keeps_its_overdue_bars_whole_after_a_change(window: MainWindow) -> None:
    """Six months in the panel, the month stepped on: after any change the bars stopped
    at the month's analysis (90 days ahead), the months after left blank (the month's
    range, said after the panel's, was the only one the analysis kept)."""
    session, panel = window.session, window.cadence_panel
    panel.set_span(6, chosen=True)
    window.next_action.trigger()
    last = panel.visible_range()[1]

    def ends() -> list[date]:
        return [panel.gap_bars(m)[-1][1] for m in panel.message_ids() if panel.gap_bars(m)]

    assert last in ends()  # a gap unfilled to the end of the span
    channel = session.channels()[0].id
    session.push(AddPostCommand(session, NewPost("An idea", channel, status=PostStatus.IDEA)))
    assert last in ends()
    assert session.analysis_window()[1] >= last


def test_an_undo_that_brings_posts_back_hidden_says_what_hides_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A post deleted, its channel then unticked: Ctrl+Z said "Undone: Delete post (now
    on Mon 7 Dec)." and nothing showed there; an idea deleted, then the backlog searched:
    the list stayed empty, unsaid."""
    session = window.session
    (post,) = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=10))[:1]
    window.month_view.select_posts([post.id])
    window.delete_action.trigger()
    window.toggle_filter("channels", post.channel_id, False)
    window.undo_action.trigger()
    said = window.statusBar().currentMessage()
    assert said.startswith("Undone: Delete post (now on ")
    assert said.endswith(" It is hidden by the filters; clear them to see it.")
    window.toggle_filter("channels", post.channel_id, True)
    # An idea, under the backlog's search.
    backlog = window.backlog
    idea = backlog.shown_post_ids()[0]
    backlog.select_posts([idea])
    window.delete_action.trigger()
    backlog.search.setText("no idea is called this")
    window.month_view.setFocus()
    window.undo_action.trigger()
    said = window.statusBar().currentMessage()
    assert said == (
        "Undone: Delete post (now in the backlog). It is hidden by the backlog's search;"
        " clear it to see it."
    )


def test_a_step_that_leaves_posts_in_the_backlog_says_so(
    window: MainWindow, session: CalendarSession
) -> None:
    """Redone, "Unschedule post." said nowhere where the post went (a day is said);
    an idea given a day was "Move post", the opposite of "Unschedule post"."""
    (post,) = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=10))[:1]
    session.push(MovePostsCommand(session, {post.id: (None, None)}))
    window.undo_action.trigger()
    assert window.statusBar().currentMessage().startswith("Undone: Unschedule post (now on ")
    window.redo_action.trigger()
    said = window.statusBar().currentMessage()
    assert said == "Redone: Unschedule post (now in the backlog)."
    idea = window.backlog.shown_post_ids()[0]
    session.push(MovePostsCommand(session, {idea: (TODAY + timedelta(days=2), None)}))
    assert session.undo_stack.undoText() == "Schedule post"
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == "Undone: Schedule post (now in the backlog)."


def test_an_undo_reads_the_backlog_only_for_ideas_under_its_search(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every undo read every row of the backlog (40,000 ideas: half a second), to find
    ideas hidden by its search when no idea was undone, or nothing was searched."""
    session = window.session
    backlog = window.backlog
    read: list[int] = []
    rows = backlog.shown_post_ids

    def counted() -> list[int]:
        read.append(1)
        return rows()

    monkeypatch.setattr(backlog, "shown_post_ids", counted)
    (post,) = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=10))[:1]
    window.month_view.select_posts([post.id])
    window.delete_action.trigger()
    backlog.search.setText("posts")
    read.clear()  # (the search itself reads the rows it shows)
    window.undo_action.trigger()  # a dated post: no idea to look for
    assert read == []
    backlog.search.clear()
    idea = rows()[0]
    backlog.select_posts([idea])
    window.delete_action.trigger()
    read.clear()
    window.undo_action.trigger()  # an idea, nothing searched
    assert read == []
    window.redo_action.trigger()
    backlog.search.setText("no idea is called this")
    window.undo_action.trigger()  # an idea under a search: looked for, and said
    assert read == [1]
    assert window.statusBar().currentMessage().endswith("clear it to see it.")


def test_a_move_undone_out_of_sight_says_the_post_stays_picked(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Cut on 7 December, pasted on 20 January, Ctrl+Z looking at January: the post went
    back, still picked out of sight, unsaid; a Delete then deleted it."""
    session = window.session
    post = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=10))[0]
    assert post.date is not None
    later = post.date + timedelta(days=60)
    session.push(MovePostsCommand(session, {post.id: (later, post.time)}))
    window.go_to(later)
    window.month_view.select_posts([post.id])
    assert window.month_view.selected_out_of_sight() == 0
    window.undo_action.trigger()
    assert window.month_view.selected_out_of_sight() == 1
    said = window.statusBar().currentMessage()
    assert said == (
        f"Undone: Move post (now on {day_text(post.date, year=TODAY)}, still selected)."
    )
    window.redo_action.trigger()  # back in sight: nothing to say of it
    assert "still selected" not in window.statusBar().currentMessage()


def test_undo_menu_text_names_the_change(window: MainWindow) -> None:
    session = window.session
    posts = session.posts_between(date(2026, 11, 23), date(2026, 11, 27))[:3]
    week = timedelta(days=7)
    moves: dict[int, tuple[date | None, time | None]] = {
        p.id: (p.date + week if p.date else None, p.time) for p in posts
    }
    session.push(MovePostsCommand(session, moves))
    assert window.undo_action.text() == "&Undo Move 3 posts"
    assert window.undo_action.isEnabled()
    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))
    with read_only(session.store):
        window.undo_action.trigger()
    assert seen == [READ_ONLY]
    assert window.undo_action.text() == "&Undo Move 3 posts"
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Move 3 posts"
    assert [p.date for p in session.posts(list(moves))] == [p.date for p in posts]


def test_status_bar_counts_overdue_messages(window: MainWindow) -> None:
    overdue = [m for m in window.session.report().messages if m.status == "overdue"]
    assert overdue
    text = window.statusBar().currentMessage()
    assert f"{len(overdue)} key message" in text
    assert f"{window.session.store.count_posts()} posts" in text


def test_the_summary_comes_back_after_a_passing_message(window: MainWindow) -> None:
    """A search's "1 of 2" or a copy's note lasts a few seconds; the bar then shows the
    summary again (it stayed blank until the next change)."""
    bar = window.statusBar()
    summary = bar.currentMessage()
    assert summary.endswith("posts") or " · " in summary
    bar.showMessage("1 of 2: 'Thread'", 8000)
    assert bar.currentMessage() == "1 of 2: 'Thread'"
    bar.clearMessage()  # what the message's timer does when it runs out
    assert bar.currentMessage() == summary


def test_the_summary_says_which_filters_hide_posts(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a narrow window the toolbar folds its filter buttons behind »: an active
    status filter was then nowhere in sight."""
    session, bar = window.session, window.statusBar()
    ordered: list[int] = []
    in_order = session.store.dated_in_order
    found = len(in_order(session.store.search_ids("warranty")))

    def counted(*args: Any, **kwargs: Any) -> list[tuple[int, date]]:
        ordered.append(1)
        return in_order(*args, **kwargs)

    monkeypatch.setattr(session.store, "dated_in_order", counted)
    assert "filtered" not in bar.currentMessage()
    session.set_filters(Filters(statuses=frozenset({PostStatus.PUBLISHED})))
    assert bar.currentMessage().endswith(" · filtered by status")
    channel = session.channels()[0].id
    session.set_filters(replace(session.filters, hidden_channels=frozenset({channel})))
    assert bar.currentMessage().endswith(" · filtered by channels, status")
    session.set_filters(Filters())
    assert "filtered" not in bar.currentMessage()

    # A search whose matches are all in other months left the month empty, unexplained.
    session.set_filters(Filters(search="warranty"))
    assert found > 1
    assert bar.currentMessage().endswith(f" · {found} posts match the search; Enter goes to each")
    # Counted: the posts are put in order only for Enter (at 1M posts the count in order
    # took 1.1 s of a search's 1.5 s).
    assert ordered == []
    session.set_filters(Filters(search="zebra"))
    assert bar.currentMessage().endswith(" · no dated post matches the search")
    # An idea alone matches: Enter has no day to go to, and the count said 1.
    session.set_filters(Filters(search="roofer"))
    assert session.store.search_ids("roofer")
    assert bar.currentMessage().endswith(" · no dated post matches the search")
    session.set_filters(Filters(search="warranty", statuses=frozenset({PostStatus.IDEA})))
    assert bar.currentMessage().endswith(" · no dated post shown matches the search")


def test_the_search_count_follows_an_edit_and_its_undo(window: MainWindow) -> None:
    """It was one step behind: "no dated post matches" after a post was retitled to
    match, and "1 post matches" once that was undone."""
    session, bar = window.session, window.statusBar()
    post = next(
        p for p in session.posts_between(TODAY, TODAY + timedelta(days=20)) if p.series_id is None
    )
    window.search_edit.setText("zebra")
    window.search_edit.returnPressed.emit()  # Enter: the results put in order, and kept
    bar.clearMessage()
    assert bar.currentMessage().endswith(" · no dated post matches the search")
    session.push(EditPostsCommand(session, {post.id: PostChanges(title=f"{post.title} zebra")}))
    bar.clearMessage()
    assert bar.currentMessage().endswith(" · 1 post matches the search; Enter goes to each")
    window.undo_action.trigger()
    bar.clearMessage()
    assert bar.currentMessage().endswith(" · no dated post matches the search")


def test_status_bar_count_follows_changes_and_undo(window: MainWindow) -> None:
    total = window.session.store.count_posts()
    doomed = [p.id for p in window.session.posts_between(TODAY, TODAY + timedelta(days=6))][:2]
    assert len(doomed) == 2

    window.session.push(DeletePostsCommand(window.session, doomed))
    assert window.statusBar().currentMessage().startswith(f"{total - 2} posts")
    window.step(1)  # a month switch keeps the count it has
    assert window.statusBar().currentMessage().startswith(f"{total - 2} posts")

    window.session.undo_stack.undo()
    assert window.statusBar().currentMessage().startswith(f"{total} posts")


def test_search_filters_the_views(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    searches: list[str] = []
    window.session.filtersChanged.connect(lambda: searches.append(window.session.filters.search))
    qtbot.keyClicks(window.search_edit, "warranty")
    assert searches == []  # not at every key: once typing pauses
    qtbot.waitUntil(lambda: searches == ["warranty"], timeout=3000)
    shown = window.session.posts_between(date(2026, 8, 1), date(2027, 2, 1))
    assert shown
    assert all("warranty" in (p.title + p.body + p.notes).lower() for p in shown)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)  # everything again, at once
    assert window.search_edit.text() == ""
    assert len(window.session.posts_between(date(2026, 8, 1), date(2027, 2, 1))) > len(shown)
    assert searches == ["warranty", ""]
    assert window.statusBar().currentMessage() == "Search cleared."  # heard, not only seen
    assert window.search_edit.hasFocus()

    # A search that found nothing: its word goes with it (it stayed up, of a search gone).
    qtbot.keyClicks(window.search_edit, "zzqx")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage().startswith("No dated post matches 'zzqx'.")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.statusBar().currentMessage() == "Search cleared."
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)  # empty: back to the calendar
    assert window.month_view.hasFocus()
    assert window.statusBar().currentMessage() == "Search cleared."  # (said once)


def test_a_match_an_earlier_release_dated_past_the_plans_is_said_not_shown(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    """Dated 31 December 9999: Enter in the search box failed with "date value out of
    range" (the month's grid runs past it), and the next month with "year 10000"."""
    channel = session.channels()[0].id
    far = session.store.add_post(NewPost("Zeppelin launch", channel, date=date(2026, 12, 1)))
    session.store.db.execute("UPDATE posts SET date = '9999-12-31' WHERE id = ?", [far.created[0]])
    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, "Zeppelin")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == (
        "1 of 1: 'Zeppelin launch' is dated 9999-12-31, which is outside the years a"
        " calendar plans (1900 to 2999); give it a day with 'cadence post move'."
    )
    assert window.view().current_date() == date(2999, 12, 31)
    window.view().step(1)
    window.view().step(-1)
    assert window.view().current_date().year == 2999


def test_filtered_the_status_bar_counts_the_posts_shown_of_all(
    window: MainWindow, session: CalendarSession
) -> None:
    """Filtered down to 7 posts in the month, the status bar still began "177 posts",
    read as the posts on screen; only the agenda counted those shown."""
    total = len(session.store.all_posts())

    def counted() -> str:
        return window.statusBar().currentMessage().split(" · ")[0]

    assert counted() == f"{total} posts"
    session.set_filters(Filters(statuses=frozenset({PostStatus.SCHEDULED})))
    shown = window.month_view.shown_count()
    assert 0 < shown < total
    assert counted() == f"{shown} of {total} posts in view"
    window.step(1)
    assert window.month_view.shown_count() != shown
    assert counted() == f"{window.month_view.shown_count()} of {total} posts in view"
    window.set_view(2)
    listed = window.agenda_view.shown_count()
    assert listed == len(window.agenda_view.shown_post_ids())
    assert counted() == f"{listed} of {total} posts in view"
    window.set_view(1)
    assert counted() == f"{window.week_view.shown_count()} of {total} posts in view"
    # Another filter, in each view: counted after the view has its rows (the agenda's
    # and the week's, made after the window, were counted as they stood before it).
    for index in (2, 1, 0):
        window.set_view(index)
        for statuses in ({PostStatus.DRAFT}, {PostStatus.PUBLISHED, PostStatus.CANCELLED}):
            session.set_filters(Filters(statuses=frozenset(statuses)))
            in_view = window.view().shown_count()
            assert counted() == f"{in_view} of {total} posts in view"
    session.set_filters(Filters(statuses=frozenset({PostStatus.SCHEDULED})))
    # A post set to Cancelled leaves the posts shown: counted at once.
    window.set_view(0)
    before = window.month_view.shown_count()
    single = [
        p
        for p in session.posts(
            [i for d in window.month_view.visible_days() for i in window.month_view.posts_on(d)]
        )
        if p.series_id is None
    ]
    window.month_view.select_posts([single[0].id])
    assert window.set_status(PostStatus.CANCELLED)
    assert window.month_view.shown_count() == before - 1
    window.statusBar().clearMessage()  # (it said the post is hidden now)
    assert counted() == f"{before - 1} of {total} posts in view"
    # So in the week and the agenda, made after the window: a change there was counted
    # as the view stood before it ("3 of 178" over a week of four).
    for index in (1, 2):
        window.set_view(index)
        view = window.view()
        before = view.shown_count()
        first, last = view.visible_range()
        alone = [
            p
            for p in _standalone(session, first, last)
            if p.status == PostStatus.SCHEDULED and p.date is not None
        ]
        assert alone
        view.select_posts([alone[0].id])
        assert window.set_status(PostStatus.CANCELLED)
        assert view.shown_count() == before - 1
        window.statusBar().clearMessage()
        assert counted() == f"{before - 1} of {total} posts in view"
    # Unfiltered: the calendar's count alone.
    session.set_filters(Filters())
    assert counted() == f"{total} posts"


def test_set_status_published_leaves_posts_of_days_to_come_as_they_were(
    window: MainWindow, session: CalendarSession
) -> None:
    """Published from the Edit menu, a post of next week counted as delivered before it
    went out, unsaid (the editor refuses it, a drag there schedules it)."""
    gone, ahead = (
        next(p for p in _standalone(session, first, last) if p.status != PostStatus.PUBLISHED)
        for first, last in (
            (TODAY - timedelta(days=20), TODAY),
            (TODAY + timedelta(days=1), TODAY + timedelta(days=20)),
        )
    )
    assert ahead.date is not None
    window.set_view(2)  # the agenda, where several are selected at once
    window.view().set_current_date(ahead.date)
    window.view().select_posts([ahead.id])
    assert not window.set_status(PostStatus.PUBLISHED)
    assert session.store.post(ahead.id).status == ahead.status
    assert window.statusBar().currentMessage() == (
        f"'{elide(ahead.title)}' is on a day to come: it is published once it has gone out"
        " (set it to Scheduled until then)."
    )
    assert set_posts_status(session, window, [gone.id, ahead.id], PostStatus.PUBLISHED)
    assert session.store.post(gone.id).status == PostStatus.PUBLISHED
    assert session.store.post(ahead.id).status == ahead.status
    assert (
        window.statusBar()
        .currentMessage()
        .endswith("; 1 on a day to come stayed as it was (not gone out yet).")
    )
    # Those it could change published already: the others are still said.
    window.statusBar().clearMessage()
    assert not set_posts_status(session, window, [gone.id, ahead.id], PostStatus.PUBLISHED)
    assert window.statusBar().currentMessage().startswith(f"'{elide(ahead.title)}' is on a")


def test_the_backlog_s_order_is_chosen_in_its_menu_and_kept_for_the_next_start(
    window: MainWindow,
    session: CalendarSession,
    settings: QSettings,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    """Ideas were listed last changed first, with no other order to choose."""
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view_menu, QMenu)
    assert window.backlog_sort_menu.menuAction() in view_menu.actions()
    entries = {a.text(): a for a in window.backlog_sort_menu.actions()}
    assert list(entries) == ["&Last Changed First", "&Oldest First", "&Title", "&Channel"]
    assert entries["&Last Changed First"].isChecked()
    window.backlog.select_posts(window.backlog.shown_post_ids()[:1])
    window.backlog.list.setFocus()
    assert window.backlog_sort_menu.menuAction() in window.post_menu().actions()

    entries["&Oldest First"].trigger()
    ideas = sorted(p.id for p in session.store.backlog())
    assert window.backlog.shown_post_ids() == ideas
    assert window.statusBar().currentMessage() == "The backlog lists its ideas oldest first."
    assert entries["&Oldest First"].isChecked()
    assert not entries["&Last Changed First"].isChecked()
    window.save_settings()
    again = MainWindow(session, settings)
    qtbot.addWidget(again)
    assert again.backlog.shown_post_ids() == ideas
    assert "lists its ideas" not in again.statusBar().currentMessage()  # said when chosen
    assert {a.text(): a.isChecked() for a in again.backlog_sort_menu.actions()}["&Oldest First"]
    # Another calendar opened in the window is listed so too.
    other = tmp_path / "other.cadence"
    write_demo(other, today=TODAY)
    assert window.open_calendar(other)
    assert window.session is not session
    assert window.backlog.model.order == "added"
    reopened = sorted(p.id for p in window.session.store.backlog())
    assert window.backlog.shown_post_ids() == reopened


def test_the_agenda_s_sort_is_kept_for_the_next_start(
    window: MainWindow, session: CalendarSession, settings: QSettings, qtbot: QtBot
) -> None:
    """Sorted by status, newest first, the agenda went back to the date order at each
    start (the backlog kept its order)."""
    window.set_view(2)
    status = AgendaModel.HEADERS.index("Status")
    window.agenda_view.table.sortByColumn(status, Qt.SortOrder.DescendingOrder)
    window.save_settings()
    again = MainWindow(session, settings)
    qtbot.addWidget(again)
    assert again.view_index() == 2
    header = again.agenda_view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        status,
        Qt.SortOrder.DescendingOrder,
    )
    assert again.agenda_view.shown_post_ids() == window.agenda_view.shown_post_ids()
    # Something the settings do not read as a sort leaves the date order.
    settings.setValue("agendaSort", "7 9")
    third = MainWindow(session, settings)
    qtbot.addWidget(third)
    header = third.agenda_view.table.horizontalHeader()
    assert header.sortIndicatorSection() == AgendaModel.DATE


def test_a_backlog_order_chosen_scrolls_to_the_idea_picked(
    window: MainWindow, session: CalendarSession
) -> None:
    """Sorted anew, the idea picked stayed picked out of sight, the list where it was:
    Enter or Delete acted on an idea no one saw."""
    channel = session.channels()[0].id
    for n in range(150):
        session.notify(
            session.store.add_post(NewPost(f"Idea {n:03d}", channel, status=PostStatus.IDEA))
        )
    backlog = window.backlog
    picked = backlog.shown_post_ids()[-1]
    session.notify(session.store.update_post(picked, {"title": "Aardvark, the first by title"}))
    backlog.select_posts([picked])
    backlog.list.scrollToBottom()  # the list elsewhere, the idea picked out of sight
    window.sort_backlog("title")
    assert backlog.shown_post_ids()[0] == picked
    rect = backlog.list.visualRect(backlog.index_of(picked))
    assert backlog.list.viewport().rect().intersects(rect)


def test_show_all_posts_clears_every_filter_and_the_search_at_once(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    """Seeing everything again took each filter's own "Show all", four menus."""
    action = window.show_all_action
    assert not action.isEnabled()  # nothing hidden
    filter_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(filter_menu, QMenu)
    [view_filter] = [a.menu() for a in filter_menu.actions() if a.text() == "&Filter"]
    assert isinstance(view_filter, QMenu)
    assert action in view_filter.actions()
    channel = session.channels()[0].id
    window.toggle_filter("channels", channel, False)
    window.toggle_filter("statuses", PostStatus.SCHEDULED, True)
    window.search_edit.setText("solar")
    window.find_next()
    assert session.filters.active
    assert action.isEnabled()
    assert window.filter_buttons["channels"].text() == "Channels (−1)"

    action.trigger()
    assert session.filters == Filters()
    assert not session.filters.active
    assert window.search_edit.text() == ""
    assert window.filter_buttons["channels"].text() == "Channels"
    assert window.filter_buttons["statuses"].text() == "Status"
    assert not action.isEnabled()
    assert window.statusBar().currentMessage() == (
        "The filters and the search are cleared: every post is shown."
    )
    assert window.month_view.posts_on(TODAY) == window.month_view.visible_posts(TODAY)
    # The backlog's own search too (its ideas stayed narrowed, "1 of 8"): also alone;
    # not "#" alone, which narrows nothing.
    window.backlog.search.setText("#")
    assert not action.isEnabled()
    window.backlog.search.setText("brainstorm")
    assert action.isEnabled()
    action.trigger()
    assert window.backlog.search.text() == ""
    assert not action.isEnabled()


def test_a_match_said_gives_way_to_the_summary_when_the_search_or_filters_change(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    """Escape cleared the search, yet "2 of 9: …" stayed over the summary for seconds;
    a filter ticked after it left the word of a match now hidden."""
    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, "solar")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert " of " in window.statusBar().currentMessage()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: session.filters.search == "")
    assert window.statusBar().currentMessage() == "Search cleared."  # for three seconds
    window.statusBar().clearMessage()  # (as its time out does)
    summary = window.statusBar().currentMessage()
    assert summary.startswith(f"{len(session.store.all_posts())} posts")
    assert "match" not in summary

    qtbot.keyClicks(window.search_edit, "solar")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert " of " in window.statusBar().currentMessage()
    session.set_filters(replace(session.filters, statuses=frozenset({PostStatus.CANCELLED})))
    said = window.statusBar().currentMessage()
    assert said.endswith("filtered by status · no dated post shown matches the search")
    # Another passing word stays its time (not the search's).
    window.statusBar().showMessage("Something else.", 8000)
    session.set_filters(replace(session.filters, statuses=frozenset()))
    assert window.statusBar().currentMessage() == "Something else."


def test_enter_in_the_search_box_goes_from_match_to_match_across_months(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, "solar")
    hits = sorted(
        (p for p in session.store.search("solar", limit=1000) if p.date is not None),
        key=lambda p: (p.date, p.time or time.min, p.id),
    )
    after = [p for p in hits if p.date is not None and p.date >= TODAY]
    assert len(after) >= 3
    assert any(p.date is not None and p.date.month != TODAY.month for p in hits)

    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.view().selected_post_ids() == [after[0].id]
    assert window.view().current_date() == after[0].date
    first = hits.index(after[0])
    said = window.statusBar().currentMessage()
    assert said.startswith(f"{first + 1} of {len(hits)}: '")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.view().selected_post_ids() == [after[1].id]
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.view().selected_post_ids() == [after[0].id]
    assert window.focusWidget() is window.search_edit  # Enter again goes on

    # A match moved away is found where it is now.
    moved = after[1]
    session.push(MovePostsCommand(session, {moved.id: (date(2027, 6, 1), moved.time)}))
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.view().selected_post_ids() == [after[2].id]
    session.undo()

    last = hits[-1]
    assert last.date is not None
    window.go_to(last.date)
    window.view().select_posts([last.id])
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)  # past the last: the first again
    assert window.view().selected_post_ids() == [hits[0].id]
    assert window.view().current_date() == hits[0].date

    window.search_edit.setText("zzyzx")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "No dated post matches 'zzyzx'."
    # Ideas the search finds are said (Enter said nothing of them).
    window.search_edit.setText("brainstorm")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == (
        "No dated post matches 'brainstorm'. 8 ideas in the backlog do."
    )

    # One sign alone is not looked for: the views stay as they are, and Enter says so.
    window.search_edit.setText("#")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "'#' alone is not looked for; type a word."
    assert session.filters.search_hits is None
    assert not session.filters.active
    assert window.month_view.posts_on(TODAY) == window.month_view.visible_posts(TODAY)

    # Matches the filters hide are said to be there.
    window.search_edit.setText("solar")
    every_channel = frozenset(c.id for c in session.channels())
    session.set_filters(replace(session.filters, hidden_channels=every_channel))
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == (
        "No dated post shown matches 'solar': the filters hide those that do."
    )


def test_an_ampersand_in_a_name_is_shown_in_the_filter_menu_not_taken_for_a_key(
    window: MainWindow, session: CalendarSession
) -> None:
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None
    session.push(ChannelCommand(session, linkedin, replace(linkedin, name="Press & media")))
    menu = window.filter_buttons["channels"].menu()
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions() if a.isCheckable()]
    assert "Press && media" in names  # Qt shows "&&" as "&"
    assert all("&" not in n.replace("&&", "") for n in names)


def test_each_filter_menu_first_says_what_a_tick_means(window: MainWindow) -> None:
    """The Channels menu ticks what is shown, the others what to show only: every
    channel ticked beside every message unticked, both meaning "all shown". A screen
    reader names the menu so (it said "Cadence", the heading no item it stops on)."""
    firsts = {}
    for key in ("channels", "messages", "campaigns", "statuses"):
        menu = QMenu()
        window._fill_filter_menu(key, menu)
        heading, line, first = menu.actions()[:3]
        assert menu.accessibleName() == heading.text()
        assert not heading.isEnabled()
        assert not heading.isCheckable()
        assert line.isSeparator()
        assert first.isCheckable()
        firsts[key] = (heading.text(), first.isChecked())
    # The window's own status menu too (a post's menu holds it).
    assert window._status_menu.accessibleName() == "Set the status of the selected posts"
    assert firsts == {
        "channels": ("Channels shown", True),
        "messages": ("Show only posts carrying", False),
        "campaigns": ("Show only posts in", False),
        "statuses": ("Show only posts that are", False),
    }


def test_calendar_settings_lay_out_their_fields_as_the_new_calendar_form(
    window: MainWindow, errors: Errors
) -> None:
    """Settings had its labels flush left and called the name "Name", where the welcome
    screen's form, asking the same, says "Calendar name" flush right."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    from calendar_app.ui.welcome import NewCalendarPage

    def form_of(widget: QWidget) -> tuple[Qt.AlignmentFlag, dict[QWidget, str]]:
        form = widget.findChild(QFormLayout)
        assert form is not None
        labels = {}
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.buddy() is not None:
                labels[label.buddy()] = label.text()
        return form.labelAlignment(), labels

    dialog = CalendarSettingsDialog(window.session, window, error_handler=errors)
    page = NewCalendarPage()
    settings_align, settings_labels = form_of(dialog)
    page_align, page_labels = form_of(page)
    assert settings_align & Qt.AlignmentFlag.AlignRight
    assert settings_align == page_align
    for ours, theirs in (
        (dialog.name_edit, page.name_edit),
        (dialog.zone_combo, page.zone_combo),
        (dialog.week_combo, page.week_combo),
    ):
        assert settings_labels[ours] == page_labels[theirs]
    dialog.deleteLater()
    page.deleteLater()


def test_a_filter_menu_s_unticked_boxes_show(window: MainWindow) -> None:
    """Fusion's edge of an unticked box was 1.7:1 on the menu's colour: hardly seen."""
    from calendar_app.render.chips import contrast

    menu = QMenu()
    window._fill_filter_menu("messages", menu)  # none ticked: all shown
    menu.adjustSize()
    first = next(a for a in menu.actions() if a.isCheckable())
    assert not first.isChecked()
    image = menu.grab().toImage()
    ratio = image.devicePixelRatio()
    row = menu.actionGeometry(first)
    background = menu.palette().color(QPalette.ColorRole.Window)
    darkest = min(
        (
            image.pixelColor(int(x * ratio), int(y * ratio))
            for x in range(row.left(), row.left() + 28)
            for y in range(row.top(), row.bottom())
        ),
        key=lambda c: c.lightness(),
    )
    assert contrast(darkest, background) >= 3.0


def test_a_filter_menu_with_nothing_to_choose_says_so(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "new client.cadence"
    CalendarStore.create(path, timezone="Europe/Paris").close()
    assert window.open_calendar(path)
    menu = window.filter_buttons["campaigns"].menu()
    menu.aboutToShow.emit()
    assert [(a.text(), a.isEnabled()) for a in menu.actions()] == [
        ("No campaigns in this calendar yet", False)
    ]


def test_a_calendar_busy_in_another_program_is_named_at_file_open(
    window: MainWindow, errors: Errors, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Open said "The calendar is busy in another program; … Nothing was lost",
    which read as the calendar shown; the window stays on that one."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)  # not five seconds of waiting
    path = tmp_path / "Client B.cadence"
    CalendarStore.create(path, timezone="Europe/Paris").close()
    shown = window.session.store.path
    with closing(sqlite3.connect(path)) as holder:
        holder.execute("PRAGMA journal_mode = DELETE")
        holder.execute("BEGIN EXCLUSIVE")
        assert not window.open_calendar(path)
        holder.rollback()
    assert errors.seen == [
        "Client B.cadence is busy in another program, so it could not be opened; try again"
        " in a moment."
    ]
    assert window.session.store.path == shown


def test_a_calendar_brought_up_to_date_says_where_it_is_kept_as_it_was(
    window: MainWindow, tmp_path: Path
) -> None:
    from tests.files import write_schema_4

    path = tmp_path / "old.cadence"
    write_schema_4(path)
    assert window.open_calendar(path)
    kept = window.session.store.kept_before_update
    assert kept is not None
    assert kept.is_file()
    assert window.statusBar().currentMessage() == (
        "old.cadence is brought up to date for this release; a copy for earlier"
        " releases is kept in Backups (Help > About)."
    )


def test_a_calendar_left_as_it_was_says_why_it_is_read_only(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No copy of it as it was could be kept (its Backups folder cannot be made): the
    title said "(read-only)", and why only once a change was refused."""
    from tests.files import write_schema_4

    path = tmp_path / "old.cadence"
    write_schema_4(path)
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder would be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert window.open_calendar(path)
    assert window.session.store.read_only
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Read as it is: {path} comes from an earlier release of Cadence")
    assert said.endswith("and open it again.")


def test_a_post_placed_in_the_backlog_its_search_hides_is_said(window: MainWindow) -> None:
    """Dropped (or pasted) into the backlog while "Search ideas" held a word it lacks,
    the post was neither on the calendar nor in the list, without a word."""
    session = window.session
    post = next(p for p in session.store.all_posts() if p.date and p.series_id is None)
    window.backlog.search.setText("roofer")
    assert window.backlog.shown_post_ids()
    target = window.backlog.list.viewport()
    drop = send_drop(target, target.rect().center(), posts_mime(session, [post]))
    assert drop.isAccepted()
    assert session.store.post(post.id).date is None
    assert window.statusBar().currentMessage() == (
        "The post you placed in the backlog is hidden by its search; clear it to see it."
    )
    window.backlog.search.clear()
    assert post.id in window.backlog.shown_post_ids()

    # Hidden by the filters, not the search: the filters are named, as for the calendar.
    other = next(
        p for p in session.store.all_posts() if p.date and p.series_id is None and p != post
    )
    window.toggle_filter("channels", other.channel_id, False)
    window.backlog.search.setText("roofer")
    send_drop(target, target.rect().center(), posts_mime(session, [other]))
    assert session.store.post(other.id).date is None
    assert (
        window.statusBar().currentMessage().endswith("hidden by the filters; clear them to see it.")
    )


def test_channel_filter_hides_posts_and_is_remembered(
    window: MainWindow, settings: QSettings, session: CalendarSession, qtbot: QtBot
) -> None:
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None
    window.toggle_filter("channels", linkedin.id, False)
    shown = window.session.posts_between(date(2026, 11, 1), date(2026, 11, 30))
    assert shown
    assert all(p.channel_id != linkedin.id for p in shown)
    assert window.filter_buttons["channels"].text() == "Channels (−1)"
    assert window.filter_buttons["channels"].accessibleName() == "Filter by channels: 1 hidden"
    window.toggle_filter("statuses", PostStatus.SCHEDULED, True)
    assert window.filter_buttons["statuses"].accessibleName() == "Filter by status: 1 chosen"
    warranty = session.store.key_message_titled("Backed by a 25-year warranty")
    assert warranty is not None
    window.toggle_filter("messages", warranty.id, True)
    window.save_settings()
    session.set_filters(Filters())
    again = MainWindow(session, settings)
    qtbot.addWidget(again)
    assert again.session.filters.hidden_channels == frozenset({linkedin.id})
    assert again.session.filters.statuses == frozenset({PostStatus.SCHEDULED})
    assert again.session.filters.messages == frozenset({warranty.id})
    assert again.filter_buttons["statuses"].text() == "Status (1)"


def test_a_hidden_channel_archived_stays_hidden_and_listed_until_shown(
    window: MainWindow, settings: QSettings, session: CalendarSession, qtbot: QtBot
) -> None:
    """Archiving a hidden channel put all its posts back in sight, for good: the menus
    no longer listed it. It stays hidden, named in the menu, across a restart; the
    channels' menu has "Show all" as the others do."""
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None
    window.toggle_filter("channels", linkedin.id, False)
    session.push(ChannelCommand(session, linkedin, replace(linkedin, archived=True)))
    november = (date(2026, 11, 1), date(2026, 11, 30))
    assert all(p.channel_id != linkedin.id for p in window.session.posts_between(*november))
    assert window.filter_buttons["channels"].text() == "Channels (−1)"

    def menu_entries() -> dict[str, bool]:
        menu = QMenu()
        window._fill_filter_menu("channels", menu)
        return {a.text(): a.isChecked() for a in menu.actions() if a.text()}

    entries = menu_entries()
    assert entries["LinkedIn (archived)"] is False
    assert "Show All" in entries
    window.save_settings()
    with CalendarStore.open(session.store.path) as store:  # as a restart reads it
        again = MainWindow(CalendarSession(store, today=TODAY), settings)
        qtbot.addWidget(again)
        assert again.session.filters.hidden_channels == frozenset({linkedin.id})
        again.close()
    window.clear_filter("channels")
    assert any(p.channel_id == linkedin.id for p in window.session.posts_between(*november))
    assert menu_entries()["LinkedIn (archived)"] is True  # its posts still there to hide


def test_a_channel_archived_while_shown_can_still_be_hidden(
    window: MainWindow, session: CalendarSession
) -> None:
    """Its posts stayed on the calendar, but the sidebar and the Channels menu dropped
    it: no tick left to hide them. Listed "(archived)" while posts are on it."""
    instagram = session.store.channel_named("Instagram")
    assert instagram is not None
    session.push(ChannelCommand(session, instagram, replace(instagram, archived=True)))
    model = window.sidebar.channels_view.model()
    rows = {model.index(r, 0).data(IdRole): model.index(r, 0) for r in range(model.rowCount())}
    assert rows[instagram.id].data(Qt.ItemDataRole.DisplayRole).endswith("Instagram (archived)")
    model.setData(rows[instagram.id], Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    november = (date(2026, 11, 1), date(2026, 11, 30))
    assert all(p.channel_id != instagram.id for p in window.session.posts_between(*november))
    menu = QMenu()
    window._fill_filter_menu("channels", menu)
    assert "Instagram (archived)" in [a.text() for a in menu.actions()]
    # An archived channel no post is on any more is left out, as before.
    unused = session.store.add_channel("Podcast").created[0]
    session.notify(session.store.update_channel(unused, archived=True))
    assert unused not in [c.id for c in session.listed_channels()]

    # The sidebar follows posts coming onto one (an import) or its last one going.
    def listed() -> list[int]:
        return [model.index(r, 0).data(IdRole) for r in range(model.rowCount())]

    session.notify(session.store.add_post(NewPost("Episode 1", unused, date=TODAY)))
    assert unused in listed()
    window.clear_filter("channels")  # shown again: listed for its posts alone
    on_it = [p.id for p in session.store.all_posts() if p.channel_id == instagram.id]
    session.push(DeletePostsCommand(session, on_it))
    assert instagram.id not in listed()


def test_opening_another_calendar_says_the_undo_history_ended(
    window: MainWindow, session: CalendarSession, tmp_path: Path
) -> None:
    """A paste made by mistake, a look at another client's calendar, and back: Undo was
    empty, and nothing had said its steps went."""
    other = tmp_path / "other client.cadence"
    write_demo(other, today=TODAY)
    channel = session.channels()[0].id
    session.push(AddPostCommand(session, NewPost("Mistake", channel, date=TODAY)))
    assert window.open_calendar(other)
    assert window.statusBar().currentMessage() == (
        "The changes made in 'Solenne Solar (demo)' are saved; their undo history ended"
        " as it closed."
    )
    window.statusBar().clearMessage()
    assert window.open_calendar(session.store.path)  # nothing done there: nothing said
    assert "undo history" not in window.statusBar().currentMessage()
    window.session.store.close()


def test_another_calendar_starts_with_no_filters_and_no_search(
    window: MainWindow, settings: QSettings, session: CalendarSession, qtbot: QtBot, tmp_path: Path
) -> None:
    """Filters are the last calendar's: another client's calendar opened next (a double
    click) showed none of its posts under the first one's status filter. A search typed
    stayed in the box after File > Open Recent, applied to nothing."""
    window.toggle_filter("statuses", PostStatus.PUBLISHED, True)
    window.save_settings()
    other_path = tmp_path / "other client.cadence"
    write_demo(other_path, today=TODAY)
    with closing(CalendarStore.open(other_path)) as store:
        other = CalendarSession(store, today=TODAY)
        fresh = MainWindow(other, settings)
        qtbot.addWidget(fresh)
        assert not other.filters.active
        assert fresh.filter_buttons["statuses"].text() == "Status"
        fresh.close()

    window.search_edit.setText("roof")
    window._apply_search()
    assert window.session.filters.search == "roof"
    assert window.open_calendar(other_path)
    assert window.search_edit.text() == ""
    assert not window.session.filters.active


def test_each_calendar_keeps_its_own_filters_across_visits_to_others(
    window: MainWindow, settings: QSettings, session: CalendarSession, qtbot: QtBot, tmp_path: Path
) -> None:
    """Intranet hidden, another file opened, then the calendar again from Open Recent:
    its filters were gone, and at the next start too. A backup looked into keeps its
    filters to itself."""
    from calendar_app.app import data_folder
    from calendar_app.core.backups import backup_folder, make_backup

    calendar = session.store.path
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None
    window.toggle_filter("channels", linkedin.id, False)
    other_path = tmp_path / "other client.cadence"
    write_demo(other_path, today=TODAY)
    assert window.open_calendar(other_path)
    assert not window.session.filters.active
    blog = window.session.store.channel_named("Blog")
    assert blog is not None
    window.toggle_filter("channels", blog.id, False)

    assert window.open_calendar(calendar)
    assert window.session.filters.hidden_channels == frozenset({linkedin.id})
    backup = make_backup(window.session.store, backup_folder(data_folder()))
    assert window.open_calendar(backup)
    window.toggle_filter("statuses", PostStatus.PUBLISHED, True)
    assert window.open_calendar(other_path)
    assert window.session.filters.hidden_channels == frozenset({blog.id})
    assert window.open_calendar(calendar)
    window.close()

    with closing(CalendarStore.open(calendar)) as store:
        again = MainWindow(CalendarSession(store, today=TODAY), settings)
        qtbot.addWidget(again)
        assert again.session.filters.hidden_channels == frozenset({linkedin.id})
        assert not again.session.filters.statuses
        again.close()


def test_a_narrow_window_keeps_the_search_box_and_the_filters_in_the_view_menu(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Half a small screen: the toolbar sends its last items to its » menu, never the
    search box (Ctrl+F then went nowhere and the typing ran the calendar's keys), and
    every filter is in View > Filter."""
    window.resize(window.minimumWidth(), 560)
    qtbot.waitUntil(lambda: window.width() == window.minimumWidth())
    assert window.search_edit.isVisible()
    qtbot.keyClick(window.month_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_edit
    count = window.session.store.count_posts()
    qtbot.keyClicks(window.search_edit, "Net metering")
    assert window.search_edit.text() == "Net metering"
    assert window.session.store.count_posts() == count

    def submenu(menu: QMenuBar | QMenu, text: str) -> QMenu:
        found = next(a.menu() for a in menu.actions() if a.text() == text)
        assert isinstance(found, QMenu)
        return found

    filter_menu = submenu(submenu(window.menuBar(), "&View"), "&Filter")
    titles = [a.text() for a in filter_menu.actions()]
    assert titles == ["&Channels", "&Key Messages", "C&ampaigns", "&Status", "", "Show All &Posts"]
    status_menu = submenu(filter_menu, "&Status")
    status_menu.aboutToShow.emit()
    scheduled = next(a for a in status_menu.actions() if a.text() == "Scheduled")
    scheduled.trigger()
    assert window.session.filters.statuses == frozenset({PostStatus.SCHEDULED})
    assert window.filter_buttons["statuses"].text() == "Status (1)"


def test_an_ampersand_in_a_title_shows_in_the_undo_text_and_makes_no_shortcut(
    window: MainWindow,
) -> None:
    session = window.session
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    edit = EditPostsCommand(session, {post.id: {"title": "Q&A"}}, text="Edit post 'Q&A'")
    session.push(edit)
    assert window.undo_action.text() == "&Undo Edit post 'Q&&A'"  # shown as "Undo Edit post 'Q&A'"
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Edit post 'Q&&A'"


def test_unticking_a_channel_in_the_sidebar_counts_on_the_toolbar_too(
    window: MainWindow, qtbot: QtBot
) -> None:
    sidebar = window.sidebar
    instagram = window.session.store.channel_named("Instagram")
    assert instagram is not None
    sidebar.channels_view.setCurrentIndex(sidebar.channel_index(instagram.id))
    sidebar.channels_view.setFocus()
    qtbot.keyClick(sidebar.channels_view, Qt.Key.Key_Space)
    assert window.session.filters.hidden_channels == {instagram.id}
    assert window.filter_buttons["channels"].text() == "Channels (−1)"


def test_a_published_post_dropped_in_the_backlog_is_said_to_be_a_draft_there(
    window: MainWindow,
) -> None:
    """Its delivery went with it, unsaid (44 posts selected, 7 of them published)."""
    session = window.session
    published = _a_published_post(session)
    target = window.backlog.list.viewport()
    send_drop(target, target.rect().center(), posts_mime(session, [published]))
    assert session.store.post(published.id).status == PostStatus.DRAFT
    assert window.statusBar().currentMessage() == (
        "The published post you moved to the backlog is a draft there, and no longer"
        " counts as delivered; Undo (Ctrl+Z) puts it back on its day."
    )
    session.undo_stack.undo()
    window.statusBar().clearMessage()
    draft = next(p for p in session.store.all_posts() if p.date and p.status == PostStatus.DRAFT)
    send_drop(target, target.rect().center(), posts_mime(session, [draft]))
    assert "published" not in window.statusBar().currentMessage()


def test_a_published_post_dropped_on_a_day_to_come_is_scheduled_there_and_said(
    window: MainWindow,
) -> None:
    """It stayed published, counted as delivered on a day not come, and its delivery on
    the day it went out was gone from the record, unsaid. Onto another day gone by (a
    date put right) it stays published; a Ctrl-drag copy of a cancelled post is a draft,
    planned again (cancelled, the repeat filled no gap)."""
    session = window.session
    published = _a_published_post(session)
    assert published.date is not None
    # (Out of its campaign, whose end the drop would say rather.)
    session.notify(session.store.update_posts({published.id: {"campaign_id": None}}))
    published = session.store.post(published.id)
    assert published.date is not None
    ahead = TODAY + timedelta(days=5)
    month = window.month_view
    send_drop(month, month.day_rect(ahead).center(), posts_mime(session, [published]))
    moved = session.store.post(published.id)
    assert (moved.date, moved.status) == (ahead, PostStatus.SCHEDULED)
    assert window.statusBar().currentMessage() == (
        "The published post you moved to a future day is Scheduled now, as it has not"
        " gone out yet; Undo (Ctrl+Z) puts it back on the day it went out."
    )
    session.undo_stack.undo()
    back = session.store.post(published.id)
    assert (back.date, back.status) == (published.date, PostStatus.PUBLISHED)
    # Redone days later, the day come and gone: the step as it was taken, not taken again
    # as of the new day (it came back published there, as if it had gone out).
    session._today = ahead + timedelta(days=1)
    session.undo_stack.redo()
    redone = session.store.post(published.id)
    assert (redone.date, redone.status) == (ahead, PostStatus.SCHEDULED)
    session.undo_stack.undo()
    session._today = TODAY
    window.statusBar().clearMessage()
    before = published.date - timedelta(days=1)
    send_drop(month, month.day_rect(before).center(), posts_mime(session, [published]))
    put_right = session.store.post(published.id)
    assert (put_right.date, put_right.status) == (before, PostStatus.PUBLISHED)
    assert "Scheduled" not in window.statusBar().currentMessage()

    made = session.store.add_post(
        NewPost("Called off", published.channel_id, date=TODAY, status=PostStatus.CANCELLED)
    )
    session.notify(made)
    copy = posts_mime(session, [session.store.post(made.created[0])])
    send_drop(month, month.day_rect(ahead).center(), copy, ctrl=True)
    (repeat,) = [p for p in session.posts_between(ahead, ahead) if p.title == "Called off"]
    assert repeat.status == PostStatus.DRAFT


@pytest.mark.parametrize("view", [0, 1, 2], ids=["month", "week", "agenda"])
def test_tab_reaches_the_backlog_in_reading_order(
    window: MainWindow, qtbot: QtBot, view: int
) -> None:
    """The calendar comes next whichever view shows it: built when first shown, the week
    and the agenda came last in the window's chain, after the cadence panel."""
    window.set_view(view)
    window.sidebar.channels_view.setFocus()
    reached = []
    for _ in range(4):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    backlog = window.backlog
    calendar = [window.month_view, window.week_view, window.agenda_view.table][view]
    assert reached == [backlog.new_button, backlog.search, backlog.list, calendar]


def test_tab_goes_on_from_the_agenda_to_the_cadence_panel(window: MainWindow, qtbot: QtBot) -> None:
    """Past its Set status (nothing picked), as from the month and the week."""
    window.set_view(2)
    table = window.agenda_view.table
    table.setFocus()
    assert not window.agenda_view.status_button.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.cadence_panel


@pytest.mark.parametrize("view", [0, 1, 2], ids=["month", "week", "agenda"])
def test_ctrl_tab_goes_round_every_pane_and_back(
    window: MainWindow, qtbot: QtBot, view: int
) -> None:
    window.set_view(view)
    calendar = cast(QWidget, window.view())
    calendar.setFocus()
    calendar_focus = QApplication.focusWidget()
    assert calendar_focus is not None
    expected = [
        window.cadence_panel,
        window.sidebar.messages_view,
        window.backlog.list,
        window.search_edit,
        calendar_focus,
    ]
    reached = []
    for _ in expected:
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
        )
        reached.append(QApplication.focusWidget())
    assert reached == expected
    back = []
    for _ in expected:
        qtbot.keyClick(
            QApplication.focusWidget(),
            Qt.Key.Key_Backtab,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        back.append(QApplication.focusWidget())
    assert back == [*expected[-2::-1], calendar_focus]


@pytest.mark.parametrize("view", [0, 2], ids=["month", "agenda"])
def test_hiding_the_focused_cadence_panel_gives_the_focus_to_the_calendar(
    window: MainWindow, qtbot: QtBot, view: int
) -> None:
    window.set_view(view)
    calendar = cast(QWidget, window.view())
    calendar_focus = QApplication.focusWidget()
    assert calendar_focus is not None
    assert calendar_focus in (calendar, calendar.focusProxy())  # the agenda: its table
    panel = window.cadence_panel
    qtbot.keyClick(calendar_focus, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is panel
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

    qtbot.keyClick(panel, Qt.Key.Key_P, ctrl_shift)
    assert not panel.isVisible()
    assert QApplication.focusWidget() is calendar_focus
    # Shown again, the panel leaves the focus where it is.
    qtbot.keyClick(calendar_focus, Qt.Key.Key_P, ctrl_shift)
    assert panel.isVisible()
    assert QApplication.focusWidget() is calendar_focus
    # Hidden while something else has the focus, the panel leaves it there too.
    window.focus_search()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_P, ctrl_shift)
    assert not panel.isVisible()
    assert QApplication.focusWidget() is window.search_edit


def test_a_crowded_hours_more_in_the_week_opens_the_agenda_on_that_day(
    window: MainWindow, qtbot: QtBot
) -> None:
    from calendar_app.ui.week_view import WeekView

    session = window.session
    day = TODAY + timedelta(days=1)
    channel = session.channels()[0].id
    for n in range(6):
        post = NewPost(f"Launch {n}", channel, date=day, time=time(9, 0))
        session.push(AddPostCommand(session, post))
    window.set_view(1)
    window.go_to(day)
    week = window.view()
    assert isinstance(week, WeekView)
    week.scroll_to_time(time(8, 0))
    (more,) = week.timed_more_rects(day)
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=more.center())
    assert window.view_index() == 2
    assert window.view().current_date() == day


def test_tab_leaves_the_agenda_table(window: MainWindow, qtbot: QtBot) -> None:
    window.set_view(2)
    table = window.findChild(QWidget, "agendaTable")
    assert table is not None
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_delete_in_the_sidebar_or_the_cadence_panel_leaves_the_calendar_alone(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    month = window.month_view
    month.setFocus()
    month.select_posts([post.id])
    for elsewhere in (window.sidebar.messages_view, window.cadence_panel):
        elsewhere.setFocus()
        assert window.selected_post_ids() == []
        window.delete_action.trigger()
        assert session.store.posts([post.id])  # still there
    month.setFocus()
    assert window.selected_post_ids() == [post.id]
    window.delete_action.trigger()
    assert not session.store.posts([post.id])


def test_view_and_geometry_are_remembered(
    window: MainWindow, settings: QSettings, session: CalendarSession, qtbot: QtBot
) -> None:
    window.set_view(2)
    window.resize(760, 560)  # the offscreen screen is 800 pixels wide
    main, left, _ = window.splitters
    main.setSizes([320, 440])  # a wider sidebar
    left.setSizes([200, 300])  # a taller backlog
    QApplication.processEvents()
    sizes = [main.sizes(), left.sizes()]
    window.close()
    assert settings.value("view") == "agenda"
    again = MainWindow(session, settings)
    qtbot.addWidget(again)
    assert again.view_index() == 2
    assert (again.size().width(), again.size().height()) == (760, 560)
    with qtbot.waitExposed(again):
        again.show()
    assert [again.splitters[0].sizes(), again.splitters[1].sizes()] == sizes


def test_a_geometry_that_does_not_read_opens_the_window_as_a_first_start_does(
    settings: QSettings, session: CalendarSession, qtbot: QtBot
) -> None:
    """Spoiled bytes brought the window up at its least, 620 by 480."""
    first = MainWindow(session, settings)
    qtbot.addWidget(first)
    fresh = first.size()
    settings.setValue("geometry", QByteArray(b"\x01\xd9\xd0\xcb spoiled"))
    again = MainWindow(session, settings)
    qtbot.addWidget(again)
    assert again.size() == fresh
    assert again.size() != again.minimumSize()


def test_no_pane_can_be_dragged_away_to_nothing(
    window: MainWindow, settings: QSettings, session: CalendarSession, qtbot: QtBot
) -> None:
    """The sidebar, the backlog and the cadence panel dragged shut were lost for good:
    View > Cadence Panel showed it 0 pixels tall, a restart kept them so."""
    with qtbot.waitExposed(window):
        window.show()
    main, left, right = window.splitters
    main.setSizes([0, sum(main.sizes())])
    left.setSizes([sum(left.sizes()), 0])
    right.setSizes([sum(right.sizes()), 0])
    QApplication.processEvents()
    assert all(size > 40 for splitter in window.splitters for size in splitter.sizes())
    window.close()
    again = MainWindow(session, settings)
    qtbot.addWidget(again)
    with qtbot.waitExposed(again):
        again.show()
    assert all(size > 40 for splitter in again.splitters for size in splitter.sizes())


def test_at_its_smallest_the_window_shows_the_whole_month_above_the_panel(
    window: MainWindow, qtbot: QtBot
) -> None:
    """At 620 by 440 the month's last week was under the cadence panel, 12 pixels of it
    showing, and nothing scrolled."""
    with qtbot.waitExposed(window):
        window.show()
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: window.size() == window.minimumSize())
    assert window.width() <= 624  # a half screen at 125%
    month, panel = window.month_view, window.cadence_panel
    assert month.height() >= month.minimumHeight()
    assert month.mapTo(window, month.rect().bottomLeft()).y() < panel.mapTo(window, QPoint()).y()


@OFFSCREEN_POPUPS
def test_in_a_large_font_the_smallest_window_still_shows_the_month_and_the_search_box(
    settings: QSettings, session: CalendarSession, qtbot: QtBot
) -> None:
    """At 14pt the fixed smallest window cut the month to four weeks and no Sunday."""
    with app_font_times(1.4):
        window = MainWindow(session, settings)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.resize(window.minimumSize())
        qtbot.waitUntil(lambda: window.size() == window.minimumSize())
        month = window.month_view
        assert month.width() >= month.minimumWidth()
        assert month.height() >= month.minimumHeight()
        assert window.search_edit.isVisible()


def test_the_backlog_has_two_fifths_of_the_side_however_many_key_messages(
    settings: QSettings, session: CalendarSession, qtbot: QtBot
) -> None:
    """With forty key messages, the sidebar's wish for room left two ideas in sight."""
    for number in range(40):
        session.store.add_key_message(f"Message number {number}")
    many = CalendarSession(session.store)
    window = MainWindow(many, settings)
    qtbot.addWidget(window)
    window.resize(780, 1100)  # a large screen's height
    with qtbot.waitExposed(window):
        window.show()
    messages, backlog = window.splitters[1].sizes()
    assert 0.35 <= backlog / (messages + backlog) <= 0.45
    many.undo_stack.clear()


def test_open_a_hostile_file_says_so_and_keeps_the_calendar(
    window: MainWindow, tmp_path: Path, errors: Errors
) -> None:
    bad = tmp_path / "bad.cadence"
    bad.write_bytes(b"not a calendar at all")
    assert not window.open_calendar(bad)
    assert errors.seen == [f"{bad} is not a Cadence calendar."]
    assert bad.read_bytes() == b"not a calendar at all"
    assert window.windowTitle() == "Solenne Solar (demo) — Cadence"


def test_open_a_file_damaged_inside_says_so_and_keeps_the_calendar(
    window: MainWindow,
    session: CalendarSession,
    tmp_path: Path,
    errors: Errors,
    settings: QSettings,
) -> None:
    """Its header is sound, so it opens; its posts cannot be read. The window stays
    wholly on the calendar it showed: its file, its undo history, the file it opens next."""
    damaged = tmp_path / "damaged.cadence"
    shutil.copy(session.store.path, damaged)
    damage_inside(damaged)
    before = damaged.read_bytes()
    post = session.store.all_posts()[0]
    session.push(EditPostsCommand(session, {post.id: {"title": "Kept"}}, text="Edit post 'Kept'"))
    assert not window.open_calendar(damaged)
    assert errors.seen == [f"The calendar file {damaged} is damaged; {to_its_backups()}"]
    assert window.session is session
    assert window.session.store.path == session.store.path
    assert window.session.undo_stack.undoText() == "Edit post 'Kept'"
    assert window.windowTitle() == "Solenne Solar (demo) — Cadence"
    assert damaged.read_bytes() == before
    assert str(damaged) not in window.recent_files()
    window.close()
    assert Path(str(settings.value("lastFile"))) == session.store.path.resolve()


def a_monday_ahead() -> date:
    """A Monday five weeks or more after the real today: a day ahead for a calendar made
    on the real clock, whenever the tests run (a fixed one went by)."""
    today = date.today()
    return today + timedelta(days=35 + (7 - today.weekday()) % 7)


def _plan(path: Path) -> NewCalendarPlan:
    """An empty calendar at ``path``, in the locale's week."""
    return NewCalendarPlan(path.stem, path, "Europe/Paris", locale_week_start(), (), ())


@OFFSCREEN_POPUPS
def test_file_new_asks_the_name_zone_week_channels_and_messages(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the welcome screen does: a calendar made while travelling is not silently in
    the computer's zone."""
    monkeypatch.setenv("TZ", "America/New_York")
    seen: list[str] = []

    def fill(dialog: NewCalendarDialog) -> int:
        page = dialog.page
        seen.append(page.zone_combo.currentText())  # the computer's, to start with
        page.name_edit.setText("Client E")
        page.location_edit.setText(str(tmp_path / "Client E.cadence"))
        page.zone_combo.setCurrentText("Europe/Lisbon")
        page.message_edits[0].setText("We listen")
        assert dialog.create_button.isEnabled()
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(NewCalendarDialog, "exec", fill)
    window.new_calendar()

    assert seen == ["America/New_York"]
    store = window.session.store
    assert store.path == tmp_path / "Client E.cadence"
    assert (store.info().name, store.info().timezone) == ("Client E", "Europe/Lisbon")
    assert [m.title for m in store.key_messages()] == ["We listen"]
    assert store.channels()
    assert window.windowTitle() == "Client E — Cadence"


@OFFSCREEN_POPUPS
def test_new_calendar_by_keyboard_enter_creates_and_escape_asks(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """Enter took Cancel (the default button) and lost the form; Alt+H, the channels'
    key, unticked LinkedIn; Escape with a name typed closed without a word."""
    made: list[NewCalendarPlan] = []

    def create(plan: NewCalendarPlan) -> bool:
        made.append(plan)
        return True

    window.hide()  # the dialog is the window in front, as when it is opened
    dialog = NewCalendarDialog(create)
    qtbot.addWidget(dialog)
    asked: list[str] = []

    def answer(parent: QWidget, title: str) -> SaveAnswer:
        asked.append(title)
        return "cancel"

    dialog.ask_save_changes = answer
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    page = dialog.page
    linkedin = page.channel_checks["LinkedIn"]
    assert linkedin.isChecked()
    focused = QApplication.focusWidget()
    assert focused is page.name_edit
    qtbot.keyClick(focused, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert linkedin.isChecked()
    assert QApplication.focusWidget() is linkedin
    # Tab goes from the last field to the buttons as they stand: Create, then Cancel.
    last = page.cadence_spins[-1]
    last.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.create_button
    qtbot.keyClick(dialog.create_button, Qt.Key.Key_Tab)
    cancel = QApplication.focusWidget()
    assert isinstance(cancel, QPushButton)
    assert cancel.text().replace("&", "") == "Cancel"
    page.name_edit.setFocus()
    page.name_edit.setText("Client G")
    page.location_edit.setText(str(tmp_path / "Client G.cadence"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Client G"]
    assert dialog.isVisible()
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert [p.name for p in made] == ["Client G"]
    assert dialog.result() == QDialog.DialogCode.Accepted


@OFFSCREEN_POPUPS
def test_a_new_calendar_that_cannot_be_made_keeps_the_form_and_its_typing(
    window: MainWindow,
    tmp_path: Path,
    errors: Errors,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tries: list[bool] = []

    def fill(dialog: NewCalendarDialog) -> int:
        page = dialog.page
        page.name_edit.setText("Client F")
        page.message_edits[0].setText("Local crews")
        page.location_edit.setText("/proc/Client F.cadence")  # no file can be made there
        dialog.accept()
        tries.append(dialog.result() == QDialog.DialogCode.Accepted)
        assert (page.name_edit.text(), page.message_edits[0].text()) == ("Client F", "Local crews")
        page.location_edit.setText(str(tmp_path / "Client F.cadence"))
        dialog.accept()
        tries.append(dialog.result() == QDialog.DialogCode.Accepted)
        return int(dialog.result())

    monkeypatch.setattr(NewCalendarDialog, "exec", fill)
    window.new_calendar()

    assert tries == [False, True]
    assert len(errors.seen) == 1
    assert window.session.store.path == tmp_path / "Client F.cadence"
    assert [m.title for m in window.session.store.key_messages()] == ["Local crews"]


def test_new_calendar_and_open_recent(
    window: MainWindow,
    tmp_path: Path,
    settings: QSettings,
    demo_path: Path,
    errors: Errors,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh = tmp_path / "Client B.cadence"
    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert window.create_calendar(_plan(fresh))
    assert window.windowTitle() == "Client B — Cadence"
    assert window.session.store.count_posts() == 0
    # A new calendar says where to begin (nothing told a new user): its channels first.
    said = window.statusBar().currentMessage()
    assert said == "No channels yet: add the ones you post on in Edit > Channels…"
    channel = window.session.store.add_channel("LinkedIn").created[0]
    window.session.push(AddPostCommand(window.session, NewPost("One", channel)))
    assert window.statusBar().currentMessage() == "1 post"
    assert window.session.store.info().week_start == WeekStart.SUNDAY  # as in the US
    assert window.recent_files()[:2] == [str(fresh.resolve()), str(demo_path.resolve())]
    assert window.open_calendar(demo_path)
    assert window.windowTitle() == "Solenne Solar (demo) — Cadence"
    assert not window.session.undo_stack.canUndo()
    opened = window.session
    assert window.open_calendar(demo_path)  # Open Recent on the calendar shown
    assert window.session is opened
    assert window.statusBar().currentMessage() == "That calendar is already open."

    # Two clients' calendars of the same name are told apart by their folders.
    for client in ("Client A", "Client D"):
        (tmp_path / client).mkdir()
        assert window.create_calendar(_plan(tmp_path / client / "plan.cadence"))
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels[:3] == ["plan.cadence — Client D", "plan.cadence — Client A", "demo.cadence"]
    # The whole path in the status bar too, as the keyboard goes down the menu.
    assert window.recent_menu.actions()[0].statusTip() == str(
        tmp_path / "Client D" / "plan.cadence"
    )

    # One moved away since: chosen, it says so and leaves the list.
    (tmp_path / "Client A" / "plan.cadence").rename(tmp_path / "Client A" / "moved.cadence")
    window.recent_menu.actions()[1].trigger()
    assert errors.seen[-1].endswith("plan.cadence.")
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels[:2] == ["plan.cadence", "demo.cadence"]  # one plan.cadence left

    # Of two folders named alike, one folder more tells them apart (they read the same).
    for agency in ("North", "South"):
        (tmp_path / agency / "clients").mkdir(parents=True)
        assert window.create_calendar(_plan(tmp_path / agency / "clients" / "plan.cadence"))
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels[:2] == ["plan.cadence — South/clients", "plan.cadence — North/clients"]

    # On a drive unplugged (its folder gone too), it stays for when the drive is back.
    shutil.move(tmp_path / "South", tmp_path / "unplugged")
    window.recent_menu.actions()[0].trigger()
    assert errors.seen[-1] == (
        f"The folder of plan.cadence is not there ({tmp_path / 'South' / 'clients'}), a drive"
        " unplugged or a share not connected perhaps; it stays in Open Recent for when it"
        " is back."
    )
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels[:2] == ["plan.cadence — South/clients", "plan.cadence — North/clients"]

    # A folder the disk refuses the name of (or one not to be entered): one sentence.
    refused = tmp_path / ("n" * 300) / "plan.cadence"
    settings.setValue("recentFiles", [str(refused), *window.recent_files()])
    window._fill_recent_menu()
    window.recent_menu.actions()[0].trigger()
    assert errors.seen[-1] == f"The name {refused} is too long for the disk; choose a shorter one."


def test_two_windows_keep_each_others_recent_calendars(
    window: MainWindow, tmp_path: Path, settings: QSettings
) -> None:
    """Another Cadence process adds a calendar to Open Recent between two of ours."""
    assert window.create_calendar(_plan(tmp_path / "mine.cadence"))
    theirs = str(tmp_path / "theirs.cadence")
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "s = QSettings(sys.argv[1], QSettings.Format.IniFormat)\n"
        "s.setValue('recentFiles', [sys.argv[2], *(s.value('recentFiles') or [])])\n"
        "s.sync()\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, settings.fileName(), theirs], check=True, timeout=60
    )
    # The menu lists it as soon as the File menu opens (not only once this window opens
    # a calendar itself).
    file_menu = window.recent_menu.parentWidget()
    assert isinstance(file_menu, QMenu)
    file_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()][:2] == [
        "theirs.cadence",
        "mine.cadence",
    ]
    assert window.create_calendar(_plan(tmp_path / "mine too.cadence"))
    names = [Path(p).name for p in window.recent_files()]
    assert names[:3] == ["mine too.cadence", "theirs.cadence", "mine.cadence"]


def test_a_post_added_from_the_command_line_shows_when_the_window_comes_back(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    session.push(MovePostsCommand(session, {post.id: (TODAY + timedelta(days=9), post.time)}))
    assert window.undo_action.isEnabled()
    window.month_view.select_posts([post.id])
    day = TODAY + timedelta(days=2)
    elsewhere = QWidget()  # the terminal, then back to the window
    qtbot.addWidget(elsewhere)
    with qtbot.waitActive(elsewhere):
        elsewhere.show()
        elsewhere.activateWindow()
    done = cadence(
        *("post", "add", session.store.path, "--title", "From the terminal"),
        *("--channel", "LinkedIn", "--date", day.isoformat()),
    )
    assert done.returncode == 0, done.stderr
    QApplication.processEvents()
    assert window.session is session  # nothing read while the window is behind
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.waitUntil(lambda: window.session is not session)  # once a click would have landed

    fresh = window.session
    shown = [fresh.store.post(i).title for i in window.month_view.posts_on(day)]
    assert "From the terminal" in shown
    assert "changed outside this window" in window.statusBar().currentMessage()
    assert not window.undo_action.isEnabled()  # the steps before were against the old file
    # On the day it was on (that of the post selected), the same today.
    assert (window.view().current_date(), fresh.today()) == (TODAY + timedelta(days=9), TODAY)
    assert fresh.store.post(post.id).date == TODAY + timedelta(days=9)
    assert window.selected_post_ids() == [post.id]  # still there: still selected

    assert not window.check_for_outside_changes()  # nothing new since
    fresh.push(MovePostsCommand(fresh, {post.id: (TODAY, post.time)}))
    assert not window.check_for_outside_changes()  # our own changes do not count
    assert window.session is fresh


def test_reading_the_calendar_again_keeps_the_panes_as_they_were(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    """The month jumped to the next after a day of its last row was clicked; the agenda
    went back to its date order, the hours to 07:00 and the backlog's search was gone."""
    from calendar_app.ui.agenda_view import AgendaModel

    window.set_view(1)
    window.week_view.scroll_to_time(time(18, 0))  # as far as the evening goes
    evening = window.week_view.top_time()
    assert evening > time(12, 0)
    window.set_view(2)
    window.agenda_view.table.sortByColumn(AgendaModel.STATUS, Qt.SortOrder.DescendingOrder)
    window.backlog.search.setText("warranty")
    shown_ideas = window.backlog.list.model().rowCount()
    window.set_view(0)
    grey = date(2026, 12, 3)  # in November's last row
    rect = window.month_view.day_rect(grey)
    qtbot.mouseClick(
        window.month_view,
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.center().x(), rect.bottom() - 4),
    )
    assert (window.month_view.displayed_month(), window.month_view.current_date()) == (
        date(2026, 11, 1),
        grey,
    )
    with CalendarStore.open(session.store.path) as other:  # another program
        other.add_post(NewPost("From the terminal", session.channels()[0].id, date=TODAY))
    assert window.check_for_outside_changes()
    assert window.session is not session
    assert (window.month_view.displayed_month(), window.month_view.current_date()) == (
        date(2026, 11, 1),
        grey,
    )
    assert window.week_view.top_time() == evening
    header = window.agenda_view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        AgendaModel.STATUS,
        Qt.SortOrder.DescendingOrder,
    )
    # Its rows in that order: asked again, the sort moves none.
    rows = window.agenda_view.shown_post_ids()
    window.agenda_view.table.sortByColumn(AgendaModel.DATE, Qt.SortOrder.AscendingOrder)
    assert window.agenda_view.shown_post_ids() != rows
    window.agenda_view.table.sortByColumn(AgendaModel.STATUS, Qt.SortOrder.DescendingOrder)
    assert window.agenda_view.shown_post_ids() == rows
    assert window.backlog.search.text() == "warranty"
    assert window.backlog.list.model().rowCount() == shown_ideas


def test_the_ideas_sought_in_one_calendar_are_not_sought_in_another_opened(
    window: MainWindow, tmp_path: Path
) -> None:
    """As the window's search is not: the other calendar's backlog listed 1 of 8."""
    window.backlog.search.setText("warranty")
    other = tmp_path / "other.cadence"
    write_demo(other, today=TODAY)
    assert window.open_calendar(other)
    assert window.backlog.search.text() == ""
    assert window.backlog.list.model().rowCount() == len(window.session.store.backlog())


def test_reading_the_calendar_again_says_busy(
    window: MainWindow, session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half a second on a large calendar, under the usual pointer."""
    pointers: list[str] = []
    read_again = CalendarSession.read_again

    def reading(self: CalendarSession) -> CalendarSession:
        cursor = QApplication.overrideCursor()
        pointers.append(cursor.shape().name if cursor is not None else "usual")
        return read_again(self)

    monkeypatch.setattr(CalendarSession, "read_again", reading)
    with CalendarStore.open(session.store.path) as other:  # another program
        other.add_post(NewPost("From the terminal", session.channels()[0].id, date=TODAY))
    assert window.check_for_outside_changes()
    assert pointers == ["WaitCursor"]
    assert QApplication.overrideCursor() is None


@pytest.mark.parametrize("part", ["month", "week", "agenda", "messages", "backlog", "panel"])
def test_the_part_with_the_focus_has_it_again_after_a_read_again(
    window: MainWindow, session: CalendarSession, qtbot: QtBot, part: str
) -> None:
    """The panes built anew after an outside change: the keys go on where they went
    (the focus fell on a toolbar button, and the arrows moved no day)."""
    if part in ("week", "agenda"):
        window.set_view(1 if part == "week" else 2)
    widgets = {
        "messages": lambda: window.sidebar.messages_view,
        "backlog": lambda: window.backlog.list,
        "panel": lambda: window.cadence_panel,
    }
    find = widgets.get(part, lambda: cast(QWidget, window.view()))

    def focused() -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is find() or find().isAncestorOf(focus))

    find().setFocus()
    assert focused()
    channel = session.channels()[0].id
    with CalendarStore.open(session.store.path) as other:  # another program
        other.add_post(NewPost("From the terminal", channel, date=TODAY))
    assert window.check_for_outside_changes()
    assert focused()
    # Read again as the window came to the front: the activation, later in the same
    # turn, gave the focus on to the toolbar (on a window system); the pane has it back.
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert toolbar is not None
    next(b for b in toolbar.findChildren(QToolButton) if b.isVisible()).setFocus()
    qtbot.waitUntil(focused)
    if part == "month":
        qtbot.keyClick(find(), Qt.Key.Key_Right)
        assert window.view().current_date() == TODAY + timedelta(days=1)


def test_a_window_brought_to_the_front_by_a_press_reads_the_change_once_let_go(
    window: MainWindow, session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Activated with a button down (the press that brought it to the front), the window
    left the check to the next activation: it showed the calendar as it was, and the
    user's next step could not be undone."""
    channel = session.channels()[0].id
    with CalendarStore.open(session.store.path) as other:  # another program
        other.add_post(NewPost("From the terminal", channel, date=TODAY))
    pressed = Qt.MouseButton.LeftButton
    monkeypatch.setattr(QApplication, "mouseButtons", staticmethod(lambda: pressed))
    assert not window.check_for_outside_changes()
    assert window.session is session
    pressed = Qt.MouseButton.NoButton  # let go
    qtbot.waitUntil(lambda: window.session is not session)
    titles = {window.session.store.post(i).title for i in window.month_view.posts_on(TODAY)}
    assert "From the terminal" in titles


def _theirs(path: Path) -> None:
    """A colleague's copy of the calendar, put in place of ``path`` as a sync tool does:
    written elsewhere, then renamed over it."""
    elsewhere = path.with_name("synced.cadence")
    with CalendarStore.create(elsewhere, name="Theirs", timezone="Europe/Amsterdam") as other:
        channel = other.add_channel("LinkedIn").created[0]
        other.add_post(NewPost("Their post", channel, date=TODAY, status=PostStatus.SCHEDULED))
    os.replace(elsewhere, path)


def _window_keeping_backups(
    session: CalendarSession, settings: QSettings, folder: Path, qtbot: QtBot
) -> tuple[MainWindow, Errors]:
    """A window on ``session`` keeping backups in ``folder``, and what it says."""
    errors = Errors()
    win = MainWindow(session, settings, backups=folder, error_handler=errors)
    qtbot.addWidget(win)
    session.report_error = errors
    return win, errors


def _mine_then_theirs(session: CalendarSession) -> Path:
    """A post "Mine" added here, then a colleague's copy put in place of the calendar's
    file, as a sync tool does: the file's path."""
    path = session.store.path
    channel = session.channels()[0].id
    session.push(AddPostCommand(session, NewPost("Mine", channel, date=TODAY)))
    _theirs(path)
    return path


def _cut_short(path: Path) -> None:
    """A copy of ``path`` cut in half, put in its place as a sync tool does."""
    whole = path.read_bytes()
    elsewhere = path.with_name("cut.cadence")
    elsewhere.write_bytes(whole[: len(whole) // 2])
    os.replace(elsewhere, path)


def test_a_calendar_a_sync_tool_replaced_keeps_its_filters(
    window: MainWindow, session: CalendarSession, settings: QSettings, qtbot: QtBot
) -> None:
    """A channel hidden, then Dropbox put a newer copy in place: every channel showed
    again, and the emptied filter was kept over the calendar's for good."""
    path = session.store.path
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None
    session.set_filters(replace(session.filters, hidden_channels=frozenset({linkedin.id})))
    _theirs(path)
    assert window.check_for_outside_changes()
    fresh = window.session
    assert fresh is not session
    theirs = fresh.store.channel_named("LinkedIn")
    assert theirs is not None
    assert fresh.filters.hidden_channels == {theirs.id}  # kept by name
    window.close()
    again = MainWindow(CalendarSession(CalendarStore.open(path)), settings)
    qtbot.addWidget(again)
    hidden = again.session.filters.hidden_channels
    assert [again.session.channel(c).name for c in hidden] == ["LinkedIn"]
    again.session.store.close()


def test_a_calendar_a_sync_tool_replaced_is_shown_as_it_is_now(
    window: MainWindow, session: CalendarSession, errors: Errors
) -> None:
    """A change made after the file was replaced is refused (it went into the old file,
    whose -wal then damaged the new one); the window then shows the new file."""
    path = session.store.path
    channel = session.channels()[0].id
    session.report_error = errors
    window.search_edit.setText("Their")  # a search typed goes on in the file as it is now
    _theirs(path)
    assert not session.try_push(
        AddPostCommand(session, NewPost("Mine, too late", channel, date=TODAY)), window
    )
    assert len(errors.seen) == 1
    assert errors.seen[0].startswith(f"The calendar file {path} was replaced by another file")
    assert errors.seen[0].endswith("This change was not saved.")

    assert window.check_for_outside_changes()
    fresh = window.session
    assert fresh is not session
    titles = [fresh.store.post(i).title for i in window.month_view.posts_on(TODAY)]
    assert titles == ["Their post"]
    assert "was replaced by another file" in window.statusBar().currentMessage()
    assert (window.search_edit.text(), fresh.filters.search) == ("Their", "Their")
    window.search_edit.clear()
    window._apply_search()
    fresh.push(AddPostCommand(fresh, NewPost("Mine, now", fresh.channels()[0].id, date=TODAY)))
    assert len(errors.seen) == 1
    fresh.store.close()
    with CalendarStore.open(path) as again:  # their file, whole, with the change made since
        assert again.info().name == "Theirs"
        assert sorted(p.title for p in again.all_posts()) == ["Mine, now", "Their post"]


def test_a_calendar_whose_wal_a_sync_tool_deleted_is_read_again_not_written_over(
    window: MainWindow, session: CalendarSession, errors: Errors
) -> None:
    """A sync tool deleted the -wal and -shm (Cadence closed on the other computer):
    SQLite kept to the deleted ones here, the command line made new ones, and neither
    saw the other's change; closing the window deleted the command line's -wal with the
    post it had added. Changes here are refused until the window reads the file again."""
    path = session.store.path
    channel = session.channels()[0]
    session.report_error = errors
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink()
    added = cadence(
        *("post", "add", path, "--title", "From the terminal", "--channel", channel.name),
        *("--date", TODAY.isoformat()),
    )
    assert added.returncode == 0, added.stderr
    assert not session.try_push(
        AddPostCommand(session, NewPost("Mine, too soon", channel.id, date=TODAY)), window
    )
    assert len(errors.seen) == 1
    assert errors.seen[0].startswith(
        f"The files Cadence keeps beside the calendar ({path.name}-wal and {path.name}-shm)"
        " were deleted or replaced outside Cadence"
    )
    assert errors.seen[0].endswith("This change was not saved.")

    assert window.check_for_outside_changes()
    # Not "replaced by another file": the file is the same one.
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(f"{path.name} was changed outside Cadence; Cadence shows it as it is now.")
    )
    fresh = window.session
    assert fresh is not session
    titles = {fresh.store.post(i).title for i in window.month_view.posts_on(TODAY)}
    assert "From the terminal" in titles
    assert "Mine, too soon" not in titles
    fresh.push(AddPostCommand(fresh, NewPost("Mine, now", channel.id, date=TODAY)))
    assert len(errors.seen) == 1
    fresh.store.close()
    listed = cadence("post", "list", path, "--from", TODAY.isoformat(), "--to", TODAY.isoformat())
    assert "From the terminal" in listed.stdout
    assert "Mine, now" in listed.stdout


def test_a_calendar_moved_away_while_open_keeps_what_was_saved_and_says_so_once(
    window: MainWindow, session: CalendarSession, errors: Errors, tmp_path: Path
) -> None:
    path = session.store.path
    channel = session.channels()[0].id
    session.report_error = errors
    session.push(AddPostCommand(session, NewPost("Saved before", channel, date=TODAY)))
    moved = tmp_path / "Archive" / path.name
    moved.parent.mkdir()
    os.replace(path, moved)
    assert not window.check_for_outside_changes()
    assert errors.seen == [
        f"The calendar is no longer at {path}: it was moved or deleted outside Cadence."
        " Changes here cannot be saved: if it was moved, open it where it is now"
        " (File > Open…); if it was deleted, save it again, as shown here, with File > Save"
        " a Copy As…"
    ]
    assert not window.check_for_outside_changes()  # said once
    assert not session.try_push(
        AddPostCommand(session, NewPost("Lost", channel, date=TODAY)), window
    )
    assert errors.seen[-1].endswith("This change was not saved.")
    session.store.close()
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == []
    with CalendarStore.open(moved) as there:
        titles = {p.title for p in there.all_posts()}
    assert "Saved before" in titles
    assert "Lost" not in titles


def test_a_calendar_deleted_while_open_is_saved_as_a_copy_as_the_window_says(
    window: MainWindow, session: CalendarSession, errors: Errors, tmp_path: Path
) -> None:
    """Deleted (a colleague tidying a shared folder), it has no "where it is now": the
    window said to open it there all the same."""
    path = session.store.path
    channel = session.channels()[0].id
    session.report_error = errors
    session.push(AddPostCommand(session, NewPost("Saved before", channel, date=TODAY)))
    path.unlink()
    assert not window.check_for_outside_changes()
    assert errors.seen[-1].endswith(
        "if it was deleted, save it again, as shown here, with File > Save a Copy As…"
    )
    rescued = tmp_path / "Rescued.cadence"
    assert window.save_copy(rescued)
    with CalendarStore.open(rescued) as copy:
        assert "Saved before" in {p.title for p in copy.all_posts()}


def test_a_calendar_moved_while_open_opened_where_it_is_now_is_shared_with_others(
    window: MainWindow, session: CalendarSession, errors: Errors, tmp_path: Path
) -> None:
    """Opened at its new place, as the window asks: the new connection used the -shm
    kept under the old name, which other programs no longer saw; the window never saw
    the command line's posts, called the file damaged, and a move saved with another
    window at work damaged it."""
    path = session.store.path
    channel = session.channels()[0]
    session.report_error = errors
    window.backups = tmp_path / "Backups"
    session.push(AddPostCommand(session, NewPost("Saved before", channel.id, date=TODAY)))
    moved = tmp_path / "Archive" / path.name
    moved.parent.mkdir()
    os.replace(path, moved)
    assert not window.check_for_outside_changes()
    assert window.open_calendar(moved)
    assert window.session.store.path == moved
    assert session.store.closed
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == []

    added = cadence(
        *("post", "add", moved, "--title", "From the terminal", "--channel", channel.name),
        *("--date", TODAY.isoformat()),
    )
    assert added.returncode == 0, added.stderr
    assert window.check_for_outside_changes()
    fresh = window.session
    titles = {fresh.store.post(i).title for i in window.month_view.posts_on(TODAY)}
    assert "From the terminal" in titles
    assert fresh.try_push(AddPostCommand(fresh, NewPost("Mine", channel.id, date=TODAY)), window)
    listed = cadence("post", "list", moved, "--from", TODAY.isoformat(), "--to", TODAY.isoformat())
    assert listed.returncode == 0, listed.stderr
    assert "From the terminal" in listed.stdout
    assert "Mine" in listed.stdout
    assert "Saved before" in listed.stdout
    assert errors.seen[1:] == []
    (backup,) = window.backups.iterdir()
    with CalendarStore.open(backup) as kept:
        assert "Saved before" in {p.title for p in kept.all_posts()}


def test_a_calendar_moved_and_changed_elsewhere_opened_where_it_is_now_says_the_backup(
    window: MainWindow, session: CalendarSession, errors: Errors, tmp_path: Path
) -> None:
    """Changed by the command line at its new place, the calendar's backup as the window
    let it go was refused (not whole), and the window then backed up the closed
    connection: an error the user could not act on, the window left on nothing. (Read
    through the old name's files, the backup is whole or not as SQLite's memory of the
    pages has it: either way the window opens the calendar where it is now, says
    nothing else, and keeps a whole backup.)"""
    path = session.store.path
    channel = session.channels()[0]
    session.report_error = errors
    window.backups = tmp_path / "Backups"
    session.push(AddPostCommand(session, NewPost("Saved before", channel.id, date=TODAY)))
    QApplication.processEvents()  # the change moved into the file, as right after each
    moved = tmp_path / "Archive" / path.name
    moved.parent.mkdir()
    os.replace(path, moved)
    for n in range(8):
        added = cadence("post", "add", moved, "--title", f"CLI {n}", "--channel", channel.name)
        assert added.returncode == 0, added.stderr
    assert not window.check_for_outside_changes()
    assert window.open_calendar(moved)
    fresh = window.session
    assert fresh.store.path == moved
    assert not fresh.store.closed
    # The backup read through the old name's files is refused when it mixes pages of
    # two moments, and said; whether it does depends on which pages SQLite had kept in
    # memory (the tests run before this one change that). The window may have seen the
    # move first, on coming to the front, and said so. Nothing else is said.
    said_of = ("moved while open and changed elsewhere", "moved or deleted outside Cadence")
    assert all(any(s in said for s in said_of) for said in errors.seen), errors.seen
    refused = any(said_of[0] in said for said in errors.seen)
    titles = {p.title for p in fresh.store.all_posts()}
    assert {"Saved before", "CLI 7"} <= titles
    window.close()
    kept = max(window.backups.iterdir(), key=lambda backup: backup.stat().st_mtime)
    with closing(sqlite3.connect(kept)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with CalendarStore.open(kept) as backup:
        backed_up = {p.title for p in backup.all_posts()}
    # Whole, the backup is the calendar as the window last knew it; refused, it is made
    # again from the file where it is now, the command line's posts too (the message
    # says Cadence tries again; it was due no more, and none was made at close).
    assert "Saved before" in backed_up
    if refused:
        assert "CLI 7" in backed_up


def test_a_post_deleted_elsewhere_does_not_pass_its_selection_to_a_new_one(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    channel = session.channels()[0].id
    session.push(AddPostCommand(session, NewPost("Mine", channel, date=TODAY)))
    (mine,) = [p for p in session.store.posts_between(TODAY, TODAY) if p.title == "Mine"]
    window.month_view.select_posts([mine.id])
    session.undo_stack.clear()
    with CalendarStore.open(session.store.path) as other:
        # Deleted as an earlier release of Cadence deletes, keeping no record of it.
        other.delete_posts([mine.id], remembered=False)
        (stranger,) = other.add_post(NewPost("Stranger", channel, date=TODAY)).created
    assert stranger == mine.id  # the id came round again
    assert window.check_for_outside_changes()
    assert window.selected_post_ids() == []


def test_a_calendar_the_user_may_not_write_opens_read_only_and_says_so(
    demo_path: Path,
    settings: QSettings,
    errors: Errors,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As a user without write permission meets it (root, running the tests, has them all).
    monkeypatch.setattr(database, "may_write", lambda path: False)
    store = CalendarStore.open(demo_path)
    session = CalendarSession(store, today=TODAY, error_handler=errors)
    win = MainWindow(session, settings, error_handler=errors)
    qtbot.addWidget(win)
    try:
        assert win.windowTitle() == "Solenne Solar (demo) (read-only) — Cadence"
        post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
        command = MovePostsCommand(session, {post.id: (TODAY + timedelta(days=9), post.time)})
        assert not session.try_push(command, win)
        assert errors.seen == [READ_ONLY]
        assert sorted(p.name for p in demo_path.parent.iterdir()) == [demo_path.name]
        # Cut promised a move ("paste to move it there"): it is said a copy is the way.
        win.month_view.setFocus()
        win.month_view.select_posts([post.id])
        win.cut_posts_action.trigger()
        assert win.statusBar().currentMessage() == (
            "This calendar is read-only, so its posts can be copied, not cut."
        )
    finally:
        win.close()
        store.close()


def test_undo_after_a_change_from_the_command_line_undoes_nothing_and_reads_again(
    window: MainWindow, session: CalendarSession, errors: Errors
) -> None:
    session.report_error = errors
    post, other = _standalone(session, TODAY, TODAY + timedelta(days=6))[:2]
    moved = TODAY + timedelta(days=9)
    session.push(EditPostsCommand(session, {other.id: {"title": "Renamed"}}))
    session.push(MovePostsCommand(session, {post.id: (moved, post.time)}))
    later = TODAY + timedelta(days=12)  # the window stays in front meanwhile
    done = cadence("post", "move", session.store.path, post.uid, "--date", later.isoformat())
    assert done.returncode == 0, done.stderr

    window.undo_action.trigger()

    assert session.store.post(post.id).date == later  # the terminal's move stands
    assert errors.seen == [  # the step asked for named ("the steps before" read as kept)
        "Another program has changed this calendar, so nothing was undone: Cadence shows"
        " it as it is now, and “Move post” and the steps before it can no longer be"
        " undone."
    ]
    assert window.session is not session
    assert post.id in window.month_view.posts_on(later)
    assert not window.undo_action.isEnabled()


def test_a_step_that_sees_an_outside_change_shows_it_and_stays_undoable(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    """A post moved from the terminal while the window stayed in front, then a post added
    in the window: the step saw the change, but the month still showed the moved post on
    its old day, after Undo too."""
    moved, other = _standalone(session, TODAY, TODAY + timedelta(days=6))[:2]
    assert moved.date is not None
    # The window stays in front: the look it takes on coming to the front is over.
    qtbot.waitUntil(lambda: not window._recheck.isActive())
    later = moved.date + timedelta(days=2)
    done = cadence("post", "move", session.store.path, moved.uid, "--date", later.isoformat())
    assert done.returncode == 0, done.stderr
    assert moved.id in window.month_view.posts_on(moved.date)  # as the window last read it
    added = NewPost("Added here", other.channel_id, other.message_ids, TODAY)
    session.push(AddPostCommand(session, added))
    qtbot.waitUntil(lambda: window.session is not session)
    assert moved.id in window.month_view.posts_on(later)
    assert moved.id not in window.month_view.posts_on(moved.date)
    assert window.undo_action.isEnabled()  # the step, taken on the file as it is now
    window.undo_action.trigger()
    titles = {window.session.store.post(i).title for i in window.month_view.posts_on(TODAY)}
    assert "Added here" not in titles
    assert window.session.store.post(moved.id).date == later  # the terminal's move stands


def test_a_refused_redo_says_what_can_no_longer_be_redone(
    window: MainWindow, session: CalendarSession, errors: Errors
) -> None:
    """It said the steps before could no longer be undone: the steps undone are those
    that can no longer be redone."""
    session.report_error = errors
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    moved = {post.id: (TODAY + timedelta(days=9), post.time)}
    session.push(MovePostsCommand(session, moved, text="Move post 'Launch'"))
    window.undo_action.trigger()
    done = cadence("post", "move", session.store.path, post.uid, "--date", "2027-01-04")
    assert done.returncode == 0, done.stderr

    window.redo_action.trigger()

    assert session.store.post(post.id).date == date(2027, 1, 4)
    assert errors.seen == [
        "Another program has changed this calendar, so nothing was redone: Cadence shows"
        " it as it is now, and “Move post 'Launch'” can no longer be redone."
    ]


def test_a_manager_refuses_an_undo_after_an_outside_change_until_read_again(
    session: CalendarSession, errors: Errors
) -> None:
    session.report_error = errors
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    session.push(MovePostsCommand(session, {post.id: (TODAY + timedelta(days=9), post.time)}))
    with CalendarStore.open(session.store.path) as elsewhere:
        elsewhere.add_channel("Podcast")
    seen: list[bool] = []
    session.changedElsewhere.connect(lambda: seen.append(True))
    assert not session.undo()
    assert not session.undo()  # still refused: the file is not read again yet
    assert seen == [True, True]
    assert len(errors.seen) == 2
    assert session.store.post(post.id).date == TODAY + timedelta(days=9)
    assert not session.read_again().changed_elsewhere()


def test_reading_again_keeps_the_layout_and_drops_filters_on_names_gone(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    kept, gone = session.key_messages()[:2]
    for message in (kept, gone):
        window.toggle_filter("messages", message.id, True)
    window.splitters[0].setSizes([420, 860])
    sizes = [s.sizes() for s in window.splitters]
    with CalendarStore.open(session.store.path) as elsewhere:
        elsewhere.delete_key_message(gone.id)
        with window.session.store.transaction():  # an import between its steps
            assert not window.check_for_outside_changes()
    window.search_edit.setFocus()
    assert window.check_for_outside_changes()  # once the import is done
    assert window.session.filters.messages == {kept.id}
    assert window.filter_buttons["messages"].text() == "Key Messages (1)"
    assert [s.sizes() for s in window.splitters] == sizes
    QApplication.processEvents()  # and once the window has laid itself out again
    assert [s.sizes() for s in window.splitters] == sizes
    assert window.focusWidget() is window.search_edit


def test_a_name_typed_without_its_ending_gets_one(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter([str(tmp_path / "client.v2")])
    monkeypatch.setattr(dialogs, "file_dialog_name", lambda *args, **kw: next(typed))
    window.save_copy_dialog()
    assert (tmp_path / "client.v2.cadence").is_file()  # found by Open, which lists *.cadence

    # The dialog only asked about "plan"; "plan.cadence" exists: asked before it goes.
    other = tmp_path / "plan.cadence"
    with CalendarStore.create(other, timezone="Europe/Paris"):
        pass
    before = other.read_bytes()
    asked: list[Path] = []

    def decline(parent: QWidget | None, path: Path) -> bool:
        asked.append(path)
        return False

    window.ask_replace = decline
    typed = iter([str(tmp_path / "plan")])
    window.save_copy_dialog()
    assert asked == [other]
    assert other.read_bytes() == before


def test_a_backup_saved_as_a_copy_is_offered_over_the_calendar_it_is_of(
    window: MainWindow, session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Going back to a backup as the README says: Save a Copy As offered the hidden
    Backups folder under the backup's own name, and Save left the calendar as it was."""
    from calendar_app.app import data_folder
    from calendar_app.core.backups import backup_folder, make_backup

    calendar = session.store.path.resolve()
    backup = make_backup(session.store, backup_folder(data_folder()))
    offered: list[Path] = []

    def save(parent: QWidget | None, title: str, start: Path, *args: object, **kw: object) -> str:
        offered.append(Path(start))
        return ""  # cancelled

    monkeypatch.setattr(dialogs, "file_dialog_name", save)
    window.close()
    assert window.open_calendar(backup)
    window.save_copy_dialog()
    assert offered == [calendar]  # "Replace it?" then restores it

    # One not opened lately: offered in the user's documents, not in Backups.
    window.settings.setValue("recentFiles", [str(backup)])
    window.save_copy_dialog()
    assert offered[-1].name == f"{backup.stem} copy.cadence"
    assert backup_folder(data_folder()) not in offered[-1].parents


def test_a_copy_over_the_calendar_open_is_refused_before_replacing_is_asked(
    window: MainWindow, errors: Errors, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Replace it?" was asked, and only after Yes was the copy refused."""
    calendar = window.session.store.path
    before = calendar.read_bytes()
    options: list[object] = []

    def typed(*args: object, **kw: object) -> str:
        options.append(kw.get("confirm_overwrite"))
        return str(calendar)

    monkeypatch.setattr(dialogs, "file_dialog_name", typed)
    asked: list[Path] = []

    def replace_it(parent: QWidget | None, path: Path) -> bool:
        asked.append(path)
        return True

    window.ask_replace = replace_it
    window.save_copy_dialog()
    assert options == [False]  # the dialog asks nothing
    assert asked == []
    assert errors.seen == ["A copy cannot overwrite the calendar it is made from."]
    assert calendar.read_bytes() == before

    # Another calendar open in another window: refused as well before asking, with
    # what to do about it (it said to open and close the calendar open there).
    other_path = calendar.with_name("other.cadence")
    write_demo(other_path, today=TODAY)
    with CalendarStore.open(other_path) as other:
        other.add_channel("Kept")
        calendar = other_path
        window.save_copy_dialog()
        assert asked == []
        assert errors.seen[-1] == (
            "other.cadence is open in Cadence or another program, or was not closed"
            " properly; close it there (or open and close it in Cadence), or choose"
            " another name."
        )
    with CalendarStore.open(other_path) as other:
        assert other.channel_named("Kept") is not None


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(("fmt", "ending"), [("html", ".html"), ("ics", ".ics"), ("pdf", ".pdf")])
def test_an_export_named_without_its_ending_gets_one(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    fmt: str,
    ending: str,
) -> None:
    """A web page sent to a client as "plan" would not open with a double-click."""
    from calendar_app.ui import transfer

    monkeypatch.setattr(dialogs, "file_dialog_name", lambda *args, **kw: str(tmp_path / "plan"))
    monkeypatch.setattr(
        "calendar_app.ui.export_options.ask_export_options", lambda *args: ExportOptions()
    )
    said: list[str] = []
    monkeypatch.setattr(
        transfer, "show_summary", lambda parent, title, text, details: said.append(text)
    )
    window.export_file(fmt)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("plan")) == [
        f"plan{ending}"
    ]
    assert said
    assert f"to {tmp_path / ('plan' + ending)}." in said[0]


def test_save_a_copy(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Said while it is written, as a backup is (a second at 100,000 posts, the
    pointer alone busy)."""
    from calendar_app.exchange import copy as copying

    seen: list[str] = []
    real = copying.save_copy

    def watched(store: CalendarStore, where: Path) -> Path | None:
        seen.append(window.statusBar().currentMessage())
        return real(store, where)

    monkeypatch.setattr(copying, "save_copy", watched)
    target = tmp_path / "copy.cadence"
    assert window.save_copy(target)
    assert seen == ["Saving a copy to copy.cadence…"]
    assert window.statusBar().currentMessage() == f"Saved a copy to {target}"
    with CalendarStore.open(target) as copy:
        assert copy.count_posts() == window.session.store.count_posts()


@pytest.mark.parametrize("box", ["search", "backlog search"])
def test_undo_and_redo_keys_in_a_search_box_with_nothing_typed_reach_the_calendar(
    window: MainWindow, qtbot: QtBot, box: str
) -> None:
    """The box claimed Ctrl+Z whenever it had the focus: a move undone from there did
    nothing. Text typed in it is undone first, as in any text box; an empty box passes
    the keys on."""
    edit = window.search_edit if box == "search" else window.backlog.search
    post = window.session.store.posts_between(TODAY, TODAY)[0]
    mime = posts_mime(window.session, [post], post.id)
    drop_posts(window.session, window, mime, TODAY + timedelta(days=1))
    window.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier
    ctrl_shift = ctrl | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClicks(edit, "xq")
    qtbot.keyClick(edit, Qt.Key.Key_Z, ctrl)
    assert edit.text() == ""  # the typing, undone in the box
    assert window.session.store.post(post.id).date == TODAY + timedelta(days=1)
    assert not edit.isUndoAvailable()
    qtbot.keyClick(edit, Qt.Key.Key_Z, ctrl)  # nothing left in the box: the calendar's
    assert window.session.store.post(post.id).date == TODAY
    qtbot.keyClick(edit, Qt.Key.Key_Z, ctrl_shift)  # the box has a redo: its own
    assert edit.text() == "xq"
    assert window.session.store.post(post.id).date == TODAY
    edit.setText("")  # no history in the box either way
    qtbot.keyClick(edit, Qt.Key.Key_Z, ctrl_shift)
    assert window.session.store.post(post.id).date == TODAY + timedelta(days=1)
    assert edit.hasFocus()
    # With a search in the box, the keys are its own, even with nothing left to undo
    # there: the calendar's step could move a post the search hides.
    edit.setText("zzz")
    assert not edit.isUndoAvailable()
    qtbot.keyClick(edit, Qt.Key.Key_Z, ctrl)
    assert window.session.store.post(post.id).date == TODAY + timedelta(days=1)
    assert window.session.undo_stack.canUndo()


def test_a_post_dragged_to_another_window_on_the_calendar_is_read_again_here(
    window: MainWindow,
    demo_path: Path,
    settings: QSettings,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Dropped in a second window on the same calendar, the post moved in the file;
    this window, still in front, showed it where it was, and a later drag of that
    stale chip moved it again."""
    other_store = CalendarStore.open(demo_path)
    other = MainWindow(CalendarSession(other_store, today=TODAY), settings)
    qtbot.addWidget(other)
    try:
        post = _standalone(window.session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
        assert post.date is not None
        target = post.date + timedelta(days=1)

        def dropped_in_the_other(drag: QDrag, *args: object) -> Qt.DropAction:
            mime = drag.mimeData()
            assert mime is not None
            send_drop(other.month_view, other.month_view.day_rect(target).center(), mime)
            return Qt.DropAction.MoveAction

        monkeypatch.setattr(QDrag, "exec", dropped_in_the_other)
        month = window.month_view
        rect = month.chip_rect(post.id)
        assert rect is not None
        drag_from(qtbot, month, rect.center())
        assert other_store.post(post.id).date == target

        def shown_on(day: date) -> list[int]:
            return [p.id for p in window.session.posts_between(day, day)]

        qtbot.waitUntil(lambda: post.id in shown_on(target))  # once the button is let go
        assert month.chip_rect(post.id) is not None
        assert post.id not in shown_on(post.date)
    finally:
        other.session.undo_stack.clear()
        other_store.close()


def test_a_drop_another_program_saves_after_the_drag_ended_is_read_too(
    window: MainWindow, demo_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a real X display the drag ends here at the button's release, before a second
    Cadence on the calendar saves its drop: the window, looking once, saw nothing."""
    post = _standalone(window.session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    assert post.date is not None
    target = post.date + timedelta(days=1)
    monkeypatch.setattr(QDrag, "exec", lambda drag, *args: Qt.DropAction.MoveAction)
    month = window.month_view
    rect = month.chip_rect(post.id)
    assert rect is not None
    drag_from(qtbot, month, rect.center())

    def the_other_program_saves() -> None:
        with CalendarStore.open(demo_path) as other:
            other.move_posts({post.id: (target, post.time)})

    QTimer.singleShot(500, the_other_program_saves)  # after this window looked
    qtbot.waitUntil(
        lambda: post.id in [p.id for p in window.session.posts_between(target, target)],
        timeout=5000,
    )


@pytest.mark.parametrize("where", ["backlog", "agenda"])
def test_rows_dragged_hang_their_picture_below_the_pointer(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """As a chip's does: an idea pulled from the backlog onto the toolbar's › hid the
    month's title under its picture (Qt's own, under the pointer)."""
    seen: list[tuple[QPoint, QSize, list[int]]] = []

    def dragged(drag: QDrag, *args: object) -> Qt.DropAction:
        mime = drag.mimeData()
        ids = list(decode_posts(window.session, mime)[0]) if mime is not None else []
        seen.append((drag.hotSpot(), drag.pixmap().deviceIndependentSize().toSize(), ids))
        return Qt.DropAction.IgnoreAction

    monkeypatch.setattr(QDrag, "exec", dragged)
    if where == "backlog":
        view: QAbstractItemView = window.backlog.list
        post_id = window.backlog.shown_post_ids()[0]
        view.setCurrentIndex(window.backlog.index_of(post_id))
    else:
        window.set_view(2)
        view = window.agenda_view.table
        post = window.session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
        window.agenda_view.select_posts([post.id])
        post_id = post.id
    view.startDrag(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction)
    [(hot_spot, size, ids)] = seen
    assert ids == [post_id]
    assert size.width() > 50
    assert hot_spot.y() < 0  # the picture's top below the pointer
    assert 0 <= hot_spot.x() < size.width()


def test_rows_picked_apart_are_pictured_without_the_rows_between(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ideas picked with Ctrl, one and the third: the picture took all three rows."""
    sizes: list[QSize] = []

    def dragged(drag: QDrag, *args: object) -> Qt.DropAction:
        sizes.append(drag.pixmap().deviceIndependentSize().toSize())
        return Qt.DropAction.IgnoreAction

    monkeypatch.setattr(QDrag, "exec", dragged)
    backlog = window.backlog
    first, _, third = backlog.shown_post_ids()[:3]
    view = backlog.list
    picked = [backlog.index_of(first), backlog.index_of(third)]
    view.selectionModel().clearSelection()
    for index in picked:
        view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.Select)
    view.startDrag(Qt.DropAction.MoveAction)
    [size] = sizes
    seen = view.viewport().rect()
    assert size.height() == sum(view.visualRect(i).intersected(seen).height() for i in picked)
    assert size.height() < view.visualRect(picked[1]).bottom() - view.visualRect(picked[0]).top()


def test_delete_key_removes_the_selected_post_and_undo_restores(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    window.set_view(2)
    agenda = window.agenda_view
    agenda.setFocus()
    post = session.posts_between(TODAY, TODAY + (date(2026, 11, 30) - TODAY))[0]
    agenda.select_posts([post.id])
    assert window.selected_post_ids() == [post.id]
    window.delete_action.trigger()
    assert not session.store.posts([post.id])
    window.undo_action.trigger()
    assert unversioned(session.store.posts([post.id])) == unversioned([post])


def _pick_two(window: MainWindow, qtbot: QtBot, first: date, move: Qt.Key) -> list[int]:
    """With the keyboard, in the month: the first post of ``first`` and the first of the
    day ``move`` reaches, picked with Ctrl+Space; the posts picked."""
    month = window.month_view
    month.set_current_date(first)
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier
    for keys in ((), (move,)):
        for key in keys:
            qtbot.keyClick(month, key)
        qtbot.keyClick(month, Qt.Key.Key_Tab)
        qtbot.keyClick(month, Qt.Key.Key_Space, ctrl)
    return month.selected_post_ids()


def test_delete_takes_the_posts_picked_one_by_one_from_the_keyboard(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Posts picked on days apart with Ctrl+Space are what Delete takes: not the post
    the keyboard is on unpicked, not the posts of the days it crossed."""
    session = window.session
    first = date(2026, 11, 16)
    picked = _pick_two(window, qtbot, first, Qt.Key.Key_Down)  # a week apart
    assert len(picked) == 2
    kept = [p.id for p in session.posts_between(first, first + timedelta(days=7))]
    kept = [i for i in kept if i not in picked]
    assert kept
    window.delete_action.trigger()
    assert not session.store.posts(picked)
    assert len(session.store.posts(kept)) == len(kept)
    window.undo_action.trigger()
    assert len(session.store.posts(picked)) == 2


def test_a_backup_opened_in_the_window_says_so_and_is_not_the_calendar_reopened(
    window: MainWindow, session: CalendarSession, settings: QSettings
) -> None:
    """Its title was the calendar's own; it was reopened at the next start, and what
    was typed into it went away with it when backups were thinned."""
    from calendar_app.app import data_folder
    from calendar_app.core.backups import backup_folder, make_backup

    calendar = session.store.path.resolve()
    window.close()  # the calendar's own place is the one remembered
    backup = make_backup(
        session.store, backup_folder(data_folder()), now=datetime(2026, 12, 10, 10, 0)
    )
    assert window.open_calendar(backup)
    assert window.windowTitle() == (
        "Solenne Solar (demo) (backup of Thu 10 Dec 2026 10:00, read-only) — Cadence"
    )
    assert "A backup, opened as it is" in window.statusBar().currentMessage()
    assert str(backup.resolve()) in window.recent_files()
    before = backup.read_bytes()
    post = window.session.store.all_posts()[0]
    with pytest.raises(CalendarFileError, match="is a backup, opened as it is"):
        window.session.push(EditPostsCommand(window.session, {post.id: {"title": "T"}}))
    window.close()
    assert backup.read_bytes() == before
    assert Path(str(settings.value("lastFile"))) == calendar


def test_posts_picked_one_at_a_time_stay_picked_across_a_switch_of_views(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Picked with Ctrl+Space, switched to the week and back: still selected, but the
    next arrow dropped them; the pick goes on until Esc."""
    picked = _pick_two(window, qtbot, date(2026, 11, 16), Qt.Key.Key_Right)
    assert len(picked) == 2
    window.set_view(1)
    window.set_view(0)
    qtbot.keyClick(window.month_view, Qt.Key.Key_Right)
    assert window.month_view.selected_post_ids() == picked


# -- cut, copy and paste --------------------------------------------------------------


def _standalone(session: CalendarSession, first: date, last: date) -> list[Post]:
    """Dated posts that are not part of a series, one per day, earliest first."""
    by_day: dict[date, Post] = {}
    for post in session.posts_between(first, last):
        if post.series_id is None and post.date is not None and post.message_ids:
            by_day.setdefault(post.date, post)
    return [by_day[d] for d in sorted(by_day)]


def test_a_paste_in_the_week_keeps_its_word_over_the_days_out_of_sight(
    window: MainWindow, session: CalendarSession, tmp_path: Path
) -> None:
    """Pasted into another calendar's week, one copy landing in the next week: what
    the paste brought ("added 2 channels...") was written over at once by "selected,
    1 of them on days out of sight"."""
    posts = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=20))
    first = posts[0]
    later = next(p for p in posts if p.date and first.date and (p.date - first.date).days >= 8)
    window.month_view.setFocus()
    window.month_view.select_posts([first.id, later.id])
    window.copy_posts_action.trigger()
    assert window.create_calendar(_plan(tmp_path / "Client B.cadence"))
    window.set_view(1)
    week = window.week_view
    week.setFocus()
    week.set_current_date(a_monday_ahead())
    window.paste_posts_action.trigger()
    assert len(window.session.store.all_posts()) == 2
    assert week.selected_out_of_sight()
    said = window.statusBar().currentMessage()
    assert said.startswith("Pasted 2 posts from 'Solenne Solar (demo)'. Added here: ")


def test_posts_carried_make_their_icalendar_text_only_when_it_is_read(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Made at every copy and drag start, it held each up a quarter of a second for a
    month of posts, though a drop in Cadence never reads it. Once the calendar is closed,
    none is offered."""
    from calendar_app.exchange import ical
    from calendar_app.ui.dnd import ICS_MIME, posts_mime

    made: list[int] = []
    real = ical.posts_to_ics

    def counted(store: CalendarStore, posts: Sequence[Post]) -> bytes:
        made.append(len(posts))
        return real(store, posts)

    monkeypatch.setattr(ical, "posts_to_ics", counted)
    session = window.session
    posts = session.posts_between(TODAY, TODAY + timedelta(days=30))
    mime = posts_mime(session, posts)
    assert made == []
    assert mime.hasFormat(ICS_MIME)
    assert ICS_MIME in mime.formats()
    events = Calendar.from_ical(bytes(mime.data(ICS_MIME).data())).walk("VEVENT")
    assert {str(e["UID"]) for e in events} == {p.uid for p in posts}
    mime.data(ICS_MIME)
    assert made == [len(posts)]  # once

    # Read after the key message and the campaign it carried were deleted: the post as
    # copied, without them (it raised, an error box in the window).
    carrier = next(p for p in posts if p.message_ids and p.campaign_id is not None)
    later = posts_mime(session, [carrier])
    session.store.delete_key_message(carrier.message_ids[0])
    assert carrier.campaign_id is not None
    session.store.delete_campaign(carrier.campaign_id)
    (event,) = Calendar.from_ical(bytes(later.data(ICS_MIME).data())).walk("VEVENT")
    assert str(event["UID"]) == carrier.uid

    other = CalendarStore.create(tmp_path / "other.cadence")
    channel = other.add_channel("Blog").created[0]
    other.add_post(NewPost("Later", channel, (), TODAY, status=PostStatus.SCHEDULED))
    other_session = CalendarSession(other)
    unread = posts_mime(other_session, other.all_posts())
    other.close()
    assert not unread.hasFormat(ICS_MIME)
    assert ICS_MIME not in unread.formats()
    assert unread.text().startswith("Later (Blog, ")
    other_session.deleteLater()


def test_copy_then_paste_repeats_a_post_on_the_day_chosen_by_keyboard(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    month = window.month_view
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    assert post.date is not None
    month.setFocus()
    month.select_posts([post.id])
    qtbot.keyClick(month, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    clip = QApplication.clipboard().mimeData()
    assert post.title in clip.text()  # other programs get the text and the event
    (event,) = Calendar.from_ical(bytes(clip.data("text/calendar").data())).walk("VEVENT")
    assert (str(event["SUMMARY"]), str(event["UID"])) == (post.title, post.uid)
    assert "select a day and paste" in window.statusBar().currentMessage()

    for _ in range(3):
        qtbot.keyClick(month, Qt.Key.Key_Right)
    assert month.current_date() == post.date + timedelta(days=3)
    before = {p.id for p in session.store.all_posts()}
    qtbot.keyClick(month, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(month, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    copies = [p for p in session.store.all_posts() if p.id not in before]
    assert [(p.date, p.time, p.title, p.channel_id, p.message_ids) for p in copies] == 2 * [
        (post.date + timedelta(days=3), post.time, post.title, post.channel_id, post.message_ids)
    ]
    assert post.uid not in {p.uid for p in copies}
    assert session.store.post(post.id) == post
    assert window.undo_action.text() == "&Undo Copy post"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert {p.id for p in session.store.all_posts()} == before


def test_copied_posts_give_other_programs_their_text_and_link_not_their_notes(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Pasted into a mail or a publishing tool's composer, a copy gave the title line
    alone ("Title (LinkedIn, 2026-11-19 08:30)"): the text a post carries was not there."""
    session = window.session
    first, second = _standalone(session, TODAY, TODAY + timedelta(days=13))[:2]
    session.store.update_post(
        first.id,
        {
            "body": "We fill in the paperwork.\r\nYou sign once.\n",  # (pasted from Windows)
            "link": "https://example.org/a",
            "notes": "Client pays late",
        },
    )
    session.store.update_post(second.id, {"body": " \r\n  ", "link": "", "notes": ""})
    first, second = session.posts([first.id, second.id])
    month = window.month_view
    month.setFocus()
    month.select_posts([first.id, second.id])
    qtbot.keyClick(month, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QApplication.clipboard().text()
    lines = [
        f"{p.title} ({session.channel(p.channel_id).name}, {p.date}"
        + (f" {p.time:%H:%M})" if p.time else ")")
        for p in (first, second)
    ]
    assert text == (
        f"{lines[0]}\nWe fill in the paperwork.\nYou sign once.\nhttps://example.org/a\n\n"
        f"{lines[1]}"
    )
    clip = QApplication.clipboard().mimeData()
    assert b"pays late" not in bytes(clip.data("text/calendar").data())


def test_cut_then_paste_moves_posts_and_a_second_paste_repeats_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    month = window.month_view
    a, b = _standalone(session, TODAY - timedelta(days=14), TODAY)[-2:]
    assert a.date is not None
    assert b.date is not None
    month.setFocus()
    month.select_posts([b.id, a.id])
    window.cut_posts_action.trigger()
    assert session.posts([a.id, b.id]) == [a, b]  # nothing moves before the paste
    assert window.statusBar().currentMessage().startswith("Cut 2 posts: ")

    month.set_current_date(a.date + timedelta(days=7))
    window.paste_posts_action.trigger()
    # "select a day and paste" said no more once pasted
    assert not window.statusBar().currentMessage().startswith("Cut 2 posts: ")
    moved = session.posts([a.id, b.id])
    assert [p.date for p in moved] == [a.date + timedelta(days=7), b.date + timedelta(days=7)]
    assert window.undo_action.text() == "&Undo Move 2 posts"
    count = session.store.count_posts()
    window.paste_posts_action.trigger()  # on the same day: now it repeats them
    assert session.store.count_posts() == count + 2
    assert session.posts([a.id, b.id]) == moved
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert session.posts([a.id, b.id]) == [a, b]


def _cut_and_pasted_a_week_on(window: MainWindow) -> Post:
    """A post of the last two weeks cut in the month and pasted a week on (a move); the
    post as it was before."""
    month = window.month_view
    (post,) = _standalone(window.session, TODAY - timedelta(days=14), TODAY)[-1:]
    assert post.date is not None
    month.setFocus()
    month.select_posts([post.id])
    window.cut_posts_action.trigger()
    month.set_current_date(post.date + timedelta(days=7))
    window.paste_posts_action.trigger()
    return post


def test_a_post_undo_put_back_on_another_day_is_said_with_its_day(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Moved a day on by keys and undone: the day the keyboard stayed on was read as
    holding the post, "selected", though it was back on its own day."""
    month = window.month_view
    post = _standalone(window.session, TODAY, TODAY + timedelta(days=6))[0]
    assert post.date is not None
    month.setFocus()
    month.select_posts([post.id])
    assert month.accessibleDescription().endswith(f"selected: {post.title}")
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(month, Qt.Key.Key_X, ctrl)
    qtbot.keyClick(month, Qt.Key.Key_Right)
    qtbot.keyClick(month, Qt.Key.Key_V, ctrl)
    qtbot.keyClick(month, Qt.Key.Key_Z, ctrl)
    assert window.session.store.post(post.id).date == post.date
    assert month.selected_post_ids() == [post.id]
    assert month.current_date() == post.date + timedelta(days=1)
    assert month.accessibleDescription().endswith(f"selected: {post.title} ({day_text(post.date)})")


def test_a_step_that_changes_a_key_message_s_status_is_said(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that opened or filled a gap: a screen reader heard the posts deleted or
    placed, and nothing of the key message's badge changing in the sidebar."""
    from calendar_app.core.cadence import status_text

    said = heard_announcements(monkeypatch)
    session = window.session

    def status(message_id: int) -> str:
        (m,) = [m for m in session.report().messages if m.message_id == message_id]
        return status_text(m.status, m.overdue_days)

    message = next(m for m in session.report().messages if m.status == MessageStatus.OK)
    was = status(message.message_id)
    deliveries = [p.id for p in session.store.all_posts() if message.message_id in p.message_ids]
    session.push(DeletePostsCommand(session, deliveries))
    now = status(message.message_id)
    assert now != was
    assert said[-1] == f"{message.title}: {now} (was {was})"
    said.clear()
    window.undo_action.trigger()
    assert f"{message.title}: {was} (was {now})" in said

    # Many at once: a few named, the rest counted (50 were read out in one breath).
    monkeypatch.setattr(main_window_module, "SAID_STATUSES", 2)
    everything = [p.id for p in session.store.all_posts()]
    said.clear()
    session.push(DeletePostsCommand(session, everything))
    (statuses,) = [line for line in said if " (was " in line]
    changed = len(session.report().messages) - 1  # (counted by the test's own reading)
    assert statuses.count(" (was ") == 1
    assert statuses.endswith(f"; and {changed} other key messages changed status")
    window.undo_action.trigger()

    # A new day changes statuses of itself: not said as the next step's doing.
    monkeypatch.setattr(session, "_today", TODAY + timedelta(days=9))
    post = session.store.all_posts()[0]
    said.clear()
    session.push(EditPostsCommand(session, {post.id: {"title": "Retitled"}}))
    assert [line for line in said if " (was " in line] == []


def test_a_period_turned_from_outside_the_calendar_is_said(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Ctrl+Right from the key messages turned the month unsaid: the month says its day
    only where the keyboard is in it, and the title is no Tab stop."""
    said = heard_announcements(monkeypatch)
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.messages_view.setFocus()
    window.next_action.trigger()
    assert said == [window.period_label.text()]
    assert said[0] == month_title(TODAY.replace(day=1) + timedelta(days=31))
    window.month_view.setFocus()  # there, the month says the day it goes to
    window.next_action.trigger()
    assert len(said) == 1
    # A search's match in another month: said once, with its day (the month came first).
    post = next(p for p in window.session.store.all_posts() if p.date and p.date < TODAY)
    assert post.date is not None
    window.search_edit.setFocus()
    window.search_edit.setText(post.title)
    said.clear()
    window.search_edit.returnPressed.emit()
    assert window.period_label.text() == month_title(post.date.replace(day=1))
    assert said == [window.statusBar().currentMessage()]


def test_a_result_in_the_status_bar_is_said_to_a_screen_reader(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen reader reads the status bar only when asked: a cut's "select a day and
    paste", a search's "3 of 20" went unheard. The summary coming back is not said."""
    said = heard_announcements(monkeypatch)
    session = window.session
    (post,) = _standalone(session, TODAY - timedelta(days=14), TODAY)[-1:]
    window.month_view.setFocus()
    window.month_view.select_posts([post.id])
    window.cut_posts_action.trigger()
    assert said == [window.statusBar().currentMessage()]
    assert said[0].startswith("Cut 1 post: ")
    window.cut_posts_action.trigger()  # the same words again: said again
    assert said == [said[0], said[0]]
    window.statusBar().clearMessage()  # the summary back: not said again
    assert len(said) == 2


def test_a_paste_of_cut_posts_undone_leaves_them_cut(window: MainWindow) -> None:
    """Cut, paste, undo, paste: the second paste copied them (the posts stood on both
    days); nothing was moved any more, so it moves them. Redone, a paste repeats them."""
    session = window.session
    month = window.month_view
    a = _cut_and_pasted_a_week_on(window)
    assert a.date is not None
    window.undo_action.trigger()
    assert session.store.post(a.id).date == a.date
    count = session.store.count_posts()
    elsewhere = a.date + timedelta(days=8)
    month.set_current_date(elsewhere)
    window.paste_posts_action.trigger()
    assert session.store.count_posts() == count
    assert session.store.post(a.id).date == elsewhere
    assert window.undo_action.text() == "&Undo Move post"

    window.undo_action.trigger()  # cut again, then redone: a paste repeats it
    window.redo_action.trigger()
    window.paste_posts_action.trigger()
    assert session.store.count_posts() == count + 1

    # Undone, then another step taken (the paste's redo is gone): still cut.
    window.undo_action.trigger()  # the repeat
    window.undo_action.trigger()  # the move
    assert session.store.post(a.id).date == a.date
    other = _standalone(session, TODAY, TODAY + timedelta(days=20))[0]
    session.push(MovePostsCommand(session, {other.id: (TODAY + timedelta(days=21), None)}))
    window.paste_posts_action.trigger()
    assert session.store.count_posts() == count
    assert session.store.post(a.id).date == elsewhere


def test_a_copy_after_a_cut_paste_stays_a_copy_when_the_paste_is_undone(
    window: MainWindow,
) -> None:
    """Cut, paste (a move), Copy, Undo, paste: the undone paste turned the Copy back into a
    cut, and the post moved."""
    session = window.session
    month = window.month_view
    a = _cut_and_pasted_a_week_on(window)
    assert a.date is not None
    month.select_posts([a.id])
    window.copy_posts_action.trigger()
    window.undo_action.trigger()
    count = session.store.count_posts()
    month.set_current_date(a.date + timedelta(days=9))
    window.paste_posts_action.trigger()
    assert session.store.count_posts() == count + 1
    assert session.store.post(a.id).date == a.date


def test_cut_posts_whose_order_a_paste_at_a_time_changed_stay_cut_when_it_is_undone(
    window: MainWindow,
) -> None:
    """An all-day post and a 09:00 one cut, pasted at 15:00 (the all-day one took a time,
    so they came back in another order), undone: the next paste copied them."""
    session = window.session
    day = TODAY + timedelta(days=3)
    channel = session.channels()[0].id
    made = session.store.add_posts(
        [
            NewPost("Morning", channel, (), day, time(9, 0), PostStatus.SCHEDULED),
            NewPost("All day", channel, (), day, None, PostStatus.SCHEDULED),
        ]
    )
    session.notify(made)
    ids = list(made.created)
    window.set_view(1)
    week = window.view()
    week.select_posts(ids)
    window.cut_posts_action.trigger()
    week.set_current_date(day + timedelta(days=1))
    window._paste_posts(time(15, 0))
    window.undo_action.trigger()
    count = session.store.count_posts()
    week.set_current_date(day + timedelta(days=2))
    window.paste_posts_action.trigger()
    assert session.store.count_posts() == count
    assert {p.date for p in session.posts(ids)} == {day + timedelta(days=2)}


def _pick_days(
    view: PeriodView, qtbot: QtBot, start: date, days: int, key: Qt.Key = Qt.Key.Key_Right
) -> None:
    """Shift+``key`` ``days`` times from ``start``, as a keyboard user picks posts by days."""
    view.set_current_date(start)
    cast(QWidget, view).setFocus()
    for _ in range(days):
        qtbot.keyClick(cast(QWidget, view), key, Qt.KeyboardModifier.ShiftModifier)


def _empty_day_before_posts(session: CalendarSession, days: int) -> date:
    """The first day from today with no post of its own but posts in the ``days`` after."""
    return next(
        d
        for d in (TODAY + timedelta(days=n) for n in range(40))
        if not session.posts_between(d, d) and session.posts_between(d, d + timedelta(days=days))
    )


def test_posts_picked_by_keyboard_over_days_move_together_with_cut_and_paste(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    month = window.month_view
    start = date(2026, 11, 16)
    shift, ctrl = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
    _pick_days(month, qtbot, start, 2)
    picked = session.posts_between(start, start + timedelta(days=2))
    assert len(picked) >= 3
    assert window.selected_post_ids() == [p.id for p in picked]
    qtbot.keyClick(month, Qt.Key.Key_X, ctrl)
    qtbot.keyClick(month, Qt.Key.Key_Down)  # a week later, the first day of the stretch
    qtbot.keyClick(month, Qt.Key.Key_Left)
    qtbot.keyClick(month, Qt.Key.Key_Left)
    assert month.current_date() == start + timedelta(days=7)
    qtbot.keyClick(month, Qt.Key.Key_V, ctrl)
    moved = session.posts([p.id for p in picked])
    assert [(p.date, p.time) for p in moved] == [
        (p.date + timedelta(days=7), p.time) for p in picked if p.date is not None
    ]
    assert window.undo_action.text() == f"&Undo Move {len(picked)} posts"
    # The pasted posts are selected where they landed: Shift+arrow starts anew there
    # (it went on from the first stretch's start, 16 November).
    here = month.current_date()
    assert here > start + timedelta(days=2)
    qtbot.keyClick(month, Qt.Key.Key_Right, shift)
    assert window.selected_post_ids() == [
        p.id for p in session.posts_between(here, here + timedelta(days=1))
    ]


@pytest.mark.parametrize("how", ["select all of a week", "a stretch from an empty day"])
def test_days_picked_by_keyboard_land_from_their_first_day_on(
    window: MainWindow, qtbot: QtBot, how: str
) -> None:
    """Ctrl+A in the week, Ctrl+X, Page Down, Ctrl+V moved the posts 9 days, not 7: the
    week's earliest post (on its Wednesday) was put on the Monday pasted on."""
    session = window.session
    ctrl = Qt.KeyboardModifier.ControlModifier
    if how == "select all of a week":
        qtbot.keyClick(window, Qt.Key.Key_2, ctrl)
        view: PeriodView = window.week_view
        monday = TODAY - timedelta(days=TODAY.weekday()) + timedelta(weeks=1)
        session.push(
            DeletePostsCommand(session, [p.id for p in session.posts_between(monday, monday)])
        )
        view.set_current_date(monday)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_A, ctrl)
        first, last = view.visible_range()
    else:
        view = window.month_view
        first = _empty_day_before_posts(session, 6)
        last = first + timedelta(days=6)
        _pick_days(view, qtbot, first, 6)
    picked = session.posts_between(first, last)
    assert picked
    assert picked[0].date != first, "the first day has no post of its own"
    assert window.selected_post_ids() == [p.id for p in picked]
    qtbot.keyClick(view, Qt.Key.Key_X, ctrl)
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Cut {len(picked)} posts: select the day for ")
    assert said.endswith("; the others keep their distance from it.")
    view.set_current_date(first + timedelta(days=7))
    qtbot.keyClick(view, Qt.Key.Key_V, ctrl)
    moved = session.posts([p.id for p in picked])
    assert [(p.date, p.time) for p in moved] == [
        (p.date + timedelta(days=7), p.time) for p in picked if p.date is not None
    ]
    # Pasted again a week on: copies, from that day on too (the first day moved).
    before = {p.id for p in session.store.all_posts()}
    view.set_current_date(first + timedelta(days=14))
    qtbot.keyClick(view, Qt.Key.Key_V, ctrl)
    copies = [p for p in session.store.all_posts() if p.id not in before]
    made = [(p.date, p.time or time.min, p.title) for p in copies]
    wanted = [(p.date + timedelta(days=14), p.time or time.min, p.title) for p in picked if p.date]
    assert sorted(made) == sorted(wanted)


def test_posts_selected_out_of_sight_are_said_and_a_paste_keeps_them_all_selected(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A stretch that went on into December selected November's last posts too, with
    no chip to show it; after a paste, only the posts the grid drew stayed selected."""
    session, month = window.session, window.month_view
    start = date(2026, 11, 25)
    ctrl = Qt.KeyboardModifier.ControlModifier
    _pick_days(month, qtbot, start, 2, Qt.Key.Key_Down)
    covered = [p.id for p in session.posts_between(start, start + timedelta(days=14))]
    assert window.selected_post_ids() == covered
    away = month.selected_out_of_sight()
    assert away > 0
    assert window.statusBar().currentMessage() == (
        f"{len(covered)} posts selected, {away} of them on days out of sight"
        " (Esc clears the selection)."
    )
    qtbot.keyClick(month, Qt.Key.Key_X, ctrl)
    month.set_current_date(start + timedelta(days=35))  # 30 Dec: some land past the grid
    qtbot.keyClick(month, Qt.Key.Key_V, ctrl)
    assert max(p.date for p in session.posts(covered) if p.date) > month.visible_range()[1]
    assert month.selected_out_of_sight() > 0
    assert sorted(window.selected_post_ids()) == sorted(covered)


def test_a_page_turned_after_a_stretch_leaves_no_word_of_a_selection(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A stretch of days in sight, then PageDown: the selection went, yet the status
    bar (and a screen reader) said its posts were selected out of sight for ten seconds."""
    session, month = window.session, window.month_view
    start = date(2026, 11, 25)
    _pick_days(month, qtbot, start, 1)
    assert window.selected_post_ids() == [
        p.id for p in session.posts_between(start, start + timedelta(days=1))
    ]
    assert window.selected_post_ids()
    qtbot.keyClick(month, Qt.Key.Key_PageDown)
    assert window.selected_post_ids() == []
    assert "selected" not in window.statusBar().currentMessage()


def test_an_occurrence_moved_with_other_posts_is_said_to_move_on_its_own(
    window: MainWindow, qtbot: QtBot, scope_answers: ScopeAnswers
) -> None:
    """Alone, an occurrence asks "this one / following / all"; among other posts it
    moved on its own with no word, leaving its series with two posts on one day."""
    session, month = window.session, window.month_view
    week = session.posts_between(TODAY, TODAY + timedelta(days=6))
    repeating = next(p for p in week if p.series_id is not None)
    single = next(p for p in week if p.series_id is None)
    month.setFocus()
    month.select_posts([repeating.id, single.id])
    window.cut_posts_action.trigger()
    assert repeating.date is not None
    month.set_current_date(min(repeating.date, single.date or repeating.date) + timedelta(days=3))
    window.paste_posts_action.trigger()
    assert scope_answers.asked == []
    assert session.store.post(repeating.id).date != repeating.date
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("1 of the moved posts is part of a series: it moved, its series stayed.")
    )


def test_a_status_set_on_an_occurrence_asks_which_of_its_series(
    window: MainWindow, scope_answers: ScopeAnswers
) -> None:
    """As the editor and Delete do: cancelling a weekly series from the agenda took a
    change in every month, the question never asked."""
    session = window.session
    week = session.posts_between(TODAY, TODAY + timedelta(days=6))
    repeating = next(p for p in week if p.series_id is not None and p.status != "cancelled")
    series = [p.id for p in session.store.all_posts() if p.series_id == repeating.series_id]
    assert len(series) > 2
    window.set_view(2)
    window.agenda_view.select_posts([repeating.id])

    scope_answers.answer = None  # the question cancelled: nothing changes
    assert not window.set_status(PostStatus.CANCELLED)
    assert scope_answers.asked == ["change"]
    assert session.store.post(repeating.id).status == repeating.status

    # What went out stays on record: all but the published ones (they leave the series).
    gone_out = {p.id for p in session.posts(series) if p.status == PostStatus.PUBLISHED}
    assert gone_out
    scope_answers.answer = "all"
    assert window.set_status(PostStatus.CANCELLED)
    statuses = {p.id: p.status for p in session.posts(series)}
    assert {i for i, s in statuses.items() if s == PostStatus.PUBLISHED} == gone_out
    assert {s for i, s in statuses.items() if i not in gone_out} == {PostStatus.CANCELLED}
    rest = len(series) - len(gone_out)
    assert window.undo_action.text() == f"&Undo Set {rest} posts to Cancelled"
    session.undo_stack.undo()
    assert session.store.post(repeating.id).status == repeating.status

    scope_answers.answer = "this"  # the agenda's Set status button asks as well
    assert window.agenda_view.set_status(PostStatus.CANCELLED)
    assert scope_answers.asked == ["change", "change", "change"]
    changed = [p.id for p in session.posts(series) if p.status == PostStatus.CANCELLED]
    assert changed == [repeating.id]

    # Nothing to change in the whole series: not asked which, no step to undo.
    scope_answers.answer = "all"
    assert window.set_status(PostStatus.CANCELLED)
    # Counted as changed: not the one cancelled already.
    assert window.undo_action.text() == f"&Undo Set {rest - 1} posts to Cancelled"
    steps = session.undo_stack.count()
    assert not window.set_status(PostStatus.CANCELLED)
    assert scope_answers.asked == ["change"] * 4
    assert session.undo_stack.count() == steps


def test_a_status_an_occurrence_and_the_rest_to_come_have_already_changes_nothing(
    window: MainWindow, scope_answers: ScopeAnswers
) -> None:
    """Scheduled given to a scheduled occurrence, the others to come scheduled and those
    before published: asked which, "This and following" added "Set 0 posts to
    Scheduled" and split the series."""
    session = window.session
    repeating = next(
        p
        for p in session.posts_between(TODAY + timedelta(days=1), TODAY + timedelta(days=30))
        if p.series_id is not None and p.status == PostStatus.SCHEDULED
    )
    series_id = repeating.series_id
    assert series_id is not None
    series = session.store.series_posts(series_id)
    assert {p.status for p in series} <= {PostStatus.SCHEDULED, PostStatus.PUBLISHED}
    assert PostStatus.PUBLISHED in {p.status for p in series}  # (else it shows nothing)
    window.set_view(2)
    window.agenda_view.select_posts([repeating.id])
    steps = session.undo_stack.count()
    scope_answers.answer = "following"
    assert not window.set_status(PostStatus.SCHEDULED)
    assert scope_answers.asked == []
    assert session.undo_stack.count() == steps
    assert session.store.series_posts(series_id) == series  # not split


def test_an_occurrence_sent_to_the_backlog_is_deleted_alone_and_outlives_its_series(
    window: MainWindow, scope_answers: ScopeAnswers
) -> None:
    """Delete on it in the backlog asked "This one / This and following / All", the
    following counted from the day it no longer shows; "All" on another occurrence
    deleted it too, unsaid ("Deleted 8 posts" of 7 in sight)."""
    session = window.session
    repeating = [
        p
        for p in session.posts_between(TODAY + timedelta(days=1), TODAY + timedelta(days=60))
        if p.series_id is not None and p.status != PostStatus.PUBLISHED
    ]
    series_id = repeating[0].series_id
    members = [p for p in repeating if p.series_id == series_id]
    assert len(members) >= 4
    parked, other = members[1], members[2]
    session.push(MovePostsCommand(session, {parked.id: (None, None)}))
    window.backlog.select_posts([parked.id])
    window.backlog.setFocus()
    scope_answers.answer = "following"
    window.delete_action.trigger()
    assert scope_answers.asked == []
    assert not session.store.posts([parked.id])
    assert [p.id for p in session.store.posts([other.id, members[3].id])] == [
        other.id,
        members[3].id,
    ]
    session.undo_stack.undo()

    window.month_view.setFocus()
    assert other.date is not None
    window.go_to(other.date)
    window.month_view.select_posts([other.id])
    scope_answers.answer = "all"
    window.delete_action.trigger()
    assert scope_answers.asked == ["delete"]
    assert not session.store.posts([other.id, members[3].id])
    said = window.statusBar().currentMessage()
    assert "; 1 post in the backlog stays there, out of the series;" in said
    # Its undo and redo speak of the posts deleted, not of it ("now in the backlog").
    window.undo_action.trigger()
    assert "(now on " in window.statusBar().currentMessage()
    window.redo_action.trigger()
    assert window.statusBar().currentMessage().startswith("Redone: Delete ")
    assert "backlog" not in window.statusBar().currentMessage()
    kept = session.store.post(parked.id)
    assert (kept.date, kept.series_id) == (None, None)
    assert parked.id in window.backlog.shown_post_ids()
    session.undo_stack.undo()
    assert session.store.post(parked.id).series_id == series_id


def test_an_undo_names_the_days_of_a_series_with_a_post_in_the_backlog(
    window: MainWindow,
) -> None:
    """A series' repeat changed, one of its posts in the backlog: its undo and redo
    named no day ("Undone: Change repeat of 'Tip'.")."""
    session = window.session
    first = next(
        p
        for p in session.posts_between(TODAY + timedelta(days=1), TODAY + timedelta(days=60))
        if p.series_id is not None and p.status != PostStatus.PUBLISHED
    )
    assert first.series_id is not None
    members = [p for p in session.store.series_posts(first.series_id) if p.date and p.date > TODAY]
    session.push(MovePostsCommand(session, {members[-1].id: (None, None)}))
    session.push(ChangeRepeatCommand(session, members[0].id, {}, "FREQ=WEEKLY;COUNT=3"))
    window.undo_action.trigger()
    said = window.statusBar().currentMessage()
    assert said.startswith("Undone: ")
    assert "(now on " in said
    assert "; 1 in the backlog)" in said


def test_cut_then_paste_into_the_backlog_unschedules(window: MainWindow) -> None:
    session = window.session
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    window.month_view.setFocus()
    window.month_view.select_posts([post.id])
    window.cut_posts_action.trigger()
    backlog = window.backlog
    backlog.select_posts(backlog.shown_post_ids()[:1])  # an idea was selected there before
    window.paste_posts_action.trigger()
    assert (session.store.post(post.id).date, session.store.post(post.id).time) == (None, None)
    assert post.id in backlog.shown_post_ids()
    assert window.undo_action.text() == "&Undo Unschedule post"
    assert window.selected_post_ids() == [post.id], "the pasted post, not the idea before it"
    # An idea cut in the backlog and pasted back there: nothing to do, said (it was not).
    steps = session.undo_stack.count()
    idea = backlog.shown_post_ids()[1]
    backlog.select_posts([idea])
    window.cut_posts_action.trigger()
    window.paste_posts_action.trigger()
    assert session.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == "The post you cut is in the backlog already."
    # So on its own day.
    other = _standalone(session, TODAY, TODAY + timedelta(days=6))[1]
    assert other.date is not None
    window.go_to(other.date)
    window.month_view.setFocus()
    window.month_view.select_posts([other.id])
    window.cut_posts_action.trigger()
    window.paste_posts_action.trigger()
    assert session.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == "The post you cut is on this day already."


def test_ctrl_c_copies_posts_in_the_agenda_and_text_in_the_search_box(
    window: MainWindow, qtbot: QtBot
) -> None:
    post = _standalone(window.session, TODAY, TODAY + timedelta(days=6))[0]
    window.set_view(2)
    agenda = window.agenda_view
    agenda.setFocus()
    agenda.select_posts([post.id])
    qtbot.keyClick(agenda, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert decode_posts(window.session, QApplication.clipboard().mimeData())[0] == [post.id]

    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, "roof")
    window.search_edit.selectAll()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "roof"
    assert not QApplication.clipboard().mimeData().hasFormat(POSTS_MIME)


QUIT_WITH_POSTS_ON_THE_CLIPBOARD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from calendar_app.core.store import CalendarStore
from calendar_app.ui.dnd import posts_mime, put_on_clipboard
from calendar_app.ui.main import make_application
from calendar_app.ui.session import CalendarSession

app = make_application(sys.argv[:1])
session = CalendarSession(CalendarStore.open(Path(sys.argv[1]) / "demo.cadence"))
post = next(p for p in session.store.all_posts() if p.date is not None)
put_on_clipboard(posts_mime(session, [post]))
print("copied:", post.title)
QTimer.singleShot(0, app.quit)
app.exec()
print("clipboard:", QApplication.clipboard().text().splitlines()[0])  # its first line
"""


def test_quitting_with_posts_on_the_clipboard_leaves_their_text(tmp_path: Path) -> None:
    """The clipboard's posts were made in Python: quitting hands them over as text
    rather than crash on the way out, as it did on headless platforms."""
    write_demo(tmp_path / "demo.cadence")
    done = subprocess.run(
        [sys.executable, "-c", QUIT_WITH_POSTS_ON_THE_CLIPBOARD, str(tmp_path)],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    said = dict(line.split(": ", 1) for line in done.stdout.splitlines())
    assert said["clipboard"].startswith(f"{said['copied']} (")


def test_open_and_delete_without_a_post_selected_say_so(
    window: MainWindow, session: CalendarSession
) -> None:
    """Ctrl+E and Delete with nothing picked did nothing, unsaid, where Cut and Copy
    said what was missing."""
    count = session.store.count_posts()
    window.month_view.setFocus()
    window.month_view.set_current_date(TODAY + timedelta(days=40))  # a day with no post
    for action in (window.edit_post_action, window.delete_action):
        window.statusBar().clearMessage()
        assert not window.selected_post_ids()
        action.trigger()
        assert window.statusBar().currentMessage() == "Select a post first."
    assert session.store.count_posts() == count


def test_a_file_dropped_from_a_file_manager_is_imported_or_opened(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan, a client's calendar or a picture dragged from the file manager onto the
    window was refused with no word, wherever it was dropped: the file File > Import
    and File > Open read."""
    from calendar_app.ui import transfer

    said: list[str] = []
    monkeypatch.setattr(transfer, "show_summary", lambda parent, title, text, *a: said.append(text))
    plan = tmp_path / "client plan.csv"
    day = TODAY + timedelta(days=3)
    plan.write_text(f"date,channel,title\n{day},LinkedIn,Dropped in\n", encoding="utf-8")
    count = window.session.store.count_posts()
    month = window.month_view
    spot = month.day_rect(day).center()
    send_drop(month, spot, _files_mime(plan))
    qtbot.waitUntil(lambda: window.session.store.count_posts() == count + 1)
    assert said[0].startswith("Added 1 post")
    assert "Dropped in" in [p.title for p in window.session.posts_between(day, day)]
    # On a search box, with its name as text too (as file managers offer it): typed in
    # as "file:///…", it searched every post out of sight and imported nothing.
    for box, title in ((window.search_edit, "Searched"), (window.backlog.search, "Backlog")):
        plan.write_text(f"date,channel,title\n{day},LinkedIn,{title}\n", encoding="utf-8")
        named = _files_mime(plan)
        named.setText(QUrl.fromLocalFile(str(plan)).toString())
        send_drop(box, QPoint(5, 5), named)
        qtbot.waitUntil(partial(_has_post_titled, window, title))
        assert box.text() == ""

    # A calendar: opened or merged, as asked (a colleague's copy of the client's, dropped
    # to be merged, took the window's place unsaid).
    other = CalendarStore.create(tmp_path / "Client B.cadence", name="Client B")
    other.add_post(NewPost("Theirs", other.add_channel("Blog").created[0], date=day))
    other.close()
    asked: list[tuple[str, str]] = []

    def answer(reply: str | None) -> Callable[[object, Path, str], str | None]:
        def ask(parent: object, path: Path, here: str) -> str | None:
            asked.append((path.name, here))
            return reply

        return ask

    window.ask_open_or_merge = answer(None)  # type: ignore[assignment]
    send_drop(window.backlog.list.viewport(), QPoint(10, 10), _files_mime(other.path))
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked == [("Client B.cadence", "Solenne Solar (demo)")]
    assert not window.session.store.is_file(other.path)
    window.ask_open_or_merge = answer("merge")  # type: ignore[assignment]
    send_drop(window.backlog.list.viewport(), QPoint(10, 10), _files_mime(other.path))
    qtbot.waitUntil(partial(_has_post_titled, window, "Theirs"))
    assert said[-1].startswith("Added 1 post")
    # Google Calendar's export: said to be unzipped first, as the command line says it
    # (the window took no .zip, and said only what it takes).
    import zipfile

    refused: list[str] = []
    window.session.report_error = lambda parent, exc: refused.append(str(exc))
    with zipfile.ZipFile(tmp_path / "google.zip", "w") as archive:
        archive.writestr("me@example.org.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    send_drop(month, spot, _files_mime(tmp_path / "google.zip"))
    qtbot.waitUntil(lambda: len(refused) == 1)
    assert "unzip it, then import the files it holds" in refused[0]
    window.ask_open_or_merge = answer("open")  # type: ignore[assignment]
    send_drop(window.backlog.list.viewport(), QPoint(10, 10), _files_mime(other.path))
    qtbot.waitUntil(lambda: window.session.store.is_file(other.path))
    month = window.month_view  # (the views of the calendar open before are gone)

    picture = tmp_path / "logo.png"
    picture.write_bytes(b"")
    folder = tmp_path / "Plans.csv"
    folder.mkdir()
    for mime in (_files_mime(picture), _files_mime(folder), _files_mime(plan, plan)):
        window.statusBar().clearMessage()
        assert not drag_over(month, spot, mime)
        hint = "a Cadence calendar (.cadence) here to open it, or an iCalendar (.ics) or CSV"
        assert hint in window.statusBar().currentMessage()
    assert window.statusBar().currentMessage().startswith("One file at a time: drop a ")
    # An event dragged out of another calendar program, iCalendar text and no file: told
    # to drop "an iCalendar (.ics) file", which its user had just done.
    event = QMimeData()
    event.setData("text/calendar", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\n")
    assert not drag_over(month, spot, event)
    assert window.statusBar().currentMessage() == (
        "This is an event from another program, not a file: save it as an iCalendar (.ics)"
        " file, then drop the file here or open it with File > Import."
    )


def test_posts_placed_in_the_agenda_beyond_its_month_are_said(
    window: MainWindow, session: CalendarSession
) -> None:
    """Three posts pasted on the 22nd, keeping their days apart: the third landed in
    the next month, no row of the agenda, and "2 selected" said nothing of it."""
    window.set_view(2)
    first, last = window.view().visible_range()
    later = last + timedelta(days=10)
    ahead = [
        p.id
        for p in session.posts_between(max(TODAY, first), last)
        if p.status == PostStatus.SCHEDULED and p.date is not None and p.date > TODAY
    ][:2]
    beyond = [p.id for p in session.posts_between(later, later + timedelta(days=20))][:1]
    assert len(ahead) == 2
    assert len(beyond) == 1
    window._select_placed([*ahead, *beyond])
    assert window.view().selected_post_ids() == sorted(
        ahead, key=window.agenda_view.shown_post_ids().index
    )
    month = month_title(later)
    away = session.store.post(beyond[0]).date
    assert away is not None
    assert window.statusBar().currentMessage() == (
        f"1 of the 3 posts you placed ({day_text(away)}) is in {month}, beyond the agenda's month."
    )


def test_posts_dragged_over_the_agenda_are_told_where_they_go(
    window: MainWindow, session: CalendarSession
) -> None:
    """An idea dragged from the backlog onto the agenda met the no-drop cursor alone."""
    idea = session.store.post(window.backlog.shown_post_ids()[0])
    window.set_view(2)
    window.statusBar().clearMessage()
    table = window.agenda_view.table.viewport()
    assert not drag_over(table, QPoint(20, 20), posts_mime(session, [idea]))
    assert window.statusBar().currentMessage() == (
        "The agenda takes no drop: drop posts on a day of the month or the week, or on the backlog."
    )
    # Over the month, which takes them, nothing of the sort.
    window.set_view(0)
    window.statusBar().clearMessage()
    month = window.month_view
    assert drag_over(month, month.day_rect(TODAY).center(), posts_mime(session, [idea]))
    assert "takes no drop" not in window.statusBar().currentMessage()


def _has_post_titled(window: MainWindow, title: str) -> bool:
    return title in {p.title for p in window.session.store.all_posts()}


def test_a_dropped_file_that_is_no_calendar_it_can_open_is_said_before_any_question(
    window: MainWindow, errors: Errors, qtbot: QtBot, tmp_path: Path
) -> None:
    """A text file named .cadence, or a calendar of a newer Cadence, dropped on the
    window asked "Open or Merge?" first, and only then said what it was."""
    asked: list[Path] = []
    window.ask_open_or_merge = lambda parent, path, here: asked.append(path)
    notes = tmp_path / "notes.cadence"
    notes.write_text("Ideas for the spring campaign\n", encoding="utf-8")
    newer = tmp_path / "newer.cadence"
    CalendarStore.create(newer, name="Newer").close()
    with closing(sqlite3.connect(newer)) as connection:
        connection.execute("PRAGMA user_version = 99")
        connection.commit()
    for dropped in (notes, newer):
        send_drop(window.backlog.list.viewport(), QPoint(10, 10), _files_mime(dropped))
    qtbot.waitUntil(lambda: len(errors.seen) == 2)
    assert errors.seen == [
        f"{notes} is not a Cadence calendar.",
        f"{newer} was saved by a newer version of Cadence; update Cadence to open it.",
    ]
    assert asked == []
    assert notes.read_text(encoding="utf-8") == "Ideas for the spring campaign\n"


def _files_mime(*paths: Path) -> QMimeData:
    """What a file manager's drag of ``paths`` carries."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def test_paste_without_posts_to_paste_says_so(
    window: MainWindow, session: CalendarSession, tmp_path: Path
) -> None:
    count = session.store.count_posts()
    window.month_view.setFocus()
    window.copy_posts_action.trigger()  # nothing selected
    assert window.statusBar().currentMessage() == "Select a post first."
    QApplication.clipboard().setText("Just words")
    window.paste_posts_action.trigger()
    assert window.statusBar().currentMessage() == (
        "The clipboard holds text, not posts: copy posts in Cadence first (posts copied in"
        " a Cadence window closed since are left as text)."
    )
    # An invitation copied in a mail program was told of "a Cadence window closed since".
    invitation = QMimeData()
    invitation.setData("text/calendar", QByteArray(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
    QApplication.clipboard().setMimeData(invitation)
    window.paste_posts_action.trigger()
    assert window.statusBar().currentMessage() == (
        "The clipboard holds an event from another program, not posts: save it as an"
        " iCalendar (.ics) file and bring it in with File > Import (Ctrl+I)."
    )
    # Nor was Paste offered in a post's menu for it (it was greyed on a day).
    window.month_view.select_posts([session.posts_between(TODAY, TODAY)[0].id])
    paste = [a for a in window.post_menu().actions() if a.text().startswith("&Paste")]
    assert [a.isEnabled() for a in paste] == [False]
    QApplication.clipboard().clear()
    window.paste_posts_action.trigger()
    assert window.statusBar().currentMessage() == "The clipboard holds no posts: copy them first."

    post = session.store.all_posts()[0]
    put_on_clipboard(posts_mime(session, [post]))
    session.push(DeletePostsCommand(session, [post.id]))
    count = session.store.count_posts()
    window.paste_posts_action.trigger()
    assert window.statusBar().currentMessage() == "The copied posts are no longer in the calendar."
    assert session.store.count_posts() == count

    # A post copied, its making undone, another post made under its number: the
    # paste copied (or, cut, moved) that other post.
    channel = session.channels()[0].id
    for cut in (False, True):
        session.push(AddPostCommand(session, NewPost("Copied", channel, (), TODAY)))
        (copied,) = [p for p in session.store.all_posts() if p.title == "Copied"]
        put_on_clipboard(posts_mime(session, [copied], cut=cut))
        session.undo_stack.undo()
        session.push(AddPostCommand(session, NewPost("Unrelated", channel, (), TODAY)))
        (unrelated,) = [p for p in session.store.all_posts() if p.title == "Unrelated"]
        assert unrelated.id == copied.id
        window.month_view.set_current_date(TODAY + timedelta(days=3))
        count = session.store.count_posts()
        window.paste_posts_action.trigger()
        assert window.statusBar().currentMessage() == (
            "The copied posts are no longer in the calendar."
        )
        assert session.store.count_posts() == count
        assert session.store.post(unrelated.id).date == TODAY
        session.push(DeletePostsCommand(session, [unrelated.id]))


def test_days_picked_in_one_calendar_paste_into_another_from_their_first_day(
    window: MainWindow, session: CalendarSession, tmp_path: Path, qtbot: QtBot
) -> None:
    """Shift+arrows from an empty day, Copy, then Paste in another client's calendar:
    the earliest post went on the day chosen, one day early."""
    month = window.month_view
    start = _empty_day_before_posts(session, 3)
    _pick_days(month, qtbot, start, 3)
    picked = session.posts_between(start, start + timedelta(days=3))
    window.copy_posts_action.trigger()
    assert window.create_calendar(_plan(tmp_path / "Client B.cadence"))
    target = date(2027, 2, 1)
    window.month_view.set_current_date(target)
    window.month_view.setFocus()
    window.paste_posts_action.trigger()
    pasted = window.session.store.all_posts()
    assert sorted((p.date, p.title) for p in pasted) == sorted(
        (target + (p.date - start), p.title) for p in picked if p.date
    )


def test_a_slot_pasted_on_leaves_the_times_of_posts_picked_by_days(
    session: CalendarSession,
) -> None:
    """The week's "Paste at 14:00" set the earliest post's time, on a day other than
    the one clicked, once posts were picked by days from an empty first day."""
    from calendar_app.ui.dnd import placements

    timed = [p for p in _standalone(session, TODAY, TODAY + timedelta(days=13)) if p.time][:2]
    first, second = timed
    assert first.date is not None
    assert second.date is not None
    origin, day = first.date - timedelta(days=1), date(2027, 2, 1)
    landed = placements(timed, first.id, day, time(14, 0), origin=origin)
    assert landed == {
        first.id: (day + timedelta(days=1), first.time),
        second.id: (day + (second.date - origin), second.time),
    }
    # Without days picked, the post clicked takes the slot's time, on the day clicked.
    assert placements(timed, first.id, day, time(14, 0))[first.id] == (day, time(14, 0))


def test_posts_copied_in_one_calendar_paste_into_another(
    window: MainWindow, session: CalendarSession, tmp_path: Path, errors: Errors, demo_path: Path
) -> None:
    """An agency copies a client's post and pastes it into another client's calendar."""
    month = window.month_view
    a, b = _standalone(session, TODAY, TODAY + timedelta(days=6))[:2]
    assert a.date is not None
    assert b.date is not None
    month.setFocus()
    month.select_posts([a.id, b.id])
    window.copy_posts_action.trigger()

    assert window.create_calendar(_plan(tmp_path / "Client B.cadence"))
    other = window.session
    other.report_error = errors
    target = a_monday_ahead()
    window.month_view.set_current_date(target)
    window.month_view.setFocus()
    window.paste_posts_action.trigger()

    pasted = sorted(other.store.all_posts(), key=lambda p: (p.date, p.time))
    assert [(p.title, p.date, p.time) for p in pasted] == [
        (a.title, target, a.time),
        (b.title, target + (b.date - a.date), b.time),
    ]
    assert {p.uid for p in pasted}.isdisjoint({a.uid, b.uid})
    channels = {session.channel(p.channel_id).name for p in (a, b)}
    assert {c.name for c in other.store.channels()} == channels
    carried = {session.key_message(m).title for p in (a, b) for m in p.message_ids}
    assert {m.title for m in other.store.key_messages()} == carried  # and no other
    # They start on the window's today: not overdue here since before they came.
    assert {m.starts_on for m in other.store.key_messages()} == {other.today()}
    assert all(m.overdue_days == 0 for m in other.report().messages)
    said = window.statusBar().currentMessage()
    assert said.startswith("Pasted 2 posts from 'Solenne Solar (demo)'. Added here: ")
    assert window.undo_action.text() == "&Undo Paste 2 posts from 'Solenne Solar (demo)'"
    assert window.month_view.posts_on(target)  # shown at once
    assert sorted(window.selected_post_ids()) == sorted(p.id for p in pasted)

    window.undo_action.trigger()  # the posts and what came with them go
    assert other.store.all_posts() == []
    assert other.store.channels() == []
    assert other.store.key_messages() == []
    window.redo_action.trigger()
    assert len(other.store.all_posts()) == 2
    assert errors.seen == []

    # The first calendar's file has moved away since the copy: said, nothing pasted.
    mime = QApplication.clipboard().mimeData()
    moved = str(tmp_path / "moved away.cadence")
    payload = mime.data(POSTS_MIME).replace(str(demo_path.resolve()).encode(), moved.encode())
    gone = QMimeData()
    gone.setData(POSTS_MIME, payload)
    put_on_clipboard(gone)
    window.paste_posts_action.trigger()
    assert len(errors.seen) == 1
    assert "moved away.cadence" in errors.seen[0]
    assert len(other.store.all_posts()) == 2


def test_a_paste_that_made_much_here_counts_it_in_a_line_the_window_shows(
    window: MainWindow, session: CalendarSession, tmp_path: Path
) -> None:
    """A month of another client's posts pasted: what it made here, named, took 253
    characters, and the status bar cut it mid-word."""
    from calendar_app.ui.dialogs import STATUS_LINE_CHARACTERS

    month = window.month_view
    month.setFocus()
    posts = session.posts_between(TODAY, TODAY + timedelta(days=30))
    month.select_posts([p.id for p in posts])
    window.copy_posts_action.trigger()
    assert window.create_calendar(_plan(tmp_path / "Client B.cadence"))
    other = window.session
    window.month_view.setFocus()
    window.paste_posts_action.trigger()
    made = (
        len(other.store.channels()),
        len(other.store.key_messages()),
        len(other.store.campaigns()),
    )
    assert made == (6, 4, 2)
    said = window.statusBar().currentMessage()
    assert said == (
        f"Pasted {len(posts)} posts from 'Solenne Solar (demo)'. The notes of 1 of them stay"
        " in 'Solenne Solar (demo)'. Added here: 6 channels, 4 key messages and 2 campaigns."
    )
    assert len(said) <= STATUS_LINE_CHARACTERS


def test_a_post_dropped_from_another_calendar_says_what_it_brought(
    window: MainWindow, session: CalendarSession, tmp_path: Path
) -> None:
    """As a paste does: the drop made a channel and key messages here without a word.
    Its undo step is a copy, as the drop said (the Edit menu said "Paste")."""
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    mime = posts_mime(session, [post])
    assert window.create_calendar(_plan(tmp_path / "Client B.cadence"))
    month = window.month_view
    target = a_monday_ahead()
    month.set_current_date(target)
    drop = send_drop(month, month.day_rect(target).center(), mime)
    assert drop.isAccepted()
    (copy,) = window.session.store.all_posts()
    assert (copy.title, copy.date) == (post.title, target)
    said = window.statusBar().currentMessage()
    assert said.startswith("Copied 1 post from 'Solenne Solar (demo)'. Added here: ")
    # The Edit menu names the step as the drop made it (it said "Paste").
    assert window.undo_action.text() == "&Undo Copy post from 'Solenne Solar (demo)'"


def test_a_post_from_another_calendar_beyond_the_limits_says_how_it_came(
    window: MainWindow, session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key message repeating every 5,000 days there (an earlier release's) came every
    3,650 days here, as a merge brings it, without a word."""
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    (message_id,) = post.message_ids[:1]
    session.store.db.execute(
        "UPDATE key_messages SET cadence_days = 5000 WHERE id = ?", [message_id]
    )
    title = session.store.key_message(message_id).title
    mime = posts_mime(session, [post])
    assert window.create_calendar(_plan(tmp_path / "Client B.cadence"))
    month = window.month_view
    target = a_monday_ahead()
    month.set_current_date(target)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        transfer, "show_summary", lambda parent, heading, text, *_: told.append((heading, text))
    )
    assert send_drop(month, month.day_rect(target).center(), mime).isAccepted()
    # Whole in a box: on the status bar's one line it was cut off.
    assert told == [
        (
            "Copied from 'Solenne Solar (demo)'",
            f"The key message '{title}' repeats every 5,000 days in demo.cadence; it comes"
            " repeating every 3,650 days, the longest a calendar keeps.",
        )
    ]
    assert window.statusBar().currentMessage().startswith("Copied 1 post from")
    made = window.session.store.key_message_titled(title)
    assert made is not None
    assert made.cadence_days == 3650


def test_posts_from_another_calendar_its_backlog_search_hides_say_both(
    window: MainWindow, session: CalendarSession, tmp_path: Path
) -> None:
    """Into a backlog searched for "roofer": a drop said only that the search hides the
    post, a paste only what it brought."""
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    # A post that brings only its channel: both sentences fit a status bar.
    session.notify(session.store.update_post(post.id, {"message_ids": (), "campaign_id": None}))
    mime = posts_mime(session, [post])
    window.month_view.setFocus()
    window.month_view.select_posts([post.id])
    window.copy_posts_action.trigger()
    assert window.create_calendar(_plan(tmp_path / "Client B.cadence"))
    window.backlog.search.setText("roofer")
    target = window.backlog.list.viewport()

    send_drop(target, target.rect().center(), mime)
    dropped = window.statusBar().currentMessage()
    window.backlog.list.setFocus()
    window.paste_posts_action.trigger()
    pasted = window.statusBar().currentMessage()

    for said, verb in ((dropped, "Copied"), (pasted, "Pasted")):
        assert said.startswith(
            "The post you placed in the backlog is hidden by its search; clear it to see it."
            f" {verb} 1 post from 'Solenne Solar (demo)'"
        )
    assert len(window.session.store.backlog()) == 2


def test_a_paste_says_which_names_are_archived_here_and_that_cut_posts_stay(
    window: MainWindow, session: CalendarSession, tmp_path: Path
) -> None:
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    title = session.key_message(post.message_ids[0]).title
    window.month_view.setFocus()
    window.month_view.select_posts([post.id])
    window.cut_posts_action.trigger()
    other = tmp_path / "Client B.cadence"
    with CalendarStore.create(other, name="Client B") as store:
        shelved = store.key_message(store.add_key_message(title, cadence_days=7).created[0])
        store.update_key_message(replace(shelved, archived=True))
    assert window.open_calendar(other)
    window.month_view.setFocus()
    window.paste_posts_action.trigger()
    said = window.statusBar().currentMessage()
    assert f" Archived here: '{title}'." in said
    assert " It stays in 'Solenne Solar (demo)' too: posts move only within a calendar." in said
    (pasted,) = window.session.store.all_posts()
    assert shelved.id in pasted.message_ids  # matched by title, not made twice


def test_the_same_file_reached_another_way_is_this_calendar(
    session: CalendarSession, tmp_path: Path
) -> None:
    post = session.store.all_posts()[0]
    mime = posts_mime(session, [post])
    linked = tmp_path / "linked.cadence"
    os.link(session.store.path, linked)
    payload = mime.data(POSTS_MIME).replace(
        str(session.store.path.resolve()).encode(), str(linked).encode()
    )
    mime.setData(POSTS_MIME, payload)
    assert decode_posts(session, mime)[0] == [post.id]
    carried = carried_posts(session, mime)
    assert carried is not None
    assert carried.ours  # not taken for another calendar


def _right_click(qtbot: QtBot, widget: QWidget, pos: QPoint) -> QMenu:
    """Press the right button at ``pos``, then ask for the context menu, as the platform does."""
    qtbot.mousePress(widget, Qt.MouseButton.RightButton, pos=pos)
    qtbot.mouseRelease(widget, Qt.MouseButton.RightButton, pos=pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def _labels(menu: QMenu) -> list[str]:
    """The entries' texts, without their keys' column (after a tab)."""
    return [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def _gap_menu(window: MainWindow, message: KeyMessage, day: date) -> QMenu:
    """The ways to deliver ``message`` on ``day`` that a gap's menu offers."""
    menu = QMenu()
    add_fill_actions(menu, window.session, window, message, day, None, window._select_placed)
    return menu


def _entry(menu: QMenu, label: str) -> QAction:
    return next(a for a in menu.actions() if a.text().replace("&", "").split("\t")[0] == label)


def _fill_entries(window: MainWindow, labels: list[str], day: date) -> bool:
    """True when ``labels`` are the "Fill the Gap" submenus of the messages overdue on
    ``day`` (none before today)."""
    session = window.session
    report = session.report()
    overdue = [
        m.title
        for m in session.key_messages()
        if day >= TODAY and report.message(m.id).is_overdue_on(day)
    ]
    return labels == [f"Fill the Gap of “{title}”" for title in overdue]


@OFFSCREEN_POPUPS
def test_right_click_on_a_post_offers_what_the_edit_menu_does_to_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    month = window.month_view
    post = next(
        p
        for p in _standalone(session, TODAY, TODAY + timedelta(days=6))
        if p.status != PostStatus.PUBLISHED
    )
    chip = month.chip_rect(post.id)
    assert chip is not None
    menu = _right_click(qtbot, month, chip.center())
    assert month.selected_post_ids() == [post.id]
    labels = _labels(menu)
    assert labels[:6] == ["Open", "Cut", "Copy", "Paste", "Delete", "Set status"]
    assert _fill_entries(window, labels[6:], month.current_date())
    # Each entry, and each of its submenus', has a key (Shift+F10, then a letter).
    entries = [a for a in menu.actions() if not a.isSeparator()]
    submenus = [a.menu() for a in entries]
    entries += [e for sub in submenus if isinstance(sub, QMenu) for e in sub.actions()]
    assert len(entries) > 12
    assert [a.text() for a in entries if "&" not in a.text()] == []
    status = next(a.menu() for a in menu.actions() if a.text().replace("&", "") == "Set status")
    assert isinstance(status, QMenu)
    menu.close()
    published = next(a for a in status.actions() if a.text().replace("&", "") == "Published")
    published.trigger()
    assert session.store.post(post.id).status == PostStatus.PUBLISHED
    assert window.undo_action.text() == "&Undo Set post to Published"
    assert not window.set_status(PostStatus.PUBLISHED)  # nothing left to change
    assert session.undo_stack.count() == 1


@OFFSCREEN_POPUPS
def test_right_click_on_an_empty_day_offers_a_new_post_and_paste(
    window: MainWindow, qtbot: QtBot
) -> None:
    month = window.month_view
    day = next(d for d in month.visible_days() if not month.posts_on(d))
    rect = month.day_rect(day)
    QApplication.clipboard().setText("not a post")
    menu = _right_click(qtbot, month, QPoint(rect.center().x(), rect.bottom() - 4))
    assert month.current_date() == day
    assert month.selected_post_ids() == []
    labels = _labels(menu)
    assert labels[:2] == ["New Post…", "Paste"]
    assert _fill_entries(window, labels[2:], day)
    # Offered only with posts to paste (it was, to say "the clipboard holds no posts").
    assert not _entry(menu, "Paste").isEnabled()
    assert _entry(menu, "Paste").text().endswith("\tCtrl+V")
    menu.close()
    post = window.session.store.posts_between(TODAY, TODAY)[0]
    put_on_clipboard(posts_mime(window.session, [post], post.id))
    menu = _right_click(qtbot, month, QPoint(rect.center().x(), rect.bottom() - 4))
    assert _entry(menu, "Paste").isEnabled()
    menu.close()

    idea = window.backlog.shown_post_ids()[0]
    row = window.backlog.list.visualRect(window.backlog.index_of(idea)).center()
    menu = _right_click(qtbot, window.backlog.list.viewport(), row)
    assert window.selected_post_ids() == [idea]
    assert _labels(menu)[:5] == ["Open", "Cut", "Copy", "Paste", "Delete"]
    menu.close()


def _gap_day(window: MainWindow, title: str) -> tuple[int, date]:
    """A key message and a day after today on which it is overdue, shown in the month."""
    message = window.session.store.key_message_titled(title)
    assert message is not None
    cadence = window.session.report().message(message.id)
    days = window.month_view.visible_days()
    return message.id, next(d for d in days if d > TODAY and cadence.is_overdue_on(d))


def _fill_menu(window: MainWindow, qtbot: QtBot, day: date, title: str) -> QMenu:
    """Right-click below the posts of ``day``; the "Fill the Gap" submenu for ``title``."""
    month = window.month_view
    rect = month.day_rect(day)
    menu = _right_click(qtbot, month, QPoint(rect.center().x(), rect.bottom() - 4))
    menu.close()
    found = [
        a.menu()
        for a in menu.actions()
        if a.text().replace("&", "") == f"Fill the Gap of “{title}”"
    ]
    assert len(found) == 1
    assert isinstance(found[0], QMenu)
    return found[0]


def _filled_word(session: CalendarSession, message_id: int, day: date) -> str:
    """What the status bar says once a gap menu has filled ``message_id``'s gap on
    ``day`` (asked before): the days before it, still to come, that it leaves overdue."""
    gap = session.report().message(message_id).gap_on(day)
    assert gap is not None
    said = f"'{session.key_message(message_id).title}' is planned on {day_text(day)}"
    first, last = max(gap.start, TODAY), day - timedelta(days=1)
    if first <= last:
        said += f"; {range_text(first, last)} {'stays' if first == last else 'stay'} overdue"
    return f"{said}."


@OFFSCREEN_POPUPS
def test_right_click_on_a_gap_repeats_the_messages_last_post_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    message_id, day = _gap_day(window, "Installed by local experts")
    session.select_message(message_id)
    assert day in window.month_view.tinted_days()
    last = session.store.post_to_repeat(message_id, day, TODAY)
    assert last is not None
    assert last.date is not None
    assert last.date < TODAY

    said = _filled_word(session, message_id, day)
    fill = _fill_menu(window, qtbot, day, "Installed by local experts")
    repeat = fill.actions()[0]
    assert repeat.text().replace("&", "").startswith(f"Repeat “{last.title[:20]}")
    # The date said is the post's, when it was sent (read as the day it would land on).
    assert repeat.text().endswith(f", sent {day_text(last.date, year=day)})")
    repeat.trigger()

    (copy,) = window.month_view.selected_post_ids()  # selected: Enter opens it
    placed = session.store.post(copy)
    assert (placed.title, placed.date, placed.time) == (last.title, day, last.time)
    assert message_id in placed.message_ids
    assert placed.uid != last.uid
    assert placed.status == PostStatus.SCHEDULED
    assert day not in window.month_view.tinted_days()
    # Said (to a screen reader too, as the status bar's words are): it heard the post
    # placed, and nothing of the gap.
    assert window.statusBar().currentMessage() == said
    # A copy, named as a Ctrl-drag's (the editor's "Repeat post" makes a series).
    assert window.undo_action.text() == f"&Undo Copy post '{elide(last.title)}'"
    window.undo_action.trigger()
    assert day in window.month_view.tinted_days()
    assert copy not in {p.id for p in session.store.all_posts()}

    # Hidden by the filters, the placing's own word stays (where to find the post).
    session.set_filters(Filters(statuses=frozenset({PostStatus.DRAFT, PostStatus.IDEA})))
    fill = _fill_menu(window, qtbot, day, "Installed by local experts")
    fill.actions()[0].trigger()
    assert window.statusBar().currentMessage().startswith("The post you placed is hidden")


@OFFSCREEN_POPUPS
def test_new_post_with_says_the_gap_filled_only_where_its_post_fills_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Saved on another day in the editor, the post left the gap as it was, and the
    status bar said the message was delivered on the day of the menu."""
    session = window.session
    message_id, day = _gap_day(window, "Backed by a 25-year warranty")
    said = _filled_word(session, message_id, day)
    later = day + timedelta(days=40)

    def save(elsewhere: bool) -> None:
        editor = QApplication.activeModalWidget()
        if isinstance(editor, PostEditor):  # (no assertion in a timer: it would be lost)
            editor.title_edit.setText("Written for the gap")
            if elsewhere:
                editor.date_edit.setDate(QDate(later.year, later.month, later.day))
            editor.accept()

    for elsewhere in (True, False):
        window.go_to(day)  # (the post saved elsewhere is shown where it is)
        fill = _fill_menu(window, qtbot, day, "Backed by a 25-year warranty")
        new = next(a for a in fill.actions() if a.text().replace("&", "").startswith("New Post"))
        window.statusBar().clearMessage()
        QTimer.singleShot(0, partial(save, elsewhere))
        new.trigger()
        written = [p for p in session.store.all_posts() if p.title == "Written for the gap"]
        assert sorted(p.date for p in written if p.date is not None) == (
            [later] if elsewhere else [day, later]
        )
        if elsewhere:
            assert "is planned on" not in window.statusBar().currentMessage()
        else:
            assert window.statusBar().currentMessage() == said


@OFFSCREEN_POPUPS
def test_right_click_on_a_gap_schedules_one_of_the_messages_ideas_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    message_id, day = _gap_day(window, "Backed by a 25-year warranty")
    ideas = session.store.backlog(message_ids=[message_id])
    assert ideas

    said = _filled_word(session, message_id, day)
    fill = _fill_menu(window, qtbot, day, "Backed by a 25-year warranty")
    # (Under them, mid-gap, the days before it a post here leaves overdue.)
    labels = [text for text in _labels(fill) if not text.startswith("A post here leaves")]
    offered = [
        f"Schedule {short(p.title)} as a Draft".replace("&", "") for p in ideas[:IDEAS_OFFERED]
    ]
    assert labels[1:-1] == offered
    assert labels[-1] == "New Post With “Backed by a 25-year warranty”…"
    next(a for a in fill.actions() if a.text().replace("&", "").startswith("Schedule")).trigger()

    idea = session.store.post(ideas[0].id)
    assert (idea.date, idea.status) == (day, PostStatus.DRAFT)
    assert idea.id not in window.backlog.shown_post_ids()
    assert window.month_view.selected_post_ids() == [idea.id]
    assert not session.report().message(message_id).is_overdue_on(day)
    assert window.statusBar().currentMessage() == said
    # Named as the other steps name a post: its title whole, in the same quotes.
    assert window.undo_action.text() == f"&Undo Schedule post '{elide(idea.title)}'"


@OFFSCREEN_POPUPS
def test_a_gap_menu_says_how_many_more_ideas_carry_the_message(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Seven ideas carried the message; four were offered, and nothing said of the others
    (then a greyed "…and 3 more": no way to them but knowing the filters)."""
    session = window.session
    message_id, day = _gap_day(window, "Backed by a 25-year warranty")
    channel = session.channels()[0].id
    before = len(session.store.backlog(message_ids=[message_id]))
    for n in range(IDEAS_OFFERED + 3 - before):
        idea = NewPost(f"Idea {n}", channel, (message_id,), status=PostStatus.IDEA)
        session.push(AddPostCommand(session, idea))
    fill = _fill_menu(window, qtbot, day, "Backed by a 25-year warranty")
    (note,) = [a for a in fill.actions() if a.text().startswith("Show &All")]
    assert note.text() == "Show &All 7 of Its Ideas in the Backlog"  # A, its key
    assert note.isEnabled()
    # Another filter on (a status that hides ideas): let go, or the ideas counted hid
    # behind it ("0 of 14").
    session.set_filters(Filters(statuses=frozenset({PostStatus.PUBLISHED})))
    note.trigger()
    assert session.filters == Filters(messages=frozenset({message_id}))
    shown = set(window.backlog.shown_post_ids())
    assert shown == {p.id for p in session.store.backlog(message_ids=[message_id])}
    assert len(shown) == 7


@OFFSCREEN_POPUPS
def test_a_new_post_for_a_gap_carries_the_message_and_lands_on_the_day(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    message_id, day = _gap_day(window, "Backed by a 25-year warranty")
    other = session.store.key_message_titled("Solar pays for itself")
    assert other is not None
    session.select_message(other.id)  # the sidebar's choice does not override the gap's
    fill = _fill_menu(window, qtbot, day, "Backed by a 25-year warranty")
    # On the channel the message last went out on (it was the calendar's first).
    sent = session.channel_cadence(message_id)
    last = max((c.last_delivery, c.channel_id) for c in sent if c.last_delivery)[1]
    assert last != session.channels()[0].id
    seen = _reading_next_editor(
        lambda editor: (
            editor.chosen_date(),
            editor.checked_message_ids(),
            editor.selected_channel_id(),
        )
    )
    next(a for a in fill.actions() if a.text().replace("&", "").startswith("New Post")).trigger()
    assert seen == [(day, (message_id,), last)]


@OFFSCREEN_POPUPS
def test_the_gap_menus_offer_nothing_outside_the_days_a_message_runs(
    window: MainWindow, qtbot: QtBot
) -> None:
    """An ended message's Schedule took an idea out of the backlog onto a day where it
    counted for nothing, unsaid; a repeat went onto a channel archived since."""
    session = window.session
    message_id, day = _gap_day(window, "Installed by local experts")
    message = session.key_message(message_id)
    fill = _fill_menu(window, qtbot, day, "Installed by local experts")
    ended_on, starts_on = day - timedelta(days=1), day + timedelta(days=3)
    ended = replace(message, ends_on=ended_on)
    menu = _gap_menu(window, ended, day)
    [only] = menu.actions()
    assert (only.text(), only.isEnabled()) == (f"Ended {day_text(ended_on)}", False)
    later = replace(message, starts_on=starts_on)
    menu = _gap_menu(window, later, day)
    assert [a.text() for a in menu.actions()] == [f"Starts {day_text(starts_on)}"]

    last = session.store.post_to_repeat(message_id, day, TODAY)
    assert last is not None
    assert _labels(fill)[0].startswith("Repeat ")
    channel = session.channel(last.channel_id)
    session.push(ChannelCommand(session, channel, replace(channel, archived=True)))
    menu = _gap_menu(window, message, day)
    assert not any(a.text().startswith("Repeat") for a in menu.actions())


def test_the_gap_menus_offer_no_cancelled_idea_and_say_a_planned_post_is(
    window: MainWindow,
) -> None:
    """A cancelled post in the backlog was offered to Schedule, and placed cancelled,
    filling nothing; a repeat of a post still to go out said it was "sent"."""
    session = window.session
    message_id, day = _gap_day(window, "Backed by a 25-year warranty")
    ideas = session.store.backlog(message_ids=[message_id])
    assert ideas
    session.notify(session.store.update_posts({ideas[0].id: {"status": PostStatus.CANCELLED}}))
    far = day + timedelta(days=120)
    menu = _gap_menu(window, session.key_message(message_id), far)
    assert not any(short(ideas[0].title) in label for label in _labels(menu))

    solar = session.store.key_message_titled("Solar pays for itself")
    assert solar is not None
    repeat = session.store.post_to_repeat(solar.id, far, TODAY)
    assert repeat is not None
    assert repeat.date is not None
    assert repeat.date > TODAY  # the last one planned before that day
    menu = _gap_menu(window, solar, far)
    assert _labels(menu)[0].endswith(f", planned {day_text(repeat.date, year=far)})")


def test_a_repeat_reads_a_campaign_another_program_made(window: MainWindow) -> None:
    """Made by the command line with the window in front: a KeyError, nothing repeated."""
    from calendar_app.ui.gaps import repeat_post

    session = window.session
    message_id, day = _gap_day(window, "Installed by local experts")
    channel = session.channels()[0].id
    with CalendarStore.open(session.store.path) as elsewhere:
        campaign = elsewhere.add_campaign("From the terminal").created[0]
        made = elsewhere.add_post(
            NewPost("Terminal", channel, (message_id,), TODAY - timedelta(days=1)),
        ).created[0]
        elsewhere.update_posts({made: {"campaign_id": campaign}})
    post = session.store.post(made)
    placed: list[int] = []
    assert repeat_post(session, window, post, day, None, placed.extend)
    (copy,) = session.store.posts(placed)
    assert copy.campaign_id == campaign


def test_a_repeat_leaves_a_campaign_over_by_its_day(window: MainWindow) -> None:
    session = window.session
    message_id, day = _gap_day(window, "Installed by local experts")
    post = session.store.post_to_repeat(message_id, day, TODAY)
    assert post is not None
    made = session.store.add_campaign("Spring", ends_on=day - timedelta(days=1))
    session.notify(made)
    session.notify(session.store.update_posts({post.id: {"campaign_id": made.created[0]}}))
    post = session.store.post(post.id)
    assert post.campaign_id == made.created[0]
    from calendar_app.ui.gaps import repeat_post

    placed: list[int] = []
    assert repeat_post(session, window, post, day, None, placed.extend)
    (copy,) = session.posts(placed)
    assert copy.campaign_id is None
    assert copy.message_ids == post.message_ids


def test_n_with_a_message_chosen_opens_on_the_channel_it_last_went_out_on(
    window: MainWindow, qtbot: QtBot
) -> None:
    """As the gap menu's New Post With does (it opened on the calendar's first)."""
    session = window.session
    message = session.store.key_message_titled("Backed by a 25-year warranty")
    assert message is not None
    sent = session.channel_cadence(message.id)
    last = max((c.last_delivery, c.channel_id) for c in sent if c.last_delivery)[1]
    assert last != session.channels()[0].id
    session.select_message(message.id)
    seen = _reading_next_editor(lambda editor: editor.selected_channel_id())
    window.new_post()
    assert seen == [last]


@OFFSCREEN_POPUPS
def test_n_in_the_backlog_writes_a_new_idea(window: MainWindow, qtbot: QtBot) -> None:
    """N with the keyboard in the backlog opened a post dated on the calendar's day, out
    of the list the keyboard was in (its menu's New Idea and a double-click make one)."""
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    seen = _reading_next_editor(lambda editor: (editor.windowTitle(), editor.chosen_date()))
    window.backlog.list.setFocus()
    assert window.backlog.list.hasFocus()
    qtbot.keyClick(window.backlog.list, Qt.Key.Key_N)
    assert seen == [("New Idea", None)]
    # Edit > New Post… chosen with the mouse is a post on the calendar's day all the same.
    seen = _reading_next_editor(lambda editor: (editor.windowTitle(), editor.chosen_date()))
    window.new_post_action.trigger()
    assert seen == [("New Post", window.view().current_date())]


_Read = TypeVar("_Read")


def _reading_next_editor(read: Callable[[PostEditor], _Read]) -> list[_Read]:
    """What ``read`` reads of the post editor that opens next, which is then closed
    unsaved: a list the test finds it in once the editor has come and gone."""
    seen: list[_Read] = []

    def read_and_cancel() -> None:
        editor = QApplication.activeModalWidget()
        if isinstance(editor, PostEditor):
            seen.append(read(editor))
            editor.ask_save_changes = lambda parent, title: "discard"  # never wait on a box
            editor.reject()

    QTimer.singleShot(0, read_and_cancel)
    return seen


def _write_and_save(title: str) -> None:
    """Type ``title`` into the post editor that opens next and save it."""

    def save() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, PostEditor)
        editor.title_edit.setText(title)
        editor.accept()

    QTimer.singleShot(0, save)


@OFFSCREEN_POPUPS
def test_a_new_series_on_days_gone_by_is_said_of_all_its_posts(window: MainWindow) -> None:
    """Weekly from a day long gone, scheduled: the posts on days gone by were said as
    one ("The post you placed is on a day gone by...")."""

    def save_weekly() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, PostEditor)
        editor.title_edit.setText("Weekly tip")
        editor.status_combo.setCurrentIndex(editor.status_combo.findData("scheduled"))
        editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("WEEKLY"))
        editor.count_radio.setChecked(True)
        editor.count_spin.setValue(5)
        editor.accept()

    QTimer.singleShot(0, save_weekly)
    window.new_post_at(TODAY - timedelta(days=22), None)  # 5 weeks, 4 of them gone by
    made = [p for p in window.session.store.all_posts() if p.title == "Weekly tip"]
    assert len(made) == 5
    gone_by = sum(p.date is not None and p.date < TODAY for p in made)
    assert gone_by == 5 - 1
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(f"{gone_by} of the 5 posts you placed are on past days")
    )


def test_t_takes_the_cadence_panels_day_to_today_too(window: MainWindow, qtbot: QtBot) -> None:
    """The calendar went to today, the panel's keyboard day stayed where Home put it,
    and Enter there went back to it."""
    panel = window.cadence_panel
    first, _ = panel.visible_range()
    panel.set_cursor_day(first)
    window.go_to(TODAY - timedelta(days=3))
    window.go_today()
    assert panel.cursor_day() == TODAY


@OFFSCREEN_POPUPS
def test_the_cadence_panels_keys_say_what_they_did_or_why_not(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Enter turned the calendar, the keyboard staying in the panel, with no word; the
    Menu key with no message chosen did nothing, unsaid."""
    panel = window.cadence_panel
    panel.setFocus()
    qtbot.waitUntil(panel.hasFocus)
    window.session.select_message(None)
    menu_key = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), panel.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(panel, menu_key)
    assert window.statusBar().currentMessage().startswith("Choose a key message first")
    day = TODAY + timedelta(days=5)
    panel.set_cursor_day(day)
    assert panel.cursor_day() == day
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert window.view().current_date() == day
    assert window.statusBar().currentMessage() == (
        f"The calendar shows {day_text(day, year=True)}; Ctrl+Shift+Tab goes to it."
    )
    assert panel.hasFocus()
    window.previous_pane_action.trigger()  # as it says
    assert window.month_view.hasFocus()


def test_tab_from_the_agendas_table_reaches_set_status(window: MainWindow, qtbot: QtBot) -> None:
    """Made before the table, the button came before it in the window's chain, where the
    table stands for the view: Tab went from the table to the Month button."""
    window.set_view(2)
    agenda = window.agenda_view
    agenda.table.setFocus()
    qtbot.keyClick(agenda.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert agenda.selected_post_ids()  # the button is for them
    qtbot.keyClick(agenda.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is agenda.status_button


def test_a_new_post_is_the_one_selected_after_saving(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    window.set_view(0)
    day = date(2026, 11, 19)
    window.go_to(day)
    view = window.month_view
    view.select_posts(view.posts_on(day)[:1])  # something else was selected before
    assert view.selected_post_ids()
    _write_and_save("Written with N")
    qtbot.keyClick(cast(QWidget, view), Qt.Key.Key_N)
    (new,) = [p for p in session.posts_between(day, day) if p.title == "Written with N"]
    assert window.selected_post_ids() == [new.id]
    assert view.current_date() == day

    _write_and_save("An idea for later")
    window.new_idea()
    (idea,) = [p for p in session.store.backlog() if p.title == "An idea for later"]
    assert window.backlog.selected_post_ids() == [idea.id]
    assert window.focusWidget() is window.backlog.list


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Podcast", "Podcast"),
        # Cut short: the day, at the end, stayed out of an 800 px screen's sight.
        ("X (formerly Twitter) — the company account run by marketing", "X (formerly Twitter) —…"),
    ],
)
def test_the_gap_menu_names_a_channel_added_by_another_program(
    window: MainWindow, name: str, shown: str
) -> None:
    message_id, day = _gap_day(window, "Installed by local experts")
    with CalendarStore.open(window.session.store.path) as elsewhere:  # the window in front
        podcast = elsewhere.add_channel(name).created[0]
        carrier = NewPost(
            "From the terminal",
            podcast,
            (message_id,),
            day - timedelta(days=1),
            status=PostStatus.SCHEDULED,
        )
        elsewhere.add_post(carrier)
    window.go_to(day)
    menu = window.post_menu()
    fill = next(
        a.menu() for a in menu.actions() if a.text().replace("&", "").startswith("Fill the Gap")
    )
    assert isinstance(fill, QMenu)
    text = fill.actions()[0].text()
    assert text.startswith(f"&Repeat “From the terminal” ({shown}, ")
    assert text.endswith(f", sent {day_text(day - timedelta(days=1))})")


def test_the_gap_menus_of_a_right_click_go_with_the_next_one(
    window: MainWindow, tmp_path: Path
) -> None:
    """Each right-click on a gap left its "Fill the Gap" menus hidden in the window, and
    with them the calendar their actions named, after another was opened."""
    _message_id, day = _gap_day(window, "Installed by local experts")
    window.go_to(day)

    def gone(menus: list[QMenu]) -> bool:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return not any(shiboken6.isValid(m) for m in menus)

    first = gap_menus_of(window.post_menu())
    assert first
    second = gap_menus_of(window.post_menu())
    assert len(second) == len(first)
    assert gone(first)
    assert window.findChildren(QMenu, "gapMenu") == second
    other = tmp_path / "other.cadence"
    write_demo(other, today=TODAY)
    assert window.open_calendar(other)  # another calendar: nothing of this one's left
    assert gone(second)


def test_only_the_first_gap_menu_of_a_day_takes_the_g_key(window: MainWindow) -> None:
    """Two messages overdue: G opened the first, and a second G went into it, never to
    the second (both were "Fill the &Gap")."""
    days = window.month_view.visible_days()
    day = next(d for d in days if d >= TODAY and len(overdue_on(window.session, d)) >= 2)
    window.go_to(day)
    menu = window.post_menu()
    titles = [m.title() for m in gap_menus_of(menu)]
    assert len(titles) >= 2
    assert titles[0].startswith("Fill the &Gap of ")
    assert all(t.startswith("Fill the Gap of ") and "&" in t for t in titles[1:])
    keys = [k for a in menu.actions() if (k := _key(a.text()))]
    assert len(keys) == len(set(keys)), keys  # each item a key of its own


def test_a_month_s_gap_menu_says_the_days_of_the_gap_a_post_there_leaves_overdue(
    window: MainWindow,
) -> None:
    """A repeat on the day clicked mid-gap left the gap's first days red, unsaid (the
    cadence panel's menu fills from its first day, and says so)."""
    session = window.session
    report = session.report()
    message = next(m for m in session.key_messages() if report.message(m.id).gap_on(TODAY))
    gap = report.message(message.id).gap_on(TODAY)
    assert gap is not None
    assert gap.end >= TODAY + timedelta(days=3)
    first_lines = {}
    for day in (TODAY, TODAY + timedelta(days=3)):
        window.go_to(day)
        submenu = next(m for m in gap_menus_of(window.post_menu()) if message.title in m.title())
        last = submenu.actions()[-1]
        first_lines[day] = (last.text(), last.isEnabled())
    assert not first_lines[TODAY][0].startswith("A post here")  # from its first day
    left = f"A post here leaves {range_text(TODAY, TODAY + timedelta(days=2))} overdue"
    # Read and reached as any item, it goes to the gap's first day to fill it from.
    assert first_lines[TODAY + timedelta(days=3)] == (f"{left}: Go to {day_text(TODAY)}", True)
    window.go_to(TODAY + timedelta(days=3))
    submenu = next(m for m in gap_menus_of(window.post_menu()) if message.title in m.title())
    submenu.actions()[-1].trigger()
    assert window.view().current_date() == TODAY


def _key(text: str) -> str:
    """The letter after a lone "&" in a menu item's text."""
    plain = text.replace("&&", "")
    return plain[plain.index("&") + 1].casefold() if "&" in plain else ""


def test_a_day_with_many_messages_overdue_gathers_their_gap_menus(
    settings: QSettings, session: CalendarSession, qtbot: QtBot
) -> None:
    """Fifty messages overdue on a day made its menu two columns wide, taller than the
    screen and away from the click: past a few, one "Fill a Gap" submenu that scrolls."""
    for number in range(12):
        session.store.add_key_message(
            f"Never said {number}", cadence_days=7, starts_on=TODAY - timedelta(days=60)
        )
    many = CalendarSession(session.store, today=TODAY)
    window = MainWindow(many, settings)
    qtbot.addWidget(window)
    window.go_to(TODAY)
    menu = window.post_menu()
    (holder,) = gap_menus_of(menu)
    assert holder.objectName() == "gapMenus"
    overdue = len(overdue_on(many, TODAY))
    assert overdue >= 12
    assert holder.title() == f"Fill a &Gap ({overdue} key messages overdue)"
    inside = [a.menu() for a in holder.actions()]
    assert len(inside) == overdue
    assert all(isinstance(m, QMenu) and m.actions() for m in inside)
    assert holder.style().styleHint(QStyle.StyleHint.SH_Menu_Scrollable, None, holder)
    window.post_menu()  # the next right-click: the last one's menus go
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(holder)
    assert not any(shiboken6.isValid(m) for m in inside)
    many.undo_stack.clear()


def gap_menus_of(menu: QMenu) -> list[QMenu]:
    found = [a.menu() for a in menu.actions() if a.text().replace("&", "").startswith("Fill")]
    return [m for m in found if isinstance(m, QMenu)]


@OFFSCREEN_POPUPS
def test_a_gap_filled_from_an_hour_of_the_week_lands_at_that_hour(
    window: MainWindow, qtbot: QtBot
) -> None:
    message_id, day = _gap_day(window, "Installed by local experts")
    window.set_view(1)
    week = window.week_view
    week.set_current_date(day)
    week.scroll_to_time(time(14, 0))
    point = QPoint(week.day_rect(day).center().x(), week.y_for_time(time(14, 15)) + 2)
    target = week.childAt(point)
    assert target is not None
    menu = _right_click(qtbot, target, target.mapFrom(week, point))
    menu.close()
    title = "Fill the Gap of “Installed by local experts”"
    fill = next(a.menu() for a in menu.actions() if a.text().replace("&", "") == title)
    assert isinstance(fill, QMenu)
    fill.actions()[0].trigger()  # repeat the message's last post
    (copy,) = week.selected_post_ids()
    placed = window.session.store.post(copy)
    assert (placed.date, placed.time) == (day, time(14, 15))
    assert message_id in placed.message_ids


@OFFSCREEN_POPUPS
def test_no_gap_to_fill_on_days_before_today(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    message_id, _ = _gap_day(window, "Installed by local experts")
    cadence = session.report().message(message_id)
    past = next(d for d in window.month_view.visible_days() if cadence.is_overdue_on(d))
    assert past < TODAY
    rect = window.month_view.day_rect(past)
    menu = _right_click(qtbot, window.month_view, QPoint(rect.center().x(), rect.bottom() - 4))
    menu.close()
    assert not any(label.startswith("Fill the Gap") for label in _labels(menu))
    # The cadence panel's red bar there, the gap still under way: filled from today (its
    # solid part, the most in sight, offered nothing).
    labels = _labels(window.gap_menu(message_id, past))
    assert labels[:2] == [f"Go to {day_text(past)}", f"To fill the gap from {day_text(TODAY)}:"]
    assert labels[-1].startswith("New Post With")
    # A day of next year says its year, as the days after it do ("Go to Fri 1 Jan" over
    # "from Thu 17 Dec 2026").
    new_year = date(TODAY.year + 1, 1, 1)
    assert _labels(window.gap_menu(message_id, new_year))[0] == (
        f"Go to {day_text(new_year, year=True)}"
    )
    # A gap over and done with is history, not a plan.
    done, over = next(
        (m.message_id, g) for m in session.report().messages for g in m.gaps if g.end < TODAY
    )
    assert _labels(window.gap_menu(done, over.start))[1:] == ["Gaps are filled from today on"]


@OFFSCREEN_POPUPS
def test_right_click_on_an_overdue_message_in_the_sidebar_fills_its_gap_today(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    message = session.store.key_message_titled("Installed by local experts")
    assert message is not None
    assert session.report().message(message.id).status == "overdue"
    view = window.sidebar.messages_view
    menu = _right_click(qtbot, view.viewport(), window.sidebar.message_rect(message.id).center())
    menu.close()
    labels = _labels(menu)
    assert labels[0] == f"Overdue: fill the gap today ({day_text(TODAY)})"
    assert labels[-1] == "Key Messages…"
    next(a for a in menu.actions() if a.text().replace("&", "").startswith("Repeat")).trigger()
    (copy,) = window.month_view.selected_post_ids()
    assert session.store.post(copy).date == TODAY
    assert session.report().message(message.id).status != "overdue"


def test_the_cadence_panel_grows_to_show_a_key_message_added(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The panel was sized for the messages a calendar had: one added later (overdue
    soon) sat below the fold, with only a thin scroll bar to tell."""
    session, panel = window.session, window.cadence_panel
    splitter = window.splitters[2]
    window.resize(window.width(), 900)
    qtbot.waitUntil(lambda: sum(splitter.sizes()) > 700)
    column = sum(splitter.sizes())
    fitted = panel.sizeHint().height()
    splitter.setSizes([column - fitted, fitted])
    assert panel.visible_message_ids() == panel.message_ids()
    for title in ("Added later", "Another", "A third", "A fourth"):
        fresh = KeyMessage(0, title, "", 5, "#3366cc", None, None, 0, False)
        session.push(AddKeyMessageCommand(session, fresh))
    qtbot.waitUntil(lambda: len(panel.message_ids()) == len(session.key_messages()))
    assert len(panel.message_ids()) == 9
    assert panel.visible_message_ids() == panel.message_ids()
    # Made smaller by hand, it stays so while no message is added.
    splitter.setSizes([column - fitted + 60, fitted - 60])
    added = session.store.key_message_titled("Added later")
    assert added is not None
    session.push(UpdateKeyMessageCommand(session, replace(added, title="Renamed later")))
    assert splitter.sizes()[1] == fitted - 60


@pytest.mark.parametrize("view", [0, 1, 2])
def test_a_key_message_highlighted_and_filtered_goes_and_comes_back_in_every_view(
    window: MainWindow, view: int
) -> None:
    """Deleted while highlighted and ticked in the filter, the views reloaded for the
    filter while the highlight still named it: a KeyError, and a box saying nothing was
    saved. The same when its adding was undone."""
    session = window.session
    window.set_view(view)
    told = session.key_messages()[1]
    session.select_message(told.id)
    session.set_filters(session.filters.toggled("messages", told.id, True))
    session.push(DeleteKeyMessageCommand(session, told.id))
    assert (session.selected_message, session.filters.messages) == (None, frozenset())
    session.undo_stack.undo()
    assert (session.selected_message, session.filters.messages) == (told.id, frozenset({told.id}))
    session.undo_stack.redo()
    assert (session.selected_message, session.filters.messages) == (None, frozenset())

    fresh = KeyMessage(0, "Brand new", "", 5, "#3366cc", None, None, 0, False)
    session.push(AddKeyMessageCommand(session, fresh))
    added = session.store.key_message_titled("Brand new")
    assert added is not None
    session.select_message(added.id)
    session.set_filters(session.filters.toggled("messages", added.id, True))
    session.undo_stack.undo()
    assert (session.selected_message, session.filters.messages) == (None, frozenset())


def test_the_key_messages_manager_opens_on_the_message_asked_or_highlighted(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The sidebar's menu for a key message opened the manager on the first one."""
    session = window.session
    first, _, third = session.key_messages()[:3]
    shown: list[object] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        shown.append(getattr(dialog, "current_id", lambda: None)())
        if dialog is not None:
            dialog.close()

    QTimer.singleShot(0, look)
    next(a for a in window.message_menu(third.id).actions() if "Key Messages" in a.text()).trigger()
    session.select_message(third.id)
    QTimer.singleShot(0, look)
    window.messages_action.trigger()  # Edit > Key Messages…
    session.select_message(None)
    QTimer.singleShot(0, look)
    window.messages_action.trigger()
    assert shown == [third.id, third.id, first.id]


def test_the_sidebar_s_lists_grow_with_a_name_taller_than_before(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A channel renamed in Arabic made its row taller; the list kept its height, and a
    scroll bar showed beside six channels, one cut, until the calendar was opened again.
    (Which script's fallback font is taller depends on the fonts installed: the
    delegate here measures a row holding Arabic as a taller font would make it.)"""
    session, view = window.session, window.sidebar.channels_view
    instagram = next(c for c in session.channels() if c.name == "Instagram")
    delegate = view.itemDelegate()
    measured = delegate.sizeHint

    def taller_for_arabic(option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = measured(option, index)
        arabic = any("\u0600" <= c <= "\u06ff" for c in str(index.data()))
        return QSize(size.width(), size.height() + (12 if arabic else 0))

    monkeypatch.setattr(delegate, "sizeHint", taller_for_arabic)
    rows = lambda: sum(view.sizeHintForRow(r) for r in range(view.model().rowCount()))  # noqa: E731
    window.resize(1200, 1000)  # room for the lists to grow
    qtbot.waitUntil(lambda: window.sidebar.height() > 500)
    before = rows()
    session.push(
        ChannelCommand(session, instagram, replace(instagram, name="إنستغرام الشركة 日本"))
    )
    assert rows() > before  # (else the test shows nothing)
    qtbot.waitUntil(lambda: view.height() >= rows())
    assert view.verticalScrollBar().maximum() == 0


def test_an_unplanned_message_offers_its_due_day_and_one_on_time_nothing_to_fill(
    window: MainWindow,
) -> None:
    session = window.session
    store = session.store
    channel = store.channel_named("LinkedIn")
    assert channel is not None
    fresh = KeyMessage(0, "Five-day message", "", 5, "#3366cc", None, None, 0, False)
    session.push(AddKeyMessageCommand(session, fresh))
    added = store.key_message_titled("Five-day message")
    assert added is not None
    last = TODAY - timedelta(days=2)
    post = NewPost("Lately", channel.id, (added.id,), last, status=PostStatus.PUBLISHED)
    session.push(AddPostCommand(session, post))
    assert session.report().message(added.id).status == "unplanned"

    due = last + timedelta(days=5)
    menu = window.message_menu(added.id)
    assert _labels(menu)[0] == f"Unplanned: due again by {day_text(due)}"
    next(
        a for a in menu.actions() if a.text().replace("&", "").startswith("Repeat “Lately”")
    ).trigger()
    (copy,) = window.view().selected_post_ids()
    assert session.store.post(copy).date == due
    assert session.report().message(added.id).status == "ok"
    assert _labels(window.message_menu(added.id)) == ["Key Messages…"]  # on time

    # Added today and never delivered: due a cadence after the day before it started.
    newer = KeyMessage(0, "Brand new", "", 7, "#3366cc", TODAY, None, 0, False)
    session.push(AddKeyMessageCommand(session, newer))
    brand_new = store.key_message_titled("Brand new")
    assert brand_new is not None
    assert session.report().message(brand_new.id).status == "unplanned"
    due = TODAY + timedelta(days=6)
    assert _labels(window.message_menu(brand_new.id))[0] == f"Unplanned: due by {day_text(due)}"
    # A yearly one is due next year: said with its year (read as this year's, gone).
    yearly = KeyMessage(0, "Yearly", "", 365, "#3366cc", TODAY, None, 0, False)
    session.push(AddKeyMessageCommand(session, yearly))
    added_yearly = store.key_message_titled("Yearly")
    assert added_yearly is not None
    due_yearly = day_text(TODAY + timedelta(days=364), year=True)
    assert _labels(window.message_menu(added_yearly.id))[0] == f"Unplanned: due by {due_yearly}"
    # Ending before it is due again: nothing to plan.
    ending = KeyMessage(0, "Ending", "", 7, "#3366cc", TODAY, TODAY + timedelta(days=2), 0, False)
    session.push(AddKeyMessageCommand(session, ending))
    ends = store.key_message_titled("Ending")
    assert ends is not None
    assert _labels(window.message_menu(ends.id)) == ["Key Messages…"]


@OFFSCREEN_POPUPS
def test_a_repeat_from_a_gap_in_the_panel_goes_on_the_gap_s_first_day(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Right-clicked in the middle of a red bar ahead, Repeat went on the day under the
    pointer (a few pixels wide over months), and the gap's days before it stayed red."""
    session, panel = window.session, window.cadence_panel
    message = session.store.key_message_titled("Zero-hassle financing")
    assert message is not None
    gap = next(g for g in session.report().message(message.id).gaps if g.start > TODAY)
    assert gap.days >= 4  # (else the test shows nothing)
    window.go_to(gap.start)
    inside = gap.start + timedelta(days=3)
    row = panel.row_rect(message.id)
    menu = _right_click(qtbot, panel, QPoint(round(panel.x_for(inside)), row.center().y()))
    labels = _labels(menu)
    assert labels[0] == f"Go to {day_text(inside)}"
    assert labels[1] == f"To fill the gap from {day_text(gap.start)}:"
    repeat = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Repeat "))
    menu.close()
    repeat.trigger()
    (copy,) = window.view().selected_post_ids()
    assert session.store.post(copy).date == gap.start
    assert not any(g.start <= gap.start <= g.end for g in session.report().message(message.id).gaps)


@OFFSCREEN_POPUPS
def test_right_click_on_the_cadence_panel_offers_to_fill_that_row_on_that_day(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    panel = window.cadence_panel
    message_id, day = _gap_day(window, "Backed by a 25-year warranty")
    row = panel.row_rect(message_id)
    point = QPoint(round(panel.x_for(day)), row.center().y())
    menu = _right_click(qtbot, panel, point)
    assert session.selected_message == message_id
    assert panel.cursor_day() == day
    labels = _labels(menu)
    assert labels[0] == f"Go to {day_text(day)}"
    # The gap, overdue since before today, is filled from today.
    assert labels[1] == f"To fill the gap from {day_text(TODAY)}:"
    assert labels[2].startswith("Repeat “")
    assert labels[-1] == "New Post With “Backed by a 25-year warranty”…"
    menu.close()

    # The Menu key: the selected row at the keyboard's day.
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Right)
    wanted: list[tuple[int, date]] = []
    panel.contextMenuWanted.connect(lambda pos, m, d: wanted.append((m, d)))
    origin = QPoint(0, 0)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, origin, panel.mapToGlobal(origin))
    QApplication.sendEvent(panel, event)
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu)
    popup.close()
    assert wanted == [(message_id, day + timedelta(days=1))]


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("index", [0, 1])
def test_the_menu_key_opens_the_menu_at_the_focused_post(
    window: MainWindow, qtbot: QtBot, index: int
) -> None:
    window.set_view(index)
    view: PeriodView = window.month_view if index == 0 else window.week_view
    post = _standalone(window.session, TODAY, TODAY + timedelta(days=3))[0]
    view.setFocus()
    view.select_posts([post.id])
    wanted: list[QPoint] = []
    view.contextMenuWanted.connect(lambda pos, at: wanted.append(pos))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), view.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(view, event)
    chip = view.chip_rect(post.id)
    assert chip is not None
    assert wanted == [chip.center()]
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert _labels(menu)[0] == "Open"
    menu.close()

    view.set_current_date(TODAY + timedelta(days=1))  # a day, no post: the day's middle
    QApplication.sendEvent(view, event)
    assert wanted[-1] == view.day_rect(TODAY + timedelta(days=1)).center()
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    labels = _labels(menu)
    assert labels[:2] == ["New Post…", "Paste"]
    if view is window.week_view:  # the keyboard's ways to an hour of the week, or none
        assert labels.pop(2) == "Paste at a Time…"
        assert labels.pop(2) == "Paste All Day"
    assert _fill_entries(window, labels[2:], TODAY + timedelta(days=1))
    menu.close()


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("part", ["month", "week", "agenda", "backlog"])
def test_shift_f10_opens_the_menu_the_menu_key_opens(
    window: MainWindow, qtbot: QtBot, part: str
) -> None:
    """Laptops often lack the Menu key; Qt on Linux opens no menu for Shift+F10 itself."""
    window.set_view({"week": 1, "agenda": 2}.get(part, 0))
    post = _standalone(window.session, TODAY, TODAY + timedelta(days=3))[0]
    if part == "backlog":
        target: QWidget = window.backlog.list
        window.backlog.select_posts([window.session.store.backlog()[0].id])
    else:
        target = cast(QWidget, window.view())
        window.view().select_posts([post.id])
    with qtbot.waitActive(window):
        window.activateWindow()
    target.setFocus()
    seen: list[str] = []

    def close_the_menu() -> None:  # some views open their menu with exec(), some with popup()
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(_labels(menu))
            menu.close()

    QTimer.singleShot(0, close_the_menu)
    qtbot.keyClick(target, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None and bool(seen))
    assert seen[0] == "Open"


def test_open_takes_the_post_last_clicked_of_several(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    month = window.month_view
    a, b = _standalone(window.session, TODAY, TODAY + timedelta(days=6))[:2]
    month.setFocus()
    month.select_posts([a.id, b.id])  # b, the last, has the focus
    opened: list[int] = []
    monkeypatch.setattr(window, "edit_post", opened.append)
    window.edit_selected()
    month.select_posts([b.id, a.id])
    window.edit_selected()
    assert opened == [b.id, a.id]


def test_the_edit_menu_cuts_copies_and_pastes_text_while_typing(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    window.month_view.setFocus()
    window.month_view.select_posts([post.id])
    window.cut_posts_action.trigger()
    search = window.backlog.search
    search.setFocus()
    qtbot.keyClicks(search, "panel")
    search.selectAll()
    window.copy_posts_action.trigger()  # as chosen from the menu: the text's copy
    assert QApplication.clipboard().text() == "panel"
    search.end(False)
    window.paste_posts_action.trigger()
    assert search.text() == "panelpanel"
    assert session.store.post(post.id) == post  # no post was cut or moved


@OFFSCREEN_POPUPS
def test_menus_and_undo_follow_the_calendar_opened_next(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    first = window.session
    other = tmp_path / "Client B.cadence"
    shutil.copy(demo_path, other)
    assert window.open_calendar(other)
    session = window.session
    assert session is not first
    month = window.month_view
    month.set_current_date(TODAY)  # the demo's month (the copy opens on the real today)
    post = _standalone(session, *month.visible_range())[0]
    assert post.date is not None
    chip = month.chip_rect(post.id)
    assert chip is not None
    menu = _right_click(qtbot, month, chip.center())
    assert _labels(menu)[:2] == ["Open", "Cut"]
    menu.close()
    window.cut_posts_action.trigger()
    month.set_current_date(post.date + timedelta(days=10))
    window.paste_posts_action.trigger()
    assert session.store.post(post.id).date == post.date + timedelta(days=10)
    window.undo_action.trigger()
    assert session.store.post(post.id) == post
    window.set_view(2)
    window.agenda_view.set_current_date(post.date)
    window.agenda_view.select_posts([post.id])
    assert _labels(window.agenda_view.build_context_menu())[1:5] == [
        "Cut",
        "Copy",
        "Paste",
        "Delete",
    ]


@OFFSCREEN_POPUPS
def test_an_empty_hour_of_the_week_offers_a_post_or_a_paste_at_that_time(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    window.set_view(1)
    week = window.week_view
    week.setFocus()
    week.select_posts([post.id])
    window.copy_posts_action.trigger()

    day = TODAY + timedelta(days=1)
    week.scroll_to_time(time(5, 0))
    point = QPoint(week.day_rect(day).center().x(), week.y_for_time(time(6, 30)) + 2)
    target = week.childAt(point)
    assert target is not None
    local = target.mapFrom(week, point)
    menu = _right_click(qtbot, target, local)
    labels = _labels(menu)
    assert labels[:2] == ["New Post at 06:30…", "Paste at 06:30"]
    assert [a.text()[:2] for a in menu.actions()[:2]] == ["&N", "&P"]  # Shift+F10, N
    assert _fill_entries(window, labels[2:], day)
    menu.close()
    before = {p.id for p in session.store.all_posts()}
    paste = next(a for a in menu.actions() if a.text() == "&Paste at 06:30")
    assert paste.isEnabled()
    paste.trigger()
    (copy,) = [p for p in session.store.all_posts() if p.id not in before]
    assert (copy.title, copy.date, copy.time) == (post.title, day, time(6, 30))
    # Posts picked by days keep their times: the entry says so rather than promise one.
    week.setFocus()
    qtbot.keyClick(week, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    window.copy_posts_action.trigger()
    week.select_posts([])
    early = QPoint(point.x(), week.y_for_time(time(5, 15)) + 2)  # above the pasted copy
    menu = _right_click(qtbot, target, target.mapFrom(week, early))
    assert _labels(menu)[:2] == ["New Post at 05:15…", "Paste on This Day (Times Kept)"]
    menu.close()

    point = QPoint(point.x(), week.y_for_time(time(5, 15)) + 2)  # above the pasted copy
    assert week.post_at(point) is None
    seen = _reading_next_editor(
        lambda editor: (editor.chosen_date(), editor.chosen_time(), editor.has_unsaved_changes())
    )
    with qtbot.waitSignal(week.slotActivated):
        double_click(qtbot, target, target.mapFrom(week, point))
    assert seen == [(day, time(5, 15), False)]


def test_a_double_click_on_an_empty_spot_of_a_month_day_writes_a_post_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    month = window.month_view
    day = TODAY + timedelta(days=1)
    spot = month.day_rect(day).bottomRight() - QPoint(4, 4)
    assert month.post_at(spot) is None
    seen = _reading_next_editor(lambda editor: (editor.chosen_date(), editor.chosen_time()))
    double_click(qtbot, month, spot)
    assert seen == [(day, None)]
    assert window.view_index() == 0


def test_deleting_a_series_says_the_published_posts_that_stay(
    window: MainWindow, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """They leave the series and stay on their days: nothing said so."""
    occurrence = next(
        p for p in session.posts_between(TODAY, TODAY + timedelta(days=6)) if p.series_id
    )
    assert occurrence.series_id is not None
    members = session.store.series_posts(occurrence.series_id)
    ahead = [p for p in members if p.id != occurrence.id and p.status != PostStatus.PUBLISHED]
    session.store.update_posts({p.id: {"status": PostStatus.PUBLISHED} for p in ahead[:2]})
    members = session.store.series_posts(occurrence.series_id)
    stay = [p for p in members if p.status == PostStatus.PUBLISHED and p.id != occurrence.id]
    assert len(stay) > 1
    scope_answers.answer = "all"
    window.month_view.set_current_date(TODAY)
    window.month_view.select_posts([occurrence.id])
    window.delete_selected()
    assert window.statusBar().currentMessage() == (
        f"Deleted {len(members) - len(stay)} posts; {len(stay)} published posts stay on their"
        " days, out of the series; Ctrl+Z brings them back."
    )
    assert {p.series_id for p in session.store.posts(p.id for p in stay)} == {None}


def test_a_double_click_below_the_agenda_rows_writes_a_post_on_its_day(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.set_view(2)
    agenda = window.agenda_view
    agenda.set_current_date(TODAY)
    window.resize(1200, 2400)
    spot = agenda.table.viewport().rect().bottomLeft() + QPoint(20, -5)
    assert not agenda.table.indexAt(spot).isValid()
    seen = _reading_next_editor(lambda editor: (editor.chosen_date(), editor.chosen_time()))
    double_click(qtbot, agenda.table.viewport(), spot)
    assert seen == [(agenda.current_date(), None)]
    assert window.view_index() == 2


def test_deleting_several_posts_at_once_says_how_many_and_the_way_back(
    window: MainWindow,
) -> None:
    """A day's "+2" selects the whole day, Ctrl+A the month: Delete took them all with no
    word but the Edit menu's."""
    session = window.session
    posts = [p for p in session.posts_between(TODAY, TODAY + timedelta(days=6)) if not p.series_id]
    window.month_view.select_posts([p.id for p in posts[:3]])
    window.delete_selected()
    assert window.statusBar().currentMessage() == "Deleted 3 posts; Ctrl+Z brings them back."
    window.statusBar().clearMessage()
    window.month_view.select_posts([posts[3].id])
    window.delete_selected()  # one post, in sight: the calendar shows it gone
    assert "Deleted" not in window.statusBar().currentMessage()


def test_deleting_rows_scrolled_out_of_sight_says_so(window: MainWindow) -> None:
    """Row 2 selected, Ctrl+End took the ring to the last row: Delete took row 2, out of
    sight, with no word."""
    window.resize(900, 500)
    window.set_view(2)
    agenda = window.agenda_view
    first = agenda.shown_post_ids()[1]
    assert window.session.store.post(first).series_id is None
    agenda.select_posts([first])
    agenda.table.scrollToBottom()
    assert agenda.selected_out_of_sight() == 1
    window.delete_selected()
    assert window.statusBar().currentMessage() == (
        "Deleted 1 post, 1 of them out of sight; Ctrl+Z brings it back."
    )
    # Brought back, the word goes: it said to press Ctrl+Z again, which would undo
    # the step before.
    window.undo_action.trigger()
    assert window.statusBar().currentMessage().startswith("Undone: Delete post")
    assert window.session.store.post(first).id == first
    window.statusBar().clearMessage()
    agenda.select_posts([first])
    agenda.table.scrollToTop()  # in sight: nothing more to say than usual
    window.delete_selected()
    assert "out of sight" not in window.statusBar().currentMessage()


def test_enter_presses_the_window_s_buttons_as_space_does(window: MainWindow, qtbot: QtBot) -> None:
    """Enter on "+ Idea", the view switches or the filters did nothing: Qt's buttons
    outside dialogs take Space alone."""
    toolbar_buttons = {
        b.text(): b for b in window.findChildren(QToolButton) if b.text() in ("Week", "Agenda")
    }
    for text, index in (("Agenda", 2), ("Week", 1)):
        button = toolbar_buttons[text]
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Return)
        assert window.view_index() == index
    backlog = window.backlog
    backlog.newIdeaRequested.disconnect()  # (the window's editor would wait for an answer)
    with qtbot.waitSignal(backlog.newIdeaRequested):
        qtbot.keyClick(backlog.new_button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    # With Ctrl, Enter is the window's, not the button's.
    button = toolbar_buttons["Agenda"]
    qtbot.keyClick(button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.view_index() == 1


def test_the_agenda_menu_has_the_edit_actions_too(window: MainWindow) -> None:
    window.set_view(2)
    shown = window.session.posts_between(TODAY, TODAY)
    window.agenda_view.select_posts([shown[0].id])
    labels = _labels(window.agenda_view.build_context_menu())
    assert labels == ["Open", "Cut", "Copy", "Paste", "Delete", "Set status", "Sort by"]


def test_the_agenda_menu_of_no_post_offers_a_new_one_and_the_clipboard_s(
    window: MainWindow,
) -> None:
    """Nothing picked, Cut, Copy and Delete were offered, and did nothing."""
    window.set_view(2)
    agenda = window.agenda_view
    agenda.table.selectionModel().clear()  # no post picked, none current
    QApplication.clipboard().clear()
    menu = agenda.build_context_menu()
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert [(a.text().split("\t")[0], a.isEnabled()) for a in entries[:3]] == [
        ("&Open", False),
        ("&New Post…", True),
        ("&Paste", False),  # the clipboard holds no post
    ]
    assert _labels(menu) == ["Open", "New Post…", "Paste", "Sort by"]
    post = window.session.posts_between(TODAY, TODAY)[0]
    agenda.select_posts([post.id])
    window.copy_posts_action.trigger()
    agenda.table.selectionModel().clear()
    paste = [a for a in agenda.build_context_menu().actions() if a.text().startswith("&Paste")]
    assert [a.isEnabled() for a in paste] == [True]


def test_the_week_s_more_lists_the_day_picked_in_the_agenda_whatever_its_sort(
    window: MainWindow,
) -> None:
    """Sorted by title, the day's posts lay apart in the agenda, one of them picked and
    some out of sight."""
    window.resize(1000, 600)
    window.set_view(2)
    agenda = window.agenda_view
    agenda.table.sortByColumn(AgendaModel.TITLE, Qt.SortOrder.AscendingOrder)
    day = max(
        (TODAY + timedelta(days=n) for n in range(7)),
        key=lambda d: len(window.session.posts_between(d, d)),
    )
    on_day = {p.id for p in window.session.posts_between(day, day)}
    assert len(on_day) > 1
    window.set_view(1)
    window.week_view.moreActivated.emit(day)
    assert window.view_index() == 2
    assert set(agenda.selected_post_ids()) == on_day
    first = min(agenda.proxy_index(i).row() for i in on_day)
    shown = agenda.table.viewport().rect()
    assert shown.intersects(agenda.table.visualRect(agenda.proxy.index(first, 0)))


def test_the_agenda_sorts_from_its_menu_for_the_keyboard(window: MainWindow) -> None:
    """The header sorted on a click only: its menu (Shift+F10) sorts too, the column
    sorted by now the other way round."""
    window.set_view(2)
    agenda = window.agenda_view
    header = agenda.table.horizontalHeader()

    def choose(name: str) -> None:
        menu = agenda.build_context_menu()
        sort = next(a.menu() for a in menu.actions() if a.text().replace("&", "") == "Sort by")
        assert isinstance(sort, QMenu)
        next(a for a in sort.actions() if a.text().replace("&", "").startswith(name)).trigger()

    choose("Title")
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        AgendaModel.HEADERS.index("Title"),
        Qt.SortOrder.AscendingOrder,
    )
    column = AgendaModel.HEADERS.index("Title")
    titles = [agenda.proxy.index(row, column).data() for row in range(agenda.proxy.rowCount())]
    assert len(titles) > 10
    assert titles == sorted(titles, key=str.casefold)
    menu = agenda.build_context_menu()
    sort = next(a.menu() for a in menu.actions() if a.text().replace("&", "") == "Sort by")
    assert isinstance(sort, QMenu)
    assert [a.text() for a in sort.actions() if a.isChecked()] == ["&Title, ascending"]
    shown = [header.logicalIndex(v) for v in range(header.count())]
    assert [a.text().replace("&", "").split(",")[0] for a in sort.actions()] == [
        AgendaModel.HEADERS[c] for c in shown
    ]  # in the order the columns stand, each with a key of its own
    keys = [a.text()[a.text().index("&") + 1].lower() for a in sort.actions()]
    assert len(set(keys)) == len(keys)
    choose("Title")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_a_changed_calendar_is_backed_up_on_close(
    session: CalendarSession,
    settings: QSettings,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Said while it is written, the pointer busy (11 s at a million posts, the window
    still on screen and silent: it looked hung)."""
    from calendar_app.core import backups

    folder = tmp_path / "Backups"
    win = MainWindow(session, settings, backups=folder)
    qtbot.addWidget(win)
    win.close()
    assert not folder.exists()  # nothing changed: no backup
    post = session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    session.push(MovePostsCommand(session, {post.id: (TODAY + timedelta(days=1), post.time)}))
    seen: list[tuple[str, bool]] = []
    real = backups.make_backup

    def watched(store: CalendarStore, where: Path) -> Path:
        cursor = QApplication.overrideCursor()
        busy = cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor
        seen.append((win.statusBar().currentMessage(), busy))
        return real(store, where)

    monkeypatch.setattr(backups, "make_backup", watched)
    win.close()
    assert seen == [("Keeping a backup of the calendar…", True)]
    assert QApplication.overrideCursor() is None
    (backup,) = folder.iterdir()
    with CalendarStore.open(backup) as copy:
        assert copy.post(post.id).date == TODAY + timedelta(days=1)
    assert win.back_up() is None  # clean again until the next change


def test_changes_a_window_never_closed_on_are_backed_up_as_the_calendar_opens_again(
    demo_path: Path, settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    """A power cut or a crash after a month's posts were pasted: the next window opened
    and closed with no backup of them, and the backup after its first change held that
    change too (a delete made by mistake with nothing to go back to)."""
    folder = tmp_path / "Backups"
    crashed = MainWindow(CalendarSession(CalendarStore.open(demo_path), today=TODAY), settings)
    crashed.backups = folder
    qtbot.addWidget(crashed)
    post = crashed.session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    moved = TODAY + timedelta(days=1)
    crashed.session.push(MovePostsCommand(crashed.session, {post.id: (moved, post.time)}))
    # What the settings file holds now, read as the next start reads it: the window is
    # never closed.
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    session = CalendarSession(CalendarStore.open(demo_path), today=TODAY)
    win = MainWindow(session, again, backups=folder)
    qtbot.addWidget(win)
    (backup,) = folder.iterdir()  # made as it opened, before any change here
    with CalendarStore.open(backup) as copy:
        assert copy.post(post.id).date == moved
    win.close()
    assert len(list(folder.iterdir())) == 1  # nothing changed since: no other
    third = MainWindow(CalendarSession(CalendarStore.open(demo_path), today=TODAY), again)
    third.backups = folder
    qtbot.addWidget(third)
    third.close()
    assert len(list(folder.iterdir())) == 1  # backed up: not due any more
    crashed.session.undo_stack.clear()
    crashed.session.store.close()
    win.session.store.close()
    third.session.store.close()


def test_changes_after_another_window_backed_the_calendar_up_are_marked_again(
    demo_path: Path, settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    """A second window on the calendar backed it up as it opened and took the mark away;
    the first window's later changes, lost in a crash, were in no backup."""
    folder = tmp_path / "Backups"
    first = MainWindow(CalendarSession(CalendarStore.open(demo_path), today=TODAY), settings)
    first.backups = folder
    qtbot.addWidget(first)
    posts = first.session.posts_between(TODAY, TODAY + timedelta(days=7))
    first.session.push(MovePostsCommand(first.session, {posts[0].id: (TODAY, None)}))
    theirs = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    second = MainWindow(
        CalendarSession(CalendarStore.open(demo_path), today=TODAY), theirs, backups=folder
    )
    qtbot.addWidget(second)
    assert len(list(folder.iterdir())) == 1  # backed up as it opened: the mark is gone
    moved = TODAY + timedelta(days=2)
    first.session.push(MovePostsCommand(first.session, {posts[1].id: (moved, None)}))
    # The first window stops here, unclosed; the next start backs its change up.
    third, newest = _next_start(demo_path, settings, folder, qtbot)
    with CalendarStore.open(newest) as copy:
        assert copy.post(posts[1].id).date == moved
    first.session.undo_stack.clear()
    for window in (first, second, third):
        window.session.store.close()


def _next_start(
    demo_path: Path, settings: QSettings, folder: Path, qtbot: QtBot
) -> tuple[MainWindow, Path]:
    """The next start on the demo, reading the settings file as it is now, and the
    newest backup in ``folder`` once it has opened (made within another's second, a
    backup may have the same name)."""
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    window = MainWindow(
        CalendarSession(CalendarStore.open(demo_path), today=TODAY), again, backups=folder
    )
    qtbot.addWidget(window)
    return window, max(folder.iterdir(), key=lambda p: p.stat().st_mtime_ns)


def _left_with_a_move(
    demo_path: Path, settings: QSettings, folder: Path, qtbot: QtBot
) -> tuple[MainWindow, Post]:
    """A window on the demo, backing up into ``folder``, with a post moved to today in
    it: the window that a crash or a power cut leaves unclosed."""
    crashed = MainWindow(CalendarSession(CalendarStore.open(demo_path), today=TODAY), settings)
    crashed.backups = folder
    qtbot.addWidget(crashed)
    post = crashed.session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    crashed.session.push(MovePostsCommand(crashed.session, {post.id: (TODAY, None)}))
    return crashed, post


def test_a_calendar_left_unbacked_is_backed_up_when_opened_from_the_file_menu_too(
    demo_path: Path, settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "Backups"
    crashed, post = _left_with_a_move(demo_path, settings, folder, qtbot)
    other = tmp_path / "other.cadence"
    write_demo(other, today=TODAY)
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    win = MainWindow(CalendarSession(CalendarStore.open(other), today=TODAY), again, backups=folder)
    qtbot.addWidget(win)
    assert not folder.exists()
    assert win.open_calendar(demo_path)  # File > Open
    (backup,) = folder.iterdir()
    with CalendarStore.open(backup) as copy:
        assert copy.post(post.id).date == TODAY
    crashed.session.undo_stack.clear()
    crashed.session.store.close()
    win.session.store.close()


def test_quitting_after_a_change_leaves_no_error_on_the_terminal(
    demo_path: Path, tmp_path: Path
) -> None:
    """Closed after a change, the window backs the calendar up and quits with nothing
    said on the terminal (the history's last signals reach the window as it goes)."""
    script = f"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from datetime import date, time
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from calendar_app.core.store import CalendarStore
from calendar_app.ui.commands import MovePostsCommand
from calendar_app.ui.main_window import MainWindow
from calendar_app.ui.session import CalendarSession
app = QApplication([])
session = CalendarSession(CalendarStore.open({str(demo_path)!r}))
settings = QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat)
window = MainWindow(session, settings, backups=Path({str(tmp_path / "Backups")!r}))
window.show()
post = next(p for p in session.store.all_posts() if p.date is not None)
session.push(MovePostsCommand(session, {{post.id: (post.date, time(7, 45))}}))
QTimer.singleShot(0, window.close)
app.exec()
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert len(list((tmp_path / "Backups").iterdir())) == 1


def test_another_windows_changes_all_undone_leave_this_ones_marked(
    demo_path: Path, settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    """Window B's change undone took the mark from window A's changes, still in no
    backup: A crashed, and the next start backed nothing up."""
    folder = tmp_path / "Backups"
    first, post = _left_with_a_move(demo_path, settings, folder, qtbot)
    theirs = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    second = MainWindow(
        CalendarSession(CalendarStore.open(demo_path), today=TODAY), theirs, backups=folder
    )
    qtbot.addWidget(second)  # (backs the calendar up as it opens: A's first change)
    moved = TODAY + timedelta(days=3)
    first.session.push(MovePostsCommand(first.session, {post.id: (moved, None)}))
    other = second.session.posts_between(TODAY, TODAY + timedelta(days=7))[1]
    second.session.push(MovePostsCommand(second.session, {other.id: (TODAY, None)}))
    second.session.undo_stack.undo()  # B as it was
    # A stops here, unclosed; the next start backs its second change up.
    third, newest = _next_start(demo_path, settings, folder, qtbot)
    with CalendarStore.open(newest) as copy:
        assert copy.post(post.id).date == moved
    first.session.undo_stack.clear()
    for window in (first, second, third):
        window.session.store.close()


@pytest.mark.parametrize("steps_kept", [True, False])
def test_reading_the_calendar_again_makes_no_backup_and_its_close_still_does(
    session: CalendarSession,
    settings: QSettings,
    tmp_path: Path,
    qtbot: QtBot,
    demo_path: Path,
    steps_kept: bool,
) -> None:
    """Each read again after another window's change wrote a whole copy (38 in a
    quarter of an hour of two windows' work, 36 MB each for a large calendar)."""
    folder = tmp_path / "Backups"
    win = MainWindow(session, settings, backups=folder)
    qtbot.addWidget(win)
    first, other = session.posts_between(TODAY, TODAY + timedelta(days=7))[:2]

    def elsewhere_retitles() -> None:
        with CalendarStore.open(demo_path) as elsewhere:
            elsewhere.update_post(other.id, {"title": f"Retitled {len(elsewhere.all_posts())}"})

    if not steps_kept:  # taken before the other window's change: not handed on
        session.push(MovePostsCommand(session, {first.id: (TODAY + timedelta(days=1), None)}))
    elsewhere_retitles()
    if steps_kept:  # taken after it: handed on to the session read again
        session.push(MovePostsCommand(session, {first.id: (TODAY + timedelta(days=1), None)}))
    assert win.check_for_outside_changes()
    assert not folder.exists()
    win.close()
    (backup,) = folder.iterdir()  # made as the calendar closed, with the step in it
    with CalendarStore.open(backup) as copy:
        assert copy.post(first.id).date == TODAY + timedelta(days=1)


def test_a_backup_that_cannot_be_written_says_the_calendar_itself_is_saved(
    session: CalendarSession, settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    """Not "Cadence is not allowed to use ...Backups/x.cadence. Nothing was lost: the
    calendar is as it was before", which read as if the change had been undone."""
    blocker = tmp_path / "Backups"
    blocker.write_text("a file where the backups folder goes")
    errors = Errors()
    win = MainWindow(session, settings, backups=blocker / "inside", error_handler=errors)
    qtbot.addWidget(win)
    post = session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    session.push(MovePostsCommand(session, {post.id: (TODAY + timedelta(days=1), post.time)}))
    assert win.back_up() is None
    (said,) = errors.seen
    assert said.startswith("No backup of the calendar could be kept: ")
    assert said.endswith(
        "The calendar itself is saved; Cadence tries again the next time it closes it."
    )
    assert session.store.post(post.id).date == TODAY + timedelta(days=1)
    # Tried again with nothing done since (the window closing): not said again; after
    # another change, it is.
    assert win.back_up() is None
    assert len(errors.seen) == 1
    session.push(MovePostsCommand(session, {post.id: (TODAY + timedelta(days=2), post.time)}))
    assert win.back_up() is None
    assert len(errors.seen) == 2


def test_week_and_agenda_views_are_built_when_first_shown(window: MainWindow) -> None:
    from calendar_app.ui.agenda_view import AgendaView
    from calendar_app.ui.week_view import WeekView

    assert not isinstance(window.stack.widget(1), WeekView)
    assert not isinstance(window.stack.widget(2), AgendaView)
    window.view_actions[1].trigger()
    assert isinstance(window.stack.currentWidget(), WeekView)
    assert window.week_view is window.stack.widget(1)
    assert window.view().current_date() == TODAY
    window.view_actions[2].trigger()
    assert isinstance(window.stack.currentWidget(), AgendaView)
    assert window.stack.count() == 3


def _a_published_post(session: CalendarSession) -> Post:
    """A published post of the last weeks, in no series."""
    return next(
        p
        for p in session.posts_between(TODAY - timedelta(days=20), TODAY)
        if p.status == PostStatus.PUBLISHED and p.series_id is None
    )


def _copy_onto(window: MainWindow, post: Post, day: date) -> None:
    """Ctrl-drag ``post`` onto ``day`` of the month view (a real drop)."""
    month = window.month_view
    month.set_current_date(TODAY)
    rect = month.day_rect(day)
    send_drop(
        month, QPoint(rect.center().x(), rect.bottom() - 4), month.drag_mime(post.id), ctrl=True
    )


def test_a_copy_placed_on_an_archived_channel_or_after_its_campaign_is_said(
    window: MainWindow, session: CalendarSession
) -> None:
    """Copied, its channel archived, pasted: the copy landed on the archived channel
    (and in a campaign over by its day) without a word, where Fill the Gap avoids both."""
    published = _a_published_post(session)
    session.notify(session.store.update_posts({published.id: PostChanges(campaign_id=None)}))
    channel = session.channel(published.channel_id)
    session.push(ChannelCommand(session, channel, replace(channel, archived=True)))
    _copy_onto(window, session.posts([published.id])[0], TODAY + timedelta(days=2))
    assert window.statusBar().currentMessage() == (
        f"The post you placed is on the archived channel '{channel.name}'."
    )
    window.statusBar().clearMessage()
    campaign_id = session.store.add_campaign("Xmas promo", ends_on=TODAY).created[0]
    session.notify(session.store.update_posts({published.id: PostChanges(campaign_id=campaign_id)}))
    session.push(ChannelCommand(session, session.channel(channel.id), channel))  # restored
    _copy_onto(window, session.posts([published.id])[0], TODAY + timedelta(days=3))
    assert window.statusBar().currentMessage() == (
        "The post you placed is in the campaign 'Xmas promo', which has ended by then."
    )
    window.statusBar().clearMessage()
    _copy_onto(window, session.posts([published.id])[0], TODAY)  # its last day: not over
    assert "ended by then" not in window.statusBar().currentMessage()


def test_a_post_placed_where_the_filters_hide_it_is_said_to_be_hidden(
    window: MainWindow, session: CalendarSession
) -> None:
    """Showing only published posts, a Ctrl-drag repeats one: the copy is scheduled,
    so the filters hide it at once; the status bar says so instead of it vanishing."""
    published = _a_published_post(session)
    session.set_filters(Filters(statuses=frozenset({PostStatus.PUBLISHED})))
    _copy_onto(window, published, TODAY + timedelta(days=2))
    assert session.undo_stack.count() == 1
    said = window.statusBar().currentMessage()
    assert said == "The post you placed is hidden by the filters; clear them to see it."

    window.statusBar().clearMessage()
    session.set_filters(Filters())
    session.undo_stack.undo()
    _copy_onto(window, published, TODAY + timedelta(days=2))
    assert "hidden" not in window.statusBar().currentMessage(), "shown: nothing to say"

    # A search alone hides a new post: no filter is set, so it is the search to clear;
    # also with a filter on that lets it through (it said "the filters or the search").
    other = next(c.id for c in session.channels() if c.id != published.channel_id)
    for hidden in (frozenset(), frozenset({other})):
        session.set_filters(Filters(search="warranty", hidden_channels=hidden))
        post = NewPost("Fresh", published.channel_id, date=TODAY)
        session.push(AddPostCommand(session, post))
        session.placed(session.store.search_ids("Fresh"))  # as the editor says it
        said = window.statusBar().currentMessage()
        assert said == "The post you placed is hidden by the search; clear it to see it."
        session.undo_stack.undo()
    session.set_filters(Filters(search="warranty", hidden_channels=frozenset({other})))
    session.push(AddPostCommand(session, NewPost("Fresh", other, date=TODAY)))
    session.placed(session.store.search_ids("Fresh"))
    assert window.statusBar().currentMessage() == (
        "The post you placed is hidden by the filters and the search; clear them to see it."
    )


def test_posts_a_status_change_hides_are_said_to_be_hidden(
    window: MainWindow, session: CalendarSession
) -> None:
    """Showing scheduled posts only, five set back to Draft vanished without a word; in
    sight, a status set in the agenda was said nowhere."""
    session.set_filters(Filters(statuses=frozenset({PostStatus.SCHEDULED})))
    window.set_view(2)
    agenda = window.agenda_view
    chosen = [
        p.id
        for p in session.posts(agenda.shown_post_ids())
        if p.series_id is None and p.status == PostStatus.SCHEDULED
    ][:3]
    agenda.select_posts(chosen)
    assert agenda.set_status(PostStatus.DRAFT)
    assert window.statusBar().currentMessage() == (
        "3 of the posts you changed are hidden by the filters; clear them to see them."
    )
    window.statusBar().clearMessage()
    session.set_filters(Filters())
    session.undo_stack.undo()
    agenda.select_posts(chosen[:1])
    assert agenda.set_status(PostStatus.DRAFT)
    # Still in sight, what was done is said (nothing was: a screen reader heard nothing).
    title = session.store.post(chosen[0]).title
    assert window.statusBar().currentMessage() == f"Set '{title}' to Draft."
    agenda.select_posts(chosen[1:])
    assert agenda.set_status(PostStatus.CANCELLED)
    assert window.statusBar().currentMessage() == "Set 2 posts to Cancelled."


def test_a_short_window_keeps_every_key_message_and_its_status_in_sight(
    session: CalendarSession, settings: QSettings, qtbot: QtBot
) -> None:
    """At 900 x 600 the channels list gives way, not the key messages above it."""
    win = MainWindow(session, settings)
    qtbot.addWidget(win)
    win.resize(900, 600)
    with qtbot.waitExposed(win):
        win.show()
    view = win.sidebar.messages_view
    model = view.model()
    assert model.rowCount() == 5
    shown = view.viewport().rect()
    for row in range(model.rowCount()):
        assert shown.contains(view.visualRect(model.index(row, 0))), row
    channels = win.sidebar.channels_view
    assert channels.height() < channels.sizeHint().height(), "the channels scroll instead"


# -- calendar settings ------------------------------------------------------------


def test_calendar_settings_change_the_zone_week_and_name_as_one_undo_step(
    window: MainWindow, errors: Errors
) -> None:
    """A calendar made on a trip is in the wrong zone: set right here, its posts keep
    their times of day."""
    session = window.session
    before = session.store.info()
    posts = [(p.uid, p.date, p.time) for p in session.store.all_posts()]
    dialog = CalendarSettingsDialog(session, window, error_handler=errors)
    assert dialog.name_edit.text() == before.name
    assert dialog.zone_combo.currentText() == before.timezone
    assert dialog.week_combo.currentData() == before.week_start

    dialog.zone_combo.setCurrentText("Europe")  # on the way to a zone
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()
    assert "“Europe” is not a time zone" in dialog.problems.text()
    # Said where the keyboard is, to a screen reader (the red line is no Tab stop).
    said = f"Not ready: {dialog.problems.text()}"
    assert dialog.zone_combo.accessibleDescription() == said
    assert save.accessibleDescription() == said
    dialog.zone_combo.setCurrentText("America/New_York")
    assert (dialog.zone_combo.accessibleDescription(), save.accessibleDescription()) == ("", "")
    dialog.week_combo.setCurrentIndex(dialog.week_combo.findData(WeekStart.SUNDAY))
    dialog.name_edit.setText("Solenne Solar US")
    dialog.accept()

    assert errors.seen == []
    info = session.store.info()
    assert (info.name, info.timezone, info.week_start) == (
        "Solenne Solar US",
        "America/New_York",
        WeekStart.SUNDAY,
    )
    assert [(p.uid, p.date, p.time) for p in session.store.all_posts()] == posts
    assert window.windowTitle() == "Solenne Solar US — Cadence"
    assert window.month_view.week_start() == WeekStart.SUNDAY
    assert session.undo_stack.undoText() == "Change calendar settings"

    session.undo_stack.undo()
    assert session.store.info() == before
    assert window.windowTitle() == f"{before.name} — Cadence"


def test_calendar_settings_write_only_what_was_changed_in_them(
    window: MainWindow, errors: Errors
) -> None:
    """Another window set the week to Sunday and new messages to 30 days while this one's
    settings were open on the name: saving the name put Monday and 14 days back."""
    session = window.session
    dialog = CalendarSettingsDialog(session, window, error_handler=errors)
    with CalendarStore.open(session.store.path) as elsewhere:
        elsewhere.update_info(week_start="sunday", default_cadence_days=30)
    dialog.name_edit.setText("Renamed")
    dialog.accept()
    info = session.store.info_in_file()
    assert (info.name, info.week_start, info.default_cadence_days) == (
        "Renamed",
        WeekStart.SUNDAY,
        30,
    )


@pytest.mark.parametrize("zone", ["EST", "MST", "Japan"])
def test_a_zone_the_list_leaves_out_stays_when_the_name_changes(
    window: MainWindow, errors: Errors, zone: str
) -> None:
    """A calendar made in EST by an earlier release: saving its new name made it New
    York's zone, an hour off all summer, unasked ("Change calendar settings")."""
    session = window.session
    session.store.db.execute("UPDATE calendar SET timezone = ?", [zone])
    session.store._forget_what_was_read()  # as another program changed it
    dialog = CalendarSettingsDialog(session, window, error_handler=errors)
    assert dialog.zone_combo.findText(zone) == 0  # in the list, where it can be seen
    dialog.name_edit.setText("Renamed")
    dialog.accept()
    assert errors.seen == []
    info = session.store.info_in_file()
    assert (info.name, info.timezone) == ("Renamed", zone)


def test_a_default_cadence_an_earlier_release_let_in_stays_when_the_name_changes(
    window: MainWindow, errors: Errors
) -> None:
    """100,000 days (the box's range ends at 3,650): renaming the calendar cut it."""
    session = window.session
    session.store.db.execute("UPDATE calendar SET default_cadence_days = 100000")
    dialog = CalendarSettingsDialog(session, window, error_handler=errors)
    dialog.name_edit.setText("Renamed")
    dialog.accept()
    assert errors.seen == []
    info = session.store.info_in_file()
    assert (info.name, info.default_cadence_days) == ("Renamed", 100_000)


@OFFSCREEN_POPUPS
def test_an_error_in_calendar_settings_leaves_room_for_the_zones_note(
    window: MainWindow, errors: Errors, qtbot: QtBot
) -> None:
    dialog = CalendarSettingsDialog(window.session, window, error_handler=errors)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    note = dialog.zone_note.height()
    dialog.name_edit.clear()
    assert dialog.problems.isVisible()
    assert dialog.zone_note.height() >= note  # not squeezed and cut
    assert dialog.zone_note.height() >= dialog.zone_note.heightForWidth(dialog.zone_note.width())
    dialog.done(0)  # (closed, it would ask about the name cleared)


@OFFSCREEN_POPUPS  # the window's smallest follows the font
@pytest.mark.parametrize("points", [16, 20])
def test_calendar_settings_in_a_large_font_show_the_zones_note_whole(
    window: MainWindow, errors: Errors, qtbot: QtBot, qapp: QApplication, points: int
) -> None:
    """A 16-point font widened the dialog past its 520 pixels, and the height it
    was given cut the note's first and last lines."""
    font = qapp.font()
    large = QFont(font)
    large.setPointSize(points)
    qapp.setFont(large)
    try:
        dialog = CalendarSettingsDialog(window.session, window, error_handler=errors)
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        note = dialog.zone_note
        assert dialog.width() > 520
        assert note.height() >= note.heightForWidth(note.width())
    finally:
        qapp.setFont(font)


@OFFSCREEN_POPUPS
def test_calendar_settings_hold_the_zones_note_at_the_height_of_its_lines(
    window: MainWindow, errors: Errors, qtbot: QtBot
) -> None:
    """The note was given the height of four lines where three were shown (a gap
    above and below it), and the window made as short as it goes left it one line."""
    dialog = CalendarSettingsDialog(window.session, window, error_handler=errors)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    note = dialog.zone_note
    assert note.height() == note.heightForWidth(note.width())
    dialog.resize(dialog.width(), 100)
    qtbot.waitUntil(lambda: dialog.height() > 100)
    assert note.height() == note.heightForWidth(note.width())
    dialog.resize(dialog.width() + 300, dialog.height())
    qtbot.waitUntil(lambda: note.height() == note.heightForWidth(note.width()))
    assert note.height() < dialog.fontMetrics().lineSpacing() * 3  # two lines now


def test_calendar_settings_on_a_read_only_calendar_say_so_and_stay_open(
    window: MainWindow, errors: Errors
) -> None:
    session = window.session
    before = session.store.info()
    dialog = CalendarSettingsDialog(session, window, error_handler=errors)
    dialog.name_edit.setText("Renamed")
    with read_only(session.store):
        dialog.accept()
    assert errors.seen == [READ_ONLY]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert session.store.info() == before
    assert not session.undo_stack.canUndo()


@pytest.mark.parametrize("width", [1400, 1100, 900])
def test_the_search_box_says_its_key_only_where_it_has_room(
    window: MainWindow, qtbot: QtBot, width: int
) -> None:
    """It read "Search posts (Ctrl…" in a window 1100 px wide."""
    window.resize(width, 700)
    QApplication.processEvents()  # the layout follows the new size
    edit = window.search_edit
    text = edit.placeholderText()
    assert text in ("Search posts (Ctrl+F)", "Search posts")
    assert edit.fontMetrics().horizontalAdvance(text) <= edit.width() - 40
    assert "Ctrl+F" in edit.toolTip()


def test_a_calendar_replaced_after_changes_here_keeps_them_in_a_backup(
    session: CalendarSession, settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    """A sync tool puts a colleague's copy in place after a change here (the undo
    history not clean): the window shows their file, and the change made here, in
    the file the window had open, is kept in a backup (it was an "unexpected error"
    on a closed calendar, and the change was lost)."""
    folder = tmp_path / "Backups"
    win, errors = _window_keeping_backups(session, settings, folder, qtbot)
    _mine_then_theirs(session)

    assert win.check_for_outside_changes()

    assert errors.seen == []
    fresh = win.session
    assert [fresh.store.post(i).title for i in win.month_view.posts_on(TODAY)] == ["Their post"]
    (backup,) = folder.iterdir()
    assert backup.name in win.statusBar().currentMessage()
    with CalendarStore.open(backup) as kept:
        assert "Mine" in {p.title for p in kept.all_posts()}
    win.close()  # nothing changed in their file: no second backup
    assert list(folder.iterdir()) == [backup]


def test_a_calendar_replaced_by_a_damaged_copy_says_what_is_shown_and_where_changes_went(
    session: CalendarSession, settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    """A sync tool put a cut-off copy in place after a change here: the box said the
    file was damaged, the demo came up unsaid, and the status bar said the changes were
    saved (they were in a backup, named nowhere)."""
    from calendar_app.app import DEMO_NAME, data_folder

    folder = tmp_path / "Backups"
    win, errors = _window_keeping_backups(session, settings, folder, qtbot)
    path = _mine_then_theirs(session)
    _cut_short(path)

    assert win.check_for_outside_changes()

    (backup,) = folder.iterdir()
    (said,) = errors.seen
    assert said.startswith(f"{path} is damaged, so Cadence cannot read it; ")
    assert said.endswith(
        f" Cadence shows the demo calendar instead. The changes made here are in the backup"
        f" {backup.name} (Help > About)."
    )
    assert win.session.store.path == data_folder() / DEMO_NAME
    assert win.statusBar().currentMessage() == (
        f"The changes made here are in the backup {backup.name} (Help > About)."
    )
    with CalendarStore.open(backup) as kept:
        assert "Mine" in {p.title for p in kept.all_posts()}
    win.close()


def test_the_demo_replaced_by_a_damaged_copy_is_said_once(
    settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    """The demo itself cut short while open: "Cadence shows the demo calendar instead",
    then the same damage said again as the demo would not open."""
    from calendar_app.app import DEMO_NAME, data_folder

    path = data_folder() / DEMO_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    write_demo(path, today=TODAY)
    session = CalendarSession(CalendarStore.open(path), today=TODAY)
    folder = tmp_path / "Backups"
    win, errors = _window_keeping_backups(session, settings, folder, qtbot)
    channel = session.channels()[0].id
    session.push(AddPostCommand(session, NewPost("Mine", channel, date=TODAY)))
    _cut_short(path)

    assert win.check_for_outside_changes()

    (backup,) = folder.iterdir()
    (said,) = errors.seen
    assert said.startswith(f"{path} is damaged, so Cadence cannot read it; ")
    assert said.endswith(f" The changes made here are in the backup {backup.name} (Help > About).")
    assert not win.isVisible()


def test_a_change_leaves_nothing_beside_the_file_for_a_copy_put_in_its_place(
    window: MainWindow, session: CalendarSession, qtbot: QtBot
) -> None:
    """Right after a change the -wal is empty: a sync tool's copy renamed over the file
    at once, read by another program, is read as it is (the window's changes were
    played onto it, a damaged calendar)."""
    path = session.store.path
    channel = session.channels()[0].id
    for number in range(5):
        session.push(AddPostCommand(session, NewPost(f"Mine {number}", channel, date=TODAY)))
    QApplication.processEvents()  # once the views have what changed: no later
    assert Path(f"{path}-wal").stat().st_size == 0
    _theirs(path)
    with CalendarStore.open(path) as theirs:
        assert [p.title for p in theirs.all_posts()] == ["Their post"]
        assert theirs.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_the_toolbar_buttons_keep_their_keys_in_their_tips(window: MainWindow) -> None:
    """Switching views made the buttons copy their action's bare name over the tip
    that told the key (and over the accessible description)."""
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert toolbar is not None
    for index in (1, 0, 2, 0):
        window.set_view(index)
    buttons = {
        b.text(): b.toolTip() for b in toolbar.findChildren(QToolButton) if b.defaultAction()
    }
    assert buttons["Month"] == "Month view (Ctrl+1)"
    assert buttons["Week"] == "Week view (Ctrl+2)"
    assert buttons["Agenda"] == "Agenda view (Ctrl+3)"
    assert buttons["Today"] == "Go to today (T)"


@OFFSCREEN_POPUPS
def test_a_filter_menu_of_many_key_messages_scrolls_within_the_screen(
    session: CalendarSession, settings: QSettings, qtbot: QtBot
) -> None:
    """300 key messages laid the menu out in columns wider than the screen; the last
    ones and "Show all" were out of reach."""
    for number in range(300):
        session.store.add_key_message(f"Key message {number:03}")
    win = MainWindow(session.read_again(), settings)
    qtbot.addWidget(win)
    menu = win.filter_buttons["messages"].menu()
    menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible)
    screen = menu.screen().availableGeometry()
    assert menu.height() <= screen.height()
    assert menu.width() < screen.width() // 2  # one column
    assert menu.actions()[-1].text() == "Show All"
    menu.close()


@OFFSCREEN_POPUPS
def test_a_filter_menu_stays_open_for_the_next_tick_and_shortens_long_names(
    session: CalendarSession, settings: QSettings, qtbot: QtBot
) -> None:
    """Each tick closed the menu (three messages near the 250th of 300: opened and
    scrolled down three times), and a title of 400 characters made it as wide as the
    screen."""
    long_title = "A message <b>that</b> goes on" + " and on" * 55  # tags shown as typed
    session.store.add_key_message(long_title)
    win = MainWindow(session.read_again(), settings)
    qtbot.addWidget(win)
    menu = win.filter_buttons["messages"].menu()
    menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible)
    ticks = [a for a in menu.actions() if a.isCheckable()]
    first, second = ticks[0], ticks[1]
    # The release of the press that opened it (on its button) ticks nothing.
    qtbot.mouseRelease(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(first).center())
    assert win.session.filters.messages == frozenset()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(first).center())
    assert menu.isVisible()
    menu.setActiveAction(second)
    qtbot.keyClick(menu, Qt.Key.Key_Space)
    assert menu.isVisible()
    titles = [m.title for m in session.key_messages()[:2]]
    assert {win.session.key_message(m).title for m in win.session.filters.messages} == set(titles)
    assert (first.isChecked(), second.isChecked()) == (True, True)
    # The long one: cut short with "…", whole in its tooltip.
    shortened = next(a for a in ticks if a.toolTip() == plain_tooltip(long_title))
    assert shortened.text().endswith("…")
    assert len(shortened.text()) < 80
    assert menu.toolTipsVisible()
    assert menu.width() < menu.screen().availableGeometry().width() // 2
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(first).center())
    assert len(win.session.filters.messages) == 1
    menu.setActiveAction(first)
    qtbot.keyClick(menu, Qt.Key.Key_Return)  # Enter ticks and closes, as menus do
    assert not menu.isVisible()
    assert len(win.session.filters.messages) == 2


def test_f8_goes_from_one_overdue_key_message_to_the_next_longest_overdue_first(
    session: CalendarSession, settings: QSettings, qtbot: QtBot
) -> None:
    """300 key messages: the sidebar and the panel showed a few rows, all on time, the
    69 overdue below them with no way to bring them up."""
    store = session.store
    for number in range(40):  # on time: delivered yesterday, every 30 days
        made = store.add_key_message(f"A on time {number:02}", cadence_days=30).created[0]
        store.add_post(
            NewPost("Went out", session.channels()[0].id, (made,), TODAY - timedelta(days=1))
        )
    late = []
    for number, days in enumerate((3, 9, 5)):  # started long ago, never delivered
        late.append(
            store.add_key_message(
                f"Z late {number}", cadence_days=7, starts_on=TODAY - timedelta(days=7 + days)
            ).created[0]
        )
    win = MainWindow(session.read_again(), settings)
    qtbot.addWidget(win)
    win.resize(1000, 640)
    with qtbot.waitExposed(win):
        win.show()
    report = win.session.report()
    overdue = sorted(
        (m for m in report.messages if m.status == MessageStatus.OVERDUE),
        key=lambda m: -m.overdue_days,
    )
    order = [m.message_id for m in overdue]
    assert order.index(late[1]) < order.index(late[2]) < order.index(late[0])
    listed = win.sidebar.messages_view
    assert not listed.viewport().rect().intersects(win.sidebar.message_rect(late[1]))
    for expected in [*(m.message_id for m in overdue), overdue[0].message_id]:  # round again
        qtbot.keyClick(win, Qt.Key.Key_F8)
        assert win.session.selected_message == expected
        assert listed.viewport().rect().contains(win.sidebar.message_rect(expected))
    said = win.statusBar().currentMessage()
    title = win.session.key_message(overdue[0].message_id).title
    assert said == f"{title}: overdue by {overdue[0].overdue_days} days (1 of {len(overdue)})."
    # A long title is cut short: the words after it were cut off the status bar.
    long_title = "Z late " + "and longer " * 20
    first = win.session.key_message(overdue[0].message_id)
    win.session.notify(
        win.session.store.update_key_message(replace(first, title=long_title.strip()))
    )
    for _ in overdue:
        qtbot.keyClick(win, Qt.Key.Key_F8)
        if win.session.selected_message == first.id:
            break
    assert win.session.selected_message == first.id
    said = win.statusBar().currentMessage()
    assert said.startswith("Z late and longer")
    assert len(said) < 80
    assert said.endswith(f"of {len(overdue)}).")
    view_menu = win.menuBar().actions()[2].menu()
    assert isinstance(view_menu, QMenu)
    assert win.next_overdue_action in view_menu.actions()


def test_f8_says_when_no_key_message_is_overdue_nor_has_a_gap_ahead(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    for message in session.key_messages():  # every one over by yesterday
        ended = replace(message, ends_on=TODAY - timedelta(days=1))
        session.notify(session.store.update_key_message(ended))
    assert all(m.status == MessageStatus.ENDED for m in session.report().messages)
    before = session.selected_message
    qtbot.keyClick(window, Qt.Key.Key_F8)
    said = window.statusBar().currentMessage()
    assert said == "No key message is overdue, and none has a gap ahead."
    assert session.selected_message == before


def test_f8_with_none_overdue_goes_to_the_gaps_ahead_soonest_first(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Nothing overdue, F8 said so and did nothing, where messages were unplanned."""
    session = window.session
    for message in session.report().messages:
        if message.status == MessageStatus.OVERDUE:
            kept = replace(session.key_message(message.message_id), cadence_days=3650)
            session.notify(session.store.update_key_message(kept))
    report = session.report()
    assert all(m.status != MessageStatus.OVERDUE for m in report.messages)
    ahead = sorted(
        (gap.start, m.message_id)
        for m in report.messages
        for gap in m.gaps[:1]
        if gap.start > TODAY
    )
    assert len(ahead) >= 2  # (else the test shows nothing)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    soonest, message_id = ahead[0]
    assert session.selected_message == message_id
    title = session.key_message(message_id).title
    said = window.statusBar().currentMessage()
    assert said.startswith(f"{title}: a gap from {day_text(soonest, year=TODAY)} (1 of ")
    first, last = window.view().visible_range()
    assert first <= soonest <= last
    # The next is another message's, no sooner.
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert session.selected_message not in (None, message_id)
    assert "a gap from" in window.statusBar().currentMessage()
    nxt = session.report().message(session.selected_message)
    assert min(g.start for g in nxt.gaps if g.start > TODAY) >= soonest


def test_f8_past_the_days_analysed_goes_to_the_soonest_due_and_not_past_an_end(
    tmp_path: Path, settings: QSettings, qtbot: QtBot
) -> None:
    """A message never delivered, due past the days analysed, was skipped for a later
    one (it had no last delivery to count from); one ending before it is due again was
    offered a gap after its end."""
    with CalendarStore.create(tmp_path / "c.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        start = TODAY - timedelta(days=5)
        never = store.add_key_message("Never said", cadence_days=200, starts_on=start)
        said = store.add_key_message("Said once", cadence_days=200, starts_on=start)
        store.add_key_message("Winter offer", cadence_days=120, ends_on=TODAY + timedelta(days=100))
        for message in (said.created[0], store.key_messages()[-1].id):
            went = NewPost("Went out", channel, (message,), start, status=PostStatus.PUBLISHED)
            store.add_post(went)
        win = MainWindow(CalendarSession(store, today=TODAY), settings)
        qtbot.addWidget(win)
        win.next_overdue_action.trigger()
        due = start - timedelta(days=1) + timedelta(days=200 + 1)
        assert win.session.selected_message == never.created[0]
        said_first = win.statusBar().currentMessage()
        assert said_first == f"Never said: a gap from {day_text(due, year=TODAY)} (1 of 2)."
        win.next_overdue_action.trigger()
        assert win.statusBar().currentMessage().startswith("Said once: a gap from ")
        win.close()


def test_an_empty_calendar_says_where_to_begin_and_shows_no_lone_range_button(
    tmp_path: Path, settings: QSettings, qtbot: QtBot
) -> None:
    """A calendar made on the command line, no channel yet: the status bar said to press
    N, whose editor could not save; the cadence panel showed its range button alone."""
    with CalendarStore.create(tmp_path / "bare.cadence", timezone="Europe/Paris") as store:
        win = MainWindow(CalendarSession(store, today=TODAY), settings)
        qtbot.addWidget(win)
        win.resize(1200, 800)
        with qtbot.waitExposed(win):
            win.show()
        said = win.statusBar().currentMessage()
        assert said == "No channels yet: add the ones you post on in Edit > Channels…"
        button = win.cadence_panel.findChild(QToolButton, "cadenceSpan")
        assert button is not None
        assert not button.isVisible()
        session = win.session
        session.notify(store.add_channel("LinkedIn"))
        said = win.statusBar().currentMessage()
        assert said == "No posts yet: double-click a day, or press N, to write the first"
        fresh = KeyMessage(0, "First message", "", 7, "#3366cc", TODAY, None, 0, False)
        session.push(AddKeyMessageCommand(session, fresh))
        qtbot.waitUntil(button.isVisible)
        win.close()


def test_an_empty_calendar_read_only_does_not_offer_to_write_a_post(
    tmp_path: Path, settings: QSettings, qtbot: QtBot
) -> None:
    """Opened read-only, an empty calendar's status bar said to press N, whose editor
    then said nothing could be saved."""
    path = tmp_path / "bare.cadence"
    with CalendarStore.create(path, timezone="Europe/Paris") as store:
        store.add_channel("LinkedIn")
    with CalendarStore.open(path, read_only=True) as store:
        win = MainWindow(CalendarSession(store, today=TODAY), settings)
        qtbot.addWidget(win)
        said = win.statusBar().currentMessage()
        assert said.startswith("0 posts"), said
        win.close()


def test_a_message_starting_later_with_nothing_planned_is_not_said_on_time(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A quarter planned ahead, nothing in it yet: the status bar said "every key message
    is on time", and F8 "No key message is overdue", where the months ahead were red."""
    session = window.session
    channel = session.channels()[0].id
    for message in session.key_messages():  # the demo's planned for ten years
        again = replace(message, cadence_days=3650)
        session.notify(session.store.update_key_message(again))
        session.push(
            AddPostCommand(
                session,
                NewPost(
                    "Again", session.channels()[0].id, (message.id,), TODAY + timedelta(days=1)
                ),
            )
        )
    assert window.statusBar().currentMessage().endswith("every key message is on time")
    starts = TODAY + timedelta(days=40)
    session.push(
        AddKeyMessageCommand(
            session, KeyMessage(0, "Next quarter", "", 7, "#3366cc", starts, None, 0, False)
        )
    )
    added = session.store.key_message_titled("Next quarter")
    assert added is not None
    assert session.report().message(added.id).status == MessageStatus.UPCOMING
    summary = window.statusBar().currentMessage()
    assert "1 upcoming with gaps" in summary
    assert "on time" not in summary
    # F8 selects it and goes to its first gap, out of the month in view.
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert session.selected_message == added.id
    gap = session.report().message(added.id).gaps[0]
    assert gap.start == starts + timedelta(days=7)
    first, last = window.view().visible_range()
    assert first <= gap.start <= last
    said = window.statusBar().currentMessage()
    assert said == f"Next quarter: a gap from {day_text(gap.start, year=TODAY)} (1 of 1)."
    # Planned in time, it is no longer said.
    for week in range(20):
        day = starts + timedelta(days=7 * week)
        session.push(AddPostCommand(session, NewPost(f"Week {week}", channel, (added.id,), day)))
    assert "upcoming" not in window.statusBar().currentMessage()


def test_the_cadence_panels_range_is_chosen_in_the_view_menu_and_kept(
    session: CalendarSession, settings: QSettings, qtbot: QtBot, tmp_path: Path
) -> None:
    win = MainWindow(session, settings)
    qtbot.addWidget(win)
    for _ in range(2):  # opened twice: the second clear deleted the panel's own actions
        win.panel_range_menu.aboutToShow.emit()
    texts = [a.text() for a in win.panel_range_menu.actions()]
    assert texts == ["&Days in View", "&3 Months", "&6 Months", "&12 Months"]
    assert [a.isChecked() for a in win.panel_range_menu.actions()] == [True, False, False, False]
    win.panel_range_menu.actions()[2].trigger()
    button = win.cadence_panel.findChild(QToolButton, "cadenceSpan")
    assert button is not None
    assert button.text() == "6 Months"
    button.menu().aboutToShow.emit()
    assert [a.isChecked() for a in button.menu().actions()] == [False, False, True, False]
    first, _ = win.view().visible_range()
    sixth = add_months(win.view().current_date().replace(day=1), 5)  # the month shown's
    assert win.cadence_panel.visible_range() == (first, month_end(sixth))
    win.step(1)  # the calendar pages on: the panel with it
    following, _ = win.view().visible_range()
    assert following > first
    assert win.cadence_panel.visible_range()[0] == following
    # Another calendar opened keeps the choice, and so does the next start.
    other = tmp_path / "other.cadence"
    write_demo(other, today=TODAY)
    assert win.open_calendar(other)
    assert win.cadence_panel.span() == 6
    win.close()
    again = MainWindow(CalendarSession(CalendarStore.open(other), today=TODAY), settings)
    qtbot.addWidget(again)
    assert again.cadence_panel.span() == 6
    sixth = add_months(again.view().current_date().replace(day=1), 5)
    assert again.cadence_panel.visible_range()[1] == month_end(sixth)
    again.close()
    again.session.store.close()


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("row", [6, 50])
def test_a_filter_menu_taller_than_the_screen_keeps_its_place_as_names_are_ticked(
    session: CalendarSession, settings: QSettings, qtbot: QtBot, row: int
) -> None:
    """A tick changed an item, and the open menu took its whole height again: past the
    screen, its scroll arrows gone, "Show all" out of reach."""
    for number in range(60):
        session.store.add_key_message(f"Key message {number:03}")
    win = MainWindow(session.read_again(), settings)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    button = win.filter_buttons["messages"]
    menu = button.menu()
    seen: list[tuple[bool, bool, tuple[QRect, QRect], QRect, QRect, bool]] = []

    def tick_deep() -> None:  # in the menu's own loop, as the button runs it
        screen = menu.screen().availableGeometry()
        opened = menu.geometry()
        deep = [a for a in menu.actions() if a.isCheckable()][row]
        menu.setActiveAction(deep)  # scrolled down to it, if need be
        place = menu.actionGeometry(deep)
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=place.center())
        QApplication.processEvents()
        show_all = menu.actions()[-1]
        still = (menu.geometry(), menu.actionGeometry(deep))
        menu.setActiveAction(show_all)
        reach = menu.rect().contains(menu.actionGeometry(show_all).center())
        seen.append(
            (opened.height() <= screen.height(), deep.isChecked(), still, place, opened, reach)
        )
        menu.close()

    QTimer.singleShot(0, tick_deep)
    button.showMenu()
    ((fits, ticked, (geometry, now), place, opened, reach),) = seen
    assert fits
    assert ticked
    assert geometry.height() == opened.height()  # (Qt may move it a pixel or two)
    assert abs(geometry.top() - opened.top()) <= 2
    assert (
        abs((now.top() + geometry.top()) - (place.top() + opened.top())) <= 2
    )  # still under the mouse
    assert reach


def test_undoing_a_delete_selects_the_posts_it_brings_back(
    window: MainWindow, session: CalendarSession
) -> None:
    """Enter or Delete did nothing after Ctrl+Z until the post was found again."""
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    assert post.date is not None
    window.go_to(post.date)
    window.month_view.select_posts([post.id])
    window.delete_action.trigger()
    assert session.store.posts([post.id]) == []
    assert window.month_view.selected_post_ids() == []
    window.undo_action.trigger()
    assert window.month_view.selected_post_ids() == [post.id]


def test_undoing_a_delete_stays_on_the_month_that_shows_the_posts(
    window: MainWindow, session: CalendarSession
) -> None:
    """Posts on the dimmed 30 November of December's grid and on 8 December, deleted
    and brought back: the view went to November, 8 December out of sight, and the
    status bar said so rather than what was undone."""
    channel = session.channels()[0].id
    for day in (date(2026, 11, 30), date(2026, 12, 8)):
        session.push(AddPostCommand(session, NewPost(f"On {day}", channel, date=day)))
    posts = list(session.posts_between(date(2026, 11, 30), date(2026, 12, 8)))
    made = [p.id for p in posts if p.title.startswith("On ")]
    window.go_to(date(2026, 12, 1))
    window.month_view.select_posts(made)
    window.delete_action.trigger()
    window.undo_action.trigger()
    assert window.month_view.displayed_month() == date(2026, 12, 1)
    assert sorted(window.month_view.selected_post_ids()) == sorted(made)
    assert window.statusBar().currentMessage().startswith("Undone: Delete 2 posts")


def test_a_replaced_calendar_whose_changes_cannot_be_backed_up_stays_shown(
    session: CalendarSession, settings: QSettings, tmp_path: Path, qtbot: QtBot
) -> None:
    """The backups folder cannot be written (a full disk): the window went over to the
    file put in place and the changes made here were nowhere any more. It stays on
    them, says how to keep them, and a copy saved has them."""
    blocker = tmp_path / "Backups"
    blocker.write_text("a file where the backups folder goes")
    errors = Errors()
    win = MainWindow(session, settings, backups=blocker / "inside", error_handler=errors)
    qtbot.addWidget(win)
    session.report_error = errors
    channel = session.channels()[0].id
    session.push(AddPostCommand(session, NewPost("Mine", channel, date=TODAY)))
    _theirs(session.store.path)

    assert not win.check_for_outside_changes()
    assert not win.check_for_outside_changes()  # said once
    (said,) = errors.seen
    assert said.endswith(
        "The changes made here since could not be kept as a backup, so Cadence still shows"
        " them: save them with File > Save a Copy As…, then open the calendar again."
    )
    assert win.session is session
    assert "Mine" in {session.store.post(i).title for i in win.month_view.posts_on(TODAY)}
    kept = tmp_path / "kept.cadence"
    assert win.save_copy(kept)
    with CalendarStore.open(kept) as copy:
        assert "Mine" in {p.title for p in copy.all_posts()}


@OFFSCREEN_POPUPS
def test_a_tooltip_keeps_each_short_line_on_its_line(window: MainWindow, qtbot: QtBot) -> None:
    """Qt set rich-text tooltips about 200 pixels wide: "…next Sat 16 Jan / 2027"."""
    from PySide6.QtWidgets import QToolTip

    line = "Every 14 days · last delivered Thu 19 Nov · next Sat 16 Jan 2027"
    QToolTip.showText(QPoint(100, 100), plain_tooltip(f"Title\n{line}\nWas due"), window)
    try:
        tips = [w for w in QApplication.topLevelWidgets() if isinstance(w, QLabel)]
        tip = next(w for w in tips if w.isVisible() and "Was due" in w.text())
        assert tip.width() >= tip.fontMetrics().horizontalAdvance(line)
        assert tip.height() < tip.fontMetrics().lineSpacing() * 4
    finally:
        QToolTip.hideText()


def test_a_tooltip_starting_with_a_right_to_left_title_reads_left_to_right(
    qapp: QApplication,
) -> None:
    """A post titled in Hebrew: its tooltip was set right to left whole ("מבצע :Key
    messages"), Qt taking the direction of its first letter."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(plain_tooltip("מבצע אביב\nKey messages: מבצע, Spring\n20 Nov: LinkedIn"))
    block = document.firstBlock()
    directions = []
    while block.isValid():
        directions.append(block.textDirection())
        block = block.next()
    assert directions == [Qt.LayoutDirection.LeftToRight]  # one block, its lines broken
    assert document.toPlainText() == "מבצע אביב\nKey messages: מבצע, Spring\n20 Nov: LinkedIn"


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    "line",
    [
        "Key messages: Solar pays for itself, Zero-hassle financing, Backed by a 25-year warranty",
        "Overdue 20 Nov – 11 Dec (22 days); cadence every 14 days",
    ],
    ids=["hyphen", "dash"],
)
def test_a_tooltip_keeps_a_line_whole(window: MainWindow, qtbot: QtBot, line: str) -> None:
    """Qt broke a kept line after a hyphen ("…, Zero-" then "hassle financing") or a
    dash (a gap's "Overdue 20 Nov –" then " 11 Dec")."""
    from PySide6.QtWidgets import QToolTip

    QToolTip.showText(QPoint(100, 100), plain_tooltip(f"Title\n{line}"), window)
    try:
        tips = [w for w in QApplication.topLevelWidgets() if isinstance(w, QLabel)]
        tip = next(w for w in tips if w.isVisible() and "Title" in w.text())
        assert tip.height() < tip.fontMetrics().lineSpacing() * 3
        shown = QTextDocumentFragment.fromHtml(tip.text()).toPlainText()
        assert shown.replace("\u2011", "-").replace("\u2060", "") == f"Title\n{line}"
    finally:
        QToolTip.hideText()


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("long", ["lines", "line", "long lines"])
def test_a_tooltip_of_any_length_keeps_its_first_line_on_the_screen(
    window: MainWindow, qtbot: QtBot, long: str
) -> None:
    """A message on 80 channels, a post carrying 300 key messages: the tooltip was
    taller than the screen, its title above the screen's top edge."""
    from PySide6.QtWidgets import QToolTip

    many = [f"Channel {n}: last Thu 19 Nov" for n in range(200)]
    if long == "long lines":  # statements of a few hundred letters each
        many = [" ".join(many[n : n + 12]) for n in range(0, 200, 12)]
    rest = "\n".join(many) if long != "line" else "Key messages: " + ", ".join(many)
    screen = window.screen().availableGeometry()
    QToolTip.showText(screen.center(), plain_tooltip(f"Title\n{rest}"), window)
    try:
        tips = [w for w in QApplication.topLevelWidgets() if isinstance(w, QLabel)]
        tip = next(w for w in tips if w.isVisible() and "Title" in w.text())
        assert screen.contains(tip.frameGeometry())
        shown = QTextDocumentFragment.fromHtml(tip.text()).toPlainText()
        assert shown.startswith("Title\n")
        assert shown.endswith("…")
    finally:
        QToolTip.hideText()


def test_a_copy_dragged_onto_a_day_gone_by_is_said_to_count_as_delivered(
    window: MainWindow, session: CalendarSession
) -> None:
    """Ctrl-dragged into a past gap, the copy is scheduled there and closes the gap as
    if it had gone out: the status bar says so, and how to put it right."""
    published = _a_published_post(session)
    _copy_onto(window, published, TODAY - timedelta(days=2))
    assert session.undo_stack.count() == 1
    assert window.statusBar().currentMessage() == (
        "The post you placed is on a past day, so Cadence counts it as delivered; set it"
        " to Published if it went out, or to Cancelled."
    )
    window.statusBar().clearMessage()
    _copy_onto(window, published, TODAY + timedelta(days=2))
    assert "past day" not in window.statusBar().currentMessage()

    # Undone, the word on the post it placed goes with it (it stayed, of a post gone).
    window.undo_action.trigger()
    _copy_onto(window, published, TODAY - timedelta(days=2))
    assert "past day" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert "past day" not in window.statusBar().currentMessage()

    # An idea dropped on a red day gone by is a draft there, which counts for nothing:
    # said (the idea left the backlog, the red stayed, nothing was said).
    idea = window.backlog.shown_post_ids()[0]
    month = window.month_view
    rect = month.day_rect(TODAY - timedelta(days=2))
    send_drop(
        month,
        QPoint(rect.center().x(), rect.bottom() - 4),
        posts_mime(session, [session.store.post(idea)]),
    )
    assert window.statusBar().currentMessage() == (
        "The post you placed is a draft on a past day, so it does not count as delivered;"
        " if it did go out, set it to Published."
    )


def test_the_word_on_a_day_gone_by_goes_with_the_next_step(
    window: MainWindow, session: CalendarSession
) -> None:
    """Undone (from the history itself) and then placed on a day ahead, the post was
    still said to be on a day gone by, for ten seconds: Cancelled, as it advised, would
    have cancelled a post well planned."""
    published = _a_published_post(session)
    _copy_onto(window, published, TODAY - timedelta(days=2))
    assert "past day" in window.statusBar().currentMessage()
    session.undo_stack.undo()
    assert "past day" not in window.statusBar().currentMessage()
    _copy_onto(window, published, TODAY - timedelta(days=3))
    assert "past day" in window.statusBar().currentMessage()
    _copy_onto(window, published, TODAY + timedelta(days=3))
    assert "past day" not in window.statusBar().currentMessage()


def test_one_post_of_several_placed_on_a_day_gone_by_is_named_by_its_day(
    window: MainWindow, session: CalendarSession
) -> None:
    """A series moved whole with one post landing before today said "The post you
    placed is on a day gone by": the one dropped was ahead."""
    earlier, gone = _standalone(session, TODAY - timedelta(days=9), TODAY - timedelta(days=2))[:2]
    ahead, later = (
        *_standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=9))[:2],
    )
    session.store.update_posts({gone.id: {"status": PostStatus.SCHEDULED}})
    session.placed([ahead.id, gone.id, later.id])
    assert gone.date is not None
    assert window.statusBar().currentMessage() == (
        f"1 of the 3 posts you placed ({day_text(gone.date)}) is on a past day, so Cadence"
        " counts it as delivered; set it to Published if it went out, or to Cancelled."
    )
    session.store.update_posts({gone.id: {"status": PostStatus.DRAFT}})
    session.placed([ahead.id, gone.id])
    assert window.statusBar().currentMessage() == (
        f"1 of the 2 posts you placed ({day_text(gone.date)}) is a draft on a past day, so"
        " it does not count as delivered; if it did go out, set it to Published."
    )
    # All of them: "2 of the posts you placed" sent the eye looking for the others.
    session.store.update_posts({p: {"status": PostStatus.SCHEDULED} for p in (gone.id, earlier.id)})
    session.placed([gone.id, earlier.id])
    assert window.statusBar().currentMessage() == (
        "The 2 posts you placed are on past days, so Cadence counts them as delivered; set"
        " them to Published if they went out, or to Cancelled."
    )


def test_a_series_moved_whole_into_days_gone_by_is_counted_whole(
    window: MainWindow, session: CalendarSession, scope_answers: ScopeAnswers
) -> None:
    """Dragged with "All" two weeks back, the series' posts on days gone by were said
    as one ("The post you placed...")."""
    week = session.posts_between(TODAY, TODAY + timedelta(days=6))
    occurrence = next(
        p for p in week if p.series_id is not None and p.status == PostStatus.SCHEDULED
    )
    assert occurrence.date is not None
    assert occurrence.series_id is not None
    series_id = occurrence.series_id
    # None gone out: those that did stay where they went out (and none may be landed on).
    session.store.update_posts(
        {p.id: {"status": PostStatus.SCHEDULED} for p in session.store.series_posts(series_id)}
    )
    series = session.store.series_posts(series_id)
    scope_answers.answer = "all"
    month = window.month_view
    month.set_current_date(TODAY)
    target = occurrence.date - timedelta(days=14)
    rect = month.day_rect(target)
    send_drop(month, QPoint(rect.center().x(), rect.bottom() - 4), month.drag_mime(occurrence.id))
    moved = session.store.series_posts(series_id)
    gone_by = [
        p
        for p in moved
        if p.date is not None and p.date < TODAY and p.status != PostStatus.PUBLISHED
    ]
    assert len(gone_by) > 1
    assert len(moved) == len(series)
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(f"{len(gone_by)} of the {len(moved)} posts you placed are on past days")
    )


def test_no_advice_on_days_gone_by_where_nothing_needs_putting_right(
    window: MainWindow, session: CalendarSession
) -> None:
    """A published post moved a day earlier went out all the same, and posts a deletion
    brings back were not placed: "set it to Published" was wrong advice for both."""
    published = _a_published_post(session)
    assert published.date is not None
    month = window.month_view
    month.set_current_date(published.date)
    rect = month.day_rect(published.date - timedelta(days=1))
    send_drop(month, QPoint(rect.center().x(), rect.bottom() - 4), month.drag_mime(published.id))
    assert session.store.post(published.id).date == published.date - timedelta(days=1)
    assert "past day" not in window.statusBar().currentMessage()

    channel = session.channels()[0].id
    late = NewPost("Late", channel, date=TODAY - timedelta(days=3), status=PostStatus.SCHEDULED)
    add = AddPostCommand(session, late)
    session.push(add)
    scheduled = session.store.post(add.created_ids[0])
    month.set_current_date(TODAY)
    month.select_posts([scheduled.id])
    window.delete_action.trigger()
    window.undo_action.trigger()
    assert unversioned([session.store.post(scheduled.id)]) == unversioned([scheduled])
    assert "past day" not in window.statusBar().currentMessage()


def test_a_look_again_after_the_calendar_closed_reads_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The looks again after a drag come a moment later, also once the window's
    calendar is closed (replaced by a file that could not be opened): a traceback."""
    monkeypatch.setattr(QDrag, "exec", lambda drag, *args: Qt.DropAction.MoveAction)
    post = _standalone(window.session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    rect = window.month_view.chip_rect(post.id)
    assert rect is not None
    drag_from(qtbot, window.month_view, rect.center())
    window.session.store.close()
    assert not window.check_for_outside_changes()


def test_an_idea_in_the_backlog_is_not_set_scheduled_or_published(window: MainWindow) -> None:
    """Set status > Scheduled in the backlog made an undated "scheduled" post, which the
    editor then showed as a draft."""
    idea = next(p for p in window.session.store.backlog() if p.status == PostStatus.IDEA)
    window.backlog.list.setFocus()
    window.backlog.select_posts([idea.id])
    window._offer_statuses()
    enabled = {a.data(): a.isEnabled() for a in window._status_menu.actions()}
    assert enabled["scheduled"] is False
    assert enabled["published"] is False
    assert enabled["draft"] is True
    assert not window.set_status(PostStatus.SCHEDULED)
    assert window.session.store.post(idea.id).status == PostStatus.IDEA
    assert window.set_status(PostStatus.DRAFT)
    assert window.session.store.post(idea.id).status == PostStatus.DRAFT
    # With a dated post among those selected, they are offered.
    dated = _standalone(window.session, TODAY, TODAY + timedelta(days=6))[0]
    window.month_view.setFocus()
    window.month_view.select_posts([dated.id])
    window._offer_statuses()
    enabled = {a.data(): a.isEnabled() for a in window._status_menu.actions()}
    assert enabled["scheduled"] is True
    assert enabled["published"] is True


def test_set_status_marks_the_status_the_picked_posts_have(window: MainWindow) -> None:
    """The menu of five statuses said none of them was the posts' own now."""

    def marked() -> list[str]:
        window._offer_statuses()
        return [a.data() for a in window._status_menu.actions() if a.isChecked()]

    first, second = _standalone(
        window.session, TODAY + timedelta(days=1), TODAY + timedelta(days=6)
    )[:2]
    window.month_view.setFocus()
    window.month_view.select_posts([first.id])
    assert all(a.isCheckable() for a in window._status_menu.actions())
    assert marked() == [first.status.value]
    assert window.set_status(PostStatus.CANCELLED)
    assert marked() == ["cancelled"]
    # Two posts of different statuses: none is theirs.
    window.month_view.select_posts([first.id, second.id])
    assert second.status != PostStatus.CANCELLED
    assert marked() == []
    assert window.set_status(PostStatus.DRAFT)
    assert marked() == ["draft"]
    # Choosing the one marked changes nothing and the mark stays.
    window._status_menu.actions()[[s.value for s in PostStatus].index("draft")].trigger()
    assert marked() == ["draft"]
    assert window.session.store.post(first.id).status == PostStatus.DRAFT


@OFFSCREEN_POPUPS
def test_a_post_given_another_day_in_the_editor_is_followed_there(window: MainWindow) -> None:
    """Moved in the editor, it stayed selected but the keyboard's day, Tab and Paste
    stayed on the day it left: Delete then removed a post out of sight."""
    post = _standalone(window.session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    assert post.date is not None
    target = post.date + timedelta(days=35)  # another month
    window.month_view.select_posts([post.id])

    def move_and_save() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, PostEditor)
        editor.date_edit.setDate(QDate(target.year, target.month, target.day))
        editor.accept()

    QTimer.singleShot(0, move_and_save)
    window.edit_post(post.id)
    assert window.session.store.post(post.id).date == target
    assert window.month_view.current_date() == target
    assert window.month_view.selected_post_ids() == [post.id]
    assert window.month_view.chip_rect(post.id) is not None


@OFFSCREEN_POPUPS
def test_a_post_the_editor_saves_out_of_the_filters_is_said_to_be_hidden(
    window: MainWindow,
) -> None:
    """Showing scheduled posts only, one set back to Draft in the editor vanished without
    a word (Set status said it); also one moved onto a channel hidden."""
    session = window.session
    post = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    session.store.update_post(post.id, {"status": PostStatus.SCHEDULED})
    session.set_filters(Filters(statuses=frozenset({PostStatus.SCHEDULED})))
    window.month_view.select_posts([post.id])
    hidden_word = "The post you changed is hidden by the filters; clear them to see it."

    def saved_with(change: Callable[[PostEditor], object]) -> None:
        def change_and_save() -> None:
            editor = QApplication.activeModalWidget()
            assert isinstance(editor, PostEditor)
            change(editor)
            editor.accept()

        QTimer.singleShot(0, change_and_save)
        window.edit_post(post.id)

    def to_draft(editor: PostEditor) -> None:
        editor.status_combo.setCurrentIndex(editor.status_combo.findData(PostStatus.DRAFT.value))

    saved_with(to_draft)
    assert session.store.post(post.id).status == PostStatus.DRAFT
    assert window.statusBar().currentMessage() == hidden_word
    # On a channel hidden.
    session.undo_stack.undo()
    other = next(c for c in session.channels() if c.id != post.channel_id)
    session.set_filters(Filters(hidden_channels=frozenset({other.id})))
    window.statusBar().clearMessage()

    def to_other(editor: PostEditor) -> None:
        editor.channel_combo.setCurrentIndex(editor.channel_combo.findData(other.id))

    saved_with(to_other)
    assert session.store.post(post.id).channel_id == other.id
    assert window.statusBar().currentMessage() == hidden_word
    # Given another month too: the view stays (it turned to a month showing nothing).
    session.undo_stack.undo()
    shown = window.month_view.current_date()
    later = shown + timedelta(days=40)

    def to_other_later(editor: PostEditor) -> None:
        to_other(editor)
        editor.date_edit.setDate(QDate(later.year, later.month, later.day))

    saved_with(to_other_later)
    assert session.store.post(post.id).date == later
    assert window.month_view.current_date() == shown
    assert window.statusBar().currentMessage() == hidden_word
    # Saved in sight: nothing of the kind.
    session.set_filters(Filters())
    window.statusBar().clearMessage()
    saved_with(to_draft)
    assert "hidden" not in window.statusBar().currentMessage()


@OFFSCREEN_POPUPS
def test_a_post_deleted_elsewhere_saved_as_new_is_the_one_selected(window: MainWindow) -> None:
    post = _standalone(window.session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    window.month_view.select_posts([post.id])
    before = {p.id for p in window.session.store.all_posts()}

    def delete_elsewhere_and_save() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, PostEditor)
        editor.ask_save_gone = lambda parent, title: "save"
        editor.title_edit.setText("Kept after all")
        with CalendarStore.open(window.session.store.path) as other:
            other.delete_posts([post.id])
        editor.accept()

    QTimer.singleShot(0, delete_elsewhere_and_save)
    window.edit_post(post.id)
    [new_id] = {p.id for p in window.session.store.all_posts()} - before
    assert window.session.store.post(new_id).title == "Kept after all"
    assert window.month_view.selected_post_ids() == [new_id]


def _opened_editors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The post editors opened from here on, by title (none is shown)."""
    opened: list[str] = []

    def exec_(editor: PostEditor) -> int:
        opened.append(editor.windowTitle())
        return 0

    monkeypatch.setattr(PostEditor, "exec", exec_)
    return opened


def _double_click(window: MainWindow, widget: QWidget, point: QPoint) -> None:
    """A double-click as the window system gives it: Qt picks the widget under the
    second press (which may be another by then)."""
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseDClick(
        handle,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        widget.mapTo(window, point),
    )


def test_a_double_click_on_more_opens_the_day_and_nothing_in_it(
    window: MainWindow, session: CalendarSession, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The month's "+N more" switched to the week on the first press; the second made
    a new post at the hour under the pointer. The week's "+N" opened the agenda's row
    under the pointer."""
    opened = _opened_editors(monkeypatch)
    day = date(2026, 11, 19)
    channel = session.channels()[0].id
    for n in range(12):
        session.push(AddPostCommand(session, NewPost(f"Crowd {n}", channel, date=day)))
    month = window.month_view
    more = month.more_rect(day)
    assert more is not None
    _double_click(window, month, more.center())
    assert (window.view_index(), window.view().current_date()) == (1, day)
    assert opened == []
    strip_more = window.week_view.more_rect(day)
    assert strip_more is not None
    _double_click(window, window.week_view, strip_more.center())
    assert window.view_index() == 2
    assert len(window.agenda_view.selected_post_ids()) >= 12
    assert opened == []
    # Once the double-click's time has passed, a double-click works as ever.
    qtbot.waitUntil(lambda: not window.second_press_guarded())
    row = window.agenda_view.table.visualRect(window.agenda_view.table.currentIndex())
    _double_click(window, window.agenda_view.table.viewport(), row.center())
    assert len(opened) == 1


def test_a_double_click_on_a_panel_row_s_name_picks_its_message(
    window: MainWindow, session: CalendarSession
) -> None:
    """The second press took back the first's pick."""
    panel = window.cadence_panel
    message = session.key_messages()[1].id
    row = panel.row_rect(message)
    _double_click(window, panel, QPoint(row.left() + 10, row.center().y()))
    assert session.selected_message == message


def test_undo_and_redo_say_which_step_and_where_its_posts_are(window: MainWindow) -> None:
    """A post pasted into next month, the view back on this one: Ctrl+Z put it back
    without a word of what moved, or where (the status bar, the keyboard's day and the
    selection all as they were)."""
    post = _standalone(window.session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    assert post.date is not None
    later = post.date + timedelta(days=30)
    window.session.push(MovePostsCommand(window.session, {post.id: (later, post.time)}))
    window.statusBar().clearMessage()
    text = window.session.undo_stack.undoText()
    window.undo_action.trigger()
    back = day_text(post.date, year=TODAY)
    assert window.statusBar().currentMessage() == f"Undone: {text} (now on {back})."
    window.redo_action.trigger()  # the word on the undo gives way, straight away
    there = day_text(later, year=TODAY)
    assert window.statusBar().currentMessage() == f"Redone: {text} (now on {there})."
    # The next step takes it away: it said for eight seconds where a post was no more.
    window.session.push(MovePostsCommand(window.session, {post.id: (post.date, post.time)}))
    assert not window.statusBar().currentMessage().startswith("Redone:")


def test_undoing_one_occurrences_status_names_its_day_alone(window: MainWindow) -> None:
    """It said "now on Fri 16 Oct and 15 other days": the undo puts back the series."""
    session = window.session
    post = next(
        p
        for p in session.store.all_posts()
        if p.series_id is not None and p.status != PostStatus.CANCELLED
    )
    assert post.date is not None
    command = status_command(session, [post], PostStatus.CANCELLED)
    assert command is not None
    session.push(command)
    window.undo_action.trigger()
    back = day_text(post.date, year=TODAY)
    assert window.statusBar().currentMessage() == f"Undone: {command.text()} (now on {back})."


def test_undoing_a_campaigns_deletion_names_no_days(window: MainWindow) -> None:
    """The step is about the campaign: "(now on … and 9 other days)" named its posts'."""
    session = window.session
    campaign = next(c for c in session.store.campaigns() if session.store.posts_in_campaign(c.id))
    session.push(CampaignCommand(session, campaign, None))
    window.undo_action.trigger()
    said = window.statusBar().currentMessage()
    assert said == f"Undone: Delete campaign '{campaign.name}'."
    assert session.store.posts_in_campaign(campaign.id)


BULK_STEPS: dict[str, Callable[[MainWindow], object]] = {
    "set status": lambda window: window.set_status(PostStatus.DRAFT),
    "delete": MainWindow.delete_selected,
    "copy": MainWindow.copy_selected,
    "cut": lambda window: window.copy_selected(cut=True),
}


@pytest.mark.parametrize("step", BULK_STEPS)
def test_a_step_on_many_posts_says_busy_while_it_reads_them(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """Set status, Delete or Copy of 50,000 ideas read them for up to a second under the
    usual pointer."""
    ideas = [p.id for p in window.session.store.backlog()]
    window.backlog.select_posts(ideas)
    window.backlog.setFocus()
    pointers: list[str] = []

    def seen(read: Callable[..., Any]) -> Callable[..., Any]:
        def reading(*args: Any, **kwargs: Any) -> Any:
            cursor = QApplication.overrideCursor()
            pointers.append(cursor.shape().name if cursor is not None else "usual")
            return read(*args, **kwargs)

        return reading

    monkeypatch.setattr(window.backlog, "selected_post_ids", seen(window.backlog.selected_post_ids))
    monkeypatch.setattr(window.session, "posts", seen(window.session.posts))
    monkeypatch.setattr(window.session.store, "posts", seen(window.session.store.posts))
    BULK_STEPS[step](window)
    assert len(pointers) >= 2
    assert set(pointers) == {"WaitCursor"}
    assert QApplication.overrideCursor() is None
    store = window.session.store
    if step == "set status":
        assert {p.status for p in store.posts(ideas)} == {PostStatus.DRAFT}
    elif step == "delete":
        assert store.posts(ideas) == []
    else:
        said = window.statusBar().currentMessage()
        assert said.startswith(f"{'Cut' if step == 'cut' else 'Copied'} {len(ideas)} posts:")


def test_the_agenda_asked_again_keeps_its_rows_picked(window: MainWindow, qtbot: QtBot) -> None:
    """Ctrl+3 in the agenda dropped three rows picked to one: the next Set status, Cut
    or Delete then took one post."""
    window.set_view(2)
    agenda = window.agenda_view
    first, last = agenda.visible_range()
    posts = [p.id for p in window.session.posts_between(first, last)][:3]
    agenda.select_posts(posts)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert sorted(agenda.selected_post_ids()) == sorted(posts)


def test_ideas_of_one_title_in_a_gap_menu_are_told_apart_by_their_channels(
    window: MainWindow,
) -> None:
    """Two ideas called "Tip" read as two identical items, to a screen reader too."""
    session = window.session
    message = session.store.add_key_message("Made in town", cadence_days=7).created[0]
    first, second = session.channels()[:2]
    for channel in (first, second, second):  # two on one channel: counted
        session.notify(session.store.add_post(NewPost("Tip", channel.id, (message,))))
    session.notify(session.store.add_post(NewPost("Other idea", first.id, (message,))))
    later = TODAY + timedelta(days=10)
    menu = _gap_menu(window, session.key_message(message), later)
    scheduling = sorted(label for label in _labels(menu) if label.startswith("Schedule"))
    assert scheduling == sorted(
        [
            "Schedule “Other idea” as a Draft",
            f"Schedule “Tip” as a Draft ({first.name})",
            f"Schedule “Tip” as a Draft ({second.name}, 1)",
            f"Schedule “Tip” as a Draft ({second.name}, 2)",
        ]
    )


def test_ideas_of_one_title_on_channels_named_alike_are_counted(window: MainWindow) -> None:
    """Two channels whose names read the same cut short ("Newsletter for customer…")."""
    session = window.session
    message = session.store.add_key_message("Made in town", cadence_days=7).created[0]
    for place in ("Europe", "America"):
        channel = session.store.add_channel(f"Newsletter for customers in {place}").created[0]
        session.notify(session.store.add_post(NewPost("Roof tips", channel, (message,))))
    later = TODAY + timedelta(days=10)
    menu = _gap_menu(window, session.key_message(message), later)
    scheduling = [label for label in _labels(menu) if label.startswith("Schedule")]
    assert len(set(scheduling)) == 2
    assert all(label.endswith(("1)", "2)")) for label in scheduling)


def test_a_repeat_of_a_post_later_today_reads_planned(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 11:20 the Fill the Gap menu called a post going out at 18:00 "sent"."""
    session = window.session
    message = session.store.add_key_message("Made in town", cadence_days=7).created[0]
    channel = session.channels()[0].id
    session.notify(
        session.store.add_post(
            NewPost("Tonight's post", channel, (message,), TODAY, time(18, 0), PostStatus.SCHEDULED)
        )
    )
    later = TODAY + timedelta(days=10)

    def label_at(now: time) -> str:
        monkeypatch.setattr(session, "now", lambda: now)
        menu = _gap_menu(window, session.key_message(message), later)
        return next(label for label in _labels(menu) if "Tonight" in label)

    assert label_at(time(11, 20)).endswith(f", planned {day_text(TODAY, year=later)})")
    assert label_at(time(18, 30)).endswith(f", sent {day_text(TODAY, year=later)})")


def _answer_time(at: QTime, seen: list[str] | None = None) -> None:
    """Type ``at`` into the time the open dialog asks for, and accept it; ``seen`` is
    given the name of its field as a screen reader has it."""
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    edit = dialog.findChild(QTimeEdit)
    assert edit is not None
    if seen is not None:
        title = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
        assert dialog.width() > title + 100  # the title whole beside the bar's buttons
        seen.append(edit.accessibleName())
    edit.setTime(at)
    cast(QDialog, dialog).accept()


@OFFSCREEN_POPUPS
def test_the_week_pastes_at_a_time_asked_for_from_the_keyboard(window: MainWindow) -> None:
    """The Menu key on a day of the week offered Paste at the posts' own times only: no
    keyboard way to the hour a right-click on the grid gives."""
    session = window.session
    post = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    assert post.date is not None
    window.month_view.select_posts([post.id])
    window.copy_posts_action.trigger()
    window.set_view(1)
    day = post.date + timedelta(days=1)
    window.week_view.set_current_date(day)
    window.week_view.select_posts([])
    menu = window.post_menu()
    paste_at = next(a for a in menu.actions() if a.text() == "Paste at a T&ime…")
    assert paste_at.isEnabled()

    before = {p.id for p in session.store.all_posts()}
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_time(QTime(14, 30), seen))
    paste_at.trigger()
    (copy,) = {p.id for p in session.store.all_posts()} - before
    placed = session.store.post(copy)
    assert (placed.date, placed.time) == (day, time(14, 30))
    assert seen == [f"Paste on {day_text(day)} at"]  # the day, said only by the week


@OFFSCREEN_POPUPS
def test_a_post_cut_in_the_week_moves_to_another_hour_from_its_own_menu(
    window: MainWindow,
) -> None:
    """Cut, then the Menu key: the post stays picked, and its menu had no Paste at a
    Time (Esc first, unsaid)."""
    session = window.session
    post = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    assert post.date is not None
    window.set_view(1)
    window.week_view.set_current_date(post.date)
    window.week_view.select_posts([post.id])
    window.cut_posts_action.trigger()
    assert window.selected_post_ids() == [post.id]
    menu = window.post_menu()
    paste_at = next(a for a in menu.actions() if a.text() == "Paste at a T&ime…")
    assert paste_at.isEnabled()
    keys = [k for a in menu.actions() if (k := _key(a.text()))]
    assert len(keys) == len(set(keys)), keys  # T took Cu&t and Paste at a &Time both

    QTimer.singleShot(0, lambda: _answer_time(QTime(16, 45)))
    paste_at.trigger()
    moved = session.store.post(post.id)
    assert (moved.date, moved.time) == (post.date, time(16, 45))


@OFFSCREEN_POPUPS
def test_the_week_pastes_posts_all_day_from_the_keyboard(window: MainWindow) -> None:
    """A drop on the all-day strip takes the posts' times off: the keyboard had no way
    to, but the editor one post at a time."""
    session = window.session
    first, second = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[:2]
    assert first.date is not None
    assert second.date is not None
    assert first.time is not None
    assert second.time is not None
    window.set_view(1)
    week = window.week_view
    week.setFocus()
    week.select_posts([first.id, second.id])
    window.cut_posts_action.trigger()
    menu = window.post_menu()
    all_day = next(a for a in menu.actions() if a.text() == "Paste A&ll Day")
    assert all_day.isEnabled()
    keys = [k for a in menu.actions() if (k := _key(a.text()))]
    assert len(keys) == len(set(keys)), keys
    day = week.current_date()
    all_day.trigger()
    moved = session.store.posts([first.id, second.id])
    assert [p.time for p in moved] == [None, None]
    assert day in {p.date for p in moved}  # on the day the keyboard is on, as far apart
    landed = [p.date for p in moved if p.date is not None]
    assert landed[1] - landed[0] == second.date - first.date
    window.undo_action.trigger()
    assert session.store.posts([first.id, second.id]) == [first, second]
    QApplication.clipboard().clear()
    week.select_posts([])
    (greyed,) = [a for a in window.post_menu().actions() if a.text() == "Paste A&ll Day"]
    assert not greyed.isEnabled()


def test_a_settings_change_of_one_thing_names_it_in_undo(session: CalendarSession) -> None:
    """Undo read "Change calendar settings" whatever changed."""
    from calendar_app.ui.settings import CalendarSettingsCommand

    before = session.store.info()
    cases = [
        (replace(before, timezone="Asia/Tokyo"), "Change time zone to Asia/Tokyo"),
        (replace(before, week_start=WeekStart.SUNDAY), "Change week start to Sunday"),
        (replace(before, name="Solenne Solar US"), "Change name to 'Solenne Solar US'"),
        (replace(before, default_cadence_days=21), "Change default cadence to every 21 days"),
        (replace(before, name="X", timezone="Asia/Tokyo"), "Change calendar settings"),
    ]
    for new, text in cases:
        assert CalendarSettingsCommand(session, new).text() == text


@pytest.mark.parametrize("act", ["open", "delete", "copy", "status"])
def test_acting_on_a_post_deleted_elsewhere_says_so_and_reads_the_calendar_again(
    window: MainWindow, session: CalendarSession, demo_path: Path, errors: Errors, act: str
) -> None:
    """Enter said "There is no post number 93"; Delete added empty steps to undo; Copy
    said "Select a post first." with the chip selected; Set status did nothing, unsaid."""
    post = _standalone(session, TODAY, TODAY + timedelta(days=6))[0]
    window.go_to(cast(date, post.date))
    window.view().select_posts([post.id])
    with CalendarStore.open(demo_path) as elsewhere:
        elsewhere.delete_posts([post.id])
    steps = window.session.undo_stack.count()
    if act == "open":
        window.edit_selected()
    elif act == "delete":
        window.delete_selected()
    elif act == "copy":
        window.copy_selected()
    else:
        assert not window.set_status(PostStatus.PUBLISHED)
    assert errors.seen == []
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(
            "That post was deleted in another window or program meanwhile, so nothing was done"
        )
    )
    assert window.session.undo_stack.count() <= steps
    assert post.id not in window.month_view.posts_on(cast(date, post.date))  # read again


def test_a_step_taken_after_another_program_s_change_can_be_undone_once_read_again(
    window: MainWindow, session: CalendarSession, demo_path: Path
) -> None:
    """A drop right after a change made on the command line: the drag's end read the
    calendar again, and with it went the drop's undo."""
    earlier, moved, theirs = _standalone(session, TODAY, TODAY + timedelta(days=10))[:3]
    assert earlier.date is not None
    assert moved.date is not None
    window.session.push(
        MovePostsCommand(window.session, {earlier.id: (earlier.date + timedelta(days=1), None)})
    )
    with CalendarStore.open(demo_path) as elsewhere:  # the command line, say
        elsewhere.update_post(theirs.id, {"title": "Retitled elsewhere"})
    later = moved.date + timedelta(days=2)
    window.session.push(MovePostsCommand(window.session, {moved.id: (later, moved.time)}))
    window.session.dragEnded.emit()  # as a drag ends: the calendar is read again
    assert window.session is not session
    assert window.session.store.post(theirs.id).title == "Retitled elsewhere"
    assert window.statusBar().currentMessage() == (
        "The calendar was changed outside this window, so it has been read again (the"
        " steps taken here since can still be undone)."
    )
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Move post"
    window.undo_action.trigger()
    assert window.session.store.post(moved.id).date == moved.date  # the drop, undone
    window.go_to(moved.date)
    assert moved.id in window.month_view.posts_on(moved.date)  # and shown so
    assert moved.id not in window.month_view.posts_on(later)
    assert window.session.store.post(theirs.id).title == "Retitled elsewhere"
    # The move before the other program's change stays: undoing it would undo theirs.
    assert not window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo"  # no step named that cannot be taken
    assert window.redo_action.text() == "&Redo Move post"
    window.undo_action.trigger()
    assert window.session.store.post(earlier.id).date == earlier.date + timedelta(days=1)
    window.redo_action.trigger()
    assert window.session.store.post(moved.id).date == later


def test_a_double_click_that_brings_the_window_back_acts_on_the_post_clicked(
    window: MainWindow, session: CalendarSession, demo_path: Path, qtbot: QtBot
) -> None:
    """The window read the calendar again as it came to the front, before the click
    that brought it there landed: a double-click on a post another window had deleted
    opened a new post on its day (one moved away: the post now under the pointer)."""
    post = _standalone(session, TODAY + timedelta(days=1), TODAY + timedelta(days=6))[0]
    assert post.date is not None
    window.go_to(post.date)
    elsewhere = QWidget()  # the other window, in front
    qtbot.addWidget(elsewhere)
    with qtbot.waitActive(elsewhere):
        elsewhere.show()
        elsewhere.activateWindow()
    with CalendarStore.open(demo_path) as other:
        other.delete_posts([post.id])
    rect = window.month_view.chip_rect(post.id)
    assert rect is not None
    opened = _reading_next_editor(lambda editor: editor.windowTitle())
    with qtbot.waitActive(window):
        window.activateWindow()
    double_click(qtbot, window.month_view, rect.center())
    assert opened == []  # neither a new post nor another
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("That post was deleted in another window or program meanwhile")
    )
    qtbot.waitUntil(lambda: window.session is not session)  # read again


def test_settings_that_cannot_be_saved_are_said_once(
    session: CalendarSession, errors: Errors, qtbot: QtBot, tmp_path: Path
) -> None:
    """A settings folder Cadence may not write (read-only, a full disk): the welcome
    screen came back at every start, the calendar was not opened again, and a crash's
    changes went unbacked, and nothing was said."""
    (tmp_path / "config").write_text("a file where the folder should be")
    unkept = QSettings(str(tmp_path / "config" / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(session, unkept, error_handler=errors, backups=tmp_path / "Backups")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(errors.seen))
    assert errors.seen == [
        f"Cadence cannot save its settings in {tmp_path / 'config' / 'settings.ini'}, so it"
        " will not remember this calendar, its window or its filters next time, nor back up"
        " the changes a crash leaves; make room there, or let Cadence write there."
    ]
    post = session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    session.push(DeletePostsCommand(session, [post.id]))  # marked unbacked: not kept either
    assert len(errors.seen) == 1


def test_settings_that_are_saved_say_nothing(
    window: MainWindow, errors: Errors, qtbot: QtBot
) -> None:
    post = window.session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    window.session.push(DeletePostsCommand(window.session, [post.id]))
    window._say_if_settings_unkept()  # (as the window does once it is up)
    assert errors.seen == []


def test_settings_a_line_of_which_does_not_read_say_nothing(
    session: CalendarSession, errors: Errors, qtbot: QtBot, tmp_path: Path
) -> None:
    """A line Qt cannot read (edited by hand) is no file it cannot write."""
    (tmp_path / "settings.ini").write_text("[General]\nnot a setting at all\n")
    kept = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(session, kept, error_handler=errors, backups=tmp_path / "Backups")
    qtbot.addWidget(win)
    post = session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    session.push(DeletePostsCommand(session, [post.id]))  # marked unbacked, and kept
    win._say_if_settings_unkept()  # (as the window does once it is up)
    assert errors.seen == []
    assert QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat).allKeys()


def test_settings_that_can_no_longer_be_saved_are_said_at_the_next_change(
    session: CalendarSession, errors: Errors, qtbot: QtBot, tmp_path: Path
) -> None:
    """The disk filled after the window opened: a crash's changes, their mark never
    kept, would go unbacked, unsaid."""
    folder = tmp_path / "config"
    folder.mkdir()
    kept = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(session, kept, error_handler=errors, backups=tmp_path / "Backups")
    qtbot.addWidget(win)
    win._say_if_settings_unkept()  # (as the window does once it is up)
    assert errors.seen == []
    shutil.rmtree(folder)
    folder.write_text("a file where the folder was")  # the settings cannot be written now
    post = session.posts_between(TODAY, TODAY + timedelta(days=7))[0]
    session.push(DeletePostsCommand(session, [post.id]))
    assert len(errors.seen) == 1
    assert errors.seen[0].startswith("Cadence cannot save its settings in ")


def test_panes_are_resized_from_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    """Their edges could only be dragged (the handles take no focus): a keyboard user at
    200% could not make the cadence panel taller to see more of its rows."""
    actions = {a.text(): a for a in window.pane_menu.actions()}
    main, left, right = window.splitters
    panel_before = right.sizes()[1]
    actions["Cadence Panel &Taller"].trigger()
    assert right.sizes()[1] > panel_before
    sidebar_before = main.sizes()[0]
    actions["Sidebar &Wider"].trigger()
    assert main.sizes()[0] > sidebar_before
    actions["Sidebar &Narrower"].trigger()
    assert main.sizes()[0] == sidebar_before
    backlog_before = left.sizes()[1]
    actions["Backlog &Shorter"].trigger()
    assert left.sizes()[1] < backlog_before
    for _ in range(30):  # never to nothing: each keeps its least size
        actions["Cadence Panel Shorte&r"].trigger()
    assert right.sizes()[1] >= window.cadence_panel.minimumSizeHint().height() > 0
