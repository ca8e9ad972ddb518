"""Property test: ``analyse`` against a brute-force, day-by-day oracle.

The oracle follows DESIGN.md ("Cadence: the rules") word for word and is
deliberately slow and plain: it reads the posts itself (not through
``deliveries_from_posts``), builds the anchor list literally, walks
consecutive anchors, and also marks overdue days one by one from "the days
since the previous anchor", so that the two readings of the rule check each
other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_app.core.cadence import (
    ChannelCadence,
    Gap,
    MessageStatus,
    analyse,
    deliveries_from_posts,
)
from calendar_app.core.models import Channel, KeyMessage, Post, PostStatus

BASE = date(2024, 1, 1)
SPAN = 120
STAMP = datetime(2024, 1, 1, 12, 0)
ONE_DAY = timedelta(days=1)
UNKNOWN_MESSAGE = 999


def make_message(
    message_id: int, cadence_days: int, starts_on: date | None, ends_on: date | None
) -> KeyMessage:
    return KeyMessage(
        id=message_id,
        title=f"Message {message_id}",
        statement="",
        cadence_days=cadence_days,
        color="#1f77b4",
        starts_on=starts_on,
        ends_on=ends_on,
        priority=0,
        archived=False,
    )


def make_channel(channel_id: int) -> Channel:
    return Channel(
        id=channel_id,
        name=f"Channel {channel_id}",
        kind="social",
        color="#ff7f0e",
        char_limit=None,
        sort_order=channel_id,
        archived=False,
    )


def make_post(
    post_id: int,
    day: date | None,
    status: PostStatus,
    message_ids: tuple[int, ...],
    channel_id: int,
) -> Post:
    return Post(
        id=post_id,
        uid=f"uid-{post_id}",
        title=f"Post {post_id}",
        body="",
        channel_id=channel_id,
        campaign_id=None,
        status=status,
        date=day,
        time=None,
        link="",
        notes="",
        series_id=None,
        occurrence=None,
        message_ids=message_ids,
        created_at=STAMP,
        updated_at=STAMP,
        revision=1,
    )


def days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included (empty when first > last)."""
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# --- The oracle ------------------------------------------------------------------


@dataclass
class Expected:
    status: MessageStatus
    overdue_days: int
    last_delivery: date | None
    next_delivery: date | None
    deliveries: tuple[date, ...]
    gaps: tuple[Gap, ...]
    overdue: set[date]
    channels: tuple[ChannelCadence, ...]


def delivers(post: Post, message: KeyMessage, as_of: date) -> bool:
    """A post on day d delivers each of its key messages when it is dated and
    scheduled or published, or a draft on or after the as-of day."""
    if post.date is None or message.id not in post.message_ids:
        return False
    if post.status in (PostStatus.SCHEDULED, PostStatus.PUBLISHED):
        return True
    return post.status == PostStatus.DRAFT and post.date >= as_of


def oracle(
    message: KeyMessage,
    channels: list[Channel],
    posts: list[Post],
    as_of: date,
    start: date,
    end: date,
) -> Expected:
    c = message.cadence_days
    delivery_days = {p.date for p in posts if p.date is not None and delivers(p, message, as_of)}

    # Active range, day by day.
    first = start if message.starts_on is None else max(start, message.starts_on)
    last = end if message.ends_on is None else min(end, message.ends_on)
    active = days_between(first, last)
    virtual = (message.starts_on if message.starts_on is not None else start) - ONE_DAY

    inside = [day for day in active if day in delivery_days]
    gaps: list[Gap] = []
    overdue: set[date] = set()
    if active:
        # The anchors, literally.
        earlier = [day for day in delivery_days if day < first]
        start_anchor = max(earlier) if earlier else virtual
        anchors = [start_anchor, *inside, last + ONE_DAY]
        assert anchors == sorted(set(anchors))
        for a, b in pairwise(anchors):
            if (b - a).days > c + 1:
                gap_days = [
                    day
                    for day in days_between(a + timedelta(days=c + 1), b - ONE_DAY)
                    if day in active
                ]
                if gap_days:
                    # Overdue since the day after the cadence ran out, however far back.
                    became = a + timedelta(days=c + 1)
                    began = became if became < gap_days[0] else None
                    gaps.append(Gap(gap_days[0], gap_days[-1], len(gap_days), began))
        # Second reading: a day of the active range is overdue when it is no
        # anchor and more than c days have passed since the previous anchor.
        for day in active:
            previous = max(anchor for anchor in anchors if anchor <= day)
            if previous != day and (day - previous).days > c:
                overdue.add(day)
        gap_days_union = {gap.start + timedelta(days=k) for gap in gaps for k in range(gap.days)}
        assert overdue == gap_days_union

    # Last and next delivery, anywhere.
    past = [day for day in delivery_days if day <= as_of]
    future = [day for day in delivery_days if day > as_of]
    last_delivery = max(past) if past else None
    next_delivery = min(future) if future else None

    # Status.
    overdue_days = 0
    if message.starts_on is not None and as_of < message.starts_on:
        status = MessageStatus.UPCOMING
    elif message.ends_on is not None and as_of > message.ends_on:
        status = MessageStatus.ENDED
    else:
        anchor = last_delivery if last_delivery is not None else virtual
        due = anchor + timedelta(days=c)
        if as_of > due:
            status = MessageStatus.OVERDUE
            overdue_days = (as_of - due).days
        elif not any(as_of < day <= due for day in delivery_days):
            status = MessageStatus.UNPLANNED
        else:
            status = MessageStatus.OK

    breakdown = []
    for channel in channels:
        on_channel = {
            p.date
            for p in posts
            if p.date is not None and p.channel_id == channel.id and delivers(p, message, as_of)
        }
        before = [day for day in on_channel if day <= as_of]
        after = [day for day in on_channel if day > as_of]
        breakdown.append(
            ChannelCadence(
                channel.id,
                channel.name,
                max(before) if before else None,
                min(after) if after else None,
            )
        )

    return Expected(
        status=status,
        overdue_days=overdue_days,
        last_delivery=last_delivery,
        next_delivery=next_delivery,
        # DESIGN.md: "delivery days inside the window", not only the active range.
        deliveries=tuple(day for day in days_between(start, end) if day in delivery_days),
        gaps=tuple(gaps),
        overdue=overdue,
        channels=tuple(breakdown),
    )


