"""The backlog: undated posts (ideas) to drag onto days, and the place to drop posts
that should be unscheduled."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..core.models import ChangeSet, Post, PostStatus, isolated, one_line
from ..core.search import SearchQuery
from ..render.chips import accent, mark_pen, paint_focus_ring, seen_on
from . import accessible
from .dnd import drag_selected_rows, drop_action, drop_posts, pass_files_on, wants_copy
from .post_model import BacklogModel, PostIdRole, PostRole, rows_selection, status_label
from .session import SEARCH_PAUSE_MS, CalendarSession

Index = QModelIndex | QPersistentModelIndex


def _ideas(count: int) -> str:
    return f"{count} idea{'s' if count != 1 else ''}"


class BacklogSearch(QSortFilterProxyModel):
    """Keeps the posts whose title, body and notes hold every word and piece of the
    search text, case and accents aside, as the window's search reads it
    (:meth:`.CalendarStore.search_ids`), each word anywhere in the text.

    The calendar's search index finds them once a search text is typed, and again
    after each change of the backlog (an idea retitled, added, brought back): the
    ideas are not read one by one (folding 50,000 ideas' texts held the first key
    typed for two seconds)."""

    def __init__(self, session: CalendarSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._text = ""
        self._query = SearchQuery.of("")
        self._found: frozenset[int] = frozenset()
        # Before the list's model hears of a change (mostly: the window's own search
        # changes the filters before the change is told): the rows it then adds or
        # changes are filtered on what the search finds in the calendar as it now is.
        session.changed.connect(self._calendar_changed)
        session.filtersChanged.connect(self._find_again)

    def set_text(self, text: str) -> None:
        text = text.strip()
        if text == self._text:
            return
        query = SearchQuery.of(text)
        found = self._session.store.search_ids(text) if query else frozenset()
        self._filter_again(text, query, found)

    def _filter_again(self, text: str, query: SearchQuery, found: frozenset[int]) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._text, self._query, self._found = text, query, found
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._text, self._query, self._found = text, query, found
            self.invalidateRowsFilter()

    def _find_again(self) -> None:
        """What the search finds, read again; the list filtered again when an idea now
        matches or no longer does (its row may have been filtered on what it found
        before)."""
        if not self._query:
            return
        found = self._session.store.search_ids(self._text)
        if found != self._found:
            self._filter_again(self._text, self._query, found)

    def text(self) -> str:
        """The search text, when it looks for anything (not "#" alone)."""
        return self._text if self._query else ""

    def _calendar_changed(self, changes: ChangeSet) -> None:
        # Heard before the list's model: it filters the rows it changes on these finds,
        # so no row needs filtering again here (all of them took a quarter of a second
        # in a backlog of 50,000 ideas).
        if self._query and (changes.backlog or changes.calendar):
            self._found = self._session.store.search_ids(self._text)

    def listed_ids(self, ids: list[int]) -> list[int]:
        """Of the source's ``ids`` (in its row order), those this lists, in its order:
        read without asking each row (54,000 ideas picked took a second a menu)."""
        if not self._query:
            return ids
        found = self._found
        return [post_id for post_id in ids if post_id in found]

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._query:
            return True
        source = self.sourceModel()
        assert isinstance(source, BacklogModel)
        return source.post_at(source_row).id in self._found


def _new_key(event: QEvent) -> bool:
    """Whether ``event`` is N alone, the window's key for a new post."""
    return (
        isinstance(event, QKeyEvent)
        and event.key() == Qt.Key.Key_N
        and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    )


