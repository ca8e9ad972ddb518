"""The engine benchmarks: month query, cadence analysis, bulk insert.

Each compares the store with a bare baseline measured in the same run, on the
same file, so that the ratio says how much the store adds on top of SQLite.
"""

from __future__ import annotations

import calendar
import shutil
import sqlite3
import statistics
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from calendar_app.core.models import NewPost, PostStatus, format_time
from calendar_app.core.store import CalendarStore

from .generate import DATA_DIR, MONTH_DAY, setup_calendar, synthetic_posts
from .report import Result, Unit, format_size
from .timing import Budget, medians, time_once

MONTH_SQL = "SELECT * FROM posts WHERE date BETWEEN ? AND ?"


def _traced_selects(store: CalendarStore, call: Callable[[], object]) -> list[str]:
    """The SELECTs that ``call`` runs on the store's connection, as SQLite expands them
    (parameters inlined), in order."""
    statements: list[str] = []
    conn = store.db.conn
    conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    return [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]


AS_OF = date(2026, 1, 15)
"""The as-of day of the cadence analysis (in the middle of the generated data)."""

MONTH_TARGET = 1.5
SCALING_TARGET = 1.2
CADENCE_TARGET = 2.0
INSERT_TARGET = 0.5


@dataclass(frozen=True, slots=True)
class MonthFigure:
    posts: int
    found: int
    ours: float
    bare: float


def middle_month() -> tuple[date, date]:
    """The first and last day of the month the month query reads, the same month at every
    size (December 2025)."""
    middle = MONTH_DAY
    days = calendar.monthrange(middle.year, middle.month)[1]
    return middle.replace(day=1), middle.replace(day=days)


def month_query(path: Path, posts: int, budget: Budget) -> tuple[Result, MonthFigure]:
    """``store.posts_between`` for one month vs the bare indexed SELECT, same file.

    The bare connection gets the store's page cache size, so that both read the
    month from memory alike."""
    first, last = middle_month()
    with CalendarStore.open(path) as store:
        bare_conn = sqlite3.connect(path)
        try:
            (cache_size,) = store.db.execute("PRAGMA cache_size").fetchone()
            bare_conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
            params = (first.isoformat(), last.isoformat())
            found = len(store.posts_between(first, last))
            bare_found = len(bare_conn.execute(MONTH_SQL, params).fetchall())
            ours, bare = medians(
                [
                    lambda: store.posts_between(first, last),
                    lambda: bare_conn.execute(MONTH_SQL, params).fetchall(),
                ],
                budget,
            )
        finally:
            bare_conn.close()
    note = ""
    if found != bare_found:
        note = f"the store returned {found} posts, the bare query {bare_found} rows"
    result = Result(
        name=f"month query ({first:%Y-%m}, {found} posts)",
        size=format_size(posts),
        ours=ours,
        baseline=bare,
        baseline_name="bare SELECT fetchall",
        target=MONTH_TARGET,
        note=note,
    )
    return result, MonthFigure(posts, found, ours, bare)


def month_scaling(large: MonthFigure, small: MonthFigure) -> list[Result]:
    """The month query at the largest size against the reference size.

    The generated calendars grow by their history at a steady density, so the
    month holds about as many posts at every size: only the calendar's size
    differs between the two calls. The bare SELECT's own scaling is printed
    beside it, for what the file alone costs.
    """
    size = f"{format_size(large.posts)} vs {format_size(small.posts)}"
    note = ""
    if large.found != small.found:
        note = (
            f"the month holds {large.found} posts at {format_size(large.posts)} and"
            f" {small.found} at {format_size(small.posts)}"
        )
    ours = Result(
        name="month query scaling",
        size=size,
        ours=large.ours,
        baseline=small.ours,
        baseline_name=f"same call at {format_size(small.posts)}",
        target=SCALING_TARGET,
        note=note,
    )
    bare = Result(
        name="bare SELECT scaling",
        size=size,
        ours=large.bare,
        baseline=small.bare,
        baseline_name=f"same SELECT at {format_size(small.posts)}",
    )
    return [ours, bare]


