"""The agenda: a month of posts as a sortable table with a bulk status change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from functools import partial

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStackedWidget, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from calendar_app.core.errors import CadenceError
from calendar_app.core.models import NewPost, Post, PostStatus, name_order
from calendar_app.ui.agenda_view import TITLE_ROOM, AgendaView
from calendar_app.ui.commands import (
    AddPostCommand,
    ChannelCommand,
    EditPostsCommand,
    MovePostsCommand,
)
from calendar_app.ui.post_model import AgendaModel, PostIdRole, PostRole, SortRole
from calendar_app.ui.session import CalendarSession, Filters

from .conftest import OFFSCREEN_POPUPS, TODAY, double_click

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """A plain shown window the view lives in, as in the main window (a top-level
    layout would make the offscreen platform warn about size hints)."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1100, 600)
    with qtbot.waitExposed(window):
        window.show()
    return window


@pytest.fixture
def view(host: QWidget, session: CalendarSession) -> AgendaView:
    agenda = AgendaView(session, host)
    agenda.resize(host.size())
    agenda.show()
    return agenda


def shown_posts(view: AgendaView) -> list[Post]:
    return [view.proxy.index(row, 0).data(PostRole) for row in range(view.proxy.rowCount())]


def test_a_right_to_left_title_is_set_apart_to_read_its_own_way(
    session: CalendarSession, view: AgendaView
) -> None:
    """Qt lays a cell out in the table's direction: a Hebrew title with a Latin word
    came out in pieces ("-Cadenceשלום..."); set apart (U+2068 ... U+2069, as HTML's
    <bdi>) it reads right to left, and a Latin title is left as it is."""
    hebrew = "שלום לכולם: מבצע 50% ב-Cadence"
    first, second = session.store.posts_between(*NOVEMBER)[:2]
    session.push(EditPostsCommand(session, {first.id: {"title": hebrew}}))
    row = view.shown_post_ids().index(first.id)
    title = view.proxy.index(row, AgendaModel.TITLE)
    assert title.data() == f"\u2068{hebrew}\u2069"
    assert title.data(SortRole) == name_order(hebrew)  # sorted by its letters, not the marks
    latin = view.proxy.index(view.shown_post_ids().index(second.id), AgendaModel.TITLE)
    assert latin.data() == second.title
    channel = session.channel(first.channel_id)
    session.push(ChannelCommand(session, channel, replace(channel, name="ערוץ")))
    assert view.proxy.index(row, AgendaModel.CHANNEL).data() == "\u2068ערוץ\u2069"


