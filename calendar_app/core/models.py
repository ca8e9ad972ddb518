"""Typed records of a calendar: what the store reads and writes.

Dates are the calendar's local wall-clock dates (``datetime.date``) and times
(``datetime.time``, minutes only); the calendar's IANA zone says where that
wall clock hangs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
import zlib  # (the store imports it as it opens a calendar)
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from enum import StrEnum

from .errors import InvalidInput
from .lengths import clusters


class PostStatus(StrEnum):
    IDEA = "idea"
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    CANCELLED = "cancelled"

    @classmethod
    def parse(cls, text: str) -> PostStatus:
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise InvalidInput(f"'{text}' is not a post status; use one of {choices}.") from None


class CampaignKind(StrEnum):
    PRODUCT = "product"
    SERVICE = "service"
    PROMOTION = "promotion"


class WeekStart(StrEnum):
    """The first day of a calendar's week: Monday in most of the world, Sunday in the
    Americas and much of Asia, Saturday in Egypt, Iran and much of the Middle East."""

    MONDAY = "monday"
    SUNDAY = "sunday"
    SATURDAY = "saturday"

    @property
    def weekday(self) -> int:
        """The day as ``date.weekday()`` numbers it (Monday 0)."""
        return _FIRST_WEEKDAYS[self]

    def week_of(self, day: dt.date) -> dt.date:
        """The first day of the week holding ``day``, in weeks that start so."""
        return day - dt.timedelta(days=(day.weekday() - self.weekday) % 7)


_FIRST_WEEKDAYS = {WeekStart.MONDAY: 0, WeekStart.SATURDAY: 5, WeekStart.SUNDAY: 6}


CHANNEL_KINDS = (
    "social",
    "newsletter",
    "blog",
    "press release",
    "event",
    "website",
    "video",
    "podcast",
    "internal",
    "other",
)

_KIND_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("video", frozenset({"youtube", "vimeo", "video", "videos"})),
    ("podcast", frozenset({"podcast", "podcasts", "spotify"})),
    (
        "social",
        frozenset(
            {"facebook", "instagram", "linkedin", "x", "twitter", "tiktok", "threads"}
            | {"bluesky", "mastodon", "pinterest", "snapchat", "reddit", "xing", "social"}
        ),
    ),
    ("newsletter", frozenset({"newsletter", "newsletters", "email", "mailing", "substack"})),
    ("blog", frozenset({"blog", "blogs", "medium"})),
    ("press release", frozenset({"press", "pr", "media"})),
    ("event", frozenset({"event", "events", "webinar", "webinars", "conference", "meetup"})),
    ("website", frozenset({"website", "web", "site"})),
    ("internal", frozenset({"intranet", "internal", "staff", "employees"})),
)


def guessed_kind(name: str, default: str = "other") -> str:
    """The kind of channel a name says ("Facebook" is social, "Client webinars" an
    event), ``default`` when it says none: a channel typed on a new calendar's form,
    added on the command line or brought by a spreadsheet."""
    words = set(re.findall(r"\w+", name.casefold()))
    return next((kind for kind, known in _KIND_WORDS if words & known), default)


PLATFORM_LIMITS = {
    "linkedin": 3000,
    "instagram": 2200,
    "x": 280,
    "twitter": 280,
    "threads": 500,
    "bluesky": 300,
    "mastodon": 500,
}
"""The characters a post of the platforms known by name takes (a new calendar's
LinkedIn counted "75 characters" against no limit, as no channel of it had one)."""


def known_limit(name: str) -> int | None:
    """The character limit of the platform ``name`` names alone ("LinkedIn"), or None."""
    return PLATFORM_LIMITS.get(" ".join(name.casefold().split()))


_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_color(text: str) -> bool:
    """Whether ``text`` is a colour as Cadence writes one (``#rrggbb``)."""
    return _COLOR.match(text.strip()) is not None


def parse_color(text: str) -> str:
    """Return ``#rrggbb`` in lower case, or raise :class:`InvalidInput`."""
    if not _COLOR.match(text.strip()):
        raise InvalidInput(f"'{text}' is not a colour; write it as #RRGGBB, like #1f77b4.")
    return text.strip().lower()


def readable_color(text: str) -> str | None:
    """``text`` as a colour Cadence writes (:func:`parse_color`), or None for one another
    program, or a spoiled sector, left otherwise ("red", "#zzzzzz"): an export or a
    merge gives it none (a merge chooses one) rather than fail on it."""
    try:
        return parse_color(text)
    except InvalidInput:
        return None


MARKERS_SHOWN = 4
"""The key messages a post's chip shows a marker for (in the window, the PDF and the web
page, which names the rest as "+N"): the title keeps its room."""

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The days a calendar plans: far enough each way for any plan, and far from the
ends of Python's dates, which a window of days around them would run past."""
MAX_CADENCE_DAYS = 3650
"""The longest cadence a key message may have (ten years)."""
MAX_CHAR_LIMIT = 1_000_000


OUTSIDE_PLANS = f"is outside the years a calendar plans ({FIRST_DAY.year} to {LAST_DAY.year})"
"""What is said of a day before :data:`FIRST_DAY` or after :data:`LAST_DAY`."""


def every_days(cadence_days: int) -> str:
    """A cadence in words: "every day", "every 14 days"."""
    return "every day" if cadence_days == 1 else f"every {cadence_days} days"


def in_plans(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def check_day(day: date) -> date:
    """``day``, if it lies between :data:`FIRST_DAY` and :data:`LAST_DAY`."""
    if not in_plans(day):
        raise InvalidInput(f"{day.isoformat()} {OUTSIDE_PLANS}.")
    return day


def add_months(day: date, months: int) -> date:
    """``day`` ``months`` later (earlier when negative): the same day of the month, or
    that month's last where it has fewer days (31 January and a month: 28 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _month_days(year, month + 1)))


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=_month_days(day.year, day.month))


def this_month(day: date) -> tuple[date, date]:
    """The first and last days of ``day``'s month."""
    return day.replace(day=1), month_end(day)


def _month_days(year: int, month: int) -> int:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - timedelta(days=1)).day


def ascii_digits(text: str) -> str:
    """``text`` with the digits of every script as 0-9 ("٣" and "３" are 3): a date,
    time or rule typed on another script's keyboard, as files and programs read it."""
    if text.isascii():
        return text
    return "".join(
        c if c.isascii() or unicodedata.decimal(c, None) is None else str(unicodedata.decimal(c))
        for c in text
    )


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\u30fc", "-"))
"""Hyphens a keyboard or an input method gives for "-": Japanese's long-vowel mark
(hiragana mode's "ー"), the dashes of word processors, the minus sign."""


def _typed(text: str) -> str:
    """``text`` with its digits in ASCII and its full-width signs as plain ones
    ("２０２６－１２－０２", "２０２６ー１２ー０２" and "０９：３０" as a Japanese input
    method types them)."""
    return ascii_digits(unicodedata.normalize("NFKC", text)).translate(_DASHES)


def parse_date(text: str) -> date:
    digits = _typed(text).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", digits):  # not "2026-W01" nor "20261201"
        raise InvalidInput(f"'{text}' is not a date; write it as YYYY-MM-DD.")
    try:
        day = date.fromisoformat(digits)
    except ValueError:
        raise InvalidInput(f"'{text}' names a day that does not exist.") from None
    return check_day(day)


def parse_time(text: str) -> time:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", _typed(text))
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise InvalidInput(f"'{text}' is not a time of day; write it as HH:MM, like 09:30.")


_NOT_IN_NAMES = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
"""Control characters, line ends and tabs too: a name is on one line."""

WEB_ADDRESS = re.compile(r"(?i:https?|mailto|tel|ftp):[^\s\"<>\\^`{|}]+")
"""A link other programs may open (not a script: javascript:, data:), whole."""


def tool_link(link: str) -> str | None:
    """What a publishing tool's link column takes of a post's link: a web address only,
    as an .ics does (the tool makes it the post's link, and a spreadsheet made
    "=HYPERLINK(…)" one of its formulas); one typed without its scheme ("www.…") with
    it. A page, to shorten and preview: a mail or a phone number is no post's link."""
    link = link.strip()
    if link.lower().startswith("www."):
        link = f"https://{link}"
    web = link.lower().startswith(("http://", "https://"))
    return link if web and WEB_ADDRESS.fullmatch(link) else None


def published_ahead(status: PostStatus, day: date | None, today: date) -> bool:
    """Whether a post of ``status`` on ``day`` is published on a day after ``today``,
    before it can have gone out: it counts as delivered ahead of its delivery. A move
    there schedules it; the editor refuses it, Set status leaves it, and the command
    line and imports say it."""
    return status == PostStatus.PUBLISHED and day is not None and day > today


def link_in_text(link: str, *texts: str) -> bool:
    """Whether a post's text (its title, its body) has its link already, whole ("Read
    it: https://…", a full stop after it): the tools' files send it once (it went out
    twice, and counted twice against the limit). Within a longer address
    ("…/shop/mug" for the shop's "…/shop") it is not there."""
    link = link.strip()
    if not link:
        return False
    for text in texts:  # (found as a string, not a pattern made anew for each post)
        start = text.find(link)
        while start != -1:
            before = text[start - 1] if start else " "
            after = text[start + len(link) :].lstrip(_CLOSING)
            if (before.isspace() or before in _OPENING) and (not after or after[0].isspace()):
                return True
            start = text.find(link, start + 1)
    return False


_OPENING = "([\"'«“"
"""What may stand just before a link in a text: it starts there."""
_CLOSING = ".,;:!?)]\"'»”"
"""What may follow a link in a text before a space or the end: it ends there."""


def one_line(name: str) -> str:
    """A name as Cadence keeps it: on one line, without control characters (a line
    end, a tab or a terminal's escape code become a space), outer spaces and a
    byte-order mark in front off (no export carries one: the iCalendar library drops
    it), its accents composed (NFC)."""
    kept = _NOT_IN_NAMES.sub(" ", name).strip().lstrip("\ufeff").strip()
    return unicodedata.normalize("NFC", kept)


def shortened(text: str, most: int = 60) -> str:
    """``text`` as a sentence quotes it: cut after ``most`` characters (a rule of
    thousands of digits, a library's account quoting a whole file, was said back
    whole), between characters as a reader sees them."""
    if len(text) <= most:
        return text
    seen = clusters(text)
    return text if len(seen) <= most else "".join(seen[:most]) + "…"


def padded(text: str, width: int) -> str:
    """``text`` and spaces to fill ``width`` columns of a terminal, where letters of East
    Asian scripts take two ("ニュース" is eight wide) and marks none."""
    shown = sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )
    return text + " " * max(0, width - shown)


