"""iCalendar (RFC 5545, RFC 7986) export and import of posts, through the ``icalendar`` library.

Export writes one VEVENT per dated post: UID = the post's uid, DTSTART in the
calendar's own zone (TZID plus a generated VTIMEZONE, or all-day dates for
untimed posts), SUMMARY, DESCRIPTION, URL, STATUS, ``TRANSP:TRANSPARENT``,
CATEGORIES (channel and key messages), COLOR, SEQUENCE and LAST-MODIFIED from
the post's revision and last edit, and ``X-CADENCE-*`` properties that carry
everything else, so that Cadence reads its own file back exactly. The calendar
itself describes the channels, key messages and campaigns its events name
(a character limit, a statement, start and end...), so that a calendar that
lacks them makes them as they were.

Import reads Cadence's own files back exactly and turns the events of other
calendar programs (Google Calendar, Outlook, Thunderbird, Apple Calendar) into
posts: recurring events are expanded, times converted into the calendar's own
zone (Windows zone names included), all-day events become untimed posts, and
CATEGORIES are matched to channels and key messages by name. Posts are matched
by uid, so importing the same file twice changes nothing. An event that would
need a guess (a missing UID, a UID used twice, an unknown TZID, a bad date, a
start outside the years a calendar plans) is skipped, said with the line it is
on; the other events come in. A file that is no iCalendar, is cut short or holds
a VTIMEZONE that cannot be read is refused whole. Outlook's all-day events
(written as their zone's midnight, marked X-MICROSOFT-CDO-ALLDAYEVENT) are their
day; another program's HTML DESCRIPTION (Google Calendar's) comes in as text.

What the import relies on:

* Times. Another program's DTSTART is a moment: it is converted into the
  calendar's zone, and a wall-clock time that a daylight-saving change skips or
  repeats reads as RFC 5545 says (the offset before the change; the first of
  the two). Cadence's own DTSTART is written in the calendar's own zone, so
  when it comes back into a calendar of that zone its wall clock is kept as
  written, 02:30 on the spring-forward day included; no separate time property
  is needed. Floating times are wall-clock times (in X-WR-TIMEZONE if given).
* What a file describes. An event carrying X-CADENCE-CHANNEL is Cadence's own
  and describes every field; its channel, key messages and campaign are made
  when missing. Another program's event describes the title, DESCRIPTION, URL,
  date, time and, coarsely, the status (CONFIRMED is scheduled or published);
  on a re-import the key messages, notes, campaign and channel given to the
  post in Cadence stay, so working on imported posts is never undone.
* Occurrences of a recurring event get uids derived from the event's UID and
  RECURRENCE-ID (:func:`occurrence_uid`) and keep both on the post.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import html
import re
import unicodedata
import uuid
import warnings
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr
from icalendar import (
    Calendar,
    Event,
    Timezone,
    vCategory,
    vDDDTypes,
    vDuration,
    vInt,
    vText,
    vUri,
)
from icalendar.parser import Parameters
from icalendar.prop import vBroken, vRecur

from .. import __version__
from ..core import recurrence
from ..core.errors import (
    CadenceError,
    CalendarFileError,
    ImportProblem,
    InvalidInput,
    environment_errors,
    os_problem_for,
)
from ..core.files import write_beside
from ..core.localzone import plain_zone
from ..core.models import (
    CHANNEL_KINDS,
    FIRST_DAY,
    ICS_STATUS,
    LAST_DAY,
    MAX_CADENCE_DAYS,
    OUTSIDE_PLANS,
    WEB_ADDRESS,
    CampaignKind,
    ChangeSet,
    NewPost,
    Post,
    PostStatus,
    Series,
    differs_in_names_only,
    guessed_kind,
    in_plans,
    known_limit,
    line_ends,
    moment_of,
    name_key,
    name_order,
    one_line,
    post_content,
    quoted_names,
    readable_color,
    shortened,
    shown_note,
    shown_note_of,
    shows_nothing,
    spelled_day,
)
from ..core.store import (
    UNKNOWN,
    VERSION_STAMP,
    CalendarStore,
    History,
    PostChanges,
    VersionKey,
    full_edit,
    gone_note,
    key_of,
    shown_sum,
)
from .formats import (
    DELETED_HERE,
    NOTES_WITHHELD,
    ZIP_START,
    Cancelled,
    Conflicts,
    ExportOptions,
    ExportSummary,
    ImportOptions,
    ImportSummary,
    LeftOff,
    Progress,
    apart_note,
    at_our_moment,
    colour_alike,
    descends,
    ics_text,
    import_names,
    kept_to_messages,
    learn_renames,
    no_progress,
    notes_withheld,
    read_alike,
    reconcile,
    reconcile_said,
    same_clock_note,
    same_on_another_clock,
    second_pass,
    second_pass_note,
    selected_posts,
    spanning_note,
    start_from_first_posts,
    stays_deleted,
    take_series_rule,
)
from .vtimezone import vtimezone
from .windows_zones import WINDOWS_TO_IANA, iana_for_windows

PRODID = f"-//Cadence//Cadence {__version__}//EN"


X_CHANNEL = "X-CADENCE-CHANNEL"
X_MESSAGE = "X-CADENCE-MESSAGE"
X_CAMPAIGN = "X-CADENCE-CAMPAIGN"
X_STATUS = "X-CADENCE-STATUS"
X_NOTES = "X-CADENCE-NOTES"
X_LINK = "X-CADENCE-LINK"
X_SERIES = "X-CADENCE-SERIES"
X_EDITED = "X-CADENCE-EDITED"
"""The revision and last edit the event was written from ("3/20261201T100000Z"): other
programs that edit it move LAST-MODIFIED or SEQUENCE and leave this as it was."""
X_SOURCE = "X-CADENCE-SOURCE"
"""The UID (and X-RECURRENCE-ID, the occurrence) of another program's event a post
came from: a calendar that takes the post from Cadence's file finds it again in that
program's next file (its deleted occurrences cancelled, its moved series moved)."""
X_WITHOUT_NOTES = "X-CADENCE-WITHOUT-NOTES"
"""On a calendar written without its posts' notes (private: a file to share): a post of
the file keeps here the notes it has, which the file never carried."""
X_KNOWN_MESSAGES = "X-CADENCE-KNOWN-MESSAGES"
"""The key messages the calendar written knows, each a short digest of its name (any
case; :func:`message_digest`): those a share was narrowed to, else every one it has or
deleted. A post of the file keeps here a key message the file does not list, never seen
there and so not taken off there; a file without it (an earlier release's) is taken as
knowing every one. Digests, not names: a client's file names no other key message."""
X_EARLIER = "X-CADENCE-EARLIER"
"""The versions the written one descends from, latest first, in the same form
("2/20261130T090000Z 1/20261129T170000Z"): at most :data:`EARLIER_WRITTEN` revisions."""
EARLIER_WRITTEN = 32
_READ_AT_MOST = 100 * recurrence.MAX_OCCURRENCES
"""How many occurrences of a rule are read to find those from a year ago on (a daily
rule since 1750 stops there, in a third of a second, with its oldest)."""

_ONCE = (
    "UID",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RECURRENCE-ID",
    "SUMMARY",
    "DESCRIPTION",
    "URL",
    "STATUS",
    X_CHANNEL,
    X_CAMPAIGN,
    X_STATUS,
    X_NOTES,
    X_LINK,
    X_SERIES,
    X_EDITED,
)
"""What an event gives once at most (RFC 5545, and Cadence's own lines): given twice,
the library reads a list, which was taken as the text of the post ("[vText(...)]")."""

TIMED_LENGTH = timedelta(minutes=30)
"""How long a timed post looks in other calendar programs (posts have no duration)."""

OCCURRENCE_NAMESPACE = uuid.UUID("0b6f3c1e-5a2d-5d8e-9f47-2c4a7e9b1d63")
"""Namespace of the uids given to the occurrences of an imported recurring event."""

_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "Universal"})

_BATCH = 2000


def occurrence_uid(source_uid: str, recurrence_id: str) -> str:
    """The uid of one occurrence of an imported recurring event.

    Derived from the event's UID and the occurrence's original start (its
    RECURRENCE-ID), so that importing the file again finds the same post.
    """
    return str(uuid.uuid5(OCCURRENCE_NAMESPACE, f"{source_uid}\n{recurrence_id}"))


# -- TEXT values ---------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


_NO_PARAMS = Parameters()


class _Text(vText):
    """A TEXT value escaped in one pass, as RFC 5545 3.3.11 says.

    icalendar's own escaping first turns a typed backslash followed by ``N``
    into a line break (``C:\\New`` would come back as two lines). Line breaks
    are written as ``\\n``; RFC 5545 allows no control character but the tab, so
    CR LF, a lone CR and a word processor's line and page breaks become line breaks
    too, and other control characters go (:func:`.models.line_ends`). Values
    without parameters share one empty set of them (a large export makes tens of
    thousands).
    """

    def __new__(cls, value: str, params: Parameters = _NO_PARAMS) -> _Text:
        text = str.__new__(cls, value)
        text.params = params
        return text

    def to_ical(self) -> bytes:
        return line_ends(str(self)).translate(_ESCAPES).encode()


def _text(value: str) -> _Text:
    return _Text(value)


class _XParameters(Parameters):
    """Parameters of Cadence's own properties: a key message's statement always in
    quotes, which keep the spaces at its ends (the library trims a value without)."""

    always_quoted = (*Parameters.always_quoted, "X-STATEMENT")  # type: ignore[assignment]


def _x_text(value: str, **params: str | None) -> _Text:
    """An X- property value read back as TEXT (otherwise it comes back still escaped);
    a parameter of None is left out."""
    given = _XParameters({"VALUE": "TEXT"})
    for name, param in params.items():
        if param is not None:
            given[name.replace("_", "-")] = param
    return _Text(value, given)


# -- colours ---------------------------------------------------------------

_CSS_COLOURS_TEXT = """
aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff
beige:f5f5dc bisque:ffe4c4 black:000000 blanchedalmond:ffebcd blue:0000ff
blueviolet:8a2be2 brown:a52a2a burlywood:deb887 cadetblue:5f9ea0 chartreuse:7fff00
chocolate:d2691e coral:ff7f50 cornflowerblue:6495ed cornsilk:fff8dc crimson:dc143c
cyan:00ffff darkblue:00008b darkcyan:008b8b darkgoldenrod:b8860b darkgray:a9a9a9
darkgreen:006400 darkgrey:a9a9a9 darkkhaki:bdb76b darkmagenta:8b008b
darkolivegreen:556b2f darkorange:ff8c00 darkorchid:9932cc darkred:8b0000
darksalmon:e9967a darkseagreen:8fbc8f darkslateblue:483d8b darkslategray:2f4f4f
darkslategrey:2f4f4f darkturquoise:00ced1 darkviolet:9400d3 deeppink:ff1493
deepskyblue:00bfff dimgray:696969 dimgrey:696969 dodgerblue:1e90ff firebrick:b22222
floralwhite:fffaf0 forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc ghostwhite:f8f8ff
gold:ffd700 goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f grey:808080
honeydew:f0fff0 hotpink:ff69b4 indianred:cd5c5c indigo:4b0082 ivory:fffff0 khaki:f0e68c
lavender:e6e6fa lavenderblush:fff0f5 lawngreen:7cfc00 lemonchiffon:fffacd
lightblue:add8e6 lightcoral:f08080 lightcyan:e0ffff lightgoldenrodyellow:fafad2
lightgray:d3d3d3 lightgreen:90ee90 lightgrey:d3d3d3 lightpink:ffb6c1 lightsalmon:ffa07a
lightseagreen:20b2aa lightskyblue:87cefa lightslategray:778899 lightslategrey:778899
lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00 limegreen:32cd32 linen:faf0e6
magenta:ff00ff maroon:800000 mediumaquamarine:66cdaa mediumblue:0000cd
mediumorchid:ba55d3 mediumpurple:9370db mediumseagreen:3cb371 mediumslateblue:7b68ee
mediumspringgreen:00fa9a mediumturquoise:48d1cc mediumvioletred:c71585
midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5 navajowhite:ffdead
navy:000080 oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500 orangered:ff4500
orchid:da70d6 palegoldenrod:eee8aa palegreen:98fb98 paleturquoise:afeeee
palevioletred:db7093 papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f pink:ffc0cb
plum:dda0dd powderblue:b0e0e6 purple:800080 red:ff0000 rosybrown:bc8f8f royalblue:4169e1
saddlebrown:8b4513 salmon:fa8072 sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee
sienna:a0522d silver:c0c0c0 skyblue:87ceeb slateblue:6a5acd slategray:708090
slategrey:708090 snow:fffafa springgreen:00ff7f steelblue:4682b4 tan:d2b48c teal:008080
thistle:d8bfd8 tomato:ff6347 turquoise:40e0d0 violet:ee82ee wheat:f5deb3 white:ffffff
whitesmoke:f5f5f5 yellow:ffff00 yellowgreen:9acd32
"""

CSS_COLOURS: dict[str, str] = {
    name: "#" + value for name, value in (item.split(":") for item in _CSS_COLOURS_TEXT.split())
}
"""The CSS3 colour names RFC 7986's COLOR property takes, with their #rrggbb values."""


def css_colour_name(colour: str) -> str:
    """The CSS3 colour name nearest to ``#rrggbb`` (RFC 7986 COLOR takes names only).

    The exact colour travels in Cadence's own X- properties.
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    best, best_distance = "black", float("inf")
    for name, value in CSS_COLOURS.items():
        r, g, b = (int(value[i : i + 2], 16) for i in (1, 3, 5))
        mean = (red + r) / 2
        # "Redmean" weighting: a cheap approximation of how different colours look.
        distance = (
            (2 + mean / 256) * (red - r) ** 2
            + 4 * (green - g) ** 2
            + (2 + (255 - mean) / 256) * (blue - b) ** 2
        )
        if distance < best_distance:
            best, best_distance = name, distance
    return best


@lru_cache(maxsize=256)
def _colour_from_ical(value: str | None) -> str | None:
    """``#rrggbb`` from a COLOR or X-COLOR value (a CSS name or a hex colour), or None."""
    if not value:
        return None
    text = value.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return text
    return CSS_COLOURS.get(text)


# -- export ------------------------------------------------------------------


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a large calendar is built or read.

    Building or parsing 10,000 events makes about a million small objects that
    no reference cycle holds; the collector would walk the growing heap again
    and again, a third of the whole export. Nothing is leaked: the objects are
    freed by reference counting, and the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _when(value: date | datetime, params: Parameters) -> vDDDTypes:
    """A DATE or DATE-TIME value with its parameters given (VALUE=DATE, or the TZID).

    ``vDDDTypes(value)`` would look the zone's name up among its equivalents on
    every call, which is most of the cost of building a large calendar.
    """
    prop = vDDDTypes.__new__(vDDDTypes)
    prop.dt = value
    prop.params = params
    return prop


def _is_utc(zone: ZoneInfo) -> bool:
    return zone.key in _UTC_NAMES


def _description(body: str, link: str) -> str:
    """DESCRIPTION for other calendar programs: the body, then the link on its own."""
    if body and link:
        return f"{body}\n\n{link}"
    return body or link


def _lasts_days(component: Any) -> bool:
    """Whether an event lasts more than a day (22 to 24 December, a week's fair)."""
    start, end = component.get("DTSTART"), component.get("DTEND")
    try:
        if end is not None:
            first, last = start.dt, end.dt
            if isinstance(first, datetime) != isinstance(last, datetime):
                return False
            if isinstance(first, datetime) and (first.tzinfo is None) != (last.tzinfo is None):
                return False
            span = last - first
        elif component.get("DURATION") is not None:
            span = component.get("DURATION").dt
        else:
            return False
    except (AttributeError, TypeError, ValueError):
        return False  # a date this import reads its own way, or refuses
    return isinstance(span, timedelta) and span > timedelta(days=1)


def _link_from_description(item: _Item, link: str) -> None:
    """The post's ``link`` read back from the end of ``item``'s text, where Cadence's
    DESCRIPTION writes it (:func:`_description`), when the event has no URL of its own:
    Google Calendar and Outlook keep the text and drop URL, and every post came back
    with its link moved into its text."""
    found = _trailing_link(item.body, link)
    if found is not None:
        item.body, item.link = found


def _less_a_line_end(text: str) -> str:
    """``text`` without the one line end a program added after it (Outlook)."""
    for end in ("\r\n", "\n"):
        if text.endswith(end):
            return text[: -len(end)]
    return text


def _trailing_link(text: str, link: str | None = None) -> tuple[str, str] | None:
    """``text`` read as Cadence's DESCRIPTION of a post with a link (:func:`_description`):
    its body and the link on its own at its end (``link``, or any web or mail link), a
    line end some programs add after it aside; None when it does not end so."""
    head, _, last = text.rstrip("\r\n").rpartition("\n\n")
    if (last != link) if link is not None else (WEB_ADDRESS.fullmatch(last) is None):
        return None
    return head, last


def _body_from_description(description: str, link: str) -> str:
    """The body of a DESCRIPTION written by :func:`_description` (other files: as is)."""
    if not link:
        return description
    if description == link:
        return ""
    suffix = "\n\n" + link
    return description[: -len(suffix)] if description.endswith(suffix) else description


