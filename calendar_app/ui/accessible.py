"""The month's and week's days and posts as assistive technology finds them.

The views paint their days and chips themselves, so Qt knows them only as one
widget each. These interfaces give a screen reader what a sighted user reads:
the view is a list of its days, each day a list of its posts, named as the
view's description says them, placed where they are painted, selected and
focused as the keyboard leaves them.

Items are positional, as Qt's own table cells are: the third post of the
fifth day is one interface whatever post is there now, so their number never
outgrows the days and posts one period shows. Qt's accessibility cache holds
them once a tool has asked for them; the view's interface keeps them and takes
them out of the cache when the view goes.

Qt takes a null interface, object or window as "none"; PySide's stubs leave that
out, hence the ``override`` ignores.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface, QWindow
from PySide6.QtWidgets import QAccessibleWidget

if TYPE_CHECKING:
    from .month_view import PeriodView

_VIEW_CLASSES = frozenset({"MonthView", "WeekView"})
"""The class names Qt asks the factory about whose interfaces are ours."""

_installed = False

_NAME = QAccessible.Text.Name


def install() -> None:
    """Give Qt the views' interfaces (once a process, before the first view exists:
    Qt keeps the first interface it made for a widget)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def _factory(class_name: str, obj: QObject | None) -> QAccessibleInterface | None:
    if class_name not in _VIEW_CLASSES:  # asked for every class of every widget: quick
        return None
    from .month_view import PeriodView

    return PeriodAccessible(obj) if isinstance(obj, PeriodView) else None


def announce_focus(view: PeriodView) -> None:
    """Tell a screen reader that the keyboard is on another day or post of ``view``
    (once: a key press may go through several steps that each say where it is)."""
    if not QAccessible.isActive():
        return
    iface = QAccessible.queryAccessibleInterface(view)
    if not isinstance(iface, PeriodAccessible):
        return
    item = iface.focusChild()
    said = None if item is None else (item.day_index, item.post_index, item.text(_NAME))
    if said != iface.announced and item is not None:
        post_event(QAccessibleEvent(item, QAccessible.Event.Focus))
    iface.announced = said


def post_event(event: QAccessibleEvent) -> None:
    QAccessible.updateAccessibility(event)


def _global(view: PeriodView, rect: QRect) -> QRect:
    return QRect(view.mapToGlobal(rect.topLeft()), rect.size())


class PeriodAccessible(QAccessibleWidget):
    """A month or week view: a list of the days it shows."""

    def __init__(self, view: PeriodView) -> None:
        super().__init__(view, QAccessible.Role.List)
        self._view = view
        self._items: dict[tuple[int, int], _Item] = {}
        self.announced: tuple[int, int, str] | None = None
        """The item a screen reader was last told the keyboard is on, and its name."""
        """The items asked for, by (day, post) position; post -1 is the day itself."""
        ids: list[int] = []
        self._ids = ids
        # Qt's cache lets go of the view's own interface as the view goes; the items,
        # which belong to no object, are taken out here (by id: the interfaces may be
        # gone from Python by then).
        view.destroyed.connect(lambda *_: _forget(ids))

    def state(self) -> QAccessible.State:
        state = super().state()
        state.multiSelectable = True  # posts picked one at a time or days at a time
        return state

    def item(self, day_index: int, post_index: int = -1) -> _Item:
        key = (day_index, post_index)
        item = self._items.get(key)
        if item is None:
            item = self._items[key] = _Item(self, self._view, day_index, post_index)
            self._ids.append(QAccessible.registerAccessibleInterface(item))
        return item

    def childCount(self) -> int:
        return len(self._view.visible_days())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return self.item(index) if 0 <= index < self.childCount() else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, _Item) and child.owner is self and child.post_index < 0:
            return child.day_index
        return -1

    def focusChild(self) -> _Item | None:  # type: ignore[override]
        view = self._view
        if not view.hasFocus():
            return None
        days = view.visible_days()
        day = view.current_date()
        if day not in days:
            return None
        day_index = days.index(day)
        focus = view.focused_post()
        posts = view.posts_on(day)
        if focus is not None and focus in posts:
            return self.item(day_index, posts.index(focus))
        return self.item(day_index)

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        view = self._view
        pos = view.mapFromGlobal(QPoint(x, y))
        day = view.day_at(pos)
        days = view.visible_days()
        if day is None or day not in days:
            return None
        post_id = view.post_at(pos)
        posts = view.posts_on(day)
        if post_id is not None and post_id in posts:
            return self.item(days.index(day), posts.index(post_id))
        return self.item(days.index(day))


