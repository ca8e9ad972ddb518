"""Undo commands: the only way the window changes the calendar.

Each command's ``redo`` calls the store and its ``undo`` calls the inverse,
then hands the store's change set to the session so the views refresh. A
drag of several posts is one command (one undo step).
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import date, time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QKeyEvent, QKeySequence, QPalette, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolTip,
    QWidget,
)

from ..core.lengths import clusters
from ..core.models import (
    DATED_ONLY,
    Campaign,
    ChangeSet,
    Channel,
    KeyMessage,
    NewPost,
    Post,
    PostStatus,
    Series,
    isolated,
    published_ahead,
    shortened,
)
from ..core.store import CalendarStore, PostChanges, Scope
from .session import CalendarSession

_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class UndoGoesToTheCalendar(QObject):
    """Lets Ctrl+Z, and Ctrl+Shift+Z, through a text field to the calendar's Undo and
    Redo when the field has no typing of its own to undo or redo: a field claims those
    keys whenever it has the focus, and a step undone from there did nothing (a name
    applied with Enter left the keyboard in a field whose history the form's refill
    had emptied).

    ``when_empty``: the search boxes' rule instead. An empty box lets Ctrl+Z through;
    with a search in it, the keys are the box's alone (a step of the calendar taken
    from there could move a post the search keeps out of sight)."""

    def __init__(self, parent: QObject, *, when_empty: bool = False) -> None:
        super().__init__(parent)
        self._when_empty = when_empty
        self._fields: list[QLineEdit | QPlainTextEdit] = []

    def watch(self, fields: QWidget) -> None:
        """Watch every text field in ``fields`` (a spin box's and a date's too: the
        keys go to the box, its line edit holding the text)."""
        self._fields = [*fields.findChildren(QLineEdit), *fields.findChildren(QPlainTextEdit)]
        for field in (*self._fields, *fields.findChildren(QAbstractSpinBox)):
            field.installEventFilter(self)

    def forget_typing(self) -> None:
        """Empty the watched fields' typing histories: a form filled afresh. A spin box
        given the value it had keeps its text, and with it the typing of that value."""
        for field in self._fields:
            if isinstance(field, QLineEdit):
                field.setText(field.text())  # (its history goes with a text set)
            else:
                field.document().clearUndoRedoStacks()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        assert isinstance(event, QKeyEvent)
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo) or event.keyCombination() == (
            _CTRL_SHIFT | Qt.Key.Key_Z  # the window's Redo, wherever Redo is Ctrl+Y
        )
        field = watched.findChild(QLineEdit) if isinstance(watched, QAbstractSpinBox) else watched
        if isinstance(field, QLineEdit):  # (a spin box's holds its text)
            can_undo, can_redo = field.isUndoAvailable(), field.isRedoAvailable()
            if self._when_empty:
                can_undo = bool(field.text())
                can_redo = can_undo or can_redo
        elif isinstance(watched, QPlainTextEdit):
            document = watched.document()
            can_undo, can_redo = document.isUndoAvailable(), document.isRedoAvailable()
        else:
            return False
        if (undo and not can_undo) or (redo and not can_redo):
            event.ignore()  # not the field's: the window's or dialog's shortcut takes it
            return True
        return False


def elide(text: str, width: int = 40) -> str:
    """``text`` on one line, cut to ``width`` characters with "…" when longer, set
    apart to run its own way in a sentence (:func:`.models.isolated`: a Hebrew title
    with a Latin word in quotes read in pieces in the status bar)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return isolated(text)
    # Cut between characters as a reader sees them (a flag cut in two showed a boxed
    # letter, a family its people apart).
    seen = clusters(text)
    if len(seen) <= width:
        return isolated(text)
    return isolated("".join(seen[: width - 1]).rstrip() + "…")


def menu_text(text: str) -> str:
    """``text`` for a menu item or a button: an "&" in it shown, not taken for a shortcut key."""
    return text.replace("&", "&&")


def without_access_key(text: str) -> str:
    """A menu item's text as a title or a button says it: "&Key messages" is "Key
    messages" (an "&&" is an "&" shown)."""
    return "&".join(part.replace("&", "") for part in text.split("&&"))


def show_tooltip(widget: QWidget, event: QHelpEvent, text: str) -> bool:
    """Answer a tooltip event of ``widget`` with ``text`` as typed (none: no tooltip)."""
    if text:
        QToolTip.showText(event.globalPos(), plain_tooltip(text), widget)
    else:
        QToolTip.hideText()
        event.ignore()
    return True


KEYBOARD_TIP_MS = 700
"""How long the keyboard rests on a spot before it is told what hovering tells (a
hover's own wait)."""

KEYBOARD_TIP_SHOWN_MS = 10_000
"""How long a keyboard tip stays, as a hover's tooltip does."""

MOVING_KEYS = frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
    }
)
"""The keys that move the keyboard within a view: a tip follows them; any other key
puts it away."""


