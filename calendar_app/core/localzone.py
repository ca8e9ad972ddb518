"""The computer's own IANA time zone, for new calendars."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_NOT_ZONES = frozenset({"factory", "localtime", "posixrules"})
"""Files of the time-zone database that name no place (casefolded): "localtime" means
whatever zone the computer reading the calendar is set to, so a shared calendar would
change meaning."""


_COPIES = ("posix/", "right/")
"""Folders of the zone database that copy every zone under another name."""


def is_database_file(name: str) -> bool:
    """True for a name of the zone database that is no zone of its own (a copy, or an
    alias such as "localtime"), whatever its case (as case-blind file systems read it)."""
    folded = name.casefold()
    return folded in _NOT_ZONES or folded.startswith(_COPIES)


def plain_zone(name: str) -> str | None:
    """``name`` as an IANA zone name: itself, or the zone a copy of the database names
    ("posix/Europe/Paris" is Europe/Paris); None when it names no zone."""
    if is_zone_name(name):
        return name
    folded = name.casefold()
    for copy in _COPIES:
        if folded.startswith(copy) and is_zone_name(name[len(copy) :]):
            return name[len(copy) :]
    return None


def is_zone_name(name: str) -> bool:
    """True for the IANA name of a time zone (Europe/Paris, UTC), as every computer and
    calendar program reads it: not the database's own aliases and copies."""
    if is_database_file(name):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe": a folder of zones
        return False
    return True


def system_timezone(default: str = "UTC") -> str:
    """The IANA name of this computer's time zone, or ``default`` when unknown."""
    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        candidates.append(env)
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8", errors="replace").strip())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        marker = "zoneinfo/"
        if marker in target:
            candidates.append(target.split(marker, 1)[1])
    for name in candidates:
        if name and is_zone_name(name):
            return name
    return default
