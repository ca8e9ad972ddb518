"""Painting of posts and day decorations, shared by the views and the PDF export.

QtGui only: every function paints with a :class:`QPainter` it is given, in
colours it is given (a :class:`ChipTheme`, usually made from the widget's
palette, or from a fixed light palette when printing). Geometry is in
logical pixels as floats, so the result stays crisp at any device pixel ratio.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen

from ..core import colors
from ..core.models import MARKERS_SHOWN, PostStatus, isolated

__all__ = [
    "Chip",
    "ChipTheme",
    "chip_height",
    "chip_time_text",
    "clock_edit_format",
    "clock_text",
    "contrast_text",
    "fit_posts",
    "hour_text",
    "in_language_digits",
    "is_dark",
    "luminance",
    "mix",
    "more_width",
    "overdue_red",
    "paint_badge",
    "paint_chip",
    "paint_delivery_mark",
    "paint_focus_ring",
    "paint_more",
    "paint_tick",
    "quiet_text",
    "split_more",
    "time_text",
    "tint",
    "twelve_hour_clock",
    "with_alpha",
]

# -- colours -----------------------------------------------------------------


def luminance(color: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    return colors.luminance(color.name())


def is_dark(color: QColor) -> bool:
    """True for a background on which light text reads better than dark text."""
    return luminance(color) < 0.18


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 (the same) to 21 (black on white)."""
    return colors.contrast(first.name(), second.name())


def seen_on(color: QColor, background: QColor, least: float = 2.0) -> QColor:
    """``color`` as it is, or lightened on a dark background (darkened on a light one)
    just enough to stand out from it: a navy channel stays visible in a dark theme.
    Painting asks for every chip: the answer is kept per pair of colours."""
    shown = _seen_on(color.rgba(), background.rgba(), least)
    return color if shown == color.rgba() else QColor.fromRgba(shown)


def mark_pen(selected: bool, ink: QColor, *, edge: bool = True) -> QPen | Qt.PenStyle:
    """How a colour mark on a row is edged: on a selected row, ringed in the selection's
    text colour ``ink`` (a blue mark on the blue of the row was gone, 1.2:1); else a
    faint dark edge, or none without ``edge``."""
    if selected:
        return QPen(ink, 1.5)
    return QPen(QColor(0, 0, 0, 60), 1) if edge else Qt.PenStyle.NoPen


def paint_focus_ring(
    painter: QPainter, rect: QRectF, palette: QPalette, selected: bool, ink: QColor
) -> None:
    """The ring of the row the keyboard is on: in the highlight, or on a selected row,
    filled with it, in the row's text colour ``ink`` (a ring of the highlight there
    could not be seen: the list taking the keyboard showed nothing)."""
    painter.setPen(QPen(ink if selected else accent(palette), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), 3, 3)


