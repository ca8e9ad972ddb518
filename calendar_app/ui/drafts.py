"""What the post editor holds, kept on the disk while it is open.

A power cut, a crash or a battery gone flat while a post is written lost every word
of it: nothing held it but the editor. While the editor has changes to save, they are
written, a moment after they change (however fast the typing goes on), to a small file
of the calendar's in Cadence's data folder; the editor closing (saved, or what was
typed discarded by the user) removes it. The next time that calendar opens, a draft
still there is offered back, in the editor, as it was last kept.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from ..core.errors import os_problem_for
from ..core.files import write_beside

DRAFT_PAUSE_MS = 1500
"""How long after a change what the editor holds is kept, at the latest."""


@dataclass(frozen=True)
class Draft:
    """A post being written: the post edited (its uid; None for a new one) and the
    editor's fields as :meth:`.PostEditor.draft_values` gives them."""

    post_uid: str | None
    values: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.values.get("title") or "")


class Drafts:
    """The drafts kept in ``folder``, one per calendar (by its place on the disk)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, calendar: Path) -> Path:
        from ..core.backups import calendar_key

        return self.folder / f"{calendar_key(calendar)}.json"

    def keep(self, calendar: Path, draft: Draft) -> None:
        """Write ``draft`` for ``calendar``, whole or not at all. Raises
        :class:`.CadenceError` (a full disk), which the editor leaves unsaid: the post
        is still open in front of the user."""
        import json

        text = json.dumps({"post": draft.post_uid, "values": _plain(draft.values)})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_beside(self.path_for(calendar), text.encode())
        except OSError as exc:
            raise os_problem_for(exc, str(self.folder)) from exc

    def read(self, calendar: Path) -> Draft | None:
        """The draft kept for ``calendar``; None when there is none or it does not
        read (a file spoiled: it is removed)."""
        import json

        path = self.path_for(calendar)
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            return Draft(kept["post"], _typed(kept["values"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self.drop(calendar)
            return None

    def drop(self, calendar: Path) -> None:
        with contextlib.suppress(OSError):  # a folder gone read-only: offered again
            self.path_for(calendar).unlink(missing_ok=True)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` as JSON holds them: days and times as ISO text, tuples as lists."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, date | time):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[key] = value
    return out


def _typed(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` read back from JSON (:func:`_plain`)."""
    out = dict(values)
    if out.get("date"):
        out["date"] = date.fromisoformat(out["date"])
    if out.get("time"):
        out["time"] = time.fromisoformat(out["time"])
    out["message_ids"] = tuple(int(m) for m in out.get("message_ids") or ())
    return out
