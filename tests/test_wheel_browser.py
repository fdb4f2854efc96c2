"""The wheel in a real browser: headless Chromium renders the SVG and the HTML page.

Needs Debian's ``chromium`` (``.ci/run`` installs it).  Without it the test
skips locally, and fails when the environment variable ``CI`` is set, so CI
can never pass without having looked at the picture.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import zlib
from collections import Counter
from pathlib import Path

import pytest
from browser_helpers import render
from opiskeluhuolto_wheel import WheelExporter, render_html, render_svg

from opiskeluhuolto import SchoolYear
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import MONTHS_FI
from opiskeluhuolto.loading import load_default


@pytest.fixture(scope="module")
def chromium() -> str:
    found: str | None = render.find_chromium()
    if found is None:
        message = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the browser test")
        pytest.skip(message)
    return found


# ---------------------------------------------------------------------------
# A tiny PNG decoder: 8-bit RGB or RGBA, not interlaced (what Chromium writes)
# ---------------------------------------------------------------------------


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """Width, height, unfiltered rows and bytes per pixel of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, []
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _comp, _filter, interlace = struct.unpack(
                ">IIBBBBB", body
            )
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    at = 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1 : at + 1 + stride])
        at += 1 + stride
        if kind == 1:  # Sub
            for x in range(channels, stride):
                line[x] = (line[x] + line[x - channels]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:  # Average
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                line[x] = (line[x] + ((left + previous[x]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                corner = previous[x - channels] if x >= channels else 0
                line[x] = (line[x] + _paeth(left, previous[x], corner)) & 0xFF
        else:
            assert kind == 0, f"unknown PNG filter {kind}"
        rows.append(bytes(line))
        previous = line
    return width, height, rows, channels


def picture_stats(png: Path) -> tuple[float, int]:
    """Share of pixels that are not (nearly) white, and the number of distinct colours."""
    width, height, rows, channels = decode_png(png.read_bytes())
    colours: Counter[bytes] = Counter()
    for row in rows:
        for x in range(0, width * channels, channels):
            colours[row[x : x + 3]] += 1
    white = sum(n for rgb, n in colours.items() if min(rgb) >= 245)
    return 1 - white / (width * height), len(colours)


def test_png_decoder_on_a_known_image(tmp_path: Path) -> None:
    # 2×2 RGB: red, green / blue, white; rows filtered with Sub and Up.
    rows = [bytes([1, 255, 0, 0, 1, 255, 0]), bytes([2, 1, 0, 255, 255, 0, 255])]
    raw = zlib.compress(b"".join(rows))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    png = tmp_path / "tiny.png"
    png.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", raw)
        + chunk(b"IEND", b"")
    )
    width, height, decoded, channels = decode_png(png.read_bytes())
    assert (width, height, channels) == (2, 2, 3)
    assert decoded == [bytes([255, 0, 0, 0, 255, 0]), bytes([0, 0, 255, 255, 255, 255])]
    share, count = picture_stats(png)
    assert share == 0.75 and count == 4


# ---------------------------------------------------------------------------
# The browser
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    school_year = SchoolYear(2026)
    context = ExportContext(
        load_default(),
        school_year.start,
        school_year.end,
        options=WheelExporter().parse_options({}),
        school_year=school_year,
        today=dt.date(2026, 11, 27),
    )
    folder = tmp_path_factory.mktemp("wheel")
    svg = folder / "vuosikello.svg"
    svg.write_bytes(render_svg(context))
    html = folder / "vuosikello.html"
    html.write_bytes(render_html(context))
    return {"svg": svg, "html": html}


@pytest.mark.parametrize("kind", ["svg", "html"])
def test_browser_renders_a_picture(
    chromium: str, pages: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    png = tmp_path / f"{kind}.png"
    # A 1600×1600 window photographed at half scale: the whole layout, fewer pixels to decode.
    render.screenshot(chromium, pages[kind], png, 1600, 1600, scale=0.5)
    share, colours = picture_stats(png)
    assert share > 0.08, f"{kind}: the picture is almost blank ({share:.1%} not white)"
    assert colours > 64, f"{kind}: only {colours} colours"


@pytest.mark.parametrize("kind", ["svg", "html"])
def test_browser_dom_has_the_month_names(chromium: str, pages: dict[str, Path], kind: str) -> None:
    dom = render.dump_dom(chromium, pages[kind])
    assert "<svg" in dom
    for name in MONTHS_FI:
        assert name.capitalize() in dom, name
    assert "Sedun huoltajakysely" in dom
    if kind == "html":
        assert "Jokaisessa kokouksessa" in dom
