"""File > Import, Merge Calendar and Export: the exchange formats in the window.

Long work shows a progress dialog that can cancel (an import then rolls back,
an export leaves no file). An import is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QProgressDialog, QWidget

from ..app import shown_path
from ..core.errors import (
    CadenceError,
    CalendarFileError,
    ImportProblem,
    nothing_imported,
    os_problem_for,
)
from ..core.files import cannot_write_in
from ..core.models import Campaign, ChangeSet, Channel, KeyMessage, Post, Series, quoted_names
from ..exchange.formats import (
    EXPORTERS,
    IMPORT_SUFFIXES,
    IMPORTERS,
    Cancelled,
    ExportOptions,
    ExportSummary,
    ImportOptions,
    ImportSummary,
    created_names,
    format_for,
)
from ..render.cadence_strip import day_text
from ..render.weeks import rest_days
from .commands import StoreCommand, without_access_key
from .dialogs import (
    STATUS_LINE_CHARACTERS,
    ask_date_order,
    ask_replace_files,
    file_dialog_name,
    file_ending,
    files_folder,
    message_box,
    remember_folder,
    run_modal,
    save_file_name,
)
from .session import CalendarSession

if TYPE_CHECKING:
    from ..core.store import CalendarStore
    from .dnd import Carried, Landing

_Result = TypeVar("_Result")

EXPORT_CHOICES: tuple[tuple[str, str, str], ...] = (
    ("ics", "&iCalendar…", "iCalendar files (*.ics)"),
    ("csv", "&CSV (Cadence columns)…", "CSV files (*.csv)"),
    ("hootsuite", "&Hootsuite Bulk Composer…", "CSV files (*.csv)"),
    ("sprout", "&Sprout Social Bulk Scheduling…", "CSV files (*.csv)"),
    ("html", "&Web Page for Clients…", "Web pages (*.html)"),
    ("pdf", "&PDF Report…", "PDF documents (*.pdf)"),
    ("cadence", "Calendar C&opy…", "Cadence calendars (*.cadence)"),
)
"""File > Export's formats: key, menu text (with its access key) and file types."""


def _patterns(kind: str | None = None) -> str:
    """The file name patterns of the endings an import reads (of one format)."""
    return " ".join(f"*{ending}" for ending, of in IMPORT_SUFFIXES.items() if kind in (None, of))


IMPORT_FILTER = ";;".join(
    (
        f"Calendars and posts ({_patterns()})",
        f"iCalendar ({_patterns('ics')})",
        f"CSV ({_patterns('csv')})",
        f"Cadence calendars ({_patterns('cadence')})",
    )
)
"""Every ending an import reads (``.ical`` too, as ``cadence import`` takes it)."""


