"""``python -m bench``: generate (or reuse) synthetic calendars, run the benchmarks, print a table.

Benchmarks (``--only`` takes these names):

* ``month``: ``store.posts_between`` for one month at every size, against the
  bare indexed SELECT; and the largest size against the 10k one.
* ``cadence``: ``analyse`` over the store's reads against the raw delivery SQL.
* ``insert``: ``store.insert_many`` against sqlite-utils ``insert_all``.
* ``startup``: ``cadence post list`` in a fresh process against
  ``python -c "import sqlite_utils"``.
* ``exchange``: iCalendar export and import of 10k posts against the
  ``icalendar`` library alone; a CSV import at the workload size against
  ``sqlite-utils insert --csv``.
* ``window``: the window's start-up to the first painted month and its memory
  against a bare PySide6 window; switching month and dropping a post at the
  workload size against a 16 ms frame and against the same switch at 1k.

``cadence``, ``insert`` and ``startup`` run at the workload size: 100k when
it is among ``--sizes``, else the largest size under it (``--workload`` sets it).
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from calendar_app.core.demo import write_demo

from . import engine, startup
from .generate import GENERATOR_VERSION, cached_calendar
from .report import Result, format_size, markdown_table, text_table
from .timing import Budget

BENCHMARKS = ("month", "cadence", "insert", "startup", "exchange", "window")
FULL_SIZES = (1_000, 10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 10_000)
WORKLOAD = 100_000
REFERENCE_SIZE = 10_000


@dataclass(frozen=True, slots=True)
class Settings:
    budget: Budget
    insert_repeats: int
    startup_runs: int


FULL = Settings(Budget(seconds=1.0, min_repeats=11, max_repeats=400, warmup=3), 3, 11)
QUICK = Settings(Budget(seconds=0.15, min_repeats=5, max_repeats=100, warmup=2), 3, 10)


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = 1
    if text.endswith("k"):
        factor, text = 1_000, text[:-1]
    elif text.endswith("m"):
        factor, text = 1_000_000, text[:-1]
    try:
        value = int(float(text) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 10k or 1M") from None
    if value < 1:
        raise argparse.ArgumentTypeError("a size must be at least 1 post")
    return value


def parse_sizes(text: str) -> list[int]:
    return [parse_size(part) for part in text.split(",") if part.strip()]


def parse_only(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    for name in names:
        if name not in BENCHMARKS:
            raise argparse.ArgumentTypeError(
                f"'{name}' is not a benchmark; use one of {', '.join(BENCHMARKS)}"
            )
    return names


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark the Cadence engine against bare SQLite baselines.",
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        action="extend",
        metavar="N[,N...]",
        help="calendar sizes in posts, like 1k,10k,100k,1M (default: all four; repeatable)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a fast smoke run: sizes 1k and 10k, fewer repeats",
    )
    parser.add_argument(
        "--only",
        type=parse_only,
        action="extend",
        metavar="NAME",
        help=f"run only these benchmarks ({', '.join(BENCHMARKS)}; repeatable, or comma-separated)",
    )
    parser.add_argument(
        "--workload",
        type=parse_size,
        metavar="N",
        help="size for the cadence, insert and startup benchmarks (default: 100k or the"
        " largest chosen size under it)",
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument(
        "--markdown", type=Path, metavar="FILE", help="also write the table as Markdown to FILE"
    )
    return parser


def workload_size(sizes: Sequence[int], chosen: int | None) -> int:
    if chosen is not None:
        return chosen
    under = [s for s in sizes if s <= WORKLOAD]
    return max(under) if under else min(sizes)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def environment() -> str:
    return (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version},"
        f" {platform.machine()}, {platform.system()}, generator v{GENERATOR_VERSION}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = QUICK if args.quick else FULL
    sizes = sorted(set(args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)))
    only = set(args.only or BENCHMARKS)
    workload = workload_size(sizes, args.workload)
    started = time.perf_counter()

    needed = set(sizes) if "month" in only else set()
    if only & {"cadence", "startup", "window"}:
        needed.add(workload)
    if "window" in only:
        needed.add(min(QUICK_SIZES))
    if "exchange" in only:
        needed.update({REFERENCE_SIZE, workload})
    calendars: dict[int, Path] = {}
    generated: dict[int, float | None] = {}
    for posts in sorted(needed):
        log(f"calendar of {format_size(posts)} posts...")
        calendars[posts], generated[posts] = cached_calendar(posts, seed=args.seed)
        seconds = generated[posts]
        log("  cached" if seconds is None else f"  generated in {seconds:.1f} s")

    results: list[Result] = []
    if "month" in only:
        figures: dict[int, engine.MonthFigure] = {}
        for posts in sizes:
            log(f"month query at {format_size(posts)}...")
            result, figures[posts] = engine.month_query(calendars[posts], posts, settings.budget)
            results.append(result)
        largest = max(sizes)
        reference = REFERENCE_SIZE
        if reference not in sizes or reference == largest:
            reference = min(sizes)
        if largest != reference:
            results.extend(engine.month_scaling(figures[largest], figures[reference]))
    if "cadence" in only:
        log(f"cadence analysis at {format_size(workload)}...")
        results.extend(engine.cadence_analysis(calendars[workload], workload, settings.budget))
    if "insert" in only:
        log(f"insert of {format_size(workload)} posts...")
        results.append(
            engine.bulk_insert(
                workload, settings.budget, repeats=settings.insert_repeats, seed=args.seed
            )
        )
    if "startup" in only:
        log(f"cold start ({settings.startup_runs} runs)...")
        first, last = engine.middle_month()
        results.extend(
            startup.cold_start(
                calendars[workload], workload, first, last, runs=settings.startup_runs
            )
        )

    if "exchange" in only:
        from . import exchange

        log("exchange: iCalendar and CSV...")
        repeats = 1 if args.quick else 3
        results.extend(exchange.ical(calendars[REFERENCE_SIZE], REFERENCE_SIZE, repeats))
        results.append(exchange.csv_import(calendars[workload], workload, repeats))
    if "window" in only:
        from . import ui

        log("window: start-up, memory, month switch, drop...")
        with tempfile.TemporaryDirectory() as scratch:
            demo = Path(scratch) / "demo.cadence"
            # Planned around today, as `make run` writes it: the window opens on
            # today's month, so the first paint has the demo's chips and gaps.
            write_demo(demo)
            results.extend(
                ui.startup_and_memory(demo, calendars[workload], workload, settings.startup_runs)
            )
        results.extend(
            ui.interactive(
                calendars[min(QUICK_SIZES)],
                calendars[workload],
                workload,
                15 if args.quick else 41,
            )
        )

    wall = time.perf_counter() - started
    made = ", ".join(
        f"{format_size(n)}: " + ("cached" if s is None else f"{s:.1f} s")
        for n, s in sorted(generated.items())
    )
    footer = [f"Whole run: {wall:.1f} s wall.", f"Calendars: {made or 'none needed'}."]
    print(text_table(results))
    print()
    print(environment())
    print("\n".join(footer))
    if args.markdown is not None:
        text = "\n\n".join([markdown_table(results), f"{environment()}. " + " ".join(footer)])
        args.markdown.write_text(text + "\n", encoding="utf-8")
        log(f"wrote {args.markdown}")
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
