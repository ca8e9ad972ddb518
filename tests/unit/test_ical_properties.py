"""Property test: a calendar exported as iCalendar and imported into a fresh calendar
gives back the same posts, field by field, uids included; a second import changes nothing."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_app.core.models import CampaignKind, NewPost, PostStatus, name_key, shows_nothing
from calendar_app.core.store import CalendarStore
from calendar_app.exchange.formats import ExportOptions, ImportOptions, no_progress
from calendar_app.exchange.ical import export_ics, import_ics

# Everything a person may type, weighted towards what iCalendar has to escape. Carriage
# returns are left out: RFC 5545 cannot carry one, so they come back as line breaks
# (test_ical.py checks that).
_CHARACTERS = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from(["\n", "\t", ",", ";", ":", "\\", '"', "'", "^", "é", "😀", "\u2028"]),
    st.sampled_from(["\\n", "\\N", "\\,", "\\;", "\\\\", "\n\n", "http://x.y/?a=1,b;c"]),
)
_TEXT = st.lists(_CHARACTERS, max_size=12).map("".join)
_NAME = _TEXT.filter(lambda text: not shows_nothing(text))
_ZONES = ("Europe/Paris", "America/New_York", "UTC", "Asia/Kolkata", "Australia/Lord_Howe")


@dataclass(frozen=True)
class PostSpec:
    title: str
    body: str
    link: str
    notes: str
    status: PostStatus
    day: date | None
    at: time | None
    channel: int
    messages: frozenset[int]
    campaign: int | None


@st.composite
def post_specs(draw: st.DrawFn) -> PostSpec:
    day = draw(st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)))
    at = None
    if day is not None:
        at = draw(st.none() | st.builds(time, st.integers(0, 23), st.integers(0, 59)))
    return PostSpec(
        title=draw(_NAME),
        body=draw(_TEXT),
        link=draw(st.sampled_from(["", "https://example.com/a?b=1&c=2"]) | _TEXT),
        notes=draw(_TEXT),
        status=draw(st.sampled_from(list(PostStatus))),
        day=day,
        at=at,
        channel=draw(st.integers(0, 2)),
        messages=draw(st.frozensets(st.integers(0, 3), max_size=4)),
        campaign=draw(st.none() | st.integers(0, 1)),
    )


def _unique_names(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_NAME, min_size=count, max_size=count, unique_by=name_key)


def fields(store: CalendarStore) -> dict[str, tuple[object, ...]]:
    channels = {c.id: c.name for c in store.channels(include_archived=True)}
    messages = {m.id: m.title for m in store.key_messages(include_archived=True)}
    campaigns = {c.id: c.name for c in store.campaigns()}
    return {
        p.uid: (
            p.title,
            p.body,
            p.link,
            p.notes,
            p.status,
            p.date,
            p.time,
            channels[p.channel_id],
            sorted(messages[m] for m in p.message_ids),
            campaigns.get(p.campaign_id) if p.campaign_id is not None else None,
        )
        for p in store.all_posts()
        if p.date is not None
    }


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(_ZONES),
    channel_names=_unique_names(3),
    message_titles=_unique_names(4),
    campaign_names=_unique_names(2),
    specs=st.lists(post_specs(), min_size=1, max_size=12),
)
def test_export_then_import_gives_back_the_same_posts(
    zone: str,
    channel_names: list[str],
    message_titles: list[str],
    campaign_names: list[str],
    specs: list[PostSpec],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with CalendarStore.create(root / "a.cadence", timezone=zone) as source:
            channels = [source.add_channel(n).created[0] for n in channel_names]
            messages = [source.add_key_message(t).created[0] for t in message_titles]
            campaigns = [
                source.add_campaign(n, kind=CampaignKind.SERVICE).created[0] for n in campaign_names
            ]
            source.add_posts(
                NewPost(
                    title=spec.title,
                    channel_id=channels[spec.channel],
                    message_ids=tuple(messages[m] for m in sorted(spec.messages)),
                    date=spec.day,
                    time=spec.at,
                    status=spec.status,
                    body=spec.body,
                    campaign_id=campaigns[spec.campaign] if spec.campaign is not None else None,
                    link=spec.link,
                    notes=spec.notes,
                )
                for spec in specs
            )
            exported = export_ics(source, root / "a.ics", ExportOptions(), no_progress)
            expected = fields(source)
        assert exported.posts == len(expected)

        with CalendarStore.create(root / "b.cadence", timezone=zone) as target:
            first = import_ics(target, root / "a.ics", ImportOptions(), no_progress)
            assert fields(target) == expected
            assert (len(first.added), first.skipped) == (len(expected), [])

            again = import_ics(target, root / "a.ics", ImportOptions(), no_progress)
            assert (again.added, again.previous, again.unchanged) == ([], [], len(expected))