class BacklogDelegate(QStyledItemDelegate):
    """Two lines per idea: a channel-coloured bar and the title; then the channel,
    the status when it is not "idea", and one dot per key message."""

    PAD = 6
    BAR = 4

    def __init__(self, session: CalendarSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def _small(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.88, 6.0))
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        font = option.font
        height = QFontMetrics(font).height() + QFontMetrics(self._small(font)).height()
        return QSize(200, height + 3 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        post: Post | None = index.data(PostRole)
        if post is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = palette.color(text_role)
        dim = QColor(text_color)
        dim.setAlphaF(0.68)

        channel = self.session.channel(post.channel_id)
        pad = self.PAD
        bar = QRectF(rect.left() + pad, rect.top() + pad, self.BAR, rect.height() - 2 * pad)
        painter.setPen(mark_pen(selected, text_color, edge=False))
        base = palette.color(QPalette.ColorRole.Base)
        painter.setBrush(seen_on(QColor(channel.color), base))
        painter.drawRoundedRect(bar, 2, 2)

        left = int(bar.right()) + pad + 2
        font: QFont = opt.font
        small = self._small(font)
        metrics = QFontMetrics(font)
        small_metrics = QFontMetrics(small)
        width = rect.right() - pad - left
        title_rect = QRect(left, rect.top() + pad, width, metrics.height())
        painter.setFont(font)
        painter.setPen(text_color)
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(isolated(one_line(post.title)), Qt.TextElideMode.ElideRight, width),
        )

        # Second line: message dots on the right, channel (and status) on the left.
        line_top = title_rect.bottom() + 1 + pad // 2
        line_height = small_metrics.height()
        dot = 8.0
        gap = 3.0
        x = float(rect.right() - pad)
        painter.setPen(mark_pen(selected, text_color))
        for message_id in reversed(post.message_ids):
            x -= dot
            painter.setBrush(seen_on(QColor(self.session.key_message(message_id).color), base))
            painter.drawEllipse(QRectF(x, line_top + (line_height - dot) / 2, dot, dot))
            x -= gap
        label = isolated(channel.name)
        if post.status != PostStatus.IDEA:
            label += f" · {status_label(post.status).lower()}"
        painter.setFont(small)
        painter.setPen(dim)
        label_width = max(int(x) - left - pad, 0)
        painter.drawText(
            QRect(left, line_top, label_width, line_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small_metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width),
        )
        if opt.state & QStyle.StateFlag.State_HasFocus:
            paint_focus_ring(painter, QRectF(rect), palette, selected, text_color)
        painter.restore()


