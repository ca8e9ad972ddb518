"""The read-only web page for clients: what it shows, what it escapes, what it never loads."""

from __future__ import annotations

import dataclasses
import re
import struct
import subprocess
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calendar_app.cli import main
from calendar_app.core.demo import write_demo
from calendar_app.core.errors import InvalidInput
from calendar_app.core.models import CampaignKind, NewPost, PostStatus, add_months
from calendar_app.core.store import CalendarStore
from calendar_app.exchange.formats import EXPORTERS, Cancelled, ExportOptions, no_progress
from calendar_app.exchange.html import (
    NEUTRAL,
    cadence_sentence,
    export_html,
    export_range,
    planned_from,
    safe_color,
    status_label,
)

TODAY = date(2026, 11, 18)
"""A Wednesday; the demo calendar is planned around it."""

PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT = '"><script>alert("x")</script><b x=\''


# -- reading the page back ----------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    classes: set[str]
    text: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """Every element with its attributes, and the text inside the elements we ask about."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.style = ""
        self._open: list[Element] = []
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        element = Element(tag, values, set(values.get("class", "").split()))
        self.elements.append(element)
        self._in_style = tag == "style"
        if tag not in ("meta", "br", "col", "img", "link", "input", "hr"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        for element in self._open:
            element.text.append(data)

    def having(self, cls: str, tag: str | None = None) -> list[Element]:
        return [e for e in self.elements if cls in e.classes and (tag is None or e.tag == tag)]

    def text_of(self, element: Element) -> str:
        return " ".join(" ".join(element.text).split())


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.cadence"
    write_demo(path, today=TODAY)
    return path


def export(store: CalendarStore, target: Path, **options: object) -> Page:
    options.setdefault("today", TODAY)
    export_html(store, target, ExportOptions(**options), no_progress)  # type: ignore[arg-type]
    return Page(target.read_text(encoding="utf-8"))


# -- what it shows ----------------------------------------------------------------


def test_default_range_is_the_month_before_today_to_two_months_after() -> None:
    assert export_range(ExportOptions(), TODAY) == (date(2026, 10, 1), date(2027, 1, 31))
    assert export_range(ExportOptions(first=date(2026, 3, 15)), TODAY) == (
        date(2026, 3, 15),
        date(2026, 6, 30),
    )
    assert export_range(ExportOptions(last=date(2026, 3, 15)), TODAY) == (
        date(2025, 12, 1),
        date(2026, 3, 15),
    )
    with pytest.raises(InvalidInput):
        export_range(ExportOptions(first=date(2026, 3, 15), last=date(2026, 3, 14)), TODAY)


def test_a_new_calendars_page_does_not_open_on_a_month_before_its_plan(tmp_path: Path) -> None:
    """A client's calendar begun this month opened its page (and report) on last
    month's empty grid, every message overdue in none of it."""
    assert export_range(ExportOptions(), TODAY, date(2026, 11, 1)) == (
        date(2026, 11, 1),
        date(2027, 1, 31),
    )
    assert export_range(ExportOptions(), TODAY, date(2026, 10, 31))[0] == date(2026, 10, 1)
    assert export_range(ExportOptions(last=date(2027, 1, 31)), TODAY, date(2026, 11, 1)) == (
        date(2026, 10, 1),
        date(2027, 1, 31),
    )
    with CalendarStore.create(tmp_path / "x.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        store.add_key_message("Made here", cadence_days=7, starts_on=TODAY)
        store.add_post(NewPost("Kick-off", channel, date=TODAY + timedelta(days=2)))
        assert planned_from(store) == TODAY
        page = export(store, tmp_path / "out.html")
        months = [e.attrs["id"] for e in page.having("month", "section")]
        assert months == ["month-2026-11", "month-2026-12", "month-2027-01"]
        # A key message begun in October keeps October on the page.
        store.add_key_message("Fair prices", cadence_days=7, starts_on=date(2026, 10, 20))
        page = export(store, tmp_path / "out.html")
        months = [e.attrs["id"] for e in page.having("month", "section")]
        assert months[0] == "month-2026-10"


def test_a_range_chosen_for_you_stays_within_the_years_a_calendar_plans() -> None:
    """From 1 Dec 2999 alone it ran to March 3000, with month pages of a year no
    calendar plans; to 31 Jan 1900 alone from October 1899."""
    assert export_range(ExportOptions(first=date(2999, 12, 1)), TODAY) == (
        date(2999, 12, 1),
        date(2999, 12, 31),
    )
    assert export_range(ExportOptions(last=date(1900, 1, 31)), TODAY) == (
        date(1900, 1, 1),
        date(1900, 1, 31),
    )
    assert export_range(ExportOptions(), date(2999, 12, 15)) == (
        date(2999, 11, 1),
        date(2999, 12, 31),
    )


def test_one_month_grid_per_month_and_every_post_once(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
        posts = store.posts_between(date(2026, 10, 1), date(2027, 1, 31))

    months = [e.attrs["id"] for e in page.having("month", "section")]
    assert months == ["month-2026-10", "month-2026-11", "month-2026-12", "month-2027-01"]
    assert len(page.having("grid", "table")) == 4
    expected = Counter(p.uid for p in posts)
    assert len(posts) > 100
    agenda = Counter(
        e.attrs["data-uid"] for e in page.elements if e.tag == "tr" and "data-uid" in e.attrs
    )
    assert agenda == expected
    # No day of the demo has more posts than a cell shows: each post is one chip.
    chips = Counter(e.attrs["data-uid"] for e in page.having("chip", "li"))
    assert chips == expected


def test_a_page_of_some_campaigns_and_statuses_shows_their_posts_alone(
    demo: Path, tmp_path: Path
) -> None:
    """A plan of one campaign went to the client with every campaign's posts, ideas and
    cancelled ones too (the window was filtered; the export was not)."""
    with CalendarStore.open(demo) as store:
        posts = store.posts_between(date(2026, 10, 1), date(2027, 1, 31))
        # The campaign whose posts have most statuses (the demo's has three).
        campaign = max(
            {p.campaign_id for p in posts if p.campaign_id is not None},
            key=lambda c: len({p.status for p in posts if p.campaign_id == c}),
        )
        statuses = frozenset({PostStatus.SCHEDULED, PostStatus.DRAFT})
        page = export(store, tmp_path / "out.html", campaign_ids={campaign}, statuses=statuses)
    expected = {p.uid for p in posts if p.campaign_id == campaign and p.status in statuses}
    assert 0 < len(expected) < len(posts)
    assert {e.attrs["data-uid"] for e in page.having("chip", "li")} == expected
    agenda = {e.attrs["data-uid"] for e in page.elements if e.tag == "tr" and "data-uid" in e.attrs}
    assert agenda == expected
    # The cadence is the whole plan's: the page says what it lists.
    assert (
        "The cadence counts the deliveries of every post of the plan; this page lists draft"
        " or scheduled posts of campaign"
    ) in " ".join(page.text_of(e) for e in page.having("meta", "p"))


def test_a_chip_shows_time_title_channel_colour_and_message_dots(
    demo: Path, tmp_path: Path
) -> None:
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
        post = next(
            p
            for p in store.posts_between(TODAY, date(2026, 12, 31))
            if len(p.message_ids) >= 2 and p.time is not None
        )
        channel = store.channel(post.channel_id)
        colours = [store.key_message(m).color for m in post.message_ids]
        titles = [store.key_message(m).title for m in post.message_ids]

    chip = next(e for e in page.having("chip", "li") if e.attrs["data-uid"] == post.uid)
    text = page.text_of(chip)
    assert text.startswith(f"{post.time:%H:%M} ")
    assert post.title in text
    assert f"border-left-color:{channel.color}" in chip.attrs["style"]
    index = page.elements.index(chip)
    dots = [e for e in page.elements[index + 1 : index + 12] if "dot" in e.classes][: len(colours)]
    assert [d.attrs["title"] for d in dots] == titles
    assert [d.attrs["style"] for d in dots] == [f"background:{c}" for c in colours]


def test_a_chip_of_many_key_messages_keeps_room_for_its_title(demo: Path, tmp_path: Path) -> None:
    """Ten dots left "Post with …" of the title, thirty-two spilled into the next day:
    four dots, then "+N" naming the rest, as the window's chips show them."""
    with CalendarStore.open(demo) as store:
        channel = store.channels()[0].id
        messages = [
            store.add_key_message(f"Message {n}", cadence_days=14).created[0] for n in range(10)
        ]
        store.add_post(
            NewPost("Post with ten key messages", channel, tuple(messages), TODAY, time(9, 0))
        )
        post = next(p for p in store.posts_between(TODAY, TODAY) if len(p.message_ids) == 10)
        page = export(store, tmp_path / "out.html")
    chip = next(e for e in page.having("chip", "li") if e.attrs["data-uid"] == post.uid)
    index = page.elements.index(chip)
    after = page.elements[index + 1 :]
    ends = next(i for i, e in enumerate(after) if e.tag in ("li", "td", "section"))
    inside = after[:ends]
    dots = [e for e in inside if "dot" in e.classes]
    assert [d.attrs["title"] for d in dots] == [f"Message {n}" for n in range(4)]
    (more,) = [e for e in inside if "more-dots" in e.classes]
    assert page.text_of(more) == "+6"
    assert more.attrs["title"] == ", ".join(f"Message {n}" for n in range(4, 10))


@pytest.mark.parametrize(
    ("first", "last", "most"),
    [
        (date(2026, 10, 1), date(2027, 1, 31), 4),
        (date(2025, 1, 1), date(2029, 12, 31), 13),
        (date(2027, 2, 27), date(2027, 6, 30), 4),  # February too short to be named
    ],
)
def test_the_axis_names_its_years_and_leaves_room_between_months(
    demo: Path, tmp_path: Path, first: date, last: date, most: int
) -> None:
    """Five years printed sixty month names, run together, with no year: the first and
    each January say their year, and over years every second, third... month is named."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html", first=first, last=last)
    (axis,) = page.having("axis", "div")
    track = next(e for e in page.elements[page.elements.index(axis) :] if "track" in e.classes)
    words = page.text_of(track).split()  # "Oct 2026 Nov Dec Jan 2027"
    named = first if first.day == 1 else date(first.year, first.month + 1, 1)
    assert words[:2] == [f"{named:%b}", str(named.year)]
    assert len([w for w in words if w.isalpha()]) <= most
    years = {w for w in words if w.isdigit()}
    assert years == {str(year) for year in range(first.year, last.year + 1)}


def test_today_is_marked_and_overdue_days_carry_a_badge(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    today = [e for e in page.elements if e.tag == "td" and "today" in e.classes]
    assert len(today) == 1
    assert page.text_of(today[0]).startswith("18")
    # Both overdue messages (warranty since 8 Oct, local experts since 6 Nov) on 18 Nov.
    cell = page.elements.index(today[0])
    badge = next(e for e in page.elements[cell:] if "badge" in e.classes)
    assert page.text_of(badge) == "2"
    assert "Backed by a 25-year warranty" in badge.attrs["title"]
    assert "Installed by local experts" in badge.attrs["title"]


def test_today_in_another_months_spill_over_days_is_not_marked(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html", today=date(2026, 12, 2))
    today = [e for e in page.elements if e.tag == "td" and "today" in e.classes]
    assert len(today) == 1  # in December's grid, not also in November's last row
    assert page.text_of(today[0]).startswith("2")


def test_cadence_summary_per_key_message(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
        titles = [m.title for m in store.key_messages()]

    lead = page.text_of(page.having("lead", "p")[0])
    assert lead == (
        "3 of 5 key messages on cadence; 'Backed by a 25-year warranty' overdue by 42 days; "
        "'Installed by local experts' overdue by 13 days; all 5 have days ahead not planned yet."
    )
    rows = page.having("msg", "article")
    headings = [page.text_of(e) for e in page.elements if e.tag == "h3" and "msg" not in e.classes]
    assert headings[: len(titles)] == titles
    warranty = page.text_of(rows[titles.index("Backed by a 25-year warranty")])
    assert "overdue by 42 days" in warranty
    assert "Cadence every 30 days" in warranty
    # Overdue since 8 Oct: one stretch of 42 days up to today, the rest not planned yet.
    assert "Overdue so far 1 stretch, longest 42 days" in warranty
    assert "Overdue ahead unless planned 74 days" in warranty
    experts = page.text_of(rows[titles.index("Installed by local experts")])
    assert "Last Thu 22 Oct Next Wed 25 Nov" in experts
    pills = [page.text_of(p) for p in page.having("pill", "span")]
    assert pills.count("on cadence") == 3
    # The warranty's gap runs through the range: overdue up to today, pale after it.
    strips = page.having("strip", "div")
    assert len(strips) == 5
    gaps = [e for e in page.having("gap", "span") if "Overdue" in e.attrs.get("title", "")]
    warranty_gap = [
        g for g in gaps if g.attrs["title"].startswith("Overdue since Thu 8 Oct 2026: 42 days")
    ]
    # (In full and short: the page shows the one its bar has room for.)
    assert [page.text_of(g) for g in warranty_gap] == ["42 days 42 d", ""]
    assert [sorted(g.classes) for g in warranty_gap] == [["gap"], ["future", "gap"]]
    assert warranty_gap[0].attrs["title"] == (
        "Overdue since Thu 8 Oct 2026: 42 days up to today, "
        "74 days more unless something is planned"
    )


def test_legend_names_channels_and_messages(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
        channels = [c.name for c in store.channels()]
        messages = [m.title for m in store.key_messages()]
    legend = page.text_of(page.having("legend", "section")[0])
    for name in channels + messages:
        assert name in legend
    title = next(e for e in page.elements if e.tag == "title")
    assert "Solenne Solar (demo)" in page.text_of(title)
    masthead = page.text_of(next(e for e in page.elements if e.tag == "header"))
    assert "as of Wednesday 18 November 2026 · times in Europe/Amsterdam" in masthead


def test_the_legend_says_a_cadence_as_the_message_cards_do(demo: Path, tmp_path: Path) -> None:
    """A daily message was "every 1 day" in the key and "every day" on its card."""
    with CalendarStore.open(demo) as store:
        first = store.key_messages()[0]
        store.update_key_message(dataclasses.replace(first, cadence_days=1))
        page = export(store, tmp_path / "out.html")
    legend = page.text_of(page.having("legend", "section")[0])
    assert f"{first.title} every day" in legend
    assert "every 1 day" not in page.text_of(page.elements[0])


def test_the_legend_names_an_archived_message_whose_dots_show(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        roof = store.key_message_titled("Every roof counts")
        assert roof is not None
        store.update_key_message(dataclasses.replace(roof, archived=True))
        page = export(store, tmp_path / "out.html")
    legend = page.text_of(page.having("legend", "section")[0])
    assert "Every roof counts (archived)" in legend


@pytest.mark.parametrize(
    ("week_start", "heads", "first", "cells"),
    [
        # 1 Nov 2026 is a Sunday: the grid starts on it, five weeks.
        ("sunday", ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], "1", 35),
        # Egypt's and Iran's weeks: from Saturday 31 October (no day of the page), five.
        ("saturday", ["Sat", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri"], "", 35),
    ],
)
def test_week_starts_on_the_calendars_first_day(
    tmp_path: Path, week_start: str, heads: list[str], first: str, cells: int
) -> None:
    with CalendarStore.create(tmp_path / "x.cadence", timezone="Europe/Paris") as store:
        store.update_info(week_start=week_start)
        page = export(
            store, tmp_path / "out.html", first=date(2026, 11, 1), last=date(2026, 11, 30)
        )
    shown = [
        page.text_of(e) for e in page.elements if e.tag == "th" and e.attrs.get("scope") == "col"
    ]
    assert shown[:7] == heads
    first_cell = next(e for e in page.elements if e.tag == "td")
    assert page.text_of(first_cell) == first
    assert len([e for e in page.elements if e.tag == "td"]) == cells


def test_a_few_days_show_only_the_weeks_they_cover(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        page = export(
            store, tmp_path / "out.html", first=date(2026, 11, 10), last=date(2026, 11, 20)
        )
    numbers = [page.text_of(e) for e in page.having("num", "span")]
    assert (numbers[0], numbers[-1], len(numbers)) == ("9", "22", 14)  # two weeks from Monday


def test_filters_limit_posts_and_messages(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        linkedin = store.channel_named("LinkedIn")
        warranty = store.key_message_titled("Every roof counts")
        assert linkedin is not None
        assert warranty is not None
        page = export(store, tmp_path / "a.html", channel_ids=frozenset({linkedin.id}))
        wanted = {
            p.uid
            for p in store.posts_between(date(2026, 10, 1), date(2027, 1, 31))
            if p.channel_id == linkedin.id
        }
        only = export(store, tmp_path / "b.html", message_ids=frozenset({warranty.id}))
        carrying = {
            p.uid
            for p in store.posts_between(date(2026, 10, 1), date(2027, 1, 31))
            if warranty.id in p.message_ids
        }
    assert {e.attrs["data-uid"] for e in page.having("chip", "li")} == wanted
    assert "every channel" in page.text_of(page.having("card", "section")[0])
    assert {e.attrs["data-uid"] for e in only.having("chip", "li")} == carrying
    assert [only.text_of(e) for e in only.elements if e.tag == "h3"][:1] == ["Every roof counts"]
    assert len(only.having("msg", "article")) == 1


def test_a_channel_left_out_is_counted_but_not_named(demo: Path, tmp_path: Path) -> None:
    """An internal channel unticked for the client's page was named there still, in
    each message's channel counts and in the marks' tooltips."""
    with CalendarStore.open(demo) as store:
        instagram = store.channel_named("Instagram")
        assert instagram is not None
        others = frozenset(c.id for c in store.channels() if c.id != instagram.id)
        export(store, tmp_path / "a.html", channel_ids=others)
        export(store, tmp_path / "all.html")
    text = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "Instagram" in (tmp_path / "all.html").read_text(encoding="utf-8")
    assert "Instagram" not in text
    assert "Other channels" in text  # its deliveries, still counted
    # Every channel named: none left out, and no sentence says some are.
    with CalendarStore.open(demo) as store:
        every = frozenset(c.id for c in store.channels(include_archived=True))
        export(store, tmp_path / "every.html", channel_ids=every)
    assert "does not list" not in (tmp_path / "every.html").read_text(encoding="utf-8")


def test_every_message_ticked_the_archived_too_keeps_every_post(demo: Path, tmp_path: Path) -> None:
    """Every key message ticked, the archived one too: the page had it, but dropped the
    posts carrying no key message."""
    with CalendarStore.open(demo) as store:
        retired = store.key_messages()[-1]
        store.update_key_message(dataclasses.replace(retired, archived=True))
        page = export(store, tmp_path / "a.html", archived_messages=frozenset({retired.id}))
        plain = export(store, tmp_path / "b.html")
    titles = [page.text_of(e) for e in page.elements if e.tag == "h3"]
    assert retired.title in titles
    assert retired.title not in [plain.text_of(e) for e in plain.elements if e.tag == "h3"]
    chips = {e.attrs["data-uid"] for e in page.having("chip", "li")}
    assert chips == {e.attrs["data-uid"] for e in plain.having("chip", "li")}


def test_on_a_phone_the_tables_scroll_in_their_cards(demo: Path, tmp_path: Path) -> None:
    """A month grid or the agenda wider than a phone scrolls sideways in its card; the
    page itself keeps the phone's width (it scrolled sideways as a whole)."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    tables = [e for e in page.elements if e.tag == "table"]
    assert len(tables) == text.count('<div class="wide"><table ') == 5  # four months, agenda
    assert "@media screen { .wide { overflow-x: auto; } }" in page.style  # paper: all of it


def test_the_reader_s_text_size_sizes_the_letters_on_screen(demo: Path, tmp_path: Path) -> None:
    """Every size was in px: a browser set to larger text showed the page as it was. On
    screen, letters are sized in rem (the strip's bars keep their size, and their
    numbers); on paper, as laid out."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    screen = page.style[: page.style.index("@media print")]
    fixed = re.findall(r"([^{}]*)\{[^}]*font(?:-size)?: [\d.]+px", screen)
    assert [rule.strip().rpartition("*/")[2].strip() for rule in fixed] == [
        ".axis .track",  # (of the drawing: grown, its months ran together)
        ".strip .gap",
    ]
    assert "col.c-status { width: 5.75rem; }" in screen  # ("Published" cut short)
    assert "font: 0.875rem/1.45" in screen
    assert re.search(r"\.badge \{[^}]*line-height: 1\.5;", screen)


def test_on_a_narrow_screen_the_strips_keep_their_months(demo: Path, tmp_path: Path) -> None:
    """Under 820 px (a phone, or a laptop zoomed to 200 %) the months over the strips were
    hidden: "46 days" could not be placed in time. They stand over the strips, as on
    paper."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    narrow = page.style[page.style.index("@media screen and (max-width: 820px)") :]
    narrow = narrow[: narrow.index("\n}\n")]
    assert ".axis { display: none; }" not in narrow
    assert ".axis, .msg { grid-template-columns: 1fr;" in narrow
    assert ".axis > div:first-child { display: none; }" in narrow
    # On a phone, the months named with their year alone (the others ran together).
    phone = page.style[page.style.index("@media screen and (max-width: 600px)") :]
    assert ".axis .track span:not(.y) { display: none; }" in phone[: phone.index("\n}\n")]
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert re.findall(r'<span class="y" style="left:[\d.]+%">([^<]+)</span>', text) == [
        "Oct 2026",
        "Jan 2027",
    ]
    assert re.findall(r'<span style="left:[\d.]+%">([^<]+)</span>', text) == ["Nov", "Dec"]


def test_printed_a_days_heading_stays_with_its_posts_and_strips_span_the_paper(
    demo: Path, tmp_path: Path
) -> None:
    """Printed from a browser, 14 of 38 pages ended on a day's heading whose posts were
    on the next page, and the first page held one message: beside its strip, its words
    took many lines."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    printed = page.style[page.style.index("@media print") :]
    assert ".agenda tr.day { break-after: avoid; }" in printed
    assert ".axis, .msg { grid-template-columns: 1fr;" in printed
    assert ".axis > div:first-child { display: none; }" in printed  # the axis over the strips


def test_a_draft_whose_day_passed_is_faded_and_the_legend_says_what_each_look_means(
    demo: Path, tmp_path: Path
) -> None:
    """A draft that never went out looked like any other (the PDF fades it); the legend
    had no word for a dated idea, nor for badges after today."""
    with CalendarStore.open(demo) as store:
        channel = store.channels()[0].id
        late = store.add_post(
            NewPost("Never sent", channel, date=TODAY - timedelta(days=3))
        ).created[0]
        ahead = store.add_post(
            NewPost("Still to send", channel, date=TODAY + timedelta(days=3))
        ).created[0]
        uids = {store.post(late).uid: "late", store.post(ahead).uid: "ahead"}
        page = export(store, tmp_path / "out.html")
    chips = {
        uids[e.attrs["data-uid"]]: e
        for e in page.having("chip", "li")
        if e.attrs.get("data-uid") in uids
    }
    assert "passed" in chips["late"].classes
    assert "never went out" in chips["late"].attrs["title"]
    assert "passed" not in chips["ahead"].classes
    legend = page.text_of(page.having("legend", "section")[0])
    assert "Draft whose day passed never went out" in legend
    assert "Idea (italic) not planned" in legend
    assert "(after today: unless something is planned by then)" in legend


def test_a_name_without_spaces_breaks_beside_its_dot(demo: Path, tmp_path: Path) -> None:
    """A 120-letter channel name ran out of the legend's card, its dot on another line."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    assert ".legend li bdi, .by-channel bdi { min-width: 0; overflow-wrap: anywhere; }" in (
        page.style
    )
    assert ".by-channel > span { display: flex;" in page.style


def test_an_empty_calendar_still_makes_a_page(tmp_path: Path) -> None:
    with CalendarStore.create(tmp_path / "x.cadence", timezone="Europe/Paris") as store:
        summary = export_html(store, tmp_path / "out.html", ExportOptions(today=TODAY), no_progress)
    page = Page((tmp_path / "out.html").read_text(encoding="utf-8"))
    assert summary.posts == 0
    assert "No key messages to report on." in page.text_of(page.having("lead", "p")[0])
    assert "No posts in this period." in page.text_of(page.having("agenda-section")[0])
    # This month and the two after: nothing planned before it (see below).
    assert len(page.having("grid", "table")) == 3


# -- escaping -----------------------------------------------------------------------


def hostile_calendar(path: Path) -> CalendarStore:
    """A calendar whose every user-typed field carries markup."""
    store = CalendarStore.create(path, name=f"Client {PAYLOAD}", timezone="Europe/Paris")
    channel = store.add_channel(f"Chan {PAYLOAD}", color="#0a66c2").created[0]
    message = store.add_key_message(
        f"Msg {PAYLOAD}", statement=f"Says {SCRIPT}", cadence_days=7, color="#e3a008"
    ).created[0]
    campaign = store.add_campaign(
        f"Camp {SCRIPT}", kind=CampaignKind.PRODUCT, color="#0f9bb5"
    ).created[0]
    store.add_posts(
        [
            NewPost(
                title=PAYLOAD,
                channel_id=channel,
                message_ids=(message,),
                date=TODAY,
                time=time(9, 0),
                status=PostStatus.SCHEDULED,
                body=f"Body {SCRIPT}",
                campaign_id=campaign,
                link=f"javascript:alert(1)//{PAYLOAD}",
                notes=SCRIPT,
            ),
            NewPost(
                title=f"Second {SCRIPT}",
                channel_id=channel,
                message_ids=(message,),
                date=date(2026, 11, 30),
                status=PostStatus.PUBLISHED,
            ),
        ]
    )
    return store


def test_user_text_is_escaped_everywhere(tmp_path: Path) -> None:
    with hostile_calendar(tmp_path / "x.cadence") as store:
        export_html(store, tmp_path / "out.html", ExportOptions(today=TODAY), no_progress)
    text = (tmp_path / "out.html").read_text(encoding="utf-8")

    assert PAYLOAD not in text
    assert "<script>" not in text
    assert "onerror" not in text.replace("onerror=alert(1)&gt;", "")
    page = Page(text)
    tags = {e.tag for e in page.elements}
    assert not tags & {"img", "script", "b", "iframe", "object", "embed"}
    assert not [name for e in page.elements for name in e.attrs if name.startswith("on")]
    # The markup shows as text, where a reader expects it.
    words = page.text_of(next(e for e in page.elements if e.tag == "body"))
    for shown in (
        f"Client {PAYLOAD}",
        f"Chan {PAYLOAD}",
        f"Msg {PAYLOAD}",
        f"Says {SCRIPT}",
        f"Camp {SCRIPT}",
        f"Body {SCRIPT}",
        f"Second {SCRIPT}",
    ):
        assert " ".join(shown.split()) in words
    chip = next(e for e in page.having("chip", "li") if "09:00" in page.text_of(e))
    assert page.text_of(chip) == f"09:00 {PAYLOAD}"
    title = next(e for e in page.elements if e.tag == "title")
    assert PAYLOAD in page.text_of(title)
    # Attribute values (tooltips) keep the text whole and inert.
    tips = [e.attrs["title"] for e in page.elements if "title" in e.attrs]
    assert f"Msg {PAYLOAD}" in tips
    # The link is text, never an address to follow.
    assert not [e for e in page.elements if e.tag == "a" and not e.attrs["href"].startswith("#")]


def test_right_to_left_text_runs_its_own_way_and_latin_text_stays_put(tmp_path: Path) -> None:
    """A Hebrew title with a Latin word reads right to left in its chip and agenda
    row, without pulling the time or the next words round with it."""
    hebrew = "שלום לכולם: מבצע 50% ב-Cadence"
    with CalendarStore.create(
        tmp_path / "x.cadence", name="לוח שנה 2027", timezone="Asia/Jerusalem"
    ) as store:
        channel = store.add_channel("ערוץ").created[0]
        message = store.add_key_message("מסר", cadence_days=7).created[0]
        store.add_posts(
            [
                NewPost(hebrew, channel, (message,), TODAY, time(9, 0), body="גוף הטקסט"),
                NewPost("Latin title", channel, (), TODAY, time(10, 0), body="Plain body"),
            ]
        )
        export_html(store, tmp_path / "out.html", ExportOptions(today=TODAY), no_progress)
    page = Page((tmp_path / "out.html").read_text(encoding="utf-8"))
    isolated = {page.text_of(e) for e in page.elements if e.tag == "bdi"}
    assert {hebrew, "Latin title", "ערוץ", "מסר"} <= isolated  # chips, agenda, legends
    auto = [e for e in page.elements if e.attrs.get("dir") == "auto"]
    assert {page.text_of(e) for e in auto if "title" in e.classes} == {hebrew, "Latin title"}
    assert {page.text_of(e) for e in auto if "body" in e.classes} == {"גוף הטקסט", "Plain body"}
    chip = next(e for e in page.having("chip", "li") if "09:00" in page.text_of(e))
    time_first = page.elements[page.elements.index(chip) + 2]
    assert (time_first.tag, page.text_of(time_first)) == ("time", "09:00")  # outside the bdi
    h1 = next(e for e in page.elements if e.tag == "h1")
    assert (page.text_of(h1), h1.attrs.get("dir")) == ("לוח שנה 2027", "auto")
    # The message's deliveries by channel: the name set apart from its count.
    (by_channel,) = page.having("by-channel", "p")
    after = page.elements[page.elements.index(by_channel) + 1 :][:3]
    assert [e.tag for e in after] == ["span", "span", "bdi"]
    assert page.text_of(after[2]) == "ערוץ"


def test_a_day_on_two_channels_left_out_counts_once_under_other_channels(
    tmp_path: Path,
) -> None:
    """A message's deliveries by channel count days: posted on LinkedIn, Instagram and
    Facebook on one day, with LinkedIn alone named, it is LinkedIn 1, Other channels 1."""
    with CalendarStore.create(tmp_path / "x.cadence", timezone="Europe/Paris") as store:
        linkedin, *others = (
            store.add_channel(name).created[0] for name in ("LinkedIn", "Instagram", "Facebook")
        )
        message = store.add_key_message("Made here", starts_on=date(2026, 11, 1)).created[0]
        for channel in (linkedin, *others):
            store.add_post(
                NewPost("P", channel, (message,), date(2026, 11, 10), status=PostStatus.PUBLISHED)
            )
        page = export(
            store,
            tmp_path / "p.html",
            first=date(2026, 11, 1),
            last=date(2026, 11, 30),
            channel_ids=frozenset({linkedin}),
        )
    (by_channel,) = page.having("by-channel", "p")
    assert page.text_of(by_channel) == "LinkedIn 1 Other channels 1"


def test_names_in_a_badge_s_tooltip_are_set_apart(tmp_path: Path) -> None:
    """A day's overdue badge named a Hebrew and an Arabic message in swapped places."""
    with CalendarStore.create(tmp_path / "x.cadence", timezone="Europe/Paris") as store:
        store.add_key_message("מסר ראשון", cadence_days=7, starts_on=TODAY - timedelta(days=40))
        store.add_key_message("رسالة ثانية", cadence_days=7, starts_on=TODAY - timedelta(days=40))
        export_html(store, tmp_path / "out.html", ExportOptions(today=TODAY), no_progress)
    page = Page((tmp_path / "out.html").read_text(encoding="utf-8"))
    tips = {e.attrs.get("title") for e in page.having("badge", "span")}
    assert "Overdue: \u2068מסר ראשון\u2069; \u2068رسالة ثانية\u2069" in tips


@pytest.mark.parametrize(
    ("lang", "rest"), [("en_GB.UTF-8", {5, 6}), ("he_IL.UTF-8", {4, 5}), ("hi_IN.UTF-8", {6})]
)
def test_the_weekend_shaded_is_the_locale_s(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, rest: set[int]
) -> None:
    """In Israel, Sunday (a working day) was shaded and Friday was not."""
    monkeypatch.setenv("LC_ALL", lang)
    with CalendarStore.open(demo) as store:
        first = TODAY.replace(day=1)
        page = export(store, tmp_path / "out.html", first=first, last=first + timedelta(days=27))
    shaded: set[int] = set()
    for cell in page.having("weekend", "td"):
        number = page.elements[page.elements.index(cell) + 2]  # td > div.day-top > span.num
        assert number.classes == {"num"}
        shaded.add(date(TODAY.year, TODAY.month, int(page.text_of(number))).weekday())
    assert shaded == rest


def test_the_weekend_shaded_may_be_given(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window gives the days of rest it shades (the system's, where the environment
    names no locale): the page shades those, whatever the environment says."""
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    with CalendarStore.open(demo) as store:
        first = TODAY.replace(day=1)
        page = export(
            store,
            tmp_path / "out.html",
            first=first,
            last=first + timedelta(days=27),
            rest_days=frozenset({4}),
        )
    cells = page.having("weekend", "td")
    numbers = [page.elements[page.elements.index(cell) + 2] for cell in cells]
    shaded = {date(TODAY.year, TODAY.month, int(page.text_of(n))).weekday() for n in numbers}
    assert shaded == {4}


def test_colours_are_checked_before_they_reach_a_style(tmp_path: Path) -> None:
    assert safe_color("#ABCDEF") == "#abcdef"
    assert safe_color("red;background:url(http://x)") == NEUTRAL
    assert safe_color(None) == NEUTRAL
    with hostile_calendar(tmp_path / "x.cadence") as store:
        # A calendar file edited by hand can hold anything.
        store.db.execute("UPDATE channels SET color = ?", ['red" onmouseover="alert(1)'])
        store.db.execute("UPDATE key_messages SET color = ?", ["#123;background:url(//x)"])
        export_html(store, tmp_path / "out.html", ExportOptions(today=TODAY), no_progress)
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "onmouseover" not in text
    assert "url(" not in text
    assert "#123;" not in text
    assert f"border-left-color:{NEUTRAL}" in text


def test_the_page_loads_nothing_from_anywhere(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert not {e.tag for e in page.elements} & {
        "script",
        "img",
        "link",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "source",
        "base",
    }
    assert not [e for e in page.elements if "src" in e.attrs]
    hrefs = [e.attrs["href"] for e in page.elements if "href" in e.attrs]
    assert len(hrefs) == 6  # key messages, four months, agenda
    assert all(h.startswith("#") for h in hrefs)
    values = " ".join(v for e in page.elements for v in e.attrs.values())
    assert "http" not in values
    assert "//" not in values
    assert "url(" not in page.style
    assert "@import" not in page.style
    # The demo's post links show as text only.
    assert "https://solenne.example/" in text
    assert text.count("http") == text.count('<div class="link">https://')


def test_a_calendar_without_links_has_no_address_at_all(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        store.db.execute("UPDATE posts SET link = ''")
        export_html(store, tmp_path / "out.html", ExportOptions(today=TODAY), no_progress)
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "http" not in text
    assert "url(" not in text
    assert "@import" not in text
    assert "src=" not in text


# -- writing the file -----------------------------------------------------------------


def test_cancelling_leaves_no_file(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "page.html"
    target.parent.mkdir()
    calls: list[tuple[int, int]] = []

    def cancel_at_second(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 2

    with CalendarStore.open(demo) as store, pytest.raises(Cancelled):
        export_html(store, target, ExportOptions(today=TODAY), cancel_at_second)
    assert calls == [(1, 6), (2, 6)]
    assert list(target.parent.iterdir()) == []


def test_progress_runs_to_the_end_and_an_old_file_is_replaced(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    calls: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    with CalendarStore.open(demo) as store:
        summary = EXPORTERS["html"](store, target, ExportOptions(today=TODAY), record)
    assert calls == [(i, 6) for i in range(1, 7)]
    assert summary.files == [target]
    assert summary.posts == 121
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_command_line_exports_a_range(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "november.html"
    code = main(
        [
            "export",
            str(demo),
            "--format",
            "html",
            "-o",
            str(target),
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.strip() == (
        f"Exported 33 posts (1 Nov – 30 Nov 2026) to {target}."
    )
    page = Page(target.read_text(encoding="utf-8"))
    assert [e.attrs["id"] for e in page.having("month", "section")] == ["month-2026-11"]


def test_sentence_names_at_most_three_and_counts_the_rest() -> None:
    from calendar_app.core.cadence import MessageCadence, MessageStatus

    def cadence(title: str, status: MessageStatus, overdue: int = 0) -> MessageCadence:
        return MessageCadence(1, title, 7, status, overdue, None, None, (), (), ())

    text = cadence_sentence(
        [cadence(f"M{i}", MessageStatus.OVERDUE, i) for i in range(1, 6)]
        + [cadence("Fine", MessageStatus.OK), cadence("Open", MessageStatus.UNPLANNED)]
    )
    assert text == (
        "1 of 7 key messages on cadence; 'M5' overdue by 5 days; 'M4' overdue by 4 days; "
        "'M3' overdue by 3 days; 2 more overdue; nothing planned in time to repeat 'Open'."
    )
    assert cadence_sentence([cadence("Fine", MessageStatus.OK)]) == "1 key message on cadence."
    # With nothing planned to repeat it, a message is not on cadence (as its pill says).
    assert cadence_sentence([cadence("A", MessageStatus.UNPLANNED)]) == (
        "The key message is not on cadence; nothing planned in time to repeat 'A'."
    )
    # A Hebrew name is set apart, so that it reads right to left inside the English sentence.
    assert cadence_sentence(
        [cadence("מסר ב-2027", MessageStatus.OVERDUE, 3), cadence("פתוח", MessageStatus.UNPLANNED)]
    ) == (
        "Neither key message on cadence; '\u2068מסר ב-2027\u2069' overdue by 3 days; "
        "nothing planned in time to repeat '\u2068פתוח\u2069'."
    )
    # One that has ended too, and a name with a direction override left open.
    assert (
        cadence_sentence(
            [cadence("Fine", MessageStatus.OK), cadence("Warranty\u202e", MessageStatus.ENDED)]
        )
        == "1 key message on cadence; '\u2068Warranty\u202e\u2069' ended."
    )
    # Many not running, counted as their badges say it ("4 key messages not running now"
    # read as a fault in a plan whose messages start next month).
    later = [cadence(f"Later {i}", MessageStatus.UPCOMING) for i in range(4)]
    assert cadence_sentence([cadence("Fine", MessageStatus.OK), *later]) == (
        "1 key message on cadence; 4 key messages start later."
    )
    assert cadence_sentence([*later[:3], cadence("Old", MessageStatus.ENDED)]) == (
        "3 key messages start later; 1 ended."
    )
    ended = [cadence(f"Old {i}", MessageStatus.ENDED) for i in range(4)]
    assert cadence_sentence([cadence("Fine", MessageStatus.OK), *ended]) == (
        "1 key message on cadence; 4 key messages ended."
    )
    assert status_label(MessageStatus.UPCOMING, 0) == "upcoming"  # as the window's badge


def test_sentence_names_the_days_ahead_a_message_on_cadence_is_not_planned_for() -> None:
    """A plan with holes opened its report with a green "All 5 key messages on cadence"
    alone: on cadence today, overdue in two weeks unless something is planned."""
    from calendar_app.core.cadence import Gap, MessageCadence, MessageStatus

    as_of = date(2026, 12, 7)

    def cadence(title: str, status: MessageStatus, *gaps: tuple[int, int]) -> MessageCadence:
        holes = tuple(
            Gap(as_of + timedelta(days=a), as_of + timedelta(days=b), b - a + 1, None)
            for a, b in gaps
        )
        return MessageCadence(1, title, 7, status, 0, None, None, (), holes, ())

    messages = [
        cadence("Built to last", MessageStatus.OK, (16, 28), (37, 55)),
        cadence("Made here", MessageStatus.OK),
        cadence("Ride to work", MessageStatus.OK, (3, 3)),
        cadence("Open", MessageStatus.UNPLANNED, (2, 30)),  # counted too, as in the table
    ]
    assert cadence_sentence(messages, (), as_of) == (
        "3 of 4 key messages on cadence; nothing planned in time to repeat 'Open';"
        " 3 of the 4 have days ahead not planned yet."
    )
    # A gap begun before today counts from tomorrow on; with no day given, none is said.
    assert cadence_sentence([cadence("Made here", MessageStatus.OK, (-3, 4))], (), as_of) == (
        "1 key message on cadence; 'Made here' has 4 days ahead not planned yet."
    )
    assert cadence_sentence(messages[:1]) == "1 key message on cadence."
    many = [cadence(f"M{n}", MessageStatus.OK, (1, n)) for n in range(1, 6)]
    assert cadence_sentence(many, (), as_of) == (
        "All 5 key messages on cadence; all 5 have days ahead not planned yet."
    )
    one_day = [cadence("Ride to work", MessageStatus.OK, (3, 3))]
    assert cadence_sentence(one_day, (), as_of) == (
        "1 key message on cadence; 'Ride to work' has 1 day ahead not planned yet."
    )
    # Two are "both" ("All 2 key messages on cadence; all 2 have…").
    assert cadence_sentence(many[:2], (), as_of) == (
        "Both key messages on cadence; both have days ahead not planned yet."
    )
    assert cadence_sentence(many[:3], (), as_of).startswith("All 3 key messages on cadence;")


# -- in a real browser ----------------------------------------------------------------


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    chunks: list[bytes] = []
    width = height = color_type = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8
            assert color_type in (2, 6)
            assert interlace == 0
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    channels = 4 if color_type == 6 else 3
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind_of_filter = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind_of_filter == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind_of_filter == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind_of_filter == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind_of_filter == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 0xFF
        pixels.extend((line[i], line[i + 1], line[i + 2]) for i in range(0, stride, channels * 4))
        previous = line
    return width, height, pixels


def _chromium(tmp_path: Path, page: Path, *args: str) -> str:
    """Chromium, headless, on ``page`` at 1280 by 2000; what it prints."""
    done = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1280,2000",
            *args,
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


def _measured(tmp_path: Path, expression: str, *, width: int = 1280) -> str:
    """``expression`` worked out on ``page.html`` as Chromium lays it out, ``width``
    pixels wide (the page has no script of its own: one is added to a copy of it, which
    gives the answer as its title)."""
    page = tmp_path / "measured.html"
    script = f"<script>document.title = String({expression});</script></body>"
    page.write_text(
        (tmp_path / "page.html").read_text(encoding="utf-8").replace("</body>", script),
        encoding="utf-8",
    )
    dom = _chromium(tmp_path, page, "--dump-dom", f"--window-size={width},2000")
    return dom[dom.index("<title>") + 7 : dom.index("</title>")]


def test_a_long_unbroken_text_wraps_and_leaves_every_column_in_sight(
    demo: Path, tmp_path: Path
) -> None:
    """A slide deck's address pasted into a post pushed Key messages, Campaign and
    Status out of the client's view (and off the printed page)."""
    address = "https://docs.google.com/presentation/d/" + "1AbCdEfGhIjKlMnOp" * 12 + "/edit"
    with CalendarStore.open(demo) as store:
        post = store.posts_between(TODAY, TODAY)[0]
        store.update_post(post.id, {"body": f"Slides: {address}", "title": "T" * 120})
        # In a statement, the calendar's name and the summary sentence too.
        message = store.key_messages()[0]
        store.update_key_message(
            dataclasses.replace(message, statement=f"Deck: {address}", title="M" * 90)
        )
        store.update_info(name="N" * 100)
        export(store, tmp_path / "page.html")
    measured = _measured(
        tmp_path,
        "'wide:' + [...document.querySelectorAll('.wide')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
        " + ',page:' + (document.documentElement.scrollWidth > innerWidth)",
    )
    assert measured == "wide:0,page:false"


def test_on_a_phone_a_chip_s_time_and_words_stay_whole(demo: Path, tmp_path: Path) -> None:
    """390 pixels wide, "07:00 Newsletter" read "07:0 / 0 Ne / wsl…" (a time broken in
    two, a client could read another), "08:30 Behind" read "08:30 B / ehind"."""
    with CalendarStore.open(demo) as store:
        export(store, tmp_path / "page.html")
    measured = _measured(
        tmp_path,
        "'times:' + [...document.querySelectorAll('.chip time')].length"
        " + ',broken:' + [...document.querySelectorAll('.chip time')]"
        ".filter(t => t.getClientRects().length > 1"
        " || t.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(t).fontSize)"
        " || t.getBoundingClientRect().right > t.closest('.chip').getBoundingClientRect().right)"
        ".length"
        " + ',split:' + [...document.querySelectorAll('.chip .text')]"
        ".filter(e => /^\\d\\d:\\d\\d\\S/.test(e.textContent)).length",
        width=390,
    )
    counts = dict(part.split(":") for part in measured.split(","))
    assert int(counts["times"]) > 50
    assert (counts["broken"], counts["split"]) == ("0", "0")


def test_on_a_phone_the_agenda_s_names_break_between_words(demo: Path, tmp_path: Path) -> None:
    """390 pixels wide, the agenda's channels read "Instagra / m" and "Newslett / er"
    (and, given room, the posts' words read "subcontr / act"); a link still wraps."""
    with CalendarStore.open(demo) as store:
        export(store, tmp_path / "page.html")
    measured = _measured(
        tmp_path,
        "['post .title', 'post .body', 'who', 'msgs', 'campaign'].map(column => {"
        " let words = 0, broken = 0;"
        " for (const cell of document.querySelectorAll('.agenda td.' + column)) {"
        "  const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);"
        "  for (let node = walk.nextNode(); node; node = walk.nextNode()) {"
        "   for (const m of node.data.matchAll(/[^\\s-]+/g)) {"  # (a line may end at "-")
        "    const r = document.createRange(); r.setStart(node, m.index);"
        "    r.setEnd(node, m.index + m[0].length); words++;"
        "    if (r.getClientRects().length > 1) broken++; } } }"
        " return column + ':' + words + '/' + broken; }).join(',')",
        width=390,
    )
    counts = {k: v.split("/") for k, v in (part.split(":") for part in measured.split(","))}
    assert all(int(words) > 20 for words, _ in counts.values()), measured
    assert {column: broken for column, (_, broken) in counts.items()} == {
        "post .title": "0",
        "post .body": "0",
        "who": "0",
        "msgs": "0",
        "campaign": "0",
    }


@pytest.mark.parametrize("first", [date(2026, 6, 1), date(2026, 12, 1)])
def test_a_year_s_strips_show_a_bar_s_days_only_where_they_fit_and_months_apart(
    demo: Path, tmp_path: Path, first: date
) -> None:
    """Over a year, an 11-day bar read "1" (its "11 days" cut by the bar's end), and the
    axis read "Jun 2026Jul" and "Jan 2027Feb" (from December, "Dec 2026Jan 2027")."""
    last = add_months(first, 12) - timedelta(days=1)
    with CalendarStore.open(demo) as store:
        export(store, tmp_path / "page.html", first=first, last=last)
    measured = _measured(
        tmp_path,
        "'cut:' + [...document.querySelectorAll('.strip .gap')]"
        ".filter(g => g.scrollWidth > g.clientWidth + 1).length"
        " + ',shown:' + [...document.querySelectorAll('.strip .gap span')]"
        ".filter(b => getComputedStyle(b).display != 'none').length"
        " + ',overlap:' + (s => s.slice(1).filter((e, i) =>"
        " e.getBoundingClientRect().left < s[i].getBoundingClientRect().right + 2).length)"
        "([...document.querySelectorAll('.axis .track span')])",
    )
    counts = dict(part.split(":") for part in measured.split(","))
    assert (counts["cut"], counts["overlap"]) == ("0", "0")
    assert int(counts["shown"]) >= 3  # the long bars still say their days


def test_a_statement_runs_its_own_way(tmp_path: Path) -> None:
    """An Arabic statement had its full stop beside its first word, aligned as English
    (the titles and names above it were set apart already)."""
    with CalendarStore.create(tmp_path / "c.cadence") as store:
        store.add_key_message(
            "الطاقة", statement="الطاقة الشمسية توفر المال على المدى الطويل.", cadence_days=7
        )
        page = export(store, tmp_path / "out.html")
    (statement,) = page.having("statement", "p")
    assert statement.attrs.get("dir") == "auto"


def test_a_long_channel_name_wraps_and_leaves_the_posts_their_room(
    demo: Path, tmp_path: Path
) -> None:
    """A channel named at length kept to one line: the agenda's post column shrank to a
    letter or two, and the page printed on nearly 400 sheets."""
    name = "Réseau régional des partenaires, distributeurs & installateurs agréés (Auvergne)"
    with CalendarStore.open(demo) as store:
        linkedin = store.channel_named("LinkedIn")
        assert linkedin is not None
        store.update_channel(linkedin.id, name=name)
        export(store, tmp_path / "page.html")
    narrowest = _measured(
        tmp_path,
        "Math.min(...[...document.querySelectorAll('.agenda .title')]"
        ".map(e => e.getBoundingClientRect().width))",
    )
    assert float(narrowest) > 250


def test_control_characters_are_left_out_of_the_page(demo: Path, tmp_path: Path) -> None:
    """A terminal's colour code in a title and a bell in a body (an import keeps them)
    were written as they are: HTML may not hold them, and Chromium drew boxes."""
    with CalendarStore.open(demo) as store:
        post = store.posts_between(TODAY, TODAY)[0]
        store.update_post(post.id, {"title": "\x1b[31mRed\x1b[0m alert", "body": "Ding\x07 dong"})
        export(store, tmp_path / "page.html")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)
    assert "[31mRed[0m alert" in page
    assert "Ding dong" in page


def test_chromium_renders_the_page(demo: Path, tmp_path: Path) -> None:
    with CalendarStore.open(demo) as store:
        export(store, tmp_path / "page.html")
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, tmp_path / "page.html", f"--screenshot={shot}")
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1280, 2000)
    # Every fourth pixel of a row: enough to tell a page from a blank.
    distinct = set(pixels)
    assert len(distinct) > 200
    dark = sum(1 for r, g, b in pixels if r + g + b < 200)
    assert dark > len(pixels) // 200  # text
    # The overdue pills and badges (#c62a27) and the today line (#2f6fde) are painted.
    assert any(
        abs(r - 0xC6) < 12 and abs(g - 0x2A) < 12 and abs(b - 0x27) < 12 for r, g, b in pixels
    )
    assert any(
        abs(r - 0x2F) < 10 and abs(g - 0x6F) < 10 and abs(b - 0xDE) < 10 for r, g, b in pixels
    )


