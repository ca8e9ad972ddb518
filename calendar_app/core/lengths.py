"""How long a post's text is, as the platforms that publish it count.

A channel's character limit is counted in what a reader sees as one character (a
grapheme cluster): an emoji with its skin tone, a family of four joined into one, a
flag, a letter and the accent typed after it are each one. Python's ``len`` counted
code points (a family was 7, a flag 2, "é" typed as e and an accent 2).

X counts its own way (``twitter-text``'s weighted length): Latin, Greek, Cyrillic,
Arabic, Hebrew, Indic and the like count one a character; Chinese, Japanese and
Korean and other scripts count two; an emoji counts two, however many code points
make it; a web address counts 23, whatever its length. A channel named X or Twitter
is counted so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .top_domains import GENERIC_TOP_DOMAINS

ZWJ = "\u200d"

_ONE_ON_X = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
"""The code points X counts as one (twitter-text's ranges of weight 100); others, two."""

X_LINK_LENGTH = 23
"""What X counts a web address as (its t.co link)."""

_COUNTRY_LINKS = frozenset(
    "co io ai me tv ly eu uk de fr nl es it ca us au jp ch be se no dk fi at ie pt pl in".split()  # noqa: SIM905
)
"""Countries' domains an address is a link on without a path ("cadence.io"); on
another country's, with one ("amzn.to/3xYz")."""

_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
_LINK = re.compile(
    r"(?i)(?<![A-Za-z0-9@＠$#＃\u202a-\u202e])"
    r"(?:https?://[^\s<>\"]+"
    r"|" + _DOMAIN + r"(?P<top>xn--[a-z0-9-]+|[a-z]{2,63})\b(?P<path>/[^\s<>\"]*)?)"
)
"""What may be a web address in a post: with its scheme, or a domain and a path
(:func:`_links` keeps those X takes for one)."""


def _links(text: str) -> Iterator[re.Match[str]]:
    """The web addresses X finds in ``text``: with their scheme, on a generic top-level
    domain ("cadence.app", "www.example.com/spring", "solenne.solar"), on a country's
    with a path (the short links "amzn.to/3xYz", "linktr.ee/cadence"); not glued to a
    letter or digit before them."""
    for found in _LINK.finditer(text):
        top = found["top"]
        if top is None:  # with its scheme
            yield found
            continue
        top = top.lower()
        # (A path after a word of another ending is a file's name: "index.html/docs".)
        country = len(top) == 2 and found["path"] is not None
        if top in GENERIC_TOP_DOMAINS or top in _COUNTRY_LINKS or country:
            yield found


_PICTOGRAPHS = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2300, 0x23FF),
    (0x2B00, 0x2BFF),
    (0x1F1E6, 0x1F1FF),
)
"""Where emoji are (pictographs, symbols and the flags' letters)."""


def _is_pictograph(point: int) -> bool:
    return any(low <= point <= high for low, high in _PICTOGRAPHS)


def _extends(char: str) -> bool:
    """Whether ``char`` belongs to the character before it: an accent or other mark, a
    variation selector (the emoji form), a skin tone, a flag's tag, a keycap."""
    point = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
        or 0x1F3FB <= point <= 0x1F3FF
        or 0xE0020 <= point <= 0xE007F
        or char == "\u200c"
    )


def _hangul_goes_on(before: str, char: str) -> bool:
    """Whether ``char``, a Hangul vowel or final jamo, joins the syllable before it."""
    point, prior = ord(char), ord(before)
    vowel_or_final = 0x1160 <= point <= 0x11FF or 0xD7B0 <= point <= 0xD7FF
    syllable_part = 0x1100 <= prior <= 0x11FF or 0xAC00 <= prior <= 0xD7A3
    return vowel_or_final and syllable_part


