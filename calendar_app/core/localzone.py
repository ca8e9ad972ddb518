"""The computer's own IANA time zone, and the first day of its week, for new calendars."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
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


_SIGNED_GMT = re.compile(r"Etc/GMT[+-]\d+")
"""POSIX's zones of a fixed offset, signed the other way round (Etc/GMT+1 is an hour
behind UTC): someone after "GMT+1" picked one two hours off."""


_REGIONS_MEANT = {
    name.casefold(): zone
    for name, zone in {
        "EST": "America/New_York",
        "EDT": "America/New_York",
        "EST5EDT": "America/New_York",
        "CST": "America/Chicago",
        "CDT": "America/Chicago",
        "CST6CDT": "America/Chicago",
        "MST": "America/Phoenix",
        "MDT": "America/Denver",
        "MST7MDT": "America/Denver",
        "PST": "America/Los_Angeles",
        "PDT": "America/Los_Angeles",
        "PST8PDT": "America/Los_Angeles",
        "AKST": "America/Anchorage",
        "AKDT": "America/Anchorage",
        "HST": "Pacific/Honolulu",
        "NST": "America/St_Johns",
        "NDT": "America/St_Johns",
    }.items()
}
"""The region a person typing one of North America's zone abbreviations means
(casefolded), POSIX's among them: EST is UTC−05:00 all year, an hour off New York's
clocks all summer; PST names no zone at all."""


def _region_meant(name: str) -> str:
    """The region's zone a North American abbreviation means ("EST": New York's), or
    ``name`` as it is."""
    meant = _REGIONS_MEANT.get(name.casefold())
    return meant if meant is not None and is_zone_name(meant) else name


def time_zone_names() -> list[str]:
    """Every IANA zone this computer knows, sorted, without the technical aliases, the
    POSIX fixed offsets and the old names of no region ("EST", "Japan"; still taken
    when typed whole), as calendar programs list them."""
    import zoneinfo

    return sorted(
        name
        for name in zoneinfo.available_timezones()
        if not is_database_file(name)
        and not _SIGNED_GMT.fullmatch(name)
        and ("/" in name or name == "UTC")
    )


def zone_typed(text: str) -> str:
    """The zone ``text`` names as a person types it: a zone's name ("Europe/Paris"),
    with spaces for its underscores ("America/New York"), or a part of one zone's name
    alone, in any case ("new york"), or a North American one's abbreviation ("EST" is
    New York's zone); else ``text`` without its outer spaces (for the caller to refuse
    in its sentence)."""
    text = text.strip()
    written = "_".join(text.split())
    meant = _region_meant(text)
    if meant != text:
        return meant
    if not text or is_zone_name(text):
        return text
    if is_zone_name(written):
        return written
    wanted = text.casefold()
    names = time_zone_names()
    spoken = {name: name.replace("_", " ").casefold() for name in names}
    same = [
        name
        for name in names
        if wanted in (name.casefold(), spoken[name]) and ("/" in name or name == "UTC")
    ]
    if len(same) == 1:  # "utc": UTC, though "utc" is in Etc/UTC too
        return same[0]
    found = [name for name in names if wanted in name.casefold() or wanted in spoken[name]]
    if len(found) == 1:
        return found[0]
    if _one_place(found):
        # One place under its names old and new ("buenos aires": America/Buenos_Aires
        # and America/Argentina/Buenos_Aires, the same zone), refused as none: the
        # longest, today's.
        return max(found, key=len)
    return text


_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe"}
    | {"Indian", "Pacific"}
)
"""The zone database's areas; the others ("US/", "Canada/", "Brazil/") hold old names
kept for compatibility, of another place than a word may mean ("US/Samoa": not Samoa)."""


def _one_place(names: Sequence[str]) -> bool:
    """Whether ``names`` (two or more) are one zone under names old and new: one city's
    name in the database's areas, on the same clock through the years people plan in."""
    if len(names) < 2 or len({n.rsplit("/", 1)[-1] for n in names}) != 1:
        return False
    if any(n.split("/", 1)[0] not in _AREAS for n in names):
        return False
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    moments = [
        datetime(year, month, 15, tzinfo=UTC) for year in range(1990, 2040) for month in (1, 7)
    ]
    clocks = {tuple(m.astimezone(ZoneInfo(n)).utcoffset() for m in moments) for n in names}
    return len(clocks) == 1


LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")
"""Where a Linux computer keeps its zone: the link systemd and desktops set, and the
older file of Debian's that they no longer write."""


def _zone_of_file(path: str) -> str:
    """The zone a file of the zone database names (".../zoneinfo/Asia/Tokyo" is
    Asia/Tokyo), or "" for any other path."""
    marker = "zoneinfo/"
    return path.split(marker, 1)[1] if marker in path else ""


def system_timezone(default: str = "UTC") -> str:
    """The IANA name of the time zone this computer's clock follows, or ``default``
    when unknown: ``TZ`` (a zone's name or its file's path), else the zone
    ``/etc/localtime`` links to (as ``timedatectl`` and desktop settings set it), else
    Debian's older ``/etc/timezone`` (which they leave as it was)."""
    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        candidates.append(_zone_of_file(env) if env.startswith("/") else env)
    if LOCALTIME.is_symlink():
        candidates.append(_zone_of_file(str(LOCALTIME.resolve())))
    if TIMEZONE_FILE.is_file():
        candidates.append(TIMEZONE_FILE.read_text(encoding="utf-8", errors="replace").strip())
    for name in candidates:
        zone = plain_zone(name) if name else None
        if zone is not None:  # "EST5EDT" as a typed one is read: New York's zone
            return _region_meant(zone)
    return default


