"""CSV profiles: the generic round trip, its import's reports, and the publishing-tool files."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from calendar_app.cli import main
from calendar_app.core.demo import write_demo
from calendar_app.core.errors import CalendarFileError, ImportProblem, InvalidInput
from calendar_app.core.models import NewPost, Post, PostStatus
from calendar_app.core.store import CalendarStore
from calendar_app.exchange import csv_profiles
from calendar_app.exchange.csv_profiles import (
    NO_STATUS_NOTE,
    SPROUT_HEADER,
    csv_date_order,
    export_csv,
    export_hootsuite,
    export_sprout,
    import_csv,
    join_key_messages,
    split_key_messages,
)
from calendar_app.exchange.formats import (
    CONFLICT_MARK,
    Cancelled,
    ExportOptions,
    ImportOptions,
    ImportSummary,
    no_progress,
)
from calendar_app.exchange.ical import export_ics, import_ics

FIXTURES = Path(__file__).parent.parent / "fixtures" / "csv"
TODAY = date(2026, 11, 18)
HEADER = "uid,date,time,channel,key_messages,campaign,status,title,body,link,notes"

PostView = tuple[object, ...]


def view(store: CalendarStore) -> dict[str, PostView]:
    """Every post as the user sees it, by uid (names instead of ids)."""
    channels = {c.id: c.name for c in store.channels(include_archived=True)}
    messages = {m.id: m.title for m in store.key_messages(include_archived=True)}
    campaigns = {c.id: c.name for c in store.campaigns()}
    return {
        p.uid: (
            p.title,
            p.body,
            channels[p.channel_id],
            tuple(sorted(messages[m] for m in p.message_ids)),
            campaigns[p.campaign_id] if p.campaign_id is not None else None,
            p.status,
            p.date,
            p.time,
            p.link,
            p.notes,
        )
        for p in store.all_posts()
    }


def fresh(tmp_path: Path, name: str = "fresh.cadence") -> CalendarStore:
    return CalendarStore.create(tmp_path / name, timezone="Europe/Paris")


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def others(folder: Path) -> list[str]:
    """The files in ``folder`` besides the test calendar (and its -wal, -shm files)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("test.cadence"))


def import_row(
    store: CalendarStore, cells: str, options: ImportOptions | None = None
) -> ImportSummary:
    """Import one LinkedIn post whose date and time cells are ``cells`` ("2026-12-01,9:00")."""
    source = store.path.parent / "t.csv"
    source.write_text(f"title,channel,date,time\nPost,LinkedIn,{cells}\n", encoding="utf-8")
    return import_csv(store, source, options or ImportOptions())


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[CalendarStore]:
    """The demo calendar (177 posts), closed after the test."""
    path = tmp_path / "demo.cadence"
    write_demo(path, today=TODAY)
    opened = CalendarStore.open(path)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def linkedin(add_channel: Callable[..., int]) -> int:
    return add_channel("LinkedIn")


# -- the registry and the command line ----------------------------------------------


def test_command_line_round_trip(demo: CalendarStore, tmp_path: Path) -> None:
    demo.close()
    out = io.StringIO()
    assert (
        main(["export", str(demo.path), "--format", "csv", "-o", str(tmp_path / "o.csv")], out) == 0
    )
    assert out.getvalue() == f"Exported 177 posts to {tmp_path / 'o.csv'}.\n"
    fresh(tmp_path).close()
    out = io.StringIO()
    args = ["import", str(tmp_path / "fresh.cadence"), str(tmp_path / "o.csv"), "--create-missing"]
    assert main(args, out) == 0
    assert out.getvalue() == (
        "Added 177 posts, updated 0, 0 already up to date; created 6 channels, "
        "5 key messages, 3 campaigns.\n"
        "  new here: 6 channels: 'Instagram', 'Blog', 'Events' and 3 more; 5 key messages:"
        " 'Installed by local experts', 'Solar pays for itself', 'Every roof counts' and 2"
        " more; 3 campaigns: 'Home Battery launch', 'Free roof check' and 'Winter install"
        " offer'\n"
        # (Their cadences, 7 to 30 days, were the default's 14 unsaid.)
        "  note: A CSV file holds no key message's cadence: the 5 made here repeat every 14"
        " days, the calendar's default; set each one's own in Edit > Key Messages.\n"
    )


def test_command_line_lists_skipped_rows(store: CalendarStore, linkedin: int) -> None:
    store.add_key_message("We listen")
    store.close()
    out = io.StringIO()
    assert main(["import", str(store.path), str(FIXTURES / "bad_rows.csv")], out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "Added 3 posts, updated 0, 0 already up to date, skipped 12."
    assert (
        "  skipped: row 3, column 'date': '31/02/2026' is not a date; write it as YYYY-MM-DD"
    ) in lines


# -- generic export -------------------------------------------------------------------


def test_generic_file_layout(
    store: CalendarStore,
    linkedin: int,
    add_message: Callable[..., int],
    add_post: Callable[..., int],
) -> None:
    listen = add_message("We listen")
    semi = add_message("Ready; set")
    campaign = store.add_campaign("Winter sale").created[0]
    add_post(
        "Launch, part 1",
        linkedin,
        date(2026, 12, 1),
        time(9, 5),
        messages=(listen, semi),
        body='She said "hi"\nbye',
        campaign_id=campaign,
    )
    add_post("Someday", linkedin, status=PostStatus.IDEA, notes="maybe")
    posts = {p.title: p for p in store.all_posts()}
    target = store.path.parent / "out.csv"

    summary = export_csv(store, target, ExportOptions())

    assert summary.posts == 2
    assert summary.files == [target]
    assert target.read_bytes().decode("utf-8") == (
        f"{HEADER}\r\n"
        f"{posts['Someday'].uid},,,LinkedIn,,,idea,Someday,,,maybe\r\n"
        f"{posts['Launch, part 1'].uid},2026-12-01,09:05,LinkedIn,Ready\\; set;We listen,"
        'Winter sale,scheduled,"Launch, part 1","She said ""hi""\nbye",,\r\n'
    )


def test_byte_order_mark_on_request(demo: CalendarStore, tmp_path: Path) -> None:
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    export_csv(demo, plain, ExportOptions())
    export_csv(demo, marked, ExportOptions(byte_order_mark=True))
    assert plain.read_bytes().startswith(b"uid,date,")
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    with fresh(tmp_path) as other:
        assert len(import_csv(other, marked, ImportOptions(create_missing=True)).added) == 177
        assert view(other) == view(demo)


def test_semicolons_on_request_read_back_whole(demo: CalendarStore, tmp_path: Path) -> None:
    """Excel where a comma is the decimal mark (France, Germany) opens a CSV by its
    semicolons: comma-separated, each row filled one column."""
    target = tmp_path / "excel-fr.csv"
    export_csv(demo, target, ExportOptions(byte_order_mark=True, semicolons=True))
    text = target.read_bytes().decode("utf-8-sig")
    assert text.startswith("uid;date;time;channel;key_messages;")
    with fresh(tmp_path) as other:
        assert len(import_csv(other, target, ImportOptions(create_missing=True)).added) == 177
        assert view(other) == view(demo)


def test_export_filters_apply(demo: CalendarStore, tmp_path: Path) -> None:
    newsletter = demo.channel_named("Newsletter")
    assert newsletter is not None
    options = ExportOptions(
        first=date(2026, 11, 1), last=date(2026, 11, 30), channel_ids=frozenset({newsletter.id})
    )
    summary = export_csv(demo, tmp_path / "nov.csv", options)
    rows = read_rows(tmp_path / "nov.csv")[1:]
    assert summary.posts == len(rows) > 0
    assert {r[3] for r in rows} == {"Newsletter"}
    assert all("2026-11-01" <= r[1] <= "2026-11-30" for r in rows)


def test_a_sheet_chosen_by_key_message_says_it_names_the_others_too(
    demo: CalendarStore, tmp_path: Path
) -> None:
    """Chosen by one key message, it named each post's others (an internal one among
    them) and the notes, unsaid, where the web page and the PDF name the chosen alone."""
    chosen = demo.key_messages()[0]
    options = ExportOptions(message_ids=frozenset({chosen.id}))
    summary = export_csv(demo, tmp_path / "chosen.csv", options)
    mixed = [
        p
        for p in demo.all_posts()
        if chosen.id in p.message_ids and set(p.message_ids) - {chosen.id}
    ]
    assert 0 < summary.other_messages == len(mixed) < summary.posts
    assert (
        f"{len(mixed)} posts of it carry key messages besides those chosen, named in it with"
        " the notes: a CSV keeps each post whole; check it before sending it on."
    ) in summary.describe()
    assert export_csv(demo, tmp_path / "all.csv", ExportOptions()).other_messages == 0


def test_export_refuses_to_overwrite_the_calendar(demo: CalendarStore) -> None:
    with pytest.raises(CalendarFileError, match="cannot overwrite the calendar"):
        export_csv(demo, demo.path, ExportOptions())
    assert demo.path.read_bytes().startswith(b"SQLite format 3")
    assert demo.count_posts() == 177


def test_export_into_a_missing_folder(demo: CalendarStore, tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError, match="does not exist"):
        export_csv(demo, tmp_path / "nowhere" / "out.csv", ExportOptions())


@pytest.mark.parametrize("ending", [".csv", ".ics"])
def test_a_name_as_long_as_the_disk_takes_is_written(
    demo: CalendarStore, tmp_path: Path, ending: str
) -> None:
    """A 250-byte name (about 80 Japanese letters) was "too long for the disk": the
    hidden name written first added the whole name and more."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / ("é" * 123 + ending)
    assert len(target.name.encode()) <= 255
    if ending == ".csv":
        summary = export_csv(demo, target, ExportOptions())
    else:
        summary = export_ics(demo, target, ExportOptions(), no_progress)
    assert summary.files == [target]
    assert target.stat().st_size > 0
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def test_cancelled_export_leaves_the_old_file(
    store: CalendarStore, linkedin: int, tmp_path: Path
) -> None:
    store.insert_many(NewPost(title=f"Post {i}", channel_id=linkedin) for i in range(1500))
    target = tmp_path / "out.csv"
    target.write_text("the previous export\n", encoding="utf-8")
    calls: list[int] = []

    def cancel_midway(done: int, total: int) -> bool:
        calls.append(done)
        return done == 0

    with pytest.raises(Cancelled):
        export_csv(store, target, ExportOptions(), cancel_midway)
    assert calls == [0, 1000]
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert others(tmp_path) == ["out.csv"]


# -- generic import: round trips ------------------------------------------------------


def test_demo_round_trip_is_exact(demo: CalendarStore, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    export_csv(demo, first, ExportOptions())
    with fresh(tmp_path) as other:
        summary = import_csv(other, first, ImportOptions(create_missing=True))
        assert len(summary.added) == 177
        assert (summary.previous, summary.unchanged, summary.skipped) == ([], 0, [])
        assert view(other) == view(demo)
        second = tmp_path / "second.csv"
        export_csv(other, second, ExportOptions())
    assert second.read_bytes() == first.read_bytes()


def test_importing_twice_changes_nothing(demo: CalendarStore, tmp_path: Path) -> None:
    exported = tmp_path / "out.csv"
    export_csv(demo, exported, ExportOptions())
    before = demo.all_posts()

    summary = import_csv(demo, exported, ImportOptions())

    assert (summary.added, summary.previous, summary.skipped) == ([], [], [])
    assert summary.unchanged == 177
    assert summary.describe() == "Added 0 posts, updated 0, 177 already up to date."
    assert demo.all_posts() == before  # not even a revision moved


def test_an_edited_row_updates_its_post(demo: CalendarStore, tmp_path: Path) -> None:
    exported = tmp_path / "out.csv"
    export_csv(demo, exported, ExportOptions())
    rows = read_rows(exported)
    edited = rows[50]
    old = demo.post_by_uid(edited[0])
    edited[1], edited[2], edited[7] = "2027-01-05", "14:30", "A better title"
    write_rows(exported, rows)

    summary = import_csv(demo, exported, ImportOptions())

    assert summary.previous == [old]
    assert (summary.added, summary.unchanged) == ([], 176)
    new = demo.post_by_uid(edited[0])
    assert (new.title, new.date, new.time) == ("A better title", date(2027, 1, 5), time(14, 30))
    assert new.revision == old.revision + 1
    assert (new.body, new.channel_id, new.message_ids) == (
        old.body,
        old.channel_id,
        old.message_ids,
    )


def test_the_summary_is_enough_to_undo_the_import(demo: CalendarStore, tmp_path: Path) -> None:
    original = view(demo)
    channels = {c.id for c in demo.channels(include_archived=True)}
    exported = tmp_path / "out.csv"
    export_csv(demo, exported, ExportOptions())
    rows = read_rows(exported)
    rows[1][7] = "Changed"
    rows[2][3] = "Podcast"
    rows.append(
        ["", "2027-02-01", "", "Radio", "Brand new message", "Spring", "draft", "New"] + [""] * 3
    )
    write_rows(exported, rows)

    summary = import_csv(demo, exported, ImportOptions(create_missing=True))

    assert len(summary.added) == 1
    assert len(summary.previous) == 2
    assert len(summary.channels_added) == 2
    assert len(summary.messages_added) == 1
    assert len(summary.campaigns_added) == 1
    assert summary.describe() == (
        "Added 1 post, updated 2, 175 already up to date; created 2 channels, 1 key message, "
        "1 campaign."
    )
    # What the window's undo does with the summary:
    demo.delete_posts(summary.added)
    demo.restore_posts(summary.previous)
    for campaign_id in summary.campaigns_added:
        demo.delete_campaign(campaign_id)
    for message_id in summary.messages_added:
        demo.delete_key_message(message_id)
    for channel_id in summary.channels_added:
        demo.delete_channel(channel_id)
    assert view(demo) == original
    assert {c.id for c in demo.channels(include_archived=True)} == channels


def test_rows_without_uid_are_matched_before_being_added(
    store: CalendarStore, add_channel: Callable[..., int]
) -> None:
    for name in ("LinkedIn", "Newsletter", "Blog"):
        add_channel(name)
    source = FIXTURES / "hand_made.csv"

    first = import_csv(store, source, ImportOptions())
    assert len(first.added) == 4  # the two identical rows are two posts
    assert first.skipped == []
    posts = store.all_posts()
    assert [(p.title, p.date, p.time, p.status) for p in posts] == [
        # No status column: scheduled with a date, an idea without (as `post add`).
        ("Idea: winter yields", None, None, PostStatus.IDEA),
        ("Launch teaser", date(2026, 12, 1), time(9, 0), PostStatus.SCHEDULED),
        ("Launch teaser", date(2026, 12, 1), time(9, 0), PostStatus.SCHEDULED),
        ("December issue", date(2026, 12, 3), None, PostStatus.SCHEDULED),
    ]

    second = import_csv(store, source, ImportOptions())
    assert (second.added, second.previous, second.unchanged) == ([], [], 4)
    assert store.all_posts() == posts


def test_absent_columns_keep_what_the_post_has(
    store: CalendarStore, linkedin: int, add_message: Callable[..., int], tmp_path: Path
) -> None:
    listen = add_message("We listen")
    post_id = store.add_post(
        NewPost(
            title="Teaser",
            channel_id=linkedin,
            message_ids=(listen,),
            date=date(2026, 12, 1),
            time=time(9, 0),
            status=PostStatus.SCHEDULED,
            body="Body text",
            notes="Notes",
        )
    ).created[0]
    uid = store.post(post_id).uid
    source = tmp_path / "move.csv"
    source.write_text(
        f"UID,Title,Date,Channel\n{uid},Teaser,2026-12-08,LinkedIn\n", encoding="utf-8"
    )

    summary = import_csv(store, source, ImportOptions())

    assert len(summary.previous) == 1
    post = store.post(post_id)
    assert (post.date, post.time) == (date(2026, 12, 8), time(9, 0))
    assert (post.body, post.notes, post.status, post.message_ids) == (
        "Body text",
        "Notes",
        PostStatus.SCHEDULED,
        (listen,),
    )


# -- generic import: what the file may look like --------------------------------------


def test_excel_file_with_semicolons_bom_crlf_and_day_first_dates(store: CalendarStore) -> None:
    summary = import_csv(
        store, FIXTURES / "excel_semicolons.csv", ImportOptions(create_missing=True)
    )
    assert (len(summary.added), summary.skipped) == (3, [])
    assert {v[0]: v for v in view(store).values()} == {
        "Open roof day": (
            "Open roof day",
            "Meet the team.\r\nAsk anything.",
            "Events",
            ("Installed by local experts",),
            None,
            PostStatus.SCHEDULED,
            date(2026, 12, 6),
            time(10, 0),
            "",
            "",
        ),
        "Price list 2027": (
            "Price list 2027",
            "",
            "Newsletter",
            ("Solar pays for itself",),
            None,
            PostStatus.DRAFT,
            date(2027, 1, 2),
            None,
            "",
            "",
        ),
        "Énergie & vous": (
            "Énergie & vous",
            "Numéro spécial",
            "LinkedIn",
            ("Every roof counts", "Solar pays for itself"),
            None,
            PostStatus.PUBLISHED,
            date(2026, 11, 18),
            time(9, 5),
            "",
            "",
        ),
    }


def test_month_first_dates_on_request(store: CalendarStore) -> None:
    options = ImportOptions(create_missing=True, day_first=False)
    summary = import_csv(store, FIXTURES / "excel_semicolons.csv", options)
    assert {p.title: p.date for p in store.all_posts()} == {
        "Open roof day": date(2026, 6, 12),
        "Price list 2027": date(2027, 2, 1),
    }
    assert summary.skipped == [
        "row 4, column 'Date': '18/11/2026' is not a date; write it as YYYY-MM-DD"
    ]


def dated_rows(path: Path, *cells: str) -> Path:
    lines = [f"Post {i},LinkedIn,{c},{'scheduled' if c else 'idea'}" for i, c in enumerate(cells)]
    path.write_text("title,channel,date,status\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("cells", "order", "read"),
    [
        # A day over 12 first tells the whole file is day first, and the other way round.
        (("03/04/2026", "13/04/2026"), (True, None), date(2026, 4, 3)),
        (("03/04/2026", "04/13/2026 00:00"), (False, None), date(2026, 3, 4)),
        (("3.4.2026", "25.12.2026"), (True, None), date(2026, 4, 3)),
        # Nothing tells: a date that reads two ways is named, to ask about.
        (("03/04/2026", "2026-05-01", "05/05/2026"), (None, "03/04/2026"), date(2026, 4, 3)),
        # Nothing reads two ways: nothing to tell or ask.
        (("07/07/2026", "2026-05-01", ""), (None, None), date(2026, 7, 7)),
    ],
)
def test_the_files_own_dates_tell_their_order(
    store: CalendarStore,
    linkedin: int,
    tmp_path: Path,
    cells: tuple[str, ...],
    order: tuple[bool | None, str | None],
    read: date,
) -> None:
    source = dated_rows(tmp_path / "plan.csv", *cells)
    assert csv_date_order(source) == order
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    assert {p.title: p.date for p in store.all_posts()}["Post 0"] == read
    if order == (None, "03/04/2026"):
        assert summary.notes == [
            "Dates such as 03/04/2026 were read day first, as 3 April 2026, "
            "since no date of the file tells its order."
        ]
    else:
        assert summary.notes == []


@pytest.mark.parametrize(
    ("days", "order"),
    [
        # Excel in the US wrote the sheet again month first: read day first, every post
        # moved by months.
        (("12/9/2026", "12/10/2026", "1/5/2027"), "month"),
        (("9/12/2026", "10/12/2026", "5/1/2027"), "day"),
    ],
)
def test_the_posts_a_sheet_names_by_uid_tell_its_date_order(
    store: CalendarStore, linkedin: int, tmp_path: Path, days: tuple[str, ...], order: str
) -> None:
    planned = (date(2026, 12, 9), date(2026, 12, 10), date(2027, 1, 5))
    for number, day in enumerate(planned):
        store.add_post(NewPost(title=f"Post {number}", channel_id=linkedin, date=day))
    posts = sorted(store.all_posts(), key=lambda p: p.date or date.min)
    source = tmp_path / "resaved.csv"
    source.write_text(
        "uid,date,title,channel\n"
        + "".join(
            f"{p.uid},{day},{p.title},LinkedIn\n" for p, day in zip(posts, days, strict=True)
        ),
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert (summary.added, [p.id for p in summary.previous], summary.skipped) == ([], [], [])
    assert sorted(p.date for p in store.all_posts() if p.date) == list(planned)
    assert summary.notes == [
        f"Dates such as {days[0]} were read {order} first, as 9 December 2026, as the posts"
        " it names are dated here."
    ]


def test_a_text_a_spreadsheet_cut_comes_back_whole(
    store: CalendarStore, linkedin: int, tmp_path: Path
) -> None:
    """Excel keeps 32,767 characters a cell: a sheet saved again there and imported took
    the cut text as an edit, 27,235 of 60,002 characters gone, unsaid."""
    long = "".join(f"Paragraph {n}. " for n in range(5000))
    assert len(long) > 60_000
    store.add_post(NewPost(title="Annual report", channel_id=linkedin, body=long, notes=long))
    store.add_post(NewPost(title="Short", channel_id=linkedin, body="Short text"))
    sheet = tmp_path / "plan.csv"
    summary = export_csv(store, sheet, ExportOptions())
    assert summary.over_a_cell == 1
    assert (
        " 1 post has a text longer than the 32,767 characters a spreadsheet's cell holds:"
        " Excel cuts it (an import of the sheet saved again keeps the whole texts here)."
    ) in summary.describe()
    # As Excel saves it: each cell cut at 32,767 characters, a date given in the sheet.
    with sheet.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    for row in rows[1:]:
        row[:] = [cell[:32_767] for cell in row]
        row[header.index("date")] = "2027-01-15"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    back = import_csv(store, sheet, ImportOptions())
    assert len(back.previous) == 2
    report = next(p for p in store.all_posts() if p.title == "Annual report")
    assert (report.date, report.body, report.notes) == (date(2027, 1, 15), long, long)
    assert (
        "1 post came back with its text cut at the 32,767 characters a spreadsheet's cell"
        " holds; its whole text here was kept."
    ) in back.notes
    # A text of that length that was no longer, or that another text begins with: as
    # typed (an edit).
    assert not csv_profiles.cut_by_a_spreadsheet("x" * 32_767, "x" * 32_767)
    assert not csv_profiles.cut_by_a_spreadsheet("x" * 32_766, "x" * 40_000)


def test_an_order_chosen_holds_and_a_file_of_both_orders_keeps_to_one(
    store: CalendarStore, linkedin: int, tmp_path: Path
) -> None:
    source = dated_rows(tmp_path / "plan.csv", "03/04/2026", "13/04/2026")
    summary = import_csv(store, source, ImportOptions(day_first=False))
    assert summary.skipped == [
        "row 3, column 'date': '13/04/2026' is not a date; write it as YYYY-MM-DD"
    ]
    assert store.all_posts()[0].date == date(2026, 3, 4)
    both = dated_rows(tmp_path / "both.csv", "13/04/2026", "04/13/2026")
    assert csv_date_order(both) == (None, None)
    summary = import_csv(store, both, ImportOptions())
    assert summary.skipped == [
        "row 3, column 'date': '04/13/2026' is not a date; write it as YYYY-MM-DD"
    ]
    # A file Cadence cannot read tells nothing; its import says why.
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\xff\xfe\x00t")
    assert csv_date_order(broken) == (None, None)


def test_command_line_says_how_it_read_dates_that_read_two_ways(
    store: CalendarStore, linkedin: int, tmp_path: Path
) -> None:
    store.close()
    source = dated_rows(tmp_path / "plan.csv", "03/04/2026")
    out = io.StringIO()
    assert main(["import", str(store.path), str(source)], out) == 0
    assert out.getvalue().splitlines()[1:] == [
        "  note: Dates such as 03/04/2026 were read day first, as 3 April 2026, "
        "since no date of the file tells its order."
    ]
    later = dated_rows(tmp_path / "later.csv", "05/06/2026")
    out = io.StringIO()
    assert main(["import", str(store.path), str(later), "--date-order", "month-first"], out) == 0
    assert "note" not in out.getvalue()
    with CalendarStore.open(store.path) as reopened:
        assert {p.date for p in reopened.all_posts()} == {date(2026, 4, 3), date(2026, 5, 6)}


def test_an_older_export_does_not_take_back_names_renamed_since(
    demo: CalendarStore, tmp_path: Path
) -> None:
    exported = tmp_path / "before.csv"
    export_csv(demo, exported, ExportOptions())
    linkedin = demo.channel_named("LinkedIn")
    assert linkedin is not None
    demo.update_channel(linkedin.id, name="LI")
    message = demo.key_message_titled("Every roof counts")
    assert message is not None
    demo.update_key_message(replace(message, title="Every single roof counts"))
    posts = demo.all_posts()
    names = (demo.channels(include_archived=True), demo.key_messages(include_archived=True))

    summary = import_csv(demo, exported, ImportOptions(create_missing=True))

    assert (summary.added, summary.previous, summary.channels_added) == ([], [], [])
    assert summary.messages_added == []
    assert demo.all_posts() == posts
    assert (demo.channels(include_archived=True), demo.key_messages(include_archived=True)) == (
        names
    )
    assert summary.notes == [
        "The channel 'LinkedIn' is taken for 'LI' here, renamed on one side; the name here stays.",
        "The key message 'Every roof counts' is taken for 'Every single roof counts' here, "
        "renamed on one side; the name here stays.",
    ]


def test_a_post_deleted_since_stays_deleted_unless_its_row_changed(
    demo: CalendarStore, tmp_path: Path
) -> None:
    exported = tmp_path / "before.csv"
    export_csv(demo, exported, ExportOptions())
    doomed, reworded = demo.all_posts()[3:5]
    demo.delete_posts([doomed.id, reworded.id])
    posts = demo.all_posts()
    summary = import_csv(demo, exported, ImportOptions(create_missing=True))
    assert demo.all_posts() == posts  # they stayed deleted
    assert (summary.added, summary.left_deleted) == ([], 2)
    assert summary.describe().startswith(
        "Added 0 posts, updated 0, 175 already up to date, 2 deleted"
    )
    # A row changed in the spreadsheet since is typed there: it comes back.
    text = exported.read_text(encoding="utf-8").replace(reworded.title, "Reworded in the sheet")
    exported.write_text(text, encoding="utf-8")
    summary = import_csv(demo, exported, ImportOptions(create_missing=True))
    (back,) = demo.posts(summary.added)
    assert (back.uid, back.title, summary.left_deleted) == (
        reworded.uid,
        "Reworded in the sheet",
        1,
    )
    assert demo.deleted([reworded.uid, doomed.uid]).keys() == {doomed.uid}  # here again


def test_a_post_edited_then_deleted_stays_deleted_against_an_export_from_before_the_edit(
    demo: CalendarStore, tmp_path: Path
) -> None:
    exported = tmp_path / "before.csv"
    export_csv(demo, exported, ExportOptions())
    post = demo.all_posts()[6]
    demo.update_post(post.id, {"title": "Reworded here"})
    demo.delete_posts([post.id])
    summary = import_csv(demo, exported, ImportOptions(create_missing=True))
    assert (summary.added, summary.left_deleted, summary.revived) == ([], 1, [])
    assert demo.deleted([post.uid]).keys() == {post.uid}


def test_rows_without_uids_leave_out_posts_deleted_here_as_they_were(
    demo: CalendarStore, tmp_path: Path
) -> None:
    """A spreadsheet that lost the uid column: a row showing a deleted post as it was
    deleted stays out; one changed since comes in as a new post."""
    exported = tmp_path / "before.csv"
    export_csv(demo, exported, ExportOptions())
    rows = [row[1:] for row in read_rows(exported)]  # the uid is the first column
    assert read_rows(exported)[0][0] == "uid"
    doomed, reworded = demo.all_posts()[3:5]
    rows = [[cell.replace(reworded.title, "Reworded in the sheet") for cell in row] for row in rows]
    keyless = tmp_path / "keyless.csv"
    write_rows(keyless, rows)
    demo.delete_posts([doomed.id, reworded.id])
    count = demo.count_posts()
    summary = import_csv(demo, keyless, ImportOptions(create_missing=True))
    (back,) = demo.posts(summary.added)
    assert (back.title, summary.left_deleted, demo.count_posts()) == (
        "Reworded in the sheet",
        1,
        count + 1,
    )


def test_a_plan_without_every_column_imported_again_leaves_out_posts_deleted_here(
    store: CalendarStore, add_channel: Callable[..., int]
) -> None:
    """A plan kept in a spreadsheet (title, channel, date and time only, no uids)
    imported twice: a post deleted here in between stays deleted; a row changed in the
    sheet since comes in."""
    add_channel("LinkedIn")
    plan = store.path.parent / "plan.csv"
    write_rows(
        plan,
        [
            ["Title", "Channel", "Date", "Time"],
            ["Factory tour", "LinkedIn", "2026-12-07", "10:00"],
            ["Winter newsletter", "LinkedIn", "2026-12-09", "09:00"],
            ["Year in review", "LinkedIn", "2026-12-28", ""],
        ],
    )
    first = import_csv(store, plan, ImportOptions())
    tour, winter, review = store.posts(first.added)
    store.update_post(review.id, {"title": "Our year, reviewed"})
    store.delete_posts([winter.id, review.id])

    again = import_csv(store, plan, ImportOptions())

    assert (again.added, again.left_deleted) == ([], 2)
    assert [p.title for p in store.all_posts()] == ["Factory tour"]

    rows = read_rows(plan)
    rows[2][0] = "Winter newsletter, with the calendar"
    write_rows(plan, rows)
    changed = import_csv(store, plan, ImportOptions())
    assert [p.title for p in store.posts(changed.added)] == ["Winter newsletter, with the calendar"]
    assert changed.left_deleted == 1
    assert tour.id in {p.id for p in store.all_posts()}


def test_a_sheet_without_uids_saved_again_by_another_program_is_known_again(
    store: CalendarStore, add_channel: Callable[..., int]
) -> None:
    """Excel's re-save writes the same plan its own way (20/12/2026, 9:00, names in
    another case): a post moved and one retitled here since came in twice."""
    add_channel("LinkedIn")
    plan = store.path.parent / "plan.csv"
    write_rows(
        plan,
        [
            ["Title", "Channel", "Date", "Time"],
            ["Meet the herd", "LinkedIn", "2026-12-20", "09:00"],
            ["Bottle day", "LinkedIn", "2026-12-22", "14:30"],
        ],
    )
    herd, bottles = store.posts(import_csv(store, plan, ImportOptions()).added)
    store.update_post(herd.id, {"date": date(2026, 12, 21)})
    store.update_post(bottles.id, {"title": "Bottle return day"})
    write_rows(
        plan,
        [
            ["title", "channel", "date", "time"],
            ["Meet the herd", "linkedin", "20/12/2026", "9:00"],
            ["Bottle day", "LINKEDIN", "22/12/2026", "2:30 PM"],
        ],
    )

    summary = import_csv(store, plan, ImportOptions(day_first=True))

    assert (summary.added, summary.previous) == ([], [])
    assert sorted((p.title, p.date) for p in store.all_posts()) == [
        ("Bottle return day", date(2026, 12, 22)),
        ("Meet the herd", date(2026, 12, 21)),
    ]


def _moved_in_the_sheet(exported: Path, post: Post) -> None:
    """``post``'s row of a Cadence CSV export moved to Instagram, with a note typed."""
    rows = read_rows(exported)
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("uid")] == post.uid:
            row[header.index("channel")] = "Instagram"
            row[header.index("notes")] = "Needs the photo from Anna"
    write_rows(exported, rows)


