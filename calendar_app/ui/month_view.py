"""The month view: a custom-painted 6x7 grid of days with a chip per post.

:class:`PeriodView` holds what the month and week views share: the posts of
the visible days (one query per refresh), the post selection, the cadence
decorations (overdue badges, the selected message's tint and deliveries),
dragging chips out and dropping posts in, and the keyboard keys both views
treat alike. :class:`MonthView` adds the grid.
"""

from __future__ import annotations

import bisect
import itertools
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import NamedTuple, cast

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QMimeData,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from ..core.cadence import day_runs
from ..core.errors import CadenceError
from ..core.models import (
    ChangeSet,
    Post,
    WeekStart,
    add_months,
    few,
    isolated,
    missed,
    one_line,
)
from ..render.cadence_strip import (
    day_text,
    month_title,
)
from ..render.chips import (
    Chip,
    ChipTheme,
    accent,
    badge_width,
    chip_height,
    clock_text,
    fit_posts,
    in_language_digits,
    mix,
    overdue_red,
    paint_badge,
    paint_chip,
    paint_delivery_mark,
    paint_more,
    quiet_text,
    split_more,
    twelve_hour_clock,
    with_alpha,
)
from ..render.pixels import crisp
from ..render.weeks import rest_days
from . import accessible, dnd
from .commands import KeyboardTip, show_tooltip
from .dialogs import show_error
from .post_model import hidden_page, long_day, post_tooltip, spoken_status
from .session import CalendarSession

__all__ = ["MonthView", "PeriodView", "day_label", "day_number_text", "week_first_day"]

DRAG_BADGE_GAP = 3
"""Pixels between the dragged chip and the count of posts the drag carries."""


def week_first_day(day: date, week_start: WeekStart) -> date:
    """The first day of the week holding ``day``."""
    return week_start.week_of(day)


def day_number_text(day: date) -> str:
    """A day's number as a grid shows it, in the language's digits: "1 Nov" ("Nov 1"
    in the US, "1. Nov." in German, "11月1日" in Japanese) on the first of a month,
    which is where a week of the grid crosses into it, else "17" ("١٧" in Arabic)."""
    if day.day == 1:
        return day_text(day, weekday=False)
    return QLocale().toString(day.day)


def day_label(day: date) -> str:
    """The day in the locale's long format ("Wednesday, 18 November 2026")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


_MAX_PATCHED_DAYS = 14
"""A change of more visible days than this reloads the whole period."""

SPOKEN_POSTS = 12
"""How many of a day's posts the view's accessible description names, one by one."""

CHIP_CACHE_BYTES = 24 * 1024 * 1024
"""What the chips painted and kept may weigh at least (:meth:`MonthView.chip_allowance`):
a window resized through many widths kept up to 4,000 of them (150 MB at 200%)."""


OTHER_MONTH_OPACITY = 0.8
"""How a post on a day of the month before or after is drawn: dimmed, still read (at
0.6 its title was 2:1 on the cell)."""


@dataclass
class _Cadence:
    """The cadence decorations of the visible days, from the session's report."""

    overdue: dict[date, int] = field(default_factory=dict)
    tinted: set[date] = field(default_factory=set)
    delivered: set[date] = field(default_factory=set)
    message_color: QColor | None = None
    as_of: date = date.min
    """The day the report judges from: a draft before it did not go out."""


class _Picked(NamedTuple):
    """Posts picked by days: by Shift+arrows from ``start`` to ``reached``, or by Select
    All from ``start`` (``reached`` None). The pick holds while they are the selection:
    a paste lines up its first day with the day pasted on, and Shift+arrows go on from
    ``reached`` (an arrow, a click, a paste or any other day chosen starts anew)."""

    start: date
    reached: date | None
    ids: list[int]

    @property
    def first(self) -> date:
        return min(self.start, self.reached) if self.reached is not None else self.start


def tint_strength(day: date, today: date, strength: float) -> float:
    """How strongly a day the selected message is overdue on is tinted: half as much
    after today, where it is overdue only unless a post is planned by then (the
    cadence panel draws those days pale too; the month painted them alike)."""
    return strength if day <= today else strength / 2


