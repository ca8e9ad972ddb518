"""Item models over the session: the posts of a period, the backlog, key messages, channels.

Like Anki's browser table model, each model keeps the ids of its rows and a
cache of the records for those rows only. It refreshes from the session's
change sets: it reloads only when a change touches what it shows (its dates,
its posts, or the names it displays) and tells its views exactly which rows
went, came, moved or changed. Only a new period resets a model.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from operator import attrgetter
from typing import Any, Final, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QEvent,
    QItemSelection,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QMouseEvent,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..core.cadence import ChannelCadence, MessageCadence, MessageStatus, status_text
from ..core.models import (
    ChangeSet,
    Channel,
    KeyMessage,
    Post,
    PostStatus,
    clock_note,
    every_days,
    few,
    isolated,
    missed,
    name_order,
    one_line,
)
from ..render.cadence_strip import day_text
from ..render.chips import MARKERS_SHOWN, clock_text, seen_on
from .commands import plain_tooltip
from .dnd import ICS_MIME, POSTS_MIME, posts_mime
from .gaps import next_fill
from .session import CalendarSession

Index = QModelIndex | QPersistentModelIndex

IdRole: Final = int(Qt.ItemDataRole.UserRole) + 1
"""The id of the row's record (a post, a key message or a channel)."""
PostIdRole: Final = IdRole
PostRole: Final = int(Qt.ItemDataRole.UserRole) + 2
"""The row's :class:`Post` (post models only)."""
SortRole: Final = int(Qt.ItemDataRole.UserRole) + 3
"""A key that sorts the column the way a reader expects (dates by date and time)."""
BadgeRole: Final = int(Qt.ItemDataRole.UserRole) + 4
"""Key messages: the badge text, e.g. "overdue by 12 days"."""
StatusRole: Final = int(Qt.ItemDataRole.UserRole) + 5
"""Key messages: the cadence status value ("ok", "overdue", ...), or "" if unknown."""
CadenceTextRole: Final = int(Qt.ItemDataRole.UserRole) + 6
"""Key messages: "every 7 days"."""
MessageColorsRole: Final = int(Qt.ItemDataRole.UserRole) + 7
"""Posts: the colours of the post's key messages, in order."""
ShortWordingRole: Final = int(Qt.ItemDataRole.UserRole) + 8
"""Key messages: the badge and the cadence said short, ("overdue 12 d", "every 7 d"),
for a row with no room for them whole (a large font)."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_DESCRIPTION = int(Qt.ItemDataRole.AccessibleDescriptionRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_CHECK = int(Qt.ItemDataRole.CheckStateRole)

STATUS_ORDER: Final = tuple(PostStatus)
"""The workflow order in which statuses sort: idea, draft, scheduled, published, cancelled."""


def hidden_page(widget: QWidget) -> bool:
    """True when ``widget`` was hidden on purpose (a page behind another in a
    QStackedWidget, a closed panel): its refreshes can wait until it is shown.

    A widget never shown nor hidden (a view a test builds and reads without
    showing it) is not hidden on purpose: it keeps refreshing.
    """
    return widget.isHidden() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)


STATUS_MENU_NAME = "Set the status of the selected posts"
"""What a status menu, and the agenda's button for it, are called to a screen reader."""


def status_label(status: PostStatus) -> str:
    return status.value.capitalize()


def _when(post: Post, *, long: bool = False) -> str:
    if post.date is None:
        return "Not scheduled (backlog)"
    text = long_day(post.date) if long else locale_day(post.date)
    at = clock_text(post.time)
    return f"{text} at {at}" if at else text


def _missed_words(post: Post, today: date) -> str:
    """What is said after a post's status: of a draft whose day has gone by, that it
    did not go out (its chip is painted faded)."""
    return " (its day has gone by: it did not go out)" if missed(post, today) else ""


def spoken_status(post: Post, today: date) -> str:
    """A post's status as a screen reader says it among other words, lower case:
    "draft, did not go out" for a draft whose day has gone by."""
    return post.status.value + (", did not go out" if missed(post, today) else "")


def post_tooltip(session: CalendarSession, post: Post) -> str:
    """A post in full, as hovering it tells (the tables, the backlog, the chips of the
    month and week views): names set apart for right-to-left text."""
    channel = isolated(session.channel(post.channel_id).name)
    status = status_label(post.status) + _missed_words(post, session.today())
    lines = [isolated(post.title), f"{_when(post)} · {channel} · {status}"]
    if post.date is not None and post.time is not None:
        note = clock_note(post.date, post.time, session.store.zone, clock=clock_text)
        if note is not None:  # 02:30 the night the clocks skip it: out at 03:30
            lines.append(note[0].upper() + note[1:])
    titles = few([isolated(session.key_message(m).title) for m in post.message_ids])
    lines.append("Key messages: " + (", ".join(titles) if titles else "none"))
    if post.campaign_id is not None:
        lines.append(f"Campaign: {isolated(session.campaign(post.campaign_id).name)}")
    if post.series_id is not None:
        lines.append("Repeats (part of a series)")
    return "\n".join(lines)


