"""The HTML page's style sheet and script are package data files of the wheel plugin."""

from __future__ import annotations

import datetime as dt
import fnmatch
import importlib.resources
import tomllib
from pathlib import Path

import pytest
from opiskeluhuolto_wheel import WheelExporter, render_html, render_svg
from opiskeluhuolto_wheel.draw import ASSETS, FONT_FAMILY, asset

from opiskeluhuolto import SchoolYear
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.loading import load_default

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def context(**options: str) -> ExportContext:
    year = SchoolYear(2026)
    return ExportContext(
        load_default(),
        year.start,
        year.end,
        options=WheelExporter().parse_options(options),
        school_year=year,
        today=dt.date(2026, 11, 27),
    )


@pytest.mark.parametrize("name", ASSETS)
def test_the_assets_are_found_through_importlib_resources(name: str) -> None:
    found = importlib.resources.files("opiskeluhuolto_wheel").joinpath(name)
    assert found.is_file()
    text = found.read_text(encoding="utf-8")
    assert text.strip() and text == asset(name)


def test_the_page_carries_the_style_sheet_and_the_script_inline() -> None:
    page = render_html(context(format="html")).decode()
    css = asset("wheel.css")
    assert "FONTS" in css
    assert f"<style>\n{css.replace('FONTS', FONT_FAMILY)}</style>" in page
    assert f"<script>\n{asset('wheel.js')}</script>" in page


def test_the_assets_are_read_only_when_a_page_is_built() -> None:
    asset.cache_clear()
    render_svg(context())
    assert asset.cache_info().currsize == 0
    render_html(context(format="html"))
    assert asset.cache_info().currsize == len(ASSETS)


@pytest.mark.parametrize("name", ASSETS)
def test_a_built_distribution_ships_the_assets(name: str) -> None:
    """pyproject.toml lists them as package data, so a non-editable install has them."""
    package_data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]
    patterns = package_data.get("opiskeluhuolto_wheel", [])
    assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns)
