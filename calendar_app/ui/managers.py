"""Managers for the calendar's key messages, channels and campaigns.

Each manager is a dialog with the items on the left (colour swatches; archived
ones greyed, shown on request) and a form on the right for the selected item.
Edits are applied with "Apply", or on their own when the user moves to another
item or closes the dialog, so nothing typed is lost. Every applied change is
one undo command with readable text ("Edit key message 'Solar pays'"); a
change the calendar refuses (a duplicate name...) is shown and nothing of it
is kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShowEvent,
    QUndoCommand,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.colors import spoken
from ..core.errors import InvalidInput, NotFound
from ..core.lengths import post_length
from ..core.models import (
    CHANNEL_KINDS,
    MAX_CADENCE_DAYS,
    MAX_CHAR_LIMIT,
    Campaign,
    CampaignKind,
    ChangeSet,
    Channel,
    KeyMessage,
    WeekStart,
    every_days,
    guessed_kind,
    in_words,
    known_limit,
    name_key,
    parse_color,
    shortened,
    shows_nothing,
)
from ..core.store import PALETTE, free_color, looks_taken
from ..render.cadence_strip import day_text
from ..render.chips import slanted
from .commands import (
    AddKeyMessageCommand,
    CampaignCommand,
    ChannelCommand,
    DeleteChannelCommand,
    DeleteKeyMessageCommand,
    UndoGoesToTheCalendar,
    UpdateKeyMessageCommand,
    plain_tooltip,
    plural,
)
from .dialogs import (
    SaveAnswer,
    ask_apply_over,
    ask_save_changes,
    changed_there_too,
    fit_on_screen,
    message_box,
    run_modal,
    scrolled,
    show_error,
)
from .editor import (
    KeptSpinBox,
    NearestSpinBox,
    counted_suffix,
    elide,
    hint_label,
    make_date_edit,
    muted_color,
    pydate,
    qdate,
    swatch_icon,
    typed_text,
    warning_color,
)
from .session import CalendarSession, ErrorHandler

Confirm = Callable[[QWidget | None, str, str], bool]
"""Asks (parent, title, question) before something destructive; True goes ahead."""

NEW = 0
"""The id of the item being added, before it exists."""
HEADING_LENGTH = 120  # characters over the form, about three lines of its bold
ARCHIVE_TEXT = "A&rchive"
RESTORE_TEXT = "&Restore"
"""The archive button's two texts (Alt+E is the end date's)."""


def ask_confirmation(parent: QWidget | None, title: str, text: str) -> bool:
    box = message_box(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(text)
    undo = QKeySequence(QKeySequence.StandardKey.Undo)
    keys = undo.toString(QKeySequence.SequenceFormat.NativeText)
    box.setInformativeText(f"You can undo this with {keys}, here or in the calendar's Edit menu.")
    go = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    run_modal(box)
    return box.clickedButton() is go


def _next_in(ids: list[int], row: int) -> int | None:
    """The item shown once the one at ``row`` leaves the list: the next, else the one
    before it, else none."""
    rest = ids[row + 1 :] + ids[:row][::-1]
    return rest[0] if rest else None


FIELD_WORDS = {
    "title": "title",
    "name": "name",
    "statement": "statement",
    "cadence_days": "cadence",
    "color": "colour",
    "starts_on": "start",
    "ends_on": "end",
    "priority": "priority",
    "kind": "kind",
    "char_limit": "character limit",
}
"""A manager's fields as a sentence names them."""


# -- small fields --------------------------------------------------------------------


class ColorField(QWidget):
    """A colour: a button opening the colour dialog, and a few preset swatches."""

    colorChanged = Signal(str)

    def __init__(self, presets: Sequence[str] = PALETTE[:8], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = presets[0] if presets else "#2f6fde"
        self.color_button = QPushButton()
        self.color_button.setIconSize(QSize(16, 16))
        self.color_button.setToolTip("Choose any colour")
        self.color_button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.color_button)
        layout.addSpacing(6)
        self.preset_buttons: list[QToolButton] = []
        self._presets = [parse_color(preset) for preset in presets]
        # One pressed at most, and a click on it leaves it pressed (it let go of it).
        self._swatches = QButtonGroup(self)
        for preset in self._presets:
            button = QToolButton()
            button.setIcon(swatch_icon(preset, 14, true=True))
            button.setIconSize(QSize(14, 14))
            button.setAutoRaise(True)
            button.setCheckable(True)  # the colour chosen shows pressed, and is said so
            button.setToolTip(f"{spoken(preset).capitalize()} ({preset})")
            button.setAccessibleName(f"Colour: {spoken(preset)} ({preset})")
            button.clicked.connect(lambda _=False, c=preset: self.set_color(c))
            self._swatches.addButton(button)
            self.preset_buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self._show()

    def color(self) -> str:
        return self._color

    def set_color(self, value: str) -> None:
        value = parse_color(value)
        if value != self._color:
            self._color = value
            self._show()
            self.colorChanged.emit(value)

    def choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self, "Choose a colour")
        if chosen.isValid():
            self.set_color(chosen.name())

    def _show(self) -> None:
        self.color_button.setIcon(swatch_icon(self._color, 16, true=True))
        # As wide for every colour, the widest a colour's name can be: "#e3a008" was a
        # pixel wider than the colour the manager was sized for, and its form scrolled
        # sideways at 20 pt.
        metrics = self.color_button.fontMetrics()
        self.color_button.setText("#" + max("0123456789abcdef", key=metrics.horizontalAdvance) * 6)
        self.color_button.setFixedWidth(self.color_button.sizeHint().width())
        self.color_button.setText(self._color)
        self.color_button.setAccessibleName(
            f"Colour: {spoken(self._color)} ({self._color}); choose another"
        )
        self._swatches.setExclusive(False)  # (else none could be let go: another colour)
        for button, preset in zip(self.preset_buttons, self._presets, strict=True):
            button.setChecked(preset == self._color)
        self._swatches.setExclusive(True)
        # One Tab stop, the colour chosen (the first when another is), as radio buttons
        # have: Tab went to the first swatch, then to the one focused last, whatever
        # the colour, and a screen reader said "blue, not checked" of a purple message.
        chosen = self._swatches.checkedButton() or next(iter(self.preset_buttons), None)
        for button in self.preset_buttons:
            button.setFocusPolicy(
                Qt.FocusPolicy.TabFocus if button is chosen else Qt.FocusPolicy.NoFocus
            )


def key_to_field(label: QLabel, check: QAbstractButton, field: QWidget) -> None:
    """``label``'s key (Alt+N for "Starts o&n") goes to ``field`` while ``check`` is
    ticked, to ``check`` while it is not: a label's key clicks a button it points to, and
    Alt+N on a message that starts on a day left it starting on none."""

    def point() -> None:
        label.setBuddy(field if check.isChecked() else check)

    check.toggled.connect(point)
    point()


