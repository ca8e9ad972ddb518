"""``cadence --smoke-test [CALENDAR | --first-run]``: does this program start and paint a month?

A hidden option for builds and CI, understood by the source program and by the
PyInstaller build alike. It writes the demo calendar to a temporary folder (or
copies CALENDAR there, so the original is never touched), opens the main window
on it with settings kept in that folder too, waits until the month view has
painted once, checks that the month shows posts and that the painted picture is
not blank, closes everything and exits 0. Any failure exits 1 with one line on
stderr. Without a display it runs offscreen (``QT_QPA_PLATFORM=offscreen``
unless that variable is already set, e.g. to ``xcb`` under Xvfb).

``--first-run`` starts instead as a new user's first start does (Linux): the
welcome screen, which opens the demo by itself, then the window, closed a
moment later; Cadence's data and settings are kept in the temporary folder.
The built program is also checked to give the programs it starts (the file
manager) the system's library path, not its own folder.

With ``CADENCE_SMOKE_CLOCK=1`` it also prints ``first-paint-epoch SECONDS``:
the wall clock just after the first paint, which ``make bench-dist`` subtracts
from the moment it started the process.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

PAINT_TIMEOUT_MS = 20_000
CLOCK_VARIABLE = "CADENCE_SMOKE_CLOCK"


class SmokeFailure(Exception):
    """The smoke test saw something wrong; the message is the one line printed."""


FIRST_RUN = "--first-run"
FIRST_RUN_WINDOW_MS = 300


def smoke_test(argv: Sequence[str]) -> int:
    """Run the check; ``argv`` is what followed ``--smoke-test`` (nothing, one calendar,
    or ``--first-run``)."""
    started = time.perf_counter()
    if len(argv) > 1:
        print("cadence: smoke test failed: give at most one calendar file", file=sys.stderr)
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        _check_programs_environment()
        with tempfile.TemporaryDirectory(prefix="cadence-smoke-") as folder:
            if list(argv) == [FIRST_RUN]:
                demo = _first_start(Path(folder))
                print(
                    f"cadence: smoke test passed: a first start opened {demo}"
                    " from the welcome screen"
                )
                return 0
            shown, painted_at = _open_and_paint(Path(folder), Path(argv[0]) if argv else None)
    except Exception as exc:  # any failure at all is the answer, in one line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if not isinstance(exc, SmokeFailure):
            reason = f"{type(exc).__name__}: {reason}"
        print(f"cadence: smoke test failed: {reason}", file=sys.stderr)
        return 1
    if os.environ.get(CLOCK_VARIABLE):
        print(f"first-paint-epoch {painted_at:.6f}")
    elapsed_ms = (time.perf_counter() - started) * 1000
    print(f"cadence: smoke test passed: the month view painted {shown} posts ({elapsed_ms:.0f} ms)")
    return 0


def _check_programs_environment() -> None:
    """The built program gives the programs it starts the system's library path and
    Qt's own, not its own folder (see :func:`~calendar_app.app.give_programs_their_own_libraries`
    and :func:`~calendar_app.app.give_programs_their_own_qt`)."""
    bundle = getattr(sys, "_MEIPASS", None)
    for name in ("LD_LIBRARY_PATH", "LIBPATH"):
        if bundle and bundle in os.environ.get(name, "").split(os.pathsep):
            raise SmokeFailure(f"programs it starts would load its own libraries ({name})")
    from ..app import QT_BUNDLE_VARIABLES
    from .main import make_application

    make_application()  # (its Qt reads where its plugins are first)
    for name in QT_BUNDLE_VARIABLES:
        if bundle and os.environ.get(name, "").startswith(bundle):
            raise SmokeFailure(f"programs it starts would load its own Qt plugins ({name})")


def _first_start(folder: Path) -> str:
    """Start as on a new machine: the welcome screen (which opens the demo by itself
    when no one is there to click), then the window, closed a moment later. Cadence's
    data and settings are kept in ``folder``. Returns the demo calendar's name."""
    from ..app import DEMO_NAME, data_folder, path_from_settings
    from . import main

    main.make_application()

    if not sys.platform.startswith("linux"):
        raise SmokeFailure(
            "the first start is checked on Linux only (its data folder is moved there)"
        )
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    settings = QSettings(str(folder / "first-start.ini"), QSettings.Format.IniFormat)
    said: list[str] = []

    def close_message_boxes() -> None:
        """Nobody is there to close a message box: what it says is the failure."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                said.append(widget.text())
                widget.done(0)
        if said:
            QApplication.closeAllWindows()  # the run has failed: end it now

    boxes = QTimer()
    boxes.timeout.connect(close_message_boxes)
    boxes.start(50)  # it runs inside a box's own event loop too
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(QApplication.closeAllWindows)
    watchdog.start(PAINT_TIMEOUT_MS)
    status = main.run_window(None, quit_after_ms=FIRST_RUN_WINDOW_MS, settings=settings)
    boxes.stop()
    if said:
        raise SmokeFailure(f"the first start said: {said[0]}")
    if not watchdog.isActive():
        raise SmokeFailure(f"the first start did not end within {PAINT_TIMEOUT_MS} ms")
    if status != 0:
        raise SmokeFailure(f"the first start ended with status {status}")
    if not settings.value(main.WELCOME_SHOWN, False, type=bool):
        raise SmokeFailure("the first start did not show the welcome screen")
    demo = data_folder() / DEMO_NAME
    if path_from_settings(settings.value("lastFile")) != demo.resolve():
        raise SmokeFailure("the first start did not open the demo calendar")
    return demo.name


def _calendar_copy(folder: Path, source: Path | None) -> Path:
    """The calendar to open, inside ``folder``; the name has a space, like many users' files."""
    target = folder / "Smoke test.cadence"
    if source is None:
        from ..core.demo import write_demo

        write_demo(target)
        return target
    if not source.is_file():
        raise SmokeFailure(f"there is no calendar file at {source}")
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    return target


