"""Import and merge in the window: one undo step, nothing lost when cancelled or refused."""

from __future__ import annotations

import shutil
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from calendar_app.core.models import NewPost, Post, PostStatus
from calendar_app.core.store import CalendarStore
from calendar_app.exchange.formats import ExportOptions, ExportSummary
from calendar_app.render.cadence_strip import day_text
from calendar_app.ui import transfer
from calendar_app.ui.commands import DeletePostsCommand
from calendar_app.ui.dialogs import ask_date_order
from calendar_app.ui.dnd import Carried
from calendar_app.ui.session import CalendarSession, Filters
from calendar_app.ui.transfer import run_import

from .conftest import OFFSCREEN_POPUPS, TODAY


def colleague_calendar(tmp_path: Path) -> Path:
    path = tmp_path / "colleague.cadence"
    with CalendarStore.create(path, timezone="Europe/Amsterdam") as other:
        podcast = other.add_channel("Podcast", kind="podcast").created[0]
        message = other.add_key_message("Listen in", cadence_days=14).created[0]
        other.add_posts(
            [
                NewPost("Episode 1", podcast, (message,), date(2026, 11, 25)),
                NewPost("Episode 2", podcast, (message,), date(2026, 12, 9)),
            ]
        )
    return path


def carried_from(session: CalendarSession, source: Path) -> Carried:
    """The first post of the calendar at ``source``, copied there, as ``session`` reads
    the clipboard."""
    from calendar_app.ui.dnd import carried_posts, posts_mime

    with CalendarStore.open(source) as other:
        theirs = CalendarSession(other)
        mime = posts_mime(theirs, other.all_posts()[:1])
        theirs.retire()
    carried = carried_posts(session, mime)
    assert carried is not None
    return carried


def test_a_post_from_another_calendar_placed_in_the_hour_the_clocks_skip_goes_out_then(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Pasted or dropped at 02:30 on the night the clocks go forward, it kept 02:30
    where a post of this calendar placed there reads 03:30."""
    from calendar_app.ui.transfer import paste_from_calendar

    carried = carried_from(session, colleague_calendar(tmp_path))
    assert not carried.ours
    night = date(2027, 3, 28)
    landed: list[int] = []
    said = paste_from_calendar(session, None, carried, night, time(2, 30), landed.extend)
    assert said is not None
    assert [(p.date, p.time) for p in session.store.posts(landed)] == [(night, time(3, 30))]


def test_a_post_from_another_calendar_pasted_onto_today_goes_out_at_a_time_still_ahead(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 18:51 another client's 09:00 post pasted onto today kept 09:00, gone by, and
    counted as delivered, where a post of this calendar copied there goes out at 19:00;
    its notes, that client's, came along unsaid."""
    from calendar_app.ui.dnd import KEEP_TIME, carried_posts, posts_mime
    from calendar_app.ui.transfer import paste_from_calendar

    source = colleague_calendar(tmp_path)
    with CalendarStore.open(source) as other:
        first = other.all_posts()[0]
        other.update_post(first.id, {"time": time(9, 0), "notes": "Invoice 4471"})
        theirs = CalendarSession(other)
        mime = posts_mime(theirs, [other.post(first.id)])
        theirs.retire()
    with CalendarStore.open(demo_path) as store:
        session = CalendarSession(store)  # on the clock's today
        monkeypatch.setattr(session, "now", lambda: time(18, 51))
        carried = carried_posts(session, mime)
        assert carried is not None
        landed: list[int] = []
        today = session.today()
        said = paste_from_calendar(session, None, carried, today, KEEP_TIME, landed.extend)
        assert said is not None
        # What it left there, then what it made here, by name ("added 1 channel": X
        # beside Twitter, unsaid), last: a status bar cut the line before the notes.
        assert said == (
            "Pasted 1 post from 'colleague'. Its notes stay in 'colleague'. Added here: the"
            " channel 'Podcast'; the key message 'Listen in'."
        )
        (pasted,) = session.store.posts(landed)
        assert (pasted.date, pasted.time, pasted.notes) == (today, time(19, 0), "")
        session.undo_stack.clear()


def test_a_post_pasted_back_from_a_backup_of_this_calendar_keeps_its_notes(
    session: CalendarSession,
) -> None:
    """Deleted by mistake and copied back from the morning's backup: it came without
    its notes, "Its notes stay in 'Solenne Solar (demo)'", the calendar pasted into."""
    from datetime import datetime

    from calendar_app.app import data_folder
    from calendar_app.core.backups import backup_folder, make_backup
    from calendar_app.ui.transfer import paste_from_calendar

    post = session.store.all_posts()[0]
    session.store.update_post(post.id, {"notes": "Quote approved by Anna"})
    backup = make_backup(
        session.store, backup_folder(data_folder()), now=datetime(2026, 12, 10, 10, 0)
    )
    session.push(DeletePostsCommand(session, [post.id]))
    carried = carried_from(session, backup)
    assert not carried.ours  # a copy: the post comes back as a new one
    landed: list[int] = []
    said = paste_from_calendar(
        session, None, carried, date(2026, 12, 10), time(9, 0), landed.extend
    )
    assert said == "Pasted 1 post from its backup of Thu 10 Dec 2026 10:00."
    (pasted,) = session.store.posts(landed)
    assert (pasted.title, pasted.notes) == (post.title, "Quote approved by Anna")


def test_a_paste_from_another_calendar_says_whose_notes_stay_there(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Three posts cut there, one with notes: "Its notes stay" read as all three's; one
    post cut: "They stay in 'colleague' too"."""
    from calendar_app.ui.dnd import carried_posts, posts_mime
    from calendar_app.ui.transfer import paste_from_calendar

    source = colleague_calendar(tmp_path)
    with CalendarStore.open(source) as other:
        posts = other.all_posts()
        other.update_post(posts[0].id, {"notes": "Invoice 4471"})
        theirs = CalendarSession(other)
        both = posts_mime(theirs, other.posts([p.id for p in posts]), cut=True)
        one = posts_mime(theirs, other.posts([posts[1].id]), cut=True)
        theirs.retire()
    said: list[str] = []
    for mime in (both, one):
        carried = carried_posts(session, mime)
        assert carried is not None
        text = paste_from_calendar(session, None, carried, date(2026, 12, 14), time(9, 0))
        assert text is not None
        said.append(text)
    assert said == [
        "Pasted 2 posts from 'colleague'. They stay in 'colleague' too: posts move only"
        " within a calendar. The notes of 1 of them stay in 'colleague'. Added here: 1"
        " channel and 1 key message.",  # named, the line ran past a window's status bar
        "Pasted 1 post from 'colleague'. It stays in 'colleague' too: posts move only within"
        " a calendar.",
    ]


def test_posts_copied_from_a_calendar_gone_since_say_which(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Copied from a calendar on a USB stick, pasted after the stick was unplugged:
    "There is no calendar at …/usb/nile.cadence" named no calendar the user had in mind."""
    from calendar_app.ui.transfer import paste_from_calendar

    stick = tmp_path / "stick"
    stick.mkdir()
    source = colleague_calendar(stick)
    carried = carried_from(session, source)
    said: list[str] = []
    session.report_error = lambda parent, exc: said.append(str(exc))
    stick.rename(tmp_path / "elsewhere")  # unplugged
    count = session.store.count_posts()
    assert paste_from_calendar(session, None, carried, date(2026, 12, 1), None) is None
    assert said == [
        f"The calendar the posts were copied from is not at {source} any more, its drive"
        " unplugged or its share not connected perhaps; nothing was pasted."
    ]
    assert session.store.count_posts() == count


def test_a_merge_is_one_undo_step(session: CalendarSession, tmp_path: Path) -> None:
    source = colleague_calendar(tmp_path)
    before = session.store.all_posts()
    summary = run_import(session, None, source)
    assert summary is not None
    assert len(summary.added) == 2
    assert session.store.channel_named("Podcast") is not None
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Merge colleague.cadence"
    assert session.key_message(summary.messages_added[0]).title == "Listen in"

    session.undo_stack.undo()
    assert session.store.all_posts() == before
    assert session.store.channel_named("Podcast") is None
    assert session.store.key_message_titled("Listen in") is None

    session.undo_stack.redo()
    titles = {p.title for p in session.store.all_posts()}
    assert {"Episode 1", "Episode 2"} <= titles
    assert session.store.channel_named("Podcast") is not None
    assert "Listen in" in {m.title for m in session.key_messages()}


def test_a_refused_import_says_why_and_changes_nothing(
    session: CalendarSession, tmp_path: Path
) -> None:
    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))
    bad = tmp_path / "broken.cadence"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = session.store.all_posts()
    assert run_import(session, None, bad) is None
    assert len(seen) == 1
    assert str(bad) in seen[0]
    assert session.store.all_posts() == before
    assert session.undo_stack.count() == 0