class OptionalDateField(QWidget):
    """A date that may be left open: a check box and a date field."""

    changed = Signal()

    def __init__(
        self, accessible_name: str, week_start: WeekStart, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.check = QCheckBox()
        self.check.setAccessibleName(f"Has {accessible_name.lower()}")
        self.check.setToolTip("Untick to leave the date open")
        self.edit = make_date_edit(accessible_name, week_start)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        self.setFocusProxy(self.check)

    def label_for(self, label: QLabel) -> QLabel:
        """``label``, its key going to the date while one is set (:func:`key_to_field`)."""
        key_to_field(label, self.check, self.edit)
        return label

    def value(self) -> date | None:
        return pydate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None, fallback: date) -> None:
        shown = value or fallback
        self.edit.setDate(qdate(shown))
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)


# -- the common dialog ---------------------------------------------------------------

R = TypeVar("R", KeyMessage, Channel, Campaign)


class _Manager(QDialog, Generic[R]):
    """A list of records and a form; subclasses say how to read, show and change them."""

    _COLOR_START = 0
    """Where in the palette a new item's colour is looked for (as the command line does)."""

    color_field: ColorField
    """Each form's colour (:meth:`_add_color_row` puts it in the form)."""

    noun = "item"
    names_field = ""
    """The :class:`.ChangeSet` field that tells of the items listed here."""
    plural_title = "Items"
    archivable = True
    asks_before_delete = True
    """Whether Delete asks first (its button then ends in "…"): a channel goes at once,
    only when no post is on it, and comes back with Undo."""

    def __init__(
        self,
        session: CalendarSession,
        parent: QWidget | None = None,
        *,
        error_handler: ErrorHandler = show_error,
        confirm: Confirm = ask_confirmation,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._error = error_handler
        self._confirm = confirm
        self.ask_save_changes: Callable[[QWidget, str], SaveAnswer] = ask_save_changes
        self.ask_apply_over: Callable[[QWidget, str, str], bool] = ask_apply_over
        """Asked when a field typed here was changed elsewhere meanwhile too."""
        self._current_id: int | None = None
        self._busy = False
        self._filling = False
        self._filled: R | None = None  # what the form showed before the user typed
        self.setWindowTitle(self.plural_title)
        self.setAccessibleName(f"{self.plural_title} manager")

        # Left: the list and what acts on a whole item.
        self.item_list = QListWidget()
        self.item_list.setAccessibleName(self.plural_title.capitalize())
        self.item_list.setIconSize(QSize(12, 12))
        self.item_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.item_list.setMinimumWidth(210)
        # A long name wraps, whole (it was cut mid-letter behind a sideways scroll bar).
        self.item_list.setWordWrap(True)
        self.item_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.item_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.show_archived_check = QCheckBox("Show arc&hived")
        self.show_archived_check.setVisible(self.archivable)
        self.add_button = QPushButton("&Add")
        self.add_button.setAccessibleName(f"Add {self.noun}")
        self.archive_button = QPushButton("A&rchive")
        self.archive_button.setVisible(self.archivable)
        self.delete_button = QPushButton("&Delete…" if self.asks_before_delete else "&Delete")
        self.delete_button.setAccessibleName(f"Delete {self.noun}")
        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.add_button)
        actions.addWidget(self.archive_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.item_list, 1)
        left.addWidget(self.show_archived_check)
        left.addLayout(actions)

        # Right: the form.
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a name, as typed
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        # A long title wraps rather than widening the dialog past the screen.
        self.heading.setWordWrap(True)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        self.form_widget = QWidget()
        self.form_widget.setLayout(self.form)
        self.form.setContentsMargins(0, 0, 0, 0)
        self._build_form(self.form)
        self.revert_button = QPushButton("Re&vert")
        self.revert_button.setToolTip("Forget the changes made in the form")
        self.apply_button = QPushButton("A&pply")
        self.apply_button.setToolTip("Save the changes made in the form")
        self.apply_button.setDefault(True)
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.revert_button)
        form_buttons.addWidget(self.apply_button)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addSpacing(4)
        # Scrolled where the screen is too narrow or short for it (a half screen at 125%).
        form_holder = QWidget()  # the form's rows at their height, the room left below
        holder_layout = QVBoxLayout(form_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.form_widget)
        holder_layout.addStretch(1)
        self.form_area = scrolled(form_holder, sideways=True)
        right.addWidget(self.form_area, 1)
        self.empty_label = QLabel(f"No {self.noun} selected. Use Add to create one.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        palette = self.empty_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
        self.empty_label.setPalette(palette)
        right.addWidget(self.empty_label, 1)  # in the form's place
        right.addLayout(form_buttons)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.button_box.rejected.connect(self.reject)
        # What an undo or redo here did: the steps are the calendar's, and one taken
        # before the dialog opened (a post deleted) came back unseen behind it; and what
        # an archiving means.
        self.step_said = hint_label("", wrap=True)
        self.step_said.setTextFormat(Qt.TextFormat.PlainText)  # names, as typed
        self.step_said.setAccessibleName("Last step")
        bottom = QHBoxLayout()
        bottom.addWidget(self.step_said, 1)
        bottom.addWidget(self.button_box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 12)
        outer.addLayout(columns, 1)
        outer.addLayout(bottom)

        # Undo and redo work inside the (modal) dialog too, through the session, which
        # says why when the file refuses a step and keeps the stack in step with it.
        stack = session.undo_stack
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self._enable_undo()
        stack.canUndoChanged.connect(self._enable_undo)
        stack.indexChanged.connect(self._enable_undo)  # the session's floor (can_undo)
        self.undo_action.triggered.connect(lambda: self._step(session.undo, "Undone"))
        self.redo_action = QAction("&Redo", self)
        # The platform's Redo and Ctrl+Shift+Z, each once: where they are the same key
        # (Linux), given twice it was ambiguous, and no key redid anything.
        keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        if QKeySequence("Ctrl+Shift+Z") not in keys:
            keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.setShortcuts(keys)
        self.redo_action.setEnabled(stack.canRedo())
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.redo_action.triggered.connect(lambda: self._step(session.redo, "Redone"))
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self._undo_through = UndoGoesToTheCalendar(self)
        self._undo_through.watch(self.form_area)  # Enter applied, the keyboard still there

        self.item_list.currentRowChanged.connect(self._on_row_changed)
        self.show_archived_check.toggled.connect(self._archived_shown)
        self.add_button.clicked.connect(self.add_item)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button.clicked.connect(self.delete_item)
        self.apply_button.clicked.connect(self.apply)
        self.revert_button.clicked.connect(self.revert)
        session.changed.connect(self._on_session_changed)
        self._listening = True

        self._reload()
        # As large as its form asks (a large font): the form has three fifths of the
        # width beside the list; no larger than the screen, where the form scrolls.
        outer.activate()
        bar = self.form_area.verticalScrollBar().sizeHint().width()
        form_width = form_holder.sizeHint().width() + bar
        width = outer.contentsMargins().left() * 2 + columns.spacing() + form_width * 5 // 3
        fit_on_screen(self, max(760, width), max(460, self.sizeHint().height()))

    def _step(self, step: Callable[[QWidget | None], bool], done: str) -> None:
        """Undo or redo one step of the calendar, and say which."""
        stack = self.session.undo_stack
        text = stack.undoText() if done == "Undone" else stack.redoText()
        if step(self):
            self._say(f"{done}: {text}.")

    def _say(self, text: str) -> None:
        """Show ``text`` under the form, and have a screen reader say it (the line's
        name, "Last step", was all it could read of it)."""
        self.step_said.setText(text)
        self.step_said.setAccessibleDescription(text)
        if text:
            from . import accessible

            accessible.announce(self.step_said, text)

    # -- what subclasses provide ------------------------------------------------------

    def _build_form(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def records(self) -> list[R]:
        """The records listed (archived ones included when "Show archived" is on)."""
        raise NotImplementedError

    def record(self, record_id: int) -> R:
        raise NotImplementedError

    def in_file(self, record_id: int) -> R:
        """The record as the calendar file holds it now: another window or program may
        have changed it since this window read it. Raises :class:`NotFound`."""
        raise NotImplementedError

    def _name(self, record: R) -> str:
        raise NotImplementedError

    def _defaults(self) -> R:
        raise NotImplementedError

    def _fill(self, record: R) -> None:
        raise NotImplementedError

    def _read(self, base: R) -> R:
        """The record the form describes, keeping ``base``'s id and hidden fields."""
        raise NotImplementedError

    def _validate(self, new: R) -> None:
        """Raise :class:`InvalidInput` for what the calendar would refuse."""
        raise NotImplementedError

    def _add_command(self, new: R) -> QUndoCommand:
        raise NotImplementedError

    def _edit_command(self, old: R, new: R) -> QUndoCommand:
        raise NotImplementedError

    def _find(self, name: str) -> int | None:
        raise NotImplementedError

    def _archive_command(self, record: R) -> QUndoCommand:
        raise NotImplementedError

    def _delete_command(self, record: R) -> QUndoCommand | None:
        """The command deleting ``record``, or None when the user changed their mind."""
        raise NotImplementedError

    def _relevant(self, changes: ChangeSet) -> bool:
        return bool(getattr(changes, self.names_field) or changes.calendar)

    def _enable_undo(self, *_: object) -> None:
        try:
            self.undo_action.setEnabled(self.session.can_undo())
        except RuntimeError:  # the dialog or the history going
            return

    # -- reading the state ---------------------------------------------------------

    def current_id(self) -> int | None:
        """The selected item's id; :data:`NEW` while adding one; None when nothing is."""
        return self._current_id

    def current_record(self) -> R | None:
        if self._current_id is None or self._current_id == NEW:
            return None
        try:
            return self.record(self._current_id)
        except KeyError:
            return None

    def _base(self) -> R | None:
        if self._current_id == NEW:
            return self._defaults()
        return self.current_record()

    def is_dirty(self) -> bool:
        """True when the form holds changes the user typed since it was filled."""
        filled = self._filled
        if filled is None or self._current_id is None:
            return False
        return self._read(filled) != filled

    # -- the list -------------------------------------------------------------------

    def _reload(self, select: int | None = None, *, refill: bool = True) -> None:
        """Rebuild the list, select ``select`` (default: the current item) and show it."""
        previous = self._current_id
        wanted = previous if select is None else select
        shown = self.records()
        ids = {self._id(r) for r in shown}
        archived_color = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self.item_list.blockSignals(True)
        self.item_list.clear()
        for record in shown:
            name = self._name(record)
            archived = bool(getattr(record, "archived", False))
            item = QListWidgetItem(
                swatch_icon(record.color), f"{name} (archived)" if archived else name
            )
            item.setData(Qt.ItemDataRole.UserRole, self._id(record))
            item.setToolTip(plain_tooltip(self._tooltip(record)))
            if archived:
                item.setForeground(archived_color)
                font = item.font()
                font.setItalic(slanted(font, name))
                item.setFont(font)
            self.item_list.addItem(item)
        if wanted == NEW:
            # The colour in the form once it holds the new item; until then the new one's.
            fresh = self._read(self._defaults()) if previous == NEW else self._defaults()
            item = QListWidgetItem(swatch_icon(fresh.color), f"New {self.noun}")
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
            item.setData(Qt.ItemDataRole.UserRole, NEW)
            self.item_list.addItem(item)
        elif wanted is not None and wanted not in ids:
            wanted = None
        if wanted is None and self.item_list.count():
            wanted = int(self.item_list.item(0).data(Qt.ItemDataRole.UserRole))
        self._current_id = wanted
        self.item_list.setCurrentRow(self._row_of(wanted))
        self.item_list.blockSignals(False)
        if refill or self._current_id != previous:  # another item: its own values
            self._show_current()
        self._update_buttons()

    def _id(self, record: R) -> int:
        return record.id

    def _add_color_row(self, form: QFormLayout) -> None:
        """The colour, with a word under it when it looks like another's of the kind (a
        colour chosen by hand was taken without one, and their chips, or their dots,
        could no longer be told apart)."""
        self.color_hint = hint_label("")
        self.color_hint.setAccessibleName("Colour like another's")
        self.color_hint.hide()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.color_field)
        column.addWidget(self.color_hint)
        form.addRow(self._label("C&olour:", self.color_field.color_button), column)
        self.color_field.colorChanged.connect(self._say_color_alike)

    def _say_color_alike(self, *_args: object) -> None:
        if self._filling:  # (said once the form is filled, each field set)
            return
        color = self.color_field.color()
        alike = [
            self._name(other)
            for other in self.records()
            if self._id(other) != self._current_id
            and not getattr(other, "archived", False)
            and looks_taken(color, [other.color])
        ]
        if alike:
            others = len(alike) - 1
            whose = f"'{elide(alike[0])}'" + (
                f" and {others} other{'s' if others > 1 else ''}" if others else ""
            )
            self.color_hint.setText(
                f"Looks like the colour of {whose}: choose another to tell them apart."
            )
        self.color_hint.setVisible(bool(alike))
        # Said on the colour's button too, to a screen reader there (the line is no stop).
        self.color_field.color_button.setAccessibleDescription(
            self.color_hint.text() if alike else ""
        )

    def _tooltip(self, record: R) -> str:
        return self._name(record)

    def _row_of(self, record_id: int | None) -> int:
        for row in range(self.item_list.count()):
            if self.item_list.item(row).data(Qt.ItemDataRole.UserRole) == record_id:
                return row
        return -1

    def select(self, record_id: int) -> bool:
        """Select an item as a click would (applying pending edits first); True if done."""
        row = self._row_of(record_id)
        if row < 0:
            return False
        self.item_list.setCurrentRow(row)
        return self._current_id == record_id

    def _archived_shown(self, shown: bool) -> None:
        """Show archived ticked or unticked. An archived item being edited leaves the
        list as it is unticked: what was typed there is applied first, as going to
        another item does (it was dropped without a word); refused, the tick stays."""
        record = self.current_record()
        leaving = not shown and getattr(record, "archived", False)
        if leaving and self.is_dirty() and not self.apply():
            self.show_archived_check.blockSignals(True)
            self.show_archived_check.setChecked(True)
            self.show_archived_check.blockSignals(False)
            return
        self._reload(refill=not self.is_dirty())

    def _on_row_changed(self, row: int) -> None:
        target = int(self.item_list.item(row).data(Qt.ItemDataRole.UserRole)) if row >= 0 else None
        if target == self._current_id:
            return
        if self.is_dirty() and not self.apply():
            # Stay where the unsaved (and refused) edits are.
            self.item_list.blockSignals(True)
            self.item_list.setCurrentRow(self._row_of(self._current_id))
            self.item_list.blockSignals(False)
            return
        # Rebuilding also drops the placeholder of an untouched new item.
        self._current_id = target
        self._reload(target)

    def _show_current(self) -> None:
        base = self._base()
        has_item = base is not None
        self.form_area.setVisible(has_item)
        self.heading.setVisible(has_item)
        self.empty_label.setVisible(not has_item)
        another = base is None or self._filled is None or self._id(base) != self._id(self._filled)
        self._filled = None
        if base is not None:
            self._fill_form(base)
            self._undo_through.forget_typing()  # Ctrl+Z: the calendar's, then
            if another:  # a long name from its start (its last words showed)
                for edit in self.form_area.findChildren(QLineEdit):
                    if not isinstance(edit.parent(), QAbstractSpinBox):
                        edit.setCursorPosition(0)
            self._filled = base
            self._show_heading(f"New {self.noun}" if self._current_id == NEW else self._name(base))
        self._update_buttons()

    _needs_said = ""
    """What Enter on an empty new item said it needs, taken back once typing starts."""

    def _form_changed(self) -> None:
        if not self._filling:
            self._update_buttons()
        if self._needs_said and self.step_said.text() == self._needs_said:
            self._say("")
            self._needs_said = ""

    def _update_buttons(self) -> None:
        dirty = self.is_dirty()
        self.apply_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty or self._current_id == NEW)
        record = self.current_record()
        self.archive_button.setEnabled(record is not None)
        archived = bool(getattr(record, "archived", False))
        self.archive_button.setText(RESTORE_TEXT if archived else ARCHIVE_TEXT)
        self.archive_button.setAccessibleName(f"{'Restore' if archived else 'Archive'} {self.noun}")
        self.delete_button.setEnabled(record is not None)

    def _on_session_changed(self, changes: ChangeSet) -> None:
        if self._busy or not self._relevant(changes):
            return
        # An undo or redo: show what the calendar holds now, but keep unsaved typing.
        filled = self._filled
        typed = self._read(filled) if filled is not None and self.is_dirty() else None
        self._reload(refill=typed is None)
        now = self._base()
        if typed is None or filled is None or now is None:
            return
        if self._id(now) != self._id(filled) and self._gone(self._id(filled)):
            self._keep_as_new(typed)
            return
        if self._id(filled) == NEW and self._take_back(typed, filled):
            return
        if self._id(now) != self._id(filled) or now == filled:
            return  # another item, shown afresh, or this one as it was: as it is
        self._show_typed_on(now, typed, filled)  # the heading too: an undone rename

    def _show_typed_on(self, record: R, typed: R, filled: R) -> None:
        """Show ``record`` with what the user typed over ``filled`` kept on it; every
        field they left shows the calendar's value (else the next Apply would quietly
        write back what an undo took away)."""
        kept = {
            f.name: getattr(typed, f.name)
            for f in fields(typed)
            if f.name != "id" and getattr(typed, f.name) != getattr(filled, f.name)
        }
        self._fill_form(replace(record, **kept))
        self._filled = record
        self._show_heading(self._name(record))
        self._update_buttons()

    def _fill_form(self, record: R) -> None:
        """Show ``record`` in the form (:meth:`_fill`), then the lines said of it: set field
        by field, they were said at each (and another of one colour changed none)."""
        self._filling = True
        try:
            self._fill(record)
        finally:
            self._filling = False
        self._say_of_form()

    def _say_of_form(self) -> None:
        """The lines under the form's fields, said of what it shows."""
        self._say_color_alike()

    def _show_heading(self, name: str) -> None:
        """The name over the form, cut after three lines' worth: a paragraph pasted as a
        title took the dialog's height, the form left a sliver to scroll."""
        self.heading.setText(shortened(" ".join(name.split()), HEADING_LENGTH))
        self.heading.setToolTip(plain_tooltip(name) if self.heading.text() != name else "")

    def _gone(self, record_id: int) -> bool:
        """Whether the item is no longer in the calendar (its adding undone)."""
        if record_id == NEW:
            return False
        try:
            self.record(record_id)
        except KeyError:
            return True
        return False

    def _keep_as_new(self, typed: R) -> None:
        """The step took away the item typed into (its adding undone, its deleting
        redone): what was typed stays in the form, as a new item that Apply adds and
        Revert drops (it went, and the typing with it)."""
        self._reload(NEW)
        self._fill_form(typed)
        self._update_buttons()

    def _take_back(self, typed: R, filled: R) -> bool:
        """Typing kept as a new item (its adding undone) when the item comes back under
        its name (the adding redone): the item is shown, what was typed on it (Apply, or
        Close, then said there was one of that name already, and the form was stuck)."""
        name = self._name(typed)
        record = next((r for r in self.records() if self._name(r) == name), None)
        if record is None:
            return False
        self._reload(self._id(record), refill=False)
        self._show_typed_on(record, typed, filled)
        return True

    # -- changing ------------------------------------------------------------------------

    def _push(self, command: QUndoCommand) -> bool:
        self._busy = True
        try:
            self.session.push(command)
        except Exception as exc:  # the calendar refused: say so, keep the form as typed
            self._error(self, exc)
            return False
        finally:
            self._busy = False
        return True

    def _as_now(self, record: R) -> R | None:
        """``record`` as the file holds it now; None (said) when it was deleted there."""
        try:
            return self.in_file(self._id(record))
        except NotFound:
            self._error(
                self,
                NotFound(
                    f"'{elide(self._name(record))}' was deleted in another window or"
                    f" program, so this {self.noun} cannot be changed."
                ),
            )
            # Gone from the list too, its form let go: Close kept saying the same, and
            # Escape offered to save what could not be.
            self._current_id = None
            self._filled = None
            gone: dict[str, Any] = {self.names_field: frozenset({self._id(record)})}
            self.session.notify(ChangeSet(**gone))
            return None

    def apply(self) -> bool:
        """Save the form's changes as one undo step; False (and an error shown) if refused.

        What the user changed goes over the item as the file holds it now: another
        window or program may have changed its other fields meanwhile (a rename there
        was undone by a colour chosen here)."""
        base = self._base()
        if base is None or not self.is_dirty():
            return True
        new = self._read(base)
        adding = self._current_id == NEW
        if not adding:
            now = self._as_now(base)
            if now is None:
                return False
            # The fields typed, against what the form showed (this window may have
            # read the others again since, the form not).
            shown = self._filled or base
            typed = {
                f.name: getattr(new, f.name)
                for f in fields(new)
                if getattr(new, f.name) != getattr(shown, f.name)
            }
            # A field changed there too, otherwise: theirs went without a word (the
            # post editor asks).
            both = changed_there_too(typed, shown, now, FIELD_WORDS)
            if both and not self.ask_apply_over(self, elide(self._name(now)), in_words(both)):
                return False
            base, new = now, replace(now, **typed)
        try:
            self._validate(new)
            command = self._add_command(new) if adding else self._edit_command(base, new)
        except Exception as exc:
            self._error(self, exc)
            return False
        if not self._push(command):
            return False
        saved = self._find(self._name(new)) if adding else self._id(base)
        self._reload(saved)
        return True

    def revert(self) -> None:
        if self._current_id == NEW:
            self._current_id = None
            self._reload()
            return
        self._show_current()

    def add_item(self) -> None:
        """Start a new item in the form (created by Apply)."""
        if self.is_dirty() and not self.apply():
            return
        self._reload(NEW)
        first = self.form.itemAt(0, QFormLayout.ItemRole.FieldRole)
        widget = first.widget() if first is not None else None
        if widget is not None:
            widget.setFocus()

    def toggle_archived(self) -> None:
        if self.is_dirty() and not self.apply():
            return
        record = self.current_record()
        if record is None:
            return
        now = self._as_now(record)  # archived as it is now, not as first read
        if now is None:
            return
        row = self.item_list.currentRow()
        ids = self._listed_ids()
        if not self._push(self._archive_command(now)):
            return
        # Said, as a deletion asks: it leaves the lists, its posts to come stay planned.
        self._say(self._archived_word(now))
        if self._id(now) not in {self._id(r) for r in self.records()}:
            # Gone from the list (archived ones not shown): the next one in it, as a
            # deletion leaves (it went to the first, and a Delete then took that one).
            self._current_id = _next_in(ids, row)
        self._reload()

    _archive_means = ""
    """What archiving one of the kind means, after its name ("it leaves the sidebar…")."""
    _still_carried = ("", "")
    """What one post to come, and several, still do with one archived ("carries it")."""

    def _archived_word(self, record: R) -> str:
        """What archiving ``record`` (as it was before) means, for the line under the
        dialog, with how many posts to come still carry it; nothing for its restoring."""
        if not self._archive_means or getattr(record, "archived", True):
            return ""
        kept = self._kept_planned(self._to_come(record), *self._still_carried)
        return (
            f"Archived '{elide(self._name(record))}': {self._archive_means}.{kept} Show"
            " archived lists it, to restore it."
        )

    def _to_come(self, record: R) -> int:
        """How many posts planned from today on carry ``record``."""
        return 0

    @staticmethod
    def _kept_planned(count: int, one: str, many: str) -> str:
        """The sentence on the posts to come of something archived (``one`` says what
        one post does, "carries it"; ``many``, what several do)."""
        if count == 0:
            return ""
        if count == 1:
            return f" 1 post to come still {one}, and stays planned."
        return f" {count} posts to come still {many}, and stay planned."

    def _listed_ids(self) -> list[int]:
        return [
            int(self.item_list.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.item_list.count())
        ]

    def delete_item(self) -> None:
        record = self.current_record()
        if record is None:
            return
        record = self._as_now(record)  # its undo brings it back as the file had it
        if record is None:
            return
        row = self.item_list.currentRow()
        ids = self._listed_ids()
        try:
            command = self._delete_command(record)
        except Exception as exc:
            self._error(self, exc)
            return
        if command is None or not self._push(command):
            return
        self._current_id = _next_in(ids, row)
        self._reload()

    def reject(self) -> None:
        """Close; pending edits are applied first (and the dialog stays if they are refused)."""
        if self.is_dirty() and not self.apply():
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape cancels: with changes typed, it asks whether to save them first, as the
        post editor does (Close and the window's close button save them). Enter on a new
        item with nothing typed says what it needs (Apply waits for it, greyed)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self._current_id == NEW and self._filled is not None and not self.is_dirty():
            try:
                self._validate(self._read(self._filled))
            except InvalidInput as refused:
                self._needs_said = str(refused)
                self._say(self._needs_said)
                return
        if event.key() != Qt.Key.Key_Escape or not self.is_dirty():
            super().keyPressEvent(event)
            return
        named = self.heading.text()
        if self._current_id == NEW and self._filled is not None:  # as typed, not "New …"
            typed = " ".join(self._name(self._read(self._filled)).split())
            named = shortened(typed, HEADING_LENGTH) if typed else named
        answer = self.ask_save_changes(self, named)
        if answer == "cancel":
            return
        if answer == "discard":
            self.revert()
        self.reject()

    def done(self, result: int) -> None:
        # A closed manager stops following the calendar (it may live on as a child widget).
        if self._listening:
            self.session.changed.disconnect(self._on_session_changed)
            self._listening = False
        super().done(result)

    def setVisible(self, visible: bool) -> None:
        layout = self.layout()  # settle it before the window exists (see PostEditor)
        if visible and layout is not None:
            layout.activate()
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._listening:
            self.session.changed.connect(self._on_session_changed)
            self._listening = True
            self._reload()
        super().showEvent(event)

    def _show_archived(self) -> bool:
        return self.show_archived_check.isChecked()

    def _connect(self, *signals: SignalInstance) -> None:
        for signal in signals:
            signal.connect(self._form_changed)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _next_color(self) -> str:
        """A colour that looks like none in use (of every kind: a channel's and a key
        message's on one chip)."""
        return free_color(self.session.store.colors_in_use(), self._COLOR_START)


def _blank(name: str, own_id: int, records: Sequence[Channel | KeyMessage | Campaign]) -> bool:
    """Whether ``name`` shows nothing (zero-width characters alone), as the store refuses
    it: not the record's own name kept as it was (an earlier release let such in)."""
    if not shows_nothing(name):
        return False
    kept = [
        r.title if isinstance(r, KeyMessage) else r.name
        for r in records
        if r.id == own_id and own_id != NEW
    ]
    return name not in kept


def _unique(name: str, others: Sequence[tuple[int, str, bool]], own_id: int, what: str) -> None:
    """Refuse a name another record has (``others``: id, name, archived); one archived
    is out of the list, and said so with where to restore it."""
    wanted = name_key(name)
    own = [n for i, n, _ in others if i == own_id]
    if own and name_key(own[0]) == wanted:
        return  # its own name kept (an earlier release let look-alikes in)
    for other_id, other_name, archived in others:
        if other_id != own_id and name_key(other_name) == wanted:
            if archived:
                raise InvalidInput(
                    f"There is already a {what} called '{other_name}', archived: tick"
                    " Show archived and restore it rather than make another."
                )
            raise InvalidInput(f"There is already a {what} called '{other_name}'.")


def _check_range(first: date | None, last: date | None) -> None:
    if first is not None and last is not None and last < first:
        raise InvalidInput("The end date comes before the start date.")


# -- key messages -------------------------------------------------------------------


class KeyMessageManager(_Manager[KeyMessage]):
    """Add, edit, archive and delete the key messages whose cadence Cadence tracks."""

    _COLOR_START = 3

    noun = "key message"
    names_field = "messages"
    plural_title = "Key Messages"

    def _build_form(self, form: QFormLayout) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("Required, e.g. Solar pays for itself")
        self.statement_edit = QPlainTextEdit()
        self.statement_edit.setTabChangesFocus(True)
        self.statement_edit.setAccessibleName("Statement")
        self.statement_edit.setPlaceholderText("The message in one or two sentences")
        self.statement_edit.setFixedHeight(self.statement_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.cadence_spin = KeptSpinBox()
        self.cadence_spin.setRange(1, MAX_CADENCE_DAYS)
        self.cadence_spin.setPrefix("every ")
        counted_suffix(self.cadence_spin, " day", " days")
        self.cadence_spin.setAccessibleName("Cadence in days")
        self.cadence_spin.setToolTip("How often the message should go out again, at the latest")
        self.color_field = ColorField()
        week_start = self.session.store.info().week_start
        self.starts_field = OptionalDateField("Starts on", week_start)
        self.ends_field = OptionalDateField("Ends on", week_start)
        self.priority_spin = NearestSpinBox()
        self.priority_spin.setRange(0, 99)
        self.priority_spin.setAccessibleName("Priority")
        self.priority_spin.setToolTip("Messages with a higher priority are listed first")

        form.addRow(self._label("&Title:", self.title_edit), self.title_edit)
        statement = self._label("&Statement:", self.statement_edit)
        statement.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(statement, self.statement_edit)
        form.addRow(self._label("&Cadence:", self.cadence_spin), self.cadence_spin)
        self._add_color_row(form)
        form.addRow(self.starts_field.label_for(QLabel("Starts o&n:")), self.starts_field)
        form.addRow(self.ends_field.label_for(QLabel("&Ends on:")), self.ends_field)
        form.addRow(self._label("Pr&iority:", self.priority_spin), self.priority_spin)
        self._connect(
            self.title_edit.textChanged,
            self.statement_edit.textChanged,
            self.cadence_spin.valueChanged,
            self.color_field.colorChanged,
            self.starts_field.changed,
            self.ends_field.changed,
            self.priority_spin.valueChanged,
        )

    def records(self) -> list[KeyMessage]:
        return self.session.key_messages(include_archived=self._show_archived())

    def record(self, record_id: int) -> KeyMessage:
        return self.session.key_message(record_id)

    def in_file(self, record_id: int) -> KeyMessage:
        return self.session.store.key_message(record_id)

    def _name(self, record: KeyMessage) -> str:
        return record.title

    def _tooltip(self, record: KeyMessage) -> str:
        return f"{record.title}: {every_days(record.cadence_days)}\n{record.statement}".strip()

    def _defaults(self) -> KeyMessage:
        return KeyMessage(
            NEW,
            "",
            "",
            self.session.store.info().default_cadence_days,
            self._next_color(),
            self.session.today(),  # due from now on, not overdue since before it existed
            None,
            0,
            False,
        )

    def _fill(self, record: KeyMessage) -> None:
        self.title_edit.setText(record.title)
        self.statement_edit.setPlainText(record.statement)
        self.cadence_spin.show_value(record.cadence_days)
        self.color_field.set_color(record.color)
        today = self.session.today()
        self.starts_field.set_value(record.starts_on, today)
        self.ends_field.set_value(record.ends_on, today)
        self.priority_spin.setValue(record.priority)

    def _read(self, base: KeyMessage) -> KeyMessage:
        return replace(
            base,
            title=self.title_edit.text().strip(),
            statement=typed_text(self.statement_edit),
            cadence_days=self.cadence_spin.kept_value(),
            color=self.color_field.color(),
            starts_on=self.starts_field.value(),
            ends_on=self.ends_field.value(),
            priority=self.priority_spin.value(),
        )

    def _validate(self, new: KeyMessage) -> None:
        if _blank(new.title, new.id, self.session.key_messages(include_archived=True)):
            raise InvalidInput("A key message needs a title.")
        others = [
            (m.id, m.title, m.archived) for m in self.session.key_messages(include_archived=True)
        ]
        _unique(new.title, others, new.id, "key message")
        _check_range(new.starts_on, new.ends_on)

    def _add_command(self, new: KeyMessage) -> QUndoCommand:
        return AddKeyMessageCommand(self.session, new)

    def _edit_command(self, old: KeyMessage, new: KeyMessage) -> QUndoCommand:
        command = UpdateKeyMessageCommand(self.session, new)
        _say_renamed(
            command, "key message", old.title, new.title, alone=replace(new, title=old.title) == old
        )
        return command

    def _find(self, name: str) -> int | None:
        found = self.session.store.key_message_titled(name)
        return found.id if found else None

    def _archive_command(self, record: KeyMessage) -> QUndoCommand:
        command = UpdateKeyMessageCommand(
            self.session, replace(record, archived=not record.archived)
        )
        verb = "Restore" if record.archived else "Archive"
        command.setText(f"{verb} key message '{elide(record.title)}'")
        return command

    _archive_means = "it leaves the sidebar, the cadence panel and the filters"
    _still_carried = ("carries it", "carry it")

    def _to_come(self, record: KeyMessage) -> int:
        return self.session.store.count_to_come(self.session.today(), message_id=record.id)

    def _delete_command(self, record: KeyMessage) -> QUndoCommand | None:
        carriers = len(self.session.store.posts_carrying(record.id))
        if carriers == 0:
            what = "No post carries it."
        elif carriers == 1:
            what = "1 post carries it; the post stays, without this message."
        else:
            what = f"{carriers} posts carry it; the posts stay, without this message."
        question = f"Delete the key message '{record.title}'? {what}"
        if not self._confirm(self, "Delete key message", question):
            return None
        return DeleteKeyMessageCommand(self.session, record.id)


def _outside_words(outside: int, dated: int) -> str:
    """How many of a campaign's dated posts fall outside its dates, said for all of
    them as for some ("1 of its 1 dated post" read oddly)."""
    if outside == dated:
        if dated == 1:
            return "Its one dated post falls outside these dates."
        if dated == 2:
            return "Both its dated posts fall outside these dates."
        return f"All {dated} of its dated posts fall outside these dates."
    verb = "falls" if outside == 1 else "fall"
    return f"{outside} of its {plural(dated, 'dated post')} {verb} outside these dates."


def _say_renamed(command: QUndoCommand, kind: str, before: str, after: str, *, alone: bool) -> None:
    """Name a renaming edit's step by both names: "Rename channel 'Blog' to 'Journal'",
    or, with other changes, "Edit channel 'Blog' (renamed 'Journal')" (the new name
    alone left the one looked for in the Edit menu out)."""
    if before == after:
        return
    if alone:
        command.setText(f"Rename {kind} '{elide(before)}' to '{elide(after)}'")
    else:
        command.setText(f"Edit {kind} '{elide(before)}' (renamed '{elide(after)}')")


# -- channels ---------------------------------------------------------------------------


class ChannelManager(_Manager[Channel]):
    """Add, edit, archive and (when unused) delete the channels posts go out on."""

    noun = "channel"
    names_field = "channels"
    plural_title = "Channels"
    asks_before_delete = False

    def _build_form(self, form: QFormLayout) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Name")
        self.name_edit.setPlaceholderText("Required, e.g. LinkedIn")
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind")
        for kind in CHANNEL_KINDS:
            self.kind_combo.addItem(kind.capitalize(), kind)
        self.color_field = ColorField()
        self.limit_check = QCheckBox("at most")
        self.limit_check.setAccessibleName("Has a character limit")
        self.limit_spin = KeptSpinBox()
        self.limit_spin.setRange(1, MAX_CHAR_LIMIT)
        counted_suffix(self.limit_spin, " character", " characters")
        self.limit_spin.setAccessibleName("Character limit")
        self.limit_spin.setEnabled(False)
        self.limit_check.toggled.connect(self.limit_spin.setEnabled)
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.limit_check)
        limit_row.addWidget(self.limit_spin, 1)

        form.addRow(self._label("&Name:", self.name_edit), self.name_edit)
        form.addRow(self._label("&Kind:", self.kind_combo), self.kind_combo)
        self._add_color_row(form)
        limit_label = QLabel("&Limit:")
        key_to_field(limit_label, self.limit_check, self.limit_spin)
        # How many of the channel's posts to come the limit shown leaves too long (the
        # editor tells each post's own, once opened): lowering a limit said nothing.
        self.over_limit_label = hint_label("")
        self.over_limit_label.setAccessibleName("Posts over the limit")
        limit_column = QVBoxLayout()
        limit_column.setSpacing(2)
        limit_column.addLayout(limit_row)
        limit_column.addWidget(self.over_limit_label)
        form.addRow(limit_label, limit_column)
        self._lengths: tuple[int, list[int]] | None = None  # a channel's, sorted
        self.limit_check.toggled.connect(self._say_over_limit)
        self.limit_spin.valueChanged.connect(self._say_over_limit)
        self._connect(
            self.name_edit.textChanged,
            self.kind_combo.currentIndexChanged,
            self.color_field.colorChanged,
            self.limit_check.toggled,
            self.limit_spin.valueChanged,
        )
        # A new channel's kind follows its name as typed ("Blog" is a blog), as on a new
        # calendar's form and the command line, until a kind is chosen.
        self._kind_chosen = False
        self.kind_combo.activated.connect(self._on_kind_chosen)
        self.name_edit.textEdited.connect(self._guess_kind)
        # Its character limit too, a platform's ("LinkedIn": 3000), until one is chosen.
        self._limit_chosen = False
        self.limit_check.clicked.connect(self._on_limit_chosen)
        self.limit_spin.lineEdit().textEdited.connect(self._on_limit_chosen)

    def _on_kind_chosen(self) -> None:
        self._kind_chosen = True

    def _on_limit_chosen(self, *_: object) -> None:
        self._limit_chosen = True

    def _guess_kind(self, name: str) -> None:
        if self.current_id() != NEW:
            return
        if not self._kind_chosen:
            index = self.kind_combo.findData(guessed_kind(name, "social"))
            self.kind_combo.setCurrentIndex(max(index, 0))
        if not self._limit_chosen:
            limit = known_limit(name)
            self.limit_check.setChecked(limit is not None)
            if limit is not None:
                self.limit_spin.show_value(limit)

    def records(self) -> list[Channel]:
        return self.session.channels(include_archived=self._show_archived())

    def record(self, record_id: int) -> Channel:
        return self.session.channel(record_id)

    def in_file(self, record_id: int) -> Channel:
        return self.session.store.channel(record_id)

    def _name(self, record: Channel) -> str:
        return record.name

    def _tooltip(self, record: Channel) -> str:
        limit = f", at most {record.char_limit} characters" if record.char_limit else ""
        return f"{record.name}: {record.kind}{limit}"

    def _defaults(self) -> Channel:
        return Channel(NEW, "", "social", self._next_color(), None, 0, False)

    def _fill(self, record: Channel) -> None:
        self._kind_chosen = self._limit_chosen = False  # (those of the channel shown)
        self.name_edit.setText(record.name)
        index = self.kind_combo.findData(record.kind)
        self.kind_combo.setCurrentIndex(max(index, 0))
        self.color_field.set_color(record.color)
        self.limit_check.setChecked(record.char_limit is not None)
        self.limit_spin.show_value(record.char_limit or 280)
        self.limit_spin.setEnabled(record.char_limit is not None)

    def _say_of_form(self) -> None:
        super()._say_of_form()
        self._say_over_limit()

    def _on_session_changed(self, changes: ChangeSet) -> None:
        # Posts changed (an undo here; another program's), or a channel renamed (to X,
        # which counts as X does): the lengths are counted again.
        if changes.posts or changes.channels or changes.calendar:
            self._lengths = None
        super()._on_session_changed(changes)
        if self._lengths is None:
            self._say_over_limit()

    def _say_over_limit(self) -> None:
        """Say how many of the channel's posts to come are longer than the limit shown,
        counted as the editor counts them."""
        if self._filling:  # (said once the form is filled, each field set)
            return
        label = self.over_limit_label
        channel = self.current_record()
        if channel is None or not self.limit_check.isChecked():
            label.hide()
            return
        if self._lengths is None or self._lengths[0] != channel.id:
            name = channel.name
            lengths = [post_length(b, name) for b in self.session.store.bodies_to_come(channel.id)]
            self._lengths = (channel.id, sorted(lengths))
        lengths = self._lengths[1]
        over = len(lengths) - bisect_right(lengths, self.limit_spin.value())
        if over:
            text = (
                f"{plural(over, 'post')} to come {'is' if over == 1 else 'are'} longer than this."
            )
        else:
            text = "No post to come is longer than this." if lengths else ""
        label.setText(text)
        # From the dialog's colours: the label's own are the last ones set here (from
        # red, the muted grey was pink, and paler at each channel shown).
        colour = warning_color(self.palette()) if over else muted_color(self.palette())
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)
        label.setVisible(bool(text))

    def _read(self, base: Channel) -> Channel:
        return replace(
            base,
            name=self.name_edit.text().strip(),
            kind=str(self.kind_combo.currentData()),
            color=self.color_field.color(),
            char_limit=self.limit_spin.kept_value() if self.limit_check.isChecked() else None,
        )

    def _validate(self, new: Channel) -> None:
        # Edits are written back as a whole row, so check here what the store checks on add.
        if _blank(new.name, new.id, self.session.channels(include_archived=True)):
            raise InvalidInput("A channel needs a name.")
        others = [(c.id, c.name, c.archived) for c in self.session.channels(include_archived=True)]
        _unique(new.name, others, new.id, "channel")
        if new.kind not in CHANNEL_KINDS:
            raise InvalidInput(f"'{new.kind}' is not a channel kind.")
        limit, before = new.char_limit, self.current_record()
        kept = before is not None and limit == before.char_limit  # (an earlier release's)
        if limit is not None and not 1 <= limit <= MAX_CHAR_LIMIT and not kept:
            raise InvalidInput(f"A character limit must be from 1 to {MAX_CHAR_LIMIT:,}.")
        parse_color(new.color)

    def _add_command(self, new: Channel) -> QUndoCommand:
        return ChannelCommand(self.session, None, new)

    def _edit_command(self, old: Channel, new: Channel) -> QUndoCommand:
        command = ChannelCommand(self.session, old, new)
        _say_renamed(
            command, "channel", old.name, new.name, alone=replace(new, name=old.name) == old
        )
        return command

    def _find(self, name: str) -> int | None:
        found = self.session.store.channel_named(name)
        return found.id if found else None

    _archive_means = "it is no longer offered for new posts"
    _still_carried = ("goes out on it", "go out on it")

    def _to_come(self, record: Channel) -> int:
        return self.session.store.count_to_come(self.session.today(), channel_id=record.id)

    def _archive_command(self, record: Channel) -> QUndoCommand:
        command = ChannelCommand(
            self.session, record, replace(record, archived=not record.archived)
        )
        verb = "Restore" if record.archived else "Archive"
        command.setText(f"{verb} channel '{elide(record.name)}'")
        return command

    def _delete_command(self, record: Channel) -> QUndoCommand | None:
        # The store refuses to delete a channel that posts use; that refusal is shown as is.
        return DeleteChannelCommand(self.session, record.id)


