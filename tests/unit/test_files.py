"""Files written beside others and renamed over them keep who may read them."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from calendar_app.core.files import LEFTOVER_AGE_SECONDS, give_rights, new_export_file
from calendar_app.core.store import CalendarStore
from calendar_app.exchange.csv_profiles import export_csv
from calendar_app.exchange.formats import ExportOptions

from ..terminal import cadence


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_file_made_to_replace_another_takes_its_rights_before_it_is_written(
    tmp_path: Path,
) -> None:
    target = tmp_path / "client.csv"
    target.write_text("sent")
    target.chmod(0o640)
    if os.geteuid() == 0:  # as on CI: the client's file in a group of its own
        os.chown(target, -1, 4242)
    handle, temp = new_export_file(tmp_path)
    os.close(handle)
    assert _mode(temp) == 0o600  # nobody else reads it while it is written
    give_rights(temp, target, 0o644)
    assert _mode(temp) == 0o640
    assert temp.stat().st_gid == target.stat().st_gid


def test_a_new_file_takes_the_rights_asked_for_or_keeps_its_own(tmp_path: Path) -> None:
    private = tmp_path / "a.tmp"
    fd = os.open(private, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    give_rights(private, tmp_path / "new.html", 0o644)
    assert _mode(private) == 0o644
    kept = tmp_path / "b.tmp"
    fd = os.open(kept, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(kept, 0o600)
    give_rights(kept, tmp_path / "new.ics")
    assert _mode(kept) == 0o600


def test_an_export_clears_what_stopped_exports_left_beside_it(
    store: CalendarStore, tmp_path: Path
) -> None:
    """An export killed half-way left its hidden file (31 MB for 100k posts), and every
    later one in the folder left them there."""
    folder = tmp_path / "exports"
    folder.mkdir()
    old = time.time() - 2 * LEFTOVER_AGE_SECONDS
    stale = [
        folder / ".plan [v2].csv-9dd59e693bc5.tmp",
        folder / ".cadence-export-abc123.pdf.tmp",
        folder / ".cadence-copy-def456.tmp",
        folder / ".cadence-copy-0a1b2c.tmp-wal",  # a calendar being made when stopped
        folder / ".cadence-copy-0a1b2c.tmp-shm",
    ]
    kept = [
        folder / ".plan [v2].csv-0123456789ab.tmp",  # being written now, perhaps
        folder / ".notes.tmp",  # not Cadence's
        folder / ".other.csv-9dd59e693bc5.tmp",  # another export's: cleared by that one
    ]
    for path in stale + kept:
        path.write_bytes(b"half")
    for path in [*stale, kept[1], kept[2]]:
        os.utime(path, (old, old))
    export_csv(store, folder / "plan [v2].csv", ExportOptions())
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["plan [v2].csv", *(p.name for p in kept)]
    )


def test_a_file_where_a_folder_goes_is_said_as_such(tmp_path: Path) -> None:
    """A Backups or Drafts folder made a file read "could not be used: File exists"; the
    folder itself, "…/Backups is a file, not a folder, so …/Backups could not be used"."""
    from calendar_app.core.errors import os_problem_for

    blocker = tmp_path / "Backups"
    blocker.write_text("a file where the backups folder goes")
    for inside in (blocker, blocker / "inside"):  # the folder itself, or one in it
        with pytest.raises((FileExistsError, NotADirectoryError)) as caught:
            inside.mkdir(parents=True, exist_ok=True)
        said = str(os_problem_for(caught.value, str(inside)))
        used = "" if inside == blocker else f", so {inside} could not be used"
        assert said == f"{blocker} is a file, not a folder{used}."


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_export_follows_the_user_s_umask(tmp_path: Path, mask: int, mode: int) -> None:
    """With umask 077 the calendar was private and its exports everyone's: an .ics or a
    CSV carries the posts' private notes."""
    demo = tmp_path / "demo.cadence"
    for command in (
        ("demo", str(demo)),
        ("export", str(demo), "--format", "ics", "-o", str(tmp_path / "plan.ics")),
    ):
        done = cadence(*command, umask=mask)
        assert done.returncode == 0, done.stderr
    assert _mode(tmp_path / "plan.ics") == mode
