"""The versions a post passed through: an earlier state of a post is told from an
edit made elsewhere, so that merging and re-importing never drop anyone's edit."""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calendar_app.core import database
from calendar_app.core import store as store_module
from calendar_app.core.models import NewPost, PostStatus
from calendar_app.core.store import (
    UNKNOWN,
    VERSION_STAMP,
    CalendarStore,
    History,
    key_of,
    version_key,
)
from calendar_app.exchange.csv_profiles import export_csv, import_csv
from calendar_app.exchange.formats import (
    CONFLICT_MARK,
    ExportOptions,
    ImportOptions,
    ImportSummary,
    no_progress,
    reconcile,
)
from calendar_app.exchange.ical import X_EARLIER, export_ics, import_ics
from calendar_app.exchange.merge import merge_calendar, merge_into
from tests.files import write_schema_4

START = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)


def _ticking_clock() -> Iterator[str]:
    """Edit stamps one second apart, in the past (a taken edit is never later than now)."""
    for tick in itertools.count():
        yield (START + timedelta(seconds=tick)).isoformat(timespec="microseconds")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    stamps = _ticking_clock()
    monkeypatch.setattr(store_module, "_now", lambda: next(stamps))


def _calendar_pair(folder: Path) -> tuple[CalendarStore, CalendarStore]:
    """Two copies of one calendar holding one post (as a colleague's copy of a file)."""
    first = CalendarStore.create(folder / "ours.cadence", timezone="Europe/Paris")
    channel = first.add_channel("LinkedIn").created[0]
    first.add_post(
        NewPost("Launch", channel, (), date(2026, 12, 1), time(9, 0), status=PostStatus.SCHEDULED)
    )
    first.close()
    shutil.copy(folder / "ours.cadence", folder / "theirs.cadence")
    return CalendarStore.open(folder / "ours.cadence"), CalendarStore.open(
        folder / "theirs.cadence"
    )


@pytest.fixture
def pair(tmp_path: Path, clock: None) -> Iterator[tuple[CalendarStore, CalendarStore]]:
    ours, theirs = _calendar_pair(tmp_path)
    yield ours, theirs
    ours.close()
    theirs.close()


def _retitle(store: CalendarStore, title: str) -> None:
    (post,) = [p for p in store.all_posts() if not p.title.endswith(CONFLICT_MARK)]
    store.update_post(post.id, {"title": title})


def _titles(store: CalendarStore) -> list[str]:
    return sorted(p.title for p in store.all_posts())


# -- what the store records ------------------------------------------------------


def _known(store: CalendarStore, post_id: int) -> History:
    return store.history([store.post(post_id)])[post_id]


