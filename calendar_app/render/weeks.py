"""The locale's weeks as Cadence draws them: their first day and their days of rest.

Read from the locale the environment names for dates (``LC_ALL``, else ``LC_TIME``,
else ``LANG``), as the command line reads it: ``LC_TIME=en_GB.UTF-8`` beside
``LANG=en_US.UTF-8`` asks for weeks from Monday. Qt's own locale takes its first day
of the week from ``LC_TIME`` too, but its days of rest from ``LANG`` alone
(``LC_TIME=he_IL.UTF-8`` beside ``LANG=en_US.UTF-8``: Sunday first, yet Saturday and
Sunday off). Where the environment names none (macOS and Windows keep their region
settings where only Qt looks), the system's locale as Qt reads it.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt

from ..core.localzone import dates_locale, first_day_of_week, weekend_days
from ..core.models import WeekStart

__all__ = ["locale_week_start", "rest_days"]


def _named_here() -> bool:
    """Whether the environment names a locale for dates."""
    return any(dates_locale())


def locale_week_start(locale: QLocale | None = None) -> WeekStart:
    """The day ``locale`` starts its weeks on, as a calendar's week can: Sunday or
    Saturday where it says so, Monday everywhere else (the Maldives' Friday too).
    Without ``locale``, this computer's (see the module's note)."""
    if locale is None:
        if _named_here():
            return WeekStart(first_day_of_week())
        locale = QLocale.system()
    first = locale.firstDayOfWeek()
    return {Qt.DayOfWeek.Sunday: WeekStart.SUNDAY, Qt.DayOfWeek.Saturday: WeekStart.SATURDAY}.get(
        first, WeekStart.MONDAY
    )


def rest_days(system: QLocale | None = None) -> frozenset[int]:
    """The days of the week (Monday 0) this computer's locale rests on: Saturday and
    Sunday in most, Friday and Saturday in Israel or Egypt. ``system``: the locale to
    ask where the environment names none (the system's)."""
    if _named_here():
        return weekend_days()
    working = (system or QLocale.system()).weekdays()
    return frozenset(range(7)) - {int(day.value) - 1 for day in working}
