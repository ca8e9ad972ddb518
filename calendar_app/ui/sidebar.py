"""The sidebar: the key messages with their cadence badges, and the channels to show or hide."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..render.cadence_strip import StripColors, status_pill
from ..render.chips import mark_pen, mix, paint_focus_ring, seen_on
from .post_model import (
    BadgeRole,
    CadenceTextRole,
    ChannelListModel,
    IdRole,
    KeyMessageListModel,
    ShortWordingRole,
    StatusRole,
    TickingRowDelegate,
)
from .session import CalendarSession

Index = QModelIndex | QPersistentModelIndex


def pill_colors(status: str, palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """The badge's fill, outline and words: the cadence panel's (:func:`status_pill`),
    on ``palette``'s colours; on its window's where the list's base is see-through
    (the sidebar's: read as black, it took the dark theme's colours)."""
    base = _pill_background(palette)
    text, highlight = QPalette.ColorRole.Text, QPalette.ColorRole.Highlight
    key = (palette.color(text).rgba(), palette.color(highlight).rgba(), base.rgba())
    colors = _STRIP_COLORS.get(key)
    if colors is None:
        opaque = QPalette(palette)
        opaque.setColor(QPalette.ColorRole.Base, base)
        colors = _STRIP_COLORS[key] = StripColors.from_palette(opaque)
    return status_pill(status, colors)


def _pill_background(palette: QPalette) -> QColor:
    """What a badge lies on: the list's base, its window's where the base is see-through."""
    base = palette.color(QPalette.ColorRole.Base)
    return base if base.alpha() == 255 else palette.color(QPalette.ColorRole.Window)


_STRIP_COLORS: dict[tuple[int, ...], StripColors] = {}
"""The colours each palette painted with (a badge is in every row painted)."""


def _left_of(badge: QRect, line: QRect) -> int:
    """The width the cadence has on ``line``, left of the ``badge``."""
    return max(badge.left() - 8 - line.left(), 0)


class MessageDelegate(QStyledItemDelegate):
    """A key message row: colour dot, title, "every N days" under it, and a badge pill."""

    PAD = 6
    DOT = 10

    @staticmethod
    def badge_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.85, 6.0))
        small.setWeight(QFont.Weight.DemiBold)
        return small

    @staticmethod
    def small_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.88, 6.0))
        return small

    def _lines(self, option: QStyleOptionViewItem) -> tuple[QRect, QRect]:
        """The title line and the second line (cadence, badge) of a row."""
        rect: QRect = option.rect
        font: QFont = option.font
        title_height = QFontMetrics(font).height()
        second_height = max(
            QFontMetrics(self.small_font(font)).height(),
            QFontMetrics(self.badge_font(font)).height() + 4,
        )
        pad = self.PAD
        left = rect.left() + pad + self.DOT + 8
        width = rect.right() - pad - left + 1
        title = QRect(left, rect.top() + pad, width, title_height)
        second = QRect(left, title.bottom() + 1 + pad // 2, width, second_height)
        return title, second

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title, second = self._lines(option)
        return QSize(220, title.height() + second.height() + 2 * self.PAD + self.PAD // 2)

    def badge_for(self, option: QStyleOptionViewItem, index: Index) -> str:
        """The pill's text: "overdue by 13 days", or where the cadence beside it would
        be cut ("every…", in a large font) "overdue 13 d", as the cadence panel says it."""
        return self._badge(option, index)[0]

    def cadence_for(self, option: QStyleOptionViewItem, index: Index) -> str:
        """The cadence as the row has room for it: "every 14 days", "every 14 d", then
        "14 d" ("every 1…" hid the number), cut only when even that has no room."""
        _, second = self._lines(option)
        return self._cadence(option, index, _left_of(self._badge(option, index)[1], second))

    def _cadence(self, option: QStyleOptionViewItem, index: Index, width: int) -> str:
        metrics = QFontMetrics(self.small_font(option.font))
        cadence = str(index.data(CadenceTextRole) or "")
        if metrics.horizontalAdvance(cadence) > width:
            cadence = str((index.data(ShortWordingRole) or ("", cadence))[1])
        if metrics.horizontalAdvance(cadence) > width:
            cadence = "daily" if cadence == "every day" else cadence.removeprefix("every ")
        return metrics.elidedText(cadence, Qt.TextElideMode.ElideRight, width)

    def badge_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        """Where the badge pill is painted inside the row: right end of the second line."""
        return self._badge(option, index)[1]

    def _badge(self, option: QStyleOptionViewItem, index: Index) -> tuple[str, QRect]:
        """The pill's text (see :meth:`badge_for`) and where it is painted."""
        _, second = self._lines(option)
        metrics = QFontMetrics(self.badge_font(option.font))
        text = str(index.data(BadgeRole) or "")
        short, _ = index.data(ShortWordingRole) or ("", "")
        if short and short != text:
            cadence = str(index.data(CadenceTextRole) or "")
            room = second.width() - metrics.horizontalAdvance(text) - 16 - 8
            if QFontMetrics(self.small_font(option.font)).horizontalAdvance(cadence) > room:
                text = short
        if not text:
            return text, QRect(second.right(), second.top(), 0, 0)
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 4
        top = second.top() + (second.height() - height) // 2
        return text, QRect(second.right() - width + 1, top, width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if widget is not None:
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget
            )
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        dim = QColor(text_color)
        dim.setAlphaF(1.0 if selected else 0.7)  # faded on the highlight, it was unreadable
        font: QFont = opt.font
        small = self.small_font(font)
        metrics = QFontMetrics(font)
        title_line, second_line = self._lines(opt)

        painter.setPen(mark_pen(selected, text_color))
        painter.setBrush(self._color(index))
        dot_top = title_line.top() + (title_line.height() - self.DOT) / 2
        painter.drawEllipse(QRectF(rect.left() + self.PAD + 0.5, dot_top, self.DOT, self.DOT))

        painter.setFont(font)
        painter.setPen(text_color)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            title_line,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_line.width()),
        )

        text, badge = self._badge(opt, index)
        if text:
            fill, outline, ink = pill_colors(str(index.data(StatusRole) or ""), palette)
            bordered = outline != fill
            if fill.alpha() < 255:  # a tint, laid on the list's own background: on the
                # selection's blue it read at 1.7:1
                fill = mix(_pill_background(palette), fill, fill.alphaF())
            painter.setPen(QPen(outline, 1) if bordered else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            pill = QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(ink)
            painter.setFont(self.badge_font(font))
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)

        painter.setFont(small)
        painter.setPen(dim)
        width = _left_of(badge, second_line)
        painter.drawText(  # the badge measured once (it is in every row painted)
            QRect(second_line.left(), second_line.top(), width, second_line.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self._cadence(opt, index, width),
        )
        if opt.state & QStyle.StateFlag.State_HasFocus:
            paint_focus_ring(painter, QRectF(rect), palette, selected, text_color)
        painter.restore()

    def _color(self, index: Index) -> QColor:
        model = index.model()
        if isinstance(model, KeyMessageListModel):
            message_id = index.data(IdRole)
            if message_id is not None:
                color = QColor(model.session.key_message(int(message_id)).color)
                return seen_on(color, QGuiApplication.palette().color(QPalette.ColorRole.Base))
        return QColor(Qt.GlobalColor.gray)


class ChannelDelegate(TickingRowDelegate):
    """A channel row; a click anywhere on the row (not only the box) toggles it."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        # The list is transparent (its palette's Base); the check box keeps the usual fill.
        palette = option.palette
        palette.setColor(
            QPalette.ColorRole.Base, QGuiApplication.palette().color(QPalette.ColorRole.Base)
        )
        option.palette = palette

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


class _FitList(QListView):
    """A list as tall as its rows (up to what the sidebar can give it)."""

    KEPT_ROWS = 0
    """Rows the list keeps in sight however short the window (0: a scrap of one)."""

    empty_text = ""
    """Said in the list while it has no rows (a heading over blank space looked broken),
    painted and as its description (a screen reader heard how to use rows it had not)."""

    _described = ""

    def describe(self, text: str) -> None:
        """The list's description while it has rows."""
        self._described = text
        self._follow_rows()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                signal.connect(self._follow_rows)
        self._follow_rows()

    def _follow_rows(self, *args: object) -> None:
        model = self.model()
        empty = model is None or not model.rowCount()
        said = self.empty_text if empty and self.empty_text else self._described
        if said != self.accessibleDescription():
            self.setAccessibleDescription(said)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._rows_height(None))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self.empty_text or model is None or model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            self.viewport().rect().adjusted(4, 2, -4, -2),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            self.empty_text,
        )
        painter.end()

    def minimumSizeHint(self) -> QSize:
        kept = self._rows_height(self.KEPT_ROWS) if self.KEPT_ROWS else 60
        return QSize(super().minimumSizeHint().width(), kept)

    def _rows_height(self, most: int | None) -> int:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        if most is not None:
            rows = min(rows, most)
        if rows:
            height = sum(self.sizeHintForRow(r) for r in range(rows))
        else:  # room for its hint, on two lines in a narrow sidebar
            height = 2 * self.fontMetrics().lineSpacing() + 6 if self.empty_text else 24
        return height + 2 * self.frameWidth() + 2


