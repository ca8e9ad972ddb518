"""Backups: written only from a consistent copy, thinned as they age."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from calendar_app.core.backups import backups_of, make_backup, to_thin
from calendar_app.core.models import NewPost
from calendar_app.core.store import CalendarStore

NOW = datetime(2026, 11, 22, 12, 0, 0)


def test_a_backup_is_a_calendar_with_the_same_posts(store: CalendarStore, tmp_path: Path) -> None:
    channel = store.add_channel("Blog", kind="blog").created[0]
    store.add_post(NewPost("Kept safe", channel, (), date(2026, 12, 1)))
    folder = tmp_path / "Backups"
    path = make_backup(store, folder, now=NOW)
    assert path == folder / "test 2026-11-22 12-00-00.cadence"
    with CalendarStore.open(path) as copy:
        assert copy.all_posts() == store.all_posts()
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_thinning_keeps_a_day_then_dailies_then_weeklies() -> None:
    hours = [NOW - timedelta(hours=h) for h in range(0, 24 * 120, 6)]
    backups = [(stamp, Path(f"{stamp:%Y%m%d%H}.cadence")) for stamp in hours]
    doomed = set(to_thin(backups, NOW))
    kept = sorted(stamp for stamp, path in backups if path not in doomed)
    last_day = [s for s in kept if NOW - s <= timedelta(days=1)]
    assert len(last_day) == 5  # every six hours, both ends included
    daily = [s for s in kept if timedelta(days=1) < NOW - s <= timedelta(days=14)]
    assert len({s.date() for s in daily}) == len(daily) == 14
    weekly = [s for s in kept if timedelta(days=14) < NOW - s <= timedelta(days=91)]
    assert len({s.isocalendar()[:2] for s in weekly}) == len(weekly)
    assert 10 <= len(weekly) <= 12
    assert all(NOW - s <= timedelta(days=91) for s in kept)


def test_make_backup_thins_the_folder(store: CalendarStore, tmp_path: Path) -> None:
    folder = tmp_path / "Backups"
    for days in (200, 30, 29, 3, 2):
        make_backup(store, folder, now=NOW - timedelta(days=days))
    make_backup(store, folder, now=NOW)
    ages = [(NOW - stamp).days for stamp, _ in backups_of(folder, "test")]
    assert ages == [29, 3, 2, 0]
