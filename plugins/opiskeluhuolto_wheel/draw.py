"""Drawing the wheel as SVG (and as an HTML page around it) with ElementTree.

Every piece of text from the data goes into an element's text or an
attribute value, and :mod:`xml.etree.ElementTree` escapes it on output: no
markup is ever made by joining strings.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import math
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from opiskeluhuolto.fmt import format_date, format_span, month_name, pick
from opiskeluhuolto_wheel.geometry import (
    angle_of,
    annular_sector_path,
    arc_path,
    polar,
    sectors,
    upright,
    week_ticks,
)
from opiskeluhuolto_wheel.layout import (
    KIND_COLOURS,
    MARKER_STROKE,
    NUMBER_DY,
    Dims,
    Legend,
    Placed,
    Wheel,
    label_baseline,
    legend_of,
    text_width,
)

__all__ = ["ASSETS", "FONT_FAMILY", "asset", "build_html", "build_svg", "serialize_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = "'DejaVu Sans', Verdana, 'Liberation Sans', Arial, sans-serif"
INK = "#1a1a1a"
MUTED = "#4d4d4d"  # 8.5:1 on white
HALO = {
    "stroke": "#ffffff",
    "stroke-width": "3.5",
    "stroke-linejoin": "round",
    "paint-order": "stroke",
}


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def sub(
    parent: ET.Element,
    tag: str,
    attrib: Mapping[str, object] | None = None,
    text: str | None = None,
) -> ET.Element:
    element = ET.SubElement(
        parent,
        tag,
        {k: _n(v) if isinstance(v, float) else str(v) for k, v in (attrib or {}).items()},
    )
    if text is not None:
        element.text = text
    return element


def _mix(colour: str, other: str, amount: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def tint(colour: str) -> str:
    return _mix(colour, "#ffffff", 0.55)


def shade(colour: str) -> str:
    return _mix(colour, "#000000", 0.35)


def kind_key(placed: Placed) -> str:
    return placed.occ.item.kind.value


class _Ids:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"


def _text_on_arc(
    parent: ET.Element,
    defs: ET.Element,
    ids: _Ids,
    centre: float,
    radius: float,
    start: float,
    end: float,
    text: str,
    size: float,
    attrib: Mapping[str, object] | None = None,
) -> ET.Element:
    """``text`` centred along the arc at ``radius`` (its middle height on the circle)."""
    up = upright((start + end) / 2)
    baseline = label_baseline(radius, size, up)
    path_id = ids("tp")
    sub(
        defs,
        "path",
        {"id": path_id, "d": arc_path(centre, centre, baseline, start, end, reverse=not up)},
    )
    element = sub(parent, "text", {"font-size": size, **(attrib or {})})
    sub(
        element,
        "textPath",
        {"href": f"#{path_id}", "startOffset": "50%", "text-anchor": "middle"},
        text,
    )
    return element


def _wrap(text: str, width: float, size: float) -> list[str]:
    chars = max(8, int(width / (size * 0.56)))
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


def build_svg(wheel: Wheel, *, panel: bool = True, interactive: bool = False) -> ET.Element:
    """The wheel as an ``<svg>`` element; ``panel`` adds the legend beside it."""
    return _build_svg(wheel, legend_of(wheel), panel=panel, interactive=interactive)


def _build_svg(wheel: Wheel, legend: Legend, *, panel: bool, interactive: bool) -> ET.Element:
    dims = wheel.dims
    lang = wheel.lang
    c = dims.centre
    wheel_size = 2 * c
    width = wheel_size + (dims.panel_gap + dims.panel if panel else 0)
    ids = _Ids()

    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "version": "1.1",
            "font-family": FONT_FAMILY,
            "role": "group",
        },
    )
    year_text = str(wheel.school_year)
    sub(svg, "title", {"id": "wheel-title"}, legend.heading)
    description = pick(
        lang,
        "Lukuvuosi ympyränä elokuusta heinäkuuhun myötäpäivään, kuukaudet sektoreina; "
        "jokainen kehä on yksi vuosikello.",
        "The school year as a circle from August to July, clockwise, months as sectors; "
        "each ring is one calendar.",
        "Läsåret som en cirkel från augusti till juli, medsols, månaderna som sektorer; "
        "varje ring är en årsklocka.",
    )
    if wheel.grouping is not None:
        description = description.rsplit(";", 1)[0] + "; " + wheel.grouping
    sub(svg, "desc", {}, description)
    defs = sub(svg, "defs")
    for kind, colour in KIND_COLOURS.items():
        pattern = sub(
            defs,
            "pattern",
            {
                "id": f"hatch-{kind.value}",
                "width": 9,
                "height": 9,
                "patternUnits": "userSpaceOnUse",
                "patternTransform": "rotate(45)",
            },
        )
        sub(pattern, "rect", {"width": 9, "height": 9, "fill": "#ffffff"})
        sub(pattern, "rect", {"width": 4.5, "height": 9, "fill": tint(colour)})
    arrow = sub(
        defs,
        "marker",
        {
            "id": "arrow",
            "viewBox": "0 0 10 10",
            "refX": 9,
            "refY": 5,
            "markerWidth": 7,
            "markerHeight": 7,
            "orient": "auto-start-reverse",
        },
    )
    sub(arrow, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": INK})

    body = sub(svg, "g", {"id": "wheel"})
    sub(body, "rect", {"x": 0, "y": 0, "width": wheel_size, "height": wheel_size, "fill": "#fff"})

    # Month sectors: light alternate shading behind the rings, the month band
    # with the names and the week band with ISO week ticks and numbers.
    rim_inner = dims.outer - dims.week_band - dims.month_band
    week_inner = dims.outer - dims.week_band
    month_layer = sub(body, "g", {"id": "months"})
    for index, sector in enumerate(sectors(wheel.school_year)):
        light = index % 2 == 0
        sub(
            month_layer,
            "path",
            {
                "d": annular_sector_path(c, c, dims.hub, rim_inner, sector.start, sector.end),
                "fill": "#f7f7f7" if light else "#ffffff",
            },
        )
        sub(
            month_layer,
            "path",
            {
                "d": annular_sector_path(c, c, rim_inner, week_inner, sector.start, sector.end),
                "fill": "#dcdcdc" if light else "#ebebeb",
                "class": "month",
            },
        )
        name = month_name(sector.month, lang)
        name = name[:1].upper() + name[1:]
        _text_on_arc(
            month_layer,
            defs,
            ids,
            c,
            (rim_inner + week_inner) / 2,
            sector.start,
            sector.end,
            name,
            21,
            {"font-weight": "bold", "fill": INK, "class": "month-name"},
        )
        x0, y0 = polar(c, c, dims.hub, sector.start)
        x1, y1 = polar(c, c, dims.outer, sector.start)
        sub(
            month_layer,
            "line",
            {"x1": x0, "y1": y0, "x2": x1, "y2": y1, "stroke": "#b3b3b3", "stroke-width": 1.2},
        )
    sub(
        month_layer,
        "circle",
        {"cx": c, "cy": c, "r": dims.outer, "fill": "none", "stroke": "#8c8c8c"},
    )
    _draw_breaks(body, defs, ids, wheel, rim_inner)
    if wheel.span is not None:
        _draw_span(body, wheel, rim_inner)
    weeks = sub(body, "g", {"id": "weeks", "font-size": 12.5, "fill": MUTED})
    for tick in week_ticks(wheel.school_year):
        x0, y0 = polar(c, c, week_inner, tick.start)
        x1, y1 = polar(c, c, week_inner + 9, tick.start)
        sub(weeks, "line", {"x1": x0, "y1": y0, "x2": x1, "y2": y1, "stroke": "#6b6b6b"})
        days = (tick.end - tick.start) / (360 / 365)
        if days >= 3.5:
            x, y = polar(c, c, week_inner + dims.week_band * 0.58, tick.middle)
            sub(
                weeks,
                "text",
                {"x": x, "y": y, "text-anchor": "middle", "dy": "0.35em"},
                str(tick.week),
            )

    # Rings: a band with the ring's name, then the lanes.
    rings_layer = sub(body, "g", {"id": "rings"})
    for ring in wheel.rings:
        sub(
            rings_layer,
            "circle",
            {
                "cx": c,
                "cy": c,
                "r": (ring.band_inner + ring.outer) / 2,
                "fill": "none",
                "stroke": "#e0e0e0",
                "stroke-width": ring.band,
            },
        )
        label = f"{ring.letter} · {ring.name}"
        size = min(15.0, ring.band * 0.6)
        mid = (ring.band_inner + ring.outer) / 2
        for at in (0.0, 180.0):
            _text_on_arc(
                rings_layer,
                defs,
                ids,
                c,
                mid,
                at - 80,
                at + 80,
                label,
                size,
                {"font-weight": "bold", "fill": INK, "class": "ring-name"},
            )

    # Occurrences: the arcs and markers here, their labels and numbers in a
    # layer of their own above the follow-up arrows and the today line, so
    # that no line runs across a text.
    by_id = {p.id: p for p in wheel.placed}
    items = sub(body, "g", {"id": "occurrences"})
    labels = ET.Element("g", {"id": "labels", "pointer-events": "none"})
    tooltips = {item.id: item.details for ring in legend.rings for item in ring.items}
    for placed in wheel.placed:
        _draw_occurrence(items, labels, defs, ids, wheel, placed, tooltips[placed.id], interactive)

    # Follow-up links: a dotted arrow from the parent's end to the follow-up.
    links = sub(body, "g", {"id": "follow-up-links"})
    for placed in wheel.placed:
        if placed.parent_id is None:
            continue
        parent = by_id[placed.parent_id]
        r1 = sum(wheel.ring_of(parent).lane_radii(parent.lane)) / 2
        r2 = sum(wheel.ring_of(placed).lane_radii(placed.lane)) / 2
        a1 = parent.arc.end - min(2.5, (parent.arc.end - parent.arc.start) / 3)
        a2 = placed.arc.start + min(2.5, (placed.arc.end - placed.arc.start) / 3)
        bulge = max(r1, r2) + wheel.rings[placed.ring].thickness * 0.55
        x1, y1 = polar(c, c, r1, a1)
        x2, y2 = polar(c, c, r2, a2)
        qx, qy = polar(c, c, bulge, (a1 + a2) / 2)
        sub(
            links,
            "path",
            {
                "d": f"M{_n(x1)},{_n(y1)} Q{_n(qx)},{_n(qy)} {_n(x2)},{_n(y2)}",
                "fill": "none",
                "stroke": INK,
                "stroke-width": 1.6,
                "stroke-dasharray": "3 2",
                "marker-end": "url(#arrow)",
                "class": "link",
                "data-from": parent.id,
                "data-to": placed.id,
            },
        )

    # Today.
    if wheel.today is not None:
        angle = angle_of(wheel.today, wheel.school_year) + 180 / 365
        today = sub(body, "g", {"id": "today"})
        sub(
            today,
            "title",
            {},
            pick(lang, "Tänään ", "Today ", "I dag ") + format_date(wheel.today, lang),
        )
        x0, y0 = polar(c, c, dims.hub, angle)
        x1, y1 = polar(c, c, dims.outer + 12, angle)
        sub(
            today,
            "line",
            {
                "x1": x0,
                "y1": y0,
                "x2": x1,
                "y2": y1,
                "stroke": "#ffffff",
                "stroke-width": 6,
            },
        )
        sub(
            today,
            "line",
            {
                "x1": x0,
                "y1": y0,
                "x2": x1,
                "y2": y1,
                "stroke": INK,
                "stroke-width": 2.5,
                "stroke-dasharray": "10 5",
            },
        )
        tx, ty = polar(c, c, dims.outer + 22, angle)
        anchor = "start" if tx > c + 20 else "end" if tx < c - 20 else "middle"
        dy = "0.35em" if abs(ty - c) < dims.outer * 0.7 else ("-0.2em" if ty < c else "0.9em")
        sub(
            today,
            "text",
            {
                "x": tx,
                "y": ty,
                "dy": dy,
                "text-anchor": anchor,
                "font-size": 19,
                "font-weight": "bold",
                "fill": INK,
            },
            pick(lang, "Tänään ", "Today ", "I dag ") + format_date(wheel.today, lang, year=False),
        )

    body.append(labels)

    # Hub.
    hub = sub(body, "g", {"id": "hub"})
    sub(hub, "circle", {"cx": c, "cy": c, "r": dims.hub - 4, "fill": "#fff", "stroke": "#8c8c8c"})
    sub(
        hub,
        "text",
        {"x": c, "y": c - 14, "text-anchor": "middle", "font-size": 20, "fill": MUTED},
        pick(lang, "Lukuvuosi", "School year", "Läsåret"),
    )
    sub(
        hub,
        "text",
        {
            "x": c,
            "y": c + 22,
            "text-anchor": "middle",
            "font-size": 30,
            "font-weight": "bold",
            "fill": INK,
        },
        year_text,
    )
    if wheel.span is not None:
        sub(
            hub,
            "text",
            {
                "x": c,
                "y": c + 50,
                "text-anchor": "middle",
                "font-size": 14,
                "font-weight": "bold",
                "fill": INK,
                "class": "span",
            },
            format_span(*wheel.span, lang),
        )

    height = wheel_size
    if panel:
        height = max(height, _draw_panel(svg, legend, dims, wheel_size + dims.panel_gap))
    svg.set("viewBox", f"0 0 {_n(width)} {_n(height)}")
    svg.set("width", _n(width))
    svg.set("height", _n(height))
    svg.set("aria-labelledby", "wheel-title")
    return svg


BREAK_FILL = "#5b6f8a"


def _draw_breaks(
    body: ET.Element, defs: ET.Element, ids: _Ids, wheel: Wheel, rim_inner: float
) -> None:
    """The breaks as a thin band in the gap between the rings and the month band.

    One ring segment per break span (``class="break"``, its id and days as
    ``data-`` attributes and a ``<title>``), the break's name along the inner
    edge of the month band when it fits.
    """
    if not wheel.breaks:
        return
    dims = wheel.dims
    c = dims.centre
    inner, outer = dims.rings_outer + 1.5, rim_inner - 1.5
    size = 9.5
    layer = sub(body, "g", {"id": "breaks"})
    for break_id, name, first, last in wheel.breaks:
        a = angle_of(first, wheel.school_year)
        b = angle_of(last + dt.timedelta(days=1), wheel.school_year)
        if b - a <= 1e-9:
            continue
        segment = sub(
            layer,
            "path",
            {
                "d": annular_sector_path(c, c, inner, outer, a, b),
                "fill": BREAK_FILL,
                "class": "break",
                "data-break": break_id,
                "data-start": first.isoformat(),
                "data-end": last.isoformat(),
            },
        )
        span = format_span(first, last, wheel.lang)
        sub(segment, "title", {}, f"{name} {span}")
        radius = rim_inner + size * 0.75
        if text_width(name, size) <= math.radians(b - a) * radius:
            _text_on_arc(
                layer,
                defs,
                ids,
                c,
                radius,
                a,
                b,
                name,
                size,
                {"fill": BREAK_FILL, "class": "break-name"},
            )


def _draw_span(body: ET.Element, wheel: Wheel, rim_inner: float) -> None:
    """Grey out the school year outside a ``--from``/``--to`` range and mark its ends."""
    assert wheel.span is not None
    c = wheel.dims.centre
    first, last = wheel.span
    a = angle_of(first, wheel.school_year)
    b = angle_of(last + dt.timedelta(days=1), wheel.school_year)
    layer = sub(
        body, "g", {"id": "range", "data-start": first.isoformat(), "data-end": last.isoformat()}
    )
    for lo, hi in ((0.0, a), (b, 360.0)):
        if hi - lo > 1e-9:
            sub(
                layer,
                "path",
                {
                    "d": annular_sector_path(c, c, wheel.dims.hub, rim_inner, lo, hi),
                    "fill": "#d9d9d9",
                    "class": "outside-range",
                },
            )
    for angle in (a, b):
        if 0 < angle < 360:
            x0, y0 = polar(c, c, wheel.dims.hub, angle)
            x1, y1 = polar(c, c, rim_inner, angle)
            sub(
                layer,
                "line",
                {"x1": x0, "y1": y0, "x2": x1, "y2": y1, "stroke": INK, "stroke-width": 2},
            )


def _draw_occurrence(
    layer: ET.Element,
    labels: ET.Element,
    defs: ET.Element,
    ids: _Ids,
    wheel: Wheel,
    placed: Placed,
    lines: tuple[str, ...],
    interactive: bool,
) -> None:
    """The arc (and marker) of ``placed`` in ``layer``, its label or number in ``labels``."""
    c = wheel.dims.centre
    ring = wheel.ring_of(placed)
    inner, outer = ring.lane_radii(placed.lane)
    middle = (inner + outer) / 2
    inset = min(2.0, ring.thickness / 4)  # 2 px, less on a lane thinner than 8 px
    inner, outer = inner + inset, outer - inset
    colour = KIND_COLOURS[placed.occ.item.kind]
    follow = placed.occ.follow_up
    attrib: dict[str, object] = {
        "class": "occ follow-up" if follow else "occ",
        "data-id": placed.id,
        "data-start": placed.occ.start.isoformat(),
        "data-end": placed.occ.end.isoformat(),
        "data-kind": kind_key(placed),
        "data-ring": ring.letter,
        "data-lane": placed.lane,
    }
    if placed.number is not None:
        attrib["data-number"] = placed.number
    if placed.parent_id is not None:
        attrib["data-parent"] = placed.parent_id
    if interactive:
        attrib["tabindex"] = 0
        attrib["data-details"] = "\n".join(lines)
    group = sub(layer, "g", attrib)
    title = "\n".join(lines)
    if placed.number is not None:
        title = f"({placed.number}) {title}"
    sub(group, "title", {}, title)

    start, end = placed.arc.lo, placed.arc.hi
    inset = min(0.12, (end - start) * 0.05)
    shape: dict[str, object] = {
        "d": annular_sector_path(c, c, inner, outer, start + inset, end - inset),
        "fill": f"url(#hatch-{kind_key(placed)})" if follow else tint(colour),
        "stroke": shade(colour),
        "stroke-width": 1.4,
        "class": "arc",
    }
    if follow:
        shape["stroke-dasharray"] = "6 3"
    sub(group, "path", shape)

    text = sub(labels, "g", {"class": "occ-text", "data-for": placed.id})
    mark = placed.mark
    if mark is not None and mark.marker is not None:
        # A round marker: visible however short the day's arc is.
        x, y = polar(c, c, mark.radius, mark.angle)
        sub(
            group,
            "circle",
            {
                "cx": x,
                "cy": y,
                "r": mark.marker,
                "fill": "#ffffff",
                "stroke": shade(colour),
                "stroke-width": MARKER_STROKE,
                "class": "marker",
            },
        )
    if placed.label is not None:
        _text_on_arc(
            text,
            defs,
            ids,
            c,
            middle,
            placed.arc.start,
            placed.arc.end,
            placed.label,
            wheel.font,
            {"fill": INK, "class": "label", **HALO},
        )
    elif mark is not None and placed.number is not None:
        x, y = polar(c, c, mark.radius, mark.angle)
        attrib = {
            "x": x,
            "y": y,
            "dy": f"{NUMBER_DY}em",
            "text-anchor": "middle",
            "font-size": mark.size,
            "font-weight": "bold",
            "fill": INK,
            "class": "number",
        }
        if mark.marker is None:
            attrib.update(HALO)
        sub(text, "text", attrib, str(placed.number))


def _draw_panel(svg: ET.Element, legend: Legend, dims: Dims, x0: float) -> float:
    """The legend beside the wheel; returns the height it needs."""
    width = dims.panel
    panel = sub(svg, "g", {"id": "legend", "fill": INK})
    y = dims.margin * 0.45

    def text(
        value: str,
        x: float,
        size: float,
        *,
        bold: bool = False,
        fill: str = INK,
        anchor: str = "start",
    ) -> None:
        attrib: dict[str, object] = {"x": x, "y": y, "font-size": size, "fill": fill}
        if bold:
            attrib["font-weight"] = "bold"
        if anchor != "start":
            attrib["text-anchor"] = anchor
        sub(panel, "text", attrib, value)

    for line in _wrap(legend.title, width, 27):
        y += 34
        text(line, x0, 27, bold=True)
    y += 30
    text(legend.subtitle, x0, 20, fill=MUTED)
    if legend.group_name:
        for line in _wrap(legend.group_name, width, 20):
            y += 26
            text(line, x0, 20, fill=MUTED)

    def heading(value: str) -> None:
        nonlocal y
        y += 42
        text(value, x0, 19, bold=True)
        y += 6
        sub(
            panel,
            "line",
            {"x1": x0, "y1": y, "x2": x0 + width, "y2": y, "stroke": "#8c8c8c"},
        )

    size = 15.0
    step = 20.0

    heading(legend.rings_heading)
    if legend.grouping is not None:
        for line in _wrap(legend.grouping, width, size):
            y += step
            text(line, x0, size, fill=MUTED)
        y += 4
    for calendar in legend.calendars:
        y += step + 4
        text(calendar.letter, x0 + 4, size, bold=True)
        for i, line in enumerate(_wrap(calendar.text, width - 40, size)):
            if i:
                y += step
            text(line, x0 + 34, size)

    heading(legend.key_heading)
    column = width / 2
    for index, key in enumerate(legend.kinds):
        if index % 2 == 0:
            y += step + 8
        x = x0 + (index % 2) * column
        sub(
            panel,
            "rect",
            {
                "x": x,
                "y": y - 14,
                "width": 34,
                "height": 18,
                "fill": tint(key.colour),
                "stroke": shade(key.colour),
                "stroke-width": 1.4,
            },
        )
        text(key.label, x + 44, size)
    # The samples of a follow-up and a one-day item take the first kind's colours.
    any_kind = legend.kinds[0].kind.value if legend.kinds else "other"
    any_colour = legend.kinds[0].colour if legend.kinds else "#999999"
    y += step + 12
    sub(
        panel,
        "rect",
        {
            "x": x0,
            "y": y - 14,
            "width": 34,
            "height": 18,
            "fill": f"url(#hatch-{any_kind})",
            "stroke": shade(any_colour),
            "stroke-width": 1.4,
            "stroke-dasharray": "6 3",
        },
    )
    text(legend.results, x0 + 44, size)
    y += step + 8
    sub(
        panel,
        "circle",
        {
            "cx": x0 + 17,
            "cy": y - 5,
            "r": 9,
            "fill": "#fff",
            "stroke": shade(any_colour),
            "stroke-width": 2.5,
        },
    )
    text(legend.one_day, x0 + 44, size)
    for index, note in enumerate(legend.notes):
        y += step + 6 if index == 0 else step
        text(note, x0, size, fill=MUTED)

    numbered = legend.numbered
    if numbered:
        heading(legend.numbered_heading)
        for ring in numbered:
            y += step + 6
            text(ring.heading, x0, size, bold=True, fill=MUTED)
            for item in ring.items:
                y += step
                text(str(item.number), x0 + 28, size, bold=True, anchor="end")
                text(item.when, x0 + 40, size)
                date_col = max(170.0, text_width(item.when, size) * 0.93 + 50)
                for i, line in enumerate(_wrap(item.title, width - date_col, size)):
                    if i:
                        y += step
                    text(line, x0 + date_col, size)

    for section in legend.undated:
        heading(section.heading)
        for letter, title in section.items:
            y += step
            text(letter, x0 + 4, size, bold=True, fill=MUTED)
            for i, line in enumerate(_wrap(title, width - 34, size)):
                if i:
                    y += step
                text(line, x0 + 34, size)
    return y + dims.margin * 0.45


def serialize_svg(svg: ET.Element) -> bytes:
    """A standalone SVG file (UTF-8, with an XML declaration)."""
    ET.indent(svg, space=" ")
    data: bytes = ET.tostring(svg, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


ASSETS = ("wheel.css", "wheel.js")
"""The HTML page's style sheet and script: package data files of ``opiskeluhuolto_wheel``."""