def with_year(day: dt.date, year: bool | dt.date) -> bool:
    """Whether a day is said with its year: ``year`` itself, or, given as a day
    (today), when ``day`` is of another year ("Thu 4 Dec" a year ago reads as today)."""
    if isinstance(year, dt.date):
        return day.year != year.year
    return year


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)  # a file's rows name the same few again and again
def name_key(name: str) -> str:
    """What tells a channel, key message or campaign name from another: its letters,
    whatever their case, outer spaces, control characters and Unicode form ("é" typed
    as one character or as "e" and an accent, as macOS and PDFs give it), and what
    does not show: a double space, a no-break space pasted from a web page or Word, a
    zero-width character or a letter that draws nothing, full-width letters (five
    "Made in Europe" were five key messages, and a CSV cell with no-break spaces named
    none of them; "LinkedIn" and a Hangul filler was a second LinkedIn)."""
    shown = "".join(
        c for c in one_line(name) if c not in _BLANK and unicodedata.category(c) != "Cf"
    )
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", shown)).strip().casefold()


_BLANK = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0"
    + "".join(map(chr, range(0x180B, 0x1810)))
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
"""Letters and marks that draw nothing (Hangul fillers, variation selectors, the
combining grapheme joiner, the braille blank), which :func:`name_key` drops beside the
format characters: Unicode's default ignorables that are not format characters."""


