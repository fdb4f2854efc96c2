"""The wheel with many calendars: at most ``max_rings`` rings, never negative geometry.

With 16 or more rings the name bands and gaps alone would take more than the
room between the hub and the rim.  The layout combines calendars into rings
(per owning group, per higher-level group, per kind of group, or one ring)
until at most ``max_rings`` (12 by default) are left; these tests draw 1–60
calendars in random hierarchies and check the SVG as parsed: well-formed,
every ring and lane of positive, finite size, every coordinate finite and
inside the viewBox.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opiskeluhuolto_wheel import WheelExporter, render_html, render_svg
from opiskeluhuolto_wheel.layout import MAX_RINGS, Wheel, layout

from opiskeluhuolto import plugins
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, Organisation
from opiskeluhuolto.exporting import ExportContext, OptionError
from opiskeluhuolto.groups import Group, GroupKind, Hierarchy
from opiskeluhuolto.phrases import parse_rule
from opiskeluhuolto.recurrence import SchoolYear

SVG = "{http://www.w3.org/2000/svg}"
YEAR = SchoolYear(2026)
PHRASES = [
    "1.9.",
    "viikolla 37",
    "syyskuussa",
    "1.10.–15.11.",
    "joulukuussa",
    "viikoilla 43–44",
    "11.2.",
    "maaliskuussa",
    "elo–toukokuussa",
    "viikolla 43, tulokset marraskuussa",
]
RULES = [parse_rule(phrase) for phrase in PHRASES]
KINDS = list(GroupKind)


@st.composite
def organisations(draw: st.DrawFn) -> Organisation:
    """1–60 calendars of 0–4 items, owned by groups of a random forest of 1–20 groups."""
    groups: list[Group] = []
    for index in range(draw(st.integers(1, 20))):
        parent = draw(st.none() | st.integers(0, index - 1)) if index else None
        groups.append(
            Group(
                f"g{index}",
                f"Ryhmä {index}",
                parent=None if parent is None else f"g{parent}",
                kind=draw(st.sampled_from(KINDS)),
            )
        )
    calendars = []
    number = 0
    for index in range(draw(st.integers(1, 60))):
        items = []
        for _ in range(draw(st.integers(0, 4))):
            number += 1
            items.append(
                Item(
                    f"i{number}",
                    f"Asia {number}",
                    RULES[draw(st.integers(0, len(RULES) - 1))],
                    kind=draw(st.sampled_from(list(ItemKind))),
                )
            )
        owner = f"g{draw(st.integers(0, len(groups) - 1))}"
        calendars.append(Calendar(f"c{index}", f"Kalenteri {index}", owner, items))
    return Organisation("testi", "Testiopisto", Hierarchy(groups), calendars)


def context(organisation: Organisation, lang: str = "fi", **options: str) -> ExportContext:
    return ExportContext(
        organisation,
        YEAR.start,
        YEAR.end,
        options=WheelExporter().parse_options(options),
        lang="en" if lang == "en" else "fi",
        school_year=YEAR,
        today=dt.date(2026, 11, 27),
    )


def assert_rings_sound(wheel: Wheel, max_rings: int) -> None:
    dims = wheel.dims
    assert len(wheel.rings) <= max_rings
    previous = dims.rings_outer + dims.ring_gap
    for ring in wheel.rings:
        for value in (ring.inner, ring.outer, ring.thickness, ring.band):
            assert math.isfinite(value) and value > 0, ring
        assert ring.lanes >= 1
        assert dims.hub <= ring.inner < ring.band_inner < ring.outer <= previous - dims.ring_gap
        previous = ring.inner
    assert math.isfinite(wheel.font) and wheel.font > 0
    for p in wheel.placed:
        inner, outer = wheel.rings[p.ring].lane_radii(p.lane)
        assert 0 < inner < outer
        if p.mark is not None:
            assert math.isfinite(p.mark.radius) and math.isfinite(p.mark.angle)
            assert p.mark.size > 0 and (p.mark.marker is None or p.mark.marker > 0)


NUMERIC = {"x", "y", "cx", "cy", "r", "x1", "y1", "x2", "y2", "width", "height", "font-size"}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def points(d: str) -> list[tuple[float, float]]:
    """The end and control points of a path's M, L, Q and A commands (radii checked too)."""
    found: list[tuple[float, float]] = []
    for command, args in re.findall(r"([MLQAZz])([^MLQAZz]*)", d):
        values = [float(v) for v in _NUMBER.findall(args)]
        assert all(math.isfinite(v) for v in values), d
        if command == "A":
            assert len(values) == 7 and values[0] > 0 and values[1] > 0, d
            found.append((values[5], values[6]))
        else:
            found.extend(zip(values[::2], values[1::2], strict=True))
    return found


