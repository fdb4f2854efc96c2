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
from collections.abc import Callable, Mapping

import attrs

from opiskeluhuolto import SchoolYear, describe
from opiskeluhuolto.calendar import (
    Calendar,
    CalendarOccurrence,
    ItemKind,
    Organisation,
    ResolvedItem,
    calendar_letter,
)
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import (
    Lang,
    format_date,
    format_occurrence,
    format_span,
    format_weeks,
    language,
    pick,
)
from opiskeluhuolto.groups import GroupKind
from opiskeluhuolto.records import RecordStatus
from opiskeluhuolto_wheel import MAX_RINGS
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
    "KIND_COLOURS",
    "MAX_OCCURRENCES",
    "MAX_RINGS",
    "Box",
    "CalendarKey",
    "Dims",
    "ItemKey",
    "KindKey",
    "Legend",
    "Mark",
    "Placed",
    "Ring",
    "RingKey",
    "UndatedKey",
    "Wheel",
    "details",
    "label_baseline",
    "label_box",
    "layout",
    "legend_of",
    "mark_of",
    "max_rings_of",
    "number_box",
    "span_text",
    "text_width",
]

# Okabe–Ito: a palette that stays distinguishable with every common colour
# vision deficiency.  Colour is never the only carrier: every item has its
# title on the wheel or a number keyed to the legend, follow-ups are hatched
# and say "Tulokset", one-day items are round markers.
KIND_COLOURS: dict[ItemKind, str] = {
    ItemKind.SURVEY: "#0072B2",
    ItemKind.EVENT: "#E69F00",
    ItemKind.REVIEW: "#009E73",
    ItemKind.DRILL: "#D55E00",
    ItemKind.INFO: "#56B4E9",
    ItemKind.MEETING: "#CC79A7",
    ItemKind.CAMPAIGN: "#F0E442",
    ItemKind.PROJECT: "#999999",
    ItemKind.OTHER: "#BBBBBB",
}
"""The colour of each kind of item, in the legend's order (the words: :meth:`ItemKind.label`)."""


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
    # Why the rings combine calendars (more would not fit), for the legend;
    # None when each calendar (or owning group, with rings=group) has its own.
    grouping: str | None = None
    # The occurrences the records moved (drawn at their new days): id → as planned.
    moved: tuple[tuple[str, CalendarOccurrence], ...] = ()

    def ring_of(self, placed: Placed) -> Ring:
        return self.rings[placed.ring]


