"""The ``wheel`` exporter: geometry as properties, the SVG and HTML it writes."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opiskeluhuolto_wheel import WheelExporter, render_html, render_svg
from opiskeluhuolto_wheel.geometry import (
    FULL_CIRCLE,
    angle_of,
    assign_lanes,
    days_in,
    degrees_per_day,
    display_arc,
    lane_count,
    sectors,
    week_ticks,
)
from opiskeluhuolto_wheel.layout import Dims, layout, text_width

from opiskeluhuolto import SchoolYear, parse_rule
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, Organisation
from opiskeluhuolto.cli import main
from opiskeluhuolto.exporting import ExportContext, OptionError
from opiskeluhuolto.fmt import MONTHS_EN, MONTHS_FI
from opiskeluhuolto.groups import Group, Hierarchy
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.recurrence import (
    DeadlineWindow,
    Frequency,
    MonthWindow,
    Repeat,
    Rule,
    TimeOfDay,
    Weekday,
)
from opiskeluhuolto.strategies import rules

SVG = "{http://www.w3.org/2000/svg}"
SEDU = load_default()
PROPERTY = settings(max_examples=60, deadline=None)

school_years = st.integers(1990, 2100).map(SchoolYear)


def context(
    organisation: Organisation = SEDU,
    year: int = 2026,
    *,
    today: dt.date = dt.date(2026, 11, 27),
    lang: str = "fi",
    **options: str,
) -> ExportContext:
    school_year = SchoolYear(year)
    return ExportContext(
        organisation,
        school_year.start,
        school_year.end,
        options=WheelExporter().parse_options(options),
        lang="en" if lang == "en" else "fi",
        school_year=school_year,
        today=today,
    )


def svg_root(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def occurrence_groups(root: ET.Element) -> list[ET.Element]:
    return [
        el
        for el in root.iter(f"{SVG}g")
        if "occ" in (el.get("class") or "").split() and el.get("data-id")
    ]


def texts(root: ET.Element) -> str:
    return " ".join(t.strip() for t in root.itertext())


# ---------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------


@PROPERTY
@given(school_years)
def test_sectors_tile_the_circle_in_proportion_to_days(year: SchoolYear) -> None:
    found = sectors(year)
    assert [s.month for s in found] == [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7]
    assert found[0].start == 0
    assert found[-1].end == pytest.approx(FULL_CIRCLE)
    assert sum(s.sweep for s in found) == pytest.approx(FULL_CIRCLE)
    for before, after in itertools.pairwise(found):
        assert before.end == pytest.approx(after.start)
    for sector in found:
        first = dt.date(sector.year, sector.month, 1)
        following = dt.date(sector.year + sector.month // 12, sector.month % 12 + 1, 1)
        days = (following - first).days
        assert sector.sweep == pytest.approx(days * degrees_per_day(year))


@PROPERTY
@given(school_years, st.data())
def test_an_arc_spans_exactly_its_dates(year: SchoolYear, data: st.DataObject) -> None:
    total = days_in(year)
    first = data.draw(st.integers(0, total - 1))
    last = data.draw(st.integers(first, total - 1))
    start = year.start + dt.timedelta(days=first)
    end = year.start + dt.timedelta(days=last)
    min_days = data.draw(st.sampled_from([1.0, 1.5, 7.0]))
    arc = display_arc(start, end, year, min_days=min_days)
    per_day = degrees_per_day(year)
    assert arc.start == pytest.approx(first * per_day)
    assert arc.end == pytest.approx((last + 1) * per_day)
    assert arc.start == angle_of(start, year)
    assert arc.end == angle_of(end + dt.timedelta(days=1), year)
    # What is drawn covers the true span, is at least min_days wide, and stays on the circle.
    assert 0 <= arc.lo <= arc.start + 1e-9
    assert arc.end - 1e-9 <= arc.hi <= FULL_CIRCLE
    assert arc.hi - arc.lo >= min(min_days, total) * per_day - 1e-9
    if last - first + 1 >= min_days:
        assert (arc.lo, arc.hi) == (arc.start, arc.end)
    else:  # widened around its centre unless the circle's ends get in the way
        assert arc.hi - arc.lo == pytest.approx(min_days * per_day)
        if arc.lo > 0 and arc.hi < FULL_CIRCLE:
            assert (arc.lo + arc.hi) / 2 == pytest.approx(arc.middle)


def test_angles_of_known_days() -> None:
    year = SchoolYear(2026)  # 365 days
    assert angle_of(dt.date(2026, 8, 1), year) == 0
    assert angle_of(dt.date(2027, 8, 1), year) == FULL_CIRCLE
    assert angle_of(dt.date(2027, 2, 1), year) == pytest.approx(184 * 360 / 365)
    assert days_in(SchoolYear(2027)) == 366  # 29.2.2028
    assert angle_of(dt.date(2020, 1, 1), year) == 0  # clamped
    with pytest.raises(ValueError, match="outside"):
        display_arc(dt.date(2025, 1, 1), dt.date(2025, 2, 1), year)


def test_week_ticks_are_iso_weeks_on_mondays() -> None:
    year = SchoolYear(2026)
    ticks = week_ticks(year)
    assert ticks[0].week == 31 and ticks[0].start == 0  # 1.8.2026 is a Saturday
    assert 53 in [tick.week for tick in ticks]  # 2026 has an ISO week 53
    assert ticks[-1].end == pytest.approx(FULL_CIRCLE)
    for before, after in itertools.pairwise(ticks):
        assert before.end == pytest.approx(after.start)
    monday = dt.date(2026, 10, 19)
    week_43 = next(tick for tick in ticks if tick.week == 43)
    assert week_43.start == angle_of(monday, year)


intervals = st.lists(
    st.tuples(st.floats(0, 350, allow_nan=False), st.floats(0.01, 120, allow_nan=False)).map(
        lambda pair: (pair[0], pair[0] + pair[1])
    ),
    max_size=40,
)


@PROPERTY
@given(intervals, st.sampled_from([0.0, 0.5]))
def test_stacking_never_overlaps_and_uses_the_fewest_lanes(
    spans: list[tuple[float, float]], gap: float
) -> None:
    lanes = assign_lanes(spans, gap)
    assert len(lanes) == len(spans)
    for lane in set(lanes):
        members = sorted(span for span, at in zip(spans, lanes, strict=True) if at == lane)
        for (_, hi), (lo, _) in itertools.pairwise(members):
            assert hi + gap <= lo
    # Optimal: as many lanes as spans (widened by the gap) meet at one point.
    points = [lo for lo, _hi in spans]
    depth = max(
        (sum(1 for lo, hi in spans if lo <= x < hi + gap) for x in points),
        default=0,
    )
    assert lane_count(lanes) == depth


# ---------------------------------------------------------------------------
# Layout of real and random calendars
# ---------------------------------------------------------------------------


def assert_sound(organisation: Organisation, year: int) -> None:
    ctx = context(organisation, year)
    wheel = layout(ctx)
    school_year = SchoolYear(year)
    expected = organisation.occurrences(school_year.start, school_year.end)
    assert Counter(p.id for p in wheel.placed) == Counter(o.id for o in expected)
    for p in wheel.placed:
        # Arc angles match the dates (clipped to the school year).
        start = max(p.occ.start, school_year.start)
        end = min(p.occ.end, school_year.end)
        assert p.arc.start == angle_of(start, school_year)
        assert p.arc.end == angle_of(end + dt.timedelta(days=1), school_year)
        assert p.footprint.lo <= p.arc.lo and p.arc.hi <= p.footprint.hi
        ring = wheel.rings[p.ring]
        assert 0 <= p.lane < ring.lanes
        assert (p.label is None) != (p.number is None)
    # No two footprints on one lane of one ring overlap.
    by_lane: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for p in wheel.placed:
        by_lane.setdefault((p.ring, p.lane), []).append((p.footprint.lo, p.footprint.hi))
    for spans in by_lane.values():
        spans.sort()
        for (_, hi), (lo, _) in itertools.pairwise(spans):
            assert hi <= lo + 1e-9
    # Rings and lanes nest inside each other without touching the hub or the rim.
    dims = wheel.dims
    previous = dims.rings_outer + dims.ring_gap
    for ring in wheel.rings:
        assert ring.outer <= previous - dims.ring_gap + 1e-9
        assert ring.inner >= dims.hub - 1e-9
        previous = ring.inner
    numbers = sorted(p.number for p in wheel.placed if p.number is not None)
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("year", range(2024, 2031))
def test_sedu_layout_is_sound(year: int) -> None:
    assert_sound(SEDU, year)


@st.composite
def organisations(draw: st.DrawFn) -> Organisation:
    calendars = []
    number = 0
    for index in range(draw(st.integers(1, 3))):
        items = []
        for _ in range(draw(st.integers(0, 8))):
            number += 1
            title = draw(st.sampled_from(["Kysely", "Juhla <b>", "Pitkä otsikko " * 4, "&"]))
            kind = draw(st.sampled_from(list(ItemKind)))
            items.append(Item(f"i{number}", title, draw(rules(dated=True)), kind=kind))
        calendars.append(Calendar(f"c{index}", f"Kalenteri {index}", "ohr", items))
    return Organisation("testi", "Testiopisto", Hierarchy([Group("ohr", "OHR")]), calendars)


@settings(max_examples=40, deadline=None)
@given(organisations(), st.integers(2000, 2060))
def test_random_calendars_layout_is_sound(organisation: Organisation, year: int) -> None:
    assert_sound(organisation, year)


# ---------------------------------------------------------------------------
# The SVG
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sedu_svg() -> bytes:
    return render_svg(context())


def test_every_dated_occurrence_appears_exactly_once(sedu_svg: bytes) -> None:
    root = svg_root(sedu_svg)
    year = SchoolYear(2026)
    expected = Counter(o.id for o in SEDU.occurrences(year.start, year.end))
    found = Counter(el.get("data-id") for el in occurrence_groups(root))
    assert found == expected
    assert len(expected) > 40


def test_each_arc_has_a_title_with_dates_and_rule(sedu_svg: bytes) -> None:
    root = svg_root(sedu_svg)
    groups = {el.get("data-id"): el for el in occurrence_groups(root)}
    survey = groups["sedu.huoltajakysely.2026"]
    title = survey.find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert "Sedun huoltajakysely" in title.text
    assert "19.10.–1.11.2026" in title.text
    assert "vk 43–44" in title.text
    assert "tulokset aikaisintaan marraskuussa" in title.text
    assert survey.find(f"{SVG}path") is not None


def test_follow_ups_are_distinct_and_linked(sedu_svg: bytes) -> None:
    root = svg_root(sedu_svg)
    groups = {el.get("data-id"): el for el in occurrence_groups(root)}
    results = groups["sedu.huoltajakysely.2026.tulokset"]
    assert "follow-up" in (results.get("class") or "")
    assert results.get("data-parent") == "sedu.huoltajakysely.2026"
    arc = results.find(f"{SVG}path")
    assert arc is not None and "hatch" in (arc.get("fill") or "")
    assert arc.get("stroke-dasharray")
    links = [el for el in root.iter(f"{SVG}path") if el.get("class") == "link"]
    assert ("sedu.huoltajakysely.2026", "sedu.huoltajakysely.2026.tulokset") in {
        (el.get("data-from"), el.get("data-to")) for el in links
    }
    # Amisbarometri's results (August 2026) belong to spring 2026: no parent on this wheel.
    amis = groups["sedu.amisbarometri.2026.tulokset"]
    assert amis.get("data-parent") is None


def test_one_day_items_have_a_marker(sedu_svg: bytes) -> None:
    root = svg_root(sedu_svg)
    groups = {el.get("data-id"): el for el in occurrence_groups(root)}
    for key in ("sedu.itsenaisyyspaivajuhla.2026", "sedu.turvallisuuskysely.2027"):
        marker = groups[key].find(f"{SVG}circle")
        assert marker is not None and float(marker.get("r", "0")) >= 5


def test_month_names_weeks_and_undated_items(sedu_svg: bytes) -> None:
    root = svg_root(sedu_svg)
    text = texts(root)
    for name in MONTHS_FI:
        assert name.capitalize() in text
    assert "Jokaisessa kokouksessa" in text and "Tarpeen mukaan" in text
    assert "Nostot Foorumin ja Fokuksen kokouksista" in text
    assert "Huolenpitokeskustelut ja muut yksittäiset yhteydenpidot" in text
    assert "Tänään 27.11." in text
    week_numbers = {el.text for el in root.iter(f"{SVG}text") if el.text and el.text.isdigit()}
    assert {"32", "40", "53", "1", "30"} <= week_numbers


def text_groups(root: ET.Element) -> dict[str, ET.Element]:
    return {
        el.get("data-for", ""): el for el in root.iter(f"{SVG}g") if el.get("class") == "occ-text"
    }


def test_labels_or_numbers_for_every_arc(sedu_svg: bytes) -> None:
    root = svg_root(sedu_svg)
    legend = root.find(f".//{SVG}g[@id='legend']")
    assert legend is not None
    legend_text = texts(legend)
    words = text_groups(root)
    for group in occurrence_groups(root):
        number = group.get("data-number")
        text = words[group.get("data-id", "")]
        label = list(text.iter(f"{SVG}textPath"))
        if number is None:
            assert label, group.get("data-id")
        else:
            assert not label
            assert number in legend_text
            assert [el.text for el in text.iter(f"{SVG}text")] == [number]


def test_texts_are_drawn_above_the_lines(sedu_svg: bytes) -> None:
    # The today line and the follow-up arrows never run across a label or number.
    body = svg_root(sedu_svg).find(f"{SVG}g[@id='wheel']")
    assert body is not None
    order = [el.get("id") for el in body]
    assert order.index("labels") > order.index("today")
    assert order.index("labels") > order.index("follow-up-links")
    assert order.index("labels") > order.index("occurrences")


# ---------------------------------------------------------------------------
# The geometry as drawn: parse the SVG back into angles and radii
# ---------------------------------------------------------------------------

_TOKEN = re.compile(r"[MLAZ]|-?\d+(?:\.\d+)?")
# Typography of DejaVu Sans, in em: glyphs reach 0.93 above the baseline
# (Ä, Ö) and 0.24 below it (j, p, y); digits are 0.73 high.
ASCENT, DESCENT, DIGITS = 0.93, 0.24, 0.73


def path_commands(d: str) -> list[tuple[str, list[float]]]:
    commands: list[tuple[str, list[float]]] = []
    for token in _TOKEN.findall(d):
        if token.isalpha():
            commands.append((token, []))
        else:
            commands[-1][1].append(float(token))
    return commands


def bearing(centre: tuple[float, float], x: float, y: float) -> float:
    """Degrees clockwise from 12 o'clock of the point (x, y) seen from the centre."""
    return math.degrees(math.atan2(x - centre[0], centre[1] - y)) % 360