def locale_day(day: date, *, weekday: bool = True) -> str:
    """``Tue 3 Nov 2026`` (``Tue Nov 3, 2026`` where the month comes first), in the
    user's language: a month's name is never read for a day, as 3/11 is."""
    return day_text(day, weekday=weekday, year=True)


def long_day(day: date) -> str:
    """``day`` in the locale's long format (for tooltips and screen readers)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def channel_lines(channels: Sequence[ChannelCadence], today: date) -> list[str]:
    """Where the message last went out and next goes out, channel by channel
    (:meth:`.CalendarSession.channel_cadence`), then the channels it never went out
    on: a message fresh on LinkedIn may be long forgotten in the newsletter. Empty for
    a calendar without channels."""
    lines: list[str] = []
    never: list[str] = []
    for channel in channels:
        last, upcoming = channel.last_delivery, channel.next_delivery
        if last is None and upcoming is None:
            never.append(isolated(channel.channel))
            continue
        said = [
            f"{word} {day_text(day, weekday=False, year=today)}"
            for word, day in (("last", last), ("next", upcoming))
            if day is not None
        ]
        lines.append(f"{isolated(channel.channel)}: {', '.join(said)}")
    lines = few(lines, "channels")
    if lines:
        lines.insert(0, "By channel:")
    if never:
        lines.append(f"Never on: {', '.join(few(never))}")
    return ["", *lines] if lines else lines  # set apart from the lines above


def badge_text(cadence: MessageCadence, *, short: bool = False) -> str:
    """The sidebar badge of a message: "ok", "unplanned", "overdue by 12 days", ...
    (``short``: "overdue 12 d", as the cadence panel says it where room is short)."""
    if short and cadence.status == MessageStatus.OVERDUE:
        return f"overdue {cadence.overdue_days} d"
    return status_text(cadence.status, cadence.overdue_days)


# -- small colour pictures ----------------------------------------------------

_PIXMAPS: dict[tuple[tuple[str, ...], str, float, int], QPixmap] = {}


def _ratio() -> float:
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return max(ratio, 2.0)  # drawn at least at 2x: crisp at 200%, smooth at 100%


def swatch(color: str, shape: str = "square") -> QPixmap:
    """A 12x12 (device independent) colour swatch: a rounded square or a dot."""
    return _colour_pixmap((color,), shape)


def dots(colors: Sequence[str], lane: int = 0) -> QPixmap:
    """A row of 8-pixel dots, one per colour (key-message markers), at the right of a
    lane of ``lane`` dots' width at least (the names beside line up)."""
    padded = ("",) * (lane - len(colors)) + tuple(colors)
    return _colour_pixmap(padded or ("",), "dots")


def _colour_pixmap(colors: tuple[str, ...], shape: str) -> QPixmap:
    ratio = _ratio()
    # Painted to be seen on the views' background: a navy swatch is lightened when dark.
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    key = (colors, shape, ratio, base.rgba())
    cached = _PIXMAPS.get(key)
    if cached is not None:
        return cached
    size = 12.0
    dot, gap = 8.0, 3.0
    width = size if shape != "dots" else max(len(colors) * (dot + gap) - gap, 1.0)
    pixmap = QPixmap(round(width * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    outline = QColor(0, 0, 0, 60)
    painter.setPen(outline)
    if shape == "dots":
        x = 0.0
        for color in colors:
            if color:
                painter.setBrush(seen_on(QColor(color), base))
                painter.drawEllipse(QRectF(x + 0.5, (size - dot) / 2 + 0.5, dot - 1, dot - 1))
            x += dot + gap
    else:
        painter.setBrush(seen_on(QColor(colors[0]), base))
        rect = QRectF(1.5, 1.5, size - 3, size - 3)
        if shape == "dot":
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 3, 3)
    painter.end()
    _PIXMAPS[key] = pixmap
    return pixmap


class PlainIconDelegate(QStyledItemDelegate):
    """Paints colour swatches as they are: Qt would tint them in selected rows."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if not option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            return  # (and no index.data() that would return None: see PySide's None leak)
        value = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(value, QPixmap) and not value.isNull():
            icon = QIcon()
            for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
                icon.addPixmap(value, mode)
            option.icon = icon


def paint_box_edge(painter: QPainter, box: QRect, palette: QPalette) -> None:
    """An edge that shows around a check box, ticked or not: Fusion's was all but the
    list's own colour in a dark palette, and 1.7:1 on white or a menu's colour."""
    edge = QColor(palette.color(QPalette.ColorRole.Text))
    edge.setAlpha(120)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(edge)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box.adjusted(0, 0, -1, -1))
    painter.restore()


class TickingRowDelegate(PlainIconDelegate):
    """A checkable row that a click anywhere on it ticks, not only on its small box: a
    click on a name showed the row chosen and left it unticked. Its box has an edge
    that shows (:func:`paint_box_edge`)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, shown, widget)
        paint_box_edge(painter, box, option.palette)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        flags = index.flags()
        if not (flags & Qt.ItemFlag.ItemIsUserCheckable and flags & Qt.ItemFlag.ItemIsEnabled):
            return super().editorEvent(event, model, option, index)
        if event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            rect: QRect = option.rect
            if event.button() == Qt.MouseButton.LeftButton and rect.contains(
                event.position().toPoint()
            ):
                state = index.data(Qt.ItemDataRole.CheckStateRole)
                checked = state == Qt.CheckState.Checked or state == Qt.CheckState.Checked.value
                new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
                return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True  # two clicks are two toggles, not an "open"
        return super().editorEvent(event, model, option, index)


