"""The program PyInstaller builds (see build.spec): the ``cadence`` command, frozen.

PyInstaller runs this file as ``__main__``, so it imports the package absolutely
(``calendar_app/__main__.py`` cannot serve: its import is relative).
"""

import os
import sys

from calendar_app.app import give_programs_their_own_libraries
from calendar_app.cli import main


def write_to_the_console_it_was_started_from() -> None:
    """Windows: the built program is a windowed one (no console of its own), so Python
    gives it no standard output; started from a Command Prompt (``cadence --version``,
    ``cadence export ...``), it writes to that prompt's console."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    attach_parent_process = -1
    if ctypes.windll.kernel32.AttachConsole(attach_parent_process):  # type: ignore[attr-defined]
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115


if __name__ == "__main__":
    write_to_the_console_it_was_started_from()
    give_programs_their_own_libraries(os.environ)
    sys.exit(main())
