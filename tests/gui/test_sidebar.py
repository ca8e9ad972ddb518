"""The sidebar: key messages with cadence badges, and channels to show or hide."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QTextDocument
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from calendar_app.core.cadence import MessageStatus
from calendar_app.core.models import Channel, KeyMessage, NewPost, PostStatus
from calendar_app.core.store import CalendarStore
from calendar_app.render.cadence_strip import day_text
from calendar_app.render.chips import contrast
from calendar_app.ui.commands import (
    NON_BREAKING_HYPHEN,
    AddKeyMessageCommand,
    ChannelCommand,
    CopyPostsCommand,
    DeleteKeyMessageCommand,
    UpdateKeyMessageCommand,
    plain_tooltip,
)
from calendar_app.ui.post_model import ChannelListModel, KeyMessageListModel, locale_day
from calendar_app.ui.session import CalendarSession
from calendar_app.ui.sidebar import MessageSidebar

from .conftest import TODAY

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 560)
    with qtbot.waitExposed(window):
        window.show()
    return window


@pytest.fixture
def sidebar(host: QWidget, session: CalendarSession) -> MessageSidebar:
    widget = MessageSidebar(session, host)
    widget.resize(host.size())
    widget.show()
    return widget


def message_id(session: CalendarSession, title: str) -> int:
    return next(m.id for m in session.key_messages() if m.title == title)


def click_message(qtbot: QtBot, sidebar: MessageSidebar, mid: int) -> None:
    pos = sidebar.message_rect(mid).center()
    qtbot.mouseClick(sidebar.messages_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_badges_say_what_the_cadence_report_says(
    sidebar: MessageSidebar, session: CalendarSession
) -> None:
    report = session.report()
    assert report.as_of == TODAY
    assert sidebar.shown_message_ids() == [m.id for m in session.key_messages()]
    for message in session.key_messages():
        cadence = report.message(message.id)
        if cadence.status == MessageStatus.OVERDUE:
            expected = f"overdue by {cadence.overdue_days} days"
        else:
            expected = cadence.status.value
        assert sidebar.badge_text(message.id) == expected
    badges = {m.title: sidebar.badge_text(m.id) for m in session.key_messages()}
    assert badges == {
        "Solar pays for itself": "ok",
        "Installed by local experts": "overdue by 13 days",
        "Every roof counts": "ok",
        "Zero-hassle financing": "ok",
        "Backed by a 25-year warranty": "overdue by 42 days",
    }


def test_warranty_badge_matches_a_hand_count_from_the_posts(
    sidebar: MessageSidebar, session: CalendarSession
) -> None:
    # By DESIGN.md's rules, counted straight from the posts (not through the analysis):
    # the last delivery on or before today, plus the cadence, is when it was due.
    warranty = next(m for m in session.key_messages() if m.title.startswith("Backed by"))
    delivered = [
        p.date
        for p in session.store.all_posts()
        if warranty.id in p.message_ids
        and p.date is not None
        and p.date <= TODAY
        and (
            p.status in (PostStatus.SCHEDULED, PostStatus.PUBLISHED)
            or (p.status == PostStatus.DRAFT and p.date >= TODAY)
        )
    ]
    due = max(delivered) + timedelta(days=warranty.cadence_days)
    overdue_days = (TODAY - due).days
    assert overdue_days == 42
    assert sidebar.badge_text(warranty.id) == f"overdue by {overdue_days} days"
    # The past draft 33 days ago never went out, so it is not the last delivery.
    assert max(delivered) < TODAY - timedelta(days=33)


def test_a_new_delivery_updates_the_badge(
    qtbot: QtBot, sidebar: MessageSidebar, session: CalendarSession
) -> None:
    warranty = message_id(session, "Backed by a 25-year warranty")
    carrier = next(
        p
        for p in session.store.all_posts()
        if warranty in p.message_ids and p.status == PostStatus.PUBLISHED
    )
    with qtbot.waitSignal(session.reportChanged):
        session.push(CopyPostsCommand(session, [(carrier.id, TODAY, None)]))
    # Delivered today; the next repetition is not on the calendar yet.
    assert sidebar.badge_text(warranty) == "unplanned"
    session.undo_stack.undo()
    assert sidebar.badge_text(warranty) == "overdue by 42 days"


def test_clicking_a_message_selects_it_and_clicking_again_clears(
    qtbot: QtBot, sidebar: MessageSidebar, session: CalendarSession
) -> None:
    experts = message_id(session, "Installed by local experts")
    with (
        qtbot.waitSignal(session.selectedMessageChanged) as changed,
        qtbot.waitSignal(sidebar.messageClicked) as clicked,
    ):
        click_message(qtbot, sidebar, experts)
    assert changed.args == [experts]
    assert clicked.args == [experts]
    assert session.selected_message == experts

    with qtbot.waitSignal(session.selectedMessageChanged) as changed:
        click_message(qtbot, sidebar, experts)
    assert changed.args == [None]
    assert session.selected_message is None
    assert not sidebar.messages_view.selectionModel().hasSelection()


def test_escape_clears_and_the_session_drives_the_selection(
    qtbot: QtBot, sidebar: MessageSidebar, session: CalendarSession
) -> None:
    roof = message_id(session, "Every roof counts")
    session.select_message(roof)  # e.g. from the cadence panel
    rows = sidebar.messages_view.selectionModel().selectedRows()
    assert [int(r.data(Qt.ItemDataRole.UserRole + 1)) for r in rows] == [roof]

    sidebar.messages_view.setFocus()
    with qtbot.waitSignal(session.selectedMessageChanged) as changed:
        qtbot.keyClick(sidebar.messages_view, Qt.Key.Key_Escape)
    assert changed.args == [None]

    # Space selects the current message from the keyboard.
    with qtbot.waitSignal(session.selectedMessageChanged) as changed:
        qtbot.keyClick(sidebar.messages_view, Qt.Key.Key_Space)
    assert changed.args == [roof]


def test_tooltip_and_badge_geometry(sidebar: MessageSidebar, session: CalendarSession) -> None:
    experts = message_id(session, "Installed by local experts")
    tip = str(sidebar.message_index(experts).data(Qt.ItemDataRole.ToolTipRole))
    assert "Overdue by 13 days" in tip
    cadence = session.report().message(experts)
    assert cadence.last_delivery is not None
    assert cadence.next_delivery is not None
    assert f"Last delivery: {locale_day(cadence.last_delivery)}" in tip
    assert f"Next delivery: {locale_day(cadence.next_delivery)}" in tip
    assert session.key_message(experts).statement in tip
    row = sidebar.message_rect(experts)
    badge = sidebar.badge_rect(experts)
    assert row.contains(badge)
    assert badge.right() > row.center().x()  # on the right-hand side
    assert badge.width() > 40


def test_the_tooltip_tells_each_channel_and_those_never_used(
    sidebar: MessageSidebar, session: CalendarSession
) -> None:
    """A message may be fresh on LinkedIn and long forgotten in the newsletter (the
    README promised it; only `cadence gaps --json` told it)."""

    def tooltip_lines(message: int) -> list[str]:
        tip = str(sidebar.message_index(message).data(Qt.ItemDataRole.ToolTipRole))
        document = QTextDocument()
        document.setHtml(tip)
        return document.toPlainText().replace(NON_BREAKING_HYPHEN, "-").splitlines()

    lines = tooltip_lines(message_id(session, "Backed by a 25-year warranty"))
    by_channel = lines.index("By channel:")
    assert lines[by_channel + 1 : by_channel + 3] == [
        f"Instagram: last {day_text(date(2026, 8, 31), weekday=False)}",
        f"Blog: last {day_text(date(2026, 9, 7), weekday=False)}",
    ]
    assert lines[by_channel + 3] == "Never on: LinkedIn, Newsletter, Press release, Events"
    # A keyboard user's screen reader reads it too, as the row's description.
    described = str(
        sidebar.message_index(message_id(session, "Backed by a 25-year warranty")).data(
            Qt.ItemDataRole.AccessibleDescriptionRole
        )
    ).replace(NON_BREAKING_HYPHEN, "-")
    assert f"By channel: Instagram: last {day_text(date(2026, 8, 31), weekday=False)}." in described
    assert "Never on: LinkedIn, Newsletter, Press release, Events." in described
    lines = tooltip_lines(message_id(session, "Installed by local experts"))
    assert not [line for line in lines if line.startswith("Never on")]
    linkedin = (
        f"LinkedIn: last {day_text(date(2026, 10, 22), weekday=False)},"
        f" next {day_text(date(2026, 11, 26), weekday=False)}"
    )
    assert linkedin in lines


def test_an_unplanned_message_says_by_when_it_is_due(
    sidebar: MessageSidebar, session: CalendarSession
) -> None:
    """Filled on its first red day, a message has no gap left but stays "unplanned"
    (its next delivery comes a day after it is due): the tooltip said only "Unplanned"
    and the next delivery, nothing left to act on. It says by when it is due."""
    channel = session.channels()[0].id
    added = session.store.add_key_message(
        "Citizens can invest", cadence_days=30, starts_on=TODAY - timedelta(days=5)
    )
    session.notify(added)
    (message_id,) = added.created
    for day in (TODAY - timedelta(days=2), TODAY + timedelta(days=29)):
        made = session.store.add_post(
            NewPost("Invest", channel, (message_id,), day, status=PostStatus.SCHEDULED)
        )
        session.notify(made)
    message = session.key_message(message_id)
    cadence = session.report().message(message.id)
    assert cadence.status == "unplanned"
    assert not [g for g in cadence.gaps if g.start <= TODAY + timedelta(days=29)]  # no red
    tip = str(sidebar.message_index(message.id).data(Qt.ItemDataRole.ToolTipRole))
    document = QTextDocument()
    document.setHtml(tip)
    lines = document.toPlainText().splitlines()
    due = TODAY + timedelta(days=28)
    assert lines[1] == f"Unplanned: due again by {day_text(due)}"
    # Its post a day after: said, as nothing in the panel shows (no day is overdue).
    assert (
        lines[2] == f"Its next post, on {locale_day(TODAY + timedelta(days=29))}, comes after that"
    )
    assert f"Next delivery: {locale_day(TODAY + timedelta(days=29))}" in lines


def test_an_ok_pill_reads_on_the_selected_row(
    sidebar: MessageSidebar, session: CalendarSession, qtbot: QtBot
) -> None:
    """The tinted "ok" pill let the selection's blue through: its words read at 1.7:1."""
    solar = message_id(session, "Solar pays for itself")
    click_message(qtbot, sidebar, solar)
    view = sidebar.messages_view
    index = sidebar.message_index(solar)
    assert view.selectionModel().isSelected(index)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.font = view.font()
    badge = sidebar.message_delegate.badge_rect(option, index)
    image = view.viewport().grab().toImage()
    inside = image.pixelColor(badge.left() + badge.height() // 2, badge.top() + 2)
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    ok_ink = QColor("#186830")
    assert contrast(ok_ink, inside) >= 4.5
    assert contrast(ok_ink, highlight) < 4.5  # (so the test shows the pill is not see-through)


def test_in_a_large_font_an_overdue_pill_shortens_before_the_cadence_is_cut(
    sidebar: MessageSidebar, session: CalendarSession, qtbot: QtBot
) -> None:
    """At 12 points "overdue by 13 days" pushed "every 14 days" to "every…"."""
    experts = message_id(session, "Installed by local experts")
    view = sidebar.messages_view

    def pill() -> str:
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(sidebar.message_index(experts))
        option.font = view.font()
        return sidebar.message_delegate.badge_for(option, sidebar.message_index(experts))

    assert pill() == "overdue by 13 days"
    large = QFont(view.font())
    large.setPointSize(16)
    view.setFont(large)
    qtbot.waitUntil(lambda: pill() != "overdue by 13 days")
    assert pill() == "overdue 13 d"


def test_a_narrow_sidebar_keeps_the_cadence_s_number(
    sidebar: MessageSidebar, session: CalendarSession, qtbot: QtBot
) -> None:
    """At 14pt on a small screen "every 14 d" became "every 1…", read as every day."""
    experts = message_id(session, "Installed by local experts")
    view = sidebar.messages_view
    large = QFont(view.font())
    large.setPointSize(14)
    view.setFont(large)

    def cadence(width: int) -> str:
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(sidebar.message_index(experts))
        option.rect.setWidth(width)
        option.font = view.font()
        return sidebar.message_delegate.cadence_for(option, sidebar.message_index(experts))

    said = {cadence(width) for width in range(150, 420, 4)}
    assert "every 14 days" in said
    assert "every 14 d" in said
    assert "14 d" in said
    assert not [text for text in said if text.startswith("every") and "14" not in text]


def test_unticking_a_channel_hides_its_posts(
    qtbot: QtBot, sidebar: MessageSidebar, session: CalendarSession
) -> None:
    linkedin = next(c for c in session.channels() if c.name == "LinkedIn")
    assert any(p.channel_id == linkedin.id for p in session.posts_between(*NOVEMBER))
    pos = sidebar.channel_rect(linkedin.id).center()
    with qtbot.waitSignal(session.filtersChanged):
        qtbot.mouseClick(sidebar.channels_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert session.filters.hidden_channels == frozenset({linkedin.id})
    assert all(p.channel_id != linkedin.id for p in session.posts_between(*NOVEMBER))
    assert any(p.channel_id == linkedin.id for p in session.store.posts_between(*NOVEMBER))
    index = sidebar.channel_index(linkedin.id)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    # Space ticks it again.
    sidebar.channels_view.setCurrentIndex(index)
    sidebar.channels_view.setFocus()
    with qtbot.waitSignal(session.filtersChanged):
        qtbot.keyClick(sidebar.channels_view, Qt.Key.Key_Space)
    assert session.filters.hidden_channels == frozenset()
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_a_channel_tooltip_names_its_kind_where_its_name_does_not(
    sidebar: MessageSidebar, session: CalendarSession
) -> None:
    """ "Blog (blog)", "Events (event)": the kind echoed in lower case read as a slip.
    Its limit is said; a name in brackets of its own gets no second pair."""

    def tips() -> dict[str, str]:
        return {
            c.name: str(sidebar.channel_index(c.id).data(Qt.ItemDataRole.ToolTipRole))
            for c in session.channels()
        }

    shown = "Shown; untick to hide its posts."
    ids = {c.name: c.id for c in session.channels()}
    session.notify(session.store.update_channel(ids["LinkedIn"], char_limit=3000))
    for name in ("Newsletter", "Events"):
        session.notify(session.store.update_channel(ids[name], char_limit=None))
    assert tips()["LinkedIn"] == plain_tooltip(f"LinkedIn (social, 3,000 characters). {shown}")
    assert tips()["Newsletter"] == plain_tooltip(f"Newsletter. {shown}")
    assert tips()["Events"] == plain_tooltip(f"Events. {shown}")
    session.notify(session.store.update_channel(ids["LinkedIn"], name="LinkedIn (Nordlicht)"))
    said = f"LinkedIn (Nordlicht), social, 3,000 characters. {shown}"
    assert tips()["LinkedIn (Nordlicht)"] == plain_tooltip(said)


def test_an_archived_channel_ticked_shown_again_leaves_the_list(
    qtbot: QtBot, sidebar: MessageSidebar, session: CalendarSession
) -> None:
    """Hidden, then archived with no posts, it is listed to be ticked back; ticked, it
    stayed listed in the sidebar (the toolbar's Channels menu no longer listed it)."""
    session.push(
        ChannelCommand(session, None, Channel(0, "Podcast", "social", "#123456", None, 99, False))
    )
    podcast = next(c for c in session.channels() if c.name == "Podcast")
    session.set_filters(session.filters.toggled("channels", podcast.id, False))
    session.push(ChannelCommand(session, podcast, replace(podcast, archived=True)))
    assert podcast.id in sidebar.channels_model.channel_ids()
    pos = sidebar.channel_rect(podcast.id).center()
    with qtbot.waitSignal(session.filtersChanged):
        qtbot.mouseClick(sidebar.channels_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert session.filters.hidden_channels == frozenset()
    assert podcast.id not in sidebar.channels_model.channel_ids()
    assert sidebar.channels_model.channel_ids() == [c.id for c in session.listed_channels()]


@pytest.mark.parametrize("how", ["deleted", "archived"])
def test_a_selected_message_that_goes_away_selects_no_other(
    sidebar: MessageSidebar, session: CalendarSession, how: str
) -> None:
    message = session.store.key_message_titled("Backed by a 25-year warranty")
    assert message is not None
    session.select_message(message.id)
    if how == "deleted":
        session.push(DeleteKeyMessageCommand(session, message.id))
    else:
        session.push(UpdateKeyMessageCommand(session, replace(message, archived=True)))
    assert session.selected_message is None
    assert sidebar.messages_view.selectionModel().selectedRows() == []
    # Undone, the message is highlighted again, and shown selected in the list (the
    # calendar was tinted with no row selected, and Escape no longer cleared it).
    session.undo_stack.undo()
    assert session.selected_message == message.id
    rows = sidebar.messages_view.selectionModel().selectedRows()
    assert [sidebar.messages_model.data(i, Qt.ItemDataRole.UserRole + 1) for i in rows] == [
        message.id
    ]


def test_qtmodeltester_on_the_message_and_channel_models(
    session: CalendarSession, qtmodeltester: ModelTester
) -> None:
    messages = KeyMessageListModel(session)
    qtmodeltester.check(messages)
    new = KeyMessage(
        id=0,
        title="Aaa first of all",
        statement="",
        cadence_days=5,
        color="#123456",
        starts_on=None,
        ends_on=None,
        priority=10,
        archived=False,
    )
    session.push(AddKeyMessageCommand(session, new))
    assert messages.rowCount() == 6
    added = session.store.key_message_titled("Aaa first of all")
    assert added is not None
    assert messages.message_ids()[0] == added.id  # highest priority first
    assert messages.index(0).data(Qt.ItemDataRole.DisplayRole) == "Aaa first of all"
    session.push(UpdateKeyMessageCommand(session, replace(added, archived=True)))
    assert added.id not in messages.message_ids()

    channels = ChannelListModel(session)
    qtmodeltester.check(channels)
    first = channels.channel_ids()[0]
    assert channels.setData(channels.index(0), Qt.CheckState.Unchecked)
    assert session.filters.hidden_channels == frozenset({first})


def test_ticking_a_channel_signals_its_row_alone(session: CalendarSession) -> None:
    """Every row was signalled at once: a screen reader heard no row ticked (Qt says a
    check box changed only of a change of that row alone)."""
    channels = ChannelListModel(session)
    rows: list[tuple[int, int]] = []
    roles: list[int] = []

    def changed(first: QModelIndex, last: QModelIndex, said: list[int]) -> None:
        rows.append((first.row(), last.row()))
        roles.extend(said)

    channels.dataChanged.connect(changed)
    assert channels.setData(channels.index(2), Qt.CheckState.Unchecked)
    assert rows == [(2, 2)]
    assert Qt.ItemDataRole.CheckStateRole in roles  # else Qt says nothing of a check
    assert channels.index(2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    session.set_filters(replace(session.filters, statuses=frozenset({PostStatus.DRAFT})))
    assert rows == [(2, 2)]  # nothing the list shows changed
    session.set_filters(replace(session.filters, hidden_channels=frozenset()))
    assert rows == [(2, 2), (2, 2)]


def test_a_new_analysis_signals_only_the_badges_that_changed(
    qtbot: QtBot, sidebar: MessageSidebar, session: CalendarSession
) -> None:
    model = sidebar.messages_view.model()
    assert isinstance(model, KeyMessageListModel)
    warranty = message_id(session, "Backed by a 25-year warranty")
    carrier = next(
        p
        for p in session.store.all_posts()
        if p.message_ids == (warranty,) and p.status == PostStatus.PUBLISHED
    )
    assert sidebar.badge_text(warranty) == "overdue by 42 days"
    rows: list[int] = []
    model.dataChanged.connect(
        lambda first, last, _roles: rows.extend(range(first.row(), last.row() + 1))
    )
    with qtbot.waitSignal(session.reportChanged):
        session.push(CopyPostsCommand(session, [(carrier.id, TODAY, None)]))
    assert rows == [model.row_of(warranty)]
    assert sidebar.badge_text(warranty) == "unplanned"


def test_empty_lists_say_where_their_items_are_added(
    host: QWidget, tmp_path: Path, qtbot: QtBot
) -> None:
    """A new calendar's sidebar showed its two headings over blank space."""
    with CalendarStore.create(tmp_path / "new.cadence", timezone="Europe/Paris") as store:
        empty = MessageSidebar(CalendarSession(store, today=TODAY), host)
        empty.resize(host.size())
        with qtbot.waitExposed(empty):
            empty.show()
        for view, menu in (
            (empty.messages_view, "Key Messages…"),
            (empty.channels_view, "Channels…"),
        ):
            assert view.model().rowCount() == 0
            assert f"Edit > {menu}" in view.empty_text
            said = view.grab().toImage()
            hint, view.empty_text = view.empty_text, ""
            assert view.grab().toImage() != said  # the hint is drawn
            view.empty_text = hint
            lines = view.fontMetrics().lineSpacing()
            assert view.height() >= 2 * lines  # room for it on two lines
            # Said to a screen reader too (it heard how to use the rows there were not).
            assert view.accessibleDescription() == view.empty_text
        session = empty.session
        session.push(
            ChannelCommand(
                session, None, Channel(0, "Podcast", "social", "#123456", None, 99, False)
            )
        )
        assert empty.channels_view.accessibleDescription().startswith("Tick a channel")
        assert empty.messages_view.accessibleDescription() == empty.messages_view.empty_text


def test_a_selected_message_keeps_its_dot_in_sight_on_the_selection(
    sidebar: MessageSidebar, session: CalendarSession
) -> None:
    """A blue message's dot on the blue of its selected row was gone (1.25:1)."""
    view = sidebar.messages_view
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    blue = min(session.key_messages(), key=lambda m: contrast(QColor(m.color), highlight))
    session.select_message(blue.id)
    assert [i.row() for i in view.selectionModel().selectedRows()]
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    row = sidebar.message_rect(blue.id)
    dot = [  # the dot and what rings it, left of the title
        image.pixelColor(int(x * ratio), int(y * ratio))
        for x in range(row.left() + 2, row.left() + 22)
        for y in range(row.top() + 2, row.top() + row.height() // 2)
    ]
    assert max(contrast(c, highlight) for c in dot) >= 3.0


def test_the_message_the_keyboard_is_on_shows_a_ring_on_its_selection(
    sidebar: MessageSidebar, session: CalendarSession, qtbot: QtBot
) -> None:
    """Chosen (filled with the highlight), the row's ring was of the highlight too: the
    list taking the keyboard looked the same as without it."""
    view = sidebar.messages_view
    session.select_message(session.key_messages()[1].id)
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    row = view.visualRect(view.currentIndex())
    assert view.selectionModel().isSelected(view.currentIndex())
    image = view.viewport().grab().toImage()
    y = row.center().y()
    ring, fill = image.pixelColor(row.left() + 1, y), image.pixelColor(row.left() + 3, y)
    assert abs(ring.lightness() - fill.lightness()) > 60, (ring.name(), fill.name())


def test_thirty_key_messages_leave_the_channels_their_rows(
    sidebar: MessageSidebar, session: CalendarSession
) -> None:
    """The channel ticks, the main filter, gave way to the key messages down to two and a
    half of six rows however tall the window; the messages' list scrolls instead."""
    for n in range(30 - len(session.key_messages())):
        session.notify(session.store.add_key_message(f"Extra message {n:02}", cadence_days=14))
    channels = sidebar.channels_view
    rows = channels.model().rowCount()
    assert rows == 6
    sidebar.resize(300, 900)
    layout = sidebar.layout()
    assert layout is not None
    layout.activate()
    assert channels.height() >= sum(channels.sizeHintForRow(r) for r in range(rows))
    assert sidebar.messages_view.height() < sidebar.messages_view.sizeHint().height()
