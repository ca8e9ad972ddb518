"""Suite-wide set-up: Qt runs headless, and GUI tests are marked as such."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Without a display Qt aborts the whole process; offscreen works everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GUI_DIR = Path(__file__).parent / "gui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if GUI_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt makes Cadence's own application object, as ``cadence`` does."""
    from calendar_app.ui.main import CadenceApplication

    return CadenceApplication
