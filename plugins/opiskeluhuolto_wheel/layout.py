"""Layout of the wheel: which occurrence goes on which ring and lane, and with what text.

:func:`layout` turns an :class:`~opiskeluhuolto.exporting.ExportContext` into a
:class:`Wheel`: the school year, the rings (one per calendar, or per owning
group), every occurrence placed on a lane of its ring, its label when the
label fits along the arc or else its number in the legend, and the undated
items.  The drawing (:mod:`opiskeluhuolto_wheel.draw`) only paints what is
decided here.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import statistics

import attrs

from opiskeluhuolto import Cadence, SchoolYear, describe
from opiskeluhuolto.calendar import Calendar, CalendarOccurrence, ItemKind, ResolvedItem
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import Lang, format_occurrence, format_span, format_weeks
from opiskeluhuolto_wheel.geometry import (
    Arc,
    assign_lanes,
    degrees_per_day,
    display_arc,
    lane_count,
    polar,
    upright,
)

__all__ = [
    "KINDS",
    "Box",
    "Dims",
    "Mark",
    "Placed",
    "Ring",
    "Wheel",
    "details",
    "label_baseline",
    "label_box",
    "layout",
    "mark_of",
    "number_box",
    "span_text",
    "text_width",
]

# Okabe–Ito: a palette that stays distinguishable with every common colour
# vision deficiency.  Colour is never the only carrier: every item has its
# title on the wheel or a number keyed to the legend, follow-ups are hatched
# and say "Tulokset", one-day items are round markers.
KINDS: dict[ItemKind, tuple[str, str, str]] = {
    ItemKind.SURVEY: ("#0072B2", "kysely", "survey"),
    ItemKind.EVENT: ("#E69F00", "tapahtuma, juhla", "event"),
    ItemKind.REVIEW: ("#009E73", "katsaus", "review"),
    ItemKind.DRILL: ("#D55E00", "harjoitus, turvallisuus", "drill, safety"),
    ItemKind.INFO: ("#56B4E9", "tiedote", "information"),
    ItemKind.MEETING: ("#CC79A7", "kokousasia", "meeting item"),
    ItemKind.CAMPAIGN: ("#F0E442", "teemaviikko, tempaus", "campaign"),
    ItemKind.PROJECT: ("#999999", "hanke", "project"),
    ItemKind.OTHER: ("#BBBBBB", "muu", "other"),
}


def t(lang: Lang, fi: str, en: str) -> str:
    return en if lang == "en" else fi


# Advance widths (in em) of DejaVu Sans, the first font the drawing names;
# Verdana, the usual fallback, has nearly the same metrics.  Other
# characters count as wide.  The estimate is padded by 6 %: overestimating
# only turns a label into a number.
_WIDTHS_EM: dict[str, float] = {
    ch: em
    for chars, em in (
        ("'", 0.275),
        ("ijl", 0.278),
        ("IJ", 0.295),
        (" ,.·", 0.318),
        ("/:;\\|", 0.337),
        ("f", 0.352),
        ("-", 0.361),
        ("()[]", 0.39),
        ("t", 0.392),
        ("!", 0.401),
        ("r", 0.411),
        ('"', 0.46),
        ("*_`–", 0.5),
        ("s", 0.521),
        ("z", 0.525),
        ("?", 0.531),
        ("c", 0.55),
        ("L", 0.557),
        ("F", 0.575),
        ("k", 0.579),
        ("vxy", 0.592),
        ("P", 0.603),
        ("TY", 0.611),
        ("oö", 0.612),
        ("aäå", 0.613),
        ("eé", 0.615),
        ("E", 0.632),
        ("hnuü", 0.634),
        ("Sbdgpq", 0.635),
        ("$0123456789{}", 0.636),
        ("K", 0.656),
        ("AVÄÅ", 0.684),
        ("XZ", 0.685),
        ("B", 0.686),
        ("R", 0.695),
        ("C", 0.698),
        ("U", 0.732),
        ("N", 0.748),
        ("H", 0.752),
        ("D", 0.77),
        ("G", 0.775),
        ("&", 0.78),
        ("OQÖ", 0.787),
        ("w", 0.818),
        ("#+<=>^~", 0.838),
        ("M", 0.863),
        ("%", 0.95),
        ("m", 0.974),
        ("W", 0.989),
        ("@—…", 1.0),
    )
    for ch in chars
}
_UNKNOWN_EM = 0.8
_PAD = 1.06


def text_width(text: str, font_size: float) -> float:
    """A slightly generous estimate of the rendered width of ``text``."""
    return sum(_WIDTHS_EM.get(ch, _UNKNOWN_EM) for ch in text) * font_size * _PAD


# Vertical extents of the drawn text, in em: DejaVu Sans reaches 0.93 em
# above the baseline with Ä and Ö and 0.24 em below it with j, p and y;
# digits are 0.73 em high.  A label's baseline lies LABEL_SHIFT em from the
# lane's middle, so that the text is centred on it.
ASCENT = 0.93
DESCENT = 0.24
DIGIT_HEIGHT = 0.73
LABEL_SHIFT = 0.36
NUMBER_DY = 0.35  # a number's baseline below its centre, in em
MARKER_STROKE = 2.5


@attrs.frozen
class Box:
    """A polar box: radii ``inner``–``outer`` and angles ``lo``–``hi`` (degrees)."""

    inner: float
    outer: float
    lo: float
    hi: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.inner < other.outer
            and other.inner < self.outer
            and self.lo < other.hi
            and other.lo < self.hi
        )


def label_baseline(radius: float, size: float, up: bool) -> float:
    """The radius of the baseline of a label centred on the circle at ``radius``."""
    return radius - LABEL_SHIFT * size if up else radius + LABEL_SHIFT * size


def label_box(radius: float, start: float, end: float, text: str, size: float) -> Box:
    """Where the glyphs of ``text`` go when centred along the arc ``start``–``end``.

    Upright text (upper half) has its glyphs pointing outwards from the
    baseline, the text on the lower half inwards.
    """
    middle = (start + end) / 2
    up = upright(middle)
    baseline = label_baseline(radius, size, up)
    half = math.degrees(text_width(text, size) / 2 / baseline)
    if up:
        inner, outer = baseline - DESCENT * size, baseline + ASCENT * size
    else:
        inner, outer = baseline - ASCENT * size, baseline + DESCENT * size
    return Box(inner, outer, middle - half, middle + half)


def number_box(radius: float, angle: float, half_width: float, half_height: float) -> Box:
    """The polar box around an upright rectangle centred at ``radius`` and ``angle``."""
    x, y = polar(0.0, 0.0, radius, angle)
    x0, x1, y0, y1 = x - half_width, x + half_width, y - half_height, y + half_height
    corners = [(cx, cy) for cx in (x0, x1) for cy in (y0, y1)]
    nearest = math.hypot(min(max(0.0, x0), x1), min(max(0.0, y0), y1))
    farthest = max(math.hypot(cx, cy) for cx, cy in corners)
    angles = []
    for cx, cy in corners:
        corner = math.degrees(math.atan2(cx, -cy))
        angles.append(angle + (corner - angle + 180) % 360 - 180)
    return Box(nearest, farthest, min(angles), max(angles))


@attrs.frozen
class Dims:
    """The fixed measures of the drawing, in SVG user units."""

    outer: float = 720.0  # outer edge of the week band
    week_band: float = 34.0
    month_band: float = 48.0
    rim_gap: float = 10.0
    hub: float = 96.0
    ring_band: float = 26.0  # the band with the ring's name
    ring_gap: float = 8.0
    max_lane: float = 44.0
    margin: float = 130.0
    panel: float = 800.0
    panel_gap: float = 40.0
    marker: float = 11.0  # radius of a one-day marker
    # Items shorter than this take this much room on their lane when stacked,
    # so that a one-day marker (and a number) always has space.
    footprint_days: float = 7.0
    min_days: float = 1.5  # the shortest arc drawn

    @property
    def rings_outer(self) -> float:
        return self.outer - self.week_band - self.month_band - self.rim_gap

    @property
    def centre(self) -> float:
        return self.margin + self.outer


@attrs.frozen
class Ring:
    """A ring of the wheel: a calendar, or a group with all the calendars it owns."""

    key: str
    letter: str
    name: str
    note: str
    inner: float = 0.0
    outer: float = 0.0
    lanes: int = 0
    thickness: float = 0.0
    band: float = 0.0

    @property
    def band_inner(self) -> float:
        """Inner edge of the name band (the lanes are below it)."""
        return self.outer - self.band

    def lane_radii(self, lane: int) -> tuple[float, float]:
        """Inner and outer radius of ``lane`` (lane 0 is innermost)."""
        inner = self.inner + lane * self.thickness
        return inner, inner + self.thickness


@attrs.frozen
class Placed:
    """An occurrence placed on the wheel."""

    occ: CalendarOccurrence
    ring: int
    arc: Arc  # what is drawn
    footprint: Arc  # what is reserved on the lane
    lane: int = 0
    label: str | None = None
    number: int | None = None
    parent_id: str | None = None
    mark: Mark | None = None  # where the number (and a one-day marker) goes

    @property
    def one_day(self) -> bool:
        return self.occ.start == self.occ.end

    @property
    def id(self) -> str:
        return self.occ.id


@attrs.frozen
class Mark:
    """An item's number or one-day marker: centre, marker radius, font size, extent."""

    radius: float
    angle: float
    marker: float | None
    size: float
    box: Box


