"""Pure geometry of the vuosikello wheel: dates to angles, sectors, lanes.

Angles are degrees clockwise from 12 o'clock.  The school year
(1.8.–31.7.) is the full circle: 1 August starts at 0°, and each day takes
``360 / days_in_school_year`` degrees, so months are sectors sized by their
days.  A day ``d`` covers ``[angle_of(d), angle_of(d + 1 day))``, and an
all-day span ``[start, end]`` (both inclusive) covers
``[angle_of(start), angle_of(end + 1 day))``.

No drawing and no I/O here: the renderer turns these numbers into SVG, and the
tests check them as properties.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import math
from collections.abc import Sequence

import attrs

from opiskeluhuolto.recurrence import SchoolYear

__all__ = [
    "FULL_CIRCLE",
    "Arc",
    "Sector",
    "WeekTick",
    "angle_of",
    "annular_sector_path",
    "arc_path",
    "assign_lanes",
    "days_in",
    "degrees_per_day",
    "display_arc",
    "lane_count",
    "polar",
    "sectors",
    "upright",
    "week_ticks",
]

FULL_CIRCLE = 360.0
_ONE_DAY = _dt.timedelta(days=1)


def days_in(school_year: SchoolYear) -> int:
    """Days in a school year: 365, or 366 when it contains 29 February."""
    return (school_year.end - school_year.start).days + 1


def degrees_per_day(school_year: SchoolYear) -> float:
    return FULL_CIRCLE / days_in(school_year)


def angle_of(day: _dt.date, school_year: SchoolYear) -> float:
    """The angle where ``day`` begins: 0° for 1 August, 360° for the day after 31 July.

    Days outside the school year are clamped to the circle (0° or 360°).
    """
    offset = (day - school_year.start).days
    offset = max(0, min(offset, days_in(school_year)))
    return offset * degrees_per_day(school_year)


@attrs.frozen
class Sector:
    """A month's sector: ``month`` (1–12), its first day and its angles."""

    month: int
    year: int
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2

    @property
    def sweep(self) -> float:
        return self.end - self.start


def sectors(school_year: SchoolYear) -> list[Sector]:
    """The 12 month sectors, August first, sized by their days; they tile 0°–360°."""
    found: list[Sector] = []
    year, month = school_year.first_year, 8
    for _ in range(12):
        first = _dt.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        after = _dt.date(year, month, 1)
        found.append(
            Sector(
                first.month, first.year, angle_of(first, school_year), angle_of(after, school_year)
            )
        )
    return found


@attrs.frozen
class WeekTick:
    """An ISO week on the rim: the angle of its Monday (clamped) and of its middle."""

    week: int
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


def week_ticks(school_year: SchoolYear) -> list[WeekTick]:
    """Every ISO week that has days in the school year, clipped to it, in order."""
    ticks: list[WeekTick] = []
    monday = school_year.start - _dt.timedelta(days=school_year.start.weekday())
    while monday <= school_year.end:
        start = angle_of(max(monday, school_year.start), school_year)
        end = angle_of(min(monday + _dt.timedelta(days=7), school_year.end + _ONE_DAY), school_year)
        ticks.append(WeekTick(monday.isocalendar().week, start, end))
        monday += _dt.timedelta(days=7)
    return ticks


@attrs.frozen
class Arc:
    """An occurrence on the circle.

    ``start``/``end`` are the true angles of the (clipped) span; ``lo``/``hi``
    the angles it is drawn with – widened, centred, to at least ``min_days``
    for very short items – and the footprint used for stacking.
    ``clipped_start``/``clipped_end`` say the span continues outside the school year.
    """

    start: float
    end: float
    lo: float
    hi: float
    clipped_start: bool = False
    clipped_end: bool = False

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2

    @property
    def widened(self) -> bool:
        return (self.lo, self.hi) != (self.start, self.end)


