"""Property tests: the laws every rule obeys, and a cross-check with dateutil.

The strategies come from :mod:`opiskeluhuolto.strategies` (the same ones users
get); the number of examples comes from the hypothesis profile in
``conftest.py``.

The reference model below (``_model_*``) computes occurrences by brute force
from the calendar (``date.fromisocalendar``, ``calendar.monthrange``) and the
definitions in DESIGN section 2, without calling the windows' ``span``; the
dateutil cross-check is a second, independent implementation (RFC 5545).
"""

from __future__ import annotations

import calendar
import datetime as dt

import attrs
from dateutil import rrule as du
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto import strategies as ost
from opiskeluhuolto.recurrence import (
    DateWindow,
    FollowUp,
    MonthWindow,
    Occurrence,
    Phase,
    Rule,
    SeasonWindow,
    WeekWindow,
    Window,
    YearPattern,
)

D = dt.date
Span = tuple[D, D]


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------


@st.composite
def queries(draw: st.DrawFn, min_year: int = 1900, max_year: int = 2200) -> Span:
    """A query range: mostly a few years, sometimes a day, sometimes decades."""
    start = draw(ost.dates(min_year, max_year))
    length = draw(
        st.one_of(
            st.integers(0, 3 * 366),
            st.just(0),
            st.integers(0, 60 * 366),
        )
    )
    last = D(max_year, 12, 31)
    end = start + dt.timedelta(days=min(length, (last - start).days))
    return start, end


@st.composite
def split_queries(draw: st.DrawFn) -> tuple[D, D, D]:
    """Three dates a <= b < c: the query [a, c] split into [a, b] and [b + 1, c]."""
    a, c = draw(queries())
    if a == c:
        c = a + dt.timedelta(days=1)
    b = a + dt.timedelta(days=draw(st.integers(0, (c - a).days - 1)))
    return a, b, c


# ---------------------------------------------------------------------------
# Reference model (brute force, independent of Window.span)
# ---------------------------------------------------------------------------


def _last_of_month(year: int, month: int) -> D:
    return D(year, month, calendar.monthrange(year, month)[1])


def _model_window_span(window: Window, year: int) -> Span | None:
    try:
        return _model_window_span_unchecked(window, year)
    except (ValueError, OverflowError):  # 29.2. in a common year, or beyond 1..9999
        return None


def _model_window_span_unchecked(window: Window, year: int) -> Span | None:
    if isinstance(window, SeasonWindow):
        window = {
            "kevät": MonthWindow(1, 5),
            "kesä": MonthWindow(6, 7),
            "syksy": MonthWindow(8, 12),
        }[window.season.value]
    if isinstance(window, WeekWindow):
        # Every Monday of ISO year `year` whose ISO week is `first`.
        monday = D(year - 1, 12, 25) if year > 1 else D.min  # 1.1.1 is a Monday
        while monday.weekday() != 0:
            monday += dt.timedelta(days=1)
        while monday.isocalendar()[:2] != (year, window.first):
            monday += dt.timedelta(weeks=1)
            if monday.isocalendar()[0] > year:
                return None  # no such week (53) in that year
        end_iso_year = year + 1 if window.first > window.last else year
        sunday = monday + dt.timedelta(days=6)
        while sunday.isocalendar()[:2] != (end_iso_year, window.last):
            sunday += dt.timedelta(weeks=1)
            if sunday.isocalendar()[0] > end_iso_year:
                return None
        return monday, sunday
    if isinstance(window, MonthWindow):
        end_year = year + 1 if window.first > window.last else year
        return D(year, window.first, 1), _last_of_month(end_year, window.last)
    assert isinstance(window, DateWindow)
    end_year = year + 1 if (window.end_month, window.end_day) < (window.month, window.day) else year
    return D(year, window.month, window.day), D(end_year, window.end_month, window.end_day)


def _model_includes(pattern: YearPattern, year: int) -> bool:
    if pattern.valid_from is not None and year < pattern.valid_from:
        return False
    if pattern.valid_to is not None and year > pattern.valid_to:
        return False
    if pattern.interval == 1:
        return True
    if pattern.phase is Phase.EVEN:
        return year % 2 == 0
    if pattern.phase is Phase.ODD:
        return year % 2 == 1
    if pattern.phase in (Phase.NEXT, Phase.LAST):
        assert pattern.anchor is not None
        return (year - pattern.anchor) % pattern.interval == 0
    return False  # every N years, phase unknown


