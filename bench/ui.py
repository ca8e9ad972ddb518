"""The window's benchmarks (issue 3): start-up, month switch, drop, memory.

Each figure is printed beside its baseline measured in the same run: a bare
PySide6 window for start-up and memory, the same operation at 1k posts for
the month switch, and the 16 ms frame budget for interactive operations.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from .generate import DATA_DIR, REFERENCE_DAY
from .report import Result, Unit, format_size

FRAME = 0.016
STARTUP_TARGET = 1.5
SWITCH_GROWTH_TARGET = 1.3
MEMORY_ALLOWANCE_KB = 60 * 1024
CLOCK_LINE = "first-paint-epoch "
SHOWN_LINE = "posts-shown "


def _probe(args: list[str]) -> tuple[float, int, int]:
    """Run the probe; return (seconds from starting it to its first paint, peak kB, posts shown).

    The bare window shows no posts.
    """
    # Compiled bytecode for both sides, as an installed program has (see startup.py).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(DATA_DIR / "pycache"))
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "bench.ui_probe", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    lines = done.stdout.strip().splitlines()
    painted_at = next(float(line.split()[1]) for line in lines if line.startswith(CLOCK_LINE))
    shown = next((int(line.split()[1]) for line in lines if line.startswith(SHOWN_LINE)), 0)
    return painted_at - started, int(lines[-1]), shown


def startup_and_memory(demo: Path, large: Path, large_posts: int, runs: int) -> list[Result]:
    """Start-up to the first painted month (demo calendar) and memory (large calendar)."""
    _probe(["bare"])  # warm the file cache
    if _probe(["cadence", str(demo)])[2] == 0:
        # A month without chips would time less than a user waits for.
        raise RuntimeError(f"the first painted month of {demo.name} shows no posts")
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        bare.append(_probe(["bare"])[0])
        ours.append(_probe(["cadence", str(demo)])[0])
    bare_kb = statistics.median(_probe(["bare"])[1] for _ in range(3))
    # The large calendar opens on the generator's "today", inside its span at every size.
    opened = ["cadence", str(large), REFERENCE_DAY.isoformat()]
    if _probe(opened)[2] == 0:
        raise RuntimeError(f"the first painted month of {large.name} shows no posts")
    ours_kb = statistics.median(_probe(opened)[1] for _ in range(3))
    return [
        Result(
            "start-up to the first painted month (demo)",
            "demo",
            statistics.median(ours),
            statistics.median(bare),
            "bare PySide6 window, first paint",
            target=STARTUP_TARGET,
        ),
        Result(
            "peak memory with the calendar open (MB)",
            format_size(large_posts),
            ours_kb / 1024,
            (bare_kb + MEMORY_ALLOWANCE_KB) / 1024,
            f"bare window ({bare_kb / 1024:.0f} MB) + 60 MB",
            unit=Unit.MEGABYTES,
            target=1.0,
        ),
    ]


def _window(path: Path) -> tuple[object, object]:
    from PySide6.QtCore import QSettings

    from calendar_app.core.store import CalendarStore
    from calendar_app.ui.main import make_application
    from calendar_app.ui.main_window import MainWindow
    from calendar_app.ui.session import CalendarSession

    app = make_application()
    scratch = tempfile.mkdtemp()
    settings = QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
    session = CalendarSession(CalendarStore.open(path), today=REFERENCE_DAY)
    window = MainWindow(session, settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return app, window


def _switch_times(path: Path, repeats: int) -> list[float]:
    app, window = _window(path)
    times: list[float] = []
    view = window.month_view  # type: ignore[attr-defined]
    for index in range(repeats + 3):
        direction = 1 if (index // 6) % 2 == 0 else -1
        start = time.perf_counter()
        window.step(direction)  # type: ignore[attr-defined]
        view.repaint()
        app.processEvents()  # type: ignore[attr-defined]
        if index >= 3:
            times.append(time.perf_counter() - start)
    _close(window)
    return times


def _drop_times(path: Path, repeats: int) -> list[float]:
    from calendar_app.ui.dnd import drop_posts, posts_mime

    app, window = _window(path)
    session = window.session  # type: ignore[attr-defined]
    view = window.month_view  # type: ignore[attr-defined]
    first, last = view.visible_range()
    posts = [p for p in session.posts_between(first, last) if p.series_id is None][:repeats]
    times: list[float] = []
    for post in posts:
        target = first + timedelta(days=(post.date - first).days % 7 + 14)
        mime = posts_mime(session, [post])  # built when the drag starts, not at the drop
        start = time.perf_counter()
        drop_posts(session, view, mime, target)
        view.repaint()
        app.processEvents()  # type: ignore[attr-defined]
        times.append(time.perf_counter() - start)
    _close(window)
    return times


def _close(window: object) -> None:
    window.session.undo_stack.clear()  # type: ignore[attr-defined]
    window.close()  # type: ignore[attr-defined]
    window.session.store.close()  # type: ignore[attr-defined]


def interactive(small: Path, large: Path, large_posts: int, repeats: int) -> list[Result]:
    """Month switch at ``large`` vs at ``small`` and vs a frame; drop and repaint."""
    scratch = Path(tempfile.mkdtemp())
    try:
        copy = scratch / "large.cadence"
        shutil.copy(large, copy)  # drops write: keep the cached calendar pristine
        small_times = _switch_times(small, repeats)
        large_times = _switch_times(copy, repeats)
        drops = _drop_times(copy, repeats)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    switch = statistics.median(large_times)
    return [
        Result(
            "switch month and paint",
            format_size(large_posts),
            switch,
            FRAME,
            "a 16 ms frame",
            target=1.0,
        ),
        Result(
            "switch month and paint",
            format_size(large_posts),
            switch,
            statistics.median(small_times),
            "the same switch at 1k posts",
            target=SWITCH_GROWTH_TARGET,
        ),
        Result(
            "drop a post, recompute cadence, repaint",
            format_size(large_posts),
            statistics.median(drops),
            FRAME,
            "a 16 ms frame",
            target=1.0,
        ),
    ]