def test_a_file_refused_for_its_content_says_nothing_was_imported(
    session: CalendarSession, tmp_path: Path
) -> None:
    """ "line 2: a quote opened on this row is never closed" alone: which file, and was
    anything imported? (An iCalendar file's own sentences said it, not a CSV's.)"""
    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))
    bad = tmp_path / "plan.csv"
    bad.write_text('date,channel,title\n2026-12-08,LinkedIn,"Launch day\n', "utf-8")
    before = session.store.all_posts()
    assert run_import(session, None, bad) is None
    assert seen == [
        "Nothing was imported from plan.csv (line 2): a quote opened on this row is never"
        ' closed; a quote inside a cell must be doubled ("").'
    ]
    assert session.store.all_posts() == before
    # One that says it already is said as it is.
    cut = tmp_path / "cut.ics"
    cut.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n", "utf-8")
    assert run_import(session, None, cut) is None
    assert seen[1].endswith("Nothing was imported.")
    assert "Nothing was imported from" not in seen[1]
    # Named once, as it is spelled (it read "…from notes.ics. Notes.ics is not…").
    notes = tmp_path / "notes.ics"
    notes.write_text("Buy milk\n", "utf-8")
    assert run_import(session, None, notes) is None
    assert seen[2].startswith("Nothing was imported: notes.ics is not")
    latin = tmp_path / "latin.ics"
    latin.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Caf\xe9\r\nEND:VCALENDAR\r\n")
    assert run_import(session, None, latin) is None
    assert seen[-1].startswith("Nothing was imported: latin.ics (line 3) is not UTF-8 text, ")
    empty = tmp_path / "empty.csv"
    empty.write_text("", "utf-8")
    assert run_import(session, None, empty) is None
    assert seen[-1].startswith("Nothing was imported from empty.csv. The file is empty; ")


def test_an_unknown_kind_of_file_is_refused(session: CalendarSession, tmp_path: Path) -> None:
    seen: list[str] = []
    session.report_error = lambda parent, exc: seen.append(str(exc))
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK")
    assert run_import(session, None, notes) is None
    assert seen == ["Cadence cannot tell what kind of file notes.docx is."]


def test_undoing_an_import_takes_away_the_series_it_brought(
    session: CalendarSession, tmp_path: Path
) -> None:
    from calendar_app.exchange.formats import ExportOptions
    from calendar_app.exchange.ical import export_ics

    source = tmp_path / "demo.ics"
    export_ics(session.store, source, ExportOptions(), lambda done, total: True)
    store = CalendarStore.create(tmp_path / "fresh.cadence", timezone="Europe/Paris")
    fresh = CalendarSession(store)
    try:
        summary = run_import(fresh, None, source, fallback_channel="Everything")
        assert summary is not None
        assert len(summary.series_added) == 1
        series_id = summary.series_added[0]
        members = fresh.store.series_posts(series_id)
        assert len(members) >= 4

        fresh.undo_stack.undo()
        assert store.db["series"].count == 0
        assert store.all_posts() == []

        fresh.undo_stack.redo()
        assert [s["id"] for s in store.db["series"].rows] == [series_id]
        assert {p.id for p in fresh.store.series_posts(series_id)} == {p.id for p in members}
    finally:
        fresh.undo_stack.clear()
        store.close()


