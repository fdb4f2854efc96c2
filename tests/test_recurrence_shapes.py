"""Hand-worked tables of the second edition's shapes (DESIGN section 8).

Each shape with its exact dates in the school years 2025–2026 to 2028–2029.
The expected dates were worked out by hand from the calendar, not from the
code under test; the facts they rest on:

* 1 January 2025 is a Wednesday, 2026 a Thursday, 2027 a Friday, 2028 a
  Saturday, 2029 a Monday.  So ISO 2026 has 53 weeks (it starts on Thursday)
  and 2025, 2027, 2028 have 52; week 1 starts Mon 30.12.2024 (2025),
  Mon 29.12.2025 (2026), Mon 4.1.2027, Mon 3.1.2028 and Mon 1.1.2029, and
  week 53 of 2026 is Mon 28.12.2026–Sun 3.1.2027.  Week ``w`` starts
  ``7 (w - 1)`` days after week 1 (week 37 of 2026: 29.12.2025 + 252 days =
  7.9.2026).
* 2028 is a leap year: February 2028 has 29 days and five Tuesdays
  (1.2.2028 is a Tuesday: 1., 8., 15., 22., 29.).
* Finland's clocks change on the last Sundays of March and October at 01.00
  UTC (03.00 → 04.00 EET→EEST on 28.3.2027, 04.00 → 03.00 on 25.10.2026), so
  a time of day on those Sundays already has the new offset: EET is UTC+2,
  EEST UTC+3.

A table lists, per school year (1.8.–31.7.), the main occurrences that start
in it, as ``"d.m.yyyy"`` (one day) or ``"d.m.yyyy–d.m.yyyy"``, with the
occurrence's period.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from opiskeluhuolto.recurrence import (
    DateWindow,
    DeadlineWindow,
    FollowUp,
    Frequency,
    MonthPart,
    MonthPartWindow,
    MonthWindow,
    NthWeekdayWindow,
    Occurrence,
    Repeat,
    Rule,
    SchoolYear,
    Season,
    SeasonWindow,
    TimeOfDay,
    Weekday,
    WeekdayWindow,
    WeekParity,
    WeekWindow,
    WindowList,
)

D = dt.date
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
UTC = dt.UTC
SCHOOL_YEARS = (2025, 2026, 2027, 2028)
MO, TU, WE, TH, FR, SA, SU = Weekday

Table = dict[int, list[tuple[str, str]]]


def fi(day: D) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def text(occ: Occurrence) -> str:
    return fi(occ.start) if occ.start == occ.end else f"{fi(occ.start)}–{fi(occ.end)}"


def starting_in(rule: Rule, first_year: int) -> list[Occurrence]:
    """The main occurrences of ``rule`` that start in school year ``first_year``."""
    school = SchoolYear(first_year)
    return [occ for occ in rule.instances(school.start, school.end) if occ.start in school]


def by_school_year(rule: Rule) -> Table:
    return {
        year: [(text(occ), occ.period or "") for occ in starting_in(rule, year)]
        for year in SCHOOL_YEARS
    }


# ---------------------------------------------------------------------------
# Weekdays of ISO weeks
# ---------------------------------------------------------------------------

WEEKDAY_TABLES: list[tuple[str, Rule, Table]] = [
    (
        # Week 37 starts 8.9.2025, 7.9.2026, 13.9.2027, 11.9.2028.
        "viikon 37 tiistaina",
        Rule(WeekdayWindow(37, TU)),
        {
            2025: [("9.9.2025", "2025")],
            2026: [("8.9.2026", "2026")],
            2027: [("14.9.2027", "2027")],
            2028: [("12.9.2028", "2028")],
        },
    ),
    (
        "viikolla 37 ma–pe",
        Rule(WeekdayWindow(37, MO, FR)),
        {
            2025: [("8.9.2025–12.9.2025", "2025")],
            2026: [("7.9.2026–11.9.2026", "2026")],
            2027: [("13.9.2027–17.9.2027", "2027")],
            2028: [("11.9.2028–15.9.2028", "2028")],
        },
    ),
    (
        # Only ISO 2026 has a week 53, and its Friday is already in 2027.
        "viikolla 53 ma–pe",
        Rule(WeekdayWindow(53, MO, FR)),
        {2025: [], 2026: [("28.12.2026–1.1.2027", "2026")], 2027: [], 2028: []},
    ),
    (
        "viikon 53 sunnuntaina",
        Rule(WeekdayWindow(53, SU)),
        {2025: [], 2026: [("3.1.2027", "2026")], 2027: [], 2028: []},
    ),
    (
        # The Monday of week 1 can lie in the previous December; its year is
        # the ISO year.
        "viikon 1 maanantaina",
        Rule(WeekdayWindow(1, MO)),
        {
            2025: [("29.12.2025", "2026")],
            2026: [("4.1.2027", "2027")],
            2027: [("3.1.2028", "2028")],
            2028: [("1.1.2029", "2029")],
        },
    ),
]


@pytest.mark.parametrize(("phrase", "rule", "table"), WEEKDAY_TABLES, ids=lambda v: str(v)[:30])
def test_weekdays_of_weeks(phrase: str, rule: Rule, table: Table) -> None:
    assert by_school_year(rule) == table, phrase


# ---------------------------------------------------------------------------
# Nth weekdays of months
# ---------------------------------------------------------------------------

NTH_TABLES: list[tuple[str, Rule, Table]] = [
    (
        # 1.9. is a Monday (2025), Tuesday (2026), Wednesday (2027), Friday (2028).
        "syyskuun toisena tiistaina",
        Rule(NthWeekdayWindow(9, TU, 2)),
        {
            2025: [("9.9.2025", "2025")],
            2026: [("8.9.2026", "2026")],
            2027: [("14.9.2027", "2027")],
            2028: [("12.9.2028", "2028")],
        },
    ),
    (
        # 31.10. is a Friday (2025), Saturday (2026), Sunday (2027), Tuesday (2028).
        "lokakuun viimeisenä perjantaina",
        Rule(NthWeekdayWindow(10, FR, -1)),
        {
            2025: [("31.10.2025", "2025")],
            2026: [("30.10.2026", "2026")],
            2027: [("29.10.2027", "2027")],
            2028: [("27.10.2028", "2028")],
        },
    ),
    (
        "lokakuun toiseksi viimeisenä perjantaina",
        Rule(NthWeekdayWindow(10, FR, -2)),
        {
            2025: [("24.10.2025", "2025")],
            2026: [("23.10.2026", "2026")],
            2027: [("22.10.2027", "2027")],
            2028: [("20.10.2028", "2028")],
        },
    ),
    (
        # Five Tuesdays in September only when 1.9. is a Monday or Tuesday.
        "syyskuun viidentenä tiistaina",
        Rule(NthWeekdayWindow(9, TU, 5)),
        {2025: [("30.9.2025", "2025")], 2026: [("29.9.2026", "2026")], 2027: [], 2028: []},
    ),
    (
        # The fifth from the end is the first when there are five.
        "syyskuun viidenneksi viimeisenä tiistaina",
        Rule(NthWeekdayWindow(9, TU, -5)),
        {2025: [("2.9.2025", "2025")], 2026: [("1.9.2026", "2026")], 2027: [], 2028: []},
    ),
    (
        # Leap February 2028: Tuesdays 1., 8., 15., 22., 29.
        "helmikuun viidentenä tiistaina",
        Rule(NthWeekdayWindow(2, TU, 5)),
        {2025: [], 2026: [], 2027: [("29.2.2028", "2028")], 2028: []},
    ),
]


@pytest.mark.parametrize(("phrase", "rule", "table"), NTH_TABLES, ids=lambda v: str(v)[:30])
def test_nth_weekdays(phrase: str, rule: Rule, table: Table) -> None:
    assert by_school_year(rule) == table, phrase


# ---------------------------------------------------------------------------
# Parts of months and deadlines
# ---------------------------------------------------------------------------

PART_TABLES: list[tuple[str, Rule, Table]] = [
    (
        "lokakuun alussa",
        Rule(MonthPartWindow(10, MonthPart.START)),
        {y: [(f"1.10.{y}–10.10.{y}", f"{y}")] for y in SCHOOL_YEARS},
    ),
    (
        "lokakuun puolivälissä",
        Rule(MonthPartWindow(10, MonthPart.MIDDLE)),
        {y: [(f"11.10.{y}–20.10.{y}", f"{y}")] for y in SCHOOL_YEARS},
    ),
    (
        "helmikuun lopussa",
        Rule(MonthPartWindow(2, MonthPart.END)),
        {
            2025: [("21.2.2026–28.2.2026", "2026")],
            2026: [("21.2.2027–28.2.2027", "2027")],
            2027: [("21.2.2028–29.2.2028", "2028")],
            2028: [("21.2.2029–28.2.2029", "2029")],
        },
    ),
    (
        "joulukuun lopussa",
        Rule(MonthPartWindow(12, MonthPart.END)),
        {y: [(f"21.12.{y}–31.12.{y}", f"{y}")] for y in SCHOOL_YEARS},
    ),
    (
        "viimeistään 30.9.",
        Rule(DeadlineWindow(9, 30)),
        {y: [(f"30.9.{y}", f"{y}")] for y in SCHOOL_YEARS},
    ),
    (
        "viimeistään helmikuussa",
        Rule(DeadlineWindow(2)),
        {
            2025: [("28.2.2026", "2026")],
            2026: [("28.2.2027", "2027")],
            2027: [("29.2.2028", "2028")],
            2028: [("28.2.2029", "2029")],
        },
    ),
    (
        "viimeistään 29.2.",
        Rule(DeadlineWindow(2, 29)),
        {2025: [], 2026: [], 2027: [("29.2.2028", "2028")], 2028: []},
    ),
]


@pytest.mark.parametrize(("phrase", "rule", "table"), PART_TABLES, ids=lambda v: str(v)[:30])
def test_parts_of_months_and_deadlines(phrase: str, rule: Rule, table: Table) -> None:
    assert by_school_year(rule) == table, phrase


def test_deadlines_are_deadlines() -> None:
    assert Rule(DeadlineWindow(9, 30)).is_deadline
    assert not Rule(DateWindow.on(30, 9)).is_deadline
    assert Rule(DeadlineWindow(2, 29)).can_skip_years
    assert not Rule(DeadlineWindow(2)).can_skip_years


# ---------------------------------------------------------------------------
# Lists of windows
# ---------------------------------------------------------------------------

LIST_TABLES: list[tuple[str, Rule, Table]] = [
    (
        # Two occurrences a year: weeks 2–3 (January, the year's first) and
        # 33–34 (August, the second).  A school year holds the August one of
        # its first year and the January one of the next.
        "viikoilla 2–3 ja 33–34",
        Rule(WindowList((WeekWindow(2, 3), WeekWindow(33, 34)))),
        {
            2025: [("11.8.2025–24.8.2025", "2025.2"), ("5.1.2026–18.1.2026", "2026.1")],
            2026: [("10.8.2026–23.8.2026", "2026.2"), ("11.1.2027–24.1.2027", "2027.1")],
            2027: [("16.8.2027–29.8.2027", "2027.2"), ("10.1.2028–23.1.2028", "2028.1")],
            2028: [("14.8.2028–27.8.2028", "2028.2"), ("8.1.2029–21.1.2029", "2029.1")],
        },
    ),
    (
        # Weeks 52–1 wrap into the next ISO year, through week 53 in 2026.
        "viikoilla 10–12 ja 52–1",
        Rule(WindowList((WeekWindow(10, 12), WeekWindow(52, 1)))),
        {
            2025: [("22.12.2025–4.1.2026", "2025.2"), ("2.3.2026–22.3.2026", "2026.1")],
            2026: [("21.12.2026–10.1.2027", "2026.2"), ("8.3.2027–28.3.2027", "2027.1")],
            2027: [("27.12.2027–9.1.2028", "2027.2"), ("6.3.2028–26.3.2028", "2028.1")],
            2028: [("25.12.2028–7.1.2029", "2028.2"), ("5.3.2029–25.3.2029", "2029.1")],
        },
    ),
    (
        # Touching windows merge: weeks 43 and 44–45 are one span, weeks 43–45.
        "viikoilla 43 ja 44–45",
        Rule(WindowList((WeekWindow(43, 43), WeekWindow(44, 45)))),
        {
            2025: [("20.10.2025–9.11.2025", "2025.1")],
            2026: [("19.10.2026–8.11.2026", "2026.1")],
            2027: [("25.10.2027–14.11.2027", "2027.1")],
            2028: [("23.10.2028–12.11.2028", "2028.1")],
        },
    ),
    (
        "syys- ja lokakuussa",
        Rule(WindowList((MonthWindow(9, 9), MonthWindow(10, 10)))),
        {y: [(f"1.9.{y}–31.10.{y}", f"{y}.1")] for y in SCHOOL_YEARS},
    ),
    (
        "tammikuussa ja huhtikuussa",
        Rule(WindowList((MonthWindow(1, 1), MonthWindow(4, 4)))),
        {
            y: [
                (f"1.1.{y + 1}–31.1.{y + 1}", f"{y + 1}.1"),
                (f"1.4.{y + 1}–30.4.{y + 1}", f"{y + 1}.2"),
            ]
            for y in SCHOOL_YEARS
        },
    ),
    (
        "keväällä ja syksyllä",
        Rule(WindowList((SeasonWindow(Season.SPRING), SeasonWindow(Season.AUTUMN)))),
        {
            y: [(f"1.8.{y}–31.12.{y}", f"{y}.2"), (f"1.1.{y + 1}–31.5.{y + 1}", f"{y + 1}.1")]
            for y in SCHOOL_YEARS
        },
    ),
    (
        "11.2. ja 11.9.",
        Rule(WindowList((DateWindow.on(11, 2), DateWindow.on(11, 9)))),
        {y: [(f"11.9.{y}", f"{y}.2"), (f"11.2.{y + 1}", f"{y + 1}.1")] for y in SCHOOL_YEARS},
    ),
    (
        # 29.2. and 1.3. touch in a leap year (one span, 2028.1); in other
        # years 1.3. alone is the first span.
        "29.2. ja 1.3.",
        Rule(WindowList((DateWindow.on(29, 2), DateWindow.on(1, 3)))),
        {
            2025: [("1.3.2026", "2026.1")],
            2026: [("1.3.2027", "2027.1")],
            2027: [("29.2.2028–1.3.2028", "2028.1")],
            2028: [("1.3.2029", "2029.1")],
        },
    ),
    (
        # Week 53's Tuesday is 29.12.2026; other years have week 37 only.
        "viikoilla 37 ja 53 tiistaina",
        Rule(WindowList((WeekdayWindow(37, TU), WeekdayWindow(53, TU)))),
        {
            2025: [("9.9.2025", "2025.1")],
            2026: [("8.9.2026", "2026.1"), ("29.12.2026", "2026.2")],
            2027: [("14.9.2027", "2027.1")],
            2028: [("12.9.2028", "2028.1")],
        },
    ),
    (
        "syys- ja joulukuun toisena tiistaina",
        Rule(WindowList((NthWeekdayWindow(9, TU, 2), NthWeekdayWindow(12, TU, 2)))),
        {
            2025: [("9.9.2025", "2025.1"), ("9.12.2025", "2025.2")],
            2026: [("8.9.2026", "2026.1"), ("8.12.2026", "2026.2")],
            2027: [("14.9.2027", "2027.1"), ("14.12.2027", "2027.2")],
            2028: [("12.9.2028", "2028.1"), ("12.12.2028", "2028.2")],
        },
    ),
]


@pytest.mark.parametrize(("phrase", "rule", "table"), LIST_TABLES, ids=lambda v: str(v)[:30])
def test_lists_of_windows(phrase: str, rule: Rule, table: Table) -> None:
    assert by_school_year(rule) == table, phrase


def test_a_list_gives_each_occurrence_its_own_follow_up() -> None:
    # "viikoilla 2–3 ja 33–34, tulokset aikaisintaan marraskuussa": the January
    # weeks' results in November, the August weeks' results in November too –
    # two follow-ups in November 2026, one for each window.
    rule = Rule(
        WindowList((WeekWindow(2, 3), WeekWindow(33, 34))),
        follow_up=FollowUp(MonthWindow(11, 11), earliest=True),
    )
    found = [
        (text(occ), occ.period, text(occ.parent))
        for occ in rule.occurrences(D(2026, 11, 1), D(2026, 11, 30))
        if occ.parent is not None
    ]
    assert found == [
        ("1.11.2026–30.11.2026", "2026.1", "5.1.2026–18.1.2026"),
        ("1.11.2026–30.11.2026", "2026.2", "10.8.2026–23.8.2026"),
    ]


# ---------------------------------------------------------------------------
# Monthly cadences
# ---------------------------------------------------------------------------

AUG_MAY = MonthWindow(8, 5)


def month_table(months: list[tuple[int, int]], year: int) -> list[tuple[str, str]]:
    rows = []
    for y, m in months:
        last = (D(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
        rows.append((f"1.{m}.{y}–{last}.{m}.{y}", f"{year}:{y:04d}-{m:02d}"))
    return rows


def aug_may(year: int, step: int = 1) -> list[tuple[int, int]]:
    months = [(year, m) for m in range(8, 13)] + [(year + 1, m) for m in range(1, 6)]
    return months[::step]


def test_monthly_august_to_may() -> None:
    # "kuukausittain elo–toukokuussa": ten months, the window-year the August.
    rule = Rule(AUG_MAY, repeat=Repeat(Frequency.MONTHLY))
    assert by_school_year(rule) == {y: month_table(aug_may(y), y) for y in SCHOOL_YEARS}
    assert by_school_year(rule)[2026][5] == ("1.1.2027–31.1.2027", "2026:2027-01")
    assert by_school_year(rule)[2027][6] == ("1.2.2028–29.2.2028", "2027:2028-02")


def test_every_other_month_counts_from_the_window() -> None:
    # "joka toinen kuukausi elo–toukokuussa" = Aug, Oct, Dec, Feb, Apr.
    rule = Rule(AUG_MAY, repeat=Repeat(Frequency.MONTHLY, 2))
    table = by_school_year(rule)
    assert table == {y: month_table(aug_may(y, 2), y) for y in SCHOOL_YEARS}
    assert [row[0].split("–")[0] for row in table[2026]] == [
        "1.8.2026",
        "1.10.2026",
        "1.12.2026",
        "1.2.2027",
        "1.4.2027",
    ]


SECOND_TUESDAYS = {
    # The second Tuesday of each month August–May, from the calendar.
    2025: "12.8.2025 9.9.2025 14.10.2025 11.11.2025 9.12.2025 13.1.2026 10.2.2026 10.3.2026 "
    "14.4.2026 12.5.2026",
    2026: "11.8.2026 8.9.2026 13.10.2026 10.11.2026 8.12.2026 12.1.2027 9.2.2027 9.3.2027 "
    "13.4.2027 11.5.2027",
    2027: "10.8.2027 14.9.2027 12.10.2027 9.11.2027 14.12.2027 11.1.2028 8.2.2028 14.3.2028 "
    "11.4.2028 9.5.2028",
    2028: "8.8.2028 12.9.2028 10.10.2028 14.11.2028 12.12.2028 9.1.2029 13.2.2029 13.3.2029 "
    "10.4.2029 8.5.2029",
}


def test_second_tuesday_of_every_month_at_a_time() -> None:
    # "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa"
    time = TimeOfDay(dt.time(14), dt.time(15, 30))
    rule = Rule(AUG_MAY, repeat=Repeat(Frequency.MONTHLY, 1, TU, 2), time=time)
    for year in SCHOOL_YEARS:
        found = starting_in(rule, year)
        assert [fi(occ.start) for occ in found] == SECOND_TUESDAYS[year].split()
        assert all(occ.start == occ.end and occ.time == time for occ in found)
        assert [occ.period for occ in found] == [
            f"{year}:{y:04d}-{m:02d}" for y, m in aug_may(year)
        ]
    # Summer time (UTC+3) until the last Sunday of October, winter time (UTC+2)
    # until the last Sunday of March.
    starts = [occ.start_at(HELSINKI) for occ in starting_in(rule, 2026)]
    offsets = [start.utcoffset() for start in starts if start is not None]
    assert offsets == [dt.timedelta(hours=h) for h in (3, 3, 3, 2, 2, 2, 2, 2, 3, 3)]
    first = starting_in(rule, 2026)[0]
    assert first.start_at(HELSINKI) == dt.datetime(2026, 8, 11, 11, 0, tzinfo=UTC)
    assert first.end_at(HELSINKI) == dt.datetime(2026, 8, 11, 12, 30, tzinfo=UTC)


def test_fifth_fridays_only_in_months_that_have_one() -> None:
    # "joka kuukauden viidentenä perjantaina", the whole calendar year: the
    # months with five Fridays (from the calendar).
    rule = Rule(repeat=Repeat(Frequency.MONTHLY, 1, FR, 5))
    assert {y: [row[0] for row in rows] for y, rows in by_school_year(rule).items()} == {
        2025: ["29.8.2025", "31.10.2025", "30.1.2026", "29.5.2026", "31.7.2026"],
        2026: ["30.10.2026", "29.1.2027", "30.4.2027", "30.7.2027"],
        2027: ["29.10.2027", "31.12.2027", "31.3.2028", "30.6.2028"],
        2028: ["29.9.2028", "29.12.2028", "30.3.2029", "29.6.2029"],
    }
    # Without a window the year is the calendar year: "2027:2027-01".
    assert by_school_year(rule)[2026][1] == ("29.1.2027", "2027:2027-01")


def test_monthly_clipped_to_a_date_range() -> None:
    # "15.9.–15.11. kuukausittain": the months clipped to the window.
    rule = Rule(DateWindow(15, 9, 15, 11), repeat=Repeat(Frequency.MONTHLY))
    assert by_school_year(rule)[2026] == [
        ("15.9.2026–30.9.2026", "2026:2026-09"),
        ("1.10.2026–31.10.2026", "2026:2026-10"),
        ("1.11.2026–15.11.2026", "2026:2026-11"),
    ]


def test_monthly_in_one_school_year() -> None:
    # "kuukausittain, lukuvuonna 2026–2027": August 2026 to July 2027; the
    # months of 2027 belong to window-year 2027 (the calendar year).
    rule = Rule(repeat=Repeat(Frequency.MONTHLY), school_year=2026)
    table = by_school_year(rule)
    assert table[2025] == table[2027] == table[2028] == []
    assert table[2026] == month_table([(2026, m) for m in range(8, 13)], 2026) + month_table(
        [(2027, m) for m in range(1, 8)], 2027
    )


# ---------------------------------------------------------------------------
# Weekly cadences
# ---------------------------------------------------------------------------


def test_mondays_in_september() -> None:
    # "syyskuussa maanantaisin"
    rule = Rule(MonthWindow(9, 9), repeat=Repeat(Frequency.WEEKLY, weekday=MO))
    table = by_school_year(rule)
    assert {y: [row[0] for row in rows] for y, rows in table.items()} == {
        2025: ["1.9.2025", "8.9.2025", "15.9.2025", "22.9.2025", "29.9.2025"],
        2026: ["7.9.2026", "14.9.2026", "21.9.2026", "28.9.2026"],
        2027: ["6.9.2027", "13.9.2027", "20.9.2027", "27.9.2027"],
        2028: ["4.9.2028", "11.9.2028", "18.9.2028", "25.9.2028"],
    }
    assert [row[1] for row in table[2026]] == [
        "2026:2026-W37",
        "2026:2026-W38",
        "2026:2026-W39",
        "2026:2026-W40",
    ]


def test_every_other_week_over_new_year_counts_week_53() -> None:
    # "joka toinen viikko viikoilla 50–3": the window's weeks 50, 52, …; in
    # ISO 2026 week 53 is one of them, so the kept weeks are 50, 52, 1, 3.
    rule = Rule(WeekWindow(50, 3), repeat=Repeat(Frequency.WEEKLY, 2))
    assert by_school_year(rule) == {
        2025: [
            ("8.12.2025–14.12.2025", "2025:2025-W50"),
            ("22.12.2025–28.12.2025", "2025:2025-W52"),
            ("5.1.2026–11.1.2026", "2025:2026-W02"),
        ],
        2026: [
            ("7.12.2026–13.12.2026", "2026:2026-W50"),
            ("21.12.2026–27.12.2026", "2026:2026-W52"),
            ("4.1.2027–10.1.2027", "2026:2027-W01"),
            ("18.1.2027–24.1.2027", "2026:2027-W03"),
        ],
        2027: [
            ("13.12.2027–19.12.2027", "2027:2027-W50"),
            ("27.12.2027–2.1.2028", "2027:2027-W52"),
            ("10.1.2028–16.1.2028", "2027:2028-W02"),
        ],
        2028: [
            ("11.12.2028–17.12.2028", "2028:2028-W50"),
            ("25.12.2028–31.12.2028", "2028:2028-W52"),
            ("8.1.2029–14.1.2029", "2028:2029-W02"),
        ],
    }


def test_even_weeks_go_by_the_week_number() -> None:
    # "parillisilla viikoilla viikoilla 50–3": weeks 50, 52 and 2 every year
    # (53, 1 and 3 are odd).
    rule = Rule(WeekWindow(50, 3), repeat=Repeat(Frequency.WEEKLY, parity=WeekParity.EVEN))
    assert [row[1] for row in by_school_year(rule)[2026]] == [
        "2026:2026-W50",
        "2026:2026-W52",
        "2026:2027-W02",
    ]
    odd = Rule(WeekWindow(50, 3), repeat=Repeat(Frequency.WEEKLY, parity=WeekParity.ODD))
    # Odd: 51, 53, 1 and 3 in ISO 2026; 51, 1 and 3 in 2027.
    assert [row[0] for row in by_school_year(odd)[2026]] == [
        "14.12.2026–20.12.2026",
        "28.12.2026–3.1.2027",
        "4.1.2027–10.1.2027",
        "18.1.2027–24.1.2027",
    ]
    assert [row[1] for row in by_school_year(odd)[2027]] == [
        "2027:2027-W51",
        "2027:2028-W01",
        "2027:2028-W03",
    ]


def test_weekly_without_a_window_is_the_iso_year() -> None:
    # "viikoittain": ISO 2026 has 53 weeks, 29.12.2025–3.1.2027.
    rule = Rule(repeat=Repeat(Frequency.WEEKLY))
    weeks = [occ for occ in rule.instances(D(2025, 12, 1), D(2027, 1, 31)) if occ.year == 2026]
    assert len(weeks) == 53
    assert (text(weeks[0]), weeks[0].period) == ("29.12.2025–4.1.2026", "2026:2026-W01")
    assert (text(weeks[-1]), weeks[-1].period) == ("28.12.2026–3.1.2027", "2026:2026-W53")
    assert len([o for o in rule.instances(D(2027, 1, 1), D(2028, 1, 9)) if o.year == 2027]) == 52


def test_every_other_tuesday_restarts_with_the_iso_year() -> None:
    # "joka toinen tiistai": weeks 1, 3, …, 53 of ISO 2026 (27 Tuesdays), then
    # week 1 of 2027 again – two weeks running over the turn of the year.
    rule = Rule(repeat=Repeat(Frequency.WEEKLY, 2, TU))
    found = rule.instances(D(2025, 12, 29), D(2027, 1, 10))
    in_2026 = [occ for occ in found if occ.year == 2026]
    assert len(in_2026) == 27
    assert [fi(occ.start) for occ in in_2026[:2]] == ["30.12.2025", "13.1.2026"]
    assert [fi(occ.start) for occ in found[-3:]] == ["15.12.2026", "29.12.2026", "5.1.2027"]
    assert [occ.period for occ in found[-2:]] == ["2026:2026-W53", "2027:2027-W01"]


def test_weekday_span_clipped_to_the_window() -> None:
    # "3.–16.9. ma–pe viikoittain": 3.9.2026 is a Thursday, 16.9.2026 a Wednesday.
    rule = Rule(DateWindow(3, 9, 16, 9), repeat=Repeat(Frequency.WEEKLY, weekday=MO, until=FR))
    assert by_school_year(rule)[2026] == [
        ("3.9.2026–4.9.2026", "2026:2026-W36"),
        ("7.9.2026–11.9.2026", "2026:2026-W37"),
        ("14.9.2026–16.9.2026", "2026:2026-W38"),
    ]
    # 2028: 3.9. is a Sunday, 16.9. a Saturday: the Sunday gives nothing.
    assert [row[0] for row in by_school_year(rule)[2028]] == [
        "4.9.2028–8.9.2028",
        "11.9.2028–15.9.2028",
    ]


# ---------------------------------------------------------------------------
# Times of day across the changes of summer time
# ---------------------------------------------------------------------------


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_sundays_at_ten_over_the_autumn_change() -> None:
    # "sunnuntaisin klo 10 18.10.–1.11.": 25.10.2026 is the change day; 10.00
    # is already winter time (UTC+2).
    rule = Rule(
        DateWindow(18, 10, 1, 11),
        repeat=Repeat(Frequency.WEEKLY, weekday=SU),
        time=TimeOfDay(dt.time(10)),
    )
    found = starting_in(rule, 2026)
    assert [fi(occ.start) for occ in found] == ["18.10.2026", "25.10.2026", "1.11.2026"]
    starts = [occ.start_at(HELSINKI) for occ in found]
    assert starts == [utc(2026, 10, 18, 7), utc(2026, 10, 25, 8), utc(2026, 11, 1, 8)]
    assert [s.utcoffset() for s in starts if s is not None] == [
        dt.timedelta(hours=3),
        dt.timedelta(hours=2),
        dt.timedelta(hours=2),
    ]
    ends = [occ.end_at(HELSINKI) for occ in found]
    assert ends == [utc(2026, 10, 18, 8), utc(2026, 10, 25, 9), utc(2026, 11, 1, 9)]


def test_sundays_at_ten_over_the_spring_change() -> None:
    # 28.3.2027 is the change day; 10.00 is already summer time (UTC+3).
    rule = Rule(
        DateWindow(21, 3, 4, 4),
        repeat=Repeat(Frequency.WEEKLY, weekday=SU),
        time=TimeOfDay(dt.time(10), dt.time(11, 30)),
    )
    found = starting_in(rule, 2026)
    assert [fi(occ.start) for occ in found] == ["21.3.2027", "28.3.2027", "4.4.2027"]
    assert [occ.start_at(HELSINKI) for occ in found] == [
        utc(2027, 3, 21, 8),
        utc(2027, 3, 28, 7),
        utc(2027, 4, 4, 7),
    ]
    assert [occ.end_at(HELSINKI) for occ in found] == [
        utc(2027, 3, 21, 9, 30),
        utc(2027, 3, 28, 8, 30),
        utc(2027, 4, 4, 8, 30),
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # "lokakuun viimeisenä sunnuntaina klo 14": the autumn change days
        # 26.10.2025, 25.10.2026, 31.10.2027, 29.10.2028 (UTC+2 by 14.00).
        (
            Rule(NthWeekdayWindow(10, SU, -1), time=TimeOfDay(dt.time(14))),
            {
                2025: utc(2025, 10, 26, 12),
                2026: utc(2026, 10, 25, 12),
                2027: utc(2027, 10, 31, 12),
                2028: utc(2028, 10, 29, 12),
            },
        ),
        # "maaliskuun viimeisenä sunnuntaina klo 14": the spring change days
        # 29.3.2026, 28.3.2027, 26.3.2028, 25.3.2029 (UTC+3 by 14.00).
        (
            Rule(NthWeekdayWindow(3, SU, -1), time=TimeOfDay(dt.time(14))),
            {
                2025: utc(2026, 3, 29, 11),
                2026: utc(2027, 3, 28, 11),
                2027: utc(2028, 3, 26, 11),
                2028: utc(2029, 3, 25, 11),
            },
        ),
        # "10.9. klo 17.30–19": summer time.
        (
            Rule(DateWindow.on(10, 9), time=TimeOfDay(dt.time(17, 30), dt.time(19))),
            {y: utc(y, 9, 10, 14, 30) for y in SCHOOL_YEARS},
        ),
    ],
)
def test_timed_one_day_windows(rule: Rule, expected: dict[int, dt.datetime]) -> None:
    for year, start in expected.items():
        (occ,) = starting_in(rule, year)
        at = occ.start_at(HELSINKI)
        assert at == start
        assert at is not None and at.tzinfo is HELSINKI
        end = occ.end_at(HELSINKI)
        assert end is not None and rule.time is not None
        assert end.time() == rule.time.end


def test_a_time_of_day_defaults_to_one_hour() -> None:
    assert TimeOfDay(dt.time(14)) == TimeOfDay(dt.time(14), dt.time(15))
    assert TimeOfDay(dt.time(17, 30)).end == dt.time(18, 30)


# ---------------------------------------------------------------------------
# School years and follow-ups of the new targets
# ---------------------------------------------------------------------------


def test_one_school_year_only() -> None:
    # "viikoilla 43–44, lukuvuonna 2026–2027"
    rule = Rule(WeekWindow(43, 44), school_year=2026)
    assert by_school_year(rule) == {
        2025: [],
        2026: [("19.10.2026–1.11.2026", "2026")],
        2027: [],
        2028: [],
    }


FOLLOW_UP_TABLES: list[tuple[str, Rule, dict[int, str]]] = [
    (
        # Weeks 43–44 end on 2.11.2025, 1.11.2026, 7.11.2027, 5.11.2028.
        "viikoilla 43–44, tulokset viikolla 47",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(WeekWindow(47, 47))),
        {
            2025: "17.11.2025–23.11.2025",
            2026: "16.11.2026–22.11.2026",
            2027: "22.11.2027–28.11.2027",
            2028: "20.11.2028–26.11.2028",
        },
    ),
    (
        # The target's weeks 44–46 contain the parent's end: clipped to the
        # day after it.
        "viikoilla 43–44, tulokset aikaisintaan viikoilla 44–46",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(WeekWindow(44, 46), earliest=True)),
        {
            2025: "3.11.2025–16.11.2025",
            2026: "2.11.2026–15.11.2026",
            2027: "8.11.2027–21.11.2027",
            2028: "6.11.2028–19.11.2028",
        },
    ),
    (
        "viikoilla 43–44, tulokset 15.1.",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(DateWindow.on(15, 1))),
        {y: f"15.1.{y + 1}" for y in SCHOOL_YEARS},
    ),
    (
        # The next week 53 after weeks 43–44: 2026's, then 2032's
        # (27.12.2032–2.1.2033).
        "viikoilla 43–44, tulokset aikaisintaan viikolla 53",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(WeekWindow(53, 53), earliest=True)),
        {
            2025: "28.12.2026–3.1.2027",
            2026: "28.12.2026–3.1.2027",
            2027: "27.12.2032–2.1.2033",
            2028: "27.12.2032–2.1.2033",
        },
    ),
    (
        # The next 29.2. after November: 2028, then 2032.
        "viikoilla 43–44, tulokset 29.2.",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(DateWindow.on(29, 2))),
        {2025: "29.2.2028", 2026: "29.2.2028", 2027: "29.2.2028", 2028: "29.2.2032"},
    ),
]


@pytest.mark.parametrize(("phrase", "rule", "table"), FOLLOW_UP_TABLES, ids=lambda v: str(v)[:40])
def test_follow_ups_of_weeks_and_dates(phrase: str, rule: Rule, table: dict[int, str]) -> None:
    for year, expected in table.items():
        (parent,) = starting_in(rule, year)
        follow_ups = [
            occ
            for occ in rule.occurrences(parent.start, D(year + 8, 12, 31))
            if occ.parent == parent
        ]
        assert [text(occ) for occ in follow_ups] == [expected], (phrase, year)
        assert (follow_ups[0].year, follow_ups[0].period) == (parent.year, parent.period)
        assert not follow_ups[0].is_timed


def test_monthly_cadence_with_results_has_one_follow_up_each() -> None:
    # "kuukausittain syys–lokakuussa, tulokset 15.1.": each month's results on
    # the next 15.1., with the month's period.
    rule = Rule(
        MonthWindow(9, 10),
        repeat=Repeat(Frequency.MONTHLY),
        follow_up=FollowUp(DateWindow.on(15, 1)),
    )
    found = [
        (text(occ), occ.period, occ.follow_up)
        for occ in rule.occurrences(D(2026, 9, 1), D(2027, 1, 31))
    ]
    assert found == [
        ("1.9.2026–30.9.2026", "2026:2026-09", False),
        ("1.10.2026–31.10.2026", "2026:2026-10", False),
        ("15.1.2027", "2026:2026-09", True),
        ("15.1.2027", "2026:2026-10", True),
    ]


def test_weekly_at_the_end_of_the_calendar() -> None:
    # 31.12.9999 (date.max) is a Friday: the last ISO week of 9999, week 52,
    # starts on Mon 27.12.9999 and is cut at date.max.
    rule = Rule(repeat=Repeat(Frequency.WEEKLY))
    assert [(text(o), o.period) for o in rule.occurrences(D(9999, 12, 20), D.max)] == [
        ("20.12.9999–26.12.9999", "9999:9999-W51"),
        ("27.12.9999–31.12.9999", "9999:9999-W52"),
    ]
    saturdays = Rule(repeat=Repeat(Frequency.WEEKLY, weekday=SA))
    assert [text(o) for o in saturdays.occurrences(D(9999, 12, 1), D.max)] == [
        "4.12.9999",
        "11.12.9999",
        "18.12.9999",
        "25.12.9999",
    ]
