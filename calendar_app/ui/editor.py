"""The post editor: one dialog to write, schedule, repeat or delete a post.

The dialog never writes to the store itself. Saving pushes one undo command
(:class:`AddPostCommand` for a new post or series, :class:`EditPostsCommand`
with only the fields that changed, :class:`RepeatPostCommand` for a post made to
repeat, :class:`ChangeRepeatCommand` for a series' new rule,
:class:`DeletePostsCommand`), so every save is one step in Edit > Undo. For an
occurrence of a recurring post the dialog asks "this one / this and following / all"
through ``session.scope_chooser``.

The dialog is built without being shown: tests fill its widgets and call
:meth:`PostEditor.accept`; the window uses :func:`open_post_editor` and
:func:`new_post`, which run it modally.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, time, timedelta
from typing import Any, cast

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QLocale,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTime,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QShowEvent,
    QValidator,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import recurrence
from ..core.errors import CadenceError, InvalidInput, NotFound
from ..core.lengths import counts_as_x, post_length, title_leads
from ..core.models import (
    FIRST_DAY,
    LAST_DAY,
    WEB_ADDRESS,
    KeyMessage,
    NewPost,
    Post,
    PostStatus,
    Series,
    WeekStart,
    ascii_digits,
    backlog_status,
    clock_change,
    clock_note,
    every_days,
    in_words,
    link_in_text,
    one_line,
    published_ahead,
    shows_nothing,
    tool_link,
)
from ..core.store import PostChanges, RepeatPlan, Scope
from ..render.cadence_strip import day_text
from ..render.chips import clock_edit_format, clock_text, quiet_text, seen_on
from ..render.weeks import rest_days
from .commands import (
    AddPostCommand,
    ChangeRepeatCommand,
    DeletePostsCommand,
    EditPostsCommand,
    RepeatPostCommand,
    elide,
    plain_tooltip,
    plural,
    said_deleted,
    series_scope,
)
from .dialogs import (
    OverAnswer,
    SaveAnswer,
    ask_save_changes,
    ask_save_gone,
    ask_save_over,
    changed_there_too,
    closes_unsaved,
    fit_on_screen,
    show_error,
)
from .drafts import DRAFT_PAUSE_MS, Draft
from .post_model import TickingRowDelegate
from .session import CalendarSession, ErrorHandler

"""Shows a failure to the user; :func:`show_error` unless a test supplies its own."""


REPEAT_CHOICES = (
    ("", "Does not repeat"),
    ("DAILY", "Daily"),
    ("WEEKLY", "Weekly"),
    ("MONTHLY", "Monthly"),
)
_WEEKDAY_STYLE = """
QToolButton {
    padding: 3px 6px; border: 1px solid palette(mid); border-radius: 4px;
    background: palette(base); color: palette(text);
}
QToolButton:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
QToolButton:focus { border: 2px solid palette(text); }
"""
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month"}

_FIELD_WORDS = {
    "title": "title",
    "body": "text",
    "channel_id": "channel",
    "campaign_id": "campaign",
    "status": "status",
    "date": "day",
    "time": "time",
    "link": "link",
    "notes": "notes",
}
"""The fields of a post as the editor's questions name them (its key messages are
ticked and unticked over the file's, never asked about)."""


# -- helpers shared with the managers -----------------------------------------


def swatch_icon(color: str, size: int = 12, *, true: bool = False) -> QIcon:
    """A small rounded square of ``color``, crisp at 1x and 2x: lightened on a dark
    theme's lists (darkened on a light one) where it would not be seen, unless ``true``
    (a colour being chosen shows as it is)."""
    base = "" if true else QGuiApplication.palette().color(QPalette.ColorRole.Base).name()
    return _swatch(color, size, base)


@functools.lru_cache(maxsize=1024)  # a manager's list of 300 drew each at every change
def _swatch(color: str, size: int, base: str) -> QIcon:
    """:func:`swatch_icon`'s icon, seen on ``base`` (as it is when none)."""
    icon = QIcon()
    fill = QColor(color)
    if base:
        fill = seen_on(fill, QColor(base))
    for ratio in (1, 2):
        pixmap = QPixmap(size * ratio, size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(fill.darker(135))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
        painter.end()
        # The same pixmap when selected: a tinted swatch would misstate the colour.
        icon.addPixmap(pixmap, QIcon.Mode.Normal)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def warning_color(palette: QPalette) -> QColor:
    """A red that reads well on the palette's window colour (light or dark)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff7b72" if dark else "#c62828")


def caution_color(palette: QPalette) -> QColor:
    """An amber that reads well on the palette's window colour (light or dark)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#f0b45a" if dark else "#9a5b00")


def muted_color(palette: QPalette) -> QColor:
    """Secondary text on the window: :func:`.chips.quiet_text`, which reads."""
    return quiet_text(
        palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText)
    )


def typed_link(text: str) -> str:
    """A link as typed or pasted, on one line: a web address a mail broke over two lines
    joined again whole ("…/long/" and "path" below it). Spaces within a line stay (the
    field says a web address has none): they may be a file's name ("Press kit.pdf")
    or words after the address, and taking them out made another address."""
    link = one_line(text)
    lines = text.strip().splitlines()
    if len(lines) > 1 and WEB_ADDRESS.fullmatch(link) is None:
        whole = "".join(line.strip() for line in lines)
        if WEB_ADDRESS.fullmatch(whole) is not None:
            return whole
    return link


NOT_A_WEB_ADDRESS = (
    "Not a web address: begin it with https:// for calendar programs to open it"
    " (they show it as text)."
)
"""What the editor's link field says of a link other programs will not open."""

SPACE_IN_ADDRESS = (
    "A web address has no spaces: type each space as %20 (Press%20kit.pdf), and put any"
    " words after the address in the body or the notes."
)
"""What it says of a web address with a space in it (opened, it stops at the space)."""


def keep_room(widget: QWidget, lines: int = 0) -> None:
    """Keep ``widget``'s room while it is hidden (and ``lines`` lines of text at least):
    a form does not jump, nor get squeezed, as it comes and goes."""
    if lines:
        widget.setMinimumHeight(widget.fontMetrics().lineSpacing() * lines)
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


PUBLISHED_AHEAD = (
    "A post on a day to come has not gone out yet: make it Scheduled, or give it the day"
    " it went out."
)
"""What a post marked published on a day after today is told (it filled a gap unsent)."""

NO_MESSAGES_YET = "No key messages yet: Edit > Key Messages… adds them."
"""What an empty list of key messages to tick says."""


def _message_tip(message: KeyMessage, named: str) -> str:
    """A key message's row's tooltip: as the row names it, its statement, its cadence."""
    said = (named, message.statement.strip(), every_days(message.cadence_days).capitalize())
    return plain_tooltip("\n".join(line for line in said if line))


class WrappedLabel(QLabel):
    """A word-wrapped label as tall as its lines at the width it is given.

    A plain one asks its layout for the height of a guessed width (four lines where
    three were shown, a gap left above and below), and a window's least height
    leaves it a single line.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._lines_height = 0

    def _height_here(self, hint: QSize) -> QSize:
        if self._lines_height > 0:  # -1 when its words are kept on one line
            hint.setHeight(self._lines_height)
        return hint

    def sizeHint(self) -> QSize:
        return self._height_here(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._height_here(super().minimumSizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_lines()

    def fit_lines(self) -> None:
        """Take the height of the lines at the width laid out (a hidden window's
        layout sets it before the label hears of it)."""
        height = self.heightForWidth(self.width())
        if height != self._lines_height:
            self._lines_height = height
            self.updateGeometry()  # the layout sets the lines' height anew


def hint_label(text: str, *, wrap: bool = True) -> WrappedLabel:
    """A line that explains, in the muted colour of secondary text (still readable, and
    not announced as unavailable as a disabled label would be)."""
    label = WrappedLabel(text)
    label.setWordWrap(wrap)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
    label.setPalette(palette)
    return label


def date_text(day: date) -> str:
    """A day in :func:`date_format`, in the language (``QDate.toString`` writes English
    with Latin digits)."""
    return QLocale().toString(qdate(day), date_format())


def date_format() -> str:
    """The locale's long date format, shortened: "Wed, 18 Nov 2026" or "Wed, Nov 18, 2026"."""
    fmt = QLocale().dateFormat(QLocale.FormatType.LongFormat)
    # A weekday written last, straight after the word for the day (Japanese, Chinese,
    # Korean: 日, 일), goes in brackets once short, as they write it: "2026年12月5日土"
    # read on as the date.
    if fmt.endswith("dddd") and fmt[:-4].rstrip()[-1:] not in ("", *"dMy,.;:،、'-–"):
        fmt = fmt[:-4] + "(dddd)"
    fmt = fmt.replace("dddd", "ddd").replace("MMMM", "MMM")
    return fmt if "ddd" in fmt else "ddd " + fmt


def say_not_ready(problems: Sequence[str], fields: Iterable[QWidget], button: QWidget) -> None:
    """Say what stops a form where the keyboard is, too: on its ``fields`` and on the
    ``button`` that goes ahead, greyed out while there are ``problems`` (a screen
    reader read the field and nothing of the red line under the form, no Tab stop,
    and the button greyed out without a word)."""
    said = " ".join(problems)
    described = f"Not ready: {said}" if said else ""
    for field in fields:
        field.setAccessibleDescription(described)
    button.setAccessibleDescription(described)
    button.setToolTip(said)
    button.setEnabled(not problems)