def distance(centre: tuple[float, float], x: float, y: float) -> float:
    return math.hypot(x - centre[0], y - centre[1])


def circular_arc(
    centre: tuple[float, float], x0: float, y0: float, a: list[float]
) -> tuple[float, float, float]:
    """Radius, start and sweep of the SVG arc command ``a`` drawn from (x0, y0)."""
    rx, ry, _rotation, large, sweep_flag, x1, y1 = a
    assert rx == ry
    assert distance(centre, x0, y0) == pytest.approx(rx, abs=0.02)
    assert distance(centre, x1, y1) == pytest.approx(rx, abs=0.02)
    a0, a1 = bearing(centre, x0, y0), bearing(centre, x1, y1)
    sweep = (a1 - a0) % 360 if sweep_flag else (a0 - a1) % 360
    assert (sweep > 180) == bool(large)
    return rx, a0, sweep


def drawn_sector(centre: tuple[float, float], d: str) -> tuple[float, float, float, float]:
    """Inner and outer radius, start and end angle of an annular sector's path."""
    (m, (x0, y0)), (a1, outer_arc), (line, (ix1, iy1)), (a2, inner_arc), (z, _) = path_commands(d)
    assert (m, a1, line, a2, z) == ("M", "A", "L", "A", "Z")
    outer, start, sweep = circular_arc(centre, x0, y0, outer_arc)
    inner, inner_end, inner_sweep = circular_arc(centre, ix1, iy1, inner_arc)
    if start > 359.9:  # 0° rounded to the left of 12 o'clock
        start -= 360
    assert inner_sweep == pytest.approx(sweep, abs=0.01)
    assert (inner_end - start - sweep + 180) % 360 - 180 == pytest.approx(0, abs=0.01)
    assert inner < outer
    return inner, outer, start, start + sweep


