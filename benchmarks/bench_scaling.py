"""Scaling benchmarks: how the cost grows with the size of the data.

Run:  python benchmarks/bench_scaling.py [--quick] [--max-groups N] [--cap S] [--repeat N]

Synthetic organisations of 10, 100, 1,000 and 10,000 groups in four levels
(an organisation, campuses, units and student bodies below the units; every
other campus with an autumn break of its own), each
group with a calendar of 10–100 items (100 at the top, 50 per campus, 20 per
unit, 10 per student body), overrides at three levels (campuses adapt the
top's items, units the campus's, student bodies the unit's), terms and
breaks, meeting rules and listed meeting dates, highlights to the units, and
a few items that are warned about (week 53, a 29.2. date) so that the key
locator runs.  The stages:

* ``load``: ``opiskeluhuolto.loading.validate_file`` (TOML, validation,
  warnings, the organisation);
* ``occurrences``: ``Organisation.occurrences`` for the school year 2026–2027,
  the whole organisation;
* ``ical``, ``csv``, ``wheel``, ``wilma``: the exporter's ``render`` with an
  ``ExportContext`` for the school year, the whole organisation, built as
  ``opiskeluhuolto export`` builds it.

And three series on a 1,000-group organisation at 1×, 10× and 100×:

* ``highlights``: every group's ``highlights_to`` holds 1, 10 or 100 groups;
  ``load`` and the ``agenda`` of a unit that hears them for the school year;
* ``wheel items``: one calendar of 30, 300 or 3,000 items; ``wheel``;
* ``meetings`` (on a 10-group organisation with one 10-item calendar, so that
  the meetings are what grows): one unit with 200, 2,000 or 20,000 listed
  meeting dates, one a day from 1.1.2000 (and a tenth as many cancelled
  ones); ``load``, ``ical`` (the unit's feed, meetings included) and its
  ``agenda`` (one per meeting), both over the span of the meetings, so that
  the output grows with them too.

Every stage of every size runs in a child process of its own (``--worker``):
the time is the stage alone (the data file is written and loaded before the
clock starts, except for ``load`` itself), best of ``--repeat`` when one run
takes under 0.2 s, else one run; the memory is the child's peak resident set
(``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at its end), so it holds the
interpreter, the loaded organisation and the stage, not the allocations
``tracemalloc`` would see, and it is the honest figure of what a command-line
run needs.  A stage that runs over ``--cap`` seconds, or over ``--memory`` GiB
of address space (``RLIMIT_AS``; the wheel at 10,000 groups once grew past
24 GiB), is stopped and shown as "skipped, over N s" ("over N GiB"); its
larger sizes are not tried.

The growth exponent of a row is the slope of log(time) against log(size)
between its two largest measured sizes, and the least-squares slope over all
of them.  Goal: ≤ 1.1 for every row (a 10,000-group load costs about ten
times a 1,000-group one).

This is a report, not a test: it always exits 0 and says "goal met" or
"goal missed" for each row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# The timing and the table's formats are bench_recurrence's (run as a script,
# this folder is on sys.path).
from bench_recurrence import best, verdict

SIZES = (10, 100, 1_000, 10_000)
FACTORS = (1, 10, 100)
SERIES_GROUPS = 1_000
MEETING_GROUPS = 10
GOAL = 1.1
SCHOOL_YEAR = 2026
START, END = dt.date(SCHOOL_YEAR, 8, 1), dt.date(SCHOOL_YEAR + 1, 7, 31)

# Phrases for the items, cycled; all of them load without a warning (the
# school-day warnings aside, which are part of the load).
WHENS = (
    "viikoilla 43 ja 44",
    "syyskuussa",
    "tammi-maaliskuussa",
    "11.2.",
    "keväisin",
    "syksyllä",
    "lokakuun viimeisenä perjantaina",
    "viikon 37 tiistaina",
    "jokaisessa kokouksessa",
    "parillisen vuoden loka-joulukuussa",
    "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa",
    "1.6.–15.8.",
    "ennen syyslomaa",
    "marraskuussa, ei lomilla",
)
# One in WARN_EVERY items is one that is warned about (a probable mistake).
WARNINGS = ("viikolla 53", "29.2.")
WARN_EVERY = 25
MEETINGS_FROM = dt.date(2000, 1, 1)
MEETING_RULE = "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla"


# ---------------------------------------------------------------------------
# The synthetic data
# ---------------------------------------------------------------------------


def _levels(groups: int) -> tuple[int, int, int]:
    """Campuses, units and student bodies for ``groups`` groups in all (one at the top)."""
    campuses = max(1, round(groups / 111))
    units = max(1, round(groups * 10 / 111))
    return campuses, units, max(0, groups - 1 - campuses - units)


def _item(lines: list[str], item_id: str, title: str, when: str, n: int) -> None:
    lines += ["[[calendars.items]]", f'id = "{item_id}"', f'title = "{title}"', f'when = "{when}"']
    if n % 3 == 0:
        lines.append('audience = ["huoltajat", "opiskelijat"]')
    if n % 7 == 0:
        lines.append('results = "aikaisintaan marraskuussa"' if n % 2 else 'kind = "survey"')
    lines.append("")


def generate(
    groups: int,
    *,
    highlights: int = 1,
    wheel_items: int | None = None,
    meetings: int = 0,
) -> str:
    """A data file of ``groups`` groups (see the module's docstring).

    ``highlights``: how many units every student body (and unit) names in
    ``highlights_to``; ``wheel_items``: one calendar of that many items
    instead of the usual ones; ``meetings``: listed meeting dates of the
    first unit (with a tenth as many cancelled).
    """
    campuses, units, bodies = _levels(groups)
    lines = [
        "schema = 1",
        "",
        "[organisation]",
        'id = "synteettinen"',
        'name = "Synteettinen oppilaitos"',
        'timezone = "Europe/Helsinki"',
        "",
    ]
    for year in range(SCHOOL_YEAR - 1, SCHOOL_YEAR + 2):
        lines += [
            "[[terms]]",
            f"school_year = {year}",
            'autumn = "12.8.–18.12."',
            'spring = "7.1.–29.5."',
            "",
        ]
    for brk, name, when in (
        ("syysloma", "Syysloma", "viikolla 42"),
        ("joululoma", "Joululoma", "21.12.–6.1."),
        ("talviloma", "Talviloma", "viikolla 9"),
    ):
        lines += ["[[breaks]]", f'id = "{brk}"', f'name = "{name}"', f'when = "{when}"', ""]

    campus_ids = [f"k{c}" for c in range(campuses)]
    unit_ids = [f"y{u}" for u in range(units)]
    body_ids = [f"f{b}" for b in range(bodies)]
    parent_of: dict[str, str] = {}
    lines += ["[[groups]]", 'id = "ohr"', 'name = "Opiskeluhuoltoryhmä"', 'kind = "organisation"']
    lines += [f'meetings = "{MEETING_RULE}"', ""]
    for index, campus in enumerate(campus_ids):
        parent_of[campus] = "ohr"
        lines += [
            "[[groups]]",
            f'id = "{campus}"',
            f'name = "Kampus {index}"',
            'kind = "campus"',
            'parent = "ohr"',
            f'meetings = "{MEETING_RULE}"',
            "",
        ]
    for index, campus in enumerate(campus_ids):  # every other campus: its own autumn break
        if index % 2:
            lines += ["[[breaks]]", 'id = "syysloma"', 'name = "Syysloma"', 'when = "viikolla 43"']
            lines += [f'group = "{campus}"', ""]
    for index, unit in enumerate(unit_ids):
        parent = campus_ids[index % campuses]
        parent_of[unit] = parent
        lines += [
            "[[groups]]",
            f'id = "{unit}"',
            f'name = "Yksikkö {index}"',
            'kind = "unit"',
            f'parent = "{parent}"',
        ]
        if index == 0 and meetings:
            days = [MEETINGS_FROM + dt.timedelta(days=k) for k in range(meetings)]  # daily
            cancelled = days[5::10]
            lines.append("meetings = [" + ", ".join(d.isoformat() for d in days) + "]")
            lines.append(
                "cancelled_meetings = [" + ", ".join(d.isoformat() for d in cancelled) + "]"
            )
        elif index % 2 == 0:
            lines.append(f'meetings = "{MEETING_RULE}"')
        else:
            lines.append("meetings = [2026-09-08, 2026-10-13, 2026-11-10, 2027-01-12]")
            lines.append("extra_meetings = [2026-12-01]")
            lines.append("cancelled_meetings = [2026-10-13]")
        if highlights > 1:
            targets = [unit_ids[(index + k) % units] for k in range(1, highlights + 1)]
            lines.append("highlights_to = [" + ", ".join(f'"{t}"' for t in targets) + "]")
        lines.append("")
    for index, body in enumerate(body_ids):
        parent = unit_ids[index % units]
        parent_of[body] = parent
        targets = [unit_ids[(index + k) % units] for k in range(highlights)]
        lines += [
            "[[groups]]",
            f'id = "{body}"',
            f'name = "Opiskelijafoorumi {index}"',
            'kind = "student-body"',
            f'parent = "{parent}"',
            "highlights_to = [" + ", ".join(f'"{t}"' for t in targets) + "]",
            "",
        ]

    counter = 0

    def items(owner: str, count: int, prefix: str) -> list[str]:
        nonlocal counter
        found: list[str] = []
        lines.extend(["[[calendars]]", f'id = "{owner}-kello"', f'name = "Vuosikello {owner}"'])
        lines.extend([f'owner = "{owner}"', ""])
        for k in range(count):
            counter += 1
            if counter % WARN_EVERY == 0:
                when = WARNINGS[counter // WARN_EVERY % len(WARNINGS)]
            else:
                when = WHENS[counter % len(WHENS)]
            item_id = f"{prefix}-{k}"
            _item(lines, item_id, f"Kohta {counter}", when, counter)
            found.append(item_id)
        return found

    def overrides(targets: list[str], count: int, n: int) -> None:
        for k, target in enumerate(targets[:count]):
            lines.extend(["[[calendars.overrides]]", f'item = "{target}"'])
            if (n + k) % 5 == 4:
                lines.append("skip = true")
            elif (n + k) % 2:
                lines.append('when = "lokakuussa"')
            else:
                lines.append('title = "Mukautettu kohta"')
            lines.append("")

    if wheel_items is not None:
        items("ohr", wheel_items, "k")
        return "\n".join(lines) + "\n"
    top = items("ohr", 100, "o")
    campus_items: dict[str, list[str]] = {}
    for n, campus in enumerate(campus_ids):
        campus_items[campus] = items(campus, 50, campus)
        overrides(top[n % 50 :], 3, n)
    unit_items: dict[str, list[str]] = {}
    for n, unit in enumerate(unit_ids):
        unit_items[unit] = items(unit, 20, unit)
        overrides(campus_items[parent_of[unit]][n % 40 :], 2, n)
    for n, body in enumerate(body_ids):
        items(body, 10, body)
        overrides(unit_items[parent_of[body]][n % 15 :], 2, n)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# One stage in a child process
# ---------------------------------------------------------------------------


def _export(
    name: str, group: str | None, start: dt.date = START, end: dt.date = END
) -> Callable[[object], object]:
    from opiskeluhuolto import plugins
    from opiskeluhuolto.exporting import ExportContext
    from opiskeluhuolto.school import SchoolYear

    exporter = plugins.get_exporter(name)
    parsed = exporter.parse_options({})

    def run(organisation: object) -> object:
        context = ExportContext(
            organisation=organisation,  # type: ignore[arg-type]
            start=start,
            end=end,
            group=group,
            options=parsed,
            school_year=SchoolYear(SCHOOL_YEAR) if (start, end) == (START, END) else None,
            today=dt.date(SCHOOL_YEAR, 8, 1),
        )
        return exporter.render(context)

    return run


def worker(stage: str, series: str, size: int, factor: int, repeat: int, memory: float) -> None:
    """Time one stage and print a line of JSON: seconds, peak memory, a check figure."""
    import resource

    limit = int(memory * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        _work(stage, series, size, factor, repeat)
    except Exception as exc:  # the plugin host wraps an exporter's MemoryError
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, MemoryError):
            cause = cause.__cause__ or cause.__context__
        if cause is None:
            raise
        print(json.dumps({"memory": True}))


def _work(stage: str, series: str, size: int, factor: int, repeat: int) -> None:
    import resource

    from opiskeluhuolto.loading import validate_file

    start, end = START, END

    if series == "groups":
        text = generate(size)
    elif series == "highlights":
        text = generate(SERIES_GROUPS, highlights=factor)
    elif series == "wheel-items":
        text = generate(SERIES_GROUPS, wheel_items=30 * factor)
    else:  # a small organisation: the meetings are what grows
        text = generate(MEETING_GROUPS, wheel_items=10, meetings=200 * factor)
        start, end = MEETINGS_FROM, MEETINGS_FROM + dt.timedelta(days=200 * factor - 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.toml"
        path.write_text(text, "utf-8")
        first = validate_file(path)
        if first.errors or first.organisation is None:
            raise SystemExit(f"the generated data has errors: {first.errors[:3]}")
        organisation = first.organisation
        warnings = len(first.warnings)
        if stage == "load":
            func: Callable[[], object] = lambda: validate_file(path)  # noqa: E731
        elif stage == "occurrences":
            func = lambda: organisation.occurrences(START, END)  # noqa: E731
        else:
            group = "y0" if stage in ("agenda", "ical-group") else None
            name = "ical" if stage == "ical-group" else stage
            run = _export(name, group, start, end)
            func = lambda: run(organisation)  # noqa: E731
        began = time.perf_counter()
        result = func()
        once = time.perf_counter() - began
        seconds = best(func, repeat) if once < 0.2 else once
    size_of = len(result) if isinstance(result, (bytes, dict, list, tuple)) else 0
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mib": peak_kib / 1024,
                "bytes": len(text.encode("utf-8")),
                "items": sum(len(c.items) for c in organisation.calendars),
                "warnings": warnings,
                "result": size_of,
            }
        )
    )


def run_child(
    stage: str, series: str, size: int, factor: int, repeat: int, cap: float, memory: float
) -> dict[str, float] | str:
    """Run one stage in a child: its figures, or why there are none.

    The child may use ``cap`` seconds and ``memory`` GiB of address space
    (``RLIMIT_AS``): a stage that needs more is stopped, not left to take the
    machine (the wheel at 10,000 groups once grew past 24 GiB).
    """
    here = Path(__file__).resolve().parent
    argv = [sys.executable, str(Path(__file__).resolve()), "--worker", stage, series]
    argv += [str(size), str(factor), "--repeat", str(repeat), "--memory", str(memory)]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(here), os.environ.get("PYTHONPATH", "")]),
    }
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=cap, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        return f"skipped, over {cap:.0f} s"
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"failed (exit {done.returncode}: {last[:60]})"
    found: dict[str, float] = json.loads(lines[-1])
    if found.get("memory"):
        return f"skipped, over {memory:g} GiB"
    return found


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


def slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(max(y, 1e-9)) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def fmt_s(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


ROWS: list[tuple[str, str, str, tuple[int, ...]]] = [
    # (row label, series, stage, sizes or factors)
    ("load+validate", "groups", "load", SIZES),
    ("occurrences (school year)", "groups", "occurrences", SIZES),
    ("ical", "groups", "ical", SIZES),
    ("csv", "groups", "csv", SIZES),
    ("wheel", "groups", "wheel", SIZES),
    ("wilma", "groups", "wilma", SIZES),
    ("highlights ×k: load", "highlights", "load", FACTORS),
    ("highlights ×k: agenda", "highlights", "agenda", FACTORS),
    ("wheel items ×k: wheel", "wheel-items", "wheel", FACTORS),
    ("meetings ×k: load", "meetings", "load", FACTORS),
    ("meetings ×k: ical (group)", "meetings", "ical-group", FACTORS),
    ("meetings ×k: agenda", "meetings", "agenda", FACTORS),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs when one is short")
    parser.add_argument("--max-groups", type=int, default=SIZES[-1], help="largest organisation")
    parser.add_argument("--quick", action="store_true", help="up to 1,000 groups, cap 30 s")
    parser.add_argument("--cap", type=float, default=None, help="seconds per stage (default 300)")
    parser.add_argument("--memory", type=float, default=6.0, help="GiB per stage (default 6)")
    parser.add_argument("--only", default=None, help="rows whose label contains this text")
    parser.add_argument("--worker", nargs=4, metavar=("STAGE", "SERIES", "SIZE", "FACTOR"))
    args = parser.parse_args(argv)
    if args.worker:
        stage, series, size, factor = args.worker
        worker(stage, series, int(size), int(factor), args.repeat, args.memory)
        return 0
    max_groups = min(args.max_groups, 1_000) if args.quick else args.max_groups
    cap = args.cap if args.cap is not None else (30.0 if args.quick else 300.0)

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores;")
    print(f"time: best of {args.repeat} under 0.2 s, else one run; memory: the child's peak RSS")
    print(f"cap {cap:.0f} s per stage; growth exponent goal ≤ {GOAL}")
    print()
    header = f"{'stage':<27} {'size':>7} {'time':>10} {'peak':>9} {'items':>7} {'warn':>5}"
    print(header)
    for label, series, stage, sizes in ROWS:
        if args.only and args.only not in label:
            continue
        points: list[tuple[float, float]] = []
        over = False
        for size in sizes:
            if series == "groups" and size > max_groups:
                continue
            factor = size if series != "groups" else 1
            shown = f"{size:,}" if series == "groups" else f"{size}×"
            if over:
                print(f"{label:<27} {shown:>7} skipped (a smaller size was over a cap)")
                continue
            found = run_child(stage, series, size, factor, args.repeat, cap, args.memory)
            if isinstance(found, str):
                over = True
                print(f"{label:<27} {shown:>7} {found}")
                continue
            points.append((float(size), found["seconds"]))
            counts = f"{int(found['items']):>7} {int(found['warnings']):>5}"
            print(
                f"{label:<27} {shown:>7} {fmt_s(found['seconds']):>10} "
                f"{found['peak_mib']:7.0f} MiB {counts}",
                flush=True,
            )
        if len(points) >= 2:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            last = math.log(y1 / y0) / math.log(x1 / x0)
            overall = slope(points)
            worst = max(last, overall) if len(points) > 2 else last
            print(
                f"{'':<27} exponent {last:.2f} (last two), {overall:.2f} (all): "
                f"{verdict(worst, GOAL) if not over else 'goal missed (over a cap)'}"
            )
        elif over:
            print(f"{'':<27} goal missed (over a cap)")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
