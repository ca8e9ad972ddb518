"""Drag-and-drop of posts: our own MIME type, plus iCalendar and text for other programs.

Every view that accepts posts calls :func:`drop_posts`, so a drop means the
same everywhere: move (keeping each post's time unless the target sets one),
copy with Ctrl, back to the backlog when the target has no day, and the
"this one / following / all" question for recurring posts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Final, cast

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMetaType,
    QMimeData,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ..core.errors import CadenceError
from ..core.models import Post, PostStatus, format_time
from ..core.store import CalendarStore, Scope
from .commands import CopyPostsCommand, MovePostsCommand
from .session import CalendarSession

POSTS_MIME: Final = "application/x-cadence-posts"
ICS_MIME: Final = "text/calendar"


class _Keep:
    """Marker: keep each post's own time of day."""


KEEP_TIME: Final = _Keep()

Landing = time | _Keep | None
"""When dropped posts land: at a time, at their own times (:data:`KEEP_TIME`), or none."""


def posts_mime(
    session: CalendarSession,
    posts: Sequence[Post],
    anchor: int | None = None,
    *,
    cut: bool = False,
    origin: date | None = None,
) -> QMimeData:
    """Mime data for dragging ``posts``; ``anchor`` is the post under the mouse.

    On the clipboard, ``cut`` marks posts that a paste moves rather than copies, and
    ``origin`` is the day that lands on the day of the paste (the first of the days
    whose posts were picked), when there is one; else the anchor post does.
    """
    import json  # here, not at start-up: the window paints sooner

    mime = _PostsMime(session.store, [p for p in posts if p.date is not None])
    payload = {
        "calendar": str(session.store.path.resolve()),
        "posts": [p.id for p in posts],
        "uids": [p.uid for p in posts],
        "anchor": anchor if anchor is not None else (posts[0].id if posts else None),
        "cut": cut,
        "origin": origin.isoformat() if origin is not None else None,
    }
    mime.setData(POSTS_MIME, QByteArray(json.dumps(payload).encode()))
    mime.setText(posts_text(session, posts))
    return mime


def posts_text(session: CalendarSession, posts: Sequence[Post]) -> str:
    """The posts as text for another program (a mail, a publishing tool's composer):
    each one's title with its channel and day, then its text and link, the posts apart
    by a blank line; a line each when none has text or a link. Not their notes."""
    blocks = []
    for post in posts:
        when = post.date.isoformat() if post.date else "unscheduled"
        if post.time:
            when += f" {format_time(post.time)}"
        lines = [f"{post.title} ({session.channel(post.channel_id).name}, {when})"]
        body = post.body.replace("\r\n", "\n").strip("\n")  # (a line break pasted from Windows)
        lines += [text for text in (body, post.link) if text.strip()]
        blocks.append("\n".join(lines))
    apart = "\n\n" if any("\n" in block for block in blocks) else "\n"
    return apart.join(blocks)


class _PostsMime(QMimeData):
    """Posts carried, their iCalendar text made when another program asks for it: made
    at once, it held up every copy and the start of every drag (a quarter of a second
    for a month of 750 posts), though a drop in Cadence never reads it."""

    def __init__(self, store: CalendarStore, dated: Sequence[Post]) -> None:
        super().__init__()
        self._store = store
        self._dated = list(dated)
        self._ics: QByteArray | None = None

    def _has_ics(self) -> bool:
        # Once its calendar is closed, the posts' iCalendar text can no longer be made.
        return bool(self._dated) and (self._ics is not None or not self._store.closed)

    def formats(self) -> list[str]:
        return [*super().formats(), ICS_MIME] if self._has_ics() else super().formats()

    def hasFormat(self, mimetype: str) -> bool:
        return (mimetype == ICS_MIME and self._has_ics()) or super().hasFormat(mimetype)

    def retrieveData(self, mimetype: str, preferredType: QMetaType | QMetaType.Type) -> object:
        if mimetype != ICS_MIME or not self._has_ics():
            return super().retrieveData(mimetype, preferredType)
        if self._ics is None:
            from ..exchange.ical import posts_to_ics

            try:
                self._ics = QByteArray(posts_to_ics(self._store, self._dated))
            except CadenceError:  # the file cannot be read now: the text alone goes
                return QByteArray()
        return self._ics


def dropped_file(mime: QMimeData) -> Path | None:
    """The one file of this computer a drag from a file manager carries, when its
    ending is one Cadence opens (.cadence) or imports (.ics, .csv...)."""
    from ..exchange.formats import IMPORT_SUFFIXES

    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    # (A .zip, as Google Calendar exports, is taken to be told to unzip it first.)
    taken = path.suffix.lower() in {*IMPORT_SUFFIXES, ".zip"}
    return path if taken and not path.is_dir() else None  # (a folder "Plans.csv")