def hub_centre(root: ET.Element) -> tuple[float, float]:
    hub = root.find(f".//{SVG}g[@id='hub']/{SVG}circle")
    assert hub is not None
    return float(hub.get("cx", "nan")), float(hub.get("cy", "nan"))


def expected_angles(start: dt.date, end: dt.date, year: SchoolYear) -> tuple[float, float]:
    """The drawn interval of an all-day span, from its dates alone.

    A day takes 360/365 (or 360/366) degrees from 1 August at 12 o'clock; a span
    shorter than Dims.min_days days is drawn that wide around its centre, kept
    on the circle.
    """
    per_day = 360 / ((year.end - year.start).days + 1)
    first = (max(start, year.start) - year.start).days
    last = (min(end, year.end) - year.start).days
    lo, hi = first * per_day, (last + 1) * per_day
    width = Dims().min_days * per_day
    if hi - lo < width - 1e-9:
        middle = (lo + hi) / 2
        lo, hi = middle - width / 2, middle + width / 2
        if lo < 0:
            lo, hi = 0, width
        elif hi > 360:
            lo, hi = 360 - width, 360
    return lo, hi


def drawn_arcs(
    root: ET.Element,
) -> dict[str, tuple[ET.Element, tuple[float, float, float, float]]]:
    centre = hub_centre(root)
    found = {}
    for group in occurrence_groups(root):
        path = group.find(f"{SVG}path[@class='arc']")
        assert path is not None
        found[group.get("data-id", "")] = (group, drawn_sector(centre, path.get("d", "")))
    return found


