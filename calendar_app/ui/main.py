"""Starting the window: the application object and the first calendar."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QLoggingCategory,
    QObject,
    QSettings,
    QSocketNotifier,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from .. import __version__
from ..core.errors import CadenceError, CalendarFileError, StorageProblem, after_colon
from ..core.files import resolved
from ..core.store import CalendarStore
from ..render.qtlog import locale_switch_unsaid
from ..resources import app_icon
from .dialogs import announce_error, show_error
from .style import use_edged_style

if TYPE_CHECKING:
    from .main_window import MainWindow


class CadenceApplication(QApplication):
    """The application object; it passes on the files the system hands over.

    On macOS, a double-click on a ``.cadence`` file (or a drop on the Dock
    icon) reaches the program as a ``QFileOpenEvent`` sent to the application
    object, also at launch, instead of a command-line argument.
    """

    fileOpenRequested = Signal(object)
    """The path of a calendar the system asks Cadence to open."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.aboutToQuit.connect(self._release_clipboard)

    @staticmethod
    def _release_clipboard() -> None:
        from .dnd import release_clipboard

        release_clipboard()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            name = event.file()  # type: ignore[attr-defined]
            if name:
                self.fileOpenRequested.emit(Path(name))
                return True
        return super().event(event)


def _started(args: list[str]) -> QApplication:
    if not falls_back_offscreen(os.environ, args):
        return CadenceApplication(args)
    # An X display that answers but refuses (Cadence run as another user than the
    # desktop's, by sudo or su) made Qt abort with a page of text: offscreen, tried
    # after it, starts instead, and the refusal is said in one sentence.
    with _held_error_output() as held:
        app = CadenceApplication([*args, "-platform", "xcb;offscreen"])
    said = "".join(held)
    if app.platformName() == "offscreen":
        raise CadenceError(display_refusal(os.environ.get("DISPLAY", ""), said))
    _pass_on_error_output(said)
    return app


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    with locale_switch_unsaid():  # (LC_ALL=C: four lines of Qt's on the terminal)
        app = _started(argv or [sys.argv[0]])
    # A screen reader asks, again and again, after days and posts a month no longer
    # shows: Qt's bridge said each time that it could not find them (thousands of
    # lines a minute). QT_LOGGING_RULES still turns them back on.
    QLoggingCategory.setFilterRules("qt.accessibility.atspi.warning=false")
    app.setApplicationName("Cadence")
    app.setOrganizationName("Cadence")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.cadence.Cadence")
    app.setWindowIcon(app_icon())
    use_edged_style(app)  # boxes and fields that show in a dark palette too
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # the built program: its Qt has its plugins' paths now, kept
        from ..app import give_programs_their_own_qt

        QApplication.libraryPaths()
        give_programs_their_own_qt(os.environ, bundle)
    return app


def falls_back_offscreen(environ: Mapping[str, str], args: list[str]) -> bool:
    """Whether the window's platform is X11 as Qt chooses it, to be tried before
    offscreen (:func:`make_application`): on Linux, with an X display and no Wayland
    one, and no platform named (``QT_QPA_PLATFORM``, ``-platform``)."""
    return (
        sys.platform.startswith("linux")
        and bool(environ.get("DISPLAY"))
        and not environ.get("WAYLAND_DISPLAY")
        and not environ.get("QT_QPA_PLATFORM")
        and "-platform" not in args
    )


def display_refusal(display: str, said: str) -> str:
    """The sentence for an X display Qt could not show a window on, from what Qt and
    the X library wrote as they tried (``said``)."""
    if "authoriz" in said.lower() or "could not connect" in said:
        return (
            f"The display {display} refused Cadence's window: open Cadence as the user"
            " logged in to the desktop (not through sudo or su), or use the commands"
            " (see 'cadence --help')."
        )
    first = next((line.strip() for line in said.splitlines() if line.strip()), "")
    return f"Qt could not show a window on the display {display} ({first or 'no reason given'})."


@contextlib.contextmanager
def _held_error_output() -> Iterator[list[str]]:
    """Hold what is written to the error output meanwhile (by C libraries too, not
    through ``sys.stderr``): in the list given, once the block has run."""
    held: list[str] = []
    try:
        saved = os.dup(2)
    except OSError:  # no error output at all ("2>&-")
        yield held
        return
    with tempfile.TemporaryFile() as spool:
        sys.stderr.flush()
        os.dup2(spool.fileno(), 2)
        try:
            yield held
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            spool.seek(0)
            held.append(spool.read().decode("utf-8", "replace"))


