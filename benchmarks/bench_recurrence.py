"""Recurrence benchmarks: opiskeluhuolto vs hand-written dateutil.rrule, side by side.

Run:  python benchmarks/bench_recurrence.py [--repeat N]

(a) Expanding five of the seed's rules over 200 years with Rule.occurrences vs
    the same rules written by hand as dateutil rrules (the starts are checked to
    agree first).  Goal: opiskeluhuolto / dateutil <= 0.5.
(b) A one-year query in year 9024 vs one in 2026 for a biennial rule anchored
    2026.  Goal: far / near <= 2.  dateutil's cost for the same far query (an
    rrule with DTSTART in 2026) is shown for comparison: it grows with the
    distance because an rrule iterates from DTSTART.
(c) The second edition's shapes: expanding monthly, weekly and nth-weekday
    rules over the same 200 years vs the same rules as dateutil rrules
    (FREQ=MONTHLY;BYDAY=2TU, FREQ=WEEKLY;BYDAY=MO, BYMONTH=10;BYDAY=-1FR, …;
    the starts are checked to agree first).  Goal: opiskeluhuolto / dateutil
    <= 0.5.
(d) A one-year query in 9024 vs one in 2026 for each rule of (c).
    Goal: far / near <= 2 for every one.

This is a report, not a test: it always exits 0 and says "goal met" or
"goal missed" for each goal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import platform
import sys
import timeit
from collections.abc import Callable

from dateutil import rrule as du

from opiskeluhuolto.recurrence import (
    DateWindow,
    FollowUp,
    Frequency,
    MonthWindow,
    NthWeekdayWindow,
    Occurrence,
    Repeat,
    Rule,
    Season,
    SeasonWindow,
    TimeOfDay,
    Weekday,
    WeekdayWindow,
    WeekWindow,
    YearPattern,
)

FIRST_YEAR, LAST_YEAR = 2000, 2199  # 200 years

# The seed's rules, and the same rules as RFC 5545 recurrences written by hand.
SEED: list[tuple[str, Rule, du.rrule]] = [
    (
        "week 40",
        Rule(WeekWindow(40, 40)),
        du.rrule(
            du.YEARLY,
            dtstart=dt.datetime(FIRST_YEAR, 1, 1),
            byweekno=40,
            byweekday=du.MO,
            wkst=du.MO,
        ),
    ),
    (
        "weeks 43–44, results Nov",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True)),
        du.rrule(
            du.YEARLY,
            dtstart=dt.datetime(FIRST_YEAR, 1, 1),
            byweekno=43,
            byweekday=du.MO,
            wkst=du.MO,
        ),
    ),
    (
        "Oct–Dec, even years",
        Rule(MonthWindow(10, 12), YearPattern.even()),
        du.rrule(
            du.YEARLY, dtstart=dt.datetime(FIRST_YEAR, 1, 1), interval=2, bymonth=10, bymonthday=1
        ),
    ),
    (
        "11.2.",
        Rule(DateWindow.on(11, 2)),
        du.rrule(du.YEARLY, dtstart=dt.datetime(FIRST_YEAR, 1, 1), bymonth=2, bymonthday=11),
    ),
    (
        "spring, every 2nd, last 2025",
        Rule(SeasonWindow(Season.SPRING), YearPattern.every(2, last=2025)),
        du.rrule(
            du.YEARLY,
            dtstart=dt.datetime(FIRST_YEAR + 1, 1, 1),
            interval=2,
            bymonth=1,
            bymonthday=1,
        ),
    ),
]

START, END = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
START_DT, END_DT = dt.datetime(FIRST_YEAR, 1, 1), dt.datetime(LAST_YEAR, 12, 31)
DTSTART = dt.datetime(FIRST_YEAR, 1, 1)

# The second edition's cadences and weekdays, and the same as rrules.  Each
# rrule gives exactly the library's starts over 2000–2199 (checked).
SECOND: list[tuple[str, Rule, du.rrule]] = [
    (
        "monthly, 2nd Tuesday 14–15.30",
        Rule(
            repeat=Repeat(Frequency.MONTHLY, 1, Weekday.TU, 2),
            time=TimeOfDay(dt.time(14), dt.time(15, 30)),
        ),
        du.rrule(du.MONTHLY, dtstart=DTSTART, byweekday=du.TU(2)),
    ),
    (
        "monthly Aug–May",
        Rule(MonthWindow(8, 5), repeat=Repeat(Frequency.MONTHLY)),
        du.rrule(
            du.MONTHLY, dtstart=DTSTART, bymonth=(1, 2, 3, 4, 5, 8, 9, 10, 11, 12), bymonthday=1
        ),
    ),
    (
        "weekly (whole weeks)",
        Rule(repeat=Repeat(Frequency.WEEKLY)),
        du.rrule(du.WEEKLY, dtstart=dt.datetime(1999, 12, 27), byweekday=du.MO, wkst=du.MO),
    ),
    (
        "Mondays",
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=Weekday.MO)),
        du.rrule(du.WEEKLY, dtstart=DTSTART, byweekday=du.MO, wkst=du.MO),
    ),
    (
        "last Friday of October",
        Rule(NthWeekdayWindow(10, Weekday.FR, -1)),
        du.rrule(du.YEARLY, dtstart=DTSTART, bymonth=10, byweekday=du.FR(-1)),
    ),
    (
        "2nd Tuesday of Sept, even years",
        Rule(NthWeekdayWindow(9, Weekday.TU, 2), YearPattern.even()),
        du.rrule(du.YEARLY, dtstart=DTSTART, interval=2, bymonth=9, byweekday=du.TU(2)),
    ),
    (
        "Tuesday of week 37",
        Rule(WeekdayWindow(37, Weekday.TU)),
        du.rrule(du.YEARLY, dtstart=DTSTART, byweekno=37, byweekday=du.TU, wkst=du.MO),
    ),
]


def ours_all() -> int:
    return sum(len(rule.occurrences(START, END)) for _, rule, _ in SEED)


def dateutil_all() -> int:
    return sum(len(rr.between(START_DT, END_DT, inc=True)) for _, _, rr in SEED)


def second_ours_all() -> int:
    return sum(len(rule.occurrences(START, END)) for _, rule, _ in SECOND)


def second_dateutil_all() -> int:
    return sum(len(rr.between(START_DT, END_DT, inc=True)) for _, _, rr in SECOND)


def check_agreement() -> None:
    for name, rule, rr in [*SEED, *SECOND]:
        ours = [occ.start for occ in rule.occurrences(START, END) if not occ.follow_up]
        ours = [day for day in ours if START <= day <= END]
        theirs = [d.date() for d in rr.between(START_DT, END_DT, inc=True)]
        if name == "weekly (whole weeks)":  # the week of 1.1.2000 starts on 27.12.1999
            theirs = [max(day, START) for day in theirs]
        if ours != theirs:
            raise SystemExit(f"disagreement for {name!r}: {ours[:3]}… vs {theirs[:3]}…")


BIENNIAL = Rule(
    WeekWindow(43, 44),
    YearPattern.every(2, next=2026),
    FollowUp(MonthWindow(11, 11), earliest=True),
)
BIENNIAL_RRULE = du.rrule(
    du.YEARLY,
    dtstart=dt.datetime(2026, 1, 1),
    interval=2,
    byweekno=43,
    byweekday=du.MO,
    wkst=du.MO,
)


def year_query(year: int, rule: Rule = BIENNIAL) -> Callable[[], list[Occurrence]]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return lambda: rule.occurrences(start, end)


def rrule_year_query(year: int) -> Callable[[], list[dt.datetime]]:
    start, end = dt.datetime(year, 1, 1), dt.datetime(year, 12, 31)
    return lambda: BIENNIAL_RRULE.between(start, end, inc=True)


def best(func: Callable[[], object], repeat: int, target: float = 0.2) -> float:
    """Best-of-``repeat`` seconds per call, each run long enough to be measurable."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    number = max(1, int(number * target / 0.2))
    return min(timer.repeat(repeat=repeat, number=number)) / number


def fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:9.1f} µs"
    return f"{seconds * 1e3:9.2f} ms"


def verdict(ratio: float, goal: float) -> str:
    return "goal met" if ratio <= goal else "goal missed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    args = parser.parse_args(argv)
    repeat: int = args.repeat

    check_agreement()
    assert year_query(9024)() and year_query(2026)(), "the biennial rule occurs in both years"
    assert [d.date() for d in rrule_year_query(9024)()] == [
        occ.start for occ in BIENNIAL.instances(dt.date(9024, 1, 1), dt.date(9024, 12, 31))
    ]

    print(f"Python {platform.python_version()} on {platform.machine()}, best of {repeat}")
    print()
    print(f"(a) expand 5 seed rules over {FIRST_YEAR}–{LAST_YEAR} (starts agree with dateutil)")
    print(f"    {'rule':<30} {'opiskeluhuolto':>14} {'dateutil':>12} {'ratio':>7}")
    for name, rule, rr in SEED:
        ours = best(functools.partial(rule.occurrences, START, END), repeat)
        theirs = best(functools.partial(rr.between, START_DT, END_DT, inc=True), repeat)
        print(f"    {name:<30} {fmt(ours):>14} {fmt(theirs):>12} {ours / theirs:7.3f}")
    ours_total = best(ours_all, repeat)
    theirs_total = best(dateutil_all, repeat)
    ratio_a = ours_total / theirs_total
    print(f"    {'all five':<30} {fmt(ours_total):>14} {fmt(theirs_total):>12} {ratio_a:7.3f}")
    print(f"    goal ratio <= 0.5: {verdict(ratio_a, 0.5)}")
    print()

    print("(b) one-year query, biennial rule anchored 2026 (weeks 43–44 + results)")
    near = best(year_query(2026), repeat)
    far = best(year_query(9024), repeat)
    du_near = best(rrule_year_query(2026), repeat)
    du_far = best(rrule_year_query(9024), repeat, target=0.5)
    ratio_b = far / near
    print(f"    {'query year':<30} {'opiskeluhuolto':>14} {'dateutil':>12}")
    print(f"    {'2026':<30} {fmt(near):>14} {fmt(du_near):>12}")
    print(f"    {'9024':<30} {fmt(far):>14} {fmt(du_far):>12}")
    print(f"    {'far / near':<30} {ratio_b:14.2f} {du_far / du_near:12.0f}")
    print(f"    goal far/near <= 2: {verdict(ratio_b, 2.0)}")
    print()

    print(f"(c) expand 7 second-edition rules over {FIRST_YEAR}–{LAST_YEAR} (starts agree)")
    print(f"    {'rule':<34} {'count':>6} {'opiskeluhuolto':>14} {'dateutil':>12} {'ratio':>7}")
    for name, rule, rr in SECOND:
        count = len(rule.occurrences(START, END))
        ours = best(functools.partial(rule.occurrences, START, END), repeat)
        theirs = best(functools.partial(rr.between, START_DT, END_DT, inc=True), repeat)
        print(f"    {name:<34} {count:>6} {fmt(ours):>14} {fmt(theirs):>12} {ours / theirs:7.3f}")
    ours_total = best(second_ours_all, repeat)
    theirs_total = best(second_dateutil_all, repeat)
    ratio_c = ours_total / theirs_total
    total = f"{fmt(ours_total):>14} {fmt(theirs_total):>12} {ratio_c:7.3f}"
    print(f"    {'all seven':<34} {'':>6} {total}")
    print(f"    goal ratio <= 0.5: {verdict(ratio_c, 0.5)}")
    print()

    print("(d) one-year query, 9024 vs 2026, for each rule of (c)")
    print(f"    {'rule':<34} {'2026':>12} {'9024':>12} {'far / near':>11}")
    worst = 0.0
    for name, rule, _rr in SECOND:
        assert year_query(9024, rule)() and year_query(2026, rule)()
        near = best(year_query(2026, rule), repeat)
        far = best(year_query(9024, rule), repeat)
        worst = max(worst, far / near)
        print(f"    {name:<34} {fmt(near):>12} {fmt(far):>12} {far / near:11.2f}")
    print(f"    goal far/near <= 2 (worst {worst:.2f}): {verdict(worst, 2.0)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
