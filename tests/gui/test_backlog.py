"""The backlog: undated posts, searchable, dragged out to days and dropped back in."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPoint,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QColor, QDropEvent, QImage, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from calendar_app.core.models import NewPost, Post, PostStatus, name_order
from calendar_app.core.store import CalendarStore, PostChanges
from calendar_app.render.chips import contrast
from calendar_app.ui import backlog as backlog_module
from calendar_app.ui.backlog import BacklogPanel
from calendar_app.ui.commands import (
    CopyPostsCommand,
    DeletePostsCommand,
    EditPostsCommand,
    MovePostsCommand,
)
from calendar_app.ui.dnd import decode_posts, posts_mime
from calendar_app.ui.post_model import BacklogModel, PostIdRole, PostRole, rows_selection
from calendar_app.ui.session import CalendarSession, Filters

from .conftest import TODAY, double_click
from .dragdrop import drag_event, drag_over


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(340, 600)
    with qtbot.waitExposed(window):
        window.show()
    return window


@pytest.fixture
def panel(host: QWidget, session: CalendarSession) -> BacklogPanel:
    backlog = BacklogPanel(session, host)
    backlog.resize(host.size())
    backlog.show()
    return backlog


def drop_on(panel: BacklogPanel, mime: QMimeData, *, ctrl: bool = False) -> QDropEvent:
    """Drag ``mime`` over the list and drop it, as Qt would."""
    target = panel.list.viewport()
    pos = QPoint(target.width() // 2, target.height() - 10)
    assert drag_over(target, pos, mime, ctrl=ctrl)
    assert panel.list.drop_hint
    drop = drag_event(QDropEvent, pos, mime, ctrl=ctrl)
    QApplication.sendEvent(target, drop)
    assert not panel.list.drop_hint
    return drop


def test_lists_exactly_the_undated_posts(panel: BacklogPanel, session: CalendarSession) -> None:
    undated = session.store.backlog()
    assert len(undated) == 8
    assert set(panel.shown_post_ids()) == {p.id for p in undated}
    assert all(p.date is None for p in session.posts(panel.shown_post_ids()))
    assert panel.title_text() == "Backlog · 8 ideas"
    assert panel.list.accessibleName() == "Backlog · 8 ideas"


def test_a_tooltip_shows_the_title_as_typed(panel: BacklogPanel, session: CalendarSession) -> None:
    idea = session.store.backlog()[0]
    title = "Tom & Jerry <b>bold</b> line"
    session.push(EditPostsCommand(session, {idea.id: PostChanges(title=title)}))
    model = panel.list.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(PostIdRole) == idea.id)
    tip = str(model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole))
    shown = QTextDocument()
    shown.setHtml(tip)  # as Qt shows a tooltip that looks like markup
    lines = shown.toPlainText().splitlines()
    assert lines[0] == title
    assert lines[1].startswith("Not scheduled (backlog) · ")  # each line on its own
    assert lines[2].startswith("Key messages: ")


def test_a_title_ending_in_a_question_mark_is_read_without_a_period(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    """A screen reader read "…going solar?. Not scheduled…"."""
    idea = session.store.backlog()[0]
    session.push(EditPostsCommand(session, {idea.id: PostChanges(title="Why go solar?")}))
    model = panel.list.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(PostIdRole) == idea.id)
    said = str(model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole))
    assert said.startswith("Why go solar? Not scheduled")


def test_the_search_follows_the_ideas_as_they_change(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession
) -> None:
    """The search finds ideas through the calendar's index (folding 50,000 ideas' texts
    held the first key for two seconds); an idea retitled, added or dated while a
    search stands is shown or hidden by what it now says."""
    qtbot.keyClicks(panel.search, "zephyr bra")
    assert panel.shown_post_ids() == []
    idea = session.store.backlog()[0]
    session.notify(session.store.update_posts({idea.id: PostChanges(title="Zephyr brainstorm")}))
    assert panel.shown_post_ids() == [idea.id]

    channel = session.channels()[0].id
    zephyr = NewPost("Brainstorm: the zephyr range", channel, status=PostStatus.IDEA)
    added = session.store.add_post(zephyr)
    session.notify(added)
    assert set(panel.shown_post_ids()) == {idea.id, *added.created}
    session.notify(session.store.update_posts({idea.id: PostChanges(title="Roof survey")}))
    assert panel.shown_post_ids() == list(added.created)
    assert panel.title_text() == f"Backlog · 1 of {session.store.count_ideas()} ideas"


def test_search_narrows_the_list_by_title_body_or_notes(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession
) -> None:
    qtbot.keyClicks(panel.search, "WARRANTY")
    warranty = [p.id for p in session.store.backlog() if "warranty" in p.title.casefold()]
    assert len(warranty) == 1
    assert panel.shown_post_ids() == warranty
    assert panel.title_text() == "Backlog · 1 of 8 ideas"

    # The notes count too: every demo idea came "From the October brainstorm."
    panel.search.setText("october brainstorm")
    assert len(panel.shown_post_ids()) == 8

    panel.search.setText("no such idea anywhere")
    assert panel.shown_post_ids() == []
    assert "No idea matches" in panel.empty_text()

    # Words apart, as the window's search reads them: "roofer safety" is found in
    # "a roofer on roof safety"; a hashtag's first key alone narrows nothing.
    roofer = [p.id for p in session.store.backlog() if "roofer" in p.title]
    panel.search.setText("roofer safety")
    assert panel.shown_post_ids() == roofer
    panel.search.setText("safety roofer")
    assert panel.shown_post_ids() == roofer
    panel.search.setText("#")
    assert len(panel.shown_post_ids()) == 8

    # Accents aside, as the window's search: "brainstorm" typed "bráinstorm" finds them.
    panel.search.setText("BRÁINSTÖRM")
    assert len(panel.shown_post_ids()) == 8

    # Escape in the field clears the search.
    panel.search.setFocus()
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == ""
    assert len(panel.shown_post_ids()) == 8


def test_a_dated_post_dropped_on_the_backlog_is_unscheduled_and_undo_puts_it_back(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession
) -> None:
    post = next(
        p
        for p in session.store.posts_between(date(2026, 11, 24), date(2026, 11, 24))
        if p.time is not None and p.series_id is None
    )
    with qtbot.waitSignal(panel.model.rowsInserted):
        drop = drop_on(panel, posts_mime(session, [post]))
    assert drop.isAccepted()
    assert drop.dropAction() == Qt.DropAction.MoveAction
    moved = session.store.post(post.id)
    assert (moved.date, moved.time) == (None, None)
    assert post.id in panel.shown_post_ids()
    assert panel.title_text() == "Backlog · 9 ideas"
    assert session.undo_stack.undoText() == "Unschedule post"

    session.undo_stack.undo()
    back = session.store.post(post.id)
    assert (back.date, back.time) == (post.date, post.time)
    assert post.id not in panel.shown_post_ids()
    assert panel.title_text() == "Backlog · 8 ideas"


def test_ctrl_drop_on_the_backlog_keeps_the_post_and_adds_an_undated_copy(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    post = session.store.posts_between(date(2026, 11, 26), date(2026, 11, 26))[0]
    drop = drop_on(panel, posts_mime(session, [post]), ctrl=True)
    assert drop.dropAction() == Qt.DropAction.CopyAction
    assert session.store.post(post.id).date == post.date
    copies = [p for p in session.store.backlog() if p.title == post.title]
    assert len(copies) == 1
    assert copies[0].id in panel.shown_post_ids()


def test_a_backlog_post_dropped_on_the_backlog_changes_nothing(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    idea = session.store.backlog()[0]
    drop = drop_on(panel, posts_mime(session, [idea]))
    assert not drop.isAccepted()
    assert session.undo_stack.count() == 0


def test_ctrl_drop_of_an_idea_on_the_backlog_copies_it(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    """The copy pointer and the drop hint showed, and the drop did nothing (Ctrl+C,
    Ctrl+V there copies it)."""
    idea = session.store.backlog()[0]
    before = session.store.count_ideas()
    drop = drop_on(panel, posts_mime(session, [idea]), ctrl=True)
    assert drop.isAccepted()
    assert drop.dropAction() == Qt.DropAction.CopyAction
    assert session.store.count_ideas() == before + 1
    copies = [p for p in session.store.backlog() if p.title == idea.title and p.id != idea.id]
    assert len(copies) == 1
    assert copies[0].status == idea.status
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.store.count_ideas() == before


def test_foreign_data_is_refused(panel: BacklogPanel) -> None:
    mime = QMimeData()
    mime.setText("just some text")
    assert not drag_over(panel.list.viewport(), QPoint(10, 10), mime)


def test_drag_mime_of_a_row_decodes_to_its_post(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    post_id = panel.shown_post_ids()[2]
    index = panel.index_of(post_id)
    mime = panel.proxy.mimeData([index])
    assert decode_posts(session, mime) == ([post_id], post_id)
    assert "unscheduled" in mime.text()

    # Several rows: the one under the mouse is the anchor.
    ids = panel.shown_post_ids()[:3]
    panel.model.drag_anchor = ids[1]
    mime = panel.proxy.mimeData([panel.index_of(i) for i in ids])
    carried, anchor = decode_posts(session, mime)
    assert sorted(carried) == sorted(ids)
    assert anchor == ids[1]


def test_scheduling_elsewhere_takes_the_idea_out(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession
) -> None:
    idea = panel.shown_post_ids()[0]
    with qtbot.waitSignal(panel.model.rowsRemoved):
        session.push(MovePostsCommand(session, {idea: (date(2026, 11, 27), time(9, 0))}))
    assert idea not in panel.shown_post_ids()
    assert panel.title_text() == "Backlog · 7 ideas"


def test_filters_apply_to_the_backlog(panel: BacklogPanel, session: CalendarSession) -> None:
    linkedin = next(c for c in session.channels() if c.name == "LinkedIn")
    session.set_filters(replace(session.filters, hidden_channels=frozenset({linkedin.id})))
    shown = session.posts(panel.shown_post_ids())
    assert len(shown) == 6
    assert all(p.channel_id != linkedin.id for p in shown)
    # Counted of all the ideas, as the backlog's own search counts them.
    assert panel.title_text() == "Backlog · 6 of 8 ideas"
    session.set_filters(replace(session.filters, statuses=frozenset({PostStatus.DRAFT})))
    assert panel.shown_post_ids() == []
    assert panel.empty_text() == "No idea passes the filters."

    # With no idea at all, the filters are not what hides them.
    session.set_filters(Filters())
    ideas = [p.id for p in session.backlog()]
    session.push(DeletePostsCommand(session, ideas))
    session.set_filters(replace(session.filters, hidden_channels=frozenset({linkedin.id})))
    assert panel.empty_text().startswith("No ideas yet.")


def test_open_and_new_idea_signals(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession
) -> None:
    post_id = panel.shown_post_ids()[1]
    index = panel.index_of(post_id)
    panel.list.setCurrentIndex(index)
    panel.list.setFocus()
    with qtbot.waitSignal(panel.postActivated) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args == [post_id]
    assert panel.selected_post_ids() == [post_id]

    other = panel.shown_post_ids()[3]
    rect = panel.list.visualRect(panel.index_of(other))
    with qtbot.waitSignal(panel.postActivated) as blocker:
        double_click(qtbot, panel.list.viewport(), rect.center())
    assert blocker.args == [other]

    with qtbot.waitSignal(panel.newIdeaRequested):
        qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)

    # Down from the search field goes to the list.
    panel.search.setFocus()
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.list.hasFocus()


def test_qtmodeltester_on_the_backlog_model(
    session: CalendarSession, qtmodeltester: ModelTester
) -> None:
    model = BacklogModel(session)
    qtmodeltester.check(model)
    dated = session.store.posts_between(date(2026, 11, 20), date(2026, 11, 20))[0]
    session.push(MovePostsCommand(session, {dated.id: (None, None)}))
    assert model.post_ids()[0] == dated.id  # newest first
    session.undo_stack.undo()
    assert dated.id not in model.post_ids()


def test_the_model_follows_many_changes_reading_only_the_changed_posts(
    session: CalendarSession, qtmodeltester: ModelTester, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = BacklogModel(session)
    qtmodeltester.check(model)
    backlog_reads: list[bool] = []
    real = session.store.backlog

    def spy() -> list[Post]:
        backlog_reads.append(True)
        return real()

    monkeypatch.setattr(session.store, "backlog", spy)
    rng = random.Random(5)
    day = date(2026, 11, 20)
    for step in range(30):
        posts = [p for p in session.store.all_posts() if p.series_id is None]
        post = rng.choice(posts)
        action = step % 5
        if action == 0:  # into the backlog
            session.push(MovePostsCommand(session, {post.id: (None, None)}))
        elif action == 1:  # out of it
            idea = rng.choice(real())
            session.push(MovePostsCommand(session, {idea.id: (day, time(9, 0))}))
        elif action == 2:
            edits: dict[int, PostChanges] = {post.id: {"title": f"Renamed {step}"}}
            session.push(EditPostsCommand(session, edits))
        elif action == 3:
            session.undo_stack.undo()
        else:
            session.push(CopyPostsCommand(session, [(post.id, None, None)]))
        assert model.post_ids() == [p.id for p in real()]
        assert [model.post(i) for i in model.post_ids()] == real()
    assert backlog_reads == []


def test_a_post_dragged_from_another_open_calendar_lands_here_as_an_undated_copy(
    host: QWidget, session: CalendarSession, tmp_path: Path
) -> None:
    post = next(p for p in session.store.all_posts() if p.date is not None)
    with CalendarStore.create(tmp_path / "Client B.cadence", timezone="Europe/Paris") as store:
        other = CalendarSession(store)
        backlog = BacklogPanel(other, host)
        backlog.resize(host.size())
        backlog.show()
        drop = drop_on(backlog, posts_mime(session, [post], post.id))
        assert drop.isAccepted()
        assert drop.dropAction() == Qt.DropAction.CopyAction
        (copy,) = store.all_posts()
        assert (copy.title, copy.date) == (post.title, None)
        assert session.store.post(post.id) == post
        other.undo_stack.clear()


def test_the_idea_the_keyboard_is_on_is_the_selection(
    panel: BacklogPanel, session: CalendarSession, qtbot: QtBot
) -> None:
    """Reached by Tab, by Down from the search box, or after the idea it was on was
    deleted, the focused idea is selected: Cut, Copy, Delete and Edit act on it."""
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    first = panel.shown_post_ids()[0]
    assert panel.selected_post_ids() == [first]

    panel.list.clearSelection()
    panel.search.setFocus()
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.list.hasFocus()
    assert panel.selected_post_ids() == [panel.list.currentIndex().data(PostIdRole)]

    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    on = panel.selected_post_ids()
    assert len(on) == 1
    session.push(DeletePostsCommand(session, on))
    assert panel.list.hasFocus()
    current = panel.list.currentIndex().data(PostIdRole)
    assert current not in on
    assert panel.selected_post_ids() == [current]


def test_the_idea_the_keyboard_is_on_shows_a_ring_on_its_selection(
    panel: BacklogPanel, qtbot: QtBot
) -> None:
    """Its ring was drawn in the highlight colour the selected row is filled with: the
    list taking the keyboard showed no sign of it."""
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    row = panel.list.visualRect(panel.list.currentIndex())
    image = panel.list.viewport().grab().toImage()
    y = row.center().y()
    ring, fill = image.pixelColor(row.left() + 1, y), image.pixelColor(row.left() + 3, y)
    assert abs(ring.lightness() - fill.lightness()) > 60, (ring.name(), fill.name())


def test_a_right_to_left_idea_reads_its_own_way(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    """A Hebrew title and channel name are painted as when set apart by hand (U+2068 ...
    U+2069): right to left, rather than in pieces."""
    first = session.store.backlog()[0]
    channel = session.store.channel(first.channel_id)

    def retitled(title: str, channel_name: str) -> QImage:
        changes: PostChanges = {"title": title}
        session.notify(
            session.store.update_post(first.id, changes)
            | session.store.update_channel(channel.id, name=channel_name)
        )
        return panel.list.viewport().grab().toImage()

    hebrew = "מבצע ב-Cadence 2027"
    assert retitled(hebrew, "ערוץ") == retitled(f"\u2068{hebrew}\u2069", "\u2068ערוץ\u2069")
    assert retitled(hebrew, "ערוץ") != retitled("Launch day", "ערוץ")  # the row was painted


def test_thousands_of_ideas_filtered_come_back_as_one_reset(
    demo_path: Path, qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    """A channel of 600 ideas hidden and shown again: the model is reset once rather
    than told of each run of rows (a signal each cost more than the reading)."""
    with CalendarStore.open(demo_path) as store:
        channels = [c.id for c in store.channels()]
        store.insert_many(
            NewPost(f"Idea {n}", channels[n % 2], status=PostStatus.IDEA) for n in range(1200)
        )
        session = CalendarSession(store, today=TODAY)
        model = BacklogModel(session)
        qtmodeltester.check(model)
        before = model.post_ids()
        with qtbot.waitSignal(model.modelReset):
            session.set_filters(Filters(hidden_channels=frozenset({channels[0]})))
        assert len(model.post_ids()) == len(before) - sum(
            1 for p in session.store.backlog() if p.channel_id == channels[0]
        )
        with qtbot.waitSignal(model.modelReset):
            session.set_filters(Filters())
        assert model.post_ids() == before
        session.undo_stack.clear()


def test_rows_are_selected_as_runs_of_neighbours(qapp: object) -> None:
    """Bringing back 50,000 ideas selected them row by row: Qt's work grew with the
    square of their number (seventeen seconds). Neighbours make one range."""
    model = QStringListModel([f"idea {n}" for n in range(12)])
    selection = rows_selection(model, [5, 1, 2, 3, 9, 8, 9])
    ranges = [selection.at(i) for i in range(selection.size())]
    assert [(r.top(), r.bottom()) for r in ranges] == [(1, 3), (5, 5), (8, 9)]
    assert rows_selection(model, []).isEmpty()


def test_ideas_brought_back_are_selected_in_few_ranges(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession
) -> None:
    shown = panel.shown_post_ids()
    assert len(shown) >= 6
    chosen = [shown[4], *shown[:3]]  # the first given becomes current
    panel.select_posts(chosen)
    chooser = panel.list.selectionModel()
    assert chooser.selection().size() == 2
    assert sorted(panel.selected_post_ids()) == sorted(chosen)
    assert chooser.currentIndex().data(PostIdRole) == shown[4]


def test_the_search_follows_the_ideas_while_the_windows_search_stands_too(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession
) -> None:
    """With the window's search also narrowing the posts, its filters changed before
    the change itself was told: the list filtered the changed idea on what the search
    had found before (an idea retitled to match stayed hidden, undone it stayed)."""
    idea = session.store.backlog()[0]
    session.push(EditPostsCommand(session, {idea.id: PostChanges(title="Zebra one")}))
    session.set_filters(replace(session.filters, search="zebra"))
    panel.search.setText("quokka")
    assert panel.shown_post_ids() == []
    session.push(EditPostsCommand(session, {idea.id: PostChanges(title="Zebra quokka")}))
    assert panel.shown_post_ids() == [idea.id]
    session.undo_stack.undo()
    assert panel.shown_post_ids() == []


def test_an_idea_the_window_s_search_hides_is_not_said_to_match_nothing(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    """ "No idea matches 'roof'" when one did, hidden by the window's search."""
    idea = session.store.backlog()[0]
    session.push(EditPostsCommand(session, {idea.id: PostChanges(title="Roof safety")}))
    session.set_filters(replace(session.filters, search="zzzqqq"))
    panel.search.setText("roof")
    assert panel.shown_post_ids() == []
    assert panel.empty_text() == "No idea matches “roof” among those the window's search shows."
    hidden = frozenset({idea.channel_id})
    session.set_filters(replace(session.filters, hidden_channels=hidden))
    assert panel.empty_text() == (
        "No idea matches “roof” among those the window's filters and search show."
    )
    session.set_filters(replace(session.filters, search=""))
    assert panel.empty_text() == "No idea matches “roof” among those the window's filters show."
    session.set_filters(replace(session.filters, hidden_channels=frozenset()))
    panel.search.setText("zzzqqq")
    assert panel.empty_text() == "No idea matches “zzzqqq”."


