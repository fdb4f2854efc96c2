"""Unit tests of the recurrence core (``opiskeluhuolto.recurrence``).

Expected dates are worked out by hand from the calendar (noted beside each
case), not copied from the implementation's output.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import attrs
import pytest

from opiskeluhuolto.recurrence import (
    MAX_YEAR,
    Cadence,
    DateWindow,
    FollowUp,
    MonthWindow,
    Occurrence,
    Phase,
    Rule,
    SchoolYear,
    Season,
    SeasonWindow,
    WeekWindow,
    Window,
    YearPattern,
    has_week_53,
    iso_weeks_in_year,
)

D = dt.date


def spans(rule: Rule, start: D, end: D) -> list[tuple[D, D]]:
    """The main occurrences as (start, end) pairs."""
    return [(occ.start, occ.end) for occ in rule.occurrences(start, end) if not occ.follow_up]


def starts(rule: Rule, first_year: int, last_year: int) -> list[D]:
    return [start for start, _ in spans(rule, D(first_year, 1, 1), D(last_year, 12, 31))]


# ---------------------------------------------------------------------------
# ISO weeks
# ---------------------------------------------------------------------------


def test_week_53_years_2020_2040() -> None:
    # By hand: an ISO year has 53 weeks iff 1 January is a Thursday, or a
    # Wednesday in a leap year.  1.1.2020 Wed (leap), 1.1.2026 Thu,
    # 1.1.2032 Thu (leap), 1.1.2037 Thu.
    expected = [2020, 2026, 2032, 2037]
    by_rule = [
        year
        for year in range(2020, 2041)
        if D(year, 1, 1).weekday() == 3
        or (D(year, 1, 1).weekday() == 2 and year % 4 == 0 and (year % 100 or year % 400 == 0))
    ]
    assert by_rule == expected
    assert [year for year in range(2020, 2041) if has_week_53(year)] == expected
    assert iso_weeks_in_year(2026) == 53
    assert iso_weeks_in_year(2027) == 52


def test_single_week_40_of_2026() -> None:
    # Week 1 of 2026 starts Mon 29.12.2025 (1.1.2026 is a Thursday);
    # week 40 starts 39 weeks later: 28.9.2026.
    window = WeekWindow(40, 40)
    assert window.span(2026) == (D(2026, 9, 28), D(2026, 10, 4))
    assert not window.wraps
    assert spans(Rule(window), D(2026, 1, 1), D(2026, 12, 31)) == [(D(2026, 9, 28), D(2026, 10, 4))]


def test_weeks_43_44() -> None:
    window = WeekWindow(43, 44)
    assert window.span(2026) == (D(2026, 10, 19), D(2026, 11, 1))
    assert window.span(2032) == (D(2032, 10, 18), D(2032, 10, 31))


def test_week_1_can_start_in_previous_december() -> None:
    # ISO year 2026 starts Mon 29.12.2025.  The occurrence belongs to 2026,
    # so "even years" includes it although it starts in 2025.
    assert WeekWindow(1, 1).span(2026) == (D(2025, 12, 29), D(2026, 1, 4))
    rule = Rule(WeekWindow(1, 1), YearPattern.even())
    assert spans(rule, D(2025, 12, 1), D(2025, 12, 31)) == [(D(2025, 12, 29), D(2026, 1, 4))]
    odd = Rule(WeekWindow(1, 1), YearPattern.odd())
    assert spans(odd, D(2025, 12, 1), D(2026, 1, 31)) == []


def test_week_wrap_52_1() -> None:
    window = WeekWindow(52, 1)
    assert window.wraps
    # 2025: week 52 starts Mon 22.12.2025; week 1 of 2026 ends Sun 4.1.2026.
    assert window.span(2025) == (D(2025, 12, 22), D(2026, 1, 4))
    # 2026 has a week 53, which the wrap includes: 21.12.2026 – Sun 10.1.2027
    # (week 1 of 2027 starts Mon 4.1.2027, 1.1.2027 being a Friday).
    assert window.span(2026) == (D(2026, 12, 21), D(2027, 1, 10))
    assert spans(Rule(window), D(2027, 1, 5), D(2027, 1, 5)) == [(D(2026, 12, 21), D(2027, 1, 10))]


def test_week_53_only_in_53_week_years() -> None:
    rule = Rule(WeekWindow(53, 53))
    # Week 53 Mondays: 28.12.2020, 28.12.2026, 27.12.2032, 28.12.2037.
    assert starts(rule, 2020, 2040) == [
        D(2020, 12, 28),
        D(2026, 12, 28),
        D(2032, 12, 27),
        D(2037, 12, 28),
    ]
    assert WeekWindow(53, 53).span(2027) is None
    assert rule.can_skip_years
    assert WeekWindow(53, 53).names_week_53
    # Week 53 as the end of a range, or as the start of a wrap.
    assert WeekWindow(50, 53).span(2026) == (D(2026, 12, 7), D(2027, 1, 3))
    assert WeekWindow(50, 53).span(2027) is None
    assert WeekWindow(53, 1).span(2026) == (D(2026, 12, 28), D(2027, 1, 10))
    assert WeekWindow(53, 1).span(2025) is None


# ---------------------------------------------------------------------------
# Months, dates, seasons
# ---------------------------------------------------------------------------


def test_month_window() -> None:
    assert MonthWindow(1, 3).span(2026) == (D(2026, 1, 1), D(2026, 3, 31))
    assert MonthWindow(2, 2).span(2028) == (D(2028, 2, 1), D(2028, 2, 29))
    assert MonthWindow(2, 2).span(2100) == (D(2100, 2, 1), D(2100, 2, 28))  # 2100 is no leap year


def test_month_wrap_11_1() -> None:
    window = MonthWindow(11, 1)
    assert window.wraps
    assert window.span(2026) == (D(2026, 11, 1), D(2027, 1, 31))
    # A query in January 2027 finds the window of 2026.
    assert spans(Rule(window), D(2027, 1, 15), D(2027, 1, 15)) == [(D(2026, 11, 1), D(2027, 1, 31))]


def test_single_date_and_constructor() -> None:
    assert DateWindow.on(11, 2) == DateWindow(11, 2, 11, 2)
    assert DateWindow.on(11, 2).is_single
    assert starts(Rule(DateWindow.on(11, 2)), 2026, 2028) == [
        D(2026, 2, 11),
        D(2027, 2, 11),
        D(2028, 2, 11),
    ]
    assert DateWindow.on(6, 12).span(2026) == (D(2026, 12, 6), D(2026, 12, 6))


def test_date_range_wrap() -> None:
    window = DateWindow(15, 12, 15, 1)
    assert window.wraps and not window.is_single
    assert window.span(2026) == (D(2026, 12, 15), D(2027, 1, 15))
    assert DateWindow(1, 6, 15, 8).span(2026) == (D(2026, 6, 1), D(2026, 8, 15))
    assert not DateWindow(1, 6, 15, 8).wraps


def test_leap_day() -> None:
    rule = Rule(DateWindow.on(29, 2))
    assert starts(rule, 2020, 2030) == [D(2020, 2, 29), D(2024, 2, 29), D(2028, 2, 29)]
    # 2100 is not a leap year (divisible by 100, not by 400); 2000 is.
    assert starts(rule, 2096, 2104) == [D(2096, 2, 29), D(2104, 2, 29)]
    assert starts(rule, 1999, 2001) == [D(2000, 2, 29)]
    assert rule.can_skip_years
    # A range from 29.2. occurs only when 29.2. exists.
    assert DateWindow(29, 2, 28, 2).span(2028) == (D(2028, 2, 29), D(2029, 2, 28))
    assert DateWindow(29, 2, 28, 2).span(2027) is None
    # A range to 29.2. occurs only when its end year is a leap year.
    assert DateWindow(1, 3, 29, 2).span(2027) == (D(2027, 3, 1), D(2028, 2, 29))
    assert DateWindow(1, 3, 29, 2).span(2026) is None


def test_seasons() -> None:
    assert SeasonWindow(Season.SPRING).span(2026) == (D(2026, 1, 1), D(2026, 5, 31))
    assert SeasonWindow(Season.SUMMER).span(2026) == (D(2026, 6, 1), D(2026, 7, 31))
    assert SeasonWindow(Season.AUTUMN).span(2026) == (D(2026, 8, 1), D(2026, 12, 31))
    assert SeasonWindow(Season.AUTUMN).as_months() == MonthWindow(8, 12)
    assert Season("kevät") is Season.SPRING


# ---------------------------------------------------------------------------
# Year patterns
# ---------------------------------------------------------------------------


def test_even_and_odd_years() -> None:
    autumn = MonthWindow(10, 12)
    assert starts(Rule(autumn, YearPattern.even()), 2023, 2028) == [
        D(2024, 10, 1),
        D(2026, 10, 1),
        D(2028, 10, 1),
    ]
    assert starts(Rule(autumn, YearPattern.odd()), 2023, 2028) == [
        D(2023, 10, 1),
        D(2025, 10, 1),
        D(2027, 10, 1),
    ]


def test_anchor_is_a_phase_not_a_lower_bound() -> None:
    spring = SeasonWindow(Season.SPRING)
    next_2026 = Rule(spring, YearPattern.every(2, next=2026))
    assert starts(next_2026, 2023, 2028) == [D(2024, 1, 1), D(2026, 1, 1), D(2028, 1, 1)]
    last_2025 = Rule(spring, YearPattern.every(2, last=2025))
    assert starts(last_2025, 2022, 2027) == [D(2023, 1, 1), D(2025, 1, 1), D(2027, 1, 1)]
    every_3 = YearPattern.every(3, next=2026)
    assert list(every_3.years(2018, 2030)) == [2020, 2023, 2026, 2029]
    assert every_3.includes(2017) and not every_3.includes(2027)


def test_phase_styles_are_kept() -> None:
    # "next 2026" and "last 2024" pick the same years but read differently,
    # so they are different values.
    assert YearPattern.every(2, next=2026) != YearPattern.every(2, last=2024)
    assert list(YearPattern.every(2, next=2026).years(2020, 2030)) == list(
        YearPattern.every(2, last=2024).years(2020, 2030)
    )
    assert YearPattern.every(2, next=2026).phase is Phase.NEXT


def test_validity_bounds_years() -> None:
    tuttu = YearPattern(valid_from=2024, valid_to=2025)
    assert starts(Rule(MonthWindow(2, 3), tuttu), 2020, 2030) == [D(2024, 2, 1), D(2025, 2, 1)]
    open_end = YearPattern(2, Phase.EVEN, valid_from=2025)
    assert starts(Rule(MonthWindow(2, 3), open_end), 2020, 2030) == [
        D(2026, 2, 1),
        D(2028, 2, 1),
        D(2030, 2, 1),
    ]
    until = YearPattern(valid_to=2021)
    assert starts(Rule(MonthWindow(2, 3), until), 2019, 2030) == [
        D(2019, 2, 1),
        D(2020, 2, 1),
        D(2021, 2, 1),
    ]


def test_validity_applies_to_the_window_year() -> None:
    # The 2025 window of weeks 52–1 ends in 2026, but its year is 2025.
    rule = Rule(WeekWindow(52, 1), YearPattern(valid_to=2025))
    assert spans(rule, D(2026, 1, 1), D(2026, 12, 31)) == [(D(2025, 12, 22), D(2026, 1, 4))]


def test_undetermined_every_other_year_has_no_occurrences() -> None:
    pattern = YearPattern(2)
    assert not pattern.is_determined
    assert not pattern.includes(2026)
    assert list(pattern.years(2000, 2100)) == []
    rule = Rule(SeasonWindow(Season.AUTUMN), pattern)
    assert not rule.is_scheduled
    assert rule.occurrences(D(2000, 1, 1), D(2100, 12, 31)) == []


# ---------------------------------------------------------------------------
# Follow-ups (DESIGN section 2)
# ---------------------------------------------------------------------------

NOVEMBER_EARLIEST = FollowUp(MonthWindow(11, 11), earliest=True)
JANUARY_EARLIEST = FollowUp(MonthWindow(1, 1), earliest=True)


def test_follow_up_clipped_to_day_after_parent_2026() -> None:
    rule = Rule(WeekWindow(43, 44), follow_up=NOVEMBER_EARLIEST)
    parent = Occurrence(D(2026, 10, 19), D(2026, 11, 1))
    assert rule.occurrences(D(2026, 1, 1), D(2026, 12, 31)) == [
        parent,
        Occurrence(D(2026, 11, 2), D(2026, 11, 30), parent),
    ]


def test_follow_up_whole_month_2032() -> None:
    rule = Rule(WeekWindow(43, 44), follow_up=NOVEMBER_EARLIEST)
    parent = Occurrence(D(2032, 10, 18), D(2032, 10, 31))
    assert rule.occurrences(D(2032, 1, 1), D(2032, 12, 31)) == [
        parent,
        Occurrence(D(2032, 11, 1), D(2032, 11, 30), parent),
    ]


def test_follow_up_in_next_year() -> None:
    # Weeks 48–49 of 2026: Mon 23.11. – Sun 6.12.2026; results 1.1.–31.1.2027.
    rule = Rule(WeekWindow(48, 49), follow_up=JANUARY_EARLIEST)
    parent = Occurrence(D(2026, 11, 23), D(2026, 12, 6))
    assert [occ for occ in rule.occurrences(D(2026, 11, 1), D(2027, 1, 31))] == [
        parent,
        Occurrence(D(2027, 1, 1), D(2027, 1, 31), parent),
    ]


def test_follow_up_appears_when_only_it_intersects() -> None:
    rule = Rule(WeekWindow(48, 49), follow_up=JANUARY_EARLIEST)
    found = rule.occurrences(D(2027, 1, 10), D(2027, 1, 20))
    assert found == [
        Occurrence(D(2027, 1, 1), D(2027, 1, 31), Occurrence(D(2026, 11, 23), D(2026, 12, 6)))
    ]
    assert found[0].follow_up
    assert rule.instances(D(2027, 1, 10), D(2027, 1, 20)) == []


def test_follow_up_seasons_from_the_seed() -> None:
    # Kouluterveyskysely: spring, every other year, last 2025, results in the autumn.
    kouluterveys = Rule(
        SeasonWindow(Season.SPRING),
        YearPattern.every(2, last=2025),
        FollowUp(SeasonWindow(Season.AUTUMN)),
    )
    parent = Occurrence(D(2025, 1, 1), D(2025, 5, 31))
    assert kouluterveys.occurrences(D(2025, 1, 1), D(2026, 12, 31)) == [
        parent,
        Occurrence(D(2025, 8, 1), D(2025, 12, 31), parent),
    ]
    # Amisbarometri: every other year, next 2026 (spring), results in August.
    amis = Rule(
        SeasonWindow(Season.SPRING),
        YearPattern.every(2, next=2026),
        FollowUp(MonthWindow(8, 8)),
    )
    assert [(o.start, o.end) for o in amis.occurrences(D(2026, 6, 1), D(2027, 12, 31))] == [
        (D(2026, 8, 1), D(2026, 8, 31))
    ]


def test_follow_up_target_containing_parent_end_is_clipped() -> None:
    # 11.2. with results in spring: the rest of that spring, 12.2.–31.5.
    rule = Rule(DateWindow.on(11, 2), follow_up=FollowUp(SeasonWindow(Season.SPRING)))
    found = rule.occurrences(D(2026, 3, 1), D(2026, 3, 1))
    assert [(o.start, o.end, o.follow_up) for o in found] == [
        (D(2026, 2, 12), D(2026, 5, 31), True)
    ]


def test_follow_up_target_ending_with_parent_moves_to_next_year() -> None:
    # May ends on 31.5., the same day as spring: the first spring that ends
    # *after* the parent is next year's.
    rule = Rule(MonthWindow(5, 5), follow_up=FollowUp(SeasonWindow(Season.SPRING)))
    found = rule.occurrences(D(2026, 5, 1), D(2026, 5, 31))
    may_2025 = Occurrence(D(2025, 5, 1), D(2025, 5, 31))
    assert found == [
        Occurrence(D(2026, 1, 1), D(2026, 5, 31), may_2025),  # results of May 2025
        Occurrence(D(2026, 5, 1), D(2026, 5, 31)),
    ]
    assert FollowUp(SeasonWindow(Season.SPRING)).after(D(2026, 5, 31)) == (
        D(2027, 1, 1),
        D(2027, 5, 31),
    )


def test_follow_up_with_wrapping_target_from_previous_year() -> None:
    # Target Dec–Jan: for a parent ending 10.1.2027 the first such window
    # ending later is Dec 2026 – Jan 2027, clipped to 11.1.–31.1.2027.
    follow_up = FollowUp(MonthWindow(12, 1))
    assert follow_up.after(D(2027, 1, 10)) == (D(2027, 1, 11), D(2027, 1, 31))
    assert follow_up.after(D(2027, 1, 31)) == (D(2027, 12, 1), D(2028, 1, 31))


def test_earliest_flag_does_not_change_dates() -> None:
    a = Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True))
    b = Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=False))
    assert a != b
    query = (D(2020, 1, 1), D(2030, 12, 31))
    assert a.occurrences(*query) == b.occurrences(*query)


# ---------------------------------------------------------------------------
# Undated and windowless rules
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("cadence", list(Cadence))
def test_undated_cadence_has_no_occurrences(cadence: Cadence) -> None:
    rule = Rule(cadence=cadence)
    assert rule.is_undated
    assert not rule.is_scheduled
    assert rule.occurrences(D(1, 1, 1), D(9999, 12, 31)) == []
    assert rule.span(2026) is None


@pytest.mark.parametrize("years", [YearPattern(), YearPattern(2), YearPattern.even()])
def test_windowless_rule_has_no_occurrences(years: YearPattern) -> None:
    rule = Rule(years=years)
    assert not rule.is_undated
    assert not rule.is_scheduled
    assert rule.occurrences(D(2000, 1, 1), D(2100, 12, 31)) == []
    assert rule.span(2026) is None


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------


def test_query_bounds_are_inclusive() -> None:
    rule = Rule(WeekWindow(40, 40))  # 28.9.–4.10.2026
    assert len(rule.occurrences(D(2026, 9, 1), D(2026, 9, 28))) == 1
    assert len(rule.occurrences(D(2026, 10, 4), D(2026, 10, 31))) == 1
    assert rule.occurrences(D(2026, 9, 1), D(2026, 9, 27)) == []
    assert rule.occurrences(D(2026, 10, 5), D(2026, 10, 31)) == []


def test_empty_and_reversed_query() -> None:
    rule = Rule(MonthWindow(1, 12))
    assert rule.occurrences(D(2026, 5, 2), D(2026, 5, 1)) == []
    assert rule.occurrences(D(2026, 5, 1), D(2026, 5, 1)) == [
        Occurrence(D(2026, 1, 1), D(2026, 12, 31))
    ]


def test_results_sorted_with_follow_ups_interleaved() -> None:
    rule = Rule(WeekWindow(48, 49), follow_up=JANUARY_EARLIEST)
    found = rule.occurrences(D(2025, 1, 1), D(2027, 12, 31))
    assert [(o.start, o.follow_up) for o in found] == [
        (D(2025, 1, 1), True),  # results of the 2024 survey
        (D(2025, 11, 24), False),
        (D(2026, 1, 1), True),
        (D(2026, 11, 23), False),
        (D(2027, 1, 1), True),
        (D(2027, 11, 29), False),
    ]


def test_rule_span_and_instances() -> None:
    rule = Rule(MonthWindow(10, 12), YearPattern.even())
    assert rule.span(2026) == (D(2026, 10, 1), D(2026, 12, 31))
    assert rule.span(2027) is None
    assert rule.instances(D(2026, 1, 1), D(2027, 12, 31)) == [
        Occurrence(D(2026, 10, 1), D(2026, 12, 31))
    ]


def test_occurrence_helpers() -> None:
    parent = Occurrence(D(2026, 10, 19), D(2026, 11, 1))
    child = Occurrence(D(2026, 11, 2), D(2026, 11, 30), parent)
    assert parent.days == 14
    assert not parent.follow_up and child.follow_up
    assert parent.intersects(D(2026, 11, 1), D(2026, 12, 1))
    assert not parent.intersects(D(2026, 11, 2), D(2026, 12, 1))
    assert parent.sort_key() < child.sort_key()


@pytest.mark.parametrize(
    "window",
    [
        WeekWindow(52, 1),
        WeekWindow(53, 52),
        WeekWindow(1, 1),
        MonthWindow(11, 1),
        DateWindow(15, 12, 15, 1),
        DateWindow.on(31, 12),
        DateWindow.on(29, 2),
        SeasonWindow(Season.AUTUMN),
    ],
    ids=repr,
)
@pytest.mark.parametrize(
    "follow_up", [None, FollowUp(MonthWindow(12, 11)), FollowUp(MonthWindow(1, 1))]
)
def test_year_9999_and_year_1_never_raise(window: Window, follow_up: FollowUp | None) -> None:
    rule = Rule(window, follow_up=follow_up)
    late = rule.occurrences(D(9990, 1, 1), D.max)
    assert late, "the last decade of the calendar has occurrences"
    assert all(occ.end <= D.max for occ in late)
    assert rule.occurrences(D.max, D.max) == [occ for occ in late if occ.intersects(D.max, D.max)]
    early = rule.occurrences(D.min, D(10, 12, 31))
    assert early and all(occ.start >= D.min for occ in early)


def test_whole_calendar_query() -> None:
    rule = Rule(DateWindow.on(31, 12), YearPattern.every(99, next=2026))
    found = rule.occurrences(D.min, D.max)
    # 2026 - 20 * 99 = 46 is the first qualifying year, 2026 + 80 * 99 = 9946 the last.
    assert found[0].start == D(46, 12, 31)
    assert found[-1].start == D(9946, 12, 31)
    assert len(found) == 101


def test_week_window_at_the_end_of_the_calendar() -> None:
    # ISO year 9999 ends on Fri 31.12.9999 (in week 52), so the window of weeks
    # 52–52 of 9999 would end in 10000: it has no occurrence; the year before
    # is fine.
    assert D.max.isocalendar() == (9999, 52, 5)
    assert WeekWindow(52, 52).span(MAX_YEAR) is None
    assert Rule(WeekWindow(52, 52)).occurrences(D(9998, 1, 1), D.max)[-1].start.year == 9998
    assert MonthWindow(12, 1).span(MAX_YEAR) is None


# ---------------------------------------------------------------------------
# Construction: validation, equality, hashing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "args", "kwargs"),
    [
        (WeekWindow, (54, 1), {}),
        (WeekWindow, (1, 54), {}),
        (WeekWindow, (0, 1), {}),
        (MonthWindow, (13, 1), {}),
        (MonthWindow, (0, 1), {}),
        (MonthWindow, (1, 13), {}),
        (DateWindow.on, (31, 2), {}),
        (DateWindow.on, (30, 2), {}),
        (DateWindow.on, (31, 4), {}),
        (DateWindow.on, (0, 1), {}),
        (DateWindow.on, (1, 13), {}),
        (DateWindow, (1, 1, 32, 1), {}),
        (YearPattern, (3, Phase.EVEN), {}),
        (YearPattern, (3, Phase.ODD), {}),
        (YearPattern, (2, Phase.EVEN, 2026), {}),
        (YearPattern, (2, Phase.NEXT), {}),
        (YearPattern, (2, Phase.LAST), {}),
        (YearPattern, (2, None, 2026), {}),
        (YearPattern, (1, Phase.NEXT, 2026), {}),
        (YearPattern, (0,), {}),
        (YearPattern, (100,), {}),
        (YearPattern, (), {"valid_from": 2026, "valid_to": 2025}),
        (YearPattern, (), {"valid_from": 10000}),
        (YearPattern, (2, Phase.NEXT, 0), {}),
        (YearPattern.every, (2,), {"next": 2026, "last": 2024}),
        (Rule, (WeekWindow(1, 1),), {"cadence": Cadence.AS_NEEDED}),
        (Rule, (), {"cadence": Cadence.AS_NEEDED, "years": YearPattern.even()}),
        (Rule, (), {"cadence": Cadence.EVERY_MEETING, "follow_up": NOVEMBER_EARLIEST}),
        (SchoolYear, (0,), {}),
        (SchoolYear, (9999,), {}),
    ],
)
def test_invalid_values_raise_value_error(
    factory: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(ValueError):
        factory(*args, **kwargs)


@pytest.mark.parametrize(
    ("factory", "args", "kwargs"),
    [
        (WeekWindow, ("40", 40), {}),
        (WeekWindow, (True, 1), {}),
        (MonthWindow, (1.0, 2), {}),
        (DateWindow, ("1", 1, 1, 1), {}),
        (SeasonWindow, ("kevät",), {}),
        (FollowUp, ("syyskuu",), {}),
        (FollowUp, (MonthWindow(1, 1),), {"earliest": 1}),
        (YearPattern, ("2",), {}),
        (YearPattern, (2, "next", 2026), {}),
        (YearPattern, (2, Phase.NEXT, "2026"), {}),
        (Rule, ("viikolla 40",), {}),
        (Rule, (WeekWindow(1, 1), None), {}),
        (Rule, (), {"follow_up": MonthWindow(11, 11)}),
        (Rule, (), {"cadence": "tarpeen mukaan"}),
        (SchoolYear, ("2026",), {}),
    ],
)
def test_wrong_types_raise_type_error(
    factory: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(TypeError):
        factory(*args, **kwargs)


def test_equal_rules_are_equal_and_hash_equal() -> None:
    def build() -> Rule:
        return Rule(
            WeekWindow(43, 44),
            YearPattern(2, Phase.NEXT, 2026, valid_from=2024),
            FollowUp(MonthWindow(11, 11), earliest=True),
        )

    a, b = build(), build()
    assert a is not b
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert {a: "huoltajakysely"}[b] == "huoltajakysely"
    assert Rule(cadence=Cadence.AS_NEEDED) == Rule(cadence=Cadence.AS_NEEDED)
    assert Rule(cadence=Cadence.AS_NEEDED) != Rule(cadence=Cadence.EVERY_MEETING)
    assert Rule(WeekWindow(40, 40)) != Rule(WeekWindow(40, 41))
    assert Rule(MonthWindow(8, 12)) != Rule(SeasonWindow(Season.AUTUMN))
    assert hash(Occurrence(D(2026, 1, 1), D(2026, 1, 2))) == hash(
        Occurrence(D(2026, 1, 1), D(2026, 1, 2))
    )


def test_values_are_frozen() -> None:
    rule = Rule(WeekWindow(40, 40))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rule.window = WeekWindow(41, 41)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        YearPattern().interval = 2  # type: ignore[misc]


def test_year_pattern_constructors() -> None:
    assert YearPattern.even() == YearPattern(2, Phase.EVEN)
    assert YearPattern.odd() == YearPattern(2, Phase.ODD)
    assert YearPattern.every(2, next=2026) == YearPattern(2, Phase.NEXT, 2026)
    assert YearPattern.every(2, last=2025) == YearPattern(2, Phase.LAST, 2025)
    assert YearPattern.every(3) == YearPattern(3)
    assert YearPattern.every(1) == YearPattern()


# ---------------------------------------------------------------------------
# School year
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026", "2026-2027", "2026–2027", " 2026 – 2027 ", "2026 - 2027"])
def test_school_year_parse(text: str) -> None:
    assert SchoolYear.parse(text) == SchoolYear(2026)


@pytest.mark.parametrize(
    "text", ["2026-2028", "2026-2025", "abc", "", "26", "2026-27", "2026-2027-2028", "2026/2027"]
)
def test_school_year_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="lukuvuosi"):
        SchoolYear.parse(text)


def test_school_year_bounds() -> None:
    year = SchoolYear(2026)
    assert (year.start, year.end) == (D(2026, 8, 1), D(2027, 7, 31))
    assert str(year) == "2026–2027"
    assert D(2026, 8, 1) in year and D(2027, 7, 31) in year
    assert D(2026, 7, 31) not in year and D(2027, 8, 1) not in year
    assert "2026-09-01" not in year
    assert year.next() == SchoolYear(2027) and year.previous() == SchoolYear(2025)
    assert SchoolYear(2025) < year


def test_school_year_containing() -> None:
    assert SchoolYear.containing(D(2026, 7, 31)) == SchoolYear(2025)
    assert SchoolYear.containing(D(2026, 8, 1)) == SchoolYear(2026)
    assert SchoolYear.containing(D(2027, 1, 15)) == SchoolYear(2026)
    assert SchoolYear.containing(D(9999, 7, 31)) == SchoolYear(9998)
    assert SchoolYear(9998).end == D(9999, 7, 31)
    # The school year 9999–10000 cannot exist (it would end 31.7.10000): a
    # clean ValueError, not an OverflowError.
    with pytest.raises(ValueError):
        SchoolYear.containing(D.max)


def test_school_year_query() -> None:
    year = SchoolYear(2026)
    rule = Rule(WeekWindow(48, 49), follow_up=JANUARY_EARLIEST)
    found = rule.occurrences(year.start, year.end)
    assert [(o.start, o.end) for o in found] == [
        (D(2026, 11, 23), D(2026, 12, 6)),
        (D(2027, 1, 1), D(2027, 1, 31)),
    ]


def test_core_does_not_import_hypothesis() -> None:
    import subprocess

    code = (
        "import opiskeluhuolto, opiskeluhuolto.recurrence, sys; print('hypothesis' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
