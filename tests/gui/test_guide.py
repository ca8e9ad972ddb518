"""The Help menu: the in-app guide with pictures of the app, the shortcut list, About."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Slot,
)
from PySide6.QtGui import QColor, QDesktopServices, QImage, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from calendar_app import __version__
from calendar_app.app import data_folder
from calendar_app.core.backups import backup_folder
from calendar_app.core.cadence import Gap
from calendar_app.core.models import NewPost, PostStatus, WeekStart
from calendar_app.core.store import CalendarStore
from calendar_app.render.chips import contrast
from calendar_app.ui.guide import (
    MONTH_PICTURE,
    PANEL_PICTURE,
    SIDEBAR_PICTURE,
    SIDEBAR_PICTURE_ROWS,
    AboutDialog,
    GuideDialog,
    GuideExample,
    ShortcutsDialog,
    _stack,
    about_dialog,
    gap_story,
    picture_days,
    render_pictures,
    shortcut_rows,
)
from calendar_app.ui.main_window import MainWindow
from calendar_app.ui.month_view import week_first_day
from calendar_app.ui.session import CalendarSession

from .conftest import OFFSCREEN_POPUPS, TODAY


class Errors:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, parent: QWidget | None, exc: BaseException) -> None:
        self.seen.append(str(exc))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return data_folder()


@pytest.fixture
def window(session: CalendarSession, tmp_path: Path, qtbot: QtBot) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(session, settings, error_handler=Errors())
    qtbot.addWidget(win)
    return win


def _reddish_pixels(image: QImage) -> int:
    """Pixels of the strong red Cadence paints gaps with."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            color = QColor(image.pixel(x, y))
            if color.red() > 180 and color.green() < 110 and color.blue() < 110:
                count += 1
    return count


# -- the guide ----------------------------------------------------------------------


def test_f1_brings_back_the_guide_open_and_opens_it_again_on_a_new_day(
    session: CalendarSession, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left open overnight, F1 brought back the guide of the day before: its today line
    and its story of the gap were yesterday's."""
    window.show_guide()
    (guide,) = window.findChildren(GuideDialog)
    qtbot.waitExposed(guide)
    window.show_guide()
    assert window.findChildren(GuideDialog) == [guide]  # one at a time, brought forward
    monkeypatch.setattr(session, "_today", TODAY + timedelta(days=1))
    window.show_guide()
    shown = [g for g in window.findChildren(GuideDialog) if g.isVisible()]
    assert len(shown) == 1
    assert shown[0] is not guide
    assert shown[0].pictures.today == TODAY + timedelta(days=1)
    assert not guide.isVisible()


def test_the_guide_explains_the_rules_in_plain_words(
    session: CalendarSession, window: MainWindow, qtbot: QtBot
) -> None:
    guide = GuideDialog(session, window)
    qtbot.addWidget(guide)
    text = guide.text()
    for phrase in (
        "key message",
        "cadence",
        "Every 14 days",
        "scheduled",
        "published",
        "draft dated today or later",
        "Ideas, cancelled posts and undated posts",
        "one delivery day",
        "gap",
        "Click the key message in the sidebar",
        "Drag a post",
        "Hold Ctrl while you drop",
        "drag an idea from the backlog",
        "It becomes a draft there",
        "Fill the Gap",
        "Without the mouse",
        QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        ),
    ):
        assert phrase in text, phrase
    for status in ("ok", "unplanned", "overdue", "upcoming", "ended"):
        assert f" {status} \n" in text, status  # its badge, then what it means
    # Each badge in the sidebar's colours, read well (upcoming and ended were white on
    # grey, 3.2:1, where the sidebar draws them dark on a faint fill).
    badges = {}
    block = guide.browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            said = fragment.text().replace("\xa0", " ").strip()
            if said in ("ok", "unplanned", "overdue", "upcoming", "ended"):
                shown = fragment.charFormat()
                badges[said] = (shown.background().color(), shown.foreground().color())
            fragments += 1
        block = block.next()
    assert set(badges) == {"ok", "unplanned", "overdue", "upcoming", "ended"}
    for status, (fill, ink) in badges.items():
        assert contrast(fill, ink) >= 4.5, status
    palette = QApplication.palette()
    assert badges["ended"][1] == palette.color(QPalette.ColorRole.Text)