def cadence_analysis(path: Path, posts: int, budget: Budget) -> list[Result]:
    """``analyse`` over store reads vs the one raw SQL query that reads the delivery pairs."""
    size = format_size(posts)
    name = "cadence analysis"
    try:
        from calendar_app.core.cadence import analyse, default_window
    except ImportError as exc:
        return [Result(name, size, None, None, "raw delivery SQL", skipped=str(exc))]
    start, end = default_window(AS_OF)
    with CalendarStore.open(path) as store:
        # The baseline is the very SQL text that delivery_rows runs, caught as it runs.
        selects = _traced_selects(store, lambda: store.delivery_rows(AS_OF))
        if not selects:
            return [
                Result(
                    name,
                    size,
                    None,
                    None,
                    "raw delivery SQL",
                    failed=True,
                    note="store.delivery_rows ran no SELECT",
                )
            ]
        raw = sqlite3.connect(path)
        try:

            def ours() -> object:
                return analyse(
                    store.key_messages(),
                    store.channels(),
                    store.delivery_rows(AS_OF),
                    AS_OF,
                    start,
                    end,
                )

            rows = store.delivery_rows(AS_OF)
            messages, channels = store.key_messages(), store.channels()
            full, bare, reads, analysis = medians(
                [
                    ours,
                    lambda: [raw.execute(sql).fetchall() for sql in selects],
                    lambda: store.delivery_rows(AS_OF),
                    lambda: analyse(messages, channels, rows, AS_OF, start, end),
                ],
                budget,
            )
        finally:
            raw.close()
    window = f"{len(rows)} delivery rows, window {start}..{end}"
    return [
        Result(
            name,
            size,
            full,
            bare,
            "raw delivery SQL",
            target=CADENCE_TARGET,
            note=f"{window}; baseline SQL: {' + '.join(selects)}",
        ),
        Result(f"{name}: delivery_rows only", size, reads, bare, "raw delivery SQL"),
        Result(f"{name}: analyse() only", size, analysis, bare, "raw delivery SQL"),
    ]


def _fresh(directory: Path, name: str) -> Path:
    path = directory / name
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def _baseline_rows(
    posts: Sequence[NewPost], stamp: str, link_columns: Collection[str] = ()
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for sqlite-utils: posts with their ids and uids, and their post_messages rows,
    with the copies of the post's day, channel and status where the schema has them."""
    copies = [c for c in ("day", "channel_id", "status") if c in link_columns]
    post_rows: list[dict[str, Any]] = []
    link_rows: list[dict[str, Any]] = []
    for post_id, post in enumerate(posts, 1):
        post_rows.append(
            {
                "id": post_id,
                "uid": str(uuid.uuid4()),
                "title": post.title,
                "body": post.body,
                "channel_id": post.channel_id,
                "campaign_id": post.campaign_id,
                "status": PostStatus(post.status).value,
                "date": None if post.date is None else post.date.isoformat(),
                "time": format_time(post.time),
                "link": post.link,
                "notes": post.notes,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        row = post_rows[-1]
        extra = {c: row["date" if c == "day" else c] for c in copies}
        link_rows.extend(
            {"post_id": post_id, "message_id": m, **extra} for m in set(post.message_ids)
        )
    return post_rows, link_rows


def bulk_insert(posts: int, budget: Budget, *, repeats: int, seed: int = 0) -> Result:
    """``store.insert_many`` into a fresh calendar vs sqlite-utils ``insert_all``.

    Both write into a calendar made by ``CalendarStore.create`` (same schema,
    triggers, indexes and pragmas), both in one transaction (sqlite-utils alone
    would commit every 100 rows); only the insert is timed. The baseline gets
    ready-made rows with their ids and uids, and post_messages rows that carry
    whatever copies of the post the schema keeps there (so no fill-in trigger runs).
    """
    scratch = DATA_DIR / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    with CalendarStore.create(_fresh(scratch, "template.cadence")) as store:
        message_ids, channel_ids = setup_calendar(store, seed=seed)
        link_columns = set(store.db.table("post_messages").columns_dict)
    template = scratch / "template.cadence"
    batch = list(synthetic_posts(posts, message_ids, channel_ids, seed=seed))
    post_rows, link_rows = _baseline_rows(batch, "2026-01-01T00:00:00+00:00", link_columns)

    def calendar_copy(name: str) -> CalendarStore:
        path = _fresh(scratch, name)
        shutil.copyfile(template, path)
        return CalendarStore.open(path)

    def run_ours(count: int) -> float:
        with calendar_copy("ours.cadence") as store:
            return time_once(lambda: store.insert_many(batch[:count]))

    def run_baseline(count: int) -> float:
        rows = post_rows[:count]
        links = [r for r in link_rows if r["post_id"] <= count]
        with calendar_copy("baseline.cadence") as store:
            db = store.db

            def insert() -> None:
                with db.atomic():
                    db.table("posts").insert_all(rows)
                    db.table("post_messages").insert_all(links)

            return time_once(insert)

    warm = max(posts // 10, 1)
    if budget.warmup:
        run_ours(warm)
        run_baseline(warm)
    ours_runs: list[float] = []
    base_runs: list[float] = []
    for _ in range(repeats):
        ours_runs.append(run_ours(posts))
        base_runs.append(run_baseline(posts))
    for name in ("template.cadence", "ours.cadence", "baseline.cadence"):
        _fresh(scratch, name)
    ours_rate = posts / statistics.median(ours_runs)
    base_rate = posts / statistics.median(base_runs)
    return Result(
        "insert posts (rows/s)",
        format_size(posts),
        ours_rate,
        base_rate,
        "sqlite-utils insert_all",
        unit=Unit.RATE,
        target=INSERT_TARGET,
        note=(
            f"{len(link_rows)} post_messages rows too; median of {repeats} runs,"
            " rows/s counts posts"
        ),
    )