def _model_follow_up(follow_up: FollowUp, parent_end: D) -> Span | None:
    candidates = [
        _model_window_span(follow_up.target, y)
        for y in range(parent_end.year - 2, parent_end.year + 3)
    ]
    later = [span for span in candidates if span is not None and span[1] > parent_end]
    if not later:
        return None
    first = min(later, key=lambda span: span[1])
    return max(first[0], parent_end + dt.timedelta(days=1)), first[1]


def _model_occurrences(rule: Rule, start: D, end: D) -> list[Occurrence]:
    if rule.window is None or not rule.years.is_determined:
        return []
    found = []
    for year in range(start.year - 4, end.year + 2):
        if not _model_includes(rule.years, year):
            continue
        span = _model_window_span(rule.window, year)
        if span is None:
            continue
        parent = Occurrence(span[0], span[1])
        found.append(parent)
        if rule.follow_up is not None:
            after = _model_follow_up(rule.follow_up, span[1])
            if after is not None:
                found.append(Occurrence(after[0], after[1], parent))
    hits = [occ for occ in found if occ.start <= end and start <= occ.end]
    return sorted(hits, key=lambda occ: (occ.start, occ.end, occ.parent is not None))


def _window_year(window: Window, start: D) -> int:
    """The year of an occurrence: the year its window starts in (ISO year for weeks)."""
    return start.isocalendar()[0] if isinstance(window, WeekWindow) else start.year


# ---------------------------------------------------------------------------
# Laws
# ---------------------------------------------------------------------------


@given(ost.rules(dated=True), queries())
def test_occurrences_equal_the_reference_model(rule: Rule, query: Span) -> None:
    assert rule.occurrences(*query) == _model_occurrences(rule, *query)


@given(ost.rules(dated=True), st.one_of(queries(1, 12), queries(9985, 9999)))
def test_reference_model_at_the_ends_of_the_calendar(rule: Rule, query: Span) -> None:
    # Windows, follow-ups and the look-back for the query must stay inside
    # date.min .. date.max without raising.
    assert rule.occurrences(*query) == _model_occurrences(rule, *query)


@given(ost.rules(dated=True), queries())
def test_every_occurrence_lies_in_its_window(rule: Rule, query: Span) -> None:
    window = rule.window
    assert window is not None
    for occ in rule.occurrences(*query):
        assert occ.intersects(*query)
        assert occ.start <= occ.end
        if occ.follow_up:
            continue
        year = _window_year(window, occ.start)
        assert rule.years.includes(year)
        assert rule.span(year) == (occ.start, occ.end)
        if isinstance(window, WeekWindow):
            assert occ.start.weekday() == 0  # Monday
            assert occ.end.weekday() == 6  # Sunday
            assert occ.start.isocalendar() == (year, window.first, 1)
            assert occ.end.isocalendar() == (year + window.wraps, window.last, 7)
        elif isinstance(window, MonthWindow | SeasonWindow):
            months = window if isinstance(window, MonthWindow) else window.as_months()
            assert occ.start == D(year, months.first, 1)
            assert occ.end == _last_of_month(year + months.wraps, months.last)
        else:
            assert (occ.start.day, occ.start.month) == (window.day, window.month)
            assert (occ.end.day, occ.end.month) == (window.end_day, window.end_month)
            assert occ.end.year == year + window.wraps


@given(ost.rules(dated=True), queries())
def test_year_pattern_holds(rule: Rule, query: Span) -> None:
    assert rule.window is not None
    years = {
        _window_year(rule.window, occ.start)
        for occ in rule.occurrences(*query)
        if not occ.follow_up
    }
    pattern = rule.years
    for year in years:
        assert _model_includes(pattern, year)
        if pattern.valid_from is not None:
            assert year >= pattern.valid_from
        if pattern.valid_to is not None:
            assert year <= pattern.valid_to
    # Completeness: every qualifying year whose span meets the query is there.
    for year in range(query[0].year - 2, query[1].year + 2):
        span = rule.span(year)
        if span is not None and span[0] <= query[1] and query[0] <= span[1]:
            assert year in years