def accent(palette: QPalette, on: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    """The palette's highlight as a line, frame or mark on its ``on`` colour, changed
    just enough to be seen (3:1): a dark theme's deep accent (Adwaita's #15539e on
    #2d2d2d, 1.5:1: today's line, the keyboard's day) lightened, a light theme's pale
    one (Breeze's #3daee9 on white, 2.4:1) darkened."""
    return seen_on(palette.color(QPalette.ColorRole.Highlight), palette.color(on), 3.0)


@functools.lru_cache(maxsize=4096)
def _seen_on(color_rgba: int, background_rgba: int, least: float) -> int:
    color, background = QColor.fromRgba(color_rgba), QColor.fromRgba(background_rgba)
    if contrast(color, background) >= least:
        return color_rgba
    hue, saturation = color.hslHueF(), color.hslSaturationF()
    lightness, alpha = color.lightnessF(), color.alphaF()
    toward = 1.0 if is_dark(background) else 0.0
    shown = QColor(color)
    for step in range(1, 11):
        nearer = lightness + (toward - lightness) * step / 10
        shown = QColor.fromHslF(hue, saturation, nearer, alpha)
        if contrast(shown, background) >= least:
            break
    return shown.rgba()


def contrast_text(background: QColor) -> QColor:
    """Near-black or white, whichever contrasts more with ``background`` (a mid grey
    or slate takes white from a luminance of about 0.21)."""
    white, ink = QColor("#ffffff"), QColor("#1b1f24")
    return white if contrast(white, background) >= contrast(ink, background) else ink


def mix(base: QColor, other: QColor, amount: float) -> QColor:
    """``other`` laid over ``base`` with opacity ``amount`` (0..1), as an opaque colour."""
    amount = min(max(amount, 0.0), 1.0)
    return QColor.fromRgbF(
        base.redF() + (other.redF() - base.redF()) * amount,
        base.greenF() + (other.greenF() - base.greenF()) * amount,
        base.blueF() + (other.blueF() - base.blueF()) * amount,
        1.0,
    )


def quiet_text(base: QColor, text: QColor) -> QColor:
    """Text that says less than the rest yet reads (4.5:1 on ``base``, light or dark):
    the month's "+N more", the week's hours and edge hints (they read 3.4:1 and 4:1)."""
    return mix(base, text, 0.66)


def tint(color: QColor, base: QColor, amount: float = 0.2) -> QColor:
    """A pale version of ``color`` on ``base`` (a dark base gets a slightly stronger tint)."""
    return mix(base, color, amount * (1.35 if is_dark(base) else 1.0))


def with_alpha(color: QColor, alpha: float) -> QColor:
    result = QColor(color)
    result.setAlphaF(min(max(alpha, 0.0), 1.0))
    return result


def overdue_red(base: QColor) -> QColor:
    """The red that says "overdue", tuned to stay readable on ``base``."""
    return QColor("#f97066") if is_dark(base) else QColor("#d92d20")


def time_text(at: time | None, twelve_hour: bool = False) -> str:
    """``"09:30"``, or ``""`` for an untimed post; on a 12-hour clock ``"9:30 AM"``
    in the language's words for the half day (:func:`clock_text`)."""
    if at is None:
        return ""
    if not twelve_hour:
        return f"{at.hour:02d}:{at.minute:02d}"
    return _on_twelve_hours(f"{at.hour % 12 or 12}:{at.minute:02d}", at.hour)


def _half_day(locale: QLocale, hour: int) -> str:
    """The locale's word for the half of the day ``hour`` is in ("AM", "오후")."""
    half = locale.amText() if hour < 12 else locale.pmText()
    return half or ("AM" if hour < 12 else "PM")


def _on_twelve_hours(digits: str, hour: int) -> str:
    locale = QLocale()
    half = _half_day(locale, hour)
    # (A space that does not break: "6:30" and "PM" stay on one line.)
    return f"{half}\u00a0{digits}" if _half_day_first(locale) else f"{digits}\u00a0{half}"


def _short_time_format(locale: QLocale) -> str:
    """The locale's short time format without its quoted words ("HH 'h' mm")."""
    return re.sub(r"'[^']*'", "", locale.timeFormat(QLocale.FormatType.ShortFormat))


def twelve_hour_clock() -> bool:
    """Whether the language the window speaks tells the time on a 12-hour clock (the
    United States, Canada, India, Egypt...), as Qt's locale knows it."""
    return "a" in _short_time_format(QLocale()).casefold()


def _half_day_first(locale: QLocale) -> bool:
    """Whether the locale says "AM" before the hour (Korean's "오후 6:30")."""
    return _short_time_format(locale).lstrip().casefold().startswith("a")


def in_language_digits(text: str) -> str:
    """``text`` with its digits in those of the window's language ("١٨:٣٠" in Arabic,
    "۱۸:۳۰" in Persian), as Qt writes its dates there; exports keep Latin digits."""
    zero = QLocale().zeroDigit()
    if zero == "0" or len(zero) != 1:
        return text
    return text.translate(_digits_from(zero))


@functools.lru_cache(maxsize=8)
def _digits_from(zero: str) -> dict[int, str]:
    return {ord("0") + d: chr(ord(zero) + d) for d in range(10)}


def chip_time_text(at: time, twelve_hour: bool) -> str:
    """A chip's time: "18:30"; on a 12-hour clock, short as calendars write it there:
    "8:30am", "10am" (a chip at 10:00 AM lost its time where one at 8:30 AM kept it), in
    the language's own words where they are not Latin letters ("오후 6:30"), and digits."""
    if not twelve_hour:
        return in_language_digits(time_text(at))
    letters = "".join(c for c in _half_day(QLocale(), at.hour) if c.isalpha())
    if not (letters.isascii() and letters.isalpha()):
        return in_language_digits(time_text(at, twelve_hour=True))
    minutes = f":{at.minute:02d}" if at.minute else ""
    return in_language_digits(f"{at.hour % 12 or 12}{minutes}{letters.lower()}")


def clock_text(at: time | None) -> str:
    """A time of day as the window shows it: on the clock of its language ("18:30",
    or "6:30 PM" in the United States), in its digits; exports keep 24 hours."""
    return in_language_digits(time_text(at, twelve_hour_clock()))


def hour_text(hour: int) -> str:
    """The label of an hour of the day on the week's rail: "09:00", or "9 AM" (24, the
    day's end, is "24:00", or "12 AM": it read "12 PM", noon)."""
    if not twelve_hour_clock():
        return in_language_digits(f"{hour:02d}:00")
    return in_language_digits(_on_twelve_hours(str(hour % 12 or 12), hour % 24))


def clock_edit_format() -> str:
    """The display format of a time field on the window's clock: "HH:mm", or the
    language's own on a 12-hour clock ("h:mm Ap")."""
    if not twelve_hour_clock():
        return "HH:mm"
    return QLocale().timeFormat(QLocale.FormatType.ShortFormat)


# -- chips -------------------------------------------------------------------


_SLANTED: dict[tuple[str, str], bool] = {}


def slanted(font: QFont, text: str) -> bool:
    """Whether ``text`` reads in ``font``'s italics: its italic face has every letter
    of it. An Arabic or Hindi title in italics came out as boxes (no font here has them
    slanted, and Qt takes none upright instead); such a text stays upright."""
    italic = QFont(font)
    italic.setItalic(True)
    key = (italic.key(), text)
    found = _SLANTED.get(key)
    if found is None:
        if len(_SLANTED) > 4096:
            _SLANTED.clear()
        metrics = QFontMetricsF(italic)
        found = _SLANTED[key] = all(metrics.inFontUcs4(ord(c)) for c in text if c.isalpha())
    return found


@dataclass(frozen=True, slots=True)
class ChipTheme:
    """The colours a chip is painted with around its own channel colour."""

    base: QColor
    text: QColor
    dim_text: QColor
    highlight: QColor
    highlighted_text: QColor
    twelve_hour: bool = False
    """Whether a chip's time is on a 12-hour clock ("6:30 PM"), as the window's language
    tells the time (:func:`twelve_hour_clock`); a report's and a page's keep 24 hours."""

    @classmethod
    def from_palette(cls, palette: QPalette, *, twelve_hour: bool = False) -> ChipTheme:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        return cls(
            base=base,
            text=text,
            dim_text=mix(base, text, 0.6),
            highlight=palette.color(QPalette.ColorRole.Highlight),
            highlighted_text=palette.color(QPalette.ColorRole.HighlightedText),
            twelve_hour=twelve_hour,
        )


@dataclass(frozen=True, slots=True)
class Chip:
    """What one post's chip shows."""

    title: str
    channel_color: QColor
    marker_colors: tuple[QColor, ...] = ()
    at: time | None = None
    status: PostStatus = PostStatus.SCHEDULED
    selected: bool = False
    missed: bool = False
    """A draft on a day gone by: it never went out (and delivers nothing)."""


def chip_height(font: QFont) -> float:
    """The height of a one-line chip in ``font``."""
    return round(QFontMetricsF(font).height() + 5)


def _fade(chip: Chip) -> float:
    """How far ``chip`` is faded toward the background (0: not). Fading mixes colours:
    cheaper than painter opacity, and the same on screen and in a PDF."""
    return {PostStatus.CANCELLED: 0.5, PostStatus.IDEA: 0.3}.get(chip.status, 0.4 * chip.missed)


def chip_inks(chip: Chip, theme: ChipTheme) -> tuple[QColor, QColor, QColor, QColor]:
    """The colours ``chip`` is painted in: its channel's (stripe and outline), its fill,
    its title's and its time's."""
    status = chip.status
    base = theme.base
    fade = _fade(chip)
    channel = mix(seen_on(chip.channel_color, base), base, fade)
    tentative = status in (PostStatus.DRAFT, PostStatus.IDEA)
    if chip.selected:
        fill = QColor(chip.channel_color)
        text = contrast_text(fill)
        dim = mix(fill, text, 0.8)
    elif status == PostStatus.CANCELLED:
        fill = mix(base, theme.text, 0.05)
        text = mix(theme.text, base, fade)
        dim = mix(theme.dim_text, base, fade)
    else:
        fill = tint(channel, base, 0.10 if tentative else 0.20)
        text = mix(theme.text, base, fade)
        # The time reads at 4.5:1 on the chip's own tint (made so on the background
        # alone, it read at 4.3:1 on a LinkedIn chip); a faded chip's, faded.
        dim = mix(theme.dim_text, base, fade) if fade else seen_on(theme.dim_text, fill, 4.5)
    return channel, fill, text, dim


def paint_chip(painter: QPainter, rect: QRectF, chip: Chip, theme: ChipTheme, font: QFont) -> None:
    """Paint ``chip`` into ``rect``: text on the first line, whatever the rect's height.

    Scheduled posts are a pale tint of the channel colour with a solid stripe
    on the left; drafts and ideas have a dashed outline (ideas also faded and
    in italics, and drafts whose day has gone by); published posts get a small
    tick; cancelled ones are faded and struck through. A selected chip is filled
    with the channel colour.
    """
    if rect.width() < 4 or rect.height() < 4:
        return
    status = chip.status
    base, fade = theme.base, _fade(chip)
    channel, fill, text, dim = chip_inks(chip, theme)
    tentative = status in (PostStatus.DRAFT, PostStatus.IDEA)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    radius = min(4.0, rect.height() / 3)
    stripe = 3.0
    body = QRectF(rect)
    # The stripe: the chip's rounded outline in the channel colour, then the
    # fill over all but its left edge, squared off where the two meet.
    painter.setBrush(channel)
    painter.drawRoundedRect(body, radius, radius)
    inner = body.adjusted(stripe, 0, 0, 0)
    painter.setBrush(fill)
    painter.drawRoundedRect(inner, radius, radius)
    painter.fillRect(QRectF(inner.left(), inner.top(), radius, inner.height()), fill)

    if tentative and not chip.selected:
        pen = QPen(channel, 1.0, Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([3.0, 2.0])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(body.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    elif chip.selected:
        painter.setPen(QPen(mix(chip.channel_color, theme.text, 0.45), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(body.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)

    metrics = QFontMetricsF(font)
    line_height = min(rect.height(), metrics.height() + 5)
    cy = rect.top() + line_height / 2
    baseline = cy + (metrics.ascent() - metrics.descent()) / 2
    left = rect.left() + stripe + 4
    right = rect.right() - 4

    # The title comes first: the time, the markers and the published tick each take
    # room, in that order, only while a few letters of the title still fit (the time
    # went first, and a timed post looked untimed on a narrow chip).
    title_room = metrics.averageCharWidth() * 5
    text_font = QFont(font)
    if status == PostStatus.CANCELLED:
        text_font.setStrikeOut(True)
    if status == PostStatus.IDEA:
        text_font.setItalic(slanted(text_font, chip.title))
    if chip.at is not None:
        time_font = QFont(text_font)
        time_font.setBold(True)
        label = chip_time_text(chip.at, theme.twelve_hour)
        width = QFontMetricsF(time_font).horizontalAdvance(label)
        if right - left > width + 4 + title_room:
            painter.setFont(time_font)
            painter.setPen(dim)
            painter.drawText(QPointF(left, baseline), label)
            left += width + 4
    # Right-hand side: key-message markers, then the published tick.
    dot = max(4.0, min(7.0, line_height * 0.36))
    room = int((right - left - title_room) // (dot + 2))
    markers = chip.marker_colors
    if markers and room > 0:
        shown = min(room, MARKERS_SHOWN, len(markers))
        # Those past the four dots counted, as the web page counts them ("+2"): four
        # dots read as all six of a post's key messages. Only where the four dots and a
        # title of some length have room too: the count takes no dot's place, nor the
        # title's (beside a narrow chip's one dot, "+5" read as the day's more posts).
        if len(markers) > MARKERS_SHOWN and shown == MARKERS_SHOWN:  # (a font made only then)
            more_font = markers_left_font(font)
            more = in_language_digits(f"+{len(markers) - shown}")
            width = QFontMetricsF(more_font).horizontalAdvance(more)
            if right - left - 2 * title_room >= width + 2 + shown * (dot + 2):
                painter.setFont(more_font)
                painter.setPen(dim)
                painter.drawText(QPointF(right - width, baseline), more)
                right -= width + 2
        painter.setPen(QPen(fill, 1.0))
        for color in reversed(markers[:shown]):
            painter.setBrush(mix(seen_on(color, fill), base, fade))
            painter.drawEllipse(QPointF(right - dot / 2, cy), dot / 2, dot / 2)
            right -= dot + 2
        right -= 2
    size = dot + 2
    if status == PostStatus.PUBLISHED and right - left > title_room + size + 3:
        paint_tick(painter, QRectF(right - size, cy - size / 2, size, size), dim)
        right -= size + 3
    available = right - left
    if available > 6:
        title_metrics = metrics if text_font == font else QFontMetricsF(text_font)
        title = title_metrics.elidedText(
            isolated(chip.title), Qt.TextElideMode.ElideRight, available
        )
        painter.setFont(text_font)
        painter.setPen(text)
        painter.drawText(QPointF(left, baseline), title)
    painter.restore()


def markers_left_font(font: QFont) -> QFont:
    """The font of a chip's count of the key messages its dots leave out ("+2")."""
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(small.pointSizeF() * 0.85)
    return small


def paint_tick(painter: QPainter, rect: QRectF, color: QColor) -> None:
    """A small check mark inside ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(color, max(1.2, rect.width() / 6))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath()
    path.moveTo(rect.left() + rect.width() * 0.15, rect.top() + rect.height() * 0.55)
    path.lineTo(rect.left() + rect.width() * 0.42, rect.top() + rect.height() * 0.8)
    path.lineTo(rect.left() + rect.width() * 0.88, rect.top() + rect.height() * 0.22)
    painter.drawPath(path)
    painter.restore()


def _badge_font(font: QFont) -> QFont:
    badge_font = QFont(font)
    badge_font.setBold(True)
    if badge_font.pointSizeF() > 0:
        badge_font.setPointSizeF(max(6.5, badge_font.pointSizeF() * 0.82))
    return badge_font


def badge_width(text: str, font: QFont) -> float:
    """How wide :func:`paint_badge` paints ``text`` (to keep other things clear of it)."""
    metrics = QFontMetricsF(_badge_font(font))
    height = round(metrics.height() + 2)
    return float(max(height, round(metrics.horizontalAdvance(text) + 8)))


def paint_badge(
    painter: QPainter, top_right: QPointF, text: str, color: QColor, font: QFont
) -> QRectF:
    """A rounded pill with ``text`` whose top right corner is ``top_right``; returns its rect."""
    badge_font = _badge_font(font)
    metrics = QFontMetricsF(badge_font)
    height = round(metrics.height() + 2)
    width = badge_width(text, font)
    rect = QRectF(top_right.x() - width, top_right.y(), width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setFont(badge_font)
    painter.setPen(contrast_text(color))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()
    return rect


def paint_delivery_mark(painter: QPainter, rect: QRectF, color: QColor) -> None:
    """A filled circle in the message colour with a tick: "delivered on this day"."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(rect)
    inner = rect.adjusted(
        rect.width() * 0.22, rect.height() * 0.22, -rect.width() * 0.22, -rect.height() * 0.22
    )
    paint_tick(painter, inner, contrast_text(color))
    painter.restore()


def fit_posts(posts: Sequence[int], rows: int, focus: int | None = None) -> tuple[list[int], int]:
    """The posts a day with room for ``rows`` chips shows, and how many it hides.

    A full day shows a chip on every row, the last one sharing its row with
    the "+N more" label (:func:`split_more`). When the ``focus`` post (the one
    the keyboard is on) would be hidden, it takes the last row: a post the
    keyboard reaches is always in sight.
    """
    if len(posts) <= rows:
        return list(posts), 0
    shown = list(posts[: max(rows, 0)])
    if shown and focus is not None and focus in posts[len(shown) :]:
        shown[-1] = focus
    return shown, len(posts) - len(shown)


def _more_font(font: QFont) -> QFont:
    more_font = QFont(font)
    more_font.setBold(True)
    return more_font


def _more_label(count: int, font: QFont, width: float) -> str:
    """The label "+N more" where it fits in ``width`` (with its margins), else "+N" (N
    in the language's digits, as the day's number beside it)."""
    number = in_language_digits(str(count))
    label = f"+{number} more"
    if QFontMetricsF(_more_font(font)).horizontalAdvance(label) + 8 <= width:
        return label
    return f"+{number}"


def more_width(count: int, font: QFont) -> float:
    """The least width a "+N" label is read whole in, its margins included."""
    number = in_language_digits(str(count))
    return QFontMetricsF(_more_font(font)).horizontalAdvance(f"+{number}") + 8


def split_more(row: QRectF, count: int, font: QFont) -> tuple[QRectF, QRectF]:
    """The last row of a full day: a chip on the left, the "+N more" label on the right.

    The label says "+N more" while the chip keeps at least three fifths of the
    row, else just "+N".
    """
    label = _more_label(count, font, row.width() * 0.4)
    width = QFontMetricsF(_more_font(font)).horizontalAdvance(label) + 8
    chip = QRectF(row.left(), row.top(), max(row.width() - width - 2, 0.0), row.height())
    return chip, QRectF(row.right() - width, row.top(), width, row.height())


def paint_more(painter: QPainter, rect: QRectF, count: int, color: QColor, font: QFont) -> None:
    """The "+N more" label of a full day ("+N" where the rect is narrow)."""
    painter.save()
    painter.setFont(_more_font(font))
    painter.setPen(color)
    painter.drawText(
        rect.adjusted(4, 0, -2, 0),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        _more_label(count, font, rect.width()),
    )
    painter.restore()
