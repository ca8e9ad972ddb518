"""Small dialogs shared by the window: errors, the recurring-post question, the
unsaved-changes and replace-the-file questions and Go to Date."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from PySide6.QtCore import QFileInfo, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileIconProvider,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from ..core.errors import OUT_OF_MEMORY, CadenceError, StorageProblem
from ..core.files import resolved
from ..core.models import WeekStart, spelled_day
from ..core.store import Scope

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QDialog

LISTED_AS = "listedAs"
"""An action's property naming it in the list of keyboard shortcuts, where its text
changes ("Undo Move 3 posts" is listed as "Undo")."""

CALENDAR_KEPT = "Nothing was lost: the calendar is as it was before."


WINDOW_FRAME = QSize(16, 48)
"""Room kept for a window's frame and title bar, which its own size leaves out."""

STATUS_LINE_CHARACTERS = 170
"""About what a status bar shows of a message in a window 1024 pixels wide."""


def fit_on_screen(dialog: QWidget, width: int, height: int) -> None:
    """Size ``dialog`` to ``width`` by ``height``, or to the screen it is on (the one it
    opens on, before it shows) when that is smaller (200% on a small screen), and keep
    a dialog shown from growing past the screen's bottom: its buttons are never out
    of reach."""
    parent = dialog.parentWidget()
    screen = dialog.screen() if dialog.isVisible() or parent is None else parent.screen()
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        dialog.resize(width, height)
        return
    area = screen.availableGeometry()
    room = area.size() - WINDOW_FRAME
    width, height = min(width, room.width()), min(height, room.height())
    dialog.resize(max(width, dialog.minimumWidth()), max(height, dialog.minimumHeight()))
    if dialog.isVisible():
        frame = dialog.frameGeometry()
        below = frame.bottom() - area.bottom()
        if below > 0:
            dialog.move(frame.left(), max(area.top(), frame.top() - below))


def scrolled(content: QWidget, *, sideways: bool = False) -> QScrollArea:
    """``content`` in a frameless area that scrolls when the screen is too small for it
    (a laptop's at 14pt or 125%): up and down, and ``sideways`` too."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Tab goes from field to field: the area itself was a stop where nothing showed
    # the focus and a screen reader said an empty name (it still scrolls to a field).
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if not sideways:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    return area


def _error_box(
    parent: QWidget | None,
    exc: BaseException,
    title: str,
    reassurance: str = CALENDAR_KEPT,
    then: str = "",
) -> QMessageBox:
    box = message_box(parent)
    box.setWindowTitle(title)
    if not isinstance(exc, CadenceError):
        from ..core.damage import damaged_calendar

        # A calendar damaged in a way no check foresaw, said as such (not as a bug).
        exc = damaged_calendar(None, exc) or exc
    if isinstance(exc, CadenceError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(exc))
        if isinstance(exc, StorageProblem):
            box.setInformativeText(" ".join(filter(None, (reassurance, then))))
        else:
            box.setInformativeText(then)
    elif isinstance(exc, MemoryError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(OUT_OF_MEMORY)
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText("Cadence ran into a problem it did not expect; nothing was saved.")
        box.setDetailedText(f"{type(exc).__name__}: {exc}")
    box.setObjectName("errorBox")
    return box


_FOLDERS_CHOSEN: dict[Path, Path] = {}
"""The folder each calendar's last import, export or copy went through (this run)."""


def files_folder(calendar: Path) -> Path:
    """Where a file dialog starts for this calendar: where its last import, export or
    copy went (ten exports in a row each started back in Documents), else its folder,
    unless that is Cadence's own data folder (hidden, where the demo and the calendars
    made from the welcome screen live): then the user's documents, where exports are
    found again."""
    from ..app import data_folder

    chosen = _FOLDERS_CHOSEN.get(calendar)
    if chosen is not None and chosen.is_dir():
        return chosen
    folder = calendar.parent
    try:
        inside = resolved(folder) == resolved(data_folder())
    except OSError:
        inside = False
    if not inside:
        return folder
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(calendar: Path, chosen: Path) -> None:
    """A file (or a folder, for exports of a file per channel) chosen in a file dialog
    for this calendar: the next one starts in its folder."""
    _FOLDERS_CHOSEN[calendar] = chosen if chosen.is_dir() else chosen.parent