class ProblemsLabel(QLabel):
    """Where a form says what stops it. Named "Problems" and what they are, for screen
    readers (named "Problems" alone, the sentence was in no text a reader could read
    back), and a problem that comes up is said: it may be about another field than the
    one being typed in, its Save button greyed without a word where the keyboard is."""

    SAY_AFTER_MS = 700
    """How long the problems stay as they are before new ones are said: once typing
    pauses (a time zone typed was said wrong at each letter, "“Eu” is not…")."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("validation")
        self.setWordWrap(True)
        self.setAccessibleName("Problems")
        self._said: set[str] = set()
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(self.SAY_AFTER_MS)
        self.pause.timeout.connect(self._say)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(f"Problems: {text}" if text else "Problems")
        self.pause.start()

    def say_again(self) -> None:
        """Say every problem now: Enter was refused for them (it said nothing then,
        each problem said once, when it came up)."""
        if self.text():
            from . import accessible

            self.pause.stop()
            self._said = set(self.text().splitlines())
            accessible.announce(self, " ".join(self.text().splitlines()))

    def _say(self) -> None:
        lines = self.text().splitlines()
        new = [line for line in lines if line not in self._said]
        self._said = set(lines)
        if new:
            from . import accessible

            accessible.announce(self, " ".join(new))


def problems_label() -> ProblemsLabel:
    """A :class:`ProblemsLabel` in the warning colour."""
    label = ProblemsLabel()
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, warning_color(palette))
    label.setPalette(palette)
    return label


_FORMAT_FIELDS = re.compile(r"'[^']*'|d+|M+|y+")
_YEAR_FIRST_TYPED = re.compile(r"(\d{4})[-./](\d{0,2})(?:([-./])(\d{0,2}))?")
"""A date typed year first (ISO's 2027-04-15, Sweden's and Canada's short date), into
a field that shows the day or month first."""


_WRITTEN_WITHOUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
"""How German is written without its accents ("Maerz")."""


@functools.cache
def _month_names(locale_tag: str) -> list[tuple[int, frozenset[str]]]:
    """Each month with its names in a locale (short or long, as written alone or in a
    date), in the ways they may be typed: as written, without accents ("Marz"), with
    the German way of writing without them ("Maerz"); in lower case, no period after.
    Worked out once a locale, not at each letter typed."""
    locale = QLocale(locale_tag)
    names = []
    for month in range(1, 13):
        forms: set[str] = set()
        for form in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat):
            for name in (locale.monthName(month, form), locale.standaloneMonthName(month, form)):
                forms |= _typed_forms(name)
        names.append((month, frozenset(forms)))
    return names


def typed_sign(event: QKeyEvent) -> str:
    """The one sign a key typed (with Shift or on the keypad at most), else ""."""
    text = event.text()
    others = event.modifiers() & ~(
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    )
    return text if text and not others and text.isprintable() and len(text) == 1 else ""


def _typed_forms(text: str) -> set[str]:
    """The ways ``text`` may be typed: in lower case without a period at its end; as
    is, without its accents, and as German is written without them."""
    base = text.casefold().rstrip(".").lstrip().replace("'", "’")
    bare = "".join(c for c in unicodedata.normalize("NFKD", base) if not unicodedata.combining(c))
    return {base, bare, base.translate(_WRITTEN_WITHOUT)}


_NUMBERED = (
    QDateTimeEdit.Section.DaySection,
    QDateTimeEdit.Section.MonthSection,
    QDateTimeEdit.Section.YearSection,
)


READ_ONLY_EDITOR = (
    "This calendar is read-only, so nothing can be saved here: to change it, save a copy"
    " of it (File > Save a Copy As…) and open that."
)
"""What the post editor says at once on a calendar it cannot change."""


class _DateEdit(QDateEdit):
    """A date field that, reached from the keyboard, starts on the part after the
    weekday shown first ("Wed, 18 Nov 2026"): typing 25 then means the 25th (the
    weekday took it and nothing changed), and a date typed as it reads fills it."""

    _advanced = False
    """Whether the last key typed completed a part and the keyboard moved on to the next
    by itself: the separator (or Tab) typed next is the one passed over."""

    _typed = ""
    """The digits typed so far into the part the keyboard is on."""

    _letters = ""
    """The letters typed so far into a month shown by name."""

    _before_letters = (QDate(), 0)
    """The date shown before the letters typed into the month's name, and the day typed
    that its month has not (see :attr:`_wanted_day`)."""

    _wanted_day = 0
    """A day the month shown has not (31 typed in November, 29 in a February of a year
    not typed yet): the day once a month or year that has it is typed."""

    _keys = ""
    """The signs typed one after the other since the field had the focus or a key that
    types none, and the date shown before the first (see :meth:`_type_year_first`)."""
    _before_keys = QDate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A date typed as it reads fills its parts: digits go into the day, the month
        (also one shown by name: "15/02/2027") and the year, each part moving on to the
        next once no other digit can follow; a separator after a part moves on (but
        right after a part that moved on by itself, it is the one passed over: "15 Feb
        2027" gave 15 December); the letters of a month's name ("Feb.", "avril") make
        the one month it starts. Other keys (arrows, Backspace, Enter) work as in any
        date field, once what was typed into the part is kept."""
        text = typed_sign(event)
        printable = bool(text)
        # Of any script ("٣", as an Arabic field shows its digits), not "²"
        digit = printable and unicodedata.decimal(text, None) is not None
        if not printable:
            self._keys = ""
        elif self._type_year_first(text):
            event.accept()
            return
        part = self.currentSection()
        if printable and self._name_goes_on(text):
            # A month's name past a space or a digit: "de febrer", "tháng 2".
            self._type_letter(text)
            event.accept()
            return
        if digit and self._on_weekday() and self._next_part():
            # A click on the weekday's name: the digits begin the date as it reads
            # from there (they went into the day twice: "20 Dec 2026" gave 2006).
            part = self.currentSection()
        if digit and part in _NUMBERED:
            self._type_digit(part, ascii_digits(text))
            event.accept()
            return
        if printable and text.isalpha() and self._month_by_name() and not self._advanced:
            self._type_letter(text)
            event.accept()
            return
        if printable and not digit:  # a separator ("/", ".", " ", "年"), never text here
            if self._letters and self._format_word(self._letters):
                # "15 de fevereiro": the format's own "de", not the start of "dezembro".
                self._letters = ""
                shown, self._wanted_day = self._before_letters  # "31 de": the 31st still
                self.setDate(shown)
                self.setSelectedSection(QDateTimeEdit.Section.MonthSection)
                event.accept()
                return
            if not self._advanced and (self._typed or self._letters):
                self._finish_part()
                self._advanced = self._next_part()
            self._advanced = False
            event.accept()
            return
        self._finish_part()  # Enter, Shift+Tab, arrows: what was typed is kept first
        self._advanced = False
        super().keyPressEvent(event)

    def _type_year_first(self, sign: str) -> bool:
        """Whether ``sign`` goes on a date typed year first ("2027-04-15") into a field
        that shows the day first, which it then fills as typed: the year, the month,
        the day (the four digits went into the day, the month and the year: 20 July,
        then 2004)."""
        if not self._keys:
            self._before_keys = self.date()
        self._keys += ascii_digits(sign) if unicodedata.decimal(sign, None) is not None else sign
        found = _YEAR_FIRST_TYPED.fullmatch(self._keys)
        numbered = [f[0][0] for f in self._fields() if not f[0].startswith("ddd")]
        if found is None or not numbered or numbered[0] == "y":
            return False
        year = int(found[1])
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            self._keys = ""
            return False
        before = self._before_keys
        month = int(found[2]) if found[2] and 1 <= int(found[2]) <= 12 else before.month()
        day = int(found[4]) if found[4] and 1 <= int(found[4]) <= 31 else before.day()
        self._typed = self._letters = ""
        self._advanced = False
        self._show(year, month, day)
        if found[3] is None:
            self.setSelectedSection(QDateTimeEdit.Section.MonthSection)
        else:
            self.setSelectedSection(QDateTimeEdit.Section.DaySection)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click into the text (its line edit's) chooses its own part: what was typed
        into this one is kept first ("1" in the month, a click on the day, "2": 12)."""
        if event.type() == QEvent.Type.MouseButtonPress and watched is self.lineEdit():
            self._finish_part()
            self._advanced = False
            self._keys = ""
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves between the parts; right after a part moved on by itself, it is the
        Tab passed over (2, Tab, 3, Tab, 2027 left the field before the year)."""
        if next and self._advanced and self.hasFocus():
            self._advanced = False
            return True
        self._finish_part()
        self._advanced = False
        return super().focusNextPrevChild(next)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._finish_part()
        super().focusOutEvent(event)

    def _on_weekday(self) -> bool:
        """Whether the keyboard is on the weekday's name ("Fri"), which Qt counts as
        a part of the day."""
        fields = self._fields()
        index = self.currentSectionIndex()
        return 0 <= index < len(fields) and fields[index][0].startswith("ddd")

    def _month_by_name(self) -> bool:
        return self.currentSection() == QDateTimeEdit.Section.MonthSection and (
            "MMM" in self.displayFormat()
        )

    def _type_digit(self, part: QDateTimeEdit.Section, digit: str) -> None:
        self._advanced = False
        self._letters = ""
        typed = self._typed + digit
        value = int(typed)
        shown = self.date()
        if part == QDateTimeEdit.Section.YearSection:
            self._typed = typed
            if len(typed) == 4:
                self._finish_part()
                self._advanced = self._next_part()  # a year first (2027/02/15)
            if not self._advanced:
                self.setSelectedSection(part)
            return
        top = 31 if part == QDateTimeEdit.Section.DaySection else 12
        if value > top:  # "13" as a month: the 3 starts it again
            self._typed = ""
            self._type_digit(part, digit)
            return
        self._typed = typed
        if value == 0:
            return  # the first digit of "05"
        if part == QDateTimeEdit.Section.DaySection:
            self._show(shown.year(), shown.month(), value)
        else:
            self._show(shown.year(), value, self._wanted_day or shown.day())
        if len(typed) == 2 or value * 10 > top:  # no other digit can follow
            self._typed = ""
            self._advanced = self._next_part()
        if not self._advanced:
            self.setSelectedSection(part)  # the second digit goes here too

    def _type_letter(self, letter: str) -> None:
        """A letter of a month's name: the month it then starts, when only one does
        (Qt's own reading of "févr." or "avril" gave October)."""
        typed = self._letters + letter
        month = self._month_named(typed)
        if (
            month is None
            and not self._months_starting(typed)
            and not self._format_word(typed, begun=True)
        ):
            return  # no month starts so (nor the format's "de"): the letter is not taken
        if not self._letters:
            self._before_letters = (self.date(), self._wanted_day)
        self._letters = typed
        self._typed = ""
        if month is not None:
            shown = self.date()
            self._show(shown.year(), month, self._wanted_day or shown.day())
        self.setSelectedSection(QDateTimeEdit.Section.MonthSection)

    def _finish_part(self) -> None:
        """What was typed into this part, kept (nothing when nothing was): a year of
        two digits is of this century, a month's name half typed the one month it
        starts."""
        typed, self._typed = self._typed, ""
        letters, self._letters = self._letters, ""
        shown = self.date()
        if typed and self.currentSection() == QDateTimeEdit.Section.YearSection:
            year = int(typed) + (2000 if len(typed) <= 2 else 0)
            if FIRST_DAY.year <= year <= LAST_DAY.year:
                self._show(year, shown.month(), self._wanted_day or shown.day())
        elif letters:
            month = self._month_named(letters)
            if month is not None:
                self._show(shown.year(), month, self._wanted_day or shown.day())

    def _month_names(self) -> list[tuple[int, frozenset[str]]]:
        return _month_names(self.locale().bcp47Name())

    def _months_starting(self, typed: str) -> set[int]:
        """The months whose name starts with ``typed``, whatever its case, its accents
        and a period after it."""
        wanted = _typed_forms(typed)
        return {
            month
            for month, forms in self._month_names()
            if any(name.startswith(w) for name in forms for w in wanted if w)
        }

    def _month_named(self, typed: str) -> int | None:
        """The one month whose name starts as typed ("Feb", "avr"), or whose name it is
        whole ("tháng 1", not "tháng 10"), else None."""
        months = self._months_starting(typed)
        if len(months) == 1:
            return months.pop()
        wanted = _typed_forms(typed)
        whole = [month for month, forms in self._month_names() if forms & wanted]
        return whole[0] if len(whole) == 1 else None

    def _name_goes_on(self, text: str) -> bool:
        """Whether ``text`` (a space, a digit, an apostrophe) goes on with the month's
        name typed so far, as some month's name does ("de " of "de febrer", "2" of
        "tháng 2", "’" of "d’abril")."""
        if not (text in " '’" or text.isdigit()) or not self._letters or self._advanced:
            return False
        if not self._month_by_name():
            return False
        return bool(self._months_starting(self._letters + text))

    def _format_word(self, letters: str, *, begun: bool = False) -> bool:
        """Whether ``letters`` are a word the date's format writes itself ("de" in "15
        de fev. de 2027"), typed as the date reads; ``begun``: or the start of one."""
        words = {
            w.casefold() for q in re.findall(r"'([^']*)'", self.displayFormat()) for w in q.split()
        }
        typed = letters.strip(". ").casefold()
        return any(w == typed or (begun and w.startswith(typed)) for w in words)

    def _show(self, year: int, month: int, day: int) -> None:
        """Show that day, or the last of that month when it has fewer days (the day
        typed is kept for a month or year typed next that has it)."""
        last = QDate(year, month, 1).daysInMonth()
        self._wanted_day = day if day > last else 0
        self.setDate(QDate(year, month, min(day, last)))

    def _next_part(self) -> bool:
        """Put the keyboard on the next part that takes typing (not the weekday); False
        when there is none (the keyboard stays, and Tab then leaves the field)."""
        fields = self._fields()
        for index in range(self.currentSectionIndex() + 1, len(fields)):
            if not fields[index][0].startswith("ddd"):
                self._select_part(index)
                return True
        return False

    def _fields(self) -> list[re.Match[str]]:
        """The parts of the format in the order shown ("ddd", "d", "MMM", "yyyy"), where
        they stand in it (its quoted words left out)."""
        fmt = self.displayFormat()
        return [f for f in _FORMAT_FIELDS.finditer(fmt) if not f[0].startswith("'")]

    def _select_part(self, index: int) -> None:
        """Put the keyboard on the part at ``index``, its text selected. Its place is
        read from the text as it is now: Qt's own can be that of the text before a
        change ("30" to "9"), which put the keyboard back on the day."""
        fields = self._fields()
        if not 0 <= index < len(fields):
            return
        field = fields[index]
        shown = self.locale()
        start = len(shown.toString(self.date(), self.displayFormat()[: field.start()]))
        self.setCurrentSectionIndex(index)
        self.lineEdit().setSelection(start, len(shown.toString(self.date(), field[0])))

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._advanced = False
        self._typed = self._letters = self._keys = ""
        self._wanted_day = 0
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason or self.currentSectionIndex():
            return  # a click chose its own place; a Backtab lands on the year
        fields = self._fields()
        if not fields or not fields[0][0].startswith("ddd"):
            return
        # The first part after the weekday, in the order shown: the day ("Wed, 18 Nov
        # 2026"), or the month where it comes first ("Wed, Nov 18, 2026"), so that a
        # date typed as it reads lands in its parts.
        self._select_part(1)


def make_date_edit(accessible_name: str, week_start: WeekStart) -> QDateEdit:
    """A date field with a calendar popup, in the locale's format, over the years a
    calendar plans; the popup's weeks start on the calendar's first day of the week
    (the computer's locale may start them on another)."""
    edit = _DateEdit()
    edit.lineEdit().installEventFilter(edit)  # clicks into its text
    edit.setDateRange(qdate(FIRST_DAY), qdate(LAST_DAY))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_format())
    edit.setAccessibleName(accessible_name)
    popup = edit.calendarWidget()  # made by the popup's setting
    popup.setFirstDayOfWeek(Qt.DayOfWeek(week_start.weekday + 1))
    # Its days of rest are the locale's, as the views shade them (Friday and Saturday
    # in Cairo): Qt's popup marked Saturday and Sunday whatever the locale.
    rest = popup.weekdayTextFormat(Qt.DayOfWeek.Sunday)
    work = popup.weekdayTextFormat(Qt.DayOfWeek.Wednesday)
    resting = rest_days()
    for day in range(7):
        popup.setWeekdayTextFormat(Qt.DayOfWeek(day + 1), rest if day in resting else work)
    return edit


def counted_suffix(spin: QSpinBox, one: str, many: str) -> None:
    """Give ``spin`` the suffix ``one`` for 1 and ``many`` otherwise ("1 time",
    "6 times"), now and as its value changes."""

    def follow(value: int) -> None:
        spin.setSuffix(one if value == 1 else many)

    follow(spin.value())
    spin.valueChanged.connect(follow)


class NearestSpinBox(QSpinBox):
    """A spin box that takes a number typed out of its range as the nearest it may be
    (0 days, every 1 day): Qt's own showed "every 0 days" and kept the value before,
    which the form then saved without a word. Emptied, it shows its value again (as
    the nearest, it took its least: a limit of 3000 characters saved as 1)."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # A number typed past the most is one to take as the most: Qt's own refused the
        # key that took it past, and 1500 typed was 150.
        typed = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        short = typed.isdecimal() and len(typed) <= len(str(self.maximum())) + 2
        if short and int(typed) > self.maximum():
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:
        digits = "".join(c for c in text if c.isdecimal())
        value = int(digits) if digits else self.value()
        nearest = min(max(value, self.minimum()), self.maximum())
        return self.prefix() + self.textFromValue(nearest) + self.suffix()


class KeptSpinBox(NearestSpinBox):
    """A spin box that keeps a value outside its range as it was given (an earlier
    release let in a cadence of 100,000 days) until the user changes it: the form then
    saved it cut to the range, its other fields alone changed, and said it changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._given: int | None = None
        # Typed or stepped, the value shown is the user's (typing the one shown kept the
        # earlier release's).
        self.lineEdit().textEdited.connect(self._forget_given)

    def _forget_given(self, *_args: object) -> None:
        self._given = None

    def stepBy(self, steps: int) -> None:
        self._given = None
        super().stepBy(steps)

    def show_value(self, value: int) -> None:
        """Show ``value`` (cut to the range where it must be): :meth:`kept_value` gives
        it back whole while the box shows it."""
        self.setValue(value)
        self._given = value

    def kept_value(self) -> int:
        """The value the box shows, or the one :meth:`show_value` gave if it shows that."""
        given = self._given
        if given is not None and self.value() == min(max(given, self.minimum()), self.maximum()):
            return given
        return self.value()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def typed_text(edit: QPlainTextEdit) -> str:
    """The text of ``edit`` as typed: line breaks as ``\n`` and every other character
    kept (``toPlainText`` turns a no-break space, as in French "Prix : 12 €", into a
    plain one)."""
    raw = edit.document().toRawText()
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


# -- widgets ---------------------------------------------------------------------


_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_Mode_switch,
    }
)
"""Keys pressed on their own only to change what the next one types."""


