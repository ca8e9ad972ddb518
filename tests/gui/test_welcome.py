"""The first start: when the welcome screen appears, and what each of its choices opens."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time as time_module
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QMimeData, QSettings, Qt, QTimer
from PySide6.QtGui import QFileOpenEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from calendar_app.app import DEMO_NAME, data_folder, path_from_settings
from calendar_app.core.cadence import MessageStatus, analyse, default_window
from calendar_app.core.demo import write_demo
from calendar_app.core.errors import StorageProblem, to_its_backups
from calendar_app.core.models import NewPost, PostStatus, WeekStart
from calendar_app.core.store import CalendarStore
from calendar_app.render.weeks import locale_week_start, rest_days
from calendar_app.ui import main as main_module
from calendar_app.ui import welcome as welcome_module
from calendar_app.ui.dialogs import announce_error
from calendar_app.ui.main import (
    WELCOME_SHOWN,
    FileOpenHandler,
    error_hook,
    is_first_run,
    open_first_calendar,
    run_window,
)
from calendar_app.ui.main_window import MainWindow
from calendar_app.ui.welcome import (
    NewCalendarPlan,
    WelcomeDialog,
    chosen_zone,
    create_planned_calendar,
    free_path,
    show_welcome,
    time_zone_names,
)

from ..files import damage_inside, no_file_past
from .conftest import OFFSCREEN_POPUPS, TODAY, app_font_times, heard_announcements


class Recorder:
    """Stands in for the error box and the "it went well" box, keeping what they said."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.details: list[list[str]] = []

    def __call__(self, parent: QWidget | None, said: object, details: Sequence[str] = ()) -> None:
        self.seen.append(str(said))
        self.details.append(list(details))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Cadence's data folder, inside the test's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = data_folder()
    assert tmp_path in folder.parents
    return folder


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window's start says in its error boxes, one sentence each, then what it
    does instead."""
    sentences: list[str] = []

    def box(parent: QWidget | None, exc: BaseException, *, then: str = "") -> None:
        sentences.append(" ".join(filter(None, (str(exc), then))))

    monkeypatch.setattr(main_module, "show_error", box)
    return sentences


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def errors() -> Recorder:
    return Recorder()


@pytest.fixture
def notes() -> Recorder:
    return Recorder()


@pytest.fixture
def dialog(data: Path, errors: Recorder, notes: Recorder, qtbot: QtBot) -> Iterator[WelcomeDialog]:
    welcome = WelcomeDialog(error_handler=errors, notify=notes)
    qtbot.addWidget(welcome)
    yield welcome
    if welcome.store is not None:
        welcome.store.close()


def _main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


# -- when it appears --------------------------------------------------------------


def test_a_fresh_start_is_a_first_run(settings: QSettings) -> None:
    assert is_first_run(None, settings)


def test_a_calendar_opened_before_means_no_welcome(settings: QSettings, demo_path: Path) -> None:
    settings.setValue("lastFile", str(demo_path))
    assert not is_first_run(None, settings)


def test_a_calendar_named_on_the_command_line_means_no_welcome(
    settings: QSettings, demo_path: Path
) -> None:
    assert not is_first_run(demo_path, settings)


def test_the_welcome_is_shown_once(settings: QSettings) -> None:
    settings.setValue(WELCOME_SHOWN, True)
    settings.sync()
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert not is_first_run(None, again)


def test_first_run_shows_the_welcome_and_opens_its_choice(
    settings: QSettings, demo_path: Path, data: Path, qapp: QApplication
) -> None:
    asked: list[bool] = []

    def welcome() -> CalendarStore:
        asked.append(True)
        return CalendarStore.open(demo_path)

    status = run_window(None, quit_after_ms=0, settings=settings, welcome=welcome)
    assert status == 0
    assert asked == [True]
    assert settings.value(WELCOME_SHOWN, False, type=bool)
    assert Path(str(settings.value("lastFile"))) == demo_path.resolve()


def test_a_spoiled_settings_file_is_said_as_the_start_goes_on_afresh(
    tmp_path: Path, demo_path: Path, data: Path, said: list[str], qapp: QApplication
) -> None:
    """Zero bytes, as a power cut leaves a file: the welcome screen came back and the
    last calendar was not opened, unsaid."""
    spoiled = tmp_path / "spoiled.ini"
    spoiled.write_bytes(b"\x00" * 512)
    settings = QSettings(str(spoiled), QSettings.Format.IniFormat)
    asked: list[bool] = []

    def welcome() -> CalendarStore:
        asked.append(True)
        return CalendarStore.open(demo_path)

    assert run_window(None, quit_after_ms=0, settings=settings, welcome=welcome) == 0
    assert asked == [True]
    assert len(said) == 1
    assert said[0].startswith(f"Cadence could not read its settings ({spoiled} is spoiled")
    assert said[0].endswith(f"(those Cadence made are in {data}).")


@pytest.mark.parametrize("how", ["last file", "path argument"])
def test_no_welcome_after_the_first_run(
    how: str, settings: QSettings, demo_path: Path, data: Path, qapp: QApplication
) -> None:
    asked: list[bool] = []

    def welcome() -> CalendarStore | None:
        asked.append(True)
        return None

    if how == "last file":
        settings.setValue("lastFile", str(demo_path))
        status = run_window(None, quit_after_ms=0, settings=settings, welcome=welcome)
    else:
        status = run_window(demo_path, quit_after_ms=0, settings=settings, welcome=welcome)
    assert status == 0
    assert asked == []
    assert Path(str(settings.value("lastFile"))) == demo_path.resolve()


def test_a_calendar_whose_name_is_not_utf8_opens_again_at_the_next_start(
    settings: QSettings,
    demo_path: Path,
    data: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
) -> None:
    """A name in another encoding (an old archive's "café" in Latin-1): the settings
    file kept it as "caf\ufffd", so the next start said it had gone."""
    odd = tmp_path / os.fsdecode(b"caf\xe9 plan.cadence")
    demo_path.rename(odd)
    assert run_window(odd, quit_after_ms=0, settings=settings) == 0
    settings.sync()
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)  # as the next start
    assert path_from_settings(again.value("lastFile")) == odd
    assert [path_from_settings(entry) for entry in again.value("recentFiles")] == [odd]
    first = open_first_calendar(None, again)
    assert first is not None
    with closing(first) as store:
        assert store.path == odd
    assert said == []


def test_quitting_the_welcome_quits_cleanly(
    settings: QSettings, data: Path, qapp: QApplication
) -> None:
    before = len(_main_windows())

    def quit_welcome() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, WelcomeDialog)
        modal.quit_button.click()

    QTimer.singleShot(0, quit_welcome)
    assert run_window(None, settings=settings) == 0
    assert len(_main_windows()) == before
    assert not settings.value(WELCOME_SHOWN, False, type=bool)
    assert not settings.value("lastFile")
    assert is_first_run(None, settings)


def test_the_window_shows_errors_no_code_expected(
    settings: QSettings, data: Path, qapp: QApplication
) -> None:
    """While the window runs, a bug raised in a slot is printed and shown in a box."""
    before = sys.excepthook
    during: list[object] = []

    def welcome() -> None:
        during.append(sys.excepthook)

    assert run_window(None, settings=settings, welcome=welcome) == 0
    assert during[0] is not before
    assert sys.excepthook is before  # put back as it was

    printed: list[BaseException] = []
    shown: list[BaseException] = []
    hook = error_hook(lambda parent, exc: shown.append(exc), lambda k, v, tb: printed.append(v))
    bug = ValueError("a bug")
    hook(ValueError, bug, None)
    hook(KeyboardInterrupt, KeyboardInterrupt(), None)  # not an error to show
    assert shown == [bug]
    assert printed[0] is bug
    assert len(printed) == 2


@OFFSCREEN_POPUPS
def test_an_unexpected_error_box_does_not_wait(qapp: QApplication) -> None:
    box = announce_error(None, ValueError("a bug"))
    try:
        assert box.isVisible()
        assert box.text() == "Cadence ran into a problem it did not expect; nothing was saved."
        assert box.detailedText() == "ValueError: a bug"
    finally:
        box.close()


@OFFSCREEN_POPUPS
def test_running_out_of_memory_is_said_as_such(qapp: QApplication) -> None:
    box = announce_error(None, MemoryError())
    try:
        assert box.text().startswith("Cadence ran out of memory, so it stopped")
        assert box.detailedText() == ""
    finally:
        box.close()


def _error_boxes() -> list[QWidget]:
    return [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "errorBox" and w.isVisible()
    ]


@OFFSCREEN_POPUPS
def test_a_recurring_error_opens_one_box_at_a_time(qapp: QApplication) -> None:
    printed: list[BaseException] = []
    hook = error_hook(announce_error, lambda k, v, tb: printed.append(v))
    for _ in range(30):  # a bug in a paint event comes back at every repaint
        hook(ValueError, ValueError("in a paint event"), None)
    hook(KeyError, KeyError("another"), None)  # while the box is open: printed only
    assert len(printed) == 31
    (box,) = _error_boxes()
    assert isinstance(box, QMessageBox)
    assert box.detailedText() == "ValueError: in a paint event"
    box.close()
    hook(ValueError, ValueError("in a paint event"), None)  # shown once already
    assert _error_boxes() == []
    hook(KeyError, KeyError("another"), None)
    (box,) = _error_boxes()
    assert isinstance(box, QMessageBox)
    assert box.detailedText() == "KeyError: 'another'"
    box.close()


def test_a_headless_first_start_goes_through_the_welcome_to_the_demo(
    settings: QSettings, data: Path, qapp: QApplication
) -> None:
    assert run_window(None, quit_after_ms=50, settings=settings) == 0
    assert Path(str(settings.value("lastFile"))) == (data / DEMO_NAME).resolve()


def test_show_welcome_returns_nothing_when_rejected(data: Path, qapp: QApplication) -> None:
    def escape() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, WelcomeDialog)
        modal.reject()

    QTimer.singleShot(0, escape)
    assert show_welcome() is None


# -- how it looks and handles ---------------------------------------------------------


def test_four_choices_with_titles_descriptions_and_mnemonics(dialog: WelcomeDialog) -> None:
    titles = [b.title for b in dialog.choice_buttons]
    assert titles == [
        "Open the demo calendar",
        "Start a new calendar",
        "Open a file…",
        "Import from iCalendar or CSV…",
    ]
    assert all(len(b.description) > 30 for b in dialog.choice_buttons)
    assert all(b.accessibleDescription() == b.description for b in dialog.choice_buttons)
    keys = [b.shortcut().toString() for b in dialog.choice_buttons]
    assert keys == ["Alt+D", "Alt+N", "Alt+O", "Alt+I"]
    assert "<u>d</u>" in dialog.demo_button.title_label.text()
    assert dialog.heading.text() == "Welcome to Cadence"
    assert dialog.demo_button.isDefault()


def test_tab_goes_through_the_choices_in_order(dialog: WelcomeDialog, qtbot: QtBot) -> None:
    with qtbot.waitExposed(dialog):
        dialog.show()
    order: list[QWidget] = []
    widget: QWidget | None = dialog.demo_button
    while widget is not None and len(order) < 5:
        if widget.isVisibleTo(dialog) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == [*dialog.choice_buttons, dialog.quit_button]


def test_enter_opens_the_demo(dialog: WelcomeDialog, data: Path, qtbot: QtBot) -> None:
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.focusWidget() is dialog.demo_button
    qtbot.keyClick(dialog.demo_button, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.store is not None
    assert dialog.store.path == data / DEMO_NAME
    assert dialog.store.count_posts() > 50


def _newer_demo(data: Path) -> Path:
    """The demo calendar in Cadence's folder, as a newer Cadence saved it."""
    from calendar_app.core import database

    demo = data / DEMO_NAME
    data.mkdir(parents=True)
    write_demo(demo, today=TODAY)
    with closing(sqlite3.connect(demo)) as conn:
        conn.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
        conn.commit()
    return demo


def test_a_demo_that_does_not_open_is_set_aside_for_a_new_one(
    dialog: WelcomeDialog, data: Path, errors: Recorder
) -> None:
    """The demo saved by a newer Cadence: "Open the demo calendar" said so at every
    try, and never wrote a demo it could open; the one there is kept, named."""
    demo = _newer_demo(data)
    newer = demo.read_bytes()
    kept = data / "Demo (not opened).cadence"
    assert dialog.open_demo()
    assert errors.seen == [
        f"{demo} was saved by a newer version of Cadence; update Cadence to open it."
        f" Cadence kept it as {kept} and opens a new demo calendar."
    ]
    assert kept.read_bytes() == newer
    assert dialog.store is not None
    assert dialog.store.path == demo
    assert dialog.store.count_posts() > 50


def test_escape_on_the_form_goes_back_to_the_choices(dialog: WelcomeDialog, qtbot: QtBot) -> None:
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.new_button.click()
    assert dialog.page() == WelcomeDialog.NEW_CALENDAR
    assert dialog.create_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.page() == WelcomeDialog.CHOICES
    assert dialog.isVisible()
    assert not dialog.create_button.isDefault()
    # The focus is back on the choice that led to the form (a keyboard user went on
    # from the first choice), after Esc as after Back; Enter takes it again.
    assert dialog.focusWidget() is dialog.new_button
    assert dialog.new_button.isDefault()
    dialog.new_button.click()
    dialog.back_button.click()
    assert dialog.focusWidget() is dialog.new_button


# -- each choice ------------------------------------------------------------------


def test_open_a_file(dialog: WelcomeDialog, demo_path: Path) -> None:
    assert dialog.open_file(demo_path)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.store is not None
    assert dialog.store.path == demo_path


def test_a_file_dropped_on_the_welcome_screen_is_opened_or_imported(
    dialog: WelcomeDialog, demo_path: Path, data: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """On a first start, a calendar dragged from the file manager was refused unsaid
    (the no-drop cursor alone); and on the form's name field it was typed in."""
    from PySide6.QtCore import QPoint, QUrl

    from .dragdrop import drag_over, send_drop

    def carrying(path: Path) -> QMimeData:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        mime.setText(QUrl.fromLocalFile(str(path)).toString())  # as file managers do
        return mime

    dialog.start_new_calendar()
    name = dialog.new_page.name_edit
    typed = name.text()
    assert not drag_over(dialog, QPoint(5, 5), carrying(tmp_path / "logo.png"))
    send_drop(name, QPoint(5, 5), carrying(demo_path))
    qtbot.waitUntil(lambda: dialog.store is not None)
    assert name.text() == typed
    assert dialog.store is not None
    assert dialog.store.path == demo_path
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_plan_dropped_on_the_welcome_screen_makes_a_calendar_of_it(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QPoint, QUrl

    from .dragdrop import send_drop

    plan = tmp_path / "Spring plan.csv"
    plan.write_text("date,channel,title\n2027-03-01,Blog,Kick-off\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(plan))])
    send_drop(dialog, QPoint(5, 5), mime)
    qtbot.waitUntil(lambda: dialog.store is not None)
    assert dialog.store is not None
    assert dialog.store.path == data / "Spring plan.cadence"
    assert [p.title for p in dialog.store.all_posts()] == ["Kick-off"]


def test_a_file_that_is_not_a_calendar_is_refused_in_one_sentence(
    dialog: WelcomeDialog, errors: Recorder, tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.cadence"
    bogus.write_text("shopping list", encoding="utf-8")
    assert not dialog.open_file(bogus)
    assert dialog.store is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(errors.seen) == 1


def welcome_in(country: QLocale.Country, qtbot: QtBot) -> WelcomeDialog:
    """A welcome screen made with Qt's default locale English in ``country``."""
    QLocale.setDefault(QLocale(QLocale.Language.English, country))
    try:
        fresh = WelcomeDialog()
        qtbot.addWidget(fresh)
    finally:
        QLocale.setDefault(QLocale.c())
    return fresh


def test_new_calendar_defaults(
    dialog: WelcomeDialog, data: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setattr(welcome_module, "system_timezone", lambda default: "Europe/Paris")
    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    fresh = welcome_in(QLocale.Country.UnitedStates, qtbot)
    page = fresh.new_page
    assert page.zone_combo.currentText() == "Europe/Paris"
    assert page.zone_combo.isEditable()
    assert page.zone_combo.count() == len(time_zone_names()) > 300
    assert page.week_combo.currentData() == WeekStart.SUNDAY
    assert [name for name, _ in page.channel_choices()] == ["LinkedIn", "Newsletter"]
    assert page.location() == data / "My content calendar.cadence"
    # Its end in sight: the file's name (its start showed folders, the name cut off).
    assert page.location_edit.cursorPosition() == len(str(page.location()))
    assert page.location_edit.toolTip() == str(page.location())
    assert [s.value() for s in page.cadence_spins] == [14, 14, 14]
    assert page.problems() == []


def test_a_zone_only_qt_can_read_is_the_new_calendar_s(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Where the files the command line reads say nothing (Windows keeps its zone in
    the registry), the zone Qt reads is preselected, not UTC."""
    monkeypatch.setattr(welcome_module, "system_timezone", lambda default: default)
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # what Qt reads first on Linux
    fresh = WelcomeDialog()
    qtbot.addWidget(fresh)
    assert fresh.new_page.zone_combo.currentText() == "Asia/Tokyo"


def test_week_start_follows_the_locale() -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    france = QLocale(QLocale.Language.French, QLocale.Country.France)
    egypt = QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)
    iran = QLocale(QLocale.Language.Persian, QLocale.Country.Iran)
    maldives = QLocale(QLocale.Language.Divehi, QLocale.Country.Maldives)
    assert locale_week_start(us) == WeekStart.SUNDAY
    assert locale_week_start(france) == WeekStart.MONDAY
    assert locale_week_start(egypt) == locale_week_start(iran) == WeekStart.SATURDAY
    assert maldives.firstDayOfWeek() == Qt.DayOfWeek.Friday
    assert locale_week_start(maldives) == WeekStart.MONDAY  # no calendar starts on Friday


def test_a_new_calendar_s_weeks_follow_the_locale_named_for_dates(
    dialog: WelcomeDialog, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """``LC_TIME=en_US`` beside ``LANG=en_GB`` asks for weeks from Sunday, as ``cadence
    init`` reads it (the welcome screen asked Qt's default locale, set apart from the
    environment: Monday)."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("LC_TIME", "en_US.UTF-8")
    fresh = welcome_in(QLocale.Country.UnitedKingdom, qtbot)
    assert fresh.new_page.week_combo.currentData() == WeekStart.SUNDAY
    assert locale_week_start() == WeekStart.SUNDAY


def test_where_the_environment_names_no_locale_the_system_s_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """macOS and Windows name no locale in the environment: their region settings, as
    Qt reads them, give the days of rest (Friday and Saturday in Israel, not the
    Saturday and Sunday of no locale at all)."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(name, raising=False)
    israel = QLocale(QLocale.Language.Hebrew, QLocale.Country.Israel)
    assert rest_days(israel) == {4, 5}
    monkeypatch.setenv("LANG", "en_GB.UTF-8")  # named: as the command line reads it
    assert rest_days(israel) == {5, 6}


@pytest.mark.parametrize(
    "typed",
    [
        "ニュースレター、ブログ",
        "ニュースレター，ブログ",
        "ニュースレター، ブログ",
        "ニュースレター, ブログ",
    ],
)
def test_other_channels_are_parted_by_the_comma_of_any_keyboard(
    dialog: WelcomeDialog, typed: str
) -> None:
    """The comma key of Japanese, Chinese and Arabic keyboards types "、", "，", "،":
    "ニュースレター、ブログ" made one channel of that whole name."""
    dialog.new_button.click()
    page = dialog.new_page
    for check in page.channel_checks.values():
        check.setChecked(False)
    page.other_channels_edit.setText(typed)
    assert [name for name, _ in page.channel_choices()] == ["ニュースレター", "ブログ"]


def test_a_channel_typed_as_one_already_chosen_is_made_once(dialog: WelcomeDialog) -> None:
    """Full-width "ＬｉｎｋｅｄＩｎ" beside the LinkedIn tick, or "Café" typed with its accent
    two ways: the form showed no problem, then Create failed with "There is already a
    channel called 'LinkedIn'"."""
    dialog.new_button.click()
    page = dialog.new_page
    for name, check in page.channel_checks.items():
        check.setChecked(name == "LinkedIn")
    page.other_channels_edit.setText("ＬｉｎｋｅｄＩｎ, Caf\u00e9, Cafe\u0301, blog")
    assert [name for name, _ in page.channel_choices()] == ["LinkedIn", "Caf\u00e9", "blog"]


def test_a_zone_is_found_as_people_write_it_and_says_its_offset(
    dialog: WelcomeDialog, qtbot: QtBot
) -> None:
    """ "new york" found nothing (zones are written with "_"), and "gmt" offered
    Etc/GMT+1, an hour behind UTC: someone after "GMT+1" was two hours off."""
    combo = dialog.new_page.zone_combo
    completer = combo.completer()
    assert completer is not None
    completer.setCompletionPrefix("new york")
    found = [
        completer.pathFromIndex(completer.completionModel().index(r, 0))
        for r in range(completer.completionCount())
    ]
    assert "America/New_York" in found
    for typed, zone in (
        ("+05:30", "Asia/Kolkata"),
        ("-03:00", "America/Sao_Paulo"),
        ("+00:00", "Etc/UTC"),
    ):
        completer.setCompletionPrefix(typed)  # the minus a keyboard types, UTC's own
        offsets = [
            completer.completionModel().index(r, 0).data()
            for r in range(completer.completionCount())
        ]
        assert zone in offsets, typed
    assert not [n for n in time_zone_names() if n.startswith("Etc/GMT+")]
    row = combo.findText("Asia/Kolkata")
    assert combo.itemData(row, Qt.ItemDataRole.ToolTipRole) == "Asia/Kolkata: UTC+05:30 now"
    combo.setCurrentText("America/New York")  # typed with a space
    assert chosen_zone(combo) == "America/New_York"
    assert dialog.new_page.problems() == []
    combo.setCurrentText("new york")  # and Enter, the one zone found not picked
    assert chosen_zone(combo) == "America/New_York"
    assert dialog.new_page.problems() == []
    combo.setCurrentText("america")  # many: not a zone, said so
    assert chosen_zone(combo) == "america"
    combo.setCurrentText("Etc/GMT+1")  # typed whole, still taken
    assert chosen_zone(combo) == "Etc/GMT+1"


def test_start_a_new_calendar(dialog: WelcomeDialog, data: Path) -> None:
    dialog.new_button.click()
    page = dialog.new_page
    page.name_edit.setText("Acme Water")
    assert page.location() == data / "Acme Water.cadence"
    page.zone_combo.setCurrentText("America/New_York")
    page.week_combo.setCurrentIndex(page.week_combo.findData(WeekStart.SUNDAY))
    page.channel_checks["Newsletter"].setChecked(False)
    page.channel_checks["Instagram"].setChecked(True)
    page.channel_checks["Events"].setChecked(True)
    page.other_channels_edit.setText(" Podcast , linkedin, \u200b,Town hall")  # one invisible
    page.message_edits[0].setText("Clean water, every day")
    page.cadence_spins[0].setValue(7)
    page.message_edits[1].setText("\u2060")  # nothing that shows: no message
    page.message_edits[2].setText("Local crews")
    assert dialog.create_button.isEnabled()

    dialog.create_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    store = dialog.store
    assert store is not None
    assert store.path == data / "Acme Water.cadence"
    assert store.path.exists()
    info = store.info()
    assert (info.name, info.timezone, info.week_start) == (
        "Acme Water",
        "America/New_York",
        WeekStart.SUNDAY,
    )
    assert [(c.name, c.kind) for c in store.channels()] == [
        ("LinkedIn", "social"),
        ("Instagram", "social"),
        ("Events", "event"),
        ("Podcast", "podcast"),  # typed: the kind its name says (it was "other")
        ("Town hall", "other"),
    ]
    assert [(m.title, m.cadence_days) for m in store.key_messages()] == [
        ("Clean water, every day", 7),
        ("Local crews", 14),
    ]
    # Due from today on: a plan started today is not "overdue by 76 days" on day one.
    assert {m.starts_on for m in store.key_messages()} == {store.today()}
    report = analyse(
        store.key_messages(), store.channels(), [], store.today(), *default_window(store.today())
    )
    assert {m.status for m in report.messages} == {MessageStatus.UNPLANNED}


def test_the_form_says_what_is_missing_and_creates_nothing(
    dialog: WelcomeDialog, data: Path, demo_path: Path
) -> None:
    dialog.start_new_calendar()
    page = dialog.new_page
    page.name_edit.clear()
    assert not dialog.create_button.isEnabled()
    assert not page.problems_label.isHidden()
    assert "Give the calendar a name." in page.problems_label.text()

    page.name_edit.setText("Acme")
    page.location_edit.setText(str(demo_path))
    page.location_edit.textEdited.emit(str(demo_path))
    page.zone_combo.setCurrentText("Mars/Olympus_Mons")
    for check in page.channel_checks.values():
        check.setChecked(False)
    page.message_edits[0].setText("Local crews")
    page.message_edits[1].setText("local  crews")
    shown = page.problems_label.text()
    assert "already a file called demo.cadence" in shown
    # Where an earlier calendar of the name left its changes: said as the name is typed
    # (Create failed, naming a file the form never showed).
    left = demo_path.with_name("Left.cadence")
    Path(f"{left}-wal").write_bytes(b"changes")
    page.location_edit.setText(str(left))
    page.location_edit.textEdited.emit(str(left))
    assert (
        "Left.cadence-wal in that folder holds changes of an earlier calendar called"
        " Left.cadence; choose another name, or move that file away."
    ) in page.problems_label.text()
    page.location_edit.setText(str(demo_path))
    page.location_edit.textEdited.emit(str(demo_path))
    assert "“Mars/Olympus_Mons” is not a time zone" in shown
    page.zone_combo.setCurrentText("Europe")  # typing Europe/Paris, not there yet
    assert "“Europe” is not a time zone" in page.problems_label.text()
    page.zone_combo.setCurrentText("")  # (it said '“” is not a time zone')
    assert "Choose the calendar's time zone from the list" in page.problems_label.text()
    assert "at least one channel" in shown
    assert "same title" in shown
    assert not dialog.create_button.isEnabled()
    assert not dialog.create_calendar()
    assert dialog.store is None

    # Typing the name again no longer moves a location the user chose.
    page.name_edit.setText("Acme Two")
    assert page.location() == demo_path
    page.location_edit.setText(str(demo_path / "inside.cadence"))
    assert f"{demo_path} is a file, not a folder." in page.problems()
    # Said on the fields too, for a screen reader (it read none of the red line).
    page.location_edit.textEdited.emit(page.location_edit.text())  # as typed
    assert f"{demo_path} is a file, not a folder." in page.location_edit.accessibleDescription()
    assert f"{demo_path} is a file" in dialog.create_button.toolTip()
    # A bare name is a file beside the other calendars, wherever Cadence was started.
    page.location_edit.setText("Acme Two.cadence")
    assert page.location() == data / "Acme Two.cadence"
    page.zone_combo.setCurrentText("Europe/Amsterdam")
    page.other_channels_edit.setText("Blog")
    page.message_edits[1].clear()
    assert page.problems() == []
    assert page.problems_label.isHidden()
    assert dialog.create_button.isEnabled()
    assert page.location_edit.accessibleDescription() == ""


@OFFSCREEN_POPUPS  # (the time zone's completer)
def test_a_problem_is_read_with_its_label_and_said_as_it_comes_up(
    dialog: WelcomeDialog, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """A screen reader found "Problems" and nothing more; and a problem another field
    had (every channel unticked with Space) greyed Create Calendar without a word."""
    said = heard_announcements(monkeypatch)
    dialog.start_new_calendar()
    page = dialog.new_page
    label = page.problems_label

    def paused() -> None:  # said once the problems stay as they are
        qtbot.waitUntil(lambda: not label.pause.isActive())

    assert label.accessibleName() == "Problems"
    for check in page.channel_checks.values():
        check.setChecked(False)
    picked = "Pick at least one channel; you can add more later."
    assert label.accessibleName() == f"Problems: {picked}"
    paused()
    assert said == [picked]
    page.name_edit.clear()  # a second problem: said alone, the first is not said again
    assert label.accessibleName() == f"Problems: {label.text()}"
    paused()
    assert said == [picked, "Give the calendar a name."]
    page.name_edit.setText("Acme")
    next(iter(page.channel_checks.values())).setChecked(True)
    assert label.accessibleName() == "Problems"
    paused()
    assert len(said) == 2
    # A time zone typed: not said wrong at each letter ("“Eu” is not a time zone…").
    typed = page.zone_combo.lineEdit()
    assert typed is not None
    typed.setFocus()
    typed.clear()
    qtbot.keyClicks(typed, "Europe/Paris")
    paused()
    assert page.zone_combo.currentText() == "Europe/Paris"
    assert len(said) == 2


def test_a_new_plans_messages_start_on_the_calendars_today_not_the_computers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kiritimati is a day ahead of Pago Pago at every hour: a Pago Pago plan made on
    a computer in Kiritimati starts on Pago Pago's today (a day early, its messages
    read "upcoming" rather than "unplanned")."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time_module.tzset()
    try:
        plan = NewCalendarPlan(
            "Islands",
            tmp_path / "islands.cadence",
            "Pacific/Pago_Pago",
            WeekStart.MONDAY,
            (("Blog", "blog"),),
            (("We listen", 7),),
        )
        with create_planned_calendar(plan) as store:
            today = datetime.now(ZoneInfo("Pacific/Pago_Pago")).date()
            assert date.today() != today
            assert [m.starts_on for m in store.key_messages()] == [today]
    finally:
        monkeypatch.undo()
        time_module.tzset()


def test_a_new_plans_platform_channels_come_with_their_character_limits(
    tmp_path: Path,
) -> None:
    """LinkedIn made here counted "75 characters" in the editor, against no limit, until
    the user found Edit > Channels."""
    plan = NewCalendarPlan(
        "Client",
        tmp_path / "client.cadence",
        "Europe/Paris",
        WeekStart.MONDAY,
        (
            ("LinkedIn", "social"),
            ("Instagram", "social"),
            ("x", "social"),
            ("Newsletter", "newsletter"),
            ("LinkedIn tips", "social"),
        ),
        (("We listen", 7),),
    )
    with create_planned_calendar(plan) as store:
        limits = {c.name: c.char_limit for c in store.channels()}
    assert limits == {
        "LinkedIn": 3000,
        "Instagram": 2200,
        "x": 280,
        "Newsletter": None,
        "LinkedIn tips": None,
    }


def alone(path: Path, tmp_path: Path) -> CalendarStore:
    """A copy of the calendar's file alone (mailed, or a sync tool's), opened."""
    copy = tmp_path / "alone" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    return CalendarStore.open(copy)


def test_a_new_calendar_is_whole_in_its_file_from_the_start(tmp_path: Path) -> None:
    """Everything sat in its -wal until a first change: a copy of the file alone was
    "not set up"."""
    plan = NewCalendarPlan(
        "Café Łódź",
        tmp_path / "new.cadence",
        "Europe/Warsaw",
        WeekStart.MONDAY,
        (("LinkedIn", "social"),),
        (("Fresh coffee daily", 14),),
    )
    with create_planned_calendar(plan), alone(plan.path, tmp_path) as copy:
        assert copy.info().name == "Café Łódź"
        assert [c.name for c in copy.channels()] == ["LinkedIn"]
        assert [m.title for m in copy.key_messages()] == ["Fresh coffee daily"]


def test_import_makes_a_calendar_named_after_the_file(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, notes: Recorder, errors: Recorder
) -> None:
    source = tmp_path / "Client posts.cadence"
    with CalendarStore.create(
        source, name="Their calendar", timezone="Europe/Berlin", week_start="sunday"
    ) as other:
        channel = other.add_channel("Blog", kind="blog").created[0]
        message = other.add_key_message("We listen", cadence_days=10).created[0]
        other.add_post(
            NewPost(
                "Open day recap",
                channel,
                (message,),
                date(2026, 11, 20),
                time(9, 30),
                PostStatus.SCHEDULED,
            )
        )
        other.add_post(NewPost("Someday: a podcast", channel, (message,), status=PostStatus.IDEA))

    assert dialog.import_file(source)

    assert errors.seen == []
    assert dialog.result() == QDialog.DialogCode.Accepted
    store = dialog.store
    assert store is not None
    assert store.path == data / "Client posts.cadence"
    assert store.info().name == "Client posts"
    assert store.info().timezone == "Europe/Berlin"
    assert store.info().week_start == WeekStart.SUNDAY
    assert sorted(p.title for p in store.all_posts()) == ["Open day recap", "Someday: a podcast"]
    assert [m.title for m in store.key_messages()] == ["We listen"]
    [dated] = store.posts_between(date(2026, 11, 1), date(2026, 11, 30))
    assert (dated.date, dated.time) == (date(2026, 11, 20), time(9, 30))
    assert len(notes.seen) == 1
    assert notes.seen[0].startswith(
        f"Cadence made the calendar “Client posts” for Client posts.cadence, kept as {store.path}."
    )
    assert "Added 2 posts" in notes.seen[0]
    with alone(store.path, tmp_path) as copy:
        assert len(copy.all_posts()) == 2


def test_a_calendar_with_a_copy_of_a_zone_is_imported_in_that_zone(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, errors: Recorder
) -> None:
    """A calendar made when "posix/Europe/Berlin" was let in as a zone: the copy the
    welcome screen makes of it is in Europe/Berlin (it was refused as no time zone)."""
    source = tmp_path / "Old client.cadence"
    CalendarStore.create(source, timezone="Europe/Berlin").close()
    with closing(sqlite3.connect(source)) as db, db:
        db.execute("UPDATE calendar SET timezone = 'posix/Europe/Berlin'")
    assert dialog.import_file(source)
    assert errors.seen == []
    assert dialog.store is not None
    assert dialog.store.info().timezone == "Europe/Berlin"


def _imported_from_outlook(
    dialog: WelcomeDialog, tmp_path: Path, components: str, errors: Recorder
) -> CalendarStore:
    """The calendar the welcome makes of an Outlook file of these ``components``."""
    source = tmp_path / "outlook.ics"
    source.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook"
            f" 16.0 MIMEDIR//EN\r\n{components}END:VCALENDAR\r\n"
        ).encode()
    )
    assert dialog.import_file(source)
    assert errors.seen == []
    assert dialog.store is not None
    return dialog.store


PLANNED_THERE = "where the file's events are planned."
THIS_COMPUTER_S = "this computer's time zone."


@pytest.mark.parametrize(
    ("starts", "zone", "times", "why"),
    [
        (
            ['"W. Europe Standard Time"', '"W. Europe Standard Time"'],
            "Europe/Berlin",
            {time(8, 0)},
            PLANNED_THERE,
        ),
        (["Europe/Lisbon", "Europe/Lisbon"], "Europe/Lisbon", {time(8, 0)}, PLANNED_THERE),
        # As many in two zones: none is the plan's, this computer's is taken.
        (
            ["Europe/Lisbon", "Asia/Tokyo"],
            "America/New_York",
            {time(3, 0), time(18, 0)},
            THIS_COMPUTER_S,
        ),
        # A Paris plan holding one meeting sent from New York: a Paris calendar (every
        # post came in hours early, on New York's clock).
        (
            ["Europe/Paris", "America/New_York", "Europe/Paris"],
            "Europe/Paris",
            {time(8, 0), time(14, 0)},
            PLANNED_THERE,
        ),
    ],
)
def test_an_ics_naming_no_zone_is_imported_in_the_one_its_events_start_in(
    dialog: WelcomeDialog,
    tmp_path: Path,
    errors: Recorder,
    notes: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    starts: list[str],
    zone: str,
    times: set[time],
    why: str,
) -> None:
    """Outlook writes no X-WR-TIMEZONE, only its events' TZID: a Berlin plan imported
    on a New York computer became a New York calendar, Wednesday's 08:00 post on
    Tuesday at 23:00... wherever its events were planned. The zone taken is said."""
    monkeypatch.setenv("TZ", "America/New_York")
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:plan-{n}@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART;TZID={tzid}:2026112{n}T080000\r\nSUMMARY:Story {n}\r\nEND:VEVENT\r\n"
        for n, tzid in enumerate(starts)
    )
    store = _imported_from_outlook(dialog, tmp_path, events, errors)
    assert store.info().timezone == zone
    assert {p.time for p in store.all_posts()} == times
    assert f"Its times are in {zone}, {why}" in notes.seen[-1]


US_EASTERN_RULES = (
    "BEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0400\r\n"
    "TZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\n"
    "TZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
)
"""The clock of New York as Outlook defines it in a VTIMEZONE."""

CET_RULES = (
    "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
)


@pytest.mark.parametrize(
    ("tzid", "rules", "zone"),
    [
        ("(UTC-05:00) Eastern Time (US & Canada)", US_EASTERN_RULES, "America/New_York"),
        ("Customized Time Zone", US_EASTERN_RULES, "America/New_York"),
        ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", CET_RULES, "Europe/Paris"),
    ],
)
def test_an_outlook_zone_named_by_its_display_name_is_known_by_its_clock(
    dialog: WelcomeDialog,
    tmp_path: Path,
    errors: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    tzid: str,
    rules: str,
    zone: str,
) -> None:
    """Outlook names its zone by its display name or as "Customized Time Zone", defined
    in a VTIMEZONE: the calendar was made on this computer's clock, New York's 09:00
    meetings at 18:30 on a Kolkata computer (the import itself read them right)."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:m{n}@example.com\r\nDTSTAMP:20270101T000000Z\r\n"
        f'DTSTART;TZID="{tzid}":2027031{n}T090000\r\nSUMMARY:Meeting {n}\r\nEND:VEVENT\r\n'
        for n in (5, 6, 7)
    )
    zone_defined = f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n{rules}END:VTIMEZONE\r\n"
    store = _imported_from_outlook(dialog, tmp_path, zone_defined + events, errors)
    assert store.info().timezone == zone
    assert {p.time for p in store.all_posts()} == {time(9, 0)}


@pytest.mark.parametrize(
    ("said", "zone"),
    [
        ("X-WR-TIMEZONE:Europe/Paris", "Europe/Paris"),
        ("X-WR-TIMEZONE;VALUE=TEXT:W. Europe Standard Time", "Europe/Berlin"),
        ("X-WR-TIMEZONE:\r\n Europe/Rome", "Europe/Rome"),  # folded
        ("X-WR-TIMEZONE:Somewhere/Else", "America/New_York"),
        ("X-WR-CALNAME:No zone said", "America/New_York"),
    ],
)
def test_an_ics_is_imported_in_the_zone_it_was_planned_in(
    dialog: WelcomeDialog,
    tmp_path: Path,
    errors: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    said: str,
    zone: str,
) -> None:
    """A Paris plan imported on a trip to New York stays a Paris plan: its 09:00 post
    is at 09:00 (it came in at 03:00 in a New York calendar, for good)."""
    monkeypatch.setenv("TZ", "America/New_York")
    source = tmp_path / "plan.ics"
    source.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
            f"{said}\r\n"
            "BEGIN:VEVENT\r\nUID:plan-1@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
            "DTSTART:20261120T080000Z\r\nSUMMARY:Weekly 9\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n"
        ).encode()
    )
    assert dialog.import_file(source)
    assert errors.seen == []
    store = dialog.store
    assert store is not None
    assert store.info().timezone == zone
    [post] = store.all_posts()
    moment = datetime.combine(post.date or date.min, post.time or time(), tzinfo=ZoneInfo(zone))
    assert moment.astimezone(UTC) == datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def test_an_imported_icalendar_file_names_the_calendar_as_it_names_itself(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, errors: Recorder
) -> None:
    """Google's file is named after the calendar's address: the calendar, its file and
    the window were "c_0a1b2c3d4e5f6a7b@group.calendar.google.com"."""
    source = tmp_path / "c_0a1b2c3d4e5f6a7b@group.calendar.google.com.ics"
    source.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
        b"X-WR-CALNAME:Comms team\\, Q1\r\nX-WR-TIMEZONE:Europe/Paris\r\n"
        b"BEGIN:VEVENT\r\nUID:plan-1@google.com\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART:20261120T080000Z\r\nSUMMARY:Weekly 9\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    assert dialog.import_file(source)
    assert errors.seen == []
    store = dialog.store
    assert store is not None
    assert store.info().name == "Comms team, Q1"
    assert store.path == data / "Comms team, Q1.cadence"


def test_import_names_each_row_it_skipped_and_why(
    dialog: WelcomeDialog, tmp_path: Path, notes: Recorder
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "title,date,channel\nKept,2026-11-20,LinkedIn\nBad day,2026-13-45,LinkedIn\n",
        encoding="utf-8",
    )
    assert dialog.import_file(source)
    assert "Added 1 post" in notes.seen[0]
    assert "skipped 1" in notes.seen[0]
    [details] = notes.details
    assert len(details) == 1
    assert details[0].startswith("row 3, column 'date': '2026-13-45'")


def test_an_import_that_fails_leaves_no_calendar_behind(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, errors: Recorder
) -> None:
    broken = tmp_path / "Broken.cadence"
    broken.write_bytes(b"\x00not a calendar" * 50)
    assert not dialog.import_file(broken)
    assert len(errors.seen) == 1
    assert dialog.store is None
    assert not list(data.glob("Broken*"))

    unknown = tmp_path / "plan.docx"
    unknown.write_text("?", encoding="utf-8")
    assert not dialog.import_file(unknown)
    assert "cannot tell what kind of file plan.docx is" in errors.seen[-1]
    assert not list(data.glob("plan*"))


def test_an_import_that_breaks_on_the_way_leaves_no_calendar_behind(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def breaks(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("broke on the way")

    monkeypatch.setattr(welcome_module, "run_import", breaks)
    source = tmp_path / "plan.csv"
    source.write_text("title,date\nLaunch,2026-12-05\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        dialog.import_file(source)
    assert dialog.store is None
    assert not list(data.glob("plan*"))


def test_a_calendar_imported_from_the_welcome_screen_has_its_name_once_whole(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash during the import left an empty "plan.cadence", and the next try made
    "plan 2.cadence" beside it."""
    seen: list[list[str]] = []
    real = welcome_module.run_import

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(sorted(p.name for p in data.iterdir() if not p.name.startswith(".")))
        return real(*args, **kwargs)

    monkeypatch.setattr(welcome_module, "run_import", watched)
    source = tmp_path / "plan.csv"
    source.write_text("title,channel,date\nLaunch,LinkedIn,2026-12-05\n", encoding="utf-8")
    assert dialog.import_file(source)
    assert seen == [[]]  # while it came in, no calendar of that name
    store = dialog.store
    assert store is not None
    assert store.path == data / "plan.cadence"
    assert [p.title for p in store.all_posts()] == ["Launch"]
    assert not [p.name for p in data.iterdir() if p.name.startswith(".")]  # none left
    assert {p.name for p in data.iterdir()} <= {
        "plan.cadence",
        "plan.cadence-wal",
        "plan.cadence-shm",
    }


def test_an_import_the_disk_cannot_take_says_no_calendar_was_made(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, errors: Recorder
) -> None:
    """It said "so the change could not be saved", of a calendar that was never there."""
    source = tmp_path / "plan.csv"
    rows = [f"Post {n},LinkedIn,2026-12-05,{'x' * 2000}" for n in range(300)]
    source.write_text("title,channel,date,body\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with no_file_past(200_000):
        assert not dialog.import_file(source)
    (said,) = [str(e) for e in errors.seen]
    assert said.startswith("The disk ")  # (full, or could not be written: as SQLite says)
    assert said.endswith(", so the calendar for plan.csv could not be made.")
    assert dialog.store is None
    assert not [p for p in data.iterdir() if p.suffix == ".cadence"]


def test_an_import_the_disk_takes_only_beside_the_file_makes_no_calendar(
    dialog: WelcomeDialog,
    data: Path,
    tmp_path: Path,
    errors: Recorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its posts fit in the -wal alone: the file named without it was a damaged
    calendar, and the next try made "plan 2"."""

    def no_room(store: CalendarStore) -> bool:
        store.waiting = "The disk is full: the change waits beside the file."
        return False

    real = CalendarStore.checkpoint
    made = []

    def full_after_the_import(store: CalendarStore) -> bool:
        if store.path.name.startswith(".cadence-copy-") and store.all_posts():
            made.append(store.path)
            return no_room(store)
        return real(store)

    monkeypatch.setattr(CalendarStore, "checkpoint", full_after_the_import)
    source = tmp_path / "plan.csv"
    source.write_text("title,channel,date\nLaunch,LinkedIn,2026-12-05\n", encoding="utf-8")
    assert not dialog.import_file(source)
    assert made
    assert [str(e) for e in errors.seen] == [
        "The disk is full, so the calendar plan.cadence could not be made."
    ]
    assert dialog.store is None
    assert list(data.iterdir()) == []


def test_a_calendar_whose_name_would_be_too_long_is_refused_before_the_import(
    dialog: WelcomeDialog,
    data: Path,
    tmp_path: Path,
    errors: Recorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Imported in full under its hidden name, then it could not be opened."""
    from calendar_app.core import errors as errors_module

    data.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(
        errors_module, "SQLITE_PATH_BYTES", len(os.fsencode(data / "plan.cadence")) - 1
    )
    source = tmp_path / "plan.csv"
    source.write_text("title,channel,date\nLaunch,LinkedIn,2026-12-05\n", encoding="utf-8")
    assert not dialog.import_file(source)
    (said,) = [str(e) for e in errors.seen]
    assert said.startswith("The path of plan.cadence is too long to make the calendar there")
    assert list(data.iterdir()) == []


def test_a_start_clears_what_a_stopped_import_left_in_cadence_s_folder(
    data: Path, settings: QSettings, demo_path: Path, qapp: QApplication
) -> None:
    """A welcome import killed half-way left 14 MB of hidden files there for good."""
    from calendar_app.core.files import LEFTOVER_AGE_SECONDS

    data.mkdir(parents=True, exist_ok=True)
    left = [data / ".cadence-copy-0a1b2c3d-4e5.tmp", data / ".cadence-copy-0a1b2c3d-4e5.tmp-wal"]
    recent = data / ".cadence-copy-99999999-999.tmp"  # perhaps being made right now
    old = time_module.time() - 2 * LEFTOVER_AGE_SECONDS
    for path in [*left, recent]:
        path.write_bytes(b"half")
    for path in left:
        os.utime(path, (old, old))
    settings.setValue(WELCOME_SHOWN, True)
    settings.setValue("lastFile", str(demo_path))
    assert run_window(None, quit_after_ms=0, settings=settings) == 0
    assert not any(path.exists() for path in left)
    assert recent.exists()


def test_a_file_nothing_of_which_could_be_imported_makes_no_calendar(
    dialog: WelcomeDialog, data: Path, tmp_path: Path, notes: Recorder
) -> None:
    """Every row skipped: an empty calendar was made and opened as the user's."""
    source = tmp_path / "allbad.csv"
    source.write_text(
        "title,channel,date\nLaunch,LinkedIn,31/31/2027\nRecap,LinkedIn,not a date\n", "utf-8"
    )
    assert not dialog.import_file(source)
    assert dialog.store is None
    assert not list(data.glob("allbad*"))
    (said,) = notes.seen
    assert said.startswith("Nothing in allbad.csv could be imported, so Cadence made no")
    assert len(notes.details[0]) == 2  # each row and why


def test_imported_calendars_never_overwrite_one_another(tmp_path: Path) -> None:
    (tmp_path / "Client.cadence").touch()
    (tmp_path / "Client 2.cadence").touch()
    assert free_path(tmp_path, "Client") == tmp_path / "Client 3.cadence"
    assert free_path(tmp_path, "a/b:c") == tmp_path / "a-b-c.cadence"
    # Nor take a name whose earlier calendar left its changes beside it (played onto
    # the new file, they damaged it); an empty -wal holds none.
    (tmp_path / "Client 3.cadence-wal").write_bytes(b"changes")
    (tmp_path / "Plan.cadence-wal").touch()
    assert free_path(tmp_path, "Client") == tmp_path / "Client 4.cadence"
    assert free_path(tmp_path, "Plan") == tmp_path / "Plan.cadence"


def test_mnemonic_keys_are_unique_in_each_page(dialog: WelcomeDialog) -> None:
    first_page = [b.shortcut() for b in dialog.choice_buttons] + [
        QKeySequence(dialog.quit_button.shortcut())
    ]
    assert len({k.toString() for k in first_page}) == len(first_page)


@pytest.mark.parametrize("how", ["last file", "path argument"])
def test_a_calendar_damaged_inside_is_said_and_the_default_one_opens(
    how: str,
    settings: QSettings,
    demo_path: Path,
    data: Path,
    qapp: QApplication,
    said: list[str],
) -> None:
    """Its header is sound, so it opens; reading its posts fails as the window is built."""
    damage_inside(demo_path)
    before = demo_path.read_bytes()
    settings.setValue(WELCOME_SHOWN, True)
    if how == "last file":
        settings.setValue("lastFile", str(demo_path))
    status = run_window(
        demo_path if how == "path argument" else None, quit_after_ms=0, settings=settings
    )
    assert status == 0
    assert said == [
        f"The calendar file {demo_path} is damaged; {to_its_backups()} Cadence opens the demo"
        " calendar instead."
    ]
    # The window showed the default calendar, and opens on it next time.
    assert Path(str(settings.value("lastFile"))) == data / DEMO_NAME
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize(
    ("damage", "said_as"),
    [
        ("UPDATE calendar SET week_start = '0'", "is damaged (its settings)"),
        ("UPDATE calendar SET timezone = 'Europe/Pariss'", "which this computer does not know"),
    ],
)
def test_a_calendar_with_a_value_damaged_still_lets_cadence_start(
    damage: str,
    said_as: str,
    settings: QSettings,
    demo_path: Path,
    data: Path,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A value no check foresaw (a week start of '0', a zone mistyped by hand, text
    where a number belongs) made the window not start at all, with no word on screen;
    as the last calendar, Cadence started no more."""
    from calendar_app.ui import dialogs

    with closing(sqlite3.connect(demo_path)) as db:
        db.executescript(f"PRAGMA ignore_check_constraints = ON; {damage};")
    said: list[str] = []
    monkeypatch.setattr(
        main_module,
        "show_error",
        lambda parent, exc, then="": said.append(
            dialogs._error_box(parent, exc, "Cadence", "", then).text()
            + dialogs._error_box(parent, exc, "Cadence", "", then).informativeText()
        ),
    )
    settings.setValue(WELCOME_SHOWN, True)
    settings.setValue("lastFile", str(demo_path))
    assert run_window(None, quit_after_ms=0, settings=settings) == 0
    assert len(said) == 1
    assert said_as in said[0]
    assert Path(str(settings.value("lastFile"))) == data / DEMO_NAME


@pytest.mark.parametrize("trouble", ["gone", "damaged inside", "a link going round"])
def test_a_calendar_asked_for_that_fails_opens_the_last_one_not_the_demo(
    settings: QSettings,
    demo_path: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
    trouble: str,
) -> None:
    """A stale file double-clicked, or `cadence damaged.cadence`: the demo opened, and
    became where the user left off (it opened at every start after, not their own)."""
    own = tmp_path / "Bäckerei Müller.cadence"
    write_demo(own, today=TODAY)
    settings.setValue(WELCOME_SHOWN, True)
    settings.setValue("lastFile", str(own))
    if trouble == "gone":
        asked = tmp_path / "gone.cadence"
        first = f"There is no calendar at {asked}."
    elif trouble == "a link going round":  # (called a bug in Cadence: RuntimeError)
        (tmp_path / "a").symlink_to(tmp_path / "b")
        (tmp_path / "b").symlink_to(tmp_path / "a")
        asked = tmp_path / "loop.cadence"
        asked.symlink_to(tmp_path / "a")
        first = f"There is no calendar at {asked}."
    else:
        asked = demo_path
        damage_inside(demo_path)
        first = f"The calendar file {demo_path} is damaged; {to_its_backups()}"
    assert run_window(asked, quit_after_ms=0, settings=settings) == 0
    assert said == [f"{first} Cadence opens the calendar open last time, {own}, instead."]
    assert Path(str(settings.value("lastFile"))) == own


def test_a_calendar_chosen_on_the_welcome_screen_that_fails_shows_the_welcome_again(
    settings: QSettings,
    demo_path: Path,
    data: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
) -> None:
    """Picked with "Open a file…" on the welcome screen, a calendar damaged inside closed
    the welcome screen and opened the demo in its place."""
    damage_inside(demo_path)
    chosen = tmp_path / "Chosen next.cadence"
    write_demo(chosen, today=TODAY)
    choices = iter([demo_path, chosen])
    shown: list[Path] = []

    def welcome() -> CalendarStore:
        shown.append(path := next(choices))
        return CalendarStore.open(path)

    assert run_window(None, quit_after_ms=0, settings=settings, welcome=welcome) == 0
    assert shown == [demo_path, chosen]
    assert said == [
        f"The calendar file {demo_path} is damaged; {to_its_backups()} Cadence shows its"
        " welcome screen instead."
    ]
    assert Path(str(settings.value("lastFile"))) == chosen
    assert not (data / DEMO_NAME).exists()  # no demo made, nor opened


def test_a_window_on_a_calendar_damaged_where_no_check_looks_says_it_is_damaged(
    demo_path: Path, data: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cadence FILE` on a calendar whose posts name a channel it lacks: "Cadence ran into
    a problem it did not expect" (a bug), the calendar closed before the box looked."""
    said: list[str] = []
    monkeypatch.setattr(
        main_module, "show_error", lambda parent, exc, then="": said.append(f"{exc} {then}")
    )
    with closing(sqlite3.connect(demo_path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE posts SET channel_id = 9999 WHERE id = 1")
        conn.commit()

    def build(store: CalendarStore) -> Any:
        if store.path == demo_path:
            raise KeyError(9999)
        return store

    assert main_module._first_window(CalendarStore.open(demo_path), build) is not None
    assert said == [
        f"{demo_path} is damaged (one of its posts names a channel that is not there), so"
        f" Cadence cannot read it; {to_its_backups()} Cadence opens the demo calendar instead."
    ]


def test_a_last_demo_that_does_not_open_is_said_once_then_the_welcome_screen(
    settings: QSettings, data: Path, tmp_path: Path, qapp: QApplication, said: list[str]
) -> None:
    """The demo, open last time, saved since by a newer Cadence: its sentence came twice
    (as the last calendar, then as the demo to open instead), then the welcome screen."""
    demo = _newer_demo(data)
    settings.setValue(WELCOME_SHOWN, True)
    settings.setValue("lastFile", str(demo))
    chosen = tmp_path / "Chosen.cadence"
    write_demo(chosen, today=TODAY)
    shown: list[bool] = []

    def welcome() -> CalendarStore:
        shown.append(True)
        return CalendarStore.open(chosen)

    assert run_window(None, quit_after_ms=0, settings=settings, welcome=welcome) == 0
    assert said == [
        f"{demo} was saved by a newer version of Cadence; update Cadence to open it."
        " Cadence shows its welcome screen instead."
    ]
    assert shown == [True]


@pytest.mark.parametrize("damage", ["text", "inside"])
def test_a_first_start_on_a_file_that_fails_shows_the_welcome_screen(
    settings: QSettings,
    demo_path: Path,
    data: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
    damage: str,
) -> None:
    """A first start, `cadence notes.cadence` on a file that will not open: the demo
    opened and became the last calendar, and the welcome screen ("Start a new calendar")
    was never seen."""
    if damage == "text":
        demo_path.write_text("not a calendar\n")
    else:
        damage_inside(demo_path)
    chosen = tmp_path / "Started here.cadence"
    write_demo(chosen, today=TODAY)
    shown: list[bool] = []

    def welcome() -> CalendarStore:
        shown.append(True)
        return CalendarStore.open(chosen)

    assert run_window(demo_path, quit_after_ms=0, settings=settings, welcome=welcome) == 0
    assert shown == [True]
    (sentence,) = said
    assert sentence.endswith("Cadence shows its welcome screen instead.")
    assert Path(str(settings.value("lastFile"))) == chosen
    assert settings.value(WELCOME_SHOWN, False, type=bool)


def test_a_calendar_busy_in_another_program_at_start_is_named(
    settings: QSettings,
    demo_path: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "The calendar is busy in another program; try again in a moment. Nothing was
    lost…", and then the name of the calendar opened instead: it read as if that one
    were busy."""
    from calendar_app.core import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)  # not five seconds of waiting
    own = tmp_path / "Own.cadence"
    write_demo(own, today=TODAY)
    settings.setValue(WELCOME_SHOWN, True)
    settings.setValue("lastFile", str(own))
    with closing(sqlite3.connect(demo_path)) as holder:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        assert run_window(demo_path, quit_after_ms=0, settings=settings) == 0
        holder.rollback()
    (sentence,) = said
    assert sentence == (
        f"{demo_path.name} is busy in another program, so it could not be opened; try"
        f" again in a moment. Cadence opens the calendar open last time, {own}, instead."
    )


def test_a_window_that_cannot_be_built_on_a_calendar_opens_the_default_one(
    demo_path: Path, data: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever failed as the window read the calendar (a value damaged as no check
    foresaw, a bug), Cadence started all the same, on the default calendar."""
    said: list[str] = []
    monkeypatch.setattr(
        main_module, "show_error", lambda parent, exc, then="": said.append(f"{exc!r} {then}")
    )
    built: list[Path] = []

    def build(store: CalendarStore) -> Any:
        if store.path == demo_path:
            raise TypeError("'<' not supported between instances of 'str' and 'int'")
        built.append(store.path)
        return store

    store = CalendarStore.open(demo_path)
    assert main_module._first_window(store, build) is not None
    assert said == [
        "TypeError(\"'<' not supported between instances of 'str' and 'int'\")"
        " Cadence opens the demo calendar instead."
    ]
    assert built == [data / DEMO_NAME]


def test_when_the_default_calendar_is_damaged_too_the_welcome_screen_opens(
    settings: QSettings,
    demo_path: Path,
    data: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
) -> None:
    """The last calendar and the data folder's demo both damaged inside: Cadence said so,
    then quit at every start, with nothing to choose another calendar from."""
    default = data / DEMO_NAME
    default.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_path, default)
    damage_inside(default)
    sound = tmp_path / "sound.cadence"
    shutil.copy(demo_path, sound)
    settings.setValue(WELCOME_SHOWN, True)
    settings.setValue("lastFile", str(default))
    welcomed: list[bool] = []

    def welcome() -> CalendarStore:
        welcomed.append(True)
        return CalendarStore.open(sound)

    assert run_window(None, quit_after_ms=0, settings=settings, welcome=welcome) == 0
    assert welcomed == [True]
    assert said == [f"The calendar file {default} is damaged; {to_its_backups()}"]
    assert Path(str(settings.value("lastFile"))) == sound


def test_when_the_default_calendar_does_not_open_the_welcome_screen_opens(
    settings: QSettings,
    demo_path: Path,
    data: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
) -> None:
    """The data folder's demo with its header spoiled, and no other calendar: Cadence
    said so and quit, at every start."""
    default = data / DEMO_NAME
    default.parent.mkdir(parents=True, exist_ok=True)
    default.write_bytes(b"not a calendar at all" * 10)
    sound = tmp_path / "sound.cadence"
    shutil.copy(demo_path, sound)
    settings.setValue(WELCOME_SHOWN, True)
    welcomed: list[bool] = []

    def welcome() -> CalendarStore:
        welcomed.append(True)
        return CalendarStore.open(sound)

    assert run_window(None, quit_after_ms=0, settings=settings, welcome=welcome) == 0
    assert welcomed == [True]
    assert said == [f"{default} is not a Cadence calendar."]


def _last_calendar_gone(settings: QSettings, tmp_path: Path) -> Path:
    """The calendar open last time is gone (what the window says: :func:`said`)."""
    gone = tmp_path / "client.cadence"
    settings.setValue(WELCOME_SHOWN, True)
    settings.setValue("lastFile", str(gone))
    return gone


def test_a_last_calendar_moved_away_is_said_before_the_demo_opens(
    settings: QSettings,
    data: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
) -> None:
    gone = _last_calendar_gone(settings, tmp_path)
    assert run_window(None, quit_after_ms=0, settings=settings) == 0
    assert said == [
        f"The calendar open last time is no longer at {gone}; Cadence opens the demo"
        " calendar instead (File > Open finds it where it went)."
    ]
    assert Path(str(settings.value("lastFile"))) == data / DEMO_NAME


def test_a_last_calendar_deleted_names_its_latest_backup(
    settings: QSettings,
    data: Path,
    tmp_path: Path,
    qapp: QApplication,
    said: list[str],
) -> None:
    """Deleted while open, its last changes were in the backup made as it closed, and
    the next start named none (a user who deleted it by mistake looked for it)."""
    from datetime import datetime

    from calendar_app.core.backups import backup_folder, make_backup

    gone = _last_calendar_gone(settings, tmp_path)
    write_demo(gone, today=TODAY)
    folder = backup_folder(data)
    folder.mkdir(parents=True)
    with CalendarStore.open(gone) as store:
        make_backup(store, folder, now=datetime(2026, 11, 17, 9, 0))
        latest = make_backup(store, folder, now=datetime(2026, 11, 18, 9, 0))
    gone.unlink()
    assert run_window(None, quit_after_ms=0, settings=settings) == 0
    assert said == [
        f"The calendar open last time is no longer at {gone}; Cadence opens the demo"
        f" calendar instead (File > Open finds it where it went, or opens its latest"
        f" backup, {latest})."
    ]


def test_a_last_calendar_on_a_drive_unplugged_is_said_as_such(
    settings: QSettings, data: Path, tmp_path: Path, qapp: QApplication, said: list[str]
) -> None:
    """ "No longer at /media/stick/client.cadence … File > Open finds it where it went":
    it went nowhere, its drive was unplugged."""
    stick = tmp_path / "stick"
    _last_calendar_gone(settings, stick)
    assert run_window(None, quit_after_ms=0, settings=settings) == 0
    assert said == [
        f"The folder of client.cadence, the calendar open last time, is not there ({stick}),"
        " a drive unplugged or a share not connected perhaps; Cadence opens the demo calendar"
        " instead (File > Open Recent opens it once it is back)."
    ]


def test_no_calendar_to_open_and_no_room_for_the_demo_is_said_in_one_sentence(
    settings: QSettings,
    tmp_path: Path,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    said: list[str],
) -> None:
    """The last calendar has moved and Cadence's data folder cannot be made: each said
    once, and Cadence ends with status 1 (no unexpected-problem box, no traceback)."""
    blocker = tmp_path / "xdg"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    _last_calendar_gone(settings, tmp_path)
    welcomed: list[bool] = []  # the welcome screen, to choose another: closed here
    assert (
        run_window(None, quit_after_ms=0, settings=settings, welcome=lambda: welcomed.append(True))
        == 1
    )
    assert welcomed == [True]
    assert len(said) == 2
    assert said[0].startswith("The calendar open last time is no longer at")
    assert str(data_folder() / DEMO_NAME) in said[1]
    assert blocker.read_text() == "not a folder"


def test_a_long_calendar_name_makes_a_file_name_the_disk_takes(tmp_path: Path) -> None:
    """91 characters of Japanese are 273 bytes: the file name is cut short, not refused
    as a problem Cadence did not expect at every key typed."""
    name = "日本語のカレンダー" * 10 + "。"
    path = free_path(tmp_path, name)
    assert len(path.name.encode()) <= 255
    assert path.name.startswith("日本語のカレンダー")
    CalendarStore.create(path, name=name).close()
    second = free_path(tmp_path, name)
    assert second != path
    assert len(second.name.encode()) <= 255
    CalendarStore.create(second, name=name).close()


def test_a_file_handed_over_by_the_system_opens_in_the_window(
    settings: QSettings, demo_path: Path, data: Path, qapp: QApplication, tmp_path: Path
) -> None:
    """macOS hands a double-clicked file to the running program as a QFileOpenEvent."""
    other = tmp_path / "Client B.cadence"
    CalendarStore.create(other, name="Client B").close()
    QApplication.postEvent(qapp, QFileOpenEvent(str(other)))
    assert run_window(demo_path, quit_after_ms=0, settings=settings) == 0
    assert Path(str(settings.value("lastFile"))) == other.resolve()


def test_a_file_handed_over_before_the_window_exists_waits_for_it(qapp: QApplication) -> None:
    opened: list[Path] = []
    with FileOpenHandler(qapp) as handler:
        QApplication.sendEvent(qapp, QFileOpenEvent("/calendars/Client A.cadence"))
        assert handler.pending == Path("/calendars/Client A.cadence")
        handler.attach(opened.append)
        assert opened == [Path("/calendars/Client A.cadence")]
        assert handler.pending is None
        QApplication.sendEvent(qapp, QFileOpenEvent("/calendars/Client B.cadence"))
        assert opened[-1] == Path("/calendars/Client B.cadence")
    QApplication.sendEvent(qapp, QFileOpenEvent("/calendars/Client C.cadence"))
    assert opened[-1] == Path("/calendars/Client B.cadence")  # no longer listening


def test_errors_before_any_calendar_is_open_do_not_speak_of_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []

    def box(parent: QWidget | None, exc: BaseException, *, reassurance: str) -> None:
        shown.append((str(exc), reassurance))

    monkeypatch.setattr(welcome_module, "show_error", box)
    welcome_module._say_error(None, StorageProblem("The folder is read-only."))
    assert shown == [("The folder is read-only.", "Nothing was written.")]


def test_a_location_chosen_without_its_ending_gets_it_added_not_swapped(
    dialog: WelcomeDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Acme v1.2" became "Acme v1.cadence": its ".2" was taken for an ending. The
    dialog asks nothing about replacing a file there: the form refuses it and says so
    (it asked "replace it?", then refused it anyway)."""
    asked: list[object] = []

    def chosen(*args: object, **kw: object) -> str:
        asked.append(kw.get("confirm_overwrite"))
        return str(tmp_path / "Acme v1.2")

    monkeypatch.setattr(welcome_module, "file_dialog_name", chosen)
    dialog.new_page.choose_location()
    assert dialog.new_page.location() == tmp_path / "Acme v1.2.cadence"
    assert asked == [False]


def test_a_file_name_too_long_for_the_disk_is_said_in_the_form(
    dialog: WelcomeDialog, tmp_path: Path, errors: Recorder
) -> None:
    """It raised "File name too long" as an unexpected problem, and the form said the
    name must end in .cadence, which it did."""
    page = dialog.new_page
    page.name_edit.setText("Acme")
    page.location_edit.setText(str(tmp_path / ("a" * 260 + ".cadence")))
    page.revalidate()
    shown = page.problems_label.text()
    assert "is too long for the disk; choose a shorter one." in shown
    assert "must end in .cadence" not in shown
    assert errors.seen == []


def test_two_key_messages_typed_two_ways_are_the_same_title(dialog: WelcomeDialog) -> None:
    """ "Café" with é, and "Café" with e and an accent: the form let both through, and
    making the calendar then failed."""
    page = dialog.new_page
    page.message_edits[0].setText("Café talk")
    page.message_edits[1].setText("Cafe\u0301 talk")
    assert "Two key messages have the same title; give each its own." in page.problems()


@OFFSCREEN_POPUPS
def test_the_first_start_smoke_check_says_what_went_wrong(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message box during the check's first start was closed by its watchdog 20 s
    later and reported as a time-out; what it said is the failure now."""
    from calendar_app.ui import smoke

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))  # the check moves it

    def no_room() -> Path:
        raise StorageProblem("There is no space left on the disk for Demo.cadence.")

    monkeypatch.setattr(welcome_module, "default_calendar", no_room)
    started = time_module.monotonic()
    with pytest.raises(smoke.SmokeFailure) as failure:
        smoke._first_start(tmp_path)
    assert str(failure.value) == (
        "the first start said: There is no space left on the disk for Demo.cadence."
    )
    assert time_module.monotonic() - started < smoke.PAINT_TIMEOUT_MS / 2000


def test_the_command_line_starts_weeks_as_qt_does_for_every_locale(qapp: object) -> None:
    """``cadence init`` cannot ask Qt (the command line never loads it): its tables of
    countries must say what Qt says for every locale Qt knows."""
    from PySide6.QtCore import QLocale

    from calendar_app.core.localzone import SATURDAY_FIRST, SUNDAY_FIRST, first_day_of_week

    def as_calendar(locale: QLocale) -> str:
        return locale_week_start(locale).value

    languages = set()
    for locale in QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    ):
        name = locale.name()
        if "_" in name:
            expected = as_calendar(locale)
            assert first_day_of_week({"LANG": f"{name}.UTF-8"}) == expected, name
            territory = name.split("_")[1]
            assert (territory in SUNDAY_FIRST) == (expected == "sunday"), name
            assert (territory in SATURDAY_FIRST) == (expected == "saturday"), name
        languages.add(name.split("_")[0])
    # A language named alone ("LANG=en", "LANG=pt.UTF-8") is read as Qt reads it: in
    # its most likely country (en_US, pt_BR, ar_EG).
    for language in languages:
        expected = as_calendar(QLocale(language))
        assert first_day_of_week({"LANG": language}) == expected, language
        assert first_day_of_week({"LANG": f"{language}.UTF-8"}) == expected, language
    assert first_day_of_week({"LANG": "en"}) == "sunday"
    assert first_day_of_week({"LANG": "de"}) == "monday"
    assert first_day_of_week({"LANG": "ar_EG.UTF-8"}) == "saturday"


def test_the_days_of_rest_are_those_qt_knows_for_every_locale(qapp: object) -> None:
    """The views, the PDF and the web page shade the locale's weekend (Sunday, a working
    day in Israel, was shaded and Friday not): the table says what Qt says, also where
    Qt is not asked (the command line's web page)."""
    from PySide6.QtCore import QLocale

    from calendar_app.core.localzone import weekend_days

    def rest(locale: QLocale) -> frozenset[int]:
        return frozenset(range(7)) - {int(day.value) - 1 for day in locale.weekdays()}

    languages = set()
    for locale in QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    ):
        name = locale.name()
        if "_" in name:
            assert weekend_days({"LANG": f"{name}.UTF-8"}) == rest(locale), name
        languages.add(name.split("_")[0])
    for language in languages:
        assert weekend_days({"LANG": language}) == rest(QLocale(language)), language
    assert weekend_days({"LANG": "he_IL.UTF-8"}) == {4, 5}
    assert weekend_days({"LANG": "hi_IN.UTF-8"}) == {6}
    assert weekend_days({"LANG": "C.UTF-8"}) == {5, 6}


@OFFSCREEN_POPUPS
def test_on_a_screen_too_small_for_it_the_welcome_scrolls_and_keeps_its_buttons_in_sight(
    data: Path, qtbot: QtBot
) -> None:
    """At 14pt on a 600-line laptop it was taller than the screen, its minimum too:
    Quit and Create Calendar were below the screen's edge."""
    with app_font_times(2):
        dialog = WelcomeDialog(error_handler=Recorder(), notify=Recorder())
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height()
    for page, buttons in (
        (dialog.show_choices, [dialog.quit_button]),
        (dialog.start_new_calendar, [dialog.back_button, dialog.create_button]),
    ):
        page()
        for button in buttons:
            qtbot.waitUntil(button.isVisible)
            bottom = button.mapTo(dialog, button.rect().bottomRight())
            assert dialog.rect().contains(bottom), button.text()
    # A problem of the form is in sight too, beside the buttons (scrolled away below the
    # key messages, only a greyed Create Calendar showed).
    dialog.new_page.name_edit.setText("")
    problems = dialog.new_page.problems_label
    qtbot.waitUntil(problems.isVisible)
    assert "name" in problems.text()
    assert not problems.visibleRegion().isEmpty()
    assert dialog.rect().contains(problems.mapTo(dialog, problems.rect().bottomLeft()))


@OFFSCREEN_POPUPS
def test_file_new_calendar_scrolls_on_a_short_screen_and_keeps_its_buttons_in_sight(
    qtbot: QtBot,
) -> None:
    """At twice the font on a 600-line screen, Create Calendar and Cancel were below the
    screen's edge (the welcome's form scrolled; this one did not)."""
    from PySide6.QtWidgets import QDialogButtonBox, QScrollArea

    from calendar_app.ui.welcome import NewCalendarDialog

    normal = NewCalendarDialog(lambda plan: False)
    qtbot.addWidget(normal)
    with qtbot.waitExposed(normal):
        normal.show()
    area = normal.findChild(QScrollArea)
    assert area is not None
    bar = area.verticalScrollBar()
    assert bar is not None
    assert bar.maximum() == 0  # shown whole where there is room
    normal.done(0)
    with app_font_times(2):
        dialog = NewCalendarDialog(lambda plan: False)
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
    room = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= room.height()
    shown = dialog.findChild(QScrollArea)
    assert shown is not None
    assert shown.viewport().width() >= dialog.page.minimumSizeHint().width()  # not cut
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None
    for button in (dialog.create_button, cancel):
        assert button.isVisible()
        bottom = button.mapTo(dialog, button.rect().bottomRight())
        assert dialog.rect().contains(bottom), button.text()
    dialog.page.name_edit.setText("")
    problems = dialog.page.problems_label
    qtbot.waitUntil(problems.isVisible)
    assert not problems.visibleRegion().isEmpty()
    dialog.ask_save_changes = lambda parent, title: "discard"
    dialog.done(0)


@pytest.mark.skipif(sys.platform == "win32", reason="no such signals to send")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_terminate_signal_closes_the_window_as_quit_does(
    qtbot: QtBot, qapp: QApplication, name: str
) -> None:
    """A logout or a shutdown's SIGTERM, the terminal it was started from closed
    (SIGHUP) or Ctrl+C there (SIGINT) ended the process at once, or not at all: the
    backup of a changed calendar, made as the window closes, was never made."""
    import signal

    number = getattr(signal, name)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    before = signal.getsignal(number)
    with main_module.closing_on_terminate(qapp):
        # Only once Cadence hears it: else the signal would end the test run.
        assert signal.getsignal(number) not in (signal.SIG_DFL, before)
        os.kill(os.getpid(), number)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert signal.getsignal(number) == before
