"""The wheel's legend is one value (layout.legend_of); the SVG panel and the HTML page format it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from opiskeluhuolto_wheel import WheelExporter
from opiskeluhuolto_wheel.draw import build_html, build_svg
from opiskeluhuolto_wheel.layout import KIND_COLOURS, Legend, layout, legend_of

from opiskeluhuolto import SchoolYear
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.loading import load_default

SEDU = load_default()


def legend(lang: str, **options: str) -> tuple[Legend, ET.Element, str]:
    year = SchoolYear(2026)
    context = ExportContext(
        SEDU,
        year.start,
        year.end,
        options=WheelExporter().parse_options(options),
        lang="en" if lang == "en" else "fi",
        school_year=year,
        today=dt.date(2026, 11, 27),
    )
    wheel = layout(context)
    return legend_of(wheel), build_svg(wheel), build_html(wheel).decode()


def panel_texts(svg: ET.Element) -> list[str]:
    panel = svg.find("g[@id='legend']")  # build_svg makes plain tags
    assert panel is not None
    return [element.text or "" for element in panel.iter("text")]


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("rings", ["calendar", "group"])
def test_both_renderers_show_the_one_legend(lang: str, rings: str) -> None:
    key, svg, page = legend(lang, rings=rings)
    texts = panel_texts(svg)
    assert svg.findtext("title") == key.heading
    assert f"<title>{key.heading}</title>" in page
    for shown in (key.rings_heading, key.key_heading, key.results, key.one_day, *key.notes):
        assert shown in texts
    for heading in (key.rings_heading, key.key_heading):
        assert f"<h2>{heading}</h2>" in page
    for kind in key.kinds:
        assert kind.label in texts and f"</span>{kind.label}</li>" in page
    for calendar in key.calendars:
        assert calendar.letter in texts and calendar.text in page
    for ring in key.rings:
        assert f"<h2>{ring.heading}</h2>" in page
        for item in ring.items:
            assert f'data-id="{item.id}"' in page
    numbered = [item for ring in key.numbered for item in ring.items]
    assert [item.number for item in numbered] == sorted(item.number or 0 for item in numbered)
    for item in numbered:
        assert str(item.number) in texts and item.when in texts
    for section in key.undated:
        assert section.heading in texts and f"<h2>{section.heading}</h2>" in page


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_key_names_the_kinds_with_the_core_labels(lang: str) -> None:
    key, _svg, _page = legend(lang)
    kinds = [entry.kind for entry in key.kinds]
    assert kinds == sorted(kinds, key=list(KIND_COLOURS).index)
    for entry in key.kinds:
        assert entry.label == entry.kind.label(lang)
        assert entry.colour == KIND_COLOURS[entry.kind]