# -- campaigns ---------------------------------------------------------------------------


class CampaignManager(_Manager[Campaign]):
    """Add, edit and delete campaigns (products, services, promotions)."""

    _COLOR_START = 6

    noun = "campaign"
    names_field = "campaigns"
    plural_title = "Campaigns"
    archivable = False

    def _build_form(self, form: QFormLayout) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Name")
        self.name_edit.setPlaceholderText("Required, e.g. Spring launch")
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind")
        for kind in CampaignKind:
            self.kind_combo.addItem(kind.value.capitalize(), kind.value)
        week_start = self.session.store.info().week_start
        self.starts_field = OptionalDateField("Starts on", week_start)
        self.ends_field = OptionalDateField("Ends on", week_start)
        self.color_field = ColorField()

        form.addRow(self._label("&Name:", self.name_edit), self.name_edit)
        form.addRow(self._label("&Kind:", self.kind_combo), self.kind_combo)
        form.addRow(self.starts_field.label_for(QLabel("&Starts on:")), self.starts_field)
        # How many of the campaign's posts the dates shown leave out (moving its end
        # before most of them said nothing).
        self.outside_label = hint_label("")
        self.outside_label.setAccessibleName("Posts outside the dates")
        ends_column = QVBoxLayout()
        ends_column.setSpacing(2)
        ends_column.addWidget(self.ends_field)
        ends_column.addWidget(self.outside_label)
        form.addRow(self.ends_field.label_for(QLabel("&Ends on:")), ends_column)
        self._add_color_row(form)
        self._days: tuple[int, list[date]] | None = None  # a campaign's posts' days
        self.starts_field.changed.connect(self._say_outside)
        self.ends_field.changed.connect(self._say_outside)
        self._connect(
            self.name_edit.textChanged,
            self.kind_combo.currentIndexChanged,
            self.starts_field.changed,
            self.ends_field.changed,
            self.color_field.colorChanged,
        )

    def _on_session_changed(self, changes: ChangeSet) -> None:
        if changes.posts or changes.calendar:  # (moved, or taken into another campaign)
            self._days = None
        super()._on_session_changed(changes)
        if self._days is None:
            self._say_outside()

    def _say_outside(self) -> None:
        """Say how many of the campaign's dated posts fall outside the dates shown."""
        if self._filling:  # (said once the form is filled, each date set)
            return
        label = self.outside_label
        campaign = self.current_record()
        if campaign is None:
            label.hide()
            return
        if self._days is None or self._days[0] != campaign.id:
            store = self.session.store
            posts = store.posts(store.posts_in_campaign(campaign.id))
            self._days = (campaign.id, [p.date for p in posts if p.date is not None])
        days = self._days[1]
        first, last = self.starts_field.value(), self.ends_field.value()
        outside = sum(
            1 for d in days if (first is not None and d < first) or (last is not None and d > last)
        )
        if outside:
            label.setText(_outside_words(outside, len(days)))
        label.setVisible(bool(outside))
        self.ends_field.edit.setAccessibleDescription(label.text() if outside else "")

    def records(self) -> list[Campaign]:
        return self.session.campaigns()

    def record(self, record_id: int) -> Campaign:
        return self.session.campaign(record_id)

    def in_file(self, record_id: int) -> Campaign:
        return self.session.store.campaign(record_id)

    def _name(self, record: Campaign) -> str:
        return record.name

    def _tooltip(self, record: Campaign) -> str:
        when = ""
        if record.starts_on or record.ends_on:
            # As the date fields below write them (ISO dates stood above them).
            first = day_text(record.starts_on, year=True) if record.starts_on else "…"
            last = day_text(record.ends_on, year=True) if record.ends_on else "…"
            when = f", {first} – {last}"
        return f"{record.name}: {record.kind.value}{when}"

    def _defaults(self) -> Campaign:
        return Campaign(
            NEW,
            "",
            CampaignKind.PROMOTION,
            None,
            None,
            self._next_color(),
        )

    def _fill(self, record: Campaign) -> None:
        self.name_edit.setText(record.name)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(record.kind.value), 0))
        today = self.session.today()
        self.starts_field.set_value(record.starts_on, today)
        self.ends_field.set_value(record.ends_on, today)
        self.color_field.set_color(record.color)

    def _say_of_form(self) -> None:
        super()._say_of_form()
        self._say_outside()

    def _read(self, base: Campaign) -> Campaign:
        return replace(
            base,
            name=self.name_edit.text().strip(),
            kind=CampaignKind(self.kind_combo.currentData()),
            starts_on=self.starts_field.value(),
            ends_on=self.ends_field.value(),
            color=self.color_field.color(),
        )

    def _validate(self, new: Campaign) -> None:
        if _blank(new.name, new.id, self.session.campaigns()):
            raise InvalidInput("A campaign needs a name.")
        others = [(c.id, c.name, False) for c in self.session.campaigns()]
        _unique(new.name, others, new.id, "campaign")
        _check_range(new.starts_on, new.ends_on)
        parse_color(new.color)

    def _add_command(self, new: Campaign) -> QUndoCommand:
        return CampaignCommand(self.session, None, new)

    def _edit_command(self, old: Campaign, new: Campaign) -> QUndoCommand:
        command = CampaignCommand(self.session, old, new)
        _say_renamed(
            command, "campaign", old.name, new.name, alone=replace(new, name=old.name) == old
        )
        return command

    def _find(self, name: str) -> int | None:
        found = self.session.store.campaign_named(name)
        return found.id if found else None

    def _archive_command(self, record: Campaign) -> QUndoCommand:
        raise InvalidInput("Campaigns are not archived; delete the ones you no longer need.")

    def _delete_command(self, record: Campaign) -> QUndoCommand | None:
        members = len(self.session.store.posts_in_campaign(record.id))
        if members == 0:
            what = "No post belongs to it."
        elif members == 1:
            what = "1 post belongs to it; it stays, without a campaign."
        else:
            what = f"{members} posts belong to it; they stay, without a campaign."
        if not self._confirm(
            self, "Delete campaign", f"Delete the campaign '{record.name}'? {what}"
        ):
            return None
        return CampaignCommand(self.session, record, None)
