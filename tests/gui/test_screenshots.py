"""`make screenshots`: the README's pictures, the same whenever they are made."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from calendar_app.ui import screenshots
from calendar_app.ui.session import CalendarSession

from .conftest import OFFSCREEN_POPUPS


@OFFSCREEN_POPUPS
def test_the_pictures_are_the_same_at_any_time_of_day(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made near midnight, the week opened on its empty small hours (and after 23:00 UTC
    the demo's today was the next day's): the pictures are of a fixed day and time."""
    made = {}
    for clock in (time(0, 5), time(16, 0)):
        monkeypatch.setattr(CalendarSession, "now", lambda self, at=clock: at)
        out = tmp_path / clock.strftime("%H%M")
        written = screenshots.render(out)
        assert {p.name for p in written} == {
            "month.png",
            "week.png",
            "cadence-panel.png",
            "editor.png",
        }
        made[clock] = {p.name: p.read_bytes() for p in written}
    assert made[time(0, 5)]["week.png"] == made[time(16, 0)]["week.png"]
