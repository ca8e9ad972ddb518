"""post_messages keeps copies of each post's day, channel and status for the analysis.

Whatever path changes a post, ``delivery_rows`` must say exactly what the
posts themselves say under DESIGN.md's delivery rule.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_app.core import database
from calendar_app.core.cadence import analyse, deliveries_from_posts
from calendar_app.core.migrations import MIGRATIONS
from calendar_app.core.models import NewPost, PostStatus
from calendar_app.core.store import CalendarStore
from tests.files import write_older

AS_OF = date(2026, 11, 18)


def assert_copies_match(store: CalendarStore) -> None:
    expected = sorted(set(deliveries_from_posts(store.all_posts(), AS_OF)))
    assert sorted(store.delivery_rows(AS_OF)) == expected


def test_every_write_path_keeps_the_copies(store: CalendarStore) -> None:
    blog = store.add_channel("Blog", kind="blog").created[0]
    news = store.add_channel("Newsletter", kind="newsletter").created[0]
    a = store.add_key_message("A", cadence_days=7).created[0]
    b = store.add_key_message("B", cadence_days=7).created[0]
    first = store.add_post(
        NewPost("One", blog, (a, b), date(2026, 11, 2), time(9), PostStatus.SCHEDULED)
    ).created[0]
    store.insert_many([NewPost("Bulk", news, (b,), date(2026, 11, 20), None, PostStatus.DRAFT)] * 3)
    assert_copies_match(store)
    store.move_posts({first: (date(2026, 11, 9), None)})
    assert_copies_match(store)
    store.update_post(first, {"channel_id": news, "status": PostStatus.PUBLISHED})
    assert_copies_match(store)
    before = store.post(first)
    message_a = store.key_message(a)
    store.delete_key_message(a)
    assert_copies_match(store)
    store.restore_key_message(message_a, [first])
    assert_copies_match(store)
    store.delete_posts([first])
    store.restore_posts([before])
    assert_copies_match(store)
    # A change made outside the store (another tool) is followed by the triggers.
    store.db.execute("UPDATE posts SET date = '2026-12-24', status = 'scheduled'")
    c = store.add_key_message("C", cadence_days=7).created[0]
    store.db.execute("INSERT INTO post_messages (post_id, message_id) VALUES (?, ?)", [first, c])
    assert_copies_match(store)


def test_a_version_1_calendar_is_upgraded_with_its_copies(tmp_path: Path) -> None:
    path = tmp_path / "old.cadence"
    write_older(
        path,
        1,
        "0002_delivery_columns",
        [
            "INSERT INTO key_messages (title, cadence_days, color) VALUES ('A', 7, '#654321')",
            "INSERT INTO posts (uid, title, channel_id, status, date, created_at, updated_at)"
            " VALUES ('u1', 'Old post', 1, 'published', '2026-11-02', '2026-01-01T00:00:00+00:00',"
            " '2026-01-01T00:00:00+00:00')",
            "INSERT INTO post_messages (post_id, message_id) VALUES (1, 1)",
        ],
    )

    with CalendarStore.open(path) as store:
        assert store.delivery_rows(AS_OF) == [(1, 1, date(2026, 11, 2))]
        version = store.db.execute("PRAGMA user_version").fetchone()[0]
    assert version == database.SCHEMA_VERSION


DAYS = st.integers(min_value=0, max_value=400).map(lambda n: date(2026, 1, 1) + timedelta(n))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    posts=st.lists(
        st.tuples(
            st.integers(0, 2),  # channel
            st.sets(st.integers(0, 2), max_size=3),  # messages
            st.one_of(st.none(), DAYS),
            st.sampled_from(list(PostStatus)),
        ),
        max_size=40,
    ),
    as_of=DAYS,
    first=DAYS,
    length=st.integers(0, 120),
)
def test_a_window_of_rows_gives_the_same_analysis_as_all_rows(
    tmp_path_factory: pytest.TempPathFactory,
    posts: list[tuple[int, set[int], date | None, PostStatus]],
    as_of: date,
    first: date,
    length: int,
) -> None:
    last = first + timedelta(days=length)
    path = tmp_path_factory.mktemp("window") / "w.cadence"
    with CalendarStore.create(path) as store:
        channels = [store.add_channel(f"C{i}").created[0] for i in range(3)]
        messages = [
            store.add_key_message(f"M{i}", cadence_days=3 + 4 * i).created[0] for i in range(3)
        ]
        store.add_posts(
            NewPost("p", channels[c], tuple(messages[m] for m in ms), day, None, status)
            for c, ms, day, status in posts
        )
        everything = analyse(
            store.key_messages(), store.channels(), store.delivery_rows(as_of), as_of, first, last
        )
        windowed = analyse(
            store.key_messages(),
            store.channels(),
            store.delivery_rows(as_of, window=(first, last)),
            as_of,
            first,
            last,
        )
        assert windowed == everything
        # One message's rows, as the window reads them after a change: its analysis is
        # the one all rows give.
        one = [m for m in store.key_messages() if m.id == messages[1]]
        some = store.delivery_rows(as_of, [messages[1]], window=(first, last))
        assert {row[0] for row in some} <= {messages[1]}
        alone = analyse(one, store.channels(), some, as_of, first, last)
        assert alone.messages == (everything.message(messages[1]),)
        # Without the breakdown by channel (the window's analysis): the same statuses,
        # gaps and dates, for every message and for one.
        bare = analyse(store.key_messages(), (), store.delivery_rows(as_of), as_of, first, last)
        assert bare.messages == tuple(
            dataclasses.replace(m, channels=()) for m in everything.messages
        )
        near = store.delivery_rows(as_of, window=(first, last), by_channel=False)
        assert analyse(store.key_messages(), (), near, as_of, first, last) == bare
        some = store.delivery_rows(as_of, [messages[1]], window=(first, last), by_channel=False)
        assert {row[0] for row in some} <= {messages[1]}
        assert analyse(one, (), some, as_of, first, last).messages == (bare.message(messages[1]),)


def test_the_schema_version_counts_the_migrations() -> None:
    assert len(MIGRATIONS.pending(sqlite_utils.Database(memory=True))) == database.SCHEMA_VERSION


def test_edits_and_their_undo_write_only_what_changed_and_keep_everything_right(
    store: CalendarStore,
) -> None:
    blog = store.add_channel("Blog", kind="blog").created[0]
    a = store.add_key_message("A", cadence_days=7).created[0]
    b = store.add_key_message("B", cadence_days=7).created[0]
    post_id = store.add_post(
        NewPost("Spring article", blog, (a,), date(2026, 11, 2), None, PostStatus.SCHEDULED)
    ).created[0]
    before = store.post(post_id)

    store.move_posts({post_id: (date(2026, 11, 5), time(10))})
    assert [p.id for p in store.search("spring")] == [post_id]
    store.update_post(post_id, {"title": "Autumn article", "message_ids": (b,)})
    assert store.search("spring") == []
    assert store.post(post_id).message_ids == (b,)
    assert_copies_match(store)

    store.restore_posts([before])
    restored = store.post(post_id)
    assert (restored.title, restored.message_ids, restored.date, restored.time) == (
        "Spring article",
        (a,),
        date(2026, 11, 2),
        None,
    )
    assert restored.revision == before.revision
    assert store.search("autumn") == []
    assert [p.id for p in store.search("spring")] == [post_id]
    assert_copies_match(store)
