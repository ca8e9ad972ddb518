"""The month's and week's days and posts as assistive technology finds them.

The views paint their days and chips themselves, so Qt knows them only as one
widget each. These interfaces give a screen reader what a sighted user reads:
the view is a list of its days (then the widgets it is made of, the week's
hours), each day a list of its posts, named as the chips read, placed where
they are painted, selected and focused as the keyboard leaves them.

An item is a day or a post, not a place of the grid: the keyboard going from
2 January to 5 February, in the same cell, reaches another item (a screen
reader says nothing when the focus lands on the item it is on). Qt's
accessibility cache holds items once a tool has asked for them; those the view
no longer shows are taken out of it as the view changes, and all of them as
the view goes.

The cadence panel, painted too, is a chart read through its description.

Qt takes a null interface, object or window as "none"; PySide's stubs leave that
out, hence the ``override`` ignores.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QAccessibleInterface,
    QKeyEvent,
    QWindow,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QApplication,
    QPushButton,
    QToolButton,
    QWidget,
)

if TYPE_CHECKING:
    from .month_view import PeriodView

_VIEW_CLASSES = frozenset({"MonthView", "WeekView", "CadencePanel"})
"""The class names Qt asks the factory about whose interfaces are ours."""

_installed = False

_NAME = QAccessible.Text.Name
_DESCRIPTION = QAccessible.Text.Description


def install() -> None:
    """Give Qt the views' and the cadence panel's interfaces (once a process, before
    the first of them exists: Qt keeps the first interface it made for a widget)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def _factory(class_name: str, obj: QObject | None) -> QAccessibleInterface | None:
    if class_name not in _VIEW_CLASSES:  # asked for every class of every widget: quick
        return None
    from .month_view import PeriodView

    if class_name == "CadencePanel" and isinstance(obj, QWidget):
        return _Chart(obj)
    return PeriodAccessible(obj) if isinstance(obj, PeriodView) else None


