"""Rules of the models that several parts of Cadence ask."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from calendar_app.core.models import NewPost, PostStatus, missed

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("day", "status", "gone"),
    [
        (TODAY - timedelta(days=1), PostStatus.DRAFT, True),
        (TODAY, PostStatus.DRAFT, False),  # today's may still go out
        (TODAY + timedelta(days=1), PostStatus.DRAFT, False),
        (TODAY - timedelta(days=1), PostStatus.SCHEDULED, False),
        (None, PostStatus.DRAFT, False),  # in the backlog: no day to miss
    ],
)
def test_a_draft_is_missed_once_its_day_has_gone_by(
    day: date | None, status: PostStatus, gone: bool
) -> None:
    """Every draft of today read "did not go out" were today counted gone by."""
    assert missed(NewPost("Post", 1, (), day, status=status), TODAY) is gone


def test_a_word_processor_s_line_break_is_a_line_end() -> None:
    """A vertical tab (a word processor's line break) ends a line in every text Cadence
    writes out, an .ics among them: dropped, the two lines were glued."""
    from calendar_app.core.models import line_ends

    assert line_ends("Line one\x0bLine two") == "Line one\nLine two"
    assert line_ends("Line one\x0cLine two") == "Line one\nLine two"


def test_a_right_to_left_name_is_closed_off_from_the_sentence_around_it() -> None:
    from calendar_app.core.models import isolated

    assert isolated("שלום") == "\u2068שלום\u2069"


def test_a_date_or_a_time_out_of_shape_is_refused_with_a_sentence() -> None:
    """ "24:00" fell through to the clock's own error (a traceback in the window)."""
    from calendar_app.core.errors import InvalidInput
    from calendar_app.core.models import parse_date, parse_time

    with pytest.raises(InvalidInput, match="'24:00' is not a time of day"):
        parse_time("24:00")
    with pytest.raises(InvalidInput, match="is not a date; write it as YYYY-MM-DD"):
        parse_date("2027-3-2")