class QuarterHourTimeEdit(QTimeEdit):
    """A time field whose arrows step minutes by 15 (any minute can still be typed).

    A time is typed as it reads, from wherever the keyboard or a click put it: the
    digits fill the hour, then the minutes ("17:30", "1730", "9.30"), in any script's
    digits, and "PM" or "AM" after it (the first letter is enough) turns it to the
    afternoon or the morning ("6:30 PM" is 18:30; "6pm", minutes untyped, is 18:00).
    Qt's own field took typing only
    into a part selected whole, and dropped the rest unsaid."""

    STEP = 15

    _typed = ""
    """The digits typed so far into the part the keyboard is on."""

    _advanced = False
    """Whether the hour was complete and the keyboard moved on to the minutes by
    itself: the separator (or Tab) typed next is the one passed over."""

    _hour_typed = False
    """Whether an hour was typed since typing began (else digits typed into the minutes
    clicked may be a whole time: "17:30")."""

    _run = ""
    """The digits typed into the minutes before any hour: an hour if a separator or more
    digits follow."""

    _minutes_before = 0
    """The minutes shown before digits went into them."""

    _minutes_typed = False
    """Whether minutes were typed since the hour was: "6pm" with none is 6:00 PM."""

    _half_day = ""
    """The letters of "AM" or "PM" typed so far."""

    _half_first = ""
    """ "am" or "pm" typed before any digit ("午後6:30", "오후 6:30", as Japanese and
    Korean write a time): the hour typed after it is taken in that half of the day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(clock_edit_format())  # "h:mm AP" in the United States
        self.lineEdit().installEventFilter(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _MODIFIER_KEYS:  # Shift for ":" or "P": the typing goes on
            super().keyPressEvent(event)  # (it started afresh: "9:15 PM" made 3:00 PM)
            return
        text = typed_sign(event)
        printable = bool(text)
        if printable and unicodedata.decimal(text, None) is not None:
            self._type_digit(int(ascii_digits(text)))
        elif printable and text.isalpha() and self._type_half_day(text):
            pass
        elif printable:  # ":", ".", "h", a space: after the hour, on to the minutes
            if self.currentSection() == QDateTimeEdit.Section.HourSection and (
                self._typed and not self._advanced
            ):
                self.setCurrentSection(QDateTimeEdit.Section.MinuteSection)
            else:
                self._run_as_hour()  # typed into the minutes: an hour
            self._typed = self._run = ""
            self._advanced = False
        else:
            self._start_afresh()
            super().keyPressEvent(event)
            return
        event.accept()

    def _start_afresh(self) -> None:
        """A click, the keyboard coming in, a key that moves: typing starts anew."""
        self._typed = self._run = self._half_day = self._half_first = ""
        self._advanced = self._hour_typed = self._minutes_typed = False

    def _type_digit(self, digit: int) -> None:
        self._half_day = ""
        hour_part = QDateTimeEdit.Section.HourSection
        if self.currentSection() != QDateTimeEdit.Section.MinuteSection:
            self.setCurrentSection(hour_part)
        on_hour = self.currentSection() == hour_part
        self._advanced = False
        typed = f"{self._typed}{digit}"
        if int(typed) > (23 if on_hour else 59):
            typed = str(digit)  # the part begins again
        value, now = int(typed), self.time()
        if on_hour:
            hour = self._in_half(value, now.hour(), padded=typed.startswith("0"))
            self.setTime(QTime(hour, now.minute()))
        else:
            self.setTime(QTime(now.hour(), value))
        self.setCurrentSection(hour_part if on_hour else QDateTimeEdit.Section.MinuteSection)
        self._typed = typed
        if len(typed) == 2 or value > (2 if on_hour else 5):  # no digit can follow
            self._typed = ""
            if on_hour:
                self.setCurrentSection(QDateTimeEdit.Section.MinuteSection)
                self._advanced = True
        if on_hour:
            self._hour_typed = True
            self._minutes_typed = False
        else:
            self._minutes_typed = True
        if not on_hour and not self._hour_typed:  # into the minutes clicked: maybe a whole time
            if not self._run:
                self._minutes_before = now.minute()
            self._run += str(digit)
            if len(self._run) >= 3:
                self._run_as_time()

    def _in_half(self, typed: int, shown: int, *, padded: bool = False) -> int:
        """The hour of the day an hour typed stands for: in the half of the day said
        before it ("午後6": 18), or, where the field shows a 12-hour clock, in the half
        it shows (3 typed into "2:00 PM" is 3 PM: it made 3 AM), but for one ``padded``
        with a zero, a 24-hour hour ("09" is 9 AM wherever the field was clicked: it was
        9 PM typed into the minutes of "5:45 PM"); else as typed."""
        if self._half_first == "pm" and typed < 12:
            return typed + 12
        if self._half_first == "am" and typed == 12:
            return 0
        if padded:
            return typed
        # (0 is no hour of a 12-hour clock: "0:30" is half past midnight, as typed.)
        if 1 <= typed <= 12 and not self._half_first and "ap" in self.displayFormat().casefold():
            return typed % 12 + (12 if shown >= 12 else 0)
        return typed

    def _run_as_hour(self) -> None:
        """Digits typed into the minutes before an hour, a separator or "PM" after them:
        they were the hour ("17:30" typed where the minutes were clicked)."""
        if self._run and int(self._run) <= 23:
            padded = len(self._run) == 2 and self._run.startswith("0")
            hour = self._in_half(int(self._run), self.time().hour(), padded=padded)
            self.setTime(QTime(hour, self._minutes_before))
            self._hour_typed = True
            self._minutes_typed = False

    def _run_as_time(self) -> None:
        """Digits typed into the minutes, more than they take ("1730"): the time they
        read as, its hour first."""
        run, self._run = self._run, ""
        hour = run[:2] if int(run[:2]) <= 23 else run[:1]
        rest = run[len(hour) :][:2]
        minute = int(rest) if int(rest) <= 59 else self._minutes_before
        padded = len(hour) == 2 and hour.startswith("0")
        self.setTime(QTime(self._in_half(int(hour), self.time().hour(), padded=padded), minute))
        self.setCurrentSection(QDateTimeEdit.Section.MinuteSection)
        self._hour_typed = True
        self._minutes_typed = bool(rest)
        self._typed = rest if len(rest) == 1 and int(rest) <= 5 else ""

    def _type_half_day(self, letter: str) -> bool:
        """ "PM" after a time: the afternoon's hour; "AM": the morning's (12 AM is 00),
        known from the first letters that tell them apart ("p"; "午後", whose first
        letter is "午前"'s too). False for another letter (a separator, as "h" in
        "17h30")."""
        locale = self.locale()
        said = (self._half_day + letter).casefold()
        morning = any(w.startswith(said) for w in ("am", locale.amText().casefold()) if w)
        afternoon = any(w.startswith(said) for w in ("pm", locale.pmText().casefold()) if w)
        if not (morning or afternoon):
            self._half_day = ""
            return False
        if not (self._hour_typed or self._typed or self._run) and morning != afternoon:
            self._half_first = "pm" if afternoon else "am"  # said before the hour
        self._run_as_hour()  # "6pm" typed into the minutes: 6 the hour
        if self._hour_typed and not self._minutes_typed:  # "6pm" on 3:30 PM: 6:00 PM
            self.setTime(QTime(self.time().hour(), 0))
            self._minutes_typed = True
        self._half_day = said
        self._typed = self._run = ""
        self._advanced = False
        hour = self.time().hour()
        if afternoon and not morning and hour < 12:
            self.setTime(self.time().addSecs(12 * 3600))
        elif morning and not afternoon and hour >= 12:  # "a" on "3:00 PM" did nothing
            self.setTime(self.time().addSecs(-12 * 3600))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click into the text chooses its own part, typed into afresh."""
        if event.type() == QEvent.Type.MouseButtonPress and watched is self.lineEdit():
            self._start_afresh()
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab right after the hour moved on by itself is the one passed over."""
        if next and self._advanced and self.hasFocus():
            self._advanced = False
            return True
        self._start_afresh()
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._start_afresh()
        super().focusInEvent(event)

    def stepBy(self, steps: int) -> None:
        if self.currentSection() != QDateTimeEdit.Section.MinuteSection:
            super().stepBy(steps)
            return
        value = self.time()
        minutes = value.hour() * 60 + value.minute()
        if steps > 0:
            minutes = (minutes // self.STEP + steps) * self.STEP
        else:
            minutes = (-(-minutes // self.STEP) + steps) * self.STEP
        minutes = max(0, min(minutes, 24 * 60 - self.STEP))
        self.setTime(QTime(minutes // 60, minutes % 60))
        self.setCurrentSection(QDateTimeEdit.Section.MinuteSection)


class _BodyEdit(QPlainTextEdit):
    """The post's text: about seven lines high to start with, growing with the dialog."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        lines = self.fontMetrics().lineSpacing() * 7
        return QSize(hint.width(), lines + 2 * self.frameWidth() + 8)


class _FormArea(QScrollArea):
    """The editor's fields: shown whole, and scrolled only when the screen is too small
    for them (200% on a small screen), the buttons below staying in sight."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form)
        self.viewport().setAutoFillBackground(False)
        form.setAutoFillBackground(False)
        # Tab scrolls to the field it reaches; a mnemonic (Alt+N) must too, or typing
        # goes into a field out of sight.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        form = self.widget()
        if new is not None and form is not None and form.isAncestorOf(new):
            self.ensureWidgetVisible(new)

    def sizeHint(self) -> QSize:
        form = self.widget()
        return QSize(0, 0) if form is None else form.sizeHint()

    def minimumSizeHint(self) -> QSize:
        form = self.widget()
        if form is None:
            return QSize(0, 0)
        bar = self.verticalScrollBar().sizeHint().width()
        lines = self.fontMetrics().lineSpacing() * 8
        needed = form.minimumSizeHint()
        return QSize(needed.width() + bar, min(needed.height(), lines))


# -- the dialog ----------------------------------------------------------------------


_MESSAGE_ROWS = 6
"""Key messages the editor's list shows before it scrolls."""


