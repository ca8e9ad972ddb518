"""Colours as a screen reader says them."""

from __future__ import annotations

import pytest

from calendar_app.core.colors import spoken
from calendar_app.core.store import PALETTE


@pytest.mark.parametrize(
    ("color", "name"),
    [
        ("#2f6fde", "blue"),
        ("#2ba36b", "green"),
        ("#9b4dca", "purple"),
        ("#0f9bb5", "teal"),
        ("#d6336c", "pink"),
        ("#6b7b8c", "grey"),
        ("#7a5c2e", "brown"),
        ("#ff8833", "orange"),
        ("#550000", "dark red"),
        ("#ffcccc", "light red"),
        ("#000000", "black"),
        ("#FFFFFF", "white"),
    ],
)
def test_a_colour_is_said_as_a_person_names_it(color: str, name: str) -> None:
    assert spoken(color) == name


def test_the_swatches_offered_are_told_apart_by_name() -> None:
    """The first eight colours a manager offers, each said by a name of its own but two."""
    names = [spoken(color) for color in PALETTE[:8]]
    assert len(set(names)) >= 7, names