# -- row bookkeeping ----------------------------------------------------------

_MAX_SIGNALLED_ROWS = 500
"""Rows coming and going past which a model is reset rather than patched."""


def rows_selection(model: QAbstractItemModel, rows: Iterable[int]) -> QItemSelection:
    """``rows`` of ``model`` as a selection of one range per run of neighbouring rows:
    selected row by row, Qt's work grew with the square of their number (bringing
    back 50,000 deleted ideas took seventeen seconds)."""
    selection = QItemSelection()
    ordered = sorted(set(rows))
    start = 0
    for end in range(1, len(ordered) + 1):
        if end == len(ordered) or ordered[end] != ordered[end - 1] + 1:
            selection.select(model.index(ordered[start], 0), model.index(ordered[end - 1], 0))
            start = end
    return selection


def sync_rows(model: QAbstractItemModel, ids: list[int], new_ids: Sequence[int]) -> None:
    """Turn ``ids`` (the model's row ids, changed in place) into ``new_ids``.

    Emits the smallest honest signals: removals bottom-up in contiguous blocks,
    one layout change if the kept rows changed order, then insertions. The
    caller's cache must hold the records of both the old and the new rows while
    this runs (views may ask for data in between).
    """
    root = QModelIndex()
    keep = set(new_ids)
    row = len(ids) - 1
    while row >= 0:
        if ids[row] in keep:
            row -= 1
            continue
        last = row
        while row > 0 and ids[row - 1] not in keep:
            row -= 1
        model.beginRemoveRows(root, row, last)
        del ids[row : last + 1]
        model.endRemoveRows()
        row -= 1

    present = set(ids)
    wanted = [i for i in new_ids if i in present]
    if wanted != ids:
        model.layoutAboutToBeChanged.emit()
        new_row = {pid: r for r, pid in enumerate(wanted)}
        old = model.persistentIndexList()
        moved = [(new_row[ids[i.row()]], i.column()) for i in old]
        ids[:] = wanted
        model.changePersistentIndexList(old, [model.index(r, c) for r, c in moved])
        model.layoutChanged.emit()

    i = 0
    while i < len(new_ids):
        if i < len(ids) and ids[i] == new_ids[i]:
            i += 1
            continue
        j = i
        while j < len(new_ids) and new_ids[j] not in present:
            j += 1
        model.beginInsertRows(root, i, j - 1)
        ids[i:i] = new_ids[i:j]
        model.endInsertRows()
        i = j


# -- posts --------------------------------------------------------------------


