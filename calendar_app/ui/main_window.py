"""The main window: toolbar, sidebar, views, backlog and the cadence panel."""

from __future__ import annotations

import contextlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, time, timedelta
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, cast

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QPoint,
    QRect,
    QRectF,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..app import path_for_settings, path_from_settings, shown_path
from ..core.backups import copy_target, is_backup_of
from ..core.cadence import MessageCadence, MessageStatus, status_text
from ..core.database import in_backups
from ..core.errors import CadenceError, CalendarFileError, os_problem_for
from ..core.files import resolved
from ..core.models import (
    DATED_ONLY,
    FIRST_DAY,
    LAST_DAY,
    OUTSIDE_PLANS,
    ChangeSet,
    Post,
    PostStatus,
)
from ..core.store import CalendarStore
from ..render.cadence_strip import day_text, month_title, range_text
from ..render.chips import clock_text
from . import accessible
from .commands import (
    DeletePostsCommand,
    StoreCommand,
    UndoGoesToTheCalendar,
    busy,
    elide,
    menu_text,
    plain_tooltip,
    plural,
    said_deleted,
    series_scope,
    set_posts_status,
    without_access_key,
)
from .dialogs import (
    LISTED_AS,
    STATUS_LINE_CHARACTERS,
    ask_open_or_merge,
    ask_replace,
    ask_resume_draft,
    ask_time,
    file_dialog_name,
    files_folder,
    fit_on_screen,
    remember_folder,
    run_modal,
    save_file_name,
    show_error,
)
from .dnd import TurnOnHover, accept_file_drag, pass_files_on, take_file_drop
from .post_model import BACKLOG_ORDERS
from .session import SEARCH_PAUSE_MS, CalendarSession, FilterKey, Filters
from .style import EdgedStyle
from .transfer import (
    EXPORT_CHOICES,
    backup_named,
    export_dialog,
    import_dialog,
    paste_from_calendar,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QActionEvent, QMouseEvent, QUndoCommand
    from PySide6.QtWidgets import QAbstractScrollArea, QPlainTextEdit

    from .agenda_view import AgendaView
    from .dnd import Carried
    from .drafts import Drafts
    from .week_view import WeekView
    from .welcome import NewCalendarPlan

MAX_RECENT = 8


class _CutPasted(NamedTuple):
    """A paste that moved cut posts: its step on the undo stack, the posts as they were
    carried, and the day that came first after it (picked by days)."""

    step: QUndoCommand
    carried: Carried
    origin: date | None


SEARCH_KEYS = "Ctrl+F"
"""The search box's key, as its placeholder and tooltip say it."""

RECHECK_MS = 150
"""How soon the window asks again whether another program changed the calendar, when
it came to the front with a mouse button down."""
DRAG_RECHECKS_MS = (300, 1000, 3000)
"""When the calendar is looked at again after a drag out of a view ended."""

_ORDER_SAID = {
    "changed": "last changed first",
    "added": "oldest first",
    "title": "by title",
    "channel": "by channel",
}
"""How the status bar says each of :data:`BACKLOG_ORDERS`, once chosen."""

FILTER_MENUS: dict[FilterKey, str] = {
    "channels": "&Channels",
    "messages": "&Key Messages",
    "campaigns": "C&ampaigns",
    "statuses": "&Status",
}
"""The filters: View > Filter's submenus, and without their access keys, the toolbar's
buttons."""
_FILTER_HEADINGS: dict[FilterKey, str] = {
    "channels": "Channels shown",
    "messages": "Show only posts carrying",
    "campaigns": "Show only posts in",
    "statuses": "Show only posts that are",
}
"""The first line of each filter menu: what a tick there means."""
VIEW_NAMES = ("month", "week", "agenda")

_ESC_CLEARS = "(Esc clears the selection)."
"""How the status bar's word on posts selected out of sight ends."""


class PeriodView(Protocol):
    """What the main window needs of the month, week and agenda views."""

    def set_current_date(self, day: date) -> None: ...
    def current_date(self) -> date: ...
    def step(self, direction: int) -> None: ...
    def period_title(self) -> str: ...
    def visible_range(self) -> tuple[date, date]: ...
    def selected_post_ids(self) -> list[int]: ...
    def selected_posts(self) -> list[Post]: ...
    def select_posts(self, post_ids: list[int], *, keep_away: bool = False) -> None: ...
    def focused_post(self) -> int | None: ...
    def selection_origin(self) -> date | None: ...
    def selected_out_of_sight(self) -> int: ...
    def shown_count(self) -> int: ...


SAID_STATUSES = 4
"""The most key messages whose new status a step's announcement names (the rest counted)."""

_Statuses = tuple[date, dict[int, tuple[str, str]]]
"""The day of an analysis, and each key message's title and status as of it."""


SMALLEST = QSize(620, 480)
"""The window's smallest in the usual font: within a half screen at 125% (640 wide)."""


AZERTY_DIGITS = ("&", "é", '"')
"""What the keys 1, 2, 3 of a French or Belgian keyboard give without Shift."""


class MainWindow(QMainWindow):
    """One window on one calendar at a time."""

    calendarOpened = Signal(object)
    """The path of the calendar now shown."""

    def __init__(
        self,
        session: CalendarSession,
        settings: QSettings,
        *,
        error_handler: Callable[[QWidget | None, BaseException], None] = show_error,
        backups: Path | None = None,
        drafts: Path | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self._panel_span = 0
        """Months the cadence panel spans (0: the days in view), kept across calendars."""
        self._backlog_order = "changed"
        """The backlog's order (:data:`BACKLOG_ORDERS`), kept across calendars."""
        self.backups = backups
        """Folder for backups of a calendar that changed (None: no backups, as in tests)."""
        self.drafts: Drafts | None = None
        """Where the post editor keeps what is typed while it is open (None: nowhere)."""
        if drafts is not None:
            from .drafts import Drafts  # (json, not at start-up)

            self.drafts = Drafts(drafts)
        self.ask_resume_draft: Callable[[QWidget, str], bool] = ask_resume_draft
        """Asks whether to finish a post Cadence stopped in the middle of (tests answer)."""
        self.show_error = error_handler
        self.ask_replace: Callable[[QWidget | None, Path], bool] = ask_replace
        """Asks before a file is replaced (tests answer for the user)."""
        self.ask_open_or_merge = ask_open_or_merge
        """Asks whether a calendar dropped on the window opens or is merged (tests answer)."""
        self._found: tuple[Filters, list[tuple[int, date]]] | None = None
        """The search's dated matches for Enter, with the filters they are for."""
        self.session: CalendarSession = session
        self._summary = ""
        """What the status bar shows between messages: posts, overdue, unplanned."""
        self._match_said = ""
        """The search's last word of its matches ("2 of 9: …"), gone when it changes."""
        self._copied_note = ""
        """What posts from another calendar just brought (:meth:`_say_copied`), this turn."""
        self._placed_word = ""
        """The word on posts just placed (:meth:`_tell_placed`)."""
        self._clipboard_word = ""
        """What a copy or cut said (select a day and paste), cleared by the paste."""
        self._step_word = ""
        """What the last undo or redo said (:meth:`_stepped`)."""
        self._stepping = False
        """Whether an undo or redo runs (:meth:`_forget_step_word`)."""
        self._period_said = False
        """Whether what turns the period says so itself (a search's match, with its day)."""
        self._backup_said: tuple[str, int] | None = None
        """The backup failure said last, and the undo step it was said at."""
        bar = _StatusBar(self)
        self.setStatusBar(bar)
        bar.messageChanged.connect(self._summary_again)
        bar.shownAgain.connect(self._summary_again)
        self.setObjectName("mainWindow")
        self.setMinimumSize(SMALLEST)
        self.setAcceptDrops(True)  # files from a file manager (:func:`.dnd.dropped_file`)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._views: list[QWidget | None] = []
        self._cut_pasted: _CutPasted | None = None
        self._install(session)
        self._fit_panel = False
        self._fit_sidebar = False
        self._backup_due = False
        """Changes made here whose undo history went as the calendar was read again."""
        self._panel_rows = session.count_key_messages()
        """How many key messages the cadence panel had rows for when last looked at."""
        self._told_moved: CalendarStore | None = None
        """The calendar whose file was said to be moved away (said once)."""
        self._told_settings = False
        """Whether the settings' file was said to take nothing (said once)."""
        self._restore_settings()

    # -- building -------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | list[QKeySequence] | None = None,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey | list):
            # Each of the platform's keys for it (Shift+Del cuts, Ctrl+Ins copies, Ctrl+W
            # closes too), as the text fields take them: the first alone was bound.
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_calendar_action = self._action("&New Calendar…", self.new_calendar, std.New)
        self.open_action = self._action("&Open…", self.open_calendar_dialog, std.Open)
        self.copy_action = self._action("Save a Cop&y As…", self.save_copy_dialog, std.SaveAs)
        self.import_action = self._action("&Import…", self.import_file, "Ctrl+I")
        self.merge_action = self._action("&Merge Calendar…", self.merge_calendar)
        self.close_action = self._action("&Close", self.close, std.Close)
        # Linux desktops without a platform theme bind nothing to Quit; Ctrl+Q is the norm.
        quit_keys = std.Quit if QKeySequence.keyBindings(std.Quit) else "Ctrl+Q"
        self.quit_action = self._action("&Quit", self.close, quit_keys)
        self.undo_action = self._action("&Undo", self._undo, std.Undo)
        # Ctrl+Shift+Z first (the menus show it), then the platform's others (Ctrl+Y).
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [k for k in QKeySequence.keyBindings(std.Redo) if k not in redo_keys]
        self.redo_action = self._action("&Redo", self._redo, redo_keys)
        self.new_post_action = self._action("&New Post…", self.new_post, "N")
        self.new_idea_action = self._action("New &Idea…", self.new_idea, "Shift+N")
        self.edit_post_action = self._action("&Edit Post…", self.edit_selected, "Ctrl+E")
        self.delete_action = self._action("&Delete", self.delete_selected, std.Delete)
        self.cut_posts_action = self._action("Cu&t", lambda: self.copy_selected(cut=True), std.Cut)
        self.copy_posts_action = self._action("&Copy", self.copy_selected, std.Copy)
        self.paste_posts_action = self._action("&Paste", self.paste, std.Paste)
        self.messages_action = self._action("&Key Messages…", lambda: self.manage_messages())
        self.channels_action = self._action("C&hannels…", self.manage_channels)
        self.campaigns_action = self._action("C&ampaigns…", self.manage_campaigns)
        self.settings_action = self._action("Calendar &Settings…", self.calendar_settings)
        self.today_action = self._action("&Today", self.go_today, "T")
        self.go_to_date_action = self._action("&Go to Date…", self.go_to_date, "Ctrl+G")
        self.previous_action = self._action("&Previous Period", lambda: self.step(-1), "Ctrl+Left")
        self.next_action = self._action("Ne&xt Period", lambda: self.step(1), "Ctrl+Right")
        self.search_action = self._action("&Search", self.focus_search, std.Find)
        self.next_overdue_action = self._action(
            "Next &Overdue Key Message", self.next_overdue, "F8"
        )
        # Every filter and the search cleared at once (one "Show all" each, four menus).
        self.show_all_action = self._action("Show All &Posts", self.show_all_posts)
        self.show_all_action.setEnabled(False)
        self.view_group = QActionGroup(self)
        self.view_actions: list[QAction] = []
        for index, label in enumerate(("&Month", "&Week", "&Agenda")):
            action = self._action(
                label, partial(self.set_view, index), f"Ctrl+{index + 1}", checkable=True
            )
            # A French or Belgian keyboard's 1, 2, 3 give &, é, " without Shift: Qt
            # read Ctrl with them as those, and the views did not switch. (The same
            # keys to the user: not listed beside Ctrl+1 in menus and shortcuts.)
            azerty = QShortcut(QKeySequence(f"Ctrl+{AZERTY_DIGITS[index]}"), self)
            azerty.activated.connect(action.trigger)
            self.view_group.addAction(action)
            self.view_actions.append(action)
        self.panel_action = self._action(
            "&Cadence Panel", self._toggle_panel, "Ctrl+Shift+P", checkable=True
        )
        self.panel_action.setChecked(True)
        self.next_pane_action = self._action(
            "Next Pan&e", lambda: self.focus_next_pane(True), "Ctrl+Tab"
        )
        self.previous_pane_action = self._action(
            "Previous Pa&ne", lambda: self.focus_next_pane(False), "Ctrl+Shift+Tab"
        )
        self.guide_action = self._action(
            "How Cadence &Works", self.show_guide, QKeySequence.StandardKey.HelpContents
        )
        self.shortcuts_action = self._action("&Keyboard Shortcuts", self.show_shortcuts, "Ctrl+/")
        self.about_action = self._action("&About Cadence", self.about)
        self.context_menu_action = self._action(
            "Context &Menu", self.show_context_menu, "Shift+F10"
        )

    def _build_menus(self) -> None:
        from .post_model import STATUS_MENU_NAME, status_label

        self._post_menu = QMenu(self)
        self._post_menu.setObjectName("postMenu")
        self._status_menu = QMenu("Set &status", self)
        self._status_menu.setAccessibleName(STATUS_MENU_NAME)  # (a popup's own name)
        # Shown as choices, the posts' own marked (a menu of five alike said none).
        statuses = QActionGroup(self._status_menu)
        statuses.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for status in PostStatus:
            action = self._status_menu.addAction(
                f"&{status_label(status)}", partial(self.set_status, status)
            )
            action.setData(status.value)
            action.setCheckable(True)
            statuses.addAction(action)
        self._status_menu.aboutToShow.connect(self._offer_statuses)
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_calendar_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setToolTipsVisible(True)  # the full paths
        # Another Cadence window may have opened a calendar since: read the list again.
        file_menu.aboutToShow.connect(self._refresh_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.copy_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.merge_action)
        self.export_menu = file_menu.addMenu("&Export")
        self.export_actions: dict[str, QAction] = {}
        for key, label, _ in EXPORT_CHOICES:
            action = self.export_menu.addAction(label)
            action.triggered.connect(partial(self.export_file, key))
            self.export_actions[key] = action
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.cut_posts_action)
        edit_menu.addAction(self.copy_posts_action)
        edit_menu.addAction(self.paste_posts_action)
        edit_menu.addAction(self.delete_action)
        edit_menu.addAction(self.context_menu_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.new_post_action)
        edit_menu.addAction(self.new_idea_action)
        edit_menu.addAction(self.edit_post_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.messages_action)
        edit_menu.addAction(self.channels_action)
        edit_menu.addAction(self.campaigns_action)
        edit_menu.addAction(self.settings_action)
        view_menu = bar.addMenu("&View")
        for action in self.view_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.today_action)
        view_menu.addAction(self.go_to_date_action)
        view_menu.addAction(self.previous_action)
        view_menu.addAction(self.next_action)
        view_menu.addSeparator()
        view_menu.addAction(self.search_action)
        view_menu.addAction(self.next_overdue_action)
        # The toolbar's filters again, for the keyboard (and a window too narrow to
        # show them all).
        filter_menu = view_menu.addMenu("&Filter")
        for key, text in FILTER_MENUS.items():
            submenu = _FilterMenu(text, filter_menu)
            filter_menu.addMenu(submenu)
            submenu.aboutToShow.connect(partial(self._fill_filter_menu, key, submenu))
        filter_menu.addSeparator()
        filter_menu.addAction(self.show_all_action)
        # The backlog's order, also in its own menu (a bank of ideas listed last changed
        # first lost its place at each edit).
        self.backlog_sort_menu = view_menu.addMenu("Sort &Backlog By")
        self._backlog_orders = QActionGroup(self)
        for key, text in BACKLOG_ORDERS.items():
            action = self.backlog_sort_menu.addAction(text, partial(self.sort_backlog, key))
            action.setCheckable(True)
            action.setData(key)
            self._backlog_orders.addAction(action)
        view_menu.addAction(self.next_pane_action)
        view_menu.addAction(self.previous_pane_action)
        view_menu.addAction(self.panel_action)
        self.panel_range_menu = view_menu.addMenu("Cadence Panel &Range")
        self.panel_range_menu.aboutToShow.connect(
            lambda: self.cadence_panel.offer_spans(self.panel_range_menu)
        )
        # What dragging the panes' edges does, for the keyboard (their handles take no
        # focus): a step of a tenth of the room at a time.
        self.pane_menu = view_menu.addMenu("Pane Si&zes")
        for text, splitter, pane, step in (
            ("Sidebar &Wider", 0, 0, 1),
            ("Sidebar &Narrower", 0, 0, -1),
            ("&Backlog Taller", 1, 1, 1),
            ("Backlog &Shorter", 1, 1, -1),
            ("Cadence Panel &Taller", 2, 1, 1),
            ("Cadence Panel Shorte&r", 2, 1, -1),
        ):
            self.pane_menu.addAction(text, partial(self.resize_pane, splitter, pane, step))
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = self.toolbar = self.addToolBar("Navigation")
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        # Not to be hidden: its right-click menu's one item ("Navigation") hid the
        # period, the views and the search for good, with no menu to bring them back.
        toolbar.toggleViewAction().setEnabled(False)
        self.today_action.setToolTip("Go to today (T)")
        toolbar.addAction(self.today_action)
        # The buttons show an arrow (an action's icon text); the menu, the action's name.
        for action, arrow, name in (
            (self.previous_action, "‹", "Previous period"),
            (self.next_action, "›", "Next period"),
        ):
            action.setIconText(arrow)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"Show the {name.lower()} ({keys})")
            toolbar.addAction(action)
            toolbar.widgetForAction(action).setAccessibleName(name)
        # Carrying posts to another month: hold them over ‹ or › and the page turns.
        self.page_turners = [
            TurnOnHover(
                toolbar.widgetForAction(action),
                partial(self.step, direction),
                lambda: cast(QWidget, self.view()).acceptDrops(),
            )
            for action, direction in ((self.previous_action, -1), (self.next_action, 1))
        ]
        self.period_label = QLabel()
        self.period_label.setObjectName("periodTitle")
        font = self.period_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.period_label.setFont(font)
        self.period_label.setContentsMargins(12, 0, 12, 0)
        # Beside the arrows whatever its script: an Arabic title read from the far end
        # of its room (a left alignment turns right for right-to-left text).
        beside = (
            Qt.AlignmentFlag.AlignLeft
            if self.layoutDirection() == Qt.LayoutDirection.LeftToRight
            else Qt.AlignmentFlag.AlignRight
        )
        self.period_label.setAlignment(
            beside | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        )
        # Room for the longest title, in the user's language and font (a fixed width
        # cut "November 2026" short at 14pt and wasted room in a narrow window).
        metrics = QFontMetrics(font)
        titles = [
            *(month_title(date(2026, month, 1)) for month in range(1, 13)),
            range_text(date(2026, 9, 28), date(2026, 10, 4), year=True),  # a week's
        ]
        widest = max(metrics.horizontalAdvance(title) for title in titles)
        self.period_label.setMinimumWidth(widest + 24 + 4)
        toolbar.addWidget(self.period_label)
        for action, text in zip(self.view_actions, ("Month", "Week", "Agenda"), strict=True):
            # On the action, which the button copies again whenever the action changes.
            action.setIconText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} view ({keys})")
            button = QToolButton()
            button.setDefaultAction(action)
            toolbar.addWidget(button)
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        toolbar.addWidget(spacer)
        # The search box before the filters: a narrow window sends the last items to
        # the toolbar's » menu, where Ctrl+F could not reach the box.
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchBox")
        self.search_edit.setPlaceholderText(f"Search posts ({SEARCH_KEYS})")
        self.search_edit.setToolTip(f"Search titles, texts and notes ({SEARCH_KEYS})")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search posts")
        self.search_edit.setMaximumWidth(260)
        # Narrow, it gives way to the filters rather than shrinking to a sliver.
        self.search_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("Search posts") + 48)
        # The search runs once typing pauses (each run reads the full-text index and
        # filters every view: a large calendar would stutter at every key).
        self._search_pause = QTimer(self)
        self._search_pause.setSingleShot(True)
        self._search_pause.setInterval(SEARCH_PAUSE_MS)
        self._search_pause.timeout.connect(self._apply_search)
        self.search_edit.textChanged.connect(self._search_changed)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.timeout.connect(self._check_again)
        self._undo_through = UndoGoesToTheCalendar(self, when_empty=True)
        self._second_press = _SecondPressGuard(self, lambda: self.stack)
        self.search_edit.installEventFilter(self._undo_through)
        self.search_edit.returnPressed.connect(self._search_entered)
        self.search_edit.installEventFilter(self)  # Escape
        pass_files_on(self.search_edit)
        toolbar.addWidget(self.search_edit)
        self.filter_buttons: dict[FilterKey, QToolButton] = {}
        for key in FILTER_MENUS:
            label = without_access_key(FILTER_MENUS[key])
            button = QToolButton()
            button.setText(label)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setMenu(_FilterMenu("", button))
            button.menu().aboutToShow.connect(lambda k=key: self._fill_filter_menu(k))
            button.setAccessibleName(f"Filter by {label.lower()}")
            toolbar.addWidget(button)
            self.filter_buttons[key] = button
        accessible.enter_presses(toolbar)

    def _install(self, session: CalendarSession) -> None:
        """Build the views for ``session`` (on start and when another calendar opens)."""
        from .backlog import BacklogPanel
        from .cadence_panel import CadencePanel
        from .month_view import MonthView
        from .sidebar import MessageSidebar

        # The panes read the calendar first: a file damaged inside fails here, and the
        # window is still wholly on the calendar it showed.
        session.drafts = self.drafts
        sidebar = MessageSidebar(session)
        backlog = BacklogPanel(session)
        month_view = MonthView(session)
        cadence_panel = CadencePanel(session)
        self.session = session
        self._found = None
        stack = session.undo_stack
        stack.indexChanged.connect(self._note_unbacked)
        # A step taken or taken back: the word on the posts placed before is stale (it
        # said a post undone to its future day was on a day gone by).
        stack.indexChanged.connect(self._forget_placed_word)
        self._statuses = self._message_statuses(session)
        stack.indexChanged.connect(self._say_statuses_changed)
        stack.canUndoChanged.connect(self._enable_undo)
        stack.indexChanged.connect(self._enable_undo)  # the session's floor (can_undo)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._enable_undo)
        stack.redoTextChanged.connect(self._redo_text_changed)
        session.changedElsewhere.connect(self.check_for_outside_changes)
        session.placedHidden.connect(self._say_hidden)
        session.changedHidden.connect(partial(self._say_hidden, verb="changed"))
        session.changedShown.connect(self._tell_placed)
        # Dropped in another window on the same calendar, the posts moved in the file:
        # read at once (this window, still in front, showed them where they were).
        session.dragEnded.connect(self._check_after_drag)
        session.placedInPast.connect(self._say_past)
        session.placedShelved.connect(self._say_shelved)
        session.placedMissed.connect(self._say_missed)
        session.unpublished.connect(self._say_unpublished)
        session.publishedAhead.connect(self._say_published_ahead)
        session.occurrencesMoved.connect(self._say_occurrences)
        session.copiedIn.connect(self._say_copied)
        session.filtersChanged.connect(self._update_filter_buttons)  # the sidebar's ticks too
        session.filtersChanged.connect(self._filters_changed)
        # As the history stands (one kept from a session read again names its step).
        self._enable_undo()
        self.redo_action.setEnabled(stack.canRedo())
        self._redo_text_changed(stack.redoText())
        self.undo_action.setProperty(LISTED_AS, "Undo")  # not "Undo Copy post"
        self.redo_action.setProperty(LISTED_AS, "Redo")

        self.sidebar = sidebar
        self.backlog = backlog
        backlog.model.set_order(self._backlog_order)
        backlog.search.textChanged.connect(self._update_filter_buttons)  # Show All Posts
        backlog.search.installEventFilter(self._undo_through)
        self.month_view = month_view
        self.cadence_panel = cadence_panel
        for pane in (sidebar, backlog, cadence_panel):
            accessible.enter_presses(pane)
        # The week and agenda views are built when first shown: start-up paints sooner.
        self._views = [self.month_view, None, None]
        self.stack = QStackedWidget()
        self.stack.addWidget(self.month_view)
        self._connect_view(self.month_view)
        for _ in range(2):
            self.stack.addWidget(QWidget())
        self.backlog.postActivated.connect(self.edit_post)
        self.backlog.hiddenBySearch.connect(self._say_hidden_by_search)
        self.backlog.newIdeaRequested.connect(self.new_idea)
        self._offer_post_menu(self.backlog.list)
        self.cadence_panel.dayActivated.connect(self._panel_day_activated)
        self.cadence_panel.told.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.cadence_panel.set_span(self._panel_span)
        self.cadence_panel.spanChanged.connect(self._panel_span_chosen)
        self.cadence_panel.contextMenuWanted.connect(
            lambda pos, message_id, day: self.gap_menu(message_id, day).popup(pos)
        )
        self.sidebar.messages_view.menuWanted.connect(
            lambda pos, message_id: self.message_menu(message_id).popup(pos)
        )

        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("leftSplitter")
        left.addWidget(self.sidebar)
        left.addWidget(self.backlog)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        # Three fifths for the key messages, two for the backlog, whatever their number
        # (forty messages left room for two ideas on a large screen).
        left.setSizes([600, 400])
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("rightSplitter")
        right.addWidget(self.stack)
        right.addWidget(self.cadence_panel)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        panel_height = self.cadence_panel.sizeHint().height()
        right.setSizes([max(self.height() - panel_height, 400), panel_height])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.setObjectName("mainSplitter")
        main.addWidget(left)
        main.addWidget(right)
        main.setStretchFactor(0, 0)
        main.setStretchFactor(1, 1)
        main.setSizes([280, 1000])
        self.splitters = (main, left, right)
        for splitter in self.splitters:
            # A pane dragged too far stops at its smallest, never to nothing: a pane
            # gone was lost for good (View > Cadence Panel showed it 0 pixels tall, a
            # restart kept it so, and Ctrl+Tab went into it unseen).
            for index in range(splitter.count()):
                splitter.setCollapsible(index, False)
        old = self.centralWidget()
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(main)
        self.setCentralWidget(container)
        if old is not None:
            old.deleteLater()
        if not self.isVisible():  # shown, it changes with the font alone
            self._fit_minimum()

        session.changed.connect(self._calendar_changed)
        self._cut_pasted = None
        session.undo_stack.indexChanged.connect(self._follow_cut_paste)
        session.undo_stack.indexChanged.connect(self._forget_step_word)
        session.reportChanged.connect(self._update_status)
        session.dayChanged.connect(self._follow_today)
        self.cadence_panel.setVisible(self.panel_action.isChecked())
        self.set_view(self.stack.currentIndex())
        self.view().set_current_date(session.today())
        self._period_changed()
        self._update_title()
        self._update_status()
        if session.store.kept_before_update is not None:  # the path is in About
            self.statusBar().showMessage(
                f"{session.store.path.name} is brought up to date for this release; a copy"
                " for earlier releases is kept in Backups (Help > About).",
                30000,
            )
        elif in_backups(session.store.path):
            self.statusBar().showMessage(
                "A backup, opened as it is: to go back to it, save a copy of it over the"
                " calendar (File > Save a Copy As…).",
                30000,
            )
        elif session.store.left_as_is is not None:  # why "(read-only)", before a change
            self.statusBar().showMessage(f"Read as it is: {session.store.left_as_is}", 60000)

    def prepare_for_changes(self) -> None:
        """Load what the first change needs (sqlite-utils) while nothing else is going on."""
        self.session.store.db  # noqa: B018 (made on first use)

    def _undo_text_changed(self, text: str) -> None:
        # An "&" in a title is shown as such, not taken for a shortcut key.
        self.undo_action.setText(f"&Undo {menu_text(text)}".strip())

    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(f"&Redo {menu_text(text)}".strip())

    # -- views ----------------------------------------------------------------

    def _connect_view(self, view: QWidget) -> None:
        accessible.enter_presses(view)  # (the agenda's Set status)
        view.periodChanged.connect(self._period_changed)  # type: ignore[attr-defined]
        view.postActivated.connect(self.edit_post)  # type: ignore[attr-defined]
        if hasattr(view, "dayActivated"):  # the month's "+N more", the week's header
            view.dayActivated.connect(self._day_activated)
        # A double-click on an empty spot of a day (of an hour in the week, below the
        # agenda's rows).
        view.slotActivated.connect(self.new_post_at)  # type: ignore[attr-defined]
        if hasattr(view, "add_edit_entries"):  # the agenda has a menu of its own
            view.add_edit_entries = self._add_post_edit_entries
            view.add_blank_entries = self._add_blank_entries  # type: ignore[attr-defined]
        else:
            view.contextMenuWanted.connect(  # type: ignore[attr-defined]
                lambda pos, at: self.post_menu(at).popup(view.mapToGlobal(pos))
            )
            view.selectionChanged.connect(  # type: ignore[attr-defined]
                partial(self._say_out_of_sight, view)
            )
        if hasattr(view, "moreActivated"):  # the week's "+N": the agenda lists the day
            view.moreActivated.connect(self._list_day)

    def _say_out_of_sight(self, view: QWidget) -> None:
        """Posts selected on days the grid does not show (a stretch of days that went on
        into the next month) have no chip to show it: the status bar says so, as Delete
        or Cut acts on them too; once none are (the page turned, the selection went),
        what it said goes too."""
        if view is not self.stack.currentWidget():
            return
        away = view.selected_out_of_sight()  # type: ignore[attr-defined]
        bar = self.statusBar()
        if bar.currentMessage() and bar.currentMessage() == self._placed_word:
            return  # what a paste brought, a day gone by: the placed posts' own word
        if away:
            count = len(view.selected_post_ids())  # type: ignore[attr-defined]
            # ("1 post selected, 1 of them on days out of sight" for one alone)
            if away < count:
                where = f"{away} of them on days out of sight"
            elif count == 1:
                where = "on a day out of sight"
            else:
                where = "all on days out of sight"
            bar.showMessage(f"{plural(count, 'post')} selected, {where} {_ESC_CLEARS}", 10_000)
        elif bar.currentMessage().endswith(_ESC_CLEARS):
            bar.clearMessage()

    def _restore_agenda_sort(self, agenda: AgendaView) -> None:
        """The agenda sorted as it was when Cadence last closed (it went back to the
        date order at each start, as the backlog's order did not)."""
        kept = str(self.settings.value("agendaSort", "")).split()
        if len(kept) == 2 and all(part.isascii() and part.isdigit() for part in kept):
            column, order = int(kept[0]), int(kept[1])
            if column < agenda.model.columnCount() and order in (0, 1):
                agenda.table.sortByColumn(column, Qt.SortOrder(order))

    def _view_at(self, index: int) -> QWidget:
        """The view at ``index`` of the stack, built on first use."""
        view = self._views[index]
        if view is None:
            if index == 1:
                from .week_view import WeekView

                view = WeekView(self.session)
            else:
                from .agenda_view import AgendaView

                view = AgendaView(self.session)
                self._restore_agenda_sort(view)
            self._connect_view(view)
            # The window's word on the filters and on a change after the new view has
            # taken them in (connected before it was made, it counted the view's rows as
            # they were: "6 of 177 posts in view" over an empty table, "3 of 178" over a
            # week of four after a copy).
            for signal, slot in (
                (self.session.filtersChanged, self._filters_changed),
                (self.session.changed, self._calendar_changed),
            ):
                signal.disconnect(slot)
                signal.connect(slot)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, view)
            # Where the month is in the Tab order (before the cadence panel), not last:
            # made later, it came after the panel, the sidebar and the backlog. Its own
            # controls (the agenda's table, then its buttons) go with it, in their order.
            chain: list[QWidget] = [view]
            while (after := chain[-1].nextInFocusChain()) is not None and view.isAncestorOf(after):
                chain.append(after)
            before: QWidget = self.month_view
            for widget in chain:
                QWidget.setTabOrder(before, widget)
                before = widget
            QWidget.setTabOrder(before, self.cadence_panel)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._views[index] = view
        return view

    @property
    def week_view(self) -> WeekView:
        return cast("WeekView", self._view_at(1))

    @property
    def agenda_view(self) -> AgendaView:
        return cast("AgendaView", self._view_at(2))

    def view(self) -> PeriodView:
        return cast(PeriodView, self.stack.currentWidget())

    def view_index(self) -> int:
        return self.stack.currentIndex()

    def set_view(self, index: int) -> None:
        """Show the month, week or agenda on the day the view shown was on; the posts
        selected stay selected, those out of sight too where the view can hold them
        (:meth:`.PeriodView.select_posts`; the agenda's rows are the period's)."""
        previous = self.view() if self.stack.count() else None
        current = previous.current_date() if previous is not None else self.session.today()
        selected = previous.selected_post_ids() if previous is not None else []
        picked = bool(getattr(previous, "picking", bool)())  # one at a time: still so
        self._view_at(index)
        self.stack.setCurrentIndex(index)
        self.view_actions[index].setChecked(True)
        view = self.view()
        if view is not previous:  # the same view asked again keeps its rows picked
            view.set_current_date(current)
        if previous is not None and previous is not view:
            view.select_posts(selected, keep_away=True)
            if picked and hasattr(view, "keep_picking"):
                view.keep_picking()
            dropped = len(selected) - len(view.selected_post_ids())
            if dropped > 0:  # the agenda's rows are its month's: said, not dropped unseen
                self.statusBar().showMessage(
                    f"{plural(dropped, 'post')} selected outside {view.period_title()}"
                    f" {'is' if dropped == 1 else 'are'} no longer selected.",
                    8000,
                )
        cast(QWidget, view).setFocus()
        self._period_changed()

    def step(self, direction: int) -> None:
        self.view().step(direction)  # the view says periodChanged

    def go_today(self) -> None:
        today = self.session.today()
        self.go_to(today)
        if self.view() is self.week_view:
            self.week_view.show_now()
        # The panel's keyboard day too (Enter there went back to the day it was on).
        self.cadence_panel.set_cursor_day(today)

    def _follow_today(self, was: date, now: date) -> None:
        """The day on which the keyboard stood because it was today follows today over
        midnight: N the next morning wrote a draft on yesterday, which counted for
        nothing. A day the user went to stays; so do posts selected (a move of the
        keyboard's day lets them go), and the page (not turned in the night)."""
        view = self.view()
        first, last = view.visible_range()  # the page: the grid, the week, the month's rows
        if view.current_date() == was and first <= now <= last and not view.selected_post_ids():
            if view is self.month_view:  # (its next month's first days too, in its last row)
                self.month_view.show_month(self.month_view.displayed_month(), now)
            else:
                view.set_current_date(now)
        if self.cadence_panel.cursor_day() == was:
            self.cadence_panel.set_cursor_day(now)

    def go_to(self, day: date) -> None:
        """Show ``day`` (within the years a calendar plans: a post an earlier release let
        in on 31 December 9999 took the views past the last date Python counts)."""
        # The view says periodChanged if it changed.
        self.view().set_current_date(min(max(day, FIRST_DAY), LAST_DAY))

    def go_to_date(self) -> None:
        """View > Go to Date…: show the day the user picks, in the current view."""
        from .dialogs import ask_date

        day = ask_date(self, self.view().current_date(), self.session.store.info().week_start)
        if day is not None:
            self.go_to(day)
            self._view_at(self.view_index()).setFocus()

    def _period_changed(self) -> None:
        if not self._views:
            return
        before, title = self.period_label.text(), self.view().period_title()
        self.period_label.setText(title)
        view = cast(QWidget, self.view())
        focused = QApplication.focusWidget()
        inside = focused is not None and (focused is view or view.isAncestorOf(focused))
        if before and title != before and not inside and not self._period_said:
            # Turned from the key messages, the backlog or the search box (Ctrl+Right,
            # View > Next Period): the view says its day only where the keyboard is in it.
            accessible.announce(self.period_label, title)
        first, last = self.view().visible_range()
        # The view shown says which days are on screen (a view shown again had told
        # the session its days before another view told it others).
        self.session.set_visible_range(first, last)
        self.cadence_panel.set_view_range(first, last)
        if self.session.filters.active_besides_search:
            self._update_status()  # the posts shown of all, counted for this period

    def _panel_span_chosen(self, months: int) -> None:
        self._panel_span = months

    def second_press_guarded(self) -> bool:
        """Whether a view switched by a press still lets no double-click act in the
        view now shown (see :class:`_SecondPressGuard`)."""
        return self._second_press.active()

    def _day_activated(self, day: date) -> None:
        if self.view_index() == 0:
            self._second_press.start()  # the month's "+N more", pressed
            self.set_view(1)
        self.go_to(day)
        if self.view() is self.week_view:
            self.week_view.show_day(day)

    def panes(self) -> list[QWidget]:
        """What Ctrl+Tab goes through, in order: the calendar, the cadence panel, the
        key messages and channels, the backlog and the search box (those shown)."""
        panes = [
            cast(QWidget, self.view()),
            self.cadence_panel,
            self.sidebar,
            self.backlog,
            self.search_edit,
        ]
        return [p for p in panes if p.isVisible()]

    def focus_next_pane(self, forward: bool = True) -> None:
        """Move the keyboard focus to the next pane (the previous one when not ``forward``)."""
        panes = self.panes()
        if not panes:
            return
        focus = self.focusWidget()
        here = next(
            (i for i, p in enumerate(panes) if focus is p or (focus and p.isAncestorOf(focus))),
            -1 if forward else 0,
        )
        pane = panes[(here + (1 if forward else -1)) % len(panes)]
        target = {
            self.sidebar: self.sidebar.messages_view,
            self.backlog: self.backlog.list,
        }.get(pane, pane)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _list_day(self, day: date) -> None:
        """The week's "+N": the agenda with the day's posts picked, the first in the
        agenda's order in sight (sorted by another column, they lay apart, one picked)."""
        self._second_press.start()  # pressed
        self.set_view(2)
        self.go_to(day)
        agenda = self.agenda_view
        on_day = [
            p.id for p in self.session.posts_between(day, day) if self.session.filters.accepts(p)
        ]
        rows = [(agenda.proxy_index(post_id), post_id) for post_id in on_day]
        rows = sorted((row for row in rows if row[0].isValid()), key=lambda row: row[0].row())
        if rows:  # in the agenda's order
            agenda.select_posts([post_id for _, post_id in rows])
            agenda.table.scrollTo(rows[0][0])

    def createPopupMenu(self) -> QMenu | None:
        """No menu of bars to hide (the toolbar is the window's own)."""
        return None

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _search_changed(self, text: str) -> None:
        if text.strip():
            self._search_pause.start()
        elif self.session.filters.search.strip():
            self._apply_search()  # cleared: everything shows again at once, and is said
            self.statusBar().showMessage("Search cleared.", 3000)  # (to a screen reader)
        else:
            self._apply_search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in the search box clears it, and once empty goes back to the calendar;
        narrowed, the box says its key where it has room for it."""
        if watched is self.search_edit and event.type() == QEvent.Type.Resize:
            self._fit_search_placeholder()
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and cast(QKeyEvent, event).key() == Qt.Key.Key_Escape
        ):
            if self.search_edit.text():
                self.search_edit.clear()
            else:
                cast(QWidget, self.view()).setFocus()
            return True
        return super().eventFilter(watched, event)

    def _fit_search_placeholder(self) -> None:
        """ "Search posts (Ctrl+F)" where it fits, else "Search posts" (it was cut to
        "Search posts (Ctrl…"); the key stays in the tooltip."""
        edit = self.search_edit
        full = f"Search posts ({SEARCH_KEYS})"
        room = edit.width() - 40  # the frame, its margins and the clear button
        fits = edit.fontMetrics().horizontalAdvance(full) <= room
        edit.setPlaceholderText(full if fits else "Search posts")

    def _apply_search(self) -> None:
        self._search_pause.stop()
        text = self.search_edit.text()
        if text != self.session.filters.search:
            self.session.set_filters(replace(self.session.filters, search=text))

    def _search_results(self, filters: Filters) -> list[tuple[int, date]]:
        """The dated posts the search (and the other filters) lets through, as (id,
        day) in date order; kept for the next Enter until the calendar or the filters
        change."""
        if self._found is not None and self._found[0] == filters:
            return self._found[1]
        found = self.session.store.dated_in_order(
            filters.search_hits or (), **self._search_filters(filters)
        )
        self._found = (filters, found)
        return found

    def _search_count(self, filters: Filters) -> int:
        """How many posts :meth:`_search_results` gives, counted (not ordered, at each
        change of the search), from the file as it is: a change of posts tells the
        filters before the window forgets the results it held (the count was one step
        behind an edit, or an undo)."""
        return self.session.store.count_dated(
            filters.search_hits or (), **self._search_filters(filters)
        )

    @staticmethod
    def _search_filters(filters: Filters) -> dict[str, Any]:
        return {
            "hidden_channels": filters.hidden_channels,
            "message_ids": filters.messages,
            "statuses": filters.statuses,
            "campaign_ids": filters.campaigns,
        }

    def _search_entered(self) -> None:
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self.find_next(forward=not shift)

    def find_next(self, *, forward: bool = True) -> bool:
        """Enter in the search box: show the next dated post that matches, in whatever
        month it is (Shift+Enter: the one before), and count them in the status bar.
        False when nothing matches."""
        from .editor import date_text, elide

        self._apply_search()  # what is typed, without waiting for the pause
        filters = self.session.filters
        text = filters.search.strip()
        if not text:
            return False
        if not self.session.store.searches(text):
            self._match_said = f"'{text}' alone is not looked for; type a word."
            self.statusBar().showMessage(self._match_said, 8000)
            return False
        found = self._search_results(filters)
        if not found:
            hidden = filters.active_besides_search and self.session.store.dated_in_order(
                filters.search_hits or ()
            )
            said = f"No dated post matches '{text}'."
            if hidden:
                said = f"No dated post shown matches '{text}': the filters hide those that do."
            ideas = len(self.session.backlog())  # those the search finds, as the backlog lists
            if ideas:
                said += f" {plural(ideas, 'idea')} in the backlog {'does' if ideas == 1 else 'do'}."
            self._match_said = said  # (gone with the search, as a count of matches)
            self.statusBar().showMessage(said, 8000)
            return False
        ids = {post_id: i for i, (post_id, _) in enumerate(found)}
        selected = [ids[i] for i in self.view().selected_post_ids() if i in ids]
        if selected:
            index = (selected[0] + (1 if forward else -1)) % len(found)
        else:  # the first on or after the day shown, or the last before it
            day = self.view().current_date()
            first = bisect_left(found, day, key=itemgetter(1))
            index = (first if forward else first - 1) % len(found)
        post_id, when_day = found[index]
        post = self.session.store.post(post_id)
        self._period_said = True  # with the match's day, in the status bar below
        try:
            self.go_to(when_day)
        finally:
            self._period_said = False
        self.view().select_posts([post_id])
        if not FIRST_DAY <= when_day <= LAST_DAY:  # (an earlier release let it in)
            self._match_said = (
                f"{index + 1} of {len(found)}: '{elide(post.title)}' is dated"
                f" {when_day.isoformat()}, which {OUTSIDE_PLANS}; give it a day with"
                f" 'cadence post move'."
            )
            self.statusBar().showMessage(self._match_said, 8000)
            return True
        when = date_text(when_day)
        self._match_said = f"{index + 1} of {len(found)}: '{elide(post.title)}', {when}"
        self.statusBar().showMessage(self._match_said, 8000)
        return True

    def _toggle_panel(self) -> None:
        panel = self.cadence_panel
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is panel or panel.isAncestorOf(focus))
        panel.setVisible(self.panel_action.isChecked())
        if had_focus and not panel.isVisible():
            # Qt would pass the focus on to the next widget in the tab chain (the
            # toolbar's buttons): the keyboard user goes on in the calendar instead.
            cast(QWidget, self.view()).setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- filters --------------------------------------------------------------

    def _fill_filter_menu(self, key: FilterKey, menu: QMenu | None = None) -> None:
        """Fill a filter's menu (its toolbar button's, or View > Filter's)."""
        menu = self.filter_buttons[key].menu() if menu is None else menu
        scrolling = _scrolling_menus()  # made when first shown, not at start-up
        if menu.style() is not scrolling:
            menu.setStyle(scrolling)
        menu.clear()
        # Its name, what a tick means: a screen reader named it "Cadence", and its first
        # line, which says so, is no item the arrows stop on.
        menu.setAccessibleName(_FILTER_HEADINGS[key])
        filters = self.session.filters
        items: list[tuple[object, str, bool]]
        if key == "channels":
            hidden = filters.hidden_channels
            items = [
                (c.id, f"{c.name} (archived)" if c.archived else c.name, c.id not in hidden)
                for c in self.session.listed_channels()
            ]
        elif key == "messages":
            items = [(m.id, m.title, m.id in filters.messages) for m in self.session.key_messages()]
        elif key == "campaigns":
            items = [(c.id, c.name, c.id in filters.campaigns) for c in self.session.campaigns()]
        else:
            items = [(s, s.value.capitalize(), s in filters.statuses) for s in PostStatus]
        # A long name cut short, whole in its tooltip: one of 400 characters made the
        # menu as wide as the screen.
        menu.setToolTipsVisible(True)
        metrics = menu.fontMetrics()
        room = metrics.averageCharWidth() * _FILTER_NAME_CHARACTERS
        for value, label, checked in items:
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
            action = menu.addAction(menu_text(shown))
            if shown != label:
                action.setToolTip(plain_tooltip(label))  # as written, tags and all
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(lambda on, k=key, v=value: self.toggle_filter(k, v, on))
        if not items:  # a menu of "Show all" alone looked broken
            kind = without_access_key(FILTER_MENUS[key]).lower()
            menu.addAction(f"No {kind} in this calendar yet").setEnabled(False)
            return
        # What a tick means, first: the channels ticked are shown (as the sidebar's boxes
        # say), while the other menus show only what they tick, all when none is.
        heading = QAction(_FILTER_HEADINGS[key], menu)
        heading.setEnabled(False)
        menu.insertAction(menu.actions()[0], heading)
        menu.insertSeparator(menu.actions()[1])
        menu.addSeparator()
        menu.addAction("Show All").triggered.connect(lambda: self.clear_filter(key))

    def toggle_filter(self, key: FilterKey, value: object, on: bool) -> None:
        """Turn one filter entry on or off (the toolbar's filter menus)."""
        self.session.set_filters(self.session.filters.toggled(key, value, on))
        self._update_filter_buttons()

    def clear_filter(self, key: FilterKey) -> None:
        self.session.set_filters(self.session.filters.cleared(key))
        self._update_filter_buttons()

    def sort_backlog(self, order: str, *, said: bool = True) -> None:
        """List the backlog's ideas in ``order`` (a key of :data:`BACKLOG_ORDERS`), kept
        for the next start."""
        if order not in BACKLOG_ORDERS:
            order = "changed"  # (a settings file's word that is none)
        self._backlog_order = order
        with busy():  # 50,000 ideas' titles read for their order: a second or two
            self.backlog.model.set_order(order)
        self.backlog.show_current()  # the ideas picked, where the order put them
        if said:  # (chosen: a screen reader heard nothing change)
            self.statusBar().showMessage(f"The backlog lists its ideas {_ORDER_SAID[order]}.", 5000)
        for action in self._backlog_orders.actions():
            action.setChecked(action.data() == order)

    def show_all_posts(self) -> None:
        """Clear the filters and the searches (the window's, the backlog's): every post
        in sight again."""
        self.search_edit.clear()
        self.backlog.search.clear()  # (its ideas were still narrowed: "1 of 8 ideas")
        self.session.set_filters(Filters())  # (the buttons follow, as the filters change)
        self.statusBar().showMessage(
            "The filters and the search are cleared: every post is shown.", 5000
        )

    def _update_filter_buttons(self) -> None:
        f = self.session.filters
        # (The backlog's search as it narrows: "#" alone looks for nothing.)
        searching = self.session.store.searches(self.backlog.search.text())
        self.show_all_action.setEnabled(f.active or searching)
        for key, button in self.filter_buttons.items():
            count = len(f.chosen(key))
            suffix = f" ({'−' if key == 'channels' else ''}{count})" if count else ""
            label = without_access_key(FILTER_MENUS[key])
            button.setText(label + suffix)
            # What the count shows, to a screen reader too.
            name = f"Filter by {label.lower()}"
            if count:
                name += f": {count} hidden" if key == "channels" else f": {count} chosen"
            button.setAccessibleName(name)

    # -- posts ----------------------------------------------------------------

    def _in_backlog(self) -> bool:
        return self.backlog.hasFocus() or self.backlog.isAncestorOf(self.focusWidget())

    def selected_post_ids(self) -> list[int]:
        """The posts Edit acts on: the backlog's when it has the focus; none while the
        user works in the sidebar or the cadence panel (a post selected in the calendar
        a while ago is not what Delete there means); the calendar's otherwise."""
        if self._in_backlog():
            return self.backlog.selected_post_ids()
        focused = QApplication.focusWidget()
        if focused is not None:
            for elsewhere in (self.sidebar, self.cadence_panel):
                if focused is elsewhere or elsewhere.isAncestorOf(focused):
                    return []
        return self.view().selected_post_ids()

    def new_post(self) -> None:
        from .editor import new_post

        new_post(self.session, self, self.view().current_date(), select=self._select_placed)

    def new_post_at(self, day: date, at: time | None) -> None:
        """A new post on ``day`` at ``at`` (the week's empty slot double-clicked)."""
        from .editor import new_post

        new_post(self.session, self, day, at, select=self._select_placed)

    def new_idea(self) -> None:
        from .editor import new_post

        new_post(self.session, self, None, select=self._select_placed)

    def _still_here(self, post_ids: Sequence[int]) -> bool:
        """Whether the posts about to be acted on are still in the calendar. One another
        window or program deleted while this one showed it is said, and the calendar
        read again ("There is no post number 93"; Delete added empty steps to undo)."""
        wanted = set(post_ids)
        if not wanted or self.session.store.count_existing(wanted) == len(wanted):
            return True
        self.check_for_outside_changes()
        them = "That post was" if len(wanted) == 1 else "Some of those posts were"
        self.statusBar().showMessage(
            f"{them} deleted in another window or program meanwhile, so nothing was"
            " done; the calendar shows what is there now.",
            10_000,
        )
        return False

    def edit_post(self, post_id: int) -> None:
        """Open a post in the editor; given another day there, the view follows it (the
        keyboard's day, Tab and Paste stayed on the day it left)."""
        from .editor import open_post_editor

        if not self._still_here([post_id]):
            return
        before = self.session.posts([post_id])
        if not open_post_editor(self.session, self, post_id, select=self._select_placed):
            return
        # Saved as the filters hide it (set to Published under a Scheduled filter): said,
        # and not followed to its new day, where nothing would show.
        if self.session.said_hidden([post_id]):
            return
        after = self.session.posts([post_id])
        if before and after and after[0].date != before[0].date:
            self._select_placed([post_id], placed_here=False)

    def _say_select_first(self) -> None:
        """Nothing picked for Cut, Copy, Delete or Edit: said, with the key that picks
        the agenda's row the keyboard is on (read out, opened by Enter, yet not picked:
        arriving in the agenda picks nothing, so Delete there deletes nothing unasked)."""
        said = "Select a post first."
        view = self.view()
        keyboard_on_a_row = self.view_index() == 2 and self.agenda_view.table.hasFocus()
        if keyboard_on_a_row and view.focused_post() is not None:
            said += " Space selects the row the keyboard is on."
        self.statusBar().showMessage(said, 5000)

    def edit_selected(self) -> None:
        """Open the selected post: of several, the one last clicked (or tabbed to)."""
        selected = self.selected_post_ids()
        if not selected:  # (as Cut and Copy say: Ctrl+E did nothing, unsaid)
            self._say_select_first()
            return
        focused = None if self._in_backlog() else self.view().focused_post()
        self.edit_post(focused if focused in selected else selected[0])

    def delete_selected(self) -> None:
        with busy():  # a backlog's selection of 50,000 ideas takes half a second
            selected = self.selected_post_ids()
        if not selected:
            self._say_select_first()
            return
        if not self._still_here(selected):
            return
        scope = series_scope(self.session, self, selected, "delete")
        if scope is None:
            return
        view = self.view()
        away = 0 if self._in_backlog() else view.selected_out_of_sight()
        with busy():  # the posts as they are, for the undo
            command = DeletePostsCommand(self.session, selected, scope=scope)
        if not self.session.try_push(command, self):
            return
        gone = len(command.last_changes.removed_posts) or len(selected)
        if gone > 1 or away or command.left_published or command.left_in_backlog:
            # Several at once (a day's "+2" selects the day, Ctrl+A the month), or a row
            # scrolled away (Ctrl+End moved the ring, not the selection), went with no
            # word, or no sign on screen: said, with the way back.
            undo = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            unseen = f", {away} of them out of sight" if away else ""
            self.statusBar().showMessage(
                said_deleted(
                    gone,
                    command.left_published,
                    undo,
                    unseen,
                    left_in_backlog=command.left_in_backlog,
                ),
                10_000,
            )

    def copy_selected(self, *, cut: bool = False) -> None:
        """Put the selected posts on the clipboard: for a paste on another day here,
        and as iCalendar and text for other programs. Cut posts stay where they are
        until the paste moves them."""
        from .dnd import posts_mime, put_on_clipboard

        field = self._text_field()
        if field is not None:  # chosen from the Edit menu while typing
            (field.cut if cut else field.copy)()
            return
        with busy():  # 50,000 ideas: a second to read and put on the clipboard
            selected = self.selected_post_ids()
            posts = self.session.posts(selected) if self._still_here(selected) else None
        if posts is None:
            return
        if not posts:
            self._say_select_first()
            return
        if cut and self.session.store.read_only:  # nothing moves out of it: a copy
            self.statusBar().showMessage(
                "This calendar is read-only, so its posts can be copied, not cut.", 8000
            )
            return
        # The earliest post lands on the day of the paste; the others keep their distance.
        # Days picked by the keyboard (a stretch, Select All): their first day does.
        anchor = min(posts, key=lambda p: (p.date is None, p.date or date.min, p.time or time.min))
        origin = None if self._in_backlog() else self.view().selection_origin()
        with busy():
            put_on_clipboard(posts_mime(self.session, posts, anchor.id, cut=cut, origin=origin))
        self._cut_pasted = None  # copied or cut anew: an undone paste no longer decides
        paste = self.paste_posts_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        verb, then = ("Cut", "move") if cut else ("Copied", "repeat")
        them = "them" if len(posts) > 1 else "it"
        if origin is None:
            said = f"select a day and paste ({paste}) to {then} {them} there."
        else:
            first = day_text(origin, year=self.session.today())
            said = f"select the day for {first} and paste ({paste})"
            # (Not "keep their days": they move, as far from it as they were.)
            said += "; the others keep their distance from it." if len(posts) > 1 else "."
        self._clipboard_word = f"{verb} {plural(len(posts), 'post')}: {said}"
        self.statusBar().showMessage(self._clipboard_word, 8000)

    def paste(self) -> None:
        """Paste clipboard posts on the selected day (into the backlog when it has the
        focus): copied posts are repeated there, cut posts move there."""
        field = self._text_field()
        if field is not None:
            field.paste()
            return
        self._paste_posts()

    def _on_clipboard(self) -> tuple[QMimeData | None, Carried | None]:
        """What the clipboard holds, and the posts it carries (None: none)."""
        from .dnd import carried_posts

        mime = QApplication.clipboard().mimeData()
        return mime, carried_posts(self.session, mime) if mime is not None else None

    @staticmethod
    def _slot_paste_text(at: time, carried: Carried | None) -> str:
        """The week slot's Paste: at its time, but posts picked by days keep theirs
        (their first day lands on the slot's day)."""
        if carried is not None and carried.origin is not None:
            return "&Paste on This Day (Times Kept)"
        return f"&Paste at {clock_text(at)}"

    def _add_paste_at_a_time(self, menu: QMenu) -> None:
        """In the week, "Paste at a Time…": the keyboard's way to an hour of the week (a
        right-click on the grid names its slot's; the Menu key has none)."""
        if self.view_index() == 1 and not self._in_backlog():
            carried = self._on_clipboard()[1]
            at_time = menu.addAction("Paste at a T&ime…", self.paste_at_a_time)
            at_time.setEnabled(carried is not None and carried.origin is None)
            # As a drop on the all-day strip: the keyboard had no way to take the times
            # off posts but the editor, one post at a time.
            all_day = menu.addAction("Paste A&ll Day", partial(self._paste_posts, all_day=True))
            all_day.setEnabled(carried is not None)

    def paste_at_a_time(self) -> None:
        """Paste on the week's day at a time asked for: the first post copied goes out
        then, the others as far in time from it as they were."""
        _mime, carried = self._on_clipboard()
        if carried is None:
            return
        anchor = self.session.posts([carried.anchor] if carried.anchor is not None else [])
        wanted = (anchor[0].time if anchor and carried.ours else None) or time(9, 0)
        day = day_text(self.week_view.current_date())  # the day is said, not only shown
        at = ask_time(self, "Paste at a Time", wanted, f"Paste on {day} &at:")
        if at is not None:
            self._paste_posts(at)

    def _paste_posts(self, at: time | None = None, *, all_day: bool = False) -> None:
        """Paste posts; ``at`` sets the time of the one copied first (the others move as
        far in time), as a drop on the week's grid does; ``all_day`` takes their times
        off, as a drop on its all-day strip does."""
        from .dnd import drop_posts, landing_time, posts_mime, put_on_clipboard

        if self.statusBar().currentMessage() == self._clipboard_word:
            self.statusBar().clearMessage()  # "select a day and paste": done, or said why not
        mime, carried = self._on_clipboard()
        day = None if self._in_backlog() else self.view().current_date()
        when = None if all_day and day is not None else landing_time(day, at)
        if carried is not None and not carried.ours:
            landed: list[int] = []
            said = paste_from_calendar(self.session, self, carried, day, when, landed.extend)
            if said is not None:
                self._say_copied(said)
            self._select_placed(landed)
            return
        if mime is None or carried is None or not carried.still(self.session.posts(carried.ids)):
            self.statusBar().showMessage(
                "The copied posts are no longer in the calendar."
                if carried is not None
                else self._no_posts_word(mime),
                8000,
            )
            return
        landed = drop_posts(self.session, self, mime, day, when, copy=not carried.cut)
        self._select_placed(landed)
        if not landed and carried.cut:
            self._say_cut_there_already(carried, day)
        if landed and carried.cut:
            # Moved: from now on a paste repeats them, as after a copy.
            posts = carried.still(self.session.posts(carried.ids))
            # The first day picked moved with them: the day pasted on is their first now.
            origin = day if carried.origin is not None else None
            put_on_clipboard(posts_mime(self.session, posts, carried.anchor, origin=origin))
            stack = self.session.undo_stack
            self._cut_pasted = _CutPasted(stack.command(stack.index() - 1), carried, origin)

    def _say_cut_there_already(self, carried: Carried, day: date | None) -> None:
        """Cut and pasted back where they are (the backlog, a post's own day): nothing
        moves, said (a paste seemed lost, the word of the cut gone)."""
        them = carried.still(self.session.posts(carried.ids))
        if day is None and them and all(p.date is None for p in them):
            where = "in the backlog"
        elif day is not None and len(them) == 1 and them[0].date == day:
            where = "on this day"
        else:
            return
        self.statusBar().showMessage(
            f"The post you cut is {where} already."
            if len(them) == 1
            else f"The posts you cut are {where} already.",
            5000,
        )

    def _no_posts_word(self, mime: QMimeData | None) -> str:
        """Why a paste found no posts, by what the clipboard holds: an event copied in
        another program was told of "a Cadence window closed since"."""
        from .dnd import ICS_MIME

        if mime is not None and mime.hasFormat(ICS_MIME):
            keys = self.import_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            return (
                "The clipboard holds an event from another program, not posts: save it as"
                f" an iCalendar (.ics) file and bring it in with File > Import ({keys})."
            )
        if mime is not None and mime.hasText() and mime.text().strip():
            return (
                "The clipboard holds text, not posts: copy posts in Cadence first (posts"
                " copied in a Cadence window closed since are left as text)."
            )
        return "The clipboard holds no posts: copy them first."

    def _follow_cut_paste(self, index: int) -> None:
        """The paste that moved cut posts undone: they are cut again, a paste moves them
        (it copied them, and the post stood on both days); redone: a paste repeats them
        again. Only while the clipboard still holds those posts."""
        from .dnd import posts_mime, put_on_clipboard

        pasted = self._cut_pasted
        if pasted is None:
            return
        _mime, held = self._on_clipboard()
        if held is None or set(held.ids) != set(pasted.carried.ids) or not held.ours:
            self._cut_pasted = None  # something else was copied since
            return
        stack = self.session.undo_stack
        # Undone, or undone and dropped since for another step: nothing stays moved.
        undone = not any(stack.command(i) is pasted.step for i in range(index))
        if undone == held.cut:
            return
        posts = held.still(self.session.posts(held.ids))
        carried = pasted.carried
        if undone:
            mime = posts_mime(self.session, posts, carried.anchor, cut=True, origin=carried.origin)
        else:
            mime = posts_mime(self.session, posts, carried.anchor, origin=pasted.origin)
        put_on_clipboard(mime)

    def show_context_menu(self) -> None:
        """Shift+F10: the menu the Menu key opens where the focus is (Qt on Linux gives a
        context menu only to that key; laptops often lack it)."""
        widget = QApplication.focusWidget()
        if widget is None or widget.window() is not self:
            return
        cursor = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
        if isinstance(cursor, QRectF):
            cursor = cursor.toRect()
        spot = cursor.center() if isinstance(cursor, QRect) else QPoint()
        if not widget.rect().contains(spot):
            spot = widget.rect().center()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, spot, widget.mapToGlobal(spot))
        QApplication.sendEvent(widget, event)

    def _add_post_edit_entries(self, menu: QMenu) -> None:
        """Cut, Copy, Paste (of posts) and Delete, for a menu of picked posts."""
        menu.addActions([self.cut_posts_action, self.copy_posts_action])
        self._add_posts_paste(menu)
        menu.addAction(self.delete_action)

    def _text_field(self) -> QLineEdit | QPlainTextEdit | None:
        """The text field being typed in, if any: the Edit menu's Cut, Copy and Paste are
        its own then (its keys already are)."""
        from PySide6.QtWidgets import QPlainTextEdit  # not needed for the first paint

        focused = QApplication.focusWidget()
        return focused if isinstance(focused, QLineEdit | QPlainTextEdit) else None

    def _offer_post_menu(self, widget: QAbstractScrollArea) -> None:
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(  # at a point of the list's viewport
            lambda pos: self.post_menu().popup(widget.viewport().mapToGlobal(pos))
        )

    def post_menu(self, at: time | None = None) -> QMenu:
        """The context menu of the month and week views and the backlog, for the
        posts the click selected (or the day, or the backlog, when it hit none);
        ``at``, the hour of the week's empty slot clicked, goes to New Post and Paste."""
        menu = self._post_menu
        self._drop_post_menu()
        if self.selected_post_ids():
            menu.addAction("&Open", self.edit_selected)
            menu.addSeparator()
            self._add_post_edit_entries(menu)
            # A post just cut stays picked: the keyboard's way to move it to another
            # hour of its day was in the menu of no post only.
            self._add_paste_at_a_time(menu)
            menu.addSeparator()
            menu.addMenu(self._status_menu)
        elif at is not None:
            day = self.view().current_date()
            menu.addAction(f"&New Post at {clock_text(at)}…", partial(self.new_post_at, day, at))
            carried = self._on_clipboard()[1]
            text = self._slot_paste_text(at, carried)
            paste = menu.addAction(text, partial(self._paste_posts, at))
            paste.setEnabled(carried is not None)
        else:
            self._add_blank_entries(menu)
        if self._in_backlog():
            menu.addSeparator()
            menu.addMenu(self.backlog_sort_menu)
        else:
            from .gaps import add_gap_menus

            day = self.view().current_date()
            many = add_gap_menus(
                menu, self.session, self, day, at, self._select_placed, self.go_to, self.say_filled
            )
            if many is not None:
                many.setStyle(_scrolling_menus())  # 300 messages may all be overdue
        return menu

    def _add_blank_entries(self, menu: QMenu) -> None:
        """The menu of no post: a new one on the current day (an idea in the backlog),
        and Paste when the clipboard holds posts."""
        menu.addAction(self.new_idea_action if self._in_backlog() else self.new_post_action)
        self._add_posts_paste(menu)
        self._add_paste_at_a_time(menu)

    def _add_posts_paste(self, menu: QMenu) -> None:
        """Paste, offered only when the clipboard holds posts. The Edit menu's stays
        (it pastes text into a field too): a post's menu gave it, and with another
        program's text on the clipboard it was offered there and greyed on a day."""
        keys = self.paste_posts_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        paste = menu.addAction(f"{self.paste_posts_action.text()}\t{keys}", self.paste)
        paste.setEnabled(self._on_clipboard()[1] is not None)

    def _drop_post_menu(self) -> None:
        """Empty the context menu of its last popup: its actions, and its "Fill the Gap"
        submenus (each right-click on a gap left two hidden menus behind, and with them
        the session their actions named, after another calendar was opened)."""
        menu = self._post_menu
        menu.clear()
        for name in ("gapMenu", "gapMenus"):
            for submenu in menu.findChildren(QMenu, name):
                submenu.setParent(None)  # gone from the window's widgets now
                submenu.deleteLater()

    def _say_occurrences(self, count: int) -> None:
        self._tell_placed(
            (
                "1 of the moved posts is part of a series: it moved, its series stayed."
                if count == 1
                else f"{count} of the moved posts are part of a series: they moved, their"
                " series stayed."
            )
            + " To move a whole series, drag one of its posts on its own."
        )

    def _say_copied(self, said: str) -> None:
        """What posts from another calendar brought: said, and said again after what a
        placement of them tells next (:meth:`_say_placed`) in the same turn."""
        self._copied_note = said
        self._tell_placed(said)
        QTimer.singleShot(0, self, self._forget_copied)  # with the window, if it goes

    def _forget_copied(self) -> None:
        self._copied_note = ""

    def _panel_day_activated(self, day: date) -> None:
        """The cadence panel's day clicked or chosen with Enter: the calendar goes there,
        and says so (the keyboard stays in the panel, and nothing told a screen reader
        that anything had happened)."""
        self.go_to(day)
        # The calendar is the pane before the panel's (Ctrl+Tab went on to the key
        # messages).
        keys = self.previous_pane_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.statusBar().showMessage(
            f"The calendar shows {day_text(day, year=True)}; {keys} goes to it.", 8000
        )

    def _say_placed(self, text: str) -> None:
        """A word on posts just placed, followed by what they brought from another
        calendar when they came from one (it was lost under this, or this under it)."""
        copied = self._copied_note
        both = f"{text} {copied}"
        # Both when a status bar has room for them; the placement's word, which asks for
        # something, when not (the other was said a moment before).
        fits = len(both) <= STATUS_LINE_CHARACTERS
        self._tell_placed(both if copied and fits else text)

    @staticmethod
    def _message_statuses(session: CalendarSession) -> _Statuses:
        """Each key message's title and status as the sidebar says it, as of today."""
        report = session.report()
        return report.as_of, {
            m.message_id: (m.title, status_text(m.status, m.overdue_days)) for m in report.messages
        }

    def _say_statuses_changed(self, *_: object) -> None:
        """A step that changed a key message's status (a drop filled its gap, an undo
        opened it again) is said to a screen reader, as a sighted user sees its badge
        change in the sidebar (it heard the post placed and nothing of the gap). Not
        what a new day changed ("overdue by 14 days (was 13)" for every message, at the
        first step after midnight): that was no step's doing."""
        (day, before), self._statuses = self._statuses, self._message_statuses(self.session)
        if day != self._statuses[0]:
            return
        changed = [
            f"{title}: {now} (was {before[key][1]})"
            for key, (title, now) in self._statuses[1].items()
            if key in before and before[key][1] != now
        ]
        if len(changed) > SAID_STATUSES:  # 50 messages read out one after the other
            rest = len(changed) - SAID_STATUSES + 1
            changed[SAID_STATUSES - 1 :] = [f"and {rest} other key messages changed status"]
        if changed:
            accessible.announce(self, "; ".join(changed))

    def _forget_placed_word(self, *_: object) -> None:
        bar = self.statusBar()
        if self._placed_word and bar.currentMessage() == self._placed_word:
            bar.clearMessage()
        self._placed_word = ""

    def say_filled(self, text: str) -> None:
        """A word on a gap just filled from a menu (:func:`.gaps.add_fill_actions`), unless
        its placing said one of its own (hidden by the filters, on a past day...)."""
        if not self._placed_word:
            self._tell_placed(text)

    def _tell_placed(self, text: str) -> None:
        """A word on posts just placed, for ten seconds: the selection of them that
        follows does not write over it (:meth:`_say_out_of_sight`)."""
        self._placed_word = text
        self.statusBar().showMessage(text, 10_000)

    def _say_hidden(self, count: int, hiding: str, them: str, verb: str = "placed") -> None:
        self._say_placed(
            f"The post you {verb} is hidden by {hiding}; clear {them} to see it."
            if count == 1
            else f"{count} of the posts you {verb} are hidden by {hiding}; clear {them}"
            " to see them."
        )

    def _say_hidden_by_search(self, count: int) -> None:
        self._say_placed(
            "The post you placed in the backlog is hidden by its search; clear it to see it."
            if count == 1
            else f"{count} of the posts you placed in the backlog are hidden by its search;"
            " clear it to see them."
        )

    def _say_shelved(self, text: str) -> None:
        """Posts placed on an archived channel or after their campaign: said, unless
        they came from another calendar, whose paste says what it brought (and what is
        archived here) in words of its own."""
        if not self._copied_note:
            self._say_placed(text)

    @staticmethod
    def _which_placed(count: int, total: int, first: date) -> str:
        """The posts placed a word is about: "The post you placed is", "1 of the 6 posts
        you placed is … (Sun 4 Jan)" (a series moved whole said "the post" of January's,
        which the user never saw move, not the one dropped), "3 of the posts … are"."""
        if total == 1:
            return "The post you placed is"
        if count == 1:
            return f"1 of the {total} posts you placed ({day_text(first)}) is"
        if count == total:  # "2 of the posts" sent the eye looking for the others
            return f"The {count} posts you placed are"
        return f"{count} of the {total} posts you placed are"

    def _say_past(self, count: int, total: int, first: date) -> None:
        them = count > 1
        self._say_placed(
            f"{self._which_placed(count, total, first)} on"
            f" {'past days' if them else 'a past day'}, so Cadence counts"
            f" {'them' if them else 'it'} as delivered; set {'them' if them else 'it'} to"
            f" Published if {'they' if them else 'it'} went out, or to Cancelled."
        )

    def _say_unpublished(self, count: int) -> None:
        self._say_placed(
            "The published post you moved to the backlog is a draft there, and no longer"
            " counts as delivered; Undo (Ctrl+Z) puts it back on its day."
            if count == 1
            else f"{count} of the posts you moved to the backlog were published: they are"
            " drafts there, and no longer count as delivered; Undo (Ctrl+Z) puts them back."
        )

    def _say_published_ahead(self, count: int) -> None:
        self._say_placed(
            "The published post you moved to a future day is Scheduled now, as it has not"
            " gone out yet; Undo (Ctrl+Z) puts it back on the day it went out."
            if count == 1
            else f"{count} published posts you moved to future days are Scheduled now, as"
            " they have not gone out yet; Undo (Ctrl+Z) puts them back."
        )

    def _say_missed(self, count: int, total: int, first: date) -> None:
        # (It "never went out", then "set it to Published if it went out": which was it?)
        them = count > 1
        self._say_placed(
            f"{self._which_placed(count, total, first)}"
            f" {'drafts on past days' if them else 'a draft on a past day'}, so"
            f" {'they do' if them else 'it does'} not count as delivered; if"
            f" {'they' if them else 'it'} did go out, set {'them' if them else 'it'} to"
            " Published."
        )

    def _enable_undo(self, *_: object) -> None:
        """Undo on, naming its step, while there is one it may take back (none below
        the session's floor, :meth:`.CalendarSession.can_undo`)."""
        try:
            can = self.session.can_undo()
            text = self.session.undo_stack.undoText() if can else ""
        except RuntimeError:  # the history going with its session, as the window closes
            return
        self.undo_action.setEnabled(can)
        self._undo_text_changed(text)

    def _undo(self) -> None:
        """Edit > Undo; see :meth:`_stepped`."""
        self._step_back_or_on(-1)

    def _redo(self) -> None:
        """Edit > Redo; see :meth:`_stepped`."""
        self._step_back_or_on(+1)

    def _step_back_or_on(self, direction: int) -> None:
        stack = self.session.undo_stack
        back = direction < 0
        command = None
        if self.session.can_undo() if back else stack.canRedo():
            command = stack.command(stack.index() - 1 if back else stack.index())
        before = self.statusBar().currentMessage()
        self._stepping = True
        try:
            went = self.session.undo(self) if back else self.session.redo(self)
        finally:
            self._stepping = False
        self._stepped(command, "Undone" if back else "Redone", went, before)

    def _forget_step_word(self, _index: int) -> None:
        """A step taken after an undo or redo: its word ("Undone: Move post (now on Thu
        19 Nov)") goes, as it no longer says where the posts are."""
        if self._stepping or not self._step_word:
            return
        bar = self.statusBar()
        if bar.currentMessage() == self._step_word:
            bar.clearMessage()

    def _stepped(
        self, command: QUndoCommand | None, done: str, went: bool, before: str = ""
    ) -> None:
        """After an undo or redo: the status bar says which step it was and where its
        posts are now (nothing told a keyboard or screen-reader user what moved, or
        where); posts a deletion's undo brings back are selected where they are, as they
        were when deleted (Enter or Delete then acts on them again)."""
        if not went or command is None:
            return
        back: list[int] = []
        if done == "Undone" and isinstance(command, DeletePostsCommand):
            back = [p.id for p in self.session.posts(command.post_ids)]
            if back:
                self._select_placed(back, placed_here=False)  # back as they were: not placed
        bar = self.statusBar()
        if bar.currentMessage() and bar.currentMessage() == self._placed_word:
            bar.clearMessage()  # it spoke of posts the step took away, or put back
        said = bar.currentMessage()
        # What the step itself said comes first; a word on an earlier step gives way
        # ("Deleted 40 posts…; Ctrl+Z brings them back" stayed once they were back).
        if not said or said in (self._summary, self._step_word, before):
            where = ""
            placed = command.placed_posts() if isinstance(command, StoreCommand) else None
            if placed:
                day, days, ideas = self.session.store.spread(placed)
                if day is not None:
                    first = day_text(day, year=self.session.today())
                    more = days - 1
                    away = self._picked_away(placed)
                    where = f" (now on {first}" + (
                        f" and {plural(more, 'other day')}" if more else ""
                    )
                    if ideas:  # a series' post in the backlog: it named no day
                        where += f"; {ideas} in the backlog"
                    where += ", still selected)" if away else ")"
                elif ideas:  # as a day is said: "Redone: Unschedule post." alone
                    where = " (now in the backlog)"
            self._step_word = f"{done}: {command.text()}{where}.{self._hidden_note(placed or back)}"
            bar.showMessage(self._step_word, 8000)

    def _picked_away(self, post_ids: Iterable[int]) -> bool:
        """Whether some of these posts are picked on days the view does not show (a move
        undone took a picked post back out of sight: a Delete then deleted it, unsaid)."""
        view = self.view()
        if not view.selected_out_of_sight():
            return False
        first, last = view.visible_range()
        picked = set(view.selected_post_ids()) & set(post_ids)
        return any(
            p.date is not None and not first <= p.date <= last for p in self.session.posts(picked)
        )

    def _hidden_note(self, post_ids: Iterable[int]) -> str:
        """A word for posts an undo or redo put back where the filters, the search or the
        backlog's search hide them: " It is hidden by the filters; clear them to see it."
        (they came back out of sight, unsaid); else ""."""
        if not self.session.filters.active and not self.backlog.search.text().strip():
            return ""  # nothing hides them: not read (a redo of 100,000 posts, 1.6 s)
        posts = self.session.posts(post_ids)
        hidden = self.session.hidden_among(p.id for p in posts)
        if hidden:
            hiding, them = self.session.what_hides(hidden)
        else:
            # Asked only of ideas under a backlog search (every row of a backlog of
            # 40,000 ideas was read at each undo, half a second).
            ideas = [p for p in posts if p.date is None]
            if not ideas or not self.backlog.search.text().strip():
                return ""
            listed = set(self.backlog.shown_post_ids())
            hidden = [p for p in ideas if p.id not in listed]
            if not hidden:
                return ""
            hiding, them = "the backlog's search", "it"
        if len(hidden) == 1:
            return f" It is hidden by {hiding}; clear {them} to see it."
        return f" {len(hidden)} of them are hidden by {hiding}; clear {them} to see them."

    def _select_placed(self, post_ids: list[int], *, placed_here: bool = True) -> None:
        """Show and select posts just made or placed (a fill, a new post, a paste),
        ready to open with Enter: on their day in the view, or in the backlog. A view
        that shows one of their days stays where it is (a deletion undone, of a post on
        the dimmed 30 November of December's grid and one on 8 December, went to
        November, with 8 December out of sight)."""
        placed = self.session.posts(post_ids)
        if not placed:
            return
        if placed[0].date is None:
            self.backlog.select_posts(post_ids, placed=placed_here)
        else:
            first, last = self.view().visible_range()
            days = sorted(p.date for p in placed if p.date is not None)
            if not any(first <= day <= last for day in days):
                self.go_to(days[0])
            self.view().select_posts(post_ids)
            cast(QWidget, self.view()).setFocus()
            if self.view_index() == 2:
                self._say_placed_beyond_agenda(days)
        if placed_here:  # said after the selection is (which may say something too)
            self.session.placed(post_ids)

    def _say_placed_beyond_agenda(self, days: list[date]) -> None:
        """Posts placed in the agenda on days past its month (a paste keeps the days
        between its posts): they are no rows of it, said ("2 selected" of 3 pasted, the
        third gone to January unsaid). A word of the placing's own comes after it."""
        first, last = self.view().visible_range()
        away = [day for day in days if not first <= day <= last]
        if away:
            which = self._which_placed(len(away), len(days), away[0])
            self._tell_placed(f"{which} in {month_title(away[0])}, beyond the agenda's month.")

    def message_menu(self, message_id: int) -> QMenu:
        """The sidebar's menu for a key message: when it is overdue or unplanned, the
        ways to deliver it on the day it needs it (today, or its due day)."""
        from .gaps import add_fill_actions, next_fill

        menu = self._post_menu
        menu.clear()
        wanted = next_fill(self.session, message_id)
        if wanted is not None:
            day, heading = wanted
            menu.addAction(heading).setEnabled(False)
            message = self.session.key_message(message_id)
            add_fill_actions(
                menu, self.session, self, message, day, None, self._select_placed, self.say_filled
            )
            menu.addSeparator()
        edit = menu.addAction(self.messages_action.text())
        edit.triggered.connect(lambda: self.manage_messages(message_id))
        return menu

    def next_overdue(self) -> None:
        """Select the key message overdue longest after the one selected (from the first
        again after the last): 300 key messages showed a few rows, on time, and the 69
        overdue below them. The sidebar and the panel scroll to it, and the calendar
        tints its gaps. With none overdue, those with a gap ahead (nothing planned in
        time, or an upcoming message planned short), the soonest first, the calendar
        going to the gap."""
        report = self.session.report()
        overdue = sorted(  # (stable: in the sidebar's order where as long overdue)
            (m for m in report.messages if m.status == MessageStatus.OVERDUE),
            key=lambda m: -m.overdue_days,
        )
        ahead = sorted(
            ((day, m) for m in report.messages if (day := self._gap_ahead(m)) is not None),
            key=lambda found: found[0],
        )
        chosen_ids = [m.message_id for m in overdue] or [m.message_id for _, m in ahead]
        if not chosen_ids:
            self.statusBar().showMessage(
                "No key message is overdue, and none has a gap ahead.", 8000
            )
            return
        selected = self.session.selected_message
        at = (chosen_ids.index(selected) + 1) % len(chosen_ids) if selected in chosen_ids else 0
        message_id = chosen_ids[at]
        self.session.select_message(message_id)
        title = elide(self.session.key_message(message_id).title)  # (one line)
        if overdue:
            days = plural(overdue[at].overdue_days, "day")
            said = f"{title}: overdue by {days}"
        else:
            day = ahead[at][0]
            said = f"{title}: a gap from {day_text(day, year=self.session.today())}"
            first, last = self.view().visible_range()
            if not first <= day <= last:
                self.go_to(day)
        self.statusBar().showMessage(f"{said} ({at + 1} of {len(chosen_ids)}).", 8000)

    def _gap_ahead(self, message: MessageCadence) -> date | None:
        """The first day still to come on which a message not overdue today falls overdue,
        nothing planned in time for it: its first gap in the report's days, else where
        it is unplanned, the day after it is due (:func:`.gaps.next_fill`: none once it
        has ended); else None."""
        from .gaps import next_fill

        if message.status == MessageStatus.OVERDUE:
            return None
        today = self.session.today()
        ahead = next((gap.start for gap in message.gaps if gap.start > today), None)
        if ahead is None and message.status == MessageStatus.UNPLANNED:
            found = next_fill(self.session, message.message_id)
            ahead = found[0] + timedelta(days=1) if found is not None else None
        return ahead

    def gap_menu(self, message_id: int, day: date) -> QMenu:
        """The cadence panel's menu for one key message on one day: go there, or fill the
        gap the day is in from its first day still to come, today for one under way (a
        day of a bar is a few pixels wide, and a repeat put on the one under the pointer
        left the days of the gap before it red), said above the ways to fill it."""
        from .gaps import add_fill_actions

        menu = self._post_menu
        menu.clear()
        today = self.session.today()
        # With its year when not this one's ("Go to Fri 1 Jan" over "from Thu 17 Dec 2026").
        menu.addAction(f"&Go to {day_text(day, year=today)}", partial(self.go_to, day))
        menu.addSeparator()
        message = self.session.key_message(message_id)
        gap = self.session.report().message(message_id).gap_on(day)
        # (Also from the part of it gone by: the solid red, the bar most in sight.)
        fill = max(gap.start, today) if gap is not None and gap.end >= today else day
        if fill != day:
            menu.addAction(f"To fill the gap from {day_text(fill, year=today)}:").setEnabled(False)
        add_fill_actions(
            menu, self.session, self, message, fill, None, self._select_placed, self.say_filled
        )
        return menu

    def _offer_statuses(self) -> None:
        """Scheduled and Published only for posts with a day to go out on: one in the
        backlog given either stayed undated, "scheduled" (the editor refuses it)."""
        # Asked of the file, not read: half a second for the menu of 50,000 ideas.
        theirs, dated = self.session.store.shared_status(self.selected_post_ids())
        for action in self._status_menu.actions():
            status = PostStatus(action.data())
            if status in DATED_ONLY:
                action.setEnabled(dated)
            action.setChecked(status == theirs)

    def set_status(self, status: PostStatus) -> bool:
        """Give the selected posts ``status``: one undo step; False when none changes.
        An occurrence of a series asks, as the editor does, whether the others change
        too (cancelling a weekly series took a change in every month)."""
        with busy():  # a backlog's selection of 50,000 ideas takes half a second
            selected = self.selected_post_ids()
        if not self._still_here(selected):
            return False
        return set_posts_status(self.session, self, selected, status)

    def manage_messages(self, message_id: int | None = None) -> None:
        """The key messages' manager, on ``message_id``, else on the one highlighted
        (it opened on the first, whichever message the sidebar's menu was for)."""
        from .managers import KeyMessageManager

        manager = KeyMessageManager(self.session, self)
        chosen = message_id if message_id is not None else self.session.selected_message
        if chosen is not None:
            manager.select(chosen)
        run_modal(manager)

    def manage_channels(self) -> None:
        from .managers import ChannelManager

        run_modal(ChannelManager(self.session, self))

    def manage_campaigns(self) -> None:
        from .managers import CampaignManager

        run_modal(CampaignManager(self.session, self))

    def calendar_settings(self) -> None:
        """The calendar's name, time zone, week and default cadence, to see and change."""
        from .settings import show_calendar_settings

        show_calendar_settings(self.session, self)

    # -- status and title -------------------------------------------------------

    def _calendar_changed(self, changes: ChangeSet) -> None:
        if changes.posts:
            self._found = None
        if changes.calendar:
            self._update_title()
        if changes.messages:
            self._give_the_panel_its_rows()
        self._period_changed()

    def _give_the_panel_its_rows(self) -> None:
        """More key messages than the cadence panel had (one added, another client's
        calendar): it grows to show them all, up to a third of its column, rather than
        hiding the newest (an overdue one) below the fold. A panel made smaller by hand
        stays so until messages are added."""
        count = self.session.count_key_messages()
        more = count > self._panel_rows
        self._panel_rows = count
        panel = self.cadence_panel
        if not more or not panel.isVisible():
            return
        splitter = self.splitters[2]
        sizes = splitter.sizes()
        column = sum(sizes)
        wanted = min(panel.sizeHint().height(), column // 3)
        if sizes[1] < wanted:
            splitter.setSizes([column - wanted, wanted])

    def _update_title(self) -> None:
        store = self.session.store
        note = " (read-only)" if store.read_only else ""
        if in_backups(store.path):  # it reads as the calendar it is a copy of
            note = f" ({backup_named(store.path)}, read-only)"
        self.setWindowTitle(f"{store.info().name}{note} — Cadence")
        self.setWindowFilePath(str(self.session.store.path))

    def _filters_changed(self) -> None:
        """The summary, over a search's word of its matches, which the search or the
        filters changed ("60 of 104" stayed up for seconds after Escape cleared it)."""
        if self.statusBar().currentMessage() == self._match_said:
            self.statusBar().clearMessage()
        self._update_status()

    def _update_status(self) -> None:
        report = self.session.report()
        overdue = [m for m in report.messages if m.status == "overdue"]
        unplanned = [m for m in report.messages if m.status == "unplanned"]
        # Messages that start later with their plan short of them: "every key message
        # is on time" was said of a quarter ahead with nothing planned for it.
        short = [m for m in report.messages if m.status == "upcoming" and self._gap_ahead(m)]
        count = self.session.post_count()
        parts = [plural(count, "post")]
        f = self.session.filters
        if f.active_besides_search and self._views:
            # Filtered, the calendar's count read as the posts on screen ("177 posts"
            # over a month showing 7): those the view shows, of all.
            parts = [f"{self.view().shown_count()} of {parts[0]} in view"]
        if not count and not self.session.store.read_only:  # a new calendar: where to begin
            parts = ["No posts yet: double-click a day, or press N, to write the first"]
            if not self.session.channels():  # (the editor could not save it)
                parts = ["No channels yet: add the ones you post on in Edit > Channels…"]
        if overdue:
            parts.append(f"{len(overdue)} key message{'s' if len(overdue) != 1 else ''} overdue")
        if unplanned:
            parts.append(f"{len(unplanned)} unplanned")  # as their badges say
        if short:
            parts.append(f"{len(short)} upcoming with gaps")
        if not overdue and not unplanned and not short and report.messages:
            parts.append("every key message is on time")
        # What hides posts, said where it is always in sight (the toolbar's filter
        # buttons can be folded behind its » in a narrow window).
        filtered = [
            without_access_key(FILTER_MENUS[k]).lower() for k in FILTER_MENUS if f.chosen(k)
        ]
        if filtered:
            parts.append("filtered by " + ", ".join(filtered))
        if f.search_hits is not None:  # matches may all be in other months: say how to go
            found = self._search_count(f)  # those Enter goes to: dated, shown
            shown = " shown" if f.active_besides_search else ""  # as Enter says it
            parts.append(
                f"{plural(found, 'post')}{shown} {'matches' if found == 1 else 'match'} the"
                " search; Enter goes to each"
                if found
                else f"no dated post{shown} matches the search"
            )
        previous, self._summary = self._summary, " · ".join(parts)
        said = self.statusBar().currentMessage()
        if not said or said == previous:  # not over a passing word ("hidden by the search")
            self.statusBar().showMessage(self._summary)

    def _summary_again(self, message: str) -> None:
        """A passing message (a search's "1 of 2", a menu's tip) gone, the summary is back.
        One shown is said to a screen reader too (it reads the status bar only when
        asked): a result, not the summary back again nor a menu's tip of an item it says."""
        if not message and self._summary:
            self.statusBar().showMessage(self._summary)
        elif message and message != self._summary and QApplication.activePopupWidget() is None:
            accessible.announce(self.statusBar(), message)

    # -- files ----------------------------------------------------------------

    def open_calendar(self, path: Path) -> bool:
        """Switch the window to the calendar at ``path``; False (and a message) if it fails."""
        if self.session.store.is_file(path):
            self.statusBar().showMessage("That calendar is already open.", 5000)
            return True
        if self.session.store.moved_to(path):
            return self._open_moved(path)
        try:
            store = CalendarStore.open(path)
        except CadenceError as exc:
            self.show_error(self, exc)
            return False
        except OSError as exc:  # a folder one may not enter: one sentence, not a traceback
            self.show_error(self, os_problem_for(exc, str(path)))
            return False
        return self._switch_to(store)

    def _open_moved(self, path: Path) -> bool:
        """Show the calendar shown here at the place it was moved to (as the window asks
        the user to). Its connection closes first: SQLite shares one -shm per file in a
        process, kept under the old name, which other programs no longer see; a second
        connection opened beside it used that one, and another program's changes then
        damaged the file. The changes made here are in that file, and backed up first,
        as at any close; a backup refused (the file changed elsewhere since) is said,
        and made as the window closes, from the file where it is now (it was due no
        more, though the message said Cadence tried again)."""
        day = self.view().current_date()
        if self.back_up() is None and not self.session.undo_stack.isClean():
            self._backup_due = True  # (of the calendar shown next: the same file)
            self.settings.remove(self._unbacked_key())  # (its old name's)
        self.session.store.close()
        if self._open_instead(lambda: path, day, same_calendar=True):
            self._note_unbacked()  # under its new name, for a window that never closes
            return True
        from ..app import default_calendar

        if not self._open_instead(default_calendar, day):
            self.close()  # the calendar shown is closed, and nothing else opens
        return False

    def _switch_to(
        self, store: CalendarStore, day: date | None = None, *, same_calendar: bool = False
    ) -> bool:
        """Show ``store`` instead (on ``day`` if given); False (said) when it cannot be
        read, the window then still on the calendar it showed. ``same_calendar``: the
        same calendar's file, read anew (a search typed goes on)."""
        old = self.session
        self._save_filters(old)  # kept for when it is opened again
        left_steps, left_name = old.can_undo(), old.store.info().name
        try:
            self._show_session(
                CalendarSession(
                    store, scope_chooser=old.scope_chooser, error_handler=old.report_error
                ),
                day,
            )
        except CadenceError as exc:
            store.close()
            if self.session is not old:  # failed half-way: the old calendar, read again
                self._show_session(old.read_again(), old.today())
            self.show_error(self, exc)
            return False
        old.store.close()
        # A search belongs to the calendar it was typed in (the box kept it, unapplied).
        if not same_calendar:
            self.search_edit.clear()
        self._restore_filters()  # the same calendar's too (a sync tool's copy lost them)
        if same_calendar:
            self._apply_search()
        elif left_steps:  # they went with it, unsaid
            self.statusBar().showMessage(
                f"The changes made in '{elide(left_name, 40)}' are saved; their undo"
                " history ended as it closed.",
                10_000,
            )
        self._remember_recent(store.path)
        self._back_up_what_was_left()
        self.calendarOpened.emit(store.path)
        QTimer.singleShot(0, self._offer_draft)
        return True

    def _show_session(self, session: CalendarSession, day: date | None = None) -> None:
        """Build the views again for ``session``, keeping the view (on ``day`` if given),
        the panes' sizes and a search being typed; the old session's undo history goes."""
        old = self.session
        index = self.view_index()
        month = self.month_view.displayed_month()
        week, agenda = self._views[1], self._views[2]
        top = cast("WeekView", week).top_time() if week is not None else None
        columns = cast("AgendaView", agenda).layout_state() if agenda is not None else None
        # The ideas sought in this calendar, not in another one opened.
        ideas_sought = self.backlog.search.text() if session.store is old.store else ""
        sizes = [splitter.sizes() for splitter in self.splitters]
        area = cast(QWidget, self.centralWidget()).geometry()
        focused = self._focused_part()
        if session.store is old.store:
            # The same calendar read again: backed up once it closes, as any other (a
            # copy at each read again filled the backups with near-twins). Steps this
            # window took and cannot hand on are remembered as changes to back up.
            self._backup_due = self._backup_due or not old.undo_stack.isClean()
        else:
            self.back_up()
        self._install(session)
        self.set_view(index)
        # The panes as they were: the month shown (its keyboard's day may be in the next
        # month's row), the hours scrolled to, the agenda's sort and the ideas sought.
        if day is not None and index == 0:
            self.month_view.show_month(month, min(max(day, FIRST_DAY), LAST_DAY))
        elif day is not None:
            self.go_to(day)
        if top is not None:
            self.week_view.scroll_to_time(top)
        if columns is not None:
            self.agenda_view.restore_layout_state(columns)
        self.backlog.search.setText(ideas_sought)
        # The new panes get their room at once (not at the next layout pass), then
        # their sizes as they were.
        container = cast(QWidget, self.centralWidget())
        container.setGeometry(area)
        inner = container.layout()
        if inner is not None:
            inner.activate()
        for splitter, kept in zip(self.splitters, sizes, strict=True):
            splitter.setSizes(kept)
        self._give_the_panel_its_rows()
        self._update_filter_buttons()
        if focused is not None:  # the same part of the new panes, not a toolbar button
            focused().setFocus(Qt.FocusReason.OtherFocusReason)
            # Again once the window is active: read again as it came to the front, the
            # activation then gave the focus on to the toolbar (the old pane was gone).
            QTimer.singleShot(0, self, lambda: focused().setFocus(Qt.FocusReason.OtherFocusReason))
        old.undo_stack.clear()
        old.retire()
        self._drop_post_menu()

    def _focused_part(self) -> Callable[[], QWidget] | None:
        """Which part of the window has the keyboard focus, as a way to find that part
        again once the panes are built anew (None: none of the panes)."""
        focus = self.focusWidget()
        if focus is None:
            return None
        parts: list[Callable[[], QWidget]] = [
            lambda: self.search_edit,
            lambda: self.sidebar.messages_view,
            lambda: self.sidebar.channels_view,
            lambda: self.backlog.search,
            lambda: self.backlog.list,
            lambda: self.cadence_panel,
            lambda: cast(QWidget, self.view()),
        ]
        return next((part for part in parts if part() is focus or part().isAncestorOf(focus)), None)

    def new_calendar(self) -> None:
        """Ask what the new calendar is (name, file, time zone, week, channels and key
        messages, as the welcome screen does) and show it."""
        from .welcome import NewCalendarDialog

        dialog = NewCalendarDialog(self.create_calendar, self)
        dialog.exec()
        dialog.deleteLater()

    def create_calendar(self, plan: NewCalendarPlan) -> bool:
        """Create the calendar ``plan`` describes and show it; False (said) when it
        cannot be made."""
        from .welcome import create_planned_calendar

        try:
            store = create_planned_calendar(plan)
        except CadenceError as exc:
            self.show_error(self, exc)
            return False
        return self._switch_to(store)

    def open_calendar_dialog(self) -> None:
        name = file_dialog_name(
            # Where this one is: the calendars made from the welcome screen are all there.
            self,
            "Open Calendar",
            self.session.store.path.parent,
            "Cadence calendars (*.cadence)",
        )
        if name:
            self.open_calendar(Path(name))

    def save_copy_dialog(self) -> None:
        path = self.session.store.path
        offered = files_folder(path) / f"{path.stem} copy.cadence"
        if in_backups(path):  # going back to it: over the calendar it is a backup of
            # (else in Documents: the data folder's, as for the Backups folder's calendars)
            offered = self._backed_up_calendar() or files_folder(path.parent) / offered.name
        target = save_file_name(
            self, "Save a Copy As", offered, "Cadence calendars (*.cadence)"
        )  # "Replace it?" asked below, once a name Cadence refuses is refused
        if target is None:
            return
        try:  # the calendar open here or elsewhere, a folder...: refused before "replace it?"
            copy_target(self.session.store, target)
        except CadenceError as exc:
            self.show_error(self, exc)
            return
        if target.exists() and not self.ask_replace(self, target):
            return
        remember_folder(self.session.store.path, target)
        self.save_copy(target)

    def _backed_up_calendar(self) -> Path | None:
        """The calendar this window's backup is of, among those opened lately (its
        place is known to its backups only by a short code)."""
        backup = self.session.store.path
        for entry in self.recent_files():
            calendar = Path(entry)
            if not in_backups(calendar) and is_backup_of(backup, calendar):
                return calendar
        return None

    def save_copy(self, path: Path) -> bool:
        from ..exchange.copy import save_copy

        try:
            with self._saying(f"Saving a copy to {path.name}…"):  # (a second at 100k posts)
                kept = save_copy(self.session.store, path)
        except CadenceError as exc:
            self.show_error(self, exc)
            return False
        if kept is None:
            self.statusBar().showMessage(f"Saved a copy to {path}", 5000)
        else:  # said as long as a status bar says what matters
            self.statusBar().showMessage(
                f"Saved a copy to {path}; the calendar it replaced is kept in the backups"
                " folder (Help > About)."
            )
        return True

    def import_file(self) -> None:
        import_dialog(self.session, self)

    def merge_calendar(self) -> None:
        import_dialog(self.session, self, merge=True)

    def export_file(self, fmt: str) -> None:
        export_dialog(self.session, self, fmt)

    def recent_files(self) -> list[str]:
        return _string_list(self.settings.value("recentFiles", []))

    def _remember_recent(self, path: Path) -> None:
        # Read again first: another Cadence window may have added its own since.
        self.settings.sync()
        entry = path_for_settings(resolved(path))
        recent = [entry] + [p for p in self.recent_files() if p != entry]
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])
        if not in_backups(path):  # a start opens the calendar, not a backup looked into
            self.settings.setValue("lastFile", entry)
        self.settings.sync()
        self._fill_recent_menu()

    def _open_recent(self, entry: str) -> None:
        """File > Open Recent: a calendar that is no longer there leaves the list; one
        whose folder is not there either (a drive unplugged, a share not mounted) stays
        for when it is back."""
        path = path_from_settings(entry) or Path(entry)
        try:
            folder_there = path.parent.is_dir()
        except OSError as exc:  # a folder one may not enter, a name the disk refuses
            self.show_error(self, os_problem_for(exc, str(path)))
            return
        if not folder_there:
            self.show_error(
                self,
                CalendarFileError(
                    f"The folder of {path.name} is not there ({shown_path(path.parent)}),"
                    " a drive unplugged or a share not connected perhaps; it stays in Open"
                    " Recent for when it is back."
                ),
            )
            return
        if self.open_calendar(path) or path.exists():
            return
        self.settings.sync()
        self.settings.setValue("recentFiles", [p for p in self.recent_files() if p != entry])
        self._fill_recent_menu()

    def _refresh_recent(self) -> None:
        self.settings.sync()
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        entries = self.recent_files()
        paths = [path_from_settings(entry) or Path(entry) for entry in entries]
        for entry, path, label in zip(entries, paths, recent_labels(paths), strict=True):
            action = self.recent_menu.addAction(menu_text(label))
            action.setToolTip(plain_tooltip(shown_path(path)))
            action.setStatusTip(shown_path(path))  # said as the keyboard reaches it
            action.triggered.connect(lambda _=False, p=entry: self._open_recent(p))
        self.recent_menu.setEnabled(bool(entries))

    def show_guide(self) -> None:
        from .guide import show_guide

        show_guide(self, self.session)

    def show_shortcuts(self) -> None:
        from .guide import show_shortcuts

        show_shortcuts(self)

    def about(self) -> None:
        from .guide import show_about

        show_about(self, self.session.store.path, self.backups)

    # -- settings ---------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        # The first start, or bytes that do not read (the window came up at its least):
        # as large as suits, no larger than the screen (a laptop's, or at 200%).
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            fit_on_screen(self, 1280, 800)
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state)
            self.toolbar.setVisible(True)  # hidden by an earlier release's menu
        view = self.settings.value("view", "month")
        if view in VIEW_NAMES:
            self.set_view(VIEW_NAMES.index(str(view)))
        self._restore_filters()
        for splitter in self.splitters:  # the sidebar's width, the backlog's height...
            kept = self.settings.value(splitter.objectName())
            if isinstance(kept, QByteArray):
                splitter.restoreState(kept)
            elif splitter is self.splitters[2]:
                self._fit_panel = True  # once shown, at the size the screen allows
            elif splitter is self.splitters[1]:
                self._fit_sidebar = True
        self.sort_backlog(str(self.settings.value("backlogOrder", "changed")), said=False)
        panel = self.settings.value("cadencePanel", True)
        self.panel_action.setChecked(panel not in (False, "false"))
        span = str(self.settings.value("cadencePanelRange", 0))
        self._panel_span = int(span) if span.isascii() and span.isdigit() else 0
        self.cadence_panel.set_span(self._panel_span)
        self._toggle_panel()
        self._remember_recent(self.session.store.path)
        self._back_up_what_was_left()
        QTimer.singleShot(0, self._offer_draft)  # once the window is up
        QTimer.singleShot(0, self._say_if_settings_unkept)

    @staticmethod
    def _filters_group(path: Path) -> str:
        from ..core.backups import calendar_key

        return f"filters/{calendar_key(path)}"

    def _save_filters(self, session: CalendarSession) -> None:
        """Keep the calendar's filters, by name, for the next time it is opened."""
        if in_backups(session.store.path):
            return  # a backup looked into: its filters are not the calendar's
        group = self._filters_group(session.store.path)
        f = session.filters
        kept = {
            "hiddenChannels": [
                c.name for c in session.channels(include_archived=True) if c.id in f.hidden_channels
            ],
            "messageFilter": [m.title for m in session.key_messages() if m.id in f.messages],
            "campaignFilter": [c.name for c in session.campaigns() if c.id in f.campaigns],
            "statusFilter": sorted(s.value for s in f.statuses),
        }
        for key, names in kept.items():
            self.settings.setValue(f"{group}/{key}", names)

    def _restore_filters(self) -> None:
        """Filters are kept by name, so they survive as long as the names do, and by
        calendar: each opens with its own (another client's started with none, and a
        visit to another file lost them; a status filter kept made it look empty)."""
        session = self.session
        group = self._filters_group(session.store.path)
        prefix = f"{group}/"
        if not self.settings.contains(f"{group}/statusFilter"):
            # Kept by an earlier release, for the last calendar only.
            last = path_from_settings(self.settings.value("lastFile"))
            if last is None or not session.store.is_file(last):
                return
            prefix = ""

        def wanted(key: str) -> set[str]:
            return set(_string_list(self.settings.value(prefix + key, [])))

        hidden, titles, campaigns = (
            wanted("hiddenChannels"),
            wanted("messageFilter"),
            wanted("campaignFilter"),
        )
        statuses = wanted("statusFilter")
        filters = replace(
            session.filters,
            hidden_channels=frozenset(
                c.id for c in session.channels(include_archived=True) if c.name in hidden
            ),
            messages=frozenset(m.id for m in session.key_messages() if m.title in titles),
            campaigns=frozenset(c.id for c in session.campaigns() if c.name in campaigns),
            statuses=frozenset(s for s in PostStatus if s.value in statuses),
        )
        if filters.active:
            session.set_filters(filters)
            self._update_filter_buttons()

    def resize_pane(self, splitter_index: int, pane: int, step: int) -> None:
        """Give pane ``pane`` of a splitter (:attr:`splitters`) a tenth of its room more
        (``step`` 1) or less (-1), from the pane beside it; each stays as small as it
        can be and no smaller."""
        splitter = self.splitters[splitter_index]
        sizes = splitter.sizes()
        other = 1 - pane
        delta = step * max(sum(sizes) // 10, 1)
        sizes[pane], sizes[other] = sizes[pane] + delta, sizes[other] - delta
        splitter.setSizes(sizes)  # (it keeps each pane's least size)

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("view", VIEW_NAMES[self.view_index()])
        self._save_filters(self.session)
        self.settings.setValue("cadencePanel", self.panel_action.isChecked())
        self.settings.setValue("cadencePanelRange", self._panel_span)
        self.settings.setValue("backlogOrder", self._backlog_order)
        agenda = self._views[2]
        if agenda is not None:  # its sort, as the backlog's order (its widths fit the window)
            header = cast("AgendaView", agenda).table.horizontalHeader()
            sort = f"{header.sortIndicatorSection()} {header.sortIndicatorOrder().value}"
            self.settings.setValue("agendaSort", sort)
        for splitter in self.splitters:
            self.settings.setValue(splitter.objectName(), splitter.saveState())
        if not in_backups(self.session.store.path):
            path = self.session.store.path.resolve()
            self.settings.setValue("lastFile", path_for_settings(path))
        self.settings.sync()

    def back_up(self) -> Path | None:
        """Back the calendar up if it changed since it was opened (or last backed up);
        a backup that cannot be written is said."""
        try:
            return self._back_up()
        except CadenceError as exc:
            # Said once for the same changes: as the window opened and again as it
            # closed, nothing done between, it said the same sentence twice.
            said = (str(exc), self.session.undo_stack.index())
            if said != self._backup_said:
                self._backup_said = said
                self.show_error(self, exc)
            return None

    def _back_up(self) -> Path | None:
        """:meth:`back_up`, raising :class:`CadenceError` when the backup fails."""
        stack = self.session.undo_stack
        if self.backups is None or (stack.isClean() and not self._backup_due):
            return None
        if self.session.store.closed:  # (kept, or said, as it closed)
            return None
        from ..core.backups import make_backup

        # (11 s at a million posts, as the window closed, with nothing on screen: it
        # looked hung.)
        with self._saying("Keeping a backup of the calendar…"):
            path = make_backup(self.session.store, self.backups)
        stack.setClean()
        self._backup_due = False
        self.settings.remove(self._unbacked_key())
        self.settings.sync()
        return path

    @contextlib.contextmanager
    def _saying(self, said: str) -> Iterator[None]:
        """Work a user waits for, said in the status bar while it runs (a copy, a
        backup), the pointer busy; the word goes with it."""
        self.statusBar().showMessage(said)
        self.statusBar().repaint()
        try:
            with busy():
                yield
        finally:
            if self.statusBar().currentMessage() == said:
                self.statusBar().clearMessage()

    def _offer_draft(self) -> None:
        """Offer back, in the editor, the post being written when Cadence stopped (a
        crash, a power cut): every word of it was lost (:mod:`.drafts`)."""
        drafts = self.drafts
        if drafts is None or self.session.store.read_only:
            return
        for path, draft in drafts.left(self.session.store.path):
            if not self.ask_resume_draft(self, draft.title):
                drafts.discard(path)
                continue
            from .editor import PostEditor

            session = self.session
            # The post edited, unless deleted meanwhile: then what was typed is a new one.
            post = session.store.find_post(draft.post_uid) if draft.post_uid else None
            values = draft.values
            if post is not None:  # what was changed, over the post as it is now
                dialog = PostEditor(session, post, parent=self)
                dialog.apply_draft(values, only=draft.changed)
            else:  # every field, the post deleted since
                at = values.get("time")
                dialog = PostEditor(session, day=values.get("date"), at=at, parent=self)
                dialog.apply_draft(values)
            dialog.keep_draft()  # this Cadence's own now, until the editor closes
            own = drafts.own(session.store.path)
            # Used up once this Cadence keeps its own, or it brings back no change (it
            # was offered at every start); kept where a full disk kept nothing else, and
            # when it is this Cadence's own (one given the same process id).
            if path != own and (own.exists() or not dialog.has_unsaved_changes()):
                drafts.discard(path)
            dialog.exec()
            # Saved or put aside: used up, where its copy could not be kept (a second
            # Save made the post twice); one that will not go is offered again, said.
            if path != own and not drafts.discard(path) and dialog.created:
                self.statusBar().showMessage(
                    f"The post is saved, but what kept it while it was written ({path})"
                    " could not be removed: Cadence offers it again at the next start."
                )
            created = dialog.created
            dialog.deleteLater()
            if created:
                self._select_placed(created[:1])
        if drafts.unread:
            self.statusBar().showMessage(
                "A post Cadence kept as it was being written could not be read back; its"
                f" file is kept as {shown_path(drafts.unread[-1])}."
            )
            drafts.unread.clear()

    def _unbacked_key(self) -> str:
        from ..core.backups import calendar_key

        return f"unbacked/{calendar_key(self.session.store.path)}"

    def _note_unbacked(self) -> None:
        """Keep in the settings, at once, that the calendar has changes no backup holds:
        a window that never closes (a power cut, a crash) leaves them to be backed up as
        the calendar opens next. The next window opened and closed with no backup of
        them, and the one after its first change held that change too. Said again at
        each step (another window on the calendar, backing it up as it opened, took the
        mark away from the changes to come), and taken away by a backup alone (another
        window's changes, all undone, took it from this one's)."""
        if self.backups is None:
            return
        try:
            unbacked = not self.session.undo_stack.isClean() or self._backup_due
        except RuntimeError:  # the history going with its session, as the window closes
            return
        if not unbacked:
            return
        key = self._unbacked_key()
        self.settings.sync()  # (as another window may have left it)
        if not self.settings.contains(key):
            self.settings.setValue(key, True)
            self.settings.sync()
            self._say_if_settings_unkept()

    def _say_if_settings_unkept(self) -> None:
        """Say once that the settings' file takes nothing (its folder read-only, a full
        disk): the welcome screen came back at every start, the last calendar was not
        opened again, and a crash's changes were not backed up, all unsaid."""
        settings = self.settings
        if self._told_settings or (
            # (A line it cannot read is a FormatError: it writes the file all the same.)
            settings.isWritable() and settings.status() != QSettings.Status.AccessError
        ):
            return
        self._told_settings = True
        where = shown_path(Path(settings.fileName()))
        self.show_error(
            self,
            CadenceError(
                f"Cadence cannot save its settings in {where}, so it will not remember"
                " this calendar, its window or its filters next time, nor back up the"
                " changes a crash leaves; make room there, or let Cadence write there."
            ),
        )

    def _back_up_what_was_left(self) -> None:
        """Back up, as it opens, a calendar a window left with changes no backup holds."""
        if self.backups is not None and self.settings.value(self._unbacked_key()) in (
            True,
            "true",
        ):
            self._backup_due = True
            self.back_up()

    # -- changes made elsewhere ---------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_panel:
            # The first start: the cadence panel takes its rows, every one (thirty
            # showed eleven on a 1440-pixel screen, the month below half empty), but no
            # more than a third of the column; the views keep the rest.
            self._fit_panel = False
            splitter = self.splitters[2]
            column = sum(splitter.sizes())
            hint = self.cadence_panel.height_for_rows()
            least = self.cadence_panel.minimumSizeHint().height()
            panel_height = max(least, min(hint, column // 3))
            splitter.setSizes([column - panel_height, panel_height])
        if self._fit_sidebar:
            # The first start: the key messages and channels whole when a little more
            # than their three fifths shows them whole (on a laptop's screen the
            # channels scrolled for a few pixels), up to two thirds: the backlog keeps
            # the rest.
            self._fit_sidebar = False
            splitter = self.splitters[1]
            sizes = splitter.sizes()
            column = sum(sizes)
            wanted = self.sidebar.sizeHint().height()
            if sizes[0] < wanted <= column * 2 // 3:  # many messages scroll all the same
                splitter.setSizes([wanted, column - wanted])

    def _fit_minimum(self) -> None:
        """At its smallest the window shows the whole month above the cadence panel,
        beside the sidebar, in any font: within a half screen at 125% (640 wide) in the
        usual one."""
        if not hasattr(self, "splitters"):
            return  # a font changed while the window is being built: fitted once it is
        main, left, right = self.splitters
        month, panel, toolbar = self.month_view, self.cadence_panel, self.toolbar
        width = left.minimumSizeHint().width() + main.handleWidth() + month.minimumWidth()
        # The toolbar up to the search box, which never goes to its » menu (Ctrl+F); it
        # lays out by size hints, and the » of the filters comes after the box.
        items = [toolbar.widgetForAction(action) for action in toolbar.actions()]
        shown = [item for item in items if item is not None]
        upto = shown[: shown.index(self.search_edit) + 1]
        bar_layout = toolbar.layout()
        assert bar_layout is not None
        margins = bar_layout.contentsMargins()
        needed = sum(max(item.sizeHint().width(), 0) + bar_layout.spacing() for item in upto)
        needed += margins.left() + margins.right()
        needed += toolbar.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarExtensionExtent)
        bars = [self.menuBar(), self.statusBar(), toolbar]
        height = (
            sum(bar.sizeHint().height() for bar in bars if not bar.isHidden())
            + month.minimumHeight()
            + right.handleWidth()
            + panel.minimumSizeHint().height()
        )
        smallest = SMALLEST.expandedTo(QSize(max(width, needed), height))
        if smallest != self.minimumSize():
            self.setMinimumSize(smallest)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._fit_minimum)  # once the views have their new sizes
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.session.check_day()
            # Asked once the click that brought it to the front has landed, a
            # double-click's second too. Read again at once, the panes were built anew
            # under the pointer: the press never reached the new ones (a drag did
            # nothing), and a double-click opened whatever post now stood there.
            self._recheck.start(max(RECHECK_MS, QApplication.doubleClickInterval() + 50))

    # -- files dropped from a file manager ------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """What no pane takes comes here: a calendar or a file to import is taken
        anywhere on the window; anything else is refused with a word on what is (it was
        refused unsaid, the no-drop cursor alone)."""
        from .dnd import ICS_MIME, POSTS_MIME

        mime = event.mimeData()
        if accept_file_drag(event):
            return
        if mime.hasFormat(ICS_MIME) and not mime.hasFormat(POSTS_MIME):
            # An event dragged out of another calendar program: told to drop "an
            # iCalendar (.ics) file", which to its user is what they had just done.
            self.statusBar().showMessage(
                "This is an event from another program, not a file: save it as an"
                " iCalendar (.ics) file, then drop the file here or open it with File > Import.",
                8000,
            )
        elif not mime.hasFormat(POSTS_MIME):  # (posts: over a part that takes none)
            several = "One file at a time: drop" if len(mime.urls()) > 1 else "Drop"
            self.statusBar().showMessage(
                f"{several} a Cadence calendar (.cadence) here to open it, or an iCalendar"
                " (.ics) or CSV file to import it.",
                8000,
            )
        elif self._over_agenda(event.position().toPoint()):
            # Its rows are a list, not days: an idea dragged back onto it was refused
            # with the no-drop cursor alone.
            self.statusBar().showMessage(
                "The agenda takes no drop: drop posts on a day of the month or the week,"
                " or on the backlog.",
                8000,
            )

    def _over_agenda(self, point: QPoint) -> bool:
        """Whether ``point`` (in the window) is on the agenda, shown."""
        agenda = self._views[2]
        if agenda is None or self.view_index() != 2 or not agenda.isVisible():
            return False
        return agenda.rect().contains(agenda.mapFrom(self, point))

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        take_file_drop(event, self, self.open_dropped)

    def open_dropped(self, path: Path) -> None:
        """A file dropped on the window: a calendar opens, as File > Open opens it; any
        other is imported, as File > Import does with it chosen."""
        if path.suffix.lower() != ".cadence":
            import_dialog(self.session, self, source=path)
        elif self.session.store.is_file(path):
            self.open_calendar(path)  # (says it is open already)
        else:
            from ..core.database import check_calendar_file

            try:  # (what it is, said before a question that could not be answered)
                check_calendar_file(path)
            except CadenceError as exc:
                self.show_error(self, exc)
                return
            except OSError as exc:
                self.show_error(self, os_problem_for(exc, str(path)))
                return
            answer = self.ask_open_or_merge(self, path, self.session.store.info().name)
            if answer == "open":
                self.open_calendar(path)
            elif answer == "merge":
                import_dialog(self.session, self, merge=True, source=path)

    def _check_again(self) -> None:
        if self.isActiveWindow():
            self.check_for_outside_changes()

    def _check_after_drag(self) -> None:
        """A drag ended: read the calendar again if the drop changed it. Another program
        (a second Cadence on the calendar) saves its drop once the button is let go,
        after the drag ended here: looked at again a moment later, and later still."""
        self.check_for_outside_changes()
        for wait in DRAG_RECHECKS_MS:
            QTimer.singleShot(wait, self, self.check_for_outside_changes)

    def check_for_outside_changes(self) -> bool:
        """Read the calendar again if another program (the command line, another
        Cadence window) changed the file; asked each time the window comes to the
        front. True when it did. The undo history starts afresh then: its steps
        were taken against the file as it was."""
        store = self.session.store
        if store.closed:
            return False  # a window whose calendar could not be opened again, closing
        if QApplication.activeModalWidget() is not None or store.in_transaction():
            return False  # a dialog, or an import, works on the session: after it
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            # A click or a drag is on its way (the press that brought the window to the
            # front): asked again once the button is let go, not at the next activation.
            self._recheck.start(RECHECK_MS)
            return False
        problem = store.file_moved_or_replaced()
        if problem is not None:
            return self._file_moved_or_replaced(problem)
        try:
            changed = self.session.changed_elsewhere()
        except CadenceError:
            return False  # the next change says what is wrong with the file
        if not changed:
            return False
        # By uid: another program may have deleted a selected post and given its id to
        # a new one, which must not come up selected.
        selected = [post.uid for post in self.view().selected_posts()]
        had_steps = self.session.undo_stack.count() > 0
        with busy():  # half a second on a large calendar
            self._show_session(self.session.read_again(), self.view().current_date())
            store = self.session.store
            self.view().select_posts(  # those still there (and shown)
                [found.id for found in map(store.find_post, selected) if found is not None]
            )
        said = "The calendar was changed outside this window, so it has been read again"
        if self.session.can_undo():
            said += " (the steps taken here since can still be undone)"
        elif had_steps:
            said += " (the steps before can no longer be undone)"
        self.statusBar().showMessage(f"{said}.", 10000)
        return True

    def _file_moved_or_replaced(self, problem: str) -> bool:
        """The file open here is no longer the one at its path (``problem`` says how).
        Replaced (a sync tool's copy): the window shows the file there now, or the
        default calendar when that does not open. Moved or deleted: said once; the
        window shows the calendar as it was, and refuses changes, until another is
        opened. True when the window shows another file."""
        store = self.session.store
        if not store.path.exists():
            if self._told_moved is not store:
                self._told_moved = store
                self.show_error(
                    self,
                    CalendarFileError(
                        f"{problem} Changes here cannot be saved: if it was moved, open it"
                        " where it is now (File > Open…); if it was deleted, save it again,"
                        " as shown here, with File > Save a Copy As…"
                    ),
                )
            return False
        day = self.view().current_date()
        # The changes made here are in the file this window has open, no longer at its
        # path: they are kept in a backup, read from that file, before it is let go.
        # Without one, the window stays on them (changes refused) until the user
        # saves a copy: they are nowhere else.
        try:
            kept = self._back_up()
        except CadenceError:
            if self._told_moved is not store:
                self._told_moved = store
                self.show_error(
                    self,
                    CalendarFileError(
                        f"{problem} The changes made here since could not be kept as a"
                        " backup, so Cadence still shows them: save them with File >"
                        " Save a Copy As…, then open the calendar again."
                    ),
                )
            return False
        # (Only its -wal and -shm deleted or replaced, as a sync tool does: the same file.)
        side_files_only = store.is_same_file()
        store.close()  # its waiting changes go into its own file, not the one there now
        kept_said = (
            f"The changes made here are in the backup {kept.name} (Help > About)."
            if kept is not None
            else ""
        )
        from ..app import default_calendar, is_demo

        try:
            fresh: CalendarStore | None = CalendarStore.open(store.path)
        except CadenceError as exc:  # (a damaged copy): what is shown instead, and where
            # the changes went, said with it (the status bar said they were saved).
            if is_demo(store.path):  # nothing else to show: said once, and the window goes
                self.show_error(self, CalendarFileError(f"{exc} {kept_said}".strip()))
                self.close()
                return True
            instead = f"{exc} Cadence shows the demo calendar instead. {kept_said}"
            self.show_error(self, CalendarFileError(instead.strip()))
            fresh = None
        if fresh is not None and self._switch_to(fresh, day, same_calendar=True):
            # Short enough for a status bar (the whole story was 350 characters).
            text = (
                f"{store.path.name} was changed outside Cadence; Cadence shows it as it is now."
                if side_files_only
                else f"{store.path.name} was replaced by another file; Cadence shows it now."
            )
            self.statusBar().showMessage(f"{text} {kept_said}".strip(), 30000)
        elif not self._open_instead(default_calendar, day):  # (what failed was said)
            self.close()  # the calendar shown is closed, and nothing else opens
        elif kept_said:  # (over "are saved", said of a calendar closed)
            self.statusBar().showMessage(kept_said, 30000)
        return True

    def _open_instead(
        self, where: Callable[[], Path], day: date, *, same_calendar: bool = False
    ) -> bool:
        """Show the calendar at ``where()`` in place of one already closed; False (said)
        when it does not open."""
        try:
            fresh = CalendarStore.open(where())
        except CadenceError as exc:
            self.show_error(self, exc)
            return False
        return self._switch_to(fresh, day, same_calendar=same_calendar)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._search_pause.stop()  # a search still to run has nothing left to show
        self.save_settings()
        self.back_up()
        super().closeEvent(event)


class _SecondPressGuard(QObject):
    """For a double-click's time after a press switched the view (the month's "+N
    more", the week's "+N"), its double-click does nothing in the view now shown: it
    made a new post on the week's hour under the pointer, or opened the agenda's row
    there. Watches the application's events only for that moment."""

    def __init__(self, parent: QObject, area: Callable[[], QWidget]) -> None:
        super().__init__(parent)
        self._area = area
        self._until = QTimer(self)
        self._until.setSingleShot(True)
        self._until.timeout.connect(self._stop)

    def start(self) -> None:
        app = QApplication.instance()
        if app is None:
            return
        if not self._until.isActive():
            app.installEventFilter(self)
        self._until.start(QApplication.doubleClickInterval() + 50)

    def active(self) -> bool:
        return self._until.isActive()

    def _stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.MouseButtonDblClick or not isinstance(watched, QWidget):
            return False
        area = self._area()
        return watched is area or area.isAncestorOf(watched)


class _StatusBar(QStatusBar):
    """The window's status bar; a message shown again word for word (a second copy
    within the first one's seconds) is said again to a screen reader: Qt signals no
    change for it."""

    shownAgain = Signal(str)

    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        again = bool(text) and text == self.currentMessage()
        super().showMessage(text, timeout or 0)
        if again:
            self.shownAgain.emit(text)


_FILTER_NAME_CHARACTERS = 48
"""About how many characters of a name a filter menu shows before "…"."""


class _FilterMenu(QMenu):
    """A filter's menu, which a tick leaves open for the next: three key messages near
    the 250th of 300 meant opening it and scrolling down three times. A click or Space
    ticks; Enter ticks and closes, as in any menu."""

    _pressed: QAction | None = None
    """The item the mouse went down on: the release of the press that opened the menu
    (on its button) ticks nothing, as in any menu."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = self.actionAt(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.actionAt(event.position().toPoint())
        pressed, self._pressed = self._pressed, None
        if action is not None and action is pressed and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def actionEvent(self, event: QActionEvent) -> None:
        # A tick changes an action, and Qt sizes an open menu to all its items again:
        # one taller than the screen grew past it and lost its scroll arrows ("Show
        # all" out of reach). It keeps the place it has.
        kept = self.geometry() if self.isVisible() else None
        super().actionEvent(event)
        if kept is not None and self.geometry() != kept:
            self.setGeometry(kept)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        if (
            event.key() == Qt.Key.Key_Space
            and action is not None
            and action.isCheckable()
            and action.isEnabled()
        ):
            action.trigger()
            return
        super().keyPressEvent(event)


class _ScrollingMenus(EdgedStyle):
    """The application's style, with menus that scroll when taller than the screen
    (300 key messages made the filter menu columns wider than the screen), and boxes
    whose edge shows (:class:`.style.EdgedStyle`)."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returned: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_Menu_Scrollable:
            return 1
        return super().styleHint(hint, option, widget, returned)


_SCROLLING: list[_ScrollingMenus] = []


def _scrolling_menus() -> _ScrollingMenus:
    """One style for every filter menu, kept for the application's life (a widget
    does not own a style set on it)."""
    if not _SCROLLING:
        _SCROLLING.append(_ScrollingMenus())
    return _SCROLLING[0]


def recent_labels(paths: Sequence[Path]) -> list[str]:
    """How Open Recent names each calendar: its file name, with as many of its folders
    as tell it from another of the same name ("plan.cadence — a/clients" beside
    "plan.cadence — b/clients"; their folders alike, the two read the same)."""
    labels = []
    for path in paths:
        same = [other for other in paths if other.name == path.name and other != path]
        label = shown_path(path.name)
        if same:
            folders = path.parent.parts
            depth = 1
            while depth < len(folders) and any(
                other.parent.parts[-depth:] == folders[-depth:] for other in same
            ):
                depth += 1
            label += f" — {shown_path(str(Path(*folders[-depth:])))}"
        labels.append(label)
    return labels


def _string_list(value: object) -> list[str]:
    """A list of strings from QSettings, which gives a bare string for one item."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []
