"""iCalendar export and import: Cadence's own files come back exactly, other programs'
files import as posts at the right local times, and problems are refused by line."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from calendar_app.cli import main
from calendar_app.core import recurrence
from calendar_app.core import store as store_module
from calendar_app.core.demo import write_demo
from calendar_app.core.errors import CalendarFileError, ImportProblem
from calendar_app.core.models import (
    CampaignKind,
    NewPost,
    Post,
    PostStatus,
    shown_note,
    spelled_day,
)
from calendar_app.core.store import CalendarStore
from calendar_app.exchange import ical as ical_module
from calendar_app.exchange.copy import save_copy
from calendar_app.exchange.formats import (
    Cancelled,
    ExportOptions,
    ImportOptions,
    format_for,
    no_progress,
)
from calendar_app.exchange.ical import (
    css_colour_name,
    export_ics,
    import_ics,
    occurrence_uid,
    posts_to_ics,
)
from calendar_app.exchange.windows_zones import WINDOWS_TO_IANA, iana_for_windows

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ics"
TODAY = date(2026, 1, 20)
"""The day the fixture files are imported on: January's events are past, the rest ahead."""

Row = tuple[str, str | None, str, str, tuple[str, ...], str]


# -- helpers -------------------------------------------------------------------------


def rows(store: CalendarStore) -> list[Row]:
    """Every post as (date, time, title, channel, key messages, status), in time order."""
    channels = {c.id: c.name for c in store.channels(include_archived=True)}
    messages = {m.id: m.title for m in store.key_messages(include_archived=True)}
    return sorted(
        (
            p.date.isoformat() if p.date else "",
            p.time.strftime("%H:%M") if p.time else None,
            p.title,
            channels[p.channel_id],
            tuple(sorted(messages[m] for m in p.message_ids)),
            p.status.value,
        )
        for p in store.all_posts()
    )


def comparable(store: CalendarStore) -> dict[str, tuple[object, ...]]:
    """Every post's user-visible fields by uid, with names instead of ids."""
    channels = {c.id: c.name for c in store.channels(include_archived=True)}
    messages = {m.id: m.title for m in store.key_messages(include_archived=True)}
    campaigns = {c.id: c.name for c in store.campaigns()}
    return {
        p.uid: (
            p.title,
            p.body,
            p.link,
            p.notes,
            p.status,
            p.date,
            p.time,
            channels[p.channel_id],
            tuple(sorted(messages[m] for m in p.message_ids)),
            campaigns.get(p.campaign_id) if p.campaign_id is not None else None,
        )
        for p in store.all_posts()
    }


def import_file(
    store: CalendarStore,
    path: Path,
    *,
    fallback: str | None = None,
    create_missing: bool = False,
) -> tuple[int, int, int, list[str]]:
    """Import and return (added, updated, unchanged, skipped sentences)."""
    summary = import_ics(
        store,
        path,
        ImportOptions(fallback_channel=fallback, create_missing=create_missing),
        no_progress,
        today=TODAY,
    )
    return len(summary.added), len(summary.previous), summary.unchanged, summary.skipped


def write_ics(path: Path, lines: list[str]) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


HEADER = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Test//EN"]


def google_weekly(path: Path, modified: str, *extra: str, start: str = "20261207T090000") -> Path:
    """Google's file of a weekly newsletter, six weeks from ``start`` (Monday 7 December
    2026), as last modified then."""
    lines = [
        *HEADER,
        *vevent(
            "weekly@google.com",
            f"DTSTART;TZID=Europe/Paris:{start}",
            "Weekly newsletter",
            "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6",
            f"LAST-MODIFIED:{modified}",
            *extra,
        ),
        "END:VCALENDAR",
    ]
    return write_ics(path, lines)


def vevent(uid: str | None, start: str, summary: str = "A post", *extra: str) -> list[str]:
    lines = ["BEGIN:VEVENT"]
    if uid is not None:
        lines.append(f"UID:{uid}")
    lines += ["DTSTAMP:20260101T000000Z", start, f"SUMMARY:{summary}", "CATEGORIES:LinkedIn"]
    return [*lines, *extra, "END:VEVENT"]


def parsed_events(path: Path) -> list[Any]:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


@pytest.fixture
def planned(store: CalendarStore) -> CalendarStore:
    """The Paris calendar with the channels and key messages the fixture files name."""
    for name in ("LinkedIn", "Newsletter", "Blog", "Press", "Instagram"):
        store.add_channel(name)
    store.add_key_message("We listen")
    store.add_key_message("Made here")
    return store


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[CalendarStore]:
    """A second, empty calendar in Paris to import into."""
    with CalendarStore.create(tmp_path / "fresh.cadence", timezone="Europe/Paris") as opened:
        yield opened


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[CalendarStore]:
    write_demo(tmp_path / "demo.cadence", today=date(2026, 11, 18))
    with CalendarStore.open(tmp_path / "demo.cadence") as opened:
        yield opened


def one_post(store: CalendarStore, **fields: object) -> Post:
    channel = store.channel_named("LinkedIn") or store.channel(
        store.add_channel("LinkedIn").created[0]
    )
    values: dict[str, object] = {
        "title": "Launch post",
        "channel_id": channel.id,
        "date": date(2026, 3, 10),
        "time": time(9, 0),
        "status": PostStatus.SCHEDULED,
    }
    values.update(fields)
    (post_id,) = store.add_post(NewPost(**values)).created  # type: ignore[arg-type]
    return store.post(post_id)


# -- export ----------------------------------------------------------------------------


def test_a_byte_order_mark_in_front_of_a_posts_text_is_not_kept(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Pasted from a file that starts with one: no export carries it (the iCalendar
    library drops it), so the calendar's own file read back changed the post, its link
    run into its body."""
    post = one_post(
        store,
        title="\ufeffHello",
        body="\ufeffBody",
        link="\ufeffhttps://example.com/g",
        notes="\ufeffnote",
    )
    assert (post.title, post.body, post.link, post.notes) == (
        "Hello",
        "Body",
        "https://example.com/g",
        "note",
    )
    export_ics(store, tmp_path / "own.ics", ExportOptions(), no_progress)
    assert import_file(store, tmp_path / "own.ics") == (0, 0, 1, [])
    assert store.post(post.id) == post


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\x13 control at the start", "control at the start"),  # a word processor's field
        ("Launch \x7f", "Launch"),
        ("¯\x85\x7f", "¯"),
        ("Bell \x07 inside", "Bell \x07 inside"),  # (inside: the export drops it alone)
    ],
)
def test_a_title_is_kept_without_control_characters_at_its_ends(
    store: CalendarStore, tmp_path: Path, typed: str, kept: str
) -> None:
    """No export carries them, and a space they kept from being trimmed was trimmed when
    the calendar's own file came back: read as an edit ("updated 1")."""
    post = one_post(store, title=typed)
    assert post.title == kept
    export_ics(store, tmp_path / "own.ics", ExportOptions(), no_progress)
    assert import_file(store, tmp_path / "own.ics") == (0, 0, 1, [])
    assert store.post(post.id) == post


def test_export_writes_one_event_per_dated_post_with_every_property(
    store: CalendarStore, tmp_path: Path
) -> None:
    channel = store.add_channel("LinkedIn", color="#4169e1", kind="social").created[0]
    listen = store.add_key_message("We listen", cadence_days=7, color="#2ba36b").created[0]
    made = store.add_key_message("Made here").created[0]
    campaign = store.add_campaign("Spring", kind=CampaignKind.PRODUCT).created[0]
    timed = one_post(
        store,
        title="Launch, part 1; with \\ backslash",
        message_ids=(listen, made),
        body="Line one\nLine two",
        link="https://example.com/launch",
        notes="Check the figures",
        campaign_id=campaign,
        channel_id=channel,
    )
    untimed = one_post(store, title="All day", time=None, date=date(2026, 3, 11))
    one_post(store, title="An idea", date=None, time=None, status=PostStatus.IDEA)

    summary = export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)

    assert (summary.posts, summary.files, summary.undated) == (2, [tmp_path / "out.ics"], 1)
    assert summary.describe().endswith(
        " 1 post in the backlog is not in it: an iCalendar file holds dated posts only."
    )
    in_march = ExportOptions(first=date(2026, 3, 1), last=date(2026, 3, 31))
    summary = export_ics(store, tmp_path / "out.ics", in_march, no_progress)
    assert (summary.posts, summary.undated) == (2, 0)  # a period asks for dated posts
    summary = export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    cal = Calendar.from_ical((tmp_path / "out.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "Test calendar"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    events: dict[str, Any] = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {timed.uid, untimed.uid}
    event = events[timed.uid]
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTSTART"].dt == datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert str(event["SUMMARY"]) == "Launch, part 1; with \\ backslash"
    assert str(event["DESCRIPTION"]) == "Line one\nLine two\n\nhttps://example.com/launch"
    assert str(event["URL"]) == "https://example.com/launch"
    assert (str(event["STATUS"]), str(event["TRANSP"])) == ("CONFIRMED", "TRANSPARENT")
    assert [str(c) for c in event["CATEGORIES"].cats] == ["LinkedIn", "We listen", "Made here"]
    assert str(event["COLOR"]) == "royalblue"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["X-CADENCE-CHANNEL"]) == "LinkedIn"
    assert [str(m) for m in event["X-CADENCE-MESSAGE"]] == ["We listen", "Made here"]
    assert event["X-CADENCE-MESSAGE"][0].params["X-DAYS"] == "7"
    assert str(event["X-CADENCE-CAMPAIGN"]) == "Spring"
    assert str(event["X-CADENCE-STATUS"]) == "scheduled"
    assert str(event["X-CADENCE-NOTES"]) == "Check the figures"
    assert "RRULE" not in event
    all_day = events[untimed.uid]
    assert (all_day["DTSTART"].dt, all_day["DTEND"].dt) == (date(2026, 3, 11), date(2026, 3, 12))


@pytest.mark.parametrize(
    ("status", "ics"),
    [
        (PostStatus.IDEA, "TENTATIVE"),
        (PostStatus.DRAFT, "TENTATIVE"),
        (PostStatus.SCHEDULED, "CONFIRMED"),
        (PostStatus.PUBLISHED, "CONFIRMED"),
        (PostStatus.CANCELLED, "CANCELLED"),
    ],
)
def test_export_maps_each_status(
    store: CalendarStore, tmp_path: Path, status: PostStatus, ics: str
) -> None:
    one_post(store, status=status)
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    (event,) = parsed_events(tmp_path / "out.ics")
    assert str(event["STATUS"]) == ics


def test_export_filters_by_dates_channels_and_messages(
    store: CalendarStore, tmp_path: Path
) -> None:
    linkedin = store.add_channel("LinkedIn").created[0]
    blog = store.add_channel("Blog").created[0]
    listen = store.add_key_message("We listen").created[0]
    early = one_post(store, title="Early", date=date(2026, 2, 1), channel_id=linkedin)
    middle = one_post(
        store, title="Middle", date=date(2026, 3, 1), channel_id=blog, message_ids=(listen,)
    )
    late = one_post(store, title="Late", date=date(2026, 4, 1), channel_id=linkedin)

    def exported(options: ExportOptions) -> set[str]:
        export_ics(store, tmp_path / "out.ics", options, no_progress)
        return {str(e["UID"]) for e in parsed_events(tmp_path / "out.ics")}

    assert exported(ExportOptions()) == {early.uid, middle.uid, late.uid}
    in_march = ExportOptions(first=date(2026, 2, 15), last=date(2026, 3, 31))
    assert exported(in_march) == {middle.uid}
    assert exported(ExportOptions(first=date(2026, 3, 1))) == {middle.uid, late.uid}
    assert exported(ExportOptions(channel_ids=frozenset({linkedin}))) == {early.uid, late.uid}
    assert exported(ExportOptions(message_ids=frozenset({listen}))) == {middle.uid}


def test_sequence_and_last_modified_move_when_a_post_changes(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamps = iter(["2026-03-01T10:00:00.000000+00:00", "2026-03-02T16:30:00.000000+00:00"])
    monkeypatch.setattr(store_module, "_now", lambda: next(stamps))
    post = one_post(store)
    export_ics(store, tmp_path / "before.ics", ExportOptions(), no_progress)
    store.update_post(post.id, {"title": "Launch post, edited"})
    export_ics(store, tmp_path / "after.ics", ExportOptions(), no_progress)

    (before,) = parsed_events(tmp_path / "before.ics")
    (after,) = parsed_events(tmp_path / "after.ics")
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
    assert before["LAST-MODIFIED"].dt == datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    assert after["LAST-MODIFIED"].dt == datetime(2026, 3, 2, 16, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "at", "starts", "ends"),
    [
        (date(2026, 11, 18), time(9, 0), "2026-11-18 08:00", "2026-11-18 08:30"),
        # The clocks skip 02:00-03:00: 02:30 reads with the offset before, ends at 04:00.
        (date(2027, 3, 28), time(2, 30), "2027-03-28 01:30", "2027-03-28 02:00"),
        # The clocks go back 03:00 -> 02:00: the first 02:30, and half an hour (it
        # ended at 03:00 on the wall clock: an hour and a half).
        (date(2026, 10, 25), time(2, 30), "2026-10-25 00:30", "2026-10-25 01:00"),
    ],
)
def test_every_timed_event_lasts_half_an_hour_as_a_moment(
    store: CalendarStore, tmp_path: Path, day: date, at: time, starts: str, ends: str
) -> None:
    post = one_post(store, title="Half an hour", date=day, time=at)
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    (event,) = parsed_events(tmp_path / "out.ics")
    start = event["DTSTART"].dt.astimezone(UTC)
    # A DURATION in hours and minutes is exact time (RFC 5545 3.3.6), not the wall clock's.
    end = event["DTEND"].dt if "DTEND" in event else start + event["DURATION"].dt
    utc = "%Y-%m-%d %H:%M"
    assert (start.astimezone(UTC).strftime(utc), end.astimezone(UTC).strftime(utc)) == (
        starts,
        ends,
    )
    assert ("DTEND" in event) != ("DURATION" in event)
    with CalendarStore.create(tmp_path / "back.cadence", timezone="Europe/Paris") as back:
        import_ics(back, tmp_path / "out.ics", ImportOptions(), no_progress)
        (again,) = back.all_posts()
    assert (again.date, again.time, again.uid) == (post.date, post.time, post.uid)


@pytest.mark.parametrize(
    ("link", "as_url"),
    [
        ("https://example.org/tour?a=1&b=2", True),
        ("mailto:press@example.org", True),
        ("javascript:alert(1)", False),  # a program might open it on a click
        ("data:text/html,<b>hi</b>", False),
    ],
)
def test_only_a_web_or_mail_link_is_given_as_the_events_url(
    store: CalendarStore, tmp_path: Path, link: str, as_url: bool
) -> None:
    one_post(store, title="Linked", link=link)
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    (event,) = parsed_events(tmp_path / "out.ics")
    assert ("URL" in event) == as_url
    with CalendarStore.create(tmp_path / "back.cadence", timezone="Europe/Paris") as back:
        import_ics(back, tmp_path / "out.ics", ImportOptions(), no_progress)
        assert [p.link for p in back.all_posts()] == [link]  # the link itself goes along


def test_a_utc_calendar_writes_utc_times_and_no_vtimezone(tmp_path: Path) -> None:
    with CalendarStore.create(tmp_path / "utc.cadence", timezone="UTC") as store:
        one_post(store, time=time(23, 45))
        export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    text = (tmp_path / "out.ics").read_text()
    assert "DTSTART:20260310T234500Z" in text
    assert "BEGIN:VTIMEZONE" not in text


@pytest.mark.parametrize("zone", ["Europe/Paris", "UTC"])
def test_an_export_of_no_post_still_holds_a_component(
    tmp_path: Path, fresh: CalendarStore, zone: str
) -> None:
    """A calendar file holds at least one component (RFC 5545): a period without posts
    gave an empty VCALENDAR, which strict programs refuse. Read back, it brings nothing."""
    with CalendarStore.create(tmp_path / "empty.cadence", timezone=zone) as store:
        export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    calendar = Calendar.from_ical((tmp_path / "out.ics").read_bytes())
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    before = fresh.count_posts()
    import_ics(fresh, tmp_path / "out.ics", ImportOptions(), no_progress)
    assert fresh.count_posts() == before


def test_export_replaces_the_target_whole_and_leaves_no_temporary_file(
    store: CalendarStore, tmp_path: Path
) -> None:
    one_post(store)
    target = tmp_path / "out.ics"
    target.write_text("an older export")
    export_ics(store, target, ExportOptions(), no_progress)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("test.cadence")] == [
        "out.ics"
    ]
    with pytest.raises(CalendarFileError, match="does not exist"):
        export_ics(store, tmp_path / "missing" / "out.ics", ExportOptions(), no_progress)


def test_a_cancelled_export_writes_nothing(store: CalendarStore, tmp_path: Path) -> None:
    one_post(store)
    target = tmp_path / "out.ics"
    target.write_text("an older export")
    with pytest.raises(Cancelled):
        export_ics(store, target, ExportOptions(), lambda done, total: False)
    assert target.read_text() == "an older export"


