"""The command line run in its own process, as from a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def cadence(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``cadence ARGS...`` in a new process; its status and output are the caller's to check."""
    return subprocess.run(
        [sys.executable, "-m", "calendar_app", *[str(a) for a in args]],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
