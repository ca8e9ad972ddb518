"""Times of day on the clock of the window's language: 12 hours where it tells the time
so (the United States), 24 elsewhere; exports keep 24 hours."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from calendar_app.core.models import NewPost
from calendar_app.core.store import CalendarStore
from calendar_app.render.chips import (
    ChipTheme,
    chip_time_text,
    clock_edit_format,
    clock_text,
    hour_text,
    time_text,
    twelve_hour_clock,
)
from calendar_app.ui.agenda_view import AgendaView
from calendar_app.ui.month_view import MonthView
from calendar_app.ui.post_model import AgendaModel, PostRole, post_tooltip
from calendar_app.ui.session import CalendarSession
from calendar_app.ui.week_view import WeekView

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


DAY_ENDS = {
    "en_US": "12 AM",
    "ko_KR": "오전 12",
    "en_GB": "24:00",
    "de_DE": "24:00",
    "C": "24:00",
    "ar_EG": "١٢ ص",
    "fa_IR": "۲۴:۰۰",
}


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize(
    ("locale", "evening", "midnight", "noon_hour", "edit"),
    [
        (US, "6:30 PM", "12:05 AM", "12 PM", "h:mm Ap"),
        (
            QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea),
            "오후 6:30",
            "오전 12:05",
            "오후 12",
            "Ap h:mm",
        ),
        (
            QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
            "18:30",
            "00:05",
            "12:00",
            "HH:mm",
        ),
        (
            QLocale(QLocale.Language.German, QLocale.Country.Germany),
            "18:30",
            "00:05",
            "12:00",
            "HH:mm",
        ),
        (QLocale.c(), "18:30", "00:05", "12:00", "HH:mm"),
        # In the language's digits, as its dates beside them (they read "6:30 م").
        (
            QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt),
            "٦:٣٠ م",
            "١٢:٠٥ ص",
            "١٢ م",
            "h:mm Ap",
        ),
        (
            QLocale(QLocale.Language.Persian, QLocale.Country.Iran),
            "۱۸:۳۰",
            "۰۰:۰۵",
            "۱۲:۰۰",
            "HH:mm",
        ),
    ],
    ids=["en_US", "ko_KR", "en_GB", "de_DE", "C", "ar_EG", "fa_IR"],
)
def test_a_time_reads_on_the_clock_of_the_language(
    locale: QLocale, evening: str, midnight: str, noon_hour: str, edit: str
) -> None:
    QLocale.setDefault(locale)
    try:
        assert plain(clock_text(time(18, 30))) == evening
        assert plain(clock_text(time(0, 5))) == midnight
        assert plain(hour_text(12)) == noon_hour
        # The day's end at the foot of the week's rail: midnight, not noon.
        assert plain(hour_text(24)) == DAY_ENDS[locale.name()]
        assert plain(clock_edit_format()) == edit
        assert clock_text(None) == ""
        assert time_text(time(18, 30)) == "18:30"  # what exports write, whatever the language
    finally:
        QLocale.setDefault(QLocale.c())


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize(
    ("locale", "texts"),
    [
        (US, ("8:30am", "10am", "12pm", "6:45pm")),
        (
            QLocale(QLocale.Language.English, QLocale.Country.Canada),
            ("8:30am", "10am", "12pm", "6:45pm"),
        ),
        (
            QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea),
            ("오전 8:30", "오전 10:00", "오후 12:00", "오후 6:45"),
        ),
        (
            QLocale(QLocale.Language.Bangla, QLocale.Country.Bangladesh),
            ("৮:৩০am", "১০am", "১২pm", "৬:৪৫pm"),
        ),
    ],
)
def test_a_chip_tells_its_time_short_on_a_twelve_hour_clock(
    locale: QLocale, texts: tuple[str, ...]
) -> None:
    """ "10:00 AM" left no room on a narrow chip, which then looked untimed."""
    QLocale.setDefault(locale)
    try:
        times = (time(8, 30), time(10, 0), time(12, 0), time(18, 45))
        assert tuple(plain(chip_time_text(at, True)) for at in times) == texts
    finally:
        QLocale.setDefault(QLocale.c())


@pytest.mark.usefixtures("american")
def test_the_agenda_tells_the_time_on_twelve_hours_and_sorts_by_it(
    qtbot: QtBot, session: CalendarSession
) -> None:
    host = QWidget()  # shown in a window, as in the main window (no size warnings)
    qtbot.addWidget(host)
    host.resize(1100, 600)
    with qtbot.waitExposed(host):
        host.show()
    view = AgendaView(session, host)
    view.resize(host.size())
    view.show()
    view.table.sortByColumn(AgendaModel.TIME, view.table.horizontalHeader().sortIndicatorOrder())
    proxy = view.proxy
    rows = [
        (proxy.index(r, AgendaModel.TIME).data(), proxy.index(r, 0).data(PostRole))
        for r in range(proxy.rowCount())
    ]
    timed = [(text, post.time) for text, post in rows if post.time is not None]
    assert timed
    for text, at in timed:
        assert plain(text) == plain(time_text(at, twelve_hour=True))
        assert plain(text).endswith((" AM", " PM"))
    times = [at for _, at in timed]
    assert times in (sorted(times), sorted(times, reverse=True))  # by the time, not its text
    column = view.table.columnWidth(AgendaModel.TIME)
    assert column > QFontMetricsF(view.table.font()).horizontalAdvance("10:45 PM")


@pytest.mark.usefixtures("american")
def test_the_month_and_week_tell_the_time_on_twelve_hours(
    qtbot: QtBot, session: CalendarSession
) -> None:
    assert twelve_hour_clock()
    month = MonthView(session)
    qtbot.addWidget(month)
    assert month.chip_theme().twelve_hour
    assert not ChipTheme.from_palette(month.palette()).twelve_hour  # a report's: 24 hours
    week = WeekView(session)
    qtbot.addWidget(week)
    week.resize(1000, 700)
    with qtbot.waitExposed(week):
        week.show()
    metrics = QFontMetricsF(week.font())
    assert week.day_rect(week.visible_days()[0]).left() > metrics.horizontalAdvance("10 AM")


@pytest.mark.usefixtures("american")
def test_a_clock_change_is_told_on_the_windows_clock(tmp_path: Path) -> None:
    """ "…at 2:30 AM" above "02:30 does not exist, so the post goes out at 03:30"."""
    with CalendarStore.create(tmp_path / "ny.cadence", timezone="America/New_York") as store:
        channel = store.add_channel("LinkedIn").created[0]
        night = date(2027, 3, 14)  # the clocks go forward at 02:00
        (made,) = store.add_post(NewPost("Early", channel, date=night, time=time(2, 30))).created
        session = CalendarSession(store)
        tip = plain(post_tooltip(session, store.post(made)))
        assert "2:30 AM does not exist, so the post goes out at 3:30 AM" in tip
        assert "02:30" not in tip
        session.undo_stack.clear()


def test_the_week_rail_names_the_day_s_end_only_on_a_24_hour_clock(american: None) -> None:
    """A 12-hour rail read "12 AM" at its top and its foot (before, "12 PM", noon)."""
    labels = WeekView.rail_labels()
    assert (plain(labels[0]), plain(labels[23])) == ("12 AM", "11 PM")
    assert 24 not in labels
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert WeekView.rail_labels()[24] == "24:00"


@pytest.mark.parametrize(
    ("base", "text"),
    [
        ("#ffffff", "#000000"),
        ("#f6f6f6", "#1f1f1f"),
        ("#1b1c1f", "#e8e8e8"),
        ("#232323", "#ffffff"),
    ],
)
def test_quiet_text_reads_on_light_and_dark(base: str, text: str) -> None:
    """The month's "+N more" read 3.4:1, the week's edge hints 4:1."""
    from PySide6.QtGui import QColor

    from calendar_app.render.chips import contrast, quiet_text

    quiet = quiet_text(QColor(base), QColor(text))
    assert contrast(quiet, QColor(base)) >= 4.5
    assert contrast(quiet, QColor(base)) < contrast(QColor(text), QColor(base))  # still quiet


def test_a_day_s_more_label_counts_in_the_language_s_digits() -> None:
    """Arabic's month read "+4" beside the day "٨" and its badge "١"."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from calendar_app.render.chips import _more_font, _more_label, more_width

    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    try:
        font = QFont()
        assert _more_label(4, font, 1000) == "+٤ more"
        assert _more_label(4, font, 10) == "+٤"
        assert more_width(4, font) == QFontMetricsF(_more_font(font)).horizontalAdvance("+٤") + 8
    finally:
        QLocale.setDefault(QLocale.c())