def clusters(text: str) -> list[str]:
    """``text`` cut into what a reader sees as its characters (Unicode's extended
    grapheme clusters, as far as posts use them: marks, emoji sequences joined with a
    zero-width joiner, skin tones, flags, keycaps, Hangul jamo, CR LF)."""
    found: list[str] = []
    joining = False  # the last character was a zero-width joiner
    flag_open = False  # the last cluster is a flag's first regional letter
    for char in text:
        point = ord(char)
        regional = 0x1F1E6 <= point <= 0x1F1FF
        if found and (
            joining
            or _extends(char)
            or char == ZWJ
            or (regional and flag_open)
            or (char == "\n" and found[-1].endswith("\r"))
            or _hangul_goes_on(found[-1][-1], char)
        ):
            found[-1] += char
            flag_open = False
        else:
            found.append(char)
            flag_open = regional
        joining = char == ZWJ
    return found


def reader_length(text: str) -> int:
    """How many characters a reader sees in ``text``."""
    if text.isascii():  # most posts: a character each, but a line end of two
        return len(text) - text.count("\r\n")
    return len(clusters(text))


def x_length(text: str) -> int:
    """``text``'s length as X counts it (see the module's notes)."""
    text = unicodedata.normalize("NFC", text)
    length = 0
    last = 0
    for link in _links(text):
        length += _x_weight(text[last : link.start()]) + X_LINK_LENGTH
        last = link.end()
    return length + _x_weight(text[last:])


def _is_emoji(cluster: str) -> bool:
    """Whether a cluster is an emoji: a pictograph beyond the first plane (a flag too),
    one asked to show as an emoji (U+FE0F), joined or toned, or © and ®."""
    return any(
        (ord(c) > 0xFFFF and _is_pictograph(ord(c)))
        or c in "\ufe0f\u200d\u00a9\u00ae"
        or 0x1F3FB <= ord(c) <= 0x1F3FF
        for c in cluster
    )


def _x_weight(text: str) -> int:
    if text.isascii():  # one each (no emoji, no CJK; links are counted apart)
        return len(text)
    weight = 0
    for cluster in clusters(text):
        if _is_emoji(cluster):
            weight += 2  # however many code points make it; a script's mark after it, one
            weight += sum(
                1
                for c in cluster
                if unicodedata.category(c) in ("Mn", "Mc") and c not in "\ufe0e\ufe0f"
            )
            continue
        for char in cluster:
            point = ord(char)
            weight += 1 if any(low <= point <= high for low, high in _ONE_ON_X) else 2
    return weight


def counts_as_x(channel_name: str) -> bool:
    """Whether a channel of that name is X's (named "X", "Twitter", "X (EN)"...)."""
    words = re.findall(r"\w+", channel_name.casefold())
    return "x" in words or "twitter" in words


def post_length(text: str, channel_name: str) -> int:
    """``text``'s length as the channel named so counts it: X's way on X, else in
    characters as a reader sees them."""
    return x_length(text) if counts_as_x(channel_name) else reader_length(text)


__all__ = [
    "X_LINK_LENGTH",
    "clusters",
    "counts_as_x",
    "post_length",
    "reader_length",
    "x_length",
]


TITLE_CHARACTERS = 80
"""The most of a text's first line a title taken from it keeps (see :func:`title_of_text`)."""


def title_of_text(text: str) -> str:
    """A post's title from its text, for a sheet without titles: its first line, cut
    after the last whole word within :data:`TITLE_CHARACTERS`."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= TITLE_CHARACTERS:
        return line
    if line[TITLE_CHARACTERS].isspace():  # a word ends at the last character: kept
        return line[:TITLE_CHARACTERS].rstrip(" ,;:-–—") + "…"
    words = line[: TITLE_CHARACTERS + 1].rsplit(None, 1)
    cut = words[0] if len(words) == 2 else "".join(clusters(line)[:TITLE_CHARACTERS])
    return cut.rstrip(" ,;:-–—") + "…"


def title_leads(title: str, body: str) -> bool:
    """Whether ``body`` begins with ``title`` already: its first line, or the words its
    first line begins with ("Tip: clean your panels." of "Tip: clean your panels. It
    keeps…"), or that line cut as :func:`title_of_text` cuts it. The publishing tools'
    files then send the body alone (they send the title first otherwise)."""
    title = title.strip()
    if not title:
        return False
    line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if title.endswith("…") and title_of_text(body) == title:
        return True
    # Up to a word's end: "Launch" does not begin "Launching".
    return line.startswith(title) and (len(line) == len(title) or not line[len(title)].isalnum())