def test_the_guide_shows_pictures_drawn_by_the_app(
    session: CalendarSession, window: MainWindow, qtbot: QtBot
) -> None:
    guide = GuideDialog(session, window)
    qtbot.addWidget(guide)
    names = guide.image_names()
    assert len(names) >= 2
    assert {PANEL_PICTURE, MONTH_PICTURE} <= set(names)
    html = guide.browser.toHtml()
    for name in names:
        image = guide.image(name)
        assert not image.isNull(), name
        assert image.width() > 250, name
        assert f'src="{name}"' in html
    # The cadence panel's row really shows the example's red gap bar.
    assert _reddish_pixels(guide.image(PANEL_PICTURE)) > 50
    example = guide.pictures.example
    assert example.title in guide.text()
    assert not guide.pictures.from_demo
    assert "your calendar" in guide.text()
    # The pictures leave the window as it was: no message got selected there.
    assert session.selected_message is None


def test_the_guide_is_read_line_by_line_with_the_arrows(
    session: CalendarSession, window: MainWindow, qtbot: QtBot
) -> None:
    """The arrows scrolled the page and moved no caret: a screen reader, which follows
    the caret, said nothing as one read down."""
    guide = GuideDialog(session, window)
    qtbot.addWidget(guide)
    guide.browser.setFocus()
    start = guide.browser.textCursor().position()
    for _ in range(3):
        qtbot.keyClick(guide.browser, Qt.Key.Key_Down)
    assert guide.browser.textCursor().position() > start
    assert not guide.browser.textCursor().hasSelection()


def test_the_panel_picture_shows_the_example_however_far_down_its_row_is(
    tmp_path: Path, qapp: QApplication
) -> None:
    """Twelve key messages, the only gap on the last: the picture's row was scrolled
    away (blank) and its key missing."""
    with CalendarStore.create(tmp_path / "twelve.cadence", name="Twelve") as store:
        channel = store.add_channel("LinkedIn").created[0]
        messages = [
            store.add_key_message(f"Message number {n:02d}", cadence_days=7).created[0]
            for n in range(1, 13)
        ]
        posts = []
        for offset in range(-60, 31, 5):
            day = TODAY + timedelta(days=offset)
            for message in messages:
                if message == messages[-1] and -25 < offset < -2:
                    continue  # the last one goes quiet for three weeks
                status = PostStatus.PUBLISHED if day < TODAY else PostStatus.SCHEDULED
                posts.append(NewPost(f"Post {day}", channel, (message,), day, time(9), status))
        store.add_posts(posts)
        session = CalendarSession(store, today=TODAY)
        pictures = render_pictures(session)
        assert pictures.example.message_id == messages[-1]
        image = pictures.images[PANEL_PICTURE]
        above_the_key = image.copy(0, 0, image.width(), image.height() - 40 * ratio(image))
        assert _reddish_pixels(above_the_key) > 50  # the example's red bar


def test_the_sidebar_picture_shows_a_few_messages_however_many_there_are(
    tmp_path: Path, qapp: QApplication
) -> None:
    """300 key messages made the picture of "the status of each key message" 13,000
    pixels tall, the rest of the guide far below it."""
    sizes = {}
    for count in (SIDEBAR_PICTURE_ROWS, 40):
        with CalendarStore.create(tmp_path / f"m{count}.cadence", name="Many") as store:
            channel = store.add_channel("LinkedIn").created[0]
            since = TODAY - timedelta(days=60)
            messages = tuple(
                store.add_key_message(f"Message {n:02d}", cadence_days=7, starts_on=since)
                for n in range(count)
            )
            once = TODAY - timedelta(days=30)  # each overdue since: a gap of its own to show
            ids = tuple(m.created[0] for m in messages)
            store.add_post(NewPost("Once", channel, ids, once, time(9), PostStatus.PUBLISHED))
            pictures = render_pictures(CalendarSession(store, today=TODAY))
            assert pictures.example.title == "Message 00"  # this calendar's, not the demo's
            image = pictures.images[SIDEBAR_PICTURE]
            sizes[count] = image.height() // ratio(image)
    assert sizes[40] <= sizes[SIDEBAR_PICTURE_ROWS] + 4  # the first rows, not forty


