"""Rules of the models that several parts of Cadence ask."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from calendar_app.core.models import NewPost, PostStatus, missed

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("day", "status", "gone"),
    [
        (TODAY - timedelta(days=1), PostStatus.DRAFT, True),
        (TODAY, PostStatus.DRAFT, False),  # today's may still go out
        (TODAY + timedelta(days=1), PostStatus.DRAFT, False),
        (TODAY - timedelta(days=1), PostStatus.SCHEDULED, False),
        (None, PostStatus.DRAFT, False),  # in the backlog: no day to miss
    ],
)
def test_a_draft_is_missed_once_its_day_has_gone_by(
    day: date | None, status: PostStatus, gone: bool
) -> None:
    """Every draft of today read "did not go out" were today counted gone by."""
    assert missed(NewPost("Post", 1, (), day, status=status), TODAY) is gone