def assert_inside_viewbox(data: bytes) -> None:
    """Well-formed, no NaN or infinity anywhere, every point drawn inside the viewBox.

    Points are the anchors of texts, the ends of lines, circles with their
    radius and every point of a path (the wheel's own arcs stay within the
    circle of the rim, far inside the margin).
    """
    root = ET.fromstring(data)
    for el in root.iter():
        for name in NUMERIC.intersection(el.keys()):
            assert math.isfinite(float(el.get(name, "nan"))), (el.tag, name, el.get(name))
    x0, y0, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert (x0, y0) == (0, 0) and width > 0 and height > 0

    def inside(x: float, y: float, spare: float = 0.0) -> None:
        assert math.isfinite(x) and math.isfinite(y)
        assert -1e-6 <= x - spare and x + spare <= width + 1e-6, (x, spare, width)
        assert -1e-6 <= y - spare and y + spare <= height + 1e-6, (y, spare, height)

    markers = root.find(f"{SVG}defs")
    skip = {id(el) for el in markers.iter()} if markers is not None else set()
    paths = {el.get("id"): el for el in root.iter(f"{SVG}path") if el.get("id")}
    for el in root.iter():
        tag = el.tag.removeprefix(SVG)
        if id(el) in skip and tag != "path":
            continue  # hatch patterns and the arrowhead have their own coordinates
        if id(el) in skip and el.get("id") not in paths:
            continue
        if tag == "circle":
            r = float(el.get("r", "nan"))
            assert math.isfinite(r) and r > 0
            inside(float(el.get("cx", "nan")), float(el.get("cy", "nan")), r)
        elif tag == "line":
            inside(float(el.get("x1", "nan")), float(el.get("y1", "nan")))
            inside(float(el.get("x2", "nan")), float(el.get("y2", "nan")))
        elif tag == "text" and el.get("x") is not None:
            inside(float(el.get("x", "nan")), float(el.get("y", "nan")))
        elif tag == "rect" and el.get("x") is not None:
            inside(float(el.get("x", "nan")), float(el.get("y", "nan")))
            inside(
                float(el.get("x", "nan")) + float(el.get("width", "nan")),
                float(el.get("y", "nan")) + float(el.get("height", "nan")),
            )
        elif tag == "path":
            for x, y in points(el.get("d", "")):
                inside(x, y)


@settings(max_examples=50, deadline=None)
@given(
    organisations(),
    st.sampled_from(["calendar", "group"]),
    st.none() | st.integers(1, MAX_RINGS),
    st.sampled_from(["fi", "en"]),
)
def test_many_calendars_draw_sound_wheels(
    organisation: Organisation, rings: str, max_rings: int | None, lang: str
) -> None:
    options = {"rings": rings}
    if max_rings is not None:
        options["max_rings"] = str(max_rings)
    ctx = context(organisation, lang, **options)
    wheel = layout(ctx)
    assert_rings_sound(wheel, max_rings or MAX_RINGS)
    assert_inside_viewbox(render_svg(ctx))
    assert render_html(ctx).startswith(b"<!DOCTYPE html>")
    # Every dated occurrence is on the wheel once, on the ring of its calendar.
    expected = organisation.occurrences(YEAR.start, YEAR.end)
    assert sorted(p.id for p in wheel.placed) == sorted(o.id for o in expected)
    letters = {letter for letter, _name, _note, drawn in wheel.calendars if drawn}
    assert {ring.letter for ring in wheel.rings} == letters
    # Calendars are combined only when they would not fit.
    asked = {(o.calendar.owner if rings == "group" else o.calendar.id) for o in expected}
    if len(asked) <= (max_rings or MAX_RINGS):
        assert wheel.grouping is None and len(wheel.rings) == len(asked)
    else:
        assert wheel.grouping is not None and str(len(asked)) in wheel.grouping


