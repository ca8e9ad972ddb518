"""What the window loads before its first paint: only what the first month needs.

Each of these was measured to cost start-up time (see the README's
Performance section); the test runs a fresh process, as a real start does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from calendar_app.core.demo import write_demo

FIRST_PAINT = """
import sys
from pathlib import Path
from PySide6 import QtWidgets
from PySide6.QtCore import QEventLoop, QSettings
from calendar_app.core.store import CalendarStore
from calendar_app.ui.main import make_application
from calendar_app.ui.main_window import MainWindow
from calendar_app.ui.session import CalendarSession
from calendar_app.ui.smoke import PaintWatcher

app = make_application(sys.argv[:1])
folder = Path(sys.argv[1])
settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
window = MainWindow(CalendarSession(CalendarStore.open(folder / "demo.cadence")), settings)
loop = QEventLoop()
painted = PaintWatcher(window.month_view, loop)
window.show()
loop.exec()
assert painted.seen
loaded = sorted(
    name for name in ("sqlite_utils", "dateutil", "icalendar", "json", "uuid")
    if name in sys.modules
)
print("modules:", " ".join(loaded))
print("widget types:", " ".join(sorted(
    name for name in ("QCalendarWidget", "QWizard", "QColorDialog")
    if name in vars(QtWidgets)
)))
window.close()
"""


def test_the_first_paint_loads_only_what_the_month_needs(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.cadence")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    # sqlite-utils, dateutil and icalendar load after the first paint (or when needed).
    assert lines["modules"].split() == []
    # Asking for an item view's viewport makes PySide create every widget class first.
    assert lines["widget types"].split() == []


def test_a_screen_readers_questions_after_gone_items_fill_no_log(tmp_path: Path) -> None:
    """Qt's accessibility bridge wrote a line each time a screen reader asked after a
    day or post no longer shown: thousands a minute on the terminal."""
    script = (
        "from PySide6.QtCore import QLoggingCategory\n"
        "from calendar_app.ui.main import make_application\n"
        "app = make_application(['cadence'])\n"
        "print(QLoggingCategory('qt.accessibility.atspi').isWarningEnabled())\n"
        "print(QLoggingCategory('qt.qpa.xcb').isWarningEnabled())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QT_LOGGING_RULES", None)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.split() == ["False", "True"], done.stderr