def test_a_large_backlog_is_searched_once_typing_pauses(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key searched the calendar and filtered every idea: a second a key with
    40,000 of them. Down or Enter searches what was typed at once."""
    monkeypatch.setattr(backlog_module, "SEARCH_AT_ONCE", 3)
    every = panel.shown_post_ids()
    assert len(every) > 3
    warranty = [p.id for p in session.store.backlog() if "warranty" in p.title.casefold()]
    qtbot.keyClicks(panel.search, "warranty")
    assert panel.shown_post_ids() == every  # typing on: not searched yet
    qtbot.waitUntil(lambda: panel.shown_post_ids() == warranty)
    panel.search.clear()
    assert panel.shown_post_ids() == every  # cleared: at once
    qtbot.keyClicks(panel.search, "warranty")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.shown_post_ids() == warranty
    assert panel.list.hasFocus()


def test_the_heading_counts_an_idea_the_filters_hide_as_it_comes_and_goes(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    """No row of the list changes then, and the total stayed as it was ("6 of 8")."""
    ideas = session.store.backlog()
    hidden = ideas[0].channel_id
    session.set_filters(replace(session.filters, hidden_channels=frozenset({hidden})))
    total = len(ideas)
    shown = sum(p.channel_id != hidden for p in ideas)
    assert panel.title_text() == f"Backlog · {shown} of {total} ideas"
    session.push(DeletePostsCommand(session, [ideas[0].id]))
    assert panel.title_text() == f"Backlog · {shown} of {total - 1} ideas"
    session.undo_stack.undo()
    assert panel.title_text() == f"Backlog · {shown} of {total} ideas"


def test_a_selected_idea_keeps_its_channel_bar_and_dots_in_sight_on_the_selection(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    """The selected idea's channel bar on the selection's colour measured 1.3:1."""
    view = panel.list
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    index = view.model().index(0, 0)
    view.selectionModel().select(index, view.selectionModel().SelectionFlag.ClearAndSelect)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    row = view.visualRect(index)
    bar = [
        image.pixelColor(int(x * ratio), int(y * ratio))
        for x in range(row.left() + 1, row.left() + 12)
        for y in range(row.top() + 2, row.bottom() - 2)
    ]
    assert max(contrast(c, highlight) for c in bar) >= 3.0
    # Its key messages' dots too, at the row's end.
    assert index.data(PostRole).message_ids
    dots = [
        image.pixelColor(int(x * ratio), int(y * ratio))
        for x in range(row.right() - 24, row.right() - 2)
        for y in range(row.center().y(), row.bottom() - 2)
    ]
    assert max(contrast(c, highlight) for c in dots) >= 3.0


def test_an_empty_backlog_shows_it_has_the_keyboard_and_says_paste(
    panel: BacklogPanel, session: CalendarSession, qtbot: QtBot
) -> None:
    """A keyboard user sending a cut post back to an empty backlog saw no sign of the
    list taking the keyboard, and its words spoke only of dragging."""
    session.push(DeletePostsCommand(session, [p.id for p in session.backlog()]))
    assert "paste it here, Ctrl+V" in panel.empty_text()
    view = panel.list

    def frame() -> QColor:
        image = view.viewport().grab().toImage()
        return image.pixelColor(view.viewport().width() // 2, 4)

    panel.search.setFocus()
    qtbot.waitUntil(panel.search.hasFocus)
    without = frame()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    assert abs(frame().lightness() - without.lightness()) > 40, (frame().name(), without.name())


def test_escape_lets_go_of_the_ideas_picked(panel: BacklogPanel, qtbot: QtBot) -> None:
    """As in the views: Esc left the idea picked, and Cut or Delete still took it."""
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    assert panel.selected_post_ids()
    qtbot.keyClick(panel.list, Qt.Key.Key_Escape)
    assert panel.selected_post_ids() == []
    assert panel.list.hasFocus()


def test_what_the_backlog_search_finds_is_said_and_enter_goes_to_it(
    qtbot: QtBot, panel: BacklogPanel, session: CalendarSession
) -> None:
    """The result ("No idea matches 'zzz'", "1 of 8 ideas") was only painted, never said,
    and Enter in the field did nothing."""
    with qtbot.waitExposed(panel):
        panel.show()
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "zzz")
    assert panel.search.accessibleDescription() == "No idea matches “zzz”."
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.search.hasFocus()  # nothing to go to
    panel.search.setText("warranty")
    assert panel.search.accessibleDescription() == "1 of 8 ideas"
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.list.hasFocus()
    assert panel.selected_post_ids() == panel.shown_post_ids()
    panel.search.clear()
    assert panel.search.accessibleDescription() == ""


@pytest.mark.parametrize("search", ["", "brainstorm", "warranty"])
def test_the_ideas_picked_are_read_without_asking_each_row(
    panel: BacklogPanel, monkeypatch: pytest.MonkeyPatch, search: str
) -> None:
    """54,000 ideas picked with Ctrl+A were read a row at a time: a second at each menu's
    opening. The ideas picked and listed are the rows' own, asked or not."""
    panel.search.setText(search)
    rows = range(panel.proxy.rowCount())
    asked = [int(panel.proxy.index(row, 0).data(PostIdRole)) for row in rows]
    assert len(asked) == (1 if search == "warranty" else 8)
    panel.list.selectAll()
    calls = 0
    data = QModelIndex.data

    def counted(self: QModelIndex, *args: object) -> object:
        nonlocal calls
        calls += 1
        return data(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(QModelIndex, "data", counted)
    assert panel.selected_post_ids() == asked
    assert panel.shown_post_ids() == asked
    picked = [row for row in (0, 2, 3, 7) if row < len(asked)]
    panel.list.selectionModel().select(
        rows_selection(panel.proxy, picked), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert panel.selected_post_ids() == [asked[row] for row in picked]
    assert calls == 0


def test_the_backlog_sorts_by_title_channel_or_age_and_keeps_the_picked_ideas(
    panel: BacklogPanel, session: CalendarSession, qtmodeltester: ModelTester
) -> None:
    """Listed last changed first only: a typo mended moved an idea from row 1500 to the
    top, and the order learnt was gone."""

    def listed() -> list[Post]:
        by_id = {p.id: p for p in session.posts(panel.shown_post_ids())}
        return [by_id[post_id] for post_id in panel.shown_post_ids()]

    ideas = listed()
    assert len(ideas) >= 4
    picked = [ideas[1].id, ideas[3].id]
    panel.select_posts(picked)
    model = panel.model

    model.set_order("title")
    titles = [p.title for p in listed()]
    assert titles == sorted(titles, key=name_order)
    assert sorted(panel.selected_post_ids()) == sorted(picked)
    qtmodeltester.check(model)
    model.set_order("added")
    assert panel.shown_post_ids() == sorted(p.id for p in ideas)
    # An idea edited keeps its row (last changed first, it went to the top).
    last = panel.shown_post_ids()[-1]
    session.notify(session.store.update_post(panel.shown_post_ids()[0], {"notes": "Mended"}))
    assert panel.shown_post_ids() == sorted(p.id for p in ideas)
    assert panel.shown_post_ids()[-1] == last
    # A new idea comes last.
    channel = session.channels()[0].id
    session.notify(session.store.add_post(NewPost("Zebra crossing", channel)))
    assert listed()[-1].title == "Zebra crossing"
    model.set_order("channel")
    rank = {c.id: i for i, c in enumerate(session.channels(include_archived=True))}
    ranks = [rank[p.channel_id] for p in listed()]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) > 1
    model.set_order("changed")
    assert panel.shown_post_ids()[0] == session.store.backlog()[0].id
    assert panel.shown_post_ids() == [p.id for p in session.store.backlog()]


def test_an_idea_picked_stays_in_sight_as_the_order_moves_it(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    """Sorted, or retitled in the title order, the idea picked went to row 2007 and the
    list stayed at the top: picked, out of sight, nothing said where."""
    channel = session.channels()[0].id
    made = [
        session.store.add_post(NewPost(f"Idea {n:03d}", channel, status=PostStatus.IDEA))
        for n in range(200)
    ]
    for changes in made:
        session.notify(changes)

    def in_sight(post_id: int) -> bool:
        rect = panel.list.visualRect(panel.index_of(post_id))
        return panel.list.viewport().rect().intersects(rect)

    top = panel.shown_post_ids()[0]
    panel.select_posts([top])
    panel.list.setCurrentIndex(panel.index_of(top))
    assert in_sight(top)
    session.notify(session.store.update_post(top, {"title": "Zulu, the last of them"}))
    panel.model.set_order("title")
    panel.show_current()
    assert panel.shown_post_ids()[-1] == top
    assert in_sight(top)
    # Retitled to the top of the title order: followed there.
    session.notify(session.store.update_post(top, {"title": "Aardvark, the first"}))
    assert panel.shown_post_ids()[0] == top
    assert in_sight(top)
    session.notify(session.store.update_post(top, {"title": "Zulu again"}))
    assert panel.shown_post_ids()[-1] == top
    assert in_sight(top)
    assert panel.selected_post_ids() == [top]


def test_the_title_order_s_keys_stay_bounded_as_an_idea_is_renamed(
    panel: BacklogPanel, session: CalendarSession
) -> None:
    """Each name an idea had kept its key: 1,500 renames of one idea, 1,508 keys."""
    panel.model.set_order("title")
    idea = panel.shown_post_ids()[0]
    for n in range(1200):
        session.notify(session.store.update_post(idea, {"title": f"Name {n}"}))
    assert len(panel.model._title_keys) <= 2 * len(panel.shown_post_ids()) + 1000
