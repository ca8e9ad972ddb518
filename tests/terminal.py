"""The command line run in its own process, as from a terminal."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

WITHOUT_OVERRIDE = "cap_dac_override,cap_dac_read_search,cap_fowner"
"""What lets root write any file: dropped to run as a user whom permissions bind."""


def cadence(
    *args: str | Path, timeout: float = 120, bound_by_permissions: bool = False
) -> subprocess.CompletedProcess[str]:
    """``cadence ARGS...`` in a new process; its status and output are the caller's to check.

    ``bound_by_permissions`` runs it as a user whom file permissions bind: as is for
    anyone but root; root (as on CI) gives up the capabilities that override them,
    through ``capsh`` (Debian's libcap2-bin, which `make test` installs as root).
    """
    command = [sys.executable, "-m", "calendar_app", *[str(a) for a in args]]
    if bound_by_permissions:
        command = bound(command)
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)


def bound(command: list[str]) -> list[str]:
    """``command`` run as a user whom file permissions bind (see :func:`cadence`)."""
    if os.geteuid() != 0:
        return command
    capsh = shutil.which("capsh")
    assert capsh is not None, "capsh (libcap2-bin) runs root as a user bound by permissions"
    return [capsh, f"--drop={WITHOUT_OVERRIDE}", "--", "-c", shlex.join(command)]