class PeriodView(QWidget):
    """What the month and week views share; subclasses lay out and paint the days.

    Subclasses implement :meth:`_period_of` (the key of the period holding a
    day, e.g. the first of its month), :meth:`_range_of` (the days shown for a
    period key), :meth:`step`, :meth:`period_title` and :meth:`_layout_changed`
    (recompute cached geometry and repaint); they may override :meth:`_days_changed`
    (recompute the geometry of a few days only).

    Refreshing is cheap: a period's posts come from the session in one call, a
    change reads again only the days it touched, and a view hidden behind
    another (a page of the main window's stack) only notes what changed and
    catches up when it is shown again.
    """

    periodChanged = Signal()
    postActivated = Signal(int)
    dayActivated = Signal(object)
    slotActivated = Signal(object, object)
    """A new post wanted on this day (a double-click on an empty spot of it), at this
    time (the week's hours; None: the month's days, the week's all-day strip)."""
    selectionChanged = Signal()
    contextMenuWanted = Signal(QPoint, object)
    """A context menu, at this point of the view: where the right-click was, or for
    the Menu key, at the focused post (else the selected day); then the time of day
    of the empty slot clicked (the week's grid), else None."""

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
        accessible.install()  # before the view is made: Qt keeps the first interface
        super().__init__(parent)
        self._session = session
        self._current = session.today()
        self._period = self._period_of(self._current)
        self._range = self._range_of(self._period)
        self._by_day: dict[date, list[Post]] = {}
        self._posts: dict[int, Post] = {}
        self._selected: list[int] = []
        self._focus_post: int | None = None
        self._picked: _Picked | None = None  # posts picked by days (Shift+arrows, Ctrl+A)
        self._picking = False
        """Posts are picked one at a time (Ctrl+Space, Ctrl+click): Tab and the arrows
        move the keyboard between posts and days without dropping them."""
        self._cadence = _Cadence()
        self._press_pos: QPoint | None = None
        self._press_post: int | None = None
        self._press_ctrl = False
        """Whether Ctrl was held as the button went down (a click with it picks)."""
        self._chip_cache: dict[tuple[object, ...], QPixmap] = {}
        self._chip_bytes = 0
        """What the chips kept weigh: kept under :data:`CHIP_CACHE_BYTES`."""
        self._stale_posts = False  # changed while hidden: reload when shown
        self._stale_period = False  # the calendar (its first day of week) changed while hidden
        self._stale_cadence = False
        self._keyboard_tip = KeyboardTip(self, self._tip_at_keyboard)
        session.changed.connect(self._keyboard_tip.dismiss)  # (a post deleted under it)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        session.changed.connect(self._on_changed)
        session.filtersChanged.connect(self._on_filters_changed)
        session.reportChanged.connect(self._on_cadence_changed)
        session.selectedMessageChanged.connect(self._on_cadence_changed)

    # -- to implement -------------------------------------------------------

    def _period_of(self, day: date) -> date:
        raise NotImplementedError

    def _range_of(self, period: date) -> tuple[date, date]:
        raise NotImplementedError

    def step(self, direction: int) -> None:
        raise NotImplementedError

    def period_title(self) -> str:
        raise NotImplementedError

    def _layout_changed(self) -> None:
        raise NotImplementedError

    def _days_changed(self, days: set[date]) -> None:
        """The posts of ``days`` changed: recompute what depends on them and repaint."""
        self._layout_changed()

    # -- the common interface -----------------------------------------------

    @property
    def session(self) -> CalendarSession:
        return self._session

    def week_start(self) -> WeekStart:
        return self._session.store.info().week_start

    def current_date(self) -> date:
        """The keyboard-selected day."""
        return self._current

    def set_current_date(self, day: date) -> None:
        """Select ``day`` and show the period holding it."""
        self._picked = None  # Shift+arrows pick again once the day is chosen
        period = self._period_of(day)
        changed_day = day != self._current
        before = self._current, self._period, self._range
        self._current = day
        if period != self._period or self._range != self._range_of(period):
            self._period = period
            try:
                self._show_period()
            except Exception:
                # A post of the period that does not read (another program wrote it):
                # said, the view staying wholly where it was (it showed the next month
                # under the last one's title, and a second step skipped it).
                self._current, self._period, self._range = before
                self.update()
                raise
        if changed_day:
            kept = self._selected if self._picking else []
            self._set_selection(kept, None, notify=False, picking=self._picking)
            self._day_selected()

    def visible_range(self) -> tuple[date, date]:
        return self._range

    def selected_post_ids(self) -> list[int]:
        return list(self._selected)

    def selected_posts(self) -> list[Post]:
        """The selected posts as the view shows them (not as the file may hold them now)."""
        return [self._posts[i] for i in self._selected if i in self._posts]

    def visible_days(self) -> list[date]:
        first, last = self._range
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def posts_on(self, day: date) -> list[int]:
        """Every post shown for ``day`` (drawn or behind "+N more"), in display order."""
        return [p.id for p in self._by_day.get(day, [])]

    def shown_count(self) -> int:
        """How many posts the month shows, drawn or behind "+N more"."""
        return sum(len(self.posts_on(day)) for day in self.visible_days())

    def badge_count(self, day: date) -> int:
        """The overdue badge painted on ``day`` (0: no badge, as when a message is selected)."""
        if self._session.selected_message is not None:
            return 0
        return self._cadence.overdue.get(day, 0)

    def tinted_days(self) -> list[date]:
        """Visible days tinted because the selected key message is overdue on them."""
        return sorted(self._cadence.tinted)

    def delivered_days(self) -> list[date]:
        """Visible days marked because the selected key message is delivered on them."""
        return sorted(self._cadence.delivered)

    def focused_post(self) -> int | None:
        """The post Enter opens (the last clicked or tabbed to), if any."""
        return self._focus_post

    def picking(self) -> bool:
        """Whether posts are picked one at a time (Ctrl+Space, Ctrl+click)."""
        return self._picking

    def keep_picking(self) -> None:
        """The selection is a pick made one at a time (in the view shown before)."""
        if self._selected:
            self._set_selection(self._selected, self._focus_post, picking=True)

    def selected_out_of_sight(self) -> int:
        """How many selected posts are on days the view does not show."""
        return sum(i not in self._posts for i in self._selected)

    def selection_origin(self) -> date | None:
        """The first of the days whose posts were picked by Shift+arrows or Select All,
        while they are the selection (None for posts picked one by one): a paste puts
        that day on the day chosen, so a week picked from an empty Monday lands from
        Monday on."""
        picked = self._picked
        return picked.first if picked is not None and picked.ids == self._selected else None

    def select_posts(self, post_ids: list[int], *, keep_away: bool = False) -> None:
        """Select these posts (the last one shown gets the keyboard focus). Those out of
        sight, in another month, are selected too while in the calendar and not filtered
        out, as posts a stretch of days covered are: a paste that carried some past the
        grid leaves all it moved selected, for the next Cut or Undo to take them all, and
        a switch to the week and back keeps the month's (the status bar says how many
        are out of sight). None of them shown, none is selected, but with ``keep_away``
        (a switch of views: a quiet week lost the month's picks on the way back)."""
        self._picked = None
        shown = [i for i in post_ids if i in self._posts]
        away = [i for i in post_ids if i not in self._posts]
        still = self._still_selectable(away) if shown or keep_away else set()
        chosen = [i for i in post_ids if i in self._posts or i in still]
        self._set_selection(chosen, shown[-1] if shown else None)
        if shown:
            day = self._posts[shown[-1]].date
            if day is not None and day != self._current:
                self._current = day
                self._day_selected()
            self._ensure_post_visible(shown[-1])  # found, brought back: in sight

    # -- data ---------------------------------------------------------------

    def _show_period(self) -> None:
        self._range = self._range_of(self._period)
        self._reload()
        self._session.set_visible_range(*self._range)
        self._refresh_cadence()
        self.periodChanged.emit()

    def is_stale(self) -> bool:
        """True while the view is hidden and behind on changes (it catches up when shown)."""
        return self._stale_posts or self._stale_period or self._stale_cadence

    def _reload(self) -> None:
        """Read the visible days' posts: one call, whatever the size of the calendar."""
        self._stale_posts = False
        first, last = self._range
        by_day: dict[date, list[Post]] = {}
        posts: dict[int, Post] = {}
        # The session gives the posts in the order a day shows them (by date,
        # untimed posts first, then by time): no sorting needed.
        for post in self._session.posts_between(first, last):
            if post.date is None:
                continue
            day_posts = by_day.get(post.date)
            if day_posts is None:
                by_day[post.date] = [post]
            else:
                day_posts.append(post)
            posts[post.id] = post
        self._by_day = by_day
        self._posts = posts
        self._keep_selection()
        self._layout_changed()
        self._describe()

    def _patch_days(self, days: set[date]) -> None:
        """Read again the posts of a few visible days only."""
        by_day = self._by_day
        posts = self._posts
        for day in days:  # all of them first: a post may have moved between them
            for post in by_day.pop(day, ()):
                posts.pop(post.id, None)
        for first, last in day_runs(days):
            for post in self._session.posts_between(first, last):
                if post.date is None:
                    continue
                by_day.setdefault(post.date, []).append(post)  # in order, as in _reload
                posts[post.id] = post
        self._keep_selection()
        self._days_changed(days)
        self._describe()

    def _keep_selection(self) -> None:
        """After a change, the selection keeps the posts still shown; a post selected out
        of sight (a stretch of days that went on into the next month) is kept while it is
        still in the calendar, dated and not filtered out."""
        shown = self._posts
        away = [i for i in self._selected if i not in shown]
        still = self._still_selectable(away)
        kept = [i for i in self._selected if i in shown or i in still]
        focus = self._focus_post if self._focus_post in shown else (kept[-1] if kept else None)
        if kept != self._selected or focus != self._focus_post:
            self._set_selection(kept, focus, picking=self._picking)

    def _still_selectable(self, post_ids: list[int]) -> set[int]:
        """Of posts on days out of sight, those still in the calendar, dated and not
        filtered out (one query; none for no posts)."""
        if not post_ids:
            return set()
        accepts = self._session.filters.accepts
        return {p.id for p in self._session.posts(post_ids) if p.date and accepts(p)}

    def _on_changed(self, changes: ChangeSet) -> None:
        first, last = self._range
        days = {day for day in changes.dates if first <= day <= last}
        for post_id in (changes.posts | changes.removed_posts) & self._posts.keys():
            day = self._posts[post_id].date
            if day is not None:
                days.add(day)
        # Names and colours (a post's change names its messages too: not a rename).
        names = changes.channels or changes.campaigns or (changes.messages and not changes.posts)
        if not (days or names or changes.calendar):
            # Nothing this period shows; posts selected out of sight may have gone (a
            # Delete of them: they stayed selected, and the next Delete said another
            # program had deleted them).
            if not (changes.posts | changes.removed_posts).isdisjoint(self._selected):
                self._keep_selection()
            return
        if hidden_page(self):
            self._stale_posts = True
            self._stale_period = self._stale_period or changes.calendar
            return
        if changes.calendar:
            self._period = self._period_of(self._current)
            if self._range != self._range_of(self._period):
                self._show_period()
                return
        if changes.calendar or len(days) > _MAX_PATCHED_DAYS:
            self._reload()
        elif days:
            self._patch_days(days)
        else:
            self._layout_changed()

    def _on_filters_changed(self) -> None:
        if hidden_page(self):
            self._stale_posts = True
        else:
            self._reload()

    def _on_cadence_changed(self, *_args: object) -> None:
        if hidden_page(self):
            self._stale_cadence = True
        else:
            self._refresh_cadence()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up()

    def _catch_up(self) -> None:
        """Shown again: apply what changed while the view was hidden."""
        if self._stale_period:
            self._stale_period = False
            self._period = self._period_of(self._current)
            if self._range != self._range_of(self._period):
                self._show_period()
                return
        if self._stale_posts:
            self._reload()
        if self._stale_cadence or self._stale_posts:
            self._refresh_cadence()

    def _refresh_cadence(self) -> None:
        self._stale_cadence = False
        report = self._session.report()
        days = self.visible_days()
        cadence = _Cadence(
            overdue={day: report.overdue_count(day) for day in days}, as_of=report.as_of
        )
        selected = self._session.selected_message
        if selected is not None:
            try:
                message = report.message(selected)
                cadence.message_color = QColor(self._session.key_message(selected).color)
            except KeyError:
                message = None
            if message is not None:
                cadence.tinted = {day for day in days if message.is_overdue_on(day)}
                first, last = self._range
                lo = bisect.bisect_left(message.deliveries, first)
                hi = bisect.bisect_right(message.deliveries, last)
                cadence.delivered = set(message.deliveries[lo:hi])
        self._cadence = cadence
        self._cadence_changed()
        self._describe()

    def _cadence_changed(self) -> None:
        self._repaint()

    def _repaint(self) -> None:
        """Schedule a repaint of everything the view paints."""
        self.update()

    # -- selection ----------------------------------------------------------

    def _set_selection(
        self,
        selected: list[int],
        focus: int | None,
        *,
        notify: bool = True,
        picking: bool = False,
    ) -> None:
        """Select these posts, the keyboard on ``focus``; ``picking``: they were picked
        one at a time, and the keyboard goes on without dropping them."""
        if picking != self._picking:
            self._picking = picking
            self._repaint()  # the focused chip's ring comes or goes
            self._describe()
        if selected == self._selected and focus == self._focus_post:
            return
        before = self._focus_post
        self._selected = selected
        self._focus_post = focus
        if focus != before:
            self._focus_moved({i for i in (before, focus) if i in self._posts})
        self._repaint()
        self._describe()
        if notify:
            self.selectionChanged.emit()

    def _day_selected(self) -> None:
        """The keyboard-selected day changed."""
        self._repaint()
        self._describe()
        self.selectionChanged.emit()

    def _select_day(self, day: date) -> None:
        """Select a day shown in the current period, without scrolling."""
        if day != self._current:
            self._current = day
            self._day_selected()

    def _click_post(self, post_id: int, modifiers: Qt.KeyboardModifier) -> None:
        """A press on a chip. With Ctrl, the chip joins or leaves the selection when the
        button is let go without a drag: a Ctrl-drag (a copy) carries the selection it
        starts on, or that chip alone (it carried a post just saved or placed, which
        stays selected, along with the one dragged)."""
        post = self._posts[post_id]
        if post.date is not None:
            self._select_day(post.date)
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            return
        if post_id not in self._selected:
            self._set_selection([post_id], post_id)
        else:
            self._set_selection(list(self._selected), post_id)

    def _cycle_posts(self, forward: bool) -> None:
        """Tab: the next post of the selected day (past the last one, the day itself);
        while posts are picked one at a time, the keyboard goes there without picking."""
        ids = self.posts_on(self._current)
        if not ids:
            self._describe(way_out=True)  # Tab stays in the view: a screen reader hears why
            return
        if self._focus_post in ids:
            index = ids.index(self._focus_post) + (1 if forward else -1)
        else:
            index = 0 if forward else len(ids) - 1
        focus = ids[index] if 0 <= index < len(ids) else None
        if self._picking:
            self._set_selection(self._selected, focus, picking=True)
        else:
            self._set_selection([focus] if focus is not None else [], focus)
        if focus is None:
            self._describe(way_out=True)
        self._ensure_post_visible(self._focus_post)

    def _toggle_pick(self) -> None:
        """Ctrl+Space: the focused post joins the posts picked, or leaves them (the
        first press keeps the post Tab selected, as the start of a pick)."""
        focus = self._focus_post
        if focus is None:
            self._describe(pick_hint=True)
            return
        if not self._picking and self._selected == [focus]:
            self._set_selection(self._selected, focus, picking=True)
        else:
            self._pick_or_drop(focus)

    def _pick_or_drop(self, post_id: int) -> None:
        """The post joins the posts picked one at a time, or leaves them; the keyboard
        is on it either way (Ctrl+Space, Ctrl+click)."""
        if post_id in self._selected:
            self._set_selection([i for i in self._selected if i != post_id], post_id, picking=True)
        else:
            self._set_selection([*self._selected, post_id], post_id, picking=True)

    def _stretch_selection(self, delta: int) -> None:
        """Shift+arrow: select every post shown from the day the stretch began to the
        day reached (then Cut and Paste move them together, as a drag of them does)."""
        picked = self._picked
        going_on = picked is not None and picked[1:] == (self._current, self._selected)
        start = picked.start if picked is not None and going_on else self._current
        self.set_current_date(self._current + timedelta(days=delta))
        self._pick(_Picked(start, self._current, []), max(start, self._current))

    def select_period(self) -> None:
        """Select All: every post shown in the period (a month's own days)."""
        first, last = self._period_days()
        self._pick(_Picked(first, None, []), last)

    def _pick(self, picked: _Picked, last: date) -> None:
        """Select the posts shown from the pick's first day to ``last``."""
        ids = [p.id for p in self._session.posts_between(picked.first, last)]
        self._set_selection(ids, None)
        self._picked = picked._replace(ids=ids)

    def _period_days(self) -> tuple[date, date]:
        """The first and last day the period is about."""
        return self._range

    def _ensure_post_visible(self, post_id: int | None) -> None:
        """Scroll so that the post is on screen (views that scroll override this)."""

    def _focus_moved(self, post_ids: set[int]) -> None:
        """The keyboard left or reached these posts: a full day shows the one it is on."""

    def _activate(self) -> None:
        if self._focus_post is not None:
            self.postActivated.emit(self._focus_post)
        elif self._selected and not self._picking:  # picked here and there: the day's own
            self.postActivated.emit(self._selected[-1])
        else:
            self.dayActivated.emit(self._current)

    # -- the keyboard -------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab belongs to the day's posts, on an empty day too (it then stays put, rather
        # than leaving the view on some days only); Ctrl+Tab (Next Pane) leaves the view.
        if event.type() == QEvent.Type.KeyPress:
            key_event = cast(QKeyEvent, event)
            self._keyboard_tip.key_pressed(key_event.key())
            mods = key_event.modifiers()
            if key_event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
                mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            ):
                backwards = key_event.key() == Qt.Key.Key_Backtab or bool(
                    mods & Qt.KeyboardModifier.ShiftModifier
                )
                self._cycle_posts(not backwards)
                return True
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)
            return show_tooltip(self, help_event, self.tooltip_at(help_event.pos()))
        return super().event(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """What hovering ``pos`` tells: a post in full (a chip shows a few words of its
        title), or a day's overdue key messages (what its red badge counts)."""
        post_id = self.post_at(pos)
        post = self._posts.get(post_id) if post_id is not None else None
        if post is not None:
            return post_tooltip(self._session, post)  # as the agenda and backlog tell it
        day = self.day_at(pos)
        return "" if day is None else self._day_tooltip(day)

    def _tip_at_keyboard(self) -> tuple[str, QRect]:
        """What hovering tells of where the keyboard is (:class:`.KeyboardTip`): the post
        it is on, else the day's overdue key messages, and where it is."""
        post = self._posts.get(self._focus_post) if self._focus_post is not None else None
        rect = self.chip_rect(post.id) if post is not None else None
        if post is not None and rect is not None:
            return post_tooltip(self._session, post), rect
        return self._day_tooltip(self._current), self.day_rect(self._current)

    def _day_tooltip(self, day: date) -> str:
        """A day's overdue key messages, what its red badge counts ("": none)."""
        overdue = self._overdue_titles(day) if self.badge_count(day) else []
        if not overdue:
            return ""
        count = f"{len(overdue)} key message{'s' if len(overdue) != 1 else ''}"
        said = f"{count} overdue on {long_day(day)}{self._unless_planned(day)}:\n"
        return said + "\n".join(few([isolated(title) for title in overdue]))

    def _unless_planned(self, day: date) -> str:
        """What a day ahead's overdue is said with: not overdue yet, a plan can still
        prevent it (a day gone by, nothing)."""
        return " unless a post is planned by then" if day > self._session.today() else ""

    def _overdue_titles(self, day: date) -> list[str]:
        """The key messages overdue on ``day`` (what its red badge counts), by title."""
        if not self._cadence.overdue.get(day, 0):
            return []
        return [m.title for m in self._session.report().messages if m.is_overdue_on(day)]

    def _day_step_for_key(self, key: int) -> int | None:
        """How many days an arrow key moves the selected day (None: not ours)."""
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        plain = not (mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        delta = self._day_step_for_key(key) if plain else None
        if delta is not None and mods & Qt.KeyboardModifier.ShiftModifier:
            self._stretch_selection(delta)
        elif delta is not None:
            self.set_current_date(self._current + timedelta(days=delta))
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_period()
        elif key == Qt.Key.Key_PageUp and plain:
            self.step(-1)
        elif key == Qt.Key.Key_PageDown and plain:
            self.step(1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate()
        elif key == Qt.Key.Key_Space and mods & Qt.KeyboardModifier.ControlModifier:
            self._toggle_pick()
        elif key == Qt.Key.Key_Escape and (self._selected or self._picking):
            self._set_selection([], None)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._repaint()
        accessible.announce_focus(self)  # the view, then its day or post, as lists say

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._repaint()
        accessible.focus_left(self)  # back in, the day is said again

    # -- painting helpers ---------------------------------------------------

    def chip_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        return font

    def chip_theme(self) -> ChipTheme:
        return ChipTheme.from_palette(self.palette(), twelve_hour=twelve_hour_clock())

    def paint_post(self, painter: QPainter, rect: QRectF, post: Post) -> None:
        """Paint a post's chip; chips are cached as pixmaps, so a repaint is cheap."""
        chip = self.chip_for(post)
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        width, height = round(rect.width()), round(rect.height())
        key = (
            chip.title,
            chip.at,
            chip.status,
            chip.selected,
            chip.missed,
            chip.channel_color.rgba(),
            tuple(c.rgba() for c in chip.marker_colors),
            width,
            height,
            ratio,
        )
        pixmap = self._chip_cache.pop(key, None)
        if pixmap is None:
            size = QSize(max(1, round(width * ratio)), max(1, round(height * ratio)))
            self._make_room(size.width() * size.height() * 4, ratio)
            pixmap = QPixmap(size)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            chip_painter = QPainter(pixmap)
            paint_chip(
                chip_painter,
                QRectF(0, 0, width, height),
                chip,
                self.chip_theme(),
                self.chip_font(),
            )
            chip_painter.end()
        self._chip_cache[key] = pixmap  # the last painted last: the first to go longest unseen
        painter.drawPixmap(QPointF(round(rect.left()), round(rect.top())), pixmap)
        if self._picking and post.id == self._focus_post and self.hasFocus():
            self._paint_focus_ring(painter, QRectF(rect.left(), rect.top(), width, height))

    def _paint_focus_ring(self, painter: QPainter, rect: QRectF) -> None:
        """Where the keyboard is while posts are picked one at a time (a picked post is
        filled, the one the keyboard is on is ringed, picked or not)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(accent(self.palette()), 2.0))  # seen on a dark theme too
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = min(4.0, rect.height() / 3)
        painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), radius + 1, radius + 1)
        painter.restore()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._forget_chips()
            self._style_changed()

    def _forget_chips(self) -> None:
        self._chip_cache.clear()
        self._chip_bytes = 0

    def chip_allowance(self, ratio: float) -> int:
        """What the chips kept may weigh: :data:`CHIP_CACHE_BYTES`, or twice the view's
        own pixels where more (a 6K screen at 200% shows more than that in chips)."""
        return max(CHIP_CACHE_BYTES, round(2 * self.width() * self.height() * ratio * ratio * 4))

    def _make_room(self, weight: int, ratio: float) -> None:
        """Room for a chip of ``weight`` bytes: those longest unseen go first."""
        allowance = self.chip_allowance(ratio)
        cache = self._chip_cache
        while cache and self._chip_bytes + weight > allowance:
            gone = cache.pop(next(iter(cache)))
            self._chip_bytes -= gone.width() * gone.height() * 4
        self._chip_bytes += weight

    def _style_changed(self) -> None:
        """The font or palette changed: recompute what depends on them."""
        self._layout_changed()

    def chip_for(self, post: Post) -> Chip:
        session = self._session
        try:
            channel = QColor(session.channel(post.channel_id).color)
        except KeyError:
            channel = self.palette().color(QPalette.ColorRole.Mid)
        markers = []
        # The message chosen in the sidebar comes first: its tick stood on a day whose
        # chips showed only their first dot, none of it.
        chosen = session.selected_message
        ordered = post.message_ids
        if chosen in ordered and ordered[0] != chosen:
            ordered = (chosen, *(m for m in ordered if m != chosen))
        for message_id in ordered:
            try:
                markers.append(QColor(session.key_message(message_id).color))
            except KeyError:
                continue
        return Chip(
            title=one_line(post.title),  # a line break typed in a sheet's cell: a space
            channel_color=channel,
            marker_colors=tuple(markers),
            at=session.going_out(post.date, post.time),  # as the week's
            status=post.status,
            selected=post.id in self._selected,
            missed=missed(post, self._cadence.as_of),  # no clock read per chip painted
        )

    def _describe(self, *, way_out: bool = False, pick_hint: bool = False) -> None:
        """Keep the accessible description in step with the day and selection; with
        ``way_out``, after Tab came back to the day or found no post, how to leave; with
        ``pick_hint``, after Ctrl+Space found no post to pick, how to reach one."""
        day = self._current
        posts = self._by_day.get(day, [])
        parts = [day_label(day)]
        if not posts:
            parts.append(self._post_count(day))
        else:  # what a sighted user reads on the chips: time, channel, title, status
            said = [self._spoken(post) for post in posts[:SPOKEN_POSTS]]
            if len(posts) > SPOKEN_POSTS:
                said.append(f"and {len(posts) - SPOKEN_POSTS} more")
            parts.append(f"{self._post_count(day)}: " + "; ".join(said))
        parts.extend(self.spoken_cadence(day))
        # Besides the day: said first in the focused day's or post's description too.
        notes = []
        if self._selected:
            # Those on another day named with it: after an undo put a post back, the day
            # the keyboard is on was read with it, "selected", and Delete took it there.
            titles = [
                p.title if p.date in (day, None) else f"{p.title} ({day_text(p.date)})"
                for p in (self._posts[i] for i in self._selected if i in self._posts)
            ]
            away = len(self._selected) - len(titles)
            if len(titles) > SPOKEN_POSTS:
                titles[SPOKEN_POSTS:] = [f"and {len(titles) - SPOKEN_POSTS} more"]
            if away:
                titles.append(f"{away} out of sight")
            several = len(self._selected) > 1
            notes.append(
                f"{len(self._selected)} posts " * several + "selected: " + "; ".join(titles)
            )
        focus = self._posts.get(self._focus_post) if self._focus_post is not None else None
        if self._picking and focus is not None:
            picked = "selected" if focus.id in self._selected else "not selected"
            notes.append(f"on {focus.title}, {picked} (Ctrl+Space selects or deselects it)")
        if pick_hint:
            day = self.current_date()
            notes.append(
                "Tab goes to a post of the day, Ctrl+Space selects it"
                if any(p.date == day for p in self._posts.values())
                else "no post on this day to select"  # (Tab found none to go to)
            )
        if way_out:
            notes.append(
                "Tab goes through the day's posts; Ctrl+Tab goes to the next pane"
                if posts
                else "no post on this day to Tab to; Ctrl+Tab goes to the next pane"
            )
        self.setAccessibleDescription(", ".join(parts + notes))
        accessible.announce_focus(self, notes, again=way_out or pick_hint)

    def _post_count(self, day: date) -> str:
        """ "3 posts", "no posts"; "(filtered)" after it while filters hide some (they
        are not "no posts": said as the agenda says it)."""
        count = len(self._by_day.get(day, []))
        filtered = " (filtered)" if self._session.filters.active else ""
        return f"{count or 'no'} post{'s' * (count != 1)}{filtered}"

    def spoken_day(self, day: date) -> str:
        """A day as its item says it to a screen reader: "Friday, 5 March 2027, 3 posts";
        today as the view marks it: "Today, Friday, 5 March 2027, 3 posts"."""
        today = "Today, " if day == self._session.today() else ""
        return f"{today}{day_label(day)}, {self._post_count(day)}"

    def spoken_post(self, post_id: int) -> str:
        """A post shown as a screen reader says it (its item's name)."""
        post = self._posts.get(post_id)
        return self._spoken(post) if post is not None else ""

    def _spoken(self, post: Post) -> str:
        """A post as a screen reader says it: "08:30 LinkedIn: Launch (scheduled; key
        messages Made in Europe, Fair prices)", what its chip and markers show."""
        session = self._session
        try:
            channel = session.channel(post.channel_id).name
        except KeyError:
            channel = "no channel"
        at = clock_text(post.time)
        about = spoken_status(post, self._cadence.as_of)  # as its chip is painted
        titles = []
        for message_id in post.message_ids:
            # One a paste or a drop just brought is read in a moment, as its channel.
            with suppress(KeyError):
                titles.append(session.key_message(message_id).title)
        if titles:
            about += f"; key message{'s' * (len(titles) != 1)} {', '.join(titles)}"
        # As its tooltip shows: whether a move or delete will ask about the others.
        if post.campaign_id is not None:
            with suppress(KeyError):
                about += f"; campaign {session.campaign(post.campaign_id).name}"
        if post.series_id is not None:
            about += "; repeats"
        return f"{f'{at} ' if at else ''}{channel}: {post.title} ({about})"

    def spoken_cadence(self, day: date) -> list[str]:
        """What the day's cadence marks say: the key messages overdue (its red badge
        counts them, its tooltip names them), or with a key message chosen, whether it
        is overdue or goes out on the day (its tint, its tick)."""
        session, cadence = self._session, self._cadence
        selected = session.selected_message
        if selected is not None and cadence.message_color is not None:
            title = session.key_message(selected).title
            if day in cadence.delivered:
                return [f"{title} goes out"]
            if day not in cadence.tinted:
                return []
            return [f"{title} overdue{self._unless_planned(day)}"]
        overdue = self._overdue_titles(day)
        if not overdue:
            return []
        # As its tooltip says it: a day ahead was read as overdue already.
        count = f"{len(overdue)} key message{'s' * (len(overdue) != 1)}"
        return [f"{count} overdue{self._unless_planned(day)}: " + ", ".join(overdue)]

    # -- dragging out -------------------------------------------------------

    def drag_posts(self, anchor: int) -> list[Post]:
        """The posts a drag started on ``anchor`` carries: the selection if it holds it
        (also its posts on days out of sight, as Cut and Delete take them)."""
        if anchor not in self._selected:
            return [self._posts[anchor]] if anchor in self._posts else []
        shown = [self._posts[i] for i in self._selected if i in self._posts]
        return shown if len(shown) == len(self._selected) else self._session.posts(self._selected)

    def drag_mime(self, anchor: int) -> QMimeData:
        return dnd.posts_mime(self._session, self.drag_posts(anchor), anchor=anchor)

    def _drag_pixmap(self, anchor: int, count: int) -> QPixmap:
        font = self.chip_font()
        width = 200
        height = int(chip_height(font))
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(QSize(int(width * ratio), int(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setOpacity(0.9)
        chip = self.chip_for(self._posts[anchor])
        # The count beside the chip, not over its end (it hid the last key message's dot).
        carried = in_language_digits(str(count))
        room = badge_width(carried, font) + DRAG_BADGE_GAP if count > 1 else 0
        paint_chip(painter, QRectF(0, 0, width - room, height), chip, self.chip_theme(), font)
        if count > 1:
            painter.setOpacity(1.0)
            paint_badge(
                painter,
                QPointF(width, 0),
                carried,
                self.palette().color(QPalette.ColorRole.Highlight),
                font,
            )
        painter.end()
        return pixmap

    def _start_drag(self, anchor: int, grabbed: QPoint) -> None:
        """Drag the posts ``anchor`` carries, its chip grabbed at ``grabbed``."""
        posts = self.drag_posts(anchor)
        if not posts:
            return
        drag = QDrag(self)
        drag.setMimeData(dnd.posts_mime(self._session, posts, anchor=anchor))
        drag.setPixmap(self._drag_pixmap(anchor, len(posts)))
        drag.setHotSpot(dnd.DRAG_PICTURE_HOT_SPOT)
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)
        self._session.dragEnded.emit()

    def _track_press(self, event: QMouseEvent, pos: QPoint, post_id: int | None) -> None:
        self._press_pos = pos if event.button() == Qt.MouseButton.LeftButton else None
        self._press_post = post_id
        self._press_ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)

    def _maybe_drag(self, event: QMouseEvent, pos: QPoint) -> None:
        if (
            self._press_pos is None
            or self._press_post is None
            or not (event.buttons() & Qt.MouseButton.LeftButton)
        ):
            return
        if (pos - self._press_pos).manhattanLength() < QApplication.startDragDistance():
            return
        anchor, grabbed = self._press_post, self._press_pos
        self._press_pos = None
        self._press_post = None
        self._start_drag(anchor, grabbed)

    def _release(self, event: QMouseEvent, post_id: int | None) -> None:
        """A click on a selected chip without dragging selects only that chip; with
        Ctrl, the chip joins the selection, or leaves it."""
        if self._press_pos is not None and post_id is not None and post_id == self._press_post:
            if self._press_ctrl:  # as pressed: Ctrl let go first still adds the chip
                self._pick_or_drop(post_id)
            elif len(self._selected) > 1:
                self._set_selection([post_id], post_id)
        self._press_pos = None
        self._press_post = None

    def day_at(self, pos: QPoint) -> date | None:
        """The day under ``pos``, or None (each view knows its own geometry)."""
        raise NotImplementedError

    def post_at(self, pos: QPoint) -> int | None:
        """The post whose chip is under ``pos``, or None."""
        raise NotImplementedError

    def day_rect(self, day: date) -> QRect:
        """Where ``day`` is drawn (empty when it is not shown)."""
        raise NotImplementedError

    def chip_rect(self, post_id: int) -> QRect | None:
        """Where the post's chip is drawn, or None when it is not drawn."""
        raise NotImplementedError

    def slot_time(self, pos: QPoint) -> time | None:
        """The time of day of an empty slot at ``pos`` (views without hours: None)."""
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = event.pos()
        if event.reason() != QContextMenuEvent.Reason.Mouse:
            self._ensure_post_visible(self._focus_post)
            chip = self.chip_rect(self._focus_post) if self._focus_post is not None else None
            pos = (chip or self.day_rect(self._current)).center()
            self.contextMenuWanted.emit(pos, None)
        else:
            self.contextMenuWanted.emit(pos, self.slot_time(pos))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._maybe_drag(event, event.position().toPoint())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._release(event, self.post_at(event.position().toPoint()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        day = self.day_at(pos)
        if day is None or event.button() != Qt.MouseButton.LeftButton:
            return
        post_id = self.post_at(pos)
        if post_id is not None:
            self.postActivated.emit(post_id)
        else:
            self.slotActivated.emit(day, None)

    # -- dropping in --------------------------------------------------------

    @staticmethod
    def _accepts(mime: QMimeData) -> bool:
        return mime.hasFormat(dnd.POSTS_MIME)

    def _set_action(self, event: QDragMoveEvent | QDropEvent) -> None:
        event.setDropAction(dnd.drop_action(self._session, event) or Qt.DropAction.MoveAction)

    def _drop(
        self,
        event: QDropEvent,
        day: date | None,
        *,
        keep_time: bool = True,
        at: time | None = None,
    ) -> None:
        """Drop the dragged posts on ``day``, at ``at`` unless ``keep_time``."""
        if day is None or not self._accepts(event.mimeData()):
            event.ignore()
            return
        copy = dnd.wants_copy(event.modifiers())
        mime = event.mimeData()
        try:
            if keep_time:
                landed = dnd.drop_posts(self._session, self, mime, day, copy=copy)
            else:
                landed = dnd.drop_posts(self._session, self, mime, day, at, copy=copy)
        except CadenceError as exc:
            show_error(self, exc)
            landed = []
        if not landed:
            event.ignore()
            return
        self._set_action(event)
        event.accept()
        self._select_day(day)
        self.select_posts(landed)  # what was dropped, ready for Enter or another drag
        self.setFocus(Qt.FocusReason.OtherFocusReason)


# -- the month ----------------------------------------------------------------

ROWS = 6
COLUMNS = 7


@dataclass
class _DayLayout:
    cell: QRect
    number: QRectF
    chips: list[tuple[int, QRectF]]
    more: QRectF | None
    hidden: int
    label: str
    """The day's number as painted ("1 Nov", or "1" where a badge would cover the month)."""


@dataclass
class _Sizes:
    edges: tuple[list[int], list[int]]
    number: int
    bold: QFontMetricsF
    chip: float
    badge: float
    """How wide an overdue badge of two digits is."""
    row: int
    """The height of the month's shortest week, which every week fills as much: its
    rows are a pixel apart in height (rounded), and one week showed three posts a day
    where the others showed two and "+1 more"."""


_NUMBER_TOP = 3
"""Pixels above a day's number; then the number, :data:`_UNDER_NUMBER` pixels, its
chips, and :data:`_DAY_BOTTOM` pixels to the next week (:meth:`MonthView._day_layout`)."""
_UNDER_NUMBER = 3
_DAY_BOTTOM = 4


class MonthView(PeriodView):
    """Six weeks around a month, a chip per post, the cadence's gaps in red.

    Hit-testing (``day_at``, ``day_rect``, ``post_at``, ``chip_rect``,
    ``visible_posts``, ``hidden_count``, ``more_rect``) describes exactly what
    is painted, in the widget's coordinates.
    """

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._days: dict[date, _DayLayout] = {}
        self._drop_day: date | None = None
        self.setObjectName("monthView")
        self.setAccessibleName("Month view")
        self._fit_minimum()
        self._reload()
        session.set_visible_range(*self._range)
        self._refresh_cadence()

    # -- periods ------------------------------------------------------------

    def _period_of(self, day: date) -> date:
        return day.replace(day=1)

    def _range_of(self, period: date) -> tuple[date, date]:
        first = week_first_day(period, self.week_start())
        return first, first + timedelta(days=ROWS * COLUMNS - 1)

    def step(self, direction: int) -> None:
        """The month after (or before) the one shown, on the keyboard's day of the month
        (a day of the next month's clicked in the grid's last row stepped two months)."""
        first = add_months(self._period, 1 if direction > 0 else -1)
        last = add_months(first, 1) - timedelta(days=1)
        self.set_current_date(first.replace(day=min(self._current.day, last.day)))

    def show_month(self, month: date, day: date) -> None:
        """Show the month of ``month`` with ``day`` the keyboard's, where its grid shows
        it (a day of the month after, in its last row); else ``day``'s month."""
        self.set_current_date(month.replace(day=1))
        first, last = self._range
        if first <= day <= last:
            self._select_day(day)
        else:
            self.set_current_date(day)

    def period_title(self) -> str:
        return month_title(self._period)

    def _period_days(self) -> tuple[date, date]:
        return self._period, add_months(self._period, 1) - timedelta(days=1)

    def displayed_month(self) -> date:
        """The first day of the month the grid is about."""
        return self._period

    def _day_step_for_key(self, key: int) -> int | None:
        return {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }.get(Qt.Key(key))

    # -- geometry -----------------------------------------------------------

    def _header_height(self) -> int:
        return round(QFontMetricsF(self.font()).height() + 10)

    def _style_changed(self) -> None:
        self._fit_minimum()
        super()._style_changed()

    def _fit_minimum(self) -> None:
        """Days 56 pixels wide at the least (a half screen at 125%), and tall enough for
        a chip under their number in any font: without one, "+N more" had no room."""
        sizes = self._layout_sizes()
        day = _NUMBER_TOP + sizes.number + _UNDER_NUMBER + sizes.chip + _DAY_BOTTOM
        self.setMinimumSize(392, max(320, round(self._header_height() + ROWS * day)))

    def _edges(self) -> tuple[list[int], list[int]]:
        width, height = self.width(), self.height()
        top = self._header_height()
        xs = [round(i * width / COLUMNS) for i in range(COLUMNS + 1)]
        ys = [top + round(i * (height - top) / ROWS) for i in range(ROWS + 1)]
        return xs, ys

    def day_rect(self, day: date) -> QRect:
        """The cell of ``day`` (an empty rect when it is not in the grid)."""
        return self._cell(day, self._edges())

    def _cell(self, day: date, edges: tuple[list[int], list[int]]) -> QRect:
        index = (day - self._range[0]).days
        if not 0 <= index < ROWS * COLUMNS:
            return QRect()
        xs, ys = edges
        row, column = divmod(index, COLUMNS)
        return QRect(xs[column], ys[row], xs[column + 1] - xs[column], ys[row + 1] - ys[row])

    def day_at(self, pos: QPoint) -> date | None:
        xs, ys = self._edges()
        if not (0 <= pos.x() < xs[-1] and ys[0] <= pos.y() < ys[-1]):
            return None
        column = bisect.bisect_right(xs, pos.x()) - 1
        row = bisect.bisect_right(ys, pos.y()) - 1
        return self._range[0] + timedelta(days=row * COLUMNS + column)

    def post_at(self, pos: QPoint) -> int | None:
        day = self.day_at(pos)
        if day is None or day not in self._days:
            return None
        point = QPointF(pos)
        for post_id, rect in self._days[day].chips:
            if rect.contains(point):
                return post_id
        return None

    def chip_rect(self, post_id: int) -> QRect | None:
        post = self._posts.get(post_id)
        if post is None or post.date not in self._days:
            return None
        for shown, rect in self._days[post.date].chips:
            if shown == post_id:
                return rect.toAlignedRect()
        return None

    def visible_posts(self, day: date) -> list[int]:
        layout = self._days.get(day)
        return [post_id for post_id, _ in layout.chips] if layout else []

    def hidden_count(self, day: date) -> int:
        layout = self._days.get(day)
        return layout.hidden if layout else 0

    def more_rect(self, day: date) -> QRect | None:
        layout = self._days.get(day)
        return layout.more.toAlignedRect() if layout and layout.more else None

    def number_rect(self, day: date) -> QRect | None:
        """Where the day number (and today's circle) is painted."""
        layout = self._days.get(day)
        return layout.number.toAlignedRect() if layout else None

    def drop_target_day(self) -> date | None:
        """The day highlighted under a drag, if any."""
        return self._drop_day

    def _layout_changed(self) -> None:
        self._days = self._compute_layout()
        self.update()

    def _focus_moved(self, post_ids: set[int]) -> None:
        days = {self._posts[i].date for i in post_ids}
        self._days_changed({d for d in days if d is not None and self.hidden_count(d)})

    def _days_changed(self, days: set[date]) -> None:
        sizes = self._layout_sizes()
        for day in days:
            if day in self._days:
                self._days[day] = self._day_layout(day, sizes)
        self.update()

    def _layout_sizes(self) -> _Sizes:
        """What every day's layout needs: the grid's edges, the day number's size,
        the bold metrics of its label, a chip's height and a badge's width."""
        metrics = QFontMetricsF(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        edges = self._edges()
        return _Sizes(
            edges,
            round(metrics.height() + 6),
            QFontMetricsF(bold),
            chip_height(self.chip_font()),
            badge_width("88", self.font()),
            min(b - a for a, b in itertools.pairwise(edges[1])),
        )

    def _compute_layout(self) -> dict[date, _DayLayout]:
        sizes = self._layout_sizes()
        return {day: self._day_layout(day, sizes) for day in self.visible_days()}

    def _day_layout(self, day: date, sizes: _Sizes) -> _DayLayout:
        number_size, bold_metrics, chip_h = sizes.number, sizes.bold, sizes.chip
        gap = 2
        cell = self._cell(day, sizes.edges)
        number = QRectF(cell.left() + 4, cell.top() + _NUMBER_TOP, number_size, number_size)
        label = day_number_text(day)
        label_width = bold_metrics.horizontalAdvance(label) + 10
        # Room is kept for the overdue badge in the top right corner (two digits).
        room = cell.width() - 4 - 4 - sizes.badge - 2
        if label_width > room and day.day == 1:
            label = QLocale().toString(1)  # a narrow day: the month name gives way to the badge
            label_width = bold_metrics.horizontalAdvance(label) + 10
        number.setWidth(max(number_size, label_width))
        top = number.bottom() + _UNDER_NUMBER
        bottom = cell.top() + sizes.row - _DAY_BOTTOM  # (every week fills as much)
        capacity = max(0, int((bottom - top + gap) // (chip_h + gap)))
        posts = [post.id for post in self._by_day.get(day, [])]
        shown, hidden = fit_posts(posts, capacity, self._focus_post)
        rows = [
            QRectF(cell.left() + 3, top + index * (chip_h + gap), cell.width() - 6, chip_h)
            for index in range(max(len(shown), 1))
        ]
        more = None
        if hidden and shown:
            rows[-1], more = split_more(rows[-1], hidden, self.chip_font())
        elif hidden:
            more = rows[0]
        return _DayLayout(cell, number, list(zip(shown, rows, strict=False)), more, hidden, label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_changed()

    # -- painting -----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = accent(palette)  # (seen in a dark theme too)
        line = mix(base, text, 0.14)
        dim_text = mix(base, text, 0.45)  # other months' days: dimmed on purpose
        more_text = quiet_text(base, text)  # "+N more", a link
        red = overdue_red(base)
        weekend = mix(base, text, 0.035)
        other_month = mix(base, window, 0.6)
        font = self.font()
        chip_font = self.chip_font()
        today = self._session.today()
        message_selected = self._session.selected_message is not None
        cadence = self._cadence
        clip = event.rect()

        painter.fillRect(self.rect(), base)

        # Header: the weekday names in the calendar's first day of week.
        locale = QLocale()
        xs, ys = self._edges()
        header = QRect(0, 0, self.width(), ys[0])
        painter.fillRect(header, window)
        painter.setFont(font)
        painter.setPen(mix(window, palette.color(QPalette.ColorRole.WindowText), 0.7))
        first = self._range[0]
        for column in range(COLUMNS):
            weekday = (first + timedelta(days=column)).isoweekday()
            name = locale.dayName(weekday, QLocale.FormatType.ShortFormat)
            painter.drawText(
                QRect(xs[column], 0, xs[column + 1] - xs[column], ys[0]),
                int(Qt.AlignmentFlag.AlignCenter),
                name,
            )

        rest = rest_days()  # the locale's days of rest (Friday and Saturday in Israel)
        for day, layout in self._days.items():
            cell = layout.cell
            if not cell.intersects(clip):
                continue
            in_month = day.month == self._period.month
            background = base if in_month else other_month
            if in_month and day.weekday() in rest:
                background = weekend
            if day in cadence.tinted:
                background = mix(background, red, tint_strength(day, today, 0.16))
            painter.fillRect(cell, background)
            if day == self._drop_day:
                painter.fillRect(cell, with_alpha(highlight, 0.18))

            # Day number; today in a filled circle.
            number_font = QFont(font)
            if day == today:
                number_font.setBold(True)
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(highlight)
                radius = layout.number.height() / 2
                painter.drawRoundedRect(layout.number, radius, radius)
                painter.restore()
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            else:
                painter.setPen(text if in_month else dim_text)
            painter.setFont(number_font)
            painter.drawText(layout.number, int(Qt.AlignmentFlag.AlignCenter), layout.label)

            corner = QPointF(cell.right() + 1 - 4, cell.top() + 4)
            if message_selected:
                if day in cadence.delivered and cadence.message_color is not None:
                    size = layout.number.height() - 4
                    paint_delivery_mark(
                        painter,
                        QRectF(corner.x() - size, corner.y() + 1, size, size),
                        cadence.message_color,
                    )
            elif cadence.overdue.get(day, 0):
                overdue = in_language_digits(str(cadence.overdue[day]))  # as the dates beside it
                paint_badge(painter, corner, overdue, red, font)

            if not in_month:
                painter.setOpacity(OTHER_MONTH_OPACITY)
            for post_id, rect in layout.chips:
                self.paint_post(painter, rect, self._posts[post_id])
            if layout.more is not None:
                paint_more(painter, layout.more, layout.hidden, more_text, chip_font)
            painter.setOpacity(1.0)

        # Grid lines: filled 1 px rects, on whole screen pixels, stay crisp and even at
        # any device pixel ratio.
        painter.fillRect(crisp(painter, QRect(0, ys[0] - 1, self.width(), 1)), line)
        for x in xs[1:-1]:
            painter.fillRect(crisp(painter, QRect(x, ys[0], 1, ys[-1] - ys[0])), line)
        for y in ys[1:-1]:
            painter.fillRect(crisp(painter, QRect(0, y, self.width(), 1)), line)

        # The keyboard-selected day, and the drop target.
        selected_cell = self.day_rect(self._current)
        if not selected_cell.isNull():
            color = highlight if self.hasFocus() else mix(highlight, base, 0.35)
            self._outline(painter, selected_cell, color, 2)
        if self._drop_day is not None:
            drop_cell = self.day_rect(self._drop_day)
            if not drop_cell.isNull():
                self._outline(painter, drop_cell, highlight, 2)
        painter.end()

    @staticmethod
    def _outline(painter: QPainter, rect: QRect, color: QColor, width: int) -> None:
        inner = rect.adjusted(1, 1, 0, 0)
        for side in (
            QRect(inner.left(), inner.top(), inner.width(), width),
            QRect(inner.left(), inner.bottom() + 1 - width, inner.width(), width),
            QRect(inner.left(), inner.top(), width, inner.height()),
            QRect(inner.right() + 1 - width, inner.top(), width, inner.height()),
        ):
            painter.fillRect(crisp(painter, side), color)

    # -- the mouse ----------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._picked = None
        pos = event.position().toPoint()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        day = self.day_at(pos)
        if day is None:
            super().mousePressEvent(event)
            return
        post_id = self.post_at(pos)
        more = self._days[day].more if day in self._days else None
        if event.button() == Qt.MouseButton.LeftButton and more and more.contains(QPointF(pos)):
            self._select_day(day)
            self.dayActivated.emit(day)
            return
        if post_id is not None:
            self._click_post(post_id, event.modifiers())
        else:
            self._select_day(day)
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._set_selection([], None)
        self._track_press(event, pos, post_id)

    # -- drops --------------------------------------------------------------

    def _set_drop_day(self, day: date | None) -> None:
        if day != self._drop_day:
            self._drop_day = day
            self.update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._accepts(event.mimeData()):
            event.ignore()
            return
        self._set_action(event)
        event.accept()
        self._set_drop_day(self.day_at(event.position().toPoint()))

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None or not self._accepts(event.mimeData()):
            self._set_drop_day(None)
            event.ignore()
            return
        self._set_action(event)
        event.accept()
        self._set_drop_day(day)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_day(None)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_day(None)
        self._drop(event, self.day_at(event.position().toPoint()))

    def sizeHint(self) -> QSize:
        return QSize(900, 640)
