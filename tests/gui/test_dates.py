"""Days and ranges written as the user's locale writes them: day first or month first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from calendar_app.core.models import WeekStart
from calendar_app.render.cadence_strip import day_text, month_first, month_title, range_text
from calendar_app.ui.editor import make_date_edit

from .conftest import OFFSCREEN_POPUPS

LOCALES = {
    "en_GB": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "en_US": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
    # German writes the day as an ordinal, "17. Nov." (the title said "17 Nov.").
    "de_DE": QLocale(QLocale.Language.German, QLocale.Country.Germany),
}
YEAR_FIRST = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)  # 2026-11-17


@pytest.fixture(params=sorted(LOCALES))
def locale(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    QLocale.setDefault(LOCALES[request.param])
    try:
        yield request.param
    finally:
        QLocale.setDefault(QLocale.c())


EXPECTED = {
    "de_DE": (
        "Di. 17. Nov.",
        "17. Nov. 2026",
        "10.–21. Nov.",
        "28. Okt. – 9. Nov. 2026",
        "28. Dez. 2026 – 3. Jan. 2027",
        "16.–22. Nov. 2026",
    ),
    "en_GB": (
        "Tue 17 Nov",
        "17 Nov 2026",
        "10–21 Nov",
        "28 Oct – 9 Nov 2026",
        "28 Dec 2026 – 3 Jan 2027",
        "16–22 Nov 2026",
    ),
    "en_US": (
        "Tue Nov 17",
        "Nov 17, 2026",
        "Nov 10–21",
        "Oct 28 – Nov 9, 2026",
        "Dec 28, 2026 – Jan 3, 2027",
        "Nov 16–22, 2026",
    ),
}


def test_days_and_ranges_follow_the_locales_order(locale: str) -> None:
    assert month_first() == (locale == "en_US")
    assert (
        day_text(date(2026, 11, 17)),
        day_text(date(2026, 11, 17), weekday=False, year=True),
        range_text(date(2026, 11, 10), date(2026, 11, 21)),
        range_text(date(2026, 10, 28), date(2026, 11, 9), year=True),
        range_text(date(2026, 12, 28), date(2027, 1, 3)),
        range_text(date(2026, 11, 16), date(2026, 11, 22), year=True),
    ) == EXPECTED[locale]


def test_a_year_first_locale_puts_the_day_before_the_month() -> None:
    assert YEAR_FIRST.dateFormat(QLocale.FormatType.ShortFormat).startswith("y")
    assert not month_first(YEAR_FIRST)


@pytest.mark.parametrize(
    ("language", "country", "expected"),
    [
        (
            QLocale.Language.Japanese,
            QLocale.Country.Japan,
            ("3月11日木", "2027年3月11日", "3月10日 – 3月21日", "2027年3月"),
        ),
        (
            QLocale.Language.Korean,
            QLocale.Country.SouthKorea,
            ("3월 11일 목", "2027년 3월 11일", "3월 10일 – 3월 21일", "2027년 3월"),
        ),
        (
            QLocale.Language.Hungarian,
            QLocale.Country.Hungary,
            ("márc. 11., Cs", "2027. márc. 11.", "márc. 10. – márc. 21.", "2027. március"),
        ),
        (
            QLocale.Language.German,
            QLocale.Country.Germany,
            ("Do. 11. März", "11. März 2027", "10.–21. März", "März 2027"),
        ),
    ],
)
def test_days_months_and_ranges_read_in_a_year_first_language_s_own_order(
    qapp: object, language: QLocale.Language, country: QLocale.Country, expected: tuple[str, ...]
) -> None:
    """Japanese read "水 3 3月 2027" in the agenda and "3月 2027" in the toolbar."""
    QLocale.setDefault(QLocale(language, country))
    try:
        assert (
            day_text(date(2027, 3, 11)),
            day_text(date(2027, 3, 11), weekday=False, year=True),
            range_text(date(2027, 3, 10), date(2027, 3, 21)),
            month_title(date(2027, 3, 1)),
        ) == expected
    finally:
        QLocale.setDefault(QLocale.c())


def test_the_grid_s_first_of_a_month_and_the_panel_s_months_read_in_the_language_s_order(
    qapp: object,
) -> None:
    """Japanese read "1 3月" in the month's grid and "3月 2027" on the panel's axis."""
    from calendar_app.render.cadence_strip import month_year_pattern
    from calendar_app.ui.month_view import day_number_text

    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    try:
        assert day_number_text(date(2027, 3, 1)) == "3月1日"
        assert day_number_text(date(2027, 3, 2)) == "2"
        pattern = month_year_pattern()
        assert pattern is not None
        assert QLocale().toString(QDate(2027, 3, 1), pattern) == "2027年3月"
    finally:
        QLocale.setDefault(QLocale.c())
    assert day_number_text(date(2027, 3, 1)) == "1 Mar"
    assert month_year_pattern() is None
    # The US writes the month first, German the day as an ordinal ("1 Dec" for both).
    for locale, first in (("en_US", "Mar 1"), ("de_DE", "1. März")):
        QLocale.setDefault(QLocale(locale))
        try:
            assert day_number_text(date(2027, 3, 1)) == first
            assert day_number_text(date(2027, 3, 2)) == "2"
        finally:
            QLocale.setDefault(QLocale.c())


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("ja_JP", "2026年12月5日(土)"),
        ("ko_KR", "2026년 12월 5일 (토)"),
        ("en_GB", "Sat, 5 Dec 2026"),
        ("hu_HU", "2026. dec. 5., Szo"),
        ("tr_TR", "5 Ara 2026 Cmt"),
        ("shn_MM", "2026 တီႇ 5 - သဝ်"),  # after a dash: set apart already
    ],
)
def test_a_weekday_written_after_the_day_s_word_is_in_brackets(
    qapp: object, locale: str, said: str
) -> None:
    """Japanese read "2026年12月5日土" in the editor and the agenda: Saturday run on as
    part of the date (Monday's 月 is also "month")."""
    from calendar_app.ui.editor import date_text

    QLocale.setDefault(QLocale(locale))
    try:
        assert date_text(date(2026, 12, 5)) == said
    finally:
        QLocale.setDefault(QLocale.c())


def test_a_month_title_is_in_the_language_s_digits(qapp: object) -> None:
    """An Arabic toolbar read "مارس 2027" above the cadence panel's "مارس ٢٠٢٧"."""
    from calendar_app.ui.month_view import day_number_text

    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    try:
        # The grid's days too, under the title (they read "17" and "1 مارس").
        assert day_number_text(date(2027, 3, 17)) == "١٧"
        assert day_number_text(date(2027, 3, 1)).startswith("١ ")
        assert month_title(date(2027, 3, 1)).endswith("٢٠٢٧")
        # A week's title too, within a month as across two (they mixed "14–20" with
        # "نوفمبر ٢٠٢٦", and "٢٦ سبتمبر" with "2026").
        within = range_text(date(2026, 11, 14), date(2026, 11, 20), year=True)
        across = range_text(date(2026, 9, 26), date(2026, 10, 2), year=True)
        for title in (within, across):
            assert not any(sign.isascii() and sign.isdigit() for sign in title), title
        assert within.startswith("١٤–٢٠")
    finally:
        QLocale.setDefault(QLocale.c())


TYPING_LOCALES = {
    **LOCALES,
    "de_DE": QLocale(QLocale.Language.German, QLocale.Country.Germany),
    "fr_FR": QLocale(QLocale.Language.French, QLocale.Country.France),
    "ja_JP": QLocale(QLocale.Language.Japanese, QLocale.Country.Japan),
    "ar_EG": QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt),
    "pt_BR": QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil),
    "es_ES": QLocale(QLocale.Language.Spanish, QLocale.Country.Spain),
    "ca_ES": QLocale(QLocale.Language.Catalan, QLocale.Country.Spain),
    "vi_VN": QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam),
}

