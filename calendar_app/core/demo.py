"""The demo calendar: a small agency's client, planned around today.

Deterministic for a given ``today``: the same day always gives the same
calendar, which the tests rely on. The gaps in it are deliberate, so that the
cadence view has something to show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from .models import CampaignKind, NewPost, PostStatus, WeekStart
from .store import CalendarStore

CLIENT = "Solenne Solar"


@dataclass(frozen=True)
class _Message:
    title: str
    statement: str
    cadence_days: int
    color: str
    quiet: tuple[int, int] | None  # days relative to today with no post carrying it
    starts: int | None = None
    ends: int | None = None


MESSAGES = (
    _Message(
        "Solar pays for itself",
        "A Solenne roof pays back its cost in about seven years, then keeps saving.",
        7,
        "#e3a008",
        quiet=(-40, -27),
    ),
    _Message(
        "Installed by local experts",
        "Our own crews, trained here, install every system within three weeks.",
        14,
        "#2f6fde",
        quiet=(-24, 5),
    ),
    _Message(
        "Every roof counts",
        "Each home that switches cuts the town's emissions; together it adds up.",
        10,
        "#2ba36b",
        quiet=None,
    ),
    _Message(
        "Zero-hassle financing",
        "Pay monthly from what you save, with no deposit and no paperwork for you.",
        21,
        "#9b4dca",
        quiet=(12, 60),
        starts=-45,
        ends=75,
    ),
    _Message(
        "Backed by a 25-year warranty",
        "Panels, inverter and workmanship are covered for 25 years.",
        30,
        "#d6336c",
        quiet=(-70, 60),
    ),
)

CHANNELS = (
    # name, kind, colour, character limit
    ("LinkedIn", "social", "#0a66c2", 3000),
    ("Instagram", "social", "#c13584", 2200),
    ("Newsletter", "newsletter", "#2ba36b", None),
    ("Blog", "blog", "#e0532f", None),
    ("Press release", "press release", "#6b7b8c", None),
    ("Events", "event", "#7a5c2e", None),
)

TITLES = {
    "Solar pays for itself": [
        "Customer story: the Jansens cut their energy bill by 62%",
        "What a kilowatt-hour from your roof really costs",
        "Payback in seven years: the sums, step by step",
        "Your meter ran backwards this summer: here is why",
        "Energy prices went up; our customers barely noticed",
        "Calculator: how much would your roof save?",
        "Five questions to ask before you compare solar quotes",
    ],
    "Installed by local experts": [
        "Meet the crew: a day on a roof with Samira and Joost",
        "From survey to switch-on in 19 days",
        "Why we never subcontract an installation",
        "Behind the scenes at our training workshop",
        "Apprentices wanted: learn to install solar with us",
    ],
    "Every roof counts": [
        "Our town's solar map, one year on",
        "How many roofs does it take to power the library?",
        "Street by street: the neighbourhoods going solar",
        "One roof, one tonne of CO2 a year",
        "The school that runs on sunshine",
        "Friday tip: clean panels, more power",
    ],
    "Zero-hassle financing": [
        "Solar with no deposit: how our monthly plan works",
        "We fill in the grant paperwork, you sign once",
        "Monthly plan or buy outright? A fair comparison",
        "Financing questions, answered by our advisers",
    ],
    "Backed by a 25-year warranty": [
        "What our 25-year warranty actually covers",
        "A panel from 2001 still producing: the case for quality",
        "Warranty claims last year: all twelve, explained",
    ],
}

IDEAS = (
    ("Video: time-lapse of a full installation", "Instagram", ("Installed by local experts",)),
    ("Explainer: batteries for beginners", "Blog", ("Solar pays for itself",)),
    (
        "Customer Q&A live session",
        "Events",
        ("Installed by local experts", "Solar pays for itself"),
    ),
    ("Infographic: a year of sunshine in kWh", "LinkedIn", ("Every roof counts",)),
    ("Press: 1,000th installation milestone", "Press release", ("Every roof counts",)),
    ("Newsletter feature: the warranty team", "Newsletter", ("Backed by a 25-year warranty",)),
    ("Poll: what stops you going solar?", "LinkedIn", ()),
    ("Guest post: a roofer on roof safety", "Blog", ("Installed by local experts",)),
)

# Weekday (0 = Monday) -> channels that post that day, with their time of day.
RHYTHM: dict[int, list[tuple[str, time | None]]] = {
    0: [("Blog", None), ("Instagram", time(12, 0))],
    1: [("LinkedIn", time(8, 30))],
    2: [("Instagram", time(18, 0))],
    3: [("LinkedIn", time(8, 30))],
    5: [("Instagram", time(10, 0))],
}


def write_demo(
    path: Path | str, *, today: date | None = None, week_start: WeekStart = WeekStart.MONDAY
) -> str:
    """Write the demo calendar to ``path`` (which must not exist), whole or not at all
    (:meth:`.CalendarStore.create`), its weeks starting on ``week_start``; return a
    summary."""
    summary: list[str] = []

    def fill(store: CalendarStore) -> None:
        summary.append(_fill(store, today or store.today()))  # the demo's own today

    CalendarStore.create(
        path,
        name=f"{CLIENT} (demo)",
        timezone="Europe/Amsterdam",
        week_start=week_start,
        default_cadence_days=14,
        fill=fill,
    ).close()
    return summary[0]


def _fill(store: CalendarStore, today: date) -> str:
    rng = random.Random(today.toordinal())
    channel_ids = {
        name: store.add_channel(name, kind=kind, color=color, char_limit=limit).created[0]
        for name, kind, color, limit in CHANNELS
    }
    message_ids: dict[str, int] = {}
    for priority, message in enumerate(MESSAGES):
        message_ids[message.title] = store.add_key_message(
            message.title,
            statement=message.statement,
            cadence_days=message.cadence_days,
            color=message.color,
            starts_on=today + timedelta(days=message.starts) if message.starts else None,
            ends_on=today + timedelta(days=message.ends) if message.ends else None,
            priority=len(MESSAGES) - priority,
        ).created[0]
    campaigns = {
        "Home Battery launch": store.add_campaign(
            "Home Battery launch",
            kind=CampaignKind.PRODUCT,
            color="#0f9bb5",
            starts_on=today - timedelta(days=60),
            ends_on=today - timedelta(days=20),
        ).created[0],
        "Free roof check": store.add_campaign(
            "Free roof check",
            kind=CampaignKind.SERVICE,
            color="#5a8f29",
            starts_on=today - timedelta(days=15),
            ends_on=today + timedelta(days=45),
        ).created[0],
        "Winter install offer": store.add_campaign(
            "Winter install offer",
            kind=CampaignKind.PROMOTION,
            color="#e0532f",
            starts_on=today + timedelta(days=20),
            ends_on=today + timedelta(days=60),
        ).created[0],
    }

    def allowed(title: str, day: date) -> bool:
        message = next(m for m in MESSAGES if m.title == title)
        offset = (day - today).days
        if message.quiet and message.quiet[0] <= offset <= message.quiet[1]:
            return False
        if message.starts is not None and offset < message.starts:
            return False
        return not (message.ends is not None and offset > message.ends)

    def campaign_on(day: date) -> int | None:
        offset = (day - today).days
        if -60 <= offset <= -20:
            return campaigns["Home Battery launch"]
        if -15 <= offset <= 45 and rng.random() < 0.5:
            return campaigns["Free roof check"]
        if 20 <= offset <= 60:
            return campaigns["Winter install offer"]
        return None

    def status_for(day: date) -> PostStatus:
        if day < today:
            return PostStatus.CANCELLED if rng.random() < 0.04 else PostStatus.PUBLISHED
        if day <= today + timedelta(days=21):
            return PostStatus.SCHEDULED
        return PostStatus.DRAFT

    counters = dict.fromkeys(TITLES, 0)
    rotation = [m.title for m in MESSAGES]
    posts: list[NewPost] = []

    def add(day: date, channel: str, at: time | None, titles: list[str], kind: str) -> None:
        carried = [t for t in titles if allowed(t, day)]
        if not carried:
            carried = [t for t in rotation if allowed(t, day)][:1]
        lead = carried[0] if carried else rotation[0]
        options = TITLES[lead]
        headline = options[counters[lead] % len(options)]
        counters[lead] += 1
        if kind == "Newsletter":
            headline = f"Newsletter: {headline.split(':')[0].lower()} and more"
        posts.append(
            NewPost(
                title=headline,
                channel_id=channel_ids[channel],
                message_ids=tuple(message_ids[t] for t in carried),
                date=day,
                time=at,
                status=status_for(day),
                body=_body(lead),
                campaign_id=campaign_on(day),
                link="https://solenne.example/" + _slug(headline) if channel != "Events" else "",
            )
        )

    first = today - timedelta(days=95)
    last = today + timedelta(days=60)
    day = first
    turn = 0
    while day <= last:
        for channel, at in RHYTHM.get(day.weekday(), []):
            titles = [rotation[turn % len(rotation)]]
            if rng.random() < 0.35:
                titles.append(rotation[(turn + 2) % len(rotation)])
            add(day, channel, at, titles, channel)
            turn += 1
        week = (day - first).days // 7
        if day.weekday() == 2 and week % 2 == 0:
            add(day, "Newsletter", time(7, 0), rotation[:3], "Newsletter")
        if day.day == 12:
            add(day, "Press release", time(10, 0), [rotation[turn % 3], rotation[2]], "Press")
        day += timedelta(days=1)

    # A past draft that never went out: it does not count as a delivery.
    posts.append(
        NewPost(
            title="Warranty myths, busted (never sent)",
            channel_id=channel_ids["Blog"],
            message_ids=(message_ids["Backed by a 25-year warranty"],),
            date=today - timedelta(days=33),
            status=PostStatus.DRAFT,
            body="Draft that missed its slot.",
        )
    )
    for offset, name in ((-50, "Home energy fair"), (18, "Open roof day"), (41, "Town hall talk")):
        posts.append(
            NewPost(
                title=name,
                channel_id=channel_ids["Events"],
                message_ids=(
                    message_ids["Installed by local experts"],
                    message_ids["Every roof counts"],
                ),
                date=today + timedelta(days=offset),
                status=status_for(today + timedelta(days=offset)),
                body="Meet the team, ask anything, see a working system.",
                notes="Book the stand and bring the demo panel.",
            )
        )
    for title, channel, carried in IDEAS:
        posts.append(
            NewPost(
                title=title,
                channel_id=channel_ids[channel],
                message_ids=tuple(message_ids[t] for t in carried),
                status=PostStatus.IDEA,
                notes="From the October brainstorm.",
            )
        )
    store.add_posts(posts)

    # One weekly recurring post: the Friday tip on Instagram.
    first_friday = today - timedelta(days=(today.weekday() - 4) % 7 + 49)
    series = store.add_series(
        NewPost(
            title="Friday tip: clean panels, more power",
            channel_id=channel_ids["Instagram"],
            message_ids=(message_ids["Every roof counts"],),
            date=first_friday,
            time=time(16, 0),
            status=PostStatus.SCHEDULED,
            body="One small tip every Friday to get more out of your roof.",
        ),
        "FREQ=WEEKLY;BYDAY=FR;COUNT=16",
    )
    # Occurrences in the past went out.
    store.update_posts(
        {
            post.id: {"status": PostStatus.PUBLISHED}
            for post in store.posts(series.created)
            if post.date is not None and post.date < today
        }
    )
    total = store.count_posts()
    return (
        f"{total} posts, {len(MESSAGES)} key messages, {len(CHANNELS)} channels, "
        f"{len(campaigns)} campaigns"
    )


def _slug(text: str) -> str:
    words = "".join(c.lower() if c.isalnum() else " " for c in text).split()
    return "-".join(words[:6])


def _body(lead: str) -> str:
    """A post's text: its lead message's statement (the publishing tools send the
    title before it: a text that began with the title went out with it twice)."""
    return next(m.statement for m in MESSAGES if m.title == lead)
