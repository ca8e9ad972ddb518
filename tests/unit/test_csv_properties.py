"""Property tests: any calendar survives a generic CSV round trip exactly, uids included."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from calendar_app.core.models import NewPost, PostStatus, one_line, shows_nothing
from calendar_app.core.store import CalendarStore
from calendar_app.exchange.csv_profiles import (
    export_csv,
    import_csv,
    join_key_messages,
    neutralise_reversibly,
    restore,
    split_key_messages,
)
from calendar_app.exchange.formats import ExportOptions, ImportOptions

from .test_csv import view

TRICKY = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "'", ";", ",", '"', "\\", "é", "😀", " "]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

texts = st.lists(
    st.one_of(
        st.sampled_from(TRICKY),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=6),
    ),
    max_size=6,
).map("".join)
"""Any text, with a good chance of separators, quotes, line ends and formula starts."""

names = texts.map(one_line).filter(lambda name: not shows_nothing(name))
"""What the store keeps of a name or title: on one line, stripped, showing something."""

minutes = st.builds(time, st.integers(0, 23), st.integers(0, 59))


@dataclass(frozen=True)
class PostSpec:
    uid: str
    title: str
    channel: int
    messages: frozenset[int]
    campaign: int | None
    day: date | None
    at: time | None
    status: PostStatus
    body: str
    link: str
    notes: str


@st.composite
def calendars(
    draw: st.DrawFn,
) -> tuple[list[str], list[str], list[str], list[PostSpec]]:
    channels = draw(st.lists(names, min_size=1, max_size=3, unique_by=str.casefold))
    messages = draw(st.lists(names, max_size=4, unique_by=str.casefold))
    campaigns = draw(st.lists(names, max_size=2, unique_by=str.casefold))
    count = draw(st.integers(0, 6))
    uids = draw(
        st.lists(st.one_of(st.uuids().map(str), names), min_size=count, max_size=count, unique=True)
    )
    posts = []
    for uid in uids:
        day = draw(st.none() | st.dates(date(2000, 1, 1), date(2100, 12, 31)))
        at = None if day is None else draw(st.none() | minutes)
        posts.append(
            PostSpec(
                uid=uid,
                title=draw(names),
                channel=draw(st.integers(0, len(channels) - 1)),
                messages=draw(st.frozensets(st.integers(0, len(messages) - 1)))
                if messages
                else frozenset(),
                campaign=draw(st.none() | st.integers(0, len(campaigns) - 1))
                if campaigns
                else None,
                day=day,
                at=at,
                # A post in the backlog is never scheduled or published.
                status=draw(
                    st.sampled_from(PostStatus)
                    if day is not None
                    else st.sampled_from([PostStatus.IDEA, PostStatus.DRAFT, PostStatus.CANCELLED])
                ),
                body=draw(texts),
                link=draw(texts),
                notes=draw(texts),
            )
        )
    return channels, messages, campaigns, posts


def build(
    path: Path,
    channels: list[str],
    messages: list[str],
    campaigns: list[str],
    posts: list[PostSpec],
) -> CalendarStore:
    store = CalendarStore.create(path, timezone="Europe/Paris")
    channel_ids = [store.add_channel(n).created[0] for n in channels]
    message_ids = [store.add_key_message(t).created[0] for t in messages]
    campaign_ids = [store.add_campaign(n).created[0] for n in campaigns]
    store.add_posts(
        [
            NewPost(
                title=p.title,
                channel_id=channel_ids[p.channel],
                message_ids=tuple(message_ids[m] for m in p.messages),
                date=p.day,
                time=p.at,
                status=p.status,
                body=p.body,
                campaign_id=None if p.campaign is None else campaign_ids[p.campaign],
                link=p.link,
                notes=p.notes,
            )
            for p in posts
        ],
        uids=[p.uid for p in posts],
    )
    return store


@settings(max_examples=80, deadline=None)
@given(calendars())
def test_generic_round_trip_is_exact(
    calendar: tuple[list[str], list[str], list[str], list[PostSpec]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with build(root / "source.cadence", *calendar) as source:
            exported = root / "posts.csv"
            summary = export_csv(source, exported, ExportOptions())
            assert summary.posts == len(calendar[3])
            with exported.open(encoding="utf-8", newline="") as stream:
                for row in csv.reader(stream):
                    assert not any(cell.startswith(FORMULA_STARTS) for cell in row)
            with CalendarStore.create(root / "copy.cadence", timezone="UTC") as copy:
                first = import_csv(copy, exported, ImportOptions(create_missing=True))
                assert first.skipped == []
                assert len(first.added) == len(calendar[3])
                assert view(copy) == view(source)
                before = copy.all_posts()
                again = import_csv(copy, exported, ImportOptions())
                assert (again.added, again.previous, again.skipped) == ([], [], [])
                assert again.unchanged == len(calendar[3])
                assert copy.all_posts() == before


@given(st.lists(names))
def test_key_message_cells_round_trip(titles: list[str]) -> None:
    assert split_key_messages(join_key_messages(titles)) == titles


@given(texts)
def test_neutralised_cells_restore_exactly(text: str) -> None:
    cell = neutralise_reversibly(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert restore(cell) == text


@given(texts)
@example("'\n")
def test_import_undoes_only_what_export_did(text: str) -> None:
    """A cell that import changes is one the export wrote for the text import gives back
    (or a spreadsheet saved again: the cell written for a text that began with a
    carriage return and a line feed, "'\r\n…", saved with the line feed alone)."""
    restored = restore(text)
    written = neutralise_reversibly("\r" + restored)
    resaved = restored.startswith("\n") and written.replace("\r\n", "\n", 1) == text
    assert restored == text or neutralise_reversibly(restored) == text or resaved