@given(ost.rules(dated=True).filter(lambda rule: rule.follow_up is not None), queries())
def test_follow_up_after_parent_within_target(rule: Rule, query: Span) -> None:
    assert rule.window is not None and rule.follow_up is not None
    target = rule.follow_up.target
    for occ in rule.occurrences(*query):
        if occ.parent is None:
            continue
        parent = occ.parent
        assert parent.parent is None
        year = _window_year(rule.window, parent.start)
        assert rule.span(year) == (parent.start, parent.end)
        assert occ.start > parent.end
        target_spans = [
            span
            for y in range(parent.end.year - 1, parent.end.year + 2)
            if (span := target.span(y)) is not None
        ]
        # Within a target span, ending where it ends …
        containing = [s for s in target_spans if s[0] <= occ.start and occ.end == s[1]]
        assert containing
        # … starting where it starts, or the day after the parent ends …
        assert occ.start in (containing[0][0], parent.end + dt.timedelta(days=1))
        # … and no earlier target span ends after the parent.
        assert not [s for s in target_spans if parent.end < s[1] < occ.end]


@given(ost.rules(dated=True), split_queries())
def test_adjacent_ranges_compose(rule: Rule, abc: tuple[D, D, D]) -> None:
    a, b, c = abc
    whole = rule.occurrences(a, c)
    left = rule.occurrences(a, b)
    right = rule.occurrences(b + dt.timedelta(days=1), c)
    union = left + [occ for occ in right if occ not in left]
    assert whole == sorted(union, key=Occurrence.sort_key)
    # An occurrence crossing b is in both halves, exactly once in the whole.
    crossing = [occ for occ in whole if occ.start <= b < occ.end]
    assert all(occ in left and occ in right for occ in crossing)


@given(ost.rules(dated=True), queries())
def test_sorted_without_duplicates_and_deterministic(rule: Rule, query: Span) -> None:
    found = rule.occurrences(*query)
    assert found == sorted(found, key=Occurrence.sort_key)
    assert len(set(found)) == len(found)
    assert rule.occurrences(*query) == found
    assert attrs.evolve(rule).occurrences(*query) == found


@given(ost.rules(dated=True), queries())
def test_a_wider_query_only_adds(rule: Rule, query: Span) -> None:
    wide = rule.occurrences(
        query[0] - dt.timedelta(days=5 * 366), query[1] + dt.timedelta(days=5 * 366)
    )
    assert rule.occurrences(*query) == [occ for occ in wide if occ.intersects(*query)]


@given(
    ost.rules(dated=True).filter(
        lambda rule: (
            400 % rule.years.interval == 0
            and rule.years.valid_from is None
            and rule.years.valid_to is None
        )
    ),
    queries(max_year=2100),
    st.integers(1, 18),
)
def test_far_future_is_the_same_calendar(rule: Rule, query: Span, cycles: int) -> None:
    # The Gregorian calendar, ISO weeks included, repeats every 400 years
    # (146097 days = 20871 weeks), so a pattern whose interval divides 400
    # gives the same dates 400·k years later, anchors notwithstanding.
    shift = 400 * cycles

    def moved(day: D) -> D:
        return day.replace(year=day.year + shift)

    def moved_occ(occ: Occurrence) -> Occurrence:
        parent = moved_occ(occ.parent) if occ.parent is not None else None
        return Occurrence(moved(occ.start), moved(occ.end), parent)

    near = rule.occurrences(*query)
    far = rule.occurrences(moved(query[0]), moved(query[1]))
    assert far == [moved_occ(occ) for occ in near]


@given(ost.rules(dated=False), queries())
def test_unscheduled_rules_have_no_occurrences(rule: Rule, query: Span) -> None:
    assert not rule.is_scheduled
    assert rule.occurrences(*query) == []


@given(ost.rules())
def test_equal_rules_hash_equal(rule: Rule) -> None:
    twin = attrs.evolve(rule)
    assert twin == rule and hash(twin) == hash(rule)


