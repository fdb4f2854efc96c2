"""The school calendar against hand-worked tables, the holidays package and properties.

Every expected date here was worked out by hand from a printed calendar (or,
for Easter, from the published table written out below), not by calling the
code under test.  Properties use the strategies of
:mod:`opiskeluhuolto.strategies` (``school_rules``, ``school_calendars``).
"""

from __future__ import annotations

import datetime as dt

import attrs
import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto import strategies as ost
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.groups import Group, Hierarchy
from opiskeluhuolto.phrases import describe, parse_rule
from opiskeluhuolto.recurrence import (
    Direction,
    Rule,
    SchoolCalendarRequired,
    SchoolDays,
    SchoolDayWindow,
    WeekWindow,
)
from opiskeluhuolto.school import (
    Break,
    MeetingPlan,
    SchoolCalendar,
    SchoolCalendarError,
    Term,
    public_holidays,
)

D = dt.date


def _break(break_id: str, phrase: str, owner: str | None = None) -> Break:
    return Break(break_id, break_id.capitalize(), parse_rule(phrase), owner)


TERM_2026 = Term(2026, (D(2026, 8, 12), D(2026, 12, 18)), (D(2027, 1, 7), D(2027, 5, 29)))
BREAKS = (_break("syysloma", "viikolla 42"), _break("hiihtoloma", "viikolla 9"))
SCHOOL = SchoolCalendar(terms=(TERM_2026,), breaks=BREAKS)
SCHOOL_YEAR_2026 = (D(2026, 8, 1), D(2027, 7, 31))


def _starts(phrase: str, school: SchoolCalendar, start: dt.date, end: dt.date) -> list[dt.date]:
    return [occ.start for occ in parse_rule(phrase).instances(start, end, school)]


# ---------------------------------------------------------------------------
# The school day before Independence Day, 2025–2028
# ---------------------------------------------------------------------------

# 6.12. is Sat 2025, Sun 2026, Mon 2027, Wed 2028.
BEFORE_INDEPENDENCE_DAY = {
    2025: D(2025, 12, 5),  # Fri
    2026: D(2026, 12, 4),  # Fri
    2027: D(2027, 12, 3),  # Fri
    2028: D(2028, 12, 5),  # Tue
}


@pytest.mark.parametrize(
    "phrase", ["6.12. edeltävänä koulupäivänä", "6.12., siirtyy edelliseen koulupäivään"]
)
@pytest.mark.parametrize(("year", "expected"), sorted(BEFORE_INDEPENDENCE_DAY.items()))
def test_school_day_before_independence_day(phrase: str, year: int, expected: dt.date) -> None:
    school = SchoolCalendar(breaks=BREAKS)
    found = parse_rule(phrase).instances(D(year, 1, 1), D(year, 12, 31), school)
    assert [occ.start for occ in found] == [expected]
    assert found[0].end == expected
    assert expected.weekday() < 5 and school.is_school_day(expected)


def test_moved_occurrence_remembers_its_day() -> None:
    rule = parse_rule("6.12., siirtyy edelliseen koulupäivään")
    (moved,) = rule.instances(D(2026, 1, 1), D(2026, 12, 31), SCHOOL)
    assert (moved.start, moved.moved_from) == (D(2026, 12, 4), D(2026, 12, 6))
    # 6.12.2029 is a Thursday, but a holiday: back to Wednesday.
    (held,) = rule.instances(D(2029, 1, 1), D(2029, 12, 31), SchoolCalendar())
    assert (held.start, held.moved_from) == (D(2029, 12, 5), D(2029, 12, 6))
    forward = "6.12., siirtyy seuraavaan koulupäivään"  # Sun 6.12.2026 → Mon 7.12.
    assert _starts(forward, SCHOOL, D(2026, 1, 1), D(2026, 12, 31)) == [D(2026, 12, 7)]


def test_day_already_a_school_day_is_untouched() -> None:
    rule = parse_rule("10.12., siirtyy edelliseen koulupäivään")  # Thu 10.12.2026
    (occ,) = rule.instances(D(2026, 1, 1), D(2026, 12, 31), SCHOOL)
    assert (occ.start, occ.moved_from) == (D(2026, 12, 10), None)