def message_box(parent: QWidget | None) -> QMessageBox:
    """A message box whose text reads as written: a name such as "Launch <beta>" lost
    its "<beta>", and "<b>Q1</b>" came out bold (Qt took it for markup)."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


A = TypeVar("A")


def answered(box: QMessageBox, answers: list[tuple[QAbstractButton, A]], otherwise: A) -> A:
    """Show ``box`` and wait: the answer of the button clicked (``otherwise`` for
    another, or the box closed)."""
    run_modal(box)
    clicked = box.clickedButton()
    return next((answer for button, answer in answers if button is clicked), otherwise)


def run_modal(dialog: QDialog) -> int:
    """Show ``dialog`` and wait for it to close; it is then deleted (with the window as
    its parent it would stay, and its actions would be found among the window's)."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()  # once control is back in the event loop: results still read


def show_error(
    parent: QWidget | None,
    exc: BaseException,
    title: str = "Cadence",
    *,
    reassurance: str = CALENDAR_KEPT,
    then: str = "",
) -> None:
    """Tell the user what went wrong in one plain sentence, and wait for them to close it.

    A :class:`CadenceError` carries its own sentence (a problem of the disk or the
    file system adds ``reassurance``), and ``then`` says what Cadence does next;
    anything else is a bug in Cadence, said as such (the details go to the "Show
    Details" area).
    """
    run_modal(_error_box(parent, exc, title, reassurance, then))


_announced: list[QMessageBox] = []
"""Boxes opened by :func:`announce_error` and not closed yet (kept alive here when
they have no parent window to keep them)."""


def announce_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """:func:`show_error` without waiting: the box opens and the program goes on
    (for errors that surface outside any dialog's own handling)."""
    box = _error_box(parent, exc, "Cadence")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _announced.append(box)
    box.finished.connect(lambda _result: _announced.remove(box))
    box.open()
    return box


def ask_series_scope(parent: QWidget | None, verb: str) -> Scope | None:
    """Ask which occurrences of a recurring post ``verb`` (e.g. "move") applies to."""
    box = message_box(parent)
    box.setWindowTitle("Recurring Post")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"This post repeats. Which occurrences do you want to {verb}?")
    # Each with a letter for Alt, as every other question's buttons.
    this = box.addButton("&This one", QMessageBox.ButtonRole.AcceptRole)
    following = box.addButton("This and &following", QMessageBox.ButtonRole.AcceptRole)
    every = box.addButton("&All", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(this)
    answer: Scope | None = answered(
        box, [(this, "this"), (following, "following"), (every, "all")], None
    )
    return answer


def ask_date_order(parent: QWidget | None, name: str, example: str, day_first: bool) -> bool | None:
    """Ask how the dates of the CSV file ``name`` are written, none of them telling
    (``example`` reads two ways, as 03/04/2026 does): True for day first, False for month
    first, None to import nothing. ``day_first`` is the answer offered first."""
    read = _parse_both(example)
    box = message_box(parent)
    box.setObjectName("dateOrderBox")
    box.setWindowTitle("Import")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"How are the dates in {name} written?")
    box.setInformativeText(f"No date in the file tells: {example} may be {read[0]} or {read[1]}.")
    day = box.addButton(f"&Day first ({read[0]})", QMessageBox.ButtonRole.AcceptRole)
    month = box.addButton(f"&Month first ({read[1]})", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(day if day_first else month)
    run_modal(box)
    clicked = box.clickedButton()
    return True if clicked is day else False if clicked is month else None


def _parse_both(example: str) -> tuple[str, str]:
    """``03/04/2026`` read day first and month first: ``3 April 2026``, ``4 March 2026``."""
    from ..exchange.csv_profiles import two_readings

    day_first, month_first = two_readings(example)
    return spelled_day(day_first, weekday=False), spelled_day(month_first, weekday=False)


SaveAnswer = Literal["save", "discard", "cancel"]
OverAnswer = Literal["over", "new", "cancel"]


def file_ending(name_filter: str) -> str:
    """The ending a file dialog's filter names: ".html" for "Web pages (*.html)"."""
    return name_filter.split("*")[1].split(")")[0].split(" ")[0]


def with_ending(path: Path, ending: str) -> Path:
    """``path``, ending in ``ending`` (added to a name typed without it: "plan" is
    "plan.html", "Acme v1.2" is "Acme v1.2.cadence")."""
    return path if path.suffix.lower() == ending else path.with_name(path.name + ending)


class _PlainIcons(QFileIconProvider):
    """Icons and types of files told by their kind and ending alone. Qt's own provider
    reads a file whose ending it does not know to guess its type: a dialog showing the
    calendar's folder opened and closed the calendar and its -wal and -shm files, and
    on Linux closing any handle on a file drops every lock the process holds on it.
    The window's calendar lost its locks, so the next `cadence` command took itself for
    the last reader and deleted the -wal and -shm: every later change in the window was
    refused."""

    def icon(self, what: Any) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (
                QFileIconProvider.IconType.Folder
                if what.isDir()
                else QFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        if info.suffix() == "cadence":
            return "Cadence calendar"
        return f"{info.suffix().upper()} file" if info.suffix() else "File"


_ICONS: list[_PlainIcons] = []


def _plain_icons() -> _PlainIcons:
    """One provider for every file dialog (a dialog does not own it)."""
    if not _ICONS:
        _ICONS.append(_PlainIcons())
    return _ICONS[0]


def file_dialog_name(
    parent: QWidget | None,
    title: str,
    where: Path,
    name_filter: str,
    *,
    save: bool = False,
    confirm_overwrite: bool = True,
) -> str:
    """A file chosen in a file dialog (to open, or with ``save`` to save, in ``where``:
    a folder, or a file's name to offer); "" when cancelled. Its icons are told without
    reading the files (:func:`_plain_icons`)."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, "", name_filter)
    if sys.platform.startswith("linux"):
        # Qt's own dialog, with its icons told without reading the files: a desktop's
        # (GNOME's, Xfce's) reads them, and dropped the window's locks the same way.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setIconProvider(_plain_icons())
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if not confirm_overwrite:
            dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    folder = where if where.is_dir() else where.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent  # Cadence's folder not made yet: the nearest one there
    dialog.setDirectory(str(folder))
    if not where.is_dir():
        dialog.selectFile(where.name)
    # Qt's own opened at 638 by 412, its columns cut ("264…KiB", "Cad…dar").
    fit_on_screen(dialog, 900, 560)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return ""
        chosen = dialog.selectedFiles()
        return chosen[0] if chosen else ""
    finally:
        dialog.deleteLater()


def save_file_name(
    parent: QWidget | None, title: str, default: Path, name_filter: str
) -> Path | None:
    """Ask where to save a file of the kind ``name_filter`` names ("Web pages (*.html)");
    None when the user cancels.

    A name typed without that ending gets it (:func:`with_ending`), as a file of that
    kind needs it to open with a double-click. Nothing is asked about replacing a file
    there: the caller asks (:func:`ask_replace`) once it knows the file can be written
    there, and which files it writes (a publishing tool's are named after the name
    chosen and their channels).
    """
    name = file_dialog_name(parent, title, default, name_filter, save=True, confirm_overwrite=False)
    if not name:
        return None
    return with_ending(Path(name), file_ending(name_filter))


def ask_replace(parent: QWidget | None, path: Path) -> bool:
    """Whether to replace the file at ``path``, which exists (True: replace it)."""
    return ask_replace_files(parent, [path])


def ask_open_or_merge(
    parent: QWidget | None, path: Path, here: str
) -> Literal["open", "merge", None]:
    """What to do with the calendar at ``path`` dropped on the window showing ``here``
    (its name): open it in its place, or merge its posts into it; None: neither. A
    colleague's copy of a client's calendar, dropped to be merged, took the window's
    place unsaid, under the same name."""
    box = message_box(parent)
    box.setWindowTitle("Open or Merge?")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"Open {path.name}, or merge its posts into '{here}'?")
    box.setInformativeText(
        f"Open shows it in this window in place of '{here}'. Merge copies its posts, and"
        " the channels, key messages and campaigns they name, into this calendar; one"
        " undo takes them back."
    )
    role = QMessageBox.ButtonRole
    opening = box.addButton("&Open", role.AcceptRole)
    merging = box.addButton("&Merge Into This Calendar", role.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(opening)
    answers: list[tuple[QAbstractButton, Literal["open", "merge", None]]] = [
        (opening, "open"),
        (merging, "merge"),
    ]
    return answered(box, answers, None)


def ask_replace_files(parent: QWidget | None, paths: list[Path]) -> bool:
    """Whether to replace the files at ``paths``, which exist (True: replace them)."""
    if len(paths) == 1:
        title, text = "Replace the File?", f"{paths[0].name} already exists"
    else:
        more = f" and {len(paths) - 5} more" if len(paths) > 5 else ""
        names = ", ".join(path.name for path in paths[:5]) + more
        title, text = "Replace the Files?", f"{names} already exist"
    buttons = QMessageBox.StandardButton
    box = message_box(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"{text} in {paths[0].parent}. Replace {'it' if len(paths) == 1 else 'them'}?")
    box.setStandardButtons(buttons.Yes | buttons.Cancel)
    box.setDefaultButton(buttons.Cancel)
    return run_modal(box) == buttons.Yes


def _question(
    parent: QWidget | None, name: str, window_title: str, text: str, informative: str
) -> QMessageBox:
    """A question box of the post editor's, its buttons to add."""
    box = message_box(parent)
    box.setObjectName(name)
    box.setWindowTitle(window_title)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(text)
    box.setInformativeText(informative)
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if len(informative) <= ONE_LINE_INFORMATIVE and label is not None:
        # On one line: wrapped to the width of a short question ("Save this post?"), its
        # last word stood alone below it ("lost."). Not wider than half the screen (at
        # three times the usual font it was cut at the screen's edge).
        room = box.screen().availableGeometry().width() // 2
        if label.fontMetrics().horizontalAdvance(informative) <= room:
            label.setWordWrap(False)
    return box


ONE_LINE_INFORMATIVE = 64
"""The longest second sentence a question box keeps on one line."""


def ask_resume_draft(parent: QWidget | None, title: str) -> bool:
    """Ask, as a calendar opens, whether to finish the post Cadence stopped in the middle
    of (True: open it in the editor; False: discard what was typed)."""
    box = _question(
        parent,
        "resumeDraftBox",
        "Unfinished Post",
        f"Cadence stopped while you were writing '{title}'."
        if title
        else "Cadence stopped while you were writing a post.",
        "Open it in the editor to finish it, or discard what was typed?",
    )
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Open | buttons.Discard)
    box.setDefaultButton(buttons.Open)
    box.setEscapeButton(buttons.Open)  # nothing typed is lost by a key pressed
    _with_letters(box, (buttons.Open, buttons.Discard))
    return run_modal(box) != buttons.Discard


def _with_letters(box: QMessageBox, buttons: Iterable[QMessageBox.StandardButton]) -> None:
    """A letter for Alt on each of a box's standard ``buttons`` whose platform wording
    has none (Qt's on Linux), the wording kept ("Don't Save", "Close without Saving")."""
    for button in buttons:
        shown = box.button(button)
        if "&" not in shown.text():
            shown.setText(f"&{shown.text()}")


UNSAVED_LOST = "If you don't, your changes are lost."
"""What an unsaved question says of not saving."""


def ask_save_changes(parent: QWidget | None, title: str) -> SaveAnswer:
    """Ask, as a post editor closes with changes, whether to save them."""
    box = _question(
        parent,
        "saveChangesBox",
        "Unsaved Changes",
        f"Save your changes to '{title}'?" if title else "Save this post?",
        UNSAVED_LOST,  # (picked from a list too)
    )
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    _with_letters(box, (buttons.Save, buttons.Discard))
    answer = run_modal(box)
    if answer == buttons.Save:
        return "save"
    if answer == buttons.Discard:
        return "discard"
    return "cancel"


def ask_create_calendar(parent: QWidget | None, name: str) -> SaveAnswer:
    """Ask, as the new calendar's form closes with something filled in, whether to create
    it ("save"): it asked to save changes to a calendar that did not exist yet."""
    box = _question(
        parent,
        "createCalendarBox",
        "New Calendar",
        f"Create the calendar '{name}'?" if name else "Create this calendar?",
        "If you don't, what you filled in is lost.",
    )
    return _keep_discard_or_cancel(box, "&Create")


def ask_save_gone(parent: QWidget | None, title: str) -> SaveAnswer:
    """Ask, as a post editor saves or closes over a post deleted elsewhere meanwhile,
    whether what was typed becomes a new post ("save"), goes, or stays open."""
    box = _question(
        parent,
        "savedGoneBox",
        "Post Deleted Elsewhere",
        f"'{title}' was deleted in another window or program while you edited it."
        if title
        else "This post was deleted in another window or program while you edited it.",
        "Save what you typed as a new post?",
    )
    return _keep_discard_or_cancel(box, "&Save as New Post")


def _keep_discard_or_cancel(box: QMessageBox, keep: str) -> SaveAnswer:
    """Run a question whose answers are ``keep`` ("save", the default), Discard and
    Cancel (Escape)."""
    save = box.addButton(keep, QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    if "&" not in discard.text():
        discard.setText(f"&{discard.text()}")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    said: SaveAnswer = answered(box, [(save, "save"), (discard, "discard")], "cancel")
    return said


def ask_save_over(parent: QWidget | None, title: str, changed: str) -> OverAnswer:
    """Ask, as a post editor saves over a post another window or program changed
    meanwhile (``changed`` says what, as typed here too), whether what was typed goes
    over their change, becomes a new post beside it, or stays open."""
    box = _question(
        parent,
        "savedOverBox",
        "Post Changed Elsewhere",
        f"'{title}' was changed in another window or program while you edited it: its {changed}.",
        "Save yours over that change, or keep it and save yours as a new post?",
    )
    over = box.addButton("Save &Over", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("Save as &New Post", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(new)  # what nobody typed over is the safe side
    box.setEscapeButton(cancel)
    said: OverAnswer = answered(box, [(over, "over"), (new, "new")], "cancel")
    return said


def ask_apply_over(parent: QWidget | None, name: str, changed: str) -> bool:
    """Ask, as a manager applies a field another window or program changed meanwhile
    too (``changed`` says which), whether what was typed goes over their change (a key
    message, channel or campaign has no new one to be beside it, as a post has)."""
    box = _question(
        parent,
        "appliedOverBox",
        "Changed Elsewhere",
        f"'{name}' was changed in another window or program while you edited it: its {changed}.",
        "Save yours over it? Cancel leaves your typing in the form, unsaved.",
    )
    over = box.addButton("Save &Over", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # what nobody typed over is the safe side
    box.setEscapeButton(cancel)
    return answered(box, [(over, True)], False)


def changed_there_too(
    typed: dict[str, object], opened: object, now: object, words: dict[str, str]
) -> list[str]:
    """Of the fields typed over ``opened`` (by name), those another window or program
    changed in ``now`` to something else than typed, in ``words`` (fields without a
    word are not asked about): the last save silently won, field by field."""
    return [
        words[key]
        for key, value in typed.items()
        if key in words and getattr(now, key) not in (getattr(opened, key), value)
    ]


def closes_unsaved(dialog: QDialog, title: str, ask: Callable[[QWidget, str], SaveAnswer]) -> bool:
    """Whether ``dialog``, closing with something typed, may close without it: ``ask``
    whether to save it first; "save" accepts the dialog instead (which closes it when
    what was typed can be saved), "cancel" keeps it open."""
    answer = ask(dialog, title)
    if answer == "save":
        dialog.accept()
    return answer == "discard"


def _asked(
    parent: QWidget | None, name: str, title: str, label: str, field: QWidget, ok: str = ""
) -> bool:
    """A small dialog of one ``field``: True when accepted (Enter, or the OK button,
    ``ok`` its text if given)."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout

    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(label, field)
    form.addRow(buttons)
    # Room for the title in the title bar beside its buttons ("Paste … Time" at 200).
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance(title) + 160)
    field.setFocus()
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def ask_time(
    parent: QWidget | None, title: str, wanted: time, label: str = "&Time:"
) -> time | None:
    """A time of day, typed or stepped by quarter hours (the week's Paste at a Time…,
    the keyboard's way to the hour a right-click on the grid gives); ``label`` names it
    (and the day it is on)."""
    from PySide6.QtCore import QTime

    from .commands import without_access_key
    from .editor import QuarterHourTimeEdit  # not needed at start-up

    edit = QuarterHourTimeEdit()
    edit.setAccessibleName(without_access_key(label).rstrip(":"))
    edit.setTime(QTime(wanted.hour, wanted.minute))
    if not _asked(parent, "askTimeDialog", title, label, edit):
        return None
    return time(edit.time().hour(), edit.time().minute())


def ask_date(parent: QWidget | None, current: date, week_start: WeekStart) -> date | None:
    """View > Go to Date…: the day to show, picked from a calendar or typed."""
    from .editor import make_date_edit, pydate, qdate  # not needed at start-up

    edit = make_date_edit("Date to go to", week_start)
    edit.setDate(qdate(current))
    if not _asked(parent, "goToDateDialog", "Go to Date", "&Date:", edit, ok="Go"):
        return None
    return pydate(edit.date())
