"""Cold start of the command line: a fresh ``cadence post list`` process per run."""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from .report import Result, format_size

STARTUP_TARGET = 2.0


def cadence_script() -> Path:
    """The ``cadence`` entry point installed beside this interpreter (the virtualenv's)."""
    return Path(sys.executable).parent / "cadence"


def _run(
    command: list[str], env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    return time.perf_counter() - start, done


def cold_start(
    path: Path, posts: int, first: date, last: date, *, runs: int = 11, warmup: int = 2
) -> Result:
    """``cadence post list PATH --from X --to Y`` vs ``python -c "import sqlite_utils"``."""
    name = f"cold start: post list {first}..{last}"
    size = format_size(posts)
    baseline_name = "python -c 'import sqlite_utils'"
    script = cadence_script()
    if importlib.util.find_spec("calendar_app.cli") is None:
        return Result(name, size, None, None, baseline_name, skipped="calendar_app/cli.py missing")
    if not script.exists():
        return Result(name, size, None, None, baseline_name, skipped=f"{script} missing")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    ours_cmd = [
        str(script),
        "post",
        "list",
        str(path),
        "--from",
        first.isoformat(),
        "--to",
        last.isoformat(),
    ]
    base_cmd = [sys.executable, "-c", "import sqlite_utils"]
    _, check = _run(ours_cmd, env)
    if check.returncode != 0:
        problem = check.stderr.decode(errors="replace").strip().splitlines()
        return Result(
            name,
            size,
            None,
            None,
            baseline_name,
            failed=True,
            note=f"exit {check.returncode}: {problem[-1] if problem else 'no message'}",
        )
    for _ in range(warmup):
        _run(ours_cmd, env)
        _run(base_cmd, env)
    ours_runs: list[float] = []
    base_runs: list[float] = []
    for _ in range(runs):
        ours_runs.append(_run(ours_cmd, env)[0])
        base_runs.append(_run(base_cmd, env)[0])
    return Result(
        name,
        size,
        statistics.median(ours_runs),
        statistics.median(base_runs),
        baseline_name,
        target=STARTUP_TARGET,
        note=f"median of {runs} runs each, interleaved, after {warmup} warm-up runs",
    )