# ---------------------------------------------------------------------------
# Public holidays
# ---------------------------------------------------------------------------

# Easter Sunday as published (e.g. the almanac of the University of Helsinki):
# 20.4.2025, 5.4.2026, 28.3.2027, 16.4.2028, 1.4.2029; the other days typed
# out from it by hand (Good Friday −2, Easter Monday +1, Ascension +39,
# Whit Sunday +49).
EASTER_TABLE = {
    2025: (D(2025, 4, 18), D(2025, 4, 20), D(2025, 4, 21), D(2025, 5, 29), D(2025, 6, 8)),
    2026: (D(2026, 4, 3), D(2026, 4, 5), D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 24)),
    2027: (D(2027, 3, 26), D(2027, 3, 28), D(2027, 3, 29), D(2027, 5, 6), D(2027, 5, 16)),
    2028: (D(2028, 4, 14), D(2028, 4, 16), D(2028, 4, 17), D(2028, 5, 25), D(2028, 6, 4)),
    2029: (D(2029, 3, 30), D(2029, 4, 1), D(2029, 4, 2), D(2029, 5, 10), D(2029, 5, 20)),
}
EASTER_NAMES = (
    "pitkäperjantai",
    "pääsiäispäivä",
    "2. pääsiäispäivä",
    "helatorstai",
    "helluntaipäivä",
)


@pytest.mark.parametrize(("year", "days"), sorted(EASTER_TABLE.items()))
def test_easter_holidays(year: int, days: tuple[dt.date, ...]) -> None:
    by_name = {h.name_fi: h.day for h in public_holidays(year)}
    assert tuple(by_name[name] for name in EASTER_NAMES) == days
    school = SchoolCalendar()
    assert [school.holiday(day).name_fi for day in days] == list(EASTER_NAMES)  # type: ignore[union-attr]


def test_fixed_and_saturday_holidays_2026() -> None:
    assert [(h.day, h.name_fi) for h in public_holidays(2026)] == [
        (D(2026, 1, 1), "uudenvuodenpäivä"),
        (D(2026, 1, 6), "loppiainen"),
        (D(2026, 4, 3), "pitkäperjantai"),
        (D(2026, 4, 5), "pääsiäispäivä"),
        (D(2026, 4, 6), "2. pääsiäispäivä"),
        (D(2026, 5, 1), "vappu"),
        (D(2026, 5, 14), "helatorstai"),
        (D(2026, 5, 24), "helluntaipäivä"),
        (D(2026, 6, 19), "juhannusaatto"),
        (D(2026, 6, 20), "juhannuspäivä"),
        (D(2026, 10, 31), "pyhäinpäivä"),
        (D(2026, 12, 6), "itsenäisyyspäivä"),
        (D(2026, 12, 24), "jouluaatto"),
        (D(2026, 12, 25), "joulupäivä"),
        (D(2026, 12, 26), "tapaninpäivä"),
    ]


@pytest.mark.parametrize("year", range(1990, 2101))
def test_public_holidays_match_the_holidays_package(year: int) -> None:
    oracle = holidays.Finland(years=year)
    assert {h.day for h in public_holidays(year)} == set(oracle)


# ---------------------------------------------------------------------------
# ei lomilla
# ---------------------------------------------------------------------------


def test_ei_lomilla_drops_easter_monday_and_winter_break_monday() -> None:
    spring = (D(2027, 2, 22), D(2027, 4, 5))
    plain = _starts("maanantaisin", SCHOOL, *spring)
    kept = _starts("maanantaisin, ei lomilla", SCHOOL, *spring)
    # Week 9 of 2027 is 1.–7.3.; Easter Monday 2027 is 29.3.
    assert plain == [
        D(2027, 2, 22),
        D(2027, 3, 1),
        D(2027, 3, 8),
        D(2027, 3, 15),
        D(2027, 3, 22),
        D(2027, 3, 29),
        D(2027, 4, 5),
    ]
    assert kept == [D(2027, 2, 22), D(2027, 3, 8), D(2027, 3, 15), D(2027, 3, 22), D(2027, 4, 5)]
    # 2026: Easter Monday 6.4., winter break 23.2.–1.3. (week 9), no terms given.
    school = SchoolCalendar(breaks=BREAKS)
    assert _starts("maanantaisin, ei lomilla", school, D(2026, 2, 16), D(2026, 4, 13)) == [
        D(2026, 2, 16),
        D(2026, 3, 2),
        D(2026, 3, 9),
        D(2026, 3, 16),
        D(2026, 3, 23),
        D(2026, 3, 30),
        D(2026, 4, 13),
    ]