def campus(calendars_per_group: int) -> Organisation:
    """A layered campus view: five levels of groups, each owning several calendars."""
    path = ["alue", "ohjaus", "ohr", "ohr-lapua", "turva-lapua"]
    groups = [
        Group(gid, f"Ryhmä {gid}", parent=path[i - 1] if i else None) for i, gid in enumerate(path)
    ]
    calendars = [
        Calendar(
            f"{gid}-{n}",
            f"Vuosikello {gid} {n}",
            gid,
            [Item(f"{gid}-{n}-i", f"Asia {gid} {n}", RULES[n % len(RULES)])],
        )
        for gid in path
        for n in range(calendars_per_group)
    ]
    return Organisation("sedu", "Sedu", Hierarchy(groups), calendars)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_forty_layered_calendars_get_a_ring_per_group(lang: str) -> None:
    organisation = campus(8)  # 40 calendars, 8 per group
    wheel = layout(context(organisation, lang))
    assert [ring.key for ring in wheel.rings] != []
    assert sorted(ring.key for ring in wheel.rings) == sorted(
        ["alue", "ohjaus", "ohr", "ohr-lapua", "turva-lapua"]
    )
    assert wheel.grouping is not None
    assert "40" in wheel.grouping and "12" in wheel.grouping
    # The legend names each ring's calendars; the SVG says why they are combined.
    notes = {name: note for _letter, name, note, _drawn in wheel.calendars}
    assert "Vuosikello ohr 7" in notes["Ryhmä ohr"]
    svg = render_svg(context(organisation, lang))
    assert wheel.grouping.split(":")[0].encode() in svg
    html = render_html(context(organisation, lang))
    assert b'class="grouping"' in html


def test_max_rings_combines_earlier_and_up_the_hierarchy() -> None:
    organisation = campus(2)  # 10 calendars: fit as they are
    assert len(layout(context(organisation)).rings) == 10
    assert layout(context(organisation)).grouping is None
    assert len(layout(context(organisation, max_rings="5")).rings) == 5  # per owning group
    # Four rings: the deepest group joins its parent (ohr-lapua with turva-lapua).
    four = layout(context(organisation, max_rings="4"))
    assert sorted(ring.key for ring in four.rings) == ["alue", "ohjaus", "ohr", "ohr-lapua"]
    one = layout(context(organisation, max_rings="1", rings="group"))
    assert [ring.key for ring in one.rings] == ["alue"]  # the root with every group below it


def test_a_flat_forest_is_combined_by_kind_then_into_one_ring() -> None:
    kinds = [GroupKind.CAMPUS, GroupKind.SAFETY, GroupKind.STUDENT_BODY]
    groups = [Group(f"g{i}", f"Ryhmä {i}", kind=kinds[i % 3]) for i in range(30)]
    calendars = [
        Calendar(f"c{i}", f"Kalenteri {i}", f"g{i}", [Item(f"i{i}", "Asia", RULES[i % 5])])
        for i in range(30)
    ]
    organisation = Organisation("t", "T", Hierarchy(groups), calendars)
    wheel = layout(context(organisation, "en"))
    assert sorted(ring.name for ring in wheel.rings) == [
        "Campus groups",
        "Safety groups",
        "Student bodies",
    ]
    assert wheel.grouping is not None and "kind" in wheel.grouping
    single = layout(context(organisation, max_rings="2"))
    assert [ring.name for ring in single.rings] == ["Kaikki vuosikellot"]


def test_max_rings_is_checked_in_code_too() -> None:
    organisation = campus(1)
    for bad in (0, 13, True, "x"):
        ctx = ExportContext(
            organisation, YEAR.start, YEAR.end, options={"max_rings": bad}, school_year=YEAR
        )
        with pytest.raises(OptionError):  # the host checks what a program built
            plugins.inspect_exporter(WheelExporter(), "wheel").render(ctx)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_wheel_past_its_most_occurrences_is_refused_with_exit_2(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opiskeluhuolto_wheel import layout as layout_module

    organisation = campus(3)
    drawn = len(layout(context(organisation)).placed)
    monkeypatch.setattr(layout_module, "MAX_OCCURRENCES", drawn - 1)
    with pytest.raises(ValueError) as refused:
        layout(context(organisation, lang))
    message = str(refused.value)
    if lang == "en":
        assert message.startswith(f"the wheel would hold {drawn} occurrences; at most")
        assert message.endswith("draw one group's wheel (--group ID)")
    else:
        assert message.startswith(f"vuosikelloon tulisi {drawn} esiintymää; enintään")
    monkeypatch.setattr(layout_module, "MAX_OCCURRENCES", drawn)
    assert len(layout(context(organisation)).placed) == drawn