def display_arc(
    start: _dt.date, end: _dt.date, school_year: SchoolYear, *, min_days: float = 1.5
) -> Arc:
    """The arc of the all-day span ``[start, end]`` in ``school_year``.

    The span is clipped to the school year.  If it covers fewer than
    ``min_days`` days, the drawn interval ``[lo, hi]`` is widened to
    ``min_days`` around its centre and then shifted to stay within 0°–360°.
    """
    if end < start:
        raise ValueError(f"span ends before it starts: {start}–{end}")
    if end < school_year.start or start > school_year.end:
        raise ValueError(f"span {start}–{end} is outside school year {school_year}")
    a = angle_of(max(start, school_year.start), school_year)
    b = angle_of(min(end, school_year.end) + _ONE_DAY, school_year)
    width = min_days * degrees_per_day(school_year)
    lo, hi = a, b
    # Widen only a span really shorter than min_days: b - a of a span exactly
    # min_days long can come out a rounding error short of width.
    if b - a < width - 1e-9:
        centre = (a + b) / 2
        lo, hi = centre - width / 2, centre + width / 2
        if lo < 0:
            lo, hi = 0.0, width
        elif hi > FULL_CIRCLE:
            lo, hi = FULL_CIRCLE - width, FULL_CIRCLE
    return Arc(a, b, lo, hi, start < school_year.start, end > school_year.end)


def assign_lanes(intervals: Sequence[tuple[float, float]], gap: float = 0.0) -> list[int]:
    """Stack half-open intervals ``[lo, hi)`` into lanes so none overlap within a lane.

    Interval partitioning: take the intervals by start (the longer first on a
    tie) and put each into the lowest-numbered lane that is free, i.e. whose
    last interval ended at least ``gap`` before this one starts.  This uses
    the fewest lanes possible (the largest number of intervals, widened by
    ``gap``, that share a point).  Returns the lane of each interval, in the
    order given.
    """
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], -intervals[i][1], i))
    lanes = [0] * len(intervals)
    busy: list[tuple[float, int]] = []  # (free from, lane) of lanes in use
    free: list[int] = []  # lanes that are free now, as a heap
    opened = 0
    for index in order:
        lo, hi = intervals[index]
        while busy and busy[0][0] <= lo:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane = opened
            opened += 1
        lanes[index] = lane
        heapq.heappush(busy, (hi + gap, lane))
    return lanes


def lane_count(lanes: Sequence[int]) -> int:
    return max(lanes, default=-1) + 1


# ---------------------------------------------------------------------------
# Polar coordinates and SVG path data (numbers only)
# ---------------------------------------------------------------------------


def upright(angle: float) -> bool:
    """Whether text along the circle at ``angle`` reads left to right when drawn clockwise.

    On the upper half it does (glyphs point outwards); on the lower half the
    drawing runs the text counter-clockwise instead (glyphs point inwards).
    """
    angle %= FULL_CIRCLE
    return angle <= 90 or angle >= 270


def polar(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    """The point at ``radius`` and ``angle`` (degrees clockwise from 12 o'clock)."""
    theta = math.radians(angle)
    return cx + radius * math.sin(theta), cy - radius * math.cos(theta)


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def arc_path(
    cx: float, cy: float, radius: float, start: float, end: float, *, reverse: bool = False
) -> str:
    """Path data of a circular arc from ``start`` to ``end`` (clockwise).

    ``reverse`` draws it from ``end`` back to ``start`` (counter-clockwise),
    which keeps text on the lower half of the wheel upright.
    """
    sweep = end - start
    if sweep >= FULL_CIRCLE:
        end = start + FULL_CIRCLE - 0.01
        sweep = end - start
    large = 1 if sweep > 180 else 0
    a, b = (end, start) if reverse else (start, end)
    x0, y0 = polar(cx, cy, radius, a)
    x1, y1 = polar(cx, cy, radius, b)
    r = _n(radius)
    return f"M{_n(x0)},{_n(y0)} A{r},{r} 0 {large} {0 if reverse else 1} {_n(x1)},{_n(y1)}"


def annular_sector_path(
    cx: float, cy: float, inner: float, outer: float, start: float, end: float
) -> str:
    """Path data of the ring segment between two radii and two angles."""
    sweep = end - start
    if sweep >= FULL_CIRCLE:
        end = start + FULL_CIRCLE - 0.01
        sweep = end - start
    large = 1 if sweep > 180 else 0
    ox0, oy0 = polar(cx, cy, outer, start)
    ox1, oy1 = polar(cx, cy, outer, end)
    ix1, iy1 = polar(cx, cy, inner, end)
    ix0, iy0 = polar(cx, cy, inner, start)
    ro, ri = _n(outer), _n(inner)
    return (
        f"M{_n(ox0)},{_n(oy0)} A{ro},{ro} 0 {large} 1 {_n(ox1)},{_n(oy1)} "
        f"L{_n(ix1)},{_n(iy1)} A{ri},{ri} 0 {large} 0 {_n(ix0)},{_n(iy0)} Z"
    )
