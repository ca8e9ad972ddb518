"""Filling a gap: the quickest ways to deliver a key message again on a day, offered
by the context menus of the month and week views (for the messages overdue that
day) and of the cadence panel (for the row clicked): repeat the message's last post
there, schedule one of its ideas from the backlog there, or write a new post that
carries it. Each is one undo step and selects what it placed."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from datetime import date, time, timedelta
from functools import partial

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ..core.cadence import CadenceReport, MessageStatus, default_window
from ..core.models import KeyMessage, Post, PostStatus, isolated
from ..render.cadence_strip import day_text, range_text
from .commands import CopyPostsCommand, MovePostsCommand, elide, menu_text
from .session import CalendarSession, Filters

IDEAS_OFFERED = 4
"""How many of a message's backlog ideas a menu offers (the newest)."""
TITLE_CHARS = 36
CHANNEL_CHARS = 24

Select = Callable[[list[int]], None]
"""Selects the posts a fill placed (in the view the menu came from)."""
Say = Callable[[str], None]
"""Says a word on a fill just made (the window's status bar)."""


def short(title: str) -> str:
    """A title short enough for a menu item, in quotes."""
    return f"“{elide(title, TITLE_CHARS)}”"


def _item(menu: QMenu, text: str, slot: Callable[[], object]) -> None:
    """An item whose first letter is its key (Repeat, Schedule, New Post)."""
    menu.addAction("&" + menu_text(text), slot)


def overdue_on(session: CalendarSession, day: date) -> list[KeyMessage]:
    """The key messages overdue on ``day``: the one selected in the sidebar first, then
    in the sidebar's order."""
    report = session.report()
    found = [m for m in session.key_messages() if _overdue(report, m.id, day)]
    found.sort(key=lambda m: m.id != session.selected_message)  # stable: the rest in order
    return found


def next_fill(session: CalendarSession, message_id: int) -> tuple[date, str] | None:
    """The day a key message next needs a post, with what to call it: today when it is
    overdue, its due day when its next repetition is not planned; None when it is
    on time, or not due at all (before its start, after its end)."""
    try:
        cadence = session.report().message(message_id)
    except KeyError:
        return None
    today = session.today()
    if cadence.status == MessageStatus.OVERDUE:
        return today, f"Overdue: fill the gap today ({day_text(today)})"
    if cadence.status == MessageStatus.UNPLANNED:
        # Due a cadence after the last delivery or, never delivered, after the day
        # before it started (its start date, else the analysis' usual start).
        message = session.key_message(message_id)
        start = message.starts_on or default_window(today)[0]
        anchor = cadence.last_delivery or start - timedelta(days=1)
        due = max(today, anchor + timedelta(days=cadence.cadence_days))
        if message.ends_on is not None and due > message.ends_on:
            return None  # it ends before it is due again
        again = " again" if cadence.last_delivery else ""
        return due, f"Unplanned: due{again} by {day_text(due, year=today)}"
    return None


def _overdue(report: CadenceReport, message_id: int, day: date) -> bool:
    try:
        return report.message(message_id).is_overdue_on(day)
    except KeyError:  # not analysed (ended, or added since the last report)
        return False


