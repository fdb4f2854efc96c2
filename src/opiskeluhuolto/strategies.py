"""Hypothesis strategies for property tests of your own code that uses rules.

This is the only module of :mod:`opiskeluhuolto` that imports :mod:`hypothesis`;
``import opiskeluhuolto`` never imports it, so hypothesis stays a test-time
dependency.  Every strategy generates valid, frozen values of
:mod:`opiskeluhuolto.recurrence`, including the awkward ones (week 53, 29.2.,
windows that wrap into the next year, intervals up to 99).

>>> from datetime import timedelta
>>> from hypothesis import given
>>> from opiskeluhuolto import strategies as ost
>>> @given(ost.rules(dated=True), ost.dates())
... def test_sorted(rule, day):
...     found = rule.occurrences(day, day + timedelta(days=400))
...     assert found == sorted(found, key=lambda occ: occ.sort_key())
>>> test_sorted()

See ``docs/strategies.md`` for a longer guide.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from opiskeluhuolto.recurrence import (
    MAX_YEAR,
    MIN_YEAR,
    Cadence,
    DateWindow,
    FollowUp,
    MonthWindow,
    Phase,
    Rule,
    Season,
    SeasonWindow,
    WeekWindow,
    Window,
    YearPattern,
)

__all__ = [
    "ANCHOR_MAX",
    "ANCHOR_MIN",
    "date_windows",
    "dates",
    "follow_ups",
    "month_windows",
    "rules",
    "season_windows",
    "week_windows",
    "windows",
    "year_patterns",
]

ANCHOR_MIN = 1900
"""Smallest anchor and validity year that :func:`year_patterns` generates."""

ANCHOR_MAX = 2200
"""Largest anchor and validity year that :func:`year_patterns` generates."""

# A leap year: 29.2. is a valid day-month pair.
_LEAP = 2000


def week_windows() -> SearchStrategy[WeekWindow]:
    """ISO week windows ``first``–``last``, 1–53, including wraps (52–1) and week 53.

    >>> from hypothesis import find
    >>> find(week_windows(), lambda window: window.first == 52 and window.wraps)
    WeekWindow(first=52, last=...)
    """
    weeks = st.integers(min_value=1, max_value=53)
    single = weeks.map(lambda week: WeekWindow(week, week))
    return st.one_of(single, st.builds(WeekWindow, weeks, weeks))


def month_windows() -> SearchStrategy[MonthWindow]:
    """Month windows ``first``–``last``, 1–12, including wraps (11–1).

    >>> from hypothesis import find
    >>> find(month_windows(), lambda window: window.first == 11 and window.wraps)
    MonthWindow(first=11, last=...)
    """
    months = st.integers(min_value=1, max_value=12)
    return st.builds(MonthWindow, months, months)


@st.composite
def _day_month(draw: st.DrawFn) -> tuple[int, int]:
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(
        st.one_of(
            st.integers(min_value=1, max_value=_calendar.monthrange(_LEAP, month)[1]),
            # The edges of a month on their own, so 29.2. and 31.12. come up often.
            st.sampled_from([1, _calendar.monthrange(_LEAP, month)[1]]),
        )
    )
    return day, month


def date_windows() -> SearchStrategy[DateWindow]:
    """Single dates (``d.m.``) and date ranges (``d.m.–d.m.``), including 29.2. and wraps.

    About half of the values are single dates; 29.2. and wrapping ranges such
    as 15.12.–15.1. are generated deliberately.

    >>> from hypothesis import find
    >>> find(date_windows(), lambda window: window.month == 12 and window.wraps)
    DateWindow(day=..., month=12, end_day=..., end_month=...)
    >>> find(date_windows(), lambda window: window.span(2027) is None)
    DateWindow(day=29, month=2, ...)
    """
    single = _day_month().map(lambda dm: DateWindow.on(*dm))
    leap_day = st.just(DateWindow.on(29, 2))
    ranges = st.builds(lambda a, b: DateWindow(a[0], a[1], b[0], b[1]), _day_month(), _day_month())
    return st.one_of(single, ranges, leap_day)


def season_windows() -> SearchStrategy[SeasonWindow]:
    """Seasons: spring (1–5), summer (6–7) and autumn (8–12).

    >>> from hypothesis import find
    >>> find(season_windows(), lambda window: window.as_months().first == 6)
    SeasonWindow(season=<Season.SUMMER: 'kesä'>)
    """
    return st.sampled_from(Season).map(SeasonWindow)


def windows() -> SearchStrategy[Window]:
    """Any window: weeks, months, dates or a season.

    >>> from hypothesis import find
    >>> find(windows(), lambda window: isinstance(window, MonthWindow))
    MonthWindow(first=..., last=...)
    """
    return st.one_of(week_windows(), month_windows(), date_windows(), season_windows())


def _intervals(min_value: int) -> SearchStrategy[int]:
    # Mostly the realistic 1–5 (every year … every fifth year), now and then
    # anything up to the largest legal interval.
    return st.one_of(
        st.integers(min_value=min_value, max_value=5),
        st.integers(min_value=min_value, max_value=5),
        st.integers(min_value=min_value, max_value=5),
        st.integers(min_value=6, max_value=99),
    )


@st.composite
def _validity(draw: st.DrawFn) -> tuple[int | None, int | None]:
    years = st.integers(min_value=ANCHOR_MIN, max_value=ANCHOR_MAX)
    valid_from = draw(st.none() | years)
    valid_to = draw(st.none() | years)
    if valid_from is not None and valid_to is not None and valid_from > valid_to:
        valid_from, valid_to = valid_to, valid_from
    return valid_from, valid_to


@st.composite
def _year_pattern(draw: st.DrawFn, determined: bool, validity: bool) -> YearPattern:
    valid_from, valid_to = draw(_validity()) if validity and draw(st.booleans()) else (None, None)
    anchors = st.integers(min_value=ANCHOR_MIN, max_value=ANCHOR_MAX)
    kinds = ["every", "even", "odd", "next", "last"]
    if not determined:
        kinds.append("undetermined")
    kind = draw(st.sampled_from(kinds))
    if kind == "every":
        return YearPattern(valid_from=valid_from, valid_to=valid_to)
    if kind == "even":
        return YearPattern(2, Phase.EVEN, valid_from=valid_from, valid_to=valid_to)
    if kind == "odd":
        return YearPattern(2, Phase.ODD, valid_from=valid_from, valid_to=valid_to)
    interval = draw(_intervals(2))
    if kind == "undetermined":
        return YearPattern(interval, valid_from=valid_from, valid_to=valid_to)
    phase = Phase.NEXT if kind == "next" else Phase.LAST
    return YearPattern(interval, phase, draw(anchors), valid_from, valid_to)


def year_patterns(*, determined: bool = True, validity: bool = True) -> SearchStrategy[YearPattern]:
    """Year patterns: every year, even or odd years, every N years ``next``/``last`` a year.

    Intervals are mostly 2–5 and occasionally up to 99; anchor years lie in
    1900–2200.  With ``validity`` (the default) some patterns carry a validity
    period (``valid_from``/``valid_to``, either or both) within 1900–2200.
    With ``determined=False`` the strategy also generates every-N-years
    patterns without a phase (the seed's bare "joka toinen vuosi"), which have
    no occurrences.

    >>> from hypothesis import find
    >>> find(year_patterns(), lambda pattern: pattern.phase is Phase.LAST)
    YearPattern(interval=..., phase=<Phase.LAST: 'last'>, anchor=..., ...)
    >>> find(year_patterns(), lambda pattern: pattern.interval > 5).interval <= 99
    True
    >>> find(year_patterns(determined=False), lambda pattern: not pattern.is_determined)
    YearPattern(interval=..., phase=None, anchor=None, ...)
    """
    return _year_pattern(determined, validity)


def follow_ups() -> SearchStrategy[FollowUp]:
    """Follow-ups: a target month window or season, "at the earliest" or not.

    >>> from hypothesis import find
    >>> find(follow_ups(), lambda follow_up: isinstance(follow_up.target, MonthWindow))
    FollowUp(target=MonthWindow(first=..., last=...), earliest=...)
    """
    target: SearchStrategy[MonthWindow | SeasonWindow] = st.one_of(
        month_windows(), season_windows()
    )
    return st.builds(FollowUp, target, st.booleans())


def _scheduled_rules() -> SearchStrategy[Rule]:
    return st.builds(
        Rule,
        window=windows(),
        years=year_patterns(),
        follow_up=st.none() | follow_ups(),
    )


def _unscheduled_rules() -> SearchStrategy[Rule]:
    undated = st.sampled_from(Cadence).map(lambda cadence: Rule(cadence=cadence))
    windowless = year_patterns(determined=False).map(lambda years: Rule(years=years))
    # A window with an every-N-years pattern that does not say which years.
    phaseless = st.builds(
        lambda window, interval, follow_up: Rule(window, YearPattern(interval), follow_up),
        windows(),
        _intervals(2),
        st.none() | follow_ups(),
    )
    return st.one_of(undated, windowless, phaseless)


def rules(dated: bool | None = None) -> SearchStrategy[Rule]:
    """Rules.

    * ``dated=True``: scheduled rules (:attr:`Rule.is_scheduled`): a window,
      a determined year pattern and maybe a follow-up.  Some of them (week
      53, 29.2.) skip years.
    * ``dated=False``: rules without dates: undated cadences ("every
      meeting", "as needed"), windowless year-pattern-only rules ("joka
      toinen vuosi") and windows whose every-N-years pattern has no phase.
      Their :meth:`Rule.occurrences` is always empty.
    * ``dated=None`` (default): either kind, mostly scheduled ones.

    >>> from hypothesis import find
    >>> find(rules(dated=True), lambda rule: rule.follow_up is not None).is_scheduled
    True
    >>> find(rules(dated=False), lambda rule: rule.window is not None)
    Rule(window=..., years=YearPattern(interval=..., phase=None, ...), ...)
    """
    if dated is True:
        return _scheduled_rules()
    if dated is False:
        return _unscheduled_rules()
    return st.one_of(_scheduled_rules(), _scheduled_rules(), _unscheduled_rules())


def dates(min_year: int = 1900, max_year: int = 2200) -> SearchStrategy[_dt.date]:
    """Dates from 1.1. of ``min_year`` to 31.12. of ``max_year`` (1–9999).

    >>> from hypothesis import find
    >>> find(dates(2020, 2030), lambda day: (day.day, day.month) == (29, 2)).year
    20...
    """
    if not MIN_YEAR <= min_year <= max_year <= MAX_YEAR:
        raise ValueError(f"need {MIN_YEAR} <= min_year <= max_year <= {MAX_YEAR}")
    return st.dates(_dt.date(min_year, 1, 1), _dt.date(max_year, 12, 31))