@functools.cache
def asset(name: str) -> str:
    """A package data file of the HTML page (``wheel.css``, ``wheel.js``), read on first use.

    The style sheet says ``FONTS`` where the font family goes.
    """
    files = importlib.resources.files("opiskeluhuolto_wheel")
    return files.joinpath(name).read_text(encoding="utf-8")


def build_html(wheel: Wheel) -> bytes:
    """A standalone HTML page: the wheel, the legend and hover details, no external files."""
    legend = legend_of(wheel)
    html = ET.Element("html", {"lang": wheel.lang})
    head = sub(html, "head")
    sub(head, "meta", {"charset": "utf-8"})
    sub(head, "meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"})
    sub(head, "title", {}, legend.heading)
    # The style sheet and the script each start on a line of their own.
    sub(head, "style", {}, "\n" + asset("wheel.css").replace("FONTS", FONT_FAMILY))
    body = sub(html, "body")
    header = sub(body, "header")
    sub(header, "h1", {}, legend.title)
    subtitle = legend.subtitle
    if legend.group_name:
        subtitle += f" · {legend.group_name}"
    sub(header, "p", {}, subtitle)
    main = sub(body, "main")
    figure = sub(main, "figure", {"class": "wheel"})
    svg = _build_svg(wheel, legend, panel=False, interactive=True)
    for attribute in ("width", "height"):
        svg.attrib.pop(attribute, None)
    figure.append(svg)
    _html_legend(sub(main, "aside", {"class": "legend"}), legend)
    sub(body, "div", {"id": "tip", "role": "tooltip", "hidden": "hidden"}, "")
    sub(body, "script", {}, "\n" + asset("wheel.js"))
    data: bytes = ET.tostring(html, encoding="utf-8", method="html")
    return b"<!DOCTYPE html>\n" + data + b"\n"