def test_a_row_moved_to_another_channel_in_the_sheet_is_no_past_state(
    demo: CalendarStore, tmp_path: Path
) -> None:
    """Its title, text, day and time as before an edit here: still, its channel and notes
    changed there. Both stay, one as a conflict copy; deleted here, it comes back."""
    exported = tmp_path / "plan.csv"
    export_csv(demo, exported, ExportOptions())
    linkedin = demo.channel_named("LinkedIn")
    assert linkedin is not None
    edited, deleted = [p for p in demo.all_posts() if p.channel_id == linkedin.id][:2]
    for post in (edited, deleted):
        _moved_in_the_sheet(exported, post)
    demo.update_post(edited.id, {"title": "Reworded here"})
    demo.update_post(deleted.id, {"title": "Reworded, then deleted"})
    demo.delete_posts([deleted.id])

    summary = import_csv(demo, exported, ImportOptions())

    assert (summary.conflicts, summary.left_deleted, len(summary.added)) == (1, 0, 2)
    noted = [p for p in demo.all_posts() if p.notes == "Needs the photo from Anna"]
    assert sorted(p.uid for p in noted) == sorted([edited.uid, deleted.uid])
    assert {demo.channel(p.channel_id).name for p in noted} == {"Instagram"}


def test_a_new_row_without_uid_like_a_post_deleted_on_another_channel_comes_in(
    store: CalendarStore, add_channel: Callable[..., int]
) -> None:
    """ "Launch" on LinkedIn and on X, the one on X deleted: a sheet's new "Launch" for
    Instagram, same words and day, is a new post, not the deleted one."""
    linkedin, x = add_channel("LinkedIn"), add_channel("X")
    add_channel("Instagram")
    day = date(2026, 12, 1)
    store.add_post(NewPost("Launch", linkedin, (), day, time(9, 0), PostStatus.SCHEDULED))
    (gone,) = store.add_post(
        NewPost("Launch", x, (), day, time(9, 0), PostStatus.SCHEDULED)
    ).created
    exported = store.path.parent / "plan.csv"
    export_csv(store, exported, ExportOptions())
    store.delete_posts([gone])
    rows = [row[1:] for row in read_rows(exported)]
    rows[2][rows[0].index("channel")] = "Instagram"
    write_rows(exported, rows)

    summary = import_csv(store, exported, ImportOptions())

    assert (summary.left_deleted, len(summary.added)) == (0, 1)
    (new,) = store.posts(summary.added)
    assert store.channel(new.channel_id).name == "Instagram"


def _three_posts(store: CalendarStore) -> tuple[int, int, Path]:
    """P1, P2 on LinkedIn and P3 on Instagram, exported to plan.csv."""
    linkedin = store.add_channel("LinkedIn").created[0]
    instagram = store.add_channel("Instagram").created[0]
    store.add_posts(
        [
            NewPost(f"P{n}", channel, (), date(2027, 3, n), time(9, 0), PostStatus.SCHEDULED)
            for n, channel in ((1, linkedin), (2, linkedin), (3, instagram))
        ]
    )
    exported = store.path.parent / "plan.csv"
    export_csv(store, exported, ExportOptions())
    return linkedin, instagram, exported


def _channels_of(store: CalendarStore) -> dict[str, str]:
    return {p.title: store.channel(p.channel_id).name for p in store.all_posts()}


@pytest.mark.parametrize("uids", [True, False])
def test_an_older_sheet_names_channels_renamed_here_since_however_named_now(
    store: CalendarStore, uids: bool
) -> None:
    """ "LinkedIn" renamed "LI" and a new "LinkedIn" made, "Instagram" renamed "IG": the
    sheet from before, with or without its uid column, moves nothing, makes nothing."""
    linkedin, instagram, exported = _three_posts(store)
    if not uids:
        write_rows(exported, [row[1:] for row in read_rows(exported)])
    store.update_channel(linkedin, name="LI")
    store.add_channel("LinkedIn")
    store.update_channel(instagram, name="IG")
    before = store.all_posts()

    summary = import_csv(store, exported, ImportOptions(create_missing=True))

    assert (store.all_posts(), summary.added, summary.channels_added) == (before, [], [])
    assert _channels_of(store) == {"P1": "LI", "P2": "LI", "P3": "IG"}


@pytest.mark.parametrize("uids", [True, False])
def test_names_swapped_here_move_no_row_of_an_older_sheet(store: CalendarStore, uids: bool) -> None:
    linkedin, instagram, exported = _three_posts(store)
    if not uids:
        write_rows(exported, [row[1:] for row in read_rows(exported)])
    store.update_channel(linkedin, name="For now")
    store.update_channel(instagram, name="LinkedIn")
    store.update_channel(linkedin, name="Instagram")
    before = store.all_posts()
    summary = import_csv(store, exported, ImportOptions())
    assert (store.all_posts(), summary.previous, summary.added) == (before, [], [])


@pytest.mark.parametrize("uids", [True, False])
def test_an_older_sheet_names_messages_and_campaigns_renamed_here_since(
    store: CalendarStore, uids: bool
) -> None:
    """ "Made in Europe" renamed "Made in EU", then another message given the old name
    (the same for a campaign): the sheet from before without its uid column moved every
    post onto that other one, as a channel's never was."""
    channel = store.add_channel("LinkedIn").created[0]
    europe = store.add_key_message("Made in Europe").created[0]
    waste = store.add_key_message("Zero waste").created[0]
    xmas = store.add_campaign("Xmas promo").created[0]
    always = store.add_campaign("Always on").created[0]
    store.add_posts(
        [
            NewPost(
                "P1",
                channel,
                (europe,),
                date(2027, 3, 1),
                time(9, 0),
                PostStatus.SCHEDULED,
                campaign_id=xmas,
            ),
            NewPost(
                "P2",
                channel,
                (waste,),
                date(2027, 3, 2),
                time(9, 0),
                PostStatus.SCHEDULED,
                campaign_id=always,
            ),
        ]
    )
    exported = store.path.parent / "plan.csv"
    export_csv(store, exported, ExportOptions())
    if not uids:
        write_rows(exported, [row[1:] for row in read_rows(exported)])
    store.update_key_message(dataclasses.replace(store.key_message(europe), title="Made in EU"))
    store.update_key_message(dataclasses.replace(store.key_message(waste), title="Made in Europe"))
    store.update_campaign(dataclasses.replace(store.campaign(xmas), name="Holiday"))
    store.update_campaign(dataclasses.replace(store.campaign(always), name="Xmas promo"))
    before = store.all_posts()

    summary = import_csv(store, exported, ImportOptions())

    assert (store.all_posts(), summary.previous, summary.added) == (before, [], [])
    p1 = next(p for p in store.all_posts() if p.title == "P1")
    assert (p1.message_ids, p1.campaign_id) == ((europe,), xmas)


def test_a_row_moved_to_a_new_channel_in_a_sheet_of_some_posts_is_a_move(
    store: CalendarStore,
) -> None:
    """The sheet holds P3 only, moved to "Threads", and a new Threads row: nothing was
    renamed anywhere, so Threads is made and both rows are on it."""
    _, _, exported = _three_posts(store)
    rows = read_rows(exported)
    header = rows[0]
    moved = next(row for row in rows if row[header.index("title")] == "P3")
    moved[header.index("channel")] = "Threads"
    new = ["" if name == "uid" else cell for name, cell in zip(header, moved, strict=True)]
    new[header.index("title")] = "Teaser"
    write_rows(exported, [header, moved, new])

    summary = import_csv(store, exported, ImportOptions(create_missing=True))

    assert summary.notes == []
    assert [store.channel(c).name for c in summary.channels_added] == ["Threads"]
    assert _channels_of(store) == {
        "P1": "LinkedIn",
        "P2": "LinkedIn",
        "P3": "Threads",
        "Teaser": "Threads",
    }


def test_an_older_sheet_keeps_an_edit_whose_past_an_earlier_release_noted(
    store: CalendarStore, linkedin: int
) -> None:
    """Edited once by a release that noted what a post showed but not all of it, then
    again: the sheet from before both is the post's past, not an edit to take."""
    (post,) = store.add_post(
        NewPost("Original", linkedin, (), date(2027, 3, 1), time(9, 0), PostStatus.SCHEDULED)
    ).created
    exported = store.path.parent / "old.csv"
    export_csv(store, exported, ExportOptions())
    store.update_post(post, {"title": "Edit one"})
    store.db.execute("DELETE FROM post_versions WHERE earlier_edited LIKE 'whole %'")
    store.update_post(post, {"title": "Edit two"})

    summary = import_csv(store, exported, ImportOptions())

    assert (summary.kept_newer, summary.conflicts, summary.previous) == (1, 0, [])
    assert [p.title for p in store.all_posts()] == ["Edit two"]


def test_shuffled_and_capitalised_columns(demo: CalendarStore, tmp_path: Path) -> None:
    exported = tmp_path / "out.csv"
    export_csv(demo, exported, ExportOptions())
    rows = read_rows(exported)
    order = [7, 3, 10, 0, 5, 1, 9, 2, 8, 6, 4]
    shuffled = [[row[i] for i in order] for row in rows]
    shuffled[0] = [f" {name.upper()} " for name in shuffled[0]]
    write_rows(tmp_path / "shuffled.csv", shuffled)
    with fresh(tmp_path) as other:
        summary = import_csv(other, tmp_path / "shuffled.csv", ImportOptions(create_missing=True))
        assert (len(summary.added), summary.skipped) == (177, [])
        assert view(other) == view(demo)


def test_spreadsheet_style_column_names_are_read_and_unknown_ones_named(
    demo: CalendarStore, tmp_path: Path
) -> None:
    exported = tmp_path / "out.csv"
    export_csv(demo, exported, ExportOptions())
    rows = read_rows(exported)
    rows[0] = [name.replace("_", " ").title() for name in rows[0]]  # "Key Messages"
    rows[0][4] = "key-messages"
    rows = [[*row, "x"] for row in rows]
    rows[0][-1] = "Owner"
    write_rows(tmp_path / "sheet.csv", rows)
    with fresh(tmp_path) as other:
        summary = import_csv(other, tmp_path / "sheet.csv", ImportOptions(create_missing=True))
        assert (len(summary.added), summary.skipped) == (177, [])
        assert view(other) == view(demo), "the key messages came in too"
        assert summary.ignored_columns == ["Owner"]
        assert summary.describe().endswith("; ignored the column 'Owner'.")


def test_lf_and_crlf_files_read_the_same(store: CalendarStore, linkedin: int) -> None:
    text = f'{HEADER}\nu1,2026-12-01,09:00,LinkedIn,,,draft,Title,"two\nlines",,\n'
    lf = store.path.parent / "lf.csv"
    crlf = store.path.parent / "crlf.csv"
    lf.write_bytes(text.encode("utf-8"))
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    import_csv(store, lf, ImportOptions())
    assert store.post_by_uid("u1").body == "two\nlines"
    summary = import_csv(store, crlf, ImportOptions())
    # Inside the quoted cell a CRLF is a line end all the same: nothing changed.
    assert (summary.previous, summary.unchanged) == ([], 1)
    assert store.post_by_uid("u1").body == "two\nlines"


def test_a_file_with_old_mac_line_ends_reads_like_the_others(
    store: CalendarStore, linkedin: int
) -> None:
    """Excel's "CSV (Macintosh)" ends lines with a carriage return alone."""
    rows = ["u1,2026-12-01,09:00,LinkedIn,,,draft,One,,,", "u2,2026-12-02,,LinkedIn,,,draft,Two,,,"]
    text = "\r".join([HEADER, *rows, ""])
    mac = store.path.parent / "mac.csv"
    mac.write_bytes(text.encode("utf-8"))
    summary = import_csv(store, mac, ImportOptions())
    assert (len(summary.added), summary.skipped) == (2, [])
    assert (store.post_by_uid("u1").title, store.post_by_uid("u1").time) == ("One", time(9, 0))
    assert store.post_by_uid("u2").date == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("cell", "day_first", "expected"),
    [
        ("2026-03-04", True, date(2026, 3, 4)),
        ("2026-03-04", False, date(2026, 3, 4)),
        ("2026-3-4", True, date(2026, 3, 4)),
        ("03/04/2026", True, date(2026, 4, 3)),
        ("03/04/2026", False, date(2026, 3, 4)),
        ("3.4.2026", True, date(2026, 4, 3)),
        ("12/31/2026", False, date(2026, 12, 31)),
        ("2026/03/04", True, date(2026, 3, 4)),  # as Excel writes it in Japan or China
        ("2026.03.04", False, date(2026, 3, 4)),
        ("2026-03-04 00:00:00", True, date(2026, 3, 4)),  # a date column as a date-time
        ("2026-03-04T00:00", True, date(2026, 3, 4)),
        ("3/4/2026 0:00", False, date(2026, 3, 4)),
        ("3-4-2027", True, date(2027, 4, 3)),  # Excel in the Netherlands
        ("03-04-2027", False, date(2027, 3, 4)),
        # A year of two digits, as LibreOffice saves a sheet "as shown": this century's.
        ("12/07/26", False, date(2026, 12, 7)),
        ("07.12.26", True, date(2026, 12, 7)),
        ("7-Dec-26", True, date(2026, 12, 7)),
    ],
)
def test_date_forms(
    store: CalendarStore, linkedin: int, cell: str, day_first: bool, expected: date
) -> None:
    source = store.path.parent / "d.csv"
    source.write_text(f"title,channel,date\nPost,LinkedIn,{cell}\n", encoding="utf-8")
    summary = import_csv(store, source, ImportOptions(day_first=day_first))
    assert summary.skipped == []
    assert store.all_posts()[0].date == expected


@pytest.mark.parametrize("cell", ["2026-03-04 25:00", "2026-03/04", "04/03/026"])
def test_a_date_that_says_more_or_less_is_refused(
    store: CalendarStore, linkedin: int, cell: str
) -> None:
    """A time other than midnight in the date column is not dropped without a word."""
    source = store.path.parent / "d.csv"
    source.write_text(f"title,channel,date\nPost,LinkedIn,{cell}\n", encoding="utf-8")
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == [
        f"row 2, column 'date': '{cell}' is not a date; write it as YYYY-MM-DD"
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("09:30", time(9, 30)),
        ("9:30", time(9, 30)),
        ("09:30:00", time(9, 30)),
        ("9:30 PM", time(21, 30)),
        ("12:05 am", time(0, 5)),
        ("14.30", time(14, 30)),  # Excel in Denmark or Finland
        ("9.00", time(9, 0)),
        ("17h30", time(17, 30)),  # as French writes it (the editor took it; a sheet not)
        ("17 h 30", time(17, 30)),
        ("9h", time(9, 0)),
        # The hour alone with its half of the day, and "p.m." (Excel in the US, Buffer,
        # Later): each row was skipped, "'5 PM' is not a time of day".
        ("5 PM", time(17, 0)),
        ("12 PM", time(12, 0)),
        ("12am", time(0, 0)),
        ("5pm", time(17, 0)),
        ("5:00 p.m.", time(17, 0)),
        ("9:15 a.m.", time(9, 15)),
    ],
)
def test_time_forms(store: CalendarStore, linkedin: int, cell: str, expected: time) -> None:
    import_row(store, f"2026-12-01,{cell}")
    assert store.all_posts()[0].time == expected