class _Chart(QAccessibleWidget):
    """The cadence panel: a chart (a screen reader called it a "filler"), read through
    its description as its keys move."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Chart)


def announce_focus(
    view: PeriodView, notes: list[str] | None = None, *, again: bool = False
) -> None:
    """Tell a screen reader where the keyboard is in ``view`` once it moved to another
    day or post, and ``notes`` on it as they change: what is selected or picked, how
    to go on (said in the focused item's description, which is what a screen reader
    reads); ``again``: said again though unchanged (a hint asked for once more).

    Said once the key press is done with: it goes through steps that each say where
    the keyboard is (the day, then its cadence, then what stays selected), and a
    screen reader said the description twice, the first time before it was right."""
    if not QAccessible.isActive():
        return
    iface = QAccessible.queryAccessibleInterface(view)
    if not isinstance(iface, PeriodAccessible):
        return
    if notes is not None:
        iface.notes = notes
    iface.again = iface.again or again
    if not iface.pending:
        iface.pending = True
        QTimer.singleShot(0, view, iface.announce_now)


def focus_left(view: PeriodView) -> None:
    """The keyboard left ``view``: back in, its day or post is said again (at once: it
    may come back before an announcement waiting would see it gone)."""
    iface = QAccessible.queryAccessibleInterface(view) if QAccessible.isActive() else None
    if isinstance(iface, PeriodAccessible):
        iface.announced = None


def announce(widget: QObject, message: str) -> None:
    """Have a screen reader say ``message`` of ``widget`` as it is shown (a result in the
    status bar, which it reads only when asked). Qt 6.8 and later."""
    made = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    if made is not None and QAccessible.isActive():
        post_event(made(widget, message))


def post_event(event: QAccessibleEvent) -> None:
    QAccessible.updateAccessibility(event)


def _global(view: PeriodView, rect: QRect) -> QRect:
    return QRect(view.mapToGlobal(rect.topLeft()), rect.size())


class PeriodAccessible(QAccessibleWidget):
    """A month or week view: a list of the days it shows, then its own widgets."""

    def __init__(self, view: PeriodView) -> None:
        super().__init__(view, QAccessible.Role.List)
        # No reference to the view here or in the items: PySide keeps every interface a
        # factory gave for the life of the program, and with it the views (and their
        # calendars) a screen reader's user opened before.
        self._days: dict[date, _Item] = {}
        self._posts: dict[int, _Item] = {}
        self.notes: list[str] = []
        """What the view says of the keyboard's place besides its name (selection, picks,
        hints): the focused item's description starts with it."""
        self.announced: tuple[_Item, str, str] | None = None
        """The item a screen reader was last told the keyboard is on, its name and
        description then."""
        self._selected: set[int] = set()
        self.pending = False
        """An announcement waits for the key press to be done with."""
        self.again = False
        """The next one says the focused item's description though it is unchanged."""
        # Qt's cache lets go of the view's own interface as the view goes; the items,
        # which belong to no object, are taken out here.
        days, posts = self._days, self._posts

        def forget(*_: object) -> None:
            for item in (*days.values(), *posts.values()):
                QAccessible.deleteAccessibleInterface(item.cache_id)
            days.clear()
            posts.clear()

        view.destroyed.connect(forget)

    @property
    def view(self) -> PeriodView:
        return cast("PeriodView", self.widget())

    # -- the items -------------------------------------------------------------

    def day_item(self, day: date) -> _Item:
        item = self._days.get(day)
        if item is None:
            item = self._days[day] = self._made(_Item(self, day, None))
        return item

    def post_item(self, day: date, post_id: int) -> _Item:
        item = self._posts.get(post_id)
        if item is None or item.day != day:  # moved to another day: another item
            if item is not None:
                self._drop(item)
            item = self._posts[post_id] = self._made(_Item(self, day, post_id))
        return item

    @staticmethod
    def _made(item: _Item) -> _Item:
        item.cache_id = QAccessible.registerAccessibleInterface(item)
        return item

    @staticmethod
    def _drop(item: _Item) -> None:
        QAccessible.deleteAccessibleInterface(item.cache_id)

    def forget_gone(self) -> None:
        """Take out of Qt's cache the items of days and posts the view no longer shows
        (a screen reader asking for one hears that it is gone)."""
        gone_days = [day for day, item in self._days.items() if not item.isValid()]
        gone_posts = [post for post, item in self._posts.items() if not item.isValid()]
        for day in gone_days:
            self._drop(self._days.pop(day))
        for post_id in gone_posts:
            self._drop(self._posts.pop(post_id))

    def announce_now(self) -> None:
        """What :func:`announce_focus` waited to say."""
        self.pending = False
        again, self.again = self.again, False
        self.forget_gone()
        item = self.focusChild()
        before = self.announced
        self.announced = None
        if item is not None:
            name, description = item.text(_NAME), item.text(_DESCRIPTION)
            self.announced = (item, name, description)
            if before is None or before[0] is not item:
                post_event(QAccessibleEvent(item, QAccessible.Event.Focus))
            elif before[1] != name:  # a post pasted on the day the keyboard is on
                post_event(QAccessibleEvent(item, QAccessible.Event.NameChanged))
            elif before[2] != description or again:  # picked, selected, a hint
                post_event(QAccessibleEvent(item, QAccessible.Event.DescriptionChanged))
        self._selection_changed()

    def _selection_changed(self) -> None:
        """Say which posts were picked or dropped (Qt's bridge passes a selection on as
        such, not as a change of the item's state)."""
        now = set(self.view.selected_post_ids())
        changed = now ^ self._selected
        self._selected = now
        for post_id in changed:
            item = self._posts.get(post_id)
            if item is not None and item.isValid():
                event = QAccessible.Event
                kind = event.SelectionAdd if post_id in now else event.SelectionRemove
                post_event(QAccessibleEvent(item, kind))

    # -- the tree ----------------------------------------------------------------

    def state(self) -> QAccessible.State:
        state = super().state()
        state.multiSelectable = True  # posts picked one at a time or days at a time
        return state

    def _day_count(self) -> int:
        first, last = self.view.visible_range()
        return (last - first).days + 1

    def shows(self, day: date) -> bool:
        first, last = self.view.visible_range()
        return first <= day <= last

    def childCount(self) -> int:
        return self._day_count() + super().childCount()  # the week's hours, header…

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        days = self.view.visible_days()
        if 0 <= index < len(days):
            return self.day_item(days[index])
        return super().child(index - len(days)) if index >= len(days) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, _Item):
            if child.owner is self and child.post_id is None and self.shows(child.day):
                return (child.day - self.view.visible_range()[0]).days
            return -1
        index = super().indexOfChild(child)
        return index + self._day_count() if index >= 0 else -1

    def focusChild(self) -> _Item | None:  # type: ignore[override]
        view = self.view
        if not view.hasFocus():
            return None
        day = view.current_date()
        if not self.shows(day):
            return None
        focus = view.focused_post()
        if focus is not None and focus in view.posts_on(day):
            return self.post_item(day, focus)
        return self.day_item(day)

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        view = self.view
        pos = view.mapFromGlobal(QPoint(x, y))
        day = view.day_at(pos)
        if day is None or not self.shows(day):
            return None
        post_id = view.post_at(pos)
        if post_id is not None and post_id in view.posts_on(day):
            return self.post_item(day, post_id)
        return self.day_item(day)