def add_fill_actions(
    menu: QMenu,
    session: CalendarSession,
    parent: QWidget,
    message: KeyMessage,
    day: date,
    at: time | None,
    select: Select,
    say: Say | None = None,
) -> None:
    """Add to ``menu`` the ways to deliver ``message`` on ``day`` (at ``at``, the hour
    clicked in the week's grid; otherwise a repeat keeps its post's time). A day before
    today gets a note instead: a gap in the past is history, not a plan. ``say`` is
    told, after a fill, what it did for the gap (:func:`_said`)."""
    today = session.today()
    if day < today:
        menu.addAction("Gaps are filled from today on").setEnabled(False)
        return
    # Outside the days it runs, a post would count for nothing (an ended message's
    # Schedule took an idea out of the backlog, unsaid).
    if message.ends_on is not None and day > message.ends_on:
        menu.addAction(f"Ended {day_text(message.ends_on, year=day)}").setEnabled(False)
        return
    if message.starts_on is not None and day < message.starts_on:
        menu.addAction(f"Starts {day_text(message.starts_on, year=day)}").setEnabled(False)
        return

    def offer(text: str, way: Callable[[], bool]) -> None:
        _item(menu, text, _said(session, say, way, message, day))

    repeat = session.store.post_to_repeat(message.id, day, today)
    # Its channel read now, as the post was (another program may have made it since the
    # session read them); not one retired: a new post takes a live one.
    channel = session.store.channel(repeat.channel_id) if repeat is not None else None
    if repeat is not None and repeat.date is not None and channel and not channel.archived:
        # Sent: published, or on a day gone by, or today but at a time gone by (18:00
        # read "sent" at 11:20, the post still to go out); a post of today without a
        # time is the day's.
        sent = (
            repeat.status == PostStatus.PUBLISHED
            or repeat.date < today
            or (repeat.date == today and (repeat.time is None or repeat.time <= session.now()))
        )
        offer(
            # Cut short, so that the day stays in sight; the date is the post's, not
            # the day it would be repeated on.
            f"Repeat {short(repeat.title)} ({elide(channel.name, CHANNEL_CHARS)},"
            f" {'sent' if sent else 'planned'}"
            f" {day_text(repeat.date, year=day)})",
            partial(repeat_post, session, parent, repeat, day, at, select),
        )
    backlog = session.store.backlog(message_ids=[message.id])
    # Not a cancelled one: set aside on purpose, it is not offered as an idea.
    ideas = [p for p in backlog if p.status in (PostStatus.IDEA, PostStatus.DRAFT)]
    offered = ideas[:IDEAS_OFFERED]
    # Ideas of one title told apart by their channels, and counted where those read
    # the same too (the items read the same, to a screen reader too).
    titles = Counter(short(idea.title) for idea in offered)
    wheres = []
    for idea in offered:
        where = ""
        if titles[short(idea.title)] > 1:
            with contextlib.suppress(KeyError):  # (made since the session read them)
                where = elide(session.channel(idea.channel_id).name, CHANNEL_CHARS)
        wheres.append(where)
    alike = Counter(zip((short(i.title) for i in offered), wheres, strict=True))
    seen: Counter[tuple[str, str]] = Counter()
    for idea, where in zip(offered, wheres, strict=True):
        title = short(idea.title)
        if alike[title, where] > 1:
            seen[title, where] += 1
            where = f"{where}, {seen[title, where]}" if where else str(seen[title, where])
        offer(
            f"Schedule {title} as a Draft{f' ({where})' if where else ''}",
            partial(schedule_idea, session, parent, idea, day, at, select),
        )
    if len(ideas) > IDEAS_OFFERED:  # the others, to choose among in the backlog
        menu.addAction(  # A, its key: S is the Schedules' (and the Menu key's way there)
            f"Show &All {len(backlog)} of Its Ideas in the Backlog",  # (those set aside too)
            partial(_show_ideas_of, session, message),
        )
    offer(
        f"New Post With {short(message.title)}…",
        partial(write_post, session, parent, message, day, at, select),
    )


def _show_ideas_of(session: CalendarSession, message: KeyMessage) -> None:
    """Narrow the calendar and its backlog to ``message`` alone (the Key Messages filter,
    which says so and lets it go; the others let go, as a status filter hid the ideas
    counted, "0 of 14"): all its ideas to drag onto the day, where the menu offered
    four and greyed "…and 296 more"."""
    session.set_filters(Filters(messages=frozenset({message.id})))


def _said(
    session: CalendarSession,
    say: Say | None,
    fill: Callable[[], bool],
    message: KeyMessage,
    day: date,
) -> Callable[[], object]:
    """``fill`` (:func:`repeat_post` and the others), then ``say`` told what it did for
    the gap: a screen reader heard the post placed, and nothing of the gap; nor did
    anyone of the days before it that a post there leaves overdue."""
    if say is None:
        return fill

    def run() -> None:
        left = _days_left_before(session, message.id, day)
        if not fill():
            return
        try:  # the editor's post may have gone elsewhere, without it, cancelled...
            delivered = day in session.report().message(message.id).deliveries
        except KeyError:  # (archived meanwhile)
            delivered = False
        if not delivered:
            return
        # ("Delivered" read as gone out: the day is today's or one to come.)
        text = f"'{isolated(message.title)}' is planned on {day_text(day, year=session.today())}"
        if left is not None:
            first, last = left
            stays = "stays" if first == last else "stay"
            text += f"; {range_text(first, last)} {stays} overdue"
        say(f"{text}.")

    return run


def _key_of(text: str) -> str:
    """The letter a menu item's text gives as its key ("&Open": "o"), or ""."""
    return QKeySequence.mnemonic(text).toString().rpartition("+")[2].casefold()


def _with_key(text: str, taken: set[str]) -> str:
    """``text`` (a menu's, its ampersands doubled) with its first letter not yet
    ``taken`` as its key; as it is when every letter is."""
    at = 0
    while at < len(text):
        if text[at] == "&":
            at += 2
            continue
        if text[at].isalnum() and text[at].casefold() not in taken:
            return f"{text[:at]}&{text[at:]}"
        at += 1
    return text


GAP_MENUS_INLINE = 6
"""The "Fill the Gap" submenus a day's menu holds itself; more go in one submenu."""