@functools.lru_cache(maxsize=8192)  # asked of each name in each row of a file
def shows_nothing(text: str) -> bool:
    """Whether ``text`` is empty to the eye: spaces, control and zero-width characters
    alone, or letters that draw nothing (a name of them named a channel no list could
    show)."""
    if text.isascii():
        return not one_line(text)
    return not name_key(text)


_STROKES = str.maketrans(
    {
        **{"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t"},
        # Letters a keyboard without them writes as two (French "coeur", Danish
        # "faerge", Icelandic "Thorshofn").
        **{"œ": "oe", "æ": "ae", "þ": "th", "ð": "d"},
        # Arabic script: the stretch that decorates a word (tatweel) goes; Persian's
        # yeh and keheh, as Persian and Arabic keyboards type them, are one letter each,
        # and a final yeh written without its dots (alef maksura) is a yeh.
        "\u0640": None,
        "\u06cc": "\u064a",
        "\u0649": "\u064a",
        "\u06a9": "\u0643",
        # A closing ta marbuta is written as heh in much of Egypt and the Levant.
        "\u0629": "\u0647",
    }
)
"""Letters whose accent is a stroke or a missing dot, which Unicode gives no parts:
read as their letter, as the index reads other accents; and Arabic script's
spellings of one word (see above)."""


