"""Wheel benchmarks: how the wheel's render time grows with items, calendars and groups.

Run:  python benchmarks/bench_wheel.py [--repeat N] [--quick]

Synthetic organisations built in code (``Organisation``, ``Calendar``,
``Item``, ``Group`` and ``parse_rule`` of the public API), school year
2026–2027, rendered as ``opiskeluhuolto export wheel`` renders them
(``WheelExporter().render`` of an ``ExportContext``: layout and SVG):

(a) items: 10 calendars (each of its own group) with 200, 2,000 and 20,000
    items in all;
(b) calendars: 10, 100 and 1,000 calendars of 20 items each, owned by units
    in campuses of ten units under one organisation (more than 12 rings are
    combined: 100 calendars into a ring per campus, 1,000 into one);
(c) groups: the same with ``rings=group`` (10, 100 and 1,000 owning groups).

The items are one-day dates, spans of 3–21 days and weeks spread over the
year, of every kind, with a tenth of them surveys with results (follow-ups
and their arrows).  The time is the best of ``--repeat`` runs (one run for a
size that takes over 2 s); the layout alone is timed too.

The growth exponent of a series is the slope of log(time) against
log(items), least squares over its sizes and between its two largest.
Goal: ≤ 1.1 for every series.

This is a report, not a test: it always exits 0 and says "goal met" or
"goal missed" for each series.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import time
from collections.abc import Callable

# The timing and the table's formats are bench_recurrence's (run as a script,
# this folder is on sys.path).
from bench_recurrence import best, fmt, verdict
from opiskeluhuolto_wheel import WheelExporter
from opiskeluhuolto_wheel.layout import layout

from opiskeluhuolto import SchoolYear, parse_rule
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.groups import Group, GroupKind, Hierarchy
from opiskeluhuolto.recurrence import Rule

GOAL = 1.1
YEAR = SchoolYear(2026)
KINDS = list(ItemKind)
TITLES = ["Hyvinvointikysely", "Teemaviikko", "Vanhempainilta", "Poistumisharjoitus", "Katsaus"]
_RULES: dict[int, Rule] = {}


def rule(n: int) -> Rule:
    """The ``n``-th item's rule: a day, a span of 3–21 days or a week, spread over the year."""
    key = n % 730
    if key not in _RULES:
        first = YEAR.start + dt.timedelta(days=(key * 37) % 365)
        shape = key % 6
        if shape == 5:
            week = first.isocalendar().week
            phrase = f"viikolla {week}, tulokset kahden viikon kuluttua" if key % 10 == 5 else ""
            phrase = phrase or f"viikolla {week}"
        else:
            last = min(first + dt.timedelta(days=(0, 2, 6, 13, 20)[shape]), YEAR.end)
            if last.year != first.year:
                last = dt.date(first.year, 12, 31)
            phrase = f"{first.day}.{first.month}."
            if last != first:
                phrase += f"–{last.day}.{last.month}."
        try:
            _RULES[key] = parse_rule(phrase)
        except ValueError:
            _RULES[key] = parse_rule(f"viikolla {first.isocalendar().week}")
    return _RULES[key]


def organisation(calendars: int, items: int) -> Organisation:
    """``calendars`` calendars with ``items`` items in all, each owned by a unit of its own.

    The units are in campuses of ten under one organisation-wide group.
    """
    campuses = max(1, math.ceil(calendars / 10))
    groups = [Group("oppilaitos", "Oppilaitos", kind=GroupKind.ORGANISATION)]
    groups += [
        Group(f"k{c}", f"Kampus {c}", parent="oppilaitos", kind=GroupKind.CAMPUS)
        for c in range(campuses)
    ]
    groups += [
        Group(f"y{u}", f"Yksikkö {u}", parent=f"k{u // 10}", kind=GroupKind.UNIT)
        for u in range(calendars)
    ]
    found = []
    number = 0
    for c in range(calendars):
        entries = []
        for _ in range(items // calendars + (c < items % calendars)):
            number += 1
            entries.append(
                Item(
                    f"i{number}",
                    f"{TITLES[number % len(TITLES)]} {number}",
                    rule(number),
                    kind=KINDS[number % len(KINDS)],
                )
            )
        found.append(Calendar(f"c{c}", f"Vuosikello {c}", f"y{c}", entries))
    return Organisation("synteettinen", "Synteettinen oppilaitos", Hierarchy(groups), found)


def context(organisation: Organisation, **options: str) -> ExportContext:
    return ExportContext(
        organisation,
        YEAR.start,
        YEAR.end,
        options=WheelExporter().parse_options(options),
        school_year=YEAR,
        today=dt.date(2026, 11, 27),
    )


def timed(func: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    func()
    once = time.perf_counter() - start
    if once > 2.0:
        return once
    return min(once, best(func, repeat))


def slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(seconds) for _, seconds in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


SERIES: list[tuple[str, str, list[tuple[int, int]], dict[str, str]]] = [
    ("(a) items", "calendars", [(10, 200), (10, 2_000), (10, 20_000)], {}),
    ("(b) calendars", "calendars", [(10, 200), (100, 2_000), (1_000, 20_000)], {}),
    ("(c) groups", "groups", [(10, 200), (100, 2_000), (1_000, 20_000)], {"rings": "group"}),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--quick", action="store_true", help="leave out the 20,000-item sizes")
    args = parser.parse_args(argv)
    exporter = WheelExporter()

    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"best of {args.repeat} (one run over 2 s)"
    )
    print()
    print(
        "| series | size | items | rings | lanes | layout | render (SVG) |\n"
        "|---|---:|---:|---:|---:|---:|---:|"
    )
    summary = []
    for title, unit, sizes, options in SERIES:
        points: list[tuple[float, float]] = []
        for count, items in sizes:
            if args.quick and items > 2_000:
                continue
            ctx = context(organisation(count, items), **options)
            wheel = layout(ctx)
            assert len(wheel.placed) >= items, "every item occurs in the school year"
            lay = timed(lambda ctx=ctx: layout(ctx), args.repeat)
            render = timed(lambda ctx=ctx: exporter.render(ctx), args.repeat)
            points.append((len(wheel.placed), render))
            lanes = sum(ring.lanes for ring in wheel.rings)
            print(
                f"| {title} | {count:,} {unit} | {len(wheel.placed):,} | {len(wheel.rings)} "
                f"| {lanes} | {fmt(lay).strip()} | {fmt(render).strip()} |",
                flush=True,
            )
        if len(points) >= 2:
            overall = slope(points)
            last = slope(points[-2:])
            summary.append((title, overall, last))
    print()
    print("| series | exponent (all sizes) | exponent (two largest) |\n|---|---:|---:|")
    for title, overall, last in summary:
        worst = max(overall, last)
        print(f"| {title} | {overall:.2f} | {last:.2f} – {verdict(worst, GOAL)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