def test_a_first_date_that_reads_two_ways_but_not_at_all_is_skipped_at_its_row(
    store: CalendarStore, linkedin: int
) -> None:
    """ "1/5/2027 9:15:30" (seconds, as Google Sheets writes a date-time) first: "Cadence
    ran into a problem it did not expect (ValueError)", and nothing came in."""
    source = store.path.parent / "d.csv"
    source.write_text(
        "title,channel,date\nA,LinkedIn,1/5/2027 9:15:30\nB,LinkedIn,2/3/2027\n", "utf-8"
    )
    summary = import_csv(store, source, ImportOptions())
    assert [p.title for p in store.all_posts()] == ["B"]
    assert summary.skipped == [
        "row 2, column 'date': '1/5/2027 9:15:30' has seconds, and Cadence plans to the"
        " minute; write it as YYYY-MM-DD HH:MM"
    ]
    assert any(n.startswith("Dates such as 2/3/2027 were read day first") for n in summary.notes)


def test_look_alike_names_an_earlier_release_let_in_keep_their_posts_on_a_round_trip(
    store: CalendarStore, linkedin: int, tmp_path: Path
) -> None:
    """ "❤️ Customer love" and "❤ Customer love", two key messages made before they read
    the same: the calendar's own export, imported again, moved a post to the other."""
    first = store.add_key_message("Customer love").created[0]
    second = store.add_key_message("Customer care").created[0]
    store.db.execute(
        "UPDATE key_messages SET title = ? WHERE id = ?", ["\u2764\ufe0f Customer love", first]
    )
    store.db.execute(
        "UPDATE key_messages SET title = ? WHERE id = ?", ["\u2764 Customer love", second]
    )
    for n, message in enumerate((first, second)):
        store.add_post(NewPost(f"Post {n}", linkedin, (message,), date(2026, 12, 1 + n)))
    before = store.all_posts()
    export_csv(store, tmp_path / "own.csv", ExportOptions())
    summary = import_csv(store, tmp_path / "own.csv", ImportOptions())
    assert (summary.added, summary.previous, summary.unchanged) == ([], [], 2)
    assert store.all_posts() == before


def test_a_quote_after_a_space_is_said_as_such(store: CalendarStore, linkedin: int) -> None:
    """ "Put quotes around cells that hold commas" was said of a quoted cell: the space
    before its quote is what kept it from quoting."""
    source = store.path.parent / "spaced.csv"
    source.write_text('title, date, channel\nA, 2026-12-21, "LinkedIn, Instagram"\n', "utf-8")
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == [
        "row 2: it has 4 cells where the header names 3; remove the space before a cell's"
        " opening quote (with it, the quote opens no quoted cell)"
    ]


def test_a_time_with_seconds_is_said_as_one(store: CalendarStore, linkedin: int) -> None:
    """ "'23:59:59' is not a time of day": it is one, to the second."""
    summary = import_row(store, "2026-12-01,23:59:59")
    assert summary.skipped == [
        "row 2, column 'time': '23:59:59' has seconds, and Cadence plans to the minute;"
        " write it as HH:MM"
    ]


# -- generic import: bad rows and bad files --------------------------------------------


BAD_ROW_SENTENCES = [
    "row 3, column 'date': '31/02/2026' is not a date; write it as YYYY-MM-DD",
    "row 4, column 'date': '2026-13-01' is not a date; write it as YYYY-MM-DD",
    "row 5, column 'time': '9x30' is not a time of day; write it as HH:MM",
    "row 6, column 'time': '10:00' is a time without a date; give the post a date or leave "
    "the time empty",
    "row 7, column 'channel': there is no channel called 'TikTok'; add it, or import with"
    " --create-missing",
    "row 8, column 'channel': the channel is empty; name one, or choose a channel for the import",
    "row 9, column 'key_messages': there is no key message called 'We shout'; add it, or"
    " import with --create-missing",
    "row 10, column 'campaign': there is no campaign called 'Winter sale'; add it, or import"
    " with --create-missing",
    "row 12, column 'title': the title is empty; every post needs one",
    "row 13, column 'uid': 'u-good' is also on row 2; each post may appear only once",
    "row 14: it has 12 cells where the header names 11; put quotes around cells that hold commas",
    "row 15, column 'title': the title is empty; every post needs one",  # 4 cells of 11
]


def test_each_bad_row_is_skipped_with_one_sentence(store: CalendarStore, linkedin: int) -> None:
    store.add_key_message("We listen")
    summary = import_csv(store, FIXTURES / "bad_rows.csv", ImportOptions())
    assert summary.skipped == BAD_ROW_SENTENCES
    # A status Cadence does not know ("shipped", an approval step's "Needs approval")
    # brings the post in as a draft, said: the whole post was dropped.
    (shipped,) = [p for p in store.all_posts() if p.title == "Bad status"]
    assert shipped.status == PostStatus.DRAFT
    assert (
        "Read 'shipped', no status Cadence knows, as draft for a new post (it counts as no"
        " delivery), and left the status of a post already here as it was: set each post's"
        " status in the calendar." in summary.notes
    )
    assert sorted(p.uid for p in store.all_posts()) == ["u-good", "u-last", "u-status"]
    last = store.post_by_uid("u-last")
    assert (last.status, last.channel_id, len(last.message_ids)) == (
        PostStatus.SCHEDULED,
        linkedin,
        1,
    )
    assert [c.name for c in store.channels()] == ["LinkedIn"]
    assert summary.channels_added == summary.messages_added == summary.campaigns_added == []


def test_rows_are_named_as_a_spreadsheet_numbers_them(store: CalendarStore, linkedin: int) -> None:
    """The header is row 1; a blank line is a row, a line end inside a quoted cell is not."""
    source = store.path.parent / "rows.csv"
    source.write_text(
        "\n"  # row 1
        "title,channel,date\n"  # row 2
        '"Two\nlines",LinkedIn,2026-13-01\n'  # row 3, on lines 3 and 4
        "\n"  # row 4
        "Bad date,LinkedIn,31/02/2026\n",  # row 5, on line 6
        encoding="utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert [s.split(",")[0] for s in summary.skipped] == ["row 3", "row 5"]


def test_create_missing_creates_what_rows_name(store: CalendarStore, linkedin: int) -> None:
    store.add_key_message("We listen")
    created = import_csv(store, FIXTURES / "bad_rows.csv", ImportOptions(create_missing=True))
    assert "u-chan" in {p.uid for p in store.all_posts()}
    assert [s.split(",")[0].split(":")[0] for s in created.skipped] == [
        "row 3",
        "row 4",
        "row 5",
        "row 6",
        "row 8",
        "row 12",
        "row 13",
        "row 14",
        "row 15",
    ]
    names = {
        "channels": [store.channel(i).name for i in created.channels_added],
        "messages": [store.key_message(i).title for i in created.messages_added],
        "campaigns": [store.campaign(i).name for i in created.campaigns_added],
    }
    assert names == {"channels": ["TikTok"], "messages": ["We shout"], "campaigns": ["Winter sale"]}


def test_fallback_channel_takes_unknown_and_empty_channels(
    store: CalendarStore, linkedin: int
) -> None:
    store.add_key_message("We listen")
    summary = import_csv(store, FIXTURES / "bad_rows.csv", ImportOptions(fallback_channel="Misc"))
    misc = store.channel_named("Misc")
    assert misc is not None
    assert summary.channels_added == [misc.id]
    assert store.post_by_uid("u-chan").channel_id == misc.id
    assert store.post_by_uid("u-nochan").channel_id == misc.id
    assert store.post_by_uid("u-good").channel_id == linkedin


def test_no_fallback_channel_is_created_when_no_row_needs_it(
    store: CalendarStore, linkedin: int
) -> None:
    source = store.path.parent / "ok.csv"
    source.write_text("title,channel\nPost,LinkedIn\n", encoding="utf-8")
    summary = import_csv(store, source, ImportOptions(fallback_channel="Misc"))
    assert summary.channels_added == []
    assert store.channel_named("Misc") is None


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (
            b"",
            "The file is empty; a CSV file for Cadence starts with a line naming its "
            f"columns: {HEADER}.",
        ),
        (
            b"\r\n\r\n",
            "The file is empty; a CSV file for Cadence starts with a line naming its "
            f"columns: {HEADER}.",
        ),
        (
            b"channel,post\nLinkedIn,Post\n",
            "line 1: the file has no 'title' column; its first "
            f"line must name the columns, like {HEADER}",
        ),
        (
            b"18/11/2026 09:05,Hello,LinkedIn\n",  # a day, a title, a channel: no link
            "the file's first line is a post, not the names of its columns; a CSV file for"
            f" Cadence starts with a line naming its columns, like {HEADER}",
        ),
        (
            b"2026-11-18,Hello,LinkedIn,draft\n",  # a post, but no Hootsuite bulk file's
            "the file's first line is a post, not the names of its columns; a CSV file for"
            f" Cadence starts with a line naming its columns, like {HEADER}",
        ),
        (
            b"\n\ndate,title\n2026-12-01,Post\n",
            "line 3: the file has no 'channel' column; add "
            "one, or choose a channel for the imported posts (on the command line, --channel)",
        ),
        (b"title,channel,Date,date\n", "line 1: the column 'date' appears twice"),
        (b"title,channel,time\n", "line 1: the file has a 'time' column but no 'date' column"),
        (
            b'title,channel\nOk,LinkedIn\n"Open,LinkedIn\nNext,LinkedIn\n',
            "line 3: a quote "
            'opened on this row is never closed; a quote inside a cell must be doubled ("")',
        ),
        (
            b'title,channel\n"A"B,LinkedIn\n',
            "line 2: the file is not valid CSV here (',' "
            'expected after \'"\'); a quote inside a quoted cell must be doubled ("")',
        ),
    ],
)
def test_a_broken_file_is_refused_whole(
    store: CalendarStore, linkedin: int, content: bytes, sentence: str
) -> None:
    source = store.path.parent / "broken.csv"
    source.write_bytes(content)
    with pytest.raises(ImportProblem) as caught:
        import_csv(store, source, ImportOptions(create_missing=True))
    assert str(caught.value) == sentence
    assert store.count_posts() == 0
    assert [c.name for c in store.channels()] == ["LinkedIn"]


@pytest.mark.parametrize("cut_in", ["title", "link", "channel"])
def test_a_file_cut_short_in_the_middle_of_a_row_is_refused_whole(
    demo: CalendarStore, tmp_path: Path, cut_in: str
) -> None:
    """A half-downloaded export of the calendar itself, imported back: the last row's
    missing cells were read as empty, and its post lost its text and link, its title
    cut to "Customer sto" ("updated 1")."""
    whole = tmp_path / "whole.csv"
    export_csv(demo, whole, ExportOptions())
    text = whole.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    row = next(r for r in rows[40:] if r["link"] and r["body"])
    line_start = text.index(row["uid"])
    cut_at = text.index(row[cut_in], line_start) + len(row[cut_in]) // 2
    cut = tmp_path / "cut.csv"
    cut.write_text(text[:cut_at], encoding="utf-8", newline="")
    before = view(demo)
    with pytest.raises(ImportProblem) as caught:
        import_csv(demo, cut, ImportOptions())
    assert "looks cut short" in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert caught.value.line == text[:line_start].count("\n") + 1
    assert view(demo) == before
    # The same rows with the file's end where a tool leaves it (no line end after the
    # last row, as Google Sheets writes it): read as before.
    ends = tmp_path / "ends.csv"
    ends.write_text(text.rstrip("\r\n"), encoding="utf-8", newline="")
    import_csv(demo, ends, ImportOptions())
    assert view(demo) == before
    # A sheet written by hand, its empty cells at a row's end left out, and no line end
    # after the last: new posts, as before (it was refused as cut short).
    short = tmp_path / "short.csv"
    short.write_text(
        "title,date,channel,status,notes\nFirst tip,2026-12-14,LinkedIn\n"
        "Second tip,2026-12-15,LinkedIn",
        encoding="utf-8",
    )
    summary = import_csv(demo, short, ImportOptions())
    assert len(summary.added) == 2


def test_a_file_that_is_not_utf8_is_refused_with_its_line(store: CalendarStore) -> None:
    """Not UTF-8, nor Western European text (Russian, saved by a Windows Excel)."""
    cyrillic = store.path.parent / "plan.csv"
    cyrillic.write_bytes("title,channel\nFirst,LinkedIn\nИтоги года,LinkedIn\n".encode("cp1251"))
    with pytest.raises(ImportProblem) as caught:
        import_csv(store, cyrillic, ImportOptions(create_missing=True))
    assert str(caught.value) == (
        "line 3: the file is not UTF-8 text; save it as CSV UTF-8 and import it again"
    )
    assert caught.value.line == 3
    assert store.count_posts() == 0
    assert store.channels() == []
    # The same with returns alone ending its lines, as Mac Excel saves "CSV (Macintosh)".
    mac = store.path.parent / "mac.csv"
    mac.write_bytes(cyrillic.read_bytes().replace(b"\n", b"\r"))
    with pytest.raises(ImportProblem) as caught:
        import_csv(store, mac, ImportOptions(create_missing=True))
    assert caught.value.line == 3
    # Central European letters read as Western would be other letters: refused too.
    polish = store.path.parent / "pl.csv"
    polish.write_bytes("title,channel\nPodsumowanie roku: zażółć,LinkedIn\n".encode("cp1250"))
    with pytest.raises(ImportProblem):
        import_csv(store, polish, ImportOptions(create_missing=True))


@pytest.mark.parametrize(
    ("text", "encoding", "read"),
    [
        ("Óþýðanleg orð á Íslandi", "cp1252", True),  # four in a row, Icelandic's own
        ("H²O et l'été à Noël, cœur", "cp1252", True),
        ("Ação e informação, 1º Último", "cp1252", True),
        # Other languages' Windows letters read as Western ones: garbled, so refused.
        ("Představujeme Jiřího Nováka", "cp1250", False),  # "Pøedstavujeme Jiøího"
        ("Új gyárat nyitottunk Győrben, ünnep", "cp1250", False),
        ("İstanbul'da yeni fabrikamızı açtık", "cp1254", False),
        ("Fabrică nouă în Timişoara", "cp1250", False),
        ("Đakovo, čaša i kuća", "cp1250", False),
        ("Größer, schöner, grüner", "mac_roman", False),  # Mac Excel's "CSV (Macintosh)"
        ("Cześć!", "cp1250", False),  # "Czeœæ!"
    ],
)
def test_only_western_european_text_is_read_as_such(
    store: CalendarStore, text: str, encoding: str, read: bool
) -> None:
    """Czech, Hungarian, Turkish, Romanian and Croatian files came in garbled under a
    note; an Icelandic word of four accented letters, and "H²O", were refused whole."""
    source = store.path.parent / "plan.csv"
    source.write_bytes(f'title,channel\n"{text}",LinkedIn\n'.encode(encoding))
    if read:
        import_csv(store, source, ImportOptions(create_missing=True))
        assert [p.title for p in store.all_posts()] == [text]
    else:
        with pytest.raises(ImportProblem, match="not UTF-8 text"):
            import_csv(store, source, ImportOptions(create_missing=True))
        assert store.all_posts() == []


def test_excel_s_western_european_csv_is_read_and_said(store: CalendarStore) -> None:
    """A German or French Excel's "CSV (separated by semicolons)" is cp1252: refused whole,
    it was the file a European client sends most."""
    summary = import_csv(store, FIXTURES / "latin1.csv", ImportOptions(create_missing=True))
    assert sorted(p.title for p in store.all_posts()) == ["First", "Résumé de l'année"]
    assert summary.notes[0] == csv_profiles.WESTERN_READ
    german = store.path.parent / "de.csv"
    german.write_bytes(
        "title;channel;date\r\nStraßenfest „Sommer“ für 5 €;LinkedIn;04.12.2026\r\n".encode(
            "cp1252"
        )
    )
    import_csv(store, german, ImportOptions(create_missing=True))
    assert "Straßenfest „Sommer“ für 5 €" in {p.title for p in store.all_posts()}
    # UTF-8 with one byte gone wrong is no Western text: its other letters were garbled.
    damaged = store.path.parent / "damaged.csv"
    damaged.write_bytes("title,channel\nCafé,LinkedIn\n".encode() + b"Caf\xe9 2,LinkedIn\n")
    with pytest.raises(ImportProblem, match="not UTF-8 text"):
        import_csv(store, damaged, ImportOptions(create_missing=True))
    # An acute accent typed for an apostrophe, an ordinal's º: Western European too.
    typed = store.path.parent / "typed.csv"
    typed.write_bytes("title,channel\nLet´s meet at stand nº 4,LinkedIn\n".encode("cp1252"))
    import_csv(store, typed, ImportOptions(create_missing=True))
    assert "Let´s meet at stand nº 4" in {p.title for p in store.all_posts()}


def test_a_missing_file(store: CalendarStore) -> None:
    with pytest.raises(CalendarFileError, match="does not exist"):
        import_csv(store, store.path.parent / "nothing.csv", ImportOptions())


@pytest.mark.parametrize("cancel_after", [0, 1000, 2400])
def test_a_cancelled_import_changes_nothing(
    store: CalendarStore, tmp_path: Path, cancel_after: int
) -> None:
    source = tmp_path / "many.csv"
    rows = [["title", "channel", "key_messages"]]
    rows += [[f"Post {i}", f"Channel {i % 7}", f"Message {i % 3}"] for i in range(1200)]
    write_rows(source, rows)
    seen: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < cancel_after

    with pytest.raises(Cancelled):
        import_csv(store, source, ImportOptions(create_missing=True), cancel)
    assert seen[-1] == (cancel_after, 2400)  # 0: at once; 1000: reading; 2400: after writing
    assert store.count_posts() == 0
    assert store.channels() == []
    assert store.key_messages() == []