TYPED = [
    ("en_GB", "15 Feb 2027", date(2027, 2, 15)),
    ("en_GB", "15 February 2027", date(2027, 2, 15)),
    ("en_GB", "15  Feb 2027", date(2027, 2, 15)),  # a run of separators
    ("en_GB", "15/02/2027", date(2027, 2, 15)),
    ("en_GB", "15.2.2027", date(2027, 2, 15)),
    ("en_GB", "31/04/2027", date(2027, 4, 30)),  # no 31 April: its last day
    ("en_GB", "29/02/2028", date(2028, 2, 29)),  # in a leap year typed after it
    ("en_US", "Feb 15, 2027", date(2027, 2, 15)),
    ("en_US", "February 15, 2027", date(2027, 2, 15)),
    ("en_US", "Feb. 15, 2027", date(2027, 2, 15)),
    ("en_US", "2/15/2027", date(2027, 2, 15)),
    ("en_US", "12/1/2027", date(2027, 12, 1)),
    ("de_DE", "15. Feb. 2027", date(2027, 2, 15)),  # as it is shown
    ("de_DE", "1.Feb.2027", date(2027, 2, 1)),
    ("de_DE", "15. Februar 2027", date(2027, 2, 15)),
    ("de_DE", "15.02.2027", date(2027, 2, 15)),
    ("fr_FR", "15 avr. 2027", date(2027, 4, 15)),
    ("fr_FR", "15 avril 2027", date(2027, 4, 15)),
    ("en_GB", "15/1/2027", date(2027, 1, 15)),  # a month of one digit after a long day
    ("en_GB", "31/12/2026", date(2026, 12, 31)),  # a day the month shown lacks
    ("en_US", "Feb 29, 2028", date(2028, 2, 29)),
    ("ja_JP", "2027/02/15", date(2027, 2, 15)),  # the year first
    ("ja_JP", "2027 2 15", date(2027, 2, 15)),
    ("en_GB", "15/02/27", date(2027, 2, 15)),  # a year of two digits
    # The format's own words typed as it reads ("de" began "dezembro": December).
    ("pt_BR", "15 de fevereiro de 2027", date(2027, 2, 15)),
    ("pt_BR", "15 de março de 2027", date(2027, 3, 15)),
    ("pt_BR", "15 de dez. de 2027", date(2027, 12, 15)),
    ("es_ES", "15 de febrero de 2027", date(2027, 2, 15)),
    ("es_ES", "15 de diciembre de 2027", date(2027, 12, 15)),
    ("ca_ES", "15 de febrer de 2027", date(2027, 2, 15)),  # "de febrer" is its name
    ("vi_VN", "15 tháng 2 2027", date(2027, 2, 15)),  # so is "tháng 2"
    ("vi_VN", "15 tháng 1 2027", date(2027, 1, 15)),  # not 10, 11 or 12
    # Year first, as ISO, Sweden and Canada write a date (it gave 20 February 2004).
    ("en_GB", "2027-04-15", date(2027, 4, 15)),
    ("en_US", "2027-04-15", date(2027, 4, 15)),
    ("de_DE", "2027-4-5", date(2027, 4, 5)),
    ("fr_FR", "2027/04/15", date(2027, 4, 15)),
    ("en_GB", "2027-02-31", date(2027, 2, 28)),  # as 31/02/2027 is: its last day
    ("ar_EG", "٢٠٢٧-٠٤-١٥", date(2027, 4, 15)),
    ("de_DE", "15. Marz 2027", date(2027, 3, 15)),  # without its accent it was May
    ("de_DE", "15. Maerz 2027", date(2027, 3, 15)),
    ("ca_ES", "15 d’abr. del 2027", date(2027, 4, 15)),  # as the field shows it
    ("ca_ES", "15 d'abril de 2027", date(2027, 4, 15)),  # the keyboard's apostrophe
    ("ca_ES", "15 d’agost del 2027", date(2027, 8, 15)),
]