def test_the_pictures_grow_with_a_large_font(session: CalendarSession, qapp: QApplication) -> None:
    """At 20 pt the panel's picture kept its 680 pixels: its labels ran over one another
    and the month's chips showed "…" alone."""
    usual = {
        name: image.width() // ratio(image)
        for name, image in render_pictures(session).images.items()
    }
    font = qapp.font()
    large = qapp.font()
    large.setPointSize(20)
    qapp.setFont(large)
    try:
        grown = render_pictures(session).images
    finally:
        qapp.setFont(font)
    for name in (PANEL_PICTURE, MONTH_PICTURE):
        assert grown[name].width() // ratio(grown[name]) > usual[name] * 1.5, name


def ratio(image: QImage) -> int:
    return round(image.devicePixelRatio())


def test_the_guide_falls_back_to_the_demo_for_a_calendar_without_gaps(
    tmp_path: Path, qtbot: QtBot, qapp: QApplication
) -> None:
    with CalendarStore.create(tmp_path / "empty.cadence", name="Empty") as store:
        session = CalendarSession(store, today=TODAY)
        pictures = render_pictures(session)
        assert pictures.from_demo
        assert len(pictures.images) >= 2
        assert all(not image.isNull() for image in pictures.images.values())
        guide = GuideDialog(session)
        qtbot.addWidget(guide)
        assert "demo calendar" in guide.text()


def test_the_demo_pictures_start_their_weeks_as_the_calendar_does(
    tmp_path: Path, qapp: QApplication
) -> None:
    """A new calendar in Cairo, its weeks from Saturday: the guide's month picture, from
    the demo, started on Monday."""
    from calendar_app.ui import guide

    with CalendarStore.create(tmp_path / "cairo.cadence", week_start="saturday") as store:
        session = CalendarSession(store, today=TODAY)
        with guide._picture_session(session) as (pictured, from_demo):
            assert from_demo
            assert pictured.store.info().week_start == "saturday"


@pytest.mark.parametrize(
    ("start", "end", "after", "expected"),
    [
        (date(2026, 10, 1), date(2026, 10, 9), date(2026, 10, 10), "went quiet from 1 October"),
        (date(2026, 10, 9), date(2026, 10, 9), date(2026, 10, 10), "went quiet on 9 October:"),
        (date(2026, 11, 6), date(2026, 11, 24), date(2026, 11, 25), "overdue since 6 November"),
        (date(2026, 12, 2), date(2026, 12, 20), None, "will be overdue from 2 December"),
    ],
)
def test_the_panel_caption_tells_the_gap_as_it_is_on_today(
    start: date, end: date, after: date | None, expected: str
) -> None:
    example = GuideExample(
        1, "Local crews", 14, Gap(start, end, (end - start).days + 1), start, after
    )
    story = gap_story(example, TODAY)
    assert story.startswith("“Local crews” (every 14 days)")
    assert expected in story
    assert ("25 November" in story) == (after == date(2026, 11, 25))


def test_the_guide_writes_its_dates_in_the_locale_s_order(qapp: object) -> None:
    """ "overdue since 6 November" in the US, where the window reads "Nov 6"."""
    example = GuideExample(1, "Local crews", 14, Gap(date(2026, 11, 6), TODAY, 13), TODAY, None)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        assert "has been overdue since November 6:" in gap_story(example, TODAY)
    finally:
        QLocale.setDefault(QLocale.c())
    assert "has been overdue since 6 November:" in gap_story(example, TODAY)


