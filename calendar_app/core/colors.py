"""How far apart two colours look (CIEDE2000) and how well one stands out on another
(WCAG contrast): what keeps the colours Cadence hands out apart from those in use."""

from __future__ import annotations

import colorsys
import functools
import math

__all__ = ["contrast", "difference", "lab", "luminance", "spoken"]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _rgb(color: str) -> tuple[float, float, float]:
    r, g, b = (_linear(int(color[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return r, g, b


def luminance(color: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour, 0 (black) to 1 (white)."""
    r, g, b = _rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(color: str, background: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, 1 (the same) to 21."""
    high, low = sorted((luminance(color), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@functools.lru_cache(maxsize=1024)
def lab(color: str) -> tuple[float, float, float]:
    r, g, b = _rgb(color)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def difference(first: str, second: str) -> float:
    """CIEDE2000: about 1 is the least difference an eye sees side by side; colours
    a glance tells apart on small marks are 10 or more apart."""
    (l1, a1, b1), (l2, a2, b2) = lab(first), lab(second)
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360
    h2 = math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    mean_l, mean_c = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mean_h = h1 + h2
    elif abs(h1 - h2) <= 180:
        mean_h = (h1 + h2) / 2
    else:
        mean_h = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(mean_h - 30))
        + 0.24 * math.cos(math.radians(2 * mean_h))
        + 0.32 * math.cos(math.radians(3 * mean_h + 6))
        - 0.20 * math.cos(math.radians(4 * mean_h - 63))
    )
    rotation = 30 * math.exp(-(((mean_h - 275) / 25) ** 2))
    rc = 2 * math.sqrt(mean_c**7 / (mean_c**7 + 25**7))
    sl = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    sc = 1 + 0.045 * mean_c
    sh = 1 + 0.015 * mean_c * t
    rt = -math.sin(math.radians(2 * rotation)) * rc
    dl, dc, dhh = (l2 - l1) / sl, (c2 - c1) / sc, big_dh / sh
    return math.sqrt(dl**2 + dc**2 + dhh**2 + rt * dc * dhh)


_HUES = (
    (15, "red"),
    (40, "orange"),
    (65, "yellow"),
    (165, "green"),
    (200, "teal"),
    (255, "blue"),
    (290, "purple"),
    (345, "pink"),
    (360, "red"),
)
"""The names of colours by hue (degrees), up to each bound."""


def spoken(color: str) -> str:
    """A colour as a person names it, for a screen reader: "blue", "dark green",
    "light grey" ("#2f6fde" said nothing to someone who cannot see it)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    hue, lightness, _ = colorsys.rgb_to_hls(*channels)
    if max(channels) - min(channels) < 0.15:  # hardly a colour at all
        name = "black" if lightness < 0.15 else "white" if lightness > 0.9 else "grey"
    else:
        name = next(word for bound, word in _HUES if hue * 360 < bound or bound == 360)
        if name == "orange" and lightness < 0.4:
            name = "brown"
    if name in ("black", "white"):
        return name
    if lightness < 0.3 and name != "brown":
        return f"dark {name}"
    return f"light {name}" if lightness > 0.75 else name