def _pass_on_error_output(text: str) -> None:
    if text:
        with contextlib.suppress(OSError):
            os.write(2, text.encode())


class FileOpenHandler(QObject):
    """Opens the calendars that :class:`CadenceApplication` passes on.

    A file handed over before the window exists waits in :attr:`pending`
    until :meth:`attach` gives the window. Used as a context manager, it stops
    listening on the way out. (An application object that is not a
    :class:`CadenceApplication` hands over nothing.)
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.pending: Path | None = None
        self._open: Callable[[Path], object] | None = None
        self._app = app if isinstance(app, CadenceApplication) else None
        if self._app is not None:
            self._app.fileOpenRequested.connect(self._handed_over)

    def __enter__(self) -> FileOpenHandler:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop listening to the application."""
        if self._app is not None:
            self._app.fileOpenRequested.disconnect(self._handed_over)
            self._app = None
        self._open = None
        self.deleteLater()

    def attach(self, open_calendar: Callable[[Path], object]) -> None:
        """From now on, hand files to ``open_calendar``; a waiting one goes first."""
        self._open = open_calendar
        if self.pending is not None:
            path, self.pending = self.pending, None
            open_calendar(path)

    def _handed_over(self, path: Path) -> None:
        if self._open is None:
            self.pending = path
        else:
            self._open(path)


WELCOME_SHOWN = "welcomeShown"
"""The settings key set once the welcome screen led to a calendar."""

Welcome = Callable[[], CalendarStore | None]
"""Shows the welcome screen: the chosen calendar, or None when the user quit."""


def _say_if_settings_spoiled(settings: QSettings) -> None:
    """Say so when the settings' file does not read (nothing but zero bytes, as a power
    cut leaves it): Cadence started as on a first start, the welcome screen back and the
    last calendar not opened, unsaid."""
    settings.allKeys()  # (read: Qt reads the file, and knows its status, when first asked)
    if settings.status() != QSettings.Status.FormatError:
        return
    from ..app import data_folder, shown_path

    show_error(
        None,
        CadenceError(
            f"Cadence could not read its settings ({shown_path(Path(settings.fileName()))}"
            " is spoiled, by a power cut perhaps), so it starts afresh and does not know"
            " which calendar was open last; your calendars are untouched (those Cadence"
            f" made are in {shown_path(data_folder())})."
        ),
    )


def is_first_run(path: Path | None, settings: QSettings) -> bool:
    """True on the very first start: no calendar asked for, none opened before, no welcome yet."""
    if path is not None:
        return False
    if settings.value("lastFile"):
        return False
    return not settings.value(WELCOME_SHOWN, False, type=bool)


def _folder_there(path: Path) -> bool:
    try:
        return path.parent.is_dir()
    except OSError:
        return False


def open_first_calendar(
    path: Path | None, settings: QSettings, *, or_welcome: bool = False
) -> CalendarStore | None:
    """The calendar to show at start: the one asked for, else the last one, else the demo.

    A file that cannot be opened is reported in one sentence and the default
    calendar opens instead, so the window always has something to show; ``or_welcome``
    (a first start): None instead of the default calendar, for the welcome screen.
    """
    from ..app import default_calendar, is_demo, path_from_settings, shown_path

    candidates: list[Path] = []
    last = path_from_settings(settings.value("lastFile"))
    if path is not None:
        candidates.append(path)
        # One asked for that will not open: the last calendar, not the demo (which then
        # became where the user left off, and opened at every start after).
        if last and last.exists() and resolved(last) != resolved(path):
            candidates.append(last)
    else:
        if last and last.exists():
            candidates.append(last)
        elif last and not _folder_there(last):  # a drive unplugged: not moved away
            show_error(
                None,
                CalendarFileError(
                    f"The folder of {last.name}, the calendar open last time, is not there"
                    f" ({shown_path(last.parent)}), a drive unplugged or a share not"
                    " connected perhaps; Cadence opens the demo calendar instead (File >"
                    " Open Recent opens it once it is back)."
                ),
            )
        elif last:  # moved or deleted since: said, not silently replaced by the demo
            from ..app import data_folder
            from ..core.backups import backup_folder, latest_backup

            # Deleted, its last changes are in the backup made as it closed: named.
            kept = latest_backup(backup_folder(data_folder()), last)
            way = (
                f"File > Open finds it where it went, or opens its latest backup,"
                f" {shown_path(kept)}"
                if kept is not None
                else "File > Open finds it where it went"
            )
            show_error(
                None,
                CalendarFileError(
                    f"The calendar open last time is no longer at {shown_path(last)}; Cadence"
                    f" opens the demo calendar instead ({way})."
                ),
            )
    for number, candidate in enumerate(candidates, start=1):
        try:
            return CalendarStore.open(candidate)
        except Exception as caught:
            exc: BaseException = caught
            if isinstance(caught, StorageProblem):
                # Which calendar it is said of, and not as a change kept from harm ("The
                # calendar is busy…; Nothing was lost", the one named after it opened).
                said = str(caught)
                if candidate.name not in said:
                    said = f"{shown_path(candidate)} could not be opened: {after_colon(said)}"
                exc = CalendarFileError(said)
            following = candidates[number] if number < len(candidates) else None
            # The demo itself failed: the welcome screen, whose "Open the demo calendar"
            # sets it aside for a new one (it was tried again, and said twice).
            if following is None and (or_welcome or is_demo(candidate)):
                show_error(None, exc, then="Cadence shows its welcome screen instead.")
                return None
            show_error(None, exc, then=_opens_instead(candidate, following))
    return CalendarStore.open(default_calendar())


