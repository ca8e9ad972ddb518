"""Render Cadence's icon files from ``resources/cadence.svg``.

Run it once after editing the SVG, from the repository root, and commit what it
writes::

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/make_icons.py

It writes, next to the SVG:

* ``icons/cadence-<N>.png`` for N in 16, 24, 32, 48, 64, 128, 256 and 512: the
  window icon (Qt picks the nearest size) and the Linux hicolor icon theme;
* ``cadence.ico`` (Windows): one PNG-compressed image per size from 16 to 256
  in the ICO container, which Windows Vista and later read;
* ``cadence.icns`` (macOS): PNG entries ``ic11``/``ic12`` (16 and 32 at 2x),
  ``ic07``..``ic10`` (128 to 1024) and ``ic13``/``ic14`` (128 and 256 at 2x).

Qt's own ICO writer stores one image per file, and Qt has no ICNS writer, so
both containers are assembled here from the PNG bytes. The SVG is rendered with
PySide6's QSvgRenderer, offscreen: no display or other tool is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "cadence.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry type -> pixel size. All of these hold PNG data.
# No 1x entries for 16 and 32 px: Finder's list view shows PNG data in those
# (icp4, icp5) scrambled on screens that are not Retina; it scales the 2x ones down.
ICNS_TYPES = (
    (b"ic11", 32),  # 16x16 @2x
    (b"ic12", 64),  # 32x32 @2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128x128 @2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256x256 @2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512x512 @2x
)


def png_name(size: int) -> str:
    return f"cadence-{size}.png"


def render_png(size: int) -> bytes:
    """The SVG drawn on a transparent ``size`` x ``size`` square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise SystemExit(f"make_icons: could not encode the {size} px PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG: ICONDIR, one ICONDIRENTRY per image, then the images."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the one-byte fields
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(pngs[size] for size in sizes)


def icns_bytes(entries: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file: 'icns', the total length, then (type, length, data) per entry, big-endian."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    needed = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(size) for size in needed}

    icons = HERE / "icons"
    icons.mkdir(exist_ok=True)
    for size in PNG_SIZES:
        (icons / png_name(size)).write_bytes(pngs[size])
    (HERE / "cadence.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (HERE / "cadence.icns").write_bytes(icns_bytes([(k, pngs[s]) for k, s in ICNS_TYPES]))
    print(f"make_icons: wrote {len(PNG_SIZES)} PNGs, cadence.ico and cadence.icns in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