def _forget(ids: list[int]) -> None:
    for iface_id in ids:
        QAccessible.deleteAccessibleInterface(iface_id)
    ids.clear()


class _Item(QAccessibleInterface):
    """A day of a view (``post_index`` -1), or the post at that place of a day."""

    def __init__(
        self, owner: PeriodAccessible, view: PeriodView, day_index: int, post_index: int
    ) -> None:
        super().__init__()
        self.owner = owner
        self._view = view
        self.day_index = day_index
        self.post_index = post_index

    # -- what is there now ---------------------------------------------------

    def _day(self) -> date | None:
        days = self._view.visible_days()
        return days[self.day_index] if self.day_index < len(days) else None

    def _post(self) -> int | None:
        day = self._day()
        if day is None or self.post_index < 0:
            return None
        posts = self._view.posts_on(day)
        return posts[self.post_index] if self.post_index < len(posts) else None

    def isValid(self) -> bool:
        if self._day() is None:
            return False
        return self.post_index < 0 or self._post() is not None

    # -- the tree ------------------------------------------------------------

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self.owner.window()

    def relations(self, match: Any = None) -> list[Any]:
        return []

    def parent(self) -> QAccessibleInterface:
        return self.owner if self.post_index < 0 else self.owner.item(self.day_index)

    def childCount(self) -> int:
        day = self._day()
        return len(self._view.posts_on(day)) if day is not None and self.post_index < 0 else 0

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        if 0 <= index < self.childCount():
            return self.owner.item(self.day_index, index)
        return None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if (
            isinstance(child, _Item)
            and child.owner is self.owner
            and child.day_index == self.day_index
            and self.post_index < 0 <= child.post_index
        ):
            return child.post_index
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        if self.post_index >= 0:
            return None
        found = self.owner.childAt(x, y)
        return found if isinstance(found, _Item) and found.parent() is self else None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        found = self.owner.focusChild()
        return found if isinstance(found, _Item) and found.parent() is self else None

    # -- what it says --------------------------------------------------------

    def text(self, kind: QAccessible.Text) -> str:
        day, post_id = self._day(), self._post()
        if day is None:
            return ""
        view = self._view
        if kind == QAccessible.Text.Name:
            if self.post_index < 0:
                return view.spoken_day(day)
            return view.spoken_post(post_id) if post_id is not None else ""
        if kind == QAccessible.Text.Description and self.post_index < 0:
            return ", ".join(view.spoken_cadence(day))
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        pass  # read only

    def rect(self) -> QRect:
        view, day = self._view, self._day()
        if day is None:
            return QRect()
        post_id = self._post()
        drawn = view.chip_rect(post_id) if post_id is not None else None
        return _global(view, drawn if drawn is not None else view.day_rect(day))

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        view, day = self._view, self._day()
        state = QAccessible.State()
        if day is None:
            state.invalid = True
            return state
        state.focusable = state.selectable = True
        if self.post_index < 0:
            state.selected = day == view.current_date()
        else:
            post_id = self._post()
            state.selected = post_id in view.selected_post_ids()
            state.offscreen = post_id is not None and view.chip_rect(post_id) is None
        state.focused = self.owner.focusChild() is self
        return state