_HTML_TAG = re.compile(r"</?(?:br|p|div|span|b|i|u|em|strong|a|ul|ol|li|font)\b[^>]*>", re.I)
_LINK_TAG = re.compile(r'<a\b[^>]*\bhref\s*=\s*"([^"]*)"[^>]*>(.*?)</a\s*>', re.I | re.S)
_LINE_TAG = re.compile(r"<br\s*/?>|</(?:p|div|li)\s*>|<(?:ul|ol)\b[^>]*>", re.I)
_ITEM_TAG = re.compile(r"<li\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # "5 < 6 & 7 > 3" holds none


def _plain_text(description: str) -> str:
    """Another program's DESCRIPTION as text: Google Calendar writes HTML there
    (``<b>``, ``<br>``, links), which would be published as it is. Text that holds no
    such tag is left alone."""
    if not _HTML_TAG.search(description):
        return description

    def link(match: re.Match[str]) -> str:
        target, text = html.unescape(match[1]), _ANY_TAG.sub("", match[2])
        return text if html.unescape(text).strip() in (target, "") else f"{text} ({target})"

    text = _LINK_TAG.sub(link, description)
    text = _LINE_TAG.sub("\n", text)
    text = _ITEM_TAG.sub("• ", text)
    text = html.unescape(_ANY_TAG.sub("", text)).replace("\xa0", " ")
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _EventBuilder:
    """Builds VEVENTs for posts of one calendar; names, colours and the property
    objects they make are looked up once per calendar, not once per post."""

    def __init__(
        self,
        store: CalendarStore,
        histories: Mapping[int, History] | None = None,
        *,
        notes: bool = True,
    ) -> None:
        zone = store.zone
        self._histories = histories or {}
        self._notes = notes
        self.zone: tzinfo = UTC if _is_utc(zone) else zone
        self._utc_params = Parameters()
        self._date_params = Parameters({"VALUE": "DATE"})
        self._zone_params = Parameters() if _is_utc(zone) else Parameters({"TZID": zone.key})
        # Property values and parameters are shared between events (a stamp, a day's
        # start, a channel): the calendar is built to be serialised, not edited.
        self._stamps: dict[datetime, vDDDTypes] = {}
        self._sequences: dict[int, vInt] = {}
        self._spans: dict[tuple[date, time | None], tuple[vDDDTypes, vDDDTypes | vDuration]] = {}
        self.store = store
        self.channels = {c.id: c for c in store.channels(include_archived=True)}
        self.messages = {m.id: m for m in store.key_messages(include_archived=True)}
        self.campaigns = {c.id: c for c in store.campaigns()}
        self._channel_props: dict[int, tuple[_Text, vText]] = {}
        self._message_props: dict[int, _Text] = {}
        self._campaign_props: dict[int, _Text] = {}
        self._categories: dict[tuple[int, tuple[int, ...]], vCategory] = {}
        self._series: dict[int, Series | None] = {}
        self._status = {
            status: (vText(ICS_STATUS[status]), _x_text(status.value)) for status in PostStatus
        }
        self._transparent = vText("TRANSPARENT")
        self._true = vText("TRUE")

    def _channel(self, channel_id: int) -> tuple[_Text, vText]:
        props = self._channel_props.get(channel_id)
        if props is None:
            channel = self.channels[channel_id]
            colour = readable_color(channel.color)
            props = self._channel_props[channel_id] = (
                _x_text(channel.name, X_KIND=channel.kind, X_COLOR=colour),
                vText(css_colour_name(colour) if colour else "gray"),
            )
        return props

    def _message(self, message_id: int) -> _Text:
        prop = self._message_props.get(message_id)
        if prop is None:
            message = self.messages[message_id]
            prop = self._message_props[message_id] = _x_text(
                message.title,
                X_DAYS=str(message.cadence_days),
                X_COLOR=readable_color(message.color),
            )
        return prop

    def _campaign(self, campaign_id: int) -> _Text:
        prop = self._campaign_props.get(campaign_id)
        if prop is None:
            campaign = self.campaigns[campaign_id]
            prop = self._campaign_props[campaign_id] = _x_text(
                campaign.name, X_KIND=campaign.kind.value, X_COLOR=readable_color(campaign.color)
            )
        return prop

    def describe(self, cal: Calendar) -> None:
        """Add to ``cal`` what the events' channels, key messages and campaigns are
        beyond their names (a channel's character limit, a message's statement and
        dates...), so that a calendar importing the file makes them as they are here."""
        channels = [self.channels[i] for i in sorted(self._channel_props)]
        messages = [self.messages[i] for i in sorted(self._message_props)]
        campaigns = [self.campaigns[i] for i in sorted(self._campaign_props)]
        if channels:
            cal[X_CHANNEL] = [
                _x_text(
                    c.name,
                    X_KIND=c.kind,
                    X_COLOR=readable_color(c.color),
                    **({"X_LIMIT": str(c.char_limit)} if c.char_limit else {}),
                    **({"X_ARCHIVED": "TRUE"} if c.archived else {}),
                )
                for c in channels
            ]
        if messages:
            cal[X_MESSAGE] = [
                _x_text(
                    m.title,
                    X_DAYS=str(m.cadence_days),
                    X_COLOR=readable_color(m.color),
                    X_PRIORITY=str(m.priority),
                    **_range_params(m.starts_on, m.ends_on),
                    **({"X_STATEMENT": m.statement} if m.statement else {}),
                    **({"X_ARCHIVED": "TRUE"} if m.archived else {}),
                )
                for m in messages
            ]
        if campaigns:
            cal[X_CAMPAIGN] = [
                _x_text(
                    c.name,
                    X_KIND=c.kind.value,
                    X_COLOR=readable_color(c.color),
                    **_range_params(c.starts_on, c.ends_on),
                )
                for c in campaigns
            ]

    def _category_list(self, channel_id: int, message_ids: tuple[int, ...]) -> vCategory:
        key = (channel_id, message_ids)
        categories = self._categories.get(key)
        if categories is None:
            names = [self.channels[channel_id].name]
            names.extend(self.messages[m].title for m in message_ids)
            categories = self._categories[key] = vCategory([])
            categories.cats = [_text(name) for name in names]
        return categories

    def _series_prop(self, post: Post) -> _Text | None:
        assert post.series_id is not None
        if post.series_id not in self._series:
            try:
                self._series[post.series_id] = self.store.series(post.series_id)
            except CadenceError:
                self._series[post.series_id] = None
        series = self._series[post.series_id]
        if series is None:
            return None
        params = {
            "X_RRULE": series.rrule,
            "X_ANCHOR": series.anchor.strftime("%Y%m%d"),
        }
        if series.anchor_time is not None:
            params["X_TIME"] = series.anchor_time.strftime("%H%M")
        if series.exdates:
            params["X_EXDATES"] = " ".join(d.strftime("%Y%m%d") for d in series.exdates)
        if post.occurrence is not None:
            params["X_OCCURRENCE"] = post.occurrence.strftime("%Y%m%d")
        return _x_text(str(series.id), **params)

    def _sequence(self, number: int) -> vInt:
        prop = self._sequences.get(number)
        if prop is None:
            prop = self._sequences[number] = vInt(number)
        return prop

    def _stamp(self, moment: datetime) -> vDDDTypes:
        prop = self._stamps.get(moment)
        if prop is None:
            prop = self._stamps[moment] = _when(moment.astimezone(UTC), self._utc_params)
        return prop

    def _span(self, day: date, at: time | None) -> tuple[vDDDTypes, vDDDTypes | vDuration]:
        """DTSTART, and DTEND or (where a wall clock cannot say the end) DURATION."""
        key = (day, at)
        span = self._spans.get(key)
        if span is None:
            if at is None:
                span = (
                    _when(day, self._date_params),
                    _when(day + timedelta(days=1), self._date_params),
                )
            else:
                start = datetime.combine(day, at, tzinfo=self.zone)
                ends = start.astimezone(UTC) + TIMED_LENGTH  # the same length as a moment
                end = start + TIMED_LENGTH  # on the wall clock, as it reads nearly always
                if end.astimezone(UTC) != ends:
                    # Around a daylight-saving change: 02:30 read with the offset before
                    # the clocks skip an hour ends at 04:00; 02:30 as they go back ends at
                    # the second 02:00 after it, which a wall clock cannot say.
                    end = ends.astimezone(self.zone).replace(fold=0)
                if end.astimezone(UTC) == ends:
                    span = (_when(start, self._zone_params), _when(end, self._zone_params))
                else:
                    span = (_when(start, self._zone_params), vDuration(TIMED_LENGTH))
            self._spans[key] = span
        return span

    def event(self, post: Post) -> Event:
        """The VEVENT of a dated post."""
        assert post.date is not None
        stamp = self._stamp(post.updated_at)
        start, end = self._span(post.date, post.time)
        ics_status, x_status = self._status[post.status]
        channel_prop, colour = self._channel(post.channel_id)
        # Collected in a plain dict and handed to Event() at once: setting properties
        # one by one costs a case-folding lookup each, a fifth of the whole build.
        props: dict[str, Any] = {
            "UID": _text(post.uid),
            "DTSTAMP": stamp,
            "LAST-MODIFIED": stamp,
            "CREATED": self._stamp(post.created_at),
            "SEQUENCE": self._sequence(post.revision - 1),
            "SUMMARY": _text(post.title),
            "DTSTART": start,
            "DURATION" if isinstance(end, vDuration) else "DTEND": end,
            "STATUS": ics_status,
            "TRANSP": self._transparent,
            "CATEGORIES": self._category_list(post.channel_id, post.message_ids),
            "COLOR": colour,
            X_CHANNEL: channel_prop,
            X_STATUS: x_status,
            X_EDITED: vText(f"{post.revision}/{_utc_text(post.updated_at)}/{_checksum(post)}"),
        }
        history = self._histories.get(post.id)
        if history is not None and history.versions:
            props[X_EARLIER] = vText(_earlier_text(history))
        description = _description(post.body, post.link)
        if description:
            props["DESCRIPTION"] = _text(description)
        if post.link:
            if WEB_ADDRESS.fullmatch(post.link):
                props["URL"] = vUri(post.link)
            props[X_LINK] = _x_text(post.link)
        if post.message_ids:
            props[X_MESSAGE] = [self._message(m) for m in post.message_ids]
        if post.campaign_id is not None:
            props[X_CAMPAIGN] = self._campaign(post.campaign_id)
        if post.notes and self._notes:
            props[X_NOTES] = _x_text(post.notes)
        elif self._notes and notes_withheld(post.notes, self._histories.get(post.id)):
            props[X_WITHOUT_NOTES] = self._true  # none were shared with it: none to give
        if post.source_uid:
            source = vText(post.source_uid)
            if post.recurrence_id:
                source.params["X-RECURRENCE-ID"] = post.recurrence_id
            props[X_SOURCE] = source
        if post.series_id is not None:
            series = self._series_prop(post)
            if series is not None:
                props[X_SERIES] = series
        return Event(props)


def _new_calendar(store: CalendarStore, first: date | None, last: date | None) -> Calendar:
    info = store.info()
    cal = Calendar()
    cal["PRODID"] = vText(PRODID)
    cal["VERSION"] = vText("2.0")
    cal["CALSCALE"] = vText("GREGORIAN")
    cal["NAME"] = _text(info.name)
    cal["X-WR-CALNAME"] = _text(info.name)
    cal["X-WR-TIMEZONE"] = vText(info.timezone)
    zone = store.zone
    empty = first is None or last is None
    if first is None or last is None:
        # No event: the calendar's zone is the file's one component, of which a calendar
        # file has at least one (RFC 5545); programs refuse one without.
        first = last = store.today()
    if empty or not _is_utc(zone):
        # The VTIMEZONE covers the posts' years (and one on each side), not 1970-2038.
        cal.add_component(
            vtimezone(
                zone, date(max(first.year - 1, 1), 1, 1), date(min(last.year + 2, 9999), 1, 1)
            )
        )
    return cal


def _build_calendar(
    store: CalendarStore,
    posts: Sequence[Post],
    progress: Progress = no_progress,
    known_messages: Iterable[str] | None = None,
    *,
    notes: bool = True,
) -> Calendar:
    """The calendar of ``posts``; the key messages it knows (:data:`X_KNOWN_MESSAGES`),
    by name, when given; without ``notes``, none of its posts' notes
    (:data:`X_WITHOUT_NOTES`)."""
    cal, builder, dated = _calendar_for(store, posts, notes=notes)
    add = cal.subcomponents.append
    for event in _events(builder, dated, progress):
        add(event)
    _describe(cal, builder, known_messages, notes=notes)
    return cal


def _calendar_for(
    store: CalendarStore, posts: Sequence[Post], *, notes: bool
) -> tuple[Calendar, _EventBuilder, list[Post]]:
    """The calendar of ``posts`` with no event yet (its VTIMEZONE, for their years),
    the builder of their events, and those dated (the ones it takes)."""
    dated = [p for p in posts if p.date is not None]
    days = [p.date for p in dated if p.date is not None]
    cal = _new_calendar(store, min(days, default=None), max(days, default=None))
    return cal, _EventBuilder(store, store.history(dated), notes=notes), dated


def _events(builder: _EventBuilder, dated: Sequence[Post], progress: Progress) -> Iterator[Event]:
    """Each post's VEVENT, progress told (and a cancel taken) on the way.

    Occurrences of a recurring post are real posts with uids of their own: each is
    written as its own VEVENT, never as an RRULE, so that other programs show exactly
    the posts that exist (an edited or deleted occurrence included). X-CADENCE-SERIES
    lets Cadence put the series back together."""
    total = len(dated)
    for done, post in enumerate(dated):
        if done % 500 == 0 and not progress(done, total):
            raise Cancelled()
        yield builder.event(post)


def _describe(
    cal: Calendar,
    builder: _EventBuilder,
    known_messages: Iterable[str] | None,
    *,
    notes: bool,
) -> None:
    """The calendar's own properties, once its events were made: what their channels,
    key messages and campaigns are (:meth:`_EventBuilder.describe`), the key messages
    it knows, and whether it was written without notes."""
    builder.describe(cal)
    if known_messages is not None:
        digests = sorted({message_digest(name_key(name)) for name in known_messages})
        cal[X_KNOWN_MESSAGES] = _x_text(" ".join(digests))
    if not notes:
        cal[X_WITHOUT_NOTES] = vText("TRUE")


def _calendar_parts(
    store: CalendarStore,
    posts: Sequence[Post],
    progress: Progress = no_progress,
    known_messages: Iterable[str] | None = None,
    *,
    notes: bool = True,
) -> list[bytes]:
    """The text of :func:`_build_calendar`'s calendar in parts: each event's text made
    as the event is, and the event let go (made whole first, 100,000 posts' events held
    750 MB at once); the calendar's own lines first, known once every event is made."""
    cal, builder, dated = _calendar_for(store, posts, notes=notes)
    written = [b""]
    written.extend(bytes(event.to_ical()) for event in _events(builder, dated, progress))
    _describe(cal, builder, known_messages, notes=notes)
    shell = bytes(cal.to_ical())  # its properties and VTIMEZONE, then END:VCALENDAR
    assert shell.endswith(_END)
    written[0] = shell[: -len(_END)]
    written.append(_END)
    return written


def _range_params(first: date | None, last: date | None) -> dict[str, str]:
    found = {}
    if first is not None:
        found["X_START"] = first.strftime("%Y%m%d")
    if last is not None:
        found["X_END"] = last.strftime("%Y%m%d")
    return found


def posts_to_calendar(store: CalendarStore, posts: Sequence[Post]) -> Calendar:
    """One VEVENT per dated post, in the calendar's time zone (undated posts are skipped).

    Events share property values (a channel's, a day's start): serialise the
    calendar, do not edit it in place.
    """
    return _build_calendar(store, posts)


_END = b"END:VCALENDAR\r\n"

_TELL_EVERY_S = 0.1
"""How often an import tells its progress while the library reads the file."""


def posts_to_ics(store: CalendarStore, posts: Sequence[Post]) -> bytes:
    """The iCalendar text of ``posts`` for drag and drop and the clipboard: as they were
    copied, less the key messages and campaigns deleted since (and the posts whose
    channel went with them), read when another program asks. Without their notes
    (:data:`X_WITHOUT_NOTES`): private to the calendar, they stay when a paste into
    another calendar copies the posts, and went along to any program given this."""
    channels = {c.id for c in store.channels(include_archived=True)}
    messages = {m.id for m in store.key_messages(include_archived=True)}
    campaigns = {c.id for c in store.campaigns()}
    kept = [
        dataclasses.replace(
            post,
            message_ids=tuple(m for m in post.message_ids if m in messages),
            campaign_id=post.campaign_id if post.campaign_id in campaigns else None,
        )
        for post in posts
        if post.channel_id in channels
    ]
    return b"".join(_calendar_parts(store, kept, notes=False))


def _write_file(target: Path, data: bytes | Sequence[bytes]) -> None:
    """Write beside the target, then rename over it: a full disk never leaves half a file."""
    if not target.parent.is_dir():
        raise CalendarFileError(f"The folder {target.parent} does not exist.")
    try:
        write_beside(target, data)
    except OSError as exc:
        raise os_problem_for(exc, str(target)) from exc


def export_ics(
    store: CalendarStore, target: Path, options: ExportOptions, progress: Progress
) -> ExportSummary:
    """Write the dated posts that ``options`` accepts to ``target`` as iCalendar."""
    target = store.export_target(target)
    accepted = selected_posts(store, options)
    posts = kept_to_messages([p for p in accepted if p.date is not None], options)
    total = len(posts)
    # The key messages the file knows: those chosen, else every one of the calendar
    # and those deleted. A post carrying one the file does not know keeps it when the
    # file comes back (a client's calendar made of a share narrowed to some never saw
    # the others).
    messages = store.key_messages(include_archived=True)
    if options.message_ids:
        known = [m.title for m in messages if m.id in options.message_ids]
    else:
        known = [*(m.title for m in messages), *store.deleted_names("message")]
    with _without_cycle_collection():
        data = _calendar_parts(store, posts, progress, known, notes=options.notes)
    if not progress(total, total):
        raise Cancelled()
    _write_file(target, data)
    return ExportSummary(posts=len(posts), files=[target], undated=len(accepted) - len(posts))


# -- import: reading the file ---------------------------------------------------


class _Layout:
    """Where things are in the raw text, for messages that name a line.

    Scanned only when a message needs a line: an import without problems
    never pays for it. Lines are counted as written (a folded line counts as
    the line it starts on).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._events: list[tuple[int, dict[str, int]]] | None = None
        self._timezones: dict[str, int] = {}
        self._others: list[tuple[str, int]] = []
        self._unclosed: tuple[str, int] | None = None

    def _scan(self) -> list[tuple[int, dict[str, int]]]:
        if self._events is not None:
            return self._events
        events: list[tuple[int, dict[str, int]]] = []
        stack: list[tuple[str, int]] = []
        props: dict[str, int] | None = None
        for number, raw in enumerate(self._text.split("\n"), start=1):
            if not raw or raw[0] in " \t":
                continue  # a folded continuation, or a blank line
            line = raw.rstrip("\r")
            cut = min((i for i in (line.find(":"), line.find(";")) if i >= 0), default=-1)
            name = (line if cut < 0 else line[:cut]).strip().upper()
            value = line[cut + 1 :].strip() if cut >= 0 else ""
            inside = stack[-1][0] if stack else ""
            if name == "BEGIN":
                kind = value.upper()
                stack.append((kind, number))
                if inside == "VCALENDAR":
                    if kind == "VEVENT":
                        props = {}
                        events.append((number, props))
                    elif kind != "VTIMEZONE":
                        self._others.append((kind, number))
            elif name == "END":
                if not stack or inside != value.upper():
                    if self._unclosed is None and stack:
                        self._unclosed = stack[-1]
                    if not stack:
                        continue
                stack.pop()
                if inside == "VEVENT":
                    props = None
            elif inside == "VTIMEZONE" and name == "TZID":
                self._timezones.setdefault(value, number)
            elif props is not None and inside == "VEVENT":
                props.setdefault(name, number)
        if stack and self._unclosed is None:
            self._unclosed = stack[-1]
        self._events = events
        return events

    def event_line(self, index: int) -> int:
        events = self._scan()
        return events[index][0] if index < len(events) else 1

    def property_line(self, index: int, name: str) -> int:
        events = self._scan()
        if index >= len(events):
            return 1
        begin, props = events[index]
        return props.get(name, begin)

    def line_starting(self, fragment: str, after: int) -> int:
        """The first line after line ``after`` that starts with ``fragment`` (else ``after``)."""
        lines = self._text.split("\n")
        for number in range(after, len(lines)):
            if lines[number].rstrip("\r").startswith(fragment):
                return number + 1
        return after

    def timezone_line(self, tzid: str) -> int:
        self._scan()
        return self._timezones.get(tzid, 1)

    def line_said(self, said: str) -> int | None:
        """The line the library's account of a file it could not read points at: an END
        with no BEGIN, the property or value it quotes ("Wrong datetime format:
        16011028T030000x"); None where it points at none (its words alone named no
        line)."""
        lines = [(n, raw.rstrip("\r")) for n, raw in enumerate(self._text.split("\n"), 1)]
        lines = [(n, line) for n, line in lines if line and line[0] not in " \t"]
        if said.startswith("END encountered without"):
            kinds: list[str] = []  # the first END closing no BEGIN of its kind
            for number, line in lines:
                name, _, kind = (part.strip().upper() for part in line.partition(":"))
                if name == "BEGIN":
                    kinds.append(kind)
                elif name == "END" and (not kinds or kinds.pop() != kind):
                    return number
            return None
        quoted = _SAID_PROPERTY.search(said)
        if quoted is not None:  # a property outside every component
            name, depth = quoted[1].upper(), 0
            for number, line in lines:
                word = line.partition(":")[0].strip().upper()
                depth += (word == "BEGIN") - (word == "END")
                if depth <= 0 and re.match(rf"{re.escape(name)}[:;]", line, re.I):
                    return number
            return None
        quoted = _SAID_LINE.search(said)
        if quoted is not None:
            return next((n for n, line in lines if line.startswith(quoted[1])), None)
        quoted = _SAID_VALUE.search(said)
        if quoted is not None and quoted[1].strip():
            value = quoted[1].strip()
            return next((n for n, line in lines if _value_of(line).strip() == value), None)
        return None

    def other_components(self) -> list[tuple[str, int]]:
        self._scan()
        return self._others

    def unclosed(self) -> tuple[str, int] | None:
        """The component that is never closed (a file cut short), with its BEGIN line."""
        self._scan()
        return self._unclosed


_SAID_PROPERTY = re.compile(r'^Property "([^"]+)"')
_SAID_LINE = re.compile(r"^Content line could not be parsed into parts: '([^']+)'")
_SAID_VALUE = re.compile(r"(?:[Gg]ot:|format:?) '?(.*?)'?$")
"""What the library's accounts of a file quote: a property, a line, a value."""


def _value_of(line: str) -> str:
    """A content line's value: what follows its first colon outside quotes."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[index + 1 :]
    return ""


def _location_note(location: str) -> str:
    """A new post's notes from another program's event: where it takes place."""
    return f"Location: {location}" if location else ""


@dataclass(slots=True)
class _Item:
    """One post the file describes: an event, or one occurrence of a recurring event."""

    uid: str
    event: int
    """Index of the VEVENT it comes from, in file order (for messages by line)."""
    own: bool
    """Cadence's own event: the X-CADENCE properties describe every field of the post."""
    title: str
    body: str
    link: str
    day: date
    at: time | None
    status: PostStatus
    keep_status: frozenset[PostStatus]
    """An existing post whose status is one of these keeps it (other programs' STATUS
    says less than Cadence's: CONFIRMED is scheduled or published)."""
    notes: str = ""
    notes_withheld: bool = False
    """The event, or the whole file, was written without its post's notes
    (:data:`X_WITHOUT_NOTES`)."""
    location: str = ""
    """Another program's LOCATION (an event's venue), which a new post keeps in its
    notes (it went nowhere, unsaid)."""
    as_written: str | None = None
    """The body before its HTML was read as text (another program's DESCRIPTION), when
    that changed it: a post here with that very body keeps it (a newsletter's HTML of
    Cadence's, back from Google Calendar without Cadence's own properties)."""
    channel: tuple[str, str | None, str | None] | None = None
    """(name, kind, #colour) from X-CADENCE-CHANNEL."""
    messages: tuple[tuple[str, int | None, str | None], ...] = ()
    """(title, cadence days, #colour) from X-CADENCE-MESSAGE."""
    campaign: tuple[str, str | None, str | None] | None = None
    categories: tuple[str, ...] = ()
    colour: str | None = None
    source: tuple[str | None, str | None] = (None, None)
    carried: tuple[str | None, str | None] = (None, None)
    """The other program's event Cadence's own event says its post came from
    (X-CADENCE-SOURCE): kept by the post made, read by no withdrawal of this file."""
    series: tuple[str, str, date, time | None, tuple[date, ...], date | None] | None = None
    """(key, rule, anchor, anchor time, exdates, occurrence) from X-CADENCE-SERIES."""
    edited: tuple[datetime, int] | None = None
    """The post's last edit and revision when Cadence wrote the file (to the second),
    from X-CADENCE-EDITED, else from LAST-MODIFIED and SEQUENCE."""
    earlier: History | None = None
    """What the file says of the versions ``edited`` came from (X-CADENCE-EARLIER);
    None: nothing."""
    touched: datetime | None = None
    """When another program last edited the event since (its LAST-MODIFIED), if it did."""
    whole: bool = False
    """An occurrence of a recurring event whose every occurrence is in the file (its rules
    end, and none was cut at a limit)."""
    read_from: str | None = None
    """Of an occurrence of a recurring event whose rule the file has, the first occurrence
    read (its RECURRENCE-ID as canonical) where those before were left out (more than a
    series holds), else "" (every one from the rule's first): None for one the file
    gives without its rule (an invitation's one changed occurrence says nothing of
    the others)."""
    written: bool = False
    """``edited`` is a version Cadence wrote (X-CADENCE-EDITED)."""
    wall: tuple[date, time | None] | None = None
    """Cadence's own event's day and time as written, on its own zone's clock."""
    wall_zone: tzinfo | None = None
    """That zone (another than this calendar's), where ``wall`` is given."""
    checksum: str | None = None
    """What that version showed, as X-CADENCE-EDITED tells it (None: not told)."""
    changed: str = ""
    """The event's LAST-MODIFIED and SEQUENCE as the file gives them (empty: none)."""
    modified: datetime | None = None
    """The event's LAST-MODIFIED, when it is a date-time."""
    sequence: int | None = None
    """The event's SEQUENCE (its revision there), when it gives one."""
    moved: bool = False
    """Its time of day reads differently here than in the file (another zone's moment)."""
    start: str = ""
    """Its start as the file gives it, whatever this calendar's zone: the moment in UTC,
    a floating wall-clock time, or a day."""

    def notes_kept(self, shown: str | None = None) -> list[str]:
        """The notes a post keeps of this event as it comes in; ``shown``, what the post
        shows when that is not the event's reading (a time the clocks skip, kept)."""
        notes = [self.said(), shown or self.shown()]
        if self.sequence is not None:
            notes.append(f"sequence:{self.sequence:09d}")
        if self.modified is not None:
            stamp = _utc_text(self.modified)
            notes += [f"modified:{stamp}", self.came(stamp, shown or self.shown())]
        return notes

    def came(self, stamp: str, shown: str) -> str:
        """A note of what the event showed (``shown``) and its categories (a post's
        channel and key messages) when it came in with LAST-MODIFIED ``stamp``."""
        categories = "\x1f".join(sorted({c.casefold() for c in self.categories}))
        return f"came:{stamp}|{shown}|{categories}"

    def said(self) -> str:
        """What the event says, as a note on the post it came into (:func:`.models.shown_note`,
        with its start as the file gives it and when the other program last changed it):
        the same note again means the same event again, even where its fields went back
        to what they were before, and after this calendar's zone was changed."""
        shown = shown_note(self.title, self.body, self.link, None, None, self.status)
        return f"said:{zlib.crc32(f'{shown}|{self.start}|{self.changed}'.encode()):08x}"

    def said_here(self) -> str:
        """:meth:`said` as earlier releases noted it: with the start on this calendar's
        clock (the same event again reads so while the calendar keeps its zone)."""
        shown = shown_note(self.title, self.body, self.link, self.day, self.at, self.status)
        return f"said:{zlib.crc32(f'{shown}|{self.changed}'.encode()):08x}"

    def said_in(self, notes: Collection[str]) -> str:
        """The note of what the event says as ``notes`` keep it, if they do in either
        form; else :meth:`said`."""
        here = self.said_here()
        return here if here in notes else self.said()

    def shown(self) -> str:
        return shown_note(self.title, self.body, self.link, self.day, self.at, self.status)

    def shown_notes(self) -> set[str]:
        """:meth:`shown`, and the same as a file written before control characters
        counted as line ends says it (a word processor's line break in the text), on
        this calendar's clock and on the clock it was written on (Cadence's own event
        from before this calendar's zone was changed)."""
        notes = set()
        for day, at in {(self.day, self.at), self.wall or (self.day, self.at)}:
            fields = (self.title, self.body, self.link, day, at, self.status)
            notes |= {shown_note(*fields), shown_note(*fields, with_controls=True)}
        return notes


@dataclass(slots=True)
class _Zones:
    """The zones of one calendar (VCALENDAR) of a file."""

    floating: tzinfo | None
    """Its X-WR-TIMEZONE: where its floating times are."""
    file_zones: dict[str, Any]
    """Its VTIMEZONEs, by TZID."""
    named: dict[str, tzinfo | None]
    """The zones its TZIDs name, as read."""


@dataclass(slots=True)
class _Parsed:
    """A VEVENT with its dates read and checked."""

    index: int
    component: Any
    uid: str
    start: date | datetime
    """The wall-clock start in ``tz`` (naive), or a date for an all-day event."""
    tz: tzinfo | None
    """The start's zone; None for an all-day event or a floating time."""
    rid: str | None
    """The RECURRENCE-ID in canonical form (UTC when its zone is known)."""
    day_zone: tzinfo | None = None
    """The zone whose midnight an all-day event's days are written as (Outlook's), in
    which a moment in UTC its rule ends on, or a day it leaves out, is one of its days."""


_NOT_EVENTS = {"VTODO": "a to-do (VTODO)", "VJOURNAL": "a journal entry (VJOURNAL)"}

_DATE_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE", "RRULE", "DURATION")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


_UTC_TEXT = VERSION_STAMP  # a version's stamp is iCalendar's UTC date-time
"""A moment in UTC as iCalendar writes it, to the second."""


def _modified(component: Any) -> datetime | None:
    """LAST-MODIFIED as a moment, or None (absent, floating, or no date-time at all)."""
    try:
        stamp = getattr(component.get("LAST-MODIFIED"), "dt", None)
    except ValueError:  # a LAST-MODIFIED that is no date-time
        return None
    if isinstance(stamp, datetime) and stamp.tzinfo is not None:
        return stamp.astimezone(UTC)
    return None


def _sequence(component: Any) -> int | None:
    """SEQUENCE as a number from 0, or None (absent or no number)."""
    try:
        number = int(str(component.get("SEQUENCE", "")).strip())
    except ValueError:
        return None
    return number if 0 <= number < 10**9 else None


def _stamp_text(prop: Any) -> str:
    """A date-time property as the file gives it (empty when there is none)."""
    to_ical = getattr(prop, "to_ical", None)
    return to_ical().decode("ascii", "replace") if to_ical is not None else ""


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_UTC_TEXT)


