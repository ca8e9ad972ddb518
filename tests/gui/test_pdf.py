"""The PDF for leadership: its pages, its words, its pictures, and the command line."""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import resource
import signal
import subprocess
import sys
import unicodedata
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, QRectF, QTextBoundaryFinder
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageSize,
    QPainter,
    QTextLayout,
)

from calendar_app.core.cadence import analyse, default_window
from calendar_app.core.models import NewPost, PostStatus
from calendar_app.core.store import CalendarStore
from calendar_app.exchange.formats import Cancelled, ExportOptions, no_progress
from calendar_app.exchange.html import export_html
from calendar_app.render import pdf
from calendar_app.render import report as report_module
from calendar_app.render.pdf import export_pdf, letters_without_a_font, render_images
from calendar_app.render.report import (
    TITLE_HEIGHT,
    PageStyle,
    build_delivery_report,
    labels_with_room,
    month_axis_labels,
)

from ..terminal import cadence
from .conftest import TODAY

MESSAGES = (
    "Solar pays for itself",
    "Installed by local experts",
    "Every roof counts",
    "Zero-hassle financing",
    "Backed by a 25-year warranty",
)
MONTHS = ("October 2026", "November 2026", "December 2026", "January 2027")


def page_count(data: bytes) -> int:
    """Page objects in a PDF (``/Type /Page``, not ``/Type /Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


def export(store: CalendarStore, target: Path, **options: object) -> bytes:
    options.setdefault("today", TODAY)
    export_pdf(store, target, ExportOptions(**options), no_progress)  # type: ignore[arg-type]
    return target.read_bytes()


def pdf_text(path: Path, *, page: int | None = None) -> str:
    """The words of the PDF (or of one page, from 1) as a reader sees them.

    Where the font has ligatures, the text names their characters ("ﬁ" in
    "ﬁnancing"); NFKC spells them out as PDF viewers do when searching.
    """
    pages = [] if page is None else ["-f", str(page), "-l", str(page)]
    result = subprocess.run(
        ["pdftotext", *pages, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return unicodedata.normalize("NFKC", result.stdout)


def test_the_reports_dates_are_in_english_as_its_words_whatever_the_locale(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """Under a German locale the delivery chart said "Dezember" and "Januar 2027" in an
    English report (its tables said "Wed 2 Dec")."""
    target = tmp_path / "report.pdf"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        with CalendarStore.open(demo_path) as store:
            export_pdf(store, target, ExportOptions(today=TODAY), no_progress)
        assert QLocale().language() == QLocale.Language.German  # given back
    finally:
        QLocale.setDefault(QLocale.c())
    words = pdf_text(target)
    assert "January 2027" in words
    assert not re.search("Dezember|Januar |Mi\\.|Okt", words)


def test_report_pages_then_one_page_per_month(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    target = tmp_path / "report.pdf"
    with CalendarStore.open(demo_path) as store:
        summary = export_pdf(store, target, ExportOptions(today=TODAY), no_progress)
        names = [name for name, _ in render_images(store, ExportOptions(today=TODAY))]
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    # An overview page, three pages of message cards (two a page), four months.
    assert page_count(data) == 8
    assert names == ["Message delivery", *["Message by message"] * 3, *MONTHS]
    assert summary.posts == 121
    assert summary.files == [target]
    # The period, a default here, is said.
    assert summary.describe() == (f"Exported 121 posts (1 Oct 2026 – 31 Jan 2027) to {target}.")
    # The document's title carries the calendar's name.
    assert "Solenne Solar".encode("utf-16-be") in data


def test_range_and_filters_decide_the_pages(demo_path: Path, tmp_path: Path, qapp: object) -> None:
    with CalendarStore.open(demo_path) as store:
        one = frozenset({m.id for m in store.key_messages() if m.title == MESSAGES[0]})
        three = frozenset({m.id for m in store.key_messages() if m.title in MESSAGES[:3]})
        two_months = {"first": date(2026, 11, 1), "last": date(2026, 12, 31)}
        assert page_count(export(store, tmp_path / "a.pdf", **two_months)) == 1 + 3 + 2
        assert page_count(export(store, tmp_path / "b.pdf", message_ids=one, **two_months)) == 4
        assert page_count(export(store, tmp_path / "c.pdf", message_ids=three, **two_months)) == 5
        posts = store.posts_between(date(2026, 10, 1), date(2027, 1, 31), message_ids=one)
        summary = export_pdf(
            store, tmp_path / "d.pdf", ExportOptions(today=TODAY, message_ids=one), no_progress
        )
    assert summary.posts == len(posts)
    assert 0 < summary.posts < 121


@pytest.mark.parametrize("country", [QLocale.Country.UnitedStates, QLocale.Country.Germany])
def test_a_report_kept_to_two_channels_names_both_whole(
    demo_path: Path, tmp_path: Path, qapp: object, country: QLocale.Country
) -> None:
    """On Letter the line under the title ended "the plan shows Linked…", on A4 "LinkedIn
    and Ins…": the client's leadership never learnt which channels the plan showed."""
    QLocale.setDefault(QLocale(QLocale.Language.English, country))
    try:
        with CalendarStore.open(demo_path) as store:
            kept = frozenset(c.id for c in store.channels() if c.name in ("LinkedIn", "Instagram"))
            store.update_info(timezone="America/Los_Angeles")
            export(store, tmp_path / "c.pdf", channel_ids=kept)
    finally:
        QLocale.setDefault(QLocale.c())
    text = " ".join(pdf_text(tmp_path / "c.pdf", page=1).split())
    assert "the plan shows LinkedIn and Instagram only" in text, text[:400]


def test_a_report_kept_to_a_channel_says_so(demo_path: Path, tmp_path: Path, qapp: object) -> None:
    """The plan keeps to the channels chosen, the cadence counts them all: both said."""
    with CalendarStore.open(demo_path) as store:
        linkedin = store.channel_named("LinkedIn")
        assert linkedin is not None
        options = {"first": date(2026, 11, 1), "last": date(2026, 11, 30)}
        export(store, tmp_path / "c.pdf", channel_ids=frozenset({linkedin.id}), **options)
        day = date(2026, 11, 18)
        one_day = ExportOptions(today=TODAY, first=day, last=day)
        summary = export_pdf(store, tmp_path / "d.pdf", one_day, no_progress)
        export(store, tmp_path / "e.pdf", channel_ids=frozenset({linkedin.id}), first=day, last=day)
    text = " ".join(pdf_text(tmp_path / "c.pdf", page=1).split())
    assert "deliveries on every channel; the plan shows LinkedIn only" in text
    month = " ".join(pdf_text(tmp_path / "c.pdf").split())
    assert re.search(r"\d+ posts on LinkedIn · as of", month)
    assert "(18 Nov 2026)" in summary.describe()  # one day, not "18 Nov – 18 Nov 2026"
    cover = " ".join(pdf_text(tmp_path / "d.pdf", page=1).split())
    assert "18 Nov 2026 · as of Wednesday 18 November 2026 · times in Europe/Amsterdam" in cover
    assert "18 Nov – 18 Nov" not in cover
    assert re.search(
        r"\d+ posts? on 18 Nov · as of", " ".join(pdf_text(tmp_path / "d.pdf").split())
    )
    assert re.search(
        r"\d+ posts? on LinkedIn, 18 Nov · as of",
        " ".join(pdf_text(tmp_path / "e.pdf").split()),
    )


