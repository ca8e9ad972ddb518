"""Starting the window: which calendar to open, and the window itself."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from platformdirs import user_data_path

DEMO_NAME = "Demo.cadence"


def data_folder() -> Path:
    """Where Cadence keeps the user's default calendar and its backups."""
    return user_data_path("Cadence", appauthor=False)


def default_calendar() -> Path:
    """The calendar opened when none is named: the demo one, written on first run.

    Written whole or not at all (:meth:`.CalendarStore.create`), so a full disk or a
    folder Cadence may not write leaves no half-written demo behind (which would open
    empty from then on); either is said in one sentence
    (:class:`~.core.errors.CadenceError`).
    """
    folder = data_folder()
    path = folder / DEMO_NAME
    if path.exists():
        return path
    from .core.demo import write_demo
    from .core.errors import CalendarFileError, os_problem_for
    from .core.localzone import first_day_of_week
    from .core.models import WeekStart

    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_demo(path, week_start=WeekStart(first_day_of_week()))  # as a new calendar's weeks
    except CalendarFileError:
        if not path.exists():
            raise
        # Made meanwhile by another start of Cadence: that one.
    except OSError as exc:
        raise os_problem_for(exc, str(path)) from exc
    return path


def is_demo(path: Path) -> bool:
    """Whether ``path`` is the demo calendar in Cadence's folder."""
    from .core.files import resolved

    try:
        return resolved(path) == resolved(data_folder() / DEMO_NAME)
    except OSError:
        return False


def set_demo_aside(path: Path) -> Path:
    """Move the demo calendar at ``path``, which does not open (damaged, or saved by a
    newer Cadence), aside as "Demo (not opened).cadence" (numbered when that is
    taken), so that :func:`default_calendar` writes a fresh one: "Open the demo
    calendar" said the same error at every try. Returns where it went."""
    from .core.errors import os_problem_for

    stem = path.stem
    for number in range(1, 1000):
        kept = path.with_name(f"{stem} (not opened{'' if number == 1 else f' {number}'}).cadence")
        if not kept.exists():
            break
    try:
        for suffix in ("", "-wal", "-shm"):  # (its changes not yet in it go with it)
            beside = Path(f"{path}{suffix}")
            if beside.exists():
                os.replace(beside, f"{kept}{suffix}")
    except OSError as exc:
        raise os_problem_for(exc, str(path)) from exc
    return kept


def path_for_settings(path: Path) -> str:
    """A calendar's path as the settings file keeps it: as written, or, where its name
    is not UTF-8 (bytes of another encoding, a legal name on Linux, which the settings
    file would keep as "�" and lose the file by), as a ``file:`` URL, whose
    %-escapes keep those bytes."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        if os.name == "posix" and path.is_absolute():
            return path.as_uri()
    return text


def path_from_settings(value: object) -> Path | None:
    """The path :func:`path_for_settings` kept (None for no value)."""
    if not value:
        return None
    # A path with a comma, written without quotes (by hand), the settings file reads
    # as a list: said as "['/home/…/Client', 'Inc.cadence']", and the calendar lost.
    text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    if os.name == "posix" and text.startswith("file:/"):
        from urllib.parse import unquote_to_bytes, urlsplit

        return Path(os.fsdecode(unquote_to_bytes(urlsplit(text).path)))
    return Path(text)


def shown_path(path: Path | str) -> str:
    """A path as a person reads it: bytes of a name that are not UTF-8 shown as "�"."""
    return os.fsencode(path).decode("utf-8", "replace")


def give_programs_their_own_libraries(environ: MutableMapping[str, str]) -> None:
    """In the built program, let the programs Cadence starts (the file manager that
    "Show in folder" opens, through xdg-open) find the system's libraries again.

    PyInstaller's start-up puts the bundle's folder first on ``LD_LIBRARY_PATH``
    (``LIBPATH`` on AIX), keeping the value it had in ``..._ORIG``; a program
    started from here inherits it, and then loads the bundle's older glib or Qt
    and fails without a word. Cadence's own process is not affected: the loader
    reads the variable once, when a process starts.

    The one-file program's two halves find each other through ``_PYI_...`` variables:
    a Cadence the file manager started from here took itself for the second half of
    this one, ran from the folder this one unpacks, and failed once this one quit and
    deleted it. They go too (read once, at start)."""
    for name in ("LD_LIBRARY_PATH", "LIBPATH"):
        original = environ.pop(f"{name}_ORIG", None)
        if original is not None:
            environ[name] = original
        else:
            environ.pop(name, None)
    for name in [n for n in environ if n.startswith("_PYI_") or n == "_MEIPASS2"]:
        del environ[name]


QT_BUNDLE_VARIABLES = ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH")
"""What PyInstaller's start-up sets for Qt to find the bundle's plugins and modules."""


def give_programs_their_own_qt(environ: MutableMapping[str, str], bundle: str) -> None:
    """Once Cadence's Qt has read where its plugins are, the programs it starts (a Qt
    file manager) do not look for theirs in the bundle (the one-file program's is
    deleted as it quits): the Qt variables that name the bundle's folders go.
    Qt reads them once, as it starts (the application's library paths are kept)."""
    for name in QT_BUNDLE_VARIABLES:
        if environ.get(name, "").startswith(bundle):
            del environ[name]


def launch(argv: list[str]) -> int:
    """Open the window on ``argv[0]`` (a calendar file) or on the default calendar."""
    from .ui.main import run_window

    path = Path(argv[0]) if argv else None
    return run_window(path)


def main() -> int:
    from .cli import main as cli_main

    return cli_main(sys.argv[1:])
