"""File > Export's options: the days, channels and key messages, as the command line offers."""

from __future__ import annotations

import csv
import errno
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from calendar_app.core import files
from calendar_app.core.models import NewPost, PostStatus
from calendar_app.core.store import CalendarStore
from calendar_app.exchange import csv_profiles
from calendar_app.exchange.formats import ExportOptions, no_progress
from calendar_app.exchange.html import export_html
from calendar_app.ui import dialogs, transfer
from calendar_app.ui.commands import ChannelCommand, UpdateKeyMessageCommand
from calendar_app.ui.editor import qdate
from calendar_app.ui.export_options import SENT_AS, ExportOptionsDialog
from calendar_app.ui.session import CalendarSession, Filters
from calendar_app.ui.transfer import export_dialog

from .conftest import OFFSCREEN_POPUPS, TODAY


def open_dialog(session: CalendarSession, fmt: str, qtbot: QtBot) -> ExportOptionsDialog:
    dialog = ExportOptionsDialog(session, fmt, fmt)
    qtbot.addWidget(dialog)
    return dialog


def exporting_all(qtbot: QtBot) -> Callable[[], None]:
    """What answers the export's choices: everything, as offered."""

    def export_all() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportOptionsDialog)
        qtbot.mouseClick(export_button(dialog), Qt.MouseButton.LeftButton)

    return export_all