def test_ei_lomilla_outside_the_terms() -> None:
    # Terms 12.8.–18.12.: 3.8. and 10.8. are before the first school day.
    assert _starts("maanantaisin, ei lomilla", SCHOOL, D(2026, 8, 1), D(2026, 8, 31)) == [
        D(2026, 8, 17),
        D(2026, 8, 24),
        D(2026, 8, 31),
    ]


# ---------------------------------------------------------------------------
# Breaks per group: a campus with its autumn break in week 43
# ---------------------------------------------------------------------------

ORG = Organisation(
    "org",
    "Org",
    Hierarchy(
        (
            Group("koulutus", "Koulutuskuntayhtymä"),
            Group("kampus", "Kampus", parent="koulutus"),
            Group("yksikko", "Yksikkö", parent="kampus"),
            Group("muu", "Muu kampus", parent="koulutus"),
        )
    ),
    terms=(TERM_2026,),
    breaks=(*BREAKS, _break("syysloma", "viikolla 43", owner="kampus")),
)


def test_campus_overrides_autumn_break() -> None:
    parent, campus = ORG.school_calendar("koulutus"), ORG.school_calendar("kampus")
    week_42, week_43 = D(2026, 10, 14), D(2026, 10, 21)  # Wednesdays
    assert (parent.is_school_day(week_42), parent.is_school_day(week_43)) == (False, True)
    assert (campus.is_school_day(week_42), campus.is_school_day(week_43)) == (True, False)
    # Below the campus too; a sibling campus keeps the parent's.
    assert not ORG.school_calendar("yksikko").is_school_day(week_43)
    assert ORG.school_calendar("muu").is_school_day(week_43)
    assert [b.rule for b in ORG.breaks_for("kampus") if b.id == "syysloma"] == [
        Rule(WeekWindow(43, 43))
    ]
    # The phrases follow the group's own break.
    assert _starts("syyslomalla", campus, *SCHOOL_YEAR_2026) == [D(2026, 10, 19)]
    assert _starts("syysloman jälkeen", parent, *SCHOOL_YEAR_2026) == [D(2026, 10, 19)]
    assert _starts("syysloman jälkeen", campus, *SCHOOL_YEAR_2026) == [D(2026, 10, 26)]
    # The winter break is inherited unchanged.
    assert not campus.is_school_day(D(2027, 3, 3)) and not parent.is_school_day(D(2027, 3, 3))


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------

MEETING_PHRASE = "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla"
# Second Tuesdays 2026–2027: 11.8. (before the term), 8.9., 13.10. (autumn
# break, week 42), 10.11., 8.12., 12.1., 9.2., 9.3., 13.4., 11.5.
MEETINGS_2026 = [
    D(2026, 9, 8),
    D(2026, 11, 10),
    D(2026, 12, 8),
    D(2027, 1, 12),
    D(2027, 2, 9),
    D(2027, 3, 9),
    D(2027, 4, 13),
    D(2027, 5, 11),
]


def test_meetings_skip_autumn_break_tuesday() -> None:
    school = SCHOOL.with_meetings(MeetingPlan(parse_rule(MEETING_PHRASE)))
    found = school.meetings_between(*SCHOOL_YEAR_2026)
    assert [m.day for m in found] == MEETINGS_2026
    assert all(m.time is not None and m.time.start == dt.time(14) for m in found)
    assert D(2026, 10, 13) not in [m.day for m in found]