def _made_by_event(items: Sequence[_Item]) -> dict[str, set[str]]:
    """The RECURRENCE-IDs of the occurrences of each recurring event of another program
    that the file makes, by the event's UID."""
    made: dict[str, set[str]] = {}
    for item in items:
        source, rid = item.source
        if source is not None and rid is not None:
            made.setdefault(source, set()).add(rid)
    return made


_SPLIT_UID = re.compile(r"^(?P<base>.+)_R\d{8}(?:T\d{6}Z?)?(?P<domain>@.*)?$")
"""Google's UID for the following part of a recurring event split by "this and
following": the event's own, "_R" and the day the part starts ("…_R20270201T080000@google.com")."""


def _split_from(source: str, sources: Collection[str]) -> str | None:
    """The recurring event of the file that ``source`` was split from, if any."""
    found = _SPLIT_UID.match(source)
    if found is None:
        return None
    origin = found["base"] + (found["domain"] or "")
    return origin if origin != source and origin in sources else None


def _rid_moment(rid: str) -> datetime:
    """A RECURRENCE-ID as :func:`_canonical` writes it, as a moment to order and compare
    (a date at midnight; a floating time and a UTC one alike)."""
    text = rid.rstrip("Z")
    try:
        return datetime.strptime(text, "%Y%m%dT%H%M%S" if "T" in text else "%Y%m%d")
    except ValueError:
        return datetime.min


def _moment(value: datetime, tz: tzinfo) -> datetime:
    """``value``, a wall-clock time on ``tz``'s clock, as a moment. A time the clocks skip
    reads with the offset before the change (RFC 5545 3.3.5), as an IANA zone gives it;
    a zone a file describes itself (Outlook's "Customized Time Zone") gave the offset
    after it, an hour early."""
    moment = value.replace(tzinfo=tz)
    if isinstance(tz, ZoneInfo) or moment.astimezone(UTC).astimezone(tz).replace(
        tzinfo=None
    ) == value.replace(tzinfo=None):
        return moment
    before = tz.utcoffset(value - timedelta(days=1))  # no zone changes twice in a day
    return moment if before is None else (value - before).replace(tzinfo=UTC)


def _canonical(value: date | datetime, tz: tzinfo | None) -> str:
    """A RECURRENCE-ID as text: a date, a floating time, or a UTC moment."""
    if not isinstance(value, datetime):
        return value.strftime("%Y%m%d")
    if tz is None:
        return value.strftime("%Y%m%dT%H%M%S")
    return _utc_text(_moment(value, tz))


_ALL_DAY_FLAGS = ("X-MICROSOFT-CDO-ALLDAYEVENT", "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT")


def _written_all_day(event: Any, start: Any) -> date | None:
    """The day of an event Outlook or Exchange marks all-day but writes as the midnight
    of its own zone (``DTSTART;TZID=...:20270320T000000``): that day, whatever the
    calendar's zone (converted, it was a post at 05:00, or on the day before)."""
    value = start.dt
    if not isinstance(value, datetime) or value.time() != time(0):
        return None
    if not any(str(event.get(flag, "")).strip().upper() == "TRUE" for flag in _ALL_DAY_FLAGS):
        return None
    return value.date()


class _EventRefused(ImportProblem):
    """One event cannot be read without a guess: it is skipped, the rest come in."""

    spoils_series = True
    """Whether the other events of its UID are left out too (not for a UID used again:
    the event that first had it is whole)."""