def test_each_edit_records_the_version_it_replaced(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, _ = pair
    (created,) = ours.all_posts()
    assert _known(ours, created.id) == History()
    _retitle(ours, "Launch, v2")
    second = ours.post(created.id)
    _retitle(ours, "Launch, v3")
    assert _known(ours, created.id).versions == {key_of(created), key_of(second)}
    assert _known(ours, created.id).complete


def test_undo_and_redo_go_back_and_forth_along_the_versions(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, _ = pair
    (created,) = ours.all_posts()
    _retitle(ours, "Launch, v2")
    edited = ours.post(created.id)
    ours.restore_posts([created])  # undo
    assert _known(ours, created.id).versions == set()
    ours.restore_posts([edited])  # redo
    assert _known(ours, created.id).versions == {key_of(created)}
    ours.delete_posts([created.id])
    ours.restore_posts([edited])  # undo of the delete
    assert _known(ours, created.id).versions == {key_of(created)}


def test_a_new_post_never_takes_the_id_of_a_deleted_one_with_a_history(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, _ = pair
    (created,) = ours.all_posts()
    _retitle(ours, "Launch, v2")
    edited = ours.post(created.id)
    ours.delete_posts([created.id])  # the last post: its id would come round again
    (fresh,) = ours.add_post(NewPost("Fresh", created.channel_id)).created
    assert fresh > created.id
    assert _known(ours, fresh) == History()
    (more,) = ours.add_posts([NewPost("More", created.channel_id)]).created
    assert more == fresh + 1
    ours.restore_posts([edited])  # the delete undone: its history is there
    assert _known(ours, created.id).versions == {key_of(created)}


def test_a_post_taken_from_elsewhere_knows_where_it_came_from(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    (mine,) = ours.all_posts()
    _retitle(theirs, "Launch, theirs")
    (post,) = theirs.all_posts()
    merge_calendar(ours, theirs)
    taken = ours.post(mine.id)
    assert key_of(taken) == key_of(post)
    assert key_of(mine) in _known(ours, mine.id).versions
    assert _known(ours, mine.id).complete


def test_a_calendar_from_before_versions_were_kept_knows_them_from_then_on(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.cadence"
    write_schema_4(path)
    with CalendarStore.open(path) as store:
        (post,) = store.all_posts()
        assert _known(store, post.id) == History(boundary=frozenset({key_of(post)}))
        store.update_post(post.id, {"title": "Edited after the update"})
        known = _known(store, post.id)
        assert (known.versions, known.boundary) == (
            frozenset({key_of(post)}),
            frozenset({key_of(post)}),
        )
        # What came before revision 3 is not known: an older copy's fate is guessed as before.
        edited = store.post(post.id)
        ours = (edited.updated_at, edited.revision)
        assert reconcile(_at(0, 2), ours, None, known) == (False, False)
        assert reconcile(_at(0, 5), ours, None, known) == (False, True)


# -- the rule ---------------------------------------------------------------------


def _at(second: int, revision: int) -> tuple[datetime, int]:
    return START + timedelta(seconds=second), revision


def _history(
    *versions: tuple[datetime, int], below: tuple[tuple[datetime, int], ...] = ()
) -> History:
    """Known earlier versions, and those ``below`` which nothing is known."""
    return History(
        frozenset(version_key(*v) for v in (*versions, *below)),
        frozenset(version_key(*v) for v in below),
    )


UNKNOWN_PAST = History(boundary=frozenset({UNKNOWN}))


@pytest.mark.parametrize(
    ("theirs", "ours", "their", "our", "expected"),
    [
        # Both edited once since they parted; ours later: theirs is kept as a copy.
        (_at(1, 2), _at(2, 2), _history(_at(0, 1)), _history(_at(0, 1)), (False, True)),
        # Ours edited twice (later), theirs once: theirs was never seen here.
        (_at(1, 2), _at(3, 3), _history(_at(0, 1)), _history(_at(0, 1), _at(2, 2)), (False, True)),
        # Theirs edited twice (later), ours once: ours is kept as a copy.
        (_at(3, 3), _at(1, 2), _history(_at(0, 1), _at(2, 2)), _history(_at(0, 1)), (True, True)),
        # Theirs is an earlier state of ours: nothing to keep.
        (_at(1, 2), _at(2, 3), _history(_at(0, 1)), _history(_at(0, 1), _at(1, 2)), (False, False)),
        # Theirs comes from ours although its clock was behind: it comes in.
        (_at(1, 3), _at(5, 2), _history(_at(0, 1), _at(5, 2)), _history(_at(0, 1)), (True, False)),
        # Versions from before they were kept: fewer revisions reads as an earlier state.
        (_at(1, 2), _at(2, 5), None, UNKNOWN_PAST, (False, False)),
        (_at(3, 6), _at(1, 2), None, UNKNOWN_PAST, (True, False)),
        # Known in part: what is not among the known versions is not taken for new.
        (_at(1, 2), _at(2, 5), None, _history(_at(0, 4), below=(_at(0, 3),)), (False, False)),
        # Both edited since a version before which nothing is known: neither is the
        # other's past, whoever edited more.
        (
            _at(5, 5),
            _at(3, 4),
            _history(_at(4, 4), below=(_at(0, 3),)),
            _history(below=(_at(0, 3),)),
            (True, True),
        ),
    ],
)
def test_which_version_wins_and_whether_the_other_is_kept(
    theirs: tuple[datetime, int],
    ours: tuple[datetime, int],
    their: History | None,
    our: History,
    expected: tuple[bool, bool],
) -> None:
    assert reconcile(theirs, ours, their, our) == expected


# -- merging and re-importing ---------------------------------------------------------


@pytest.mark.parametrize(("our_edits", "their_edits"), [(1, 1), (1, 3), (3, 1), (2, 2)])
@pytest.mark.parametrize("ours_last", [True, False])
def test_a_merge_keeps_both_edits_whoever_edited_more_or_later(
    pair: tuple[CalendarStore, CalendarStore], our_edits: int, their_edits: int, ours_last: bool
) -> None:
    ours, theirs = pair
    edits = [(theirs, f"Theirs {n}") for n in range(their_edits)]
    mine = [(ours, f"Ours {n}") for n in range(our_edits)]
    for store, title in [*edits, *mine] if ours_last else [*mine, *edits]:
        _retitle(store, title)
    summary = merge_calendar(ours, theirs)
    winner, loser = (f"Ours {our_edits - 1}", f"Theirs {their_edits - 1}")
    if not ours_last:
        winner, loser = loser, winner
    assert _titles(ours) == sorted([winner, loser + CONFLICT_MARK])
    assert summary.conflicts == 1
    # The same file again, and the other way round, adds nothing more.
    merge_calendar(ours, theirs)
    assert _titles(ours) == sorted([winner, loser + CONFLICT_MARK])


def test_an_earlier_state_merged_back_is_no_conflict(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    ours, theirs = pair
    _retitle(theirs, "Theirs 1")
    merge_calendar(ours, theirs)  # ours takes their edit
    _retitle(ours, "Ours after theirs")
    summary = merge_calendar(ours, theirs)
    assert (summary.conflicts, summary.kept_newer) == (0, 1)
    assert _titles(ours) == ["Ours after theirs"]
    summary = merge_calendar(theirs, ours)  # and theirs takes that, with no copy
    assert (summary.conflicts, len(summary.previous)) == (0, 1)
    assert _titles(theirs) == ["Ours after theirs"]


def test_an_icalendar_file_carries_the_versions_its_events_come_from(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, theirs = pair
    _retitle(theirs, "Theirs 1")
    _retitle(theirs, "Theirs 2")
    _retitle(ours, "Ours 1")  # the later edit, and fewer of them
    export_ics(theirs, tmp_path / "theirs.ics", ExportOptions(), no_progress)
    text = (tmp_path / "theirs.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert f"{X_EARLIER}:2/" in text
    summary = import_ics(ours, tmp_path / "theirs.ics", ImportOptions(), no_progress)
    assert summary.conflicts == 1
    assert _titles(ours) == ["Ours 1", "Theirs 2" + CONFLICT_MARK]
    again = import_ics(ours, tmp_path / "theirs.ics", ImportOptions(), no_progress)
    assert (again.conflicts, again.kept_newer, again.added) == (0, 1, [])


def test_a_mangled_version_list_is_read_as_unknown(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    _retitle(ours, "Ours 1")
    export_ics(ours, tmp_path / "ours.ics", ExportOptions(), no_progress)
    _retitle(ours, "Ours 2")
    text = (tmp_path / "ours.ics").read_text(encoding="utf-8")
    text = text.replace(f"{X_EARLIER}:1/", f"{X_EARLIER}:x 1/")
    (tmp_path / "ours.ics").write_text(text, encoding="utf-8")
    # An older file of our own: without its list, fewer revisions read as an earlier state.
    summary = import_ics(ours, tmp_path / "ours.ics", ImportOptions(), no_progress)
    assert (summary.conflicts, summary.kept_newer) == (0, 1)
    assert _titles(ours) == ["Ours 2"]


# -- the property: nobody's edit is ever dropped ----------------------------------------

_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.booleans()),  # edit ours (True) or theirs
        st.tuples(st.sampled_from(["merge", "ics"]), st.booleans()),  # into ours (True)
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=_STEPS)
def test_no_edit_is_lost_and_no_past_state_comes_back_as_a_conflict(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, bool]]
) -> None:
    """Two copies of a calendar edited and synced in any order (merge or iCalendar):
    when the two versions of the post have parted, both survive (one as a conflict
    copy); when one is the other's past, the later one is taken and no copy is made."""
    folder = tmp_path_factory.mktemp("versions")
    with pytest.MonkeyPatch.context() as patch:
        stamps = _ticking_clock()
        patch.setattr(store_module, "_now", lambda: next(stamps))
        ours, theirs = _calendar_pair(folder)
        # The model: each side's current title and the titles it descends from.
        current = {True: "Launch", False: "Launch"}
        past: dict[bool, set[str]] = {True: set(), False: set()}
        count = itertools.count(1)
        try:
            for action, side in steps:
                into, source = (ours, theirs) if side else (theirs, ours)
                if action == "edit":
                    title = f"{'Ours' if side else 'Theirs'} {next(count)}"
                    _retitle(into, title)
                    past[side].add(current[side])
                    current[side] = title
                    continue
                here, there = current[side], current[not side]
                if action == "merge":
                    summary = merge_calendar(into, source)
                else:
                    ics = folder / "sync.ics"
                    export_ics(source, ics, ExportOptions(), no_progress)
                    summary = import_ics(into, ics, ImportOptions(), no_progress)
                (post,) = [p for p in into.all_posts() if not p.title.endswith(CONFLICT_MARK)]
                if there == here or there in past[side]:  # theirs is our past
                    assert (post.title, summary.conflicts) == (here, 0)
                elif here in past[not side]:  # ours is their past
                    assert (post.title, summary.conflicts) == (there, 0)
                else:  # parted: both survive
                    copies = {t.removesuffix(CONFLICT_MARK) for t in _titles(into)}
                    assert post.title in {here, there}
                    assert {here, there} <= copies
                past[side] |= past[not side] | {here, there}
                current[side] = post.title
                past[side].discard(post.title)
        finally:
            ours.close()
            theirs.close()


# -- another program's events: what they said when they came in ------------------------

OUTLOOK = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
BEGIN:VEVENT
UID:india@outlook
DTSTART;VALUE=DATE:{day}
SUMMARY:{title}
{extra}END:VEVENT
END:VCALENDAR
"""


def _outlook(folder: Path, title: str, day: str = "20260415", extra: str = "") -> Path:
    path = folder / "outlook.ics"
    text = OUTLOOK.format(title=title, day=day, extra=extra)
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def _import(store: CalendarStore, path: Path) -> tuple[int, int, int, int]:
    """(added, updated, kept as edited here, conflict copies)."""
    summary = import_ics(store, path, ImportOptions(fallback_channel="LinkedIn"), no_progress)
    return len(summary.added), len(summary.previous), summary.kept_newer, summary.conflicts


def _india(store: CalendarStore) -> tuple[str, date | None]:
    post = store.post_by_uid("india@outlook")
    return post.title, post.date


def test_the_same_file_again_keeps_what_was_edited_here(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    path = _outlook(tmp_path, "India trade mission")
    assert _import(ours, path) == (1, 0, 0, 0)
    post = ours.post_by_uid("india@outlook")
    ours.move_posts({post.id: (date(2026, 4, 20), None)})
    assert _import(ours, path) == (0, 0, 1, 0)
    assert _india(ours) == ("India trade mission", date(2026, 4, 20))


def test_a_changed_file_comes_in_and_keeps_an_edit_made_here_as_a_copy(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    _import(ours, _outlook(tmp_path, "India trade mission"))
    post = ours.post_by_uid("india@outlook")
    ours.move_posts({post.id: (date(2026, 4, 20), None)})
    changed = _outlook(tmp_path, "India trade mission, confirmed")
    assert _import(ours, changed)[1:] == (1, 0, 1)
    assert _india(ours) == ("India trade mission, confirmed", date(2026, 4, 15))
    copies = [p for p in ours.all_posts() if p.title.endswith(CONFLICT_MARK)]
    assert [(p.title, p.date) for p in copies] == [
        ("India trade mission" + CONFLICT_MARK, date(2026, 4, 20))
    ]
    assert _import(ours, changed) == (0, 0, 0, 0), "the same file again: nothing"


def test_a_changed_file_simply_comes_in_when_nothing_was_edited_here(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    _import(ours, _outlook(tmp_path, "India trade mission"))
    assert _import(ours, _outlook(tmp_path, "India trade mission, confirmed")) == (0, 1, 0, 0)
    assert _india(ours) == ("India trade mission, confirmed", date(2026, 4, 15))
    # The first file again is an older state of the event: what came later stays.
    assert _import(ours, _outlook(tmp_path, "India trade mission")) == (0, 0, 1, 0)
    assert _india(ours) == ("India trade mission, confirmed", date(2026, 4, 15))


def test_an_event_changed_back_comes_back_when_its_program_says_it_changed(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    """Outlook moves a meeting to the 20th and back to the 15th: its LAST-MODIFIED and
    SEQUENCE tell the last file from an old copy of the first."""
    ours, _ = pair
    for n, day in enumerate(["20260415", "20260420", "20260415"], 1):
        extra = f"SEQUENCE:{n}\nLAST-MODIFIED:2026010{n}T100000Z\n"
        _import(ours, _outlook(tmp_path, "India trade mission", day, extra))
        assert _india(ours)[1] == date(2026, 4, int(day[-2:]))


def test_a_spreadsheet_line_end_is_not_taken_for_an_edit_here(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    _import(ours, _outlook(tmp_path, "India trade mission"))
    post = ours.post_by_uid("india@outlook")
    ours.restore_posts([dataclasses.replace(post, body="one\r\ntwo")])
    text = OUTLOOK.format(title="India trade mission", day="20260415", extra="")
    lines = text.replace("SUMMARY:", "DESCRIPTION:one\\ntwo\nSUMMARY:")
    (tmp_path / "outlook.ics").write_text(lines.replace("\n", "\r\n"), encoding="utf-8")
    assert _import(ours, tmp_path / "outlook.ics")[1:] == (0, 0, 0)  # the same text
    renamed = lines.replace("SUMMARY:India trade mission", "SUMMARY:India, confirmed")
    (tmp_path / "outlook.ics").write_text(renamed.replace("\n", "\r\n"), encoding="utf-8")
    assert _import(ours, tmp_path / "outlook.ics")[1:] == (1, 0, 0), "no conflict copy"


def test_undoing_a_merge_undoes_what_it_settled(
    pair: tuple[CalendarStore, CalendarStore],
) -> None:
    """Undo of a merge that kept their edit as a copy forgets that it did: merged
    again, their edit is kept again; merged the other way, nobody's edit is lost."""
    ours, theirs = pair
    _retitle(theirs, "Theirs")
    _retitle(ours, "Ours")  # the later edit
    summary = merge_calendar(ours, theirs)
    assert summary.conflicts == 1
    ours.delete_posts(summary.added)  # what the window's undo does
    ours.restore_posts([*summary.previous, *summary.settled])
    assert _titles(ours) == ["Ours"]
    assert merge_calendar(ours, theirs).conflicts == 1
    assert _titles(ours) == ["Ours", "Theirs" + CONFLICT_MARK]
    merge_calendar(theirs, ours)
    assert {t.removesuffix(CONFLICT_MARK) for t in _titles(theirs)} == {"Ours", "Theirs"}


def test_the_same_file_edited_elsewhere_comes_in_once(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    """A Cadence file renamed in another program, while the post was edited here:
    kept as a copy once; the same file again changes nothing, not even the version."""
    ours, _ = pair
    export_ics(ours, tmp_path / "out.ics", ExportOptions(), no_progress)
    _retitle(ours, "Ours, later")
    text = (tmp_path / "out.ics").read_text(encoding="utf-8")
    text = text.replace("SUMMARY:Launch", "SUMMARY:Renamed there")  # and stamped then:
    text = re.sub(r"LAST-MODIFIED:\d{8}T\d{6}Z", "LAST-MODIFIED:20190101T000000Z", text)
    (tmp_path / "there.ics").write_text(text, encoding="utf-8")
    first = import_ics(ours, tmp_path / "there.ics", ImportOptions(), no_progress)
    assert first.conflicts == 1
    (post,) = [p for p in ours.all_posts() if not p.title.endswith(CONFLICT_MARK)]
    again = import_ics(ours, tmp_path / "there.ics", ImportOptions(), no_progress)
    assert (again.conflicts, again.previous, again.settled) == (0, [], [])
    assert ours.post(post.id) == post


def test_a_colleague_s_calendar_from_before_versions_were_kept_merges(
    tmp_path: Path, clock: None
) -> None:
    path = tmp_path / "v4.cadence"
    write_schema_4(path)
    with CalendarStore.create(tmp_path / "ours.cadence", timezone="Europe/Paris") as ours:
        summary = merge_into(ours, path, ImportOptions())
        assert [p.title for p in ours.all_posts()] == ["Old post"]
        assert len(summary.added) == 1
    assert database.check_calendar_file(path) == 4, "read as it is, not updated"


def test_a_mangled_last_modified_is_read_as_absent(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, theirs = pair
    _retitle(theirs, "Theirs 1")
    export_ics(theirs, tmp_path / "theirs.ics", ExportOptions(), no_progress)
    text = (tmp_path / "theirs.ics").read_text(encoding="utf-8")
    text = re.sub(r"LAST-MODIFIED:\d{8}T\d{6}Z", "LAST-MODIFIED:20190101T000000Z000Z", text)
    (tmp_path / "theirs.ics").write_text(text, encoding="utf-8")
    summary = import_ics(ours, tmp_path / "theirs.ics", ImportOptions(), no_progress)
    assert (len(summary.previous), summary.conflicts) == (1, 0)
    assert _titles(ours) == ["Theirs 1"]


def test_edits_made_since_the_update_are_kept_whatever_came_before(
    tmp_path: Path, clock: None
) -> None:
    """A post edited before versions were kept, then on both sides after: neither
    edit is the other's past, whoever made more."""
    write_schema_4(tmp_path / "ours.cadence")
    CalendarStore.open(tmp_path / "ours.cadence").close()  # updated once, then shared
    shutil.copy(tmp_path / "ours.cadence", tmp_path / "theirs.cadence")
    with (
        CalendarStore.open(tmp_path / "ours.cadence") as ours,
        CalendarStore.open(tmp_path / "theirs.cadence") as theirs,
    ):
        _retitle(ours, "Ours: an important fix")
        _retitle(theirs, "Theirs 1")
        _retitle(theirs, "Theirs 2")
        assert merge_calendar(ours, theirs).conflicts == 1
        assert _titles(ours) == ["Ours: an important fix" + CONFLICT_MARK, "Theirs 2"]


def _edited_there(folder: Path, source: Path, title: str, stamp: str, *, strip: bool) -> Path:
    """``source`` as another program saves it: renamed, with its own LAST-MODIFIED, and
    (``strip``) without what only Cadence reads, as Google Calendar exports it."""
    text = source.read_bytes().decode("utf-8").replace("\r\n ", "")
    text = text.replace("SUMMARY:Launch", f"SUMMARY:{title}")
    text = re.sub(r"LAST-MODIFIED:\d{8}T\d{6}Z", f"LAST-MODIFIED:{stamp}", text)
    if strip:
        text = re.sub(r"(X-CADENCE-[^\r\n]*|CATEGORIES[^\r\n]*)\r\n", "", text)
    path = folder / f"there-{stamp}.ics"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_an_event_back_from_google_knows_its_past_after_a_spreadsheet_came_in(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    """A post a CSV file once came into (even as it was): Cadence's .ics, through Google
    Calendar (without Cadence's own lines) and back after the post was moved here, put
    the post back on its old day and kept the move only as a conflict copy."""
    ours, _ = pair
    export_csv(ours, tmp_path / "plan.csv", ExportOptions(), no_progress)
    import_csv(ours, tmp_path / "plan.csv", ImportOptions(), no_progress)
    export_ics(ours, tmp_path / "out.ics", ExportOptions(), no_progress)
    # Changed there before the move here (the stamps of this test's clock start in 2020).
    google = _edited_there(tmp_path, tmp_path / "out.ics", "Launch", "20190101T000000Z", strip=True)
    (post,) = ours.all_posts()
    ours.update_post(post.id, {"date": date(2026, 12, 2)})  # moved here since
    assert _import(ours, google) == (0, 0, 1, 0)  # kept as edited here, no copy
    assert [(p.title, p.date) for p in ours.all_posts()] == [("Launch", date(2026, 12, 2))]
    # Its program says it changed it back since: it comes in, the move kept as a copy.
    later = _edited_there(tmp_path, tmp_path / "out.ics", "Launch", "20300101T000000Z", strip=True)
    assert _import(ours, later) == (1, 1, 0, 1)
    assert sorted((p.title, p.date) for p in ours.all_posts()) == [
        ("Launch", date(2026, 12, 1)),
        ("Launch" + CONFLICT_MARK, date(2026, 12, 2)),
    ]


def test_an_old_event_back_from_google_leaves_a_spreadsheets_change(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    """The .ics went to Google, then a spreadsheet moved the post: Google's export, of
    the event as it was, put the post back on its old day without a word."""
    ours, _ = pair
    export_ics(ours, tmp_path / "out.ics", ExportOptions(), no_progress)
    google = _edited_there(tmp_path, tmp_path / "out.ics", "Launch", "20190101T000000Z", strip=True)
    export_csv(ours, tmp_path / "plan.csv", ExportOptions(), no_progress)
    sheet = (tmp_path / "plan.csv").read_text(encoding="utf-8").replace("2026-12-01", "2026-12-05")
    (tmp_path / "plan.csv").write_text(sheet, encoding="utf-8")
    assert len(import_csv(ours, tmp_path / "plan.csv", ImportOptions(), no_progress).previous) == 1
    assert _import(ours, google)[:2] == (0, 0)
    assert [(p.title, p.date) for p in ours.all_posts()] == [("Launch", date(2026, 12, 5))]


def test_a_file_edited_twice_in_another_program_comes_in_twice_without_a_copy(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    ours, _ = pair
    export_ics(ours, tmp_path / "out.ics", ExportOptions(), no_progress)
    for title, stamp in (("Launch v2", "20250101T000000Z"), ("Launch v3", "20300101T000000Z")):
        there = _edited_there(tmp_path, tmp_path / "out.ics", title, stamp, strip=False)
        summary = import_ics(ours, there, ImportOptions(), no_progress)
        assert (len(summary.previous), summary.conflicts) == (1, 0)
        assert _titles(ours) == [title]


@pytest.mark.parametrize(
    ("edited_here", "edited_there", "titles", "copies"),
    [
        # Google kept it as it was: the post's own past, edited here since.
        (True, False, ["Launch, fixed here"], 0),
        # Renamed in Google, never edited here: it comes in.
        (False, True, ["Launch, renamed there"], 0),
        # Both: nothing yet tells which came first, so both stay (Google's is later).
        (True, True, ["Launch, fixed here" + CONFLICT_MARK, "Launch, renamed there"], 1),
    ],
)
def test_a_post_back_from_google_calendar_the_first_time_loses_no_edit(
    pair: tuple[CalendarStore, CalendarStore],
    tmp_path: Path,
    edited_here: bool,
    edited_there: bool,
    titles: list[str],
    copies: int,
) -> None:
    """Exported, imported into Google, exported from there: Cadence's own lines are
    gone, so the event is another program's the first time it comes back."""
    ours, _ = pair
    export_ics(ours, tmp_path / "out.ics", ExportOptions(), no_progress)
    title = "Launch, renamed there" if edited_there else "Launch"
    google = _edited_there(tmp_path, tmp_path / "out.ics", title, "20300101T000000Z", strip=True)
    if edited_here:
        _retitle(ours, "Launch, fixed here")
    options = ImportOptions(fallback_channel="LinkedIn")
    summary = import_ics(ours, google, options, no_progress)
    assert (_titles(ours), summary.conflicts) == (titles, copies)
    again = import_ics(ours, google, options, no_progress)
    assert (again.conflicts, again.previous, again.added) == (0, [], [])
    assert _titles(ours) == titles


@pytest.mark.parametrize(("title", "stays"), [("Launch", True), ("Launch, renamed there", False)])
def test_a_post_deleted_here_stays_deleted_when_google_calendar_brings_it_as_it_was(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path, title: str, stays: bool
) -> None:
    """Exported with a key message and a campaign, which Google Calendar drops, then
    deleted here: Google's file showing it as it was leaves it out; one where it was
    renamed there brings it back."""
    ours, _ = pair
    (post,) = ours.all_posts()
    message = ours.add_key_message("Made here", cadence_days=7).created[0]
    campaign = ours.add_campaign("Spring").created[0]
    ours.update_post(post.id, {"message_ids": (message,), "campaign_id": campaign})
    export_ics(ours, tmp_path / "out.ics", ExportOptions(), no_progress)
    google = _edited_there(tmp_path, tmp_path / "out.ics", title, "20300101T000000Z", strip=True)
    ours.delete_posts([post.id])
    options = ImportOptions(fallback_channel="LinkedIn")
    summary = import_ics(ours, google, options, no_progress)
    assert (summary.left_deleted, len(summary.added)) == ((1, 0) if stays else (0, 1))
    assert _titles(ours) == ([] if stays else [title])
    if stays:  # with no channel to put it on, it is still left out, not skipped
        again = import_ics(ours, google, ImportOptions(), no_progress)
        assert (again.left_deleted, again.skipped) == (1, [])


@pytest.mark.parametrize("via", ["merge", "ics"])
@pytest.mark.parametrize("deleted_here", [False, True])
def test_two_edits_in_one_second_are_two_versions(
    pair: tuple[CalendarStore, CalendarStore],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    via: str,
    deleted_here: bool,
) -> None:
    """Edited here and in the other copy within one second, both become revision 2 of
    that second: their edit is not taken for ours (it overwrote ours with no copy), nor,
    ours deleted, for the version deleted (it was left out, and lost)."""
    ours, theirs = pair
    (mine,) = ours.all_posts()
    (there,) = theirs.all_posts()
    second = START + timedelta(days=1)
    stamps = iter(
        (second + timedelta(microseconds=n)).isoformat(timespec="microseconds")
        for n in itertools.count(1000, 1000)
    )
    monkeypatch.setattr(store_module, "_now", lambda: next(stamps))
    theirs.update_post(there.id, {"body": "Their full text"})
    ours.update_post(mine.id, {"title": "Launch, fixed here"})
    assert key_of(ours.post(mine.id)) == key_of(theirs.post(there.id))
    if deleted_here:
        ours.delete_posts([mine.id])
    if via == "merge":
        summary = merge_calendar(ours, theirs)
    else:
        export_ics(theirs, tmp_path / "theirs.ics", ExportOptions(), no_progress)
        summary = import_ics(ours, tmp_path / "theirs.ics", ImportOptions(), no_progress)
    kept = {(p.title, p.body) for p in ours.all_posts()}
    assert ("Launch", "Their full text") in kept or (
        "Launch" + CONFLICT_MARK,
        "Their full text",
    ) in kept
    if deleted_here:
        assert (summary.left_deleted, len(summary.added)) == (0, 1)
    else:
        assert summary.conflicts == 1
        assert any(title.startswith("Launch, fixed here") for title, _ in kept)


@pytest.mark.parametrize("edited_here", [False, True])
def test_a_file_edited_by_hand_is_told_from_the_version_it_was_written_from(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path, edited_here: bool
) -> None:
    """SUMMARY changed in a text editor, LAST-MODIFIED left as it was: the file is no
    longer the version it names. It comes in; an edit made here since stays too."""
    ours, _ = pair
    export_ics(ours, tmp_path / "out.ics", ExportOptions(), no_progress)
    text = (tmp_path / "out.ics").read_bytes().decode("utf-8")
    (tmp_path / "hand.ics").write_bytes(text.replace("SUMMARY:Launch", "SUMMARY:By hand").encode())
    if edited_here:
        _retitle(ours, "Here")
    summary = import_ics(ours, tmp_path / "hand.ics", ImportOptions(), no_progress)
    if edited_here:
        assert summary.conflicts == 1
        assert _titles(ours) == ["By hand" + CONFLICT_MARK, "Here"]
    else:
        assert (len(summary.previous), summary.conflicts) == (1, 0)
        assert _titles(ours) == ["By hand"]


def test_the_summary_says_copies_and_cancelled_occurrences_apart() -> None:
    summary = ImportSummary(added=[7, 8], unchanged=3, conflicts=1, kept_newer=1, withdrawn=1)
    summary.previous.extend([object(), object()])  # type: ignore[list-item]
    assert summary.describe() == (
        "Added 1 post, updated 1, 3 already up to date, 1 conflict kept as a copy,"
        " 1 edited here since (kept as it is), 1 occurrence the file no longer has cancelled."
    )


def test_an_older_file_from_google_does_not_undo_a_newer_one(
    pair: tuple[CalendarStore, CalendarStore], tmp_path: Path
) -> None:
    """The client's wording came in from a file Google wrote later; an older file from
    Google (an earlier LAST-MODIFIED) then changes nothing."""
    ours, _ = pair
    export_ics(ours, tmp_path / "out.ics", ExportOptions(), no_progress)
    newer = _edited_there(
        tmp_path, tmp_path / "out.ics", "Client wording", "20300101T000000Z", strip=True
    )
    older = _edited_there(tmp_path, tmp_path / "out.ics", "Launch", "20290101T000000Z", strip=True)
    options = ImportOptions(fallback_channel="LinkedIn")
    import_ics(ours, newer, options, no_progress)
    assert _titles(ours) == ["Client wording"]
    summary = import_ics(ours, older, options, no_progress)
    assert (summary.previous, summary.conflicts) == ([], 0)
    assert _titles(ours) == ["Client wording"]
    assert import_ics(ours, newer, options, no_progress).unchanged == 1


@settings(max_examples=300)
@given(st.datetimes(timezones=st.timezones(), allow_imaginary=False))
@example(datetime(26, 2, 5, 6, 33, 45, tzinfo=UTC))  # (a year of two digits, as strftime)
def test_a_version_s_stamp_reads_as_strftime_writes_it(moment: datetime) -> None:
    """Written by hand (strftime imported the time module at each of 5,000 posts), the
    stamp must stay the one files and earlier releases hold: to the second, in UTC."""
    written = moment.astimezone(UTC).strftime(VERSION_STAMP)
    assert version_key(moment, 3) == (3, written)
    assert version_key(moment.isoformat(), 3) == (3, written)