class PostEditor(QDialog):
    """Edit ``post``, or write a new one (dated ``day``, at ``at`` if given, or an idea
    in the backlog).

    After :meth:`accept` or a deletion, :attr:`saved` tells whether the calendar
    changed.
    """

    def __init__(
        self,
        session: CalendarSession,
        post: Post | None = None,
        *,
        day: date | None = None,
        at: time | None = None,
        messages: Iterable[int] = (),
        channel: int | None = None,
        parent: QWidget | None = None,
        error_handler: ErrorHandler = show_error,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._channel = channel
        """A new post's channel, when the one to offer is known (else the first)."""
        self._timed_before_backlog = False
        """Whether "at" was ticked when "on" was unticked: ticked again with it."""
        self._messages: dict[int, KeyMessage] = {}
        self._messages_archived = False  # (the calendar has key messages, all archived)
        """The key messages listed, by id (to name those that do not count that day)."""
        self._zone = session.store.zone  # where the clocks may skip a time
        self._week_start = session.store.info().week_start.weekday
        self.post = post
        self.saved = False
        self.created: list[int] = []
        """The posts a new post's saving made (a recurring one's every occurrence)."""
        self._error_handler = error_handler
        self.ask_save_changes: Callable[[QWidget, str], SaveAnswer] = ask_save_changes
        """Asked when the editor closes with unsaved changes (replaceable, as in tests)."""
        self.ask_save_gone: Callable[[QWidget, str], SaveAnswer] = ask_save_gone
        """Asked when the post edited was deleted elsewhere meanwhile: whether what was
        typed becomes a new post (replaceable, as in tests)."""
        self.ask_save_over: Callable[[QWidget, str, str], OverAnswer] = ask_save_over
        """Asked when a field typed here was changed elsewhere meanwhile too: whether what
        was typed goes over it or becomes a new post (replaceable, as in tests)."""
        self._series: Series | None = None
        """The series of the post, when it is an occurrence of one."""
        self._unreadable_series: str | None = None
        """Why the series' rule, first day or exceptions do not read (written by an earlier
        release or another program): the post is edited on its own."""
        if post is not None and post.series_id is not None:
            try:
                self._series = session.store.series(post.series_id)
                recurrence.normalise(self._series.rrule)
            except CadenceError as exc:  # (a value's own words, the file being open)
                why = getattr(exc, "in_short", None) or str(exc)
                self._series, self._unreadable_series = None, why
        self._plan: tuple[str, RepeatPlan] | None = None
        """The last new repeat's plan, by rule: read again only when the rule changes."""
        self._changing_repeat = False
        """An occurrence's "Change…" was pressed: the repeat rows give this post and the
        following ones a new rule."""
        self._days_as_opened: list[date] = []
        """The days the series makes from this post on, as the editor opened."""
        self._title_touched = post is not None
        self._status_touched = False  # chosen by the user in this editor
        self._weekdays_touched = False
        self._loading = True
        self._marked: dict[QWidget, str] = {}
        """The fields whose accessible description says what stops the save."""

        self.setObjectName("postEditor")
        if post is not None:
            self.setWindowTitle(f"Edit Post — {elide(post.title)}")
        else:
            self.setWindowTitle("New Post" if day is not None else "New Idea")
        self.setAccessibleName("Post editor")

        self._build()
        self._load(day, at if day is not None else None, set(messages))
        self._loading = False
        self._initial = self._values()
        self._revalidate()
        self._update_clock_hint()
        fit_on_screen(self, 560, self.sizeHint().height())
        self.title_edit.setFocus()
        self._draft_timer: QTimer | None = None
        """Keeps what is typed on the disk a moment after it changes (:mod:`.drafts`)."""
        if session.drafts is not None and not session.store.read_only:
            self._draft_timer = QTimer(self)
            self._draft_timer.setSingleShot(True)
            self._draft_timer.setInterval(DRAFT_PAUSE_MS)
            self._draft_timer.timeout.connect(self.keep_draft)
            for signal in (*self._field_changes(), *self._repeat_changes()):
                signal.connect(self._draft_soon)

    def setVisible(self, visible: bool) -> None:
        # Settle the layout before the window exists: sizing it afterwards makes platforms
        # without size hints (offscreen) complain.
        layout = self.layout()
        if visible and layout is not None:
            layout.activate()
        super().setVisible(visible)
        title = self.title_edit
        if visible and title.hasSelectedText() and title.selectedText() == title.text():
            # Qt selects the title as the dialog shows, its cursor at the end: a long
            # title then showed only its end. Still all selected, from its start.
            title.setSelection(len(title.text()), -len(title.text()))

    # -- building -------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self.form = form

        def label(text: str, buddy: QWidget) -> QLabel:
            widget = QLabel(text)
            widget.setBuddy(buddy)
            return widget

        # Title
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Required: what the post is about")
        self.title_edit.setAccessibleName("Title")
        font = self.title_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title_edit.setFont(font)
        form.addRow(label("&Title:", self.title_edit), self.title_edit)

        # Body and its character count
        self.body_edit = _BodyEdit()
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setAccessibleName("Body")
        self.body_edit.setPlaceholderText("The text of the post")
        self.body_edit.setMinimumHeight(80)
        self.body_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.char_count_label = QLabel()
        self.char_count_label.setObjectName("charCount")
        self.char_count_label.setAccessibleName("Character count")
        self.char_count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.char_count_label.setWordWrap(True)  # its longest sentences take two lines
        self._muted(self.char_count_label)
        body_box = QVBoxLayout()
        body_box.setSpacing(2)
        body_box.addWidget(self.body_edit)
        body_box.addWidget(self.char_count_label)
        body_label = label("&Body:", self.body_edit)
        body_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(body_label, body_box)

        # Channel and status side by side would crowd the labels; one per row reads better.
        self.channel_combo = QComboBox()
        self.channel_combo.setAccessibleName("Channel")
        self.channel_combo.setIconSize(QSize(12, 12))
        form.addRow(label("C&hannel:", self.channel_combo), self.channel_combo)

        self.message_list = QListWidget()
        self.message_list.setAccessibleName("Key messages")
        self.message_list.setAccessibleDescription("Tick every key message this post carries")
        self.message_list.setIconSize(QSize(12, 12))
        self.message_list.setItemDelegate(TickingRowDelegate(self.message_list))
        self.message_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.message_list.setUniformItemSizes(True)
        # A long title is cut by "…" (its tooltip has it whole): a sideways scroll bar
        # covered the last row, and the title read only by scrolling.
        self.message_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # In the middle: a message's "(starts 1 Jan 2027)" stays in sight at its end.
        self.message_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        messages_label = label("&Key messages:", self.message_list)
        messages_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # How many are ticked, where the list scrolls: of 300, six rows showed none of
        # the sixty a post carried.
        self.messages_ticked = hint_label("", wrap=False)
        self.messages_ticked.hide()
        messages_box = QWidget()  # as tall as the list and its count, no more
        messages_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        box = QVBoxLayout(messages_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.message_list)
        box.addWidget(self.messages_ticked)
        form.addRow(messages_label, messages_box)

        self.campaign_combo = QComboBox()
        self.campaign_combo.setAccessibleName("Campaign")
        self.campaign_combo.setIconSize(QSize(12, 12))
        form.addRow(label("Ca&mpaign:", self.campaign_combo), self.campaign_combo)

        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        for status in PostStatus:
            self.status_combo.addItem(status.value.capitalize(), status.value)
        form.addRow(label("&Status:", self.status_combo), self.status_combo)

        # When: "on <date>  at <time>"
        self.date_check = QCheckBox("on")
        self.date_check.setAccessibleName("Scheduled on a date")
        self.date_check.setToolTip("Untick to keep the post in the backlog of ideas")
        self.date_edit = make_date_edit("Date", self.session.store.info().week_start)
        self.time_check = QCheckBox("&at")
        self.time_check.setAccessibleName("At a time of day")
        self.time_edit = QuarterHourTimeEdit()
        self.time_edit.setAccessibleName("Time")
        self.backlog_hint = QLabel("in the backlog (no date)")
        self._muted(self.backlog_hint)
        when = QHBoxLayout()
        when.setSpacing(6)
        when.addWidget(self.date_check)
        when.addWidget(self.date_edit, 1)
        when.addWidget(self.backlog_hint, 1)
        when.addSpacing(8)
        when.addWidget(self.time_check)
        when.addWidget(self.time_edit)
        # Alt+W goes to the date; on an undated post, to "on" (a button buddy is clicked:
        # Alt+W on a dated post must not untick its date and send it to the backlog).
        self.when_label = label("&When:", self.date_edit)
        form.addRow(self.when_label, when)
        self.clock_hint = QLabel()
        self.clock_hint.setWordWrap(True)
        self.clock_hint.setAccessibleName("Clock change")
        self._muted(self.clock_hint)
        form.addRow("", self.clock_hint)
        form.setRowVisible(self.clock_hint, False)

        self._build_repeat(form, label)

        self.link_edit = QLineEdit()
        self.link_edit.setAccessibleName("Link")
        self.link_edit.setPlaceholderText("https://")
        form.addRow(label("&Link:", self.link_edit), self.link_edit)
        self.link_hint = hint_label(NOT_A_WEB_ADDRESS)
        self.link_hint.setAccessibleName("Link")
        form.addRow("", self.link_hint)
        form.setRowVisible(self.link_hint, False)

        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setPlaceholderText("For you and your team; not published")
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 14)
        notes_label = label("&Notes:", self.notes_edit)
        notes_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(notes_label, self.notes_edit)

        self.validation_label = problems_label()
        self.draft_note = QLabel()  # what the drafts cannot keep (a full disk)
        self.draft_note.setObjectName("draftNote")
        self.draft_note.setWordWrap(True)
        self.draft_note.setAccessibleName("Not kept as you type")
        self._muted(self.draft_note)
        self.draft_note.hide()

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        assert ok is not None
        self.ok_button: QPushButton = ok
        self.ok_button.setToolTip("Save (Ctrl+Return)")
        self.ok_button.setAccessibleName("Save post")
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self.delete_button: QPushButton | None = None
        if self.post is not None:
            # "…" where it asks which occurrences; a single post goes at once (undoable),
            # so does an occurrence in the backlog.
            asks = self.post.series_id is not None and self.post.date is not None
            self.delete_button = self.button_box.addButton(
                "&Delete…" if asks else "&Delete", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.setAccessibleName("Delete post")
            self.delete_button.clicked.connect(self.delete_post)
            # Off where nothing can be changed, as Save is (said above it).
            self.delete_button.setEnabled(not self.session.store.read_only)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.accept)

        fields = QWidget()
        fields.setLayout(form)
        form.setContentsMargins(0, 0, 4, 0)  # clear of a scroll bar, when there is one
        self.form_area = _FormArea(fields)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(10)
        outer.addWidget(self.form_area)
        outer.addWidget(self.validation_label)
        outer.addWidget(self.draft_note)
        outer.addWidget(self.button_box)
        # Made default once in the dialog, so that the dialog gives it back the role
        # after Tab passed over Cancel (Enter then cancelled instead of saving).
        self.ok_button.setDefault(True)

        # Everything that can change validity or the summaries.
        self.title_edit.textEdited.connect(self._on_title_edited)
        self.body_edit.textChanged.connect(self._update_char_count)
        self.title_edit.textChanged.connect(self._update_char_count)
        self.channel_combo.currentIndexChanged.connect(self._update_char_count)
        self.link_edit.textChanged.connect(self._update_char_count)
        self.link_edit.textChanged.connect(self._update_link_hint)
        self.status_combo.activated.connect(self._on_status_chosen)
        self.date_check.toggled.connect(self._on_date_toggled)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.time_check.toggled.connect(self.time_edit.setEnabled)
        for signal in self._field_changes():
            signal.connect(self._revalidate)
        self.message_list.itemChanged.connect(self._count_ticked)
        # Only the day and the time decide whether the clocks skip it.
        for signal in (
            self.date_check.toggled,
            self.date_edit.dateChanged,
            self.time_check.toggled,
            self.time_edit.timeChanged,
        ):
            signal.connect(self._update_clock_hint)

    def _field_changes(self) -> tuple[SignalInstance, ...]:
        """What each field of the post says as it changes (the repeat's apart)."""
        return (
            self.title_edit.textChanged,
            self.body_edit.textChanged,
            self.channel_combo.currentIndexChanged,
            self.campaign_combo.currentIndexChanged,
            self.status_combo.currentIndexChanged,
            self.date_check.toggled,
            self.date_edit.dateChanged,
            self.time_check.toggled,
            self.time_edit.timeChanged,
            self.link_edit.textChanged,
            self.notes_edit.textChanged,
            self.message_list.itemChanged,
        )

    def _repeat_changes(self) -> tuple[SignalInstance, ...]:
        """What the repeat rows say as they change (a repeat alone chosen was kept in no
        draft: a crash then lost it)."""
        return (
            self.repeat_combo.currentIndexChanged,
            self.interval_spin.valueChanged,
            *(button.toggled for button in self.weekday_buttons.values()),
            self.end_group.buttonToggled,
            self.until_edit.dateChanged,
            self.count_spin.valueChanged,
        )

    def _build_repeat(self, form: QFormLayout, label: Callable[[str, QWidget], QLabel]) -> None:
        """Repeat rows: a choice for a post on its own, a read-only description for a series."""
        self.repeat_combo = QComboBox()
        self.repeat_combo.setAccessibleName("Repeat")
        for value, text in REPEAT_CHOICES:
            self.repeat_combo.addItem(text, value)
        self.interval_spin = NearestSpinBox()
        self.interval_spin.setRange(1, 99)
        self.interval_spin.setPrefix("every ")
        self.interval_spin.setAccessibleName("Repeat interval")
        self.repeat_description = QLabel()
        self.repeat_description.setAccessibleName("Repeat")
        self.repeat_description.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.repeat_description.setWordWrap(True)

        self.weekday_buttons: dict[int, QToolButton] = {}
        days_box = QHBoxLayout()
        days_box.setSpacing(4)
        locale = QLocale()
        # In the calendar's own week (Monday = 0), as its month and week views show it.
        for offset in range(7):
            weekday = (self._week_start + offset) % 7
            button = QToolButton()
            button.setCheckable(True)
            button.setText(locale.dayName(weekday + 1, QLocale.FormatType.ShortFormat))
            button.setAccessibleName(f"Repeat on {locale.dayName(weekday + 1)}")
            button.setMinimumWidth(40)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(self._on_weekday_clicked)
            self.weekday_buttons[weekday] = button
            days_box.addWidget(button)
        days_box.addStretch(1)
        self.weekdays_widget = QWidget()
        self.weekdays_widget.setLayout(days_box)
        days_box.setContentsMargins(0, 0, 0, 0)
        # Chosen days must stand out in light and dark palettes alike.
        self.weekdays_widget.setStyleSheet(_WEEKDAY_STYLE)

        self.until_radio = QRadioButton("&until")
        self.until_radio.setAccessibleName("Ends on a date")
        self.until_edit = make_date_edit("Last date", self.session.store.info().week_start)
        self.count_radio = QRadioButton("a&fter")
        self.count_radio.setAccessibleName("Ends after a number of times")
        self.count_spin = NearestSpinBox()
        self.count_spin.setRange(1, recurrence.MAX_OCCURRENCES)
        self.count_spin.setValue(6)
        counted_suffix(self.count_spin, " time", " times")
        self.count_spin.setAccessibleName("Number of times")
        self.end_group = QButtonGroup(self)
        self.end_group.addButton(self.until_radio)
        self.end_group.addButton(self.count_radio)
        # Clicking or typing in a field picks its end, also to keep the value shown
        # (the 6 of "after 6 times"): only a changed value did.
        self._end_fields: dict[QObject, QRadioButton] = {}
        for field, radio in (
            (self.until_edit, self.until_radio),
            (self.count_spin, self.count_radio),
        ):
            for part in (field, *field.findChildren(QLineEdit)):
                self._end_fields[part] = radio
                part.installEventFilter(self)
        ends_box = QHBoxLayout()
        ends_box.setSpacing(6)
        ends_box.addWidget(self.until_radio)
        ends_box.addWidget(self.until_edit, 1)
        ends_box.addSpacing(10)
        ends_box.addWidget(self.count_radio)
        ends_box.addWidget(self.count_spin)
        ends_box.setContentsMargins(0, 0, 0, 0)
        self.ends_widget = QWidget()
        self.ends_widget.setLayout(ends_box)

        self.repeat_summary = QLabel()
        self.repeat_summary.setAccessibleName("Repeat summary")
        self.repeat_summary.setWordWrap(True)
        self._muted(self.repeat_summary)

        repeat_box = QHBoxLayout()
        repeat_box.addWidget(self.repeat_combo, 1)
        repeat_box.addWidget(self.interval_spin)
        unused: list[QWidget] = []
        if self._unreadable_series is not None:
            # The rule's own words are in the sentence; the rows stay out of sight.
            why = self._unreadable_series.rstrip(".")
            if why[1:2].islower():  # a sentence's first word, not a rule's "FREQ"
                why = why[:1].lower() + why[1:]
            self.repeat_description.setText(
                f"Its series' repeat cannot be read here ({why}): this post changes on its own."
            )
            form.addRow(QLabel("Repeat:"), self.repeat_description)
            form.addRow(label("F&rom here:", self.repeat_combo), repeat_box)
            self._repeat_box = repeat_box
        elif self._series_rule is None:
            form.addRow(label("&Repeat:", self.repeat_combo), repeat_box)
            unused.append(self.repeat_description)
        else:
            # An occurrence shows its series' rule; "Change…" gives this post and the
            # following ones a new one (the rows below, out of sight until then).
            self.repeat_description.setText(
                f"{recurrence.describe(self._series_rule)}{self._planned_to()}"
                " (this is one occurrence)"
            )
            self.change_repeat_button = QPushButton("Chan&ge…")
            self.change_repeat_button.setAccessibleName("Change the repeat")
            self.change_repeat_button.setToolTip(
                "Change how this post and the following ones repeat"
            )
            self.change_repeat_button.clicked.connect(self.start_changing_repeat)
            anchor = self._series.anchor if self._series is not None else None
            if not recurrence.editable(self._series_rule, anchor):
                # Its choices would lose what this rule says (the first Monday...): said
                # where a keyboard and a screen reader find it, not on a disabled button.
                why = (
                    "It says more than the editor's choices can (a first Monday, a yearly"
                    " date): to change it, delete the following posts and repeat this one"
                    " anew."
                )
                self.change_repeat_button.setEnabled(False)
                self.change_repeat_button.setToolTip(why)
                self.repeat_description.setText(f"{self.repeat_description.text()}. {why}")
            elif self.post is not None and self.post.date is None:
                # Sent to the backlog alone, it has no day to repeat from: Change… could
                # only fail, once saved ("needs a date before it can repeat").
                why = "It is in the backlog: give it a day and save it to change its repeat."
                self.change_repeat_button.setEnabled(False)
                self.change_repeat_button.setToolTip(why)
                self.repeat_description.setText(f"{self.repeat_description.text()}. {why}")
            described = QHBoxLayout()
            described.addWidget(self.repeat_description, 1)
            described.addWidget(self.change_repeat_button, 0, Qt.AlignmentFlag.AlignTop)
            form.addRow(QLabel("Repeat:"), described)
            form.addRow(label("F&rom here:", self.repeat_combo), repeat_box)
            self._repeat_box = repeat_box
        form.addRow(QLabel("On:"), self.weekdays_widget)
        form.addRow(QLabel("Ends:"), self.ends_widget)
        form.addRow("", self.repeat_summary)
        self.repeat_combo.currentIndexChanged.connect(self._on_repeat_changed)
        self.interval_spin.valueChanged.connect(self._revalidate)
        self.until_edit.dateChanged.connect(self._on_until_changed)
        self.count_spin.valueChanged.connect(self._on_count_changed)
        self.end_group.buttonToggled.connect(self._revalidate)
        for widget in unused:
            widget.setParent(self)
            widget.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        radio = self._end_fields.get(watched)
        if radio is not None and not radio.isChecked():
            touched = event.type() == QEvent.Type.MouseButtonPress or (
                event.type() == QEvent.Type.KeyPress and _edits_value(cast(QKeyEvent, event))
            )
            if touched:
                radio.setChecked(True)
        return super().eventFilter(watched, event)

    def _planned_to(self) -> str:
        """Where a series without an end stops, planned a year ahead (", planned to 6 Dec
        2027"; nothing told the user the posts stop there); "" for one with an end."""
        series = self._series
        if series is None or {"COUNT", "UNTIL"} & set(recurrence.parse(series.rrule)):
            return ""
        days = [p.date for p in self.session.store.series_posts(series.id) if p.date]
        return f", planned to {day_text(max(days), weekday=False, year=True)}" if days else ""

    @property
    def _series_rule(self) -> str | None:
        """The series' rule; "" for one that does not read (the post repeats all the same)."""
        if self._series is not None:
            return self._series.rrule
        return "" if self._unreadable_series is not None else None

    def start_changing_repeat(self) -> None:
        """Show the repeat rows of an occurrence, filled in as its series repeats from
        this post on: saving a new rule gives it to this post and the following ones."""
        series, post = self._series, self.post
        if series is None or post is None or self._changing_repeat:
            return
        if not recurrence.editable(series.rrule, series.anchor):
            return
        self._changing_repeat = True
        self._loading = True
        self.repeat_combo.removeItem(self.repeat_combo.findData(""))  # it goes on repeating
        days = recurrence.occurrences(series.rrule, series.anchor)
        # Counted from this post on, as the new rule will count.
        own = self._repeat_start() or series.anchor
        self._days_as_opened = [d for d in days if d >= own]
        self._fill_repeat(
            series.rrule,
            count=max(len(self._days_as_opened), 1),
            until=recurrence.until_of(series.rrule) or days[-1],
        )
        self._loading = False
        self.change_repeat_button.hide()
        self._on_repeat_changed()
        self.repeat_combo.setFocus()

    def _muted(self, widget: QLabel) -> None:
        palette = widget.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            muted_color(palette),
        )
        widget.setPalette(palette)

    # -- loading --------------------------------------------------------------

    def _load(self, day: date | None, start: time | None, messages: set[int]) -> None:
        session = self.session
        post = self.post
        channel_id = post.channel_id if post else self._channel
        # A new post is written for what the filters show: on a channel shown, for the
        # one key message or campaign shown, of a status shown (it was hidden as soon
        # as it was saved).
        filters = session.filters
        if post is None and channel_id is None:
            channel_id = next(
                (c.id for c in session.channels() if c.id not in filters.hidden_channels), None
            )
        if (
            post is None
            and not messages
            and session.selected_message is None
            and len(filters.messages) == 1
        ):
            messages = set(filters.messages)
        for channel in session.channels(include_archived=True):
            if channel.archived and channel.id != channel_id:
                continue
            name = channel.name + (" (archived)" if channel.archived else "")
            self.channel_combo.addItem(swatch_icon(channel.color), name, channel.id)
        if channel_id is not None:
            self.channel_combo.setCurrentIndex(self.channel_combo.findData(channel_id))

        carried = set(post.message_ids) if post else messages
        if post is None and not messages and session.selected_message is not None:
            # The message highlighted in the sidebar is the one being planned for.
            carried.add(session.selected_message)
        every_message = session.key_messages(include_archived=True)
        self._messages_archived = bool(every_message)  # (when none is listed: all are)
        for message in every_message:
            if message.archived and message.id not in carried:
                continue
            item = QListWidgetItem(swatch_icon(message.color), message.title)
            item.setData(Qt.ItemDataRole.UserRole, message.id)
            self._messages[message.id] = message
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if message.id in carried else Qt.CheckState.Unchecked
            )
            item.setToolTip(_message_tip(message, message.title))
            self.message_list.addItem(item)
        rows = max(3, min(self.message_list.count(), _MESSAGE_ROWS))
        row_height = self.message_list.sizeHintForRow(0) if self.message_list.count() else 20
        self.message_list.setFixedHeight(row_height * rows + 2 * self.message_list.frameWidth() + 2)
        # Of many messages, the post's first one is in sight (and where the keyboard
        # starts in the list), not the top of the list.
        first = next(
            (
                item
                for item in map(self.message_list.item, range(self.message_list.count()))
                if item is not None and item.checkState() == Qt.CheckState.Checked
            ),
            None,
        )
        if first is not None:
            self.message_list.setCurrentItem(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.message_list.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtTop)

        self.campaign_combo.addItem("None", None)
        for campaign in session.campaigns():
            self.campaign_combo.addItem(swatch_icon(campaign.color), campaign.name, campaign.id)

        first_day = session.today()
        if post is None:
            if len(filters.campaigns) == 1:
                (shown,) = filters.campaigns
                found = self.campaign_combo.findData(shown)
                if found >= 0:
                    self.campaign_combo.setCurrentIndex(found)
            scheduled = day is not None
            status = self._new_status(day)
            the_day = day or first_day
            at = start
        else:
            self.title_edit.setText(post.title)
            self.body_edit.setPlainText(post.body)
            if post.campaign_id is not None:
                self.campaign_combo.setCurrentIndex(self.campaign_combo.findData(post.campaign_id))
            self.link_edit.setText(post.link)
            self.notes_edit.setPlainText(post.notes)
            scheduled = post.date is not None
            status = post.status
            the_day = post.date or first_day
            at = post.time
        self.status_combo.setCurrentIndex(self.status_combo.findData(PostStatus(status).value))
        self.date_edit.setDate(qdate(the_day))
        self.date_check.setChecked(scheduled)
        self._name_messages()
        self.time_check.setChecked(at is not None)
        self.time_edit.setEnabled(at is not None)
        self.time_edit.setTime(QTime(at.hour, at.minute) if at else QTime(9, 0))
        self.until_edit.setDate(qdate(the_day + timedelta(days=90)))
        self._set_default_weekday(the_day)
        self._on_date_toggled(scheduled)
        self._on_repeat_changed()
        self._update_char_count()
        self._count_ticked()

    # -- reading the form ----------------------------------------------------------

    def selected_channel_id(self) -> int | None:
        value = self.channel_combo.currentData()
        return int(value) if value is not None else None

    def checked_message_ids(self) -> tuple[int, ...]:
        ids = []
        for row in range(self.message_list.count()):
            item = self.message_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(ids)

    def chosen_date(self) -> date | None:
        return pydate(self.date_edit.date()) if self.date_check.isChecked() else None

    def chosen_time(self) -> time | None:
        if not self.time_check.isChecked():
            return None
        value = self.time_edit.time()
        return time(value.hour(), value.minute())

    def _values(self) -> dict[str, Any]:
        campaign = self.campaign_combo.currentData()
        return {
            "title": one_line(self.title_edit.text()),  # a paste of two lines is one
            "body": typed_text(self.body_edit),
            "channel_id": self.selected_channel_id(),
            "campaign_id": int(campaign) if campaign is not None else None,
            "status": PostStatus(self.status_combo.currentData()),
            "date": self.chosen_date(),
            "time": self.chosen_time(),
            "link": typed_link(self.link_edit.text()),
            "notes": typed_text(self.notes_edit),
            "message_ids": self.checked_message_ids(),
        }

    def changes(self) -> PostChanges:
        """The fields that differ from the post as it was opened (empty for no change)."""
        now = self._values()
        changed: dict[str, Any] = {}
        for key, value in now.items():
            before = self._initial[key]
            if key == "message_ids":
                if set(value) != set(before):
                    changed[key] = value
            elif value != before:
                changed[key] = value
        return cast(PostChanges, changed)

    def repeat_freq(self) -> str:
        if self._series_rule is not None and not self._changing_repeat:
            return ""
        return str(self.repeat_combo.currentData() or "")

    def chosen_weekdays(self) -> list[int]:
        return sorted(d for d, button in self.weekday_buttons.items() if button.isChecked())

    def repeat_rule(self) -> str | None:
        """The RRULE the form describes, or None when the post does not repeat.

        Raises :class:`InvalidInput` when the choices make no rule (no end...).
        """
        freq = self.repeat_freq()
        if not freq:
            return None
        until = pydate(self.until_edit.date()) if self.until_radio.isChecked() else None
        count = self.count_spin.value() if self.count_radio.isChecked() else None
        return recurrence.build(
            freq,
            interval=self.interval_spin.value(),
            weekdays=self.chosen_weekdays() if freq == "WEEKLY" else (),
            until=until,
            count=count,
            # A series' own week start (set when it was made), else the calendar's.
            week_start=(
                recurrence.week_start_of(self._series_rule, self._week_start)
                if self._changing_repeat and self._series_rule is not None
                else self._week_start
            ),
        )

    # -- validation ----------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What stops the post from being saved, in the user's words."""
        return [said for said, _field in self._faults()]

    def _faults(self) -> list[tuple[str, QWidget]]:
        """:meth:`problems`, each with the field where it is mended."""
        found: list[tuple[str, QWidget]] = []
        if self.session.store.read_only:  # said as it opens, not once something is typed
            found.append((READ_ONLY_EDITOR, self.title_edit))
        weekdays = next(iter(self.weekday_buttons.values()))
        title = self.title_edit.text()
        # A title an earlier release let in may stay as it is (the store keeps it too).
        kept = self.post is not None and title == self.post.title and bool(title)
        if shows_nothing(title) and not kept:
            found.append(("A post needs a title.", self.title_edit))
        if self.channel_combo.count() == 0:
            found.append(("Add a channel first: every post goes out on one.", self.channel_combo))
        if self.time_check.isChecked() and not self.date_check.isChecked():
            found.append(
                ("A time needs a date: tick “on” and pick a day, or untick “at”.", self.date_check)
            )
        status = PostStatus(self.status_combo.currentData())
        if not self.date_check.isChecked() and backlog_status(status) != status:
            found.append(
                (
                    f"A post in the backlog has no day to go out on: give it a date to keep it"
                    f" {status.value}.",
                    self.date_check,
                )
            )
        if self._published_ahead(status):
            found.append((PUBLISHED_AHEAD, self.status_combo))
        freq = self.repeat_freq()
        if freq:
            if (
                self._changing_repeat
                and self.post is not None
                and self.chosen_date() != self.post.date
            ):
                return [
                    *found,
                    (
                        "Give this post a day and save it first, then change its repeat."
                        if self.post.date is None
                        else "Save the new day first, then change the repeat: one at a time.",
                        self.date_check,
                    ),
                ]
            first = self._repeat_start()
            if first is None:
                found.append(("A repeating post needs a first date.", self.date_check))
            if freq == "WEEKLY" and not self.chosen_weekdays():
                found.append(("Choose at least one day of the week to repeat on.", weekdays))
            if not (self.until_radio.isChecked() or self.count_radio.isChecked()):
                found.append(
                    (
                        "Choose when the repeat ends: until a date, or after a number of times.",
                        self.until_radio,
                    )
                )
            elif (
                self.until_radio.isChecked()
                and first is not None
                and pydate(self.until_edit.date()) < first
            ):
                found.append(("The repeat ends before the first date.", self.until_edit))
            if not found and first is not None:
                rule = self.repeat_rule()
                try:
                    days = recurrence.occurrences(rule, first) if rule is not None else []
                except InvalidInput as exc:
                    return [*found, (str(exc), self.repeat_combo)]
                if not days:
                    found.append(
                        (
                            "These choices make no posts; check the days and the end.",
                            self.repeat_combo,
                        )
                    )
                elif self.post is not None and days[0] != first:
                    # An existing post stays the first occurrence, on its own day.
                    moved = self._changing_repeat and first != self.post.date
                    spelled = QLocale().toString(qdate(first), QLocale.FormatType.LongFormat)
                    found.append(
                        (
                            f"Repeat on {QLocale().dayName(first.isoweekday())} too: "
                            + (
                                f"the new repeat goes on from this post's day in the series,"
                                f" {spelled}"
                                " (it was moved on its own)."
                                if moved
                                else "the new repeat goes on from this post."
                                if self._changing_repeat
                                else "this post is the first one."
                            ),
                            self.weekday_buttons.get(first.weekday(), weekdays),
                        )
                    )
        return found

    def _repeat_start(self) -> date | None:
        """The first day of the repeat the rows describe: the day chosen, or for a new
        repeat of an occurrence its day in the series (where it was planned, also when
        it was moved on its own since)."""
        if self._changing_repeat and self.post is not None:
            return self.post.occurrence or self.post.date
        return self.chosen_date()

    def _repeat_plan(self, rule: str) -> RepeatPlan:
        """What ``rule`` would do from this post on (read once per rule, not at every
        key typed in the other fields)."""
        assert self.post is not None
        if self._plan is None or self._plan[0] != rule:
            self._plan = (rule, self.session.store.repeat_plan(self.post.id, rule))
        return self._plan[1]

    def _repeat_changed(self) -> bool:
        """In "Change…": whether the repeat rows make other days than the series did from
        this post on (the same days said another way change nothing)."""
        start = self._repeat_start()
        try:
            rule = self.repeat_rule()
            days = recurrence.occurrences(rule, start) if rule and start else None
        except InvalidInput:
            return True  # choices that make no rule yet: something was changed
        return days != self._days_as_opened

    def _revalidate(self) -> None:
        if self._loading:
            return
        faults = self._faults()
        found = [said for said, _field in faults]
        shown = [p for p in found if self._title_touched or p != "A post needs a title."]
        text = "\n".join(shown)
        # Said on the fields, where the focus goes when Save is refused, and on Save: a
        # screen reader heard "Last date, Thu 1 Jan 2026" and not why (the red label
        # under the form is no Tab stop).
        marked = {field: said for said, field in faults if said in shown}
        for field in set(self._marked) | set(marked):
            field.setAccessibleDescription(marked.get(field, ""))
        self._marked = marked
        self.ok_button.setAccessibleDescription(f"Not ready: {' '.join(shown)}" if shown else "")
        grows = bool(shown) and (
            not self.validation_label.isVisibleTo(self)
            or text.count("\n") > self.validation_label.text().count("\n")
        )
        self.validation_label.setText(text)
        self.validation_label.setVisible(bool(shown))
        if grows:
            self._make_room()  # the editor grows rather than squeeze its fields to scroll
        self.ok_button.setEnabled(not found)
        # The repeat's own choices decide its summary (a title not typed yet left it
        # blank, and its clock-change warning unsaid, until one was).
        elsewhere = (self.title_edit, self.body_edit, self.channel_combo)
        self._update_repeat_summary(all(field in elsewhere for _said, field in faults))

    def _update_clock_hint(self) -> None:
        """Say it when the time chosen is one the clocks skip that night (02:30 as they
        go forward an hour: calendar programs and the clock read it later), or one they
        pass twice (as they go back: the post goes out at the first)."""
        day, at = self.chosen_date(), self.chosen_time()
        note = (
            clock_note(day, at, self._zone, clock=clock_text)
            if day is not None and at is not None
            else None
        )
        hint = f"{note[0].upper()}{note[1:]}." if note else ""
        self.time_edit.setAccessibleDescription(hint)  # (the line under it is no Tab stop)
        if hint:
            self.clock_hint.setText(hint)
        if self.clock_hint.isVisibleTo(self) != bool(hint):
            self.form.setRowVisible(self.clock_hint, bool(hint))
            self._make_room()

    def _update_link_hint(self) -> None:
        link = typed_link(self.link_edit.text())
        shown = bool(link) and WEB_ADDRESS.fullmatch(link) is None
        said = (
            SPACE_IN_ADDRESS
            if WEB_ADDRESS.fullmatch(re.sub(r"\s", "%20", link)) is not None
            else NOT_A_WEB_ADDRESS
        )
        if said != self.link_hint.text():
            self.link_hint.setText(said)
            if shown and self.link_hint.isVisibleTo(self):
                self._make_room()
        # Said to a screen reader on the field too (the hint label alone was not read).
        self.link_edit.setAccessibleDescription(self.link_hint.text() if shown else "")
        if self.link_hint.isVisibleTo(self) != shown:
            self.form.setRowVisible(self.link_hint, shown)
            self._make_room()

    # -- reactions -------------------------------------------------------------------

    def _on_title_edited(self) -> None:
        self._title_touched = True

    def _on_status_chosen(self) -> None:
        self._status_touched = True

    def _on_date_toggled(self, checked: bool) -> None:
        # Unticked, the date field gives way to a plain "in the backlog" (it keeps its value).
        self.date_edit.setVisible(checked)
        self.backlog_hint.setVisible(not checked)
        self.when_label.setBuddy(self.date_edit if checked else self.date_check)
        if self.post is None:  # a new post, dated or not
            self.setWindowTitle("New Post" if checked else "New Idea")
        self._name_messages()
        if not self._loading:
            # Into the backlog goes the time too (a time needs a day); back on a day,
            # the time it had comes back.
            if not checked:
                self._timed_before_backlog = self.time_check.isChecked()
                self.time_check.setChecked(False)
            elif self._timed_before_backlog:
                self.time_check.setChecked(True)
        if not self._status_touched:
            if self.post is None:
                status = self._new_status(pydate(self.date_edit.date()) if checked else None)
            elif not checked:  # as a post cut into the backlog: not scheduled, nor published
                status = backlog_status(self.post.status)
            else:  # as dragged onto the day: an idea a draft, published ahead scheduled
                status = self._status_placed(pydate(self.date_edit.date()))
            self.status_combo.setCurrentIndex(self.status_combo.findData(status.value))
        self._revalidate()

    def _status_placed(self, day: date) -> PostStatus:
        """The post's status on ``day``, as a drag onto it gives it (a published post
        on a day to come is scheduled: it has not gone out then)."""
        assert self.post is not None
        # (Not an occurrence's: its status goes to every post of the scope chosen, and
        # the series' drafts became scheduled.)
        alone = not self._loading and self._series is None
        return self.post.status_placed_on(day, self.session.today() if alone else None)

    def _published_ahead(self, status: PostStatus) -> bool:
        """Whether ``status`` on the day chosen is published ahead (:func:`.published_ahead`)
        for this post to be refused (one an earlier release kept so, its day unchanged,
        may stay; an occurrence's status is its scope's, and is left)."""
        day = self.chosen_date()
        if not published_ahead(status, day, self.session.today()) or self._series is not None:
            return False
        post = self.post
        return not (post is not None and post.status == PostStatus.PUBLISHED and post.date == day)

    def _new_status(self, day: date | None) -> PostStatus:
        """A new post's status: an idea in the backlog, a draft on a day, or scheduled
        on a day to come when the filters show scheduled posts and not drafts (hidden
        once saved). Not on a day gone by: a scheduled post there counts as delivered,
        and a gap seemed filled by a post that never went out."""
        if day is None:
            return PostStatus.IDEA
        shown = self.session.filters.statuses
        to_come = day >= self.session.today()
        if to_come and shown and PostStatus.DRAFT not in shown and PostStatus.SCHEDULED in shown:
            return PostStatus.SCHEDULED
        return PostStatus.DRAFT

    def _name_messages(self) -> None:
        """Each key message named with what keeps it from counting on the day chosen:
        archived, ended, not yet started (they looked like any other)."""
        day = self.chosen_date()
        for row in range(self.message_list.count()):
            item = self.message_list.item(row)
            message = self._messages[int(item.data(Qt.ItemDataRole.UserRole))]
            if message.archived:
                word = "archived"
            elif day is not None and message.ends_on is not None and day > message.ends_on:
                word = f"ended {day_text(message.ends_on, weekday=False, year=day)}"
            elif day is not None and message.starts_on is not None and day < message.starts_on:
                word = f"starts {day_text(message.starts_on, weekday=False, year=day)}"
            else:
                word = ""
            text = f"{message.title} ({word})" if word else message.title
            if item.text() != text:
                item.setText(text)
                item.setToolTip(_message_tip(message, text))

    def _count_ticked(self) -> None:
        """Say how many key messages are ticked where the list scrolls."""
        listed = self.message_list.count()
        ticked = len(self.checked_message_ids())
        self.messages_ticked.setVisible(listed > _MESSAGE_ROWS or not listed)
        # An empty list says why, and where messages are made (a blank box said nothing).
        if listed:
            said = f"{ticked} of {listed} ticked"
        elif self._messages_archived:
            said = "Every key message is archived: Edit > Key Messages… brings one back."
        else:
            said = NO_MESSAGES_YET
        self.messages_ticked.setText(said)
        self.message_list.setAccessibleDescription(
            f"Tick every key message this post carries; {ticked} of {listed} ticked"
            if listed > _MESSAGE_ROWS
            else "Tick every key message this post carries"
        )

    def _on_date_changed(self) -> None:
        self._name_messages()
        if not (self._status_touched or self._loading) and self.date_check.isChecked():
            # A new post's status by its day (scheduled, under a filter, on days to come);
            # a published post's, by whether it went out by then.
            day = pydate(self.date_edit.date())
            status = self._new_status(day) if self.post is None else self._status_placed(day)
            self.status_combo.setCurrentIndex(self.status_combo.findData(status.value))
        if not self._weekdays_touched:
            self._set_default_weekday(pydate(self.date_edit.date()))
        self._revalidate()

    def _set_default_weekday(self, day: date) -> None:
        for weekday, button in self.weekday_buttons.items():
            button.setChecked(weekday == day.weekday())

    def _on_weekday_clicked(self) -> None:
        self._weekdays_touched = True
        self._revalidate()

    def _on_until_changed(self) -> None:
        if not self._loading:
            self.until_radio.setChecked(True)
        self._revalidate()

    def _on_count_changed(self) -> None:
        if not self._loading:
            self.count_radio.setChecked(True)
        self._revalidate()

    def _on_repeat_changed(self) -> None:
        freq = self.repeat_freq()
        self.interval_spin.setVisible(bool(freq))
        if self._series_rule is not None:
            self.form.setRowVisible(self._repeat_box, self._changing_repeat)
        # The summary's row stays while the post repeats, empty or not: shown and
        # hidden as the form is filled in, it made Link and Notes jump.
        for widget in (self.ends_widget, self.repeat_summary):
            self.form.setRowVisible(widget, bool(freq))
        self.form.setRowVisible(self.weekdays_widget, freq == "WEEKLY")
        self._revalidate()
        self._make_room()

    def _make_room(self) -> None:
        """Rows came or went: the editor grows to show them, as far as the screen allows."""
        if self._loading:
            return
        self.form.activate()
        self.form_area.updateGeometry()  # a scroll area does not pass its hint on
        layout = self.layout()
        if layout is not None:
            layout.activate()
        fit_on_screen(self, self.width(), max(self.height(), self.sizeHint().height()))

    def _update_repeat_summary(self, valid: bool) -> None:
        freq = self.repeat_freq()
        if freq:
            unit = _UNITS[freq]
            plural = "" if self.interval_spin.value() == 1 else "s"
            self.interval_spin.setSuffix(f" {unit}{plural}")
        if not freq or not valid:
            self.repeat_summary.setText("")
            return
        first = self._repeat_start()
        rule = self.repeat_rule()
        assert rule is not None
        assert first is not None
        try:
            days = recurrence.occurrences(rule, first)
        except InvalidInput as exc:  # (said here too before a title is typed: the form's
            self.repeat_summary.setText(str(exc))  # faults wait for one)
            return
        if not days:
            self.repeat_summary.setText("These choices make no posts.")
            return
        span = date_text(days[0])
        if len(days) > 1:
            span += " – " + date_text(days[-1])
        made = recurrence.as_made(rule, days)
        if made != recurrence.normalise(rule):
            span += f" (a series stops at {recurrence.MAX_OCCURRENCES} posts)"
        step = self.interval_spin.value()
        months = (days[-1].year - first.year) * 12 + days[-1].month - first.month
        if freq == "MONTHLY" and len(days) < months // step + 1:
            span += f"; months without a day {first.day} are skipped"
        if self._changing_repeat:
            assert self.post is not None
            try:
                text = _plan_text(self._repeat_plan(rule), span)
            except InvalidInput as exc:
                self.repeat_summary.setText(str(exc))
                return
        elif len(days) == 1:  # saved as a plain post (no series of one)
            text = f"One post, which does not repeat: {span}"
        elif self.post is None:
            text = f"Makes {len(days)} posts: {span}"
            published = self.status_combo.currentData() == PostStatus.PUBLISHED.value
            if published and days[-1] > self.session.today():
                text += "; those after today as drafts, not gone out yet"
        else:
            more = len(days) - 1
            copies = "no copy" if more == 0 else "1 copy" if more == 1 else f"{more} copies"
            text = f"This post and {copies} of it: {span}"
        at = self.chosen_time()
        if at is not None:
            text += self._clock_changes_text([d for d in days if d != self.chosen_date()], at)
        grows = text.count("\n") > self.repeat_summary.text().count("\n")
        self.repeat_summary.setText(text)
        if grows:  # the clock-change lines: the editor grows rather than cut Notes off
            self._make_room()
        self.repeat_summary.setToolTip(recurrence.describe(made))

    def _clock_changes_text(self, days: list[date], at: time) -> str:
        """A word on the first of ``days`` the clocks go forward on at ``at``, and on the
        first they go back on, each with how many more nights alike (the day the post is
        on has :attr:`clock_hint`); empty where none."""
        forward: list[tuple[date, time]] = []
        back: list[date] = []
        for day in days:
            change = clock_change(day, at, self._zone)
            if change is not None and change[0] == "forward":
                forward.append((day, change[1]))
            elif change is not None:
                back.append(day)

        def more(nights: int) -> str:
            count = nights - 1
            return f" The same on {count} more night{'s' if count > 1 else ''}." if count else ""

        said = []
        if forward:
            day, later = forward[0]
            said.append(
                f"On {date_text(day)} the clocks go forward:"
                f" {clock_text(at)} does"
                f" not exist, so that post goes out at {clock_text(later)}.{more(len(forward))}"
            )
        if back:
            said.append(
                f"On {date_text(back[0])} the clocks go back:"
                f" {clock_text(at)} comes"
                f" twice, and that post goes out at the first.{more(len(back))}"
            )
        return "".join(f"\n{sentence}" for sentence in said)

    def _update_char_count(self) -> None:
        """The body's length against the channel's limit; where the body fits but not as
        the publishing tools' files send a post (the title first, the link last), by how
        much."""
        body = typed_text(self.body_edit)
        title = one_line(self.title_edit.text())
        link = typed_link(self.link_edit.text())
        channel_id = self.selected_channel_id()
        channel = self.session.channel(channel_id) if channel_id is not None else None
        limit = channel.char_limit if channel is not None else None
        name = channel.name if channel is not None else ""
        # As the platform counts: on X, its weights (CJK and emoji twice, a link 23);
        # elsewhere, characters as a reader sees them (an emoji or a flag is one).
        # The parts counted once each, a blank line between them (the body, at each key).
        count = post_length(body, name)
        with_title = post_length(title, name) + (2 + count if body.strip() else 0)
        if title_leads(title, body):  # the tools send the body alone then
            with_title = count
        with_link = with_title + (
            2 + post_length(link, name) if link and not link_in_text(link, title, body) else 0
        )
        label = self.char_count_label
        label.setToolTip(
            "Counted as X counts: Chinese, Japanese and Korean characters and emoji count"
            " twice, a web address 23."
            if counts_as_x(name)
            else "Counted as a reader sees characters: an emoji, a flag or an accented"
            " letter is one."
        )
        palette = self.palette()
        if limit is None:
            text = f"{count} characters" if count != 1 else "1 character"
            over = False
        else:
            assert channel is not None
            over = with_link > limit
            text = f"{count} / {limit}"
            if count > limit:
                text += f" · {count - limit} over the limit for {channel.name}"
            elif with_title > limit:
                # (The tools that send it so named short: the line wrapped "post it".)
                text += (
                    f" · {with_title - limit} over once the title goes first"
                    " (Hootsuite, Sprout Social)"
                )
            elif over:
                # (Hootsuite's link column takes a web address only, and counts it then.)
                tools = "Hootsuite, Sprout Social" if tool_link(link) else "Sprout Social"
                text += f" · {with_link - limit} over with the title and link ({tools})"
        label.setText(text)
        label.setProperty("overLimit", over)
        # Red and bold when the text itself is too long for its channel; amber when it
        # is too long only as the publishing tools' files send it (posted by hand, it fits).
        too_long = over and limit is not None and count > limit
        if too_long:
            colour = warning_color(palette)
        else:
            colour = caution_color(palette) if over else muted_color(palette)
        label_palette = label.palette()
        label_palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(label_palette)
        font = label.font()
        font.setBold(too_long)
        label.setFont(font)
        label.setAccessibleDescription(text)
        # Said on the field typed in, too: the line under it is no Tab stop. Within the
        # limit, the limit (the count was not heard until the post went over), and the
        # room left near it: a count changed at every key would be read at every key.
        described = text if over else ""
        if limit is not None and not over:
            assert channel is not None
            described = f"Limit for {channel.name}: {limit}"  # (X counts its own way)
            if with_link >= limit * 0.9:  # the count the line under it shows
                described += f"; {text}"
        self.body_edit.setAccessibleDescription(described)
        if label.isVisible() and label.heightForWidth(label.width()) > label.height():
            self._make_room()  # a second line: the editor grows rather than scroll

    def is_over_limit(self) -> bool:
        return bool(self.char_count_label.property("overLimit"))

    # -- saving --------------------------------------------------------------------------

    def _draft_soon(self) -> None:
        """Keep the draft a moment after this change, however fast the typing goes on
        (a pause awaited would keep nothing of twenty minutes' steady typing)."""
        if self._draft_timer is not None and not self._draft_timer.isActive():
            self._draft_timer.start()

    def keep_draft(self) -> None:
        """Keep what the editor holds on the disk while it has changes to save (none:
        no draft), for the next start to offer back after a crash or a power cut: of a
        post edited, the fields changed alone (all of them put back over the post
        undid a move made elsewhere since) and a repeat changed; of a new one, every
        field and its repeat."""
        drafts = self.session.drafts
        if drafts is None:
            return
        calendar = self.session.store.path
        if not self.has_unsaved_changes():
            drafts.drop(calendar)
            self.draft_note.hide()  # nothing left to keep
            return
        values = self._values()
        changed: set[str] | None = set(self.changes()) if self.post is not None else None
        # The repeat Save would give: a new post's, a post of its own given one, an
        # occurrence's "Change…" (the same days said another way change nothing).
        if not self._changing_repeat or self._repeat_changed():
            with contextlib.suppress(InvalidInput):  # (a repeat without its end yet)
                rule = self.repeat_rule()
                if rule is not None:
                    values["repeat"] = rule
                    if changed is not None:
                        changed.add("repeat")
        post_uid = self.post.uid if self.post is not None else None
        kept = Draft(post_uid, values, None if changed is None else frozenset(changed))
        try:
            drafts.keep(calendar, kept)
        except CadenceError as exc:  # a full disk: said, the post still open to save
            self.draft_note.setText(
                f"{exc} What you type here is kept only once you save it: a crash now"
                " would lose it."
            )
            self.draft_note.show()
        else:
            self.draft_note.hide()

    def apply_draft(self, values: dict[str, Any], only: Collection[str] | None = None) -> None:
        """Fill the form with a draft kept when Cadence stopped (:meth:`keep_draft`):
        its fields (``only`` those named, when given), the words as typed and the
        choices still in the calendar."""
        if only is not None:
            values = {key: value for key, value in values.items() if key in only}
        for key, field in (
            ("title", self.title_edit),
            ("link", self.link_edit),
        ):
            if key in values:
                field.setText(str(values[key] or ""))
        for key, text in (("body", self.body_edit), ("notes", self.notes_edit)):
            if key in values:
                text.setPlainText(str(values[key] or ""))
        if "date" in values:
            day = values["date"]
            if isinstance(day, date):
                self.date_edit.setDate(qdate(day))
            self.date_check.setChecked(day is not None)
        if "time" in values:
            at = values["time"]
            if isinstance(at, time):
                self.time_edit.setTime(QTime(at.hour, at.minute))
            self.time_check.setChecked(at is not None)
        # After the day: a day ticked chooses a status of its own (an idea's draft),
        # over the one the user chose.
        for combo, key in (
            (self.channel_combo, "channel_id"),
            (self.campaign_combo, "campaign_id"),
            (self.status_combo, "status"),
        ):
            found = combo.findData(values.get(key)) if key in values else -1
            if found >= 0:
                combo.setCurrentIndex(found)
        self._status_touched = self._status_touched or "status" in values
        if "message_ids" in values:
            carried = set(values["message_ids"])
            for row in range(self.message_list.count()):
                item = self.message_list.item(row)
                checked = item.data(Qt.ItemDataRole.UserRole) in carried
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        rule = values.get("repeat")
        if isinstance(rule, str):
            if self._series is not None:  # an occurrence: its series changes from it on
                self.start_changing_repeat()
            if self._series_rule is None or self._changing_repeat:
                with contextlib.suppress(InvalidInput):
                    self._fill_repeat(rule)
                    self._on_repeat_changed()
        self._title_touched = True

    def _fill_repeat(
        self, rule: str, *, count: int | None = None, until: date | None = None
    ) -> None:
        """The repeat rows as ``rule`` repeats (a series changed from a post on, a new
        post's kept in a draft); ``count`` and ``until`` as given, else the rule's."""
        parts = recurrence.parse(rule)
        self.repeat_combo.setCurrentIndex(self.repeat_combo.findData(parts["FREQ"]))
        self.interval_spin.setValue(int(parts.get("INTERVAL", "1")))
        weekdays = recurrence.weekdays_of(rule)
        if weekdays:
            for weekday, button in self.weekday_buttons.items():
                button.setChecked(weekday in weekdays)
            self._weekdays_touched = True
        until = until or recurrence.until_of(rule)
        if until is not None:
            self.until_edit.setDate(qdate(until))
        if count is not None or "COUNT" in parts:
            self.count_spin.setValue(count if count is not None else int(parts["COUNT"]))
        (self.count_radio if "COUNT" in parts else self.until_radio).setChecked(True)

    def done(self, result: int) -> None:
        """Closed, saved or with what was typed discarded by the user: no draft kept."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            drafts = self.session.drafts
            if drafts is not None:
                drafts.drop(self.session.store.path)
        super().done(result)

    def has_unsaved_changes(self) -> bool:
        """Whether Save would change the calendar: what closing without it would lose
        (nothing in a calendar that cannot be changed)."""
        if self.session.store.read_only:
            return False
        if self._changing_repeat:
            return bool(self.changes()) or self._repeat_changed()
        return bool(self.changes()) or bool(self.repeat_freq())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # or the keypad's
        if enter and plain and not self.ok_button.isEnabled():
            self.accept()  # Save is off: say why (Enter did nothing, without a word)
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: with unsaved changes, ask first
        whether to save them; nothing typed is lost without the user saying so."""
        if not self.has_unsaved_changes():
            super().reject()
        elif self._post_gone():
            self._close_over_gone_post()
        elif closes_unsaved(self, elide(self._values()["title"]), self.ask_save_changes):
            super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Tab goes over the buttons in the order they read (Save, Delete, Cancel),
        # not in the order the button box made them (Cancel came first).
        buttons = sorted(
            (b for b in self.button_box.buttons() if b.isVisible()),
            key=lambda b: b.x() if self.isLeftToRight() else -b.x(),
        )
        for before, after in itertools.pairwise(buttons):
            QWidget.setTabOrder(before, after)

    def accept(self) -> None:
        """Save (when the form is valid) and close; stay open if the user cancels a question
        or the calendar refuses the change."""
        faults = self._faults()
        if faults:
            self._title_touched = True
            self._revalidate()
            # Save was refused: focus goes where the first problem is mended (a keyboard
            # user heard nothing; Save, greyed, is no Tab stop), and the problems are said.
            faults[0][1].setFocus(Qt.FocusReason.OtherFocusReason)
            self.validation_label.say_again()
            return
        if self._post_gone():  # before any question about the series it was in
            self._close_over_gone_post()
            return
        both = self._changed_elsewhere_too()
        if both:
            assert self.post is not None
            answer = self.ask_save_over(self, elide(self.post.title), in_words(both))
            if answer == "cancel":
                return
            if answer == "new":
                # One post beside theirs where its repeat was being changed: its series
                # is still there (a second series was made over it).
                self._save_as_new(alone=self._changing_repeat)
                return
        try:
            done = self._save()
        except Exception as exc:  # the store's refusal, or a bug: say it, keep the typing
            if isinstance(exc, NotFound) and self._post_gone():
                self._close_over_gone_post()
            else:
                self._refused(exc)
            return
        if done:
            super().accept()

    def _refused(self, exc: Exception) -> None:
        """Say why the calendar refused a save: a channel, key message or campaign chosen
        here and deleted elsewhere by name. A calendar moved or replaced meanwhile (a
        sync tool) takes no save until it is opened again, which the editor, over the
        window, cannot do: what was typed goes on the clipboard, and that is said (it
        could only be discarded)."""
        if isinstance(exc, NotFound):
            exc = self._names_gone() or exc
        elif isinstance(exc, CadenceError) and self.session.store.file_moved_or_replaced():
            typed = self._typed_text()
            if typed:  # (a day or a status changed alone: nothing worth the clipboard)
                QApplication.clipboard().setText(typed)
                exc = CadenceError(
                    f"{exc} The words you typed are on the clipboard, to paste into the"
                    " post once the calendar is open again."
                )
        self._error_handler(self, exc)

    def _typed_text(self) -> str:
        """The words typed here, for the clipboard: the title, text, link and notes
        changed, each as it reads now ("" when none was)."""
        changed = self.changes()
        parts = (changed.get(key, "") for key in ("title", "body", "link", "notes"))
        return "\n\n".join(part for part in parts if isinstance(part, str) and part.strip())

    def _post_gone(self) -> bool:
        """Whether the post edited was deleted in another window or program meanwhile."""
        return self.post is not None and self.session.store.find_post(self.post.uid) is None

    def _changed_elsewhere_too(self) -> list[str]:
        """The fields typed here that another window or program changed meanwhile, to
        something else than typed here, in words ("title", "text"): the last Save
        silently won, field by field. Fields changed there alone are kept (the key
        messages ticked and unticked are applied to those of the file, as ever)."""
        if self.post is None:
            return []
        now = self.session.store.find_post(self.post.uid)
        opened = self.post
        if now is None or (now.revision, now.updated_at) == (opened.revision, opened.updated_at):
            return []
        return changed_there_too(dict(self.changes()), opened, now, _FIELD_WORDS)

    def _close_over_gone_post(self) -> None:
        """The post edited is gone: ask whether what was typed becomes a new post (Save
        said only that it could not be saved, and Escape then offered that Save again)."""
        assert self.post is not None
        answer = self.ask_save_gone(self, elide(self.post.title))  # the post as opened
        if answer == "discard":
            super().reject()
            return
        if answer != "cancel":
            self._save_as_new()

    def _save_as_new(self, *, alone: bool = False) -> None:
        """Save what was typed as a new post (see :meth:`_add_post`) and close, or say
        why the calendar refused it and stay open."""
        try:
            self._add_post(self._values(), alone=alone)
        except Exception as exc:  # as a save's refusal
            self._refused(exc)
            return
        super().accept()

    def _names_gone(self) -> NotFound | None:
        """The channel, key messages or campaign chosen here that another window or
        program deleted meanwhile, said by name ("There is no channel number 7" came
        back at each Save)."""
        store = self.session.store
        gone: list[str] = []
        channel = self.selected_channel_id()
        if channel is not None and channel not in {
            c.id for c in store.channels(include_archived=True)
        }:
            gone.append(f"the channel {self.channel_combo.currentText()}")
        known = {m.id for m in store.key_messages(include_archived=True)}
        for row in range(self.message_list.count()):
            item = self.message_list.item(row)
            if (
                item.checkState() == Qt.CheckState.Checked
                and item.data(Qt.ItemDataRole.UserRole) not in known
            ):
                gone.append(f"the key message {item.text()}")
        campaign = self.campaign_combo.currentData()
        if campaign is not None and int(campaign) not in {c.id for c in store.campaigns()}:
            gone.append(f"the campaign {self.campaign_combo.currentText()}")
        if not gone:
            return None
        said = in_words(gone)
        return NotFound(
            f"{said[:1].upper()}{said[1:]} chosen here"
            f" {'was' if len(gone) == 1 else 'were'} deleted in another window or program"
            " meanwhile; choose another, or close without saving."
        )

    def _add_post(self, values: dict[str, Any], *, alone: bool = False) -> None:
        """Add the post the form describes (with its repeat, if one is chosen and not
        ``alone``) as new."""
        channel_id = values["channel_id"]
        assert channel_id is not None
        new = NewPost(
            title=values["title"],
            channel_id=channel_id,
            message_ids=values["message_ids"],
            date=values["date"],
            time=values["time"],
            status=values["status"],
            body=values["body"],
            campaign_id=values["campaign_id"],
            link=values["link"],
            notes=values["notes"],
        )
        rule = None if alone else self._rule_of_more_than_one()
        command = AddPostCommand(self.session, new, rule)
        title = elide(new.title)
        command.setText(f"Add recurring post '{title}'" if rule else f"Add post '{title}'")
        self.session.push(command)
        self.saved = True
        self.created = command.created_ids

    def _rule_of_more_than_one(self) -> str | None:
        """The repeat chosen for a post not yet repeating, None when it makes the post
        alone ("after 1 time"): a plain post, not a series of one, asked about at
        every edit."""
        rule = self.repeat_rule()
        day = self.chosen_date()
        if rule is None or day is None:
            return rule
        return rule if len(recurrence.occurrences(rule, day)[:2]) > 1 else None

    def _ticked_over_file(self, post_id: int) -> tuple[int, ...]:
        """The key messages ticked and unticked here, applied to those the post carries
        in the file now: another window may have added or taken one meanwhile (the list
        as opened here, written whole, dropped it). Raises NotFound for a post gone."""
        opened = set(self._initial["message_ids"])
        ticked = self.checked_message_ids()
        added = [m for m in ticked if m not in opened]
        removed = opened - set(ticked)
        carried = self.session.store.post(post_id).message_ids
        kept = [m for m in carried if m not in removed]
        return (*kept, *(m for m in added if m not in kept))

    def _save(self) -> bool:
        values = self._values()
        title = values["title"]
        if self.post is None:
            self._add_post(values)
            return True
        changes = self.changes()
        if "message_ids" in changes:
            changes["message_ids"] = self._ticked_over_file(self.post.id)
        # A post not repeating yet is given a repeat of more than one post, or none.
        rule = self.repeat_rule() if self._changing_repeat else self._rule_of_more_than_one()
        if self._changing_repeat:
            if self._repeat_changed():
                assert rule is not None
                wording: Scope = "this"
                if set(changes) - {"date"}:
                    # Which posts the edit is for, as for an edit of an occurrence: each
                    # week's post may have words of its own, or one wording for all.
                    chosen = self.session.scope_chooser(self, "change")
                    if chosen is None:
                        return False
                    wording = chosen
                self.session.push(
                    ChangeRepeatCommand(
                        self.session,
                        self.post.id,
                        changes,
                        rule,
                        text=f"Change repeat of '{elide(title)}'",
                        scope=wording,
                    )
                )
                self.saved = True
                return True
            rule = None  # the same repeat: an edit of the post, as without "Change…"
        if rule is not None:
            self.session.push(
                RepeatPostCommand(
                    self.session, self.post.id, changes, rule, text=f"Repeat post '{elide(title)}'"
                )
            )
            self.saved = True
            return True
        if not changes:
            return True
        scope: Scope = "this"
        # An occurrence sent to the backlog, given a day from it or edited there goes
        # alone: there is no day to move the others to, or from (nothing to ask).
        alone = self.post.date is None or ("date" in changes and changes["date"] is None)
        if self.post.series_id is not None and not alone and self._unreadable_series is None:
            chosen = self.session.scope_chooser(self, "change")
            if chosen is None:
                return False
            scope = chosen
        text = {
            "this": f"Edit post '{elide(title)}'",
            "following": f"Edit post '{elide(title)}' and following",
            "all": f"Edit recurring post '{elide(title)}'",
        }[scope]
        self.session.push(
            EditPostsCommand(self.session, {self.post.id: changes}, scope=scope, text=text),
        )
        self.saved = True
        return True

    def delete_post(self) -> None:
        """Delete the post (asking which occurrences for a recurring one) and close."""
        post = self.post
        if post is None:
            return
        if self.session.store.find_post(post.uid) is None:  # no step that deletes nothing
            self._error_handler(
                self,
                NotFound(
                    f"'{elide(post.title)}' was already deleted in another window or"
                    " program meanwhile."
                ),
            )
            self.done(QDialog.DialogCode.Rejected)
            return
        # Asked as the window's Delete asks (an occurrence in the backlog goes alone: "All"
        # here deleted every post of its series).
        scope = series_scope(self.session, self, [post.id], "delete")
        if scope is None:
            return
        # A series' posts counted as they go ("Delete 16 posts of 'Tip'", as the window's
        # Delete says them; "… and following" said no number).
        named = f"'{elide(post.title)}'"
        command = DeletePostsCommand(self.session, [post.id], scope=scope, named=named)
        if scope == "this":
            command.setText(f"Delete post {named}")
        try:
            self.session.push(command)
        except Exception as exc:
            self._error_handler(self, exc)
            return
        gone = len(command.last_changes.removed_posts)
        if gone > 1 or command.left_published or command.left_in_backlog:
            undo = QKeySequence(QKeySequence.StandardKey.Undo)
            said = said_deleted(
                gone,
                command.left_published,
                undo.toString(QKeySequence.SequenceFormat.NativeText),
                left_in_backlog=command.left_in_backlog,
            )
            self.session.changedShown.emit(said)
        self.saved = True
        self.done(QDialog.DialogCode.Accepted)


