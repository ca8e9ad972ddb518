"""File > Export > (format): what to export, before where.

The window offers what ``cadence export`` offers: the days (a web page and a PDF
report always cover a period, by default four months around today; the other
formats every post unless told), the channels and key messages, and for CSV the
byte-order mark Excel wants or the date order of the publishing tools.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.models import PostStatus, in_words, shortened
from ..exchange.csv_profiles import NOT_TOOL_KINDS
from ..exchange.formats import ExportOptions
from ..exchange.html import export_range, planned_from
from ..render.weeks import rest_days
from .dialogs import fit_on_screen, scrolled
from .editor import (
    hint_label,
    keep_room,
    make_date_edit,
    problems_label,
    pydate,
    qdate,
    say_not_ready,
)
from .post_model import TickingRowDelegate
from .session import CalendarSession

REPORTS = frozenset({"html", "pdf"})
"""Formats that always cover a period of days."""
PUBLISHING = frozenset({"hootsuite", "sprout"})
"""Formats with a date order (publishing tools read dates as their account is set)."""
SHARED = REPORTS | {"ics"}
"""Formats made to be shared (a client's page, a phone's calendar)."""

_ID = Qt.ItemDataRole.UserRole

_SENT = (
    "Each post goes out as its title, a blank line, then its text (its text alone when"
    " it begins with the title)"
)
SENT_AS = {
    "hootsuite": f"{_SENT}; its link goes in a column of its own.",
    "sprout": f"{_SENT}, then a blank line and its link.",
}
"""What a publishing tool's file sends of each post, said in its export's dialog."""


_ROWS_SHOWN = 9
"""Channels or key messages a list shows before it scrolls (a dozen of each is usual)."""


class ExportOptionsDialog(QDialog):
    """The days, channels and key messages to export, and the format's own choices."""

    def __init__(
        self, session: CalendarSession, fmt: str, label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportOptionsDialog")
        self.setWindowTitle(f"Export {label.rstrip('…')}")
        self.session = session
        self._tickers: list[QPushButton] = []  # each list's All and None
        first, last = export_range(ExportOptions(), session.today(), planned_from(session.store))

        self.limit_days = QCheckBox("Only the days from")
        self.limit_days.setObjectName("exportLimitDays")
        week_start = session.store.info().week_start
        self.first_edit = make_date_edit("First day to export", week_start)
        self.first_edit.setObjectName("exportFirstDay")
        self.last_edit = make_date_edit("Last day to export", week_start)
        self.last_edit.setObjectName("exportLastDay")
        self.first_edit.setDate(qdate(first))
        self.last_edit.setDate(qdate(last))
        days = QHBoxLayout()
        if fmt in REPORTS:
            days.addWidget(QLabel("From"))
            self.limit_days.setChecked(True)
            self.limit_days.hide()
        else:
            days.addWidget(self.limit_days)
            self.limit_days.toggled.connect(self._follow_limit)
        days.addWidget(self.first_edit)
        days.addWidget(QLabel("to"))
        days.addWidget(self.last_edit)
        days.addStretch(1)
        if fmt in PUBLISHING:
            hint = "Only posts still to go out are exported."
        elif fmt in REPORTS:
            hint = f"The {'web page' if fmt == 'html' else 'report'} covers these days."
        elif fmt in {"csv", "cadence"}:
            hint = "Without a period, every post is exported, ideas from the backlog too."
        else:
            hint = "Without a period, every dated post is exported."
        days_hint = hint_label(hint)
        days_box = QGroupBox("Days")
        days_layout = QVBoxLayout(days_box)
        days_layout.addLayout(days)
        days_layout.addWidget(days_hint)
        self.first_edit.dateChanged.connect(self._check)
        self.last_edit.dateChanged.connect(self._check)

        # Archived ones too (their posts are exported like any other), after the others.
        channels = sorted(session.channels(include_archived=True), key=lambda c: c.archived)
        messages = sorted(session.key_messages(include_archived=True), key=lambda m: m.archived)
        # A page or calendar to share leaves out, to start with, the channels hidden in the
        # window (an internal one went to the client's page); a copy of the data keeps all.
        hidden = session.filters.hidden_channels if fmt in SHARED else frozenset()
        # A publishing tool's files leave out, to start with, the channels it publishes
        # nothing to (the newsletter went to the social team as a post at 07:00).
        not_social = (
            frozenset(c.id for c in channels if c.kind in NOT_TOOL_KINDS)
            if fmt in PUBLISHING
            else frozenset()
        )
        self.channels = self._checklist(
            "exportChannels",
            "Channels to export",
            [(c.id, c.name + (" (archived)" if c.archived else "")) for c in channels],
            unchecked=hidden | not_social,
        )
        # A report tells how the messages in use deliver: the archived ones (retired) are
        # in it only when ticked on purpose (ticked, out of sight below the others, they
        # came back into the report as overdue once another message was unticked).
        self._retired = (
            frozenset(m.id for m in messages if m.archived) if fmt in REPORTS else frozenset()
        )
        # As the channels: the key messages the window is filtered to, alone (a report
        # on two of 300 meant unticking 298).
        shown = session.filters.messages if fmt in SHARED else frozenset()
        every = frozenset(m.id for m in messages)
        others = every - shown if shown else frozenset()
        # Every one archived: ticked all the same (none ticked, Export stood greyed out
        # under "Tick at least one key message", no filter on).
        retired = self._retired if self._retired != every else frozenset()
        self.messages = self._checklist(
            "exportMessages",
            "Key messages to export",
            [(m.id, m.title + (" (archived)" if m.archived else "")) for m in messages],
            unchecked=retired | others,
        )
        # One height for both lists: their All and None buttons side by side (six
        # channels over five key messages set them at two heights).
        tallest = max(self.channels.maximumHeight(), self.messages.maximumHeight())
        for checklist in (self.channels, self.messages):
            checklist.setFixedHeight(tallest)
        lists = QHBoxLayout()
        channels_box = QGroupBox("Channels")
        channels_layout = QVBoxLayout(channels_box)
        channels_layout.addWidget(self.channels)
        channels_layout.addLayout(self._all_or_none(self.channels, "exportChannels", "channel"))
        if not channels:
            channels_layout.addWidget(hint_label("No channels in this calendar yet."))
        if hidden:
            channels_layout.addWidget(hint_label("Those hidden in the calendar start unticked."))
        if not_social:
            channels_layout.addWidget(
                hint_label("Those the tool publishes nothing to (a newsletter) start unticked.")
            )
        messages_box = QGroupBox("Key messages")
        messages_layout = QVBoxLayout(messages_box)
        messages_layout.addWidget(self.messages)
        messages_layout.addLayout(self._all_or_none(self.messages, "exportMessages", "key message"))
        if not messages:
            messages_layout.addWidget(hint_label("No key messages in this calendar yet."))
        if shown:
            messages_layout.addWidget(hint_label("Those the calendar shows start ticked alone."))
        elif self._retired:
            messages_layout.addWidget(hint_label("Archived ones start unticked."))
        self.messages_hint = hint_label("Only posts carrying a ticked message.", wrap=False)
        keep_room(self.messages_hint)  # the dialog does not jump as boxes are ticked
        messages_layout.addWidget(self.messages_hint)
        channels_layout.addStretch(1)  # both lists at the top of their boxes
        messages_layout.addStretch(1)
        lists.addWidget(channels_box)
        lists.addWidget(messages_box)

        form = QFormLayout()
        self.byte_order_mark = QCheckBox("Start with a byte-order mark (Excel shows accents right)")
        self.byte_order_mark.setObjectName("exportByteOrderMark")
        # As Excel reads a CSV where a comma is the decimal mark (France, Germany, …):
        # comma-separated, each row filled one column there.
        self.semicolons = QCheckBox(
            "Separate the cells with &semicolons (Excel where 1,5 is a number)"
        )
        self.semicolons.setObjectName("exportSemicolons")
        self.semicolons.setChecked(QLocale().decimalPoint() == ",")
        # Excel reads a file without the mark in the computer's older code page
        # ("CafÃ©", "GrÃ¶ÃŸe"), everywhere: ticked from the start (other programs,
        # and Cadence's import, read the file alike with it).
        self.byte_order_mark.setChecked(True)
        self.date_order = QComboBox()
        self.date_order.setObjectName("exportDateOrder")
        self.date_order.setAccessibleName("Date order")
        self.date_order.addItem("Day first (31/12/2026)", True)
        self.date_order.addItem("Month first (12/31/2026)", False)
        from .transfer import day_first_locale  # transfer opens this dialog

        self.date_order.setCurrentIndex(0 if day_first_locale() else 1)
        if fmt == "csv":
            form.addRow(self.byte_order_mark)
            form.addRow(self.semicolons)
        else:
            self.byte_order_mark.hide()
            self.byte_order_mark.setChecked(False)
            self.semicolons.hide()
            self.semicolons.setChecked(False)
        # What goes to a publishing tool is published: the posts approved (Scheduled),
        # to start with (drafts not yet approved went to a client's accounts).
        self.drafts = QCheckBox("Send &drafts too (otherwise only the posts marked Scheduled)")
        self.drafts.setObjectName("exportDrafts")
        if fmt in PUBLISHING:
            form.addRow("Date &order:", self.date_order)
            form.addRow(self.drafts)
            # What the tool publishes, said before (the title went out unannounced).
            form.addRow(hint_label(SENT_AS[fmt]))
        else:
            self.date_order.hide()
            self.drafts.setChecked(True)  # (other formats export every status)
            self.drafts.hide()
        # The window filtered to some campaigns or statuses: a page, report or calendar
        # to share of those alone, to start with (a plan of one campaign went to the
        # client with every other campaign's posts, ideas and cancelled ones too).
        filters = session.filters
        self._campaigns = filters.campaigns if fmt in SHARED else frozenset()
        self._statuses = filters.statuses if fmt in SHARED else frozenset()
        self.as_shown = QCheckBox(self._as_shown_text(session))
        self.as_shown.setObjectName("exportAsShown")
        self.as_shown.setChecked(True)
        if self._campaigns or self._statuses:
            form.addRow(self.as_shown)
        else:
            self.as_shown.hide()
        # A calendar file to share: the notes are private (a client's file carried them).
        self.notes = QCheckBox("Include each post's &notes (private: for your own calendars)")
        self.notes.setObjectName("exportNotes")
        if fmt == "ics":
            form.addRow(self.notes)
            form.addRow(
                hint_label(
                    "Without them, the notes stay yours: when the file comes back (an"
                    " import, a merge), your calendar keeps its own notes."
                )
            )
        else:
            self.notes.setChecked(True)
            self.notes.hide()

        self.problem = problems_label()
        # Its line kept while hidden: shown (None ticked), it squeezed the lists' boxes,
        # and All and None moved up over the last names.
        keep_room(self.problem, lines=1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # The choices scroll where the screen is too small for them (a 16 pt font on a
        # 600 px screen: Export and Cancel were below its edge); the buttons stay.
        content = QWidget()
        choices = QVBoxLayout(content)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(days_box)
        choices.addLayout(lists)
        choices.addLayout(form)
        choices.addWidget(self.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(content, sideways=True), 1)
        layout.addWidget(self.buttons)
        margins = layout.contentsMargins()
        fit_on_screen(
            self,
            content.sizeHint().width() + margins.left() + margins.right(),
            content.sizeHint().height()
            + layout.spacing()
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom(),
        )
        # Enter exports, unless a button of the dialog has the keyboard (Enter on None
        # unticked every channel, not exported). Made default once in the dialog: made
        # so before, the dialog did not know it, and its first button (All) took the
        # role, which Enter in the dates pressed.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.channels.itemChanged.connect(self._check)
        self.messages.itemChanged.connect(self._check)
        self._follow_limit(self.limit_days.isChecked())
        if not self.limit_days.isHidden():
            # Where the keyboard starts is what shows it: the Export button, framed as
            # the default (on the box before it, unmarked until Tab, Space ticked the box
            # where the user, seeing Export framed, meant to export).
            export = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            if export is not None:
                export.setFocus()

    def _as_shown_text(self, session: CalendarSession) -> str:
        """What the window is filtered to: "campaign 'App launch'; Scheduled"."""
        from .post_model import status_label

        chosen = [
            f"'{shortened(c.name, 30)}'"
            for c in session.store.campaigns()
            if c.id in self._campaigns
        ]
        parts = []
        if len(chosen) > 3:  # named, a dozen made the dialog as wide as the screen
            parts.append(f"{len(chosen)} campaigns")
        elif chosen:
            parts.append(f"{'campaign' if len(chosen) == 1 else 'campaigns'} {in_words(chosen)}")
        if self._statuses:
            parts.append(in_words([status_label(s) for s in PostStatus if s in self._statuses]))
        return f"Only the posts the calendar shows ({'; '.join(parts)})"

    def _checklist(
        self,
        name: str,
        accessible: str,
        entries: list[tuple[int, str]],
        *,
        unchecked: frozenset[int] = frozenset(),
    ) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        widget.setItemDelegate(TickingRowDelegate(widget))
        for ident, text in entries:
            item = QListWidgetItem(text, widget)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = ident not in unchecked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setData(_ID, ident)
            item.setToolTip(text)
        # As wide as the longest name up to a point, then names end in "…" (the tooltip
        # has them whole): no sideways scroll bar to cover the last row.
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        frame = 2 * widget.frameWidth()
        room = widget.sizeHintForColumn(0) + frame + widget.verticalScrollBar().sizeHint().width()
        widget.setMinimumWidth(min(room, widget.fontMetrics().averageCharWidth() * 40))
        rows = max(3, min(len(entries), _ROWS_SHOWN))
        # An empty list as tall as one of three rows (it was a 3-pixel line).
        row = widget.sizeHintForRow(0) if entries else widget.fontMetrics().height() + 4
        widget.setFixedHeight(row * rows + frame + 4)
        return widget

    def _all_or_none(self, widget: QListWidget, name: str, what: str) -> QHBoxLayout:
        """Buttons that tick or untick every row of ``widget`` at once."""
        row = QHBoxLayout()
        for text, state, said in (
            ("All", Qt.CheckState.Checked, f"Tick every {what}"),
            ("None", Qt.CheckState.Unchecked, f"Untick every {what}"),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{name}{text}")
            button.setAccessibleName(said)
            button.setToolTip(said)
            button.setEnabled(widget.count() > 0)  # (nothing to tick in an empty list)
            button.clicked.connect(lambda _=False, state=state: self._tick_all(widget, state))
            self._tickers.append(button)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _tick_all(self, widget: QListWidget, state: Qt.CheckState) -> None:
        with QSignalBlocker(widget):  # checked once, not once a row
            for index in range(widget.count()):
                widget.item(index).setCheckState(state)
        self._check()

    def _follow_limit(self, on: bool) -> None:
        self.first_edit.setEnabled(on)
        self.last_edit.setEnabled(on)
        self._check()

    @staticmethod
    def _checked(
        widget: QListWidget, retired: frozenset[int] = frozenset()
    ) -> tuple[frozenset[int], bool]:
        """The ids checked, and whether that is every one (every one in use, whatever
        ``retired`` ones are ticked beside them: none is left out for being unticked)."""
        items = [widget.item(row) for row in range(widget.count())]
        every = frozenset(int(i.data(_ID)) for i in items)
        ids = frozenset(int(i.data(_ID)) for i in items if i.checkState() == Qt.CheckState.Checked)
        return ids, ids >= every - retired

    def _check(self) -> None:
        """Say what stops the export, if anything, and allow it only without."""
        problem = ""
        channels, _ = self._checked(self.channels)
        messages, all_messages = self._checked(self.messages, self._retired)
        if self.limit_days.isChecked() and self.last_edit.date() < self.first_edit.date():
            problem = "The last day comes before the first."
        elif self.channels.count() and not channels:
            problem = "Tick at least one channel."
        elif self.messages.count() and not messages:
            problem = "Tick at least one key message."
        self.messages_hint.setVisible(not all_messages)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        fields = (self.limit_days, self.first_edit, self.last_edit, self.channels, self.messages)
        say_not_ready(
            [problem] if problem else [],
            (*fields, *self._tickers),
            self.buttons.button(QDialogButtonBox.StandardButton.Ok),
        )

    def _statuses_chosen(self) -> frozenset[PostStatus]:
        """The statuses exported (none: every one): those the calendar shows, or for a
        publishing tool, Scheduled alone unless drafts are sent too."""
        if not self.drafts.isChecked():
            return frozenset({PostStatus.SCHEDULED})
        return self._statuses if self.as_shown.isChecked() else frozenset()

    def options(self) -> ExportOptions:
        """The export the dialog describes."""
        channels, all_channels = self._checked(self.channels)
        messages, all_messages = self._checked(self.messages, self._retired)
        first: date | None = None
        last: date | None = None
        if self.limit_days.isChecked():
            first, last = pydate(self.first_edit.date()), pydate(self.last_edit.date())
        return ExportOptions(
            first=first,
            last=last,
            channel_ids=frozenset() if all_channels else channels,
            message_ids=frozenset() if all_messages else messages,
            # Every one in use ticked, and archived ones by name: those in the report
            # too, and no post left out for carrying none (a post of no key message was
            # dropped once an archived one was ticked).
            archived_messages=self._retired & messages if all_messages else frozenset(),
            unnamed_messages=self._retired - messages if all_messages else frozenset(),
            day_first=bool(self.date_order.currentData()),
            byte_order_mark=self.byte_order_mark.isChecked(),
            semicolons=self.semicolons.isChecked(),
            notes=self.notes.isChecked(),
            campaign_ids=self._campaigns if self.as_shown.isChecked() else frozenset(),
            statuses=self._statuses_chosen(),
            today=self.session.given_today(),
            rest_days=rest_days(),
        )


def ask_export_options(
    session: CalendarSession, fmt: str, label: str, parent: QWidget | None
) -> ExportOptions | None:
    """The options chosen, or None when the user cancelled."""
    dialog = ExportOptionsDialog(session, fmt, label, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()
    finally:
        dialog.deleteLater()
