"""The agenda: a sortable table of the posts in one month, with bulk status changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import partial

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.models import ChangeSet, Post, PostStatus, add_months, isolated, this_month
from ..render.cadence_strip import month_title
from ..render.chips import clock_text
from .commands import plural, set_posts_status
from .dnd import drag_selected_rows
from .post_model import (
    STATUS_MENU_NAME,
    AgendaModel,
    PlainIconDelegate,
    PostIdRole,
    SortRole,
    locale_day,
    rows_selection,
    status_label,
)
from .session import CalendarSession


class _AgendaProxy(QSortFilterProxyModel):
    """Passes sorting on to the agenda model, which sorts in Python at once."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, AgendaModel):
            source.sort(column, order)


class _AgendaTable(QTableView):
    """The table: Enter opens the current post, drags carry the post under the mouse."""

    def __init__(self, view: AgendaView) -> None:
        super().__init__(view)
        self._view = view
        self.empty_text = ""
        self._anchoring = False

    def selectionCommand(
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        if self._anchoring:  # the current row alone, the selection as it is
            return QItemSelectionModel.SelectionFlag.NoUpdate
        return super().selectionCommand(index, event)

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            # The room the columns share is the viewport's, which settles after the
            # view's own resize (on first showing, or when a scroll bar comes or goes).
            self._view.fit_to_width()
        return handled

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        # A title is read from its start, beside its day: in a narrow window Qt brought
        # the whole title cell into sight, the Date column out of it, at each move to a
        # day and each arrow.
        if index.isValid() and index.column() == AgendaModel.TITLE:
            index = index.sibling(index.row(), AgendaModel.DATE)
        super().scrollTo(index, hint)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        # Home and End go to the first and last post, as in a list (they went to the
        # row's first and last column, which changed nothing in sight); Shift extends.
        action = QAbstractItemView.CursorAction
        if cursorAction in (action.MoveHome, action.MoveEnd):
            rows = self.model().rowCount()
            if rows:
                row = 0 if cursorAction == action.MoveHome else rows - 1
                return self.model().index(row, max(self.currentIndex().column(), 0))
        return super().moveCursor(cursorAction, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self._view.activate_current():
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.selectionModel().hasSelection():
            # As in the month and week (the shortcuts list says so); Shift and an arrow
            # then go on from the current row (the range cleared came back, and one more).
            current = self.currentIndex()
            self.clearSelection()
            # Qt moves its anchor of Shift only with a current row that changes.
            no_update = QItemSelectionModel.SelectionFlag.NoUpdate
            self.selectionModel().setCurrentIndex(QModelIndex(), no_update)
            self._anchoring = True
            try:
                self.setCurrentIndex(current)
            finally:
                self._anchoring = False
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            post_id = index.data(PostIdRole)
            self._view.postActivated.emit(int(post_id))
        else:
            # Double-click on the empty part of the table: a new post on the current day,
            # as on an empty spot of a day in the month (it only went to the day).
            self._view.slotActivated.emit(self._view.current_date(), None)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # ``at`` is in the viewport's coordinates, where rows are hit-tested.
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # The Menu key or Shift+F10: the current row, whatever point Qt gave
            # (it gives one in the table's own coordinates, the header included).
            index = self.currentIndex()
            if index.isValid():
                self.scrollTo(index)
                at = self.visualRect(index).center()
            else:
                at = self.viewport().rect().topLeft()
        else:
            at = self.viewport().mapFromGlobal(event.globalPos())
            index = self.indexAt(at)
        selection = self.selectionModel()
        if index.isValid() and not selection.isRowSelected(index.row(), QModelIndex()):
            flags = QItemSelectionModel.SelectionFlag
            selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        event.accept()
        menu = self._view.build_context_menu()
        menu.exec(self.viewport().mapToGlobal(at))
        menu.deleteLater()

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        current = self.currentIndex()
        if current.isValid():
            self._view.model.drag_anchor = int(current.data(PostIdRole))
        drag_selected_rows(self, supportedActions)
        self._view.session.dragEnded.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            color = self.palette().color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(color)
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
            painter.end()


TITLE_ROOM = 220
"""The width the Title column keeps before the others shrink for it."""


SORT_KEYS = ("&Date", "T&ime", "&Title", "C&hannel", "&Key messages", "C&ampaign", "&Status")
"""The columns as the Sort by menu names them, each with its key."""


class AgendaView(QWidget):
    """A month of posts as a table: sortable, multi-select, with a bulk "Set status".

    The period is the month holding :meth:`current_date`; :meth:`step` moves by
    a month. Rows come from :class:`AgendaModel` (only that month's posts)
    through a QSortFilterProxyModel that hands sorting to the model (a Python
    sort on precomputed keys); clicking a header sorts by that column (the
    Date column by date, then time).
    """

    periodChanged = Signal()
    postActivated = Signal(int)
    slotActivated = Signal(object, object)
    """A new post asked for on a day (a double-click below the rows), at no time."""
    selectionChanged = Signal()

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._current = session.today()
        self._moving_current = False
        self.setObjectName("agendaView")
        self.setAccessibleName("Agenda")

        self.model = AgendaModel(session, self)
        # Behind the month view (a page of the main window's stack), the agenda
        # does not follow every change: it catches up when it is shown.
        self.model.defer_while_hidden(self)
        # The current row's post gone from the rows (filtered out, set to a status they
        # hide, deleted), Qt makes a row beside it current: no move of the user's day
        # (N then wrote on the 29th, not today). Told before the proxy hears of it, and
        # after it has, the rows' changes are set apart from the user's moves.
        self._rows_changing = False
        model = self.model
        for before in (model.rowsAboutToBeRemoved, model.modelAboutToBeReset):
            before.connect(partial(self._set_rows_changing, True))
        self.proxy = _AgendaProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        for after in (model.rowsRemoved, model.modelReset):
            after.connect(partial(self._set_rows_changing, False))

        self.summary = QLabel(self)
        self.summary.setObjectName("agendaSummary")
        self.add_edit_entries: Callable[[QMenu], None] | None = None
        """Cut, Copy, Paste and Delete for the context menu, given by the window."""
        # The window's entries for the menu of no post (New Post, Paste).
        self.add_blank_entries: Callable[[QMenu], None] | None = None
        # The status actions belong to the view. The button's menu shows them, and each
        # context menu shows them in a submenu of its own: added with addMenu, the shared
        # menu would be tied (for PySide) to the context menu, and deleting that after
        # use would leave these actions dead to Python.
        self.status_menu = QMenu("Set &status", self)
        self.status_menu.setAccessibleName(STATUS_MENU_NAME)
        self.status_actions: dict[PostStatus, QAction] = {}
        statuses = QActionGroup(self)  # choices, the picked posts' own marked
        statuses.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for status in PostStatus:
            action = QAction(f"&{status_label(status)}", self)
            action.setCheckable(True)
            statuses.addAction(action)
            self.status_menu.addAction(action)
            action.setObjectName(f"setStatus_{status.value}")
            action.triggered.connect(lambda _=False, s=status: self.set_status(s))
            self.status_actions[status] = action
        self.status_menu.aboutToShow.connect(self._mark_status)
        # The table is made first: it stands for the view in the window's chain, and a
        # button made before it came before it there (Tab from the table went past it).
        self.table = _AgendaTable(self)
        self.table.setObjectName("agendaTable")
        self.table.setAccessibleName("Agenda posts")
        self.status_button = QPushButton("Set status", self)
        self.status_button.setObjectName("setStatusButton")
        self.status_button.setMenu(self.status_menu)
        self.status_button.setAccessibleName(STATUS_MENU_NAME)
        self.status_button.setToolTip(STATUS_MENU_NAME)

        # The arrows move in the table; Tab goes on to the next control, as in a form.
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.proxy)
        # Only the columns with swatches need the (Python) delegate.
        self._swatch_delegate = PlainIconDelegate(self.table)
        for column in (AgendaModel.CHANNEL, AgendaModel.MESSAGES, AgendaModel.CAMPAIGN):
            self.table.setItemDelegateForColumn(column, self._swatch_delegate)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AgendaModel.DATE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(48)
        self._fitting = False
        self._user_widths = False
        header.sectionResized.connect(self._section_resized)
        self._fit_columns()
        session.changed.connect(self._on_session_changed)

        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.status_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._on_selection)
        selection.currentRowChanged.connect(self._on_current_row)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._update_summary)
        # A filter that shows the same number of rows is still said ("(filtered)").
        session.filtersChanged.connect(self._update_summary)
        # A row in sight that a change sorts elsewhere (a status set, a title edited)
        # is followed there: four rows set to Draft left the screen, "4 selected".
        self._current_in_sight = False
        self.proxy.layoutAboutToBeChanged.connect(self._note_current_in_sight)
        self.proxy.layoutChanged.connect(self._keep_current_in_sight)
        self._placed = False
        self._load_period()
        self._move_to_day(self._current, select=False)

    def selected_out_of_sight(self) -> int:
        """How many selected rows are scrolled out of the table's sight."""
        table = self.table
        seen = table.viewport().rect()
        return sum(
            not seen.intersects(table.visualRect(self.proxy.index(row, 0)))
            for row in self.selected_rows()
        )

    def _current_shown(self) -> bool:
        current = self.table.currentIndex()
        return current.isValid() and self.table.viewport().rect().intersects(
            self.table.visualRect(current)
        )

    def _note_current_in_sight(self) -> None:
        self._current_in_sight = self._current_shown()

    def _keep_current_in_sight(self) -> None:
        if self._current_in_sight and not self._current_shown():
            self.table.scrollTo(self.table.currentIndex())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.catch_up()
        current = self.table.currentIndex()
        if not self._placed and current.isValid():
            # Shown the first time: the current day first, at the size the table now
            # has; shown again (from another view), where the user left it.
            self._placed = True
            self.table.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtTop)
            # Up and down only: before the window's layout settles the columns are not at
            # their widths, and a narrow window opened scrolled sideways to its end (the
            # date, time and title out of sight).
            self.table.horizontalScrollBar().setValue(0)

    def fit_to_width(self) -> None:
        """The columns to the table's width: the title keeps its room in a narrow
        window; widths the user set stay."""
        if self._user_widths:
            self._place_title()
        else:
            self._fit_columns()

    # -- the period interface ---------------------------------------------

    def current_date(self) -> date:
        """The keyboard-selected day: that of the current row, or the day last set."""
        return self._current

    def layout_state(self) -> QByteArray:
        """The table's column widths, order and sort, as the user left them."""
        return self.table.horizontalHeader().saveState()

    def restore_layout_state(self, state: QByteArray) -> None:
        """Column widths, order and sort as :meth:`layout_state` kept them (the table
        built anew, as a calendar is read again, went back to its first sort)."""
        header = self.table.horizontalHeader()
        if header.restoreState(state):
            self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def set_current_date(self, day: date) -> None:
        """Make ``day`` current, loading its month if needed; the first post on it
        becomes the current row, selecting nothing (Today, or the next month, selected
        a post the user never chose, for Delete to delete unasked, as the month's do
        not)."""
        first, last = self.visible_range()
        before, self._current = self._current, day
        if not first <= day <= last:
            try:
                self._load_period()
            except Exception:  # a month that will not read: the view stays where it was
                self._current = before
                raise
        self._move_to_day(day, select=False)

    def step(self, direction: int) -> None:
        self.set_current_date(add_months(self._current, direction))

    def period_title(self) -> str:
        return month_title(self._current)  # the view switch says it is the agenda

    def visible_range(self) -> tuple[date, date]:
        return self.model.date_range()

    def selected_rows(self) -> list[int]:
        """The rows selected, in the order shown, read from the selection's ranges
        (whole rows: the table selects rows): ``selectedRows`` asks the model of each
        cell of each row, a third of a second for a month of 6,000 posts."""
        rows: set[int] = set()
        selection = self.table.selectionModel().selection()
        for at in range(selection.count()):
            picked = selection.at(at)
            if picked.isValid() and not picked.parent().isValid():
                rows.update(range(picked.top(), picked.bottom() + 1))
        return sorted(rows)

    def selected_post_ids(self) -> list[int]:
        """The selected posts, in the order shown."""
        proxy = self.proxy
        return [int(proxy.index(row, 0).data(PostIdRole)) for row in self.selected_rows()]

    def selected_posts(self) -> list[Post]:
        """The selected posts as the view shows them (not as the file may hold them now)."""
        found = (self.model.post(i) for i in self.selected_post_ids())
        return [post for post in found if post is not None]

    # -- hit-testing and helpers --------------------------------------------

    def shown_count(self) -> int:
        """How many posts the agenda lists (those the filters let through)."""
        return self.proxy.rowCount()

    def shown_post_ids(self) -> list[int]:
        """Every row's post id, in the order shown (after sorting)."""
        return [
            int(self.proxy.index(row, 0).data(PostIdRole)) for row in range(self.proxy.rowCount())
        ]

    def proxy_index(self, post_id: int, column: int = 0) -> QModelIndex:
        row = self.model.row_of(post_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, column))

    def select_posts(self, post_ids: list[int], *, keep_away: bool = False) -> None:
        """Select these posts' rows (those shown: a row out of the period has no place
        to be selected in, ``keep_away`` or not); the first becomes current."""
        indexes = [i for i in map(self.proxy_index, post_ids) if i.isValid()]
        model = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        rows = rows_selection(self.proxy, (index.row() for index in indexes))
        model.select(rows, flags.ClearAndSelect | flags.Rows)
        if indexes:
            model.setCurrentIndex(indexes[0], flags.NoUpdate)

    def selection_origin(self) -> date | None:
        """Rows are picked one by one here: a paste lines up the earliest post."""
        return None

    def focused_post(self) -> int | None:
        """The post of the current row (the one Enter opens), if any."""
        index = self.table.currentIndex()
        return int(index.data(PostIdRole)) if index.isValid() else None

    def activate_current(self) -> bool:
        post_id = self.focused_post()
        if post_id is None:
            return False
        self.postActivated.emit(post_id)
        return True

    # -- bulk status ---------------------------------------------------------

    def set_status(self, status: PostStatus) -> bool:
        """Give every selected post ``status``: one undo step. False when nothing changes."""
        return set_posts_status(self.session, self, self.selected_post_ids(), status)

    # -- internals ------------------------------------------------------------

    def _fit_columns(self) -> None:
        """Column widths from the font and the names, not from the rows: measuring
        rows (ResizeToContents) costs a Python call per cell on every change."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        pad = 24
        sort_arrow = 22

        def wide(texts: list[str], extra: int = 0) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts) + pad + extra

        # A week of two-digit days in December: the widest day and month numbers.
        dates = [locale_day(date(2026, 12, 21 + i)) for i in range(7)]
        names = [c.name for c in self.session.channels(include_archived=True)] or ["Channel"]
        widths = {
            AgendaModel.DATE: wide(dates),
            AgendaModel.TIME: wide([clock_text(time(h, 0)) for h in (0, 10, 12, 22)]),
            AgendaModel.CHANNEL: min(wide(names, 18), 200),
            AgendaModel.MESSAGES: 230,
            AgendaModel.CAMPAIGN: 150,
            AgendaModel.STATUS: wide([status_label(s) for s in PostStatus]),
        }
        widths = {
            column: max(width, wide([AgendaModel.HEADERS[column]], sort_arrow))
            for column, width in widths.items()
        }
        # The title is what a row is about: in a narrow window the key messages and the
        # campaign give up width (down to a floor) before it goes under TITLE_ROOM.
        short = TITLE_ROOM - (self.table.viewport().width() - sum(widths.values()))
        # In a wide window the key messages have room too, up to twice theirs: at 2560
        # pixels they were cut on a row in five, the title's column mostly empty.
        spare = -short - 2 * TITLE_ROOM
        if spare > 0:
            widths[AgendaModel.MESSAGES] += min(spare // 2, widths[AgendaModel.MESSAGES])
        for column, floor in ((AgendaModel.MESSAGES, 120), (AgendaModel.CAMPAIGN, 90)):
            # Never narrower than its header ("ey message" at 14pt).
            floor = max(floor, wide([AgendaModel.HEADERS[column]], sort_arrow))
            if short > 0:
                give = min(short, max(widths[column] - floor, 0))
                widths[column] -= give
                short -= give
        self._fitting = True
        try:
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False
        self._place_title()

    def _place_title(self) -> None:
        """The title takes all the width the other columns leave, but never less than
        TITLE_ROOM: below that it keeps its room and the columns after it scroll."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != AgendaModel.TITLE)
        cramped = self.table.viewport().width() - others < TITLE_ROOM
        mode = QHeaderView.ResizeMode.Interactive if cramped else QHeaderView.ResizeMode.Stretch
        header.setSectionResizeMode(AgendaModel.TITLE, mode)
        if cramped:
            header.resizeSection(AgendaModel.TITLE, TITLE_ROOM)

    def _section_resized(self, column: int, old: int, new: int) -> None:
        if not self._fitting and column != AgendaModel.TITLE:
            self._user_widths = True  # dragged by the user: a resize keeps them

    def _on_session_changed(self, changes: ChangeSet) -> None:
        if changes.channels:  # a channel's name may need another width
            self.fit_to_width()

    def _load_period(self) -> None:
        first, last = this_month(self._current)
        self.model.set_range(first, last)
        self.session.set_visible_range(first, last)
        self._update_summary()
        self.periodChanged.emit()

    def _move_to_day(self, day: date, *, select: bool = True) -> None:
        """Make the first row on or after ``day`` current; select it if it is on ``day``."""
        # The proxy passes rows through in the model's order: search in Python.
        target_row: int | None = None
        target_day: date | None = None
        for row, post_id in enumerate(self.model.post_ids()):
            post = self.model.post(post_id)
            if post is None or post.date is None or post.date < day:
                continue
            if target_day is None or post.date < target_day:
                target_row, target_day = row, post.date
        # In the column the cursor is in; first in the title's, which says the whole post
        # to a screen reader (the date's said "Date: Wed 25 Nov" of every post that day).
        column = self.table.currentIndex().column()
        target = (
            self.proxy.mapFromSource(
                self.model.index(target_row, column if column >= 0 else AgendaModel.TITLE)
            )
            if target_row is not None
            else QModelIndex()
        )
        flags = QItemSelectionModel.SelectionFlag
        self._moving_current = True
        try:
            selection = self.table.selectionModel()
            if target.isValid():
                # Another day out of sight comes to the top, its posts and those after
                # it showing; the same day, or one in sight, leaves the user's scroll.
                # (Asked before it is made current: Qt then scrolls it just into sight.)
                moved = self.table.currentIndex().row() != target.row()
                hidden = not self.table.viewport().rect().contains(self.table.visualRect(target))
                if select and target_day == day:
                    selection.setCurrentIndex(target, flags.ClearAndSelect | flags.Rows)
                else:
                    selection.clearSelection()
                    selection.setCurrentIndex(target, flags.NoUpdate)
                if moved and hidden:
                    self.table.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtTop)
            else:
                selection.clearSelection()
        finally:
            self._moving_current = False

    def _set_rows_changing(self, changing: bool, *_: object) -> None:
        self._rows_changing = changing

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._moving_current or self._rows_changing or not current.isValid():
            return
        post = self.model.post_at(self.proxy.mapToSource(current).row())
        if post.date is not None:
            self._current = post.date

    def _on_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._update_summary()
        self.selectionChanged.emit()

    def _update_summary(self, *args: object) -> None:
        count = self.model.rowCount()
        chosen = len(self.selected_rows())
        # Set apart: a Hebrew month's name took the count and "selected" into its run.
        period = isolated(month_title(self._current))
        filtered = " (filtered)" if self.session.filters.active else ""
        text = f"{plural(count, 'post')} in {period}{filtered}"
        if chosen:
            text += f" · {chosen} selected"
        self.summary.setText(text)
        self.status_button.setEnabled(chosen > 0)
        for action in self.status_actions.values():
            action.setEnabled(chosen > 0)
        self.table.empty_text = f"No posts in {period}{filtered}."
        self.table.setAccessibleDescription(
            f"{period}: {plural(count, 'post')}{filtered}, {chosen} selected"
        )

    def _mark_status(self) -> None:
        """Mark the status the picked posts share (asked of the file, not read: a month
        of 800 posts made whole took 15 ms of each menu's opening)."""
        theirs, _ = self.session.store.shared_status(self.selected_post_ids())
        for status, action in self.status_actions.items():
            action.setChecked(status == theirs)

    def build_context_menu(self) -> QMenu:
        """The table's context menu: open the current post, the window's edit actions
        and the status in bulk."""
        menu = QMenu(self)
        open_action = menu.addAction("&Open")
        open_action.setEnabled(self.table.currentIndex().isValid())
        open_action.triggered.connect(self.activate_current)
        menu.addSeparator()
        picked = bool(self.selected_post_ids())
        if picked and self.add_edit_entries is not None:
            self.add_edit_entries(menu)
            menu.addSeparator()
        elif not picked and self.add_blank_entries is not None:
            # No post to cut, copy or delete: a new one, or the posts on the clipboard,
            # as on the month's empty day.
            self.add_blank_entries(menu)
            menu.addSeparator()
        if picked:  # (with none, five greyed statuses, as the month and the week leave
            # them out)
            self._mark_status()
            status_menu = menu.addMenu(self.status_menu.title())
            status_menu.setAccessibleName(self.status_menu.accessibleName())
            status_menu.addActions(list(self.status_actions.values()))
        # The header sorts on a click; this is the keyboard's way (Shift+F10, the Menu
        # key). The column sorted by now sorts the other way round.
        header = self.table.horizontalHeader()
        sort_menu = menu.addMenu("Sort &by")
        chosen = QActionGroup(sort_menu)  # one column at a time, shown as such
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        for shown in range(header.count()):  # in the order the columns are shown
            column = header.logicalIndex(shown)
            name = SORT_KEYS[column]
            now = header.sortIndicatorSection() == column
            way = ", ascending" if ascending else ", descending"
            action = sort_menu.addAction(name + (way if now else ""))
            action.setCheckable(True)
            action.setChecked(now)
            chosen.addAction(action)
            order = Qt.SortOrder.AscendingOrder
            if now and ascending:
                order = Qt.SortOrder.DescendingOrder
            action.triggered.connect(partial(self.table.sortByColumn, column, order))
        return menu


__all__ = ["AgendaView"]