class _Reader:
    """Reads an iCalendar file into :class:`_Item` records, skipping (and saying) each
    event that needs a guess."""

    def __init__(
        self, source: Path, text: str, zone: ZoneInfo, today: date, progress: Progress
    ) -> None:
        self.source = source
        self.text = text
        self.zone = zone
        self.today = today
        self.progress = progress
        self.layout = _Layout(text)
        self.skipped: list[str] = []
        self.endless: dict[str, str] = {}
        """Of each recurring event without end, by UID: the note that says how far it
        was read (said when any of its posts is in the calendar)."""
        self.spanning: dict[int, str | None] = {}
        """By event, of other programs' events, the title of one that lasts several days
        (None: not): each comes in as a post on its first day, which the summary says.
        Looked at once per event, not per occurrence."""
        self.second_pass: dict[int, tuple[str, date, time]] = {}
        """By event, one that starts at the second pass of a time the clocks go back over
        (its title, day and time here): kept on the wall clock, which says the first."""
        self._zones: dict[str, tzinfo | None] = {}
        self._file_zones: dict[str, Any] = {}
        self.floating: tzinfo | None = None
        """The zone of the calendar (VCALENDAR) whose event is being read, as are
        ``_zones`` and ``_file_zones`` (:meth:`_in_calendar_of`)."""
        self._zones_of: list[_Zones] = []
        """By event, in the file's order, the zones of the calendar it is in."""
        self._any_file_zones: dict[str, Any] = {}
        """Every VTIMEZONE of the file, the first of each TZID."""
        self.described: _Described = {}
        self.known_messages: frozenset[str] | None = None
        """The key messages the file knows (:func:`_known_digests`)."""
        self.without_notes = False
        """Whether the file was written without its posts' notes (:data:`X_WITHOUT_NOTES`)."""
        self.total = 0
        """Progress runs over three steps per event: checking, expanding, writing."""

    # -- problems ----------------------------------------------------------------

    def refuse(
        self, message: str, index: int, prop: str | None = None, *, spoils_series: bool = True
    ) -> _EventRefused:
        """A problem with one event (at its line, or its property's): the event is
        skipped, said in :attr:`skipped`; the others come in (of its UID, only with
        ``spoils_series`` off)."""
        line = (
            self.layout.property_line(index, prop)
            if prop is not None
            else self.layout.event_line(index)
        )
        refused = _EventRefused(message, line=line)
        refused.spoils_series = spoils_series
        return refused

    def skip(self, problem: ImportProblem) -> None:
        self.skipped.append(f"line {problem.line}: {problem.problem.rstrip('.')}; not imported")

    # -- time zones -------------------------------------------------------------

    def _in_calendar_of(self, index: int) -> None:
        """Read the times of the event ``index`` in the zones of its own calendar."""
        if index < len(self._zones_of):
            zones = self._zones_of[index]
            self.floating, self._file_zones = zones.floating, zones.file_zones
            self._zones = zones.named

    def _zone_named(self, tzid: str) -> tzinfo | None:
        if tzid in self._zones:
            return self._zones[tzid]
        found: tzinfo | None = None
        name = tzid.strip().strip('"').strip()
        candidates = [name]
        windows = iana_for_windows(name)
        if windows is not None:
            candidates.insert(0, windows)
        if name.startswith("/"):
            # A "globally unique" TZID (/mozilla.org/20070129_1/Europe/Berlin): the IANA
            # name is its tail.
            parts = name.strip("/").split("/")
            candidates.extend("/".join(parts[i:]) for i in range(1, len(parts)))
        for candidate in candidates:
            try:
                found = ZoneInfo(candidate)
                break
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
        # Its own calendar's VTIMEZONE, else another calendar's of the file (exports put
        # together, the zone written once).
        described = self._file_zones.get(tzid, self._any_file_zones.get(tzid))
        if found is None and described is not None:
            try:
                found = _defined_zone(described)
            except Exception as exc:  # icalendar raises many kinds for a broken VTIMEZONE
                raise ImportProblem(
                    f"The time zone '{tzid}' (VTIMEZONE) could not be read ({_briefly(exc)})."
                    " Nothing was imported.",
                    line=self.layout.timezone_line(tzid),
                ) from None
        self._zones[tzid] = found
        return found

    def _zone_of(self, prop: Any, index: int, name: str) -> tzinfo | None:
        """The zone a date-time property is in: its TZID, UTC for ``Z``, else None."""
        tzid = prop.params.get("TZID")
        if tzid:
            zone = self._zone_named(str(tzid))
            if zone is None:
                raise self.refuse(
                    f"{name} names the time zone '{tzid}', which is neither a known zone"
                    " nor defined by a VTIMEZONE in the file.",
                    index,
                    name,
                )
            return zone
        value = prop.dt if hasattr(prop, "dt") else None
        if isinstance(value, tuple):  # an RDATE period: its start's (14:00Z was read
            value = value[0]  # as a wall-clock time in the event's zone)
        if isinstance(value, datetime) and value.tzinfo is not None:
            return UTC
        return None

    def _wall(self, prop: Any, index: int, name: str, target: tzinfo | None) -> date | datetime:
        """A date-time property's value as a naive wall-clock time in ``target``."""
        value = prop.dt
        if isinstance(value, tuple):  # an RDATE period: its start
            value = value[0]
        if not isinstance(value, datetime):
            return value
        zone = self._zone_of(prop, index, name)
        naive = value.replace(tzinfo=None)
        if zone is None or target is None or zone is target:
            return naive
        try:
            return naive.replace(tzinfo=zone).astimezone(target).replace(tzinfo=None)
        except OverflowError:  # the first or last hours Python can count
            raise self._out_of_range(naive, index, name) from None

    def _out_of_range(self, value: date, index: int, name: str) -> _EventRefused:
        day = value.date() if isinstance(value, datetime) else value
        return self.refuse(f"{name} {day.isoformat()} {OUTSIDE_PLANS}.", index, name)

    # -- reading ----------------------------------------------------------------

    def parse(self) -> list[_Item]:
        outermost = self._calendars()
        calendars = [c for cal in outermost for c in _with_nested(cal)]
        self.described = _descriptions(calendars)
        self.known_messages = _known_digests(calendars)
        self.without_notes = any(X_WITHOUT_NOTES in cal for cal in calendars)
        events: list[Any] = []

        def zones(cal: Any, outer: tzinfo | None) -> _Zones:
            # Each calendar of a file holding several (two exports put together) reads
            # its own events in its own zones: its X-WR-TIMEZONE, its VTIMEZONEs; one
            # inside another (files joined by hand) in the outer one's zone unless it
            # names one.
            name = cal.get("X-WR-TIMEZONE")
            floating = outer
            if name:
                with suppress(ZoneInfoNotFoundError, ValueError, OSError):
                    floating = ZoneInfo(str(name).strip())
            return _Zones(floating, {}, {})

        for cal in outermost:
            # Inner calendars' events too, in the file's order (they were lost without a
            # word); read without recursion, as deep as the file nests them.
            stack = [(iter(cal.subcomponents), zones(cal, None))]
            while stack:
                parts, context = stack[-1]
                component = next(parts, None)
                if component is None:
                    stack.pop()
                elif component.name == "VEVENT":
                    events.append(component)
                    self._zones_of.append(context)
                elif component.name == "VTIMEZONE" and "TZID" in component:
                    context.file_zones.setdefault(str(component["TZID"]), component)
                    self._any_file_zones.setdefault(str(component["TZID"]), component)
                elif component.name == "VCALENDAR":
                    stack.append(
                        (iter(component.subcomponents), zones(component, context.floating))
                    )
        self._in_calendar_of(0)
        if any(c.name in _NOT_EVENTS for cal in calendars for c in cal.subcomponents):
            for kind, line in self.layout.other_components():
                if kind in _NOT_EVENTS:
                    self.skipped.append(
                        f"line {line}: {_NOT_EVENTS[kind]} is not an event; not imported"
                    )
        parsed = self._check(events)
        return self._items(parsed)

    def _calendars(self) -> list[Any]:
        try:
            found = self._parsed()
        except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
            # (the library's own failures: a VTIMEZONE's TZID given twice, AttributeError)
            raise ImportProblem(
                f"{self.source.name} could not be read as iCalendar ({_briefly(exc)})."
                " Nothing was imported.",
                line=self.layout.line_said(str(exc)),  # (it named none)
            ) from None
        calendars = [c for c in found if c.name == "VCALENDAR"]
        if not calendars or not self.text.rstrip().upper().endswith("END:VCALENDAR"):
            unclosed = self.layout.unclosed()
            if unclosed is not None:
                kind, line = unclosed
                kind = shortened(kind, 40)  # (a whole file read as one line)
                raise ImportProblem(
                    f"The {kind} that begins here is never closed (END:{kind}); the file"
                    " seems cut short. Nothing was imported.",
                    line=line,
                )
        if not calendars:
            raise ImportProblem(not_icalendar(self.source.name))
        return calendars

    def _parsed(self) -> list[Any]:
        """``Calendar.from_ical`` of the text, read in a thread of its own while the
        progress is told (and a cancel taken): the library reads a file in one call
        (26 s for 30,000 events), and the window stayed frozen with no Cancel."""
        import threading

        outcome: list[Any] = []

        def parse() -> None:
            try:
                with warnings.catch_warnings():
                    # A "globally unique" TZID makes icalendar warn; _zone_named reads it.
                    warnings.simplefilter("ignore")
                    outcome.append(Calendar.from_ical(self.text, multiple=True))
            except BaseException as exc:  # handed to the caller below
                outcome.append(exc)

        worker = threading.Thread(target=parse, name="Cadence iCalendar reader", daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(_TELL_EVERY_S)
            if worker.is_alive() and not self.progress(0, 1):
                raise Cancelled()  # the reading ends on its own; nothing was written
        (result,) = outcome
        if isinstance(result, BaseException):
            raise result
        return list(result)

    def _check(self, events: list[Any]) -> list[_Parsed]:
        parsed: list[_Parsed] = []
        seen: dict[tuple[str, str | None], int] = {}
        refused: dict[str, int | None] = {}  # uid -> the line of its event skipped
        masters: set[str] = set()  # uids of the events read whole, not occurrences
        self.total = total = len(events) * 3
        for index, event in enumerate(events):
            if index % 256 == 0:
                _advance(self.progress, index, total)
            self._in_calendar_of(index)
            try:
                checked = self._check_one(index, event, seen)
            except _EventRefused as problem:
                self.skip(problem)
                uid = str(event.get("UID") or "").strip()
                # A second copy of a plain event is no part of a series: the first stays.
                copy = uid in masters and event.get("RECURRENCE-ID") is None
                if uid and problem.spoils_series and not copy:
                    refused.setdefault(uid, problem.line)
                continue
            parsed.append(checked)
            if checked.rid is None:
                masters.add(checked.uid)
        # A recurring event whose master or one of whose changed occurrences cannot be
        # read is left out whole: read in part, it would cancel or reset posts of it.
        left_out: set[str] = set()
        for event in parsed:
            if event.uid in refused and event.uid not in left_out:
                left_out.add(event.uid)
                self.skipped.append(
                    f"line {self.layout.event_line(event.index)}: another event of the"
                    f" same UID (line {refused[event.uid]}) cannot be read; not imported"
                )
        return [event for event in parsed if event.uid not in left_out]

    def _check_one(
        self, index: int, event: Any, seen: dict[tuple[str, str | None], int]
    ) -> _Parsed:
        """One event read and checked (or :class:`_EventRefused`)."""
        for name in _ONCE:
            if isinstance(event.get(name), list):  # the library's list of each one given
                raise self.refuse(
                    f"The event gives {name} more than once, which a calendar program writes once.",
                    index,
                    name,
                )
        uid_prop = event.get("UID")
        uid = str(uid_prop).strip() if uid_prop is not None else ""
        if shows_nothing(uid):  # (a zero-width space alone made a second copy of a post)
            raise self.refuse("This event (VEVENT) has no UID.", index)
        for name, error in event.errors:
            if name is None:
                # icalendar quotes the line: "... parsed into parts: 'SUMMARY x': ..."
                quoted = re.search(r"'([^']{1,60})", error)
                line = self.layout.event_line(index)
                if quoted:
                    line = self.layout.line_starting(quoted.group(1), line)
                raise _EventRefused("This line is not a property (NAME:value)", line=line)
            if name in _DATE_PROPERTIES:
                # The value as the file writes it, not the library's words ("Expected
                # int, got: two" for a rule's INTERVAL=two).
                written = next(
                    (str(v) for v in _as_list(event.get(name)) if isinstance(v, vBroken)),
                    # (Or out of its "Wrong date format 20260230", without a colon.)
                    re.sub(r"^Wrong \w+ format:?\s*", "", error),
                )
                raise self.refuse(_not_valid(name, written), index, name)
        start_prop = event.get("DTSTART")
        if start_prop is None:
            raise self.refuse(f"The event '{uid}' has no start (DTSTART).", index)
        tz = self._zone_of(start_prop, index, "DTSTART")
        start = self._wall(start_prop, index, "DTSTART", tz)
        all_day = _written_all_day(event, start_prop)
        day_zone = None
        if all_day is not None:  # Outlook's all-day event, written as its midnight
            start, tz, day_zone = all_day, None, tz
        first_day = start.date() if isinstance(start, datetime) else start
        if not in_plans(first_day):
            raise self._out_of_range(start, index, "DTSTART")
        for name in ("DTEND", "RECURRENCE-ID"):
            prop = event.get(name)
            if prop is not None:
                self._zone_of(prop, index, name)
        for name in ("EXDATE", "RDATE"):
            for group in _as_list(event.get(name)):
                for prop in group.dts:
                    if prop.params.get("TZID") is None and group.params.get("TZID"):
                        prop.params["TZID"] = group.params["TZID"]
                    self._zone_of(prop, index, name)
        rid: str | None = None
        rid_prop = event.get("RECURRENCE-ID")
        if rid_prop is not None:
            rid_zone = self._zone_of(rid_prop, index, "RECURRENCE-ID")
            rid_value = rid_prop.dt
            if all_day is not None and isinstance(rid_value, datetime):
                rid_value, rid_zone = rid_value.date(), None  # as its series' days
            rid = _canonical(
                rid_value.replace(tzinfo=None) if isinstance(rid_value, datetime) else rid_value,
                rid_zone,
            )
        key = (uid, rid)
        if key in seen:
            first = self.layout.event_line(seen[key])
            what = f"'{uid}'" if rid is None else f"'{uid}' with RECURRENCE-ID {rid}"
            raise self.refuse(
                f"The UID {what} is used again; it was first used on line {first}.",
                index,
                spoils_series=False,
            )
        seen[key] = index
        shown_tz = tz if isinstance(start, datetime) else None
        return _Parsed(index, event, uid, start, shown_tz, rid, day_zone)

    # -- events into items ------------------------------------------------------------

    def _items(self, parsed: list[_Parsed]) -> list[_Item]:
        masters: dict[str, _Parsed] = {}
        overrides: dict[str, dict[str, _Parsed]] = {}
        for event in parsed:
            if event.rid is None:
                masters[event.uid] = event
            else:
                overrides.setdefault(event.uid, {})[event.rid] = event
        items: list[_Item] = []
        for done, event in enumerate(parsed):
            if done % 256 == 0:
                _advance(self.progress, len(parsed) + done, self.total)
            self._in_calendar_of(event.index)
            try:
                items.extend(self._items_of(event, masters, overrides))
            except _EventRefused as problem:
                self.skip(problem)
                self.endless.pop(event.uid, None)
        return items

    def _items_of(
        self,
        event: _Parsed,
        masters: dict[str, _Parsed],
        overrides: dict[str, dict[str, _Parsed]],
    ) -> list[_Item]:
        """The posts one event makes (none, one, or a series' occurrences)."""
        if event.rid is not None:
            master = masters.get(event.uid)
            if master is not None and _recurs(master.component):
                return []  # placed by its master's expansion
            item = self._item(event, event.start, event.tz)
            if item is None:
                return []
            item.uid = occurrence_uid(event.uid, event.rid)
            item.source = (event.uid, event.rid)
            return [item]
        if not _recurs(event.component):
            item = self._item(event, event.start, event.tz)
            return [] if item is None else [item]
        return list(self._expand(event, overrides.get(event.uid, {})))

    def _expand(self, master: _Parsed, overrides: dict[str, _Parsed]) -> Iterator[_Item]:
        """Every occurrence of a recurring event as an item with a uid of its own."""
        component, index, tz = master.component, master.index, master.tz
        start = master.start
        all_day = not isinstance(start, datetime)
        first = datetime.combine(start, time()) if all_day else start
        assert isinstance(first, datetime)
        rules: list[tuple[str, bool, bool]] = []
        for rule in _as_list(component.get("RRULE")):
            if "COUNT" in rule and "UNTIL" in rule:
                raise self.refuse(
                    "RRULE has both COUNT and UNTIL; RFC 5545 allows one.", index, "RRULE"
                )
            try:
                recurrence.check_ordinals(
                    str((rule.get("FREQ") or [""])[0]), ",".join(map(str, rule.get("BYDAY", [])))
                )
            except InvalidInput as exc:
                raise self.refuse(str(exc), index, "RRULE") from None
            if recurrence.falls_on_no_day(rule.get("BYMONTH", []), rule.get("BYMONTHDAY", [])):
                raise self.refuse(
                    "RRULE falls on no day that exists (such as 30 February).", index, "RRULE"
                )
            bounded = "COUNT" in rule or ("UNTIL" in rule and not _no_end(rule))
            rules.append(
                (
                    self._rule_text(rule, tz or master.day_zone, None if all_day else first.time()),
                    bounded,
                    "COUNT" in rule,
                )
            )
        skip_moments: set[datetime] = set()
        skip_days: set[date] = set()
        for group in _as_list(component.get("EXDATE")):
            for prop in group.dts:
                value = self._wall(prop, index, "EXDATE", tz)
                if all_day and isinstance(prop.dt, datetime):
                    value = prop.dt.date()  # the day written (Outlook: its midnight)
                    utc = prop.dt.utcoffset() == timedelta(0) and "TZID" not in prop.params
                    if utc and master.day_zone is not None:
                        # Written in UTC (Outlook's "20270411T220000Z"): the day it is
                        # in the event's own zone (the UTC date left nothing out).
                        value = prop.dt.astimezone(master.day_zone).date()
                if isinstance(value, datetime):
                    skip_moments.add(value)
                else:
                    skip_days.add(value)
        extra: list[datetime] = []
        for group in _as_list(component.get("RDATE")):
            for prop in group.dts:
                value = self._wall(prop, index, "RDATE", tz)
                extra.append(
                    value if isinstance(value, datetime) else datetime.combine(value, first.time())
                )
        stop = max(first.date(), self.today) + recurrence.HORIZON
        # More occurrences than a series holds: those from a year ago on are the ones
        # kept (a weekly newsletter since 2005 brought its first thousand, up to 2024).
        since = self.today - recurrence.HORIZON
        moments: set[datetime] = {first, *extra}
        capped = False
        # The last day a calendar plans, less a day that a time zone could add.
        end_of_plans = LAST_DAY - timedelta(days=1)
        beyond = False
        endless = False
        try:
            for rule_text, bounded, counted in rules:
                found: list[datetime] = []
                recent = 0  # of them from a year ago on
                for count, moment in enumerate(rrulestr(rule_text, dtstart=first)):
                    if not bounded and moment.date() > stop:
                        endless = True
                        break  # an endless rule: up to the horizon, like a series made here
                    if recent >= recurrence.MAX_OCCURRENCES or count >= _READ_AT_MOST:
                        capped = True
                        break
                    if moment.date() > end_of_plans:
                        beyond = True
                        break
                    found.append(moment)
                    recent += moment.date() >= since
                else:
                    if counted and found and found[0] != first:
                        # A start off the rule is its first occurrence all the same, and it
                        # counts toward COUNT (RFC 5545), where dateutil adds COUNT more.
                        found.pop()
                moments.update(found)
        except (ValueError, TypeError, IndexError) as exc:  # (BYDAY=10MO: inside the library)
            # (dateutil's words, which name the part: "bysetpos must be between 1 and 366")
            raise self.refuse(_not_valid("RRULE", str(exc)), index, "RRULE") from None
        ordered = sorted(
            m
            for m in moments
            if m not in skip_moments and m.date() not in skip_days and m.date() <= end_of_plans
        )
        beyond = beyond or any(m.date() > end_of_plans for m in moments)  # an RDATE
        if len({m.replace(second=0, microsecond=0) for m in ordered}) < len(ordered):
            raise self.refuse(  # (every second, or at seconds of each minute: BYSECOND)
                "RRULE repeats within a minute, and posts are planned to the minute.",
                index,
                "RRULE" if "RRULE" in component else "RDATE",
            )
        left_before: datetime | None = None
        if len(ordered) > recurrence.MAX_OCCURRENCES:
            kept_from = min(
                next((i for i, m in enumerate(ordered) if m.date() >= since), len(ordered)),
                len(ordered) - recurrence.MAX_OCCURRENCES,
            )
            capped = capped or kept_from + recurrence.MAX_OCCURRENCES < len(ordered)
            left_before = ordered[kept_from] if kept_from else None
            ordered = ordered[kept_from : kept_from + recurrence.MAX_OCCURRENCES]
        title = str(component.get("SUMMARY", "")).strip() or master.uid
        if endless:
            self.endless[master.uid] = (
                f"'{title}' repeats without end; it was read up to"
                f" {spelled_day(stop, weekday=False)} (importing the file again later"
                " reads further)."
            )
        if capped or beyond or left_before:
            why = (
                f"repeats more than {recurrence.MAX_OCCURRENCES} times"
                if capped or left_before
                else f"repeats past {LAST_DAY.year}, the last year a calendar plans"
            )
            left = "none of its occurrences was imported"
            if ordered:  # the days, and times here (a cut within a day), of those cut at
                own = X_CHANNEL in component

                def spelled(moment: datetime) -> str:
                    day, at, _ = self._local(moment, None if all_day else tz, own)
                    return day.isoformat() if all_day or at is None else f"{day} {at:%H:%M}"

                cuts = [f"before {spelled(left_before)}"] if left_before else []
                if capped or beyond:
                    cuts.append(f"after {spelled(ordered[-1])}")
                left = f"occurrences {' and '.join(cuts)} were not imported"
            self.skipped.append(f"line {self.layout.event_line(index)}: '{title}' {why}; {left}")
        whole = all(bounded for _, bounded, _ in rules) and not (capped or beyond or left_before)
        placed: set[str] = set()
        read_from = ""
        if left_before is not None and ordered:
            read_from = _canonical(
                ordered[0].date() if all_day else ordered[0], None if all_day else tz
            )
        for moment in ordered:
            when: date | datetime = moment.date() if all_day else moment
            rid = _canonical(when, None if all_day else tz)
            override = overrides.get(rid)
            if override is not None:
                placed.add(rid)
                item = self._item(override, override.start, override.tz)
            else:
                item = self._item(master, when, None if all_day else tz)
            if item is not None:
                item.uid = occurrence_uid(master.uid, rid)
                item.source = (master.uid, rid)
                item.whole = whole
                item.read_from = read_from
                yield item
        for rid, override in overrides.items():
            if rid not in placed and rid >= read_from:
                # An override of an occurrence the rule no longer makes (or one past the
                # horizon): it is a real event all the same. One of the occurrences left
                # out before those read is left out with them.
                item = self._item(override, override.start, override.tz)
                if item is not None:
                    item.uid = occurrence_uid(master.uid, rid)
                    item.source = (master.uid, rid)
                    item.whole = whole
                    item.read_from = read_from
                    yield item

    def _rule_text(self, rule: Any, tz: tzinfo | None, at: time | None) -> str:
        """An RRULE for dateutil on naive wall-clock times (UNTIL in the event's zone,
        for occurrences at ``at``; None: all-day)."""
        all_day = at is None
        copy = vRecur(dict(rule))
        untils = copy.get("UNTIL")
        if untils and _no_end(rule):
            del copy["UNTIL"]  # read as the rule without end it means
        elif untils:
            until = untils[0]
            if isinstance(until, datetime):
                if until.tzinfo is not None:
                    target = tz if tz is not None else (self.floating or self.zone)
                    until = recurrence.wall_until(until, at, target)
                if all_day:
                    until = datetime.combine(until.date(), time(23, 59, 59))
            else:
                until = datetime.combine(until, time(23, 59, 59))
            copy["UNTIL"] = [until]
        return bytes(copy.to_ical()).decode()

    def _local(
        self, value: date | datetime, tz: tzinfo | None, own: bool
    ) -> tuple[date, time | None, bool]:
        """The calendar's local date and time of an event's start, and whether the
        moment is the second pass of a time the clocks go back over (read as the first).

        Another program's time is a moment, converted into the calendar's zone (a
        time that a daylight-saving change skips reads as RFC 5545 says: with the
        offset before the change). Cadence's own file in the calendar's own zone
        keeps its wall clock exactly, and a floating time is a wall-clock time.
        """
        if not isinstance(value, datetime):
            return value, None, False
        zone = self.zone
        if tz is None:
            tz = self.floating
        same_zone = tz is zone or getattr(tz, "key", None) == zone.key
        if tz is None or (own and same_zone):
            return value.date(), time(value.hour, value.minute), False
        # Through UTC: astimezone() into the very same zone would not normalise.
        local = _moment(value, tz).astimezone(UTC).astimezone(zone)
        return local.date(), time(local.hour, local.minute), second_pass(local)

    def _item(self, event: _Parsed, start: date | datetime, tz: tzinfo | None) -> _Item | None:
        component = event.component
        own = X_CHANNEL in component
        title = str(component.get("SUMMARY", "")).strip()
        day, at, second = self._local(start, tz, own)
        if not FIRST_DAY <= day <= LAST_DAY:  # the last or first hours, moved a day over
            raise self.refuse(
                f"DTSTART falls on {day.isoformat()} in this calendar's time zone, which"
                f" {OUTSIDE_PLANS}.",
                event.index,
                "DTSTART",
            )
        if second and at is not None:
            self.second_pass.setdefault(event.index, (title, day, at))
        if shows_nothing(title):  # refused: one occurrence missing would cancel its post
            raise self.refuse(
                f"The event on {day.isoformat()} has no title (SUMMARY).", event.index
            )
        written = str(component.get("DESCRIPTION", ""))
        description = written if own else _plain_text(written)
        url = component.get("URL")
        link = str(url).strip() if url is not None else ""
        if own and X_LINK in component:
            link = str(component[X_LINK])
        body = _body_from_description(description, link)
        as_written = _body_from_description(written, link) if description != written else None
        ics_status = str(component.get("STATUS", "")).strip().upper()
        if own and X_STATUS in component:  # without it, read STATUS as for any program
            status_text = str(component.get(X_STATUS, "")).strip()
            try:
                status = PostStatus.parse(status_text)
            except InvalidInput as exc:
                raise self.refuse(str(exc), event.index, X_STATUS) from None
            keep: frozenset[PostStatus] = frozenset({status})
        elif ics_status == "TENTATIVE":
            status, keep = PostStatus.DRAFT, frozenset({PostStatus.IDEA, PostStatus.DRAFT})
        elif ics_status == "CANCELLED":
            status, keep = PostStatus.CANCELLED, frozenset({PostStatus.CANCELLED})
        elif not ics_status and not own:
            # No STATUS (Outlook writes none): it tells nothing of a post's, which stays
            # (every draft came back scheduled); a new post is scheduled.
            status, keep = PostStatus.SCHEDULED, frozenset(PostStatus)
        else:
            past = ics_status == "CONFIRMED" and day < self.today
            status = PostStatus.PUBLISHED if past else PostStatus.SCHEDULED
            keep = frozenset({PostStatus.SCHEDULED, PostStatus.PUBLISHED})
        if not own and event.index not in self.spanning:
            self.spanning[event.index] = title if _lasts_days(component) else None
        categories: list[str] = []
        for group in _as_list(component.get("CATEGORIES")):
            if isinstance(group, vCategory):  # not a CATEGORIES line icalendar could not read
                categories.extend(str(c).strip() for c in group.cats if str(c).strip())
        item = _Item(
            uid=event.uid,
            event=event.index,
            own=own,
            title=title,
            body=body,
            link=link,
            day=day,
            at=at,
            status=status,
            keep_status=keep,
            as_written=as_written,
            categories=tuple(categories),
            colour=_colour_from_ical(str(component.get("COLOR", "")) or None),
            changed=f"{_stamp_text(component.get('LAST-MODIFIED'))}|{component.get('SEQUENCE')}",
        )
        if not own:
            item.location = " ".join(str(component.get("LOCATION", "")).split())
        item.modified = _modified(component)
        item.sequence = _sequence(component)
        item.start = _start_text(start, tz if tz is not None else self.floating)
        item.moved = isinstance(start, datetime) and (day, at) != (
            start.date(),
            time(start.hour, start.minute),
        )
        if own:
            planned = self.floating  # the zone the file says its calendar was in
            if (
                isinstance(start, datetime)
                and tz is not None
                and planned is not None
                and getattr(tz, "key", None) == getattr(planned, "key", "")
                and getattr(planned, "key", None) != self.zone.key
            ):
                # Written by Cadence in a calendar of another zone: its wall clock there
                # (the calendar's zone was changed since, or the file is another's).
                item.wall = (start.date(), time(start.hour, start.minute))
                item.wall_zone = tz
            self._own_fields(item, component, event.index)
        return item

    def _own_fields(self, item: _Item, component: Any, index: int) -> None:
        stamp, sequence = item.modified, component.get("SEQUENCE")
        found = _written(str(component.get(X_EDITED, "")))
        if found is not None:
            written, checksum = found
            item.edited = written
            item.written = True
            item.checksum = checksum
            item.earlier = _earlier_read(str(component.get(X_EARLIER, "")), written[1])
            now = (stamp, sequence)
            # What it shows is the version written (its checksum says so): another program
            # that rewrote LAST-MODIFIED or SEQUENCE alone (Thunderbird drops SEQUENCE:0,
            # Apple stamps its own) edited nothing of it.
            as_written = checksum is not None and f"shown:{checksum}" in item.shown_notes()
            if not as_written and now != (written[0], written[1] - 1):
                item.touched = now[0] or written[0]
            elif not as_written and checksum is not None:
                item.touched = written[0]  # edited by hand: when is not known
        elif stamp is not None and isinstance(sequence, int) and 0 <= sequence < 10**9:
            item.edited = (stamp, sequence + 1)
        channel = component[X_CHANNEL]  # (once: see _ONCE)
        name = str(channel).strip()
        if shows_nothing(name):
            raise self.refuse("X-CADENCE-CHANNEL names no channel.", index, X_CHANNEL)
        item.channel = (
            name,
            _param(channel, "X-KIND"),
            _colour_from_ical(_param(channel, "X-COLOR")),
        )
        messages = []
        for message in _as_list(component.get(X_MESSAGE)):
            title = str(message).strip()
            if not shows_nothing(title):
                messages.append(
                    (
                        title,
                        _cadence_days(_param(message, "X-DAYS") or ""),
                        _colour_from_ical(_param(message, "X-COLOR")),
                    )
                )
        item.messages = tuple(messages)
        campaign = component.get(X_CAMPAIGN)
        if campaign is not None and not shows_nothing(str(campaign)):
            item.campaign = (
                str(campaign).strip(),
                _param(campaign, "X-KIND"),
                _colour_from_ical(_param(campaign, "X-COLOR")),
            )
        item.notes = str(component.get(X_NOTES, ""))
        item.notes_withheld = self.without_notes or X_WITHOUT_NOTES in component
        carried = component.get(X_SOURCE)
        if carried is not None and not isinstance(carried, list) and str(carried).strip():
            item.carried = (str(carried).strip(), _param(carried, "X-RECURRENCE-ID") or None)
        series = component.get(X_SERIES)
        if series is not None:
            item.series = self._series(series, index)

    def _series(
        self, prop: Any, index: int
    ) -> tuple[str, str, date, time | None, tuple[date, ...], date | None]:
        def day(text: str | None) -> date | None:
            if not text:
                return None
            try:
                return datetime.strptime(text, "%Y%m%d").date()
            except ValueError:
                raise self.refuse(
                    f"X-CADENCE-SERIES has '{text}' where a date belongs.", index, X_SERIES
                ) from None

        try:
            rule = recurrence.normalise(_param(prop, "X-RRULE") or "")
        except InvalidInput as exc:
            raise self.refuse(f"X-CADENCE-SERIES: {exc}", index, X_SERIES) from None
        anchor = day(_param(prop, "X-ANCHOR"))
        if anchor is None:
            raise self.refuse("X-CADENCE-SERIES has no X-ANCHOR date.", index, X_SERIES)
        at_text = _param(prop, "X-TIME")
        at: time | None = None
        if at_text:
            if (
                not re.fullmatch(r"\d{4}", at_text)
                or int(at_text[:2]) > 23
                or int(at_text[2:]) > 59
            ):
                raise self.refuse(
                    f"X-CADENCE-SERIES has '{at_text}' where a time belongs.", index, X_SERIES
                )
            at = time(int(at_text[:2]), int(at_text[2:]))
        exdates = tuple(d for d in (day(t) for t in (_param(prop, "X-EXDATES") or "").split()) if d)
        return (str(prop).strip(), rule, anchor, at, exdates, day(_param(prop, "X-OCCURRENCE")))


def _advance(progress: Progress, done: int, total: int) -> None:
    if not progress(done, total):
        raise Cancelled()


def _no_end(rule: Any) -> bool:
    """Whether a rule's UNTIL is "99991231T235959Z", which programs write for a repeat
    without end (:func:`.recurrence.means_no_end`; past what a zone's clock can be moved
    to, too)."""
    untils = rule.get("UNTIL")
    return bool(untils) and recurrence.means_no_end(untils[0])


def _cadence_days(text: str) -> int | None:
    """A key message's cadence as its X-DAYS gives it (None: not given, or 0); over ten
    years (a calendar from before such were refused, a file edited by hand), ten years,
    as a message may have: the message made with it was refused, and the file with it."""
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0")
    if len(digits) > 9:
        return MAX_CADENCE_DAYS
    return min(int(digits), MAX_CADENCE_DAYS) if digits else None


def _param(prop: Any, name: str, *, as_written: bool = False) -> str | None:
    """A parameter's value, trimmed unless ``as_written`` (words, such as a key
    message's statement, whose spaces are the user's)."""
    value = prop.params.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return str(value) if as_written else str(value).strip()


def _recurs(component: Any) -> bool:
    return "RRULE" in component or "RDATE" in component


_SPLIT_CHARACTER = re.compile(rb"([\xc2-\xf4][\x80-\xbf]{0,2})(\r?\n[ \t])([\x80-\xbf]{1,3})")
"""A character's first bytes, a fold, the rest of its bytes."""


_DOUBLED_RETURNS = re.compile(r"\r+\r\n")
_RETURN_ALONE = re.compile(r"\r(?!\n)")
_CALENDAR_START = re.compile(r"(?<=[\r\n])(?=BEGIN:VCALENDAR)", re.I)


def _file_line_ends(text: str) -> str:
    """``text`` with its lines ended as iCalendar ends them: a classic Mac file's
    returns alone (read as one line, the whole file quoted back in a sentence) and the
    doubled returns of a file converted twice ("\\r\\r\\n") as one line end each.
    A return alone in a file of line feeds is a value's own (FileMaker's line breaks,
    a Windows text escaped in part), kept as it is: returns alone end lines where they
    outnumber the line feeds, counted in each calendar of the file (two files joined,
    one of them a classic Mac file, lost its events)."""
    if "\r" not in text:
        return text
    return "".join(map(_calendar_line_ends, _CALENDAR_START.split(text)))


def _calendar_line_ends(text: str) -> str:
    """:func:`_file_line_ends` of one calendar of a file."""
    alone = len(_RETURN_ALONE.findall(text))
    if alone > text.count("\n"):  # (a final line feed aside)
        return _RETURN_ALONE.sub("\r\n", text)
    return _DOUBLED_RETURNS.sub("\r\n", text)


_VALUE_KINDS = {"RRULE": "repeat rule", "DURATION": "length of time"}
"""What a property of :data:`_DATE_PROPERTIES` holds, where it is not a date or time."""


def _not_valid(name: str, written: str) -> str:
    """The refusal of property ``name``'s value: its kind, and what was ``written``
    (shortened, on one line)."""
    kind = _VALUE_KINDS.get(name, "date or time")
    return f"{name} is not a valid {kind} ({_briefly(written)})."


def _briefly(said: BaseException | str) -> str:
    """A value, or the library's account of a problem, on one line and short (it quotes
    lines)."""
    return shortened(one_line(str(said)), 100)


def _decode(source: Path, raw: bytes) -> str:
    text = _decoded(source, raw)
    first_event = _EVENT_BEGINS.search(text)
    if _VERSION_1.search(text if first_event is None else text[: first_event.start()]):
        # Its own text encoding and repeat rules: read as iCalendar, its titles came in
        # as "Communiqu=C3=A9 de presse".
        raise ImportProblem(
            f"{source.name} is a vCalendar 1.0 file, an older format Cadence does not"
            " read; save the calendar as iCalendar (.ics) in its program and import that."
        )
    return text


_VERSION_1 = re.compile(r"^VERSION:[ \t]*1\.0[ \t]*\r?$", re.M | re.I)


def _decoded(source: Path, raw: bytes) -> str:
    if raw.startswith(ZIP_START):
        raise ImportProblem(
            f"{source.name} is a zip archive (as Google Calendar exports): unzip it, then"
            " import the files it holds."
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Windows saves "Unicode"
        raw = ics_text(raw).encode("utf-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    head = raw.lstrip()[:15].upper()
    if head != b"BEGIN:VCALENDAR":
        raise ImportProblem(not_icalendar(source.name))
    try:
        return _file_line_ends(raw.decode("utf-8"))
    except UnicodeDecodeError:
        # RFC 5545 folds lines at 75 octets, which some writers do in the middle
        # of a character: the fold moves after the character, so the line numbers
        # stay, and the text unfolds to the same.
        raw = _SPLIT_CHARACTER.sub(rb"\1\3\2", raw)
    try:
        return _file_line_ends(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportProblem(
            f"{source.name} is not UTF-8 text, as iCalendar files must be;"
            " save it as UTF-8 and import it again.",
            line=line,
        ) from None


def not_icalendar(name: str) -> str:
    """What a file named .ics that is no iCalendar file is told, with the way on (it
    was told what it is not, and no more)."""
    return (
        f"{name} is not an iCalendar file; export the calendar from the program it comes"
        " from as an iCalendar (.ics) file, then import that."
    )


def ics_needs_a_channel(source: Path, store: CalendarStore | None = None) -> bool:
    """Whether an import of the iCalendar file ``source`` may need a channel for events
    that name none: not when it refuses the file at once (unreadable, not UTF-8
    iCalendar text, cut short: it asked for a channel, then refused the file), nor for
    a file Cadence wrote, every event a post naming its channel (asked for nothing),
    nor for one whose every event is a post in ``store`` already (the same file again:
    asked, a channel chosen anew changed nothing). The file is read once."""
    try:
        text = _decode(source, Path(source).read_bytes())
    except (OSError, ImportProblem):
        return False
    if not text.rstrip().upper().endswith("END:VCALENDAR") and _Layout(text).unclosed():
        return False
    events = len(_EVENT_BEGINS.findall(text))
    if not events or len(_OWN_CHANNELS.findall(text)) >= events:
        return not events
    if store is None:
        return True
    uids = {uid.strip() for uid in _EVENT_UIDS.findall(_unfolded(text))}
    return len(uids) < events or not store.has_events(uids)


def _unfolded(text: str) -> str:
    """iCalendar text with its folded lines joined (RFC 5545, 3.1), for a look at its
    properties without the library's parse."""
    return re.sub(r"\r?\n[ \t]", "", text)


_EVENT_BEGINS = re.compile(r"^BEGIN:VEVENT\r?$", re.M | re.I)
_EVENT_UIDS = re.compile(r"^UID(?:;[^:\r\n]*)?:(.*?)\r?$", re.M | re.I)
_OWN_CHANNELS = re.compile(rf"^{X_CHANNEL}[;:]", re.M | re.I)

_PLANNED_ZONE = re.compile(r"^X-WR-TIMEZONE(?:;[^:\r\n]*)?:[ \t]*(.*?)[ \t]*\r?$", re.M | re.I)


_WORKING_HOURS_ZONE = re.compile(
    r"^X-MS-OLK-WKHRSTART;(?:[^:\r\n]*;)?TZID=(\"[^\"]*\"|[^;:\r\n]*)", re.M | re.I
)
"""The zone Outlook gives its owner's working hours in (X-MS-OLK-WKHRSTART)."""

_START_ZONE = re.compile(
    r"^DTSTART;(?:[^:\r\n]*;)?TZID=(\"[^\"]*\"|[^;:\r\n]*)[^:\r\n]*:(\d{4})", re.M | re.I
)
"""An event's start in a zone: the zone's TZID, as written, and the start's year."""


def planned(source: Path) -> tuple[str | None, str | None]:
    """The time zone an iCalendar file says its calendar is planned in, and the name it
    gives it (:func:`_planned_zone`, :func:`_planned_name`), the file read once; None
    for what it does not say, both for a file that cannot be read (its import says why)."""
    try:
        text = _decode(source, Path(source).read_bytes())
    except (OSError, ImportProblem):
        return None, None
    unfolded = _unfolded(text)
    return _planned_zone(unfolded), _planned_name(unfolded)


def _planned_zone(unfolded: str) -> str | None:
    """Its X-WR-TIMEZONE, as Cadence, Google and Apple write it, else the zone most of
    its events start in (Outlook names no other, "W. Europe Standard Time"; a plan made
    in Paris holds a meeting sent from New York), when that names a zone."""
    match = _PLANNED_ZONE.search(unfolded)
    if match is not None:
        name = match.group(1).strip('"')
    else:
        counted = Counter(zone.strip('"').strip() for zone, _ in _START_ZONE.findall(unfolded))
        ranked = counted.most_common(2)
        hours = _WORKING_HOURS_ZONE.search(unfolded)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            # None, or as many in two zones: the zone of the owner's working hours, as
            # Outlook writes it, is the plan's (a Berlin newsletter beside a Pacific
            # interview made the calendar in the computer's zone), else none is.
            if hours is None:
                return None
            name = hours.group(1).strip('"').strip()
        else:
            name = ranked[0][0]
    return plain_zone(name) or iana_for_windows(name) or _zone_kept_by(unfolded, name)


_TOO_OFTEN = {
    "SECONDLY": "second",
    "MINUTELY": "minute",
    "HOURLY": "hour",
    "DAILY": "day",
    "WEEKLY": "week",
}


def _defined_zone(component: Any) -> tzinfo:
    """The zone a VTIMEZONE defines; ValueError where a change of its clock repeats more
    often than monthly (the library lays such a rule out from its start, second by
    second from 1601 in Outlook's: an import ran on, past any Cancel)."""
    for observance in component.subcomponents:
        rules = observance.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
            for frequency in rule.get("FREQ", []):
                every = _TOO_OFTEN.get(str(frequency).upper())
                if every is not None:
                    raise ValueError(
                        f"its {observance.name.lower()} time comes back every {every};"
                        " a zone's clock changes yearly"
                    )
    return cast(tzinfo, component.to_tz(lookup_tzid=False))


_RULES_SAMPLED_YEARS = 3
"""At most how many years of a VTIMEZONE's clock are compared with the zones'."""


def _zone_kept_by(unfolded: str, tzid: str) -> str | None:
    """The zone whose clock the VTIMEZONE the file defines as ``tzid`` keeps over the
    years its events start in, of the zones Windows names (:data:`WINDOWS_TO_IANA`):
    Outlook names a zone by its display name ("(UTC-05:00) Eastern Time (US &
    Canada)") or as "Customized Time Zone" too, and the calendar was made on this
    computer's clock (09:00 in New York came in at 18:30 in Kolkata). Of several that
    keep it, one whose city the name says ("… Madrid, Paris"), else the first Windows
    lists; None where none does, or the file defines no such zone."""
    block = next(
        (
            found.group(0)
            for found in _VTIMEZONE.finditer(unfolded)
            if _tzid_of(found.group(0)) == tzid
        ),
        None,
    )
    if block is None:
        return None
    try:
        defined = _defined_zone(Timezone.from_ical(block))
    except Exception:  # icalendar raises many kinds for a broken VTIMEZONE
        return None
    years = sorted(
        int(year) for zone, year in _START_ZONE.findall(unfolded) if zone.strip('"').strip() == tzid
    )
    if not years:
        return None
    first = datetime(years[0], 1, 1, 12, tzinfo=UTC)
    last = datetime(min(years[-1], years[0] + _RULES_SAMPLED_YEARS - 1), 12, 31, 12, tzinfo=UTC)
    # Noon UTC each day (clocks change at night): the offsets the file's zone keeps.
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    offsets = [day.astimezone(defined).utcoffset() for day in days]
    kept = []
    for name in dict.fromkeys(WINDOWS_TO_IANA.values()):
        zone = ZoneInfo(name)
        if all(
            day.astimezone(zone).utcoffset() == off for day, off in zip(days, offsets, strict=True)
        ):
            kept.append(name)
    said = tzid.casefold()
    named = [name for name in kept if name.rsplit("/", 1)[-1].replace("_", " ").casefold() in said]
    return (named or kept)[0] if kept else None


_VTIMEZONE = re.compile(r"^BEGIN:VTIMEZONE\r?$.*?^END:VTIMEZONE\r?$", re.M | re.S | re.I)


def _tzid_of(block: str) -> str | None:
    """The TZID a VTIMEZONE's text names, unquoted."""
    found = re.search(r"^TZID(?:;[^:\r\n]*)?:(.*?)\r?$", block, re.M | re.I)
    return found.group(1).strip().strip('"').strip() if found else None


_PLANNED_NAME = re.compile(r"^X-WR-CALNAME(?:;[^:\r\n]*)?:(.*?)\r?$", re.M | re.I)


def _planned_name(unfolded: str) -> str | None:
    """Its X-WR-CALNAME, as Cadence, Google and Apple write it, unescaped and on one
    line."""
    match = _PLANNED_NAME.search(unfolded)
    if match is None:
        return None
    name = re.sub(r"\\([\\;,nN])", lambda m: " " if m[1] in "nN" else m[1], match.group(1))
    # Not what draws nothing or turns the text around (a right-to-left override, a byte
    # order mark), and short: a name of thousands of characters made a box taller than
    # the screen, its OK out of reach.
    name = "".join(c for c in one_line(name) if unicodedata.category(c) != "Cf")
    return None if shows_nothing(name) else shortened(name.strip(), 100)


# -- import: writing the posts ---------------------------------------------------


_Described = dict[tuple[str, str], dict[str, Any]]
"""What a Cadence file says of its channels (``X_CHANNEL``), key messages and campaigns
beyond their names, by (property, name in any case): the store's fields to make them with."""


def _with_nested(cal: Any) -> list[Any]:
    """``cal`` and the calendars inside it, at any depth, in the file's order."""
    found: list[Any] = []
    stack = [cal]
    while stack:
        found.append(current := stack.pop())
        stack.extend(reversed([c for c in current.subcomponents if c.name == "VCALENDAR"]))
    return found


def _descriptions(calendars: Sequence[Any]) -> _Described:
    """The channels, key messages and campaigns the VCALENDARs describe (the first wins).

    A field the file leaves out is none (no limit, no start); one it spoils (a file
    edited by hand) is left to the import's own default, as if not described.
    """
    unreadable = object()

    def day(prop: Any, name: str) -> object:
        text = _param(prop, name)
        if not text:
            return None
        try:
            return datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            return unreadable

    def number(prop: Any, name: str) -> object:
        text = _param(prop, name)
        if not text:
            return None
        # ASCII digits only ("²" is a digit to str.isdigit), and no more than SQLite holds.
        return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else unreadable

    found: _Described = {}
    for cal in calendars:
        for kind in (X_CHANNEL, X_MESSAGE, X_CAMPAIGN):
            for prop in _as_list(cal.get(kind)):
                fields: dict[str, Any]
                if kind == X_CHANNEL:
                    fields = {"char_limit": number(prop, "X-LIMIT")}
                elif kind == X_MESSAGE:
                    fields = {
                        "statement": _param(prop, "X-STATEMENT", as_written=True) or "",
                        "priority": number(prop, "X-PRIORITY") or 0,
                    }
                else:
                    fields = {}
                if kind != X_CHANNEL:
                    fields["starts_on"] = day(prop, "X-START")
                    fields["ends_on"] = day(prop, "X-END")
                if kind != X_CAMPAIGN and (_param(prop, "X-ARCHIVED") or "").upper() == "TRUE":
                    fields["archived"] = True  # retired there: made archived here too
                readable = {
                    name: value for name, value in fields.items() if value is not unreadable
                }
                found.setdefault((kind, name_key(str(prop))), readable)
    return found


def message_digest(key: str) -> str:
    """A key message's name (:func:`.models.name_key`) as :data:`X_KNOWN_MESSAGES` lists
    it: not to be read back, only matched."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _known_digests(calendars: Sequence[Any]) -> frozenset[str] | None:
    """The key messages the VCALENDARs know (:data:`X_KNOWN_MESSAGES`), or None where
    none says (taken as knowing every one)."""
    said = [str(cal[X_KNOWN_MESSAGES]) for cal in calendars if X_KNOWN_MESSAGES in cal]
    return frozenset(d for text in said for d in text.split()) if said else None


class _Names:
    """Channels, key messages and campaigns by name (any case), read once; those made
    are made as the file describes them (:func:`_descriptions`), where it does."""

    def __init__(
        self,
        store: CalendarStore,
        summary: ImportSummary,
        starts_on: date,
        described: _Described | None = None,
        known: frozenset[str] | None = None,
    ) -> None:
        self.store = store
        self.summary = summary
        self.starts_on = starts_on
        """The day the key messages created start on, unless the file says."""
        self.described = described or {}
        self.dated: set[int] = set()
        """Key messages made with the start (or none) the file gives them."""
        self.channels, self.messages, self.campaigns = import_names(store)
        self.left_off = LeftOff(summary)
        self.had = store.colors_in_use()
        """The colours the calendar had: those made keep theirs apart from them."""
        self._known = known
        self.known_messages: frozenset[int] | None = None
        """The key messages here the file knows (:meth:`read_known_messages`); None:
        every one."""

    def read_known_messages(self) -> None:
        """The key messages here the file knows (:data:`X_KNOWN_MESSAGES`), by name once
        renames are learnt: the others a post of the file carries here were not taken
        off it there, where they were never seen (a share narrowed to some key messages,
        a calendar made of it)."""
        known = self._known
        if known is not None:
            self.known_messages = frozenset(
                found for key, found in self.messages.items() if message_digest(key) in known
            )

    def channel(self, name: str, kind: str | None = None, colour: str | None = None) -> int:
        key = name_key(name)
        found = self.channels.get(key)
        if found is None:
            found, _ = self._add(
                self.store.add_channel,
                name,
                # As any way of making a channel does: "Newsletter" a newsletter, "X" with
                # X's limit (a post too long for it went out of the publishing tools' exports
                # unsaid); as the file describes it, where it does.
                {
                    "kind": kind if kind in CHANNEL_KINDS else guessed_kind(name, "social"),
                    "color": colour,
                    "char_limit": known_limit(name),
                },
                self.described.get((X_CHANNEL, key)),
            )
            self.channels[key] = found
            self.summary.channels_added.append(found)
        return found

    def order_channels_made(self) -> None:
        """The channels made put in the order the file lists them (made as its events
        name them, a Cadence file's own came back in another order); those it does not
        describe after them, as made."""
        made = self.summary.channels_added
        if len(made) < 2:
            return
        listed = [name for kind, name in self.described if kind == X_CHANNEL]
        keys = {record: name_key(self.store.channel(record).name) for record in made}
        place = {key: at for at, key in enumerate(listed)}
        ordered = sorted(made, key=lambda r: place.get(keys[r], len(listed)))  # (stable)
        if ordered == made:
            return
        first = min(self.store.channel(record).sort_order for record in made)
        for at, record in enumerate(ordered):
            self.store.update_channel(record, sort_order=first + at)

    def message(self, title: str, days: int | None = None, colour: str | None = None) -> int:
        key = name_key(title)
        found = self.messages.get(key)
        if found is None:
            described = self.described.get((X_MESSAGE, key), {})
            found, exact = self._add(
                self.store.add_key_message,
                title,
                {"cadence_days": days, "color": colour, "starts_on": self.starts_on},
                described or None,
            )
            if exact and "starts_on" in described:
                self.dated.add(found)
            self.messages[key] = found
            self.summary.messages_added.append(found)
        return found

    def campaign(self, name: str, kind: str | None = None, colour: str | None = None) -> int:
        key = name_key(name)
        found = self.campaigns.get(key)
        if found is None:
            kinds = {k.value for k in CampaignKind}
            found, _ = self._add(
                self.store.add_campaign,
                name,
                {"kind": kind if kind in kinds else CampaignKind.PROMOTION, "color": colour},
                self.described.get((X_CAMPAIGN, key)),
            )
            self.campaigns[key] = found
            self.summary.campaigns_added.append(found)
        return found

    def _add(
        self,
        add: Callable[..., ChangeSet],
        name: str,
        fields: dict[str, Any],
        described: dict[str, Any] | None,
    ) -> tuple[int, bool]:
        """Make it as the file describes it (True), or from its name and what the event
        tells where the file does not, or the store refuses the description (a start
        after the end, a limit out of range: a file edited by hand)."""
        fields = fields | {"apart_from": self.had}  # its colour, unless one here is alike
        if described is not None:
            try:
                return add(name, **(fields | described)).created[0], True
            except InvalidInput:
                pass
        return add(name, **fields).created[0], False


_WRITTEN = re.compile(r"([1-9][0-9]{0,8})/([0-9]{8}T[0-9]{6}Z)", re.ASCII)
_EDITED = re.compile(r"([1-9][0-9]{0,8})/([0-9]{8}T[0-9]{6}Z)(?:/([0-9a-f]{8}))?", re.ASCII)


def _checksum(post: Post) -> str:
    """What the event tells of the post as Cadence writes it (:func:`.models.shown_note`), so that
    an edit made to the file where LAST-MODIFIED stays as it was (by hand) shows."""
    return shown_note_of(post)[6:]


def _written(text: str) -> tuple[tuple[datetime, int], str | None] | None:
    """X-CADENCE-EDITED read back: ((last edit, revision), checksum or None), or None
    when it is not one."""
    found = _EDITED.fullmatch(text.strip())
    if found is None:
        return None
    try:
        moment = datetime.strptime(found[2], _UTC_TEXT).replace(tzinfo=UTC)
    except ValueError:
        return None
    return (moment, int(found[1])), found[3]


def _alike(store: CalendarStore, items: Sequence[_Item]) -> list[Callable[[str, int], bool]]:
    """For each kind (channels, key messages, campaigns), whether a name of the file and
    a record here have one colour: what tells two names renamed at once apart."""
    theirs: list[dict[str, str]] = [{}, {}, {}]
    for item in items:
        channels = [item.channel] if item.channel else []
        campaigns = [item.campaign] if item.campaign else []
        for kind, found in enumerate((channels, item.messages, campaigns)):
            for name, _, colour in found:
                if colour:
                    theirs[kind].setdefault(name_key(name), colour)
    ours = [
        {c.id: c.color for c in store.channels(include_archived=True)},
        {m.id: m.color for m in store.key_messages(include_archived=True)},
        {c.id: c.color for c in store.campaigns()},
    ]
    return [colour_alike(there, here) for there, here in zip(theirs, ours, strict=True)]


def _written_from(item: _Item, post: Post) -> bool:
    """Whether the file's event was written from the post's version here: its number
    and second, and what it showed, where the file tells (two edits in one second,
    here and elsewhere, are two versions)."""
    return item.edited == _edited(post) and item.checksum in (None, _checksum(post))


def _same_version(item: _Item, post: Post) -> bool:
    """Whether the file's event is Cadence's own, not edited since, written from the
    post's version here."""
    return item.written and item.touched is None and _written_from(item, post)


def _start_text(start: date | datetime, tz: tzinfo | None) -> str:
    """An event's start as the file gives it, to the minute: the moment in UTC, a
    floating wall-clock time (no zone), or a day."""
    if not isinstance(start, datetime):
        return start.isoformat()
    if tz is not None:
        start = _moment(start, tz).astimezone(UTC)
    return start.replace(second=0, microsecond=0).isoformat()


def _reconcile(item: _Item, post: Post, history: History) -> tuple[bool, bool]:
    """Whether the file's version of ``post`` (which differs from it) replaces it, and
    whether the version that gives way is kept as a copy marked as a conflict: as in
    a merge (:func:`.formats.reconcile`; ``history`` is the post's here). A file
    written from the post as it is here, then edited by hand or by another program,
    just comes in.
    """
    if item.edited is None:
        return True, False  # another program's event: its file says what it is now
    here = _edited(post)
    if _written_from(item, post):
        return True, False
    if item.touched is not None:  # Cadence's version, since edited by another program
        if item.said_in(history.notes) in history.notes:
            return False, False  # the same file again: taken, or kept as a copy, before
        if shown_note_of(post) in (history.notes):
            return True, False  # as an edit there last left it: nothing edited here since
        seen = descends(item.earlier, key_of(post), history)
        if seen or (seen is None and item.edited > here and item.edited[1] > post.revision):
            return True, False  # ours is an earlier state of the one it was written from
        now = datetime.now(UTC)
        return min(item.touched, now) > min(here[0], now), True
    return reconcile(item.edited, here, item.earlier, history)


def _last_noted(notes: Collection[str], mark: str = "modified:") -> str | None:
    """The latest LAST-MODIFIED (UTC text), or with ``mark`` "sequence:" SEQUENCE (nine
    digits), of the events that came into a post, as its notes keep them; None when
    none said one."""
    return max((note[len(mark) :] for note in notes if note.startswith(mark)), default=None)


def _reconcile_said(item: _Item, post: Post, history: History, new: NewPost) -> tuple[bool, bool]:
    """:func:`_reconcile` for an event with no version Cadence wrote (another
    program's): :func:`.formats.reconcile_said`, and an event its program changed
    before the last that came in (an older file) is the past of the post too. Both
    staying, the later by the event's LAST-MODIFIED is the post. What the event
    shows is taken as the post it makes (``new``: a time the clocks skip as kept)."""
    latest = _last_noted(history.notes)
    stamp = _utc_text(item.modified) if item.modified is not None else None
    if latest is not None and stamp is not None and stamp < latest:
        return False, False
    if latest is not None and item.came(latest, shown_note_of(new)) in history.notes:
        # It shows what it showed when it last came in, in the same categories: what its
        # program changed since is nothing Cadence reads (another occurrence of its
        # series, its guests).
        return False, False
    now = datetime.now(UTC)
    later = item.modified is not None and min(item.modified, now) > min(post.updated_at, now)
    # Changed by its program since it last came in (its LAST-MODIFIED says so): a change
    # there, even back to a state the post had.
    moved_on = latest is not None and stamp is not None and stamp > latest
    said = item.said_in(history.notes)
    return reconcile_said(said, shown_note_of(new), post, history, later=later or moved_on)


def _earlier_text(history: History) -> str:
    """X-CADENCE-EARLIER: the latest :data:`EARLIER_WRITTEN` earlier versions, latest
    first, those whose own earlier versions are not known marked with "?", then "+"
    when the list leaves some out."""
    latest = sorted(history.versions, reverse=True)[:EARLIER_WRITTEN]
    listed = set(latest)
    cut = len(history.versions) > EARLIER_WRITTEN or not history.boundary <= listed
    text = " ".join(
        f"{revision}/{stamp}{'?' if (revision, stamp) in history.boundary else ''}"
        for revision, stamp in latest
    )
    return text + " +" if cut else text


def _earlier_read(text: str, revision: int) -> History | None:
    """X-CADENCE-EARLIER read back for a version of ``revision``; None when not known
    (a revision after the first with no list: from before Cadence wrote it)."""
    parts = text.split()
    if not parts:
        return History() if revision == 1 else None
    cut = parts[-1] == "+"
    listed = parts[:-1] if cut else parts
    if len(listed) > EARLIER_WRITTEN:
        return None
    versions: set[VersionKey] = set()
    boundary: set[VersionKey] = {UNKNOWN} if cut else set()
    for part in listed:
        found = _WRITTEN.fullmatch(part.removesuffix("?"))
        if found is None:
            return None
        key = (int(found[1]), found[2])
        versions.add(key)
        if part.endswith("?"):
            boundary.add(key)
    return History(frozenset(versions), frozenset(boundary))


def _edited(post: Post) -> tuple[datetime, int]:
    """The post's last edit and revision, as a file Cadence writes records them."""
    return post.updated_at.astimezone(UTC).replace(microsecond=0), post.revision


class _Writer:
    """Turns items into new and updated posts, inside the import's one transaction.

    A post Cadence wrote to the file that has been edited in the calendar since
    keeps that later edit; where both sides were edited, the version that loses
    is kept as a copy marked as a conflict, as in a merge.
    """

    def __init__(
        self,
        store: CalendarStore,
        options: ImportOptions,
        layout: _Layout,
        summary: ImportSummary,
        described: _Described | None = None,
        known: frozenset[str] | None = None,
    ) -> None:
        self.store = store
        self.zone = store.zone
        self.options = options
        self.layout = layout
        self.summary = summary
        self.names = _Names(store, summary, options.start_day(store), described, known)
        self._fallback: int | None = None
        self._skipped: set[int] = set()
        self.placed: set[int] = set()
        """The events (by index) that added or changed a post: what the summary's notes
        of the file's events speak of."""
        self.unread_categories: dict[str, str] = {}
        """Other programs' categories that named nothing here, by name key (said in the
        summary)."""
        self.same_clock: list[tuple[str, time, time, date, str]] = []
        """Posts taken in an edit from another zone's calendar whose time read the same on
        both clocks: title, that time, the time here now, and that zone (said in the
        summary, :func:`.formats.same_clock_note`)."""

    def _fallback_channel(self) -> int | None:
        if self._fallback is None and self.options.fallback_channel:
            self._fallback = self.names.channel(self.options.fallback_channel)
        return self._fallback

    def _same_moment(self, post: Post, day: date | None, at: time | None) -> bool:
        """Whether another program's ``day`` at ``at`` is the moment ``post`` goes out,
        read differently: a time the clocks skip, which the program reads an hour on."""
        if post.date is None or post.time is None or day is None or at is None:
            return False
        return moment_of(post.date, post.time, self.zone) == moment_of(day, at, self.zone)

    def _foreign_channel(self, item: _Item, existing: Post | None) -> int | None:
        names = self.names
        for category in item.categories:
            found = names.channels.get(name_key(category))
            if found is not None:
                return found
        if existing is not None:
            return existing.channel_id  # the file names none: keep the one chosen before
        if self.options.create_missing:
            for category in item.categories:
                key = name_key(category)
                if key not in names.messages and key not in names.channels:
                    return names.channel(category, colour=item.colour)
        return self._fallback_channel()

    def desired(self, item: _Item, existing: Post | None) -> NewPost | None:
        """The post as the file describes it, or None (skipped, with a sentence)."""
        names = self.names
        if item.own:
            assert item.channel is not None
            channel_id = names.channel(*item.channel)
            message_ids = names.left_off.ids(
                (names.message(*m) for m in item.messages), (m[0] for m in item.messages)
            )
            known = names.known_messages
            if existing is not None and known is not None:  # and those the file never saw
                unseen = (m for m in existing.message_ids if m not in known)
                message_ids = tuple(dict.fromkeys((*message_ids, *unseen)))
            campaign_id = (
                names.left_off.campaign(names.campaign(*item.campaign), item.campaign[0])
                if item.campaign
                else None
            )
            return NewPost(
                title=item.title,
                channel_id=channel_id,
                message_ids=message_ids,
                date=item.day,
                time=item.at,
                status=item.status,
                body=item.body,
                campaign_id=campaign_id,
                link=item.link,
                # A file written without notes keeps those here (it never carried them).
                notes=existing.notes if item.notes_withheld and existing else item.notes,
            )
        found_channel = self._foreign_channel(item, existing)
        if found_channel is None:
            if item.event not in self._skipped:  # one sentence per event, not per occurrence
                self._skipped.add(item.event)
                line = self.layout.event_line(item.event)
                self.summary.skipped.append(
                    f"line {line}: '{item.title}' names no channel of this calendar;"
                    " choose a channel for the events that name none (on the command"
                    " line, --channel)"
                )
            return None
        wanted = set()
        for category in item.categories:
            key = name_key(category)
            if key in names.messages:
                if names.messages[key] == DELETED_HERE:
                    names.left_off.say("key message", category)
                else:
                    wanted.add(names.messages[key])
            elif key not in names.channels:
                self.unread_categories.setdefault(key, category)
        status = item.status
        day: date | None = item.day
        at = item.at
        if existing is not None:
            # Other programs do not know what Cadence adds: keep the key messages, notes,
            # campaign and a status of the same kind that were given to the post here.
            wanted.update(existing.message_ids)
            if existing.status in item.keep_status:
                status = existing.status
            if self._same_moment(existing, day, at):
                day, at = existing.date, existing.time  # 02:30 the night clocks skip it
        return NewPost(
            title=item.title,
            channel_id=found_channel,
            message_ids=tuple(sorted(wanted)),
            date=day,
            time=at,
            status=status,
            body=item.body,
            campaign_id=existing.campaign_id if existing is not None else None,
            link=item.link,
            notes=existing.notes if existing is not None else _location_note(item.location),
        )

    def write(self, items: list[_Item], progress: Progress, done: int, total: int) -> None:
        """Add and update the posts; progress runs from ``done`` to ``total``."""
        store, summary = self.store, self.summary
        existing = store.posts_with_uids(item.uid for item in items)
        gone = store.deleted(item.uid for item in items if item.uid not in existing)
        gone_history = store.history(list(gone.values()))
        names = self.names
        own = [item for item in items if item.own]  # other programs' events name no channel
        learn_renames(
            store,
            summary,
            (names.channels, names.messages, names.campaigns),
            own,
            (
                lambda item: [item.channel[0]] if item.channel else [],
                lambda item: [m[0] for m in item.messages],
                lambda item: [item.campaign[0]] if item.campaign else [],
            ),
            existing,
            lambda item: item.uid,
            _same_version,
            _alike(store, own),
        )
        names.read_known_messages()
        # Occurrences of other programs' recurring events: made by the file, and here.
        made = _made_by_event(items)
        imported = {source: self.store.imported_occurrences(source) for source in made}
        # An occurrence whose event moved there before, and got its RECURRENCE-ID then,
        # is found by it (its uid still says where it first was).
        by_rid = {
            (post.source_uid, post.recurrence_id): post
            for posts in imported.values()
            for post in posts
        }
        for item in items:
            if item.uid not in existing and item.source in by_rid:
                existing[item.uid] = by_rid[item.source]
        moved = self._series_moved(items, existing, made, imported)
        # Posts of moved occurrences: their event's UID and RECURRENCE-ID now.
        shifted: dict[int, tuple[str, str]] = {}
        fresh: list[NewPost] = []
        fresh_items: list[_Item] = []
        edits: dict[int, PostChanges] = {}
        previous: list[Post] = []
        # Conflict copies, whether the file's version won, and the title of the one kept.
        copies: list[tuple[NewPost, bool, str]] = []
        taken: dict[int, tuple[datetime, int]] = {}
        histories: dict[int, History | None] = {}  # of the versions taken
        settled: dict[int, tuple[tuple[datetime, int], History | None]] = {}  # kept as copies
        absorbed: dict[int, tuple[tuple[datetime, int], History | None]] = {}
        said: dict[int, list[str]] = {}  # notes of what other programs' events said
        seen: set[str] = set()
        middle = done + (total - done) // 2
        step = (middle - done) / max(len(items), 1)
        for count, item in enumerate(items):
            if count % 256 == 0:
                _advance(progress, done + int(count * step), total)
            if item.uid in seen:
                continue  # an override that lands on an occurrence listed twice
            seen.add(item.uid)
            old = existing.get(item.uid) or moved.get(item.uid)
            source, rid = item.source
            if old is not None and item.uid not in existing and source and rid is not None:
                shifted[old.id] = (source, rid)  # where its occurrence is now
            if old is not None and item.as_written is not None and old.body == item.as_written:
                item.body = item.as_written  # the post's own HTML, not Google's
            if old is not None and old.link and not item.link:
                _link_from_description(item, old.link)
            as_filed = item.body  # as the file has it
            if not item.own:
                # The line end Outlook adds after every text ("Post the video.\n", and
                # "\n" for none) is left off (each body ended in a blank line, sent so to
                # the publishing tools), a text changed there too; a post's own text here
                # that reads the same with it or without it is no change (one an earlier
                # release brought with it, one that ends so here).
                shortened = _less_a_line_end(item.body)
                if old is not None and old.body in (item.body, shortened):
                    item.body = old.body
                else:
                    item.body = shortened
            deleted = gone.get(item.uid) if old is None else None
            if deleted is not None and not item.own:
                # Another program's event of a post deleted here is told by what it
                # shows, before it needs a channel (it names none); its link, dropped
                # from URL by Google and Outlook, read back from the end of its text;
                # the text as the file has it too (the post deleted here may have come
                # with Outlook's line end, by an earlier release: left off above).
                readings = [(item.body, item.link), (as_filed, item.link)]
                split = _trailing_link(item.body) if not item.link else None
                if split is not None:
                    readings.append(split)
                if any(
                    stays_deleted(
                        deleted,
                        "",
                        None,
                        None,
                        gone_history[deleted.id],
                        told=shown_note(item.title, body, link, item.day, item.at, item.status),
                    )
                    for body, link in readings
                ):
                    summary.left_deleted += 1
                    continue
            new = self.desired(item, old)
            if new is None:
                continue
            if old is not None and item.wall_zone is not None:
                new = at_our_moment(old, new, item.wall, self.zone, item.wall_zone)
            if deleted is not None and item.own:
                # Cadence's own version, unless another program edited it since.
                version = item.edited if item.written and item.touched is None else None
                history = gone_history[deleted.id]
                # The deleted one's number and second, but not what it showed when
                # deleted: another version (two edits in one second).
                gone_told = [n for n in history.notes if n.startswith("gone shown:")]
                same = (
                    None
                    if item.checksum is None or not gone_told
                    else gone_note(f"shown:{item.checksum}") in gone_told
                )
                told = shown_note_of(new)
                if stays_deleted(
                    deleted, shown_sum(new), version, item.earlier, history, told=told, same=same
                ):
                    summary.left_deleted += 1
                    continue
            if deleted is not None:
                summary.revived.append(deleted)
            if old is None:
                fresh.append(new)
                fresh_items.append(item)
                self.placed.add(item.event)
            elif post_content(old, self.zone) == post_content(new, self.zone):
                summary.unchanged += 1
                if not item.written:
                    said[old.id] = item.notes_kept(shown_note_of(new))
            elif _same_version(item, old) and (
                differs_in_names_only(old, new) or same_on_another_clock(old, new, item.wall)
            ):
                # The post as it is here, read through names one side renamed (two
                # swapped, a new channel under an old name), or on the clock of the
                # zone this calendar had when the file was written: not a move made there.
                summary.unchanged += 1
            else:
                history = store.history([old])[old.id]
                if item.written:
                    take, keep_other = _reconcile(item, old, history)
                    if item.touched is not None and (take or keep_other):
                        said[old.id] = item.notes_kept()  # what the edit there said
                else:
                    take, keep_other = _reconcile_said(item, old, history, new)
                    if take:
                        said[old.id] = item.notes_kept(shown_note_of(new))
                if keep_other:
                    copies.append(
                        (old.as_new() if take else new, take, (new if take else old).title)
                    )
                    if not take and item.edited is not None and item.written:
                        settled[old.id] = (item.edited, item.earlier)
                if take:
                    alike = read_alike(old, new, item.wall)
                    if alike is not None and item.wall_zone is not None:
                        zone = getattr(item.wall_zone, "key", str(item.wall_zone))
                        self.same_clock.append((*alike, zone))
                    edits[old.id] = full_edit(new)
                    previous.append(old)
                    self.placed.add(item.event)
                    version = item.edited
                    if not item.written or version is None or version == _edited(old):
                        pass
                    elif item.touched is None:
                        taken[old.id] = version  # another calendar's version: ours is it now
                        histories[old.id] = item.earlier
                    else:  # edited elsewhere since: the version it was written from is past
                        absorbed[old.id] = (version, item.earlier)
                elif not keep_other:
                    if item.said_in(history.notes) in history.notes_here:
                        # The event that made the post what it is, nothing edited since:
                        # read on the clock of a zone this calendar has had since.
                        summary.unchanged += 1
                    else:
                        summary.kept_newer += 1  # an older state of this post: ours stays
        kept = frozenset(post.id for post in moved.values())
        for post in self._withdrawn(store, items, edits, made, imported, kept):
            edits[post.id] = {"status": PostStatus.CANCELLED}
            previous.append(post)
            summary.withdrawn += 1
        _advance(progress, middle, total)
        created: list[int] = []
        for start in range(0, len(fresh), _BATCH):
            batch_items = fresh_items[start : start + _BATCH]
            new_ids = store.add_posts(
                fresh[start : start + _BATCH],
                uids=[i.uid for i in batch_items],
                sources=[i.source if i.source[0] else i.carried for i in batch_items],
                edited=[i.edited if i.written else None for i in batch_items],
                earlier=[i.earlier for i in batch_items],
            ).created
            created.extend(new_ids)
            summary.added.extend(new_ids)
            said.update(
                (post_id, item.notes_kept())
                for post_id, item in zip(new_ids, batch_items, strict=True)
                if not item.written
            )
            said.update(
                (post_id, [NOTES_WITHHELD])
                for post_id, item in zip(new_ids, batch_items, strict=True)
                if item.own and item.notes_withheld
            )
            _advance(progress, middle + (total - middle) * len(created) // len(fresh), total)
        joined: dict[str, int] = {}  # a series of the file some of whose posts are here
        for item in items:
            here = existing.get(item.uid)
            if item.series is not None and here is not None and here.series_id is not None:
                joined.setdefault(item.series[0], here.series_id)
        joined |= self._parts_joined(fresh_items, joined)
        self._adopt_series(fresh_items, created, joined)
        conflicts = Conflicts(store, summary)
        for copy, taken_over, staying in copies:
            if not conflicts.keep(copy, staying) and not taken_over:
                summary.kept_newer += 1  # the file's version was kept as a copy before
        summary.settled.extend(store.settle_versions(settled))
        if edits:
            store.update_posts(edits)
            store.take_edits(taken, histories)
            store.absorb_versions(absorbed)
            summary.previous.extend(previous)
        if shifted:
            store.moved_occurrences(shifted)
        if joined:  # each series' items of the file, and the posts made of them
            written: dict[str, dict[str, _Item]] = {}
            for item in items:
                if item.series is not None and item.series[0] in joined:
                    written.setdefault(item.series[0], {})[item.uid] = item
            arrived: dict[str, list[int]] = {}
            for post_id, item in zip(created, fresh_items, strict=True):
                if item.series is not None and item.series[0] in joined:
                    arrived.setdefault(item.series[0], []).append(post_id)
            for key, series_id in joined.items():
                self._as_written(series_id, written.get(key, {}), arrived.get(key, []))
        store.add_notes(said)
        _advance(progress, total, total)

    def _as_written(
        self, series_id: int, written: Mapping[str, _Item], made: Sequence[int]
    ) -> None:
        """Give our series the rule its series in the file has (``written``: its items,
        by uid) where it was changed as a whole in the calendar written
        (:func:`.formats.take_series_rule`); ``made`` are the posts the import made of
        it."""
        first = next(iter(written.values()), None)
        if first is None or first.series is None or any(i.moved for i in written.values()):
            return
        _, rrule, anchor, at, exdates, _ = first.series
        there = {
            uid: (item.day, item.at, item.series[5] if item.series else None)
            for uid, item in written.items()
        }
        series = self.store.series(series_id)
        take_series_rule(
            self.store, self.summary, series, (rrule, anchor, at, exdates), there, made
        )

    @staticmethod
    def _series_moved(
        items: Sequence[_Item],
        existing: Mapping[str, Post],
        made: Mapping[str, set[str]],
        imported: Mapping[str, list[Post]],
    ) -> dict[str, Post]:
        """Occurrences of another program's recurring event moved there all at once
        ("all events" at 10:00, or on Tuesdays): by their item's uid, the posts imported
        before that they are. Every occurrence of the event in the file is new here, and
        each is one the file no longer makes moved by one same step (a rule's new start
        moves each RECURRENCE-ID alike), those that went out too; otherwise nothing is
        paired, and those the file no longer makes are withdrawn as usual. An occurrence
        cancelled there moves too (it was left out, and nothing paired); one deleted
        there as the series moved is left to be withdrawn, the others moving (all were
        withdrawn, and new posts made without their key messages), but a step read from
        one occurrence alone moves none."""
        new: dict[str, list[_Item]] = {}
        known: set[str] = set()  # events of which the calendar has an occurrence still
        for item in items:
            source, rid = item.source
            if source is None or rid is None:
                continue
            if item.uid in existing:
                known.add(source)
            else:
                new.setdefault(source, []).append(item)
        paired: dict[str, Post] = {}
        for source, arrived in new.items():
            if source in known:
                continue  # some occurrences stayed: one taken out, another added, no move
            # Google's "this and following" ends the event there and makes the following
            # a new one: they are the posts its first part no longer makes.
            origin = source if imported[source] else _split_from(source, made) or source
            stale = {
                _rid_moment(post.recurrence_id or ""): post
                for post in imported[origin]
                if post.recurrence_id not in made[origin]
            }
            # (Those that went out move too, as a single event's post moved there does:
            # one of them stopped every other from moving, and each then had a twin
            # made, and the rest were cancelled, the key messages given here lost.)
            moments = {_rid_moment(item.source[1] or ""): item for item in arrived}
            if len(stale) <= len(moments):
                # Each post finds its occurrence by one same step; the occurrences past
                # them are new (a rule without end reaches further from a later start or
                # a later day: none was paired, every post cancelled and made anew).
                if not stale or len(stale) < 2 <= len(moments):
                    continue  # a step read from one post alone moves none
                first = min(stale)
                steps = sorted({moment - first for moment in moments}, key=abs)
                step = next((d for d in steps if all(m + d in moments for m in stale)), None)
                if step is not None:
                    paired.update((moments[m + step].uid, post) for m, post in stale.items())
                continue
            if len(moments) < 2:
                continue  # a step read from one occurrence alone moves none
            first = min(moments)
            steps = sorted({first - moment for moment in stale}, key=abs)
            step = next((d for d in steps if all(m - d in stale for m in moments)), None)
            if step is not None:
                paired.update((item.uid, stale[moment - step]) for moment, item in moments.items())
        return paired

    @staticmethod
    def _withdrawn(
        store: CalendarStore,
        items: Sequence[_Item],
        edits: Mapping[int, PostChanges],
        made: Mapping[str, set[str]],
        imported: Mapping[str, list[Post]],
        moved: frozenset[int],
    ) -> list[Post]:
        """Occurrences imported before that a recurring event of the file no longer makes
        (an EXDATE added, a changed or shortened rule), but for those ``moved`` with it.
        Where the file may spell out less than the event makes (an endless rule stops
        at a horizon, a long one at a limit and from a year ago), only those up to its
        last occurrence read, and from the first read where those before were left out.
        A published one stays: it went out; so does one a later version of the event
        brought (by its LAST-MODIFIED, else its SEQUENCE): the file is an older one."""
        whole = {item.source[0] for item in items if item.whole and item.source[1] is not None}
        read_from = {item.source[0]: item.read_from for item in items if item.read_from is not None}
        # Of each recurring event of the file, its latest LAST-MODIFIED and SEQUENCE as
        # the notes keep them.
        stamps: dict[str | None, str] = {}
        sequences: dict[str | None, str] = {}
        for item in items:
            for latest, text in (
                (stamps, None if item.modified is None else _utc_text(item.modified)),
                (sequences, None if item.sequence is None else f"{item.sequence:09d}"),
            ):
                if text:
                    latest[item.source[0]] = max(latest.get(item.source[0], text), text)
        gone = []
        for source, rids in made.items():
            if source not in read_from:
                continue  # occurrences without their rule say nothing of the others
            first, last = read_from[source], max(rids)
            for post in imported[source]:
                rid = post.recurrence_id
                if (
                    rid is not None
                    and rid not in rids
                    and (source in whole or first <= rid <= last)
                    and post.status not in (PostStatus.CANCELLED, PostStatus.PUBLISHED)
                    and post.id not in edits
                    and post.id not in moved
                ):
                    gone.append(post)
        histories = store.history(gone)

        def brought_later(post: Post) -> bool:
            notes = histories[post.id].notes
            stamp, came = stamps.get(post.source_uid), _last_noted(notes)
            if stamp is not None and came is not None:
                return came > stamp
            number, revised = sequences.get(post.source_uid), _last_noted(notes, "sequence:")
            return number is not None and revised is not None and revised > number

        return [post for post in gone if not brought_later(post)]

    def _parts_joined(self, items: Sequence[_Item], joined: Mapping[str, int]) -> dict[str, int]:
        """Series of the file none of whose posts are here, that an earlier file's part
        of them made (a series exported one quarter at a time): the one series here with
        their rule, first day and time, its posts on their channel under their title,
        none on their days. They were two series, each hiding the other's posts, an
        "All" change reaching one."""
        days: dict[str, set[date]] = {}
        first: dict[str, _Item] = {}
        for item in items:
            if item.series is not None and item.series[0] not in joined:
                days.setdefault(item.series[0], set()).add(item.series[5] or item.day)
                first.setdefault(item.series[0], item)
        found: dict[str, int] = {}
        for key, item in first.items():
            _, rule, anchor, at, _, _ = item.series  # type: ignore[misc]
            alike = self.store.series_alike(rule, anchor, at)
            if len(alike) != 1:
                continue
            posts = self.store.series_posts(alike[0])
            # The same series: its posts on the file's channel, under its title (two
            # series of one rule, a newsletter and a recap, were made one).
            channel = self.store.channel_named(item.channel[0]) if item.channel else None
            same = channel is not None and all(
                (p.channel_id, p.title) == (channel.id, item.title) for p in posts
            )
            taken = {p.occurrence or p.date for p in posts}
            if same and not taken & days[key]:
                found[key] = alike[0]
        return found

    def _adopt_series(
        self, items: Sequence[_Item], ids: Sequence[int], joined: Mapping[str, int]
    ) -> None:
        """Put Cadence's own recurring series back together from X-CADENCE-SERIES; posts
        of a series that is here already (``joined``: its key to our series) join it.

        A series written in another zone whose times read differently here stays apart,
        as separate posts (as in a merge): its repeat rule speaks of the file's wall
        clock, and across daylight-saving changes no rule of ours describes the moments.
        """
        groups: dict[str, list[tuple[_Item, int]]] = {}
        for item, post_id in zip(items, ids, strict=True):
            if item.series is not None:
                groups.setdefault(item.series[0], []).append((item, post_id))
        apart = 0
        for key, members in groups.items():
            if any(item.moved for item, _ in members):
                apart += len(members)
                continue
            days = {post_id: item.series[5] or item.day for item, post_id in members}  # type: ignore[index]
            if key in joined:
                self.summary.remember_series(self.store, joined[key])
                self.store.join_series(joined[key], days)
                continue
            _, rule, anchor, at, exdates, _ = members[0][0].series  # type: ignore[misc]
            change = self.store.adopt_series(rule, anchor, at, days, exdates)
            self.summary.series_added.extend(change.created)
        if apart:  # said as a merge says it
            self.summary.notes.append(apart_note(apart, "the file's", self.store.zone.key))


def import_ics(
    store: CalendarStore,
    source: Path,
    options: ImportOptions,
    progress: Progress,
    *,
    today: date | None = None,
) -> ImportSummary:
    """Bring the events of the iCalendar file ``source`` into ``store`` as posts.

    One transaction: a problem or a cancel leaves the calendar as it was.
    ``today`` (default: today in the calendar's zone) decides whether a
    confirmed event of another program is already published and where an
    endless repeat rule stops (:data:`calendar_app.core.recurrence.HORIZON`
    after the later of its start and today).
    """
    source = Path(source)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise os_problem_for(exc, str(source)) from exc
    text = _decode(source, raw)
    zone = store.zone
    if today is None:
        today = store.today()
    reader = _Reader(source, text, zone, today, progress)
    with _without_cycle_collection():
        items = reader.parse()
    summary = ImportSummary()
    summary.skipped.extend(reader.skipped)
    with environment_errors(), store.db.atomic():
        writer = _Writer(
            store,
            options,
            reader.layout,
            summary,
            reader.described,
            reader.known_messages,
        )
        writer.write(items, progress, reader.total * 2 // 3, reader.total)
        start_from_first_posts(store, summary, exact=writer.names.dated)
        writer.names.order_channels_made()
        summary.notes.extend(
            note for uid, note in reader.endless.items() if store.imported_occurrences(uid)
        )
        spanning = [
            title for event, title in reader.spanning.items() if title and event in writer.placed
        ]
        spans = spanning_note(spanning)
        if spans is not None:
            summary.notes.append(spans)
        second = [told for event, told in reader.second_pass.items() if event in writer.placed]
        zones = {zone for *_, zone in writer.same_clock}
        for note in (
            second_pass_note(second),
            *(
                same_clock_note(
                    [
                        (t, both, here, day)
                        for t, both, here, day, z in writer.same_clock
                        if z == zone
                    ],
                    zone,
                    source.name,
                )
                for zone in sorted(zones)
            ),
        ):
            if note is not None:
                summary.notes.append(note)
        names = writer.names
        unread = sorted(
            (
                category
                for key, category in writer.unread_categories.items()
                if key not in names.channels and key not in names.messages  # made since
            ),
            key=name_order,
        )
        if unread:
            summary.notes.append(
                f"Categories that name no channel or key message here were left out:"
                f" {quoted_names(unread, most=5)}."
            )
        lookalike = _lookalikes_note(store, summary.added)
        if lookalike is not None:
            summary.notes.append(lookalike)
    summary.skipped.sort(key=_line_number)
    return summary


def _lookalikes_note(store: CalendarStore, added: Sequence[int]) -> str | None:
    """A note naming the posts added that look like posts here already (the same title,
    day and time): a file that came back from a program giving its events new UIDs
    (Outlook, for single events) added every post a second time, unsaid."""
    new = [p for p in store.posts(added) if p.date is not None]
    if not new:
        return None
    fresh = set(added)
    days = [p.date for p in new if p.date is not None]
    here = {
        (p.title.casefold(), p.date, p.time)
        for p in store.posts_between(min(days), max(days))
        if p.id not in fresh
    }
    alike = [p.title for p in new if (p.title.casefold(), p.date, p.time) in here]
    if not alike:
        return None
    one = len(alike) == 1
    return (
        f"{len(alike)} post{'' if one else 's'} added {'looks' if one else 'look'} like"
        f" {'a post' if one else 'posts'} here already, with the same title, day and time"
        f" ({quoted_names(alike)}): a program that gives events new UIDs (Outlook does)"
        " may have written the file; undo the import if"
        f" {'it is a copy' if one else 'they are copies'}."
    )


def _line_number(sentence: str) -> int:
    match = re.match(r"line (\d+)", sentence)
    return int(match.group(1)) if match else 0


__all__ = [
    "CSS_COLOURS",
    "ICS_STATUS",
    "OCCURRENCE_NAMESPACE",
    "PRODID",
    "css_colour_name",
    "export_ics",
    "import_ics",
    "occurrence_uid",
    "planned",
    "posts_to_calendar",
    "posts_to_ics",
]