class _Item(QAccessibleInterface):
    """A day of a view (``post_id`` None), or a post shown on that day."""

    def __init__(self, owner: PeriodAccessible, day: date, post_id: int | None) -> None:
        super().__init__()
        self.owner = owner
        self.day = day
        self.post_id = post_id
        self.cache_id = 0
        """Its number in Qt's accessibility cache (:meth:`PeriodAccessible._made`)."""

    def isValid(self) -> bool:
        if self.post_id is None:
            return self.owner.shows(self.day)
        return self.post_id in self.owner.view.posts_on(self.day)

    # -- the tree ------------------------------------------------------------

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self.owner.window()

    def relations(self, match: Any = None) -> list[Any]:
        return []

    def parent(self) -> QAccessibleInterface:
        return self.owner if self.post_id is None else self.owner.day_item(self.day)

    def _posts(self) -> list[int]:
        return self.owner.view.posts_on(self.day) if self.post_id is None else []

    def childCount(self) -> int:
        return len(self._posts())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        posts = self._posts()
        return self.owner.post_item(self.day, posts[index]) if 0 <= index < len(posts) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        posts = self._posts()
        if isinstance(child, _Item) and child.owner is self.owner and child.post_id in posts:
            return posts.index(child.post_id) if child.day == self.day else -1
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        if self.post_id is not None:
            return None
        found = self.owner.childAt(x, y)
        return found if isinstance(found, _Item) and found.parent() is self else None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        found = self.owner.focusChild()
        return found if isinstance(found, _Item) and found.parent() is self else None

    # -- what it says --------------------------------------------------------

    def text(self, kind: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        view = self.owner.view
        if kind == _NAME:
            if self.post_id is None:
                return view.spoken_day(self.day)
            return view.spoken_post(self.post_id)
        if kind == _DESCRIPTION:
            said = view.spoken_cadence(self.day) if self.post_id is None else []
            if self.owner.focusChild() is self:  # what the key pressed did, first
                said = [*self.owner.notes, *said]
            return ", ".join(said)
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        pass  # read only

    def rect(self) -> QRect:
        if not self.isValid():
            return QRect()
        view = self.owner.view
        drawn = view.chip_rect(self.post_id) if self.post_id is not None else None
        return _global(view, drawn if drawn is not None else view.day_rect(self.day))

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        view = self.owner.view
        state = QAccessible.State()
        if not self.isValid():
            state.invalid = True
            return state
        state.focusable = state.selectable = True
        if not view.isVisible():  # a page of the window's stack not showing
            state.invisible = state.offscreen = True
        if self.post_id is None:
            state.selected = self.day == view.current_date()
        else:
            state.selected = self.post_id in view.selected_post_ids()
            state.offscreen = state.offscreen or view.chip_rect(self.post_id) is None
        state.focused = self.owner.focusChild() is self
        return state


class _EnterPresses(QObject):
    """Enter and Return press a button of the window as Space does: outside dialogs,
    Qt's buttons take Space alone, and Enter on "+ Idea" or "Agenda" did nothing (a
    screen reader's user presses Enter)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        key_event = cast(QKeyEvent, event)
        plain = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key_event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or plain:
            return False
        if not key_event.isAutoRepeat():
            space = QKeyEvent(event.type(), Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ")
            QApplication.sendEvent(watched, space)
        return True


_enter_presses: _EnterPresses | None = None


def enter_presses(root: QWidget) -> None:
    """Let Enter press the push and tool buttons in ``root`` (see :class:`_EnterPresses`)."""
    global _enter_presses
    if _enter_presses is None:
        _enter_presses = _EnterPresses(QApplication.instance())
    buttons = root.findChildren(QAbstractButton)
    if isinstance(root, QAbstractButton):
        buttons.append(root)
    for button in buttons:
        if isinstance(button, QPushButton | QToolButton):
            button.installEventFilter(_enter_presses)
