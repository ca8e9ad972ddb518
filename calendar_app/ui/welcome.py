"""The welcome screen on the very first start: the demo, a new calendar, a file, an import.

:class:`WelcomeDialog` ends with :attr:`WelcomeDialog.store` set to the calendar
the user chose (accepted) or with nothing (rejected: the app quits). Every
choice can be driven without a file dialog by passing the path, which is how
the tests use it.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..app import data_folder, default_calendar, set_demo_aside, shown_path
from ..core.database import check_creatable, left_behind, remove_calendar_file
from ..core.errors import (
    CadenceError,
    CalendarFileError,
    NotKeptBeforeUpdate,
    StorageProblem,
    on_writing,
    os_problem_for,
)
from ..core.files import clear_leftovers
from ..core.localzone import (
    is_zone_name,
    plain_zone,
    system_timezone,
    time_zone_names,
    zone_typed,
)
from ..core.models import (
    MAX_CADENCE_DAYS,
    WeekStart,
    guessed_kind,
    known_limit,
    name_key,
    shows_nothing,
    this_month,
)
from ..core.store import CalendarStore, hidden_beside
from ..exchange.formats import format_for
from ..render.chips import accent, mix
from ..render.weeks import locale_week_start
from .dialogs import (
    SaveAnswer,
    ask_create_calendar,
    closes_unsaved,
    file_dialog_name,
    fit_on_screen,
    scrolled,
    show_error,
    with_ending,
)
from .dnd import accept_file_drag, pass_files_on, take_file_drop
from .editor import (
    NearestSpinBox,
    ProblemsLabel,
    counted_suffix,
    keep_room,
    muted_color,
    say_not_ready,
    warning_color,
)
from .session import CalendarSession, ErrorHandler
from .transfer import IMPORT_FILTER, elsewhere, run_import, show_summary

PROMISE = (
    "Plan your posts across every channel, and see at a glance when a key message has gone quiet."
)

SUGGESTED_CHANNELS: tuple[tuple[str, str], ...] = (
    ("LinkedIn", "social"),
    ("Instagram", "social"),
    ("Newsletter", "newsletter"),
    ("Blog", "blog"),
    ("Press release", "press release"),
    ("Events", "event"),
)
"""The channels offered as ticks on a new calendar, each with its channel kind."""

PRESELECTED_CHANNELS = frozenset({"LinkedIn", "Newsletter"})
MESSAGE_LINES = 3
DEFAULT_CADENCE_DAYS = 14
DEFAULT_NAME = "My content calendar"
IMPORT_CHANNEL = "Imported"
"""The channel of imported posts that name none (it is created only when needed)."""

_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')

Notifier = Callable[[QWidget | None, str, Sequence[str]], None]
"""Tells the user something went well, in one sentence, with details if any (each item
an import skipped, and why): a message box by default."""


def _say_error(parent: QWidget | None, exc: BaseException) -> None:
    # No calendar is open yet: "the calendar is as it was" would speak of none.
    show_error(parent, exc, reassurance="Nothing was written.")


def _inform(parent: QWidget | None, text: str, details: Sequence[str] = ()) -> None:
    show_summary(parent, "Cadence", text, details)


# -- the new calendar, without widgets ------------------------------------------


@dataclass(frozen=True)
class NewCalendarPlan:
    """Everything "Start a new calendar" asks for, ready for :func:`create_planned_calendar`."""

    name: str
    path: Path
    timezone: str
    week_start: WeekStart
    channels: tuple[tuple[str, str], ...]
    """Channel names with their kinds, in the order given."""
    messages: tuple[tuple[str, int], ...]
    """Key message titles with their cadence in days."""
    starts_on: date | None = None
    """The day the key messages start being due (default: today in the calendar's zone):
    a new plan is not overdue on day one."""


STEM_BYTES = 200
"""The most bytes of a calendar's name a file name takes: disks take 255 in all, and
the name has room left for " 2" and ".cadence" (a long name in Japanese is 3 bytes a
character)."""


def _file_stem(name: str) -> str:
    """A calendar's name as the stem of its file: characters files refuse removed, a
    name longer than a disk takes cut short."""
    stem = _UNSAFE_IN_FILE_NAMES.sub("-", name).strip(" .-") or "Calendar"
    cut = stem.encode("utf-8", "surrogatepass")[:STEM_BYTES]
    return cut.decode("utf-8", "ignore").rstrip(" .-") or "Calendar"


def file_name_for(name: str) -> str:
    """A calendar file name made from a calendar's name."""
    return f"{_file_stem(name)}.cadence"


def free_path(folder: Path, name: str) -> Path:
    """``folder/name.cadence``, or ``name 2.cadence``, ... whichever does not exist yet
    (nor has changes of an earlier calendar of that name left beside it)."""
    stem = _file_stem(name)
    candidate = folder / f"{stem}.cadence"
    number = 2
    while candidate.exists() or left_behind(candidate) is not None:
        candidate = folder / f"{stem} {number}.cadence"
        number += 1
    return candidate


def computer_zone() -> str:
    """This computer's time zone: read as the command line reads it, else as Qt knows
    it (Windows keeps it where only Qt looks; it was UTC there)."""
    from PySide6.QtCore import QTimeZone

    known = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return system_timezone(default=known if is_zone_name(known) else "UTC")


_ZONE_SEARCH = Qt.ItemDataRole.UserRole + 1
"""What a zone is found by: its name, its name with spaces ("New York"), its offset."""


class _ZoneCompleter(QCompleter):
    """Finds a zone by :data:`_ZONE_SEARCH`, and puts its name in the field."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


def utc_offset(zone: str, moment: datetime | None = None) -> str:
    """ "UTC+01:00", "UTC−05:00", "UTC" for ``zone`` now (or at ``moment``)."""
    at = (moment or datetime.now(UTC)).astimezone(ZoneInfo(zone))
    offset = at.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_combo(zone: str) -> QComboBox:
    """A field for a calendar's time zone, showing ``zone``: every zone in a list, any
    part of a name typed finds it ("paris", "new york" with a space, "+05:30"); each
    says its offset from UTC in its tooltip."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(16)
    combo.setAccessibleName("Time zone")
    now = datetime.now(UTC)
    names = time_zone_names()
    if zone and zone not in names and is_zone_name(zone):
        names.insert(0, zone)  # one the list leaves out (EST, Japan), a calendar's own
    for row, name in enumerate(names):
        offset = utc_offset(name, now)
        typed = offset.replace("\u2212", "-")  # the minus sign a keyboard types
        if typed == "UTC":
            typed = "UTC+00:00 -00:00"
        combo.addItem(name)
        combo.setItemData(row, f"{name} {name.replace('_', ' ')} {typed}", _ZONE_SEARCH)
        combo.setItemData(row, f"{name}: {offset} now", Qt.ItemDataRole.ToolTipRole)
    completer = _ZoneCompleter(combo.model(), combo)
    completer.setCompletionRole(_ZONE_SEARCH)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    combo.setCurrentText(zone)
    return combo


def chosen_zone(combo: QComboBox) -> str:
    """The zone typed or picked in a :func:`zone_combo`: "America/New York", typed with
    a space, as the zone "America/New_York"; a part of one zone's name alone, as it."""
    text = combo.currentText().strip()
    if combo.findText(text, Qt.MatchFlag.MatchFixedString | Qt.MatchFlag.MatchCaseSensitive) >= 0:
        return text  # one of the list's, as it is (a calendar's own EST is not New York's)
    named = zone_typed(text)
    if is_zone_name(named) or not text:
        return named
    # "+05:30" typed and Enter pressed, the one zone it finds not picked from the list.
    wanted = text.casefold()
    found = [
        combo.itemText(row)
        for row in range(combo.count())
        if wanted in str(combo.itemData(row, _ZONE_SEARCH)).casefold()
    ]
    return found[0] if len(found) == 1 else text


def _location_problems(path: Path) -> list[str]:
    """What is wrong with ``path`` as a new calendar's file (OSError where the disk
    cannot tell)."""
    if path.suffix != ".cadence":
        return ["The file name must end in .cadence."]
    if path.exists():
        return [
            f"There is already a file called {path.name} in that folder; "
            "choose another name or location."
        ]
    stale = left_behind(path)
    if stale is not None:  # said as the name is typed, not once Create is pressed
        return [
            f"{stale.name} in that folder holds changes of an earlier calendar called"
            f" {path.name}; choose another name, or move that file away."
        ]
    if path.parent != data_folder() and not path.parent.is_dir():
        if path.parent.exists():
            return [f"{path.parent} is a file, not a folder."]
        return [f"The folder {path.parent} does not exist."]
    return []


def zone_problems(zone: str) -> list[str]:
    """What is wrong with ``zone`` typed as a calendar's time zone, in a sentence (none
    when it is one)."""
    if is_zone_name(zone):
        return []
    if not zone.strip():
        return ["Choose the calendar's time zone from the list, like Europe/Paris."]
    return [f"“{zone}” is not a time zone; pick one from the list, like Europe/Paris."]


def week_combo(week_start: WeekStart) -> QComboBox:
    """A choice of the first day of a calendar's week, showing ``week_start``."""
    combo = QComboBox()
    combo.setAccessibleName("Week starts on")
    locale = QLocale()
    for day in (WeekStart.MONDAY, WeekStart.SUNDAY, WeekStart.SATURDAY):
        combo.addItem(locale.dayName(day.weekday + 1), day)
    combo.setCurrentIndex(combo.findData(week_start))
    return combo


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_problem_for(exc, str(folder)) from exc


def create_planned_calendar(plan: NewCalendarPlan) -> CalendarStore:
    """Create the calendar with its channels and key messages in one go.

    Either everything is written or, on any error, no file is left behind.
    """
    _make_folder(plan.path.parent)

    def fill(store: CalendarStore) -> None:
        for name, kind in plan.channels:
            store.add_channel(name, kind=kind, char_limit=known_limit(name))
        for title, days in plan.messages:
            store.add_key_message(
                title, cadence_days=days, starts_on=plan.starts_on or store.today()
            )

    return CalendarStore.create(
        plan.path,
        name=plan.name,
        timezone=plan.timezone,
        week_start=plan.week_start,
        default_cadence_days=DEFAULT_CADENCE_DAYS,
        fill=fill,
    )


# -- drawing --------------------------------------------------------------------


def _glyph(kind: str, color: QColor, size: int, ratio: float) -> QPixmap:
    """A small line drawing for a choice: "calendar", "new", "open" or "import"."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 32.0
    pen = QPen(color, 2.2 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    fill = QColor(color)
    fill.setAlphaF(0.16)
    if kind in ("calendar", "new"):
        body = QRectF(4 * s, 7 * s, 24 * s, 21 * s)
        painter.setBrush(fill)
        painter.drawRoundedRect(body, 3.5 * s, 3.5 * s)
        painter.drawLine(QPointF(4 * s, 13 * s), QPointF(28 * s, 13 * s))
        painter.drawLine(QPointF(11 * s, 4 * s), QPointF(11 * s, 9 * s))
        painter.drawLine(QPointF(21 * s, 4 * s), QPointF(21 * s, 9 * s))
        if kind == "calendar":
            # Rising bars: messages that keep coming back.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            for i, height in enumerate((4, 7, 10)):
                x = (9 + i * 5.5) * s
                painter.drawRoundedRect(QRectF(x, (25 - height) * s, 3.6 * s, height * s), s, s)
        else:
            painter.drawLine(QPointF(16 * s, 16.5 * s), QPointF(16 * s, 24.5 * s))
            painter.drawLine(QPointF(12 * s, 20.5 * s), QPointF(20 * s, 20.5 * s))
    elif kind == "open":
        path = QPainterPath()
        path.moveTo(4 * s, 9 * s)
        path.lineTo(12 * s, 9 * s)
        path.lineTo(15 * s, 12 * s)
        path.lineTo(28 * s, 12 * s)
        path.lineTo(28 * s, 26 * s)
        path.lineTo(4 * s, 26 * s)
        path.closeSubpath()
        painter.setBrush(fill)
        painter.drawPath(path)
        painter.drawLine(QPointF(4 * s, 16 * s), QPointF(28 * s, 16 * s))
    else:  # import: an arrow into a tray
        painter.setBrush(Qt.BrushStyle.NoBrush)
        tray = QPainterPath()
        tray.moveTo(5 * s, 18 * s)
        tray.lineTo(5 * s, 27 * s)
        tray.lineTo(27 * s, 27 * s)
        tray.lineTo(27 * s, 18 * s)
        painter.drawPath(tray)
        painter.drawLine(QPointF(16 * s, 4 * s), QPointF(16 * s, 20 * s))
        painter.drawLine(QPointF(10.5 * s, 14.5 * s), QPointF(16 * s, 20 * s))
        painter.drawLine(QPointF(21.5 * s, 14.5 * s), QPointF(16 * s, 20 * s))
    painter.end()
    return pixmap


def app_icon_pixmap(size: int, ratio: float, palette: QPalette) -> QPixmap:
    """Cadence's icon (from the resources when present, else a drawn calendar)."""
    try:
        from ..resources import resource_path

        path = resource_path("cadence.svg")
        if not path.is_file():
            raise FileNotFoundError(path)
        icon = QIcon(str(path))
    except (ImportError, FileNotFoundError):
        icon = QIcon()
    if not icon.isNull():
        pixmap = icon.pixmap(QSize(size, size), ratio)
        if not pixmap.isNull():
            return pixmap
    return _glyph("calendar", accent(palette, QPalette.ColorRole.Window), size, ratio)


def _title_html(text: str) -> tuple[str, str]:
    """``"Open the &demo"`` as rich text with the mnemonic underlined, and its key."""
    index = text.find("&")
    if index < 0 or index + 1 >= len(text):
        return html.escape(text), ""
    key = text[index + 1]
    rich = html.escape(text[:index]) + f"<u>{html.escape(key)}</u>" + html.escape(text[index + 2 :])
    return rich, key.upper()


# -- the choices ----------------------------------------------------------------


class ChoiceButton(QPushButton):
    """A large button: a drawing, a title with its mnemonic, and a line of explanation."""

    def __init__(
        self, glyph: str, title: str, description: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeChoice")
        self.glyph = glyph
        self.title = title.replace("&", "")
        self.description = description
        rich, key = _title_html(title)
        self.icon_label = QLabel(self)
        self.icon_label.setFixedSize(36, 36)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = QLabel(rich, self)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.12)
        font.setBold(True)
        self.title_label.setFont(font)
        self.description_label = QLabel(description, self)
        self.description_label.setWordWrap(True)
        for label in (self.icon_label, self.title_label, self.description_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        text = QVBoxLayout()
        text.setSpacing(3)
        text.addWidget(self.title_label)
        text.addWidget(self.description_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(14)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)
        self._layout = layout
        if key:
            self.setShortcut(QKeySequence(f"Alt+{key}"))
        self.setAccessibleName(self.title)
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._recolor()

    def sizeHint(self) -> QSize:
        return self._layout.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.totalHeightForWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolor()

    def _recolor(self) -> None:
        palette = self.palette()
        highlight = accent(palette, QPalette.ColorRole.Window)  # (seen in a dark theme too)
        self.icon_label.setPixmap(_glyph(self.glyph, highlight, 32, self.devicePixelRatioF()))
        muted = QPalette(self.description_label.palette())
        muted.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
        self.description_label.setPalette(muted)


def choice_style(palette: QPalette) -> str:
    """The cards' style sheet: the default choice (the demo) tinted, focus outlined."""
    base = palette.color(QPalette.ColorRole.Base)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    recommended = mix(base, highlight, 0.10).name()
    hover = mix(base, highlight, 0.05).name()
    return f"""
QPushButton#welcomeChoice {{
    text-align: left;
    background: {base.name()};
    border: 1px solid palette(mid);
    border-radius: 10px;
}}
QPushButton#welcomeChoice:default {{ background: {recommended}; }}
QPushButton#welcomeChoice:hover {{ background: {hover}; border: 1px solid {highlight.name()}; }}
QPushButton#welcomeChoice:focus {{ border: 2px solid {highlight.name()}; }}
QPushButton#welcomeChoice:pressed {{ background: {recommended}; }}
"""


# -- the new calendar page --------------------------------------------------------


class NewCalendarPage(QWidget):
    """Name, file, time zone, week start, first channels and key messages of a new calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCalendarPage")
        self.setAccessibleName("Start a new calendar")
        self._location_touched = False

        self.name_edit = QLineEdit(DEFAULT_NAME)
        self.name_edit.setAccessibleName("Calendar name")
        self.name_edit.setPlaceholderText("e.g. the client's or the team's name")
        self.name_edit.textChanged.connect(self._name_changed)

        self.location_edit = QLineEdit()
        self.location_edit.setAccessibleName("Calendar file")
        self.location_edit.textEdited.connect(self._location_edited)
        self.location_button = QToolButton()
        self.location_button.setText("Choose…")
        self.location_button.setAccessibleName("Choose where to save the calendar")
        self.location_button.clicked.connect(self.choose_location)
        location = QHBoxLayout()
        location.setSpacing(6)
        location.addWidget(self.location_edit, 1)
        location.addWidget(self.location_button)

        self.zone_combo = zone_combo(computer_zone())
        self.zone_combo.currentTextChanged.connect(self.revalidate)
        self.week_combo = week_combo(locale_week_start())

        self.channel_checks: dict[str, QCheckBox] = {}
        channel_grid = QGridLayout()
        channel_grid.setHorizontalSpacing(16)
        channel_grid.setVerticalSpacing(4)
        for index, (name, _kind) in enumerate(SUGGESTED_CHANNELS):
            check = QCheckBox(name)
            check.setChecked(name in PRESELECTED_CHANNELS)
            check.toggled.connect(self.revalidate)
            channel_grid.addWidget(check, index // 3, index % 3)
            self.channel_checks[name] = check
        self.other_channels_edit = QLineEdit()
        self.other_channels_edit.setPlaceholderText("Other channels, separated by commas")
        self.other_channels_edit.setAccessibleName("Other channels, separated by commas")
        self.other_channels_edit.textChanged.connect(self.revalidate)
        channels = QVBoxLayout()
        channels.setSpacing(6)
        channels.addLayout(channel_grid)
        channels.addWidget(self.other_channels_edit)
        # What "C&hannels:" goes to: the first tick, focused, not clicked (a label's key
        # clicks a button it names, and unticked LinkedIn).
        self.channels_box = QWidget()
        self.channels_box.setLayout(channels)
        channels.setContentsMargins(0, 0, 0, 0)
        self.channels_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not a Tab stop itself
        self.channels_box.setFocusProxy(next(iter(self.channel_checks.values())))

        self.message_edits: list[QLineEdit] = []
        self.cadence_spins: list[QSpinBox] = []
        messages = QVBoxLayout()
        messages.setSpacing(6)
        hints = (
            "e.g. “Repairs within 48 hours”",  # (a question before it was cut)
            "A second key message (optional)",
            "A third key message (optional)",
        )
        for number in range(MESSAGE_LINES):
            title = QLineEdit()
            title.setPlaceholderText(hints[number])
            title.setAccessibleName(f"Key message {number + 1}")
            title.textChanged.connect(self.revalidate)
            spin = NearestSpinBox()
            spin.setRange(1, MAX_CADENCE_DAYS)
            spin.setValue(DEFAULT_CADENCE_DAYS)
            spin.setPrefix("every ")
            counted_suffix(spin, " day", " days")
            spin.setAccessibleName(f"Cadence of key message {number + 1}, in days")
            spin.setToolTip("How often this message should come back")
            row = QHBoxLayout()
            row.setSpacing(6)
            row.addWidget(title, 1)
            row.addWidget(spin)
            messages.addLayout(row)
            self.message_edits.append(title)
            self.cadence_spins.append(spin)
        self.messages_hint = QLabel(
            "A key message is what you want people to remember; its cadence is how often "
            "it should come back. You can add more later."
        )
        self.messages_hint.setWordWrap(True)
        messages.addWidget(self.messages_hint)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)

        def label(text: str, buddy: QWidget) -> QLabel:
            widget = QLabel(text)
            widget.setBuddy(buddy)
            return widget

        form.addRow(label("Calendar &name:", self.name_edit), self.name_edit)
        form.addRow(label("Saved &as:", self.location_edit), location)
        form.addRow(label("&Time zone:", self.zone_combo), self.zone_combo)
        form.addRow(label("&Week starts on:", self.week_combo), self.week_combo)
        channels_label = label("C&hannels:", self.channels_box)
        channels_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(channels_label, self.channels_box)
        messages_label = label("&Key messages:", self.message_edits[0])
        messages_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(messages_label, messages)
        self.form = form

        self.problems_label = ProblemsLabel()
        keep_room(self.problems_label, lines=3)  # room for three problems
        self.problems_label.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.problems_label)
        layout.addStretch(1)

        self.create_button: QPushButton | None = None
        self._recolor()
        self._name_changed(self.name_edit.text())

    def detach_problems(self) -> ProblemsLabel:
        """The problems' line, out of the form, for a window to keep it in sight beside
        its buttons where the form scrolls (on a short screen it was scrolled away, only
        a greyed Create Calendar in view)."""
        layout = self.layout()
        assert layout is not None
        layout.removeWidget(self.problems_label)
        return self.problems_label

    # -- reading ----------------------------------------------------------------

    def channel_choices(self) -> list[tuple[str, str]]:
        """The channels to create (ticked suggestions, then the typed ones), without repeats
        as the calendar tells names apart (case, spaces and accents typed two ways, and
        full-width letters, aside: "ＬｉｎｋｅｄＩｎ" beside LinkedIn failed at Create)."""
        chosen: list[tuple[str, str]] = []
        seen: set[str] = set()
        for name, kind in SUGGESTED_CHANNELS:
            if self.channel_checks[name].isChecked():
                chosen.append((name, kind))
                seen.add(name_key(name))
        # The comma of the keyboard in use: Japanese "、", Chinese "，", Arabic "،".
        for part in re.split("[,、，،﹐､]", self.other_channels_edit.text()):
            name = " ".join(part.split())
            # (zero-width characters alone name nothing; "Newsletter" is a newsletter)
            if not shows_nothing(name) and name_key(name) not in seen:
                chosen.append((name, guessed_kind(name)))
                seen.add(name_key(name))
        return chosen

    def message_choices(self) -> list[tuple[str, int]]:
        return [
            (" ".join(edit.text().split()), spin.value())
            for edit, spin in zip(self.message_edits, self.cadence_spins, strict=True)
            if not shows_nothing(edit.text())
        ]

    def location(self) -> Path:
        """The file typed; a bare name (or a relative path) is in Cadence's data folder,
        beside the other calendars, not wherever the program was started from."""
        path = Path(self.location_edit.text().strip()).expanduser()
        return path if path.is_absolute() else data_folder() / path

    def problems(self) -> list[str]:
        """What stops the calendar from being created, one sentence each (empty: ready)."""
        found: list[str] = []
        if shows_nothing(self.name_edit.text()):
            found.append("Give the calendar a name.")
        text = self.location_edit.text().strip()
        if not text:
            found.append("Choose where to save the calendar.")
        else:
            path = self.location()
            try:
                found.extend(_location_problems(path))
            except OSError as exc:  # a name too long for the disk, a folder not to be read
                found.append(str(os_problem_for(exc, path.name)))
        found.extend(zone_problems(chosen_zone(self.zone_combo)))
        if not self.channel_choices():
            found.append("Pick at least one channel; you can add more later.")
        # As the calendar tells names apart: case, spaces and accents typed two ways aside.
        titles = [name_key(title) for title, _days in self.message_choices()]
        if len(set(titles)) != len(titles):
            found.append("Two key messages have the same title; give each its own.")
        return found

    def plan(self) -> NewCalendarPlan:
        return NewCalendarPlan(
            name=" ".join(self.name_edit.text().split()),
            path=self.location(),
            timezone=chosen_zone(self.zone_combo),
            week_start=WeekStart(self.week_combo.currentData()),
            channels=tuple(self.channel_choices()),
            messages=tuple(self.message_choices()),
        )

    # -- reacting ---------------------------------------------------------------

    def _name_changed(self, name: str) -> None:
        if not self._location_touched:
            self._show_location(data_folder() / file_name_for(name))
        self.revalidate()

    def _show_location(self, path: Path) -> None:
        """``path`` in its field, its end in sight (the file's name and ".cadence": its
        start showed the folders, and hid the name the calendar is saved under), the
        whole in its tooltip."""
        self.location_edit.setText(str(path))
        self.location_edit.setCursorPosition(len(str(path)))
        self.location_edit.setToolTip(str(path))

    def _location_edited(self, text: str) -> None:
        self._location_touched = True
        self.location_edit.setToolTip(text)
        self.revalidate()

    def choose_location(self) -> None:
        name = file_dialog_name(
            self,
            "Save the New Calendar As",
            self.location(),
            "Cadence calendars (*.cadence)",
            save=True,
            confirm_overwrite=False,  # the form refuses a file that is there, and says so
        )
        if name:
            path = with_ending(Path(name), ".cadence")
            self._location_touched = True
            self._show_location(path)
            self.revalidate()

    def revalidate(self) -> None:
        found = self.problems()
        self.problems_label.setText("\n".join(found))
        self.problems_label.setVisible(bool(found))
        if self.create_button is not None:
            fields = (self.name_edit, self.location_edit, self.zone_combo)
            say_not_ready(found, fields, self.create_button)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolor()

    def _recolor(self) -> None:
        palette = QPalette(self.problems_label.palette())
        palette.setColor(QPalette.ColorRole.WindowText, warning_color(self.palette()))
        self.problems_label.setPalette(palette)
        muted = QPalette(self.messages_hint.palette())
        muted.setColor(QPalette.ColorRole.WindowText, muted_color(self.palette()))
        self.messages_hint.setPalette(muted)


# -- the dialog -------------------------------------------------------------------


class WelcomeDialog(QDialog):
    """The first thing a new user sees. Accepted: :attr:`store` is the chosen calendar."""

    CHOICES = 0
    NEW_CALENDAR = 1

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        error_handler: ErrorHandler = _say_error,
        notify: Notifier = _inform,
    ) -> None:
        super().__init__(parent)
        self.store: CalendarStore | None = None
        self._error_handler = error_handler
        self._notify = notify
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to Cadence")
        self.setAccessibleName("Welcome to Cadence")

        self.icon_label = QLabel()
        self.icon_label.setFixedSize(64, 64)
        self.icon_label.setAccessibleName("Cadence")
        self.heading = QLabel("Welcome to Cadence")
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.7)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setAccessibleName("Welcome to Cadence")
        self.promise = QLabel(PROMISE)
        self.promise.setWordWrap(True)
        promise_font = QFont(self.promise.font())
        promise_font.setPointSizeF(promise_font.pointSizeF() * 1.08)
        self.promise.setFont(promise_font)
        heading_text = QVBoxLayout()
        heading_text.setSpacing(4)
        heading_text.addStretch(1)
        heading_text.addWidget(self.heading)
        heading_text.addWidget(self.promise)
        heading_text.addStretch(1)
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(heading_text, 1)

        # The first page: four ways in.
        self.demo_button = ChoiceButton(
            "calendar",
            "Open the &demo calendar",
            "A sample client's plan, gaps included: the quickest way to see what "
            "Cadence does. Explore freely, it is there to practise on.",
        )
        self.new_button = ChoiceButton(
            "new",
            "Start a &new calendar",
            "Name it, tick your channels and write down the key messages that should "
            "keep coming back.",
        )
        self.open_button = ChoiceButton(
            "open",
            "&Open a file…",
            "A Cadence calendar (.cadence) you saved before or a colleague sent you.",
        )
        self.import_button = ChoiceButton(
            "import",
            "&Import from iCalendar or CSV…",
            "Bring in posts from another calendar (.ics) or a spreadsheet (.csv); Cadence"
            " makes a new calendar for them.",
        )
        self.demo_button.clicked.connect(self.open_demo)
        self.new_button.clicked.connect(self.start_new_calendar)
        self.open_button.clicked.connect(lambda: self.open_file())
        self.import_button.clicked.connect(lambda: self.import_file())
        self.choice_buttons = (
            self.demo_button,
            self.new_button,
            self.open_button,
            self.import_button,
        )
        self.footnote = QLabel("You can switch calendars any time from the File menu.")
        self.quit_button = QPushButton("&Quit")
        self.quit_button.clicked.connect(self.reject)
        choices_footer = QHBoxLayout()
        choices_footer.addWidget(self.footnote, 1)
        choices_footer.addWidget(self.quit_button)
        listed = QWidget()
        listed_layout = QVBoxLayout(listed)
        listed_layout.setContentsMargins(0, 0, 0, 0)
        listed_layout.setSpacing(12)
        for button in self.choice_buttons:
            listed_layout.addWidget(button)
        listed_layout.addStretch(1)
        choices = QWidget()
        choices.setObjectName("welcomeChoices")
        choices_layout = QVBoxLayout(choices)
        choices_layout.setContentsMargins(0, 0, 0, 0)
        choices_layout.setSpacing(16)
        choices_layout.addWidget(scrolled(listed), 1)
        choices_layout.addLayout(choices_footer)

        # The second page: the new calendar's form.
        self.new_page = NewCalendarPage()
        self.back_button = QPushButton("&Back")
        self.back_button.clicked.connect(self.show_choices)
        self.create_button = QPushButton("&Create Calendar")
        self.create_button.clicked.connect(self.create_calendar)
        self.new_page.create_button = self.create_button
        new_footer = QHBoxLayout()
        new_footer.addWidget(self.back_button)
        new_footer.addStretch(1)
        new_footer.addWidget(self.create_button)
        new_bottom = QVBoxLayout()  # the form's problems stay in sight with its buttons
        new_bottom.setSpacing(8)
        new_bottom.addWidget(self.new_page.detach_problems())
        new_bottom.addLayout(new_footer)
        new = QWidget()
        new_layout = QVBoxLayout(new)
        new_layout.setContentsMargins(0, 0, 0, 0)
        new_layout.setSpacing(12)
        new_layout.addWidget(scrolled(self.new_page), 1)
        new_layout.addLayout(new_bottom)
        # What each page holds, shown whole where the screen has room (scrolled where
        # it has not: on a small screen, the buttons below stay in sight).
        self._contents = (
            (listed, choices_layout, choices_footer),
            (self.new_page, new_layout, new_bottom),
        )

        self.pages = QStackedWidget()
        self.pages.addWidget(choices)
        self.pages.addWidget(new)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(20)
        layout.addLayout(header)
        self._header = header
        layout.addWidget(self.pages, 1)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

        self._recolor()
        self.new_page.revalidate()
        self.show_choices()
        self.resize(620, 600)
        # A calendar or a plan dragged from the file manager: opened or imported, as
        # "Open a file" and "Import" do (a first start refused it unsaid). Not typed
        # into the form's fields as "file:///…".
        self.setAcceptDrops(True)
        for field in self.findChildren(QLineEdit):
            pass_files_on(field)

    def setVisible(self, visible: bool) -> None:
        # Settle the size limits before the window exists: changing them afterwards (a
        # problem line appearing, another page) makes platforms without size hints
        # (offscreen) complain. The layout itself never resizes the window.
        layout = self.layout()
        if visible and layout is not None and self.windowHandle() is None:
            layout.activate()
            self.setMinimumSize(layout.minimumSize())
            width = max(self.width(), layout.minimumSize().width())
            fit_on_screen(self, width, self._height_for(width))
        super().setVisible(visible)

    def _height_for(self, width: int) -> int:
        """The height that shows each page whole at ``width``: the tallest page's."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        pages = 0
        for content, page, footer in self._contents:
            tall = content.heightForWidth(inner)
            tall = tall if tall > 0 else content.sizeHint().height()
            pages = max(pages, tall + page.spacing() + footer.sizeHint().height())
        header = self._header.totalHeightForWidth(inner)
        return margins.top() + header + layout.spacing() + pages + margins.bottom()

    # -- pages ------------------------------------------------------------------

    def page(self) -> int:
        return self.pages.currentIndex()

    def show_choices(self) -> None:
        """The first page; back from the new calendar's form, with the focus on the
        choice that led there (a keyboard user went on from the first choice)."""
        back = self.pages.currentIndex() == self.NEW_CALENDAR
        self.pages.setCurrentIndex(self.CHOICES)
        self.heading.setText("Welcome to Cadence")
        self.promise.setText(PROMISE)
        self.demo_button.setDefault(True)
        self.create_button.setDefault(False)
        (self.new_button if back else self.demo_button).setFocus()

    def start_new_calendar(self) -> None:
        self.pages.setCurrentIndex(self.NEW_CALENDAR)
        self.heading.setText("Start a new calendar")
        self.promise.setText("A few questions, and your calendar is ready to plan in.")
        self.demo_button.setDefault(False)
        self.create_button.setDefault(True)
        self.new_page.revalidate()
        self.new_page.name_edit.setFocus()
        self.new_page.name_edit.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape on the form goes back to the four choices; on the choices it quits.
        if event.key() == Qt.Key.Key_Escape and self.page() == self.NEW_CALENDAR:
            self.show_choices()
            event.accept()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        take_file_drop(event, self, self.take_dropped)

    def take_dropped(self, path: Path) -> bool:
        """A file dropped on the welcome screen: a calendar opens, another file is
        imported into a new calendar."""
        return self.open_file(path) if path.suffix.lower() == ".cadence" else self.import_file(path)

    # -- the four choices -------------------------------------------------------

    def _choose(self, store: CalendarStore) -> None:
        self.store = store
        self.accept()

    def open_demo(self) -> bool:
        """Open the demo calendar in Cadence's folder (written on first use). One that
        does not open (damaged, or saved by a newer Cadence) is set aside, said, and a
        fresh one written: the same error came at every try."""
        try:
            path = default_calendar()
            try:
                store = CalendarStore.open(path)
            except CalendarFileError as exc:
                if isinstance(exc, NotKeptBeforeUpdate):  # (the disk's doing, not the file's)
                    raise
                kept = set_demo_aside(path)
                self._error_handler(
                    self,
                    CalendarFileError(
                        f"{exc} Cadence kept it as {shown_path(kept)} and opens a new demo"
                        " calendar."
                    ),
                )
                store = CalendarStore.open(default_calendar())
        except CadenceError as exc:
            self._error_handler(self, exc)
            return False
        self._choose(store)
        return True

    def open_file(self, path: Path | None = None) -> bool:
        """Open a calendar file (asks which one when ``path`` is None)."""
        if path is None:
            name = file_dialog_name(
                self, "Open Calendar", Path.home(), "Cadence calendars (*.cadence)"
            )
            if not name:
                return False
            path = Path(name)
        return self._open(path)

    def _open(self, path: Path) -> bool:
        try:
            store = CalendarStore.open(path)
        except CadenceError as exc:
            self._error_handler(self, exc)
            return False
        self._choose(store)
        return True

    def create_calendar(self) -> bool:
        """Create the calendar the form describes (nothing happens while it has problems)."""
        self.new_page.revalidate()
        if self.new_page.problems():
            self.new_page.problems_label.say_again()  # (Enter said nothing)
            return False
        try:
            store = create_planned_calendar(self.new_page.plan())
        except CadenceError as exc:
            self._error_handler(self, exc)
            return False
        self._choose(store)
        return True

    def import_file(self, path: Path | None = None) -> bool:
        """Make a calendar in Cadence's folder and import ``path`` into it: named as an
        iCalendar file names its calendar, else after the file."""
        if path is None:
            name = file_dialog_name(
                self, "Import from iCalendar or CSV", Path.home(), IMPORT_FILTER
            )
            if not name:
                return False
            path = Path(name)
        fmt = format_for(path)
        if fmt is None:
            self._error_handler(
                self,
                CadenceError(
                    f"Cadence cannot tell what kind of file {path.name} is; "
                    "choose an .ics, .csv or .cadence file."
                ),
            )
            return False
        timezone, week_start = computer_zone(), locale_week_start()
        name = path.stem
        zone_said = f"Its times are in {timezone}, this computer's time zone"
        if fmt == "ics":
            from ..exchange.ical import planned

            # A file that says where it was planned (Cadence, Google and Apple do) makes a
            # calendar in that zone: its 09:00 stays 09:00 wherever it is imported. Named
            # as it names its calendar (Google's file is "c_0a1b…@group.calendar…").
            planned_in, planned_as = planned(path)
            if planned_in is not None:
                timezone = planned_in
                zone_said = f"Its times are in {timezone}, where the file's events are planned"
            name = planned_as or name
        # Said: a plan read in another zone than the one meant has every post hours away
        # (changing the zone afterwards keeps each post's time of day, not its moment).
        zone_said += "."
        if fmt == "cadence":
            # A calendar copy keeps the zone and week it was planned in.
            with (
                contextlib.suppress(CadenceError),
                CalendarStore.open(path, read_only=True) as source,
            ):
                info = source.info()
                # A zone older versions let in ("posix/Europe/Paris") as the zone it is.
                timezone, week_start = plain_zone(info.timezone) or timezone, info.week_start
        folder = data_folder()
        # Filled under a hidden name, named once whole: a crash during the import left
        # an empty calendar, and the next try made "big 2" beside it.
        hidden = hidden_beside(folder)
        try:
            _make_folder(folder)
            clear_leftovers(hidden)  # of imports stopped an hour ago or more
            target = free_path(folder, name)
            check_creatable(target)  # a name too long, said as such
            store = CalendarStore.create(
                hidden, name=name, timezone=timezone, week_start=week_start, shown=target
            )
        except CadenceError as exc:
            self._error_handler(self, exc)
            return False

        def said_of_the_calendar(parent: QWidget | None, exc: BaseException) -> None:
            # No calendar was there to change: "the change could not be saved" spoke of one.
            if isinstance(exc, StorageProblem):
                exc = on_writing(exc, f"the calendar for {path.name}", done="made")
            self._error_handler(parent, exc)

        session = CalendarSession(store, error_handler=said_of_the_calendar)
        summary = None
        try:
            summary = run_import(session, self, path, fallback_channel=IMPORT_CHANNEL)
        finally:
            session.undo_stack.clear()
            session.deleteLater()
            # Nothing came in (a calendar copy is one, posts or none), or it broke.
            empty = summary is not None and fmt != "cadence" and not summary.added
            if summary is None or empty:
                store.close()
                remove_calendar_file(hidden)
        if summary is None:
            return False
        if not empty:
            try:  # the name free now (another calendar may have taken the one planned)
                store = store.named(free_path(folder, name))
            except CadenceError as exc:
                self._error_handler(self, exc)
                return False
        if empty:  # every row or event skipped: no empty calendar to open
            self._notify(
                self,
                f"Nothing in {path.name} could be imported, so Cadence made no calendar for"
                f" it. {summary.describe()}",
                summary.skipped,
            )
            return False
        store.checkpoint()  # the file alone is the calendar, as after every change
        self._notify(
            self,
            " ".join(
                [
                    # Where it is: Cadence's folder, which a file manager hides.
                    f"Cadence made the calendar “{store.info().name}” for {path.name},"
                    f" kept as {shown_path(store.path)}.",
                    summary.describe(),
                    *([zone_said] if fmt != "cadence" else []),
                    *summary.notes,
                    *filter(None, [elsewhere(store, summary.added, this_month(store.today()))]),
                ]
            ),
            summary.skipped,
        )
        self._choose(store)
        return True

    # -- looks ------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolor()

    def _recolor(self) -> None:
        palette = self.palette()
        style = choice_style(palette)
        if style != self.styleSheet():
            self.setStyleSheet(style)
        self.icon_label.setPixmap(app_icon_pixmap(64, self.devicePixelRatioF(), palette))
        muted = QPalette(self.footnote.palette())
        muted.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
        self.footnote.setPalette(muted)


class NewCalendarDialog(QDialog):
    """File > New Calendar: the welcome screen's form (name, where, time zone, week,
    channels, key messages) on its own. It closes once the calendar is made; when it
    cannot be, it stays open with everything typed."""

    def __init__(
        self, create: Callable[[NewCalendarPlan], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._create = create
        """Makes the calendar the form describes; False (said) keeps the form open."""
        self.setObjectName("newCalendarDialog")
        self.setWindowTitle("New Calendar")
        self.setAccessibleName("New calendar")
        self.page = NewCalendarPage()
        self.ask_save_changes: Callable[[QWidget, str], SaveAnswer] = ask_create_calendar
        """Asked when the form closes with something typed (replaceable, as in tests)."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = QPushButton("&Create Calendar")
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.page.create_button = self.create_button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        # Scrolled where the screen is too short for the form (at twice the font, Create
        # Calendar and Cancel were below the screen's edge); its problems in sight with
        # the buttons.
        area = scrolled(self.page)
        # As wide as the form needs (it scrolls up and down only: it was cut sideways).
        bar = area.verticalScrollBar()
        side = bar.sizeHint().width() if bar is not None else 0
        area.setMinimumWidth(self.page.minimumSizeHint().width() + side)
        layout.addWidget(area, 1)
        layout.addWidget(self.page.detach_problems())
        layout.addWidget(buttons)
        # Enter creates: the default once the button is the dialog's (made default
        # before, Cancel, the first that could be, took Enter). Enter on Cancel, focused,
        # cancels (it created the calendar while Cancel gave Enter away).
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            QWidget.setTabOrder(self.create_button, cancel)  # as they stand, left to right
        self.create_button.setDefault(True)
        self._as_opened = self.page.plan()
        self.page.revalidate()
        self.page.name_edit.setFocus()
        self.page.name_edit.selectAll()
        margins = layout.contentsMargins()
        whole = (  # the form shown whole where the screen has room
            margins.top()
            + self.page.sizeHint().height()
            + self.page.problems_label.sizeHint().height()
            + buttons.sizeHint().height()
            + 2 * layout.spacing()
            + margins.bottom()
        )
        fit_on_screen(self, 600, whole)

    def plan(self) -> NewCalendarPlan:
        return self.page.plan()

    def accept(self) -> None:
        self.page.revalidate()
        if self.page.problems():
            self.page.problems_label.say_again()  # (Enter said nothing)
        elif self._create(self.plan()):
            super().accept()

    def reject(self) -> None:
        """Cancel or Escape with something typed asks first, as the post editor does."""
        title = self.page.name_edit.text().strip()
        if self.plan() == self._as_opened or closes_unsaved(self, title, self.ask_save_changes):
            super().reject()


def show_welcome(
    parent: QWidget | None = None, *, autochoose_after_ms: int | None = None
) -> CalendarStore | None:
    """Show the welcome screen and wait; the chosen calendar, or None when the user quit.

    ``autochoose_after_ms`` opens the demo by itself after that delay (a headless
    smoke run goes through the welcome screen without anyone to click).
    """
    dialog = WelcomeDialog(parent)
    if autochoose_after_ms is not None:
        QTimer.singleShot(autochoose_after_ms, dialog.open_demo)
    dialog.exec()
    store = dialog.store if dialog.result() == QDialog.DialogCode.Accepted else None
    dialog.deleteLater()
    return store


__all__ = [
    "ChoiceButton",
    "NewCalendarDialog",
    "NewCalendarPage",
    "NewCalendarPlan",
    "WelcomeDialog",
    "create_planned_calendar",
    "file_name_for",
    "free_path",
    "locale_week_start",
    "show_welcome",
    "time_zone_names",
    "week_combo",
    "zone_combo",
    "zone_problems",
]