def test_meetings_extra_and_cancelled() -> None:
    plan = MeetingPlan(
        parse_rule(MEETING_PHRASE), extra=(D(2026, 10, 20),), cancelled=(D(2026, 12, 8),)
    )
    found = SCHOOL.with_meetings(plan).meetings_between(*SCHOOL_YEAR_2026)
    expected = sorted({*MEETINGS_2026, D(2026, 10, 20)} - {D(2026, 12, 8)})
    assert [m.day for m in found] == expected
    assert [m.day for m in found if m.extra] == [D(2026, 10, 20)]


def test_group_meetings_through_the_organisation() -> None:
    group = Group(
        "ohr",
        "Opiskeluhuoltoryhmä",
        parent="kampus",
        meeting_rule=parse_rule(MEETING_PHRASE),
        cancelled_meetings=(D(2027, 5, 11),),
    )
    org = Organisation(
        "org", "Org", Hierarchy((*ORG.hierarchy.groups, group)), terms=ORG.terms, breaks=ORG.breaks
    )
    # The campus's break is week 43: 13.10. is a meeting, 11.5. is cancelled.
    assert [m.day for m in org.meetings("ohr", *SCHOOL_YEAR_2026)] == sorted(
        {*MEETINGS_2026, D(2026, 10, 13)} - {D(2027, 5, 11)}
    )


def test_results_at_the_next_meeting() -> None:
    school = SCHOOL.with_meetings(MeetingPlan(parse_rule(MEETING_PHRASE)))
    rule = parse_rule("viikolla 40, tulokset seuraavassa kokouksessa")
    found = rule.occurrences(*SCHOOL_YEAR_2026, school)
    # Week 40 is 28.9.–4.10.; 13.10. is in the autumn break, so 10.11.
    assert [(o.start, o.end, o.parent is not None) for o in found] == [
        (D(2026, 9, 28), D(2026, 10, 4), False),
        (D(2026, 11, 10), D(2026, 11, 10), True),
    ]
    listed = SCHOOL.with_meetings(MeetingPlan(dates=(D(2026, 10, 6), D(2026, 10, 8))))
    results = [
        (o.parent.start, o.start)
        for o in rule.occurrences(*SCHOOL_YEAR_2026, listed)
        if o.parent is not None and o.parent.start >= SCHOOL_YEAR_2026[0]
    ]
    assert results == [(D(2026, 9, 28), D(2026, 10, 6))]


# ---------------------------------------------------------------------------
# Break and term anchors, with the stated 2026–2027 terms
# ---------------------------------------------------------------------------

ANCHORS = [
    ("syyslomalla", D(2026, 10, 12), D(2026, 10, 18)),
    ("syyslomaviikolla", D(2026, 10, 12), D(2026, 10, 18)),
    ("ennen syyslomaa", D(2026, 10, 5), D(2026, 10, 9)),
    ("syysloman jälkeen", D(2026, 10, 19), D(2026, 10, 23)),
    ("ennen hiihtolomaa", D(2027, 2, 22), D(2027, 2, 26)),
    ("lukuvuoden alussa", D(2026, 8, 12), D(2026, 8, 14)),  # Wed–Fri
    ("lukuvuoden ensimmäisenä koulupäivänä", D(2026, 8, 12), D(2026, 8, 12)),
    ("syyslukukauden lopussa", D(2026, 12, 14), D(2026, 12, 18)),
    ("kevätlukukauden viimeisenä koulupäivänä", D(2027, 5, 28), D(2027, 5, 28)),  # 29.5. Sat
    ("ensimmäisenä koulupäivänä 1.9. jälkeen", D(2026, 9, 2), D(2026, 9, 2)),
]


@pytest.mark.parametrize(("phrase", "start", "end"), ANCHORS)
def test_break_and_term_anchors(phrase: str, start: dt.date, end: dt.date) -> None:
    found = parse_rule(phrase).instances(*SCHOOL_YEAR_2026, SCHOOL)
    assert [(o.start, o.end) for o in found] == [(start, end)]