def assert_arcs_match_dates(data: bytes, organisation: Organisation, year: SchoolYear) -> None:
    root = svg_root(data)
    occurrences = {o.id: o for o in organisation.occurrences(year.start, year.end)}
    arcs = drawn_arcs(root)
    assert arcs.keys() == occurrences.keys()
    # The insets between neighbouring arcs: at most 0.12° off each end.
    slack = 0.13
    for key, (group, (_inner, _outer, start, end)) in arcs.items():
        occ = occurrences[key]
        assert group.get("data-start") == occ.start.isoformat()
        assert group.get("data-end") == occ.end.isoformat()
        lo, hi = expected_angles(occ.start, occ.end, year)
        assert lo - 0.01 <= start <= lo + slack, (key, start, lo)
        assert hi - slack <= end <= hi + 0.01, (key, end, hi)
    # No two arcs that share a band of radii (a lane of a ring) overlap.
    drawn = [(g.get("data-ring"), shape) for g, shape in arcs.values()]
    for (ring1, (i1, o1, s1, e1)), (ring2, (i2, o2, s2, e2)) in itertools.combinations(drawn, 2):
        if min(o1, o2) - max(i1, i2) > 0.01:
            assert ring1 == ring2  # rings do not share radii
            assert min(e1, e2) - max(s1, s2) <= 0.01, (s1, e1, s2, e2)