def _edits_value(event: QKeyEvent) -> bool:
    """Whether a key typed in a date or number field changes its value (a digit, a
    letter, the arrows that step it), not Escape, Enter, Tab or a modifier alone."""
    stepping = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
    if event.key() in stepping:
        return True
    ctrl_or_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return bool(event.text().strip()) and not (event.modifiers() & ctrl_or_alt)


def _plan_text(plan: RepeatPlan, span: str) -> str:
    """What a new repeat does from this post on, in a sentence: "This post and 9 more:
    3 Mar 2025 – 5 May 2025; adds 4 posts, deletes 2 it no longer makes"."""
    more = len(plan.days) - len(plan.exdates) - 1
    text = f"This post and {more} more: {span}" if more else "Only this post"
    done = []
    if plan.new_days:
        done.append(f"adds {plural(len(plan.new_days), 'post')}")
    if plan.removed:
        done.append(f"deletes {plural(len(plan.removed), 'post')} it no longer makes")
    if plan.alike:  # (it made none there, unsaid: "no post added or deleted")
        one = len(plan.alike) == 1
        done.append(
            f"none on {plural(len(plan.alike), 'day')} that {'has' if one else 'have'} a"
            " post like it already (on its channel, its title or its key messages at its time)"
        )
    if plan.detached:
        done.append(
            f"{plural(len(plan.detached), 'post')} it no longer makes"
            " (published, in the backlog or moved on its own) "
            + ("stays, on its own" if len(plan.detached) == 1 else "stay, on their own")
        )
    return text + ("; " + ", ".join(done) if done else "; no post added or deleted")


