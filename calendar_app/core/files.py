"""Writing a finished file over another: exports and copies land whole, or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from .errors import StorageProblem


def check_replaceable(target: Path, shown: object = None) -> None:
    """Refuse to write over a read-only file (said as ``shown``, default ``target``):
    renaming a new file over it would succeed in a folder the user may write in."""
    if target.exists() and not os.access(target, os.W_OK):
        raise StorageProblem(
            f"{shown or target} is read-only, so it was not replaced; choose another name,"
            " or make it writable first."
        )


def replace_keeping_rights(finished: Path | str, target: Path) -> None:
    """Rename ``finished`` (written beside ``target``) over ``target``.

    A file that was there keeps who may read and write it, and its group: a client's
    export kept private stays private when it is exported again. A new file keeps the
    rights it was written with.
    """
    try:
        before = os.stat(target)
    except FileNotFoundError:
        before = None
    if before is not None:
        os.chmod(finished, stat.S_IMODE(before.st_mode))
        with contextlib.suppress(OSError):  # a group the user is not in stays the user's
            os.chown(finished, -1, before.st_gid)
    os.replace(finished, target)