def _opens_instead(failed: Path, path: Path | None) -> str:
    """What a start says it opens after a calendar that would not (``failed``): the next
    one tried (``path``), or the demo calendar (nothing when the demo failed: the
    welcome screen then offers the way on)."""
    from ..app import is_demo, shown_path

    if path is not None:
        return f"Cadence opens the calendar open last time, {shown_path(path)}, instead."
    return "" if is_demo(failed) else "Cadence opens the demo calendar instead."


def _clear_data_folder() -> None:
    """Remove what calendars being made in Cadence's own folder (a welcome screen's
    import, the demo) left there when stopped, an hour ago or more: a killed import of
    thousands of rows left megabytes of hidden files that nothing else looks at."""
    from ..app import DEMO_NAME, data_folder
    from ..core.files import clear_leftovers

    clear_leftovers(data_folder() / DEMO_NAME)


def error_hook(
    report: Callable[[QWidget | None, BaseException], object],
    previous: Callable[..., object] = sys.__excepthook__,
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """A ``sys.excepthook`` for the window: an error that no code expected (a bug in
    Cadence, raised in a slot or an event handler) is still printed, then shown
    to the user in one sentence with the details behind "Show Details", instead
    of vanishing into the terminal a desktop user never sees.

    One box at a time, and each error once: one that recurs (in a paint event,
    say) is printed each time but does not bury the window under boxes.
    """
    shown: set[tuple[type[BaseException], str]] = set()
    showing = False  # while the report runs, and while its box is open

    def closed(*_result: object) -> None:
        nonlocal showing
        showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        previous(kind, value, tb)
        key = (kind, str(value))
        if not issubclass(kind, Exception) or QApplication.instance() is None:
            return
        if showing or key in shown:
            return
        shown.add(key)
        showing = True
        box = None
        try:
            box = report(QApplication.activeWindow(), value)
        finally:
            if isinstance(box, QDialog):
                box.finished.connect(closed)
            else:
                closed()

    return hook


def run_window(
    path: Path | None,
    *,
    quit_after_ms: int | None = None,
    settings: QSettings | None = None,
    welcome: Welcome | None = None,
) -> int:
    """Open the window and run until it closes; returns the exit status.

    On the very first start (:func:`is_first_run`) the welcome screen chooses
    the calendar; quitting it ends the program with status 0. ``quit_after_ms``
    (a headless smoke run) lets the welcome screen pick the demo by itself and
    closes the window after that delay. An error no code expected is shown in a
    message box (:func:`error_hook`) rather than lost.
    """
    app = make_application()
    previous_hook = sys.excepthook
    sys.excepthook = error_hook(announce_error, previous_hook)
    try:
        return _run(app, path, quit_after_ms, settings, welcome)
    finally:
        sys.excepthook = previous_hook


def _run(
    app: QApplication,
    path: Path | None,
    quit_after_ms: int | None,
    settings: QSettings | None,
    welcome: Welcome | None,
) -> int:
    from .main_window import MainWindow
    from .session import CalendarSession

    if settings is None:
        settings = QSettings()
    _say_if_settings_spoiled(settings)
    with FileOpenHandler(app) as handler:
        store: CalendarStore | None = None
        if is_first_run(path, settings):
            if welcome is None:
                from .welcome import show_welcome

                welcome = partial(show_welcome, autochoose_after_ms=quit_after_ms)
            store = welcome()
            if store is None:
                return 0
            settings.setValue(WELCOME_SHOWN, True)
        opened = store
        # A first start on a file that will not open: the welcome screen, not the demo
        # (which then became the last calendar, and the welcome screen was never seen).
        first_ever = not settings.value("lastFile") and not settings.value(WELCOME_SHOWN)
        if opened is None:
            try:
                opened = open_first_calendar(path, settings, or_welcome=first_ever)
            except CadenceError as exc:  # the default calendar too (its header spoiled)
                show_error(None, exc)
        from ..app import data_folder, path_from_settings
        from ..core.backups import backup_folder

        def build(store: CalendarStore) -> MainWindow:
            return MainWindow(
                CalendarSession(store),
                settings,
                backups=backup_folder(data_folder()),
                drafts=data_folder() / "Drafts",
            )

        last = path_from_settings(settings.value("lastFile"))
        window = None
        if opened is not None:
            # One chosen on the welcome screen that fails: the welcome screen again.
            window = _first_window(
                opened,
                build,
                last=last if last is not None and last.exists() else None,
                default=store is None and not first_ever,
            )
        while window is None:  # the default calendar would not open either: choose another
            if welcome is None:
                from .welcome import show_welcome

                welcome = partial(show_welcome, autochoose_after_ms=quit_after_ms)
            chosen = welcome()
            if chosen is None:
                return 1
            settings.setValue(WELCOME_SHOWN, True)
            window = _first_window(chosen, build, default=False)
        window.show()
        handler.attach(partial(_open_in, window))
        # Changes go through sqlite-utils; load it once the month is on screen.
        QTimer.singleShot(0, window.prepare_for_changes)
        QTimer.singleShot(0, _clear_data_folder)  # not before the month is on screen
        if quit_after_ms is not None:
            QTimer.singleShot(quit_after_ms, window.close)
        with closing_on_terminate(app):
            status = app.exec()
    window.session.store.close()
    return status


@contextlib.contextmanager
def closing_on_terminate(app: QApplication) -> Iterator[None]:
    """While the window runs, SIGTERM (a logout, a shutdown, ``kill``), SIGHUP (the
    terminal it was started from closed) and SIGINT (Ctrl+C there) close it as Quit
    does, its backup made and its settings kept: the process died at once, the backup
    of a changed calendar never made (Ctrl+C did nothing until the window was used).
    (Python hears a signal only when it runs: the signal writes to a socket Qt
    watches, which wakes it.)"""
    import signal
    import socket

    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        yield
        return
    heard, told = socket.socketpair()
    heard.setblocking(False)
    told.setblocking(False)
    notifier = QSocketNotifier(heard.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: heard.recv(64))
    earlier_fd = signal.set_wakeup_fd(told.fileno())
    heard_signals = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
    earlier = {
        number: signal.signal(number, lambda *_: QTimer.singleShot(0, app.closeAllWindows))
        for number in heard_signals
    }
    try:
        yield
    finally:
        for number, handler in earlier.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(earlier_fd)
        notifier.setEnabled(False)
        heard.close()
        told.close()


def _first_window(
    store: CalendarStore,
    build: Callable[[CalendarStore], MainWindow],
    *,
    last: Path | None = None,
    default: bool = True,
) -> MainWindow | None:
    """The window on ``store``; if reading the calendar fails (damaged inside, where
    opening it could not tell), said in one sentence and the window on the calendar open
    ``last`` time instead, else (``default``) on the default calendar, as for a file that
    does not open: a calendar asked for by name opened the demo, which then became where
    the user left off. None when that fails too, or there is none to try."""
    from ..app import default_calendar

    instead = last if last is not None and not store.is_file(last) else None
    try:
        return build(store)
    except Exception as failed:
        from ..core.damage import damaged_calendar

        # (Damage no check foresaw is said as such, not as a bug: its store is closed
        # before the box that would look into it.)
        exc: BaseException = damaged_calendar([store.path], failed) or failed
        store.close()  # said, and Cadence starts all the same, as on a file that does not open)
        if instead is None and not default:
            show_error(None, exc, then="Cadence shows its welcome screen instead.")
            return None
        show_error(None, exc, then=_opens_instead(store.path, instead))
    try:
        fallback = instead or default_calendar()
        if store.is_file(fallback):
            return None
        return build(CalendarStore.open(fallback))
    except Exception as exc:
        show_error(None, exc)
        return None


def _open_in(window: MainWindow, path: Path) -> None:
    if resolved(path) != resolved(window.session.store.path) and window.open_calendar(path):
        window.activateWindow()
