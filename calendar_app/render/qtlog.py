"""Qt's words on stderr that a user should not have to read."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler


@contextmanager
def locale_switch_unsaid() -> Iterator[None]:
    """While a Qt application is made: Qt's messages as they come, but its four lines on
    a locale not of UTF-8 (LC_ALL=C, or one the system lacks), which it switches to
    C.UTF-8 for characters alone; a script or a terminal took them for trouble. The
    locale named stays (Cadence reads dates, paper and weekends from it)."""
    previous = qInstallMessageHandler(_without_locale_switch)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _without_locale_switch(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if not message.startswith("Detected locale"):
        print(message, file=sys.stderr)
