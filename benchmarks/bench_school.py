"""School calendar benchmarks: "maanantaisin, ei lomilla" vs plain "maanantaisin", side by side.

Run:  python benchmarks/bench_school.py [--repeat N]

(a) Expanding a weekly rule over 50 years (2000–2049) with Rule.occurrences:
    "maanantaisin, ei lomilla" against a SchoolCalendar with 50 school years'
    terms and three breaks (autumn, Christmas, winter) vs the same rule
    without ``school_days`` (no calendar needed).  The school side is timed
    twice: "cold" builds a fresh SchoolCalendar for every run (its per-year
    caches empty, as in a one-shot CLI run) and "warm" reuses one.  The
    kept Mondays are checked first against an independent day-by-day count.
    Goal: cold school / plain <= 2.
(b) The same two rules for a one-year query (2026), cold and warm.
    Goal: cold school / plain <= 2 (reported; the calendar's first year costs
    most of it).

This is a report, not a test: it always exits 0 and says "goal met" or
"goal missed" for each goal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform

# The timing and the table's formats are bench_recurrence's (run as a script,
# this folder is on sys.path).
from bench_recurrence import best, fmt, verdict

from opiskeluhuolto.phrases import parse_rule
from opiskeluhuolto.school import Break, SchoolCalendar, Term, public_holidays

FIRST_YEAR, LAST_YEAR = 2000, 2049  # 50 years
START, END = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
YEAR_START, YEAR_END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)

SCHOOL_RULE = parse_rule("maanantaisin, ei lomilla")
PLAIN_RULE = parse_rule("maanantaisin")
TERMS = tuple(
    Term(
        year,
        (dt.date(year, 8, 12), dt.date(year, 12, 20)),
        (dt.date(year + 1, 1, 7), dt.date(year + 1, 5, 31)),
    )
    for year in range(FIRST_YEAR - 1, LAST_YEAR + 1)
)
BREAKS = (
    Break("syysloma", "Syysloma", parse_rule("viikolla 42")),
    Break("joululoma", "Joululoma", parse_rule("21.12.–6.1.")),
    Break("hiihtoloma", "Hiihtoloma", parse_rule("viikolla 9")),
)


def fresh_calendar() -> SchoolCalendar:
    return SchoolCalendar(terms=TERMS, breaks=BREAKS)


def check_agreement() -> None:
    """The kept Mondays equal a day-by-day count of terms, breaks and holidays."""
    holidays = {h.day for year in range(FIRST_YEAR, LAST_YEAR + 1) for h in public_holidays(year)}
    expected: list[dt.date] = []
    day = START
    while day <= END:
        if day.weekday() == 0 and day not in holidays:
            iso_week = day.isocalendar()[1]
            christmas = (day.month, day.day) >= (12, 21) or (day.month, day.day) <= (1, 6)
            in_term = any(
                t.autumn[0] <= day <= t.autumn[1] or t.spring[0] <= day <= t.spring[1]
                for t in TERMS
            )
            if in_term and iso_week not in (9, 42) and not christmas:
                expected.append(day)
        day += dt.timedelta(days=1)
    found = [occ.start for occ in SCHOOL_RULE.occurrences(START, END, fresh_calendar())]
    assert found == expected, "the school rule's Mondays differ from the day-by-day count"


def measure(start: dt.date, end: dt.date, repeat: int) -> tuple[float, float, float]:
    warm = fresh_calendar()
    SCHOOL_RULE.occurrences(start, end, warm)
    plain = best(lambda: PLAIN_RULE.occurrences(start, end), repeat)
    cold = best(lambda: SCHOOL_RULE.occurrences(start, end, fresh_calendar()), repeat)
    hot = best(lambda: SCHOOL_RULE.occurrences(start, end, warm), repeat)
    return plain, cold, hot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    args = parser.parse_args(argv)
    repeat: int = args.repeat

    check_agreement()
    print(f"Python {platform.python_version()} on {platform.machine()}, best of {repeat}")
    print()
    rows = [
        (f"(a) {FIRST_YEAR}–{LAST_YEAR}", *measure(START, END, repeat)),
        ("(b) 2026", *measure(YEAR_START, YEAR_END, repeat)),
    ]
    print("maanantaisin, ei lomilla (terms, 3 breaks) vs maanantaisin")
    header = f"    {'query':<16} {'plain':>12} {'school cold':>12} {'school warm':>12}"
    print(f"{header} {'cold/plain':>11} {'warm/plain':>11}")
    for name, plain, cold, hot in rows:
        print(
            f"    {name:<16} {fmt(plain):>12} {fmt(cold):>12} {fmt(hot):>12}"
            f" {cold / plain:11.2f} {hot / plain:11.2f}"
        )
    for name, plain, cold, _hot in rows:
        print(f"    {name}: goal cold/plain <= 2: {verdict(cold / plain, 2.0)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