FROM_A_SHORTER_MONTH = [  # the field shows 30 November: the 31st waits for its month
    ("pt_BR", "31 de janeiro de 2027", date(2027, 1, 31)),
    ("es_ES", "31 de enero de 2027", date(2027, 1, 31)),
    ("pt_BR", "31 de março de 2027", date(2027, 3, 31)),
    ("en_GB", "31 Jan 2027", date(2027, 1, 31)),
]

FROM_A_LONGER_DAY = [  # the field shows 30 November: the day typed is shorter
    ("en_GB", "9/3/2027", date(2027, 3, 9)),
    ("en_GB", "01/01/2027", date(2027, 1, 1)),
    ("en_GB", "5 Oct 2027", date(2027, 10, 5)),
]


DateField = Callable[..., QDateEdit]


@pytest.fixture
def date_field(qtbot: QtBot) -> Iterator[DateField]:
    """``date_field(locale, shown=4 December 2026)``: a date field on ``shown``, in the
    locale named, reached with Tab (a field after it for Tab to go on to)."""
    forms: list[QWidget] = []

    def make(name: str, shown: date = date(2026, 12, 4)) -> QDateEdit:
        QLocale.setDefault(TYPING_LOCALES[name])
        form = QWidget()
        layout = QVBoxLayout(form)
        before, after = QLineEdit(), QLineEdit()
        field = make_date_edit("When", WeekStart.MONDAY)
        for widget in (before, field, after):
            layout.addWidget(widget)
        qtbot.addWidget(form)
        forms.append(form)  # alive until the test ends
        field.setDate(QDate(shown.year, shown.month, shown.day))
        with qtbot.waitExposed(form):
            form.show()
        before.setFocus()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        qtbot.waitUntil(field.hasFocus)
        return field

    try:
        yield make
    finally:
        QLocale.setDefault(QLocale.c())


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("name", "typed", "expected", "shown"),
    [(*case, date(2026, 12, 4)) for case in TYPED]
    + [(*case, date(2026, 11, 30)) for case in FROM_A_LONGER_DAY + FROM_A_SHORTER_MONTH],
)
def test_a_date_typed_as_it_reads_is_that_date(
    name: str, typed: str, expected: date, shown: date, qtbot: QtBot, date_field: DateField
) -> None:
    """Typed into a date field reached from the keyboard: "15 Feb 2027" gave 15
    December (Qt moved on after "15" and the space skipped the month), "15/02/2027"
    left the month as it was, and "Feb 15" typed month first was dropped."""
    field = date_field(name, shown)
    for sign in typed:
        if sign.isascii():
            qtbot.keyClicks(field, sign)
        else:  # as a keyboard sends it (QTest types ASCII only)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                key = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, sign)
                QApplication.sendEvent(field, key)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date().toPython() == expected