def folded(text: str) -> str:
    """``text`` as a search compares it: case, accents and vowel marks aside ("Café"
    and "cafe", "Tiếng Việt" and "Tieng Viet", "مَرْحَبًا" and "مرحبا", "Łódź" and
    "Lodz" read the same; joiners aside)."""
    if text.isascii():
        return text.lower()  # the same, and a search reads every post's text so
    # Marks, and joiners and soft hyphens, which a word may be written with or not
    # (Persian's "می‌خواهم" and "میخواهم"), go.
    plain = unicodedata.normalize("NFKD", text).translate(_unwritten())
    if _BEYOND_THE_FIRST_PLANE.search(plain):  # rare: marks there are read one by one
        plain = "".join(c for c in plain if not _not_written(c))
    return plain.casefold().translate(_STROKES)


def _not_written(char: str) -> bool:
    return bool(unicodedata.combining(char)) or unicodedata.category(char) == "Cf"


@functools.cache
def _unwritten() -> dict[int, None]:
    """The marks and joiners of Unicode's first plane, to take out of a text at once
    (made on the first search: a few hundredths of a second)."""
    return {code: None for code in range(0x10000) if _not_written(chr(code))}


_BEYOND_THE_FIRST_PLANE = re.compile("[\U00010000-\U0010ffff]")


_RIGHT_TO_LEFT = frozenset(("R", "AL"))
_EXPLICIT = frozenset(("LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"))
"""Unicode's explicit direction marks: embeddings, overrides and isolates."""


LTR_ISOLATE = "\u2066"
RTL_ISOLATE = "\u2067"
FIRST_STRONG_ISOLATE = "\u2068"
POP_ISOLATE = "\u2069"


def reads_right_to_left(text: str) -> bool:
    """Whether ``text`` runs right to left as a whole: its first letter with a
    direction is Hebrew, Arabic or another right-to-left script's."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RIGHT_TO_LEFT:
            return True
        if kind == "L":
            return False
    return False


def isolated(text: str) -> str:
    """``text`` set apart to run its own way where it has right-to-left letters: a
    Hebrew title with a Latin word ("מבצע ב-Cadence") reads right to left on a
    left-to-right chip, cell or page, rather than in pieces. (Qt lays text out in
    the widget's direction; U+2068 and U+2069, as HTML's ``<bdi>``, mend that.)
    Text with direction marks is set apart too, an isolate it leaves open closed: a
    right-to-left override pasted in a name turned the words after it backwards
    ("'Warranty.syad 82 yb eudrevo"). Text with neither is returned as it is."""
    if text.isascii():
        return text
    kinds = [unicodedata.bidirectional(c) for c in text]
    if not any(k in _RIGHT_TO_LEFT or k in _EXPLICIT for k in kinds):
        return text
    unclosed = 0  # the closing mark ends the overrides and embeddings left open, not these
    kept = []
    for c, kind in zip(text, kinds, strict=True):
        if kind in ("LRI", "RLI", "FSI"):
            unclosed += 1
        elif kind == "PDI":
            if not unclosed:
                continue  # a stray one would close the isolate around the text early
            unclosed -= 1
        kept.append(c)
    return f"{FIRST_STRONG_ISOLATE}{''.join(kept)}{POP_ISOLATE * (unclosed + 1)}"


def in_words(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) > 1:
        return f"{', '.join(items[:-1])} and {items[-1]}"
    return items[0] if items else ""


MOST_NAMES = 12
"""How many names a list in a tooltip or a report entry gives (key messages, channels)
before "and N more": one listing each of 80 channels was taller than the screen."""


def few(names: Sequence[str], what: str = "", most: int = MOST_NAMES) -> list[str]:
    """``names`` as a short list gives them: the first ones, then "and 68 more
    ``what``" standing for the rest."""
    if len(names) <= most:
        return list(names)
    more = len(names) - most + 1
    return [*names[: most - 1], f"and {more} more{f' {what}' if what else ''}"]


