"""The Help menu: "How Cadence Works", "Keyboard Shortcuts" and "About Cadence".

The guide's pictures are drawn when it opens, by the app's own widgets
(cadence panel, month view, sidebar) on a private session: from the open
calendar when it has a gap to show, else from a fresh demo calendar. They go
into the text through :meth:`QTextDocument.addResource`, so no image file is
shipped and the pictures always look like the app.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QFontMetrics,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStyle,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.cadence import Gap
from ..core.models import MONTHS, every_days, isolated
from ..core.store import CalendarStore
from ..render.cadence_strip import month_first
from ..render.chips import mix
from .dialogs import LISTED_AS, fit_on_screen
from .session import CalendarSession
from .sidebar import pill_colors

PANEL_PICTURE = "guide:cadence-panel"
MONTH_PICTURE = "guide:month-gap"
SIDEBAR_PICTURE = "guide:key-messages"
PICTURE_WIDTH = 680
"""The pictures' width at the usual font; a larger one widens them as much."""

_USUAL_LINE = 17
"""A line of the usual font (9 or 10 points), in pixels."""


def picture_scale() -> float:
    """How much larger than usual the application's font is (1 at most sizes): the
    pictures grow with it (at 20 pt the panel's labels ran over one another and the
    month's chips showed "…" alone)."""
    return max(1.0, QFontMetrics(QApplication.font()).height() / _USUAL_LINE)


def picture_width() -> int:
    return round(PICTURE_WIDTH * picture_scale())


def _native(key: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class _Dialog(QDialog):
    def setVisible(self, visible: bool) -> None:
        # Settle the layout before the window exists: sizing it afterwards makes platforms
        # without size hints (offscreen) complain.
        layout = self.layout()
        if visible and layout is not None and self.windowHandle() is None:
            layout.activate()
        super().setVisible(visible)


# -- pictures from the app itself ---------------------------------------------------


@dataclass
class GuideExample:
    """The key message and the gap the pictures show."""

    message_id: int
    title: str
    cadence_days: int
    gap: Gap
    before: date
    """The delivery the gap follows."""
    after: date | None
    """The delivery that ends the gap, if it is planned."""


@dataclass
class GuidePictures:
    """The guide's pictures (resource name -> image) and what they show."""

    example: GuideExample
    from_demo: bool
    today: date
    images: dict[str, QImage] = field(default_factory=dict)


def find_example(session: CalendarSession) -> GuideExample | None:
    """A gap worth showing: after a real delivery, near today, ended by a delivery if possible."""
    report = session.report()
    today = session.today()
    best: tuple[tuple[int, int, int], GuideExample] | None = None
    for message in report.messages:
        for gap in message.gaps:
            before = [d for d in message.deliveries if d < gap.start]
            if not before:
                continue
            after = next((d for d in message.deliveries if d > gap.end), None)
            example = GuideExample(
                message.message_id, message.title, message.cadence_days, gap, before[-1], after
            )
            # A short gap between two deliveries, close to today, makes the clearest picture.
            score = (after is None, abs((gap.start - today).days) // 30, gap.days)
            if best is None or score < best[0]:
                best = (score, example)
    return None if best is None else best[1]


def _stack(images: list[QImage]) -> QImage:
    """The images one under the other (same device pixel ratio), as one image."""
    ratio = images[0].devicePixelRatio()
    width = max(image.width() for image in images)
    height = sum(image.height() for image in images)
    result = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    result.fill(Qt.GlobalColor.transparent)
    # The ratio before painting: the painter then works in the images' own (logical)
    # units, and each pixel lands on a pixel (at 200% they came out at half size).
    result.setDevicePixelRatio(ratio)
    painter = QPainter(result)
    y = 0.0
    for image in images:
        painter.drawImage(QPointF(0, y), image)
        y += image.height() / ratio
    painter.end()
    return result


def _framed(image: QImage, color: QColor) -> QImage:
    """``image`` with a one-pixel border, so that it reads as a picture of the app."""
    painter = QPainter(image)
    pen = QPen(color)
    pen.setWidth(0)
    painter.setPen(pen)
    ratio = image.devicePixelRatio()
    painter.drawRect(QRectF(0, 0, image.width() / ratio - 1, image.height() / ratio - 1))
    painter.end()
    return image


def _grab(widget: QWidget, rect: QRect) -> QImage:
    return widget.grab(rect).toImage()


def _panel_picture(session: CalendarSession, example: GuideExample) -> QImage:
    from .cadence_panel import CadencePanel

    panel = CadencePanel(session)
    try:
        report = session.report()
        first = max(report.start, example.before - timedelta(days=6))
        last = (example.after or example.gap.start + timedelta(days=28)) + timedelta(days=6)
        last = min(max(last, first + timedelta(days=34)), first + timedelta(days=69))
        panel.set_range(first, last)
        # Every row (the example may be the twelfth), so the key is below the last.
        panel.resize(picture_width(), panel.height_for_rows())
        rows = [panel.row_rect(m) for m in panel.message_ids()]
        row = panel.row_rect(example.message_id)
        axis = QRect(0, 0, panel.width(), rows[0].top())
        legend_top = rows[-1].bottom() + 1
        legend = QRect(0, legend_top, panel.width(), panel.height() - legend_top)
        return _stack([_grab(panel, axis), _grab(panel, row), _grab(panel, legend)])
    finally:
        panel.deleteLater()


def picture_days(example: GuideExample) -> tuple[date, date]:
    """A day of each of the two weeks the month picture shows: red days, then the
    delivery that fills the gap (a week before it, and its own: a gap ending on the
    week's last day put the delivery past the picture); else the gap's first two."""
    if example.after is not None and (example.after - example.gap.end).days <= 7:
        first_day = max(example.after - timedelta(days=7), example.gap.start)
    else:
        first_day = example.gap.start
    return first_day, first_day + timedelta(days=7)


def _month_picture(session: CalendarSession, example: GuideExample) -> QImage:
    from .month_view import MonthView

    month = MonthView(session)
    try:
        month.resize(picture_width(), round((40 + 6 * 92) * picture_scale()))
        first_day, second_day = picture_days(example)
        for shown in (first_day, second_day):
            month.set_current_date(shown)
            if not (month.day_rect(first_day).isEmpty() or month.day_rect(second_day).isEmpty()):
                break
        # Keep the keyboard's day (outlined) out of the two weeks shown.
        displayed = month.displayed_month()
        next_month = (displayed + timedelta(days=32)).replace(day=1)
        for day in (displayed, next_month - timedelta(days=1)):
            if abs((day - first_day).days) > 13:
                month.set_current_date(day)
                break
        top = month.day_rect(first_day)
        bottom = month.day_rect(second_day)
        header = QRect(0, 0, month.width(), month.day_rect(month.visible_range()[0]).top())
        weeks = QRect(0, top.top(), month.width(), bottom.bottom() - top.top() + 1)
        return _stack([_grab(month, header), _grab(month, weeks)])
    finally:
        month.deleteLater()


SIDEBAR_PICTURE_ROWS = 6
"""The key messages the guide's picture of the sidebar shows at most (its first ones)."""


def _sidebar_picture(session: CalendarSession) -> QImage:
    from .sidebar import MessageSidebar

    sidebar = MessageSidebar(session)
    try:
        sidebar.resize(round(300 * picture_scale()), sidebar.sizeHint().height())
        layout = sidebar.layout()
        if layout is not None:
            layout.activate()
        view = sidebar.messages_view
        rect = QRect(view.geometry())
        rect.setTop(sidebar.messages_label.geometry().top())
        rows = view.model().rowCount()
        if rows > SIDEBAR_PICTURE_ROWS:  # 300 messages made a picture 13,000 pixels tall
            last = view.visualRect(view.model().index(SIDEBAR_PICTURE_ROWS - 1, 0))
            rect.setBottom(view.geometry().top() + view.viewport().geometry().top() + last.bottom())
        return _grab(sidebar, rect.adjusted(-8, -4, 8, 4))
    finally:
        sidebar.deleteLater()


@contextmanager
def _picture_session(session: CalendarSession) -> Iterator[tuple[CalendarSession, bool]]:
    """A session of its own for the pictures (selecting a message there changes nothing
    on screen): on the open calendar when it has a gap to show, else on a demo calendar."""
    own = CalendarSession(session.store, today=session.today())
    if find_example(own) is not None:
        try:
            yield own, False
        finally:
            own.deleteLater()
        return
    own.deleteLater()
    from ..core.demo import write_demo

    with tempfile.TemporaryDirectory(prefix="cadence-guide-") as folder:
        path = Path(folder) / "Demo.cadence"
        # Its weeks as the calendar's (a Saturday's in Cairo).
        write_demo(path, today=session.today(), week_start=session.store.info().week_start)
        store = CalendarStore.open(path, read_only=True)
        demo = CalendarSession(store, today=session.today())
        try:
            yield demo, True
        finally:
            demo.deleteLater()
            store.close()


def render_pictures(session: CalendarSession) -> GuidePictures:
    """Draw the guide's pictures with the app's widgets (offscreen, nothing is shown)."""
    with _picture_session(session) as (own, from_demo):
        example = find_example(own)
        assert example is not None  # the demo always has gaps
        own.select_message(example.message_id)
        pictures = GuidePictures(example, from_demo, own.today())
        border = QApplication.palette().color(QPalette.ColorRole.Mid)
        pictures.images[SIDEBAR_PICTURE] = _framed(_sidebar_picture(own), border)
        pictures.images[PANEL_PICTURE] = _framed(_panel_picture(own, example), border)
        pictures.images[MONTH_PICTURE] = _framed(_month_picture(own, example), border)
    return pictures


# -- the guide ----------------------------------------------------------------------


def _pill(status: str) -> str:
    """A status as the sidebar's badge shows it (upcoming and ended were white on grey,
    3.2:1, where the sidebar draws them dark on a faint fill)."""
    palette = QApplication.palette()
    fill, _outline, text = pill_colors(status, palette)
    if fill.alpha() < 255:  # on the guide's page, as a solid colour
        fill = mix(palette.color(QPalette.ColorRole.Base), fill, fill.alphaF())
    return (
        f'<span style="background-color:{fill.name()}; color:{text.name()}; font-weight:600">'
        f"&nbsp;{status}&nbsp;</span>"
    )


def _picture(name: str, image: QImage, alt: str, caption: str) -> str:
    ratio = image.devicePixelRatio() or 1.0
    width = round(image.width() / ratio)
    height = round(image.height() / ratio)
    return (
        f'<p align="center"><img src="{name}" width="{width}" height="{height}" '
        f'alt="{html.escape(alt)}"></p>'
        f'<p align="center"><small><i>{caption}</i></small></p>'
    )


def _day(day: date) -> str:
    """ "26 November", "November 26" where the month comes first (the United States)."""
    if month_first():
        return f"{MONTHS[day.month - 1]} {day.day}"
    return f"{day.day} {MONTHS[day.month - 1]}"


def gap_story(example: GuideExample, today: date) -> str:
    """What the panel's picture shows about the example's gap, in one or two sentences."""
    gap = example.gap
    days = example.cadence_days
    name = f"“{html.escape(isolated(example.title))}” ({every_days(days)})"
    if gap.end < today:
        when = (
            f"on {_day(gap.start)}"
            if gap.start == gap.end
            else f"from {_day(gap.start)} to {_day(gap.end)}"
        )
        story = f"{name} went quiet {when}: the red bar."
        if example.after is not None:
            story += f" The delivery on {_day(example.after)} ended the gap."
        return story
    if gap.start <= today:
        story = (
            f"{name} has been overdue since {_day(gap.start)}: the red bar. After the today "
            "line it turns pale: overdue unless you plan something"
        )
    else:
        story = (
            f"{name} will be overdue from {_day(gap.start)} unless you plan something: "
            "the hatched bar"
        )
    if example.after is not None:
        story += f"; here the post planned for {_day(example.after)} ends it"
    return story + "."


def guide_html(pictures: GuidePictures) -> str:
    """The guide's text, with the pictures referred to by their resource names."""
    example = pictures.example
    title = html.escape(isolated(example.title))  # a Hebrew name kept whole in English
    where = "the demo calendar" if pictures.from_demo else "your calendar"
    undo = _native(QKeySequence.StandardKey.Undo)
    copy = _native(QKeySequence.StandardKey.Copy)
    paste = _native(QKeySequence.StandardKey.Paste)
    images = pictures.images
    panel_caption = (
        "The cadence panel has a row per key message; each mark is a delivery, in its "
        f"channel's colour. {gap_story(example, pictures.today)} The button at the head "
        "of its labels shows 3, 6 or 12 months at once."
    )
    statuses = [
        ("ok", "On time, and its next repetition is already on the calendar."),
        (
            "unplanned",
            "On time today, but nothing is planned before it falls due again: plan its next post.",
        ),
        (
            "overdue",
            "Its due day has passed without a delivery. The badge says by how many days.",
        ),
        ("upcoming", "Its start date has not come yet; nothing is due so far."),
        ("ended", "Its end date has passed; it no longer needs repeating."),
    ]
    status_rows = "".join(
        f'<tr><td style="padding: 3px 10px 3px 0">{_pill(s)}</td>'
        f'<td style="padding: 3px 0">{text}</td></tr>'
        for s, text in statuses
    )
    return f"""
<h1>How Cadence works</h1>
<p>A key message lands only when people meet it again and again, in different ways and
on every channel. Cadence keeps count for you: for each key message it shows when it last
went out, when it is due again, and where it has gone quiet. The pictures come from
{where}.</p>

<h2>Key messages and their cadence</h2>
<p>A <b>key message</b> is one thing you want people to remember, such as
“{title}”. Your posts carry it: one post can carry several key messages, and a key
message travels on every channel.</p>
<p>Its <b>cadence</b> is how often it should come back. “Every 14 days” means that after
a post carrying it, the next one should follow within 14 days.</p>

<h2>Planning a post</h2>
<p><b>Double-click a day</b> (or select it and press <b>N</b>) to write a post on it, and
tick the key messages it carries. <b>Shift+N</b> writes an idea into the backlog instead,
to drag onto a day later.</p>

<h2>What counts as a delivery</h2>
<p>A post <b>delivers</b> its key messages on its day when</p>
<ul>
<li>it is <b>scheduled</b> or <b>published</b>, or</li>
<li>it is a <b>draft</b> dated today or later (a draft left in the past never went out).</li>
</ul>
<p>Ideas, cancelled posts and undated posts in the backlog deliver nothing. Several posts
on the same day make <b>one delivery day</b>: three posts on a Monday do not cover the
next three weeks, so spread them out.</p>

<h2>Gaps: where a message went quiet</h2>
<p>After a delivery, a key message is due again within its cadence. Every day after that,
until the next delivery, belongs to a <b>gap</b>: the message is <b>overdue</b> on those
days. A message with a start or end date is overdue only between them; the last post
before its start still counts, as the delivery its cadence starts from. In the month and
week views, the small red number on a day counts the key messages overdue that day;
hover over it to read their names.</p>
{
        _picture(
            PANEL_PICTURE,
            images[PANEL_PICTURE],
            f"The cadence panel's row for {example.title}, with a red gap",
            panel_caption,
        )
    }

<h2>The status of each key message</h2>
<p>The sidebar shows each key message with its cadence and its status today:</p>
<table cellspacing="0">{status_rows}</table>
{
        _picture(
            SIDEBAR_PICTURE,
            images[SIDEBAR_PICTURE],
            "The key messages in the sidebar, each with a status badge",
            "The key messages in the sidebar, each with its cadence and status.",
        )
    }

<h2>How to fill a gap</h2>
<ol>
<li><b>Click the key message in the sidebar.</b> The month view tints the days it is
overdue in red and ticks the days it is delivered. Click it again, or press Esc in the
list, to see everything again. In a long list, <b>F8</b> picks the message overdue
longest, then the next; with none overdue, the gap that comes soonest.</li>
<li><b>Drag a post</b> that carries the message into a red day to move it there.</li>
<li><b>Hold Ctrl while you drop</b> to repeat the post instead: the copy carries the same
key messages, and the original stays where it was.</li>
<li><b>Without the mouse:</b> select the post, press <b>{copy}</b>, go to the red day with
the arrow keys and press <b>{paste}</b>. Cut instead of copy to move the post.</li>
<li><b>Or drag an idea from the backlog</b> onto a red day. It becomes a draft there, and a
draft counts as soon as it is dated today or later.</li>
<li><b>Quickest of all: right-click a red day</b> from today on (or press the Menu key on
it) and choose
<b>Fill the Gap</b>: repeat the message's last post there, schedule one of its ideas
from the backlog, or write a new post that carries it. Right-click the message's red bar
in the cadence panel for the same from the first day of its gap still to come, or the
message in the sidebar for the day it needs a post (today when it is overdue).</li>
</ol>
<p>The red days and the statuses change as soon as you drop. Changed your mind?
<b>{undo}</b> undoes any move, copy or edit.</p>
{
        _picture(
            MONTH_PICTURE,
            images[MONTH_PICTURE],
            f"Two weeks of the month view with {example.title} selected; its gap days are red",
            f"“{title}” selected: its overdue days are tinted red, and a tick marks each day "
            f"it is delivered.",
        )
    }
"""


class GuideDialog(_Dialog):
    """Help > How Cadence Works: the rules and how to fill a gap, with pictures of the app."""

    def __init__(self, session: CalendarSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("How Cadence Works")
        self.setAccessibleName("How Cadence works")
        self.pictures = render_pictures(session)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setAccessibleName("How Cadence works")
        self.browser.setOpenExternalLinks(False)
        # A caret the arrows move, line by line, for a screen reader to follow (they
        # scrolled the page, and it read nothing as one went down).
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        document = self.browser.document()
        document.setDocumentMargin(18)
        for name, image in self.pictures.images.items():
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        self.browser.setHtml(guide_html(self.pictures))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 10)
        layout.addWidget(self.browser, 1)
        buttons.setContentsMargins(10, 0, 10, 0)
        layout.addWidget(buttons)
        fit_on_screen(self, picture_width() + 100, 720)

    def image_names(self) -> list[str]:
        """The pictures embedded in the text (resource names)."""
        return list(self.pictures.images)

    def image(self, name: str) -> QImage:
        resource = self.browser.document().resource(
            QTextDocument.ResourceType.ImageResource, QUrl(name)
        )
        return resource if isinstance(resource, QImage) else QImage()

    def text(self) -> str:
        return self.browser.toPlainText()


def show_guide(window: QMainWindow, session: CalendarSession) -> GuideDialog:
    """Open the guide beside the window (one at a time; it stays open while you work)."""
    existing = window.findChild(GuideDialog)
    if isinstance(existing, GuideDialog) and existing.isVisible():
        if existing.pictures.today == session.today():
            existing.activateWindow()  # window managers raise the window they activate
            return existing
        existing.close()  # open since a day gone: its pictures and story of that day
    dialog = GuideDialog(session, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


# -- keyboard shortcuts ---------------------------------------------------------------


@dataclass(frozen=True)
class ShortcutRow:
    menu: str
    action: str
    keys: str


def _action_name(action: QAction) -> str:
    listed = action.property(LISTED_AS)
    if isinstance(listed, str) and listed:
        return listed
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    return text.rstrip("…").strip()


def _menu_actions(menu: QMenu, prefix: str) -> Iterator[tuple[str, QAction]]:
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_actions(submenu, f"{prefix} › {_action_name(action)}")
        elif not action.isSeparator():
            yield prefix, action


_DEDICATED = frozenset(
    {
        Qt.Key.Key_Copy,
        Qt.Key.Key_Cut,
        Qt.Key.Key_Paste,
        Qt.Key.Key_Undo,
        Qt.Key.Key_Redo,
        Qt.Key.Key_Open,
        Qt.Key.Key_New,
        Qt.Key.Key_Close,
        Qt.Key.Key_Save,
        Qt.Key.Key_Find,
        Qt.Key.Key_Help,
    }
)
"""Keys of some keyboards alone ("Copy", "Save"), which the platform binds beside the
usual ones: listed, they read as typos ("Copy: Ctrl+C, Ctrl+Ins, Copy")."""


def _on_a_keyboard(keys: QKeySequence) -> bool:
    """Whether ``keys`` are typed on an ordinary keyboard (not a key of its own)."""
    # (Indexed as Qt indexes it; PySide's stubs leave that out.)
    combos = [keys[i] for i in range(keys.count())]  # type: ignore[index]
    return all(combo.key() not in _DEDICATED for combo in combos)


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every shortcut of the window, read from its actions, grouped by menu."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()

    def add(menu: str, action: QAction) -> None:
        if id(action) in seen:
            return
        keys = [_native(k) for k in action.shortcuts() if not k.isEmpty() and _on_a_keyboard(k)]
        if keys:
            seen.add(id(action))
            rows.append(ShortcutRow(menu, _action_name(action), ", ".join(keys)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            for name, action in _menu_actions(menu, _action_name(top)):
                add(name, action)
    for action in window.findChildren(QAction):
        owner = action.parent()
        if isinstance(owner, QWidget) and owner.window() is not window:
            continue  # a dialog's own (a manager's Undo), not the window's
        add("Other", action)
    rows.extend(ShortcutRow(place, what, keys) for place, what, keys in VIEW_KEYS)
    return rows


VIEW_KEYS = (
    ("In the calendar", "Move between days (rows in the agenda)", "Arrow keys"),
    ("In the calendar", "Scroll the hours (week)", "Up, Down"),
    (
        "In the calendar",
        "Previous or next period (a page of rows in the agenda)",
        "Page Up, Page Down",
    ),
    ("In the calendar", "Next or previous post of the day (month and week)", "Tab, Shift+Tab"),
    ("In the calendar", "Select the posts of the days the arrows cross", "Shift+Arrow keys"),
    ("In the calendar", "Select the period's posts", "Ctrl+A"),
    (
        "In the calendar",
        "Add the post to the selection or take it out (Tab and the arrows keep it)",
        "Ctrl+Space",
    ),
    ("In the calendar", "Move without changing the selection (agenda)", "Ctrl+Up, Ctrl+Down"),
    ("In the calendar", "First or last post (agenda)", "Home, End"),
    ("In the calendar", "Open the selected post or day", "Enter"),
    ("In the calendar", "Clear the selection", "Esc"),
    ("In the calendar", "The menu of the post or day", "Menu key, Shift+F10"),
    ("Cadence panel", "Previous or next key message", "Up, Down"),
    ("Cadence panel", "A day earlier or later", "Left, Right"),
    ("Cadence panel", "A week earlier or later", "Page Up, Page Down"),
    ("Cadence panel", "First or last day shown", "Home, End"),
    ("Cadence panel", "Go to the day", "Enter"),
    ("Cadence panel", "Deselect the key message", "Esc"),
    ("Sidebar", "Choose a key message, or show or hide a channel", "Space, Enter"),
    ("Sidebar", "Deselect the key message", "Esc"),
    ("Backlog", "Open the idea", "Enter"),
    ("Backlog", "From its search to the ideas", "Down"),
    ("Backlog", "Clear its search", "Esc"),
    ("Search box", "Next or previous post found", "Enter, Shift+Enter"),
    ("Search box", "Clear it, then back to the calendar", "Esc"),
    ("Post editor", "Save the post", "Ctrl+Return"),
)
"""The keys the views answer themselves, which no menu lists."""


class ShortcutsDialog(_Dialog):
    """Help > Keyboard Shortcuts: the window's actions and their keys, by menu."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.rows = shortcut_rows(window)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutList")
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        groups: dict[str, QTreeWidgetItem] = {}
        for row in self.rows:
            group = groups.get(row.menu)
            if group is None:
                group = QTreeWidgetItem(self.tree, [row.menu])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[row.menu] = group
            item = QTreeWidgetItem(group, [row.action, row.keys])
            item.setToolTip(0, row.action)  # whole, where the screen is too narrow
        self.tree.expandAll()
        note = QLabel(
            "In the calendar: arrow keys move between days (in the week, Up and Down"
            " scroll the hours), Tab between the posts of the day, Ctrl+Space selects"
            " several, Ctrl+Tab goes on to the next pane; Enter opens a post, and"
            " Ctrl+Return saves it in the editor. "
            "Drag a post to move it; hold Ctrl while dropping to copy it. "
            "Or cut or copy it and paste it on the selected day; an idea cut in the"
            " backlog and pasted on a day is a draft there. "
            "On a red day from today on, the Menu key offers to fill the gap. "
            "In the search box, Enter goes to the next post found; Esc clears it, then"
            " goes back to the calendar."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_on_screen(self, max(460, self._width_for_every_row()), 620)

    def _width_for_every_row(self) -> int:
        """Wide enough that no action's name is cut (at 460 pixels, 20 of them were:
        "Next Overdue Key …")."""
        metrics = self.tree.fontMetrics()
        room = 2 * self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        action = max((metrics.horizontalAdvance(r.action) for r in self.rows), default=0)
        keys = max((metrics.horizontalAdvance(r.keys) for r in self.rows), default=0)
        header = self.tree.header()
        keys = max(keys, metrics.horizontalAdvance(self.tree.headerItem().text(1))) + room
        scroll = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        frame = 2 * self.tree.frameWidth() + header.offset()
        return (
            action
            + self.tree.indentation()
            + room
            + keys
            + scroll
            + frame
            + margins.left()
            + margins.right()
        )

    def text(self) -> str:
        return "\n".join(f"{r.menu}\t{r.action}\t{r.keys}" for r in self.rows)


def show_shortcuts(window: QMainWindow) -> None:
    dialog = ShortcutsDialog(window)
    dialog.exec()
    dialog.deleteLater()


# -- about ------------------------------------------------------------------------------


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the file manager (made first if it does not exist yet)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(_Dialog):
    """Help > About Cadence: the version, and where the calendar, the data and the backups are."""

    def __init__(
        self,
        calendar: Path,
        data: Path,
        backups: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from .welcome import app_icon_pixmap

        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Cadence")
        calendar = calendar.absolute()  # opened by a name relative to where Cadence started
        self.folders = {"calendar": calendar.parent, "data": data, "backups": backups}
        icon = QLabel()
        icon.setPixmap(app_icon_pixmap(64, self.devicePixelRatioF(), self.palette()))
        icon.setFixedSize(64, 64)
        title = QLabel(f"Cadence {html.escape(__version__)}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel(
            "A content calendar that shows where each key message has not been repeated recently."
        )
        tagline.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(tagline)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.path_labels: dict[str, QLabel] = {}
        self.links: dict[str, QPushButton] = {}
        rows = (
            ("calendar", "This calendar:", calendar, "Show in folder"),
            ("data", "Cadence's data:", data, "Open folder"),
            ("backups", "Backups:", backups, "Open folder"),
        )
        for row, (key, label, path, link_text) in enumerate(rows):
            name = QLabel(label)
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel(html.escape(str(path)))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            value.setAccessibleName(f"{label.rstrip(':')} {path}")
            folder = self.folders[key]
            # A button: a label's link was two Tab stops, the first showing no focus and
            # closing the box on Enter.
            link = QPushButton(link_text)
            link.setAccessibleName(f"{link_text}: {folder}")
            link.setToolTip(str(folder))
            link.clicked.connect(lambda _=False, f=folder: open_folder(f))
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(link, row, 2, Qt.AlignmentFlag.AlignTop)
            self.path_labels[key] = value
            self.links[key] = link
        grid.setColumnStretch(1, 1)
        note = QLabel(
            "Each calendar is one file; keep it wherever you like. When you close a "
            "calendar you changed in this window, Cadence keeps a backup copy of it in the "
            "backups folder: every copy of the last day, then one a day for two weeks and "
            "one a week for three months. A copy is named after its calendar, with the time "
            "it was kept; open one with File > Open to look into it or restore it."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(QSize(620, layout.totalHeightForWidth(620)))
        # The box opens on Close, which Enter presses, as it did before the folders'
        # buttons (the first of them took the focus, and Enter opened a file manager).
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def text(self) -> str:
        """Everything the dialog says, as plain text."""
        parts = [child.text() for child in self.findChildren(QLabel) if child.text()]
        return "\n".join(_plain_text(part) for part in parts)


def _plain_text(markup: str) -> str:
    document = QTextDocument()
    document.setHtml(markup)
    return document.toPlainText()


def about_dialog(window: QWidget, calendar: Path, backups: Path | None = None) -> AboutDialog:
    """The About dialog for ``calendar``; ``backups`` defaults to Cadence's backups folder."""
    from ..app import data_folder
    from ..core.backups import backup_folder

    data = data_folder()
    return AboutDialog(calendar, data, backups or backup_folder(data), window)


def show_about(window: QWidget, calendar: Path, backups: Path | None = None) -> None:
    dialog = about_dialog(window, calendar, backups)
    dialog.exec()
    dialog.deleteLater()
