"""``python -m bench.dist``: sizes and start-up of the PyInstaller builds (``make bench-dist``).

``make bench-dist`` builds, in one run and into ``build/bench-dist/``, Cadence's
one-folder and one-file programs and a bare PySide6 window frozen the same way
(``bench/bare_window.spec``), then calls this module on them. It measures:

* the size of the one-folder build (every file, as ``du --apparent-size``)
  and of the one-file program, in MB of 10^6 bytes;
* start-up to the first painted month: from starting the process to the
  moment ``cadence --smoke-test CALENDAR`` has painted the month view (it
  prints ``first-paint-epoch`` when ``CADENCE_SMOKE_CLOCK=1``), against the
  bare window's first paint. The runs alternate between the two programs,
  after warm-up runs, and the median is reported. The calendar is written
  once beforehand (``cadence demo``), so writing it is not timed; the smoke
  test copies it into a temporary folder, as a real start opens a file.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ONEFILE_TARGET_MB = 50.0
STARTUP_TARGET = 1.5
CLOCK_LINE = "first-paint-epoch "


class RunFailed(Exception):
    """A program under test exited non-zero or printed no paint time."""


@dataclass(frozen=True, slots=True)
class Row:
    what: str
    ours: str
    baseline: str
    ratio: str
    target: str
    verdict: str


def folder_megabytes(folder: Path) -> float:
    """Bytes in the regular files under ``folder`` (symbolic links not followed), in MB."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total / 1e6


def first_paint(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Start ``command``; return (seconds to its first paint, seconds until it exited)."""
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    exited = time.time()
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise RunFailed(f"{command[0]} exited {done.returncode}: {last[0]}")
    for line in done.stdout.splitlines():
        if line.startswith(CLOCK_LINE):
            return float(line[len(CLOCK_LINE) :]) - started, exited - started
    raise RunFailed(f"{command[0]} printed no '{CLOCK_LINE.strip()}' line")


def timed_runs(
    commands: dict[str, list[str]], env: dict[str, str], runs: int, warmup: int
) -> dict[str, list[tuple[float, float]]]:
    """Each command ``warmup`` times untimed, then ``runs`` times, alternating between them."""
    for _ in range(warmup):
        for command in commands.values():
            first_paint(command, env)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(first_paint(command, env))
    return results


def environment() -> str:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "?"

    return (
        f"Python {platform.python_version()}, PySide6 {version('PySide6-Essentials')},"
        f" PyInstaller {version('pyinstaller')}, {platform.machine()} {platform.system()},"
        f" {os.cpu_count()} CPUs"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def markdown(rows: Sequence[Row]) -> str:
    header = ("Measure", "Cadence", "Baseline", "Ratio", "Target", "Result")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += [
        f"| {r.what} | {r.ours} | {r.baseline} | {r.ratio} | {r.target} | {r.verdict} |"
        for r in rows
    ]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    summary = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m bench.dist", description=summary)
    parser.add_argument("--cadence", type=Path, required=True, help="the one-folder program")
    parser.add_argument("--bare", type=Path, required=True, help="the frozen bare window")
    parser.add_argument("--onefile", type=Path, help="the one-file program (optional)")
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table here")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CADENCE_SMOKE_CLOCK="1")
    rows: list[Row] = []
    try:
        with tempfile.TemporaryDirectory(prefix="cadence-bench-dist-") as scratch:
            calendar = Path(scratch) / "Demo calendar.cadence"
            made = subprocess.run(
                [str(args.cadence), "demo", str(calendar)],
                capture_output=True,
                text=True,
                check=False,
            )
            if made.returncode != 0:
                raise RunFailed(f"cadence demo failed: {made.stderr.strip()}")
            commands = {
                "cadence": [str(args.cadence), "--smoke-test", str(calendar)],
                "bare": [str(args.bare)],
            }
            if args.onefile is not None:
                commands["onefile"] = [str(args.onefile), "--smoke-test", str(calendar)]
            print(
                f"bench.dist: {args.warmup} warm-up and {args.runs} timed runs of"
                f" {', '.join(commands)}...",
                file=sys.stderr,
                flush=True,
            )
            results = timed_runs(commands, env, args.runs, args.warmup)
    except RunFailed as exc:
        print(f"bench.dist: {exc}", file=sys.stderr)
        return 1

    def median(name: str, index: int) -> float:
        return statistics.median(run[index] for run in results[name])

    ours, bare = median("cadence", 0), median("bare", 0)
    rows.append(
        Row(
            "Start-up to the first painted month, one folder (median)",
            ms(ours),
            f"{ms(bare)} (bare PySide6 window)",
            f"{ours / bare:.2f}x",
            f"≤ {STARTUP_TARGET:g}x",
            verdict(ours / bare <= STARTUP_TARGET),
        )
    )
    ours_exit, bare_exit = median("cadence", 1), median("bare", 1)
    rows.append(
        Row(
            "Whole run, start to exit, one folder (median)",
            ms(ours_exit),
            ms(bare_exit),
            f"{ours_exit / bare_exit:.2f}x",
            "-",
            "info",
        )
    )
    if "onefile" in results:
        onefile = median("onefile", 0)
        rows.append(
            Row(
                "Start-up to the first painted month, one file (median)",
                ms(onefile),
                f"{ms(bare)} (bare window, one folder)",
                f"{onefile / bare:.2f}x",
                "-",
                "info",
            )
        )
    folder_mb = folder_megabytes(args.cadence.parent)
    bare_mb = folder_megabytes(args.bare.parent)
    rows.append(
        Row(
            "Size, one folder",
            f"{folder_mb:.0f} MB",
            f"{bare_mb:.0f} MB",
            f"{folder_mb / bare_mb:.2f}x",
            "-",
            "info",
        )
    )
    if args.onefile is not None:
        onefile_mb = args.onefile.stat().st_size / 1e6
        rows.append(
            Row(
                "Size, one file",
                f"{onefile_mb:.1f} MB",
                "-",
                "-",
                f"≤ {ONEFILE_TARGET_MB:g} MB",
                verdict(onefile_mb <= ONEFILE_TARGET_MB),
            )
        )
    table = markdown(rows)
    note = (
        f"Median of {args.runs} runs each, alternating, after {args.warmup} warm-up runs;"
        f" offscreen; MB are 10^6 bytes. {environment()}."
    )
    print(table)
    print()
    print(note)
    if args.markdown is not None:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(f"{table}\n\n{note}\n", encoding="utf-8")
        print(f"bench.dist: wrote {args.markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