def named_few(names: Sequence[str]) -> str:
    """``names`` in a sentence: "a, b and c" up to :data:`MOST_NAMES`, then the first
    ones and "and 68 more" (:func:`few`)."""
    return in_words(names) if len(names) <= MOST_NAMES else ", ".join(few(names))


def quoted_names(titles: Sequence[str], most: int = 3) -> str:
    """``'A', 'B' and 'C'``; beyond ``most``, ``'A', 'B', 'C' and 4 more``."""
    quoted = [f"'{isolated(t)}'" for t in titles]
    if len(quoted) > most:
        return f"{', '.join(quoted[:most])} and {len(quoted) - most} more"
    return in_words(quoted)


@functools.lru_cache(maxsize=8192)  # the same names sorted again at every change
def name_order(name: str) -> tuple[tuple[str | tuple[int, str], ...], str]:
    """Where a name (or a title in a column) sorts, as a reader looks for it: case and
    accents aside first ("Ärzte" beside "Arbeit", "Économie" before "Oper"), numbers by
    their value ("Pillar 2" before "Pillar 10", "9 tips" before "10 tips"), then with
    case and accents."""
    key = name_key(name)
    parts = re.split(r"(\d+)", folded(key))  # text, number, text...: like with like
    return tuple(_by_value(p) if i % 2 else p for i, p in enumerate(parts)), key


