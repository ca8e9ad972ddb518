"""Files written beside others and renamed over them keep who may read them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from calendar_app.core.files import give_rights, new_private_file


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
    temp = tmp_path / ".client.csv.tmp"
    os.close(new_private_file(temp))
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