def test_drawn_arcs_match_their_dates(sedu_svg: bytes) -> None:
    assert_arcs_match_dates(sedu_svg, SEDU, SchoolYear(2026))
    # Both one-day items are drawn Dims.min_days wide, around their day.
    arcs = drawn_arcs(svg_root(sedu_svg))
    _, (_, _, start, end) = arcs["sedu.itsenaisyyspaivajuhla.2026"]
    day = 360 / 365
    assert end - start == pytest.approx(1.5 * day, abs=0.25)
    # On the school day before 6.12.: Fri 4.12.2026, day 125 of the school year.
    assert (start + end) / 2 == pytest.approx((125 + 0.5) * day, abs=0.01)


@pytest.mark.parametrize("year", [2024, 2027, 2030])
def test_drawn_arcs_match_their_dates_other_years(year: int) -> None:
    assert_arcs_match_dates(render_svg(context(year=year)), SEDU, SchoolYear(year))


@settings(max_examples=20, deadline=None)
@given(organisations(), st.integers(2000, 2060))
def test_drawn_arcs_of_random_calendars_match_their_dates(
    organisation: Organisation, year: int
) -> None:
    assert_arcs_match_dates(render_svg(context(organisation, year)), organisation, SchoolYear(year))


Box = tuple[float, float, float, float]  # inner, outer radius; lo, hi angle


def rectangle_box(centre: tuple[float, float], x0: float, y0: float, x1: float, y1: float) -> Box:
    """The polar box around an upright rectangle (which does not contain the centre)."""
    cx, cy = centre
    corners = [(x, y) for x in (x0, x1) for y in (y0, y1)]
    nearest = math.hypot(min(max(cx, x0), x1) - cx, min(max(cy, y0), y1) - cy)
    mid = bearing(centre, (x0 + x1) / 2, (y0 + y1) / 2)
    angles = [mid + (bearing(centre, x, y) - mid + 180) % 360 - 180 for x, y in corners]
    return nearest, max(distance(centre, x, y) for x, y in corners), min(angles), max(angles)


def drawn_text_boxes(root: ET.Element) -> list[tuple[str, str, Box]]:
    """(occurrence id, what, polar box) of every label, number and marker on the wheel."""
    centre = hub_centre(root)
    paths = {el.get("id"): el.get("d", "") for el in root.iter(f"{SVG}path") if el.get("id")}
    boxes: list[tuple[str, str, Box]] = []
    for key, group in text_groups(root).items():
        for text in group.iter(f"{SVG}text"):
            size = float(text.get("font-size", "nan"))
            on = text.find(f"{SVG}textPath")
            if on is not None:  # a label along its baseline
                (_m, (x0, y0)), (_a, arc) = path_commands(paths[on.get("href", "")[1:]])
                radius, a0, sweep = circular_arc(centre, x0, y0, arc)
                outwards = arc[4] == 1  # clockwise: the glyphs point outwards
                middle = (a0 + sweep / 2 if outwards else a0 - sweep / 2) % 360
                half = math.degrees(text_width(on.text or "", size) / 2 / radius)
                if outwards:
                    radial = (radius - DESCENT * size, radius + ASCENT * size)
                else:
                    radial = (radius - ASCENT * size, radius + DESCENT * size)
                boxes.append((key, "label", (*radial, middle - half, middle + half)))
            else:  # a number centred on its point
                x, y = float(text.get("x", "nan")), float(text.get("y", "nan"))
                assert text.get("dy") == "0.35em" and text.get("text-anchor") == "middle"
                half_width = text_width(text.text or "", size) / 2
                top = y + (0.35 - DIGITS) * size
                box = rectangle_box(
                    centre, x - half_width, top, x + half_width, top + DIGITS * size
                )
                boxes.append((key, "number", box))
    for group in occurrence_groups(root):
        for circle in group.iter(f"{SVG}circle"):
            x, y = float(circle.get("cx", "nan")), float(circle.get("cy", "nan"))
            r = float(circle.get("r", "nan")) + float(circle.get("stroke-width", "0")) / 2
            boxes.append(
                (
                    group.get("data-id", ""),
                    "marker",
                    rectangle_box(centre, x - r, y - r, x + r, y + r),
                )
            )
    return boxes


