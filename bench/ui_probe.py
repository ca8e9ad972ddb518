"""One measured start of a window, run in a fresh process by bench/ui.py.

``python -m bench.ui_probe bare`` opens a bare PySide6 window that paints
once; ``python -m bench.ui_probe cadence PATH [DAY]`` opens Cadence's main window on
PATH (on the month of DAY, an ISO date, else of the real today) and waits for
the month view's first paint. Once painted, both print the
wall clock (``first-paint-epoch SECONDS``, as ``cadence --smoke-test`` does for
the built program) and then the peak resident memory in kilobytes, and quit:
the start-up is measured up to the paint, not up to the end of the process.
Cadence's window also prints how many posts the painted month shows
(``posts-shown N``), counted after the clock is read.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from .bare_window import FirstPaint, bare_window


def show_and_wait(window: QWidget, watched: QWidget) -> float:
    """Show ``window``, wait for ``watched`` to paint; return the wall clock then."""
    loop = QEventLoop()
    FirstPaint(watched, loop)
    window.show()
    loop.exec()
    return time.time()


def report(painted_at: float) -> None:
    print(f"first-paint-epoch {painted_at:.6f}")
    print(peak_kb())


def peak_kb() -> int:
    """Peak resident memory of this process, in kB.

    VmHWM belongs to the address space made at exec; getrusage's ru_maxrss
    would also count the (large) benchmark process this one was forked from.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bare() -> None:
    # The same window as the baseline of the built program.
    app = QApplication(sys.argv[:1])
    window, label = bare_window()
    report(show_and_wait(window, label))
    window.close()
    app.processEvents()


def cadence(path: Path, today: date | None = None) -> None:
    from PySide6.QtCore import QSettings

    from calendar_app.core.store import CalendarStore
    from calendar_app.ui.main import make_application
    from calendar_app.ui.main_window import MainWindow
    from calendar_app.ui.session import CalendarSession

    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        settings = QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
        store = CalendarStore.open(path)
        window = MainWindow(CalendarSession(store, today=today), settings)
        window.resize(1280, 800)
        painted_at = show_and_wait(window, window.month_view)
        print(f"posts-shown {window.month_view.shown_count()}")
        report(painted_at)
        window.close()
        app.processEvents()
        window.session.store.close()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        cadence(Path(sys.argv[2]), date.fromisoformat(sys.argv[3]) if len(sys.argv) > 3 else None)