@pytest.mark.parametrize("fmt", ["ics", "csv"])
def test_the_same_file_imported_again_adds_no_step_to_undo(
    session: CalendarSession, tmp_path: Path, fmt: str
) -> None:
    """Undo twice, the first step changing nothing, to undo an import: the bookkeeping
    a file leaves (what it said of each post) is no step."""
    from calendar_app.exchange.formats import EXPORTERS, ExportOptions

    source = tmp_path / f"plan.{fmt}"
    EXPORTERS[fmt](session.store, source, ExportOptions(), lambda done, total: True)
    with CalendarStore.create(tmp_path / "fresh.cadence", timezone="Europe/Paris") as store:
        fresh = CalendarSession(store)
        try:
            assert run_import(fresh, None, source, fallback_channel="Everything") is not None
            again = run_import(fresh, None, source, fallback_channel="Everything")
            assert again is not None
            assert again.added == []
            assert again.unchanged > 0
            assert fresh.undo_stack.count() == 1
            fresh.undo_stack.undo()
            assert store.all_posts() == []
        finally:
            fresh.undo_stack.clear()
    # A calendar's own file brought back into it: nothing to undo either.
    depth = session.undo_stack.count()
    assert run_import(session, None, source, fallback_channel="Everything") is not None
    assert session.undo_stack.count() == depth


def test_undoing_an_import_leaves_no_record_of_deletion_but_its_own(
    session: CalendarSession, tmp_path: Path
) -> None:
    """An import undone may come in again; a post deleted before an import brought it
    back is deleted again by the undo, and remembered so."""
    source = colleague_calendar(tmp_path)
    summary = run_import(session, None, source)
    assert summary is not None
    episodes = session.store.posts(summary.added)
    session.undo_stack.undo()
    assert session.store.deleted(p.uid for p in episodes) == {}
    again = run_import(session, None, source)
    assert again is not None
    assert (len(again.added), again.left_deleted) == (2, 0)  # came in again

    # Deleted here, then edited in the colleague's copy: the merge brings it back...
    first = session.store.post_by_uid(episodes[0].uid)
    session.push(DeletePostsCommand(session, [first.id]))
    kept = set(session.store.versions_of([first.id]))  # what it showed when deleted
    assert kept
    with CalendarStore.open(source) as colleague:
        theirs = colleague.post_by_uid(first.uid)
        colleague.update_post(theirs.id, {"title": "Episode 1, recut"})
        colleague.update_post(theirs.id, {"title": "Episode 1, recut again"})
    back = run_import(session, None, source)
    assert back is not None
    assert [p.title for p in session.store.posts(back.added)] == ["Episode 1, recut again"]
    # ... and its undo deletes it again, still remembered as deleted here.
    session.undo_stack.undo()
    assert session.store.find_post(first.uid) is None
    assert set(session.store.deleted([first.uid])) == {first.uid}
    assert kept <= set(session.store.versions_of([first.id]))  # and its versions then
    session.undo_stack.redo()
    assert session.store.post_by_uid(first.uid).title == "Episode 1, recut again"
    assert session.store.deleted([first.uid]) == {}


def test_a_csv_import_asks_how_its_dates_read_only_when_none_tells(
    session: CalendarSession, tmp_path: Path
) -> None:
    asked: list[tuple[str, str, bool]] = []
    answers = [False, None]

    def ask(parent: QWidget | None, name: str, example: str, offered: bool) -> bool | None:
        asked.append((name, example, offered))
        return answers.pop(0)

    def dated(name: str, *cells: str) -> Path:
        path = tmp_path / name
        rows = "".join(f"{name} {i},LinkedIn,{cell},draft\n" for i, cell in enumerate(cells))
        path.write_text("title,channel,date,status\n" + rows, encoding="utf-8")
        return path

    # 03/04/2026 reads two ways and nothing in the file tells: asked, answered month first.
    summary = run_import(session, None, dated("us.csv", "03/04/2026", "07/07/2026"), ask_order=ask)
    assert summary is not None
    assert asked == [("us.csv", "03/04/2026", transfer.day_first_locale())]
    assert {p.date for p in session.store.posts(summary.added)} == {
        date(2026, 3, 4),
        date(2026, 7, 7),
    }
    assert summary.notes == []  # the user chose: nothing to note
    # Cancelled: nothing imported, no undo step.
    depth = session.undo_stack.count()
    assert run_import(session, None, dated("again.csv", "05/06/2026"), ask_order=ask) is None
    assert session.undo_stack.count() == depth
    assert not [p for p in session.store.all_posts() if p.title.startswith("again.csv")]
    # 13/04/2026 tells the file is day first: nothing asked, 03/04/2026 is 3 April.
    summary = run_import(session, None, dated("uk.csv", "03/04/2026", "13/04/2026"), ask_order=ask)
    assert summary is not None
    assert len(asked) == 2
    assert {p.date for p in session.store.posts(summary.added)} == {
        date(2026, 4, 3),
        date(2026, 4, 13),
    }


@OFFSCREEN_POPUPS
@pytest.mark.parametrize("written", ["03/04/2026", "03.04.2026", "03-04-2026"])
def test_the_date_order_question_reads_the_date_both_ways(qtbot: QtBot, written: str) -> None:
    seen: dict[str, object] = {}

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen["text"] = box.informativeText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    assert ask_date_order(None, "plan.csv", written, False) is False
    assert seen["text"] == (
        f"No date in the file tells: {written} may be 3 April 2026 or 4 March 2026."
    )
    assert "&Day first (3 April 2026)" in seen["buttons"]  # type: ignore[operator]
    assert seen["default"] == "&Month first (4 March 2026)"