class _PostRows:
    """What the post models share: ids, the row cache, roles, drags and refresh."""

    session: CalendarSession
    drag_anchor: int | None
    _ids: list[int]
    _cache: dict[int, Post]
    _rows: dict[int, int] | None
    _owner: QWidget | None
    _stale: bool

    def _init_rows(self, session: CalendarSession) -> None:
        self.session = session
        self.drag_anchor = None
        self._ids = []
        self._cache = {}
        self._rows = None
        self._owner = None
        self._stale = False

    # hidden views

    def defer_while_hidden(self, widget: QWidget) -> None:
        """Do not refresh while ``widget`` (the view showing the model) is hidden on
        purpose; the view calls :meth:`catch_up` when it is shown again."""
        self._owner = widget

    def _deferring(self) -> bool:
        owner = self._owner
        if owner is not None and hidden_page(owner):
            self._stale = True
            return True
        return False

    def is_stale(self) -> bool:
        """True while the model waits for its view to be shown to refresh."""
        return self._stale

    def catch_up(self) -> None:
        """Apply what changed while the view was hidden."""
        if self._stale:
            self._stale = False
            self.reload()
            self._changed_rows(0, len(self._ids) - 1)

    # reading

    def post_ids(self) -> list[int]:
        """The ids of the rows, in row order."""
        return list(self._ids)

    def post_at(self, row: int) -> Post:
        return self._cache[self._ids[row]]

    def post(self, post_id: int) -> Post | None:
        """The cached post with this id, if it is one of the rows."""
        return self._cache.get(post_id)

    def row_of(self, post_id: int) -> int | None:
        rows = self._rows
        if rows is None:
            rows = self._rows = {pid: r for r, pid in enumerate(self._ids)}
        return rows.get(post_id)

    def _load(self) -> list[Post]:
        raise NotImplementedError

    def _touches(self, changes: ChangeSet) -> bool:
        raise NotImplementedError

    def _model(self) -> QAbstractItemModel:
        assert isinstance(self, QAbstractItemModel)
        return self

    # refreshing

    def reload(self) -> None:
        """Read the rows again and signal only what differs."""
        if self._deferring():
            return
        self._apply(self._load())

    def _refresh_for(self, changes: ChangeSet) -> None:
        """Bring the rows up to date after ``changes`` (which touch them)."""
        self.reload()

    def _apply(self, posts: list[Post]) -> None:
        """Make ``posts`` the rows, signalling only what differs (or, when thousands
        of rows come and go, as a filter taken off does, the model anew: a signal per
        run of rows cost more than the reading)."""
        model = self._model()
        fresh = {p.id: p for p in posts}
        if len(fresh.keys() ^ set(self._ids)) > _MAX_SIGNALLED_ROWS:
            model.beginResetModel()
            self._ids = [p.id for p in posts]
            self._cache = fresh
            self._rows = None
            model.endResetModel()
            return
        cache = self._cache
        stale = {
            pid
            for pid, post in fresh.items()
            if (old := cache.get(pid, post)) is not post and old != post
        }
        self._cache.update(fresh)
        self._rows = None
        sync_rows(model, self._ids, [p.id for p in posts])
        self._rows = None
        self._cache = {pid: self._cache[pid] for pid in self._ids}
        if stale:
            rows = [r for r, pid in enumerate(self._ids) if pid in stale]
            self._changed_rows(min(rows), max(rows))

    def _reset(self) -> None:
        model = self._model()
        posts = self._load()  # first: one that does not read leaves the rows as they were
        self._stale = False
        model.beginResetModel()
        self._ids = [p.id for p in posts]
        self._cache = {p.id: p for p in posts}
        self._rows = None
        model.endResetModel()

    def _changed_rows(self, first: int, last: int, roles: Sequence[int] = ()) -> None:
        model = self._model()
        if last < first:
            return
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        model.dataChanged.emit(model.index(first, 0), model.index(last, columns - 1), list(roles))

    def _on_changed(self, changes: ChangeSet) -> None:
        loaded = self._cache.keys()
        stale = (
            self._touches(changes)
            or not loaded.isdisjoint(changes.posts)
            or not loaded.isdisjoint(changes.removed_posts)
        )
        # A post's change set names its messages too; only an edit of names and colours
        # (no posts touched) can change what every row shows.
        renamed = changes.messages and not changes.posts
        names = changes.channels or changes.campaigns or changes.calendar or renamed
        if not (stale or names) or self._deferring():
            return
        if stale:
            self._refresh_for(changes)
        if names:
            self._changed_rows(0, len(self._ids) - 1)

    def _on_selected_message(self, message_id: object) -> None:
        if self._deferring():
            return
        self._changed_rows(0, len(self._ids) - 1, [_BACKGROUND])

    # shared roles

    def _message_titles(self, post: Post) -> list[str]:
        return [self.session.key_message(m).title for m in post.message_ids]

    def _message_colors(self, post: Post) -> list[str]:
        return [self.session.key_message(m).color for m in post.message_ids]

    def tooltip(self, post: Post) -> str:
        return post_tooltip(self.session, post)

    def accessible_text(self, post: Post) -> str:
        channel = self.session.channel(post.channel_id).name
        title = post.title.rstrip()
        parts = [
            title if title.endswith((".", "?", "!", "…")) else f"{title}.",  # not "solar?."
            f"{_when(post, long=True)}, {channel},"
            f" {status_label(post.status)}{_missed_words(post, self.session.today())}.",
        ]
        titles = self._message_titles(post)
        if titles:
            parts.append("Key messages: " + ", ".join(titles) + ".")
        if post.campaign_id is not None:
            parts.append(f"Campaign: {self.session.campaign(post.campaign_id).name}.")
        if post.series_id is not None:
            parts.append("Repeats (part of a series).")
        return " ".join(parts)

    def _common(self, post: Post, role: int) -> Any:
        if role == PostIdRole:
            return post.id
        if role == PostRole:
            return post
        if role == _TOOLTIP:
            return plain_tooltip(self.tooltip(post))
        if role == _ACCESSIBLE:
            return self.accessible_text(post)
        if role == MessageColorsRole:
            return self._message_colors(post)
        return None

    # drags

    def _mime(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        seen: dict[int, None] = {}
        for index in sorted(indexes, key=lambda i: i.row()):
            if index.isValid() and 0 <= index.row() < len(self._ids):
                seen.setdefault(self._ids[index.row()], None)
        posts = [self._cache[pid] for pid in seen]
        anchor = self.drag_anchor if self.drag_anchor in seen else None
        self.drag_anchor = None
        return posts_mime(self.session, posts, anchor)


_POST_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)