def school_year_of(context: ExportContext) -> SchoolYear:
    """The school year to draw: the context's, or the one its range lies in.

    A range (``--from``/``--to``) must lie within one school year: the wheel
    is a picture of one year, and the range is drawn as part of it (the rest
    of the year greyed out, the range named in the heading).
    """
    if context.end < context.start:
        raise ValueError(
            pick(
                context.lang,
                f"aikaväli päättyy ennen alkuaan: {context.start}–{context.end}",
                f"the range ends before it starts: {context.start}–{context.end}",
                f"tidsintervallet slutar innan det börjar: {context.start}–{context.end}",
            )
        )
    if context.school_year is not None:
        return context.school_year
    year = SchoolYear.containing(context.start)
    if context.end > year.end:
        raise ValueError(
            pick(
                context.lang,
                f"vuosikello piirtää yhden lukuvuoden; aikaväli ylittää lukuvuoden {year} "
                f"(käytä --school-year)",
                f"the wheel draws one school year; the range goes beyond school year {year} "
                f"(use --school-year)",
                f"hjulet ritar ett läsår; tidsintervallet går utöver läsåret {year} "
                f"(använd --school-year)",
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


def details(
    occ: CalendarOccurrence, lang: Lang, planned: CalendarOccurrence | None = None
) -> list[str]:
    """The lines of an occurrence's tooltip: title, dates and weeks, rule (and parent).

    ``planned``: the occurrence as planned, when the records moved it (a line
    "siirretty, alun perin …").
    """
    parent = occ.parent
    title = occ.item.title_in(lang)
    if occ.follow_up:
        title = pick(lang, "Tulokset: ", "Results: ", "Resultat: ") + title
    span = format_occurrence(occ, lang)
    lines = [title, f"{span} ({format_weeks(occ.start, occ.end, lang)})"]
    if planned is not None:
        moved = RecordStatus.MOVED.label(lang)
        was = format_occurrence(planned, lang)
        lines.append(
            pick(
                lang,
                f"{moved}, alun perin {was}",
                f"{moved}, originally {was}",
                f"{moved}, ursprungligen {was}",
            )
        )
    if parent is not None:
        lines.append(
            pick(lang, "Seurantaa asialle: ", "Follow-up of: ", "Uppföljning av: ")
            + f"{occ.item.title_in(lang)}, {format_occurrence(parent, lang)}"
        )
    lines.append(describe(occ.item.rule, lang))
    lines.append(f"{occ.calendar.name} · {occ.item.kind.label(lang)}")
    return lines


@attrs.frozen
class KindKey:
    """A kind of item in the legend's key: its colour and its word."""

    kind: ItemKind
    colour: str
    label: str


@attrs.frozen
class CalendarKey:
    """A calendar (or combined ring) in the legend: its letter and its line.

    The line is the name, the note in parentheses and, when nothing of it is
    on the wheel, " – ei päivättyjä asioita".
    """

    letter: str
    text: str


@attrs.frozen
class ItemKey:
    """An occurrence in the legend: its number (None where its label is on the wheel),
    its dates without the year and its tooltip lines (the first is its title)."""

    id: str
    number: int | None
    when: str
    details: tuple[str, ...]

    @property
    def title(self) -> str:
        return self.details[0]


@attrs.frozen
class RingKey:
    """A ring's occurrences in the legend, in the wheel's order, under ``A · name``."""

    heading: str
    items: tuple[ItemKey, ...]


@attrs.frozen
class UndatedKey:
    """A section of undated items: its heading and (ring letter, title) entries."""

    heading: str
    items: tuple[tuple[str, str], ...]


@attrs.frozen
class Legend:
    """What the legend says, in the wheel's language: the SVG panel and the HTML page
    only format it."""

    heading: str  # the picture's one-line name (the SVG's and the page's <title>)
    title: str
    subtitle: str
    group_name: str | None
    rings_heading: str
    grouping: str | None
    calendars: tuple[CalendarKey, ...]
    key_heading: str
    kinds: tuple[KindKey, ...]  # the kinds on the wheel, in the order of KIND_COLOURS
    results: str  # beside the hatched sample
    one_day: str  # beside the round marker
    notes: tuple[str, ...]  # below the key: the ISO weeks, the range, today
    key_text: str  # the key in one sentence, where no sample is drawn
    numbered_heading: str
    columns: tuple[str, str, str]  # number, when, item
    rings: tuple[RingKey, ...]
    undated: tuple[UndatedKey, ...]

    @property
    def numbered(self) -> tuple[RingKey, ...]:
        """The numbered occurrences by ring (rings with none left out), by number."""
        found = []
        for ring in self.rings:
            items = sorted((i for i in ring.items if i.number is not None), key=_number)
            if items:
                found.append(RingKey(ring.heading, tuple(items)))
        return tuple(found)


def _number(item: ItemKey) -> int:
    return item.number or 0


def legend_of(wheel: Wheel) -> Legend:
    """The legend of ``wheel``: the one place its texts are decided."""
    lang = wheel.lang
    heading = (
        pick(lang, "Vuosikello", "Annual calendar", "Årsklocka")
        + f" {span_text(wheel)} – {wheel.title}"
    )
    if wheel.group_name:
        heading += f" – {wheel.group_name}"
    calendars = []
    for letter, name, note, drawn in wheel.calendars:
        text = name + (f" ({note})" if note else "")
        if not drawn:
            text += pick(lang, " – ei päivättyjä asioita", " – nothing dated", " – inget daterat")
        calendars.append(CalendarKey(letter, text))
    used = {placed.occ.item.kind for placed in wheel.placed}
    notes = [
        pick(
            lang,
            "Reunan numerot ovat ISO-viikkoja.",
            "Numbers on the rim are ISO weeks.",
            "Siffrorna på kanten är ISO-veckor.",
        )
    ]
    if wheel.span is not None:
        notes.append(
            pick(
                lang,
                "Harmaa alue on aikavälin ulkopuolella.",
                "The grey part is outside the range.",
                "Det grå området ligger utanför tidsintervallet.",
            )
        )
    if wheel.today is not None:
        notes.append(
            pick(lang, "Katkoviiva: tämä päivä ", "Dashed line: today ", "Streckad linje: i dag ")
            + format_date(wheel.today, lang)
        )
    on_ring: list[list[ItemKey]] = [[] for _ in wheel.rings]
    moved = dict(wheel.moved)
    for placed in wheel.placed:
        on_ring[placed.ring].append(
            ItemKey(
                placed.id,
                placed.number,
                format_occurrence(placed.occ, lang, year=False, short=True),
                tuple(details(placed.occ, lang, moved.get(placed.id))),
            )
        )
    return Legend(
        heading=heading,
        title=wheel.title,
        subtitle=pick(
            lang, "Vuosikello, lukuvuosi ", "Annual calendar, school year ", "Årsklocka, läsåret "
        )
        + span_text(wheel),
        group_name=wheel.group_name,
        rings_heading=pick(
            lang, "Kehät ulkoa sisään", "Rings from the outside in", "Ringarna utifrån och in"
        ),
        grouping=wheel.grouping,
        calendars=tuple(calendars),
        key_heading=pick(lang, "Merkit", "Key", "Teckenförklaring"),
        kinds=tuple(
            KindKey(kind, colour, kind.label(lang))
            for kind, colour in KIND_COLOURS.items()
            if kind in used
        ),
        results=pick(
            lang,
            "tulokset (viivoitettu), nuoli kyselystä",
            "results (hatched), arrow from survey",
            "resultat (streckat), pil från enkäten",
        ),
        one_day=pick(lang, "yhden päivän asia", "one-day item", "endagspunkt"),
        notes=tuple(notes),
        key_text=pick(
            lang,
            "Viivoitettu, katkoviivareunainen kaari: tulokset; nuoli osoittaa kyselystä "
            "tuloksiin. Ympyrä: yhden päivän asia. Reunan numerot: ISO-viikot.",
            "Hatched arc with a dashed edge: results; the arrow points from the survey to "
            "its results. Circle: a one-day item. Numbers on the rim: ISO weeks.",
            "Streckad båge med streckad kant: resultat; pilen pekar från enkäten till "
            "resultaten. Cirkel: en endagspunkt. Siffrorna på kanten: ISO-veckor.",
        ),
        numbered_heading=pick(lang, "Numeroidut merkinnät", "Numbered items", "Numrerade punkter"),
        columns=(
            pick(lang, "nro", "no.", "nr"),
            pick(lang, "ajankohta", "when", "tidpunkt"),
            pick(lang, "asia", "item", "punkt"),
        ),
        rings=tuple(
            RingKey(f"{ring.letter} · {ring.name}", tuple(items))
            for ring, items in zip(wheel.rings, on_ring, strict=True)
        ),
        undated=tuple(
            UndatedKey(heading, tuple((letter, r.item.title_in(lang)) for letter, r in entries))
            for heading, entries in wheel.undated
        ),
    )


def _label_candidates(occ: CalendarOccurrence, lang: Lang, linked: bool) -> list[str]:
    """Labels to try, longest first; a bare "Tulokset" only where an arrow names the parent."""
    title = occ.item.title_in(lang).strip()
    shorter = re.sub(r"\s*\([^()]*\)\s*$", "", title).strip()
    found = [title]
    if shorter and shorter != title:
        found.append(shorter)
    if occ.follow_up:
        prefix = pick(lang, "Tulokset: ", "Results: ", "Resultat: ")
        found = [prefix + text for text in found]
        if linked:
            found.append(pick(lang, "Tulokset", "Results", "Resultat"))
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


def _fits_across(inner: float, outer: float, font: float, up: bool) -> bool:
    """Whether a label's glyphs stay within the lane ``inner``–``outer`` radially.

    The same arithmetic as :func:`label_box` and :func:`_fit_label`: the radial
    extent of a label does not depend on its text.
    """
    radius = (inner + outer) / 2
    baseline = label_baseline(radius, font, up)
    if up:
        low, high = baseline - DESCENT * font, baseline + ASCENT * font
    else:
        low, high = baseline - ASCENT * font, baseline + DESCENT * font
    return low >= inner and high <= outer


def _along(
    p: Placed, candidates: list[tuple[str, float]], radius: float, font: float
) -> str | None:
    """The first candidate whose glyphs stay within ``p``'s dates, half an em from either end.

    The angular half of :func:`_fit_label`, with its arithmetic (a
    candidate's width in em is measured once): the further out the lane, the
    longer the arc, so a label that fits on one lane fits on every lane
    outside it.
    """
    start, end = p.arc.start, p.arc.end
    middle = (start + end) / 2
    baseline = label_baseline(radius, font, upright(middle))
    pad = math.degrees(font / 2 / baseline)
    for text, ems in candidates:
        half = math.degrees(ems * font * _PAD / 2 / baseline)
        if middle - half >= start + pad and middle + half <= end - pad:
            return text
    return None


def _fit(
    p: Placed, candidates: list[tuple[str, float]], inner: float, outer: float, font: float
) -> str | None:
    """:func:`_fit_label` with the candidates measured beforehand (none for a one-day item)."""
    if not candidates or not _fits_across(inner, outer, font, upright(p.arc.middle)):
        return None
    return _along(p, candidates, (inner + outer) / 2, font)


def _measured(p: Placed, lang: Lang) -> list[tuple[str, float]]:
    """``p``'s label candidates with their widths in em (none for a one-day item)."""
    if p.one_day:
        return []
    return [
        (text, sum(_WIDTHS_EM.get(ch, _UNKNOWN_EM) for ch in text))
        for text in _label_candidates(p.occ, lang, p.parent_id is not None)
    ]


def _first_uncramped(radii: list[float], sweep: float, limit: float) -> int:
    """The first lane (from the hub out) where an arc of ``sweep`` has room for a marker.

    ``len(radii)`` when there is none; the lanes further out have room too.
    """
    lo, hi = 0, len(radii)
    while lo < hi:
        middle = (lo + hi) // 2
        if not sweep * radii[middle] < limit:
            hi = middle
        else:
            lo = middle + 1
    return lo


def _first_fit(
    p: Placed, measured: list[tuple[str, float]], radii: list[float], font: float
) -> int:
    """The first lane (from the hub out) where a label of ``p`` fits along its arc.

    ``len(radii)`` when there is none; the lanes further out fit it too.
    """
    lo, hi = 0, len(radii)
    while lo < hi:
        middle = (lo + hi) // 2
        if _along(p, measured, radii[middle], font) is not None:
            hi = middle
        else:
            lo = middle + 1
    return lo


# Above this many lanes in one ring the tracks are ordered by a sort, not by
# hill-climbing over swaps (quadratic in the lanes).  So many lanes leave
# each at most 532 / 64 ≈ 8 px, and no label fits on a lane under 11.7 px
# (1.17 em of the smallest font), so the sort loses no label.
_MAX_CLIMB = 64


def _best_track_order(
    members: list[Placed],
    tracks: list[int],
    candidates: list[list[tuple[str, float]]],
    ring: Ring,
    font: float,
    lanes: int,
    marker: float,
) -> list[int]:
    """A new lane for each track (old lane) that lets the most labels fit.

    Hill-climbing over swaps of two tracks, from the stacking's own order
    (long items inside).  A swap is kept when it leaves fewer items cramped
    (too short near the hub to show a marker), else when more labels fit,
    else when it moves the items that stay numbers outwards.

    An item's label fits on every lane from some lane outwards (a lane
    further out has a longer arc, and a label's radial extent is the same on
    every lane), and it is cramped on every lane inside some lane: each
    item's two thresholds are found by bisection, and a track's counts per
    lane are running sums of them.  So the cost is ``n log(lanes)`` label
    fits and ``lanes²`` counts, not ``n · lanes`` label fits.
    """
    radii = [sum(ring.lane_radii(lane)) / 2 for lane in range(lanes)]
    limit = 2 * min(marker, ring.thickness / 2) + 6
    sizes = [0] * lanes
    # first_uncramped[track][k]: the items of the track not cramped from lane k out.
    uncramped_from = [[0] * (lanes + 1) for _ in range(lanes)]
    fit_from = {up: [[0] * (lanes + 1) for _ in range(lanes)] for up in (True, False)}
    for p, track, measured in zip(members, tracks, candidates, strict=True):
        sizes[track] += 1
        sweep = math.radians(p.footprint.hi - p.footprint.lo)
        uncramped_from[track][_first_uncramped(radii, sweep, limit)] += 1
        if lanes <= _MAX_CLIMB and measured:
            fit_from[upright(p.arc.middle)][track][_first_fit(p, measured, radii, font)] += 1

    if lanes > _MAX_CLIMB:
        # Tracks whose items need lanes further out (to show their markers),
        # then the fuller tracks, go outwards.
        need = [sum(k * n for k, n in enumerate(counts)) for counts in uncramped_from]
        ranked = sorted(range(lanes), key=lambda track: (need[track], sizes[track], track))
        order = [0] * lanes
        for lane, track in enumerate(ranked):
            order[track] = lane
        return order

    across = {
        up: [_fits_across(*ring.lane_radii(lane), font, up) for lane in range(lanes)]
        for up in (True, False)
    }
    scores: list[list[tuple[int, int, int]]] = []  # scores[track][lane]
    for track in range(lanes):
        row: list[tuple[int, int, int]] = []
        fits_up = fits_down = uncramped = 0
        for lane in range(lanes):
            fits_up += fit_from[True][track][lane]
            fits_down += fit_from[False][track][lane]
            uncramped += uncramped_from[track][lane]
            fit = (fits_up if across[True][lane] else 0) + (fits_down if across[False][lane] else 0)
            row.append((-(sizes[track] - uncramped), fit, lane * (sizes[track] - fit)))
        scores.append(row)

    order = list(range(lanes))  # order[track] = lane
    improved = True
    while improved:
        improved = False
        for a in range(lanes):
            score_a = scores[a]
            for b in range(a + 1, lanes):
                score_b = scores[b]
                now = _add(score_a[order[a]], score_b[order[b]])
                swapped = _add(score_a[order[b]], score_b[order[a]])
                if swapped > now:
                    order[a], order[b] = order[b], order[a]
                    improved = True
    return order


_ATTEMPTS = 8  # rounds of widening crowded footprints


class _Stacking:
    """The lanes of every ring, kept across the rounds of widening footprints.

    A ring is stacked again only when a footprint on it has changed, and its
    tracks are ordered again only when it has been stacked again or its
    radii or the font have changed.
    """

    def __init__(self, base: list[Placed], rings: int, lang: Lang) -> None:
        self.members: list[list[int]] = [[] for _ in range(rings)]
        for i, p in enumerate(base):
            self.members[p.ring].append(i)
        self.candidates = [_measured(p, lang) for p in base]
        self.tracks = [0] * len(base)  # the lane from the stacking
        self.lanes = [0] * rings
        self.stale = set(range(rings))
        self.orders: list[tuple[tuple[float, float, float], list[int]] | None] = [None] * rings

    def restack(self, base: list[Placed], ring: int) -> None:
        members = self.members[ring]
        lanes = assign_lanes([(base[i].footprint.lo, base[i].footprint.hi) for i in members])
        for i, lane in zip(members, lanes, strict=True):
            self.tracks[i] = lane
        self.lanes[ring] = lane_count(lanes)
        self.orders[ring] = None

    def order(
        self, base: list[Placed], index: int, ring: Ring, font: float, marker: float
    ) -> list[int]:
        key = (ring.inner, ring.thickness, font)
        cached = self.orders[index]
        if cached is not None and cached[0] == key:
            return cached[1]
        members = self.members[index]
        order = _best_track_order(
            [base[i] for i in members],
            [self.tracks[i] for i in members],
            [self.candidates[i] for i in members],
            ring,
            font,
            ring.lanes,
            marker,
        )
        self.orders[index] = (key, order)
        return order


def _place(
    base: list[Placed], stacking: _Stacking, blank_rings: list[Ring], dims: Dims
) -> tuple[list[Placed], list[Ring], float]:
    """Stack, size and label: the placed items, the rings with their radii, the font.

    ``base`` holds every occurrence with its ring, arc and footprint.
    """
    for ring in sorted(stacking.stale):
        stacking.restack(base, ring)
    stacking.stale.clear()
    lanes_per_ring = stacking.lanes

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
    lane_of = [0] * len(base)
    for index, drawn in enumerate(rings):
        tracks = stacking.order(base, index, drawn, font, dims.marker)
        for i in stacking.members[index]:
            lane_of[i] = tracks[stacking.tracks[i]]

    # Labels where they fit along the arc, numbers (and markers) elsewhere.
    placed = list(base)
    number = 0
    order = sorted(range(len(base)), key=lambda i: (base[i].ring, base[i].arc.start, i))
    for i in order:
        b = base[i]
        on = rings[b.ring]
        lane = lane_of[i]
        label = _fit(b, stacking.candidates[i], *on.lane_radii(lane), font)
        if label is None:
            number += 1
            p = Placed(b.occ, b.ring, b.arc, b.footprint, lane, None, number, b.parent_id)
            placed[i] = Placed(
                b.occ,
                b.ring,
                b.arc,
                b.footprint,
                lane,
                None,
                number,
                b.parent_id,
                mark_of(p, on, font, dims, number),
            )
        else:
            placed[i] = Placed(b.occ, b.ring, b.arc, b.footprint, lane, label, None, b.parent_id)
    return placed, rings, font


_KIND_NAMES: dict[GroupKind, tuple[str, str, str]] = {
    GroupKind.REGIONAL: ("Alueelliset ryhmät", "Regional groups", "Regionala grupper"),
    GroupKind.STEERING: ("Ohjausryhmät", "Steering groups", "Styrgrupper"),
    GroupKind.ORGANISATION: (
        "Oppilaitoksen ryhmät",
        "Organisation-wide groups",
        "Läroanstaltens grupper",
    ),
    GroupKind.CAMPUS: ("Kampusten ryhmät", "Campus groups", "Campusgrupper"),
    GroupKind.UNIT: ("Yksiköiden ryhmät", "Unit groups", "Enheternas grupper"),
    GroupKind.STUDENT_BODY: ("Opiskelijakunnat", "Student bodies", "Studerandekårer"),
    GroupKind.SAFETY: ("Turvallisuusryhmät", "Safety groups", "Säkerhetsgrupper"),
    GroupKind.DEVELOPMENT: ("Kehittämisryhmät", "Development groups", "Utvecklingsgrupper"),
    GroupKind.OTHER: ("Muut ryhmät", "Other groups", "Övriga grupper"),
}


MAX_OCCURRENCES = 20_000
"""The most occurrences one wheel draws (20,000: about 6 s and 220 MiB; Sedu's year has
about 200).  More is refused with exit status 2, naming ``--group``."""


def max_rings_of(options: Mapping[str, object]) -> int:
    """The ``max_rings`` option (checked by the host against the exporter's declaration)."""
    value = options.get("max_rings")
    return value if isinstance(value, int) else MAX_RINGS


# A way of putting calendars on rings: what it is called in the sentence of
# the legend ("" for the one asked for), and each calendar's ring key.
_Grouping = tuple[str, Callable[[Calendar], str]]


def _groupings(organisation: Organisation, by_group: bool, lang: Lang) -> list[_Grouping]:
    """The ways to put calendars on rings, from the finest to a single ring.

    One ring per calendar (unless ``rings=group``), per owning group, per
    group at each level of the hierarchy from the deepest up (a group with
    the groups below it), per kind of owning group, and one ring for all.
    """
    hierarchy = organisation.hierarchy
    paths = {group.id: hierarchy.path(group.id) for group in hierarchy}
    depth = max((len(path) for path in paths.values()), default=1)
    found: list[_Grouping] = []
    if not by_group:
        found.append(("", lambda calendar: calendar.id))
    found.append(
        (
            ""
            if by_group
            else pick(
                lang,
                "kehille omistajaryhmittäin",
                "into a ring per owning group",
                "till ringar per ägande grupp",
            ),
            lambda calendar: calendar.owner,
        )
    )

    def at_level(level: int) -> Callable[[Calendar], str]:
        def key(calendar: Calendar) -> str:
            path = paths[calendar.owner]
            return path[min(level, len(path) - 1)].id

        return key

    for level in range(depth - 2, -1, -1):
        found.append(
            (
                pick(
                    lang,
                    f"kehille ryhmittäin: kukin ryhmähierarkian {level + 1}. tason ryhmä "
                    f"alaryhmineen",
                    f"into a ring per group at level {level + 1} of the hierarchy, with the "
                    f"groups below it",
                    f"till ringar per grupp på nivå {level + 1} i hierarkin, med grupperna "
                    f"under den",
                ),
                at_level(level),
            )
        )
    found.append(
        (
            pick(
                lang,
                "kehille omistajaryhmän lajin mukaan",
                "into a ring per kind of owning group",
                "till ringar efter den ägande gruppens typ",
            ),
            lambda calendar: "kind:" + hierarchy.get(calendar.owner).kind.value,
        )
    )
    found.append(
        (pick(lang, "yhdelle kehälle", "into one ring", "till en ring"), lambda calendar: "*")
    )
    return found


def _ring_names(
    organisation: Organisation, key: str, calendars: list[Calendar], lang: Lang
) -> tuple[str, str]:
    """The name and the note of a ring that combines ``calendars`` (its key is ``key``)."""
    if key == "*":
        name = pick(lang, "Kaikki vuosikellot", "All calendars", "Alla årsklockor")
    elif key.startswith("kind:"):
        name = pick(lang, *_KIND_NAMES[GroupKind(key.removeprefix("kind:"))])
    else:
        name = organisation.group(key).name
    titles = ", ".join(calendar.name for calendar in calendars)
    return name, pick(lang, "vuosikellot: ", "calendars: ", "årsklockor: ") + titles


def layout(context: ExportContext, *, dims: Dims | None = None) -> Wheel:
    """Place every occurrence of the context's school year on the wheel."""
    dims = dims or Dims()
    lang: Lang = language(context.lang)
    year = school_year_of(context)
    by_group = context.options.get("rings") == "group"
    max_rings = max_rings_of(context.options)
    organisation = context.organisation
    start = max(context.start, year.start)
    end = min(context.end, year.end)

    resolved = context.items()
    # With records: a moved occurrence at its new days, a cancelled one left out.
    tracked = (
        attrs.evolve(context, start=start, end=end).tracked_occurrences() if start <= end else []
    )
    occurrences = [t.occurrence for t in tracked if not t.cancelled]
    moved = tuple((t.id, t.planned) for t in tracked if t.moved and not t.cancelled)
    if len(occurrences) > MAX_OCCURRENCES:
        # Past this a lane is under a pixel and memory grows by the gigabyte:
        # a picture nobody can read.  Say so instead of drawing it.
        separator = "," if lang == "en" else " "  # 20,000; 20 000
        count = f"{len(occurrences):,}".replace(",", separator)
        most = f"{MAX_OCCURRENCES:,}".replace(",", separator)
        raise ValueError(
            pick(
                lang,
                f"vuosikelloon tulisi {count} esiintymää; enintään {most} mahtuu: "
                "piirrä yhden ryhmän vuosikello (--group ID)",
                f"the wheel would hold {count} occurrences; at most {most} fit: "
                "draw one group's wheel (--group ID)",
                f"hjulet skulle rymma {count} förekomster; högst {most} ryms: "
                "rita en grupps hjul (--group ID)",
            )
        )
    # The calendars in the file's order (the group's own view), and which
    # of them have something on the wheel.
    calendars: dict[str, Calendar] = {}
    for r in resolved:
        calendars.setdefault(r.calendar.id, r.calendar)
    with_dates = {occ.calendar.id for occ in occurrences}
    dated = [c for c in calendars.values() if c.id in with_dates]
    # The finest way of putting them on rings that needs at most max_rings
    # rings (one ring for all always does).
    groupings = _groupings(organisation, by_group, lang)
    asked = len({groupings[0][1](c) for c in dated})
    how, key_of = next(
        (how, key_of) for how, key_of in groupings if len({key_of(c) for c in dated}) <= max_rings
    )
    grouped = how != ""
    keys: list[str] = []
    names: dict[str, tuple[str, str]] = {}
    members: dict[str, list[Calendar]] = {}
    for calendar in calendars.values():
        key = key_of(calendar)
        if key not in names:
            keys.append(key)
            owner = organisation.group(calendar.owner).name
            names[key] = (owner, "") if by_group else (calendar.name, owner)
        members.setdefault(key, []).append(calendar)
    if grouped:
        names = {key: _ring_names(organisation, key, members[key], lang) for key in keys}
    # Rings from the outside in: the ring whose items are shortest goes
    # outermost, where an arc of a few weeks is long enough for its label;
    # a tie keeps the order of the file.
    lengths: dict[str, list[int]] = {}
    for occ in occurrences:
        days = (min(occ.end, end) - max(occ.start, start)).days + 1
        lengths.setdefault(key_of(occ.calendar), []).append(days)
    position = {k: i for i, k in enumerate(keys)}
    ring_keys = sorted(
        (k for k in keys if k in lengths),
        key=lambda k: (statistics.median(lengths[k]), position[k]),
    )
    letter_of = {k: calendar_letter(i) for i, k in enumerate(keys)}  # one letter per ring key
    ring_index = {k: i for i, k in enumerate(ring_keys)}

    # Arcs and footprints, then lanes ring by ring.  A number or marker
    # must fit within its item's footprint; where one does not (a short item
    # near the hub), the footprint is widened and the stacking done again.
    by_id = {o.id: o for o in occurrences}
    base: list[Placed] = []
    for occ in occurrences:
        parent = occ.parent
        parent_id = None if parent is None else parent.id
        arc = display_arc(occ.start, occ.end, year, min_days=dims.min_days)
        footprint = display_arc(
            occ.start, occ.end, year, min_days=max(dims.footprint_days, dims.min_days)
        )
        base.append(
            Placed(
                occ,
                ring_index[key_of(occ.calendar)],
                arc,
                footprint,
                parent_id=parent_id if parent_id in by_id else None,
            )
        )
    blank_rings = [Ring(k, letter_of[k], *names[k]) for k in ring_keys]
    stacking = _Stacking(base, len(blank_rings), lang)
    footprint_days = [dims.footprint_days] * len(occurrences)
    per_day = degrees_per_day(year)
    for _attempt in range(_ATTEMPTS):
        placed, rings, font = _place(base, stacking, blank_rings, dims)
        crowded = False
        for i, p in enumerate(placed):
            if p.mark is None:
                continue
            box = p.mark.box
            if box.hi - box.lo > p.footprint.hi - p.footprint.lo + 1e-9:
                need = (box.hi - box.lo) / per_day + 0.5
                footprint_days[i] = max(footprint_days[i] + 1, need)
                occ = p.occ
                base[i] = attrs.evolve(
                    base[i],
                    footprint=display_arc(
                        occ.start, occ.end, year, min_days=max(footprint_days[i], dims.min_days)
                    ),
                )
                stacking.stale.add(p.ring)
                crowded = True
        if not crowded:
            break

    # The sections and their headings are the core's (show and agendas use them too).
    undated_sections = [
        (
            section.heading(lang),
            tuple((letter_of[key_of(r.calendar)], r) for r in section.items),
        )
        for section in organisation.undated_sections(context.group)
    ]

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
        grouping=(
            pick(
                lang,
                f"Kehiä olisi {asked}, mutta enintään {max_rings} mahtuu: vuosikellot on "
                f"koottu {how}.",
                f"{asked} rings would not fit (at most {max_rings}): the calendars are "
                f"combined {how}.",
                f"{asked} ringar ryms inte (högst {max_rings}): årsklockorna är sammanförda {how}.",
            )
            if grouped
            else None
        ),
        moved=moved,
    )