def _open_and_paint(folder: Path, source: Path | None) -> tuple[int, float]:
    """Show the window on a calendar in ``folder``; return (posts in the month, paint time)."""
    from ..core.store import CalendarStore
    from .main import make_application
    from .main_window import MainWindow
    from .session import CalendarSession

    path = _calendar_copy(folder, source)
    app = make_application()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    errors: list[BaseException] = []

    def record_error(parent: QWidget | None, exc: BaseException) -> None:
        errors.append(exc)

    store = CalendarStore.open(path)
    window = MainWindow(CalendarSession(store), settings, error_handler=record_error)
    try:
        month = window.month_view
        if window.stack.currentWidget() is not month:
            raise SmokeFailure("the window did not open on the month view")
        loop = QEventLoop()
        painted = PaintWatcher(month, loop)
        QTimer.singleShot(PAINT_TIMEOUT_MS, loop.quit)
        window.show()
        loop.exec()
        if not painted.seen:
            raise SmokeFailure(f"the month view did not paint within {PAINT_TIMEOUT_MS} ms")
        painted_at = time.time()
        shown = month.shown_count()
        if shown == 0:
            raise SmokeFailure("the month view shows no posts")
        if _looks_blank(month):
            raise SmokeFailure("the month view painted a blank picture")
        if errors:
            raise SmokeFailure(f"the window reported an error: {errors[0]}")
    finally:
        window.close()
        window.session.store.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        app.processEvents()
    return shown, painted_at


def _looks_blank(widget: QWidget) -> bool:
    """True when a grab of ``widget`` holds fewer than three colours on a 24 x 24 sample grid."""
    image = widget.grab().toImage()
    if image.isNull():
        return True
    width, height = image.width(), image.height()
    colours = {
        image.pixel(x * (width - 1) // 23, y * (height - 1) // 23)
        for x in range(24)
        for y in range(24)
    }
    return len(colours) < 3


class PaintWatcher(QObject):
    """Stops ``loop`` at the widget's first paint event (the paint itself completes first)."""

    def __init__(self, widget: QWidget, loop: QEventLoop) -> None:
        super().__init__(widget)
        self.seen = False
        self._loop = loop
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            self._loop.quit()
        return False