def test_the_guide_sets_a_right_to_left_name_apart() -> None:
    """ "such as “מבצע ב-Cadence 2027”" showed in pieces, its number before its words."""
    title = "מבצע ב-Cadence 2027"
    example = GuideExample(1, title, 7, Gap(TODAY, TODAY, 1), TODAY - timedelta(days=8), None)
    assert f"“\u2068{title}\u2069” (every 7 days)" in gap_story(example, TODAY)


@given(
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    days=st.integers(min_value=1, max_value=40),
    week_start=st.sampled_from([WeekStart.MONDAY, WeekStart.SUNDAY]),
)
def test_the_month_picture_shows_the_gaps_end_and_the_delivery_that_fills_it(
    start: date, days: int, week_start: WeekStart
) -> None:
    """A gap ending on a Sunday in a Monday-first calendar: the two weeks shown were the
    gap's last two, and the delivery on Monday, whose tick the caption promised, was
    not in the picture."""
    end = start + timedelta(days=days - 1)
    after = end + timedelta(days=1)
    example = GuideExample(1, "Local crews", 14, Gap(start, end, days), start, after)
    first, second = picture_days(example)
    weeks = {week_first_day(first, week_start), week_first_day(second, week_start)}
    assert week_first_day(end, week_start) in weeks
    assert week_first_day(after, week_start) in weeks


def test_help_menu_opens_one_guide(window: MainWindow, qtbot: QtBot) -> None:
    help_menu = window.menuBar().actions()[-1].menu()
    assert isinstance(help_menu, QMenu)
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["How Cadence &Works", "&Keyboard Shortcuts", "&About Cadence"]
    window.guide_action.trigger()
    guides = window.findChildren(GuideDialog)
    assert len(guides) == 1
    assert guides[0].isVisible()
    window.guide_action.trigger()
    assert window.findChildren(GuideDialog) == guides
    guides[0].close()


# -- keyboard shortcuts ----------------------------------------------------------------


def test_shortcuts_are_read_from_the_window_actions(window: MainWindow, qtbot: QtBot) -> None:
    rows = {(r.menu, r.action): r.keys for r in shortcut_rows(window)}
    assert rows[("View", "Month")] == "Ctrl+1"
    assert rows[("View", "Week")] == "Ctrl+2"
    assert rows[("View", "Agenda")] == "Ctrl+3"
    assert rows[("View", "Today")] == "T"
    assert rows[("View", "Previous Period")] == "Ctrl+Left"
    assert rows[("Edit", "New Post")] == "N"
    assert rows[("Edit", "New Idea")] == "Shift+N"
    # Each key the platform binds, but those of a key of their own ("Undo", "Copy").
    assert rows[("Edit", "Undo")] == "Ctrl+Z, Alt+Backspace"
    assert rows[("Edit", "Redo")] == "Ctrl+Shift+Z, Ctrl+Y, Alt+Shift+Backspace"
    assert rows[("Edit", "Copy")] == "Ctrl+C, Ctrl+Ins"
    assert rows[("File", "Import")] == "Ctrl+I"
    assert rows[("File", "Quit")] == "Ctrl+Q"  # even where the platform binds nothing to Quit
    assert rows[("Help", "How Cadence Works")] == "F1"
    # Every action of the window with a key is listed.
    listed = {key for keys in rows.values() for key in keys.split(", ")}
    for action in window.actions():
        if not action.shortcut().isEmpty():
            assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in listed

    # Never stale: a changed shortcut shows up as it is now.
    window.today_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert "View\tToday\tCtrl+Shift+T" in dialog.text()
    assert dialog.tree.topLevelItemCount() >= 3
    # What no menu lists: the week's Up and Down, Ctrl+Return, the search box's keys.
    note = " ".join(label.text() for label in dialog.findChildren(QLabel))
    for said in ("in the week, Up and Down scroll the hours", "Ctrl+Return saves it", "Esc"):
        assert said in note
    shown: dict[tuple[str, str], str] = {}
    for i in range(dialog.tree.topLevelItemCount()):
        group = dialog.tree.topLevelItem(i)
        assert group is not None
        for j in range(group.childCount()):
            item = group.child(j)
            assert item is not None
            shown[(group.text(0), item.text(0))] = item.text(1)
    assert shown[("View", "Today")] == "Ctrl+Shift+T"
    assert shown[("Help", "Keyboard Shortcuts")] == "Ctrl+/"

    # Undo and Redo are listed as such, not by the step they would take now.
    window.undo_action.setText("&Undo Copy post")
    window.redo_action.setText("&Redo Delete post")
    rows = {(r.menu, r.action): r.keys for r in shortcut_rows(window)}
    assert ("Edit", "Undo") in rows
    assert ("Edit", "Redo") in rows
    assert not [
        action for _menu, action in rows if "Copy post" in action or "Delete post" in action
    ]