def _by_value(digits: str) -> tuple[int, str]:
    """Digits in any script as they sort by their value: fewer digits first, then digit
    by digit (no int: a title of 5,000 digits would be too long for one)."""
    plain = "".join(str(unicodedata.digit(d, 0)) for d in digits).lstrip("0")
    return len(plain), plain


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names for Cadence's sentences, in English as the sentences are, whatever the
computer's language (``strftime("%B")`` follows it: "24 11月" in an English sentence)."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def spelled_day(day: date, *, weekday: bool = True) -> str:
    """``Wednesday 18 November 2026`` (``18 November 2026`` without the weekday)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_time(value: time | None) -> str | None:
    return None if value is None else f"{value.hour:02d}:{value.minute:02d}"


def moment_of(day: date, at: time, zone: dt.tzinfo) -> dt.datetime:
    """The moment (in UTC) a wall-clock time of ``zone`` stands for, as RFC 5545 and
    every calendar program read it: a time the clocks skip counts with the offset
    before the change (02:30 on the night they go forward is 03:30), a repeated one
    is its first pass."""
    return dt.datetime.combine(day, at, tzinfo=zone).astimezone(dt.UTC)


def skipped_time(day: date, at: time, zone: dt.tzinfo) -> time | None:
    """The time of day ``at`` reads as where the clocks skip it on ``day`` (03:30 for
    02:30 on the night they go forward an hour), or None where it exists."""
    local = moment_of(day, at, zone).astimezone(zone)
    if (local.date(), local.time()) == (day, at):
        return None
    return local.time().replace(second=0, microsecond=0)


def going_out_time(day: date | None, at: time | None, zone: dt.tzinfo) -> time | None:
    """The time of day a post at ``at`` on ``day`` goes out, as it is shown: its own,
    or, where the clocks skip it that night (02:30 as they go forward), the time it
    then reads (03:30), as the week view places it (the month, the agenda and the
    client's page said 02:30, a time that night does not have)."""
    if day is None or at is None or not _clocks_change_on(day, zone):
        return at
    return skipped_time(day, at, zone) or at


@functools.lru_cache(maxsize=4096)  # asked of each chip painted: a day's answer kept
def _clocks_change_on(day: date, zone: dt.tzinfo) -> bool:
    """Whether ``zone``'s clocks change on ``day`` (its offset at the day's end is not the
    one at its start)."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(day, dt.time.max, tzinfo=zone)
    return start.utcoffset() != end.utcoffset()


def as_they_go_out(posts: list[Post], zone: dt.tzinfo) -> list[Post]:
    """``posts`` (in the store's date and time order) with the times they go out
    (:func:`going_out_time`), in that order: 02:15 on the night the clocks skip 02:00
    to 02:30 goes out at 02:45, after a post at 02:30."""
    shown = []
    moved = False
    for post in posts:
        at = going_out_time(post.date, post.time, zone)
        if at != post.time:
            post = replace(post, time=at)
            moved = True
        shown.append(post)
    if moved:
        shown.sort(
            key=lambda p: (p.date or dt.date.min, p.time is not None, p.time or dt.time.min, p.id)
        )
    return shown


def clock_change(day: date, at: time, zone: dt.tzinfo) -> tuple[str, time] | None:
    """How the clocks change over ``at`` on ``day``: ("forward", the time it then reads)
    where they skip it (02:30 reads 03:30), ("back", ``at``) where it comes twice (a
    post then goes out at the first, as calendar programs read it); None where neither."""
    later = skipped_time(day, at, zone)
    if later is not None:
        return "forward", later
    first = dt.datetime.combine(day, at, tzinfo=zone)
    if first.utcoffset() != first.replace(fold=1).utcoffset():
        return "back", at
    return None


def clock_note(
    day: date,
    at: time,
    zone: dt.tzinfo,
    *,
    on: str = "",
    clock: Callable[[time], str] = lambda at: f"{at:%H:%M}",
) -> str | None:
    """What to tell of a post at ``at`` on ``day`` where the clocks change over it
    (:func:`clock_change`), ``on`` after the time ("on 2027-03-28"), its times as
    ``clock`` writes them (the window's clock, "2:30 AM" in the US); None where they
    do not change."""
    change = clock_change(day, at, zone)
    if change is None:
        return None
    if change[0] == "forward":
        return (
            f"the clocks go forward that night: {clock(at)} does not exist{on},"
            f" so the post goes out at {clock(change[1])}"
        )
    return (
        f"the clocks go back that night: {clock(at)} comes twice{on},"
        " and the post goes out at the first"
    )


@dataclass(frozen=True, slots=True)
class CalendarInfo:
    name: str
    timezone: str
    week_start: WeekStart
    default_cadence_days: int


@dataclass(frozen=True, slots=True)
class Channel:
    id: int
    name: str
    kind: str
    color: str
    char_limit: int | None
    sort_order: int
    archived: bool


@dataclass(frozen=True, slots=True)
class KeyMessage:
    id: int
    title: str
    statement: str
    cadence_days: int
    color: str
    starts_on: date | None
    ends_on: date | None
    priority: int
    archived: bool


@dataclass(frozen=True, slots=True)
class Campaign:
    id: int
    name: str
    kind: CampaignKind
    starts_on: date | None
    ends_on: date | None
    color: str


@dataclass(frozen=True, slots=True)
class Series:
    """A recurrence rule whose occurrences are real posts.

    ``rrule`` is the RFC 5545 RRULE value (without ``RRULE:``); ``anchor`` is
    the first occurrence's local date and ``anchor_time`` its local time.
    ``exdates`` are occurrence dates that were deleted on their own.
    """

    id: int
    rrule: str
    anchor: date
    anchor_time: time | None
    exdates: tuple[date, ...]


DATED_ONLY = frozenset({PostStatus.SCHEDULED, PostStatus.PUBLISHED})
"""Statuses a post in the backlog cannot have: it has no day to go out on."""


def backlog_status(status: PostStatus) -> PostStatus:
    """The status a post takes in the backlog: a draft for a scheduled or published one."""
    return PostStatus.DRAFT if status in DATED_ONLY else status


@dataclass(slots=True)
class Post:
    """A post as stored. Treat it as read-only: the store hands out fresh copies.

    (Not a frozen dataclass: a month view builds thousands of posts per
    refresh, and a frozen dataclass is ten times slower to construct.)
    """

    id: int
    uid: str
    title: str
    body: str
    channel_id: int
    campaign_id: int | None
    status: PostStatus
    date: dt.date | None
    time: dt.time | None
    link: str
    notes: str
    series_id: int | None
    occurrence: dt.date | None
    message_ids: tuple[int, ...]
    created_at: dt.datetime
    updated_at: dt.datetime
    revision: int
    source_uid: str | None = None
    recurrence_id: str | None = None

    @property
    def is_backlog(self) -> bool:
        return self.date is None

    def delivers_on(self, as_of: dt.date) -> bool:
        """True when this post counts as a delivery of its key messages (DESIGN.md)."""
        return delivers(self.status, self.date, as_of)

    def status_placed_on(self, day: dt.date | None, today: dt.date | None = None) -> PostStatus:
        """The status this post takes when a move or a copy places it on ``day``: an
        idea taken out of the backlog onto a day becomes a draft, planned now (and so,
        from today on, a delivery of its key messages), as in the post editor when its
        date is ticked, and so does a post cancelled there (placed, it stayed cancelled
        and filled no gap, unsaid); a scheduled or published post put in the backlog is a draft
        there, since it has no day to go out on. Given ``today``, a published post put on
        a day after it is scheduled: it has not gone out then (published, it counted as
        delivered on a day to come, its real delivery gone). Anything else keeps its
        status."""
        if self.status in _SET_ASIDE and self.date is None and day is not None:
            return PostStatus.DRAFT
        if today is not None and published_ahead(self.status, day, today):
            return PostStatus.SCHEDULED
        return backlog_status(self.status) if day is None else self.status

    def copy_to(self, day: dt.date | None, at: dt.time | None) -> NewPost:
        """A copy of this post (to create) on ``day`` at ``at`` (no time in the backlog).
        A copy has not gone out yet: the copy of a published post on a day is scheduled;
        one of a cancelled post, a repeat of its message, is a draft, planned again to be
        approved (cancelled, it filled no gap, unsaid)."""
        placed = self.status_placed_on(day)
        status = {
            PostStatus.PUBLISHED: PostStatus.SCHEDULED,
            PostStatus.CANCELLED: PostStatus.DRAFT,
        }.get(placed, placed)
        return replace(self.as_new(), date=day, time=at if day is not None else None, status=status)

    def as_new(self) -> NewPost:
        """This post's content as a post to create (a copy); change it with
        ``dataclasses.replace``."""
        return NewPost(
            title=self.title,
            channel_id=self.channel_id,
            message_ids=self.message_ids,
            date=self.date,
            time=self.time,
            status=self.status,
            body=self.body,
            campaign_id=self.campaign_id,
            link=self.link,
            notes=self.notes,
        )


_SET_ASIDE = frozenset({PostStatus.IDEA, PostStatus.CANCELLED})
"""The statuses of a post in the backlog that a day given to it makes a draft."""


def delivers(status: PostStatus | str, day: date | None, as_of: date) -> bool:
    if day is None:
        return False
    if status in DATED_ONLY:
        return True
    return status == PostStatus.DRAFT and day >= as_of


@dataclass(frozen=True, slots=True)
class NewPost:
    """The fields of a post that does not exist yet."""

    title: str
    channel_id: int
    message_ids: tuple[int, ...] = ()
    date: dt.date | None = None
    time: dt.time | None = None
    status: PostStatus = PostStatus.DRAFT
    body: str = ""
    campaign_id: int | None = None
    link: str = ""
    notes: str = ""


def post_content(post: NewPost | Post, zone: dt.tzinfo | None = None) -> tuple[object, ...]:
    """What a user sees of a post, to tell whether an imported copy differs from it
    (a line end is a line end: iCalendar brings a spreadsheet's CRLF back as LF).

    Given the calendar's ``zone``, a time its clocks skip counts as the time it goes
    out (02:30 on the night they go forward is 03:30): the same moment, which a file
    from a calendar in another zone brings back as 03:30.
    """
    at = post.time
    if zone is not None and post.date is not None and at is not None:
        at = skipped_time(post.date, at, zone) or at
    return (
        line_ends(post.title.strip()),
        line_ends(post.body),
        post.channel_id,
        post.campaign_id,
        PostStatus(post.status),
        post.date,
        at,
        post.link,
        line_ends(post.notes),
        tuple(sorted(set(post.message_ids))),
    )


def differs_in_names_only(first: NewPost | Post, second: NewPost | Post) -> bool:
    """Whether two posts show the same but for their channel, key messages or campaign:
    one version of a post read through names one side renamed, not a post moved."""
    return (
        post_content(first) != post_content(second)
        and shown_note_of(first) == shown_note_of(second)
        and line_ends(first.notes) == line_ends(second.notes)
    )


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters other than tab and LF: none is allowed in iCalendar text."""


def line_ends(text: str) -> str:
    """The text as calendar programs carry it: each line end as LF (a spreadsheet's
    CRLF, an old Mac's CR, a word processor's line and page breaks, VT and FF), and no
    other control character (a tab stays)."""
    if _CONTROLS.search(text) is None:
        return text
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub(lambda found: "\n" if found[0] in "\r\x0b\x0c" else "", text)


ICS_STATUS = {  # iCalendar's STATUS of a post, as every calendar program reads it
    PostStatus.IDEA: "TENTATIVE",
    PostStatus.DRAFT: "TENTATIVE",
    PostStatus.SCHEDULED: "CONFIRMED",
    PostStatus.PUBLISHED: "CONFIRMED",
    PostStatus.CANCELLED: "CANCELLED",
}


def shown_note(
    title: str,
    body: str,
    link: str,
    day: date | None,
    at: time | None,
    status: PostStatus,
    *,
    with_controls: bool = False,
) -> str:
    """A note of what any calendar program shows of a post ("shown:1a2b3c4d"): title,
    text, link, day, time and its status as iCalendar tells it. Kept for each earlier
    version, and for what other programs' events said, so that the same content
    coming back from another program is known for a past state of the post.
    ``with_controls``: the note as files written before control characters counted
    as line ends carry it (the same note for a text with none)."""
    if with_controls:  # then only the text's line ends were read as LF
        title, body = title.strip(), body.replace("\r\n", "\n").replace("\r", "\n")
    else:
        title, body = line_ends(title.strip()), line_ends(body)
    fields = (
        title,
        body,
        link,
        day,
        at,
        ICS_STATUS[PostStatus(status)],
    )
    return f"shown:{zlib.crc32(repr(fields).encode('utf-8', 'surrogatepass')):08x}"


def missed(post: NewPost | Post, today: date) -> bool:
    """Whether ``post`` is a draft whose day has gone by: it never went out, and
    delivers nothing (DESIGN's rule), though it looks like a draft still to come."""
    return post.status == PostStatus.DRAFT and post.date is not None and post.date < today


def shown_note_of(post: NewPost | Post) -> str:
    return shown_note(post.title, post.body, post.link, post.date, post.time, post.status)


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What one store mutation changed, so that views refresh only that.

    ``created`` lists the ids of rows the mutation created, in order, of the
    kind the mutation is about (posts for ``add_post``, channels for
    ``add_channel``...). ``dates`` holds every local date whose content
    changed; ``backlog`` is true when the undated posts changed.
    """

    posts: frozenset[int] = frozenset()
    removed_posts: frozenset[int] = frozenset()
    messages: frozenset[int] = frozenset()
    channels: frozenset[int] = frozenset()
    campaigns: frozenset[int] = frozenset()
    series: frozenset[int] = frozenset()
    dates: frozenset[date] = frozenset()
    backlog: bool = False
    calendar: bool = False
    created: tuple[int, ...] = field(default=())

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            posts=self.posts | other.posts,
            removed_posts=self.removed_posts | other.removed_posts,
            messages=self.messages | other.messages,
            channels=self.channels | other.channels,
            campaigns=self.campaigns | other.campaigns,
            series=self.series | other.series,
            dates=self.dates | other.dates,
            backlog=self.backlog or other.backlog,
            calendar=self.calendar or other.calendar,
            created=self.created + other.created,
        )

    @property
    def empty(self) -> bool:
        return self == ChangeSet()