def accept_file_drag(event: QDragMoveEvent) -> bool:
    """Take a drag (enter or move) that carries a file :func:`dropped_file` takes;
    refuse any other. True: taken."""
    if dropped_file(event.mimeData()) is not None:
        event.acceptProposedAction()
        return True
    event.ignore()
    return False


def take_file_drop(event: QDropEvent, owner: QObject, take: Callable[[Path], object]) -> None:
    """A file dropped (:func:`dropped_file`): given to ``take`` once the drop is over
    (the file manager waits for it to end, and taking it may ask questions: a channel,
    the order of a CSV file's dates)."""
    path = dropped_file(event.mimeData())
    if path is None:
        event.ignore()
        return
    event.acceptProposedAction()
    QTimer.singleShot(0, owner, partial(take, path))


class _FilesPassOn(QObject):
    """Keeps files dragged over a text field from being typed into it (a file manager
    offers their names as text too): the window opens or imports them."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        dragged = event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove)
        if dragged and cast(QDragMoveEvent, event).mimeData().hasUrls():
            event.ignore()  # on to the window
            return True
        return False


def pass_files_on(field: QWidget) -> None:
    """Let files dropped on ``field`` (a search box) go to the window: a calendar
    dropped there was typed in as "file:///…", and every post went out of sight."""
    field.installEventFilter(_FilesPassOn(field))


_on_clipboard: list[QMimeData] = []
"""The posts this program last put on the clipboard (see :func:`release_clipboard`)."""


def put_on_clipboard(mime: QMimeData) -> None:
    """Put posts (from :func:`posts_mime`) on the system clipboard."""
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setMimeData(mime)
    _on_clipboard[:] = [mime]


def release_clipboard() -> None:
    """Leave the clipboard's posts as plain text made by Qt itself; called on quit.

    The posts' data was made in Python. Some platforms free clipboard data only
    after Python has shut down, and freeing a Python-made object then crashes
    the program on its way out; the text stays for other programs to paste.
    """
    from PySide6.QtWidgets import QApplication

    clipboard = QApplication.clipboard()
    if _on_clipboard and clipboard.mimeData() is _on_clipboard[0]:
        clipboard.setText(_on_clipboard[0].text())
    _on_clipboard.clear()


@dataclass(frozen=True, slots=True)
class Carried:
    """The posts a drag or the clipboard carries (see :func:`posts_mime`)."""

    source: Path
    """The calendar file they were copied from."""
    ids: list[int]
    anchor: int | None
    cut: bool
    origin: date | None
    """The day that lands on the day of a paste (see :func:`posts_mime`)."""
    ours: bool
    """Whether ``source`` is the session's own calendar."""
    uids: dict[int, str] = field(default_factory=dict)
    """Each post's uid, by id: a number a post had is taken by the next post made once
    its making is undone, and that one is no post copied."""

    def still(self, posts: Sequence[Post]) -> list[Post]:
        """Of ``posts`` (read by :attr:`ids`), those that are the posts carried."""
        return [p for p in posts if self.uids.get(p.id, p.uid) == p.uid]


def carried_posts(session: CalendarSession, mime: QMimeData) -> Carried | None:
    """What our own MIME type carries; None when there is none or it is malformed."""
    if not mime.hasFormat(POSTS_MIME):
        return None
    import json

    try:
        payload = json.loads(bytes(mime.data(POSTS_MIME).data()).decode())
        source = str(payload["calendar"])
        ids = [int(i) for i in payload["posts"]]
        anchor = payload.get("anchor")
        origin = payload.get("origin")
        uids = [str(u) for u in payload.get("uids", [])]
        return Carried(
            Path(source),
            ids,
            int(anchor) if anchor is not None else None,
            payload.get("cut") is True,
            date.fromisoformat(origin) if isinstance(origin, str) else None,
            session.store.is_file(source),
            dict(zip(ids, uids, strict=False)),
        )
    except (ValueError, KeyError, TypeError):
        return None


def decode_posts(session: CalendarSession, mime: QMimeData) -> tuple[list[int], int | None]:
    """The post ids a drag carries, if it comes from this calendar; else ([], None)."""
    carried = carried_posts(session, mime)
    if carried is None or not carried.ours:
        return [], None
    return carried.ids, carried.anchor


def wants_copy(modifiers: Qt.KeyboardModifier) -> bool:
    return bool(modifiers & Qt.KeyboardModifier.ControlModifier)


def drop_action(
    session: CalendarSession, event: QDragMoveEvent | QDropEvent
) -> Qt.DropAction | None:
    """What dropping the dragged posts here does: a copy with Ctrl or when they come
    from another open calendar (they stay there), else a move; None when the drag
    carries none of our posts."""
    carried = carried_posts(session, event.mimeData())
    if carried is None:
        return None
    if wants_copy(event.modifiers()) or not carried.ours:
        return Qt.DropAction.CopyAction
    return Qt.DropAction.MoveAction