def test_the_month_legend_names_every_dot_and_no_empty_heading(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """An archived key message's dots on the chips are named in the legend (they were
    unexplained); a calendar with no key messages has no heading over nothing."""
    november = {"first": date(2026, 11, 1), "last": date(2026, 11, 30)}
    with CalendarStore.open(demo_path) as store:
        roof = store.key_message_titled("Every roof counts")
        assert roof is not None
        store.update_key_message(replace(roof, archived=True))
        export(store, tmp_path / "a.pdf", **november)
    month = " ".join(pdf_text(tmp_path / "a.pdf", page=pdf_pages(tmp_path / "a.pdf")).split())
    assert "Every roof counts (archived)" in month
    with CalendarStore.create(tmp_path / "empty.cadence", timezone="Europe/Paris") as empty:
        export(empty, tmp_path / "e.pdf", **november)
    page = pdf_text(tmp_path / "e.pdf", page=pdf_pages(tmp_path / "e.pdf"))
    assert "Key messages" not in page
    assert "Channels" not in page
    # No key message: no page of notes on how to read cards that are not there.
    assert "How to read this report" not in pdf_text(tmp_path / "e.pdf")


def pdf_pages(path: Path) -> int:
    return page_count(path.read_bytes())


def test_progress_is_reported_per_page(demo_path: Path, tmp_path: Path, qapp: object) -> None:
    calls: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    with CalendarStore.open(demo_path) as store:
        export_pdf(store, tmp_path / "r.pdf", ExportOptions(today=TODAY), record)
    # Nothing done yet, month by month, as the posts are measured (a ten-year report
    # went 15 s without a word, and without a Cancel); then each page.
    months = calls.index((1, 8))
    assert months > 1
    assert calls == [(0, 1)] * months + [(page, 8) for page in range(1, 9)]


def test_cancelling_leaves_no_file_and_keeps_the_old_one(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    fresh = folder / "new.pdf"
    old = folder / "old.pdf"
    old.write_bytes(b"the report from last week")

    def cancel_at_third(done: int, total: int) -> bool:
        return done < 3

    with CalendarStore.open(demo_path) as store:
        for target in (fresh, old):
            with pytest.raises(Cancelled):
                export_pdf(store, target, ExportOptions(today=TODAY), cancel_at_third)
    assert sorted(p.name for p in folder.iterdir()) == ["old.pdf"]
    assert old.read_bytes() == b"the report from last week"
    # Stopped while its posts are measured, before any page.
    with CalendarStore.open(demo_path) as store, pytest.raises(Cancelled):
        export_pdf(store, fresh, ExportOptions(today=TODAY), lambda done, total: total != 1)
    assert sorted(p.name for p in folder.iterdir()) == ["old.pdf"]


def test_a_report_stopped_inside_a_page_says_nothing_of_qt_s_painter(
    demo_path: Path, tmp_path: Path, qtlog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during a long report: "QPainter::end: Painter ended with 2 saved states"
    came before the one line that says why it stopped."""

    def interrupted(painter: QPainter, *args: object) -> None:
        painter.save()  # Ctrl-C comes where it comes: inside a chip being painted
        raise KeyboardInterrupt

    monkeypatch.setattr(pdf, "paint_chip", interrupted)
    with CalendarStore.open(demo_path) as store, pytest.raises(KeyboardInterrupt):
        export_pdf(store, tmp_path / "r.pdf", ExportOptions(today=TODAY), no_progress)
    assert not [r for r in qtlog.records if "QPainter" in r.message]
    assert not (tmp_path / "r.pdf").exists()


def test_a_message_counts_its_deliveries_before_it_starts_too(tmp_path: Path, qapp: object) -> None:
    """The period's deliveries are those `gaps` lists (DESIGN.md: "delivery days inside
    the window"), posts before the message's start too; "by channel" agrees."""
    with CalendarStore.create(tmp_path / "late.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        late = store.add_key_message("Made in Europe", starts_on=date(2026, 11, 1)).created[0]
        store.add_posts(
            NewPost("Post", channel, (late,), date(2026, 10, day), status=PostStatus.PUBLISHED)
            for day in (5, 12, 19)
        )
        store.add_post(
            NewPost("Post", channel, (late,), date(2026, 11, 10), status=PostStatus.PUBLISHED)
        )
        report = build_delivery_report(store, as_of=TODAY)
    (item,) = report.messages
    assert (item.deliveries, item.delivered) == (4, 4)
    assert [(c.name, n) for c, n in item.channels] == [("LinkedIn", 4)]


def test_the_chart_of_deliveries_and_gaps_is_kept_whole_where_a_page_holds_it(
    demo_path: Path, qapp: object
) -> None:
    """The one picture of who has gaps was cut three rows and four over two pages, the
    second otherwise empty."""
    from calendar_app.render.report import overview_pages

    with CalendarStore.open(demo_path) as store:
        report = build_delivery_report(store, as_of=TODAY)
    count = len(report.messages)
    for height in range(250, 900, 10):  # (a fresh page holds the demo's five rows)
        pages = overview_pages(report, PageStyle(), QRectF(0, 0, 760, height))
        charts = [block for page in pages for block in page if block[0] == "chart"]
        assert charts == [("chart", 0, count)], height


def test_a_new_calendars_report_opens_on_the_month_its_plan_begins(
    tmp_path: Path, qapp: object
) -> None:
    """Its first month page was last month's, empty, before the client's plan began."""
    with CalendarStore.create(tmp_path / "new.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        message = store.add_key_message("Made in Europe", starts_on=TODAY).created[0]
        store.add_post(NewPost("Kick-off", channel, (message,), TODAY + timedelta(days=1)))
        report = build_delivery_report(store, as_of=TODAY)
    assert (report.first, report.last) == (TODAY.replace(day=1), date(2027, 1, 31))


def test_the_headline_s_rule_is_amber_where_days_ahead_are_not_planned(
    tmp_path: Path, qapp: object
) -> None:
    """Green ("all is well") stood over a plan red for most of its period: every message
    on cadence today, the next weeks unplanned."""
    with CalendarStore.create(tmp_path / "new.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        message = store.add_key_message("Made in Europe", cadence_days=7, starts_on=TODAY)
        store.add_post(NewPost("Kick-off", channel, tuple(message.created), TODAY + timedelta(1)))
        report = build_delivery_report(store, as_of=TODAY)
        assert report.sentence.startswith("1 key message on cadence; 'Made in Europe' has ")
        assert report.sentence.endswith(" days ahead not planned yet.")
        (_, page), *_ = render_images(store, ExportOptions(today=TODAY))

    def near(color: QColor) -> int:
        found = 0
        for x in range(page.width() // 10):
            for y in range(page.height() // 3):
                seen = page.pixelColor(x, y)
                found += all(
                    abs(a - b) <= 8
                    for a, b in (
                        (seen.red(), color.red()),
                        (seen.green(), color.green()),
                        (seen.blue(), color.blue()),
                    )
                )
        return found

    style = PageStyle()
    assert near(style.warn) > 5
    assert near(style.ok) == 0


def test_a_message_not_started_yet_leaves_the_headline_s_rule_green(
    tmp_path: Path, qapp: object
) -> None:
    """Its first weeks, unplanned, made the rule amber beside a sentence that counts
    only the messages running ("1 key message on cadence; 'Winter offer' starts…")."""
    with CalendarStore.create(tmp_path / "new.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        first = TODAY - timedelta(days=20)
        made = store.add_key_message("Made here", cadence_days=7, starts_on=first).created
        store.add_key_message("Winter offer", cadence_days=7, starts_on=TODAY + timedelta(3))
        store.add_posts(
            NewPost("Post", channel, tuple(made), first + timedelta(days=n))
            for n in range(0, 60, 5)
        )
        start, end = TODAY - timedelta(days=7), TODAY + timedelta(days=30)
        report = build_delivery_report(store, as_of=TODAY, first=start, last=end)
        assert report.sentence.startswith("1 key message on cadence; 'Winter offer' starts")
        options = ExportOptions(today=TODAY, first=start, last=end)
        (_, page), *_ = render_images(store, options)
    style = PageStyle()
    column = [
        page.pixelColor(x, y) for x in range(page.width() // 10) for y in range(page.height() // 3)
    ]
    assert style.ok in column
    assert style.warn not in column


def test_letters_no_font_draws_are_said_in_the_summary(tmp_path: Path, qapp: object) -> None:
    """Japanese titles on a computer without a Japanese font came out as boxes, unsaid.
    (Bamum's letters are in no font this test's computers have; é and emoji's variation
    selectors are no letters to miss.)"""
    bamum = "\U00016800\U00016801"
    assert letters_without_a_font(["Café ✈\ufe0f", f"Roof {bamum} {bamum}"], QFont()) == bamum
    assert letters_without_a_font(["Plain"], QFont()) == ""
    with CalendarStore.create(tmp_path / "new.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        store.add_post(NewPost(f"Launch {bamum}", channel, (), TODAY + timedelta(days=1)))
        options = ExportOptions(today=TODAY)
        summary = export_pdf(store, tmp_path / "report.pdf", options, no_progress)
    assert summary.no_font == bamum
    assert (
        " No font on this computer draws some of its letters (\U00016800 \U00016801): the PDF"
        " shows them as boxes." in summary.describe()
    )


def test_a_channel_left_out_of_the_report_is_counted_but_not_named(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """Named in the channel key under the strips and in each card's channel bars."""
    with CalendarStore.open(demo_path) as store:
        instagram = store.channel_named("Instagram")
        assert instagram is not None
        others = frozenset(c.id for c in store.channels() if c.id != instagram.id)
        export(store, tmp_path / "report.pdf", channel_ids=others)
        report = build_delivery_report(store, as_of=TODAY, channel_ids=others)
    text = pdf_text(tmp_path / "report.pdf")
    assert "Instagram" not in text
    assert "Other channels" in text
    named = {c.name for item in report.messages for c, _ in item.channels}
    assert "Instagram" not in named
    assert "Other channels" in named


def test_a_message_with_no_start_says_the_same_in_any_period(tmp_path: Path, qapp: object) -> None:
    """As the window and `gaps` say: it starts where their default window does (90 days
    back), not on the first day the report happens to cover."""
    with CalendarStore.create(tmp_path / "open.cadence", timezone="Europe/Paris") as store:
        store.add_channel("LinkedIn")
        store.add_key_message("Always", cadence_days=14, starts_on=None)
        short = build_delivery_report(
            store, as_of=TODAY, first=TODAY - timedelta(days=10), last=TODAY
        )
        long = build_delivery_report(store, as_of=TODAY)
        window = analyse(store.key_messages(), store.channels(), [], TODAY, *default_window(TODAY))
        export_html(
            store,
            tmp_path / "page.html",
            ExportOptions(today=TODAY, first=TODAY - timedelta(days=10), last=TODAY),
            no_progress,
        )
    expected = window.messages[0].overdue_days
    assert expected == 90 - 14 + 1
    assert [r.messages[0].cadence.overdue_days for r in (short, long)] == [expected] * 2
    assert f"overdue by {expected} days" in (tmp_path / "page.html").read_text(encoding="utf-8")


def test_the_report_says_how_each_message_went_out(demo_path: Path, qapp: object) -> None:
    with CalendarStore.open(demo_path) as store:
        report = build_delivery_report(store, as_of=TODAY)
        rows = store.delivery_rows(TODAY)
        names = {c.id: c.name for c in store.channels(include_archived=True)}
    assert (report.first, report.last) == (date(2026, 10, 1), date(2027, 1, 31))
    assert report.sentence == (
        "3 of 5 key messages on cadence; 'Backed by a 25-year warranty' overdue by 42 days; "
        "'Installed by local experts' overdue by 13 days; all 5 have days ahead not planned yet."
    )
    by_title = {m.message.title: m for m in report.messages}
    assert list(by_title) == list(MESSAGES)
    for item in report.messages:
        days = sorted(
            {d for m, _, d in rows if m == item.message.id and report.first <= d <= report.last}
        )
        assert item.deliveries == len(days)
        assert item.delivered == len([d for d in days if d <= report.as_of])
        per_channel: dict[str, int] = {}
        for m, c, d in rows:
            if m == item.message.id and report.first <= d <= report.last:
                name = names[c]
                per_channel[name] = per_channel.get(name, 0) + 1
        assert {c.name: n for c, n in item.channels} == per_channel
        assert sum(n for _, n in item.weeks) == item.deliveries
        if not days:
            assert item.average_interval is None
        else:  # over the days it ran in the period, not its first delivery to its last
            first, last = item.row.active_first, item.row.active_last
            assert first is not None
            assert last is not None
            inside = [d for d in days if first <= d <= last]
            assert item.average_interval == pytest.approx(
                ((last - first).days + 1) / len(inside) if inside else None
            )
    warranty = by_title["Backed by a 25-year warranty"]
    assert warranty.deliveries == 0
    assert warranty.average_interval is None
    # Overdue since 8 Oct: 42 days up to today; the rest of the range is not planned yet.
    assert [(g.start, g.end, g.days) for g in warranty.gaps_so_far] == [
        (date(2026, 10, 8), TODAY, 42)
    ]
    assert warranty.longest_gap == 42
    assert warranty.days_unplanned == (date(2027, 1, 31) - TODAY).days
    experts = by_title["Installed by local experts"]
    assert experts.longest_gap == 13
    assert [c.name for c, _ in experts.channels][:2] == ["Instagram", "LinkedIn"]


def test_the_words_are_in_the_pdf(demo_path: Path, tmp_path: Path, qapp: object) -> None:
    target = tmp_path / "report.pdf"
    with CalendarStore.open(demo_path) as store:
        export(store, target)
    text = pdf_text(target)
    flat = " ".join(text.split())
    assert "Solenne Solar (demo)" in flat
    assert (
        "3 of 5 key messages on cadence; 'Backed by a 25-year warranty' overdue by 42 days; "
        "'Installed by local experts' overdue by 13 days; all 5 have days ahead not planned yet."
        in flat
    )
    for title in MESSAGES:
        # In the table, the strips, a card and the month legends.
        assert flat.count(title) >= 4, title
    for month in MONTHS:
        assert month in flat
    for label in (
        "on cadence",
        "overdue by 13 days",
        "overdue by 42 days",
        "DAYS DELIVERED, BY CHANNEL",
    ):
        assert label in flat
    assert "How to read this report" in flat
    assert "Friday tip:" in flat  # a chip on a month page
    assert "Page 8 of 8" in flat
    assert text.count("\f") == 8


def test_on_average_is_said_one_way_under_the_table_and_in_the_reading_notes(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """The table's note said "days between deliveries" (no such figure for one
    delivery, which read "every 84 d"), the reading notes the days the message ran
    divided by its deliveries; the note is whole in its two lines."""
    target = tmp_path / "report.pdf"
    with CalendarStore.open(demo_path) as store:
        export(store, target)
    flat = " ".join(pdf_text(target).split())
    assert "days between deliveries" not in flat
    said = "the days the message ran in the period, divided by its deliveries in them."
    assert flat.count(said) == 2
    assert "Longest: the longest, from the day it began." in flat


@pytest.mark.parametrize("paper", [QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter])
def test_the_note_under_the_table_is_given_room_for_all_its_lines(
    qapp: object, paper: QPageSize.PageSizeId
) -> None:
    """Its room was cut at two lines: a note of three lost its last words on paper
    ("planned."), though a PDF's text still held them."""
    landscape = QPageSize(paper).size(QPageSize.Unit.Point).transposed()
    width = pdf._body((landscape.width(), landscape.height())).width()
    style = PageStyle()
    layout = QTextLayout(report_module._TABLE_NOTE, style.font(7.5))
    layout.beginLayout()
    lines = 0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines += 1
    layout.endLayout()
    assert lines >= 2
    spacing = QFontMetricsF(style.font(7.5)).lineSpacing()
    assert report_module._table_note_height(style, width) >= lines * spacing - 1


@pytest.mark.parametrize("count", [2, 4])
def test_an_even_number_of_messages_keeps_the_reading_notes(
    demo_path: Path, tmp_path: Path, qapp: object, count: int
) -> None:
    """They were painted only in the half page an odd number of cards leaves free: a
    report of four messages told no one what "on cadence" means."""
    target = tmp_path / "even.pdf"
    with CalendarStore.open(demo_path) as store:
        chosen = frozenset(m.id for m in store.key_messages() if m.title in MESSAGES[:count])
        data = export(store, target, message_ids=chosen, first=date(2026, 11, 1))
    flat = " ".join(pdf_text(target).split())
    assert "How to read this report" in flat
    cards = count // 2
    assert page_count(data) == 1 + cards + 1 + 4  # overview, cards, notes, four months


@pytest.mark.parametrize(
    ("week_start", "heads"),
    [("sunday", "Sun Mon Tue Wed Thu Fri Sat"), ("saturday", "Sat Sun Mon Tue Wed Thu Fri")],
)
def test_month_pages_follow_the_calendars_week_start(
    tmp_path: Path, qapp: object, week_start: str, heads: str
) -> None:
    target = tmp_path / f"{week_start}.pdf"
    with CalendarStore.create(tmp_path / "x.cadence", timezone="Europe/Paris") as store:
        store.update_info(week_start=week_start)
        channel = store.add_channel("Blog", color="#e0532f").created[0]
        store.add_post(
            NewPost(
                title="<b>Not bold</b> & <i>x</i>",
                channel_id=channel,
                date=date(2026, 11, 10),
                status=PostStatus.SCHEDULED,
            )
        )
        export(store, target, first=date(2026, 11, 1), last=date(2026, 11, 30))
    text = pdf_text(target)
    flat = " ".join(text.split())
    days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
    assert " ".join([word for word in flat.split() if word in days][:7]) == heads
    assert "<b>Not bold</b> & <i>x</i>" in flat  # drawn as typed, not as markup
    assert "No key messages to report on." in flat


NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def november_legend(
    store: CalendarStore, titles: list[str], target: Path | None = None
) -> tuple[pdf.LegendGroup, pdf.LegendGroup]:
    """Key messages titled ``titles``, one post a day for each in November on one channel;
    the month legend's channels and key messages (and the PDF in ``target``)."""
    channel = store.add_channel("Blog", color="#e0532f").created[0]
    for day, title in enumerate(titles):
        message = store.add_key_message(title, cadence_days=30).created[0]
        store.add_post(
            NewPost(
                title=f"Post {day + 1}",
                channel_id=channel,
                date=NOVEMBER[0] + timedelta(days=day),
                status=PostStatus.SCHEDULED,
                message_ids=(message,),
            )
        )
    first, last = NOVEMBER
    if target is not None:
        export(store, target, first=first, last=last)
    plan = pdf._read_plan(store, ExportOptions(today=TODAY, first=first, last=last), TODAY)
    _, (channels, messages) = pdf.legend_groups(PageStyle(), WIDTH - 2 * pdf.MARGIN, plan)
    return channels, messages


def test_a_report_on_a_period_ahead_counts_its_gaps_as_gaps_does(
    tmp_path: Path, qapp: object
) -> None:
    """April 2027, a message last delivered in September: its bar said how long it has
    been overdue today (the web page and `gaps` say the 30 days of April)."""
    with CalendarStore.create(tmp_path / "ahead.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        message = store.add_key_message("Heat pumps", cadence_days=7).created[0]
        last = TODAY - timedelta(days=60)
        store.add_post(NewPost("Last one", channel, (message,), last, status=PostStatus.PUBLISHED))
        april = (date(2027, 4, 1), date(2027, 4, 30))
        export(store, tmp_path / "april.pdf", first=april[0], last=april[1])
    overdue_so_far = (TODAY - (last + timedelta(days=8))).days + 1
    page = pdf_text(tmp_path / "april.pdf", page=2)
    assert f"overdue by {overdue_so_far} days" in page  # its status, as of today
    labels = re.findall(r"^(\d+) days$", page, re.MULTILINE)  # the bars' own
    assert labels == ["30"]  # every day of April


def test_a_report_counts_a_gap_begun_before_its_period_as_the_web_page_does(
    tmp_path: Path, qapp: object
) -> None:
    """Overdue from 9 September to 25 October, the period from 1 October: the bar said
    25 days where the web page's says 47, as the status counted them."""
    with CalendarStore.create(tmp_path / "cut.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        message = store.add_key_message("Heat pumps", cadence_days=7).created[0]
        for day in (date(2026, 9, 1), date(2026, 10, 26), date(2026, 11, 16)):
            store.add_post(NewPost("Post", channel, (message,), day, status=PostStatus.PUBLISHED))
        export(store, tmp_path / "cut.pdf", first=date(2026, 10, 1), last=date(2026, 11, 30))
        html = export_html(
            store,
            tmp_path / "cut.html",
            ExportOptions(today=TODAY, first=date(2026, 10, 1), last=date(2026, 11, 30)),
            no_progress,
        )
    assert html.files
    page = pdf_text(tmp_path / "cut.pdf", page=2)
    web = (tmp_path / "cut.html").read_text(encoding="utf-8")
    assert "47 days" in re.findall(r"^(\d+ days)$", page, re.MULTILINE)
    assert re.search(r'class="gap"[^>]*><span class="l">47 days<', web)


def test_month_legend_flows_over_lines_then_stops(tmp_path: Path, qapp: object) -> None:
    target = tmp_path / "many.pdf"
    titles = [f"Key message number {n:02d} for the legend" for n in range(1, 25)]
    with CalendarStore.create(tmp_path / "many.cadence", timezone="Europe/Paris") as store:
        channels, messages = november_legend(store, titles, target)
    pages = pdf_text(target).count("\f")
    month_page = " ".join(pdf_text(target, page=pages).split())

    assert [name for line in channels.lines for name, _ in line] == ["Blog"]
    assert len(messages.lines) == pdf._LEGEND_MOST_LINES
    assert messages.cut
    shown = [name for line in messages.lines for name, _ in line]
    assert len(messages.lines[1]) > 1  # the second line is filled, not one title a line
    assert shown == titles[: len(shown)]
    for title in titles:
        assert (title in month_page) == (title in shown), title
    assert month_page.count("Key message number") == len(shown)


def test_month_legend_keeps_a_long_title_clear_of_the_key(tmp_path: Path, qapp: object) -> None:
    # A title too long for the first line beside the key, short enough for a whole
    # line, in whichever font the system gives.
    metrics = QFontMetricsF(PageStyle().font(7.5))
    with CalendarStore.create(tmp_path / "none.cadence") as empty:
        plan = pdf._read_plan(empty, ExportOptions(), TODAY)
    indent, _ = pdf.legend_groups(PageStyle(), WIDTH - 2 * pdf.MARGIN, plan)
    line = WIDTH - 2 * pdf.MARGIN - indent
    beside_key = line - metrics.horizontalAdvance(pdf._MESSAGE_TAIL) - pdf._KEY_GAP
    words = itertools.cycle(
        ["Our", "community", "solar", "programme", "now", "covers", "every", "neighbourhood"]
    )
    long_title = next(words)
    while pdf._legend_item_width(metrics, long_title) <= beside_key:
        long_title += f" {next(words)}"
    assert pdf._legend_item_width(metrics, long_title) < line
    with CalendarStore.create(tmp_path / "long.cadence", timezone="Europe/Paris") as store:
        _, messages = november_legend(store, [long_title])

    # Too long for the first line, beside the key: it goes on the next one.
    assert messages.lines == [[], [(long_title, messages.lines[1][0][1])]]
    assert not messages.cut


# -- pictures ---------------------------------------------------------------------

TODAY_BLUE = QColor("#2f6fde")
BADGE_RED = QColor("#c62a27")


def count_near(image: QImage, rect: QRectF, color: QColor, tolerance: int = 30) -> int:
    found = 0
    for y in range(int(rect.top()), int(rect.bottom())):
        for x in range(int(rect.left()), int(rect.right())):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - color.red())
                + abs(pixel.green() - color.green())
                + abs(pixel.blue() - color.blue())
                < tolerance
            ):
                found += 1
    return found


WIDTH, HEIGHT = 841.89, 595.28


def legend_height(store: CalendarStore) -> float:
    """The height of the demo's month legend and the space above it, as the pages lay it out."""
    plan = pdf._read_plan(store, ExportOptions(today=TODAY), TODAY)
    _, groups = pdf.legend_groups(PageStyle(), WIDTH - 2 * pdf.MARGIN, plan)
    return pdf.legend_height(groups)


def day_corner(day: date, rows: int, scale: float, legend_h: float, *, right: bool) -> QRectF:
    """The top corner of ``day``'s cell on a month page (Monday-first, ``rows`` weeks)."""
    width, height = WIDTH, HEIGHT
    left = pdf.MARGIN
    top = pdf.MARGIN - 6 + TITLE_HEIGHT + 10
    bottom = height - pdf.MARGIN - pdf.FOOTER - legend_h
    column_w = (width - 2 * pdf.MARGIN) / 7
    row_h = (bottom - top - 18) / rows
    first = day.replace(day=1)
    index = (day - first).days + first.weekday()
    row, column = divmod(index, 7)
    x = left + column * column_w + (column_w - 28 if right else 0)
    y = top + 18 + row * row_h
    return QRectF(x * scale, y * scale, 28 * scale, 18 * scale)


def test_month_page_marks_today_and_overdue_days(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    scale = 2.0
    with CalendarStore.open(demo_path) as store:
        images = dict(render_images(store, ExportOptions(today=TODAY), dpi=72 * scale))
        legend_h = legend_height(store)

    def corner(day: date, rows: int, *, right: bool) -> QRectF:
        return day_corner(day, rows, scale, legend_h, right=right)

    november = images["November 2026"]
    assert november.width() == round(841.89 * scale)
    # Today's number sits on a filled pill; other days' numbers do not.
    assert count_near(november, corner(TODAY, 6, right=False), TODAY_BLUE) > 100
    for other in (date(2026, 11, 17), date(2026, 11, 19), date(2026, 11, 25)):
        assert count_near(november, corner(other, 6, right=False), TODAY_BLUE) == 0
    # Two messages are overdue on 18 Nov: a badge.
    assert count_near(november, corner(TODAY, 6, right=True), BADGE_RED) > 40
    october = images["October 2026"]
    # No message is overdue before 8 Oct, when the warranty's gap starts.
    assert count_near(october, corner(date(2026, 10, 7), 5, right=True), BADGE_RED) == 0
    assert count_near(october, corner(date(2026, 10, 8), 5, right=True), BADGE_RED) > 40


def add_busy_day(store: CalendarStore, day: date, count: int) -> list[str]:
    """``count`` LinkedIn posts on ``day``, each carrying a key message; their titles."""
    linkedin = store.channel_named("LinkedIn")
    assert linkedin is not None
    message = store.key_messages()[0]
    titles = [f"Busy {day.day} post {i:02d} about the roofs of the town" for i in range(count)]
    store.add_posts(
        [
            NewPost(
                title=title,
                channel_id=linkedin.id,
                message_ids=(message.id,),
                date=day,
                time=None if i == 0 else time(8 + i % 10, 15),
                status=PostStatus.CANCELLED if i == 1 else PostStatus.SCHEDULED,
            )
            for i, title in enumerate(titles)
        ]
    )
    return titles


def test_a_long_calendar_name_stops_short_of_the_page_number(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """It ran under "Page 1 of 5", both unreadable."""
    with CalendarStore.open(demo_path) as store:
        store.update_info(name="Solenne Solar " + "and partners " * 25)
        export(store, tmp_path / "long.pdf")
    laid_out = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(tmp_path / "long.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    footer = laid_out.strip().splitlines()[-1]
    assert footer.startswith("Solenne Solar and partners")
    # Cut short (where depends on the font's widths), and set apart from the number.
    assert re.search(r"…\s{2,}Page 1 of \d+$", footer)


def test_a_line_break_in_a_title_reads_as_a_space(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """Typed in a sheet's cell (Alt+Enter): the words either side ran together,
    "Webinarregister now", on the month's page and the busy day's."""
    day = date(2026, 12, 9)
    with CalendarStore.open(demo_path) as store:
        add_busy_day(store, day, 9)
        first = store.posts_between(day, day)[0]
        store.update_post(first.id, {"title": "Webinar\nregister now"})
        names = [name for name, _ in render_images(store, ExportOptions(today=TODAY), dpi=20)]
        export(store, tmp_path / "busy.pdf")
    december = names.index("December 2026")
    for page in (december + 1, december + 2):
        text = pdf_text(tmp_path / "busy.pdf", page=page)
        assert "Webinarregister" not in text
    listed = " ".join(pdf_text(tmp_path / "busy.pdf", page=december + 2).split())
    assert "Webinar register now" in listed


def test_a_day_too_full_for_its_cell_is_listed_in_full_after_its_month(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    day = date(2026, 12, 9)
    with CalendarStore.open(demo_path) as store:
        titles = add_busy_day(store, day, 9)
        every = [p.title for p in store.posts_between(day, day)]
        names = [name for name, _ in render_images(store, ExportOptions(today=TODAY), dpi=20)]
        export(store, tmp_path / "busy.pdf")
    december = names.index("December 2026")
    assert names[december + 1] == "December 2026: the days in full"
    assert names.count("December 2026: the days in full") == 1
    assert not any("November" in name and "in full" in name for name in names)  # none there
    month = " ".join(pdf_text(tmp_path / "busy.pdf", page=december + 1).split())
    assert (
        "as of Wednesday 18 November 2026 · days cut short here in full on the next page" in month
    )
    assert "next pages" not in month
    assert re.search(r"\+\d+ more", month)  # the grid still ends the day with "+N more"
    listed = " ".join(pdf_text(tmp_path / "busy.pdf", page=december + 2).split())
    assert "December 2026: the days in full" in listed
    assert "Every post, whole, of the day the month's page has too little room for" in listed
    assert f"{len(every)} posts" in listed
    # Every post of the day, in full, in the day's order: the hidden ones too.
    places = [listed.index(title) for title in every]
    assert places == sorted(places)
    assert set(titles) <= set(every)
    assert "LinkedIn · Solar pays for itself · cancelled" in listed
    assert "all day" in listed
    assert f"Page {december + 2} of {len(names)}" in listed


def test_a_long_client_s_name_is_set_smaller_rather_than_cut(tmp_path: Path, qapp: object) -> None:
    """It was cut on every page ("…Cooperative of the Greater Rotte…"), the footer's small
    print alone naming it whole."""
    name = "Northwind Renewable Energy Cooperative of the Greater Rotterdam Region"
    with CalendarStore.create(tmp_path / "long.cadence", name=name) as store:
        store.add_key_message("Short", cadence_days=7)
        export(store, tmp_path / "long.pdf")
    first = pdf_text(tmp_path / "long.pdf", page=1)
    assert first.count(name) == 2  # its title, and its footer
    assert "..." not in first  # (an ellipsis, as a reader searching finds it)


def test_a_message_s_statement_of_two_sentences_is_whole_on_its_card(
    tmp_path: Path, qapp: object
) -> None:
    """It was cut to its first line ("…the people on your roof are the peo…"), and the
    card is the one place the report states the message; a longer one ends in "…"."""
    statement = (
        "Our own crews, trained in our workshop in Utrecht, install every system within"
        " three weeks of the survey. We never subcontract an installation, so the people on"
        " your roof are the people who answer your call afterwards."
    )
    with CalendarStore.create(tmp_path / "said.cadence", timezone="Europe/Paris") as store:
        store.add_key_message("Local experts", cadence_days=14, statement=statement)
        wordy = " ".join(f"Sentence {n} of a statement of many." for n in range(1, 21))
        store.add_key_message("Wordy", cadence_days=14, statement=wordy)
        export(store, tmp_path / "said.pdf")
    cards = " ".join(pdf_text(tmp_path / "said.pdf", page=2).split())
    assert statement in cards
    assert "Sentence 1 of" in cards  # the wordy one's, cut short
    assert "Sentence 20 of" not in cards
    assert "..." in cards  # (an ellipsis, as a reader searching finds it)


def test_a_month_chip_takes_the_lines_its_day_s_titles_need(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chip of a day had four lines where its posts had room, or two: a title of
    one line stood in a chip of two, its second empty, and a long one alone stopped at
    four with room under it."""
    painted: dict[str, int] = {}
    paint = pdf._paint_post

    def noted(painter: QPainter, rect: QRectF, chip: Any, *args: Any) -> None:
        painted[chip.title] = args[-1]
        paint(painter, rect, chip, *args)

    monkeypatch.setattr(pdf, "_paint_post", noted)
    long = " ".join(["A title of many words that a chip wraps"] * 3)
    with CalendarStore.create(tmp_path / "lines.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        store.add_post(NewPost("Short", channel, (), date(2026, 12, 9)))
        store.add_post(NewPost(long, channel, (), date(2026, 12, 10)))
        options = ExportOptions(today=TODAY, first=date(2026, 12, 1), last=date(2026, 12, 31))
        render_images(store, options, dpi=20)
    assert painted["Short"] == 1
    assert painted[long] > 4


def test_a_title_too_long_for_its_cell_even_alone_is_listed_whole_after_its_month(
    tmp_path: Path, qapp: object
) -> None:
    """A post alone on its day, its title of 200 letters cut after four lines with room
    under it, was nowhere whole in the report. Its chip takes the cell's room, and its
    day is listed after the month; titles cut where a day's posts share the cell are
    not (each fits alone), nor a title the chip shows whole."""
    long = (
        "Why our cooperative's members, not a distant fund, own every panel on every roof"
        " in Delfshaven, and what that means for the price you pay per kilowatt-hour over"
        " the next twenty-five years of the contract"
    )
    shared = "What a kilowatt-hour from your roof really costs, and what it will cost next"
    with CalendarStore.create(tmp_path / "long.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("Newsletter").created[0]
        store.add_post(NewPost(long, channel, (), date(2026, 12, 9), time(9, 0)))
        for hour in (9, 12, 18):
            store.add_post(NewPost(shared, channel, (), date(2026, 12, 16), time(hour, 0)))
        store.add_post(NewPost("Short and whole", channel, (), date(2026, 12, 22)))
        options = ExportOptions(today=TODAY, first=date(2026, 12, 1), last=date(2026, 12, 31))
        names = [name for name, _ in render_images(store, options, dpi=20)]
        export(store, tmp_path / "long.pdf", first=options.first, last=options.last)
    assert names[-2:] == ["December 2026", "December 2026: the days in full"]
    listed = " ".join(pdf_text(tmp_path / "long.pdf", page=len(names)).split())
    assert long in listed
    assert "Wed 9 Dec 1 post " in listed
    assert "16 Dec" not in listed
    assert "22 Dec" not in listed
    month = " ".join(pdf_text(tmp_path / "long.pdf", page=len(names) - 1).split())
    assert "days cut short here in full on the next page" in month
    assert "Short and whole" in month


def test_a_busy_days_title_without_spaces_is_listed_whole(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """A run of hashtags stopped at the column's edge ("#NetZ"), without an ellipsis."""
    day = date(2026, 12, 9)
    run = "#SolarPower#CleanEnergy#RooftopSolar#NetZero#GreenHomes#SolenneSolar" * 2
    with CalendarStore.open(demo_path) as store:
        add_busy_day(store, day, 8)
        linkedin = store.channel_named("LinkedIn")
        assert linkedin is not None
        store.add_post(NewPost(run, linkedin.id, date=day, status=PostStatus.SCHEDULED))
        names = [name for name, _ in render_images(store, ExportOptions(today=TODAY), dpi=20)]
        export(store, tmp_path / "busy.pdf")
        plan = pdf._read_plan(store, ExportOptions(today=TODAY), TODAY)
    listed = pdf_text(tmp_path / "busy.pdf", page=names.index("December 2026") + 2)
    assert run in "".join(listed.split())
    # Kept to its column: on as many lines as it takes.
    width = pdf._under_title(pdf._body((WIDTH, HEIGHT)), 14).width()
    layout = pdf._BusyLayout(PageStyle(), plan, width)
    (post,) = [p for p in plan.posts_by_day[day] if p.title == run]
    line = QFontMetricsF(layout.font).lineSpacing()
    lines = round(layout.title_height(post) / line)
    assert lines >= 2
    assert QFontMetricsF(layout.font).horizontalAdvance(run) <= lines * layout.text_w


def test_busy_days_flow_over_columns_and_pages(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    days = [date(2026, 12, d) for d in (2, 8, 15, 16, 22)]
    with CalendarStore.open(demo_path) as store:
        for day in days:
            add_busy_day(store, day, 24)  # more than a column holds
        plan = pdf._read_plan(store, ExportOptions(today=TODAY), TODAY)
        style = PageStyle()
        body = pdf._body((WIDTH, HEIGHT))
        busy = pdf.busy_days(plan, style, body, date(2026, 12, 1))
        names = [name for name, _ in render_images(store, ExportOptions(today=TODAY), dpi=20)]
        export(store, tmp_path / "busy.pdf")
    assert set(days) <= set(busy)
    assert date(2026, 12, 1) not in busy
    assert all(d.month == 12 for d in busy)
    listed = pdf._under_title(body, 14)
    measure = pdf._BusyLayout(style, plan, listed.width()).height
    columns = pdf.busy_columns(
        [(day, plan.posts_by_day[day]) for day in busy], listed.height(), measure
    )
    # Two columns a page, each page after December's.
    first = names.index("December 2026")
    pages = (len(columns) + 1) // 2
    assert pages >= 2
    assert names[first + 1 : first + 1 + pages] == ["December 2026: the days in full"] * pages
    assert names[first + 1 + pages] == "January 2027"
    posts = [line.post for column in columns for line in column if line.post is not None]
    assert posts == [post for day in busy for post in plan.posts_by_day[day]]
    for column in columns:
        assert column[0].post is None  # every column starts with its day's heading
        assert column[-1].post is not None  # and no heading ends one
        heights = [measure(line.post) if line.post else pdf._BUSY_HEADING for line in column]
        assert sum(heights) <= listed.height()
    # A day that goes on in the next column is named there again.
    continued = [column[0] for column in columns if column[0].continued]
    assert continued
    text = " ".join(pdf_text(tmp_path / "busy.pdf").split())
    assert text.count("(continued)") == len(continued)
    month = " ".join(pdf_text(tmp_path / "busy.pdf", page=first + 1).split())
    assert "days cut short here in full on the next pages" in month


def test_a_short_period_shows_only_its_weeks_with_room_for_their_posts(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """A report of a few days draws the weeks it covers, not a month of empty ones:
    a day too full for a month's cell has the room in a week's, and titles wrap."""
    day = date(2026, 12, 9)
    first, last = date(2026, 12, 7), date(2026, 12, 11)
    week = ExportOptions(today=TODAY, first=first, last=last)
    with CalendarStore.open(demo_path) as store:
        add_busy_day(store, day, 6)
        style = PageStyle()
        body = pdf._body((WIDTH, HEIGHT))
        month = pdf._read_plan(store, ExportOptions(today=TODAY), TODAY)
        assert pdf._grid_weeks(month, date(2026, 12, 1)) == (date(2026, 11, 30), 5)
        assert pdf.busy_days(month, style, body, date(2026, 12, 1)) == [day]
        short = pdf._read_plan(store, week, TODAY)
        assert pdf._grid_weeks(short, date(2026, 12, 1)) == (date(2026, 12, 7), 1)
        assert pdf.busy_days(short, style, body, date(2026, 12, 1)) == []
        names = [name for name, _ in render_images(store, week, dpi=20)]
        export(store, tmp_path / "week.pdf", first=first, last=last)
    assert not [name for name in names if "busy" in name]
    plan = " ".join(pdf_text(tmp_path / "week.pdf", page=len(names)).split())
    assert "from 7 Dec to 11 Dec" in plan
    for number in range(6):  # every post of the busy day is on the page, its title whole
        assert f"Busy 9 post {number:02d} about the roofs of the town" in plan
    assert not re.search(r"\+\d+ more", plan)


def test_pages_are_not_blank(demo_path: Path, qapp: object) -> None:
    with CalendarStore.open(demo_path) as store:
        images = render_images(store, ExportOptions(today=TODAY), dpi=36)
    for name, image in images:
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        }
        assert len(colours) > 20, name


# -- the command line, without a display ---------------------------------------------


_GONE_DISPLAY = next(n for n in range(4000, 5000) if not Path(f"/tmp/.X11-unix/X{n}").exists())


@pytest.mark.parametrize(
    ("language", "display"),
    [
        (None, {}),
        ("C", {}),
        ("xx_YY.UTF-8", {}),
        # A display named but gone (a cron job's, a closed ssh session's): Qt aborted
        # with a page of text (exit 134), the calendar left with its -wal.
        (None, {"DISPLAY": f":{_GONE_DISPLAY}"}),
        (None, {"WAYLAND_DISPLAY": "gone-0", "QT_QPA_PLATFORM": "wayland;xcb"}),
    ],
)
def test_command_line_writes_the_pdf_without_a_display(
    demo_path: Path, tmp_path: Path, language: str | None, display: dict[str, str]
) -> None:
    """Quietly, also with LC_ALL=C (Qt wrote four lines of its switch to C.UTF-8), and
    whatever display is named: a PDF needs none."""
    target = tmp_path / "out.pdf"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env |= display
    if language is not None:
        env["LC_ALL"] = language
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "calendar_app",
            "export",
            str(demo_path),
            "--format",
            "pdf",
            "-o",
            str(target),
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--today",
            TODAY.isoformat(),  # the report as of the demo's day, whenever it runs
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == (f"Exported 33 posts (1 Nov – 30 Nov 2026) to {target}.")
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert page_count(data) == 1 + 3 + 1
    assert not Path(f"{demo_path}-wal").exists()


def test_a_report_the_disk_cannot_take_whole_is_refused_and_the_old_one_kept(
    demo_path: Path, tmp_path: Path
) -> None:
    """Qt's PDF writer says nothing of a write that fails: on a nearly full disk a report
    cut short was said to be exported, over the good one. Files may not grow past half
    the report here (the operating system's limit on a file's size, as a full disk)."""
    target = tmp_path / "report.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    command = [sys.executable, "-m", "calendar_app", "export", str(demo_path)]
    command += ["--format", "pdf", "-o", str(target)]
    subprocess.run(command, env=env, timeout=120, check=True, capture_output=True)
    good = target.read_bytes()

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails, as ENOSPC
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(good) // 2, resource.RLIM_INFINITY))

    result = subprocess.run(
        command,
        env=env,
        timeout=120,
        check=False,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
    )
    assert result.returncode != 0
    assert "Exported" not in result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    assert "report.pdf" in result.stderr
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".cadence") == ["report.pdf"]


def test_month_names_too_close_to_the_one_before_give_way(qapp: object) -> None:
    """Under a long period's strips and charts, a month name starts clear of the one
    before or is left out (they ran together: 'JanFebMar')."""
    metrics = QFontMetricsF(PageStyle().font(7))
    labels = [(0.0, "Jan 2025"), (12.0, "Feb"), (24.0, "Mar"), (60.0, "Apr"), (61.0, "May")]
    kept = labels_with_room(metrics, labels)
    assert kept[0] == (0.0, "Jan 2025")
    for (x, text), (next_x, _) in itertools.pairwise(kept):
        assert x + metrics.horizontalAdvance(text) < next_x
    assert len(kept) < len(labels)


@given(
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 1)),
    count=st.integers(min_value=1, max_value=72),
    width=st.floats(min_value=200, max_value=800),
)
def test_a_long_periods_axis_names_its_years(
    qapp: object, first: date, count: int, width: float
) -> None:
    """Over two years the months alone said no year ("Jun" twice); the January that did
    gave way to the month before it. The first month and each January say their year,
    clear of each other where there is room, and every name keeps clear of the next."""
    metrics = QFontMetricsF(PageStyle().font(7))
    starts = [
        date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
        for n in range(count)
    ]
    step = width / count
    kept = month_axis_labels(metrics, [(i * step, day) for i, day in enumerate(starts)])
    assert kept[0] == (0.0, f"{starts[0]:%b} {starts[0].year}")
    for (x, text), (next_x, _) in itertools.pairwise(kept):
        assert x + metrics.horizontalAdvance(text) < next_x
    years = {text.split()[-1] for _, text in kept if " " in text}
    yearly = [
        (i * step, f"{day:%b} {day.year}")
        for i, day in enumerate(starts)
        if i == 0 or day.month == 1
    ]
    if all(
        b - a >= metrics.horizontalAdvance(text) + 4
        for (a, text), (b, _) in itertools.pairwise(yearly)
    ):  # room for every year's name: each is there
        assert years == {text.split()[-1] for _, text in yearly}


@settings(max_examples=150, deadline=None, database=None)
@given(
    text=st.lists(
        st.sampled_from(
            [*"日本の友人へお知らせ新メニュー abcdefghij ÄÖü-🎉", "ते", "नमस", "e\u0301", "👍🏽"]
        ),
        min_size=1,
        max_size=60,
    ).map("".join),
    width=st.floats(min_value=20, max_value=200),
)
def test_chip_titles_wrap_where_the_script_allows_and_lose_nothing(
    qapp: object, text: str, width: float
) -> None:
    """A Japanese title, or a long compound word, has no space to wrap at: it showed one
    line ending in "…" and the rest of its chip empty, where a Latin one wraps."""
    metrics = QFontMetricsF(PageStyle().font(8))
    text = " ".join(text.split())
    assume(text)
    lines = []
    rest = text
    while rest:
        line, rest = report_module.wrap_line(rest, metrics, width)
        assert line
        lines.append(line)
        # Too wide only when one character a reader sees (a letter and its marks) is.
        assert metrics.horizontalAdvance(line) <= width or _graphemes(line) == 1
        # No mark (an accent, a vowel sign, a skin tone) cut from its letter.
        assert not rest or unicodedata.category(rest[0])[0] != "M"
        assert not rest.startswith("\U0001f3fd")
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    if " " not in text and metrics.horizontalAdvance(text) > 2 * width:
        assert len(lines) > 1


def _graphemes(text: str) -> int:
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    count = 0
    while finder.toNextBoundary() != -1:
        count += 1
    return count


@pytest.mark.parametrize("width", [25.0, 30.0, 40.0])
def test_a_word_broken_inside_keeps_each_letter_with_its_marks(qapp: object, width: float) -> None:
    """A long Hindi word or an accent typed as its own mark: the break falls between the
    characters a reader sees, not between a consonant and its vowel sign (त|े)."""
    metrics = QFontMetricsF(PageStyle().font(8))
    rest = "नमस्ते" * 6 + "e\u0301" * 20
    while rest:
        line, rest = report_module.wrap_line(rest, metrics, width)
        assert line
        assert not rest or unicodedata.category(rest[0])[0] != "M"


@pytest.mark.parametrize("title", ["Servicetechniker: unser Team", "שירות מקומי: הצוות שלנו"])
def test_a_chip_s_first_word_too_long_beside_its_time_goes_whole_to_the_next_line(
    qapp: object, title: str
) -> None:
    """Beside the time, the tick and the dots, it was cut: "Serv|icetechniker"."""
    metrics = QFontMetricsF(PageStyle().font(8))
    word = title.split()[0]
    narrow = metrics.horizontalAdvance(word) * 0.5
    wide = metrics.horizontalAdvance(word) * 1.5
    assert report_module.wrap_line(title, metrics, narrow, wide) == ("", title)
    assert report_module.wrap_line(title, metrics, wide, wide)[0].startswith(word)  # room: it stays
    # A word too long for any line is still broken inside, on the first.
    assert report_module.wrap_line(title, metrics, narrow, narrow * 1.2)[0] not in ("", title)


def test_a_busy_days_post_carrying_many_messages_fits_its_column(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """A post carrying 150 key messages, or a title of thousands of letters, was taller
    than a column: cut at the page's foot, its last messages on no page. A few are
    named, then how many more."""
    day = date(2026, 12, 9)
    with CalendarStore.open(demo_path) as store:
        add_busy_day(store, day, 9)
        linkedin = store.channel_named("LinkedIn")
        assert linkedin is not None
        many = [
            store.add_key_message(f"M{n:03d} a key message of ordinary length").created[0]
            for n in range(150)
        ]
        title = "A long story of the roofs of the town " * 100
        store.add_post(NewPost(title, linkedin.id, tuple(many), day, status=PostStatus.DRAFT))
        names = [name for name, _ in render_images(store, ExportOptions(today=TODAY), dpi=20)]
        export(store, tmp_path / "busy.pdf")
        plan = pdf._read_plan(store, ExportOptions(today=TODAY), TODAY)
    listed = " ".join(
        pdf_text(tmp_path / "busy.pdf", page=names.index("December 2026") + 2).split()
    )
    shown = [f"M{n:03d} a key message of ordinary length" for n in range(11)]
    assert ", ".join([*shown, "and 139 more"]) in listed
    assert "A long story of the roofs" in listed
    (post,) = [p for p in plan.posts_by_day[day] if p.title.startswith("A long story")]
    body = pdf._under_title(pdf._body((WIDTH, HEIGHT)), 14)
    layout = pdf._BusyLayout(PageStyle(), plan, body.width())
    assert layout.height(post) < body.height() / 2
    # A dozen key messages of 200 letters each, a title of 600 wide letters: still in.
    wide = dataclasses.replace(post, title="屋" * 800, message_ids=post.message_ids[:12])
    long_titles = {
        m: dataclasses.replace(plan.messages[m], title=f"M{m} " + "long words " * 20)
        for m in wide.message_ids
    }
    layout.plan = dataclasses.replace(plan, messages={**plan.messages, **long_titles})
    assert layout.height(wide) < body.height() * 3 / 4


def test_a_key_message_left_out_is_not_named_in_the_report(tmp_path: Path, qapp: object) -> None:
    from tests.unit.test_html import posts_for_the_public

    store, options = posts_for_the_public(tmp_path)
    with store:
        export_pdf(store, tmp_path / "out.pdf", options, no_progress)
    text = pdf_text(tmp_path / "out.pdf")
    assert "Launch" in text
    assert "Public message" in text
    assert "Internal reorg" not in text


def test_each_month_legend_names_the_key_messages_of_its_own_posts(
    tmp_path: Path, qapp: object
) -> None:
    """Fourteen messages over a year: each month's legend named the first five of them,
    cut with "…", whatever its posts carried; and those its red numbers count (one
    overdue all month with no post was named nowhere on the page)."""
    with CalendarStore.create(tmp_path / "two.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        autumn = store.add_key_message(
            "Autumn message", cadence_days=30, ends_on=date(2026, 11, 30)
        ).created[0]
        winter = store.add_key_message(
            "Winter message", cadence_days=30, starts_on=date(2026, 12, 10)
        ).created[0]
        store.add_key_message("Never sent", cadence_days=30, starts_on=date(2026, 11, 1))
        # 30 November is in December's first row too, an empty cell there.
        for day, message in ((date(2026, 11, 30), autumn), (date(2026, 12, 10), winter)):
            store.add_post(NewPost("Post", channel, (message,), day, status=PostStatus.SCHEDULED))
        export(store, tmp_path / "two.pdf", first=date(2026, 11, 1), last=date(2027, 1, 31))
    pages = pdf_pages(tmp_path / "two.pdf")
    november = pdf_text(tmp_path / "two.pdf", page=pages - 2)
    december = pdf_text(tmp_path / "two.pdf", page=pages - 1)
    january = pdf_text(tmp_path / "two.pdf", page=pages)
    assert "November 2026" in november
    assert "December 2026" in december
    # A month with no post keeps the key to its red numbers (it lost the legend whole).
    assert "January 2027" in january
    assert "Red number: key messages overdue that day" in " ".join(january.split())
    legend = "Key messages"
    assert "Autumn message" in november.split(legend)[-1]
    assert "Winter message" not in november.split(legend)[-1]
    assert "Winter message" in december.split(legend)[-1]
    assert "Autumn message" not in december.split(legend)[-1]
    assert "Never sent" not in november.split(legend)[-1]  # not overdue yet
    assert "Never sent" in december.split(legend)[-1]
    assert "Never sent" in january.split(legend)[-1]  # a month without a post


def test_one_delivery_in_a_quarter_is_one_every_quarter(tmp_path: Path, qapp: object) -> None:
    """One a quarter, as said: the days it ran for each delivery (not "—", as for none)."""
    with CalendarStore.create(tmp_path / "one.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        message = store.add_key_message("Once", cadence_days=7).created[0]
        store.add_post(
            NewPost(
                "Only post", channel, (message,), date(2026, 11, 10), status=PostStatus.PUBLISHED
            )
        )
        report = build_delivery_report(
            store, as_of=TODAY, first=date(2026, 10, 1), last=date(2026, 12, 31)
        )
    (item,) = report.messages
    assert (item.deliveries, item.average_interval) == (1, 92)


def test_on_average_says_where_days_not_planned_yet_count(tmp_path: Path, qapp: object) -> None:
    """A weekly message on time, its plan ending in a month, read "12 days a delivery;
    its cadence asks for at most 7" beside "on cadence": the card says the days ahead
    not planned yet count, and only where there are some."""
    with CalendarStore.create(tmp_path / "plan.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        message = store.add_key_message("Weekly", cadence_days=7).created[0]
        for week in range(9):
            store.add_post(
                NewPost(f"Week {week}", channel, (message,), TODAY + timedelta(weeks=week))
            )
        for last, note_said in (
            (TODAY + timedelta(weeks=8), False),
            (TODAY + timedelta(weeks=12), True),
        ):
            target = tmp_path / f"{note_said}.pdf"
            export(store, target, first=TODAY, last=last)
            flat = " ".join(pdf_text(target).split())
            assert "its cadence asks for at most 7" in flat
            assert ("at most 7; days not planned yet count" in flat) is note_said


def test_on_average_counts_the_deliveries_of_the_days_a_message_runs(
    tmp_path: Path, qapp: object
) -> None:
    """Eight posts before a message starts, and none after: "every 5.5 d" beside the 41
    days it will be overdue. They count as deliveries (the period's); not in its pace."""
    starts = TODAY + timedelta(days=40)
    with CalendarStore.create(tmp_path / "later.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("Blog").created[0]
        message = store.add_key_message("Later", cadence_days=7, starts_on=starts).created[0]
        for week in range(8):
            day = TODAY + timedelta(days=1 + 4 * week)
            store.add_post(NewPost(f"Early {week}", channel, (message,), day))
        report = build_delivery_report(
            store, as_of=TODAY, first=TODAY, last=TODAY + timedelta(days=80)
        )
        (item,) = report.messages
        assert (item.deliveries, item.average_interval) == (8, None)
        store.add_post(NewPost("In its run", channel, (message,), starts + timedelta(days=10)))
        report = build_delivery_report(
            store, as_of=TODAY, first=TODAY, last=TODAY + timedelta(days=80)
        )
    (item,) = report.messages
    assert (item.deliveries, item.average_interval) == (9, 41)  # its 41 days, one delivery


@pytest.mark.parametrize(
    ("given", "lang", "shaded"),
    [
        (None, "en_GB.UTF-8", {5, 6}),
        (None, "he_IL.UTF-8", {4, 5}),  # the command line: the environment's
        (frozenset({4}), "en_GB.UTF-8", {4}),  # the window: the weekend it shades
    ],
)
def test_month_pages_shade_the_weekend_of_the_export(
    tmp_path: Path,
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    given: frozenset[int] | None,
    lang: str,
    shaded: set[int],
) -> None:
    monkeypatch.setenv("LC_ALL", lang)
    with CalendarStore.create(tmp_path / "x.cadence", timezone="Europe/Paris") as store:
        store.add_channel("Blog")
        options = ExportOptions(first=NOVEMBER[0], last=NOVEMBER[1], today=TODAY, rest_days=given)
        images = dict(render_images(store, options))
        plan = pdf._read_plan(store, options, TODAY)
        _, groups = pdf.legend_groups(PageStyle(), WIDTH - 2 * pdf.MARGIN, plan)
        legend_h = pdf.legend_height(groups)
    november = images["November 2026"]
    week = [date(2026, 11, 16) + timedelta(days=i) for i in range(7)]  # Monday to Sunday

    def shade(day: date) -> int:
        cell = day_corner(day, 6, 1.0, legend_h, right=False)
        return november.pixelColor(round(cell.left() + 14), round(cell.top() + 40)).rgb()

    monday = shade(week[0])
    assert {day.weekday() for day in week if shade(day) != monday} == shaded


def test_the_channels_past_the_bars_are_not_called_other_channels(
    tmp_path: Path, qapp: object
) -> None:
    """ "+ 5 on other channels" under the bars stood beside an "Other channels" bar, the
    channels left out of the report: a reader could not tell them apart."""
    with CalendarStore.create(tmp_path / "c.cadence", timezone="Europe/Paris") as store:
        told = store.add_key_message("Told", cadence_days=7).created[0]
        for number in range(12):  # channel n delivers on n + 1 days
            channel = store.add_channel(f"Channel {number}").created[0]
            for step in range(number + 1):
                day = date(2026, 11, 2) + timedelta(days=3 * step + number % 3)
                post = NewPost(f"Post {number}.{step}", channel, (told,), day)
                store.add_post(dataclasses.replace(post, status=PostStatus.SCHEDULED))
        options = ExportOptions(today=TODAY, first=date(2026, 11, 1), last=date(2026, 12, 31))
        export_pdf(store, tmp_path / "c.pdf", options, no_progress)
    words = " ".join(pdf_text(tmp_path / "c.pdf", page=2).split())
    assert "Channel 11 12" in words
    assert "+ 28 days on 7 more channels" in words  # channels 0 to 6: 1 + 2 + ... + 7
    assert "other channels" not in words.lower()


def test_a_report_of_a_campaigns_scheduled_posts_shows_those_alone(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """Its month pages and busy days keep to the campaign and status chosen, and the
    report says its cadence counts every post of the plan."""
    with CalendarStore.open(demo_path) as store:
        campaign = store.campaigns()[0]
        options = ExportOptions(
            today=TODAY,
            campaign_ids=frozenset({campaign.id}),
            statuses=frozenset({PostStatus.SCHEDULED, PostStatus.PUBLISHED}),
        )
        plan = pdf._read_plan(store, options, TODAY)
        export_pdf(store, tmp_path / "c.pdf", options, no_progress)
    shown = [p for posts in plan.posts_by_day.values() for p in posts]
    assert shown
    assert {p.campaign_id for p in shown} == {campaign.id}
    assert {p.status for p in shown} <= {PostStatus.SCHEDULED, PostStatus.PUBLISHED}
    cover = " ".join(pdf_text(tmp_path / "c.pdf", page=1).split())
    assert (
        f"The month pages show scheduled or published posts of campaign '{campaign.name}'"
        " only; deliveries count every post of the plan."
    ) in cover


def test_the_strips_key_names_every_channel_on_as_many_lines_as_it_needs(
    tmp_path: Path, qapp: object
) -> None:
    """Eleven channels named and one left out: the key under the strips ended in "+8
    more", and the grey marks of the one left out ("Other channels") were unexplained;
    then the channels behind "+N more" were (three of the demo's, half the page empty)."""
    with CalendarStore.create(tmp_path / "c.cadence", timezone="Europe/Paris") as store:
        told = store.add_key_message("Told", cadence_days=7).created[0]
        channels = [store.add_channel(f"Channel number {n}").created[0] for n in range(12)]
        for number, channel in enumerate(channels):
            day = date(2026, 11, 2) + timedelta(days=number)
            post = NewPost(f"Post {number}", channel, (told,), day)
            store.add_post(dataclasses.replace(post, status=PostStatus.SCHEDULED))
        options = ExportOptions(
            today=TODAY,
            first=date(2026, 11, 1),
            last=date(2026, 12, 31),
            channel_ids=frozenset(channels[1:]),
        )
        export_pdf(store, tmp_path / "c.pdf", options, no_progress)
    words = " ".join(pdf_text(tmp_path / "c.pdf", page=1).split())
    assert "Other channels" in words
    assert [n for n in range(12) if f"Channel number {n} " in f"{words} "] == list(range(1, 12))
    assert not re.search(r"\+\d+ more", words)


def test_a_key_of_many_long_channel_names_keeps_to_four_lines_and_the_report_is_made(
    tmp_path: Path, qapp: object
) -> None:
    """Thirty channels of long names: the key took the page, no strip fitted under it,
    and the report was laid out for ever."""

    with CalendarStore.create(tmp_path / "c.cadence", timezone="Europe/Paris") as store:
        told = [store.add_key_message(f"Told {n}", cadence_days=7).created[0] for n in range(3)]
        for number in range(30):
            name = f"Regional account number {number:03} of the northern and southern districts"
            channel = store.add_channel(name).created[0]
            day = date(2026, 11, 2) + timedelta(days=number)
            carried = (told[number % 3],)
            store.add_post(
                NewPost(f"Post {number}", channel, carried, day, status=PostStatus.SCHEDULED)
            )
        options = ExportOptions(today=TODAY, first=date(2026, 11, 1), last=date(2026, 12, 31))
        export_pdf(store, tmp_path / "c.pdf", options, no_progress)
    words = " ".join(pdf_text(tmp_path / "c.pdf", page=1).split())
    assert re.search(r"\+\d+ more", words)  # the last line's channels, counted
    assert "Regional account number 000 of the northern and southern districts" in words


def test_a_report_made_in_the_united_states_is_on_letter_paper(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    """It was A4 everywhere: a US office printer asks for Letter."""
    store = CalendarStore.open(demo_path)
    try:
        a4 = export(store, tmp_path / "a4.pdf")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        try:
            letter = export(store, tmp_path / "letter.pdf")
        finally:
            QLocale.setDefault(QLocale.c())
    finally:
        store.close()
    assert set(re.findall(rb"/MediaBox \[([^\]]*)\]", a4)) == {b"0 0 842.000000 595.000000"}
    assert set(re.findall(rb"/MediaBox \[([^\]]*)\]", letter)) == {b"0 0 792.000000 612.000000"}

    def pages_but_days_in_full(data: bytes, name: str) -> int:
        """(The narrower paper may cut a title more, its day listed in full after.)"""
        (tmp_path / name).write_bytes(data)
        return page_count(data) - pdf_text(tmp_path / name).count("the days in full · made")

    assert pages_but_days_in_full(letter, "l.pdf") == pages_but_days_in_full(a4, "a.pdf")


def test_the_command_line_s_report_keeps_a_locale_named_that_the_system_lacks(
    demo_path: Path, tmp_path: Path
) -> None:
    """LC_ALL=en_US.UTF-8 on a server with C.UTF-8 alone: the report was A4, where LANG
    gave Letter (put in its place to quiet Qt, C.UTF-8 lost the country)."""
    target = tmp_path / "out.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_TIME", "LC_MEASUREMENT")}
    env["LC_ALL"] = "en_US.UTF-8"
    result = cadence(
        *("export", demo_path, "--format", "pdf", "-o", target),
        *("--from", "2026-11-01", "--to", "2026-11-30"),
        env=env,
    )
    assert (result.returncode, result.stderr) == (0, "")
    found = set(re.findall(rb"/MediaBox \[([^\]]*)\]", target.read_bytes()))
    assert found == {b"0 0 792.000000 612.000000"}


@pytest.mark.parametrize(("first", "last"), [(date(2026, 11, 1), date(2026, 11, 30)), (None, None)])
def test_the_report_of_a_period_reads_what_the_whole_calendar_says_of_it(
    demo_path: Path,
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    first: date | None,
    last: date | None,
) -> None:
    """Only the deliveries the period's analysis sees are read (every one of 300,000 posts
    was, 0.6 s before the first progress), with the same figures: years of posts before
    and after it change nothing the report and the web page say."""
    from calendar_app.exchange.formats import ExportOptions
    from calendar_app.exchange.html import _read

    with CalendarStore.open(demo_path) as store:
        channel = store.channels()[0].id
        messages = [m.id for m in store.key_messages()]
        store.add_posts(  # two years of weekly posts on each side of the period
            NewPost("Old", channel, (messages[i % len(messages)],), day, status=status)
            for i, (day, status) in enumerate(
                [(date(2024, 1, 1) + timedelta(weeks=w), PostStatus.PUBLISHED) for w in range(80)]
                + [(date(2027, 6, 1) + timedelta(weeks=w), PostStatus.SCHEDULED) for w in range(80)]
            )
        )
        windowed = build_delivery_report(store, as_of=TODAY, first=first, last=last)
        page = _read(store, ExportOptions(first=first, last=last, today=TODAY))
        whole = store.delivery_rows

        def every_row(*args: object, window: object = None, **kw: object) -> object:
            return whole(*args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "delivery_rows", every_row)
        assert build_delivery_report(store, as_of=TODAY, first=first, last=last) == windowed
        assert _read(store, ExportOptions(first=first, last=last, today=TODAY)) == page


def test_a_busy_day_s_title_is_laid_out_in_its_own_font_each_time(
    demo_path: Path, qapp: object
) -> None:
    """Laid out once and kept, by the font's identity: a cancelled post's struck-through
    font lives only as it is painted, and the next post's font, given its freed id, took
    its layout (a live post printed struck through, a cancelled one not)."""
    with CalendarStore.open(demo_path) as store:
        plan = pdf._read_plan(store, ExportOptions(today=TODAY), TODAY)
    layout = pdf._BusyLayout(PageStyle(), plan, WIDTH - 2 * pdf.MARGIN)
    struck = []
    for cancelled in [True, False] * 20:  # each font made and let go, as each post paints
        font = QFont(layout.font)
        font.setStrikeOut(cancelled)
        struck.append(layout.laid(font, "Weekly tip")[0].font().strikeOut())
        del font
    assert struck == [True, False] * 20