def test_hiihtoloma_in_week_9_2027() -> None:
    assert _starts("hiihtolomalla", SCHOOL, *SCHOOL_YEAR_2026) == [D(2027, 3, 1)]


def test_term_anchor_without_terms_has_no_occurrence() -> None:
    school = SchoolCalendar(breaks=BREAKS)
    assert _starts("lukuvuoden alussa", school, *SCHOOL_YEAR_2026) == []


# ---------------------------------------------------------------------------
# Without a school calendar
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "syyslomalla",
        "ennen syyslomaa",
        "lukuvuoden alussa",
        "6.12. edeltävänä koulupäivänä",
        "maanantaisin, ei lomilla",
        "6.12., siirtyy edelliseen koulupäivään",
        "viikolla 40, tulokset seuraavassa kokouksessa",
    ],
)
def test_school_calendar_required(phrase: str) -> None:
    rule = parse_rule(phrase)
    assert rule.needs_school_calendar
    with pytest.raises(SchoolCalendarRequired) as caught:
        rule.occurrences(*SCHOOL_YEAR_2026)
    assert "koulukalenteri" in caught.value.message("fi")
    assert "school calendar" in caught.value.message("en")


def test_unknown_break() -> None:
    with pytest.raises(SchoolCalendarError) as caught:
        parse_rule("joululomalla").occurrences(*SCHOOL_YEAR_2026, SCHOOL)
    assert "joululoma" in caught.value.message("en")


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


def _policy_rules(policy: SchoolDays) -> st.SearchStrategy[Rule]:
    return ost.school_rules().filter(
        lambda rule: rule.is_one_day and rule.school_days is policy and rule.break_name is None
    )


@given(_policy_rules(SchoolDays.SKIP), ost.school_calendars(), st.integers(2020, 2034))
def test_ei_lomilla_one_day_occurrences_are_school_days(
    rule: Rule, school: SchoolCalendar, year: int
) -> None:
    for occ in rule.instances(D(year, 1, 1), D(year, 12, 31), school):
        assert occ.start == occ.end
        assert school.is_school_day(occ.start)


def _nearest_by_walking(school: SchoolCalendar, day: dt.date, before: bool) -> dt.date | None:
    """The nearest school day strictly before/after ``day``, by asking day after day."""
    step = dt.timedelta(days=-1 if before else 1)
    for _ in range(200):
        day += step
        if school.is_school_day(day):
            return day
    return None  # pragma: no cover - calendars here have school days every few weeks


@given(
    st.sampled_from((SchoolDays.PREVIOUS, SchoolDays.NEXT)).flatmap(_policy_rules),
    ost.school_calendars(),
    st.integers(2021, 2033),
)
def test_shifted_occurrence_is_the_nearest_school_day(
    rule: Rule, school: SchoolCalendar, year: int
) -> None:
    before = rule.school_days is SchoolDays.PREVIOUS
    plain = attrs.evolve(rule, school_days=None)
    expected: list[tuple[dt.date, dt.date | None]] = []
    for occ in plain.instances(D(year - 1, 1, 1), D(year + 1, 12, 31), school):
        if school.is_school_day(occ.start):
            expected.append((occ.start, None))  # untouched
        else:
            moved = _nearest_by_walking(school, occ.start, before)
            if moved is not None:
                expected.append((moved, occ.start))
    lo, hi = D(year, 1, 1), D(year, 12, 31)
    found = [(o.start, o.moved_from) for o in rule.instances(lo, hi, school)]
    assert sorted(found) == sorted(pair for pair in expected if lo <= pair[0] <= hi)


@given(ost.school_calendars(), ost.dates(2020, 2035))
def test_group_calendar_equals_parent_unless_it_overrides(
    school: SchoolCalendar, day: dt.date
) -> None:
    own = school.breaks[0].id if school.breaks else "kesaloma"
    org = Organisation(
        "org",
        "Org",
        Hierarchy((Group("ylin", "Ylin"), Group("ala", "Ala", parent="ylin"))),
        terms=school.terms,
        breaks=(*school.breaks, _break(own, "viikolla 28", owner="ala")),
    )
    parent, child = org.school_calendar("ylin"), org.school_calendar("ala")
    assert parent == school
    overridden = any(b.id == own for b in (*parent.breaks_on(day), *child.breaks_on(day)))
    if not overridden:
        assert child.is_school_day(day) == parent.is_school_day(day)
        assert child.holiday(day) == parent.holiday(day)
    else:
        in_own = any(b.id == own for b in child.breaks_on(day))
        assert not (in_own and child.is_school_day(day))