class _BacklogList(QListView):
    """The list: drags out carry the post under the mouse; drops in unschedule."""

    def __init__(self, panel: BacklogPanel) -> None:
        super().__init__(panel)
        self._panel = panel
        self.drop_hint = False

    def select_current(self) -> None:
        """With nothing selected, the idea the keyboard is on is the selection, so that
        Cut, Copy, Delete and Edit act on what the user sees focused."""
        current = self.currentIndex()
        chooser = self.selectionModel()
        if current.isValid() and not chooser.hasSelection():
            chooser.select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.select_current()
        self.viewport().update()  # an empty list's frame says it has the keyboard

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def _accepts(self, event: QDragMoveEvent) -> bool:
        action = drop_action(self._panel.session, event)
        if action is None:
            return False
        event.setDropAction(action)
        event.accept()
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            self._set_hint(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._accepts(event):
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_hint(False)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hint(False)
        copy = wants_copy(event.modifiers())
        landed = drop_posts(self._panel.session, self._panel, event.mimeData(), None, copy=copy)
        if landed:
            event.setDropAction(drop_action(self._panel.session, event) or Qt.DropAction.MoveAction)
            event.accept()
            self._panel.select_posts(landed)
        else:
            event.ignore()

    def _set_hint(self, on: bool) -> None:
        if on != self.drop_hint:
            self.drop_hint = on
            self.viewport().update()

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        current = self.currentIndex()
        if current.isValid():
            self._panel.model.drag_anchor = int(current.data(PostIdRole))
        drag_selected_rows(self, supportedActions)
        self._panel.session.dragEnded.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self._panel.postActivated.emit(int(index.data(PostIdRole)))
        else:
            self._panel.newIdeaRequested.emit()  # double-click on the empty list: a new idea
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _new_key(event):
            event.accept()  # N here is the list's: the window's New Post waits
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _new_key(event):
            # A new idea here (the window's N opened a post dated on the calendar's day,
            # out of the list the keyboard was in); Edit > New Post… still writes one.
            self._panel.newIdeaRequested.emit()
            event.accept()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.currentIndex().isValid():
            self._panel.postActivated.emit(int(self.currentIndex().data(PostIdRole)))
            event.accept()
            return
        chooser = self.selectionModel()
        if event.key() == Qt.Key.Key_Escape and chooser is not None and chooser.hasSelection():
            chooser.clearSelection()  # as in the views: Cut and Delete then take none
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        empty = model is not None and model.rowCount() == 0
        if not (empty or self.drop_hint):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.viewport().rect()).adjusted(4.5, 4.5, -4.5, -4.5)
        if self.drop_hint:
            highlight = self.palette().color(QPalette.ColorRole.Highlight)
            pen = QPen(highlight, 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            fill = QColor(highlight)
            fill.setAlpha(28)
            painter.setBrush(fill)
            painter.drawRoundedRect(area, 6, 6)
        if empty and self.hasFocus() and not self.drop_hint:
            # An empty list taking the keyboard (a cut post to paste back) showed no
            # sign of it: its frame, as a row the keyboard is on has its ring.
            painter.setPen(QPen(accent(self.palette()), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(area, 6, 6)
        if empty:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                area.adjusted(8, 8, -8, -8),
                int(
                    Qt.AlignmentFlag.AlignHCenter
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap
                ),
                self._panel.empty_text(),
            )
        painter.end()


SEARCH_AT_ONCE = 2000
"""The most ideas the backlog's search filters at each key; beyond, once typing pauses."""


class BacklogPanel(QWidget):
    """The undated posts: searchable, dragged onto days; posts dropped here are unscheduled.

    The list honours the session's filters; the search field narrows it further, by
    the words of the title, body or notes, as the window's search reads them.
    """

    postActivated = Signal(int)
    newIdeaRequested = Signal()
    selectionChanged = Signal()
    hiddenBySearch = Signal(int)
    """Posts just placed in the backlog that its search hides (how many)."""

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("backlogPanel")
        self.setAccessibleName("Backlog")

        self.proxy = BacklogSearch(session, self)  # first: see its changes
        self.model = BacklogModel(session, self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel(self)
        self.title.setObjectName("backlogTitle")
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.new_button = QPushButton("+ Idea", self)
        self.new_button.setObjectName("newIdeaButton")
        self.new_button.setAccessibleName("New idea")
        self.new_button.setToolTip("Add an idea to the backlog")
        self.new_button.clicked.connect(self.newIdeaRequested)

        self.search = QLineEdit(self)
        self.search.setObjectName("backlogSearch")
        self.search.setPlaceholderText("Search ideas")
        self.search.setAccessibleName("Search the backlog")
        self.search.setClearButtonEnabled(True)
        self._search_pause = QTimer(self)
        self._search_pause.setSingleShot(True)
        self._search_pause.setInterval(SEARCH_PAUSE_MS)
        self._search_pause.timeout.connect(self._search_now)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        pass_files_on(self.search)

        self.list = _BacklogList(self)
        self.list.setObjectName("backlogList")
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(BacklogDelegate(session, self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        # No focus proxy: Qt would move the list to the front of the Tab chain, ahead
        # of the button and the search box. Tab goes through them in reading order.

        self.list.selectionModel().selectionChanged.connect(self._on_selection)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.proxy.rowsRemoved.connect(self._on_current)  # the selected idea went
        for model in (self.model, self.proxy):
            model.rowsInserted.connect(self._update_title)
            model.rowsRemoved.connect(self._update_title)
            model.modelReset.connect(self._update_title)
            model.layoutChanged.connect(self._update_title)
        session.filtersChanged.connect(self._update_title)
        # An idea in sight moved by its order (retitled, by title): followed, in sight.
        self._current_in_sight = False
        self.proxy.layoutAboutToBeChanged.connect(self._note_current_in_sight)
        self.proxy.layoutChanged.connect(self._keep_current_in_sight)
        # An idea the filters hide, added or deleted, changes no row: the total does.
        session.changed.connect(self._ideas_changed)
        self._update_title()

    # -- what callers use ---------------------------------------------------

    def selected_post_ids(self) -> list[int]:
        """The ideas picked, top to bottom, read from the selection's ranges (asking
        each row of 54,000 ideas picked with Ctrl+A took a second, at each menu)."""
        rows: set[int] = set()
        selection = self.list.selectionModel().selection()
        for at in range(selection.count()):
            picked = selection.at(at)
            if picked.isValid():
                rows.update(range(picked.top(), picked.bottom() + 1))
        listed = self.proxy.listed_ids(self.model.post_ids())
        if len(listed) != self.proxy.rowCount():  # (the list not yet told of a change)
            return [int(self.proxy.index(row, 0).data(PostIdRole)) for row in sorted(rows)]
        return [listed[row] for row in sorted(rows)]

    def _on_current(self) -> None:
        if self.list.hasFocus():
            self.list.select_current()

    def select_posts(self, post_ids: list[int], *, placed: bool = True) -> None:
        """Select these ideas where they are listed (none when none is: the search hides
        them), scroll to them and focus the list. Those just ``placed`` here that only
        the search hides are said (:attr:`hiddenBySearch`)."""
        rows: list[int] = []
        unlisted = []
        for post_id in post_ids:
            index = self.index_of(post_id)
            if index.isValid():
                rows.append(index.row())
            else:
                unlisted.append(post_id)
        if placed and unlisted and self.search.text().strip():
            filters = self.session.filters
            hidden = sum(filters.accepts(post) for post in self.session.posts(unlisted))
            if hidden:  # the filters hide the others, as the session says
                self.hiddenBySearch.emit(hidden)
        chooser = self.list.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        if not rows:
            chooser.clearSelection()
            return
        chooser.select(rows_selection(self.proxy, rows), flags.ClearAndSelect | flags.Rows)
        first = self.proxy.index(rows[0], 0)
        chooser.setCurrentIndex(first, flags.NoUpdate)
        self.list.scrollTo(first)
        self.list.setFocus()

    def show_current(self) -> None:
        """Scroll the idea the keyboard is on (else the first picked) into sight."""
        current = self.list.currentIndex()
        if not current.isValid():
            picked = self.list.selectionModel().selectedIndexes()
            current = min(picked, key=lambda i: i.row()) if picked else current
        if current.isValid():
            self.list.scrollTo(current)

    def _note_current_in_sight(self) -> None:
        current = self.list.currentIndex()
        self._current_in_sight = current.isValid() and self.list.viewport().rect().intersects(
            self.list.visualRect(current)
        )

    def _keep_current_in_sight(self) -> None:
        if self._current_in_sight:
            self.show_current()

    def shown_post_ids(self) -> list[int]:
        """The ideas listed (after filters and search), top to bottom."""
        listed = self.proxy.listed_ids(self.model.post_ids())
        if len(listed) == self.proxy.rowCount():
            return listed
        return [
            int(self.proxy.index(row, 0).data(PostIdRole)) for row in range(self.proxy.rowCount())
        ]

    def index_of(self, post_id: int) -> QModelIndex:
        """The list's index of a post, invalid when it is not shown."""
        row = self.model.row_of(post_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row))

    def title_text(self) -> str:
        return self.title.text()

    def empty_text(self) -> str:
        if self.proxy.text():
            typed = self.search.text().strip()
            filters = self.session.filters
            hiding = [
                *(["filters"] if filters.active_besides_search else []),
                *(["search"] if filters.search_hits is not None else []),
            ]
            if hiding:  # (an idea may match that they hide)
                by = " and ".join(hiding)
                show = "shows" if hiding == ["search"] else "show"
                return f"No idea matches “{typed}” among those the window's {by} {show}."
            return f"No idea matches “{typed}”."
        if self.session.filters.active and self.session.has_ideas():
            return "No idea passes the filters."
        paste = QKeySequence(QKeySequence.StandardKey.Paste).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        return (
            "No ideas yet. Drag a post here to unschedule it (or cut it and paste it"
            f" here, {paste}), or add an idea."
        )

    # -- internals ------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        # Each key searched the whole calendar and filtered every idea: with a large
        # backlog, the search waits for typing to pause (a second a key at 40,000).
        if self.session.count_ideas() > SEARCH_AT_ONCE and text:
            self._search_pause.start()
        else:
            self._search_pause.stop()
            self._search_now()

    def _search_now(self) -> None:
        self.proxy.set_text(self.search.text())
        self._update_title()

    def _on_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self.selectionChanged.emit()

    def _ideas_changed(self, changes: ChangeSet) -> None:
        if changes.backlog or changes.calendar:
            self._update_title()

    def _update_title(self, *args: object) -> None:
        # Of all the ideas: the window's filters and search hide some too (it said
        # "1 idea" of 8 as if the backlog held no more).
        total = self.session.count_ideas()
        shown = self.proxy.rowCount()
        if shown != total:
            text = f"Backlog · {shown} of {_ideas(total)}"
        else:
            text = f"Backlog · {_ideas(total)}"
        self.title.setText(text)
        self.list.setAccessibleName(text)
        # What the search finds, said with the field (Enter says it again, or goes to it).
        self.search.setAccessibleDescription(
            (self.empty_text() if not shown else text.replace("Backlog · ", ""))
            if self.proxy.text()
            else ""
        )
        self.list.setAccessibleDescription(
            "Undated posts. Drag one onto a day to schedule it, or cut it (Ctrl+X) and"
            " paste it on a day (Ctrl+V); drop or paste a post here to unschedule it."
            " Enter opens the selected idea."
        )
        if self.list.isVisible():  # the empty-list hint; nothing to repaint before the first show
            self.list.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if (event.key() == Qt.Key.Key_Down or enter) and self._search_pause.isActive():
                self._search_pause.stop()  # what was typed, searched before going on
                self._search_now()
            if (event.key() == Qt.Key.Key_Down or enter) and self.proxy.rowCount():
                self.list.setFocus()
                if not self.list.currentIndex().isValid():
                    self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
            if enter:  # nothing found: said (it was only painted, and Enter did nothing)
                accessible.announce(self.search, self.search.accessibleDescription())
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)


__all__ = ["BacklogDelegate", "BacklogPanel", "BacklogSearch"]