def test_an_export_writes_each_event_as_it_is_made_and_lets_it_go(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made whole before a line was written, 100,000 posts' events held 750 MB at once
    (a nightly export of a big client's calendar); written as made, the file is the
    same."""
    import weakref

    ical = ical_module
    channel = store.add_channel("LinkedIn").created[0]
    store.insert_many(
        [
            NewPost(f"Post {n}", channel, date=date(2027, 1, 1) + timedelta(days=n))
            for n in range(1200)
        ]
    )
    made: list[weakref.ref[object]] = []
    real = ical._EventBuilder.event

    def event(self: object, post: Post) -> object:
        built = real(self, post)  # type: ignore[arg-type]
        made.append(weakref.ref(built))
        return built

    monkeypatch.setattr(ical._EventBuilder, "event", event)
    alive: list[int] = []

    def progress(done: int, total: int) -> bool:
        alive.append(sum(ref() is not None for ref in made))
        return True

    export_ics(store, tmp_path / "out.ics", ExportOptions(), progress)
    assert len(made) == 1200
    assert max(alive) <= 1
    monkeypatch.setattr(ical._EventBuilder, "event", real)
    whole = ical._build_calendar(store, store.all_posts(), known_messages=[]).to_ical()
    written = (tmp_path / "out.ics").read_bytes()
    assert written.count(b"BEGIN:VEVENT") == 1200
    assert whole.split(b"BEGIN:VEVENT", 1)[1] == written.split(b"BEGIN:VEVENT", 1)[1]


def test_drag_and_drop_ics_holds_the_dated_posts(store: CalendarStore) -> None:
    dated = one_post(store)
    undated = one_post(store, date=None, time=None, status=PostStatus.IDEA)
    cal = Calendar.from_ical(posts_to_ics(store, [dated, undated]))
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [dated.uid]


def test_drag_and_drop_ics_leaves_the_notes_in_their_calendar(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """A paste into another client's calendar leaves a post's notes behind; the text
    another program was given of the same copy had them, and an import of it brought
    them into a third calendar. Read back here, the post keeps its own."""
    post = one_post(store, notes="Client pays late")
    text = posts_to_ics(store, [post])
    assert b"pays late" not in text
    assert b"X-CADENCE-WITHOUT-NOTES:TRUE" in text

    (tmp_path / "copied.ics").write_bytes(text)
    import_file(fresh, tmp_path / "copied.ics")
    assert [p.notes for p in fresh.all_posts()] == [""]
    store.update_post(post.id, {"title": "Launch day"})
    import_file(store, tmp_path / "copied.ics")
    assert store.post(post.id).notes == "Client pays late"


def test_text_that_icalendar_would_mangle_comes_back_as_typed(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    post = one_post(
        store,
        title="Save to C:\\New folder\\notes, then; reply",
        body="Windows line\r\nbreaks, and a \\n that is not one",
        notes="a\\Nb",
    )
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    import_file(fresh, tmp_path / "out.ics")
    back = fresh.post_by_uid(post.uid)
    assert back.title == "Save to C:\\New folder\\notes, then; reply"
    # RFC 5545 has no escape for a carriage return: line breaks come back as \n.
    assert back.body == "Windows line\nbreaks, and a \\n that is not one"
    assert back.notes == "a\\Nb"


def test_control_characters_are_not_written_and_their_post_comes_back_unchanged(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """RFC 5545 text allows no control character but the tab: text pasted from a word
    processor (VT for a line break, FF for a page break) is written with line breaks,
    other control characters are left out, and the same file read back is no change."""
    post = one_post(store, title="Plan\x07", body="Line\x0bbreak\x0cpage\tTab\x1cgone\r\nend")
    path = tmp_path / "out.ics"
    export_ics(store, path, ExportOptions(), no_progress)
    written = path.read_bytes().replace(b"\r\n", b"")
    assert re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", written) is None
    import_file(fresh, path)
    back = fresh.post_by_uid(post.uid)
    assert (back.title, back.body) == ("Plan", "Line\nbreak\npage\tTabgone\nend")
    summary = import_ics(store, path, ImportOptions(), no_progress)
    assert (summary.previous, summary.unchanged) == ([], 1)
    assert store.post(post.id).revision == post.revision


def test_a_file_written_with_a_control_character_is_not_taken_for_a_hand_edit(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A file from before control characters counted as line ends carries the raw
    character and a checksum of it: read back after an edit here, it is the earlier
    version (no conflict copy), as it was then."""
    post = one_post(store, body="Pasted from Word:\x0bsecond line")
    path = tmp_path / "old.ics"
    export_ics(store, path, ExportOptions(), no_progress)
    text = path.read_bytes().decode("utf-8")
    fields = (post.title, post.body, post.link, post.date, post.time, post.status)
    new, old = shown_note(*fields)[6:], shown_note(*fields, with_controls=True)[6:]
    assert new != old
    written = text.replace("Word:\\nsecond", "Word:\x0bsecond").replace(new, old)
    path.write_bytes(written.encode("utf-8"))
    store.update_post(post.id, {"title": "Launch, edited here"})
    summary = import_ics(store, path, ImportOptions(), no_progress)
    assert (summary.previous, summary.conflicts, summary.kept_newer) == ([], 0, 1)
    assert [p.title for p in store.all_posts()] == ["Launch, edited here"]


def test_css_colour_names_for_rfc_7986_color() -> None:
    assert css_colour_name("#4169e1") == "royalblue"
    assert css_colour_name("#000001") == "black"
    assert css_colour_name("#fe0000") == "red"


# -- Cadence's own files ------------------------------------------------------------------


def test_an_export_is_written_out_with_progress_and_can_be_cancelled_then(
    demo: CalendarStore, tmp_path: Path
) -> None:
    """The library wrote every event in one call after the last tick (95 s of a
    frozen window with a full bar at 300,000 posts): the file is the library's text,
    written an event at a time, telling progress and taking a cancel on the way."""
    posts = [p for p in demo.all_posts() if p.date is not None]
    told: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        told.append((done, total))
        return True

    export_ics(demo, tmp_path / "demo.ics", ExportOptions(), progress)
    known = [m.title for m in demo.key_messages(include_archived=True)]  # (and none deleted)
    built = ical_module._build_calendar(demo, posts, known_messages=known)
    assert (tmp_path / "demo.ics").read_bytes() == bytes(built.to_ical())
    assert {total for _, total in told} == {len(posts)}  # each event made and written
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    assert (len(posts), len(posts)) in told

    def cancel_while_writing(done: int, total: int) -> bool:
        return done < len(posts) // 2

    with pytest.raises(Cancelled):
        export_ics(demo, tmp_path / "cancelled.ics", ExportOptions(), cancel_while_writing)
    assert not (tmp_path / "cancelled.ics").exists()


def test_an_import_tells_its_progress_while_the_file_is_read_and_can_be_cancelled(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """The library read the whole file in one call before the first word of progress
    (26 s of a frozen window for 30,000 events): now the import tells it, and takes a
    cancel, while the file is read."""
    channel = store.add_channel("LinkedIn").created[0]
    start = date(2027, 1, 1)
    store.insert_many(
        [NewPost(f"Post {n}", channel, date=start + timedelta(days=n % 300)) for n in range(1500)]
    )
    source = tmp_path / "big.ics"
    export_ics(store, source, ExportOptions(), no_progress)
    told: list[tuple[int, int]] = []

    def cancel_at_once(done: int, total: int) -> bool:
        told.append((done, total))
        return False

    with pytest.raises(Cancelled):
        import_ics(fresh, source, ImportOptions(), cancel_at_once)
    assert told == [(0, 1)]  # while reading: before any event was looked at
    assert fresh.count_posts() == 0
    summary = import_ics(fresh, source, ImportOptions(), no_progress)
    assert len(summary.added) == 1500


def test_a_colour_not_written_as_cadence_writes_it_is_left_out_of_an_export(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A colour another program left as "#zzzzzz" (or a bad sector spoiled) made the
    export fail with a bug's sentence; the channel's post goes out without it."""
    channel = store.add_channel("Blog").created[0]
    message = store.add_key_message("Told").created[0]
    store.add_post(NewPost("Fine", channel, (message,), date=date(2026, 12, 5)))
    store.db.execute("UPDATE channels SET color = '#zzzzzz'")
    store.db.execute("UPDATE key_messages SET color = 'Ba\ufffdd'")
    out = tmp_path / "out.ics"
    export_ics(store, out, ExportOptions(), no_progress)
    written = out.read_text(encoding="utf-8")
    assert "SUMMARY:Fine" in written
    assert "zzzzzz" not in written
    assert "Ba\ufffdd" not in written


def test_names_an_import_makes_keep_apart_from_the_calendars_colours(
    demo: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """Another client's .ics: its channels and key messages came in the colours of
    this calendar's own (every calendar starts from the same palette)."""
    export_ics(demo, tmp_path / "demo.ics", ExportOptions(), no_progress)
    for channel in demo.channels(include_archived=True):
        fresh.add_channel(f"{channel.name} here", color=channel.color)
    had = fresh.colors_in_use()
    summary = import_ics(fresh, tmp_path / "demo.ics", ImportOptions(), no_progress)
    assert summary.channels_added
    made = [fresh.channel(i).color for i in summary.channels_added]
    made += [fresh.key_message(i).color for i in summary.messages_added]
    assert not set(made) & set(had)
    assert len(set(made)) == len(made)


def test_what_is_archived_comes_archived_into_a_fresh_calendar(
    demo: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """A key message retired here came into a colleague's calendar active: their client
    page called it overdue."""
    message = demo.key_messages()[-1]
    demo.update_key_message(dataclasses.replace(message, archived=True))
    channel = demo.channel_named("Events")
    assert channel is not None
    demo.update_channel(channel.id, archived=True)
    export_ics(demo, tmp_path / "demo.ics", ExportOptions(), no_progress)
    import_ics(fresh, tmp_path / "demo.ics", ImportOptions(create_missing=True), no_progress)
    made = fresh.key_message_titled(message.title)
    events = fresh.channel_named("Events")
    assert made is not None
    assert events is not None
    assert (made.archived, events.archived) == (True, True)
    kept = fresh.key_message_titled("Solar pays for itself")
    assert kept is not None
    assert not kept.archived


def test_the_demo_calendar_comes_back_exactly_in_a_fresh_calendar(
    demo: CalendarStore, tmp_path: Path
) -> None:
    export_ics(demo, tmp_path / "demo.ics", ExportOptions(), no_progress)
    with CalendarStore.create(tmp_path / "copy.cadence", timezone=demo.info().timezone) as copy:
        summary = import_ics(copy, tmp_path / "demo.ics", ImportOptions(), no_progress)
        dated = {uid: fields for uid, fields in comparable(demo).items() if fields[5] is not None}
        assert comparable(copy) == dated
        assert len(summary.added) == len(dated)
        # The file describes channels, key messages and campaigns: made as they were.
        theirs = {(c.name, c.kind, c.color) for c in demo.channels(include_archived=True)}
        ours = {(c.name, c.kind, c.color) for c in copy.channels(include_archived=True)}
        assert ours <= theirs
        assert sorted(summary.channels_added) == sorted(
            c.id for c in copy.channels(include_archived=True)
        )
        assert {(m.title, m.cadence_days, m.color) for m in copy.key_messages()} <= {
            (m.title, m.cadence_days, m.color) for m in demo.key_messages(include_archived=True)
        }
        assert {(c.name, c.kind) for c in copy.campaigns()} == {
            (c.name, c.kind) for c in demo.campaigns()
        }
        assert len(summary.campaigns_added) == len(demo.campaigns())


def test_a_recurring_series_is_written_as_posts_and_put_back_together(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    channel = store.add_channel("LinkedIn").created[0]
    template = NewPost("Weekly tip", channel, date=date(2026, 3, 2), time=time(8, 30))
    created = store.add_series(template, "FREQ=WEEKLY;COUNT=4").created
    store.delete_occurrences(created[1], "this")
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    events = parsed_events(tmp_path / "out.ics")
    assert len(events) == 3
    assert not any("RRULE" in event for event in events)

    import_file(fresh, tmp_path / "out.ics")
    posts = fresh.all_posts()
    assert [(p.date, p.time) for p in posts] == [
        (date(2026, 3, 2), time(8, 30)),
        (date(2026, 3, 16), time(8, 30)),
        (date(2026, 3, 23), time(8, 30)),
    ]
    (series_id,) = {p.series_id for p in posts}
    assert series_id is not None
    series = fresh.series(series_id)
    assert (series.rrule, series.anchor, series.anchor_time, series.exdates) == (
        "FREQ=WEEKLY;COUNT=4",
        date(2026, 3, 2),
        time(8, 30),
        (date(2026, 3, 9),),
    )
    assert [p.occurrence for p in posts] == [date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 23)]


def test_an_event_moved_to_another_zone_in_the_file_comes_in_at_its_moment(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Cadence's own event, its zone changed by hand to New York at the same 09:00: a
    move of five or six hours, not the same post read on another clock."""
    channel = store.add_channel("LinkedIn").created[0]
    (post_id,) = store.add_post(
        NewPost("Launch", channel, date=date(2026, 3, 2), time=time(9, 0))
    ).created
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    text = (tmp_path / "out.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Paris:20260302T090000" in text
    moved = text.replace(
        "DTSTART;TZID=Europe/Paris:20260302T090000", "DTSTART;TZID=America/New_York:20260302T090000"
    ).replace("DTEND;TZID=Europe/Paris:", "DTEND;TZID=America/New_York:")
    (tmp_path / "moved.ics").write_text(moved, encoding="utf-8")

    import_file(store, tmp_path / "moved.ics")
    assert store.post(post_id).time == time(15, 0)


@pytest.mark.parametrize("last", [None, date(2026, 3, 20)])
def test_a_series_brought_back_in_part_is_a_series_of_the_posts_it_has(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path, last: date | None
) -> None:
    """An occurrence in the backlog (not in the file), or a file of a few weeks: the
    series made of what came is what its rule says (made longer by one, it added the
    day of the one that stayed behind too)."""
    channel = store.add_channel("LinkedIn").created[0]
    template = NewPost("Weekly tip", channel, date=date(2026, 3, 2), time=time(8, 30))
    created = store.add_series(template, "FREQ=WEEKLY;COUNT=5").created
    store.move_posts({created[1]: (None, None)})  # 9 March, to the backlog
    export_ics(store, tmp_path / "out.ics", ExportOptions(last=last), no_progress)

    import_file(fresh, tmp_path / "out.ics")
    (series_id,) = {p.series_id for p in fresh.all_posts()}
    assert series_id is not None
    series = fresh.series(series_id)
    posts = fresh.series_posts(series_id)
    assert recurrence.occurrences(series.rrule, series.anchor, series.exdates) == [
        p.occurrence for p in posts
    ]
    assert date(2026, 3, 9) in series.exdates


def test_a_series_without_end_brought_back_for_a_quarter_is_the_posts_it_has(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """A weekly tip without end, shared for its first quarter: its 13 posts came under a
    rule of a Monday every week for a year with no exception day after them, and a
    later change of its time made the 39 Mondays it was not shared for."""
    channel = store.add_channel("LinkedIn").created[0]
    template = NewPost("Weekly tip", channel, date=date(2027, 1, 4), time=time(8, 30))
    store.add_series(template, "FREQ=WEEKLY;BYDAY=MO")
    quarter = ExportOptions(first=date(2027, 1, 1), last=date(2027, 3, 31))
    export_ics(store, tmp_path / "q1.ics", quarter, no_progress)

    import_ics(fresh, tmp_path / "q1.ics", ImportOptions(), no_progress, today=TODAY)
    (series_id,) = {p.series_id for p in fresh.all_posts()}
    assert series_id is not None
    series = fresh.series(series_id)
    posts = fresh.series_posts(series_id)
    assert len(posts) == 13
    assert recurrence.occurrences(series.rrule, series.anchor, series.exdates) == [
        p.occurrence for p in posts
    ]
    fresh.update_occurrences(posts[0].id, {"time": time(9, 0)}, "all")
    assert [p.time for p in fresh.all_posts()] == [time(9, 0)] * 13


@pytest.mark.parametrize("back", ["shared", "whole", "merged"])
def test_a_file_to_share_leaves_the_notes_out_and_they_stay_where_it_comes_back(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path, back: str
) -> None:
    """Every post's private notes went into the client's file ("client pays late"), with
    no way to leave them out. Left out, the file says so: retitled in a calendar made of
    it and brought back (its file to share or whole, or merged), a post keeps its notes
    here (the other calendar's none, never given, did not wipe them)."""
    channel = store.add_channel("LinkedIn").created[0]
    made = NewPost("Launch", channel, date=date(2027, 3, 1), notes="Client pays late")
    post_id = store.add_post(made).created[0]
    untouched = store.add_post(dataclasses.replace(made, date=date(2027, 3, 2))).created[0]
    shared = ExportOptions(notes=False)
    export_ics(store, tmp_path / "share.ics", shared, no_progress)
    text = (tmp_path / "share.ics").read_text(encoding="utf-8")
    assert "pays late" not in text
    assert "X-CADENCE-WITHOUT-NOTES:TRUE" in text

    import_ics(fresh, tmp_path / "share.ics", ImportOptions(), no_progress, today=TODAY)
    theirs = min(fresh.all_posts(), key=lambda p: p.date or date.max)
    assert {p.notes for p in fresh.all_posts()} == {""}
    fresh.update_post(theirs.id, {"title": "Launch day"})
    if back == "merged":
        from calendar_app.exchange.merge import merge_calendar

        summary = merge_calendar(store, fresh)
    else:
        options = shared if back == "shared" else ExportOptions()
        export_ics(fresh, tmp_path / "back.ics", options, no_progress)
        summary = import_ics(store, tmp_path / "back.ics", ImportOptions(), no_progress)
    assert (len(summary.previous), summary.conflicts, summary.notes) == (1, 0, [])
    assert (store.post(post_id).title, store.post(post_id).notes) == (
        "Launch day",
        "Client pays late",
    )
    assert store.post(untouched).notes == "Client pays late"
    assert len(store.all_posts()) == 2  # no conflict copy
    export_ics(store, tmp_path / "own.ics", ExportOptions(), no_progress)
    assert "Client pays late" in (tmp_path / "own.ics").read_text(encoding="utf-8")


def test_a_calendar_made_of_a_share_takes_the_notes_of_the_sharers_calendar(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """Made of a file without notes, then merging the sharer's whole calendar: every
    post with notes came in as a conflict copy (nobody had edited anything), and the
    copies spread back to the sharer at its next merge."""
    from calendar_app.exchange.merge import merge_calendar

    channel = store.add_channel("LinkedIn").created[0]
    made = NewPost("Launch", channel, date=date(2027, 3, 1), notes="Client pays late")
    store.add_post(made)
    export_ics(store, tmp_path / "share.ics", ExportOptions(notes=False), no_progress)
    import_ics(fresh, tmp_path / "share.ics", ImportOptions(), no_progress, today=TODAY)

    summary = merge_calendar(fresh, store)
    assert (summary.conflicts, len(summary.previous)) == (0, 1)
    assert [(p.title, p.notes) for p in fresh.all_posts()] == [("Launch", "Client pays late")]
    back = merge_calendar(store, fresh)
    assert (back.added, back.conflicts, len(store.all_posts())) == ([], 0, 1)
    # Notes typed there and cleared again are an edit there: the sharer's older version
    # does not take it over.
    (post,) = fresh.all_posts()
    fresh.update_post(post.id, {"notes": "Ours for a while"})
    fresh.update_post(post.id, {"notes": ""})
    assert merge_calendar(fresh, store).previous == []
    assert fresh.post(post.id).notes == ""


def test_channels_key_messages_and_campaigns_come_back_as_they_were_made(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    channel = store.add_channel("LinkedIn", kind="social", char_limit=3000).created[0]
    store.add_channel("Unused", char_limit=10)
    # Spaces at its ends kept as written, as the command line keeps them (they went).
    statement = '  Every roof counts, "even yours";\nsolar pays ^ back\t'
    made = store.add_key_message(
        "Every roof counts",
        statement=statement,
        cadence_days=10,
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 12, 31),
        priority=2,
    ).created[0]
    endless = store.add_key_message("Since ever", starts_on=None).created[0]
    campaign = store.add_campaign(
        "Spring", kind=CampaignKind.SERVICE, starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 30)
    ).created[0]
    store.add_post(
        NewPost(
            "Launch",
            channel,
            message_ids=(made, endless),
            date=date(2026, 3, 10),
            campaign_id=campaign,
        )
    )
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    import_file(fresh, tmp_path / "out.ics")

    def described(s: CalendarStore) -> tuple[object, ...]:
        return (
            [(c.name, c.kind, c.color, c.char_limit) for c in s.channels()],
            [
                (m.title, m.statement, m.cadence_days, m.color, m.starts_on, m.ends_on, m.priority)
                for m in s.key_messages()
            ],
            [(c.name, c.kind, c.color, c.starts_on, c.ends_on) for c in s.campaigns()],
        )

    assert described(fresh) == (
        [("LinkedIn", "social", store.channel(channel).color, 3000)],  # only what posts name
        described(store)[1],
        described(store)[2],
    )
    assert fresh.key_message_titled("Every roof counts").statement == statement  # type: ignore[union-attr]


def test_a_description_the_store_refuses_is_left_out(fresh: CalendarStore, tmp_path: Path) -> None:
    # A file edited by hand: the end before the start, a limit far too large.
    (tmp_path / "hand.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cadence//Cadence//EN\r\n"
        "X-CADENCE-CHANNEL;X-LIMIT=99999999999:Blog\r\n"
        "X-CADENCE-MESSAGE;X-START=20270101;X-END=20260101;X-STATEMENT=Said:Told\r\n"
        "BEGIN:VEVENT\r\nUID:a@example\r\nDTSTART;VALUE=DATE:20260310\r\nSUMMARY:Post\r\n"
        "X-CADENCE-CHANNEL:Blog\r\nX-CADENCE-MESSAGE:Told\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    summary = import_ics(fresh, tmp_path / "hand.ics", ImportOptions(today=TODAY), no_progress)
    assert len(summary.added) == 1
    assert fresh.channel_named("Blog").char_limit is None  # type: ignore[union-attr]
    told = fresh.key_message_titled("Told")
    assert (told.statement, told.starts_on, told.ends_on) == ("", TODAY, None)  # type: ignore[union-attr]


def test_a_spoiled_description_gives_way_to_the_defaults(
    fresh: CalendarStore, tmp_path: Path
) -> None:
    # "²" is a digit to Python but no number; a priority larger than SQLite holds.
    (tmp_path / "hand.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cadence//Cadence//EN\r\n"
        "X-CADENCE-CHANNEL;X-LIMIT=²:Blog\r\n"
        "X-CADENCE-MESSAGE;X-START=someday;X-PRIORITY=99999999999999999999999"
        ";X-STATEMENT=Said:Told\r\n"
        "BEGIN:VEVENT\r\nUID:a@example\r\nDTSTART;VALUE=DATE:20251210\r\nSUMMARY:Post\r\n"
        "X-CADENCE-CHANNEL:Blog\r\nX-CADENCE-MESSAGE:Told\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    summary = import_ics(fresh, tmp_path / "hand.ics", ImportOptions(today=TODAY), no_progress)
    assert len(summary.added) == 1
    assert fresh.channel_named("Blog").char_limit is None  # type: ignore[union-attr]
    told = fresh.key_message_titled("Told")
    assert told is not None
    # What could be read is kept; the start it spoiled is the import's own: its first post.
    assert (told.statement, told.priority) == ("Said", 0)
    assert told.starts_on == date(2025, 12, 10)


def test_wall_clock_times_that_daylight_saving_skips_or_repeats_come_back_as_written(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    skipped = one_post(store, title="Skipped hour", date=date(2026, 3, 29), time=time(2, 30))
    repeated = one_post(store, title="Repeated hour", date=date(2026, 10, 25), time=time(2, 30))
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    # (How long each lasts: test_every_timed_event_lasts_half_an_hour_as_a_moment.)
    import_file(fresh, tmp_path / "out.ics")
    assert (fresh.post_by_uid(skipped.uid).time, fresh.post_by_uid(repeated.uid).time) == (
        time(2, 30),
        time(2, 30),
    )


def test_a_skipped_time_back_from_another_program_is_the_same_post(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Another program reads 02:30 on the night the clocks skip it as 03:30, the same
    moment: the file coming back changes nothing (the post moved an hour, and an edit
    made here since was kept as a conflict copy)."""
    post = one_post(store, title="Skipped hour", date=date(2026, 3, 29), time=time(2, 30))
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    text = (tmp_path / "out.ics").read_bytes().decode("utf-8")
    other = re.sub(r"\r\nX-CADENCE[^\r]*(\r\n [^\r]*)*", "", text)  # as Google sends it
    assert "X-CADENCE" not in other
    assert "T023000" in other
    (tmp_path / "other.ics").write_bytes(other.encode("utf-8"))
    assert import_file(store, tmp_path / "other.ics")[:3] == (0, 0, 1)
    store.update_post(post.id, {"body": "Edited here"})
    summary = import_ics(store, tmp_path / "other.ics", ImportOptions(), no_progress)
    assert (summary.previous, summary.conflicts) == ([], 0)
    assert [(p.title, p.time) for p in store.all_posts()] == [("Skipped hour", time(2, 30))]


def _another_programs_file(path: Path) -> Path:
    """Four events as Google or Outlook write them: in a zone, in UTC, floating, all day."""
    lines = [
        *HEADER,
        *vevent("paris@other", "DTSTART;TZID=Europe/Paris:20261105T090000", "Paris launch"),
        *vevent("utc@other", "DTSTART:20261106T160000Z", "Webinar"),
        *vevent("floating@other", "DTSTART:20261109T083000", "Breakfast"),
        *vevent("day@other", "DTSTART;VALUE=DATE:20261110", "Open day"),
        "END:VCALENDAR",
    ]
    return write_ics(path, lines)


def test_another_programs_file_again_after_the_zone_changed_changes_nothing(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Posts keep their times of day when the calendar's zone changes; the same file
    from another program again then read as moved there: every post went to the
    file's moment on the new clock, and one edited here became a conflict copy."""
    path = _another_programs_file(tmp_path / "other.ics")
    assert import_file(planned, path)[:3] == (4, 0, 0)
    before = {p.uid: (p.date, p.time) for p in planned.all_posts()}
    planned.update_info(timezone="America/New_York")
    edited = next(p for p in planned.all_posts() if p.title == "Webinar")
    planned.update_post(edited.id, {"title": "Webinar (full)"})

    summary = import_ics(planned, path, ImportOptions(), no_progress)

    assert (len(summary.previous), summary.conflicts, summary.added) == (0, 0, [])
    assert (summary.unchanged, summary.kept_newer) == (3, 1)
    assert {p.uid: (p.date, p.time) for p in planned.all_posts()} == before
    assert sorted(p.title for p in planned.all_posts()) == [
        "Breakfast",
        "Open day",
        "Paris launch",
        "Webinar (full)",
    ]


def test_what_an_earlier_release_noted_of_an_event_edited_elsewhere_is_known(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A calendar that took Cadence's event as another program edited it, before its
    notes named the start as the file gives it: the same file again, after an edit
    here, is the same event (it made a conflict copy)."""
    post, path, _ = _renamed_in_another_program(store, tmp_path, monkeypatch)
    with monkeypatch.context() as earlier:
        earlier.setattr(ical_module._Item, "said", ical_module._Item.said_here)
        assert import_file(store, path)[:3] == (0, 1, 0)
    store.update_post(post.id, {"title": "Renamed here"})

    summary = import_ics(store, path, ImportOptions(), no_progress)

    assert (len(summary.previous), summary.conflicts, summary.added) == (0, 0, [])
    assert [p.title for p in store.all_posts()] == ["Renamed here"]


@pytest.mark.parametrize("told_by", ["LAST-MODIFIED", "SEQUENCE"])
def test_an_older_file_of_a_series_made_longer_since_cancels_nothing(
    planned: CalendarStore, tmp_path: Path, told_by: str
) -> None:
    """Google's weekly event made longer there (COUNT 4, then 6): the first file again
    cancelled the two occurrences the second brought, and the second could not bring
    them back."""

    def google(count: int, changed: str) -> Path:
        lines = [
            *HEADER,
            *vevent(
                "weekly@google.com",
                "DTSTART;TZID=Europe/Paris:20261207T090000",
                "Weekly newsletter",
                f"RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT={count}",
                changed,
            ),
            "END:VCALENDAR",
        ]
        return write_ics(tmp_path / f"weekly-{count}.ics", lines)

    if told_by == "LAST-MODIFIED":
        shorter = google(4, "LAST-MODIFIED:20261201T000000Z")
        longer = google(6, "LAST-MODIFIED:20261203T000000Z")
    else:  # some programs write only SEQUENCE, their revision
        shorter, longer = google(4, "SEQUENCE:0"), google(6, "SEQUENCE:1")
    assert import_file(planned, shorter)[:3] == (4, 0, 0)
    assert import_file(planned, longer)[:3] == (2, 0, 4)
    after_longer = comparable(planned)

    summary = import_ics(planned, shorter, ImportOptions(), no_progress, today=TODAY)

    assert summary.withdrawn == 0
    assert comparable(planned) == after_longer
    assert {p.status for p in planned.all_posts()} == {PostStatus.SCHEDULED}


def test_a_series_exported_in_parts_comes_back_as_one(tmp_path: Path, fresh: CalendarStore) -> None:
    """A monthly newsletter exported a quarter at a time and imported file by file came
    in as two series, each hiding the other's posts, an "All" change reaching one."""
    with CalendarStore.create(tmp_path / "source.cadence", timezone="Europe/Paris") as source:
        channel = source.add_channel("Newsletter").created[0]
        source.add_series(
            NewPost("Monthly newsletter", channel, date=date(2027, 1, 15), time=time(10, 0)),
            "FREQ=MONTHLY;COUNT=6",
        )
        for name, first, last in (
            ("q1", date(2027, 1, 1), date(2027, 3, 31)),
            ("q2", date(2027, 4, 1), date(2027, 6, 30)),
        ):
            options = ExportOptions(first=first, last=last)
            export_ics(source, tmp_path / f"{name}.ics", options, no_progress)
    for name in ("q1", "q2"):
        import_ics(fresh, tmp_path / f"{name}.ics", ImportOptions(), no_progress, today=TODAY)
    posts = fresh.all_posts()
    assert len(posts) == 6
    (series_id,) = {p.series_id for p in posts}
    assert series_id is not None
    assert fresh.series(series_id).exdates == ()
    fresh.update_occurrences(posts[0].id, {"time": time(11, 0)}, "all")
    assert {p.time for p in fresh.all_posts()} == {time(11, 0)}


def test_two_series_of_one_rule_exported_in_parts_stay_two(
    tmp_path: Path, fresh: CalendarStore
) -> None:
    """A newsletter and a LinkedIn recap, both monthly from the same day and hour, one
    exported for a quarter and the other for the next: they were made one series, an
    "All" retitle of the newsletter renaming the recap's posts."""
    with CalendarStore.create(tmp_path / "source.cadence", timezone="Europe/Paris") as source:
        for name, title in (("Newsletter", "Monthly newsletter"), ("LinkedIn", "Recap")):
            made = source.add_channel(name).created[0]
            source.add_series(
                NewPost(title, made, date=date(2027, 1, 15), time=time(10, 0)),
                "FREQ=MONTHLY;COUNT=6",
            )
        for name, channel_name, first, last in (
            ("news", "Newsletter", date(2027, 1, 1), date(2027, 3, 31)),
            ("recap", "LinkedIn", date(2027, 4, 1), date(2027, 6, 30)),
        ):
            channel = source.channel_named(channel_name)
            assert channel is not None
            options = ExportOptions(first=first, last=last, channel_ids=frozenset({channel.id}))
            export_ics(source, tmp_path / f"{name}.ics", options, no_progress)
    for name in ("news", "recap"):
        import_ics(fresh, tmp_path / f"{name}.ics", ImportOptions(), no_progress, today=TODAY)
    by_title: dict[str, set[int | None]] = {}
    for post in fresh.all_posts():
        by_title.setdefault(post.title, set()).add(post.series_id)
    assert len(by_title["Monthly newsletter"] | by_title["Recap"]) == 2


def test_a_series_moved_in_google_then_cut_short_keeps_its_posts(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Moved an hour later there (its posts followed, their key message kept), then one
    occurrence deleted: every post was cancelled and copies without the key message
    came in (their RECURRENCE-IDs still said where they first were)."""
    assert import_file(planned, google_weekly(tmp_path / "g1.ics", "20261201T000000Z"))[0] == 6
    listen = planned.key_message_titled("We listen")
    assert listen is not None
    planned.update_posts({p.id: {"message_ids": (listen.id,)} for p in planned.all_posts()})
    later = "20261207T100000"  # an hour later now
    moved = google_weekly(tmp_path / "g2.ics", "20261202T000000Z", start=later)
    assert import_file(planned, moved)[:2] == (0, 6)
    cut = google_weekly(
        tmp_path / "g3.ics",
        "20261203T000000Z",
        "EXDATE;TZID=Europe/Paris:20261221T100000",
        start=later,
    )
    summary = import_ics(planned, cut, ImportOptions(), no_progress, today=TODAY)
    assert (len(summary.added), summary.withdrawn) == (0, 1)
    posts = planned.all_posts()
    assert len(posts) == 6
    assert all(p.message_ids == (listen.id,) for p in posts)
    cancelled = [p.date for p in posts if p.status == PostStatus.CANCELLED]
    assert cancelled == [date(2026, 12, 21)]


@pytest.mark.parametrize("shared_as", ["ics", "merge"])
def test_google_s_events_shared_through_cadence_are_found_again_by_its_next_file(
    planned: CalendarStore, tmp_path: Path, shared_as: str
) -> None:
    """A colleague took Google's weekly event from this calendar, through Cadence's own
    file or a merge: Google's next file then neither cancelled the occurrence deleted
    there nor moved the series (each occurrence came in twice)."""
    from calendar_app.exchange.merge import merge_calendar

    def google(modified: str, *extra: str) -> Path:
        return google_weekly(tmp_path / f"weekly-{modified}.ics", modified, *extra)

    assert import_file(planned, google("20261201T000000Z"))[0] == 6
    with CalendarStore.create(tmp_path / "colleague.cadence", timezone="Europe/Paris") as theirs:
        if shared_as == "ics":
            shared = tmp_path / "shared.ics"
            export_ics(planned, shared, ExportOptions(), no_progress)
            import_ics(theirs, shared, ImportOptions(), no_progress, today=TODAY)
        else:
            merge_calendar(theirs, planned)
        later = google("20261203T000000Z", "EXDATE;TZID=Europe/Paris:20261228T090000")
        summary = import_ics(theirs, later, ImportOptions(), no_progress, today=TODAY)
        assert summary.withdrawn == 1
        cancelled = [p.date for p in theirs.all_posts() if p.status == PostStatus.CANCELLED]
        assert cancelled == [date(2026, 12, 28)]
        assert len(theirs.all_posts()) == 6


def test_occurrences_edited_here_stay_when_their_series_changed_elsewhere_only(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Google deletes one occurrence of a weekly event (an EXDATE, a later LAST-MODIFIED
    of the whole event): the occurrences moved or retitled here went back to Google's
    version, each edit kept only as a conflict copy."""

    def google(modified: str, *extra: str) -> Path:
        return google_weekly(tmp_path / "weekly.ics", modified, *extra)

    assert import_file(planned, google("20261201T000000Z"))[:3] == (6, 0, 0)
    weeks = sorted(planned.all_posts(), key=lambda p: p.date or date.min)
    planned.move_posts({weeks[1].id: (date(2026, 12, 15), time(9, 0))})
    planned.update_post(weeks[2].id, {"title": "Weekly newsletter: Christmas edition"})
    later = google("20261203T000000Z", "EXDATE;TZID=Europe/Paris:20261228T090000")

    summary = import_ics(planned, later, ImportOptions(), no_progress, today=TODAY)

    assert ([p.id for p in summary.previous], summary.conflicts, summary.withdrawn) == (
        [weeks[3].id],
        0,
        1,
    )
    assert planned.post(weeks[1].id).date == date(2026, 12, 15)
    assert planned.post(weeks[2].id).title == "Weekly newsletter: Christmas edition"
    assert planned.post(weeks[3].id).status == PostStatus.CANCELLED
    assert len(planned.all_posts()) == 6


def test_a_skipped_time_in_a_zone_the_file_describes_reads_as_in_a_named_zone(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Outlook's "Customized Time Zone" with Paris's rules: 02:30 on the night the clocks
    skip it came in at 01:30, an hour before the same event with TZID=Europe/Paris."""
    custom = [
        "BEGIN:VTIMEZONE",
        "TZID:Customized Time Zone",
        "BEGIN:STANDARD",
        "DTSTART:16011028T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010325T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
    lines = [
        *HEADER,
        *custom,
        *vevent("custom@x", "DTSTART;TZID=Customized Time Zone:20270328T023000", "Custom"),
        *vevent("named@x", "DTSTART;TZID=Europe/Paris:20270328T023000", "Named"),
        *vevent("after@x", "DTSTART;TZID=Customized Time Zone:20270329T090000", "After"),
        "END:VCALENDAR",
    ]
    assert import_file(planned, write_ics(tmp_path / "outlook.ics", lines))[:3] == (3, 0, 0)
    when = {p.title: (p.date, p.time) for p in planned.all_posts()}
    assert when == {
        "Custom": (date(2027, 3, 28), time(3, 30)),
        "Named": (date(2027, 3, 28), time(3, 30)),
        "After": (date(2027, 3, 29), time(9, 0)),
    }


@pytest.mark.parametrize(("frequency", "every"), [("SECONDLY", "second"), ("DAILY", "day")])
def test_a_zone_whose_clock_changes_more_often_than_monthly_is_refused_at_once(
    planned: CalendarStore, tmp_path: Path, frequency: str, every: str
) -> None:
    """Outlook's "Customized Time Zone" whose standard time came back every second: the
    library laid the rule out from 1601, second by second, and the import ran on past
    any Cancel. Refused, saying why; a monthly one is read."""
    zone = [
        "BEGIN:VTIMEZONE",
        "TZID:Customized Time Zone",
        "BEGIN:STANDARD",
        "DTSTART:16010101T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        f"RRULE:FREQ={frequency}",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010101T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
    event = vevent("one@x", "DTSTART;TZID=Customized Time Zone:20261215T100000", "Review")
    lines = [*HEADER, *zone, *event, "END:VCALENDAR"]
    problem = refused(planned, write_ics(tmp_path / "often.ics", lines))
    assert str(problem) == (
        "line 5: The time zone 'Customized Time Zone' (VTIMEZONE) could not be read (its"
        " standard"
        f" time comes back every {every}; a zone's clock changes yearly). Nothing was"
        " imported."
    )
    monthly = [line.replace(f"FREQ={frequency}", "FREQ=MONTHLY") for line in lines]
    assert import_file(planned, write_ics(tmp_path / "monthly.ics", monthly))[0] == 1


@pytest.mark.parametrize(
    ("spoilt", "line", "said"),
    [
        # An END closing no BEGIN of its kind.
        (lambda lines: [*lines[:-1], "END:VEVENT", lines[-1]], 11, "(END encountered without"),
        # A zone's start and offset the library cannot read.
        (lambda lines: [*lines[:3], *_zone("DTSTART:16011028T030000x"), *lines[3:]], 7, "(Wrong"),
        (lambda lines: [*lines[:3], *_zone("TZOFFSETFROM:NaN"), *lines[3:]], 8, "(Expected UTC"),
        # A property outside the calendar, the same inside it first (line 2).
        (lambda lines: [*lines, "VERSION:2.0"], 12, '(Property "VERSION" does not'),
    ],
)
def test_a_file_the_library_cannot_read_is_refused_naming_its_line(
    planned: CalendarStore,
    tmp_path: Path,
    spoilt: Callable[[list[str]], list[str]],
    line: int,
    said: str,
) -> None:
    """It said the library's words alone ("Wrong datetime format: 16011028T030000x"),
    no line, where every other refusal names one."""
    lines = [*HEADER, *vevent("one@x", "DTSTART:20261215T100000Z", "One"), "END:VCALENDAR"]
    problem = refused(planned, write_ics(tmp_path / "spoilt.ics", spoilt(lines)))
    assert str(problem).startswith(f"line {line}: spoilt.ics could not be read as iCalendar {said}")


def _zone(spoilt: str) -> list[str]:
    """A zone of one standard time, one of its lines ``spoilt`` (in its place)."""
    lines = [
        "BEGIN:VTIMEZONE",
        "TZID:Custom",
        "BEGIN:STANDARD",
        "DTSTART:16011028T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    name = spoilt.partition(":")[0]
    return [spoilt if line.startswith(f"{name}:") else line for line in lines]


def _fixed_zone(offset: str) -> list[str]:
    """Outlook's "Customized Time Zone", here one that keeps ``offset`` all year."""
    return [
        "BEGIN:VTIMEZONE",
        "TZID:Customized Time Zone",
        "BEGIN:STANDARD",
        "DTSTART:16010101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def test_each_calendar_of_a_file_reads_its_events_in_its_own_zones(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Two exports put in one file: a Berlin calendar and a New York one, each with a
    floating 09:00 and an event in its own "Customized Time Zone". The New York events
    were read in Berlin's zones (09:00 here, and the first file's +05:30)."""
    lines = [
        *HEADER,
        "X-WR-TIMEZONE:Europe/Berlin",
        *_fixed_zone("+0530"),
        *vevent("berlin@x", "DTSTART:20261207T090000", "Berlin floating"),
        *vevent("delhi@x", "DTSTART;TZID=Customized Time Zone:20261207T100000", "Delhi"),
        "END:VCALENDAR",
        *HEADER,
        "X-WR-TIMEZONE:America/New_York",
        *_fixed_zone("-0500"),
        *vevent("york@x", "DTSTART:20261207T090000", "New York floating"),
        *vevent("eastern@x", "DTSTART;TZID=Customized Time Zone:20261207T100000", "Eastern"),
        "END:VCALENDAR",
    ]
    assert import_file(planned, write_ics(tmp_path / "two.ics", lines))[:3] == (4, 0, 0)
    assert {p.title: p.time for p in planned.all_posts()} == {
        "Berlin floating": time(9, 0),
        "Delhi": time(5, 30),
        "New York floating": time(15, 0),
        "Eastern": time(16, 0),
    }


def test_a_calendar_inside_another_reads_its_events_in_the_file_s_order(
    busy: CalendarStore, tmp_path: Path
) -> None:
    """Files joined by hand, one calendar put inside another: its events were lost
    without a word ("Added 0 posts", exit 0). Each is read in its own calendar's zone (or
    the outer one's), and one refused is said at its own line; 300 deep is read too."""
    lines = [
        *HEADER,
        "X-WR-TIMEZONE:Europe/Berlin",
        *vevent("outer@x", "DTSTART:20261207T090000", "Fine outer"),
        *HEADER,
        *vevent("inner@x", "DTSTART:20261207T100000", "Fine inner, Berlin's"),
        *HEADER,
        "X-WR-TIMEZONE:America/New_York",
        *vevent("york@x", "DTSTART:20261207T090000", "Fine New York"),
        "END:VCALENDAR",
        "END:VCALENDAR",
        *vevent("bad@x", "DTSTART:20261304T160000"),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "joined.ics", lines))
    assert said == "line 38: DTSTART is not a valid date or time (20261304T160000); not imported"
    times = {p.title: p.time for p in busy.all_posts() if p.title.startswith("Fine")}
    assert times == {
        "Fine outer": time(9, 0),
        "Fine inner, Berlin's": time(10, 0),
        "Fine New York": time(15, 0),
    }
    deep = [*HEADER * 300, *vevent("deep@x", "DTSTART:20261208T090000Z", "Deep")]
    deep += ["END:VCALENDAR"] * 300
    assert import_file(busy, write_ics(tmp_path / "deep.ics", deep))[:3] == (1, 0, 0)


def test_a_calendar_of_a_file_may_use_a_zone_another_one_describes(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Two exports put together, the zone described once, in the first."""
    lines = [
        *HEADER,
        *_fixed_zone("-0500"),
        *vevent("first@x", "DTSTART;TZID=Customized Time Zone:20261207T100000", "First"),
        "END:VCALENDAR",
        *HEADER,
        *vevent("second@x", "DTSTART;TZID=Customized Time Zone:20261208T100000", "Second"),
        "END:VCALENDAR",
    ]
    assert import_file(planned, write_ics(tmp_path / "shared.ics", lines))[:3] == (2, 0, 0)
    assert {p.title: p.time for p in planned.all_posts()} == {
        "First": time(16, 0),
        "Second": time(16, 0),
    }


def test_an_event_at_the_second_pass_of_a_repeated_hour_is_said(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """01:30Z on 31 October 2027 is the second 02:30 in Paris: kept on the wall clock,
    which says the first (an hour earlier), without a word."""
    lines = [
        *HEADER,
        *vevent("second@google", "DTSTART:20271031T013000Z", "Second pass"),
        *vevent("first@google", "DTSTART:20271031T003000Z", "First pass"),
        "END:VCALENDAR",
    ]
    summary = import_ics(
        planned, write_ics(tmp_path / "g.ics", lines), ImportOptions(), no_progress
    )
    assert {p.title: p.time for p in planned.all_posts()} == {
        "Second pass": time(2, 30),
        "First pass": time(2, 30),
    }
    assert summary.notes == [
        "'Second pass' starts at the second 02:30 of 2027-10-31, as the clocks go back;"
        " Cadence keeps times as the clock reads them, and takes it for the first."
    ]
    # Several: named in one sentence, as events lasting several days are.
    lines = [
        *HEADER,
        *vevent("late@google", "DTSTART:20271031T014500Z", "Late"),
        *vevent("later@google", "DTSTART:20281029T013000Z", "Later"),
        "END:VCALENDAR",
    ]
    summary = import_ics(
        planned, write_ics(tmp_path / "g2.ics", lines), ImportOptions(), no_progress
    )
    assert summary.notes == [
        "'Late' and 'Later' start at the second pass of an hour the clocks go back over;"
        " Cadence keeps times as the clock reads them, and takes each for the first."
    ]


def test_an_event_moved_to_other_categories_there_comes_in(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Outlook moves the event from Blog to LinkedIn and "We listen": it showed what it
    showed before, so it was taken for unchanged there (and said "edited here")."""

    def outlook(categories: str, modified: str) -> Path:
        lines = [
            *HEADER,
            "BEGIN:VEVENT",
            "UID:launch@outlook",
            "DTSTAMP:20261201T000000Z",
            "DTSTART:20270105T090000Z",
            "SUMMARY:Launch",
            f"CATEGORIES:{categories}",
            f"LAST-MODIFIED:{modified}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return write_ics(tmp_path / "outlook.ics", lines)

    assert import_file(planned, outlook("Blog", "20261201T000000Z"))[:3] == (1, 0, 0)
    assert import_file(planned, outlook("LinkedIn,We listen", "20261203T000000Z"))[:3] == (
        0,
        1,
        0,
    )
    (post,) = planned.all_posts()
    listen = planned.key_message_titled("We listen")
    assert listen is not None
    assert (planned.channel(post.channel_id).name, post.message_ids) == ("LinkedIn", (listen.id,))


@pytest.mark.parametrize("body", ["Come and see.", ""])
def test_a_link_back_from_a_program_that_drops_url_stays_the_link(
    store: CalendarStore, tmp_path: Path, body: str
) -> None:
    """Google Calendar and Outlook keep DESCRIPTION (the text, then the link on its own)
    and drop URL: every post came back "updated", its link moved into its text."""
    link = "https://example.org/tour"
    post = one_post(store, title="Factory tour", body=body, link=link)
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    text = (tmp_path / "out.ics").read_bytes().decode("utf-8")
    other = re.sub(r"\r\n(X-CADENCE|URL)[^\r]*(\r\n [^\r]*)*", "", text)
    assert "URL" not in other
    assert "X-CADENCE" not in other
    (tmp_path / "other.ics").write_bytes(other.encode("utf-8"))
    assert import_file(store, tmp_path / "other.ics")[:3] == (0, 0, 1)
    assert (store.post(post.id).body, store.post(post.id).link) == (body, link)
    # Edited there, its title and text, and saved with a line end after the link: what
    # was edited comes in, the link stays the link.
    edited = other.replace("Factory tour", "Factory tour, booked out")
    edited = edited.replace("Come and see.", "Come and see us.")
    edited = edited.replace("example.org/tour\r\n", "example.org/tour\\n\r\n")
    assert "example.org/tour\\n\r\n" in edited
    (tmp_path / "other.ics").write_bytes(edited.encode("utf-8"))
    assert import_file(store, tmp_path / "other.ics")[:3] == (0, 1, 0)
    again = store.post(post.id)
    text = "Come and see us." if body else ""
    assert (again.title, again.body, again.link) == ("Factory tour, booked out", text, link)


@pytest.mark.parametrize("body", ["Come and see.", ""])
def test_a_post_with_a_link_deleted_here_stays_deleted_when_such_a_program_s_file_comes(
    store: CalendarStore, tmp_path: Path, body: str
) -> None:
    """Its link at the end of its text (URL dropped): the deleted post came back, its
    link in its text, on the fallback channel; one without a link stayed deleted."""
    post = one_post(store, title="Factory tour", body=body, link="https://example.org/tour")
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    text = (tmp_path / "out.ics").read_bytes().decode("utf-8")
    other = re.sub(r"\r\n(X-CADENCE|URL)[^\r]*(\r\n [^\r]*)*", "", text)
    (tmp_path / "other.ics").write_bytes(other.encode("utf-8"))
    import_file(store, tmp_path / "other.ics")
    store.delete_posts([post.id])

    summary = import_ics(
        store, tmp_path / "other.ics", ImportOptions(fallback_channel="Google"), no_progress
    )

    assert (summary.added, summary.left_deleted) == ([], 1)
    assert store.find_post(post.uid) is None


def test_outlook_s_copy_of_our_file_changes_nothing_week_after_week(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Outlook's "Save as iCalendar", nothing edited there: no STATUS, no URL, no
    X- lines, and a line end after each text. Every draft came back scheduled, each
    text gained a blank line a week, and a post deleted here came back."""
    draft = one_post(store, title="Draft", body="Not yet.", status=PostStatus.DRAFT)
    plain = one_post(store, title="Tip", body="Weekly tip", date=date(2026, 3, 11))
    ending = one_post(store, title="Ends", body="Ends here\n", date=date(2026, 3, 13))
    gone = one_post(store, title="Gone", body="Two\nlines", date=date(2026, 3, 12))
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    calendar = Calendar.from_ical((tmp_path / "out.ics").read_bytes())
    for event in calendar.walk("VEVENT"):
        for name in [n for n in event if n in ("STATUS", "URL") or n.startswith("X-")]:
            del event[name]
        event["DESCRIPTION"] = str(event.get("DESCRIPTION", "")) + "\n"
    (tmp_path / "outlook.ics").write_bytes(calendar.to_ical())
    store.delete_posts([gone.id])
    for _week in range(3):
        summary = import_ics(
            store, tmp_path / "outlook.ics", ImportOptions(fallback_channel="Outlook"), no_progress
        )
        assert (summary.added, summary.previous) == ([], [])
        assert store.post(draft.id).status == PostStatus.DRAFT
        assert store.post(plain.id).body == "Weekly tip"
        assert store.post(ending.id).body == "Ends here\n"
        assert store.find_post(gone.uid) is None


def test_what_another_programs_events_bring_that_no_post_keeps_is_said(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Outlook's "Blaue Kategorie" and a three-day fair: the categories went without a
    word, and the fair came in on its first day only, unsaid."""
    source = tmp_path / "outlook.ics"
    source.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:fair@other\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20261222\r\nDTEND;VALUE=DATE:20261225\r\n"
        b"SUMMARY:Winter fair\r\nCATEGORIES:Blaue Kategorie,LinkedIn\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:call@other\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART:20261210T090000Z\r\nDURATION:PT1H\r\n"
        b"SUMMARY:Press call\r\nCATEGORIES:blaue kategorie,We listen,Social\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:day@other\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20261211\r\nDTEND;VALUE=DATE:20261212\r\n"
        b"SUMMARY:Open day\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    summary = import_ics(planned, source, ImportOptions(fallback_channel="Blog"), no_progress)
    assert len(summary.added) == 3
    assert summary.notes == [
        "'Winter fair' lasts several days; a post is on the first.",
        "Categories that name no channel or key message here were left out:"
        " 'Blaue Kategorie' and 'Social'.",
    ]
    fair = planned.post_by_uid("fair@other")
    assert fair.date == date(2026, 12, 22)
    # Again, as it was: the posts are as they were, and so is said only what is left out.
    assert import_ics(planned, source, ImportOptions(), no_progress).notes == summary.notes[1:]


def test_the_notes_of_another_programs_events_speak_of_the_posts_made(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """A multi-day event skipped (no channel) was said to be "a post on the first";
    a category made a channel (--create-missing) by a later event was said left out."""
    source = tmp_path / "other.ics"
    source.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:fair@other\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20261222\r\nDTEND;VALUE=DATE:20261225\r\n"
        b"SUMMARY:Fair\r\nCATEGORIES:LinkedIn,Tradeshow\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:show@other\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20261210\r\nSUMMARY:Show\r\nCATEGORIES:Tradeshow\r\n"
        b"END:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:nowhere@other\r\nDTSTAMP:20261101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261204\r\n"
        b"SUMMARY:Nowhere\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    summary = import_ics(planned, source, ImportOptions(create_missing=True), no_progress)
    assert sorted(p.title for p in planned.all_posts()) == ["Fair", "Show"]
    assert summary.notes == ["'Fair' lasts several days; a post is on the first."]


def test_a_skipped_time_moved_in_another_program_comes_in_without_a_copy(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Read back unchanged, then moved in the other program, nothing edited here: the
    move comes in and no conflict copy is made (the post seemed edited here forever)."""
    one_post(store, title="Skipped hour", date=date(2026, 3, 29), time=time(2, 30))
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    text = (tmp_path / "out.ics").read_bytes().decode("utf-8")
    other = re.sub(r"\r\nX-CADENCE[^\r]*(\r\n [^\r]*)*", "", text)
    (tmp_path / "other.ics").write_bytes(other.encode("utf-8"))
    assert import_file(store, tmp_path / "other.ics")[:3] == (0, 0, 1)
    moved = other.replace("20260329T023000", "20260329T043000")
    (tmp_path / "other.ics").write_bytes(moved.encode("utf-8"))
    summary = import_ics(store, tmp_path / "other.ics", ImportOptions(), no_progress)
    assert (len(summary.previous), summary.conflicts) == (1, 0)
    assert [p.time for p in store.all_posts()] == [time(4, 30)]


def test_a_cadence_file_imported_into_another_zone_keeps_the_moments(
    store: CalendarStore, tmp_path: Path
) -> None:
    morning = one_post(store, title="Morning", date=date(2026, 3, 10), time=time(9, 0))
    night = one_post(store, title="Night", date=date(2026, 6, 1), time=time(1, 0))
    all_day = one_post(store, title="All day", date=date(2026, 6, 2), time=None)
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    with CalendarStore.create(tmp_path / "ny.cadence", timezone="America/New_York") as ny:
        import_file(ny, tmp_path / "out.ics")
        assert [(p.uid, p.date, p.time) for p in ny.all_posts()] == [
            (morning.uid, date(2026, 3, 10), time(4, 0)),
            (night.uid, date(2026, 5, 31), time(19, 0)),
            (all_day.uid, date(2026, 6, 2), None),
        ]


def test_a_cadence_series_imported_onto_another_clock_says_its_posts_come_apart(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Its posts came in with no word of their series (a merge says it)."""
    channel = store.add_channel("LinkedIn").created[0]
    store.add_series(
        NewPost("Monday tip", channel, date=date(2026, 3, 2), time=time(9, 0)),
        "FREQ=WEEKLY;BYDAY=MO;COUNT=8",
    )
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    with CalendarStore.create(tmp_path / "ny.cadence", timezone="America/New_York") as ny:
        summary = import_ics(ny, tmp_path / "out.ics", ImportOptions(), no_progress)
        assert len(summary.added) == 8
        assert all(p.series_id is None for p in ny.all_posts())
    assert summary.notes == [
        "8 repeating posts come in on their own: the file's repeats run on another clock"
        " than America/New_York's."
    ]


def exported_series(store: CalendarStore, path: Path) -> tuple[list[Post], int]:
    """Six Monday tips, exported to ``path``; then the second deleted alone and the
    fifth with the ones after it. The six posts as they were, and their series."""
    channel = store.add_channel("LinkedIn").created[0]
    created = store.add_series(
        NewPost("Monday tip", channel, date=date(2026, 1, 5), time=time(9, 0)),
        "FREQ=WEEKLY;BYDAY=MO;COUNT=6",
    ).created
    export_ics(store, path, ExportOptions(), no_progress)
    posts = store.posts(created)
    series_id = posts[0].series_id
    assert series_id is not None
    store.delete_occurrences(posts[1].id, "this")
    store.delete_occurrences(posts[4].id, "following")
    return posts, series_id


def test_an_older_file_leaves_out_occurrences_deleted_since(
    store: CalendarStore, tmp_path: Path
) -> None:
    _, series_id = exported_series(store, tmp_path / "old.ics")
    kept = store.all_posts()
    rule = store.series(series_id)
    summary = import_ics(store, tmp_path / "old.ics", ImportOptions(today=TODAY), no_progress)
    assert store.all_posts() == kept
    assert store.series(series_id) == rule
    assert (summary.left_deleted, summary.unchanged, summary.added) == (3, 3, [])
    assert ", 3 deleted here left out" in summary.describe()


def test_occurrences_edited_elsewhere_since_come_back_to_a_series_ended_since(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Deleted here, edited there (by hand, in the file): nothing typed is lost. The
    one deleted alone is an occurrence again; the rule ends before the others."""
    posts, series_id = exported_series(store, tmp_path / "old.ics")
    edited = tmp_path / "edited.ics"
    text = (tmp_path / "old.ics").read_text(encoding="utf-8")
    edited.write_text(text.replace("SUMMARY:Monday tip", "SUMMARY:Monday tip!"), encoding="utf-8")
    summary = import_ics(store, edited, ImportOptions(today=TODAY), no_progress)
    assert summary.left_deleted == 0
    back = {p.uid: p for p in store.all_posts()}
    assert len(back) == 6
    assert {p.title for p in back.values()} == {"Monday tip!"}
    assert back[posts[1].uid].series_id == series_id
    assert [back[p.uid].series_id for p in posts[4:]] == [None, None]
    series = store.series(series_id)
    assert recurrence.occurrences(series.rrule, series.anchor, series.exdates) == [
        p.occurrence for p in store.series_posts(series_id)
    ]


def test_a_series_whose_times_read_differently_here_arrives_as_separate_posts(
    tmp_path: Path,
) -> None:
    # Mondays 08:00 in Auckland are Sundays in New York, at 15:00 or 16:00 as the two
    # zones change their clocks on different days: no weekly rule describes that.
    with CalendarStore.create(tmp_path / "akl.cadence", timezone="Pacific/Auckland") as akl:
        channel = akl.add_channel("LinkedIn").created[0]
        akl.add_series(
            NewPost("Monday tip", channel, date=date(2027, 3, 1), time=time(8, 0)),
            "FREQ=WEEKLY;BYDAY=MO;COUNT=6",
        )
        akl.add_series(
            NewPost("Monday idea", channel, date=date(2027, 3, 1)), "FREQ=WEEKLY;COUNT=2"
        )
        export_ics(akl, tmp_path / "akl.ics", ExportOptions(), no_progress)
    with CalendarStore.create(tmp_path / "ny.cadence", timezone="America/New_York") as ny:
        import_file(ny, tmp_path / "akl.ics")
        timed = [p for p in ny.all_posts() if p.title == "Monday tip"]
        assert [(p.date.weekday(), p.time, p.series_id) for p in timed] == [  # type: ignore[union-attr]
            (6, time(14, 0), None),
            (6, time(14, 0), None),
            (6, time(15, 0), None),
            (6, time(15, 0), None),
            (6, time(15, 0), None),
            (6, time(16, 0), None),
        ]
        # A day is a day in every zone: the untimed series is put back together.
        untimed = [p for p in ny.all_posts() if p.title == "Monday idea"]
        assert [p.date for p in untimed] == [date(2027, 3, 1), date(2027, 3, 8)]
        assert untimed[0].series_id is not None
        assert ny.series(untimed[0].series_id).rrule == "FREQ=WEEKLY;COUNT=2"
    # Where the wall clock reads the same (Paris and Berlin), the series stays one.
    with CalendarStore.create(tmp_path / "ber.cadence", timezone="Europe/Berlin") as ber:
        channel = ber.add_channel("LinkedIn").created[0]
        ber.add_series(
            NewPost("Weekly", channel, date=date(2027, 3, 1), time=time(8, 0)),
            "FREQ=WEEKLY;COUNT=6",
        )
        export_ics(ber, tmp_path / "ber.ics", ExportOptions(), no_progress)
    with CalendarStore.create(tmp_path / "par.cadence", timezone="Europe/Paris") as par:
        import_file(par, tmp_path / "ber.ics")
        assert len({p.series_id for p in par.all_posts()} - {None}) == 1


def test_importing_the_same_file_twice_changes_nothing(
    demo: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    export_ics(demo, tmp_path / "demo.ics", ExportOptions(), no_progress)
    added, _, _, _ = import_file(fresh, tmp_path / "demo.ics")
    before = fresh.all_posts()
    channels = fresh.channels(include_archived=True)
    summary = import_ics(fresh, tmp_path / "demo.ics", ImportOptions(), no_progress)
    assert (summary.added, summary.previous, summary.unchanged) == ([], [], added)
    assert (summary.channels_added, summary.messages_added, summary.campaigns_added) == ([], [], [])
    assert fresh.all_posts() == before
    assert fresh.channels(include_archived=True) == channels


def test_an_edit_in_the_file_updates_its_post_and_records_the_previous_version(
    store: CalendarStore, tmp_path: Path
) -> None:
    post = one_post(store, title="Launch post")
    other = one_post(store, title="Other post", date=date(2026, 3, 12))
    path = tmp_path / "out.ics"
    export_ics(store, path, ExportOptions(), no_progress)
    text = path.read_text()
    text = text.replace("SUMMARY:Launch post", "SUMMARY:Launch post, reworded")
    text = text.replace(
        "DTSTART;TZID=Europe/Paris:20260310T090000", "DTSTART;TZID=Europe/Paris:20260311T101500"
    )
    path.write_text(text)

    summary = import_ics(store, path, ImportOptions(), no_progress)

    assert (summary.added, summary.previous, summary.unchanged) == ([], [post], 1)
    edited = store.post(post.id)
    assert (edited.title, edited.date, edited.time) == (
        "Launch post, reworded",
        date(2026, 3, 11),
        time(10, 15),
    )
    assert edited.revision == post.revision + 1
    assert store.post(other.id) == other


def test_an_older_file_does_not_undo_a_later_edit(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamps = iter(f"2026-03-0{day}T10:00:00.250000+00:00" for day in range(1, 10))
    monkeypatch.setattr(store_module, "_now", lambda: next(stamps))
    post = one_post(store)
    old = tmp_path / "old.ics"
    export_ics(store, old, ExportOptions(), no_progress)
    store.move_posts({post.id: (date(2026, 3, 18), time(11, 0))})
    moved = store.post(post.id)

    summary = import_ics(store, old, ImportOptions(), no_progress)

    assert (summary.added, summary.previous, summary.unchanged) == ([], [], 0)
    assert summary.kept_newer == 1
    assert "1 edited here since (kept as it is)" in summary.describe()
    assert store.post(post.id) == moved


def test_a_file_edited_elsewhere_after_a_later_edit_here_keeps_both_versions(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A colleague's copy of the calendar and ours, both edited once since they parted.
    stamps = iter(f"2026-03-0{day}T10:00:00.000000+00:00" for day in range(1, 10))
    monkeypatch.setattr(store_module, "_now", lambda: next(stamps))
    post = one_post(store)  # day 1
    save_copy(store, tmp_path / "theirs.cadence")
    theirs = CalendarStore.open(tmp_path / "theirs.cadence")
    store.update_post(post.id, {"title": "Our wording"})  # day 2
    theirs.update_post(post.id, {"title": "Their wording"})  # day 3: later
    export_ics(theirs, tmp_path / "theirs.ics", ExportOptions(), no_progress)
    theirs.close()

    summary = import_ics(store, tmp_path / "theirs.ics", ImportOptions(), no_progress)

    assert summary.conflicts == 1
    assert store.post(post.id).title == "Their wording"
    assert sorted(p.title for p in store.all_posts()) == ["Our wording (conflict)", "Their wording"]
    assert summary.notes[0].startswith("'Their wording' was edited on both sides")

    # The other way round, our later edit stays and theirs (edited there again, by
    # another program) arrives as the copy.
    store.update_post(post.id, {"title": "Our second wording"})  # later than their file
    older = tmp_path / "older.ics"
    text = (tmp_path / "theirs.ics").read_text().replace("SEQUENCE:1", "SEQUENCE:5")
    older.write_text(text.replace("SUMMARY:Their wording", "SUMMARY:Their wording again"))
    summary = import_ics(store, older, ImportOptions(), no_progress)
    assert summary.conflicts == 1
    assert store.post(post.id).title == "Our second wording"
    assert "Their wording again (conflict)" in [p.title for p in store.all_posts()]
    assert summary.notes[0].startswith("'Our second wording' was edited on both sides")
    # Another program's rewrite of LAST-MODIFIED or SEQUENCE alone edited nothing: our
    # later edit stays, no copy.
    older.write_text(text)
    summary = import_ics(store, older, ImportOptions(), no_progress)
    assert (summary.conflicts, summary.previous) == (0, [])
    assert store.post(post.id).title == "Our second wording"


def _renamed_in_another_program(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Post, Path, str]:
    """A post "Original" exported on 1 March, then renamed "Renamed there" by a calendar
    program on the 5th (a later LAST-MODIFIED, the same SEQUENCE); the store's clock
    ticks a day at each change from then on. The post, the file and its text."""
    stamps = iter(f"2026-03-0{day}T10:00:00.000000+00:00" for day in range(1, 10))
    monkeypatch.setattr(store_module, "_now", lambda: next(stamps))
    post = one_post(store, title="Original")
    path = tmp_path / "out.ics"
    export_ics(store, path, ExportOptions(), no_progress)
    text = path.read_text().replace("SUMMARY:Original", "SUMMARY:Renamed there")
    text = text.replace("LAST-MODIFIED:20260301T100000Z", "LAST-MODIFIED:20260305T120000Z")
    path.write_text(text)
    return post, path, text


def test_another_program_editing_the_file_is_not_a_conflict_and_a_conflict_comes_once(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post, path, text = _renamed_in_another_program(store, tmp_path, monkeypatch)

    summary = import_ics(store, path, ImportOptions(), no_progress)

    assert (len(summary.previous), summary.conflicts, summary.added) == (1, 0, [])
    assert [p.title for p in store.all_posts()] == ["Renamed there"]

    # Edited on both sides: the later edit wins and the other is kept, once, however
    # often the same file comes in again.
    store.update_post(post.id, {"title": "Renamed here"})  # 2026-03-03: earlier
    both = tmp_path / "both.ics"
    both.write_text(text.replace("SUMMARY:Renamed there", "SUMMARY:Renamed there again"))
    for _ in range(3):
        import_ics(store, both, ImportOptions(), no_progress)
    titles = sorted(p.title for p in store.all_posts())
    assert titles == ["Renamed here (conflict)", "Renamed there again"]

    store.update_post(post.id, {"title": "Ours, the latest"})
    older = tmp_path / "older.ics"
    older.write_text(
        text.replace("SUMMARY:Renamed there", "SUMMARY:Theirs, older").replace(
            "LAST-MODIFIED:20260305T120000Z", "LAST-MODIFIED:20260302T120000Z"
        )
    )
    for _ in range(3):
        summary = import_ics(store, older, ImportOptions(), no_progress)
    assert store.post(post.id).title == "Ours, the latest"
    titles = sorted(p.title for p in store.all_posts())
    assert titles == [
        "Ours, the latest",
        "Renamed here (conflict)",
        "Theirs, older (conflict)",
    ]
    assert (summary.added, summary.conflicts) == ([], 0)  # the third time: nothing new


def test_later_versions_come_in_and_diverged_ones_are_kept_beside(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter(range(1, 60))
    monkeypatch.setattr(
        store_module, "_now", lambda: f"2026-03-01T{next(clock):02d}:00:00.000000+00:00"
    )
    post = one_post(store, title="Original")
    save_copy(store, tmp_path / "colleague.cadence")
    theirs = CalendarStore.open(tmp_path / "colleague.cadence")

    def their_file(name: str) -> Path:
        path = tmp_path / name
        export_ics(theirs, path, ExportOptions(), no_progress)
        return path

    def titles() -> list[str]:
        return sorted(p.title for p in store.all_posts())

    # A later version of the colleague's copy: it comes in, nothing kept beside it.
    theirs.update_post(post.id, {"title": "Colleague's wording"})
    summary = import_ics(store, their_file("a.ics"), ImportOptions(), no_progress)
    assert (len(summary.previous), summary.conflicts) == (1, 0)
    assert titles() == ["Colleague's wording"]

    # Edited on both sides, theirs more often but earlier: ours stays, theirs is kept.
    for n in range(3):
        theirs.update_post(post.id, {"title": f"Colleague's draft {n}"})
    b = their_file("b.ics")
    store.update_post(post.id, {"title": "Our wording"})
    summary = import_ics(store, b, ImportOptions(), no_progress)
    assert (summary.previous, summary.conflicts, summary.kept_newer) == ([], 1, 0)
    assert titles() == ["Colleague's draft 2 (conflict)", "Our wording"]
    theirs.close()


def test_a_file_imported_into_a_new_calendar_then_its_next_version_comes_in_whole(
    store: CalendarStore, tmp_path: Path
) -> None:
    # A shares F1, edits the post, shares F2; B imports F1, then F2.
    post = one_post(store, title="First wording")
    export_ics(store, tmp_path / "f1.ics", ExportOptions(), no_progress)
    store.update_post(post.id, {"title": "Corrected wording"})
    export_ics(store, tmp_path / "f2.ics", ExportOptions(), no_progress)
    with CalendarStore.create(tmp_path / "b.cadence", timezone="Europe/Paris") as other:
        import_ics(other, tmp_path / "f1.ics", ImportOptions(), no_progress)
        summary = import_ics(other, tmp_path / "f2.ics", ImportOptions(), no_progress)
        assert (len(summary.previous), summary.conflicts, summary.kept_newer) == (1, 0, 0)
        assert [p.title for p in other.all_posts()] == ["Corrected wording"]
        # ...and F1 again afterwards is the older file it is.
        summary = import_ics(other, tmp_path / "f1.ics", ImportOptions(), no_progress)
        assert (summary.previous, summary.conflicts, summary.kept_newer) == ([], 0, 1)


def test_an_export_from_before_an_undo_brings_the_edit_back_without_a_copy(
    store: CalendarStore, tmp_path: Path
) -> None:
    post = one_post(store, title="Before")
    before = store.post(post.id)
    store.update_post(post.id, {"title": "After"})
    export_ics(store, tmp_path / "after.ics", ExportOptions(), no_progress)
    store.restore_posts([before])  # what undo does
    summary = import_ics(store, tmp_path / "after.ics", ImportOptions(), no_progress)
    assert (len(summary.previous), summary.conflicts) == (1, 0)
    assert [p.title for p in store.all_posts()] == ["After"]


@pytest.mark.parametrize(
    "edited",
    ["99999999999999999999/20260301T100000Z", "²/20260301T100000Z", "0/20260301T100000Z", "x"],
)
def test_a_mangled_version_record_is_read_as_absent(
    store: CalendarStore, tmp_path: Path, edited: str
) -> None:
    one_post(store, title="Launch post")
    path = tmp_path / "out.ics"
    export_ics(store, path, ExportOptions(), no_progress)
    text = re.sub(r"X-CADENCE-EDITED:[^\r\n]*", f"X-CADENCE-EDITED:{edited}", path.read_text())
    path.write_text(text.replace("SEQUENCE:0", "SEQUENCE:-5"))
    with CalendarStore.create(tmp_path / "other.cadence", timezone="Europe/Paris") as other:
        summary = import_ics(other, path, ImportOptions(), no_progress)
        (post,) = other.posts(summary.added)
        assert post.revision >= 1
        export_ics(other, tmp_path / "again.ics", ExportOptions(), no_progress)
        (event,) = parsed_events(tmp_path / "again.ics")
        assert int(event["SEQUENCE"]) >= 0


def test_a_version_stamped_in_the_future_does_not_block_the_next_ones(
    store: CalendarStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as wrong_clock:
        wrong_clock.setattr(store_module, "_now", lambda: "2099-01-01T00:00:00.000000+00:00")
        post = one_post(store, title="v1")
    path = tmp_path / "v1.ics"
    export_ics(store, path, ExportOptions(), no_progress)
    with CalendarStore.create(tmp_path / "b.cadence", timezone="Europe/Paris") as other:
        import_ics(other, path, ImportOptions(), no_progress)
        store.update_post(post.id, {"title": "v2"})  # the clock is right again
        export_ics(store, tmp_path / "v2.ics", ExportOptions(), no_progress)
        summary = import_ics(other, tmp_path / "v2.ics", ImportOptions(), no_progress)
        assert (len(summary.previous), summary.conflicts) == (1, 0)
        assert [p.title for p in other.all_posts()] == ["v2"]


# -- other programs' files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fallback", "made"),
    [("LinkedIn", ("social", 3000)), ("Newsletter", ("newsletter", None))],
)
def test_a_channel_an_import_makes_is_made_as_its_name_says(
    store: CalendarStore, fallback: str, made: tuple[str, int | None]
) -> None:
    """Google's events on a channel given by name: a LinkedIn made so had no limit (the
    publishing tools' exports named no post too long for it), a Newsletter was social."""
    import_file(store, FIXTURES / "google.ics", fallback=fallback)
    channel = store.channel_named(fallback)
    assert channel is not None
    assert (channel.kind, channel.char_limit) == made


def test_a_channel_a_cadence_file_describes_is_made_as_described(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A LinkedIn whose limit was taken away stays without one in the calendar made of
    its export: the file's word over the platform's."""
    channel = store.add_channel("LinkedIn", char_limit=None).created[0]
    store.add_post(NewPost(title="Long read", channel_id=channel, date=date(2026, 12, 7)))
    export_ics(store, tmp_path / "out.ics", ExportOptions(), no_progress)
    other = CalendarStore.create(tmp_path / "other.cadence")
    try:
        import_file(other, tmp_path / "out.ics", create_missing=True)
        made = other.channel_named("LinkedIn")
        assert made is not None
        assert made.char_limit is None
    finally:
        other.close()


def test_google_calendar_file(planned: CalendarStore) -> None:
    added, _, _, skipped = import_file(planned, FIXTURES / "google.ics", fallback="Google Calendar")
    g = "Google Calendar"
    assert rows(planned) == [
        ("2026-01-05", "09:30", "Weekly round-up", g, (), "published"),
        ("2026-01-13", "11:00", "Weekly round-up (moved)", g, (), "published"),
        ("2026-01-26", "09:30", "Weekly round-up", g, (), "scheduled"),
        ("2026-02-02", "09:30", "Weekly round-up", g, (), "scheduled"),
        ("2026-02-10", "17:00", "Podcast recording", g, (), "cancelled"),
        ("2026-03-16", None, "Spring newsletter goes out", g, (), "scheduled"),
        ("2026-03-20", "14:00", "Webinar with the product team", g, (), "draft"),
        ("2026-04-01", None, "Trade fair in Lyon", g, (), "scheduled"),
    ]
    assert (added, skipped) == (8, [])
    (first,) = [p for p in planned.all_posts() if p.date == date(2026, 1, 5)]
    assert (
        first.body == "Weekly round-up of the newsroom, for LinkedIn.\nDraft in the shared folder."
    )


def test_recurring_events_expand_with_exdate_and_override_into_posts_of_their_own(
    planned: CalendarStore,
) -> None:
    import_file(planned, FIXTURES / "google.ics", fallback="Google Calendar")
    source = "5q8v2k1m3n4b6c7x9z0a1s2d3f@google.com"
    series = sorted(
        (p.recurrence_id or "", p.uid, p.date, p.title)
        for p in planned.all_posts()
        if p.source_uid == source
    )
    assert series == [
        (
            "20260105T083000Z",
            occurrence_uid(source, "20260105T083000Z"),
            date(2026, 1, 5),
            "Weekly round-up",
        ),
        (
            "20260112T083000Z",
            occurrence_uid(source, "20260112T083000Z"),
            date(2026, 1, 13),
            "Weekly round-up (moved)",
        ),
        (
            "20260126T083000Z",
            occurrence_uid(source, "20260126T083000Z"),
            date(2026, 1, 26),
            "Weekly round-up",
        ),
        (
            "20260202T083000Z",
            occurrence_uid(source, "20260202T083000Z"),
            date(2026, 2, 2),
            "Weekly round-up",
        ),
    ]
    # A single event keeps its own UID as the post's uid.
    assert planned.post_by_uid("2r7t9y1u3i5o7p9a2s4d6f8g0h@google.com").title == (
        "Spring newsletter goes out"
    )


WEEKLY_TIP = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
DTSTART;TZID=Europe/Paris:{day}T{at}
DTEND;TZID=Europe/Paris:{day}T{end}
RRULE:FREQ=WEEKLY;BYDAY={weekday};COUNT=4{exdate}
DTSTAMP:{stamp}
LAST-MODIFIED:{stamp}
UID:weekly-tip@google.com
SUMMARY:Weekly tip
END:VEVENT
END:VCALENDAR
"""


def _weekly_tip(folder: Path, name: str, **changes: str) -> Path:
    fields = {
        "day": "20261102",
        "at": "090000",
        "end": "093000",
        "weekday": "MO",
        "exdate": "",
        "stamp": "20261101T000000Z",
    }
    path = folder / name
    path.write_text(WEEKLY_TIP.format(**(fields | changes)))
    return path


def test_a_series_moved_all_at_once_elsewhere_moves_the_posts_it_made_here(
    tmp_path: Path,
) -> None:
    """Google's "all events" at 10:00, then on Tuesdays: every RECURRENCE-ID moves with
    the rule's start. The posts imported before move, keeping the key messages given
    here (each was cancelled, and an untagged copy added: the message lost every
    delivery)."""
    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as store:
        message = store.add_key_message("Made in Europe", starts_on=date(2026, 10, 1)).created[0]
        import_file(
            store, _weekly_tip(tmp_path, "v1.ics"), fallback="LinkedIn", create_missing=True
        )
        posts = store.imported_occurrences("weekly-tip@google.com")
        store.update_posts({p.id: {"message_ids": (message,)} for p in posts})
        ids = sorted(p.id for p in posts)

        later = _weekly_tip(tmp_path, "v2.ics", at="100000", end="103000", stamp="20261103T000000Z")
        assert import_file(store, later)[:3] == (0, 4, 0)
        after = sorted(store.all_posts(), key=lambda p: p.id)
        assert [p.id for p in after] == ids
        assert {(p.time, p.message_ids, p.status) for p in after} == {
            (time(10, 0), (message,), PostStatus.SCHEDULED)
        }
        assert [p.date for p in after] == [date(2026, 11, d) for d in (2, 9, 16, 23)]
        assert import_file(store, later)[:3] == (0, 0, 4)  # the same file again: no change

        tuesdays = _weekly_tip(
            tmp_path,
            "v3.ics",
            day="20261103",
            weekday="TU",
            at="100000",
            end="103000",
            stamp="20261104T000000Z",
        )
        assert import_file(store, tuesdays)[:3] == (0, 4, 0)
        after = sorted(store.all_posts(), key=lambda p: p.id)
        assert [p.date for p in after] == [date(2026, 11, d) for d in (3, 10, 17, 24)]
        assert all(p.message_ids == (message,) for p in after)


def test_a_series_moved_all_at_once_after_it_began_moves_its_posts_gone_out_too(
    tmp_path: Path,
) -> None:
    """Google's "all events" at 10:00 for a series half gone by: its posts published here
    kept every other from moving; each past one got a published twin at 10:00, and each
    to come was cancelled beside a new one without the key message given here."""
    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as store:
        message = store.add_key_message("Made in Europe", starts_on=date(2026, 10, 1)).created[0]
        options = ImportOptions(fallback_channel="LinkedIn", create_missing=True)
        began = date(2026, 11, 12)  # two of its four gone by

        def confirmed(path: Path) -> Path:  # as Google writes it: gone by, published
            path.write_text(path.read_text().replace("SUMMARY:", "STATUS:CONFIRMED\nSUMMARY:"))
            return path

        first = confirmed(_weekly_tip(tmp_path, "v1.ics"))
        import_ics(store, first, options, no_progress, today=began)
        posts = store.imported_occurrences("weekly-tip@google.com")
        store.update_posts({p.id: {"message_ids": (message,)} for p in posts})
        before = {p.id: p for p in store.all_posts()}
        assert sorted(p.status for p in before.values()) == sorted(
            [PostStatus.PUBLISHED] * 2 + [PostStatus.SCHEDULED] * 2
        )
        later = confirmed(
            _weekly_tip(tmp_path, "v2.ics", at="100000", end="103000", stamp="20261113T000000Z")
        )
        summary = import_ics(store, later, options, no_progress, today=began)
        assert (len(summary.added), len(summary.previous), summary.withdrawn) == (0, 4, 0)
        after = {p.id: p for p in store.all_posts()}
        assert after.keys() == before.keys()
        for post_id, post in after.items():
            assert (post.date, post.status) == (before[post_id].date, before[post_id].status)
            assert (post.time, post.message_ids) == (time(10, 0), (message,))
        again = import_ics(store, later, options, no_progress, today=began)
        assert (len(again.added), len(again.previous), again.unchanged) == (0, 0, 4)


SPLIT_HEAD = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
DTSTART;TZID=Europe/Paris:20261102T090000
DTEND;TZID=Europe/Paris:20261102T093000
RRULE:FREQ=WEEKLY;BYDAY=MO;{end}
DTSTAMP:{stamp}
LAST-MODIFIED:{stamp}
UID:weekly-tip@google.com
SUMMARY:Weekly tip
END:VEVENT
"""

SPLIT_TAIL = """BEGIN:VEVENT
DTSTART;TZID=Europe/Paris:20261130T100000
DTEND;TZID=Europe/Paris:20261130T103000
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4
DTSTAMP:20261103T000000Z
LAST-MODIFIED:20261103T000000Z
UID:weekly-tip_R20261130T080000@google.com
SUMMARY:Weekly tip
END:VEVENT
"""


def test_a_series_split_in_google_moves_the_following_posts_it_made_here(
    tmp_path: Path,
) -> None:
    """Google's "this and following" at 10:00: the event ends there and the following
    become an event of their own (its UID the first's, "_R" and its day). Those posts
    were cancelled here and made anew without the key messages given them here."""
    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as store:
        message = store.add_key_message("Made in Europe", starts_on=date(2026, 10, 1)).created[0]
        whole = tmp_path / "v1.ics"
        whole.write_text(
            SPLIT_HEAD.format(end="COUNT=8", stamp="20261101T000000Z") + "END:VCALENDAR\n"
        )
        import_file(store, whole, fallback="LinkedIn", create_missing=True)
        posts = store.imported_occurrences("weekly-tip@google.com")
        store.update_posts({p.id: {"message_ids": (message,)} for p in posts})
        before = {p.id: p for p in store.all_posts()}
        assert len(before) == 8

        split = tmp_path / "v2.ics"
        head = SPLIT_HEAD.format(end="UNTIL=20261129T225959Z", stamp="20261103T000000Z")
        split.write_text(head + SPLIT_TAIL + "END:VCALENDAR\n")
        options = ImportOptions(fallback_channel="LinkedIn")
        summary = import_ics(store, split, options, no_progress, today=TODAY)
        assert (len(summary.added), summary.withdrawn) == (0, 0)
        after = {p.id: p for p in store.all_posts()}
        assert after.keys() == before.keys()
        assert all(p.message_ids == (message,) for p in after.values())
        times = sorted((p.date, p.time) for p in after.values())
        assert [t for _, t in times] == [time(9, 0)] * 4 + [time(10, 0)] * 4
        again = import_ics(store, split, options, no_progress, today=TODAY)
        assert (len(again.added), len(again.previous), again.withdrawn) == (0, 0, 0)


@pytest.mark.parametrize("how", ["split", "all at once"])
def test_a_series_without_end_moved_in_google_moves_its_posts_and_adds_those_past_them(
    tmp_path: Path, how: str
) -> None:
    """Most of Google's series have no end: read up to a year from their first day (or
    today), the part split off, or the file of a week later, reached further than the
    posts imported before. None was paired: every post cancelled and made anew, untagged."""
    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as store:
        message = store.add_key_message("Made in Europe", starts_on=date(2026, 10, 1)).created[0]
        options = ImportOptions(fallback_channel="LinkedIn", create_missing=True)
        first_day = date(2026, 11, 1)
        whole = tmp_path / "v1.ics"
        whole.write_text(
            SPLIT_HEAD.format(end="WKST=MO", stamp="20261101T000000Z") + "END:VCALENDAR\n"
        )
        import_ics(store, whole, options, no_progress, today=first_day)
        posts = store.imported_occurrences("weekly-tip@google.com")
        store.update_posts({p.id: {"message_ids": (message,)} for p in posts})
        before = {p.id: p for p in store.all_posts()}
        later = tmp_path / "v2.ics"
        if how == "split":
            head = SPLIT_HEAD.format(end="UNTIL=20261129T225959Z", stamp="20261103T000000Z")
            later.write_text(head + SPLIT_TAIL.replace(";COUNT=4", "") + "END:VCALENDAR\n")
            moved_from = date(2026, 11, 30)
        else:
            at_ten = SPLIT_HEAD.format(end="WKST=MO", stamp="20261103T000000Z")
            later.write_text(
                at_ten.replace("T090000", "T100000").replace("T093000", "T103000")
                + "END:VCALENDAR\n"
            )
            moved_from = date(2026, 11, 2)
        summary = import_ics(
            store, later, options, no_progress, today=first_day + timedelta(days=7)
        )
        assert summary.withdrawn == 0
        assert len(summary.added) >= 1  # the weeks past those read before
        after = {p.id: p for p in store.all_posts()}
        assert before.keys() <= after.keys()
        for post_id in before:
            post = after[post_id]
            assert post.message_ids == (message,)
            assert post.status != PostStatus.CANCELLED
            assert post.time == (
                time(10, 0) if post.date and post.date >= moved_from else time(9, 0)
            )


def test_one_post_of_a_series_is_no_step_to_move_it_by(tmp_path: Path) -> None:
    """A series of one occurrence, then of two at 10:00: one post gives no step to read
    (it was paired with the nearest): it is withdrawn, the two come in."""
    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as store:
        options = ImportOptions(fallback_channel="LinkedIn", create_missing=True)
        once = tmp_path / "v1.ics"
        once.write_text(
            SPLIT_HEAD.format(end="COUNT=1", stamp="20261101T000000Z") + "END:VCALENDAR\n"
        )
        import_ics(store, once, options, no_progress, today=TODAY)
        twice = tmp_path / "v2.ics"
        later = SPLIT_HEAD.format(end="COUNT=2", stamp="20261103T000000Z")
        twice.write_text(later.replace("T090000", "T100000") + "END:VCALENDAR\n")
        summary = import_ics(store, twice, options, no_progress, today=TODAY)
        assert (len(summary.added), summary.withdrawn) == (2, 1)


def test_a_series_moved_as_one_occurrence_is_taken_out_moves_the_others(
    tmp_path: Path,
) -> None:
    """One occurrence taken out as the others move to 10:00: the others move by the one
    same step, keeping what was given them here, and the one taken out is cancelled
    (all four were cancelled, and three new posts made without their key messages)."""
    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as store:
        message = store.add_key_message("Made in Europe", starts_on=date(2026, 10, 1)).created[0]
        import_file(
            store, _weekly_tip(tmp_path, "v1.ics"), fallback="LinkedIn", create_missing=True
        )
        posts = store.imported_occurrences("weekly-tip@google.com")
        store.update_posts({p.id: {"message_ids": (message,)} for p in posts})
        changed = _weekly_tip(
            tmp_path,
            "v2.ics",
            at="100000",
            end="103000",
            exdate="\nEXDATE;TZID=Europe/Paris:20261109T100000",
            stamp="20261103T000000Z",
        )
        options = ImportOptions(fallback_channel="LinkedIn")
        summary = import_ics(store, changed, options, no_progress, today=TODAY)
        assert (len(summary.added), summary.withdrawn) == (0, 1)
        after = {p.date: p for p in store.all_posts()}
        assert sorted(p.id for p in after.values()) == sorted(p.id for p in posts)
        assert after[date(2026, 11, 9)].status == PostStatus.CANCELLED
        for day in (2, 16, 23):
            moved = after[date(2026, 11, day)]
            assert (moved.time, moved.status, moved.message_ids) == (
                time(10, 0),
                PostStatus.SCHEDULED,
                (message,),
            )


def test_a_series_moved_with_an_occurrence_cancelled_there_moves_them_all(
    tmp_path: Path,
) -> None:
    """Google writes an occurrence deleted there as a cancelled override, and moves it
    with the others: it was left out of the pairing, nothing was paired, and every post
    was cancelled beside an untagged copy (the message's deliveries all lost)."""

    def with_cancelled(name: str, at: str, end: str, stamp: str) -> Path:
        path = _weekly_tip(tmp_path, name, at=at, end=end, stamp=stamp)
        override = (
            "BEGIN:VEVENT\n"
            f"DTSTART;TZID=Europe/Paris:20261109T{at}\n"
            f"DTEND;TZID=Europe/Paris:20261109T{end}\n"
            f"RECURRENCE-ID;TZID=Europe/Paris:20261109T{at}\n"
            "STATUS:CANCELLED\n"
            f"DTSTAMP:{stamp}\nLAST-MODIFIED:{stamp}\n"
            "UID:weekly-tip@google.com\nSUMMARY:Weekly tip\nEND:VEVENT\n"
        )
        path.write_text(path.read_text().replace("END:VCALENDAR", override + "END:VCALENDAR"))
        return path

    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as store:
        message = store.add_key_message("Made in Europe", starts_on=date(2026, 10, 1)).created[0]
        first = with_cancelled("v1.ics", "090000", "093000", "20261101T000000Z")
        import_file(store, first, fallback="LinkedIn", create_missing=True)
        posts = store.all_posts()
        assert len(posts) == 4
        store.update_posts({p.id: {"message_ids": (message,)} for p in posts})
        moved = with_cancelled("v2.ics", "100000", "103000", "20261103T000000Z")
        options = ImportOptions(fallback_channel="LinkedIn")
        summary = import_ics(store, moved, options, no_progress, today=TODAY)
        assert (len(summary.added), summary.withdrawn) == (0, 0)
        after = {p.date: p for p in store.all_posts()}
        assert sorted(p.id for p in after.values()) == sorted(p.id for p in posts)
        assert {p.time for p in after.values()} == {time(10, 0)}
        assert all(p.message_ids == (message,) for p in after.values())
        assert after[date(2026, 11, 9)].status == PostStatus.CANCELLED
        assert [after[date(2026, 11, d)].status for d in (2, 16, 23)] == [PostStatus.SCHEDULED] * 3


def test_an_occurrence_taken_out_as_another_is_added_is_no_move(tmp_path: Path) -> None:
    """One occurrence deleted there (EXDATE) and the series made one week longer: one
    new occurrence, one gone, one step between them, but the others stayed. The deleted
    one is cancelled and the new one added (the deleted one moved to the new day)."""
    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as store:
        import_file(
            store, _weekly_tip(tmp_path, "v1.ics"), fallback="LinkedIn", create_missing=True
        )
        (deleted,) = [p for p in store.all_posts() if p.date == date(2026, 11, 9)]
        longer = _weekly_tip(
            tmp_path,
            "v2.ics",
            exdate="\nEXDATE;TZID=Europe/Paris:20261109T090000",
            stamp="20261103T000000Z",
        ).read_text()
        path = tmp_path / "v2.ics"
        path.write_text(longer.replace("COUNT=4", "COUNT=5"))
        options = ImportOptions(fallback_channel="LinkedIn")
        summary = import_ics(store, path, options, no_progress, today=TODAY)
        assert (len(summary.added), summary.withdrawn) == (1, 1)
        assert store.post(deleted.id).status == PostStatus.CANCELLED
        assert store.post(deleted.id).date == date(2026, 11, 9)


def test_an_occurrence_the_source_takes_out_is_cancelled_on_reimport(
    planned: CalendarStore, tmp_path: Path
) -> None:
    import_file(planned, FIXTURES / "google.ics", fallback="Google Calendar")
    source = "5q8v2k1m3n4b6c7x9z0a1s2d3f@google.com"
    (gone,) = [p for p in planned.imported_occurrences(source) if p.date == date(2026, 1, 26)]
    assert gone.status != PostStatus.CANCELLED
    # Google deletes one occurrence by adding an EXDATE (and shortens the series).
    text = (FIXTURES / "google.ics").read_text()
    text = text.replace(
        "EXDATE;TZID=Europe/Paris:20260119T093000",
        "EXDATE;TZID=Europe/Paris:20260119T093000,20260126T093000",
    )
    edited = tmp_path / "google-edited.ics"
    edited.write_text(text)

    summary = import_ics(planned, edited, ImportOptions(), no_progress, today=TODAY)

    assert summary.withdrawn == 1
    assert summary.previous == [gone]  # undo puts it back as it was
    assert "1 occurrence the file no longer has cancelled" in summary.describe()
    assert planned.post(gone.id).status == PostStatus.CANCELLED
    others = [p for p in planned.imported_occurrences(source) if p.id != gone.id]
    assert all(p.status != PostStatus.CANCELLED for p in others)
    # Importing the edited file again changes nothing more.
    again = import_ics(planned, edited, ImportOptions(), no_progress, today=TODAY)
    assert (again.withdrawn, again.previous, again.added) == (0, [], [])

    # "This and following" ends the series sooner: the occurrences past its new end
    # go too (the one moved to 13 January is an event of its own and stays), except
    # one that went out.
    (last,) = [p for p in others if p.date == date(2026, 2, 2)]
    planned.update_post(last.id, {"status": PostStatus.PUBLISHED})
    shorter = tmp_path / "google-shorter.ics"
    shorter.write_text(text.replace("UNTIL=20260202T083000Z", "UNTIL=20260105T083000Z"))
    summary = import_ics(planned, shorter, ImportOptions(), no_progress, today=TODAY)
    assert summary.withdrawn == 0
    assert planned.post(last.id).status == PostStatus.PUBLISHED
    planned.update_post(last.id, {"status": PostStatus.SCHEDULED})
    summary = import_ics(planned, shorter, ImportOptions(), no_progress, today=TODAY)
    assert summary.withdrawn == 1
    live = [p for p in planned.imported_occurrences(source) if p.status != PostStatus.CANCELLED]
    assert sorted(str(p.date) for p in live) == ["2026-01-05", "2026-01-13"]


def test_outlook_file_with_windows_zone_names(planned: CalendarStore) -> None:
    added, _, _, skipped = import_file(planned, FIXTURES / "outlook.ics")
    assert rows(planned) == [
        ("2026-03-02", "09:00", "Press release: Q1 results", "Press", ("Made here",), "scheduled"),
        ("2026-03-04", "14:00", "Blog post: customer story", "Blog", (), "scheduled"),
        (
            "2026-03-06",
            None,
            "International Women's Day campaign",
            "LinkedIn",
            ("We listen",),
            "scheduled",
        ),
        # 10:00 in New York is 15:00 in Paris: the US moved its clocks on March 8, France
        # only on March 29.
        ("2026-03-10", "15:00", "Investor call (New York)", "Press", (), "scheduled"),
        # Weekly at 09:00 W. Europe time: still 09:00 after the change of March 29.
        ("2026-03-19", "09:00", "Newsletter send", "Newsletter", (), "scheduled"),
        ("2026-03-26", "09:00", "Newsletter send", "Newsletter", (), "scheduled"),
        ("2026-04-02", "09:00", "Newsletter send", "Newsletter", (), "scheduled"),
    ]
    assert added == 7
    assert skipped == [
        "line 127: 'Internal town hall' names no channel of this calendar;"
        " choose a channel for the events that name none (on the command line, --channel)"
    ]
    (press,) = [p for p in planned.all_posts() if p.title.startswith("Press release")]
    # Without the line end Outlook adds after every text (the publishing tools' files
    # sent it, and the editor counted it).
    assert press.body == (
        "Quarterly results press release. Embargo until 09:00 Paris time. Contact the press"
        " office before replying to any journalist."
    )
    # The same file again, the post retitled here meanwhile: no change, no conflict copy
    # (its text now without the line end the file has still).
    planned.update_post(press.id, {"title": "Press release: Q1 results (approved)"})
    again = import_file(planned, FIXTURES / "outlook.ics")
    assert again[:2] == (0, 0)
    assert planned.post(press.id).title == "Press release: Q1 results (approved)"
    assert not any(p.title.endswith("(conflict)") for p in planned.all_posts())


def test_outlook_customized_time_zone_and_a_new_channel_from_an_unknown_category(
    planned: CalendarStore,
) -> None:
    summary = import_ics(
        planned,
        FIXTURES / "outlook.ics",
        ImportOptions(create_missing=True),
        no_progress,
        today=TODAY,
    )
    intranet = planned.channel_named("Intranet")
    assert intranet is not None
    assert summary.channels_added == [intranet.id]
    assert ("2026-03-05", "16:00", "Internal town hall", "Intranet", (), "scheduled") in rows(
        planned
    )
    assert summary.skipped == []


def test_thunderbird_file(planned: CalendarStore) -> None:
    added, _, _, skipped = import_file(planned, FIXTURES / "thunderbird.ics")
    monthly = [
        (
            date(2026 + (m - 1) // 12, (m - 1) % 12 + 1, 1).isoformat(),
            None,
            "Monthly newsletter",
            "Newsletter",
            ("Made here", "We listen"),
            "scheduled",
        )
        for m in range(1, 14)
    ]
    workshop = (
        "2026-02-12",
        "14:00",
        "Behind the scenes at the workshop",
        "Blog",
        ("We listen",),
        "draft",
    )
    # The endless monthly rule stops a year after the import day (2027-01-20).
    assert rows(planned) == sorted([*monthly, workshop])
    assert added == 14
    assert skipped == [
        "line 53: 'Team lunch' names no channel of this calendar; "
        "choose a channel for the events that name none (on the command line, --channel)",
        "line 65: a to-do (VTODO) is not an event; not imported",
    ]


def test_apple_calendar_file(planned: CalendarStore) -> None:
    import_file(planned, FIXTURES / "apple.ics", fallback="Instagram")
    i = "Instagram"
    assert rows(planned) == [
        ("2026-03-10", "14:00", "Podcast teaser", i, (), "scheduled"),
        ("2026-04-15", "15:00", "Instagram launch carousel", i, (), "scheduled"),
        ("2026-04-17", "02:30", "Late show clip", i, (), "scheduled"),
        ("2026-04-20", None, "Launch day", i, (), "scheduled"),
    ]
    carousel = planned.post_by_uid("3E5B8F52-9C1A-4B7D-8E2F-6A1B2C3D4E5F")
    assert (carousel.body, carousel.link) == (
        "Carousel for the launch.",
        "https://example.com/launch",
    )


def test_daylight_saving_edges_and_utc_times(planned: CalendarStore) -> None:
    import_file(planned, FIXTURES / "dst_edges.ics")
    times = sorted((r[0], r[1] or "", r[2]) for r in rows(planned))
    daily = "New York 09:00 every day across the US change"
    assert times == [
        ("2026-03-06", "15:00", daily),
        ("2026-03-07", "15:00", daily),
        # A time the clocks skip reads with the offset before the change (RFC 5545).
        ("2026-03-08", "08:30", "New York 02:30 on the spring-forward day (does not exist)"),
        ("2026-03-08", "14:00", daily),
        ("2026-03-09", "14:00", daily),
        ("2026-03-29", "01:30", "UTC 00:30 before the Paris gap"),
        ("2026-03-29", "03:00", "UTC 01:00 just after the Paris gap"),
        ("2026-03-29", "03:30", "Paris 02:30 on the spring-forward day (does not exist)"),
        ("2026-06-01", "10:00", "Floating 10:00"),
        # A time that happens twice is the first one (RFC 5545); two UTC moments an hour
        # apart both read 02:30 on the Paris wall clock.
        ("2026-10-25", "02:30", "Paris 02:30 on the fall-back day (happens twice)"),
        ("2026-10-25", "02:30", "UTC 00:30 on the Paris fall-back day"),
        ("2026-10-25", "02:30", "UTC 01:30 on the Paris fall-back day"),
        ("2026-11-01", "06:30", "New York 01:30 on the fall-back day (happens twice)"),
        ("2027-01-01", "00:30", "UTC 23:30 on New Year's Eve"),
    ]


@pytest.mark.parametrize("name", ["google", "outlook", "thunderbird", "apple", "dst_edges"])
def test_each_fixture_imported_twice_changes_nothing(planned: CalendarStore, name: str) -> None:
    added, _, _, _ = import_file(planned, FIXTURES / f"{name}.ics", fallback="Imported")
    before = planned.all_posts()
    assert import_file(planned, FIXTURES / f"{name}.ics", fallback="Imported")[:3] == (0, 0, added)
    assert planned.all_posts() == before


def test_what_was_added_here_survives_a_reimport_and_an_edit_there_comes_in(
    planned: CalendarStore, tmp_path: Path
) -> None:
    import_file(planned, FIXTURES / "google.ics", fallback="Google Calendar")
    listen = planned.key_message_titled("We listen")
    assert listen is not None
    fair = planned.post_by_uid("9a8s7d6f5g4h3j2k1l0p9o8i7u@google.com")
    planned.update_post(
        fair.id,
        {"message_ids": (listen.id,), "notes": "Book the stand", "status": PostStatus.PUBLISHED},
    )
    text = (FIXTURES / "google.ics").read_text()
    text = text.replace("SUMMARY:Trade fair in Lyon", "SUMMARY:Trade fair in Lyon (hall 4)")
    edited = write_ics(tmp_path / "edited.ics", text.splitlines())

    added, updated, unchanged, _ = import_file(planned, edited, fallback="Google Calendar")

    assert (added, updated, unchanged) == (0, 1, 7)
    fair = planned.post(fair.id)
    assert (fair.title, fair.message_ids, fair.notes, fair.status) == (
        "Trade fair in Lyon (hall 4)",
        (listen.id,),
        "Book the stand",
        PostStatus.PUBLISHED,
    )


@pytest.mark.parametrize(
    ("rdate", "expected"),
    [
        ("RDATE;VALUE=PERIOD:20271209T140000Z/PT1H", "15:00"),  # as Notes writes them
        ("RDATE;VALUE=PERIOD;TZID=America/New_York:20271209T090000/PT1H", "15:00"),
        ("RDATE:20271209T140000Z", "15:00"),
    ],
)
def test_an_extra_date_as_a_period_in_utc_keeps_its_moment(
    planned: CalendarStore, tmp_path: Path, rdate: str, expected: str
) -> None:
    """14:00Z was read as 14:00 in the event's own zone (New York): 20:00 in Paris."""
    lines = [
        *HEADER,
        "BEGIN:VEVENT",
        "UID:recap@example.com",
        "DTSTAMP:20261207T020000Z",
        "DTSTART;TZID=America/New_York:20271202T090000",
        rdate,
        "SUMMARY:US call recap",
        "CATEGORIES:LinkedIn",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    import_file(planned, write_ics(tmp_path / "notes.ics", lines))
    assert [(r[0], r[1]) for r in rows(planned)] == [
        ("2027-12-02", "15:00"),
        ("2027-12-09", expected),
    ]


def test_rdate_exdate_and_categories_in_any_case(planned: CalendarStore, tmp_path: Path) -> None:
    lines = [
        *HEADER,
        "BEGIN:VEVENT",
        "UID:tips@example.com",
        "DTSTAMP:20260101T000000Z",
        "DTSTART;TZID=America/New_York:20260302T120000",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RDATE;TZID=Europe/Paris:20260304T180000",
        "RDATE:20260320T170000Z",
        "EXDATE;VALUE=DATE:20260309",
        "SUMMARY:Lunchtime tip",
        "CATEGORIES:made HERE,linkedin,we listen",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    import_file(planned, write_ics(tmp_path / "tips.ics", lines))
    assert rows(planned) == [
        (
            "2026-03-02",
            "18:00",
            "Lunchtime tip",
            "LinkedIn",
            ("Made here", "We listen"),
            "scheduled",
        ),
        (
            "2026-03-04",
            "18:00",
            "Lunchtime tip",
            "LinkedIn",
            ("Made here", "We listen"),
            "scheduled",
        ),
        (
            "2026-03-16",
            "17:00",
            "Lunchtime tip",
            "LinkedIn",
            ("Made here", "We listen"),
            "scheduled",
        ),
        (
            "2026-03-20",
            "18:00",
            "Lunchtime tip",
            "LinkedIn",
            ("Made here", "We listen"),
            "scheduled",
        ),
    ]
    assert sorted(p.recurrence_id or "" for p in planned.all_posts()) == [
        "20260302T170000Z",
        "20260304T170000Z",
        "20260316T160000Z",
        "20260320T170000Z",
    ]


def test_a_start_off_the_rule_is_the_first_of_its_count(
    planned: CalendarStore, tmp_path: Path
) -> None:
    # RFC 5545: DTSTART always counts as the first occurrence, also toward COUNT.
    lines = [
        *HEADER,
        *vevent(
            "off@example.com",
            "DTSTART;VALUE=DATE:20261203",  # a Thursday
            "Mondays",
            "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3",
        ),
        *vevent(
            "on@example.com",
            "DTSTART;VALUE=DATE:20261207",  # a Monday: on the rule
            "On the rule",
            "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3",
        ),
        "END:VCALENDAR",
    ]
    added, _, _, skipped = import_file(planned, write_ics(tmp_path / "count.ics", lines))
    assert (added, skipped) == (6, [])
    days: dict[str, list[date]] = {}
    for post in planned.all_posts():
        assert post.date is not None
        days.setdefault(post.title, []).append(post.date)
    assert sorted(days["Mondays"]) == [date(2026, 12, 3), date(2026, 12, 7), date(2026, 12, 14)]
    assert sorted(days["On the rule"]) == [date(2026, 12, d) for d in (7, 14, 21)]


def test_an_endless_rule_that_starts_later_stops_a_year_after_its_start(
    planned: CalendarStore, tmp_path: Path
) -> None:
    lines = [
        *HEADER,
        *vevent(
            "later@example.com", "DTSTART;VALUE=DATE:20270615", "Monthly", "RRULE:FREQ=MONTHLY"
        ),
        "END:VCALENDAR",
    ]
    added, _, _, skipped = import_file(planned, write_ics(tmp_path / "later.ics", lines))
    days = [p.date for p in planned.all_posts()]
    assert (added, skipped) == (13, [])
    assert (days[0], days[-1]) == (date(2027, 6, 15), date(2028, 6, 15))


def test_a_rule_with_too_many_occurrences_is_capped_and_says_so(
    planned: CalendarStore, tmp_path: Path
) -> None:
    lines = [
        *HEADER,
        *vevent(
            "daily@example.com",
            "DTSTART;VALUE=DATE:20260101",
            "Daily",
            "RRULE:FREQ=DAILY;COUNT=1500",
        ),
        "END:VCALENDAR",
    ]
    added, _, _, skipped = import_file(planned, write_ics(tmp_path / "daily.ics", lines))
    assert added == 1000
    assert skipped == [
        "line 4: 'Daily' repeats more than 1000 times; occurrences after 2028-09-26 were not"
        " imported"
    ]


NEWSLETTER_SINCE_2005 = vevent(
    "weekly@example.com",
    "DTSTART;TZID=Europe/Paris:20050103T080000",
    "Newsletter",
    "RRULE:FREQ=WEEKLY;BYDAY=MO",
)
"""A weekly newsletter without end, begun long before the thousand occurrences a series
holds."""


def test_a_series_begun_long_ago_keeps_its_occurrences_from_a_year_ago_on(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """A weekly newsletter since 2005 with no end brought its first thousand Mondays,
    up to 2024, and nothing of this year or ahead; importing again later read the same."""
    lines = [
        *HEADER,
        *NEWSLETTER_SINCE_2005,
        *vevent(
            "daily@example.com",
            "DTSTART;VALUE=DATE:20200101",
            "Daily",
            "RRULE:FREQ=DAILY;UNTIL=20301231",
        ),
        "END:VCALENDAR",
    ]
    added, _, _, skipped = import_file(planned, write_ics(tmp_path / "long.ics", lines))
    assert added == 2000
    weekly = sorted(p.date for p in planned.all_posts() if p.title == "Newsletter" and p.date)
    daily = sorted(p.date for p in planned.all_posts() if p.title == "Daily" and p.date)
    # Up to a year ahead (Monday 18 January 2027), the thousand Mondays before it.
    assert (weekly[0], weekly[-1]) == (date(2007, 11, 26), date(2027, 1, 18))
    # From a year ago (366 days: 19 January 2025) on, as many as a series holds.
    assert (daily[0], daily[-1]) == (date(2025, 1, 19), date(2027, 10, 15))
    assert skipped == [
        "line 4: 'Newsletter' repeats more than 1000 times; occurrences before"
        " 2007-11-26 08:00 were not imported",
        "line 12: 'Daily' repeats more than 1000 times; occurrences before 2025-01-19 and"
        " after 2027-10-15 were not imported",
    ]


def test_a_series_begun_long_ago_imported_again_a_year_later_cancels_none_it_left(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """A year on, the thousand occurrences read start a year later: those before them,
    still in the file, are no occurrences it dropped."""
    lines = [
        *HEADER,
        *NEWSLETTER_SINCE_2005,
        # One Monday of 2006 moved a day: an occurrence of those left out, left out too
        # (it made the occurrences read start in 2006, and 52 Mondays were cancelled).
        *vevent(
            "weekly@example.com",
            "DTSTART;TZID=Europe/Paris:20060606T080000",
            "Newsletter",
            "RECURRENCE-ID;TZID=Europe/Paris:20060605T080000",
        ),
        "END:VCALENDAR",
    ]
    path = write_ics(tmp_path / "long.ics", lines)
    for today in (TODAY, TODAY + timedelta(days=365)):
        import_ics(planned, path, ImportOptions(), no_progress, today=today)
    posts = [p for p in planned.all_posts() if p.title == "Newsletter"]
    assert [p for p in posts if p.status == PostStatus.CANCELLED] == []
    assert len(posts) == 1052  # a year of Mondays more
    assert max(p.date for p in posts if p.date) == date(2028, 1, 17)
    assert min(p.date for p in posts if p.date) == date(2007, 11, 26)


def test_the_first_mondays_of_a_series_without_end_taken_out_there_are_cancelled_here(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Google's "every Monday" with its first Monday deleted, or its start moved a week
    on: the Mondays it no longer has stayed scheduled here (those before the first one
    read were taken for occurrences left out)."""
    rule = ("weekly@example.com", "DTSTART;TZID=Europe/Paris:20260105T090000", "Tips")
    first = [*HEADER, *vevent(*rule, "RRULE:FREQ=WEEKLY;BYDAY=MO"), "END:VCALENDAR"]
    import_file(planned, write_ics(tmp_path / "tips.ics", first))
    deleted = [
        *HEADER,
        *vevent(*rule, "RRULE:FREQ=WEEKLY;BYDAY=MO", "EXDATE;TZID=Europe/Paris:20260105T090000"),
        "END:VCALENDAR",
    ]
    import_file(planned, write_ics(tmp_path / "tips.ics", deleted))
    statuses = {p.date: p.status for p in planned.all_posts() if p.title == "Tips"}
    assert statuses[date(2026, 1, 5)] == PostStatus.CANCELLED
    assert statuses[date(2026, 1, 12)] == PostStatus.SCHEDULED
    # An invitation's file of one changed occurrence, without the rule: it says nothing
    # of the others (every Monday before it was cancelled).
    moved = [  # two of them, a month apart: none between them either
        *HEADER,
        *vevent(
            "weekly@example.com",
            "DTSTART;TZID=Europe/Paris:20260202T100000",
            "Tips",
            "RECURRENCE-ID;TZID=Europe/Paris:20260202T090000",
        ),
        *vevent(
            "weekly@example.com",
            "DTSTART;TZID=Europe/Paris:20260302T100000",
            "Tips",
            "RECURRENCE-ID;TZID=Europe/Paris:20260302T090000",
        ),
        "END:VCALENDAR",
    ]
    import_file(planned, write_ics(tmp_path / "moved.ics", moved))
    after = {p.date: p.status for p in planned.all_posts() if p.title == "Tips"}
    assert after == statuses


def test_a_rule_cut_within_a_day_names_the_time_and_one_within_a_minute_is_refused(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """A thousand posts a quarter of an hour apart were said cut "after 2026-12-31", the
    evening's left out; one repeating every second made a thousand posts at the same
    few minutes."""
    lines = [
        *HEADER,
        *vevent(
            "quarter@example.com",
            "DTSTART:20261221T090000Z",
            "Quarterly",
            "RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=1200",
        ),
        *vevent(
            "second@example.com",
            "DTSTART:20261220T100000Z",
            "Every second",
            "RRULE:FREQ=SECONDLY;COUNT=5000",
        ),
        *vevent(
            "minute@example.com",
            "DTSTART:20261220T100000Z",
            "Every minute and a half, said in seconds",
            "RRULE:FREQ=SECONDLY;INTERVAL=90;COUNT=3",
        ),
        *vevent(
            "quarters@example.com",
            "DTSTART:20261220T100000Z",
            "Each quarter of each minute",
            "RRULE:FREQ=MINUTELY;BYSECOND=0,15,30,45;COUNT=8",
        ),
        "END:VCALENDAR",
    ]
    added, _, _, skipped = import_file(planned, write_ics(tmp_path / "often.ics", lines))
    assert added == 1003  # a thousand quarters of an hour, three minutes and a half apart
    last = max((p.date, p.time) for p in planned.all_posts() if p.title == "Quarterly")
    assert last == (date(2026, 12, 31), time(19, 45))  # in Paris: 18:45 in UTC
    assert skipped == [
        "line 4: 'Quarterly' repeats more than 1000 times; occurrences after 2026-12-31 19:45"
        " were not imported",
        "line 18: RRULE repeats within a minute, and posts are planned to the minute; not imported",
        "line 34: RRULE repeats within a minute, and posts are planned to the minute; not imported",
    ]


def test_the_fallback_channel_is_created_only_when_needed(planned: CalendarStore) -> None:
    before = {c.id for c in planned.channels(include_archived=True)}
    summary = import_ics(
        planned,
        FIXTURES / "outlook.ics",
        ImportOptions(fallback_channel="From Outlook"),
        no_progress,
        today=TODAY,
    )
    created = planned.channel_named("From Outlook")
    assert created is not None
    assert summary.channels_added == [created.id]
    assert {c.id for c in planned.channels(include_archived=True)} == before | {created.id}
    summary = import_ics(
        planned, FIXTURES / "dst_edges.ics", ImportOptions(fallback_channel="Unused"), no_progress
    )
    assert (summary.channels_added, planned.channel_named("Unused")) == ([], None)


def test_a_reimport_needs_no_channel_for_posts_that_exist(planned: CalendarStore) -> None:
    import_file(planned, FIXTURES / "apple.ics", fallback="Instagram")
    assert import_file(planned, FIXTURES / "apple.ics")[:4] == (0, 0, 4, [])


def test_import_reports_progress_and_a_cancel_changes_nothing(
    planned: CalendarStore, demo: CalendarStore, tmp_path: Path
) -> None:
    export_ics(demo, tmp_path / "demo.ics", ExportOptions(), no_progress)
    calls: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    import_ics(planned, tmp_path / "demo.ics", ImportOptions(), record)
    assert calls[-1][0] == calls[-1][1] > 0
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    with CalendarStore.create(tmp_path / "other.cadence", timezone="Europe/Paris") as other:
        seen: list[int] = []

        def cancel_late(done: int, total: int) -> bool:
            seen.append(done)
            return done <= total * 5 // 6  # cancel once posts have been written

        with pytest.raises(Cancelled):
            import_ics(other, tmp_path / "demo.ics", ImportOptions(), cancel_late)
        assert (other.all_posts(), other.channels(include_archived=True)) == ([], [])
        assert other.campaigns() == []


# -- refusals ----------------------------------------------------------------------------


def refused(store: CalendarStore, path: Path) -> ImportProblem:
    """Import ``path`` expecting a refusal; check that nothing changed."""
    posts = store.all_posts()
    channels = store.channels(include_archived=True)
    with pytest.raises(ImportProblem) as caught:
        import_ics(store, path, ImportOptions(fallback_channel="Imported"), no_progress)
    assert store.all_posts() == posts
    assert store.channels(include_archived=True) == channels
    return caught.value


@pytest.fixture
def busy(planned: CalendarStore) -> CalendarStore:
    """A calendar that already holds posts, so that "unchanged" means something."""
    import_file(planned, FIXTURES / "apple.ics", fallback="Instagram")
    return planned


def skipped_alone(store: CalendarStore, path: Path) -> list[str]:
    """Import ``path``, whose events but one are sound: the sound ones come in (their
    titles start with "Fine"), the other is skipped; the skipped sentences."""
    before = {p.id for p in store.all_posts()}
    summary = import_ics(store, path, ImportOptions(fallback_channel="Imported"), no_progress)
    added = [p.title for p in store.all_posts() if p.id not in before]
    assert added
    assert all(title.startswith("Fine") for title in added)
    return summary.skipped


def test_a_uid_used_twice_keeps_the_first_and_says_both_lines(
    busy: CalendarStore, tmp_path: Path
) -> None:
    lines = [
        *HEADER,
        *vevent("same@example.com", "DTSTART:20260301T090000Z", "Fine first"),
        *vevent("other@example.com", "DTSTART:20260302T090000Z", "Fine other"),
        *vevent("same@example.com", "DTSTART:20260303T090000Z", "Second"),
        "END:VCALENDAR",
    ]
    assert skipped_alone(busy, write_ics(tmp_path / "twice.ics", lines)) == [
        "line 18: The UID 'same@example.com' is used again; it was first used on line 4;"
        " not imported"
    ]


def test_an_event_without_uid_is_skipped(busy: CalendarStore, tmp_path: Path) -> None:
    """One event another program wrote badly does not keep the others out (a whole
    Google calendar was refused for one)."""
    lines = [
        *HEADER,
        *vevent("fine@example.com", "DTSTART:20260301T090000Z", "Fine"),
        *vevent(None, "DTSTART:20260302T090000Z", "No uid"),
        "END:VCALENDAR",
    ]
    assert skipped_alone(busy, write_ics(tmp_path / "no-uid.ics", lines)) == [
        "line 11: This event (VEVENT) has no UID; not imported"
    ]


def test_an_unknown_time_zone_is_skipped_at_its_line(busy: CalendarStore, tmp_path: Path) -> None:
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART;TZID=Mars/Olympus_Mons:20260301T090000"),
        *vevent("b@example.com", "DTSTART:20260302T090000Z", "Fine"),
        "END:VCALENDAR",
    ]
    assert skipped_alone(busy, write_ics(tmp_path / "mars.ics", lines)) == [
        "line 7: DTSTART names the time zone 'Mars/Olympus_Mons', which is neither a known"
        " zone nor defined by a VTIMEZONE in the file; not imported"
    ]


PLANS = "is outside the years a calendar plans (1900 to 2999)"


@pytest.mark.parametrize(
    ("start", "said"),
    [
        # A daily rule would run off the end.
        ("DTSTART;VALUE=DATE:99991231", f"DTSTART 9999-12-31 {PLANS}"),
        ("DTSTART;TZID=Pacific/Kiritimati:00010101T003000", f"DTSTART 0001-01-01 {PLANS}"),
        ("DTSTART;VALUE=DATE:18500101", f"DTSTART 1850-01-01 {PLANS}"),  # a birthday long ago
        # Within the years as the file writes it, on the calendar's clock outside them (one
        # such event refused the whole file): half past midnight in Paris, the evening before.
        (
            "DTSTART:29991231T233000Z",
            f"DTSTART falls on 3000-01-01 in this calendar's time zone, which {PLANS}",
        ),
        (
            "DTSTART;TZID=Asia/Tokyo:19000101T050000",
            f"DTSTART falls on 1899-12-31 in this calendar's time zone, which {PLANS}",
        ),
    ],
)
def test_a_start_outside_the_years_a_calendar_plans_is_skipped_at_its_line(
    busy: CalendarStore, tmp_path: Path, start: str, said: str
) -> None:
    rule = [] if "falls on" in said else ["RRULE:FREQ=DAILY;COUNT=5"]
    lines = [
        *HEADER,
        *vevent("far@example.com", start, "Far", *rule),
        *vevent("b@example.com", "DTSTART:20260302T090000Z", "Fine"),
    ]
    assert skipped_alone(busy, write_ics(tmp_path / "far.ics", [*lines, "END:VCALENDAR"])) == [
        f"line 7: {said}; not imported"
    ]


def test_a_series_running_past_the_years_a_calendar_plans_stops_there_and_says_so(
    busy: CalendarStore, tmp_path: Path
) -> None:
    lines = [
        *HEADER,
        *vevent(
            "far@example.com", "DTSTART;VALUE=DATE:29991101", "Far", "RRULE:FREQ=WEEKLY;COUNT=20"
        ),
        "END:VCALENDAR",
    ]
    before = len(busy.all_posts())
    added, _, _, skipped = import_file(
        busy, write_ics(tmp_path / "far.ics", lines), fallback="Blog"
    )
    assert added == 9  # 1 Nov to 27 Dec 2999
    assert skipped == [
        "line 4: 'Far' repeats past 2999, the last year a calendar plans;"
        " occurrences after 2999-12-27 were not imported"
    ]
    assert len(busy.all_posts()) == before + 9

    last_day = [*HEADER, *vevent("last@example.com", "DTSTART;VALUE=DATE:29991231", "Last")]
    weekly = [*last_day, "RRULE:FREQ=WEEKLY;COUNT=3"]
    weekly.insert(weekly.index("END:VEVENT"), weekly.pop())
    added, _, _, skipped = import_file(
        busy, write_ics(tmp_path / "last.ics", [*weekly, "END:VCALENDAR"]), fallback="Blog"
    )
    assert added == 0
    assert skipped == [
        "line 4: 'Last' repeats past 2999, the last year a calendar plans;"
        " none of its occurrences was imported"
    ]


def test_an_unknown_time_zone_in_exdate_is_skipped(busy: CalendarStore, tmp_path: Path) -> None:
    lines = [
        *HEADER,
        *vevent(
            "a@example.com",
            "DTSTART;TZID=Europe/Paris:20260301T090000",
            "Weekly",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "EXDATE;TZID=Somewhere Else:20260308T090000",
        ),
        *vevent("b@example.com", "DTSTART:20260302T090000Z", "Fine"),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "exdate.ics", lines))
    assert said.startswith("line 11: EXDATE names the time zone 'Somewhere Else'")


def test_a_bad_date_is_skipped_at_its_line(busy: CalendarStore, tmp_path: Path) -> None:
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Fine"),
        *vevent("b@example.com", "DTSTART:20261304T160000"),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "bad-date.ics", lines))
    assert said == "line 14: DTSTART is not a valid date or time (20261304T160000); not imported"


def test_an_all_day_date_that_does_not_exist_is_skipped_at_its_line(
    busy: CalendarStore, tmp_path: Path
) -> None:
    """ "Wrong date format 20260230" has no colon: reading the value out of it was a
    bug that refused the whole file."""
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Fine"),
        *vevent("b@example.com", "DTSTART;VALUE=DATE:20260230"),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "feb30.ics", lines))
    assert said == "line 14: DTSTART is not a valid date or time (20260230); not imported"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("DURATION:PT1 hour", "DURATION is not a valid length of time (PT1 hour)"),
        ("RRULE:FREQ=WEEKLY;BYDAY=XX", "RRULE is not a valid repeat rule (FREQ=WEEKLY;BYDAY=XX)"),
        (
            "RRULE:FREQ=WEEKLY;INTERVAL=two",
            "RRULE is not a valid repeat rule (FREQ=WEEKLY;INTERVAL=two)",
        ),
        (
            "RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0",
            "RRULE is not a valid repeat rule"
            " (bysetpos must be between 1 and 366, or between -366 and -1)",
        ),
    ],
)
def test_a_bad_length_or_rule_is_skipped_with_its_value_as_written(
    busy: CalendarStore, tmp_path: Path, line: str, said: str
) -> None:
    """A duration was "not a valid date or time", and both were said in the library's
    words ("Expected int, got: two"), a rule's in another form ("rule: ...")."""
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Fine"),
        *vevent("b@example.com", "DTSTART:20260302T090000Z", "Broken", line),
        "END:VCALENDAR",
    ]
    (skipped,) = skipped_alone(busy, write_ics(tmp_path / "bad-value.ics", lines))
    assert skipped == f"line 17: {said}; not imported"


@pytest.mark.parametrize(
    "twice", ["SUMMARY:Draft", "UID:b@example.com", "DTSTART:20260305T090000Z"]
)
def test_an_event_giving_a_property_twice_is_skipped(
    busy: CalendarStore, tmp_path: Path, twice: str
) -> None:
    """A SUMMARY given twice came in as the title "[vText(b'...'), vText(b'...')]" (a
    UID twice, as a second post under such a uid; DTSTART twice, a bug's sentence)."""
    name = twice.split(":")[0]
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Fine"),
        *vevent("b@example.com", "DTSTART:20260302T090000Z", "Twice", twice),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "twice.ics", lines))
    assert said.endswith(
        f"The event gives {name} more than once, which a calendar program writes once; not imported"
    )
    assert not [p for p in busy.all_posts() if "vText" in p.title or "vText" in p.uid]


def test_a_repeat_until_the_year_9999_is_one_without_end(
    busy: CalendarStore, tmp_path: Path
) -> None:
    """UNTIL=99991231T235959Z, which programs write for "no end", on an event in a zone:
    moving it to the zone's clock overflowed, a bug's sentence for the whole file. It
    comes in as a rule without end does, up to the horizon, and says so."""
    lines = [
        *HEADER,
        *vevent(
            "a@example.com",
            "DTSTART;TZID=Europe/Paris:20261017T100000",
            "Weekly tip",
            "RRULE:FREQ=WEEKLY;UNTIL=99991231T235959Z",
        ),
        "END:VCALENDAR",
    ]
    without_end = [*lines[:-3], "RRULE:FREQ=WEEKLY", *lines[-2:]]
    assert without_end[-3] == "RRULE:FREQ=WEEKLY"
    added, _, _, skipped = import_file(busy, write_ics(tmp_path / "9999.ics", lines))
    assert skipped == []
    other = CalendarStore.create(tmp_path / "other.cadence", timezone="Europe/Paris")
    other.add_channel("LinkedIn")
    assert import_file(other, write_ics(tmp_path / "endless.ics", without_end))[0] == added
    assert 50 < added < 60
    other.close()


def test_a_repeat_on_no_day_that_exists_is_skipped_at_once(
    busy: CalendarStore, tmp_path: Path
) -> None:
    """30 February: the rule library looked for such a day up to the year 9999, seconds
    an event (the window's import gave no sign meanwhile)."""
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Fine"),
        *vevent(
            "b@example.com",
            "DTSTART;VALUE=DATE:20260101",
            "Never",
            "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        ),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "never.ics", lines))
    assert said == (
        "line 17: RRULE falls on no day that exists (such as 30 February); not imported"
    )


@pytest.mark.parametrize(
    "ending",
    ["\r", "\r\r\n", "\r+\n"],
    ids=["classic Mac", "converted twice", "classic Mac and a final line feed"],
)
def test_a_file_with_odd_line_ends_reads_as_any_other(
    store: CalendarStore, tmp_path: Path, ending: str
) -> None:
    """Returns alone made the file one line, quoted whole (356 KB) in the sentence that
    refused it; doubled returns, the library's text with raw returns in it."""
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "First"),
        *vevent("b@example.com", "DTSTART:20260302T090000Z", "Second"),
        "END:VCALENDAR",
    ]
    path = tmp_path / "odd.ics"
    if ending == "\r+\n":  # a tool's final line feed, or two files joined
        path.write_bytes(("\r".join(lines) + "\r\n").encode())
    else:
        path.write_bytes((ending.join(lines) + ending).encode())
    added, _, _, skipped = import_file(store, path, fallback="LinkedIn", create_missing=True)
    assert (added, skipped) == (2, [])


@pytest.mark.parametrize("first", ["\r\n", "\r"], ids=["Windows first", "classic Mac first"])
def test_two_files_joined_each_with_its_own_line_ends_read_whole(
    store: CalendarStore, tmp_path: Path, first: str
) -> None:
    """The calendar ended by returns alone lost its events (read as one line each)
    where the other file's lines outnumbered its own."""
    big = [
        *HEADER,
        *(
            line
            for n in range(1, 4)
            for line in vevent(f"w{n}@example.com", f"DTSTART:2026030{n}T090000Z", f"W{n}")
        ),
        "END:VCALENDAR",
    ]
    small = [*HEADER, *vevent("m@example.com", "DTSTART:20260310T090000Z", "Mac"), "END:VCALENDAR"]
    windows = "".join(line + "\r\n" for line in big)
    mac = "".join(line + "\r" for line in small)
    path = tmp_path / "joined.ics"
    path.write_bytes((windows + mac if first == "\r\n" else mac + windows).encode())
    added, _, _, skipped = import_file(store, path, fallback="LinkedIn", create_missing=True)
    assert (added, skipped) == (4, [])
    assert sorted(p.title for p in store.all_posts()) == ["Mac", "W1", "W2", "W3"]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_a_return_alone_in_a_value_is_kept_in_a_file_of_line_feeds(
    store: CalendarStore, tmp_path: Path, ending: str
) -> None:
    """FileMaker writes a value's line breaks as returns alone: read as line ends, the
    event was skipped ("not a property"), or its text cut where "Note: …" followed."""
    lines = [
        *HEADER,
        *vevent(
            "a@example.com",
            "DTSTART:20260301T090000Z",
            "First",
            "DESCRIPTION:Agenda for the day\rNote: bring the slides",
        ),
        "END:VCALENDAR",
    ]
    path = tmp_path / "cr.ics"
    path.write_bytes((ending.join(lines) + ending).encode())
    added, _, _, skipped = import_file(store, path, fallback="LinkedIn", create_missing=True)
    assert (added, skipped) == (1, [])
    (post,) = store.all_posts()
    assert "Note: bring the slides" in post.body


def test_a_file_the_library_cannot_read_is_said_briefly(
    store: CalendarStore, tmp_path: Path
) -> None:
    """The library's account went into the sentence whole: a line it quotes, with its
    returns, or the whole of a file it read as one line."""
    from calendar_app.exchange.ical import _briefly

    lines = [*HEADER, "END:VEVENT", "END:VCALENDAR"]
    with pytest.raises(ImportProblem) as refused:
        import_file(store, write_ics(tmp_path / "odd.ics", lines))
    assert str(refused.value) == (
        "line 4: odd.ics could not be read as iCalendar (END encountered without an"
        " accompanying BEGIN!). Nothing was imported."
    )
    said = _briefly(ValueError("Content line could not be parsed: " + "X;\r" * 400))
    assert len(said) == 101
    assert "\r" not in said


@pytest.mark.parametrize("days", ["100000000", "9" * 5000])
def test_a_key_message_of_too_long_a_cadence_comes_in_at_ten_years(
    store: CalendarStore, tmp_path: Path, days: str
) -> None:
    """One event naming a new key message with X-DAYS=100000000 refused the whole file
    (five thousand digits: a bug's sentence); a message here already keeps its own."""
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Fine", "X-CADENCE-CHANNEL:LinkedIn"),
        *vevent(
            "b@example.com",
            "DTSTART:20260302T090000Z",
            "Big",
            "X-CADENCE-CHANNEL:LinkedIn",
            f"X-CADENCE-MESSAGE;X-DAYS={days}:Big days",
            f"X-CADENCE-MESSAGE;X-DAYS={days}:Known",
        ),
        "END:VCALENDAR",
    ]
    store.add_key_message("Known", cadence_days=7)
    added, _, _, skipped = import_file(
        store, write_ics(tmp_path / "days.ics", lines), create_missing=True
    )
    assert (added, skipped) == (2, [])
    cadences = {m.title: m.cadence_days for m in store.key_messages()}
    assert cadences == {"Big days": 3650, "Known": 7}


def test_a_bad_repeat_rule_is_skipped(busy: CalendarStore, tmp_path: Path) -> None:
    lines = [
        *HEADER,
        *vevent(
            "a@example.com",
            "DTSTART:20260301T090000Z",
            "Weekly",
            "RRULE:FREQ=WEEKLY;COUNT=3;UNTIL=20260401T000000Z",
        ),
        *vevent("b@example.com", "DTSTART:20260302T090000Z", "Fine"),
        "END:VCALENDAR",
    ]
    assert skipped_alone(busy, write_ics(tmp_path / "rule.ics", lines)) == [
        "line 10: RRULE has both COUNT and UNTIL; RFC 5545 allows one; not imported"
    ]


def test_a_line_that_is_not_a_property_is_skipped(busy: CalendarStore, tmp_path: Path) -> None:
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Post", "LOCATION Paris"),
        *vevent("b@example.com", "DTSTART:20260302T090000Z", "Fine"),
        "END:VCALENDAR",
    ]
    assert skipped_alone(busy, write_ics(tmp_path / "line.ics", lines)) == [
        "line 10: This line is not a property (NAME:value); not imported"
    ]


def test_a_file_cut_short_is_refused(busy: CalendarStore, tmp_path: Path) -> None:
    lines = [*HEADER, *vevent("a@example.com", "DTSTART:20260301T090000Z"), "BEGIN:VEVENT", "UID:b"]
    problem = refused(busy, write_ics(tmp_path / "short.ics", lines))
    assert problem.line == 11
    assert "never closed (END:VEVENT)" in str(problem)


def _exported_lines(store: CalendarStore, tmp_path: Path) -> tuple[Path, list[str]]:
    """One post exported as iCalendar: the file and its lines, to edit and read back."""
    one_post(store)
    path = tmp_path / "out.ics"
    export_ics(store, path, ExportOptions(), no_progress)
    return path, path.read_text().splitlines()


def test_a_status_cadence_does_not_know_is_skipped(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    path, lines = _exported_lines(store, tmp_path)
    number = lines.index("X-CADENCE-STATUS;VALUE=TEXT:scheduled") + 1
    lines[number - 1] = "X-CADENCE-STATUS;VALUE=TEXT:someday"
    summary = import_ics(fresh, write_ics(path, lines), ImportOptions(), no_progress)
    (said,) = summary.skipped
    assert said.startswith(f"line {number}: ")
    assert "'someday' is not a post status" in said
    assert fresh.all_posts() == []


def test_our_event_without_its_status_takes_the_icalendar_status(
    store: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """A file another program re-saved may drop our X- status; STATUS still says it."""
    path, exported = _exported_lines(store, tmp_path)
    lines = [line for line in exported if not line.startswith("X-CADENCE-STATUS")]
    assert "STATUS:CONFIRMED" in lines
    import_ics(fresh, write_ics(path, lines), ImportOptions(create_missing=True), no_progress)
    (post,) = fresh.all_posts()
    assert post.status == PostStatus.PUBLISHED  # CONFIRMED, and 10 March 2026 has passed


@pytest.mark.parametrize(
    "content",
    [
        b"uid,date,time,channel\r\nabc,2026-03-01,09:00,LinkedIn\r\n",
        b"",
        b"\x89PNG\r\n\x1a\n\x00\x00",
    ],
)
def test_a_file_that_is_not_icalendar_is_refused(
    busy: CalendarStore, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "posts.ics"
    path.write_bytes(content)
    assert str(refused(busy, path)) == (
        "posts.ics is not an iCalendar file; export the calendar from the program it comes"
        " from as an iCalendar (.ics) file, then import that."
    )


def zipped(files: dict[str, str]) -> bytes:
    """A zip archive of ``files`` (name: text)."""
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return data.getvalue()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("plan.csv", "csv"), ("plan.xlsx", None), ("plan.ods", None), ("export.zip", None)],
)
def test_a_workbook_is_no_zip_of_icalendar_files(
    tmp_path: Path, name: str, fmt: str | None
) -> None:
    """A workbook is a zip too: it was told to unzip (a workbook named .csv was told,
    rightly, to be saved as CSV UTF-8 before)."""
    path = tmp_path / name
    path.write_bytes(zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}))
    assert format_for(path) == fmt


@pytest.mark.parametrize("name", ["plan.csv", "plan.tsv", "plan.txt"])
def test_a_workbook_cut_short_is_read_as_the_file_its_name_says(tmp_path: Path, name: str) -> None:
    """A download cut short begins as a zip and is none: "a problem it did not expect
    (BadZipFile)", a bug's sentence; its import now says it is not UTF-8 text."""
    whole = zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"})
    path = tmp_path / name
    path.write_bytes(whole[: len(whole) // 2])
    assert format_for(path) == "csv"


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "export.ical.zip",
            zipped({"me@example.com.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}),
            "export.ical.zip is a zip archive (as Google Calendar exports): unzip it, then"
            " import the files it holds.",
        ),
        (
            "communique.vcs",
            b"BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:20271210T080000Z\r\n"
            b"SUMMARY;ENCODING=QUOTED-PRINTABLE:Communiqu=C3=A9\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n",
            "communique.vcs is a vCalendar 1.0 file, an older format Cadence does not read;"
            " save the calendar as iCalendar (.ics) in its program and import that.",
        ),
    ],
)
def test_a_zip_or_a_vcalendar_file_is_told_what_to_do(
    busy: CalendarStore, tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    """A zip was "not an iCalendar file" and a vCalendar 1.0 file came in with its
    titles still encoded ("Communiqu=C3=A9"); neither name told the format either."""
    path = tmp_path / name
    path.write_bytes(content)
    assert format_for(path) == "ics"
    assert str(refused(busy, path)) == said


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("plan.txt", "utf-8"), ("plan.ics", "utf-16"), ("plan.txt", "utf-16"), ("plan", "utf-8-sig")],
)
def test_icalendar_text_is_read_whatever_its_name_and_unicode_encoding(
    fresh: CalendarStore, tmp_path: Path, name: str, encoding: str
) -> None:
    """An .ics saved as .txt was read as a CSV ("no 'title' column"); saved as Windows'
    "Unicode" (UTF-16), it was "not an iCalendar file"."""
    lines = [*HEADER, *vevent("u16@test", "DTSTART:20260310T090000Z", "Café"), "END:VCALENDAR"]
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    assert format_for(path) == "ics"
    added, _, _, skipped = import_file(fresh, path, fallback="LinkedIn")
    assert (added, skipped) == (1, [])
    assert [p.title for p in fresh.all_posts()] == ["Café"]


def test_an_endless_yearly_event_over_a_29th_of_february_brings_next_year_s(
    fresh: CalendarStore, tmp_path: Path
) -> None:
    """Made up to 365 days on, a yearly event from 10 December 2027 brought one post
    (the same repeat made in Cadence makes 2027's and 2028's)."""
    lines = [
        *HEADER,
        *vevent(
            "anniversary@test", "DTSTART;VALUE=DATE:20271210", "Anniversary", "RRULE:FREQ=YEARLY"
        ),
        "END:VCALENDAR",
    ]
    path = write_ics(tmp_path / "yearly.ics", lines)
    import_ics(
        fresh,
        path,
        ImportOptions(fallback_channel="LinkedIn"),
        no_progress,
        today=date(2027, 12, 1),
    )
    assert sorted(p.date or date.min for p in fresh.all_posts()) == [
        date(2027, 12, 10),
        date(2028, 12, 10),
    ]


def test_events_back_with_new_uids_are_said_to_look_like_posts_here(
    fresh: CalendarStore, tmp_path: Path
) -> None:
    """Outlook gives single events new UIDs on export: a file of Cadence's posts that went
    through it came back as that many new posts, unsaid."""
    events = [
        *vevent("a@cadence", "DTSTART;TZID=Europe/Paris:20261210T090000", "Launch day"),
        *vevent("b@cadence", "DTSTART;TZID=Europe/Paris:20261211T090000", "Behind the scenes"),
    ]
    first = write_ics(tmp_path / "plan.ics", [*HEADER, *events, "END:VCALENDAR"])
    summary = import_ics(fresh, first, ImportOptions(fallback_channel="LinkedIn"), no_progress)
    assert (len(summary.added), summary.notes) == (2, [])
    outlook = [line.replace("UID:", "UID:040000008200E00074C5B7101A82E008") for line in events]
    back = write_ics(tmp_path / "back.ics", [*HEADER, *outlook, "END:VCALENDAR"])
    summary = import_ics(fresh, back, ImportOptions(fallback_channel="LinkedIn"), no_progress)
    assert len(summary.added) == 2
    assert summary.notes == [
        "2 posts added look like posts here already, with the same title, day and time"
        " ('Launch day' and 'Behind the scenes'): a program that gives events new UIDs"
        " (Outlook does) may have written the file; undo the import if they are copies."
    ]


def fold_octets(line: bytes) -> bytes:
    """``line`` folded every 75 octets as RFC 5545 says, blind to where characters end."""
    parts = [line[:75]] + [line[i : i + 74] for i in range(75, len(line), 74)]
    return b"\r\n ".join(parts)


def test_a_line_folded_inside_a_character_reads_whole(fresh: CalendarStore, tmp_path: Path) -> None:
    title = "東京でイベント開催のお知らせ 🌞 " * 4 + "Ünïcödé ëvérywhere"
    body = "日本語の本文です。" * 12
    lines = [*HEADER, *vevent("split@test", "DTSTART:20260310T090000Z", title), "END:VCALENDAR"]
    lines.insert(-2, f"DESCRIPTION:{body}")
    data = b"\r\n".join(fold_octets(line.encode()) for line in lines) + b"\r\n"
    with pytest.raises(UnicodeDecodeError):
        data.decode()  # the folds do cut characters in two
    path = tmp_path / "split.ics"
    path.write_bytes(data)
    added, _, _, skipped = import_file(fresh, path, fallback="LinkedIn")
    assert (added, skipped) == (1, [])
    (post,) = fresh.all_posts()
    assert (post.title, post.body) == (title.strip(), body)
    # A file in another encoding is still refused, on its line.
    latin = [*HEADER, *vevent("latin@test", "DTSTART:20260310T090000Z", "Café"), "END:VCALENDAR"]
    path.write_bytes(("\r\n".join(latin) + "\r\n").encode("latin-1"))
    problem = refused(fresh, path)
    assert "split.ics is not UTF-8 text" in str(problem)
    assert problem.line == 8


def test_an_older_file_does_not_take_back_names_renamed_since(
    demo: CalendarStore, tmp_path: Path
) -> None:
    """An export, then "LinkedIn" renamed "LI" and a key message and a campaign
    renamed: the same file again changes nothing (it moved every post back onto a
    channel made again as "LinkedIn")."""
    path = tmp_path / "before.ics"
    export_ics(demo, path, ExportOptions(), no_progress)
    linkedin = demo.channel_named("LinkedIn")
    assert linkedin is not None
    demo.restore_channel(dataclasses.replace(linkedin, name="LI"))
    message = demo.key_message_titled("Every roof counts")
    assert message is not None
    demo.update_key_message(dataclasses.replace(message, title="Every single roof counts"))
    used = sorted({p.campaign_id for p in demo.all_posts() if p.campaign_id is not None})
    campaign = demo.campaign(used[0])
    demo.update_campaign(dataclasses.replace(campaign, name="Renamed campaign"))
    posts = demo.all_posts()
    names = (demo.channels(include_archived=True), demo.key_messages(include_archived=True))

    summary = import_ics(demo, path, ImportOptions(), no_progress)

    assert (summary.added, summary.previous, summary.conflicts) == ([], [], 0)
    assert demo.all_posts() == posts
    assert (
        demo.channels(include_archived=True),
        demo.key_messages(include_archived=True),
    ) == names
    assert summary.notes == [
        "The channel 'LinkedIn' is taken for 'LI' here, renamed on one side; the name here stays.",
        "The key message 'Every roof counts' is taken for 'Every single roof counts' here, "
        "renamed on one side; the name here stays.",
        f"The campaign '{campaign.name}' is taken for 'Renamed campaign' here, renamed on one "
        "side; the name here stays.",
    ]


def test_a_channel_made_since_under_an_old_name_takes_no_post_of_an_older_file(
    demo: CalendarStore, fresh: CalendarStore, tmp_path: Path
) -> None:
    """ "LinkedIn" renamed "LI", then a new "LinkedIn" made beside it: a file from before,
    with one of its posts edited in another calendar since, keeps every post on "LI",
    the edit with it, and puts nothing on the new channel."""
    path = tmp_path / "before.ics"
    export_ics(demo, path, ExportOptions(), no_progress)
    import_ics(fresh, path, ImportOptions(), no_progress)
    there = next(p for p in fresh.all_posts() if fresh.channel(p.channel_id).name == "LinkedIn")
    fresh.update_post(there.id, {"title": "Edited in the other calendar"})
    export_ics(fresh, path, ExportOptions(), no_progress)
    linkedin = demo.channel_named("LinkedIn")
    assert linkedin is not None
    demo.restore_channel(dataclasses.replace(linkedin, name="LI"))
    new_channel = demo.add_channel("LinkedIn").created[0]
    on_li = {p.uid for p in demo.all_posts() if p.channel_id == linkedin.id}

    summary = import_ics(demo, path, ImportOptions(), no_progress)

    assert (summary.added, summary.conflicts, summary.channels_added) == ([], 0, [])
    assert [p.title for p in summary.previous] != []
    assert {p.uid for p in demo.all_posts() if p.channel_id == linkedin.id} == on_li
    assert not [p for p in demo.all_posts() if p.channel_id == new_channel]
    edited = demo.post_by_uid(there.uid)
    assert (edited.title, edited.channel_id) == ("Edited in the other calendar", linkedin.id)
    assert summary.notes[0] == (
        "The channel 'LinkedIn' is taken for 'LI' here, renamed on one side; the name here stays."
    )


def test_names_swapped_here_move_no_post_of_an_older_file(
    demo: CalendarStore, tmp_path: Path
) -> None:
    """ "Blog" and "Newsletter" swap names here after an export: the file's posts are the
    very versions here, only named otherwise, so none moves."""
    path = tmp_path / "before.ics"
    export_ics(demo, path, ExportOptions(), no_progress)
    blog, letter = demo.channel_named("Blog"), demo.channel_named("Newsletter")
    assert blog is not None
    assert letter is not None
    demo.restore_channel(dataclasses.replace(blog, name="Blog, for now"))
    demo.restore_channel(dataclasses.replace(letter, name="Blog"))
    demo.restore_channel(dataclasses.replace(blog, name="Newsletter"))
    posts = demo.all_posts()

    summary = import_ics(demo, path, ImportOptions(), no_progress)

    assert demo.all_posts() == posts
    assert (summary.previous, summary.conflicts, summary.channels_added) == ([], 0, [])


def test_two_key_messages_renamed_at_once_on_the_same_posts_are_told_apart(
    fresh: CalendarStore, tmp_path: Path
) -> None:
    """Every post carries both: their colours tell which new title is which old one, and
    no key message is made again under an old title."""
    channel = fresh.add_channel("Blog").created[0]
    alpha = fresh.add_key_message("Alpha", cadence_days=7).created[0]
    beta = fresh.add_key_message("Beta", cadence_days=14).created[0]
    fresh.add_posts(
        [
            NewPost("One", channel, (alpha, beta), date(2026, 12, 1)),
            NewPost("Two", channel, (beta, alpha), date(2026, 12, 3)),
        ]
    )
    path = tmp_path / "before.ics"
    export_ics(fresh, path, ExportOptions(), no_progress)
    for message, title in ((alpha, "Beta, first"), (beta, "Alpha, second")):
        fresh.update_key_message(dataclasses.replace(fresh.key_message(message), title=title))
    posts = fresh.all_posts()

    summary = import_ics(fresh, path, ImportOptions(), no_progress)

    assert (fresh.all_posts(), summary.messages_added) == (posts, [])
    assert summary.notes == [
        "The key message 'Alpha' is taken for 'Beta, first' here, renamed on one side; "
        "the name here stays.",
        "The key message 'Beta' is taken for 'Alpha, second' here, renamed on one side; "
        "the name here stays.",
    ]


def test_a_missing_file_is_a_plain_error(busy: CalendarStore, tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError, match="does not exist"):
        import_ics(busy, tmp_path / "nowhere.ics", ImportOptions(), no_progress)


# -- the registry and the command line ----------------------------------------------------


def test_the_registry_and_the_command_line_reach_ical(demo: CalendarStore, tmp_path: Path) -> None:
    out = io.StringIO()
    export = ["export", str(demo.path), "--format", "ics", "-o", str(tmp_path / "d.ics")]
    assert main(export, out=out) == 0
    dated = sum(1 for p in demo.all_posts() if p.date is not None)
    ideas = len(demo.backlog())
    assert out.getvalue() == (
        f"Exported {dated} posts to {tmp_path / 'd.ics'}. {ideas} posts in the backlog"
        " are not in it: an iCalendar file holds dated posts only.\n"
    )
    target = tmp_path / "target.cadence"
    assert main(["init", str(target), "--timezone", demo.info().timezone], out=io.StringIO()) == 0
    out = io.StringIO()
    assert main(["import", str(target), str(tmp_path / "d.ics")], out=out) == 0
    assert out.getvalue().startswith(f"Added {dated} posts, updated 0, 0 already up to date;")
    out = io.StringIO()
    assert main(["import", str(target), str(tmp_path / "d.ics")], out=out) == 0
    assert out.getvalue() == f"Added 0 posts, updated 0, {dated} already up to date.\n"


def test_the_command_line_prints_skipped_events(tmp_path: Path) -> None:
    target = tmp_path / "target.cadence"
    assert main(["init", str(target), "--timezone", "Europe/Paris"], out=io.StringIO()) == 0
    out = io.StringIO()
    assert (
        main(["import", str(target), str(FIXTURES / "thunderbird.ics")], out=out) == 1
    )  # nothing brought in
    assert out.getvalue().splitlines() == [
        "Added 0 posts, updated 0, 0 already up to date, skipped 4.",
        "  skipped: line 22: 'Behind the scenes at the workshop' names no channel of this"
        " calendar; choose a channel for the events that name none (on the command line,"
        " --channel)",
        "  skipped: line 39: 'Monthly newsletter' names no channel of this calendar;"
        " choose a channel for the events that name none (on the command line, --channel)",
        "  skipped: line 53: 'Team lunch' names no channel of this calendar;"
        " choose a channel for the events that name none (on the command line, --channel)",
        "  skipped: line 65: a to-do (VTODO) is not an event; not imported",
    ]


# -- Windows zone names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("windows", "iana"),
    [
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Eastern Standard Time", "America/New_York"),
        ("GMT Standard Time", "Europe/London"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("India Standard Time", "Asia/Kolkata"),
        ("UTC", "Etc/UTC"),
        ('"w. europe standard time"', "Europe/Berlin"),
    ],
)
def test_windows_zone_names_map_to_iana(windows: str, iana: str) -> None:
    assert iana_for_windows(windows) == iana


def test_every_windows_zone_maps_to_a_zone_this_computer_knows() -> None:
    assert len(WINDOWS_TO_IANA) >= 60
    for iana in WINDOWS_TO_IANA.values():
        ZoneInfo(iana)
    assert iana_for_windows("Europe/Paris") is None


def test_an_outlook_all_day_event_is_its_day_in_any_zone(
    busy: CalendarStore, tmp_path: Path
) -> None:
    """Outlook writes an all-day event as the midnight of its zone, marked all-day: it
    came in at 05:00 in Paris (and on the day before in zones west of New York)."""
    lines = [
        *HEADER,
        *vevent(
            "allday@example.com",
            'DTSTART;TZID="Eastern Standard Time":20270320T000000',
            "Press day",
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        ),
        *vevent(
            "weekly@example.com",
            'DTSTART;TZID="Eastern Standard Time":20270401T000000',
            "Weekly",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            'EXDATE;TZID="Eastern Standard Time":20270408T000000',
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        ),
        *vevent(
            "timed@example.com", 'DTSTART;TZID="Eastern Standard Time":20270320T090000', "Timed"
        ),
        # Flagged all-day but starting at 09:30: a time all the same, kept.
        *vevent(
            "flagged@example.com",
            'DTSTART;TZID="Eastern Standard Time":20270321T093000',
            "Board call",
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        ),
        "END:VCALENDAR",
    ]
    before = {p.id for p in busy.all_posts()}
    import_file(busy, write_ics(tmp_path / "outlook.ics", lines), fallback="Blog")
    added = sorted(
        ((p.date, p.time, p.title) for p in busy.all_posts() if p.id not in before),
        key=lambda post: (post[0], post[2]),
    )
    assert added == [
        (date(2027, 3, 20), None, "Press day"),
        (date(2027, 3, 20), time(14, 0), "Timed"),  # a time is still a moment
        (date(2027, 3, 21), time(14, 30), "Board call"),
        (date(2027, 4, 1), None, "Weekly"),
        (date(2027, 4, 15), None, "Weekly"),
    ]


@pytest.mark.parametrize(
    "zone",
    ["Europe/Paris", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo"],
)
def test_an_outlook_all_day_series_ends_and_leaves_out_its_days_in_any_zone(
    tmp_path: Path, zone: str
) -> None:
    """Outlook ends an all-day series in UTC at the midnight of its zone's last day
    (UNTIL=20270425T220000Z: 26 April in Paris), and may leave a day out so: read on the
    calendar's clock, the series lost its last Monday west of Paris, and the day left out
    came in all the same."""
    lines = [
        *HEADER,
        *vevent(
            "until@example.com",
            'DTSTART;TZID="Romance Standard Time":20270405T000000',
            "Until",
            "RRULE:FREQ=WEEKLY;UNTIL=20270425T220000Z;INTERVAL=1;BYDAY=MO;WKST=MO",
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        ),
        *vevent(
            "left-out@example.com",
            'DTSTART;TZID="Romance Standard Time":20270405T000000',
            "Left out",
            "RRULE:FREQ=WEEKLY;COUNT=4;INTERVAL=1;BYDAY=MO;WKST=MO",
            "EXDATE:20270411T220000Z",
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        ),
        # Days written as dates, a day left out as its midnight in UTC: that date.
        *vevent(
            "dates@example.com",
            "DTSTART;VALUE=DATE:20270405",
            "Dates",
            "RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=MO",
            "EXDATE:20270412T000000Z",
        ),
        "END:VCALENDAR",
    ]
    with CalendarStore.create(tmp_path / "client.cadence", timezone=zone) as store:
        store.add_channel("Events")
        import_file(store, write_ics(tmp_path / "outlook.ics", lines), fallback="Events")
        days: dict[str, list[date | None]] = {}
        for post in sorted(store.all_posts(), key=lambda p: p.date or date.min):
            assert post.time is None
            days.setdefault(post.title, []).append(post.date)
    mondays = [date(2027, 4, d) for d in (5, 12, 19, 26)]
    left_out = [mondays[0], *mondays[2:]]
    assert days == {"Until": mondays, "Left out": left_out, "Dates": left_out}


def test_a_description_in_html_comes_in_as_text(busy: CalendarStore, tmp_path: Path) -> None:
    """Google Calendar writes HTML into DESCRIPTION; its tags went out with the post."""
    html = (
        'DESCRIPTION:<b>Launch</b> day<br>Join us at <a href="https://x.org/?a=1&amp;b=2">'
        "our site</a><ul><li>one</li><li>two</li></ul>Tom &amp; Jerry"
    )
    plain = "DESCRIPTION:Prices < 5 & more > 3"
    lines = [
        *HEADER,
        *vevent("html@example.com", "DTSTART:20270301T090000Z", "From Google", html),
        *vevent("plain@example.com", "DTSTART:20270302T090000Z", "Plain", plain),
        "END:VCALENDAR",
    ]
    import_file(busy, write_ics(tmp_path / "google.ics", lines), fallback="Blog")
    bodies = {p.title: p.body for p in busy.all_posts()}
    assert bodies["From Google"] == (
        "Launch day\nJoin us at our site (https://x.org/?a=1&b=2)\n• one\n• two\nTom & Jerry"
    )
    assert bodies["Plain"] == "Prices < 5 & more > 3"


def test_a_repeat_without_end_says_how_far_it_came_in(busy: CalendarStore, tmp_path: Path) -> None:
    lines = [
        *HEADER,
        *vevent("daily@example.com", "DTSTART:20261201T090000Z", "Daily tip", "RRULE:FREQ=DAILY"),
        "END:VCALENDAR",
    ]
    summary = import_ics(
        busy,
        write_ics(tmp_path / "endless.ics", lines),
        ImportOptions(fallback_channel="Blog"),
        no_progress,
        today=TODAY,
    )
    stop = max(date(2026, 12, 1), TODAY) + timedelta(days=366)
    assert summary.notes == [
        f"'Daily tip' repeats without end; it was read up to {spelled_day(stop, weekday=False)}"
        " (importing the file again later reads further)."
    ]
    assert (
        max(p.date for p in busy.all_posts() if p.title == "Daily tip" and p.date is not None)
        == stop
    )


@pytest.mark.parametrize("bad", ["master", "override", "untitled"])
def test_a_series_with_an_event_skipped_is_left_as_it_is(
    busy: CalendarStore, tmp_path: Path, bad: str
) -> None:
    """Read in part, a series cancelled the occurrences of a master skipped, or put a
    moved occurrence whose override was skipped back at the rule's time."""
    rule = "RRULE:FREQ=WEEKLY;COUNT=3"
    override = [
        "BEGIN:VEVENT",
        "UID:series@example.com",
        "DTSTAMP:20260101T000000Z",
        "RECURRENCE-ID:20270312T090000Z",
        "DTSTART:20270312T110000Z",
        "SUMMARY:Moved",
        "END:VEVENT",
    ]
    good = [
        *HEADER,
        *vevent("series@example.com", "DTSTART:20270305T090000Z", "Weekly", rule),
        *override,
        "END:VCALENDAR",
    ]
    import_file(busy, write_ics(tmp_path / "good.ics", good), fallback="Blog")
    before = sorted((str(p.date), str(p.time), p.title, p.status) for p in busy.all_posts())
    broken = list(good)
    if bad == "master":
        broken[broken.index(rule)] = "RRULE:FREQ=WEEKLY;COUNT=ZZ"
    elif bad == "untitled":  # an occurrence with no title (its SUMMARY dropped)
        broken.remove("SUMMARY:Moved")
    else:
        broken[broken.index("DTSTART:20270312T110000Z")] = (
            "DTSTART;TZID=Customized Time Zone:20270312T110000"
        )
    _, updated, _, skipped = import_file(
        busy, write_ics(tmp_path / "broken.ics", broken), fallback="Blog"
    )
    assert updated == 0
    assert 1 <= len(skipped) <= 2
    if bad != "untitled":
        assert any("another event of the same UID" in line for line in skipped)
    assert sorted((str(p.date), str(p.time), p.title, p.status) for p in busy.all_posts()) == before


def test_an_unreadable_second_copy_of_an_event_leaves_the_first(
    busy: CalendarStore, tmp_path: Path
) -> None:
    lines = [
        *HEADER,
        *vevent("same@example.com", "DTSTART:20270301T090000Z", "Fine first"),
        *vevent("same@example.com", "DTSTART;TZID=Customized Time Zone:20270302T090000"),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "copies.ics", lines))
    assert "Customized Time Zone" in said


def test_a_body_of_html_written_here_comes_back_as_it_is(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A newsletter's HTML exported, back from Google Calendar without Cadence's own
    lines: it is the post's own text, not Google's markup to read as text."""
    html = '<p>Hello <b>all</b></p><p>Read <a href="https://x.org">this</a></p>'
    post = one_post(store, body=html)
    path = tmp_path / "out.ics"
    export_ics(store, path, ExportOptions(), no_progress)
    lines = [line for line in path.read_text().splitlines() if not line.startswith("X-CADENCE")]
    summary = import_ics(
        store, write_ics(path, lines), ImportOptions(fallback_channel="LinkedIn"), no_progress
    )
    assert (summary.unchanged, summary.previous) == (1, [])
    assert store.post(post.id).body == html


def test_channels_made_by_an_import_of_cadence_s_own_file_keep_its_order(tmp_path: Path) -> None:
    """They were made as the events named them: LinkedIn, Newsletter, Instagram, where
    the calendar listed LinkedIn, Instagram, Newsletter."""
    from calendar_app.core.demo import write_demo

    write_demo(tmp_path / "demo.cadence", today=date(2026, 11, 18))
    with CalendarStore.open(tmp_path / "demo.cadence") as demo:
        order = [c.name for c in demo.channels(include_archived=True)]
        export_ics(demo, tmp_path / "demo.ics", ExportOptions(), no_progress)
    other = CalendarStore.create(tmp_path / "other.cadence", timezone="Europe/Amsterdam")
    import_file(other, tmp_path / "demo.ics", create_missing=True)
    assert [c.name for c in other.channels(include_archived=True)] == order
    other.close()


def test_a_weekday_rank_a_month_has_not_skips_its_event(
    busy: CalendarStore, tmp_path: Path
) -> None:
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Fine"),
        *vevent(
            "b@example.com", "DTSTART:20261207T090000Z", "Tenth", "RRULE:FREQ=MONTHLY;BYDAY=10MO"
        ),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "rank.ics", lines))
    assert "BYDAY=10MO in the repeat rule asks for a weekday's rank a month does not have" in said


def test_a_timezone_given_its_tzid_twice_is_said_in_a_sentence(
    store: CalendarStore, tmp_path: Path
) -> None:
    """The library failed with an AttributeError: a bug's sentence for the file."""
    lines = [
        *HEADER,
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "TZID:Europe/Paris",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
        *vevent("a@example.com", "DTSTART;TZID=Europe/Paris:20260301T090000", "Fine"),
        "END:VCALENDAR",
    ]
    with pytest.raises(ImportProblem) as refused:
        import_file(store, write_ics(tmp_path / "tzid.ics", lines), fallback="LinkedIn")
    assert str(refused.value).startswith("tzid.ics could not be read as iCalendar (")


def test_a_uid_of_zero_width_characters_alone_is_no_uid(
    busy: CalendarStore, tmp_path: Path
) -> None:
    lines = [
        *HEADER,
        *vevent("a@example.com", "DTSTART:20260301T090000Z", "Fine"),
        *vevent("\u200b", "DTSTART:20260302T090000Z", "Invisible"),
        "END:VCALENDAR",
    ]
    (said,) = skipped_alone(busy, write_ics(tmp_path / "uid.ics", lines))
    assert "This event (VEVENT) has no UID" in said


def test_a_calendar_name_given_by_a_file_is_kept_short_and_plain(tmp_path: Path) -> None:
    from calendar_app.exchange.ical import planned

    path = tmp_path / "named.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:\u202eComms " + "x" * 5000 + "\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    _, name = planned(path)
    assert name is not None
    assert name.startswith("Comms xx")
    assert len(name) <= 101


# -- a share narrowed to some key messages, and what comes back --------------------------


def _titles(store: CalendarStore) -> dict[str, list[str]]:
    """Each post's key messages by its title."""
    messages = {m.id: m.title for m in store.key_messages(include_archived=True)}
    return {p.title: sorted(messages[m] for m in p.message_ids) for p in store.all_posts()}


def test_a_share_narrowed_to_a_key_message_keeps_the_others_when_it_comes_back(
    store: CalendarStore, tmp_path: Path
) -> None:
    """An agency shares a post with the client's key message alone (its internal one
    left off); the client's calendar made of the file sends a post back retitled: the
    post here lost the internal message, and untouched, came back as a conflict."""
    public = store.add_key_message("Made in Europe", cadence_days=7).created[0]
    internal = store.add_key_message("Internal: push margins", cadence_days=7).created[0]
    one_post(store, title="Factory tour", message_ids=(public, internal))
    shared, back = tmp_path / "shared.ics", tmp_path / "back.ics"
    export_ics(store, shared, ExportOptions(message_ids=frozenset({public})), no_progress)
    with CalendarStore.create(tmp_path / "client.cadence", timezone="Europe/Paris") as client:
        import_ics(client, shared, ImportOptions(), no_progress)
        assert _titles(client) == {"Factory tour": ["Made in Europe"]}
        export_ics(client, back, ExportOptions(), no_progress)
        for untouched in (shared, back):
            summary = import_ics(store, untouched, ImportOptions(), no_progress)
            assert (summary.unchanged, summary.conflicts, summary.previous) == (1, 0, [])
        (post,) = client.all_posts()
        client.update_post(post.id, {"title": "Factory tour, in the client's words"})
        export_ics(client, back, ExportOptions(), no_progress)

    summary = import_ics(store, back, ImportOptions(), no_progress)

    assert (len(summary.previous), summary.conflicts) == (1, 0)
    assert _titles(store) == {
        "Factory tour, in the client's words": ["Internal: push margins", "Made in Europe"]
    }


def test_a_key_message_taken_off_a_post_there_or_deleted_there_comes_off_here(
    store: CalendarStore, tmp_path: Path
) -> None:
    """The whole calendar shared: the file knows every key message, those deleted too,
    and what it leaves off a post was taken off there."""
    public = store.add_key_message("Made in Europe", cadence_days=7).created[0]
    internal = store.add_key_message("Internal: push margins", cadence_days=7).created[0]
    old = store.add_key_message("Old slogan", cadence_days=7).created[0]
    one_post(store, title="Factory tour", message_ids=(public, internal))
    one_post(store, title="Open day", message_ids=(public, old), date=date(2026, 3, 11))
    copy = tmp_path / "colleague.cadence"
    save_copy(store, copy)
    with CalendarStore.open(copy) as colleague:
        tour, day = sorted(colleague.all_posts(), key=lambda p: p.title)
        colleague.update_post(tour.id, {"message_ids": (public,)})
        new = colleague.add_key_message("New slogan", cadence_days=7).created[0]
        colleague.update_post(day.id, {"message_ids": (public, new)})  # in place of the old
        colleague.delete_key_message(old)
        export_ics(colleague, tmp_path / "back.ics", ExportOptions(), no_progress)

    import_ics(store, tmp_path / "back.ics", ImportOptions(), no_progress)

    assert _titles(store) == {
        "Factory tour": ["Made in Europe"],
        "Open day": ["Made in Europe", "New slogan"],
    }


def test_a_file_names_no_key_message_its_posts_do_not_carry(
    store: CalendarStore, tmp_path: Path
) -> None:
    """The key messages a file knows are digests: a file of one channel's posts named
    every key message of the calendar, an internal one's statement and deleted ones."""
    public = store.add_key_message("Made in Europe", cadence_days=7).created[0]
    store.add_key_message("Internal: push margins", statement="Raise prices quietly")
    gone = store.add_key_message("Layoffs in Q1").created[0]
    store.delete_key_message(gone)
    one_post(store, title="Factory tour", message_ids=(public,))
    blog = store.add_channel("Blog").created[0]
    one_post(store, title="Staff memo", channel_id=blog, date=date(2026, 3, 12))
    for options in (ExportOptions(), ExportOptions(channel_ids=frozenset({blog}))):
        export_ics(store, tmp_path / "out.ics", options, no_progress)
        text = (tmp_path / "out.ics").read_bytes().decode().replace("\r\n ", "")
        for secret in ("Internal", "Raise prices", "Layoffs", "layoffs"):
            assert secret not in text, secret
        assert "X-CADENCE-KNOWN-MESSAGES" in text


def test_a_file_of_an_earlier_release_is_taken_as_knowing_every_key_message(
    store: CalendarStore, tmp_path: Path
) -> None:
    """Its key messages not listed as known, one taken off a post there stayed here."""
    public = store.add_key_message("Made in Europe", cadence_days=7).created[0]
    internal = store.add_key_message("Internal: push margins", cadence_days=7).created[0]
    post = one_post(store, title="Factory tour", message_ids=(public, internal))
    copy = tmp_path / "colleague.cadence"
    save_copy(store, copy)
    with CalendarStore.open(copy) as colleague:
        colleague.update_post(post.id, {"message_ids": (public,)})
        export_ics(colleague, tmp_path / "back.ics", ExportOptions(), no_progress)
    written = (tmp_path / "back.ics").read_bytes().replace(b"\r\n ", b"")
    earlier = b"".join(
        line for line in written.splitlines(keepends=True) if b"KNOWN-MESSAGES" not in line
    )
    (tmp_path / "back.ics").write_bytes(earlier)

    import_ics(store, tmp_path / "back.ics", ImportOptions(), no_progress)

    assert _titles(store) == {"Factory tour": ["Made in Europe"]}


def test_outlook_posts_imported_with_their_line_end_stay_as_they_are(
    planned: CalendarStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Imported by an earlier release, their texts kept Outlook's line end; the same
    file again, a post retitled here meanwhile, took the file's over it and kept the
    edit as a "(conflict)" copy."""
    with monkeypatch.context() as earlier:
        earlier.setattr(ical_module, "_less_a_line_end", lambda text: text)
        import_file(planned, FIXTURES / "outlook.ics")
    (press,) = [p for p in planned.all_posts() if p.title.startswith("Press release")]
    assert press.body.endswith("journalist.\n")
    planned.update_post(press.id, {"title": "Press release: Q1 results (approved)"})
    assert import_file(planned, FIXTURES / "outlook.ics")[:2] == (0, 0)
    assert planned.post(press.id).title == "Press release: Q1 results (approved)"
    assert not any(p.title.endswith("(conflict)") for p in planned.all_posts())


def test_an_outlook_event_changed_there_comes_in_without_its_line_end(
    planned: CalendarStore, tmp_path: Path
) -> None:
    """Its text changed in Outlook, the update brought Outlook's line end back (left off
    only a new post's)."""
    import_file(planned, FIXTURES / "outlook.ics")
    text = (FIXTURES / "outlook.ics").read_text(encoding="utf-8")
    changed = text.replace("Embargo until 09:00 Paris time", "Embargo until 10:00 Paris time", 1)
    changed = changed.replace(
        "LAST-MODIFIED:20260210T091500Z\nLOCATION:Newsroom",
        "LAST-MODIFIED:20260220T091500Z\nLOCATION:Newsroom",
    )
    assert changed != text
    edited = tmp_path / "outlook-edited.ics"
    edited.write_text(changed, encoding="utf-8")
    assert import_file(planned, edited)[:2] == (0, 1)
    (press,) = [p for p in planned.all_posts() if p.title.startswith("Press release")]
    assert "Embargo until 10:00" in press.body
    assert not press.body.endswith("\n")


def test_another_program_s_event_venue_comes_in_with_the_post_s_notes(
    busy: CalendarStore, tmp_path: Path
) -> None:
    """A trade fair's LOCATION went nowhere, unsaid: a new post keeps it in its notes,
    and a post already here keeps its own notes."""
    lines = [
        *HEADER,
        *vevent(
            "fair@example.com",
            "DTSTART:20260301T090000Z",
            "Coffee Expo Berlin",
            "LOCATION:Messe Berlin\\, Messedamm 22\\,",
            "  14055  Berlin",  # (folded: its first space is the fold's)
        ),
        "END:VCALENDAR",
    ]
    source = write_ics(tmp_path / "fair.ics", lines)
    import_file(busy, source)
    (fair,) = [p for p in busy.all_posts() if p.title == "Coffee Expo Berlin"]
    assert fair.notes == "Location: Messe Berlin, Messedamm 22, 14055 Berlin"
    busy.update_post(fair.id, {"notes": "Stand B12, bring the banner"})
    import_file(busy, source)
    assert busy.post(fair.id).notes == "Stand B12, bring the banner"


@pytest.mark.parametrize(
    ("start", "until", "days"),
    [
        # The first 01:45 of the night the clocks go back is before 06:10 UTC.
        ("20271105T014500", "20271107T061000Z", [5, 6, 7]),
        # 02:30 the night they go forward goes out at 03:30, after 07:00 UTC.
        ("20270312T023000", "20270314T070000Z", [12, 13]),
    ],
)
def test_an_until_in_utc_ends_a_series_by_the_moment_over_a_clock_change(
    busy: CalendarStore, tmp_path: Path, start: str, until: str, days: list[int]
) -> None:
    """Google Calendar and Outlook write UNTIL in UTC: compared on the wall clock, a
    series ending on a night the clocks change lost its last post, or had one too many."""
    busy.update_info(timezone="America/New_York")
    lines = [
        *HEADER,
        *vevent(
            "daily@example.com",
            f"DTSTART;TZID=America/New_York:{start}",
            "Daily",
            f"RRULE:FREQ=DAILY;UNTIL={until}",
        ),
        "END:VCALENDAR",
    ]
    import_file(busy, write_ics(tmp_path / "daily.ics", lines))
    made = sorted(p.date for p in busy.all_posts() if p.title == "Daily" and p.date)
    assert [d.day for d in made] == days


def test_a_link_google_writes_with_its_own_address_comes_in_once() -> None:
    """Google's description links an address with itself as the text: "url (url)" in
    every imported post's text, were the link's target always added."""
    from calendar_app.exchange.ical import _plain_text

    google = 'Read <a href="https://solenne.solar">https://solenne.solar</a><br>now'
    assert _plain_text(google) == "Read https://solenne.solar\nnow"
    named = 'See <a href="https://solenne.solar/tips">our tips</a>'
    assert _plain_text(named) == "See our tips (https://solenne.solar/tips)"


def test_an_outlook_file_tied_between_two_zones_is_planned_in_its_working_hours_zone(
    tmp_path: Path,
) -> None:
    """A Berlin newsletter beside an interview set in Pacific time, one event each: no
    zone was the plan's, and a calendar made of it took the computer's (Berlin's 10:00
    posts at 04:00 on a New York computer). Outlook names its owner's working hours'."""
    from calendar_app.exchange.ical import planned

    events = (
        "BEGIN:VEVENT\r\nUID:a@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        'DTSTART;TZID="W. Europe Standard Time":20270105T100000\r\nSUMMARY:News\r\n'
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        'DTSTART;TZID="Pacific Standard Time":20270112T083000\r\nSUMMARY:Interview\r\n'
        "END:VEVENT\r\n"
    )
    hours = 'X-MS-OLK-WKHRSTART;TZID="W. Europe Standard Time":080000\r\n'
    for head, zone in ((hours, "Europe/Berlin"), ("", None)):
        path = tmp_path / "outlook.ics"
        path.write_text(
            f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}{events}END:VCALENDAR\r\n", encoding="utf-8"
        )
        assert planned(path)[0] == zone
