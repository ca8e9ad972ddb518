"""One open calendar in the window: the store, its undo stack and what the views share.

The session is passed to every view through its constructor (no globals). A
view reads through the session and never writes to the store: every change
is an undo command (``ui/commands.py``) pushed with :meth:`CalendarSession.push`,
and every view refreshes from the :attr:`CalendarSession.changed` signal,
which carries the store's :class:`ChangeSet`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ..core.cadence import CadenceReport, analyse, default_window
from ..core.errors import CadenceError
from ..core.models import Campaign, ChangeSet, Channel, KeyMessage, Post, PostStatus
from ..core.store import CalendarStore, Scope

ScopeChooser = Callable[[QWidget | None, str], Scope | None]
"""Asks "this one / this and following / all" for a recurring post; None cancels."""

ErrorHandler = Callable[[QWidget | None, BaseException], None]
"""Tells the user about an error in one sentence (dialogs.show_error by default)."""


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
        if post.channel_id in self.hidden_channels:
            return False
        if self.messages and not self.messages.intersection(post.message_ids):
            return False
        if self.campaigns and post.campaign_id not in self.campaigns:
            return False
        if self.statuses and post.status not in self.statuses:
            return False
        return self.search_hits is None or post.id in self.search_hits

    @property
    def active(self) -> bool:
        return bool(
            self.hidden_channels
            or self.messages
            or self.campaigns
            or self.statuses
            or self.search.strip()
        )


class CalendarSession(QObject):
    """The open calendar, shared by the main window and its views."""

    changed = Signal(object)
    """A :class:`ChangeSet`: something in the calendar changed (after a command or undo)."""
    reportChanged = Signal()
    """The cadence analysis was recomputed."""
    filtersChanged = Signal()
    selectedMessageChanged = Signal(object)
    """The key message highlighted in the sidebar (an id, or None)."""

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
        self.undo_stack = QUndoStack(self)
        self._today = today
        self._filters = Filters()
        self._selected_message: int | None = None
        self._visible: tuple[date, date] | None = None
        self._report: CadenceReport | None = None
        self._range_cache: dict[tuple[date, date], list[Post]] = {}
        self._channels: dict[int, Channel] = {}
        self._messages: dict[int, KeyMessage] = {}
        self._campaigns: dict[int, Campaign] = {}
        if scope_chooser is None:
            from .dialogs import ask_series_scope

            scope_chooser = ask_series_scope
        self.scope_chooser: ScopeChooser = scope_chooser
        if error_handler is None:
            from .dialogs import show_error

            error_handler = show_error
        self.report_error: ErrorHandler = error_handler
        self._reload_names()

    # -- time ---------------------------------------------------------------

    def today(self) -> date:
        return self._today or date.today()

    # -- names and colours --------------------------------------------------

    def _reload_names(self) -> None:
        self._channels = {c.id: c for c in self.store.channels(include_archived=True)}
        self._messages = {m.id: m for m in self.store.key_messages(include_archived=True)}
        self._campaigns = {c.id: c for c in self.store.campaigns()}

    def channels(self, *, include_archived: bool = False) -> list[Channel]:
        return sorted(
            (c for c in self._channels.values() if include_archived or not c.archived),
            key=lambda c: (c.sort_order, c.name.casefold()),
        )

    def key_messages(self, *, include_archived: bool = False) -> list[KeyMessage]:
        return sorted(
            (m for m in self._messages.values() if include_archived or not m.archived),
            key=lambda m: (-m.priority, m.title.casefold()),
        )

    def campaigns(self) -> list[Campaign]:
        return sorted(self._campaigns.values(), key=lambda c: c.name.casefold())

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

    def set_filters(self, filters: Filters) -> None:
        if filters.search.strip():
            hits = frozenset(p.id for p in self.store.search(filters.search, limit=100_000))
            filters = replace(filters, search_hits=hits)
        else:
            filters = replace(filters, search_hits=None)
        self._filters = filters
        self.filtersChanged.emit()

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
        return [p for p in self.all_posts_between(first, last) if self._filters.accepts(p)]

    def all_posts_between(self, first: date, last: date) -> list[Post]:
        """Every dated post in the range, filters ignored (the cadence panel's view).

        The views on screen ask for the same weeks one after another; the
        answer is kept until the next change, so the store is asked once.
        """
        key = (first, last)
        cached = self._range_cache.get(key)
        if cached is None:
            cached = self.store.posts_between(first, last)
            if len(self._range_cache) >= 4:
                self._range_cache.pop(next(iter(self._range_cache)))
            self._range_cache[key] = cached
        return cached

    def backlog(self) -> list[Post]:
        return [p for p in self.store.backlog() if self._filters.accepts(p)]

    # -- the cadence analysis -----------------------------------------------

    def set_visible_range(self, first: date, last: date) -> None:
        """Tell the session which days are on screen, so the analysis covers them."""
        self._visible = (first, last)
        start, end = self.analysis_window()
        if self._report is None or start < self._report.start or end > self._report.end:
            self._recompute()

    def analysis_window(self) -> tuple[date, date]:
        """The days the cadence analysis covers: DESIGN.md's default window around
        today, widened in steps of a year to take in the days on screen (so that
        paging through months does not re-run the analysis at every step)."""
        start, end = default_window(self.today())
        if self._visible is not None:
            first, last = self._visible
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
        messages, the channels or the calendar re-reads everything.
        """
        start, end = self.analysis_window()
        today = self.today()
        messages = self.key_messages()
        report = self._report
        if (
            message_ids is not None
            and report is not None
            and (report.as_of, report.start, report.end) == (today, start, end)
            and [m.message_id for m in report.messages] == [m.id for m in messages]
        ):
            wanted = [m for m in messages if m.id in message_ids]
            if wanted:
                ids = [m.id for m in wanted]
                rows = self.store.delivery_rows(today, ids, window=(start, end))
                partial = analyse(wanted, self.channels(), rows, today, start, end)
                self._report = report.replacing(partial.messages)
            self.reportChanged.emit()
            return
        rows = self.store.delivery_rows(today, window=(start, end))
        self._report = analyse(messages, self.channels(), rows, today, start, end)
        self.reportChanged.emit()

    # -- changing -----------------------------------------------------------

    def push(self, command: QUndoCommand) -> None:
        """Run a command and keep it for undo.

        The command runs before it reaches the undo stack, so when the store
        refuses it (a :class:`CadenceError`: a full disk, a duplicate name...)
        the error propagates with its own sentence and the stack is untouched.
        """
        from .commands import StoreCommand

        if isinstance(command, StoreCommand):
            command.redo()
            command.skip_next_redo()
        self.undo_stack.push(command)

    def try_push(self, command: QUndoCommand, parent: QWidget | None) -> bool:
        """:meth:`push`, telling the user in one sentence when the store refuses."""
        try:
            self.push(command)
        except CadenceError as exc:
            self.report_error(parent, exc)
            return False
        return True

    def notify(self, changes: ChangeSet) -> None:
        """Called by commands after each store call: refresh what depends on it."""
        self._range_cache.clear()
        if changes.channels or changes.messages or changes.campaigns or changes.calendar:
            self._reload_names()
        if self._filters.search.strip() and changes.posts:
            self.set_filters(self._filters)
        if changes.channels or changes.calendar:
            self._recompute()
        elif changes.posts or changes.messages:
            self._recompute(changes.messages)
        self.changed.emit(changes)

    def posts(self, post_ids: Iterable[int]) -> list[Post]:
        return self.store.posts(post_ids)
