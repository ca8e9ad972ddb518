"""One open calendar in the window: the store, its undo stack and what the views share.

The session is passed to every view through its constructor (no globals). A
view reads through the session and never writes to the store: every change
is an undo command (``ui/commands.py``) pushed with :meth:`CalendarSession.push`,
and every view refreshes from the :attr:`CalendarSession.changed` signal,
which carries the store's :class:`ChangeSet`.
"""

from __future__ import annotations

import contextlib
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from ..core.cadence import CadenceReport, ChannelCadence, analyse, day_runs, default_window
from ..core.errors import CadenceError, CalendarChangedElsewhere, ChangesWaiting
from ..core.models import (
    Campaign,
    ChangeSet,
    Channel,
    KeyMessage,
    Post,
    PostStatus,
    delivers,
    going_out_time,
    missed,
    moment_of,
    name_order,
    quoted_names,
    this_month,
)
from ..core.store import CalendarStore, Scope

if TYPE_CHECKING:
    from .drafts import Drafts

_Named = TypeVar("_Named", Channel, KeyMessage, Campaign)

ScopeChooser = Callable[[QWidget | None, str], Scope | None]
"""Asks "this one / this and following / all" for a recurring post; None cancels."""

FilterKey = Literal["channels", "messages", "campaigns", "statuses"]
"""The filters of the toolbar's menus."""

ErrorHandler = Callable[[QWidget | None, BaseException], None]
"""Tells the user about an error in one sentence (dialogs.show_error by default)."""

SEARCH_PAUSE_MS = 200
"""How long typing in a search box pauses before the views (or a large backlog) are
filtered."""

RANGES_KEPT = 12
"""Ranges of posts kept between changes: a year of paging back and forth is free."""

POSTS_KEPT = 15_000
"""...as long as they hold no more posts than this (about 15 MB); the last range stays."""

CHECKPOINT_MS = 1000
"""How long after a change another program kept from reaching the file on disk that
Cadence tries again to bring it up to date."""

WAITING_ROOM_MS = 10_000
"""How often Cadence tries again when the disk would not take the changes (full)."""

DAY_CHANGE_MARGIN_MS = 1000
"""How long after the calendar's midnight the window goes over to the new day."""
DAY_CHECK_MS = 60_000
"""The longest the day goes without being looked at (see ``_arm_day_change``)."""

_MAX_PATCHED_DAYS = 14
"""After a change of more days than this in a kept range, the range is read again."""

_post_date = attrgetter("date")


def until_midnight(now: datetime) -> timedelta:
    """How long from ``now`` (aware) to the next midnight of its zone, as time passes:
    subtracting two times of one zone would ignore a change of clocks between them (the
    spring-forward night is an hour shorter)."""
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)
    return timedelta(seconds=midnight.timestamp() - now.timestamp())


@dataclass(frozen=True)
class Filters:
    """What the views show. Empty sets mean "no filter"."""

    hidden_channels: frozenset[int] = frozenset()
    messages: frozenset[int] = frozenset()
    campaigns: frozenset[int] = frozenset()
    statuses: frozenset[PostStatus] = frozenset()
    search: str = ""
    search_hits: frozenset[int] | None = field(default=None, compare=False)

    def accepts(self, post: Post) -> bool:
        return self.accepts_besides_search(post) and self.found(post)

    def found(self, post: Post) -> bool:
        """Whether the search (if any) finds ``post``."""
        return self.search_hits is None or post.id in self.search_hits

    def accepts_besides_search(self, post: Post) -> bool:
        if post.channel_id in self.hidden_channels:
            return False
        if self.messages and not self.messages.intersection(post.message_ids):
            return False
        if self.campaigns and post.campaign_id not in self.campaigns:
            return False
        return not self.statuses or post.status in self.statuses

    def chosen(self, key: FilterKey) -> frozenset[Any]:
        """The entries of the ``key`` filter (for ``channels``, the hidden ones)."""
        return self.hidden_channels if key == "channels" else getattr(self, key)

    def toggled(self, key: FilterKey, value: object, on: bool) -> Filters:
        """These filters with one entry turned on or off.

        For ``channels``, "on" means shown (the set holds the hidden ones); for
        the others it means the entry is among those shown.
        """
        if key == "channels":
            hidden = set(self.hidden_channels)
            channel = cast(int, value)
            hidden.discard(channel) if on else hidden.add(channel)
            return replace(self, hidden_channels=frozenset(hidden))
        values: set[object] = set(self.chosen(key))
        values.add(value) if on else values.discard(value)
        return self._with(key, frozenset(values))

    def cleared(self, key: FilterKey) -> Filters:
        """These filters without the ``key`` filter (every channel shown for ``channels``)."""
        return self._with(key, frozenset())

    def _with(self, key: FilterKey, values: frozenset[object]) -> Filters:
        if key == "channels":
            return replace(self, hidden_channels=cast(frozenset[int], values))
        if key == "messages":
            return replace(self, messages=cast(frozenset[int], values))
        if key == "campaigns":
            return replace(self, campaigns=cast(frozenset[int], values))
        return replace(self, statuses=cast(frozenset[PostStatus], values))

    @property
    def active_besides_search(self) -> bool:
        """Whether channels, key messages, campaigns or statuses are filtered."""
        return bool(self.hidden_channels or self.messages or self.campaigns or self.statuses)

    @property
    def active(self) -> bool:
        # A search narrows the views once looked for (its hits known; "#" alone is not).
        return self.active_besides_search or self.search_hits is not None


