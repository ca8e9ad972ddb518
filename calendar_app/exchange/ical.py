"""iCalendar (RFC 5545, RFC 7986) export of posts, through the ``icalendar`` library."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event, vText

from .. import __version__
from ..core.models import Post, PostStatus
from ..core.store import CalendarStore

PRODID = f"-//Cadence//Cadence {__version__}//EN"

ICS_STATUS = {
    PostStatus.IDEA: "TENTATIVE",
    PostStatus.DRAFT: "TENTATIVE",
    PostStatus.SCHEDULED: "CONFIRMED",
    PostStatus.PUBLISHED: "CONFIRMED",
    PostStatus.CANCELLED: "CANCELLED",
}


def _text(value: str) -> vText:
    text = vText(value)
    text.params["VALUE"] = "TEXT"
    return text


def posts_to_calendar(store: CalendarStore, posts: Sequence[Post]) -> Calendar:
    """One VEVENT per dated post, in the calendar's time zone (undated posts are skipped)."""
    info = store.info()
    zone = store.zone
    channels = {c.id: c for c in store.channels(include_archived=True)}
    messages = {m.id: m for m in store.key_messages(include_archived=True)}
    campaigns = {c.id: c for c in store.campaigns()}
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", info.name)
    cal.add("x-wr-timezone", info.timezone)
    for post in posts:
        if post.date is None:
            continue
        channel = channels[post.channel_id]
        titles = [messages[m].title for m in post.message_ids if m in messages]
        event = Event()
        event.add("uid", post.uid)
        event.add("dtstamp", post.updated_at)
        event.add("last-modified", post.updated_at)
        event.add("created", post.created_at)
        event.add("sequence", post.revision - 1)
        event.add("summary", post.title)
        description = post.body
        if post.link:
            description = f"{description}\n\n{post.link}" if description else post.link
        if description:
            event.add("description", description)
        if post.link:
            event.add("url", post.link)
        if post.time is None:
            event.add("dtstart", post.date)
            event.add("dtend", post.date + timedelta(days=1))
        else:
            start = datetime.combine(post.date, post.time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=30))
        event.add("status", ICS_STATUS[post.status])
        event.add("transp", "TRANSPARENT")
        event.add("categories", [channel.name, *titles])
        event.add("color", channel.color)
        event.add("x-cadence-channel", _text(channel.name))
        event.add("x-cadence-status", _text(post.status.value))
        for title in titles:
            event.add("x-cadence-message", _text(title))
        if post.campaign_id is not None and post.campaign_id in campaigns:
            event.add("x-cadence-campaign", _text(campaigns[post.campaign_id].name))
        if post.notes:
            event.add("x-cadence-notes", _text(post.notes))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def posts_to_ics(store: CalendarStore, posts: Sequence[Post]) -> bytes:
    return bytes(posts_to_calendar(store, posts).to_ical())
