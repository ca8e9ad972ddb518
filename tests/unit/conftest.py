"""Fixtures for the calendar engine's unit tests: real calendar files in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from calendar_app.core.models import NewPost, PostStatus
from calendar_app.core.store import CalendarStore


@pytest.fixture
def calendar_path(tmp_path: Path) -> Path:
    """Where the ``store`` fixture keeps its calendar."""
    return tmp_path / "test.cadence"


@pytest.fixture
def store(calendar_path: Path) -> Iterator[CalendarStore]:
    """A fresh, empty calendar in Europe/Paris, closed after the test."""
    opened = CalendarStore.create(calendar_path, name="Test calendar", timezone="Europe/Paris")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def add_channel(store: CalendarStore) -> Callable[..., int]:
    """``add_channel(name, **options)`` adds a channel and returns its id."""

    def add(name: str = "LinkedIn", **options: Any) -> int:
        return store.add_channel(name, **options).created[0]

    return add


@pytest.fixture
def add_message(store: CalendarStore) -> Callable[..., int]:
    """``add_message(title, **options)`` adds a key message and returns its id."""

    def add(title: str = "We listen", **options: Any) -> int:
        return store.add_key_message(title, **options).created[0]

    return add


@pytest.fixture
def add_post(store: CalendarStore) -> Callable[..., int]:
    """``add_post(title, channel_id, day, at, status, messages, ...)`` returns the post's id."""

    def add(
        title: str,
        channel_id: int,
        day: date | None = None,
        at: time | None = None,
        *,
        status: PostStatus = PostStatus.SCHEDULED,
        messages: tuple[int, ...] = (),
        body: str = "",
        notes: str = "",
        campaign_id: int | None = None,
    ) -> int:
        post = NewPost(
            title=title,
            channel_id=channel_id,
            message_ids=messages,
            date=day,
            time=at,
            status=status,
            body=body,
            notes=notes,
            campaign_id=campaign_id,
        )
        return store.add_post(post).created[0]

    return add