@attrs.frozen
class Wheel:
    """Everything the drawing needs."""

    school_year: SchoolYear
    lang: Lang
    title: str
    group_name: str | None
    rings: tuple[Ring, ...]
    calendars: tuple[tuple[str, str, str, bool], ...]  # letter, name, note, drawn
    placed: tuple[Placed, ...]
    undated: tuple[tuple[str, tuple[tuple[str, ResolvedItem], ...]], ...]
    today: _dt.date | None
    dims: Dims
    font: float
    # The range drawn when it is not the whole school year (--from/--to).
    span: tuple[_dt.date, _dt.date] | None = None
    # The breaks of the group's school calendar in the range, clipped to it:
    # (id, name, first day, last day), in date order.
    breaks: tuple[tuple[str, str, _dt.date, _dt.date], ...] = ()

    def ring_of(self, placed: Placed) -> Ring:
        return self.rings[placed.ring]


def _ring_key(calendar: Calendar, by_group: bool) -> str:
    return calendar.owner if by_group else calendar.id


def _letters(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[index] if index < len(letters) else str(index + 1)


def school_year_of(context: ExportContext) -> SchoolYear:
    """The school year to draw: the context's, or the one its range lies in.

    A range (``--from``/``--to``) must lie within one school year: the wheel
    is a picture of one year, and the range is drawn as part of it (the rest
    of the year greyed out, the range named in the heading).
    """
    if context.end < context.start:
        raise ValueError(
            t(
                context.lang,
                f"aikaväli päättyy ennen alkuaan: {context.start}–{context.end}",
                f"the range ends before it starts: {context.start}–{context.end}",
            )
        )
    if context.school_year is not None:
        return context.school_year
    year = SchoolYear.containing(context.start)
    if context.end > year.end:
        raise ValueError(
            t(
                context.lang,
                f"vuosikello piirtää yhden lukuvuoden; aikaväli ylittää lukuvuoden {year} "
                f"(käytä --school-year)",
                f"the wheel draws one school year; the range goes beyond school year {year} "
                f"(use --school-year)",
            )
        )
    return year


def span_text(wheel: Wheel) -> str:
    """The school year, and the range drawn when it is not the whole year.

    ``2026–2027``, or ``2026–2027, 1.9.–1.10.2026`` for a ``--from``/``--to`` range.
    """
    text = str(wheel.school_year)
    if wheel.span is not None:
        text += ", " + format_span(*wheel.span, wheel.lang)
    return text


def details(occ: CalendarOccurrence, lang: Lang, parent: CalendarOccurrence | None) -> list[str]:
    """The lines of an occurrence's tooltip: title, dates and weeks, rule (and parent)."""
    title = occ.item.title
    if occ.follow_up:
        title = t(lang, "Tulokset: ", "Results: ") + title
    span = format_occurrence(occ, lang)
    lines = [title, f"{span} ({format_weeks(occ.start, occ.end, lang)})"]
    if parent is not None:
        lines.append(
            t(lang, "Seurantaa asialle: ", "Follow-up of: ")
            + f"{occ.item.title}, {format_occurrence(parent, lang)}"
        )
    lines.append(describe(occ.item.rule, lang))
    lines.append(f"{occ.calendar.name} · {KINDS[occ.item.kind][2 if lang == 'en' else 1]}")
    return lines


def _label_candidates(occ: CalendarOccurrence, lang: Lang, linked: bool) -> list[str]:
    """Labels to try, longest first; a bare "Tulokset" only where an arrow names the parent."""
    title = occ.item.title.strip()
    shorter = re.sub(r"\s*\([^()]*\)\s*$", "", title).strip()
    found = [title]
    if shorter and shorter != title:
        found.append(shorter)
    if occ.follow_up:
        prefix = t(lang, "Tulokset: ", "Results: ")
        found = [prefix + text for text in found]
        if linked:
            found.append(t(lang, "Tulokset", "Results"))
    return found


def _fit_label(p: Placed, inner: float, outer: float, font: float, lang: Lang) -> str | None:
    """The longest label candidate that fits along the arc on the lane ``inner``–``outer``.

    It fits when its glyphs stay on the lane and within the arc's own dates,
    half an em from either end; arcs on one lane never overlap, so labels
    that fit never run into each other.
    """
    if p.one_day:
        return None
    radius = (inner + outer) / 2
    baseline = label_baseline(radius, font, upright(p.arc.middle))
    pad = math.degrees(font / 2 / baseline)
    for candidate in _label_candidates(p.occ, lang, p.parent_id is not None):
        box = label_box(radius, p.arc.start, p.arc.end, candidate, font)
        if (
            box.lo >= p.arc.start + pad
            and box.hi <= p.arc.end - pad
            and box.inner >= inner
            and box.outer <= outer
        ):
            return candidate
    return None


def mark_of(p: Placed, ring: Ring, font: float, dims: Dims, number: int | None = None) -> Mark:
    """Where ``p``'s number (and, for a one-day item, its marker) is drawn.

    Centred on the lane at the middle of the arc, moved along it only where
    the footprint is cut short by the ends of the circle; ``box`` is the
    extent of the marker and the number's glyphs with a pixel to spare.
    """
    inner, outer = ring.lane_radii(p.lane)
    radius = (inner + outer) / 2
    text = str(number if number is not None else p.number or 0)
    marker: float | None = None
    if p.one_day:
        marker = max(4.0, min(dims.marker, (outer - inner) / 2 - 2 - MARKER_STROKE / 2))
        size = min(font, marker * 1.15)
        half_height = marker + MARKER_STROKE / 2
        half_width = max(half_height, text_width(text, size) / 2)
    else:
        size = font
        half_width = text_width(text, size) / 2
        half_height = DIGIT_HEIGHT * size / 2
    half_width, half_height = half_width + 1, half_height + 1
    angle = p.arc.middle
    box = number_box(radius, angle, half_width, half_height)
    if box.lo < p.footprint.lo:
        angle += p.footprint.lo - box.lo
    elif box.hi > p.footprint.hi:
        angle -= box.hi - p.footprint.hi
    if angle != p.arc.middle:
        box = number_box(radius, angle, half_width, half_height)
    return Mark(radius, angle, marker, size, box)


def _add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def _best_track_order(
    members: list[Placed], ring: Ring, font: float, lang: Lang, lanes: int, marker: float
) -> list[int]:
    """A new lane for each track (old lane) that lets the most labels fit.

    Hill-climbing over swaps of two tracks, from the stacking's own order
    (long items inside).  A swap is kept when it leaves fewer items cramped
    (too short near the hub to show a marker), else when more labels fit,
    else when it moves the items that stay numbers outwards.
    """
    radii = [sum(ring.lane_radii(lane)) / 2 for lane in range(lanes)]
    fits = [[0] * lanes for _ in range(lanes)]  # fits[track][lane]
    cramped = [[0] * lanes for _ in range(lanes)]
    sizes = [0] * lanes
    for p in members:
        sizes[p.lane] += 1
        sweep = math.radians(p.footprint.hi - p.footprint.lo)
        for lane in range(lanes):
            if _fit_label(p, *ring.lane_radii(lane), font, lang) is not None:
                fits[p.lane][lane] += 1
            if sweep * radii[lane] < 2 * min(marker, ring.thickness / 2) + 6:
                cramped[p.lane][lane] += 1

    def score(track: int, lane: int) -> tuple[int, int, int]:
        fit = fits[track][lane]
        return -cramped[track][lane], fit, lane * (sizes[track] - fit)

    order = list(range(lanes))  # order[track] = lane
    improved = True
    while improved:
        improved = False
        for a in range(lanes):
            for b in range(a + 1, lanes):
                now = _add(score(a, order[a]), score(b, order[b]))
                swapped = _add(score(a, order[b]), score(b, order[a]))
                if swapped > now:
                    order[a], order[b] = order[b], order[a]
                    improved = True
    return order


_ATTEMPTS = 8  # rounds of widening crowded footprints


def _place(
    occurrences: list[CalendarOccurrence],
    ring_of: list[int],
    parents: list[str | None],
    footprint_days: list[float],
    blank_rings: list[Ring],
    year: SchoolYear,
    dims: Dims,
    lang: Lang,
) -> tuple[list[Placed], list[Ring], float]:
    """Stack, size and label: the placed items, the rings with their radii, the font."""
    placed = [
        Placed(
            occ,
            ring,
            display_arc(occ.start, occ.end, year, min_days=dims.min_days),
            display_arc(occ.start, occ.end, year, min_days=max(days, dims.min_days)),
            parent_id=parent_id,
        )
        for occ, ring, parent_id, days in zip(
            occurrences, ring_of, parents, footprint_days, strict=True
        )
    ]
    lanes_per_ring: list[int] = []
    for ring in range(len(blank_rings)):
        members = [i for i, p in enumerate(placed) if p.ring == ring]
        lanes = assign_lanes([(placed[i].footprint.lo, placed[i].footprint.hi) for i in members])
        for i, lane in zip(members, lanes, strict=True):
            placed[i] = attrs.evolve(placed[i], lane=lane)
        lanes_per_ring.append(lane_count(lanes))

    # Radii: rings from the outside in, every lane the same thickness.
    total_lanes = sum(lanes_per_ring)
    room = (
        dims.rings_outer
        - dims.hub
        - len(blank_rings) * (dims.ring_band + dims.ring_gap)
        - dims.ring_gap
    )
    thickness = min(dims.max_lane, room / total_lanes) if total_lanes else dims.max_lane
    font = max(10.0, min(17.0, thickness * 0.46))
    rings: list[Ring] = []
    outer = dims.rings_outer
    for blank, count in zip(blank_rings, lanes_per_ring, strict=True):
        inner = outer - dims.ring_band - count * thickness
        rings.append(
            attrs.evolve(
                blank,
                inner=inner,
                outer=outer,
                lanes=count,
                thickness=thickness,
                band=dims.ring_band,
            )
        )
        outer = inner - dims.ring_gap

    # Lanes are independent tracks: reorder them within each ring so that as
    # many labels as possible fit (outer lanes have longer arcs).
    for index, drawn in enumerate(rings):
        members = [i for i, p in enumerate(placed) if p.ring == index]
        tracks = _best_track_order(
            [placed[i] for i in members], drawn, font, lang, drawn.lanes, dims.marker
        )
        for i in members:
            placed[i] = attrs.evolve(placed[i], lane=tracks[placed[i].lane])

    # Labels where they fit along the arc, numbers (and markers) elsewhere.
    number = 0
    order = sorted(range(len(placed)), key=lambda i: (placed[i].ring, placed[i].arc.start, i))
    for i in order:
        p = placed[i]
        on = rings[p.ring]
        label = _fit_label(p, *on.lane_radii(p.lane), font, lang)
        if label is None:
            number += 1
            placed[i] = attrs.evolve(p, number=number, mark=mark_of(p, on, font, dims, number))
        else:
            placed[i] = attrs.evolve(p, label=label)
    return placed, rings, font


def layout(context: ExportContext, *, dims: Dims | None = None) -> Wheel:
    """Place every occurrence of the context's school year on the wheel."""
    dims = dims or Dims()
    lang: Lang = "en" if context.lang == "en" else "fi"
    year = school_year_of(context)
    by_group = context.options.get("rings") == "group"
    organisation = context.organisation
    start = max(context.start, year.start)
    end = min(context.end, year.end)

    resolved = context.items()
    # Ring order: the calendars' order in the file (the group's own view).
    keys: list[str] = []
    names: dict[str, tuple[str, str]] = {}
    for r in resolved:
        key = _ring_key(r.calendar, by_group)
        if key not in names:
            keys.append(key)
            owner = organisation.group(r.calendar.owner).name
            names[key] = (owner, "") if by_group else (r.calendar.name, owner)
    occurrences = organisation.occurrences(start, end, context.group) if start <= end else []
    # Rings from the outside in: the ring whose items are shortest goes
    # outermost, where an arc of a few weeks is long enough for its label;
    # a tie keeps the order of the file.
    lengths: dict[str, list[int]] = {}
    for occ in occurrences:
        days = (min(occ.end, end) - max(occ.start, start)).days + 1
        lengths.setdefault(_ring_key(occ.calendar, by_group), []).append(days)
    ring_keys = sorted(
        (k for k in keys if k in lengths),
        key=lambda k: (statistics.median(lengths[k]), keys.index(k)),
    )
    letter_of = {k: _letters(i) for i, k in enumerate(keys)}
    ring_index = {k: i for i, k in enumerate(ring_keys)}

    # Arcs and footprints, then lanes ring by ring.  A number or marker
    # must fit within its item's footprint; where one does not (a short item
    # near the hub), the footprint is widened and the stacking done again.
    by_id = {o.id: o for o in occurrences}
    parents: list[str | None] = []
    for occ in occurrences:
        parent_id = None
        if occ.occurrence.parent is not None:
            parent_id = CalendarOccurrence(
                occ.organisation, occ.calendar, occ.item, occ.occurrence.parent
            ).id
        parents.append(parent_id if parent_id in by_id else None)
    footprint_days = [dims.footprint_days] * len(occurrences)
    for _attempt in range(_ATTEMPTS):
        placed, rings, font = _place(
            occurrences,
            [ring_index[_ring_key(occ.calendar, by_group)] for occ in occurrences],
            parents,
            footprint_days,
            [Ring(k, letter_of[k], *names[k]) for k in ring_keys],
            year,
            dims,
            lang,
        )
        crowded = False
        for i, p in enumerate(placed):
            if p.mark is None:
                continue
            box = p.mark.box
            if box.hi - box.lo > p.footprint.hi - p.footprint.lo + 1e-9:
                need = (box.hi - box.lo) / degrees_per_day(year) + 0.5
                footprint_days[i] = max(footprint_days[i] + 1, need)
                crowded = True
        if not crowded:
            break

    undated_sections: list[tuple[str, tuple[tuple[str, ResolvedItem], ...]]] = []
    for heading, wanted in (
        (t(lang, "Jokaisessa kokouksessa", "At every meeting"), Cadence.EVERY_MEETING),
        (t(lang, "Tarpeen mukaan", "As needed"), Cadence.AS_NEEDED),
    ):
        entries = tuple(
            (letter_of[_ring_key(r.calendar, by_group)], r)
            for r in resolved
            if r.item.rule.cadence is wanted
        )
        if entries:
            undated_sections.append((heading, entries))
    unscheduled = tuple(
        (letter_of[_ring_key(r.calendar, by_group)], r)
        for r in resolved
        if not r.item.rule.is_undated and not r.item.rule.is_scheduled
    )
    if unscheduled:
        undated_sections.append((t(lang, "Ajankohta avoinna", "Not scheduled"), unscheduled))

    breaks = (
        sorted(
            (brk.id, brk.name, max(occ.start, start), min(occ.end, end))
            for brk in organisation.school_calendar(context.group).breaks
            for occ in brk.rule.occurrences(start, end)
        )
        if start <= end
        else []
    )
    breaks.sort(key=lambda entry: (entry[2], entry[3], entry[0]))

    group_name = organisation.group(context.group).name if context.group else None
    return Wheel(
        school_year=year,
        lang=lang,
        title=organisation.name,
        group_name=group_name,
        rings=tuple(rings),
        calendars=tuple((letter_of[k], *names[k], k in ring_index) for k in keys),
        placed=tuple(placed),
        undated=tuple(undated_sections),
        today=context.today if context.today in year else None,
        dims=dims,
        font=font,
        span=None if (start, end) == (year.start, year.end) else (start, end),
        breaks=tuple(breaks),
    )