# --- Strategies ------------------------------------------------------------------

days_in_span = st.dates(min_value=BASE, max_value=BASE + timedelta(days=SPAN))
days_around_span = st.dates(
    min_value=BASE - timedelta(days=15), max_value=BASE + timedelta(days=SPAN + 15)
)


@dataclass
class Scenario:
    messages: list[KeyMessage]
    channels: list[Channel]
    posts: list[Post]
    rows: list[tuple[int, int, date]]
    as_of: date
    start: date
    end: date


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    count = draw(st.integers(min_value=1, max_value=4))
    messages = [
        make_message(
            message_id,
            draw(st.integers(min_value=1, max_value=30)),
            draw(st.none() | days_around_span),
            draw(st.none() | days_around_span),
        )
        for message_id in range(1, count + 1)
    ]
    # Channel 4 carries posts but is not in the breakdown.
    channels = draw(st.permutations([make_channel(1), make_channel(2), make_channel(3)]))
    message_ids = st.lists(
        st.sampled_from([*range(1, count + 1), UNKNOWN_MESSAGE]), max_size=3
    ).map(tuple)
    posts = [
        make_post(
            post_id,
            None if draw(st.integers(0, 9)) == 0 else draw(days_in_span),  # some undated
            draw(st.sampled_from(list(PostStatus))),
            draw(message_ids),
            draw(st.integers(min_value=1, max_value=4)),
        )
        for post_id in range(1, draw(st.integers(min_value=0, max_value=40)) + 1)
    ]
    as_of = draw(days_around_span)
    start, end = sorted((draw(days_around_span), draw(days_around_span)))
    rows = deliveries_from_posts(posts, as_of)
    # Any order, and repeated rows.
    rows = draw(st.permutations(rows + rows[: draw(st.integers(0, len(rows)))]))
    return Scenario(messages, channels, posts, rows, as_of, start, end)


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_analyse_matches_the_day_by_day_oracle(scenario: Scenario) -> None:
    s = scenario
    report = analyse(s.messages, s.channels, s.rows, s.as_of, s.start, s.end)

    assert (report.as_of, report.start, report.end) == (s.as_of, s.start, s.end)
    assert [m.message_id for m in report.messages] == [m.id for m in s.messages]

    window = days_between(s.start, s.end)
    expected_count = dict.fromkeys(window, 0)
    for message in s.messages:
        expected = oracle(message, s.channels, s.posts, s.as_of, s.start, s.end)
        result = report.message(message.id)
        assert result.title == message.title
        assert result.cadence_days == message.cadence_days
        assert result.deliveries == expected.deliveries
        assert result.gaps == expected.gaps
        assert [g.began for g in result.gaps] == [g.began for g in expected.gaps]
        assert result.status == expected.status
        assert result.overdue_days == expected.overdue_days
        assert result.last_delivery == expected.last_delivery
        assert result.next_delivery == expected.next_delivery
        assert result.channels == expected.channels
        for day in window:
            assert result.is_overdue_on(day) == (day in expected.overdue)
            expected_count[day] += day in expected.overdue

    for day in window:
        assert report.overdue_count(day) == expected_count[day], day
    assert report.overdue_count(s.start - ONE_DAY) == 0
    assert report.overdue_count(s.end + ONE_DAY) == 0


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_a_gap_began_where_the_status_counts_from(scenario: Scenario) -> None:
    """Whatever window is analysed, the gap holding the as-of day of an overdue message
    began ``overdue_days`` before it, counting both (the window or the message's start
    may cut its start): what the panel and
    the web page say beside the status."""
    s = scenario
    report = analyse(s.messages, s.channels, s.rows, s.as_of, s.start, s.end)
    for result in report.messages:
        for gap in result.gaps:
            assert gap.since <= gap.start
            if result.status == "overdue" and gap.start <= s.as_of <= gap.end:
                assert (s.as_of - gap.since).days + 1 == result.overdue_days


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_deliveries_from_posts_follows_the_delivery_rule(scenario: Scenario) -> None:
    s = scenario
    expected = sorted(
        (message_id, p.channel_id, p.date)
        for p in s.posts
        if p.date is not None
        for message_id in p.message_ids
        if p.status in (PostStatus.SCHEDULED, PostStatus.PUBLISHED)
        or (p.status == PostStatus.DRAFT and p.date >= s.as_of)
    )
    assert sorted(deliveries_from_posts(s.posts, s.as_of)) == expected