# ---------------------------------------------------------------------------
# Cross-check with dateutil.rrule (RFC 5545)
# ---------------------------------------------------------------------------
#
# Mapping (FREQ=YEARLY, INTERVAL = the pattern's interval, DTSTART = 1 January
# of a year the pattern's phase includes):
#   weeks a–b  -> BYWEEKNO=a;BYDAY=MO;WKST=MO      (starts; single weeks also
#                                                  BYDAY=SU for the ends)
#   months a–b -> BYMONTH=a;BYMONTHDAY=1           (seasons as their months)
#   d.m.(–…)   -> BYMONTH=m;BYMONTHDAY=d
# Validity (valid_from/valid_to) is not an RRULE part here: it is applied to
# dateutil's output by the occurrence's year.
#
# dateutil's known problems with ISO weeks, and how this test goes round them:
#
# 1. FREQ=YEARLY steps over *Gregorian* years, and dateutil gives each day to
#    the Gregorian year it falls in.  The Monday of ISO week 1 falls on
#    29–31 December of the previous year in some years (week 1 of 2026 starts
#    29.12.2025), so with INTERVAL > 1 dateutil counts it in the wrong year:
#    e.g. INTERVAL=2 from 1901 yields 1900-12-31 (ISO 1901-W01) and misses
#    1901-12-30 (ISO 1902-W01)... depending on the phase.  For rules whose
#    window starts in week 1 with interval > 1 the December starts are left
#    out of both sides (the January ones are compared).
# 2. The Sunday of ISO week 52 or 53 can fall on 1–3 January of the next
#    year.  dateutil numbers those days wrongly in some years: it computes
#    the previous year's number of weeks from the current year's length
#    (``_iterinfo.rebuild``, ``lnumweeks``; dateutil/dateutil PR #1537), so
#    e.g. Sun 2.1.1910 (ISO 1909-W52) comes out as week 53 of 1909 and
#    BYWEEKNO=52;BYDAY=SU misses it while BYWEEKNO=53 invents it.  With
#    INTERVAL > 1 the Gregorian-year bucketing of (1) hits these days too.
#    So the *end* check of weeks 52 and 53 leaves out ends in January on both
#    sides.  Mondays are never affected by (2): the Monday of week 52/53 is
#    always in December (18–28.12.).
# Everything else is compared exactly.


def _expressible(window: Window) -> bool:
    """Whether RRULE gives the starts exactly: the window exists whenever its start does."""
    if isinstance(window, WeekWindow):
        return window.last != 53 or window.first == 53
    if isinstance(window, DateWindow):
        return window.is_single or (window.end_day, window.end_month) != (29, 2)
    return True


rrule_rules = st.builds(
    Rule,
    window=ost.windows().filter(_expressible),
    years=ost.year_patterns(),
)


def _phase_year_from(pattern: YearPattern, year: int) -> int:
    """The first year >= ``year`` that the pattern's phase includes (validity ignored)."""
    if pattern.interval == 1:
        return year
    if pattern.phase is Phase.EVEN:
        phase = 0
    elif pattern.phase is Phase.ODD:
        phase = 1
    else:
        assert pattern.anchor is not None
        phase = pattern.anchor
    return year + (phase - year) % pattern.interval


def _rrule(rule: Rule, dtstart: dt.datetime, weekday: du.weekday = du.MO) -> du.rrule:
    window = rule.window
    if isinstance(window, SeasonWindow):
        window = window.as_months()
    interval = rule.years.interval
    if isinstance(window, WeekWindow):
        week = window.first if weekday == du.MO else window.last
        return du.rrule(
            du.YEARLY,
            dtstart=dtstart,
            interval=interval,
            byweekno=week,
            byweekday=weekday,
            wkst=du.MO,
        )
    if isinstance(window, MonthWindow):
        return du.rrule(
            du.YEARLY, dtstart=dtstart, interval=interval, bymonth=window.first, bymonthday=1
        )
    assert isinstance(window, DateWindow)
    return du.rrule(
        du.YEARLY, dtstart=dtstart, interval=interval, bymonth=window.month, bymonthday=window.day
    )


def _valid(pattern: YearPattern, year: int) -> bool:
    return (pattern.valid_from is None or year >= pattern.valid_from) and (
        pattern.valid_to is None or year <= pattern.valid_to
    )


def _as_datetime(day: D) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