class AgendaModel(_PostRows, QAbstractTableModel):
    """The dated posts of one period that pass the session's filters, one row each.

    The model sorts itself (:meth:`sort`, in Python, on keys computed once per
    row): a sort proxy would call :meth:`data` from C++ for every comparison,
    far too slow for a dense month. Rows start in date and time order.
    :data:`SortRole` still gives each column's sort key to whoever wants it.
    """

    # The title right after the time, in the model as on screen: a screen reader reads
    # the model's order (it heard the title last, the column moved on screen alone).
    DATE, TIME, TITLE, CHANNEL, MESSAGES, CAMPAIGN, STATUS = range(7)
    HEADERS: Final = ("Date", "Time", "Title", "Channel", "Key messages", "Campaign", "Status")

    def __init__(self, session: CalendarSession, parent: QObject | None = None) -> None:
        QAbstractTableModel.__init__(self, parent)
        self._init_rows(session)
        today = session.today()
        self._first = self._last = today
        self._sort_column = self.DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        session.changed.connect(self._on_changed)
        session.filtersChanged.connect(self.reload)
        session.selectedMessageChanged.connect(self._on_selected_message)
        # A draft of the day gone is faded now, and said "did not go out" (the month and
        # week paint it so at midnight; the agenda's rows stayed as they were).
        session.dayChanged.connect(lambda *_: self._changed_rows(0, len(self._ids) - 1))

    def set_range(self, first: date, last: date) -> None:
        """Show the posts from ``first`` to ``last`` (inclusive): a new period, a reset."""
        before = self._first, self._last
        self._first, self._last = first, last
        try:
            self._reset()
        except Exception:
            self._first, self._last = before  # (the period whose rows are still shown)
            raise

    def date_range(self) -> tuple[date, date]:
        return self._first, self._last

    def _load(self) -> list[Post]:
        posts = self.session.posts_between(self._first, self._last)  # date and time order
        column, descending = self._sort_column, self._sort_order == Qt.SortOrder.DescendingOrder
        # Stable: ties keep date and time order, as they would in a sort proxy. (By date,
        # too: a post kept at 02:30 the night the clocks skip it goes out at 03:30.)
        return sorted(posts, key=lambda p: self._sort_key(p, column), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column (the Date column by date, then time)."""
        if not 0 <= column < len(self.HEADERS):
            column, order = self.DATE, Qt.SortOrder.AscendingOrder
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        posts = [self._cache[pid] for pid in self._ids]
        posts.sort(key=lambda p: (self._sort_key(p, self.DATE), p.id))  # the store's order
        descending = order == Qt.SortOrder.DescendingOrder
        if column != self.DATE or descending:
            posts.sort(key=lambda p: self._sort_key(p, column), reverse=descending)
        self._rows = None
        sync_rows(self, self._ids, [p.id for p in posts])
        self._rows = None

    def _touches(self, changes: ChangeSet) -> bool:
        first, last = self._first, self._last
        return any(first <= day <= last for day in changes.dates)

    # the model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == _DISPLAY:
                return self.HEADERS[section]
            if role == _ACCESSIBLE:  # the arrow, said
                if section != self._sort_column:
                    return self.HEADERS[section]
                way = (
                    "ascending" if self._sort_order == Qt.SortOrder.AscendingOrder else "descending"
                )
                return f"{self.HEADERS[section]}, sorted {way}"
            if role == _TOOLTIP:
                return f"Sort by {self.HEADERS[section].lower()}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _POST_FLAGS

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        post = self._cache[self._ids[index.row()]]
        column = index.column()
        if role == _DISPLAY:
            if column == self.MESSAGES:  # each title its own way, the commas in between
                return ", ".join(isolated(title) for title in self._message_titles(post))
            return isolated(self._display(post, column))
        if role == SortRole:
            return self._sort_key(post, column)
        if role == _ACCESSIBLE and column != self.TITLE:
            # Each cell says what it holds under its header (every cell said the whole
            # post, over and over along a row); the title says the whole post.
            text = (
                self._display(post, column)
                if column != self.MESSAGES
                else ", ".join(self._message_titles(post))
            )
            return f"{self.HEADERS[column]}: {text or 'none'}"
        if role == _DECORATION:
            return self._decoration(post, column)
        if role == _BACKGROUND:
            selected = self.session.selected_message
            if selected is not None and selected in post.message_ids:
                color = QColor(self.session.key_message(selected).color)
                color.setAlpha(48)
                return color
            return None
        if role == _FOREGROUND and (
            post.status == PostStatus.CANCELLED or missed(post, self.session.today())
        ):  # faded as in the month and week: a past draft never went out
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == _FONT and post.status == PostStatus.CANCELLED and column == self.TITLE:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return self._common(post, role)

    def _display(self, post: Post, column: int) -> str:
        if column == self.DATE:
            return locale_day(post.date) if post.date else ""
        if column == self.TIME:  # the time it goes out, as the week view places it
            return clock_text(self.session.going_out(post.date, post.time))
        if column == self.CHANNEL:
            return self.session.channel(post.channel_id).name
        if column == self.MESSAGES:
            return ", ".join(self._message_titles(post))
        if column == self.CAMPAIGN:
            return self.session.campaign(post.campaign_id).name if post.campaign_id else ""
        if column == self.STATUS:
            return status_label(post.status)
        return one_line(post.title)  # on one line, as its row is

    def _sort_key(self, post: Post, column: int) -> Any:
        at = self.session.going_out(post.date, post.time)
        minutes = -1 if at is None else at.hour * 60 + at.minute
        if column == self.DATE:
            # Untimed posts first on their day, as the store orders them.
            ordinal = post.date.toordinal() if post.date else 0
            return ordinal * 1441 + minutes + 1
        if column == self.TIME:
            return minutes
        if column == self.STATUS:
            return STATUS_ORDER.index(post.status)
        return name_order(self._display(post, column))

    def _decoration(self, post: Post, column: int) -> Any:
        if column == self.CHANNEL:
            return swatch(self.session.channel(post.channel_id).color)
        if column == self.MESSAGES and post.message_ids:
            # As a chip marks them: four at most (fourteen dots left the names
            # "Solar pa…"), in a lane of four, the names after them lined up; the
            # text names them all.
            return dots(self._message_colors(post)[:MARKERS_SHOWN], lane=MARKERS_SHOWN)
        if column == self.CAMPAIGN and post.campaign_id is not None:
            return swatch(self.session.campaign(post.campaign_id).color, "dot")
        return None

    # drags

    def mimeTypes(self) -> list[str]:
        return [POSTS_MIME, ICS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return self._mime(indexes)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


_MAX_PATCHED_POSTS = 500
"""Past this many changed posts, the backlog is read again."""


def _newest_first(post: Post) -> tuple[datetime, int]:
    """The key of the backlog's order (descending): last updated first, then by id."""
    return post.updated_at, post.id


BACKLOG_ORDERS: dict[str, str] = {
    "changed": "&Last Changed First",
    "added": "&Oldest First",
    "title": "&Title",
    "channel": "&Channel",
}
"""The orders the backlog lists its ideas in (the first the store's), with the words of
their menu entries."""


class BacklogModel(_PostRows, QAbstractListModel):
    """The undated posts that pass the session's filters, in :attr:`order` (by default
    newest first)."""

    def __init__(self, session: CalendarSession, parent: QObject | None = None) -> None:
        QAbstractListModel.__init__(self, parent)
        self._init_rows(session)
        self.order = "changed"
        self._title_keys: dict[str, Any] = {}
        self._reset()
        session.changed.connect(self._on_changed)
        session.filtersChanged.connect(self.reload)

    def _load(self) -> list[Post]:
        posts = self.session.backlog()  # last changed first, as the store reads them
        return posts if self.order == "changed" else self._sorted(posts)

    def _sorted(self, posts: list[Post]) -> list[Post]:
        """``posts`` in :attr:`order`: a bank of 2,000 ideas listed last changed first
        moved an idea from row 1500 to the top as its typo was mended."""
        if self.order == "added":
            return sorted(posts, key=attrgetter("id"))
        if self.order in ("title", "channel"):
            return sorted(posts, key=self._order_key())
        return sorted(posts, key=_newest_first, reverse=True)  # the store's backlog order

    def _order_key(self) -> Callable[[Post], Any]:
        """The sort key of the title or the channel order."""
        if len(self._title_keys) > 2 * self.session.count_ideas() + 1000:
            self._title_keys = {}  # titles gone since (not those a filter hides): let go
        keys = self._title_keys  # each title's read once (50,000 ideas, at each change)

        def by_title(post: Post) -> Any:
            key = keys.get(post.title)
            if key is None:
                key = keys[post.title] = name_order(post.title)
            return key

        if self.order == "title":
            return lambda p: (by_title(p), p.id)
        # In the sidebar's order of channels, then by title.
        rank = {c.id: i for i, c in enumerate(self.session.channels(include_archived=True))}
        return lambda p: (rank.get(p.channel_id, 0), by_title(p), p.id)

    def set_order(self, order: str) -> None:
        """List the ideas in ``order`` (a key of :data:`BACKLOG_ORDERS`), the ideas picked
        staying picked."""
        if order not in BACKLOG_ORDERS or order == self.order:
            return
        self.order = order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._ids[i.row()] if i.isValid() else None for i in before]
        self._ids = [p.id for p in self._sorted([self._cache[i] for i in self._ids])]
        self._rows = None
        after = [
            self.index(row, 0)
            if post_id is not None and (row := self.row_of(post_id)) is not None
            else QModelIndex()
            for post_id in ids
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _touches(self, changes: ChangeSet) -> bool:
        return changes.backlog

    def _refresh_for(self, changes: ChangeSet) -> None:
        """Read only the posts that changed (a drop into or out of the backlog), not the
        whole backlog: thousands of ideas in a large calendar."""
        changed = changes.posts | changes.removed_posts
        if not changed or len(changed) > _MAX_PATCHED_POSTS:
            self.reload()
            return
        accepts = self.session.filters.accepts
        kept = [self._cache[pid] for pid in self._ids if pid not in changed]
        fresh = self.session.posts(changes.posts - changes.removed_posts)
        fresh = [p for p in fresh if p.date is None and accepts(p)]
        if self.order in ("title", "channel") and len(fresh) < len(kept):
            # The others are in order already: each fresh one goes in its place (all
            # of 50,000 ideas sorted again took a third of a second at each change).
            key = self._order_key()
            for post in fresh:
                insort(kept, post, key=key)
            self._apply(kept)
            return
        kept.extend(fresh)
        self._apply(self._sorted(kept))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # The list itself takes drops: a post dropped here goes back to the backlog.
            return Qt.ItemFlag.ItemIsDropEnabled
        return _POST_FLAGS

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        post = self._cache[self._ids[index.row()]]
        if role == _DISPLAY:
            return isolated(one_line(post.title))  # on one line, as its row is
        if role == _DECORATION:
            return swatch(self.session.channel(post.channel_id).color)
        if role == SortRole:
            return post.title.casefold()
        return self._common(post, role)

    def mimeTypes(self) -> list[str]:
        return [POSTS_MIME, ICS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return self._mime(indexes)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


# -- key messages and channels -------------------------------------------------


_Record = TypeVar("_Record", KeyMessage, Channel)


class _RecordList(QAbstractListModel, Generic[_Record]):
    """The session's key messages or channels as a list, one row per record, in the
    session's order; the rows follow additions, removals and reorders."""

    _extra_flags = Qt.ItemFlag.NoItemFlags

    def __init__(self, session: CalendarSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._ids: list[int] = []
        self._cache: dict[int, _Record] = {}
        self.updating = False
        """True while the rows follow the session: what views do meanwhile (a current
        row moved off a removed one) is not the user's doing."""
        self._load()

    def _records(self) -> list[_Record]:
        raise NotImplementedError

    def _load(self) -> None:
        records = self._records()
        self._cache.update({r.id: r for r in records})
        self.updating = True
        try:
            sync_rows(self, self._ids, [r.id for r in records])
        finally:
            self.updating = False
        self._cache = {rid: self._cache[rid] for rid in self._ids}

    def _emit_rows(self, first: int, last: int) -> None:
        if 0 <= first <= last:
            self.dataChanged.emit(self.index(first), self.index(last), [])

    def _all_changed(self) -> None:
        self._emit_rows(0, len(self._ids) - 1)

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def _record(self, index: Index) -> _Record | None:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        return self._cache[self._ids[index.row()]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
            | self._extra_flags
        )


class KeyMessageListModel(_RecordList[KeyMessage]):
    """The key messages that are not archived, with their cadence status as of today."""

    def __init__(self, session: CalendarSession, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self._badges: dict[int, tuple[object, ...] | None] | None = None  # as last signalled
        session.changed.connect(self._on_changed)
        session.reportChanged.connect(self._report_changed)

    message_ids = _RecordList.ids

    def _records(self) -> list[KeyMessage]:
        return self.session.key_messages()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.messages or changes.calendar:
            self._load()  # a message added or removed (its rows signalled by sync_rows)
        # Moving posts names their messages too, but only the report changes then
        # (and :meth:`_report_changed` signals the rows whose badge changed).
        if changes.calendar or (changes.messages and not changes.posts):
            self._all_changed()

    def _all_changed(self) -> None:
        self._badges = None
        super()._all_changed()

    def _report_changed(self) -> None:
        """A new analysis: signal only the rows whose badge, tooltip or status changed
        (after a drop, the one to three messages the moved post carries)."""
        badges = self._badges
        if badges is None:
            self._badges = {mid: self._badge_key(mid) for mid in self._ids}
            self._emit_rows(0, len(self._ids) - 1)
            return
        changed = []
        for row, message_id in enumerate(self._ids):
            key = self._badge_key(message_id)
            if message_id not in badges or badges[message_id] != key:
                badges[message_id] = key
                changed.append(row)
        start = 0
        while start < len(changed):
            end = start
            while end + 1 < len(changed) and changed[end + 1] == changed[end] + 1:
                end += 1
            self._emit_rows(changed[start], changed[end])
            start = end + 1

    def _badge_key(self, message_id: int) -> tuple[object, ...] | None:
        cadence = self.cadence(message_id)
        if cadence is None:
            return None
        return (
            cadence.status,
            cadence.overdue_days,
            cadence.last_delivery,
            cadence.next_delivery,
        )

    def cadence(self, message_id: int) -> MessageCadence | None:
        try:
            return self.session.report().message(message_id)
        except KeyError:  # added since the last analysis
            return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        message = self._record(index)
        if message is None:
            return None
        if role == _DISPLAY:
            return isolated(message.title)
        if role == IdRole:
            return message.id
        if role == _DECORATION:
            return swatch(message.color, "dot")
        if role == CadenceTextRole:
            return every_days(message.cadence_days)
        cadence = self.cadence(message.id)
        if role == BadgeRole:
            return badge_text(cadence) if cadence else ""
        if role == ShortWordingRole:
            days = message.cadence_days
            return (
                badge_text(cadence, short=True) if cadence else "",
                "every day" if days == 1 else f"every {days} d",
            )
        if role == StatusRole:
            return cadence.status.value if cadence else ""
        if role == _TOOLTIP:
            return plain_tooltip("\n".join(self._tooltip_lines(message, cadence)))
        if role == _ACCESSIBLE:
            badge = f", {badge_text(cadence)}" if cadence else ""
            return f"{message.title}, {every_days(message.cadence_days)}{badge}"
        if role == _DESCRIPTION:  # what hovering shows past the name: dates, channels
            lines = [line for line in self._tooltip_lines(message, cadence)[1:] if line]
            return "".join(line + (" " if line.endswith(":") else ". ") for line in lines).strip()
        return None

    def _tooltip_lines(self, message: KeyMessage, cadence: MessageCadence | None) -> list[str]:
        """What hovering a message tells, line by line (a blank line before its statement)."""
        lines = [f"{isolated(message.title)} · {every_days(message.cadence_days)}"]
        if cadence is not None:
            badge = badge_text(cadence)
            fill = next_fill(self.session, message.id) if cadence.status == "unplanned" else None
            if fill is not None:  # by when: a delivery planned a day after it is no help
                lines.append(fill[1])
                after = cadence.next_delivery
                if after is not None and after > fill[0]:  # (unplanned for it, unsaid)
                    lines.append(f"Its next post, on {locale_day(after)}, comes after that")
            else:
                lines.append("OK" if badge == "ok" else badge.capitalize())
            last = locale_day(cadence.last_delivery) if cadence.last_delivery else "none yet"
            upcoming = locale_day(cadence.next_delivery) if cadence.next_delivery else "not planned"
            lines.append(f"Last delivery: {last}")
            lines.append(f"Next delivery: {upcoming}")
        if message.starts_on or message.ends_on:
            span = []
            if message.starts_on:
                span.append(f"from {locale_day(message.starts_on)}")
            if message.ends_on:
                span.append(f"until {locale_day(message.ends_on)}")
            lines.append("Runs " + " ".join(span))
        if cadence is not None:
            breakdown = self.session.channel_cadence(message.id)
            lines.extend(channel_lines(breakdown, self.session.today()))
        if message.statement:
            lines.append("")
            lines.append(f"“{message.statement}”")
        return lines


_CHANNEL_ROLES = [_CHECK, _DISPLAY, _TOOLTIP, _ACCESSIBLE, _FOREGROUND]
"""What showing or hiding a channel changes of its row."""


class ChannelListModel(_RecordList[Channel]):
    """The channels, each checkable: unchecking one hides its posts everywhere."""

    _extra_flags = Qt.ItemFlag.ItemIsUserCheckable

    def __init__(self, session: CalendarSession, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        session.changed.connect(self._on_changed)
        session.filtersChanged.connect(self._filters_changed)
        self._hidden = session.filters.hidden_channels

    channel_ids = _RecordList.ids

    def _filters_changed(self) -> None:
        """Signal the rows of the channels shown or hidden since, each on its own: a
        screen reader hears a row ticked only from a change of that row alone."""
        hidden = self.session.filters.hidden_channels
        changed, self._hidden = hidden ^ self._hidden, hidden
        # An archived channel with no posts is listed while hidden only (to be shown
        # again): ticked, it leaves the list, as it does the Channels filter's. (Only
        # the channels' ticks change the list: a search typed leaves it as it is.)
        if changed:
            self._load()
        for channel_id in changed:
            row = self.row_of(channel_id)
            if row is not None:  # with the roles: Qt says "checked" only of a check's
                index = self.index(row)
                self.dataChanged.emit(index, index, _CHANNEL_ROLES)

    def _records(self) -> list[Channel]:
        return self.session.listed_channels()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.channels or changes.calendar:
            self._load()
            self._all_changed()
        elif (changes.posts or changes.removed_posts) and any(
            c.archived for c in self.session.channels(include_archived=True)
        ):
            # Posts came onto an archived channel (an import), or its last one went:
            # it is listed, or no longer, as the Channels filter lists it.
            self._load()

    def is_shown(self, channel_id: int) -> bool:
        return channel_id not in self.session.filters.hidden_channels

    def set_shown(self, channel_id: int, shown: bool) -> None:
        filters = self.session.filters
        wanted = filters.toggled("channels", channel_id, shown)
        if wanted.hidden_channels != filters.hidden_channels:
            self.session.set_filters(wanted)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        channel = self._record(index)
        if channel is None:
            return None
        shown = self.is_shown(channel.id)
        if role == _DISPLAY:
            return isolated(channel.name) + (" (archived)" if channel.archived else "")
        if role == IdRole:
            return channel.id
        if role == _DECORATION:
            return swatch(channel.color)
        if role == _CHECK:
            return Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked
        if role == _TOOLTIP:
            verb = "Shown; untick to hide" if shown else "Hidden; tick to show"
            # Its kind where the name does not say it ("Blog (blog)" read as a slip), and
            # its limit; after a comma where the name ends in brackets of its own.
            said = [] if channel.kind.casefold() in channel.name.casefold() else [channel.kind]
            if channel.char_limit:
                said.append(f"{channel.char_limit:,} characters")
            about = ", ".join(said)
            if about:
                about = f", {about}" if channel.name.endswith(")") else f" ({about})"
            return plain_tooltip(f"{channel.name}{about}. {verb} its posts.")
        if role == _ACCESSIBLE:
            return f"{channel.name}, {'shown' if shown else 'hidden'}"
        if role == _FOREGROUND and not shown:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def setData(self, index: Index, value: Any, role: int = _CHECK) -> bool:
        if not index.isValid() or role != _CHECK or index.row() >= len(self._ids):
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        self.set_shown(self._ids[index.row()], state == Qt.CheckState.Checked.value)
        return True


__all__ = [
    "STATUS_ORDER",
    "AgendaModel",
    "BacklogModel",
    "BadgeRole",
    "CadenceTextRole",
    "ChannelListModel",
    "IdRole",
    "KeyMessageListModel",
    "MessageColorsRole",
    "PlainIconDelegate",
    "PostIdRole",
    "PostRole",
    "ShortWordingRole",
    "SortRole",
    "StatusRole",
    "badge_text",
    "dots",
    "every_days",
    "hidden_page",
    "locale_day",
    "long_day",
    "rows_selection",
    "status_label",
    "swatch",
    "sync_rows",
]
