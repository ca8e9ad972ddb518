"""What a search looks for, as the window's search box, the backlog's and the
command line read it.

A search is made of **words**, each found at the start of a word of the text, case
and accents aside ("laun" finds "launches", not "relaunch"; "Tieng" finds "Tiếng"),
and of **pieces found as written** anywhere: a phrase in quotes
(``"launch the bike"``), a word holding a sign that is not mere punctuation ("C++",
"#launch", "20%", "a@b.org", "example.com/spring") and a run of symbols or an emoji
("->", "🚀"). A word of a script written without spaces between words (Chinese,
Japanese, Thai) or with vowel signs the search index cuts words at (Hindi, Arabic)
is found anywhere; a word of another script starts a word also where such a script
gives way to it ("iPhone" in "新しいiPhoneを発表").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .models import folded

_PUNCTUATION = frozenset(".,;:!?'\"()[]{}-‐–—’‘“”«»„…¿¡")
"""Signs that go around or inside words as they are written ("e-mail", "don't",
"launch."): they do not make a word a piece to be found as written."""

_QUOTED = re.compile(r"[\"“”„]([^\"“”„]*)[\"“”„]")


TEXTS_APART = "\u241e"
"""What stands between a post's title, body and notes as they are searched: no space
and no letter, so that a phrase in quotes is not found across two of them."""


def in_a_word(char: str) -> bool:
    """Whether ``char`` belongs to a word of a search: a letter or digit, a mark written
    with one (the vowel signs of Hindi or Thai, an accent typed apart) or a joiner
    (Persian's zero-width non-joiner)."""
    return char.isalnum() or unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")


def unspaced(char: str) -> bool:
    """A letter of a script the search index cuts into words poorly: one without case
    (Chinese, Japanese, Thai, Arabic, Hebrew, Devanagari...) or a mark."""
    return unicodedata.category(char) in ("Lo", "Mn", "Mc")


def searchable(text: str) -> str:
    """``text`` as a search reads it: folded (:func:`.models.folded`), each run of
    spaces and line ends one space."""
    return " ".join(folded(text).split())


def plain_texts(*texts: str) -> str:
    """The texts of one post read together as a search reads them (:func:`searchable`)."""
    return searchable(TEXTS_APART.join(texts))


def starts_a_word(plain: str, word: str) -> bool:
    """Whether ``word`` (folded) starts a word of ``plain`` (:func:`searchable`): after
    anything but a letter, or where a script written without spaces gives way to
    another; anywhere for a word of such a script."""
    if any(unspaced(c) for c in word):
        return word in plain
    at = plain.find(word)
    while at != -1:
        if at == 0:
            return True
        before = plain[at - 1]
        if not in_a_word(before) or (unspaced(before) and not unspaced(plain[at])):
            return True
        at = plain.find(word, at + 1)
    return False


@dataclass(frozen=True)
class SearchQuery:
    words: tuple[str, ...]
    """The words, in the composed Unicode form ("é" one character) as typed."""
    pieces: tuple[str, ...]
    """The pieces found as written, folded (:func:`searchable`)."""
    text: str = ""
    """The search as typed."""
    folded_words: tuple[str, ...] = ()
    """The words folded (:func:`.models.folded`), as the text is read."""

    @classmethod
    def of(cls, text: str) -> SearchQuery:
        return _read(text)

    def __bool__(self) -> bool:
        return bool(self.words or self.pieces)

    @property
    def unspaced(self) -> bool:
        """Whether a word is of a script the search index cuts words of poorly."""
        return any(unspaced(c) for word in self.words for c in word)

    def found_in(self, *texts: str) -> bool:
        """Whether these texts of one post, read together, hold every word (at the
        start of a word) and every piece."""
        return self.found_in_plain(plain_texts(*texts))

    def found_in_plain(self, plain: str) -> bool:
        """:meth:`found_in` for texts already read as a search reads them
        (:func:`plain_texts`: kept by a list searched again at each key typed)."""
        return all(piece in plain for piece in self.pieces) and all(
            starts_a_word(plain, word) for word in self.folded_words
        )


@lru_cache(maxsize=64)
def _read(text: str) -> SearchQuery:
    """A search's words and pieces (kept for the next time: a scan asks once a post)."""
    text = unicodedata.normalize("NFC", text)
    pieces: list[str] = []
    for quoted in _QUOTED.findall(text):
        # A phrase, or a word with a sign ("C++" in quotes is C++): as written.
        if len(quoted.split()) > 1 or any(
            not in_a_word(c) and c not in _PUNCTUATION for c in quoted.strip()
        ):
            pieces.append(searchable(quoted))
    for chunk in _QUOTED.sub(" ", text).replace('"', " ").split():
        if not any(in_a_word(c) for c in chunk):  # "->", "🚀"
            if len(chunk) > 1 or not chunk.isascii():  # not "#", a hashtag's first key
                pieces.append(searchable(chunk))
            continue
        chunk = chunk.strip("".join(_PUNCTUATION))
        if any(not in_a_word(c) and c not in _PUNCTUATION for c in chunk):
            pieces.append(searchable(chunk))
    words = "".join(c if in_a_word(c) else " " for c in text).split()
    return SearchQuery(
        tuple(words),
        tuple(dict.fromkeys(p for p in pieces if p)),
        text,
        tuple(folded(word) for word in words),
    )
