"""Render the README's screenshots from the demo calendar: ``make screenshots``.

``python -m calendar_app.ui.screenshots OUT_DIR`` writes month.png (with the
most overdue key message selected, so its gaps are tinted), week.png,
cadence-panel.png and editor.png. Runs offscreen; no display needed. The pictures
are of a fixed day and time of day (:data:`PICTURED_DAY`, :data:`PICTURED_TIME`):
made again, they show the same (run near midnight, the week opened on its empty
small hours, and after 23:00 UTC the demo's today was the next day's).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, time
from pathlib import Path

PICTURED_DAY = date(2026, 12, 7)
PICTURED_TIME = time(10, 30)


def render(
    out_dir: Path, *, today: date | None = PICTURED_DAY, now: time | None = PICTURED_TIME
) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from ..core.demo import write_demo
    from ..core.store import CalendarStore
    from .editor import PostEditor
    from .main import make_application
    from .main_window import MainWindow
    from .session import CalendarSession

    app = make_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "Demo.cadence"
        write_demo(path, today=today)
        store = CalendarStore.open(path)
        session = CalendarSession(store, today=today)
        if now is not None:
            fixed = now
            session.now = lambda: fixed  # type: ignore[method-assign]  # the week opens there
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(session, settings)
        window.resize(1440, 900)
        window.show()
        report = session.report()
        worst = max(report.messages, key=lambda m: (m.status == "overdue", m.overdue_days))
        # The message overdue most recently shows the clearest gap in this month.
        overdue = [m for m in report.messages if m.status == "overdue"]
        chosen = min(overdue, key=lambda m: m.overdue_days) if overdue else worst
        session.select_message(chosen.message_id)
        app.processEvents()

        def save(widget: object, name: str) -> None:
            target = out_dir / name
            widget.grab().save(str(target))  # type: ignore[attr-defined]
            written.append(target)

        save(window, "month.png")
        window.set_view(1)
        app.processEvents()
        save(window, "week.png")
        window.set_view(0)
        app.processEvents()
        panel = window.cadence_panel
        panel.resize(1200, panel.sizeHint().height())
        save(panel, "cadence-panel.png")
        # A post on a channel with a character limit, so the live count shows it.
        upcoming = store.posts_between(session.today(), date.max)
        post = next(
            (
                p
                for p in upcoming
                if len(p.message_ids) > 1 and session.channel(p.channel_id).char_limit
            ),
            upcoming[0],
        )
        editor = PostEditor(session, post, parent=window)
        editor.show()
        app.processEvents()
        save(editor, "editor.png")
        editor.close()
        window.close()
        session.undo_stack.clear()
        store.close()
    return written


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in render(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
