"""Generate the application icon: ``journeymapper.svg`` is the source, drawn here; the PNGs
(16 to 512 px), the Windows ``.ico`` and the macOS ``.icns`` are rendered from it with Qt.

Run ``python resources/make_icons.py`` after changing the drawing; the outputs are committed.
``--check`` exits 1 when the committed SVG differs from what this script draws.

The glyph: three stage columns of a journey map on the app's header navy, and the customer's
path running through them as dots coloured by zone (advocate green, indifferent amber, at-risk
vermillion): good, a dip at the weak link, good again.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "journeymapper.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS types holding PNG data, by pixel size.
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"), (256, b"ic08"),
              (512, b"ic09"))

NAVY, COLUMN, PATH = "#2F3E4E", "#CFE3F5", "#FFFFFF"
GREEN, AMBER, VERMILLION = "#009E73", "#E69F00", "#D55E00"


def svg_text() -> str:
    """The icon on a 64-unit grid."""
    columns = "".join(
        f'<rect x="{x}" y="12" width="14" height="44" rx="3" fill="{COLUMN}" fill-opacity="0.22"/>'
        f'<rect x="{x}" y="8" width="14" height="6" rx="2" fill="{COLUMN}" fill-opacity="0.85"/>'
        for x in (8, 25, 42))
    # The path: high in the first stage, a dip in the second, higher still in the third.
    path = "M15 24 C21 24 25 44 32 44 S43 20 49 20"
    dots = "".join(
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{c}" stroke="{PATH}" stroke-width="2.2"/>'
        for cx, cy, r, c in ((15, 24, 5.2, AMBER), (32, 44, 5.2, VERMILLION),
                             (49, 20, 5.2, GREEN)))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">\n'
        "<title>JourneyMapper</title>\n"
        f'<rect x="1" y="1" width="62" height="62" rx="13" fill="{NAVY}"/>\n'
        f"{columns}\n"
        f'<path d="{path}" fill="none" stroke="{PATH}" stroke-width="3" '
        'stroke-linecap="round" stroke-dasharray="0.1 5.4"/>\n'
        f'<path d="{path}" fill="none" stroke="{PATH}" stroke-opacity="0.45" '
        'stroke-width="1.4"/>\n'
        f"{dots}\n"
        "</svg>\n"
    )


def render_png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg_text().encode()))
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(p, QRectF(0, 0, size, size))
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon whose images are PNG-compressed (Vista and later read them)."""
    head = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(head) + 16 * len(ICO_SIZES)
    entries, blobs = b"", b""
    for size in ICO_SIZES:
        data = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    return head + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for size, kind in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv: list[str]) -> int:
    if "--check" in argv:
        same = SVG.exists() and SVG.read_text() == svg_text()
        print("icon is up to date" if same else f"{SVG} differs: run {Path(__file__).name}")
        return 0 if same else 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    SVG.write_text(svg_text())
    pngs = {size: render_png(size) for size in PNG_SIZES}
    folder = HERE / "icons"
    folder.mkdir(exist_ok=True)
    for size, data in pngs.items():
        (folder / f"journeymapper-{size}.png").write_bytes(data)
    (HERE / "journeymapper.png").write_bytes(pngs[256])
    (HERE / "journeymapper.ico").write_bytes(ico_bytes(pngs))
    (HERE / "journeymapper.icns").write_bytes(icns_bytes(pngs))
    print(f"wrote {SVG.name}, {len(pngs)} PNGs, journeymapper.png, .ico, .icns in {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
