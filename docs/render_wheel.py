"""Render the vuosikello wheel of the embedded Sedu data to a PNG with headless Chromium.

    python docs/render_wheel.py                     # docs/img/wheel-2026.png
    python docs/render_wheel.py --school-year 2027 --today 2027-09-01 -o wheel.png

It writes the SVG with ``opiskeluhuolto export wheel`` (in this process) and
photographs it with Debian's ``chromium`` (``apt-get install chromium``).
The browser test (``tests/test_wheel_browser.py``) uses the same helpers.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "img" / "wheel-2026.png"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable, or None."""
    given = os.environ.get("CHROMIUM")
    if given:
        return shutil.which(given) or (given if Path(given).exists() else None)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(chromium: str, args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    with tempfile.TemporaryDirectory(prefix="wheel-chromium-") as profile:
        return subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )


def screenshot(
    chromium: str,
    page: Path,
    png: Path,
    width: int = 1600,
    height: int = 1600,
    *,
    scale: float = 1.0,
    timeout: float = 120,
) -> None:
    """Photograph ``page`` (a local file) into ``png`` in a fresh browser profile."""
    args = [f"--screenshot={png}", f"--window-size={width},{height}"]
    if scale != 1.0:
        args.append(f"--force-device-scale-factor={scale}")
    result = _run(chromium, [*args, page.resolve().as_uri()], timeout)
    if not png.exists() or png.stat().st_size == 0:
        raise RuntimeError(
            f"chromium wrote no screenshot (status {result.returncode}): "
            + result.stderr.decode("utf-8", "replace")[-2000:]
        )


def dump_dom(chromium: str, page: Path, *, timeout: float = 120) -> str:
    """The document ``page`` becomes in the browser, serialised (``--dump-dom``)."""
    result = _run(chromium, ["--dump-dom", page.resolve().as_uri()], timeout)
    if result.returncode != 0:
        raise RuntimeError(
            f"chromium --dump-dom failed (status {result.returncode}): "
            + result.stderr.decode("utf-8", "replace")[-2000:]
        )
    return result.stdout.decode("utf-8", "replace")


def svg_size(svg: bytes) -> tuple[int, int]:
    """The width and height attributes of an SVG file's root element."""
    head = svg[:2000].decode("utf-8", "replace")
    width = re.search(r'<svg[^>]*\swidth="([\d.]+)"', head)
    height = re.search(r'<svg[^>]*\sheight="([\d.]+)"', head)
    if not (width and height):
        raise ValueError("no width/height on the <svg> element")
    return round(float(width.group(1))), round(float(height.group(1)))


def export_svg(school_year: str, today: str, lang: str, svg_path: Path) -> None:
    from opiskeluhuolto.cli import main

    err = io.StringIO()
    argv = ["export", "wheel", "--school-year", school_year, "--today", today]
    argv += ["--lang", lang, "-o", str(svg_path)]
    if main(argv, stdout=io.StringIO(), stderr=err) != 0:
        raise RuntimeError(err.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--school-year", default="2026")
    parser.add_argument(
        "--today", default="2026-11-27", help="the day the marker shows (default 2026-11-27)"
    )
    parser.add_argument("--lang", default="fi", choices=("fi", "en"))
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("render_wheel: chromium not found (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="wheel-") as tmp:
        svg_path = Path(tmp) / "wheel.svg"
        export_svg(args.school_year, args.today, args.lang, svg_path)
        width, height = svg_size(svg_path.read_bytes())
        args.output.parent.mkdir(parents=True, exist_ok=True)
        # Three quarters of the SVG's size: labels stay legible, the file stays small.
        screenshot(chromium, svg_path, args.output, width, height, scale=0.75)
    print(f"render_wheel: wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
