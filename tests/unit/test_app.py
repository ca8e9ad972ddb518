"""The default calendar: the demo, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from calendar_app import app
from calendar_app.core import demo
from calendar_app.core.errors import CadenceError, StorageProblem
from calendar_app.core.store import CalendarStore


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = app.data_folder()
    assert tmp_path in folder.parents
    return folder


def test_the_demo_is_written_once_and_then_opened_as_it_is(data: Path) -> None:
    path = app.default_calendar()
    assert path == data / app.DEMO_NAME
    with CalendarStore.open(path) as store:
        assert len(store.all_posts()) > 100
        store.add_channel("Mine")
    assert app.default_calendar() == path
    with CalendarStore.open(path) as store:
        assert store.channel_named("Mine") is not None
    assert sorted(p.name for p in data.iterdir()) == [app.DEMO_NAME]


@pytest.mark.parametrize(
    ("language", "week_start"),
    [("en_US.UTF-8", "sunday"), ("ar_EG.UTF-8", "saturday"), ("de_DE.UTF-8", "monday")],
)
def test_the_demos_weeks_start_as_the_computers_language_settings_do(
    data: Path, monkeypatch: pytest.MonkeyPatch, language: str, week_start: str
) -> None:
    """The demo started its weeks on Monday everywhere (Cairo's Friday and Saturday
    shaded mid-grid), where a new calendar made beside it started them as the locale
    does."""
    monkeypatch.setenv("LC_ALL", language)
    with CalendarStore.open(app.default_calendar()) as store:
        assert store.info().week_start == week_start


def test_a_demo_the_disk_cannot_hold_leaves_nothing_behind(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills up while the demo is written: one sentence, and no half-written
    demo that would open empty at every start from then on."""
    real_fill = demo._fill

    def fills_up(store: CalendarStore, today: object) -> str:
        store.add_channel("Half")
        raise StorageProblem("The disk is full, so the change could not be saved.")

    monkeypatch.setattr(demo, "_fill", fills_up)
    with pytest.raises(StorageProblem, match="disk is full"):
        app.default_calendar()
    assert list(data.iterdir()) == []
    monkeypatch.setattr(demo, "_fill", real_fill)
    with CalendarStore.open(app.default_calendar()) as store:  # with room again
        assert store.channel_named("Half") is None
        assert store.all_posts()


def test_a_data_folder_that_cannot_be_made_is_said_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "xdg"
    blocker.write_text("a file where the data folder's parent should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    with pytest.raises(CadenceError) as caught:
        app.default_calendar()
    assert str(app.data_folder() / app.DEMO_NAME) in str(caught.value)
    assert blocker.read_text().startswith("a file")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # PyInstaller kept the value it found and put the bundle's folder first.
        (
            {
                "LD_LIBRARY_PATH": "/opt/cadence/_internal:/usr/local/lib",
                "LD_LIBRARY_PATH_ORIG": "/usr/local/lib",
            },
            {"LD_LIBRARY_PATH": "/usr/local/lib"},
        ),
        # There was none: the programs Cadence starts get none either.
        ({"LD_LIBRARY_PATH": "/opt/cadence/_internal", "HOME": "/home/ann"}, {"HOME": "/home/ann"}),
        ({"LIBPATH": "/opt/cadence/_internal", "LIBPATH_ORIG": ""}, {"LIBPATH": ""}),
        # The one-file program's halves' own: a Cadence started from here ran from this
        # one's unpacked folder, gone once this one quit.
        (
            {
                "_PYI_ARCHIVE_FILE": "/home/ann/cadence",
                "_PYI_APPLICATION_HOME_DIR": "/tmp/_MEIabc",
                "_PYI_PARENT_PROCESS_LEVEL": "1",
                "HOME": "/home/ann",
            },
            {"HOME": "/home/ann"},
        ),
    ],
)
def test_programs_started_from_the_built_program_find_the_system_libraries(
    before: dict[str, str], after: dict[str, str]
) -> None:
    environ = dict(before)
    app.give_programs_their_own_libraries(environ)
    assert environ == after


def test_programs_started_from_the_built_program_find_their_own_qt_plugins() -> None:
    """A Qt file manager started from the one-file program looked for its plugins in
    the folder the program unpacks, deleted as it quits; one set by the user stays."""
    environ = {
        "QT_PLUGIN_PATH": "/tmp/_MEIabc/PySide6/Qt/plugins",
        "QML2_IMPORT_PATH": "/tmp/_MEIabc/PySide6/Qt/qml",
        "HOME": "/home/ann",
    }
    app.give_programs_their_own_qt(environ, "/tmp/_MEIabc")
    assert environ == {"HOME": "/home/ann"}
    kept = {"QT_PLUGIN_PATH": "/usr/lib/qt6/plugins"}
    app.give_programs_their_own_qt(kept, "/tmp/_MEIabc")
    assert kept == {"QT_PLUGIN_PATH": "/usr/lib/qt6/plugins"}


@pytest.mark.parametrize(
    "name", [b"plan.cadence", b"caf\xe9 plan.cadence", b"100% \xff\xfe.cadence", b"file:x.cadence"]
)
def test_a_path_kept_in_the_settings_comes_back_byte_for_byte(name: bytes, tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(name)
    kept = app.path_for_settings(path)
    kept.encode("utf-8")  # what a settings file can hold
    assert app.path_from_settings(kept) == path
    assert "\ufffd" in app.shown_path(path) or name.isascii()


def test_a_path_with_a_comma_written_unquoted_in_the_settings_is_read_whole(
    tmp_path: Path,
) -> None:
    """Edited by hand without its quotes ("lastFile=/…/Client, Inc.cadence"), the
    settings file reads it as a list, as here: said as "['/…/Client', 'Inc.cadence']",
    the calendar it names lost."""
    read = [f"{tmp_path}/Client", "Inc.cadence"]
    assert app.path_from_settings(read) == tmp_path / "Client, Inc.cadence"
