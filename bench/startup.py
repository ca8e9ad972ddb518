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

from .generate import DATA_DIR
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


def _measure(
    ours_cmd: list[str], base_cmd: list[str], env: dict[str, str], runs: int, warmup: int
) -> tuple[float, float]:
    for _ in range(warmup):
        _run(ours_cmd, env)
        _run(base_cmd, env)
    ours_runs: list[float] = []
    base_runs: list[float] = []
    for _ in range(runs):
        ours_runs.append(_run(ours_cmd, env)[0])
        base_runs.append(_run(base_cmd, env)[0])
    return statistics.median(ours_runs), statistics.median(base_runs)


def cold_start(
    path: Path, posts: int, first: date, last: date, *, runs: int = 11, warmup: int = 2
) -> list[Result]:
    """``cadence post list PATH --from X --to Y`` vs ``python -c "import sqlite_utils"``.

    Both run with compiled bytecode cached under ``bench/.data/pycache``, as an
    installed Cadence would have it. When the environment forbids writing bytecode
    (``PYTHONDONTWRITEBYTECODE``, common in development containers), Cadence's own
    modules are compiled from source at every start while sqlite-utils' came with
    their ``.pyc``; a second, informational line measures that case.
    """
    name = f"cold start: post list {first}..{last}"
    size = format_size(posts)
    baseline_name = "python -c 'import sqlite_utils'"
    script = cadence_script()
    if importlib.util.find_spec("calendar_app.cli") is None:
        return [
            Result(name, size, None, None, baseline_name, skipped="calendar_app/cli.py missing")
        ]
    if not script.exists():
        return [Result(name, size, None, None, baseline_name, skipped=f"{script} missing")]
    as_is = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cached = {k: v for k, v in as_is.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(DATA_DIR / "pycache")
    ours_cmd = [str(script), "post", "list", str(path)]
    ours_cmd += ["--from", first.isoformat(), "--to", last.isoformat()]
    base_cmd = [sys.executable, "-c", "import sqlite_utils"]
    _, check = _run(ours_cmd, cached)
    if check.returncode != 0:
        problem = check.stderr.decode(errors="replace").strip().splitlines()
        note = f"exit {check.returncode}: {problem[-1] if problem else 'no message'}"
        return [Result(name, size, None, None, baseline_name, failed=True, note=note)]
    ours, base = _measure(ours_cmd, base_cmd, cached, runs, warmup)
    how = f"median of {runs} runs each, interleaved, after {warmup} warm-up runs"
    results = [
        Result(
            name,
            size,
            ours,
            base,
            baseline_name,
            target=STARTUP_TARGET,
            note=f"{how}; bytecode cached under bench/.data/pycache",
        )
    ]
    if as_is.get("PYTHONDONTWRITEBYTECODE"):
        ours, base = _measure(ours_cmd, base_cmd, as_is, runs, warmup)
        results.append(
            Result(
                "cold start, PYTHONDONTWRITEBYTECODE as set",
                size,
                ours,
                base,
                baseline_name,
                note=f"{how}; Cadence's modules compiled from source at every start",
            )
        )
    return results