_TIP_AWAY = frozenset(
    {
        QEvent.Type.FocusOut,
        QEvent.Type.Hide,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
    }
)
"""What puts a keyboard tip away, besides keys that do not move the keyboard."""


class KeyboardTip(QObject):
    """What hovering tells, shown where the keyboard rests on ``widget``: ``where``
    gives the text and the spot (a chip, a day, a day of a message's row). A sighted
    keyboard user had no way to read a title cut short, what a red badge counts or
    the cadence panel's numbers (a screen reader hears them in the descriptions).

    A window of its own, which the mouse goes through: Qt's tooltip hides as the pointer
    "leaves" the view for it, so one opening under a resting pointer never showed."""

    def __init__(self, widget: QWidget, where: Callable[[], tuple[str, QRect]]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._where = where
        self._label: QLabel | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(KEYBOARD_TIP_MS)
        self._timer.timeout.connect(self.show)
        self._shown = QTimer(self)
        self._shown.setSingleShot(True)
        self._shown.setInterval(KEYBOARD_TIP_SHOWN_MS)
        self._shown.timeout.connect(self._hide)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _TIP_AWAY:  # as a tooltip goes
            self.dismiss()
        return False

    def key_pressed(self, key: int) -> None:
        """A key pressed in the view: one that moves the keyboard is told of once it
        rests; any other (Esc) puts the tip away."""
        if key in MOVING_KEYS:
            self._hide()
            self._timer.start()
        else:
            self.dismiss()

    def dismiss(self) -> None:
        """Put the tip away, and tell nothing until the keyboard moves again (the view
        left, a post deleted or moved under it)."""
        self._timer.stop()
        self._hide()

    def pending(self) -> bool:
        """Whether the tip is to be shown once the keyboard rests."""
        return self._timer.isActive()

    def shown_text(self) -> str:
        """What the tip shows ("": none)."""
        label = self._label
        return label.text() if label is not None and label.isVisible() else ""

    def _hide(self) -> None:
        self._shown.stop()
        if self._label is not None:
            self._label.hide()

    def show(self) -> None:
        widget = self._widget
        if not widget.hasFocus() or not widget.isVisible():
            return
        text, rect = self._where()
        if not text or rect.isEmpty():
            self._hide()
            return
        label = self._label
        if label is None:
            label = self._label = _tip_label(widget)
        label.setText(plain_tooltip(text))
        label.adjustSize()
        # Under the day's number, or under the chip: clear of what it tells of; above
        # it where the screen ends below, and within the screen's width.
        below = min(rect.height(), 2 * widget.fontMetrics().height())
        spot = widget.mapToGlobal(rect.topLeft() + QPoint(0, below))
        screen = widget.screen().availableGeometry()
        if spot.y() + label.height() > screen.bottom():
            spot.setY(widget.mapToGlobal(rect.topLeft()).y() - label.height())
        spot.setX(max(screen.left(), min(spot.x(), screen.right() - label.width())))
        label.move(spot)
        label.show()
        self._shown.start()


def _tip_label(widget: QWidget) -> QLabel:
    """A tooltip's look, in a window the mouse goes through."""
    flags = (
        Qt.WindowType.ToolTip
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowTransparentForInput
    )
    label = QLabel(widget, flags)
    label.setObjectName("keyboardTip")
    label.setPalette(QToolTip.palette())
    label.setFont(QToolTip.font())
    label.setForegroundRole(QPalette.ColorRole.ToolTipText)
    label.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
    label.setAutoFillBackground(True)
    label.setFrameStyle(QFrame.Shape.Box | QFrame.Shadow.Plain)
    label.setMargin(3)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` for a tooltip, shown as typed, line by line.

    Qt reads a tooltip that looks like markup as markup: a title such as
    "Tom & Jerry <b>live</b>" would lose its tags and its line breaks.
    """
    if not text:
        return text
    # Qt sets a rich-text tooltip narrow (about 200 pixels), breaking each line written
    # as one mid-phrase: a line of up to a sentence keeps to its line; longer ones wrap.
    # Within a line kept whole, Qt still breaks after a hyphen ("Zero-" and "hassle
    # financing" on two lines): there it is the hyphen that does not break (U+2011);
    # after a dash ("Overdue 20 Nov –" then "11 Dec"), a word joiner (U+2060) holds on.
    # However much it holds, it stays on the screen: a tooltip taller than the screen
    # lost its first lines (the post's title, the message's name) above its top edge.
    shown: list[str] = []
    rows = 0  # a long line wraps: it takes a row per _TIP_LINE_CHARS or so
    for line in text.split("\n"):
        takes = max(1, -(-len(line) // _TIP_LINE_CHARS))
        if rows + takes > _TIP_MOST_ROWS:
            room = (_TIP_MOST_ROWS - 1 - rows) * _TIP_LINE_CHARS
            shown.append(shortened(line, room) if room > 0 else "…")
            break
        shown.append(line)
        rows += takes
    lines = (html.escape(line, quote=False) for line in shown)
    # Read left to right as the window's English is, whatever the first letter: a tip
    # starting with a Hebrew title (or an Arabic locale's date) was set right to left
    # whole, its English lines pushed right and their parts reversed.
    return (
        "<qt><div dir='ltr'>"
        + "<br>".join(
            f"<nobr>{line.translate(_HELD_ON_ITS_LINE)}</nobr>"
            if len(line) <= _TIP_LINE_CHARS
            else line
            for line in lines
        )
        + "</div></qt>"
    )


NON_BREAKING_HYPHEN = "\u2011"
WORD_JOINER = "\u2060"
_HELD_ON_ITS_LINE = str.maketrans(
    {"-": NON_BREAKING_HYPHEN, "–": "–" + WORD_JOINER, "—": "—" + WORD_JOINER}
)


_TIP_LINE_CHARS = 90
"""Past this, a tooltip's line wraps (a key message's statement)."""
_TIP_MOST_ROWS = 30
"""A tooltip's rows (its lines, a long one wrapped on several), past which the rest is
left out: what a small screen holds."""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def post_text(verb: str, count: int) -> str:
    return f"{verb} post" if count == 1 else f"{verb} {count} posts"


class StoreCommand(QUndoCommand):
    """Base: subclasses implement :meth:`apply` and :meth:`revert`, returning change sets.

    Each runs in one store transaction, however many store calls it makes:
    a step that fails half-way (a full disk) changes nothing.
    """

    about_posts = False
    """Whether the step is about posts (made, moved, changed, imported), not about key
    messages, channels, campaigns or the calendar, whose posts it changes in passing."""

    def __init__(self, session: CalendarSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._already_done = False
        self.last_changes = ChangeSet()
        """What the step changed when it last ran, done or undone."""

    def apply(self) -> ChangeSet:
        raise NotImplementedError

    def revert(self) -> ChangeSet:
        raise NotImplementedError

    def placed_posts(self) -> frozenset[int]:
        """The posts whose days the window names after an undo or redo of the step
        ("now on Thu 19 Nov"): none for a step not about posts."""
        return self.last_changes.posts if self.about_posts else frozenset()

    def already_done(self) -> None:
        """The step already ran (see CalendarSession): the stack's own call must not rerun it."""
        self._already_done = True

    def _run(self, step: Callable[[], ChangeSet]) -> None:
        if self._already_done:
            self._already_done = False
            return
        with busy():
            with self.session.store.transaction():
                changes = step()
            self.last_changes = changes
            self.session.notify(changes)

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """The mouse pointer says the window is busy while a step runs (undoing the
    deletion of a key message on 20,000 posts takes a second or more)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class _SnapshotCommand(StoreCommand):
    """Undo by putting back the posts (and series rows) as they were before."""

    about_posts = True

    def __init__(
        self,
        session: CalendarSession,
        text: str,
        post_ids: Sequence[int],
        *,
        counting: str | None = None,
        counting_tail: str = "",
    ) -> None:
        super().__init__(session, text)
        self._counting = counting
        self._counting_tail = counting_tail
        """The verb of a step that reaches other occurrences too: its text counts the
        posts it changed once it has run ("Undo Move 16 posts"), unless a text was
        given since (the editor names the post); ``counting_tail`` follows the count
        ("Set 11 posts to Cancelled")."""
        self._placeholder = text
        store = session.store
        named = store.posts(post_ids)
        series_ids = {p.series_id for p in named if p.series_id is not None}
        members = {p.id for s in series_ids for p in store.series_posts(s)}
        # Read once when no series brings others (thousands of ideas were read twice).
        others = members - {p.id for p in named}
        self._before: list[Post] = store.posts(set(post_ids) | members) if others else named
        self._series_before: list[Series] = [store.series(s) for s in sorted(series_ids)]
        self._series_after: frozenset[int] = frozenset()
        self._only_left: frozenset[int] = frozenset()
        """Posts the step only took out of their series, where they were."""
        self.changed_ids: list[int] = []
        """The posts the step changed when it last ran (a series' others too)."""

    def placed_posts(self) -> frozenset[int]:
        """The posts the step changed: its undo puts back a whole series (the
        occurrence's status undone named every day of it). Not those that only left
        their series where they are (one in the backlog, "All" deleted: its redo said
        the 9 posts deleted were "now in the backlog")."""
        changed = self.last_changes.posts & frozenset(self.changed_ids)
        return (changed or self.last_changes.posts) - self._only_left

    def revert(self) -> ChangeSet:
        store = self.session.store
        existing = {s.id for s in self._series_before}
        drop = self._series_after - existing
        changes = store.restore_series(self._series_before, drop=drop)
        return changes | store.restore_posts(self._before, anew=True)

    def remember(self, changes: ChangeSet) -> ChangeSet:
        self._series_after = changes.series
        self.changed_ids = sorted(changes.posts)
        if self._series_before:  # those that only left their series, where they are
            was = {p.id: p for p in self._before}
            self._only_left = frozenset(
                p.id
                for p in self.session.store.posts(changes.posts & was.keys())
                if p.series_id is None
                and was[p.id].series_id is not None
                and (p.date, p.time) == (was[p.id].date, was[p.id].time)
            )
        if self._counting is not None and self.text() == self._placeholder:
            # The posts it changed: not those of the series that were so already
            # ("Set 16 posts to Scheduled" where 8 were).
            before = {p.id: p.as_new() for p in self._before}
            changed = [
                p for p in self.session.store.posts(changes.posts) if before.get(p.id) != p.as_new()
            ]
            count = len(changed) + len(changes.removed_posts)
            self._placeholder = self.counted_text(self._counting, count)
            self.setText(self._placeholder)
        return changes

    def counted_text(self, verb: str, count: int) -> str:
        """The step's text once it has counted the posts it changed."""
        return post_text(verb, count) + self._counting_tail


class MovePostsCommand(_SnapshotCommand):
    """Move posts to new days and times (a drag, the editor's date, back to the backlog)."""

    def __init__(
        self,
        session: CalendarSession,
        moves: Mapping[int, tuple[date | None, time | None]],
        *,
        scope: Scope = "this",
        text: str | None = None,
    ) -> None:
        verb = "Unschedule" if all(d is None for d, _ in moves.values()) else "Move"
        counting = verb if scope != "this" and text is None else None
        super().__init__(
            session, text or post_text(verb, len(moves)), list(moves), counting=counting
        )
        self._moves = dict(moves)
        self._scope = scope
        self.published_ahead = 0
        """Published posts it put on days to come, scheduled there, when it last ran."""
        self._today: date | None = None
        """The day it was first taken: a redo the next week does what it did (a published
        post put on a day then to come came back published, as if it had gone out)."""
        # Ideas given days: "Schedule", the other way round from "Unschedule" (it read
        # "Move post", which an idea never was on a day to move from).
        scheduled = bool(moves) and all(day is not None for day, _ in moves.values())
        ideas = scheduled and all(p.date is None for p in self._before)
        if text is None and scope == "this" and ideas:
            self.setText(post_text("Schedule", len(moves)))

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._scope == "this":
            today = self._today = self._today or self.session.today()
            self.published_ahead = sum(
                p.status == PostStatus.PUBLISHED
                and p.status_placed_on(self._moves[p.id][0], today) == PostStatus.SCHEDULED
                for p in self._before
                if p.id in self._moves
            )
            return self.remember(store.move_posts(self._moves, today))
        changes = ChangeSet()
        for post_id, (day, at) in self._moves.items():
            # A time set on every post in scope only when the drop gave this one another
            # (an hour of the week): a day's drop keeps each post's own time.
            edit: PostChanges = {"date": day}
            if at != store.post(post_id).time:
                edit["time"] = at
            changes |= store.update_occurrences(post_id, edit, self._scope)
        return self.remember(changes)


class EditPostsCommand(_SnapshotCommand):
    """Change fields of posts (the editor, a bulk status change)."""

    def __init__(
        self,
        session: CalendarSession,
        edits: Mapping[int, PostChanges],
        *,
        scope: Scope = "this",
        text: str | None = None,
        verb: str = "Edit",
        tail: str = "",
    ) -> None:
        """``verb`` and ``tail`` make the text of a step that reaches other occurrences
        too, once it counts them ("Set 11 posts to Cancelled")."""
        counting = verb if scope != "this" and text is None else None
        super().__init__(
            session,
            text or post_text(verb, len(edits)) + tail,
            list(edits),
            counting=counting,
            counting_tail=tail,
        )
        self._edits = dict(edits)
        self._scope = scope

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._scope == "this":
            return self.remember(store.update_posts(self._edits))
        changes = ChangeSet()
        for post_id, edit in self._edits.items():
            changes |= store.update_occurrences(post_id, edit, self._scope)
        return self.remember(changes)


def status_command(
    session: CalendarSession,
    posts: Sequence[Post],
    status: PostStatus,
    *,
    scope: Scope = "this",
) -> EditPostsCommand | None:
    """One undo step giving ``status`` to those of the posts (as read) that do not have
    it ("Set 3 posts to Published"), and to the other occurrences of their series the
    scope takes in; None when none of them would change."""
    from .post_model import status_label

    edits: dict[int, PostChanges] = {
        p.id: {"status": status} for p in posts if p.status != status or scope != "this"
    }
    store = session.store
    if scope != "this" and not any(
        store.occurrences_changing(p.id, {"status": status}, scope) for p in posts
    ):
        return None
    if not edits:
        return None
    if scope != "this":  # its text counts the occurrences it changed
        return EditPostsCommand(
            session, edits, scope=scope, verb="Set", tail=f" to {status_label(status)}"
        )
    text = f"{post_text('Set', len(edits))} to {status_label(status)}"
    return EditPostsCommand(session, edits, text=text)


def series_scope(
    session: CalendarSession, parent: QWidget | None, post_ids: Sequence[int], verb: str
) -> Scope | None:
    """For one occurrence of a series: this one, the following or all, as the user
    answers (None when the question is cancelled); "this" for anything else, and for
    an occurrence sent to the backlog, which went alone (Delete there offered "this and
    following", counted from the day it no longer shows)."""
    if len(post_ids) != 1:  # not read: 50,000 ideas took a quarter of a second
        return "this"
    posts = session.posts(post_ids)
    if len(posts) == 1 and posts[0].series_id is not None and posts[0].date is not None:
        return session.scope_chooser(parent, verb)
    return "this"


def set_posts_status(
    session: CalendarSession, parent: QWidget | None, post_ids: Sequence[int], status: PostStatus
) -> bool:
    """Give the posts ``status`` as one undo step, an occurrence of a series asking, as
    the editor does, whether the others change too (cancelling a weekly series took a
    change in every month); False when nothing changes. A post in the backlog is
    neither scheduled nor published (it has no day to go out on): left as it is.

    The pointer says busy while the posts are read (50,000 ideas took a second before
    it did), but for the question about a series."""
    with busy():
        posts = session.posts(post_ids)
        if status in DATED_ONLY:  # (the other occurrences of a series: see _for_occurrence)
            posts = [p for p in posts if p.date is not None]
            post_ids = [p.id for p in posts]
        # Not published before it goes out (it counted as delivered on a day to come),
        # as the editor refuses it and a drag there schedules a published post.
        today = session.today()
        ahead = [p for p in posts if published_ahead(status, p.date, today)]
        if ahead:
            posts = [p for p in posts if not published_ahead(status, p.date, today)]
            post_ids = [p.id for p in posts]
            if not posts:
                session.changedShown.emit(_published_ahead_word(ahead))
                return False
        # An occurrence asks which, unless no other occurrence would change (those gone
        # out stay as they went): the answer changed nothing, yet split the series.
        others = len(posts) == 1 and any(
            other.id != posts[0].id
            for other in session.store.occurrences_changing(posts[0].id, {"status": status}, "all")
        )
        if all(p.status == status for p in posts) and not others:
            if ahead:  # (those it could change are so already: the others said)
                session.changedShown.emit(_published_ahead_word(ahead))
            return False  # nothing it could change: not asked which
    scope = series_scope(session, parent, post_ids, "change") if others else "this"
    if scope is None:
        return False
    with busy():
        command = status_command(session, posts, status, scope=scope)
    if command is None or not session.try_push(command, parent):
        return False
    from .post_model import status_label

    said = command.text()
    changed = [p for p in posts if p.status != status]
    if scope == "this" and len(changed) == 1:  # "Set post to …": which one
        said = f"Set '{changed[0].title}' to {status_label(status)}"
    if len(ahead) == 1:
        said += "; 1 on a day to come stayed as it was (not gone out yet)"
    elif ahead:
        said += f"; {len(ahead)} on days to come stayed as they were (not gone out yet)"
    session.edited(post_ids, said)
    return True


def _published_ahead_word(ahead: Sequence[Post]) -> str:
    """What Set Status > Published says of posts all on days to come, left as they were."""
    if len(ahead) == 1:
        return (
            f"'{elide(ahead[0].title)}' is on a day to come: it is published once it has gone"
            " out (set it to Scheduled until then)."
        )
    return (
        f"The {len(ahead)} posts are on days to come: they are published once they have gone"
        " out (set them to Scheduled until then)."
    )


class DeletePostsCommand(_SnapshotCommand):
    def __init__(
        self,
        session: CalendarSession,
        post_ids: Sequence[int],
        *,
        scope: Scope = "this",
        named: str = "",
    ) -> None:
        """``named`` (a post's title, quoted) follows the count of a step that reaches
        other occurrences ("Delete 16 posts of 'Tip'"; "Delete post 'Tip'" for one)."""
        counting = "Delete" if scope != "this" else None
        super().__init__(session, post_text("Delete", len(post_ids)), post_ids, counting=counting)
        self._named = named
        self._ids = list(post_ids)
        self._scope = scope
        self.left_published = 0
        """Published posts in scope that stayed, out of their series, when it last ran."""
        self.left_in_backlog = 0
        """Posts of theirs in the backlog that stayed there, out of their series."""

    @property
    def post_ids(self) -> list[int]:
        """The posts the user deleted (a series' others with them, by the scope)."""
        return list(self._ids)

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._scope == "this":
            return self.remember(store.delete_each(self._ids))
        changes = ChangeSet()
        for post_id in self._ids:
            if store.posts([post_id]):  # an earlier one may have taken it with its series
                changes |= store.delete_occurrences(post_id, self._scope)
        # What went out stays on record, out of its series: said with the count.
        before = {p.id: p for p in self._before}
        left = [before[i] for i in changes.posts - changes.removed_posts if i in before]
        self.left_published = sum(1 for p in left if p.status == PostStatus.PUBLISHED)
        # So do those sent to the backlog, which went alone: said too.
        self.left_in_backlog = sum(1 for p in left if p.date is None)
        return self.remember(changes)

    def counted_text(self, verb: str, count: int) -> str:
        if not self._named:
            return super().counted_text(verb, count)
        return (
            f"Delete {count} posts of {self._named}" if count > 1 else f"Delete post {self._named}"
        )


def said_deleted(
    gone: int, left_published: int, undo: str, unseen: str = "", *, left_in_backlog: int = 0
) -> str:
    """The status bar's word on posts deleted: "Deleted 16 posts; 1 published post stays
    on its day, out of the series; Ctrl+Z brings them back." (``undo`` the keys); and
    of the posts of the series in the backlog, which stay there."""
    them = "it" if gone == 1 else "them"
    stayed = ""
    if left_published:
        one = left_published == 1
        stayed = (
            f"; {plural(left_published, 'published post')} {'stays' if one else 'stay'} on"
            f" {'its day' if one else 'their days'}, out of the series"
        )
    if left_in_backlog:
        one = left_in_backlog == 1
        stayed += (
            f"; {plural(left_in_backlog, 'post')} in the backlog {'stays' if one else 'stay'}"
            " there, out of the series"
        )
    return f"Deleted {plural(gone, 'post')}{unseen}{stayed}; {undo} brings {them} back."


class _CreateCommand(StoreCommand):
    """Create posts; undo deletes them, redo puts the very same posts back."""

    about_posts = True

    def __init__(self, session: CalendarSession, text: str) -> None:
        super().__init__(session, text)
        self._created: list[Post] = []
        self._series: list[Series] = []
        self._versions: list[tuple[Any, ...]] = []

    def create(self) -> ChangeSet:
        raise NotImplementedError

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._created:
            changes = store.restore_series(self._series)
            return changes | store.restore_posts(self._created, self._versions, anew=True)
        changes = self.create()
        self._created = store.posts(changes.created)
        self._series = [store.series(s) for s in sorted(changes.series)]
        return changes

    def revert(self) -> ChangeSet:
        store = self.session.store
        changes, self._versions = store.unmake_posts(p.id for p in self._created)
        return changes | store.restore_series([], drop=[s.id for s in self._series])

    @property
    def created_ids(self) -> list[int]:
        return [p.id for p in self._created]


class CopyPostsCommand(_CreateCommand):
    """Copy posts to days (Ctrl-drag): the quickest way to repeat a key message."""

    def __init__(
        self,
        session: CalendarSession,
        copies: Sequence[tuple[int, date | None, time | None]],
        *,
        text: str | None = None,
        without_campaign: Collection[int] = (),
    ) -> None:
        super().__init__(session, text or post_text("Copy", len(copies)))
        self._copies = list(copies)
        self._without_campaign = frozenset(without_campaign)

    def create(self) -> ChangeSet:
        return self.session.store.copy_posts(self._copies, without_campaign=self._without_campaign)


class AddPostCommand(_CreateCommand):
    """A new post, or a new recurring series when ``rule`` is given."""

    def __init__(self, session: CalendarSession, post: NewPost, rule: str | None = None) -> None:
        super().__init__(session, "Add recurring post" if rule else "Add post")
        self._post = post
        self._rule = rule

    def create(self) -> ChangeSet:
        if self._rule:  # published up to the day the window says is today
            return self.session.store.add_series(self._post, self._rule, today=self.session.today())
        return self.session.store.add_post(self._post)


class _RepeatCommand(StoreCommand):
    """The editor's save of a post with a repeat: ``changes`` to the post, ``rule`` the
    repeat chosen."""

    about_posts = True

    default_text = ""

    def __init__(
        self,
        session: CalendarSession,
        post_id: int,
        changes: PostChanges,
        rule: str,
        *,
        text: str | None = None,
        scope: Scope = "this",
    ) -> None:
        super().__init__(session, text or self.default_text)
        self._post_id = post_id
        self._changes = changes
        self._scope: Scope = scope
        """A changed repeat's: which posts ``changes`` go to besides this one."""
        self._rule = rule
        self._remember(session.store)

    def _remember(self, store: CalendarStore) -> None:
        """Keep what the undo puts back, before the command runs."""
        raise NotImplementedError


class RepeatPostCommand(_RepeatCommand):
    """Edit a dated post, then make it the first occurrence of a new series (the editor).

    Undo deletes the repeats and puts the post back as it was; redo brings
    back the very same repeats (same uids), as :class:`AddPostCommand` does.
    """

    default_text = "Repeat post"

    def _remember(self, store: CalendarStore) -> None:
        self._before = store.post(self._post_id)
        self._after: list[Post] = []
        self._series: Series | None = None
        self._versions: list[tuple[Any, ...]] = []

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._series is not None:
            changes = store.restore_series([self._series])
            return changes | store.restore_posts(self._after, self._versions, anew=True)
        changes = store.repeat_post(self._post_id, self._rule, edit=self._changes)
        (series_id,) = changes.series
        self._series = store.series(series_id)
        self._after = store.series_posts(series_id)
        return changes

    def revert(self) -> ChangeSet:
        store = self.session.store
        assert self._series is not None
        repeats = [p.id for p in self._after if p.id != self._post_id]
        changes, self._versions = store.unmake_posts(repeats)
        changes |= store.restore_series([], drop=[self._series.id])
        return changes | store.restore_posts([self._before])  # (never deleted: as it was)


class ChangeRepeatCommand(_RepeatCommand):
    """Edit an occurrence and give it and the following ones a new repeat rule (the
    editor's "Change…" on a recurring post).

    Undo puts the series and its posts back as they were (the copies go, the
    occurrences the new rule removed come back); redo brings back the very same
    result (same uids).
    """

    default_text = "Change repeat"

    def _remember(self, store: CalendarStore) -> None:
        series_id = store.post(self._post_id).series_id
        assert series_id is not None
        self._series_before = store.series(series_id)
        self._before = store.series_posts(series_id)
        self._series_after: list[Series] = []
        self._after: list[Post] = []
        self._removed: list[int] = []
        self._created: list[int] = []
        self._versions: list[tuple[Any, ...]] = []

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._series_after:
            changes = store.restore_series(self._series_after)
            changes |= store.restore_posts(self._after, self._versions, anew=True)
            return changes | store.delete_posts(self._removed)
        changes = store.change_repeat(
            self._post_id, self._rule, edit=self._changes, scope=self._scope
        )
        self._series_after = [store.series(s) for s in sorted(changes.series)]
        members = {p.id for s in self._series_after for p in store.series_posts(s.id)}
        self._after = store.posts(members | (changes.posts - changes.removed_posts))
        self._removed = sorted(changes.removed_posts)
        self._created = list(changes.created)
        return changes

    def revert(self) -> ChangeSet:
        store = self.session.store
        changes, self._versions = store.unmake_posts(self._created)
        made = [s.id for s in self._series_after if s.id != self._series_before.id]
        changes |= store.restore_series([self._series_before], drop=made)
        return changes | store.restore_posts(self._before, anew=True)


class AddKeyMessageCommand(StoreCommand):
    def __init__(self, session: CalendarSession, message: KeyMessage) -> None:
        super().__init__(session, f"Add key message '{elide(message.title)}'")
        self._message = message
        self._saved: KeyMessage | None = None

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._saved is not None:
            # Under its number a deleted one's former names may be back (an undo of
            # the deletion before the add): none is this one's.
            store.give_names_had("message", self._saved.id, ())
            return store.restore_key_message(self._saved)
        m = self._message
        changes = store.add_key_message(
            m.title,
            statement=m.statement,
            cadence_days=m.cadence_days,
            color=m.color,
            starts_on=m.starts_on,
            ends_on=m.ends_on,
            priority=m.priority,
        )
        self._saved = store.key_message(changes.created[0])
        return changes

    def revert(self) -> ChangeSet:
        assert self._saved is not None
        # An Add undone made nothing for imports to leave off: not a deletion to remember.
        return self.session.store.delete_key_message(self._saved.id, remembered=False)


class _NamesKept(StoreCommand):
    """A change to a channel, key message or campaign whose undo and redo give it back
    exactly the former names it had (which imports and merges follow to find it), not
    names guessed from the change."""

    kind = ""
    """The record's kind, as :meth:`.CalendarStore.names_had` names it."""

    def __init__(self, session: CalendarSession, text: str, record_id: int) -> None:
        super().__init__(session, text)
        self._record_id = record_id
        # (A record being added has none: it is not there yet.)
        self._names_before = (
            session.store.names_had(self.kind, record_id) if record_id else frozenset()
        )
        self._names_after: frozenset[str] | None = None
        """What the first run left (None until it ran)."""

    def _edit(self, first: Callable[[], ChangeSet], again: Callable[[], ChangeSet]) -> ChangeSet:
        """The change: ``first`` the first time (the store checks it, and remembers a
        name left by a rename), ``again`` on a redo (written back exactly), with the
        names the first run left."""
        store = self.session.store
        if self._names_after is None:
            changes = first()
            self._names_after = store.names_had(self.kind, self._record_id)
            return changes
        changes = again()
        store.give_names_had(self.kind, self._record_id, self._names_after)
        return changes

    def _put_back(self, restore: Callable[[], ChangeSet]) -> ChangeSet:
        """An undo writing the record back (``restore``), with the names it had, given
        first: the record written back over its deletion reads them to clear their
        marks as a deleted record's (an add undone in between had taken them)."""
        self.session.store.give_names_had(self.kind, self._record_id, self._names_before)
        return restore()


class UpdateKeyMessageCommand(_NamesKept):
    """Change a key message; undo writes it back as it was, its names included (an undone
    rename leaves no former name behind for imports to follow)."""

    kind = "message"

    def __init__(self, session: CalendarSession, new: KeyMessage) -> None:
        super().__init__(session, f"Edit key message '{elide(new.title)}'", new.id)
        self._old = session.store.key_message(new.id)
        self._new = new

    def apply(self) -> ChangeSet:
        store = self.session.store
        return self._edit(
            lambda: store.update_key_message(self._new),
            lambda: store.restore_key_message(self._new),
        )

    def revert(self) -> ChangeSet:
        return self._put_back(lambda: self.session.store.restore_key_message(self._old))


class DeleteKeyMessageCommand(_NamesKept):
    """Delete a key message; undo brings it back with the same posts carrying it."""

    kind = "message"

    def __init__(self, session: CalendarSession, message_id: int) -> None:
        message = session.store.key_message(message_id)
        super().__init__(session, f"Delete key message '{elide(message.title)}'", message_id)
        self._message = message
        self._carriers = session.store.posts_carrying(message_id)

    def apply(self) -> ChangeSet:
        return self.session.store.delete_key_message(self._message.id)

    def revert(self) -> ChangeSet:
        store = self.session.store
        return self._put_back(lambda: store.restore_key_message(self._message, self._carriers))


class ChannelCommand(_NamesKept):
    """Add a channel (``old`` None) or change one (``new`` with the same id)."""

    kind = "channel"

    def __init__(self, session: CalendarSession, old: Channel | None, new: Channel) -> None:
        verb = "Add" if old is None else "Edit"
        super().__init__(session, f"{verb} channel '{elide(new.name)}'", old.id if old else 0)
        self._old = old
        self._new = new
        self._saved: Channel | None = None

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._old is not None:
            n = self._new
            return self._edit(
                lambda: store.update_channel(
                    n.id,
                    name=n.name,
                    kind=n.kind,
                    color=n.color,
                    char_limit=n.char_limit,
                    sort_order=n.sort_order,
                    archived=n.archived,
                ),
                lambda: store.restore_channel(n),
            )
        if self._saved is not None:  # the redo of an add: no deleted one's former names
            store.give_names_had("channel", self._saved.id, ())
            return store.restore_channel(self._saved)
        n = self._new
        changes = store.add_channel(n.name, kind=n.kind, color=n.color, char_limit=n.char_limit)
        self._saved = store.channel(changes.created[0])
        return changes

    def revert(self) -> ChangeSet:
        store = self.session.store
        old = self._old
        if old is not None:
            return self._put_back(lambda: store.restore_channel(old))
        assert self._saved is not None
        return store.delete_channel(self._saved.id)


class CampaignCommand(_NamesKept):
    """Add a campaign (``old`` None), change one, or delete one (``new`` None)."""

    kind = "campaign"

    def __init__(
        self, session: CalendarSession, old: Campaign | None, new: Campaign | None
    ) -> None:
        named = new or old
        assert named is not None
        verb = "Add" if old is None else "Delete" if new is None else "Edit"
        super().__init__(session, f"{verb} campaign '{elide(named.name)}'", old.id if old else 0)
        self._old = old
        self._new = new
        self._carriers = (
            session.store.posts_in_campaign(old.id) if old is not None and new is None else []
        )

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._new is None:
            assert self._old is not None
            return store.delete_campaign(self._old.id)
        if self._old is None and self._new.id <= 0:
            n = self._new
            changes = store.add_campaign(
                n.name, kind=n.kind, starts_on=n.starts_on, ends_on=n.ends_on, color=n.color
            )
            self._new = store.campaign(changes.created[0])
            return changes
        new = self._new
        if self._old is None:  # the redo of an add: no deleted one's former names
            store.give_names_had("campaign", new.id, ())
            return store.restore_campaign(new)
        return self._edit(lambda: store.update_campaign(new), lambda: store.restore_campaign(new))

    def revert(self) -> ChangeSet:
        store = self.session.store
        if self._old is None:
            assert self._new is not None
            return store.delete_campaign(self._new.id, remembered=False)  # an Add undone
        old = self._old
        return self._put_back(lambda: store.restore_campaign(old, self._carriers))


class DeleteChannelCommand(_NamesKept):
    """Delete a channel that no post uses (the store refuses otherwise); undo puts it back."""

    kind = "channel"

    def __init__(self, session: CalendarSession, channel_id: int) -> None:
        channel = session.store.channel(channel_id)
        super().__init__(session, f"Delete channel '{elide(channel.name)}'", channel_id)
        self._channel = channel

    def apply(self) -> ChangeSet:
        return self.session.store.delete_channel(self._channel.id)

    def revert(self) -> ChangeSet:
        return self._put_back(lambda: self.session.store.restore_channel(self._channel))