def test_managers_opened_and_closed_leave_nothing_behind_in_the_shortcuts(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Each manager stayed alive as the window's child once closed, and its Undo and
    Redo were listed under "Other", once more for each visit."""
    before = shortcut_rows(window)

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.reject()

    for open_manager in (window.manage_messages, window.manage_channels, window.manage_campaigns):
        QTimer.singleShot(0, close_it)
        open_manager()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert window.findChildren(QDialog) == []
    assert shortcut_rows(window) == before
    assert not [r for r in before if r.menu == "Other" and r.action in ("Undo", "Redo")]


def test_the_shortcuts_list_the_keys_the_views_answer_too(window: MainWindow, qtbot: QtBot) -> None:
    """Not only the menus' keys: those the calendar, the panel, the sidebar and the
    search box answer themselves, which a keyboard user cannot find in any menu."""
    rows = {(r.menu, r.action): r.keys for r in shortcut_rows(window)}
    assert rows[("Edit", "Context Menu")] == "Shift+F10"
    period = ("In the calendar", "Previous or next period (a page of rows in the agenda)")
    assert rows[period] == "Page Up, Page Down"
    assert rows[("Cadence panel", "First or last day shown")] == "Home, End"
    assert rows[("Search box", "Next or previous post found")] == "Enter, Shift+Enter"
    assert rows[("Search box", "Clear it, then back to the calendar")] == "Esc"
    assert rows[("Post editor", "Save the post")] == "Ctrl+Return"
    assert rows[("In the calendar", "Move between days (rows in the agenda)")] == "Arrow keys"
    assert rows[("In the calendar", "Scroll the hours (week)")] == "Up, Down"
    # The backlog's own keys were in no list; as listed, its search's Down goes to the
    # ideas and Esc clears it.
    assert rows[("Backlog", "Open the idea")] == "Enter"
    assert rows[("Sidebar", "Deselect the key message")] == "Esc"
    backlog = window.backlog
    qtbot.keyClicks(backlog.search, "brainstorm")
    qtbot.keyClick(backlog.search, Qt.Key.Key_Escape)
    assert backlog.search.text() == ""
    backlog.search.setFocus()
    qtbot.keyClick(backlog.search, Qt.Key.Key_Down)
    assert window.focusWidget() is backlog.list
    # As listed: Page Down in the month turns to the next month.
    month = window.month_view
    month.setFocus()
    first = month.current_date()
    qtbot.keyClick(month, Qt.Key.Key_PageDown)
    assert (month.current_date().year * 12 + month.current_date().month) == (
        first.year * 12 + first.month + 1
    )
    # In the agenda, as listed, it pages the rows and keeps the month.
    window.set_view(2)
    agenda = window.agenda_view
    agenda.table.setFocus()
    shown = agenda.visible_range()
    row = agenda.table.currentIndex().row()
    qtbot.keyClick(agenda.table, Qt.Key.Key_PageDown)
    assert agenda.visible_range() == shown
    assert agenda.table.currentIndex().row() > row
    # As listed, Ctrl+Up and Ctrl+Down move without picking ("Ctrl+Arrow keys" was
    # listed: Ctrl+Left and Ctrl+Right turn the month).
    assert (
        rows[("In the calendar", "Move without changing the selection (agenda)")]
        == "Ctrl+Up, Ctrl+Down"
    )
    picked = agenda.selected_post_ids()
    row = agenda.table.currentIndex().row()
    qtbot.keyClick(agenda.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert agenda.table.currentIndex().row() == row - 1
    assert agenda.selected_post_ids() == picked


# -- about ------------------------------------------------------------------------------


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url)


def test_about_shows_version_calendar_data_and_backups(
    window: MainWindow, data: Path, qtbot: QtBot
) -> None:
    dialog = about_dialog(window, window.session.store.path)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert f"Cadence {__version__}" in text
    assert str(window.session.store.path) in text
    assert str(data) in text
    assert str(backup_folder(data)) in text
    # How long backups are kept, and the way to one (said in the README alone).
    assert "one a day for two weeks and one a week for three months" in text
    assert "open one with File > Open" in text


def test_about_links_open_the_folders(data: Path, tmp_path: Path, qtbot: QtBot) -> None:
    calendar = tmp_path / "plans" / "Client.cadence"
    backups = tmp_path / "elsewhere" / "Backups"
    dialog = AboutDialog(calendar, data, backups)
    qtbot.addWidget(dialog)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "catch")  # type: ignore[arg-type]
    try:
        dialog.show()
        assert dialog.focusWidget() is dialog.close_button  # Enter closes it, as before
        for key in ("calendar", "data", "backups"):
            # From the keyboard: one Tab stop each, and Enter there opens the folder
            # (a label's link had a first stop that showed nothing and closed the box).
            dialog.links[key].setFocus()
            qtbot.keyClick(dialog.links[key], Qt.Key.Key_Return)
            assert dialog.isVisible()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    opened = [Path(url.toLocalFile()) for url in catcher.urls]
    assert opened == [calendar.parent, data, backups]
    # A folder that did not exist yet (no backup so far) is made, so the file manager opens.
    assert backups.is_dir()


def test_show_in_a_dialog_without_size_warnings(
    session: CalendarSession, window: MainWindow, data: Path, qtbot: QtBot
) -> None:
    for dialog in (
        GuideDialog(session, window),
        ShortcutsDialog(window),
        about_dialog(window, session.store.path),
    ):
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        dialog.close()


def test_pictures_stacked_on_a_scaled_screen_keep_their_size(qapp: QApplication) -> None:
    """At 200% each grabbed picture has twice the pixels: one under the other, they fill
    the stacked picture, not its top-left quarter."""
    pictures = []
    for colour in ("#d62728", "#2f6fde"):
        image = QImage(200, 100, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(colour))
        image.setDevicePixelRatio(2)
        pictures.append(image)
    stacked = _stack(pictures)
    assert (stacked.width(), stacked.height(), stacked.devicePixelRatio()) == (200, 200, 2)
    assert stacked.pixelColor(190, 90) == QColor("#d62728")
    assert stacked.pixelColor(190, 190) == QColor("#2f6fde")


def test_about_names_a_calendar_opened_by_a_relative_name_in_full(
    data: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cadence d.cadence` from a terminal: About said "d.cadence", its link "file:."."""
    monkeypatch.chdir(tmp_path)
    dialog = AboutDialog(Path("d.cadence"), data, tmp_path / "Backups")
    qtbot.addWidget(dialog)
    assert dialog.path_labels["calendar"].text() == str(tmp_path / "d.cadence")
    assert dialog.folders["calendar"] == tmp_path


@OFFSCREEN_POPUPS
def test_the_shortcuts_list_opens_wide_enough_for_every_action(
    window: MainWindow, qtbot: QtBot
) -> None:
    """At 460 pixels, 20 actions were cut ("Next Overdue Key …"), with no tooltip."""
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    tree = dialog.tree
    metrics = tree.fontMetrics()
    items: list[QTreeWidgetItem] = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        assert group is not None
        items += [c for j in range(group.childCount()) if (c := group.child(j)) is not None]
    cut = [
        item.text(0)
        for item in items
        if tree.indentation() + metrics.horizontalAdvance(item.text(0)) >= tree.columnWidth(0)
    ]
    assert cut == []
    assert len(items) > 40
    assert all(item.toolTip(0) == item.text(0) for item in items)
