"""Lengths of a post's text as the platforms count them (what a reader sees as a
character; X's weights). The X figures are those twitter-text 3 gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.core.lengths import clusters, counts_as_x, post_length, reader_length, x_length

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        (FAMILY, 1),  # four people joined: one
        ("\U0001f44d\U0001f3fd", 1),  # a thumbs-up with its skin tone
        ("\U0001f1ef\U0001f1f5\U0001f1eb\U0001f1f7", 2),  # two flags
        ("cafe\u0301", 4),  # e and the accent typed after it
        ("1\ufe0f\u20e3", 1),  # a keycap
        ("\U0001f3f3\ufe0f\u200d\U0001f308", 1),  # a rainbow flag
        ("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", 1),
        ("a\r\nb", 3),
        ("\u00e9\r\nb", 3),  # a spreadsheet's line end in a French post: one too
        ("\U0001f44d\U0001f3ff", 1),  # the darkest skin tone joins as the others do
        ("\u1112\u1161\u11ab", 1),  # a Hangul syllable typed as its jamo
        ("नमस्ते", 4),
        ("Hello, world", 12),
    ],
)
def test_a_reader_s_characters(text: str, seen: int) -> None:
    assert reader_length(text) == seen


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("中" * 150, 300),  # Chinese counts twice: 150 characters are over 280
        (FAMILY * 41, 82),  # an emoji counts two, however it is made
        ("\U0001f44d\U0001f3fd", 2),
        ("\U0001f1ef\U0001f1f5", 2),
        ("cafe\u0301", 4),
        ("Hello world", 11),
        ("\U0001f44d\U0001f3ff", 2),
        ("Write to hi@example.com", 23),  # an e-mail address is no link
        ("\u201f", 1),  # the last of a weight-one range
        ("\U0001f642\u0301", 3),  # a mark after an emoji counts one more
        ("©", 2),
        ("1\ufe0f\u20e3", 2),
        ("☀ sun", 6),
        ("नमस्ते दुनिया", 13),
        ("สวัสดีครับ", 10),
        ("مرحبا بالعالم", 13),
        ("שלום עולם", 9),
        ("“quotes” — dash…", 17),
        ("€ 100", 6),
        ("日本語のテキストとEnglish mixed", 31),
        ("한국어 텍스트", 13),
        ("Read https://example.com/very/long/path/indeed?x=1 now", 32),  # a link is 23
        ("www.cadence.app is it", 29),
        ("See cadence.app/spring", 27),
        ("Shop now amzn.to/3xYzAb", 32),  # a short link on a country's domain
        ("Join us discord.gg/cadence", 31),
        ("goo.gl/maps/abc", 23),
        ("Offer at solenne.solar/offer now", 36),  # any generic top-level domain
        ("see example.studio", 27),
        ("Our agency.AGENCY site", 32),
        ("Open notes.txt today", 20),  # not a domain: a file's name
        ("Visit cadence.de today", 35),
        ("Mail dupont.fr", 28),
        ("Read example.zz now", 19),  # a country's, without a path
        ("Open index.html/docs", 20),  # no domain's ending: a file's name
        ("config.yaml/ci", 14),
    ],
)
def test_x_s_weighted_length(text: str, counted: int) -> None:
    assert x_length(text) == counted


@pytest.mark.parametrize(
    ("name", "x"),
    [("X", True), ("Twitter", True), ("X (EN)", True), ("twitter fr", True), ("Xing", False)],
)
def test_a_channel_named_x_or_twitter_counts_as_x(name: str, x: bool) -> None:
    assert counts_as_x(name) is x
    assert post_length("中文", name) == (4 if x else 2)


@given(st.text())
def test_the_characters_are_the_text_cut_up(text: str) -> None:
    parts = clusters(text)
    assert "".join(parts) == text
    assert all(parts)
    assert reader_length(text) <= len(text)


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)))
def test_plain_text_without_a_link_counts_a_character_each_on_x(text: str) -> None:
    if "." not in text and "://" not in text:
        assert x_length(text) == len(text)


FLAG = "\U0001f1ef\U0001f1f5"


@pytest.mark.parametrize("joined", [FLAG, FAMILY, "e\u0301", "\U0001f44d\U0001f3fd"])
def test_a_text_cut_short_is_cut_between_characters(joined: str) -> None:
    """A flag cut in two showed a boxed letter; a family, its people apart."""
    from calendar_app.core.models import shortened

    text = "a" * 38 + joined + "b" * 10
    assert shortened(text, 39) == "a" * 38 + joined + "…"
    assert shortened("a" * 39 + joined, 40) == "a" * 39 + joined  # 40 characters: whole


@given(st.text(min_size=1), st.integers(min_value=1, max_value=50))
def test_a_text_cut_short_starts_as_the_text_does_and_keeps_its_characters_whole(
    text: str, most: int
) -> None:
    from calendar_app.core.models import shortened

    cut = shortened(text, most)
    kept = cut.removesuffix("…") if cut != text else cut
    assert text.startswith(kept)
    assert clusters(kept) == clusters(text)[: len(clusters(kept))]


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_a_reader_s_length_is_the_number_of_characters_cut_up(text: str) -> None:
    """Also where plain text is counted the quick way (a line end of two is one)."""
    assert reader_length(text) == len(clusters(text))
