"""Suite-wide set-up: Qt runs headless, and GUI tests are marked as such."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Without a display Qt aborts the whole process; offscreen works everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# New files' rights as on most systems, whatever the machine's umask (Cadence's follow
# it; the tests say what they are).
os.umask(0o022)

GUI_DIR = Path(__file__).parent / "gui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if GUI_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _own_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cadence's data folder (the demo, backups) is each test's own, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt makes Cadence's own application object, as ``cadence`` does."""
    from calendar_app.ui.main import CadenceApplication

    return CadenceApplication


@pytest.fixture(autouse=True, scope="session")
def _release_the_clipboard_as_quitting_does() -> Iterator[None]:
    """The suite ends as Cadence quits: posts left on the clipboard become text."""
    yield
    if "calendar_app.ui.dnd" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from calendar_app.ui.dnd import release_clipboard

            release_clipboard()