def test_progress_reaches_the_end(store: CalendarStore, tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    write_rows(source, [["title", "channel"]] + [[f"P{i}", "Web"] for i in range(2500)])
    seen: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    import_csv(store, source, ImportOptions(create_missing=True), record)
    assert seen[0] == (0, 5000)
    assert seen[-1] == (5000, 5000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


# -- key messages and injection ---------------------------------------------------------


@pytest.mark.parametrize(
    "titles",
    [["A"], ["A", "B"], ["Ready; set", "go"], ["back\\slash", "semi;", ";lead", "\\;"]],
)
def test_key_message_cell_round_trip(titles: list[str]) -> None:
    assert split_key_messages(join_key_messages(titles)) == titles


def test_key_message_cell_written_by_hand() -> None:
    assert split_key_messages(" We listen ; Solar pays ;; ") == ["We listen", "Solar pays"]


RISKY = ["=1+2", "+33 6 12 34 56", "-50% today", "@handle", "\tindented", "\rcarriage", "'quoted"]


def test_generic_cells_are_neutralised_and_restored(
    store: CalendarStore, add_message: Callable[..., int], tmp_path: Path
) -> None:
    channel = store.add_channel("@brand").created[0]
    message = add_message('=HYPERLINK("http://x")')
    campaign = store.add_campaign("-20% week").created[0]
    for text in RISKY:
        store.add_post(
            NewPost(
                title=text,
                channel_id=channel,
                message_ids=(message,),
                body=text,
                link=text,
                notes=text,
                campaign_id=campaign,
            )
        )
    exported = tmp_path / "out.csv"
    export_csv(store, exported, ExportOptions())
    rows = read_rows(exported)[1:]
    assert {(r[3], r[4], r[5]) for r in rows} == {
        ("'@brand", '\'=HYPERLINK("http://x")', "'-20% week")
    }
    expected = sorted("'" + t for t in RISKY)
    for column in (8, 9, 10):  # body, link, notes keep their leading tab or CR
        assert sorted(r[column] for r in rows) == expected
    # Titles are stored stripped, so the tab and CR ones start with a letter.
    assert sorted(r[7] for r in rows) == sorted(
        ["'=1+2", "'+33 6 12 34 56", "'-50% today", "'@handle", "indented", "carriage", "''quoted"]
    )
    with fresh(tmp_path) as other:
        import_csv(other, exported, ImportOptions(create_missing=True))
        assert view(other) == view(store)


def test_a_hand_written_apostrophe_is_kept(store: CalendarStore, linkedin: int) -> None:
    """Import takes off only the ``'`` the export puts before a formula start or a ``'``."""
    source = store.path.parent / "quotes.csv"
    write_rows(
        source,
        [
            ["uid", "channel", "title", "body"],
            ["u1", "LinkedIn", "'Tis the season", "'90s hits"],
            ["u2", "LinkedIn", "'=1+2", "''quoted"],
            ["u3", "LinkedIn", "'@handle", "'-50% today"],
        ],
    )
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    texts = {p.uid: (p.title, p.body) for p in store.all_posts()}
    assert texts == {
        "u1": ("'Tis the season", "'90s hits"),
        "u2": ("=1+2", "'quoted"),
        "u3": ("@handle", "-50% today"),
    }


def test_a_cell_that_began_with_a_windows_line_break_saved_again_by_a_spreadsheet(
    store: CalendarStore, linkedin: int
) -> None:
    """Exported as "'" and CR LF (a carriage return starts a formula), saved back by
    LibreOffice with the line feed alone: the apostrophe stayed in the notes."""
    source = store.path.parent / "resaved.csv"
    write_rows(source, [["uid", "channel", "title", "notes"], ["u1", "LinkedIn", "T", "'\nAsk"]])
    import_csv(store, source, ImportOptions())
    assert [p.notes for p in store.all_posts()] == ["\nAsk"]


# -- Hootsuite ----------------------------------------------------------------------------


@pytest.fixture
def publishing(store: CalendarStore, add_channel: Callable[..., int]) -> dict[str, int]:
    return {name: add_channel(name) for name in ("LinkedIn", "Newsletter", "Press/PR")}


def add(
    store: CalendarStore,
    channel: int,
    day: date | None,
    at: time | None = None,
    *,
    title: str = "Post",
    body: str = "",
    link: str = "",
    status: PostStatus = PostStatus.SCHEDULED,
) -> None:
    store.add_post(
        NewPost(
            title=title,
            channel_id=channel,
            date=day,
            time=at,
            status=status,
            body=body,
            link=link,
        )
    )


def test_hootsuite_one_file_per_channel(
    store: CalendarStore, publishing: dict[str, int], tmp_path: Path
) -> None:
    add(
        store,
        publishing["LinkedIn"],
        date(2026, 12, 3),
        time(9, 2),
        title="Launch",
        body="We are live.\nCome see.",
        link="https://example.org/launch",
    )
    add(store, publishing["LinkedIn"], date(2026, 12, 1), title="Teaser")
    # A link that is no web address stays out of the tool's link column (a spreadsheet
    # ran "=HYPERLINK(…)" as a formula).
    add(store, publishing["Press/PR"], date(2026, 12, 2), time(23, 58), title="Release")
    release = next(p for p in store.all_posts() if p.title == "Release")
    store.update_post(release.id, {"link": '=HYPERLINK("http://evil.example")'})
    # One typed without its scheme is a web address all the same.
    teaser = next(p for p in store.all_posts() if p.title == "Teaser")
    store.update_post(teaser.id, {"link": "www.example.org/teaser"})

    summary = export_hootsuite(store, tmp_path / "out.csv", ExportOptions(today=TODAY))
    assert summary.details() == [
        "earlier: 'Release' on 2026-12-02: at 23:55, 3 min before the 23:58 planned",
        "later: 'Launch' on 2026-12-03: at 09:05, 3 min after the 09:02 planned",
        "no link: 'Release' on 2026-12-02: '=HYPERLINK(\"http://evil.example\")' is no web address",
    ]
    assert summary.describe().endswith(
        " 1 post has a link that is no web address, left out of the file's link column."
        " 2 posts go out on the 5-minute steps Hootsuite takes, not at their minute (1 of"
        " them before its time, as its day ends)."
    )

    assert summary.posts == 3
    assert summary.files == [tmp_path / "out-LinkedIn.csv", tmp_path / "out-Press_PR.csv"]
    assert (tmp_path / "out-LinkedIn.csv").read_bytes().decode("utf-8") == (
        "01/12/2026 09:00,Teaser,https://www.example.org/teaser\r\n"
        '03/12/2026 09:05,"Launch\n\nWe are live.\nCome see.",https://example.org/launch\r\n'
    )
    assert read_rows(tmp_path / "out-Press_PR.csv") == [["02/12/2026 23:55", "Release", ""]]


def test_the_demo_s_posts_reach_a_publishing_tool_with_their_title_once(
    demo: CalendarStore, tmp_path: Path
) -> None:
    """Every text began with its title again: a first export read "Friday tip: clean
    panels, more power / Friday tip: clean panels, more power. / …"."""
    summary = export_hootsuite(demo, tmp_path / "h.csv", ExportOptions(today=TODAY))
    texts = [row[1] for path in summary.files for row in read_rows(path)]
    assert len(texts) > 20
    assert [t for t in texts if t.count(t.split("\n\n")[0]) > 1] == []


@pytest.mark.parametrize("sprout", [False, True])
def test_a_sheet_s_posts_titled_by_their_first_line_go_out_with_it_once(
    store: CalendarStore, tmp_path: Path, sprout: bool
) -> None:
    """A Buffer sheet has no titles: each post took its text's first line as its title,
    and the tools' files sent that line twice (a text of one line, whole, twice)."""
    sheet = tmp_path / "buffer.csv"
    long_line = "Spring is here: " + "ride to work " * 8 + "and save"
    sheet.write_text(
        "Text,Posting Time\r\n"
        '"Tip: clean your panels.\nIt keeps 5% more yield.",2026-12-10 14:00\r\n'
        "One line only.,2026-12-11 14:00\r\n"
        f'"{long_line}\nSee you there.",2026-12-12 14:00\r\n',
        "utf-8",
    )
    import_csv(store, sheet, ImportOptions(fallback_channel="LinkedIn", create_missing=True))
    assert store.count_posts() == 3
    export = export_sprout if sprout else export_hootsuite
    summary = export(store, tmp_path / "h.csv", ExportOptions(today=TODAY))
    texts = [row[-1] if sprout else row[1] for row in read_rows(summary.files[0])][sprout:]
    assert csv_profiles.title_leads("Tip: clean", "Tip: clean your panels.")
    # A title that is the first sentence of the text's first line goes out once too.
    assert csv_profiles.title_leads("Tip: clean your panels.", "Tip: clean your panels. It…")
    assert not csv_profiles.title_leads("Launch", "Launching today")
    assert texts == [
        "Tip: clean your panels.\nIt keeps 5% more yield.",
        "One line only.",
        f"{long_line}\nSee you there.",  # its title was cut ("…"): the text alone still
    ]


def test_a_hootsuite_bulk_file_is_read_and_cadence_s_own_comes_back_as_its_posts(
    store: CalendarStore, publishing: dict[str, int], tmp_path: Path
) -> None:
    """A Hootsuite bulk file names no columns: a client's plan in one, and Cadence's own
    export imported back, were refused whole ("the first line is a post")."""
    linkedin = publishing["LinkedIn"]
    add(
        store,
        linkedin,
        date(2026, 12, 3),
        time(9, 2),
        title="Launch",
        body="We are live.\nCome see.",
    )
    add(store, linkedin, date(2026, 12, 4), None, title="Untimed tip")
    add(store, linkedin, date(2026, 12, 5), time(23, 58), title="Late one")
    summary = export_hootsuite(store, tmp_path / "out.csv", ExportOptions(today=TODAY))
    (sent,) = summary.files
    before = {(p.title, p.date, p.time) for p in store.all_posts()}
    again = import_csv(store, sent, ImportOptions(fallback_channel="LinkedIn"))
    # Each row is the post it was sent as: at 09:05 for 09:02, at 09:00 for no time, at
    # 23:55 for 23:58; none came in again, none moved.
    assert again.added == []
    assert {(p.title, p.date, p.time) for p in store.all_posts()} == before
    assert csv_profiles.HOOTSUITE_READ in again.notes
    # A client's own, into a calendar that has none of its posts.
    client = tmp_path / "client.csv"
    client.write_text(
        '22/01/2027 11:00,"Why we pay above the minimum: a thread\nRead on",'
        "https://kaffeenord.example/fair\r\n"
        "29/01/2027 11:00,Roasted in Berlin since 1998\r\n",
        "utf-8",
    )
    # A first post without a link, and a post whose text is a column's name: the
    # rows are as wide as ever, none is a header.
    client.write_text(
        client.read_text("utf-8")
        .replace(",https://kaffeenord.example/fair", "")
        .replace("Roasted in Berlin since 1998", "Roasted in Berlin since 1998,https://k.example")
        + "05/02/2027 11:00,Notes\r\n",
        "utf-8",
    )
    fresh = CalendarStore.create(tmp_path / "fresh.cadence", timezone="Europe/Berlin")
    fresh.add_channel("LinkedIn")
    read = import_csv(fresh, client, ImportOptions(fallback_channel="LinkedIn"))
    assert read.skipped == []
    posts = sorted(fresh.all_posts(), key=lambda p: p.date or date.min)
    assert [(p.title, p.date, p.time, p.link) for p in posts] == [
        ("Why we pay above the minimum: a thread", date(2027, 1, 22), time(11, 0), ""),
        ("Roasted in Berlin since 1998", date(2027, 1, 29), time(11, 0), "https://k.example"),
        ("Notes", date(2027, 2, 5), time(11, 0), ""),
    ]
    assert posts[0].body == "Why we pay above the minimum: a thread\nRead on"
    fresh.close()


def test_a_hootsuite_bulk_file_without_a_channel_chosen_says_to_choose_one(
    store: CalendarStore,
) -> None:
    """It was told to add a 'channel' column, of "line 0": the file has no line of
    column names, and Hootsuite's names no channel."""
    source = store.path.parent / "hs-Blog.csv"
    source.write_text('21/04/2027 09:00,"Hello there, world",https://example.org/x\n')
    with pytest.raises(ImportProblem) as refused:
        import_csv(store, source, ImportOptions())
    assert str(refused.value) == (
        "a Hootsuite file names no channel; choose the channel of its posts (on the command"
        " line, --channel)"
    )
    assert store.all_posts() == []


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (time(9, 0), "02/12/2026 09:00"),
        (time(9, 2), "02/12/2026 09:05"),
        (time(9, 55), "02/12/2026 09:55"),
        (time(9, 57), "02/12/2026 10:00"),
        (time(23, 55), "02/12/2026 23:55"),
        (time(23, 58), "02/12/2026 23:55"),  # never on the next day
        (None, "02/12/2026 09:00"),
    ],
)
def test_hootsuite_times_round_up_to_five_minutes_within_the_day(
    store: CalendarStore, publishing: dict[str, int], at: time | None, expected: str
) -> None:
    add(store, publishing["LinkedIn"], date(2026, 12, 2), at)
    export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    assert read_rows(store.path.parent / "h-LinkedIn.csv")[0][0] == expected


