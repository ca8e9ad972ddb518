"""What a search looks for, as the window's search box, the backlog's and the
command line read it.

A search is made of **words**, found by their start in the search index as the index
cuts text into words ("laun" finds "launches"), and of **pieces found as written**:
a phrase in quotes (``"launch the bike"``), a word holding a sign that is not mere
punctuation ("C++", "#launch", "20%", "a@b.org", "example.com/spring") and a run of
symbols or an emoji ("->", "🚀"). A piece is looked for in the text, case, accents
and runs of spaces aside: "C++" finds the posts that say "c++", not every word
beginning with "c".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .models import folded

_PUNCTUATION = frozenset(".,;:!?'\"()[]{}-‐–—’‘“”«»„…¿¡")
"""Signs that go around or inside words as they are written ("e-mail", "don't",
"launch."): they do not make a word a piece to be found as written."""

_QUOTED = re.compile(r"[\"“”„]([^\"“”„]*)[\"“”„]")


def in_a_word(char: str) -> bool:
    """Whether ``char`` belongs to a word of a search: a letter or digit, or a mark
    written with one (the vowel signs of Hindi or Thai, an accent typed apart)."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


def searchable(text: str) -> str:
    """``text`` as pieces are looked for in it: folded (:func:`.models.folded`), each
    run of spaces and line ends one space."""
    return " ".join(folded(text).split())


@dataclass(frozen=True)
class SearchQuery:
    words: tuple[str, ...]
    """The words, in the composed Unicode form ("é" one character) as typed."""
    pieces: tuple[str, ...]
    """The pieces found as written, folded (:func:`searchable`)."""

    @classmethod
    def of(cls, text: str) -> SearchQuery:
        text = unicodedata.normalize("NFC", text)
        pieces = [searchable(phrase) for phrase in _QUOTED.findall(text) if len(phrase.split()) > 1]
        for chunk in _QUOTED.sub(" ", text).replace('"', " ").split():
            if not any(in_a_word(c) for c in chunk):  # "->", "🚀"
                if len(chunk) > 1 or not chunk.isascii():  # not "#", a hashtag's first key
                    pieces.append(searchable(chunk))
                continue
            chunk = chunk.strip("".join(_PUNCTUATION))
            if any(not in_a_word(c) and c not in _PUNCTUATION for c in chunk):
                pieces.append(searchable(chunk))
        words = "".join(c if in_a_word(c) else " " for c in text).split()
        return cls(tuple(words), tuple(dict.fromkeys(p for p in pieces if p)))

    def __bool__(self) -> bool:
        return bool(self.words or self.pieces)

    @property
    def terms(self) -> tuple[str, ...]:
        """Everything the text of a post must hold, folded: the words anywhere and the
        pieces as written."""
        return tuple(folded(word) for word in self.words) + self.pieces

    def found_in(self, *texts: str) -> bool:
        """Whether these texts of one post, read together, hold every term."""
        plain = searchable("\n".join(texts))
        return all(term in plain for term in self.terms)