def test_a_day_of_another_year_than_today_is_said_with_its_year() -> None:
    from calendar_app.exchange.html import day_text

    today = date(2026, 12, 4)
    assert day_text(date(2025, 12, 4), year=today) == "Thu 4 Dec 2025"
    assert day_text(date(2026, 11, 4), year=today) == "Wed 4 Nov"
    assert day_text(None, year=today) == "—"


WARRANTY = "Backed by a 25-year warranty"


def test_the_longest_stretch_counts_from_the_day_it_began(demo: Path, tmp_path: Path) -> None:
    """A period starting after the warranty went quiet: its longest stretch is as long
    as its bar and its status say (it counted from the period's first day)."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html", first=date(2026, 11, 1))
        titles = [m.title for m in store.key_messages()]
    warranty = page.text_of(page.having("msg", "article")[titles.index(WARRANTY)])
    assert "overdue by 42 days" in warranty
    assert "Overdue so far 1 stretch, longest 42 days" in warranty


def test_a_period_ahead_says_its_messages_were_not_overdue_in_it(
    demo: Path, tmp_path: Path
) -> None:
    """April next year: "Overdue so far: never" stood beside "overdue by 42 days"."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html", first=date(2027, 4, 1), last=date(2027, 4, 30))
        titles = [m.title for m in store.key_messages()]
    warranty = page.text_of(page.having("msg", "article")[titles.index(WARRANTY)])
    assert "overdue by 42 days" in warranty
    assert "Overdue so far not once in the period" in warranty