def landing_time(day: date | None, at: time | None) -> Landing:
    """A paste or drop at ``at`` on a day sets the anchor's time (the others move as far
    in time, see :func:`placements`); else posts keep theirs."""
    return KEEP_TIME if at is None or day is None else at


def placements(
    posts: Sequence[Post],
    anchor_id: int | None,
    day: date | None,
    at: Landing,
    origin: date | None = None,
) -> dict[int, tuple[date | None, time | None]]:
    """Where dropped (or pasted) posts land: the anchor on ``day`` (at ``at`` unless
    :data:`KEEP_TIME`), the others as many days from it as before, at their own
    times; undated ones on ``day`` too. At a time (the week's hours), they move
    together: a timed post as far in time as the anchor (into the next day if that
    is where it then is), an undated one at that time; an all-day one stays all day.
    At no time (the week's all-day strip), all are all-day posts.
    With no day, all go to the backlog. Given an ``origin``, that day lands on
    ``day`` rather than the anchor's (and every post keeps its time: the slot chosen
    is a day's, and posts picked by days keep theirs)."""
    anchor = next((p for p in posts if p.id == anchor_id), posts[0])
    start = origin if origin is not None else anchor.date
    placing = not isinstance(at, _Keep) and origin is None
    slot = at if isinstance(at, time) else None
    shift: timedelta | None = None
    if placing and slot is not None and anchor.time is not None and anchor.date is not None:
        shift = datetime.combine(date.min, slot) - datetime.combine(date.min, anchor.time)
    targets: dict[int, tuple[date | None, time | None]] = {}
    for post in posts:
        if day is None:
            targets[post.id] = (None, None)
            continue
        new_day = day if post.date is None or start is None else day + (post.date - start)
        new_time = post.time
        if placing and (post.id == anchor.id or post.date is None or slot is None):
            new_time = slot
        elif shift is not None and post.time is not None:
            moved = datetime.combine(new_day, post.time) + shift
            new_day, new_time = moved.date(), moved.time()
        targets[post.id] = (new_day, new_time)
    return targets


def drop_posts(
    session: CalendarSession,
    parent: QWidget | None,
    mime: QMimeData,
    day: date | None,
    at: Landing = KEEP_TIME,
    *,
    copy: bool = False,
) -> list[int]:
    """Move (or copy) the dragged posts to ``day`` (None: the backlog).

    Returns the posts that landed (the copies, for a copy); none when nothing
    was done. With several posts, the one under the mouse lands on ``day`` and
    the others keep their distance in days from it (undated ones land on
    ``day`` too). Posts from another open calendar land as copies.
    """
    carried = carried_posts(session, mime)
    if carried is None:
        return []
    if not carried.ours:
        # From another open calendar: copies, as a paste of them is.
        from .transfer import paste_from_calendar

        landed: list[int] = []
        said = paste_from_calendar(
            session, parent, carried, day, at, landed.extend, verb="Copied", step="Copy"
        )
        if said is not None:
            session.copiedIn.emit(said)
        session.placed(landed)
        return landed
    posts = carried.still(session.posts(carried.ids))
    if not posts:
        return []
    targets = placements(posts, carried.anchor, day, at, carried.origin)
    # An occurrence coming out of the backlog has no day to shift its series by: it
    # alone is placed. Several are each placed alone, said (no question for them).
    asks = day is not None and len(posts) == 1 and posts[0].series_id and posts[0].date
    if copy or not asks:
        targets = as_going_out(session, targets)
    unchanged = all((p.date, p.time) == targets[p.id] for p in posts)
    if unchanged and not copy:
        return []
    if copy:
        if at is KEEP_TIME:  # a repeat keeping its time: today, at a time still ahead
            targets = still_ahead(session, targets)
        copies = [(pid, d, t) for pid, (d, t) in targets.items()]
        command = CopyPostsCommand(session, copies)
        landed = command.created_ids if session.try_push(command, parent) else []
        session.placed(landed)
        return landed
    scope: Scope = "this"
    if asks:
        chosen = session.scope_chooser(parent, "move")
        if chosen is None:
            return []
        scope = chosen
        if scope == "this":
            targets = as_going_out(session, targets)
    move = MovePostsCommand(session, targets, scope=scope)
    moved = session.try_push(move, parent)
    landed = list(targets) if moved else []
    gone_out = sum(p.status == PostStatus.PUBLISHED for p in posts) if day is None else 0
    if moved and gone_out:  # (said before the word on posts hidden by the backlog's search)
        session.unpublished.emit(gone_out)
    if moved and move.published_ahead:  # scheduled there: they have not gone out yet
        session.publishedAhead.emit(move.published_ahead)
    occurrences = sum(p.series_id is not None for p in posts) if len(posts) > 1 else 0
    if moved and occurrences:  # no "this one / all" question for several: said instead
        session.occurrencesMoved.emit(occurrences)
    # Said of every post placed: a series moved whole was counted as the one dragged.
    session.placed(move.changed_ids if moved and scope != "this" else landed)
    return landed


