"""Starting the window: which calendar to open, and the window itself."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_path

DEMO_NAME = "Demo.cadence"


def data_folder() -> Path:
    """Where Cadence keeps the user's default calendar and its backups."""
    return user_data_path("Cadence", appauthor=False)


def default_calendar() -> Path:
    """The calendar opened when none is named: the demo one, written on first run."""
    from .core.demo import write_demo

    folder = data_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DEMO_NAME
    if not path.exists():
        write_demo(path)
    return path


def launch(argv: list[str]) -> int:
    """Open the window on ``argv[0]`` (a calendar file) or on the default calendar."""
    from .ui.main import run_window

    path = Path(argv[0]) if argv else None
    return run_window(path)


def main() -> int:
    from .cli import main as cli_main

    return cli_main(sys.argv[1:])