def _unless_unreadable(question: Callable[[], bool]) -> bool:
    """``question()``, or False when the file cannot be asked (what is wrong with it is
    said by the change or the step that needs it)."""
    try:
        return question()
    except CadenceError:
        return False


class CalendarSession(QObject):
    """The open calendar, shared by the main window and its views."""

    changed = Signal(object)
    """A :class:`ChangeSet`: something in the calendar changed (after a command or undo)."""
    reportChanged = Signal()
    """The cadence analysis was recomputed."""
    filtersChanged = Signal()
    selectedMessageChanged = Signal(object)
    """The key message highlighted in the sidebar (an id, or None)."""
    changedElsewhere = Signal()
    """Another program changed the file under an undo or redo, which was refused:
    the window reads the calendar again (see :meth:`changed_elsewhere`)."""
    placedHidden = Signal(int, str, str)
    """Posts just placed (dropped, pasted, made) that the filters hide: how many, what
    hides them and how to say clearing it (:meth:`what_hides`)."""
    changedHidden = Signal(int, str, str)
    """Of posts just changed (a status set on them), how many the filters now hide,
    what hides them and how to say clearing it."""
    changedShown = Signal(str)
    """Posts just changed (a status set on them) all still in sight: what was done, in a
    sentence (the agenda's rows change where nothing else is said)."""
    dragEnded = Signal()
    """A drag of posts out of a view ended, wherever it dropped: in another window on
    the same calendar, the calendar changed under this one."""
    placedMissed = Signal(int, int, object)
    """Posts just placed as drafts on a day gone by, which count for nothing: how many,
    of how many placed, and the first of their days."""
    placedInPast = Signal(int, int, object)
    """Posts just placed on a day gone by that count there as delivered: how many, of
    how many placed, and the first of their days."""
    unpublished = Signal(int)
    """Published posts just moved to the backlog, drafts there (no day they went out on,
    and no longer a delivery): how many."""
    publishedAhead = Signal(int)
    """Published posts just moved onto days after today, scheduled there (they have not
    gone out on them): how many."""
    placedShelved = Signal(str)
    """Posts just placed on an archived channel or in a campaign over by their day, in a
    sentence (:meth:`shelved`)."""
    dayChanged = Signal(object, object)
    """Today is another day (midnight passed, or the calendar's time zone changed): the
    day it was, and the day it is; sent after the analysis is of the new day."""
    occurrencesMoved = Signal(int)
    """Occurrences of repeating posts just moved along with other posts, each on its
    own (its series stays where it was): how many."""
    copiedIn = Signal(str)
    """What posts dropped from another calendar brought, in a sentence."""

    def __init__(
        self,
        store: CalendarStore,
        *,
        today: date | None = None,
        scope_chooser: ScopeChooser | None = None,
        error_handler: ErrorHandler | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.drafts: Drafts | None = None
        """Where the post editor keeps what is typed while it is open (the window's;
        none: nothing kept)."""
        self.undo_stack = QUndoStack(self)
        self._today = today
        self._filters = Filters()
        self._selected_message: int | None = None
        self._aside: dict[str, dict[int, str]] = {
            "hidden_channels": {},
            "messages": {},
            "campaigns": {},
        }
        """Filters on names no longer listed (archived, deleted), by field, id and name:
        they come back where the name does (the step undone)."""
        self._highlight_aside: tuple[int, str] | None = None
        """The key message highlighted when it went, with its title."""
        self._visible: dict[str, tuple[date, date]] = {}
        """The days on screen, by what shows them (the calendar's view, the panel)."""
        self._report: CadenceReport | None = None
        self._breakdowns: dict[int, tuple[ChannelCadence, ...]] = {}
        """Of :meth:`channel_cadence`, by key message, until the analysis runs again."""
        self._range_cache: dict[tuple[date, date], list[Post]] = {}  # oldest first
        self._cached_posts = 0
        self._backlog: list[Post] | None = None
        """Every undated post, kept between changes to them: a filter changed reads
        none again (thousands in a large calendar)."""
        self._post_count: int | None = None
        self._idea_count: int | None = None
        self._channels: dict[int, Channel] = {}
        self._messages: dict[int, KeyMessage] = {}
        self._campaigns: dict[int, Campaign] = {}
        self._in_order: dict[str, list[Any]] = {}
        """The lists above in their order, by kind, made once per reading of the names:
        the window asks for them several times at every change."""
        self._changed_elsewhere = False
        self._fresh_from: int | None = None
        """Where on the undo stack the steps taken on the file as another program left
        it begin (seen as a step was taken): those can be undone, the ones below not."""
        self._undo_floor = 0
        """Steps below this one were taken on the file as it was before another
        program's change, which a session read again (:meth:`read_again`) shows: they
        are not undone."""
        if scope_chooser is None:
            from .dialogs import ask_series_scope

            scope_chooser = ask_series_scope
        self.scope_chooser: ScopeChooser = scope_chooser
        if error_handler is None:
            from .dialogs import show_error

            error_handler = show_error
        self.report_error: ErrorHandler = error_handler
        # Right after each change (as soon as the views are told of it) the file on
        # disk holds every change (its -wal is emptied), so that a copy of it (attached
        # to an e-mail, or a sync tool's) is the calendar as shown; when another
        # program holds that back, a moment later.
        self._checkpoint = QTimer(self)
        self._checkpoint.setSingleShot(True)
        self._checkpoint.setInterval(CHECKPOINT_MS)
        self._checkpoint.timeout.connect(self._settle_file)
        self._told_waiting = False
        self._reload_names()
        self._retired = False
        self._day = self.today()
        self._day_change = QTimer(self)
        self._day_change.setSingleShot(True)
        self._day_change.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may be early
        self._day_change.timeout.connect(self._new_day)
        self._arm_day_change()

    def read_again(self) -> CalendarSession:
        """A new session on the same store, for a file changed by another program:
        the same today, questions, filters and highlighted message, with nothing
        kept from the file as it was (and an empty undo history)."""
        fresh = CalendarSession(
            self.store,
            today=self._today,
            scope_chooser=self.scope_chooser,
            error_handler=self.report_error,
        )
        fresh.drafts = self.drafts
        # Less what the other program archived or deleted.
        fresh.set_filters(fresh._kept_filters(self._filters))
        if self._selected_message in fresh._messages:
            fresh.select_message(self._selected_message)
        if self._fresh_from is not None and not self._newer_elsewhere():
            self._hand_steps_to(fresh, self._fresh_from)
        return fresh

    def _hand_steps_to(self, fresh: CalendarSession, floor: int) -> None:
        """Give ``fresh`` this session's undo history, whose steps from ``floor`` on were
        taken on the file as it is now: they can still be undone (a drop right after
        another program's change, read again as the drag ended, could not be)."""
        from .commands import StoreCommand

        stack = self.undo_stack
        for index in range(stack.count()):
            command = stack.command(index)
            if isinstance(command, StoreCommand):
                command.session = fresh
        for signal in (
            stack.canUndoChanged,
            stack.canRedoChanged,
            stack.undoTextChanged,
            stack.redoTextChanged,
            stack.indexChanged,
            stack.cleanChanged,
        ):  # the window connects the new session's own as it shows it
            with warnings.catch_warnings():  # PySide warns of a signal with none
                warnings.simplefilter("ignore", RuntimeWarning)
                with contextlib.suppress(RuntimeError, TypeError, SystemError):
                    signal.disconnect()
        unused = fresh.undo_stack
        stack.setParent(fresh)
        fresh.undo_stack = stack
        fresh._undo_floor = max(floor, self._undo_floor)
        self.undo_stack = QUndoStack(self)
        unused.deleteLater()

    def can_undo(self) -> bool:
        """Whether Undo has a step to take back (none taken before another program's
        change that this session was read again for)."""
        stack = self.undo_stack
        return stack.canUndo() and stack.index() > self._undo_floor

    # -- time ---------------------------------------------------------------

    def today(self) -> date:
        """The day given, else the calendar's today (:meth:`.CalendarStore.today`)."""
        return self._today or self.store.today()

    def given_today(self) -> date | None:
        """The day this session was given (a test's, the screenshots'), or None when it
        follows the clock: what exports that take only the posts still to go out cut at
        (the present moment, or the start of the day given)."""
        return self._today

    def now(self) -> time:
        """The time of day in the calendar's own zone (where the current-time line goes)."""
        return datetime.now(self.store.zone).time()

    def going_out(self, day: date | None, at: time | None) -> time | None:
        """The time a post placed on its own at ``at`` on ``day`` goes out, where it
        shows: a time the clocks skip that day (02:30 as they go forward) is the time
        it then reads (03:30)."""
        return going_out_time(day, at, self.store.zone)

    def still_ahead(self, day: date, at: time | None) -> time | None:
        """``at`` on ``day``, or, when that is today and already past, the next quarter
        of an hour (untimed when none is left today): a post placed to go out today
        cannot go out earlier. A session on a day given (not the clock's) keeps ``at``."""
        if at is None or self._today is not None or day != self.today():
            return at
        now = self.now()
        # Compared as moments: at the second 02:10 of the night the clocks go back, the
        # first 02:30 (the one a post's 02:30 is) has gone by, as has every time to 03:00.
        present = datetime.combine(day, now, tzinfo=self.store.zone)
        if moment_of(day, at, self.store.zone) > present:
            return at
        for minutes in range((now.hour * 60 + now.minute) // 15 * 15 + 15, 24 * 60, 15):
            quarter = time(minutes // 60, minutes % 60)
            if moment_of(day, quarter, self.store.zone) > present:
                return quarter
        return None

    def _arm_day_change(self) -> None:
        """Go over to the next day at the calendar's midnight, if today is the real one."""
        self._day_change.stop()
        if self._today is not None or self._retired:
            return
        wait = until_midnight(datetime.now(self.store.zone))
        # Looked at again every minute too: a computer asleep at midnight wakes with its
        # timers late by the time it slept (a window kept in front is not asked again).
        wait_ms = round(wait.total_seconds() * 1000) + DAY_CHANGE_MARGIN_MS
        self._day_change.start(min(max(wait_ms, 1000), DAY_CHECK_MS))

    def _new_day(self) -> None:
        """Midnight passed: the analysis is as of the new today (a draft of yesterday never
        went out, a gap may have opened), and the views paint it."""
        if self._idle():
            return
        self.check_day()
        self._arm_day_change()

    def check_day(self) -> None:
        """Go over to the new day if it came without the timer (a computer asleep at
        midnight wakes with its timers late): the window asks as it comes to the front.
        Not inside an import (its posts may yet be rolled back): after it. A file another
        program changed since is said (:attr:`changedElsewhere`): the new day's analysis
        reads it, and the window shows it."""
        if self._idle() or self.today() == self._day or self.store.in_transaction():
            return
        was, self._day = self._day, self.today()
        self._report = None
        self._recompute()
        self.dayChanged.emit(was, self._day)
        if self._seen_elsewhere():
            self.changedElsewhere.emit()

    def _idle(self) -> bool:
        """Whether this session does nothing more on its own: retired (the window shows
        another), or left behind with its calendar closed (a guide's, say)."""
        return self._retired or self.store.closed

    def retire(self) -> None:
        """The window shows another session now: this one does nothing more on its own
        (no day change, no checkpoint on a store that may be closed)."""
        self._retired = True
        self._day_change.stop()
        self._checkpoint.stop()

    # -- names and colours --------------------------------------------------

    def _reload_names(self) -> None:
        self._channels = {c.id: c for c in self.store.channels(include_archived=True)}
        self._messages = {m.id: m for m in self.store.key_messages(include_archived=True)}
        self._campaigns = {c.id: c for c in self.store.campaigns()}
        self._in_order = {}

    def _ordered(self, kind: str, make: Callable[[], list[_Named]]) -> list[_Named]:
        """``make()``, made once until the names are read again (a copy each time)."""
        made = self._in_order.get(kind)
        if made is None:
            made = self._in_order[kind] = make()
        return list(made)

    def channels(self, *, include_archived: bool = False) -> list[Channel]:
        return self._ordered(
            f"channels{include_archived}",
            lambda: sorted(
                (c for c in self._channels.values() if include_archived or not c.archived),
                key=lambda c: (c.sort_order, name_order(c.name)),
            ),
        )

    def listed_channels(self) -> list[Channel]:
        """The channels the sidebar and the Channels filter list, to show or hide: those
        in use, and those archived that posts are still on or that are hidden (archived
        while shown, their posts stayed on the calendar with no tick left to hide them)."""
        hidden = self._filters.hidden_channels
        kept = (
            self.store.archived_channels_in_use()
            if any(c.archived for c in self._channels.values())
            else frozenset()
        )
        return [
            c
            for c in self.channels(include_archived=True)
            if not c.archived or c.id in kept or c.id in hidden
        ]

    def count_key_messages(self) -> int:
        """How many key messages are listed (not archived), without sorting them: asked
        for each size the cadence panel's layout asks of it."""
        return sum(not m.archived for m in self._messages.values())

    def key_messages(self, *, include_archived: bool = False) -> list[KeyMessage]:
        return self._ordered(
            f"messages{include_archived}",
            lambda: sorted(
                (m for m in self._messages.values() if include_archived or not m.archived),
                key=lambda m: (-m.priority, name_order(m.title)),
            ),
        )

    def campaigns(self) -> list[Campaign]:
        return self._ordered(
            "campaigns", lambda: sorted(self._campaigns.values(), key=lambda c: name_order(c.name))
        )

    def channel(self, channel_id: int) -> Channel:
        return self._channels[channel_id]

    def key_message(self, message_id: int) -> KeyMessage:
        return self._messages[message_id]

    def campaign(self, campaign_id: int) -> Campaign:
        return self._campaigns[campaign_id]

    # -- filters and selection ----------------------------------------------

    @property
    def filters(self) -> Filters:
        return self._filters

    def placed(self, post_ids: Iterable[int]) -> None:
        """Posts were just placed where the user asked: tell the window when the
        filters hide some of them, lest they seem to vanish, or else when some landed
        on a day gone by, where a scheduled post counts as delivered (a copy dragged
        into a past gap closes it, as if it had gone out)."""
        posts = self.posts(post_ids)
        hidden = self._hidden(posts)
        if hidden:
            self.placedHidden.emit(len(hidden), *self.what_hides(hidden))
            return
        today = self.today()
        past = [  # a published post went out: nothing to put right
            p.date
            for p in posts
            if p.date is not None
            and p.date < today
            and p.status != PostStatus.PUBLISHED
            and delivers(p.status, p.date, today)
        ]
        if past:
            self.placedInPast.emit(len(past), len(posts), min(past))
            return
        # (an idea dropped on a red day gone by)
        drafts = [p.date for p in posts if p.date is not None and missed(p, today)]
        if drafts:
            self.placedMissed.emit(len(drafts), len(posts), min(drafts))
            return
        shelved = self.shelved(posts)
        if shelved:
            self.placedShelved.emit(shelved)

    def shelved(self, posts: Sequence[Post]) -> str:
        """What posts were placed on that is put away: "The post you placed is on the
        archived channel 'Pinterest' and in the campaign 'Xmas promo', which has ended by
        then." (a copy pasted after the channel was archived landed there unsaid); "" if none."""
        shelved = [p for p in posts if self.channel(p.channel_id).archived]
        channels = sorted({self.channel(p.channel_id).name for p in shelved}, key=name_order)
        over: dict[int, Campaign] = {}
        for post in posts:
            campaign = self._campaigns.get(post.campaign_id or 0)
            ends = campaign.ends_on if campaign is not None else None
            if campaign is not None and ends is not None and post.date and post.date > ends:
                over[post.id] = campaign
        counted = {p.id for p in shelved} | set(over)
        if not counted:
            return ""
        parts = []
        if channels:  # a few named: the status bar shows one line
            quoted = quoted_names(channels)
            parts.append(f"on the archived channel{'s' if len(channels) > 1 else ''} {quoted}")
        if over:
            names = sorted({c.name for c in over.values()}, key=name_order)
            quoted = quoted_names(names)
            # ("…, over by then": the post over, or the campaign?)
            ended = "which has" if len(names) == 1 else "which have"
            parts.append(
                f"in the campaign{'s' if len(names) > 1 else ''} {quoted}, {ended} ended by then"
            )
        if len(posts) == 1:
            lead = "The post you placed is"
        elif len(counted) == len(posts):
            lead = "The posts you placed are"
        else:
            lead = f"{len(counted)} of the posts you placed {'is' if len(counted) == 1 else 'are'}"
        return f"{lead} {' and '.join(parts)}."

    def what_hides(self, hidden: Iterable[Post]) -> tuple[str, str]:
        """What hides these posts, and how to say clearing it: ("the search", "it"),
        ("the filters", "them") or ("the filters and the search", "them") (a new post
        the search alone hid was said to be hidden by filters that let it through)."""
        filters = self._filters
        hidden = list(hidden)
        by_filters = any(not filters.accepts_besides_search(p) for p in hidden)
        by_search = any(not filters.found(p) for p in hidden)
        if by_search and not by_filters:
            return "the search", "it"
        if by_search:
            return "the filters and the search", "them"
        return "the filters", "them"

    def hidden_among(self, post_ids: Iterable[int]) -> list[Post]:
        """Those of these posts the filters (or the search) hide."""
        return self._hidden(self.posts(post_ids)) if self._filters.active else []

    def _hidden(self, posts: Iterable[Post]) -> list[Post]:
        if not self._filters.active:
            return []
        return [p for p in posts if not self._filters.accepts(p)]

    def edited(self, post_ids: Iterable[int], done: str) -> None:
        """Posts were just changed as the user asked (a status set on them, ``done``):
        tell the window when the filters hide some of them now (under a status filter
        they vanished without a word), else what was done (nothing was said)."""
        if not self.said_hidden(post_ids):
            self.changedShown.emit(f"{done}.")

    def said_hidden(self, post_ids: Iterable[int]) -> bool:
        """Posts were just changed as the user asked: tell the window when the filters
        hide some of them now (True: said), lest they seem to vanish."""
        hidden = self.hidden_among(post_ids)
        if hidden:
            self.changedHidden.emit(len(hidden), *self.what_hides(hidden))
        return bool(hidden)

    def set_filters(self, filters: Filters) -> None:
        self._filters = replace(filters, search_hits=self._search_hits(filters.search))
        self.filtersChanged.emit()

    def _search_hits(self, search: str) -> frozenset[int] | None:
        """The posts ``search`` finds; None where it looks for nothing ("#" alone, the
        first key of a hashtag, filters nothing)."""
        if search.strip() and self.store.searches(search):
            return self.store.search_ids(search)
        return None

    @property
    def selected_message(self) -> int | None:
        return self._selected_message

    def select_message(self, message_id: int | None) -> None:
        if message_id != self._selected_message:
            self._selected_message = message_id
            self.selectedMessageChanged.emit(message_id)

    # -- reading posts ------------------------------------------------------

    def posts_between(self, first: date, last: date) -> list[Post]:
        """Dated posts in the range that pass the filters, in date and time order."""
        posts = self.all_posts_between(first, last)
        if not self._filters.active:
            return list(posts)
        accepts = self._filters.accepts
        return [p for p in posts if accepts(p)]

    def all_posts_between(self, first: date, last: date) -> list[Post]:
        """Every dated post in the range, filters ignored (the cadence panel's view).

        The views on screen ask for the same weeks one after another, and
        users page back and forth: the answers are kept (the last
        :data:`RANGES_KEPT` ranges, within :data:`POSTS_KEPT` posts) and a
        change reads again only the days it touched. A range inside a kept one
        is cut out of it, so the store is asked once per new range.
        """
        key = (first, last)
        cache = self._range_cache
        cached = cache.get(key)
        if cached is not None:
            del cache[key]  # most recently used last
            cache[key] = cached
            return cached
        for kept, posts in reversed(cache.items()):
            if kept[0] <= first and last <= kept[1]:
                del cache[kept]
                cache[kept] = posts
                return _cut(posts, first, last)
        cached = self.store.posts_between(first, last)
        if (last - first).days < 6:
            return cached  # a few days (a change's days, say): not worth keeping
        cache[key] = cached
        self._cached_posts += len(cached)
        while len(cache) > 1 and (len(cache) > RANGES_KEPT or self._cached_posts > POSTS_KEPT):
            self._cached_posts -= len(cache.pop(next(iter(cache))))
        return cached

    def _patch_ranges(self, changes: ChangeSet) -> None:
        """Bring the kept ranges up to date: read again only the days ``changes`` touched.

        A change names the days it touched (before and after, for a move), so a
        kept range needs those days again, and the days of any of its posts
        that changed (named or not).
        """
        cache = self._range_cache
        if changes.calendar or changes.channels:
            cache.clear()  # rare: start afresh
            self._cached_posts = 0
            return
        touched = changes.posts | changes.removed_posts
        if not touched and not changes.dates:
            return  # names and colours: the posts are the same
        fetched: dict[tuple[date, date], list[Post]] = {}
        for key, posts in list(cache.items()):
            first, last = key
            days = {day for day in changes.dates if first <= day <= last}
            if touched:
                days.update(p.date for p in posts if p.id in touched and p.date is not None)
            if not days:
                continue
            if len(days) > _MAX_PATCHED_DAYS:
                del cache[key]
                self._cached_posts -= len(posts)
                continue
            patched = posts
            for run in day_runs(days):
                fresh = fetched.get(run)
                if fresh is None:
                    fresh = fetched[run] = self.store.posts_between(*run)
                lo = bisect_left(patched, run[0], key=_post_date)
                hi = bisect_right(patched, run[1], key=_post_date)
                patched = patched[:lo] + fresh + patched[hi:]
            cache[key] = patched
            self._cached_posts += len(patched) - len(posts)

    def backlog(self) -> list[Post]:
        return [p for p in self._all_ideas() if self._filters.accepts(p)]

    def has_ideas(self) -> bool:
        """Whether the backlog holds any post, whatever the filters."""
        return self.count_ideas() > 0

    def count_ideas(self) -> int:
        """How many posts the backlog holds, whatever the filters: counted, not read
        (the backlog's heading asks after each change, of tens of thousands of ideas)."""
        if self._backlog is not None:
            return len(self._backlog)
        if self._idea_count is None:
            self._idea_count = self.store.count_ideas()
        return self._idea_count

    def _all_ideas(self) -> list[Post]:
        if self._backlog is None:
            self._backlog = self.store.backlog()
        return self._backlog

    # -- the cadence analysis -----------------------------------------------

    def set_visible_range(self, first: date, last: date, *, by: str = "calendar") -> None:
        """Tell the session which days are on screen, so the analysis covers them: those
        each part showing them (``by``) last said. (One range for all, the calendar's
        month said after the panel's half year cut the panel's bars at the month's
        analysis at the next change.)"""
        self._visible[by] = (first, last)
        start, end = self.analysis_window()
        if self._report is None or start < self._report.start or end > self._report.end:
            self._recompute()

    def days_shown(self) -> tuple[date, date]:
        """The first and last days the calendar's view shows (today's month before it
        said any)."""
        return self._visible.get("calendar", this_month(self.today()))

    def analysis_window(self) -> tuple[date, date]:
        """The days the cadence analysis covers: DESIGN.md's default window around
        today, widened in steps of a year to take in the days on screen (so that
        paging through months does not re-run the analysis at every step)."""
        start, end = default_window(self.today())
        if self._visible:
            first = min(shown[0] for shown in self._visible.values())
            last = max(shown[1] for shown in self._visible.values())
            while first < start:
                start -= timedelta(days=365)
            while last > end:
                end += timedelta(days=365)
        return start, end

    def report(self) -> CadenceReport:
        if self._report is None:
            self._recompute()
        assert self._report is not None
        return self._report

    def _recompute(self, message_ids: frozenset[int] | None = None) -> None:
        """Re-run the cadence analysis: for ``message_ids`` only when given and possible.

        After a drop only the messages the moved posts carry can change, so
        only their deliveries are read again; anything that changes the set of
        messages or the calendar re-reads everything. The analysis leaves out the
        breakdown by channel, which is read for one message when asked for
        (:meth:`channel_cadence`): with hundreds of key messages and dozens of
        channels, it made each step past the analysed days take a fifth of a second.
        """
        start, end = self.analysis_window()
        today = self.today()
        origin = default_window(today)[0]  # not how far back the user has looked
        messages = self.key_messages()
        report = self._report
        self._breakdowns.clear()
        if (
            message_ids is not None
            and report is not None
            and (report.as_of, report.start, report.end) == (today, start, end)
            and [m.message_id for m in report.messages] == [m.id for m in messages]
        ):
            wanted = [m for m in messages if m.id in message_ids]
            if wanted:
                ids = [m.id for m in wanted]
                rows = self.store.delivery_rows(today, ids, window=(start, end), by_channel=False)
                partial = analyse(wanted, (), rows, today, start, end, origin=origin)
                self._report = report.replacing(partial.messages)
            self.reportChanged.emit()
            return
        ids = [m.id for m in messages]
        rows = self.store.delivery_rows(today, ids, window=(start, end), by_channel=False)
        self._report = analyse(messages, (), rows, today, start, end, origin=origin)
        self.reportChanged.emit()

    def channel_cadence(self, message_id: int) -> tuple[ChannelCadence, ...]:
        """Where a key message of the report last went out and next goes out, channel by
        channel (KeyError: not in the report): every channel in use, and the archived
        ones this message goes out on (`gaps` lists those any message goes out on)."""
        found = self._breakdowns.get(message_id)
        if found is None:
            report = self.report()
            report.message(message_id)  # (KeyError: added since the analysis)
            start, end, today = report.start, report.end, report.as_of
            rows = self.store.delivery_rows(today, [message_id], window=(start, end))
            used = {channel_id for _, channel_id, _ in rows}
            channels = [
                c for c in self.channels(include_archived=True) if not c.archived or c.id in used
            ]
            message = self.key_message(message_id)
            origin = default_window(today)[0]
            analysed = analyse([message], channels, rows, today, start, end, origin=origin)
            found = self._breakdowns[message_id] = analysed.messages[0].channels
        return found

    # -- changing -----------------------------------------------------------

    def push(self, command: QUndoCommand) -> None:
        """Run a command and keep it for undo.

        The command runs before it reaches the undo stack, so when the store
        refuses it (a :class:`CadenceError`: a full disk, a duplicate name...)
        the error propagates with its own sentence and the stack is untouched.
        """
        from .commands import StoreCommand

        noticed = False
        if isinstance(command, StoreCommand):
            unseen = not self._changed_elsewhere
            if self._seen_elsewhere() and (self._fresh_from is None or self._newer_elsewhere()):
                # Taken on the file as the other program left it (again): this step and
                # the next can be undone, the ones before would undo its change too.
                self._fresh_from = self.undo_stack.index()
            noticed = unseen and self._changed_elsewhere
            command.redo()
            command.already_done()
        self.undo_stack.push(command)
        if noticed:
            # The other program's change, seen by this step, is shown once it is done (a
            # window kept in front showed a post moved elsewhere on its old day, undo or
            # not): read again as on coming back to the front, the step kept for undo.
            QTimer.singleShot(0, self, self.changedElsewhere.emit)

    def try_push(self, command: QUndoCommand, parent: QWidget | None) -> bool:
        """:meth:`push`, telling the user in one sentence when the store refuses."""
        try:
            self.push(command)
        except CadenceError as exc:
            self.report_error(parent, exc)
            return False
        return True

    def undo(self, parent: QWidget | None = None) -> bool:
        """Undo one step, as Edit > Undo does; see :meth:`redo`."""
        return self._step(parent, -1)

    def redo(self, parent: QWidget | None = None) -> bool:
        """Redo one step. When the store refuses (a read-only file, a full disk),
        the user is told why and the stack stays where it was, still in step
        with the calendar; QUndoStack alone would move on as if it had worked.
        """
        return self._step(parent, +1)

    def changed_elsewhere(self) -> bool:
        """Whether another program (the command line, another window) has changed the
        file since this session read it. Once seen it stays seen: only a session read
        afresh (:meth:`read_again`) starts from the file as it is."""
        if not self._changed_elsewhere:
            self._changed_elsewhere = self.store.changed_elsewhere()
        return self._changed_elsewhere

    def _seen_elsewhere(self) -> bool:
        """:meth:`changed_elsewhere`, False when the file cannot be asked (the step
        itself then says what is wrong with it)."""
        return _unless_unreadable(self.changed_elsewhere)

    def _newer_elsewhere(self) -> bool:
        """Whether another program changed the file again since it was last asked (a
        change already seen stays seen by :meth:`changed_elsewhere`)."""
        return _unless_unreadable(self.store.changed_elsewhere)

    def _step(self, parent: QWidget | None, direction: int) -> bool:
        from .commands import StoreCommand

        stack = self.undo_stack
        index = stack.index()
        if not (self.can_undo() if direction < 0 else stack.canRedo()):
            return False
        step = index - 1 if direction < 0 else index
        changed = self._seen_elsewhere()
        if changed and self._fresh_from is not None:
            if self._newer_elsewhere():  # since the steps above were taken
                self._fresh_from = None
            elif step >= self._fresh_from:
                changed = False  # taken on the file as it is now
        if changed:
            # The step would put back posts as they were before the other program's
            # change, and so undo that change too, unseen. It is named ("the steps
            # before" read as if it were kept), read before the window reads the
            # calendar again and its history goes.
            named = f"“{stack.command(step).text()}”"  # (its text may quote a title)
            if direction < 0:
                others = " and the steps before it" if step > 0 else ""
                lost = f"{named}{others} can no longer be undone"
            else:
                others = " and the steps after it" if step < stack.count() - 1 else ""
                lost = f"{named}{others} can no longer be redone"
            self.changedElsewhere.emit()
            verb = "undone" if direction < 0 else "redone"
            self.report_error(
                parent,
                CalendarChangedElsewhere(
                    f"Another program has changed this calendar, so nothing was {verb}:"
                    f" Cadence shows it as it is now, and {lost}."
                ),
            )
            return False
        command = stack.command(step)
        if isinstance(command, StoreCommand):
            try:
                (command.undo if direction < 0 else command.redo)()
            except CadenceError as exc:
                self.report_error(parent, exc)
                return False
            command.already_done()
        stack.setIndex(index + direction)
        return True

    def notify(self, changes: ChangeSet) -> None:
        """Called by commands after each store call: refresh what depends on it."""
        self._post_count = None
        if (
            changes.backlog
            or changes.calendar
            or changes.channels
            or changes.messages  # (a key message deleted leaves its posts, changed)
            or changes.campaigns
        ):
            self._backlog = None
            self._idea_count = None
        self._patch_ranges(changes)
        names_changed = changes.channels or changes.messages or changes.campaigns
        if names_changed or changes.calendar:
            before = self._listed_names()
            self._reload_names()
            now = self._listed_names()
            # The highlight first: the views the filters reload ask for its message.
            self._highlight_kept_or_back(before, now)
            kept = self._filters_kept_or_back(before, now)
            if kept != self._filters:
                self.set_filters(kept)
        if self._filters.search.strip() and changes.posts:
            # Found again: the views and the backlog are read again only when what the
            # search finds changed (every drop read all 5,000 ideas again, a quarter of
            # a second, when the posts it found were the same; each view filters the
            # posts that changed on its own).
            hits = self._search_hits(self._filters.search)
            if hits != self._filters.search_hits:
                self._filters = replace(self._filters, search_hits=hits)
                self.filtersChanged.emit()
        was = self._day
        if changes.calendar:  # its time zone may have changed: so has its midnight
            self._day = self.today()
            self._arm_day_change()
        if changes.channels or changes.calendar:
            self._recompute()
        elif changes.posts or changes.messages:
            self._recompute(changes.messages)
        if self._day != was:
            self.dayChanged.emit(was, self._day)
        self._checkpoint.start(0)  # once the views have what changed
        self.changed.emit(changes)

    def _settle_file(self) -> None:
        """Empty the file's -wal into it now, or, held back, try again in a moment. A
        disk that would not take the changes into the file is said, once until it does
        (a copy of the file alone lacks them meanwhile)."""
        if self._idle() or self.store.checkpoint():
            self._told_waiting = False
            return
        waiting = self.store.waiting
        if waiting is not None and not self._told_waiting:
            self._told_waiting = True
            self.report_error(QApplication.activeWindow(), ChangesWaiting(waiting))
        self._checkpoint.start(CHECKPOINT_MS if waiting is None else WAITING_ROOM_MS)

    def _listed_names(self) -> dict[str, dict[int, str]]:
        """The channels, key messages and campaigns the menus list, by id, with names.
        An archived channel stays hidden while it is (its posts stay on the calendar):
        the channels' menu lists it while it is hidden."""
        return {
            "hidden_channels": {c.id: c.name for c in self.channels(include_archived=True)},
            "messages": {m.id: m.title for m in self.key_messages()},
            "campaigns": {c.id: c.name for c in self.campaigns()},
        }

    def _filters_kept_or_back(
        self, before: dict[str, dict[int, str]], now: dict[str, dict[int, str]]
    ) -> Filters:
        """The filters once names changed: less what is no longer listed (set aside by
        name), plus what was set aside and is listed again under its name (an archiving
        or deleting undone: Instagram hidden came back shown)."""
        wanted = self._filters
        for kind, aside in self._aside.items():
            back = {i for i, name in aside.items() if now[kind].get(i) == name}
            for i in back:
                del aside[i]
            wanted = replace(wanted, **{kind: getattr(wanted, kind) | back})
        kept = self._kept_filters(wanted, now)
        for kind, aside in self._aside.items():
            for i in getattr(wanted, kind) - getattr(kept, kind):
                if i in before[kind]:
                    aside[i] = before[kind][i]
        return kept

    def _highlight_kept_or_back(
        self, before: dict[str, dict[int, str]], now: dict[str, dict[int, str]]
    ) -> None:
        """The key message highlighted, deleted or archived: nothing left to highlight,
        until it is listed again under its title (the step undone)."""
        selected = self._selected_message
        listed = now["messages"]
        if selected is not None and selected not in listed:
            title = before["messages"].get(selected)
            self._highlight_aside = (selected, title) if title is not None else None
            self.select_message(None)
        elif selected is None and self._highlight_aside is not None:
            back, title = self._highlight_aside
            if listed.get(back) == title:
                self._highlight_aside = None
                self.select_message(back)

    def _kept_filters(
        self, known: Filters, listed: dict[str, dict[int, str]] | None = None
    ) -> Filters:
        """``known`` less the channels, key messages and campaigns archived or deleted (not
        ``listed``, default: as the menus list them now): the menus no longer list them,
        so a filter on one could be neither seen nor taken off."""
        listed = self._listed_names() if listed is None else listed
        return replace(
            known, **{kind: getattr(known, kind) & ids.keys() for kind, ids in listed.items()}
        )

    def posts(self, post_ids: Iterable[int]) -> list[Post]:
        return self.store.posts(post_ids)

    def post_count(self) -> int:
        """The number of posts in the calendar, counted again after each change.

        Stepping through months asks for it on every step; counting a large
        file each time would cost milliseconds for a number that has not moved.
        """
        if self._post_count is None:
            self._post_count = self.store.count_posts()
        return self._post_count


def _cut(posts: list[Post], first: date, last: date) -> list[Post]:
    """The posts from ``first`` to ``last`` out of a kept range (sorted by date)."""
    return posts[
        bisect_left(posts, first, key=_post_date) : bisect_right(posts, last, key=_post_date)
    ]