class _MessageList(_FitList):
    """Clicking the selected message again, or Escape, clears the selection. A context
    menu per message: right-click, or the Menu key on the current one."""

    menuWanted = Signal(QPoint, int)
    """Where (global) and for which key message a menu is wanted."""

    KEPT_ROWS = 6  # the channels below give way first: the statuses are the point

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            index = self.currentIndex()
            at = self.visualRect(index).center()
        else:
            index = self.indexAt(event.pos())
            at = event.pos()
        if not index.isValid():
            event.ignore()
            return
        event.accept()
        self.menuWanted.emit(self.viewport().mapToGlobal(at), int(index.data(IdRole)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if (
            event.button() == Qt.MouseButton.LeftButton
            and index.isValid()
            and self.selectionModel().isSelected(index)
        ):
            self.clearSelection()
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.selectionModel().hasSelection():
            self.clearSelection()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                flags = QItemSelectionModel.SelectionFlag
                if self.selectionModel().isSelected(index):
                    self.clearSelection()
                else:
                    self.selectionModel().select(index, flags.ClearAndSelect)
                event.accept()
                return
        super().keyPressEvent(event)


class MessageSidebar(QWidget):
    """Key messages (colour, cadence, status badge) and channels (show or hide).

    Selecting a key message selects it in the session (the views highlight its
    deliveries and gaps); selecting it again or pressing Escape clears that.
    Unticking a channel hides its posts through the session's filters.
    """

    messageClicked = Signal(object)
    """The key message the user selected here (an id), or None when cleared."""

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._syncing = False
        self.setObjectName("messageSidebar")
        self.setAccessibleName("Key messages and channels")

        self.messages_model = KeyMessageListModel(session, self)
        self.channels_model = ChannelListModel(session, self)

        self.messages_label = self._heading("Key messages")
        self.messages_view = _MessageList(self)
        self.messages_view.setObjectName("messageList")
        self.messages_view.setAccessibleName("Key messages")
        self.messages_view.empty_text = "None yet: Edit > Key Messages… adds them."
        self.messages_view.describe(
            "Each key message with its cadence and status. Select one to highlight its "
            "deliveries and gaps; Escape clears the selection."
        )
        self.messages_view.setModel(self.messages_model)
        self.message_delegate = MessageDelegate(self.messages_view)
        self.messages_view.setItemDelegate(self.message_delegate)
        self.messages_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.messages_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.messages_view.setMouseTracking(True)

        self.channels_label = self._heading("Channels")
        self.channels_view = _FitList(self)
        self.channels_view.setObjectName("channelList")
        self.channels_view.setAccessibleName("Channels")
        self.channels_view.empty_text = "None yet: Edit > Channels… adds them."
        self.channels_view.describe(
            "Tick a channel to show its posts, untick it to hide them; Space toggles."
        )
        self.channels_view.setModel(self.channels_model)
        self.channels_view.setItemDelegate(ChannelDelegate(self.channels_view))
        self.channels_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.channels_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        for view in (self.messages_view, self.channels_view):
            view.setFrameShape(QFrame.Shape.NoFrame)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            # Transparent lists on the sidebar's own background. Through the palette, which
            # the viewport inherits: asking PySide for the viewport widget itself makes it
            # create the Python type of every widget class first (15 ms at start-up).
            palette = view.palette()
            palette.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.transparent)
            view.setPalette(palette)
            model = view.model()
            model.rowsInserted.connect(view.updateGeometry)
            model.rowsRemoved.connect(view.updateGeometry)
            model.dataChanged.connect(view.updateGeometry)  # a name taller than before

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.messages_label)
        layout.addWidget(self.messages_view)
        layout.addSpacing(10)
        layout.addWidget(self.channels_label)
        layout.addWidget(self.channels_view)
        layout.addStretch(1)

        self.messages_view.selectionModel().selectionChanged.connect(self._on_view_selection)
        # A row going away moves the list's selection to a neighbour; the session's
        # choice stands (see _on_view_selection). One coming back (an archive or a
        # deletion undone) is the session's choice again, which it was before its row.
        self.messages_model.rowsRemoved.connect(self._follow_session)
        self.messages_model.rowsInserted.connect(self._follow_session)
        self.messages_model.modelReset.connect(self._follow_session)
        session.selectedMessageChanged.connect(self._on_session_selection)
        self._on_session_selection(session.selected_message)

    CHANNEL_ROWS_KEPT = 6
    """Channel rows kept in sight where the key messages keep theirs all the same."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The key messages keep their rows first (a short window's channels scroll);
        what is left past those goes to the channels, up to six of their rows (thirty
        messages took every pixel of a tall window, two and a half channels showing)."""
        channels = self.channels_view
        layout = self.layout()
        if layout is not None:
            # What the rest takes at its least (the key messages' rows, the headings,
            # the margins): the layout's least, but for the channels' own.
            held = max(channels.minimumHeight(), channels.minimumSizeHint().height())
            left = event.size().height() - (layout.minimumSize().height() - held)
            wanted = channels._rows_height(self.CHANNEL_ROWS_KEPT)
            channels.setMinimumHeight(max(min(left, wanted), channels.minimumSizeHint().height()))
        super().resizeEvent(event)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setAccessibleName(text)
        return label

    # -- hit-testing and reading ----------------------------------------------

    def message_index(self, message_id: int) -> QModelIndex:
        row = self.messages_model.row_of(message_id)
        return QModelIndex() if row is None else self.messages_model.index(row)

    def channel_index(self, channel_id: int) -> QModelIndex:
        row = self.channels_model.row_of(channel_id)
        return QModelIndex() if row is None else self.channels_model.index(row)

    def message_rect(self, message_id: int) -> QRect:
        """The message's row in the message list's viewport coordinates."""
        return self.messages_view.visualRect(self.message_index(message_id))

    def channel_rect(self, channel_id: int) -> QRect:
        return self.channels_view.visualRect(self.channel_index(channel_id))

    def badge_text(self, message_id: int) -> str:
        """The badge shown for a message: "ok", "unplanned", "overdue by 12 days", ..."""
        return str(self.message_index(message_id).data(BadgeRole) or "")

    def badge_rect(self, message_id: int) -> QRect:
        """Where the badge pill of a message is painted (viewport coordinates)."""
        index = self.message_index(message_id)
        option = QStyleOptionViewItem()
        option.initFrom(self.messages_view)
        option.rect = self.messages_view.visualRect(index)
        option.font = self.messages_view.font()
        return self.message_delegate.badge_rect(option, index)

    def shown_message_ids(self) -> list[int]:
        return self.messages_model.message_ids()

    # -- selection -------------------------------------------------------------

    def _on_view_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._syncing or self.messages_model.updating:
            return
        rows = self.messages_view.selectionModel().selectedRows()
        message_id = int(rows[0].data(IdRole)) if rows else None
        self.session.select_message(message_id)
        self.messageClicked.emit(message_id)

    def _follow_session(self) -> None:
        self._on_session_selection(self.session.selected_message)

    def _on_session_selection(self, message_id: object) -> None:
        self._syncing = True
        try:
            selection = self.messages_view.selectionModel()
            index = self.message_index(message_id) if isinstance(message_id, int) else QModelIndex()
            flags = QItemSelectionModel.SelectionFlag
            if index.isValid():
                selection.setCurrentIndex(index, flags.ClearAndSelect)
            else:
                selection.clearSelection()
        finally:
            self._syncing = False


__all__ = ["ChannelDelegate", "MessageDelegate", "MessageSidebar", "pill_colors"]
