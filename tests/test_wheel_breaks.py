"""The wheel draws the breaks of the group's school calendar as a thin band.

One ring segment per break span between the rings and the month band,
labelled with the break's name (Finnish by default: the data's names).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opiskeluhuolto_wheel import WheelExporter
from opiskeluhuolto_wheel.geometry import angle_of
from opiskeluhuolto_wheel.layout import Dims, layout

from opiskeluhuolto.calendar import Calendar, Item, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.groups import Group, GroupKind, Hierarchy
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.phrases import parse_rule
from opiskeluhuolto.recurrence import SchoolYear
from opiskeluhuolto.school import Break

SVG = "{http://www.w3.org/2000/svg}"
SEDU = load_default()
EXPORTER = WheelExporter()


def context(
    organisation: Organisation = SEDU,
    year: int = 2026,
    *,
    group: str | None = None,
    lang: str = "fi",
    start: dt.date | None = None,
    end: dt.date | None = None,
    **options: str,
) -> ExportContext:
    school_year = SchoolYear(year)
    return ExportContext(
        organisation,
        start or school_year.start,
        end or school_year.end,
        group=group,
        options=EXPORTER.parse_options(options),
        lang="en" if lang == "en" else "fi",
        today=dt.date(2026, 11, 27),
        generated=dt.datetime(2026, 11, 27, 8, tzinfo=dt.UTC),
    )


def break_segments(data: bytes) -> list[ET.Element]:
    root = ET.fromstring(data)
    return [p for p in root.iter(f"{SVG}path") if p.get("class") == "break"]


def break_names(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return [
        "".join(t.itertext()).strip()
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "break-name"
    ]


def test_the_sedu_wheel_has_a_band_for_the_autumn_break() -> None:
    data = EXPORTER.render(context())
    segments = {p.get("data-break"): p for p in break_segments(data)}
    autumn = segments["syysloma"]
    assert (autumn.get("data-start"), autumn.get("data-end")) == ("2026-10-12", "2026-10-18")
    title = autumn.find(f"{SVG}title")
    assert title is not None and title.text == "Syysloma 12.10.–18.10.2026"
    assert "Syysloma" in break_names(data)
    # Every break of the data in 2026–2027, the summer break clipped to the year.
    spans = sorted(
        (p.get("data-start"), p.get("data-end"), p.get("data-break")) for p in segments.values()
    )
    assert ("2027-06-01", "2027-07-31", "kesaloma") in spans
    assert ("2026-12-21", "2027-01-06", "joululoma") in spans


def test_the_band_lies_between_the_rings_and_the_month_band_at_the_breaks_days() -> None:
    data = EXPORTER.render(context())
    [autumn] = [p for p in break_segments(data) if p.get("data-break") == "syysloma"]
    dims = Dims()
    centre = dims.centre
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", autumn.get("d", ""))]
    # M x,y A r,r 0 large 1 x,y L x,y A r,r 0 large 0 x,y Z
    points = [(numbers[0], numbers[1]), (numbers[7], numbers[8])]
    radius = math.hypot(points[0][0] - centre, points[0][1] - centre)
    rim_inner = dims.outer - dims.week_band - dims.month_band
    assert dims.rings_outer < radius < rim_inner
    year = SchoolYear(2026)
    expected = angle_of(dt.date(2026, 10, 12), year)
    got = math.degrees(math.atan2(points[0][0] - centre, centre - points[0][1])) % 360
    assert got == pytest.approx(expected, abs=0.01)


def test_a_groups_own_break_replaces_the_inherited_one() -> None:
    organisation = Organisation(
        "testi",
        "Testiopisto",
        Hierarchy(
            [
                Group("ohr", "Opiskeluhuoltoryhmä", GroupKind.ORGANISATION),
                Group("kampus", "Kampus", GroupKind.CAMPUS, parent="ohr"),
            ]
        ),
        [Calendar("k", "Vuosikello", "ohr", [Item("ilta", "Ilta", parse_rule("10.9."))])],
        breaks=(
            Break("talviloma", "Talviloma", parse_rule("viikolla 9")),
            Break("talviloma", "Talviloma", parse_rule("viikolla 10"), owner="kampus"),
        ),
    )
    [whole] = layout(context(organisation)).breaks
    [own] = layout(context(organisation, group="kampus")).breaks
    assert whole == ("talviloma", "Talviloma", dt.date(2027, 3, 1), dt.date(2027, 3, 7))
    assert own == ("talviloma", "Talviloma", dt.date(2027, 3, 8), dt.date(2027, 3, 14))


def test_without_breaks_there_is_no_band() -> None:
    organisation = Organisation(
        "testi",
        "Testiopisto",
        Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä", GroupKind.ORGANISATION)]),
        [Calendar("k", "Vuosikello", "ohr", [Item("ilta", "Ilta", parse_rule("10.9."))])],
    )
    data = EXPORTER.render(context(organisation))
    assert break_segments(data) == []
    assert b'id="breaks"' not in data


def test_the_html_page_has_the_band_too() -> None:
    data = EXPORTER.render(context(format="html"))
    assert b'data-break="syysloma"' in data


@settings(max_examples=20, deadline=None)
@given(
    st.dates(dt.date(2026, 8, 1), dt.date(2027, 7, 31)),
    st.integers(0, 200),
)
def test_the_bands_are_the_breaks_within_the_range(start: dt.date, days: int) -> None:
    end = min(start + dt.timedelta(days=days), dt.date(2027, 7, 31))
    wheel = layout(context(start=start, end=end))
    school = SEDU.school_calendar(None)
    drawn = set()
    for _id, _name, first, last in wheel.breaks:
        assert start <= first <= last <= end
        day = first
        while day <= last:
            assert school.breaks_on(day), day
            drawn.add(day)
            day += dt.timedelta(days=1)
    day = start
    while day <= end:
        assert (day in drawn) == bool(school.breaks_on(day)), day
        day += dt.timedelta(days=1)