# fmt: off
SUNDAY_FIRST = frozenset({
    "AG", "AS", "BD", "BR", "BS", "BT", "BW", "BZ", "CA", "CO", "DM", "DO", "ET", "GT",
    "GU", "HK", "HN", "ID", "IL", "IN", "IS", "JM", "JP", "KE", "KH", "KR", "LA", "MH",
    "MM", "MO", "MT", "MX", "MZ", "NI", "NP", "PA", "PE", "PH", "PK", "PR", "PT", "PY",
    "SA", "SG", "SV", "TH", "TT", "TW", "UM", "US", "VE", "VI", "WS", "YE", "ZA", "ZW",
})
# fmt: on
"""The countries whose weeks start on Sunday, as Qt (from Unicode's CLDR) knows them:
the window's New Calendar and ``cadence init`` start a calendar's weeks alike."""

SATURDAY_FIRST = frozenset(
    {"AF", "BH", "DJ", "DZ", "EG", "IQ", "IR", "JO", "KW", "LY", "OM", "QA", "SD", "SY"}
)
"""The countries whose weeks start on Saturday, as Qt knows them."""

# fmt: off
SUNDAY_FIRST_LANGUAGES = frozenset({
    "aa", "af", "am", "as", "bal", "bgc", "bgn", "bho", "bn", "brx", "ccp", "ceb",
    "chr", "cic", "csw", "dav", "doi", "dz", "ebu", "en", "fil", "gez", "gn", "gu",
    "guz", "haw", "he", "hi", "id", "is", "iu", "ja", "jv", "kam", "kgp", "ki",
    "kln", "km", "kn", "ko", "kok", "ks", "kxv", "lkt", "lo", "luo", "luy", "mai",
    "mas", "mer", "mgh", "ml", "mni", "moh", "mr", "mt", "mus", "my", "nd", "ne",
    "nr", "nso", "nv", "om", "or", "osa", "pa", "pt", "qu", "quc", "raj", "rhg",
    "sa", "saq", "sat", "sd", "seh", "shn", "sid", "sn", "ss", "st", "su", "ta",
    "te", "th", "ti", "tn", "trv", "trw", "ts", "ur", "ve", "wal", "xh", "xnr",
    "yrl", "yue", "zu",
})
# fmt: on
"""The languages named without a country ("LANG=en") whose weeks start on Sunday: Qt
reads such a name as the language's most likely country ("en" as en_US)."""

SATURDAY_FIRST_LANGUAGES = frozenset(
    {"ar", "ckb", "cop", "fa", "kab", "lrc", "mzn", "ps", "sdh", "syr"}
)
"""The languages named without a country whose weeks start on Saturday ("ar" as
ar_EG, "fa" as fa_IR)."""


def dates_locale(environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The language and country (lower and upper case; "" where not named) of the
    locale the environment names for dates: ``LC_ALL``, else ``LC_TIME``, else
    ``LANG``, as POSIX reads them ("en_US.UTF-8")."""
    env = os.environ if environ is None else environ
    name = next((env[k] for k in ("LC_ALL", "LC_TIME", "LANG") if env.get(k)), "")
    language, _, territory = name.split(".")[0].split("@")[0].partition("_")
    return language.lower(), territory.upper()


def first_day_of_week(environ: Mapping[str, str] | None = None) -> str:
    """The day the locale the environment names for dates starts its weeks on, as a
    calendar's week start names it: "sunday", "saturday", else "monday" (the
    Maldives' Friday too, which a calendar's week cannot start on)."""
    language, territory = dates_locale(environ)
    if not territory:
        sunday, saturday = SUNDAY_FIRST_LANGUAGES, SATURDAY_FIRST_LANGUAGES
        named = language
    else:
        sunday, saturday, named = SUNDAY_FIRST, SATURDAY_FIRST, territory
    if named in sunday:
        return "sunday"
    return "saturday" if named in saturday else "monday"


_FRIDAY_SATURDAY = frozenset({4, 5})
_SUNDAY = frozenset({6})
# fmt: off
WEEKENDS = {
    **dict.fromkeys(
        ("BH", "DZ", "EG", "IL", "IQ", "JO", "KW", "LY", "OM", "QA", "SA", "SD", "SY", "YE"),
        _FRIDAY_SATURDAY,
    ),
    "AF": frozenset({3, 4}),
    "IR": frozenset({4}),
    "IN": _SUNDAY,
    "UG": _SUNDAY,
}
WEEKEND_LANGUAGES = {
    **dict.fromkeys(("ar", "ckb", "cop", "he", "kab", "syr"), _FRIDAY_SATURDAY),
    "ps": frozenset({3, 4}),
    **dict.fromkeys(("fa", "lrc", "mzn", "sdh"), frozenset({4})),
    **dict.fromkeys(
        ("as", "bgc", "bho", "brx", "cgg", "doi", "gu", "hi", "kn", "kok", "ks", "kxv", "lg",
         "mai", "ml", "mni", "mr", "nyn", "or", "pa", "raj", "sa", "sat", "ta", "te", "teo",
         "xnr", "xog"),
        _SUNDAY,
    ),
}
# fmt: on
"""The days of rest (Monday 0) where they are not Saturday and Sunday, by country and
by language named alone, as Qt (from Unicode's CLDR) knows them."""

WEEKEND = frozenset({5, 6})


def weekend_days(environ: Mapping[str, str] | None = None) -> frozenset[int]:
    """The days of the week (Monday 0) the locale the environment names for dates rests
    on: Saturday and Sunday in most; Friday and Saturday in Israel, Egypt or Saudi
    Arabia; Friday in Iran; Sunday in India."""
    language, territory = dates_locale(environ)
    if territory:
        return WEEKENDS.get(territory, WEEKEND)
    return WEEKEND_LANGUAGES.get(language, WEEKEND)
