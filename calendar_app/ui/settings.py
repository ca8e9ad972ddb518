"""Edit > Calendar Settings: a calendar's name, time zone, week and default cadence.

Every calendar is planned on one clock, its time zone's; this is where it is
seen and, when it was set wrong (a calendar made on a trip), changed. Posts
keep their times of day: 09:00 stays 09:00 on the new zone's clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.models import MAX_CADENCE_DAYS, CalendarInfo, ChangeSet, WeekStart, every_days
from ..render.chips import clock_text
from .commands import StoreCommand, elide
from .dialogs import SaveAnswer, ask_save_changes, closes_unsaved, fit_on_screen, show_error
from .editor import KeptSpinBox, counted_suffix, hint_label, problems_label, say_not_ready
from .session import CalendarSession, ErrorHandler
from .welcome import chosen_zone, week_combo, zone_combo, zone_problems


def settings_text(old: CalendarInfo, new: CalendarInfo) -> str:
    """The undo text of a settings change, naming it: "Change time zone to Asia/Tokyo"
    (it read "Change calendar settings" whatever changed)."""
    changed = []
    if new.name != old.name:
        changed.append(f"name to '{elide(new.name)}'")
    if new.timezone != old.timezone:
        changed.append(f"time zone to {new.timezone}")
    if new.week_start != old.week_start:
        changed.append(f"week start to {new.week_start.value.capitalize()}")
    if new.default_cadence_days != old.default_cadence_days:
        changed.append(f"default cadence to {every_days(new.default_cadence_days)}")
    if len(changed) != 1:
        return "Change calendar settings"
    return f"Change {changed[0]}"


class CalendarSettingsCommand(StoreCommand):
    """Give the calendar other settings; undo gives it back the ones it had."""

    def __init__(self, session: CalendarSession, new: CalendarInfo) -> None:
        old = session.store.info_in_file()
        super().__init__(session, settings_text(old, new))
        self._old = old
        self._new = new

    def _set(self, info: CalendarInfo) -> ChangeSet:
        return self.session.store.update_info(
            name=info.name,
            timezone=info.timezone,
            week_start=info.week_start,
            default_cadence_days=info.default_cadence_days,
        )

    def apply(self) -> ChangeSet:
        return self._set(self._new)

    def revert(self) -> ChangeSet:
        return self._set(self._old)


class CalendarSettingsDialog(QDialog):
    """The calendar's settings as a form; Save pushes one undoable change."""

    def __init__(
        self,
        session: CalendarSession,
        parent: QWidget | None = None,
        *,
        error_handler: ErrorHandler = show_error,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._error_handler = error_handler
        self.ask_save_changes: Callable[[QWidget, str], SaveAnswer] = ask_save_changes
        info = self._as_opened = session.store.info()
        self.setObjectName("calendarSettings")
        self.setWindowTitle("Calendar Settings")
        self.setAccessibleName("Calendar settings")

        self.name_edit = QLineEdit(info.name)
        self.name_edit.setAccessibleName("Calendar name")
        self.zone_combo = zone_combo(info.timezone)
        nine = clock_text(time(9, 0))  # "9:00 AM" in the United States
        self.zone_note = hint_label(
            f"Posts keep their times of day: {nine} stays {nine}, on this zone's clock."
            " Today, and what is overdue, go by it too."
        )
        self.week_combo = week_combo(info.week_start)
        self.cadence_spin = KeptSpinBox()
        self.cadence_spin.setRange(1, MAX_CADENCE_DAYS)
        self.cadence_spin.setPrefix("every ")
        counted_suffix(self.cadence_spin, " day", " days")
        self.cadence_spin.show_value(info.default_cadence_days)
        self.cadence_spin.setAccessibleName("Cadence of a new key message")
        self.cadence_spin.setToolTip("The cadence a new key message starts with")

        form = QFormLayout()  # laid out as the welcome screen's New Calendar form
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for text, field in (
            ("Calendar &name:", self.name_edit),
            ("&Time zone:", self.zone_combo),
            ("&Week starts on:", self.week_combo),
            ("New key messages &repeat:", self.cadence_spin),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            if field is self.zone_combo:
                form.addRow("", self.zone_note)
        self.problems = problems_label()
        self.problems.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._revalidate)
        self.zone_combo.currentTextChanged.connect(self._revalidate)
        # The height the zone's note takes wrapped at the width shown (a large font
        # widens the dialog past 520).
        width = max(520, self.minimumSizeHint().width())
        self.resize(width, self.sizeHint().height())
        layout.activate()
        self.zone_note.fit_lines()
        layout.activate()
        fit_on_screen(self, width, self.sizeHint().height())  # no taller than the screen
        self._as_shown = self.settings()  # (a name's spaces as the form reads them)

    def settings(self) -> CalendarInfo:
        """The settings the form shows."""
        return CalendarInfo(
            name=" ".join(self.name_edit.text().split()),
            timezone=chosen_zone(self.zone_combo),
            week_start=WeekStart(self.week_combo.currentData()),
            default_cadence_days=self.cadence_spin.kept_value(),
        )

    def problems_found(self) -> list[str]:
        new = self.settings()
        found = []
        if not new.name:
            found.append("Give the calendar a name.")
        return found + zone_problems(new.timezone)

    def _revalidate(self, *_: Any) -> None:
        found = self.problems_found()
        self.problems.setText("\n".join(found))
        if self.problems.isVisibleTo(self) != bool(found):
            self.problems.setVisible(bool(found))
            # Room for the sentence: the zone's note was squeezed and cut.
            layout = self.layout()
            if layout is not None:
                layout.activate()
            fit_on_screen(self, self.width(), max(self.height(), self.sizeHint().height()))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            fields = (self.name_edit, self.zone_combo, self.week_combo, self.cadence_spin)
            say_not_ready(found, fields, save)

    def reject(self) -> None:
        """Cancel, Escape or the close button with something changed asks first, as the
        post editor, the managers and New Calendar do (a name typed went without a word)."""
        if self.settings() == self._as_shown or closes_unsaved(
            self, self.settings().name or self._as_opened.name, self.ask_save_changes
        ):
            super().reject()

    def accept(self) -> None:
        if self.problems_found():
            self._revalidate()
            return
        # What the user changed, over the settings as the file has them now: another
        # window may have changed the others meanwhile.
        chosen, opened = self.settings(), self._as_opened
        now = self.session.store.info_in_file()
        new = replace(
            now,
            **{
                name: getattr(chosen, name)
                for name in ("name", "timezone", "week_start", "default_cadence_days")
                if getattr(chosen, name) != getattr(opened, name)
            },
        )
        if new != now:
            try:
                self.session.push(CalendarSettingsCommand(self.session, new))
            except Exception as exc:  # the store's refusal (a read-only file...): said
                self._error_handler(self, exc)
                return
        super().accept()


def show_calendar_settings(session: CalendarSession, parent: QWidget | None) -> None:
    dialog = CalendarSettingsDialog(session, parent)
    dialog.exec()
    dialog.deleteLater()