class ImportCommand(StoreCommand):
    """One import, undoable as one step. The importer has already run when this is pushed."""

    about_posts = True

    def __init__(self, session: CalendarSession, summary: ImportSummary, text: str) -> None:
        super().__init__(session, text)
        store = session.store
        self._summary = summary
        before = [*summary.previous, *summary.settled, *summary.relinked]
        self._touched = [*summary.added, *(p.id for p in before)]
        # The posts as the import left them, for a redo: read at the first undo, which
        # finds them so (100,000 posts read here held the window after the import).
        self._after: list[Post] | None = None
        self._channels: list[Channel] = [store.channel(i) for i in summary.channels_added]
        self._messages: list[KeyMessage] = [store.key_message(i) for i in summary.messages_added]
        self._campaigns: list[Campaign] = [store.campaign(i) for i in summary.campaigns_added]
        self._series: list[Series] = [store.series(i) for i in summary.series_added]
        # (A series whose every post the other calendar deleted is gone.)
        self._joined: list[Series] = store.series_rows(s.id for s in summary.series_before)
        self._versions: list[tuple[Any, ...]] = []
        self._first = True

    @staticmethod
    def takes_back(summary: ImportSummary) -> bool:
        """Whether the undo of the import that ``summary`` tells of would change the
        calendar (what :meth:`revert` puts back): else it is no step to undo."""
        return bool(
            summary.added
            or summary.previous
            or summary.settled
            or summary.revived
            or summary.removed
            or summary.channels_added
            or summary.messages_added
            or summary.campaigns_added
            or summary.series_added
            or summary.series_before
            or summary.relinked
        )

    def _names(self) -> ChangeSet:
        return ChangeSet(
            channels=frozenset(c.id for c in self._channels),
            messages=frozenset(m.id for m in self._messages),
            campaigns=frozenset(c.id for c in self._campaigns),
        )

    def apply(self) -> ChangeSet:
        store = self.session.store
        if self._first:
            self._first = False
            messages, days = store.messages_and_days(self._touched)
            # The days and messages the posts left too: a post the file moved leaves a
            # delivery on its old day, which the cadence panel kept marking.
            removed = self._summary.removed
            left = [*self._summary.previous, *self._summary.settled, *removed]
            return self._names() | ChangeSet(
                posts=frozenset(self._touched) | {p.id for p in removed},
                removed_posts=frozenset(p.id for p in removed),
                messages=messages | {m for p in left for m in p.message_ids},
                dates=days | {p.date for p in left if p.date},
                backlog=True,
            )
        changes = ChangeSet()
        for channel in self._channels:
            changes |= store.restore_channel(channel)
        for message in self._messages:
            changes |= store.restore_key_message(message)
        for campaign in self._campaigns:
            changes |= store.restore_campaign(campaign)
        if self._summary.removed:
            # Deleted in the calendar merged: deleted here again first, as the merge did
            # (a series of theirs it made may have taken the number one of them freed).
            changes |= store.delete_each(p.id for p in self._summary.removed)
        if self._series or self._joined:
            changes |= store.restore_series([*self._series, *self._joined])
        assert self._after is not None  # read by the undo this redoes
        return changes | store.restore_posts(self._after, self._versions)

    def revert(self) -> ChangeSet:
        store = self.session.store
        if self._after is None:
            self._after = store.posts(self._touched)
        changes, self._versions = store.unmake_posts(self._summary.added)
        # Those it brought back (under new numbers: the versions kept under their old
        # ones stay) are deleted again as they were before it came.
        store.remember_deleted(self._summary.revived)
        if self._series or self._summary.series_before:
            # Those it made go first: one may have the number of a series it deleted
            # (SQLite gives the largest freed number again), which comes back.
            changes |= store.restore_series([], drop=(s.id for s in self._series))
            changes |= store.restore_series(self._summary.series_before)
        summary = self._summary
        changes |= store.restore_posts([*summary.previous, *summary.settled, *summary.relinked])
        changes |= store.restore_posts(self._summary.removed)
        # Made by the import, undone with it: no deletion for later imports to follow.
        for campaign in self._campaigns:
            changes |= store.delete_campaign(campaign.id, remembered=False)
        for message in self._messages:
            changes |= store.delete_key_message(message.id, remembered=False)
        for channel in self._channels:
            changes |= store.delete_channel(channel.id)
        return changes | self._names()


