"""A bare PySide6 window: the baseline for the start-up of Cadence's PyInstaller build.

``make bench-dist`` freezes this file with ``bench/bare_window.spec`` (the same
Qt selection and options as ``build.spec``) and starts it beside the frozen
Cadence. Like ``cadence --smoke-test`` it creates the application, shows a main
window, waits for the first paint of its central widget and quits; with
``CADENCE_SMOKE_CLOCK=1`` it prints ``first-paint-epoch SECONDS`` in the same
format. It runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

PAINT_TIMEOUT_MS = 20_000


class FirstPaint(QObject):
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


def bare_window() -> tuple[QMainWindow, QLabel]:
    """The bare window and the label whose first paint is watched."""
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    label = QLabel("A bare PySide6 window")
    window.setCentralWidget(label)
    window.resize(1280, 800)
    return window, label


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    window, label = bare_window()
    loop = QEventLoop()
    painted = FirstPaint(label, loop)
    QTimer.singleShot(PAINT_TIMEOUT_MS, loop.quit)
    window.show()
    loop.exec()
    if not painted.seen:
        print("bare-window: the window did not paint", file=sys.stderr)
        return 1
    painted_at = time.time()
    if os.environ.get("CADENCE_SMOKE_CLOCK"):
        print(f"first-paint-epoch {painted_at:.6f}")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