@given(rrule_rules, queries(min_year=1901, max_year=2190))
def test_starts_agree_with_dateutil(rule: Rule, query: Span) -> None:
    assert rule.window is not None
    q = _phase_year_from(rule.years, query[0].year - 1)
    lo, hi = max(query[0], D(q, 1, 1)), query[1]
    if lo > hi:
        return  # the whole query lies before the phase year chosen: nothing to compare
    ours = [occ.start for occ in rule.instances(lo, hi) if lo <= occ.start <= hi]
    theirs = [
        d.date()
        for d in _rrule(rule, _as_datetime(D(q, 1, 1))).between(
            _as_datetime(lo), _as_datetime(hi), inc=True
        )
        if _valid(rule.years, _window_year(rule.window, d.date()))
    ]
    if isinstance(rule.window, WeekWindow) and rule.window.first == 1 and rule.years.interval > 1:
        # dateutil problem (1) above.
        ours = [day for day in ours if day.month != 12]
        theirs = [day for day in theirs if day.month != 12]
    assert ours == theirs


@given(
    st.builds(
        Rule,
        window=st.integers(1, 53).map(lambda week: WeekWindow(week, week)),
        years=ost.year_patterns(),
    ),
    queries(min_year=1901, max_year=2190),
)
def test_single_week_ends_agree_with_dateutil(rule: Rule, query: Span) -> None:
    window = rule.window
    assert isinstance(window, WeekWindow)
    q = _phase_year_from(rule.years, query[0].year - 1)
    lo, hi = max(query[0], D(q, 1, 1)), query[1]
    if lo > hi:
        return  # the whole query lies before the phase year chosen: nothing to compare
    ours = [occ.end for occ in rule.instances(lo, hi) if lo <= occ.end <= hi]
    theirs = [
        d.date()
        for d in _rrule(rule, _as_datetime(D(q, 1, 1)), du.SU).between(
            _as_datetime(lo), _as_datetime(hi), inc=True
        )
        if _valid(rule.years, (d.date() - dt.timedelta(days=6)).isocalendar()[0])
    ]
    if window.first in (52, 53):
        # dateutil problem (2) above.
        ours = [day for day in ours if day.month != 1]
        theirs = [day for day in theirs if day.month != 1]
    # Week 1 needs no exclusion here: its Sunday is always 4–10 January, in
    # the Gregorian year equal to its ISO year, so problem (1) cannot occur.
    assert ours == theirs


def test_dateutil_workarounds_are_still_needed() -> None:
    """The exclusions above hide real dateutil behaviour, shown here by example.

    Should a future dateutil fix these, this test fails and the exclusions
    can go.
    """
    # (2) Sun 2.1.1910 is ISO 1909-W52; dateutil says week 53.
    assert D(1910, 1, 2).isocalendar() == (1909, 52, 7)
    week52 = du.rrule(
        du.YEARLY, dtstart=dt.datetime(1909, 1, 1), byweekno=52, byweekday=du.SU, wkst=du.MO
    )
    found = [
        d.date()
        for d in week52.between(dt.datetime(1909, 1, 1), dt.datetime(1911, 1, 31), inc=True)
    ]
    assert D(1910, 1, 2) not in found
    # (1) Every other ISO year from 1902, week 1: the Mondays are 4.1.1904,
    # 1.1.1906, 30.12.1907 (ISO 1908-W01), 3.1.1910, 1.1.1912.  dateutil
    # buckets by Gregorian year: it yields the December Mondays of 1902, 1906
    # and 1912 (week 1 of the odd ISO years 1903, 1907, 1913) and misses
    # 30.12.1907, which lies in the odd Gregorian year 1907.
    assert D(1907, 12, 30).isocalendar() == (1908, 1, 1)
    week1 = du.rrule(
        du.YEARLY,
        dtstart=dt.datetime(1902, 1, 1),
        interval=2,
        byweekno=1,
        byweekday=du.MO,
        wkst=du.MO,
    )
    found = [
        d.date()
        for d in week1.between(dt.datetime(1902, 1, 1), dt.datetime(1912, 12, 31), inc=True)
    ]
    assert found == [
        D(1902, 12, 29),
        D(1904, 1, 4),
        D(1906, 1, 1),
        D(1906, 12, 31),
        D(1910, 1, 3),
        D(1912, 1, 1),
        D(1912, 12, 30),
    ]
