"""Finding Cadence's own files (icons, desktop files) from a checkout and from a build.

In a source checkout they live in ``resources/`` beside the ``calendar_app``
package. In a PyInstaller build ``build.spec`` copies that folder to
``resources/`` inside the bundle: ``sys._MEIPASS`` is the one-folder build's
``_internal`` folder, or the folder a one-file build unpacks itself into.

Importing this module loads no Qt; only :func:`app_icon` does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The sizes, in pixels, of the PNG renderings of the application icon."""


def resources_root() -> Path:
    """The folder holding Cadence's resources, frozen or not (it may be missing in a wheel)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>``; whether the file exists is for the caller to check."""
    return resources_root().joinpath(*parts)


def app_icon_path(size: int | None = None) -> Path:
    """The application icon: the SVG, or the PNG rendering of ``size`` pixels (see ICON_SIZES)."""
    if size is None:
        return resource_path("cadence.svg")
    if size not in ICON_SIZES:
        raise ValueError(f"there is no {size} px icon; the sizes are {ICON_SIZES}")
    return resource_path("icons", f"cadence-{size}.png")


def app_icon() -> QIcon:
    """The window icon, from the PNG renderings, so that it needs no SVG support.

    The files are read at once (about a millisecond): added by name, Qt gave every
    size of a 150% or 200% screen from the first file it read, a 32 px icon
    stretched in the taskbar. A bundle or checkout without the files gives an
    empty icon (Qt then shows its default).
    """
    from PySide6.QtGui import QIcon, QPixmap

    icon = QIcon()
    for size in ICON_SIZES[:-1]:  # 512 px is for the desktop's icon theme, not for windows
        path = app_icon_path(size)
        if path.is_file():
            icon.addPixmap(QPixmap(str(path)))
    return icon