def overlap(a: Box, b: Box, tolerance: float = 0.01) -> bool:
    return (
        min(a[1], b[1]) - max(a[0], b[0]) > tolerance
        and min(a[3], b[3]) - max(a[2], b[2]) > tolerance
    )


def assert_texts_apart(data: bytes) -> None:
    """No two labels, numbers or markers overlap, and every label stays on its own arc."""
    root = svg_root(data)
    boxes = drawn_text_boxes(root)
    for (key1, what1, box1), (key2, what2, box2) in itertools.combinations(boxes, 2):
        if key1 == key2:
            continue  # a number inside its own marker
        assert not overlap(box1, box2), (key1, what1, box1, key2, what2, box2)
    arcs = drawn_arcs(root)
    for key, what, (inner, outer, lo, hi) in boxes:
        if what == "label":
            _group, (arc_inner, arc_outer, start, end) = arcs[key]
            assert start <= lo and hi <= end, (key, lo, hi, start, end)
            assert arc_inner - 2.5 <= inner and outer <= arc_outer + 2.5, key


@pytest.mark.parametrize(
    ("year", "lang", "rings"),
    [(2026, "fi", "calendar"), (2026, "en", "calendar"), (2026, "fi", "group")]
    + [(year, "fi", "calendar") for year in (2024, 2025, 2027, 2028, 2029, 2030)],
)
def test_labels_and_numbers_never_overlap(year: int, lang: str, rings: str) -> None:
    assert_texts_apart(render_svg(context(year=year, lang=lang, rings=rings)))


@settings(max_examples=25, deadline=None)
@given(organisations(), st.integers(2000, 2060))
def test_labels_of_random_calendars_never_overlap(organisation: Organisation, year: int) -> None:
    assert_texts_apart(render_svg(context(organisation, year)))


def test_today_marker_only_inside_the_school_year() -> None:
    outside = render_svg(context(today=dt.date(2025, 11, 27)))
    assert svg_root(outside).find(f".//{SVG}g[@id='today']") is None
    inside = svg_root(render_svg(context(today=dt.date(2027, 7, 31))))
    assert inside.find(f".//{SVG}g[@id='today']") is not None


def test_english_month_names() -> None:
    root = svg_root(render_svg(context(lang="en")))
    text = texts(root)
    for name in MONTHS_EN:
        assert name in text
    assert "At every meeting" in text


def test_rings_per_group() -> None:
    by_calendar = layout(context())
    by_group = layout(context(rings="group"))
    assert len(by_calendar.rings) == 3
    # The three calendars (the national one placed under it too) are owned by
    # the Sedu welfare group: one ring.
    assert [r.name for r in by_group.rings] == ["Sedun opiskeluhuoltoryhmä"]
    assert Counter(p.id for p in by_group.placed) == Counter(p.id for p in by_calendar.placed)


def hostile_organisation() -> Organisation:
    title = '<script>alert("x")</script> & \'quoted\' "double" ]]> <!-- c -->'
    items = [
        Item("evil", title, parse_rule("viikolla 40"), kind=ItemKind.EVENT),
        Item("evil-day", title, parse_rule("6.12."), kind=ItemKind.EVENT),
        Item("evil-results", title, parse_rule("viikoilla 43-44, tulokset marraskuussa")),
        Item("evil-undated", title, parse_rule("tarpeen mukaan")),
    ]
    calendar = Calendar("cal", f"Kalenteri {title}", "ohr", items)
    group = Group("ohr", f"Ryhmä {title}")
    return Organisation("o", f"Opisto {title}", Hierarchy([group]), [calendar])