@OFFSCREEN_POPUPS
def test_tab_goes_from_part_to_part_of_a_date(qtbot: QtBot, date_field: DateField) -> None:
    """2, Tab, 3, Tab, 2027: the month moved on by itself, and the second Tab left the
    field before the year."""
    field = date_field("en_GB")
    for keys in ("2", Qt.Key.Key_Tab, "3", Qt.Key.Key_Tab, "2027"):
        if isinstance(keys, str):
            qtbot.keyClicks(field, keys)
        else:
            qtbot.keyClick(field, keys)
    assert field.hasFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date().toPython() == date(2027, 3, 2)


@OFFSCREEN_POPUPS
def test_keys_other_than_tab_keep_what_was_typed_and_a_click_chooses_its_part(
    qtbot: QtBot, date_field: DateField
) -> None:
    """A year of two digits then Enter was dropped; "²" (a key of French keyboards)
    raised an error; "1" in the month, a click on the day, "2" gave the 12th."""
    field = date_field("en_GB")
    qtbot.keyClicks(field, "15/02/27")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.date().toPython() == date(2027, 2, 15)

    field = date_field("fr_FR")
    qtbot.keyClicks(field, "²")
    assert field.date().toPython() == date(2026, 12, 4)

    field = date_field("en_US")
    qtbot.keyClicks(field, "1")  # the month comes first: January, maybe 10-12
    text = field.lineEdit().text()
    day = QPoint(field.lineEdit().fontMetrics().horizontalAdvance(text.split(",")[0] + ", Jan "), 5)
    qtbot.mouseClick(field.lineEdit(), Qt.MouseButton.LeftButton, pos=day)
    qtbot.keyClicks(field, "2")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date().toPython() == date(2026, 1, 2)