@pytest.mark.parametrize("sprout", [False, True])
def test_the_publishing_tools_get_plain_utf8_and_a_time_that_exists(
    store: CalendarStore, publishing: dict[str, int], sprout: bool
) -> None:
    """No byte-order mark, which a tool reads into the first date; 02:30 on the night
    Paris's clocks go forward is sent as 03:30, the time it goes out."""
    add(store, publishing["LinkedIn"], date(2027, 3, 28), time(2, 30), title="Night owl")
    folder = store.path.parent
    options = ExportOptions(today=TODAY, byte_order_mark=True)
    (export_sprout if sprout else export_hootsuite)(store, folder / "t.csv", options)
    data = (folder / "t-LinkedIn.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = read_rows(folder / "t-LinkedIn.csv")
    sent = rows[-1][:2] if sprout else rows[0][0].split(" ")
    assert sent == ["28/03/2027", "03:30"]


def test_hootsuite_date_order(store: CalendarStore, publishing: dict[str, int]) -> None:
    add(store, publishing["LinkedIn"], date(2026, 12, 3), time(14, 0))
    folder = store.path.parent
    export_hootsuite(store, folder / "d.csv", ExportOptions(today=TODAY, day_first=True))
    export_hootsuite(store, folder / "m.csv", ExportOptions(today=TODAY, day_first=False))
    assert read_rows(folder / "d-LinkedIn.csv")[0][0] == "03/12/2026 14:00"
    assert read_rows(folder / "m-LinkedIn.csv")[0][0] == "12/03/2026 14:00"


def test_hootsuite_only_future_posts_still_to_go_out(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    linkedin = publishing["LinkedIn"]
    add(store, linkedin, date(2026, 11, 17), time(23, 59), title="Yesterday")
    add(store, linkedin, TODAY, time(8, 0), title="Today")
    add(store, linkedin, date(2026, 11, 20), title="Draft", status=PostStatus.DRAFT)
    add(store, linkedin, date(2026, 11, 20), title="Idea", status=PostStatus.IDEA)
    add(store, linkedin, date(2026, 11, 20), title="Done", status=PostStatus.PUBLISHED)
    add(store, linkedin, date(2026, 11, 20), title="Off", status=PostStatus.CANCELLED)
    add(store, linkedin, None, title="Backlog")
    export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    assert [r[1] for r in read_rows(store.path.parent / "h-LinkedIn.csv")] == ["Today", "Draft"]


@pytest.mark.parametrize("sprout", [False, True])
def test_the_publishing_tools_say_the_drafts_left_out(
    store: CalendarStore, publishing: dict[str, int], sprout: bool
) -> None:
    """Scheduled posts alone asked for (the approved ones): the drafts still to go out
    are counted, and named when nothing else is left to send."""
    export = export_sprout if sprout else export_hootsuite
    linkedin = publishing["LinkedIn"]
    add(store, linkedin, date(2026, 11, 20), title="Draft", status=PostStatus.DRAFT)
    add(store, linkedin, date(2026, 11, 21), title="Draft 2", status=PostStatus.DRAFT)
    add(store, linkedin, date(2026, 11, 2), title="Old draft", status=PostStatus.DRAFT)
    folder = store.path.parent
    approved = ExportOptions(today=TODAY, statuses=frozenset({PostStatus.SCHEDULED}))
    with pytest.raises(InvalidInput) as refused:
        export(store, folder / "h.csv", approved)
    assert str(refused.value) == (
        "There is no scheduled post to export after now (2 drafts were left out);"
        " nothing was written."
    )
    add(store, linkedin, date(2026, 11, 22), title="Approved")
    summary = export(store, folder / "h.csv", approved)
    assert (summary.posts, summary.drafts_left) == (1, 2)
    assert " 2 drafts still to go out are not in it: only scheduled posts were chosen." in (
        summary.describe()
    )
    summary = export(store, folder / "h.csv", ExportOptions(today=TODAY))
    assert (summary.posts, summary.drafts_left) == (3, 0)
    assert "draft" not in summary.describe()


def test_a_tool_s_files_in_one_folder_name_it_once(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    """Each file's whole path, three times over, wrapped the summary box mid-path."""
    add(store, publishing["LinkedIn"], date(2026, 11, 20), title="Out")
    add(store, publishing["Press/PR"], date(2026, 11, 20), title="Out too")
    folder = store.path.parent
    summary = export_hootsuite(store, folder / "h.csv", ExportOptions(today=TODAY))
    assert summary.describe().startswith(
        f"Exported 2 posts to 2 files in {folder} (h-LinkedIn.csv, h-Press_PR.csv)."
    )
    summary = export_hootsuite(
        store,
        folder / "h.csv",
        ExportOptions(today=TODAY, channel_ids=frozenset({publishing["LinkedIn"]})),
    )
    assert summary.describe().startswith(f"Exported 1 post to {folder / 'h-LinkedIn.csv'}.")


def test_a_sheet_s_message_column_is_no_post_text(store: CalendarStore, linkedin: int) -> None:
    """A plan's "Message" column names a key message, in Cadence's words: read as each
    post's text, it replaced the texts."""
    source = store.path.parent / "plan.csv"
    source.write_text("title,date,channel,message\nLaunch,2026-12-08,LinkedIn,Made here\n")
    summary = import_csv(store, source, ImportOptions())
    (post,) = store.all_posts()
    assert (post.title, post.body, summary.ignored_columns) == ("Launch", "", ["message"])


def test_a_sprout_social_file_comes_back_as_the_posts_it_sends(
    store: CalendarStore, publishing: dict[str, int], tmp_path: Path
) -> None:
    """Sprout's own columns (``time_24hr``, ``message_text``) were no columns of
    Cadence's: its file was refused, "no 'title' column"."""
    add(
        store,
        publishing["LinkedIn"],
        date(2026, 11, 23),
        time(9, 0),
        title="Monday tip",
        body="Clean your panels twice a year.",
    )
    summary = export_sprout(store, tmp_path / "sp.csv", ExportOptions(today=TODAY))
    other = CalendarStore.create(tmp_path / "other.cadence", timezone="Europe/Paris")
    try:
        back = import_csv(
            other, summary.files[0], ImportOptions(fallback_channel="LinkedIn", create_missing=True)
        )
        assert (len(back.added), back.skipped) == (1, [])
        (post,) = other.all_posts()
        assert (post.title, post.body, post.date, post.time) == (
            "Monday tip",
            "Monday tip\n\nClean your panels twice a year.",
            date(2026, 11, 23),
            time(9, 0),
        )
        # Sent again, it goes out as it came: its title once.
        again = export_sprout(other, tmp_path / "again.csv", ExportOptions(today=TODAY))
        assert read_rows(again.files[0]) == read_rows(summary.files[0])
    finally:
        other.close()


def test_a_sprout_social_file_imported_into_its_calendar_changes_nothing(
    store: CalendarStore, publishing: dict[str, int], tmp_path: Path
) -> None:
    """Its text (title, body, link) was read as each post's body: the title and link
    were written into it, and each export and import back added the link again."""
    add(
        store,
        publishing["LinkedIn"],
        date(2026, 11, 23),
        time(9, 0),
        title="Monday tip",
        body="Clean your panels twice a year.",
        link="https://example.org/tip",
    )
    # One of no time, which goes out at 09:00 (it came back as a copy at 09:00).
    add(
        store,
        publishing["LinkedIn"],
        date(2026, 11, 24),
        title="Tuesday tip",
        status=PostStatus.DRAFT,
    )
    before = store.all_posts()
    summary = export_sprout(store, tmp_path / "sp.csv", ExportOptions(today=TODAY))
    back = import_csv(store, summary.files[0], ImportOptions(fallback_channel="LinkedIn"))
    assert (len(back.added), len(back.previous), back.unchanged) == (0, 0, 2)
    assert store.all_posts() == before
    again = export_sprout(store, tmp_path / "again.csv", ExportOptions(today=TODAY))
    assert read_rows(again.files[0]) == read_rows(summary.files[0])


def test_channels_with_long_names_get_files_of_names_a_disk_takes(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A channel of 90 Japanese characters (270 bytes) failed the whole export, "too long
    for the disk"; two of one long beginning share a cut name, told apart."""
    long = "株式会社サンプル公式アカウント" * 6
    first = store.add_channel(long + "東京").created[0]
    second = store.add_channel(long + "大阪").created[0]
    add(store, first, date(2026, 12, 1), title="Tokyo")
    add(store, second, date(2026, 12, 1), title="Osaka")
    for _ in range(2):  # again: the earlier files looked for, found, replaced
        summary = export_hootsuite(store, tmp_path / "h.csv", ExportOptions(today=TODAY))
        names = [path.name for path in summary.files]
        assert len(set(names)) == 2
        assert all(len(n.encode()) <= 255 for n in names)
        assert sorted(read_rows(path)[0][1] for path in summary.files) == ["Osaka", "Tokyo"]
        assert summary.left_over == []


def test_hootsuite_compares_with_the_time_of_day(
    store: CalendarStore, publishing: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    zones: list[str] = []

    def half_past_ten(zone: object) -> datetime:
        zones.append(str(zone))
        return datetime(2026, 11, 18, 10, 30)

    monkeypatch.setattr(csv_profiles, "_current_time", half_past_ten)
    linkedin = publishing["LinkedIn"]
    for at in (time(10, 0), time(10, 30), time(10, 31), time(11, 0)):
        add(store, linkedin, TODAY, at, title=f"{at:%H:%M}")
    export_hootsuite(store, store.path.parent / "h.csv", ExportOptions())
    assert zones == ["Europe/Paris"]
    assert read_rows(store.path.parent / "h-LinkedIn.csv") == [
        ["18/11/2026 10:35", "10:31", ""],
        ["18/11/2026 11:00", "11:00", ""],
    ]


def test_hootsuite_keeps_a_post_rounded_down_before_midnight(
    store: CalendarStore, publishing: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_profiles, "_current_time", lambda zone: datetime(2026, 11, 18, 23, 56))
    add(store, publishing["LinkedIn"], TODAY, time(23, 57), title="Last call")
    summary = export_hootsuite(store, store.path.parent / "h.csv", ExportOptions())
    assert summary.posts == 1  # still to go out, at the last step of its day
    assert read_rows(store.path.parent / "h-LinkedIn.csv") == [
        ["18/11/2026 23:55", "Last call", ""]
    ]
    assert summary.details() == [
        "too soon: 'Last call' on 2026-11-18 at 23:55: before now, on the tool's 5-minute step",
        "earlier: 'Last call' on 2026-11-18: at 23:55, 2 min before the 23:57 planned",
    ]


def test_ten_minutes_from_now_are_the_minutes_that_pass_as_the_clocks_go_forward(
    store: CalendarStore, publishing: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 01:58 on the night Paris's clocks go forward, a post at 03:05 goes out in 7
    minutes: counted on the clock's face (67), it was not named."""
    monkeypatch.setattr(csv_profiles, "_current_time", lambda zone: datetime(2027, 3, 28, 1, 58))
    add(store, publishing["LinkedIn"], date(2027, 3, 28), time(3, 5), title="Early")
    summary = export_sprout(store, store.path.parent / "t.csv", ExportOptions())
    assert summary.too_soon == ["'Early' on 2027-03-28 at 03:05: 7 min from now"]


@pytest.mark.parametrize("sprout", [False, True])
def test_the_publishing_tools_name_posts_sent_less_than_ten_minutes_from_now(
    store: CalendarStore,
    publishing: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    sprout: bool,
) -> None:
    """Both tools schedule a post only ten minutes after the file is uploaded: one
    three minutes ahead went into the file unsaid."""
    monkeypatch.setattr(
        csv_profiles, "_current_time", lambda zone: datetime(2026, 11, 18, 10, 30, 30)
    )
    linkedin = publishing["LinkedIn"]
    for at in (time(10, 31), time(10, 33), time(10, 40), time(10, 41)):
        add(store, linkedin, TODAY, at, title=f"At {at:%H:%M}")
    export = export_sprout if sprout else export_hootsuite
    summary = export(store, store.path.parent / "t.csv", ExportOptions())
    if sprout:
        expected = [
            "'At 10:31' on 2026-11-18 at 10:31: less than a minute from now",
            "'At 10:33' on 2026-11-18 at 10:33: 2 min from now",
            "'At 10:40' on 2026-11-18 at 10:40: 9 min from now",
        ]
    else:  # at the 5-minute step it is sent at
        expected = [
            "'At 10:31' on 2026-11-18 at 10:35: 4 min from now",
            "'At 10:33' on 2026-11-18 at 10:35: 4 min from now",
            "'At 10:40' on 2026-11-18 at 10:40: 9 min from now",
        ]
    assert summary.too_soon == expected
    one = len(expected) == 1
    assert (
        f" {len(expected)} post{'' if one else 's'} {'goes' if one else 'go'} out less than 10"
        " minutes from now, and the tools schedule posts only 10 minutes after the upload:"
        f" the tool may refuse {'it' if one else 'them'}."
    ) in summary.describe()


def test_hootsuite_splits_at_350_rows(store: CalendarStore, publishing: dict[str, int]) -> None:
    store.add_posts(
        NewPost(
            title=f"Post {i}",
            channel_id=publishing["Newsletter"],
            date=date(2027, 1, 1),
            status=PostStatus.SCHEDULED,
        )
        for i in range(351)
    )
    summary = export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    folder = store.path.parent
    assert summary.files == [folder / "h-Newsletter.csv", folder / "h-Newsletter-2.csv"]
    assert summary.posts == 351
    assert len(read_rows(folder / "h-Newsletter.csv")) == 350
    assert read_rows(folder / "h-Newsletter-2.csv") == [["01/01/2027 09:00", "Post 350", ""]]


@pytest.mark.parametrize("tool", ["csv", "hootsuite", "sprout"])
def test_each_file_is_on_the_disk_before_it_replaces_the_last_export(
    store: CalendarStore,
    publishing: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tool: str,
) -> None:
    """As an iCalendar file, a page or a copy is: a power cut soon after the export
    could leave an empty file where the last export was (XFS, a memory stick)."""
    add(store, publishing["Newsletter"], date(2026, 12, 1))
    add(store, publishing["LinkedIn"], date(2026, 12, 2))
    synced: set[int] = set()
    really = os.fsync

    def fsync(handle: int) -> None:
        synced.add(os.fstat(handle).st_ino)
        really(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    export = {"csv": export_csv, "hootsuite": export_hootsuite, "sprout": export_sprout}[tool]
    summary = export(store, store.path.parent / "out.csv", ExportOptions(today=TODAY))
    assert len(summary.files) == (1 if tool == "csv" else 2)
    assert all(f.stat().st_ino in synced for f in summary.files)


def test_hootsuite_into_a_folder(store: CalendarStore, publishing: dict[str, int]) -> None:
    add(store, publishing["Newsletter"], date(2026, 12, 1), time(9, 30))
    folder = store.path.parent / "hootsuite"
    folder.mkdir()
    summary = export_hootsuite(store, folder, ExportOptions(today=TODAY))
    assert summary.files == [folder / "Newsletter.csv"]
    assert summary.describe() == (
        f"Exported 1 post to {folder / 'Newsletter.csv'}. Its times are in Europe/Paris:"
        " upload it to profiles set to that zone. The tool publishes to social networks:"
        " 'Newsletter' is no such channel; leave it out unless the tool has a profile for it."
    )
    # A social network's channel is what the tool is for, and one of another kind may
    # be a profile of theirs (Google Business Profile): nothing said of them.
    profile = store.add_channel("Google Business Profile", kind="other").created[0]
    for channel in (publishing["LinkedIn"], profile):
        add(store, channel, date(2026, 12, 2))
    summary = export_sprout(
        store,
        folder,
        ExportOptions(today=TODAY, channel_ids=frozenset({publishing["LinkedIn"], profile})),
    )
    assert summary.posts == 2
    assert "social networks" not in summary.describe()


def test_a_file_an_earlier_export_left_for_a_channel_with_nothing_now_is_named(
    store: CalendarStore,
    publishing: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its posts cancelled since, the Newsletter's file of the first export stayed beside
    the new ones, unsaid: a tool given the folder would schedule them. Named through a
    relative path or a linked folder, the files just written were called left over."""
    add(store, publishing["LinkedIn"], date(2026, 12, 1))
    add(store, publishing["Newsletter"], date(2026, 12, 2))
    linked = tmp_path / "linked"
    linked.symlink_to(store.path.parent)
    monkeypatch.chdir(linked)
    for target in (Path("h.csv"), linked / "h.csv"):
        assert export_hootsuite(store, target, ExportOptions(today=TODAY)).left_over == []
    (store.path.parent / "h-LinkedIn-2.csv").write_text("an earlier second part")
    (newsletter,) = [p for p in store.all_posts() if p.channel_id == publishing["Newsletter"]]
    store.update_post(newsletter.id, {"status": PostStatus.CANCELLED})

    again = export_hootsuite(store, Path("h.csv"), ExportOptions(today=TODAY))

    assert again.files == [store.path.parent / "h-LinkedIn.csv"]
    assert again.left_over == [Path("h-LinkedIn-2.csv"), Path("h-Newsletter.csv")]
    assert again.describe().endswith(
        " h-LinkedIn-2.csv, h-Newsletter.csv are left from an earlier export, with posts"
        " this one did not send: delete them before giving the folder to the tool."
    )
    # An export of one channel leaves the others' files out of it.
    only = ExportOptions(today=TODAY, channel_ids=frozenset({publishing["LinkedIn"]}))
    assert export_hootsuite(store, Path("h.csv"), only).left_over == [Path("h-LinkedIn-2.csv")]

    # Two channels whose names make one file's ("Press/PR", "Press:PR": Press_PR and
    # Press_PR_2): the second's file, left, was not named.
    other_press = store.add_channel("Press:PR").created[0]
    add(store, publishing["Press/PR"], date(2026, 12, 3))
    add(store, other_press, date(2026, 12, 4))
    first = export_hootsuite(store, Path("p.csv"), ExportOptions(today=TODAY))
    assert [f.name for f in first.files][-2:] == ["p-Press_PR.csv", "p-Press_PR_2.csv"]
    (later,) = [p for p in store.all_posts() if p.channel_id == other_press]
    store.update_post(later.id, {"status": PostStatus.CANCELLED})
    again = export_hootsuite(store, Path("p.csv"), ExportOptions(today=TODAY))
    assert Path("p-Press_PR_2.csv") in again.left_over


def test_a_channel_named_as_a_file_can_be_takes_its_own_file_name(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    """ "Blog/EN", listed first, took Blog_EN.csv and the channel really named Blog_EN
    got Blog_EN_2.csv: uploaded by its name to the Blog_EN profile, a file held the
    other channel's posts."""
    slashed = store.add_channel("Blog/EN").created[0]
    plain = store.add_channel("Blog_EN").created[0]
    add(store, slashed, date(2026, 12, 3), title="For the slashed one")
    add(store, plain, date(2026, 12, 4), title="For the plain one")
    target = store.path.parent / "tools"
    target.mkdir()
    summary = export_sprout(store, target, ExportOptions(today=TODAY))
    by_name = {f.name: f.read_text(encoding="utf-8") for f in summary.files}
    assert sorted(by_name) == ["Blog_EN.csv", "Blog_EN_2.csv"]
    assert "For the plain one" in by_name["Blog_EN.csv"]
    assert "For the slashed one" in by_name["Blog_EN_2.csv"]
    # Listed in the calendar's order of channels, as before.
    assert [f.name for f in summary.files] == ["Blog_EN_2.csv", "Blog_EN.csv"]


def test_a_file_per_channel_into_a_folder_whose_clock_runs_behind_is_written_whole(
    demo: CalendarStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network share whose server's clock runs two hours behind: the files still to
    rename looked like an old stopped export's leftovers once the first was in place,
    and were removed (the export stopped half done, "sprout-Instagram.csv does not
    exist")."""
    from calendar_app.core import files

    real = files.time.time
    monkeypatch.setattr(files, "time", SimpleNamespace(time=lambda: real() + 7200))
    target = demo.path.parent / "sprout.csv"
    summary = export_sprout(demo, target, ExportOptions(today=TODAY))
    assert len(summary.files) > 1
    assert all(f.exists() for f in summary.files)
    assert not list(demo.path.parent.glob(".*.tmp"))


def test_a_second_part_never_takes_the_file_name_of_a_channel(store: CalendarStore) -> None:
    """News's 360 posts went to News.csv and News-2.csv, and the channel named News-2
    got News-2_2.csv: uploaded by their names, ten posts of News went out on News-2."""
    news = store.add_channel("News").created[0]
    news_2 = store.add_channel("News-2").created[0]
    store.add_posts(
        NewPost(
            f"News {n}", news, date=date(2026, 12, 2), time=time(9, 0), status=PostStatus.SCHEDULED
        )
        for n in range(360)
    )
    add(store, news_2, date(2026, 12, 4), title="For News-2")
    target = store.path.parent / "tools"
    target.mkdir()
    summary = export_sprout(store, target, ExportOptions(today=TODAY))
    by_name = {f.name: f.read_text(encoding="utf-8") for f in summary.files}
    assert "For News-2" in by_name["News-2.csv"]
    assert "News 1" not in by_name["News-2.csv"]
    assert sum(text.count("News ") for text in by_name.values()) == 360


def test_a_file_left_under_a_channel_s_former_name_is_named(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    """LinkedIn renamed "LinkedIn Company Page" since the last export: its old file,
    with the same posts, stayed beside the new one, unsaid (a tool given the folder
    would schedule them twice). One whose name another channel has now, not exported,
    is that one's."""
    add(store, publishing["LinkedIn"], date(2026, 12, 1))
    add(store, publishing["Newsletter"], date(2026, 12, 2))
    target = store.path.parent / "sprout.csv"
    export_sprout(store, target, ExportOptions(today=TODAY))
    store.update_channel(publishing["LinkedIn"], name="LinkedIn Company Page")

    again = export_sprout(store, target, ExportOptions(today=TODAY))

    assert [f.name for f in again.files] == [
        "sprout-LinkedIn Company Page.csv",
        "sprout-Newsletter.csv",
    ]
    assert [f.name for f in again.left_over] == ["sprout-LinkedIn.csv"]
    # A new channel called LinkedIn, left out of this export: the file is its own.
    store.add_channel("LinkedIn")
    renamed = frozenset({publishing["LinkedIn"], publishing["Newsletter"]})
    only = ExportOptions(today=TODAY, channel_ids=renamed)
    assert export_sprout(store, target, only).left_over == []


def test_hootsuite_with_nothing_to_send(store: CalendarStore, publishing: dict[str, int]) -> None:
    add(store, publishing["LinkedIn"], date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="no post to export"):
        export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    assert others(store.path.parent) == []
    # Yesterday's file still there: named, or a nightly upload sends its posts again.
    (store.path.parent / "h-LinkedIn.csv").write_text("26/01/2026 09:00,Sent yesterday,\n")
    with pytest.raises(InvalidInput) as refused:
        export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    assert str(refused.value).endswith(
        "nothing was written. h-LinkedIn.csv, left from an earlier export, still holds posts:"
        " delete it before giving the folder to the tool."
    )
    # Each named, to delete each ("h-LinkedIn.csv, h-Newsletter.csv and 1 more").
    for name in ("Newsletter", "Press_PR"):
        (store.path.parent / f"h-{name}.csv").write_text("26/01/2026 09:00,Sent,\n")
    with pytest.raises(InvalidInput) as refused:
        export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    assert "h-LinkedIn.csv, h-Newsletter.csv and h-Press_PR.csv, left" in str(refused.value)


def test_a_channels_file_is_named_without_direction_marks(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A right-to-left override in a channel's name: its file "h-Ads‮gpj.exe.csv" showed
    in a file manager as a picture, "h-Adsvsc.exe.jpg"."""
    channel = store.add_channel("Ads\u202egpj.exe").created[0]
    add(store, channel, date(2026, 12, 1), title="Sale")
    # An emoji's joiner is no direction mark: its file keeps it, as an earlier one had it.
    coder = store.add_channel("\U0001f469\u200d\U0001f4bb Dev").created[0]
    add(store, coder, date(2026, 12, 1), title="Release notes")
    earlier = tmp_path / "h-Ads\u202egpj.exe.csv"  # as an earlier release named it
    earlier.write_text("01/12/2026 09:00,Sale,\r\n", "utf-8")
    summary = export_hootsuite(store, tmp_path / "h.csv", ExportOptions(today=TODAY))
    assert summary.files == [
        tmp_path / "h-Adsgpj.exe.csv",
        tmp_path / "h-\U0001f469\u200d\U0001f4bb Dev.csv",
    ]
    assert summary.left_over == [earlier]  # said, or a tool given the folder sends it twice


def test_hootsuite_writes_the_text_as_it_is(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    """Hootsuite publishes a cell literally: a ``'`` in front would go out with the post."""
    for text in RISKY:
        add(store, publishing["LinkedIn"], date(2026, 12, 1), title=text.strip(), link=text)
    export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    rows = read_rows(store.path.parent / "h-LinkedIn.csv")
    assert {r[1] for r in rows} == {t.strip() for t in RISKY}
    assert {r[2] for r in rows} == {""}  # none is a web address: no link for the tool


# -- Sprout Social --------------------------------------------------------------------------


def test_publishing_files_name_the_posts_too_long_for_their_channel(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    short = store.add_channel("Short", char_limit=30).created[0]
    add(store, short, date(2026, 12, 2), time(9, 0), title="Fits", body="In 30.")
    add(store, short, date(2026, 12, 3), time(9, 0), title="Just fits", body="x" * 19)
    add(store, short, date(2026, 12, 4), time(9, 0), title="Long", body="y" * 40)
    add(
        store,
        short,
        date(2026, 12, 5),
        time(9, 0),
        title="Linked",
        body="z" * 10,
        link="https://e.org/a",
    )
    add(store, publishing["LinkedIn"], date(2026, 12, 6), time(9, 0), body="w" * 400)  # no limit
    folder = store.path.parent
    # A link that is no web address is left out of Hootsuite's column: not counted there.
    add(
        store,
        short,
        date(2026, 12, 7),
        time(9, 0),
        title="Mail",
        body="m" * 12,
        link="mailto:a@b.c",
    )
    # Sprout's text carries the link, and Hootsuite publishes its link column's after
    # the text (it was left out of the count: a post the tool refused, unsaid).
    for export in (export_hootsuite, export_sprout):
        summary = export(store, folder / "t.csv", ExportOptions(today=TODAY))
        mail = (
            [
                "'Mail' on 2026-12-07: 32 characters in the file (title, text and link),"
                " Short allows 30"
            ]
            if export is export_sprout
            else []
        )
        assert summary.too_long == [
            "'Long' on 2026-12-04: 46 characters in the file (title and text), Short allows 30",
            "'Linked' on 2026-12-05: 35 characters in the file (title, text and link),"
            " Short allows 30",
            *mail,
        ]


def test_sprout_header_and_rows(store: CalendarStore, publishing: dict[str, int]) -> None:
    add(
        store,
        publishing["LinkedIn"],
        date(2026, 12, 3),
        time(14, 7),
        title="Launch",
        body="We are live.",
        link="https://example.org",
    )
    add(store, publishing["Newsletter"], date(2026, 12, 1), title="Issue 12")
    add(store, publishing["Newsletter"], date(2026, 11, 1), title="Past")
    target = store.path.parent / "sprout.csv"

    summary = export_sprout(store, target, ExportOptions(today=TODAY, day_first=False))

    # Sprout schedules a file on the profiles picked as it is uploaded: one per channel.
    linked, letter = (store.path.parent / f"sprout-{n}.csv" for n in ("LinkedIn", "Newsletter"))
    assert (summary.posts, summary.files) == (2, [linked, letter])
    assert linked.read_bytes().decode("utf-8") == (
        "date,time_24hr,message_text\r\n"
        '12/03/2026,14:07,"Launch\n\nWe are live.\n\nhttps://example.org"\r\n'
    )
    assert letter.read_bytes().decode("utf-8") == (
        "date,time_24hr,message_text\r\n12/01/2026,09:00,Issue 12\r\n"
    )
    assert not target.exists()
    export_sprout(store, target, ExportOptions(today=TODAY, byte_order_mark=True))
    assert letter.read_bytes().startswith(b"date,time_24hr,message_text\r\n")  # plain UTF-8
    assert read_rows(letter)[1] == ["01/12/2026", "09:00", "Issue 12"]


def test_sprout_splits_at_350_rows_each_with_its_header(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    store.add_posts(
        NewPost(
            title=f"Post {i}",
            channel_id=publishing["Newsletter"],
            date=date(2027, 1, 1) + timedelta(days=i),
            status=PostStatus.SCHEDULED,
        )
        for i in range(351)
    )
    folder = store.path.parent / "sprout"
    folder.mkdir()
    summary = export_sprout(store, folder, ExportOptions(today=TODAY))
    assert summary.files == [folder / "Newsletter.csv", folder / "Newsletter-2.csv"]
    assert [len(read_rows(f)) for f in summary.files] == [351, 2]
    assert read_rows(folder / "Newsletter-2.csv") == [
        list(SPROUT_HEADER),
        ["17/12/2027", "09:00", "Post 350"],
    ]


@pytest.mark.parametrize("export", [export_sprout, export_hootsuite])
def test_a_publishing_export_cancelled_while_writing_writes_nothing(
    store: CalendarStore, publishing: dict[str, int], export: Callable[..., object]
) -> None:
    for name in ("LinkedIn", "Newsletter"):
        store.add_posts(
            NewPost(
                title=f"{name} {i}",
                channel_id=publishing[name],
                date=date(2027, 1, 1) + timedelta(days=i),
                status=PostStatus.SCHEDULED,
            )
            for i in range(700)
        )
    folder = store.path.parent / "tools"
    folder.mkdir()
    (folder / "LinkedIn.csv").write_text("the previous file\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []

    def cancel_midway(done: int, total: int) -> bool:
        seen.append((done, total))
        return done == 0

    with pytest.raises(Cancelled):
        export(store, folder, ExportOptions(today=TODAY), cancel_midway)
    assert seen[-1][0] > 0  # while the rows were written, not once they all were
    assert seen[-1][0] < seen[-1][1]
    assert sorted(f.name for f in folder.iterdir()) == ["LinkedIn.csv"]
    assert (folder / "LinkedIn.csv").read_text(encoding="utf-8") == "the previous file\n"


def test_sprout_names_posts_less_than_ten_minutes_apart_on_a_channel(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    """Sprout wants 10 minutes between messages: the times stay as planned, and each
    post too close to the one before it on its channel is named."""
    linkedin, letter = publishing["LinkedIn"], publishing["Newsletter"]
    day = date(2026, 12, 2)
    for at, title in [(time(10), "A"), (time(10), "B"), (time(10, 9), "C"), (time(10, 19), "D")]:
        add(store, linkedin, day, at, title=title)
    add(store, letter, day, time(10, 1), title="Elsewhere")  # another channel: its own file
    summary = export_sprout(store, store.path.parent / "s.csv", ExportOptions(today=TODAY))
    assert summary.too_close == [
        "'B' on 2026-12-02 at 10:00: at the same time as 'A' on LinkedIn",
        "'C' on 2026-12-02 at 10:09: 9 min after 'B' on LinkedIn",
    ]
    assert summary.describe().endswith(
        " 2 posts are less than 10 minutes after another on their channel;"
        " Sprout Social may refuse them."
    )
    rows = read_rows(store.path.parent / "s-LinkedIn.csv")
    assert [r[1] for r in rows[1:]] == ["10:00", "10:00", "10:09", "10:19"]
    hootsuite = export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    assert hootsuite.too_close == []


@pytest.mark.parametrize("tool", ["hootsuite", "sprout"])
def test_posts_without_a_time_are_said_to_go_out_at_nine(
    store: CalendarStore, publishing: dict[str, int], tool: str
) -> None:
    """Two posts of a day without a time went to the tool at 09:00, the same minute,
    unsaid (Sprout's warning quoted a 09:00 nobody set)."""
    linkedin = publishing["LinkedIn"]
    day = date(2026, 12, 2)
    for title in ("Team photo", "Launch recap"):
        add(store, linkedin, day, None, title=title)
    add(store, linkedin, day, time(15), title="Timed")
    export = export_sprout if tool == "sprout" else export_hootsuite
    summary = export(store, store.path.parent / "t.csv", ExportOptions(today=TODAY))
    assert summary.untimed == 2
    assert (
        " 2 posts without a time go out at 09:00, as the tool needs one; give them times"
        " in Cadence to choose."
    ) in summary.describe()
    if tool == "sprout":
        (close,) = summary.too_close
        assert close.endswith(
            "at 09:00 (given no time): at the same time as 'Team photo' (given no time) on LinkedIn"
        )


def test_sprout_counts_the_minutes_that_pass_on_the_nights_the_clocks_change(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    """01:55 and 03:00 as Paris's clocks go forward are 5 minutes apart (not named);
    02:55 and 03:00 as they go back, 65 (named as 5 minutes apart)."""
    linkedin = publishing["LinkedIn"]
    add(store, linkedin, date(2027, 3, 28), time(1, 55), title="A")
    add(store, linkedin, date(2027, 3, 28), time(3, 0), title="B")
    add(store, linkedin, date(2027, 10, 31), time(2, 55), title="C")
    add(store, linkedin, date(2027, 10, 31), time(3, 0), title="D")
    summary = export_sprout(store, store.path.parent / "s.csv", ExportOptions(today=TODAY))
    assert summary.too_close == ["'B' on 2027-03-28 at 03:00: 5 min after 'A' on LinkedIn"]


def test_a_post_too_long_for_x_is_counted_as_x_counts(
    store: CalendarStore, add_channel: Callable[..., int]
) -> None:
    """150 Chinese characters fit 280 by their number, but X counts each twice."""
    x = store.add_channel("X", char_limit=280).created[0]
    add(store, x, date(2026, 12, 2), time(9, 0), title="発売", body="中" * 140)
    add(store, x, date(2026, 12, 3), time(9, 0), title="Team", body="🎉" * 130)  # 4 + 2 + 260: fits
    summary = export_hootsuite(store, store.path.parent / "h.csv", ExportOptions(today=TODAY))
    assert summary.too_long == [
        "'発売' on 2026-12-02: 286 characters in the file (title and text), X allows 280"
    ]


def test_sprout_writes_the_text_as_it_is(store: CalendarStore, publishing: dict[str, int]) -> None:
    """Sprout Social publishes a cell literally: a ``'`` in front would go out with the post."""
    for text in RISKY:
        add(store, publishing["LinkedIn"], date(2026, 12, 1), title=text)
    target = store.path.parent / "sprout.csv"
    export_sprout(store, target, ExportOptions(today=TODAY))
    # Titles are stored stripped, so the tab and CR ones start with a letter.
    rows = read_rows(store.path.parent / "sprout-LinkedIn.csv")
    assert sorted(r[2] for r in rows[1:]) == sorted(t.strip() for t in RISKY)


def test_a_spreadsheet_line_end_is_no_change_after_an_icalendar_round_trip(
    store: CalendarStore, linkedin: int
) -> None:
    """A CSV body written with CRLF comes back from iCalendar with LF: the same text."""
    text = f'{HEADER}\r\nu1,2026-12-01,09:00,LinkedIn,,,,Title,"two\r\nlines",,\r\n'
    source = store.path.parent / "excel.csv"
    source.write_bytes(text.encode("utf-8"))
    import_csv(store, source, ImportOptions())
    assert store.post_by_uid("u1").status == PostStatus.SCHEDULED
    ics = store.path.parent / "round.ics"
    export_ics(store, ics, ExportOptions(), no_progress)
    summary = import_ics(store, ics, ImportOptions(), no_progress)
    assert (summary.previous, summary.unchanged) == ([], 1)
    assert store.post_by_uid("u1").revision == 1


# -- an edit made here since ---------------------------------------------------------


def _one_post(store: CalendarStore, channel: int) -> Post:
    (post_id,) = store.add_post(
        NewPost("Launch", channel, date=date(2026, 12, 1), status=PostStatus.SCHEDULED)
    ).created
    return store.post(post_id)


def test_a_csv_export_imported_after_an_edit_here_is_its_past(
    store: CalendarStore, linkedin: int
) -> None:
    post = _one_post(store, linkedin)
    export_csv(store, store.path.parent / "plan.csv", ExportOptions())
    store.update_post(post.id, {"title": "Launch, fixed here"})
    summary = import_csv(store, store.path.parent / "plan.csv", ImportOptions())
    assert (summary.previous, summary.conflicts, summary.kept_newer) == ([], 0, 1)
    assert [p.title for p in store.all_posts()] == ["Launch, fixed here"]


def test_the_same_csv_again_keeps_an_edit_made_here_and_a_changed_one_keeps_both(
    store: CalendarStore, linkedin: int
) -> None:
    post = _one_post(store, linkedin)
    path = store.path.parent / "plan.csv"
    export_csv(store, path, ExportOptions())
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",Launch,", ",Launch (client),"), encoding="utf-8")
    assert len(import_csv(store, path, ImportOptions()).previous) == 1  # never edited here
    store.update_post(post.id, {"date": date(2026, 12, 2)})
    again = import_csv(store, path, ImportOptions())
    assert (again.previous, again.kept_newer) == ([], 1)
    assert store.post(post.id).date == date(2026, 12, 2)
    path.write_text(text.replace(",Launch,", ",Launch (client v2),"), encoding="utf-8")
    changed = import_csv(store, path, ImportOptions())
    assert (len(changed.previous), changed.conflicts) == (1, 1)
    assert changed.notes[0].startswith("'Launch (client v2)' was edited on both sides")
    assert sorted((p.title, p.date) for p in store.all_posts()) == [
        ("Launch (client v2)", date(2026, 12, 1)),
        ("Launch (client)" + CONFLICT_MARK, date(2026, 12, 2)),
    ]


def test_an_older_export_edited_in_a_spreadsheet_never_takes_an_edit_made_since(
    store: CalendarStore, linkedin: int
) -> None:
    """Week 1's file went to the client, the post was moved here, week 2's file went
    out, then the client's edit of week 1's file came back: the move stays, beside
    the client's version as a conflict copy (an export noting what it wrote made
    week 2's state look like week 1's base, and the move was lost)."""
    post = _one_post(store, linkedin)
    week1, week2 = store.path.parent / "week1.csv", store.path.parent / "week2.csv"
    export_csv(store, week1, ExportOptions())
    store.update_post(post.id, {"date": date(2026, 12, 5)})
    export_csv(store, week2, ExportOptions())
    week1.write_text(week1.read_text("utf-8").replace(",Launch,", ",Launch (client),"), "utf-8")
    summary = import_csv(store, week1, ImportOptions())
    assert summary.conflicts == 1
    kept = sorted((p.title, p.date) for p in store.all_posts())
    assert ("Launch" + CONFLICT_MARK, date(2026, 12, 5)) in kept


def test_a_publishing_tool_csv_again_keeps_an_edit_made_here(
    store: CalendarStore, linkedin: int
) -> None:
    path = store.path.parent / "tool.csv"
    path.write_text("title,date,channel,body\nBlog A,2026-12-01,LinkedIn,Text A\n", "utf-8")
    (post_id,) = import_csv(store, path, ImportOptions()).added
    store.update_post(post_id, {"body": "Text A, sharper"})
    summary = import_csv(store, path, ImportOptions())
    assert (summary.previous, summary.added, summary.kept_newer) == ([], [], 1)
    assert store.post(post_id).body == "Text A, sharper"


def _from_the_client_then_exported(store: CalendarStore) -> tuple[int, Path]:
    """A post from the client's spreadsheet (no uids), and Cadence's CSV export of it."""
    client = store.path.parent / "client.csv"
    client.write_text("date,channel,title\n2026-03-09,LinkedIn,Launch\n", "utf-8")
    (post_id,) = import_csv(store, client, ImportOptions()).added
    plan = store.path.parent / "plan.csv"
    export_csv(store, plan, ExportOptions())
    return post_id, plan


def test_an_older_export_that_also_moves_the_channel_loses_neither_side(
    store: CalendarStore, linkedin: int, add_channel: Callable[..., int]
) -> None:
    """The export from before an edit here, with its row moved to another channel in a
    spreadsheet: a CSV row has no versions to tell which came later, so both stay, one
    of them as a conflict copy."""
    add_channel("Newsletter")
    post_id, plan = _from_the_client_then_exported(store)
    store.update_post(post_id, {"body": "Written here"})
    plan.write_text(plan.read_text("utf-8").replace(",LinkedIn,", ",Newsletter,"), "utf-8")
    summary = import_csv(store, plan, ImportOptions())
    assert summary.conflicts == 1
    kept = {
        (p.title.removesuffix(CONFLICT_MARK), p.body, store.channel(p.channel_id).name)
        for p in store.all_posts()
    }
    assert kept == {("Launch", "Written here", "LinkedIn"), ("Launch", "", "Newsletter")}


def test_a_client_changing_a_row_back_with_more_comes_in(
    store: CalendarStore, linkedin: int
) -> None:
    """A state the post had before comes back from the client's spreadsheet with a new
    note: nothing was edited here, so it comes in whole (not taken for the past)."""
    client = store.path.parent / "client.csv"
    rows = ["Text A,n1", "Text B,n1", "Text A,n2"]
    for row in rows:
        client.write_text(f"date,channel,title,body,notes\n2026-03-09,LinkedIn,Launch,{row}\n")
        import_csv(store, client, ImportOptions())
    assert [(p.body, p.notes) for p in store.all_posts()] == [("Text A", "n2")]


@pytest.mark.parametrize(
    ("before", "after"), [(",LinkedIn,", ",Newsletter,"), (",Launch,", ",Launch day,")]
)
def test_a_changed_row_of_a_post_never_edited_here_comes_in_without_a_copy(
    store: CalendarStore, add_channel: Callable[..., int], before: str, after: str
) -> None:
    """A post from the client's spreadsheet, changed in Cadence's export of it (its
    channel, or what it shows) and imported again: the change comes in, and no
    conflict copy is made, as nothing was edited here."""
    add_channel("LinkedIn")
    add_channel("Newsletter")
    post_id, plan = _from_the_client_then_exported(store)
    plan.write_text(plan.read_text("utf-8").replace(before, after), "utf-8")
    summary = import_csv(store, plan, ImportOptions())
    assert (len(summary.previous), summary.conflicts) == (1, 0)
    post = store.post(post_id)
    assert (store.channel(post.channel_id).name, post.title) in {
        ("Newsletter", "Launch"),
        ("LinkedIn", "Launch day"),
    }
    assert len(store.all_posts()) == 1


def test_rows_without_uids_come_again_as_the_posts_moved_or_retitled_here(
    store: CalendarStore, linkedin: int
) -> None:
    """A spreadsheet plan (no uid column) imported, one post moved and another
    retitled here, the same file imported again: the rows are those posts (what each
    row said is noted on its post), so nothing is added and the edits stay."""
    plan = store.path.parent / "plan.csv"
    plan.write_text(
        "Date,Time,Channel,Title\n"
        "2027-04-13,09:00,LinkedIn,Second\n"
        "2027-04-14,09:00,LinkedIn,Third\n"
        "2027-04-14,09:00,LinkedIn,Third\n",
        "utf-8",
    )
    first = import_csv(store, plan, ImportOptions())
    second, third, twin = first.added
    store.update_post(second, {"date": date(2027, 4, 20)})
    store.update_post(third, {"title": "Third (reworded)"})

    summary = import_csv(store, plan, ImportOptions())

    assert (summary.added, summary.unchanged, summary.kept_newer) == ([], 1, 2)
    assert sorted((p.title, p.date) for p in store.all_posts()) == [
        ("Second", date(2027, 4, 20)),
        ("Third", date(2027, 4, 14)),
        ("Third (reworded)", date(2027, 4, 14)),
    ]
    assert {p.id for p in store.all_posts()} == {second, third, twin}


def test_an_older_export_does_not_take_back_what_a_later_file_brought(
    store: CalendarStore, linkedin: int
) -> None:
    """Cadence's CSV of a post, a colleague's copy of it with the title fixed
    (imported), then the first file again: it shows all of what the post was before
    the fix, so it is an older file and the fix stays."""
    store.add_post(
        NewPost("Original title", linkedin, (), date(2027, 2, 1), time(9, 0), PostStatus.SCHEDULED)
    )
    older = store.path.parent / "v1.csv"
    export_csv(store, older, ExportOptions())
    fixed = store.path.parent / "v2.csv"
    fixed.write_text(older.read_text("utf-8").replace("Original title", "Fixed title"), "utf-8")
    assert len(import_csv(store, fixed, ImportOptions()).previous) == 1

    summary = import_csv(store, older, ImportOptions())

    assert (summary.kept_newer, summary.previous, summary.conflicts) == (1, [], 0)
    assert [p.title for p in store.all_posts()] == ["Fixed title"]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("2027-04-16 14:00,", time(14, 0)),  # Google Sheets
        ("2027-04-16T14:00:00,", time(14, 0)),  # Airtable, Notion
        ("16/04/2027 2:00 PM,", time(14, 0)),
        ("2027-04-16 14:00,14:00", time(14, 0)),
        ("2027-04-16 00:00:00,09:15", time(9, 15)),  # a date column saved as date-times
        ("16/04/2027 12:00 AM,", time(0, 0)),  # midnight chosen, as Airtable writes it
        # As a time column reads them ("not a date"): the hour alone with its half of the
        # day, and "p.m." (Buffer's and Later's sheets, Excel in the US).
        ("2027-04-16 2 PM,", time(14, 0)),
        ("2027-04-16 2pm,", time(14, 0)),
        ("16/04/2027 2:00 p.m.,", time(14, 0)),
        ("2027-04-16 12:00 a.m.,", time(0, 0)),
        ('"April 16, 2027 2 PM",', time(14, 0)),
    ],
)
def test_a_date_with_its_time_in_one_cell_gives_both(
    store: CalendarStore, linkedin: int, cells: str, expected: time
) -> None:
    assert import_row(store, cells, ImportOptions(day_first=True)).skipped == []
    (post,) = store.all_posts()
    assert (post.date, post.time) == (date(2027, 4, 16), expected)


def test_a_date_and_a_time_that_disagree_are_refused(store: CalendarStore, linkedin: int) -> None:
    summary = import_row(store, "2027-04-16 14:00,15:00")
    assert summary.skipped == [
        "row 2, column 'time': the date says 14:00 and the time 15:00; give the time once"
    ]
    assert store.all_posts() == []


def test_a_row_short_of_its_empty_cells_comes_in(store: CalendarStore, linkedin: int) -> None:
    """Some tools leave out the empty cells at a row's end."""
    source = store.path.parent / "short.csv"
    source.write_text("title,channel,date,time,body,notes\nShort,LinkedIn,2027-05-01\n", "utf-8")
    assert import_csv(store, source, ImportOptions()).skipped == []
    (post,) = store.all_posts()
    assert (post.title, post.date, post.time, post.body) == ("Short", date(2027, 5, 1), None, "")


def test_a_year_zero_is_no_date_and_asks_nothing(store: CalendarStore, linkedin: int) -> None:
    """03/04/0000 reads no way: skipped, and not taken for a date to ask the order of."""
    source = store.path.parent / "zero.csv"
    source.write_text(
        "date,channel,title,status\n03/04/0000,LinkedIn,Zero,draft\n2027-01-05,LinkedIn,Fine,draft\n"
    )
    assert csv_date_order(source) == (None, None)
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == [
        "row 2, column 'date': '03/04/0000' is not a date; write it as YYYY-MM-DD"
    ]
    assert summary.notes == []
    assert [p.title for p in store.all_posts()] == ["Fine"]


@pytest.mark.parametrize("uid", ["", "u-1"])
def test_a_file_read_again_in_the_other_date_order_moves_its_posts(
    store: CalendarStore, linkedin: int, uid: str
) -> None:
    """Told that 03/04/2026 was read day first, the user imports the file again month
    first: the posts move to the other reading (none is added beside them)."""
    source = store.path.parent / "order.csv"
    source.write_text(f"uid,date,channel,title\n{uid},03/04/2026,LinkedIn,Spring\n", "utf-8")
    (post_id,) = import_csv(store, source, ImportOptions()).added

    summary = import_csv(store, source, ImportOptions(day_first=False))

    assert (summary.added, len(summary.previous), summary.conflicts) == ([], 1, 0)
    assert [(p.id, p.date) for p in store.all_posts()] == [(post_id, date(2026, 3, 4))]
    # And back again: read day first once more, it is 3 April again.
    again = import_csv(store, source, ImportOptions(day_first=True))
    assert (len(again.previous), again.kept_newer) == (1, 0)
    assert [(p.id, p.date) for p in store.all_posts()] == [(post_id, date(2026, 4, 3))]


@pytest.mark.parametrize("uid", ["", "u-1"])
def test_a_date_fixed_by_hand_is_no_other_reading_of_the_file(
    store: CalendarStore, linkedin: int, uid: str
) -> None:
    """Read day first (3 April), moved here to 4 March by hand, the file read day first
    again: the edit stays (it was taken for the file read the other way)."""
    source = store.path.parent / "order.csv"
    source.write_text(f"uid,date,channel,title\n{uid},03/04/2026,LinkedIn,Spring\n", "utf-8")
    (post_id,) = import_csv(store, source, ImportOptions(day_first=True)).added
    store.update_post(post_id, {"date": date(2026, 3, 4)})
    summary = import_csv(store, source, ImportOptions(day_first=True))
    assert (summary.previous, summary.kept_newer) == ([], 1)
    assert store.post(post_id).date == date(2026, 3, 4)


def test_key_messages_separated_by_commas_are_each_one(store: CalendarStore, linkedin: int) -> None:
    """A multiple choice from a spreadsheet or database names one key message per comma;
    a title with a comma in it stays whole where the calendar has it."""
    store.add_key_message("Fast, fair, local")
    source = store.path.parent / "notion.csv"
    source.write_text(
        "Title,Channel,Key messages\n"
        'Factory tour,LinkedIn,"Made in Europe, Zero waste"\n'
        'Delivery,LinkedIn,"Fast, fair, local"\n'
        'Both,LinkedIn,"Fast, fair, local, Made in Europe"\n'
        'Trailing,LinkedIn,"Zero waste,"\n'
        'Commas,LinkedIn,","\n'
        'Quoted,LinkedIn,"""Fast, fair, local"",Made in Europe"\n'  # Airtable's own quotes
        'New quoted,LinkedIn," ""Slow, steady"" , Zero waste"\n'
        'Lines,LinkedIn,"Made in Europe\nZero waste"\n',  # one a line in the cell
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions(create_missing=True))
    assert summary.skipped == []
    titles = {m.id: m.title for m in store.key_messages()}
    assert {p.title: sorted(titles[m] for m in p.message_ids) for p in store.all_posts()} == {
        "Factory tour": ["Made in Europe", "Zero waste"],
        "Delivery": ["Fast, fair, local"],
        "Both": ["Fast, fair, local", "Made in Europe"],
        "Trailing": ["Zero waste"],
        "Commas": [],
        "Quoted": ["Fast, fair, local", "Made in Europe"],
        "New quoted": ["Slow, steady", "Zero waste"],
        "Lines": ["Made in Europe", "Zero waste"],
    }


def test_a_cell_of_hundreds_of_key_messages_is_read_in_a_few_looks_each(
    store: CalendarStore, linkedin: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every run of pieces was tried at every piece: 300 hashtags in one cell took 5 s,
    1,000 over three minutes. No run is longer than the most commas a title here has."""
    from calendar_app.exchange import csv_profiles

    store.add_key_message("Fast, fair, local")
    looks = 0
    real = csv_profiles.name_key

    def counted(name: str) -> str:
        nonlocal looks
        looks += 1
        return real(name)

    monkeypatch.setattr(csv_profiles, "name_key", counted)
    tags = [f"#tag{i}" for i in range(300)]
    source = store.path.parent / "tags.csv"
    cell = ", ".join([*tags[:150], "Fast, fair, local", *tags[150:]])
    source.write_text(f'Title,Channel,Key messages\nMany,LinkedIn,"{cell}"\n', "utf-8")
    import_csv(store, source, ImportOptions(create_missing=True))
    (post,) = store.all_posts()
    titles = sorted(store.key_message(m).title for m in post.message_ids)
    assert titles == sorted([*tags, "Fast, fair, local"])
    assert looks < 20 * len(tags)


def test_a_channel_cell_naming_several_channels_is_refused_not_made_a_channel(
    store: CalendarStore, linkedin: int
) -> None:
    """A multiple choice of channels ("LinkedIn, Newsletter", as Notion writes one) is
    no channel of that name, known or new: the row is skipped, said. A channel whose
    name has a comma, added first, is named whole."""
    store.add_channel("Newsletter", kind="newsletter")
    store.add_channel("News, views")
    source = store.path.parent / "notion.csv"
    source.write_text(
        'Title,Channel\nBoth,"LinkedIn, Newsletter"\nNew,"Instagram, TikTok"\n'
        'Whole,"News, views"\n',
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions(create_missing=True))
    assert summary.skipped == [
        f"row {row}, column 'Channel': '{cell}' names several channels; a post goes out"
        " on one, so give each its own row"
        for row, cell in ((2, "LinkedIn, Newsletter"), (3, "Instagram, TikTok"))
    ]
    assert [store.channel(p.channel_id).name for p in store.all_posts()] == ["News, views"]


@pytest.mark.parametrize("whole_first", [True, False])
def test_a_title_the_file_writes_whole_elsewhere_is_read_whole_in_any_row_order(
    store: CalendarStore, linkedin: int, whole_first: bool
) -> None:
    """With the row that has it alone first, "Fast, reliable" became "Fast" and
    "reliable" (and the post carrying it among others made it whole, a third message)."""
    rows = ['A,LinkedIn,"Fast, reliable"\n', 'B,LinkedIn,"Fast, reliable;Local"\n']
    source = store.path.parent / "sheet.csv"
    source.write_text(
        "Title,Channel,Key messages\n" + "".join(rows[::-1] if whole_first else rows), "utf-8"
    )
    summary = import_csv(store, source, ImportOptions(create_missing=True))
    assert summary.skipped == []
    titles = {m.id: m.title for m in store.key_messages()}
    assert {p.title: sorted(titles[m] for m in p.message_ids) for p in store.all_posts()} == {
        "A": ["Fast, reliable"],
        "B": ["Fast, reliable", "Local"],
    }
    assert sorted(titles.values()) == ["Fast, reliable", "Local"]


def test_a_new_title_with_a_comma_from_cadence_stays_whole(
    demo: CalendarStore, tmp_path: Path
) -> None:
    """Cadence's own file (it has uids) separates titles by ';': a title with a comma
    that the calendar it goes to lacks is made whole."""
    message = demo.key_messages()[0]
    demo.update_key_message(replace(message, title="Solar, simply"))
    exported = tmp_path / "out.csv"
    export_csv(demo, exported, ExportOptions())
    with fresh(tmp_path) as other:
        import_csv(other, exported, ImportOptions(create_missing=True))
        assert "Solar, simply" in {m.title for m in other.key_messages()}


def test_posts_called_scheduled_without_a_date_come_in_as_drafts(
    store: CalendarStore, linkedin: int
) -> None:
    """A base whose days are in a column Cadence does not read ("Go-live week"): its
    scheduled rows come in undated, so as drafts in the backlog (no post there is
    scheduled), said."""
    source = store.path.parent / "airtable.csv"
    source.write_text(
        "Title,Channel,Status,Go-live week\n"
        "Launch,LinkedIn,Scheduled,2027-04-16\n"
        "Recap,LinkedIn,Idea,2027-04-20\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert {p.title: (p.date, p.status) for p in store.all_posts()} == {
        "Launch": (None, PostStatus.DRAFT),
        "Recap": (None, PostStatus.IDEA),
    }
    assert summary.notes == [
        "1 post without a date that the file calls scheduled or published came in as a draft, "
        "in the backlog."
    ]


def test_two_rows_are_never_taken_for_each_other_by_their_notes(
    store: CalendarStore, linkedin: int
) -> None:
    """Two different rows whose cells sum alike in 32 bits (as earlier notes did): the
    second is a post of its own, not the first one "edited here since"."""
    folder = store.path.parent
    march = folder / "march.csv"
    march.write_text(
        "title,channel,date\nstory video recap video warranty #276,LinkedIn,2027-03-01\n"
    )
    may = folder / "may.csv"
    may.write_text("title,channel,date\nstudy roof event tip teaser #292,LinkedIn,2027-05-01\n")
    import_csv(store, march, ImportOptions())
    summary = import_csv(store, may, ImportOptions())
    assert (len(summary.added), summary.kept_newer) == (1, 0)
    assert sorted(p.date for p in store.all_posts() if p.date is not None) == [
        date(2027, 3, 1),
        date(2027, 5, 1),
    ]


def test_an_undated_row_called_scheduled_deleted_here_stays_deleted(
    store: CalendarStore, linkedin: int
) -> None:
    """Made a draft as it came in, it is compared as the draft it was deleted as."""
    source = store.path.parent / "plan.csv"
    source.write_text(
        "title,channel,date,time,status,key_messages,campaign,notes,body,link\n"
        "Launch,LinkedIn,,,scheduled,,,,,\n"
    )
    (post_id,) = import_csv(store, source, ImportOptions()).added
    store.delete_posts([post_id])
    summary = import_csv(store, source, ImportOptions())
    assert (summary.added, summary.left_deleted) == ([], 1)
    assert store.all_posts() == []
    assert summary.notes == []  # none came in as a draft


def test_a_time_in_the_date_cell_updates_the_post(store: CalendarStore, linkedin: int) -> None:
    """With no time column, a time written with the date is the post's time on the
    next import too (the post kept its first time)."""
    source = store.path.parent / "plan.csv"
    source.write_text("uid,title,channel,date\nu-1,Post,LinkedIn,2027-04-16 14:00\n")
    import_csv(store, source, ImportOptions())
    source.write_text("uid,title,channel,date\nu-1,Post,LinkedIn,2027-04-16 15:30\n")
    summary = import_csv(store, source, ImportOptions())
    assert len(summary.previous) == 1
    assert store.post_by_uid("u-1").time == time(15, 30)


def test_a_row_noted_by_an_earlier_release_is_still_its_posts_past(
    store: CalendarStore, linkedin: int
) -> None:
    """A post that came in from a row when notes were 32-bit sums, edited here since:
    the same file again leaves it as it is (no conflict copy)."""
    source = store.path.parent / "plan.csv"
    source.write_text("title,channel,date,body\nPost,LinkedIn,2027-03-01,Text\n")
    (post_id,) = import_csv(store, source, ImportOptions()).added
    cells = "\x1f".join(
        {"date": "2027-03-01", "channel": "LinkedIn", "title": "Post", "body": "Text"}.get(name, "")
        for name in csv_profiles.GENERIC_COLUMNS
    )
    store.db.execute("DELETE FROM post_versions WHERE earlier_edited LIKE 'said:%'")
    store.add_notes({post_id: [f"said:{zlib.crc32(cells.encode()):08x}"]})
    store.update_post(post_id, {"body": "Written here"})
    summary = import_csv(store, source, ImportOptions())
    assert (summary.kept_newer, summary.conflicts, summary.added) == (1, 0, [])
    assert [p.body for p in store.all_posts()] == ["Written here"]


@pytest.mark.parametrize(
    ("text", "every"),
    [
        ("Title,Channel\nA,LinkedIn\n\nB,Mastodon\n", True),  # a blank line is no row
        ("Title,Channel\nA,LinkedIn\nB, \n", False),
        ("Title,Channel\nA,LinkedIn\nB\n", False),  # a short row: its channel is empty
        ("Title,Date\nA,2027-01-01\n", False),  # no channel column at all
        ("no title column\n", False),  # the import says what is wrong with it
    ],
)
def test_whether_every_row_names_a_channel(tmp_path: Path, text: str, every: bool) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text(text, "utf-8")
    assert csv_profiles.csv_names_every_channel(source) is every


def test_a_channel_a_spreadsheet_brings_takes_the_kind_its_name_says(
    store: CalendarStore,
) -> None:
    """A "Newsletter" column value made a social channel (the web page then said
    "Newsletter social")."""
    source = store.path.parent / "plan.csv"
    source.write_text(
        "date,channel,title\n2026-12-01,Newsletter,Issue 1\n2026-12-02,Kiosk,Poster\n"
        "2026-12-03,X,Teaser\n",
        "utf-8",
    )
    import_csv(store, source, ImportOptions(create_missing=True))
    # With the limit of the platform it names, as a channel made any other way: an X
    # made by a spreadsheet had none, and a post too long for X went out unsaid.
    assert {c.name: (c.kind, c.char_limit) for c in store.channels()} == {
        "Newsletter": ("newsletter", None),
        "Kiosk": ("social", None),
        "X": ("social", 280),
    }


def test_the_checks_before_an_import_read_the_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window asks whether every row names a channel, then the date order: each
    read and parsed the whole file (0.4 s apiece at 200,000 rows, the window frozen)."""
    source = tmp_path / "plan.csv"
    source.write_text("date,channel,title\n03/04/2027,LinkedIn,A\n\n05/06/2027,,B\n", "utf-8")
    reads: list[Path] = []
    read_text = csv_profiles._read_text

    def counted(path: Path) -> str:
        reads.append(path)
        return read_text(path)

    monkeypatch.setattr(csv_profiles, "_read_text", counted)
    assert not csv_profiles.csv_names_every_channel(source)
    assert csv_profiles.csv_date_order(source) == (None, "03/04/2027")
    assert reads == [source]
    source.write_text("date,channel,title\n13/04/2027,LinkedIn,A\n", "utf-8")  # changed
    assert csv_profiles.csv_names_every_channel(source)
    assert csv_profiles.csv_date_order(source) == (True, None)
    assert reads == [source, source]


# -- other tools' files -------------------------------------------------------------


def test_a_notion_database_comes_in_with_its_names_dates_and_statuses(
    store: CalendarStore, linkedin: int
) -> None:
    """Notion's "Name", its written-out dates and its default statuses are read as
    Cadence's title, date and status, each said once in the summary; "Tags" is no
    column Cadence reads."""
    source = store.path.parent / "Content calendar.csv"
    source.write_text(
        "\ufeffName,Channel,Date,Status,Tags\n"
        'Factory tour,LinkedIn,"December 5, 2026 10:00 AM",Not started,video\n'
        'Year in review,LinkedIn,"December 28, 2026",In progress,\n'
        'Advent recap,LinkedIn,"Saturday, 5 December 2026",Done,\n'
        'Two days,LinkedIn,"December 9, 2026 → December 10, 2026",Done,\n',
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert {p.title: (p.date, p.time, p.status) for p in store.all_posts()} == {
        "Factory tour": (date(2026, 12, 5), time(10, 0), PostStatus.DRAFT),
        "Year in review": (date(2026, 12, 28), None, PostStatus.DRAFT),
        "Advent recap": (date(2026, 12, 5), None, PostStatus.PUBLISHED),
        # A range of days, as an event of several days: on its first (it was skipped).
        "Two days": (date(2026, 12, 9), None, PostStatus.PUBLISHED),
    }
    assert summary.skipped == []
    assert summary.notes[:2] == [
        "Read the column 'Name' as the title.",
        "Read the statuses 'Not started' as draft, 'In progress' as draft and 'Done' as published.",
    ]
    assert "'Two days' lasts several days; a post is on the first." in summary.notes
    assert summary.ignored_columns == ["Tags"]


def test_a_title_from_a_text_keeps_a_word_that_ends_at_its_last_character() -> None:
    """ "…by a third in one year and more": the word ending at the 80th character was cut
    off with the rest ("…in one…"); one a character longer is cut off, and an 80-character
    line is whole."""
    from calendar_app.core.lengths import TITLE_CHARACTERS, title_of_text

    line = "Our new solar tiles cut the energy bill of a family house by a third in one year"
    assert len(line) == TITLE_CHARACTERS
    assert title_of_text(line) == line
    assert title_of_text(line + " and more") == line + "…"
    assert title_of_text(line[:-1] + "rs and more") == line[: -len(" year")] + "…"


def test_a_title_from_a_text_without_spaces_is_cut_once() -> None:
    """A first line of one long word ended "……"."""
    from calendar_app.core.lengths import TITLE_CHARACTERS, title_of_text

    assert title_of_text("#" + "x" * 99) == "#" + "x" * (TITLE_CHARACTERS - 1) + "…"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # Buffer's export: its text and when it goes out.
        (
            "buffer.csv",
            "Text,Posting Time,Channel\n"
            '"Our panels now come with a 25-year warranty.\nRead more on the blog",'
            "2026-12-08 09:30,LinkedIn\n"
            '"Winter tip: clear the snow off your panels with a soft brush, never with hot'
            ' water or a scraper that scratches the glass",2026-12-09 17:00,LinkedIn\n',
        ),
        # Later's, in Excel in France: its caption, with semicolons.
        (
            "later.csv",
            "Profile;Caption;Date;Time\n"
            '"LinkedIn";"Our panels now come with a 25-year warranty.\nRead more on the blog";'
            "08/12/2026;9:30 AM\n"
            "LinkedIn;Winter tip: clear the snow off your panels with a soft brush, never with"
            " hot water or a scraper that scratches the glass;09/12/2026;5 PM\n",
        ),
        # Later's own export: a day and a time in "Scheduled Time" (left out, every post
        # came in undated, in the backlog).
        (
            "later-export.csv",
            "Profile,Social Network,Caption,Scheduled Time,Status\n"
            'solenne,LinkedIn,"Our panels now come with a 25-year warranty.\nRead more on the'
            ' blog",2026-12-08 09:30,Scheduled\n'
            'solenne,LinkedIn,"Winter tip: clear the snow off your panels with a soft brush, never'
            ' with hot water or a scraper that scratches the glass",2026-12-09 17:00,Scheduled\n',
        ),
    ],
)
def test_a_publishing_tool_s_sheet_without_titles_takes_each_from_its_text(
    store: CalendarStore, linkedin: int, name: str, text: str
) -> None:
    """Buffer's "Text" and Later's "Caption" were read as the posts' texts, and the file
    refused whole all the same: "the file has no 'title' column"."""
    source = store.path.parent / name
    source.write_text(text, "utf-8")
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    posts = sorted(store.all_posts(), key=lambda p: p.date or date.min)
    assert [(p.title, p.date, p.time) for p in posts] == [
        ("Our panels now come with a 25-year warranty.", date(2026, 12, 8), time(9, 30)),
        (
            "Winter tip: clear the snow off your panels with a soft brush, never with hot…",
            date(2026, 12, 9),
            time(17, 0),
        ),
    ]
    assert posts[0].body == "Our panels now come with a 25-year warranty.\nRead more on the blog"
    column = "Text" if name == "buffer.csv" else "Caption"
    assert (
        f"The file has no title column: each post's title is the first line of its '{column}'."
    ) in summary.notes
    # Imported again: the same posts, found again by their day, time, channel and title.
    again = import_csv(store, source, ImportOptions())
    assert (len(again.added), len(store.all_posts())) == (0, 2)
    # A text edited in the tool gives another title: a new post, said as one like the
    # post an earlier sheet brought at its day and time (it came in beside it unsaid).
    # The tool's sheet of that post alone, as downloaded again.
    delimiter = ";" if name == "later.csv" else ","
    header, first = list(csv.reader(io.StringIO(text), delimiter=delimiter))[:2]
    first = [cell.replace("25-year", "30-year") for cell in first]
    with source.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows([header, first])
    edited = import_csv(store, source, ImportOptions())
    assert len(edited.added) == 1
    assert any(
        note.startswith("1 new post looks like a change of one an earlier import of a sheet")
        for note in edited.notes
    )
    # Next week's sheet, its post opening as this week's did ("Our panels now…" a week
    # on): a new post, not said to be a change (the old one would have been deleted).
    first = [
        cell.replace("2026-12-08", "2026-12-15").replace("08/12/2026", "15/12/2026")
        for cell in first
    ]
    with source.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows([header, first])
    next_week = import_csv(store, source, ImportOptions())
    assert len(next_week.added) == 1
    assert not any("looks like a change" in note for note in next_week.notes)


def test_a_board_s_cards_and_a_data_tool_s_moments_come_in_on_the_calendar_s_clock(
    store: CalendarStore, linkedin: int
) -> None:
    """Trello's "Card Name", "Card Description" and "Due Date" (a moment in UTC, as
    data tools write one) in a Paris calendar: 09:00Z is 10:00 in Paris in December,
    midnight UTC 01:00 (09:00 in Tokyo: no date column saved as date-times)."""
    source = store.path.parent / "trello.csv"
    source.write_text(
        "Card ID,Card Name,Card Description,Channel,Start Date,Due Date\n"
        "a1,Launch,The new range,LinkedIn,,2026-12-05T09:00:00.000Z\n"
        "a2,Recap,,LinkedIn,,2026-12-07T00:00:00.000Z\n"
        "a3,Late,,LinkedIn,,2026-12-07T23:30:00+00:00\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    assert {p.title: (p.date, p.time, p.body) for p in store.all_posts()} == {
        "Launch": (date(2026, 12, 5), time(10, 0), "The new range"),
        "Recap": (date(2026, 12, 7), time(1, 0), ""),
        "Late": (date(2026, 12, 8), time(0, 30), ""),
    }
    assert summary.notes == [
        "Read the columns 'Card Name' as the title, 'Due Date' as the date and"
        " 'Card Description' as the body.",
        NO_STATUS_NOTE,  # a board's cards count as deliveries: said
    ]
    assert summary.ignored_columns == ["Card ID", "Start Date"]


def test_a_moment_at_the_second_pass_of_an_hour_the_clocks_go_back_over_is_said(
    store: CalendarStore, linkedin: int
) -> None:
    """01:30Z on 31 Oct 2027 is the second 02:30 in Paris: kept as 02:30, the first,
    an hour early, as the iCalendar import says, and said once the file comes again
    with it changed, not when it comes again as it was."""
    source = store.path.parent / "moments.csv"
    rows = (
        "title,channel,date\n"
        "Evening post,LinkedIn,2027-10-31T01:30:00Z\n"
        "Earlier,LinkedIn,2027-10-31T00:30:00Z\n"
    )
    source.write_text(rows, "utf-8")
    summary = import_csv(store, source, ImportOptions())
    assert {p.title: (p.date, p.time) for p in store.all_posts()} == {
        "Evening post": (date(2027, 10, 31), time(2, 30)),
        "Earlier": (date(2027, 10, 31), time(2, 30)),
    }
    assert (
        "'Evening post' starts at the second 02:30 of 2027-10-31, as the clocks go back;"
        " Cadence keeps times as the clock reads them, and takes it for the first."
    ) in summary.notes
    again = import_csv(store, source, ImportOptions())
    assert not [note for note in again.notes if "second" in note]


@pytest.mark.parametrize(
    ("date_column", "channel_column"),
    [
        ("Date & Time", "Social Media"),
        ("Date/Time", "Profile"),
        ("Datetime", "Social account"),
        ("Publish at", "Networks"),
        ("Posting date", "Social channel"),
    ],
)
def test_a_sheets_date_and_channel_under_names_people_give_them_are_read(
    store: CalendarStore, linkedin: int, date_column: str, channel_column: str
) -> None:
    """Ignored: every post came into the backlog, on the channel asked for those that
    name none (each named one)."""
    store.add_channel("Instagram")
    source = store.path.parent / "plan.csv"
    source.write_text(
        f'Title,"{date_column}",{channel_column},Status\n'
        "New year post,12/31/2026 9:00 AM,LinkedIn,Scheduled\n"
        "Reel,12/30/2026,Instagram,Scheduled\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions(fallback_channel="LinkedIn"))
    assert summary.skipped == []
    assert summary.ignored_columns == []
    channels = {c.id: c.name for c in store.channels()}
    assert {p.title: (p.date, p.time, channels[p.channel_id]) for p in store.all_posts()} == {
        "New year post": (date(2026, 12, 31), time(9, 0), "LinkedIn"),
        "Reel": (date(2026, 12, 30), None, "Instagram"),
    }


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_unicode_text_file_with_its_mark_is_read(
    store: CalendarStore, linkedin: int, encoding: str
) -> None:
    """Excel's "Unicode Text" and LibreOffice's "Unicode" (UTF-16 with a byte-order mark,
    which says the encoding for certain): "the file is not UTF-8 text"."""
    source = store.path.parent / "unicode.csv"
    text = "Title\tChannel\tDate\nCafé launch\tLinkedIn\t2026-12-05\n"
    mark = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    source.write_bytes(mark[encoding] + text.encode(encoding))
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    assert [(p.title, p.date) for p in store.all_posts()] == [("Café launch", date(2026, 12, 5))]


def test_a_key_message_a_csv_makes_is_said_to_repeat_at_the_default(
    store: CalendarStore, linkedin: int
) -> None:
    """The file holds no cadence: made at the calendar's default, unsaid, a message of
    every 7 days read on cadence for a fortnight after a round trip."""
    source = store.path.parent / "one.csv"
    source.write_text(
        "title,channel,date,key_messages\nLaunch,LinkedIn,2026-12-05,Made here\n", encoding="utf-8"
    )
    summary = import_csv(store, source, ImportOptions(create_missing=True))
    assert summary.notes[-1] == (
        "A CSV file holds no key message's cadence: the one made here repeats every 14"
        " days, the calendar's default; set its own in Edit > Key Messages."
    )
    source.write_text(
        "title,channel,date,key_messages\nAgain,LinkedIn,2026-12-06,Made here\n", encoding="utf-8"
    )
    again = import_csv(store, source, ImportOptions(create_missing=True))
    assert not any("cadence" in note for note in again.notes)  # (none made)


@pytest.mark.parametrize("cut", [0, 1])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_unicode_text_file_without_its_mark_is_read_by_its_header(
    store: CalendarStore, linkedin: int, encoding: str, cut: int
) -> None:
    """UTF-16 written by a script, with no byte-order mark: every other byte of its
    header zero. It was said to have no 'title' column, which its first line names; cut
    short by a byte (its last line end's), "not UTF-8 text"."""
    source = store.path.parent / "unmarked.csv"
    text = "title,channel,date\nCafé launch,LinkedIn,2026-12-05\n".encode(encoding)
    source.write_bytes(text[: len(text) - cut])
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    assert [(p.title, p.date) for p in store.all_posts()] == [("Café launch", date(2026, 12, 5))]


def test_a_tab_separated_download_is_imported_as_csv(tmp_path: Path) -> None:
    """Google Sheets' .tsv was refused by its name ("cannot tell the format"), and so was
    Excel's "Unicode Text" (a .txt), which the window could not even list."""
    from calendar_app.exchange.formats import format_for

    assert format_for(tmp_path / "Plan - Sheet1.tsv") == "csv"
    assert format_for(tmp_path / "Plan.txt") == "csv"


def test_ignored_columns_are_named_once_and_a_few_of_many(
    store: CalendarStore, linkedin: int
) -> None:
    """20,000 columns made a summary line of 289 KB (and an Import box taller than any
    screen); a name given twice was said twice."""
    extra = [f"Field {n}" for n in range(2000)]
    source = store.path.parent / "wide.csv"
    source.write_text(
        ",".join(["Title", "Channel", "Notes 2", "Notes 2", *extra])
        + "\nLaunch,LinkedIn"
        + "," * (len(extra) + 2)
        + "\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    said = summary.describe()
    assert "; ignored the columns 'Notes 2', 'Field 0', 'Field 1', 'Field 2', 'Field 3'" in said
    assert said.endswith(" and 1996 more.")
    assert said.count("'Notes 2'") == 1


def test_a_column_named_as_one_of_cadences_and_more_is_another_column(
    store: CalendarStore, linkedin: int
) -> None:
    """ "Title (FR)" beside "Title", "Status %" beside "Status": the file was refused, "the
    column appears twice" (and a date "(created)" is no publishing date)."""
    source = store.path.parent / "more.csv"
    source.write_text(
        "Title,Title (FR),Channel,Channel #,Status,Status %,Notes:,Date (created)\n"
        "Launch,Lancement,LinkedIn,3,draft,50,Ask legal,2026-01-05\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert [(p.title, p.date, p.notes) for p in store.all_posts()] == [("Launch", None, "")]
    assert summary.ignored_columns == [
        "Title (FR)",
        "Channel #",
        "Status %",
        "Notes:",
        "Date (created)",
    ]


def test_a_header_after_two_byte_order_marks_is_read(store: CalendarStore, linkedin: int) -> None:
    """Saved twice by a tool that adds one: "the file has no 'title' column"."""
    source = store.path.parent / "twice.csv"
    source.write_bytes("\ufeff\ufeffTitle,Channel\nLaunch,LinkedIn\n".encode())
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    assert [p.title for p in store.all_posts()] == ["Launch"]


def test_new_posts_of_a_sheet_without_statuses_are_said_to_be_scheduled(
    store: CalendarStore, linkedin: int
) -> None:
    """A colleague's sheet of dates, channels and titles came in scheduled, counted as
    deliveries, without a word (the editor starts a post as a draft)."""
    source = store.path.parent / "anna.csv"
    source.write_text("date,channel,title\n2026-12-10,LinkedIn,Launch\n,LinkedIn,Idea\n")
    summary = import_csv(store, source, ImportOptions())
    assert summary.notes == [NO_STATUS_NOTE]
    statuses = {p.title: p.status for p in store.all_posts()}
    assert statuses == {"Launch": PostStatus.SCHEDULED, "Idea": PostStatus.IDEA}
    # Imported again, with nothing new: nothing came in, nothing to say.
    assert import_csv(store, source, ImportOptions()).notes == []


def test_cadence_s_own_column_wins_over_another_tool_s_name_for_it(
    store: CalendarStore, linkedin: int
) -> None:
    source = store.path.parent / "both.csv"
    source.write_text(
        "Title,Name,Channel,Date,Due date,Status\n"
        "Launch,Anna,LinkedIn,2026-12-05,2026-12-24,scheduled\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert [(p.title, p.date) for p in store.all_posts()] == [("Launch", date(2026, 12, 5))]
    assert (summary.notes, summary.ignored_columns) == ([], ["Name", "Due date"])


@pytest.mark.parametrize(
    "written",
    [
        "5. 12. 2026",
        "2026. 12. 05.",
        "2026.12.05",
        "05. 12. 2026.",  # Croatian, Serbian
        "5.12.2026.",
        "Dec 5, 2026",
        "5 December 2026",
        "5th of December 2026",
        "Sat, 5 Dec 2026",
        "5-Dec-2026",  # Excel's own d-mmm-yyyy
        "05-DEC-2026 9:00 AM",
    ],
)
def test_dates_as_other_languages_and_tools_write_them(
    store: CalendarStore, linkedin: int, written: str
) -> None:
    source = store.path.parent / "dates.csv"
    source.write_text(f'title,channel,date\nPost,LinkedIn,"{written}"\n', "utf-8")
    assert import_csv(store, source, ImportOptions(day_first=True)).skipped == []
    assert [p.date for p in store.all_posts()] == [date(2026, 12, 5)]


def test_excel_s_separator_line_tells_the_separator_and_is_no_row(
    store: CalendarStore, linkedin: int
) -> None:
    """Excel writes "sep=;" first for itself to read, and hides it: the header is the
    row after it, numbered 1 as Excel shows it."""
    source = store.path.parent / "excel.csv"
    source.write_bytes(
        "sep=;\r\nTitle;Channel;Date\r\nLaunch;LinkedIn;05.12.2026\r\nBad;LinkedIn;5/13/2026x\r\n".encode(
            "cp1252"
        )
    )
    summary = import_csv(store, source, ImportOptions(day_first=True))
    assert [(p.title, p.date) for p in store.all_posts()] == [("Launch", date(2026, 12, 5))]
    assert [line.split(",")[0] for line in summary.skipped] == ["row 3"]


def test_a_row_cut_at_a_comma_is_refused_past_columns_without_a_name(
    store: CalendarStore, linkedin: int
) -> None:
    """Excel's empty names at the header's end: a row cut at the comma of its text put
    " world" in one of them, and came in as "hello". A helper column without a name in a
    row as long as the header is no such cut."""
    source = store.path.parent / "ragged.csv"
    source.write_text(
        "Title,Channel,Date,Body,,\n"
        "Cut,LinkedIn,2026-12-06,hello, world,,\n"
        "Helper,LinkedIn,2026-12-07,fine,,checked\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == [
        "row 2: it has 7 cells where the header names 4; put quotes around cells that hold commas"
    ]
    assert [(p.title, p.body) for p in store.all_posts()] == [("Helper", "fine")]
    # In Excel's semicolons, the advice names them (it said commas).
    source.write_text("Title;Channel;Date;Body;;\nCut;LinkedIn;2026-12-06;hello; world;;\n")
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == [
        "row 2: it has 7 cells where the header names 4; put quotes around cells that hold"
        " semicolons"
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-12-05T00:00:00Z", (date(2026, 12, 5), time(9, 0))),  # 09:00 in Tokyo
        ("2026-12-05T00:01:00.123Z", (date(2026, 12, 5), time(9, 1))),
        ("2026-12-04T23:00:00+01", (date(2026, 12, 5), time(7, 0))),
        ("2026-12-05 01:00:00 Z", (date(2026, 12, 5), time(10, 0))),
        ("December 5, 2026 10:00 AM → 11:00 AM", (date(2026, 12, 5), time(10, 0))),
        # A day and its time with a dash between (it came in without its time).
        ("2026-12-05 - 10:30", (date(2026, 12, 5), time(10, 30))),
        ("Dec 5, 2026 - 5 PM", (date(2026, 12, 5), time(17, 0))),
    ],
)
def test_moments_and_an_event_s_hours_come_in_on_the_calendar_s_clock(
    tmp_path: Path, written: str, expected: tuple[date, time]
) -> None:
    with CalendarStore.create(tmp_path / "tokyo.cadence", timezone="Asia/Tokyo") as tokyo:
        tokyo.add_channel("LinkedIn")
        source = tmp_path / "moments.csv"
        source.write_text(f'title,channel,date\nPost,LinkedIn,"{written}"\n', "utf-8")
        assert import_csv(tokyo, source, ImportOptions()).skipped == []
        assert [(p.date, p.time) for p in tokyo.all_posts()] == [expected]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Monday, 5 December 2026", "is not a date: 5 December 2026 is a Saturday"),
        ("Mo, 5 Dec 2026", "is not a date: 5 December 2026 is a Saturday"),  # two letters
        ("T, 8 Dec 2026", "is not a date; write it as YYYY-MM-DD"),  # Tuesday or Thursday
        ("around Dec 5, 2026", "is not a date; write it as YYYY-MM-DD"),
        ("around Dec 5, 2026 - Dec 7, 2026", "is not a date; write it as YYYY-MM-DD"),
        # No range of days: what follows the dash closes none (it came in as one).
        ("2026-12-05 - tbd", "is not a date: what follows '2026-12-05' ends no range of days"),
        ("2026-12-05 to be confirmed", "is not a date: what follows '2026-12-05' ends no"),
        ("2026-12-05 - 2026-12-01", "is not a date: what follows '2026-12-05' ends no range"),
        ("2026-12-05 - 3", "is not a date: what follows '2026-12-05' ends no range of days"),
        ("2027-02-27 - 30", "is not a date: what follows '2027-02-27' ends no range of days"),
    ],
)
def test_a_date_read_loosely_is_refused_with_its_reason(
    store: CalendarStore, linkedin: int, written: str, said: str
) -> None:
    source = store.path.parent / "loose.csv"
    source.write_text(f'title,channel,date\nPost,LinkedIn,"{written}"\n', "utf-8")
    (skipped,) = import_csv(store, source, ImportOptions()).skipped
    assert f"'{written}' {said}" in skipped


@pytest.mark.parametrize(
    "written",
    [
        "2026-12-05 - 2026-12-06",
        # Days alone after the dash: no time of day, however the hour alone reads in a
        # time column with its AM or PM ("5 PM").
        "2026-12-05 - 10",
        "Dec 5, 2026 - 7",
        "December 5, 2026 → December 7, 2026",
    ],
)
def test_a_range_of_days_comes_in_on_its_first_said(
    store: CalendarStore, linkedin: int, written: str
) -> None:
    """A row dated by a range of days was skipped whole (its title, channel and status
    with it), where an event of several days in an .ics comes in on its first."""
    source = store.path.parent / "ranges.csv"
    source.write_text(f'title,channel,date\nFair,LinkedIn,"{written}"\n', "utf-8")
    summary = import_csv(store, source, ImportOptions())
    assert summary.skipped == []
    ((title, day),) = [(p.title, p.date) for p in store.all_posts()]
    assert (title, day) == ("Fair", date(2026, 12, 5))
    assert "'Fair' lasts several days; a post is on the first." in summary.notes
    # Imported again: the same post, said no more (nothing came in).
    again = import_csv(store, source, ImportOptions())
    assert (again.added, len(store.all_posts())) == ([], 1)


def test_rows_put_on_the_chosen_channel_for_want_of_theirs_are_said(
    store: CalendarStore, linkedin: int
) -> None:
    """`--channel LinkedIn` took a "Mastodon" row onto LinkedIn without a word."""
    source = store.path.parent / "social.csv"
    source.write_text(
        "title,channel,status\nToot,Mastodon,idea\nThread,threads,idea\nPost,LinkedIn,idea\n"
        "Again,mastodon,idea\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions(fallback_channel="LinkedIn"))
    assert {store.channel(p.channel_id).name for p in store.all_posts()} == {"LinkedIn"}
    assert summary.notes == [
        "Rows naming 'Mastodon' and 'threads', no channel here, came in on LinkedIn."
    ]


def test_a_row_naming_a_look_alike_takes_the_one_the_calendar_finds_first(
    tmp_path: Path,
) -> None:
    """Two key messages whose names now read the same (made by an earlier release): a
    row naming "Made in Europe" landed on the other one, the no-break-space one."""
    with fresh(tmp_path) as store:
        store.add_channel("LinkedIn")
        store.add_key_message("Made in Europe")
        other = store.add_key_message("Made in Asia").created[0]
        store.db.execute(
            "UPDATE key_messages SET title = 'Made\u00a0in Europe' WHERE id = ?", [other]
        )
        found = store.key_message_titled("Made in Europe")
        assert found is not None
        source = tmp_path / "rows.csv"
        write_rows(
            source,
            [
                ["date", "channel", "key_messages", "title"],
                ["2026-12-02", "LinkedIn", "Made in Europe", "Hello"],
            ],
        )
        summary = import_csv(store, source, ImportOptions())
        (post,) = store.posts(summary.added)
        assert post.message_ids == (found.id,)


def test_cells_of_zero_width_characters_alone_name_nothing(store: CalendarStore) -> None:
    """The store refuses such names now: a row with one made the whole import fail, in
    a sentence naming no row. A title of them is skipped as an empty one; a channel,
    key message or campaign of them is as an empty cell."""
    store.add_channel("Blog")
    plan = store.path.parent / "plan.csv"
    plan.write_text(
        "date,channel,key_messages,campaign,title\n"
        "2026-12-10,Blog,,,Good one\n"
        "2026-12-11,Blog,,,\u200b\n"
        "2026-12-12,\u200b,,,No channel\n"
        "2026-12-13,Blog,\u200b;\u2060,\u200d,Nothing else\n",
        encoding="utf-8",
    )
    summary = import_csv(store, plan, ImportOptions(create_missing=True))
    assert [p.title for p in store.posts(summary.added)] == ["Good one", "Nothing else"]
    assert [s.split(":")[0] for s in summary.skipped] == [
        "row 3, column 'title'",
        "row 4, column 'channel'",
    ]
    (nothing_else,) = [p for p in store.all_posts() if p.title == "Nothing else"]
    assert (nothing_else.message_ids, nothing_else.campaign_id) == ((), None)
    assert (store.key_messages(), store.campaigns()) == ([], [])


def test_a_uid_cell_of_zero_width_characters_alone_is_an_empty_one(store: CalendarStore) -> None:
    """It was taken as a uid: the row came in as a second copy of its post."""
    store.add_channel("Blog")
    plan = store.path.parent / "plan.csv"
    plan.write_text("uid,date,channel,title\n,2026-12-10,Blog,Once\n", encoding="utf-8")
    assert len(import_csv(store, plan, ImportOptions()).added) == 1
    plan.write_text("uid,date,channel,title\n\u200b,2026-12-10,Blog,Once\n", encoding="utf-8")
    summary = import_csv(store, plan, ImportOptions())
    assert summary.added == []
    assert [p.title for p in store.all_posts()] == ["Once"]


def test_an_outlook_all_day_event_comes_in_without_a_time(
    store: CalendarStore, linkedin: int
) -> None:
    """Outlook's CSV writes an all-day event at "12:00:00 AM", its "All day event" True:
    it came in at 00:00 (in the week's first hour, and sent at midnight)."""
    source = store.path.parent / "outlook.csv"
    source.write_text(
        '"Subject","Start Date","Start Time","All day event","Description"\r\n'
        '"Newsletter","12/8/2026","12:00:00 AM","True","Send it."\r\n'
        '"Webinar","12/9/2026","2:30:00 PM","False",""\r\n'
        '"Midnight post","12/10/2026","12:00:00 AM","False",""\r\n',
        encoding="utf-8",
    )
    options = ImportOptions(fallback_channel="LinkedIn", day_first=False)
    summary = import_csv(store, source, options)
    assert summary.skipped == []
    assert not any("All day event" in note for note in summary.notes)  # read, not ignored
    times = {p.title: (p.date, p.time) for p in store.all_posts()}
    assert times == {
        "Newsletter": (date(2026, 12, 8), None),
        "Webinar": (date(2026, 12, 9), time(14, 30)),
        "Midnight post": (date(2026, 12, 10), time(0, 0)),
    }


def test_a_revised_sheet_without_uids_says_which_new_posts_look_like_changes(
    store: CalendarStore, linkedin: int
) -> None:
    """A client's sheet sent again, one row moved to another day and one retitled: each
    came in as a second post beside the first (which still counted), without a word."""
    source = store.path.parent / "plan.csv"
    rows = [
        "title,channel,date,time",
        "Meet our installers,LinkedIn,2026-12-07,09:00",
        "Roof of the week,LinkedIn,2026-12-08,09:00",
        "Winter tips,LinkedIn,2026-12-09,09:00",
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    first = import_csv(store, source, ImportOptions())
    assert not any("like a change of one" in note for note in first.notes)
    rows[1] = "Meet our installers,LinkedIn,2026-12-10,09:00"  # moved there
    rows[2] = "Roof of the week in Annecy,LinkedIn,2026-12-08,09:00"  # retitled there
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    second = import_csv(store, source, ImportOptions())
    assert len(second.added) == 2
    assert (
        "2 new posts look like a change of one an earlier import of a sheet brought (the"
        " same title on another day or at another time, or another title at the same day"
        " and time): 'Meet our installers' at 09:00 on 10 December 2026 (beside the one on"
        " 7 December 2026) and 'Roof of the week in Annecy' at 09:00 on 8 December 2026"
        " (beside 'Roof of the week'). A sheet without a uid column cannot tell a row"
        " changed there from a new one: check them, and where a row moved, delete the old"
        " post once any change made to it here is taken over."
    ) in second.notes

    # The same sheet again adds nothing, and says nothing more.
    third = import_csv(store, source, ImportOptions())
    assert third.added == []
    assert not any("like a change of one" in note for note in third.notes)
    # A title that comes back each week, its earlier rows still in the sheet: no change.
    rows.append("Winter tips,LinkedIn,2026-12-16,09:00")
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    weekly = import_csv(store, source, ImportOptions())
    assert len(weekly.added) == 1
    assert not any("like a change of one" in note for note in weekly.notes)
    # Nor a post made here, a weekly newsletter, beside a sheet of the next ones.
    store.add_post(NewPost("Newsletter", linkedin, (), date(2026, 12, 4), time(9, 0)))
    source.write_text(
        "title,channel,date,time\nNewsletter,LinkedIn,2026-12-11,09:00\n", encoding="utf-8"
    )
    newsletters = import_csv(store, source, ImportOptions())
    assert len(newsletters.added) == 1
    assert not any("like a change of one" in note for note in newsletters.notes)
    # Nor a sheet of new posts alone (next month's), beside the posts the last one
    # brought: no row of it is a post here, so it revises none.
    source.write_text(
        "title,channel,date,time\nWinter tips,LinkedIn,2026-12-23,09:00\n", encoding="utf-8"
    )
    additions = import_csv(store, source, ImportOptions())
    assert len(additions.added) == 1
    assert not any("like a change of one" in note for note in additions.notes)
    # A row moved to another time of its day: the two told apart by their times (both
    # were "'Winter tips' on 23 December 2026", the old one holding any change made
    # here), beside the nearest of its title's (not the week before's).
    source.write_text(
        "title,channel,date,time\nMeet our installers,LinkedIn,2026-12-10,09:00\n"
        "Winter tips,LinkedIn,2026-12-23,18:30\n",
        encoding="utf-8",
    )
    later = import_csv(store, source, ImportOptions())
    assert len(later.added) == 1
    assert any(
        "'Winter tips' at 18:30 on 23 December 2026 (beside the one at 09:00)." in note
        for note in later.notes
    )


def test_a_status_word_cadence_does_not_know_leaves_a_post_already_here_as_it_is(
    store: CalendarStore, linkedin: int
) -> None:
    """A client marked the posts gone out in their own word ("Shipped") in Cadence's
    sheet sent back: every one of them became a draft, its deliveries gone."""
    source = store.path.parent / "plan.csv"
    source.write_text(
        "uid,title,channel,date,status\nu-1,Out already,LinkedIn,2026-11-02,published\n",
        encoding="utf-8",
    )
    import_csv(store, source, ImportOptions())
    source.write_text(
        "uid,title,channel,date,status\nu-1,Out already,LinkedIn,2026-11-02,Shipped\n",
        encoding="utf-8",
    )
    summary = import_csv(store, source, ImportOptions())
    assert store.post_by_uid("u-1").status == PostStatus.PUBLISHED
    assert any("'Shipped', no status Cadence knows" in note for note in summary.notes)


def test_hootsuite_rounds_no_post_into_the_hour_the_clocks_skip(
    store: CalendarStore, publishing: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """01:58 on the night the clocks go forward was rounded up to 02:00, a time that
    night does not have (a tool refuses or guesses at it): 03:00."""
    monkeypatch.setattr(csv_profiles, "_current_time", lambda zone: datetime(2027, 3, 20, 9, 0))
    add(store, publishing["LinkedIn"], date(2027, 3, 28), time(1, 58), title="Before the change")
    summary = export_hootsuite(store, store.path.parent / "h.csv", ExportOptions())
    assert read_rows(store.path.parent / "h-LinkedIn.csv") == [
        ["28/03/2027 03:00", "Before the change", ""]
    ]
    # Two minutes on, as the clock goes (it said 62).
    assert summary.details() == [
        "later: 'Before the change' on 2027-03-28: at 03:00, 2 min after the 01:58 planned"
    ]


def test_hootsuite_rounds_no_post_an_hour_late_the_night_the_clocks_go_back(
    store: CalendarStore, publishing: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """02:58 (its first pass, as every time Cadence keeps) rounded up to 03:00 went out
    an hour and two minutes later, said "2 min after": rounded down, said in real minutes."""
    monkeypatch.setattr(csv_profiles, "_current_time", lambda zone: datetime(2027, 10, 20, 9, 0))
    add(store, publishing["LinkedIn"], date(2027, 10, 31), time(2, 58), title="Back")
    add(store, publishing["LinkedIn"], date(2027, 10, 31), time(1, 58), title="Before")
    summary = export_hootsuite(store, store.path.parent / "h.csv", ExportOptions())
    assert read_rows(store.path.parent / "h-LinkedIn.csv") == [
        ["31/10/2027 02:00", "Before", ""],
        ["31/10/2027 02:55", "Back", ""],
    ]
    assert summary.details() == [
        "earlier: 'Back' on 2027-10-31: at 02:55, 3 min before the 02:58 planned",
        "later: 'Before' on 2027-10-31: at 02:00, 2 min after the 01:58 planned",
    ]


def test_publishing_tools_leave_out_the_first_pass_of_a_repeated_hour_gone_by(
    store: CalendarStore, publishing: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the second 02:10 of the night the clocks go back (Paris), a post at 02:30 went
    out at the first 02:30, forty minutes before: it was handed to the tool again."""
    monkeypatch.setattr(
        csv_profiles, "_current_time", lambda zone: datetime(2027, 10, 31, 2, 10, fold=1)
    )
    for at in (time(2, 5), time(2, 30), time(3, 0)):
        add(store, publishing["LinkedIn"], date(2027, 10, 31), at, title=f"{at:%H:%M}")
    export_sprout(store, store.path.parent / "s.csv", ExportOptions())
    assert [row[1] for row in read_rows(store.path.parent / "s-LinkedIn.csv")[1:]] == ["03:00"]
    monkeypatch.setattr(
        csv_profiles, "_current_time", lambda zone: datetime(2027, 10, 31, 2, 10, fold=0)
    )
    export_sprout(store, store.path.parent / "s.csv", ExportOptions())  # the first 02:10
    assert [row[1] for row in read_rows(store.path.parent / "s-LinkedIn.csv")[1:]] == [
        "02:30",
        "03:00",
    ]


def test_an_export_to_many_files_names_a_few_and_details_them_all(
    store: CalendarStore, add_channel: Callable[..., int]
) -> None:
    """A publishing tool's export of 82 channels named each file's whole path in its
    summary: a box taller than the screen, its OK button out of reach."""
    for n in range(6):
        add(store, add_channel(f"Social {n}"), date(2027, 1, 4), time(9, 0), title=f"P{n}")
    folder = store.path.parent
    summary = export_hootsuite(store, folder / "h.csv", ExportOptions(today=TODAY))
    assert summary.describe().startswith(
        f"Exported 6 posts to 6 files in {folder} (h-Social 0.csv, h-Social 1.csv and 4 more)."
    )
    assert [line for line in summary.details() if line.startswith("written: ")] == [
        f"written: {folder / f'h-Social {n}.csv'}" for n in range(6)
    ]
    for post in store.all_posts():
        if post.title != "P0":  # sent since: five files left from the first export
            store.update_post(post.id, {"status": PostStatus.PUBLISHED})
    again = export_hootsuite(store, folder / "h.csv", ExportOptions(today=TODAY))
    assert f"to {folder / 'h-Social 0.csv'}." in again.describe()
    assert " h-Social 1.csv, h-Social 2.csv and 3 more are left from an earlier" in (
        again.describe()
    )
    assert again.details() == [
        f"left from before: {folder / f'h-Social {n}.csv'}" for n in range(1, 6)
    ]


@pytest.mark.parametrize("link", ["mailto:press@example.com", "tel:+33123456789", "ftp://x.org/a"])
def test_a_mail_or_phone_link_stays_out_of_hootsuite_s_link_column(
    store: CalendarStore, publishing: dict[str, int], tmp_path: Path, link: str
) -> None:
    """Written into the column the tool shortens and previews as a page, unsaid."""
    add(store, publishing["LinkedIn"], date(2026, 12, 3), time(9, 0), title="Call", link=link)
    summary = export_hootsuite(store, tmp_path / "out.csv", ExportOptions(today=TODAY))
    assert summary.details() == [f"no link: 'Call' on 2026-12-03: '{link}' is no web address"]
    assert (tmp_path / "out-LinkedIn.csv").read_bytes() == b"03/12/2026 09:00,Call,\r\n"


@pytest.mark.parametrize(
    ("title", "body", "once"),
    [
        ("Story", "Read our story https://ex.com/s", True),
        ("See https://ex.com/s", "", True),  # in the title, which the tools send too
        ("Story", "Ours (https://ex.com/s).", True),
        ("Story", "The mug: https://ex.com/s/mug", False),  # a longer address: not it
        ("Story", "https://ex.com/s?ref=mail", False),
    ],
)
def test_a_link_the_text_has_already_goes_out_once_found_whole(
    store: CalendarStore,
    publishing: dict[str, int],
    tmp_path: Path,
    title: str,
    body: str,
    once: bool,
) -> None:
    """Written in the text and in the Link field too (a common habit), it went out twice,
    Sprout's text ending with it again, Hootsuite's link column adding it after the text;
    within a longer address, it is not there."""
    link = "https://ex.com/s"
    add(
        store,
        publishing["LinkedIn"],
        date(2026, 12, 3),
        time(9, 0),
        title=title,
        body=body,
        link=link,
    )
    export_hootsuite(store, tmp_path / "h.csv", ExportOptions(today=TODAY))
    export_sprout(store, tmp_path / "s.csv", ExportOptions(today=TODAY))
    # Hootsuite publishes its link column's after the text; Sprout's text ends with it.
    (row,) = csv.reader(io.StringIO((tmp_path / "h-LinkedIn.csv").read_text(encoding="utf-8")))
    assert row[2] == ("" if once else link)
    _, sent = csv.reader(io.StringIO((tmp_path / "s-LinkedIn.csv").read_text(encoding="utf-8")))
    assert sent[2].endswith(f"\n\n{link}") is not once


def test_an_import_says_which_posts_it_takes_as_published_on_days_to_come(
    store: CalendarStore, tmp_path: Path
) -> None:
    """A sheet's row marked published next week counted as delivered before it went out,
    unsaid (the editor refuses it; post add says it)."""
    from calendar_app.exchange.formats import IMPORTERS

    source = tmp_path / "plan.csv"
    source.write_text(
        "title,channel,date,status\n"
        "Ahead,LinkedIn,2026-12-02,published\n"
        "Gone,LinkedIn,2026-11-02,published\n",
        encoding="utf-8",
    )
    options = ImportOptions(today=TODAY, create_missing=True)
    summary = IMPORTERS["csv"](store, source, options, no_progress)
    assert (
        "1 post the file marks published is on a day to come, so Cadence counts it as"
        " delivered already; set it to Scheduled if it has not gone out."
    ) in summary.notes
    assert [n for n in summary.notes if "marks published" in n] == [summary.notes[-1]]


def test_a_date_given_with_the_largest_offset_from_utc_is_read(store: CalendarStore) -> None:
    """Kiribati's +14:00 is the largest offset there is: read as any other (past it, no
    zone; the row is refused)."""
    store.update_info(timezone="Pacific/Kiritimati")
    source = store.path.parent / "kiribati.csv"
    source.write_text(
        "title,channel,date\n"
        "Launch,LinkedIn,2027-03-02T09:00:00+14:00\n"
        "Later,LinkedIn,2027-03-02T09:00:00+15:00\n",
        "utf-8",
    )
    summary = import_csv(store, source, ImportOptions(create_missing=True))
    ((title, day, at),) = [(p.title, p.date, p.time) for p in store.all_posts()]
    assert (title, day, at) == ("Launch", date(2027, 3, 2), time(9, 0))
    assert len(summary.skipped) == 1


def test_a_post_exactly_the_tools_notice_ahead_goes_out_unsaid() -> None:
    """A post ten minutes from now is in time for a publishing tool; one less is not."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Paris")
    present = datetime(2027, 3, 2, 9, 0, tzinfo=zone)
    for ahead, said in (
        (csv_profiles.TOOL_NOTICE, 0),
        (csv_profiles.TOOL_NOTICE - timedelta(minutes=1), 1),
    ):
        moment = (present + ahead).replace(tzinfo=None)
        post = cast(
            Post,
            SimpleNamespace(title="Webinar reminder", time=moment.time(), date=moment.date()),
        )
        assert len(csv_profiles._too_soon([(moment, post)], present, zone)) == said


@pytest.mark.parametrize("at", [time(14, 2), time(9, 0)])
@pytest.mark.parametrize("sprout", [False, True], ids=["hootsuite", "sprout"])
def test_a_post_whose_text_begins_with_its_title_comes_back_as_itself(
    store: CalendarStore, publishing: dict[str, int], tmp_path: Path, sprout: bool, at: time
) -> None:
    """The tools' files send such a text alone; imported back, each row made a second
    post, titled with the text's whole first line (at 09:00 too, the hour the tools give
    a post of no time). Two such posts at one time keep their own texts."""
    linkedin = publishing["LinkedIn"]
    add(
        store,
        linkedin,
        date(2026, 12, 10),
        at,
        title="Tip: clean your panels.",
        body="Tip: clean your panels. It keeps 5% more yield.\nSee how.",
    )
    add(store, linkedin, date(2026, 12, 11), None, title="Launch", body="Launch day is here.")
    add(store, linkedin, date(2026, 12, 12), time(14, 0), title="Launch", body="Launch recap.")
    add(
        store,
        linkedin,
        date(2026, 12, 12),
        time(14, 0),
        title="Launch recap!",
        body="Launch recap! The numbers.",
    )
    export = export_sprout if sprout else export_hootsuite
    (sent,) = export(store, tmp_path / "out.csv", ExportOptions(today=TODAY)).files
    before = {(p.title, p.date, p.time, p.body) for p in store.all_posts()}
    for _ in range(2):  # the second time found by the note the first left on each post
        again = import_csv(store, sent, ImportOptions(fallback_channel="LinkedIn"))
        assert (again.added, again.previous, again.kept_newer) == ([], [], 0)
        assert again.unchanged == 4
        assert {(p.title, p.date, p.time, p.body) for p in store.all_posts()} == before


def test_a_hootsuite_file_imported_back_keeps_the_links_it_left_out(
    store: CalendarStore, publishing: dict[str, int], tmp_path: Path
) -> None:
    """Its link column leaves out a link that is no web address, and one the text has
    already: imported back, each post's link was emptied ("updated 1")."""
    linkedin = publishing["LinkedIn"]
    add(store, linkedin, date(2026, 12, 10), time(9, 0), title="Shop", link="shop.example")
    add(store, linkedin, date(2026, 12, 12), time(9, 0), title="Read", link="www.solenne.example/x")
    add(
        store,
        linkedin,
        date(2026, 12, 11),
        time(9, 0),
        title="See https://solenne.example/offer",
        link="https://solenne.example/offer",
    )
    (sent,) = export_hootsuite(store, tmp_path / "out.csv", ExportOptions(today=TODAY)).files
    before = {(p.title, p.link) for p in store.all_posts()}
    again = import_csv(store, sent, ImportOptions(fallback_channel="LinkedIn"))
    assert (again.added, again.previous) == ([], [])
    assert {(p.title, p.link) for p in store.all_posts()} == before


def test_a_sheet_without_titles_adds_a_row_beside_a_post_its_text_merely_begins_with(
    store: CalendarStore, publishing: dict[str, int]
) -> None:
    """A post "Launch" here, and a Buffer row "Launch party tonight…" at its day, time and
    channel: the row took the post over, its text replaced (only a publishing tool's own
    file sends a post's text without its title)."""
    linkedin = publishing["LinkedIn"]
    add(store, linkedin, date(2026, 12, 10), time(14, 0), title="Launch", body="Our new range.")
    sheet = store.path.parent / "buffer.csv"
    sheet.write_text(
        "Text,Posting Time,Channel\nLaunch party tonight at the shop!,2026-12-10 14:00,LinkedIn\n",
        "utf-8",
    )
    summary = import_csv(store, sheet, ImportOptions())
    assert len(summary.added) == 1
    assert {(p.title, p.body) for p in store.all_posts()} == {
        ("Launch", "Our new range."),
        ("Launch party tonight at the shop!", "Launch party tonight at the shop!"),
    }


def test_a_tool_s_row_never_takes_over_a_post_whose_title_merely_begins_its_text(
    store: CalendarStore, publishing: dict[str, int], tmp_path: Path
) -> None:
    """ "Morning" and "Morning tip: …" at 09:00; the tip moved to 10:00 after the export:
    its row, imported back, overwrote "Morning"'s text."""
    linkedin = publishing["LinkedIn"]
    day = date(2026, 12, 10)
    add(
        store,
        linkedin,
        day,
        time(9, 0),
        title="Morning tip: clean your panels.",
        body="Morning tip: clean your panels. It keeps 5% more yield.",
    )
    add(store, linkedin, day, time(9, 0), title="Morning", body="Good morning, all.")
    (sent,) = export_hootsuite(store, tmp_path / "out.csv", ExportOptions(today=TODAY)).files
    tip = next(p for p in store.all_posts() if p.title.startswith("Morning tip"))
    store.move_posts({tip.id: (day, time(10, 0))})
    import_csv(store, sent, ImportOptions(fallback_channel="LinkedIn"))
    morning = [p for p in store.all_posts() if p.title == "Morning"]
    assert [p.body for p in morning] == ["Good morning, all."]
    assert store.post(tip.id).time == time(10, 0)


def test_a_date_with_a_weekday_of_two_letters_is_read(store: CalendarStore, linkedin: int) -> None:
    """ "Sa, 5 Dec 2026", as short day names are written, was refused as no date."""
    source = store.path.parent / "short.csv"
    source.write_text('title,channel,date\nPost,LinkedIn,"Sa, 5 Dec 2026"\n', "utf-8")
    assert import_csv(store, source, ImportOptions()).skipped == []
    assert [p.date for p in store.all_posts()] == [date(2026, 12, 5)]
