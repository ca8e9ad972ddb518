"""Starting the window: which calendar to open, and the window itself."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from platformdirs import user_data_path

DEMO_NAME = "Demo.cadence"


def data_folder() -> Path:
    """Where Cadence keeps the user's default calendar and its backups."""
    return user_data_path("Cadence", appauthor=False)


def default_calendar() -> Path:
    """The calendar opened when none is named: the demo one, written on first run.

    It is written under another name and renamed once complete, so a full disk or a
    folder Cadence may not write leaves no half-written demo behind (which would open
    empty from then on); either is said in one sentence
    (:class:`~.core.errors.CadenceError`).
    """
    folder = data_folder()
    path = folder / DEMO_NAME
    if path.exists():
        return path
    from .core.demo import write_demo
    from .core.errors import os_problem_for

    partial = folder / f".{DEMO_NAME}.{os.getpid()}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_demo(partial)
        os.replace(partial, path)
    except OSError as exc:
        raise os_problem_for(exc, str(path)) from exc
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return path


def launch(argv: list[str]) -> int:
    """Open the window on ``argv[0]`` (a calendar file) or on the default calendar."""
    from .ui.main import run_window

    path = Path(argv[0]) if argv else None
    return run_window(path)


def main() -> int:
    from .cli import main as cli_main

    return cli_main(sys.argv[1:])