def add_gap_menus(
    menu: QMenu,
    session: CalendarSession,
    parent: QWidget,
    day: date,
    at: time | None,
    select: Select,
    go_to: Callable[[date], object] | None = None,
    say: Say | None = None,
) -> QMenu | None:
    """A "Fill the Gap" submenu per key message overdue on ``day``, if any, in one
    "Fill a Gap" submenu (named ``gapMenus``; returned) beyond
    :data:`GAP_MENUS_INLINE` of them. Only from today on: a gap in the past is
    history, not a plan."""
    overdue = overdue_on(session, day) if day >= session.today() else []
    if overdue:
        menu.addSeparator()
    holder = menu
    if len(overdue) > GAP_MENUS_INLINE:  # 50 filled a menu two columns wide, far away
        holder = menu.addMenu(f"Fill a &Gap ({len(overdue)} key messages overdue)")
        holder.setObjectName("gapMenus")
    # G opens the first; a second G went into it, never to the next: the others take a
    # letter of their message's name that no other item of the menu takes.
    taken = {_key_of(action.text()) for action in holder.actions()}
    for number, message in enumerate(overdue):
        named = menu_text(short(message.title))
        if number == 0 and "g" not in taken:
            text = f"Fill the &Gap of {named}"
        else:
            text = f"Fill the Gap of {_with_key(named, taken)}"
        taken.add(_key_of(text))
        submenu = holder.addMenu(text)
        submenu.setObjectName("gapMenu")
        add_fill_actions(submenu, session, parent, message, day, at, select, say)
        left = _days_left_before(session, message.id, day)
        if left is not None:  # a post here fills the gap from here on only: said, under
            first, last = left  # the ways to fill it (the first stays the first), and
            submenu.addSeparator()  # read and reached as any item (greyed, it was not)
            another_year = first.year != session.today().year
            note = f"A post here leaves {range_text(first, last, year=another_year)} overdue"
            if go_to is None:
                submenu.addAction(note).setEnabled(False)
            else:
                text = f"{note}: Go to {day_text(first, year=session.today())}"
                submenu.addAction(text, partial(go_to, first))
    return holder if holder is not menu else None


def _days_left_before(
    session: CalendarSession, message_id: int, day: date
) -> tuple[date, date] | None:
    """The days of the gap ``day`` is in that come before it and are still to come (or
    are today): a post on ``day`` leaves them overdue (a repeat put mid-gap in the
    month left the gap's first days red, unsaid). None when there are none."""
    try:
        gap = session.report().message(message_id).gap_on(day)
    except KeyError:
        return None
    if gap is None:
        return None
    first = max(gap.start, session.today())
    return (first, day - timedelta(days=1)) if first < day else None


def repeat_post(
    session: CalendarSession,
    parent: QWidget,
    post: Post,
    day: date,
    at: time | None,
    select: Select,
) -> bool:
    """A copy of ``post`` on ``day`` (at ``at``, else at its time, or later when that
    time has passed today; a time the clocks skip as the time it then reads): one
    undo step."""
    when = session.still_ahead(day, session.going_out(day, at or post.time))
    # Read from the file: another program may have made it since the session read them.
    campaign = session.store.campaign(post.campaign_id) if post.campaign_id is not None else None
    # A campaign over by that day is not the repeat's (it came along into the next one).
    ended = campaign is not None and campaign.ends_on is not None and campaign.ends_on < day
    command = CopyPostsCommand(
        session,
        [(post.id, day, when)],
        # Named as the other steps name a post (the menu's shortened title in its
        # quotes read "Undo Repeat “What our 25-year warranty actually…”").
        text=f"Copy post '{elide(post.title)}'",  # (the editor's Repeat makes a series)
        without_campaign={post.id} if ended else frozenset(),
    )
    if not session.try_push(command, parent):
        return False
    select(command.created_ids)
    return True


def schedule_idea(
    session: CalendarSession,
    parent: QWidget,
    idea: Post,
    day: date,
    at: time | None,
    select: Select,
) -> bool:
    """Take ``idea`` out of the backlog onto ``day`` (a draft now, at a time still
    ahead where it is today, as a repeat): one undo step."""
    placed = {idea.id: (day, session.still_ahead(day, session.going_out(day, at)))}
    command = MovePostsCommand(session, placed, text=f"Schedule post '{elide(idea.title)}'")
    if not session.try_push(command, parent):
        return False
    select([idea.id])
    return True


def write_post(
    session: CalendarSession,
    parent: QWidget,
    message: KeyMessage,
    day: date,
    at: time | None,
    select: Select,
) -> bool:
    """The post editor for a new post on ``day`` carrying ``message``, on the channel
    it last went out on (not the calendar's first); True when saved."""
    from .editor import new_post

    channel = usual_channel(session, message.id)
    return new_post(
        session, parent, day, at, messages=(message.id,), channel=channel, select=select
    )


def usual_channel(session: CalendarSession, message_id: int) -> int | None:
    """The channel ``message_id`` last went out on (None: never, as far as the report
    sees), among those a post can still take."""
    try:
        channels = session.channel_cadence(message_id)
    except KeyError:
        return None
    live = {c.id for c in session.channels()}
    sent = [(c.last_delivery, c.channel_id) for c in channels if c.last_delivery]
    sent = [(day, channel) for day, channel in sent if channel in live]
    return max(sent)[1] if sent else None
