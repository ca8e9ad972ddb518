"""A synthetic calendar generator, and a cache of generated calendars.

:func:`generate` writes a calendar through the public store API only
(``CalendarStore.create``, ``add_channel``, ``add_key_message`` and
``insert_many`` with :class:`NewPost` records). The content depends on the
seed alone (the store itself draws each post's uid and stamps).

Shape of the data: a calendar grows by its history, not by its density. Dated
posts come at a steady :data:`POSTS_PER_YEAR` (about 27 a day), centred on
:data:`REFERENCE_DAY`, so 10k posts cover one year, 100k ten years and 1M a
century (1976 to 2075), and a month holds about 830 posts at every one of those
sizes. The 1k calendar covers one year too (:data:`MIN_SPAN_DAYS`), at a tenth
of that density. The posts are written in the order a calendar fills up, each a
few weeks before its day (:data:`PLANNED_AHEAD_DAYS`). Fewer posts on weekends;
1 to 3 key messages per post, some messages and channels far more popular than
others; about three quarters of the dated posts carry a time of day. Statuses
follow :data:`REFERENCE_DAY`: before it posts are mostly published, after it
mostly scheduled, with drafts and a few cancelled posts throughout; about 4 %
of the posts are undated (ideas, and a few drafts).
"""

from __future__ import annotations

import os
import random
import time as clock
from collections.abc import Iterator
from datetime import date, time, timedelta
from itertools import accumulate
from pathlib import Path

from calendar_app.core.database import SCHEMA_VERSION
from calendar_app.core.models import NewPost, PostStatus
from calendar_app.core.store import CalendarStore

GENERATOR_VERSION = 4
"""Bump when the generated content changes, so that cached calendars are rebuilt."""

REFERENCE_DAY = date(2026, 1, 1)
"""The generator's "today", and the middle of every generated span: posts before it
are mostly published, after it scheduled."""

POSTS_PER_YEAR = 10_000
"""The density of dated posts, the same at every size (from 10k posts up)."""

MIN_SPAN_DAYS = 365
"""Smaller calendars still cover a year, so that they have something in every month
the window benchmarks step through."""

MONTH_DAY = date(2025, 12, 31)
"""A day of the month the month-query benchmark reads: December 2025, just before
:data:`REFERENCE_DAY`, inside the span at every size."""

PLANNED_AHEAD_DAYS = 42
"""Posts are written in the order a calendar fills up: each up to six weeks before its day."""

MESSAGES_FROM = date(2021, 1, 1)
"""Key messages that live for a year or two start within the 3,000 days from here."""