def posts_for_the_public(tmp_path: Path) -> tuple[CalendarStore, ExportOptions]:
    """A calendar whose one post carries a public key message and an internal one, and
    the options of an export for the public one."""
    store = CalendarStore.create(tmp_path / "c.cadence", timezone="Europe/Paris")
    channel = store.add_channel("LinkedIn").created[0]
    public = store.add_key_message("Public message", cadence_days=7).created[0]
    internal = store.add_key_message("Internal reorg", cadence_days=7).created[0]
    store.add_post(NewPost("Launch", channel, (public, internal), date(2026, 12, 16), time(10, 0)))
    options = ExportOptions(
        first=date(2026, 12, 1), last=date(2026, 12, 31), message_ids=frozenset({public})
    )
    return store, options


@pytest.mark.parametrize("fmt", ["html", "ics"])
def test_a_key_message_left_out_is_not_named_on_the_posts_shared(tmp_path: Path, fmt: str) -> None:
    """An agency's client page or calendar file for the public message named the internal
    one its post carries too (in the legend, as a dot, as a category)."""
    store, options = posts_for_the_public(tmp_path)
    with store:
        EXPORTERS[fmt](store, tmp_path / f"out.{fmt}", options, no_progress)
    text = (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
    assert "Launch" in text
    assert "Public message" in text
    assert "Internal reorg" not in text


def test_the_strip_key_says_the_hatch_of_days_outside_a_messages_dates(
    demo: Path, tmp_path: Path
) -> None:
    """As the cadence panel's and the report's keys do: the page hatched them unsaid."""
    november = {"first": date(2026, 11, 1), "last": date(2026, 11, 30)}
    with CalendarStore.open(demo) as store:
        export(store, tmp_path / "all.html", **november)
        message = store.key_messages()[0]
        store.update_key_message(dataclasses.replace(message, ends_on=date(2026, 11, 15)))
        export(store, tmp_path / "ended.html", **november)
    assert "outside its dates" not in (tmp_path / "all.html").read_text(encoding="utf-8")
    assert "outside its dates" in (tmp_path / "ended.html").read_text(encoding="utf-8")


def test_a_post_at_a_time_the_clocks_skip_shows_the_time_it_goes_out(tmp_path: Path) -> None:
    """02:30 on the night the clocks go forward was shown 02:30 on the client's page (a
    time that night has not; the week view placed it at 03:30), before a post at 03:00
    that goes out earlier."""
    night = date(2027, 3, 28)
    with CalendarStore.create(tmp_path / "paris.cadence", timezone="Europe/Paris") as store:
        channel = store.add_channel("LinkedIn").created[0]
        for title, at in (("Kept at half past two", time(2, 30)), ("At three", time(3, 0))):
            store.add_post(
                NewPost(title, channel, date=night, time=at, status=PostStatus.SCHEDULED)
            )
        export(store, tmp_path / "out.html", first=night, last=night, today=night)
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    times = re.findall(r"<time>(\d\d:\d\d)</time>", text)
    assert "02:30" not in times
    assert times.count("03:30") == times.count("03:00") >= 1
    assert text.index("At three") < text.index("Kept at half past two")


def test_a_right_to_left_name_and_statement_start_where_the_page_s_words_do(
    demo: Path, tmp_path: Path
) -> None:
    """An Arabic calendar's name stood in the middle of the page (at the end of its
    box), and a Hebrew statement at the other end from its message's title."""
    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    assert "h1, .statement { text-align: left; }" in page.style
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert '<h1 dir="auto">' in text  # (its words still run right to left)
    assert '<p class="statement" dir="auto">' in text


def test_the_page_s_faded_and_grey_text_reads_at_four_and_a_half_to_one(
    demo: Path, tmp_path: Path
) -> None:
    """A cancelled post's time read at 2.2:1 (muted, then faded), a draft whose day went
    by at 3.0:1, the footer's and the legend's grey at 2.8:1 and 3.1:1, the agenda's
    today at 4.4:1; and an Arabic campaign's "!" stood at its start."""
    from calendar_app.core.colors import contrast

    with CalendarStore.open(demo) as store:
        page = export(store, tmp_path / "out.html")
    style = page.style
    named = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", style))

    def faded(look: str) -> float:
        return float(re.search(rf"\.chip\.{look} \{{[^}}]*opacity: ([\d.]+)", style)[1])  # type: ignore[index]

    def over(color: str, base: str, amount: float) -> str:
        mixed = (
            round(amount * int(color[i : i + 2], 16) + (1 - amount) * int(base[i : i + 2], 16))
            for i in (1, 3, 5)
        )
        return "#" + "".join(f"{part:02x}" for part in mixed)

    chip = "#f8f9fa"  # (a cancelled chip's tint, the palest)
    assert (
        ".chip.idea time, .chip.passed time, .chip.cancelled time { color: var(--ink); }" in style
    )
    for look in ("idea", "passed", "cancelled"):
        assert contrast(over(named["ink"], chip, faded(look)), chip) >= 4.5
    assert contrast(named["faint"], named["page"]) >= 4.5  # the footer
    assert contrast(named["faint"], named["paper"]) >= 4.5  # the legend's kinds
    assert contrast(named["today"], "#f6f7f9") >= 4.5  # the agenda's today
    assert contrast("#ffffff", named["today"]) >= 4.5  # today's number
    assert '<td class="campaign"><bdi>' in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_a_screen_reader_finds_the_page_s_content_and_names_its_months(
    demo: Path, tmp_path: Path
) -> None:
    """No main landmark, and month tables without names: a screen reader's list of
    tables read "table, table, table"."""
    with CalendarStore.open(demo) as store:
        export(store, tmp_path / "out.html")
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert text.count("<main>") == text.count("</main>") == 1
    assert text.index("</header>") < text.index("<main>") < text.index('id="messages"')
    assert text.index("</main>") < text.index("<footer>")
    assert re.findall(r'<table class="grid" aria-label="([^"]+)">', text) == [
        "October 2026",
        "November 2026",
        "December 2026",
        "January 2027",
    ]