def test_a_csv_import_makes_the_names_it_needs_and_undo_takes_them_back(
    session: CalendarSession, tmp_path: Path
) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text(
        "date,channel,Key messages,campaign,title\n"
        "2026-12-02,Podcast,Listen in;Made in Europe,Winter,Episode 1\n",
        encoding="utf-8",
    )
    before = (session.store.all_posts(), session.store.channels(), session.store.campaigns())
    summary = run_import(session, None, source)
    assert summary is not None
    assert summary.skipped == []
    (post,) = session.store.posts(summary.added)
    assert session.store.channel(post.channel_id).name == "Podcast"
    assert {session.key_message(m).title for m in post.message_ids} == {
        "Listen in",
        "Made in Europe",
    }
    assert post.campaign_id is not None
    assert summary.describe().endswith("; created 1 channel, 2 key messages, 1 campaign.")
    # They start on the window's today, as a key message added in Edit > Key Messages does.
    assert {session.key_message(m).starts_on for m in summary.messages_added} == {session.today()}

    session.undo_stack.undo()
    assert (
        session.store.all_posts(),
        session.store.channels(),
        session.store.campaigns(),
    ) == before
    assert session.store.key_message_titled("Listen in") is None
    # Undone, they were never deleted by the user: the same file again brings them.
    assert session.store.deleted_names("message") == frozenset()
    assert session.store.deleted_names("campaign") == frozenset()
    again = run_import(session, None, source)
    assert again is not None
    (post,) = session.store.posts(again.added)
    assert len(post.message_ids) == 2
    assert post.campaign_id is not None