MEETING_PHRASES = [MEETING_PHRASE, "maanantaisin, ei lomilla", "torstaisin syyskuussa, ei lomilla"]


@given(ost.school_calendars(), st.integers(2020, 2034), st.sampled_from(MEETING_PHRASES))
def test_meetings_from_rule_equal_listed_dates(
    school: SchoolCalendar, year: int, phrase: str
) -> None:
    start, end = D(year, 8, 1), D(year + 1, 7, 31)
    rule = parse_rule(phrase)
    by_rule = school.with_meetings(MeetingPlan(rule)).meetings_between(start, end)
    days = [m.day for m in by_rule]
    assert days == [o.start for o in rule.instances(start, end, school)]
    listed = school.with_meetings(MeetingPlan(dates=days)).meetings_between(start, end)
    assert [m.day for m in listed] == days
    if days:
        eve = start - dt.timedelta(days=1)  # next_meeting is strictly after
        assert school.with_meetings(MeetingPlan(dates=days)).next_meeting(eve) == days[0]
        assert school.with_meetings(MeetingPlan(rule)).next_meeting(eve) == days[0]


@given(
    ost.school_calendars(),
    st.lists(ost.dates(2026, 2027), max_size=5),
    st.lists(ost.dates(2026, 2027), max_size=5),
)
def test_extra_and_cancelled_meetings(
    school: SchoolCalendar, extra: list[dt.date], cancelled: list[dt.date]
) -> None:
    start, end = D(2026, 1, 1), D(2027, 12, 31)
    rule = parse_rule(MEETING_PHRASE)
    base = {m.day for m in school.with_meetings(MeetingPlan(rule)).meetings_between(start, end)}
    plan = MeetingPlan(rule, extra=extra, cancelled=cancelled)
    found = school.with_meetings(plan).meetings_between(start, end)
    assert [m.day for m in found] == sorted((base | set(extra)) - set(cancelled))
    assert {m.day for m in found if m.extra} == (set(extra) - base) - set(cancelled)


@given(ost.school_rules())
def test_describe_parse_round_trip(rule: Rule) -> None:
    assert parse_rule(describe(rule)) == rule


@given(ost.school_windows())
def test_school_windows_round_trip(window: object) -> None:
    rule = Rule(window)  # type: ignore[arg-type]
    assert rule.needs_school_calendar
    assert parse_rule(describe(rule)) == rule


def test_school_day_window_value() -> None:
    assert parse_rule("6.12. edeltävänä koulupäivänä") == Rule(
        SchoolDayWindow(6, 12, Direction.BEFORE)
    )
    assert parse_rule("6.12., siirtyy edelliseen koulupäivään").school_days is SchoolDays.PREVIOUS


def test_results_at_the_next_meeting_do_not_depend_on_the_query() -> None:
    # Regression: with listed meetings, every earlier year's results landed on
    # the next listed meeting, as many as the query's look-back reached.  The
    # next meeting is looked for a year and a half ahead, like a rule's.
    school = SchoolCalendar(meetings=MeetingPlan(dates=(dt.date(2026, 10, 6),)))
    rule = parse_rule("viikolla 40, tulokset seuraavassa kokouksessa")
    end = dt.date(2026, 10, 6)
    for start in (dt.date(2026, 10, 6), dt.date(2025, 1, 1), dt.date(2020, 1, 1)):
        parents = [o.parent for o in rule.occurrences(start, end, school) if o.follow_up]
        # Week 40 of 2025 ends 5.10.2025 (366 days before); of 2024, 6.10.2024.
        assert [p.start for p in parents if p is not None] == [
            dt.date(2025, 9, 29),
            dt.date(2026, 9, 28),
        ]
