"""The command line run in its own process, as from a terminal."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Literal

WITHOUT_OVERRIDE = "cap_dac_override,cap_dac_read_search,cap_fowner"
"""What lets root write any file: dropped to run as a user whom permissions bind."""


def cadence(
    *args: str | Path,
    timeout: float = 120,
    bound_by_permissions: bool = False,
    output: Literal["captured", "full disk", "closed"] = "captured",
    env: dict[str, str] | None = None,
    umask: int = -1,
) -> subprocess.CompletedProcess[str]:
    """``cadence ARGS...`` in a new process; its status and output are the caller's to check.

    ``bound_by_permissions`` runs it as a user whom file permissions bind: as is for
    anyone but root; root (as on CI) gives up the capabilities that override them,
    through ``capsh`` (Debian's libcap2-bin, which `make test` installs as root).
    ``output``: its output captured, sent to a disk always full (``> /dev/full``), or
    closed (``>&-``); its errors are captured all the same. ``env``: its environment
    (else this one); ``umask``: its umask (else this one's).
    """
    command = [sys.executable, "-m", "calendar_app", *[str(a) for a in args]]
    if bound_by_permissions:
        command = bound(command)
    run = partial(
        subprocess.run, command, text=True, check=False, timeout=timeout, env=env, umask=umask
    )
    if output == "full disk":
        with open("/dev/full", "w") as full:
            return run(stdout=full, stderr=subprocess.PIPE)
    if output == "closed":
        return run(stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    return run(capture_output=True)


def bound(command: list[str]) -> list[str]:
    """``command`` run as a user whom file permissions bind (see :func:`cadence`)."""
    if os.geteuid() != 0:
        return command
    capsh = shutil.which("capsh")
    assert capsh is not None, "capsh (libcap2-bin) runs root as a user bound by permissions"
    return [capsh, f"--drop={WITHOUT_OVERRIDE}", "--", "-c", shlex.join(command)]
