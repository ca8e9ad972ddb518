"""Table-driven tests of the cadence rules (DESIGN.md, "Cadence: the rules").

Every expected value is written out by hand. Unless a case says otherwise the
window is March 2024 (``FROM`` = 1 March, ``TO`` = 31 March; 2024 is a leap
year, so ``FROM - 1`` is 29 February), the as-of day is 15 March and the
cadence is 7 days.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import pytest

from calendar_app.core.cadence import (
    CadenceReport,
    ChannelCadence,
    Gap,
    MessageCadence,
    MessageStatus,
    analyse,
    channel_counts,
    day_runs,
    default_window,
    deliveries_from_posts,
)
from calendar_app.core.models import Channel, KeyMessage, Post, PostStatus

FROM = date(2024, 3, 1)
TO = date(2024, 3, 31)
AS_OF = date(2024, 3, 15)
STAMP = datetime(2024, 1, 1, 12, 0)


def d(month: int, day: int, year: int = 2024) -> date:
    return date(year, month, day)


def gap(start: date, end: date, days: int) -> Gap:
    return Gap(start=start, end=end, days=days)


def make_message(
    message_id: int = 1,
    cadence_days: int = 7,
    starts_on: date | None = None,
    ends_on: date | None = None,
    title: str | None = None,
) -> KeyMessage:
    return KeyMessage(
        id=message_id,
        title=title if title is not None else f"Message {message_id}",
        statement="",
        cadence_days=cadence_days,
        color="#1f77b4",
        starts_on=starts_on,
        ends_on=ends_on,
        priority=0,
        archived=False,
    )


def make_channel(channel_id: int, name: str) -> Channel:
    return Channel(
        id=channel_id,
        name=name,
        kind="social",
        color="#ff7f0e",
        char_limit=None,
        sort_order=channel_id,
        archived=False,
    )


_post_ids = iter(range(1, 1_000_000))


def make_post(
    day: date | None,
    status: PostStatus = PostStatus.SCHEDULED,
    message_ids: tuple[int, ...] = (1,),
    channel_id: int = 1,
) -> Post:
    post_id = next(_post_ids)
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


def rows(*days: date, message_id: int = 1, channel_id: int = 1) -> list[tuple[int, int, date]]:
    return [(message_id, channel_id, day) for day in days]


def analyse_one(
    message: KeyMessage,
    days: Sequence[date],
    as_of: date = AS_OF,
    start: date = FROM,
    end: date = TO,
) -> MessageCadence:
    report = analyse([message], [], rows(*days, message_id=message.id), as_of, start, end)
    assert len(report.messages) == 1
    return report.messages[0]


# --- Gaps: cadence boundary, anchors, clipping -------------------------------

GAP_CASES = [
    pytest.param(
        make_message(),
        [d(2, 29), d(3, 7), d(3, 14), d(3, 21), d(3, 28)],
        [d(3, 7), d(3, 14), d(3, 21), d(3, 28)],
        [],
        id="delivery-exactly-at-a+c-is-on-time",
    ),
    pytest.param(
        make_message(),
        [d(2, 29), d(3, 8), d(3, 15), d(3, 22), d(3, 29)],
        [d(3, 8), d(3, 15), d(3, 22), d(3, 29)],
        [],
        id="delivery-at-a+c+1-leaves-no-overdue-day",
    ),
    pytest.param(
        make_message(),
        [d(2, 29), d(3, 9), d(3, 16), d(3, 23), d(3, 30)],
        [d(3, 9), d(3, 16), d(3, 23), d(3, 30)],
        [gap(d(3, 8), d(3, 8), 1)],
        id="day-a+c+1-without-delivery-is-a-1-day-gap",
    ),
    pytest.param(
        make_message(),
        [d(3, 1), d(3, 25)],
        [d(3, 1), d(3, 25)],
        [gap(d(3, 9), d(3, 24), 16)],
        id="gap-between-two-deliveries",
    ),
    pytest.param(
        make_message(),
        [],
        [],
        [gap(d(3, 8), d(3, 31), 24)],
        id="no-delivery-virtual-start-anchor-from-minus-1",
    ),
    pytest.param(
        make_message(),
        [d(2, 27)],
        [],
        [gap(d(3, 6), d(3, 31), 26)],
        id="start-anchor-real-delivery-before-window",
    ),
    pytest.param(
        make_message(),
        [d(1, 10), d(2, 27)],
        [],
        [gap(d(3, 6), d(3, 31), 26)],
        id="start-anchor-is-the-last-delivery-before-window",
    ),
    pytest.param(
        make_message(),
        [d(1, 10)],
        [],
        [gap(d(3, 1), d(3, 31), 31)],
        id="old-start-anchor-gap-clipped-to-window-start",
    ),
    pytest.param(
        make_message(),
        [d(1, 10), d(3, 1)],
        [d(3, 1)],
        [gap(d(3, 9), d(3, 31), 23)],
        id="gap-before-window-is-clipped-away",
    ),
    pytest.param(
        make_message(starts_on=d(3, 10)),
        [],
        [],
        [gap(d(3, 17), d(3, 31), 15)],
        id="virtual-start-anchor-starts-on-minus-1",
    ),
    pytest.param(
        make_message(starts_on=d(2, 1)),
        [],
        [],
        [gap(d(3, 1), d(3, 31), 31)],
        id="starts-on-before-window-virtual-anchor-jan-31",
    ),
    pytest.param(
        make_message(starts_on=d(2, 25)),
        [],
        [],
        [gap(d(3, 3), d(3, 31), 29)],
        id="starts-on-before-window-anchor-is-starts-on-minus-1-not-from-minus-1",
    ),
    pytest.param(
        make_message(starts_on=d(3, 10)),
        [d(3, 5)],
        [d(3, 5)],
        [gap(d(3, 13), d(3, 31), 19)],
        id="real-delivery-before-starts-on-beats-virtual-anchor",
    ),
    pytest.param(
        make_message(ends_on=d(3, 20)),
        [d(3, 1), d(3, 5), d(3, 25)],
        [d(3, 1), d(3, 5), d(3, 25)],
        [gap(d(3, 13), d(3, 20), 8)],
        id="ends-on-clips-range-and-end-anchor",
    ),
    pytest.param(
        make_message(ends_on=d(3, 20)),
        [d(3, 5), d(3, 13)],
        [d(3, 5), d(3, 13)],
        [],
        id="end-anchor-ends-on-plus-1-exactly-c+1-after-last",
    ),
    pytest.param(
        make_message(),
        [d(3, 24)],
        [d(3, 24)],
        [gap(d(3, 8), d(3, 23), 16)],
        id="end-anchor-to-plus-1-exactly-c+1-after-last",
    ),
    pytest.param(
        make_message(),
        [d(3, 23)],
        [d(3, 23)],
        [gap(d(3, 8), d(3, 22), 15), gap(d(3, 31), d(3, 31), 1)],
        id="end-anchor-gives-1-day-gap-on-last-day",
    ),
    pytest.param(
        make_message(),
        [d(3, 1), d(3, 5), d(4, 2)],
        [d(3, 1), d(3, 5)],
        [gap(d(3, 13), d(3, 31), 19)],
        id="delivery-after-window-is-no-anchor",
    ),
    pytest.param(
        make_message(ends_on=d(2, 10)),
        [d(2, 1), d(3, 5)],
        [d(3, 5)],
        [],
        id="message-ended-before-window-has-no-gaps",
    ),
    pytest.param(
        make_message(starts_on=d(4, 15)),
        [d(3, 5)],
        [d(3, 5)],
        [],
        id="message-starting-after-window-has-no-gaps",
    ),
    pytest.param(
        make_message(starts_on=d(3, 20), ends_on=d(3, 10)),
        [],
        [],
        [],
        id="ends-on-before-starts-on-empty-range",
    ),
    pytest.param(
        make_message(cadence_days=1),
        [d(3, 1), d(3, 2), d(3, 4), d(3, 7), d(3, 30)],
        [d(3, 1), d(3, 2), d(3, 4), d(3, 7), d(3, 30)],
        [gap(d(3, 6), d(3, 6), 1), gap(d(3, 9), d(3, 29), 21)],
        id="daily-cadence",
    ),
    pytest.param(
        make_message(cadence_days=30),
        [],
        [],
        [gap(d(3, 31), d(3, 31), 1)],
        id="long-cadence-virtual-anchor",
    ),
    pytest.param(
        make_message(),
        [d(3, 14), d(3, 3), d(3, 14), d(3, 3), d(3, 20)],
        [d(3, 3), d(3, 14), d(3, 20)],
        [gap(d(3, 11), d(3, 13), 3), gap(d(3, 28), d(3, 31), 4)],
        id="unsorted-repeated-rows-are-one-delivery-day",
    ),
]


@pytest.mark.parametrize(("message", "days", "deliveries", "gaps"), GAP_CASES)
def test_deliveries_and_gaps(
    message: KeyMessage, days: list[date], deliveries: list[date], gaps: list[Gap]
) -> None:
    result = analyse_one(message, days)
    assert result.deliveries == tuple(deliveries)
    assert result.gaps == tuple(gaps)


def test_single_day_window() -> None:
    message = make_message()
    assert analyse_one(message, [], start=d(3, 15), end=d(3, 15)).gaps == ()
    assert analyse_one(message, [d(3, 7)], start=d(3, 15), end=d(3, 15)).gaps == (
        gap(d(3, 15), d(3, 15), 1),
    )
    assert analyse_one(message, [d(3, 15)], start=d(3, 15), end=d(3, 15)).deliveries == (d(3, 15),)


def test_window_across_year_end() -> None:
    result = analyse_one(
        make_message(cadence_days=10),
        [d(12, 20, 2023)],
        as_of=d(1, 5),
        start=d(12, 15, 2023),
        end=d(1, 15),
    )
    assert result.deliveries == (d(12, 20, 2023),)
    assert result.gaps == (gap(d(12, 31, 2023), d(1, 15), 16),)
    assert result.status == MessageStatus.OVERDUE
    assert result.overdue_days == 6


# --- Status, last and next delivery -------------------------------------------

STATUS_CASES = [
    pytest.param(
        make_message(starts_on=d(3, 20)),
        [d(3, 1), d(3, 25)],
        MessageStatus.UPCOMING,
        0,
        d(3, 1),
        d(3, 25),
        id="upcoming-before-starts-on",
    ),
    pytest.param(
        make_message(starts_on=d(3, 15)),
        [],
        MessageStatus.UNPLANNED,
        0,
        None,
        None,
        id="as-of-on-starts-on-is-not-upcoming",
    ),
    pytest.param(
        make_message(ends_on=d(3, 10)),
        [d(2, 1)],
        MessageStatus.ENDED,
        0,
        d(2, 1),
        None,
        id="ended-after-ends-on-even-if-long-overdue",
    ),
    pytest.param(
        make_message(ends_on=d(3, 15)),
        [d(3, 1)],
        MessageStatus.OVERDUE,
        7,
        d(3, 1),
        None,
        id="as-of-on-ends-on-is-not-ended",
    ),
    pytest.param(
        make_message(),
        [d(3, 5), d(3, 20)],
        MessageStatus.OVERDUE,
        3,
        d(3, 5),
        d(3, 20),
        id="overdue-3-days",
    ),
    pytest.param(
        make_message(),
        [d(3, 7)],
        MessageStatus.OVERDUE,
        1,
        d(3, 7),
        None,
        id="overdue-1-day-after-due",
    ),
    pytest.param(
        make_message(),
        [d(3, 8), d(3, 20)],
        MessageStatus.UNPLANNED,
        0,
        d(3, 8),
        d(3, 20),
        id="due-today-next-too-late-is-unplanned",
    ),
    pytest.param(
        make_message(),
        [d(3, 8), d(3, 16)],
        MessageStatus.UNPLANNED,
        0,
        d(3, 8),
        d(3, 16),
        id="due-today-next-after-due-is-unplanned",
    ),
    pytest.param(
        make_message(),
        [d(3, 10), d(3, 17)],
        MessageStatus.OK,
        0,
        d(3, 10),
        d(3, 17),
        id="ok-next-exactly-on-due",
    ),
    pytest.param(
        make_message(),
        [d(3, 10), d(3, 18)],
        MessageStatus.UNPLANNED,
        0,
        d(3, 10),
        d(3, 18),
        id="unplanned-next-one-day-after-due",
    ),
    pytest.param(
        make_message(),
        [d(3, 10)],
        MessageStatus.UNPLANNED,
        0,
        d(3, 10),
        None,
        id="unplanned-nothing-ahead",
    ),
    pytest.param(
        make_message(),
        [d(3, 15), d(3, 22)],
        MessageStatus.OK,
        0,
        d(3, 15),
        d(3, 22),
        id="delivery-on-as-of-counts-as-last",
    ),
    pytest.param(
        make_message(),
        [],
        MessageStatus.OVERDUE,
        8,
        None,
        None,
        id="no-delivery-virtual-anchor-from-minus-1",
    ),
    pytest.param(
        make_message(),
        [d(3, 16)],
        MessageStatus.OVERDUE,
        8,
        None,
        d(3, 16),
        id="no-past-delivery-virtual-anchor-next-ignored-when-overdue",
    ),
    pytest.param(
        make_message(starts_on=d(2, 20)),
        [],
        MessageStatus.OVERDUE,
        18,
        None,
        None,
        id="no-delivery-virtual-anchor-starts-on-minus-1",
    ),
    pytest.param(
        make_message(starts_on=d(3, 10)),
        [d(3, 16)],
        MessageStatus.OK,
        0,
        None,
        d(3, 16),
        id="no-past-delivery-virtual-anchor-starts-on-minus-1-next-on-due",
    ),
    pytest.param(
        make_message(),
        [d(1, 1), d(5, 1)],
        MessageStatus.OVERDUE,
        67,
        d(1, 1),
        d(5, 1),
        id="last-and-next-anywhere-in-the-calendar",
    ),
]


@pytest.mark.parametrize(
    ("message", "days", "status", "overdue_days", "last", "following"), STATUS_CASES
)
def test_status_last_and_next(
    message: KeyMessage,
    days: list[date],
    status: MessageStatus,
    overdue_days: int,
    last: date | None,
    following: date | None,
) -> None:
    result = analyse_one(message, days)
    assert result.status == status
    assert result.overdue_days == overdue_days
    assert result.last_delivery == last
    assert result.next_delivery == following


def test_status_when_as_of_is_outside_the_window() -> None:
    # No delivery on or before as-of: the virtual anchor is FROM - 1 (29 Feb),
    # due on 7 March, so on 1 February nothing is overdue yet; the next
    # delivery (5 March) falls on or before the due day.
    result = analyse_one(make_message(), [d(3, 5)], as_of=d(2, 1))
    assert result.status == MessageStatus.OK
    assert result.last_delivery is None
    assert result.next_delivery == d(3, 5)
    # After the window, the last delivery anywhere counts.
    result = analyse_one(make_message(), [d(3, 5), d(4, 20)], as_of=d(4, 25))
    assert (result.status, result.overdue_days) == (MessageStatus.UNPLANNED, 0)
    assert (result.last_delivery, result.next_delivery) == (d(4, 20), None)


# --- Posts: the delivery rule --------------------------------------------------


def test_deliveries_from_posts_applies_the_delivery_rule() -> None:
    posts = [
        make_post(d(3, 1), PostStatus.PUBLISHED, (1, 2), channel_id=3),
        make_post(d(3, 2), PostStatus.SCHEDULED, (2,), channel_id=4),
        make_post(d(3, 10), PostStatus.DRAFT),  # a past draft never went out
        make_post(d(3, 15), PostStatus.DRAFT, (1,), channel_id=5),  # on as-of: delivers
        make_post(d(3, 20), PostStatus.DRAFT, (3,)),
        make_post(d(3, 21), PostStatus.IDEA),
        make_post(d(3, 22), PostStatus.CANCELLED),
        make_post(None, PostStatus.SCHEDULED),  # undated
        make_post(d(3, 23), PostStatus.SCHEDULED, ()),  # no key message
    ]
    assert deliveries_from_posts(posts, AS_OF) == [
        (1, 3, d(3, 1)),
        (2, 3, d(3, 1)),
        (2, 4, d(3, 2)),
        (1, 5, d(3, 15)),
        (3, 1, d(3, 20)),
    ]


POST_CASES = [
    pytest.param(
        [make_post(d(3, 10), PostStatus.DRAFT)],
        [],
        None,
        id="draft-before-as-of-delivers-nothing",
    ),
    pytest.param(
        [make_post(d(3, 15), PostStatus.DRAFT)],
        [d(3, 15)],
        d(3, 15),
        id="draft-on-as-of-delivers",
    ),
    pytest.param(
        [make_post(d(3, 20), PostStatus.DRAFT)],
        [d(3, 20)],
        None,
        id="draft-after-as-of-delivers",
    ),
    pytest.param(
        [make_post(d(3, 10), PostStatus.SCHEDULED)],
        [d(3, 10)],
        d(3, 10),
        id="past-scheduled-delivers",
    ),
    pytest.param(
        [make_post(d(3, 10), PostStatus.PUBLISHED)],
        [d(3, 10)],
        d(3, 10),
        id="published-delivers",
    ),
    pytest.param(
        [make_post(d(3, 10), PostStatus.IDEA)],
        [],
        None,
        id="idea-delivers-nothing",
    ),
    pytest.param(
        [make_post(d(3, 10), PostStatus.CANCELLED)],
        [],
        None,
        id="cancelled-delivers-nothing",
    ),
    pytest.param(
        [make_post(None, PostStatus.SCHEDULED), make_post(None, PostStatus.PUBLISHED)],
        [],
        None,
        id="undated-delivers-nothing",
    ),
    pytest.param(
        [
            make_post(d(3, 10), PostStatus.SCHEDULED, channel_id=1),
            make_post(d(3, 10), PostStatus.PUBLISHED, channel_id=1),
            make_post(d(3, 10), PostStatus.SCHEDULED, channel_id=2),
        ],
        [d(3, 10)],
        d(3, 10),
        id="several-posts-one-day-one-delivery",
    ),
    pytest.param(
        [make_post(d(3, 10), PostStatus.SCHEDULED, (2,))],
        [],
        None,
        id="post-of-another-message",
    ),
]


@pytest.mark.parametrize(("posts", "deliveries", "last"), POST_CASES)
def test_posts_deliver(posts: list[Post], deliveries: list[date], last: date | None) -> None:
    report = analyse([make_message()], [], deliveries_from_posts(posts, AS_OF), AS_OF, FROM, TO)
    result = report.message(1)
    assert result.deliveries == tuple(deliveries)
    assert result.last_delivery == last


def test_drafts_around_as_of_shape_the_gaps() -> None:
    posts = [
        make_post(d(3, 1), PostStatus.PUBLISHED),
        make_post(d(3, 8), PostStatus.DRAFT),  # in the past: never went out
        make_post(d(3, 14), PostStatus.IDEA),
        make_post(d(3, 15), PostStatus.DRAFT),  # as-of: counts
        make_post(d(3, 22), PostStatus.DRAFT),
        make_post(d(3, 28), PostStatus.CANCELLED),
        make_post(None, PostStatus.SCHEDULED),
    ]
    report = analyse([make_message()], [], deliveries_from_posts(posts, AS_OF), AS_OF, FROM, TO)
    result = report.message(1)
    assert result.deliveries == (d(3, 1), d(3, 15), d(3, 22))
    assert result.gaps == (gap(d(3, 9), d(3, 14), 6), gap(d(3, 30), d(3, 31), 2))
    assert result.status == MessageStatus.OK
    assert (result.last_delivery, result.next_delivery) == (d(3, 15), d(3, 22))


# --- Per-channel breakdown -----------------------------------------------------


def test_per_channel_breakdown() -> None:
    web, mail, social = (
        make_channel(1, "Web"),
        make_channel(2, "Newsletter"),
        make_channel(3, "Social"),
    )
    deliveries = [
        (1, 1, d(3, 20)),
        (1, 1, d(3, 5)),
        (1, 1, d(1, 2)),
        (1, 2, d(3, 12)),
        (1, 9, d(3, 14)),  # a channel not passed in still counts for the message
        (2, 3, d(3, 1)),  # another message
    ]
    report = analyse([make_message()], [social, web, mail], deliveries, AS_OF, FROM, TO)
    result = report.message(1)
    assert result.channels == (
        ChannelCadence(3, "Social", None, None),
        ChannelCadence(1, "Web", d(3, 5), d(3, 20)),
        ChannelCadence(2, "Newsletter", d(3, 12), None),
    )
    assert (result.last_delivery, result.next_delivery) == (d(3, 14), d(3, 20))
    assert result.deliveries == (d(3, 5), d(3, 12), d(3, 14), d(3, 20))
    assert result.gaps == (gap(d(3, 1), d(3, 4), 4), gap(d(3, 28), d(3, 31), 4))


def test_breakdown_for_message_without_deliveries() -> None:
    channels = [make_channel(1, "Web"), make_channel(2, "Newsletter")]
    report = analyse([make_message()], channels, [], AS_OF, FROM, TO)
    assert report.message(1).channels == (
        ChannelCadence(1, "Web", None, None),
        ChannelCadence(2, "Newsletter", None, None),
    )


# --- The report ----------------------------------------------------------------


def two_message_report() -> CadenceReport:
    first = make_message(1, cadence_days=7, title="Safety first")
    second = make_message(2, cadence_days=3, starts_on=d(3, 10), ends_on=d(3, 25))
    deliveries = [
        *rows(d(3, 1), d(3, 20), message_id=1),  # gaps 9–19 and 28–31
        *rows(d(3, 12), d(3, 19), message_id=2),  # gaps 16–18 and 23–25
        *rows(d(3, 3), message_id=99),  # unknown message: ignored
    ]
    return analyse([second, first], [], deliveries, AS_OF, FROM, TO)


def test_report_keeps_message_order_and_ignores_unknown_messages() -> None:
    report = two_message_report()
    assert [m.message_id for m in report.messages] == [2, 1]
    assert (report.as_of, report.start, report.end) == (AS_OF, FROM, TO)
    assert report.message(1).title == "Safety first"
    assert report.message(1).cadence_days == 7
    assert report.message(1).gaps == (gap(d(3, 9), d(3, 19), 11), gap(d(3, 28), d(3, 31), 4))
    assert report.message(2).gaps == (gap(d(3, 16), d(3, 18), 3), gap(d(3, 23), d(3, 25), 3))
    with pytest.raises(KeyError):
        report.message(99)


OVERDUE_COUNT_CASES = [
    pytest.param(d(2, 29), 0, False, False, id="before-window"),
    pytest.param(d(3, 1), 0, False, False, id="window-start"),
    pytest.param(d(3, 8), 0, False, False, id="day-before-first-gap"),
    pytest.param(d(3, 9), 1, True, False, id="first-gap-starts"),
    pytest.param(d(3, 15), 1, True, False, id="one-message-in-gap"),
    pytest.param(d(3, 16), 2, True, True, id="both-in-gap"),
    pytest.param(d(3, 18), 2, True, True, id="both-still-in-gap"),
    pytest.param(d(3, 19), 1, True, False, id="second-delivered"),
    pytest.param(d(3, 20), 0, False, False, id="first-delivered"),
    pytest.param(d(3, 23), 1, False, True, id="second-overdue-again"),
    pytest.param(d(3, 26), 0, False, False, id="second-ended"),
    pytest.param(d(3, 28), 1, True, False, id="first-overdue-again"),
    pytest.param(d(3, 31), 1, True, False, id="window-end"),
    pytest.param(d(4, 1), 0, False, False, id="after-window"),
]


@pytest.mark.parametrize(("day", "count", "first", "second"), OVERDUE_COUNT_CASES)
def test_overdue_count_and_is_overdue_on(day: date, count: int, first: bool, second: bool) -> None:
    report = two_message_report()
    assert report.overdue_count(day) == count
    assert report.message(1).is_overdue_on(day) is first
    assert report.message(2).is_overdue_on(day) is second


def test_is_overdue_on_without_gaps() -> None:
    result = analyse_one(make_message(), [d(3, 1), d(3, 8), d(3, 15), d(3, 22), d(3, 29)])
    assert result.gaps == ()
    assert not result.is_overdue_on(d(3, 10))


def test_empty_analysis() -> None:
    report = analyse([], [make_channel(1, "Web")], rows(d(3, 1)), AS_OF, FROM, TO)
    assert report.messages == ()
    assert report.overdue_count(d(3, 10)) == 0


def test_start_after_end_is_an_error() -> None:
    with pytest.raises(ValueError, match="after its end"):
        analyse([make_message()], [], [], AS_OF, d(3, 2), d(3, 1))


def test_deliveries_may_be_a_one_shot_iterator() -> None:
    report = analyse([make_message()], [], iter(rows(d(3, 1), d(3, 8), d(3, 15))), AS_OF, FROM, TO)
    assert report.message(1).deliveries == (d(3, 1), d(3, 8), d(3, 15))


def test_message_given_twice_is_analysed_twice_the_same() -> None:
    message = make_message()
    report = analyse([message, message], [], rows(d(3, 9), d(3, 1)), AS_OF, FROM, TO)
    assert report.messages[0] == report.messages[1]
    assert report.messages[0].deliveries == (d(3, 1), d(3, 9))


def test_default_window() -> None:
    assert default_window(d(6, 1)) == (d(3, 3), d(8, 30))
    # Within the years a calendar plans, as a window typed must be.
    assert default_window(date(2999, 12, 31)) == (date(2999, 10, 2), date(2999, 12, 31))
    assert default_window(date(1900, 1, 1)) == (date(1900, 1, 1), date(1900, 4, 1))
    start, end = default_window(AS_OF)
    assert (AS_OF - start, end - AS_OF) == (timedelta(days=90), timedelta(days=90))


def test_day_runs_groups_consecutive_days_whatever_their_order() -> None:
    days = [
        date(2026, 3, 5),
        date(2026, 3, 1),
        date(2026, 3, 2),
        date(2026, 3, 4),
        date(2026, 3, 1),
    ]
    assert day_runs(days) == [
        (date(2026, 3, 1), date(2026, 3, 2)),
        (date(2026, 3, 4), date(2026, 3, 5)),
    ]
    assert day_runs([]) == []
    assert day_runs({date(2026, 12, 31), date(2027, 1, 1)}) == [
        (date(2026, 12, 31), date(2027, 1, 1))
    ]


# -- the origin: a window widened to the days on screen ------------------------------


def test_a_window_widened_backwards_keeps_the_status_with_the_same_origin() -> None:
    never = make_message(1, cadence_days=7)
    planned = make_message(2, cadence_days=7)
    early = FROM - timedelta(days=100)  # its first delivery, long before the origin
    deliveries = rows(early, d(3, 10), message_id=2)
    channels = [make_channel(1, "LinkedIn")]
    default = analyse([never, planned], channels, deliveries, AS_OF, FROM, TO)
    wide_start = FROM - timedelta(days=400)
    wide = analyse([never, planned], channels, deliveries, AS_OF, wide_start, TO, origin=FROM)
    for message_id in (1, 2):
        expected, got = default.message(message_id), wide.message(message_id)
        assert (got.status, got.overdue_days) == (expected.status, expected.overdue_days)
    # Never delivered: overdue from a cadence after the origin, not after the window start.
    assert wide.message(1).gaps == default.message(1).gaps == (gap(d(3, 8), TO, 24),)
    # Nothing before its first delivery is overdue, however far back the window reaches.
    due = early + timedelta(days=8)
    assert wide.message(2).gaps == (
        gap(due, d(3, 9), (d(3, 9) - due).days + 1),
        gap(d(3, 18), TO, 14),
    )
    # Without an origin the window's start is the origin (DESIGN.md's rule).
    widest = analyse([never], channels, [], AS_OF, wide_start, TO)
    assert widest.message(1).overdue_days == default.message(1).overdue_days + 400


def test_channel_counts_are_the_deliveries_the_analysis_counts() -> None:
    """A report's "by channel" counts the deliveries inside the window, as ``deliveries``
    lists them (DESIGN.md: "delivery days inside the window"): those before the message
    starts or after it ends too, though only the days it runs anchor its gaps."""
    running = make_message(1, starts_on=d(3, 10), ends_on=d(3, 20))
    always = make_message(2)
    linkedin, blog = make_channel(1, "LinkedIn"), make_channel(2, "Blog")
    rows = [
        (1, 1, d(3, 2)),  # before its start
        (1, 1, d(3, 12)),
        (1, 2, d(3, 14)),
        (1, 2, d(3, 25)),  # after its end
        (2, 1, d(2, 28)),  # before the window
        (2, 1, d(3, 2)),
        (2, 2, d(3, 31)),
    ]
    counts = channel_counts([running, always], rows, FROM, TO)
    assert counts == {1: {1: 2, 2: 2}, 2: {1: 1, 2: 1}}
    report = analyse([running, always], [linkedin, blog], rows, AS_OF, FROM, TO)
    assert [m.deliveries for m in report.messages] == [
        (d(3, 2), d(3, 12), d(3, 14), d(3, 25)),
        (d(3, 2), d(3, 31)),
    ]
    # The post before its start is its start anchor (due 3-9); the one after its end
    # anchors nothing.
    assert report.message(1).gaps == (gap(d(3, 10), d(3, 11), 2),)
    # A day delivered on two channels counts once as a delivery, on both channels.
    both = [(2, 1, d(3, 5)), (2, 2, d(3, 5))]
    assert channel_counts([always], both, FROM, TO) == {2: {1: 1, 2: 1}}