@OFFSCREEN_POPUPS
def test_digits_of_the_script_the_field_shows_are_typed_as_digits(
    qtbot: QtBot, date_field: DateField
) -> None:
    """An Arabic field shows "١٥" for 15: typing its own digits did nothing."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    field = date_field("ar_EG")
    assert "٢٠٢٦" in field.lineEdit().text()  # the field writes its own digits
    for sign in "١٥/٠٢/٢٠٢٧":  # (QTest types Latin-1 only)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, sign)
            QApplication.sendEvent(field, key)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date().toPython() == date(2027, 2, 15)


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("name", "week_start", "first"),
    [
        ("en_US", WeekStart.MONDAY, Qt.DayOfWeek.Monday),  # the locale starts on Sunday
        ("de_DE", WeekStart.SUNDAY, Qt.DayOfWeek.Sunday),  # the locale starts on Monday
    ],
)
def test_a_date_fields_popup_starts_its_weeks_as_the_calendar_does(
    name: str, week_start: WeekStart, first: Qt.DayOfWeek, qapp: object
) -> None:
    QLocale.setDefault(TYPING_LOCALES[name])
    try:
        field = make_date_edit("When", week_start)
        assert field.calendarWidget().firstDayOfWeek() == first
    finally:
        QLocale.setDefault(QLocale.c())


@OFFSCREEN_POPUPS
@pytest.mark.parametrize(
    ("name", "typed", "expected"),
    [("en_GB", "20 Dec 2026", date(2026, 12, 20)), ("de_DE", "20.12.2026", date(2026, 12, 20))],
)
def test_a_date_typed_after_a_click_on_the_weekday_starts_at_the_day(
    name: str, typed: str, expected: date, qtbot: QtBot, date_field: DateField
) -> None:
    """A click on "Fri," put the keyboard on the weekday: "20 Dec 2026" gave 20
    February 2006 (the digits overwrote the day, the separators moved nothing)."""
    field = date_field(name)
    edit = field.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(3, edit.height() // 2))
    assert field.currentSectionIndex() == 0  # on the weekday
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date().toPython() == expected


@pytest.mark.parametrize(
    ("lang", "resting"),
    [
        ("ar_EG.UTF-8", {Qt.DayOfWeek.Friday, Qt.DayOfWeek.Saturday}),
        ("fa_IR.UTF-8", {Qt.DayOfWeek.Friday}),
        ("en_GB.UTF-8", {Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday}),
    ],
)
def test_a_date_fields_popup_marks_the_locales_days_of_rest(
    lang: str, resting: set[Qt.DayOfWeek], monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    """As the views shade them: in Cairo the popup marked Sunday, a working day, and not
    Friday."""
    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    field = make_date_edit("When", WeekStart.SATURDAY)
    popup = field.calendarWidget()
    formats = {day: popup.weekdayTextFormat(day).foreground().color() for day in Qt.DayOfWeek}
    marked = {day for day, color in formats.items() if color != formats[Qt.DayOfWeek.Wednesday]}
    assert marked == resting