TITLE = '<script>alert("x")</script> & \'quoted\' "double" ]]> <!-- c -->'


def test_titles_from_data_are_escaped_in_svg() -> None:
    data = render_svg(context(hostile_organisation()))
    assert b"<script" not in data
    assert b"<!-- c -->" not in data
    root = svg_root(data)  # well-formed XML
    titles = [el.text or "" for el in root.iter(f"{SVG}title")]
    assert sum(TITLE in text for text in titles) >= 3
    assert TITLE in texts(root)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.data: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(value or "" for _name, value in attrs)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def test_titles_from_data_are_escaped_in_html() -> None:
    data = render_html(context(hostile_organisation()))
    assert data.startswith(b"<!DOCTYPE html>")
    assert b"<script>alert" not in data
    parser = _Collect()
    parser.feed(data.decode("utf-8"))
    assert parser.tags.count("script") == 1  # our own, nothing from the data
    assert any(TITLE in text for text in parser.data)
    assert any(TITLE in value for value in parser.attributes)  # hover details


def timed_organisation() -> Organisation:
    """A timed monthly item (second Tuesday, 14.00–15.30) and a deadline."""
    rule = Rule(
        MonthWindow(8, 5),
        repeat=Repeat(Frequency.MONTHLY, weekday=Weekday.TU, nth=2),
        time=TimeOfDay(dt.time(14), dt.time(15, 30)),
    )
    items = [
        Item("kahvit", "Virtuaalikahvit", rule, kind=ItemKind.EVENT),
        Item("lomake", "Lomakkeen palautus", Rule(DeadlineWindow(9, 30))),
    ]
    hierarchy = Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä")])
    return Organisation(
        "testi", "Testiopisto", hierarchy, [Calendar("k", "Kalenteri", "ohr", items)]
    )


def test_html_shows_times_and_deadlines() -> None:
    page = render_html(context(timed_organisation())).decode("utf-8")
    parser = _Collect()
    parser.feed(page)
    # The legend's "when" column, and the hover details with the year and weeks.
    assert "ti 8.9. klo 14.00–15.30" in parser.data
    assert "viimeistään ke 30.9." in parser.data
    assert any(
        v.startswith("Virtuaalikahvit\nti 8.9.2026 klo 14.00–15.30 (vk 37)\n")
        for v in parser.attributes
    )
    assert any("\nviimeistään ke 30.9.2026 (vk 40)\n" in v for v in parser.attributes)
    english = _Collect()
    english.feed(render_html(context(timed_organisation(), lang="en")).decode("utf-8"))
    assert "Tue 8 Sep at 14:00–15:30" in english.data
    assert any(
        "\nTuesday 8 September 2026 at 14:00–15:30 (week 37)\n" in v for v in english.attributes
    )


def test_svg_titles_show_times() -> None:
    root = svg_root(render_svg(context(timed_organisation())))
    groups = {el.get("data-id"): el for el in occurrence_groups(root)}
    title = groups["testi.kahvit.2026:2026-09"].find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert "\nti 8.9.2026 klo 14.00–15.30 (vk 37)\n" in title.text


def test_html_page_is_standalone() -> None:
    data = render_html(context()).decode("utf-8")
    parser = _Collect()
    parser.feed(data)
    assert "svg" in parser.tags and "table" in parser.tags
    assert "Elokuu" in data and "Jokaisessa kokouksessa" in data
    # Offline: no external resources.
    assert "http://" not in data.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in data
    assert "@media print" in data and "@page" in data


def test_exporter_options() -> None:
    exporter = WheelExporter()
    assert exporter.parse_options({}) == {"format": "svg", "rings": "calendar", "max_rings": 12}
    with pytest.raises(OptionError):
        exporter.parse_options({"format": "png"})
    for bad in ("0", "13", "-1", "x"):
        with pytest.raises(OptionError):
            exporter.parse_options({"max_rings": bad})
    assert exporter.parse_options({"max_rings": "3"})["max_rings"] == 3
    html = exporter.render(context(format="html"))
    assert isinstance(html, bytes) and html.startswith(b"<!DOCTYPE html>")


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.usefixtures("manager")  # no plugin installed on the machine leaks in
def test_cli_writes_svg_and_html(tmp_path: Path) -> None:
    svg = tmp_path / "wheel.svg"
    status, _out, err = run("export", "wheel", "--school-year", "2026", "-o", str(svg))
    assert status == 0, err
    root = svg_root(svg.read_bytes())
    assert root.tag == f"{SVG}svg"
    page = tmp_path / "wheel.html"
    status, _out, err = run(
        "export", "wheel", "--school-year", "2026", "--option", "format=html", "-o", str(page)
    )
    assert status == 0, err
    assert page.read_bytes().startswith(b"<!DOCTYPE html>")


