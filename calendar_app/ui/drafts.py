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
import glob
import os
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from time import time as now
from typing import Any

from ..core.errors import os_problem_for
from ..core.files import held_elsewhere, hold_shared, let_go, write_beside

DRAFT_PAUSE_MS = 1500
"""How long after a change what the editor holds is kept, at the latest."""


@dataclass(frozen=True)
class Draft:
    """A post being written: the post edited (its uid; None for a new one) and the
    editor's fields as :meth:`.PostEditor.keep_draft` keeps them."""

    post_uid: str | None
    values: dict[str, Any]
    changed: frozenset[str] | None = None
    """Of a post edited, the fields changed, put back over it as it is by then (all of
    them undid a move made elsewhere since); the others come back only with a post
    deleted since, as a new one. None: a new post, every field its own."""

    @property
    def title(self) -> str:
        return str(self.values.get("title") or "")


class Drafts:
    """The drafts kept in ``folder``: one per calendar and running Cadence (a second
    window on the calendar keeps its own), each beside a lock its Cadence holds while
    it runs, so that only a draft no running Cadence holds is offered back: a second
    window took the post being written in the first for one left by a crash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._locks: dict[Path, int | None] = {}
        """This Cadence's drafts, with the handle that holds each one's lock."""
        self.unread: list[Path] = []
        """Drafts found that did not read, put aside under these names (:meth:`left`)."""

    def own(self, calendar: Path) -> Path:
        """Where this Cadence keeps its draft for ``calendar``."""
        return self.folder / f"{_key(calendar)}-{os.getpid()}.json"

    def keep(self, calendar: Path, draft: Draft) -> None:
        """Write ``draft`` for ``calendar``, whole or not at all. Raises
        :class:`.CadenceError` (a full disk), which the editor says under its form: the
        post is still open in front of the user, to save."""
        import json

        path = self.own(calendar)
        changed = None if draft.changed is None else sorted(draft.changed)
        kept = {"post": draft.post_uid, "values": _plain(draft.values), "changed": changed}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if path not in self._locks:  # held before the draft is there to be seen
                lock = _lock_of(path)
                lock.touch()
                self._locks[path] = hold_shared(lock)
            # Read by whom the calendar is, as its backups are: a client's kept private
            # keeps what is typed for it private.
            write_beside(path, json.dumps(kept).encode(), rights_of=calendar)
        except OSError as exc:
            raise os_problem_for(exc, str(self.folder)) from exc

    def drop(self, calendar: Path) -> None:
        """Remove this Cadence's draft for ``calendar``."""
        self.discard(self.own(calendar))

    def discard(self, path: Path) -> bool:
        """Remove the draft at ``path`` and its lock; False when it stays (a folder gone
        read-only: it is offered again)."""
        let_go(self._locks.pop(path, None))
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
            _lock_of(path).unlink(missing_ok=True)
        return not path.exists()

    def left(self, calendar: Path) -> list[tuple[Path, Draft]]:
        """The drafts of ``calendar`` that no running Cadence holds: left by one that
        stopped. One that does not read (spoiled, or of another version) is put aside,
        in :attr:`unread`, with what it holds: it was removed unsaid, its words with it."""
        found = []
        key = glob.escape(_key(calendar))
        for lock in self.folder.glob(f"{key}-*.lock"):  # its draft never written: a full
            kept = lock.with_suffix(".json")  # disk, then a crash
            if kept.exists() or kept in self._locks or not _stale(lock):
                continue
            if not held_elsewhere(lock):
                with contextlib.suppress(OSError):
                    lock.unlink()
        for path in sorted(self.folder.glob(f"{key}-*.json")):
            if path in self._locks or held_elsewhere(_lock_of(path)):
                continue
            draft = read_draft(path)
            if draft is not None:
                found.append((path, draft))
                continue
            aside = path.with_suffix(".unread")
            with contextlib.suppress(OSError):
                path.replace(aside)
                self.unread.append(aside)
                _lock_of(path).unlink(missing_ok=True)
        return found

    def release(self) -> None:
        """Let go of every lock, the drafts left in place: what stopping does."""
        for handle in self._locks.values():
            let_go(handle)
        self._locks.clear()


def read_draft(path: Path) -> Draft | None:
    """The draft kept at ``path``; None when there is none or it does not read."""
    import json

    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(kept, dict) or not isinstance(kept.get("values"), dict):
            return None  # (a list or a text: it stopped every start, "a problem")
        post, changed = kept["post"], kept.get("changed")
        if post is not None and not isinstance(post, str):
            return None
        return Draft(
            post,
            _typed(kept["values"]),
            None if changed is None else frozenset(map(str, changed)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _key(calendar: Path) -> str:
    from ..core.backups import calendar_key

    return calendar_key(calendar)


STALE_LOCK_S = 60
"""How old a lock without its draft is before it is taken for one a crash left: one
made a moment ago is about to be held (made, then locked: not one step)."""


def _stale(lock: Path) -> bool:
    try:
        return now() - lock.stat().st_mtime > STALE_LOCK_S
    except OSError:
        return False


def _lock_of(draft: Path) -> Path:
    return draft.with_suffix(".lock")


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
    if "message_ids" in out:
        out["message_ids"] = tuple(int(m) for m in out["message_ids"] or ())
    return out