# -- what the main window calls ----------------------------------------------------------


def open_post_editor(
    session: CalendarSession,
    parent: QWidget | None,
    post_id: int,
    *,
    select: Callable[[list[int]], None] | None = None,
) -> bool:
    """Edit a post in a modal dialog; True when the calendar changed.

    ``select`` is given the new post when what was typed is saved as one (the post
    edited was deleted elsewhere meanwhile), as :func:`new_post` gives it.
    """
    try:
        post = session.store.post(post_id)
    except Exception as exc:
        show_error(parent, exc)
        return False
    dialog = PostEditor(session, post, parent=parent)
    dialog.exec()
    saved, created = dialog.saved, dialog.created
    dialog.deleteLater()
    if created and select is not None:
        select(created[:1])
    return saved


def new_post(
    session: CalendarSession,
    parent: QWidget | None,
    day: date | None,
    at: time | None = None,
    *,
    messages: Iterable[int] = (),
    channel: int | None = None,
    select: Callable[[list[int]], None] | None = None,
) -> bool:
    """Write a new post on ``day`` at ``at`` (no day: an idea in the backlog) carrying
    ``messages`` (by default the one selected in the sidebar), on ``channel`` (by
    default the one that message last went out on, else the first); True when saved.

    ``select`` is given the new post (the first occurrence of a recurring one), so
    that it is the one selected, ready for Enter or Delete.
    """
    if channel is None and not messages and session.selected_message is not None:
        from .gaps import usual_channel  # as the gap menus' New Post With does

        channel = usual_channel(session, session.selected_message)
        if channel in session.filters.hidden_channels:
            channel = None  # the first channel shown
    dialog = PostEditor(session, day=day, at=at, messages=messages, channel=channel, parent=parent)
    dialog.exec()
    saved, created = dialog.saved, dialog.created
    dialog.deleteLater()
    if created and select is not None:
        select(created[:1])
        if len(created) > 1:  # a series: said of all its posts (it counted the first)
            session.placed(created)
    return saved
