"""Exchange benchmarks (issue 4): iCalendar export and import against the ``icalendar``
library's own serialise and parse of the same events, and a 100k-row CSV import
against ``sqlite-utils insert --csv`` of the same file."""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from calendar_app.core.store import CalendarStore
from calendar_app.exchange.csv_profiles import export_csv, import_csv
from calendar_app.exchange.formats import ExportOptions, ImportOptions, no_progress
from calendar_app.exchange.ical import export_ics, import_ics, posts_to_calendar

from .report import Result, format_size

ICS_TARGET = 1.5
CSV_TARGET = 2.0


def _timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _fresh(path: Path) -> CalendarStore:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return CalendarStore.create(path, timezone="Europe/Paris")


def ical(source: Path, posts: int, repeats: int) -> list[Result]:
    """Export and import of every dated post of ``source`` as one .ics file."""
    from icalendar import Calendar

    with tempfile.TemporaryDirectory() as scratch, CalendarStore.open(source) as store:
        folder = Path(scratch)
        out = folder / "out.ics"
        dated = [p for p in store.all_posts() if p.date is not None]
        events = posts_to_calendar(store, dated)  # the same events, built once
        export_ics(store, out, ExportOptions(), no_progress)
        data = out.read_bytes()
        ours_export, base_export, ours_import, base_import = [], [], [], []
        for run in range(repeats):
            base_export.append(_timed(events.to_ical))
            ours_export.append(_timed(lambda: export_ics(store, out, ExportOptions(), no_progress)))
            base_import.append(_timed(lambda: Calendar.from_ical(data)))
            with _fresh(folder / f"in{run}.cadence") as fresh:
                ours_import.append(
                    _timed(lambda: import_ics(fresh, out, ImportOptions(), no_progress))
                )
    size = format_size(posts)
    median = statistics.median
    return [
        Result(
            f"iCalendar export ({len(dated)} events)",
            size,
            median(ours_export),
            median(base_export),
            "icalendar Calendar.to_ical",
            target=ICS_TARGET,
        ),
        Result(
            f"iCalendar import ({len(dated)} events)",
            size,
            median(ours_import),
            median(base_import),
            "icalendar Calendar.from_ical",
            target=ICS_TARGET,
            note="ours also writes every post into a fresh calendar",
        ),
    ]


def csv_import(source: Path, posts: int, repeats: int) -> Result:
    """Import the generic CSV of ``source`` into a fresh calendar."""
    tool = Path(sys.executable).parent / "sqlite-utils"
    with tempfile.TemporaryDirectory() as scratch, CalendarStore.open(source) as store:
        folder = Path(scratch)
        table = folder / "posts.csv"
        export_csv(store, table, ExportOptions(), no_progress)
        rows = store.count_posts()
        ours, base = [], []
        for run in range(repeats):
            with _fresh(folder / f"ours{run}.cadence") as fresh:
                options = ImportOptions(create_missing=True)
                ours.append(_timed(lambda: import_csv(fresh, table, options, no_progress)))  # noqa: B023
            scratch_db = folder / f"plain{run}.db"
            command = [str(tool), "insert", str(scratch_db), "posts", str(table), "--csv"]
            base.append(_timed(lambda: subprocess.run(command, check=True)))  # noqa: B023
    return Result(
        f"CSV import ({rows} rows)",
        format_size(posts),
        statistics.median(ours),
        statistics.median(base),
        "sqlite-utils insert --csv",
        target=CSV_TARGET,
        note="ours checks every row and fills indexes, full-text search and links",
    )
