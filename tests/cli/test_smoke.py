"""``cadence --smoke-test``: the check ``make dist`` runs on the built program, run from source."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

from calendar_app.cli import main

PASSED = "cadence: smoke test passed: the month view painted "
FAILED = "cadence: smoke test failed: "


def smoke(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calendar_app", "--smoke-test", *[str(a) for a in args]],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def headless_env(**extra: str) -> dict[str, str]:
    """The environment without any display or platform choice: the check must pick offscreen."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env.update(extra)
    return env


def test_smoke_test_paints_the_demo_month_without_a_display() -> None:
    done = smoke(env=headless_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(PASSED)
    shown = int(done.stdout[len(PASSED) :].split()[0])
    assert shown > 0
    assert done.stderr == ""


def test_the_window_started_with_lc_all_c_says_nothing_of_qt_s_locale_switch() -> None:
    """Four lines of Qt's ("Detected locale "C" with character encoding …") on the
    terminal at every start under LC_ALL=C, an old server's or container's setting."""
    done = smoke(env=headless_env(LC_ALL="C"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_smoke_test_opens_a_named_calendar_and_leaves_it_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "My clients"
    folder.mkdir()
    calendar = folder / "Solenne Solar 2026.cadence"
    assert main(["demo", str(calendar)], out=io.StringIO()) == 0
    before = calendar.read_bytes()
    done = smoke(calendar)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(PASSED)
    assert calendar.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [calendar.name]


def test_smoke_test_fails_in_one_line_on_a_file_that_is_no_calendar(tmp_path: Path) -> None:
    notes = tmp_path / "notes.cadence"
    notes.write_text("not a calendar\n", encoding="utf-8")
    done = smoke(notes)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(FAILED)


def test_smoke_test_fails_on_a_missing_file(tmp_path: Path) -> None:
    done = smoke(tmp_path / "gone.cadence")
    assert done.returncode == 1
    assert done.stderr == f"{FAILED}there is no calendar file at {tmp_path / 'gone.cadence'}\n"


def test_smoke_clock_prints_when_the_month_was_painted() -> None:
    started = time.time()
    done = smoke(env=headless_env(CADENCE_SMOKE_CLOCK="1"))
    finished = time.time()
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0].split()
    assert first[0] == "first-paint-epoch"
    assert started < float(first[1]) < finished


def test_smoke_test_of_a_first_start_goes_through_the_welcome_screen(tmp_path: Path) -> None:
    home = tmp_path / "home"  # Cadence's real data folder and settings stay out of it
    env = headless_env(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    done = smoke("--first-run", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "cadence: smoke test passed: a first start opened Demo.cadence from the welcome screen\n"
    )
    assert not home.exists() or not any(home.rglob("*.cadence"))


def test_smoke_test_fails_when_the_built_program_would_lend_its_libraries(tmp_path: Path) -> None:
    """PyInstaller puts the bundle's folder on LD_LIBRARY_PATH; programs Cadence starts
    (xdg-open, the file manager) must not inherit it."""
    bundle = str(tmp_path / "_internal")
    script = (
        "import sys; sys._MEIPASS = sys.argv[1]; sys.argv[1:] = []\n"
        "from calendar_app.ui.smoke import smoke_test\n"
        "sys.exit(smoke_test([]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, bundle],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=headless_env(LD_LIBRARY_PATH=f"{bundle}:/usr/local/lib"),
    )
    assert done.returncode == 1
    assert done.stderr == (
        FAILED + "programs it starts would load its own libraries (LD_LIBRARY_PATH)\n"
    )