def still_ahead(
    session: CalendarSession, targets: dict[int, tuple[date | None, time | None]]
) -> dict[int, tuple[date | None, time | None]]:
    """Copies placed keeping their times: onto today, at a time still ahead
    (:meth:`.CalendarSession.still_ahead`), as a repeat is (here or from another
    calendar)."""
    return {
        pid: (day, session.still_ahead(day, at) if day is not None else at)
        for pid, (day, at) in targets.items()
    }


def as_going_out(
    session: CalendarSession, targets: dict[int, tuple[date | None, time | None]]
) -> dict[int, tuple[date | None, time | None]]:
    """Posts placed on their own: a time the clocks skip on its day (02:30 as they go
    forward) is the time the post then goes out (03:30), where it shows. (A series
    moved as a whole keeps the time on its clock: 02:30 every day, 03:30 that night.)"""
    return {post_id: (day, session.going_out(day, at)) for post_id, (day, at) in targets.items()}


class TurnOnHover(QObject):
    """Holding dragged posts over ``widget`` (the toolbar's ‹ or ›) turns the page:
    after a short pause, and again after each pause while they stay there, so a
    post can be carried to any month. A drop there does nothing. Only while ``lands()``:
    the page turned to has somewhere to drop them (the agenda's rows take none, and it
    turned the month away from the post's day, with only the backlog left to drop on)."""

    PAUSE_MS = 700

    def __init__(
        self, widget: QWidget, turn: Callable[[], None], lands: Callable[[], bool]
    ) -> None:
        super().__init__(widget)
        self._lands = lands
        self._timer = QTimer(self)
        self._timer.setInterval(self.PAUSE_MS)
        self._timer.timeout.connect(turn)
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def turning(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragEnter:
            entered = cast(QDragEnterEvent, event)
            if not entered.mimeData().hasFormat(POSTS_MIME) or not self._lands():
                return False
            entered.accept()
            self._timer.start()
            return True
        if kind == QEvent.Type.DragMove:
            cast(QDragMoveEvent, event).ignore()  # no drop here: the posts are only passing
            return True
        if kind in (QEvent.Type.DragLeave, QEvent.Type.Drop):
            self._timer.stop()
            event.ignore()
            return True
        return False


DRAG_PICTURE_HOT_SPOT = QPoint(12, -22)
"""Where the pointer is on the picture of what is dragged: 12 pixels from its left
edge, 22 above its top. Below the pointer, not under it: the day it is over shows its
highlight, and held over the toolbar's ‹ › the picture leaves the month's title in
sight."""


def drag_selected_rows(view: QAbstractItemView, actions: Qt.DropAction) -> None:
    """Drag the selected rows of a list or table of posts, as Qt would, but with their
    picture hanging below the pointer (:data:`DRAG_PICTURE_HOT_SPOT`), as a chip's does."""
    indexes = [i for i in view.selectedIndexes() if i.flags() & Qt.ItemFlag.ItemIsDragEnabled]
    mime = view.model().mimeData(indexes) if indexes else None
    if mime is None:
        return
    drag = QDrag(view)
    drag.setMimeData(mime)
    picture = _rows_picture(view, indexes)
    if picture is not None:
        drag.setPixmap(picture)
        drag.setHotSpot(DRAG_PICTURE_HOT_SPOT)
    drag.exec(actions, view.defaultDropAction())


_ROWS_PICTURED = 5
"""How many of the rows dragged their picture shows, one under the other."""


def _rows_picture(view: QAbstractItemView, indexes: Sequence[QModelIndex]) -> QPixmap | None:
    """The rows of ``indexes`` in sight, as the view paints them, one under the other
    (rows picked apart with Ctrl: not the rows between them); None when none is."""
    rows: dict[int, QRect] = {}
    for index in indexes:
        rows[index.row()] = rows.get(index.row(), QRect()).united(view.visualRect(index))
    seen = view.viewport().rect()
    shown = [r.intersected(seen) for _, r in sorted(rows.items())]
    shown = [r for r in shown if not r.isEmpty()][:_ROWS_PICTURED]
    if not shown:
        return None
    ratio = view.devicePixelRatioF()
    width, height = max(r.width() for r in shown), sum(r.height() for r in shown)
    picture = QPixmap(int(width * ratio), int(height * ratio))
    picture.setDevicePixelRatio(ratio)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    top = 0
    for rect in shown:
        painter.drawPixmap(0, top, view.viewport().grab(rect))
        top += rect.height()
    painter.end()
    return picture