def export_button(dialog: ExportOptionsDialog) -> QWidget:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_a_report_covers_four_months_around_today_unless_told(
    session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # weekends on Saturday and Sunday
    dialog = open_dialog(session, "pdf", qtbot)
    assert dialog.options() == ExportOptions(
        first=date(2026, 10, 1), last=date(2027, 1, 31), today=TODAY, rest_days=frozenset({5, 6})
    )
    assert dialog.byte_order_mark.isHidden()
    assert dialog.date_order.isHidden()
    dialog.last_edit.setDate(qdate(date(2026, 9, 30)))
    assert not export_button(dialog).isEnabled()
    assert dialog.problem.text() == "The last day comes before the first."


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("fmt", ["pdf", "html", "csv"])
def test_enter_in_a_field_exports_with_the_channels_as_ticked(
    session: CalendarSession, qtbot: QtBot, fmt: str
) -> None:
    """Enter in the report's first day pressed the channels' All (the dialog took its
    first button for the default): the channel unticked came back, nothing exported."""
    dialog = open_dialog(session, fmt, qtbot)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.channels.item(0).setCheckState(Qt.CheckState.Unchecked)
    field = dialog.first_edit if fmt != "csv" else dialog.limit_days
    field.setFocus()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.channels.item(0).checkState() == Qt.CheckState.Unchecked
    unticked = dialog.channels.item(0).data(Qt.ItemDataRole.UserRole)
    assert unticked not in dialog.options().channel_ids


def test_other_formats_export_every_post_unless_a_period_is_checked(
    session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # weekends on Saturday and Sunday
    dialog = open_dialog(session, "ics", qtbot)
    assert dialog.options() == ExportOptions(
        today=TODAY,
        day_first=dialog.options().day_first,
        rest_days=frozenset({5, 6}),
        notes=False,  # a calendar file to share (a page or a report never has them)
    )
    assert not dialog.first_edit.isEnabled()
    dialog.limit_days.setChecked(True)
    assert dialog.first_edit.isEnabled()
    assert (dialog.options().first, dialog.options().last) == (date(2026, 10, 1), date(2027, 1, 31))


def test_unchecked_channels_and_messages_are_left_out(
    session: CalendarSession, qtbot: QtBot
) -> None:
    dialog = open_dialog(session, "csv", qtbot)
    channels = session.store.channels()
    messages = session.store.key_messages()
    dialog.channels.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.messages.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.messages_hint.isVisibleTo(dialog)
    chosen = dialog.options()
    assert chosen.channel_ids == frozenset(c.id for c in channels[1:])
    assert chosen.message_ids == frozenset(m.id for i, m in enumerate(messages) if i != 1)
    for row in range(dialog.channels.count()):
        dialog.channels.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not export_button(dialog).isEnabled()
    assert dialog.problem.text() == "Tick at least one channel."


@OFFSCREEN_POPUPS
def test_a_click_on_a_name_unticks_it(session: CalendarSession, qtbot: QtBot) -> None:
    """Not only on its small box: a click on the words chose the row and left it ticked."""
    dialog = open_dialog(session, "csv", qtbot)
    dialog.show()
    listed = dialog.channels
    row = listed.visualItemRect(listed.item(0))
    at = QPoint(row.right() - 10, row.center().y())
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert dialog.options().channel_ids == frozenset(c.id for c in session.store.channels()[1:])


@pytest.mark.parametrize(("fmt", "left_out"), [("html", True), ("ics", True), ("csv", False)])
def test_channels_hidden_in_the_calendar_start_unticked_for_what_is_shared(
    session: CalendarSession, qtbot: QtBot, fmt: str, left_out: bool
) -> None:
    """An internal channel hidden in the window went to the client's web page: a page,
    a report or a calendar to share starts without it; a copy of the data keeps all."""
    intranet = session.store.channels()[-1]
    session.set_filters(Filters(hidden_channels=frozenset({intranet.id})))
    dialog = open_dialog(session, fmt, qtbot)
    chosen = dialog.options().channel_ids
    if left_out:
        assert chosen == frozenset(c.id for c in session.store.channels() if c != intranet)
    else:
        assert chosen == frozenset()  # every channel


@pytest.mark.parametrize(("fmt", "left_out"), [("pdf", True), ("ics", True), ("csv", False)])
def test_key_messages_the_calendar_shows_alone_start_ticked_alone_for_what_is_shared(
    session: CalendarSession, qtbot: QtBot, fmt: str, left_out: bool
) -> None:
    """The window filtered to two of 300 key messages: a report for those two meant
    unticking 298 boxes; a copy of the data keeps all."""
    shown = frozenset(m.id for m in session.store.key_messages()[:2])
    assert len(session.store.key_messages()) > 2
    session.set_filters(Filters(messages=shown))
    dialog = open_dialog(session, fmt, qtbot)
    assert dialog.options().message_ids == (shown if left_out else frozenset())
    hints = [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
    assert ("Those the calendar shows start ticked alone." in hints) == left_out


@OFFSCREEN_POPUPS
def test_all_and_none_tick_and_untick_a_whole_list(session: CalendarSession, qtbot: QtBot) -> None:
    """Hundreds of key messages were ticked or unticked one by one."""
    dialog = open_dialog(session, "pdf", qtbot)
    dialog.show()
    none, every = (
        dialog.findChild(QPushButton, "exportMessagesNone"),
        dialog.findChild(QPushButton, "exportMessagesAll"),
    )
    assert none is not None
    assert every is not None
    qtbot.mouseClick(none, Qt.MouseButton.LeftButton)
    assert not export_button(dialog).isEnabled()  # "Tick at least one key message."
    dialog.messages.item(1).setCheckState(Qt.CheckState.Checked)
    chosen = dialog.options().message_ids
    assert chosen == frozenset({session.store.key_messages()[1].id})
    qtbot.mouseClick(every, Qt.MouseButton.LeftButton)
    assert dialog.options().message_ids == frozenset()  # every one
    channels_none = dialog.findChild(QPushButton, "exportChannelsNone")
    assert channels_none is not None
    qtbot.mouseClick(channels_none, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Tick at least one channel."
    # Said where the keyboard is, to a screen reader: the button pressed, the lists and
    # Export, greyed out (the red line is no Tab stop).
    said = "Not ready: Tick at least one channel."
    for widget in (channels_none, dialog.channels, export_button(dialog)):
        assert widget.accessibleDescription() == said
    qtbot.mouseClick(every, Qt.MouseButton.LeftButton)  # (the messages: still none)
    dialog.channels.item(0).setCheckState(Qt.CheckState.Checked)
    assert channels_none.accessibleDescription() == ""


@OFFSCREEN_POPUPS
def test_what_stops_the_export_shows_without_moving_the_lists(
    session: CalendarSession, qtbot: QtBot
) -> None:
    """None ticked, the problem's line squeezed the boxes: All and None moved up over the
    last names of the list."""
    session.set_filters(Filters(messages=frozenset(m.id for m in session.key_messages()[:2])))
    dialog = open_dialog(session, "pdf", qtbot)
    dialog.show()
    none = dialog.findChild(QPushButton, "exportMessagesNone")
    assert none is not None
    listed = dialog.messages

    def places() -> tuple[int, int, int]:
        bottom = listed.mapTo(dialog, listed.rect().bottomLeft()).y()
        return bottom, none.mapTo(dialog, none.rect().topLeft()).y(), dialog.height()

    before = places()
    qtbot.mouseClick(none, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible()
    after = places()
    assert after == before
    assert after[1] > after[0]  # the buttons under the list, not over it


@pytest.mark.parametrize("fmt", ["hootsuite", "sprout"])
def test_publishing_tools_ask_the_date_order(
    session: CalendarSession, qtbot: QtBot, fmt: str
) -> None:
    dialog = open_dialog(session, fmt, qtbot)
    assert dialog.date_order.isVisibleTo(dialog)
    assert dialog.byte_order_mark.isHidden()
    dialog.date_order.setCurrentIndex(1)
    assert dialog.options().day_first is False
    dialog.date_order.setCurrentIndex(0)
    assert dialog.options().day_first is True


@pytest.mark.parametrize(
    ("fmt", "tool"), [("hootsuite", True), ("sprout", True), ("csv", False), ("ics", False)]
)
def test_publishing_tools_send_drafts_only_when_asked(
    session: CalendarSession, qtbot: QtBot, fmt: str, tool: bool
) -> None:
    """Drafts, not approved yet, went to a client's accounts with the scheduled posts:
    the dialog had no way to leave them out."""
    dialog = open_dialog(session, fmt, qtbot)
    assert dialog.drafts.isVisibleTo(dialog) == tool
    said = [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
    assert [t for t in said if t.startswith("Each post goes out as")] == (
        [SENT_AS[fmt]] if tool else []
    )  # the title goes out first: said before
    assert dialog.options().statuses == (frozenset({PostStatus.SCHEDULED}) if tool else frozenset())
    dialog.drafts.setChecked(True)
    assert dialog.options().statuses == frozenset()


@pytest.mark.parametrize(("fmt", "tool"), [("hootsuite", True), ("sprout", True), ("csv", False)])
def test_publishing_tools_start_without_the_channels_they_publish_nothing_to(
    session: CalendarSession, qtbot: QtBot, fmt: str, tool: bool
) -> None:
    """Every channel started ticked: the newsletter, the blog, the press release and
    the events went to the social team's tool as posts, said only afterwards; a copy
    of the data keeps every channel."""
    dialog = open_dialog(session, fmt, qtbot)
    social = frozenset(c.id for c in session.store.channels() if c.kind == "social")
    assert [c.name for c in session.store.channels() if c.id in social] == ["LinkedIn", "Instagram"]
    hint = "Those the tool publishes nothing to (a newsletter) start unticked."
    said = [label.text() for label in dialog.findChildren(QLabel)]
    assert dialog.options().channel_ids == (social if tool else frozenset())
    assert (hint in said) == tool


def test_an_empty_calendar_s_lists_keep_their_height_and_say_they_are_empty(
    tmp_path: Path, qtbot: QtBot, qapp: object
) -> None:
    """A new calendar's lists were 3-pixel lines, with All and None under them."""
    store = CalendarStore.create(tmp_path / "new.cadence", timezone="Europe/Paris")
    try:
        dialog = open_dialog(CalendarSession(store, today=TODAY), "pdf", qtbot)
        for listed in (dialog.channels, dialog.messages):
            assert listed.count() == 0
            assert listed.height() >= 3 * listed.fontMetrics().height()
        buttons = [b for b in dialog.findChildren(QPushButton) if b.text() in ("All", "None")]
        assert [b.isEnabled() for b in buttons] == [False] * 4
        said = [label.text() for label in dialog.findChildren(QLabel)]
        assert "No channels in this calendar yet." in said
        assert "No key messages in this calendar yet." in said
    finally:
        store.close()


SCHEDULED = PostStatus.SCHEDULED


@pytest.mark.parametrize("fmt", ["hootsuite", "sprout"])
def test_publishing_tools_leave_out_what_went_out_earlier_today(
    demo_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    """A window on the clock's today cuts at the present moment, as the command line
    does: a post gone out at 08:00 is not handed to the tool at noon (it wrote it)."""
    store = CalendarStore.open(demo_path)
    today = store.today()
    noon = datetime.combine(today, time(12, 0))
    monkeypatch.setattr(csv_profiles, "_current_time", lambda zone: noon)
    linkedin = store.channel_named("LinkedIn")
    assert linkedin is not None
    for at in (time(8, 0), time(16, 0)):
        store.add_post(
            NewPost(f"At {at:%H:%M}", linkedin.id, date=today, time=at, status=SCHEDULED)
        )
    session = CalendarSession(store)  # on the clock's today
    try:
        options = open_dialog(session, fmt, qtbot).options()
        assert options.today is None
        export = transfer.run_export(session, None, fmt, tmp_path / "out.csv", options)
        assert export is not None
        written = "".join(p.read_text() for p in tmp_path.glob("out*.csv"))
        assert "At 16:00" in written
        assert "At 08:00" not in written
    finally:
        store.close()


@OFFSCREEN_POPUPS
def test_file_export_asks_what_then_where_and_writes_just_that(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    target = tmp_path / "november.csv"
    monkeypatch.setattr(dialogs, "file_dialog_name", lambda *args, **kw: str(target))
    said: list[str] = []
    monkeypatch.setattr(
        transfer, "show_summary", lambda parent, title, text, details=(): said.append(text)
    )
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportOptionsDialog)
        dialog.limit_days.setChecked(True)
        dialog.first_edit.setDate(qdate(date(2026, 11, 1)))
        dialog.last_edit.setDate(qdate(date(2026, 11, 30)))
        for row in range(dialog.channels.count()):
            item = dialog.channels.item(row)
            if item.text() != "LinkedIn":
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.byte_order_mark.setChecked(True)
        qtbot.mouseClick(export_button(dialog), Qt.MouseButton.LeftButton)

    parent = QWidget()
    qtbot.addWidget(parent)
    QTimer.singleShot(0, choose)
    export_dialog(session, parent, "csv")

    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    expected = [
        p
        for p in session.store.posts_between(date(2026, 11, 1), date(2026, 11, 30))
        if p.channel_id == linkedin.id
    ]
    assert expected
    assert sorted(r["uid"] for r in rows) == sorted(p.uid for p in expected)
    assert said == [f"Exported {len(expected)} posts to {target}."]


@OFFSCREEN_POPUPS
def test_a_publishing_tools_export_asks_about_the_files_it_writes(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The same name again rewrote every channel's file unasked; an existing channel's
    file picked was asked about, then left as it was beside "sprout-LinkedIn-….csv"."""
    offered: list[tuple[object, ...]] = []

    def where(*args: object, **kw: object) -> str:
        offered.append((*args, kw))
        return str(tmp_path / "sprout.csv")

    monkeypatch.setattr(dialogs, "file_dialog_name", where)
    monkeypatch.setattr(transfer, "show_summary", lambda *args: None)
    asked: list[list[str]] = []
    answers = iter([False, True])

    def replace(parent: object, paths: list[Path]) -> bool:
        asked.append(sorted(path.name for path in paths))
        return next(answers)

    monkeypatch.setattr(transfer, "ask_replace_files", replace)

    export_all = exporting_all(qtbot)
    parent = QWidget()
    qtbot.addWidget(parent)
    QTimer.singleShot(0, export_all)
    export_dialog(session, parent, "sprout")
    written = sorted(tmp_path.glob("sprout-*.csv"))
    assert written
    assert asked == []  # nothing there yet
    assert offered[0][-1] == {"save": True, "confirm_overwrite": False}  # not the file written
    for path in written:
        path.write_text("edited by hand")

    for _ in range(2):  # declined, then accepted
        QTimer.singleShot(0, export_all)
        export_dialog(session, parent, "sprout")
        contents = {path.read_text() for path in written}
        assert (contents == {"edited by hand"}) == (len(asked) == 1)
    assert asked == [[path.name for path in written]] * 2
    assert sorted(tmp_path.glob("sprout-*.csv")) == written


@OFFSCREEN_POPUPS
def test_the_next_export_starts_where_the_last_one_went(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Ten exports into a client's folder each started back in Documents."""
    client = tmp_path / "client"
    client.mkdir()
    offered: list[str] = []

    def where(parent: object, title: str, start: Path, *rest: object, **kw: object) -> str:
        offered.append(str(start))
        return str(client / f"plan{len(offered)}.csv")

    monkeypatch.setattr(dialogs, "file_dialog_name", where)
    monkeypatch.setattr(transfer, "show_summary", lambda *args: None)

    export_all = exporting_all(qtbot)
    parent = QWidget()
    qtbot.addWidget(parent)
    for _ in range(2):
        QTimer.singleShot(0, export_all)
        export_dialog(session, parent, "csv")
    assert Path(offered[0]).parent != client
    assert Path(offered[1]).parent == client
    assert (client / "plan2.csv").exists()


@OFFSCREEN_POPUPS
def test_a_cancelled_choice_writes_nothing(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    asked: list[object] = []

    def where(*args: object, **kw: object) -> str:
        asked.append(args)
        return ""

    monkeypatch.setattr(dialogs, "file_dialog_name", where)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportOptionsDialog)
        dialog.reject()

    parent = QWidget()
    qtbot.addWidget(parent)
    QTimer.singleShot(0, cancel)
    export_dialog(session, parent, "pdf")
    assert asked == []


@pytest.mark.parametrize("fmt", ["html", "pdf", "ics", "csv"])
def test_a_share_starts_with_the_campaigns_and_statuses_the_calendar_shows(
    session: CalendarSession, qtbot: QtBot, fmt: str
) -> None:
    """The window filtered to a campaign's scheduled posts: its page went to the client
    with every campaign's posts, ideas and cancelled ones too, unsaid."""
    campaign = session.store.campaigns()[0]
    statuses = frozenset({PostStatus.SCHEDULED})
    session.set_filters(Filters(campaigns=frozenset({campaign.id}), statuses=statuses))
    dialog = open_dialog(session, fmt, qtbot)
    chosen = dialog.options()
    if fmt == "csv":  # a copy of the data keeps every post
        assert (chosen.campaign_ids, chosen.statuses) == (frozenset(), frozenset())
        assert not dialog.as_shown.isVisibleTo(dialog)
        return
    assert (chosen.campaign_ids, chosen.statuses) == (frozenset({campaign.id}), statuses)
    assert dialog.as_shown.text() == (
        f"Only the posts the calendar shows (campaign '{campaign.name}'; Scheduled)"
    )
    dialog.as_shown.setChecked(False)
    assert (dialog.options().campaign_ids, dialog.options().statuses) == (
        frozenset(),
        frozenset(),
    )


@pytest.mark.parametrize(("fmt", "notes"), [("ics", False), ("csv", True), ("html", True)])
def test_a_calendar_file_to_share_starts_without_the_notes(
    session: CalendarSession, qtbot: QtBot, fmt: str, notes: bool
) -> None:
    """The client's .ics carried every post's private notes, and nothing could leave
    them out; a copy of the data (CSV) keeps them, a page never shows them."""
    dialog = open_dialog(session, fmt, qtbot)
    assert dialog.options().notes is notes
    assert dialog.notes.isVisibleTo(dialog) is (fmt == "ics")
    if fmt == "ics":
        dialog.notes.setChecked(True)
        assert dialog.options().notes


def test_an_archived_message_left_unticked_is_named_nowhere_on_the_page(
    session: CalendarSession, qtbot: QtBot, tmp_path: Path
) -> None:
    """Unticked as it starts, an archived key message was left out of the page's table
    but named in its key and on every post carrying it (90 times on a client's page)."""
    retired = session.store.key_messages()[-1]
    session.push(UpdateKeyMessageCommand(session, replace(retired, archived=True)))
    dialog = open_dialog(session, "html", qtbot)
    left_out = dialog.options()
    assert left_out.unnamed_messages == frozenset({retired.id})
    export_html(session.store, tmp_path / "left.html", left_out, no_progress)
    assert retired.title not in (tmp_path / "left.html").read_text(encoding="utf-8")
    rows = [dialog.messages.item(r) for r in range(dialog.messages.count())]
    (row,) = [r for r in rows if r.data(Qt.ItemDataRole.UserRole) == retired.id]
    row.setCheckState(Qt.CheckState.Checked)  # asked for by name
    export_html(session.store, tmp_path / "named.html", dialog.options(), no_progress)
    assert retired.title in (tmp_path / "named.html").read_text(encoding="utf-8")


@OFFSCREEN_POPUPS
def test_archived_channels_and_messages_are_listed_and_go_with_the_others(
    session: CalendarSession, qtbot: QtBot
) -> None:
    events = session.store.channel_named("Events")
    assert events is not None
    session.push(ChannelCommand(session, events, replace(events, archived=True)))  # as a user
    message = session.store.key_messages()[-1]
    session.push(UpdateKeyMessageCommand(session, replace(message, title="A" * 80, archived=True)))
    dialog = open_dialog(session, "csv", qtbot)
    last = dialog.channels.item(dialog.channels.count() - 1)
    assert last.text() == "Events (archived)"
    assert dialog.messages.item(dialog.messages.count() - 1).text() == "A" * 80 + " (archived)"
    # A long name ends in "…" rather than adding a scroll bar over the last row.
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert not dialog.messages.horizontalScrollBar().isVisible()
    # Leaving one channel out keeps the archived one, checked as it is.
    dialog.channels.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert events.id in dialog.options().channel_ids
    last.setCheckState(Qt.CheckState.Unchecked)
    assert events.id not in dialog.options().channel_ids


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_a_report_leaves_archived_messages_out_unless_ticked(
    session: CalendarSession, qtbot: QtBot, fmt: str
) -> None:
    """Ticked out of sight below the others, a retired message came back into the
    client's report as overdue once another message was unticked."""
    retired, also = session.store.key_messages()[-2:]
    session.push(UpdateKeyMessageCommand(session, replace(retired, archived=True)))
    session.push(UpdateKeyMessageCommand(session, replace(also, archived=True)))
    dialog = open_dialog(session, fmt, qtbot)
    rows = {
        int(dialog.messages.item(r).data(Qt.ItemDataRole.UserRole)): dialog.messages.item(r)
        for r in range(dialog.messages.count())
    }
    assert rows[retired.id].checkState() == Qt.CheckState.Unchecked
    assert dialog.options().message_ids == frozenset()  # every message in use
    assert not dialog.messages_hint.isVisibleTo(dialog)
    dialog.messages.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert retired.id not in dialog.options().message_ids
    rows[retired.id].setCheckState(Qt.CheckState.Checked)  # asked for by name
    assert retired.id in dialog.options().message_ids
    # Every one in use ticked and one archived by name: it is in the report, and no
    # post is left out for carrying none (such a post was dropped from the page).
    dialog.messages.item(0).setCheckState(Qt.CheckState.Checked)
    chosen = dialog.options()
    assert (chosen.message_ids, chosen.archived_messages) == (
        frozenset(),
        frozenset({retired.id}),
    )
    assert not dialog.messages_hint.isVisibleTo(dialog)
    csv = open_dialog(session, "csv", qtbot)  # a copy of the data keeps every message
    assert csv.options().message_ids == frozenset()


@OFFSCREEN_POPUPS
def test_a_calendar_copy_is_offered_beside_it_as_a_copy(
    session: CalendarSession, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Export > Calendar Copy offered the calendar's own name, refused once chosen."""
    offered: list[Path] = []

    def where(parent: object, title: str, start: Path, *rest: object, **kw: object) -> str:
        offered.append(start)
        return ""

    monkeypatch.setattr(dialogs, "file_dialog_name", where)
    parent = QWidget()
    qtbot.addWidget(parent)
    QTimer.singleShot(0, exporting_all(qtbot))
    export_dialog(session, parent, "cadence")
    assert [p.name for p in offered] == [f"{session.store.path.stem} copy.cadence"]


@OFFSCREEN_POPUPS
def test_a_failed_export_closes_its_progress_before_saying_why(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The progress window stayed on top of the error, covering it, keeping the keyboard."""
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(
        dialogs, "file_dialog_name", lambda *args, **kw: str(tmp_path / "nope" / "plan")
    )
    shown: list[bool] = []

    def report(on: QWidget | None, exc: BaseException) -> None:
        # Still open, it showed itself on top of the error box a moment later.
        shown.append(any(not d.wasCanceled() for d in parent.findChildren(QProgressDialog)))

    session.report_error = report
    parent = QWidget()
    qtbot.addWidget(parent)
    QTimer.singleShot(0, exporting_all(qtbot))
    export_dialog(session, parent, "csv")
    assert shown == [False]


@OFFSCREEN_POPUPS
def test_an_export_into_a_folder_it_cannot_write_is_refused_before_replacing_is_asked(
    session: CalendarSession, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ "Replace it?" was asked first, and only after Yes was the read-only folder
    refused. Where it can write, the file there is asked about, and kept if declined."""
    target = tmp_path / "plan.ics"
    target.write_text("the client's copy")
    monkeypatch.setattr(dialogs, "file_dialog_name", lambda *args, **kw: str(target))
    monkeypatch.setattr(transfer, "show_summary", lambda *args: None)
    asked: list[list[Path]] = []

    def decline(parent: object, paths: list[Path]) -> bool:
        asked.append(paths)
        return False

    monkeypatch.setattr(transfer, "ask_replace_files", decline)
    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))

    def refused(folder: Path) -> tuple[int, Path]:
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    parent = QWidget()
    qtbot.addWidget(parent)
    with monkeypatch.context() as read_only_folder:
        read_only_folder.setattr(files, "new_export_file", refused)
        QTimer.singleShot(0, exporting_all(qtbot))
        export_dialog(session, parent, "ics")
    assert (asked, seen) == ([], [f"Cadence is not allowed to use {target}."])
    QTimer.singleShot(0, exporting_all(qtbot))
    export_dialog(session, parent, "ics")
    assert asked == [[target]]
    assert target.read_text() == "the client's copy"


def test_a_csv_for_excel_where_a_comma_is_the_decimal_mark_is_separated_by_semicolons(
    session: CalendarSession, qtbot: QtBot
) -> None:
    """Excel in France or Germany opened Cadence's comma-separated CSV in one column
    (and, without a byte-order mark, its accents in the older code page)."""
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        french = open_dialog(session, "csv", qtbot)
        assert french.semicolons.isChecked()
        assert french.options().semicolons
        assert french.options().byte_order_mark
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        english = open_dialog(session, "csv", qtbot)
        assert not english.semicolons.isChecked()
        assert english.options().byte_order_mark  # Excel in the US misread accents too
        english.semicolons.setChecked(True)
        assert english.options().semicolons
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        shared = open_dialog(session, "ics", qtbot)
        assert shared.semicolons.isHidden()
        assert not shared.options().semicolons
    finally:
        QLocale.setDefault(before)


@pytest.mark.parametrize(("fmt", "said"), [("pdf", "The report"), ("html", "The web page")])
def test_the_days_hint_names_what_is_made(
    session: CalendarSession, qtbot: QtBot, fmt: str, said: str
) -> None:
    """The web page's dialog called it a report."""
    dialog = open_dialog(session, fmt, qtbot)
    hints = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"{said} covers these days." in hints


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("fmt", ["pdf", "html", "csv"])
def test_the_lists_all_and_none_buttons_stand_side_by_side(
    session: CalendarSession, qtbot: QtBot, fmt: str
) -> None:
    """Six channels over five key messages put their All and None buttons at two
    heights, an empty strip under the shorter list."""
    assert len(session.channels()) != len(session.key_messages())  # (else it shows nothing)
    dialog = open_dialog(session, fmt, qtbot)
    with qtbot.waitExposed(dialog):
        dialog.show()
    tops = {
        button.mapTo(dialog, button.rect().topLeft()).y()
        for button in dialog.findChildren(QPushButton)
        if button.text().replace("&", "") in ("All", "None")
    }
    assert len(tops) == 1, tops


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("fmt", ["ics", "csv", "hootsuite", "sprout"])
def test_the_keyboard_starts_on_the_export_button_which_looks_it(
    session: CalendarSession, qtbot: QtBot, fmt: str
) -> None:
    """It started on the "Only the days from" box, unmarked until Tab: with Export framed
    as the default, Space ticked the box where the user meant to export."""
    dialog = open_dialog(session, fmt, qtbot)
    with qtbot.waitExposed(dialog):
        dialog.show()
    qtbot.waitUntil(lambda: dialog.focusWidget() is export_button(dialog))
    qtbot.keyClick(export_button(dialog), Qt.Key.Key_Space)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.limit_days.isChecked()


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("fmt", ["hootsuite", "csv"])
def test_the_choices_scroll_on_a_screen_too_small_and_the_buttons_stay_in_reach(
    session: CalendarSession, qtbot: QtBot, fmt: str
) -> None:
    """A 16 pt font on a 600 px screen: the Hootsuite dialog needed 695 px and could not
    be made smaller, Export and Cancel below the screen's edge."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    large = app.font()
    large.setPointSize(24)
    app.setFont(large)
    try:
        dialog = open_dialog(session, fmt, qtbot)
        with qtbot.waitExposed(dialog):
            dialog.show()
        screen = dialog.screen().availableGeometry()
        assert dialog.frameGeometry().height() <= screen.height()
        for button in dialog.buttons.buttons():
            corner = button.mapToGlobal(button.rect().bottomRight())
            assert screen.contains(corner), button.text()
        area = dialog.findChild(QScrollArea)
        assert area is not None
        assert area.verticalScrollBar().maximum() > 0, "the choices scroll instead"
    finally:
        app.setFont(font)


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_a_report_of_a_calendar_whose_every_message_is_archived_can_be_exported(
    session: CalendarSession, qtbot: QtBot, fmt: str
) -> None:
    """None ticked as it opened: Export stood greyed out under "Tick at least one key
    message", with no filter on."""
    for message in session.store.key_messages():
        session.push(UpdateKeyMessageCommand(session, replace(message, archived=True)))
    dialog = open_dialog(session, fmt, qtbot)
    assert export_button(dialog).isEnabled()
    assert not dialog.problem.isVisibleTo(dialog)
    every = frozenset(m.id for m in session.store.key_messages(include_archived=True))
    assert dialog.options().message_ids in (frozenset(), every)
    assert dialog.options().archived_messages == every  # (in the report, every one)