def progress_dialog(
    parent: QWidget | None, label: str
) -> tuple[QProgressDialog, Callable[[int, int], bool]]:
    """A cancellable progress dialog and the callback the exchange code calls."""
    dialog = QProgressDialog(label, "Cancel", 0, 100, parent)
    dialog.setWindowTitle("Cadence")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    # Full, the bar emptied (Qt's reset at the maximum) while the work went on: an
    # import counts its rows, then still has their summary to make. It stops short of
    # full; the dialog closes when the work is done.
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def progress(done: int, total: int) -> bool:
        dialog.setValue(min(99, done * 100 // total) if total else 0)
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    return dialog, progress


AskOrder = Callable[[QWidget | None, str, str, bool], bool | None]
"""Asks (parent, file name, a date that reads two ways, the order offered first) how a
CSV file's dates are written: True day first, False month first, None to cancel."""


def day_first_locale() -> bool:
    """True when this computer's short date format puts the day before the month."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat).lower()
    return fmt.find("d") < fmt.find("m")


def run_import(
    session: CalendarSession,
    parent: QWidget | None,
    source: Path,
    *,
    fallback_channel: str | None = None,
    fmt: str | None = None,
    ask_order: AskOrder = ask_date_order,
) -> ImportSummary | None:
    """Import ``source`` as one undo step; None when it failed or was cancelled (said).

    A CSV file's dates are read in the order they show (a day over 12 tells); when
    none tells, ``ask_order`` asks the user, offering this computer's order first.
    """
    fmt = fmt or format_for(source)
    if fmt is None:
        session.report_error(
            parent, CadenceError(f"Cadence cannot tell what kind of file {source.name} is.")
        )
        return None
    day_first: bool | None = None
    if fmt == "csv":
        from ..exchange.csv_profiles import csv_date_order

        day_first, example = csv_date_order(source)
        if example is not None:
            day_first = ask_order(parent, source.name, example, day_first_locale())
            if day_first is None:
                return None
        elif day_first is None:  # no date reads two ways, or they say both: this computer's
            day_first = day_first_locale()
    # A CSV file names its channels, key messages and campaigns in columns of their
    # own, and a merged calendar has its own: those the calendar lacks are made (and
    # taken away again by undo). Another program's iCalendar categories are not
    # channels: those go to the channel chosen for them.
    options = ImportOptions(
        fallback_channel=fallback_channel,
        create_missing=fmt in ("csv", "cadence"),
        day_first=day_first,
        today=session.today(),
    )

    def work(progress: Callable[[int, int], bool]) -> ImportSummary:
        try:
            return IMPORTERS[fmt](session.store, source, options, progress)
        except ImportProblem as exc:
            raise nothing_imported(source.name, exc) from exc

    summary = _with_progress(session, parent, f"Importing {source.name}…", work)
    if summary is None:
        return None
    if ImportCommand.takes_back(summary):  # the same file again: no step to undo
        verb = "Merge" if fmt == "cadence" else "Import"
        session.push(ImportCommand(session, summary, f"{verb} {source.name}"))
    return summary


def run_export(
    session: CalendarSession,
    parent: QWidget | None,
    fmt: str,
    target: Path,
    options: ExportOptions | None = None,
) -> ExportSummary | None:
    """Export with a progress dialog; None when it failed or was cancelled (said)."""
    if fmt == "pdf":
        from ..render.pdf import export_pdf

        exporter = export_pdf
    else:
        exporter = EXPORTERS[fmt]
    chosen = options or ExportOptions(
        day_first=day_first_locale(), today=session.given_today(), rest_days=rest_days()
    )
    return _with_progress(
        session,
        parent,
        f"Exporting {target.name}…",
        lambda progress: exporter(session.store, target, chosen, progress),
    )


def _with_progress(
    session: CalendarSession,
    parent: QWidget | None,
    label: str,
    work: Callable[[Callable[[int, int], bool]], _Result],
) -> _Result | None:
    """Run ``work`` with a cancellable progress dialog; None when it was cancelled or
    failed (and said why)."""
    dialog, progress = progress_dialog(parent, label)
    # The pointer says so at once: a whole calendar is read before the dialog can show
    # (150,000 posts held the window a second or two); once it shows, its Cancel is to
    # be clicked, under the usual pointer.
    waiting = [True]
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def done_waiting() -> None:
        if waiting[0]:
            waiting[0] = False
            QApplication.restoreOverrideCursor()

    def told(done: int, total: int) -> bool:
        if dialog.isVisible():
            done_waiting()
        return progress(done, total)

    try:
        return work(told)
    except Cancelled:
        return None
    except CadenceError as exc:
        done_waiting()  # the sentence under the usual pointer
        dialog.close()  # before the error: it stayed on top of it, keeping the keyboard
        session.report_error(parent, exc)
        return None
    finally:
        done_waiting()
        dialog.close()
        dialog.deleteLater()  # one per run: each export left one hidden in the window


FALLBACK_QUESTIONS = {
    # A spreadsheet names its channels in a column: one this calendar lacks is made.
    "csv": "Channel for rows that name no channel (a channel the file names that this"
    " calendar lacks is added to it):",
    # Another program's categories are not channels: the posts go to the one chosen.
    "ics": "Channel for imported posts that name none of your channels:",
}
"""What the import asks before it reads a file, as it will use the answer."""


def import_dialog(
    session: CalendarSession, parent: QWidget, *, merge: bool = False, source: Path | None = None
) -> None:
    """File > Import… and File > Merge Calendar…: choose a file (unless ``source``, one
    dropped on the window, is given), then import it (asking for a channel for posts
    that name none, unless every row of a spreadsheet names one)."""
    from ..exchange.csv_profiles import csv_names_every_channel, csv_refusal
    from ..exchange.ical import ics_needs_a_channel

    if source is None:
        name = file_dialog_name(
            parent,
            "Merge Calendar" if merge else "Import",
            files_folder(session.store.path),
            "Cadence calendars (*.cadence)" if merge else IMPORT_FILTER,
        )
        if not name:
            return
        source = Path(name)
        remember_folder(session.store.path, source)
    fallback: str | None = None
    fmt = format_for(source)
    # Asked for a file the import reads and whose posts may name no channel here (not a
    # Cadence file: its channels are made as it names them).
    if fmt == "ics":
        asks = ics_needs_a_channel(source, session.store)
    else:
        asks = fmt == "csv" and csv_refusal(source) is None and not csv_names_every_channel(source)
    if asks and fmt is not None:
        channels = [c.name for c in session.channels()]
        choice, ok = QInputDialog.getItem(
            parent, "Import", FALLBACK_QUESTIONS[fmt], channels, 0, True
        )
        if not ok:
            return
        fallback = choice.strip() or None
    summary = run_import(session, parent, source, fallback_channel=fallback)
    if summary is None:
        return
    said = [summary.describe(), *summary.notes]
    named = created_names(session.store, summary)
    if named:
        said.append(f"New here: {named}.")
    away = elsewhere(session.store, summary.added, session.days_shown())
    if away:
        said.append(away)
    hidden = session.hidden_among(summary.added)
    if hidden:  # none in sight, the import seemed to bring nothing
        hiding, them = session.what_hides(hidden)
        which = "It is" if len(summary.added) == 1 else f"{len(hidden)} of them are"
        said.append(f"{which} hidden by {hiding}; clear {them} to see all.")
    show_summary(parent, "Merge Calendar" if merge else "Import", " ".join(said), details(summary))


def elsewhere(store: CalendarStore, added: Sequence[int], shown: tuple[date, date]) -> str:
    """Where the posts an import added are, when none is on the days ``shown`` (a plan
    of last spring left the month on screen empty, its posts unseen): those of the
    calendar's view, not of today's month (said of posts in sight, and unsaid of posts
    out of it, with another month shown)."""
    start, end = shown
    first_day, last_day, in_sight = store.days_reached(added, start, end)
    if first_day is None or last_day is None or in_sight:
        return ""
    if first_day < start and end < last_day:
        return ""
    first, last = day_text(first_day, year=True), day_text(last_day, year=True)
    span = f"on {first}" if first_day == last_day else f"from {first} to {last}"
    return f"The posts it added are {span} (Ctrl+G goes to a date)."


def show_summary(
    parent: QWidget | None, title: str, text: str, details: Sequence[str] = ()
) -> None:
    """What an import or export did, with each item to look at behind "Show Details"
    (what an import skipped and why, a post too long for its channel)."""
    box = message_box(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(text)
    if details:
        box.setDetailedText("\n".join(details))
    run_modal(box)


def details(summary: ImportSummary) -> list[str]:
    """What an import's summary lists behind Show Details: the rows or events skipped,
    and the posts it updated, as they were ("updated 1" named none: another calendar's
    .ics rewrote a post of this one, unsaid which)."""
    updated = [
        f"updated: {quoted_names([post.title])}"
        f" ({post.date.isoformat() if post.date is not None else 'backlog'})"
        for post in summary.previous
    ]
    return [*summary.skipped, *updated]


def backup_named(path: Path) -> str:
    """A backup as its window's title names it: "backup of Thu 10 Dec 2026 10:00"."""
    from ..core.backups import backup_stamp
    from ..render.chips import clock_text

    stamp = backup_stamp(path)
    when = f" of {day_text(stamp.date(), year=True)} {clock_text(stamp.time())}" if stamp else ""
    return f"backup{when}"


def paste_from_calendar(
    session: CalendarSession,
    parent: QWidget | None,
    carried: Carried,
    day: date | None,
    when: Landing,
    select: Callable[[list[int]], None] | None = None,
    *,
    verb: str = "Pasted",
    step: str = "Paste",
) -> str | None:
    """Paste posts copied in another calendar (another client's, say) as new posts
    here, on ``day`` at ``when`` as a drop places them; one undo step. Cut posts are
    copied all the same. Their channel, key messages and campaign come along by
    name; ``select`` is given the new posts. Returns what to tell the user (``verb``
    says how they came: "Copied" for a drop, whose undo step is a ``step`` "Copy"), or
    None when the other file could not be read (the user has been told why)."""
    from ..core.backups import is_backup_of
    from ..core.store import CalendarStore
    from ..exchange.merge import copy_posts_between
    from .commands import plural, post_text
    from .dnd import KEEP_TIME, as_going_out, placements, still_ahead

    if not carried.source.exists():
        # "There is no calendar at …" named no calendar the user was thinking of.
        where = carried.source.parent
        why = "" if where.is_dir() else ", its drive unplugged or its share not connected perhaps"
        session.report_error(
            parent,
            CalendarFileError(
                f"The calendar the posts were copied from is not at {shown_path(carried.source)}"
                f" any more{why}; nothing was pasted."
            ),
        )
        return None
    # From a backup of this calendar (one post brought back as it was): its notes are
    # this calendar's own, and it is named as the backup it is, not as this calendar.
    restoring = is_backup_of(carried.source, session.store.path)
    try:
        with CalendarStore.open(carried.source, read_only=True) as theirs:
            posts = carried.still(theirs.posts(carried.ids))
            if not posts:
                return "The copied posts are no longer in their calendar."
            name = f"'{theirs.info().name}'"
            if restoring:
                name = f"its {backup_named(carried.source)}"
            targets = as_going_out(
                session, placements(posts, carried.anchor, day, when, carried.origin)
            )
            if when is KEEP_TIME:  # onto today, as a copy here: at a time still ahead
                targets = still_ahead(session, targets)
            with session.store.transaction():  # the undo step is ready, or nothing pasted
                summary = copy_posts_between(
                    session.store, theirs, targets, today=session.today(), keep_notes=restoring
                )
                count = plural(len(summary.added), "post")
                text = f"{post_text(step, len(summary.added))} from {name}"
                command = ImportCommand(session, summary, text)
    except CadenceError as exc:
        session.report_error(parent, exc)
        return None
    session.push(command)
    if select is not None and summary.added:
        select(summary.added)
    named = created_names(session.store, summary)
    # Last, what it made here (seen in the sidebar too): a status bar cuts a long line,
    # and it cut "…the campaign 'Free roof" before the notes left there were said.
    added = f" Added here: {named}." if named else ""
    pasted = session.posts(summary.added)
    archived = sorted(
        {
            f"'{session.channel(p.channel_id).name}'"
            for p in pasted
            if session.channel(p.channel_id).archived
        }
        | {
            f"'{session.key_message(m).title}'"
            for p in pasted
            for m in p.message_ids
            if session.key_message(m).archived
        }
    )
    shelved = f" Archived here: {', '.join(archived)}." if archived else ""
    added_count = len(summary.added)
    stay = ""
    if carried.cut:
        they = "It stays" if added_count == 1 else "They stay"
        stay = f" {they} in {name} too: posts move only within a calendar."
    if summary.notes_left:  # another client's, private to it
        if added_count == 1:
            whose = "Its notes stay"
        elif summary.notes_left == added_count:
            whose = "Their notes stay"
        else:  # "Its notes" read as if one of three were all
            whose = f"The notes of {summary.notes_left} of them stay"
        stay += f" {whose} in {name}."
    if summary.notes:
        # What came otherwise than it was there (a cadence beyond ten years), said whole
        # as a merge says it: on the one line of the status bar it was cut off.
        show_summary(parent, f"{verb} from {name}", " ".join(summary.notes))
    said = f"{verb} {count} from {name}.{stay}{shelved}{added}"
    if len(said) > STATUS_LINE_CHARACTERS and named:
        # Cut off at the window's edge (a month of another client's posts named 253
        # characters of what they made here): counted, the names are in the sidebar.
        added = f" Added here: {created_names(session.store, summary, counted=True)}."
        said = f"{verb} {count} from {name}.{stay}{shelved}{added}"
    return said


def _may_replace_tool_files(
    session: CalendarSession, parent: QWidget, target: Path, options: ExportOptions, fmt: str
) -> bool:
    """Whether the files a publishing tool's export to ``target`` writes may be written:
    asked about those that exist (the name chosen is not one of them)."""
    from ..exchange.csv_profiles import tool_files

    try:
        files = tool_files(session.store, target, options, sprout=fmt == "sprout")
    except CadenceError:
        return True  # the export says what is wrong
    existing = [path for path in files if path.exists()]
    return not existing or ask_replace_files(parent, existing)


def export_dialog(session: CalendarSession, parent: QWidget, fmt: str) -> None:
    """File > Export > (format): choose what (days, channels, key messages, the format's
    own choices), then where, then export."""
    from .export_options import ask_export_options  # not needed at start-up

    label, name_filter = next((lab, f) for key, lab, f in EXPORT_CHOICES if key == fmt)
    label = without_access_key(label)  # a title, not a menu
    options = ask_export_options(session, fmt, label, parent)
    if options is None:
        return
    # A calendar copy is offered beside it as "… copy", as Save a Copy As does (the
    # calendar's own name was offered, and refused once chosen).
    stem = session.store.path.stem + (" copy" if fmt == "cadence" else "")
    default = files_folder(session.store.path) / f"{stem}{file_ending(name_filter)}"
    per_channel = fmt in ("hootsuite", "sprout")  # files named after it and each channel
    title = f"Export {label.rstrip('…')}"
    # Asked here once the folder is known to take the file ("Replace it?" was asked,
    # and only after Yes was a read-only folder refused).
    target = save_file_name(parent, title, default, name_filter)
    if target is None:
        return
    refused = cannot_write_in(target if target.is_dir() else target.parent)
    if refused is not None:
        session.report_error(parent, os_problem_for(refused, str(target)))
        return
    if per_channel and not _may_replace_tool_files(session, parent, target, options, fmt):
        return
    if not per_channel and target.is_file() and not ask_replace_files(parent, [target]):
        return
    remember_folder(session.store.path, target)
    summary = run_export(session, parent, fmt, target, options)
    if summary is not None:
        show_summary(parent, "Export", summary.describe(), summary.details())