def click_header(qtbot: QtBot, view: AgendaView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_a_line_break_in_a_title_reads_as_a_space_in_the_calendar(
    session: CalendarSession, view: AgendaView
) -> None:
    """Typed in a sheet's cell (Alt+Enter): the month's chip read "Webinarregister now"
    and the agenda's cell showed the first line alone."""
    from calendar_app.ui.month_view import MonthView

    first = session.store.posts_between(*NOVEMBER)[0]
    session.push(EditPostsCommand(session, {first.id: {"title": "Webinar\nregister now"}}))
    row = view.shown_post_ids().index(first.id)
    assert view.proxy.index(row, AgendaModel.TITLE).data() == "Webinar register now"
    month = MonthView(session)
    assert month.chip_for(session.store.post(first.id)).title == "Webinar register now"
    month.deleteLater()


def test_rows_are_the_month_in_date_and_time_order(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:

    assert view.visible_range() == NOVEMBER
    assert view.current_date() == TODAY
    assert view.period_title() == "November 2026"
    expected = session.store.posts_between(*NOVEMBER)
    assert len(expected) == 33
    assert view.shown_post_ids() == [p.id for p in expected]
    shown = shown_posts(view)
    keys = [(p.date, p.time is not None, p.time or time(0)) for p in shown]
    assert keys == sorted(keys)
    # The visible cells say what the store says.
    first = expected[0]
    cells = [view.proxy.index(0, c).data() for c in range(view.proxy.columnCount())]
    assert cells[AgendaModel.CHANNEL] == session.channel(first.channel_id).name
    assert cells[AgendaModel.TITLE] == first.title
    assert cells[AgendaModel.STATUS] == "Published"
    assert cells[AgendaModel.DATE].startswith("Mon ")  # 2 November 2026 was a Monday
    assert view.summary.text() == "33 posts in November 2026"


def test_the_summary_says_when_filters_hide_posts(
    session: CalendarSession, view: AgendaView
) -> None:
    """ "0 posts in December 2026" read as an empty month, the filters hiding them all."""
    channels = frozenset(c.id for c in session.channels())
    session.set_filters(Filters(hidden_channels=channels))
    assert view.summary.text() == "0 posts in November 2026 (filtered)"
    session.set_filters(Filters())
    assert view.summary.text() == "33 posts in November 2026"


def test_the_summary_says_filtered_when_the_filter_hides_none_of_the_month(
    session: CalendarSession, view: AgendaView
) -> None:
    """An empty month with a filter turned on still read "No posts in January 2028."."""
    view.set_current_date(date(2028, 1, 15))
    assert view.summary.text() == "0 posts in January 2028"
    session.set_filters(Filters(statuses=frozenset({PostStatus.DRAFT})))
    assert view.summary.text() == "0 posts in January 2028 (filtered)"
    assert view.table.empty_text == "No posts in January 2028 (filtered)."
    assert view.table.accessibleDescription() == "January 2028: 0 posts (filtered), 0 selected"


def test_a_right_to_left_month_is_set_apart_in_the_summary(
    session: CalendarSession, view: AgendaView
) -> None:
    """In Hebrew it read "33 posts in 2026 נובמבר · 1 selected" in pieces."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Hebrew, QLocale.Country.Israel))
    try:
        view.set_current_date(date(2026, 12, 1))
        view.set_current_date(date(2026, 11, 18))
        month = QLocale().standaloneMonthName(11)
        assert view.summary.text().startswith(f"33 posts in \u2068{month} 2026\u2069")
    finally:
        QLocale.setDefault(previous)


def test_clicking_headers_sorts_by_channel_and_by_date_then_time(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:

    click_header(qtbot, view, AgendaModel.CHANNEL)
    names = [session.channel(p.channel_id).name.casefold() for p in shown_posts(view)]
    assert names == sorted(names)
    assert names[0] == "blog"

    click_header(qtbot, view, AgendaModel.DATE)
    view.table.sortByColumn(AgendaModel.DATE, Qt.SortOrder.DescendingOrder)
    shown = shown_posts(view)
    keys = [(p.date, p.time is not None, p.time or time(0)) for p in shown]
    assert keys == sorted(keys, reverse=True)
    # By date, not by the text (as text, "Wed 4 11 2026" would come last).
    assert shown[-1].date == date(2026, 11, 2)
    assert shown[0].date == date(2026, 11, 30)
    click_header(qtbot, view, AgendaModel.DATE)
    assert view.shown_post_ids() == [p.id for p in session.store.posts_between(*NOVEMBER)]


def test_text_columns_sort_as_a_reader_looks_for_them(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    """Accents aside ("Élan" among the e's: it came after "zz") and numbers by value."""
    channel = session.channels()[0].id
    titles = ["zz last", "Élan vital", "apple pie", "10 tips", "9 tips", "Österreich", "eel"]
    titles += ["1" * 5000, "٣ tips"]  # digits past what an int reads; Arabic-Indic 3
    for title in titles:
        session.push(AddPostCommand(session, NewPost(title, channel, date=date(2026, 11, 3))))
    click_header(qtbot, view, AgendaModel.TITLE)
    shown = [p.title for p in shown_posts(view) if p.title in titles]
    assert shown == [
        "٣ tips",
        "9 tips",
        "10 tips",
        "1" * 5000,
        "apple pie",
        "eel",
        "Élan vital",
        "Österreich",
        "zz last",
    ]


def test_a_row_a_change_sorts_elsewhere_is_followed_there(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    """Sorted by status, rows set to Draft went to the top, out of sight, leaving the
    screen with "4 selected" and none of them in view."""
    view.resize(900, 260)
    click_header(qtbot, view, AgendaModel.STATUS)
    table = view.table
    shown = table.viewport().rect()
    in_sight = [
        p
        for row, p in enumerate(shown_posts(view))
        if shown.contains(table.visualRect(view.proxy.index(row, 0)))
    ]
    last = next(
        p for p in reversed(in_sight) if p.series_id is None and p.status == PostStatus.SCHEDULED
    )
    view.select_posts([last.id])
    assert view.set_status(PostStatus.DRAFT)
    current = table.currentIndex()
    assert current.data(PostIdRole) == last.id
    assert shown.intersects(table.visualRect(current))


def test_a_draft_gone_by_is_faded_as_in_the_month(
    session: CalendarSession, view: AgendaView
) -> None:
    """A past draft never went out: the month fades it; the agenda showed it as any
    draft still to come."""
    channel = session.channels()[0].id
    for title, day in (
        ("Gone by", TODAY - timedelta(days=2)),
        ("To come", TODAY + timedelta(days=2)),
    ):
        session.push(
            AddPostCommand(session, NewPost(title, channel, date=day, status=PostStatus.DRAFT))
        )
    faded = QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    colours = {
        p.title: view.proxy.index(row, AgendaModel.TITLE).data(Qt.ItemDataRole.ForegroundRole)
        for row, p in enumerate(shown_posts(view))
    }
    assert colours["Gone by"] == faded
    assert colours["To come"] is None


def test_a_screen_reader_hears_each_cell_under_its_header_and_the_sorting(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    """Every cell of a row said the whole post (moving along a row repeated it), the
    headers did not say which sorts, and a row never said that the post repeats."""
    accessible = Qt.ItemDataRole.AccessibleTextRole
    posts = shown_posts(view)
    row = next(i for i, p in enumerate(posts) if p.series_id is not None and p.message_ids)
    post = posts[row]

    def cell(column: int) -> str:
        return str(view.proxy.index(row, column).data(accessible))

    channel = session.channel(post.channel_id).name
    assert cell(AgendaModel.CHANNEL) == f"Channel: {channel}"
    assert cell(AgendaModel.CAMPAIGN).startswith("Campaign: ")
    assert cell(AgendaModel.TITLE).startswith(f"{post.title}.")
    assert cell(AgendaModel.TITLE).endswith(" Repeats (part of a series).")
    assert len({cell(c) for c in range(len(AgendaModel.HEADERS))}) == len(AgendaModel.HEADERS)

    def header(column: int) -> str:
        return str(view.proxy.headerData(column, Qt.Orientation.Horizontal, accessible))

    assert header(AgendaModel.DATE) == "Date, sorted ascending"
    click_header(qtbot, view, AgendaModel.TITLE)
    assert header(AgendaModel.TITLE) == "Title, sorted ascending"
    assert header(AgendaModel.DATE) == "Date"


def test_home_and_end_go_to_the_first_and_last_post(qtbot: QtBot, view: AgendaView) -> None:
    """They went to the row's first and last column: nothing changed in sight."""
    ids = view.shown_post_ids()
    view.select_posts([ids[3]])
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_End)
    assert view.selected_post_ids() == [ids[-1]]
    qtbot.keyClick(view.table, Qt.Key.Key_Home)
    assert view.selected_post_ids() == [ids[0]]
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(view.selected_post_ids()) == sorted(ids)


def test_posts_are_selected_in_few_ranges_the_first_given_current(view: AgendaView) -> None:
    """Selected row by row, thousands of rows took seconds (Qt's work grew with the
    square of their number): neighbouring rows make one range."""
    ids = view.shown_post_ids()
    chosen = [ids[5], *ids[:3], ids[6]]
    view.select_posts(chosen)
    chooser = view.table.selectionModel()
    assert chooser.selection().size() == 2
    assert sorted(view.selected_post_ids()) == sorted(chosen)
    assert view.focused_post() == ids[5]


def test_bulk_status_is_one_undo_step_over_exactly_the_selection(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    before = {p.id: p for p in session.store.all_posts()}
    scheduled = [p.id for p in shown_posts(view) if p.status == PostStatus.SCHEDULED]
    chosen = scheduled[:3]
    view.select_posts(chosen)
    assert view.selected_post_ids() == chosen
    assert view.status_button.isEnabled()

    with qtbot.waitSignal(session.changed):
        view.status_actions[PostStatus.CANCELLED].trigger()

    after = {p.id: p for p in session.store.all_posts()}
    assert {pid for pid in after if after[pid].status != before[pid].status} == set(chosen)
    assert all(after[pid].status == PostStatus.CANCELLED for pid in chosen)
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Set 3 posts to Cancelled"
    # The rows stay selected and show the new status.
    assert view.selected_post_ids() == chosen
    assert view.proxy_index(chosen[0], AgendaModel.STATUS).data() == "Cancelled"

    session.undo_stack.undo()
    restored = {p.id: p.status for p in session.store.all_posts()}
    assert restored == {pid: p.status for pid, p in before.items()}
    assert view.proxy_index(chosen[0], AgendaModel.STATUS).data() == "Scheduled"


def test_set_status_from_the_context_menu_and_nothing_to_do(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    published = [p.id for p in shown_posts(view) if p.status == PostStatus.PUBLISHED][:2]
    view.select_posts(published)
    menu = view.build_context_menu()
    labels = [a.text().replace("&", "") for a in menu.actions()]
    assert labels[0] == "Open"
    assert "Set status" in labels
    # Setting the status they already have changes nothing and pushes nothing.
    assert not view.set_status(PostStatus.PUBLISHED)
    assert session.undo_stack.count() == 0
    view.table.clearSelection()
    assert not view.status_button.isEnabled()
    assert not view.set_status(PostStatus.DRAFT)
    # Nothing selected (a month without posts): no "Set status" of five greyed statuses.
    empty = [a.text().replace("&", "") for a in view.build_context_menu().actions()]
    assert empty[0] == "Open"
    assert "Set status" not in empty


def test_rows_follow_moves_made_elsewhere_without_a_reset(
    qtbot: QtBot, session: CalendarSession, view: AgendaView, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(view.model)
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    leaving = session.store.posts_between(date(2026, 11, 24), date(2026, 11, 24))[0]
    entering = session.store.posts_between(date(2026, 12, 3), date(2026, 12, 3))[0]
    view.select_posts([leaving.id])

    with qtbot.waitSignal(view.model.rowsRemoved):
        session.push(MovePostsCommand(session, {leaving.id: (date(2026, 12, 8), leaving.time)}))
    assert leaving.id not in view.shown_post_ids()
    assert view.selected_post_ids() == []

    with qtbot.waitSignal(view.model.rowsInserted):
        session.push(MovePostsCommand(session, {entering.id: (date(2026, 11, 20), time(9, 15))}))
    shown = view.shown_post_ids()
    assert entering.id in shown
    assert len(shown) == 33
    on_20th = [p.time for p in shown_posts(view) if p.date == date(2026, 11, 20)]
    assert time(9, 15) in on_20th
    assert on_20th == sorted(on_20th, key=lambda t: (t is not None, t or time(0)))

    session.undo_stack.undo()
    session.undo_stack.undo()
    assert view.shown_post_ids() == [p.id for p in session.store.posts_between(*NOVEMBER)]
    assert resets == []


def test_hiding_a_channel_removes_its_rows(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    linkedin = next(c for c in session.channels() if c.name == "LinkedIn")
    with qtbot.waitSignal(view.model.rowsRemoved):
        session.set_filters(replace(session.filters, hidden_channels=frozenset({linkedin.id})))
    assert all(p.channel_id != linkedin.id for p in shown_posts(view))
    assert view.model.rowCount() == len(session.posts_between(*NOVEMBER))
    assert "(filtered)" in view.table.accessibleDescription()


def test_enter_and_double_click_open_the_post(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    target = view.shown_post_ids()[4]
    view.select_posts([target])
    view.table.setFocus()
    with qtbot.waitSignal(view.postActivated) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [target]

    other = view.shown_post_ids()[7]
    rect = view.table.visualRect(view.proxy_index(other, AgendaModel.TITLE))
    with qtbot.waitSignal(view.postActivated) as blocker:
        double_click(qtbot, view.table.viewport(), rect.center())
    assert blocker.args == [other]

    # Below the rows: a new post on the current day, as on an empty spot of the month
    # (it only went to the day).
    view.resize(900, 2000)
    below = view.table.viewport().rect().bottomLeft() + QPoint(20, -5)
    assert not view.table.indexAt(below).isValid()
    with qtbot.waitSignal(view.slotActivated) as blocker:
        double_click(qtbot, view.table.viewport(), below)
    assert blocker.args == [view.current_date(), None]


def menu_key_event(view: AgendaView) -> QContextMenuEvent:
    """The event the Menu key (or Shift+F10) sends the focused table: at the middle of
    what its input method query gives, the current cell in the table's own coordinates
    (below the header), as Qt's widget window does it."""
    table = view.table
    pos = table.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).center()
    return QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, pos, table.mapToGlobal(pos))


def right_click_event(view: AgendaView, pos: QPoint) -> QContextMenuEvent:
    """The event a right-click at ``pos`` (in the viewport) sends the table's viewport."""
    viewport = view.table.viewport()
    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))


class MenuSeen:
    """What the agenda's context menu showed while it was open, then Open chosen in it."""

    def __init__(self, view: AgendaView) -> None:
        self.view = view
        self.menu: QMenu | None = None
        self.at: QPoint | None = None
        self.selected: list[int] = []

    def __call__(self) -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return
        self.menu = menu
        self.at = menu.pos()
        self.selected = self.view.selected_post_ids()
        menu.close()
        menu.actions()[0].trigger()  # Open


def open_menu(view: AgendaView, widget: QWidget, event: QContextMenuEvent) -> MenuSeen:
    seen = MenuSeen(view)
    QTimer.singleShot(0, seen)
    QApplication.sendEvent(widget, event)
    return seen


@OFFSCREEN_POPUPS
def test_the_menu_key_opens_the_menu_on_the_focused_row(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    table = view.table
    shown = view.shown_post_ids()
    view.select_posts([shown[2]])
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert view.focused_post() == shown[3]

    with qtbot.waitSignal(view.postActivated) as opened:
        seen = open_menu(view, table, menu_key_event(view))
    # The focused row, not the one below it (a header's height further down).
    assert seen.selected == [shown[3]]
    assert opened.args == [shown[3]]
    cell = table.visualRect(table.currentIndex())
    assert seen.at == table.viewport().mapToGlobal(cell.center())

    # With the mouse: the row under the pointer, in the viewport's coordinates.
    row = table.visualRect(view.proxy_index(shown[6], AgendaModel.TITLE))
    with qtbot.waitSignal(view.postActivated) as opened:
        seen = open_menu(view, table.viewport(), right_click_event(view, row.center()))
    assert seen.selected == [shown[6]]
    assert opened.args == [shown[6]]
    assert seen.at == table.viewport().mapToGlobal(row.center())


def test_set_status_marks_the_status_the_picked_rows_share(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    def marked() -> list[PostStatus]:
        view.status_menu.aboutToShow.emit()
        return [s for s, a in view.status_actions.items() if a.isChecked()]

    posts = shown_posts(view)
    scheduled = [p.id for p in posts if p.status == PostStatus.SCHEDULED]
    other = next(p.id for p in posts if p.status != PostStatus.SCHEDULED)
    view.select_posts(scheduled[:2])
    assert marked() == [PostStatus.SCHEDULED]
    view.select_posts([scheduled[0], other])
    assert marked() == []
    with qtbot.waitSignal(session.changed):
        view.status_actions[PostStatus.DRAFT].trigger()
    assert marked() == [PostStatus.DRAFT]


@OFFSCREEN_POPUPS
def test_the_status_actions_outlive_a_context_menu(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    table = view.table
    shown = view.shown_post_ids()
    view.select_posts([shown[2]])
    table.setFocus()
    seen = open_menu(view, table, menu_key_event(view))
    assert seen.menu is not None
    (entry,) = [a for a in seen.menu.actions() if a.text().replace("&", "") == "Set status"]
    submenu = entry.menu()
    assert isinstance(submenu, QMenu)
    assert submenu.actions() == list(view.status_actions.values())
    # Named to a screen reader as the button is (a popup without a name is said by the
    # application's).
    named = "Set the status of the selected posts"
    assert (submenu.accessibleName(), view.status_menu.accessibleName()) == (named, named)
    with qtbot.waitSignal(seen.menu.destroyed):
        pass  # the menu goes once it has closed, when the event loop runs

    # Each selection change after it updates the summary and the status actions.
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_post_ids() == shown[2:4]
    assert view.summary.text() == "33 posts in November 2026 · 2 selected"
    assert table.accessibleDescription() == "November 2026: 33 posts, 2 selected"
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.accessibleDescription() == "November 2026: 33 posts, 1 selected"
    assert all(a.isEnabled() for a in view.status_actions.values())
    # ...and the button's menu still sets the status with them.
    cancel = view.status_actions[PostStatus.CANCELLED]
    assert cancel in view.status_menu.actions()
    assert session.store.post(shown[4]).status != PostStatus.CANCELLED
    with qtbot.waitSignal(session.changed):
        cancel.trigger()
    assert session.store.post(shown[4]).status == PostStatus.CANCELLED


def test_stepping_and_jumping_change_the_month(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    with qtbot.waitSignal(view.periodChanged):
        view.step(+1)
    assert view.visible_range() == (date(2026, 12, 1), date(2026, 12, 31))
    assert view.period_title() == "December 2026"
    assert view.shown_post_ids() == [
        p.id for p in session.store.posts_between(date(2026, 12, 1), date(2026, 12, 31))
    ]
    assert session.analysis_window()[1] >= date(2026, 12, 31)

    view.step(-2)
    assert view.visible_range() == (date(2026, 10, 1), date(2026, 10, 31))

    # Jumping to a day with posts makes its first post the current row, selecting
    # nothing: Today or the next month selected a post for Delete to delete unasked.
    day = date(2026, 11, 24)
    view.set_current_date(day)
    assert view.current_date() == day
    first_on_day = session.store.posts_between(day, day)[0]
    assert view.focused_post() == first_on_day.id
    assert view.selected_post_ids() == []
    # Moving the current row moves the current day.
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.current_date() == date(2026, 11, 2)


def test_a_day_gone_to_puts_the_cursor_on_the_title(
    session: CalendarSession, view: AgendaView
) -> None:
    """The cursor came to the date's cell, which a screen reader said alike of every post
    of a day."""
    day = date(2026, 11, 24)
    view.set_current_date(day)
    current = view.table.currentIndex()
    assert current.column() == AgendaModel.TITLE
    first_on_day = session.store.posts_between(day, day)[0]
    assert first_on_day.title in current.data(Qt.ItemDataRole.AccessibleTextRole)
    # A column the user moved to stays the cursor's.
    view.table.setCurrentIndex(view.proxy.index(current.row(), AgendaModel.CHANNEL))
    view.set_current_date(date(2026, 11, 16))
    assert view.table.currentIndex().column() == AgendaModel.CHANNEL


def test_rows_leaving_the_agenda_do_not_move_its_day(
    session: CalendarSession, view: AgendaView
) -> None:
    """The current row's post filtered out, Qt made a row beside it current, and that
    row's day became the agenda's: N wrote on the 29th, the month opened there."""
    day = date(2026, 12, 3)  # no draft on it; drafts from the 10th
    view.set_current_date(day)
    for statuses in ({PostStatus.DRAFT}, set()):
        session.set_filters(Filters(statuses=frozenset(statuses)))
        assert view.current_date() == day
    # Nor does a change that takes the current row's post out of the rows (set to a
    # status the filters hide, or deleted).
    session.set_filters(Filters(statuses=frozenset({PostStatus.DRAFT})))
    drafted = date(2026, 12, 12)
    view.set_current_date(drafted)
    (current,) = [p for p in shown_posts(view) if p.id == view.focused_post()]
    assert current.date == drafted
    session.notify(session.store.update_posts({current.id: {"status": PostStatus.SCHEDULED}}))
    assert current.id not in view.shown_post_ids()
    assert view.current_date() == drafted
    following = view.focused_post()
    assert following is not None
    session.notify(session.store.delete_posts([following]))
    assert view.current_date() == drafted
    session.set_filters(Filters())
    # The user's own move of the current row still moves the day.
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, AgendaModel.TITLE))
    assert view.current_date() == shown_posts(view)[0].date != day


def test_a_day_gone_to_out_of_sight_comes_to_the_top_with_what_follows_it(
    session: CalendarSession, view: AgendaView
) -> None:
    view.resize(view.width(), 220)  # a few rows in sight
    QApplication.processEvents()  # laid out at that size, as the user sees it
    view.table.scrollToTop()
    day = date(2026, 11, 16)
    view.set_current_date(day)
    current = view.table.visualRect(view.table.currentIndex())
    assert 0 <= current.top() < view.table.viewport().height() // 3
    first_on_day = session.store.posts_between(day, day)[0]
    assert view.focused_post() == first_on_day.id
    # Written with its month's name: 3/11 is read for 11 March in much of the world.
    row = view.table.currentIndex().row()
    assert view.proxy.index(row, AgendaModel.DATE).data() in ("Mon 16 Nov 2026", "Mon Nov 16, 2026")


def test_drag_from_the_agenda_carries_the_selected_posts(
    qtbot: QtBot, session: CalendarSession, view: AgendaView
) -> None:
    from calendar_app.ui.dnd import decode_posts

    chosen = view.shown_post_ids()[2:4]
    indexes = [view.proxy_index(pid) for pid in chosen]
    view.model.drag_anchor = chosen[1]
    mime = view.proxy.mimeData(indexes)
    assert decode_posts(session, mime) == (chosen, chosen[1])
    assert mime.hasFormat("text/calendar")


def test_qtmodeltester_on_the_agenda_model(
    session: CalendarSession, qtmodeltester: ModelTester
) -> None:
    model = AgendaModel(session)
    model.set_range(*NOVEMBER)
    qtmodeltester.check(model)
    model.sort(AgendaModel.CHANNEL, Qt.SortOrder.AscendingOrder)
    channels = [model.index(r, AgendaModel.CHANNEL).data() for r in range(model.rowCount())]
    assert channels == sorted(channels, key=str.casefold)
    model.sort(AgendaModel.DATE, Qt.SortOrder.DescendingOrder)
    newest_first = sorted(
        session.store.posts_between(*NOVEMBER),
        key=lambda p: (p.date, p.time is not None, p.time or time(0)),
        reverse=True,  # stable: posts at the same moment stay in the store's order
    )
    assert model.post_ids() == [p.id for p in newest_first]
    model.sort(AgendaModel.DATE, Qt.SortOrder.AscendingOrder)
    assert model.post_ids() == [p.id for p in session.store.posts_between(*NOVEMBER)]
    session.select_message(3)
    session.push(MovePostsCommand(session, {model.post_ids()[0]: (None, None)}))
    assert model.rowCount() == 32


def test_a_hidden_agenda_catches_up_when_shown(
    qtbot: QtBot, session: CalendarSession, host: QWidget
) -> None:
    """As in the main window, the agenda is a page of a stack behind the month view."""
    stack = QStackedWidget(host)
    stack.addWidget(QWidget())
    agenda = AgendaView(session)
    stack.addWidget(agenda)
    stack.resize(host.size())
    stack.show()
    changes: list[int] = []
    agenda.model.rowsRemoved.connect(lambda *_: changes.append(1))
    leaving = session.store.posts_between(date(2026, 11, 24), date(2026, 11, 24))[0]

    session.push(MovePostsCommand(session, {leaving.id: (date(2026, 12, 8), leaving.time)}))
    assert agenda.model.is_stale()
    assert changes == []  # nothing done while hidden

    stack.setCurrentWidget(agenda)
    assert not agenda.model.is_stale()
    assert agenda.shown_post_ids() == [p.id for p in session.store.posts_between(*NOVEMBER)]
    assert leaving.id not in agenda.shown_post_ids()


@pytest.mark.parametrize("width", [560, 760, 1100])
def test_the_title_stays_in_sight_with_its_room_at_any_width(
    view: AgendaView, width: int, qtbot: QtBot
) -> None:
    view.resize(width, 500)
    qtbot.waitUntil(lambda: view.width() == width)
    header = view.table.horizontalHeader()
    assert header.visualIndex(AgendaModel.TITLE) == 2  # right after the date and time
    title = header.sectionViewportPosition(AgendaModel.TITLE)
    assert title + TITLE_ROOM <= view.table.viewport().width()  # on screen, unscrolled
    assert header.sectionSize(AgendaModel.TITLE) >= TITLE_ROOM
    right = max(
        header.sectionViewportPosition(c) + header.sectionSize(c) for c in range(header.count())
    )
    if width >= 1100:  # wide: every column shows, and the title takes what is left
        assert right <= view.table.viewport().width() + 1


def test_the_columns_fill_the_table_when_it_is_first_shown(
    host: QWidget, session: CalendarSession
) -> None:
    # As in the window: the agenda is laid out while hidden, then shown at its size.
    stack = QStackedWidget(host)
    stack.addWidget(QWidget())
    agenda = AgendaView(session)
    stack.addWidget(agenda)
    stack.resize(980, 600)
    stack.show()
    QApplication.processEvents()
    stack.setCurrentWidget(agenda)
    QApplication.processEvents()
    header = agenda.table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert abs(used - agenda.table.viewport().width()) <= 1, "no blank band on the right"
    assert header.sectionSize(AgendaModel.MESSAGES) > 120  # not squeezed to its floor


def test_in_a_large_font_a_narrow_agenda_keeps_its_headers_whole(
    session: CalendarSession, host: QWidget, qtbot: QtBot
) -> None:
    """At 14pt the key messages' column gave way to a fixed floor: "ey message"."""
    font = host.font()
    font.setPointSizeF(font.pointSizeF() * 1.75)
    host.setFont(font)
    agenda = AgendaView(session, host)
    agenda.resize(640, host.height())
    agenda.show()
    qtbot.waitUntil(lambda: agenda.table.viewport().width() < 640)
    agenda.fit_to_width()
    header = agenda.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in (AgendaModel.MESSAGES, AgendaModel.CAMPAIGN):
        needed = metrics.horizontalAdvance(AgendaModel.HEADERS[column])
        assert header.sectionSize(column) > needed, AgendaModel.HEADERS[column]


def test_a_narrow_agenda_keeps_the_dates_in_sight_as_it_moves(
    view: AgendaView, qtbot: QtBot
) -> None:
    """Half a laptop's screen: each move to a day, and each arrow, scrolled the table
    sideways to show the whole title, no row's date in sight."""
    view.resize(400, view.height())  # beside the sidebar, in a window half a screen wide
    table = view.table
    qtbot.waitUntil(lambda: table.viewport().width() < 400)
    header = table.horizontalHeader()
    wide = sum(header.sectionSize(c) for c in (AgendaModel.DATE, AgendaModel.TIME))
    assert wide + header.sectionSize(AgendaModel.TITLE) > table.viewport().width()
    days = sorted({p.date for p in shown_posts(view) if p.date is not None})
    view.set_current_date(days[-1])
    assert table.currentIndex().column() == AgendaModel.TITLE
    assert table.horizontalScrollBar().value() == 0
    table.setFocus()
    for key in (Qt.Key.Key_Home, Qt.Key.Key_Down, Qt.Key.Key_End):
        qtbot.keyClick(table, key)
        assert table.horizontalScrollBar().value() == 0
    # The columns after the title still scroll into sight.
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() != AgendaModel.TITLE
    assert table.horizontalScrollBar().value() > 0


def test_a_wide_agenda_gives_the_key_messages_room_too(
    session: CalendarSession, host: QWidget, qtbot: QtBot
) -> None:
    """At 2560 pixels the key messages kept 230 and were cut on a row in five, the
    title's column 1,450 wide and mostly empty."""
    host.resize(2400, 600)
    agenda = AgendaView(session, host)
    agenda.resize(host.size())
    agenda.show()
    qtbot.waitUntil(lambda: agenda.table.viewport().width() > 2000)
    agenda.fit_to_width()
    header = agenda.table.horizontalHeader()
    assert header.sectionSize(AgendaModel.MESSAGES) > 400
    assert header.sectionSize(AgendaModel.TITLE) >= 2 * TITLE_ROOM
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert abs(used - agenda.table.viewport().width()) <= 1


def test_a_width_the_user_gave_a_column_survives_a_resize(view: AgendaView, qtbot: QtBot) -> None:
    header = view.table.horizontalHeader()
    header.resizeSection(AgendaModel.MESSAGES, 400)  # as a drag of the column's edge does
    for width in (view.width() - 50, view.width() + 120):
        view.resize(width, view.height())
        qtbot.waitUntil(partial(lambda wanted: view.width() == wanted, width))
        assert header.sectionSize(AgendaModel.MESSAGES) == 400
        assert header.sectionSize(AgendaModel.TITLE) >= TITLE_ROOM


def test_escape_clears_the_selection_as_in_the_other_views(view: AgendaView, qtbot: QtBot) -> None:
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(view.selected_post_ids()) > 3
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert view.selected_post_ids() == []

    # Shift and an arrow then go on from the current row: the range cleared came back,
    # and one more (a Delete took 25 posts for 2).
    table, shift = view.table, Qt.KeyboardModifier.ShiftModifier
    for row, modifier in ((2, Qt.KeyboardModifier.NoModifier), (6, shift)):
        point = table.visualRect(view.proxy.index(row, AgendaModel.TITLE)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, point)
    assert len(view.selected_post_ids()) == 5
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert view.selected_post_ids() == []
    current = view.focused_post()
    qtbot.keyClick(table, Qt.Key.Key_Down, shift)
    assert view.selected_post_ids() == [current, view.focused_post()]


def test_columns_stand_in_the_order_a_screen_reader_reads_them(view: AgendaView) -> None:
    """The title was moved beside the time on screen alone: a screen reader, which reads
    the model's order, heard it last."""
    header = view.table.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(header.count())] == list(range(header.count()))
    assert AgendaModel.HEADERS[:3] == ("Date", "Time", "Title")


def test_a_month_that_will_not_read_leaves_the_agenda_where_it_was(
    view: AgendaView, session: CalendarSession
) -> None:
    """A post of January's another program spoiled: the agenda took itself to be on
    January under December's rows (its model left half reset), and the next step went
    on to February."""
    view.set_current_date(date(2026, 12, 9))
    rows = [p.id for p in shown_posts(view)]
    before = (view.current_date(), view.visible_range(), view.period_title())
    spoiled = next(
        p
        for p in session.store.all_posts()
        if p.date and date(2027, 1, 1) <= p.date <= date(2027, 1, 31)
    )
    session.store.db.execute("PRAGMA ignore_check_constraints = ON")
    session.store.db.execute("UPDATE posts SET status = 'sbheduled' WHERE id = ?", [spoiled.id])
    for _ in range(2):
        with pytest.raises(CadenceError):
            view.step(1)
        assert (view.current_date(), view.visible_range(), view.period_title()) == before
        assert [p.id for p in shown_posts(view)] == rows


def test_key_message_dots_are_four_at_most_in_a_lane_the_names_line_up_after(
    view: AgendaView, session: CalendarSession
) -> None:
    """One dot per key message: fourteen left the names "Solar pa…", and each row's
    names began where its dots ended (a chip marks four)."""
    channel = session.channels()[0].id
    messages = [m.id for m in session.key_messages()]
    assert len(messages) >= 5
    for title, carried in (("One", messages[:1]), ("Many", messages)):
        session.notify(
            session.store.add_post(NewPost(title, channel, date=TODAY, message_ids=tuple(carried)))
        )
    view.set_current_date(TODAY)
    rows = {
        view.proxy.index(row, AgendaModel.TITLE).data(): row for row in range(view.proxy.rowCount())
    }
    one, many = (
        view.proxy.index(rows[title], AgendaModel.MESSAGES).data(Qt.ItemDataRole.DecorationRole)
        for title in ("One", "Many")
    )
    assert one.width() == many.width()
    lane = one.toImage()
    assert many.deviceIndependentSize().width() < 4 * 11 + 1  # four dots, not five or more
    # The one dot at the lane's right, beside the names; the lane's left bare.
    assert lane.pixelColor(lane.width() - 4, lane.height() // 2).alpha() > 0
    assert lane.pixelColor(2, lane.height() // 2).alpha() == 0


def test_a_post_at_a_time_the_clocks_skip_is_listed_at_the_time_it_goes_out(
    view: AgendaView, session: CalendarSession
) -> None:
    """02:30 on the night the clocks go forward: the week view places it at 03:30, the
    agenda said 02:30 and sorted it before a post at 03:00 going out earlier."""
    night = date(2027, 3, 28)  # summer time starts in Europe/Amsterdam at 02:00
    channel = session.channels()[0].id
    for title, at in (("Kept at half past two", time(2, 30)), ("At three", time(3, 0))):
        session.notify(session.store.add_post(NewPost(title, channel, date=night, time=at)))
    view.set_current_date(night)
    rows = [
        (
            view.proxy.index(row, AgendaModel.TITLE).data(),
            view.proxy.index(row, AgendaModel.TIME).data(),
        )
        for row in range(view.proxy.rowCount())
        if view.proxy.index(row, AgendaModel.DATE).data(PostRole).date == night
    ]
    assert rows == [("At three", "03:00"), ("Kept at half past two", "03:30")]