def span(count: int) -> tuple[date, int]:
    """The first day and the number of days that ``count`` posts are spread over."""
    days = max(MIN_SPAN_DAYS, round(count * 365.25 / POSTS_PER_YEAR))
    return REFERENCE_DAY - timedelta(days=days // 2), days


DATA_DIR = Path(__file__).resolve().parent / ".data"

_CHANNELS = (
    ("LinkedIn", "social"),
    ("Newsletter", "newsletter"),
    ("Blog", "blog"),
    ("Press", "press release"),
    ("Instagram", "social"),
    ("Website", "website"),
    ("YouTube", "video"),
    ("Podcast", "podcast"),
    ("Intranet", "internal"),
    ("Events", "event"),
    ("Mastodon", "social"),
    ("Bluesky", "social"),
)

_TOPIC_TEXT = (
    "climate pricing safety hiring community product service quality partners research"
    " education health energy mobility data privacy support launch roadmap values growth"
    " customers design openness"
)
_TOPICS = tuple(_TOPIC_TEXT.split())

_WORD_TEXT = (
    "the a our new team plan week update customers story share learn join today how why we"
    " you better together local free event guide tips report results year month first more"
    " less energy saving people city open day behind scenes meet experts question answer live"
    " video read listen register now soon and with for from about every thanks community"
    " partners launch"
)
_WORDS = tuple(_WORD_TEXT.split())

_CADENCES = (7, 14, 14, 14, 21, 30, 30, 45, 60, 90)
_TIMES = tuple(time(hour, minute) for hour in range(7, 20) for minute in (0, 15, 30, 45))
_TIME_WEIGHTS = tuple(
    3.0 if t.hour in (9, 12, 17) else 2.0 if 8 <= t.hour <= 17 else 0.5 for t in _TIMES
)


def _cumulative(weights: list[float] | tuple[float, ...]) -> list[float]:
    return list(accumulate(weights))


def _message_specs(
    count: int, rng: random.Random
) -> list[tuple[str, int, date | None, date | None]]:
    specs: list[tuple[str, int, date | None, date | None]] = []
    for index in range(count):
        topic = _TOPICS[index % len(_TOPICS)]
        title = f"M{index + 1:03d} {topic.capitalize()} matters"
        cadence = rng.choice(_CADENCES)
        starts_on: date | None = None
        ends_on: date | None = None
        if index % 7 == 3:  # a campaign-like message that lives for a year or two
            starts_on = MESSAGES_FROM + timedelta(days=rng.randrange(0, 3000))
            ends_on = starts_on + timedelta(days=rng.randrange(180, 730))
        specs.append((title, cadence, starts_on, ends_on))
    return specs


_IDEA, _UNDATED_DRAFT = -1, -2
_DAY_BITS = 20  # room for the day index (a century is 36,525 days) in a sort key


def _schedule(count: int, length: int, first_weekday: int, rng: random.Random) -> list[int]:
    """Each post's day index in the span (or ``_IDEA`` / ``_UNDATED_DRAFT``), in the
    order the posts are written: a calendar fills up as time goes by, each post a
    few weeks (up to :data:`PLANNED_AHEAD_DAYS`) before its day, ideas among them."""
    random_, randrange = rng.random, rng.randrange
    keys: list[int] = []
    for _ in range(count):
        roll = random_()
        if roll < 0.04:
            day = _IDEA if roll < 0.03 else _UNDATED_DRAFT
            written = randrange(length)
        else:
            day = randrange(length)
            if (first_weekday + day) % 7 >= 5 and random_() < 0.6:  # quieter weekends
                day = randrange(length)
            written = max(day - randrange(PLANNED_AHEAD_DAYS + 1), 0)
        keys.append((written << _DAY_BITS) | (day - _UNDATED_DRAFT))
    keys.sort()
    mask = (1 << _DAY_BITS) - 1
    return [(key & mask) + _UNDATED_DRAFT for key in keys]


def _posts(
    count: int, message_ids: list[int], channel_ids: list[int], rng: random.Random
) -> Iterator[NewPost]:
    first_day, length = span(count)
    days = [first_day + timedelta(days=i) for i in range(length)]
    schedule = _schedule(count, length, first_day.weekday(), rng)
    reference = REFERENCE_DAY
    message_weights = _cumulative([1.0 / (i + 1) ** 0.7 for i in range(len(message_ids))])
    channel_weights = _cumulative([1.0 / (i + 1) ** 0.5 for i in range(len(channel_ids))])
    time_weights = _cumulative(_TIME_WEIGHTS)
    random_ = rng.random
    randrange = rng.randrange
    choices = rng.choices
    scheduled, published = PostStatus.SCHEDULED, PostStatus.PUBLISHED
    draft, idea, cancelled = PostStatus.DRAFT, PostStatus.IDEA, PostStatus.CANCELLED
    for number, index in enumerate(schedule):
        day: date | None
        if index == _IDEA:
            day, status = None, idea
        elif index == _UNDATED_DRAFT:
            day, status = None, draft
        else:
            day = days[index]
            roll = random_()
            if roll < 0.02:
                status = cancelled
            elif day < reference:
                status = published if roll < 0.93 else draft if roll < 0.97 else scheduled
            else:
                status = scheduled if roll < 0.72 else draft
        at = None
        if day is not None and random_() < 0.75:
            at = choices(_TIMES, cum_weights=time_weights)[0]
        roll = random_()
        wanted = 1 if roll < 0.5 else 2 if roll < 0.85 else 3
        picked = set(choices(message_ids, cum_weights=message_weights, k=wanted))
        topic = _TOPICS[number % len(_TOPICS)]
        words = choices(_WORDS, k=8 + randrange(32))
        yield NewPost(
            title=f"{topic.capitalize()}: {' '.join(words[:6])} #{number + 1}",
            channel_id=choices(channel_ids, cum_weights=channel_weights)[0],
            message_ids=tuple(sorted(picked)),
            date=day,
            time=at,
            status=status,
            body=" ".join(words),
            link=f"https://example.org/p/{number + 1}" if random_() < 0.3 else "",
            notes="check with legal" if random_() < 0.02 else "",
        )


def setup_calendar(
    store: CalendarStore, *, messages: int = 50, channels: int = 10, seed: int = 0
) -> tuple[list[int], list[int]]:
    """Add the channels and key messages of a synthetic calendar; return their ids
    (message ids, channel ids). The same seed gives the same ones."""
    rng = random.Random(seed)
    channel_ids: list[int] = []
    for index in range(channels):
        name, kind = _CHANNELS[index % len(_CHANNELS)]
        if index >= len(_CHANNELS):
            name = f"{name} {index // len(_CHANNELS) + 1}"
        channel_ids.extend(store.add_channel(name, kind=kind).created)
    message_ids: list[int] = []
    for title, cadence, starts_on, ends_on in _message_specs(messages, rng):
        change = store.add_key_message(
            title,
            statement=f"Why {title.lower()}.",
            cadence_days=cadence,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        message_ids.extend(change.created)
    return message_ids, channel_ids


def synthetic_posts(
    count: int, message_ids: list[int], channel_ids: list[int], *, seed: int = 0
) -> Iterator[NewPost]:
    """``count`` new posts over their :func:`span`, lazily; the same seed gives the same posts."""
    return _posts(count, message_ids, channel_ids, random.Random(seed + 1))


def generate(
    path: Path | str, posts: int, *, messages: int = 50, channels: int = 10, seed: int = 0
) -> Path:
    """Write a new calendar at ``path`` (which must not exist) and return its path."""
    path = Path(path)
    name = f"Synthetic, {posts} posts"
    with CalendarStore.create(path, name=name, timezone="Europe/Paris") as store:
        message_ids, channel_ids = setup_calendar(
            store, messages=messages, channels=channels, seed=seed
        )
        store.insert_many(synthetic_posts(posts, message_ids, channel_ids, seed=seed))
    return path


def _cache_prefix() -> str:
    # The schema version too: the store migrates older files when it opens them, and a
    # migrated file is not what insert_many writes today.
    return f"cal-g{GENERATOR_VERSION}-v{SCHEMA_VERSION}-"


def cache_path(posts: int, *, messages: int = 50, channels: int = 10, seed: int = 0) -> Path:
    name = f"{_cache_prefix()}p{posts}-m{messages}-c{channels}-s{seed}.cadence"
    return DATA_DIR / name


def remove_stale() -> list[Path]:
    """Delete cached calendars of another generator or schema version; return them."""
    stale = [
        path for path in DATA_DIR.glob("cal-*.cadence") if not path.name.startswith(_cache_prefix())
    ]
    for path in stale:
        _remove(path)
    return stale


def cached_calendar(
    posts: int, *, messages: int = 50, channels: int = 10, seed: int = 0
) -> tuple[Path, float | None]:
    """A generated calendar from ``bench/.data/``, made first if needed.

    Returns its path and the seconds spent generating it (None when it was cached).
    """
    target = cache_path(posts, messages=messages, channels=channels, seed=seed)
    if target.exists():
        return target, None
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    remove_stale()
    partial = target.with_name(f".partial-{os.getpid()}-{target.name}")
    _remove(partial)
    started = clock.perf_counter()
    try:
        generate(partial, posts, messages=messages, channels=channels, seed=seed)
        for suffix in ("-wal", "-shm", ""):  # a cleanly closed WAL database leaves neither
            source = Path(str(partial) + suffix)
            if source.exists():
                os.replace(source, Path(str(target) + suffix))
    except BaseException:
        _remove(partial)
        raise
    return target, clock.perf_counter() - started


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