def _choosing(source: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """File > Import… answered as a user would: ``source`` chosen, LinkedIn for posts
    without a channel, the summary closed; the questions asked, as they come."""
    asked: list[str] = []

    def answer(parent: QWidget, title: str, label: str, *args: object) -> tuple[str, bool]:
        asked.append(label)
        return "LinkedIn", True

    monkeypatch.setattr(transfer, "file_dialog_name", lambda *args, **kw: str(source))
    monkeypatch.setattr(transfer.QInputDialog, "getItem", answer)
    monkeypatch.setattr(transfer, "show_summary", lambda *args: None)
    return asked


@pytest.mark.parametrize(
    ("name", "text", "lands_on"),
    [
        # A spreadsheet's own channel column: the channel it names is made (and with
        # every row naming one, nothing is asked).
        ("sheet.csv", "date,channel,title\n2026-12-02,Mastodon,Toot\n", "Mastodon"),
        (
            "sheet.csv",
            "date,channel,title\n2026-12-02,Mastodon,Toot\n2026-12-03,,Other\n",
            "Mastodon",
        ),
        # A row that names none, and an event of another program: the channel chosen.
        ("sheet.csv", "date,channel,title\n2026-12-02,,Toot\n", "LinkedIn"),
        (
            "feed.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n"
            "UID:toot-1\r\nDTSTAMP:20261120T090000Z\r\nDTSTART;VALUE=DATE:20261202\r\n"
            "SUMMARY:Toot\r\nCATEGORIES:Mastodon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "LinkedIn",
        ),
        # Cadence's own file: every post names its channel, which is made (the question
        # was asked, and its answer not used).
        (
            "plan.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cadence//Cadence 0.1.0//EN\r\n"
            "BEGIN:VEVENT\r\nUID:toot-1\r\nDTSTAMP:20261120T090000Z\r\n"
            "DTSTART;VALUE=DATE:20261202\r\nSUMMARY:Toot\r\nCATEGORIES:Mastodon\r\n"
            "X-CADENCE-CHANNEL:Mastodon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "Mastodon",
        ),
    ],
)
def test_the_import_asks_for_a_channel_as_it_then_uses_it(
    session: CalendarSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    lands_on: str,
) -> None:
    """The question for CSV said posts naming an unknown channel go to the one chosen;
    the import made that channel instead."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8", newline="")
    asked = _choosing(source, monkeypatch)
    transfer.import_dialog(session, QWidget())
    (post,) = [p for p in session.store.all_posts() if p.title == "Toot"]
    assert session.store.channel(post.channel_id).name == lands_on
    every_row_names_one = ",," not in text and source.suffix == ".csv"
    every_row_names_one |= "X-CADENCE-CHANNEL" in text
    assert asked == (
        [] if every_row_names_one else [transfer.FALLBACK_QUESTIONS[source.suffix[1:]]]
    )
    if asked and lands_on == "Mastodon":
        assert "lacks is added" in asked[0]


def test_the_same_events_imported_again_ask_for_no_channel(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dropped a second time, the file asked for a channel again, and one chosen anew
    changed nothing ("2 already up to date"); a new event in it is asked for."""
    event = (
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261120T090000Z\r\n"
        "DTSTART;VALUE=DATE:20261202\r\nSUMMARY:{uid}\r\nEND:VEVENT\r\n"
    )
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
    source = tmp_path / "feed.ics"
    source.write_text(
        head + event.format(uid="toot-1") + event.format(uid="toot-2") + "END:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    asked = _choosing(source, monkeypatch)
    transfer.import_dialog(session, QWidget())
    assert len(asked) == 1
    transfer.import_dialog(session, QWidget())
    assert len(asked) == 1
    source.write_text(
        head + event.format(uid="toot-1") + event.format(uid="toot-3") + "END:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    transfer.import_dialog(session, QWidget())
    assert len(asked) == 2
    assert {"toot-1", "toot-2", "toot-3"} <= {p.title for p in session.store.all_posts()}


def test_the_import_dialog_offers_every_file_an_import_reads() -> None:
    """A "plan.ical" imported from the command line could not be picked in the window."""
    from PySide6.QtCore import QDir

    from calendar_app.exchange.formats import IMPORT_SUFFIXES

    first = transfer.IMPORT_FILTER.split(";;")[0]
    patterns = first[first.index("(") + 1 : -1].split()
    for ending in IMPORT_SUFFIXES:
        assert QDir.match(patterns, f"plan{ending.upper()}"), ending
    assert QDir.match(patterns, "plan.ical")


def test_a_progress_bar_stays_short_of_full_while_the_work_goes_on(qtbot: QtBot) -> None:
    """Told all its rows were read, an import's bar emptied (Qt resets it at the
    maximum) with ten seconds of work still to come."""
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog, progress = transfer.progress_dialog(parent, "Importing plan.csv…")
    assert progress(500, 1000)
    assert dialog.value() == 50
    assert progress(1000, 1000)
    assert dialog.value() == 99
    dialog.close()


def test_each_export_s_progress_dialog_goes_once_done(
    session: CalendarSession, tmp_path: Path, qtbot: QtBot
) -> None:
    """Each export left its progress dialog hidden in the window: 200 exports, 200."""
    window = QWidget()
    qtbot.addWidget(window)
    for number in range(3):
        assert transfer.run_export(session, window, "csv", tmp_path / f"{number}.csv")
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(QProgressDialog) == []


def test_an_export_from_the_window_shades_the_weekend_it_shades(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web page and PDF from the window shade the days of rest its views shade."""
    monkeypatch.setenv("LC_ALL", "he_IL.UTF-8")
    given: list[ExportOptions] = []
    real = transfer.EXPORTERS["html"]

    def export(store: CalendarStore, target: Path, options: ExportOptions, *rest: Any) -> Any:
        given.append(options)
        return real(store, target, options, *rest)

    monkeypatch.setitem(transfer.EXPORTERS, "html", export)
    assert transfer.run_export(session, None, "html", tmp_path / "page.html")
    assert [options.rest_days for options in given] == [frozenset({4, 5})]


def test_an_import_the_filters_hide_says_so(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LinkedIn hidden, three LinkedIn rows imported: "Added 3 posts", none in sight and
    no word of why (a drop says so)."""
    source = tmp_path / "plan.csv"
    rows = "".join(f"2026-12-0{day},LinkedIn,Row {day}\n" for day in (2, 3, 4))
    source.write_text("date,channel,title\n" + rows, encoding="utf-8", newline="")
    _choosing(source, monkeypatch)
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(
        transfer, "show_summary", lambda parent, title, text, *a: said.append((title, text))
    )
    linkedin = session.store.channel_named("LinkedIn")
    assert linkedin is not None
    session.set_filters(Filters(hidden_channels=frozenset({linkedin.id})))
    transfer.import_dialog(session, QWidget())
    [(title, text)] = said
    assert title == "Import"
    assert text.endswith(" 3 of them are hidden by the filters; clear them to see all.")
    session.set_filters(Filters(search="zebra"))
    source.write_text("date,channel,title\n2026-12-05,LinkedIn,One more\n", encoding="utf-8")
    transfer.import_dialog(session, QWidget())
    assert said[-1][1].endswith(" It is hidden by the search; clear it to see all.")


def test_an_import_of_posts_of_other_months_says_where_they_are(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Last spring's plan imported: "Added 2 posts", and the month on screen empty."""
    source = tmp_path / "plan.csv"
    source.write_text(
        "date,channel,title\n2026-01-05,LinkedIn,First\n2026-04-20,LinkedIn,Last\n",
        encoding="utf-8",
        newline="",
    )
    _choosing(source, monkeypatch)
    said: list[str] = []
    monkeypatch.setattr(transfer, "show_summary", lambda parent, title, text, *a: said.append(text))
    transfer.import_dialog(session, QWidget())
    first = day_text(date(2026, 1, 5), year=True)
    last = day_text(date(2026, 4, 20), year=True)
    assert said[-1].endswith(
        f"The posts it added are from {first} to {last} (Ctrl+G goes to a date)."
    )
    today = session.today()
    source.write_text(f"date,channel,title\n{today.isoformat()},LinkedIn,Now\n", encoding="utf-8")
    transfer.import_dialog(session, QWidget())
    assert "The posts it added are" not in said[-1]  # in this month: in sight
    # The month on screen, not today's: another shown, today's posts are out of sight;
    # April's are in it.
    session.set_visible_range(date(2026, 3, 30), date(2026, 5, 10))
    source.write_text(f"date,channel,title\n{today.isoformat()},LinkedIn,Later\n", encoding="utf-8")
    transfer.import_dialog(session, QWidget())
    assert said[-1].endswith(
        f"The posts it added are on {day_text(today, year=True)} (Ctrl+G goes to a date)."
    )
    source.write_text("date,channel,title\n2026-04-21,LinkedIn,Spring\n", encoding="utf-8")
    transfer.import_dialog(session, QWidget())
    assert "The posts it added are" not in said[-1]


ICS_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261204T090000Z\r\n"
)


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        # Russian text saved by Excel (cp1251): no Western European text either.
        ("plan.csv", "Дата;Заголовок\n04.12.2026;Праздник\n".encode("cp1251"), "not UTF-8"),
        ("plan.ics", f"{ICS_EVENT}SUMMARY:Stra\u00dfenfest\r\n".encode("latin-1"), "not UTF-8"),
        ("cut.ics", f"{ICS_EVENT}SUMMARY:Launch\r\n".encode(), "never closed"),
        ("renamed.ics", b"SQLite format 3\x00" + bytes(200), "not an iCalendar file"),
    ],
)
def test_a_file_the_import_refuses_is_refused_before_any_question(
    session: CalendarSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes,
    said: str,
) -> None:
    """A file the import refuses, of another program's spreadsheet or calendar: the
    window asked for a channel for it, then refused the file."""
    source = tmp_path / name
    source.write_bytes(content)
    before = source.read_bytes()
    asked = _choosing(source, monkeypatch)
    refused: list[str] = []
    monkeypatch.setattr(session, "report_error", lambda parent, exc: refused.append(str(exc)))
    posts = len(session.store.all_posts())
    transfer.import_dialog(session, QWidget())
    assert asked == []
    assert len(refused) == 1
    assert said in refused[0]
    assert len(session.store.all_posts()) == posts
    assert source.read_bytes() == before


def test_undo_of_a_merge_that_brought_an_occurrence_back_puts_its_series_back(
    session: CalendarSession, tmp_path: Path
) -> None:
    from calendar_app.exchange.copy import save_copy

    save_copy(session.store, tmp_path / "before.cadence")
    store = session.store
    member = next(p for p in store.all_posts() if p.series_id is not None)
    assert member.series_id is not None
    with CalendarStore.open(tmp_path / "before.cadence") as colleague:
        # Edited there (twice: versions are told apart to the second), so it comes back.
        colleague.update_post(member.id, {"body": "Reworded there"})
        colleague.update_post(member.id, {"body": "Reworded there, again"})
    store.delete_occurrences(member.id, "this")
    series_then = store.series(member.series_id)

    summary = run_import(session, None, tmp_path / "before.cadence")
    assert summary is not None
    assert store.post_by_uid(member.uid).series_id == member.series_id
    session.undo_stack.undo()
    assert store.find_post(member.uid) is None
    assert store.series(member.series_id) == series_then  # the exception day is back
    session.undo_stack.redo()
    assert store.post_by_uid(member.uid).series_id == member.series_id
    assert member.occurrence not in store.series(member.series_id).exdates


def test_undo_of_a_merge_that_brought_a_series_longer_puts_back_its_rule(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Made longer there, on another day of the week too: undone, the series repeats
    as it did and its posts are its occurrences again; redone, it has them all."""
    from calendar_app.exchange.copy import save_copy

    store = session.store
    save_copy(store, tmp_path / "colleague.cadence")
    first = min(
        (p for p in store.all_posts() if p.series_id is not None),
        key=lambda p: p.date or date.max,
    )
    assert first.series_id is not None
    series_then = store.series(first.series_id)
    posts_then = store.series_posts(first.series_id)
    every_post = store.all_posts()
    with CalendarStore.open(tmp_path / "colleague.cadence") as colleague:
        colleague.change_repeat(first.id, "FREQ=WEEKLY;BYDAY=TU,FR;COUNT=30")  # Friday tips
        series_there = colleague.series(first.series_id)

    run_import(session, None, tmp_path / "colleague.cadence")
    assert store.series(first.series_id).rrule == series_there.rrule
    assert len(store.series_posts(first.series_id)) == 30
    session.undo_stack.undo()
    assert store.series(first.series_id) == series_then
    assert store.series_posts(first.series_id) == posts_then
    assert store.all_posts() == every_post  # the posts it brought gone with it
    session.undo_stack.redo()
    assert store.series(first.series_id) == series_there
    assert len(store.series_posts(first.series_id)) == 30


def test_undo_of_a_merge_that_moved_a_series_puts_back_a_post_it_did_not_edit(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Moved a week later there, all of it; here, its second post alone to the day the
    whole move put it on there: nothing to update in it, but its occurrence became the
    third's, and the undo left it so (two posts for one occurrence, one day without)."""
    from calendar_app.exchange.copy import save_copy

    store = session.store
    channel = store.channels()[0].id
    tip = NewPost("Tip", channel, (), date(2027, 3, 1), time(9), PostStatus.SCHEDULED)
    made = store.add_series(tip, "FREQ=WEEKLY;COUNT=4").created
    save_copy(store, tmp_path / "colleague.cadence")
    posts = store.posts(made)
    with CalendarStore.open(tmp_path / "colleague.cadence") as colleague:
        colleague.update_occurrences(posts[0].id, {"date": date(2027, 3, 8)}, "all")
    store.update_occurrences(posts[1].id, {"date": date(2027, 3, 15)}, "this")
    before = store.posts(made), store.series(posts[0].series_id or 0)

    run_import(session, None, tmp_path / "colleague.cadence")
    after = store.posts(made), store.series(posts[0].series_id or 0)
    assert after[1].anchor == date(2027, 3, 8)
    session.undo_stack.undo()
    assert (store.posts(made), store.series(posts[0].series_id or 0)) == before
    session.undo_stack.redo()
    assert (store.posts(made), store.series(posts[0].series_id or 0)) == after


def test_a_merge_deletes_what_the_colleague_deleted_and_its_undo_puts_it_back(
    session: CalendarSession, tmp_path: Path
) -> None:
    """The colleague deleted a post the client vetoed, and a whole series: the merge
    kept them here, unsaid. Now they go, one undo step; a post edited here since stays."""
    store = session.store
    store.checkpoint()
    colleague = tmp_path / "colleague.cadence"
    shutil.copy(store.path, colleague)
    plain = [p for p in store.all_posts() if p.date is not None and p.series_id is None]
    vetoed, edited_here = plain[0], plain[1]
    member = next(p for p in store.all_posts() if p.series_id is not None)
    assert member.series_id is not None
    series = store.series_posts(member.series_id)
    with CalendarStore.open(colleague) as other:
        other.delete_posts([vetoed.id, edited_here.id, *(p.id for p in series)])
    store.update_post(edited_here.id, {"title": "Reworded here"})
    before = store.all_posts()
    series_before = store.series(member.series_id)

    summary = run_import(session, None, colleague)
    assert summary is not None
    assert sorted(p.id for p in summary.removed) == sorted([vetoed.id, *(p.id for p in series)])
    assert store.find_post(vetoed.uid) is None
    assert store.series_rows([member.series_id]) == []  # its every post went
    assert store.post(edited_here.id).title == "Reworded here"
    assert summary.notes == [
        "'Reworded here' was deleted in colleague.cadence but edited here since: it stays."
    ]
    assert summary.describe().startswith(
        f"Added 0 posts, updated 0, {len(before) - len(series) - 2} already up to date,"
        f" {len(series) + 1} deleted there deleted here too, 1 deleted there kept"
    )
    after = store.all_posts()

    session.undo_stack.undo()
    assert store.all_posts() == before
    assert store.series(member.series_id) == series_before
    assert store.deleted([vetoed.uid]) == {}  # not remembered as deleted here
    session.undo_stack.redo()
    assert store.all_posts() == after
    assert store.series_rows([member.series_id]) == []


def test_undo_of_a_merge_whose_new_series_took_the_number_of_one_it_deleted(
    session: CalendarSession, tmp_path: Path
) -> None:
    """The colleague deleted this calendar's newest series and made one: the merge's
    series came under the freed number, and its undo failed ("FOREIGN KEY constraint
    failed"), the merge left in place."""
    store = session.store
    channel = session.channels()[0].id
    store.add_series(NewPost("Old weekly", channel, date=TODAY), "FREQ=WEEKLY;COUNT=3")
    store.checkpoint()
    colleague = tmp_path / "colleague.cadence"
    shutil.copy(store.path, colleague)
    with CalendarStore.open(colleague) as other:
        old = next(p for p in other.all_posts() if p.title == "Old weekly")
        other.delete_occurrences(old.id, "all")
        other.add_series(NewPost("New weekly", channel, date=TODAY), "FREQ=WEEKLY;COUNT=2")
    before = (store.all_posts(), store.db.execute("SELECT * FROM series").fetchall())
    summary = run_import(session, None, colleague)
    assert summary is not None
    assert set(summary.series_added) & {s.id for s in summary.series_before}  # one number
    after = (store.all_posts(), store.db.execute("SELECT * FROM series").fetchall())
    assert session.undo(None)
    assert (store.all_posts(), store.db.execute("SELECT * FROM series").fetchall()) == before
    assert session.redo(None)
    assert (store.all_posts(), store.db.execute("SELECT * FROM series").fetchall()) == after


def test_undo_of_a_merge_that_kept_a_conflict_puts_the_post_back_as_it_was(
    session: CalendarSession, tmp_path: Path
) -> None:
    """The colleague edited a post, and so did we, later: their edit is kept as a copy
    and our post now settles it; undo takes both away, redo brings both back."""
    session.store.checkpoint()
    colleague = tmp_path / "colleague.cadence"
    shutil.copy(session.store.path, colleague)
    mine = next(p for p in session.store.all_posts() if p.date is not None)
    with CalendarStore.open(colleague) as other:
        other.update_post(mine.id, {"title": "Their wording"})
    session.store.update_post(mine.id, {"title": "Our wording"})
    before = session.store.post(mine.id)
    summary = run_import(session, None, colleague)
    assert summary is not None
    assert (summary.conflicts, [p.id for p in summary.settled]) == (1, [mine.id])
    settled = session.store.post(mine.id)
    assert settled.revision == before.revision + 1
    session.undo_stack.undo()
    assert session.store.post(mine.id) == before
    assert "Their wording (conflict)" not in {p.title for p in session.store.all_posts()}
    session.undo_stack.redo()
    assert session.store.post(mine.id) == settled
    assert "Their wording (conflict)" in {p.title for p in session.store.all_posts()}


def test_file_dialogs_start_in_the_documents_rather_than_cadence_s_hidden_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    """A calendar made from the welcome screen lives in Cadence's data folder: its
    exports landed there, in a folder the file manager hides."""
    from PySide6.QtCore import QStandardPaths

    from calendar_app.app import data_folder
    from calendar_app.ui.dialogs import files_folder

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    made_there = data_folder() / "Boulangerie Dupont.cadence"
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert files_folder(made_there) in (Path(documents), Path.home())
    assert files_folder(made_there) != data_folder()
    elsewhere = tmp_path / "clients" / "plan.cadence"
    assert files_folder(elsewhere) == elsewhere.parent


def test_a_post_an_import_moves_leaves_no_delivery_on_its_old_day(
    session: CalendarSession, tmp_path: Path, qtbot: QtBot
) -> None:
    """A row moved to another day in a spreadsheet: the views moved the chip, but the
    cadence panel kept the delivery on the old day (the import named only the new)."""
    from calendar_app.exchange.csv_profiles import export_csv
    from calendar_app.exchange.formats import ExportOptions
    from calendar_app.ui.cadence_panel import CadencePanel

    panel = CadencePanel(session)
    qtbot.addWidget(panel)
    panel.resize(1000, 300)
    panel.show()
    panel.set_range(TODAY - timedelta(days=30), TODAY + timedelta(days=30))

    store = session.store

    def alone(post: Post) -> bool:
        """The only post of its day carrying its first key message."""
        day = post.date or TODAY
        carried = [
            q.id for q in store.posts_between(day, day) if post.message_ids[0] in q.message_ids
        ]
        return carried == [post.id]

    post, message = next(
        (p, p.message_ids[0])
        for p in store.posts_between(TODAY - timedelta(days=20), TODAY - timedelta(days=5))
        if p.series_id is None and p.message_ids and p.status == PostStatus.PUBLISHED and alone(p)
    )
    assert post.date is not None
    assert post.date in [day for day, _ in panel.marks(message)]
    source = tmp_path / "plan.csv"
    export_csv(store, source, ExportOptions())
    moved = post.date + timedelta(days=2)
    text = source.read_text("utf-8").replace(f"{post.uid},{post.date}", f"{post.uid},{moved}")
    source.write_text(text, "utf-8")
    summary = run_import(session, None, source)
    assert summary is not None
    assert [p.id for p in summary.previous] == [post.id]
    assert post.date not in [day for day, _ in panel.marks(message)]
    assert moved in [day for day, _ in panel.marks(message)]


def _locks_on(path: Path) -> int:
    """The locks this machine holds on ``path`` (Linux's /proc/locks)."""
    inode = path.stat().st_ino
    return sum(f":{inode} " in line for line in Path("/proc/locks").read_text().splitlines())


@OFFSCREEN_POPUPS
def test_a_file_dialog_on_the_calendars_folder_keeps_its_locks(
    session: CalendarSession, qtbot: QtBot
) -> None:
    """Qt's dialog read every file of the folder whose ending it did not know, the
    calendar and its -wal and -shm too: on Linux that dropped the window's locks on
    them, and the next `cadence` command deleted the -wal and -shm under the window,
    which then refused every change."""
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel

    from calendar_app.ui.dialogs import file_dialog_name

    path = session.store.path
    session.store.all_posts()
    held = (_locks_on(path), _locks_on(path.with_name(path.name + "-shm")))
    assert held[0] >= 1
    seen: list[tuple[int, int]] = []

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        with qtbot.waitSignal(model.directoryLoaded, timeout=10_000, raising=False):
            pass
        root = model.index(str(path.parent))
        for row in range(model.rowCount(root)):  # each file's icon and type, as shown
            index = model.index(row, 0, root)
            model.data(index, Qt.ItemDataRole.DecorationRole)
            model.type(index)
        dialog.grab()
        seen.append((_locks_on(path), _locks_on(path.with_name(path.name + "-shm"))))
        # Qt's own dialog: a desktop's (GNOME's) reads the files the same way.
        own.append(dialog.testOption(QFileDialog.Option.DontUseNativeDialog))
        kinds.append(model.type(model.index(str(path))))
        dialog.reject()

    own: list[bool] = []
    kinds: list[str] = []
    QTimer.singleShot(0, look_and_cancel)
    assert file_dialog_name(None, "Import", path.parent, "All files (*)") == ""
    assert seen == [held]
    assert own == [True]
    assert kinds == ["Cadence calendar"]


@OFFSCREEN_POPUPS
def test_a_file_dialog_for_a_folder_not_made_yet_opens_in_the_nearest_one(
    tmp_path: Path,
) -> None:
    """Cadence's own folder not made yet on a first start: the dialog opened in the
    folder Cadence was started from, and Enter saved the new calendar there."""
    from PySide6.QtWidgets import QFileDialog

    from calendar_app.ui.dialogs import file_dialog_name

    where = tmp_path / "data" / "Cadence" / "My content calendar.cadence"
    opened: list[Path] = []

    sizes: list[tuple[int, int]] = []

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        opened.append(Path(dialog.directory().absolutePath()))
        sizes.append((dialog.width(), dialog.height()))
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    file_dialog_name(None, "Save", where, "Cadence calendars (*.cadence)", save=True)
    assert opened == [tmp_path]
    # Room for the files' names, sizes and kinds (638 by 412 cut them: "Cad…dar").
    from PySide6.QtGui import QGuiApplication

    from calendar_app.ui.dialogs import WINDOW_FRAME

    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    room = screen.availableGeometry().size() - WINDOW_FRAME
    assert sizes == [(min(900, room.width()), min(560, room.height()))]


def test_the_pointer_is_busy_while_an_export_reads_the_calendar(
    session: CalendarSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole calendar is read before the progress dialog can show: the window held
    still a second or two with nothing to say it works."""
    shapes = []
    real = transfer.EXPORTERS["csv"]

    def seen() -> None:
        cursor = QApplication.overrideCursor()
        shapes.append(cursor.shape() if cursor is not None else None)

    def export(*args: Any) -> ExportSummary:
        seen()
        progress = args[-1]
        (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        dialog.show()  # as it does past its first moments
        progress(1, 2)
        seen()  # its Cancel under the usual pointer
        return real(*args)

    monkeypatch.setitem(transfer.EXPORTERS, "csv", export)
    summary = transfer.run_export(session, None, "csv", tmp_path / "out.csv")
    assert summary is not None
    assert shapes == [Qt.CursorShape.WaitCursor, None]
    assert QApplication.overrideCursor() is None  # and back once done


@pytest.mark.parametrize("fmt", ["ics", "cadence"])
def test_an_export_from_before_a_repeat_made_again_gives_each_occurrence_one_post(
    session: CalendarSession, tmp_path: Path, fmt: str
) -> None:
    """A weekly repeat exported, undone and made again, then the export imported: two
    posts of the series on each of its days (moving "all" moved both; a later change
    deleted one of each pair)."""
    from calendar_app.ui.commands import RepeatPostCommand

    store = session.store
    post = next(p for p in store.all_posts() if p.series_id is None and p.date == TODAY)
    session.push(RepeatPostCommand(session, post.id, {}, "FREQ=WEEKLY;COUNT=4"))
    assert transfer.run_export(session, None, fmt, tmp_path / f"before.{fmt}") is not None
    session.undo(None)
    session.push(RepeatPostCommand(session, post.id, {}, "FREQ=WEEKLY;COUNT=4"))
    run_import(session, None, tmp_path / f"before.{fmt}", fallback_channel="Imported", fmt=fmt)
    series_id = store.post(post.id).series_id
    assert series_id is not None
    occurrences = [p.occurrence for p in store.series_posts(series_id)]
    assert len(occurrences) == 4
    assert len(set(occurrences)) == 4


def test_an_import_undone_leaves_no_versions_behind_and_its_redo_brings_them_back(
    session: CalendarSession, tmp_path: Path
) -> None:
    """Three imports of 20,000 rows, each undone, left 120,000 version rows naming no
    post (the file grew from 256 KB to 26 MB, and post numbers climbed past them)."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "uid,title,channel,date\n"
        "sheet-1,Roof tour,LinkedIn,2026-12-20\n"
        "sheet-2,Warranty facts,Newsletter,2026-12-21\n",
        encoding="utf-8",
    )
    store = session.store

    def versions() -> list[tuple[object, ...]]:
        return sorted(store.read("SELECT * FROM post_versions"))

    before = versions()
    summary = run_import(session, None, sheet)
    assert summary is not None
    made = versions()
    assert len(made) > len(before)  # the rows' notes, kept as their first versions
    session.undo_stack.undo()
    assert versions() == before
    session.undo_stack.redo()
    assert versions() == made
    session.undo_stack.undo()
    linkedin = store.channel_named("LinkedIn")
    assert linkedin is not None
    (next_id,) = store.add_post(NewPost("After", linkedin.id, (), TODAY)).created
    assert next_id <= max(summary.added)  # no number skipped for them


def test_an_import_s_details_name_the_posts_it_updated(session: CalendarSession) -> None:
    """ "Added 5 posts, updated 1": another client's .ics rewrote a post here, unsaid which."""
    from calendar_app.exchange.formats import ImportSummary
    from calendar_app.ui.transfer import details

    post = next(p for p in session.store.all_posts() if p.date is not None)
    idea = session.store.backlog()[0]
    summary = ImportSummary(previous=[post, idea], skipped=["line 4: no start date"])
    assert details(summary) == [
        "line 4: no start date",
        f"updated: '{post.title}' ({post.date})",
        f"updated: '{idea.title}' (backlog)",
    ]