@pytest.mark.usefixtures("manager")  # no plugin installed on the machine leaks in
def test_cli_group_and_lang(tmp_path: Path) -> None:
    target = tmp_path / "wheel.svg"
    status, _out, err = run(
        "export", "wheel", "--group", "ohr-lapua", "--lang", "en", "--school-year", "2026",
        "-o", str(target),
    )  # fmt: skip
    assert status == 0, err
    text = texts(svg_root(target.read_bytes()))
    assert "Lapuan kampuksen yhteisöllinen opiskeluhuoltoryhmä" in text
    assert "August" in text


@pytest.mark.usefixtures("manager")  # no plugin installed on the machine leaks in
def test_cli_refuses_a_range_beyond_one_school_year() -> None:
    status, _out, err = run(
        "export", "wheel", "--from", "2026-08-01", "--to", "2027-12-31", "-o", "-"
    )
    assert status == 2
    assert "lukuvuo" in err


@pytest.mark.usefixtures("manager")  # no plugin installed on the machine leaks in
def test_cli_range_inside_a_school_year(tmp_path: Path) -> None:
    target = tmp_path / "autumn.svg"
    status, _out, err = run(
        "export", "wheel", "--from", "2026-09-01", "--to", "2026-12-31", "-o", str(target)
    )
    assert status == 0, err
    root = svg_root(target.read_bytes())
    ids = {el.get("data-id") for el in occurrence_groups(root)}
    expected = {o.id for o in SEDU.occurrences(dt.date(2026, 9, 1), dt.date(2026, 12, 31))}
    assert ids == expected
    # The heading names the range, not just the school year; the rest is greyed out.
    heading = root.find(f"{SVG}title")
    assert heading is not None and "2026–2027, 1.9.–31.12.2026" in (heading.text or "")
    assert "1.9.–31.12.2026" in texts(root.find(f".//{SVG}g[@id='hub']") or root)
    assert "lukuvuosi 2026–2027, 1.9.–31.12.2026" in texts(root)
    shaded = root.find(f".//{SVG}g[@id='range']")
    assert shaded is not None and len(shaded.findall(f"{SVG}path")) == 2


def test_a_range_is_drawn_within_its_school_year() -> None:
    year = SchoolYear(2026)
    start, end = dt.date(2026, 9, 1), dt.date(2026, 10, 1)
    ctx = ExportContext(SEDU, start, end, options=WheelExporter().parse_options({}))
    wheel = layout(ctx)
    assert wheel.school_year == year and wheel.span == (start, end)
    root = svg_root(render_svg(ctx))
    hub = root.find(f".//{SVG}g[@id='hub']")
    assert hub is not None
    assert [el.text for el in hub.iter(f"{SVG}text")] == [
        "Lukuvuosi",
        "2026–2027",
        "1.9.–1.10.2026",
    ]
    page = render_html(ctx).decode("utf-8")
    assert "lukuvuosi 2026–2027, 1.9.–1.10.2026" in page
    # The whole school year, given either way, has no range in its heading.
    whole = ExportContext(SEDU, year.start, year.end, options=ctx.options)
    assert layout(whole).span is None
    assert layout(context()).span is None
    for bad_start, bad_end in ((dt.date(2026, 9, 1), dt.date(2027, 8, 1)), (end, start)):
        with pytest.raises(ValueError, match=r"lukuvuo|aikaväli"):
            layout(ExportContext(SEDU, bad_start, bad_end, options=ctx.options))


@pytest.mark.usefixtures("manager")  # no plugin installed on the machine leaks in
def test_cli_bad_option() -> None:
    status, _out, err = run("export", "wheel", "--option", "rings=campus", "-o", "-")
    assert status == 2
    assert "rings" in err


@pytest.mark.usefixtures("manager")  # no plugin installed on the machine leaks in
@pytest.mark.parametrize(
    ("options", "name", "ending"),
    [((), "wheel.png", ".svg"), (("--option", "format=html"), "wheel.svg", ".html tai .htm")],
)
def test_cli_refuses_a_file_name_of_another_format(
    tmp_path: Path, options: tuple[str, ...], name: str, ending: str
) -> None:
    target = tmp_path / name
    status, _out, err = run("export", "wheel", *options, "-o", str(target))
    assert status == 2
    assert err == (
        f"opiskeluhuolto: -o {target}: viejä wheel kirjoittaa tiedoston, jonka pääte on {ending}\n"
    )
    assert not target.exists()