def _html_legend(aside: ET.Element, legend: Legend) -> None:
    """The legend of the HTML page: rings, key, a table per ring, the undated items."""
    section = sub(aside, "section")
    sub(section, "h2", {}, legend.rings_heading)
    if legend.grouping is not None:
        sub(section, "p", {"class": "grouping"}, legend.grouping)
    rings = sub(section, "ul")
    for calendar in legend.calendars:
        item = sub(rings, "li")
        sub(item, "span", {"class": "letter"}, calendar.letter)
        sub(item, "span", {}, calendar.text)

    section = sub(aside, "section")
    sub(section, "h2", {}, legend.key_heading)
    listing = sub(section, "ul")
    for key in legend.kinds:
        item = sub(listing, "li")
        swatch = sub(
            item,
            "span",
            {
                "class": "swatch",
                "style": f"background:{tint(key.colour)};border-color:{shade(key.colour)}",
            },
            "",
        )
        swatch.tail = key.label
    sub(listing, "li", {}, legend.key_text)

    for ring in legend.rings:
        section = sub(aside, "section")
        sub(section, "h2", {}, ring.heading)
        table = sub(section, "table")
        head_row = sub(sub(table, "thead"), "tr")
        for label in legend.columns:
            sub(head_row, "th", {}, label)
        tbody = sub(table, "tbody")
        for entry in ring.items:
            row = sub(
                tbody,
                "tr",
                {"data-id": entry.id, "tabindex": 0, "data-details": "\n".join(entry.details)},
            )
            sub(row, "td", {"class": "no"}, str(entry.number or ""))
            sub(row, "td", {"class": "when"}, entry.when)
            sub(row, "td", {}, entry.title)

    for undated in legend.undated:
        section = sub(aside, "section")
        sub(section, "h2", {}, undated.heading)
        listing = sub(section, "ul")
        for letter, title in undated.items:
            item = sub(listing, "li")
            sub(item, "span", {"class": "letter"}, letter)
            sub(item, "span", {}, title)
